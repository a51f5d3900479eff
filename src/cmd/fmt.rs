//! `renaksi fmt`: laporan.yaml, narasi.yaml and the Lampiran files of a
//! report (or of every report of a batch, with the batch's kabupaten.yaml
//! and shared narrative) rewritten in the canonical style, comments kept. Refuses, naming
//! them, when a comment would be lost; `--check` writes nothing and ends 1
//! when a file is not canonical.

use std::path::{Path, PathBuf};

use renaksi::content::{rapi, KABUPATEN, LAPORAN, NARASI, PEGAWAI};
use renaksi::diff::{self, JenisBerkas};
use renaksi::{Error, Problem};

use super::folder::Sasaran;
use super::Selesai;
use crate::cli::FmtArgs;

/// Formats (or checks) and says what it did.
pub fn run(args: &FmtArgs) -> Result<Selesai, Error> {
    let folders: Vec<PathBuf> = match Sasaran::pilih(args.dir.as_deref()) {
        Sasaran::Laporan(dir) => vec![dir],
        Sasaran::Batch(dir) => renaksi::content::discover(&dir)?,
        Sasaran::Contoh => {
            return Err(Error::Usage {
                message: "tidak ada laporan untuk dirapikan: folder ini tidak berisi laporan.yaml atau kabupaten.yaml".into(),
                hint: "sebut folder laporannya: `renaksi fmt FOLDER`".into(),
            })
        }
    };
    let mut writes: Vec<(PathBuf, String, String)> = Vec::new();
    let mut hilang: Vec<Problem> = Vec::new();
    let mut done: Vec<PathBuf> = Vec::new();
    for folder in &folders {
        plan(folder, &mut writes, &mut hilang, &mut done)?;
    }
    if args.check {
        for (_, shown, _) in &writes {
            eprintln!("belum rapi: {shown}");
        }
        for problem in &hilang {
            eprintln!("peringatan: {problem}");
        }
        eprintln!(
            "{} berkas belum rapi; rapikan dengan `renaksi fmt`",
            writes.len()
        );
        return Ok(Selesai::temuan(!writes.is_empty()));
    }
    if !hilang.is_empty() && !args.buang_komentar {
        return Err(Error::Input(hilang));
    }
    for (path, shown, text) in &writes {
        renaksi::fs::write_atomic(path, text.as_bytes())?;
        eprintln!("dirapikan: {shown}");
    }
    eprintln!("{} berkas dirapikan", writes.len());
    Ok(Selesai::Bersih)
}

/// What formatting one report's Lampiran would write, and the comments it
/// would lose.
fn plan(
    folder: &Path,
    writes: &mut Vec<(PathBuf, String, String)>,
    hilang: &mut Vec<Problem>,
    done: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    let report = renaksi::load(Some(folder))?;
    // laporan.yaml and the narrative (the report's own, or its batch's) as
    // the report loaded them, and the batch's kabupaten.yaml; files shared
    // by the reports of a batch once.
    let parent = folder
        .canonicalize()
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf));
    let own_narasi = report.narasi_file == report.source.display(NARASI);
    let narasi_path = match (&parent, own_narasi) {
        (Some(parent), false) => parent.join(NARASI),
        _ => folder.join(NARASI),
    };
    let mut files: Vec<(PathBuf, String, String, JenisBerkas)> = vec![
        (
            folder.join(LAPORAN),
            report.source.display(LAPORAN),
            report.identitas_text.clone(),
            JenisBerkas::Identitas,
        ),
        (
            narasi_path,
            report.narasi_file.clone(),
            report.narasi_text.clone(),
            JenisBerkas::Narasi,
        ),
    ];
    if let (Some(batch), Some(parent)) = (report.source.batch(), &parent) {
        let path = parent.join(KABUPATEN);
        if let Ok(text) = renaksi::fs::baca_teks(&path, renaksi::fs::YAML) {
            files.push((path, batch.display(KABUPATEN), text, JenisBerkas::Identitas));
        }
    }
    for (path, shown, text, kind) in files {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if done.contains(&key) {
            continue;
        }
        done.push(key);
        let rapi = match kind {
            JenisBerkas::Narasi => {
                let rapi = rapi::narasi(&text, &report.narasi);
                // Every text exactly as it was, not only the same words.
                let again: renaksi::content::Narasi =
                    renaksi::content::parse(&shown, &rapi.text).map_err(Error::Input)?;
                if again.texts() != report.narasi.texts() {
                    return Err(Error::Internal(format!(
                        "{shown}: bentuk kanonis mengubah teks narasi"
                    )));
                }
                rapi
            }
            _ => match rapi::identitas(&text) {
                Some(rapi) => rapi,
                None => continue,
            },
        };
        note(&shown, &text, &rapi, hilang);
        if let Some(text) = changed(kind, &shown, &text, rapi)? {
            writes.push((path, shown, text));
        }
    }
    if let Some((berkas, text)) = &report.pegawai {
        let shown = report.source.display(PEGAWAI);
        let rapi = rapi::pegawai(text, berkas);
        note(&shown, text, &rapi, hilang);
        if let Some(text) = changed(JenisBerkas::Pegawai, &shown, text, rapi)? {
            writes.push((folder.join(PEGAWAI), shown, text));
        }
    }
    lkjip(folder, &report, writes, hilang)?;
    for file in &report.lampiran {
        let shown = report.source.display(&file.file);
        let rapi = rapi::lampiran(&file.text, &file.table);
        note(&shown, &file.text, &rapi, hilang);
        if let Some(text) = changed(JenisBerkas::Lampiran, &shown, &file.text, rapi)? {
            writes.push((folder.join(&file.file), shown, text));
        }
    }
    // Realisasi files in the form `renaksi realisasi` writes; while a key
    // does not match the Lampiran they are left, and the galat named.
    if renaksi::realisasi::ada(&report) {
        let realisasi = renaksi::realisasi::muat(&report)?;
        for berkas in realisasi.tw.iter().flatten() {
            let shown = report.source.display(&berkas.file);
            let text = renaksi::init::realisasi::tulis_ulang(
                &report,
                berkas.triwulan,
                Some(&berkas.isi),
                &berkas.text,
            );
            // A comment of the file that the canonical form does not write;
            // renaksi's own beside the keys are written anew, stale or not.
            let kept: std::collections::HashSet<&str> = text.lines().map(str::trim).collect();
            let own = renaksi::init::realisasi::komentar_renaksi(&berkas.text);
            let lost: Vec<(usize, String)> = berkas
                .text
                .lines()
                .enumerate()
                .filter(|(i, l)| {
                    l.trim_start().starts_with('#')
                        && !kept.contains(l.trim())
                        && !own.contains(&(i + 1))
                })
                .map(|(i, l)| (i + 1, l.trim().to_owned()))
                .collect();
            let rapi = rapi::Rapi { text, hilang: lost };
            note(&shown, &berkas.text, &rapi, hilang);
            let kind = JenisBerkas::Realisasi(berkas.triwulan);
            if let Some(text) = changed(kind, &shown, &berkas.text, rapi)? {
                writes.push((folder.join(&berkas.file), shown, text));
            }
        }
    }
    Ok(())
}

/// The comments `rapi` would lose, as problems at their lines.
fn note(shown: &str, text: &str, rapi: &rapi::Rapi, hilang: &mut Vec<Problem>) {
    for (line, comment) in &rapi.hilang {
        hilang.push(
            Problem::new(shown, format!("komentar akan hilang: {comment}"))
                .at(text, *line, 1)
                .hint("komentar ini melekat pada kunci yang tidak ditulis bentuk kanonis (nilai bawaan, daftar kosong); pindahkan ke kunci di dekatnya, atau jalankan dengan --buang-komentar"),
        );
    }
}

/// The canonical text when it differs from `text`; the rewrite must mean
/// exactly what the file meant (`renaksi diff` finds nothing), or nothing
/// is written.
/// The Laporan Kinerja's files, each that exists: a file that does not
/// parse is refused with its problems, as a report file is.
fn lkjip(
    folder: &Path,
    report: &renaksi::content::Report,
    writes: &mut Vec<(PathBuf, String, String)>,
    hilang: &mut Vec<Problem>,
) -> Result<(), Error> {
    use renaksi::lkjip::{tulis, BerkasKinerjaLalu, BerkasLkjip, BerkasRenstra};
    use renaksi::lkjip::{KINERJA_LALU, LKJIP, RENSTRA};
    for (rel, kind) in [
        (RENSTRA, JenisBerkas::Renstra),
        (KINERJA_LALU, JenisBerkas::KinerjaLalu),
        (LKJIP, JenisBerkas::Lkjip),
    ] {
        let Some(bytes) = report.source.read(rel)? else {
            continue;
        };
        let shown = report.source.display(rel);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let parse = |t: &str| -> Result<Vec<(String, String)>, Error> {
            Ok(match kind {
                JenisBerkas::Renstra => tulis::renstra_lines(
                    &renaksi::content::parse::<BerkasRenstra>(&shown, t).map_err(Error::Input)?,
                ),
                JenisBerkas::KinerjaLalu => tulis::lalu_lines(
                    &renaksi::content::parse::<BerkasKinerjaLalu>(&shown, t)
                        .map_err(Error::Input)?,
                ),
                _ => tulis::lkjip_lines(
                    &renaksi::content::parse::<BerkasLkjip>(&shown, t).map_err(Error::Input)?,
                ),
            })
        };
        let lines = parse(&text)?;
        let rapi = rapi::dengan_komentar(&text, &lines);
        // Every text exactly as it was: written again, the same lines.
        if parse(&rapi.text)? != lines {
            return Err(Error::Internal(format!(
                "{shown}: bentuk kanonis mengubah isi"
            )));
        }
        note(&shown, &text, &rapi, hilang);
        if let Some(text) = changed(kind, &shown, &text, rapi)? {
            writes.push((folder.join(rel), shown, text));
        }
    }
    Ok(())
}

fn changed(
    kind: JenisBerkas,
    shown: &str,
    text: &str,
    rapi: rapi::Rapi,
) -> Result<Option<String>, Error> {
    if rapi.text == text {
        return Ok(None);
    }
    let changes = diff::files(kind, shown, Some((shown, text)), Some((shown, &rapi.text)))?;
    if !changes.is_empty() {
        return Err(Error::Internal(format!(
            "{shown}: bentuk kanonis mengubah isi ({} perubahan)",
            changes.len()
        )));
    }
    Ok(Some(rapi.text))
}

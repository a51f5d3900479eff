//! `renaksi import`: a workbook's flat table into Lampiran YAML, through the
//! canonical writer — a new report folder, or (`--lampiran`) the tables of
//! an existing one. `--coba` says what would change and writes nothing.

use std::path::Path;

use renaksi::content::{tulis, Lampiran, Rincian, Tingkat, LAPORAN};
use renaksi::diff::{self, JenisBerkas};
use renaksi::lembar::impor::{self, Buku};
use renaksi::Error;

use crate::cli::{Format, ImportArgs};

/// Reads the workbook, writes (or, with `--coba`, shows) the YAML.
pub fn run(args: &ImportArgs) -> Result<(), Error> {
    let name = args.file.display().to_string();
    let bytes = read(&args.file)?;
    if args.realisasi {
        return realisasi(args, &name, &bytes);
    }
    let buku = impor::read(&name, &bytes).map_err(Error::Input)?;
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let asal = format!("Diimpor dari {file_name} (lembar Data) dengan `renaksi import`.");
    if args.dir.join(LAPORAN).is_file() {
        if !args.lampiran {
            return Err(Error::Usage {
                message: format!("{} sudah berisi laporan", args.dir.display()),
                hint: format!(
                    "perbarui Lampirannya dengan `renaksi import {} {} --lampiran` (coba dulu dengan --coba)",
                    args.file.display(),
                    args.dir.display()
                ),
            });
        }
        update(args, &buku, &asal)
    } else {
        if args.lampiran {
            return Err(Error::Usage {
                message: format!(
                    "{} bukan folder laporan: tidak berisi {LAPORAN}",
                    args.dir.display()
                ),
                hint: "tanpa --lampiran, import membuat folder laporan baru".into(),
            });
        }
        create(args, &buku, &asal, &file_name)
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    renaksi::fs::baca(path, renaksi::fs::BUKU_KERJA)
}

/// The file a level is written to in a new folder.
fn file_of(tingkat: Tingkat) -> &'static str {
    match tingkat {
        Tingkat::Program => "lampiran/1-program.yaml",
        Tingkat::Kegiatan => "lampiran/2-kegiatan.yaml",
        Tingkat::SubKegiatan => "lampiran/3-sub-kegiatan.yaml",
        Tingkat::Kinerja => "lampiran/4-kinerja.yaml",
    }
}

/// The leading comment lines of a file (its modeline and header), without
/// an earlier import's line, and without `# `.
fn header_of(text: &str) -> (Option<String>, Vec<String>) {
    let mut schema = None;
    let mut lines = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(s) = line.strip_prefix("# yaml-language-server: $schema=") {
            schema = Some(s.to_owned());
        } else if !line.starts_with("# Diimpor dari ") {
            lines.push(line.trim_start_matches('#').trim_start().to_owned());
        }
    }
    (schema, lines)
}

/// `--lampiran`: each level's table replaces the file that holds it,
/// keeping that file's name and header comments.
fn update(args: &ImportArgs, buku: &Buku, asal: &str) -> Result<(), Error> {
    let report = renaksi::load(Some(&args.dir))?;
    if buku.pegawai.is_some() {
        eprintln!(
            "catatan: lembar Pegawai tidak dibaca dengan --lampiran; pegawai.yaml tetap seperti adanya"
        );
    }
    let id = &report.identitas;
    if buku.rincian != id.rincian_target {
        return Err(Error::Usage {
            message: format!(
                "lembar kerja memakai {}, laporan.yaml memakai rincian_target: {}",
                kata(buku.rincian),
                renaksi::lembar::kata(id.rincian_target)
            ),
            hint: "samakan periodenya: bulan (Januari … Desember) atau TW I … TW IV".into(),
        });
    }
    let any_schema = report.lampiran.iter().find_map(|f| header_of(&f.text).0);
    let mut writes: Vec<(String, String, Option<String>)> = Vec::new();
    for table in &buku.tabel {
        let existing = report
            .lampiran
            .iter()
            .find(|f| f.table.tingkat == table.tingkat);
        let (rel, old, schema, mut header) = match existing {
            Some(f) => {
                let (schema, header) = header_of(&f.text);
                (f.file.clone(), Some(f.text.clone()), schema, header)
            }
            None => (
                file_of(table.tingkat).to_owned(),
                None,
                any_schema.clone(),
                Vec::new(),
            ),
        };
        header.push(asal.to_owned());
        let body = match existing {
            // The file's comments stay on their keys, as `renaksi fmt`
            // keeps them; those whose key is gone are named.
            Some(f) => {
                let rapi = renaksi::content::rapi::lampiran(&f.text, table);
                for (line, comment) in &rapi.hilang {
                    eprintln!(
                        "catatan: {}:{line}: komentar tidak ikut (kuncinya tidak ada lagi): {comment}",
                        report.source.display(&f.file)
                    );
                }
                // The header is written anew below.
                rapi.text
                    .lines()
                    .skip_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
                    .map(|l| format!("{l}\n"))
                    .collect()
            }
            None => tulis::lampiran(table, None, &[]),
        };
        let mut text = tulis::file_header(schema.as_deref(), &header);
        text.push_str(&body);
        writes.push((rel, text, old));
    }
    let label = report.source.label.clone();
    let mut changes = Vec::new();
    for (rel, text, old) in &writes {
        let shown = report.source.display(rel);
        changes.extend(diff::files(
            JenisBerkas::Lampiran,
            rel,
            old.as_deref().map(|o| (shown.as_str(), o)),
            Some((shown.as_str(), text.as_str())),
        )?);
    }
    let untouched: Vec<&str> = report
        .lampiran
        .iter()
        .filter(|f| !buku.tabel.iter().any(|t| t.tingkat == f.table.tingkat))
        .map(|f| f.file.as_str())
        .collect();
    // What would be written must load as a report: renaksi never writes
    // what it would then refuse (a cell of 10 MB, a text past its limit).
    let overlay: Vec<(String, Vec<u8>)> = writes
        .iter()
        .map(|(rel, text, _)| (rel.clone(), text.clone().into_bytes()))
        .collect();
    let batch_label = report
        .source
        .batch()
        .map(|b| b.label.clone())
        .unwrap_or_default();
    let baru = renaksi::content::Source::from_dir(&args.dir)?.overlaid(
        &report.source.label,
        overlay,
        &batch_label,
        Vec::new(),
    );
    let refused = match renaksi::content::Report::load(baru) {
        Ok(baru) => {
            let found = renaksi::check::batas(&baru);
            (!found.is_empty())
                .then(|| Error::Input(found.into_iter().map(|d| d.problem).collect()))
        }
        Err(err) => Some(err),
    };
    if let Some(err) = refused {
        eprintln!(
            "tidak ada berkas yang ditulis: tabel dari {} akan ditolak renaksi:",
            args.file.display()
        );
        return Err(err);
    }
    if args.coba {
        coba(args, &label, &changes)?;
        for rel in &untouched {
            eprintln!(
                "catatan: {} tidak ada di lembar kerja dan dibiarkan",
                report.source.display(rel)
            );
        }
        eprintln!("--coba: tidak ada berkas yang ditulis");
        return Ok(());
    }
    tulis_semua(&args.dir, &report, &writes)?;
    for rel in &untouched {
        eprintln!(
            "catatan: {} tidak ada di lembar kerja dan dibiarkan",
            report.source.display(rel)
        );
    }
    eprintln!("{} perubahan dari {}", changes.len(), args.file.display());
    after(&args.dir)
}

fn kata(rincian: Rincian) -> &'static str {
    match rincian {
        Rincian::Bulanan => "bulan",
        Rincian::Triwulan => "triwulan",
    }
}

/// A new report folder: the scaffold's narrative and schemas, laporan.yaml
/// from the `Identitas` sheet (or the scaffold's, to be filled in), and the
/// tables.
fn create(args: &ImportArgs, buku: &Buku, asal: &str, file_name: &str) -> Result<(), Error> {
    let value = |key: &str| {
        buku.identitas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let tahun = value("tahun")
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| chrono::Datelike::year(&super::init::today()));
    let tanggal = value("penandatangan.tanggal")
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| chrono::NaiveDate::from_ymd_opt(tahun, 1, 2))
        .unwrap_or_default();
    let perubahan = value("perubahan") == Some("true");
    let rencana = renaksi::init::kerangka(tahun, tanggal, perubahan);
    // In a batch folder with a shared narrative, the kecamatan uses it.
    let shared = args
        .dir
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .is_some_and(|p| {
            p.join(renaksi::content::KABUPATEN).is_file()
                && p.join(renaksi::content::NARASI).is_file()
        });
    let mut files: Vec<(String, Vec<u8>)> = rencana
        .files
        .into_iter()
        .filter(|(name, _)| !name.starts_with("lampiran/"))
        .filter(|(name, _)| !(shared && name == renaksi::content::NARASI))
        .collect();
    // Defaults are not written: laporan.yaml holds what was chosen.
    let defaults = [
        ("kertas", "a4"),
        ("huruf", "arial"),
        ("rincian_target", "bulanan"),
        ("ejaan_bulan", "baku"),
    ];
    // In a batch, what kabupaten.yaml already says is not repeated.
    let bawaan = batch_defaults(&args.dir);
    // A key left blank in the sheet: a value to review where one is
    // needed to read the file (the year, the date), else a placeholder
    // that `check` names, as in `renaksi init`'s scaffold.
    let mut rows: Vec<(String, String)> = Vec::new();
    for (key, v) in &buku.identitas {
        if defaults.contains(&(key.as_str(), v.as_str()))
            || bawaan.iter().any(|(k, b)| k == key && b == v)
        {
            continue;
        }
        let value = if !v.is_empty() {
            v.clone()
        } else {
            match key.as_str() {
                "tahun" => tahun.to_string(),
                "perubahan" => perubahan.to_string(),
                "penandatangan.tanggal" => tanggal.format("%Y-%m-%d").to_string(),
                "kertas"
                | "huruf"
                | "ejaan_bulan"
                | "rincian_target"
                | "logo"
                | "penandatangan.pelaksana" => continue,
                _ => {
                    let about = renaksi::lembar::ekspor::IDENTITAS_KUNCI
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or(key.as_str(), |(_, about)| about);
                    format!("[isi: {about}]")
                }
            }
        };
        rows.push((key.clone(), value));
    }
    if buku.rincian == Rincian::Triwulan && !rows.iter().any(|(k, _)| k == "rincian_target") {
        rows.push(("rincian_target".into(), renaksi::lembar::kata(buku.rincian)));
    }
    if !buku.identitas.is_empty() {
        let header = vec![
            format!("Identitas laporan, diimpor dari {file_name} (lembar Identitas) dengan `renaksi import`."),
            "Format lengkap: docs/format.md.".to_owned(),
        ];
        let text = tulis::identitas(&rows, Some(".schema/laporan.schema.json"), &header);
        if let Some((_, bytes)) = files.iter_mut().find(|(n, _)| n == LAPORAN) {
            *bytes = text.into_bytes();
        }
    }
    let tables: Vec<&Lampiran> = buku.tabel.iter().collect();
    for table in &tables {
        let text = tulis::lampiran(
            table,
            Some("../.schema/lampiran.schema.json"),
            &[asal.to_owned()],
        );
        files.push((file_of(table.tingkat).to_owned(), text.into_bytes()));
    }
    if let Some(pegawai) = &buku.pegawai {
        let header = vec![
            format!("Pegawai dan atasannya untuk Perjanjian Kinerja, diimpor dari {file_name} (lembar Pegawai) dengan `renaksi import`."),
            "Format lengkap: docs/format.md.".to_owned(),
        ];
        let mut text = tulis::file_header(Some(".schema/pegawai.schema.json"), &header);
        for (line, _) in tulis::pegawai_lines(pegawai) {
            text.push_str(&line);
            text.push('\n');
        }
        files.push((renaksi::content::PEGAWAI.to_owned(), text.into_bytes()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if args.coba {
        eprintln!("--coba: {} akan berisi:", args.dir.display());
        for (name, bytes) in &files {
            if !name.starts_with(".schema/") {
                eprintln!(
                    "  {name} ({} baris)",
                    String::from_utf8_lossy(bytes).lines().count()
                );
            }
        }
        eprintln!("tidak ada berkas yang ditulis");
        return Ok(());
    }
    renaksi::fs::write_tree(&args.dir, &files)?;
    let indikator: usize = tables
        .iter()
        .flat_map(|t| &t.pejabat)
        .flat_map(|p| &p.sasaran)
        .map(|s| s.indikator.len())
        .sum();
    eprintln!(
        "laporan baru: {} ({} tabel, {indikator} indikator dari {})",
        args.dir.display(),
        tables.len(),
        args.file.display()
    );
    if buku.identitas.is_empty() {
        eprintln!("catatan: lembar kerja tanpa lembar Identitas: isi laporan.yaml (tempat isian [isi: …])");
    }
    after(&args.dir)
}

/// The values of the batch's kabupaten.yaml above `dir`, by dotted key.
fn batch_defaults(dir: &Path) -> Vec<(String, String)> {
    let parent = match dir.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Vec::new(),
    };
    let Ok(text) =
        renaksi::fs::baca_teks(&parent.join(renaksi::content::KABUPATEN), renaksi::fs::YAML)
    else {
        return Vec::new();
    };
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(&text)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let plain = |v: &serde_yaml::Value| match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    for (k, v) in &map {
        let Some(k) = k.as_str() else { continue };
        match v {
            serde_yaml::Value::Mapping(inner) => {
                for (k2, v2) in inner {
                    if let (Some(k2), Some(v2)) = (k2.as_str(), plain(v2)) {
                        out.push((format!("{k}.{k2}"), v2));
                    }
                }
            }
            v => {
                if let Some(v) = plain(v) {
                    out.push((k.to_owned(), v));
                }
            }
        }
    }
    out
}

/// What `check` says of the result, in one line, with the command for the
/// details.
fn after(dir: &Path) -> Result<(), Error> {
    use renaksi::error::{Diagnostic, Severity};
    let found: Vec<Diagnostic> = match renaksi::load(Some(dir)) {
        Ok(report) => {
            let mut found = renaksi::check::lint(&report, None);
            found.extend(renaksi::check::realisasi::temuan(&report)?);
            found
        }
        Err(Error::Input(problems)) => problems
            .into_iter()
            .map(|problem| Diagnostic {
                severity: Severity::Galat,
                problem,
            })
            .collect(),
        Err(err) => return Err(err),
    };
    let galat = found
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .count();
    let peringatan = found.len() - galat;
    // The first galat, so that what is left to do is seen at once.
    for diagnostic in found
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .take(3)
    {
        eprintln!("{diagnostic}");
    }
    eprintln!(
        "periksa: {galat} galat, {peringatan} peringatan; rinciannya: `renaksi check {}`",
        dir.display()
    );
    Ok(())
}

/// `--realisasi`: each quarter of the workbook's realisasi sheets replaces
/// its realisasi/twN.yaml, written by the canonical realisasi writer.
fn realisasi(args: &ImportArgs, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let report = renaksi::load(Some(&args.dir))?;
    let quarters = renaksi::lembar::realisasi::baca(name, bytes, &report).map_err(Error::Input)?;
    if quarters.is_empty() {
        return Err(Error::Usage {
            message: format!("lembar kerja {name} tidak berisi baris realisasi"),
            hint: "isi kolom realisasi lembar `Realisasi` hasil `renaksi export`".into(),
        });
    }
    let label = report.source.label.clone();
    let mut changes = Vec::new();
    let mut writes = Vec::new();
    for (n, isi) in &quarters {
        let rel = renaksi::realisasi::nama_berkas(*n);
        let shown = report.source.display(&rel);
        let old = report
            .source
            .read(&rel)?
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let text = renaksi::init::realisasi::tulis_ulang(
            &report,
            *n,
            Some(isi),
            old.as_deref().unwrap_or(""),
        );
        // What is written must read back: a guard against a writer fault.
        renaksi::content::parse::<renaksi::realisasi::BerkasRealisasi>(&shown, &text)
            .map_err(Error::Input)?;
        changes.extend(diff::files(
            JenisBerkas::Realisasi(*n),
            &rel,
            old.as_deref().map(|o| (shown.as_str(), o)),
            Some((shown.as_str(), text.as_str())),
        )?);
        writes.push((rel, text, old));
    }
    if args.coba {
        coba(args, &label, &changes)?;
        eprintln!("--coba: tidak ada berkas yang ditulis");
        return Ok(());
    }
    tulis_semua(&args.dir, &report, &writes)?;
    eprintln!("{} perubahan dari {}", changes.len(), args.file.display());
    after(&args.dir)
}

/// Writes each changed file of `writes` (path in the folder, new text, old
/// text) atomically and names it.
fn tulis_semua(
    dir: &Path,
    report: &renaksi::content::Report,
    writes: &[(String, String, Option<String>)],
) -> Result<(), Error> {
    for (rel, text, old) in writes {
        if old.as_deref() == Some(text.as_str()) {
            continue;
        }
        renaksi::fs::write_atomic(&renaksi::fs::di_dalam(dir, rel)?, text.as_bytes())?;
        eprintln!("ditulis: {}", report.source.display(rel));
    }
    Ok(())
}

/// `--coba`: what the workbook would change, as `renaksi diff` says it.
fn coba(args: &ImportArgs, label: &str, changes: &[diff::Perubahan]) -> Result<(), Error> {
    super::diff::print(
        Format::Teks,
        label,
        &format!("{label} + {}", args.file.display()),
        changes,
    )
}

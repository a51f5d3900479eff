//! What `renaksi import` writes: a workbook read by [`super::impor`] made
//! into the files of a report — a new folder, or (`--lampiran`) new tables
//! for an existing one — through the canonical writer, with what each
//! changes as `diff` says it; nothing here writes to disk.

use std::path::Path;

use super::impor::Buku;
use crate::content::{tulis, Lampiran, Report, Rincian, Tingkat, LAPORAN};
use crate::diff::{self, JenisBerkas, Perubahan};
use crate::error::Error;

/// New tables for an existing report.
pub struct Pembaruan {
    /// Each file to write: its path in the folder, its new text, its text
    /// now (`None` for a new file).
    pub tulis: Vec<(String, String, Option<String>)>,
    /// What they change.
    pub perubahan: Vec<Perubahan>,
    /// The report's tables the workbook does not hold: left as they are.
    pub dibiarkan: Vec<String>,
    /// Comments whose key is gone: file, line, comment.
    pub komentar_hilang: Vec<(String, usize, String)>,
    /// Why renaksi would refuse the report so written (a cell past its
    /// limit): then nothing may be written.
    pub ditolak: Option<Error>,
    /// What else a person should know (a `Pegawai` sheet left unread).
    pub catatan: Vec<String>,
}

/// `--lampiran`: each level's table of `buku` replaces the file of
/// `report` (in the folder `dir`) that holds it, keeping that file's name
/// and header comments; `asal` is the header line that says where the
/// table came from.
pub fn lampiran(report: &Report, buku: &Buku, asal: &str, dir: &Path) -> Result<Pembaruan, Error> {
    let id = &report.identitas;
    if buku.rincian != id.rincian_target {
        return Err(Error::Usage {
            message: format!(
                "lembar kerja memakai {}, laporan.yaml memakai rincian_target: {}",
                kata(buku.rincian),
                super::kata(id.rincian_target)
            ),
            hint: "samakan periodenya: bulan (Januari … Desember) atau TW I … TW IV".into(),
        });
    }
    let mut hilang = Vec::new();
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
                let rapi = crate::content::rapi::lampiran(&f.text, table);
                for (line, comment) in &rapi.hilang {
                    hilang.push((report.source.display(&f.file), *line, comment.clone()));
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
    // The `Pegawai` sheet, when it names someone, replaces pegawai.yaml's
    // people (the statement text and the comments stay); written only
    // when that changes something.
    let mut catatan = Vec::new();
    // Without pegawai.yaml, a sheet as `export` wrote it (the officials
    // of the tables, to be filled in) says nothing new.
    let seperti_ekspor = |baru: &crate::content::BerkasPegawai| {
        report.pegawai.is_none()
            && sama(
                &crate::init::pegawai::dari_laporan(report).pegawai,
                &baru.pegawai,
            )
    };
    match buku.pegawai.as_ref() {
        Some(baru) if baru.pegawai.is_empty() => catatan.push(
            "lembar Pegawai tidak berisi seorang pun: pegawai.yaml dibiarkan".to_owned(),
        ),
        Some(baru) if seperti_ekspor(baru) => catatan.push(
            "lembar Pegawai belum diisi (sama dengan pejabat Lampiran yang ditulis `renaksi export`): pegawai.yaml tidak dibuat".to_owned(),
        ),
        Some(baru) => {
            let rel = crate::content::PEGAWAI.to_owned();
            let shown = report.source.display(&rel);
            let (text, old) = match &report.pegawai {
                Some((lama, old)) => {
                    let berkas = crate::content::BerkasPegawai {
                        pegawai: baru.pegawai.clone(),
                        pernyataan: lama.pernyataan.clone(),
                    };
                    let rapi = crate::content::rapi::pegawai(old, &berkas);
                    for (line, comment) in &rapi.hilang {
                        hilang.push((shown.clone(), *line, comment.clone()));
                    }
                    (rapi.text, Some(old.clone()))
                }
                None => {
                    let header = vec![
                        "Pegawai dan atasannya untuk Perjanjian Kinerja.".to_owned(),
                        asal.to_owned(),
                    ];
                    // Beside the tables' schema, one folder up.
                    let schema = any_schema.as_deref().map(|s| {
                        s.trim_start_matches("../")
                            .replace("lampiran.schema.json", "pegawai.schema.json")
                    });
                    (tulis::pegawai(baru, schema.as_deref(), &header), None)
                }
            };
            let found = diff::files(
                JenisBerkas::Pegawai,
                &rel,
                old.as_deref().map(|o| (shown.as_str(), o)),
                Some((shown.as_str(), text.as_str())),
            )?;
            if !found.is_empty() {
                changes.extend(found);
                writes.push((rel, text, old));
            }
        }
        None => {}
    }
    // The Renstra and earlier years' sheets, each written only when what
    // it holds changes; their comments stay on their keys.
    let (_, lalu_sekarang) = crate::lkjip::baca_saja(report);
    let lkjip = [
        buku.renstra.as_ref().map(|r| {
            (
                crate::lkjip::RENSTRA,
                JenisBerkas::Renstra,
                crate::lkjip::tulis::renstra_lines(r),
                "Rencana Strategis: tujuan, sasaran strategis dan IKU dengan target per tahun.",
            )
        }),
        buku.lalu.as_ref().map(|l| {
            let gabung = super::kinerja::gabung(l, lalu_sekarang.as_ref());
            (
                crate::lkjip::KINERJA_LALU,
                JenisBerkas::KinerjaLalu,
                crate::lkjip::tulis::lalu_lines(&gabung),
                "Kinerja IKU tahun-tahun sebelumnya, untuk Laporan Kinerja.",
            )
        }),
    ];
    for (rel, kind, lines, judul) in lkjip.into_iter().flatten() {
        let shown = report.source.display(rel);
        let old = report
            .source
            .read(rel)?
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let text = match &old {
            Some(old) => {
                let rapi = crate::content::rapi::dengan_komentar(old, &lines);
                for (line, comment) in &rapi.hilang {
                    hilang.push((shown.clone(), *line, comment.clone()));
                }
                rapi.text
            }
            None => {
                let schema = any_schema.as_deref().map(|s| {
                    s.trim_start_matches("../").replace(
                        "lampiran.schema.json",
                        &format!("{}.schema.json", kind.kata()),
                    )
                });
                let mut text =
                    tulis::file_header(schema.as_deref(), &[judul.to_owned(), asal.to_owned()]);
                for (line, _) in &lines {
                    text.push_str(line);
                    text.push('\n');
                }
                text
            }
        };
        let found = diff::files(
            kind,
            rel,
            old.as_deref().map(|o| (shown.as_str(), o)),
            Some((shown.as_str(), text.as_str())),
        )?;
        if !found.is_empty() {
            changes.extend(found);
            writes.push((rel.to_owned(), text, old));
        }
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
    let baru = crate::content::Source::from_dir(dir)?.overlaid(
        &report.source.label,
        overlay,
        &batch_label,
        Vec::new(),
    );
    let refused = match Report::load(baru) {
        Ok(baru) => {
            let found = crate::check::batas(&baru);
            (!found.is_empty())
                .then(|| Error::Input(found.into_iter().map(|d| d.problem).collect()))
        }
        Err(err) => Some(err),
    };
    Ok(Pembaruan {
        tulis: writes,
        perubahan: changes,
        dibiarkan: untouched.into_iter().map(str::to_owned).collect(),
        komentar_hilang: hilang,
        ditolak: refused,
        catatan,
    })
}

/// The files of a new report folder `dir` made of `buku` (read from the
/// workbook `file_name`; `asal` says so in each table's header): the
/// scaffold's narrative and schemas, laporan.yaml from the `Identitas`
/// sheet (or the scaffold's, to be filled in), the tables and pegawai.yaml;
/// `hari_ini` gives the year when the sheet does not.
pub fn folder_baru(
    buku: &Buku,
    asal: &str,
    file_name: &str,
    dir: &Path,
    hari_ini: chrono::NaiveDate,
) -> Vec<(String, Vec<u8>)> {
    let value = |key: &str| {
        buku.identitas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let tahun = value("tahun")
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| chrono::Datelike::year(&hari_ini));
    let tanggal = value("penandatangan.tanggal")
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| chrono::NaiveDate::from_ymd_opt(tahun, 1, 2))
        .unwrap_or_default();
    let perubahan = value("perubahan") == Some("true");
    let rencana = crate::init::kerangka(tahun, tanggal, perubahan);
    // In a batch folder with a shared narrative, the kecamatan uses it.
    let shared = dir
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .is_some_and(|p| {
            p.join(crate::content::KABUPATEN).is_file() && p.join(crate::content::NARASI).is_file()
        });
    let mut files: Vec<(String, Vec<u8>)> = rencana
        .files
        .into_iter()
        .filter(|(name, _)| !name.starts_with("lampiran/"))
        .filter(|(name, _)| !(shared && name == crate::content::NARASI))
        .collect();
    // Defaults are not written: laporan.yaml holds what was chosen.
    let defaults = [
        ("kertas", "a4"),
        ("huruf", "arial"),
        ("rincian_target", "bulanan"),
        ("ejaan_bulan", "baku"),
    ];
    // In a batch, what kabupaten.yaml already says is not repeated.
    let bawaan = batch_defaults(dir);
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
                    let about = super::ekspor::IDENTITAS_KUNCI
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
        rows.push(("rincian_target".into(), super::kata(buku.rincian)));
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
    let text = match buku.pegawai.as_ref().filter(|p| !p.pegawai.is_empty()) {
        Some(pegawai) => {
            let header = vec![
                format!("Pegawai dan atasannya untuk Perjanjian Kinerja, diimpor dari {file_name} (lembar Pegawai) dengan `renaksi import`."),
                "Format lengkap: docs/format.md.".to_owned(),
            ];
            tulis::pegawai(pegawai, Some(".schema/pegawai.schema.json"), &header)
        }
        // No one named in the sheet: made from the tables' officials, as
        // `renaksi init` makes it, to be filled in.
        None => {
            let kepala = crate::init::pegawai::Kepala::dari_kunci(|k| value(k).map(str::to_owned));
            crate::init::pegawai::teks(
                &crate::init::pegawai::dari_lampiran(&tables, &kepala),
                ".schema/pegawai.schema.json",
                &format!("Dibuat dari pejabat Lampiran {file_name} oleh `renaksi import`"),
            )
        }
    };
    files.push((crate::content::PEGAWAI.to_owned(), text.into_bytes()));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Whether two lists of people say the same, key by key.
fn sama(a: &[crate::content::Pegawai], b: &[crate::content::Pegawai]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.isian() == y.isian())
}

/// The realisasi files `quarters` (by quarter) of `report` written anew,
/// each with its text now, and what they change.
#[allow(clippy::type_complexity)]
pub fn realisasi(
    report: &Report,
    quarters: &std::collections::BTreeMap<usize, crate::realisasi::BerkasRealisasi>,
) -> Result<(Vec<(String, String, Option<String>)>, Vec<Perubahan>), Error> {
    let mut changes = Vec::new();
    let mut writes = Vec::new();
    for (n, isi) in quarters {
        let rel = crate::realisasi::nama_berkas(*n);
        let shown = report.source.display(&rel);
        let old = report
            .source
            .read(&rel)?
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let text = crate::init::realisasi::tulis_ulang(
            report,
            *n,
            Some(isi),
            old.as_deref().unwrap_or(""),
        );
        // What is written must read back: a guard against a writer fault.
        crate::content::parse::<crate::realisasi::BerkasRealisasi>(&shown, &text)
            .map_err(Error::Input)?;
        changes.extend(diff::files(
            JenisBerkas::Realisasi(*n),
            &rel,
            old.as_deref().map(|o| (shown.as_str(), o)),
            Some((shown.as_str(), text.as_str())),
        )?);
        writes.push((rel, text, old));
    }
    Ok((writes, changes))
}

/// The file a level is written to in a new folder.
pub fn file_of(tingkat: Tingkat) -> &'static str {
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

fn kata(rincian: Rincian) -> &'static str {
    match rincian {
        Rincian::Bulanan => "bulan",
        Rincian::Triwulan => "triwulan",
    }
}

/// The values of the batch's kabupaten.yaml above `dir`, by dotted key.
fn batch_defaults(dir: &Path) -> Vec<(String, String)> {
    let parent = match dir.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Vec::new(),
    };
    let Ok(text) = crate::fs::baca_teks(&parent.join(crate::content::KABUPATEN), crate::fs::YAML)
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

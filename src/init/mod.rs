//! `renaksi init`: a new report folder, either the built-in scaffold with
//! placeholders `[isi: …]` that `check` flags until they are filled, or a
//! copy of last year's report with the year moved on where it is data.
//!
//! The files are edited as text, line by line, so comments, order and
//! quoting stay as the user wrote them; only the values that change do.

mod editor;
mod identitas;
pub mod lkjip;
mod modeline;
pub mod pegawai;
mod periksa;
pub mod realisasi;
mod tahun;

pub use modeline::fix_modelines;

use editor::Editor;
use identitas::identitas;
use periksa::{review_pegawai, review_table};
use tahun::{buang_kunci, years};

use chrono::NaiveDate;

use crate::content::{self, Berkas, KABUPATEN, LAMPIRAN, LAPORAN};
use crate::error::{Error, Problem};
use crate::locate::locate;

/// One line of what init did or what a person still has to do: a
/// [`Problem`] with the file inside the new folder, perhaps its line, and
/// what, in Indonesian.
pub(crate) fn catatan(
    berkas: impl Into<String>,
    baris: Option<usize>,
    pesan: impl Into<String>,
) -> Problem {
    let mut problem = Problem::new(berkas, pesan);
    problem.line = baris;
    problem
}

/// The new report before it is written.
#[derive(Debug, Clone)]
pub struct Rencana {
    /// Every file of the new folder.
    pub files: Vec<Berkas>,
    /// The year of the new report.
    pub tahun: i32,
    /// What was changed from the old report.
    pub diubah: Vec<Problem>,
    /// What a person still has to look at.
    pub periksa: Vec<Problem>,
}

/// The scaffold for a report of `tahun` (the Perubahan if `perubahan`),
/// signed on `tanggal` (to be reviewed), with its three JSON Schemas in
/// `.schema/` for the editor.
pub fn kerangka(tahun: i32, tanggal: NaiveDate, perubahan: bool) -> Rencana {
    let mut files: Vec<Berkas> = crate::embedded::SCAFFOLD
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    // The scaffold's own year and date are not worth reporting as changes.
    let mut ignored = Vec::new();
    let mut tanggal_line = None;
    if let Some((name, bytes)) = files.iter_mut().find(|(n, _)| n == LAPORAN) {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        let mut edit = Editor::new(name, &mut text, &mut ignored);
        edit.set("tahun", &tahun.to_string(), "tahun");
        let date = tanggal.format("%Y-%m-%d").to_string();
        edit.set("penandatangan.tanggal", &date, "tanggal penandatanganan");
        edit.set("perubahan", &perubahan.to_string(), "perubahan");
        tanggal_line = locate(&text, "penandatangan.tanggal").map(|(l, _)| l);
        *bytes = text.into_bytes();
    }
    // pegawai.yaml from the scaffold's officials, to be filled like the rest.
    if let Some(text) = pegawai_untuk(&files, "") {
        files.push((content::PEGAWAI.to_owned(), text.into_bytes()));
    }
    for jenis in crate::schema::Jenis::ALL {
        let schema = crate::schema::text(jenis);
        files.push((
            format!(".schema/{}", jenis.file_name()),
            schema.into_bytes(),
        ));
    }
    let mut periksa = vec![catatan(
        LAPORAN.to_owned(),
        tanggal_line,
        format!(
            "tanggal penandatanganan kini {} ({}): sesuaikan dengan tanggal penetapan",
            crate::format::tanggal(tanggal, crate::content::Ejaan::Baku),
            tanggal.format("%Y-%m-%d")
        ),
    )];
    periksa.extend(
        files
            .iter()
            .filter(|(name, _)| name.ends_with(".yaml"))
            .filter_map(|(name, bytes)| {
                let count = String::from_utf8_lossy(bytes)
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .map(|l| l.matches(crate::check::PENANDA).count())
                    .sum::<usize>();
                (count > 0)
                    .then(|| catatan(name.clone(), None, format!("{count} tempat isian [isi: …]")))
            }),
    );
    periksa.sort_by_key(reading_order);
    Rencana {
        files,
        tahun,
        diubah: Vec::new(),
        periksa,
    }
}

/// Last year's report (or batch) `files` made into the report of `tahun`
/// (by default the next year). `perubahan` marks the new one as the
/// Perubahan; a copy within the same year is one as well.
pub fn lanjutkan(
    files: Vec<Berkas>,
    label: &str,
    tahun: Option<i32>,
    perubahan: bool,
) -> Result<Rencana, Error> {
    let lama = old_year(&files, label)?;
    let tahun = tahun.unwrap_or(lama + 1);
    let perubahan = perubahan || tahun == lama;
    let mut rencana = Rencana {
        files: Vec::new(),
        tahun,
        diubah: Vec::new(),
        periksa: Vec::new(),
    };
    let mut skipped = Vec::new();
    // Last year's results are worked out from last year's files.
    let asli = (tahun != lama).then(|| files.clone());
    for (name, bytes) in files {
        // Last year's realisasi is last year's: a new year starts without
        // it (a Perubahan of the same year keeps it).
        let folder = name.rsplit('/').nth(1);
        if tahun != lama && folder == Some(crate::realisasi::REALISASI) {
            skipped.push(name);
            continue;
        }
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        let text = match String::from_utf8(bytes) {
            Ok(text) if is_yaml => text,
            Ok(text) => {
                rencana.files.push((name, text.into_bytes()));
                continue;
            }
            Err(e) => {
                rencana.files.push((name, e.into_bytes()));
                continue;
            }
        };
        let mut text = text;
        let file_name = name.rsplit('/').next().unwrap_or(&name);
        // The identity's data is its keys (a logo named logo-2022.png is a
        // file name, not a year); text elsewhere is moved word by word.
        let lampiran =
            name.starts_with(&format!("{LAMPIRAN}/")) || name.contains(&format!("/{LAMPIRAN}/"));
        if file_name == LAPORAN || file_name == KABUPATEN {
            identitas(&name, &mut text, lama, tahun, perubahan, &mut rencana);
        } else if file_name == crate::lkjip::RENSTRA || file_name == crate::lkjip::KINERJA_LALU {
            // A five-year plan and past years do not move with the year.
        } else {
            years(&name, &mut text, lama, tahun, &mut rencana.diubah);
        }
        if file_name == crate::lkjip::LKJIP && tahun != lama {
            // Signed early the year after the report's.
            let (from, to) = (
                format!("tanggal: {}-", lama + 1),
                format!("tanggal: {}-", tahun + 1),
            );
            if let Some(at) = text
                .find(&from)
                .filter(|at| *at == 0 || text[..*at].ends_with('\n'))
            {
                text.replace_range(at..at + from.len(), &to);
            }
        }
        // Last year's Perubahan: its previous version and its reasons stay
        // with it (a Perubahan of the same year keeps them).
        if tahun != lama {
            if file_name == LAPORAN || file_name == KABUPATEN {
                let what = format!("versi sebelumnya Rencana Aksi {lama}");
                buang_kunci(
                    &name,
                    &mut text,
                    "versi_sebelumnya",
                    false,
                    &what,
                    &mut rencana,
                );
            } else if lampiran {
                let what = format!("alasan perubahan {lama}");
                buang_kunci(&name, &mut text, "alasan", true, &what, &mut rencana);
            }
        }
        if lampiran {
            review_table(&name, &text, tahun, &mut rencana.periksa);
        }
        if file_name == content::PEGAWAI {
            review_pegawai(&name, &text, tahun, &mut rencana.periksa);
        }
        rencana.files.push((name, text.into_bytes()));
    }
    // A report without pegawai.yaml gets one from its officials.
    let folders: Vec<String> = rencana
        .files
        .iter()
        .filter_map(|(n, _)| n.strip_suffix(LAPORAN))
        .filter(|f| f.is_empty() || f.ends_with('/'))
        .map(str::to_owned)
        .collect();
    for folder in folders {
        let rel = format!("{folder}{}", content::PEGAWAI);
        if rencana.files.iter().any(|(n, _)| *n == rel) {
            continue;
        }
        if let Some(text) = pegawai_untuk(&rencana.files, &folder) {
            rencana.periksa.push(catatan(
                rel.clone(),
                None,
                "dibuat dari pejabat Lampiran: isi nama, pangkat, golongan, NIP dan atasan setiap pegawai (tempat isian [isi: …])",
            ));
            rencana.files.push((rel, text.into_bytes()));
        }
    }
    // Last year's results into each Renstra's kinerja-lalu.yaml.
    if let Some(asli) = &asli {
        let folders: Vec<String> = asli
            .iter()
            .filter_map(|(n, _)| n.strip_suffix(crate::lkjip::RENSTRA))
            .filter(|f| f.is_empty() || f.ends_with('/'))
            .map(str::to_owned)
            .collect();
        for folder in folders {
            let rel = format!("{folder}{}", crate::lkjip::KINERJA_LALU);
            let shown = if folder.is_empty() {
                label.to_owned()
            } else {
                format!("{label}/{}", folder.trim_end_matches('/'))
            };
            match lkjip::kinerja_lalu(asli, &folder, lama, &shown) {
                Ok(Some(text)) => {
                    rencana.files.retain(|(n, _)| *n != rel);
                    rencana.diubah.push(catatan(
                        rel.clone(),
                        None,
                        format!("kinerja IKU {lama} ditambahkan dari realisasi Triwulan IV {lama}"),
                    ));
                    rencana.files.push((rel, text.into_bytes()));
                }
                Ok(None) => {}
                Err(why) => rencana.periksa.push(catatan(
                    rel,
                    None,
                    format!("kinerja IKU {lama} belum ditulis: {why}; tulis realisasi setiap IKU {lama} di `tahun:` (lihat docs/lkjip.md)"),
                )),
            }
        }
    }
    // One line per realisasi folder left behind.
    let mut folders: Vec<(String, Vec<String>)> = Vec::new();
    for name in skipped {
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", &name));
        match folders.iter_mut().find(|(d, _)| d == dir) {
            Some((_, files)) => files.push(file.to_owned()),
            None => folders.push((dir.to_owned(), vec![file.to_owned()])),
        }
    }
    for (dir, files) in folders {
        rencana.diubah.push(catatan(
            format!("{dir}/"),
            None,
            format!(
                "realisasi {lama} ({}) tidak disalin: tahun {tahun} dimulai tanpa realisasi (`renaksi realisasi --triwulan 1` membuat formulirnya)",
                files.join(", ")
            ),
        ));
    }
    rencana.diubah.sort_by_key(reading_order);
    rencana.periksa.sort_by_key(reading_order);
    Ok(rencana)
}

/// pegawai.yaml for the report in `folder` (`""` or `kec/`) of `files`,
/// made from its tables and laporan.yaml (with the batch's kabupaten.yaml
/// above it); none when it has no table that reads.
fn pegawai_untuk(files: &[Berkas], folder: &str) -> Option<String> {
    let teks = |rel: &str| {
        files
            .iter()
            .find(|(n, _)| n == rel)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
    };
    let laporan = teks(&format!("{folder}{LAPORAN}"))?;
    let kabupaten = (!folder.is_empty()).then(|| teks(KABUPATEN)).flatten();
    let lampiran_dir = format!("{folder}{LAMPIRAN}/");
    let mut tabel: Vec<(String, content::Lampiran)> = files
        .iter()
        .filter(|(n, _)| {
            n.strip_prefix(&lampiran_dir)
                .is_some_and(|f| !f.contains('/') && (f.ends_with(".yaml") || f.ends_with(".yml")))
        })
        .filter_map(|(n, b)| {
            content::parse::<content::Lampiran>(n, &String::from_utf8_lossy(b))
                .ok()
                .map(|t| (n.clone(), t))
        })
        .collect();
    if tabel.is_empty() {
        return None;
    }
    // In the order the report loads its tables: by file name.
    tabel.sort_by(|a, b| a.0.cmp(&b.0));
    let tabel: Vec<&content::Lampiran> = tabel.iter().map(|(_, t)| t).collect();
    let kepala = pegawai::Kepala::dari_teks(&laporan, kabupaten.as_deref());
    let schema = if folder.is_empty() {
        ".schema/pegawai.schema.json".to_owned()
    } else {
        "../.schema/pegawai.schema.json".to_owned()
    };
    Some(pegawai::teks(
        &pegawai::dari_lampiran(&tabel, &kepala),
        &schema,
        "Dibuat dari pejabat Lampiran oleh `renaksi init`",
    ))
}

/// Folder by folder, laporan.yaml and kabupaten.yaml, then narasi.yaml,
/// then the tables; within a file by line.
fn reading_order(c: &Problem) -> (String, u8, String, usize) {
    let (folder, file) = c.file.rsplit_once('/').unwrap_or(("", &c.file));
    let (folder, rank) = match (folder, file) {
        (_, LAPORAN | KABUPATEN) => (folder.to_owned(), 0),
        (_, crate::content::NARASI) => (folder.to_owned(), 1),
        // A table's folder is the report folder above lampiran/.
        (f, _) => (
            f.strip_suffix(LAMPIRAN)
                .unwrap_or(f)
                .trim_end_matches('/')
                .to_owned(),
            2,
        ),
    };
    (folder, rank, c.file.clone(), c.line.unwrap_or(0))
}

/// The year of the old report: laporan.yaml's `tahun`, or in a batch
/// kabupaten.yaml's.
fn old_year(files: &[Berkas], label: &str) -> Result<i32, Error> {
    for name in [LAPORAN, KABUPATEN] {
        let Some((_, bytes)) = files.iter().find(|(n, _)| n == name) else {
            continue;
        };
        let display = format!("{label}/{name}");
        let value: serde_json::Value =
            content::parse(&display, &String::from_utf8_lossy(bytes)).map_err(Error::Input)?;
        if let Some(tahun) = value.get("tahun").and_then(serde_json::Value::as_i64) {
            return i32::try_from(tahun)
                .ok()
                .filter(|y| (1000..10_000).contains(y))
                .ok_or_else(|| {
                    Problem::new(&display, format!("tahun {tahun} bukan tahun laporan"))
                        .at_path("tahun")
                        .hint("tulis tahun empat angka, misalnya 2022")
                        .into()
                });
        }
    }
    Err(Problem::new(
        format!("{label}/{LAPORAN}"),
        "tahun laporan lama tidak ditemukan",
    )
    .hint("berikan folder laporan (berisi laporan.yaml dengan `tahun`) atau folder batch (berisi kabupaten.yaml dengan `tahun`)")
    .into())
}

/// A Perubahan copied within its year from the report folder `lama`,
/// beside the new folder `baru`, names it as its previous version: its
/// Lampiran is then followed by the Matriks Perubahan against it.
/// Nothing when the new one names a previous version already, is a batch,
/// another year, or not beside it.
pub fn tautkan_sebelumnya(rencana: &mut Rencana, lama: &std::path::Path, baru: &std::path::Path) {
    use serde_json::Value;
    let parent = |p: &std::path::Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        p.parent()?.canonicalize().ok()
    };
    let (Ok(old), Some(parent_new)) = (lama.canonicalize(), parent(baru)) else {
        return;
    };
    let (Some(name), Some(parent_old)) = (old.file_name(), old.parent()) else {
        return;
    };
    if parent_old != parent_new {
        return;
    }
    let Ok(old_text) = crate::fs::baca_teks(&old.join(LAPORAN), crate::fs::YAML) else {
        return;
    };
    let old_year = content::parse::<Value>(LAPORAN, &old_text)
        .ok()
        .and_then(|v| v.get("tahun").and_then(Value::as_i64));
    let Some((_, bytes)) = rencana.files.iter_mut().find(|(n, _)| n == LAPORAN) else {
        return;
    };
    let Ok(mut text) = String::from_utf8(bytes.clone()) else {
        return;
    };
    let value = content::parse::<Value>(LAPORAN, &text).unwrap_or(Value::Null);
    if value.get("perubahan").and_then(Value::as_bool) != Some(true)
        || value.get("versi_sebelumnya").is_some()
        || old_year != Some(i64::from(rencana.tahun))
    {
        return;
    }
    let folder = content::tulis::scalar(&format!("../{}", name.to_string_lossy()));
    let entry = format!("versi_sebelumnya:\n  folder: {folder}");
    Editor::new(LAPORAN, &mut text, &mut rencana.diubah).insert_after("perubahan", &entry, "");
    if let Some(note) = rencana.diubah.last_mut() {
        note.message = format!(
            "versi_sebelumnya.folder: {folder} ditambahkan: Lampiran diikuti Matriks Perubahan terhadap {}",
            name.to_string_lossy()
        );
    }
    *bytes = text.into_bytes();
}

#[cfg(test)]
mod tests {
    use super::identitas::shift;
    use super::*;

    #[test]
    fn moves_the_year_but_not_a_regulation_or_a_comment() {
        let mut text = "# Disalin dari laporan 2022\nisi: Target tahun 2022 sesuai Peraturan Bupati Nomor 5 Tahun 2022 dan Perbup 2022 tentang SAKIP; NIP 196502071997021001 dan 12022\nvisi: “Bali Era Baru 2022” untuk tahun 2022\n".to_owned();
        let mut diubah = Vec::new();
        years("narasi.yaml", &mut text, 2022, 2023, &mut diubah);
        assert_eq!(
            text,
            "# Disalin dari laporan 2022\nisi: Target tahun 2023 sesuai Peraturan Bupati Nomor 5 Tahun 2022 dan Perbup 2022 tentang SAKIP; NIP 196502071997021001 dan 12022\nvisi: “Bali Era Baru 2022” untuk tahun 2023\n"
        );
        assert_eq!(diubah.len(), 2);
        assert_eq!(diubah[0].line, Some(2));
    }

    #[test]
    fn sets_a_value_and_keeps_its_comment() {
        let mut text =
            "kecamatan: A\ntahun: 2022 # tahun anggaran\npenandatangan:\n  tanggal: 2022-10-12\n"
                .to_owned();
        let mut diubah = Vec::new();
        let mut edit = Editor::new("laporan.yaml", &mut text, &mut diubah);
        edit.set("tahun", "2023", "tahun");
        edit.set("penandatangan.tanggal", "2023-10-12", "tanggal");
        edit.insert_after("tahun", "perubahan: true", "perubahan");
        assert_eq!(
            text,
            "kecamatan: A\ntahun: 2023 # tahun anggaran\nperubahan: true\npenandatangan:\n  tanggal: 2023-10-12\n"
        );
        assert_eq!(diubah[0].message, "tahun 2022 → 2023");
    }

    #[test]
    fn a_file_whose_writing_defeats_the_edits_is_left_to_a_person() {
        let flow = "{kecamatan: A, kabupaten: B, tahun: 2022, penandatangan: {tempat: A, tanggal: 2022-10-12, jabatan: C, nama: D, pangkat: E, golongan: IV/a, nip: \"1\"}}\n";
        let files = vec![(LAPORAN.to_owned(), flow.as_bytes().to_vec())];
        let rencana = lanjutkan(files, "lama", None, false).unwrap();
        assert_eq!(rencana.files[0].1, flow.as_bytes(), "nothing half done");
        assert!(rencana.diubah.is_empty());
        assert!(rencana.periksa.iter().any(|c| c.message.starts_with(
            "tahun, tanggal dan perubahan tidak dapat diubah otomatis di berkas ini: ubah sendiri (tahun 2023, tanggal 2023-10-12, perubahan: false)"
        )));
    }

    #[test]
    fn leap_day_moves_to_the_28th() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(
            shift(date, 1),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
    }
}

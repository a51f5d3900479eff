//! What the YAML types alone cannot say: required text not empty, lists not
//! empty, one table per level, period targets under the key `rincian_target`
//! names. Each function checks one file's data and adds what it finds.

use super::{
    Identitas, Indikator, LampiranFile, Narasi, ProgramKegiatan, Rincian, Source, Tingkat,
};
use crate::error::Problem;

/// `laporan.yaml`.
pub fn identitas(found: &mut Vec<Problem>, file: &str, id: &Identitas) {
    for (path, value) in id.texts() {
        not_empty(found, file, path, value);
    }
}

/// `narasi.yaml`.
pub fn narasi(found: &mut Vec<Problem>, file: &str, narasi: &Narasi) {
    non_empty_list(found, file, "bab", narasi.bab.len());
    for (i, bab) in narasi.bab.iter().enumerate() {
        not_empty(found, file, &format!("bab[{i}].judul"), &bab.judul);
    }
}

/// The Lampiran tables; `rincian` is `None` when `laporan.yaml` did not parse.
pub fn tables(
    found: &mut Vec<Problem>,
    source: &Source,
    tables: &[LampiranFile],
    rincian: Option<Rincian>,
) {
    let mut seen: Vec<(Tingkat, &str)> = Vec::new();
    for LampiranFile { file, table, .. } in tables {
        let display = source.display(file);
        if let Some((_, other)) = seen.iter().find(|(t, _)| *t == table.tingkat) {
            found.push(
                Problem::new(&display, format!("tingkat ini sudah dipakai oleh {other}"))
                    .at_path("tingkat")
                    .hint("satu berkas lampiran untuk setiap tingkat: program, kegiatan, sub_kegiatan, kinerja"),
            );
        }
        seen.push((table.tingkat, file.as_str()));
        non_empty_list(found, &display, "pejabat", table.pejabat.len());
        for (a, pejabat) in table.pejabat.iter().enumerate() {
            let at = format!("pejabat[{a}]");
            not_empty(found, &display, &format!("{at}.jabatan"), &pejabat.jabatan);
            non_empty_list(
                found,
                &display,
                &format!("{at}.sasaran"),
                pejabat.sasaran.len(),
            );
            for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
                let at = format!("{at}.sasaran[{b}]");
                not_empty(found, &display, &format!("{at}.uraian"), &sasaran.uraian);
                let count = sasaran.indikator.len();
                non_empty_list(found, &display, &format!("{at}.indikator"), count);
                programs(found, &display, &at, &sasaran.program_kegiatan);
                for (c, indikator) in sasaran.indikator.iter().enumerate() {
                    let at = format!("{at}.indikator[{c}]");
                    self::indikator(found, &display, &at, indikator, rincian);
                }
            }
        }
    }
}

fn indikator(
    found: &mut Vec<Problem>,
    file: &str,
    at: &str,
    ind: &Indikator,
    rincian: Option<Rincian>,
) {
    not_empty(found, file, &format!("{at}.uraian"), &ind.uraian);
    not_empty(found, file, &format!("{at}.satuan"), &ind.satuan);
    programs(found, file, at, &ind.program_kegiatan);
    let (wrong, right) = match rincian {
        Some(Rincian::Bulanan) => (ind.triwulan.is_some().then_some("triwulan"), "bulan"),
        Some(Rincian::Triwulan) => (ind.bulan.is_some().then_some("bulan"), "triwulan"),
        None => (None, ""),
    };
    if let Some(wrong) = wrong {
        found.push(
            Problem::new(file, format!("kunci `{wrong}` tidak cocok dengan `rincian_target` laporan"))
                .at_path(format!("{at}.{wrong}"))
                .hint(format!(
                    "laporan.yaml memilih rincian_target: {}; tulis target per periode di bawah `{right}`",
                    if right == "bulan" { "bulanan" } else { "triwulan" }
                )),
        );
    }
}

fn programs(found: &mut Vec<Problem>, file: &str, at: &str, programs: &[ProgramKegiatan]) {
    for (i, program) in programs.iter().enumerate() {
        let path = format!("{at}.program_kegiatan[{i}].uraian");
        not_empty(found, file, &path, &program.uraian);
    }
}

fn not_empty(found: &mut Vec<Problem>, file: &str, path: &str, value: &str) {
    if value.trim().is_empty() {
        let key = path.rsplit('.').next().unwrap_or(path);
        found.push(
            Problem::new(file, format!("`{key}` kosong"))
                .at_path(path)
                .hint(format!("isi `{key}` dengan teks")),
        );
    }
}

fn non_empty_list(found: &mut Vec<Problem>, file: &str, path: &str, len: usize) {
    if len == 0 {
        let key = path.rsplit('.').next().unwrap_or(path);
        found.push(
            Problem::new(file, format!("daftar `{key}` kosong"))
                .at_path(path)
                .hint("tulis minimal satu butir"),
        );
    }
}

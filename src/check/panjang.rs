//! Text too long to be what it claims: a whole document pasted into a table
//! cell, or a runaway value that would take Typst minutes to set.

use super::{error, place, Diagnostic};
use crate::content::{Report, IDENTITAS};
use crate::error::Problem;
use crate::render::format::angka;

/// Longest narrative text (a paragraph block of a chapter or section):
/// about fifteen pages of running text.
pub const NARASI_MAX: usize = 50_000;
/// Longest title, name or table cell.
pub const SEL_MAX: usize = 2_000;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let narasi = &report.narasi_file;
    for (path, text) in report.narasi.texts() {
        let max = if path.ends_with(".judul") {
            SEL_MAX
        } else {
            NARASI_MAX
        };
        limit(found, narasi, &report.narasi_text, &path, text, max);
    }
    let identitas = report.source.display(IDENTITAS);
    for (path, text) in report.identitas.texts() {
        limit(
            found,
            &identitas,
            &report.identitas_text,
            path,
            text,
            SEL_MAX,
        );
    }
    for lampiran in &report.lampiran {
        let file = report.source.display(&lampiran.file);
        let t = &lampiran.text;
        for (a, pejabat) in lampiran.table.pejabat.iter().enumerate() {
            let at = format!("pejabat[{a}]");
            limit(
                found,
                &file,
                t,
                &format!("{at}.jabatan"),
                &pejabat.jabatan,
                SEL_MAX,
            );
            for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
                let at = format!("{at}.sasaran[{b}]");
                limit(
                    found,
                    &file,
                    t,
                    &format!("{at}.uraian"),
                    &sasaran.uraian,
                    SEL_MAX,
                );
                for (c, ind) in sasaran.indikator.iter().enumerate() {
                    let at = format!("{at}.indikator[{c}]");
                    limit(
                        found,
                        &file,
                        t,
                        &format!("{at}.uraian"),
                        &ind.uraian,
                        SEL_MAX,
                    );
                    limit(
                        found,
                        &file,
                        t,
                        &format!("{at}.satuan"),
                        &ind.satuan,
                        SEL_MAX,
                    );
                    if let Some(ket) = &ind.ket {
                        limit(found, &file, t, &format!("{at}.ket"), ket, SEL_MAX);
                    }
                    for (d, program) in ind.program_kegiatan.iter().enumerate() {
                        let path = format!("{at}.program_kegiatan[{d}].uraian");
                        limit(found, &file, t, &path, &program.uraian, SEL_MAX);
                    }
                }
                for (d, program) in sasaran.program_kegiatan.iter().enumerate() {
                    let path = format!("{at}.program_kegiatan[{d}].uraian");
                    limit(found, &file, t, &path, &program.uraian, SEL_MAX);
                }
            }
        }
    }
}

fn limit(
    found: &mut Vec<Diagnostic>,
    file: &str,
    file_text: &str,
    path: &str,
    text: &str,
    max: usize,
) {
    let length = text.chars().count();
    if length <= max {
        return;
    }
    let key = path.rsplit('.').next().unwrap_or(path);
    let problem = Problem::new(
        file,
        format!(
            "`{key}` terlalu panjang: {} karakter (paling banyak {})",
            angka(length as f64),
            angka(max as f64)
        ),
    )
    .at_path(path)
    .hint("periksa apakah teks lain ikut tertempel; pecah teks panjang menjadi beberapa bagian");
    // The value's first words locate it in the file.
    let head: String = text.trim_start().chars().take(40).collect();
    let head = head.lines().next().unwrap_or_default();
    error(found, place(problem, file_text, head));
}

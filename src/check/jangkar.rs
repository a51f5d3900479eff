//! The BSrE anchor character in the report's own text: the signing service
//! signs wherever it finds the character, so it may appear only in the
//! signature blocks.

use super::{error, place, teks, Diagnostic};
use crate::content::{Report, TandaTangan};
use crate::error::Problem;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let TandaTangan::Tte {
        jangkar,
        jangkar_atasan,
        ..
    } = report.identitas.tanda_tangan
    else {
        return;
    };
    for t in teks::semua(report) {
        // The superior's anchor is printed only on a Perjanjian Kinerja.
        if report.pegawai.is_some() {
            if let Some(line) = t.text.lines().find(|l| l.contains(jangkar_atasan)) {
                let key = t.path.rsplit('.').next().unwrap_or(&t.path);
                let problem = Problem::new(
                    &t.file,
                    format!("karakter jangkar atasan `{jangkar_atasan}` juga ada di `{key}`; layanan tanda tangan BSrE menandatangani Perjanjian Kinerja di setiap tempat karakter itu ditemukan"),
                )
                .at_path(&t.path)
                .hint("pilih jangkar lain di `tanda_tangan.jangkar_atasan`, atau hapus karakter itu dari teks");
                let needle: String = line.trim().chars().take(40).collect();
                error(found, place(problem, t.file_text, &needle));
            }
        }
        let Some(line) = t.text.lines().find(|l| l.contains(jangkar)) else {
            continue;
        };
        let key = t.path.rsplit('.').next().unwrap_or(&t.path);
        let problem = Problem::new(
            &t.file,
            format!("karakter jangkar `{jangkar}` juga ada di `{key}`; layanan tanda tangan BSrE menandatangani di setiap tempat karakter itu ditemukan"),
        )
        .at_path(&t.path)
        .hint("pilih jangkar lain di `tanda_tangan.jangkar` (misalnya `^`), atau hapus karakter itu dari teks");
        let needle: String = line.trim().chars().take(40).collect();
        error(found, place(problem, t.file_text, &needle));
    }
}

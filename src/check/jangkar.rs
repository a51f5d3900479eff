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
    // The report's own anchor, with what is said of it; the superior's is
    // printed only on a Perjanjian Kinerja.
    let mut anchors = vec![(
        jangkar,
        format!("karakter jangkar `{jangkar}`"),
        "menandatangani",
        "pilih jangkar lain di `tanda_tangan.jangkar` (misalnya `^`), atau hapus karakter itu dari teks",
    )];
    if report.pegawai.is_some() {
        anchors.push((
            jangkar_atasan,
            format!("karakter jangkar atasan `{jangkar_atasan}`"),
            "menandatangani Perjanjian Kinerja",
            "pilih jangkar lain di `tanda_tangan.jangkar_atasan`, atau hapus karakter itu dari teks",
        ));
    }
    for t in teks::semua(report) {
        for (anchor, what, signs, hint) in anchors.iter().rev() {
            let Some(line) = t.text.lines().find(|l| l.contains(*anchor)) else {
                continue;
            };
            let key = t.path.rsplit('.').next().unwrap_or(&t.path);
            let problem = Problem::new(
                &t.file,
                format!("{what} juga ada di `{key}`; layanan tanda tangan BSrE {signs} di setiap tempat karakter itu ditemukan"),
            )
            .at_path(&t.path)
            .hint(*hint);
            let needle: String = line.trim().chars().take(40).collect();
            error(found, place(problem, t.file_text, &needle));
        }
    }
}

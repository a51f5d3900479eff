//! Text too long to be what it claims: a whole document pasted into a table
//! cell, or a runaway value that would take Typst minutes to set.

use super::{error, place, teks, Diagnostic};
use crate::content::Report;
use crate::error::Problem;
use crate::format::angka;

use crate::content::{NARASI_MAX, SEL_MAX};

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for t in teks::semua(report) {
        let max = if t.narasi { NARASI_MAX } else { SEL_MAX };
        limit(found, &t.file, t.file_text, &t.path, t.text, max);
    }
}

pub(super) fn limit(
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

//! Characters the report's font cannot print: an emoji or a letter of
//! another script pasted into a cell comes out as an empty box, or in a
//! face that does not match the rest of the page.

use std::collections::HashMap;

use super::{place, teks, warn, Diagnostic};
use crate::content::Report;
use crate::error::Problem;
use crate::fonts::{cetak, Cetak};

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let family = report.identitas.huruf.family();
    let mut known: HashMap<char, Cetak> = HashMap::new();
    for t in teks::semua(report) {
        // One finding per character and text is enough to act on.
        let mut seen = Vec::new();
        for (at, c) in t.text.char_indices() {
            if silent(c) || seen.contains(&c) {
                continue;
            }
            let printed = *known.entry(c).or_insert_with(|| cetak(family, c));
            if printed == Cetak::Huruf {
                continue;
            }
            seen.push(c);
            let what = match printed {
                Cetak::Tidak => "tidak ada di huruf mana pun; di PDF tampil sebagai kotak kosong",
                _ => "tidak ada di huruf laporan; dicetak dengan huruf lain",
            };
            let problem = Problem::new(
                &t.file,
                format!("karakter `{c}` (U+{:04X}) {what}", c as u32),
            )
            .at_path(&t.path)
            .hint(format!(
                "ganti atau hapus karakter itu; huruf laporan ({family}) memuat huruf Latin, angka dan tanda baca"
            ));
            let line_start = t.text[..at].rfind('\n').map_or(0, |i| i + 1);
            let needle: String = t.text[line_start..]
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            let placed = place(problem, t.file_text, needle.trim());
            warn(found, at_char(placed, t.file_text, c));
        }
    }
}

/// Moves a problem placed on a line to the character's column there.
fn at_char(problem: Problem, file_text: &str, c: char) -> Problem {
    let Some(line) = problem.line else {
        return problem;
    };
    let column = file_text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(c).map(|i| l[..i].chars().count() + 1));
    match column {
        Some(column) => problem.at(file_text, line, column),
        None => problem,
    }
}

/// Characters that print nothing of their own: white space, controls and
/// invisible format marks.
fn silent(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
        )
}

//! The narrative's years and month names: a year written by hand that is not
//! the report's year ("Tahun 2021" in a 2022 plan), and one month spelled
//! two ways in one report (Februari and Pebruari).

use super::{place_nth, warn, Diagnostic};
use crate::content::{Ejaan, Report, LAPORAN};
use crate::error::Problem;

/// Years written after "tahun" that differ from the report's year. A year
/// in "Nomor 28 Tahun 1999" names a regulation and is left alone.
pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    lain(
        (&report.narasi_file, &report.narasi_text),
        report.identitas.tahun,
        &report.narasi.texts(),
        "tulis {{ tahun }} agar selalu sama dengan laporan.yaml; biarkan bila memang tahun lain yang dimaksud",
        found,
    );
}

/// The years after "tahun" in `texts` (each at its YAML path) of the file
/// `(name, text)` that are not `tahun` nor a regulation's, each a warning
/// placed on itself; `hint` says how to write the year instead.
pub(super) fn lain(
    (name, file): (&str, &str),
    tahun: i32,
    texts: &[(String, &str)],
    hint: &str,
    found: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (path, text) in texts {
        for (at, year) in years_after_tahun(text) {
            if year == tahun || regulation(&text[..at]) {
                continue;
            }
            // "tahun " and four ASCII digits: ten bytes, as found.
            let needle = &text[at..at + 10];
            let nth = seen.iter().filter(|s| **s == needle).count();
            seen.push(needle);
            let problem = Problem::new(
                name,
                format!("tahun {year} berbeda dengan tahun laporan {tahun}"),
            )
            .at_path(path)
            .hint(hint);
            warn(found, place_nth(problem, file, needle, nth));
        }
    }
}

/// Byte offsets of "tahun" (any case) followed by a four-digit year.
fn years_after_tahun(text: &str) -> Vec<(usize, i32)> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    if lower.len() != text.len() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("tahun ") {
        let at = from + i;
        let rest = &text[at + 6..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            if let Ok(year) = digits.parse() {
                out.push((at, year));
            }
        }
        from = at + 6;
    }
    out
}

/// Whether the text just before "tahun" is a regulation number ("Nomor 5").
pub(crate) fn regulation(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    words
        .iter()
        .any(|w| w.eq_ignore_ascii_case("nomor") || w.eq_ignore_ascii_case("no."))
}

/// A signing date more than a year away from the report's year: a plan
/// for 2022 is signed late in 2021 or in 2022 (again at a Perubahan), not
/// in 2032.
pub(super) fn check_signing_date(report: &Report, found: &mut Vec<Diagnostic>) {
    use chrono::Datelike;
    let id = &report.identitas;
    let date = id.penandatangan.tanggal.0;
    if (date.year() - id.tahun).abs() <= 1 {
        return;
    }
    let text = &report.identitas_text;
    let path = "penandatangan.tanggal";
    let mut problem = Problem::new(
        report.source.display(LAPORAN),
        format!(
            "tanggal penandatanganan {} jauh dari tahun laporan {}",
            crate::format::tanggal(date, id.ejaan_bulan),
            id.tahun
        ),
    )
    .at_path(path)
    .hint(format!(
        "periksa tahun pada `tanggal` (misalnya {}-{:02}-{:02}) dan `tahun`",
        id.tahun,
        date.month(),
        date.day()
    ));
    if let Some((line, column)) = crate::locate::nearest(text, path) {
        problem = problem.at(text, line, column);
    }
    warn(found, problem);
}

/// The two spellings of February and November.
const EJAAN: [(&str, &str); 2] = [("Februari", "Pebruari"), ("November", "Nopember")];

pub(super) fn check_month_spelling(report: &Report, found: &mut Vec<Diagnostic>) {
    let file = report.narasi_file.as_str();
    let texts = report.narasi.texts();
    for (baku, lama) in EJAAN {
        let table = match report.identitas.ejaan_bulan {
            Ejaan::Baku => baku,
            Ejaan::Lama => lama,
        };
        let other = if table == baku { lama } else { baku };
        let Some((path, _)) = texts.iter().find(|(_, t)| t.contains(other)) else {
            continue;
        };
        let uses_table_form = texts.iter().any(|(_, t)| t.contains(table));
        let where_else = if uses_table_form {
            "narasi dan tabel"
        } else {
            "tabel"
        };
        let problem = Problem::new(
            file,
            format!("bulan ditulis dua cara: {other} di sini, {table} di {where_else}"),
        )
        .at_path(path.as_str())
        .hint(format!(
            "pakai satu ejaan; tabel mengikuti `ejaan_bulan` di laporan.yaml (sekarang {table})"
        ));
        warn(found, place_nth(problem, &report.narasi_text, other, 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_years_but_not_regulations() {
        let text = "Tahun 2021 dan UU Nomor 28 Tahun 1999 serta tahun 2022.";
        let years: Vec<i32> = years_after_tahun(text)
            .into_iter()
            .filter(|(at, _)| !regulation(&text[..*at]))
            .map(|(_, y)| y)
            .collect();
        assert_eq!(years, [2021, 2022]);
    }
}

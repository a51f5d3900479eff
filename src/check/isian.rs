//! Placeholders `[isi: …]` that `renaksi init` writes into a new report and
//! nobody has filled in yet: they must not reach a signed PDF.

use super::{error, teks, Diagnostic};
use crate::content::{Report, PEGAWAI};
use crate::error::Problem;
use crate::locate::nearest;

/// How a placeholder begins.
pub const PENANDA: &str = "[isi:";

/// Whether `text` still holds a placeholder.
pub(crate) fn kosong(text: &str) -> bool {
    text.contains(PENANDA)
}

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for t in teks::semua(report) {
        for problem in di(&t.file, t.file_text, &t.path, t.text) {
            error(found, problem);
        }
    }
}

/// Each placeholder of `text`, the value at `path` of `file` (as messages
/// name it; `file_text` its whole text), placed on itself from its key's
/// line on.
pub(super) fn di(file: &str, file_text: &str, path: &str, text: &str) -> Vec<Problem> {
    // Finding a key's line reads the file from its top: only for a text
    // that has a placeholder, or every report pays for it per text.
    if !kosong(text) {
        return Vec::new();
    }
    let from = nearest(file_text, path).map_or(0, |(line, _)| line - 1);
    let mut lines = file_text.lines().enumerate().skip(from);
    text.match_indices(PENANDA)
        .map(|(at, _)| {
            let problem = belum_diisi(file, &text[at..], "").at_path(path);
            let hit = lines.by_ref().find_map(|(n, line)| {
                line.find(PENANDA)
                    .map(|col| (n + 1, line[..col].chars().count() + 1))
            });
            match hit {
                Some((line, column)) => problem.at(file_text, line, column),
                None => problem,
            }
        })
        .collect()
}

/// The placeholders of pegawai.yaml (made by `renaksi init` from the
/// Lampiran's officials), each at its key: a galat for the Perjanjian
/// Kinerja (`pk`), which prints them; otherwise a peringatan, so that a
/// report whose PKs are not made yet still passes `check`.
pub(super) fn pegawai(report: &Report, found: &mut Vec<Diagnostic>, pk: bool) {
    let Some((berkas, text)) = &report.pegawai else {
        return;
    };
    let file = report.source.display(PEGAWAI);
    for (i, p) in berkas.pegawai.iter().enumerate() {
        for (key, value) in p.isian() {
            let Some(at) = value.and_then(|v| v.find(PENANDA).map(|at| &v[at..])) else {
                continue;
            };
            let problem = belum_diisi(&file, at, "; Perjanjian Kinerja menunggu sampai terisi")
                .at_path(format!("pegawai[{i}].{key}"))
                .letakkan(text);
            if pk {
                error(found, problem);
            } else {
                super::warn(found, problem);
            }
        }
    }
}

/// The finding of the placeholder that `from` begins with, in `file`;
/// `lagi` ends its hint.
pub(super) fn belum_diisi(file: &str, from: &str, lagi: &str) -> Problem {
    let end = from.find(']').map_or(from.len(), |e| e + 1);
    Problem::new(file, format!("tempat isian belum diisi: {}", &from[..end])).hint(format!(
        "ganti seluruh tulisan dalam kurung siku itu, termasuk kurungnya, dengan isinya{lagi}"
    ))
}

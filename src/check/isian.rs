//! Placeholders `[isi: …]` that `renaksi init` writes into a new report and
//! nobody has filled in yet: they must not reach a signed PDF.

use super::{error, teks, Diagnostic};
use crate::content::{Report, PEGAWAI};
use crate::error::Problem;
use crate::locate::locate;

/// How a placeholder begins.
pub const PENANDA: &str = "[isi:";

/// Whether `text` still holds a placeholder.
pub(crate) fn kosong(text: &str) -> bool {
    text.contains(PENANDA)
}

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for t in teks::semua(report) {
        // Finding a key's line reads the file from its top: only for a text
        // that has a placeholder, or every report pays for it per text.
        if !kosong(t.text) {
            continue;
        }
        // Each placeholder of the text, placed on itself from its key's line on.
        let from = locate(t.file_text, &t.path).map_or(0, |(line, _)| line - 1);
        let mut lines = t.file_text.lines().enumerate().skip(from);
        for (at, _) in t.text.match_indices(PENANDA) {
            let problem = belum_diisi(&t.file, &t.text[at..], "").at_path(&t.path);
            let hit = lines.by_ref().find_map(|(n, line)| {
                line.find(PENANDA)
                    .map(|col| (n + 1, line[..col].chars().count() + 1))
            });
            let problem = match hit {
                Some((line, column)) => problem.at(t.file_text, line, column),
                None => problem,
            };
            error(found, problem);
        }
    }
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

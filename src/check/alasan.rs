//! A Perubahan's reasons: each change of its Lampiran printed in the
//! Matriks Perubahan should say why (`alasan` beside the changed item, or
//! on an item holding it); and a previous version named for a report that
//! is not a Perubahan is not used.

use std::collections::HashMap;

use super::{warn, Diagnostic};
use crate::content::{Report, LAPORAN};
use crate::error::Problem;

pub(super) fn check(
    report: &Report,
    matriks: Option<&crate::matriks::Matriks>,
    found: &mut Vec<Diagnostic>,
) {
    let id = &report.identitas;
    if !id.perubahan && id.versi_sebelumnya.is_some() {
        let problem = Problem::new(
            report.source.display(LAPORAN),
            "`versi_sebelumnya` tidak dipakai: laporan ini bukan Rencana Aksi Perubahan",
        )
        .at_path("versi_sebelumnya")
        .hint(
            "tulis `perubahan: true` untuk Rencana Aksi Perubahan, atau hapus `versi_sebelumnya`",
        );
        warn(found, problem.letakkan(&report.identitas_text));
    }
    let Some(matriks) = matriks else {
        return;
    };
    // Each table's lines by YAML path, read once for all its warnings.
    let mut lines: HashMap<&str, HashMap<String, usize>> = HashMap::new();
    for pejabat in &matriks.pejabat {
        let Some(table) = report.lampiran.iter().find(|l| l.file == pejabat.file) else {
            continue;
        };
        let lines = lines
            .entry(table.file.as_str())
            .or_insert_with(|| crate::locate::paths(&table.text));
        for sasaran in &pejabat.sasaran {
            for butir in &sasaran.butir {
                // An official removed whole has no item left to hold a reason.
                let (None, Some(path), Some(first)) =
                    (&butir.alasan, &butir.path, butir.ubah.first())
                else {
                    continue;
                };
                let mut place_of = vec![pejabat.jabatan.as_str()];
                place_of.extend(
                    [sasaran.uraian.as_str(), butir.uraian.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty()),
                );
                let more = match butir.ubah.len() {
                    1 => String::new(),
                    n => format!(" (dan {} perubahan lain)", n - 1),
                };
                let problem = Problem::new(
                    report.source.display(&table.file),
                    format!(
                        "perubahan tanpa alasan: {}: {} {} → {}{more}",
                        place_of.join(crate::diff::PANAH),
                        first.apa.to_lowercase(),
                        first.semula,
                        first.menjadi
                    ),
                )
                .at_path(path)
                .hint("tulis `alasan: …` di butir ini, atau di sasaran atau pejabatnya untuk semua perubahan di bawahnya; alasan dicetak di Matriks Perubahan");
                warn(found, place(problem, &table.text, lines));
            }
        }
    }
}

/// Places a problem on the line of its path in `text`, found in `lines`
/// (the table's lines by path, read once for all its warnings), at the
/// line's first character; else looked for.
fn place(problem: Problem, text: &str, lines: &HashMap<String, usize>) -> Problem {
    let line = problem.path.as_ref().and_then(|p| lines.get(p)).copied();
    let column = line
        .and_then(|line| text.lines().nth(line - 1))
        .map(|l| l.chars().take_while(|c| *c == ' ').count() + 1);
    match (line, column) {
        (Some(line), Some(column)) => problem.at(text, line, column),
        _ => problem.letakkan(text),
    }
}

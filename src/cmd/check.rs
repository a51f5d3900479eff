//! `renaksi check`: every data problem of a report, before anyone signs it.

use renaksi::check::{lint, Diagnostic, Severity};
use renaksi::Error;

use super::Selesai;
use crate::cli::{CheckArgs, Format};

/// Loads the report, runs the lints and prints every finding and a summary.
/// `Temuan` when there are galat, or warnings with `--deny-warnings`.
pub fn run(args: &CheckArgs) -> Result<Selesai, Error> {
    let (label, found) = match renaksi::load(args.dir.as_deref()) {
        Ok(report) => (report.source.label.clone(), lint(&report)),
        // Structure problems are findings like the rest; the lints need a
        // report that loaded, so they wait until these are fixed.
        Err(Error::Input(problems)) => {
            let label = renaksi::label(args.dir.as_deref());
            let found = problems
                .into_iter()
                .map(|problem| Diagnostic {
                    severity: Severity::Galat,
                    problem,
                })
                .collect();
            (label, found)
        }
        Err(err) => return Err(err),
    };
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .count();
    let warnings = found.len() - errors;
    match args.bentuk.format {
        Format::Teks => {
            for diagnostic in &found {
                eprintln!("{diagnostic}");
            }
            eprintln!("{label}: {errors} galat, {warnings} peringatan");
        }
        Format::Json => {
            let json = serde_json::json!({
                "versi": renaksi::VERSI_JSON,
                "laporan": label,
                "galat": errors,
                "peringatan": warnings,
                "temuan": found.iter().map(Diagnostic::to_json).collect::<Vec<_>>(),
            });
            super::stdout(&format!("{json:#}\n"))?;
        }
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(Selesai::temuan(failed))
}

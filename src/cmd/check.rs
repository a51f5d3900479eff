//! `renaksi check`: every data problem of a report, before anyone signs it.

use renaksi::check::{lint, Severity};
use renaksi::Error;

use crate::cli::CheckArgs;

/// What a check found, for the exit code.
pub enum Outcome {
    /// Nothing, or warnings that are allowed.
    Clean,
    /// Errors, or warnings with `--deny-warnings`.
    Problems,
}

/// Loads the report (structure errors stop here, as in `build`), runs the
/// lints and prints every finding and a summary.
pub fn run(args: &CheckArgs) -> Result<Outcome, Error> {
    let report = renaksi::load(args.dir.as_deref())?;
    let found = lint(&report);
    for diagnostic in &found {
        eprintln!("{diagnostic}");
    }
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .count();
    let warnings = found.len() - errors;
    eprintln!(
        "{}: {errors} galat, {warnings} peringatan",
        report.source.label
    );
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

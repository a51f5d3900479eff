//! One module per subcommand; the work itself lives in the library.

pub mod batch;
pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod export;
pub mod fmt;
pub mod folder;
pub mod import;
pub mod init;
pub mod lkjip;
pub mod manifest;
pub mod realisasi;
pub mod schema;
pub mod serve;
pub mod server;
pub mod sign;
pub mod testcert;
pub mod verify;
pub mod watch;

use std::io::Write;
use std::path::Path;

use renaksi::error::{Diagnostic, Severity};
use renaksi::Error;

/// How a command that ran to its end ended, for the exit code: `check`,
/// `diff` and `batch` end with exit 1 when they found what they report.
pub enum Selesai {
    /// Nothing found (exit 0).
    Bersih,
    /// Galat in a report, changes between two versions, a failed report
    /// of a batch (exit 1).
    Temuan,
}

impl Selesai {
    /// `Temuan` when `found`, else `Bersih`.
    pub fn temuan(found: bool) -> Self {
        if found {
            Selesai::Temuan
        } else {
            Selesai::Bersih
        }
    }
}

impl From<Selesai> for std::process::ExitCode {
    fn from(selesai: Selesai) -> Self {
        match selesai {
            Selesai::Bersih => Self::SUCCESS,
            Selesai::Temuan => Self::from(1),
        }
    }
}

/// `work` done for every folder on `jobs` threads; the results in the
/// folders' order, whatever order they finished in.
pub fn on_every_core<R: Send>(
    folders: &[std::path::PathBuf],
    jobs: usize,
    work: impl Fn(&Path) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<R>>> = Mutex::new(folders.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, folders.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(folder) = folders.get(i) else {
                    break;
                };
                let result = work(folder);
                if let Ok(mut done) = done.lock() {
                    done[i] = Some(result);
                }
            });
        }
    });
    done.into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// The number of cores, for work spread over them.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Writes `text` to standard output. A closed pipe (`| head`) is not an
/// error worth a message.
pub fn stdout(text: &str) -> Result<(), Error> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("tidak dapat menulis ke", "stdout", err))
        }
        _ => Ok(()),
    }
}

/// How many warnings `build` and `watch` print before pointing to `check`.
const PERINGATAN_DICETAK: usize = 3;

/// The warnings of `check` that a build found: the first few, their count,
/// and the command that lists them all (for the folder as the user named
/// it, or the bundled example).
pub fn print_peringatan(findings: &[Diagnostic], dir: Option<&Path>) {
    let warnings: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.severity == Severity::Peringatan)
        .collect();
    if warnings.is_empty() {
        return;
    }
    for diagnostic in warnings.iter().take(PERINGATAN_DICETAK) {
        eprintln!("{diagnostic}");
    }
    let command = match dir {
        Some(dir) => format!("renaksi check {}", dir.display()),
        None => "renaksi check".to_owned(),
    };
    let shown = if warnings.len() > PERINGATAN_DICETAK {
        format!(" ({PERINGATAN_DICETAK} yang pertama di atas)")
    } else {
        String::new()
    };
    eprintln!(
        "{} peringatan{shown}; lihat semuanya dengan `{command}`",
        warnings.len()
    );
}

/// Prints an error on standard error, each problem of the user's files on
/// its own with a blank line after it.
pub fn print_error(err: &Error) {
    match err {
        Error::Input(problems) => {
            for problem in problems {
                eprintln!("galat: {problem}\n");
            }
        }
        Error::Findings(found) => {
            for diagnostic in found {
                eprintln!("{diagnostic}");
            }
            eprintln!("galat: {err}");
        }
        err => eprintln!("galat: {err}"),
    }
}

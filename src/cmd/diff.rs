//! `renaksi diff`: what changed between two versions of a report, in the
//! report's own terms. Also git's external diff program (seven arguments).

use std::path::{Path, PathBuf};

use renaksi::diff::{self, JenisBerkas, Perubahan, Teks, Versi};
use renaksi::Error;

use super::folder::Sasaran;
use super::Selesai;
use crate::cli::{DiffArgs, Format};

/// Compares what the arguments name and prints the changes: `Temuan` when
/// there are any. Run by git as its diff program it always ends `Bersih`,
/// or git stops.
pub fn run(args: &DiffArgs) -> Result<Selesai, Error> {
    if args.paths.len() == 7 {
        return external(args).map(|()| Selesai::Bersih);
    }
    let (lama, baru, changes) = match (&args.git, args.paths.as_slice()) {
        (Some(rev), []) => match Sasaran::pilih(None) {
            Sasaran::Laporan(dir) | Sasaran::Batch(dir) => revisions(&dir, rev)?,
            Sasaran::Contoh => {
                return Err(Error::Usage {
                    message: format!(
                        "folder ini tidak berisi {} atau {}: tidak ada laporan untuk dibandingkan",
                        renaksi::content::LAPORAN,
                        renaksi::content::KABUPATEN
                    ),
                    hint: format!("sebut folder laporannya: renaksi diff --git {rev} FOLDER"),
                })
            }
        },
        (Some(rev), [dir]) => revisions(dir, rev)?,
        (None, [lama, baru]) if lama.is_dir() && baru.is_dir() => {
            let (a, b) = (Versi::from_dir(lama)?, Versi::from_dir(baru)?);
            let changes = diff::versions(&a, &b)?;
            (a.label().to_owned(), b.label().to_owned(), changes)
        }
        (None, [lama, baru]) if !lama.is_dir() && !baru.is_dir() => {
            let (a, b) = (read(lama)?, read(baru)?);
            let (x, y) = (lama.display().to_string(), baru.display().to_string());
            let changes = files(baru, (&x, &a), (&y, &b))?;
            (x, y, changes)
        }
        _ => {
            return Err(Error::Usage {
                message: "sebut dua folder laporan (atau dua berkas), atau --git REV".into(),
                hint: "renaksi diff content/lama content/baru, atau renaksi diff --git HEAD~1 content/baru".into(),
            })
        }
    };
    print(args.bentuk.format, &lama, &baru, &changes)?;
    Ok(Selesai::temuan(!changes.is_empty()))
}

/// `--git REV` (against the working tree) or `--git REV..REV2`.
fn revisions(dir: &Path, rev: &str) -> Result<(String, String, Vec<Perubahan>), Error> {
    let (a, b) = match rev.split_once("..") {
        Some((from, to)) => (Versi::from_git(dir, from)?, Versi::from_git(dir, to)?),
        None => (Versi::from_git(dir, rev)?, Versi::from_dir(dir)?),
    };
    let changes = diff::versions(&a, &b)?;
    Ok((a.label().to_owned(), b.label().to_owned(), changes))
}

/// A report file to compare; one larger than any report file is refused,
/// as `build` refuses it.
fn read(path: &Path) -> Result<String, Error> {
    let bytes = renaksi::fs::baca(path, renaksi::fs::YAML)?;
    String::from_utf8(bytes).map_err(|_| {
        renaksi::Problem::new(path.display().to_string(), "berkas bukan teks UTF-8")
            .hint("simpan ulang berkas dengan pengodean UTF-8")
            .into()
    })
}

/// Two versions of one file, its kind told by the name of `named`.
fn files(named: &Path, lama: Teks, baru: Teks) -> Result<Vec<Perubahan>, Error> {
    let display = named.display().to_string();
    let kind = JenisBerkas::of(&display).ok_or_else(|| Error::Usage {
        message: format!("{display} bukan berkas YAML laporan"),
        hint: "bandingkan laporan.yaml, narasi.yaml atau berkas lampiran/*.yaml".into(),
    })?;
    let name = named
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    diff::files(kind, &name, Some(lama), Some(baru))
}

/// git's external diff: `path old-file old-hex old-mode new-file new-hex
/// new-mode`. A file that is not a report file, or does not parse (yet),
/// is shown as a plain line diff so `git diff` always shows something.
fn external(args: &DiffArgs) -> Result<(), Error> {
    let path = args.paths[0].to_string_lossy().into_owned();
    // Whatever is there, binary or huge, git gets a diff of it; only report
    // files of a report file's size are read as a report.
    let side = |p: &PathBuf| -> Result<Option<String>, Error> {
        // An added or deleted file's other side.
        if p.as_os_str() == "/dev/null" {
            return Ok(None);
        }
        let bytes = renaksi::fs::baca(p, renaksi::fs::TEKS_DIFF)?;
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let (lama, baru) = match (side(&args.paths[1]), side(&args.paths[4])) {
        (Ok(lama), Ok(baru)) => (lama, baru),
        // Still an answer for git: what could not be compared, and why.
        (Err(e), _) | (_, Err(e)) => {
            return super::stdout(&format!(
                "renaksi diff {path}\n  (tidak dibandingkan: {e})\n"
            ));
        }
    };
    let small = |t: &Option<String>| {
        t.as_ref()
            .is_none_or(|t| t.len() <= renaksi::content::MAX_FILE_BYTES)
    };
    let semantic = JenisBerkas::of(&path)
        .filter(|_| small(&lama) && small(&baru))
        .and_then(|kind| {
            let a = lama.as_deref().map(|t| (path.as_str(), t));
            let b = baru.as_deref().map(|t| (path.as_str(), t));
            diff::files(kind, &path, a, b).ok()
        });
    let text = match semantic {
        Some(changes) => {
            let mut text = format!("renaksi diff {path}\n");
            for change in &changes {
                text.push_str(&format!("  {change}\n"));
            }
            if changes.is_empty() {
                text.push_str("  (isi sama; hanya tulisan YAML yang berubah)\n");
            }
            text
        }
        None => {
            let (a, b) = (lama.unwrap_or_default(), baru.unwrap_or_default());
            similar::TextDiff::configure()
                .timeout(diff::WAKTU)
                .diff_lines(&a, &b)
                .unified_diff()
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string()
        }
    };
    super::stdout(&text)
}

pub fn print(format: Format, lama: &str, baru: &str, changes: &[Perubahan]) -> Result<(), Error> {
    let text = match format {
        Format::Json => {
            let json = serde_json::json!({
                "versi": renaksi::VERSI_JSON,
                "lama": lama,
                "baru": baru,
                "jumlah": changes.len(),
                "perubahan": changes,
            });
            format!("{json:#}\n")
        }
        Format::Teks => {
            let mut text = format!("{lama} → {baru}\n");
            let mut file = None;
            for change in changes {
                if file != Some(&change.berkas) {
                    text.push_str(&format!("\n{}\n", change.berkas));
                    file = Some(&change.berkas);
                }
                text.push_str(&format!("  {change}\n"));
            }
            match changes.len() {
                0 => text.push_str("tidak ada perubahan\n"),
                n => text.push_str(&format!("\n{n} perubahan\n")),
            }
            text
        }
    };
    let text = if format == Format::Teks && colors() {
        paint(&text)
    } else {
        text
    };
    super::stdout(&text)
}

/// Colours on a terminal, unless NO_COLOR is set (no-color.org).
fn colors() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The change marks in colour: `+` and added words green, `-` and removed
/// words red, `~` yellow, file names bold.
fn paint(text: &str) -> String {
    const GREEN: &str = "\x1b[32m";
    const RED: &str = "\x1b[31m";
    const YELLOW: &str = "\x1b[33m";
    const BOLD: &str = "\x1b[1m";
    const RESET: &str = "\x1b[0m";
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let end = &line[body.len()..];
        let painted = if let Some(rest) = body.strip_prefix("  + ") {
            format!("  {GREEN}+{RESET} {rest}")
        } else if let Some(rest) = body.strip_prefix("  - ") {
            format!("  {RED}-{RESET} {rest}")
        } else if let Some(rest) = body.strip_prefix("  ~ ") {
            format!("  {YELLOW}~{RESET} {rest}")
        } else if body.starts_with("    ") {
            body.replace("[-", &format!("{RED}[-"))
                .replace("-]", &format!("-]{RESET}"))
                .replace("{+", &format!("{GREEN}{{+"))
                .replace("+}", &format!("+}}{RESET}"))
        } else if !body.is_empty() && !body.starts_with(' ') && !body.contains(" → ") {
            format!("{BOLD}{body}{RESET}")
        } else {
            body.to_owned()
        };
        out.push_str(&painted);
        out.push_str(end);
    }
    out
}

//! Errors of the library. A [`Problem`] is something wrong in the user's files
//! and always names the file and, where known, line, column and YAML path.

use std::fmt;
use std::path::PathBuf;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The report's files contain mistakes the user can fix (at least one).
    #[error("{}", display_all(.0))]
    Input(Vec<Problem>),
    /// A file could not be read or written.
    #[error("{action} {}: {}", path.display(), sebab(source))]
    Io {
        /// What was being done, in Indonesian ("tidak dapat membaca").
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// `check` found galat in the report's data; they are listed before
    /// this error's own line.
    /// With `final_tanpa_peringatan`, a final document is also held back
    /// by peringatan.
    #[error("{}", temuan_message(.0))]
    Findings(Vec<Diagnostic>),
    /// Typst rejected the generated source. Valid input never causes this;
    /// it is a defect in renaksi's templates.
    #[error(
        "galat internal saat menyusun PDF: {0}\n  ini cacat pada renaksi, bukan pada berkas Anda; \
         jalankan ulang dengan --emit-typst laporan.typ dan laporkan bersama berkas itu"
    )]
    Internal(String),
    /// A PDF could not be signed: the key file, its password, its
    /// certificate or the input PDF is not usable. Nothing was written.
    #[error("tidak dapat menandatangani: {message}\n  saran: {hint}")]
    Sign {
        /// What is wrong, in Indonesian.
        message: String,
        /// What would be right.
        hint: String,
    },
    /// What the command line asks for cannot be done: two paths of
    /// different kinds, an unknown git revision, a folder that exists.
    #[error("{message}\n  saran: {hint}")]
    Usage {
        /// What is wrong, in Indonesian.
        message: String,
        /// What would be right.
        hint: String,
    },
}

/// What holds a document back: its galat, or (for a final document whose
/// report asks for it) its peringatan.
fn temuan_message(found: &[Diagnostic]) -> String {
    let galat = found
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .count();
    if galat > 0 || found.is_empty() {
        format!("laporan memuat {galat} galat data; PDF tidak disusun\n  saran: perbaiki yang disebut di atas (`renaksi check` menampilkan juga peringatannya)")
    } else {
        format!(
            "PDF final tidak disusun: laporan memuat {} peringatan dan `final_tanpa_peringatan: true`\n  saran: perbaiki yang disebut di atas, atau susun draf (tanpa --final)",
            found.len()
        )
    }
}

impl Error {
    /// Shorthand for a signing error.
    pub fn sign(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Sign {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// Shorthand for an I/O error with context.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error::Input(vec![problem])
    }
}

impl From<Vec<Problem>> for Error {
    fn from(problems: Vec<Problem>) -> Self {
        Error::Input(problems)
    }
}

/// What the operating system said, in Indonesian: the common cases by
/// kind, a message renaksi wrote itself as it is, anything else with the
/// system's own words kept for a search.
pub fn sebab(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // ENOSPC and EDQUOT: the kind is not yet stable on every toolchain.
    if matches!(err.raw_os_error(), Some(28 | 122)) {
        return "disk penuh: kosongkan ruang atau pilih tempat lain".into();
    }
    // ELOOP: a link that points to itself or round in a circle.
    #[cfg(unix)]
    if err.raw_os_error() == Some(libc::ELOOP) {
        return "tautan simbolik berputar atau terlalu panjang: periksa ke mana tautannya menunjuk"
            .into();
    }
    let said = match err.kind() {
        K::AddrInUse => "alamat dan port sudah dipakai program lain (mungkin renaksi serve yang lain); pilih --port lain",
        K::AddrNotAvailable => "alamat itu bukan milik komputer ini",
        K::ConnectionRefused => "sambungan ditolak",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "sambungan terputus",
        K::InvalidFilename => "nama berkas terlalu panjang atau memuat karakter yang tidak boleh",
        K::FileTooLarge => "berkas terlalu besar",
        K::Unsupported => "tidak didukung di sistem ini",
        K::OutOfMemory => "memori tidak cukup",
        K::WouldBlock => "sedang dipakai program lain",
        K::NotFound => "tidak ditemukan",
        K::PermissionDenied => "tidak diizinkan (periksa hak akses berkas atau foldernya)",
        K::AlreadyExists => "sudah ada",
        K::IsADirectory => "berupa folder, bukan berkas",
        K::NotADirectory => "bukan folder",
        K::DirectoryNotEmpty => "folder tidak kosong",
        K::ReadOnlyFilesystem => "tempatnya hanya dapat dibaca",
        K::StorageFull | K::QuotaExceeded => "disk penuh: kosongkan ruang atau pilih tempat lain",
        K::InvalidData if err.get_ref().is_none() => "isinya bukan teks UTF-8",
        K::Interrupted => "terhenti",
        K::TimedOut => "waktu habis",
        _ => {
            return match err.get_ref() {
                // A message renaksi gave itself (already Indonesian).
                Some(inner) if err.raw_os_error().is_none() => inner.to_string(),
                _ => format!("galat sistem ({err})"),
            };
        }
    };
    said.to_owned()
}

/// Problems one after another, a blank line between them.
fn display_all(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A mistake in one of the report's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it (e.g. `content/x/narasi.yaml`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// YAML path such as `pejabat[0].sasaran[2].uraian`, when known.
    pub path: Option<String>,
    /// What is wrong, in Indonesian.
    pub message: String,
    /// What would be right, in Indonesian.
    pub hint: Option<String>,
    /// The offending source line, shown with a caret under the column.
    pub snippet: Option<String>,
}

impl Problem {
    /// A problem in `file` with a message and nothing else known yet.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            path: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    /// Sets the YAML path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    /// Sets what would be right.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets line and column and takes the snippet from `text`.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.snippet = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// The problem on the line of its YAML path in `text`, the file's text
    /// (the nearest key written when the path itself is not); as it is
    /// without a path or a line for it.
    pub fn letakkan(self, text: &str) -> Self {
        let at = self
            .path
            .as_deref()
            .and_then(|path| crate::locate::nearest(text, path));
        match at {
            Some((line, column)) => self.at(text, line, column),
            None => self,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, " ({path})")?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some(snippet), Some(line)) = (&self.snippet, self.line) {
            let gutter = line.to_string();
            let (snippet, column) = window(snippet, self.column.unwrap_or(1).max(1));
            let pad: String = snippet
                .chars()
                .take(column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n {gutter} | {snippet}\n {} | {pad}^",
                " ".repeat(gutter.len())
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  saran: {hint}")?;
        }
        Ok(())
    }
}

/// At most [`SNIPPET`] characters of a long line around `column`, with `…`
/// where it was cut, and the column within what is shown.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET {
        return (line.to_owned(), column);
    }
    let start = column
        .saturating_sub(SNIPPET / 2)
        .min(chars.len() - SNIPPET);
    let end = start + SNIPPET;
    let mut shown = String::new();
    let mut column = column - start;
    if start > 0 {
        shown.push('…');
        column += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column)
}

/// Longest source line shown under a message.
const SNIPPET: usize = 100;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Cannot be right; the report should not be signed like this.
    Galat,
    /// Probably wrong; worth a look.
    Peringatan,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Galat => "galat",
            Severity::Peringatan => "peringatan",
        })
    }
}

/// One finding of a lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where and what, with a hint.
    pub problem: Problem,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.problem)
    }
}

impl Diagnostic {
    /// The finding as a JSON object for editors and CI.
    pub fn to_json(&self) -> serde_json::Value {
        let p = &self.problem;
        serde_json::json!({
            "tingkat": self.severity.to_string(),
            "berkas": p.file,
            "baris": p.line,
            "kolom": p.column,
            "jalur": p.path,
            "pesan": p.message,
            "saran": p.hint,
        })
    }
}

/// A warning Typst gave about the generated source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstWarning {
    /// Typst's message (in English).
    pub message: String,
    /// The line of the generated source it is about, from 1.
    pub line: Option<usize>,
    /// The text of the string literal it is about, when it is about one:
    /// a value from the report's files, to find them by.
    pub value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, column) = window(&line, 501);
        assert_eq!(shown.chars().count(), SNIPPET + 2);
        assert_eq!(shown.chars().nth(column - 1), Some('X'));
        assert_eq!(window("pendek", 3), ("pendek".to_owned(), 3));
        let (shown, column) = window(&line, 1);
        assert!(shown.starts_with('a') && shown.ends_with('…') && column == 1);
    }
}

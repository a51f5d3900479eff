//! renaksi turns a folder of YAML into the Indonesian government report
//! *Rencana Aksi atas Perjanjian Kinerja (Perubahan)* as a PDF.
//!
//! The pipeline reads in the order of its modules: [`content`] loads and
//! validates the YAML, [`render`] fills the Typst templates with minijinja,
//! [`compile`] runs the embedded Typst compiler and [`pdf`] writes the file.

// A `Problem` is made once, on the way out of a failed build: its size on
// the error path does not matter, and boxing it everywhere would add noise.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod build;
pub mod check;
pub mod compile;
pub mod content;
pub mod diff;
pub mod embedded;
pub mod error;
pub mod format;
pub mod fs;
pub mod git;
pub mod init;
pub mod jejak;
pub mod lembar;
pub mod locate;
pub mod matriks;
pub mod monitoring;
pub mod pdf;
pub mod pk;
pub mod render;
pub mod schema;
pub mod sign;
pub mod verify;

pub use error::{Error, Problem};

use std::path::Path;

/// The version of every JSON format renaksi writes (the batch manifest,
/// the signature sidecar, `check --format json`, `diff --format json`),
/// written as `"versi"` in each; see docs/json.md. It goes up only when a
/// key is renamed or removed or its meaning changes; new keys may be added
/// without it.
pub const VERSI_JSON: u32 = 1;

/// Everything one build produces: the generated Typst source and the PDF bytes.
pub struct Output {
    /// The Typst source the templates produced.
    pub typst: String,
    /// The finished PDF.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Where the electronic-signature boxes are (empty unless `tte`).
    pub kotak_ttd: Vec<compile::KotakTtd>,
    /// What Typst warned about, placed in the report's files where the
    /// value it is about was written.
    pub peringatan: Vec<error::Diagnostic>,
}

/// What the title of a draft begins with (its PDF metadata); every page of
/// it carries the watermark.
pub const DRAF: &str = "DRAF — ";

/// How the PDF is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// PDF/A-2b, for archiving.
    pub pdf_a: bool,
}

/// Compiles Typst source rendered for `report` and exports the PDF.
pub fn typeset(report: &content::Report, typst: String, options: Options) -> Result<Output, Error> {
    let (document, warnings) = compile::compile(report, &typst)?;
    let pages = document.pages().len();
    let kotak_ttd = compile::signature_boxes(&document);
    let pdf = pdf::export(report, &document, options)?;
    Ok(Output {
        typst,
        pdf,
        pages,
        kotak_ttd,
        peringatan: check::typst_warnings(report, &warnings),
    })
}

/// Loads the report in `dir`, or the bundled example when `dir` is `None`.
pub fn load(dir: Option<&Path>) -> Result<content::Report, Error> {
    let source = match dir {
        Some(dir) => content::Source::from_dir(dir)?,
        None => content::Source::example(),
    };
    content::Report::load(source)
}

/// How the report in `dir` (or the bundled example) is named in messages.
pub fn label(dir: Option<&Path>) -> String {
    match dir {
        Some(dir) => content::Source::label_of(dir),
        None => content::Source::example().label,
    }
}

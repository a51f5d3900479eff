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
pub mod fonts;
pub mod format;
pub mod fs;
pub mod git;
pub mod init;
pub mod jejak;
pub mod kinerja;
pub mod lembar;
pub mod lkjip;
pub mod locate;
pub mod matriks;
pub mod monitoring;
pub mod naskah;
pub mod pdf;
pub mod pk;
pub mod realisasi;
pub mod render;
pub mod schema;
pub mod sign;
pub mod teks_pdf;
pub mod verify;

pub use error::{Error, Problem};

pub use content::{label, load};
pub use fs::VERSI_JSON;
pub use pdf::{typeset, Options, Output, DRAF};

//! The bundled fonts, parsed once per process from the bytes embedded in the
//! binary. No system font is ever looked at.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Every face of every bundled font file.
pub fn fonts() -> &'static [Font] {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    FONTS.get_or_init(|| {
        crate::embedded::FONTS
            .iter()
            .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
            .collect()
    })
}

/// Metadata of [`fonts`], in the same order.
pub fn book() -> &'static LazyHash<FontBook> {
    static BOOK: OnceLock<LazyHash<FontBook>> = OnceLock::new();
    BOOK.get_or_init(|| LazyHash::new(FontBook::from_fonts(fonts())))
}

/// Which bundled faces can print a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cetak {
    /// The report's own font has it.
    Huruf,
    /// Only another bundled font has it: printed, but in a different face.
    HurufLain,
    /// No bundled font has it: an empty box in the PDF.
    Tidak,
}

/// Whether `family` (or, failing it, another bundled font) prints `c`.
pub fn cetak(family: &str, c: char) -> Cetak {
    let has = |f: &Font| f.info().coverage.contains(c as u32);
    let mut other = false;
    for font in fonts() {
        if has(font) {
            if font.info().family == family {
                return Cetak::Huruf;
            }
            other = true;
        }
    }
    if other {
        Cetak::HurufLain
    } else {
        Cetak::Tidak
    }
}

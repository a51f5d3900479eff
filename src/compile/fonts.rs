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

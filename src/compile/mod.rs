//! The embedded Typst compiler: a sandboxed [`World`] that serves only the
//! generated source, the bundled fonts and the report's logo.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::Duration;
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::content::Report;
use crate::error::Error;

/// Drops Typst's memoized results older than `max_age` compilations. A
/// process that compiles many documents (a batch, a fuzzer) calls this
/// between them so memory stays flat; a single build never needs it.
pub fn evict(max_age: usize) {
    typst::comemo::evict(max_age);
}

pub use crate::error::TypstWarning;

/// Compiles the generated Typst source of `report` to a paged document,
/// with the warnings Typst gave.
pub fn compile(report: &Report, typst: &str) -> Result<(PagedDocument, Vec<TypstWarning>), Error> {
    let world = ReportWorld::new(report, typst.to_owned());
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|d| {
            let range = world.range(d.span);
            let text = range
                .as_ref()
                .and_then(|r| world.source.text().get(r.clone()))
                .unwrap_or_default();
            TypstWarning {
                message: d.message.to_string(),
                line: range.and_then(|r| world.line_of(r.start)),
                value: first_literal(text),
            }
        })
        .collect();
    let document = warned
        .output
        .map_err(|diags| Error::Internal(describe(&world, &diags)))?;
    Ok((document, warnings))
}

/// The text of the first string literal in a piece of generated source.
fn first_literal(code: &str) -> Option<String> {
    let start = code.find('"')?;
    let mut escaped = false;
    for (i, c) in code[start + 1..].char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => {
                return crate::render::escape::parse_string_literal(&code[start..start + i + 2]);
            }
            _ => escaped = false,
        }
    }
    None
}

fn describe(world: &ReportWorld, diags: &[SourceDiagnostic]) -> String {
    let shown: Vec<String> = diags
        .iter()
        .take(3)
        .map(|d| {
            let line = world
                .range(d.span)
                .and_then(|r| world.line_of(r.start))
                .map(|l| format!(" (baris {l} sumber Typst)"))
                .unwrap_or_default();
            format!("{}{line}", d.message)
        })
        .collect();
    let more = diags.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" (dan {more} lagi)")
    } else {
        String::new()
    };
    format!("{}{more}", shown.join("; "))
}

struct ReportWorld {
    main: FileId,
    source: Source,
    logo: Option<(FileId, Bytes)>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> FileId {
    FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid virtual path"),
    ))
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

impl ReportWorld {
    /// The line of the generated source, from 1, that holds byte `at`.
    fn line_of(&self, at: usize) -> Option<usize> {
        self.source.lines().byte_to_line(at).map(|l| l + 1)
    }

    fn new(report: &Report, typst: String) -> Self {
        let main = file_id("/laporan.typ");
        let date = report.identitas.penandatangan.tanggal.0;
        let today = date_time(date);
        let logo = report.logo.as_ref().map(|l| {
            (
                file_id(&format!("/logo.{}", l.format)),
                Bytes::new(l.bytes.clone()),
            )
        });
        ReportWorld {
            main,
            source: Source::new(main, typst),
            logo,
            today,
        }
    }
}

/// The report's date as a Typst datetime (midnight). A report's dates have
/// four-digit years (see `content::Tanggal`), which Typst holds; `None`
/// only for a date made some other way outside years 1–9999.
pub(crate) fn date_time(date: chrono::NaiveDate) -> Option<Datetime> {
    use chrono::Datelike;
    Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        crate::fonts::book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match &self.logo {
            Some((logo, bytes)) if *logo == id => Ok(bytes.clone()),
            _ => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        crate::fonts::fonts().get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// One signature box of a compiled report, in PDF points with the
/// origin at the bottom left of its page, as signing services expect.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KotakTtd {
    /// Which signature block: `kata-pengantar`, `bab` or `lampiran`.
    pub blok: String,
    /// Page number, from 1.
    #[serde(rename = "halaman")]
    pub page: usize,
    /// Left edge of the box.
    pub x: f64,
    /// Bottom edge of the box.
    pub y: f64,
    /// Width of the box.
    #[serde(rename = "lebar")]
    pub width: f64,
    /// Height of the box.
    #[serde(rename = "tinggi")]
    pub height: f64,
    /// Width of the page the box is on.
    #[serde(rename = "lebar_halaman")]
    pub page_width: f64,
    /// Height of that page.
    #[serde(rename = "tinggi_halaman")]
    pub page_height: f64,
    /// The anchor character in this box (electronic signature only): each
    /// signer of a Perjanjian Kinerja has their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jangkar: Option<String>,
    /// Who signs in this box, as the signature block prints the name.
    #[serde(
        rename = "penanda_tangan",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub signer: Option<String>,
}

/// The signature boxes the template marked with `<rk-kotak-ttd>` (the QR
/// code, or the space for ink), in document order; none without signature.
pub fn signature_boxes(document: &PagedDocument) -> Vec<KotakTtd> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let Some(label) = Label::new(PicoStr::intern("rk-kotak-ttd")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else {
                return None;
            };
            let blok = dict.get("blok").ok()?.clone().cast::<String>().ok()?;
            let lebar = dict.get("lebar").ok()?.clone().cast::<f64>().ok()?;
            let tinggi = dict.get("tinggi").ok()?.clone().cast::<f64>().ok()?;
            let jangkar = dict
                .get("jangkar")
                .ok()
                .and_then(|j| j.clone().cast::<String>().ok());
            let signer = dict
                .get("nama")
                .ok()
                .and_then(|j| j.clone().cast::<String>().ok());
            let position = introspector.position(content.location()?)?;
            let page = document.pages().get(position.page.get() - 1)?;
            let size = page.frame.size();
            let top = position.point.y.to_pt();
            Some(KotakTtd {
                blok,
                page: position.page.get(),
                x: round(position.point.x.to_pt()),
                y: round(size.y.to_pt() - top - tinggi),
                width: round(lebar),
                height: round(tinggi),
                page_width: round(size.x.to_pt()),
                page_height: round(size.y.to_pt()),
                jangkar,
                signer,
            })
        })
        .collect()
}

/// The text of each page, in the order it was laid out, words separated by
/// spaces: enough to find the page a value of the report is printed on.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                typst::layout::FrameItem::Text(text) => {
                    out.push_str(text.text.as_str());
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    document
        .pages()
        .iter()
        .map(|page| {
            let mut out = String::new();
            walk(&page.frame, &mut out);
            out
        })
        .collect()
}

/// Hundredths of a point: finer than any printer, stable in JSON.
fn round(pt: f64) -> f64 {
    (pt * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typst's warnings come back with the value they are about, so a
    /// finding can be placed in the report's own files.
    #[test]
    fn warnings_carry_the_value_they_are_about() {
        let report = crate::content::load(None).unwrap();
        // A value of the report where Typst expects a font.
        let source = "#text(font: \"Kubutambahan\")[x]\n#text(font: \"Liberation Sans\")[y]\n";
        let (document, warnings) = compile(&report, source).unwrap();
        assert_eq!(document.pages().len(), 1);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(1));
        assert_eq!(warnings[0].value.as_deref(), Some("Kubutambahan"));
        assert!(
            warnings[0].message.contains("unknown font family"),
            "{warnings:?}"
        );

        let found = crate::check::typst_warnings(&report, &warnings);
        assert_eq!(found.len(), 1);
        let p = &found[0].problem;
        assert_eq!(
            (p.file.as_str(), p.line, p.path.as_deref()),
            (
                "(contoh bawaan) content/kubutambahan-2022/laporan.yaml",
                Some(3),
                Some("kecamatan")
            ),
            "{p}"
        );
    }
}

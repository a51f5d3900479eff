//! PDF export and safe writing: the same report always gives the same bytes,
//! and a file is replaced only by a complete new one.

use std::fs;
use std::path::Path;

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use serde::{Deserialize, Serialize};

use crate::compile::KotakTtd;
use crate::content::{Report, TandaTangan};
use crate::error::Error;
use crate::fs::write_keluaran;

/// Exports `document` with a timestamp from the report's date and an
/// identifier from its folder name, so that output is byte-reproducible.
pub fn export(
    report: &Report,
    document: &PagedDocument,
    options: Options,
) -> Result<Vec<u8>, Error> {
    let date = report.identitas.penandatangan.tanggal.0;
    let standards = if options.pdf_a {
        PdfStandards::new(&[PdfStandard::A_2b])
            .map_err(|e| Error::Internal(e.message().to_string()))?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        standards,
        ident: Smart::Custom(format!(
            "renaksi/{}/{}",
            report.source.name, report.identitas.tahun
        )),
        creator: Smart::Custom(Some(format!("renaksi {}", env!("CARGO_PKG_VERSION")))),
        timestamp: crate::compile::date_time(date).map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|diags| {
        Error::Internal(
            diags
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The coordinate sidecar of an electronically signed report: beside
/// `laporan.pdf` it is `laporan.tte.json`.
pub fn sidecar_path(pdf: &Path) -> std::path::PathBuf {
    pdf.with_extension("tte.json")
}

/// The coordinate sidecar: what a signing service needs besides the PDF,
/// the anchor character and each signature box (page, x, y, width, height
/// in PDF points from the bottom left).
#[derive(Debug, Serialize, Deserialize)]
pub struct Sidecar {
    /// The format's version, [`crate::fs::VERSI_JSON`].
    pub versi: u32,
    /// The PDF's file name.
    pub pdf: Option<String>,
    /// The anchor character.
    pub jangkar: String,
    /// Always `pt`.
    pub satuan: String,
    /// Always `kiri-bawah`.
    pub asal: String,
    /// The signature boxes in document order.
    pub kotak: Vec<KotakTtd>,
}

impl Sidecar {
    /// The sidecar beside `pdf`, if there is one (with at least one box).
    pub fn read(pdf: &Path) -> Result<Option<Sidecar>, Error> {
        let path = sidecar_path(pdf);
        let text = match crate::fs::baca_jika_ada(&path, crate::fs::YAML)? {
            Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            None => return Ok(None),
        };
        match serde_json::from_str::<Sidecar>(&text) {
            Ok(sidecar) if !sidecar.kotak.is_empty() => Ok(Some(sidecar)),
            _ => Err(Error::sign(
                format!("{} bukan berkas koordinat renaksi", path.display()),
                "susun ulang PDF dengan `renaksi build`, atau beri --invisible",
            )),
        }
    }
}

/// The sidecar of `output` as JSON; `None` unless the report is signed
/// electronically.
pub fn sidecar(report: &Report, output: &Output, pdf: &Path) -> Option<String> {
    let TandaTangan::Tte { jangkar, .. } = &report.identitas.tanda_tangan else {
        return None;
    };
    let sidecar = Sidecar {
        versi: crate::fs::VERSI_JSON,
        pdf: pdf.file_name().map(|n| n.to_string_lossy().into_owned()),
        jangkar: jangkar.to_string(),
        satuan: "pt".to_owned(),
        asal: "kiri-bawah".to_owned(),
        kotak: output.kotak_ttd.clone(),
    };
    serde_json::to_string_pretty(&sidecar)
        .ok()
        .map(|s| s + "\n")
}

/// Writes the PDF of `output` to `path` and, for an electronically signed
/// report, its coordinate sidecar beside it first; a sidecar left from an
/// earlier electronic build is removed, so none describes another PDF.
pub fn write_report(report: &Report, output: &Output, path: &Path) -> Result<(), Error> {
    let side = sidecar_path(path);
    match sidecar(report, output, path) {
        Some(json) => write_keluaran(&side, json.as_bytes())?,
        None => match fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("tidak dapat menghapus", &side, e)),
        },
    }
    write_keluaran(path, &output.pdf)
}

/// Everything one build produces: the generated Typst source and the PDF bytes.
pub struct Output {
    /// The Typst source the templates produced.
    pub typst: String,
    /// The finished PDF.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Where the electronic-signature boxes are (empty unless `tte`).
    pub kotak_ttd: Vec<crate::compile::KotakTtd>,
    /// What Typst warned about, placed in the report's files where the
    /// value it is about was written.
    pub peringatan: Vec<crate::error::Diagnostic>,
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
pub fn typeset(
    report: &crate::content::Report,
    typst: String,
    options: Options,
) -> Result<Output, Error> {
    let (document, warnings) = crate::compile::compile(report, &typst)?;
    let pages = document.pages().len();
    let kotak_ttd = crate::compile::signature_boxes(&document);
    let pdf = export(report, &document, options)?;
    Ok(Output {
        typst,
        pdf,
        pages,
        kotak_ttd,
        peringatan: crate::check::typst_warnings(report, &warnings),
    })
}

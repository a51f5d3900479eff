//! PDF export and safe writing: the same report always gives the same bytes,
//! and a file is replaced only by a complete new one.

use std::fs;
use std::io::Write;
use std::path::Path;

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use serde::{Deserialize, Serialize};

use crate::compile::KotakTtd;
use crate::content::{Report, TandaTangan};
use crate::error::Error;
use crate::Output;

/// Exports `document` with a timestamp from the report's date and an
/// identifier from its folder name, so that output is byte-reproducible.
pub fn export(
    report: &Report,
    document: &PagedDocument,
    options: crate::Options,
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
        timestamp: Some(Timestamp::new_utc(crate::compile::date_time(date))),
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
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("tidak dapat membaca", &path, e)),
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
        Some(json) => write_atomic(&side, json.as_bytes())?,
        None => match fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("tidak dapat menghapus", &side, e)),
        },
    }
    write_atomic(path, &output.pdf)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so `path` holds either its old content or the complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io("tidak dapat membuat folder", dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".renaksi-").suffix(".tmp");
    // Created like any new file (0666 less the umask), not private like a
    // temporary file; a replaced file keeps its own permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io("tidak dapat membuat berkas sementara di", dir, e))?;
    temp.write_all(bytes)
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| Error::io("tidak dapat menulis", path, e))?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(temp.path(), meta.permissions())
            .map_err(|e| Error::io("tidak dapat menulis", path, e))?;
    }
    temp.persist(path)
        .map_err(|e| Error::io("tidak dapat menulis", path, e.error))?;
    Ok(())
}

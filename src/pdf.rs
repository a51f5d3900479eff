//! PDF export and safe writing: the same report always gives the same bytes,
//! and a file is replaced only by a complete new one.

use std::fs;
use std::io::Write;
use std::path::Path;

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::content::Report;
use crate::error::Error;

/// Exports `document` with a timestamp from the report's date and an
/// identifier from its folder name, so that output is byte-reproducible.
pub fn export(report: &Report, document: &PagedDocument) -> Result<Vec<u8>, Error> {
    let date = report.identitas.penandatangan.tanggal.0;
    let options = PdfOptions {
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

//! `renaksi sign`: a PAdES signature on an existing PDF, written to a new
//! file; the input and an existing output are never touched on failure.

use std::path::{Path, PathBuf};

use renaksi::fs::write_atomic;
use renaksi::pdf::{sidecar_path, Sidecar};
use renaksi::sign::{Details, Place};
use renaksi::Error;

use crate::cli::SignArgs;

/// Signs the PDF and reports where the signed one went.
pub fn run(args: &SignArgs) -> Result<(), Error> {
    let input = &args.input;
    let output = args.output.clone().unwrap_or_else(|| signed_name(input));
    if same_file(input, &output) {
        return Err(Error::sign(
            format!("{} akan menimpa PDF masukannya", output.display()),
            "beri -o dengan nama lain; masukan tidak pernah diubah",
        ));
    }
    let identity = renaksi::sign::identity(&args.p12, args.signing.password_file.as_deref())?;
    let pdf = std::fs::read(input).map_err(|e| Error::io("tidak dapat membaca", input, e))?;
    let place = if args.signing.invisible {
        None
    } else {
        sidecar_place(input)?
    };
    let details = Details {
        time: args.signing.signing_time.as_deref(),
        reason: None,
        location: None,
    };
    let name = input.display().to_string();
    let signed = renaksi::sign::sign(&pdf, &name, &identity, place, &details)?;
    write_atomic(&output, &signed)?;
    if place.is_none() && !args.signing.invisible {
        eprintln!(
            "catatan: {} tidak ada, jadi tanda tangan tidak ditampilkan di halaman (`renaksi build --sign` menempatkannya di blok tanda tangan)",
            sidecar_path(input).display()
        );
    }
    eprintln!(
        "PDF ditandatangani oleh {}: {}",
        identity.name,
        output.display()
    );
    Ok(())
}

/// `laporan.pdf` → `laporan-ttd.pdf` beside it.
fn signed_name(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    input.with_file_name(format!("{stem}-ttd.pdf"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The last signature box (the Lampiran's) from the coordinate sidecar
/// `renaksi build` wrote beside the PDF, if there is one.
fn sidecar_place(pdf: &Path) -> Result<Option<Place>, Error> {
    Ok(Sidecar::read(pdf)?.and_then(|s| s.kotak.last().map(Place::from)))
}

//! `renaksi sign`: a PAdES signature on an existing PDF, written to a new
//! file; the input and an existing output are never touched on failure.

use std::path::{Path, PathBuf};

use renaksi::fs::write_keluaran;
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
    let pdf = renaksi::fs::baca(input, renaksi::fs::PDF)?;
    let sidecar = Sidecar::read(input)?;
    let place = match (&sidecar, &args.blok) {
        _ if args.signing.invisible => None,
        (None, Some(blok)) => {
            return Err(Error::sign(
                format!("kotak `{blok}` tidak dapat dicari: {} tidak ada", sidecar_path(input).display()),
                "berkas koordinat ditulis `renaksi build` di samping PDF bertanda tangan elektronik (mode tte)",
            ))
        }
        (None, None) => None,
        (Some(side), blok) => Some(box_of(side, blok.as_deref())?),
    };
    let details = Details {
        time: args.signing.signing_time.as_deref(),
        reason: None,
        location: None,
    };
    let name = input.display().to_string();
    let signed = renaksi::sign::sign(&pdf, &name, &identity, place, &details)?;
    // The boxes stay where they were: the next signer finds them beside
    // the signed PDF too.
    if let Some(mut side) = sidecar {
        side.pdf = output.file_name().map(|n| n.to_string_lossy().into_owned());
        let json = serde_json::to_string_pretty(&side).unwrap_or_default() + "\n";
        write_keluaran(&sidecar_path(&output), json.as_bytes())?;
    }
    write_keluaran(&output, &signed)?;
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

/// The box named `blok` of the coordinate sidecar `renaksi build` wrote
/// beside the PDF, or its last one (the Lampiran's).
fn box_of(side: &Sidecar, blok: Option<&str>) -> Result<Place, Error> {
    let found = match blok {
        None => side.kotak.last(),
        Some(blok) => side.kotak.iter().rev().find(|k| k.blok == blok),
    };
    found.map(Place::from).ok_or_else(|| {
        let names: Vec<&str> = side.kotak.iter().map(|k| k.blok.as_str()).collect();
        Error::sign(
            format!(
                "kotak `{}` tidak ada di berkas koordinat",
                blok.unwrap_or("")
            ),
            format!("kotak yang ada: {}", names.join(", ")),
        )
    })
}

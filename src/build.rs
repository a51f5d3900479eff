//! One checked build, the same for `build`, `watch` and `batch` (and for
//! each kind of document to come): a [`Plan`] made once from the
//! arguments, then load, lint, refuse on galat, render, typeset, sign and
//! write atomically. Nothing is written unless every step before it held.

use std::path::{Path, PathBuf};

use crate::content::Report;
use crate::error::Diagnostic;
use crate::error::Error;
use crate::pdf::{Options, Output};
use crate::sign::{Details, Identity, Place};

/// What one build is asked to do.
pub struct Plan {
    /// The report folder; `None` for the bundled example.
    pub dir: Option<PathBuf>,
    /// Where the PDF goes: a `.pdf` file, or a folder in which it is named
    /// after the report folder.
    pub output: PathBuf,
    /// Also write the generated Typst source here.
    pub emit_typst: Option<PathBuf>,
    /// How the PDF is written.
    pub options: Options,
    /// Sign the PDF (PAdES) with this identity.
    pub signer: Option<Signer>,
    /// A draft (`watch`): galat are reported but do not hold the PDF back.
    pub draft: bool,
    /// The final document: no DRAF mark, and held back by what `check`
    /// finds (see [`crate::check::tahan`]). Otherwise a draft is written.
    pub final_: bool,
    /// The git state of the report folder, written into the PDF.
    pub git: Option<crate::jejak::Git>,
    /// Print the short source digest on every page (`--jejak`).
    pub jejak: bool,
    /// The previous version of a Perubahan named on the command line
    /// (`--sebelumnya`), over the one its YAML names.
    pub sebelumnya: Option<crate::content::Sebelumnya>,
}

/// A cryptographic signature to add to the PDF.
pub struct Signer {
    /// The key and certificate.
    pub identity: Identity,
    /// The signing time (RFC 3339); the report's date when `None`.
    pub time: Option<String>,
    /// No visible signature frame.
    pub invisible: bool,
}

/// What a build made.
pub struct Built {
    /// The report as loaded.
    pub report: Report,
    /// The PDF and what is known about it.
    pub output: Output,
    /// Where the PDF was written.
    pub target: PathBuf,
    /// Every finding of `check`: warnings, and in a draft the galat too.
    pub findings: Vec<Diagnostic>,
}

impl Plan {
    /// A plain build of `dir` into `output`.
    pub fn new(dir: Option<PathBuf>, output: PathBuf) -> Self {
        Plan {
            dir,
            output,
            emit_typst: None,
            options: Options::default(),
            signer: None,
            draft: false,
            final_: false,
            git: None,
            jejak: false,
            sebelumnya: None,
        }
    }

    /// Loads the report this plan is for.
    pub fn load(&self) -> Result<Report, Error> {
        crate::content::load(self.dir.as_deref())
    }

    /// Runs the plan from loading to the written PDF.
    pub fn run(&self) -> Result<Built, Error> {
        let report = self.load()?;
        self.run_loaded(report)
    }

    /// Runs the plan on a report already loaded.
    pub fn run_loaded(&self, mut report: Report) -> Result<Built, Error> {
        crate::matriks::siapkan(&mut report, self.sebelumnya.as_ref())?;
        let opsi = crate::jejak::Opsi {
            pdf_a: self.options.pdf_a,
            cetak: self.jejak,
        };
        crate::jejak::siapkan(
            &mut report,
            &crate::jejak::Dokumen::RencanaAksi,
            self.final_ && !self.draft,
            opsi,
            self.git.as_ref(),
        )?;
        let findings = crate::check::lint(&report);
        if !self.draft {
            crate::check::tahan(&findings, &report)?;
        }
        let target = pdf_path(&self.output, &report.source.name);
        let typst = crate::render::render(&report)?;
        if let Some(path) = &self.emit_typst {
            crate::fs::write_keluaran(path, typst.as_bytes())?;
        }
        let mut output = crate::pdf::typeset(&report, typst, self.options)?;
        if let Some(signer) = &self.signer {
            output.pdf = sign(&report, &output, signer)?;
        }
        crate::pdf::write_report(&report, &output, &target)?;
        Ok(Built {
            report,
            output,
            target,
            findings,
        })
    }
}

/// The PDF of the report folder `name` under `output`: `output` itself
/// when it ends in `.pdf`, otherwise `output/name.pdf`.
pub fn pdf_path(output: &Path, name: &str) -> PathBuf {
    if output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        output.to_path_buf()
    } else {
        output.join(format!("{name}.pdf"))
    }
}

/// The PDF of `output` signed by `signer`, shown over the last signature
/// block (the Lampiran's) unless invisible or the report has none.
fn sign(report: &Report, output: &Output, signer: &Signer) -> Result<Vec<u8>, Error> {
    let place = match output.kotak_ttd.last() {
        Some(k) if !signer.invisible => Some(Place::from(k)),
        _ => None,
    };
    let id = &report.identitas;
    let time = signer
        .time
        .clone()
        .unwrap_or_else(|| crate::sign::pdf_day(id.penandatangan.tanggal.0));
    let reason = format!(
        "Rencana Aksi Kecamatan {} Kabupaten {} Tahun {}",
        id.kecamatan, id.kabupaten, id.tahun
    );
    let details = Details {
        time: Some(&time),
        reason: Some(&reason),
        location: Some(&id.penandatangan.tempat),
    };
    crate::sign::sign(
        &output.pdf,
        &report.source.label,
        &signer.identity,
        place,
        &details,
    )
}

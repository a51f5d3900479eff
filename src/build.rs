//! One checked build for every kind of document, the same for `build`,
//! `watch`, `batch`, `verify` and the editor's preview: a [`Plan`] made once
//! from the arguments, then load, make the document ([`Naskah`]), lint,
//! refuse on galat, render, typeset, sign and write atomically. Nothing is
//! written unless every step before it held, for every PDF of the build.

use std::path::{Path, PathBuf};

use crate::content::{Dokumen, Report, Sebelumnya};
use crate::error::{Diagnostic, Error};
use crate::jejak::{Git, Opsi};
use crate::naskah::Naskah;
use crate::pdf::{Options, Output};
use crate::sign::{Details, Identity, Place};

/// What one build is asked to do.
pub struct Plan {
    /// The report folder; `None` for the bundled example.
    pub dir: Option<PathBuf>,
    /// Which document.
    pub dokumen: Dokumen,
    /// The Perjanjian Kinerja all in one PDF, not one per official.
    pub gabung: bool,
    /// Where the PDF goes: a `.pdf` file, or a folder in which it is named
    /// after the report folder (several PDFs: a folder).
    pub output: PathBuf,
    /// Also write the generated Typst source here (several documents: a
    /// folder, each named as its PDF).
    pub emit_typst: Option<PathBuf>,
    /// How the PDF is written.
    pub options: Options,
    /// Sign every PDF (PAdES) with this identity.
    pub signer: Option<Signer>,
    /// A draft (`watch`): galat are reported but do not hold the PDF back.
    pub draft: bool,
    /// The final document: no DRAF mark, and held back by what `check`
    /// finds (see [`crate::check::tahan`]). Otherwise a draft is written.
    pub final_: bool,
    /// The git state of the report folder, written into the PDF.
    pub git: Option<Git>,
    /// Print the short source digest on every page (`--jejak`).
    pub jejak: bool,
    /// The previous version of a Perubahan named on the command line
    /// (`--sebelumnya`), over the one its YAML names.
    pub sebelumnya: Option<Sebelumnya>,
}

/// A cryptographic signature to add to the PDF.
pub struct Signer {
    /// The key and certificate.
    pub identity: Identity,
    /// The signing time (RFC 3339); the document's date when `None`.
    pub time: Option<String>,
    /// No visible signature frame.
    pub invisible: bool,
}

/// What a build made.
pub struct Built {
    /// The report as loaded.
    pub report: Report,
    /// Every finding of `check`: warnings, and in a draft the galat too.
    pub findings: Vec<Diagnostic>,
    /// Every PDF written, in order.
    pub ditulis: Vec<Ditulis>,
}

/// One PDF a build wrote.
pub struct Ditulis {
    /// Where it went.
    pub target: PathBuf,
    /// The PDF and what is known about it.
    pub output: Output,
    /// For a Perjanjian Kinerja: the officials and superiors it holds.
    pub pihak: Vec<(String, String)>,
}

/// One document's Typst source and where its PDF goes.
pub struct Bagian {
    /// The PDF's name without `.pdf`: `kubutambahan-2022-pk` (its `.typ`
    /// from `--emit-typst` is named so too).
    pub nama: String,
    /// One of several PDFs of a build: always a file of that name in the
    /// `-o` folder, never `-o` itself.
    pub sendiri: bool,
    /// The generated source.
    pub typst: String,
    /// For a Perjanjian Kinerja: the officials and superiors it holds.
    pub pihak: Vec<(String, String)>,
}

impl Plan {
    /// A plain build of the Rencana Aksi of `dir` into `output`.
    pub fn new(dir: Option<PathBuf>, output: PathBuf) -> Self {
        Plan {
            dir,
            dokumen: Dokumen::RencanaAksi,
            gabung: false,
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

    /// Runs the plan from loading to the written PDFs.
    pub fn run(&self) -> Result<Built, Error> {
        let report = self.load()?;
        self.run_loaded(report)
    }

    /// The document this plan makes of `report`, with its provenance.
    pub fn naskah(&self, report: Report) -> Result<Naskah, Error> {
        let final_ = self.final_ && !self.draft;
        let mut naskah = Naskah::baru(report, self.dokumen, final_, self.sebelumnya.as_ref())?;
        let opsi = Opsi {
            pdf_a: self.options.pdf_a,
            cetak: self.jejak,
        };
        naskah.tandai(opsi, self.git.as_ref())?;
        Ok(naskah)
    }

    /// Runs the plan on a report already loaded.
    pub fn run_loaded(&self, report: Report) -> Result<Built, Error> {
        let naskah = self.naskah(report)?;
        let findings = crate::check::naskah(&naskah);
        if !self.draft {
            crate::check::tahan(&findings, &naskah.report, naskah.draf)?;
        }
        let bagian = bagian(&naskah, self.gabung)?;
        let many = bagian.iter().any(|b| b.sendiri);
        if many && is_pdf(&self.output) {
            return Err(Error::Usage {
                message: format!(
                    "{} Perjanjian Kinerja tidak dapat ditulis ke satu berkas {}",
                    bagian.len(),
                    self.output.display()
                ),
                hint: "sebut folder dengan -o, atau tambahkan --gabung untuk satu PDF".into(),
            });
        }
        if let Some(path) = &self.emit_typst {
            tulis_typst(path, &bagian, many)?;
        }
        let report = naskah.dicetak()?;
        // Every PDF is typeset (and signed) before the first is written: a
        // failure leaves none half done.
        let mut done = Vec::new();
        for b in bagian {
            let mut output = crate::pdf::typeset(report, b.typst, self.options)?;
            if let Some(signer) = &self.signer {
                output.pdf = sign(&naskah, report, &output, signer)?;
            }
            let target = if b.sendiri {
                self.output.join(format!("{}.pdf", b.nama))
            } else {
                pdf_path(&self.output, &b.nama)
            };
            done.push(Ditulis {
                target,
                output,
                pihak: b.pihak,
            });
        }
        for d in &done {
            crate::pdf::write_report(report, &d.output, &d.target)?;
        }
        Ok(Built {
            report: naskah.report,
            findings,
            ditulis: done,
        })
    }
}

/// The documents `naskah` makes, each as Typst source: the Rencana Aksi;
/// one Perjanjian Kinerja per official (or with `gabung` all in one); the
/// quarter's monitoring report. A Perjanjian Kinerja without pegawai.yaml,
/// or without any agreement to make, is refused.
pub fn bagian(naskah: &Naskah, gabung: bool) -> Result<Vec<Bagian>, Error> {
    let report = &naskah.report;
    let name = &report.source.name;
    let one = |nama: String, typst: String| Bagian {
        nama,
        sendiri: false,
        typst,
        pihak: Vec::new(),
    };
    Ok(match naskah.dokumen {
        Dokumen::RencanaAksi => vec![one(name.clone(), crate::render::render(naskah)?)],
        Dokumen::Monitoring(n) => vec![one(
            format!("{name}-monitoring-tw{n}"),
            crate::render::monitoring::render(naskah)?,
        )],
        Dokumen::Lkjip => vec![one(
            format!("{name}-lkjip"),
            crate::render::lkjip::render(naskah)?,
        )],
        Dokumen::Pk => {
            let daftar = perjanjian(report)?;
            let pihak =
                |pk: &crate::pk::Perjanjian| (pk.pertama.jabatan.clone(), pk.kedua.jabatan.clone());
            if gabung {
                vec![Bagian {
                    pihak: daftar.iter().map(pihak).collect(),
                    ..one(
                        format!("{name}-pk"),
                        crate::render::pk::render(naskah, &daftar)?,
                    )
                }]
            } else {
                let mut out = Vec::new();
                for pk in &daftar {
                    out.push(Bagian {
                        nama: crate::pk::nama_berkas(report, pk),
                        sendiri: true,
                        typst: crate::render::pk::render(naskah, std::slice::from_ref(pk))?,
                        pihak: vec![pihak(pk)],
                    });
                }
                out
            }
        }
    })
}

/// Every agreement of `report`; refused without pegawai.yaml or without
/// one agreement to make.
fn perjanjian(report: &Report) -> Result<Vec<crate::pk::Perjanjian<'_>>, Error> {
    if report.pegawai.is_none() {
        return Err(Error::Usage {
            message: format!(
                "{} tidak ada: Perjanjian Kinerja memerlukan identitas setiap pejabat dan atasannya",
                report.source.display(crate::content::PEGAWAI)
            ),
            hint: "buat pegawai.yaml (contohnya di content/kubutambahan-2022, lihat docs/format.md)"
                .into(),
        });
    }
    let daftar = crate::pk::semua(report);
    if daftar.is_empty() {
        return Err(Error::Usage {
            message: "tidak ada Perjanjian Kinerja yang dapat disusun: tidak ada pejabat Lampiran \
                      yang tercantum di pegawai.yaml dengan atasan"
                .into(),
            hint: "cocokkan `jabatan` (atau `lampiran`) di pegawai.yaml dengan jabatan pejabat di tabel Lampiran, dan tulis `atasan`"
                .into(),
        });
    }
    Ok(daftar)
}

/// Writes the generated source of `bagian` to `path`: the file itself for
/// one document, else one `.typ` per document in the folder `path`, named
/// as its PDF.
fn tulis_typst(path: &Path, bagian: &[Bagian], many: bool) -> Result<(), Error> {
    if !many {
        return crate::fs::write_keluaran(path, bagian[0].typst.as_bytes());
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("typ"))
    {
        return Err(Error::Usage {
            message: format!(
                "{} dokumen tidak dapat ditulis ke satu berkas {}",
                bagian.len(),
                path.display()
            ),
            hint: "sebut folder dengan --emit-typst: setiap sumber Typst dinamai seperti PDF-nya"
                .into(),
        });
    }
    std::fs::create_dir_all(path).map_err(|e| Error::io("tidak dapat membuat folder", path, e))?;
    for b in bagian {
        let typ = path.join(format!("{}.typ", b.nama));
        crate::fs::write_keluaran(&typ, b.typst.as_bytes())?;
    }
    Ok(())
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// The PDF of the report folder `name` under `output`: `output` itself
/// when it ends in `.pdf`, otherwise `output/name.pdf`.
pub fn pdf_path(output: &Path, name: &str) -> PathBuf {
    if is_pdf(output) {
        output.to_path_buf()
    } else {
        output.join(format!("{name}.pdf"))
    }
}

/// The PDF of `output` signed by `signer`, shown over the document's last
/// signature block (the Lampiran's; on a Perjanjian Kinerja the second
/// party's) unless invisible or the document has none. `report` is the
/// report as the document prints it: its date is the default signing time.
fn sign(
    naskah: &Naskah,
    report: &Report,
    output: &Output,
    signer: &Signer,
) -> Result<Vec<u8>, Error> {
    let place = match output.kotak_ttd.last() {
        Some(k) if !signer.invisible => Some(Place::from(k)),
        _ => None,
    };
    let id = &report.identitas;
    let time = signer
        .time
        .clone()
        .unwrap_or_else(|| crate::sign::pdf_day(id.penandatangan.tanggal.0));
    let judul = match naskah.dokumen {
        Dokumen::RencanaAksi => "Rencana Aksi".to_owned(),
        Dokumen::Pk => "Perjanjian Kinerja".to_owned(),
        Dokumen::Monitoring(n) => {
            format!("Laporan Monitoring Triwulan {}", crate::format::romawi(n))
        }
        Dokumen::Lkjip => "Laporan Kinerja".to_owned(),
    };
    let reason = format!(
        "{judul} Kecamatan {} Kabupaten {} Tahun {}",
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

//! One document to be made of a report, decided once: its kind, draft or
//! final, its provenance, the previous version of a Perubahan with the
//! change table worked out from it, and a quarter's realisasi and date.
//! Every later step — `check`, `render`, typesetting, `verify` — reads it
//! from here; the [`Report`] stays what its YAML says.

use crate::content::{Dokumen, Report, Sebelumnya, Tanggal};
use crate::error::Error;
use crate::jejak::{Asal, Git, Jejak, Opsi};
use crate::matriks::{Matriks, VersiLama};
use crate::realisasi::Realisasi;

/// A document of a report, ready to check and render.
#[derive(Debug)]
pub struct Naskah {
    /// The report as loaded.
    pub report: Report,
    /// Which document.
    pub dokumen: Dokumen,
    /// A draft: "DRAF" on every page and in the title.
    pub draf: bool,
    /// Its provenance; `None` until [`Naskah::tandai`].
    pub jejak: Option<Jejak>,
    /// The previous version of a Rencana Aksi Perubahan.
    pub sebelumnya: Option<VersiLama>,
    /// The Matriks Perubahan against `sebelumnya`, worked out once.
    pub matriks: Option<Matriks>,
    /// The realisasi files of a monitoring report.
    pub realisasi: Option<Realisasi>,
    /// The LKjIP's own files and the earlier years' results.
    pub lkjip: Option<Lkjip>,
    /// A monitoring report's report dated the quarter's signing date, an
    /// LKjIP's dated by lkjip.yaml; `None` while that quarter has no
    /// realisasi file.
    bertanggal: Option<Report>,
}

/// What an LKjIP is made of beside the report and its realisasi.
#[derive(Debug)]
pub struct Lkjip {
    /// renstra.yaml, kinerja-lalu.yaml and lkjip.yaml.
    pub data: crate::lkjip::Data,
    /// The earlier years, read.
    pub lalu: Vec<crate::kinerja::TahunDibaca>,
}

impl Naskah {
    /// The document `dokumen` of `report`, a draft unless `final_`. A
    /// Rencana Aksi loads the previous version named on the command line
    /// (`perintah`) or in its YAML; a monitoring report its realisasi.
    pub fn baru(
        report: Report,
        dokumen: Dokumen,
        final_: bool,
        perintah: Option<&Sebelumnya>,
    ) -> Result<Self, Error> {
        let sebelumnya = match dokumen {
            Dokumen::RencanaAksi => crate::matriks::muat(&report, perintah)?,
            _ => None,
        };
        let matriks = sebelumnya
            .as_ref()
            .map(|lama| crate::matriks::susun(&report, lama));
        if let Dokumen::Monitoring(n) = dokumen {
            let realisasi = crate::realisasi::muat(&report)?;
            return Ok(Naskah::monitoring(report, n, realisasi, final_));
        }
        if dokumen == Dokumen::Lkjip {
            return Naskah::lkjip(report, final_);
        }
        Ok(Naskah {
            report,
            dokumen,
            draf: !final_,
            jejak: None,
            sebelumnya,
            matriks,
            realisasi: None,
            lkjip: None,
            bertanggal: None,
        })
    }

    /// The LKjIP of `report`, a draft unless `final_`: its realisasi (TW
    /// IV required), renstra.yaml, lkjip.yaml and the earlier years.
    pub fn lkjip(report: Report, final_: bool) -> Result<Self, Error> {
        let realisasi = crate::realisasi::muat(&report)?;
        tw4_ada(&report, &realisasi)?;
        let data = crate::lkjip::muat(&report)?;
        Self::lkjip_dari(report, realisasi, data, final_)
    }

    /// [`Naskah::lkjip`] of the realisasi and LKjIP files already read
    /// (the editor's preview has read and checked them); the earlier years
    /// are read here.
    pub fn lkjip_dari(
        report: Report,
        realisasi: Realisasi,
        data: crate::lkjip::Data,
        final_: bool,
    ) -> Result<Self, Error> {
        tw4_ada(&report, &realisasi)?;
        let lalu = crate::kinerja::baca_lalu(&report, &data)?;
        let mut dated = report.clone();
        dated.identitas.penandatangan.tanggal = data.narasi.isi.tanggal;
        Ok(Naskah {
            report,
            dokumen: Dokumen::Lkjip,
            draf: !final_,
            jejak: None,
            sebelumnya: None,
            matriks: None,
            realisasi: Some(realisasi),
            lkjip: Some(Lkjip { data, lalu }),
            bertanggal: Some(dated),
        })
    }

    /// The monitoring report of quarter `n` of `report` from `realisasi`
    /// already read, a draft unless `final_`.
    pub fn monitoring(report: Report, n: usize, realisasi: Realisasi, final_: bool) -> Self {
        let bertanggal = crate::realisasi::tanggal(&realisasi, n).map(|t| {
            let mut dated = report.clone();
            dated.identitas.penandatangan.tanggal = Tanggal(t);
            dated
        });
        Naskah {
            report,
            dokumen: Dokumen::Monitoring(n),
            draf: !final_,
            jejak: None,
            sebelumnya: None,
            matriks: None,
            realisasi: Some(realisasi),
            lkjip: None,
            bertanggal,
        }
    }

    /// The digest of the files this document is built from (see
    /// [`crate::jejak::berkas`]).
    pub fn sumber(&self) -> Result<String, Error> {
        let mut files =
            crate::jejak::berkas(&self.report, &self.dokumen, self.sebelumnya.as_ref())?;
        if let Some(lkjip) = &self.lkjip {
            // The earlier years read from their folders count as the
            // figures read: the folders themselves are not this report's.
            for tahun in &lkjip.lalu {
                let mut text = String::new();
                for d in &tahun.iku {
                    text.push_str(&format!("{}\t{:?}\t{:?}\n", d.kunci, d.target, d.realisasi));
                }
                files.push((format!("kinerja-lalu/{}", tahun.tahun), text.into_bytes()));
            }
            files.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Ok(crate::jejak::sha256(&files))
    }

    /// Writes its provenance, asked for with `opsi`, in a folder whose git
    /// state is `git`.
    pub fn tandai(&mut self, opsi: Opsi, git: Option<&Git>) -> Result<(), Error> {
        let sumber = self.sumber()?;
        let asal = Asal::dari(&self.report);
        self.tandai_sidik(&sumber, opsi, asal.as_ref(), git);
        Ok(())
    }

    /// As [`Naskah::tandai`], with the digest `sumber` already worked out
    /// and the folder `asal` it records given (`verify` gives the PDF's).
    /// The digest line is printed when asked for on the command line
    /// (`opsi.cetak`) or in the report (`cetak_jejak`).
    pub fn tandai_sidik(
        &mut self,
        sumber: &str,
        opsi: Opsi,
        asal: Option<&Asal>,
        git: Option<&Git>,
    ) {
        let opsi = Opsi {
            cetak: opsi.cetak || self.report.identitas.cetak_jejak,
            ..opsi
        };
        let sebelumnya = self
            .sebelumnya
            .as_ref()
            .filter(|_| self.dokumen == Dokumen::RencanaAksi)
            .map(VersiLama::kata);
        self.jejak = Some(Jejak {
            kata_kunci: crate::jejak::kata_kunci(
                sumber,
                &self.dokumen,
                self.draf,
                opsi,
                sebelumnya,
                asal,
                git,
            ),
            cetak: opsi
                .cetak
                .then(|| format!("sumber sha256:{}", &sumber[..16])),
        });
    }

    /// The report as the document prints it: a monitoring report's carries
    /// the quarter's date, and without that quarter's realisasi there is no
    /// document to print.
    pub fn dicetak(&self) -> Result<&Report, Error> {
        match (self.dokumen, &self.bertanggal) {
            (Dokumen::Monitoring(_) | Dokumen::Lkjip, Some(dated)) => Ok(dated),
            (Dokumen::Monitoring(n), None) => Err(Error::Usage {
                message: format!(
                    "{} tidak ada: belum ada realisasi Triwulan {}",
                    self.report
                        .source
                        .display(&crate::realisasi::nama_berkas(n)),
                    crate::format::romawi(n)
                ),
                hint: format!(
                    "buat berkasnya dengan `renaksi realisasi --triwulan {n}` lalu isi realisasinya (lihat docs/monitoring.md)"
                ),
            }),
            _ => Ok(&self.report),
        }
    }
}

/// The LKjIP is made from the year's TW IV realisasi: without it, an error
/// that says which file to make.
fn tw4_ada(report: &Report, realisasi: &Realisasi) -> Result<(), Error> {
    if realisasi.tw[3].is_some() {
        return Ok(());
    }
    Err(Error::Usage {
        message: format!(
            "{} tidak ada: Laporan Kinerja disusun dari realisasi Triwulan IV",
            report.source.display(&crate::realisasi::nama_berkas(4))
        ),
        hint: "buat berkasnya dengan `renaksi realisasi --triwulan 4` lalu isi realisasinya (lihat docs/lkjip.md)".into(),
    })
}

//! The data the templates see: everything formatted, numbered and escaped
//! ahead of time, so the templates only place it on the page.

use chrono::Datelike;
use minijinja::value::Value;
use serde::Serialize;

use super::lampiran::{tabel, tata, Tabel, Tata};
use super::{markdown, narrative, plain, variabel};
use crate::content::{Kertas, Report, Rincian, TandaTangan, LAPORAN};
use crate::error::Problem;
use crate::format;
use crate::naskah::Naskah;

/// What every kind of document shows of its report: the office, the
/// year, the paper and typeface, the PDF's metadata and the logo.
#[derive(Serialize)]
pub struct Kepala {
    kecamatan: String,
    kabupaten: String,
    tahun: i32,
    kertas: &'static str,
    huruf: &'static str,
    /// The PDF's author.
    penulis: String,
    /// The PDF's date: the signing date.
    tanggal: [u32; 3],
    /// The logo's path in the Typst world, if any.
    logo: Option<String>,
    /// A draft: the watermark on every page, "DRAF — " before the title.
    draf: bool,
    /// The PDF's keywords: its provenance.
    kata_kunci: Vec<String>,
    /// The provenance line at the foot of every page, if asked for.
    jejak: Option<String>,
}

/// The shared part of every document's view: `report` as the document
/// `naskah` prints it.
pub fn kepala(naskah: &Naskah, report: &Report) -> Kepala {
    let id = &report.identitas;
    let p = &id.penandatangan;
    Kepala {
        kecamatan: id.kecamatan.clone(),
        kabupaten: id.kabupaten.clone(),
        tahun: id.tahun,
        kertas: match id.kertas {
            Kertas::A4 => "a4",
            Kertas::F4 => "f4",
        },
        huruf: id.huruf.family(),
        penulis: format!("Kecamatan {}, Kabupaten {}", id.kecamatan, id.kabupaten),
        tanggal: [
            p.tanggal.0.year() as u32,
            p.tanggal.0.month(),
            p.tanggal.0.day(),
        ],
        logo: report.logo.as_ref().map(|l| format!("/logo.{}", l.format)),
        draf: naskah.draf,
        kata_kunci: naskah
            .jejak
            .as_ref()
            .map(|j| j.kata_kunci.clone())
            .unwrap_or_default(),
        jejak: naskah.jejak.as_ref().and_then(|j| j.cetak.clone()),
    }
}

#[derive(Serialize)]
pub(super) struct View<'a> {
    judul: String,
    #[serde(flatten)]
    kepala: Kepala,
    ttd: Ttd,
    kata_pengantar: Value,
    bab: Vec<BabView>,
    lampiran: Vec<Tabel>,
    /// The Perubahan's change table, when its previous version is loaded.
    matriks: Option<&'a crate::matriks::Matriks>,
    /// The Lampiran's layout numbers.
    tata: Tata,
    kolom_periode: &'static str,
    /// Period names, one per line.
    periode: String,
    /// Number of periods (12 or 4).
    jumlah_periode: usize,
}

/// How a document is signed, as `cara-ttd.typ` reads it.
#[derive(Serialize)]
pub struct Cara {
    /// `basah`, `tte` or `tanpa`.
    mode: &'static str,
    /// The QR code as SVG (tte only).
    qr: Option<String>,
    /// The anchor character (tte only).
    jangkar: Option<String>,
    /// The second signer's anchor on a two-party document (tte only).
    jangkar_atasan: Option<String>,
}

/// How the report's documents are signed; the QR code drawn once here.
pub fn cara(report: &Report) -> Result<Cara, Problem> {
    Ok(match &report.identitas.tanda_tangan {
        TandaTangan::Basah => Cara {
            mode: "basah",
            qr: None,
            jangkar: None,
            jangkar_atasan: None,
        },
        TandaTangan::Tanpa => Cara {
            mode: "tanpa",
            qr: None,
            jangkar: None,
            jangkar_atasan: None,
        },
        TandaTangan::Tte {
            qr,
            jangkar,
            jangkar_atasan,
        } => Cara {
            mode: "tte",
            qr: Some(super::qr::svg(qr).map_err(|message| {
                Problem::new(report.source.display(LAPORAN), message)
                    .at_path("tanda_tangan.qr")
                    .hint("pakai teks yang lebih pendek, misalnya tautan verifikasi (paling banyak ±2.300 karakter)")
            })?),
            jangkar: Some(jangkar.to_string()),
            jangkar_atasan: Some(jangkar_atasan.to_string()),
        },
    })
}

/// The report's signature block: how it is signed, place and date, and the
/// signing official as printed.
#[derive(Serialize)]
pub struct Ttd {
    #[serde(flatten)]
    cara: Cara,
    tempat_tanggal: String,
    /// With `Plt.`/`Plh.` in front for an acting official.
    jabatan: String,
    nama: String,
    pangkat: String,
    nip: String,
}

/// The signature block of `report`, signed the way `cara` says, dated by
/// the signing official's date.
pub fn ttd(report: &Report, cara: Cara) -> Ttd {
    let id = &report.identitas;
    let p = &id.penandatangan;
    Ttd {
        cara,
        tempat_tanggal: format!(
            "{}, {}",
            p.tempat,
            format::tanggal(p.tanggal.0, id.ejaan_bulan)
        ),
        jabatan: match p.pelaksana {
            Some(pelaksana) => format!("{} {}", pelaksana.singkatan(), p.jabatan),
            None => p.jabatan.clone(),
        },
        nama: p.nama.clone(),
        pangkat: format!("{} ({})", p.pangkat, p.golongan),
        nip: format!("NIP. {}", format::nip(&p.nip)),
    }
}

#[derive(Serialize)]
struct BabView {
    nomor: String,
    judul: String,
    label: String,
    isi: Option<Value>,
    bagian: Vec<BagianView>,
}

/// One numbered section of a chapter (the Rencana Aksi's and the LKjIP's).
#[derive(Serialize)]
pub(super) struct BagianView {
    pub(super) nomor: String,
    pub(super) judul: String,
    pub(super) label: String,
    pub(super) isi: Value,
}

pub(super) fn build(naskah: &Naskah) -> Result<View<'_>, Problem> {
    let report = &naskah.report;
    let id = &report.identitas;
    let ejaan = id.ejaan_bulan;
    let judul = variabel::judul(report);
    let cara = cara(report)?;
    let vars = variabel::nilai(report);
    // The text a signature block follows keeps its last paragraph on the
    // block's page, so that no page holds a signature alone.
    let signed = !matches!(id.tanda_tangan, TandaTangan::Tanpa);
    let convert = |before_signature: bool| -> fn(&str) -> String {
        if before_signature && signed {
            markdown::to_typst_closing
        } else {
            markdown::to_typst
        }
    };
    let mut bab = Vec::new();
    for (i, b) in report.narasi.bab.iter().enumerate() {
        let at = format!("bab[{i}]");
        let last_bab = i + 1 == report.narasi.bab.len();
        let isi = b
            .isi
            .as_deref()
            .map(|t| {
                let closing = convert(last_bab && b.bagian.is_empty());
                narrative(report, &vars, &format!("{at}.isi"), t, closing)
            })
            .transpose()?;
        let mut bagian = Vec::new();
        for (j, s) in b.bagian.iter().enumerate() {
            let at = format!("{at}.bagian[{j}]");
            let closing = convert(last_bab && j + 1 == b.bagian.len());
            bagian.push(BagianView {
                nomor: format!("{}.{}", i + 1, j + 1),
                judul: plain(report, &vars, &format!("{at}.judul"), &s.judul)?,
                label: format!("rk-bab-{}-{}", i + 1, j + 1),
                isi: narrative(report, &vars, &format!("{at}.isi"), &s.isi, closing)?,
            });
        }
        bab.push(BabView {
            nomor: format::romawi(i + 1),
            judul: plain(report, &vars, &format!("{at}.judul"), &b.judul)?,
            label: format!("rk-bab-{}", i + 1),
            isi,
            bagian,
        });
    }
    let (kolom_periode, periode) = match id.rincian_target {
        Rincian::Bulanan => (
            "Bulan",
            format::bulan(ejaan).iter().map(|s| s.to_string()).collect(),
        ),
        Rincian::Triwulan => (
            "Triwulan",
            ["TW I", "TW II", "TW III", "TW IV"]
                .map(String::from)
                .to_vec(),
        ),
    };
    Ok(View {
        kepala: kepala(naskah, report),
        ttd: ttd(report, cara),
        kata_pengantar: narrative(
            report,
            &vars,
            "kata_pengantar",
            &report.narasi.kata_pengantar,
            convert(true),
        )?,
        bab,
        lampiran: report
            .lampiran
            .iter()
            .enumerate()
            .map(|(t, l)| {
                tabel(
                    report,
                    t,
                    &l.table,
                    signed && t + 1 == report.lampiran.len(),
                )
            })
            .collect(),
        matriks: naskah.matriks.as_ref(),
        kolom_periode,
        periode: periode.join("\n"),
        jumlah_periode: periode.len(),
        tata: tata(id.rincian_target),
        judul,
    })
}

//! The Perjanjian Kinerja's view: each agreement's two parties, their
//! targets and budgets, formatted for `pk.typ`.

use serde::Serialize;

use crate::content::Pegawai;
use crate::error::Error;
use crate::format;
use crate::naskah::Naskah;
use crate::pk::Perjanjian;

/// The template of a Perjanjian Kinerja.
pub const TEMPLATE: &str = "pk.typ";

#[derive(Serialize)]
struct View {
    judul: String,
    #[serde(flatten)]
    kepala: super::Kepala,
    tempat_tanggal: String,
    ttd: super::Cara,
    /// The statement's three texts as Typst markup.
    pembuka: minijinja::Value,
    janji_pertama: minijinja::Value,
    janji_kedua: minijinja::Value,
    /// The document's title after `judul`: one official's jabatan, or none
    /// for all agreements in one PDF.
    untuk: Option<String>,
    daftar: Vec<PkView>,
}

#[derive(Serialize)]
struct PkView {
    pertama: Pihak,
    kedua: Pihak,
    sasaran: Vec<SasaranView>,
    program: Vec<ProgramView>,
    jumlah: String,
}

/// One party of an agreement as printed (here and in the LKjIP's copy).
#[derive(Serialize)]
pub(super) struct Pihak {
    jabatan: String,
    nama: String,
    /// `Pembina Tk. I (IV/b)`, or empty for a political office.
    pangkat: String,
    /// `NIP. 19650207 199702 1 001`, or empty.
    nip: String,
}

#[derive(Serialize)]
struct SasaranView {
    nomor: usize,
    uraian: String,
    indikator: Vec<[String; 2]>,
}

#[derive(Serialize)]
struct ProgramView {
    nomor: usize,
    uraian: String,
    anggaran: String,
}

fn view(pk: &Perjanjian) -> PkView {
    let total: u64 = pk.program.iter().filter_map(|g| g.anggaran).sum();
    PkView {
        pertama: pihak(pk.pertama),
        kedua: pihak(pk.kedua),
        sasaran: pk
            .sasaran
            .iter()
            .enumerate()
            .map(|(i, s)| SasaranView {
                nomor: i + 1,
                uraian: s.uraian.to_owned(),
                indikator: s
                    .indikator
                    .iter()
                    .map(|(u, t)| [u.to_string(), t.clone()])
                    .collect(),
            })
            .collect(),
        program: pk
            .program
            .iter()
            .enumerate()
            .map(|(i, g)| ProgramView {
                nomor: i + 1,
                uraian: g.uraian.clone(),
                anggaran: g.anggaran.map(format::rupiah).unwrap_or_else(|| "-".into()),
            })
            .collect(),
        jumlah: format::rupiah(total),
    }
}

pub(super) fn pihak(p: &Pegawai) -> Pihak {
    let pangkat = match (p.pangkat.as_deref(), p.golongan.as_deref()) {
        (Some(pangkat), Some(golongan)) if !pangkat.trim().is_empty() => {
            format!("{pangkat} ({golongan})")
        }
        (Some(pangkat), _) => pangkat.to_owned(),
        _ => String::new(),
    };
    Pihak {
        jabatan: p.jabatan.clone(),
        nama: p.nama.clone(),
        pangkat,
        nip: p
            .nip
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("NIP. {}", format::nip(n)))
            .unwrap_or_default(),
    }
}

/// The Typst source of the agreements `daftar` in one document (one page
/// pair each); `untuk` names the one official when there is one.
pub fn render(naskah: &Naskah, daftar: &[Perjanjian]) -> Result<String, Error> {
    let report = &naskah.report;
    let id = &report.identitas;
    let p = &id.penandatangan;
    let mut judul = format!("Perjanjian Kinerja Tahun {}", id.tahun);
    if id.perubahan {
        judul.push_str(" Perubahan");
    }
    let ttd = super::cara(report).map_err(|p| Error::Input(vec![p]))?;
    let Some((berkas, text)) = &report.pegawai else {
        return Err(Error::Internal("PK tanpa pegawai.yaml".into()));
    };
    let file = report.source.display(crate::content::PEGAWAI);
    let mut teks = Vec::new();
    for (path, t) in berkas.pernyataan.texts() {
        let markup = super::teks_bervariabel(report, (&file, text), path, t)
            .map_err(|p| Error::Input(vec![p]))?;
        teks.push(minijinja::Value::from_safe_string(markup));
    }
    let [pembuka, janji_pertama, janji_kedua]: [minijinja::Value; 3] = teks
        .try_into()
        .map_err(|_| Error::Internal("tiga teks pernyataan".into()))?;
    let view = View {
        pembuka,
        janji_pertama,
        janji_kedua,
        judul,
        kepala: super::kepala(naskah, report),
        tempat_tanggal: format!(
            "{}, {}",
            p.tempat,
            format::tanggal(p.tanggal.0, id.ejaan_bulan)
        ),
        ttd,
        untuk: match daftar {
            [pk] => Some(pk.pertama.jabatan.clone()),
            _ => None,
        },
        daftar: daftar.iter().map(view).collect(),
    };
    super::isi(TEMPLATE, view)
}

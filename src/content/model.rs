//! The report's data as written in YAML. Keys are Indonesian, unknown keys are
//! rejected, and nothing derived (numbers, totals, numbering) is stored.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// `laporan.yaml`: who, where, when and how the report is laid out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identitas {
    /// Name of the kecamatan, e.g. `Kubutambahan`.
    pub kecamatan: String,
    /// Name of the kabupaten, e.g. `Buleleng`.
    pub kabupaten: String,
    /// The year the plan is for.
    pub tahun: i32,
    /// Whether this is the *Perubahan* (revised) plan.
    #[serde(default)]
    pub perubahan: bool,
    /// Paper size.
    #[serde(default)]
    pub kertas: Kertas,
    /// Typeface of the whole report.
    #[serde(default)]
    pub huruf: Huruf,
    /// Monthly or quarterly targets.
    #[serde(default)]
    pub rincian_target: Rincian,
    /// Spelling of February and November.
    #[serde(default)]
    pub ejaan_bulan: Ejaan,
    /// Optional kabupaten logo, a PNG, JPEG or SVG file inside the report folder.
    #[serde(default)]
    pub logo: Option<String>,
    /// The official who signs.
    pub penandatangan: Penandatangan,
}

/// The signing official and the place and date of signing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penandatangan {
    /// Place of signing.
    pub tempat: String,
    /// Date of signing; also the PDF's timestamp.
    pub tanggal: Tanggal,
    /// Position, e.g. `Camat Kubutambahan`.
    pub jabatan: String,
    /// Name with titles.
    pub nama: String,
    /// Rank, e.g. `Pembina Tk. I`.
    pub pangkat: String,
    /// Grade, e.g. `IV/b`.
    pub golongan: String,
    /// 18-digit NIP, written without spaces.
    pub nip: String,
}

/// Paper size of the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kertas {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// Folio, 215 × 330 mm.
    F4,
}

/// The bundled typefaces, named after the office font they stand in for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Huruf {
    /// Liberation Sans, metric-compatible with Arial.
    #[default]
    Arial,
    /// Liberation Serif, metric-compatible with Times New Roman.
    Times,
    /// TeX Gyre Bonum, a Bookman Old Style design.
    Bookman,
}

impl Huruf {
    /// The family name of the bundled font.
    pub fn family(self) -> &'static str {
        match self {
            Huruf::Arial => "Liberation Sans",
            Huruf::Times => "Liberation Serif",
            Huruf::Bookman => "TeX Gyre Bonum",
        }
    }
}

/// How targets are broken down over the year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rincian {
    /// Twelve months, key `bulan`.
    #[default]
    Bulanan,
    /// Four quarters, key `triwulan`.
    Triwulan,
}

/// Spelling of the months with two spellings in use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ejaan {
    /// Februari, November.
    #[default]
    Baku,
    /// Pebruari, Nopember.
    Lama,
}

/// `narasi.yaml`: the chapters, as Markdown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narasi {
    /// The foreword.
    pub kata_pengantar: String,
    /// BAB I, II, … in order.
    pub bab: Vec<Bab>,
}

/// One chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bab {
    /// Title without "BAB I".
    pub judul: String,
    /// Text before the first section, or the whole chapter.
    #[serde(default)]
    pub isi: Option<String>,
    /// Numbered sections 1.1, 1.2, …
    #[serde(default)]
    pub bagian: Vec<Bagian>,
}

/// One numbered section of a chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bagian {
    /// Title without its number.
    pub judul: String,
    /// The text, as Markdown.
    pub isi: String,
}

/// One file in `lampiran/`: the table of one level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lampiran {
    /// Level of the table.
    pub tingkat: Tingkat,
    /// Officials in order of appearance.
    pub pejabat: Vec<Pejabat>,
}

/// The four levels of the Lampiran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tingkat {
    /// Sasaran Strategis and Program (the Camat).
    Program,
    /// Sasaran Kegiatan and Kegiatan.
    Kegiatan,
    /// Sasaran Sub Kegiatan and Sub Kegiatan.
    SubKegiatan,
    /// Sasaran Kinerja of staff.
    Kinerja,
}

/// An official and the targets they commit to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pejabat {
    /// Position as printed in the row above their targets.
    pub jabatan: String,
    /// Their sasaran, numbered on in the table.
    pub sasaran: Vec<Sasaran>,
}

/// A goal with its indicators and the programs that fund it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sasaran {
    /// The goal.
    pub uraian: String,
    /// How it is measured.
    pub indikator: Vec<Indikator>,
    /// Programs, kegiatan or sub kegiatan serving this sasaran.
    #[serde(default)]
    pub program_kegiatan: Vec<ProgramKegiatan>,
}

/// A performance indicator with its yearly and periodic targets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indikator {
    /// The indicator.
    pub uraian: String,
    /// Unit: Nilai, %, Orang, Dokumen, …
    pub satuan: String,
    /// Yearly target.
    pub target: Angka,
    /// Monthly targets (with `rincian_target: bulanan`).
    #[serde(default)]
    pub bulan: Option<Bulanan>,
    /// Quarterly targets (with `rincian_target: triwulan`).
    #[serde(default)]
    pub triwulan: Option<Triwulanan>,
    /// How the period targets add up to the yearly target; checked by
    /// `renaksi check`.
    #[serde(default)]
    pub penjumlahan: Penjumlahan,
    /// Remark (KET column).
    #[serde(default)]
    pub ket: Option<String>,
    /// Programs that serve this indicator only.
    #[serde(default)]
    pub program_kegiatan: Vec<ProgramKegiatan>,
}

/// How an indicator's period targets relate to its yearly target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Penjumlahan {
    /// The periods add up to the yearly target (documents, people, visits).
    #[default]
    Jumlah,
    /// The last period with a target equals the yearly target (an index, a
    /// percentage reached by the end of the year).
    Akhir,
    /// Every period with a target equals the yearly target (a standing level).
    Tetap,
    /// Not checked.
    Tidak,
}

impl Indikator {
    /// Targets per period in order (12 months or 4 quarters); `None` where
    /// no target is set.
    pub fn rencana(&self, rincian: Rincian) -> Vec<Option<Angka>> {
        match rincian {
            Rincian::Bulanan => self.bulan.clone().unwrap_or_default().values().to_vec(),
            Rincian::Triwulan => self.triwulan.clone().unwrap_or_default().values().to_vec(),
        }
    }
}

/// A program, kegiatan or sub kegiatan and its budget.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramKegiatan {
    /// Its name.
    pub uraian: String,
    /// Budget in whole rupiah.
    #[serde(default)]
    pub anggaran: Option<u64>,
}

/// Sparse monthly targets; a month left out has no target ("-").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Bulanan {
    pub januari: Option<Angka>,
    #[serde(alias = "pebruari")]
    pub februari: Option<Angka>,
    pub maret: Option<Angka>,
    pub april: Option<Angka>,
    pub mei: Option<Angka>,
    pub juni: Option<Angka>,
    pub juli: Option<Angka>,
    pub agustus: Option<Angka>,
    pub september: Option<Angka>,
    pub oktober: Option<Angka>,
    #[serde(alias = "nopember")]
    pub november: Option<Angka>,
    pub desember: Option<Angka>,
}

impl Bulanan {
    /// The twelve months in order.
    pub fn values(&self) -> [Option<Angka>; 12] {
        [
            self.januari,
            self.februari,
            self.maret,
            self.april,
            self.mei,
            self.juni,
            self.juli,
            self.agustus,
            self.september,
            self.oktober,
            self.november,
            self.desember,
        ]
    }
}

/// Sparse quarterly targets, keys `tw1` … `tw4`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Triwulanan {
    pub tw1: Option<Angka>,
    pub tw2: Option<Angka>,
    pub tw3: Option<Angka>,
    pub tw4: Option<Angka>,
}

impl Triwulanan {
    /// The four quarters in order.
    pub fn values(&self) -> [Option<Angka>; 4] {
        [self.tw1, self.tw2, self.tw3, self.tw4]
    }
}

/// A target value: a whole or decimal number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Angka(pub f64);

impl<'de> Deserialize<'de> for Angka {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AngkaVisitor;
        impl Visitor<'_> for AngkaVisitor {
            type Value = Angka;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("angka (misalnya 12 atau 85.5)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Angka, E> {
                Ok(Angka(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Angka, E> {
                Ok(Angka(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Angka, E> {
                if v.is_finite() {
                    Ok(Angka(v))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
        }
        deserializer.deserialize_any(AngkaVisitor)
    }
}

/// A calendar date written `TTTT-BB-HH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tanggal(pub NaiveDate);

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TanggalVisitor;
        impl Visitor<'_> for TanggalVisitor {
            type Value = Tanggal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tanggal TTTT-BB-HH (misalnya 2022-10-12)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tanggal, E> {
                NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                    .map(Tanggal)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(TanggalVisitor)
    }
}

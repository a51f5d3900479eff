//! Spreadsheets in and out. The YAML stays the one source: a workbook is a
//! door into it ([`impor`]) and out of it ([`ekspor`]), never a second
//! source.
//!
//! The flat table — one row per indicator and period, one per program —
//! is the interface both doors share: its column names are stable
//! (docs/spreadsheet.md), it is the `Data` sheet of an exported workbook,
//! the `--format csv` output, and what `import` reads.

pub mod ekspor;
mod gaya;
pub mod impor;
pub mod kinerja;
pub mod masuk;
pub mod realisasi;
mod sel;

use crate::content::pilihan::Butir;
use crate::content::{Angka, Ejaan, Identitas, Lampiran, Report, Rincian, Tingkat};

/// The sheet of the flat table.
pub const DATA: &str = "Data";
/// The sheet of the report's identity.
pub const IDENTITAS: &str = "Identitas";
/// The sheet of the office's people (pegawai.yaml), for the Perjanjian
/// Kinerja; its columns are pegawai.yaml's keys.
pub const PEGAWAI: &str = "Pegawai";
/// The columns of the `Pegawai` sheet.
pub const KOLOM_PEGAWAI: [&str; 7] = crate::content::Pegawai::KUNCI;

/// The flat table's fixed columns, in order; the optional keys' columns
/// go among them as their declarations say (see [`kolom`]). Every one but
/// `nomor` must be in a sheet that is imported.
pub(super) const KOLOM_TETAP: [&str; 11] = [
    "tingkat",
    "jabatan",
    "nomor",
    "sasaran",
    "indikator",
    "satuan",
    "target_tahunan",
    "periode",
    "target_periode",
    "program_kegiatan",
    "anggaran",
];

/// The flat table's columns, in order: the fixed ones, and each optional
/// key's after the column its declaration names
/// ([`crate::content::pilihan`]). `kecamatan` comes first only in a
/// kabupaten's combined workbook.
pub fn kolom() -> &'static [&'static str] {
    static KOLOM: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KOLOM.get_or_init(|| {
        let mut out: Vec<&'static str> = KOLOM_TETAP.to_vec();
        let mut left = crate::content::pilihan::kolom();
        // A key may follow another key: place them until none is left
        // whose column to follow is there.
        while !left.is_empty() {
            let before = left.len();
            left.retain(|(name, after)| match out.iter().position(|k| k == after) {
                Some(i) => {
                    out.insert(i + 1, name);
                    false
                }
                None => true,
            });
            if left.len() == before {
                out.extend(left.iter().map(|(name, _)| *name));
                break;
            }
        }
        out
    })
}

/// One row of the flat table.
#[derive(Debug, Clone, PartialEq)]
pub struct Baris {
    /// `program`, `kegiatan`, `sub_kegiatan` or `kinerja`.
    pub tingkat: Tingkat,
    /// The official.
    pub jabatan: String,
    /// The sasaran's number in its table (1, 2, …).
    pub nomor: usize,
    /// The sasaran.
    pub sasaran: String,
    /// The values of the optional keys the row carries, by column: the
    /// official's and the sasaran's on every row, the indicator's on its
    /// rows, the program's on its row.
    pub pilihan: Vec<(&'static str, String)>,
    /// What the row is about.
    pub isi: Isi,
}

/// An indicator's target in one period, or a program.
#[derive(Debug, Clone, PartialEq)]
pub enum Isi {
    /// One period of an indicator.
    Periode {
        /// The indicator and its annual figures.
        indikator: Indikator,
        /// `Januari` … `Desember`, or `TW I` … `TW IV`.
        periode: String,
        /// The target in that period, if any.
        target: Option<Angka>,
    },
    /// A program of the sasaran (no indicator) or of one indicator.
    Program {
        /// The indicator the program belongs to, if it is the indicator's.
        indikator: Option<Indikator>,
        /// Its name.
        uraian: String,
        /// Its budget in whole rupiah.
        anggaran: Option<u64>,
    },
}

/// An indicator as the flat table repeats it on each of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Indikator {
    /// Its text.
    pub uraian: String,
    /// Its unit.
    pub satuan: String,
    /// The annual target.
    pub target: Angka,
}

/// The period names of a report, as the sheets write them.
pub fn periode(rincian: Rincian, ejaan: Ejaan) -> Vec<String> {
    match rincian {
        Rincian::Bulanan => crate::format::bulan(ejaan)
            .iter()
            .map(|b| (*b).to_owned())
            .collect(),
        Rincian::Triwulan => ["TW I", "TW II", "TW III", "TW IV"]
            .iter()
            .map(|t| (*t).to_owned())
            .collect(),
    }
}

/// Every row of the flat table of `report`, in the tables' order.
pub fn flat(report: &Report) -> Vec<Baris> {
    let id = &report.identitas;
    let names = periode(id.rincian_target, id.ejaan_bulan);
    let mut rows = Vec::new();
    for file in &report.lampiran {
        flat_table(&file.table, id.rincian_target, &names, &mut rows);
    }
    rows
}

fn flat_table(table: &Lampiran, rincian: Rincian, names: &[String], rows: &mut Vec<Baris>) {
    let mut nomor = 0;
    for pejabat in &table.pejabat {
        for sasaran in &pejabat.sasaran {
            nomor += 1;
            let mut atas = nilai(pejabat);
            atas.extend(nilai(sasaran));
            let row = |isi, more: Vec<(&'static str, String)>| Baris {
                tingkat: table.tingkat,
                jabatan: pejabat.jabatan.clone(),
                nomor,
                sasaran: sasaran.uraian.clone(),
                pilihan: atas.iter().cloned().chain(more).collect(),
                isi,
            };
            for ind in &sasaran.indikator {
                let indikator = Indikator {
                    uraian: ind.uraian.clone(),
                    satuan: ind.satuan.clone(),
                    target: ind.target,
                };
                let own = nilai(ind);
                for (name, target) in names.iter().zip(ind.rencana(rincian)) {
                    let isi = Isi::Periode {
                        indikator: indikator.clone(),
                        periode: name.clone(),
                        target,
                    };
                    rows.push(row(isi, own.clone()));
                }
                for program in &ind.program_kegiatan {
                    let isi = Isi::Program {
                        indikator: Some(indikator.clone()),
                        uraian: program.uraian.clone(),
                        anggaran: program.anggaran,
                    };
                    rows.push(row(
                        isi,
                        own.iter().cloned().chain(nilai(program)).collect(),
                    ));
                }
            }
            for program in &sasaran.program_kegiatan {
                let isi = Isi::Program {
                    indikator: None,
                    uraian: program.uraian.clone(),
                    anggaran: program.anggaran,
                };
                rows.push(row(isi, nilai(program)));
            }
        }
    }
}

/// The optional keys of `item` as the flat table writes them: by column,
/// each key's value (with a default: its word).
fn nilai<T: Butir>(item: &T) -> Vec<(&'static str, String)> {
    T::PILIHAN
        .iter()
        .filter_map(|p| Some((p.kolom, (p.baca)(item)?)))
        .collect()
}

/// The word laporan.yaml uses for a choice (`a4`, `bulanan`, `plt` …).
pub fn kata<T: serde::Serialize>(choice: T) -> String {
    match serde_json::to_value(choice) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

/// The identity sheet's rows: the laporan.yaml key, its value as written
/// in YAML, and what it is.
pub fn identitas(id: &Identitas) -> Vec<(&'static str, String, &'static str)> {
    let p = &id.penandatangan;
    let mut rows = vec![
        ("kecamatan", id.kecamatan.clone(), "nama kecamatan"),
        ("kabupaten", id.kabupaten.clone(), "nama kabupaten"),
        ("tahun", id.tahun.to_string(), "tahun rencana aksi"),
        (
            "perubahan",
            id.perubahan.to_string(),
            "true untuk Rencana Aksi Perubahan",
        ),
        ("kertas", kata(id.kertas), "a4 atau f4"),
        ("huruf", kata(id.huruf), "arial, times atau bookman"),
        (
            "rincian_target",
            kata(id.rincian_target),
            "bulanan atau triwulan",
        ),
        (
            "ejaan_bulan",
            kata(id.ejaan_bulan),
            "baku (Februari) atau lama (Pebruari)",
        ),
        (
            "penandatangan.tempat",
            p.tempat.clone(),
            "tempat penandatanganan",
        ),
        (
            "penandatangan.tanggal",
            p.tanggal.0.format("%Y-%m-%d").to_string(),
            "tanggal penandatanganan, TTTT-BB-HH",
        ),
        (
            "penandatangan.jabatan",
            p.jabatan.clone(),
            "jabatan penanda tangan",
        ),
        (
            "penandatangan.nama",
            p.nama.clone(),
            "nama lengkap dengan gelar",
        ),
        ("penandatangan.pangkat", p.pangkat.clone(), "pangkat"),
        (
            "penandatangan.golongan",
            p.golongan.clone(),
            "golongan/ruang",
        ),
        ("penandatangan.nip", p.nip.clone(), "NIP 18 angka"),
    ];
    if let Some(pelaksana) = p.pelaksana {
        rows.push(("penandatangan.pelaksana", kata(pelaksana), "plt atau plh"));
    }
    if let Some(logo) = &id.logo {
        rows.push(("logo", logo.clone(), "berkas logo di folder laporan"));
    }
    rows
}

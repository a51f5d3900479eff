//! Perjanjian Kinerja: the agreement each official of the Lampiran signs
//! with their superior, as PermenPANRB 53/2014 lays it out. Who is who comes
//! from pegawai.yaml; the targets and budgets are the official's own rows of
//! the Lampiran tables, the same data the Rencana Aksi prints, so the two
//! documents cannot drift apart.

use crate::content::{jabatan_sama, Pegawai, ProgramKegiatan, Report};
use crate::format;

/// One agreement: who signs it and what it holds.
#[derive(Debug, Clone)]
pub struct Perjanjian<'a> {
    /// 1-based, in the order of pegawai.yaml.
    pub nomor: usize,
    /// The official who commits to the targets.
    pub pertama: &'a Pegawai,
    /// Their superior, who supervises and evaluates.
    pub kedua: &'a Pegawai,
    /// The official's sasaran from every Lampiran table, in table order.
    pub sasaran: Vec<SasaranPk<'a>>,
    /// Their programs and activities with their budgets, in table order.
    pub program: Vec<&'a ProgramKegiatan>,
}

/// One sasaran of an agreement and its indicators.
#[derive(Debug, Clone)]
pub struct SasaranPk<'a> {
    /// The sasaran's text.
    pub uraian: &'a str,
    /// Indicator text and annual target as printed (`90 Nilai`).
    pub indikator: Vec<(&'a str, String)>,
}

/// Every agreement of the report: one per person of pegawai.yaml whose
/// official has rows in the Lampiran and who names a superior found there.
/// None without pegawai.yaml.
pub fn semua(report: &Report) -> Vec<Perjanjian<'_>> {
    let Some((berkas, _)) = &report.pegawai else {
        return Vec::new();
    };
    let orang = &berkas.pegawai;
    let mut out = Vec::new();
    for pertama in orang {
        let Some(kedua) = pertama
            .atasan
            .as_deref()
            .and_then(|a| orang.iter().find(|q| jabatan_sama(&q.jabatan, a)))
        else {
            continue;
        };
        let mut sasaran = Vec::new();
        let mut program = Vec::new();
        for l in &report.lampiran {
            for pj in l
                .table
                .pejabat
                .iter()
                .filter(|p| jabatan_sama(&p.jabatan, pertama.di_lampiran()))
            {
                for s in &pj.sasaran {
                    sasaran.push(SasaranPk {
                        uraian: &s.uraian,
                        indikator: s
                            .indikator
                            .iter()
                            .map(|i| {
                                (
                                    i.uraian.as_str(),
                                    format!("{} {}", format::angka(i.target.0), i.satuan),
                                )
                            })
                            .collect(),
                    });
                    program.extend(s.program_semua());
                }
            }
        }
        if sasaran.is_empty() {
            continue;
        }
        out.push(Perjanjian {
            nomor: out.len() + 1,
            pertama,
            kedua,
            sasaran,
            program,
        });
    }
    out
}

/// The name of an agreement's PDF, without `.pdf`:
/// `kubutambahan-2022-pk-03-kasi-pemerintahan`;
/// the jabatan's part is cut at [`NAMA_JABATAN`] bytes, so that any
/// jabatan gives a name every file system takes.
pub fn nama_berkas(report: &Report, pk: &Perjanjian) -> String {
    let mut jabatan = format::slug(&pk.pertama.jabatan, NAMA_JABATAN);
    while jabatan.len() > NAMA_JABATAN {
        jabatan.pop();
    }
    format!(
        "{}-pk-{:02}-{}",
        report.source.name,
        pk.nomor,
        jabatan.trim_end_matches('-')
    )
}

/// The longest jabatan part of an agreement's file name, in bytes.
pub const NAMA_JABATAN: usize = 80;

//! Every figure of a monitoring report up to one quarter, in the
//! Lampiran's order: what the PDF prints, what `check` and `diff` speak of.

use super::hitung::{self, HasilIndikator};
use crate::content::{Indikator, Report, Rincian, Tingkat};
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{per_periode, Realisasi, RealisasiIndikator};

/// The report's figures up to quarter `triwulan`.
#[derive(Debug, Clone)]
pub struct Evaluasi<'a> {
    /// 1 … 4.
    pub triwulan: usize,
    /// One per Lampiran table, in order.
    pub tingkat: Vec<TingkatEval<'a>>,
}

/// One level's officials.
#[derive(Debug, Clone)]
pub struct TingkatEval<'a> {
    /// The level.
    pub tingkat: Tingkat,
    /// Its officials in table order.
    pub pejabat: Vec<PejabatEval<'a>>,
}

/// One official's sasaran and programs.
#[derive(Debug, Clone)]
pub struct PejabatEval<'a> {
    /// As the table writes it.
    pub jabatan: &'a str,
    /// Sasaran in order, numbered on through the table.
    pub sasaran: Vec<SasaranEval<'a>>,
    /// Programs with their budget figures.
    pub program: Vec<ProgramEval<'a>>,
}

/// One sasaran.
#[derive(Debug, Clone)]
pub struct SasaranEval<'a> {
    /// Its number in the table (1, 2, …).
    pub nomor: usize,
    /// Its text.
    pub uraian: &'a str,
    /// Its indicators.
    pub indikator: Vec<IndikatorEval<'a>>,
    /// The mean capaian of its indicators that have one.
    pub capaian: Option<f64>,
}

/// One indicator's figures.
#[derive(Debug, Clone)]
pub struct IndikatorEval<'a> {
    /// Its key in the realisasi files.
    pub kunci: String,
    /// The indicator.
    pub indikator: &'a Indikator,
    /// Target, realisasi and capaian up to the quarter.
    pub hasil: HasilIndikator,
    /// The last description written for a qualitative indicator.
    pub teks: Option<String>,
    /// The notes of the reporting quarter, if written.
    pub catatan: Option<&'a RealisasiIndikator>,
}

/// One program's budget figures.
#[derive(Debug, Clone)]
pub struct ProgramEval<'a> {
    /// Its key.
    pub kunci: String,
    /// Its text.
    pub uraian: &'a str,
    /// The pagu.
    pub pagu: Option<u64>,
    /// Spent in the reporting quarter (`None`: not written).
    pub triwulan_ini: Option<u64>,
    /// Spent up to the quarter.
    pub sampai: u64,
    /// sampai / pagu, percent.
    pub serapan: Option<f64>,
}

impl Evaluasi<'_> {
    /// Every indicator, in order.
    pub fn indikator(&self) -> impl Iterator<Item = &IndikatorEval<'_>> {
        self.tingkat
            .iter()
            .flat_map(|t| &t.pejabat)
            .flat_map(|p| &p.sasaran)
            .flat_map(|s| &s.indikator)
    }

    /// Pagu and spending of one level's programs, summed.
    pub fn anggaran_tingkat(t: &TingkatEval) -> (u64, u64) {
        t.pejabat
            .iter()
            .flat_map(|p| &p.program)
            .fold((0u64, 0u64), |(p, r), g| {
                (
                    p.saturating_add(g.pagu.unwrap_or(0)),
                    r.saturating_add(g.sampai),
                )
            })
    }
}

/// The figures of `report` up to quarter `triwulan` from `realisasi`.
pub fn evaluasi<'a>(report: &'a Report, realisasi: &'a Realisasi, triwulan: usize) -> Evaluasi<'a> {
    let id = &report.identitas;
    let rincian = id.rincian_target;
    let periode = match rincian {
        Rincian::Bulanan => 3 * triwulan,
        Rincian::Triwulan => triwulan,
    };
    let keys = Kunci::dari(report);
    let mut ind_keys = keys.indikator.iter();
    let mut prog_keys = keys.program.iter();
    let ini = realisasi.tw[triwulan - 1].as_ref();
    let mut tingkat = Vec::new();
    for l in &report.lampiran {
        let mut nomor = 0;
        let mut pejabat = Vec::new();
        for pj in &l.table.pejabat {
            let mut sasaran = Vec::new();
            let mut program = Vec::new();
            for s in &pj.sasaran {
                nomor += 1;
                let mut indikator = Vec::new();
                for ind in &s.indikator {
                    let kunci = ind_keys.next().map(|k| k.kunci.clone()).unwrap_or_default();
                    let target: Vec<Option<f64>> = ind
                        .rencana(rincian)
                        .into_iter()
                        .take(periode)
                        .map(|a| a.map(|a| a.0))
                        .collect();
                    let (nilai, teks) = per_periode(realisasi, rincian, &kunci, triwulan);
                    let hasil = hitung::sampai(
                        ind.penjumlahan,
                        ind.polaritas,
                        ind.target.0,
                        &target,
                        &nilai[..periode],
                        id.monitoring.batas_capaian,
                        id.monitoring.rumus_negatif,
                    );
                    indikator.push(IndikatorEval {
                        catatan: ini.and_then(|b| b.isi.indikator.get(&kunci)),
                        kunci,
                        indikator: ind,
                        hasil,
                        teks,
                    });
                }
                for g in s.program_semua() {
                    let kunci = prog_keys
                        .next()
                        .map(|k| k.kunci.clone())
                        .unwrap_or_default();
                    let (triwulan_ini, sampai) =
                        crate::realisasi::anggaran(realisasi, &kunci, triwulan);
                    program.push(ProgramEval {
                        serapan: hitung::serapan(g.anggaran, sampai),
                        kunci,
                        uraian: &g.uraian,
                        pagu: g.anggaran,
                        triwulan_ini,
                        sampai,
                    });
                }
                sasaran.push(SasaranEval {
                    nomor,
                    uraian: &s.uraian,
                    capaian: hitung::rata_rata(
                        indikator.iter().filter_map(|i| i.hasil.capaian.ok()),
                    ),
                    indikator,
                });
            }
            pejabat.push(PejabatEval {
                jabatan: &pj.jabatan,
                sasaran,
                program,
            });
        }
        tingkat.push(TingkatEval {
            tingkat: l.table.tingkat,
            pejabat,
        });
    }
    Evaluasi { triwulan, tingkat }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Each indicator's figures of a quarter, by official, sasaran,
    /// indicator and unit: what a reader of the monitoring report sees.
    fn figures(report: &Report, realisasi: &Realisasi) -> BTreeMap<[String; 4], String> {
        let e = evaluasi(report, realisasi, 3);
        let mut out = BTreeMap::new();
        for t in &e.tingkat {
            for pj in &t.pejabat {
                for s in &pj.sasaran {
                    for i in &s.indikator {
                        let key = [
                            pj.jabatan.to_owned(),
                            s.uraian.to_owned(),
                            i.indikator.uraian.clone(),
                            i.indikator.satuan.clone(),
                        ];
                        let seen = format!("{:?} {:?}", i.hasil, i.teks);
                        assert!(out.insert(key.clone(), seen).is_none(), "{key:?} twice");
                    }
                }
            }
        }
        out
    }

    /// The example has one indicator text twice for one official (under
    /// two sasaran): reversing every official's sasaran and every
    /// sasaran's indicators moves no realisasi to another indicator.
    #[test]
    fn reordering_sasaran_and_indicators_moves_no_realisasi() {
        let report = crate::content::load(None).unwrap();
        let mut realisasi = crate::realisasi::muat(&report).unwrap();
        // The two have the same figures in the example: one is made
        // different, so that a swap would show.
        let kedua = "pranata-perlindungan-masyarakat/terlaksananya-pembinaan-linmas/jumlah-pembinaan-linmas";
        let tw3 = realisasi.tw[2].as_mut().unwrap();
        let bulan = tw3
            .isi
            .indikator
            .get_mut(kedua)
            .unwrap()
            .bulan
            .as_mut()
            .unwrap();
        bulan.juli = Some(crate::content::Angka(7.0));
        let before = figures(&report, &realisasi);
        let mut reordered = report.clone();
        for l in &mut reordered.lampiran {
            for pj in &mut l.table.pejabat {
                pj.sasaran.reverse();
                for s in &mut pj.sasaran {
                    s.indikator.reverse();
                }
            }
        }
        assert_eq!(figures(&reordered, &realisasi), before);
        let linmas = before
            .iter()
            .filter(|(k, _)| k[2] == "Jumlah Pembinaan Linmas")
            .count();
        assert_eq!(linmas, 2, "the example's repeated indicator");
    }
}

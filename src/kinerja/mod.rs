//! Every figure of the Laporan Kinerja (LKjIP): per indikator kinerja
//! utama the year's target, realisasi and capaian from the TW IV
//! realisasi, the years before (from kinerja-lalu.yaml, or read from
//! those years' report folders), progress towards the Renstra's final
//! target, a standard where one is given, the efficiency of the budget of
//! its programs, and the budget of every program by quarter. Each rule is
//! written out in docs/lkjip.md; the tests below work them by hand.

use std::path::Path;

use crate::content::{Indikator, Report, Source};
use crate::error::Error;
use crate::lkjip::{Data, Iku, Standar, TahunLalu, KINERJA_LALU};
use crate::monitoring::evaluasi::evaluasi;
use crate::monitoring::hitung::{self, TanpaCapaian};
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{Realisasi, RealisasiIndikator};

/// The LKjIP's figures.
#[derive(Debug)]
pub struct Kinerja<'a> {
    /// The report's year.
    pub tahun: i32,
    /// The Renstra's tujuan, sasaran and IKU.
    pub tujuan: Vec<TujuanK<'a>>,
    /// The budget of the programs of the first Lampiran table.
    pub anggaran: Vec<ProgramK<'a>>,
    /// The earlier years any IKU has figures for, oldest first.
    pub tahun_lalu: Vec<i32>,
}

/// One tujuan.
#[derive(Debug)]
pub struct TujuanK<'a> {
    /// Its text.
    pub uraian: &'a str,
    /// Its sasaran strategis.
    pub sasaran: Vec<SasaranK<'a>>,
}

/// One sasaran strategis.
#[derive(Debug)]
pub struct SasaranK<'a> {
    /// Its text.
    pub uraian: &'a str,
    /// Its IKU.
    pub iku: Vec<IkuK<'a>>,
}

/// One IKU's figures.
#[derive(Debug)]
pub struct IkuK<'a> {
    /// Its key.
    pub kunci: &'a str,
    /// The Lampiran indicator: text, unit, polarity.
    pub indikator: &'a Indikator,
    /// This year's target: the Lampiran's annual target.
    pub target: f64,
    /// This year's realisasi up to TW IV, if written.
    pub realisasi: Option<f64>,
    /// A qualitative indicator's last description.
    pub teks: Option<String>,
    /// Capaian this year (capped by `batas_capaian`), or why none.
    pub capaian: Result<f64, TanpaCapaian>,
    /// Earlier years, oldest first, where known.
    pub lalu: Vec<TahunK>,
    /// The Renstra's final-year target.
    pub target_akhir: Option<f64>,
    /// This year's realisasi against it, percent, not capped.
    pub capaian_akhir: Option<f64>,
    /// The standard and this year's realisasi against it.
    pub standar: Option<(&'a Standar, Option<f64>)>,
    /// Kendala, solusi and tindak lanjut written in the year, by quarter.
    pub catatan: Vec<(usize, &'a RealisasiIndikator)>,
    /// The programs of its sasaran in the Lampiran.
    pub program: Vec<ProgramK<'a>>,
    /// Their pagu and spending summed, and serapan.
    pub pagu: u64,
    /// Spent in the year.
    pub belanja: u64,
    /// belanja / pagu, percent.
    pub serapan: Option<f64>,
    /// capaian − serapan, percentage points, and its rating.
    pub efisiensi: Option<(f64, Efisiensi)>,
}

/// One earlier year of an IKU.
#[derive(Debug, Clone, PartialEq)]
pub struct TahunK {
    /// The year.
    pub tahun: i32,
    /// Its target, if known.
    pub target: Option<f64>,
    /// Its realisasi, if known.
    pub realisasi: Option<f64>,
    /// Its capaian.
    pub capaian: Result<f64, TanpaCapaian>,
}

/// One program's budget.
#[derive(Debug, Clone)]
pub struct ProgramK<'a> {
    /// Its text.
    pub uraian: &'a str,
    /// Its pagu.
    pub pagu: Option<u64>,
    /// Spent in each quarter, where written.
    pub triwulan: [Option<u64>; 4],
    /// Spent in the year.
    pub jumlah: u64,
    /// jumlah / pagu, percent.
    pub serapan: Option<f64>,
}

/// How efficiently an IKU's programs reached it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Efisiensi {
    /// capaian − serapan above the threshold.
    Efisien,
    /// Within the threshold either way.
    Cukup,
    /// Below minus the threshold.
    Kurang,
}

impl Efisiensi {
    /// The rating of `selisih` (capaian − serapan) with threshold `batas`.
    pub fn dari(selisih: f64, batas: f64) -> Self {
        if selisih > batas {
            Efisiensi::Efisien
        } else if selisih < -batas {
            Efisiensi::Kurang
        } else {
            Efisiensi::Cukup
        }
    }

    /// As the table prints it.
    pub fn teks(self) -> &'static str {
        match self {
            Efisiensi::Efisien => "Efisien",
            Efisiensi::Cukup => "Cukup Efisien",
            Efisiensi::Kurang => "Kurang Efisien",
        }
    }
}

impl<'a> Kinerja<'a> {
    /// Every IKU in order.
    pub fn iku(&self) -> impl Iterator<Item = &IkuK<'a>> {
        self.tujuan
            .iter()
            .flat_map(|t| &t.sasaran)
            .flat_map(|s| &s.iku)
    }

    /// The plain mean of the IKU's capaian that are numbers (each capped
    /// as `batas_capaian` says), two decimals.
    pub fn rata_rata(&self) -> Option<f64> {
        hitung::rata_rata(self.iku().filter_map(|i| i.capaian.ok()))
    }

    /// Pagu and spending of every program of [`Kinerja::anggaran`].
    pub fn jumlah_anggaran(&self) -> (u64, u64) {
        self.anggaran.iter().fold((0u64, 0u64), |(p, r), g| {
            (
                p.saturating_add(g.pagu.unwrap_or(0)),
                r.saturating_add(g.jumlah),
            )
        })
    }
}

/// What an earlier year says of each IKU.
#[derive(Debug, Clone, Default)]
pub struct TahunDibaca {
    /// The year.
    pub tahun: i32,
    /// Per IKU, where known.
    pub iku: Vec<IkuDibaca>,
}

/// One IKU's target and realisasi of an earlier year.
#[derive(Debug, Clone, PartialEq)]
pub struct IkuDibaca {
    /// Its key.
    pub kunci: String,
    /// The year's target, if written or read.
    pub target: Option<f64>,
    /// The year's realisasi, if written or read.
    pub realisasi: Option<f64>,
}

/// Works out the LKjIP's figures of `report` from its realisasi, its
/// LKjIP files `data` and the earlier years `lalu` (see [`baca_lalu`]).
pub fn hitung<'a>(
    report: &'a Report,
    realisasi: &'a Realisasi,
    data: &'a Data,
    lalu: &[TahunDibaca],
) -> Kinerja<'a> {
    let id = &report.identitas;
    let renstra = &data.renstra.isi;
    let keys = Kunci::dari(report);
    let bahan = Bahan {
        report,
        realisasi,
        eval: evaluasi(report, realisasi, 4),
        keys: &keys,
        lalu,
        akhir: renstra.akhir,
    };
    let mut tujuan = Vec::new();
    for tj in &renstra.tujuan {
        let mut sasaran = Vec::new();
        for ss in &tj.sasaran {
            sasaran.push(SasaranK {
                uraian: &ss.uraian,
                iku: ss.iku.iter().filter_map(|r| bahan.iku(r)).collect(),
            });
        }
        tujuan.push(TujuanK {
            uraian: &tj.uraian,
            sasaran,
        });
    }
    let anggaran = anggaran(report, realisasi, &keys);
    let mut tahun_lalu: Vec<i32> = Vec::new();
    for t in tujuan
        .iter()
        .flat_map(|t| &t.sasaran)
        .flat_map(|s| &s.iku)
        .flat_map(|i| &i.lalu)
    {
        if !tahun_lalu.contains(&t.tahun) {
            tahun_lalu.push(t.tahun);
        }
    }
    tahun_lalu.sort_unstable();
    Kinerja {
        tahun: id.tahun,
        tujuan,
        anggaran,
        tahun_lalu,
    }
}

/// What every IKU's figures are worked out from.
struct Bahan<'a, 'k> {
    report: &'a Report,
    realisasi: &'a Realisasi,
    /// The report's figures up to TW IV.
    eval: crate::monitoring::evaluasi::Evaluasi<'a>,
    keys: &'k Kunci<'a>,
    /// The earlier years.
    lalu: &'k [TahunDibaca],
    /// The Renstra's final year.
    akhir: i32,
}

impl<'a> Bahan<'a, '_> {
    /// The figures of the IKU `r`: this year from the TW IV evaluation,
    /// the earlier years, against the Renstra's final target and a
    /// standard, and its sasaran's programs; `None` when it names no
    /// Lampiran indicator.
    fn iku(&self, r: &'a Iku) -> Option<IkuK<'a>> {
        let Bahan {
            report,
            realisasi,
            keys,
            lalu,
            akhir,
            ..
        } = *self;
        let eval = &self.eval;
        let letak = keys.indikator(&r.indikator)?;
        let aturan = &report.identitas.monitoring;
        let ind = letak.indikator;
        let one = eval.indikator().find(|e| e.kunci == r.indikator);
        let realisasi_n = one.and_then(|e| e.hasil.realisasi);
        let target = ind.target.0;
        // Capaian of `realisasi` against `target` as this indicator's
        // polarity and the office's rule for negative ones say.
        let capaian_dari = |target: Option<f64>, realisasi: Option<f64>| {
            hitung::capaian(ind.polaritas, aturan.rumus_negatif, target, realisasi)
        };
        let dibatasi = |c: f64| hitung::dibatasi(c, aturan.batas_capaian);
        let capaian = capaian_dari(Some(target), realisasi_n).map(dibatasi);
        let lalu_iku: Vec<TahunK> = lalu
            .iter()
            .filter_map(|y| {
                let one = y.iku.iter().find(|d| d.kunci == r.indikator)?;
                let target = one.target.or_else(|| r.target_tahun(y.tahun));
                Some(TahunK {
                    tahun: y.tahun,
                    target,
                    realisasi: one.realisasi,
                    capaian: capaian_dari(target, one.realisasi).map(dibatasi),
                })
            })
            .collect();
        let target_akhir = r.akhir(akhir);
        let capaian_akhir = capaian_dari(target_akhir, realisasi_n).ok();
        let standar = r
            .standar
            .as_ref()
            .map(|st| (st, capaian_dari(Some(st.nilai.0), realisasi_n).ok()));
        let catatan = realisasi
            .tw
            .iter()
            .flatten()
            .filter_map(|b| b.isi.indikator.get(&r.indikator).map(|c| (b.triwulan, c)))
            .filter(|(_, c)| c.kendala.is_some() || c.solusi.is_some() || c.tindak_lanjut.is_some())
            .collect();
        let sas =
            &report.lampiran[letak.tabel].table.pejabat[letak.pejabat.0].sasaran[letak.sasaran.0];
        let program: Vec<ProgramK> = sas
            .program_semua()
            .filter_map(|g| {
                let lp = keys.program.iter().find(|p| std::ptr::eq(p.program, g))?;
                Some(program_k(realisasi, &lp.kunci, g))
            })
            .collect();
        let pagu = program
            .iter()
            .fold(0u64, |a, g| a.saturating_add(g.pagu.unwrap_or(0)));
        let belanja = program.iter().fold(0u64, |a, g| a.saturating_add(g.jumlah));
        let serapan = hitung::serapan(Some(pagu), belanja);
        let efisiensi = match (capaian, serapan) {
            (Ok(c), Some(s)) => {
                let selisih = hitung::dua_desimal(c - s);
                Some((selisih, Efisiensi::dari(selisih, aturan.batas_efisiensi)))
            }
            _ => None,
        };
        Some(IkuK {
            kunci: &r.indikator,
            indikator: ind,
            target,
            realisasi: realisasi_n,
            teks: one.and_then(|e| e.teks.clone()),
            capaian,
            lalu: lalu_iku,
            target_akhir,
            capaian_akhir,
            standar,
            catatan,
            program,
            pagu,
            belanja,
            serapan,
            efisiensi,
        })
    }
}

fn program_k<'a>(
    realisasi: &Realisasi,
    kunci: &str,
    g: &'a crate::content::ProgramKegiatan,
) -> ProgramK<'a> {
    let triwulan = [1, 2, 3, 4].map(|n| crate::realisasi::anggaran(realisasi, kunci, n).0);
    let jumlah = crate::realisasi::anggaran(realisasi, kunci, 4).1;
    ProgramK {
        uraian: &g.uraian,
        pagu: g.anggaran,
        triwulan,
        jumlah,
        serapan: hitung::serapan(g.anggaran, jumlah),
    }
}

/// The programs of the program-level table (else the first table), with
/// their spending by quarter.
fn anggaran<'a>(report: &'a Report, realisasi: &Realisasi, keys: &Kunci<'a>) -> Vec<ProgramK<'a>> {
    let tabel = report.tabel_kepala();
    keys.program
        .iter()
        .filter(|p| p.tabel == tabel)
        .map(|p| program_k(realisasi, &p.kunci, p.program))
        .collect()
}

/// The earlier years of kinerja-lalu.yaml, oldest first: each as written
/// there, or read from that year's report folder (its TW IV realisasi).
/// A folder that does not load, or holds another year, is a problem of
/// the line that names it.
pub fn baca_lalu(report: &Report, data: &Data) -> Result<Vec<TahunDibaca>, Error> {
    let Some(lalu) = &data.lalu else {
        return Ok(Vec::new());
    };
    let iku: Vec<&str> = crate::lkjip::semua_iku(&data.renstra.isi)
        .map(|(_, _, i)| i.indikator.as_str())
        .collect();
    let mut out: Vec<TahunDibaca> = Vec::new();
    let mut problems = Vec::new();
    for (tahun, isi) in &lalu.isi.tahun.0 {
        let mut one = TahunDibaca {
            tahun: *tahun,
            iku: isi
                .iku
                .iter()
                .map(|(k, v)| IkuDibaca {
                    kunci: k.clone(),
                    target: v.target.map(|a| a.0),
                    realisasi: Some(v.realisasi.0),
                })
                .collect(),
        };
        if isi.folder.is_some() || isi.git.is_some() {
            match dari_folder(report, *tahun, isi, &iku) {
                Ok(found) => {
                    for d in found {
                        if !one.iku.iter().any(|x| x.kunci == d.kunci) {
                            one.iku.push(d);
                        }
                    }
                }
                Err(Error::Input(found)) => problems.extend(found.into_iter().map(|p| {
                    let path = format!("tahun.{tahun}");
                    lalu.masalah(&path, format!("tahun {tahun}: {}: {}", p.file, p.message))
                        .hint(p.hint.unwrap_or_else(|| {
                            "periksa folder laporan tahun itu dengan `renaksi check`".into()
                        }))
                })),
                Err(Error::Usage { message, hint }) => problems.push(
                    lalu.masalah(
                        &format!("tahun.{tahun}"),
                        format!("tahun {tahun}: {message}"),
                    )
                    .hint(hint),
                ),
                Err(err) => return Err(err),
            }
        }
        out.push(one);
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    out.sort_by_key(|y| y.tahun);
    Ok(out)
}

/// The IKU's target and realisasi read from the report folder of `tahun`
/// named in kinerja-lalu.yaml.
fn dari_folder(
    report: &Report,
    tahun: i32,
    isi: &TahunLalu,
    iku: &[&str],
) -> Result<Vec<IkuDibaca>, Error> {
    let tidak_bisa = |why: &str| {
        Error::Usage {
        message: why.to_owned(),
        hint: format!("tulis `folder: ../NAMA` (folder laporan tahun itu, di samping folder ini) atau `git: REVISI`; untuk tahun sebelum renaksi tulis `iku:` di {KINERJA_LALU}"),
    }
    };
    let Some((dir, rev)) = report.source.asal() else {
        return Err(tidak_bisa(
            "folder tahun lalu tidak dapat dibaca dari contoh bawaan",
        ));
    };
    // A folder is a sibling, written `../NAME`: nothing else on the disk
    // (or in the repository) is read, whatever the file says.
    if let Some(folder) = &isi.folder {
        use std::path::Component;
        let parts: Vec<Component> = Path::new(folder).components().collect();
        if !matches!(
            parts.as_slice(),
            [Component::ParentDir, Component::Normal(_)]
        ) {
            return Err(tidak_bisa(&format!(
                "folder {folder} bukan folder di samping folder laporan ini"
            )));
        }
    }
    let source: Source = match (&isi.folder, &isi.git, rev) {
        (Some(folder), None, None) => {
            Source::from_dir(&beside(dir, Path::new(folder)).ok_or_else(|| {
                tidak_bisa(&format!(
                    "folder {folder} tidak ada di samping folder laporan ini"
                ))
            })?)?
        }
        (Some(folder), git, rev) => {
            let rev = git.as_deref().or(rev).unwrap_or("HEAD");
            crate::git::source(&dir.join(folder), rev)?
        }
        (None, Some(git), _) => crate::git::source(dir, git)?,
        (None, None, _) => return Ok(Vec::new()),
    };
    // Named as kinerja-lalu.yaml names it.
    let nama = match (&isi.folder, &isi.git) {
        (Some(f), Some(g)) => format!("{f} pada revisi {g}"),
        (Some(f), None) => f.clone(),
        (None, Some(g)) => format!("folder ini pada revisi {g}"),
        (None, None) => String::new(),
    };
    let lama = Report::load(source)?;
    if lama.identitas.tahun != tahun {
        return Err(tidak_bisa(&format!(
            "{nama} adalah laporan tahun {}, bukan {tahun}",
            lama.identitas.tahun
        )));
    }
    let realisasi = crate::realisasi::muat(&lama)?;
    if realisasi.tw[3].is_none() {
        return Err(tidak_bisa(&format!(
            "{nama} belum punya realisasi Triwulan IV (realisasi/tw4.yaml)"
        )));
    }
    let eval = evaluasi(&lama, &realisasi, 4);
    Ok(iku
        .iter()
        .filter_map(|k| {
            let e = eval.indikator().find(|e| e.kunci == *k)?;
            Some(IkuDibaca {
                kunci: (*k).to_owned(),
                target: Some(e.indikator.target.0),
                realisasi: e.hasil.realisasi,
            })
        })
        .collect())
}

/// `path` beside the folder `dir` (in the folder holding it), not inside it.
fn beside(dir: &Path, path: &Path) -> Option<std::path::PathBuf> {
    let real = dir.join(path).canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    let parent = dir.parent().unwrap_or(&dir);
    (real.starts_with(parent) && !real.starts_with(&dir) && real.is_dir()).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Polaritas, RumusNegatif};

    #[test]
    fn efficiency_is_rated_by_its_threshold_both_ways() {
        // capaian − serapan in points against a threshold of 5: the bounds
        // themselves are Cukup Efisien.
        assert_eq!(Efisiensi::dari(5.01, 5.0), Efisiensi::Efisien);
        assert_eq!(Efisiensi::dari(5.0, 5.0), Efisiensi::Cukup);
        assert_eq!(Efisiensi::dari(-5.0, 5.0), Efisiensi::Cukup);
        assert_eq!(Efisiensi::dari(-5.01, 5.0), Efisiensi::Kurang);
        assert_eq!(Efisiensi::dari(0.0, 0.0), Efisiensi::Cukup);
    }

    #[test]
    fn a_negative_indicator_by_either_formula() {
        let c = |rumus, t, r| hitung::capaian(Polaritas::Negatif, rumus, Some(t), Some(r));
        // Complaints: target 12, realisasi 9. T / R = 133,33 %;
        // (2T − R) / T = 15 / 12 = 125,00 %.
        assert_eq!(c(RumusNegatif::Bagi, 12.0, 9.0), Ok(133.33));
        assert_eq!(c(RumusNegatif::Selisih, 12.0, 9.0), Ok(125.0));
        // Twice the allowed: 50 % and 0 %; three times: 33,33 % and still 0.
        assert_eq!(c(RumusNegatif::Bagi, 12.0, 24.0), Ok(50.0));
        assert_eq!(c(RumusNegatif::Selisih, 12.0, 24.0), Ok(0.0));
        assert_eq!(c(RumusNegatif::Selisih, 12.0, 36.0), Ok(0.0));
        // None allowed: none happened is all of it, one is none of it.
        assert_eq!(c(RumusNegatif::Selisih, 0.0, 0.0), Ok(100.0));
        assert_eq!(c(RumusNegatif::Selisih, 0.0, 1.0), Ok(0.0));
        assert_eq!(c(RumusNegatif::Bagi, 5.0, 0.0), Ok(100.0));
    }
}

//! The arithmetic of a monitoring report: target and realisasi up to a
//! period, capaian in percent, its category, and serapan anggaran. Every
//! rule here is written out with its formula in docs/monitoring.md; the
//! tests below are those formulas worked by hand.

use crate::content::{Penjumlahan, Pita, Polaritas, RumusNegatif};

/// Why an indicator has no capaian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TanpaCapaian {
    /// A target due up to the period, and no realisasi written for it.
    BelumAda,
    /// No target due up to the period (its first target comes later, or
    /// a target of zero on a positive indicator): nothing to measure
    /// against, and nothing missing — not to be read as a shortfall.
    TanpaTarget,
    /// A qualitative indicator: its realisasi is a description.
    Kualitatif,
}

impl TanpaCapaian {
    /// What the table prints in the Kategori column.
    pub fn teks(self) -> &'static str {
        match self {
            TanpaCapaian::BelumAda => "belum ada realisasi",
            TanpaCapaian::TanpaTarget => "belum bertarget",
            TanpaCapaian::Kualitatif => "kualitatif",
        }
    }
}

/// An indicator's figures up to a period.
#[derive(Debug, Clone, PartialEq)]
pub struct HasilIndikator {
    /// Target up to the period (`None`: no period target yet).
    pub target: Option<f64>,
    /// Realisasi up to the period (`None`: none written).
    pub realisasi: Option<f64>,
    /// Capaian in percent, rounded to two decimals and capped; or why none.
    pub capaian: Result<f64, TanpaCapaian>,
    /// Capaian before the cap, rounded: for the "far above target" check.
    pub mentah: Option<f64>,
}

/// Rounds to two decimals, halves away from zero, as the table prints.
pub fn dua_desimal(x: f64) -> f64 {
    // Through the decimal text of the value, so that 0.125 (stored as
    // 0.125000000000000003) and 62.345 round as written.
    let s = format!("{:.6}", x);
    let v: f64 = s.parse().unwrap_or(x);
    (v * 100.0).round() / 100.0
}

/// The figures of one indicator up to a period. `target` and `realisasi`
/// hold the periods from the first to the reporting one (months or
/// quarters, `None` where nothing is written); `tahunan` is the annual
/// target; `batas` caps the capaian.
///
/// - target s.d.: `jumlah` the sum of the period targets; `akhir` and
///   `tidak` the last period target written; `tetap` the annual target.
/// - realisasi s.d.: `jumlah` the sum; `akhir` and `tidak` the last written;
///   `tetap` the mean of those written.
/// - capaian: positif R / T × 100; negatif as `rumus` says (`bagi`
///   T / R × 100, and 100 when R is 0).
pub fn sampai(
    cara: Penjumlahan,
    arah: Polaritas,
    tahunan: f64,
    target: &[Option<f64>],
    realisasi: &[Option<f64>],
    batas: Option<f64>,
    rumus: RumusNegatif,
) -> HasilIndikator {
    let t_ada: Vec<f64> = target.iter().flatten().copied().collect();
    let r_ada: Vec<f64> = realisasi.iter().flatten().copied().collect();
    let target_sd = match cara {
        Penjumlahan::Jumlah => (!t_ada.is_empty()).then(|| t_ada.iter().sum()),
        Penjumlahan::Akhir | Penjumlahan::Tidak => t_ada.last().copied(),
        Penjumlahan::Tetap => Some(tahunan),
    };
    let realisasi_sd = match cara {
        Penjumlahan::Jumlah => (!r_ada.is_empty()).then(|| r_ada.iter().sum()),
        Penjumlahan::Akhir | Penjumlahan::Tidak => r_ada.last().copied(),
        Penjumlahan::Tetap => {
            (!r_ada.is_empty()).then(|| r_ada.iter().sum::<f64>() / r_ada.len() as f64)
        }
    };
    let mentah = capaian(arah, rumus, target_sd, realisasi_sd);
    HasilIndikator {
        target: target_sd,
        realisasi: realisasi_sd,
        capaian: mentah.map(|c| dibatasi(c, batas)),
        mentah: mentah.ok(),
    }
}

/// `c` no higher than `batas`, if there is one.
pub fn dibatasi(c: f64, batas: Option<f64>) -> f64 {
    match batas {
        Some(b) if c > b => b,
        _ => c,
    }
}

/// Capaian of realisasi `r` against target `t`, rounded to two decimals:
/// positif R / T × 100; negatif T / R × 100 (100 when R is 0) or, by
/// `rumus`, (2T − R) / T × 100 (no lower than 0; with a target of 0,
/// 100 for a realisasi of 0 and 0 for any other).
pub fn capaian(
    arah: Polaritas,
    rumus: RumusNegatif,
    t: Option<f64>,
    r: Option<f64>,
) -> Result<f64, TanpaCapaian> {
    if arah == Polaritas::Kualitatif {
        return Err(TanpaCapaian::Kualitatif);
    }
    // No target due yet says more than no realisasi: nothing was due.
    let t = t.ok_or(TanpaCapaian::TanpaTarget)?;
    let r = r.ok_or(TanpaCapaian::BelumAda)?;
    // A realisasi a billion times its target is no more than that: every
    // figure printed stays a number.
    let persen = |x: f64| Ok(dua_desimal(x.min(PALING_BESAR)));
    match (arah, rumus) {
        // Nothing allowed: none is all of it, any is none of it.
        (Polaritas::Negatif, RumusNegatif::Selisih) if t == 0.0 => {
            Ok(if r == 0.0 { 100.0 } else { 0.0 })
        }
        (Polaritas::Negatif, RumusNegatif::Selisih) => persen(((2.0 * t - r) / t * 100.0).max(0.0)),
        (Polaritas::Negatif, RumusNegatif::Bagi) if r == 0.0 => Ok(100.0),
        (Polaritas::Negatif, RumusNegatif::Bagi) => persen(t / r * 100.0),
        _ if t == 0.0 => Err(TanpaCapaian::TanpaTarget),
        _ => persen(r / t * 100.0),
    }
}

/// The largest capaian computed, in percent.
pub const PALING_BESAR: f64 = 1e9;

/// The band of `capaian` (already rounded): the first whose `dari` it
/// reaches, else the lowest.
pub fn kategori(skala: &[Pita], capaian: f64) -> Option<&Pita> {
    skala
        .iter()
        .find(|p| capaian >= p.dari)
        .or_else(|| skala.last())
}

/// Serapan anggaran: realisasi / pagu × 100, two decimals; none without a
/// pagu above zero.
pub fn serapan(pagu: Option<u64>, realisasi: u64) -> Option<f64> {
    match pagu {
        Some(p) if p > 0 => Some(dua_desimal(realisasi as f64 / p as f64 * 100.0)),
        _ => None,
    }
}

/// The mean of the capaian that are numbers (a sasaran's, or the
/// office's), two decimals; none when none is.
pub fn rata_rata(capaian: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (n, sum) = capaian
        .into_iter()
        .fold((0usize, 0.0), |(n, s), c| (n + 1, s + c));
    (n > 0).then(|| dua_desimal(sum / n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Penjumlahan::*;
    use Polaritas::*;

    fn b(v: &[f64]) -> Vec<Option<f64>> {
        v.iter()
            .map(|x| if x.is_nan() { None } else { Some(*x) })
            .collect()
    }
    const N: f64 = f64::NAN;

    /// [`super::sampai`] with a negative indicator's capaian as T / R.
    fn sampai(
        cara: Penjumlahan,
        arah: Polaritas,
        tahunan: f64,
        target: &[Option<f64>],
        realisasi: &[Option<f64>],
        batas: Option<f64>,
    ) -> HasilIndikator {
        let bagi = RumusNegatif::Bagi;
        super::sampai(cara, arah, tahunan, target, realisasi, batas, bagi)
    }

    #[test]
    fn jumlah_adds_the_periods_up_to_the_report() {
        // Target 40 in the year, 10 a quarter; realisasi 8 and 12 by TW II:
        // 20 / 20 = 100 %.
        let h = sampai(
            Jumlah,
            Positif,
            40.0,
            &b(&[10.0, 10.0]),
            &b(&[8.0, 12.0]),
            None,
        );
        assert_eq!(h.target, Some(20.0));
        assert_eq!(h.realisasi, Some(20.0));
        assert_eq!(h.capaian, Ok(100.0));
        // Realisasi 20 → 25 against 40: 62,50 %.
        let h = sampai(Jumlah, Positif, 40.0, &b(&[40.0]), &b(&[25.0]), None);
        assert_eq!(h.capaian, Ok(62.5));
    }

    #[test]
    fn akhir_takes_the_last_written_value() {
        // An index: target 85 at June only; realisasi 70 in March, 80 in
        // June: 80 / 85 = 94,1176… → 94,12 %.
        let h = sampai(
            Akhir,
            Positif,
            85.0,
            &b(&[N, N, N, N, N, 85.0]),
            &b(&[N, N, 70.0, N, N, 80.0]),
            None,
        );
        assert_eq!(h.target, Some(85.0));
        assert_eq!(h.realisasi, Some(80.0));
        assert_eq!(h.capaian, Ok(94.12));
    }

    #[test]
    fn tetap_measures_the_mean_against_the_annual_target() {
        // 100 % every quarter; realisasi 90 and 96: mean 93 → 93,00 %.
        let h = sampai(
            Tetap,
            Positif,
            100.0,
            &b(&[100.0, 100.0]),
            &b(&[90.0, 96.0]),
            None,
        );
        assert_eq!(h.target, Some(100.0));
        assert_eq!(h.realisasi, Some(93.0));
        assert_eq!(h.capaian, Ok(93.0));
    }

    #[test]
    fn negatif_is_target_over_realisasi() {
        // At most 4 complaints; 5 received: 4 / 5 = 80 %; 3 received:
        // 133,33 %; none: 100 %.
        let h = sampai(Jumlah, Negatif, 4.0, &b(&[4.0]), &b(&[5.0]), None);
        assert_eq!(h.capaian, Ok(80.0));
        let h = sampai(Jumlah, Negatif, 4.0, &b(&[4.0]), &b(&[3.0]), None);
        assert_eq!(h.capaian, Ok(133.33));
        let h = sampai(Jumlah, Negatif, 4.0, &b(&[4.0]), &b(&[0.0]), None);
        assert_eq!(h.capaian, Ok(100.0));
        // A target of none: every complaint is a miss.
        let h = sampai(Jumlah, Negatif, 0.0, &b(&[0.0]), &b(&[2.0]), None);
        assert_eq!(h.capaian, Ok(0.0));
    }

    #[test]
    fn no_target_no_realisasi_and_qualitative_have_no_capaian() {
        let h = sampai(Jumlah, Positif, 12.0, &b(&[N, N]), &b(&[3.0, N]), None);
        assert_eq!(h.target, None);
        assert_eq!(h.capaian, Err(TanpaCapaian::TanpaTarget));
        let h = sampai(Jumlah, Positif, 12.0, &b(&[0.0]), &b(&[3.0]), None);
        assert_eq!(h.capaian, Err(TanpaCapaian::TanpaTarget));
        let h = sampai(Jumlah, Positif, 12.0, &b(&[3.0, 3.0]), &b(&[N, N]), None);
        assert_eq!(h.realisasi, None);
        assert_eq!(h.capaian, Err(TanpaCapaian::BelumAda));
        let h = sampai(Jumlah, Kualitatif, 1.0, &b(&[1.0]), &b(&[N]), None);
        assert_eq!(h.capaian, Err(TanpaCapaian::Kualitatif));
    }

    #[test]
    fn nothing_due_and_nothing_written_is_not_a_missing_realisasi() {
        // The first target is after the quarter: nothing was due, so the
        // report must not say "belum ada realisasi" (read as a shortfall).
        let h = sampai(Jumlah, Positif, 12.0, &b(&[N, N, N]), &b(&[N, N, N]), None);
        assert_eq!(h.capaian, Err(TanpaCapaian::TanpaTarget));
        assert_eq!(TanpaCapaian::TanpaTarget.teks(), "belum bertarget");
    }

    #[test]
    fn the_cap_applies_to_the_printed_figure_only() {
        // 30 against 20: 150 %, printed 100 with `batas_capaian: 100`.
        let h = sampai(Jumlah, Positif, 80.0, &b(&[20.0]), &b(&[30.0]), Some(100.0));
        assert_eq!(h.capaian, Ok(100.0));
        assert_eq!(h.mentah, Some(150.0));
    }

    #[test]
    fn an_absurd_ratio_stays_a_number() {
        let h = sampai(Jumlah, Negatif, 4.0, &b(&[4.0]), &b(&[1e-300]), None);
        assert_eq!(h.capaian, Ok(PALING_BESAR));
        let h = sampai(Jumlah, Positif, 1e-300, &b(&[1e-300]), &b(&[1e300]), None);
        assert_eq!(h.capaian, Ok(PALING_BESAR));
    }

    #[test]
    fn two_decimals_round_halves_away_from_zero() {
        assert_eq!(dua_desimal(62.345), 62.35);
        assert_eq!(dua_desimal(2.0 / 3.0 * 100.0), 66.67);
        assert_eq!(dua_desimal(0.125), 0.13);
        assert_eq!(dua_desimal(90.994), 90.99);
    }

    #[test]
    fn permendagri_bands_and_their_decimal_boundaries() {
        let skala = Pita::permendagri_86_2017();
        let k = |c| kategori(&skala, c).map(|p| p.kategori.as_str());
        assert_eq!(k(100.0), Some("Sangat Tinggi"));
        assert_eq!(k(91.0), Some("Sangat Tinggi"));
        assert_eq!(k(90.99), Some("Tinggi"));
        assert_eq!(k(76.0), Some("Tinggi"));
        assert_eq!(k(75.5), Some("Sedang"));
        assert_eq!(k(66.0), Some("Sedang"));
        assert_eq!(k(65.99), Some("Rendah"));
        assert_eq!(k(51.0), Some("Rendah"));
        assert_eq!(k(50.99), Some("Sangat Rendah"));
        assert_eq!(k(0.0), Some("Sangat Rendah"));
    }

    #[test]
    fn serapan_is_realisasi_over_pagu() {
        // Pagu Rp 103.000.000, Rp 41.200.000 spent: 40,00 %.
        assert_eq!(serapan(Some(103_000_000), 41_200_000), Some(40.0));
        // Rp 213.000.000, Rp 98.765.432: 46,3687… → 46,37 %.
        assert_eq!(serapan(Some(213_000_000), 98_765_432), Some(46.37));
        assert_eq!(serapan(Some(0), 5), None);
        assert_eq!(serapan(None, 5), None);
    }

    #[test]
    fn figures_of_a_published_table() {
        // LKjIP Kecamatan Gunung Kaler, Kabupaten Tangerang, Tabel 3.5
        // "Analisis Pencapaian Sasaran 1" (target, realisasi, capaian %),
        // annual figures: one period holding the year.
        let tahunan =
            |t: f64, r: f64| sampai(Akhir, Positif, t, &[Some(t)], &[Some(r)], None).capaian;
        // Indeks Kepuasan Masyarakat 2019 and 2020.
        assert_eq!(tahunan(82.5, 88.94), Ok(107.81));
        assert_eq!(tahunan(84.75, 88.95), Ok(104.96));
        // Desa minimal Berkembang 2019 (66,67 against 65).
        assert_eq!(tahunan(65.0, 66.67), Ok(102.57));
        // Laporan pertanggungjawaban baik, 2019 and 2020.
        assert_eq!(tahunan(44.44, 44.44), Ok(100.0));
        assert_eq!(tahunan(55.56, 55.56), Ok(100.0));
        // The table's "Rata-Rata Capaian": 103,46 (2019) and 100,07 (2020,
        // with the published 95,24 for desa minimal Berkembang).
        assert_eq!(rata_rata([107.81, 102.57, 100.0]), Some(103.46));
        assert_eq!(rata_rata([104.96, 95.24, 100.0]), Some(100.07));
    }

    #[test]
    fn the_mean_of_a_sasaran_s_indicators() {
        assert_eq!(rata_rata([100.0, 62.5, 80.0]), Some(80.83));
        assert_eq!(rata_rata([]), None);
    }
}

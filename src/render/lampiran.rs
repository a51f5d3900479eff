//! The Lampiran's layout: its tables as the template places them, and
//! every number of that layout — the line pitch, the cells' insets, how
//! much a landscape page holds — defined here once. The template receives
//! the numbers with the view ([`Tata`]) and never writes them itself.

use serde::Serialize;

use crate::content::{ProgramKegiatan, Report, Rincian};
use crate::format;

/// The layout numbers the template draws with, in points.
#[derive(Serialize)]
pub(super) struct Tata {
    /// The height of a line of text in the Lampiran table.
    pitch: f64,
    /// A table cell's inset above and below its text (and left and right).
    inset: f64,
    /// The thickness of the table's rules.
    garis: f64,
    /// The ruled lines of an indicator's periods.
    periode: Periode,
}

/// The ruled lines of an indicator's months or quarters: one line per
/// period, a rule centred on each border, the text centred between them.
#[derive(Serialize)]
struct Periode {
    /// The height of one period's line.
    pitch: f64,
    /// The text's size.
    huruf: f64,
    /// From the line's top to the text's baseline.
    atas: f64,
    /// From the baseline to the line's bottom: `pitch - atas`.
    bawah: f64,
}

/// The Lampiran's layout numbers for a report broken into `rincian`.
pub(super) fn tata(rincian: Rincian) -> Tata {
    let pitch = pitch_periode(rincian);
    // The ink of a line, from the top of `b` or `J` to the bottom of `g`,
    // sits between the rules centred on the line's top and bottom borders,
    // with as much room above as below.
    let ink = HURUF_PERIODE * (NAIK + TURUN);
    let atas = GARIS / 2.0 + (pitch - GARIS - ink) / 2.0 + HURUF_PERIODE * NAIK;
    Tata {
        pitch: PITCH,
        inset: INSET / 2.0,
        garis: GARIS,
        periode: Periode {
            pitch,
            huruf: HURUF_PERIODE,
            atas: round(atas),
            bawah: round(pitch - round(atas)),
        },
    }
}

/// Hundredths of a point, so the numbers in the Typst source stay short.
fn round(pt: f64) -> f64 {
    (pt * 100.0).round() / 100.0
}

/// The thickness of the table's rules.
const GARIS: f64 = 0.5;
/// The size of the periods' text: a little smaller than the table's 8 pt,
/// so that a line of 9.2 pt leaves room above and below it.
const HURUF_PERIODE: f64 = 7.5;
/// Above and below the baseline, in ems, the ink of the bundled fonts
/// reaches: ascenders and capitals, descenders.
const NAIK: f64 = 0.73;
const TURUN: f64 = 0.212;

/// A month takes a line of the table's pitch; a quarter, which has a third
/// as many lines in the same row, takes two.
fn pitch_periode(rincian: Rincian) -> f64 {
    match rincian {
        Rincian::Bulanan => PITCH,
        Rincian::Triwulan => 2.0 * PITCH,
    }
}

/// The height of an indicator's block of periods.
fn tinggi_periode(rincian: Rincian) -> f64 {
    periods(rincian) as f64 * pitch_periode(rincian)
}

#[derive(Serialize)]
pub(super) struct Tabel {
    kolom_sasaran: &'static str,
    kolom_program: &'static str,
    pejabat: Vec<PejabatView>,
    /// Whether the signature block is the table's last row (the last table
    /// of a signed report), held on the page of the last indicator. When
    /// the two could not share a page, the block follows the table instead.
    ttd: bool,
}

#[derive(Serialize)]
pub(super) struct PejabatView {
    jabatan: String,
    baris: Vec<Baris>,
}

/// A cell of the zero-width column that starts at an indicator's first row.
/// Unbreakable cells hold the rows they span on one page.
#[derive(Serialize)]
pub(super) struct Tepi {
    rowspan: usize,
    breakable: bool,
}

/// One indicator: a row of the table (several when it lists several programs).
#[derive(Serialize)]
pub(super) struct Baris {
    id: String,
    /// Whether the next indicator of the same sasaran looks for this row's page.
    tanda: bool,
    sebelum: Option<String>,
    /// Whether the row must reserve the height of "sasaran (lanjutan)",
    /// which the page header may write into it (see `muat_di_blok`).
    cadangan: bool,
    /// Table rows this indicator takes: one per program, at least one.
    n: usize,
    nomor: String,
    sasaran: String,
    indikator: String,
    satuan: String,
    target: String,
    /// Targets per period, one per line, "-" where none.
    nilai: String,
    ket: String,
    program: Vec<Program>,
    program_lanjut: bool,
    /// The zero-width column's cell starting at this indicator, if any: after
    /// the first indicator, a breakable one spanning the official's other
    /// rows; at the table's last indicator before the signature row, an
    /// unbreakable one spanning its rows and the signature's.
    tepi: Option<Tepi>,
    /// The rows' height in points, estimated high (see `tinggi_baris`).
    #[serde(skip)]
    tinggi: f64,
    /// Whether the rows may break across pages: only for an indicator that
    /// may be taller than a page (many programs), which unbroken would run
    /// off the page's bottom edge. Its period block still stays whole.
    pecah: bool,
}

#[derive(Serialize)]
pub(super) struct Program {
    uraian: String,
    anggaran: String,
}

/// The view of Lampiran table `t`; `ttd`: the signature block follows it.
pub(super) fn tabel(
    report: &Report,
    t: usize,
    lampiran: &crate::content::Lampiran,
    ttd: bool,
) -> Tabel {
    let (kolom_sasaran, kolom_program) = lampiran.tingkat.kolom();
    let rincian = report.identitas.rincian_target;
    let mut nomor = 0;
    let last_pejabat = lampiran.pejabat.len().saturating_sub(1);
    let mut joined = false;
    let pejabat = lampiran
        .pejabat
        .iter()
        .enumerate()
        .map(|(a, pj)| {
            let mut baris = Vec::new();
            for sasaran in &pj.sasaran {
                nomor += 1;
                for (k, ind) in sasaran.indikator.iter().enumerate() {
                    let tinggi = tinggi_baris(&sasaran.uraian, ind, sasaran.program_di(k), rincian);
                    let program: Vec<Program> = sasaran
                        .program_di(k)
                        .map(|p| Program {
                            uraian: format::lipat(&p.uraian),
                            anggaran: p.anggaran.map(format::rupiah).unwrap_or_default(),
                        })
                        .collect();
                    baris.push(Baris {
                        id: format!("rk-{t}-{nomor}-{k}"),
                        tanda: k + 1 < sasaran.indikator.len(),
                        cadangan: k > 0 && !muat_di_blok(&sasaran.uraian, rincian),
                        n: program.len().max(1),
                        sebelum: (k > 0).then(|| format!("rk-{t}-{nomor}-{}", k - 1)),
                        nomor: nomor.to_string(),
                        sasaran: format::lipat(&sasaran.uraian),
                        indikator: format::lipat(&ind.uraian),
                        satuan: format::lipat(&ind.satuan),
                        target: format::lipat(&format::angka(ind.target.0)),
                        nilai: ind
                            .rencana(rincian)
                            .into_iter()
                            .map(|v| v.map_or_else(|| "-".into(), |a| format::angka(a.0)))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        ket: format::lipat(ind.ket.as_deref().unwrap_or_default()),
                        program_lanjut: k > 0
                            && program.is_empty()
                            && !sasaran.program_kegiatan.is_empty(),
                        program,
                        tepi: None,
                        tinggi,
                        pecah: tinggi > TINGGI_HALAMAN,
                    });
                }
            }
            // The signature row joins the last indicator only when both
            // surely fit on one page; else an unbreakable pair taller than
            // the page would run off its bottom edge.
            let signature_follows = ttd
                && a == last_pejabat
                && baris.last().is_some_and(|b| b.tinggi <= TINGGI_BERSAMA_TTD);
            joined |= signature_follows;
            // The table's last two indicators stay on one page when they
            // fit on one (with the signature, when it follows): a table
            // never ends with one indicator alone on a mostly empty page.
            let k = baris.len();
            let budget = if signature_follows {
                TINGGI_BERSAMA_TTD
            } else {
                TINGGI_HALAMAN
            };
            let berdua =
                a == last_pejabat && k >= 2 && baris[k - 2].tinggi + baris[k - 1].tinggi <= budget;
            // The zero-width column: one breakable cell beside the
            // official's rows, and an unbreakable one holding the last
            // indicator (or two) and the signature row together.
            let mut rest: usize = baris.iter().map(|b| b.n).sum();
            let ekor = if berdua {
                2
            } else {
                usize::from(signature_follows)
            };
            if ekor > 0 {
                let rows: usize = baris[k - ekor..].iter().map(|b| b.n).sum();
                baris[k - ekor].tepi = Some(Tepi {
                    rowspan: rows + usize::from(signature_follows),
                    breakable: false,
                });
                rest -= rows;
            }
            if rest > 0 {
                baris[0].tepi = Some(Tepi {
                    rowspan: rest,
                    breakable: true,
                });
            }
            PejabatView {
                jabatan: pj.jabatan.clone(),
                baris,
            }
        })
        .collect();
    Tabel {
        kolom_sasaran,
        kolom_program,
        pejabat,
        ttd: joined,
    }
}

/// Characters counted to a line of the wide Lampiran columns (sasaran,
/// indicator, program): fewer than the narrowest of them holds in any
/// bundled font (about 30), so estimates of height err high.
const HURUF_SEBARIS: usize = 20;

/// Whether "sasaran (lanjutan)" surely fits beside the block of period
/// lines (12 or 4 lines high), so the row need not reserve its height; the
/// estimate errs towards reserving.
fn muat_di_blok(sasaran: &str, rincian: Rincian) -> bool {
    let lines = sasaran.chars().count().div_ceil(HURUF_SEBARIS) + 1;
    (lines as f64) * PITCH + INSET < tinggi_periode(rincian)
}

fn periods(rincian: Rincian) -> usize {
    match rincian {
        Rincian::Bulanan => 12,
        Rincian::Triwulan => 4,
    }
}

/// The height of a line in the Lampiran table (`rk-pitch`) and of a cell's
/// top and bottom insets together, in points.
const PITCH: f64 = 9.2;
const INSET: f64 = 6.0;

/// The tallest an indicator's rows may be for the signature block to join
/// them on one page: a landscape A4 page holds 521 pt of text; the table
/// header (~55 pt), the Lampiran title (~50 pt, on its first page), an
/// official's name row (~17 pt) and the signature block with the space above
/// it (~200 pt, wet ink or electronic) leave 200 pt.
const TINGGI_BERSAMA_TTD: f64 = 200.0;

/// The tallest an indicator's rows may be to be kept whole on a page: the
/// 521 pt of a landscape A4 page less the table header, the Lampiran title
/// and an official's name row.
const TINGGI_HALAMAN: f64 = 400.0;

/// The height of an indicator's rows in the Lampiran table, estimated high:
/// the tallest of the period block, the sasaran text (with "(lanjutan)"),
/// the indicator text, KET and the programs one under another. Counts
/// `HURUF_SEBARIS` characters to a line in the wide columns and 13 in KET
/// (which holds about 19).
fn tinggi_baris<'a>(
    sasaran: &str,
    ind: &crate::content::Indikator,
    program: impl Iterator<Item = &'a ProgramKegiatan>,
    rincian: Rincian,
) -> f64 {
    let cell = |text: &str, per_line: usize| -> f64 {
        let lines: usize = text
            .lines()
            .map(|l| l.chars().count().div_ceil(per_line).max(1))
            .sum();
        lines.max(1) as f64 * PITCH + INSET
    };
    let programs: f64 = program.map(|p| cell(&p.uraian, HURUF_SEBARIS)).sum();
    [
        tinggi_periode(rincian),
        cell(&format!("{sasaran} (lanjutan)"), HURUF_SEBARIS),
        cell(&ind.uraian, HURUF_SEBARIS),
        cell(ind.ket.as_deref().unwrap_or_default(), 13),
        programs,
    ]
    .into_iter()
    .fold(0.0, f64::max)
}

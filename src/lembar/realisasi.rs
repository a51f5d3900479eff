//! Realisasi in a workbook: the sheets `Realisasi` (one row per indicator
//! and period of every quarter written so far) and `Realisasi Anggaran`
//! (one row per program and quarter), out with the report's workbook and
//! back with `renaksi import --realisasi`, through the canonical realisasi
//! writer. The key column ties each row to the Rencana Aksi; the other
//! descriptive columns are for the reader and are not read back.

use std::collections::BTreeMap;

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sel::{cell_name, number};
use crate::content::{Angka, Bulanan, Polaritas, Report, Rincian, Tanggal};
use crate::error::Problem;
use crate::format;
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{BerkasRealisasi, Nilai, Realisasi};

/// The sheet of indicator realisasi.
pub const REALISASI: &str = "Realisasi";
/// The sheet of budget realisasi.
pub const ANGGARAN: &str = "Realisasi Anggaran";
/// The columns of the `Realisasi` sheet.
pub const KOLOM: [&str; 12] = [
    "triwulan",
    "tanggal",
    "kunci",
    "jabatan",
    "indikator",
    "satuan",
    "periode",
    "target",
    "realisasi",
    "kendala",
    "solusi",
    "tindak_lanjut",
];
/// The columns of the `Realisasi Anggaran` sheet.
pub const KOLOM_ANGGARAN: [&str; 6] = [
    "triwulan",
    "kunci",
    "jabatan",
    "program",
    "pagu",
    "realisasi",
];

/// One cell to write.
enum Isi {
    Teks(String),
    Angka(f64),
    Kosong,
}

/// Adds the two realisasi sheets for the quarters written in `realisasi`.
pub fn sheets(
    workbook: &mut Workbook,
    report: &Report,
    realisasi: &Realisasi,
) -> Result<(), XlsxError> {
    let keys = Kunci::dari(report);
    let id = &report.identitas;
    let bulan = format::bulan(id.ejaan_bulan);
    let kepala = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xE8E8E8));
    let mut rows: Vec<Vec<Isi>> = Vec::new();
    let mut budget: Vec<Vec<Isi>> = Vec::new();
    for berkas in realisasi.tw.iter().flatten() {
        let n = berkas.triwulan;
        let tanggal = berkas.isi.tanggal.0.format("%Y-%m-%d").to_string();
        for l in &keys.indikator {
            let ind = l.indikator;
            let ada = berkas.isi.indikator.get(&l.kunci);
            let rencana = ind.rencana(id.rincian_target);
            let notes = |first: bool| -> [Isi; 3] {
                let t = |v: Option<&String>| match (first, v) {
                    (true, Some(v)) => Isi::Teks(v.clone()),
                    _ => Isi::Kosong,
                };
                [
                    t(ada.and_then(|r| r.kendala.as_ref())),
                    t(ada.and_then(|r| r.solusi.as_ref())),
                    t(ada.and_then(|r| r.tindak_lanjut.as_ref())),
                ]
            };
            let head = |periode: String, target: Option<Angka>| {
                vec![
                    Isi::Angka(n as f64),
                    Isi::Teks(tanggal.clone()),
                    Isi::Teks(l.kunci.clone()),
                    Isi::Teks(l.pejabat.1.to_owned()),
                    Isi::Teks(ind.uraian.clone()),
                    Isi::Teks(ind.satuan.clone()),
                    Isi::Teks(periode),
                    target.map_or(Isi::Kosong, |t| Isi::Angka(t.0)),
                ]
            };
            let scalar = ada.and_then(|r| r.realisasi.as_ref());
            let monthly = id.rincian_target == Rincian::Bulanan
                && ind.polaritas != Polaritas::Kualitatif
                && scalar.is_none();
            if monthly {
                let months = ada
                    .and_then(|r| r.bulan.as_ref())
                    .map(|b| b.values())
                    .unwrap_or_default();
                for m in 3 * n - 3..3 * n {
                    let mut row = head(bulan[m].to_owned(), rencana[m]);
                    row.push(months[m].map_or(Isi::Kosong, |v| Isi::Angka(v.0)));
                    row.extend(notes(m == 3 * n - 3));
                    rows.push(row);
                }
            } else {
                let target = match id.rincian_target {
                    Rincian::Triwulan => rencana[n - 1],
                    Rincian::Bulanan => None,
                };
                let mut row = head(format!("TW {}", format::romawi(n)), target);
                row.push(match scalar {
                    Some(Nilai::Angka(v)) => Isi::Angka(*v),
                    Some(Nilai::Teks(t)) => Isi::Teks(t.clone()),
                    None => Isi::Kosong,
                });
                row.extend(notes(true));
                rows.push(row);
            }
        }
        for l in &keys.program {
            budget.push(vec![
                Isi::Angka(n as f64),
                Isi::Teks(l.kunci.clone()),
                Isi::Teks(l.pejabat.1.to_owned()),
                Isi::Teks(l.program.uraian.clone()),
                l.program
                    .anggaran
                    .map_or(Isi::Kosong, |a| Isi::Angka(a as f64)),
                berkas
                    .isi
                    .anggaran
                    .get(&l.kunci)
                    .copied()
                    .flatten()
                    .map_or(Isi::Kosong, |a| Isi::Angka(a as f64)),
            ]);
        }
    }
    let rupiah = Format::new().set_num_format("[$-421]\"Rp \"#,##0");
    let angka = Format::new().set_num_format("[$-421]#,##0.##");
    for (name, header, rows, widths) in [
        (
            REALISASI,
            &KOLOM[..],
            rows,
            &[
                9.0, 11.0, 40.0, 22.0, 40.0, 10.0, 10.0, 9.0, 12.0, 30.0, 30.0, 30.0,
            ][..],
        ),
        (
            ANGGARAN,
            &KOLOM_ANGGARAN[..],
            budget,
            &[9.0, 40.0, 22.0, 44.0, 16.0, 16.0][..],
        ),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (c, (h, w)) in header.iter().zip(widths).enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &kepala)?;
            sheet.set_column_width(c as u16, *w)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let money = name == ANGGARAN && c >= 4;
                match cell {
                    Isi::Teks(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    Isi::Angka(v) if money => {
                        sheet.write_number_with_format(r, c, *v, &rupiah)?;
                    }
                    Isi::Angka(v) => {
                        sheet.write_number_with_format(r, c, *v, &angka)?;
                    }
                    Isi::Kosong => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 3)?;
    }
    Ok(())
}

/// What a workbook's realisasi sheets hold.
#[derive(Debug, Default)]
pub struct Dibaca {
    /// Each quarter as the content of its file.
    pub tw: BTreeMap<usize, BerkasRealisasi>,
    /// Where each indicator's and program's entry was read.
    pub letak: Vec<SelRealisasi>,
}

/// The cell an entry of a quarter's file was read from.
#[derive(Debug, Clone)]
pub struct SelRealisasi {
    /// The quarter.
    pub triwulan: usize,
    /// The entry's YAML path in realisasi/twN.yaml: `indikator.KUNCI` or
    /// `anggaran.KUNCI`.
    pub jalur: String,
    /// The cell of its (first) realisasi, `Realisasi!H5`.
    pub sel: String,
}

/// The quarters a workbook's realisasi sheets hold, each as the content of
/// its file. Every problem is named by its sheet and cell.
pub fn baca(file: &str, bytes: &[u8], report: &Report) -> Result<Dibaca, Vec<Problem>> {
    let one = |message: String, hint: &str| vec![Problem::new(file, message).hint(hint)];
    let mut workbook = super::impor::buka(file, bytes)?;
    let gaya = super::impor::Gaya::baca(bytes);
    let names = workbook.sheet_names().to_vec();
    let find = |want: &str| {
        names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want))
            .cloned()
    };
    let Some(sheet) = find(REALISASI) else {
        return Err(one(
            format!("lembar `{REALISASI}` tidak ada (lembar yang ada: {})", names.join(", ")),
            "ekspor laporan yang sudah berisi realisasi/twN.yaml dengan `renaksi export`; buat formulir triwulan baru dulu dengan `renaksi realisasi --triwulan N`",
        ));
    };
    let keys = Kunci::dari(report);
    let id = &report.identitas;
    let mut problems = Vec::new();
    let mut out: BTreeMap<usize, BerkasRealisasi> = BTreeMap::new();
    let mut letak_semua: Vec<SelRealisasi> = Vec::new();
    let mut tanggal_dari: BTreeMap<usize, (Tanggal, String)> = BTreeMap::new();
    let grid = super::impor::grid_of(&mut workbook, &gaya, file, &sheet)?;
    let cols = columns(
        file,
        &sheet,
        &grid,
        &KOLOM,
        &["triwulan", "kunci", "realisasi"],
    )?;
    for r in grid.first + 1..grid.first + grid.rows.len() {
        let at = |name: &str| cell_name(&sheet, r, cols[name]);
        let cell = |name: &str| grid.get(r, cols.get(name).copied().unwrap_or(usize::MAX));
        let Some(key) = super::sel::text(cell("kunci")) else {
            continue;
        };
        let mut wrong = |p: Problem| problems.push(p);
        let Some(letak) = keys.indikator(&key) else {
            let hint = match keys.mirip_indikator(&key) {
                Some(best) => format!("maksud Anda: `{best}`? Salin kunci dari lembar hasil `renaksi export` tanpa mengubahnya"),
                None => "kunci berasal dari `renaksi export`; baris indikator yang tidak ada lagi di Lampiran dihapus".into(),
            };
            wrong(
                Problem::new(file, format!("indikator `{key}` tidak ada di Rencana Aksi"))
                    .at_path(at("kunci"))
                    .hint(hint),
            );
            continue;
        };
        let Some(n) = triwulan(cell("triwulan")) else {
            wrong(
                Problem::new(file, "triwulan tidak dikenal")
                    .at_path(at("triwulan"))
                    .hint("tulis 1, 2, 3 atau 4"),
            );
            continue;
        };
        if let Err(p) = catat_tanggal(&mut tanggal_dari, n, cell("tanggal"), at("tanggal")) {
            wrong(Problem::new(file, p.0).at_path(at("tanggal")).hint(p.1));
        }
        let jalur = format!("indikator.{key}");
        if !letak_semua
            .iter()
            .any(|l| l.triwulan == n && l.jalur == jalur)
        {
            letak_semua.push(SelRealisasi {
                triwulan: n,
                jalur,
                sel: at("realisasi"),
            });
        }
        let berkas = out.entry(n).or_insert_with(|| kosong(id.tahun, n));
        let entry = berkas.indikator.entry(key.clone()).or_default();
        let periode = super::sel::text(cell("periode")).unwrap_or_default();
        let kualitatif = letak.indikator.polaritas == Polaritas::Kualitatif;
        let value = match cell("realisasi") {
            Data::String(s) if kualitatif && !s.trim().is_empty() => {
                Some(Nilai::Teks(s.trim().to_owned()))
            }
            other => match number(other) {
                Ok(v) => v.map(Nilai::Angka),
                Err(why) => {
                    wrong(Problem::new(file, format!("realisasi {why}")).at_path(at("realisasi")).hint(
                        "tulis angka, misalnya 12 atau 85,5; uraian hanya untuk indikator `polaritas: kualitatif`",
                    ));
                    None
                }
            },
        };
        match super::impor::period(&periode) {
            Some((Rincian::Bulanan, m))
                if id.rincian_target == Rincian::Bulanan && m / 3 + 1 == n =>
            {
                if let Some(v) = value {
                    let Nilai::Angka(v) = v else { continue };
                    let mut months = entry.bulan.clone().unwrap_or_default().values();
                    months[m] = Some(Angka(v));
                    entry.bulan = Some(Bulanan::from_values(months));
                }
            }
            Some((Rincian::Triwulan, q)) if q + 1 == n => {
                if value.is_some() {
                    entry.realisasi = value;
                }
            }
            _ => {
                let allowed = periode_triwulan(id, n);
                wrong(
                    Problem::new(
                        file,
                        format!(
                            "periode `{periode}` bukan bagian Triwulan {}",
                            format::romawi(n)
                        ),
                    )
                    .at_path(at("periode"))
                    .hint(format!("tulis {allowed}")),
                );
                continue;
            }
        }
        for (name, slot) in [
            ("kendala", &mut entry.kendala),
            ("solusi", &mut entry.solusi),
            ("tindak_lanjut", &mut entry.tindak_lanjut),
        ] {
            if let Some(t) = super::sel::text(cell(name)) {
                *slot = Some(t);
            }
        }
    }
    if let Some(sheet) = find(ANGGARAN) {
        baca_anggaran(
            file,
            &gaya,
            &mut workbook,
            &sheet,
            report,
            &mut out,
            &mut letak_semua,
            &mut problems,
        )?;
    }
    for (n, (t, _)) in tanggal_dari {
        if let Some(b) = out.get_mut(&n) {
            b.tanggal = t;
        }
    }
    if problems.is_empty() {
        Ok(Dibaca {
            tw: out,
            letak: letak_semua,
        })
    } else {
        problems.truncate(50);
        Err(problems)
    }
}

/// The budget rows of the sheet `sheet` into the quarters of `out`; a
/// row that cannot be right is a problem, named by its cell.
#[allow(clippy::too_many_arguments)]
fn baca_anggaran(
    file: &str,
    gaya: &super::impor::Gaya,
    workbook: &mut calamine::Xlsx<std::io::Cursor<&[u8]>>,
    sheet: &str,
    report: &Report,
    out: &mut BTreeMap<usize, BerkasRealisasi>,
    letak: &mut Vec<SelRealisasi>,
    problems: &mut Vec<Problem>,
) -> Result<(), Vec<Problem>> {
    let keys = Kunci::dari(report);
    let id = &report.identitas;
    let grid = super::impor::grid_of(workbook, gaya, file, sheet)?;
    let cols = columns(
        file,
        sheet,
        &grid,
        &KOLOM_ANGGARAN,
        &["triwulan", "kunci", "realisasi"],
    )?;
    for r in grid.first + 1..grid.first + grid.rows.len() {
        let at = |name: &str| cell_name(sheet, r, cols[name]);
        let cell = |name: &str| grid.get(r, cols[name]);
        let Some(key) = super::sel::text(cell("kunci")) else {
            continue;
        };
        if keys.program(&key).is_none() {
            let hint = match keys.mirip_program(&key) {
                Some(best) => format!("maksud Anda: `{best}`?"),
                None => "kunci berasal dari `renaksi export`".into(),
            };
            problems.push(
                Problem::new(
                    file,
                    format!("program/kegiatan `{key}` tidak ada di Rencana Aksi"),
                )
                .at_path(at("kunci"))
                .hint(hint),
            );
            continue;
        }
        let Some(n) = triwulan(cell("triwulan")) else {
            problems.push(
                Problem::new(file, "triwulan tidak dikenal")
                    .at_path(at("triwulan"))
                    .hint("tulis 1, 2, 3 atau 4"),
            );
            continue;
        };
        let value = match super::sel::rupiah(cell("realisasi")) {
            Ok(Some(v)) if v >= 0.0 && v.fract() == 0.0 && v < 1e15 => Some(v as u64),
            Ok(None) => None,
            Ok(Some(v)) => {
                problems.push(
                    Problem::new(
                        file,
                        format!(
                            "realisasi anggaran {} bukan rupiah utuh 0 atau lebih",
                            format::angka(v)
                        ),
                    )
                    .at_path(at("realisasi"))
                    .hint("tulis belanja triwulan ini dalam rupiah utuh, misalnya 25.000.000"),
                );
                continue;
            }
            Err(why) => {
                problems.push(
                    Problem::new(file, format!("realisasi anggaran {why}"))
                        .at_path(at("realisasi"))
                        .hint("tulis angka rupiah, misalnya 25.000.000"),
                );
                continue;
            }
        };
        letak.push(SelRealisasi {
            triwulan: n,
            jalur: format!("anggaran.{key}"),
            sel: at("realisasi"),
        });
        out.entry(n)
            .or_insert_with(|| kosong(id.tahun, n))
            .anggaran
            .insert(key, value);
    }
    Ok(())
}

/// The date a row gives its quarter `n`, kept in `tanggal_dari` with the
/// cell `at` that first gave it; a date other than that one, or none a
/// date can be read from, is what is wrong and what would be right.
fn catat_tanggal(
    tanggal_dari: &mut BTreeMap<usize, (Tanggal, String)>,
    n: usize,
    cell: &Data,
    at: String,
) -> Result<(), (String, &'static str)> {
    match tanggal(cell) {
        Ok(Some(t)) => match tanggal_dari.get(&n) {
            Some((first, where_)) if *first != t => Err((
                format!(
                    "tanggal Triwulan {} berbeda dengan {where_}",
                    format::romawi(n)
                ),
                "satu triwulan satu tanggal laporan: samakan tanggalnya",
            )),
            Some(_) => Ok(()),
            None => {
                tanggal_dari.insert(n, (t, at));
                Ok(())
            }
        },
        Ok(None) => Ok(()),
        Err(why) => Err((why, "tulis tanggal TTTT-BB-HH, misalnya 2022-07-08")),
    }
}

/// The periods of quarter `n` a row may name: its months and the quarter,
/// or the quarter alone.
fn periode_triwulan(id: &crate::content::Identitas, n: usize) -> String {
    match id.rincian_target {
        Rincian::Bulanan => format!(
            "{} (bulan Triwulan {}) atau TW {}",
            (3 * n - 3..3 * n)
                .map(|m| format::bulan(id.ejaan_bulan)[m])
                .collect::<Vec<_>>()
                .join(", "),
            format::romawi(n),
            format::romawi(n)
        ),
        Rincian::Triwulan => format!("TW {}", format::romawi(n)),
    }
}

/// Quarter `n` of `tahun` before any row of it is read: dated at the
/// quarter's end until a row gives its date.
fn kosong(tahun: i32, n: usize) -> BerkasRealisasi {
    BerkasRealisasi {
        tanggal: Tanggal(crate::realisasi::akhir_triwulan(tahun, n)),
        indikator: BTreeMap::new(),
        anggaran: BTreeMap::new(),
    }
}

/// The column of each header name in the first row of `grid`; the
/// `wajib` ones must be there.
fn columns(
    file: &str,
    sheet: &str,
    grid: &super::sel::Grid,
    known: &[&str],
    wajib: &[&str],
) -> Result<BTreeMap<String, usize>, Vec<Problem>> {
    let mut cols = BTreeMap::new();
    let header = grid.rows.first().cloned().unwrap_or_default();
    for (c, cell) in header.iter().enumerate() {
        if let Some(name) = super::sel::text(cell) {
            let name = name.to_lowercase();
            if known.contains(&name.as_str()) {
                cols.insert(name, c);
            }
        }
    }
    let missing: Vec<&str> = wajib
        .iter()
        .copied()
        .filter(|k| !cols.contains_key(*k))
        .collect();
    if missing.is_empty() {
        Ok(cols)
    } else {
        Err(vec![Problem::new(
            file,
            format!(
                "lembar `{sheet}` tidak memiliki kolom {}",
                missing.join(", ")
            ),
        )
        .at_path(cell_name(sheet, grid.first, 0))
        .hint(format!(
            "baris pertamanya adalah nama kolom: {}",
            known.join(", ")
        ))])
    }
}

fn triwulan(cell: &Data) -> Option<usize> {
    match cell {
        Data::Float(f) if (1.0..=4.0).contains(f) && f.fract() == 0.0 => Some(*f as usize),
        Data::Int(i) if (1..=4).contains(i) => Some(*i as usize),
        Data::String(s) => match super::impor::period(s) {
            Some((Rincian::Triwulan, q)) => Some(q + 1),
            _ => s.trim().parse().ok().filter(|n| (1..=4).contains(n)),
        },
        _ => None,
    }
}

fn tanggal(cell: &Data) -> Result<Option<Tanggal>, String> {
    match cell {
        Data::Empty => Ok(None),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(|d| Some(Tanggal(d)))
            .map_err(|_| format!("tanggal `{}` bukan TTTT-BB-HH", s.trim())),
        // Excel's serial days count from 1899-12-30.
        Data::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|start| start.checked_add_days(chrono::Days::new(d.as_f64().max(0.0) as u64)))
            .map(|d| Some(Tanggal(d)))
            .ok_or_else(|| "tanggal tidak terbaca".to_owned()),
        other => Err(format!("tanggal `{other}` bukan TTTT-BB-HH")),
    }
}

//! The Laporan Kinerja's data as sheets: `Renstra` (one row per IKU, a
//! column per year of the period) and `Kinerja Lalu` (one row per IKU and
//! earlier year written in kinerja-lalu.yaml), written by `export` and
//! read back by `import --lampiran` into renstra.yaml and kinerja-lalu.yaml
//! through the canonical writer, the files' comments kept.
//!
//! The columns `uraian` and `satuan` show the Lampiran's indicator beside
//! its key; they are for reading and are not read back (an IKU's text is
//! its Lampiran indicator's).

use calamine::Data;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sel::{cell_name, number, text, Grid};
use crate::content::{Angka, Report};
use crate::error::Problem;
use crate::lkjip::{
    BerkasKinerjaLalu, BerkasRenstra, Berkunci, Iku, KinerjaIku, SasaranStrategis, Standar,
    TahunLalu, Tahunan, Tujuan,
};
use crate::realisasi::kunci::Kunci;

/// The sheet of renstra.yaml.
pub const RENSTRA: &str = "Renstra";
/// The sheet of kinerja-lalu.yaml.
pub const LALU: &str = "Kinerja Lalu";

fn uraian(keys: &Kunci, key: &str) -> (String, String) {
    keys.indikator(key)
        .map(|l| (l.indikator.uraian.clone(), l.indikator.satuan.clone()))
        .unwrap_or_default()
}

/// The two sheets of `renstra` (and `lalu`, if any) for `report`.
pub fn sheets(
    workbook: &mut Workbook,
    report: &Report,
    renstra: &BerkasRenstra,
    lalu: Option<&BerkasKinerjaLalu>,
) -> Result<(), XlsxError> {
    let kepala = Format::new()
        .set_bold()
        .set_background_color("#E8E8E8")
        .set_text_wrap();
    let teks = Format::new().set_text_wrap();
    let keys = Kunci::dari(report);
    let sheet = workbook.add_worksheet();
    sheet.set_name(RENSTRA)?;
    let years: Vec<i32> = (renstra.mulai..=renstra.akhir).collect();
    let mut header: Vec<String> = ["tujuan", "sasaran", "indikator", "uraian", "satuan"]
        .map(str::to_owned)
        .to_vec();
    header.extend(years.iter().map(i32::to_string));
    header.extend(["target_akhir", "standar", "sumber_standar"].map(str::to_owned));
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &kepala)?;
    }
    let mut r = 1u32;
    for tujuan in &renstra.tujuan {
        for sasaran in &tujuan.sasaran {
            for iku in &sasaran.iku {
                let (u, s) = uraian(&keys, &iku.indikator);
                for (c, v) in [&tujuan.uraian, &sasaran.uraian, &iku.indikator, &u, &s]
                    .into_iter()
                    .enumerate()
                {
                    sheet.write_string_with_format(r, c as u16, v, &teks)?;
                }
                for (i, y) in years.iter().enumerate() {
                    if let Some(v) = iku.target_tahun(*y) {
                        sheet.write_number(r, 5 + i as u16, v)?;
                    }
                }
                let c = 5 + years.len() as u16;
                if let Some(v) = iku.target_akhir {
                    sheet.write_number(r, c, v.0)?;
                }
                if let Some(st) = &iku.standar {
                    sheet.write_number(r, c + 1, st.nilai.0)?;
                    sheet.write_string_with_format(r, c + 2, &st.sumber, &teks)?;
                }
                r += 1;
            }
        }
    }
    for (c, w) in [30, 30, 40, 36, 10].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    sheet.set_column_width(7 + years.len() as u16, 36)?;
    sheet.set_freeze_panes(1, 0)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(LALU)?;
    for (c, h) in [
        "tahun",
        "indikator",
        "uraian",
        "satuan",
        "target",
        "realisasi",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, c as u16, h, &kepala)?;
    }
    let mut r = 1u32;
    for (y, isi) in lalu.map(|l| l.tahun.0.as_slice()).unwrap_or_default() {
        for (key, v) in &isi.iku {
            let (u, s) = uraian(&keys, key);
            sheet.write_number(r, 0, *y as f64)?;
            sheet.write_string_with_format(r, 1, key, &teks)?;
            sheet.write_string_with_format(r, 2, &u, &teks)?;
            sheet.write_string_with_format(r, 3, &s, &teks)?;
            if let Some(t) = v.target {
                sheet.write_number(r, 4, t.0)?;
            }
            sheet.write_number(r, 5, v.realisasi.0)?;
            r += 1;
        }
    }
    for (c, w) in [8, 40, 36, 10, 10, 10].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A header row's columns by name: the known `names`, and the years.
struct Kolom {
    nama: Vec<(String, usize)>,
    tahun: Vec<(i32, usize)>,
}

impl Kolom {
    fn baca(file: &str, sheet: &str, grid: &Grid, names: &[&str]) -> Result<Self, Vec<Problem>> {
        let mut out = Kolom {
            nama: Vec::new(),
            tahun: Vec::new(),
        };
        let mut problems = Vec::new();
        let Some(header) = grid.rows.first() else {
            return Ok(out);
        };
        for (c, cell) in header.iter().enumerate() {
            let Some(name) = text(cell) else { continue };
            let name = name.trim().to_lowercase();
            if let Some(n) = names.iter().find(|n| **n == name) {
                out.nama.push(((*n).to_owned(), c));
            } else if let Ok(y) = name.parse::<i32>() {
                if (2000..=2100).contains(&y) {
                    out.tahun.push((y, c));
                } else {
                    problems.push(
                        Problem::new(file, format!("tahun {y} di luar 2000–2100"))
                            .at_path(cell_name(sheet, grid.first, c)),
                    );
                }
            } else {
                problems.push(
                    Problem::new(
                        file,
                        format!("kolom `{name}` tidak dikenal di lembar `{sheet}`"),
                    )
                    .at_path(cell_name(sheet, grid.first, c))
                    .hint(format!("kolom lembar {sheet}: {}", names.join(", "))),
                );
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    fn di(&self, name: &str) -> Option<usize> {
        self.nama.iter().find(|(n, _)| n == name).map(|(_, c)| *c)
    }
}

/// One row of a sheet being read, to read its cells by column name and
/// place a problem on one of them.
struct Baris<'a> {
    file: &'a str,
    sheet: &'a str,
    grid: &'a Grid,
    kolom: &'a Kolom,
    /// The row's index in `grid`.
    r: usize,
    row: &'a [Data],
}

impl Baris<'_> {
    /// The trimmed text of column `name`, when not blank.
    fn teks(&self, name: &str) -> Option<String> {
        self.kolom
            .di(name)
            .and_then(|c| self.row.get(c))
            .and_then(text)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    }

    /// The number of column `c`, or its problem at the cell.
    fn angka(&self, c: Option<usize>, problems: &mut Vec<Problem>) -> Option<Angka> {
        let c = c?;
        match number(self.row.get(c).unwrap_or(&Data::Empty)) {
            Ok(v) => v.map(Angka),
            Err(why) => {
                problems.push(
                    Problem::new(self.file, why)
                        .at_path(cell_name(self.sheet, self.grid.first + self.r, c))
                        .hint("tulis angka, misalnya 85 atau 85,5"),
                );
                None
            }
        }
    }

    /// The number of column `name`, or its problem at the cell.
    fn angka_di(&self, name: &str, problems: &mut Vec<Problem>) -> Option<Angka> {
        self.angka(self.kolom.di(name), problems)
    }

    /// A problem at this row's cell of column `name` (column `at` when the
    /// sheet has no such column).
    fn masalah(&self, message: impl Into<String>, name: &str, at: usize) -> Problem {
        let c = self.kolom.di(name).unwrap_or(at);
        Problem::new(self.file, message.into()).at_path(cell_name(
            self.sheet,
            self.grid.first + self.r,
            c,
        ))
    }
}

/// Whether a row's `cell` starts a group (a tujuan, a sasaran) after the
/// group `last`: a text other than the last group's does; a blank, or the
/// same text, goes on with it; a blank with no group above is `None`.
fn baru(cell: &Option<String>, last: Option<&str>) -> Option<bool> {
    match (cell.as_deref(), last) {
        (Some(t), Some(l)) => Some(t != l),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// The `Renstra` sheet as renstra.yaml: the period is its year columns; a
/// blank `tujuan` or `sasaran` means "as above".
pub(super) fn renstra(file: &str, sheet: &str, grid: &Grid) -> Result<BerkasRenstra, Vec<Problem>> {
    let names = [
        "tujuan",
        "sasaran",
        "indikator",
        "uraian",
        "satuan",
        "target_akhir",
        "standar",
        "sumber_standar",
    ];
    let kolom = Kolom::baca(file, sheet, grid, &names)?;
    let mut problems = Vec::new();
    for required in ["tujuan", "sasaran", "indikator"] {
        if kolom.di(required).is_none() {
            problems.push(
                Problem::new(file, format!("lembar `{sheet}` tidak memiliki kolom `{required}`"))
                    .at_path(cell_name(sheet, grid.first, 0))
                    .hint("baris pertama: tujuan, sasaran, indikator, lalu satu kolom per tahun (2021, 2022, …)"),
            );
        }
    }
    if kolom.tahun.is_empty() {
        problems.push(
            Problem::new(file, format!("lembar `{sheet}` tidak memiliki kolom tahun"))
                .at_path(cell_name(sheet, grid.first, 0))
                .hint("satu kolom per tahun periode Renstra, berjudul tahunnya: 2021, 2022, …"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let tahun = kolom.tahun.iter().map(|(y, _)| *y);
    let (mulai, akhir) = (
        tahun.clone().min().unwrap_or_default(),
        tahun.max().unwrap_or_default(),
    );
    let mut tujuan: Vec<Tujuan> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let b = Baris {
            file,
            sheet,
            grid,
            kolom: &kolom,
            r,
            row,
        };
        let Some(indikator) = b.teks("indikator") else {
            continue;
        };
        let t = b.teks("tujuan");
        let s = b.teks("sasaran");
        let Some(baru_t) = baru(&t, tujuan.last().map(|x| x.uraian.as_str())) else {
            problems.push(b.masalah("IKU pertama tanpa tujuan", "tujuan", 0).hint(
                "tulis tujuan Renstra di baris pertama; baris di bawahnya yang kosong berarti tujuan yang sama",
            ));
            continue;
        };
        if baru_t {
            tujuan.push(Tujuan {
                uraian: t.clone().unwrap_or_default(),
                sasaran: Vec::new(),
            });
        }
        let Some(tj) = tujuan.last_mut() else {
            continue;
        };
        let Some(baru_s) = baru(&s, tj.sasaran.last().map(|x| x.uraian.as_str())) else {
            problems.push(b.masalah("IKU tanpa sasaran strategis", "sasaran", 1).hint(
                "tulis sasaran strategis; baris di bawahnya yang kosong berarti sasaran yang sama",
            ));
            continue;
        };
        if baru_s {
            tj.sasaran.push(SasaranStrategis {
                uraian: s.clone().unwrap_or_default(),
                iku: Vec::new(),
            });
        }
        let mut target = Vec::new();
        for (y, c) in &kolom.tahun {
            if let Some(v) = b.angka(Some(*c), &mut problems) {
                target.push((*y, v));
            }
        }
        let target_akhir = b.angka_di("target_akhir", &mut problems);
        let standar = b.angka_di("standar", &mut problems).map(|nilai| Standar {
            nilai,
            sumber: b.teks("sumber_standar").unwrap_or_default(),
        });
        if let Some(ss) = tj.sasaran.last_mut() {
            ss.iku.push(Iku {
                indikator,
                target: Tahunan(target),
                target_akhir,
                standar,
            });
        }
    }
    if problems.is_empty() {
        Ok(BerkasRenstra {
            mulai,
            akhir,
            tujuan,
        })
    } else {
        Err(problems)
    }
}

/// The `Kinerja Lalu` sheet: each year's `iku` rows; a blank `tahun`
/// means "as above".
pub(super) fn lalu(
    file: &str,
    sheet: &str,
    grid: &Grid,
) -> Result<BerkasKinerjaLalu, Vec<Problem>> {
    let names = [
        "tahun",
        "indikator",
        "uraian",
        "satuan",
        "target",
        "realisasi",
    ];
    let kolom = Kolom::baca(file, sheet, grid, &names)?;
    let mut problems = Vec::new();
    let mut per_tahun: Vec<(i32, Berkunci<KinerjaIku>)> = Vec::new();
    let mut tahun: Option<i32> = None;
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let b = Baris {
            file,
            sheet,
            grid,
            kolom: &kolom,
            r,
            row,
        };
        if let Some(y) = b.angka_di("tahun", &mut problems) {
            if y.0.fract() != 0.0 || !(2000.0..=2100.0).contains(&y.0) {
                problems.push(
                    b.masalah(format!("tahun {} tidak sah", y.0), "tahun", 0)
                        .hint("tulis tahun empat angka, misalnya 2021"),
                );
                continue;
            }
            tahun = Some(y.0 as i32);
        }
        let Some(indikator) = b.teks("indikator") else {
            continue;
        };
        let Some(y) = tahun else {
            problems.push(
                b.masalah("baris tanpa tahun", "tahun", 0)
                    .hint("tulis tahun di baris pertama; baris di bawahnya yang kosong berarti tahun yang sama"),
            );
            continue;
        };
        let target = b.angka_di("target", &mut problems);
        let Some(realisasi) = b.angka_di("realisasi", &mut problems) else {
            problems.push(
                b.masalah(format!("`{indikator}` {y} tanpa realisasi"), "realisasi", 5)
                    .hint("tulis realisasi tahun itu, atau hapus barisnya"),
            );
            continue;
        };
        if !per_tahun.iter().any(|(t, _)| *t == y) {
            per_tahun.push((y, Berkunci::default()));
        }
        if let Some((_, iku)) = per_tahun.iter_mut().find(|(t, _)| *t == y) {
            if iku.get(&indikator).is_some() {
                problems.push(b.masalah(
                    format!("`{indikator}` {y} ditulis dua kali"),
                    "indikator",
                    1,
                ));
                continue;
            }
            iku.0.push((indikator, KinerjaIku { target, realisasi }));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(BerkasKinerjaLalu {
        tahun: Tahunan(
            per_tahun
                .into_iter()
                .map(|(y, iku)| {
                    (
                        y,
                        TahunLalu {
                            folder: None,
                            git: None,
                            iku,
                        },
                    )
                })
                .collect(),
        ),
    })
}

/// The sheet's years (`lembar`) laid over kinerja-lalu.yaml now (`lama`):
/// each year's `iku` is the sheet's; a year's `folder` and `git` stay; a
/// year only the sheet has comes after, in the sheet's order.
pub fn gabung(lembar: &BerkasKinerjaLalu, lama: Option<&BerkasKinerjaLalu>) -> BerkasKinerjaLalu {
    let per_tahun: Vec<(i32, Berkunci<KinerjaIku>)> = lembar
        .tahun
        .0
        .iter()
        .map(|(y, t)| (*y, t.iku.clone()))
        .collect();
    let mut out: Vec<(i32, TahunLalu)> = Vec::new();
    for (y, isi) in lama.map(|l| l.tahun.0.as_slice()).unwrap_or_default() {
        let iku = per_tahun
            .iter()
            .find(|(t, _)| t == y)
            .map(|(_, i)| i.clone())
            .unwrap_or_default();
        if iku.is_empty() && isi.folder.is_none() && isi.git.is_none() {
            continue;
        }
        out.push((
            *y,
            TahunLalu {
                folder: isi.folder.clone(),
                git: isi.git.clone(),
                iku,
            },
        ));
    }
    for (y, iku) in per_tahun {
        if !out.iter().any(|(t, _)| *t == y) {
            out.push((
                y,
                TahunLalu {
                    folder: None,
                    git: None,
                    iku,
                },
            ));
        }
    }
    BerkasKinerjaLalu {
        tahun: Tahunan(out),
    }
}

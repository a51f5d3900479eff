//! `renaksi export`: a report as a workbook — one sheet per Lampiran level
//! in the PDF's layout, the flat `Data` sheet, the `Identitas` sheet — or
//! the flat table as CSV.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{flat, identitas, kolom, periode, Baris, Isi, DATA, IDENTITAS};
use crate::content::{Angka, Kertas, Lampiran, Report};
use crate::error::Error;

/// Indonesian display formats. `[$-421]` is the Indonesian locale: the
/// separators follow it (1.800; 85,5) wherever the sheet is opened.
const BILANGAN: &str = "[$-421]#,##0";
const RUPIAH: &str = "[$-421]\"Rp \"#,##0";

/// Excel's paper codes: A4, and Folio (8.5 × 13 in) for F4.
fn paper(kertas: Kertas) -> u8 {
    match kertas {
        Kertas::A4 => 9,
        Kertas::F4 => 14,
    }
}

/// The number format of a target: as many decimals as it has (up to 4).
fn angka_format(value: f64) -> String {
    let mut decimals = 0;
    while decimals < 4 && (value * 10f64.powi(decimals)).fract().abs() > 1e-9 {
        decimals += 1;
    }
    if decimals == 0 {
        BILANGAN.to_owned()
    } else {
        format!("{BILANGAN}.{}", "0".repeat(decimals as usize))
    }
}

/// The formats of the sheets.
struct Gaya {
    judul: Format,
    kepala: Format,
    nomor_kolom: Format,
    jabatan: Format,
    teks: Format,
    tengah: Format,
    rupiah: Format,
}

impl Gaya {
    fn new() -> Self {
        let sel = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let kepala = sel
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xE8E8E8));
        Gaya {
            judul: Format::new().set_bold().set_align(FormatAlign::Center),
            nomor_kolom: kepala.clone().set_bold().set_font_size(8),
            kepala,
            jabatan: sel.clone().set_bold(),
            tengah: sel.clone().set_align(FormatAlign::Center),
            rupiah: sel.clone().set_num_format(RUPIAH),
            teks: sel,
        }
    }

    fn angka(&self, value: f64) -> Format {
        self.teks
            .clone()
            .set_align(FormatAlign::Center)
            .set_num_format(angka_format(value))
    }
}

/// The flat rows of each report, under its kecamatan's name when the
/// reports are combined (`gabung`).
type Bagian = (Option<String>, Vec<Baris>);

fn bagian(reports: &[Report], gabung: bool) -> Vec<Bagian> {
    reports
        .iter()
        .map(|r| (gabung.then(|| r.identitas.kecamatan.clone()), flat(r)))
        .collect()
}

/// The workbook of one report.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    let gaya = Gaya::new();
    // The level sheets are selected together: what Excel prints by
    // default ("Print Active Sheets") is the Lampiran, not the flat table.
    for (t, file) in report.lampiran.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        level_sheet(sheet, report, &file.table, t == 0, &gaya).map_err(gagal)?;
        sheet.set_selected(true);
    }
    let sheet = workbook.add_worksheet();
    data_sheet(sheet, &bagian(std::slice::from_ref(report), false)).map_err(gagal)?;
    let sheet = workbook.add_worksheet();
    identitas_sheet(sheet, report, &gaya).map_err(gagal)?;
    // pegawai.yaml, or the officials of the tables to be filled in.
    let dibuat;
    let berkas = match &report.pegawai {
        Some((berkas, _)) => berkas,
        None => {
            dibuat = crate::init::pegawai::dari_laporan(report);
            &dibuat
        }
    };
    let sheet = workbook.add_worksheet();
    pegawai_sheet(sheet, berkas, &gaya).map_err(gagal)?;
    // The Renstra and earlier years of the Laporan Kinerja.
    if let (Some(renstra), lalu) = crate::lkjip::baca_saja(report) {
        super::kinerja::sheets(&mut workbook, report, &renstra, lalu.as_ref()).map_err(gagal)?;
    }
    // Realisasi whose keys all match; `renaksi export` says when they do not.
    if let Ok(realisasi) = crate::realisasi::muat(report) {
        if realisasi.tw.iter().any(Option::is_some) {
            super::realisasi::sheets(&mut workbook, report, &realisasi).map_err(gagal)?;
        }
    }
    workbook.save_to_buffer().map_err(gagal)
}

/// pegawai.yaml as a table, one row per person, its keys as columns; the
/// NIP as text. (The statement text stays in pegawai.yaml.)
fn pegawai_sheet(
    sheet: &mut Worksheet,
    berkas: &crate::content::BerkasPegawai,
    gaya: &Gaya,
) -> Result<(), XlsxError> {
    sheet.set_name(super::PEGAWAI)?;
    for (c, name) in super::KOLOM_PEGAWAI.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &gaya.kepala)?;
    }
    for (r, p) in berkas.pegawai.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (_, value)) in p.isian().into_iter().enumerate() {
            if let Some(value) = value {
                sheet.write_string_with_format(r, c as u16, value, &gaya.teks)?;
            }
        }
    }
    for (c, width) in [28, 24, 32, 18, 10, 22, 28].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    // A NIP typed into the sheet stays text: 18 digits as a number lose
    // their last three (Excel keeps 15).
    let nip = super::KOLOM_PEGAWAI
        .iter()
        .position(|k| *k == "nip")
        .unwrap_or(5) as u16;
    sheet.set_column_format(nip, &Format::new().set_num_format("@"))?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// One workbook for a whole batch: the flat table with a `kecamatan`
/// column, and the identity of every kecamatan.
pub fn xlsx_gabung(reports: &[Report]) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    let parts = bagian(reports, true);
    let total: usize = parts.iter().map(|(_, r)| r.len()).sum();
    if total >= 1_048_575 {
        return Err(Error::Usage {
            message: format!(
                "{total} baris tidak muat di satu lembar kerja (paling banyak 1.048.575)"
            ),
            hint: "ekspor per kecamatan (tanpa --gabung), atau --format csv".into(),
        });
    }
    let sheet = workbook.add_worksheet();
    data_sheet(sheet, &parts).map_err(gagal)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(IDENTITAS).map_err(gagal)?;
    let mut row = 0;
    for report in reports {
        for (key, value, _) in identitas(&report.identitas) {
            sheet
                .write_string(row, 0, report.identitas.kecamatan.as_str())
                .and_then(|s| s.write_string(row, 1, key))
                .and_then(|s| s.write_string(row, 2, value.as_str()))
                .map_err(gagal)?;
            row += 1;
        }
    }
    sheet.set_column_width(0, 18).map_err(gagal)?;
    sheet.set_column_width(1, 26).map_err(gagal)?;
    sheet.set_column_width(2, 40).map_err(gagal)?;
    workbook.save_to_buffer().map_err(gagal)
}

fn gagal(err: XlsxError) -> Error {
    Error::Usage {
        message: format!("lembar kerja tidak dapat disusun: {err}"),
        hint: "laporkan galat ini bersama folder laporannya".into(),
    }
}

/// Rows above the table: the three title lines.
const JUDUL: u32 = 3;
/// The table's header: two rows of names and the row of column numbers.
const KEPALA: u32 = JUDUL + 1;

/// A level's table as the PDF lays it out: the title, the two header rows
/// and the column numbers (repeated on every printed page), an official's
/// row, then per sasaran its indicators with one row per period, merged
/// where the PDF spans.
fn level_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    table: &Lampiran,
    title: bool,
    gaya: &Gaya,
) -> Result<(), XlsxError> {
    let id = &report.identitas;
    let (kolom_sasaran, kolom_program) = table.tingkat.kolom();
    let kolom_periode = match id.rincian_target {
        crate::content::Rincian::Bulanan => "Bulan",
        crate::content::Rincian::Triwulan => "Triwulan",
    };
    sheet.set_name(kolom_program)?;
    if title {
        let lines = [
            "RENCANA AKSI ATAS PERJANJIAN KINERJA".to_owned(),
            format!("PERANGKAT DAERAH KECAMATAN {}", id.kecamatan.to_uppercase()),
            format!("TAHUN {}", id.tahun),
        ];
        for (r, line) in lines.iter().enumerate() {
            sheet.merge_range(r as u32, 0, r as u32, 9, line, &gaya.judul)?;
        }
    }
    let h = KEPALA;
    for (c, name) in [
        (0, "No"),
        (1, kolom_sasaran),
        (2, "Indikator Kinerja"),
        (3, "Satuan"),
    ] {
        sheet.merge_range(h, c, h + 1, c, name, &gaya.kepala)?;
    }
    sheet.merge_range(h, 4, h, 7, "Kinerja", &gaya.kepala)?;
    for (c, name) in [
        (4, "Target Kinerja Tahunan"),
        (5, kolom_periode),
        (6, "Target"),
        (7, "KET"),
    ] {
        sheet.write_string_with_format(h + 1, c, name, &gaya.kepala)?;
    }
    sheet.merge_range(h, 8, h + 1, 8, kolom_program, &gaya.kepala)?;
    sheet.merge_range(h, 9, h + 1, 9, "Anggaran", &gaya.kepala)?;
    for c in 0..10u16 {
        sheet.write_number_with_format(h + 2, c, f64::from(c + 1), &gaya.nomor_kolom)?;
    }
    // Room for "Target Kinerja Tahunan" on three lines.
    sheet.set_row_height(h + 1, 42)?;
    for (c, width) in [6.0, 32.0, 32.0, 11.0, 11.0, 11.0, 9.0, 20.0, 32.0, 19.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(paper(id.kertas));
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(h, h + 2)?;
    sheet.set_freeze_panes(h + 3, 0)?;

    let names = periode(id.rincian_target, id.ejaan_bulan);
    let p = names.len() as u32;
    let mut row = h + 3;
    let mut nomor = 0;
    // Pages are broken by renaksi, between indicators, as the PDF breaks
    // them: a merged cell never runs across a page (its text would print
    // on the first part only), and a sasaran continued on a new page is
    // written again there with "(lanjutan)".
    let mut halaman = Halaman {
        terpakai: if title { h } else { 0 },
        putus: Vec::new(),
    };
    for pejabat in &table.pejabat {
        let first = pejabat
            .sasaran
            .first()
            .filter(|s| !s.indikator.is_empty())
            .map_or(0, |s| p.max(s.program_di(0).count() as u32));
        halaman.muat(row, 1 + first);
        sheet.merge_range(row, 0, row, 9, &pejabat.jabatan, &gaya.jabatan)?;
        halaman.terpakai += 1;
        row += 1;
        for sasaran in &pejabat.sasaran {
            nomor += 1;
            let mut start = row;
            let mut lanjut = false;
            for (k, ind) in sasaran.indikator.iter().enumerate() {
                let programs: Vec<_> = sasaran.program_di(k).collect();
                let height = p.max(programs.len() as u32);
                if halaman.muat(row, height) && row > start {
                    // The sasaran's part on the page before.
                    sasaran_sel(sheet, start, row - 1, nomor, &sasaran.uraian, lanjut, gaya)?;
                    (start, lanjut) = (row, true);
                }
                halaman.terpakai += height;
                let last = row + height - 1;
                merge_text(sheet, row, last, 2, &ind.uraian, &gaya.teks)?;
                merge_text(sheet, row, last, 3, &ind.satuan, &gaya.tengah)?;
                merge_number(sheet, row, last, 4, ind.target, gaya)?;
                merge_text(
                    sheet,
                    row,
                    last,
                    7,
                    ind.ket.as_deref().unwrap_or(""),
                    &gaya.teks,
                )?;
                for (i, (name, target)) in
                    names.iter().zip(ind.rencana(id.rincian_target)).enumerate()
                {
                    let r = row + i as u32;
                    sheet.write_string_with_format(r, 5, name, &gaya.teks)?;
                    match target {
                        Some(value) => {
                            sheet.write_number_with_format(r, 6, value.0, &gaya.angka(value.0))?;
                        }
                        None => {
                            sheet.write_string_with_format(r, 6, "-", &gaya.tengah)?;
                        }
                    }
                }
                for r in row + p..=last {
                    sheet.write_blank(r, 5, &gaya.teks)?;
                    sheet.write_blank(r, 6, &gaya.teks)?;
                }
                // Programs share the indicator's rows evenly.
                let m = programs.len() as u32;
                if m == 0 {
                    merge_text(sheet, row, last, 8, "", &gaya.teks)?;
                    merge_text(sheet, row, last, 9, "", &gaya.teks)?;
                }
                for (i, program) in programs.iter().enumerate() {
                    let i = i as u32;
                    let from = row + i * height / m;
                    let to = row + (i + 1) * height / m - 1;
                    merge_text(sheet, from, to, 8, &program.uraian, &gaya.teks)?;
                    match program.anggaran {
                        Some(anggaran) => {
                            if to > from {
                                sheet.merge_range(from, 9, to, 9, "", &gaya.rupiah)?;
                            }
                            sheet.write_number_with_format(
                                from,
                                9,
                                anggaran as f64,
                                &gaya.rupiah,
                            )?;
                        }
                        None => merge_text(sheet, from, to, 9, "", &gaya.teks)?,
                    }
                }
                row = last + 1;
            }
            sasaran_sel(sheet, start, row - 1, nomor, &sasaran.uraian, lanjut, gaya)?;
        }
    }
    // What is printed: the table, as the PDF's Lampiran lays it out, with
    // renaksi's page breaks.
    sheet.set_print_area(0, 0, row.saturating_sub(1).max(h + 2), 9)?;
    halaman.putus.truncate(1023);
    sheet.set_page_breaks(&halaman.putus)?;
    Ok(())
}

/// The rows of a level sheet's printed page, below its repeated header,
/// that renaksi fills before it breaks the page: three monthly
/// indicators, as a page of the PDF holds them, and fewer than a page
/// holds in Excel (about 39 rows of 15 pt on landscape A4 at the
/// fit-to-width scale of 74 %) or LibreOffice (about 50), so that
/// neither adds a break of its own inside a merged cell.
const BARIS_HALAMAN: u32 = 36;

/// The page being filled.
struct Halaman {
    /// Rows used on it.
    terpakai: u32,
    /// The rows that begin a new page.
    putus: Vec<u32>,
}

impl Halaman {
    /// Makes room for `rows` rows starting at `row`: a new page when they
    /// do not fit on this one (and it is not empty). Whether it broke.
    fn muat(&mut self, row: u32, rows: u32) -> bool {
        if self.terpakai > 0 && self.terpakai + rows > BARIS_HALAMAN {
            self.putus.push(row);
            self.terpakai = 0;
            true
        } else {
            false
        }
    }
}

/// A sasaran's number and text beside its rows `from..=to` on one page;
/// on a page after the first, "(lanjutan)" after the text.
fn sasaran_sel(
    sheet: &mut Worksheet,
    from: u32,
    to: u32,
    nomor: usize,
    uraian: &str,
    lanjutan: bool,
    gaya: &Gaya,
) -> Result<(), XlsxError> {
    merge_number_text(sheet, from, to, 0, nomor as f64, &gaya.tengah)?;
    let text = if lanjutan {
        format!("{uraian} (lanjutan)")
    } else {
        uraian.to_owned()
    };
    merge_text(sheet, from, to, 1, &text, &gaya.teks)
}

/// Text in one cell, or across rows `from..=to` of a column.
fn merge_text(
    sheet: &mut Worksheet,
    from: u32,
    to: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if to > from {
        sheet.merge_range(from, col, to, col, text, format)?;
    } else {
        sheet.write_string_with_format(from, col, text, format)?;
    }
    Ok(())
}

/// A number (kept a number) across rows of a column.
fn merge_number(
    sheet: &mut Worksheet,
    from: u32,
    to: u32,
    col: u16,
    value: Angka,
    gaya: &Gaya,
) -> Result<(), XlsxError> {
    merge_number_text(sheet, from, to, col, value.0, &gaya.angka(value.0))
}

fn merge_number_text(
    sheet: &mut Worksheet,
    from: u32,
    to: u32,
    col: u16,
    value: f64,
    format: &Format,
) -> Result<(), XlsxError> {
    if to > from {
        sheet.merge_range(from, col, to, col, "", format)?;
    }
    sheet.write_number_with_format(from, col, value, format)?;
    Ok(())
}

/// The flat table, one part per kecamatan when `Some`; an autofilter and a
/// frozen header row.
fn data_sheet(sheet: &mut Worksheet, parts: &[Bagian]) -> Result<(), XlsxError> {
    let gabung = parts.iter().any(|(k, _)| k.is_some());
    let rupiah = Format::new().set_num_format(RUPIAH);
    let offset = data_header(sheet, gabung)?;
    // Printed only when asked for: then landscape, as wide as a page,
    // its column names on every page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    let mut row = 1u32;
    for (kecamatan, rows) in parts {
        for baris in rows {
            if let Some(k) = kecamatan {
                sheet.write_string(row, 0, k.as_str())?;
            }
            for (c, cell) in cells(baris).iter().enumerate() {
                let col = c as u16 + offset;
                match cell {
                    Cell::Teks(t) if !t.is_empty() => {
                        sheet.write_string(row, col, t.as_str())?;
                    }
                    Cell::Teks(_) => {}
                    Cell::Angka(v) => {
                        sheet.write_number_with_format(
                            row,
                            col,
                            *v,
                            &Format::new().set_num_format(angka_format(*v)),
                        )?;
                    }
                    Cell::Rupiah(v) => {
                        sheet.write_number_with_format(row, col, *v as f64, &rupiah)?;
                    }
                }
            }
            row += 1;
        }
    }
    let last_col = kolom().len() as u16 - 1 + offset;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), last_col)?;
    Ok(())
}

/// The `Data` sheet's name, header row (after a `kecamatan` column when
/// `gabung`), column widths and frozen header; the column the flat table
/// starts at.
fn data_header(sheet: &mut Worksheet, gabung: bool) -> Result<u16, XlsxError> {
    let lebar = |name: &str| match name {
        "nomor" => 7.0,
        "satuan" | "periode" => 10.0,
        "polaritas" => 11.0,
        "anggaran" => 16.0,
        "ket" => 20.0,
        "sasaran" | "indikator" | "program_kegiatan" => 36.0,
        "tingkat" | "target_tahunan" | "target_periode" => 12.0,
        other => match crate::content::pilihan::kata_kolom(other) {
            Some(kata) if !kata.is_empty() => 12.0,
            _ => 24.0,
        },
    };
    sheet.set_name(DATA)?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8E8E8));
    let offset = u16::from(gabung);
    if gabung {
        sheet.write_string_with_format(0, 0, "kecamatan", &bold)?;
        sheet.set_column_width(0, 16)?;
    }
    for (c, name) in kolom().iter().enumerate() {
        let col = c as u16 + offset;
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.set_column_width(col, lebar(name))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(offset)
}

/// One cell of the flat table.
pub enum Cell {
    /// Text (empty: a blank cell).
    Teks(String),
    /// A number.
    Angka(f64),
    /// Whole rupiah.
    Rupiah(u64),
}

/// The cells of one flat row, in [`kolom`]'s order.
pub fn cells(baris: &Baris) -> Vec<Cell> {
    let teks = |t: &str| Cell::Teks(t.to_owned());
    let (indikator, periode, target, program, anggaran) = match &baris.isi {
        Isi::Periode {
            indikator,
            periode,
            target,
        } => (Some(indikator), Some(periode), *target, None, None),
        Isi::Program {
            indikator,
            uraian,
            anggaran,
        } => (indikator.as_ref(), None, None, Some(uraian), *anggaran),
    };
    kolom()
        .iter()
        .map(|name| match *name {
            "tingkat" => teks(crate::content::tulis::tingkat(baris.tingkat)),
            "jabatan" => teks(&baris.jabatan),
            "nomor" => Cell::Angka(baris.nomor as f64),
            "sasaran" => teks(&baris.sasaran),
            "indikator" => teks(indikator.map_or("", |i| &i.uraian)),
            "satuan" => teks(indikator.map_or("", |i| &i.satuan)),
            "target_tahunan" => indikator.map_or_else(|| teks(""), |i| Cell::Angka(i.target.0)),
            "periode" => teks(periode.map_or("", String::as_str)),
            "target_periode" => target.map_or_else(|| teks(""), |t| Cell::Angka(t.0)),
            "program_kegiatan" => teks(program.map_or("", String::as_str)),
            "anggaran" => anggaran.map_or_else(|| teks(""), Cell::Rupiah),
            declared => teks(
                baris
                    .pilihan
                    .iter()
                    .find(|(k, _)| *k == declared)
                    .map_or("", |(_, v)| v.as_str()),
            ),
        })
        .collect()
}

/// The identity as key, value and what it is; the key column is what
/// laporan.yaml calls it.
fn identitas_sheet(sheet: &mut Worksheet, report: &Report, gaya: &Gaya) -> Result<(), XlsxError> {
    sheet.set_name(IDENTITAS)?;
    for (c, name) in ["kunci", "nilai", "keterangan"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &gaya.kepala)?;
    }
    for (r, (key, value, about)) in identitas(&report.identitas).into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string_with_format(r, 0, key, &gaya.teks)?;
        sheet.write_string_with_format(r, 1, value.as_str(), &gaya.teks)?;
        sheet.write_string_with_format(r, 2, about, &gaya.teks)?;
    }
    sheet.set_column_width(0, 26)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 40)?;
    Ok(())
}

/// The flat table as CSV (RFC 4180, comma, UTF-8), with a `kecamatan`
/// column first when the rows come from several reports.
pub fn csv(reports: &[Report], gabung: bool) -> String {
    let parts = bagian(reports, gabung);
    let mut out = String::new();
    let mut header: Vec<&str> = Vec::new();
    if gabung {
        header.push("kecamatan");
    }
    header.extend(kolom());
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for (kecamatan, rows) in &parts {
        for baris in rows {
            let mut fields: Vec<String> = Vec::new();
            if let Some(k) = kecamatan {
                fields.push(quote(k));
            }
            for cell in cells(baris) {
                fields.push(match cell {
                    Cell::Teks(t) => quote(&t),
                    Cell::Angka(v) => crate::content::tulis::angka(Angka(v)),
                    Cell::Rupiah(v) => v.to_string(),
                });
            }
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A blank workbook for a kecamatan to fill in: `Petunjuk` (how), `Data`
/// (the flat table's header, with lists to choose from), `Identitas`.
pub fn template() -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule};
    let mut workbook = Workbook::new();
    let gaya = Gaya::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name("Petunjuk").map_err(gagal)?;
    for (row, (text, strong)) in PETUNJUK.into_iter().enumerate() {
        let format = if strong { &bold } else { &wrap };
        sheet
            .write_string_with_format(row as u32, 0, text, format)
            .map_err(gagal)?;
    }
    sheet.set_column_width(0, 110).map_err(gagal)?;

    let sheet = workbook.add_worksheet();
    data_header(sheet, false).map_err(gagal)?;
    const LAST: u32 = 5000;
    let col = |name: &str| kolom().iter().position(|k| *k == name).unwrap_or(0) as u16;
    let list = |items: &[&str], strict: bool| -> Result<DataValidation, XlsxError> {
        let v = DataValidation::new().allow_list_strings(items)?;
        Ok(if strict {
            v
        } else {
            v.set_error_style(DataValidationErrorStyle::Information)
        })
    };
    let periode: Vec<&str> = crate::format::bulan(crate::content::Ejaan::Baku)
        .into_iter()
        .chain(["TW I", "TW II", "TW III", "TW IV"])
        .collect();
    let mut validations = vec![
        (
            "tingkat",
            list(&["program", "kegiatan", "sub_kegiatan", "kinerja"], true),
        ),
        ("periode", list(&periode, true)),
    ];
    // Every optional key that takes words: those words.
    for (name, _) in crate::content::pilihan::kolom() {
        if let Some(kata) = crate::content::pilihan::kata_kolom(name).filter(|k| !k.is_empty()) {
            validations.push((name, list(kata, true)));
        }
    }
    validations.push((
        "satuan",
        list(
            &[
                "%", "Dokumen", "Orang", "Nilai", "Laporan", "Kegiatan", "Desa", "Surat", "Kali",
            ],
            false,
        ),
    ));
    for (name, validation) in validations {
        let validation = validation.map_err(gagal)?;
        let c = col(name);
        sheet
            .add_data_validation(1, c, LAST, c, &validation)
            .map_err(gagal)?;
    }
    for name in ["target_tahunan", "target_periode"] {
        let v = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_style(DataValidationErrorStyle::Information);
        let c = col(name);
        sheet
            .add_data_validation(1, c, LAST, c, &v)
            .map_err(gagal)?;
    }
    let v = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_style(DataValidationErrorStyle::Information);
    let c = col("anggaran");
    sheet
        .add_data_validation(1, c, LAST, c, &v)
        .map_err(gagal)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(IDENTITAS).map_err(gagal)?;
    for (c, name) in ["kunci", "nilai", "keterangan"].iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &gaya.kepala)
            .map_err(gagal)?;
    }
    for (r, (key, about)) in IDENTITAS_KUNCI.iter().enumerate() {
        let r = r as u32 + 1;
        sheet
            .write_string_with_format(r, 0, *key, &gaya.teks)
            .map_err(gagal)?;
        sheet.write_blank(r, 1, &gaya.teks).map_err(gagal)?;
        sheet
            .write_string_with_format(r, 2, *about, &gaya.teks)
            .map_err(gagal)?;
    }
    sheet.set_column_width(0, 26).map_err(gagal)?;
    sheet.set_column_width(1, 40).map_err(gagal)?;
    sheet.set_column_width(2, 44).map_err(gagal)?;

    let sheet = workbook.add_worksheet();
    let kosong = crate::content::BerkasPegawai {
        pegawai: Vec::new(),
        pernyataan: Default::default(),
    };
    pegawai_sheet(sheet, &kosong, &gaya).map_err(gagal)?;
    workbook.save_to_buffer().map_err(gagal)
}

/// The keys of the template's identity sheet and what to write.
pub const IDENTITAS_KUNCI: [(&str, &str); 12] = [
    ("kecamatan", "nama kecamatan, misalnya Kubutambahan"),
    ("kabupaten", "nama kabupaten, misalnya Buleleng"),
    ("tahun", "tahun rencana aksi, misalnya 2023"),
    (
        "perubahan",
        "true untuk Rencana Aksi Perubahan, selain itu false",
    ),
    ("rincian_target", "bulanan (bawaan) atau triwulan"),
    ("penandatangan.tempat", "tempat penandatanganan"),
    (
        "penandatangan.tanggal",
        "tanggal penandatanganan, TTTT-BB-HH",
    ),
    (
        "penandatangan.jabatan",
        "jabatan, misalnya Camat Kubutambahan",
    ),
    ("penandatangan.nama", "nama lengkap dengan gelar"),
    ("penandatangan.pangkat", "pangkat, misalnya Pembina Tk. I"),
    ("penandatangan.golongan", "golongan/ruang, misalnya IV/b"),
    (
        "penandatangan.nip",
        "NIP 18 angka tanpa spasi (tulis sebagai teks)",
    ),
];

/// The lines of the `Petunjuk` sheet; `true`: a heading.
const PETUNJUK: [(&str, bool); 28] = [
    ("Petunjuk pengisian lembar kerja Rencana Aksi", true),
    ("Isi lembar Data (satu baris per indikator dan periode, satu baris per program) dan lembar Identitas; lalu kirim kembali berkas .xlsx ini.", false),
    ("", false),
    ("Lembar Data", true),
    ("tingkat: program, kegiatan, sub_kegiatan atau kinerja (pilih dari daftar).", false),
    ("jabatan, sasaran: tulis sekali di baris pertama kelompoknya; sel kosong di bawahnya berarti sama dengan baris di atasnya.", false),
    ("nomor: boleh dikosongkan; dipakai bila dua sasaran berurutan bertuliskan sama.", false),
    ("indikator, satuan, target_tahunan, penjumlahan, ket, polaritas: di baris periode pertama indikator; baris periode berikutnya boleh kosong.", false),
    ("periode: Januari … Desember (juga Pebruari, Nopember) atau TW I … TW IV; satu laporan memakai bulan saja atau triwulan saja.", false),
    ("target_periode: target pada periode itu; kosongkan bila tidak bertarget.", false),
    ("penjumlahan: jumlah (bawaan: jumlah periode = target tahunan), akhir, tetap atau tidak.", false),
    ("polaritas: positif (bawaan: makin tinggi makin baik), negatif (makin rendah makin baik) atau kualitatif (realisasi berupa uraian).", false),
    ("program_kegiatan dan anggaran: di baris sendiri tanpa periode. Kolom indikator kosong: program sasaran; diisi: program indikator itu.", false),
    ("alasan_jabatan, alasan_sasaran, alasan_indikator, alasan_program: alasan perubahan (Rencana Aksi Perubahan), dicetak di Matriks Perubahan; boleh kosong. Cukup sekali per kelompoknya; alasan_program di baris programnya.", false),
    ("Angka boleh ditulis sebagai angka atau teks bergaya Indonesia: 1.800; 85,5; Rp 1.250.000,00. Anggaran dalam rupiah utuh.", false),
    ("Rumus tidak dijalankan: nilainya yang tersimpan yang dibaca. Jangan menambah lembar bermakro.", false),
    ("", false),
    ("Contoh", true),
    ("kinerja | PENGADMINISTRASI UMUM | | Tertibnya Surat | Jumlah Surat | Surat | 1800 | | | Juni | 900 | |", false),
    ("| | | | | | | | | Desember | 900 | |", false),
    ("| | | | | | | | | | | Administrasi Umum | 1250000", false),
    ("", false),
    ("Lembar Pegawai (untuk Perjanjian Kinerja)", true),
    ("Satu baris per orang: jabatan (seperti dicetak di PK, misalnya Sekretaris Camat), lampiran (jabatan di tabel bila ditulis lain, misalnya CAMAT), nama, pangkat, golongan, nip (18 angka, sebagai teks), atasan (jabatan atasannya, yang juga ditulis di lembar ini).", false),
    ("Tulis juga Bupati (tanpa pangkat, golongan dan NIP) sebagai atasan Camat. Lembar yang dibiarkan kosong: pegawai.yaml dibuat dari pejabat lembar Data, siap diisi.", false),
    ("", false),
    ("Mengembalikan ke renaksi", true),
    ("renaksi import BERKAS.xlsx FOLDER (folder laporan baru) atau renaksi import BERKAS.xlsx FOLDER --lampiran --coba (lihat perubahannya dulu).", false),
];

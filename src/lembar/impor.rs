//! `renaksi import`: the flat table of a workbook (the `Data` sheet of
//! `renaksi export`, or a sheet of the same columns filled in by hand) back
//! into Lampiran tables, written by the canonical YAML writer.
//!
//! A person reads a sheet top to bottom: a blank `tingkat`, `jabatan`,
//! `nomor` or `sasaran` cell means "as above", and so does a blank
//! indicator cell on a period row. On a program row a blank indicator means
//! the program belongs to the sasaran. Numbers may be numbers or text in
//! Indonesian style ("1.800", "85,5", "Rp 1.250.000,00").

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

pub(super) use super::gaya::Gaya;
pub use super::sel::{cell_name, number, rupiah, teks_angka};
pub(super) use super::sel::{text, Grid};
use super::{kolom as kolom_semua, DATA, IDENTITAS};
use crate::content::pilihan::Butir;
use crate::content::{
    Angka, Bulanan, Indikator, Lampiran, Pejabat, ProgramKegiatan, Rincian, Sasaran, Tingkat,
    Triwulanan,
};
use crate::error::Problem;

/// The largest workbook read (bytes).
pub const MAX_BYTES: usize = crate::fs::BUKU_KERJA.bita as usize;
/// The most rows of the flat table read.
pub const MAX_ROWS: usize = 100_000;
/// How many problems are listed before the rest is left for later.
const MAX_PROBLEMS: usize = 50;

/// What a workbook holds for a report.
#[derive(Debug)]
pub struct Buku {
    /// The tables, in the order program → kinerja.
    pub tabel: Vec<Lampiran>,
    /// Monthly or quarterly, as the periods of the sheet say.
    pub rincian: Rincian,
    /// The identity sheet's key/value rows, if the workbook has one.
    pub identitas: Vec<(String, String)>,
    /// The `Pegawai` sheet as pegawai.yaml, if the workbook has one.
    pub pegawai: Option<crate::content::BerkasPegawai>,
    /// The `Renstra` sheet as renstra.yaml, if the workbook has one.
    pub renstra: Option<crate::lkjip::BerkasRenstra>,
    /// The `Kinerja Lalu` sheet's years, if the workbook has one.
    pub lalu: Option<crate::lkjip::BerkasKinerjaLalu>,
    /// Where each indicator of the tables was read: what a finding about
    /// it after import names.
    pub letak: Vec<SelIndikator>,
}

/// The cell an indicator was read from.
#[derive(Debug, Clone)]
pub struct SelIndikator {
    /// Its table.
    pub tingkat: Tingkat,
    /// Its YAML path in that table, `pejabat[a].sasaran[b].indikator[c]`.
    pub jalur: String,
    /// The cell of its annual target, `Data!G5`.
    pub sel: String,
}

/// What every workbook must be before it is opened: small enough, a zip
/// (an .xlsx), without macros, not a zip bomb.
pub(super) fn periksa_berkas(file: &str, bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let one = |message: String, hint: &str| vec![Problem::new(file, message).hint(hint)];
    if bytes.len() > MAX_BYTES {
        return Err(one(
            format!(
                "berkas terlalu besar untuk lembar kerja laporan ({} MB)",
                bytes.len() >> 20
            ),
            "lembar kerja laporan paling besar 32 MB",
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(one(
            "bukan berkas .xlsx (Excel 2007 atau lebih baru)".into(),
            "simpan ulang sebagai \"Excel Workbook (.xlsx)\"; berkas .xls lama dan berkas berkata sandi tidak dapat dibaca",
        ));
    }
    isi_zip(file, bytes)
}

/// The workbook `bytes` (named `file` in messages) opened, after the
/// checks of [`periksa_berkas`].
pub(super) fn buka<'a>(
    file: &str,
    bytes: &'a [u8],
) -> Result<Xlsx<Cursor<&'a [u8]>>, Vec<Problem>> {
    periksa_berkas(file, bytes)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        vec![Problem::new(
            file,
            format!("lembar kerja tidak dapat dibaca: {}", rusak(&e)),
        )
        .hint("buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx")]
    })
}

/// Reads the workbook `bytes` (named `file` in messages).
pub fn read(file: &str, bytes: &[u8]) -> Result<Buku, Vec<Problem>> {
    let one = |message: String, hint: &str| vec![Problem::new(file, message).hint(hint)];
    let mut workbook = buka(file, bytes)?;
    let gaya = Gaya::baca(bytes);
    let names = workbook.sheet_names().to_vec();
    let Some(data_name) = names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(DATA))
        .cloned()
    else {
        return Err(one(
            format!(
                "lembar `{DATA}` tidak ada (lembar yang ada: {})",
                names.join(", ")
            ),
            "lembar `Data` memuat tabel datar; buat dengan `renaksi export` atau `renaksi template xlsx`",
        ));
    };
    let range = grid(&mut workbook, &gaya, file, &data_name)?;
    // Formulas are never evaluated: their saved values are read, and a
    // formula saved without its value is refused where it is.
    let mut problems = Vec::new();
    if let Ok(mut reader) = workbook.worksheet_cells_reader(&data_name) {
        while let Ok(Some(cell)) = reader.next_formula() {
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            let formula = cell.get_value();
            if formula.is_empty() || row >= range.rows.len() + range.first || col >= MAX_COLS {
                continue;
            }
            if matches!(range.get(row, col), Data::Empty) {
                problems.push(
                    Problem::new(file, format!("rumus `={formula}` tanpa nilai tersimpan"))
                        .at_path(cell_name(&data_name, row, col))
                        .hint("renaksi tidak menjalankan rumus: buka lembar kerja di Excel atau LibreOffice lalu simpan ulang, atau tulis nilainya"),
                );
            }
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let identitas = match names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(IDENTITAS))
    {
        Some(n) => identitas(file, n, &grid(&mut workbook, &gaya, file, n)?)?,
        None => Vec::new(),
    };
    let pegawai = match names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(super::PEGAWAI))
    {
        Some(n) => Some(pegawai(file, n, &grid(&mut workbook, &gaya, file, n)?)?),
        None => None,
    };
    let sheet = |want: &str| {
        names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(want))
            .cloned()
    };
    let renstra = match sheet(super::kinerja::RENSTRA) {
        Some(n) => Some(super::kinerja::renstra(
            file,
            &n,
            &grid(&mut workbook, &gaya, file, &n)?,
        )?),
        None => None,
    };
    let lalu = match sheet(super::kinerja::LALU) {
        Some(n) => Some(super::kinerja::lalu(
            file,
            &n,
            &grid(&mut workbook, &gaya, file, &n)?,
        )?),
        None => None,
    };
    let (tabel, rincian, letak) = data(file, &data_name, &range)?;
    Ok(Buku {
        tabel,
        rincian,
        identitas,
        pegawai,
        renstra,
        lalu,
        letak,
    })
}

/// The `Pegawai` sheet: a header row naming pegawai.yaml's keys (in any
/// order), then one person per row; a row without jabatan is skipped.
fn pegawai(
    file: &str,
    sheet: &str,
    grid: &Grid,
) -> Result<crate::content::BerkasPegawai, Vec<Problem>> {
    use crate::content::{BerkasPegawai, Pegawai};
    let Some(header) = grid.rows.first() else {
        return Ok(BerkasPegawai {
            pegawai: Vec::new(),
            pernyataan: Default::default(),
        });
    };
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for (c, cell) in header.iter().enumerate() {
        let Some(name) = text(cell) else { continue };
        let name = name.trim().to_lowercase();
        match super::KOLOM_PEGAWAI.iter().find(|k| **k == name) {
            Some(key) => columns.push((*key, c)),
            None => problems.push(
                Problem::new(
                    file,
                    format!("kolom `{name}` tidak dikenal di lembar `{sheet}`"),
                )
                .at_path(cell_name(sheet, grid.first, c))
                .hint(format!(
                    "kolom lembar {sheet}: {}",
                    super::KOLOM_PEGAWAI.join(", ")
                )),
            ),
        }
    }
    for required in ["jabatan", "nama"] {
        if !columns.iter().any(|(k, _)| *k == required) {
            problems.push(
                Problem::new(
                    file,
                    format!("lembar `{sheet}` tidak memiliki kolom `{required}`"),
                )
                .at_path(cell_name(sheet, grid.first, 0))
                .hint(format!(
                    "baris pertama lembar {sheet}: {}",
                    super::KOLOM_PEGAWAI.join(", ")
                )),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut pegawai = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let get = |key: &str| {
            let c = columns.iter().find(|(k, _)| *k == key)?.1;
            row.get(c)
                .and_then(text)
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        let Some(jabatan) = get("jabatan") else {
            continue;
        };
        // A NIP kept as a number has lost digits: 18 digits are more than
        // a spreadsheet's number holds (15), and it shows 1,97E+17.
        if let Some(c) = columns.iter().find(|(k, _)| *k == "nip").map(|c| c.1) {
            if matches!(row.get(c), Some(Data::Float(_) | Data::Int(_))) {
                problems.push(
                    Problem::new(file, format!("NIP `{jabatan}` tersimpan sebagai angka, bukan teks"))
                        .at_path(cell_name(sheet, grid.first + r, c))
                        .hint("NIP 18 angka tidak muat sebagai angka (Excel menyimpan 15 angka pertama): jadikan selnya Teks (Format Cells → Text) lalu ketik ulang, atau awali dengan tanda kutip: '196502071997021001"),
                );
                continue;
            }
        }
        let Some(nama) = get("nama") else {
            problems.push(
                Problem::new(file, format!("`{jabatan}` tanpa nama"))
                    .at_path(cell_name(
                        sheet,
                        grid.first + r,
                        columns
                            .iter()
                            .find(|(k, _)| *k == "nama")
                            .map_or(0, |c| c.1),
                    ))
                    .hint("tulis nama lengkap dengan gelar"),
            );
            continue;
        };
        pegawai.push(Pegawai {
            jabatan,
            lampiran: get("lampiran"),
            nama,
            pangkat: get("pangkat"),
            golongan: get("golongan"),
            nip: get("nip"),
            atasan: get("atasan"),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(BerkasPegawai {
        pegawai,
        pernyataan: Default::default(),
    })
}

/// The `kunci | nilai` rows of the identity sheet (`sheet`): each key a
/// dotted name of laporan.yaml (`penandatangan.nama`: lower-case letters,
/// digits and `_`), so that no cell can write YAML of its own into
/// laporan.yaml; a name laporan.yaml does not know is found when the new
/// report is checked.
fn identitas(file: &str, sheet: &str, grid: &Grid) -> Result<Vec<(String, String)>, Vec<Problem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in grid.rows.iter().enumerate().skip(1) {
        let Some(key) = row.first().and_then(text) else {
            continue;
        };
        let known = key.len() <= 64
            && key.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            });
        if !known {
            let shown: String = key.chars().take(60).collect();
            problems.push(
                Problem::new(
                    file,
                    format!("kunci `{shown}` bukan nama kunci laporan.yaml (lembar {sheet})"),
                )
                .at_path(cell_name(sheet, grid.first + i, 0))
                .hint(
                    "tulis nama kunci seperti di lembar hasil `renaksi export`, misalnya kecamatan, tahun, penandatangan.nama",
                ),
            );
            continue;
        }
        let value = row.get(1).and_then(text).unwrap_or_default();
        rows.push((key, value));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Columns read from a sheet (A–Z); cells farther right are not the
/// flat table's.
const MAX_COLS: usize = 26;

pub(super) fn grid_of<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    gaya: &Gaya,
    file: &str,
    sheet: &str,
) -> Result<Grid, Vec<Problem>> {
    grid(workbook, gaya, file, sheet)
}

/// The cells of `sheet` of `workbook` (whose looks `gaya` tells), each as
/// a person sees it: a number shown as a percentage (`1` shown `100%`) is
/// the text of that percentage (`100%`), which [`number`] reads as 100.
fn grid<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    gaya: &Gaya,
    file: &str,
    sheet: &str,
) -> Result<Grid, Vec<Problem>> {
    let mut grid = sel_semua(workbook, file, sheet)?;
    for (row, col) in gaya.persen(sheet) {
        let Some(cell) = row
            .checked_sub(grid.first)
            .and_then(|r| grid.rows.get_mut(r))
            .and_then(|r| r.get_mut(col))
        else {
            continue;
        };
        let value = match cell {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            _ => continue,
        };
        // 0,855 → 85,5 %, without the binary fraction's tail.
        let persen = (value * 100.0 * 1e9).round() / 1e9;
        *cell = Data::String(format!("{persen}%").replace('.', ","));
    }
    Ok(grid)
}

fn sel_semua<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    file: &str,
    sheet: &str,
) -> Result<Grid, Vec<Problem>> {
    let unreadable = |e: calamine::XlsxError| {
        vec![Problem::new(
            file,
            format!("lembar `{sheet}` tidak dapat dibaca: {}", rusak(&e)),
        )
        .hint("buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx")]
    };
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut grid = Grid::default();
    let mut started = false;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        let value = Data::from(cell.get_value().clone());
        if col >= MAX_COLS || matches!(value, Data::Empty) {
            continue;
        }
        if !started {
            grid.first = row;
            started = true;
        }
        let Some(r) = row.checked_sub(grid.first) else {
            continue;
        };
        if r > MAX_ROWS {
            return Err(vec![Problem::new(
                file,
                format!("lembar `{sheet}` memuat lebih dari {MAX_ROWS} baris"),
            )
            .at_path(cell_name(sheet, row, col))
            .hint(format!("paling banyak {MAX_ROWS} baris untuk satu laporan"))]);
        }
        if grid.rows.len() <= r {
            grid.rows.resize_with(r + 1, Vec::new);
        }
        let cells = &mut grid.rows[r];
        if cells.len() <= col {
            cells.resize(col + 1, Data::Empty);
        }
        cells[col] = value;
    }
    Ok(grid)
}

/// What the zip says it holds, before anything is decompressed: a macro
/// project, or more than [`MAX_UNPACKED`] bytes once unpacked (a zip bomb)
/// is refused.
fn isi_zip(file: &str, bytes: &[u8]) -> Result<(), Vec<Problem>> {
    let one = |message: String, hint: &str| vec![Problem::new(file, message).hint(hint)];
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        one(
            format!("lembar kerja tidak dapat dibaca: {}", rusak(&e)),
            "buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx",
        )
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Some(name) = archive.name_for_index(i) else {
            continue;
        };
        if name.to_ascii_lowercase().ends_with("vbaproject.bin") {
            return Err(one(
                "lembar kerja berisi makro (VBA)".into(),
                "simpan ulang tanpa makro sebagai \"Excel Workbook (.xlsx)\"; makro tidak pernah dijalankan",
            ));
        }
    }
    // Counted while inflating, not taken from the directory: a part whose
    // directory entry understates it stops at the limit all the same.
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let left = MAX_UNPACKED.saturating_sub(total) + 1;
        let read = std::io::copy(&mut std::io::Read::take(entry, left), &mut std::io::sink())
            .map_err(|e| {
                one(
                    format!("lembar kerja tidak dapat dibaca: {}", rusak(&e)),
                    "buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx",
                )
            })?;
        total = total.saturating_add(read);
        if total > MAX_UNPACKED {
            break;
        }
    }
    if total > MAX_UNPACKED {
        return Err(one(
            format!(
                "isi lembar kerja terlalu besar setelah dibuka (lebih dari {} MB)",
                MAX_UNPACKED >> 20
            ),
            "lembar kerja satu laporan jauh lebih kecil; periksa apakah ini berkas yang benar",
        ));
    }
    Ok(())
}

/// The most bytes a workbook may hold once unpacked: a report's workbook
/// is well under a megabyte; this keeps reading one within 300 MiB.
pub const MAX_UNPACKED: u64 = 48 << 20;

/// Why a workbook could not be read, in words, from the reader's error
/// (whose own words are English).
fn rusak(e: &dyn std::fmt::Display) -> &'static str {
    let said = e.to_string().to_ascii_lowercase();
    if said.contains("xml") || said.contains("entity") {
        "XML di dalamnya tidak sah"
    } else if said.contains("zip") || said.contains("archive") || said.contains("crc") {
        "arsip .xlsx-nya rusak atau terpotong"
    } else if said.contains("password") || said.contains("encrypt") {
        "berkas dilindungi kata sandi"
    } else {
        "isinya rusak atau bukan lembar kerja .xlsx yang sah"
    }
}

/// The index of a period name: a month (either spelling) or a quarter.
pub fn period(name: &str) -> Option<(Rincian, usize)> {
    let n = name.trim().to_lowercase().replace('.', "");
    let months = [
        ["januari", "jan"],
        ["februari", "pebruari"],
        ["maret", "mar"],
        ["april", "apr"],
        ["mei", "mei"],
        ["juni", "jun"],
        ["juli", "jul"],
        ["agustus", "agu"],
        ["september", "sep"],
        ["oktober", "okt"],
        ["november", "nopember"],
        ["desember", "des"],
    ];
    if let Some(i) = months.iter().position(|m| m.contains(&n.as_str())) {
        return Some((Rincian::Bulanan, i));
    }
    let rest = n
        .strip_prefix("triwulan")
        .or_else(|| n.strip_prefix("tw"))?
        .trim();
    let i = match rest {
        "i" | "1" => 0,
        "ii" | "2" => 1,
        "iii" | "3" => 2,
        "iv" | "4" => 3,
        _ => return None,
    };
    Some((Rincian::Triwulan, i))
}

fn tingkat(name: &str) -> Option<Tingkat> {
    match name.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
        "program" => Some(Tingkat::Program),
        "kegiatan" => Some(Tingkat::Kegiatan),
        "sub_kegiatan" | "subkegiatan" => Some(Tingkat::SubKegiatan),
        "kinerja" => Some(Tingkat::Kinerja),
        _ => None,
    }
}

/// The columns of the flat table found in the header row.
struct Kolom {
    at: Vec<Option<usize>>,
}

impl Kolom {
    fn get<'a>(&self, row: &'a [Data], name: &str) -> &'a Data {
        let i = kolom_semua().iter().position(|k| *k == name);
        i.and_then(|i| self.at[i])
            .and_then(|c| row.get(c))
            .unwrap_or(&Data::Empty)
    }

    fn col(&self, name: &str) -> usize {
        kolom_semua()
            .iter()
            .position(|k| *k == name)
            .and_then(|i| self.at[i])
            .unwrap_or(0)
    }
}

/// An indicator being built from its rows.
struct Ind {
    key: String,
    data: Indikator,
    /// Monthly or quarterly, as its first period row said.
    kind: Rincian,
    /// Per period: `None` until a row writes it, then the row's target.
    periods: Vec<Option<Option<Angka>>>,
    /// The cell of its annual target.
    sel: String,
}

/// The tables as the rows build them.
#[derive(Default)]
struct Susun {
    tabel: Vec<Lampiran>,
    /// The table rows are being read into.
    cur: Option<usize>,
    /// The indicator being read.
    ind: Option<Ind>,
    /// Where each indicator ended was read.
    letak: Vec<SelIndikator>,
}

/// The tables read, their periods, and where each indicator was read.
type Tabel = (Vec<Lampiran>, Rincian, Vec<SelIndikator>);

/// Reads the flat table into tables.
fn data(file: &str, sheet: &str, grid: &Grid) -> Result<Tabel, Vec<Problem>> {
    let mut rows = grid.rows.iter().map(Vec::as_slice);
    let Some(header) = rows.next() else {
        return Err(vec![Problem::new(file, format!("lembar `{sheet}` kosong"))
            .hint(
                "baris pertama memuat nama kolom: tingkat, jabatan, sasaran, …",
            )]);
    };
    let mut baca = Baca {
        file,
        sheet,
        row0: grid.first,
        kolom: judul(file, sheet, grid.first, header)?,
        problems: Vec::new(),
        rincian: None,
        susun: Susun::default(),
    };
    // What the rows above said, for blank cells.
    let mut above: [Option<String>; 4] = Default::default();
    let mut last_key: Option<(Tingkat, String, String, String)> = None;
    for (i, row) in rows.enumerate() {
        let r = i + 1;
        if baca.problems.len() >= MAX_PROBLEMS {
            break;
        }
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let kolom = &baca.kolom;
        let mut get_text = |name: &str, slot: Option<usize>| -> Option<String> {
            let value = text(kolom.get(row, name));
            match slot {
                Some(s) => {
                    if value.is_some() {
                        above[s] = value.clone();
                    }
                    above[s].clone()
                }
                None => value,
            }
        };
        let tingkat_text = get_text("tingkat", Some(0));
        let jabatan = get_text("jabatan", Some(1));
        let nomor = get_text("nomor", Some(2)).unwrap_or_default();
        let sasaran = get_text("sasaran", Some(3));
        let program = get_text("program_kegiatan", None);
        let periode = get_text("periode", None);
        let (Some(tingkat_text), Some(jabatan), Some(sasaran)) = (tingkat_text, jabatan, sasaran)
        else {
            let at = baca.at(r, baca.kolom.col("tingkat"));
            baca.problems.push(
                Problem::new(
                    file,
                    "baris tanpa tingkat, jabatan atau sasaran (juga di baris-baris di atasnya)",
                )
                .at_path(at)
                .hint("isi kolom tingkat, jabatan dan sasaran di baris pertama setiap kelompok"),
            );
            continue;
        };
        let Some(level) = tingkat(&tingkat_text) else {
            let at = baca.at(r, baca.kolom.col("tingkat"));
            baca.problems.push(
                Problem::new(file, format!("tingkat `{tingkat_text}` tidak dikenal"))
                    .at_path(at)
                    .hint("tulis program, kegiatan, sub_kegiatan atau kinerja"),
            );
            continue;
        };
        let key = (level, jabatan.clone(), nomor.clone(), sasaran.clone());
        if last_key.as_ref() != Some(&key) {
            baca.susun.sasaran(level, &jabatan, &sasaran);
            last_key = Some(key);
        }
        baca.alasan(r, row);
        let indikator_text = text(baca.kolom.get(row, "indikator"));
        match (&periode, &program) {
            (Some(name), _) => baca.periode(r, row, name, indikator_text),
            (None, Some(uraian)) => baca.program(r, row, uraian, indikator_text),
            (None, None) => {
                let at = baca.at(r, baca.kolom.col("periode"));
                baca.problems.push(
                    Problem::new(file, "baris tanpa periode dan tanpa program/kegiatan")
                        .at_path(at)
                        .hint("isi periode (dengan target periode) atau program_kegiatan (dengan anggaran)"),
                )
            }
        }
    }
    baca.selesai()
}

/// The columns the header row `header` names; the required ones missing
/// are a problem.
fn judul(file: &str, sheet: &str, row0: usize, header: &[Data]) -> Result<Kolom, Vec<Problem>> {
    let names: Vec<String> = header
        .iter()
        .map(|c| text(c).unwrap_or_default().to_lowercase())
        .collect();
    let kolom = Kolom {
        at: kolom_semua()
            .iter()
            .map(|k| names.iter().position(|n| n == k))
            .collect(),
    };
    // The sasaran's number may be left out: it follows from the rows.
    let missing: Vec<&str> = super::KOLOM_TETAP
        .iter()
        .copied()
        .filter(|k| *k != "nomor")
        .filter(|k| kolom.at[kolom_semua().iter().position(|x| x == k).unwrap_or(0)].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![Problem::new(
            file,
            format!("kolom {} tidak ada di baris judul", missing.join(", ")),
        )
        .at_path(cell_name(sheet, row0, 0))
        .hint(format!(
            "baris pertama lembar `{sheet}` memuat nama kolom: {}",
            kolom_semua().join(", ")
        ))]);
    }
    Ok(kolom)
}

/// The rows of one sheet as they are read: the tables they build and the
/// problems found so far.
struct Baca<'a> {
    file: &'a str,
    sheet: &'a str,
    /// The sheet's first row, for cell names.
    row0: usize,
    kolom: Kolom,
    problems: Vec<Problem>,
    /// Months or quarters, and the cell that first said which.
    rincian: Option<(Rincian, String)>,
    susun: Susun,
}

impl Baca<'_> {
    /// The name of the cell at row `r` (from the header, 0) and column `c`.
    fn at(&self, r: usize, c: usize) -> String {
        cell_name(self.sheet, self.row0 + r, c)
    }

    /// The optional keys of an official and of a sasaran written on row
    /// `r` (their reasons): one value per official or sasaran.
    fn alasan(&mut self, r: usize, row: &[Data]) {
        let kolom: Vec<(&'static str, &'static str)> = Pejabat::PILIHAN
            .iter()
            .map(|p| (p.kolom, p.nama))
            .chain(Sasaran::PILIHAN.iter().map(|p| (p.kolom, p.nama)))
            .collect();
        for (name, key) in kolom {
            let cell = text(self.kolom.get(row, name));
            let value = match self.susun.periksa_atas(name, cell.as_deref()) {
                Ok(Some(value)) => value,
                Ok(None) => continue,
                Err((message, hint)) => {
                    let at = self.at(r, self.kolom.col(name));
                    self.problems
                        .push(Problem::new(self.file, message).at_path(at).hint(hint));
                    continue;
                }
            };
            if let Some(lain) = self.susun.pilihan_atas(name, value) {
                let at = self.at(r, self.kolom.col(name));
                self.problems.push(
                    Problem::new(self.file, format!("{name} berbeda dengan baris di atasnya: `{lain}`"))
                        .at_path(at)
                        .hint(format!("satu {key} per pejabat atau sasaran: tulis sekali, atau sama di setiap barisnya")),
                );
            }
        }
    }

    /// A period row `r`: the period `name` of an indicator (the one above
    /// when its cell is blank) and its target.
    fn periode(&mut self, r: usize, row: &[Data], name: &str, indikator_text: Option<String>) {
        let Some((kind, index)) = period(name) else {
            self.problems.push(
                Problem::new(self.file, format!("periode `{name}` tidak dikenal"))
                    .at_path(self.at(r, self.kolom.col("periode")))
                    .hint("tulis nama bulan (Januari … Desember, juga Pebruari/Nopember) atau TW I … TW IV"),
            );
            return;
        };
        match &self.rincian {
            None => self.rincian = Some((kind, self.at(r, self.kolom.col("periode")))),
            Some((seen, first)) if *seen != kind => {
                self.problems.push(
                    Problem::new(
                        self.file,
                        format!(
                            "periode `{name}` bercampur: {first} sudah memakai {}",
                            if *seen == Rincian::Bulanan {
                                "bulan"
                            } else {
                                "triwulan"
                            }
                        ),
                    )
                    .at_path(self.at(r, self.kolom.col("periode")))
                    .hint("satu laporan memakai bulan saja atau triwulan saja (rincian_target)"),
                );
                return;
            }
            _ => {}
        }
        // A blank indicator on a period row: the one above.
        let same = match (&indikator_text, &self.susun.ind) {
            (None, Some(_)) => true,
            (Some(t), Some(c)) => *t == c.key && c.periods.get(index).is_some_and(Option::is_none),
            _ => false,
        };
        if !same {
            self.susun.selesai();
            let Some(uraian) = indikator_text.clone() else {
                self.problems.push(
                    Problem::new(self.file, "baris periode tanpa indikator")
                        .at_path(self.at(r, self.kolom.col("indikator")))
                        .hint("tulis uraian indikator di baris periode pertamanya"),
                );
                return;
            };
            match new_indicator(&self.kolom, row, &uraian, |c| {
                cell_name(self.sheet, self.row0 + r, self.kolom.col(c))
            }) {
                Ok(data) => {
                    let n = if kind == Rincian::Bulanan { 12 } else { 4 };
                    self.susun.ind = Some(Ind {
                        key: uraian,
                        data,
                        kind,
                        periods: vec![None; n],
                        sel: self.at(r, self.kolom.col("target_tahunan")),
                    });
                }
                Err(p) => {
                    self.problems.extend(
                        p.into_iter()
                            .map(|(c, m, h)| Problem::new(self.file, m).at_path(c).hint(h)),
                    );
                    return;
                }
            }
        }
        match number(self.kolom.get(row, "target_periode")) {
            Ok(value) => {
                let at = self.at(r, self.kolom.col("periode"));
                let slot = self
                    .susun
                    .ind
                    .as_mut()
                    .and_then(|c| c.periods.get_mut(index));
                if let Some(slot) = slot {
                    if slot.is_some() {
                        self.problems.push(
                            Problem::new(
                                self.file,
                                format!("periode `{name}` ditulis dua kali untuk indikator ini"),
                            )
                            .at_path(at)
                            .hint("hapus salah satu baris"),
                        );
                    }
                    *slot = Some(value.map(Angka));
                }
            }
            Err(why) => self.problems.push(
                Problem::new(self.file, format!("target periode {why}"))
                    .at_path(self.at(r, self.kolom.col("target_periode")))
                    .hint("tulis angka, misalnya 25 atau 85,5; kosongkan bila tidak bertarget"),
            ),
        }
    }

    /// A program row `r`: the program or activity `uraian` with its
    /// budget, of the indicator named on it or else of the sasaran.
    fn program(&mut self, r: usize, row: &[Data], uraian: &str, indikator_text: Option<String>) {
        let anggaran = match rupiah(self.kolom.get(row, "anggaran")) {
            Ok(Some(v)) if v >= 0.0 && v.fract() == 0.0 && v < 1e17 => Some(v as u64),
            Ok(None) => None,
            Ok(Some(v)) => {
                self.problems.push(
                    Problem::new(
                        self.file,
                        format!("anggaran {} bukan rupiah utuh", crate::format::angka(v)),
                    )
                    .at_path(self.at(r, self.kolom.col("anggaran")))
                    .hint("tulis rupiah utuh tanpa sen, misalnya 150000000"),
                );
                return;
            }
            Err(why) => {
                self.problems.push(
                    Problem::new(self.file, format!("anggaran {why}"))
                        .at_path(self.at(r, self.kolom.col("anggaran")))
                        .hint("tulis rupiah utuh, misalnya 150000000 atau Rp 150.000.000"),
                );
                return;
            }
        };
        let mut program = ProgramKegiatan {
            uraian: uraian.to_owned(),
            anggaran,
            alasan: None,
        };
        for p in ProgramKegiatan::PILIHAN {
            match p.periksa(text(self.kolom.get(row, p.kolom)).as_deref()) {
                Ok(value) => (p.isi)(&mut program, value),
                Err((message, hint)) => {
                    let at = self.at(r, self.kolom.col(p.kolom));
                    self.problems
                        .push(Problem::new(self.file, message).at_path(at).hint(hint));
                    return;
                }
            }
        }
        match indikator_text {
            // The indicator's own program.
            Some(name) => match self.susun.ind.as_mut().filter(|c| c.key == name) {
                Some(c) => c.data.program_kegiatan.push(program),
                None => {
                    self.problems.push(
                        Problem::new(self.file, format!("program untuk indikator `{name}` yang tidak berada tepat di atasnya"))
                            .at_path(self.at(r, self.kolom.col("indikator")))
                            .hint("letakkan baris program indikator di bawah baris-baris periodenya, atau kosongkan kolom indikator untuk program sasaran"),
                    );
                }
            },
            // The sasaran's program.
            None => {
                self.susun.selesai();
                if let Some(s) = self.susun.sasaran_ini() {
                    s.program_kegiatan.push(program);
                }
            }
        }
    }

    /// The tables read, or every problem found.
    fn selesai(mut self) -> Result<Tabel, Vec<Problem>> {
        let (file, sheet) = (self.file, self.sheet);
        let mut problems = std::mem::take(&mut self.problems);
        let rincian = self.rincian.take();
        self.susun.selesai();
        let mut tabel = self.susun.tabel;
        for table in &tabel {
            for pejabat in &table.pejabat {
                for sasaran in &pejabat.sasaran {
                    if sasaran.indikator.is_empty() {
                        problems.push(
                            Problem::new(file, format!("sasaran `{}` tanpa indikator", sasaran.uraian))
                                .at_path(sheet.to_owned())
                                .hint("setiap sasaran memerlukan minimal satu indikator dengan baris periodenya"),
                        );
                    }
                }
            }
        }
        if tabel.is_empty() && problems.is_empty() {
            problems.push(
                Problem::new(file, format!("lembar `{sheet}` tidak berisi baris data"))
                    .hint("isi satu baris per indikator dan periode di bawah baris judul"),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        tabel.sort_by_key(|t| t.tingkat as u8);
        Ok((
            tabel,
            rincian.map_or(Rincian::Bulanan, |r| r.0),
            self.susun.letak,
        ))
    }
}

/// An indicator from the first of its period rows.
fn new_indicator(
    kolom: &Kolom,
    row: &[Data],
    uraian: &str,
    at: impl Fn(&str) -> String,
) -> Result<Indikator, Vec<(String, String, String)>> {
    let mut wrong = Vec::new();
    let satuan = text(kolom.get(row, "satuan"));
    if satuan.is_none() {
        wrong.push((
            at("satuan"),
            "satuan kosong".to_owned(),
            "tulis satuan, misalnya %, Dokumen, Orang".to_owned(),
        ));
    }
    let target = match number(kolom.get(row, "target_tahunan")) {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            wrong.push((
                at("target_tahunan"),
                "target tahunan kosong".into(),
                "tulis target tahunan indikator, misalnya 100".into(),
            ));
            None
        }
        Err(why) => {
            wrong.push((
                at("target_tahunan"),
                format!("target tahunan {why}"),
                "tulis angka, misalnya 100 atau 85,5".into(),
            ));
            None
        }
    };
    // The optional keys, each as its declaration reads it.
    let mut values = Vec::new();
    for p in Indikator::PILIHAN {
        match p.periksa(text(kolom.get(row, p.kolom)).as_deref()) {
            Ok(value) => values.push((p, value)),
            Err((message, hint)) => wrong.push((at(p.kolom), message, hint)),
        }
    }
    match (satuan, target) {
        (Some(satuan), Some(target)) if wrong.is_empty() => {
            let mut ind = Indikator {
                uraian: uraian.to_owned(),
                satuan,
                target: Angka(target),
                bulan: None,
                triwulan: None,
                penjumlahan: Default::default(),
                polaritas: Default::default(),
                ket: None,
                alasan: None,
                program_kegiatan: Vec::new(),
            };
            for (p, value) in values {
                (p.isi)(&mut ind, value);
            }
            Ok(ind)
        }
        _ => Err(wrong),
    }
}

impl Susun {
    /// Starts a sasaran (and its official when new) in the table of
    /// `level`, after the indicator being read.
    fn sasaran(&mut self, level: Tingkat, jabatan: &str, uraian: &str) {
        self.selesai();
        let index = match self.tabel.iter().position(|t| t.tingkat == level) {
            Some(i) => i,
            None => {
                self.tabel.push(Lampiran {
                    tingkat: level,
                    pejabat: Vec::new(),
                });
                self.tabel.len() - 1
            }
        };
        self.cur = Some(index);
        let table = &mut self.tabel[index];
        if table.pejabat.last().is_none_or(|p| p.jabatan != jabatan) {
            table.pejabat.push(Pejabat {
                jabatan: jabatan.to_owned(),
                alasan: None,
                sasaran: Vec::new(),
            });
        }
        if let Some(p) = table.pejabat.last_mut() {
            p.sasaran.push(Sasaran {
                uraian: uraian.to_owned(),
                alasan: None,
                indikator: Vec::new(),
                program_kegiatan: Vec::new(),
            });
        }
    }

    /// `text` as the value of the official's or sasaran's optional key
    /// whose column is `kolom`.
    fn periksa_atas(
        &self,
        kolom: &str,
        text: Option<&str>,
    ) -> Result<Option<String>, (String, String)> {
        match Pejabat::PILIHAN.iter().find(|p| p.kolom == kolom) {
            Some(p) => p.periksa(text),
            None => Sasaran::PILIHAN
                .iter()
                .find(|p| p.kolom == kolom)
                .map_or(Ok(None), |p| p.periksa(text)),
        }
    }

    /// Gives the official or the sasaran being read the value of its
    /// optional key whose column is `kolom`; the value it already had when
    /// that is another.
    fn pilihan_atas(&mut self, kolom: &str, value: String) -> Option<String> {
        fn tetapkan<T: Butir>(item: &mut T, kolom: &str, value: String) -> Option<String> {
            let p = T::PILIHAN.iter().find(|p| p.kolom == kolom)?;
            match (p.baca)(item) {
                Some(ada) if Some(ada.as_str()) != p.bawaan && ada != value => Some(ada),
                _ => {
                    (p.isi)(item, Some(value));
                    None
                }
            }
        }
        let table = self.tabel.get_mut(self.cur?)?;
        let pejabat = table.pejabat.last_mut()?;
        if Pejabat::PILIHAN.iter().any(|p| p.kolom == kolom) {
            tetapkan(pejabat, kolom, value)
        } else {
            tetapkan(pejabat.sasaran.last_mut()?, kolom, value)
        }
    }

    /// The sasaran being read: the last one added to the current table.
    fn sasaran_ini(&mut self) -> Option<&mut Sasaran> {
        self.tabel
            .get_mut(self.cur?)?
            .pejabat
            .last_mut()
            .and_then(|p| p.sasaran.last_mut())
    }

    /// Ends the indicator being read: its periods into `bulan` or
    /// `triwulan` (none at all when no period has a target, as a person
    /// writes it), and the indicator into its sasaran.
    fn selesai(&mut self) {
        let Some(mut ind) = self.ind.take() else {
            return;
        };
        let values: Vec<Option<Angka>> = ind.periods.iter().map(|p| p.flatten()).collect();
        if values.iter().any(Option::is_some) {
            match ind.kind {
                Rincian::Triwulan => {
                    let mut v = [None; 4];
                    v.iter_mut()
                        .zip(&values)
                        .for_each(|(slot, value)| *slot = *value);
                    ind.data.triwulan = Some(Triwulanan::from_values(v));
                }
                Rincian::Bulanan => {
                    let mut v = [None; 12];
                    v.iter_mut()
                        .zip(&values)
                        .for_each(|(slot, value)| *slot = *value);
                    ind.data.bulan = Some(Bulanan::from_values(v));
                }
            }
        }
        let Some(table) = self.cur.and_then(|c| self.tabel.get_mut(c)) else {
            return;
        };
        let tingkat = table.tingkat;
        let a = table.pejabat.len().saturating_sub(1);
        let Some(pejabat) = table.pejabat.last_mut() else {
            return;
        };
        let b = pejabat.sasaran.len().saturating_sub(1);
        let Some(s) = pejabat.sasaran.last_mut() else {
            return;
        };
        self.letak.push(SelIndikator {
            tingkat,
            jalur: format!("pejabat[{a}].sasaran[{b}].indikator[{}]", s.indikator.len()),
            sel: ind.sel,
        });
        s.indikator.push(ind.data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_numbers_as_text() {
        assert_eq!(teks_angka("1.800"), Some(1800.0));
        assert_eq!(teks_angka("85,5"), Some(85.5));
        assert_eq!(teks_angka("85.5"), Some(85.5));
        assert_eq!(teks_angka("Rp 1.250.000,00"), Some(1_250_000.0));
        assert_eq!(teks_angka("Rp. 1.250.000,-"), Some(1_250_000.0));
        assert_eq!(teks_angka("1.150.000.000"), Some(1_150_000_000.0));
        assert_eq!(teks_angka("-3"), Some(-3.0));
        assert_eq!(teks_angka("seratus"), None);
        assert_eq!(teks_angka("12a"), None);
    }

    #[test]
    fn period_names_both_spellings_and_quarters() {
        assert_eq!(period("Februari"), Some((Rincian::Bulanan, 1)));
        assert_eq!(period("Pebruari"), Some((Rincian::Bulanan, 1)));
        assert_eq!(period(" NOPEMBER "), Some((Rincian::Bulanan, 10)));
        assert_eq!(period("TW I"), Some((Rincian::Triwulan, 0)));
        assert_eq!(period("Triwulan IV"), Some((Rincian::Triwulan, 3)));
        assert_eq!(period("tw 3"), Some((Rincian::Triwulan, 2)));
        assert_eq!(period("Semester I"), None);
        assert_eq!(cell_name("Data", 11, 5), "Data!F12");
        assert_eq!(cell_name("Data", 0, 27), "Data!AB1");
    }
}

//! One cell of a workbook as a person sees it: its text, its number
//! (written Indonesian style or as a percentage), an amount of rupiah, and
//! its `Sheet!A1` name for messages; and the rows of a sheet read. Every
//! sheet reader of `renaksi import` (the flat table, the realisasi, the
//! Renstra) reads its cells through here.

use calamine::Data;

use crate::content::Angka;

/// The cells of a sheet from its first row that has any, row by row,
/// read one cell at a time so that neither a sheet of a million rows nor
/// a sheet whose used area claims to be huge is held in memory.
#[derive(Debug, Default)]
pub(super) struct Grid {
    /// 0-based number of the first row held.
    pub(super) first: usize,
    pub(super) rows: Vec<Vec<Data>>,
}

impl Grid {
    pub(super) fn get(&self, row: usize, col: usize) -> &Data {
        row.checked_sub(self.first)
            .and_then(|r| self.rows.get(r))
            .and_then(|r| r.get(col))
            .unwrap_or(&Data::Empty)
    }
}

/// A cell as text, `None` when blank.
pub(super) fn text(cell: &Data) -> Option<String> {
    let t = match cell {
        Data::Empty => return None,
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => crate::content::tulis::angka(Angka(*f)),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    };
    (!t.is_empty()).then_some(t)
}

/// `A1`-style name of a cell (0-based row and column).
pub fn cell_name(sheet: &str, row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{sheet}!{letters}{}", row + 1)
}

/// An amount of rupiah in a cell: as [`number`], but a percentage (a
/// cell shown as `50%`) is refused, never read as 50 rupiah.
pub fn rupiah(cell: &Data) -> Result<Option<f64>, String> {
    match cell {
        Data::String(s) if s.trim().ends_with('%') => Err(format!(
            "tertulis sebagai persen ({}), bukan rupiah",
            s.trim()
        )),
        other => number(other),
    }
}

/// A number in a cell: a number, or text in Indonesian style; a
/// percentage (`85,5%`, or a cell shown as one) is its number of percent.
pub fn number(cell: &Data) -> Result<Option<f64>, String> {
    match cell {
        Data::Empty => Ok(None),
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(s) if s.trim().is_empty() || s.trim() == "-" => Ok(None),
        // A percentage is the number of percent written: `85,5%` is 85,5.
        Data::String(s) => teks_angka(s.trim().trim_end_matches('%'))
            .map(Some)
            .ok_or_else(|| format!("\"{}\" bukan angka", s.trim())),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            Err("berisi tanggal, bukan angka (format selnya tanggal)".into())
        }
        Data::Error(e) => Err(format!("berisi galat rumus ({e})")),
        other => Err(format!("\"{other}\" bukan angka")),
    }
}

/// "1.800" → 1800, "85,5" → 85.5, "Rp 1.250.000,00" → 1250000,
/// "85.5" → 85.5.
pub fn teks_angka(text: &str) -> Option<f64> {
    let mut t = text.trim();
    for prefix in ["Rp.", "Rp", "RP", "rp"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    let t = t.trim_end_matches(",-").replace(['\u{a0}', ' '], "");
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, t),
    };
    let normal = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        crate::format::ribuan(&t).unwrap_or_else(|| t.clone())
    };
    if normal.is_empty() || !normal.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = normal.parse().ok()?;
    Some(if negative { -value } else { value })
}

//! What a cell looks like, where its number alone would mislead: a cell
//! typed `100%` is stored as 1 with a percent number format, and the
//! spreadsheet reader gives the 1. This reads the number formats from the
//! workbook itself (`xl/styles.xml`, and the sheet's `s` attribute of each
//! cell), so that such a cell is read as the percentage the person sees.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// The largest part of the workbook read here (the sheet's XML); the
/// whole workbook was bounded before it was opened.
const MAX_PART: u64 = crate::fs::BUKU_KERJA.bita * 2;

/// What the workbook says of its cells' looks, read once: which cell
/// formats show a percentage, and where each sheet's part is.
pub(super) struct Gaya<'a> {
    bytes: &'a [u8],
    /// The indices of the percent formats; empty when the workbook has
    /// none (or no styles that read): then no sheet is looked at again.
    persen: HashSet<usize>,
    /// Each sheet's part in the zip, by the sheet's name.
    lembar: HashMap<String, String>,
}

impl<'a> Gaya<'a> {
    /// The styles and sheets of the workbook `bytes`.
    pub(super) fn baca(bytes: &'a [u8]) -> Self {
        let mut gaya = Gaya {
            bytes,
            persen: HashSet::new(),
            lembar: HashMap::new(),
        };
        let Some(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)).ok() else {
            return gaya;
        };
        gaya.persen = part(&mut zip, "xl/styles.xml")
            .map(|styles| gaya_persen(&styles))
            .unwrap_or_default();
        if !gaya.persen.is_empty() {
            if let (Some(workbook), Some(rels)) = (
                part(&mut zip, "xl/workbook.xml"),
                part(&mut zip, "xl/_rels/workbook.xml.rels"),
            ) {
                gaya.lembar = lembar(&workbook, &rels);
            }
        }
        gaya
    }

    /// The cells (0-based row and column) of the sheet named `sheet`
    /// whose number format shows a percentage. Empty when the workbook
    /// does not say (no styles, a part that cannot be read): then the
    /// values are as stored.
    pub(super) fn persen(&self, sheet: &str) -> HashSet<(usize, usize)> {
        let Some(path) = self.lembar.get(sheet) else {
            return HashSet::new();
        };
        zip::ZipArchive::new(Cursor::new(self.bytes))
            .ok()
            .and_then(|mut zip| part(&mut zip, path))
            .map(|xml| sel(&xml, &self.persen))
            .unwrap_or_default()
    }
}

/// The text of the part `name` of the workbook, at most [`MAX_PART`] bytes.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(MAX_PART).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The indices of the cell formats (`cellXfs`) that show a percentage.
fn gaya_persen(styles: &str) -> HashSet<usize> {
    let Ok(doc) = roxmltree::Document::parse(styles) else {
        return HashSet::new();
    };
    let mut kode: HashMap<u32, String> = HashMap::new();
    for n in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "numFmt")
    {
        if let (Some(id), Some(code)) = (
            n.attribute("numFmtId").and_then(|v| v.parse().ok()),
            n.attribute("formatCode"),
        ) {
            kode.insert(id, code.to_owned());
        }
    }
    let mut out = HashSet::new();
    let Some(xfs) = doc.descendants().find(|n| n.tag_name().name() == "cellXfs") else {
        return out;
    };
    for (i, xf) in xfs
        .children()
        .filter(|n| n.tag_name().name() == "xf")
        .enumerate()
    {
        let id: u32 = xf
            .attribute("numFmtId")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let percent = match kode.get(&id) {
            Some(code) => kode_persen(code),
            // The built-in formats 9 (`0%`) and 10 (`0.00%`).
            None => id == 9 || id == 10,
        };
        if percent {
            out.insert(i);
        }
    }
    out
}

/// Whether a number format code shows its number as a percentage: a `%`
/// outside quotes, brackets and escapes, in the section for positive
/// numbers.
fn kode_persen(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// The part in the zip of each sheet, by the sheet's name.
fn lembar(workbook: &str, rels: &str) -> HashMap<String, String> {
    let (Ok(doc), Ok(rels)) = (
        roxmltree::Document::parse(workbook),
        roxmltree::Document::parse(rels),
    ) else {
        return HashMap::new();
    };
    let target: HashMap<&str, &str> = rels
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| Some((n.attribute("Id")?, n.attribute("Target")?)))
        .collect();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "sheet")
        .filter_map(|n| {
            let name = n.attribute("name")?;
            let id = n.attributes().find(|a| a.name() == "id")?.value();
            let target = target.get(id)?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("xl/{target}"),
            };
            Some((name.to_owned(), path))
        })
        .collect()
}

/// The cells of the sheet `xml` whose style is one of `gaya` and whose
/// value is a number (no `t`, or `t="n"`). The tags are read by a small
/// scanner, not a document tree: a sheet of a million cells costs its
/// text once.
fn sel(xml: &str, gaya: &HashSet<usize>) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let local = name.rsplit(':').next().unwrap_or(name);
        if local != "c" {
            continue;
        }
        let Some(end) = tag_end(rest) else { break };
        let tag = &rest[name_end..end];
        rest = &rest[end..];
        let mut r = None;
        let mut s = None;
        let mut angka = true;
        for (key, value) in atribut(tag) {
            match key {
                "r" => r = Some(value),
                "s" => s = value.parse::<usize>().ok(),
                "t" => angka = value == "n",
                _ => {}
            }
        }
        if let (Some(r), Some(s)) = (r, s) {
            if angka && gaya.contains(&s) {
                if let Some(pos) = posisi(r) {
                    out.insert(pos);
                }
            }
        }
    }
    out
}

/// Where a tag whose text starts at `tag` ends (at its `>`), quotes
/// respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The `key="value"` pairs of a tag's text.
fn atribut(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().rsplit(':').next().unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(q) else {
            break;
        };
        out.push((key, &after[1..1 + close]));
        rest = &after[close + 2..];
    }
    out
}

/// `G12` → (11, 6).
fn posisi(r: &str) -> Option<(usize, usize)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0usize;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        col = col * 26 + (c as usize - 'A' as usize + 1);
    }
    let row: usize = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_told_from_the_rest() {
        for code in ["0%", "0.0%", "#,##0.00%", "[$-421]0%", "0%;-0%"] {
            assert!(kode_persen(code), "{code}");
        }
        for code in [
            "0",
            "#,##0",
            "\"%\"0",
            "0\\%",
            "[Red]0",
            "0;\"%\"",
            "dd/mm/yyyy",
        ] {
            assert!(!kode_persen(code), "{code}");
        }
    }

    #[test]
    fn cells_are_found_by_their_style() {
        let xml = r#"<sheetData><row r="2"><c r="G2" s="3"><v>1</v></c><c r="H2" s="3" t="s"><v>0</v></c><x:c r="AA10" s='3'/><c r="B2" s="1"><v>2</v></c></row></sheetData>"#;
        let found = sel(xml, &HashSet::from([3]));
        assert_eq!(found, HashSet::from([(1, 6), (9, 26)]));
        assert_eq!(posisi("A1"), Some((0, 0)));
        assert_eq!(posisi("1A"), None);
    }
}

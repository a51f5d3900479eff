//! laporan.yaml and kabupaten.yaml of a copied report: the year, the
//! signing date and Perubahan moved on, and what a person must look at.

use chrono::{Datelike, NaiveDate};

use crate::content;
use crate::locate::locate;

use super::*;

/// laporan.yaml or kabupaten.yaml: the year, the signing date, Perubahan;
/// and what a person must look at: the date, the official, the QR code.
pub(super) fn identitas(
    name: &str,
    text: &mut String,
    lama: i32,
    tahun: i32,
    perubahan: bool,
    rencana: &mut Rencana,
) {
    use serde_json::Value;
    let value: Value = content::parse(name, text).unwrap_or(Value::Null);
    let original = text.clone();
    let made = rencana.diubah.len();
    // What each edit is meant to leave in the file, checked afterwards.
    let mut expected: Vec<(&str, Value)> = Vec::new();
    let mut edit = Editor::new(name, text, &mut rencana.diubah);
    if value.get("tahun").is_some() {
        edit.set("tahun", &tahun.to_string(), "tahun");
        expected.push(("/tahun", tahun.into()));
    }
    match value.get("perubahan").and_then(Value::as_bool) {
        Some(was) if was != perubahan => {
            edit.set("perubahan", &perubahan.to_string(), "perubahan");
            if !perubahan {
                if let Some(last) = edit.diubah.last_mut() {
                    last.message.push_str(
                        " (Rencana Aksi awal tahun baru; --perubahan untuk Rencana Aksi Perubahan)",
                    );
                }
            }
            expected.push(("/perubahan", perubahan.into()));
        }
        None if perubahan && value.get("tahun").is_some() => {
            edit.insert_after("tahun", "perubahan: true", "perubahan");
            expected.push(("/perubahan", true.into()));
        }
        _ => {}
    }
    let p = &value["penandatangan"];
    let date = p["tanggal"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let moved_date = date.map(|date| shift(date, tahun.saturating_sub(lama)));
    let moved = moved_date.map(|date| date.format("%Y-%m-%d").to_string());
    if let Some(moved) = &moved {
        edit.set("penandatangan.tanggal", moved, "tanggal penandatanganan");
        expected.push(("/penandatangan/tanggal", moved.as_str().into()));
    }
    // An edit the file's writing defeated (flow style, say) is undone as a
    // whole and left to a person, rather than half done.
    let after: Value = content::parse(name, text).unwrap_or(Value::Null);
    let done = expected.iter().all(|(path, want)| {
        after.pointer(path).is_some_and(|got| match got {
            Value::String(got) => want.as_str() == Some(got.trim()),
            got => got == want,
        })
    });
    if !done {
        *text = original;
        rencana.diubah.truncate(made);
        rencana.periksa.push(catatan(name.to_owned(), None, format!(
                "tahun, tanggal dan perubahan tidak dapat diubah otomatis di berkas ini: ubah sendiri (tahun {tahun}{}, perubahan: {perubahan})",
                moved.as_ref().map(|m| format!(", tanggal {m}")).unwrap_or_default()
            )));
    } else if let (Some(moved), Some(date)) = (&moved, moved_date) {
        let dibaca = crate::format::tanggal(date, crate::content::Ejaan::Baku);
        rencana.periksa.push(catatan(
            name.to_owned(),
            locate(text, "penandatangan.tanggal").map(|(l, _)| l),
            format!("tanggal penandatanganan kini {dibaca} ({moved}): sesuaikan dengan tanggal penetapan"),
        ));
    }
    if let Some(nama) = p["nama"].as_str() {
        let jabatan = p["jabatan"].as_str().unwrap_or("penandatangan");
        let nip = p["nip"]
            .as_str()
            .map(|n| format!(", NIP {n}"))
            .unwrap_or_default();
        let pelaksana = p["pelaksana"]
            .as_str()
            .map(|x| format!("; masih {}?", x.to_uppercase()))
            .unwrap_or_default();
        rencana.periksa.push(catatan(name.to_owned(), locate(text, "penandatangan.nama").map(|(l, _)| l), format!(
                "{jabatan}: {nama}{nip} — masih menjabat? periksa juga pangkat dan golongan{pelaksana}"
            )));
    }
    if value["tanda_tangan"]["qr"].is_string() {
        rencana.periksa.push(catatan(
            name.to_owned(),
            locate(text, "tanda_tangan.qr").map(|(l, _)| l),
            format!(
                "kode QR masih berisi tautan dokumen lama: ganti dengan tautan dokumen {tahun}"
            ),
        ));
    }
}

/// `date` moved by `years`; 29 February becomes the 28th when needed.
pub(super) fn shift(date: NaiveDate, years: i32) -> NaiveDate {
    let Some(year) = date.year().checked_add(years) else {
        return date;
    };
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

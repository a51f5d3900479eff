//! laporan.yaml and kabupaten.yaml: identity, layout, the signing official
//! and how the report is signed, compared key by key as written.

use serde_json::Value;

use super::{Catatan, KOSONG};
use crate::content::Ejaan;
use crate::error::Error;
use crate::format;

/// The file's keys and values, as written.
pub(super) fn parse(display: &str, text: &str) -> Result<Value, Error> {
    let value: Value = super::parse(display, text)?;
    Ok(value)
}

/// Each key that changed, was added or was removed.
pub(super) fn compare(catatan: &mut Catatan, lama: &Value, baru: &Value) {
    let (a, b) = (flatten(lama), flatten(baru));
    for (path, value) in &b {
        let (letak, apa) = label(path);
        match a.iter().find(|(p, _)| p == path) {
            Some((_, old)) => catatan.ubah(&letak, &apa, old, value, |v| show(path, v)),
            None => catatan.tambah(&letak, apa, Some(show(path, value))),
        }
    }
    for (path, value) in &a {
        if !b.iter().any(|(p, _)| p == path) {
            let (letak, apa) = label(path);
            catatan.hapus(&letak, apa, Some(show(path, value)));
        }
    }
}

/// Every scalar with its key path, in the order written.
fn flatten(value: &Value) -> Vec<(Vec<String>, Value)> {
    fn walk(value: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    path.push(key.clone());
                    walk(value, path, out);
                    path.pop();
                }
            }
            _ => out.push((path.clone(), value.clone())),
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// Where a key is (its section) and what it is, as a reader calls them.
fn label(path: &[String]) -> (Vec<String>, String) {
    let section = |key: &str| match key {
        "penandatangan" => "Penandatangan".to_owned(),
        "tanda_tangan" => "Tanda tangan".to_owned(),
        other => other.replace('_', " "),
    };
    let name = |key: &str| match key {
        "perubahan" => "Rencana Aksi Perubahan".to_owned(),
        "nip" => "NIP".to_owned(),
        "qr" => "isi kode QR".to_owned(),
        other => other.replace('_', " "),
    };
    match path.split_last() {
        Some((last, parents)) => (parents.iter().map(|p| section(p)).collect(), name(last)),
        None => (Vec::new(), "isi berkas".to_owned()),
    }
}

/// A value as the report prints it: dates in words, yes or no.
fn show(path: &[String], value: &Value) -> String {
    match value {
        Value::Null => KOSONG.to_owned(),
        Value::Bool(true) => "ya".to_owned(),
        Value::Bool(false) => "tidak".to_owned(),
        Value::String(text) if path.last().is_some_and(|k| k == "tanggal") => {
            match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                Ok(date) => format::tanggal(date, Ejaan::Baku),
                Err(_) => text.clone(),
            }
        }
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

//! All YAML parsing lives here, so the parser can be swapped in one place.
//! Errors from the parser are turned into [`Problem`]s in Indonesian, with
//! the file, line, column, YAML path and a "maksud Anda" suggestion.

use serde::de::DeserializeOwned;

use crate::error::Problem;

/// Parses `text` (the contents of `file`) into `T`.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    if text.trim().is_empty() {
        return Err(
            Problem::new(file, "berkas kosong").hint("isi berkas ini sesuai docs/format.md")
        );
    }
    serde_yaml::from_str(text).map_err(|err| translate(file, text, &err))
}

fn translate(file: &str, text: &str, err: &serde_yaml::Error) -> Problem {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; the location is taken separately.
    let raw = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => &raw,
    };
    let (path, message) = split_path(raw);
    let (message, hint) = indonesian(message);
    let mut problem = Problem::new(file, message).at_path(path);
    if let Some(hint) = hint {
        problem = problem.hint(hint);
    }
    match err.location() {
        Some(loc) => problem.at(text, loc.line(), loc.column()),
        None => problem,
    }
}

/// serde_yaml prefixes messages with the path, as in `bab[1].judul: …`.
fn split_path(raw: &str) -> (&str, &str) {
    match raw.split_once(": ") {
        Some((path, rest)) if !path.is_empty() && !path.contains(' ') => (path, rest),
        _ => ("", raw),
    }
}

/// Translates one serde or YAML message into Indonesian, with a hint.
fn indonesian(msg: &str) -> (String, Option<String>) {
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        return (
            format!("kunci `{name}` tidak dikenal"),
            Some(suggest(name, &expected, "kunci")),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        return (
            format!("nilai `{name}` tidak dikenal"),
            Some(suggest(name, &expected, "nilai")),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return (
            format!("kunci wajib `{name}` belum ada"),
            Some(format!(
                "tambahkan baris `{name}: …` (lihat docs/format.md)"
            )),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        let name = rest.trim_matches('`');
        return (
            format!("kunci `{name}` ditulis dua kali"),
            Some("hapus salah satunya".into()),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!("jenis nilai salah: tertulis {}", found_kind(found)),
            Some(format!("seharusnya {}", expected_kind(expected))),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!("nilai tidak sah: {}", found_kind(found)),
            Some(format!("seharusnya {}", expected_kind(expected))),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return (format!("jumlah isi daftar salah ({rest})"), None);
    }
    syntax(msg)
}

fn syntax(msg: &str) -> (String, Option<String>) {
    let lower = msg.to_lowercase();
    let (what, hint) = if lower.contains("tab") && lower.contains("indent")
        || lower.contains("found character that cannot start any token")
    {
        (
            "karakter yang tidak boleh di sini (misalnya tab untuk indentasi)",
            "gunakan spasi untuk indentasi, bukan tab",
        )
    } else if lower.contains("mapping values are not allowed") {
        (
            "tanda `:` di tempat yang tidak boleh",
            "jika teks memuat \": \", apit teks dengan tanda kutip \"…\"",
        )
    } else if lower.contains("did not find expected key") || lower.contains("did not find expected")
    {
        (
            "indentasi tidak sejajar atau ada baris yang terputus",
            "sejajarkan kunci yang setingkat dengan jumlah spasi yang sama",
        )
    } else if lower.contains("found unexpected end of stream")
        || lower.contains("found unknown escape")
    {
        (
            "teks bertanda kutip tidak ditutup dengan benar",
            "tutup teks dengan tanda kutip yang sama dengan pembukanya",
        )
    } else if lower.contains("recursion limit") {
        (
            "struktur terlalu dalam",
            "kurangi tingkat indentasi bertingkat",
        )
    } else if lower.contains("duplicate") {
        ("kunci ditulis dua kali", "hapus salah satunya")
    } else {
        return (
            format!("YAML tidak sah ({msg})"),
            Some("periksa indentasi dan tanda baca di sekitar posisi ini".into()),
        );
    };
    (format!("YAML tidak sah: {what}"), Some(hint.into()))
}

/// Splits "`name`, expected one of `a`, `b`" into the name and the choices.
fn split_expected(rest: &str) -> (&str, Vec<&str>) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let choices = expected.split('`').skip(1).step_by(2).collect();
    (name.trim_matches('`'), choices)
}

/// "maksud Anda: `x`?" when a close choice exists, else the list of choices.
fn suggest(name: &str, choices: &[&str], noun: &str) -> String {
    let best = choices
        .iter()
        .map(|c| (distance(&name.to_lowercase(), c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min();
    let list = choices
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match best {
        Some((_, c)) => format!("maksud Anda: `{c}`? ({noun} yang boleh: {list})"),
        None if list.is_empty() => format!("tidak ada {noun} yang boleh di sini"),
        None => format!("{noun} yang boleh: {list}"),
    }
}

/// Levenshtein distance, for suggestions among a handful of short keys.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn found_kind(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("teks {s}");
    }
    if let Some(n) = found.strip_prefix("integer ") {
        return format!("bilangan {n}");
    }
    if let Some(n) = found.strip_prefix("floating point ") {
        return format!("angka {n}");
    }
    match found {
        "sequence" => "daftar".into(),
        "map" => "pemetaan (kunci: nilai)".into(),
        "unit value" => "nilai kosong".into(),
        f if f.starts_with("boolean") => format!("nilai benar/salah ({})", &f[8..]),
        f => f.into(),
    }
}

fn expected_kind(expected: &str) -> String {
    match expected {
        "a string" => "teks".into(),
        "a boolean" => "true atau false".into(),
        "a sequence" => "daftar (setiap butir diawali \"- \")".into(),
        "u64" | "u32" | "i32" | "i64" | "usize" => "bilangan bulat".into(),
        e if e.starts_with("struct ") || e == "a map" => "pemetaan kunci: nilai".into(),
        e if e.starts_with("enum ") || e.starts_with("one of") => {
            e.replace("one of", "salah satu dari")
        }
        e => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_key() {
        assert_eq!(
            suggest("urain", &["uraian", "indikator"], "kunci"),
            "maksud Anda: `uraian`? (kunci yang boleh: `uraian`, `indikator`)"
        );
        assert_eq!(
            suggest("zzz", &["uraian"], "kunci"),
            "kunci yang boleh: `uraian`"
        );
    }
}

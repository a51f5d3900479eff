//! All YAML parsing lives here, so the parser can be swapped in one place.
//! Errors from the parser are turned into [`Problem`]s in Indonesian, with
//! the file, line, column, YAML path and a "maksud Anda" suggestion.

use serde::de::DeserializeOwned;

use super::recover::Draft;
use crate::error::Problem;

/// How many problems one file reports before the rest is left for later.
const MAX_PROBLEMS: usize = 50;
/// Bytes parsed again, in all, while looking for more problems in a file:
/// under a second of parsing, whatever the file's size.
const REPARSE_BUDGET: usize = 8 << 20;

/// Parses `text` (the contents of `file`) into `T`, reporting every
/// structure problem in the file, not only the first.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![
            Problem::new(file, "berkas kosong").hint("isi berkas ini sesuai docs/format.md")
        ]);
    }
    let first = match serde_yaml::from_str(text) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut problems = vec![translate(file, text, &first)];
    // Problems that are a missing key: when a key is out of line, that is
    // where it went.
    let mut missing = vec![missing_field(&first).is_some()];
    // Go on past the error on a repaired copy of the text, to find the rest.
    let mut draft = Draft::new(text);
    let mut removed: Vec<String> = Vec::new();
    let mut err = first;
    // Every round parses the whole text again, so a large file gets fewer
    // rounds; every round must change the text.
    let rounds = (REPARSE_BUDGET / text.len().max(1)).clamp(1, 4 * MAX_PROBLEMS);
    for round in 0.. {
        if problems.len() >= MAX_PROBLEMS || round == rounds {
            problems.push(
                Problem::new(
                    file,
                    "pemeriksaan berkas ini berhenti di sini; mungkin masih ada galat lain",
                )
                .hint("perbaiki galat di atas, lalu jalankan lagi"),
            );
            break;
        }
        let before = draft.text();
        err = match repair::<T>(&mut draft, &err, &mut removed) {
            Some(Err(next)) => next,
            Some(Ok(_)) | None => break,
        };
        if draft.text() == before {
            break;
        }
        // An edit that broke the YAML itself (say, removed an anchor that
        // is used later) says nothing about the user's text: stop there.
        if !is_data_error(&err) {
            break;
        }
        // A key removed by a repair is not missing a second time.
        let consequence =
            missing_field(&err).is_some_and(|(map, key)| removed.contains(&join(&map, &key)));
        let problem = translate(file, text, &err);
        if !consequence && !problems.contains(&problem) {
            problems.push(problem);
            missing.push(missing_field(&err).is_some());
        }
    }
    // A key a space or two out of line is the likely cause of whatever the
    // parser reported: named on its own line, after the problems above it
    // that it cannot have caused.
    if let Some(salah) = super::indent::periksa(text) {
        let line = salah.line;
        let above = problems
            .into_iter()
            .zip(missing)
            .filter(|(p, missing)| !missing && p.line.is_some_and(|l| l < line))
            .map(|(p, _)| p);
        let mut found: Vec<Problem> = above.collect();
        found.push(
            Problem::new(file, salah.message)
                .hint(salah.hint)
                .at(text, line, salah.column),
        );
        return Err(found);
    }
    Err(problems)
}

/// Edits `draft` so that parsing goes past `err` and parses it again;
/// `None` when no edit helps.
fn repair<T: DeserializeOwned>(
    draft: &mut Draft,
    err: &serde_yaml::Error,
    removed: &mut Vec<String>,
) -> Option<Result<T, serde_yaml::Error>> {
    let loc = err.location()?;
    let at = (loc.line(), loc.column());
    let raw = message(err);
    let (path, msg) = split_path(&raw);
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, choices) = split_expected(rest);
        removed.push(join(path, name));
        // A misspelt key is not reported missing under its right name too.
        if let Some(meant) = closest(name, &choices) {
            removed.push(join(path, meant));
        }
        return draft
            .remove_entry(at.0, at.1)
            .then(|| serde_yaml::from_str(&draft.text()));
    }
    if let Some((map, _)) = missing_field(err) {
        // Only a whole list item can go; a missing key elsewhere ends the search.
        return (map.ends_with(']') && draft.remove_item_at(at.0, at.1))
            .then(|| serde_yaml::from_str(&draft.text()));
    }
    let kinds = [
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid length",
    ];
    if !kinds.iter().any(|k| msg.starts_with(k)) {
        return None;
    }
    let current = draft.text();
    for value in stand_ins(msg) {
        let mut trial = Draft::new(&current);
        if !trial.replace_value(at.0, at.1, &value) {
            continue;
        }
        let result = serde_yaml::from_str::<T>(&trial.text());
        // Keep the first stand-in that moves the error elsewhere.
        let moved = match &result {
            Ok(_) => true,
            Err(e) => e.location().map(|l| (l.line(), l.column())) != Some(at),
        };
        if moved {
            *draft = trial;
            removed.push(path.to_owned());
            return Some(result);
        }
    }
    None
}

/// Values of the expected kind to stand in for a wrong one, best guess first.
fn stand_ins(msg: &str) -> Vec<String> {
    let expected = msg
        .split_once(", expected ")
        .map_or("", |(_, e)| e)
        .to_lowercase();
    let mut values: Vec<String> = Vec::new();
    let (_, choices) = split_expected(msg.split_once(' ').map_or(msg, |(_, r)| r));
    let choices: Vec<&str> = choices.into_iter().filter(|c| !c.is_empty()).collect();
    if let Some(first) = choices.first() {
        values.push((*first).to_owned());
    }
    let guesses = [
        ("sequence", "[]"),
        ("daftar", "[]"),
        ("struct", "{}"),
        ("map", "{}"),
        ("tanggal", "2000-01-01"),
        ("boolean", "false"),
        ("string", "x"),
    ];
    for (word, value) in guesses {
        if expected.contains(word) {
            values.push(value.to_owned());
        }
    }
    for value in ["0", "x", "[]", "{}", "false"] {
        if !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
    }
    values
}

/// Whether `err` is about the data (keys, types, values), not the syntax.
fn is_data_error(err: &serde_yaml::Error) -> bool {
    let raw = message(err);
    let (_, msg) = split_path(&raw);
    [
        "unknown field",
        "missing field",
        "duplicate field",
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
    ]
    .iter()
    .any(|kind| msg.starts_with(kind))
}

/// The map path and key of a "missing field" error.
fn missing_field(err: &serde_yaml::Error) -> Option<(String, String)> {
    let raw = message(err);
    let (path, msg) = split_path(&raw);
    let key = msg.strip_prefix("missing field ")?.trim_matches('`');
    Some((path.to_owned(), key.to_owned()))
}

/// `map.key`, or `key` at the top.
fn join(map: &str, key: &str) -> String {
    if map.is_empty() {
        key.to_owned()
    } else {
        format!("{map}.{key}")
    }
}

/// The error's text without serde_yaml's " at line L column C".
fn message(err: &serde_yaml::Error) -> String {
    let raw = err.to_string();
    match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw,
    }
}

fn translate(file: &str, text: &str, err: &serde_yaml::Error) -> Problem {
    let raw = message(err);
    let (path, message) = split_path(&raw);
    // Only where the YAML itself could not be read: a key or a value of
    // the wrong kind on such a line is a different mistake.
    let syntax = path.is_empty()
        && ![
            "unknown field",
            "missing field",
            "invalid type",
            "invalid value",
            "unknown variant",
            "duplicate field",
        ]
        .iter()
        .any(|p| message.starts_with(p));
    // An anchor (`&`) or a tag (`!`) reads as an empty or odd value, not
    // as a syntax error: the first character says what happened all the same.
    let indicator = err
        .location()
        .and_then(|loc| quote_me(text, loc.line()))
        .filter(|(first, _)| syntax || ("&!".contains(*first) && message.contains("unit value")))
        .map(|(_, said)| said);
    let (message, hint) = match indicator
        .or_else(|| misplaced(path, message))
        .or_else(|| special(path, message))
    {
        Some((message, hint)) => (message, Some(hint)),
        None => indonesian(message),
    };
    let mut problem = Problem::new(file, message).at_path(path);
    if let Some(hint) = hint {
        problem = problem.hint(hint);
    }
    match err.location() {
        Some(loc) => problem.at(text, loc.line(), loc.column()),
        None => problem,
    }
}

/// A value that starts with a character YAML reads as its own (`%`, `@`,
/// a backquote, `*`, `&`, `!`, `|`, `>`), written without quotes: the most
/// common unit, `%`, is one. When the parser stopped on the line of such a
/// value, the value wants quotes, whatever the parser's own words were.
fn quote_me(text: &str, line: usize) -> Option<(char, (String, String))> {
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = line_text.split_once(": ")?;
    let value = value.trim();
    let first = value.chars().next()?;
    // `|`, `>`, `|-` … alone start a block of text: those are right.
    let block_header = value
        .chars()
        .skip(1)
        .all(|c| matches!(c, '-' | '+' | '0'..='9'));
    if !"%@`*&!|>".contains(first) || ("|>".contains(first) && block_header) {
        return None;
    }
    let key = key.trim_start().trim_start_matches("- ").trim();
    Some((
        first,
        (
            format!("nilai yang diawali `{first}` harus diapit tanda kutip"),
            format!("tulis `{key}: \"{value}\"`"),
        ),
    ))
}

/// A key of the Lampiran written at the wrong depth, where it is unknown:
/// named with where it belongs.
fn misplaced(path: &str, msg: &str) -> Option<(String, String)> {
    if !path.starts_with("pejabat") {
        return None;
    }
    let (name, _) = split_expected(msg.strip_prefix("unknown field ")?);
    let (home, hint) = match name {
        m if super::tulis::BULAN.contains(&m) || m == "pebruari" || m == "nopember" => (
            "di bawah `bulan:`",
            format!("letakkan `{m}` di bawah `bulan:`, lebih menjorok ke kanan, sejajar dengan bulan lainnya"),
        ),
        "tw1" | "tw2" | "tw3" | "tw4" => (
            "di bawah `triwulan:`",
            format!("letakkan `{name}` di bawah `triwulan:`, lebih menjorok ke kanan, sejajar dengan triwulan lainnya"),
        ),
        "anggaran" => (
            "di dalam butir `program_kegiatan`",
            "letakkan `anggaran` tepat di bawah `uraian` programnya, sejajar dengannya".to_owned(),
        ),
        "satuan" | "target" | "bulan" | "triwulan" | "penjumlahan" | "polaritas" => (
            "di dalam butir `indikator`",
            format!("letakkan `{name}` di bawah `uraian` indikatornya, sejajar dengannya"),
        ),
        _ => return None,
    };
    Some((format!("`{name}` harus berada {home}"), hint))
}

/// For a problem found on `line` after parsing (an empty value, say): when
/// the value there starts with `&` or `!`, YAML read it as an anchor or a
/// tag, and what it wants is quotes. The column of the value, the message
/// and the hint.
pub(crate) fn anchor_or_tag(text: &str, line: usize) -> Option<(usize, String, String)> {
    let (first, (message, hint)) = quote_me(text, line)?;
    if !"&!".contains(first) {
        return None;
    }
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let column = line_text.find(": ")? + 2;
    let column = column + (line_text[column..].len() - line_text[column..].trim_start().len());
    Some((column + 1, message, hint))
}

/// Mistakes common enough to deserve their own words: a key left empty,
/// and a whole number written with thousands separators.
fn special(path: &str, msg: &str) -> Option<(String, String)> {
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    let rest = msg.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    if found == "unit value" && !key.is_empty() {
        return Some((
            format!("`{key}` kosong"),
            format!("isi `{key}` dengan {}", expected_kind(expected)),
        ));
    }
    let text = found.strip_prefix("string \"")?.strip_suffix('"')?;
    if let Some(number) = rupiah(text) {
        return Some((
            format!("jenis nilai salah: tertulis teks \"{text}\""),
            format!("tulis bilangannya saja, tanpa `Rp` dan tanda baca: {number}"),
        ));
    }
    crate::format::ribuan(text).map(|digits| {
        (
            format!("jenis nilai salah: tertulis teks \"{text}\""),
            format!("tulis tanpa titik pemisah ribuan: {digits}"),
        )
    })
}

/// The whole rupiah written as a person writes money: `Rp 1.150.000.000`,
/// `Rp. 1.150.000.000,00`, `1.150.000.000,-`. A plain grouped number
/// without these marks is left to the thousands-separator hint.
fn rupiah(text: &str) -> Option<String> {
    let mut rest = text.trim();
    let mut marked = false;
    for prefix in ["Rp.", "Rp", "RP.", "RP", "rp.", "rp"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            marked = true;
            break;
        }
    }
    for suffix in [",-", ",00", ",0", ".-"] {
        if let Some(r) = rest.strip_suffix(suffix) {
            rest = r;
            marked = true;
            break;
        }
    }
    if !marked {
        return None;
    }
    let plain = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit());
    if plain {
        Some(rest.to_owned())
    } else {
        crate::format::ribuan(rest)
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
    let best = closest(name, choices);
    let list = choices
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match best {
        Some(c) => format!("maksud Anda: `{c}`? ({noun} yang boleh: {list})"),
        None if list.is_empty() => format!("tidak ada {noun} yang boleh di sini"),
        None => format!("{noun} yang boleh: {list}"),
    }
}

/// The choice within a few typos of `name`, if any.
/// Names longer than [`CLOSEST_CHARS`] get no suggestion: the distance
/// costs the product of the lengths.
pub(crate) fn closest<'a>(name: &str, choices: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    let len = name.chars().count();
    if len > CLOSEST_CHARS {
        return None;
    }
    choices
        .iter()
        .filter_map(|c| {
            let len_c = c.chars().count();
            let allowed = 1.max(len_c / 3);
            // The distance is at least the difference of the lengths.
            (len.abs_diff(len_c) <= allowed).then(|| (distance(&name, c), *c, allowed))
        })
        .filter(|(d, _, allowed)| d <= allowed && *d < len)
        .map(|(d, c, _)| (d, c))
        .min()
        .map(|(_, c)| c)
}

/// The longest name [`closest`] looks for a near match of.
const CLOSEST_CHARS: usize = 200;

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
        e if e.starts_with("one of") => e.replace("one of", "salah satu dari"),
        // An enum given a list or a map: serde_yaml asks for a tag.
        e if e.starts_with("enum ") || e.contains("YAML tag") => {
            "satu nilai pilihan (satu kata, bukan daftar atau pemetaan; lihat docs/format.md)"
                .into()
        }
        e => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enum_given_a_list_is_asked_for_one_word() {
        let err = parse::<crate::content::Lampiran>("x.yaml", "tingkat: [\n").unwrap_err();
        let hint = err[0].hint.clone().unwrap();
        assert!(hint.starts_with("seharusnya satu nilai pilihan"), "{hint}");
    }

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

//! Years written in a copied report's text, moved on where they are data
//! and kept where they are history (a regulation, a quotation, a comment).

use super::*;

/// The old year written as a word in the file's text, moved on where it
/// is data; a regulation ("Nomor 5 Tahun 2022", "Tahun 2022 tentang") is
/// history and keeps its year, and so do comments.
pub(super) fn years(
    name: &str,
    text: &mut String,
    lama: i32,
    tahun: i32,
    diubah: &mut Vec<Problem>,
) {
    let old = lama.to_string();
    let new = tahun.to_string();
    if lama == tahun || !text.contains(&old) {
        return;
    }
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('#') {
            out.push_str(line);
            continue;
        }
        let mut changed = String::with_capacity(line.len());
        let mut rest = 0;
        let mut moved = false;
        for (at, _) in line.match_indices(&old) {
            let before = &line[..at];
            let after = &line[at + old.len()..];
            let alone = !before.ends_with(|c: char| c.is_ascii_digit())
                && !after.starts_with(|c: char| c.is_ascii_digit());
            if !alone || citation(before, after) || quoted(before) {
                continue;
            }
            changed.push_str(&line[rest..at]);
            changed.push_str(&new);
            rest = at + old.len();
            moved = true;
        }
        changed.push_str(&line[rest..]);
        if moved {
            diubah.push(catatan(
                name.to_owned(),
                Some(n + 1),
                format!("{old} → {new}: {}", cuplikan(changed.trim(), &new)),
            ));
        }
        out.push_str(&changed);
    }
    *text = out;
}

/// Whether the year between `before` and `after` names a regulation.
pub(super) fn citation(before: &str, after: &str) -> bool {
    let trimmed = before.trim_end();
    let tahun = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("tahun"));
    let ahead = after.trim_start().to_lowercase();
    (tahun && crate::check::regulation(&trimmed[..trimmed.len() - 5]))
        || ahead.starts_with("tentang")
}

/// Whether a typographic quotation (“…”) is open at the end of `before`:
/// a year inside one is quoted history, such as a vision statement.
pub(super) fn quoted(before: &str) -> bool {
    before.matches('“').count() > before.matches('”').count()
}

/// A few words around `word` in `line`.
pub(super) fn cuplikan(line: &str, word: &str) -> String {
    let at = line.find(word).unwrap_or(0);
    let start = line[..at]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(0, |(i, _)| i + 1);
    let end = line[at..]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(line.len(), |(i, _)| at + i);
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < line.len() { " …" } else { "" };
    format!("{lead}{}{tail}", &line[start..end])
}

/// Removes every entry `key: …` (with the lines of its value, more
/// indented below it) from `text` at any depth (`anywhere`) or at the top
/// only: last year's Perubahan reasons and previous version do not belong
/// to a new year. One note in `diubah` for what was removed; when the file
/// would not read the same without them, it is left whole for a person,
/// with a note in `periksa`.
pub(super) fn buang_kunci(
    name: &str,
    text: &mut String,
    key: &str,
    anywhere: bool,
    what: &str,
    rencana: &mut Rencana,
) {
    let prefix = format!("{key}:");
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut first_line = None;
    // The indentation of the entry being removed, while inside it.
    let mut inside: Option<usize> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim();
        if let Some(at) = inside {
            if body.is_empty() || indent > at {
                continue;
            }
            inside = None;
        }
        // A key of a list item (`- alasan: …`) is not removed: the item
        // would change shape.
        if body.starts_with(&prefix) && (anywhere || indent == 0) {
            removed += 1;
            first_line.get_or_insert(i + 1);
            inside = Some(indent);
            continue;
        }
        out.push_str(line);
    }
    if removed == 0 {
        return;
    }
    let before: serde_json::Value = content::parse(name, text).unwrap_or(serde_json::Value::Null);
    let after: serde_json::Value = content::parse(name, &out).unwrap_or(serde_json::Value::Null);
    let mut expected = before.clone();
    strip(&mut expected, key, anywhere);
    if after.is_null() || after != expected {
        rencana.periksa.push(catatan(
            name.to_owned(),
            first_line,
            format!("{what} (`{key}`) tidak dapat dihapus otomatis di berkas ini: hapus sendiri"),
        ));
        return;
    }
    *text = out;
    rencana.diubah.push(catatan(
        name.to_owned(),
        first_line,
        format!("{what} dihapus ({removed} × `{key}`): tahun baru dimulai tanpanya"),
    ));
}

/// `value` without the key `key` (in every mapping, or the top one only).
fn strip(value: &mut serde_json::Value, key: &str, anywhere: bool) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove(key);
            if anywhere {
                map.values_mut().for_each(|v| strip(v, key, true));
            }
        }
        serde_json::Value::Array(items) if anywhere => {
            items.iter_mut().for_each(|v| strip(v, key, true));
        }
        _ => {}
    }
}

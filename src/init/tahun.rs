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

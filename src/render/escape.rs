//! Escaping for Typst. Every value from the user's YAML reaches Typst as a
//! string literal, never as markup or code, so nothing in it can run.

use std::fmt::Write as _;

/// Writes `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a Typst string literal as [`string_literal`] writes it
/// (quotes included); `None` for anything else.
pub fn parse_string_literal(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Writes `text` into Typst markup as an embedded string expression
/// (`#"…";`), so it shows literally whatever follows it.
pub fn markup_text(out: &mut String, text: &str) {
    out.push('#');
    out.push_str(&string_literal(text));
    out.push(';');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("x\ny\u{7}"), r#""x\ny\u{7}""#);
    }

    #[test]
    fn literals_read_back_to_their_text() {
        for text in ["", "a \"b\" \\c", "x\ny\u{7}\t", "Rp 1.000 — “kutip”"] {
            assert_eq!(
                parse_string_literal(&string_literal(text)).as_deref(),
                Some(text)
            );
        }
        assert_eq!(parse_string_literal("rk-garis"), None);
        assert_eq!(parse_string_literal("\"a\" + \"b\""), None);
    }
}

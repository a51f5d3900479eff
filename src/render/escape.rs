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
}

//! Word diff of a paragraph, written the way `git diff --word-diff` does:
//! `[-removed-]{+added+}`, with long unchanged stretches shortened to `…`.

use similar::{Algorithm, ChangeTag, TextDiff};

/// Unchanged words kept on each side of a change.
const KONTEKS: usize = 6;

/// The words of `lama` and `baru` with what was removed and added marked.
pub fn word_diff(lama: &str, baru: &str) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(super::WAKTU)
        .diff_words(lama, baru);
    // Runs of one kind, in order.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_owned())),
        }
    }
    let last = runs.len().saturating_sub(1);
    let mut out = String::new();
    for (i, (tag, text)) in runs.iter().enumerate() {
        match tag {
            ChangeTag::Equal => out.push_str(&shorten(text, i > 0, i < last)),
            ChangeTag::Delete => out.push_str(&format!("[-{}-]", text.trim())),
            ChangeTag::Insert => out.push_str(&format!("{{+{}+}}", text.trim())),
        }
        // Keep a space between a marked run and the next when the text had one.
        let next_is_glued = runs
            .get(i + 1)
            .is_some_and(|(t, n)| *t == ChangeTag::Equal && !n.starts_with(char::is_whitespace));
        if *tag != ChangeTag::Equal && text.ends_with(char::is_whitespace) && next_is_glued {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// An unchanged stretch: the words next to a change, the rest as `…`.
fn shorten(text: &str, after_change: bool, before_change: bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let keep = usize::from(after_change) * KONTEKS + usize::from(before_change) * KONTEKS;
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    if words.len() <= keep.max(1) || words.is_empty() {
        return format!("{lead}{}{trail}", words.join(" "));
    }
    let head = if after_change {
        &words[..KONTEKS]
    } else {
        &[][..]
    };
    let tail = if before_change {
        &words[words.len() - KONTEKS..]
    } else {
        &[][..]
    };
    let mut parts = Vec::new();
    if !head.is_empty() {
        parts.push(head.join(" "));
    }
    parts.push("…".to_owned());
    if !tail.is_empty() {
        parts.push(tail.join(" "));
    }
    format!("{lead}{}{trail}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn marks_changed_words_and_shortens_the_rest() {
        let lama = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua belas tiga belas";
        let baru = "satu dua tiga empat lima enam tujuh delapan sembilan SEPULUH sebelas dua belas tiga belas";
        assert_eq!(
            word_diff(lama, baru),
            "… empat lima enam tujuh delapan sembilan [-sepuluh-]{+SEPULUH+} sebelas dua belas tiga belas"
        );
    }

    #[test]
    fn short_paragraph_is_shown_whole() {
        assert_eq!(
            word_diff("target tahun ini naik", "target tahun depan naik"),
            "target tahun [-ini-]{+depan+} naik"
        );
    }
}

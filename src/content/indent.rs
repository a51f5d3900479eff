//! Indentation read as a person reads it. When the parser stops or a key
//! goes missing, the cause is often one key moved a space or two: YAML then
//! reads it as part of the text above, or as a key of another level, and
//! reports the consequence somewhere else. This reads the lines as a person
//! lines them up and names the line that breaks the alignment.
//!
//! It only reads the plain block style the report files are written in;
//! anything else (flow collections over several lines, quoted text over
//! several lines, anchors, tags, several documents) makes it say nothing
//! and leaves the parser's own message.

use crate::locate::key_of;

/// A line out of alignment: 1-based line and column, message and hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalahLetak {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// One open block: the keys of a mapping, or the dashes of a list, all at
/// one column.
#[derive(Debug, Clone)]
struct Level {
    /// 0-based column of the keys or dashes.
    col: usize,
    seq: bool,
    /// A list written at its key's own column (`key:` then `- …` below it).
    indentless: bool,
    /// The first key (or `-`) at this level and its 1-based line, for
    /// messages.
    name: String,
    line: usize,
}

/// What the previous line leaves open.
#[derive(Debug, Clone, Copy)]
enum Open {
    /// A block starts below (`key:` alone, `- ` alone): a deeper line is
    /// its first child. `None` column: the top of the file.
    Block(Option<usize>),
    /// A plain value: a deeper line continues its text.
    Text { col: usize },
    /// A block of text (`|`, `>`): deeper lines are its content.
    Literal { col: usize },
    /// Nothing: the value was closed on its line.
    Closed,
}

/// The first line out of alignment in `text`, if any.
pub fn periksa(text: &str) -> Option<SalahLetak> {
    let mut stack: Vec<Level> = Vec::new();
    let mut open = Open::Block(None);
    // The key of the previous line, for a line that continues its text.
    let mut previous: Option<(String, usize, usize)> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end_matches('\r');
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if let Open::Literal { col } = open {
            if content.is_empty() || indent > col {
                continue;
            }
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if content.starts_with('\t') || content.starts_with("---") || content.starts_with("...") {
            return None;
        }
        if let Open::Text { col } = open {
            if indent > col {
                if let Some(key) = key_of(content) {
                    let (above, at, line) = previous.clone()?;
                    return Some(SalahLetak {
                        line: number,
                        column: indent + 1,
                        message: format!(
                            "`{key}` menjorok lebih dalam daripada `{above}` di baris {line}, \
                             jadi terbaca sebagai lanjutan teks `{above}`"
                        ),
                        hint: format!(
                            "sejajarkan `{key}` dengan `{above}`: {at} spasi dari tepi kiri"
                        ),
                    });
                }
                continue;
            }
        }
        let (dash, body, body_col) = match content.strip_prefix('-') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                let body = rest.trim_start_matches(' ');
                (true, body, indent + 1 + (rest.len() - body.len()))
            }
            _ => (false, content, indent),
        };
        if dash && body.starts_with("- ") {
            return None;
        }
        let opener = match open {
            Open::Block(col) => Some(col),
            _ => None,
        };
        let mut popped: Vec<Level> = Vec::new();
        while stack.last().is_some_and(|l| l.col > indent) {
            popped.extend(stack.pop());
        }
        let deeper = opener.is_some_and(|col| col.is_none_or(|c| indent > c));
        if dash {
            let sibling = stack.last().is_some_and(|l| l.seq && l.col == indent);
            // `key:` then `- …` at the key's own column is a list too.
            let indentless = opener.flatten() == Some(indent)
                && stack.last().is_some_and(|l| !l.seq && l.col == indent);
            if !sibling {
                if !(deeper || indentless) {
                    return Some(misaligned(
                        "tanda `-`",
                        number,
                        indent,
                        &stack,
                        &popped,
                        true,
                    ));
                }
                stack.push(Level {
                    col: indent,
                    seq: true,
                    indentless,
                    name: "-".into(),
                    line: number,
                });
            }
        } else {
            let Some(key) = key_of(content) else {
                // Text where a key belongs: the parser says it best.
                return None;
            };
            if stack
                .last()
                .is_some_and(|l| l.seq && l.indentless && l.col == indent)
            {
                stack.pop();
            }
            let sibling = stack.last().is_some_and(|l| !l.seq && l.col == indent);
            if !sibling {
                if !deeper {
                    let what = format!("`{key}`");
                    return Some(misaligned(&what, number, indent, &stack, &popped, false));
                }
                stack.push(Level {
                    col: indent,
                    seq: false,
                    indentless: false,
                    name: key.to_owned(),
                    line: number,
                });
            }
        }
        // What this line leaves open below it.
        let after_dash = dash.then_some(indent);
        open = match key_of(body) {
            Some(key) => {
                if dash {
                    stack.push(Level {
                        col: body_col,
                        seq: false,
                        indentless: false,
                        name: key.to_owned(),
                        line: number,
                    });
                }
                previous = Some((key.to_owned(), body_col, number));
                value_opens(value_of(body), body_col)?
            }
            None if body.is_empty() => Open::Block(after_dash),
            None => {
                previous = None;
                value_opens(body, indent)?
            }
        };
    }
    None
}

/// The message for a line whose column matches no open block: it names the
/// nearest key (or dash) it should line up with.
fn misaligned(
    what: &str,
    number: usize,
    indent: usize,
    stack: &[Level],
    popped: &[Level],
    seq: bool,
) -> SalahLetak {
    let nearest = popped
        .iter()
        .chain(stack.iter().rev())
        .filter(|l| l.seq == seq)
        .min_by_key(|l| l.col.abs_diff(indent));
    let (message, hint) = match nearest {
        Some(level) => {
            let name = if level.seq {
                "tanda `-`".to_owned()
            } else {
                format!("`{}`", level.name)
            };
            (
                format!(
                    "{what} tidak sejajar: menjorok {indent} spasi, sedangkan {name} (baris {}) {} spasi",
                    level.line, level.col
                ),
                format!("geser {what} menjadi {} spasi, sejajar dengan {name} di baris {}", level.col, level.line),
            )
        }
        None => (
            format!("{what} tidak sejajar dengan baris mana pun di atasnya"),
            "sejajarkan kunci yang setingkat dengan jumlah spasi yang sama".to_owned(),
        ),
    };
    SalahLetak {
        line: number,
        column: indent + 1,
        message,
        hint,
    }
}

/// The value after `key:`, without a trailing comment.
fn value_of(body: &str) -> &str {
    let rest = body.split_once(':').map_or("", |(_, v)| v).trim();
    match rest.find(" #") {
        Some(i) if !rest.starts_with(['"', '\'']) => rest[..i].trim_end(),
        _ if rest.starts_with('#') => "",
        _ => rest,
    }
}

/// What a value leaves open; `None` for what this reader does not follow.
fn value_opens(value: &str, col: usize) -> Option<Open> {
    let Some(first) = value.chars().next() else {
        return Some(Open::Block(Some(col)));
    };
    match first {
        '|' | '>'
            if value[1..]
                .trim_end()
                .chars()
                .all(|c| matches!(c, '-' | '+' | '0'..='9')) =>
        {
            Some(Open::Literal { col })
        }
        '"' | '\'' => closes_quote(value, first).then_some(Open::Closed),
        '[' | '{' => balanced(value).then_some(Open::Closed),
        '&' | '*' | '!' | '?' => None,
        _ => Some(Open::Text { col }),
    }
}

/// Whether a quoted value ends on its line.
fn closes_quote(value: &str, quote: char) -> bool {
    let inner = &value[1..];
    if quote == '\'' {
        return inner.replace("''", "").contains('\'');
    }
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

/// Whether a flow collection closes on its line (quotes ignored).
fn balanced(value: &str) -> bool {
    let mut depth = 0i32;
    for c in value.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            '"' | '\'' => return false,
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAMPIRAN: &str = "\
tingkat: program
pejabat:
  - jabatan: CAMAT
    sasaran:
      - uraian: Meningkatnya Kualitas Pelayanan Publik
        indikator:
          - uraian: Indeks Kepuasan Masyarakat
            satuan: Nilai
            target: 85
            bulan:
              juni: 40
              desember: 45
        program_kegiatan:
          - uraian: Program Penyelenggaraan Pemerintahan
            anggaran: 103000000
";

    #[test]
    fn a_well_aligned_file_says_nothing() {
        assert_eq!(periksa(LAMPIRAN), None);
        let narasi = "bab:\n  - judul: Pendahuluan\n    isi: |\n      Teks\n\n        menjorok\n      lagi: ini teks\n    catatan: >-\n      x\nkunci:\n- a\n- b\nlain: [1, 2]\nteks: sebuah\n  teks panjang\nakhir: 'a''b'\n";
        assert_eq!(periksa(narasi), None);
    }

    /// Every YAML file of the repository's reports and test fixtures.
    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_project_s_own_files_are_aligned() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("content"), &mut files);
        yaml_files(&root.join("tests/testsuite"), &mut files);
        assert!(files.len() > 20);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            // Files that are meant to be misaligned are not in these folders.
            assert_eq!(periksa(&text), None, "{}", path.display());
        }
    }

    #[test]
    fn a_key_one_space_short_is_named_on_its_line() {
        let text = LAMPIRAN.replace("            satuan", "           satuan");
        let salah = periksa(&text).unwrap();
        assert_eq!((salah.line, salah.column), (8, 12));
        assert_eq!(
            salah.message,
            "`satuan` tidak sejajar: menjorok 11 spasi, sedangkan `uraian` (baris 7) 12 spasi"
        );
        assert_eq!(
            salah.hint,
            "geser `satuan` menjadi 12 spasi, sejajar dengan `uraian` di baris 7"
        );
    }

    #[test]
    fn a_key_too_deep_is_read_as_text_and_said_so() {
        let text = LAMPIRAN.replace("            satuan", "              satuan");
        let salah = periksa(&text).unwrap();
        assert_eq!((salah.line, salah.column), (8, 15));
        assert_eq!(
            salah.message,
            "`satuan` menjorok lebih dalam daripada `uraian` di baris 7, jadi terbaca sebagai lanjutan teks `uraian`"
        );
        assert_eq!(
            salah.hint,
            "sejajarkan `satuan` dengan `uraian`: 12 spasi dari tepi kiri"
        );
    }

    #[test]
    fn a_key_at_the_column_of_a_dash_is_named() {
        let text = LAMPIRAN.replace("            anggaran", "          anggaran");
        let salah = periksa(&text).unwrap();
        assert_eq!((salah.line, salah.column), (15, 11));
        assert_eq!(
            salah.message,
            "`anggaran` tidak sejajar: menjorok 10 spasi, sedangkan `uraian` (baris 14) 12 spasi"
        );
    }

    #[test]
    fn a_month_between_two_columns_is_named() {
        let text = LAMPIRAN.replace("              desember", "             desember");
        let salah = periksa(&text).unwrap();
        assert_eq!((salah.line, salah.column), (12, 14));
        assert!(
            salah.message.starts_with("`desember` tidak sejajar"),
            "{salah:?}"
        );
        assert!(salah.hint.contains("`juni` di baris 11"), "{salah:?}");
    }

    #[test]
    fn any_line_moved_a_little_is_read_without_panic() {
        let lines: Vec<&str> = LAMPIRAN.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            for shift in [-3i32, -2, -1, 1, 2, 3] {
                let moved = if shift < 0 {
                    let cut = (-shift) as usize;
                    line.strip_prefix(&" ".repeat(cut))
                        .unwrap_or(line)
                        .to_owned()
                } else {
                    format!("{}{line}", " ".repeat(shift as usize))
                };
                let mut text: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
                text[i] = moved;
                let text = text.join("\n");
                let _ = periksa(&text);
                let _ = crate::content::yaml::parse::<crate::content::Lampiran>("x.yaml", &text);
            }
        }
    }

    #[test]
    fn what_it_does_not_follow_it_leaves_alone() {
        for text in [
            "a: \"teks\n  lanjut\"\nb:  x\n   c: y\n",
            "a: [1,\n  2]\n   c: y\n",
            "a: &x 1\n   c: y\n",
        ] {
            assert_eq!(periksa(text), None, "{text}");
        }
    }
}

//! Finds the line and column of a YAML path such as
//! `pejabat[0].sasaran[1].uraian` in block-style YAML text, for problems
//! found after parsing. Flow style (`{a: 1}`) is not followed: such a
//! problem keeps its path only.

use std::collections::HashMap;

/// The YAML path of the key or list item written on `line` (1-based) of
/// block-style `text`: the deepest one, for a `- key:` line.
pub fn path_at(text: &str, line: usize) -> Option<String> {
    paths(text)
        .into_iter()
        .filter(|(_, l)| *l == line)
        .map(|(path, _)| path)
        .max_by_key(|path| path.len())
}

/// Like [`locate`], but a key that is not written (a required key left
/// out) is placed on the nearest of its parents that is.
pub fn nearest(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut path = path;
    loop {
        if let Some(at) = locate(text, path) {
            return Some(at);
        }
        let cut = path.rfind(['.', '['])?;
        path = &path[..cut];
    }
}

/// 1-based line and column of the key (or list item) at `path`.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    // The lines the next segment is looked for in.
    let (mut from, mut to) = (0, lines.len());
    let mut at = None;
    for segment in segments(path) {
        match segment {
            Segment::Key(key) => {
                let (n, column) = find_key(&lines, from, to, key)?;
                at = Some((n + 1, column + 1));
                (from, to) = (n + 1, end(&lines, n + 1, to, column, true));
            }
            Segment::Index(i) => {
                let (n, column) = find_item(&lines, from, to, i)?;
                at = Some((n + 1, column + 1));
                // The item's first key shares the line of its "- ".
                (from, to) = (n, end(&lines, n + 1, to, column, false));
            }
        }
    }
    at
}

/// The 1-based line of every key and list item of block-style `text`, by
/// its YAML path (`pejabat[0].sasaran[1]` is the line of that item's
/// dash), found in one pass: what [`locate`] finds for one path, for all of
/// them at once. Text inside `|` and `>` blocks is not read as keys; lines
/// this pass cannot place (flow style, quoted keys) have no path.
pub fn paths(text: &str) -> HashMap<String, usize> {
    enum Seg {
        Key(String),
        Item(usize),
    }
    let mut found = HashMap::new();
    // Open segments, each with the column it was written at.
    let mut stack: Vec<(usize, Seg)> = Vec::new();
    let mut in_block: Option<usize> = None;
    let joined = |stack: &[(usize, Seg)]| {
        let mut path = String::new();
        for (_, seg) in stack {
            match seg {
                Seg::Key(k) if path.is_empty() => path.push_str(k),
                Seg::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Seg::Item(i) => path.push_str(&format!("[{i}]")),
            }
        }
        path
    };
    for (n, line) in text.lines().enumerate() {
        let col = indent(line);
        if let Some(key_col) = in_block {
            if line.trim().is_empty() || col > key_col {
                continue;
            }
            in_block = None;
        }
        if blank(line) {
            continue;
        }
        let rest = &line[col..];
        let (item_col, body, body_col) = match rest.strip_prefix("- ") {
            Some(after) => {
                let body = after.trim_start_matches(' ');
                (Some(col), body, col + 2 + (after.len() - body.len()))
            }
            None if rest == "-" => (Some(col), "", col + 1),
            None => (None, rest, col),
        };
        if let Some(c) = item_col {
            // A sibling item at the same column follows on from it.
            while stack.last().is_some_and(|(sc, _)| *sc > c) {
                stack.pop();
            }
            let index = match stack.last() {
                Some((sc, Seg::Item(i))) if *sc == c => {
                    let next = i + 1;
                    stack.pop();
                    next
                }
                _ => 0,
            };
            stack.push((c, Seg::Item(index)));
            found.entry(joined(&stack)).or_insert(n + 1);
        }
        if let Some(key) = key_of(body) {
            // Siblings and whatever was open below them end here (an item
            // of the line's own dash sits left of its key and stays).
            while stack.last().is_some_and(|(sc, _)| *sc >= body_col) {
                stack.pop();
            }
            stack.push((body_col, Seg::Key(key.to_owned())));
            found.entry(joined(&stack)).or_insert(n + 1);
            in_block = block_header(line);
        }
    }
    found
}

/// The key column of a line whose value starts a block of text (`|`,
/// `>-`, `|2+` …).
pub(crate) fn block_header(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let mut col = line.len() - trimmed.len();
    let body = match trimmed.strip_prefix("- ") {
        Some(rest) => {
            col += 2;
            rest
        }
        None => trimmed,
    };
    let (_, value) = body.split_once(": ")?;
    let value = value.split(" #").next().unwrap_or(value).trim();
    let mut chars = value.chars();
    let first = chars.next()?;
    ("|>".contains(first) && chars.all(|c| matches!(c, '-' | '+' | '0'..='9'))).then_some(col)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a[0].b` → Key(a), Index(0), Key(b).
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Segment::Key(key));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

/// Column of the first character after spaces and "- " markers.
fn content_column(line: &str) -> usize {
    let mut column = 0;
    let bytes = line.as_bytes();
    while column < bytes.len() {
        match bytes[column] {
            b' ' => column += 1,
            b'-' if bytes.get(column + 1) == Some(&b' ') => column += 2,
            _ => break,
        }
    }
    column
}

/// The key among the entries of the mapping that starts at line `from`.
fn find_key(lines: &[&str], from: usize, to: usize, key: &str) -> Option<(usize, usize)> {
    let wanted = format!("{key}:");
    let first = (from..to).find(|&n| !blank(lines[n]))?;
    let column = content_column(lines[first]);
    (first..to).find_map(|n| {
        let here = content_column(lines[n]);
        let rest = &lines[n][here..];
        (here == column && (rest.starts_with(&wanted))).then_some((n, column))
    })
}

/// The `index`-th item of the sequence in lines `from..to`.
fn find_item(lines: &[&str], from: usize, to: usize, index: usize) -> Option<(usize, usize)> {
    let dashes: Vec<(usize, usize)> = (from..to)
        .filter_map(|n| {
            let column = indent(lines[n]);
            let rest = &lines[n][column..];
            (rest.starts_with("- ") || rest == "-").then_some((n, column))
        })
        .collect();
    let column = dashes.iter().map(|(_, c)| *c).min()?;
    dashes.into_iter().filter(|(_, c)| *c == column).nth(index)
}

/// The first line from `from` that no longer belongs to the entry at
/// `column`: one at that column or shallower, except (for a key) the items
/// of a sequence written at the key's own column.
fn end(lines: &[&str], from: usize, to: usize, column: usize, key: bool) -> usize {
    (from..to)
        .find(|&n| {
            let line = lines[n];
            let i = indent(line);
            let own_items = key && i == column && line[i..].starts_with('-');
            !blank(line) && i <= column && !own_items
        })
        .unwrap_or(to)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key a line starts with (`key:` followed by a space or the end).
pub fn key_of(text: &str) -> Option<&str> {
    let end = text.find(':')?;
    let key = &text[..end];
    let rest = &text[end + 1..];
    // A name (`uraian`), a year (`2022`) or a key renaksi derives
    // (`camat/indeks-kepuasan`): never a dot, which joins a path.
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/'));
    (plain && (rest.is_empty() || rest.starts_with(' '))).then_some(key)
}

#[cfg(test)]
mod tests {
    /// The path of a line, as `renaksi serve` places a finding that has
    /// only a line at its field.
    #[test]
    fn the_path_written_on_a_line() {
        let text = "tingkat: program\npejabat:\n  - jabatan: Camat\n    sasaran:\n      - uraian: A\n        indikator: []\n";
        let at = |line| super::path_at(text, line);
        assert_eq!(at(1).as_deref(), Some("tingkat"));
        assert_eq!(at(3).as_deref(), Some("pejabat[0].jabatan"));
        assert_eq!(at(5).as_deref(), Some("pejabat[0].sasaran[0].uraian"));
        assert_eq!(at(6).as_deref(), Some("pejabat[0].sasaran[0].indikator"));
        assert_eq!(at(9), None);
    }

    use super::locate;

    const TABLE: &str = "\
tingkat: program
pejabat:
  - jabatan: CAMAT
    sasaran:
      - uraian: Satu
        indikator:
          - uraian: I
            satuan: N
      - uraian: \"\"
        indikator: []
  - jabatan: \"\"
    sasaran: []
";

    #[test]
    fn one_pass_finds_what_locate_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = vec![
            TABLE.to_owned(),
            "a:\n- x: 1\n  y: |\n    z: 2\n- x: 3\nb: 4\n".to_owned(),
        ];
        for dir in [
            "content/kubutambahan-2022",
            "content/kubutambahan-2022/lampiran",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                if entry.path().extension().is_some_and(|e| e == "yaml") {
                    texts.push(std::fs::read_to_string(entry.path()).unwrap());
                }
            }
        }
        for text in &texts {
            let all = super::paths(text);
            assert!(!all.is_empty());
            for (path, line) in &all {
                assert_eq!(
                    locate(text, path).map(|(l, _)| l),
                    Some(*line),
                    "{path}\n{text}"
                );
            }
        }
        let small = super::paths("a:\n- x: 1\n  y: |\n    z: 2\n- x: 3\nb: 4\n");
        let mut keys: Vec<_> = small.iter().map(|(p, l)| (p.as_str(), *l)).collect();
        keys.sort_by_key(|(p, l)| (*l, p.len()));
        assert_eq!(
            keys,
            [
                ("a", 1),
                ("a[0]", 2),
                ("a[0].x", 2),
                ("a[0].y", 3),
                ("a[1]", 5),
                ("a[1].x", 5),
                ("b", 6)
            ]
        );
    }

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(locate(TABLE, "tingkat"), Some((1, 1)));
        assert_eq!(locate(TABLE, "pejabat[0].jabatan"), Some((3, 5)));
        assert_eq!(
            locate(TABLE, "pejabat[0].sasaran[0].indikator[0].satuan"),
            Some((8, 13))
        );
        assert_eq!(locate(TABLE, "pejabat[0].sasaran[1].uraian"), Some((9, 9)));
        assert_eq!(
            locate(TABLE, "pejabat[0].sasaran[1].indikator"),
            Some((10, 9))
        );
        assert_eq!(locate(TABLE, "pejabat[1].jabatan"), Some((11, 5)));
        assert_eq!(locate(TABLE, "pejabat[1].sasaran"), Some((12, 5)));
        assert_eq!(locate(TABLE, "pejabat[2].jabatan"), None);
        assert_eq!(locate("a:\n  b: 1\nb: 2\n", "b"), Some((3, 1)));
        assert_eq!(
            locate("penandatangan:\n  nip: \"\"\n", "penandatangan.nip"),
            Some((2, 3))
        );
    }
}

//! Finds the line and column of a YAML path such as
//! `pejabat[0].sasaran[1].uraian` in block-style YAML text, for problems
//! found after parsing. Flow style (`{a: 1}`) is not followed: such a
//! problem keeps its path only.

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

#[cfg(test)]
mod tests {
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

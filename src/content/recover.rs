//! Edits a YAML text so that parsing can go on past an error. serde stops at
//! the first problem in a file; to report them all, the node at fault is
//! blanked out or replaced by a value of the expected kind, and the text is
//! parsed again. Every edit keeps the line count and the columns of
//! everything before it, so later errors point at the user's own text.

/// A YAML text being repaired, one entry per line (line endings kept).
pub struct Draft {
    lines: Vec<Vec<char>>,
}

impl Draft {
    /// Takes a copy of `text`.
    pub fn new(text: &str) -> Self {
        Draft {
            lines: text.split('\n').map(|l| l.chars().collect()).collect(),
        }
    }

    /// The current text.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self.lines.iter().map(|l| l.iter().collect()).collect();
        lines.join("\n")
    }

    /// Removes the mapping entry or sequence item starting at the 1-based
    /// `line` and `column` (the key, or the `-` of an item), with everything
    /// nested under it. Returns false when there is nothing to remove there.
    pub fn remove_entry(&mut self, line: usize, column: usize) -> bool {
        let Some(start) = self.start(line, column) else {
            return false;
        };
        let first = &self.lines[start.0];
        let rest: String = first[start.1..].iter().collect();
        // A key with nothing after the colon may own a sequence written at
        // its own indentation ("key:\n- a\n- b").
        let compact = !rest.starts_with('-') && rest.trim_end().ends_with(':');
        let end = self.span_end(start.0, start.1, compact);
        self.blank(start.0, start.1);
        for l in start.0 + 1..end {
            self.blank(l, 0);
        }
        true
    }

    /// Removes the sequence item whose content starts at `line`, `column`:
    /// finds the `-` before it on that line. Returns false when the node is
    /// not a block sequence item.
    pub fn remove_item_at(&mut self, line: usize, column: usize) -> bool {
        let Some((l, c)) = self.start(line, column) else {
            return false;
        };
        let before = &self.lines[l][..c];
        let trimmed: Vec<char> = before
            .iter()
            .rev()
            .skip_while(|c| **c == ' ')
            .copied()
            .collect();
        if trimmed.first() != Some(&'-') {
            return false;
        }
        let dash = before.iter().rposition(|c| *c == '-').unwrap_or(0);
        self.remove_entry(l + 1, dash + 1)
    }

    /// Replaces the value node starting at `line`, `column` by `value`.
    pub fn replace_value(&mut self, line: usize, column: usize, value: &str) -> bool {
        let Some((l, c)) = self.start(line, column) else {
            return false;
        };
        let starts_line = self.lines[l][..c].iter().all(|ch| *ch == ' ' || *ch == '-');
        let end = if starts_line {
            // A block node: its own column and what is nested under it.
            let is_seq = self.lines[l].get(c) == Some(&'-');
            self.block_end(l, c, is_seq)
        } else {
            // Inline after `key:`: what is nested under that key.
            let key = self.lines[l]
                .iter()
                .position(|ch| *ch != ' ' && *ch != '-')
                .unwrap_or(0);
            self.span_end(l, key, false)
        };
        self.blank(l, c);
        for n in l + 1..end {
            self.blank(n, 0);
        }
        let line = &mut self.lines[l];
        for (i, ch) in value.chars().enumerate() {
            match line.get_mut(c + i) {
                Some(slot) if *slot != '\r' => *slot = ch,
                _ => line.insert(c + i, ch),
            }
        }
        true
    }

    /// 0-based line and column, if they lie inside the text.
    fn start(&self, line: usize, column: usize) -> Option<(usize, usize)> {
        let l = line.checked_sub(1)?;
        let c = column.checked_sub(1)?;
        (l < self.lines.len() && c < self.lines[l].len()).then_some((l, c))
    }

    /// The first line after an entry at column `c` of line `l`: the entry
    /// owns every following blank or comment line and every line indented
    /// deeper than `c` (and, for `compact`, items at column `c`).
    fn span_end(&self, l: usize, c: usize, compact: bool) -> usize {
        let mut end = l + 1;
        while end < self.lines.len() {
            match indent(&self.lines[end]) {
                None => {}
                Some(i) if i > c => {}
                Some(i) if compact && i == c && self.lines[end][i] == '-' => {}
                Some(_) => break,
            }
            end += 1;
        }
        trim_trailing_blank(&self.lines, l + 1, end)
    }

    /// The first line after a block node that starts a line at column `c`.
    fn block_end(&self, l: usize, c: usize, is_seq: bool) -> usize {
        let mut end = l + 1;
        while end < self.lines.len() {
            match indent(&self.lines[end]) {
                None => {}
                Some(i) if i > c => {}
                Some(i) if i == c && (!is_seq || self.lines[end][i] == '-') => {}
                Some(_) => break,
            }
            end += 1;
        }
        trim_trailing_blank(&self.lines, l + 1, end)
    }

    /// Replaces line `l` from column `c` on with spaces (a `\r` stays).
    fn blank(&mut self, l: usize, c: usize) {
        for ch in self.lines[l].iter_mut().skip(c) {
            if *ch != '\r' {
                *ch = ' ';
            }
        }
    }
}

/// Indentation of a line, or `None` for a blank or comment-only line.
fn indent(line: &[char]) -> Option<usize> {
    let i = line.iter().position(|c| *c != ' ' && *c != '\r')?;
    (line[i] != '#').then_some(i)
}

/// Blank lines at the end of a span belong to what follows.
fn trim_trailing_blank(lines: &[Vec<char>], from: usize, mut end: usize) -> usize {
    while end > from && indent(&lines[end - 1]).is_none() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_an_entry_and_its_children() {
        let mut d = Draft::new("a: 1\nbb:\n  - x\n  - y\nc: 2\n");
        assert!(d.remove_entry(2, 1));
        assert_eq!(d.text(), "a: 1\n   \n     \n     \nc: 2\n");
        let mut d = Draft::new("a: 1\nbb:\n- x\n- y\nc: 2\n");
        assert!(d.remove_entry(2, 1));
        assert_eq!(d.text(), "a: 1\n   \n   \n   \nc: 2\n");
    }

    #[test]
    fn removes_a_sequence_item() {
        let mut d = Draft::new("l:\n  - a: 1\n    b: 2\n  - a: 3\n");
        assert!(d.remove_item_at(2, 5));
        assert_eq!(d.text(), "l:\n        \n        \n  - a: 3\n");
    }

    #[test]
    fn replaces_inline_and_block_values() {
        let mut d = Draft::new("a: [1, 2]\nb: 3\n");
        assert!(d.replace_value(1, 4, "0"));
        assert_eq!(d.text(), "a: 0     \nb: 3\n");
        let mut d = Draft::new("a:\n  - 1\n  - 2\nb: 3\n");
        assert!(d.replace_value(2, 3, "0"));
        assert_eq!(d.text(), "a:\n  0  \n     \nb: 3\n");
    }
}

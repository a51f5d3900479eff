//! Edits the values of single-line YAML keys in place, so comments, order
//! and quoting stay as the user wrote them.

use crate::locate::locate;

use super::*;

/// Edits the values of single-line keys of one YAML file in place.
pub(super) struct Editor<'a> {
    name: &'a str,
    text: &'a mut String,
    pub(super) diubah: &'a mut Vec<Problem>,
}

impl<'a> Editor<'a> {
    pub(super) fn new(name: &'a str, text: &'a mut String, diubah: &'a mut Vec<Problem>) -> Self {
        Editor { name, text, diubah }
    }

    /// Sets the scalar at `path` to `value`, keeping quotes style aside:
    /// the value is written plain. A trailing comment stays.
    pub(super) fn set(&mut self, path: &str, value: &str, what: &str) {
        let Some((line, column)) = locate(self.text, path) else {
            return;
        };
        let mut lines: Vec<String> = self.text.split_inclusive('\n').map(str::to_owned).collect();
        let Some(current) = lines.get_mut(line - 1) else {
            return;
        };
        let start: usize = current.char_indices().nth(column - 1).map_or(0, |(i, _)| i);
        let Some(colon) = current[start..].find(':').map(|c| start + c + 1) else {
            return;
        };
        let body = &current[colon..];
        let end = body
            .find(" #")
            .unwrap_or_else(|| body.trim_end_matches(['\n', '\r']).len());
        let old = body[..end].trim().to_owned();
        if old == value {
            return;
        }
        let eol = &body[body.trim_end_matches(['\n', '\r']).len()..];
        let comment = body[end..].trim_end_matches(['\n', '\r']).to_owned();
        *current = format!("{} {value}{comment}{eol}", &current[..colon]);
        *self.text = lines.concat();
        self.diubah.push(catatan(
            self.name.to_owned(),
            Some(line),
            format!("{what} {old} → {value}"),
        ));
    }

    /// Adds the line `entry` after the top-level key `key`.
    pub(super) fn insert_after(&mut self, key: &str, entry: &str, what: &str) {
        let Some((line, _)) = locate(self.text, key) else {
            return;
        };
        let mut lines: Vec<String> = self.text.split_inclusive('\n').map(str::to_owned).collect();
        if !lines[line - 1].ends_with('\n') {
            lines[line - 1].push('\n');
        }
        let indent: String = lines[line - 1].chars().take_while(|c| *c == ' ').collect();
        lines.insert(line, format!("{indent}{entry}\n"));
        *self.text = lines.concat();
        self.diubah.push(catatan(
            self.name.to_owned(),
            Some(line + 1),
            format!("{what} ditambahkan: {entry}"),
        ));
    }
}

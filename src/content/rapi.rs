//! `renaksi fmt`: a Lampiran file rewritten in the canonical style with
//! every comment kept on the key it annotates. A comment is hung on the
//! YAML path of the line below it (or of its own line, for a comment after
//! a value); the canonical text gets it back above (or after) the line with
//! the same path. A comment whose line has no counterpart in the canonical
//! text — a default written out (`penjumlahan: jumlah`), an empty list —
//! would be lost, and is reported instead.

use super::model::{BerkasPegawai, Lampiran, Narasi};
use super::tulis::{identitas_lines, lampiran_lines, narasi_lines, pegawai_lines};
use crate::locate::{block_header, paths};

/// The canonical text of a Lampiran file, and the comments it would lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rapi {
    /// The file in the canonical style, comments kept.
    pub text: String,
    /// Comments with no place in it: 1-based line and the comment.
    pub hilang: Vec<(usize, String)>,
}

/// A comment waiting for its key.
struct Komentar {
    line: usize,
    text: String,
}

/// `original` (the text of `table`) in the canonical style.
pub fn lampiran(original: &str, table: &Lampiran) -> Rapi {
    carry(original, &lampiran_lines(table))
}

/// `original` (the text of `narasi`) in the canonical style.
pub fn narasi(original: &str, narasi: &Narasi) -> Rapi {
    carry(original, &narasi_lines(narasi))
}

/// `original` (the text of `berkas`, pegawai.yaml) in the canonical style.
pub fn pegawai(original: &str, berkas: &BerkasPegawai) -> Rapi {
    carry(original, &pegawai_lines(berkas))
}

/// `original` (laporan.yaml or kabupaten.yaml) in the canonical style;
/// `None` when it is not a mapping.
pub fn identitas(original: &str) -> Option<Rapi> {
    match serde_yaml::from_str::<serde_yaml::Value>(original).ok()? {
        serde_yaml::Value::Mapping(map) => Some(carry(original, &identitas_lines(&map))),
        _ => None,
    }
}

/// `map`, the new content of laporan.yaml or kabupaten.yaml, in the
/// canonical style with the comments of `original` (its text before).
pub fn identitas_baru(original: &str, map: &serde_yaml::Mapping) -> Rapi {
    carry(original, &identitas_lines(map))
}

/// `original` written as the canonical `lines` (text, path), its comments
/// hung back on the lines of the same path: for files whose writer lives
/// beside their model (the LKjIP's).
pub fn dengan_komentar(original: &str, lines: &[(String, String)]) -> Rapi {
    carry(original, lines)
}

/// The canonical `lines` (text, path) with the comments of `original`
/// hung back on the lines of the same path.
fn carry(original: &str, lines: &[(String, String)]) -> Rapi {
    let source: Vec<&str> = original.lines().collect();
    // The original line of each canonical path, all found in one pass.
    let found = paths(original);
    let mut at_line: Vec<Option<usize>> = vec![None; source.len() + 1];
    for (i, (_, path)) in lines.iter().enumerate() {
        if let Some(&line) = found.get(path) {
            if at_line[line].is_none() {
                at_line[line] = Some(i);
            }
        }
    }
    // The header: comment lines before the first key, kept as they are.
    let header = source
        .iter()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .count();
    let mut before: Vec<Vec<String>> = vec![Vec::new(); lines.len()];
    let mut after: Vec<Option<String>> = vec![None; lines.len()];
    let mut pending: Vec<Komentar> = Vec::new();
    let mut hilang = Vec::new();
    // The key column of a `|` or `>` line: deeper lines are its text.
    let mut in_block: Option<usize> = None;
    for (n, line) in source.iter().enumerate().skip(header) {
        let number = n + 1;
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(col) = in_block {
            if trimmed.is_empty() || indent > col {
                continue;
            }
            in_block = None;
        }
        if trimmed.is_empty() {
            continue;
        }
        if !trimmed.starts_with('#') {
            in_block = block_header(line);
        }
        if trimmed.starts_with('#') {
            pending.push(Komentar {
                line: number,
                text: trimmed.to_owned(),
            });
            continue;
        }
        let trailing = trailing_comment(line);
        match at_line[number] {
            Some(i) => {
                before[i].extend(pending.drain(..).map(|k| k.text));
                if let Some(t) = trailing {
                    after[i] = Some(t.to_owned());
                }
            }
            None => {
                hilang.extend(pending.drain(..).map(|k| (k.line, k.text)));
                if let Some(t) = trailing {
                    hilang.push((number, t.to_owned()));
                }
            }
        }
    }
    let mut text = String::new();
    for line in &source[..header] {
        text.push_str(line);
        text.push('\n');
    }
    for (i, (line, _)) in lines.iter().enumerate() {
        if line.is_empty() {
            text.push('\n');
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        for comment in &before[i] {
            text.push_str(&" ".repeat(indent));
            text.push_str(comment);
            text.push('\n');
        }
        text.push_str(line);
        if let Some(comment) = &after[i] {
            text.push_str("  ");
            text.push_str(comment);
        }
        text.push('\n');
    }
    // Comments after the last key stay at the end.
    for k in pending {
        text.push_str(&k.text);
        text.push('\n');
    }
    Rapi { text, hilang }
}

/// The comment after a value on its line (`key: value  # note`), outside
/// quotes.
fn trailing_comment(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return Some(&line[i..]),
            None => {}
        }
        previous = c;
    }
    None
}

/// The text of a file of kind `jenis` holding `yaml` (a value as an
/// editor holds it), with the comments of `original`, in the canonical
/// style; false when `yaml` does not have the file's shape: then it is
/// written as plain YAML under `original`'s header, and loading it names
/// what is missing. A realisasi file is written by
/// `crate::init::realisasi`, which knows the report: here it is plain.
pub fn nilai(jenis: super::JenisBerkas, original: &str, yaml: serde_yaml::Value) -> (String, bool) {
    use super::JenisBerkas;
    let written = match jenis {
        JenisBerkas::Identitas => match &yaml {
            serde_yaml::Value::Mapping(map) => Some(identitas_baru(original, map).text),
            _ => None,
        },
        JenisBerkas::Narasi => serde_yaml::from_value::<super::Narasi>(yaml.clone())
            .ok()
            .map(|n| narasi(original, &n).text),
        JenisBerkas::Lampiran => serde_yaml::from_value::<super::Lampiran>(yaml.clone())
            .ok()
            .map(|t| lampiran(original, &t).text),
        JenisBerkas::Pegawai => serde_yaml::from_value::<super::BerkasPegawai>(yaml.clone())
            .ok()
            .map(|b| pegawai(original, &b).text),
        JenisBerkas::Realisasi(_)
        | JenisBerkas::Renstra
        | JenisBerkas::KinerjaLalu
        | JenisBerkas::Lkjip => None,
    };
    match written {
        Some(text) => (text, true),
        None => {
            let header: String = original
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            let body = serde_yaml::to_string(&yaml).unwrap_or_default();
            (header + &body, false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Lampiran {
        crate::content::yaml::parse("x.yaml", text).unwrap()
    }

    #[test]
    fn comments_stay_on_their_keys() {
        let text = "\
# kepala berkas
tingkat: program
pejabat:
  # pejabat pertama
  - jabatan: CAMAT
    sasaran:
      - uraian: 'Sasaran'   # dari dokumen
        indikator:
          - target: 85
            uraian: Indeks
            satuan: Nilai
            bulan:
              # hanya Juni
              juni: 85
";
        let rapi = lampiran(text, &table(text));
        assert_eq!(rapi.hilang, []);
        assert_eq!(
            rapi.text,
            "\
# kepala berkas
tingkat: program
pejabat:
  # pejabat pertama
  - jabatan: CAMAT
    sasaran:
      - uraian: Sasaran  # dari dokumen
        indikator:
          - uraian: Indeks
            satuan: Nilai
            target: 85
            bulan:
              # hanya Juni
              juni: 85
"
        );
        // Canonical already: the same bytes.
        assert_eq!(lampiran(&rapi.text, &table(&rapi.text)).text, rapi.text);
    }

    #[test]
    fn a_comment_on_what_is_not_written_is_reported() {
        let text = "\
tingkat: program
pejabat:
  - jabatan: CAMAT
    sasaran:
      - uraian: Sasaran
        indikator:
          - uraian: Indeks
            satuan: Nilai
            target: 85
            # bawaan, ditulis juga
            penjumlahan: jumlah
            program_kegiatan: []  # belum ada
";
        let rapi = lampiran(text, &table(text));
        assert_eq!(
            rapi.hilang,
            [
                (10, "# bawaan, ditulis juga".to_owned()),
                (12, "# belum ada".to_owned())
            ]
        );
    }

    #[test]
    fn narrative_text_blocks_keep_every_character_and_their_comments() {
        let text = "\
# narasi
kata_pengantar: |-
  Puji syukur.
  # bukan komentar: bagian dari teks
bab:
  # bab pertama
  - judul: 'Pendahuluan'
    isi: |2+
       menjorok satu spasi

  - bagian:
      - isi: \"Satu baris.\\n\"
        judul: Latar
    judul: Penutup
";
        let narasi: Narasi = crate::content::yaml::parse("n.yaml", text).unwrap();
        let rapi = super::narasi(text, &narasi);
        assert_eq!(rapi.hilang, []);
        assert_eq!(
            rapi.text,
            "\
# narasi
kata_pengantar: |-
  Puji syukur.
  # bukan komentar: bagian dari teks

bab:
  # bab pertama
  - judul: Pendahuluan
    isi: |2+
       menjorok satu spasi

  - judul: Penutup
    bagian:
      - judul: Latar
        isi: |
          Satu baris.
"
        );
        let again: Narasi = crate::content::yaml::parse("n.yaml", &rapi.text).unwrap();
        assert_eq!(again.texts(), narasi.texts());
    }

    #[test]
    fn identity_keys_in_the_documented_order() {
        let text = "\
penandatangan:
  nip: 198001012005011002
  # nama lengkap
  nama: I Made Uji
  tanggal: 2024-02-05
kecamatan: Contoh   # dari SK
tahun: 2024
";
        let rapi = super::identitas(text).unwrap();
        assert_eq!(rapi.hilang, []);
        assert_eq!(
            rapi.text,
            "\
kecamatan: Contoh  # dari SK
tahun: 2024
penandatangan:
  tanggal: 2024-02-05
  # nama lengkap
  nama: I Made Uji
  nip: \"198001012005011002\"
"
        );
    }

    #[test]
    fn the_repository_s_tables_keep_every_comment() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let report = crate::content::load(Some(&root.join("content/kubutambahan-2022"))).unwrap();
        for file in &report.lampiran {
            let rapi = lampiran(&file.text, &file.table);
            assert_eq!(rapi.hilang, [], "{}", file.file);
            let comments = |t: &str| t.lines().filter(|l| l.contains('#')).count();
            assert_eq!(comments(&rapi.text), comments(&file.text), "{}", file.file);
        }
    }
}

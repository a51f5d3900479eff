//! The narrative's variables. A narrative is text with a few names filled
//! in — `{{ tahun }}`, `{{ penandatangan.nama }}` — and `{{ "{{" }}` for a
//! brace written as it is; nothing else. No loops, filters or arithmetic:
//! filling a text in takes time in proportion to its length, and its result
//! is held to the same length limit as the text a person writes.

use super::{Report, NARASI_MAX};
use crate::error::Problem;
use crate::format;

/// Every variable a narrative may name, in the order the docs list them.
pub const NAMA: [&str; 11] = [
    "tahun",
    "kecamatan",
    "kabupaten",
    "judul",
    "penandatangan.nama",
    "penandatangan.jabatan",
    "penandatangan.pangkat",
    "penandatangan.golongan",
    "penandatangan.tempat",
    "penandatangan.tanggal",
    "penandatangan.nip",
];

/// The values of [`NAMA`] for one report, in the same order, and those a
/// document adds of its own (the LKjIP's figures), which come first.
pub struct Nilai(pub [String; NAMA.len()], pub Vec<(&'static str, String)>);

impl Nilai {
    fn get(&self, name: &str) -> Option<&str> {
        if let Some((_, v)) = self.1.iter().find(|(n, _)| *n == name) {
            return Some(v);
        }
        let i = NAMA.iter().position(|n| *n == name)?;
        Some(&self.0[i])
    }

    /// Every name it knows, the report's first.
    fn nama(&self) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = NAMA.to_vec();
        for (n, _) in &self.1 {
            if !all.contains(n) {
                all.push(n);
            }
        }
        all
    }

    /// With a document's own variables `tambahan` beside the report's.
    pub fn dengan(mut self, tambahan: Vec<(&'static str, String)>) -> Self {
        self.1 = tambahan;
        self
    }
}

/// Something in a narrative text that cannot be filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalahVariabel {
    /// Byte offset in the text where it starts.
    pub offset: usize,
    /// What is wrong, in Indonesian.
    pub message: String,
    /// What would be right.
    pub hint: String,
}

/// The list or emphasis of `text` nested deeper than a document prints.
pub fn terlalu_dalam(text: &str) -> Option<SalahVariabel> {
    let (offset, depth) = markdown_terlalu_dalam(text)?;
    Some(SalahVariabel {
        offset,
        message: format!(
            "daftar atau penekanan bersarang {depth} tingkat (paling dalam {})",
            DALAM
        ),
        hint: "ratakan daftar bertingkatnya; dokumen resmi memakai dua atau tiga tingkat".into(),
    })
}

/// `text` with its variables filled in, or every expression in it that is
/// not a known variable or a quoted literal.
pub fn isi(text: &str, nilai: &Nilai) -> Result<String, Vec<SalahVariabel>> {
    let mut out = Keluaran::default();
    let mut salah = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find('{') {
        let at = rest + found;
        let after = &text[at + 1..];
        if after.starts_with('%') || after.starts_with('#') {
            let opener = &text[at..at + 2];
            salah.push(SalahVariabel {
                offset: at,
                message: format!("`{opener}` tidak dipakai di narasi"),
                hint: format!(
                    "narasi hanya memakai variabel seperti {{{{ tahun }}}}; untuk menulis `{opener}` apa adanya tulis {{{{ \"{opener}\" }}}}"
                ),
            });
            out.push(&text[rest..at + 2]);
            rest = at + 2;
            continue;
        }
        if !after.starts_with('{') {
            out.push(&text[rest..at + 1]);
            rest = at + 1;
            continue;
        }
        out.push(&text[rest..at]);
        let inner_start = at + 2;
        let Some(close) = closing(&text[inner_start..]) else {
            salah.push(SalahVariabel {
                offset: at,
                message: "`{{` tidak ditutup dengan `}}`".into(),
                hint: "tulis variabel sebagai {{ tahun }}; untuk tanda {{ apa adanya tulis {{ \"{{\" }}".into(),
            });
            rest = text.len();
            break;
        };
        let inner = &text[inner_start..inner_start + close];
        match ekspresi(inner, nilai) {
            Ok(value) => out.push(value),
            Err((message, hint)) => {
                let lead = inner.len() - inner.trim_start().len();
                salah.push(SalahVariabel {
                    offset: inner_start + lead,
                    message,
                    hint,
                });
            }
        }
        rest = inner_start + close + 2;
        if out.karakter > NARASI_MAX {
            salah.push(terlalu_panjang(at));
            return Err(salah);
        }
    }
    out.push(&text[rest..]);
    if out.karakter > NARASI_MAX {
        salah.push(terlalu_panjang(0));
    }
    if salah.is_empty() {
        Ok(out.teks)
    } else {
        Err(salah)
    }
}

/// The text being filled in, with its length in characters kept as it
/// grows, so the limit is checked without counting it again.
#[derive(Default)]
struct Keluaran {
    teks: String,
    karakter: usize,
}

impl Keluaran {
    fn push(&mut self, piece: &str) {
        self.teks.push_str(piece);
        self.karakter += piece.chars().count();
    }
}

/// The filled text passed the limit of a narrative block at `offset`.
fn terlalu_panjang(offset: usize) -> SalahVariabel {
    SalahVariabel {
        offset,
        message: format!(
            "teks terlalu panjang setelah variabel diisi (lebih dari {} karakter)",
            crate::format::angka(NARASI_MAX as f64)
        ),
        hint: "pecah teks ini menjadi beberapa bagian".into(),
    }
}

/// Where the `}}` closing an expression is, skipping quoted text.
fn closing(inner: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '}') if inner[i..].starts_with("}}") => return Some(i),
            (_, '\n') if quote.is_some() => return None,
            _ => {}
        }
    }
    None
}

/// The value of one expression: a known variable or a quoted literal.
fn ekspresi<'a>(inner: &'a str, nilai: &'a Nilai) -> Result<&'a str, (String, String)> {
    let expr = inner.trim();
    for q in ['"', '\''] {
        if let Some(literal) = expr.strip_prefix(q).and_then(|e| e.strip_suffix(q)) {
            if !literal.contains(q) {
                return Ok(literal);
            }
        }
    }
    let names = nilai.nama();
    let daftar = || format!("variabel yang tersedia: {}", names.join(", "));
    if expr.is_empty() {
        return Err(("`{{ }}` tanpa nama variabel".into(), daftar()));
    }
    let is_name = expr
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !is_name {
        return Err((
            format!("`{expr}` bukan nama variabel"),
            format!(
                "narasi hanya memakai variabel, tanpa filter atau perhitungan; {}",
                daftar()
            ),
        ));
    }
    nilai.get(expr).ok_or_else(|| {
        let hint = match crate::content::closest(expr, &names) {
            Some(near) => format!("maksud Anda: {{{{ {near} }}}}?"),
            None => daftar(),
        };
        (format!("variabel `{expr}` tidak dikenal"), hint)
    })
}

/// The title of the document, as the narrative writes it.
pub fn judul(report: &Report) -> String {
    let mut judul = String::from("Rencana Aksi atas Perjanjian Kinerja");
    if report.identitas.perubahan {
        judul.push_str(" Perubahan");
    }
    judul
}

/// The values of the variables a narrative text may use, in the order of
/// [`NAMA`]: `{{ tahun }}`, `{{ kecamatan }}`, …
pub fn nilai(report: &Report) -> Nilai {
    let id = &report.identitas;
    let p = &id.penandatangan;
    Nilai(
        [
            id.tahun.to_string(),
            id.kecamatan.clone(),
            id.kabupaten.clone(),
            judul(report),
            p.nama.clone(),
            p.jabatan.clone(),
            p.pangkat.clone(),
            p.golongan.clone(),
            p.tempat.clone(),
            format::tanggal(p.tanggal.0, id.ejaan_bulan),
            format::nip(&p.nip),
        ],
        Vec::new(),
    )
}

/// Every narrative text whose variables cannot be filled in, all at once
/// (rendering stops at the first).
pub fn masalah(report: &Report) -> Vec<Problem> {
    masalah_di(
        &nilai(report),
        (&report.narasi_file, &report.narasi_text),
        &report.narasi.texts(),
    )
}

/// [`masalah`] of the `texts` (each at its YAML path) of `file` (its name
/// as messages give it, and its text), filled with `nilai`.
pub fn masalah_di(nilai: &Nilai, file: (&str, &str), texts: &[(String, &str)]) -> Vec<Problem> {
    texts
        .iter()
        .flat_map(|(path, text)| match isi(text, nilai) {
            Ok(_) => terlalu_dalam(text)
                .map(|s| narrative_problem(file, path, text, &s))
                .into_iter()
                .collect::<Vec<_>>(),
            Err(salah) => salah
                .iter()
                .map(|s| narrative_problem(file, path, text, s))
                .collect(),
        })
        .collect()
}

/// A text of `file` (its name as messages give it, and its text) with the
/// narrative's variables filled in, as written (no Markdown); a variable
/// that cannot be filled in, or nesting deeper than a document prints, is
/// a problem placed in that file.
pub fn isi_di(
    report: &Report,
    file: (&str, &str),
    path: &str,
    text: &str,
) -> Result<String, Problem> {
    isi_dengan(&nilai(report), file, path, text)
}

/// [`isi_di`] with the variables' values `nilai` already worked out, for
/// a document that fills many texts of one file.
pub fn isi_dengan(
    nilai: &Nilai,
    file: (&str, &str),
    path: &str,
    text: &str,
) -> Result<String, Problem> {
    let filled =
        isi(text, nilai).map_err(|salah| narrative_problem(file, path, text, &salah[0]))?;
    if let Some(salah) = terlalu_dalam(text) {
        return Err(narrative_problem(file, path, text, &salah));
    }
    Ok(filled)
}

/// The problem of `salah`, placed on its line and column of its file (name
/// and text; narasi.yaml for the narrative): the text's line holding it is
/// looked for from where `path` is written.
pub fn narrative_problem(
    (name, file): (&str, &str),
    path: &str,
    text: &str,
    salah: &SalahVariabel,
) -> Problem {
    let problem = Problem::new(name, salah.message.clone())
        .at_path(path)
        .hint(salah.hint.clone());
    let line_start = text[..salah.offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[salah.offset..]
        .find('\n')
        .map_or(text.len(), |i| salah.offset + i);
    let wanted = &text[line_start..line_end];
    let written = crate::locate::nearest(file, path);
    let from = written.map_or(0, |(line, _)| line - 1);
    let found = file.lines().enumerate().skip(from).find_map(|(i, l)| {
        let column = l.find(wanted)?;
        let chars = l[..column].chars().count() + text[line_start..salah.offset].chars().count();
        Some((i + 1, chars + 1))
    });
    match found.or(written) {
        Some((line, column)) => problem.at(file, line, column),
        None => problem,
    }
}

/// How deep lists and emphasis may nest in a narrative text: deeper than
/// any document needs, well within what Typst typesets.
pub const DALAM: usize = 12;

/// Where the first list or emphasis nested deeper than [`DALAM`] starts
/// (a byte offset in `markdown`), and its depth; `None` when there is
/// none. `check` says so before Typst would refuse it.
pub fn markdown_terlalu_dalam(markdown: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (event, range) in
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::empty())
            .into_offset_iter()
    {
        match event {
            pulldown_cmark::Event::Start(
                pulldown_cmark::Tag::List(_)
                | pulldown_cmark::Tag::Emphasis
                | pulldown_cmark::Tag::Strong,
            ) => {
                depth += 1;
                if depth > DALAM {
                    return Some((range.start, depth));
                }
            }
            pulldown_cmark::Event::End(
                pulldown_cmark::TagEnd::List(_)
                | pulldown_cmark::TagEnd::Emphasis
                | pulldown_cmark::TagEnd::Strong,
            ) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nilai() -> Nilai {
        Nilai(NAMA.map(|n| n.to_uppercase()), Vec::new())
    }

    #[test]
    fn fills_names_and_literals() {
        let text = "Tahun {{ tahun }} di {{kecamatan}}: {{ \"{{\" }} dan { x } }}";
        assert_eq!(
            isi(text, &nilai()).unwrap(),
            "Tahun TAHUN di KECAMATAN: {{ dan { x } }}"
        );
        assert_eq!(
            isi("{{ penandatangan.nama }}", &nilai()).unwrap(),
            "PENANDATANGAN.NAMA"
        );
    }

    #[test]
    fn refuses_everything_else_where_it_stands() {
        let text = "a {{ kabupatn }} b {{ \"x\" * 100000000 }} {% for i in range(9) %} {{ tahun | upper }} {{ tahun";
        let salah = isi(text, &nilai()).unwrap_err();
        let at: Vec<(usize, &str)> = salah
            .iter()
            .map(|s| (s.offset, s.message.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (5, "variabel `kabupatn` tidak dikenal"),
                (22, "`\"x\" * 100000000` bukan nama variabel"),
                (41, "`{%` tidak dipakai di narasi"),
                (68, "`tahun | upper` bukan nama variabel"),
                (85, "`{{` tidak ditutup dengan `}}`"),
            ]
        );
        assert!(salah[0].hint.starts_with("maksud Anda: {{ kabupaten }}?"));
    }

    #[test]
    fn the_filled_text_is_bounded() {
        let mut long = nilai();
        long.0[0] = "x".repeat(2_000);
        let text = "{{ tahun }}".repeat(30);
        let salah = isi(&text, &long).unwrap_err();
        assert_eq!(salah.len(), 1);
        assert!(salah[0].message.starts_with("teks terlalu panjang"));
    }
}

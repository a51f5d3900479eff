//! The canonical YAML writer: a Lampiran table written in the project's
//! own style — one fact per line, keys in the documented order, months only
//! where there is a target, nothing derived, text quoted only where YAML
//! would read it otherwise. Every file renaksi writes from data (`import`)
//! goes through here, so two writes of the same data are the same bytes.

use std::fmt::Write as _;

use super::model::{Angka, Indikator, Lampiran, ProgramKegiatan, Tingkat};
use super::pilihan::{Butir, Pilihan};

/// The Lampiran `table` as YAML; `header` lines (without `# `) come first as
/// comments, after the editor's modeline when `schema` names the schema.
pub fn lampiran(table: &Lampiran, schema: Option<&str>, header: &[String]) -> String {
    let mut out = file_header(schema, header);
    for (line, _) in lampiran_lines(table) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// pegawai.yaml in the canonical style, with the modeline naming `schema`
/// and the comment lines `header`.
pub fn pegawai(
    berkas: &super::model::BerkasPegawai,
    schema: Option<&str>,
    header: &[String],
) -> String {
    let mut out = file_header(schema, header);
    for (line, _) in pegawai_lines(berkas) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The comment lines above a file's data: the editor's modeline when
/// `schema` names the schema, then `header` (without `# `).
pub fn file_header(schema: Option<&str>, header: &[String]) -> String {
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "# yaml-language-server: $schema={schema}");
    }
    for line in header {
        let _ = writeln!(out, "# {line}");
    }
    out
}

/// The lines of a Lampiran table in the canonical style, each with the
/// YAML path it writes (`pejabat[0].sasaran[1]` for an item's first line):
/// what `renaksi fmt` hangs comments on.
pub fn lampiran_lines(table: &Lampiran) -> Vec<(String, String)> {
    let mut out = Lines::default();
    out.push(
        "tingkat".into(),
        format!("tingkat: {}", tingkat(table.tingkat)),
    );
    out.push("pejabat".into(), "pejabat:".into());
    for (a, pejabat) in table.pejabat.iter().enumerate() {
        let at = format!("pejabat[{a}]");
        out.push(
            at.clone(),
            format!("  - jabatan: {}", scalar(&pejabat.jabatan)),
        );
        pilihan(&mut out, &at, "    ", pejabat);
        out.push(format!("{at}.sasaran"), "    sasaran:".into());
        for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
            let at = format!("{at}.sasaran[{b}]");
            out.push(
                at.clone(),
                format!("      - uraian: {}", scalar(&sasaran.uraian)),
            );
            pilihan(&mut out, &at, "        ", sasaran);
            out.push(format!("{at}.indikator"), "        indikator:".into());
            for (c, indikator) in sasaran.indikator.iter().enumerate() {
                write_indikator(&mut out, &format!("{at}.indikator[{c}]"), indikator);
            }
            programs(&mut out, &at, "        ", &sasaran.program_kegiatan);
        }
    }
    out.0
}

/// pegawai.yaml in the canonical style: each person's keys in the order
/// docs/format.md gives them (a NIP always quoted), then the statement's
/// texts as `|` blocks; with the YAML path of each line.
pub fn pegawai_lines(berkas: &super::model::BerkasPegawai) -> Vec<(String, String)> {
    let mut out = Lines::default();
    out.push("pegawai".into(), "pegawai:".into());
    for (i, p) in berkas.pegawai.iter().enumerate() {
        let at = format!("pegawai[{i}]");
        out.push(at.clone(), format!("  - jabatan: {}", scalar(&p.jabatan)));
        for (key, value) in p.isian().into_iter().skip(1) {
            let Some(value) = value else { continue };
            let text = if key == "nip" {
                serde_json::to_string(value).unwrap_or_default()
            } else {
                scalar(value)
            };
            out.push(format!("{at}.{key}"), format!("    {key}: {text}"));
        }
    }
    let n = &berkas.pernyataan;
    let texts = [
        ("pembuka", n.pembuka.as_deref()),
        ("pihak_pertama", n.pihak_pertama.as_deref()),
        ("pihak_kedua", n.pihak_kedua.as_deref()),
    ];
    if texts.iter().any(|(_, t)| t.is_some()) {
        out.push("pernyataan".into(), "pernyataan:".into());
        for (key, text) in texts {
            if let Some(text) = text {
                block(&mut out, &format!("pernyataan.{key}"), "  ", key, text);
            }
        }
    }
    out.0
}

/// narasi.yaml in the canonical style: titles as plain text where YAML
/// allows, every text block as `|` (with the chomping and indentation
/// indicators its text needs), one blank line after the Kata Pengantar.
pub fn narasi_lines(narasi: &super::model::Narasi) -> Vec<(String, String)> {
    let mut out = Lines::default();
    block(
        &mut out,
        "kata_pengantar",
        "",
        "kata_pengantar",
        &narasi.kata_pengantar,
    );
    out.push(String::new(), String::new());
    out.push("bab".into(), "bab:".into());
    for (i, bab) in narasi.bab.iter().enumerate() {
        let at = format!("bab[{i}]");
        out.push(at.clone(), format!("  - judul: {}", scalar(&bab.judul)));
        if let Some(isi) = &bab.isi {
            block(&mut out, &format!("{at}.isi"), "    ", "isi", isi);
        }
        if !bab.bagian.is_empty() {
            out.push(format!("{at}.bagian"), "    bagian:".into());
            for (j, bagian) in bab.bagian.iter().enumerate() {
                let at = format!("{at}.bagian[{j}]");
                out.push(
                    at.clone(),
                    format!("      - judul: {}", scalar(&bagian.judul)),
                );
                block(
                    &mut out,
                    &format!("{at}.isi"),
                    "        ",
                    "isi",
                    &bagian.isi,
                );
            }
        }
    }
    out.0
}

/// The lines of [`block`] for a file written elsewhere (the LKjIP's):
/// `key: |` at `path`, then the text's lines.
pub fn blok(path: &str, indent: &str, key: &str, text: &str) -> Vec<(String, String)> {
    let mut out = Lines::default();
    block(&mut out, path, indent, key, text);
    out.0
}

/// `key: |` and the text's lines two spaces deeper than `indent`.
fn block(out: &mut Lines, path: &str, indent: &str, key: &str, text: &str) {
    if text.is_empty() {
        out.push(path.to_owned(), format!("{indent}{key}: \"\""));
        return;
    }
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // A first line starting with a space needs the indentation said.
    let explicit = if body.starts_with(' ') { "2" } else { "" };
    out.push(
        path.to_owned(),
        format!("{indent}{key}: |{explicit}{chomp}"),
    );
    let mut lines: Vec<&str> = body.split('\n').collect();
    // `|+` keeps the blank lines at the end: they are written too.
    lines.extend(std::iter::repeat_n("", trailing.saturating_sub(1)));
    for line in lines {
        if line.is_empty() {
            out.push(String::new(), String::new());
        } else {
            out.push(String::new(), format!("{indent}  {line}"));
        }
    }
}

/// laporan.yaml (or kabupaten.yaml) in the canonical style: keys in the
/// order docs/format.md gives them, then any other key in its own order;
/// the year, booleans, dates and choice words as YAML reads them, a NIP as
/// text.
pub fn identitas_lines(value: &serde_yaml::Mapping) -> Vec<(String, String)> {
    const ORDER: [&str; 15] = [
        "kecamatan",
        "kabupaten",
        "tahun",
        "perubahan",
        "versi_sebelumnya",
        "kertas",
        "huruf",
        "rincian_target",
        "ejaan_bulan",
        "logo",
        "penandatangan",
        "tanda_tangan",
        "monitoring",
        "final_tanpa_peringatan",
        "cetak_jejak",
    ];
    let mut out = Lines::default();
    mapping(&mut out, value, "", "", &ORDER);
    out.0
}

fn mapping(out: &mut Lines, map: &serde_yaml::Mapping, at: &str, indent: &str, order: &[&str]) {
    let mut keys: Vec<&str> = map.keys().filter_map(serde_yaml::Value::as_str).collect();
    keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    for key in keys {
        let path = if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        };
        let Some(value) = map.get(key) else { continue };
        match value {
            serde_yaml::Value::Mapping(inner) => {
                out.push(path.clone(), format!("{indent}{key}:"));
                let order: &[&str] = if key == "penandatangan" {
                    &[
                        "tempat",
                        "tanggal",
                        "jabatan",
                        "nama",
                        "pangkat",
                        "golongan",
                        "nip",
                        "pelaksana",
                    ]
                } else {
                    &[]
                };
                mapping(out, inner, &path, &format!("{indent}  "), order);
            }
            other => {
                let text = match other {
                    serde_yaml::Value::String(s) if key == "nip" => {
                        serde_json::to_string(s).unwrap_or_default()
                    }
                    serde_yaml::Value::String(s)
                        if key == "tanggal"
                            && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() =>
                    {
                        s.clone()
                    }
                    serde_yaml::Value::String(s) => scalar(s),
                    serde_yaml::Value::Number(n) if key == "nip" => format!("\"{n}\""),
                    serde_yaml::Value::Number(n) => n.to_string(),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    serde_yaml::Value::Null => "null".to_owned(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim_end()
                        .to_owned(),
                };
                out.push(path, format!("{indent}{key}: {text}"));
            }
        }
    }
}

/// Lines with their paths.
#[derive(Default)]
struct Lines(Vec<(String, String)>);

impl Lines {
    fn push(&mut self, path: String, line: String) {
        self.0.push((line, path));
    }
}

/// laporan.yaml from `key, value` rows with dotted keys
/// (`penandatangan.nama`), written by [`identitas_lines`] like any
/// laporan.yaml `renaksi fmt` rewrites; `header` lines come first as
/// comments. A year and `perubahan` are read as the number and boolean
/// they are; everything else is text (a date and a NIP written as such).
pub fn identitas(rows: &[(String, String)], schema: Option<&str>, header: &[String]) -> String {
    use serde_yaml::{Mapping, Value};
    let typed = |key: &str, value: &str| match key {
        "tahun" => value
            .parse::<i64>()
            .map_or_else(|_| Value::String(value.to_owned()), Value::from),
        "perubahan" => value
            .parse::<bool>()
            .map_or_else(|_| Value::String(value.to_owned()), Value::Bool),
        _ => Value::String(value.to_owned()),
    };
    let mut map = Mapping::new();
    for (key, value) in rows {
        match key.split_once('.') {
            Some((group, leaf)) => {
                let entry = map
                    .entry(Value::from(group))
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                if let Value::Mapping(inner) = entry {
                    inner.insert(Value::from(leaf), typed(leaf, value));
                }
            }
            None => {
                map.insert(Value::from(key.as_str()), typed(key, value));
            }
        }
    }
    let mut out = file_header(schema, header);
    for (line, _) in identitas_lines(&map) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The YAML name of a level.
pub fn tingkat(tingkat: Tingkat) -> &'static str {
    match tingkat {
        Tingkat::Program => "program",
        Tingkat::Kegiatan => "kegiatan",
        Tingkat::SubKegiatan => "sub_kegiatan",
        Tingkat::Kinerja => "kinerja",
    }
}

/// Month keys in order, as docs/format.md names them: the old spellings
/// (`pebruari`, `nopember`) are read but not written; the printed spelling
/// follows `ejaan_bulan` whatever the keys say.
pub const BULAN: [&str; 12] = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
];

fn write_indikator(out: &mut Lines, at: &str, ind: &Indikator) {
    out.push(
        at.to_owned(),
        format!("          - uraian: {}", scalar(&ind.uraian)),
    );
    out.push(
        format!("{at}.satuan"),
        format!("            satuan: {}", scalar(&ind.satuan)),
    );
    out.push(
        format!("{at}.target"),
        format!("            target: {}", angka(ind.target)),
    );
    let indent = "            ";
    for p in Indikator::PILIHAN.iter().filter(|p| p.awal) {
        satu(out, at, indent, p, ind);
    }
    if let Some(bulan) = &ind.bulan {
        periods(out, at, "bulan", &BULAN, &bulan.values());
    }
    if let Some(triwulan) = &ind.triwulan {
        periods(
            out,
            at,
            "triwulan",
            &["tw1", "tw2", "tw3", "tw4"],
            &triwulan.values(),
        );
    }
    for p in Indikator::PILIHAN.iter().filter(|p| !p.awal) {
        satu(out, at, indent, p, ind);
    }
    programs(out, at, "            ", &ind.program_kegiatan);
}

/// The optional keys of `item` that are written (see
/// [`super::pilihan`]), each on its line at `indent`.
fn pilihan<T: Butir>(out: &mut Lines, at: &str, indent: &str, item: &T) {
    for p in T::PILIHAN {
        satu(out, at, indent, p, item);
    }
}

/// The optional key `p` of `item`, if it is written.
fn satu<T>(out: &mut Lines, at: &str, indent: &str, p: &Pilihan<T>, item: &T) {
    if let Some(value) = p.ditulis(item) {
        let value = if p.kata.is_empty() {
            scalar(&value)
        } else {
            value
        };
        out.push(
            format!("{at}.{}", p.nama),
            format!("{indent}{}: {value}", p.nama),
        );
    }
}

/// `bulan:` or `triwulan:` with only the periods that have a target; an
/// empty one is written `{}` so that it stays what it was.
fn periods(out: &mut Lines, at: &str, key: &str, names: &[&str], values: &[Option<Angka>]) {
    if values.iter().all(Option::is_none) {
        out.push(format!("{at}.{key}"), format!("            {key}: {{}}"));
        return;
    }
    out.push(format!("{at}.{key}"), format!("            {key}:"));
    for (name, value) in names.iter().zip(values) {
        if let Some(value) = value {
            out.push(
                format!("{at}.{key}.{name}"),
                format!("              {name}: {}", angka(*value)),
            );
        }
    }
}

fn programs(out: &mut Lines, at: &str, indent: &str, programs: &[ProgramKegiatan]) {
    if programs.is_empty() {
        return;
    }
    out.push(
        format!("{at}.program_kegiatan"),
        format!("{indent}program_kegiatan:"),
    );
    for (i, program) in programs.iter().enumerate() {
        let item = format!("{at}.program_kegiatan[{i}]");
        out.push(
            item.clone(),
            format!("{indent}  - uraian: {}", scalar(&program.uraian)),
        );
        if let Some(anggaran) = program.anggaran {
            out.push(
                format!("{item}.anggaran"),
                format!("{indent}    anggaran: {anggaran}"),
            );
        }
        pilihan(out, &item, &format!("{indent}    "), program);
    }
}

pub use super::pilihan::{penjumlahan, polaritas};

/// A number as YAML: `85`, `85.5`, `-3`.
pub fn angka(value: Angka) -> String {
    let v = value.0;
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A text as a YAML scalar: plain where YAML reads it back as the same
/// text, else double-quoted (JSON's escaping is valid YAML).
pub fn scalar(text: &str) -> String {
    if plain_is_safe(text) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| c.is_control())
        // `[isi: …]` placeholders read fine either way; quotes keep them
        // visibly something to replace.
        || text.starts_with("[isi:")
    {
        return false;
    }
    // What YAML would read as a number, a boolean, null or a date.
    matches!(
        serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {text}")),
        Ok(serde_yaml::Value::Mapping(m))
            if m.get("k").and_then(serde_yaml::Value::as_str) == Some(text)
    ) && !looks_typed(text)
}

/// Words YAML 1.1 tools read as booleans or null, and dates: quoted so that
/// every tool reads them as text.
fn looks_typed(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "yes", "no", "on", "off", "y", "n", "true", "false", "null", "~",
    ]
    .contains(&lower.as_str())
        || chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_read_back_the_same() {
        assert_eq!(
            scalar("Indeks Kepuasan Masyarakat"),
            "Indeks Kepuasan Masyarakat"
        );
        assert_eq!(scalar("%"), "\"%\"");
        assert_eq!(scalar("100"), "\"100\"");
        assert_eq!(scalar("85.5"), "\"85.5\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2022-10-12"), "\"2022-10-12\"");
        assert_eq!(scalar("Catatan: penting"), "\"Catatan: penting\"");
        assert_eq!(scalar("- butir"), "\"- butir\"");
        assert_eq!(scalar(" spasi"), "\" spasi\"");
        assert_eq!(scalar("baris\nbaru"), "\"baris\\nbaru\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("Dokumen (Laporan)"), "Dokumen (Laporan)");
        assert_eq!(angka(Angka(85.0)), "85");
        assert_eq!(angka(Angka(85.5)), "85.5");
        assert_eq!(angka(Angka(0.25)), "0.25");
    }

    /// Every Lampiran of the repository's reports, written and read back,
    /// writes the same bytes again and means the same (`renaksi diff`).
    #[test]
    fn every_table_of_the_repository_survives_a_write() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("content/kubutambahan-2022")];
        for entry in std::fs::read_dir(root.join("content/buleleng-2022"))
            .unwrap()
            .flatten()
        {
            if entry.path().join("lampiran").is_dir() {
                dirs.push(entry.path());
            }
        }
        let mut tables = 0;
        for dir in dirs {
            let report = crate::content::load(Some(&dir)).unwrap();
            for file in &report.lampiran {
                let written = lampiran(&file.table, None, &[]);
                let again: Lampiran = crate::content::yaml::parse(&file.file, &written).unwrap();
                assert_eq!(lampiran(&again, None, &[]), written, "{}", file.file);
                let changes = crate::diff::files(
                    crate::content::JenisBerkas::Lampiran,
                    &file.file,
                    Some((&file.file, &file.text)),
                    Some((&file.file, &written)),
                )
                .unwrap();
                assert!(changes.is_empty(), "{}: {changes:?}", file.file);
                tables += 1;
            }
        }
        assert!(tables >= 10);
    }
}

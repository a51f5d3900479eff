//! The report as data: loading its YAML files from a [`Source`], and the
//! structural checks that must pass before anything is rendered.

mod bawaan;
pub mod gambar;
mod indent;
pub mod jenis_berkas;
mod model;
pub mod pilihan;
pub mod rapi;
mod recover;
mod source;
mod structure;
pub mod tulis;
pub mod variabel;
pub(crate) mod yaml;

pub use jenis_berkas::JenisBerkas;
pub use model::*;
pub use source::{discover, Berkas, Source};

pub(crate) use yaml::closest;

use crate::error::{Error, Problem};

/// Longest narrative text (a paragraph block of a chapter or section):
/// about fifteen pages of running text.
pub const NARASI_MAX: usize = 50_000;
/// Longest title, name or table cell.
pub const SEL_MAX: usize = 2_000;

/// A report's files, parsed and checked.
#[derive(Debug, Clone)]
pub struct Report {
    /// Where it came from.
    pub source: Source,
    /// `laporan.yaml`.
    pub identitas: Identitas,
    /// The text of `laporan.yaml`, to place problems found later.
    pub identitas_text: String,
    /// `narasi.yaml`.
    pub narasi: Narasi,
    /// The text of `narasi.yaml`, to place errors found while rendering it.
    pub narasi_text: String,
    /// The narrative's file as named in messages: the report's own, or the
    /// batch's shared one.
    pub narasi_file: String,
    /// `lampiran/*.yaml`, one per level, in the order program → kinerja.
    pub lampiran: Vec<LampiranFile>,
    /// The logo image, if the report names one.
    pub logo: Option<Logo>,
    /// `pegawai.yaml` and its text, if the report has one.
    pub pegawai: Option<(BerkasPegawai, String)>,
}

/// The kind of document made from a report: what provenance names, what
/// `build --dokumen` asks for, what one build plan takes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dokumen {
    /// The Rencana Aksi.
    #[default]
    RencanaAksi,
    /// The Perjanjian Kinerja of every official.
    Pk,
    /// The monitoring report of a quarter (1–4).
    Monitoring(usize),
    /// The year-end Laporan Kinerja (LKjIP).
    Lkjip,
}

impl Dokumen {
    /// `rencana-aksi`, `pk`, `monitoring-tw3`: how the PDF's keywords and
    /// the batch manifest name it.
    pub fn kata(&self) -> String {
        match self {
            Dokumen::RencanaAksi => "rencana-aksi".into(),
            Dokumen::Pk => "pk".into(),
            Dokumen::Monitoring(n) => format!("monitoring-tw{n}"),
            Dokumen::Lkjip => "lkjip".into(),
        }
    }

    /// The kind [`Dokumen::kata`] names; `None` for any other word.
    pub fn dari_kata(kata: &str) -> Option<Self> {
        match kata {
            "rencana-aksi" => Some(Dokumen::RencanaAksi),
            "pk" => Some(Dokumen::Pk),
            "lkjip" => Some(Dokumen::Lkjip),
            other => other
                .strip_prefix("monitoring-tw")
                .and_then(|n| n.parse().ok())
                .filter(|n| (1..=4).contains(n))
                .map(Dokumen::Monitoring),
        }
    }
}

/// One Lampiran table and the file it came from.
#[derive(Debug, Clone)]
pub struct LampiranFile {
    /// Its path inside the report folder.
    pub file: String,
    /// Its content.
    pub table: Lampiran,
    /// Its text, to place problems found later.
    pub text: String,
}

/// An image file from the report's folder.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Its path inside the folder.
    pub path: String,
    /// File extension as Typst expects it (`png`, `jpg`, `svg`).
    pub format: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The report's main file.
pub const LAPORAN: &str = "laporan.yaml";
/// The narrative file.
pub const NARASI: &str = "narasi.yaml";
/// The people of the office, for the Perjanjian Kinerja (optional).
pub const PEGAWAI: &str = "pegawai.yaml";
/// A batch's defaults, in the batch folder above the report folders.
pub const KABUPATEN: &str = "kabupaten.yaml";
/// The folder of Lampiran tables.
pub const LAMPIRAN: &str = "lampiran";
/// The largest YAML file read: forty times a table of 350 sasaran (100 kB;
/// the example's largest is 17 kB). YAML parses at about 11 MB/s, so
/// checking even a file this large, errors and all, stays near a second.
pub const MAX_FILE_BYTES: usize = crate::fs::YAML.bita as usize;

impl Report {
    /// Reads and checks every file of the report. Every problem found in
    /// any file is returned at once; only an unreadable file stops early.
    /// A report folder inside a batch (beside a kabupaten.yaml) takes the
    /// batch's defaults and, when it has none of its own, its narasi.yaml.
    pub fn load(source: Source) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let own = parse_file::<BerkasLaporan>(&source, LAPORAN, &mut problems)?;
        let own_text = own.as_ref().map(|(_, text)| text.clone());
        let batch = source.batch();
        let bawaan = match batch {
            Some(batch) => parse_file::<BerkasLaporan>(batch, KABUPATEN, &mut problems)?,
            None => None,
        };
        let narasi_source = match batch {
            Some(batch) if !source.exists(NARASI) => batch,
            _ => &source,
        };
        let narasi_file = narasi_source.display(NARASI);
        let narasi = parse_file::<Narasi>(narasi_source, NARASI, &mut problems)?;
        let pegawai = if source.exists(PEGAWAI) {
            parse_file::<BerkasPegawai>(&source, PEGAWAI, &mut problems)?
        } else {
            None
        };
        let files = daftar_lampiran(
            &source,
            "buat lampiran/1-program.yaml dan seterusnya (lihat docs/format.md)",
            &mut problems,
        )?;
        let order = reading_order(&source, &narasi_file, &files);
        let lampiran = baca_lampiran(&source, files, &[], &mut problems)?;
        // In a batch whose kabupaten.yaml did not parse, wait for it.
        let identitas = match (own, &bawaan) {
            (Some((own, text)), bawaan) if batch.is_none() || bawaan.is_some() => {
                let bawaan = bawaan.as_ref().map(|(b, _)| b);
                bawaan::resolve(&mut problems, &source, own, bawaan).map(|id| (id, text))
            }
            _ => None,
        };
        let logo = match identitas.as_ref().map(|(id, _)| id) {
            Some(id) => match bawaan::logo(&source, id) {
                Ok(logo) => logo,
                Err(Error::Input(found)) => {
                    problems.extend(found);
                    None
                }
                Err(err) => return Err(err),
            },
            None => None,
        };
        // What the types alone cannot say, in every file that parsed.
        if let Some((id, _)) = &identitas {
            structure::identitas(&mut problems, &source.display(LAPORAN), id);
        }
        if let Some((narasi, _)) = &narasi {
            structure::narasi(&mut problems, &narasi_file, narasi);
        }
        let rincian = identitas.as_ref().map(|(id, _)| id.rincian_target);
        structure::tables(&mut problems, &source, &lampiran, rincian);
        // Problems found after parsing have a path; give them a line too.
        let mut texts: Vec<(String, &str)> = lampiran
            .iter()
            .map(|l| (source.display(&l.file), l.text.as_str()))
            .collect();
        if let Some(text) = &own_text {
            texts.push((source.display(LAPORAN), text));
        }
        if let (Some(batch), Some((_, text))) = (batch, &bawaan) {
            texts.push((batch.display(KABUPATEN), text));
        }
        if let Some((_, text)) = &narasi {
            texts.push((narasi_file.clone(), text));
        }
        if let Some((_, text)) = &pegawai {
            texts.push((source.display(PEGAWAI), text));
        }
        for problem in problems.iter_mut().filter(|p| p.line.is_none()) {
            let text = texts.iter().find(|(file, _)| *file == problem.file);
            let at = text
                .zip(problem.path.as_deref())
                .and_then(|((_, text), path)| {
                    crate::locate::nearest(text, path).map(|(line, column)| (*text, line, column))
                });
            if let Some((text, line, column)) = at {
                // An anchor or a tag on the key's line took its value: what
                // is wrong there is the missing quotes.
                *problem = match yaml::anchor_or_tag(text, line) {
                    Some((column, message, hint)) => Problem {
                        message,
                        hint: Some(hint),
                        path: None,
                        ..problem.clone()
                    }
                    .at(text, line, column),
                    None => problem.clone().at(text, line, column),
                };
            }
        }
        problems.sort_by_key(|p| order.key(p));
        let (Some((identitas, identitas_text)), Some((narasi, narasi_text))) = (identitas, narasi)
        else {
            return Err(problems.into());
        };
        let report = Report {
            source,
            identitas,
            identitas_text,
            narasi,
            narasi_text,
            narasi_file,
            lampiran,
            logo,
            pegawai,
        };
        if problems.is_empty() {
            Ok(report)
        } else {
            Err(problems.into())
        }
    }
}

/// The Lampiran tables of `source` alone, in the order program → kinerja:
/// another version's, for comparing with this one's. A file with the same
/// text as one of `known` (this version's tables) is that table, not
/// parsed again. Every problem of any of them at once.
pub fn tabel_lampiran(source: &Source, known: &[LampiranFile]) -> Result<Vec<LampiranFile>, Error> {
    let mut problems = Vec::new();
    let files = daftar_lampiran(
        source,
        "versi laporan ini memerlukan tabel lampiran/*.yaml",
        &mut problems,
    )?;
    let lampiran = baca_lampiran(source, files, known, &mut problems)?;
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(lampiran)
}

/// The Lampiran files of `source`; none is a problem, with `hint`.
fn daftar_lampiran(
    source: &Source,
    hint: &str,
    found: &mut Vec<Problem>,
) -> Result<Vec<String>, Error> {
    let files = source.list_yaml(LAMPIRAN)?;
    if files.is_empty() {
        found.push(Problem::new(source.display(LAMPIRAN), "tidak ada tabel lampiran").hint(hint));
    }
    Ok(files)
}

/// The tables of `files`, each read once, in the order program → kinerja;
/// a file whose text is one of `known` is that table. Problems go to
/// `found`.
fn baca_lampiran(
    source: &Source,
    files: Vec<String>,
    known: &[LampiranFile],
    found: &mut Vec<Problem>,
) -> Result<Vec<LampiranFile>, Error> {
    let mut lampiran = Vec::new();
    for file in files {
        let bytes = source.read(&file)?;
        let same = bytes
            .as_deref()
            .and_then(|b| known.iter().find(|k| k.text.as_bytes() == b));
        if let Some(same) = same {
            lampiran.push(LampiranFile {
                file,
                ..same.clone()
            });
        } else if let Some((table, text)) =
            parse_bytes::<Lampiran>(&source.display(&file), &file, bytes, found)
        {
            lampiran.push(LampiranFile { file, table, text });
        }
    }
    lampiran.sort_by_key(|l| l.table.tingkat as u8);
    Ok(lampiran)
}

/// The order in which a person reads a report's files, to list problems in.
pub struct ReadingOrder(Vec<String>);

impl ReadingOrder {
    /// Sort key of a problem: its file in reading order, then line and
    /// column; a problem without a line comes after those of its file.
    pub fn key(&self, p: &Problem) -> (Option<usize>, usize, usize) {
        let file = self.0.iter().position(|f| *f == p.file);
        (file, p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0))
    }
}

/// laporan.yaml, the batch's kabupaten.yaml, narasi.yaml, the Lampiran
/// files by name, then pegawai.yaml, as displayed.
fn reading_order(source: &Source, narasi_file: &str, lampiran: &[String]) -> ReadingOrder {
    let mut files = vec![source.display(LAPORAN)];
    files.extend(source.batch().map(|b| b.display(KABUPATEN)));
    files.push(narasi_file.to_owned());
    files.extend(lampiran.iter().map(|f| source.display(f)));
    files.push(source.display(PEGAWAI));
    ReadingOrder(files)
}

impl Report {
    /// The order in which a person reads this report's files.
    pub fn reading_order(&self) -> ReadingOrder {
        let mut files: Vec<String> = self.lampiran.iter().map(|l| l.file.clone()).collect();
        files.sort();
        reading_order(&self.source, &self.narasi_file, &files)
    }

    /// The index in `lampiran` of the head of office's table: the
    /// program-level table, else the first. Its first official is the one
    /// the LKjIP reports on and whose programs carry the office's budget.
    pub fn tabel_kepala(&self) -> usize {
        self.lampiran
            .iter()
            .position(|l| l.table.tingkat == Tingkat::Program)
            .unwrap_or(0)
    }
}

/// Reads and parses one file. Problems in it go to `found` (and `None` is
/// returned); only a file that cannot be read at all is an `Err`.
pub(crate) fn parse_file<T: serde::de::DeserializeOwned>(
    source: &Source,
    rel: &str,
    found: &mut Vec<Problem>,
) -> Result<Option<(T, String)>, Error> {
    let bytes = source.read(rel)?;
    Ok(parse_bytes(&source.display(rel), rel, bytes, found))
}

/// [`parse_file`] of the file `rel` (named `display`) already read:
/// `None` when it does not exist.
fn parse_bytes<T: serde::de::DeserializeOwned>(
    display: &str,
    rel: &str,
    bytes: Option<Vec<u8>>,
    found: &mut Vec<Problem>,
) -> Option<(T, String)> {
    let Some(bytes) = bytes else {
        found.push(
            Problem::new(display, "berkas tidak ditemukan").hint(format!(
                "setiap laporan memerlukan {rel} (lihat docs/format.md)"
            )),
        );
        return None;
    };
    if bytes.len() > MAX_FILE_BYTES {
        found.push(
            Problem::new(
                display,
                crate::fs::terlalu_besar(bytes.len() as u64, crate::fs::YAML),
            )
            .hint("periksa apakah ini memang berkas laporan; bagi tabel yang sangat besar ke beberapa laporan"),
        );
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            let mut problem = Problem::new(display, "berkas bukan teks UTF-8")
                .hint("simpan ulang berkas dengan pengodean UTF-8");
            problem.line = Some(line);
            problem.column = Some(column);
            found.push(problem);
            return None;
        }
    };
    match yaml::parse(display, &text) {
        Ok(value) => Some((value, text)),
        Err(problems) => {
            found.extend(problems);
            None
        }
    }
}

/// Parses the text of one report file on its own, without the checks that
/// need the other files; every structure problem is reported at once.
pub fn parse<T: serde::de::DeserializeOwned>(display: &str, text: &str) -> Result<T, Vec<Problem>> {
    yaml::parse(display, text)
}

pub(super) fn load_logo(source: &Source, file: &str, path: &str) -> Result<Logo, Error> {
    let bytes = source.read(path)?.ok_or_else(|| {
        Problem::new(file, format!("berkas logo `{path}` tidak ditemukan"))
            .at_path("logo")
            .hint(
                "letakkan gambar di folder laporan dan tulis jalurnya relatif terhadap folder itu",
            )
    })?;
    let Some(format) = gambar::format(&bytes) else {
        return Err(
            Problem::new(file, format!("`{path}` bukan gambar PNG, JPEG atau SVG"))
                .at_path("logo")
                .hint("gunakan berkas .png, .jpg atau .svg")
                .into(),
        );
    };
    gambar::periksa(format, path, &bytes).map_err(|tolak| {
        Problem::new(file, tolak.message)
            .at_path("logo")
            .hint(tolak.hint)
    })?;
    Ok(Logo {
        path: path.to_owned(),
        format,
        bytes,
    })
}

/// Loads the report in `dir`, or the bundled example when `dir` is `None`.
pub fn load(dir: Option<&std::path::Path>) -> Result<Report, Error> {
    let source = match dir {
        Some(dir) => Source::from_dir(dir)?,
        None => Source::example(),
    };
    Report::load(source)
}

/// How the report in `dir` (or the bundled example) is named in messages.
pub fn label(dir: Option<&std::path::Path>) -> String {
    match dir {
        Some(dir) => Source::label_of(dir),
        None => Source::example().label,
    }
}

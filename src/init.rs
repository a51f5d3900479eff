//! `renaksi init`: a new report folder, either the built-in scaffold with
//! placeholders `[isi: …]` that `check` flags until they are filled, or a
//! copy of last year's report with the year moved on where it is data.
//!
//! The files are edited as text, line by line, so comments, order and
//! quoting stay as the user wrote them; only the values that change do.

use std::fs;
use std::path::{Component, Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::content::{self, locate, Berkas, IDENTITAS, KABUPATEN, LAMPIRAN};
use crate::error::{Error, Problem};

/// One line of what init did or what a person still has to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catatan {
    /// The file, inside the new report folder.
    pub berkas: String,
    /// 1-based line, when it is about one line.
    pub baris: Option<usize>,
    /// What, in Indonesian.
    pub pesan: String,
}

/// The new report before it is written.
#[derive(Debug, Clone)]
pub struct Rencana {
    /// Every file of the new folder.
    pub files: Vec<Berkas>,
    /// The year of the new report.
    pub tahun: i32,
    /// What was changed from the old report.
    pub diubah: Vec<Catatan>,
    /// What a person still has to look at.
    pub periksa: Vec<Catatan>,
}

/// The scaffold for a report of `tahun` (the Perubahan if `perubahan`),
/// signed on `tanggal` (to be reviewed), with its three JSON Schemas in
/// `.schema/` for the editor.
pub fn kerangka(tahun: i32, tanggal: NaiveDate, perubahan: bool) -> Rencana {
    let mut files: Vec<Berkas> = crate::embedded::SCAFFOLD
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    // The scaffold's own year and date are not worth reporting as changes.
    let mut ignored = Vec::new();
    let mut tanggal_line = None;
    if let Some((name, bytes)) = files.iter_mut().find(|(n, _)| n == IDENTITAS) {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        let mut edit = Editor::new(name, &mut text, &mut ignored);
        edit.set("tahun", &tahun.to_string(), "tahun");
        let date = tanggal.format("%Y-%m-%d").to_string();
        edit.set("penandatangan.tanggal", &date, "tanggal penandatanganan");
        edit.set("perubahan", &perubahan.to_string(), "perubahan");
        tanggal_line = locate(&text, "penandatangan.tanggal").map(|(l, _)| l);
        *bytes = text.into_bytes();
    }
    for jenis in crate::schema::Jenis::ALL {
        let schema = crate::schema::text(jenis);
        files.push((
            format!(".schema/{}", jenis.file_name()),
            schema.into_bytes(),
        ));
    }
    let mut periksa = vec![Catatan {
        berkas: IDENTITAS.to_owned(),
        baris: tanggal_line,
        pesan: format!(
            "tanggal penandatanganan kini {}: sesuaikan dengan tanggal penetapan",
            tanggal.format("%Y-%m-%d")
        ),
    }];
    periksa.extend(
        files
            .iter()
            .filter(|(name, _)| name.ends_with(".yaml"))
            .filter_map(|(name, bytes)| {
                let count = String::from_utf8_lossy(bytes)
                    .lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .map(|l| l.matches(crate::check::PENANDA).count())
                    .sum::<usize>();
                (count > 0).then(|| Catatan {
                    berkas: name.clone(),
                    baris: None,
                    pesan: format!("{count} tempat isian [isi: …]"),
                })
            }),
    );
    periksa.sort_by_key(reading_order);
    Rencana {
        files,
        tahun,
        diubah: Vec::new(),
        periksa,
    }
}

/// Last year's report (or batch) `files` made into the report of `tahun`
/// (by default the next year). `perubahan` marks the new one as the
/// Perubahan; a copy within the same year is one as well.
pub fn lanjutkan(
    files: Vec<Berkas>,
    label: &str,
    tahun: Option<i32>,
    perubahan: bool,
) -> Result<Rencana, Error> {
    let lama = old_year(&files, label)?;
    let tahun = tahun.unwrap_or(lama + 1);
    let perubahan = perubahan || tahun == lama;
    let mut rencana = Rencana {
        files: Vec::new(),
        tahun,
        diubah: Vec::new(),
        periksa: Vec::new(),
    };
    for (name, bytes) in files {
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        let text = match String::from_utf8(bytes) {
            Ok(text) if is_yaml => text,
            Ok(text) => {
                rencana.files.push((name, text.into_bytes()));
                continue;
            }
            Err(e) => {
                rencana.files.push((name, e.into_bytes()));
                continue;
            }
        };
        let mut text = text;
        let file_name = name.rsplit('/').next().unwrap_or(&name);
        // The identity's data is its keys (a logo named logo-2022.png is a
        // file name, not a year); text elsewhere is moved word by word.
        if file_name == IDENTITAS || file_name == KABUPATEN {
            identitas(&name, &mut text, lama, tahun, perubahan, &mut rencana);
        } else {
            years(&name, &mut text, lama, tahun, &mut rencana.diubah);
        }
        if name.starts_with(&format!("{LAMPIRAN}/")) || name.contains(&format!("/{LAMPIRAN}/")) {
            review_table(&name, &text, tahun, &mut rencana.periksa);
        }
        rencana.files.push((name, text.into_bytes()));
    }
    rencana.diubah.sort_by_key(reading_order);
    rencana.periksa.sort_by_key(reading_order);
    Ok(rencana)
}

/// Folder by folder, laporan.yaml and kabupaten.yaml, then narasi.yaml,
/// then the tables; within a file by line.
fn reading_order(c: &Catatan) -> (String, u8, String, usize) {
    let (folder, file) = c.berkas.rsplit_once('/').unwrap_or(("", &c.berkas));
    let (folder, rank) = match (folder, file) {
        (_, IDENTITAS | KABUPATEN) => (folder.to_owned(), 0),
        (_, crate::content::NARASI) => (folder.to_owned(), 1),
        // A table's folder is the report folder above lampiran/.
        (f, _) => (
            f.strip_suffix(LAMPIRAN)
                .unwrap_or(f)
                .trim_end_matches('/')
                .to_owned(),
            2,
        ),
    };
    (folder, rank, c.berkas.clone(), c.baris.unwrap_or(0))
}

/// The year of the old report: laporan.yaml's `tahun`, or in a batch
/// kabupaten.yaml's.
fn old_year(files: &[Berkas], label: &str) -> Result<i32, Error> {
    for name in [IDENTITAS, KABUPATEN] {
        let Some((_, bytes)) = files.iter().find(|(n, _)| n == name) else {
            continue;
        };
        let display = format!("{label}/{name}");
        let value: serde_json::Value =
            content::parse(&display, &String::from_utf8_lossy(bytes)).map_err(Error::Input)?;
        if let Some(tahun) = value.get("tahun").and_then(serde_json::Value::as_i64) {
            return i32::try_from(tahun)
                .ok()
                .filter(|y| (1000..10_000).contains(y))
                .ok_or_else(|| {
                    Problem::new(&display, format!("tahun {tahun} bukan tahun laporan"))
                        .at_path("tahun")
                        .hint("tulis tahun empat angka, misalnya 2022")
                        .into()
                });
        }
    }
    Err(Problem::new(
        format!("{label}/{IDENTITAS}"),
        "tahun laporan lama tidak ditemukan",
    )
    .hint("berikan folder laporan (berisi laporan.yaml dengan `tahun`) atau folder batch (berisi kabupaten.yaml dengan `tahun`)")
    .into())
}

/// laporan.yaml or kabupaten.yaml: the year, the signing date, Perubahan;
/// and what a person must look at: the date, the official, the QR code.
fn identitas(
    name: &str,
    text: &mut String,
    lama: i32,
    tahun: i32,
    perubahan: bool,
    rencana: &mut Rencana,
) {
    use serde_json::Value;
    let value: Value = content::parse(name, text).unwrap_or(Value::Null);
    let original = text.clone();
    let made = rencana.diubah.len();
    // What each edit is meant to leave in the file, checked afterwards.
    let mut expected: Vec<(&str, Value)> = Vec::new();
    let mut edit = Editor::new(name, text, &mut rencana.diubah);
    if value.get("tahun").is_some() {
        edit.set("tahun", &tahun.to_string(), "tahun");
        expected.push(("/tahun", tahun.into()));
    }
    match value.get("perubahan").and_then(Value::as_bool) {
        Some(was) if was != perubahan => {
            edit.set("perubahan", &perubahan.to_string(), "perubahan");
            if !perubahan {
                if let Some(last) = edit.diubah.last_mut() {
                    last.pesan.push_str(
                        " (Rencana Aksi awal tahun baru; --perubahan untuk Rencana Aksi Perubahan)",
                    );
                }
            }
            expected.push(("/perubahan", perubahan.into()));
        }
        None if perubahan && value.get("tahun").is_some() => {
            edit.insert_after("tahun", "perubahan: true", "perubahan");
            expected.push(("/perubahan", true.into()));
        }
        _ => {}
    }
    let p = &value["penandatangan"];
    let date = p["tanggal"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let moved = date.map(|date| {
        shift(date, tahun.saturating_sub(lama))
            .format("%Y-%m-%d")
            .to_string()
    });
    if let Some(moved) = &moved {
        edit.set("penandatangan.tanggal", moved, "tanggal penandatanganan");
        expected.push(("/penandatangan/tanggal", moved.as_str().into()));
    }
    // An edit the file's writing defeated (flow style, say) is undone as a
    // whole and left to a person, rather than half done.
    let after: Value = content::parse(name, text).unwrap_or(Value::Null);
    let done = expected.iter().all(|(path, want)| {
        after.pointer(path).is_some_and(|got| match got {
            Value::String(got) => want.as_str() == Some(got.trim()),
            got => got == want,
        })
    });
    if !done {
        *text = original;
        rencana.diubah.truncate(made);
        rencana.periksa.push(Catatan {
            berkas: name.to_owned(),
            baris: None,
            pesan: format!(
                "tahun, tanggal dan perubahan tidak dapat diubah otomatis di berkas ini: ubah sendiri (tahun {tahun}{}, perubahan: {perubahan})",
                moved.as_ref().map(|m| format!(", tanggal {m}")).unwrap_or_default()
            ),
        });
    } else if let Some(moved) = &moved {
        rencana.periksa.push(Catatan {
            berkas: name.to_owned(),
            baris: locate(text, "penandatangan.tanggal").map(|(l, _)| l),
            pesan: format!(
                "tanggal penandatanganan kini {moved}: sesuaikan dengan tanggal penetapan"
            ),
        });
    }
    if let Some(nama) = p["nama"].as_str() {
        let jabatan = p["jabatan"].as_str().unwrap_or("penandatangan");
        let nip = p["nip"]
            .as_str()
            .map(|n| format!(", NIP {n}"))
            .unwrap_or_default();
        let pelaksana = p["pelaksana"]
            .as_str()
            .map(|x| format!("; masih {}?", x.to_uppercase()))
            .unwrap_or_default();
        rencana.periksa.push(Catatan {
            berkas: name.to_owned(),
            baris: locate(text, "penandatangan.nama").map(|(l, _)| l),
            pesan: format!(
                "{jabatan}: {nama}{nip} — masih menjabat? periksa juga pangkat dan golongan{pelaksana}"
            ),
        });
    }
    if value["tanda_tangan"]["qr"].is_string() {
        rencana.periksa.push(Catatan {
            berkas: name.to_owned(),
            baris: locate(text, "tanda_tangan.qr").map(|(l, _)| l),
            pesan: format!(
                "kode QR masih berisi tautan dokumen lama: ganti dengan tautan dokumen {tahun}"
            ),
        });
    }
}

/// `date` moved by `years`; 29 February becomes the 28th when needed.
fn shift(date: NaiveDate, years: i32) -> NaiveDate {
    let Some(year) = date.year().checked_add(years) else {
        return date;
    };
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

/// The old year written as a word in the file's text, moved on where it
/// is data; a regulation ("Nomor 5 Tahun 2022", "Tahun 2022 tentang") is
/// history and keeps its year, and so do comments.
fn years(name: &str, text: &mut String, lama: i32, tahun: i32, diubah: &mut Vec<Catatan>) {
    let old = lama.to_string();
    let new = tahun.to_string();
    if lama == tahun || !text.contains(&old) {
        return;
    }
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('#') {
            out.push_str(line);
            continue;
        }
        let mut changed = String::with_capacity(line.len());
        let mut rest = 0;
        let mut moved = false;
        for (at, _) in line.match_indices(&old) {
            let before = &line[..at];
            let after = &line[at + old.len()..];
            let alone = !before.ends_with(|c: char| c.is_ascii_digit())
                && !after.starts_with(|c: char| c.is_ascii_digit());
            if !alone || citation(before, after) || quoted(before) {
                continue;
            }
            changed.push_str(&line[rest..at]);
            changed.push_str(&new);
            rest = at + old.len();
            moved = true;
        }
        changed.push_str(&line[rest..]);
        if moved {
            diubah.push(Catatan {
                berkas: name.to_owned(),
                baris: Some(n + 1),
                pesan: format!("{old} → {new}: {}", cuplikan(changed.trim(), &new)),
            });
        }
        out.push_str(&changed);
    }
    *text = out;
}

/// Whether the year between `before` and `after` names a regulation.
fn citation(before: &str, after: &str) -> bool {
    let trimmed = before.trim_end();
    let tahun = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("tahun"));
    let ahead = after.trim_start().to_lowercase();
    (tahun && crate::check::regulation(&trimmed[..trimmed.len() - 5]))
        || ahead.starts_with("tentang")
}

/// Whether a typographic quotation (“…”) is open at the end of `before`:
/// a year inside one is quoted history, such as a vision statement.
fn quoted(before: &str) -> bool {
    before.matches('“').count() > before.matches('”').count()
}

/// A few words around `word` in `line`.
fn cuplikan(line: &str, word: &str) -> String {
    let at = line.find(word).unwrap_or(0);
    let start = line[..at]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(0, |(i, _)| i + 1);
    let end = line[at..]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(line.len(), |(i, _)| at + i);
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < line.len() { " …" } else { "" };
    format!("{lead}{}{tail}", &line[start..end])
}

/// A Lampiran table's size, for the reminder to review its targets.
fn review_table(name: &str, text: &str, tahun: i32, periksa: &mut Vec<Catatan>) {
    let Ok(table) = content::parse::<content::Lampiran>(name, text) else {
        return;
    };
    let sasaran: Vec<_> = table.pejabat.iter().flat_map(|p| &p.sasaran).collect();
    let indikator = sasaran.iter().map(|s| s.indikator.len()).sum::<usize>();
    let programs: Vec<_> = sasaran
        .iter()
        .flat_map(|s| {
            s.program_kegiatan
                .iter()
                .chain(s.indikator.iter().flat_map(|i| &i.program_kegiatan))
        })
        .collect();
    let anggaran: u64 = programs.iter().filter_map(|p| p.anggaran).sum();
    let mut pesan = format!(
        "{} pejabat, {} sasaran, {indikator} indikator: tinjau target {tahun}",
        table.pejabat.len(),
        sasaran.len()
    );
    if !programs.is_empty() {
        pesan.push_str(&format!(
            "; {} program/kegiatan, anggaran {}: sesuaikan dengan DPA {tahun}",
            programs.len(),
            crate::render::format::rupiah(anggaran).replace('\u{a0}', " ")
        ));
    }
    periksa.push(Catatan {
        berkas: name.to_owned(),
        baris: None,
        pesan,
    });
}

/// Edits the values of single-line keys of one YAML file in place.
struct Editor<'a> {
    name: &'a str,
    text: &'a mut String,
    diubah: &'a mut Vec<Catatan>,
}

impl<'a> Editor<'a> {
    fn new(name: &'a str, text: &'a mut String, diubah: &'a mut Vec<Catatan>) -> Self {
        Editor { name, text, diubah }
    }

    /// Sets the scalar at `path` to `value`, keeping quotes style aside:
    /// the value is written plain. A trailing comment stays.
    fn set(&mut self, path: &str, value: &str, what: &str) {
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
        self.diubah.push(Catatan {
            berkas: self.name.to_owned(),
            baris: Some(line),
            pesan: format!("{what} {old} → {value}"),
        });
    }

    /// Adds the line `entry` after the top-level key `key`.
    fn insert_after(&mut self, key: &str, entry: &str, what: &str) {
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
        self.diubah.push(Catatan {
            berkas: self.name.to_owned(),
            baris: Some(line + 1),
            pesan: format!("{what} ditambahkan: {entry}"),
        });
    }
}

/// Every regular file below `dir` by its `/`-separated path, sorted; the
/// `.git` folder and symbolic links are left out.
pub fn read_tree(dir: &Path) -> Result<Vec<Berkas>, Error> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Berkas>) -> Result<(), Error> {
        let entries =
            fs::read_dir(dir).map_err(|e| Error::io("tidak dapat membaca folder", dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("tidak dapat membaca folder", dir, e))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| Error::io("tidak dapat membaca", &path, e))?;
            if entry.file_name() == ".git" || kind.is_symlink() {
                continue;
            }
            if kind.is_dir() {
                walk(root, &path, out)?;
            } else if kind.is_file() {
                let bytes =
                    fs::read(&path).map_err(|e| Error::io("tidak dapat membaca", &path, e))?;
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push((rel.join("/"), bytes));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Writes `files` as the new folder `dir`, all or nothing: they go to a
/// temporary folder beside it that is then renamed. An existing `dir` is
/// refused unless it is empty; nothing in it is ever overwritten.
pub fn write_tree(dir: &Path, files: &[Berkas]) -> Result<(), Error> {
    let exists = match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::Usage {
                    message: format!("folder {} sudah berisi berkas", dir.display()),
                    hint: "pilih nama folder baru; renaksi init tidak menimpa apa pun".into(),
                });
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io("tidak dapat membuka folder", dir, e)),
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("tidak dapat membuat folder", &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".renaksi-init-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io("tidak dapat membuat folder sementara di", &parent, e))?;
    for (rel, bytes) in files {
        let inside = Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            continue;
        }
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .map_err(|e| Error::io("tidak dapat membuat folder", folder, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io("tidak dapat menulis", &path, e))?;
    }
    if exists {
        fs::remove_dir(dir)
            .map_err(|e| Error::io("tidak dapat mengganti folder kosong", dir, e))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, dir).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        Error::io("tidak dapat membuat folder", dir, e)
    })
}

/// The `$schema` modelines of copied files point at the same schema from
/// the new folder, when `old` and `new` are at different depths.
pub fn fix_modelines(files: &mut [Berkas], old: &Path, new: &Path) {
    const MODELINE: &str = "# yaml-language-server: $schema=";
    let (Ok(old), Some(new)) = (old.canonicalize(), absolute(new)) else {
        return;
    };
    for (rel, bytes) in files.iter_mut() {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let Some(first) = text.lines().next() else {
            continue;
        };
        let Some(target) = first.strip_prefix(MODELINE) else {
            continue;
        };
        if target.contains("://") || Path::new(target).is_absolute() {
            continue;
        }
        let folder = |root: &Path| match Path::new(rel.as_str()).parent() {
            Some(p) => root.join(p),
            None => root.to_path_buf(),
        };
        let Ok(schema) = folder(&old).join(target).canonicalize() else {
            continue;
        };
        let Some(relative) = relative(&folder(&new), &schema) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if relative != target {
            let rest = &text[first.len()..];
            *bytes = format!("{MODELINE}{relative}{rest}").into_bytes();
        }
    }
}

/// `path` made absolute without requiring it to exist.
fn absolute(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.canonicalize().ok()?,
        _ => std::env::current_dir().ok()?,
    };
    Some(parent.join(path.file_name()?))
}

/// The path that leads from the folder `from` to `to` (both absolute).
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_year_but_not_a_regulation_or_a_comment() {
        let mut text = "# Disalin dari laporan 2022\nisi: Target tahun 2022 sesuai Peraturan Bupati Nomor 5 Tahun 2022 dan Perbup 2022 tentang SAKIP; NIP 196502071997021001 dan 12022\nvisi: “Bali Era Baru 2022” untuk tahun 2022\n".to_owned();
        let mut diubah = Vec::new();
        years("narasi.yaml", &mut text, 2022, 2023, &mut diubah);
        assert_eq!(
            text,
            "# Disalin dari laporan 2022\nisi: Target tahun 2023 sesuai Peraturan Bupati Nomor 5 Tahun 2022 dan Perbup 2022 tentang SAKIP; NIP 196502071997021001 dan 12022\nvisi: “Bali Era Baru 2022” untuk tahun 2023\n"
        );
        assert_eq!(diubah.len(), 2);
        assert_eq!(diubah[0].baris, Some(2));
    }

    #[test]
    fn sets_a_value_and_keeps_its_comment() {
        let mut text =
            "kecamatan: A\ntahun: 2022 # tahun anggaran\npenandatangan:\n  tanggal: 2022-10-12\n"
                .to_owned();
        let mut diubah = Vec::new();
        let mut edit = Editor::new("laporan.yaml", &mut text, &mut diubah);
        edit.set("tahun", "2023", "tahun");
        edit.set("penandatangan.tanggal", "2023-10-12", "tanggal");
        edit.insert_after("tahun", "perubahan: true", "perubahan");
        assert_eq!(
            text,
            "kecamatan: A\ntahun: 2023 # tahun anggaran\nperubahan: true\npenandatangan:\n  tanggal: 2023-10-12\n"
        );
        assert_eq!(diubah[0].pesan, "tahun 2022 → 2023");
    }

    #[test]
    fn a_file_whose_writing_defeats_the_edits_is_left_to_a_person() {
        let flow = "{kecamatan: A, kabupaten: B, tahun: 2022, penandatangan: {tempat: A, tanggal: 2022-10-12, jabatan: C, nama: D, pangkat: E, golongan: IV/a, nip: \"1\"}}\n";
        let files = vec![(IDENTITAS.to_owned(), flow.as_bytes().to_vec())];
        let rencana = lanjutkan(files, "lama", None, false).unwrap();
        assert_eq!(rencana.files[0].1, flow.as_bytes(), "nothing half done");
        assert!(rencana.diubah.is_empty());
        assert!(rencana.periksa.iter().any(|c| c.pesan.starts_with(
            "tahun, tanggal dan perubahan tidak dapat diubah otomatis di berkas ini: ubah sendiri (tahun 2023, tanggal 2023-10-12, perubahan: false)"
        )));
    }

    #[test]
    fn leap_day_moves_to_the_28th() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(
            shift(date, 1),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
    }
}

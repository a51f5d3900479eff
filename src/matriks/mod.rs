//! The Perubahan's change table, "Matriks Perubahan": when a Rencana Aksi
//! Perubahan names its previous version (a folder, or the report folder at
//! a git revision), its Lampiran is followed by a table of what changed in
//! the Lampiran — per official, each changed sasaran, indicator, target
//! and budget, before and after, with the reason written beside the
//! changed item (`alasan`).
//!
//! The changes are those `renaksi diff` reports ([`crate::diff::lampiran`]),
//! grouped: an official, then a sasaran, then the indicator or program
//! changed (the "butir"), then its changes. A butir's reason is the
//! `alasan` of the nearest item holding it in the new version: the
//! program, else the indicator, else the sasaran, else the official.

pub mod ikuti;

use std::path::Path;

use serde::Serialize;

use crate::content::{
    self, Berkas, Ejaan, Indikator, Lampiran, LampiranFile, Pejabat, ProgramKegiatan, Report,
    Sasaran, Sebelumnya, Source,
};
use crate::diff::{self, JenisPerubahan, Perubahan};
use crate::error::{Error, Problem};

/// The previous version of a Perubahan: its Lampiran tables and the files
/// they came from.
#[derive(Debug)]
pub struct VersiLama {
    /// How it is named in messages: `content/x-murni`, `content/x@ra-murni`.
    pub label: String,
    /// Where it was found.
    pub asal: Sebelumnya,
    /// Named on the command line (`--sebelumnya`), not in the YAML.
    pub dari_perintah: bool,
    /// Its tables, in the order program → kinerja.
    pub lampiran: Vec<LampiranFile>,
    /// The document it is, as its laporan.yaml names it: "Rencana Aksi
    /// Tahun 2022 tanggal 2 Januari 2022"; `None` when that file says too
    /// little.
    pub dokumen: Option<String>,
}

impl VersiLama {
    /// Its table files by their paths inside its folder, sorted: what the
    /// source digest adds, under `sebelumnya/`.
    pub fn berkas(&self) -> Vec<Berkas> {
        let mut files: Vec<Berkas> = self
            .lampiran
            .iter()
            .map(|l| {
                (
                    format!("{SEBELUMNYA}/{}", l.file),
                    l.text.as_bytes().to_vec(),
                )
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// How the matrix names it, as a reader would: the document and its
    /// date ("Rencana Aksi Tahun 2022 tanggal 2 Januari 2022"), never a
    /// path; "Rencana Aksi sebelum perubahan" when its laporan.yaml does
    /// not say.
    pub fn judul(&self) -> String {
        self.dokumen
            .clone()
            .unwrap_or_else(|| "Rencana Aksi sebelum perubahan".to_owned())
    }

    /// Where it was read from, for messages: `revisi git REV`,
    /// `folder PATH`.
    pub fn nama(&self) -> String {
        match &self.asal {
            Sebelumnya::Git(rev) => format!("revisi git {rev}"),
            Sebelumnya::Folder(path) => format!("folder {}", path.display()),
        }
    }

    /// `git:REV` or `folder:PATH`, as the PDF's keywords record it.
    pub fn kata(&self) -> String {
        match &self.asal {
            Sebelumnya::Git(rev) => format!("git:{rev}"),
            Sebelumnya::Folder(path) => format!("folder:{}", path.display()),
        }
    }
}

/// The folder name the previous version's files have in the source digest.
pub const SEBELUMNYA: &str = "sebelumnya";

/// The previous version in `source` as a reader names it, from its
/// laporan.yaml: "Rencana Aksi [Perubahan] Tahun N", and "tanggal D" when
/// it has its signing date; the year and date of `report`'s batch when the
/// file leaves them to kabupaten.yaml are not guessed: `None` without a
/// year.
fn dokumen(source: &Source, report: &Report) -> Option<String> {
    let bytes = source.read(content::LAPORAN).ok()??;
    let yaml: serde_yaml::Value = serde_yaml::from_slice(&bytes).ok()?;
    let tahun = yaml.get("tahun")?.as_i64()?;
    let perubahan = yaml
        .get("perubahan")
        .and_then(serde_yaml::Value::as_bool)
        .unwrap_or(false);
    let mut out = format!(
        "Rencana Aksi{} Tahun {tahun}",
        if perubahan { " Perubahan" } else { "" }
    );
    let tanggal = yaml
        .get("penandatangan")
        .and_then(|p| p.get("tanggal"))
        .and_then(serde_yaml::Value::as_str)
        .and_then(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
    if let Some(t) = tanggal {
        out.push_str(" tanggal ");
        out.push_str(&crate::format::tanggal(t, report.identitas.ejaan_bulan));
    }
    Some(out)
}

/// Loads the previous version of `report` named on the command line
/// (`perintah`), else in laporan.yaml or kabupaten.yaml; `None` when none
/// is named, or the report is not a Perubahan (`check` warns of that; on
/// the command line it is refused).
pub fn muat(report: &Report, perintah: Option<&Sebelumnya>) -> Result<Option<VersiLama>, Error> {
    let (asal, dari_perintah) = match (perintah, &report.identitas.versi_sebelumnya) {
        (Some(p), _) => (p.clone(), true),
        (None, Some(v)) => (v.clone(), false),
        (None, None) => return Ok(None),
    };
    if !report.identitas.perubahan {
        if dari_perintah {
            return Err(Error::Usage {
                message: format!(
                    "{} bukan Rencana Aksi Perubahan: Matriks Perubahan hanya untuk Perubahan",
                    report.source.label
                ),
                hint: "tulis `perubahan: true` di laporan.yaml, atau susun tanpa --sebelumnya"
                    .into(),
            });
        }
        return Ok(None);
    }
    let source = match (&asal, report.source.asal()) {
        (Sebelumnya::Folder(path), _) if dari_perintah => Source::from_dir(path)?,
        (Sebelumnya::Folder(path), Some((dir, None))) => {
            Source::from_dir(&beside(report, dir, path)?)?
        }
        (Sebelumnya::Folder(path), Some((dir, Some(rev)))) => {
            crate::git::source(&dir.join(path), rev)
                .map_err(|e| di_yaml(report, &asal, dari_perintah, e))?
        }
        (Sebelumnya::Git(rev), Some((dir, _))) => {
            crate::git::source(dir, rev).map_err(|e| di_yaml(report, &asal, dari_perintah, e))?
        }
        (_, None) => {
            return Err(Error::Usage {
                message: format!(
                    "{}: versi sebelumnya tidak dapat dibaca dari contoh bawaan",
                    report.source.label
                ),
                hint: "salin contohnya dengan `renaksi init FOLDER`, lalu susun folder itu".into(),
            })
        }
    };
    let lampiran = content::tabel_lampiran(&source, &report.lampiran)?;
    Ok(Some(VersiLama {
        label: source.label.clone(),
        dokumen: dokumen(&source, report),
        asal,
        dari_perintah,
        lampiran,
    }))
}

/// A previous version named in the YAML that git cannot read (an unknown
/// revision, a folder outside git): a problem of the file and line that
/// name it, laporan.yaml's or the batch's kabupaten.yaml's. Named on the
/// command line, the error as it is.
fn di_yaml(report: &Report, asal: &Sebelumnya, dari_perintah: bool, err: Error) -> Error {
    let Error::Usage { message, .. } = err else {
        return err;
    };
    if dari_perintah {
        return Error::Usage {
            message,
            hint: "sebut revisi yang ada (tag, cabang atau commit; lihat `git log`) dengan --sebelumnya-git, atau folder dengan --sebelumnya".into(),
        };
    }
    let key = match asal {
        Sebelumnya::Git(_) => "versi_sebelumnya.git",
        Sebelumnya::Folder(_) => "versi_sebelumnya.folder",
    };
    let own = crate::locate::locate(&report.identitas_text, key).is_some();
    let batch = report.source.batch().filter(|_| !own);
    let (file, text) = match batch {
        Some(batch) => (
            batch.display(content::KABUPATEN),
            batch
                .read(content::KABUPATEN)
                .ok()
                .flatten()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default(),
        ),
        None => (
            report.source.display(content::LAPORAN),
            report.identitas_text.clone(),
        ),
    };
    Problem::new(file, format!("versi_sebelumnya: {message}"))
        .at_path(key)
        .hint("tulis revisi git yang ada (tag, cabang atau commit; lihat `git log`), atau `folder: ../FOLDER` di samping folder laporan ini")
        .letakkan(&text)
        .into()
}

/// The folder `path` (from laporan.yaml) of the report in `dir`, refused
/// unless it is beside the report folder, also through symbolic links.
fn beside(report: &Report, dir: &Path, path: &Path) -> Result<std::path::PathBuf, Error> {
    let target = dir.join(path);
    let refuse = |why: &str| -> Error {
        Problem::new(
            report.source.display(content::LAPORAN),
            format!("versi_sebelumnya: {} {why}", path.display()),
        )
        .at_path("versi_sebelumnya.folder")
        .hint("tulis folder laporan versi sebelumnya di samping folder ini, misalnya `folder: ../kubutambahan-2022-murni`")
        .letakkan(&report.identitas_text)
        .into()
    };
    let real = target.canonicalize().map_err(|_| refuse("tidak ada"))?;
    let parent = dir.parent().unwrap_or(dir);
    if !real.starts_with(parent) || real.starts_with(dir) || !real.is_dir() {
        return Err(refuse("bukan folder di samping folder laporan ini"));
    }
    Ok(real)
}

/// The change table of a report whose previous version is loaded.
#[derive(Debug, Serialize)]
pub struct Matriks {
    /// How the previous version is named (`revisi git …`, `folder …`).
    pub dari: String,
    /// Per table and official, in table order.
    pub pejabat: Vec<KelompokPejabat>,
}

/// An official's changes in one table.
#[derive(Debug, Serialize)]
pub struct KelompokPejabat {
    /// The official.
    pub jabatan: String,
    /// The table's file inside the report folder.
    #[serde(skip)]
    pub file: String,
    /// The sasaran changed, or holding changes.
    pub sasaran: Vec<KelompokSasaran>,
}

/// A sasaran's changes; `uraian` empty for the official's own (a renamed
/// or added official).
#[derive(Debug, Serialize)]
pub struct KelompokSasaran {
    /// Its number in the matrix, from 1.
    pub nomor: usize,
    /// The sasaran (its new text when renamed).
    pub uraian: String,
    /// Its changed items.
    pub butir: Vec<Butir>,
    /// The table rows it takes: one per change.
    pub baris: usize,
}

/// One changed item: the sasaran itself (`uraian` empty), an indicator or
/// a program; with its changes and the reason for them.
#[derive(Debug, Serialize)]
pub struct Butir {
    /// The indicator or program, as the table names it.
    pub uraian: String,
    /// The reason, if the item or one holding it has one.
    pub alasan: Option<String>,
    /// Each change.
    pub ubah: Vec<Ubah>,
    /// Where its reason is written or would be: the YAML path of the
    /// nearest item of the new version that holds it; `None` for an
    /// official removed whole.
    #[serde(skip)]
    pub path: Option<String>,
}

/// One change, before and after, as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ubah {
    /// What changed: `Target Juni`, `Anggaran`, `Indikator baru`.
    pub apa: String,
    /// Before (`–` for something added).
    pub semula: String,
    /// After (`–` for something removed).
    pub menjadi: String,
}

/// The changes of a diff the matrix leaves out: what the plan does not
/// print (how periods add up, which way is better) and the reasons
/// themselves.
const BUKAN: [&str; 4] = ["penjumlahan", "polaritas", "tingkat", "alasan"];

/// The matrix of `report` against `lama`; `None` when nothing in the
/// Lampiran changed.
pub fn susun(report: &Report, lama: &VersiLama) -> Matriks {
    let changes = diff::lampiran(&lama.lampiran, &report.lampiran);
    let ejaan = report.identitas.ejaan_bulan;
    let mut pejabat: Vec<KelompokPejabat> = Vec::new();
    let mut nomor = 0;
    for change in changes.iter().filter(|c| masuk(c)) {
        let Some(baru) = report.lampiran.iter().find(|l| l.file == change.berkas) else {
            continue;
        };
        let tingkat = baru.table.tingkat;
        let lama_table = lama
            .lampiran
            .iter()
            .find(|l| l.table.tingkat == tingkat)
            .map(|l| &l.table);
        let t = tempat(change, &baru.table, lama_table);
        let group = match pejabat
            .iter()
            .position(|g| g.file == change.berkas && g.jabatan == t.jabatan)
        {
            Some(i) => &mut pejabat[i],
            None => {
                pejabat.push(KelompokPejabat {
                    jabatan: t.jabatan.clone(),
                    file: change.berkas.clone(),
                    sasaran: Vec::new(),
                });
                pejabat.last_mut().expect("just pushed")
            }
        };
        let sasaran = match group.sasaran.iter().position(|s| s.uraian == t.sasaran) {
            Some(i) => &mut group.sasaran[i],
            None => {
                nomor += 1;
                group.sasaran.push(KelompokSasaran {
                    nomor,
                    uraian: t.sasaran.clone(),
                    butir: Vec::new(),
                    baris: 0,
                });
                group.sasaran.last_mut().expect("just pushed")
            }
        };
        sasaran.baris += 1;
        let uraian = t.butir(tingkat);
        let butir = match sasaran.butir.iter().position(|b| b.uraian == uraian) {
            Some(i) => &mut sasaran.butir[i],
            None => {
                sasaran.butir.push(Butir {
                    uraian,
                    alasan: t.alasan.clone(),
                    ubah: Vec::new(),
                    path: t.path.clone(),
                });
                sasaran.butir.last_mut().expect("just pushed")
            }
        };
        butir
            .ubah
            .push(ubah(change, diganti(change, tingkat), ejaan));
    }
    Matriks {
        dari: lama.judul(),
        pejabat,
    }
}

/// Whether a change of the Lampiran goes into the matrix.
fn masuk(change: &Perubahan) -> bool {
    !BUKAN.contains(&change.apa.as_str())
}

/// A change as the matrix prints it: its first letter a capital, months
/// in the report's spelling.
fn ubah(change: &Perubahan, diganti: bool, ejaan: Ejaan) -> Ubah {
    let mut apa = match change.apa.as_str() {
        "keterangan" => "keterangan (KET)".to_owned(),
        "jabatan" => "jabatan".to_owned(),
        kind if diganti => format!("uraian {kind}"),
        other => other.to_owned(),
    };
    if ejaan == Ejaan::Lama {
        apa = apa
            .replace("Februari", "Pebruari")
            .replace("November", "Nopember");
    }
    let kosong = || "–".to_owned();
    let (semula, menjadi) = match change.jenis {
        JenisPerubahan::Ubah => (
            change.lama.clone().unwrap_or_else(kosong),
            change.baru.clone().unwrap_or_else(kosong),
        ),
        JenisPerubahan::Tambah => (kosong(), change.baru.clone().unwrap_or_else(kosong)),
        JenisPerubahan::Hapus => (change.lama.clone().unwrap_or_else(kosong), kosong()),
    };
    Ubah {
        apa: kapital(&apa),
        semula,
        menjadi,
    }
}

fn kapital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a change is: its official, sasaran, indicator and program (each
/// as named in the new version, or the old for what was removed), and the
/// reason and YAML path of the nearest item holding it in the new version.
#[derive(Debug, Default)]
struct Tempat {
    jabatan: String,
    sasaran: String,
    indikator: Option<String>,
    program: Option<String>,
    alasan: Option<String>,
    path: Option<String>,
}

impl Tempat {
    /// The butir's text: the indicator, the program (after the word the
    /// table's column uses for it), or both; empty for the sasaran itself.
    fn butir(&self, tingkat: content::Tingkat) -> String {
        let word = tingkat.kolom().1;
        // "Program: Program Pemberdayaan …" says it twice.
        let program = |p: &str| {
            if p.to_lowercase().starts_with(&word.to_lowercase()) {
                p.to_owned()
            } else {
                format!("{word}: {p}")
            }
        };
        match (&self.indikator, &self.program) {
            (Some(i), Some(p)) => format!("{i} › {}", program(p)),
            (Some(i), None) => i.clone(),
            (None, Some(p)) => program(p),
            (None, None) => String::new(),
        }
    }
}

/// The names along a change's place: its `letak`, and for a renamed row
/// (`apa` the row's kind, old → new) the new name one level deeper.
fn nama(change: &Perubahan, tingkat: content::Tingkat) -> Vec<String> {
    let mut names = change.letak.clone();
    if diganti(change, tingkat) {
        if let Some(baru) = &change.baru {
            names.push(baru.clone());
        }
    }
    names
}

/// Whether a change is a row renamed in place: `apa` is the row's kind.
fn diganti(change: &Perubahan, tingkat: content::Tingkat) -> bool {
    change.jenis == JenisPerubahan::Ubah
        && match (change.letak.len(), change.apa.as_str()) {
            (0, "jabatan") | (1, "sasaran") | (2, "indikator") => true,
            (2 | 3, apa) => apa == diff::kata_program(tingkat),
            _ => false,
        }
}

fn tempat(change: &Perubahan, baru: &Lampiran, lama: Option<&Lampiran>) -> Tempat {
    let names = nama(change, baru.tingkat);
    let mut t = Tempat {
        jabatan: names.first().cloned().unwrap_or_default(),
        sasaran: names.get(1).cloned().unwrap_or_default(),
        ..Tempat::default()
    };
    // The third name is an indicator or a sasaran's program: whichever the
    // new version, else the old, has by that name.
    let jenis_ketiga = |table: &Lampiran| -> Option<bool> {
        let s = cari_sasaran(table, &t.jabatan, &t.sasaran)?.1;
        let name = names.get(2)?;
        if s.indikator.iter().any(|i| &i.uraian == name) {
            Some(true)
        } else if s.program_kegiatan.iter().any(|p| &p.uraian == name) {
            Some(false)
        } else {
            None
        }
    };
    let indikator = names.len() == 4
        || jenis_ketiga(baru)
            .or_else(|| lama.and_then(jenis_ketiga))
            .unwrap_or(true);
    match (names.get(2), names.get(3)) {
        (Some(i), Some(p)) => {
            t.indikator = Some(i.clone());
            t.program = Some(p.clone());
        }
        (Some(x), None) if indikator => t.indikator = Some(x.clone()),
        (Some(p), None) => t.program = Some(p.clone()),
        _ => {}
    }
    alasan(&mut t, baru);
    t
}

/// The reason and path of the nearest item of `table` holding the change
/// at `t`.
fn alasan(t: &mut Tempat, table: &Lampiran) {
    let Some((a, pejabat)) = table
        .pejabat
        .iter()
        .enumerate()
        .find(|(_, p)| p.jabatan == t.jabatan)
    else {
        return;
    };
    let mut at = format!("pejabat[{a}]");
    let mut reason = pejabat.alasan.clone();
    let found = |r: &mut Option<String>, own: &Option<String>| {
        if own.is_some() {
            r.clone_from(own);
        }
    };
    let done = |t: &mut Tempat, at: String, reason: Option<String>| {
        t.path = Some(at);
        t.alasan = reason;
    };
    let Some((b, sasaran)) = index(&pejabat.sasaran, |s: &Sasaran| s.uraian == t.sasaran) else {
        return done(t, at, reason);
    };
    at = format!("{at}.sasaran[{b}]");
    found(&mut reason, &sasaran.alasan);
    let program_of = |list: &[ProgramKegiatan], at: &str, reason: &mut Option<String>| {
        let name = t.program.as_deref()?;
        let (d, p) = index(list, |p: &ProgramKegiatan| p.uraian == name)?;
        found(reason, &p.alasan);
        Some(format!("{at}.program_kegiatan[{d}]"))
    };
    match &t.indikator {
        Some(name) => {
            let Some((c, ind)) = index(&sasaran.indikator, |i: &Indikator| &i.uraian == name)
            else {
                return done(t, at, reason);
            };
            at = format!("{at}.indikator[{c}]");
            found(&mut reason, &ind.alasan);
            if let Some(deeper) = program_of(&ind.program_kegiatan, &at, &mut reason) {
                at = deeper;
            }
        }
        None => {
            if let Some(deeper) = program_of(&sasaran.program_kegiatan, &at, &mut reason) {
                at = deeper;
            }
        }
    }
    done(t, at, reason);
}

fn index<T>(list: &[T], hit: impl Fn(&T) -> bool) -> Option<(usize, &T)> {
    list.iter().enumerate().find(|(_, x)| hit(x))
}

fn cari_sasaran<'a>(
    table: &'a Lampiran,
    jabatan: &str,
    uraian: &str,
) -> Option<(&'a Pejabat, &'a Sasaran)> {
    let p = table.pejabat.iter().find(|p| p.jabatan == jabatan)?;
    Some((p, p.sasaran.iter().find(|s| s.uraian == uraian)?))
}

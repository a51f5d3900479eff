//! What is compared: one report folder, or a batch folder of them (a
//! kabupaten.yaml, a shared narasi.yaml and one folder per kecamatan), on
//! disk or at a git revision.

use std::path::Path;

use super::{identitas, narasi, report_changes, Catatan, JenisPerubahan, Perubahan};
use crate::content::{self, Berkas, Narasi, Report, Source, KABUPATEN, LAPORAN, NARASI};
use crate::error::{Error, Problem};

/// One version of a report or of a batch.
#[derive(Debug)]
pub enum Versi {
    /// A report folder.
    Laporan(Box<Report>),
    /// A batch folder.
    Batch(Batch),
}

/// A batch: its defaults, its shared narrative and its reports.
#[derive(Debug)]
pub struct Batch {
    /// How the batch folder is named in messages.
    pub label: String,
    /// The text of kabupaten.yaml.
    pub kabupaten: String,
    /// The shared narasi.yaml, if there is one.
    pub narasi: Option<Narasi>,
    /// Each kecamatan's report by its folder name, sorted.
    pub laporan: Vec<(String, Report)>,
}

impl Versi {
    /// How this version is named in messages.
    pub fn label(&self) -> &str {
        match self {
            Versi::Laporan(report) => &report.source.label,
            Versi::Batch(batch) => &batch.label,
        }
    }

    /// The report or batch in the folder `dir`.
    pub fn from_dir(dir: &Path) -> Result<Self, Error> {
        if !dir.join(KABUPATEN).is_file() {
            return Ok(Versi::Laporan(Box::new(Report::load(Source::from_dir(
                dir,
            )?)?)));
        }
        let label = Source::label_of(dir);
        let read = |name: &str| -> Result<Option<String>, Error> {
            let path = dir.join(name);
            match crate::fs::baca_jika_ada(&path, crate::fs::YAML)? {
                Some(bytes) => text(&format!("{label}/{name}"), bytes).map(Some),
                None => Ok(None),
            }
        };
        let kabupaten = read(KABUPATEN)?.unwrap_or_default();
        let narasi = match read(NARASI)? {
            Some(t) => Some(parse_narasi(&format!("{label}/{NARASI}"), &t)?),
            None => None,
        };
        let mut laporan = Vec::new();
        for folder in crate::content::discover(dir)? {
            let name = folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            laporan.push((name, Report::load(Source::from_dir(&folder)?)?));
        }
        Ok(Versi::Batch(Batch {
            label,
            kabupaten,
            narasi,
            laporan,
        }))
    }

    /// The report or batch in the folder `dir` at git revision `rev`.
    pub fn from_git(dir: &Path, rev: &str) -> Result<Self, Error> {
        let folder = crate::git::folder(dir, rev)?;
        let Some((_, kabupaten)) = folder.files.iter().find(|(n, _)| n == KABUPATEN) else {
            return Ok(Versi::Laporan(Box::new(Report::load(
                folder.into_source(),
            )?)));
        };
        let label = folder.label.clone();
        let kabupaten = text(&format!("{label}/{KABUPATEN}"), kabupaten.clone())?;
        let shared: Vec<Berkas> = folder
            .files
            .iter()
            .filter(|(n, _)| n == KABUPATEN || n == NARASI)
            .cloned()
            .collect();
        let narasi = match shared.iter().find(|(n, _)| n == NARASI) {
            Some((_, bytes)) => {
                let display = format!("{label}/{NARASI}");
                Some(parse_narasi(&display, &text(&display, bytes.clone())?)?)
            }
            None => None,
        };
        // Each subfolder with a laporan.yaml is a kecamatan.
        let mut names: Vec<&str> = folder
            .files
            .iter()
            .filter_map(|(n, _)| n.strip_suffix(&format!("/{LAPORAN}")))
            .filter(|n| !n.contains('/'))
            .collect();
        names.sort();
        let mut laporan = Vec::new();
        for name in names {
            let inside = format!("{name}/");
            let files = folder
                .files
                .iter()
                .filter_map(|(n, b)| Some((n.strip_prefix(&inside)?.to_owned(), b.clone())));
            let report_label = format!("{}/{name}@{rev}", Source::label_of(dir));
            let source = Source::memory(&report_label, name, files)
                .from_git(&dir.join(name), rev)
                .in_batch(Source::memory(&label, "", shared.clone()));
            laporan.push((name.to_owned(), Report::load(source)?));
        }
        Ok(Versi::Batch(Batch {
            label,
            kabupaten,
            narasi,
            laporan,
        }))
    }
}

impl Batch {
    /// The report of the kecamatan folder `name`.
    fn report(&self, name: &str) -> Option<&Report> {
        self.laporan.iter().find(|(n, _)| n == name).map(|(_, r)| r)
    }
}

fn text(display: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|_| {
        Problem::new(display, "berkas bukan teks UTF-8")
            .hint("simpan ulang berkas dengan pengodean UTF-8")
            .into()
    })
}

fn parse_narasi(display: &str, text: &str) -> Result<Narasi, Error> {
    content::parse(display, text).map_err(Error::Input)
}

/// Every change between two versions of the same kind.
pub fn versions(lama: &Versi, baru: &Versi) -> Result<Vec<Perubahan>, Error> {
    match (lama, baru) {
        (Versi::Laporan(a), Versi::Laporan(b)) => super::reports(a, b),
        (Versi::Batch(a), Versi::Batch(b)) => batches(a, b),
        _ => Err(Error::Usage {
            message: format!(
                "{} dan {} tidak sejenis: satu folder laporan, satu folder batch",
                lama.label(),
                baru.label()
            ),
            hint: "bandingkan dua folder laporan, atau dua folder batch (berisi kabupaten.yaml)"
                .into(),
        }),
    }
}

/// kabupaten.yaml, the shared narrative once, then each kecamatan (paired
/// by folder name) with its files named inside the batch.
fn batches(lama: &Batch, baru: &Batch) -> Result<Vec<Perubahan>, Error> {
    let mut out = Vec::new();
    let (a, b) = (
        identitas::parse(&format!("{}/{KABUPATEN}", lama.label), &lama.kabupaten)?,
        identitas::parse(&format!("{}/{KABUPATEN}", baru.label), &baru.kabupaten)?,
    );
    identitas::compare(&mut Catatan::new(KABUPATEN, &mut out), &a, &b);
    match (&lama.narasi, &baru.narasi) {
        (Some(a), Some(b)) => narasi::compare(&mut Catatan::new(NARASI, &mut out), a, b),
        (None, Some(b)) => narasi::whole(
            &mut Catatan::new(NARASI, &mut out),
            b,
            JenisPerubahan::Tambah,
        ),
        (Some(a), None) => narasi::whole(
            &mut Catatan::new(NARASI, &mut out),
            a,
            JenisPerubahan::Hapus,
        ),
        (None, None) => {}
    }
    let own_narasi = |r: &Report| r.narasi_file.starts_with(&format!("{}/", r.source.label));
    let mut names: Vec<&str> = lama
        .laporan
        .iter()
        .chain(&baru.laporan)
        .map(|(n, _)| n.as_str())
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        let file = format!("{name}/{LAPORAN}");
        match (lama.report(name), baru.report(name)) {
            (Some(a), Some(b)) => {
                let narasi = own_narasi(a) || own_narasi(b);
                report_changes(&mut out, &format!("{name}/"), a, b, narasi)?;
            }
            (None, Some(b)) => summary(&mut out, &file, b, JenisPerubahan::Tambah),
            (Some(a), None) => summary(&mut out, &file, a, JenisPerubahan::Hapus),
            (None, None) => {}
        }
    }
    Ok(out)
}

/// A kecamatan added to or removed from the batch, in one line.
fn summary(out: &mut Vec<Perubahan>, file: &str, report: &Report, jenis: JenisPerubahan) {
    let indikator: usize = report
        .lampiran
        .iter()
        .flat_map(|l| &l.table.pejabat)
        .flat_map(|p| &p.sasaran)
        .map(|s| s.indikator.len())
        .sum();
    let id = &report.identitas;
    let what = format!(
        "Kecamatan {}, {} — {indikator} indikator",
        id.kecamatan, id.penandatangan.nama
    );
    let mut catatan = Catatan::new(file, out);
    match jenis {
        JenisPerubahan::Tambah => catatan.tambah(&[], "kecamatan baru", Some(what)),
        _ => catatan.hapus(&[], "kecamatan dihapus", Some(what)),
    }
}

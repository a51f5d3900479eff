//! What changed between two versions of a report, in the report's own
//! terms: "CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks
//! Kepuasan Masyarakat …: target Juni 40 → 45", not changed YAML lines.
//!
//! Rows are matched by their text (an official by jabatan, a sasaran or an
//! indicator by uraian); a row whose text changed in place is matched by
//! position and reported as renamed, with its other changes under the new
//! name.

mod identitas;
mod kata;
pub(crate) mod lampiran;
mod lkjip;
mod narasi;
mod pegawai;
mod realisasi;
mod versi;

use std::fmt;

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::content::{self, BerkasPegawai, Lampiran, LampiranFile, Narasi, Report};
use crate::error::Error;

pub use kata::word_diff;
pub use lampiran::program_word as kata_program;
pub use versi::{versions, Batch, Versi};

/// The longest any one comparison may take; past it, what is left of the
/// two sides is shown as removed and added rather than aligned.
pub const WAKTU: std::time::Duration = std::time::Duration::from_secs(1);

/// Separates the levels of a place in the report.
pub const PANAH: &str = " › ";

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JenisPerubahan {
    /// A value changed.
    Ubah,
    /// Something was added.
    Tambah,
    /// Something was removed.
    Hapus,
}

/// One change, placed in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Perubahan {
    /// The file it is in, inside the report folder.
    pub berkas: String,
    /// Where in the report, outermost first: official, sasaran, indicator;
    /// or chapter and section.
    pub letak: Vec<String>,
    /// What changed there: `target Juni`, `anggaran`, `nama`, `paragraf 2`.
    pub apa: String,
    /// Changed, added or removed.
    pub jenis: JenisPerubahan,
    /// The value before, as printed in the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lama: Option<String>,
    /// The value after, as printed in the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baru: Option<String>,
    /// For a changed paragraph: its words, `[-removed-]{+added+}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kata: Option<String>,
}

impl fmt::Display for Perubahan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.jenis {
            JenisPerubahan::Ubah => "~",
            JenisPerubahan::Tambah => "+",
            JenisPerubahan::Hapus => "-",
        };
        write!(f, "{sign} ")?;
        if !self.letak.is_empty() {
            write!(f, "{}: ", self.letak.join(PANAH))?;
        }
        f.write_str(&self.apa)?;
        match (&self.lama, &self.baru, self.jenis) {
            (Some(lama), Some(baru), _) => write!(f, " {lama} → {baru}")?,
            (Some(value), None, JenisPerubahan::Hapus)
            | (None, Some(value), JenisPerubahan::Tambah) => write!(f, " ({value})")?,
            _ => {}
        }
        if let Some(kata) = &self.kata {
            write!(f, "\n    {kata}")?;
        }
        Ok(())
    }
}

/// Collects the changes of one file.
pub(crate) struct Catatan<'a> {
    berkas: &'a str,
    out: &'a mut Vec<Perubahan>,
}

impl<'a> Catatan<'a> {
    pub(crate) fn new(berkas: &'a str, out: &'a mut Vec<Perubahan>) -> Self {
        Catatan { berkas, out }
    }

    fn push(
        &mut self,
        letak: &[String],
        apa: impl Into<String>,
        jenis: JenisPerubahan,
        lama: Option<String>,
        baru: Option<String>,
    ) {
        self.out.push(Perubahan {
            berkas: self.berkas.to_owned(),
            letak: letak.to_vec(),
            apa: apa.into(),
            jenis,
            lama,
            baru,
            kata: None,
        });
    }

    /// A value that changed; nothing when it did not.
    fn ubah<T: PartialEq>(
        &mut self,
        letak: &[String],
        apa: &str,
        lama: &T,
        baru: &T,
        show: impl Fn(&T) -> String,
    ) {
        if lama != baru {
            let (lama, baru) = (show(lama), show(baru));
            self.push(letak, apa, JenisPerubahan::Ubah, Some(lama), Some(baru));
        }
    }

    /// A changed paragraph, shown as a word diff.
    fn kata(&mut self, letak: &[String], apa: String, kata: String) {
        self.push(letak, apa, JenisPerubahan::Ubah, None, None);
        if let Some(last) = self.out.last_mut() {
            last.kata = Some(kata);
        }
    }

    fn tambah(&mut self, letak: &[String], apa: impl Into<String>, baru: Option<String>) {
        self.push(letak, apa, JenisPerubahan::Tambah, None, baru);
    }

    fn hapus(&mut self, letak: &[String], apa: impl Into<String>, lama: Option<String>) {
        self.push(letak, apa, JenisPerubahan::Hapus, lama, None);
    }
}

/// How a row of the old list pairs with a row of the new one.
pub(crate) enum Pasangan<'a, T> {
    /// The same row (same text) in both.
    Sama(&'a T, &'a T),
    /// The row in the same place with its text changed.
    Ganti(&'a T, &'a T),
    /// Only in the old list.
    Hapus(&'a T),
    /// Only in the new list.
    Tambah(&'a T),
}

/// Pairs the rows of two lists by their text, in the new list's order.
pub(crate) fn pasangkan<'a, T>(
    lama: &'a [T],
    baru: &'a [T],
    key: impl Fn(&T) -> &str,
) -> Vec<Pasangan<'a, T>> {
    let a: Vec<&str> = lama.iter().map(&key).collect();
    let b: Vec<&str> = baru.iter().map(&key).collect();
    let mut pairs = Vec::new();
    let deadline = std::time::Instant::now().checked_add(WAKTU);
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a, &b, deadline) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => pairs.extend(
                (0..len).map(|i| Pasangan::Sama(&lama[old_index + i], &baru[new_index + i])),
            ),
            DiffOp::Delete {
                old_index, old_len, ..
            } => pairs.extend(
                lama[old_index..old_index + old_len]
                    .iter()
                    .map(Pasangan::Hapus),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => pairs.extend(
                baru[new_index..new_index + new_len]
                    .iter()
                    .map(Pasangan::Tambah),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let old = &lama[old_index..old_index + old_len];
                let new = &baru[new_index..new_index + new_len];
                if old_len == new_len {
                    pairs.extend(old.iter().zip(new).map(|(o, n)| Pasangan::Ganti(o, n)));
                } else {
                    pairs.extend(old.iter().map(Pasangan::Hapus));
                    pairs.extend(new.iter().map(Pasangan::Tambah));
                }
            }
        }
    }
    pairs
}

/// Every change between two loaded reports: laporan.yaml, the defaults
/// of its batch (kabupaten.yaml) when it is part of one, the logo, the
/// narrative and each Lampiran table (paired by level, whatever the files
/// are called).
pub fn reports(lama: &Report, baru: &Report) -> Result<Vec<Perubahan>, Error> {
    let mut out = Vec::new();
    let (a, b) = (kabupaten(lama)?, kabupaten(baru)?);
    if a.is_some() || b.is_some() {
        let empty = serde_json::Value::Object(Default::default());
        let file = format!("../{}", content::KABUPATEN);
        identitas::compare(
            &mut Catatan::new(&file, &mut out),
            a.as_ref().unwrap_or(&empty),
            b.as_ref().unwrap_or(&empty),
        );
    }
    report_changes(&mut out, "", lama, baru, true)?;
    Ok(out)
}

/// The batch defaults a report was loaded with, if it is part of a batch.
fn kabupaten(report: &Report) -> Result<Option<serde_json::Value>, Error> {
    let Some(batch) = report.source.batch() else {
        return Ok(None);
    };
    let Some(bytes) = batch.read(content::KABUPATEN)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes);
    identitas::parse(&batch.display(content::KABUPATEN), &text).map(Some)
}

/// The changes of one report, its files named with `prefix` (a kecamatan's
/// folder in a batch); the narrative only if `narasi` (in a batch the
/// shared one is compared once).
fn report_changes(
    out: &mut Vec<Perubahan>,
    prefix: &str,
    lama: &Report,
    baru: &Report,
    narasi: bool,
) -> Result<(), Error> {
    let named = |file: &str| format!("{prefix}{file}");
    let named: &dyn Fn(&str) -> String = &named;
    let identitas_file = named(content::LAPORAN);
    let (a, b) = (
        identitas::parse(&lama.source.display(content::LAPORAN), &lama.identitas_text)?,
        identitas::parse(&baru.source.display(content::LAPORAN), &baru.identitas_text)?,
    );
    identitas::compare(&mut Catatan::new(&identitas_file, out), &a, &b);
    let logo = |r: &Report| r.logo.as_ref().map(|l| (l.path.clone(), l.bytes.clone()));
    if let (Some((path, lama)), Some((_, baru))) = (logo(lama), logo(baru)) {
        if lama != baru {
            let what = format!("gambar logo {path}");
            Catatan::new(&identitas_file, out).push(&[], what, JenisPerubahan::Ubah, None, None);
        }
    }
    if narasi {
        // A narrative not in the report's folder is its batch's, beside it.
        let file = match baru
            .narasi_file
            .strip_prefix(&format!("{}/", baru.source.label))
        {
            Some(own) => named(own),
            None => format!("../{}", content::NARASI),
        };
        narasi::compare(&mut Catatan::new(&file, out), &lama.narasi, &baru.narasi);
    }
    lampiran_changes(out, named, &lama.lampiran, &baru.lampiran);
    let file = named(content::PEGAWAI);
    match (&lama.pegawai, &baru.pegawai) {
        (Some((a, _)), Some((b, _))) => pegawai::compare(&mut Catatan::new(&file, out), a, b),
        (None, Some((b, _))) => {
            pegawai::whole(&mut Catatan::new(&file, out), b, JenisPerubahan::Tambah)
        }
        (Some((a, _)), None) => {
            pegawai::whole(&mut Catatan::new(&file, out), a, JenisPerubahan::Hapus)
        }
        (None, None) => {}
    }
    realisasi_changes(out, named, lama, baru)?;
    lkjip_changes(out, named, lama, baru)?;
    Ok(())
}

/// The changes of the LKjIP's files, each in either version.
fn lkjip_changes(
    out: &mut Vec<Perubahan>,
    named: &dyn Fn(&str) -> String,
    lama: &Report,
    baru: &Report,
) -> Result<(), Error> {
    use crate::lkjip::{KINERJA_LALU, LKJIP, RENSTRA};
    for (rel, kind) in [
        (RENSTRA, JenisBerkas::Renstra),
        (KINERJA_LALU, JenisBerkas::KinerjaLalu),
        (LKJIP, JenisBerkas::Lkjip),
    ] {
        let read = |r: &Report| -> Result<Option<(String, String)>, Error> {
            Ok(r.source.read(rel)?.map(|b| {
                (
                    r.source.display(rel),
                    String::from_utf8_lossy(&b).into_owned(),
                )
            }))
        };
        let (a, b) = (read(lama)?, read(baru)?);
        if a.is_none() && b.is_none() || a.as_ref().map(|x| &x.1) == b.as_ref().map(|x| &x.1) {
            continue;
        }
        out.extend(files(
            kind,
            &named(rel),
            a.as_ref().map(|(d, t)| (d.as_str(), t.as_str())),
            b.as_ref().map(|(d, t)| (d.as_str(), t.as_str())),
        )?);
    }
    Ok(())
}

/// Every change between two versions of a report's Lampiran tables,
/// paired by level whatever the files are called, as `renaksi diff` shows
/// them: the Perubahan's Matriks Perubahan is made of these.
pub fn lampiran(lama: &[LampiranFile], baru: &[LampiranFile]) -> Vec<Perubahan> {
    let mut out = Vec::new();
    lampiran_changes(&mut out, &|file| file.to_owned(), lama, baru);
    out
}

/// The changes of the tables, each file named by `named`: the new
/// version's tables in order, then the tables removed.
fn lampiran_changes(
    out: &mut Vec<Perubahan>,
    named: &dyn Fn(&str) -> String,
    lama: &[LampiranFile],
    baru: &[LampiranFile],
) {
    for l in baru {
        let file = named(&l.file);
        match lama.iter().find(|o| o.table.tingkat == l.table.tingkat) {
            Some(o) => lampiran::compare(&mut Catatan::new(&file, out), &o.table, &l.table),
            None => lampiran::whole(
                &mut Catatan::new(&file, out),
                &l.table,
                JenisPerubahan::Tambah,
            ),
        }
    }
    for o in lama {
        if !baru.iter().any(|l| l.table.tingkat == o.table.tingkat) {
            let file = named(&o.file);
            lampiran::whole(
                &mut Catatan::new(&file, out),
                &o.table,
                JenisPerubahan::Hapus,
            );
        }
    }
}

/// The changes of the realisasi files of two versions of a report, each
/// with the capaian it leads to in its own version.
fn realisasi_changes(
    out: &mut Vec<Perubahan>,
    named: &dyn Fn(&str) -> String,
    lama: &Report,
    baru: &Report,
) -> Result<(), Error> {
    if !crate::realisasi::ada(lama) && !crate::realisasi::ada(baru) {
        return Ok(());
    }
    // A key the other files no longer match is shown by its key, not
    // refused: a Perubahan that renames an indicator is what diff is for.
    let (ra, rb) = (
        crate::realisasi::baca(lama)?.0,
        crate::realisasi::baca(baru)?.0,
    );
    for n in 1..=4 {
        let (a, b) = (ra.tw[n - 1].as_ref(), rb.tw[n - 1].as_ref());
        if a.is_none() && b.is_none() {
            continue;
        }
        let (ka, kb) = (
            realisasi::Konteks::dari(lama, &ra, n),
            realisasi::Konteks::dari(baru, &rb, n),
        );
        let file = named(&crate::realisasi::nama_berkas(n));
        realisasi::compare(
            &mut Catatan::new(&file, out),
            n,
            a.map(|f| &f.isi),
            b.map(|f| &f.isi),
            Some((&ka, &kb)),
        );
    }
    Ok(())
}

pub use crate::content::JenisBerkas;

/// One version of one file: how messages name it, and its text.
pub type Teks<'a> = (&'a str, &'a str);

/// Every change between two versions of one file of a report; `None` for
/// a missing side (a file added or removed). The changes name the file
/// `berkas`; problems name the side they are in.
pub fn files(
    kind: JenisBerkas,
    berkas: &str,
    lama: Option<Teks>,
    baru: Option<Teks>,
) -> Result<Vec<Perubahan>, Error> {
    let mut out = Vec::new();
    let mut catatan = Catatan::new(berkas, &mut out);
    match kind {
        JenisBerkas::Identitas => {
            let empty = serde_json::Value::Object(Default::default());
            let a = lama.map(|(d, t)| identitas::parse(d, t)).transpose()?;
            let b = baru.map(|(d, t)| identitas::parse(d, t)).transpose()?;
            identitas::compare(
                &mut catatan,
                a.as_ref().unwrap_or(&empty),
                b.as_ref().unwrap_or(&empty),
            );
        }
        JenisBerkas::Narasi => {
            let a = lama.map(|(d, t)| parse::<Narasi>(d, t)).transpose()?;
            let b = baru.map(|(d, t)| parse::<Narasi>(d, t)).transpose()?;
            match (a, b) {
                (Some(a), Some(b)) => narasi::compare(&mut catatan, &a, &b),
                (None, Some(b)) => narasi::whole(&mut catatan, &b, JenisPerubahan::Tambah),
                (Some(a), None) => narasi::whole(&mut catatan, &a, JenisPerubahan::Hapus),
                (None, None) => {}
            }
        }
        JenisBerkas::Pegawai => {
            let a = lama
                .map(|(d, t)| parse::<BerkasPegawai>(d, t))
                .transpose()?;
            let b = baru
                .map(|(d, t)| parse::<BerkasPegawai>(d, t))
                .transpose()?;
            match (a, b) {
                (Some(a), Some(b)) => pegawai::compare(&mut catatan, &a, &b),
                (None, Some(b)) => pegawai::whole(&mut catatan, &b, JenisPerubahan::Tambah),
                (Some(a), None) => pegawai::whole(&mut catatan, &a, JenisPerubahan::Hapus),
                (None, None) => {}
            }
        }
        JenisBerkas::Realisasi(n) => {
            use crate::realisasi::BerkasRealisasi;
            let a = lama
                .map(|(d, t)| parse::<BerkasRealisasi>(d, t))
                .transpose()?;
            let b = baru
                .map(|(d, t)| parse::<BerkasRealisasi>(d, t))
                .transpose()?;
            realisasi::compare(&mut catatan, n, a.as_ref(), b.as_ref(), None);
        }
        JenisBerkas::Renstra => {
            use crate::lkjip::BerkasRenstra;
            let a = lama
                .map(|(d, t)| parse::<BerkasRenstra>(d, t))
                .transpose()?;
            let b = baru
                .map(|(d, t)| parse::<BerkasRenstra>(d, t))
                .transpose()?;
            lkjip::renstra(&mut catatan, a.as_ref(), b.as_ref());
        }
        JenisBerkas::KinerjaLalu => {
            use crate::lkjip::BerkasKinerjaLalu;
            let a = lama
                .map(|(d, t)| parse::<BerkasKinerjaLalu>(d, t))
                .transpose()?;
            let b = baru
                .map(|(d, t)| parse::<BerkasKinerjaLalu>(d, t))
                .transpose()?;
            lkjip::lalu(&mut catatan, a.as_ref(), b.as_ref());
        }
        JenisBerkas::Lkjip => {
            use crate::lkjip::BerkasLkjip;
            let a = lama.map(|(d, t)| parse::<BerkasLkjip>(d, t)).transpose()?;
            let b = baru.map(|(d, t)| parse::<BerkasLkjip>(d, t)).transpose()?;
            lkjip::narasi(&mut catatan, a.as_ref(), b.as_ref());
        }
        JenisBerkas::Lampiran => {
            let a = lama.map(|(d, t)| parse::<Lampiran>(d, t)).transpose()?;
            let b = baru.map(|(d, t)| parse::<Lampiran>(d, t)).transpose()?;
            match (a, b) {
                (Some(a), Some(b)) => lampiran::compare(&mut catatan, &a, &b),
                (None, Some(b)) => lampiran::whole(&mut catatan, &b, JenisPerubahan::Tambah),
                (Some(a), None) => lampiran::whole(&mut catatan, &a, JenisPerubahan::Hapus),
                (None, None) => {}
            }
        }
    }
    Ok(out)
}

fn parse<T: serde::de::DeserializeOwned>(display: &str, text: &str) -> Result<T, Error> {
    content::parse(display, text).map_err(Error::Input)
}

/// Shown for a period or value that is not set.
const KOSONG: &str = "–";

//! Lampiran tables: officials, sasaran, indicators with their targets per
//! period, and programs with their budgets.

use super::{pasangkan, Catatan, JenisPerubahan, Pasangan, KOSONG};
use crate::content::pilihan::Butir;
use crate::content::{
    Angka, Ejaan, Indikator, Lampiran, Pejabat, ProgramKegiatan, Sasaran, Tingkat,
};
use crate::format;

/// Every change between two versions of one table.
pub(super) fn compare(c: &mut Catatan, lama: &Lampiran, baru: &Lampiran) {
    c.ubah(&[], "tingkat", &lama.tingkat, &baru.tingkat, |t| {
        tingkat(*t).to_owned()
    });
    let program = program_word(baru.tingkat);
    rows(
        c,
        &[],
        (&lama.pejabat, &baru.pejabat),
        |p| &p.jabatan,
        "jabatan",
        |c, a, b| pejabat(c, a, b, program),
        added_pejabat,
    );
}

/// Pairs the rows of two lists by their text (`key`): a row renamed in
/// place is reported as `what: old → new`; each pair then goes to `same`,
/// a row on one side only to `only` with whether it was added or removed.
fn rows<T>(
    c: &mut Catatan,
    at: &[String],
    (lama, baru): (&[T], &[T]),
    key: impl Fn(&T) -> &str,
    what: &str,
    mut same: impl FnMut(&mut Catatan, &T, &T),
    mut only: impl FnMut(&mut Catatan, &T, JenisPerubahan),
) {
    for pair in pasangkan(lama, baru, &key) {
        match pair {
            Pasangan::Sama(a, b) => same(c, a, b),
            Pasangan::Ganti(a, b) => {
                c.ubah(at, what, &key(a), &key(b), |k| (*k).to_owned());
                same(c, a, b);
            }
            Pasangan::Tambah(b) => only(c, b, JenisPerubahan::Tambah),
            Pasangan::Hapus(a) => only(c, a, JenisPerubahan::Hapus),
        }
    }
}

/// A whole table added or removed, one line per official.
pub(super) fn whole(c: &mut Catatan, table: &Lampiran, jenis: JenisPerubahan) {
    for p in &table.pejabat {
        added_pejabat(c, p, jenis);
    }
}

fn added_pejabat(c: &mut Catatan, p: &Pejabat, jenis: JenisPerubahan) {
    let indikator: usize = p.sasaran.iter().map(|s| s.indikator.len()).sum();
    let summary = format!("{} sasaran, {indikator} indikator", p.sasaran.len());
    row(
        c,
        std::slice::from_ref(&p.jabatan),
        "pejabat",
        jenis,
        summary,
    );
}

/// `pejabat baru` or `pejabat dihapus` with a summary of the row.
fn row(c: &mut Catatan, letak: &[String], what: &str, jenis: JenisPerubahan, summary: String) {
    match jenis {
        JenisPerubahan::Tambah => c.tambah(letak, format!("{what} baru"), Some(summary)),
        _ => c.hapus(letak, format!("{what} dihapus"), Some(summary)),
    }
}

fn pejabat(c: &mut Catatan, a: &Pejabat, b: &Pejabat, program: &str) {
    let at = vec![b.jabatan.clone()];
    pilihan(c, &at, a, b);
    rows(
        c,
        &at,
        (&a.sasaran, &b.sasaran),
        |s| &s.uraian,
        "sasaran",
        |c, x, y| sasaran(c, &at, x, y, program),
        |c, s, jenis| added_sasaran(c, &at, s, jenis),
    );
}

fn added_sasaran(c: &mut Catatan, at: &[String], s: &Sasaran, jenis: JenisPerubahan) {
    let letak = under(at, &s.uraian);
    let names: Vec<&str> = s.indikator.iter().map(|i| i.uraian.as_str()).collect();
    row(
        c,
        &letak,
        "sasaran",
        jenis,
        format!("indikator: {}", names.join("; ")),
    );
}

fn sasaran(c: &mut Catatan, at: &[String], a: &Sasaran, b: &Sasaran, program: &str) {
    let at = under(at, &b.uraian);
    pilihan(c, &at, a, b);
    rows(
        c,
        &at,
        (&a.indikator, &b.indikator),
        |i| &i.uraian,
        "indikator",
        |c, x, y| indikator(c, &at, x, y, program),
        |c, i, jenis| added_indikator(c, &at, i, jenis),
    );
    programs(c, &at, &a.program_kegiatan, &b.program_kegiatan, program);
}

fn added_indikator(c: &mut Catatan, at: &[String], i: &Indikator, jenis: JenisPerubahan) {
    let letak = under(at, &i.uraian);
    row(
        c,
        &letak,
        "indikator",
        jenis,
        format!("target {}", target(i.target, &i.satuan)),
    );
}

fn indikator(c: &mut Catatan, at: &[String], a: &Indikator, b: &Indikator, program: &str) {
    let at = under(at, &b.uraian);
    c.ubah(&at, "satuan", &a.satuan, &b.satuan, Clone::clone);
    c.ubah(&at, "target tahunan", &a.target, &b.target, |t| {
        angka(Some(*t))
    });
    let months = format::bulan(Ejaan::Baku);
    let (x, y) = (
        a.bulan.clone().unwrap_or_default(),
        b.bulan.clone().unwrap_or_default(),
    );
    for ((month, old), new) in months.iter().zip(x.values()).zip(y.values()) {
        c.ubah(&at, &format!("target {month}"), &old, &new, |v| angka(*v));
    }
    let (x, y) = (
        a.triwulan.clone().unwrap_or_default(),
        b.triwulan.clone().unwrap_or_default(),
    );
    for ((tw, old), new) in ["I", "II", "III", "IV"]
        .iter()
        .zip(x.values())
        .zip(y.values())
    {
        c.ubah(&at, &format!("target Triwulan {tw}"), &old, &new, |v| {
            angka(*v)
        });
    }
    pilihan(c, &at, a, b);
    programs(c, &at, &a.program_kegiatan, &b.program_kegiatan, program);
}

fn programs(
    c: &mut Catatan,
    at: &[String],
    a: &[ProgramKegiatan],
    b: &[ProgramKegiatan],
    program: &str,
) {
    rows(
        c,
        at,
        (a, b),
        |p| &p.uraian,
        program,
        |c, x, y| anggaran(c, at, x, y),
        |c, p, jenis| row(c, &under(at, &p.uraian), program, jenis, rupiah(p.anggaran)),
    );
}

fn anggaran(c: &mut Catatan, at: &[String], a: &ProgramKegiatan, b: &ProgramKegiatan) {
    let at = under(at, &b.uraian);
    c.ubah(&at, "anggaran", &a.anggaran, &b.anggaran, |v| rupiah(*v));
    pilihan(c, &at, a, b);
}

/// The optional keys of an item (see [`crate::content::pilihan`]): its
/// reason for a change is not part of the plan, but a reviewer reads it.
fn pilihan<T: Butir>(c: &mut Catatan, at: &[String], a: &T, b: &T) {
    for p in T::PILIHAN {
        c.ubah(at, p.label, &(p.baca)(a), &(p.baca)(b), |v| {
            v.clone().unwrap_or_else(|| KOSONG.to_owned())
        });
    }
}

/// `at` one level deeper, at `name`.
fn under(at: &[String], name: &str) -> Vec<String> {
    let mut place = at.to_vec();
    place.push(name.to_owned());
    place
}

fn angka(value: Option<Angka>) -> String {
    value.map_or_else(|| KOSONG.to_owned(), |a| format::angka(a.0))
}

fn target(value: Angka, satuan: &str) -> String {
    format!("{} {satuan}", format::angka(value.0))
}

fn rupiah(value: Option<u64>) -> String {
    value.map_or_else(
        || "tanpa anggaran".to_owned(),
        |v| format::rupiah(v).replace('\u{a0}', " "),
    )
}

fn tingkat(t: Tingkat) -> &'static str {
    match t {
        Tingkat::Program => "program",
        Tingkat::Kegiatan => "kegiatan",
        Tingkat::SubKegiatan => "sub kegiatan",
        Tingkat::Kinerja => "kinerja",
    }
}

/// What the table's program column holds at this level.
pub fn program_word(t: Tingkat) -> &'static str {
    match t {
        Tingkat::Program => "program",
        Tingkat::Kegiatan => "kegiatan",
        Tingkat::SubKegiatan => "sub kegiatan",
        Tingkat::Kinerja => "program/kegiatan",
    }
}

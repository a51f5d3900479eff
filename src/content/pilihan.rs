//! The optional keys of the Lampiran's items, each declared once: its YAML
//! key, what it is called, its column in the flat spreadsheet, the words it
//! takes, and how its value is read from and written to the item. The
//! canonical writer (and so `fmt`), `diff`, the flat spreadsheet's columns
//! and its import, and the editor's fields all go through these
//! declarations; the JSON Schema follows from the struct field itself.
//! Adding an optional key to an item: its field in `model.rs` (with its
//! documentation), one entry in the item's [`Butir::PILIHAN`] here, and the
//! template that prints it (CONTRIBUTING.md, "Add a field").

use super::model::{Indikator, Pejabat, Penjumlahan, Polaritas, ProgramKegiatan, Sasaran};

/// One optional key of an item `T` of the Lampiran.
pub struct Pilihan<T: 'static> {
    /// The YAML key: `alasan`, `polaritas`.
    pub nama: &'static str,
    /// What `diff` calls it: `keterangan` for `ket`.
    pub label: &'static str,
    /// Its field's label in the editor: `Keterangan`.
    pub judul: &'static str,
    /// Asked for only in a Rencana Aksi Perubahan (a reason for a change).
    pub perubahan: bool,
    /// Its column in the flat spreadsheet: `alasan_indikator`.
    pub kolom: &'static str,
    /// The column it follows there, in the order the sheet was first laid
    /// out; a new key follows the last (`alasan_program`).
    pub setelah: &'static str,
    /// In an indicator, whether the canonical writer puts it before the
    /// period targets (`bulan`, `triwulan`) rather than after them.
    pub awal: bool,
    /// The words it takes (`positif`, `negatif`, …); empty for any text.
    pub kata: &'static [&'static str],
    /// Its word when the key is left out; it is not written then.
    pub bawaan: Option<&'static str>,
    /// Its value as YAML writes it (with a default: that word); `None`
    /// when it is left out.
    pub baca: fn(&T) -> Option<String>,
    /// Sets it: `None` leaves it out; a word of [`Pilihan::kata`] (already
    /// checked with [`Pilihan::periksa`]) or any text.
    pub isi: fn(&mut T, Option<String>),
}

impl<T> Pilihan<T> {
    /// `text` (a spreadsheet cell, a field of the editor; blank is left
    /// out) as this key's value, or what is wrong and what would be right.
    pub fn periksa(&self, text: Option<&str>) -> Result<Option<String>, (String, String)> {
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        if self.kata.is_empty() {
            return Ok(text.map(str::to_owned));
        }
        let Some(text) = text else {
            return Ok(None);
        };
        let word = text.to_lowercase();
        if self.kata.contains(&word.as_str()) {
            return Ok(Some(word));
        }
        let (last, first) = self.kata.split_last().unwrap_or((&"", &[]));
        let bawaan = self
            .bawaan
            .map(|b| format!(" (kosong: {b})"))
            .unwrap_or_default();
        Err((
            format!("{} `{text}` tidak dikenal", self.nama),
            format!("tulis {} atau {last}{bawaan}", first.join(", ")),
        ))
    }

    /// Its value as YAML writes it, or `None` when the key is not written
    /// (left out, or its default).
    pub fn ditulis(&self, item: &T) -> Option<String> {
        (self.baca)(item).filter(|v| Some(v.as_str()) != self.bawaan)
    }
}

/// An item of the Lampiran with optional keys.
pub trait Butir: Sized + 'static {
    /// Its optional keys, in the order the canonical writer writes them.
    const PILIHAN: &'static [Pilihan<Self>];
}

/// `alasan` of any item: a text, written and compared as it is.
macro_rules! alasan {
    ($t:ty, $kolom:literal, $setelah:literal) => {
        Pilihan::<$t> {
            nama: "alasan",
            label: "alasan",
            judul: "Alasan perubahan",
            perubahan: true,
            kolom: $kolom,
            setelah: $setelah,
            awal: false,
            kata: &[],
            bawaan: None,
            baca: |x| x.alasan.clone(),
            isi: |x, v| x.alasan = v,
        }
    };
}

impl Butir for Pejabat {
    const PILIHAN: &'static [Pilihan<Self>] = &[alasan!(Pejabat, "alasan_jabatan", "polaritas")];
}

impl Butir for Sasaran {
    const PILIHAN: &'static [Pilihan<Self>] =
        &[alasan!(Sasaran, "alasan_sasaran", "alasan_jabatan")];
}

impl Butir for Indikator {
    const PILIHAN: &'static [Pilihan<Self>] = &[
        Pilihan {
            nama: "penjumlahan",
            label: "penjumlahan",
            judul: "Penjumlahan",
            perubahan: false,
            kolom: "penjumlahan",
            setelah: "target_tahunan",
            awal: true,
            kata: PENJUMLAHAN,
            bawaan: Some("jumlah"),
            baca: |i| Some(penjumlahan(i.penjumlahan).to_owned()),
            isi: |i, v| {
                i.penjumlahan = match v.as_deref() {
                    Some("akhir") => Penjumlahan::Akhir,
                    Some("tetap") => Penjumlahan::Tetap,
                    Some("tidak") => Penjumlahan::Tidak,
                    _ => Penjumlahan::Jumlah,
                }
            },
        },
        Pilihan {
            nama: "polaritas",
            label: "polaritas",
            judul: "Polaritas",
            perubahan: false,
            kolom: "polaritas",
            setelah: "anggaran",
            awal: true,
            kata: POLARITAS,
            bawaan: Some("positif"),
            baca: |i| Some(polaritas(i.polaritas).to_owned()),
            isi: |i, v| {
                i.polaritas = match v.as_deref() {
                    Some("negatif") => Polaritas::Negatif,
                    Some("kualitatif") => Polaritas::Kualitatif,
                    _ => Polaritas::Positif,
                }
            },
        },
        Pilihan {
            nama: "ket",
            label: "keterangan",
            judul: "Keterangan",
            perubahan: false,
            kolom: "ket",
            setelah: "penjumlahan",
            awal: false,
            kata: &[],
            bawaan: None,
            baca: |i| i.ket.clone(),
            isi: |i, v| i.ket = v,
        },
        alasan!(Indikator, "alasan_indikator", "alasan_sasaran"),
    ];
}

impl Butir for ProgramKegiatan {
    const PILIHAN: &'static [Pilihan<Self>] = &[alasan!(
        ProgramKegiatan,
        "alasan_program",
        "alasan_indikator"
    )];
}

/// The words of `penjumlahan`.
pub const PENJUMLAHAN: &[&str] = &["jumlah", "akhir", "tetap", "tidak"];
/// The words of `polaritas`.
pub const POLARITAS: &[&str] = &["positif", "negatif", "kualitatif"];

/// The YAML word of a `polaritas`.
pub fn polaritas(p: Polaritas) -> &'static str {
    match p {
        Polaritas::Positif => "positif",
        Polaritas::Negatif => "negatif",
        Polaritas::Kualitatif => "kualitatif",
    }
}

/// The YAML word of a `penjumlahan`.
pub fn penjumlahan(p: Penjumlahan) -> &'static str {
    match p {
        Penjumlahan::Jumlah => "jumlah",
        Penjumlahan::Akhir => "akhir",
        Penjumlahan::Tetap => "tetap",
        Penjumlahan::Tidak => "tidak",
    }
}

/// Every declared column of the flat spreadsheet, each with the column it
/// follows, in the items' order (official, sasaran, indicator, program).
pub fn kolom() -> Vec<(&'static str, &'static str)> {
    fn of<T: Butir>() -> impl Iterator<Item = (&'static str, &'static str)> {
        T::PILIHAN.iter().map(|p| (p.kolom, p.setelah))
    }
    of::<Pejabat>()
        .chain(of::<Sasaran>())
        .chain(of::<Indikator>())
        .chain(of::<ProgramKegiatan>())
        .collect()
}

/// The words the declared column `kolom` takes (empty: any text); `None`
/// when no key is declared with that column.
pub fn kata_kolom(kolom: &str) -> Option<&'static [&'static str]> {
    fn of<T: Butir>(kolom: &str) -> Option<&'static [&'static str]> {
        T::PILIHAN.iter().find(|p| p.kolom == kolom).map(|p| p.kata)
    }
    of::<Pejabat>(kolom)
        .or_else(|| of::<Sasaran>(kolom))
        .or_else(|| of::<Indikator>(kolom))
        .or_else(|| of::<ProgramKegiatan>(kolom))
}

/// The description of every item's optional keys for the editor: per item
/// (`pejabat`, `sasaran`, `indikator`, `program_kegiatan`), each key's
/// name, label, words and default, and whether only a Perubahan asks for it.
pub fn untuk_editor() -> serde_json::Value {
    fn of<T: Butir>() -> serde_json::Value {
        T::PILIHAN
            .iter()
            .map(|p| {
                serde_json::json!({
                    "nama": p.nama,
                    "judul": p.judul,
                    "kata": p.kata,
                    "bawaan": p.bawaan,
                    "perubahan": p.perubahan,
                })
            })
            .collect()
    }
    serde_json::json!({
        "pejabat": of::<Pejabat>(),
        "sasaran": of::<Sasaran>(),
        "indikator": of::<Indikator>(),
        "program_kegiatan": of::<ProgramKegiatan>(),
    })
}

//! pegawai.yaml: the people of the office and their superiors, paired by
//! jabatan, and the statement of the Perjanjian Kinerja.

use super::{Catatan, JenisPerubahan, KOSONG};
use crate::content::{jabatan_sama, BerkasPegawai, Pegawai};
use crate::format;

/// Each person added, removed or changed, and each statement text changed.
pub(super) fn compare(catatan: &mut Catatan, lama: &BerkasPegawai, baru: &BerkasPegawai) {
    for b in &baru.pegawai {
        match lama
            .pegawai
            .iter()
            .find(|a| jabatan_sama(&a.jabatan, &b.jabatan))
        {
            Some(a) => person(catatan, a, b),
            None => catatan.tambah(
                &[String::from("Pegawai")],
                b.jabatan.clone(),
                Some(b.nama.clone()),
            ),
        }
    }
    for a in &lama.pegawai {
        if !baru
            .pegawai
            .iter()
            .any(|b| jabatan_sama(&a.jabatan, &b.jabatan))
        {
            catatan.hapus(
                &[String::from("Pegawai")],
                a.jabatan.clone(),
                Some(a.nama.clone()),
            );
        }
    }
    let letak = [String::from("Pernyataan PK")];
    for ((path, a), (_, b)) in lama
        .pernyataan
        .texts()
        .into_iter()
        .zip(baru.pernyataan.texts())
    {
        if a.trim() != b.trim() {
            let apa = path.trim_start_matches("pernyataan.").replace('_', " ");
            catatan.kata(&letak, apa, super::kata::word_diff(a, b));
        }
    }
}

/// The whole file added or removed: each person.
pub(super) fn whole(catatan: &mut Catatan, berkas: &BerkasPegawai, jenis: JenisPerubahan) {
    for p in &berkas.pegawai {
        let letak = [String::from("Pegawai")];
        match jenis {
            JenisPerubahan::Hapus => catatan.hapus(&letak, p.jabatan.clone(), Some(p.nama.clone())),
            _ => catatan.tambah(&letak, p.jabatan.clone(), Some(p.nama.clone())),
        }
    }
}

fn person(catatan: &mut Catatan, a: &Pegawai, b: &Pegawai) {
    let letak = [String::from("Pegawai"), b.jabatan.clone()];
    let text = |v: &Option<String>| {
        v.clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| KOSONG.to_owned())
    };
    let nip = |v: &Option<String>| {
        v.as_deref()
            .map(format::nip)
            .unwrap_or_else(|| KOSONG.to_owned())
    };
    catatan.ubah(&letak, "nama", &a.nama, &b.nama, String::clone);
    catatan.ubah(&letak, "pangkat", &a.pangkat, &b.pangkat, text);
    catatan.ubah(&letak, "golongan", &a.golongan, &b.golongan, text);
    catatan.ubah(&letak, "NIP", &a.nip, &b.nip, nip);
    catatan.ubah(&letak, "atasan", &a.atasan, &b.atasan, text);
    catatan.ubah(
        &letak,
        "jabatan di Lampiran",
        &a.lampiran,
        &b.lampiran,
        text,
    );
}

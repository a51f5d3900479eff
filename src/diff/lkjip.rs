//! The Laporan Kinerja's files: renstra.yaml by tujuan, sasaran and IKU
//! (its targets year by year), kinerja-lalu.yaml by year and IKU, and
//! lkjip.yaml's texts word by word.

use super::{Catatan, KOSONG};
use crate::content::Angka;
use crate::format;
use crate::lkjip::{BerkasKinerjaLalu, BerkasLkjip, BerkasRenstra, Iku, TahunLalu};

fn angka(v: &Option<f64>) -> String {
    v.map(format::angka).unwrap_or_else(|| KOSONG.to_owned())
}

fn teks(v: &Option<String>) -> String {
    v.clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| KOSONG.to_owned())
}

/// Every IKU with where it stands: tujuan, sasaran.
fn semua(r: &BerkasRenstra) -> Vec<(&str, &str, &Iku)> {
    r.tujuan
        .iter()
        .flat_map(|t| {
            t.sasaran.iter().flat_map(move |s| {
                s.iku
                    .iter()
                    .map(move |i| (t.uraian.as_str(), s.uraian.as_str(), i))
            })
        })
        .collect()
}

/// renstra.yaml: the period, each tujuan and sasaran by its text, each
/// IKU by its key with its targets year by year.
pub(super) fn renstra(
    catatan: &mut Catatan,
    lama: Option<&BerkasRenstra>,
    baru: Option<&BerkasRenstra>,
) {
    let letak = [String::from("Renstra")];
    let periode = |r: Option<&BerkasRenstra>| {
        r.map(|r| format!("{}–{}", r.mulai, r.akhir))
            .unwrap_or_else(|| KOSONG.to_owned())
    };
    catatan.ubah(
        &letak,
        "periode",
        &periode(lama),
        &periode(baru),
        String::clone,
    );
    let a = lama.map(semua).unwrap_or_default();
    let b = baru.map(semua).unwrap_or_default();
    let unik = |all: &[(&str, &str, &Iku)], tujuan: bool| {
        let mut out: Vec<String> = Vec::new();
        for (t, s, _) in all {
            let x = if tujuan { *t } else { *s };
            if !out.iter().any(|o| o == x) {
                out.push(x.to_owned());
            }
        }
        out
    };
    for (apa, tujuan) in [("tujuan", true), ("sasaran strategis", false)] {
        let (ta, tb) = (unik(&a, tujuan), unik(&b, tujuan));
        for t in tb.iter().filter(|t| !ta.contains(t)) {
            catatan.tambah(&letak, apa, Some(t.clone()));
        }
        for t in ta.iter().filter(|t| !tb.contains(t)) {
            catatan.hapus(&letak, apa, Some(t.clone()));
        }
    }
    for (_, _, ib) in &b {
        let here = [String::from("Renstra"), format!("IKU {}", ib.indikator)];
        let Some((_, _, ia)) = a.iter().find(|(_, _, i)| i.indikator == ib.indikator) else {
            catatan.tambah(&letak, format!("IKU {}", ib.indikator), None);
            continue;
        };
        let mut tahun: Vec<i32> = ia.target.tahun().chain(ib.target.tahun()).collect();
        tahun.sort_unstable();
        tahun.dedup();
        for t in tahun {
            let get = |i: &Iku| i.target_tahun(t);
            catatan.ubah(&here, &format!("target {t}"), &get(ia), &get(ib), angka);
        }
        let akhir = |i: &Iku| i.target_akhir.map(|Angka(v)| v);
        catatan.ubah(&here, "target akhir", &akhir(ia), &akhir(ib), angka);
        let standar = |i: &Iku| {
            i.standar
                .as_ref()
                .map(|s| format!("{} ({})", format::angka(s.nilai.0), s.sumber))
        };
        catatan.ubah(&here, "standar", &standar(ia), &standar(ib), teks);
    }
    for (_, _, ia) in &a {
        if !b.iter().any(|(_, _, i)| i.indikator == ia.indikator) {
            catatan.hapus(&letak, format!("IKU {}", ia.indikator), None);
        }
    }
}

/// kinerja-lalu.yaml: each year's source and each IKU's target and
/// realisasi.
pub(super) fn lalu(
    catatan: &mut Catatan,
    lama: Option<&BerkasKinerjaLalu>,
    baru: Option<&BerkasKinerjaLalu>,
) {
    let kosong = TahunLalu::default();
    let years = |k: Option<&BerkasKinerjaLalu>| -> Vec<i32> {
        k.map(|k| k.tahun.tahun().collect()).unwrap_or_default()
    };
    let mut tahun: Vec<i32> = years(lama).into_iter().chain(years(baru)).collect();
    tahun.sort_unstable();
    tahun.dedup();
    for t in tahun {
        let get = |k: Option<&BerkasKinerjaLalu>| k.and_then(|k| k.tahun.get(t)).cloned();
        let (a, b) = (get(lama), get(baru));
        let letak = [format!("Kinerja {t}")];
        match (&a, &b) {
            (None, Some(_)) => catatan.tambah(&[], format!("kinerja {t}"), None),
            (Some(_), None) => catatan.hapus(&[], format!("kinerja {t}"), None),
            _ => {}
        }
        let (a, b) = (a.as_ref().unwrap_or(&kosong), b.as_ref().unwrap_or(&kosong));
        catatan.ubah(&letak, "folder", &a.folder, &b.folder, teks);
        catatan.ubah(&letak, "git", &a.git, &b.git, teks);
        let mut keys: Vec<&String> = a.iku.keys().chain(b.iku.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            let here = [format!("Kinerja {t}"), format!("IKU {k}")];
            let target = |x: &TahunLalu| x.iku.get(k).and_then(|v| v.target.map(|a| a.0));
            let real = |x: &TahunLalu| x.iku.get(k).map(|v| v.realisasi.0);
            catatan.ubah(&here, "target", &target(a), &target(b), angka);
            catatan.ubah(&here, "realisasi", &real(a), &real(b), angka);
        }
    }
}

/// lkjip.yaml: its date, and each text word by word (or added, removed).
pub(super) fn narasi(
    catatan: &mut Catatan,
    lama: Option<&BerkasLkjip>,
    baru: Option<&BerkasLkjip>,
) {
    let letak = [String::from("Laporan Kinerja")];
    let tanggal = |n: Option<&BerkasLkjip>| {
        n.map(|n| n.tanggal.0.to_string())
            .unwrap_or_else(|| KOSONG.to_owned())
    };
    catatan.ubah(
        &letak,
        "tanggal",
        &tanggal(lama),
        &tanggal(baru),
        String::clone,
    );
    let (a, b) = (
        lama.map(BerkasLkjip::texts).unwrap_or_default(),
        baru.map(BerkasLkjip::texts).unwrap_or_default(),
    );
    for (path, tb) in &b {
        match a.iter().find(|(p, _)| p == path) {
            Some((_, ta)) if ta.trim() != tb.trim() => {
                catatan.kata(
                    &letak,
                    path.replace('_', " "),
                    super::kata::word_diff(ta, tb),
                );
            }
            Some(_) => {}
            None => catatan.tambah(&letak, path.replace('_', " "), None),
        }
    }
    for (path, _) in &a {
        if !b.iter().any(|(p, _)| p == path) {
            catatan.hapus(&letak, path.replace('_', " "), None);
        }
    }
}

//! pegawai.yaml, the people of the office for the Perjanjian Kinerja: each
//! jabatan once, every `atasan` and `lampiran` naming something that
//! exists (with "maksud Anda"), no one their own superior through others,
//! a NIP and a rank that hold, and every official of the Lampiran either
//! listed (with a superior, so that a PK can be made) or said to be missing.

use std::collections::{HashMap, HashSet};

use super::{error, warn, Diagnostic};
use crate::content::{jabatan_sama, kunci_jabatan, Pegawai, Report, PEGAWAI};
use crate::error::Problem;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let Some((berkas, text)) = &report.pegawai else {
        return;
    };
    let file = report.source.display(PEGAWAI);
    let orang = &berkas.pegawai;
    let at = |i: usize, key: &str| {
        let path = if key.is_empty() {
            format!("pegawai[{i}]")
        } else {
            format!("pegawai[{i}].{key}")
        };
        move |problem: Problem| problem.at_path(path.clone()).letakkan(text)
    };
    let jabatan: Vec<&str> = orang.iter().map(|p| p.jabatan.as_str()).collect();
    // Each jabatan, as jabatan_sama compares it, to its first person:
    // every look-up below is one hash, so a long file is checked in time
    // proportional to its length.
    let mut pertama: HashMap<String, usize> = HashMap::with_capacity(orang.len());
    for (i, p) in orang.iter().enumerate() {
        pertama.entry(kunci_jabatan(&p.jabatan)).or_insert(i);
    }
    let cari = |nama: &str| pertama.get(&kunci_jabatan(nama)).copied();
    for (i, p) in orang.iter().enumerate() {
        if let Some(j) = cari(&p.jabatan).filter(|&j| j < i) {
            error(
                found,
                at(i, "jabatan")(
                    Problem::new(
                        &file,
                        format!(
                            "jabatan `{}` sudah tercantum di pegawai ke-{}",
                            p.jabatan,
                            j + 1
                        ),
                    )
                    .hint("setiap jabatan sekali; rujuk jabatan yang sama dengan `atasan`"),
                ),
            );
        }
        if let Some(atasan) = &p.atasan {
            if jabatan_sama(atasan, &p.jabatan) {
                error(
                    found,
                    at(i, "atasan")(
                        Problem::new(
                            &file,
                            format!("`{}` menjadi atasan dirinya sendiri", p.jabatan),
                        )
                        .hint("tulis jabatan atasannya, misalnya Camat untuk Sekretaris Kecamatan"),
                    ),
                );
            } else if cari(atasan).is_none() && !super::isian::kosong(atasan) {
                let hint = match mirip(atasan, &jabatan) {
                    Some(m) => format!("maksud Anda `{m}`?"),
                    None => {
                        "tambahkan atasan itu ke pegawai.yaml (Bupati juga, tanpa NIP dan pangkat)"
                            .into()
                    }
                };
                error(
                    found,
                    at(i, "atasan")(
                        Problem::new(
                            &file,
                            format!("atasan `{atasan}` tidak ada di pegawai.yaml"),
                        )
                        .hint(hint),
                    ),
                );
            }
        }
        if let Some(nip) = p.nip.as_deref().filter(|n| !super::isian::kosong(n)) {
            if let Err(message) = super::nip::validate(nip) {
                error(
                    found,
                    at(i, "nip")(Problem::new(&file, message).hint(
                        "NIP 18 angka: tanggal lahir TTTTBBHH, TMT TTTTBB, jenis kelamin 1/2, nomor urut 3 angka",
                    )),
                );
            }
        }
        let pangkat = p.pangkat.as_deref().unwrap_or("");
        let golongan = p.golongan.as_deref().unwrap_or("");
        // A rank still to be filled in is the placeholder lint's to name.
        let diisi = !super::isian::kosong(pangkat) && !super::isian::kosong(golongan);
        if let Some(salah) = diisi
            .then(|| super::pangkat::periksa(pangkat, golongan).err())
            .flatten()
        {
            error(
                found,
                at(i, salah.key)(Problem::new(&file, salah.message).hint(salah.hint)),
            );
        }
        if pangkat.is_empty() != golongan.is_empty() {
            let kosong = if pangkat.is_empty() {
                "pangkat"
            } else {
                "golongan"
            };
            error(
                found,
                at(i, "")(
                    Problem::new(&file, format!("`{}` ditulis tanpa {kosong}", p.jabatan))
                        .hint("tulis pangkat dan golongan bersama, atau keduanya kosong untuk pejabat politik"),
                ),
            );
        }
    }
    // A chain of superiors that comes back to where it started.
    let atas: Vec<Option<usize>> = orang
        .iter()
        .enumerate()
        .map(|(i, p)| p.atasan.as_deref().and_then(cari).filter(|&j| j != i))
        .collect();
    for (awal, urut) in lingkaran(&atas) {
        let urut: Vec<&str> = urut.iter().map(|&x| orang[x].jabatan.as_str()).collect();
        error(
            found,
            at(awal, "atasan")(
                Problem::new(
                    &file,
                    format!(
                        "atasan berputar: {} → {}",
                        urut.join(" → "),
                        orang[awal].jabatan
                    ),
                )
                .hint("rantai atasan harus berakhir pada pihak tanpa atasan, misalnya Bupati"),
            ),
        );
    }
    for (path, t) in berkas.pernyataan.texts() {
        if let Err(problem) = crate::content::variabel::isi_di(report, (&file, text), path, t) {
            error(found, problem);
        }
    }
    lampiran(report, orang, &file, text, found);
}

/// Every circle of superiors in `atas` (each person's superior, by index):
/// the first of it in the file, and the circle going round from there.
/// Each person has at most one superior, so every chain is walked once,
/// marking whom it passed; a chain that meets itself is a circle.
fn lingkaran(atas: &[Option<usize>]) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    // 0: not reached yet; 1: on the chain being walked; 2: done.
    let mut keadaan = vec![0u8; atas.len()];
    for start in 0..atas.len() {
        let mut jalan = Vec::new();
        let mut now = Some(start);
        while let Some(k) = now.filter(|&k| keadaan[k] == 0) {
            keadaan[k] = 1;
            jalan.push(k);
            now = atas[k];
        }
        if let Some(k) = now.filter(|&k| keadaan[k] == 1) {
            let from = jalan.iter().position(|&x| x == k).unwrap_or(0);
            let lingkar = &jalan[from..];
            let awal = lingkar.iter().copied().min().unwrap_or(k);
            let putar = lingkar.iter().position(|&x| x == awal).unwrap_or(0);
            let urut = lingkar[putar..]
                .iter()
                .chain(&lingkar[..putar])
                .copied()
                .collect();
            out.push((awal, urut));
        }
        for k in jalan {
            keadaan[k] = 2;
        }
    }
    out
}

/// Every `lampiran` names an official of the Lampiran; every official is
/// listed, with a superior.
fn lampiran(
    report: &Report,
    orang: &[Pegawai],
    file: &str,
    text: &str,
    found: &mut Vec<Diagnostic>,
) {
    let pejabat: Vec<&str> = report
        .lampiran
        .iter()
        .flat_map(|l| l.table.pejabat.iter().map(|p| p.jabatan.as_str()))
        .collect();
    let di_lampiran: HashSet<String> = pejabat.iter().map(|j| kunci_jabatan(j)).collect();
    for (i, p) in orang.iter().enumerate() {
        let Some(nama) = p.lampiran.as_ref().filter(|n| !super::isian::kosong(n)) else {
            continue;
        };
        if !di_lampiran.contains(&kunci_jabatan(nama)) {
            let hint = match mirip(nama, &pejabat) {
                Some(m) => format!("maksud Anda `{m}`?"),
                None => {
                    "tulis jabatan seperti di tabel Lampiran (kunci `jabatan` pejabat di lampiran/)"
                        .into()
                }
            };
            let path = format!("pegawai[{i}].lampiran");
            error(
                found,
                Problem::new(
                    file,
                    format!("pejabat `{nama}` tidak ada di tabel Lampiran"),
                )
                .at_path(path)
                .hint(hint)
                .letakkan(text),
            );
        }
    }
    let mut dilihat: HashSet<String> = HashSet::new();
    let mut orang_di: HashMap<String, usize> = HashMap::new();
    for (i, p) in orang.iter().enumerate() {
        orang_di.entry(kunci_jabatan(p.di_lampiran())).or_insert(i);
    }
    for l in &report.lampiran {
        for (a, pj) in l.table.pejabat.iter().enumerate() {
            if !dilihat.insert(kunci_jabatan(&pj.jabatan)) {
                continue;
            }
            let path = format!("pejabat[{a}].jabatan");
            let display = report.source.display(&l.file);
            let listed = orang_di
                .get(&kunci_jabatan(&pj.jabatan))
                .map(|&i| (i, &orang[i]));
            match listed {
                None => warn(
                    found,
                    Problem::new(
                        &display,
                        format!("pejabat `{}` tidak tercantum di pegawai.yaml: Perjanjian Kinerjanya tidak dibuat", pj.jabatan),
                    )
                    .at_path(path)
                    .hint(format!(
                        "tambahkan ke pegawai.yaml: jabatan, nama, pangkat, golongan, NIP dan atasan (dengan `lampiran: {}` bila jabatannya di PK ditulis lain)",
                        pj.jabatan
                    ))
                    .letakkan(&l.text),
                ),
                Some((i, p)) if p.atasan.is_none() => {
                    let path = format!("pegawai[{i}]");
                    warn(
                        found,
                        Problem::new(file, format!("`{}` tidak memiliki atasan: Perjanjian Kinerjanya tidak dibuat", p.jabatan))
                            .at_path(path)
                            .hint("tulis `atasan:` dengan jabatan pihak kedua PK-nya, misalnya Bupati untuk Camat")
                            .letakkan(text),
                    )
                }
                Some(_) => {}
            }
        }
    }
}

/// The name among `choices` one letter or so away from `name`.
fn mirip<'a>(name: &str, choices: &[&'a str]) -> Option<&'a str> {
    let lower: Vec<String> = choices.iter().map(|c| c.to_lowercase()).collect();
    let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let hit = crate::content::closest(name, &refs)?;
    let i = refs.iter().position(|r| *r == hit)?;
    Some(choices[i])
}

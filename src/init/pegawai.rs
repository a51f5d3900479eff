//! pegawai.yaml made from a report's Lampiran, so that nobody types it from
//! nothing: one person per official of the tables, in table order, with
//! placeholders `[isi: …]` for what only the office knows (name, pangkat,
//! golongan, NIP, superior), which `check` names until they are filled.
//!
//! The rules (docs/format.md, "pegawai.yaml"): the official of the
//! program table is the head of office; they take the signing official of
//! laporan.yaml (jabatan, name, pangkat, golongan, NIP) and the head of the
//! region (`Bupati <kabupaten>`, `Wali Kota …` for a kota) as superior, who
//! is listed first without pangkat and NIP. Every other official is written
//! with their Lampiran jabatan in title case (`KASUBBAG UMUM DAN KEUANGAN`
//! → `Kasubbag Umum dan Keuangan`; case does not matter to the link) and a
//! superior to fill in.

use crate::check::PENANDA;
use crate::content::{
    jabatan_sama, tulis, BerkasPegawai, Identitas, Lampiran, Pegawai, Report, Tingkat,
};

/// What laporan.yaml says about the head of office and the region.
#[derive(Debug, Clone, Default)]
pub struct Kepala {
    /// `kabupaten`, perhaps a placeholder.
    pub kabupaten: Option<String>,
    /// `penandatangan.jabatan`, `nama`, `pangkat`, `golongan`, `nip`.
    pub jabatan: Option<String>,
    pub nama: Option<String>,
    pub pangkat: Option<String>,
    pub golongan: Option<String>,
    pub nip: Option<String>,
}

impl Kepala {
    /// From the value of each key of laporan.yaml, by its dotted name
    /// (`kabupaten`, `penandatangan.nama`); an empty value is none.
    pub fn dari_kunci(nilai: impl Fn(&str) -> Option<String>) -> Self {
        let isi = |key: &str| nilai(key).filter(|v| !v.trim().is_empty());
        Kepala {
            kabupaten: isi("kabupaten"),
            jabatan: isi("penandatangan.jabatan"),
            nama: isi("penandatangan.nama"),
            pangkat: isi("penandatangan.pangkat"),
            golongan: isi("penandatangan.golongan"),
            nip: isi("penandatangan.nip"),
        }
    }

    /// From a loaded report's identity.
    pub fn dari(identitas: &Identitas) -> Self {
        let p = &identitas.penandatangan;
        Self::dari_kunci(|key| {
            let v = match key {
                "kabupaten" => &identitas.kabupaten,
                "penandatangan.jabatan" => &p.jabatan,
                "penandatangan.nama" => &p.nama,
                "penandatangan.pangkat" => &p.pangkat,
                "penandatangan.golongan" => &p.golongan,
                "penandatangan.nip" => &p.nip,
                _ => return None,
            };
            Some(v.clone())
        })
    }

    /// From the text of laporan.yaml, and of the batch's kabupaten.yaml
    /// for what laporan.yaml leaves to it; what cannot be read is left out.
    pub fn dari_teks(laporan: &str, kabupaten: Option<&str>) -> Self {
        let baca = |text: &str| serde_yaml::from_str::<serde_yaml::Value>(text).ok();
        let sendiri = baca(laporan);
        let batch = kabupaten.and_then(baca);
        Self::dari_kunci(|key| {
            [sendiri.as_ref(), batch.as_ref()]
                .into_iter()
                .flatten()
                .find_map(|v| {
                    let v = key.split('.').try_fold(v, |v, k| v.get(k))?;
                    match v {
                        serde_yaml::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                        serde_yaml::Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    }
                })
        })
    }
}

/// pegawai.yaml for a loaded report: [`dari_lampiran`] of its tables and
/// its identity.
pub fn dari_laporan(report: &Report) -> BerkasPegawai {
    let tabel: Vec<&Lampiran> = report.lampiran.iter().map(|f| &f.table).collect();
    dari_lampiran(&tabel, &Kepala::dari(&report.identitas))
}

const NAMA: &str = "[isi: nama lengkap dengan gelar]";
const PANGKAT: &str = "[isi: pangkat, misalnya Penata]";
const GOLONGAN: &str = "[isi: golongan/ruang, misalnya III/c]";
const NIP: &str = "[isi: NIP 18 angka tanpa spasi]";

/// One person per official of `tabel` (in table order, each once), the
/// head of the region first; see the module's rules.
pub fn dari_lampiran(tabel: &[&Lampiran], kepala: &Kepala) -> BerkasPegawai {
    let mut lampiran: Vec<&str> = Vec::new();
    for t in tabel {
        for pj in &t.pejabat {
            if !lampiran.iter().any(|j| jabatan_sama(j, &pj.jabatan)) {
                lampiran.push(&pj.jabatan);
            }
        }
    }
    let daerah = match kepala.kabupaten.as_deref() {
        Some(k) if !k.contains(PENANDA) => match k.trim().strip_prefix("Kota ") {
            Some(kota) => format!("Wali Kota {}", kota.trim()),
            None => format!("Bupati {}", k.trim()),
        },
        _ => "[isi: jabatan kepala daerah, misalnya Bupati Buleleng]".to_owned(),
    };
    let mut orang = vec![Pegawai {
        jabatan: daerah.clone(),
        lampiran: None,
        nama: NAMA.to_owned(),
        pangkat: None,
        golongan: None,
        nip: None,
        atasan: None,
    }];
    // The head of office: the official of the program table, when there
    // is one; else (a report of lower levels only) the signing official
    // alone, without rows of the tables.
    let kepala_kantor = tabel
        .first()
        .filter(|t| t.tingkat == Tingkat::Program)
        .and_then(|t| t.pejabat.first())
        .map(|p| p.jabatan.as_str());
    let mut kantor: Option<String> = None;
    if kepala_kantor.is_none() {
        if let Some(jabatan) = &kepala.jabatan {
            orang.push(Pegawai {
                jabatan: jabatan.clone(),
                lampiran: None,
                nama: kepala.nama.clone().unwrap_or_else(|| NAMA.to_owned()),
                pangkat: kepala.pangkat.clone(),
                golongan: kepala.golongan.clone(),
                nip: kepala.nip.clone(),
                atasan: Some(daerah.clone()),
            });
            kantor = Some(jabatan.clone());
        }
    }
    for jabatan in &lampiran {
        if kepala_kantor.is_some_and(|k| jabatan_sama(k, jabatan)) {
            let nama_jabatan = kepala.jabatan.clone().unwrap_or_else(|| judul(jabatan));
            let ambil = |v: &Option<String>, isian: &str| {
                Some(v.clone().unwrap_or_else(|| isian.to_owned()))
            };
            orang.push(Pegawai {
                lampiran: (!jabatan_sama(&nama_jabatan, jabatan)).then(|| (*jabatan).to_owned()),
                nama: kepala.nama.clone().unwrap_or_else(|| NAMA.to_owned()),
                pangkat: ambil(&kepala.pangkat, "[isi: pangkat, misalnya Pembina Tk. I]"),
                golongan: ambil(&kepala.golongan, "[isi: golongan/ruang, misalnya IV/b]"),
                nip: ambil(&kepala.nip, NIP),
                atasan: Some(daerah.clone()),
                jabatan: nama_jabatan.clone(),
            });
            kantor = Some(nama_jabatan);
            continue;
        }
        let contoh = kantor
            .as_deref()
            .filter(|k| !k.contains(PENANDA))
            .unwrap_or("Camat Kubutambahan");
        orang.push(Pegawai {
            jabatan: judul(jabatan),
            lampiran: None,
            nama: NAMA.to_owned(),
            pangkat: Some(PANGKAT.to_owned()),
            golongan: Some(GOLONGAN.to_owned()),
            nip: Some(NIP.to_owned()),
            atasan: Some(format!("[isi: jabatan atasan langsung, misalnya {contoh}]")),
        });
    }
    BerkasPegawai {
        pegawai: orang,
        pernyataan: Default::default(),
    }
}

/// pegawai.yaml's text for `berkas` made by [`dari_lampiran`], its schema
/// at `schema`, with a header that says where it came from (`asal`).
pub fn teks(berkas: &BerkasPegawai, schema: &str, asal: &str) -> String {
    let header = [
        "Pegawai dan atasannya, untuk Perjanjian Kinerja (`renaksi build --dokumen pk`):"
            .to_owned(),
        "satu PK untuk setiap pejabat Lampiran yang tercantum di sini dan memiliki atasan."
            .to_owned(),
        format!("{asal}; ganti setiap \"[isi: …]\" dengan isinya."),
        "Bupati (pejabat politik) tanpa pangkat, golongan dan NIP. Format lengkap: docs/format.md."
            .to_owned(),
    ];
    tulis::pegawai(berkas, Some(schema), &header)
}

/// A Lampiran jabatan as a title is written: each word capitalised, the
/// small words (`dan`, `atau`, `di`, …) in lower case after the first,
/// words without a vowel (`PMD`, `TU`) and placeholders as they are.
pub fn judul(jabatan: &str) -> String {
    if jabatan.contains(PENANDA) || jabatan.chars().any(char::is_lowercase) {
        return jabatan.trim().to_owned();
    }
    const KECIL: [&str; 9] = [
        "dan", "atau", "di", "ke", "dari", "yang", "untuk", "pada", "&",
    ];
    jabatan
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && KECIL.contains(&lower.as_str()) {
                lower
            } else if !lower.chars().any(|c| "aiueo".contains(c)) {
                w.to_owned()
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lampiran_jabatan_are_written_as_titles() {
        assert_eq!(
            judul("KASUBBAG UMUM DAN KEUANGAN"),
            "Kasubbag Umum dan Keuangan"
        );
        assert_eq!(judul("KASI PMD"), "Kasi PMD");
        assert_eq!(judul("SEKRETARIS CAMAT"), "Sekretaris Camat");
        assert_eq!(judul("Kasi Trantib"), "Kasi Trantib");
        assert_eq!(
            judul("[isi: jabatan, misalnya SEKRETARIS CAMAT]"),
            "[isi: jabatan, misalnya SEKRETARIS CAMAT]"
        );
    }
}

//! The review of a kecamatan's documents under `renaksi server`: each
//! document (Rencana Aksi, Perjanjian Kinerja, each quarter's monitoring,
//! Laporan Kinerja) is in one state, and moves by pure transitions that
//! name who may make them. The states of a kecamatan live in one YAML file
//! of the repository (`.renaksi/alur/KEC.yaml`), so every move is a commit
//! and an approval a tag: the audit needs nothing but `git log`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::akun::{Pengguna, Peran};

/// The documents of a kecamatan that are reviewed, by key.
pub const DOKUMEN: &[(&str, &str)] = &[
    ("rencana-aksi", "Rencana Aksi"),
    ("pk", "Perjanjian Kinerja"),
    ("monitoring-1", "Monitoring Triwulan I"),
    ("monitoring-2", "Monitoring Triwulan II"),
    ("monitoring-3", "Monitoring Triwulan III"),
    ("monitoring-4", "Monitoring Triwulan IV"),
    ("lkjip", "Laporan Kinerja"),
];

/// The name of document `key`.
pub fn nama_dokumen(key: &str) -> Option<&'static str> {
    DOKUMEN.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Tahap {
    /// Being written; the operator edits it.
    #[default]
    Draf,
    /// Submitted by the operator: editing stops until it is reviewed.
    Diajukan,
    /// Returned by the verifikator with comments: editing resumes.
    Dikembalikan,
    /// Approved: the final PDF of the approved commit is kept; editing
    /// stops until it is reopened for a Perubahan.
    Disetujui,
}

impl Tahap {
    pub fn kata(self) -> &'static str {
        match self {
            Tahap::Draf => "draf",
            Tahap::Diajukan => "diajukan",
            Tahap::Dikembalikan => "dikembalikan",
            Tahap::Disetujui => "disetujui",
        }
    }

    /// Whether the document's files may be edited in this state.
    pub fn terkunci(self) -> bool {
        matches!(self, Tahap::Diajukan | Tahap::Disetujui)
    }
}

/// A move a user asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Langkah {
    /// The operator submits its draft (or the returned version).
    Ajukan,
    /// The verifikator returns a submission with comments.
    Kembalikan,
    /// The verifikator approves a submission.
    Setujui,
    /// An approved document reopened as a new draft, for a Perubahan.
    Buka,
}

impl Langkah {
    pub fn kata(self) -> &'static str {
        match self {
            Langkah::Ajukan => "diajukan",
            Langkah::Kembalikan => "dikembalikan",
            Langkah::Setujui => "disetujui",
            Langkah::Buka => "dibuka kembali",
        }
    }
}

/// The state `langkah` leads to from `tahap`, when `pengguna` (editing
/// `kec` or not) may make it; else why not, in Indonesian. Pure: the
/// whole table of who may move what is here.
pub fn pindah(
    tahap: Tahap,
    langkah: Langkah,
    pengguna: &Pengguna,
    kec: &str,
) -> Result<Tahap, Salah> {
    use Langkah::*;
    use Tahap::*;
    let operator = pengguna.peran == Peran::Operator && pengguna.boleh_ubah_kecamatan(kec);
    let verifikator = pengguna.peran == Peran::Verifikator;
    let (boleh, siapa) = match langkah {
        Ajukan => (operator, "operator kecamatan ini"),
        Kembalikan | Setujui => (verifikator, "verifikator"),
        Buka => (
            verifikator || pengguna.peran == Peran::Admin,
            "verifikator atau admin",
        ),
    };
    if !boleh {
        return Err(Salah::Peran(format!(
            "hanya {siapa} yang dapat membuat dokumen ini {}",
            langkah.kata()
        )));
    }
    match (tahap, langkah) {
        (Draf | Dikembalikan, Ajukan) => Ok(Diajukan),
        (Diajukan, Kembalikan) => Ok(Dikembalikan),
        (Diajukan, Setujui) => Ok(Disetujui),
        (Disetujui, Buka) => Ok(Draf),
        (t, l) => Err(Salah::Tahap(format!(
            "dokumen yang {} tidak dapat {}",
            t.kata(),
            l.kata()
        ))),
    }
}

/// Why a move is refused.
#[derive(Debug, PartialEq)]
pub enum Salah {
    /// This role may not make it.
    Peran(String),
    /// Not from this state.
    Tahap(String),
}

/// One move as recorded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Jejak {
    pub tahap: Tahap,
    /// Login, name and time (RFC 3339) of who moved it.
    pub oleh: String,
    pub nama: String,
    pub waktu: String,
    /// The commit of the report's files the move was made on.
    pub commit: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub catatan: String,
}

/// One document's state and its moves, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub tahap: Tahap,
    /// The commit last approved, when there is one: what a review
    /// compares against, and what a Perubahan keeps as its previous
    /// version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disetujui: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub riwayat: Vec<Jejak>,
}

/// Every document's state of one kecamatan, by document key.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Alur {
    #[serde(default)]
    pub dokumen: BTreeMap<String, Status>,
}

impl Alur {
    pub fn tahap(&self, dokumen: &str) -> Tahap {
        self.dokumen
            .get(dokumen)
            .map(|s| s.tahap)
            .unwrap_or_default()
    }
}

/// The documents an edit of file `rel` (inside a kecamatan folder)
/// changes: a locked one among them keeps the file from being edited.
pub fn dokumen_berkas(rel: &str) -> Vec<&'static str> {
    use renaksi::content::JenisBerkas as J;
    match J::of(rel) {
        Some(J::Realisasi(4)) => vec!["monitoring-4", "lkjip"],
        Some(J::Realisasi(1)) => vec!["monitoring-1"],
        Some(J::Realisasi(2)) => vec!["monitoring-2"],
        Some(J::Realisasi(3)) => vec!["monitoring-3"],
        Some(J::Pegawai) => vec!["pk"],
        Some(J::Renstra | J::KinerjaLalu | J::Lkjip) => vec!["lkjip"],
        // laporan.yaml, narasi.yaml and the Lampiran make every document.
        _ => DOKUMEN.iter().map(|(k, _)| *k).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn akun(peran: Peran, kec: &[&str]) -> Pengguna {
        Pengguna::contoh(peran, kec)
    }

    /// Every state × every move × every role: only the drawn arrows, each
    /// only by its role.
    #[test]
    fn every_move_of_every_role_from_every_state() {
        use Langkah::*;
        use Tahap::*;
        let op = akun(Peran::Operator, &["sawan"]);
        let lain = akun(Peran::Operator, &["tejakula"]);
        let ver = akun(Peran::Verifikator, &[]);
        let admin = akun(Peran::Admin, &[]);
        let pim = akun(Peran::Pimpinan, &[]);
        let boleh: &[(Tahap, Langkah, &Pengguna, Tahap)] = &[
            (Draf, Ajukan, &op, Diajukan),
            (Dikembalikan, Ajukan, &op, Diajukan),
            (Diajukan, Kembalikan, &ver, Dikembalikan),
            (Diajukan, Setujui, &ver, Disetujui),
            (Disetujui, Buka, &ver, Draf),
            (Disetujui, Buka, &admin, Draf),
        ];
        for t in [Draf, Diajukan, Dikembalikan, Disetujui] {
            for l in [Ajukan, Kembalikan, Setujui, Buka] {
                for p in [&op, &lain, &ver, &admin, &pim] {
                    let want = boleh
                        .iter()
                        .find(|(a, b, c, _)| *a == t && *b == l && std::ptr::eq(*c, p))
                        .map(|x| x.3);
                    assert_eq!(
                        pindah(t, l, p, "sawan").ok(),
                        want,
                        "{t:?} {l:?} {:?}",
                        p.peran
                    );
                }
            }
        }
    }

    #[test]
    fn a_quarter_locks_its_monitoring_and_the_lampiran_locks_all() {
        assert_eq!(dokumen_berkas("realisasi/tw2.yaml"), ["monitoring-2"]);
        assert_eq!(
            dokumen_berkas("realisasi/tw4.yaml"),
            ["monitoring-4", "lkjip"]
        );
        assert_eq!(dokumen_berkas("pegawai.yaml"), ["pk"]);
        assert_eq!(
            dokumen_berkas("lampiran/1-program.yaml").len(),
            DOKUMEN.len()
        );
    }
}

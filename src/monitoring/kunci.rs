//! The keys realisasi files name indicators and programs by: the official
//! and the text, as a slug (`camat/indeks-kepuasan-masyarakat-terhadap-
//! pelayanan-publik`). They are derived from the Rencana Aksi, never typed:
//! `renaksi realisasi` writes them out. Readable in a diff, stable while
//! the plan's text stays, and a changed text is a located error with the
//! closest key as suggestion.

use std::collections::{HashMap, HashSet};

use crate::content::{Indikator, LampiranFile, ProgramKegiatan, Report, Tingkat};

/// The longest text part of a key, in characters: cut at a word.
const PANJANG: usize = 64;

/// Where an indicator stands in the Lampiran.
#[derive(Debug, Clone)]
pub struct LetakIndikator<'a> {
    /// Its key.
    pub kunci: String,
    /// Index of its table in `report.lampiran`.
    pub tabel: usize,
    /// Its level.
    pub tingkat: Tingkat,
    /// Its official's index in the table, and the official's jabatan.
    pub pejabat: (usize, &'a str),
    /// Its sasaran's index under the official, and the sasaran's text.
    pub sasaran: (usize, &'a str),
    /// The indicator.
    pub indikator: &'a Indikator,
}

/// Where a program stands in the Lampiran.
#[derive(Debug, Clone)]
pub struct LetakProgram<'a> {
    /// Its key.
    pub kunci: String,
    /// Index of its table in `report.lampiran`.
    pub tabel: usize,
    /// Its official's index in the table, and the official's jabatan.
    pub pejabat: (usize, &'a str),
    /// The program.
    pub program: &'a ProgramKegiatan,
}

/// Every key of a report, in the Lampiran's order.
#[derive(Debug, Clone)]
pub struct Kunci<'a> {
    /// Indicators in table order.
    pub indikator: Vec<LetakIndikator<'a>>,
    /// Programs in table order (an indicator's own before its sasaran's).
    pub program: Vec<LetakProgram<'a>>,
    by_indikator: HashMap<String, usize>,
    by_program: HashMap<String, usize>,
}

impl<'a> Kunci<'a> {
    /// The keys of every indicator and program of `report`.
    pub fn dari(report: &'a Report) -> Self {
        Self::dari_tabel(&report.lampiran)
    }

    /// The keys of every indicator and program of the tables `lampiran`
    /// (a report's, or another version's).
    pub fn dari_tabel(lampiran: &'a [LampiranFile]) -> Self {
        let mut indikator = Vec::new();
        let mut program = Vec::new();
        let mut taken_i = HashSet::new();
        let mut taken_p = HashSet::new();
        for (t, l) in lampiran.iter().enumerate() {
            for (a, pj) in l.table.pejabat.iter().enumerate() {
                let jabatan = crate::format::slug(&pj.jabatan, PANJANG);
                for (b, s) in pj.sasaran.iter().enumerate() {
                    for ind in &s.indikator {
                        indikator.push(LetakIndikator {
                            kunci: unik(&mut taken_i, &jabatan, &ind.uraian),
                            tabel: t,
                            tingkat: l.table.tingkat,
                            pejabat: (a, &pj.jabatan),
                            sasaran: (b, &s.uraian),
                            indikator: ind,
                        });
                    }
                    for g in s.program_semua() {
                        program.push(LetakProgram {
                            kunci: unik(&mut taken_p, &jabatan, &g.uraian),
                            tabel: t,
                            pejabat: (a, &pj.jabatan),
                            program: g,
                        });
                    }
                }
            }
        }
        let by_indikator = indikator
            .iter()
            .enumerate()
            .map(|(i, l)| (l.kunci.clone(), i))
            .collect();
        let by_program = program
            .iter()
            .enumerate()
            .map(|(i, l)| (l.kunci.clone(), i))
            .collect();
        Kunci {
            indikator,
            program,
            by_indikator,
            by_program,
        }
    }

    /// The indicator of `key`.
    pub fn indikator(&self, key: &str) -> Option<&LetakIndikator<'a>> {
        self.by_indikator.get(key).map(|i| &self.indikator[*i])
    }

    /// The program of `key`.
    pub fn program(&self, key: &str) -> Option<&LetakProgram<'a>> {
        self.by_program.get(key).map(|i| &self.program[*i])
    }

    /// The indicator key closest to `key`, when one is close enough.
    pub fn mirip_indikator(&self, key: &str) -> Option<&str> {
        mirip(key, self.indikator.iter().map(|l| l.kunci.as_str()))
    }

    /// The program key closest to `key`, when one is close enough.
    pub fn mirip_program(&self, key: &str) -> Option<&str> {
        mirip(key, self.program.iter().map(|l| l.kunci.as_str()))
    }
}

/// `jabatan/slug-of-text`, with `-2`, `-3` … when the same official has
/// the same text twice.
fn unik(taken: &mut HashSet<String>, jabatan: &str, text: &str) -> String {
    let base = format!("{jabatan}/{}", crate::format::slug(text, PANJANG));
    let mut key = base.clone();
    let mut n = 1;
    while !taken.insert(key.clone()) {
        n += 1;
        key = format!("{base}-{n}");
    }
    key
}

/// The candidate sharing most words with `key` (a renamed indicator keeps
/// most of its words), when it shares at least half of them.
fn mirip<'k>(key: &str, candidates: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let words = |k: &str| -> HashSet<String> {
        k.split(['/', '-'])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let want = words(key);
    candidates
        .map(|c| {
            let have = words(c);
            let common = want.intersection(&have).count();
            let all = want.union(&have).count().max(1);
            (common * 1000 / all, c)
        })
        .filter(|(score, _)| *score >= 500)
        .max_by_key(|(score, _)| *score)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_official_and_text() {
        let mut taken = HashSet::new();
        assert_eq!(
            unik(&mut taken, "camat", "Indeks Kepuasan Masyarakat (IKM)"),
            "camat/indeks-kepuasan-masyarakat-ikm"
        );
        assert_eq!(
            unik(&mut taken, "camat", "Indeks kepuasan masyarakat, IKM"),
            "camat/indeks-kepuasan-masyarakat-ikm-2"
        );
    }

    #[test]
    fn a_renamed_indicator_finds_its_old_key() {
        let keys = [
            "camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik",
            "camat/persentase-desa-dengan-idm-status-maju-dan-mandiri",
        ];
        assert_eq!(
            mirip(
                "camat/indeks-kepuasan-masyarakat-atas-pelayanan-publik",
                keys.into_iter()
            ),
            Some(keys[0])
        );
        assert_eq!(mirip("sekcam/jumlah-laporan", keys.into_iter()), None);
    }
}

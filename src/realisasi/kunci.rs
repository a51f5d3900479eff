//! The keys realisasi files name indicators and programs by: the official
//! and the text, as a slug (`camat/indeks-kepuasan-masyarakat-terhadap-
//! pelayanan-publik`). They are derived from the Rencana Aksi, never typed:
//! `renaksi realisasi` writes them out. Readable in a diff, stable while
//! the plan's text stays, and a changed text is a located error with the
//! closest key as suggestion.
//!
//! A text an official has more than once is named with its sasaran too
//! (`…/terlaksananya-pembinaan-linmas/jumlah-pembinaan-linmas`), and a
//! program under an indicator with that indicator as well: never by its
//! place, so reordering sasaran or indicators moves no realisasi to
//! another row. What is still the same after that (one text twice under
//! one sasaran) is [`Kunci::kembar`], a galat wherever realisasi is read.

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
    /// Keys that only a number tells apart (`…-2`): the same text twice
    /// under one sasaran (or indicator) of one official.
    pub kembar: Vec<String>,
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
        // Each item's key at every level of detail, least detailed first.
        let mut nama_i: Vec<Vec<String>> = Vec::new();
        let mut nama_p: Vec<Vec<String>> = Vec::new();
        for (t, l) in lampiran.iter().enumerate() {
            for (a, pj) in l.table.pejabat.iter().enumerate() {
                let jabatan = crate::format::slug(&pj.jabatan, PANJANG);
                for (b, s) in pj.sasaran.iter().enumerate() {
                    let sasaran = crate::format::slug(&s.uraian, PANJANG);
                    for ind in &s.indikator {
                        let teks = crate::format::slug(&ind.uraian, PANJANG);
                        nama_i.push(vec![
                            format!("{jabatan}/{teks}"),
                            format!("{jabatan}/{sasaran}/{teks}"),
                        ]);
                        indikator.push(LetakIndikator {
                            kunci: String::new(),
                            tabel: t,
                            tingkat: l.table.tingkat,
                            pejabat: (a, &pj.jabatan),
                            sasaran: (b, &s.uraian),
                            indikator: ind,
                        });
                    }
                    let milik = s
                        .indikator
                        .iter()
                        .flat_map(|i| i.program_kegiatan.iter().map(move |g| (Some(i), g)))
                        .chain(s.program_kegiatan.iter().map(|g| (None, g)));
                    for (ind, g) in milik {
                        let teks = crate::format::slug(&g.uraian, PANJANG);
                        let mut nama = vec![
                            format!("{jabatan}/{teks}"),
                            format!("{jabatan}/{sasaran}/{teks}"),
                        ];
                        if let Some(ind) = ind {
                            let i = crate::format::slug(&ind.uraian, PANJANG);
                            nama.push(format!("{jabatan}/{sasaran}/{i}/{teks}"));
                        }
                        nama_p.push(nama);
                        program.push(LetakProgram {
                            kunci: String::new(),
                            tabel: t,
                            pejabat: (a, &pj.jabatan),
                            program: g,
                        });
                    }
                }
            }
        }
        let mut kembar = Vec::new();
        for (l, kunci) in indikator.iter_mut().zip(pilih(&nama_i, &mut kembar)) {
            l.kunci = kunci;
        }
        for (l, kunci) in program.iter_mut().zip(pilih(&nama_p, &mut kembar)) {
            l.kunci = kunci;
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
            kembar,
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

/// Each item's key: the least detailed of its names (`nama`, one list per
/// item) that no other item has at that level of detail; where even the
/// most detailed is shared, that name with `-2`, `-3` … in order, listed
/// in `kembar`.
fn pilih(nama: &[Vec<String>], kembar: &mut Vec<String>) -> Vec<String> {
    let levels = nama.iter().map(Vec::len).max().unwrap_or(0);
    let mut count: Vec<HashMap<&str, usize>> = vec![HashMap::new(); levels];
    for n in nama {
        for (level, key) in n.iter().enumerate() {
            *count[level].entry(key.as_str()).or_default() += 1;
        }
    }
    let mut taken = HashSet::new();
    nama.iter()
        .map(|n| {
            let unique = n
                .iter()
                .enumerate()
                .find(|(level, key)| count[*level][key.as_str()] == 1);
            if let Some((_, key)) = unique {
                taken.insert(key.clone());
                return key.clone();
            }
            let base = n.last().cloned().unwrap_or_default();
            let mut key = base.clone();
            let mut i = 1;
            while !taken.insert(key.clone()) {
                i += 1;
                key = format!("{base}-{i}");
            }
            kembar.push(key.clone());
            key
        })
        .collect()
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
    fn keys_are_official_and_text_and_sasaran_where_a_text_repeats() {
        let names = |rows: &[&[&str]]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect()
        };
        let mut kembar = Vec::new();
        let keys = pilih(
            &names(&[
                &["camat/ikm", "camat/a/ikm"],
                &["camat/ikm", "camat/b/ikm"],
                &["camat/idm", "camat/b/idm"],
                &["camat/x", "camat/c/x"],
                &["camat/x", "camat/c/x"],
            ]),
            &mut kembar,
        );
        assert_eq!(
            keys,
            [
                "camat/a/ikm",
                "camat/b/ikm",
                "camat/idm",
                "camat/c/x",
                "camat/c/x-2"
            ]
        );
        assert_eq!(kembar, ["camat/c/x", "camat/c/x-2"]);
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

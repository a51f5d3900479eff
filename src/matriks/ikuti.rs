//! A Perubahan renames indicators, programs, sasaran or officials; the
//! realisasi written before it name them by their old keys. This follows
//! the renames: the rows of the previous version and this one are paired
//! as `renaksi diff` pairs them (by text, a row whose text changed in
//! place by position), and every key whose item was renamed becomes the
//! new key in each realisasi file. Nothing else in a file changes: values,
//! notes and comments stay as written.

use std::collections::{HashMap, HashSet};

use crate::content::{Indikator, Lampiran, ProgramKegiatan, Report};
use crate::diff::{pasangkan, Pasangan};
use crate::matriks::VersiLama;
use crate::realisasi::kunci::Kunci;

/// Old key → new key, of indicators and of programs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ganti {
    /// Indicators renamed.
    pub indikator: Vec<(String, String)>,
    /// Programs renamed.
    pub program: Vec<(String, String)>,
}

impl Ganti {
    /// Whether nothing was renamed.
    pub fn kosong(&self) -> bool {
        self.indikator.is_empty() && self.program.is_empty()
    }
}

/// The keys `report` renamed since its previous version `lama`.
pub fn ganti(report: &Report, lama: &VersiLama) -> Ganti {
    let (old, new) = (Kunci::dari_tabel(&lama.lampiran), Kunci::dari(report));
    // Each item by its address in its version.
    let key_of_ind = |k: &Kunci| -> HashMap<usize, String> {
        k.indikator
            .iter()
            .map(|l| (l.indikator as *const Indikator as usize, l.kunci.clone()))
            .collect()
    };
    let key_of_prog = |k: &Kunci| -> HashMap<usize, String> {
        k.program
            .iter()
            .map(|l| {
                (
                    l.program as *const ProgramKegiatan as usize,
                    l.kunci.clone(),
                )
            })
            .collect()
    };
    let (old_i, new_i, old_p, new_p) = (
        key_of_ind(&old),
        key_of_ind(&new),
        key_of_prog(&old),
        key_of_prog(&new),
    );
    let mut pairs = Pairs::default();
    for l in &report.lampiran {
        if let Some(o) = lama
            .lampiran
            .iter()
            .find(|o| o.table.tingkat == l.table.tingkat)
        {
            pairs.table(&o.table, &l.table);
        }
    }
    let renamed =
        |list: &[(usize, usize)], old: &HashMap<usize, String>, new: &HashMap<usize, String>| {
            list.iter()
                .filter_map(|(a, b)| Some((old.get(a)?.clone(), new.get(b)?.clone())))
                .filter(|(a, b)| a != b)
                .collect()
        };
    Ganti {
        indikator: renamed(&pairs.indikator, &old_i, &new_i),
        program: renamed(&pairs.program, &old_p, &new_p),
    }
}

/// Items of the previous version paired with this version's, by address.
#[derive(Default)]
struct Pairs {
    indikator: Vec<(usize, usize)>,
    program: Vec<(usize, usize)>,
}

impl Pairs {
    fn table(&mut self, a: &Lampiran, b: &Lampiran) {
        for (pa, pb) in both(pasangkan(&a.pejabat, &b.pejabat, |p| &p.jabatan)) {
            for (sa, sb) in both(pasangkan(&pa.sasaran, &pb.sasaran, |s| &s.uraian)) {
                for (ia, ib) in both(pasangkan(&sa.indikator, &sb.indikator, |i| &i.uraian)) {
                    self.indikator.push((addr(ia), addr(ib)));
                    self.programs(&ia.program_kegiatan, &ib.program_kegiatan);
                }
                self.programs(&sa.program_kegiatan, &sb.program_kegiatan);
            }
        }
    }

    fn programs(&mut self, a: &[ProgramKegiatan], b: &[ProgramKegiatan]) {
        for (x, y) in both(pasangkan(a, b, |p| &p.uraian)) {
            self.program.push((addr(x), addr(y)));
        }
    }
}

/// The rows in both versions: the same, or renamed in place.
fn both<'a, T>(pairs: Vec<Pasangan<'a, T>>) -> impl Iterator<Item = (&'a T, &'a T)> {
    pairs.into_iter().filter_map(|p| match p {
        Pasangan::Sama(a, b) | Pasangan::Ganti(a, b) => Some((a, b)),
        Pasangan::Hapus(_) | Pasangan::Tambah(_) => None,
    })
}

fn addr<T>(x: &T) -> usize {
    x as *const T as usize
}

/// `text` (a realisasi file) with the keys of `ganti` renamed: indicator
/// keys under `indikator:`, program keys under `anggaran:`, each only as a
/// key (two spaces in, then `:`). A rename whose new key the file already
/// has is left, and named in the second list.
pub fn tulis(text: &str, ganti: &Ganti) -> (String, Vec<(String, String)>, Vec<String>) {
    let (ind, prog) = (peta(&ganti.indikator), peta(&ganti.program));
    // The keys each section has now, to refuse a rename onto one of them.
    let mut present: [HashSet<&str>; 2] = Default::default();
    let mut section = None;
    for line in text.lines() {
        section = bagian(line).unwrap_or(section);
        if let (Some(s), Some(key)) = (section, kunci(line)) {
            present[s].insert(key);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut done = Vec::new();
    let mut left = Vec::new();
    let mut section = None;
    for line in text.split_inclusive('\n') {
        section = bagian(line).unwrap_or(section);
        let renamed = match (section, kunci(line)) {
            (Some(s), Some(key)) => {
                let to = if s == 0 { ind.get(key) } else { prog.get(key) };
                match to {
                    Some(to) if present[s].contains(to) => {
                        left.push(key.to_owned());
                        None
                    }
                    Some(to) => Some((key, *to)),
                    None => None,
                }
            }
            _ => None,
        };
        match renamed {
            Some((key, to)) => {
                out.push_str("  ");
                out.push_str(to);
                out.push_str(&line[2 + key.len()..]);
                done.push((key.to_owned(), (*to).to_owned()));
            }
            None => out.push_str(line),
        }
    }
    (out, done, left)
}

/// `text` (renstra.yaml, kinerja-lalu.yaml or lkjip.yaml) with the
/// indicator keys of `ganti` renamed where they stand: the value of an
/// IKU's `indikator:`, and a key of its own line (`  camat/lama:`) under
/// `iku:` or `analisis:`. A key renaksi derives holds a `/`, so no other
/// key of these files is taken for one; text inside a `|` block is text.
pub fn tulis_lkjip(text: &str, ganti: &Ganti) -> (String, Vec<(String, String)>) {
    let ind = peta(&ganti.indikator);
    let mut out = String::with_capacity(text.len());
    let mut done = Vec::new();
    let mut in_block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if in_block.is_some_and(|key_col| line.trim().is_empty() || indent > key_col) {
            out.push_str(line);
            continue;
        }
        in_block = crate::locate::block_header(line.trim_end_matches(['\n', '\r']));
        let body = &line[indent..];
        let (lead, rest) = match body.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest),
            None => (indent, body),
        };
        let value = rest
            .strip_prefix("indikator: ")
            .map(|v| v.trim_end_matches(['\n', '\r']).trim_end());
        let found = match value {
            Some(v) => ind.get(v).map(|to| (lead + "indikator: ".len(), v, *to)),
            None => rest
                .split_once(':')
                .filter(|(k, _)| k.contains('/'))
                .and_then(|(k, _)| ind.get(k).map(|to| (lead, k, *to))),
        };
        match found {
            Some((at, from, to)) => {
                out.push_str(&line[..at]);
                out.push_str(to);
                out.push_str(&line[at + from.len()..]);
                done.push((from.to_owned(), to.to_owned()));
            }
            None => out.push_str(line),
        }
    }
    (out, done)
}

fn peta(list: &[(String, String)]) -> HashMap<&str, &str> {
    list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// The section a top-level line starts: 0 indicators, 1 programs, `None`
/// another key; `None` (outer) for a line that starts none.
fn bagian(line: &str) -> Option<Option<usize>> {
    if line.starts_with([' ', '#', '\n', '\r']) || line.is_empty() {
        return None;
    }
    Some(match line.split(':').next().map(str::trim) {
        Some("indikator") => Some(0),
        Some("anggaran") => Some(1),
        _ => None,
    })
}

/// The key of a line two spaces in: `  camat/indeks-…:` → the key.
fn kunci(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  ")?;
    if rest.starts_with([' ', '#']) {
        return None;
    }
    let (key, _) = rest.split_once(':')?;
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iku_is_renamed_in_the_lkjip_files() {
        let ganti = Ganti {
            indikator: vec![("camat/lama".into(), "camat/baru".into())],
            program: Vec::new(),
        };
        let renstra = "tujuan:\n  - sasaran:\n      - iku:\n          - indikator: camat/lama\n            target:\n              2022: 1\n          - indikator: camat/lain\n";
        let (out, done) = tulis_lkjip(renstra, &ganti);
        assert_eq!(
            out,
            renstra.replace("indikator: camat/lama", "indikator: camat/baru")
        );
        assert_eq!(done.len(), 1);
        let lalu = "tahun:\n  2021:\n    iku:\n      camat/lama:\n        realisasi: 1\n      camat/lamaku:\n        realisasi: 2\n";
        let (out, done) = tulis_lkjip(lalu, &ganti);
        assert_eq!(
            out,
            lalu.replace("      camat/lama:\n", "      camat/baru:\n")
        );
        assert_eq!(done.len(), 1);
        let narasi = "analisis:\n  camat/lama: |\n    camat/lama: teks\n";
        let (out, _) = tulis_lkjip(narasi, &ganti);
        assert_eq!(out, "analisis:\n  camat/baru: |\n    camat/lama: teks\n");
    }

    #[test]
    fn keys_are_renamed_as_keys_only_and_never_onto_another() {
        let text = "\
tanggal: 2022-07-08
indikator:
  # CAMAT — Sasaran
  camat/lama:
    # Lama (target 1 Nilai)
    realisasi: 1
    kendala: camat/lama: bukan kunci
  camat/tetap:
    realisasi: 2
  camat/dua:
    realisasi: 3
anggaran:
  camat/lama: 100
  camat/program-lama: 200
";
        let ganti = Ganti {
            indikator: vec![
                ("camat/lama".into(), "camat/baru".into()),
                ("camat/dua".into(), "camat/tetap".into()),
            ],
            program: vec![("camat/program-lama".into(), "camat/program-baru".into())],
        };
        let (out, done, left) = tulis(text, &ganti);
        assert_eq!(
            out,
            text.replacen("  camat/lama:\n    # Lama", "  camat/baru:\n    # Lama", 1)
                .replace("  camat/program-lama: 200", "  camat/program-baru: 200")
        );
        assert_eq!(done.len(), 2);
        assert_eq!(left, vec!["camat/dua".to_owned()]);
    }
}

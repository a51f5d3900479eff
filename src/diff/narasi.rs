//! The narrative: Kata Pengantar and chapters, paragraph by paragraph; a
//! changed paragraph is shown as a word diff.

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use super::{pasangkan, word_diff, Catatan, JenisPerubahan, Pasangan};
use crate::content::{Bab, Narasi};
use crate::format::romawi;

/// Words shown of an added or removed paragraph.
const CUPLIKAN: usize = 12;

/// Every change between two narratives.
pub(super) fn compare(c: &mut Catatan, lama: &Narasi, baru: &Narasi) {
    paragraphs(
        c,
        &["Kata Pengantar".to_owned()],
        &lama.kata_pengantar,
        &baru.kata_pengantar,
    );
    let n = lama.bab.len().max(baru.bab.len());
    for i in 0..n {
        let number = format!("BAB {}", romawi(i + 1));
        match (lama.bab.get(i), baru.bab.get(i)) {
            (Some(a), Some(b)) => bab(c, i + 1, a, b),
            (None, Some(b)) => c.tambah(&[], "bab baru", Some(format!("{number} {}", b.judul))),
            (Some(a), None) => c.hapus(&[], "bab dihapus", Some(format!("{number} {}", a.judul))),
            (None, None) => {}
        }
    }
}

/// A whole narrative added or removed.
pub(super) fn whole(c: &mut Catatan, narasi: &Narasi, jenis: JenisPerubahan) {
    let summary = Some(format!("Kata Pengantar dan {} bab", narasi.bab.len()));
    match jenis {
        JenisPerubahan::Tambah => c.tambah(&[], "narasi baru", summary),
        _ => c.hapus(&[], "narasi dihapus", summary),
    }
}

fn bab(c: &mut Catatan, chapter: usize, a: &Bab, b: &Bab) {
    let number = format!("BAB {}", romawi(chapter));
    c.ubah(
        &[],
        &format!("judul {number}"),
        &a.judul,
        &b.judul,
        Clone::clone,
    );
    let at = vec![format!("{number} {}", b.judul)];
    paragraphs(
        c,
        &at,
        a.isi.as_deref().unwrap_or(""),
        b.isi.as_deref().unwrap_or(""),
    );
    for pair in pasangkan(&a.bagian, &b.bagian, |s| &s.judul) {
        let index = |list: &[crate::content::Bagian], x: &crate::content::Bagian| {
            list.iter().position(|y| std::ptr::eq(x, y)).unwrap_or(0) + 1
        };
        match pair {
            Pasangan::Sama(x, y) | Pasangan::Ganti(x, y) => {
                let section = format!("{chapter}.{}", index(&b.bagian, y));
                c.ubah(
                    &at,
                    &format!("judul subbab {section}"),
                    &x.judul,
                    &y.judul,
                    Clone::clone,
                );
                let mut here = at.clone();
                here.push(format!("{section} {}", y.judul));
                paragraphs(c, &here, &x.isi, &y.isi);
            }
            Pasangan::Tambah(y) => {
                let section = format!("{chapter}.{}", index(&b.bagian, y));
                c.tambah(&at, "subbab baru", Some(format!("{section} {}", y.judul)));
            }
            Pasangan::Hapus(x) => {
                let section = format!("{chapter}.{}", index(&a.bagian, x));
                c.hapus(
                    &at,
                    "subbab dihapus",
                    Some(format!("{section} {}", x.judul)),
                );
            }
        }
    }
}

/// The paragraphs (blocks between blank lines) that changed.
fn paragraphs(c: &mut Catatan, at: &[String], lama: &str, baru: &str) {
    let (a, b) = (split(lama), split(baru));
    let deadline = std::time::Instant::now().checked_add(super::WAKTU);
    for op in capture_diff_slices_deadline(Algorithm::Patience, &a, &b, deadline) {
        let (old, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let paired = old.len().min(new.len());
        for k in 0..paired {
            let (i, j) = (old.start + k, new.start + k);
            c.kata(at, format!("paragraf {}", j + 1), word_diff(a[i], b[j]));
        }
        let removed = old.start + paired..old.end;
        for (i, text) in removed.clone().zip(&a[removed]) {
            c.hapus(
                at,
                format!("paragraf {} dihapus", i + 1),
                Some(excerpt(text)),
            );
        }
        let added = new.start + paired..new.end;
        for (j, text) in added.clone().zip(&b[added]) {
            c.tambah(at, format!("paragraf baru {}", j + 1), Some(excerpt(text)));
        }
    }
}

fn split(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn excerpt(paragraph: &str) -> String {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() <= CUPLIKAN {
        words.join(" ")
    } else {
        format!("{} …", words[..CUPLIKAN].join(" "))
    }
}

//! Pangkat and golongan of a civil servant must agree (PP 99/2000 table).

use super::{error, place, Diagnostic};
use crate::content::{Report, LAPORAN};
use crate::error::Problem;

/// Golongan/ruang and the pangkat that goes with it.
const TABEL: [(&str, &str); 17] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
];

/// "Pembina Tk. I" and "pembina tingkat i" compare equal.
fn normal(pangkat: &str) -> String {
    pangkat
        .to_lowercase()
        .replace("tk.", "tingkat ")
        .replace("tk ", "tingkat ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let p = &report.identitas.penandatangan;
    let file = report.source.display(LAPORAN);
    let text = report.identitas_text.as_str();
    if let Err(salah) = periksa(&p.pangkat, &p.golongan) {
        let problem = Problem::new(&file, salah.message)
            .at_path(format!("penandatangan.{}", salah.key))
            .hint(salah.hint);
        error(found, place(problem, text, &format!("{}:", salah.key)));
    }
}

/// What is wrong with a rank and grade: the key at fault (`pangkat` or
/// `golongan`), what is wrong and what would be right.
pub(super) struct SalahPangkat {
    pub key: &'static str,
    pub message: String,
    pub hint: String,
}

/// Checks that `golongan` is a grade and `pangkat` its rank; nothing to say
/// when either is empty.
pub(super) fn periksa(pangkat: &str, golongan_asli: &str) -> Result<(), SalahPangkat> {
    let kosong = |t: &str| t.trim().is_empty() || super::isian::kosong(t);
    if kosong(golongan_asli) || kosong(pangkat) {
        return Ok(());
    }
    let golongan = golongan_asli.trim().replace(' ', "");
    let Some((_, benar)) = TABEL
        .iter()
        .find(|(g, _)| g.eq_ignore_ascii_case(&golongan))
    else {
        let daftar = TABEL.iter().map(|(g, _)| *g).collect::<Vec<_>>().join(", ");
        return Err(SalahPangkat {
            key: "golongan",
            message: format!("golongan `{golongan_asli}` tidak dikenal"),
            hint: format!("golongan yang sah: {daftar}"),
        });
    };
    if normal(pangkat) != normal(benar) {
        let cocok = TABEL
            .iter()
            .find(|(_, k)| normal(k) == normal(pangkat))
            .map(|(g, _)| *g);
        let hint = match cocok {
            Some(g) => format!(
                "golongan {golongan_asli} berpangkat {benar}; pangkat {pangkat} bergolongan {g}"
            ),
            None => format!("golongan {golongan_asli} berpangkat {benar}"),
        };
        return Err(SalahPangkat {
            key: "pangkat",
            message: format!("pangkat `{pangkat}` tidak sesuai dengan golongan `{golongan_asli}`"),
            hint,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normal;

    #[test]
    fn abbreviations_compare_equal() {
        assert_eq!(normal("Pembina Tk. I"), normal("Pembina Tingkat I"));
        assert_eq!(normal("Penata Tk.I"), normal("Penata Tingkat I"));
    }
}

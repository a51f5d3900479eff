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
    if super::isian::kosong(&p.golongan) || super::isian::kosong(&p.pangkat) {
        return;
    }
    let file = report.source.display(LAPORAN);
    let text = report.identitas_text.as_str();
    let golongan = p.golongan.trim().replace(' ', "");
    let Some((_, benar)) = TABEL
        .iter()
        .find(|(g, _)| g.eq_ignore_ascii_case(&golongan))
    else {
        let daftar = TABEL.iter().map(|(g, _)| *g).collect::<Vec<_>>().join(", ");
        let problem = Problem::new(&file, format!("golongan `{}` tidak dikenal", p.golongan))
            .at_path("penandatangan.golongan")
            .hint(format!("golongan yang sah: {daftar}"));
        return error(found, place(problem, text, "golongan:"));
    };
    if normal(&p.pangkat) != normal(benar) {
        let cocok = TABEL
            .iter()
            .find(|(_, k)| normal(k) == normal(&p.pangkat))
            .map(|(g, _)| *g);
        let hint = match cocok {
            Some(g) => format!(
                "golongan {} berpangkat {benar}; pangkat {} bergolongan {g}",
                p.golongan, p.pangkat
            ),
            None => format!("golongan {} berpangkat {benar}", p.golongan),
        };
        let problem = Problem::new(
            &file,
            format!(
                "pangkat `{}` tidak sesuai dengan golongan `{}`",
                p.pangkat, p.golongan
            ),
        )
        .at_path("penandatangan.pangkat")
        .hint(hint);
        error(found, place(problem, text, "pangkat:"));
    }
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

//! Period targets against the yearly target, by the indicator's declared
//! way of adding up (`penjumlahan`: jumlah, akhir, tetap or tidak).

use super::{error, indikator, warn, Diagnostic};
use crate::content::{Penjumlahan, Report, Rincian};
use crate::error::Problem;
use crate::format::angka;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let rincian = report.identitas.rincian_target;
    let periode = match rincian {
        Rincian::Bulanan => "bulan",
        Rincian::Triwulan => "triwulan",
    };
    for lampiran in &report.lampiran {
        let file = report.source.display(&lampiran.file);
        for letak in indikator(lampiran) {
            let ind = letak.indikator;
            let values: Vec<f64> = ind
                .rencana(rincian)
                .into_iter()
                .flatten()
                .map(|v| v.0)
                .collect();
            let target = ind.target.0;
            if target < 0.0 || values.iter().any(|v| *v < 0.0) {
                let problem = Problem::new(&file, "target negatif")
                    .at_path(&letak.path)
                    .hint("target tahunan dan per periode adalah angka 0 atau lebih");
                error(found, letak.place(problem, &lampiran.text));
                continue;
            }
            if values.is_empty() || ind.penjumlahan == Penjumlahan::Tidak {
                continue;
            }
            if let Some(message) = mismatch(ind.penjumlahan, target, &values, periode) {
                let problem = Problem::new(&file, message).at_path(&letak.path).hint(
                    "samakan angkanya, atau tulis `penjumlahan: akhir`, `tetap` atau `tidak` \
                     bila target tahunan bukan jumlah per periode",
                );
                warn(found, letak.place(problem, &lampiran.text));
            }
        }
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// What is wrong with the period values under `cara`, if anything.
fn mismatch(cara: Penjumlahan, target: f64, values: &[f64], periode: &str) -> Option<String> {
    match cara {
        Penjumlahan::Jumlah => {
            let sum: f64 = values.iter().sum();
            (!same(sum, target)).then(|| {
                format!(
                    "rencana per {periode} berjumlah {}, tidak sama dengan target tahunan {}",
                    angka(sum),
                    angka(target)
                )
            })
        }
        Penjumlahan::Akhir => {
            let last = *values.last()?;
            (!same(last, target)).then(|| {
                format!(
                    "target {periode} terakhir {}, tidak sama dengan target tahunan {}",
                    angka(last),
                    angka(target)
                )
            })
        }
        Penjumlahan::Tetap => values.iter().find(|v| !same(**v, target)).map(|v| {
            format!(
                "target per {periode} {} berbeda dengan target tahunan {} (penjumlahan: tetap)",
                angka(*v),
                angka(target)
            )
        }),
        Penjumlahan::Tidak => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_up_by_the_declared_rule() {
        let monthly = vec![166.0; 12];
        assert_eq!(
            mismatch(Penjumlahan::Jumlah, 1800.0, &monthly, "bulan").unwrap(),
            "rencana per bulan berjumlah 1.992, tidak sama dengan target tahunan 1.800"
        );
        assert_eq!(
            mismatch(Penjumlahan::Jumlah, 1992.0, &monthly, "bulan"),
            None
        );
        assert_eq!(
            mismatch(Penjumlahan::Akhir, 85.0, &[40.0, 85.0], "bulan"),
            None
        );
        assert!(mismatch(Penjumlahan::Akhir, 85.0, &[40.0, 80.0], "bulan").is_some());
        assert_eq!(
            mismatch(Penjumlahan::Tetap, 25.0, &[25.0, 25.0], "bulan"),
            None
        );
        assert!(mismatch(Penjumlahan::Tetap, 25.0, &[25.0, 20.0], "bulan").is_some());
    }
}

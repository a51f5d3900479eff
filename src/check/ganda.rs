//! The same indicator twice under one sasaran, or one official listed twice
//! in a table: a copy-paste slip that doubles a row in the signed plan.

use std::collections::{HashMap, HashSet};

use super::{error, indikator, place_nth, Diagnostic};
use crate::content::Report;
use crate::error::Problem;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for lampiran in &report.lampiran {
        let file = report.source.display(&lampiran.file);
        let mut jabatan: HashMap<String, usize> = HashMap::new();
        for (a, pejabat) in lampiran.table.pejabat.iter().enumerate() {
            let nama = pejabat.jabatan.trim();
            let count = jabatan.entry(nama.to_lowercase()).or_default();
            let before = *count;
            *count += 1;
            if before > 0 {
                let problem = Problem::new(
                    &file,
                    format!("pejabat `{nama}` tercantum dua kali di tabel ini"),
                )
                .at_path(format!("pejabat[{a}].jabatan"))
                .hint("gabungkan sasarannya di bawah satu `jabatan`");
                let needle = format!("jabatan: {}", pejabat.jabatan);
                error(found, place_nth(problem, &lampiran.text, &needle, before));
            }
        }
        let mut seen = HashSet::new();
        for letak in indikator(lampiran) {
            let uraian = letak.indikator.uraian.trim();
            if !seen.insert((letak.sasaran, uraian.to_lowercase())) {
                let problem = Problem::new(
                    &file,
                    format!("indikator `{uraian}` tercantum dua kali di sasaran ini"),
                )
                .at_path(&letak.path)
                .hint("hapus salah satunya, atau bedakan uraiannya");
                error(found, letak.place(problem, &lampiran.text));
            }
        }
    }
}

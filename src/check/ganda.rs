//! The same indicator twice under one sasaran, or one official listed twice
//! in a table: a copy-paste slip that doubles a row in the signed plan.

use super::{error, place_nth, Diagnostic};
use crate::content::Report;
use crate::error::Problem;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for lampiran in &report.lampiran {
        let file = report.source.display(&lampiran.file);
        let mut jabatan: Vec<&str> = Vec::new();
        for (a, pejabat) in lampiran.table.pejabat.iter().enumerate() {
            let nama = pejabat.jabatan.trim();
            if jabatan.iter().any(|j| j.eq_ignore_ascii_case(nama)) {
                let problem = Problem::new(
                    &file,
                    format!("pejabat `{nama}` tercantum dua kali di tabel ini"),
                )
                .at_path(format!("pejabat[{a}].jabatan"))
                .hint("gabungkan sasarannya di bawah satu `jabatan`");
                let nth = jabatan
                    .iter()
                    .filter(|j| j.eq_ignore_ascii_case(nama))
                    .count();
                error(
                    found,
                    place_nth(
                        problem,
                        &lampiran.text,
                        &format!("jabatan: {}", pejabat.jabatan),
                        nth,
                    ),
                );
            }
            jabatan.push(nama);
            for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
                let mut seen: Vec<&str> = Vec::new();
                for (c, ind) in sasaran.indikator.iter().enumerate() {
                    let uraian = ind.uraian.trim();
                    if seen.iter().any(|s| s.eq_ignore_ascii_case(uraian)) {
                        let problem = Problem::new(
                            &file,
                            format!("indikator `{uraian}` tercantum dua kali di sasaran ini"),
                        )
                        .at_path(format!("pejabat[{a}].sasaran[{b}].indikator[{c}]"))
                        .hint("hapus salah satunya, atau bedakan uraiannya");
                        let before = lampiran.table.pejabat[..a]
                            .iter()
                            .flat_map(|p| &p.sasaran)
                            .chain(&pejabat.sasaran[..b])
                            .flat_map(|s| &s.indikator)
                            .filter(|i| i.uraian == ind.uraian)
                            .count();
                        let nth = before + seen.iter().filter(|s| **s == ind.uraian).count();
                        error(
                            found,
                            place_nth(
                                problem,
                                &lampiran.text,
                                &format!("uraian: {}", ind.uraian),
                                nth,
                            ),
                        );
                    }
                    seen.push(uraian);
                }
            }
        }
    }
}

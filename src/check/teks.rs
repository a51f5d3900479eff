//! Every text of a report that is printed, with its file and YAML path:
//! the walk the length and anchor lints share.

use crate::content::{Report, LAPORAN};

/// One printed text.
pub(super) struct Teks<'a> {
    /// The file as messages name it.
    pub file: String,
    /// That file's whole text, to place a finding on its line.
    pub file_text: &'a str,
    /// YAML path, e.g. `pejabat[0].sasaran[1].uraian`.
    pub path: String,
    /// The text itself.
    pub text: &'a str,
    /// Whether it is a narrative block (long by nature), not a title,
    /// name or table cell.
    pub narasi: bool,
}

/// Identity, narrative and every table cell, in reading order.
pub(super) fn semua(report: &Report) -> Vec<Teks<'_>> {
    let mut all = Vec::new();
    let identitas = report.source.display(LAPORAN);
    for (path, text) in report.identitas.texts() {
        all.push(Teks {
            file: identitas.clone(),
            file_text: &report.identitas_text,
            path: path.to_owned(),
            text,
            narasi: false,
        });
    }
    for (path, text) in report.narasi.texts() {
        all.push(Teks {
            file: report.narasi_file.clone(),
            file_text: &report.narasi_text,
            narasi: !path.ends_with(".judul"),
            path,
            text,
        });
    }
    for lampiran in &report.lampiran {
        let file = report.source.display(&lampiran.file);
        let mut cell = |path: String, text| {
            all.push(Teks {
                file: file.clone(),
                file_text: &lampiran.text,
                path,
                text,
                narasi: false,
            });
        };
        for (a, pejabat) in lampiran.table.pejabat.iter().enumerate() {
            let at = format!("pejabat[{a}]");
            cell(format!("{at}.jabatan"), &pejabat.jabatan);
            for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
                let at = format!("{at}.sasaran[{b}]");
                cell(format!("{at}.uraian"), &sasaran.uraian);
                for (c, ind) in sasaran.indikator.iter().enumerate() {
                    let at = format!("{at}.indikator[{c}]");
                    cell(format!("{at}.uraian"), &ind.uraian);
                    cell(format!("{at}.satuan"), &ind.satuan);
                    if let Some(ket) = &ind.ket {
                        cell(format!("{at}.ket"), ket);
                    }
                    programs(&mut cell, &at, &ind.program_kegiatan);
                }
                programs(&mut cell, &at, &sasaran.program_kegiatan);
            }
        }
    }
    all
}

fn programs<'a>(
    cell: &mut impl FnMut(String, &'a str),
    at: &str,
    programs: &'a [crate::content::ProgramKegiatan],
) {
    for (d, program) in programs.iter().enumerate() {
        cell(
            format!("{at}.program_kegiatan[{d}].uraian"),
            &program.uraian,
        );
    }
}

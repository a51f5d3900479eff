//! `check` on realisasi files: what cannot be right (a period reported
//! before it ended, spending above the pagu, a negative figure, a
//! description where a number is due) and what is probably wrong (a due
//! period left empty, a capaian far above its target). Every finding is
//! placed on its key in the file.

use crate::content::{Polaritas, Report, Rincian};
use crate::error::Problem;
use crate::error::{Diagnostic, Severity};
use crate::format;
use crate::monitoring::evaluasi::evaluasi;
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{akhir_bulan, akhir_triwulan, Nilai, Realisasi};

/// A capaian above this (before any cap) asks whether the target was set
/// too low.
pub const JAUH_DI_ATAS: f64 = 150.0;

/// The findings of `report`'s realisasi files, if it has any, as `check`
/// lists them: files that do not load are reported by their problems, as
/// galat; only a file that cannot be read at all is an error.
/// The realisasi read, when its files load, comes with them, for the
/// checks that look at it too (the LKjIP's).
pub fn temuan(
    report: &Report,
) -> Result<(Vec<Diagnostic>, Option<Realisasi>), crate::error::Error> {
    if !crate::realisasi::ada(report) {
        return Ok((Vec::new(), None));
    }
    match crate::realisasi::muat(report) {
        Ok(realisasi) => Ok((periksa(report, &realisasi), Some(realisasi))),
        Err(crate::error::Error::Input(problems)) => {
            // Keys only a place tells apart explain keys that went missing.
            let mut found = Vec::new();
            kembar(report, &Kunci::dari(report), &mut found);
            found.extend(problems.into_iter().map(|problem| Diagnostic {
                severity: Severity::Galat,
                problem,
            }));
            Ok((found, None))
        }
        Err(err) => Err(err),
    }
}

/// A text one official has twice under one sasaran: its realisasi could
/// only be told apart by its place, and would follow the place when the
/// plan is reordered.
fn kembar(report: &Report, keys: &Kunci, found: &mut Vec<Diagnostic>) {
    if keys.kembar.is_empty() {
        return;
    }
    let kembar: std::collections::HashSet<&String> = keys.kembar.iter().collect();
    let letak = keys
        .indikator
        .iter()
        .filter(|l| kembar.contains(&l.kunci))
        .map(|l| {
            (
                l.tabel,
                l.pejabat,
                &l.indikator.uraian,
                "indikator",
                Some(l.sasaran.0),
            )
        })
        .chain(
            keys.program
                .iter()
                .filter(|l| kembar.contains(&l.kunci))
                .map(|l| {
                    (
                        l.tabel,
                        l.pejabat,
                        &l.program.uraian,
                        "program/kegiatan",
                        None,
                    )
                }),
        );
    for (tabel, (a, jabatan), uraian, jenis, sasaran) in letak {
        let l = &report.lampiran[tabel];
        let path = match sasaran {
            Some(b) => format!("pejabat[{a}].sasaran[{b}]"),
            None => format!("pejabat[{a}]"),
        };
        found.push(Diagnostic {
            severity: Severity::Galat,
            problem: Problem::new(
                report.source.display(&l.file),
                format!("{jenis} `{uraian}` tertulis dua kali untuk {jabatan} di sasaran yang sama: realisasinya tidak dapat dibedakan"),
            )
            .hint("bedakan uraiannya dengan satu kata (misalnya tempat atau kegiatannya), atau gabungkan keduanya")
            .at_path(path)
            .letakkan(&l.text),
        });
    }
}

/// Every finding in the realisasi files of `report`.
pub fn periksa(report: &Report, realisasi: &Realisasi) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let keys = Kunci::dari(report);
    kembar(report, &keys, &mut found);
    let id = &report.identitas;
    let ejaan = id.ejaan_bulan;
    let bulan = format::bulan(ejaan);
    let last = realisasi.tw.iter().flatten().map(|b| b.triwulan).max();
    for berkas in realisasi.tw.iter().flatten() {
        let file = report.source.display(&berkas.file);
        let n = berkas.triwulan;
        let tanggal = berkas.isi.tanggal.0;
        let tanggal_teks = format::tanggal(tanggal, ejaan);
        let tw = format!("Triwulan {}", format::romawi(n));
        let mut add = |severity, problem: Problem, path: &str| {
            found.push(Diagnostic {
                severity,
                problem: problem.at_path(path).letakkan(&berkas.text),
            });
        };
        if akhir_bulan(id.tahun, 3 * n - 3) > tanggal {
            add(
                Severity::Galat,
                Problem::new(&file, format!("tanggal laporan {tanggal_teks} sebelum bulan pertama {tw} {} berakhir", id.tahun))
                    .hint(format!("tulis tanggal penandatanganan laporan {tw}, sesudah akhir bulan yang dilaporkan")),
                "tanggal",
            );
        }
        for letak in &keys.indikator {
            let ind = letak.indikator;
            let path = format!("indikator.{}", letak.kunci);
            let Some(isi) = berkas.isi.indikator.get(&letak.kunci) else {
                if due(report, ind, n, tanggal) {
                    add(
                        Severity::Peringatan,
                        Problem::new(&file, format!("realisasi {tw} belum diisi: {}", ind.uraian))
                            .hint(format!(
                                "tulis realisasinya di bawah `indikator:` dengan kunci `{}`",
                                letak.kunci
                            )),
                        "indikator",
                    );
                }
                continue;
            };
            match &isi.realisasi {
                Some(Nilai::Teks(t)) if ind.polaritas != Polaritas::Kualitatif => add(
                    Severity::Galat,
                    Problem::new(&file, format!("realisasi `{t}` bukan angka"))
                        .hint("tulis angka (titik desimal: 85.5); uraian hanya untuk indikator `polaritas: kualitatif` di Lampiran"),
                    &format!("{path}.realisasi"),
                ),
                Some(Nilai::Angka(v)) if *v < 0.0 => add(
                    Severity::Galat,
                    Problem::new(&file, format!("realisasi negatif: {}", format::angka(*v)))
                        .hint("realisasi adalah angka 0 atau lebih"),
                    &format!("{path}.realisasi"),
                ),
                Some(_) if akhir_triwulan(id.tahun, n) > tanggal => add(
                    Severity::Galat,
                    Problem::new(&file, format!("realisasi {tw} diisi, padahal triwulan itu belum berakhir pada tanggal laporan {tanggal_teks}"))
                        .hint("tulis realisasi per bulan yang sudah berakhir di bawah `bulan`, atau majukan tanggal laporan"),
                    &format!("{path}.realisasi"),
                ),
                _ => {}
            }
            let months = isi.bulan.as_ref().map(|b| b.values()).unwrap_or_default();
            let mut kosong = isi.realisasi.is_none();
            for (m, v) in months.iter().enumerate().skip(3 * n - 3).take(3) {
                let Some(v) = v else { continue };
                kosong = false;
                let at = format!("{path}.bulan.{}", crate::content::tulis::BULAN[m]);
                if v.0 < 0.0 {
                    add(
                        Severity::Galat,
                        Problem::new(
                            &file,
                            format!("realisasi {} negatif: {}", bulan[m], format::angka(v.0)),
                        )
                        .hint("realisasi adalah angka 0 atau lebih"),
                        &at,
                    );
                } else if akhir_bulan(id.tahun, m) > tanggal {
                    add(
                        Severity::Galat,
                        Problem::new(&file, format!("realisasi {} diisi, padahal bulan itu belum berakhir pada tanggal laporan {tanggal_teks}", bulan[m]))
                            .hint(format!("hapus realisasi {} atau majukan tanggal laporan", bulan[m])),
                        &at,
                    );
                }
            }
            if kosong && due(report, ind, n, tanggal) {
                add(
                    Severity::Peringatan,
                    Problem::new(&file, format!("realisasi {tw} belum diisi: {}", ind.uraian))
                        .hint("tulis `realisasi:` (atau per bulan di bawah `bulan:`)"),
                    &path,
                );
            }
        }
        // Spending: no figure below zero is possible (whole rupiah); above
        // the pagu up to this quarter is.
        for letak in &keys.program {
            if berkas
                .isi
                .anggaran
                .get(&letak.kunci)
                .copied()
                .flatten()
                .is_none()
            {
                continue;
            }
            let (_, sd) = crate::realisasi::anggaran(realisasi, &letak.kunci, n);
            if let Some(pagu) = letak.program.anggaran {
                if sd > pagu {
                    add(
                        Severity::Galat,
                        Problem::new(&file, format!(
                            "realisasi anggaran s.d. {tw} {} melebihi pagu {}",
                            format::rupiah(sd),
                            format::rupiah(pagu)
                        ))
                        .hint("periksa angkanya: realisasi di setiap triwulan adalah belanja triwulan itu saja, bukan kumulatif"),
                        &format!("anggaran.{}", letak.kunci),
                    );
                }
            }
        }
        // Far above target, once, in the latest quarter written.
        if Some(n) == last {
            for (problem, path) in jauh_di_atas(report, realisasi, berkas, &file, &tw) {
                add(Severity::Peringatan, problem, &path);
            }
        }
    }
    found
}

/// The indicators of the quarter file `berkas` (named `file`, quarter
/// `tw`) whose capaian so far is far above target: a target set too low?
fn jauh_di_atas(
    report: &Report,
    realisasi: &Realisasi,
    berkas: &crate::realisasi::BerkasTw,
    file: &str,
    tw: &str,
) -> Vec<(Problem, String)> {
    let eval = evaluasi(report, realisasi, berkas.triwulan);
    eval.indikator()
        .filter(|one| berkas.isi.indikator.contains_key(&one.kunci))
        .filter_map(|one| {
            let mentah = one.hasil.mentah.filter(|&m| m > JAUH_DI_ATAS)?;
            Some((
                Problem::new(file, format!(
                    "capaian s.d. {tw} {} % jauh di atas target (target {}, realisasi {}): target terlalu rendah?",
                    format::persen(mentah),
                    one.hasil.target.map(format::angka).unwrap_or_default(),
                    one.hasil.realisasi.map(format::angka).unwrap_or_default(),
                ))
                .hint("periksa realisasinya; bila benar, pertimbangkan target yang lebih tinggi pada Rencana Aksi Perubahan"),
                format!("indikator.{}", one.kunci),
            ))
        })
        .collect()
}

/// Whether indicator `ind` has a target in a period of quarter `n` that
/// ended by `tanggal`: its realisasi is due in that quarter's file.
fn due(
    report: &Report,
    ind: &crate::content::Indikator,
    n: usize,
    tanggal: chrono::NaiveDate,
) -> bool {
    let id = &report.identitas;
    let rencana = ind.rencana(id.rincian_target);
    match id.rincian_target {
        Rincian::Bulanan => {
            (3 * n - 3..3 * n).any(|m| rencana[m].is_some() && akhir_bulan(id.tahun, m) <= tanggal)
        }
        Rincian::Triwulan => rencana[n - 1].is_some() && akhir_triwulan(id.tahun, n) <= tanggal,
    }
}

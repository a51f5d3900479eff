//! The Laporan Kinerja's files: a Renstra whose period has ended or not
//! begun, a year's target that the Rencana Aksi contradicts, an IKU
//! without its TW IV realisasi, earlier years out of order or not earlier,
//! a narrative naming another year or a variable that does not exist, and
//! an LKjIP signed before its year ended.

use chrono::Datelike;

use super::{error, warn, Diagnostic, Severity};
use crate::content::Report;
use crate::error::Problem;
use crate::lkjip::{jalur_iku, Data};
use crate::realisasi::Realisasi;

/// The findings of `report`'s LKjIP files, if it has a Renstra, as
/// `check` lists them: files that do not load are reported by their
/// problems, as galat; only a file that cannot be read is an error.
/// `realisasi` is the report's, when its files load (see
/// [`super::realisasi::temuan`]).
pub fn temuan(
    report: &Report,
    realisasi: Option<&Realisasi>,
) -> Result<Vec<Diagnostic>, crate::error::Error> {
    if !crate::lkjip::ada(report) {
        return Ok(Vec::new());
    }
    let galat = |problems: Vec<Problem>| {
        problems
            .into_iter()
            .map(|problem| Diagnostic {
                severity: Severity::Galat,
                problem,
            })
            .collect()
    };
    let data = match crate::lkjip::muat(report) {
        Ok(data) => data,
        Err(crate::error::Error::Input(problems)) => return Ok(galat(problems)),
        Err(err) => return Err(err),
    };
    // The realisasi files have findings of their own; here only whether
    // TW IV holds every IKU.
    Ok(periksa(report, &data, realisasi, false))
}

/// Every finding about the LKjIP files `data` of `report`; `realisasi`
/// when its files load (TW IV's is looked at once it exists). A
/// placeholder left is a galat for the LKjIP itself (`lkjip`), which
/// prints it; a peringatan otherwise, so that a report whose LKjIP is not
/// written yet still passes `check`.
pub fn periksa(
    report: &Report,
    data: &Data,
    realisasi: Option<&Realisasi>,
    lkjip: bool,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    panjang(data, &mut found);
    isian(data, lkjip, &mut found);
    periode(report, data, &mut found);
    target(report, data, &mut found);
    if let Some(r) = realisasi.filter(|r| r.tw[3].is_some()) {
        tw4(report, data, r, &mut found);
    }
    lalu(report, data, &mut found);
    narasi(report, data, &mut found);
    found
}

/// Texts past their limits: a table cell's for a title, a key or a
/// source; a narrative block's for a text (`check::batas` for the report's
/// own files).
fn panjang(data: &Data, found: &mut Vec<Diagnostic>) {
    use crate::content::{NARASI_MAX, SEL_MAX};
    let r = &data.renstra;
    for (path, text) in r.isi.texts() {
        super::panjang::limit(found, &r.file, &r.text, &path, text, SEL_MAX);
    }
    let n = &data.narasi;
    for (path, text) in n.isi.texts() {
        let max = if path.ends_with(".judul") {
            SEL_MAX
        } else {
            NARASI_MAX
        };
        super::panjang::limit(found, &n.file, &n.text, &path, text, max);
    }
}

/// The placeholders `[isi: …]` of the forms renaksi writes, each on
/// itself.
fn isian(data: &Data, galat: bool, found: &mut Vec<Diagnostic>) {
    let (r, n) = (&data.renstra, &data.narasi);
    let renstra = r
        .isi
        .texts()
        .into_iter()
        .map(|(p, t)| (p, t, &r.file, &r.text));
    let narasi = n
        .isi
        .texts()
        .into_iter()
        .map(|(p, t)| (p, t, &n.file, &n.text));
    let severity = if galat {
        Severity::Galat
    } else {
        Severity::Peringatan
    };
    for (path, text, file, file_text) in renstra.chain(narasi) {
        for problem in super::isian::di(file, file_text, &path, text) {
            found.push(Diagnostic { severity, problem });
        }
    }
}

/// A Renstra that has ended before the report's year, or not begun.
fn periode(report: &Report, data: &Data, found: &mut Vec<Diagnostic>) {
    let r = &data.renstra;
    let tahun = report.identitas.tahun;
    if r.isi.mulai > r.isi.akhir {
        error(
            found,
            r.masalah("akhir", format!("Renstra berakhir {} sebelum mulai {}", r.isi.akhir, r.isi.mulai))
                .hint("tulis tahun pertama di `mulai` dan tahun terakhir di `akhir`, misalnya `mulai: 2021` dan `akhir: 2026`"),
        );
    } else if r.isi.akhir < tahun {
        error(
            found,
            r.masalah(
                "akhir",
                format!(
                    "Renstra {}–{} sudah berakhir sebelum tahun laporan {tahun}",
                    r.isi.mulai, r.isi.akhir
                ),
            )
            .hint("tulis Renstra periode yang berlaku untuk tahun laporan ini"),
        );
    } else if r.isi.mulai > tahun {
        error(
            found,
            r.masalah(
                "mulai",
                format!(
                    "Renstra {}–{} belum berlaku pada tahun laporan {tahun}",
                    r.isi.mulai, r.isi.akhir
                ),
            )
            .hint("tulis Renstra periode yang berlaku untuk tahun laporan ini"),
        );
    }
}

/// Year targets outside the period or out of order, and this year's
/// target that differs from the Rencana Aksi's annual target.
fn target(report: &Report, data: &Data, found: &mut Vec<Diagnostic>) {
    let r = &data.renstra;
    let tahun = report.identitas.tahun;
    let keys = crate::realisasi::kunci::Kunci::dari(report);
    for (t, tujuan) in r.isi.tujuan.iter().enumerate() {
        for (s, sasaran) in tujuan.sasaran.iter().enumerate() {
            for (i, iku) in sasaran.iku.iter().enumerate() {
                let at = jalur_iku(t, s, i);
                let mut sebelum: Option<i32> = None;
                for (y, _) in &iku.target.0 {
                    let path = format!("{at}.target.{y}");
                    if !(r.isi.mulai..=r.isi.akhir).contains(y) {
                        error(
                            found,
                            r.masalah(&path, format!("target {y} di luar periode Renstra {}–{}", r.isi.mulai, r.isi.akhir))
                                .hint("tulis target untuk tahun-tahun periode Renstra saja; kinerja tahun sebelumnya ditulis di kinerja-lalu.yaml"),
                        );
                    }
                    if sebelum.is_some_and(|b| b > *y) {
                        warn(
                            found,
                            r.masalah(
                                &path,
                                format!(
                                    "tahun {y} ditulis sesudah {}",
                                    sebelum.unwrap_or_default()
                                ),
                            )
                            .hint("urutkan target dari tahun terlama"),
                        );
                    }
                    sebelum = Some(sebelum.map_or(*y, |b| b.max(*y)));
                }
                let Some(letak) = keys.indikator(&iku.indikator) else {
                    continue;
                };
                let tahunan = letak.indikator.target.0;
                match iku.target_tahun(tahun) {
                    Some(v) if (v - tahunan).abs() > 1e-9 => warn(
                        found,
                        r.masalah(&format!("{at}.target.{tahun}"), format!(
                            "target Renstra {tahun} ({}) berbeda dengan target tahunan Rencana Aksi ({})",
                            crate::format::angka(v),
                            crate::format::angka(tahunan)
                        ))
                        .hint("Laporan Kinerja mengukur target Perjanjian Kinerja (Rencana Aksi); samakan keduanya, atau biarkan bila target tahun ini memang diubah"),
                    ),
                    None if (r.isi.mulai..=r.isi.akhir).contains(&tahun) => warn(
                        found,
                        r.masalah(&format!("{at}.target"), format!("Renstra tidak menulis target {tahun}"))
                            .hint(format!("tulis `{tahun}: {}` (target tahunan Rencana Aksi)", crate::format::angka(tahunan).replace(',', "."))),
                    ),
                    _ => {}
                }
            }
        }
    }
}

/// Every IKU has a realisasi written in TW IV (a 0 written is one): the
/// year's figure is read up to there, and an empty quarter would be read
/// as nothing done.
fn tw4(report: &Report, data: &Data, realisasi: &Realisasi, found: &mut Vec<Diagnostic>) {
    let Some(berkas) = &realisasi.tw[3] else {
        return;
    };
    let file = report.source.display(&berkas.file);
    for (_, _, i) in crate::lkjip::semua_iku(&data.renstra.isi) {
        let isi = berkas.isi.indikator.get(&i.indikator);
        let ada = isi.is_some_and(|r| {
            r.realisasi.is_some()
                || r.bulan
                    .as_ref()
                    .is_some_and(|b| b.values().iter().skip(9).any(Option::is_some))
        });
        if ada {
            continue;
        }
        let path = if isi.is_some() {
            format!("indikator.{}", i.indikator)
        } else {
            "indikator".to_owned()
        };
        error(
            found,
            Problem::new(&file, format!("IKU `{}` belum punya realisasi Triwulan IV {}", i.indikator, report.identitas.tahun))
                .at_path(path)
                .hint("Laporan Kinerja mengukur IKU sampai akhir tahun: tulis realisasi Triwulan IV-nya di sini (0 bila memang tidak ada)")
                .letakkan(&berkas.text),
        );
    }
}

/// Earlier years that are not earlier, or out of order.
fn lalu(report: &Report, data: &Data, found: &mut Vec<Diagnostic>) {
    let Some(lalu) = &data.lalu else {
        return;
    };
    let tahun = report.identitas.tahun;
    let mut sebelum: Option<i32> = None;
    for (y, isi) in &lalu.isi.tahun.0 {
        let path = format!("tahun.{y}");
        if *y >= tahun {
            error(
                found,
                lalu.masalah(&path, format!("tahun {y} bukan tahun sebelum tahun laporan {tahun}"))
                    .hint(format!("kinerja tahun {tahun} dihitung dari realisasi/tw4.yaml; di sini hanya tahun-tahun sebelumnya")),
            );
        }
        if let Some(b) = sebelum.filter(|b| b > y) {
            warn(
                found,
                lalu.masalah(&path, format!("tahun {y} ditulis sesudah {b}"))
                    .hint("urutkan tahun dari yang terlama, agar perbandingan terbaca seperti di laporan"),
            );
        }
        sebelum = Some(sebelum.map_or(*y, |b| b.max(*y)));
        if isi.folder.is_none() && isi.git.is_none() && isi.iku.is_empty() {
            warn(
                found,
                lalu.masalah(&path, format!("tahun {y} tidak berisi kinerja"))
                    .hint("tulis `folder:` laporan tahun itu, `git:`, atau realisasi setiap IKU di `iku:`"),
            );
        }
    }
}

/// The narrative's variables and years, and the LKjIP's signing date.
fn narasi(report: &Report, data: &Data, found: &mut Vec<Diagnostic>) {
    let n = &data.narasi;
    let tahun = report.identitas.tahun;
    let tanggal = n.isi.tanggal.0;
    if tanggal.year() <= tahun {
        error(
            found,
            n.masalah("tanggal", format!("Laporan Kinerja {tahun} ditandatangani {} sebelum tahunnya berakhir", crate::format::tanggal(tanggal, report.identitas.ejaan_bulan)))
                .hint(format!("tulis tanggal penandatanganan sesudah 31 Desember {tahun}, misalnya `tanggal: {}-02-15`", tahun + 1)),
        );
    } else if tanggal.year() > tahun + 1 {
        warn(
            found,
            n.masalah(
                "tanggal",
                format!(
                    "tanggal penandatanganan {} jauh dari tahun laporan {tahun}",
                    crate::format::tanggal(tanggal, report.identitas.ejaan_bulan)
                ),
            )
            .hint(format!(
                "Laporan Kinerja {tahun} disusun awal {}",
                tahun + 1
            )),
        );
    }
    // Names only: the values are the LKjIP's own, worked out when built.
    let nilai = crate::content::variabel::nilai(report).dengan(
        std::iter::once("judul")
            .chain(crate::lkjip::VARIABEL)
            .map(|n| (n, String::new()))
            .collect(),
    );
    let texts = n.isi.texts();
    for problem in crate::content::variabel::masalah_di(&nilai, (&n.file, &n.text), &texts) {
        error(found, problem);
    }
    super::tahun::lain(
        (&n.file, &n.text),
        tahun,
        &texts,
        "tulis {{ tahun }}, {{ tahun_lalu }} atau {{ renstra.periode }} agar selalu sama dengan datanya; biarkan bila memang tahun lain yang dimaksud",
        found,
    );
}

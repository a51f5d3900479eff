//! A new year's Laporan Kinerja files from last year's: renstra.yaml
//! carried as it is (a five-year plan does not move with the year), last
//! year's results written into kinerja-lalu.yaml from its TW IV
//! realisasi, and lkjip.yaml's signing date moved with the year.

use crate::content::{Berkas, Report, Source, KABUPATEN, NARASI};
use crate::lkjip::{KINERJA_LALU, RENSTRA};

/// What last year (`lama`) of the report in `folder` (`""` or `kec/`) of
/// `files` achieved for each IKU of its renstra.yaml: kinerja-lalu.yaml
/// with that year added (its text `lalu` if there was one). `Err` with
/// why when it cannot be worked out (no TW IV realisasi, files that do not
/// load); `Ok(None)` when the report has no Renstra.
pub(super) fn kinerja_lalu(
    files: &[Berkas],
    folder: &str,
    lama: i32,
    label: &str,
) -> Result<Option<String>, String> {
    if !files
        .iter()
        .any(|(n, _)| *n == format!("{folder}{RENSTRA}"))
    {
        return Ok(None);
    }
    let own: Vec<Berkas> = files
        .iter()
        .filter_map(|(n, b)| {
            n.strip_prefix(folder)
                .map(|rel| (rel.to_owned(), b.clone()))
        })
        .filter(|(rel, _)| !folder.is_empty() || !rel.contains("/../"))
        .collect();
    let mut source = Source::memory(label, label, own);
    if !folder.is_empty() {
        let shared: Vec<Berkas> = files
            .iter()
            .filter(|(n, _)| n == KABUPATEN || n == NARASI)
            .cloned()
            .collect();
        source = source.in_batch(Source::memory(label, "", shared));
    }
    let report = Report::load(source).map_err(|_| "laporannya tidak dapat dibaca".to_owned())?;
    let data = crate::lkjip::muat(&report).map_err(|_| {
        "berkas Laporan Kinerjanya tidak dapat dibaca (`renaksi check` menyebut sebabnya)"
            .to_owned()
    })?;
    let realisasi = crate::realisasi::muat(&report)
        .map_err(|_| "berkas realisasinya tidak dapat dibaca".to_owned())?;
    if realisasi.tw[3].is_none() {
        return Err(format!("realisasi Triwulan IV {lama} belum ada"));
    }
    let eval = crate::monitoring::evaluasi::evaluasi(&report, &realisasi, 4);
    let mut blok = format!(
        "  {lama}:\n    # Dihitung oleh `renaksi init` dari realisasi Triwulan IV {lama} ({label}).\n    iku:\n"
    );
    let mut ada = false;
    for (_, _, iku) in crate::lkjip::semua_iku(&data.renstra.isi) {
        let Some(e) = eval.indikator().find(|e| e.kunci == iku.indikator) else {
            continue;
        };
        let Some(r) = e.hasil.realisasi else {
            continue;
        };
        ada = true;
        blok.push_str(&format!(
            "      {}:\n        target: {}\n        realisasi: {}\n",
            iku.indikator,
            angka(e.indikator.target.0),
            angka(crate::monitoring::hitung::dua_desimal(r)),
        ));
    }
    if !ada {
        return Err(format!("tidak ada IKU dengan realisasi {lama}"));
    }
    let text = match &data.lalu {
        Some(lalu) if lalu.isi.tahun.get(lama).is_some() => {
            return Err(format!("{KINERJA_LALU} sudah berisi tahun {lama}"));
        }
        Some(lalu) => {
            let mut t = lalu.text.clone();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t.push_str(&blok);
            t
        }
        None => format!(
            "# yaml-language-server: $schema={}.schema/kinerja-lalu.schema.json\n# Kinerja IKU tahun-tahun sebelumnya, untuk Laporan Kinerja (lihat docs/lkjip.md).\ntahun:\n{blok}",
            if folder.is_empty() { "" } else { "../" }
        ),
    };
    Ok(Some(text))
}

/// A number as YAML writes it: `85`, `81.6`.
fn angka(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

//! A report inside a batch: laporan.yaml laid over the batch's
//! kabupaten.yaml, so what every kecamatan shares is written once.

use super::{
    load_logo, BerkasLaporan, BerkasMonitoring, BerkasSebelumnya, BerkasTandaTangan, Identitas,
    Logo, ModeTandaTangan, Monitoring, Sebelumnya, Source, TandaTangan, KABUPATEN, LAPORAN,
};
use crate::error::{Error, Problem};

/// The years a report may be for: a Rencana Aksi is for a budget year of
/// SAKIP (since 2014), not for a year typed with a digit too many.
pub const TAHUN: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The report's identity: each key from laporan.yaml, else from the
/// batch's kabupaten.yaml, else its default. Missing required keys and
/// keys that belong to one kecamatan only go to `found`.
pub fn resolve(
    found: &mut Vec<Problem>,
    source: &Source,
    own: BerkasLaporan,
    bawaan: Option<&BerkasLaporan>,
) -> Option<Identitas> {
    let file = source.display(LAPORAN);
    let shared = BerkasLaporan::default();
    let b = bawaan.unwrap_or(&shared);
    if let Some(batch) = source.batch() {
        let kabupaten = batch.display(KABUPATEN);
        for (key, set) in [
            ("kecamatan", b.kecamatan.is_some()),
            ("penandatangan", b.penandatangan.is_some()),
        ] {
            if set {
                found.push(
                    Problem::new(
                        &kabupaten,
                        format!("`{key}` berbeda untuk setiap kecamatan"),
                    )
                    .at_path(key)
                    .hint(format!(
                        "tulis `{key}` di laporan.yaml setiap kecamatan, bukan di kabupaten.yaml"
                    )),
                );
            }
        }
    }
    let where_ = if source.batch().is_some() {
        "di laporan.yaml, atau untuk semua kecamatan di kabupaten.yaml folder batch"
    } else {
        "di laporan.yaml"
    };
    let mut missing = |key: &str| {
        found.push(
            Problem::new(&file, format!("kunci wajib `{key}` belum ada")).hint(format!(
                "tambahkan baris `{key}: …` {where_} (lihat docs/format.md)"
            )),
        );
    };
    let kecamatan = own.kecamatan.or_else(|| {
        missing("kecamatan");
        None
    });
    let kabupaten = own.kabupaten.or(b.kabupaten.clone()).or_else(|| {
        missing("kabupaten");
        None
    });
    let tahun_file = match source.batch() {
        Some(batch) if own.tahun.is_none() => batch.display(KABUPATEN),
        _ => file.clone(),
    };
    let tahun = own.tahun.or(b.tahun).or_else(|| {
        missing("tahun");
        None
    });
    let penandatangan = own.penandatangan.or_else(|| {
        missing("penandatangan");
        None
    });
    let tahun = tahun.filter(|tahun| {
        let sane = TAHUN.contains(tahun);
        if !sane {
            found.push(
                Problem::new(
                    &tahun_file,
                    format!(
                        "tahun {tahun} di luar rentang {}–{}",
                        TAHUN.start(),
                        TAHUN.end()
                    ),
                )
                .at_path("tahun")
                .hint("tulis tahun anggaran laporan dengan empat angka, misalnya `tahun: 2024`"),
            );
        }
        sane
    });
    Some(Identitas {
        kecamatan: kecamatan?,
        kabupaten: kabupaten?,
        tahun: tahun?,
        perubahan: own.perubahan.or(b.perubahan).unwrap_or_default(),
        kertas: own.kertas.or(b.kertas).unwrap_or_default(),
        huruf: own.huruf.or(b.huruf).unwrap_or_default(),
        rincian_target: own.rincian_target.or(b.rincian_target).unwrap_or_default(),
        ejaan_bulan: own.ejaan_bulan.or(b.ejaan_bulan).unwrap_or_default(),
        logo_dari_batch: own.logo.is_none() && b.logo.is_some(),
        logo: own.logo.or(b.logo.clone()),
        tanda_tangan: tanda_tangan(found, source, own.tanda_tangan, b.tanda_tangan.as_ref())?,
        monitoring: monitoring(found, source, own.monitoring, b.monitoring.as_ref())?,
        cetak_jejak: own.cetak_jejak.or(b.cetak_jejak).unwrap_or_default(),
        final_tanpa_peringatan: own
            .final_tanpa_peringatan
            .or(b.final_tanpa_peringatan)
            .unwrap_or_default(),
        versi_sebelumnya: sebelumnya(
            found,
            source,
            own.versi_sebelumnya,
            b.versi_sebelumnya.as_ref(),
        ),
        penandatangan: penandatangan?,
    })
}

/// The previous version of a Perubahan: laporan.yaml's, else (a git
/// revision only) kabupaten.yaml's. A folder must be a relative path that
/// stays beside the report folder (in the folder holding it); a problem
/// otherwise.
fn sebelumnya(
    found: &mut Vec<Problem>,
    source: &Source,
    own: Option<BerkasSebelumnya>,
    bawaan: Option<&BerkasSebelumnya>,
) -> Option<Sebelumnya> {
    use std::path::{Component, Path};
    let (file, value) = match (own, bawaan, source.batch()) {
        (Some(own), _, _) => (source.display(LAPORAN), own),
        (None, Some(b), Some(batch)) => {
            let file = batch.display(KABUPATEN);
            if b.folder.is_some() {
                found.push(
                    Problem::new(&file, "`versi_sebelumnya.folder` berbeda untuk setiap kecamatan")
                        .at_path("versi_sebelumnya.folder")
                        .hint("di kabupaten.yaml tulis `git: REVISI` (setiap folder kecamatan pada revisi itu), atau tulis `folder` di laporan.yaml setiap kecamatan"),
                );
                return None;
            }
            (file, b.clone())
        }
        _ => return None,
    };
    let problem = |key: &str, message: &str, hint: &str| {
        Problem::new(&file, message.to_owned())
            .at_path(key)
            .hint(hint.to_owned())
    };
    match (value.folder, value.git) {
        (Some(folder), None) => {
            let path = Path::new(&folder);
            // From inside the report folder, the path may go up once to the
            // folder holding it, and not above it or back into itself.
            let mut depth: i32 = 0;
            let mut left_self = false;
            let mut sane = !folder.trim().is_empty();
            for c in path.components() {
                match c {
                    Component::ParentDir => {
                        depth -= 1;
                        left_self = true;
                        sane &= depth >= -1;
                    }
                    Component::Normal(_) => depth += 1,
                    Component::CurDir => {}
                    Component::RootDir | Component::Prefix(_) => sane = false,
                }
            }
            if !sane || !left_self || depth < 0 {
                found.push(problem(
                    "versi_sebelumnya.folder",
                    &format!("`versi_sebelumnya.folder: {folder}` bukan folder di samping folder laporan ini"),
                    "tulis jalur relatif ke folder laporan versi sebelumnya di samping folder ini, misalnya `folder: ../kubutambahan-2022-murni`",
                ));
                return None;
            }
            Some(Sebelumnya::Folder(path.to_path_buf()))
        }
        (None, Some(rev)) if !rev.trim().is_empty() && !rev.starts_with('-') => {
            Some(Sebelumnya::Git(rev))
        }
        (None, Some(rev)) => {
            found.push(problem(
                "versi_sebelumnya.git",
                &format!("`versi_sebelumnya.git: {rev}` bukan revisi git"),
                "tulis tag, cabang atau commit, misalnya `git: ra-2022-murni`",
            ));
            None
        }
        _ => {
            found.push(problem(
                "versi_sebelumnya",
                "`versi_sebelumnya` memerlukan tepat satu dari `folder` atau `git`",
                "tulis `folder: ../FOLDER-VERSI-SEBELUMNYA` atau `git: REVISI`",
            ));
            None
        }
    }
}

/// How the report is signed: each key of `tanda_tangan` from laporan.yaml,
/// else from kabupaten.yaml, else its default.
fn tanda_tangan(
    found: &mut Vec<Problem>,
    source: &Source,
    own: Option<BerkasTandaTangan>,
    bawaan: Option<&BerkasTandaTangan>,
) -> Option<TandaTangan> {
    let own = own.unwrap_or_default();
    let shared = BerkasTandaTangan::default();
    let b = bawaan.unwrap_or(&shared);
    // Where a key was written, for messages about it.
    let file_of = |own_set: bool| match source.batch() {
        Some(batch) if !own_set => batch.display(KABUPATEN),
        _ => source.display(LAPORAN),
    };
    let mode = own.mode.or(b.mode).unwrap_or_default();
    let qr_file = file_of(own.qr.is_some());
    let jangkar_file = file_of(own.jangkar.is_some());
    let qr = own.qr.or(b.qr.clone());
    let jangkar = own.jangkar.or(b.jangkar.clone());
    let atasan_file = file_of(own.jangkar_atasan.is_some());
    let jangkar_atasan = own.jangkar_atasan.or(b.jangkar_atasan.clone());
    match mode {
        ModeTandaTangan::Basah => Some(TandaTangan::Basah),
        ModeTandaTangan::Tanpa => Some(TandaTangan::Tanpa),
        ModeTandaTangan::Tte => {
            let qr = match qr {
                Some(qr) if !qr.trim().is_empty() => Some(qr.trim().to_owned()),
                _ => {
                    found.push(
                        Problem::new(&qr_file, "tanda tangan elektronik (`mode: tte`) memerlukan isi kode QR")
                            .at_path("tanda_tangan.qr")
                            .hint("tulis `qr: https://…` di bawah `tanda_tangan`, misalnya tautan verifikasi dokumen"),
                    );
                    None
                }
            };
            let jangkar = satu(found, &jangkar_file, "jangkar", jangkar.as_deref(), '#');
            // Whatever the report's own anchor, the superior's differs from it.
            let lain = if jangkar == Some('^') { '#' } else { '^' };
            let jangkar_atasan = satu(
                found,
                &atasan_file,
                "jangkar_atasan",
                jangkar_atasan.as_deref(),
                lain,
            );
            if let (Some(a), Some(b)) = (jangkar, jangkar_atasan) {
                if a == b {
                    found.push(
                        Problem::new(&atasan_file, format!("`jangkar_atasan` sama dengan `jangkar` (`{a}`)"))
                            .at_path("tanda_tangan.jangkar_atasan")
                            .hint("kedua pihak Perjanjian Kinerja memerlukan karakter jangkar masing-masing, misalnya `#` dan `^`"),
                    );
                    return None;
                }
            }
            Some(TandaTangan::Tte {
                qr: qr?,
                jangkar: jangkar?,
                jangkar_atasan: jangkar_atasan?,
            })
        }
    }
}

/// The monitoring settings: each key from laporan.yaml, else from
/// kabupaten.yaml, else its default. A scale must go from its highest band
/// down, with colours written `#rrggbb`.
fn monitoring(
    found: &mut Vec<Problem>,
    source: &Source,
    own: Option<BerkasMonitoring>,
    bawaan: Option<&BerkasMonitoring>,
) -> Option<Monitoring> {
    let own = own.unwrap_or_default();
    let shared = BerkasMonitoring::default();
    let b = bawaan.unwrap_or(&shared);
    let file_of = |own_set: bool| match source.batch() {
        Some(batch) if !own_set => batch.display(KABUPATEN),
        _ => source.display(LAPORAN),
    };
    let before = found.len();
    let batas_file = file_of(own.batas_capaian.is_some());
    let batas_capaian = own.batas_capaian.or(b.batas_capaian);
    if let Some(batas) = batas_capaian {
        if batas.is_nan() || batas <= 0.0 {
            found.push(
                Problem::new(&batas_file, format!("batas capaian {batas} bukan angka di atas 0"))
                    .at_path("monitoring.batas_capaian")
                    .hint("tulis misalnya `batas_capaian: 100`, atau hapus kunci ini agar capaian tidak dibatasi"),
            );
        }
    }
    let skala_file = file_of(own.skala.is_some());
    let skala = match own.skala.or(b.skala.clone()) {
        Some(skala) => {
            if skala.is_empty() {
                found.push(
                    Problem::new(&skala_file, "skala capaian kosong")
                        .at_path("monitoring.skala")
                        .hint("tulis paling sedikit satu pita, atau hapus `skala` untuk skala bawaan Permendagri 86/2017"),
                );
            }
            for (i, pita) in skala.iter().enumerate() {
                let at = format!("monitoring.skala[{i}]");
                if !warna_sah(&pita.warna) {
                    found.push(
                        Problem::new(&skala_file, format!("warna `{}` bukan #rrggbb", pita.warna))
                            .at_path(format!("{at}.warna"))
                            .hint("tulis warna dengan tanda pagar dan enam angka heksadesimal dalam tanda kutip, misalnya `warna: \"#1a9641\"`"),
                    );
                }
                if !pita.dari.is_finite() {
                    found.push(
                        Problem::new(&skala_file, "batas bawah pita bukan angka")
                            .at_path(format!("{at}.dari"))
                            .hint("tulis batas bawah dalam persen, misalnya `dari: 91`"),
                    );
                }
                if pita.kategori.trim().is_empty() {
                    found.push(
                        Problem::new(&skala_file, "nama kategori kosong")
                            .at_path(format!("{at}.kategori"))
                            .hint("tulis nama kategori, misalnya `kategori: Sangat Tinggi`"),
                    );
                }
                if i > 0
                    && pita.dari.partial_cmp(&skala[i - 1].dari) != Some(std::cmp::Ordering::Less)
                {
                    found.push(
                        Problem::new(&skala_file, format!("pita `dari: {}` tidak lebih rendah dari pita sebelumnya (`dari: {}`)", pita.dari, skala[i - 1].dari))
                            .at_path(format!("{at}.dari"))
                            .hint("urutkan pita dari batas bawah tertinggi ke terendah"),
                    );
                }
            }
            skala
        }
        None => Monitoring::default().skala,
    };
    let efisiensi_file = file_of(own.batas_efisiensi.is_some());
    let batas_efisiensi = own
        .batas_efisiensi
        .or(b.batas_efisiensi)
        .unwrap_or(crate::content::BATAS_EFISIENSI);
    if !(0.0..=100.0).contains(&batas_efisiensi) {
        found.push(
            Problem::new(&efisiensi_file, format!("batas efisiensi {batas_efisiensi} bukan angka 0–100"))
                .at_path("monitoring.batas_efisiensi")
                .hint("tulis selisih capaian dan serapan dalam poin persen, misalnya `batas_efisiensi: 5`"),
        );
    }
    (found.len() == before).then_some(Monitoring {
        batas_capaian,
        skala,
        rumus_negatif: own.rumus_negatif.or(b.rumus_negatif).unwrap_or_default(),
        batas_efisiensi,
    })
}

fn warna_sah(warna: &str) -> bool {
    let w = warna.trim();
    w.len() == 7 && w.starts_with('#') && w[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// One anchor character from `text` (`default` when none is written), or
/// a problem at `tanda_tangan.<key>`.
fn satu(
    found: &mut Vec<Problem>,
    file: &str,
    key: &str,
    text: Option<&str>,
    default: char,
) -> Option<char> {
    let Some(text) = text.map(str::trim) else {
        return Some(default);
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_whitespace() => Some(c),
        _ => {
            found.push(
                Problem::new(file, format!("jangkar `{text}` bukan satu karakter"))
                    .at_path(format!("tanda_tangan.{key}"))
                    .hint(format!("tulis satu karakter yang dicari layanan BSrE, misalnya `{key}: \"{default}\"`")),
            );
            None
        }
    }
}

/// The cover logo: a path in laporan.yaml is inside the report's folder,
/// one in kabupaten.yaml inside the batch folder.
pub fn logo(source: &Source, id: &Identitas) -> Result<Option<Logo>, Error> {
    let Some(path) = &id.logo else {
        return Ok(None);
    };
    match source.batch() {
        Some(batch) if id.logo_dari_batch => {
            load_logo(batch, &batch.display(KABUPATEN), path).map(Some)
        }
        _ => load_logo(source, &source.display(LAPORAN), path).map(Some),
    }
}

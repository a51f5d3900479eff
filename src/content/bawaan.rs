//! A report inside a batch: laporan.yaml laid over the batch's
//! kabupaten.yaml, so what every kecamatan shares is written once.

use super::{load_logo, BerkasLaporan, Identitas, Logo, Source, IDENTITAS, KABUPATEN};
use crate::error::{Error, Problem};

/// The report's identity: each key from laporan.yaml, else from the
/// batch's kabupaten.yaml, else its default. Missing required keys and
/// keys that belong to one kecamatan only go to `found`.
pub fn resolve(
    found: &mut Vec<Problem>,
    source: &Source,
    own: BerkasLaporan,
    bawaan: Option<&BerkasLaporan>,
) -> Option<Identitas> {
    let file = source.display(IDENTITAS);
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
    let tahun = own.tahun.or(b.tahun).or_else(|| {
        missing("tahun");
        None
    });
    let penandatangan = own.penandatangan.or_else(|| {
        missing("penandatangan");
        None
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
        penandatangan: penandatangan?,
    })
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
        _ => load_logo(source, &source.display(IDENTITAS), path).map(Some),
    }
}

//! Realisasi: what was achieved against the Rencana Aksi's own targets, each
//! triwulan. Realisasi lives in its own files, `realisasi/tw1.yaml` …
//! `tw4.yaml`, so quarterly reporting never touches the plan's files; an
//! indicator or a program is named there by a key renaksi derives from the
//! plan ([`kunci`]), never by retyping its text. This module reads them;
//! `crate::monitoring` works out every figure of the report,
//! `crate::check::realisasi` looks for what cannot be right and
//! `crate::render::monitoring` lays it out.

pub mod kunci;

pub use crate::content::jenis_berkas::{nama_berkas, triwulan_berkas, REALISASI};

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use crate::content::{Bulanan, Report, Rincian, Tanggal};
use crate::error::{Error, Problem};

/// realisasi/twN.yaml: realisasi satu triwulan. Kunci indikator dan
/// program dibuat oleh `renaksi realisasi --triwulan N`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasRealisasi {
    /// Tanggal laporan monitoring triwulan ini, TTTT-BB-HH: tanggal
    /// penandatanganannya. Periode yang belum berakhir pada tanggal ini
    /// belum boleh diisi.
    pub tanggal: Tanggal,
    /// Realisasi per indikator, dengan kunci `jabatan/indikator`.
    #[serde(default)]
    pub indikator: BTreeMap<String, RealisasiIndikator>,
    /// Realisasi anggaran triwulan ini (bukan kumulatif) per program,
    /// kegiatan atau sub kegiatan, dalam rupiah utuh, dengan kunci
    /// `jabatan/program`.
    #[serde(default, deserialize_with = "rupiah_per_kunci")]
    pub anggaran: BTreeMap<String, Option<u64>>,
}

/// Each amount of rupiah within [`crate::content::ANGKA_MAKS`].
fn rupiah_per_kunci<'de, D: de::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Option<u64>>, D::Error> {
    #[derive(Deserialize)]
    struct Rupiah(#[serde(deserialize_with = "crate::content::rupiah_terbatas")] Option<u64>);
    let map = BTreeMap::<String, Rupiah>::deserialize(d)?;
    Ok(map.into_iter().map(|(k, Rupiah(v))| (k, v)).collect())
}

/// Realisasi satu indikator dalam satu triwulan, dan catatannya.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RealisasiIndikator {
    /// Realisasi triwulan ini: angka, atau uraian untuk indikator
    /// `polaritas: kualitatif`. Pada laporan bulanan, angka ini dihitung
    /// sebagai realisasi bulan terakhir triwulan.
    #[serde(default)]
    pub realisasi: Option<Nilai>,
    /// Realisasi per bulan triwulan ini (laporan bulanan), misalnya
    /// `april: 5`.
    #[serde(default)]
    pub bulan: Option<Bulanan>,
    /// Kendala yang dihadapi.
    #[serde(default)]
    pub kendala: Option<String>,
    /// Solusi atas kendala itu.
    #[serde(default)]
    pub solusi: Option<String>,
    /// Tindak lanjut pada triwulan berikutnya.
    #[serde(default)]
    pub tindak_lanjut: Option<String>,
}

/// Realisasi: angka, atau uraian untuk indikator kualitatif.
#[derive(Debug, Clone, PartialEq)]
pub enum Nilai {
    /// A number.
    Angka(f64),
    /// A description.
    Teks(String),
}

impl<'de> Deserialize<'de> for Nilai {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NilaiVisitor;
        impl Visitor<'_> for NilaiVisitor {
            type Value = Nilai;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("angka (misalnya 12 atau 85.5) atau uraian")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nilai, E> {
                crate::content::angka_terbatas(v as f64).map(Nilai::Angka)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nilai, E> {
                crate::content::angka_terbatas(v as f64).map(Nilai::Angka)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nilai, E> {
                crate::content::angka_terbatas(v).map(Nilai::Angka)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Nilai, E> {
                Ok(Nilai::Teks(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Nilai, E> {
                Err(E::invalid_type(de::Unexpected::Bool(v), &self))
            }
        }
        deserializer.deserialize_any(NilaiVisitor)
    }
}

impl JsonSchema for Nilai {
    fn schema_name() -> Cow<'static, str> {
        "Nilai".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["number", "string"],
            "description": "Realisasi: angka (titik desimal: `85.5`), atau uraian untuk indikator kualitatif."
        })
    }
}

/// One realisasi file, read.
#[derive(Debug, Clone)]
pub struct BerkasTw {
    /// 1 … 4.
    pub triwulan: usize,
    /// Its path inside the report folder.
    pub file: String,
    /// Its text, to place problems.
    pub text: String,
    /// Its content.
    pub isi: BerkasRealisasi,
}

/// Every realisasi file of a report, by quarter.
#[derive(Debug, Clone, Default)]
pub struct Realisasi {
    /// `tw[0]` is TW I.
    pub tw: [Option<BerkasTw>; 4],
}

/// Whether the report folder has any realisasi file.
pub fn ada(report: &Report) -> bool {
    report
        .source
        .list_yaml(REALISASI)
        .is_ok_and(|f| !f.is_empty())
}

/// Reads every realisasi file of the report. Every problem in them is
/// returned at once, each placed: a file name that is not a quarter, a
/// structure the types refuse, a key that names nothing in the Rencana
/// Aksi (with the closest key that does), months outside the file's
/// quarter.
pub fn muat(report: &Report) -> Result<Realisasi, Error> {
    let (realisasi, stale) = baca(report)?;
    if stale.is_empty() {
        Ok(realisasi)
    } else {
        Err(stale.into())
    }
}

/// Reads every realisasi file as [`muat`] does, but returns the problems
/// of keys and months that no longer match the Rencana Aksi beside what was
/// read, for `diff`, which shows such a change rather than refuse it. A
/// file that cannot be read is still an error.
pub fn baca(report: &Report) -> Result<(Realisasi, Vec<Problem>), Error> {
    let source = &report.source;
    let mut problems = Vec::new();
    let mut stale = Vec::new();
    let mut out = Realisasi::default();
    let keys = kunci::Kunci::dari(report);
    for rel in source.list_yaml(REALISASI)? {
        let Some(n) = triwulan_berkas(&rel) else {
            problems.push(
                Problem::new(source.display(&rel), "nama berkas realisasi tidak dikenal")
                    .hint("berkas di folder realisasi/ bernama tw1.yaml, tw2.yaml, tw3.yaml atau tw4.yaml, satu per triwulan"),
            );
            continue;
        };
        if out.tw[n - 1].is_some() {
            problems.push(
                Problem::new(
                    source.display(&rel),
                    format!("triwulan {n} ditulis dua kali"),
                )
                .hint(format!("satukan isinya di {}", nama_berkas(n))),
            );
            continue;
        }
        let Some((isi, text)) =
            crate::content::parse_file::<BerkasRealisasi>(source, &rel, &mut problems)?
        else {
            continue;
        };
        let berkas = BerkasTw {
            triwulan: n,
            file: rel,
            text,
            isi,
        };
        periksa_kunci(report, &keys, &berkas, &mut stale);
        out.tw[n - 1] = Some(berkas);
    }
    if problems.is_empty() {
        Ok((out, stale))
    } else {
        problems.extend(stale);
        Err(problems.into())
    }
}

/// Keys that name nothing, and months or values the file's quarter and
/// the report's periods do not hold.
fn periksa_kunci(
    report: &Report,
    keys: &kunci::Kunci,
    berkas: &BerkasTw,
    problems: &mut Vec<Problem>,
) {
    let file = report.source.display(&berkas.file);
    let place = |problem: Problem| problem.letakkan(&berkas.text);
    let n = berkas.triwulan;
    let rincian = report.identitas.rincian_target;
    for (key, isi) in &berkas.isi.indikator {
        let path = format!("indikator.{key}");
        if keys.indikator(key).is_none() {
            let hint = match keys.mirip_indikator(key) {
                Some(best) => format!("maksud Anda: `{best}`? Kunci dibuat dari jabatan dan uraian indikator; bila uraiannya diganti di Rencana Aksi Perubahan, `renaksi realisasi --ikuti-perubahan` mengganti kuncinya di setiap triwulan"),
                None => "indikator ini tidak ada lagi di Lampiran; hapus butir ini, atau jalankan `renaksi realisasi --triwulan N` untuk melihat kunci yang berlaku".into(),
            };
            problems.push(place(
                Problem::new(
                    &file,
                    format!("indikator `{key}` tidak ada di Rencana Aksi"),
                )
                .at_path(&path)
                .hint(hint),
            ));
            continue;
        }
        if let Some(bulan) = &isi.bulan {
            if rincian == Rincian::Triwulan {
                problems.push(place(
                    Problem::new(&file, "realisasi per bulan pada laporan bertarget triwulan")
                        .at_path(format!("{path}.bulan"))
                        .hint("tulis `realisasi: <angka>` untuk triwulan ini"),
                ));
                continue;
            }
            if isi.realisasi.is_some() && bulan.values().iter().any(Option::is_some) {
                problems.push(place(
                    Problem::new(&file, "realisasi ditulis dua kali: `realisasi` dan `bulan`")
                        .at_path(format!("{path}.realisasi"))
                        .hint("tulis realisasi per bulan di bawah `bulan`, atau satu angka triwulan di `realisasi`, tidak keduanya"),
                ));
            }
            let names = crate::content::tulis::BULAN;
            for (m, v) in bulan.values().iter().enumerate() {
                if v.is_some() && m / 3 + 1 != n {
                    let month = names[m];
                    problems.push(place(
                        Problem::new(
                            &file,
                            format!(
                                "bulan {month} bukan bagian Triwulan {}",
                                crate::format::romawi(n)
                            ),
                        )
                        .at_path(format!("{path}.bulan.{month}"))
                        .hint(format!(
                            "realisasi {month} ditulis di {}",
                            nama_berkas(m / 3 + 1)
                        )),
                    ));
                }
            }
        }
    }
    for key in berkas.isi.anggaran.keys() {
        if keys.program(key).is_none() {
            let path = format!("anggaran.{key}");
            let hint = match keys.mirip_program(key) {
                Some(best) => format!(
                    "maksud Anda: `{best}`? Kunci dibuat dari jabatan dan uraian program/kegiatan; bila uraiannya diganti di Rencana Aksi Perubahan, `renaksi realisasi --ikuti-perubahan` mengganti kuncinya di setiap triwulan"
                ),
                None => "program/kegiatan ini tidak ada lagi di Lampiran; hapus butir ini".into(),
            };
            problems.push(place(
                Problem::new(
                    &file,
                    format!("program/kegiatan `{key}` tidak ada di Rencana Aksi"),
                )
                .at_path(&path)
                .hint(hint),
            ));
        }
    }
}

/// The realisasi of one indicator in each period (12 months or 4
/// quarters) from the files up to quarter `sampai`, and the last
/// description written for a qualitative one.
pub fn per_periode(
    realisasi: &Realisasi,
    rincian: Rincian,
    key: &str,
    sampai: usize,
) -> (Vec<Option<f64>>, Option<String>) {
    let len = match rincian {
        Rincian::Bulanan => 12,
        Rincian::Triwulan => 4,
    };
    let mut nilai = vec![None; len];
    let mut teks = None;
    for berkas in realisasi.tw.iter().take(sampai).flatten() {
        let Some(isi) = berkas.isi.indikator.get(key) else {
            continue;
        };
        let n = berkas.triwulan;
        let akhir = match rincian {
            Rincian::Bulanan => 3 * n - 1,
            Rincian::Triwulan => n - 1,
        };
        match &isi.realisasi {
            Some(Nilai::Angka(v)) => nilai[akhir] = Some(*v),
            Some(Nilai::Teks(t)) => teks = Some(t.clone()),
            None => {}
        }
        if let (Some(bulan), Rincian::Bulanan) = (&isi.bulan, rincian) {
            for (m, v) in bulan.values().iter().enumerate().skip(3 * n - 3).take(3) {
                if let Some(v) = v {
                    nilai[m] = Some(v.0);
                }
            }
        }
    }
    (nilai, teks)
}

/// The budget spent on one program in quarter `n` and up to it.
pub fn anggaran(realisasi: &Realisasi, key: &str, n: usize) -> (Option<u64>, u64) {
    let ini = realisasi.tw[n - 1]
        .as_ref()
        .and_then(|b| b.isi.anggaran.get(key).copied().flatten());
    let sd = realisasi
        .tw
        .iter()
        .take(n)
        .flatten()
        .filter_map(|b| b.isi.anggaran.get(key).copied().flatten())
        .fold(0u64, |a, b| a.saturating_add(b));
    (ini, sd)
}

/// The date of quarter `n`'s report, if its file exists.
pub fn tanggal(realisasi: &Realisasi, n: usize) -> Option<NaiveDate> {
    realisasi.tw[n - 1].as_ref().map(|b| b.isi.tanggal.0)
}

/// The last day of quarter `n` of `tahun`.
pub fn akhir_triwulan(tahun: i32, n: usize) -> NaiveDate {
    let (m, d) = match n {
        1 => (3, 31),
        2 => (6, 30),
        3 => (9, 30),
        _ => (12, 31),
    };
    NaiveDate::from_ymd_opt(tahun, m, d).unwrap_or(NaiveDate::MIN)
}

/// The last day of month `m` (0-based) of `tahun`.
pub fn akhir_bulan(tahun: i32, m: usize) -> NaiveDate {
    let next = if m == 11 {
        NaiveDate::from_ymd_opt(tahun + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(tahun, m as u32 + 2, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

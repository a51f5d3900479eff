//! The files of the year-end Laporan Kinerja (LKjIP) beside the report's
//! own: the medium-term plan (`renstra.yaml`), the results of years before
//! renaksi was used or kept elsewhere (`kinerja-lalu.yaml`), and the
//! LKjIP's narrative (`lkjip.yaml`). An indicator kinerja utama (IKU) is a
//! Lampiran indicator named by the same key the realisasi files use
//! ([`crate::realisasi::kunci`]): its text, unit and polarity are the
//! Lampiran's, never typed again. This module reads the three files and
//! places every key that names nothing; `crate::kinerja` works out the
//! figures, `crate::check::lkjip` looks for what cannot be right.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::content::{Angka, Bagian, Report, Tanggal};
use crate::error::{Error, Problem};
use crate::realisasi::kunci::Kunci;

pub mod tulis;

/// The medium-term plan.
pub const RENSTRA: &str = "renstra.yaml";
/// Results of earlier years.
pub const KINERJA_LALU: &str = "kinerja-lalu.yaml";
/// The LKjIP's narrative.
pub const LKJIP: &str = "lkjip.yaml";

/// Every variable an LKjIP narrative may use beyond the report's own
/// (and `judul`, which is the LKjIP's title there), in the order
/// docs/lkjip.md lists them; `crate::render::lkjip` works out their values.
pub const VARIABEL: [&str; 11] = [
    "renstra.periode",
    "tahun_lalu",
    "iku.jumlah",
    "iku.tercapai",
    "iku.belum_tercapai",
    "capaian.rata_rata",
    "capaian.predikat",
    "capaian.kategori",
    "anggaran.pagu",
    "anggaran.realisasi",
    "anggaran.serapan",
];

/// renstra.yaml: Rencana Strategis perangkat daerah: periode, tujuan,
/// sasaran strategis dan indikator kinerja utamanya dengan target per
/// tahun.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasRenstra {
    /// Tahun pertama periode Renstra, misalnya `2021`.
    #[schemars(range(min = 2000, max = 2100))]
    pub mulai: i32,
    /// Tahun terakhir periode Renstra, misalnya `2026`.
    #[schemars(range(min = 2000, max = 2100))]
    pub akhir: i32,
    /// Tujuan Renstra, masing-masing dengan sasaran strategisnya.
    pub tujuan: Vec<Tujuan>,
}

/// Satu tujuan Renstra.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tujuan {
    /// Uraian tujuan.
    pub uraian: String,
    /// Sasaran strategis tujuan ini.
    pub sasaran: Vec<SasaranStrategis>,
}

/// Satu sasaran strategis Renstra.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SasaranStrategis {
    /// Uraian sasaran strategis.
    pub uraian: String,
    /// Indikator kinerja utama sasaran ini.
    pub iku: Vec<Iku>,
}

/// Satu indikator kinerja utama (IKU). Uraian, satuan dan polaritasnya
/// adalah indikator Lampiran yang dinamai kuncinya.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Iku {
    /// Kunci indikator Lampiran, seperti di berkas realisasi:
    /// `jabatan/uraian-indikator`.
    pub indikator: String,
    /// Target per tahun periode Renstra, misalnya `2022: 85`.
    #[serde(default)]
    pub target: Tahunan<Angka>,
    /// Target akhir periode Renstra; bawaan: target tahun terakhir.
    #[serde(default)]
    pub target_akhir: Option<Angka>,
    /// Standar nasional atau provinsi bila ada.
    #[serde(default)]
    pub standar: Option<Standar>,
}

impl BerkasRenstra {
    /// Every text of the file with its YAML path: each tujuan's and
    /// sasaran's uraian and each standard's source, all table cells.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut all = Vec::new();
        for (t, tujuan) in self.tujuan.iter().enumerate() {
            let at = format!("tujuan[{t}]");
            all.push((format!("{at}.uraian"), tujuan.uraian.as_str()));
            for (s, sasaran) in tujuan.sasaran.iter().enumerate() {
                let at = format!("{at}.sasaran[{s}]");
                all.push((format!("{at}.uraian"), sasaran.uraian.as_str()));
                for (i, iku) in sasaran.iku.iter().enumerate() {
                    if let Some(st) = &iku.standar {
                        all.push((format!("{at}.iku[{i}].standar.sumber"), st.sumber.as_str()));
                    }
                }
            }
        }
        all
    }
}

impl Iku {
    /// The target of `tahun`, if written.
    pub fn target_tahun(&self, tahun: i32) -> Option<f64> {
        self.target.get(tahun).map(|a| a.0)
    }

    /// The final-year target: `target_akhir`, else the target of `akhir`.
    pub fn akhir(&self, akhir: i32) -> Option<f64> {
        self.target_akhir
            .map(|a| a.0)
            .or_else(|| self.target_tahun(akhir))
    }
}

/// Standar pembanding sebuah IKU.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standar {
    /// Nilai standar, dalam satuan indikatornya.
    pub nilai: Angka,
    /// Sumbernya, misalnya `Standar nasional IKM (PermenPANRB 14/2017)`.
    pub sumber: String,
}

/// kinerja-lalu.yaml: kinerja IKU tahun-tahun sebelumnya. Setiap tahun
/// dibaca dari folder laporannya (`folder`, `git`) atau ditulis di sini
/// (`iku`), untuk tahun sebelum renaksi dipakai.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasKinerjaLalu {
    /// Per tahun, dari yang terlama, misalnya `2021:`.
    pub tahun: Tahunan<TahunLalu>,
}

/// Kinerja satu tahun yang lalu.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TahunLalu {
    /// Folder laporan tahun itu, di samping folder ini, misalnya
    /// `../kubutambahan-2021`: realisasinya dibaca dari
    /// `realisasi/tw4.yaml` di sana.
    #[serde(default)]
    pub folder: Option<String>,
    /// Revisi git (tag, cabang atau commit) tempat folder laporan tahun
    /// itu tersimpan, misalnya `lkjip-2021`; bersama `folder` bila folder
    /// itu bernama lain.
    #[serde(default)]
    pub git: Option<String>,
    /// Target dan realisasi per IKU, dengan kunci IKU seperti di
    /// renstra.yaml.
    #[serde(default)]
    pub iku: Berkunci<KinerjaIku>,
}

/// Target dan realisasi satu IKU dalam satu tahun.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KinerjaIku {
    /// Target tahun itu; bawaan: target Renstra tahun itu.
    #[serde(default)]
    pub target: Option<Angka>,
    /// Realisasi tahun itu.
    pub realisasi: Angka,
}

/// lkjip.yaml: narasi Laporan Kinerja, dalam Markdown, dengan variabel
/// narasi dan variabel hasil perhitungan (lihat docs/lkjip.md).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasLkjip {
    /// Tanggal penandatanganan LKjIP, TTTT-BB-HH, biasanya awal tahun
    /// berikutnya.
    pub tanggal: Tanggal,
    /// Kata Pengantar.
    pub kata_pengantar: String,
    /// Ikhtisar Eksekutif.
    pub ikhtisar: String,
    /// BAB I Pendahuluan: subbab 1.1, 1.2, … (latar belakang, struktur
    /// organisasi, tugas dan fungsi, sumber daya, isu strategis,
    /// sistematika).
    pub pendahuluan: Vec<Bagian>,
    /// Teks pembuka BAB II Perencanaan Kinerja, sebelum tabel Renstra dan
    /// Perjanjian Kinerja.
    #[serde(default)]
    pub perencanaan: Option<String>,
    /// Teks pembuka BAB III Akuntabilitas Kinerja.
    #[serde(default)]
    pub akuntabilitas: Option<String>,
    /// Analisis per IKU (sebab keberhasilan atau kegagalan, upaya), dengan
    /// kunci IKU seperti di renstra.yaml.
    #[serde(default)]
    pub analisis: Berkunci<String>,
    /// Teks subbab 3.2 Realisasi Anggaran, sebelum tabelnya.
    #[serde(default)]
    pub anggaran: Option<String>,
    /// BAB IV: kesimpulan.
    pub kesimpulan: String,
    /// BAB IV: rekomendasi.
    pub rekomendasi: String,
}

impl BerkasLkjip {
    /// Every narrative text with its YAML path, in the document's order.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut all = vec![
            ("kata_pengantar".to_owned(), self.kata_pengantar.as_str()),
            ("ikhtisar".to_owned(), self.ikhtisar.as_str()),
        ];
        for (i, b) in self.pendahuluan.iter().enumerate() {
            all.push((format!("pendahuluan[{i}].judul"), &b.judul));
            all.push((format!("pendahuluan[{i}].isi"), &b.isi));
        }
        if let Some(t) = &self.perencanaan {
            all.push(("perencanaan".into(), t));
        }
        if let Some(t) = &self.akuntabilitas {
            all.push(("akuntabilitas".into(), t));
        }
        for (k, t) in &self.analisis {
            all.push((format!("analisis.{k}"), t));
        }
        if let Some(t) = &self.anggaran {
            all.push(("anggaran".into(), t));
        }
        all.push(("kesimpulan".into(), &self.kesimpulan));
        all.push(("rekomendasi".into(), &self.rekomendasi));
        all
    }
}

/// A year-keyed map in the order written: `2021: …`, `2022: …`. Kept in
/// order so that years out of order can be told; a year written twice is
/// refused by the YAML reader.
#[derive(Debug, Clone)]
pub struct Tahunan<T>(pub Vec<(i32, T)>);

impl<T> Default for Tahunan<T> {
    fn default() -> Self {
        Tahunan(Vec::new())
    }
}

impl<T> Tahunan<T> {
    /// The value of `tahun`.
    pub fn get(&self, tahun: i32) -> Option<&T> {
        self.0.iter().find(|(t, _)| *t == tahun).map(|(_, v)| v)
    }

    /// The years, as written.
    pub fn tahun(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.iter().map(|(t, _)| *t)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tahunan<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Tahunan<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tahun sebagai kunci, misalnya `2022: …`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(i32, T)> = Vec::new();
                while let Some(tahun) = map.next_key::<Tahun>()? {
                    if out.iter().any(|(t, _)| *t == tahun.0) {
                        return Err(de::Error::custom(format!(
                            "tahun {} ditulis dua kali",
                            tahun.0
                        )));
                    }
                    out.push((tahun.0, map.next_value()?));
                }
                Ok(Tahunan(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// A year as a key: four digits, 2000–2100.
struct Tahun(i32);

impl<'de> Deserialize<'de> for Tahun {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Tahun;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tahun empat angka, 2000–2100")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tahun, E> {
                if (2000..=2100).contains(&v) {
                    Ok(Tahun(v as i32))
                } else {
                    Err(E::custom(format!(
                        "tahun {v} di luar rentang 2000–2100; tulis tahun dengan empat angka, misalnya `2022:`"
                    )))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tahun, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tahun, E> {
                match v.trim().parse::<i64>() {
                    Ok(n) => self.visit_i64(n),
                    Err(_) => Err(E::custom(format!(
                        "`{v}` bukan tahun; tulis tahun dengan empat angka, misalnya `2022:`"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl<T: JsonSchema> JsonSchema for Tahunan<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Tahunan_{}", T::schema_name()).into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let isi = g.subschema_for::<T>();
        json_schema!({
            "type": "object",
            "description": "Per tahun: kunci tahun empat angka, misalnya `2022`.",
            "patternProperties": { "^(20[0-9]{2}|2100)$": isi },
            "additionalProperties": false
        })
    }
}

/// A map keyed by IKU in the order written (the order of the document),
/// a key written twice refused.
#[derive(Debug, Clone)]
pub struct Berkunci<T>(pub Vec<(String, T)>);

impl<T> Default for Berkunci<T> {
    fn default() -> Self {
        Berkunci(Vec::new())
    }
}

impl<T> Berkunci<T> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, as written.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Key and value pairs, as written.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, T> IntoIterator for &'a Berkunci<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, T)>,
        fn(&'a (String, T)) -> (&'a String, &'a T),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Berkunci<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Berkunci<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("kunci IKU, misalnya `camat/indeks-kepuasan-masyarakat: …`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(String, T)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("`{key}` ditulis dua kali")));
                    }
                    out.push((key, map.next_value()?));
                }
                Ok(Berkunci(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for Berkunci<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Berkunci_{}", T::schema_name()).into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let isi = g.subschema_for::<T>();
        json_schema!({
            "type": "object",
            "description": "Per IKU: kuncinya seperti di renstra.yaml.",
            "additionalProperties": isi
        })
    }
}

/// The three files, read.
#[derive(Debug, Clone)]
pub struct Data {
    /// renstra.yaml and its text.
    pub renstra: Dibaca<BerkasRenstra>,
    /// kinerja-lalu.yaml and its text, if the folder has it.
    pub lalu: Option<Dibaca<BerkasKinerjaLalu>>,
    /// lkjip.yaml and its text.
    pub narasi: Dibaca<BerkasLkjip>,
}

/// One file, read: its name as messages give it, its text and content.
#[derive(Debug, Clone)]
pub struct Dibaca<T> {
    /// As messages name it.
    pub file: String,
    /// Its text, to place problems.
    pub text: String,
    /// Its content.
    pub isi: T,
}

impl<T> Dibaca<T> {
    /// A problem at `path` of this file, placed on its line.
    pub fn masalah(&self, path: &str, message: impl Into<String>) -> Problem {
        Problem::new(&self.file, message)
            .at_path(path)
            .letakkan(&self.text)
    }
}

/// renstra.yaml and kinerja-lalu.yaml as they parse, for a spreadsheet:
/// `None` for a file that is not there or does not parse (`check` names
/// why).
pub fn baca_saja(report: &Report) -> (Option<BerkasRenstra>, Option<BerkasKinerjaLalu>) {
    fn satu<T: serde::de::DeserializeOwned>(report: &Report, rel: &str) -> Option<T> {
        let bytes = report.source.read(rel).ok()??;
        crate::content::parse(
            &report.source.display(rel),
            &String::from_utf8_lossy(&bytes),
        )
        .ok()
    }
    (satu(report, RENSTRA), satu(report, KINERJA_LALU))
}

/// Whether the report folder has a Renstra: then it can make an LKjIP and
/// `check` reads its files.
pub fn ada(report: &Report) -> bool {
    report.source.exists(RENSTRA)
}

/// Reads renstra.yaml, lkjip.yaml and kinerja-lalu.yaml (if there is one)
/// of `report`. Every problem at once: a file missing or the types
/// refusing it, and every key that names no indicator of the Lampiran (in
/// renstra.yaml), no IKU (in kinerja-lalu.yaml and lkjip.yaml), with the
/// closest that does.
pub fn muat(report: &Report) -> Result<Data, Error> {
    let source = &report.source;
    let mut problems = Vec::new();
    for rel in [RENSTRA, LKJIP] {
        if !source.exists(rel) {
            problems.push(Problem::new(source.display(rel), "berkas tidak ditemukan").hint(
                format!(
                    "Laporan Kinerja memerlukan {rel}: `renaksi lkjip` menulis formulirnya dari Lampiran (lihat docs/lkjip.md)"
                ),
            ));
        }
    }
    let renstra = if source.exists(RENSTRA) {
        crate::content::parse_file::<BerkasRenstra>(source, RENSTRA, &mut problems)?
    } else {
        None
    };
    let narasi = if source.exists(LKJIP) {
        crate::content::parse_file::<BerkasLkjip>(source, LKJIP, &mut problems)?
    } else {
        None
    };
    let lalu = if source.exists(KINERJA_LALU) {
        crate::content::parse_file::<BerkasKinerjaLalu>(source, KINERJA_LALU, &mut problems)?
    } else {
        None
    };
    let renstra = renstra.map(|r| dibaca(source, RENSTRA, r));
    let narasi = narasi.map(|r| dibaca(source, LKJIP, r));
    let lalu = lalu.map(|r| dibaca(source, KINERJA_LALU, r));
    if let Some(renstra) = &renstra {
        let sebelum = problems.len();
        kunci_iku(report, renstra, &mut problems);
        // Keys elsewhere are checked against a Renstra whose own keys hold.
        let iku_sah = problems.len() == sebelum;
        let iku: Vec<&str> = semua_iku(&renstra.isi)
            .map(|(_, _, i)| i.indikator.as_str())
            .collect();
        if let Some(lalu) = lalu.as_ref().filter(|_| iku_sah) {
            for (tahun, isi) in &lalu.isi.tahun.0 {
                for key in isi.iku.keys() {
                    if !iku.contains(&key.as_str()) {
                        problems.push(bukan_iku(
                            lalu,
                            &format!("tahun.{tahun}.iku.{key}"),
                            key,
                            &iku,
                        ));
                    }
                }
            }
        }
        if let Some(narasi) = narasi.as_ref().filter(|_| iku_sah) {
            for key in narasi.isi.analisis.keys() {
                if !iku.contains(&key.as_str()) {
                    problems.push(bukan_iku(narasi, &format!("analisis.{key}"), key, &iku));
                }
            }
        }
    }
    match (renstra, narasi) {
        (Some(renstra), Some(narasi)) if problems.is_empty() => Ok(Data {
            renstra,
            lalu,
            narasi,
        }),
        _ => Err(problems.into()),
    }
}

fn dibaca<T>(source: &crate::content::Source, rel: &str, (isi, text): (T, String)) -> Dibaca<T> {
    Dibaca {
        file: source.display(rel),
        text,
        isi,
    }
}

/// Every IKU of a Renstra with its tujuan's and sasaran's index.
pub fn semua_iku(renstra: &BerkasRenstra) -> impl Iterator<Item = (usize, usize, &Iku)> {
    renstra.tujuan.iter().enumerate().flat_map(|(t, tujuan)| {
        tujuan
            .sasaran
            .iter()
            .enumerate()
            .flat_map(move |(s, sasaran)| sasaran.iku.iter().map(move |i| (t, s, i)))
    })
}

/// The YAML path of an IKU of renstra.yaml.
pub fn jalur_iku(t: usize, s: usize, i: usize) -> String {
    format!("tujuan[{t}].sasaran[{s}].iku[{i}]")
}

/// Keys of renstra.yaml that name no Lampiran indicator, and an
/// indicator named twice.
fn kunci_iku(report: &Report, renstra: &Dibaca<BerkasRenstra>, problems: &mut Vec<Problem>) {
    let keys = Kunci::dari(report);
    let mut seen: Vec<&str> = Vec::new();
    for (t, tujuan) in renstra.isi.tujuan.iter().enumerate() {
        for (s, sasaran) in tujuan.sasaran.iter().enumerate() {
            for (i, iku) in sasaran.iku.iter().enumerate() {
                let path = format!("{}.indikator", jalur_iku(t, s, i));
                let key = iku.indikator.as_str();
                if seen.contains(&key) {
                    problems.push(
                        renstra
                            .masalah(&path, format!("IKU `{key}` ditulis dua kali"))
                            .hint(
                                "setiap indikator Lampiran menjadi IKU satu kali; hapus yang kedua",
                            ),
                    );
                }
                seen.push(key);
                if keys.indikator(key).is_some() {
                    continue;
                }
                let hint = match keys.mirip_indikator(key) {
                    Some(best) => format!("maksud Anda: `{best}`? Kunci dibuat dari jabatan dan uraian indikator, seperti di berkas realisasi; `renaksi realisasi --triwulan 4` menulis setiap kunci yang berlaku"),
                    None => "IKU adalah indikator Lampiran; tulis kuncinya seperti di berkas realisasi (`renaksi realisasi --triwulan 4` menulis setiap kunci)".into(),
                };
                problems.push(
                    renstra
                        .masalah(&path, format!("indikator `{key}` tidak ada di Lampiran"))
                        .hint(hint),
                );
            }
        }
    }
}

/// A key of kinerja-lalu.yaml or lkjip.yaml that is no IKU of renstra.yaml.
fn bukan_iku<T>(file: &Dibaca<T>, path: &str, key: &str, iku: &[&str]) -> Problem {
    let hint = match crate::content::closest(key, iku) {
        Some(best) => format!("maksud Anda: `{best}`?"),
        None => format!(
            "kunci di sini adalah IKU di {RENSTRA}: {}",
            if iku.is_empty() {
                "belum ada IKU".to_owned()
            } else {
                iku.join(", ")
            }
        ),
    };
    file.masalah(path, format!("`{key}` bukan IKU di {RENSTRA}"))
        .hint(hint)
}

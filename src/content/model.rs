//! The report's data as written in YAML. Keys are Indonesian, unknown keys are
//! rejected, and nothing derived (numbers, totals, numbering) is stored.
//!
//! The doc comments of the types and fields are in Indonesian: they become
//! the descriptions of `renaksi schema`, shown to users by their editor.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// laporan.yaml: identitas laporan, penandatangan dan tata letak. Dalam
/// satu batch, kabupaten.yaml di folder batch berbentuk sama dan memberi
/// nilai bawaan untuk semua kecamatan; laporan.yaml menimpanya.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasLaporan {
    /// Nama kecamatan, misalnya `Kubutambahan` (wajib; hanya di laporan.yaml).
    pub kecamatan: Option<String>,
    /// Nama kabupaten, misalnya `Buleleng` (wajib, di sini atau di kabupaten.yaml).
    pub kabupaten: Option<String>,
    /// Tahun rencana aksi, 2000–2100, misalnya `2022` (wajib, di sini atau di kabupaten.yaml).
    #[schemars(range(min = 2000, max = 2100))]
    pub tahun: Option<i32>,
    /// `true` untuk Rencana Aksi Perubahan.
    pub perubahan: Option<bool>,
    /// Ukuran kertas: `a4` (bawaan) atau `f4`.
    pub kertas: Option<Kertas>,
    /// Huruf seluruh laporan: `arial` (bawaan), `times` atau `bookman`.
    pub huruf: Option<Huruf>,
    /// Rincian target: `bulanan` (bawaan) atau `triwulan`.
    pub rincian_target: Option<Rincian>,
    /// Ejaan bulan: `baku` (Februari, November) atau `lama` (Pebruari, Nopember).
    pub ejaan_bulan: Option<Ejaan>,
    /// Logo pada sampul: berkas PNG, JPEG atau SVG di dalam folder berkas ini (tidak wajib).
    pub logo: Option<String>,
    /// Pejabat yang menandatangani (wajib; hanya di laporan.yaml).
    pub penandatangan: Option<Penandatangan>,
    /// Cara laporan ditandatangani: basah (bawaan), tte atau tanpa.
    pub tanda_tangan: Option<BerkasTandaTangan>,
    /// Pengaturan laporan monitoring triwulan: batas capaian dan skala
    /// kategori.
    pub monitoring: Option<BerkasMonitoring>,
    /// `true`: dokumen final (`--final`) tidak disusun selama `check`
    /// menemukan peringatan, bukan hanya galat. Bawaan `false`.
    pub final_tanpa_peringatan: Option<bool>,
    /// `true`: cetak sidik sumber (SHA-256 pendek berkas YAML-nya) di kaki
    /// setiap halaman, seperti `--jejak`. Bawaan `false`.
    pub cetak_jejak: Option<bool>,
    /// Versi sebelumnya dari Rencana Aksi Perubahan ini (biasanya Rencana
    /// Aksi murni): bila ada, Lampiran diikuti Matriks Perubahan. Di
    /// kabupaten.yaml hanya `git`.
    pub versi_sebelumnya: Option<BerkasSebelumnya>,
}

/// Di mana versi sebelumnya berada: tepat satu dari `folder` atau `git`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasSebelumnya {
    /// Folder laporan versi sebelumnya, relatif terhadap folder laporan
    /// ini dan di sampingnya, misalnya `../kubutambahan-2022-murni`.
    pub folder: Option<String>,
    /// Revisi git (tag, cabang atau commit) tempat folder laporan ini
    /// berisi versi sebelumnya, misalnya `ra-2022-murni`.
    pub git: Option<String>,
}

/// The previous version of a Perubahan, as named in laporan.yaml,
/// kabupaten.yaml or on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sebelumnya {
    /// A folder: relative to the report folder when named in laporan.yaml,
    /// to the working directory on the command line.
    Folder(std::path::PathBuf),
    /// The report folder at a git revision.
    Git(String),
}

/// Pengaturan laporan monitoring. Di kabupaten.yaml memberi bawaan untuk
/// semua kecamatan; setiap kunci di laporan.yaml menimpanya.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasMonitoring {
    /// Capaian di atas angka ini dicetak sebagai angka ini, misalnya `100`;
    /// tanpa kunci ini capaian tidak dibatasi.
    pub batas_capaian: Option<f64>,
    /// Skala kategori capaian, dari pita tertinggi ke terendah; bawaan:
    /// lima tingkat evaluasi Permendagri 86/2017. Juga predikat Laporan
    /// Kinerja.
    pub skala: Option<Vec<Pita>>,
    /// Rumus capaian indikator `polaritas: negatif`, di laporan monitoring
    /// dan Laporan Kinerja: `bagi` (bawaan; target / realisasi × 100) atau
    /// `selisih` ((2 × target − realisasi) / target × 100).
    pub rumus_negatif: Option<RumusNegatif>,
    /// Laporan Kinerja: efisiensi adalah capaian dikurangi serapan anggaran
    /// (poin persen); di atas angka ini `Efisien`, di bawah minusnya
    /// `Kurang Efisien`, di antaranya `Cukup Efisien`. Bawaan `5`.
    pub batas_efisiensi: Option<f64>,
}

/// Rumus capaian indikator yang makin rendah makin baik.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RumusNegatif {
    /// target / realisasi × 100; 100 bila realisasi 0.
    #[default]
    Bagi,
    /// (2 × target − realisasi) / target × 100, tidak kurang dari 0.
    Selisih,
}

impl RumusNegatif {
    /// `bagi` or `selisih`, as written.
    pub fn kata(self) -> &'static str {
        match self {
            RumusNegatif::Bagi => "bagi",
            RumusNegatif::Selisih => "selisih",
        }
    }
}

/// Satu pita skala kategori capaian.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pita {
    /// Batas bawah pita dalam persen, termasuk batas itu: capaian 91,00
    /// masuk pita `dari: 91`; 90,99 masuk pita di bawahnya.
    pub dari: f64,
    /// Nama kategori, misalnya `Sangat Tinggi`.
    pub kategori: String,
    /// Warna pita, `#rrggbb`.
    pub warna: String,
}

/// The monitoring settings after laporan.yaml is laid over kabupaten.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct Monitoring {
    /// Capaian above this is printed as this; `None`: no cap.
    pub batas_capaian: Option<f64>,
    /// The bands, highest first; the last starts at 0 or below.
    pub skala: Vec<Pita>,
    /// The capaian of a negative indicator.
    pub rumus_negatif: RumusNegatif,
    /// Efficiency bands: capaian − serapan above this is efficient.
    pub batas_efisiensi: f64,
}

/// The default of [`Monitoring::batas_efisiensi`], in percentage points.
pub const BATAS_EFISIENSI: f64 = 5.0;

impl Default for Monitoring {
    fn default() -> Self {
        Monitoring {
            batas_capaian: None,
            skala: Pita::permendagri_86_2017(),
            rumus_negatif: RumusNegatif::Bagi,
            batas_efisiensi: BATAS_EFISIENSI,
        }
    }
}

impl Pita {
    /// The five levels of evaluations under Permendagri 86/2017: sangat
    /// tinggi from 91 %, tinggi 76–90, sedang 66–75, rendah 51–65, sangat
    /// rendah up to 50; a capaian between two whole numbers belongs to the
    /// lower band (90,99 is tinggi).
    pub fn permendagri_86_2017() -> Vec<Pita> {
        [
            (91.0, "Sangat Tinggi", "#1a9641"),
            (76.0, "Tinggi", "#a6d96a"),
            (66.0, "Sedang", "#ffff8c"),
            (51.0, "Rendah", "#fdae61"),
            (0.0, "Sangat Rendah", "#e8504a"),
        ]
        .into_iter()
        .map(|(dari, kategori, warna)| Pita {
            dari,
            kategori: kategori.into(),
            warna: warna.into(),
        })
        .collect()
    }
}

/// Cara laporan ditandatangani. Di kabupaten.yaml memberi bawaan untuk semua
/// kecamatan; setiap kunci di laporan.yaml menimpanya satu per satu.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasTandaTangan {
    /// `basah` (ruang untuk tanda tangan dan cap, bawaan), `tte` (tanda
    /// tangan elektronik BSrE) atau `tanpa` (tanpa blok tanda tangan).
    pub mode: Option<ModeTandaTangan>,
    /// Isi kode QR pada blok tanda tangan elektronik, misalnya tautan
    /// verifikasi dokumen (wajib untuk `tte`).
    pub qr: Option<String>,
    /// Karakter jangkar yang dicari layanan tanda tangan BSrE di blok tanda
    /// tangan (`tag_koordinat`); satu karakter, bawaan `#`.
    pub jangkar: Option<String>,
    /// Karakter jangkar pihak kedua (atasan) pada Perjanjian Kinerja, yang
    /// ditandatangani dua orang; satu karakter lain dari `jangkar`, bawaan `^`
    /// (`#` bila `jangkar` adalah `^`).
    pub jangkar_atasan: Option<String>,
}

/// Cara tanda tangan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ModeTandaTangan {
    /// Tanda tangan basah: ruang untuk tinta dan cap.
    #[default]
    Basah,
    /// Tanda tangan elektronik melalui BSrE (BSSN).
    Tte,
    /// Tanpa blok tanda tangan.
    Tanpa,
}

/// How the report is signed, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TandaTangan {
    /// Space for ink and stamp.
    Basah,
    /// Electronic signature through BSrE: a QR code and an anchor.
    Tte {
        /// What the QR code encodes.
        qr: String,
        /// The anchor character the signing service searches for.
        jangkar: char,
        /// The anchor of the second signer of a Perjanjian Kinerja.
        jangkar_atasan: char,
    },
    /// No signature block.
    Tanpa,
}

/// A report's identity and layout, after laporan.yaml has been laid over a
/// batch's kabupaten.yaml.
#[derive(Debug, Clone)]
pub struct Identitas {
    /// Name of the kecamatan.
    pub kecamatan: String,
    /// Name of the kabupaten.
    pub kabupaten: String,
    /// The year of the plan.
    pub tahun: i32,
    /// Whether this is the Perubahan plan.
    pub perubahan: bool,
    /// Paper size.
    pub kertas: Kertas,
    /// Typeface.
    pub huruf: Huruf,
    /// Monthly or quarterly targets.
    pub rincian_target: Rincian,
    /// Spelling of February and November.
    pub ejaan_bulan: Ejaan,
    /// The cover logo, if any.
    pub logo: Option<String>,
    /// Whether the logo was named in the batch's kabupaten.yaml (its path
    /// is then inside the batch folder).
    pub logo_dari_batch: bool,
    /// The signing official.
    pub penandatangan: Penandatangan,
    /// How the report is signed.
    pub tanda_tangan: TandaTangan,
    /// Settings of the quarterly monitoring report.
    pub monitoring: Monitoring,
    /// A final document is held back by peringatan too.
    pub final_tanpa_peringatan: bool,
    /// Print the short source digest at the foot of every page.
    pub cetak_jejak: bool,
    /// The previous version named in laporan.yaml or kabupaten.yaml.
    pub versi_sebelumnya: Option<Sebelumnya>,
}

impl Identitas {
    /// Every text of the report's identity with its YAML path.
    pub fn texts(&self) -> [(&'static str, &str); 8] {
        let p = &self.penandatangan;
        [
            ("kecamatan", &self.kecamatan),
            ("kabupaten", &self.kabupaten),
            ("penandatangan.tempat", &p.tempat),
            ("penandatangan.jabatan", &p.jabatan),
            ("penandatangan.nama", &p.nama),
            ("penandatangan.pangkat", &p.pangkat),
            ("penandatangan.golongan", &p.golongan),
            ("penandatangan.nip", &p.nip),
        ]
    }
}

/// Pejabat penanda tangan, tempat dan tanggal penandatanganan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penandatangan {
    /// Tempat penandatanganan, misalnya `Kubutambahan`.
    pub tempat: String,
    /// Tanggal penandatanganan, TTTT-BB-HH; juga tanggal berkas PDF.
    pub tanggal: Tanggal,
    /// Jabatan, misalnya `Camat Kubutambahan`.
    pub jabatan: String,
    /// Nama lengkap dengan gelar.
    pub nama: String,
    /// Pangkat, misalnya `Pembina Tk. I`.
    pub pangkat: String,
    /// Golongan/ruang, misalnya `IV/b`.
    pub golongan: String,
    /// NIP 18 angka tanpa spasi. Tanda kutip tidak wajib (renaksi membaca
    /// NIP apa adanya sebagai teks) tetapi dianjurkan: alat YAML lain
    /// membaca 18 angka tanpa kutip sebagai bilangan.
    pub nip: String,
    /// Untuk pejabat yang bertindak atas nama Camat: `plt` (Pelaksana
    /// Tugas) atau `plh` (Pelaksana Harian); ditulis di depan jabatan.
    #[serde(default)]
    pub pelaksana: Option<Pelaksana>,
}

/// Pejabat pelaksana.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Pelaksana {
    /// Pelaksana Tugas, ditulis `Plt.`.
    Plt,
    /// Pelaksana Harian, ditulis `Plh.`.
    Plh,
}

impl Pelaksana {
    /// The abbreviation written before the position.
    pub fn singkatan(self) -> &'static str {
        match self {
            Pelaksana::Plt => "Plt.",
            Pelaksana::Plh => "Plh.",
        }
    }
}

/// Ukuran kertas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kertas {
    /// A4, 210 × 297 mm.
    #[default]
    A4,
    /// F4 (folio), 215 × 330 mm.
    F4,
}

/// Huruf bawaan, dinamai menurut huruf kantor yang digantikannya.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Huruf {
    /// Liberation Sans, selebar Arial.
    #[default]
    Arial,
    /// Liberation Serif, selebar Times New Roman.
    Times,
    /// TeX Gyre Bonum, rancangan Bookman Old Style.
    Bookman,
}

impl Huruf {
    /// The family name of the bundled font.
    pub fn family(self) -> &'static str {
        match self {
            Huruf::Arial => "Liberation Sans",
            Huruf::Times => "Liberation Serif",
            Huruf::Bookman => "TeX Gyre Bonum",
        }
    }
}

/// Rincian target dalam setahun.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rincian {
    /// Dua belas bulan, di bawah kunci `bulan`.
    #[default]
    Bulanan,
    /// Empat triwulan, di bawah kunci `triwulan`.
    Triwulan,
}

pub use crate::format::Ejaan;

/// narasi.yaml: Kata Pengantar dan bab-bab, dalam Markdown.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Narasi {
    /// Kata Pengantar.
    pub kata_pengantar: String,
    /// BAB I, II, … berurutan.
    pub bab: Vec<Bab>,
}

impl Narasi {
    /// Every text of the narrative with its YAML path, as written (before
    /// variables are filled in): the foreword, then each chapter's title,
    /// text, and sections' titles and texts.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut all = vec![("kata_pengantar".to_string(), self.kata_pengantar.as_str())];
        for (i, bab) in self.bab.iter().enumerate() {
            all.push((format!("bab[{i}].judul"), &bab.judul));
            if let Some(isi) = &bab.isi {
                all.push((format!("bab[{i}].isi"), isi));
            }
            for (j, b) in bab.bagian.iter().enumerate() {
                all.push((format!("bab[{i}].bagian[{j}].judul"), &b.judul));
                all.push((format!("bab[{i}].bagian[{j}].isi"), &b.isi));
            }
        }
        all
    }
}

/// Satu bab.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab {
    /// Judul bab tanpa "BAB I".
    pub judul: String,
    /// Teks sebelum subbab pertama, atau seluruh bab.
    #[serde(default)]
    pub isi: Option<String>,
    /// Subbab bernomor 1.1, 1.2, …
    #[serde(default)]
    pub bagian: Vec<Bagian>,
}

/// Satu subbab.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bagian {
    /// Judul subbab tanpa nomornya.
    pub judul: String,
    /// Isi subbab, dalam Markdown.
    pub isi: String,
}

/// Satu berkas di folder lampiran/: tabel satu tingkat.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lampiran {
    /// Tingkat tabel: `program`, `kegiatan`, `sub_kegiatan` atau `kinerja`.
    pub tingkat: Tingkat,
    /// Pejabat, berurutan seperti di tabel.
    pub pejabat: Vec<Pejabat>,
}

/// Empat tingkat tabel lampiran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tingkat {
    /// Sasaran Strategis dan Program (Camat).
    Program,
    /// Sasaran Kegiatan dan Kegiatan.
    Kegiatan,
    /// Sasaran Sub Kegiatan dan Sub Kegiatan.
    SubKegiatan,
    /// Sasaran Kinerja staf.
    Kinerja,
}

impl Tingkat {
    /// The headers of the table's sasaran and program columns, as the
    /// official layout names them (the PDF, and the workbook's sheets).
    pub fn kolom(self) -> (&'static str, &'static str) {
        match self {
            Tingkat::Program => ("Sasaran Strategis (Program)", "Program"),
            Tingkat::Kegiatan => ("Sasaran Kegiatan", "Kegiatan"),
            Tingkat::SubKegiatan => ("Sasaran Sub Kegiatan", "Sub Kegiatan"),
            Tingkat::Kinerja => ("Sasaran Kinerja", "Kinerja"),
        }
    }
}

/// Seorang pejabat dan sasaran yang menjadi tanggung jawabnya.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pejabat {
    /// Jabatan, dicetak di baris di atas sasarannya.
    pub jabatan: String,
    /// Alasan perubahan (Rencana Aksi Perubahan) untuk semua perubahan di
    /// bawah pejabat ini yang tidak punya alasan sendiri, termasuk sasaran
    /// yang dihapus; dicetak di Matriks Perubahan.
    #[serde(default)]
    pub alasan: Option<String>,
    /// Sasaran pejabat ini; nomornya berlanjut di tabel.
    pub sasaran: Vec<Sasaran>,
}

/// Sasaran dengan indikator dan program/kegiatannya.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sasaran {
    /// Uraian sasaran.
    pub uraian: String,
    /// Alasan perubahan sasaran ini, dan bawaan bagi indikator dan
    /// programnya (Rencana Aksi Perubahan); dicetak di Matriks Perubahan.
    #[serde(default)]
    pub alasan: Option<String>,
    /// Indikator kinerja sasaran ini.
    pub indikator: Vec<Indikator>,
    /// Program, kegiatan atau sub kegiatan untuk sasaran ini.
    #[serde(default)]
    pub program_kegiatan: Vec<ProgramKegiatan>,
}

impl Sasaran {
    /// The programs printed in the rows of its indicator `k`: the
    /// sasaran's own on its first indicator, then the indicator's.
    pub fn program_di(&self, k: usize) -> impl Iterator<Item = &ProgramKegiatan> {
        let shared: &[ProgramKegiatan] = if k == 0 { &self.program_kegiatan } else { &[] };
        shared.iter().chain(
            self.indikator
                .get(k)
                .into_iter()
                .flat_map(|i| &i.program_kegiatan),
        )
    }

    /// Every program of the sasaran in table order: each indicator's own,
    /// then the sasaran's.
    pub fn program_semua(&self) -> impl Iterator<Item = &ProgramKegiatan> {
        self.indikator
            .iter()
            .flat_map(|i| &i.program_kegiatan)
            .chain(&self.program_kegiatan)
    }
}

/// Indikator kinerja dengan target tahunan dan per periode.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indikator {
    /// Uraian indikator.
    pub uraian: String,
    /// Satuan: Nilai, %, Orang, Dokumen, …
    pub satuan: String,
    /// Target tahunan (angka).
    pub target: Angka,
    /// Target per bulan (dengan `rincian_target: bulanan`); bulan yang tidak ditulis tidak bertarget.
    #[serde(default)]
    pub bulan: Option<Bulanan>,
    /// Target per triwulan (dengan `rincian_target: triwulan`).
    #[serde(default)]
    pub triwulan: Option<Triwulanan>,
    /// Cara target per periode membentuk target tahunan: `jumlah` (bawaan),
    /// `akhir`, `tetap` atau `tidak`; diperiksa oleh `renaksi check`.
    #[serde(default)]
    pub penjumlahan: Penjumlahan,
    /// Arah capaian pada laporan monitoring: `positif` (bawaan; makin
    /// tinggi makin baik), `negatif` (makin rendah makin baik, misalnya
    /// jumlah pengaduan: capaian = target / realisasi) atau `kualitatif`
    /// (realisasi berupa teks; capaian tidak dihitung).
    #[serde(default)]
    pub polaritas: Polaritas,
    /// Keterangan (kolom KET).
    #[serde(default)]
    pub ket: Option<String>,
    /// Alasan perubahan indikator ini: uraian, satuan, target tahunan atau
    /// per periode, dan bawaan bagi programnya (Rencana Aksi Perubahan);
    /// dicetak di Matriks Perubahan.
    #[serde(default)]
    pub alasan: Option<String>,
    /// Program/kegiatan khusus indikator ini.
    #[serde(default)]
    pub program_kegiatan: Vec<ProgramKegiatan>,
}

/// Hubungan target per periode dengan target tahunan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Penjumlahan {
    /// Jumlah semua periode sama dengan target tahunan (dokumen, orang, kunjungan).
    #[default]
    Jumlah,
    /// Periode terakhir yang bertarget sama dengan target tahunan (indeks,
    /// persentase yang dicapai di akhir tahun).
    Akhir,
    /// Setiap periode yang bertarget sama dengan target tahunan (tingkat tetap).
    Tetap,
    /// Tidak diperiksa.
    Tidak,
}

/// Arah capaian sebuah indikator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polaritas {
    /// Makin tinggi realisasi makin baik: capaian = realisasi / target × 100.
    #[default]
    Positif,
    /// Makin rendah realisasi makin baik: capaian = target / realisasi × 100.
    Negatif,
    /// Realisasi berupa uraian; capaian tidak dihitung.
    Kualitatif,
}

impl Indikator {
    /// Targets per period in order (12 months or 4 quarters); `None` where
    /// no target is set.
    pub fn rencana(&self, rincian: Rincian) -> Vec<Option<Angka>> {
        match rincian {
            Rincian::Bulanan => self.bulan.clone().unwrap_or_default().values().to_vec(),
            Rincian::Triwulan => self.triwulan.clone().unwrap_or_default().values().to_vec(),
        }
    }
}

/// Program, kegiatan atau sub kegiatan dan anggarannya.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramKegiatan {
    /// Nama program/kegiatan.
    pub uraian: String,
    /// Anggaran dalam rupiah utuh, tanpa titik: `150000000`.
    #[serde(default, deserialize_with = "rupiah_terbatas")]
    pub anggaran: Option<u64>,
    /// Alasan perubahan program/kegiatan ini atau anggarannya (Rencana Aksi
    /// Perubahan); dicetak di Matriks Perubahan.
    #[serde(default)]
    pub alasan: Option<String>,
}

/// Target per bulan; bulan yang tidak ditulis dicetak "-".
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = ejaan_lama)]
#[allow(missing_docs)]
pub struct Bulanan {
    pub januari: Option<Angka>,
    #[serde(alias = "pebruari")]
    pub februari: Option<Angka>,
    pub maret: Option<Angka>,
    pub april: Option<Angka>,
    pub mei: Option<Angka>,
    pub juni: Option<Angka>,
    pub juli: Option<Angka>,
    pub agustus: Option<Angka>,
    pub september: Option<Angka>,
    pub oktober: Option<Angka>,
    #[serde(alias = "nopember")]
    pub november: Option<Angka>,
    pub desember: Option<Angka>,
}

/// The schema also accepts the old spellings serde reads as aliases.
fn ejaan_lama(schema: &mut Schema) {
    let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (lama, baku) in [("pebruari", "februari"), ("nopember", "november")] {
        if let Some(mut value) = properties.get(baku).cloned() {
            value["description"] = format!("Sama dengan `{baku}`, ejaan lama.").into();
            properties.insert(lama.into(), value);
        }
    }
}

impl Bulanan {
    /// The months from their twelve values in order.
    pub fn from_values(v: [Option<Angka>; 12]) -> Self {
        let [januari, februari, maret, april, mei, juni, juli, agustus, september, oktober, november, desember] =
            v;
        Bulanan {
            januari,
            februari,
            maret,
            april,
            mei,
            juni,
            juli,
            agustus,
            september,
            oktober,
            november,
            desember,
        }
    }

    /// The twelve months in order.
    pub fn values(&self) -> [Option<Angka>; 12] {
        [
            self.januari,
            self.februari,
            self.maret,
            self.april,
            self.mei,
            self.juni,
            self.juli,
            self.agustus,
            self.september,
            self.oktober,
            self.november,
            self.desember,
        ]
    }
}

/// Target per triwulan, kunci `tw1` … `tw4`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Triwulanan {
    pub tw1: Option<Angka>,
    pub tw2: Option<Angka>,
    pub tw3: Option<Angka>,
    pub tw4: Option<Angka>,
}

impl Triwulanan {
    /// The quarters from their four values in order.
    pub fn from_values(v: [Option<Angka>; 4]) -> Self {
        let [tw1, tw2, tw3, tw4] = v;
        Triwulanan { tw1, tw2, tw3, tw4 }
    }

    /// The four quarters in order.
    pub fn values(&self) -> [Option<Angka>; 4] {
        [self.tw1, self.tw2, self.tw3, self.tw4]
    }
}

/// Angka target: bilangan bulat atau desimal (titik desimal: `85.5`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Angka(pub f64);

/// The largest number (target, realisasi, rupiah) a report may hold: a
/// thousand trillion. Every sum and percentage of such numbers stays
/// exact to the rupiah and printable; 1e308 would print as "inf".
pub const ANGKA_MAKS: f64 = 1e15;

/// What [`ANGKA_MAKS`] allows, as a message's "expected".
pub const ANGKA_MAKS_KATA: &str =
    "angka paling besar 1.000.000.000.000.000 (seribu triliun), tanpa notasi e";

/// `v` when it is within [`ANGKA_MAKS`]; else the deserializer's error.
pub fn angka_terbatas<E: de::Error>(v: f64) -> Result<f64, E> {
    if v.is_finite() && v.abs() <= ANGKA_MAKS {
        Ok(v)
    } else {
        // 1e308 as written, not as its three hundred digits.
        let shown = if v.abs() >= 1e16 {
            format!("{v:e}")
        } else {
            v.to_string()
        };
        Err(E::invalid_value(
            de::Unexpected::Other(&format!("angka {shown}")),
            &ANGKA_MAKS_KATA,
        ))
    }
}

/// An amount of rupiah within [`ANGKA_MAKS`].
pub fn rupiah_terbatas<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Option::<u64>::deserialize(d)? {
        Some(v) if v as f64 > ANGKA_MAKS => Err(de::Error::invalid_value(
            de::Unexpected::Other(&format!("angka {v}")),
            &ANGKA_MAKS_KATA,
        )),
        other => Ok(other),
    }
}

impl<'de> Deserialize<'de> for Angka {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AngkaVisitor;
        impl Visitor<'_> for AngkaVisitor {
            type Value = Angka;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("angka (misalnya 12 atau 85.5)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Angka, E> {
                angka_terbatas(v as f64).map(Angka)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Angka, E> {
                angka_terbatas(v as f64).map(Angka)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Angka, E> {
                angka_terbatas(v).map(Angka)
            }
        }
        deserializer.deserialize_any(AngkaVisitor)
    }
}

/// Tanggal, ditulis TTTT-BB-HH.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tanggal(pub NaiveDate);

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TanggalVisitor;
        impl Visitor<'_> for TanggalVisitor {
            type Value = Tanggal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("tanggal TTTT-BB-HH (misalnya 2022-10-12)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tanggal, E> {
                // Four digits for the year, so every date a report holds is
                // one that Typst's and the PDF's dates can hold (1–9999).
                let t = v.trim();
                let shape = t.len() == 10
                    && t.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        _ => b.is_ascii_digit(),
                    });
                shape
                    .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
                    .flatten()
                    .filter(|d| d.year() >= 1)
                    .map(Tanggal)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(TanggalVisitor)
    }
}

impl JsonSchema for Angka {
    fn schema_name() -> Cow<'static, str> {
        "Angka".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "description": "Angka target: bilangan bulat atau desimal (titik desimal: `85.5`)."
        })
    }
}

impl JsonSchema for Tanggal {
    fn schema_name() -> Cow<'static, str> {
        "Tanggal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "Tanggal, ditulis TTTT-BB-HH, misalnya 2022-10-12."
        })
    }
}

/// pegawai.yaml (tidak wajib): orang-orang kantor dan atasannya, untuk
/// Perjanjian Kinerja (`renaksi build --dokumen pk`). Setiap pejabat
/// Lampiran yang tercantum di sini dan memiliki atasan mendapat satu PK.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BerkasPegawai {
    /// Pegawai dan pihak di luar kantor (Bupati), masing-masing sekali.
    pub pegawai: Vec<Pegawai>,
    /// Teks pernyataan PK bila berbeda dari teks baku PermenPANRB 53/2014;
    /// Markdown dengan variabel narasi (`{{ tahun }}`, `{{ kecamatan }}` …).
    #[serde(default)]
    pub pernyataan: Pernyataan,
}

/// Tiga bagian teks pernyataan Perjanjian Kinerja; yang tidak ditulis
/// memakai teks baku.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pernyataan {
    /// Kalimat sebelum nama kedua pihak. Baku: "Dalam rangka mewujudkan
    /// manajemen pemerintahan yang efektif, transparan dan akuntabel serta
    /// berorientasi pada hasil, kami yang bertanda tangan di bawah ini:".
    #[serde(default)]
    pub pembuka: Option<String>,
    /// Janji pihak pertama, sesudah nama kedua pihak.
    #[serde(default)]
    pub pihak_pertama: Option<String>,
    /// Janji pihak kedua.
    #[serde(default)]
    pub pihak_kedua: Option<String>,
}

impl Pernyataan {
    /// The standard text of PermenPANRB 53/2014.
    pub const PEMBUKA: &'static str = "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:";
    /// The standard commitment of pihak pertama.
    pub const PIHAK_PERTAMA: &'static str = "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.";
    /// The standard commitment of pihak kedua.
    pub const PIHAK_KEDUA: &'static str = "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.";

    /// The three texts with their YAML paths, the standard one where none
    /// is written.
    pub fn texts(&self) -> [(&'static str, &str); 3] {
        [
            (
                "pernyataan.pembuka",
                self.pembuka.as_deref().unwrap_or(Self::PEMBUKA),
            ),
            (
                "pernyataan.pihak_pertama",
                self.pihak_pertama.as_deref().unwrap_or(Self::PIHAK_PERTAMA),
            ),
            (
                "pernyataan.pihak_kedua",
                self.pihak_kedua.as_deref().unwrap_or(Self::PIHAK_KEDUA),
            ),
        ]
    }
}

/// Seorang pegawai, atau pihak di luar kantor yang menjadi atasan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pegawai {
    /// Jabatan seperti dicetak di PK, misalnya `Camat Kubutambahan`; juga
    /// nama yang dirujuk `atasan` pegawai lain.
    pub jabatan: String,
    /// Jabatan pejabat ini di tabel Lampiran bila berbeda, misalnya `CAMAT`;
    /// bawaan: sama dengan `jabatan` (huruf besar/kecil tidak dibedakan).
    #[serde(default)]
    pub lampiran: Option<String>,
    /// Nama lengkap dengan gelar.
    pub nama: String,
    /// Pangkat, misalnya `Pembina Tk. I`; kosongkan untuk pejabat politik
    /// (Bupati).
    #[serde(default)]
    pub pangkat: Option<String>,
    /// Golongan/ruang, misalnya `IV/b`.
    #[serde(default)]
    pub golongan: Option<String>,
    /// NIP 18 angka, ditulis dalam tanda kutip; kosongkan untuk pejabat
    /// politik.
    #[serde(default)]
    pub nip: Option<String>,
    /// Jabatan atasannya (pihak kedua PK), sebagaimana ditulis di `jabatan`
    /// pegawai itu.
    #[serde(default)]
    pub atasan: Option<String>,
}

impl Pegawai {
    /// A person's keys, in the order pegawai.yaml and the `Pegawai` sheet
    /// write them.
    pub const KUNCI: [&'static str; 7] = [
        "jabatan", "lampiran", "nama", "pangkat", "golongan", "nip", "atasan",
    ];

    /// Each key of [`Pegawai::KUNCI`] with its value, in that order.
    pub fn isian(&self) -> [(&'static str, Option<&str>); 7] {
        let values = [
            Some(self.jabatan.as_str()),
            self.lampiran.as_deref(),
            Some(self.nama.as_str()),
            self.pangkat.as_deref(),
            self.golongan.as_deref(),
            self.nip.as_deref(),
            self.atasan.as_deref(),
        ];
        let mut out = [("", None); 7];
        for ((slot, key), value) in out.iter_mut().zip(Self::KUNCI).zip(values) {
            *slot = (key, value);
        }
        out
    }

    /// The jabatan of this person's Lampiran official.
    pub fn di_lampiran(&self) -> &str {
        self.lampiran.as_deref().unwrap_or(&self.jabatan)
    }
}

/// Two names of one office compare equal whatever their case and spacing.
pub fn jabatan_sama(a: &str, b: &str) -> bool {
    kunci_jabatan(a) == kunci_jabatan(b)
}

/// A name of an office as [`jabatan_sama`] compares it: lower case, one
/// space between words; for looking names up in a map.
pub fn kunci_jabatan(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

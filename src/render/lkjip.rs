//! The Laporan Kinerja (LKjIP) as a PDF: cover, Kata Pengantar, Ikhtisar
//! Eksekutif, the lists of contents, tables and charts, BAB I from
//! lkjip.yaml, BAB II from renstra.yaml and the head of office's
//! Lampiran table, BAB III computed by `crate::kinerja`, BAB IV and the
//! Perjanjian Kinerja as its Lampiran. Tables and charts are numbered
//! here, per chapter (Tabel 3.2, Grafik 3.1).

use minijinja::Value;
use serde::Serialize;

use crate::content::{Pita, Polaritas, Report};
use crate::error::{Error, Problem};
use crate::format;
use crate::kinerja::{hitung as kinerja, IkuK, Kinerja};
use crate::lkjip::BerkasRenstra;
use crate::monitoring::hitung::{self, TanpaCapaian};
use crate::naskah::Naskah;

use super::monitoring::{panjang, warna, Batang};
use super::pk::{pihak, Pihak};
use super::view::BagianView;

/// The template of the LKjIP.
pub const TEMPLATE: &str = "lkjip.typ";

/// The LKjIP's title.
pub const JUDUL: &str = "Laporan Kinerja Instansi Pemerintah";

pub use crate::lkjip::VARIABEL as NAMA;

#[derive(Serialize)]
struct View {
    judul: String,
    #[serde(flatten)]
    kepala: super::Kepala,
    ttd: super::Ttd,
    kata_pengantar: Value,
    ikhtisar: Value,
    ringkas: Vec<[String; 6]>,
    pendahuluan: Vec<BagianView>,
    perencanaan: Option<Value>,
    renstra: RenstraView,
    pk: PkView,
    akuntabilitas: Option<Value>,
    /// Tabel 3.1: target, realisasi, capaian, kategori per IKU.
    capaian: Tabel,
    grafik_capaian: Vec<Batang>,
    /// Tabel 3.2: each IKU over the years.
    tren: Vec<Kelompok<TrenView>>,
    grafik_tren: Vec<TrenGrafik>,
    tahun_tren: Vec<String>,
    /// Tabel 3.3: against the Renstra's final target.
    akhir: Tabel,
    /// Tabel 3.4: against a standard.
    standar: Vec<[String; 7]>,
    /// 3.1.5: per IKU its analysis and notes.
    analisis: Vec<AnalisisView>,
    /// Tabel 3.6: efficiency.
    efisiensi: Tabel,
    batas_efisiensi: String,
    /// Tabel 3.7: programs per sasaran.
    program: Vec<Kelompok<[String; 5]>>,
    anggaran_teks: Option<Value>,
    /// Tabel 3.8: budget by quarter.
    anggaran: Vec<[String; 9]>,
    anggaran_jumlah: [String; 7],
    kesimpulan: Value,
    rekomendasi: Value,
    legenda: Vec<[String; 3]>,
    rumus_negatif: String,
    batas_capaian: Option<String>,
    rata: String,
    predikat: String,
    tabel: Vec<Daftar>,
    grafik: Vec<Daftar>,
}

/// One numbered table or chart: its number, title and label.
#[derive(Serialize, Clone)]
struct Daftar {
    nomor: String,
    judul: String,
    label: String,
}

#[derive(Serialize)]
struct Kelompok<T> {
    judul: String,
    baris: Vec<T>,
}

#[derive(Serialize)]
struct RenstraView {
    tahun: Vec<String>,
    periode: String,
    baris: Vec<RenstraBaris>,
}

#[derive(Serialize)]
struct RenstraBaris {
    tujuan: Option<(String, usize)>,
    sasaran: Option<(String, usize)>,
    iku: String,
    satuan: String,
    target: Vec<String>,
    akhir: String,
}

#[derive(Serialize)]
struct PkView {
    jabatan: String,
    sasaran: Vec<(usize, String, Vec<[String; 3]>)>,
    program: Vec<[String; 3]>,
    jumlah: String,
    pertama: Option<Pihak>,
    kedua: Option<Pihak>,
}

#[derive(Serialize)]
struct TrenView {
    nomor: usize,
    uraian: String,
    satuan: String,
    tahun: Vec<[String; 4]>,
}

#[derive(Serialize)]
struct TrenGrafik {
    uraian: String,
    batang: Vec<Batang>,
}

#[derive(Serialize)]
struct AnalisisView {
    nomor: String,
    uraian: String,
    ringkas: String,
    isi: Option<Value>,
    catatan: Vec<[String; 4]>,
}

/// What a capaian prints as, and its band.
fn persen(c: &Result<f64, TanpaCapaian>) -> String {
    match c {
        Ok(c) => format::persen(*c),
        Err(why) => why.teks().to_owned(),
    }
}

fn angka(x: Option<f64>) -> String {
    x.map(|v| format::angka(hitung::dua_desimal(v)))
        .unwrap_or_else(|| "-".into())
}

fn kategori(skala: &[Pita], c: &Result<f64, TanpaCapaian>) -> String {
    match c {
        Ok(c) => hitung::kategori(skala, *c)
            .map(|p| p.kategori.clone())
            .unwrap_or_default(),
        Err(why) => why.teks().to_owned(),
    }
}

/// The realisasi of an IKU as printed: its number, or a qualitative one's
/// description.
fn realisasi(i: &IkuK) -> String {
    match (&i.teks, i.realisasi) {
        (Some(t), _) if i.indikator.polaritas == Polaritas::Kualitatif => t.clone(),
        (_, r) => angka(r),
    }
}

/// The computed variables of the LKjIP's narrative, in the order of
/// [`NAMA`].
pub fn variabel(
    report: &Report,
    k: &Kinerja,
    mulai: i32,
    akhir: i32,
) -> Vec<(&'static str, String)> {
    let skala = &report.identitas.monitoring.skala;
    let semua: Vec<&IkuK> = k.iku().collect();
    let rata = k.rata_rata();
    let tercapai = semua
        .iter()
        .filter(|i| matches!(i.capaian, Ok(c) if c >= 100.0))
        .count();
    let berangka = semua.iter().filter(|i| i.capaian.is_ok()).count();
    let mut per_kategori: Vec<(String, usize)> = Vec::new();
    for i in &semua {
        if let Ok(c) = i.capaian {
            let nama = kategori(skala, &Ok(c));
            match per_kategori.iter_mut().find(|(n, _)| *n == nama) {
                Some((_, n)) => *n += 1,
                None => per_kategori.push((nama, 1)),
            }
        }
    }
    per_kategori.sort_by_key(|(n, _)| skala.iter().position(|p| p.kategori == *n));
    let (pagu, belanja) = k.jumlah_anggaran();
    let mut vars: Vec<(&'static str, String)> = vec![("judul", JUDUL.to_owned())];
    let values = [
        format!("{mulai}–{akhir}"),
        (k.tahun - 1).to_string(),
        semua.len().to_string(),
        tercapai.to_string(),
        (berangka - tercapai).to_string(),
        rata.map(format::persen).unwrap_or_else(|| "-".into()),
        rata.and_then(|r| hitung::kategori(skala, r))
            .map(|p| p.kategori.clone())
            .unwrap_or_else(|| "-".into()),
        per_kategori
            .iter()
            .map(|(n, j)| format!("{j} indikator {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        format::rupiah(pagu),
        format::rupiah(belanja),
        hitung::serapan(Some(pagu), belanja)
            .map(format::persen)
            .unwrap_or_else(|| "-".into()),
    ];
    vars.extend(NAMA.iter().copied().zip(values));
    vars
}

/// The numbered tables and charts, in the document's order: the
/// Ikhtisar's summary (unnumbered), then per chapter Tabel 2.1, … and
/// Grafik 3.1, ….
fn daftar(tahun: i32, renstra: &BerkasRenstra, pk: &str) -> (Vec<Daftar>, Vec<Daftar>) {
    let tabel = [
        (
            0,
            format!("Ringkasan Capaian Indikator Kinerja Utama Tahun {tahun}"),
        ),
        (
            2,
            format!(
                "Tujuan, Sasaran Strategis dan Indikator Kinerja Utama Renstra {}–{}",
                renstra.mulai, renstra.akhir
            ),
        ),
        (2, format!("Perjanjian Kinerja Tahun {tahun}: {pk}")),
        (
            3,
            format!("Target, Realisasi dan Capaian Indikator Kinerja Utama Tahun {tahun}"),
        ),
        (
            3,
            format!("Realisasi dan Capaian Tahun {tahun} Dibandingkan Tahun Sebelumnya"),
        ),
        (
            3,
            format!(
                "Realisasi Tahun {tahun} Dibandingkan Target Akhir Renstra {}",
                renstra.akhir
            ),
        ),
        (
            3,
            "Realisasi Dibandingkan Standar Nasional atau Provinsi".into(),
        ),
        (
            3,
            "Kendala, Solusi dan Tindak Lanjut Sepanjang Tahun".into(),
        ),
        (3, "Efisiensi Penggunaan Sumber Daya".into()),
        (3, "Program yang Menunjang Capaian Sasaran".into()),
        (3, format!("Realisasi Anggaran per Program Tahun {tahun}")),
    ];
    let grafik = [
        (3, format!("Capaian Indikator Kinerja Utama Tahun {tahun}")),
        (3, "Tren Capaian Indikator Kinerja Utama".into()),
    ];
    (nomori(tabel, "tabel"), nomori(grafik, "grafik"))
}

/// Numbers `items` per chapter: chapter 0 is the front matter, unnumbered.
fn nomori(items: impl IntoIterator<Item = (usize, String)>, jenis: &str) -> Vec<Daftar> {
    let mut out: Vec<Daftar> = Vec::new();
    let mut per_bab = [0usize; 5];
    for (bab, judul) in items {
        if bab == 0 {
            out.push(Daftar {
                nomor: String::new(),
                judul,
                label: format!("rk-{jenis}-ikhtisar"),
            });
            continue;
        }
        per_bab[bab] += 1;
        let n = per_bab[bab];
        out.push(Daftar {
            nomor: format!("{bab}.{n}"),
            judul,
            label: format!("rk-{jenis}-{bab}-{n}"),
        });
    }
    out
}

/// A table's rows of text, grouped by sasaran strategis.
type Tabel = Vec<Kelompok<Vec<String>>>;

/// One row per IKU, grouped by sasaran strategis, numbered on through the
/// table.
fn kelompok<T>(k: &Kinerja, f: impl Fn(usize, &IkuK) -> T) -> Vec<Kelompok<T>> {
    let mut out = Vec::new();
    let mut no = 0;
    for s in k.tujuan.iter().flat_map(|t| &t.sasaran) {
        let mut rows = Vec::new();
        for i in &s.iku {
            no += 1;
            rows.push(f(no, i));
        }
        if !rows.is_empty() {
            out.push(Kelompok {
                judul: format!("Sasaran: {}", s.uraian),
                baris: rows,
            });
        }
    }
    out
}

/// The narrative's texts filled in: Markdown as Typst markup (`teks`), a
/// title as written (`polos`), each problem placed in lkjip.yaml.
struct Narasi<'a> {
    vars: crate::content::variabel::Nilai,
    file: (&'a str, &'a str),
}

impl Narasi<'_> {
    fn polos(&self, path: &str, t: &str) -> Result<String, Problem> {
        crate::content::variabel::isi(t, &self.vars).map_err(|salah| {
            crate::content::variabel::narrative_problem(self.file, path, t, &salah[0])
        })
    }

    fn teks(&self, path: &str, t: &str) -> Result<Value, Problem> {
        let filled = crate::content::variabel::isi_dengan(&self.vars, self.file, path, t)?;
        Ok(Value::from_safe_string(super::markdown::to_typst(&filled)))
    }

    fn pilihan(&self, path: &str, t: Option<&str>) -> Result<Option<Value>, Problem> {
        t.map(|t| self.teks(path, t)).transpose()
    }
}

/// Tabel 2.1: the Renstra, a column per year of its period.
fn renstra_view(renstra: &BerkasRenstra, semua: &[&IkuK]) -> RenstraView {
    let tahun: Vec<i32> = (renstra.mulai..=renstra.akhir).collect();
    let mut baris = Vec::new();
    for tj in &renstra.tujuan {
        let n_tujuan: usize = tj.sasaran.iter().map(|s| s.iku.len()).sum();
        let mut first_t = true;
        for ss in &tj.sasaran {
            let mut first_s = true;
            for iku in &ss.iku {
                let ind = semua.iter().find(|i| i.kunci == iku.indikator);
                baris.push(RenstraBaris {
                    tujuan: first_t.then(|| (tj.uraian.clone(), n_tujuan)),
                    sasaran: first_s.then(|| (ss.uraian.clone(), ss.iku.len())),
                    iku: ind.map(|i| i.indikator.uraian.clone()).unwrap_or_default(),
                    satuan: ind.map(|i| i.indikator.satuan.clone()).unwrap_or_default(),
                    target: tahun.iter().map(|t| angka(iku.target_tahun(*t))).collect(),
                    akhir: angka(iku.akhir(renstra.akhir)),
                });
                first_t = false;
                first_s = false;
            }
        }
    }
    RenstraView {
        tahun: tahun.iter().map(i32::to_string).collect(),
        periode: format!("{}–{}", renstra.mulai, renstra.akhir),
        baris,
    }
}

/// Tabel 3.1 and Grafik 3.1: this year's capaian per IKU.
fn capaian(k: &Kinerja, skala: &[Pita]) -> (Tabel, Vec<Batang>) {
    let tabel = kelompok(k, |no, i| {
        vec![
            no.to_string(),
            i.indikator.uraian.clone(),
            i.indikator.satuan.clone(),
            format::angka(i.target),
            realisasi(i),
            persen(&i.capaian),
            kategori(skala, &i.capaian),
            i.capaian
                .ok()
                .map(|c| warna(skala, c))
                .unwrap_or_else(|| "#ffffff".into()),
        ]
    });
    let grafik = k
        .iku()
        .enumerate()
        .map(|(j, i)| {
            let label = format!("{}. {}", j + 1, i.indikator.uraian);
            match i.capaian {
                Ok(c) => Batang::capaian(label, skala, c),
                Err(why) => Batang::kosong(label, why.teks()),
            }
        })
        .collect();
    (tabel, grafik)
}

/// An IKU's target, realisasi and capaian of year `t` (this year's or an
/// earlier one's).
fn tahun_iku(
    i: &IkuK,
    t: i32,
    tahun: i32,
) -> (Option<f64>, Option<f64>, Result<f64, TanpaCapaian>) {
    if t == tahun {
        (Some(i.target), i.realisasi, i.capaian)
    } else if let Some(l) = i.lalu.iter().find(|l| l.tahun == t) {
        (l.target, l.realisasi, l.capaian)
    } else {
        (None, None, Err(TanpaCapaian::BelumAda))
    }
}

/// Tabel 3.2 and Grafik 3.2: each IKU over the years `tahun_tren`, each
/// year against the one before in points and as a ratio.
fn tren(k: &Kinerja, tahun_tren: &[i32]) -> (Vec<Kelompok<TrenView>>, Vec<TrenGrafik>) {
    let tahun = k.tahun;
    let tabel = kelompok(k, |no, i| {
        let mut sebelum: Option<f64> = None;
        let mut rows = Vec::new();
        for t in tahun_tren {
            let (target, real, cap) = tahun_iku(i, *t, tahun);
            let beda = match (cap, sebelum) {
                (Ok(c), Some(b)) => format!(
                    "{} poin ({})",
                    tanda(hitung::dua_desimal(c - b)),
                    if b != 0.0 {
                        format!("{} %", format::persen(hitung::dua_desimal(c / b * 100.0)))
                    } else {
                        "-".into()
                    }
                ),
                _ => "-".into(),
            };
            sebelum = cap.ok();
            let cap_teks = match cap {
                Ok(c) => format::persen(c),
                Err(_) if target.is_none() && real.is_none() => "-".into(),
                Err(why) => why.teks().to_owned(),
            };
            rows.push([
                format!("{t}: {} / {}", angka(target), angka(real)),
                cap_teks,
                beda,
                t.to_string(),
            ]);
        }
        TrenView {
            nomor: no,
            uraian: i.indikator.uraian.clone(),
            satuan: i.indikator.satuan.clone(),
            tahun: rows,
        }
    });
    let grafik = k
        .iku()
        .enumerate()
        .map(|(j, i)| TrenGrafik {
            uraian: format!("{}. {}", j + 1, i.indikator.uraian),
            batang: tahun_tren
                .iter()
                .map(|t| {
                    let cap = tahun_iku(i, *t, tahun).2.ok();
                    Batang {
                        label: t.to_string(),
                        panjang: cap.map(panjang).unwrap_or(0.0),
                        teks: cap.map(format::persen).unwrap_or_else(|| "-".into()),
                        warna: if *t == tahun {
                            "#2b6cb0".into()
                        } else {
                            "#90b4de".into()
                        },
                    }
                })
                .collect(),
        })
        .collect();
    (tabel, grafik)
}

/// Tabel 3.3 and 3.4: against the Renstra's final target, and against a
/// standard where one is given.
fn akhir_dan_standar(k: &Kinerja, akhir: i32) -> (Tabel, Vec<[String; 7]>) {
    let tabel = kelompok(k, |no, i| {
        vec![
            no.to_string(),
            i.indikator.uraian.clone(),
            i.indikator.satuan.clone(),
            realisasi(i),
            angka(i.target_akhir),
            i.capaian_akhir
                .map(format::persen)
                .unwrap_or_else(|| "-".into()),
            akhir.to_string(),
        ]
    });
    let standar = k
        .iku()
        .filter_map(|i| {
            let (st, cap) = i.standar.as_ref()?;
            Some((i, st, cap))
        })
        .enumerate()
        .map(|(j, (i, st, cap))| {
            [
                i.indikator.uraian.clone(),
                i.indikator.satuan.clone(),
                realisasi(i),
                format::angka(st.nilai.0),
                cap.map(format::persen).unwrap_or_else(|| "-".into()),
                st.sumber.clone(),
                (j + 1).to_string(),
            ]
        })
        .collect();
    (tabel, standar)
}

/// 3.1.5: per IKU its figures in a sentence, the office's analysis, and
/// the kendala, solusi and tindak lanjut of every quarter.
fn analisis(
    k: &Kinerja,
    n: &crate::lkjip::BerkasLkjip,
    narasi: &Narasi,
    skala: &[Pita],
) -> Result<Vec<AnalisisView>, Problem> {
    let mut out = Vec::new();
    for (j, i) in k.iku().enumerate() {
        let isi = narasi.pilihan(
            &format!("analisis.{}", i.kunci),
            n.analisis.get(i.kunci).map(String::as_str),
        )?;
        let ringkas = format!(
            "Target {} {}, realisasi {}, capaian {}{}.",
            format::angka(i.target),
            i.indikator.satuan,
            realisasi(i),
            persen(&i.capaian),
            match i.capaian {
                Ok(c) => format!(" %, kategori {}", kategori(skala, &Ok(c))),
                Err(_) => String::new(),
            }
        );
        let teks = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        out.push(AnalisisView {
            nomor: (j + 1).to_string(),
            uraian: i.indikator.uraian.clone(),
            ringkas,
            isi,
            catatan: i
                .catatan
                .iter()
                .map(|(tw, c)| {
                    [
                        format!("TW {}", format::romawi(*tw)),
                        teks(&c.kendala),
                        teks(&c.solusi),
                        teks(&c.tindak_lanjut),
                    ]
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Tabel 3.6 and 3.7: each IKU's capaian against its programs' absorption,
/// and each sasaran's programs.
fn efisiensi_dan_program(k: &Kinerja) -> (Tabel, Vec<Kelompok<[String; 5]>>) {
    let efisiensi = kelompok(k, |no, i| {
        vec![
            no.to_string(),
            i.indikator.uraian.clone(),
            persen(&i.capaian),
            format::rupiah_angka(i.pagu),
            format::rupiah_angka(i.belanja),
            i.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
            i.efisiensi
                .map(|(d, _)| format!("{} poin", tanda(d)))
                .unwrap_or_else(|| "-".into()),
            i.efisiensi
                .map(|(_, e)| e.teks().to_owned())
                .unwrap_or_else(|| "-".into()),
        ]
    });
    let mut program = Vec::new();
    for s in k.tujuan.iter().flat_map(|t| &t.sasaran) {
        let mut rows: Vec<[String; 5]> = Vec::new();
        for g in s.iku.iter().flat_map(|i| &i.program) {
            if rows.iter().any(|r| r[1] == g.uraian) {
                continue;
            }
            rows.push([
                (rows.len() + 1).to_string(),
                g.uraian.to_owned(),
                g.pagu
                    .map(format::rupiah_angka)
                    .unwrap_or_else(|| "-".into()),
                format::rupiah_angka(g.jumlah),
                g.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
            ]);
        }
        if !rows.is_empty() {
            program.push(Kelompok {
                judul: format!("Sasaran: {}", s.uraian),
                baris: rows,
            });
        }
    }
    (efisiensi, program)
}

/// Tabel 3.8: every program's pagu, spending by quarter and in the year,
/// and the total.
fn anggaran(k: &Kinerja) -> (Vec<[String; 9]>, [String; 7]) {
    let rows = k
        .anggaran
        .iter()
        .enumerate()
        .map(|(j, g)| {
            let tw = |q: usize| {
                g.triwulan[q]
                    .map(format::rupiah_angka)
                    .unwrap_or_else(|| "-".into())
            };
            [
                (j + 1).to_string(),
                g.uraian.to_owned(),
                g.pagu
                    .map(format::rupiah_angka)
                    .unwrap_or_else(|| "-".into()),
                tw(0),
                tw(1),
                tw(2),
                tw(3),
                format::rupiah_angka(g.jumlah),
                g.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let (pagu, belanja) = k.jumlah_anggaran();
    let per_tw = |q: usize| {
        k.anggaran
            .iter()
            .filter_map(|g| g.triwulan[q])
            .fold(0u64, u64::saturating_add)
    };
    let jumlah = [
        format::rupiah_angka(pagu),
        format::rupiah_angka(per_tw(0)),
        format::rupiah_angka(per_tw(1)),
        format::rupiah_angka(per_tw(2)),
        format::rupiah_angka(per_tw(3)),
        format::rupiah_angka(belanja),
        hitung::serapan(Some(pagu), belanja)
            .map(format::persen)
            .unwrap_or_else(|| "-".into()),
    ];
    (rows, jumlah)
}

fn view(
    naskah: &Naskah,
    report: &Report,
    k: &Kinerja,
    lk: &crate::naskah::Lkjip,
) -> Result<View, Problem> {
    let id = &report.identitas;
    let aturan = &id.monitoring;
    let skala = &aturan.skala;
    let renstra = &lk.data.renstra.isi;
    let n = &lk.data.narasi.isi;
    let narasi = Narasi {
        vars: crate::content::variabel::nilai(report).dengan(variabel(
            report,
            k,
            renstra.mulai,
            renstra.akhir,
        )),
        file: (&lk.data.narasi.file, &lk.data.narasi.text),
    };
    let semua: Vec<&IkuK> = k.iku().collect();
    let ringkas = semua
        .iter()
        .enumerate()
        .map(|(j, i)| {
            [
                (j + 1).to_string(),
                i.indikator.uraian.clone(),
                format::angka(i.target),
                realisasi(i),
                persen(&i.capaian),
                kategori(skala, &i.capaian),
            ]
        })
        .collect();
    let mut pendahuluan = Vec::new();
    for (j, b) in n.pendahuluan.iter().enumerate() {
        pendahuluan.push(BagianView {
            nomor: format!("1.{}", j + 1),
            judul: narasi.polos(&format!("pendahuluan[{j}].judul"), &b.judul)?,
            label: format!("rk-bab1-{}", j + 1),
            isi: narasi.teks(&format!("pendahuluan[{j}].isi"), &b.isi)?,
        });
    }
    let pk = pk_view(report);
    let (tabel, grafik) = daftar(k.tahun, renstra, &pk.jabatan);
    // Years compared: the earlier years known, then this one.
    let mut tahun_tren: Vec<i32> = k.tahun_lalu.clone();
    tahun_tren.push(k.tahun);
    let (capaian, grafik_capaian) = capaian(k, skala);
    let (tren, grafik_tren) = tren(k, &tahun_tren);
    let (akhir, standar) = akhir_dan_standar(k, renstra.akhir);
    let (efisiensi, program) = efisiensi_dan_program(k);
    let (anggaran, anggaran_jumlah) = anggaran(k);
    let rata = k.rata_rata();
    Ok(View {
        judul: JUDUL.to_owned(),
        kepala: super::kepala(naskah, report),
        ttd: super::ttd(report, super::cara(report)?),
        kata_pengantar: narasi.teks("kata_pengantar", &n.kata_pengantar)?,
        ikhtisar: narasi.teks("ikhtisar", &n.ikhtisar)?,
        ringkas,
        pendahuluan,
        perencanaan: narasi.pilihan("perencanaan", n.perencanaan.as_deref())?,
        renstra: renstra_view(renstra, &semua),
        pk,
        akuntabilitas: narasi.pilihan("akuntabilitas", n.akuntabilitas.as_deref())?,
        capaian,
        grafik_capaian,
        tren,
        grafik_tren,
        tahun_tren: tahun_tren.iter().map(i32::to_string).collect(),
        akhir,
        standar,
        analisis: analisis(k, n, &narasi, skala)?,
        efisiensi,
        batas_efisiensi: format::angka(aturan.batas_efisiensi),
        program,
        anggaran_teks: narasi.pilihan("anggaran", n.anggaran.as_deref())?,
        anggaran,
        anggaran_jumlah,
        kesimpulan: narasi.teks("kesimpulan", &n.kesimpulan)?,
        rekomendasi: narasi.teks("rekomendasi", &n.rekomendasi)?,
        legenda: skala
            .iter()
            .map(|p| {
                [
                    p.kategori.clone(),
                    p.warna.clone(),
                    format!("≥ {}", format::persen(p.dari)),
                ]
            })
            .collect(),
        rumus_negatif: match aturan.rumus_negatif {
            crate::content::RumusNegatif::Bagi => "target ÷ realisasi × 100".into(),
            crate::content::RumusNegatif::Selisih => {
                "(2 × target − realisasi) ÷ target × 100".into()
            }
        },
        batas_capaian: aturan.batas_capaian.map(format::persen),
        rata: rata.map(format::persen).unwrap_or_else(|| "-".into()),
        predikat: rata
            .and_then(|r| hitung::kategori(skala, r))
            .map(|p| p.kategori.clone())
            .unwrap_or_else(|| "-".into()),
        tabel,
        grafik,
    })
}

/// A difference with its sign: `+2,50`, `−1,25`, `0,00`.
fn tanda(d: f64) -> String {
    if d > 0.0 {
        format!("+{}", format::persen(d))
    } else if d < 0.0 {
        format!("−{}", format::persen(-d))
    } else {
        format::persen(0.0)
    }
}

/// The head of office's agreement: the first official of the program
/// table (else the first table), with both parties when pegawai.yaml
/// names them.
fn pk_view(report: &Report) -> PkView {
    let tabel = report.lampiran.get(report.tabel_kepala());
    let Some(pj) = tabel.and_then(|t| t.table.pejabat.first()) else {
        return PkView {
            jabatan: String::new(),
            sasaran: Vec::new(),
            program: Vec::new(),
            jumlah: "-".into(),
            pertama: None,
            kedua: None,
        };
    };
    let mut program = Vec::new();
    let mut total = 0u64;
    for s in &pj.sasaran {
        for g in s.program_semua() {
            total = total.saturating_add(g.anggaran.unwrap_or(0));
            program.push([
                (program.len() + 1).to_string(),
                g.uraian.clone(),
                g.anggaran
                    .map(format::rupiah_angka)
                    .unwrap_or_else(|| "-".into()),
            ]);
        }
    }
    let daftar = crate::pk::semua(report);
    let pk = daftar.iter().find(|p| {
        p.pertama
            .lampiran
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(&pj.jabatan))
    });
    PkView {
        jabatan: pk
            .map(|p| p.pertama.jabatan.clone())
            .unwrap_or_else(|| pj.jabatan.clone()),
        sasaran: pj
            .sasaran
            .iter()
            .enumerate()
            .map(|(j, s)| {
                (
                    j + 1,
                    s.uraian.clone(),
                    s.indikator
                        .iter()
                        .map(|i| {
                            [
                                i.uraian.clone(),
                                i.satuan.clone(),
                                format::angka(i.target.0),
                            ]
                        })
                        .collect(),
                )
            })
            .collect(),
        program,
        jumlah: format::rupiah_angka(total),
        pertama: pk.map(|p| pihak(p.pertama)),
        kedua: pk.map(|p| pihak(p.kedua)),
    }
}

/// The Typst source of the LKjIP `naskah`.
pub fn render(naskah: &Naskah) -> Result<String, Error> {
    let (Some(realisasi), Some(lk)) = (&naskah.realisasi, &naskah.lkjip) else {
        return Err(Error::Internal("LKjIP tanpa realisasi atau renstra".into()));
    };
    let report = naskah.dicetak()?;
    let k = kinerja(report, realisasi, &lk.data, &lk.lalu);
    let view = view(naskah, report, &k, lk).map_err(|p| Error::Input(vec![p]))?;
    super::isi(TEMPLATE, view)
}

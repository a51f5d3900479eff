//! The Laporan Kinerja (LKjIP) as a PDF: cover, Kata Pengantar, Ikhtisar
//! Eksekutif, the lists of contents, tables and charts, BAB I from
//! lkjip.yaml, BAB II from renstra.yaml and the head of office's
//! Lampiran table, BAB III computed by `crate::kinerja`, BAB IV and the
//! Perjanjian Kinerja as its Lampiran. Tables and charts are numbered
//! here, per chapter (Tabel 3.2, Grafik 3.1).

use minijinja::Value;
use serde::Serialize;

use crate::content::{Pita, Polaritas, Report, Tingkat};
use crate::error::{Error, Problem};
use crate::format;
use crate::kinerja::{hitung as kinerja, IkuK, Kinerja};
use crate::monitoring::hitung::{self, TanpaCapaian};
use crate::naskah::Naskah;

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
    capaian: Vec<Kelompok<Vec<String>>>,
    grafik_capaian: Vec<Batang>,
    /// Tabel 3.2: each IKU over the years.
    tren: Vec<Kelompok<TrenView>>,
    grafik_tren: Vec<TrenGrafik>,
    tahun_tren: Vec<String>,
    /// Tabel 3.3: against the Renstra's final target.
    akhir: Vec<Kelompok<Vec<String>>>,
    /// Tabel 3.4: against a standard.
    standar: Vec<[String; 7]>,
    /// 3.1.5: per IKU its analysis and notes.
    analisis: Vec<AnalisisView>,
    /// Tabel 3.6: efficiency.
    efisiensi: Vec<Kelompok<Vec<String>>>,
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
struct BagianView {
    nomor: String,
    judul: String,
    label: String,
    isi: Value,
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
    pertama: Option<[String; 4]>,
    kedua: Option<[String; 4]>,
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
struct Batang {
    label: String,
    /// The bar's length in percent of the chart's 150 %.
    panjang: f64,
    teks: String,
    warna: String,
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

fn panjang(c: f64) -> f64 {
    (c.clamp(0.0, 150.0) / 150.0 * 100.0 * 100.0).round() / 100.0
}

fn warna(skala: &[Pita], c: f64) -> String {
    hitung::kategori(skala, c)
        .map(|p| p.warna.clone())
        .unwrap_or_else(|| "#999999".into())
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

struct Penomor {
    tabel: Vec<Daftar>,
    grafik: Vec<Daftar>,
}

impl Penomor {
    fn tabel(&mut self, bab: usize, judul: String) {
        let n = self
            .tabel
            .iter()
            .filter(|d| d.nomor.starts_with(&format!("{bab}.")))
            .count()
            + 1;
        self.tabel.push(Daftar {
            nomor: format!("{bab}.{n}"),
            judul,
            label: format!("rk-tabel-{bab}-{n}"),
        });
    }
    fn grafik(&mut self, bab: usize, judul: String) {
        let n = self
            .grafik
            .iter()
            .filter(|d| d.nomor.starts_with(&format!("{bab}.")))
            .count()
            + 1;
        self.grafik.push(Daftar {
            nomor: format!("{bab}.{n}"),
            judul,
            label: format!("rk-grafik-{bab}-{n}"),
        });
    }
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
    let narasi = &lk.data.narasi;
    let vars = crate::content::variabel::nilai(report).dengan(variabel(
        report,
        k,
        renstra.mulai,
        renstra.akhir,
    ));
    let teks = |path: &str, t: &str| -> Result<Value, Problem> {
        let filled = crate::content::variabel::isi(t, &vars).map_err(|salah| {
            crate::content::variabel::narrative_problem(
                (&narasi.file, &narasi.text),
                path,
                t,
                &salah[0],
            )
        })?;
        if let Some(salah) = crate::content::variabel::terlalu_dalam(t) {
            return Err(crate::content::variabel::narrative_problem(
                (&narasi.file, &narasi.text),
                path,
                t,
                &salah,
            ));
        }
        Ok(Value::from_safe_string(super::markdown::to_typst(&filled)))
    };
    let polos = |path: &str, t: &str| -> Result<String, Problem> {
        crate::content::variabel::isi(t, &vars).map_err(|salah| {
            crate::content::variabel::narrative_problem(
                (&narasi.file, &narasi.text),
                path,
                t,
                &salah[0],
            )
        })
    };
    let n = &narasi.isi;
    let tahun = id.tahun;
    let mut nomor = Penomor {
        tabel: Vec::new(),
        grafik: Vec::new(),
    };
    let semua: Vec<&IkuK> = k.iku().collect();
    let ringkas: Vec<[String; 6]> = semua
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
    nomor.tabel.push(Daftar {
        nomor: String::new(),
        judul: format!("Ringkasan Capaian Indikator Kinerja Utama Tahun {tahun}"),
        label: "rk-tabel-ikhtisar".into(),
    });
    let mut pendahuluan = Vec::new();
    for (j, b) in n.pendahuluan.iter().enumerate() {
        pendahuluan.push(BagianView {
            nomor: format!("1.{}", j + 1),
            judul: polos(&format!("pendahuluan[{j}].judul"), &b.judul)?,
            label: format!("rk-bab1-{}", j + 1),
            isi: teks(&format!("pendahuluan[{j}].isi"), &b.isi)?,
        });
    }
    // BAB II.
    let tahun_renstra: Vec<i32> = (renstra.mulai..=renstra.akhir).collect();
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
                    target: tahun_renstra
                        .iter()
                        .map(|t| angka(iku.target_tahun(*t)))
                        .collect(),
                    akhir: angka(iku.akhir(renstra.akhir)),
                });
                first_t = false;
                first_s = false;
            }
        }
    }
    nomor.tabel(
        2,
        format!(
            "Tujuan, Sasaran Strategis dan Indikator Kinerja Utama Renstra {}–{}",
            renstra.mulai, renstra.akhir
        ),
    );
    let pk = pk_view(report);
    nomor.tabel(
        2,
        format!("Perjanjian Kinerja Tahun {tahun}: {}", pk.jabatan),
    );
    // BAB III.
    let kelompok = |f: &dyn Fn(usize, &IkuK) -> Vec<String>| {
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
    };
    let capaian = kelompok(&|no, i| {
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
    nomor.tabel(
        3,
        format!("Target, Realisasi dan Capaian Indikator Kinerja Utama Tahun {tahun}"),
    );
    let grafik_capaian = semua
        .iter()
        .enumerate()
        .map(|(j, i)| match i.capaian {
            Ok(c) => Batang {
                label: format!("{}. {}", j + 1, i.indikator.uraian),
                panjang: panjang(c),
                teks: format::persen(c),
                warna: warna(skala, c),
            },
            Err(why) => Batang {
                label: format!("{}. {}", j + 1, i.indikator.uraian),
                panjang: 0.0,
                teks: why.teks().to_owned(),
                warna: "#999999".into(),
            },
        })
        .collect();
    nomor.grafik(3, format!("Capaian Indikator Kinerja Utama Tahun {tahun}"));
    // Years compared: the earlier years known, then this one.
    let mut tahun_tren: Vec<i32> = k.tahun_lalu.clone();
    tahun_tren.push(tahun);
    let tren = {
        let mut out = Vec::new();
        let mut no = 0;
        for s in k.tujuan.iter().flat_map(|t| &t.sasaran) {
            let mut rows = Vec::new();
            for i in &s.iku {
                no += 1;
                let mut tahun_rows = Vec::new();
                let mut sebelum: Option<f64> = None;
                for t in &tahun_tren {
                    let (target, real, cap) = if *t == tahun {
                        (Some(i.target), i.realisasi, i.capaian)
                    } else if let Some(l) = i.lalu.iter().find(|l| l.tahun == *t) {
                        (l.target, l.realisasi, l.capaian)
                    } else {
                        (None, None, Err(TanpaCapaian::BelumAda))
                    };
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
                    tahun_rows.push([
                        format!("{t}: {} / {}", angka(target), angka(real)),
                        cap_teks,
                        beda,
                        t.to_string(),
                    ]);
                }
                rows.push(TrenView {
                    nomor: no,
                    uraian: i.indikator.uraian.clone(),
                    satuan: i.indikator.satuan.clone(),
                    tahun: tahun_rows,
                });
            }
            if !rows.is_empty() {
                out.push(Kelompok {
                    judul: format!("Sasaran: {}", s.uraian),
                    baris: rows,
                });
            }
        }
        out
    };
    nomor.tabel(
        3,
        format!("Realisasi dan Capaian Tahun {tahun} Dibandingkan Tahun Sebelumnya"),
    );
    let grafik_tren = semua
        .iter()
        .enumerate()
        .map(|(j, i)| TrenGrafik {
            uraian: format!("{}. {}", j + 1, i.indikator.uraian),
            batang: tahun_tren
                .iter()
                .map(|t| {
                    let cap = if *t == tahun {
                        i.capaian.ok()
                    } else {
                        i.lalu
                            .iter()
                            .find(|l| l.tahun == *t)
                            .and_then(|l| l.capaian.ok())
                    };
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
    nomor.grafik(3, "Tren Capaian Indikator Kinerja Utama".into());
    let akhir = kelompok(&|no, i| {
        vec![
            no.to_string(),
            i.indikator.uraian.clone(),
            i.indikator.satuan.clone(),
            realisasi(i),
            angka(i.target_akhir),
            i.capaian_akhir
                .map(format::persen)
                .unwrap_or_else(|| "-".into()),
            format!("{}", renstra.akhir),
        ]
    });
    nomor.tabel(
        3,
        format!(
            "Realisasi Tahun {tahun} Dibandingkan Target Akhir Renstra {}",
            renstra.akhir
        ),
    );
    let standar: Vec<[String; 7]> = semua
        .iter()
        .filter_map(|i| {
            let (st, cap) = i.standar.as_ref()?;
            Some([
                i.indikator.uraian.clone(),
                i.indikator.satuan.clone(),
                realisasi(i),
                format::angka(st.nilai.0),
                cap.map(format::persen).unwrap_or_else(|| "-".into()),
                st.sumber.clone(),
                String::new(),
            ])
        })
        .enumerate()
        .map(|(j, mut r)| {
            r[6] = (j + 1).to_string();
            r
        })
        .collect();
    nomor.tabel(
        3,
        "Realisasi Dibandingkan Standar Nasional atau Provinsi".into(),
    );
    let mut analisis = Vec::new();
    for (j, i) in semua.iter().enumerate() {
        let isi = match n.analisis.get(i.kunci) {
            Some(t) => Some(teks(&format!("analisis.{}", i.kunci), t)?),
            None => None,
        };
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
        analisis.push(AnalisisView {
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
                        c.kendala.clone().unwrap_or_else(|| "-".into()),
                        c.solusi.clone().unwrap_or_else(|| "-".into()),
                        c.tindak_lanjut.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        });
    }
    nomor.tabel(
        3,
        "Kendala, Solusi dan Tindak Lanjut Sepanjang Tahun".into(),
    );
    let efisiensi = kelompok(&|no, i| {
        vec![
            no.to_string(),
            i.indikator.uraian.clone(),
            persen(&i.capaian),
            uang(i.pagu),
            uang(i.belanja),
            i.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
            i.efisiensi
                .map(|(d, _)| format!("{} poin", tanda(d)))
                .unwrap_or_else(|| "-".into()),
            i.efisiensi
                .map(|(_, e)| e.teks().to_owned())
                .unwrap_or_else(|| "-".into()),
        ]
    });
    nomor.tabel(3, "Efisiensi Penggunaan Sumber Daya".into());
    let program = {
        let mut out = Vec::new();
        for s in k.tujuan.iter().flat_map(|t| &t.sasaran) {
            let mut rows: Vec<[String; 5]> = Vec::new();
            for i in &s.iku {
                for g in &i.program {
                    if rows.iter().any(|r| r[1] == g.uraian) {
                        continue;
                    }
                    rows.push([
                        (rows.len() + 1).to_string(),
                        g.uraian.to_owned(),
                        g.pagu.map(uang).unwrap_or_else(|| "-".into()),
                        uang(g.jumlah),
                        g.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
                    ]);
                }
            }
            if !rows.is_empty() {
                out.push(Kelompok {
                    judul: format!("Sasaran: {}", s.uraian),
                    baris: rows,
                });
            }
        }
        out
    };
    nomor.tabel(3, "Program yang Menunjang Capaian Sasaran".into());
    let anggaran: Vec<[String; 9]> = k
        .anggaran
        .iter()
        .enumerate()
        .map(|(j, g)| {
            let tw = |q: usize| g.triwulan[q].map(uang).unwrap_or_else(|| "-".into());
            [
                (j + 1).to_string(),
                g.uraian.to_owned(),
                g.pagu.map(uang).unwrap_or_else(|| "-".into()),
                tw(0),
                tw(1),
                tw(2),
                tw(3),
                uang(g.jumlah),
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
    let anggaran_jumlah = [
        uang(pagu),
        uang(per_tw(0)),
        uang(per_tw(1)),
        uang(per_tw(2)),
        uang(per_tw(3)),
        uang(belanja),
        hitung::serapan(Some(pagu), belanja)
            .map(format::persen)
            .unwrap_or_else(|| "-".into()),
    ];
    nomor.tabel(3, format!("Realisasi Anggaran per Program Tahun {tahun}"));
    let rata = k.rata_rata();
    Ok(View {
        judul: JUDUL.to_owned(),
        kepala: super::kepala(naskah, report),
        ttd: super::ttd(report, super::cara(report)?),
        kata_pengantar: teks("kata_pengantar", &n.kata_pengantar)?,
        ikhtisar: teks("ikhtisar", &n.ikhtisar)?,
        ringkas,
        pendahuluan,
        perencanaan: n
            .perencanaan
            .as_deref()
            .map(|t| teks("perencanaan", t))
            .transpose()?,
        renstra: RenstraView {
            tahun: tahun_renstra.iter().map(i32::to_string).collect(),
            periode: format!("{}–{}", renstra.mulai, renstra.akhir),
            baris,
        },
        pk,
        akuntabilitas: n
            .akuntabilitas
            .as_deref()
            .map(|t| teks("akuntabilitas", t))
            .transpose()?,
        capaian,
        grafik_capaian,
        tren,
        grafik_tren,
        tahun_tren: tahun_tren.iter().map(i32::to_string).collect(),
        akhir,
        standar,
        analisis,
        efisiensi,
        batas_efisiensi: format::angka(aturan.batas_efisiensi),
        program,
        anggaran_teks: n
            .anggaran
            .as_deref()
            .map(|t| teks("anggaran", t))
            .transpose()?,
        anggaran,
        anggaran_jumlah,
        kesimpulan: teks("kesimpulan", &n.kesimpulan)?,
        rekomendasi: teks("rekomendasi", &n.rekomendasi)?,
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
        tabel: nomor.tabel,
        grafik: nomor.grafik,
    })
}

/// An amount in a column headed `(Rp)`: `103.000.000`.
fn uang(v: u64) -> String {
    format::rupiah(v).trim_start_matches("Rp\u{a0}").to_owned()
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
    let tabel = report
        .lampiran
        .iter()
        .find(|l| l.table.tingkat == Tingkat::Program)
        .or(report.lampiran.first());
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
                g.anggaran.map(uang).unwrap_or_else(|| "-".into()),
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
    let pihak = |p: &crate::content::Pegawai| {
        [
            p.jabatan.clone(),
            p.nama.clone(),
            match (&p.pangkat, &p.golongan) {
                (Some(a), Some(b)) => format!("{a} ({b})"),
                (Some(a), None) => a.clone(),
                _ => String::new(),
            },
            p.nip
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(|n| format!("NIP. {}", format::nip(n)))
                .unwrap_or_default(),
        ]
    };
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
        jumlah: uang(total),
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

//! The monitoring report as a PDF: "Laporan Monitoring dan Evaluasi
//! Capaian Rencana Aksi … Triwulan II Tahun 2022" — a summary page with the
//! category counts, serapan and a bar chart of capaian per sasaran, the
//! category legend, then per level a landscape table of every indicator and
//! a budget table, and the signature block. Triwulan IV is the full-year
//! evaluation. Built through the same pieces as every document: the
//! report's checks, the shared templates, the Typst world, atomic writing.

use serde::Serialize;

use crate::content::{Dokumen, Pita, Polaritas, Report};
use crate::error::Error;
use crate::format;
use crate::monitoring::evaluasi::{evaluasi, Evaluasi, IndikatorEval, TingkatEval};
use crate::monitoring::hitung;
use crate::monitoring::TanpaCapaian;
use crate::naskah::Naskah;

/// The template of the monitoring report.
pub const TEMPLATE: &str = "monitoring.typ";

/// Table rows after which the next table starts a new page (about one
/// landscape page of indicators).
const RUN: usize = 25;

#[derive(Serialize)]
struct View {
    judul: String,
    periode: String,
    #[serde(flatten)]
    kepala: crate::render::Kepala,
    ttd: crate::render::Ttd,
    /// Column header of the figures up to the quarter: `s.d. TW II`.
    sd: String,
    legenda: Vec<Legenda>,
    ringkasan: Ringkasan,
    grafik: Vec<Batang>,
    tabel: Vec<Tabel>,
    anggaran: Vec<TabelAnggaran>,
    /// Whether the signature block is the last row of the last table (it
    /// is, unless that table has no row to keep it with).
    ttd_di_tabel: bool,
}

#[derive(Serialize)]
struct Legenda {
    kategori: String,
    warna: String,
    rentang: String,
    jumlah: usize,
}

#[derive(Serialize)]
struct Ringkasan {
    indikator: usize,
    /// Counts of the indicators without capaian, by reason.
    tanpa: Vec<(String, usize)>,
    rata: String,
    serapan: Vec<[String; 4]>,
}

/// One bar of a capaian chart (the monitoring report's and the LKjIP's).
#[derive(Serialize)]
pub(super) struct Batang {
    pub(super) label: String,
    /// The bar's length in percent of the chart's 150 %.
    pub(super) panjang: f64,
    pub(super) teks: String,
    pub(super) warna: String,
}

/// The colour of a bar without capaian, or of one outside every band.
const ABU: &str = "#999999";

impl Batang {
    /// The bar of capaian `c`, in the colour of its band of `skala`.
    pub(super) fn capaian(label: String, skala: &[Pita], c: f64) -> Self {
        Batang {
            label,
            panjang: panjang(c),
            teks: format::persen(c),
            warna: warna(skala, c),
        }
    }

    /// An empty grey bar that reads `teks` (why there is no capaian).
    pub(super) fn kosong(label: String, teks: &str) -> Self {
        Batang {
            label,
            panjang: 0.0,
            teks: teks.to_owned(),
            warna: ABU.into(),
        }
    }
}

/// A capaian's bar length in percent of a chart that ends at 150 %.
pub(super) fn panjang(c: f64) -> f64 {
    (c.clamp(0.0, 150.0) / 150.0 * 100.0 * 100.0).round() / 100.0
}

/// The colour of capaian `c`'s band of `skala`.
pub(super) fn warna(skala: &[Pita], c: f64) -> String {
    hitung::kategori(skala, c)
        .map(|p| p.warna.clone())
        .unwrap_or_else(|| ABU.into())
}

#[derive(Serialize)]
struct Tabel {
    /// Starts on a new page (see [`RUN`]).
    halaman_baru: bool,
    judul: String,
    kolom_sasaran: String,
    pejabat: Vec<PejabatView>,
}

#[derive(Serialize)]
struct PejabatView {
    jabatan: String,
    sasaran: Vec<SasaranView>,
}

#[derive(Serialize)]
struct SasaranView {
    nomor: usize,
    uraian: String,
    indikator: Vec<Baris>,
}

#[derive(Serialize)]
struct Baris {
    uraian: String,
    satuan: String,
    tahunan: String,
    target: String,
    realisasi: String,
    capaian: String,
    kategori: String,
    /// `none` for no colour.
    warna: Option<String>,
    /// The text colour readable on `warna`.
    tulisan: &'static str,
    kendala: String,
    solusi: String,
    tindak_lanjut: String,
    /// The document's last row: the signature block follows in the table.
    akhir: bool,
}

#[derive(Serialize)]
struct TabelAnggaran {
    /// Starts on a new page (see [`RUN`]).
    halaman_baru: bool,
    judul: String,
    kolom_program: String,
    pejabat: Vec<AnggaranPejabat>,
    jumlah: [String; 4],
    /// The signature block follows the total row.
    ttd: bool,
}

#[derive(Serialize)]
struct AnggaranPejabat {
    jabatan: String,
    program: Vec<[String; 6]>,
    jumlah: [String; 4],
}

/// The range of band `i` of `skala` as the legend prints it: `≥ 91,00`,
/// `76,00 – 90,99`, `< 51,00`.
fn rentang(skala: &[Pita], i: usize) -> String {
    let p = &skala[i];
    let atas = (i > 0).then(|| hitung::dua_desimal(skala[i - 1].dari - 0.01));
    match (i + 1 == skala.len(), atas) {
        (true, Some(_)) if p.dari <= 0.0 => format!("< {}", format::persen(skala[i - 1].dari)),
        (_, None) => format!("≥ {}", format::persen(p.dari)),
        (_, Some(atas)) => format!("{} – {}", format::persen(p.dari), format::persen(atas)),
    }
}

fn baris(one: &IndikatorEval, skala: &[Pita]) -> Baris {
    let ind = one.indikator;
    let h = &one.hasil;
    let (capaian, kategori, warna) = match h.capaian {
        Ok(c) => {
            let pita = hitung::kategori(skala, c);
            (
                format::persen(c),
                pita.map(|p| p.kategori.clone()).unwrap_or_default(),
                pita.map(|p| p.warna.clone()),
            )
        }
        Err(why) => ("-".into(), why.teks().to_owned(), None),
    };
    let realisasi = match (&one.teks, h.realisasi) {
        (Some(t), _) if ind.polaritas == Polaritas::Kualitatif => t.clone(),
        (_, Some(r)) => format::angka(hitung::dua_desimal(r)),
        _ => "-".into(),
    };
    let catatan = |f: fn(&crate::realisasi::RealisasiIndikator) -> &Option<String>| {
        one.catatan.and_then(|c| f(c).clone()).unwrap_or_default()
    };
    Baris {
        tulisan: warna.as_deref().map_or("#000000", tulisan),
        uraian: ind.uraian.clone(),
        satuan: ind.satuan.clone(),
        tahunan: format::angka(ind.target.0),
        target: h.target.map(format::angka).unwrap_or_else(|| "-".into()),
        realisasi,
        capaian,
        kategori,
        warna,
        kendala: catatan(|c| &c.kendala),
        solusi: catatan(|c| &c.solusi),
        tindak_lanjut: catatan(|c| &c.tindak_lanjut),
        akhir: false,
    }
}

/// Black on a light colour, white on a dark one (relative luminance of
/// `#rrggbb`, WCAG's formula, against the midpoint of their contrast).
pub fn tulisan(warna: &str) -> &'static str {
    let hex = warna.trim().trim_start_matches('#');
    let c = |i: usize| {
        let v = hex
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(255) as f64
            / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4);
    if l < 0.179 {
        "#ffffff"
    } else {
        "#000000"
    }
}

fn anggaran_row(pagu: u64, ini: u64, sd: u64) -> [String; 4] {
    [
        format::rupiah(pagu),
        format::rupiah(ini),
        format::rupiah(sd),
        hitung::serapan(Some(pagu), sd)
            .map(format::persen)
            .unwrap_or_else(|| "-".into()),
    ]
}

fn tabel_anggaran(t: &TingkatEval, judul: String) -> TabelAnggaran {
    let mut total = (0u64, 0u64, 0u64);
    let mut pejabat = Vec::new();
    for p in &t.pejabat {
        if p.program.is_empty() {
            continue;
        }
        let mut sub = (0u64, 0u64, 0u64);
        let program = p
            .program
            .iter()
            .enumerate()
            .map(|(i, g)| {
                sub.0 = sub.0.saturating_add(g.pagu.unwrap_or(0));
                sub.1 = sub.1.saturating_add(g.triwulan_ini.unwrap_or(0));
                sub.2 = sub.2.saturating_add(g.sampai);
                [
                    (i + 1).to_string(),
                    g.uraian.to_owned(),
                    g.pagu.map(format::rupiah).unwrap_or_else(|| "-".into()),
                    g.triwulan_ini
                        .map(format::rupiah)
                        .unwrap_or_else(|| "-".into()),
                    format::rupiah(g.sampai),
                    g.serapan.map(format::persen).unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        total = (
            total.0.saturating_add(sub.0),
            total.1.saturating_add(sub.1),
            total.2.saturating_add(sub.2),
        );
        pejabat.push(AnggaranPejabat {
            jabatan: p.jabatan.to_owned(),
            program,
            jumlah: anggaran_row(sub.0, sub.1, sub.2),
        });
    }
    TabelAnggaran {
        halaman_baru: false,
        judul,
        kolom_program: t.tingkat.kolom().1.to_owned(),
        pejabat,
        jumlah: anggaran_row(total.0, total.1, total.2),
        ttd: false,
    }
}

/// How many indicators fall in each band of `skala`, and how many have no
/// capaian, by reason (in the legend's order).
fn per_kategori(skala: &[Pita], semua: &[&IndikatorEval]) -> (Vec<usize>, Vec<(String, usize)>) {
    let mut jumlah = vec![0usize; skala.len()];
    let mut tanpa = Vec::<(String, usize)>::new();
    for one in semua {
        match one.hasil.capaian {
            Ok(c) => {
                if let Some(i) =
                    hitung::kategori(skala, c).and_then(|pita| skala.iter().position(|q| q == pita))
                {
                    jumlah[i] += 1;
                }
            }
            Err(why) => match tanpa.iter_mut().find(|(t, _)| t == why.teks()) {
                Some((_, k)) => *k += 1,
                None => tanpa.push((why.teks().to_owned(), 1)),
            },
        }
    }
    let order = [
        TanpaCapaian::BelumAda,
        TanpaCapaian::TanpaTarget,
        TanpaCapaian::Kualitatif,
    ];
    tanpa.sort_by_key(|(t, _)| order.iter().position(|o| o.teks() == t));
    (jumlah, tanpa)
}

/// Where the pages break and the signature goes: tables go on from one
/// another, but once the rows since the last new page fill about a page
/// ([`RUN`]), the next table starts a page of its own (Typst lays out the
/// stretches between page breaks in parallel). The signature goes into
/// the last table: the last budget table, else the last row of the last
/// indicator table; whether there is one.
fn tata_halaman(tabel: &mut [Tabel], anggaran: &mut [TabelAnggaran]) -> bool {
    // Tables go on from one another, but once the rows since the last new
    // page fill about a page, the next table starts a page of its own:
    // Typst lays out the stretches between page breaks in parallel.
    let mut sejak = 0;
    for (i, t) in tabel.iter_mut().enumerate() {
        if i > 0 && sejak >= RUN {
            t.halaman_baru = true;
            sejak = 0;
        }
        sejak += t
            .pejabat
            .iter()
            .map(|p| 1 + p.sasaran.iter().map(|s| s.indikator.len()).sum::<usize>())
            .sum::<usize>();
    }
    for a in anggaran.iter_mut() {
        if sejak >= RUN {
            a.halaman_baru = true;
            sejak = 0;
        }
        sejak += a.pejabat.iter().map(|p| 2 + p.program.len()).sum::<usize>();
    }
    // The signature goes into the last table: the last budget table, else
    // the last row of the last indicator table.
    if let Some(a) = anggaran.last_mut() {
        a.ttd = true;
        true
    } else if let Some(last) = tabel.last_mut().and_then(|t| {
        t.pejabat
            .iter_mut()
            .rev()
            .flat_map(|p| p.sasaran.iter_mut().rev())
            .flat_map(|s| s.indikator.iter_mut().rev())
            .next()
    }) {
        last.akhir = true;
        true
    } else {
        false
    }
}

fn view(naskah: &Naskah, report: &Report, eval: &Evaluasi) -> Result<View, Error> {
    let id = &report.identitas;
    let skala = &id.monitoring.skala;
    let n = eval.triwulan;
    let tw = format!("Triwulan {}", format::romawi(n));
    let sd = if n == 4 {
        format!("Tahun {}", id.tahun)
    } else {
        format!("s.d. TW {}", format::romawi(n))
    };
    let semua: Vec<&IndikatorEval> = eval.indikator().collect();
    let (jumlah, tanpa) = per_kategori(skala, &semua);
    let rata = hitung::rata_rata(semua.iter().filter_map(|i| i.hasil.capaian.ok()))
        .map(format::persen)
        .unwrap_or_else(|| "-".into());
    let mut grafik = Vec::new();
    let mut tabel = Vec::new();
    let mut anggaran = Vec::new();
    let mut serapan = Vec::new();
    for (k, t) in eval.tingkat.iter().enumerate() {
        let huruf = (b'A' + k as u8) as char;
        let (kolom_sasaran, kolom_program) = t.tingkat.kolom();
        let judul = format!("{huruf}. Tingkat {kolom_program}");
        let singkat = match t.tingkat {
            crate::content::Tingkat::Program => "P",
            crate::content::Tingkat::Kegiatan => "K",
            crate::content::Tingkat::SubKegiatan => "SK",
            crate::content::Tingkat::Kinerja => "KN",
        };
        for pj in &t.pejabat {
            for s in &pj.sasaran {
                let label = format!("{singkat}{}. {}", s.nomor, s.uraian);
                grafik.push(match s.capaian {
                    Some(c) => Batang::capaian(label, skala, c),
                    None => Batang::kosong(label, "-"),
                });
            }
        }
        tabel.push(Tabel {
            halaman_baru: false,
            judul: judul.clone(),
            kolom_sasaran: kolom_sasaran.to_owned(),
            pejabat: t
                .pejabat
                .iter()
                .map(|pj| PejabatView {
                    jabatan: pj.jabatan.to_owned(),
                    sasaran: pj
                        .sasaran
                        .iter()
                        .map(|s| SasaranView {
                            nomor: s.nomor,
                            uraian: s.uraian.to_owned(),
                            indikator: s.indikator.iter().map(|i| baris(i, skala)).collect(),
                        })
                        .collect(),
                })
                .collect(),
        });
        let (pagu, sampai) = Evaluasi::anggaran_tingkat(t);
        if pagu > 0 || sampai > 0 {
            serapan.push([
                format!("Tingkat {kolom_program}"),
                format::rupiah(pagu),
                format::rupiah(sampai),
                hitung::serapan(Some(pagu), sampai)
                    .map(format::persen)
                    .unwrap_or_else(|| "-".into()),
            ]);
            anggaran.push(tabel_anggaran(t, judul));
        }
    }
    let ttd_di_tabel = tata_halaman(&mut tabel, &mut anggaran);
    let judul = if n == 4 {
        "Laporan Evaluasi Capaian Rencana Aksi".to_owned()
    } else {
        "Laporan Monitoring dan Evaluasi Capaian Rencana Aksi".to_owned()
    };
    Ok(View {
        judul,
        periode: if n == 4 {
            format!("Tahun {} (s.d. {tw})", id.tahun)
        } else {
            format!("{tw} Tahun {}", id.tahun)
        },
        kepala: crate::render::kepala(naskah, report),
        ttd: crate::render::ttd(
            report,
            crate::render::cara(report).map_err(|p| Error::Input(vec![p]))?,
        ),
        sd,
        legenda: skala
            .iter()
            .enumerate()
            .map(|(i, pita)| Legenda {
                kategori: pita.kategori.clone(),
                warna: pita.warna.clone(),
                rentang: rentang(skala, i),
                jumlah: jumlah[i],
            })
            .collect(),
        ringkasan: Ringkasan {
            indikator: semua.len(),
            tanpa,
            rata,
            serapan,
        },
        grafik,
        tabel,
        anggaran,
        ttd_di_tabel,
    })
}

/// The Typst source of the monitoring report `naskah`.
pub fn render(naskah: &Naskah) -> Result<String, Error> {
    let (Dokumen::Monitoring(triwulan), Some(realisasi)) = (naskah.dokumen, &naskah.realisasi)
    else {
        return Err(Error::Internal("laporan monitoring tanpa realisasi".into()));
    };
    let report = naskah.dicetak()?;
    let eval = evaluasi(report, realisasi, triwulan);
    crate::render::isi(TEMPLATE, view(naskah, report, &eval)?)
}

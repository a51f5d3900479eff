//! The kabupaten's dashboard under `renaksi server`: every kecamatan ×
//! document with its state, its check findings, the date of its last
//! change and, for a quarter's monitoring, the mean capaian and the
//! absorption; what waits for the user; as a page, JSON, CSV and xlsx.
//!
//! What is computed from a kecamatan's files (findings, figures, last
//! change) is kept by the git ids of its folder and of the shared files:
//! the tree is always its last commit, so an id that did not change is a
//! report that did not change. A save recomputes one kecamatan; the rest
//! answers from memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use serde_json::json;

use renaksi::content::{Report, Source};

use super::super::serve as editor;
use super::alur::{self, Tahap};
use super::{blocking, galat, tinjau, Izin, Server};

/// What is computed from one kecamatan's files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ringkasan {
    pub galat: usize,
    pub peringatan: usize,
    /// Why the report did not load, if it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tak_terbaca: Option<String>,
    /// Per quarter: the mean capaian of the indicators that have one, and
    /// the absorption of the budget (percent), when the quarter is written.
    pub capaian: [Option<f64>; 4],
    pub serapan: [Option<f64>; 4],
    /// The time of the last commit touching the kecamatan (RFC 3339).
    pub diubah: String,
}

/// Summaries by kecamatan, each with the git ids it was computed from.
#[derive(Default)]
pub struct Dasbor {
    tersimpan: Mutex<HashMap<String, (String, Arc<Ringkasan>)>>,
}

/// One row of the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Baris {
    pub kecamatan: String,
    pub dokumen: &'static str,
    pub nama: &'static str,
    pub tahap: &'static str,
    pub galat: usize,
    pub peringatan: usize,
    pub diubah: String,
    pub capaian: Option<f64>,
    pub serapan: Option<f64>,
    pub komentar_terbuka: usize,
    /// What this row waits for, from whom: `verifikator` (submitted, not
    /// reviewed) or `operator` (returned, or comments not answered).
    pub menunggu: Option<&'static str>,
}

impl Dasbor {
    /// The summary of every kecamatan in `kecamatan`, computed where its
    /// files changed since (on two threads).
    pub fn ringkas(
        &self,
        server: &Server,
        kecamatan: &[String],
    ) -> HashMap<String, Arc<Ringkasan>> {
        let ids = server.repo.id_folder().unwrap_or_default();
        let bersama = format!(
            "{}:{}",
            ids.get(renaksi::content::KABUPATEN)
                .map(String::as_str)
                .unwrap_or(""),
            ids.get(renaksi::content::NARASI)
                .map(String::as_str)
                .unwrap_or("")
        );
        let kunci = |kec: &str| {
            format!(
                "{}:{bersama}",
                ids.get(kec).map(String::as_str).unwrap_or("")
            )
        };
        let mut hasil = HashMap::new();
        let mut perlu = Vec::new();
        {
            let t = self.tersimpan.lock().unwrap_or_else(|e| e.into_inner());
            for kec in kecamatan {
                match t.get(kec) {
                    Some((k, r)) if *k == kunci(kec) => {
                        hasil.insert(kec.clone(), r.clone());
                    }
                    _ => perlu.push(kec.clone()),
                }
            }
        }
        let dihitung: Mutex<Vec<(String, Arc<Ringkasan>)>> = Mutex::new(Vec::new());
        let antre = Mutex::new(perlu.into_iter());
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| loop {
                    let Some(kec) = antre.lock().unwrap_or_else(|e| e.into_inner()).next() else {
                        break;
                    };
                    let r = Arc::new(hitung(server, &kec));
                    dihitung
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((kec, r));
                });
            }
        });
        let mut t = self.tersimpan.lock().unwrap_or_else(|e| e.into_inner());
        for (kec, r) in dihitung.into_inner().unwrap_or_else(|e| e.into_inner()) {
            t.insert(kec.clone(), (kunci(&kec), r.clone()));
            hasil.insert(kec, r);
        }
        hasil
    }
}

/// Findings, figures and last change of one kecamatan, from its files.
fn hitung(server: &Server, kec: &str) -> Ringkasan {
    let dir = server.root.join(kec);
    let mut r = Ringkasan {
        diubah: server
            .repo
            .riwayat(&[format!("{kec}/"), tinjau::alur_rel(kec)], 1, None)
            .ok()
            .and_then(|c| c.into_iter().next())
            .map(|c| c.waktu)
            .unwrap_or_default(),
        ..Ringkasan::default()
    };
    // What `renaksi check` says of the folder: a report that does not load
    // is its problems, each a galat.
    let found = Source::from_dir(&dir)
        .and_then(Report::load)
        .and_then(|report| {
            let matriks = renaksi::matriks::muat(&report, None)?
                .map(|lama| renaksi::matriks::susun(&report, &lama));
            let found = renaksi::check::semua(&report, matriks.as_ref())?;
            figures(&report, &mut r);
            Ok(found)
        });
    match found {
        Ok(found) => {
            for d in &found {
                match d.severity {
                    renaksi::error::Severity::Galat => r.galat += 1,
                    _ => r.peringatan += 1,
                }
            }
        }
        Err(renaksi::Error::Input(problems)) => r.galat += problems.len(),
        Err(err) => {
            r.galat += 1;
            r.tak_terbaca = Some(err.to_string().lines().next().unwrap_or("").to_owned());
        }
    }
    r
}

/// The mean capaian and the absorption of each quarter written, as the
/// monitoring report computes them.
fn figures(report: &Report, r: &mut Ringkasan) {
    let Ok((realisasi, _)) = renaksi::realisasi::baca(report) else {
        return;
    };
    for n in 1..=4 {
        if realisasi.tw[n - 1].is_none() {
            continue;
        }
        let e = renaksi::monitoring::evaluasi::evaluasi(report, &realisasi, n);
        r.capaian[n - 1] = renaksi::monitoring::hitung::rata_rata(
            e.indikator()
                .filter_map(|i| i.hasil.capaian.as_ref().ok().copied()),
        );
        let (pagu, sampai) = e.tingkat.iter().fold((0u64, 0u64), |(p, s), t| {
            let (a, b) = renaksi::monitoring::evaluasi::Evaluasi::anggaran_tingkat(t);
            (p.saturating_add(a), s.saturating_add(b))
        });
        r.serapan[n - 1] = renaksi::monitoring::hitung::serapan((pagu > 0).then_some(pagu), sampai);
    }
}

/// The rows this user may see, in kecamatan and document order.
fn baris(server: &Server, izin: &Izin) -> Vec<Baris> {
    let kecamatan: Vec<String> = server
        .kecamatan
        .iter()
        .filter(|k| izin.pengguna.boleh_baca(k))
        .cloned()
        .collect();
    let ringkasan = server.dasbor.ringkas(server, &kecamatan);
    let mut out = Vec::new();
    for kec in &kecamatan {
        let r = ringkasan.get(kec).cloned().unwrap_or_default();
        let alur = tinjau::baca(&server.root, kec).unwrap_or_default();
        let komentar = tinjau::baca_komentar(&server.root, kec).unwrap_or_default();
        for (dokumen, nama) in alur::DOKUMEN {
            let tahap = alur.tahap(dokumen);
            let terbuka = komentar
                .komentar
                .iter()
                .filter(|k| k.dokumen == *dokumen && k.jawaban.is_none())
                .count();
            let tw = dokumen
                .strip_prefix("monitoring-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=4).contains(n));
            let menunggu = match tahap {
                Tahap::Diajukan => Some("verifikator"),
                Tahap::Dikembalikan => Some("operator"),
                _ if terbuka > 0 => Some("operator"),
                _ => None,
            };
            out.push(Baris {
                kecamatan: kec.clone(),
                dokumen,
                nama,
                tahap: tahap.kata(),
                galat: r.galat,
                peringatan: r.peringatan,
                diubah: r.diubah.clone(),
                capaian: tw.and_then(|n| r.capaian[n - 1]),
                serapan: tw.and_then(|n| r.serapan[n - 1]),
                komentar_terbuka: terbuka,
                menunggu,
            });
        }
    }
    out
}

/// What waits for this user: rows it is the one to act on.
fn untuk_saya<'a>(izin: &Izin, rows: &'a [Baris]) -> Vec<&'a Baris> {
    let saya = match izin.pengguna.peran {
        super::akun::Peran::Verifikator => "verifikator",
        super::akun::Peran::Operator => "operator",
        _ => return Vec::new(),
    };
    rows.iter().filter(|b| b.menunggu == Some(saya)).collect()
}

pub async fn dasbor_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    blocking(move || {
        let started = std::time::Instant::now();
        let rows = baris(&server, &izin);
        let menunggu: Vec<&Baris> = untuk_saya(&izin, &rows);
        Json(json!({
            "baris": rows,
            "menunggu": menunggu,
            "ms": started.elapsed().as_millis(),
        }))
        .into_response()
    })
    .await
}

const KOLOM: [&str; 10] = [
    "Kecamatan",
    "Dokumen",
    "Keadaan",
    "Galat",
    "Peringatan",
    "Diubah",
    "Capaian rata-rata (%)",
    "Serapan anggaran (%)",
    "Komentar terbuka",
    "Menunggu",
];

fn sel(b: &Baris) -> [String; 10] {
    let angka = |x: Option<f64>| x.map(renaksi::format::persen).unwrap_or_default();
    [
        b.kecamatan.clone(),
        b.nama.to_owned(),
        b.tahap.to_owned(),
        b.galat.to_string(),
        b.peringatan.to_string(),
        b.diubah.get(..10).unwrap_or("").to_owned(),
        angka(b.capaian),
        angka(b.serapan),
        b.komentar_terbuka.to_string(),
        b.menunggu.unwrap_or("").to_owned(),
    ]
}

/// The dashboard as CSV (semicolons and decimal commas, as Excel in
/// Indonesia opens it).
pub async fn dasbor_csv(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    blocking(move || {
        let rows = baris(&server, &izin);
        let q = |s: &str| {
            // A cell a spreadsheet would take for a formula is quoted as text.
            let s = if s.starts_with(['=', '+', '-', '@']) {
                format!("'{s}")
            } else {
                s.to_owned()
            };
            format!("\"{}\"", s.replace('"', "\"\""))
        };
        let mut out = String::from("\u{feff}");
        out.push_str(&KOLOM.map(q).join(";"));
        out.push_str("\r\n");
        for b in &rows {
            out.push_str(&sel(b).map(|s| q(&s)).join(";"));
            out.push_str("\r\n");
        }
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"dasbor.csv\"",
                ),
            ],
            out,
        )
            .into_response()
    })
    .await
}

/// The dashboard as an xlsx workbook, numbers as numbers.
pub async fn dasbor_xlsx(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    blocking(move || {
        let rows = baris(&server, &izin);
        match xlsx(&rows) {
            Ok(bytes) => (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"dasbor.xlsx\"",
                    ),
                ],
                bytes,
            )
                .into_response(),
            Err(why) => galat(StatusCode::INTERNAL_SERVER_ERROR, &why),
        }
    })
    .await
}

fn xlsx(rows: &[Baris]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Dasbor").map_err(|e| e.to_string())?;
    let tebal = Format::new().set_bold();
    let e = |r: Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>| {
        r.map(|_| ()).map_err(|e| e.to_string())
    };
    for (c, k) in KOLOM.iter().enumerate() {
        e(sheet.write_string_with_format(0, c as u16, *k, &tebal))?;
    }
    for (i, b) in rows.iter().enumerate() {
        let r = (i + 1) as u32;
        e(sheet.write_string(r, 0, &b.kecamatan))?;
        e(sheet.write_string(r, 1, b.nama))?;
        e(sheet.write_string(r, 2, b.tahap))?;
        e(sheet.write_number(r, 3, b.galat as f64))?;
        e(sheet.write_number(r, 4, b.peringatan as f64))?;
        e(sheet.write_string(r, 5, b.diubah.get(..10).unwrap_or("")))?;
        if let Some(x) = b.capaian {
            e(sheet.write_number(r, 6, x))?;
        }
        if let Some(x) = b.serapan {
            e(sheet.write_number(r, 7, x))?;
        }
        e(sheet.write_number(r, 8, b.komentar_terbuka as f64))?;
        e(sheet.write_string(r, 9, b.menunggu.unwrap_or("")))?;
    }
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// The dashboard page: the table, sortable by any column; what waits for
/// this user above it; a click on a kecamatan opens it.
pub async fn dasbor_halaman(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    blocking(move || {
        let rows = baris(&server, &izin);
        let menunggu = untuk_saya(&izin, &rows);
        editor::html(&halaman(&server, &izin, &rows, &menunggu))
    })
    .await
}

use super::html_aman as e;

fn halaman(server: &Server, izin: &Izin, rows: &[Baris], menunggu: &[&Baris]) -> String {
    let mut tabel = String::new();
    for b in rows {
        let cells = sel(b);
        tabel.push_str(&format!(
            "<tr class=\"tahap-{}\"><td><a href=\"/?kecamatan={k}\">{k}</a></td>",
            b.tahap,
            k = e(&b.kecamatan)
        ));
        for (i, c) in cells.iter().enumerate().skip(1) {
            let angka = matches!(i, 3 | 4 | 6 | 7 | 8);
            tabel.push_str(&format!(
                "<td{}>{}</td>",
                if angka { " class=\"angka\"" } else { "" },
                e(c)
            ));
        }
        tabel.push_str("</tr>\n");
    }
    let tunggu = if menunggu.is_empty() {
        "<p class=\"tenang\">Tidak ada yang menunggu Anda.</p>".to_owned()
    } else {
        let mut s = format!("<h2>Menunggu Anda ({})</h2><ul>", menunggu.len());
        for b in menunggu {
            let apa = match (b.tahap, b.komentar_terbuka) {
                ("diajukan", _) => "diajukan, belum ditinjau".to_owned(),
                ("dikembalikan", n) if n > 0 => format!("dikembalikan, {n} komentar belum dijawab"),
                ("dikembalikan", _) => "dikembalikan, belum diajukan lagi".to_owned(),
                (_, n) => format!("{n} komentar belum dijawab"),
            };
            s.push_str(&format!(
                "<li><a href=\"/?kecamatan={k}\">{k}</a> — {}: {}</li>",
                e(b.nama),
                e(&apa),
                k = e(&b.kecamatan)
            ));
        }
        s.push_str("</ul>");
        s
    };
    let head: String = KOLOM
        .iter()
        .enumerate()
        .map(|(i, k)| format!("<th data-kolom=\"{i}\" tabindex=\"0\">{}</th>", e(k)))
        .collect();
    format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Dasbor — renaksi</title><style>{CSS}</style></head><body>\
         <header><strong>renaksi</strong><span>Dasbor {nama}</span><span class=\"siapa\">{user} ({peran})</span>\
         <a href=\"/api/dasbor.csv\">Unduh CSV</a><a href=\"/api/dasbor.xlsx\">Unduh xlsx</a><a href=\"/\">Editor</a></header>\
         <main>{tunggu}<table id=\"dasbor\"><thead><tr>{head}</tr></thead><tbody>{tabel}</tbody></table>\
         <p class=\"catatan\">Galat dan peringatan: pemeriksaan <code>renaksi check</code> atas laporan kecamatan itu (termasuk realisasinya). \
         Capaian dan serapan: sampai triwulan itu, dari realisasi yang tersimpan. Klik judul kolom untuk mengurutkan.</p></main>\
         <script>{JS}</script></body></html>",
        nama = e(&server.nama),
        user = e(&izin.pengguna.nama),
        peran = izin.pengguna.peran.kata(),
    )
}

const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2433;background:#f4f5f7}\
header{background:#1f3a5f;color:#fff;padding:.6em 1em;display:flex;gap:1.2em;align-items:center}\
header a{color:#fff}.siapa{margin-left:auto}main{padding:1em}\
table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #d5d9e0;padding:.3em .5em;text-align:left}\
th{background:#eef1f5;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}\
td.angka{text-align:right;font-variant-numeric:tabular-nums}\
tr.tahap-diajukan td:nth-child(3){background:#fff3cd}tr.tahap-dikembalikan td:nth-child(3){background:#f8d7da}\
tr.tahap-disetujui td:nth-child(3){background:#d4edda}h2{font-size:1.05em;margin:.2em 0}\
ul{background:#fff;border:1px solid #d5d9e0;padding:.5em 2em;margin:0 0 1em}.tenang{color:#5b6475}.catatan{color:#5b6475;font-size:.9em}";

const JS: &str = r#""use strict";
const t = document.getElementById("dasbor");
const angka = (s) => { const x = parseFloat(s.replace(/\./g, "").replace(",", ".")); return isNaN(x) ? null : x; };
for (const th of t.tHead.rows[0].cells) {
  const urut = () => {
    const i = Number(th.dataset.kolom);
    const naik = th.getAttribute("aria-sort") !== "ascending";
    for (const x of t.tHead.rows[0].cells) x.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", naik ? "ascending" : "descending");
    const rows = [...t.tBodies[0].rows];
    rows.sort((a, b) => {
      const p = a.cells[i].textContent, q = b.cells[i].textContent;
      const x = angka(p), y = angka(q);
      const c = x !== null && y !== null ? x - y : p.localeCompare(q, "id");
      return naik ? c : -c;
    });
    t.tBodies[0].append(...rows);
  };
  th.addEventListener("click", urut);
  th.addEventListener("keydown", (e) => { if (e.key === "Enter") urut(); });
}
"#;

/// Computes every kecamatan's summary once at start, so the first look at
/// the dashboard answers from memory.
pub fn hangatkan(server: Arc<Server>) {
    std::thread::spawn(move || {
        let kecamatan = server.kecamatan.clone();
        server.dasbor.ringkas(&server, &kecamatan);
    });
}

//! A kecamatan's history under `renaksi server`: the commits touching its
//! folder and the shared files, read from `git log`, as JSON and as a page.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

use renaksi::Error;

use super::super::serve as editor;
use super::{blocking, repo, Izin, Server};

fn riwayat(server: &Server, kec: &str) -> Result<Vec<repo::Catatan>, Error> {
    let paths = [
        format!("{kec}/"),
        renaksi::content::KABUPATEN.to_owned(),
        renaksi::content::NARASI.to_owned(),
        // Its submissions, approvals and review comments.
        super::tinjau::alur_rel(kec),
        super::tinjau::komentar_rel(kec),
    ];
    server.repo.riwayat(&paths, 200, None)
}

pub async fn riwayat_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || match riwayat(&server, &kec) {
        Ok(c) => Json(json!({"kecamatan": kec, "commit": c})).into_response(),
        Err(err) => editor::salah(&err),
    })
    .await
}

pub async fn riwayat_halaman(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || match riwayat(&server, &kec) {
        Ok(c) => editor::html(&halaman_riwayat(&kec, &c)),
        Err(err) => editor::salah(&err),
    })
    .await
}

const RIWAYAT_CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f4f5f7}\
header{background:#1f3a5f;color:#fff;padding:.6em 1em;display:flex;gap:1em;align-items:center}\
header a{color:#fff}main{max-width:60em;margin:1em auto;padding:0 1em}\
ol{list-style:none;padding:0}li{background:#fff;border:1px solid #d5d9e0;border-radius:6px;margin:.6em 0;padding:.7em 1em}\
.waktu{color:#5b6475;font-size:.9em}.subjek{font-weight:600;margin:.2em 0}\
pre{white-space:pre-wrap;margin:.3em 0 0;font:13px/1.4 ui-monospace,monospace;color:#333}\
code{font-size:.85em;color:#5b6475}";

/// The history of a kecamatan as a page: each commit's time, author and
/// message (the report's terms), newest first.
fn halaman_riwayat(kec: &str, commits: &[repo::Catatan]) -> String {
    let e = super::html_aman;
    let mut items = String::new();
    for c in commits {
        let (subjek, badan) = c.pesan.split_once("\n\n").unwrap_or((&c.pesan, ""));
        let waktu = chrono::DateTime::parse_from_rfc3339(&c.waktu)
            .map(|t| t.format("%d-%m-%Y %H:%M").to_string())
            .unwrap_or_else(|_| c.waktu.clone());
        items.push_str(&format!(
            "<li><div class=\"waktu\">{} · {} · <code>{}</code></div><div class=\"subjek\">{}</div>{}</li>\n",
            e(&waktu),
            e(&c.nama),
            e(&c.commit[..c.commit.len().min(10)]),
            e(subjek),
            if badan.trim().is_empty() {
                String::new()
            } else {
                format!("<pre>{}</pre>", e(badan.trim()))
            }
        ));
    }
    if commits.is_empty() {
        items.push_str("<li>Belum ada perubahan tercatat.</li>");
    }
    format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Riwayat {k} — renaksi</title><style>{RIWAYAT_CSS}</style></head><body>\
         <header><strong>renaksi</strong><span>Riwayat kecamatan {k}</span><a href=\"/?kecamatan={k}\">← kembali ke editor</a></header>\
         <main><p>Setiap simpan adalah satu commit git atas nama penggunanya; daftar ini dibaca dari <code>git log</code>.</p><ol>{items}</ol></main></body></html>",
        k = e(kec)
    )
}

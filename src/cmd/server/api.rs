//! The editor's API under `renaksi server`: the same requests as `renaksi
//! serve`'s page sends, each on the workspace of the kecamatan the guard
//! gave in its [`Izin`]; a save is one commit authored by the user.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use super::super::serve::ruang::Ruang;
use super::super::serve::{self as editor, Baru, DasarSimpan, Halaman, Kec, Masukan, Tanya, Ubah};
use super::{bangun, blocking, galat, Izin, Ruangan, Server};

pub async fn ruang_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (_, r) = ruang!(izin);
    let nama = server.nama.clone();
    blocking(move || {
        let mut v = r.lock().ruang.to_json();
        // The folder's name, not where it lies on the server.
        v["nama"] = json!(nama);
        Json(v).into_response()
    })
    .await
}

pub async fn ubah(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Ubah>,
) -> Response {
    let (kec, r) = ruang!(izin);
    if let Some(why) = super::tinjau::terkunci_semua(&server.root, &kec, [body.berkas.as_str()]) {
        return galat(StatusCode::LOCKED, &why);
    }
    *r.pratinjau.lock().unwrap_or_else(|e| e.into_inner()) = (body.triwulan, body.lkjip);
    let s = server.clone();
    bangun(&server, move || {
        let jawab = editor::ubah_di(&mut r.lock(), body);
        s.catat_dokumen(&r);
        jawab
    })
    .await
}

pub async fn periksa(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Kec>,
) -> Response {
    let (_, r) = ruang!(izin);
    *r.pratinjau.lock().unwrap_or_else(|e| e.into_inner()) = (body.triwulan, body.lkjip);
    let s = server.clone();
    bangun(&server, move || {
        let jawab = editor::periksa_di(&mut r.lock(), body);
        s.catat_dokumen(&r);
        jawab
    })
    .await
}

/// The typeset pages of `r` (and the report they were made for), typeset
/// again when they were let go to bound memory.
fn dokumen(
    server: &Server,
    r: &Arc<Ruangan>,
) -> (
    Option<Arc<typst_layout::PagedDocument>>,
    Option<renaksi::content::Report>,
) {
    let mut k = r.lock();
    if k.dokumen.is_none() && k.versi > 0 {
        let (triwulan, lkjip) = *r.pratinjau.lock().unwrap_or_else(|e| e.into_inner());
        let _ = editor::build(&mut k, None, editor::triwulan(triwulan), lkjip);
        drop(k);
        server.catat_dokumen(r);
        k = r.lock();
    }
    (k.dokumen.clone(), k.laporan.clone())
}

/// Refused while a document the new file makes is submitted or approved.
fn buat_terkunci(server: &Server, kec: &str, rel: &str) -> Option<Response> {
    super::tinjau::terkunci_semua(&server.root, kec, [format!("{kec}/{rel}").as_str()])
        .map(|why| galat(StatusCode::LOCKED, &why))
}

pub async fn realisasi_baru(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Baru>,
) -> Response {
    let (kec, r) = ruang!(izin);
    let rel = renaksi::realisasi::nama_berkas(body.triwulan.clamp(1, 4));
    if let Some(tolak) = buat_terkunci(&server, &kec, &rel) {
        return tolak;
    }
    blocking(move || editor::realisasi_baru_di(&mut r.lock(), body)).await
}

pub async fn pegawai_baru(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Kec>,
) -> Response {
    let (kec, r) = ruang!(izin);
    if let Some(tolak) = buat_terkunci(&server, &kec, renaksi::content::PEGAWAI) {
        return tolak;
    }
    blocking(move || editor::pegawai_baru_di(&mut r.lock(), body)).await
}

pub async fn lkjip_baru(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Kec>,
) -> Response {
    let (kec, r) = ruang!(izin);
    if let Some(tolak) = buat_terkunci(&server, &kec, renaksi::lkjip::LKJIP) {
        return tolak;
    }
    blocking(move || editor::lkjip_baru_di(&mut r.lock(), body)).await
}

/// A page of the preview as SVG; drawn under the same limit as builds, so
/// fifty pages asked at once do not hold fifty drawings in memory.
pub async fn svg(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Tanya(q): Tanya<Halaman>,
) -> Response {
    let (_, r) = ruang!(izin);
    let s = server.clone();
    bangun(&server, move || {
        let (dokumen, _) = dokumen(&s, &r);
        editor::svg_di(dokumen.as_deref(), q.n)
    })
    .await
}

pub async fn perubahan(Extension(izin): Extension<Izin>, Tanya(q): Tanya<Kec>) -> Response {
    let (_, r) = ruang!(izin);
    blocking(move || editor::perubahan_di(&r.lock(), q)).await
}

pub async fn status(Extension(izin): Extension<Izin>) -> Response {
    let (_, r) = ruang!(izin);
    blocking(move || editor::status_di(&r.lock())).await
}

/// The document last previewed, as the draft PDF the build makes.
pub async fn unduh(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, r) = ruang!(izin);
    let s = server.clone();
    bangun(&server, move || {
        let (dokumen, laporan) = dokumen(&s, &r);
        let (Some(dokumen), Some(laporan)) = (dokumen, laporan) else {
            return galat(StatusCode::NOT_FOUND, "belum ada pratinjau untuk diunduh");
        };
        match renaksi::pdf::export(&laporan, &dokumen, Default::default()) {
            Ok(pdf) => (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{kec}-draf.pdf\""),
                    ),
                ],
                pdf,
            )
                .into_response(),
            Err(err) => editor::salah(&err),
        }
    })
    .await
}

/// Reads the kecamatan again from disk; unsaved edits are dropped (the
/// page asks first).
pub async fn muat_ulang(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, r) = ruang!(izin);
    blocking(move || {
        let head = server.repo.head();
        let mut k = r.lock();
        match (Ruang::open_kecamatan(&server.root, &kec), head) {
            (Ok(ruang), Ok(head)) => {
                k.ruang = ruang;
                *r.dibaca.lock().unwrap_or_else(|e| e.into_inner()) = head;
                Json(k.ruang.to_json()).into_response()
            }
            (Err(err), _) | (_, Err(err)) => editor::salah(&err),
        }
    })
    .await
}

/// Saves the workspace's changed files and commits them as one commit
/// authored by the user.
pub async fn simpan(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<DasarSimpan>,
) -> Response {
    let (kec, r) = ruang!(izin);
    blocking(move || simpan_commit(&server, &izin, &kec, &r, &body.versi)).await
}

fn simpan_commit(
    server: &Server,
    izin: &Izin,
    kec: &str,
    r: &Ruangan,
    versi: &HashMap<String, u64>,
) -> Response {
    let mut k = r.lock();
    let kotor = k.ruang.kotor();
    // Checked again here: a file only gets changed through routes that
    // check it, but a save must never write what its user may not.
    if let Some(rel) = kotor.iter().find(|rel| !izin.pengguna.boleh_ubah(rel)) {
        return galat(
            StatusCode::FORBIDDEN,
            &format!("akun {} tidak boleh mengubah {rel}", izin.login),
        );
    }
    if let Some(why) =
        super::tinjau::terkunci_semua(&server.root, kec, kotor.iter().map(String::as_str))
    {
        return galat(StatusCode::LOCKED, &why);
    }
    let pesan = pesan_commit(kec, &kotor, &k.ruang.ringkasan(Some(kec)));
    let p = &izin.pengguna;
    let mut commit = String::new();
    let hasil = k.ruang.simpan_lalu(versi, |files| {
        commit = server.repo.commit(files, (&p.nama, &p.email), &pesan)?;
        Ok(())
    });
    match hasil {
        Ok(ditulis) => {
            if !commit.is_empty() {
                *r.dibaca.lock().unwrap_or_else(|e| e.into_inner()) = commit.clone();
            }
            Json(json!({"ditulis": ditulis, "commit": commit, "pesan": pesan})).into_response()
        }
        Err(err) => editor::tak_disimpan(err, |files| bentrok(server, kec, r, &k, files)),
    }
}

/// Another user saved `files` first: refused with what changed in
/// between, in the report's terms, and by whom.
fn bentrok(
    server: &Server,
    kec: &str,
    r: &Ruangan,
    k: &editor::Keadaan,
    files: Vec<String>,
) -> Response {
    let sejak = k.ruang.sejak_dibaca(Some(kec));
    let dibaca = r.dibaca.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let oleh: Vec<Value> = server
        .repo
        .riwayat(&files, 20, Some(&dibaca))
        .unwrap_or_default()
        .into_iter()
        .map(|c| json!({"nama": c.nama, "waktu": c.waktu, "pesan": c.pesan}))
        .collect();
    let siapa: Vec<String> = oleh
        .iter()
        .filter_map(|c| c["nama"].as_str().map(str::to_owned))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let siapa = if siapa.is_empty() {
        String::new()
    } else {
        format!("oleh {} ", siapa.join(", "))
    };
    let apa = if sejak.is_empty() {
        "lihat Riwayat".to_owned()
    } else {
        sejak.join("; ")
    };
    (
        StatusCode::CONFLICT,
        Json(json!({
            "galat": format!(
                "tidak disimpan: {} diubah {siapa}sejak Anda membukanya: {apa}. Muat ulang, lalu ulangi suntingan Anda",
                files.join(", "),
            ),
            "bentrok": files,
            "sejak": sejak,
            "oleh": oleh,
        })),
    )
        .into_response()
}

/// A commit message in the report's terms: the kecamatan and its first
/// change as the subject, every change in the body.
pub fn pesan_commit(kec: &str, files: &[String], changes: &[String]) -> String {
    let bersama = files.iter().all(|f| !f.contains('/'));
    let siapa = if bersama { "kabupaten" } else { kec };
    let rapi: Vec<&str> = changes
        .iter()
        .map(|c| c.trim_start_matches(['~', '+', '-', ' ']))
        .collect();
    let subjek = match rapi.as_slice() {
        [] => format!("{siapa}: {} diubah", files.join(", ")),
        [satu] => format!("{siapa}: {satu}"),
        [satu, lain @ ..] => format!("{siapa}: {satu} (dan {} perubahan lain)", lain.len()),
    };
    let subjek: String = subjek.chars().take(200).collect();
    if changes.len() > 1 {
        format!("{subjek}\n\n{}\n", changes.join("\n"))
    } else {
        subjek
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_message_speaks_in_report_terms() {
        let m = pesan_commit(
            "sawan",
            &["sawan/lampiran/program.yaml".into()],
            &["~ Lampiran › Program 1 › Indikator 1: target Juni 40 → 45".into()],
        );
        assert_eq!(
            m,
            "sawan: Lampiran › Program 1 › Indikator 1: target Juni 40 → 45"
        );
        let m = pesan_commit(
            "sawan",
            &["kabupaten.yaml".into()],
            &["~ a".into(), "~ b".into()],
        );
        assert!(m.starts_with("kabupaten: a (dan 1 perubahan lain)\n\n~ a\n~ b"));
    }
}

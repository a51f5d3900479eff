//! The pages and the login of `renaksi server`: the editor page (the one
//! of `renaksi serve`, in its server mode), the login page, login with
//! throttling, logout, and who the user is.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::super::serve::{self as editor, Masukan};
use super::jaga::{cookie, COOKIE};
use super::sesi::Boleh;
use super::{akun, galat, Izin, Server};

/// The largest login request: a name and a password.
pub const MAX_MASUK: usize = 16 * 1024;

pub async fn halaman() -> Response {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    editor::html(PAGE.get_or_init(|| editor::editor_page("server")))
}

const MASUK_HTML: &str = include_str!("masuk.html");

pub async fn halaman_masuk() -> Response {
    editor::html(MASUK_HTML)
}

#[derive(Deserialize)]
pub struct Masuk {
    nama: String,
    sandi: String,
}

pub async fn masuk(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Masukan(body): Masukan<Masuk>,
) -> Response {
    let alamat = alamat_klien(peer, &headers);
    let nama = body.nama.trim().to_ascii_lowercase();
    if nama.len() > 64 || body.sandi.len() > akun::SANDI_MAKS {
        return galat(
            StatusCode::BAD_REQUEST,
            "nama pengguna atau sandi terlalu panjang",
        );
    }
    let kunci = vec![format!("u:{nama}"), format!("a:{alamat}")];
    if let Boleh::Tunggu(d, terkunci) = server.penjaga.boleh(&kunci) {
        let pesan = if terkunci {
            format!(
                "terlalu banyak percobaan masuk yang gagal; akun atau alamat ini dikunci {} menit lagi",
                d.as_secs().div_ceil(60)
            )
        } else {
            format!(
                "percobaan masuk yang gagal; coba lagi dalam {} detik",
                d.as_secs().max(1)
            )
        };
        let mut r = galat(StatusCode::TOO_MANY_REQUESTS, &pesan);
        if let Ok(v) = HeaderValue::from_str(&d.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let daftar = server.daftar();
    let akun = daftar.pengguna.get(&nama).cloned();
    let sandi = body.sandi;
    // An unknown name is checked against a hash too: the answer takes as
    // long as for a wrong password.
    let phc = akun
        .as_ref()
        .map(|a| a.sandi.clone())
        .unwrap_or_else(|| akun::hash_tiruan().to_owned());
    // Each check takes 19 MiB for its moment (Argon2id's memory cost):
    // a hundred logins at once take their turns, not 2 GiB.
    let cocok = {
        let _giliran = server.sandi.acquire().await;
        tokio::task::spawn_blocking(move || akun::cocok(&sandi, &phc))
            .await
            .unwrap_or(false)
    };
    let Some(akun) = akun.filter(|_| cocok) else {
        // A name no account has is not remembered (nothing to protect, and
        // made-up names must not fill memory); its address is.
        let kunci = if daftar.pengguna.contains_key(&nama) {
            &kunci[..]
        } else {
            &kunci[1..]
        };
        server.penjaga.gagal(kunci);
        return galat(StatusCode::UNAUTHORIZED, "nama pengguna atau sandi salah");
    };
    server.penjaga.berhasil(&kunci);
    let key = server.sesi().buka(&nama, &akun.sandi);
    let secure = if server.https { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={key}; HttpOnly; SameSite=Strict; Path=/{secure}");
    (
        [(header::SET_COOKIE, cookie)],
        Json(json!({"nama": akun.nama, "peran": akun.peran.kata()})),
    )
        .into_response()
}

/// The client's address: the peer, or behind a proxy on this computer the
/// last address it forwarded for.
fn alamat_klien(peer: SocketAddr, headers: &HeaderMap) -> String {
    if peer.ip().is_loopback() {
        if let Some(f) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
        {
            return f.trim().chars().take(64).collect();
        }
    }
    peer.ip().to_string()
}

pub async fn keluar(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Extension(_izin): Extension<Izin>,
) -> Response {
    if let Some(key) = cookie(&headers) {
        server.sesi().tutup(&key);
    }
    let secure = if server.https { "; Secure" } else { "" };
    (
        [
            (
                header::SET_COOKIE,
                format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
            ),
            (
                header::HeaderName::from_static("clear-site-data"),
                "\"cookies\", \"storage\"".to_owned(),
            ),
        ],
        Json(json!({"keluar": true})),
    )
        .into_response()
}

pub async fn saya(State(server): State<Arc<Server>>, Extension(izin): Extension<Izin>) -> Response {
    let p = &izin.pengguna;
    let baca: Vec<&String> = server
        .kecamatan
        .iter()
        .filter(|k| p.boleh_baca(k))
        .collect();
    let ubah: Vec<&String> = server
        .kecamatan
        .iter()
        .filter(|k| p.boleh_ubah(&format!("{k}/laporan.yaml")))
        .collect();
    Json(json!({
        "login": izin.login,
        "nama": p.nama,
        "peran": p.peran.kata(),
        "kecamatan": baca,
        "ubah_kecamatan": ubah,
        "ubah_bersama": p.boleh_ubah(renaksi::content::KABUPATEN),
        "ganti_sandi": p.sementara,
        "csrf": izin.csrf,
    }))
    .into_response()
}

#[derive(Deserialize)]
pub struct Sandi {
    lama: String,
    baru: String,
}

/// The user sets its own password: the old one checked (a wrong one
/// counts as a failed login), the new one strong enough; the session goes
/// on with it.
pub async fn sandi(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Sandi>,
) -> Response {
    if body.lama.len() > akun::SANDI_MAKS || body.baru.len() > akun::SANDI_MAKS {
        return galat(StatusCode::BAD_REQUEST, "sandi terlalu panjang");
    }
    let kunci = vec![format!("u:{}", izin.login)];
    if let Boleh::Tunggu(..) = server.penjaga.boleh(&kunci) {
        return galat(
            StatusCode::TOO_MANY_REQUESTS,
            "terlalu banyak sandi lama yang salah; coba lagi nanti",
        );
    }
    let lama_hash = izin.pengguna.sandi.clone();
    let lama = body.lama.clone();
    let cocok = {
        let _giliran = server.sandi.acquire().await;
        let h = lama_hash.clone();
        tokio::task::spawn_blocking(move || akun::cocok(&lama, &h))
            .await
            .unwrap_or(false)
    };
    if !cocok {
        server.penjaga.gagal(&kunci);
        return galat(StatusCode::FORBIDDEN, "sandi lama salah");
    }
    if let Some(why) = akun::sandi_lemah(&izin.login, &body.baru) {
        return galat(StatusCode::UNPROCESSABLE_ENTITY, &why);
    }
    if body.baru == body.lama {
        return galat(
            StatusCode::UNPROCESSABLE_ENTITY,
            "sandi baru harus berbeda dari sandi lama",
        );
    }
    let baru = body.baru;
    let hash = {
        let _giliran = server.sandi.acquire().await;
        tokio::task::spawn_blocking(move || akun::hash(&baru)).await
    };
    let hash = match hash {
        Ok(Ok(h)) => h,
        Ok(Err(err)) => return editor::salah(&err),
        Err(_) => return galat(StatusCode::INTERNAL_SERVER_ERROR, "galat internal"),
    };
    let path = server.berkas_pengguna.clone();
    let login = izin.login.clone();
    let h = hash.clone();
    let tulis =
        tokio::task::spawn_blocking(move || akun::ganti_sendiri(&path, &login, &lama_hash, &h))
            .await;
    match tulis {
        Ok(Ok(())) => {
            if let Some(key) = cookie(&headers) {
                server.sesi().ganti_sandi(&key, &hash);
            }
            Json(json!({"diganti": true})).into_response()
        }
        Ok(Err(err)) => editor::salah(&err),
        Err(_) => galat(StatusCode::INTERNAL_SERVER_ERROR, "galat internal"),
    }
}

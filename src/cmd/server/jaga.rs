//! The guard every request of `renaksi server` passes before its
//! handler: the Host and Origin are this server's, the route is declared,
//! the session is live, a change carries the session's CSRF token, and
//! the kecamatan and file the request names are the user's to read or
//! change. What it found is the handler's [`Izin`].

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::super::serve as editor;
use super::{akses_of, boleh, galat, tidak_ada, Akses, Izin, Server};

/// The session cookie.
pub const COOKIE: &str = "renaksi_sesi";
/// The header the page sends its session's CSRF token in.
const CSRF_HEADER: &str = "x-renaksi-csrf";

/// The guard every request passes: Host, Origin, route, session, CSRF,
/// and the kecamatan and file it names against the user's role.
pub async fn jaga(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let mut response = match periksa_permintaan(&server, request).await {
        Ok((request, izin)) => {
            let mut request = request;
            if let Some(izin) = izin {
                request.extensions_mut().insert(izin);
            }
            next.run(request).await
        }
        Err(response) => response,
    };
    editor::aman(response.headers_mut());
    if server.https {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

async fn periksa_permintaan(
    server: &Arc<Server>,
    request: Request,
) -> Result<(Request, Option<Izin>), Response> {
    let headers = request.headers().clone();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if !server.host_ok(&host) {
        return Err(galat(
            StatusCode::FORBIDDEN,
            &format!("alamat `{host}` bukan alamat server ini"),
        ));
    }
    let ubah = request.method() != Method::GET && request.method() != Method::HEAD;
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !origin.eq_ignore_ascii_case(&server.asal(&host)) {
            return Err(galat(
                StatusCode::FORBIDDEN,
                &format!("permintaan dari situs lain (`{origin}`) ditolak"),
            ));
        }
    } else if ubah {
        // Browsers send an Origin with every change; one without it is
        // not from the page.
        return Err(galat(
            StatusCode::FORBIDDEN,
            "permintaan tanpa Origin ditolak",
        ));
    }
    if headers
        .get("sec-fetch-site")
        .is_some_and(|s| s.as_bytes() == b"cross-site" || s.as_bytes() == b"same-site")
    {
        return Err(galat(
            StatusCode::FORBIDDEN,
            "permintaan dari situs lain ditolak",
        ));
    }
    let path = request.uri().path().to_owned();
    let Some(akses) = akses_of(&path) else {
        return Err(tidak_ada().await);
    };
    if akses == Akses::Publik {
        return Ok((request, None));
    }
    let halaman = request.method() == Method::GET && !path.starts_with("/api/");
    let Some(key) = cookie(&headers) else {
        return Err(belum_masuk(halaman));
    };
    // The page's background polling does not keep a session alive.
    let sentuh = path != "/api/status";
    let (login, sandi, csrf) = {
        let mut sesi = server.sesi();
        let Some(s) = sesi.cari(&key, server.diam, sentuh) else {
            return Err(belum_masuk(halaman));
        };
        (s.login.clone(), s.sandi.clone(), s.csrf.clone())
    };
    let daftar = server.daftar();
    // An account removed, or given a new password, ends its sessions.
    let Some(pengguna) = daftar
        .pengguna
        .get(&login)
        .filter(|p| p.sandi == sandi)
        .cloned()
    else {
        server.sesi().tutup(&key);
        return Err(belum_masuk(halaman));
    };
    if ubah {
        let given = headers
            .get(CSRF_HEADER)
            .map(|v| v.as_bytes())
            .unwrap_or(b"");
        if !editor::same(given, csrf.as_bytes()) {
            return Err(galat(
                StatusCode::FORBIDDEN,
                "token CSRF tidak ada atau salah; muat ulang halaman",
            ));
        }
    }
    let mut izin = Izin {
        login,
        pengguna,
        csrf,
        kec: None,
    };
    if akses == Akses::Masuk {
        return Ok((request, Some(izin)));
    }
    // A temporary password set by an admin is changed before anything.
    if izin.pengguna.sementara {
        return Err((
            StatusCode::FORBIDDEN,
            axum::Json(serde_json::json!({
                "galat": "ganti dulu sandi sementara dari admin dengan sandi Anda sendiri",
                "ganti_sandi": true,
            })),
        )
            .into_response());
    }
    // The kecamatan (and file) the request names: from the query, or
    // from the JSON body, read here within the body limit and put back.
    let (request, arah) = arah(request).await?;
    let Some(kec) = arah.kecamatan.filter(|k| !k.is_empty()) else {
        return Err(galat(StatusCode::BAD_REQUEST, "kecamatan tidak disebut"));
    };
    if !server.kecamatan.contains(&kec) {
        return Err(galat(
            StatusCode::NOT_FOUND,
            &format!("kecamatan `{}` tidak ada", pendek(&kec)),
        ));
    }
    if !boleh(akses, &izin.pengguna, Some(&kec), arah.berkas.as_deref()) {
        let apa = match akses {
            Akses::Baca => format!("akun {} tidak boleh membuka kecamatan {kec}", izin.login),
            _ => format!(
                "akun {} tidak boleh mengubah ini di kecamatan {kec}",
                izin.login
            ),
        };
        return Err(galat(StatusCode::FORBIDDEN, &apa));
    }
    let server2 = server.clone();
    let kec2 = kec.clone();
    let ruangan = match tokio::task::spawn_blocking(move || server2.ruangan(&key, &kec2)).await {
        Ok(Ok(r)) => r,
        Ok(Err(Some(err))) => return Err(editor::salah(&err)),
        Ok(Err(None)) => return Err(belum_masuk(false)),
        Err(_) => return Err(galat(StatusCode::INTERNAL_SERVER_ERROR, "galat internal")),
    };
    izin.kec = Some((kec, ruangan));
    Ok((request, Some(izin)))
}

/// What a request names: its kecamatan, and the file it changes.
#[derive(Deserialize, Default)]
struct Arah {
    #[serde(default)]
    kecamatan: Option<String>,
    #[serde(default)]
    berkas: Option<String>,
}

async fn arah(request: Request) -> Result<(Request, Arah), Response> {
    let query: Arah = request
        .uri()
        .query()
        .and_then(serde_urlencoded_arah)
        .unwrap_or_default();
    if request.method() == Method::GET {
        return Ok((request, query));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, editor::MAX_BODY)
        .await
        .map_err(|_| editor::tak_terbaca(StatusCode::PAYLOAD_TOO_LARGE))?;
    if editor::nilai_json(&bytes) > editor::MAX_NILAI {
        return Err(editor::tak_terbaca(StatusCode::PAYLOAD_TOO_LARGE));
    }
    let dari_badan: Arah =
        serde_json::from_slice(&bytes).map_err(|_| editor::tak_terbaca(StatusCode::BAD_REQUEST))?;
    let arah = Arah {
        kecamatan: dari_badan.kecamatan.or(query.kecamatan),
        berkas: dari_badan.berkas,
    };
    Ok((
        Request::from_parts(parts, axum::body::Body::from(bytes)),
        arah,
    ))
}

/// `kecamatan` of a query string, percent-decoded.
fn serde_urlencoded_arah(query: &str) -> Option<Arah> {
    axum::extract::Query::<Arah>::try_from_uri(&format!("/?{query}").parse().ok()?)
        .ok()
        .map(|q| q.0)
}

/// At most 40 characters of what a request sent, for a message.
fn pendek(s: &str) -> String {
    s.chars().take(40).collect()
}

pub fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_owned)
        })
        .filter(|k| k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Not logged in: a page goes to the login page, an API call is 401.
pub fn belum_masuk(halaman: bool) -> Response {
    if halaman {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, "/masuk")]).into_response();
    }
    galat(
        StatusCode::UNAUTHORIZED,
        "belum masuk atau sesi berakhir; masuk lagi",
    )
}

//! `renaksi serve`: an editor for the report in the browser. A local HTTP
//! server (axum on tokio) serves one page, embedded in the binary, and a
//! small JSON API over the folder's files: each edit is written in the
//! canonical style in memory, checked and typeset as `watch` does (Typst's
//! caches kept between edits), and "Simpan" writes the changed files.
//!
//! Safe by default: it listens on 127.0.0.1 only; every request must carry
//! the random token of the printed address; a request whose Host or
//! Origin is not this server's is refused (DNS rebinding, other sites);
//! request bodies are bounded; only the files the folder had when it was
//! opened are read or written; a build that fails or panics is reported
//! in the page, and the server goes on.

pub(crate) mod ruang;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use typst_layout::PagedDocument;

use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::ServeArgs;
use ruang::{Pratinjau, Ruang, Simpan};

/// The largest request body: a Lampiran file of the largest size renaksi
/// reads (4 MiB of YAML) is about one and a half times that as JSON.
pub(crate) const MAX_BODY: usize = 8 * 1024 * 1024;

/// The page, its style and its script, embedded.
pub(crate) const HTML: &str = include_str!("editor.html");
pub(crate) const CSS: &str = include_str!("editor.css");
pub(crate) const JS: &str = include_str!("editor.js");

/// Header carrying the token on API requests.
const TOKEN_HEADER: &str = "x-renaksi-token";

/// Shared between requests.
struct Server {
    /// The random token every request must carry.
    token: String,
    /// `host:port` values a request's Host may have.
    hosts: Vec<String>,
    /// The port, and whether the server listens beyond this computer:
    /// then a Host that is an IP address with this port is accepted too
    /// (DNS rebinding needs a name; an address cannot be rebound).
    port: u16,
    jaringan: bool,
    /// The folder and what was last computed from it.
    keadaan: Mutex<Keadaan>,
}

pub(crate) struct Keadaan {
    pub(crate) ruang: Ruang,
    /// The last typeset document, for its pages.
    pub(crate) dokumen: Option<Arc<PagedDocument>>,
    /// The report the last typeset document was made for, to export it.
    pub(crate) laporan: Option<renaksi::content::Report>,
    /// Goes up with each build, so the browser asks for fresh pages.
    pub(crate) versi: u64,
}

/// Starts the server and serves until interrupted.
pub fn run(args: &ServeArgs) -> Result<(), Error> {
    let (dir, batch) = match Sasaran::pilih(args.dir.as_deref()) {
        Sasaran::Laporan(dir) => (dir, false),
        Sasaran::Batch(dir) => (dir, true),
        Sasaran::Contoh => {
            return Err(Error::Usage {
                message: format!(
                    "tidak ada laporan untuk disunting: folder ini tidak berisi {} atau {}",
                    renaksi::content::LAPORAN,
                    renaksi::content::KABUPATEN
                ),
                hint: "sebut folder laporannya (`renaksi serve FOLDER`), atau buat dulu \
                       dengan `renaksi init FOLDER`"
                    .into(),
            })
        }
    };
    let ruang = Ruang::open(&dir, batch)?;
    let ip = args.alamat.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tidak dapat memulai server", &dir, e))?;
    runtime.block_on(serve(args, dir, ruang, ip))
}

async fn serve(args: &ServeArgs, dir: PathBuf, ruang: Ruang, ip: IpAddr) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, args.port))
        .await
        .map_err(|e| {
            Error::io(
                "tidak dapat membuka port",
                PathBuf::from(format!("{ip}:{}", args.port)),
                e,
            )
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("tidak dapat membuka port", &dir, e))?
        .port();
    let hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    let shown = match ip {
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        IpAddr::V4(v4) => format!("{v4}:{port}"),
    };
    if !ip.is_loopback() {
        eprintln!(
            "peringatan: editor terbuka bagi komputer lain di jaringan ({shown}); siapa pun yang \
             memegang alamat bertoken di bawah dapat mengubah laporan. Gunakan hanya di jaringan \
             kantor yang tepercaya."
        );
    }
    let token = token()?;
    let server = Arc::new(Server {
        token,
        hosts,
        port,
        jaringan: !ip.is_loopback(),
        keadaan: Mutex::new(Keadaan {
            ruang,
            dokumen: None,
            laporan: None,
            versi: 0,
        }),
    });
    let url = match ip {
        ip if ip.is_loopback() || ip.is_unspecified() => {
            format!("http://127.0.0.1:{port}/?t={}", server.token)
        }
        _ => format!("http://{shown}/?t={}", server.token),
    };
    println!("editor laporan {}: {url}", super::folder::shown(&dir));
    eprintln!("buka alamat itu di peramban; hentikan dengan Ctrl+C");
    if args.buka {
        buka(&url);
    }
    let app = Router::new()
        .route("/", get(halaman))
        .route("/api/ruang", get(ruang_json))
        .route("/api/ubah", post(ubah))
        .route("/api/periksa", post(periksa))
        .route("/api/realisasi-baru", post(realisasi_baru))
        .route("/api/pegawai-baru", post(pegawai_baru))
        .route("/api/lkjip-baru", post(lkjip_baru))
        .route("/api/halaman", get(svg))
        .route("/api/perubahan", get(perubahan))
        .route("/api/simpan", post(simpan))
        .route("/api/status", get(status))
        .route("/api/muat-ulang", post(muat_ulang))
        .fallback(tidak_ada)
        .method_not_allowed_fallback(tidak_ada)
        .layer(middleware::from_fn_with_state(server.clone(), jaga))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(server);
    axum::serve(listener, app)
        .await
        .map_err(|e| Error::io("server berhenti", &dir, e))
}

/// 128 random bits from the operating system, as hex.
fn token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::io(
            "tidak dapat membuat token acak",
            PathBuf::from("getrandom"),
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens `url` in the system's browser; a failure is only reported.
fn buka(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    if command.arg(url).spawn().is_err() {
        eprintln!("peramban tidak dapat dibuka otomatis; buka alamat di atas secara manual");
    }
}

/// Refuses what is not from this server's own page: a foreign Host (a
/// DNS-rebinding name), a foreign Origin or a cross-site fetch, and any
/// request without the token.
async fn jaga(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !server.host_ok(host) {
        return tolak(format!(
            "alamat `{host}` bukan alamat editor ini; buka alamat yang dicetak `renaksi serve`"
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !origin.eq_ignore_ascii_case(&format!("http://{host}")) {
            return tolak(format!(
                "permintaan dari situs lain (`{origin}`) ditolak; editor hanya menerima permintaan dari halamannya sendiri"
            ));
        }
    }
    if headers
        .get("sec-fetch-site")
        .is_some_and(|s| s.as_bytes() == b"cross-site")
    {
        return tolak("permintaan dari situs lain ditolak".into());
    }
    let given = headers
        .get(TOKEN_HEADER)
        .and_then(|t| t.to_str().ok())
        .map(str::to_owned)
        .or_else(|| query_token(request.uri().query().unwrap_or("")));
    if !given.is_some_and(|t| same(t.as_bytes(), server.token.as_bytes())) {
        return tolak(
            "token tidak ada atau salah; buka alamat lengkap (dengan ?t=…) yang dicetak `renaksi serve`"
                .into(),
        );
    }
    let mut response = next.run(request).await;
    aman(response.headers_mut());
    response
}

/// The headers every answer of an editor carries: never cached, never
/// framed, never sniffed, no referrer.
pub(crate) fn aman(h: &mut axum::http::HeaderMap) {
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

fn query_token(query: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("t="))
        .map(str::to_owned)
}

/// Compares without stopping at the first difference.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn tolak(message: String) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("ditolak: {message}\n"),
    )
        .into_response()
}

impl Server {
    /// Whether `host` (a request's Host header) names this server.
    fn host_ok(&self, host: &str) -> bool {
        if self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return true;
        }
        self.jaringan
            && host
                .parse::<SocketAddr>()
                .is_ok_and(|a| a.port() == self.port)
    }

    /// The state, even after a build panicked while holding it.
    fn lock(&self) -> MutexGuard<'_, Keadaan> {
        self.keadaan.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs `work` off the async threads; a panic in it becomes an error
/// response and the server goes on.
async fn blocking<F>(server: Arc<Server>, work: F) -> Response
where
    F: FnOnce(&Server) -> Response + Send + 'static,
{
    match tokio::task::spawn_blocking(move || work(&server)).await {
        Ok(response) => response,
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(
                json!({"galat": "galat internal saat menyusun laporan; editor tetap berjalan, \
                       laporkan langkah yang memicunya"}),
            ),
        )
            .into_response(),
    }
}

/// A change refused because the page had not seen `files` as they are
/// now: another tab changed them.
pub(crate) fn basi(files: &[String], what: &str) -> Response {
    (
        StatusCode::CONFLICT,
        Json(json!({
            "galat": format!(
                "{what}: {} diubah di tab lain sejak halaman ini memuatnya; gabungkan suntingan Anda dengan versi terbaru, atau ambil versi terbaru lalu ulangi suntingan Anda",
                files.join(", ")
            ),
            "basi": files,
        })),
    )
        .into_response()
}

/// Any other address or method, answered in Indonesian.
async fn tidak_ada() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"galat": "alamat ini tidak ada di editor; buka alamat yang dicetak `renaksi serve`"})),
    )
        .into_response()
}

/// A JSON request body, refused in Indonesian when it is too large or not
/// the expected shape.
pub(crate) struct Masukan<T>(pub(crate) T);

impl<T, S> axum::extract::FromRequest<S> for Masukan<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| tak_terbaca(rejection.status()))?;
        // Counted before anything is decoded: each value decoded takes
        // tens of bytes, so ten megabytes of `0,` would take hundreds of
        // megabytes once decoded.
        if nilai_json(&bytes) > MAX_NILAI {
            let galat = format!(
                "permintaan memuat lebih dari {} nilai; berkas laporan sebesar apa pun memuat jauh lebih sedikit",
                renaksi::format::angka(MAX_NILAI as f64)
            );
            return Err((
                StatusCode::PAYLOAD_TOO_LARGE,
                Json(json!({ "galat": galat })),
            )
                .into_response());
        }
        serde_json::from_slice(&bytes)
            .map(Masukan)
            .map_err(|_| tak_terbaca(StatusCode::BAD_REQUEST))
    }
}

/// The most values a request may hold: a table of the largest size renaksi
/// reads has a few hundred thousand.
pub(crate) const MAX_NILAI: usize = 1_000_000;

/// How many JSON values `bytes` holds, about: the separators and openers
/// outside strings, counted without decoding.
pub(crate) fn nilai_json(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b',' | b'[' | b'{' | b':' => count += 1,
            _ => {}
        }
    }
    count
}

/// A query string, refused in Indonesian when it is not the expected
/// shape.
pub(crate) struct Tanya<T>(pub(crate) T);

impl<T, S> axum::extract::FromRequestParts<S> for Tanya<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Tanya(value)),
            Err(rejection) => Err(tak_terbaca(rejection.status())),
        }
    }
}

/// The answer to a request that cannot be read, by its status.
pub(crate) fn tak_terbaca(status: StatusCode) -> Response {
    let galat = if status == StatusCode::PAYLOAD_TOO_LARGE {
        format!(
            "permintaan terlalu besar (paling besar {}); berkas laporan paling besar {}",
            renaksi::fs::ukuran(MAX_BODY as u64),
            renaksi::fs::ukuran(renaksi::content::MAX_FILE_BYTES as u64)
        )
    } else {
        "permintaan tidak dapat dibaca (bukan JSON atau tidak sesuai bentuknya); muat ulang halaman editor".to_owned()
    };
    (status, Json(json!({ "galat": galat }))).into_response()
}

pub(crate) fn salah(err: &Error) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({"galat": err.to_string()})),
    )
        .into_response()
}

/// The editor page, with its style and script inlined, put together once.
async fn halaman() -> Response {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    html(PAGE.get_or_init(|| editor_page("")))
}

/// The editor page with its style and script inlined; `mode` is put on
/// its body (`server` for `renaksi server`).
pub(crate) fn editor_page(mode: &str) -> String {
    HTML.replace("/*CSS*/", CSS)
        .replace("/*JS*/", JS)
        .replace("{{VERSI}}", env!("CARGO_PKG_VERSION"))
        .replace("<body>", &format!("<body data-mode=\"{mode}\">"))
}

/// An HTML page of the editor, under its content security policy: its
/// own inline script and style only, talking to its own server only.
pub(crate) fn html(page: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                 img-src blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
                 frame-ancestors 'none'",
            ),
        ],
        page.to_owned(),
    )
        .into_response()
}

async fn ruang_json(State(server): State<Arc<Server>>) -> Response {
    Json(server.lock().ruang.to_json()).into_response()
}

#[derive(Deserialize)]
pub(crate) struct Ubah {
    pub(crate) berkas: String,
    nilai: Value,
    /// The version of the file the edit was made on.
    versi: u64,
    #[serde(default)]
    kecamatan: Option<String>,
    /// Typeset the monitoring report of this quarter instead.
    #[serde(default)]
    pub(crate) triwulan: Option<usize>,
    /// Typeset the Laporan Kinerja instead.
    #[serde(default)]
    pub(crate) lkjip: bool,
}

#[derive(Deserialize)]
pub(crate) struct Kec {
    #[serde(default)]
    kecamatan: Option<String>,
    #[serde(default)]
    pub(crate) triwulan: Option<usize>,
    #[serde(default)]
    pub(crate) lkjip: bool,
}

async fn ubah(State(server): State<Arc<Server>>, Masukan(body): Masukan<Ubah>) -> Response {
    blocking(server, move |s| ubah_di(&mut s.lock(), body)).await
}

/// Takes an edit into the workspace, then checks and typesets.
pub(crate) fn ubah_di(k: &mut Keadaan, body: Ubah) -> Response {
    match k.ruang.ubah(&body.berkas, body.nilai, body.versi) {
        Ok(_) => {}
        Err(ruang::Ubah::Basi(files)) => {
            return basi(
                &files,
                "suntingan terakhir Anda pada berkas itu tidak diterima",
            )
        }
        Err(ruang::Ubah::Galat(err)) => return salah(&err),
    }
    build(
        k,
        body.kecamatan.as_deref(),
        triwulan(body.triwulan),
        body.lkjip,
    )
}

async fn periksa(State(server): State<Arc<Server>>, Masukan(body): Masukan<Kec>) -> Response {
    blocking(server, move |s| periksa_di(&mut s.lock(), body)).await
}

/// Checks and typesets the report a request names.
pub(crate) fn periksa_di(k: &mut Keadaan, body: Kec) -> Response {
    build(
        k,
        body.kecamatan.as_deref(),
        triwulan(body.triwulan),
        body.lkjip,
    )
}

/// A quarter asked for, 1–4; anything else asks for the Rencana Aksi.
pub(crate) fn triwulan(n: Option<usize>) -> Option<usize> {
    n.filter(|n| (1..=4).contains(n))
}

#[derive(Deserialize)]
pub(crate) struct Baru {
    #[serde(default)]
    kecamatan: Option<String>,
    pub(crate) triwulan: usize,
}

/// Adds the form of a new quarter to the workspace (saved with the rest).
async fn realisasi_baru(
    State(server): State<Arc<Server>>,
    Masukan(body): Masukan<Baru>,
) -> Response {
    blocking(server, move |s| realisasi_baru_di(&mut s.lock(), body)).await
}

pub(crate) fn realisasi_baru_di(k: &mut Keadaan, body: Baru) -> Response {
    let Some(n) = triwulan(Some(body.triwulan)) else {
        return salah(&Error::Usage {
            message: format!("triwulan {} tidak ada", body.triwulan),
            hint: "pilih triwulan 1, 2, 3 atau 4".into(),
        });
    };
    buat(k, body.kecamatan.as_deref(), |ruang, kec| {
        ruang
            .realisasi_baru(kec, n)
            .map(|rel| json!({"berkas": rel}))
    })
}

/// Adds pegawai.yaml made from the Lampiran's officials to the workspace
/// (saved with the rest); when it is there, answers the people it lacks.
async fn pegawai_baru(State(server): State<Arc<Server>>, Masukan(body): Masukan<Kec>) -> Response {
    blocking(server, move |s| pegawai_baru_di(&mut s.lock(), body)).await
}

pub(crate) fn pegawai_baru_di(k: &mut Keadaan, body: Kec) -> Response {
    buat(k, body.kecamatan.as_deref(), |ruang, kec| {
        ruang
            .pegawai_baru(kec)
            .map(|(rel, usulan)| json!({"berkas": rel, "usulan": usulan}))
    })
}

/// Adds the forms of the Laporan Kinerja to the workspace (saved with the
/// rest).
async fn lkjip_baru(State(server): State<Arc<Server>>, Masukan(body): Masukan<Kec>) -> Response {
    blocking(server, move |s| lkjip_baru_di(&mut s.lock(), body)).await
}

pub(crate) fn lkjip_baru_di(k: &mut Keadaan, body: Kec) -> Response {
    buat(k, body.kecamatan.as_deref(), |ruang, kec| {
        ruang
            .lkjip_baru(kec)
            .map(|dibuat| json!({"berkas": dibuat}))
    })
}

/// Makes new files in the workspace with `buat` for the report of `kec`
/// (a name the batch does not have is refused); the answer is what `buat`
/// says, with the workspace as it now is.
fn buat(
    k: &mut Keadaan,
    kec: Option<&str>,
    buat: impl FnOnce(&mut Ruang, Option<&str>) -> Result<Value, Error>,
) -> Response {
    let kec = match k.ruang.kecamatan(kec) {
        Ok(kec) => kec.map(str::to_owned),
        Err(err) => return salah(&err),
    };
    match buat(&mut k.ruang, kec.as_deref()) {
        Ok(mut jawab) => {
            jawab["ruang"] = k.ruang.to_json();
            Json(jawab).into_response()
        }
        Err(err) => salah(&err),
    }
}

/// Checks and typesets the report of `kec`; the answer names the new
/// version of the pages.
pub(crate) fn build(
    k: &mut Keadaan,
    kec: Option<&str>,
    triwulan: Option<usize>,
    lkjip: bool,
) -> Response {
    let kec = match k.ruang.kecamatan(kec) {
        Ok(kec) => kec,
        Err(err) => return salah(&err),
    };
    let hasil: Pratinjau = k.ruang.periksa(kec, triwulan, lkjip);
    k.versi += 1;
    let halaman = hasil.dokumen.as_ref().map(|d| d.pages().len());
    // A report that does not load keeps the last pages on screen.
    if hasil.dokumen.is_some() {
        k.dokumen = hasil.dokumen;
        k.laporan = hasil.laporan;
    }
    Json(json!({
        "versi": k.versi,
        "temuan": hasil.temuan,
        "halaman": halaman,
        "teks_halaman": hasil.teks_halaman,
        "kotor": k.ruang.kotor(),
        "versi_berkas": k.ruang.versi(),
        "ms": hasil.ms,
        "realisasi": hasil.realisasi,
        "indikator": hasil.indikator,
    }))
    .into_response()
}

#[derive(Deserialize)]
pub(crate) struct Halaman {
    pub(crate) n: usize,
}

/// One page of the last typeset document as SVG.
async fn svg(State(server): State<Arc<Server>>, Tanya(q): Tanya<Halaman>) -> Response {
    let dokumen = server.lock().dokumen.clone();
    blocking(server, move |_| svg_di(dokumen.as_deref(), q.n)).await
}

/// Page `n` (from 1) of `dokumen` as SVG.
pub(crate) fn svg_di(dokumen: Option<&PagedDocument>, n: usize) -> Response {
    match dokumen.and_then(|d| d.pages().get(n.saturating_sub(1))) {
        Some(page) => (
            [(header::CONTENT_TYPE, "image/svg+xml")],
            typst_svg::svg(page, &typst_svg::SvgOptions::default()),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "halaman tidak ada").into_response(),
    }
}

async fn perubahan(State(server): State<Arc<Server>>, Tanya(q): Tanya<Kec>) -> Response {
    blocking(server, move |s| perubahan_di(&s.lock(), q)).await
}

pub(crate) fn perubahan_di(k: &Keadaan, q: Kec) -> Response {
    match k.ruang.kecamatan(q.kecamatan.as_deref()) {
        Ok(kec) => Json(k.ruang.perubahan(kec)).into_response(),
        Err(err) => salah(&err),
    }
}

#[derive(Deserialize)]
pub(crate) struct DasarSimpan {
    /// The version of each file as the page has it.
    pub(crate) versi: HashMap<String, u64>,
}

async fn simpan(
    State(server): State<Arc<Server>>,
    Masukan(body): Masukan<DasarSimpan>,
) -> Response {
    blocking(server, move |s| {
        let mut k = s.lock();
        match k.ruang.simpan(&body.versi) {
            Ok(ditulis) => Json(json!({"ditulis": ditulis})).into_response(),
            Err(err) => tak_disimpan(err, |files| {
                (
                    StatusCode::CONFLICT,
                    Json(json!({
                        "galat": format!(
                            "tidak disimpan: {} diubah di luar editor sejak dibuka; muat ulang untuk melihat versi di disk",
                            files.join(", ")
                        ),
                        "bentrok": files,
                    })),
                )
                    .into_response()
            }),
        }
    })
    .await
}

/// Why a save was refused, as an answer; a conflict with the disk
/// ([`Simpan::Bentrok`]) is answered by `bentrok`, in the caller's terms.
pub(crate) fn tak_disimpan(err: Simpan, bentrok: impl FnOnce(Vec<String>) -> Response) -> Response {
    let tolak = |galat: String| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({ "galat": galat })),
        )
            .into_response()
    };
    match err {
        Simpan::Basi(files) => basi(&files, "tidak disimpan"),
        Simpan::Bentrok(files) => bentrok(files),
        Simpan::BelumUtuh(files) => tolak(format!(
            "tidak disimpan: {} belum lengkap (lihat galat di Temuan, misalnya angka wajib yang kosong)",
            files.join(", ")
        )),
        Simpan::Ditolak(problems) => tolak(format!(
            "tidak disimpan: renaksi akan menolak isinya: {}",
            problems.join("; ")
        )),
        Simpan::Gagal(err) => salah(&err),
    }
}

async fn status(State(server): State<Arc<Server>>) -> Response {
    blocking(server, |s| status_di(&s.lock())).await
}

/// Files changed on disk or not saved, and every file's version.
pub(crate) fn status_di(k: &Keadaan) -> Response {
    Json(json!({
        "di_luar": k.ruang.di_luar(),
        "kotor": k.ruang.kotor(),
        "versi": k.ruang.versi(),
    }))
    .into_response()
}

/// Reads the folder again from disk; unsaved edits are dropped (the page
/// asks first).
async fn muat_ulang(State(server): State<Arc<Server>>) -> Response {
    blocking(server, |s| {
        let mut k = s.lock();
        let (root, batch) = k.ruang.folder();
        match Ruang::open(&root, batch) {
            Ok(ruang) => {
                k.ruang = ruang;
                Json(k.ruang.to_json()).into_response()
            }
            Err(err) => salah(&err),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(port: u16, jaringan: bool) -> Arc<Server> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022");
        Arc::new(Server {
            token: "t".into(),
            hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            port,
            jaringan,
            keadaan: Mutex::new(Keadaan {
                ruang: Ruang::open(&dir, false).unwrap(),
                dokumen: None,
                laporan: None,
                versi: 0,
            }),
        })
    }

    /// A build that panics while it holds the state is answered with an
    /// error, and the next request is served from the same state.
    #[tokio::test]
    async fn a_panicking_build_is_an_answer_and_the_server_goes_on() {
        let server = server(8000, false);
        let answer = blocking(server.clone(), |s| {
            let _held = s.lock();
            panic!("a defect while typesetting");
        })
        .await;
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(server.keadaan.is_poisoned());
        let answer = blocking(server.clone(), |s| build(&mut s.lock(), None, None, false)).await;
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(server.lock().versi, 1);
    }

    /// On the network an IP address with the server's port is its own
    /// name; a domain name never is, except localhost.
    #[test]
    fn hosts_a_request_may_name() {
        let local = server(8000, false);
        assert!(local.host_ok("127.0.0.1:8000"));
        assert!(local.host_ok("LOCALHOST:8000"));
        assert!(!local.host_ok("192.168.1.20:8000"));
        assert!(!local.host_ok("evil.example:8000"));
        assert!(!local.host_ok("127.0.0.1:8001"));
        assert!(!local.host_ok(""));
        let lan = server(8000, true);
        assert!(lan.host_ok("192.168.1.20:8000"));
        assert!(lan.host_ok("[fe80::1]:8000"));
        assert!(!lan.host_ok("192.168.1.20:9000"));
        assert!(!lan.host_ok("kantor.evil.example:8000"));
    }
}

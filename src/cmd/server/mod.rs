//! `renaksi server`: the editor of `renaksi serve` for a whole kabupaten.
//! One batch folder in a git repository, many users at once: each logs in
//! with an account (see [`akun`]), sees the kecamatan its role lets it
//! see, edits them in a workspace of its own session, and each save is one
//! git commit authored by it, with a message in the report's terms.
//!
//! Every route is declared with who may call it ([`Akses`]); one guard
//! ([`jaga`]) checks the Host, the Origin, the session, the CSRF token,
//! the kecamatan a request names and the file it changes before any
//! handler runs, and gives the handler an [`Izin`] it cannot run without.

pub mod akun;
pub(crate) mod repo;
mod sesi;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use renaksi::Error;

use super::serve::ruang::{Ruang, Simpan};
use super::serve::{self as editor, Keadaan, Masukan, Tanya};
use crate::cli::ServerArgs;
use akun::{Daftar, Pengguna};
use repo::Repo;
use sesi::{Boleh, Kumpulan, Penjaga};

/// The session cookie.
const COOKIE: &str = "renaksi_sesi";
/// The header the page sends its session's CSRF token in.
const CSRF_HEADER: &str = "x-renaksi-csrf";
/// The largest login request: a name and a password.
const MAX_MASUK: usize = 16 * 1024;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Akses {
    /// Anyone: the login page and the login itself.
    Publik,
    /// Anyone logged in.
    Masuk,
    /// Whoever may read the kecamatan the request names.
    Baca,
    /// Whoever may change the file the request names (in its kecamatan).
    Sunting,
    /// An operator of the kecamatan the request names: new files in it.
    Isi,
    /// Whoever may change something of the kecamatan: a save, whose
    /// files are each checked again.
    Simpan,
}

/// One kecamatan's workspace in one session.
pub struct Ruangan {
    keadaan: Mutex<Keadaan>,
    /// The commit HEAD named when the workspace last matched the disk.
    dibaca: Mutex<String>,
}

impl Ruangan {
    fn lock(&self) -> MutexGuard<'_, Keadaan> {
        self.keadaan.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Shared between requests.
struct Server {
    root: PathBuf,
    repo: Repo,
    /// The kecamatan folders of the batch, sorted.
    kecamatan: Vec<String>,
    /// The users file, read again when it changes.
    berkas_pengguna: PathBuf,
    pengguna: Mutex<(Option<SystemTime>, Arc<Daftar>)>,
    sesi: Mutex<Kumpulan>,
    penjaga: Penjaga,
    /// `host[:port]` values a request's Host may have.
    hosts: Vec<String>,
    https: bool,
    diam: Duration,
    /// Builds at once: one per core; more only take memory.
    bangun: tokio::sync::Semaphore,
}

/// What the guard found a request may do, given to its handler.
#[derive(Clone)]
pub struct Izin {
    login: String,
    pengguna: Pengguna,
    csrf: String,
    /// The kecamatan the request names, with this session's workspace.
    kec: Option<(String, Arc<Ruangan>)>,
}

impl Izin {
    /// The kecamatan named and this session's workspace of it; the guard
    /// gives one to every route that reads or changes a kecamatan.
    fn ruang(&self) -> Option<(String, Arc<Ruangan>)> {
        self.kec.clone()
    }
}

fn tanpa_kec() -> Response {
    galat(StatusCode::BAD_REQUEST, "kecamatan tidak disebut")
}

/// Starts the server and serves until stopped.
pub fn run(args: &ServerArgs) -> Result<(), Error> {
    let root = args.dir.clone();
    if !root.join(renaksi::content::KABUPATEN).is_file() {
        return Err(Error::Usage {
            message: format!(
                "{} bukan folder batch: tidak ada {}",
                root.display(),
                renaksi::content::KABUPATEN
            ),
            hint: "sebut folder yang berisi kabupaten.yaml dan satu folder per kecamatan".into(),
        });
    }
    let repo = Repo::buka(&root)?;
    let berkas_pengguna = match &args.pengguna {
        Some(p) => p.clone(),
        None => akun::berkas_bawaan(&root)?,
    };
    if berkas_pengguna.starts_with(&repo.puncak) {
        return Err(Error::Usage {
            message: format!(
                "berkas akun {} berada di dalam repositori laporan",
                berkas_pengguna.display()
            ),
            hint: "simpan berkas akun di luar repositori (bawaan: di sampingnya), agar hash sandi \
                   tidak ikut terkirim saat git push"
                .into(),
        });
    }
    // One server per repository: a second would commit under the first.
    let kunci_path = repo.puncak.join(".git").join("renaksi-server.lock");
    let kunci = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&kunci_path)
        .map_err(|e| Error::io("tidak dapat membuat kunci server", &kunci_path, e))?;
    if kunci.try_lock().is_err() {
        return Err(Error::Usage {
            message: format!(
                "server lain sudah menyajikan repositori {}",
                repo.puncak.display()
            ),
            hint: "hentikan server itu dulu; satu repositori dilayani satu server".into(),
        });
    }
    if let Some(status) = repo.bersihkan()? {
        eprintln!(
            "perubahan tanpa commit di folder batch disimpan ke `git stash` (lihat `git stash list`):\n{}",
            status.trim_end()
        );
    }
    let daftar = Daftar::baca(&berkas_pengguna)?;
    if daftar.pengguna.is_empty() {
        eprintln!(
            "peringatan: belum ada akun di {}; tambahkan dengan `renaksi pengguna tambah NAMA --peran admin`",
            berkas_pengguna.display()
        );
    }
    let kecamatan: Vec<String> = renaksi::content::discover(&root)?
        .iter()
        .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let ip = args.alamat.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tidak dapat memulai server", &root, e))?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let server = Server {
        root,
        repo,
        kecamatan,
        pengguna: Mutex::new((mtime(&berkas_pengguna), Arc::new(daftar))),
        berkas_pengguna,
        sesi: Mutex::new(Kumpulan::default()),
        penjaga: Penjaga::default(),
        hosts: Vec::new(),
        https: args.https,
        diam: Duration::from_secs(args.batas_diam * 60),
        bangun: tokio::sync::Semaphore::new(cores),
    };
    let result = runtime.block_on(serve(args, server, ip));
    drop(kunci);
    result
}

async fn serve(args: &ServerArgs, mut server: Server, ip: IpAddr) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, args.port))
        .await
        .map_err(|e| Error::io("tidak dapat membuka port", format!("{ip}:{}", args.port), e))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("tidak dapat membuka port", &server.root, e))?
        .port();
    server.hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    server
        .hosts
        .extend(args.host.iter().map(|h| h.to_ascii_lowercase()));
    let shown = match ip {
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
        IpAddr::V4(v4) => format!("{v4}:{port}"),
    };
    if !ip.is_loopback() && !args.https {
        eprintln!(
            "peringatan: server terbuka di jaringan ({shown}) tanpa https; sandi dan cookie sesi \
             terkirim tanpa enkripsi. Pasang reverse proxy dengan TLS di depannya (docs/server.md)."
        );
    }
    println!(
        "renaksi server {} ({} kecamatan): http://{shown}/",
        super::folder::shown(&server.root),
        server.kecamatan.len()
    );
    eprintln!(
        "akun: {}; hentikan dengan Ctrl+C",
        server.berkas_pengguna.display()
    );
    let server = Arc::new(server);
    let mut app = Router::new();
    for (path, _, route) in rute() {
        app = app.route(path, route);
    }
    let app = app
        .fallback(tidak_ada)
        .method_not_allowed_fallback(tidak_ada)
        .layer(middleware::from_fn_with_state(server.clone(), jaga))
        .layer(DefaultBodyLimit::max(editor::MAX_BODY))
        .with_state(server.clone());
    // Idle sessions are swept, so memory does not grow with logins.
    let sapu = server.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            sapu.sesi().sapu(sapu.diam);
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
    .map_err(|e| Error::io("server berhenti", &server.root, e))
}

/// Every route: its path, who may call it, and its handler.
fn rute() -> Vec<(&'static str, Akses, MethodRouter<Arc<Server>>)> {
    use Akses::*;
    vec![
        ("/", Masuk, get(halaman)),
        ("/masuk", Publik, get(halaman_masuk)),
        (
            "/api/masuk",
            Publik,
            post(masuk).layer(DefaultBodyLimit::max(MAX_MASUK)),
        ),
        ("/api/keluar", Masuk, post(keluar)),
        ("/api/saya", Masuk, get(saya)),
        ("/api/ruang", Baca, get(ruang_json)),
        ("/api/ubah", Sunting, post(ubah)),
        ("/api/periksa", Baca, post(periksa)),
        ("/api/realisasi-baru", Isi, post(realisasi_baru)),
        ("/api/pegawai-baru", Isi, post(pegawai_baru)),
        ("/api/lkjip-baru", Isi, post(lkjip_baru)),
        ("/api/halaman", Baca, get(svg)),
        ("/api/unduh", Baca, get(unduh)),
        ("/api/perubahan", Baca, get(perubahan)),
        ("/api/simpan", Simpan, post(simpan)),
        ("/api/status", Baca, get(status)),
        ("/api/muat-ulang", Baca, post(muat_ulang)),
        ("/api/riwayat", Baca, get(riwayat_json)),
        ("/riwayat", Baca, get(riwayat_halaman)),
    ]
}

/// The access a path was declared with.
fn akses_of(path: &str) -> Option<Akses> {
    static PETA: std::sync::OnceLock<HashMap<&'static str, Akses>> = std::sync::OnceLock::new();
    PETA.get_or_init(|| rute().into_iter().map(|(p, a, _)| (p, a)).collect())
        .get(path)
        .copied()
}

/// Whether `pengguna` may make a request of access `akses` naming
/// kecamatan `kec` and (for a change) the file `berkas`. The one place
/// roles meet routes; tested for every route, role and kecamatan.
pub fn boleh(akses: Akses, pengguna: &Pengguna, kec: Option<&str>, berkas: Option<&str>) -> bool {
    match akses {
        Akses::Publik | Akses::Masuk => true,
        Akses::Baca => kec.is_some_and(|k| pengguna.boleh_baca(k)),
        Akses::Sunting => match (kec, berkas) {
            (Some(k), Some(b)) => {
                let di_sini = !b.contains('/') || b.split_once('/').is_some_and(|(x, _)| x == k);
                pengguna.boleh_baca(k) && di_sini && pengguna.boleh_ubah(b)
            }
            _ => false,
        },
        Akses::Isi => kec.is_some_and(|k| pengguna.boleh_ubah(&format!("{k}/laporan.yaml"))),
        Akses::Simpan => {
            kec.is_some_and(|k| pengguna.boleh_baca(k) && pengguna.boleh_ubah_kecamatan(k))
        }
    }
}

impl Server {
    fn sesi(&self) -> MutexGuard<'_, Kumpulan> {
        self.sesi.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The accounts, read again when the users file changed.
    fn daftar(&self) -> Arc<Daftar> {
        let mut p = self.pengguna.lock().unwrap_or_else(|e| e.into_inner());
        let now = mtime(&self.berkas_pengguna);
        if now != p.0 {
            match Daftar::baca(&self.berkas_pengguna) {
                Ok(d) => *p = (now, Arc::new(d)),
                Err(err) => {
                    eprintln!("berkas akun tidak dapat dibaca, akun lama tetap dipakai: {err}")
                }
            }
        }
        p.1.clone()
    }

    fn host_ok(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    fn asal(&self, host: &str) -> String {
        format!("{}://{host}", if self.https { "https" } else { "http" })
    }

    /// This session's workspace of `kec`, opened when it has none.
    fn ruangan(&self, key: &str, kec: &str) -> Result<Arc<Ruangan>, Option<Error>> {
        if let Some(s) = self.sesi().cari(key, self.diam, false) {
            if let Some(i) = s.ruang.iter().position(|(k, _)| k == kec) {
                let r = s.ruang.remove(i);
                let out = r.1.clone();
                s.ruang.push(r);
                return Ok(out);
            }
        }
        let head = self.repo.head()?;
        let ruang = Ruang::open_kecamatan(&self.root, kec)?;
        let baru = Arc::new(Ruangan {
            keadaan: Mutex::new(Keadaan {
                ruang,
                dokumen: None,
                laporan: None,
                versi: 0,
            }),
            dibaca: Mutex::new(head),
        });
        let mut sesi = self.sesi();
        // The session ended while the workspace was read.
        let Some(s) = sesi.cari(key, self.diam, false) else {
            return Err(None);
        };
        if let Some((_, r)) = s.ruang.iter().find(|(k, _)| k == kec) {
            return Ok(r.clone());
        }
        if s.ruang.len() >= sesi::RUANG_PER_SESI {
            s.ruang.remove(0);
        }
        s.ruang.push((kec.to_owned(), baru.clone()));
        Ok(baru)
    }
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The guard every request passes: Host, Origin, route, session, CSRF,
/// and the kecamatan and file it names against the user's role.
async fn jaga(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
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
    let h = response.headers_mut();
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
    if server.https {
        h.insert(
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

fn cookie(headers: &HeaderMap) -> Option<String> {
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
fn belum_masuk(halaman: bool) -> Response {
    if halaman {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, "/masuk")]).into_response();
    }
    galat(
        StatusCode::UNAUTHORIZED,
        "belum masuk atau sesi berakhir; masuk lagi",
    )
}

fn galat(status: StatusCode, pesan: &str) -> Response {
    (status, Json(json!({ "galat": pesan }))).into_response()
}

async fn tidak_ada() -> Response {
    galat(StatusCode::NOT_FOUND, "alamat ini tidak ada di server")
}

/// Runs `work` off the async threads; a panic is an error answer.
async fn blocking<F>(work: F) -> Response
where
    F: FnOnce() -> Response + Send + 'static,
{
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        galat(
            StatusCode::INTERNAL_SERVER_ERROR,
            "galat internal saat menyusun laporan; server tetap berjalan",
        )
    })
}

/// A build, one per core at once.
async fn bangun<F>(server: &Server, work: F) -> Response
where
    F: FnOnce() -> Response + Send + 'static,
{
    let _izin = server.bangun.acquire().await;
    blocking(work).await
}

// --- pages and login ---------------------------------------------------

async fn halaman() -> Response {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    editor::html(PAGE.get_or_init(|| editor::editor_page("server")))
}

const MASUK_HTML: &str = include_str!("masuk.html");

async fn halaman_masuk() -> Response {
    editor::html(MASUK_HTML)
}

#[derive(Deserialize)]
struct Masuk {
    nama: String,
    sandi: String,
}

async fn masuk(
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
    let cocok = tokio::task::spawn_blocking(move || akun::cocok(&sandi, &phc))
        .await
        .unwrap_or(false);
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

async fn keluar(
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

async fn saya(State(server): State<Arc<Server>>, Extension(izin): Extension<Izin>) -> Response {
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
        "csrf": izin.csrf,
    }))
    .into_response()
}

// --- the editor's API, on this session's workspace ----------------------

async fn ruang_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let Some((_, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    let nama = server
        .root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    blocking(move || {
        let mut v = r.lock().ruang.to_json();
        // The folder's name, not where it lies on the server.
        v["nama"] = json!(nama);
        Json(v).into_response()
    })
    .await
}

#[derive(Deserialize)]
struct Ubah {
    berkas: String,
    nilai: Value,
    versi: u64,
    #[serde(default)]
    triwulan: Option<usize>,
    #[serde(default)]
    lkjip: bool,
}

async fn ubah(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Ubah>,
) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    bangun(&server, move || {
        let mut k = r.lock();
        match k.ruang.ubah(&body.berkas, body.nilai, body.versi) {
            Ok(_) => {}
            Err(super::serve::ruang::Ubah::Basi(files)) => {
                return editor::basi(
                    &files,
                    "suntingan terakhir Anda pada berkas itu tidak diterima",
                )
            }
            Err(super::serve::ruang::Ubah::Galat(err)) => return editor::salah(&err),
        }
        editor::build(
            &mut k,
            Some(&kec),
            editor::triwulan(body.triwulan),
            body.lkjip,
        )
    })
    .await
}

#[derive(Deserialize)]
struct Pratinjau {
    #[serde(default)]
    triwulan: Option<usize>,
    #[serde(default)]
    lkjip: bool,
}

async fn periksa(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Pratinjau>,
) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    bangun(&server, move || {
        editor::build(
            &mut r.lock(),
            Some(&kec),
            editor::triwulan(body.triwulan),
            body.lkjip,
        )
    })
    .await
}

#[derive(Deserialize)]
struct Baru {
    #[serde(default)]
    triwulan: usize,
}

async fn realisasi_baru(
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Baru>,
) -> Response {
    buat(izin, move |ruang, kec| {
        let n = editor::triwulan(Some(body.triwulan)).ok_or_else(|| Error::Usage {
            message: format!("triwulan {} tidak ada", body.triwulan),
            hint: "pilih triwulan 1, 2, 3 atau 4".into(),
        })?;
        ruang
            .realisasi_baru(Some(kec), n)
            .map(|rel| json!({"berkas": rel}))
    })
    .await
}

async fn pegawai_baru(Extension(izin): Extension<Izin>) -> Response {
    buat(izin, |ruang, kec| {
        ruang
            .pegawai_baru(Some(kec))
            .map(|(rel, usulan)| json!({"berkas": rel, "usulan": usulan}))
    })
    .await
}

async fn lkjip_baru(Extension(izin): Extension<Izin>) -> Response {
    buat(izin, |ruang, kec| {
        ruang
            .lkjip_baru(Some(kec))
            .map(|dibuat| json!({"berkas": dibuat}))
    })
    .await
}

async fn buat(
    izin: Izin,
    buat: impl FnOnce(&mut Ruang, &str) -> Result<Value, Error> + Send + 'static,
) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    blocking(move || {
        let mut k = r.lock();
        match buat(&mut k.ruang, &kec) {
            Ok(mut jawab) => {
                jawab["ruang"] = k.ruang.to_json();
                Json(jawab).into_response()
            }
            Err(err) => editor::salah(&err),
        }
    })
    .await
}

#[derive(Deserialize)]
struct Halaman {
    n: usize,
}

async fn svg(Extension(izin): Extension<Izin>, Tanya(q): Tanya<Halaman>) -> Response {
    let Some((_, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    let dokumen = r.lock().dokumen.clone();
    blocking(move || {
        match dokumen
            .as_ref()
            .and_then(|d| d.pages().get(q.n.saturating_sub(1)))
        {
            Some(page) => (
                [(header::CONTENT_TYPE, "image/svg+xml")],
                typst_svg::svg(page, &typst_svg::SvgOptions::default()),
            )
                .into_response(),
            None => galat(StatusCode::NOT_FOUND, "halaman tidak ada"),
        }
    })
    .await
}

/// The document last previewed, as the draft PDF the build makes.
async fn unduh(Extension(izin): Extension<Izin>) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    blocking(move || {
        let (dokumen, laporan) = {
            let k = r.lock();
            (k.dokumen.clone(), k.laporan.clone())
        };
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

async fn perubahan(Extension(izin): Extension<Izin>) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    blocking(move || Json(r.lock().ruang.perubahan(Some(&kec))).into_response()).await
}

#[derive(Deserialize)]
struct DasarSimpan {
    versi: HashMap<String, u64>,
}

/// Saves the workspace's changed files and commits them as one commit
/// authored by the user.
async fn simpan(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<DasarSimpan>,
) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
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
    if let Some(rel) = kotor.iter().find(|rel| !izin.pengguna.boleh_ubah(rel)) {
        return galat(
            StatusCode::FORBIDDEN,
            &format!("akun {} tidak boleh mengubah {rel}", izin.login),
        );
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
        Err(Simpan::Basi(files)) => editor::basi(&files, "tidak disimpan"),
        Err(Simpan::Bentrok(files)) => {
            // Another user saved these first: what changed in between, in
            // the report's terms, and by whom.
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
            (
                StatusCode::CONFLICT,
                Json(json!({
                    "galat": format!(
                        "tidak disimpan: {} diubah {}sejak Anda membukanya: {}. Muat ulang, lalu ulangi suntingan Anda",
                        files.join(", "),
                        if siapa.is_empty() { String::new() } else { format!("oleh {} ", siapa.join(", ")) },
                        if sejak.is_empty() { "lihat Riwayat".to_owned() } else { sejak.join("; ") }
                    ),
                    "bentrok": files,
                    "sejak": sejak,
                    "oleh": oleh,
                })),
            )
                .into_response()
        }
        Err(Simpan::BelumUtuh(files)) => galat(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "tidak disimpan: {} belum lengkap (lihat galat di Temuan)",
                files.join(", ")
            ),
        ),
        Err(Simpan::Ditolak(problems)) => galat(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "tidak disimpan: renaksi akan menolak isinya: {}",
                problems.join("; ")
            ),
        ),
        Err(Simpan::Gagal(err)) => editor::salah(&err),
    }
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

async fn status(Extension(izin): Extension<Izin>) -> Response {
    let Some((_, r)) = izin.ruang() else {
        return tanpa_kec();
    };
    blocking(move || {
        let k = r.lock();
        Json(json!({
            "di_luar": k.ruang.di_luar(),
            "kotor": k.ruang.kotor(),
            "versi": k.ruang.versi(),
        }))
        .into_response()
    })
    .await
}

async fn muat_ulang(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let Some((kec, r)) = izin.ruang() else {
        return tanpa_kec();
    };
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

// --- history ------------------------------------------------------------

fn riwayat(server: &Server, kec: &str) -> Result<Vec<repo::Catatan>, Error> {
    let paths = [
        format!("{kec}/"),
        renaksi::content::KABUPATEN.to_owned(),
        renaksi::content::NARASI.to_owned(),
    ];
    server.repo.riwayat(&paths, 200, None)
}

async fn riwayat_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let Some((kec, _)) = izin.ruang() else {
        return tanpa_kec();
    };
    blocking(move || match riwayat(&server, &kec) {
        Ok(c) => Json(json!({"kecamatan": kec, "commit": c})).into_response(),
        Err(err) => editor::salah(&err),
    })
    .await
}

async fn riwayat_halaman(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let Some((kec, _)) = izin.ruang() else {
        return tanpa_kec();
    };
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
    let e = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use akun::Peran;

    fn akun(peran: Peran, kec: &[&str]) -> Pengguna {
        Pengguna {
            nama: "x".into(),
            email: "x@y".into(),
            peran,
            kecamatan: kec.iter().map(|k| k.to_string()).collect(),
            sandi: String::new(),
        }
    }

    /// Every route × every role × its own and another kecamatan: only
    /// the operator of a kecamatan changes it, only the admin the shared
    /// files, and nobody reads a kecamatan it is not given.
    #[test]
    fn every_route_every_role_own_and_other_kecamatan() {
        let peran = [
            ("operator", akun(Peran::Operator, &["sawan"])),
            ("verifikator", akun(Peran::Verifikator, &[])),
            ("admin", akun(Peran::Admin, &[])),
            ("pimpinan", akun(Peran::Pimpinan, &[])),
        ];
        let mut seen = 0;
        for (path, akses, _) in rute() {
            for (nama, p) in &peran {
                for kec in ["sawan", "tejakula"] {
                    for berkas in [
                        format!("{kec}/laporan.yaml"),
                        "sawan/laporan.yaml".into(),
                        "kabupaten.yaml".into(),
                    ] {
                        let got = boleh(akses, p, Some(kec), Some(&berkas));
                        let own = *nama == "operator" && kec == "sawan";
                        let reads = *nama != "operator" || own;
                        let want = match akses {
                            Akses::Publik | Akses::Masuk => true,
                            Akses::Baca => reads,
                            Akses::Sunting => {
                                (own && berkas.starts_with("sawan/"))
                                    || (*nama == "admin" && berkas == "kabupaten.yaml")
                            }
                            Akses::Isi => own,
                            Akses::Simpan => own || *nama == "admin",
                        };
                        assert_eq!(got, want, "{path} {nama} {kec} {berkas}");
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 100);
        // No kecamatan named: nothing but the pages of a login.
        for (_, akses, _) in rute() {
            if !matches!(akses, Akses::Publik | Akses::Masuk) {
                assert!(!boleh(akses, &peran[2].1, None, None));
            }
        }
    }

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

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

/// In a handler: the kecamatan the request named and this session's
/// workspace of it, as the guard gave them in its [`Izin`]; else the
/// handler answers 400.
macro_rules! ruang {
    ($izin:expr) => {
        match $izin.ruang() {
            Some(x) => x,
            None => {
                return $crate::cmd::server::galat(
                    axum::http::StatusCode::BAD_REQUEST,
                    "kecamatan tidak disebut",
                )
            }
        }
    };
}

pub mod akun;
pub mod alur;
mod api;
mod dasbor;
mod jaga;
mod masuk;
pub(crate) mod repo;
mod riwayat;
mod sesi;
mod surel;
mod tinjau;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::json;

use renaksi::Error;

use super::serve::ruang::Ruang;
use super::serve::{self as editor, Keadaan};
use crate::cli::ServerArgs;
use akun::{Daftar, Pengguna};
use repo::Repo;
use sesi::{Kumpulan, Penjaga};

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
    /// A verifikator (who reads every kecamatan): review comments.
    Tinjau,
}

/// One kecamatan's workspace in one session.
pub struct Ruangan {
    keadaan: Mutex<Keadaan>,
    /// The document last previewed (quarter, LKjIP), to typeset it again
    /// when its pages were let go to bound memory.
    pratinjau: Mutex<(Option<usize>, bool)>,
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
    /// The batch folder's own name, shown in the page.
    nama: String,
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
    /// Password checks at once, one per core.
    sandi: tokio::sync::Semaphore,
    /// What the dashboard computed of each kecamatan.
    dasbor: dasbor::Dasbor,
    /// The workspaces holding typeset pages, the one typeset last first:
    /// past [`DOKUMEN_DISIMPAN`], the oldest lets its pages go.
    dokumen: Mutex<std::collections::VecDeque<std::sync::Weak<Ruangan>>>,
    /// Where e-mail notices go out, if anywhere.
    smtp: Option<surel::Smtp>,
    /// The address users open, for links in notices.
    alamat_publik: String,
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
    let kecamatan: Vec<String> = renaksi::content::discover(&root)?
        .iter()
        .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for tag in tinjau::tag_yang_hilang(&root, &repo, &kecamatan)? {
        eprintln!("tag persetujuan yang hilang dibuat lagi: {tag}");
    }
    if daftar.pengguna.is_empty() {
        eprintln!(
            "peringatan: belum ada akun di {}; tambahkan dengan `renaksi pengguna tambah NAMA --peran admin`",
            berkas_pengguna.display()
        );
    }
    let ip = args.alamat.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    // Blocking work (builds, drawings, saves, git) on a bounded pool: each
    // thread of the allocator holds memory of its own.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(16)
        .enable_all()
        .build()
        .map_err(|e| Error::io("tidak dapat memulai server", &root, e))?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let nama = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let server = Server {
        nama,
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
        sandi: tokio::sync::Semaphore::new(cores),
        dasbor: dasbor::Dasbor::default(),
        dokumen: Mutex::new(std::collections::VecDeque::new()),
        smtp: args.smtp.clone().map(|alamat| surel::Smtp {
            alamat,
            dari: args.smtp_dari.clone(),
        }),
        alamat_publik: args
            .host
            .first()
            .map(|h| format!("{}://{h}", if args.https { "https" } else { "http" }))
            .unwrap_or_else(|| format!("http://127.0.0.1:{}", args.port)),
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
    dasbor::hangatkan(server.clone());
    let mut app = Router::new();
    for (path, _, route) in rute() {
        app = app.route(path, route);
    }
    let app = app
        .fallback(tidak_ada)
        .method_not_allowed_fallback(tidak_ada)
        .layer(middleware::from_fn_with_state(server.clone(), jaga::jaga))
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
        ("/", Masuk, get(masuk::halaman)),
        ("/masuk", Publik, get(masuk::halaman_masuk)),
        (
            "/api/masuk",
            Publik,
            post(masuk::masuk).layer(DefaultBodyLimit::max(masuk::MAX_MASUK)),
        ),
        ("/api/keluar", Masuk, post(masuk::keluar)),
        ("/api/saya", Masuk, get(masuk::saya)),
        (
            "/api/sandi",
            Masuk,
            post(masuk::sandi).layer(DefaultBodyLimit::max(masuk::MAX_MASUK)),
        ),
        ("/api/ruang", Baca, get(api::ruang_json)),
        ("/api/ubah", Sunting, post(api::ubah)),
        ("/api/periksa", Baca, post(api::periksa)),
        ("/api/realisasi-baru", Isi, post(api::realisasi_baru)),
        ("/api/pegawai-baru", Isi, post(api::pegawai_baru)),
        ("/api/lkjip-baru", Isi, post(api::lkjip_baru)),
        ("/api/halaman", Baca, get(api::svg)),
        ("/api/unduh", Baca, get(api::unduh)),
        ("/api/perubahan", Baca, get(api::perubahan)),
        ("/api/simpan", Simpan, post(api::simpan)),
        ("/api/status", Baca, get(api::status)),
        ("/api/muat-ulang", Baca, post(api::muat_ulang)),
        ("/api/riwayat", Baca, get(riwayat::riwayat_json)),
        ("/api/alur", Baca, get(tinjau::alur_json)),
        // Who may make which move is decided by the states' own table
        // (alur::pindah); reading the kecamatan is the least it needs.
        ("/api/alur/gerak", Baca, post(tinjau::gerak)),
        ("/api/arsip", Baca, get(tinjau::arsip)),
        ("/api/sejak-disetujui", Baca, get(tinjau::sejak_disetujui)),
        ("/api/komentar", Baca, get(tinjau::komentar_json)),
        // Each user sees the rows of the kecamatan it may read.
        ("/dasbor", Masuk, get(dasbor::dasbor_halaman)),
        ("/api/dasbor", Masuk, get(dasbor::dasbor_json)),
        ("/api/dasbor.csv", Masuk, get(dasbor::dasbor_csv)),
        ("/api/dasbor.xlsx", Masuk, get(dasbor::dasbor_xlsx)),
        ("/api/komentar/baru", Tinjau, post(tinjau::komentar_baru)),
        ("/api/komentar/jawab", Isi, post(tinjau::komentar_jawab)),
        ("/riwayat", Baca, get(riwayat::riwayat_halaman)),
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
        Akses::Tinjau => kec.is_some() && pengguna.peran == akun::Peran::Verifikator,
    }
}

/// Typeset documents kept in memory at once, across all sessions (each is
/// about ten megabytes for a thirty-page report): a page asked for of one
/// let go is typeset again (tens of milliseconds).
pub const DOKUMEN_DISIMPAN: usize = 16;

impl Server {
    /// Notes that `r` now holds typeset pages; the workspace that typeset
    /// longest ago beyond [`DOKUMEN_DISIMPAN`] lets its pages go (one in
    /// use at this moment is skipped, and asked again next time).
    fn catat_dokumen(&self, r: &Arc<Ruangan>) {
        let mut antre = self.dokumen.lock().unwrap_or_else(|e| e.into_inner());
        antre.retain(|w| w.upgrade().is_some_and(|x| !Arc::ptr_eq(&x, r)));
        antre.push_front(Arc::downgrade(r));
        while antre.len() > DOKUMEN_DISIMPAN {
            let Some(lama) = antre.pop_back() else { break };
            if let Some(lama) = lama.upgrade() {
                if let Ok(mut k) = lama.keadaan.try_lock() {
                    k.dokumen = None;
                    k.laporan = None;
                }
            }
        }
    }

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
            pratinjau: Mutex::new((None, false)),
        });
        let mut sesi = self.sesi();
        // The session ended while the workspace was read.
        let Some(s) = sesi.cari(key, self.diam, false) else {
            return Err(None);
        };
        if let Some((_, r)) = s.ruang.iter().find(|(k, _)| k == kec) {
            return Ok(r.clone());
        }
        // The workspace used longest ago goes, when it holds no unsaved
        // edit (one in use now is not looked into): an edit is never
        // dropped to make room.
        if s.ruang.len() >= sesi::RUANG_PER_SESI {
            let bersih = s.ruang.iter().position(|(_, r)| {
                r.keadaan
                    .try_lock()
                    .is_ok_and(|k| k.ruang.kotor().is_empty())
            });
            if let Some(i) = bersih {
                s.ruang.remove(i);
            }
        }
        s.ruang.push((kec.to_owned(), baru.clone()));
        Ok(baru)
    }
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `s` as text in an HTML page.
pub fn html_aman(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn galat(status: StatusCode, pesan: &str) -> Response {
    (status, Json(json!({ "galat": pesan }))).into_response()
}

pub async fn tidak_ada() -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;
    use akun::Peran;

    fn akun(peran: Peran, kec: &[&str]) -> Pengguna {
        Pengguna::contoh(peran, kec)
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
                            Akses::Tinjau => *nama == "verifikator",
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
}

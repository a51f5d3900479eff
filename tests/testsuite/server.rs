//! `renaksi server` and `renaksi pengguna` through HTTP, request by
//! request: accounts beside the repository, login, sessions and CSRF,
//! every route refused for another kecamatan, one commit per save by its
//! user, a second save of the same file refused with what changed, hostile
//! requests, and a kill in the middle of saves. The pages themselves are
//! driven in Chromium by tests/browser/server.mjs; load by
//! bench/server-beban.py (a short run of it is here).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{copy_dir, git, http};

/// A batch folder in a git repository of its own, with the users file
/// beside it.
pub struct Kabupaten {
    _tmp: tempfile::TempDir,
    pub repo: PathBuf,
}

impl Kabupaten {
    pub fn baru() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("sakip");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022"),
            &repo,
        );
        git(&repo, &["init", "-q"]);
        git(&repo, &["add", "."]);
        git(
            &repo,
            &[
                "-c",
                "user.name=awal",
                "-c",
                "user.email=awal@x",
                "commit",
                "-qm",
                "awal",
            ],
        );
        let k = Kabupaten { _tmp: tmp, repo };
        k.pengguna(
            &[
                "tambah",
                "ketut",
                "--peran",
                "operator",
                "--kecamatan",
                "sawan",
                "--nama",
                "Ketut Sawan",
                "--email",
                "ketut@sawan.example",
            ],
            "sandi-ketut-sawan",
        );
        k.pengguna(
            &[
                "tambah",
                "wayan",
                "--peran",
                "operator",
                "--kecamatan",
                "tejakula",
                "--nama",
                "Wayan Tejakula",
                "--email",
                "wayan@tejakula.example",
            ],
            "sandi-wayan-tejakula",
        );
        k.pengguna(
            &[
                "tambah",
                "made",
                "--peran",
                "verifikator",
                "--nama",
                "Made Verifikator",
                "--email",
                "made@kab.example",
            ],
            "sandi-made-verif",
        );
        k.pengguna(
            &[
                "tambah",
                "admin",
                "--peran",
                "admin",
                "--nama",
                "Admin Kabupaten",
                "--email",
                "admin@kab.example",
            ],
            "sandi-admin-kabupaten",
        );
        k
    }

    pub fn berkas_pengguna(&self) -> PathBuf {
        self.repo.with_file_name("sakip.pengguna.yaml")
    }

    /// `renaksi pengguna ARGS` with `sandi` on standard input.
    pub fn pengguna(&self, args: &[&str], sandi: &str) -> (i32, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_renaksi"))
            .arg("pengguna")
            .args(args)
            .arg("--folder")
            .arg(&self.repo)
            .env_remove("RENAKSI_PENGGUNA")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{sandi}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    }

    pub fn head(&self) -> String {
        git(&self.repo, &["rev-parse", "HEAD"]).trim().to_owned()
    }

    pub fn bersih(&self) -> bool {
        git(&self.repo, &["status", "--porcelain"])
            .trim()
            .is_empty()
    }
}

/// A running `renaksi server`.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(k: &Kabupaten) -> Self {
        Self::start_dengan(k, &[])
    }

    /// Started with the extra arguments `args`.
    pub fn start_dengan(k: &Kabupaten, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_renaksi"))
            .args(["server", "--port", "0"])
            .args(args)
            .arg(&k.repo)
            .env_remove("RENAKSI_PENGGUNA")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .rsplit("127.0.0.1:")
            .next()
            .and_then(|r| r.trim().trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no address printed: {line:?}"));
        Server { child, port }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn bunuh(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Logs `nama` in; its session.
    pub fn masuk(&self, nama: &str, sandi: &str) -> Sesi {
        let (status, headers, body) = self.kirim(
            "POST",
            "/api/masuk",
            &[],
            json!({"nama": nama, "sandi": sandi}).to_string().as_bytes(),
        );
        assert_eq!(status, 200, "{nama}: {body}");
        let cookie = headers
            .lines()
            .find_map(|l| l.strip_prefix("set-cookie: "))
            .expect("a session cookie")
            .to_owned();
        for flag in ["httponly", "samesite=strict", "path=/"] {
            assert!(cookie.contains(flag), "{cookie}");
        }
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let mut sesi = Sesi {
            port: self.port,
            cookie,
            csrf: String::new(),
        };
        let (_, saya) = sesi.get("/api/saya");
        sesi.csrf = saya["csrf"].as_str().unwrap().to_owned();
        sesi
    }

    /// One request from the page's own origin; status, headers (lower-case
    /// names), body.
    pub fn kirim(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, String, String) {
        let origin = format!("http://127.0.0.1:{}", self.port);
        let mut all = vec![
            ("Origin", origin.as_str()),
            ("Content-Type", "application/json"),
        ];
        all.extend_from_slice(headers);
        http(
            self.port,
            method,
            path,
            &format!("127.0.0.1:{}", self.port),
            &all,
            body,
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.bunuh();
    }
}

/// One logged-in client.
#[derive(Clone)]
pub struct Sesi {
    port: u16,
    pub cookie: String,
    pub csrf: String,
}

impl Sesi {
    pub fn kirim_dengan(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        cookie: &str,
        csrf: &str,
    ) -> (u16, Value) {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let origin = format!("http://127.0.0.1:{}", self.port);
        let (status, _, text) = http(
            self.port,
            method,
            path,
            &format!("127.0.0.1:{}", self.port),
            &[
                ("Origin", &origin),
                ("Content-Type", "application/json"),
                ("Cookie", cookie),
                ("X-Renaksi-Csrf", csrf),
            ],
            &bytes,
        );
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        self.kirim_dengan("GET", path, None, &self.cookie, &self.csrf)
    }

    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.kirim_dengan("POST", path, Some(body), &self.cookie, &self.csrf)
    }

    /// The workspace of `kec`.
    pub fn ruang(&self, kec: &str) -> Value {
        let (status, r) = self.get(&format!("/api/ruang?kecamatan={kec}"));
        assert_eq!(status, 200, "{r}");
        r
    }

    /// Edits one file of `kec` with `edit` and saves; the answer of the
    /// first request refused, or of the save.
    pub fn ubah_simpan_coba(
        &self,
        kec: &str,
        rel: &str,
        edit: impl FnOnce(&mut Value),
    ) -> (u16, Value) {
        let ruang = self.ruang(kec);
        let b = &ruang["berkas"][rel];
        let mut nilai = b["nilai"].clone();
        edit(&mut nilai);
        let (status, u) = self.post(
            "/api/ubah",
            &json!({"kecamatan": kec, "berkas": rel, "nilai": nilai, "versi": b["versi"]}),
        );
        if status != 200 {
            return (status, u);
        }
        self.post(
            "/api/simpan",
            &json!({"kecamatan": kec, "versi": u["versi_berkas"]}),
        )
    }

    /// Edits one file of `kec` with `edit` and saves; the save's answer.
    pub fn ubah_simpan(&self, kec: &str, rel: &str, edit: impl FnOnce(&mut Value)) -> (u16, Value) {
        let ruang = self.ruang(kec);
        let b = &ruang["berkas"][rel];
        let mut nilai = b["nilai"].clone();
        edit(&mut nilai);
        let (status, u) = self.post(
            "/api/ubah",
            &json!({"kecamatan": kec, "berkas": rel, "nilai": nilai, "versi": b["versi"]}),
        );
        assert_eq!(status, 200, "{u}");
        self.post(
            "/api/simpan",
            &json!({"kecamatan": kec, "versi": u["versi_berkas"]}),
        )
    }
}

const PROGRAM: &str = "lampiran/1-program.yaml";

/// The first monthly target of the first indicator of a program file.
fn target_juni(nilai: &mut Value) -> &mut Value {
    &mut nilai["pejabat"][0]["sasaran"][0]["indikator"][0]["bulan"]["juni"]
}

#[test]
fn accounts_live_beside_the_repository_hashed_and_logged() {
    let k = Kabupaten::baru();
    let file = k.berkas_pengguna();
    assert!(!file.starts_with(&k.repo));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("$argon2id$"), "{text}");
    assert!(!text.contains("sandi-ketut-sawan"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Weak passwords, a bad name, an operator without kecamatan: refused.
    let (code, out) = k.pengguna(
        &[
            "tambah",
            "nyoman",
            "--peran",
            "operator",
            "--kecamatan",
            "sawan",
        ],
        "pendek",
    );
    assert_ne!(code, 0);
    assert!(out.contains("terlalu pendek"), "{out}");
    let (code, out) = k.pengguna(
        &["tambah", "nyoman", "--peran", "operator"],
        "sandi-yang-cukup-panjang",
    );
    assert_ne!(code, 0);
    assert!(out.contains("belum diberi kecamatan"), "{out}");
    let (code, _) = k.pengguna(
        &["tambah", "Nyoman/../x", "--peran", "admin"],
        "sandi-yang-cukup-panjang",
    );
    assert_ne!(code, 0);
    // ubah with a new password, then hapus; each change logged.
    let (code, out) = k.pengguna(&["ubah", "made", "--sandi"], "sandi-made-yang-baru");
    assert_eq!(code, 0, "{out}");
    let (code, out) = k.pengguna(&["hapus", "wayan"], "");
    assert_eq!(code, 0, "{out}");
    let (_, daftar) = k.pengguna(&["daftar"], "");
    assert!(
        daftar.contains("ketut\toperator (sawan)") && !daftar.contains("wayan"),
        "{daftar}"
    );
    assert!(!daftar.contains("argon2"));
    let log = std::fs::read_to_string(file.with_file_name("sakip.pengguna.yaml.log")).unwrap();
    for line in [
        "tambah ketut peran=operator kecamatan=sawan",
        "ubah made peran=verifikator sandi=baru",
        "hapus wayan",
    ] {
        assert!(log.contains(line), "{log}");
    }
    assert!(!log.contains("sandi-"), "{log}");
    // Nothing of it is in the repository.
    assert!(k.bersih());
    // A users file inside the repository is refused by the server.
    let inside = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .args(["server", "--port", "0", "--pengguna"])
        .arg(k.repo.join("pengguna.yaml"))
        .arg(&k.repo)
        .output()
        .unwrap();
    assert_ne!(inside.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&inside.stderr).contains("di dalam repositori"));
}

/// Every route that reads or changes a kecamatan, asked by the operator
/// of Sawan about Tejakula (by name, by a file path of Tejakula, by a
/// path that climbs out), by a verifikator and a pimpinan-like reader for
/// changes, and without a session: each refused, and the repository as
/// it was.
#[test]
fn every_route_refuses_what_the_role_may_not_touch() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let admin = server.masuk("admin", "sandi-admin-kabupaten");
    let head = k.head();
    let teja = format!("tejakula/{PROGRAM}");
    let sawan = format!("sawan/{PROGRAM}");
    let nilai = json!({"tingkat": "program"});
    // (method, path, body) of every route naming a kecamatan, for `kec`.
    let semua = |kec: &str, rel: &str| -> Vec<(&'static str, String, Option<Value>)> {
        vec![
            ("GET", format!("/api/ruang?kecamatan={kec}"), None),
            (
                "POST",
                "/api/ubah".into(),
                Some(json!({"kecamatan": kec, "berkas": rel, "nilai": nilai, "versi": 1})),
            ),
            (
                "POST",
                "/api/periksa".into(),
                Some(json!({"kecamatan": kec})),
            ),
            (
                "POST",
                "/api/realisasi-baru".into(),
                Some(json!({"kecamatan": kec, "triwulan": 1})),
            ),
            (
                "POST",
                "/api/pegawai-baru".into(),
                Some(json!({"kecamatan": kec})),
            ),
            (
                "POST",
                "/api/lkjip-baru".into(),
                Some(json!({"kecamatan": kec})),
            ),
            ("GET", format!("/api/halaman?kecamatan={kec}&n=1"), None),
            ("GET", format!("/api/unduh?kecamatan={kec}"), None),
            ("GET", format!("/api/perubahan?kecamatan={kec}"), None),
            (
                "POST",
                "/api/simpan".into(),
                Some(json!({"kecamatan": kec, "versi": {}})),
            ),
            ("GET", format!("/api/status?kecamatan={kec}"), None),
            (
                "POST",
                "/api/muat-ulang".into(),
                Some(json!({"kecamatan": kec})),
            ),
            ("GET", format!("/api/riwayat?kecamatan={kec}"), None),
            ("GET", format!("/riwayat?kecamatan={kec}"), None),
        ]
    };
    // The operator of Sawan, about Tejakula: every route refused.
    for (method, path, body) in semua("tejakula", &teja) {
        let (status, answer) =
            ketut.kirim_dengan(method, &path, body.as_ref(), &ketut.cookie, &ketut.csrf);
        assert_eq!(status, 403, "{method} {path}: {answer}");
    }
    // ... naming its own kecamatan but a file of Tejakula, or a path out.
    for rel in [
        teja.as_str(),
        "sawan/../tejakula/laporan.yaml",
        "kabupaten.yaml",
        "../../etc/passwd",
        "/etc/passwd",
    ] {
        let (status, answer) = ketut.post(
            "/api/ubah",
            &json!({"kecamatan": "sawan", "berkas": rel, "nilai": nilai, "versi": 1}),
        );
        assert!(status == 403 || status == 422, "{rel}: {status} {answer}");
        assert_ne!(status, 200);
    }
    // A kecamatan that does not exist, or a path as its name.
    for kec in ["../tejakula", "sawan/..", "..", "nowhere"] {
        let (status, _) = ketut.get(&format!("/api/ruang?kecamatan={kec}"));
        assert_eq!(status, 404, "{kec}");
    }
    // The verifikator reads Tejakula and Sawan, and changes nothing.
    for (method, path, body) in semua("tejakula", &teja) {
        let (status, answer) =
            made.kirim_dengan(method, &path, body.as_ref(), &made.cookie, &made.csrf);
        let changes = matches!(
            path.as_str(),
            "/api/ubah"
                | "/api/realisasi-baru"
                | "/api/pegawai-baru"
                | "/api/lkjip-baru"
                | "/api/simpan"
        );
        if changes {
            assert_eq!(status, 403, "{method} {path}: {answer}");
        } else {
            assert_ne!(status, 403, "{method} {path}: {answer}");
        }
    }
    // The admin changes kabupaten.yaml, never a kecamatan's own files.
    let (status, _) = admin.post(
        "/api/ubah",
        &json!({"kecamatan": "sawan", "berkas": sawan, "nilai": nilai, "versi": 1}),
    );
    assert_eq!(status, 403);
    let (status, _) = admin.post(
        "/api/realisasi-baru",
        &json!({"kecamatan": "sawan", "triwulan": 1}),
    );
    assert_eq!(status, 403);
    // No session, or a made-up one: 401 for the API, the login page for pages.
    let anon = Sesi {
        port: server.port,
        cookie: String::new(),
        csrf: String::new(),
    };
    for (method, path, body) in semua("sawan", &sawan) {
        let (status, _) = anon.kirim_dengan(method, &path, body.as_ref(), "", "");
        assert!(status == 401 || status == 303, "{method} {path}: {status}");
        let palsu = format!("renaksi_sesi={}", "ab".repeat(32));
        let (status, _) = anon.kirim_dengan(method, &path, body.as_ref(), &palsu, "");
        assert!(status == 401 || status == 303, "{method} {path}: {status}");
    }
    let (status, headers, _) = server.kirim("GET", "/", &[], b"");
    assert_eq!(status, 303);
    assert!(headers.contains("location: /masuk"));
    assert_eq!(k.head(), head);
    assert!(k.bersih());
}

#[test]
fn every_save_is_one_commit_by_its_user_and_a_second_save_is_refused_with_what_changed() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let wayan = server.masuk("wayan", "sandi-wayan-tejakula");
    let rel = format!("sawan/{PROGRAM}");
    // Two sessions of Sawan: the operator in two browsers is one session
    // per user, so the second one here is the admin-made second operator.
    assert_eq!(
        k.pengguna(
            &[
                "tambah",
                "putu",
                "--peran",
                "operator",
                "--kecamatan",
                "sawan,kubutambahan",
                "--nama",
                "Putu Sawan",
                "--email",
                "putu@sawan.example"
            ],
            "sandi-putu-sawan-dua"
        )
        .0,
        0
    );
    let putu = server.masuk("putu", "sandi-putu-sawan-dua");
    // Putu opens Sawan before Ketut saves.
    let lama = putu.ruang("sawan");
    let (status, answer) = ketut.ubah_simpan("sawan", &rel, |v| *target_juni(v) = json!(45));
    assert_eq!(status, 200, "{answer}");
    let commit = answer["commit"].as_str().unwrap().to_owned();
    assert_eq!(k.head(), commit);
    let log = git(&k.repo, &["log", "-1", "--format=%an <%ae>|%cn|%s"]);
    assert!(
        log.starts_with("Ketut Sawan <ketut@sawan.example>|renaksi server|sawan: "),
        "{log}"
    );
    assert!(log.trim_end().ends_with("target Juni 40 → 45"), "{log}");
    assert_eq!(
        git(&k.repo, &["show", "--format=", "--name-only", "HEAD"]).trim(),
        format!("{rel}")
    );
    assert!(k.bersih());
    // Tejakula saves at the same time as nobody else: its own commit.
    let (status, answer) = wayan.ubah_simpan("tejakula", &format!("tejakula/{PROGRAM}"), |v| {
        *target_juni(v) = json!(41)
    });
    assert_eq!(status, 200, "{answer}");
    // Putu edits the Sawan it read before Ketut's save: refused, told what
    // changed in between and by whom; nothing written.
    let b = &lama["berkas"][&rel];
    let mut nilai = b["nilai"].clone();
    *target_juni(&mut nilai) = json!(50);
    let (status, u) = putu.post(
        "/api/ubah",
        &json!({"kecamatan": "sawan", "berkas": rel, "nilai": nilai, "versi": b["versi"]}),
    );
    assert_eq!(status, 200, "{u}");
    let head = k.head();
    let (status, answer) = putu.post(
        "/api/simpan",
        &json!({"kecamatan": "sawan", "versi": u["versi_berkas"]}),
    );
    assert_eq!(status, 409, "{answer}");
    let galat = answer["galat"].as_str().unwrap();
    assert!(galat.contains("Ketut Sawan"), "{galat}");
    assert!(galat.contains("40 → 45"), "{galat}");
    assert_eq!(k.head(), head);
    assert!(k.bersih());
    let on_disk = std::fs::read_to_string(k.repo.join(&rel)).unwrap();
    assert!(on_disk.contains("juni: 45"), "{on_disk}");
    // After reloading, Putu's save goes through as its own commit.
    let (status, _) = putu.post("/api/muat-ulang", &json!({"kecamatan": "sawan"}));
    assert_eq!(status, 200);
    let (status, answer) = putu.ubah_simpan("sawan", &rel, |v| *target_juni(v) = json!(50));
    assert_eq!(status, 200, "{answer}");
    // The history of Sawan in report terms: Putu, Ketut, the first commit;
    // Tejakula's commit is not in it.
    let (status, h) = ketut.get("/api/riwayat?kecamatan=sawan");
    assert_eq!(status, 200);
    let siapa: Vec<&str> = h["commit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["nama"].as_str().unwrap())
        .collect();
    assert_eq!(siapa, ["Putu Sawan", "Ketut Sawan", "awal"]);
    assert!(h["commit"][0]["pesan"]
        .as_str()
        .unwrap()
        .contains("45 → 50"));
    let (status, _, page) = http(
        server.port,
        "GET",
        "/riwayat?kecamatan=sawan",
        &format!("127.0.0.1:{}", server.port),
        &[("Cookie", &ketut.cookie)],
        b"",
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("Putu Sawan") && page.contains("target Juni 45 → 50"),
        "{page}"
    );
    // The draft PDF of what is previewed.
    let (status, _) = ketut.post("/api/periksa", &json!({"kecamatan": "sawan"}));
    assert_eq!(status, 200);
    let (status, headers, pdf) = http(
        server.port,
        "GET",
        "/api/unduh?kecamatan=sawan",
        &format!("127.0.0.1:{}", server.port),
        &[("Cookie", &ketut.cookie)],
        b"",
    );
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: application/pdf"));
    assert!(pdf.starts_with("%PDF-"));
}

#[test]
fn hostile_requests_are_refused_and_change_nothing() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let wayan = server.masuk("wayan", "sandi-wayan-tejakula");
    let head = k.head();
    let host = format!("127.0.0.1:{}", server.port);
    let ubah = json!({"kecamatan": "sawan", "berkas": format!("sawan/{PROGRAM}"), "nilai": {}, "versi": 1});
    // A foreign Origin, a foreign Host, a cross-site fetch, a change
    // without Origin.
    let asal = format!("http://{host}");
    let (cookie, csrf) = (
        ("Cookie", ketut.cookie.as_str()),
        ("X-Renaksi-Csrf", ketut.csrf.as_str()),
    );
    type Kasus<'a> = (&'a str, &'a str, &'a str, &'a str, Vec<(&'a str, &'a str)>);
    let cases: [Kasus; 4] = [
        (
            "Origin lain",
            "POST",
            "/api/periksa",
            &host,
            vec![("Origin", "http://evil.example"), cookie, csrf],
        ),
        (
            "Host lain",
            "GET",
            "/api/saya",
            "evil.example",
            vec![cookie],
        ),
        (
            "lintas situs",
            "POST",
            "/api/periksa",
            &host,
            vec![
                ("Origin", &asal),
                ("Sec-Fetch-Site", "cross-site"),
                cookie,
                csrf,
            ],
        ),
        (
            "tanpa Origin",
            "POST",
            "/api/periksa",
            &host,
            vec![cookie, csrf],
        ),
    ];
    for (why, method, path, host, headers) in cases {
        let (status, _, _) = http(
            server.port,
            method,
            path,
            host,
            &headers,
            br#"{"kecamatan":"sawan"}"#,
        );
        assert_eq!(status, 403, "{why}");
    }
    // Ketut's cookie with Wayan's CSRF token, and no token.
    let (status, _) =
        ketut.kirim_dengan("POST", "/api/ubah", Some(&ubah), &ketut.cookie, &wayan.csrf);
    assert_eq!(status, 403);
    let (status, _) = ketut.kirim_dengan("POST", "/api/ubah", Some(&ubah), &ketut.cookie, "");
    assert_eq!(status, 403);
    // Wayan's session cookie cannot touch Sawan, whatever CSRF it carries.
    let (status, _) =
        ketut.kirim_dengan("POST", "/api/ubah", Some(&ubah), &wayan.cookie, &wayan.csrf);
    assert_eq!(status, 403);
    // Malformed JSON, a body past the limit.
    let (status, _, _) = server.kirim(
        "POST",
        "/api/periksa",
        &[("Cookie", &ketut.cookie), ("X-Renaksi-Csrf", &ketut.csrf)],
        b"{\"kecamatan\": \"sawan\",,",
    );
    assert_eq!(status, 400);
    let besar = vec![b' '; 9 * 1024 * 1024];
    let (status, _, _) = server.kirim(
        "POST",
        "/api/ubah",
        &[("Cookie", &ketut.cookie), ("X-Renaksi-Csrf", &ketut.csrf)],
        &besar,
    );
    assert_eq!(status, 413);
    // A password of 1 MB: refused before it is hashed.
    let sejuta = format!(r#"{{"nama":"ketut","sandi":"{}"}}"#, "x".repeat(1 << 20));
    let (status, _, _) = server.kirim("POST", "/api/masuk", &[], sejuta.as_bytes());
    assert_eq!(status, 413);
    // Logout ends the session: its cookie is nothing afterwards.
    let (status, headers, _) = server.kirim(
        "POST",
        "/api/keluar",
        &[("Cookie", &wayan.cookie), ("X-Renaksi-Csrf", &wayan.csrf)],
        b"{}",
    );
    assert_eq!(status, 200);
    assert!(headers.contains("clear-site-data"), "{headers}");
    assert_eq!(wayan.get("/api/saya").0, 401);
    // A new password ends the user's session.
    assert_eq!(
        k.pengguna(&["ubah", "ketut", "--sandi"], "sandi-ketut-yang-baru")
            .0,
        0
    );
    assert_eq!(ketut.get("/api/saya").0, 401);
    // 10,000 failed logins in a bounded loop: refused, slowed, locked;
    // even the right password is refused while locked.
    let started = std::time::Instant::now();
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..10_000 {
        let nama = if i % 2 == 0 { "made" } else { "tidak-ada" };
        let (status, _, _) = server.kirim(
            "POST",
            "/api/masuk",
            &[],
            json!({"nama": nama, "sandi": format!("salah-{i}")})
                .to_string()
                .as_bytes(),
        );
        *statuses.entry(status).or_insert(0) += 1;
        assert!(status == 401 || status == 429, "{status}");
    }
    assert!(statuses[&429] > 9_900, "{statuses:?}");
    let (status, headers, _) = server.kirim(
        "POST",
        "/api/masuk",
        &[],
        json!({"nama": "made", "sandi": "sandi-made-verif"})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(status, 429);
    assert!(headers.contains("retry-after"));
    eprintln!(
        "10,000 failed logins in {:?}: {statuses:?}",
        started.elapsed()
    );
    assert_eq!(k.head(), head);
    assert!(k.bersih());
}

/// The server killed with SIGKILL while users save: started again, the
/// repository is clean and every save it acknowledged is a commit.
#[test]
fn a_kill_in_the_middle_of_saves_loses_no_acknowledged_save() {
    let k = Kabupaten::baru();
    let mut server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let wayan = server.masuk("wayan", "sandi-wayan-tejakula");
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut threads = Vec::new();
    for (sesi, kec) in [(ketut, "sawan"), (wayan, "tejakula")] {
        let acked = acked.clone();
        threads.push(std::thread::spawn(move || {
            let rel = format!("{kec}/{PROGRAM}");
            for n in 0..200 {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    sesi.ubah_simpan(kec, &rel, |v| *target_juni(v) = json!(41 + n % 50))
                }));
                match result {
                    Ok((200, a)) => acked
                        .lock()
                        .unwrap()
                        .push(a["commit"].as_str().unwrap().to_owned()),
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        }));
    }
    std::thread::sleep(Duration::from_millis(2500));
    let killed = Command::new("kill")
        .args(["-KILL", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    server.bunuh();
    for t in threads {
        let _ = t.join();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 2, "saves before the kill: {}", acked.len());
    let server = Server::start(&k);
    assert!(k.bersih(), "{}", git(&k.repo, &["status", "--porcelain"]));
    let log = git(&k.repo, &["log", "--format=%H"]);
    for c in &acked {
        assert!(log.contains(c.as_str()), "acknowledged {c} missing");
    }
    // Each file at HEAD reads, and the server serves it.
    let made = server.masuk("made", "sandi-made-verif");
    for kec in ["sawan", "tejakula"] {
        let (status, p) = made.post("/api/periksa", &json!({"kecamatan": kec}));
        assert_eq!(status, 200);
        assert!(p["halaman"].as_u64().unwrap_or(0) > 0, "{kec}: {p}");
    }
}

/// A short run of the load test (bench/server-beban.py): a few users,
/// each saving in its own kecamatan every second for ten seconds; the
/// script fails when a save is lost, a commit is missing or extra, the
/// tree is left dirty or a report no longer reads.
#[test]
fn a_short_load_loses_nothing() {
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/server-beban.py"))
        .args(["--pengguna", "6", "--detik", "8", "--jeda", "1", "--biner"])
        .arg(env!("CARGO_BIN_EXE_renaksi"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let angka: Value = serde_json::from_str(&stdout).unwrap();
    assert!(angka["simpan_diterima"].as_u64().unwrap() >= 12, "{angka}");
    assert_eq!(angka["simpan_diterima"], angka["commit_baru"]);
}

/// The admin's change of kabupaten.yaml is its own commit, seen by the
/// operators' pages as changed by another user; a save whose commit
/// cannot be made writes nothing and leaves the tree clean.
#[test]
fn the_admin_commits_kabupaten_yaml_and_a_failed_commit_leaves_nothing() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let admin = server.masuk("admin", "sandi-admin-kabupaten");
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    ketut.ruang("sawan");
    let (status, answer) = admin.ubah_simpan("tejakula", "kabupaten.yaml", |v| {
        v["ejaan_bulan"] = json!("baku")
    });
    assert_eq!(status, 200, "{answer}");
    let log = git(&k.repo, &["log", "-1", "--format=%an|%s"]);
    assert!(log.starts_with("Admin Kabupaten|kabupaten: "), "{log}");
    let (_, s) = ketut.get("/api/status?kecamatan=sawan");
    assert_eq!(s["di_luar"], json!(["kabupaten.yaml"]), "{s}");
    // git cannot take the commit (its index is locked): nothing saved.
    let rel = format!("sawan/{PROGRAM}");
    let before = std::fs::read(k.repo.join(&rel)).unwrap();
    let head = k.head();
    let lock = k.repo.join(".git/index.lock");
    std::fs::write(&lock, b"").unwrap();
    let (status, answer) = ketut.ubah_simpan("sawan", &rel, |v| *target_juni(v) = json!(44));
    std::fs::remove_file(&lock).unwrap();
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["galat"].as_str().unwrap().contains("git"),
        "{answer}"
    );
    assert_eq!(std::fs::read(k.repo.join(&rel)).unwrap(), before);
    assert_eq!(k.head(), head);
    assert!(k.bersih(), "{}", git(&k.repo, &["status", "--porcelain"]));
    // The same save goes through once git can commit again.
    let (status, answer) = ketut.post(
        "/api/simpan",
        &json!({"kecamatan": "sawan", "versi": ketut.ruang("sawan")["berkas"].as_object().unwrap().iter().map(|(r, b)| (r.clone(), b["versi"].clone())).collect::<serde_json::Map<_, _>>()}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(k.bersih());
}

/// A save cut off between its write and its commit (a file changed, a new
/// file made) and a stale git lock: the server starts into a clean tree,
/// and what no commit held is in `git stash`, not lost.
#[test]
fn the_server_starts_clean_and_keeps_what_no_commit_held_in_the_stash() {
    let k = Kabupaten::baru();
    let rel = k.repo.join("sawan").join(PROGRAM);
    let text = std::fs::read_to_string(&rel).unwrap();
    std::fs::write(&rel, text.replace("juni: 40", "juni: 47")).unwrap();
    std::fs::write(k.repo.join("sawan/realisasi-tw1.yaml"), "tahun: 2022\n").unwrap();
    std::fs::write(k.repo.join(".git/index.lock"), b"").unwrap();
    let head = k.head();
    let server = Server::start(&k);
    assert!(k.bersih(), "{}", git(&k.repo, &["status", "--porcelain"]));
    assert_eq!(k.head(), head);
    assert!(!k.repo.join(".git/index.lock").exists());
    let stash = git(
        &k.repo,
        &[
            "stash",
            "show",
            "--include-untracked",
            "--name-only",
            "stash@{0}",
        ],
    );
    assert!(stash.contains(&format!("sawan/{PROGRAM}")), "{stash}");
    assert!(stash.contains("sawan/realisasi-tw1.yaml"), "{stash}");
    let made = server.masuk("made", "sandi-made-verif");
    assert_eq!(made.get("/api/ruang?kecamatan=sawan").0, 200);
}

/// An operator of many kecamatan opens one after another: a workspace
/// with an unsaved edit is kept however many others are opened since.
#[test]
fn an_unsaved_edit_survives_opening_other_kecamatan() {
    let k = Kabupaten::baru();
    let semua = "sawan,tejakula,kubutambahan,banjar,buleleng,seririt";
    assert_eq!(
        k.pengguna(
            &[
                "tambah",
                "putu",
                "--peran",
                "operator",
                "--kecamatan",
                semua
            ],
            "sandi-putu-banyak-kec"
        )
        .0,
        0
    );
    let server = Server::start(&k);
    let putu = server.masuk("putu", "sandi-putu-banyak-kec");
    let rel = format!("sawan/{PROGRAM}");
    let ruang = putu.ruang("sawan");
    let mut nilai = ruang["berkas"][&rel]["nilai"].clone();
    *target_juni(&mut nilai) = json!(46);
    let (status, _) = putu.post(
        "/api/ubah",
        &json!({"kecamatan": "sawan", "berkas": rel, "nilai": nilai, "versi": ruang["berkas"][&rel]["versi"]}),
    );
    assert_eq!(status, 200);
    for kec in semua.split(',').skip(1) {
        putu.ruang(kec);
    }
    let lagi = putu.ruang("sawan");
    assert_eq!(
        lagi["berkas"][&rel]["kotor"],
        json!(true),
        "{}",
        lagi["berkas"][&rel]
    );
    assert_eq!(
        *target_juni(&mut lagi["berkas"][&rel]["nilai"].clone()),
        json!(46)
    );
}

/// A kecamatan folder or a file that is a symbolic link out of the
/// repository is never read through the server.
#[cfg(unix)]
#[test]
fn links_out_of_the_repository_are_not_followed() {
    let k = Kabupaten::baru();
    let luar = k.repo.with_file_name("luar");
    copy_dir(&k.repo.join("sawan"), &luar);
    std::os::unix::fs::symlink(&luar, k.repo.join("jahat")).unwrap();
    std::fs::remove_file(k.repo.join("tejakula/narasi.yaml")).ok();
    std::os::unix::fs::symlink("/etc/passwd", k.repo.join("tejakula/narasi.yaml")).unwrap();
    git(&k.repo, &["add", "."]);
    git(
        &k.repo,
        &[
            "-c",
            "user.name=a",
            "-c",
            "user.email=a@x",
            "commit",
            "-qm",
            "tautan",
        ],
    );
    let server = Server::start(&k);
    let made = server.masuk("made", "sandi-made-verif");
    for kec in ["jahat", "tejakula"] {
        let (status, answer) = made.get(&format!("/api/ruang?kecamatan={kec}"));
        assert_eq!(status, 422, "{kec}: {answer}");
        assert!(
            answer["galat"]
                .as_str()
                .unwrap()
                .contains("tautan simbolik"),
            "{answer}"
        );
        assert!(!answer.to_string().contains("root:"));
    }
}

/// A password an admin set with --sementara must be changed by its user
/// before anything else; the old one is checked, a weak one refused; the
/// session goes on with the new one, and the change is logged.
#[test]
fn a_temporary_password_is_changed_before_anything_else() {
    let k = Kabupaten::baru();
    assert_eq!(
        k.pengguna(
            &["ubah", "ketut", "--sandi", "--sementara"],
            "sementara-dari-admin"
        )
        .0,
        0
    );
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sementara-dari-admin");
    let (_, saya) = ketut.get("/api/saya");
    assert_eq!(saya["ganti_sandi"], json!(true));
    let (status, answer) = ketut.get("/api/ruang?kecamatan=sawan");
    assert_eq!(status, 403);
    assert_eq!(answer["ganti_sandi"], json!(true));
    let ganti =
        |lama: &str, baru: &str| ketut.post("/api/sandi", &json!({"lama": lama, "baru": baru}));
    assert_eq!(ganti("bukan-sandi-lama", "sandi-ketut-sendiri").0, 403);
    assert_eq!(ganti("sementara-dari-admin", "pendek").0, 422);
    assert_eq!(ganti("sementara-dari-admin", "sementara-dari-admin").0, 422);
    let (status, answer) = ganti("sementara-dari-admin", "sandi-ketut-sendiri");
    assert_eq!(status, 200, "{answer}");
    // The same session goes on, now allowed everything its role allows.
    assert_eq!(ketut.get("/api/ruang?kecamatan=sawan").0, 200);
    let file = std::fs::read_to_string(k.berkas_pengguna()).unwrap();
    assert!(!file.contains("sementara: true"), "{file}");
    let log = std::fs::read_to_string(k.repo.with_file_name("sakip.pengguna.yaml.log")).unwrap();
    assert!(
        log.contains("ubah ketut peran=operator kecamatan=sawan sandi=sementara"),
        "{log}"
    );
    assert!(
        log.contains("sandi ketut diganti sendiri lewat server"),
        "{log}"
    );
    // The old password no longer logs in; the new one does.
    let (status, _, _) = server.kirim(
        "POST",
        "/api/masuk",
        &[],
        json!({"nama": "ketut", "sandi": "sementara-dari-admin"})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(status, 401);
    server.masuk("ketut", "sandi-ketut-sendiri");
}

/// A report's way from draft to approval, request by request: the
/// operator submits (editing stops, by the server), the verifikator
/// returns it with a note, the operator edits and submits again, the
/// verifikator approves: the final PDF of the approved commit is kept in
/// the same commit, tagged, and `renaksi verify` proves it. Each move is a
/// commit by its user; each role may make only its own moves.
#[test]
fn a_report_is_submitted_returned_and_approved_with_its_final_pdf() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let wayan = server.masuk("wayan", "sandi-wayan-tejakula");
    let rel = format!("sawan/{PROGRAM}");
    let gerak = |s: &Sesi, langkah: &str, catatan: &str| {
        s.post(
            "/api/alur/gerak",
            &json!({"kecamatan": "sawan", "dokumen": "rencana-aksi", "langkah": langkah, "catatan": catatan}),
        )
    };
    let tahap = |v: &Value| v["dokumen"][0]["tahap"].as_str().unwrap().to_owned();
    let (_, a) = ketut.get("/api/alur?kecamatan=sawan");
    assert_eq!(tahap(&a), "draf");
    assert_eq!(a["dokumen"][0]["boleh"], json!(["ajukan"]));
    // Only the operator submits; only from draft.
    assert_eq!(gerak(&made, "ajukan", "").0, 403);
    assert_eq!(gerak(&ketut, "setujui", "").0, 403);
    let (status, a) = gerak(&ketut, "ajukan", "");
    assert_eq!(status, 200, "{a}");
    assert_eq!(tahap(&a), "diajukan");
    let log = git(&k.repo, &["log", "-1", "--format=%an|%s"]);
    assert_eq!(log.trim(), "Ketut Sawan|sawan: Rencana Aksi diajukan");
    // Submitted: the server refuses edits of its files, and a save.
    let ruang = ketut.ruang("sawan");
    let b = &ruang["berkas"][&rel];
    let (status, answer) = ketut.post(
        "/api/ubah",
        &json!({"kecamatan": "sawan", "berkas": rel, "nilai": b["nilai"], "versi": b["versi"]}),
    );
    assert_eq!(status, 423, "{answer}");
    assert!(answer["galat"]
        .as_str()
        .unwrap()
        .contains("Rencana Aksi kecamatan sawan sedang diajukan"));
    assert_eq!(gerak(&ketut, "ajukan", "").0, 409);
    // Another kecamatan's operator sees none of it.
    assert_eq!(wayan.get("/api/alur?kecamatan=sawan").0, 403);
    assert_eq!(
        wayan
            .post(
                "/api/alur/gerak",
                &json!({"kecamatan": "sawan", "dokumen": "rencana-aksi", "langkah": "kembalikan"})
            )
            .0,
        403
    );
    // Returned with a note; editing resumes; submitted again.
    let (status, a) = gerak(
        &made,
        "kembalikan",
        "Target Juni IKM belum sesuai rencana aksi kabupaten",
    );
    assert_eq!(status, 200, "{a}");
    assert_eq!(tahap(&a), "dikembalikan");
    let log = git(&k.repo, &["log", "-1", "--format=%an|%B"]);
    assert!(
        log.starts_with("Made Verifikator|sawan: Rencana Aksi dikembalikan\n\nTarget Juni IKM"),
        "{log}"
    );
    let (status, answer) = ketut.ubah_simpan("sawan", &rel, |v| *target_juni(v) = json!(45));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(gerak(&ketut, "ajukan", "").0, 200);
    // Approved: the final PDF of the submitted commit, in the same commit,
    // tagged; renaksi verify says it is that commit's report.
    let submitted = k.head();
    let (status, a) = gerak(&made, "setujui", "");
    assert_eq!(status, 200, "{a}");
    assert_eq!(tahap(&a), "disetujui");
    let dokumen = &a["dokumen"][0];
    assert_eq!(dokumen["disetujui"].as_str().unwrap(), submitted);
    let riwayat: Vec<&str> = dokumen["riwayat"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["tahap"].as_str().unwrap())
        .collect();
    assert_eq!(
        riwayat,
        ["diajukan", "dikembalikan", "diajukan", "disetujui"]
    );
    let tag = git(&k.repo, &["tag", "--list", "renaksi/*"]);
    assert_eq!(tag.trim(), "renaksi/sawan/rencana-aksi/disetujui-1");
    let pdf_rel = format!(
        ".renaksi/arsip/sawan/sawan-rencana-aksi-{}.pdf",
        &submitted[..12]
    );
    let tracked = git(&k.repo, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(tracked.contains(&pdf_rel), "{tracked}");
    // Its manifest, in the batch manifest's format, names its hash.
    let manifest_rel = pdf_rel.replace(".pdf", ".json");
    assert!(tracked.contains(&manifest_rel), "{tracked}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(k.repo.join(&manifest_rel)).unwrap())
            .unwrap();
    let bytes = std::fs::read(k.repo.join(&pdf_rel)).unwrap();
    let sha = {
        use sha2::Digest as _;
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(manifest["versi"], json!(1));
    assert_eq!(manifest["dokumen"], json!("rencana-aksi"));
    assert_eq!(manifest["laporan"][0]["sha256"], json!(sha));
    assert_eq!(manifest["laporan"][0]["ukuran"], json!(bytes.len()));
    assert!(k.bersih());
    let (status, headers, body) = http(
        server.port,
        "GET",
        "/api/arsip?kecamatan=sawan&dokumen=rencana-aksi",
        &format!("127.0.0.1:{}", server.port),
        &[("Cookie", &made.cookie)],
        b"",
    );
    assert_eq!(status, 200);
    assert!(headers.contains("application/pdf") && body.starts_with("%PDF-"));
    let verify = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .arg("verify")
        .arg(k.repo.join(&pdf_rel))
        .arg(k.repo.join("sawan"))
        .args(["--git", &submitted])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verify.stdout).into_owned()
        + &String::from_utf8_lossy(&verify.stderr);
    assert_eq!(verify.status.code(), Some(0), "{said}");
    assert!(said.contains("SAMA"), "{said}");
    // Approved: no more edits, no second approval; reopened by the
    // verifikator for a Perubahan, it is a draft again.
    assert_eq!(gerak(&made, "setujui", "").0, 409);
    let (status, _) = ketut.ubah_simpan_coba("sawan", &rel, |v| *target_juni(v) = json!(46));
    assert_eq!(status, 423);
    let (status, a) = gerak(&made, "buka", "Perubahan anggaran");
    assert_eq!(status, 200, "{a}");
    assert_eq!(tahap(&a), "draf");
    // Reopened, it is a Perubahan of the approved version, in the same
    // commit: laporan.yaml names the approval's tag as its previous version.
    let changed = git(&k.repo, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        changed.contains("sawan/laporan.yaml") && changed.contains(".renaksi/alur/sawan.yaml"),
        "{changed}"
    );
    let laporan = std::fs::read_to_string(k.repo.join("sawan/laporan.yaml")).unwrap();
    assert!(
        laporan.contains("git: renaksi/sawan/rencana-aksi/disetujui-1"),
        "{laporan}"
    );
    assert!(
        laporan.contains("# yaml-language-server"),
        "comments kept: {laporan}"
    );
    let build = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .args(["build", "-o"])
        .arg(k.repo.with_file_name("perubahan.pdf"))
        .arg(k.repo.join("sawan"))
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert_eq!(
        ketut
            .ubah_simpan("sawan", &rel, |v| *target_juni(v) = json!(46))
            .0,
        200
    );
    // The review: what changed since the approval, in the report's terms.
    let (status, t) = made.get("/api/sejak-disetujui?kecamatan=sawan");
    assert_eq!(status, 200);
    assert_eq!(t["dokumen"][0]["commit"].as_str().unwrap(), submitted);
    let lines = t["dokumen"][0]["perubahan"].to_string();
    assert!(lines.contains("target Juni 45 → 46"), "{lines}");
}

/// An approval stopped at any point happened completely or not at all:
/// cut before its commit (its PDF and state written, nothing committed),
/// the restarted server puts those in `git stash` and the report is still
/// submitted; cut after its commit but before its tag, the restarted
/// server tags the commit.
#[test]
fn an_approval_cut_off_happened_completely_or_not_at_all() {
    let k = Kabupaten::baru();
    let mut server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let gerak = |s: &Sesi, langkah: &str| {
        s.post(
            "/api/alur/gerak",
            &json!({"kecamatan": "sawan", "dokumen": "rencana-aksi", "langkah": langkah}),
        )
    };
    assert_eq!(gerak(&ketut, "ajukan").0, 200);
    let submitted = k.head();
    // Cut before the commit: what an approval writes first, uncommitted.
    server.bunuh();
    let alur = k.repo.join(".renaksi/alur/sawan.yaml");
    let text = std::fs::read_to_string(&alur).unwrap();
    std::fs::write(
        &alur,
        text.replace("tahap: diajukan\n", "tahap: disetujui\n"),
    )
    .unwrap();
    let pdf = k.repo.join(format!(
        ".renaksi/arsip/sawan/sawan-rencana-aksi-{}.pdf",
        &submitted[..12]
    ));
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    std::fs::write(&pdf, b"%PDF-1.7 setengah").unwrap();
    let server = Server::start(&k);
    assert!(k.bersih());
    assert!(!pdf.exists());
    let made2 = server.masuk("made", "sandi-made-verif");
    let (_, a) = made2.get("/api/alur?kecamatan=sawan");
    assert_eq!(a["dokumen"][0]["tahap"], json!("diajukan"));
    drop(made);
    // Approved, then its tag lost (cut between commit and tag): put back
    // at the next start, on the approval's commit.
    let (status, _) = gerak(&made2, "setujui");
    assert_eq!(status, 200);
    let approval = k.head();
    git(
        &k.repo,
        &["tag", "-d", "renaksi/sawan/rencana-aksi/disetujui-1"],
    );
    drop(server);
    let _server = Server::start(&k);
    let tagged = git(
        &k.repo,
        &[
            "rev-list",
            "-n",
            "1",
            "renaksi/sawan/rencana-aksi/disetujui-1",
        ],
    );
    assert_eq!(tagged.trim(), approval);
}

/// Review comments: a verifikator comments on an item of a file of the
/// kecamatan, the operator marks it answered; each a commit by its user;
/// nobody else may do either.
#[test]
fn a_comment_is_fixed_to_its_item_and_answered_by_the_operator() {
    let k = Kabupaten::baru();
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let wayan = server.masuk("wayan", "sandi-wayan-tejakula");
    let rel = format!("sawan/{PROGRAM}");
    let jalur = "pejabat[0].sasaran[0].indikator[0]";
    let baru = json!({"kecamatan": "sawan", "berkas": rel, "jalur": jalur, "teks": "Target Juni belum sesuai"});
    assert_eq!(ketut.post("/api/komentar/baru", &baru).0, 403);
    assert_eq!(wayan.post("/api/komentar/baru", &baru).0, 403);
    for berkas in [
        "tejakula/laporan.yaml",
        "sawan/../tejakula/laporan.yaml",
        "sawan/tidak-ada.yaml",
    ] {
        let (status, _) = made.post(
            "/api/komentar/baru",
            &json!({"kecamatan": "sawan", "berkas": berkas, "jalur": "", "teks": "x"}),
        );
        assert!(status == 403 || status == 404, "{berkas}: {status}");
    }
    let (status, d) = made.post("/api/komentar/baru", &baru);
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["komentar"][0]["jalur"], json!(jalur));
    assert_eq!(d["komentar"][0]["dokumen"], json!("rencana-aksi"));
    let log = git(&k.repo, &["log", "-1", "--format=%an|%s"]);
    assert!(
        log.starts_with("Made Verifikator|sawan: komentar pada sawan/lampiran/1-program.yaml"),
        "{log}"
    );
    let id = d["komentar"][0]["id"].clone();
    assert_eq!(
        made.post(
            "/api/komentar/jawab",
            &json!({"kecamatan": "sawan", "id": id, "teks": "x"})
        )
        .0,
        403
    );
    assert_eq!(
        wayan
            .post(
                "/api/komentar/jawab",
                &json!({"kecamatan": "sawan", "id": id, "teks": "x"})
            )
            .0,
        403
    );
    let (status, d) = ketut.post(
        "/api/komentar/jawab",
        &json!({"kecamatan": "sawan", "id": id, "teks": "sudah diperbaiki"}),
    );
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["komentar"][0]["jawaban"]["nama"], json!("Ketut Sawan"));
    assert_eq!(
        ketut
            .post(
                "/api/komentar/jawab",
                &json!({"kecamatan": "sawan", "id": id, "teks": "lagi"})
            )
            .0,
        409
    );
    let (_, d) = wayan.get("/api/komentar?kecamatan=sawan");
    assert!(d["komentar"].is_null(), "{d}");
    assert!(k.bersih());
}

/// The dashboard: every kecamatan × document the user may read, with its
/// state, findings, last change and a quarter's figures; what waits for
/// the user; as CSV and xlsx (read back with openpyxl).
#[test]
fn the_dashboard_shows_every_kecamatan_and_what_waits() {
    let k = Kabupaten::baru();
    // Kubutambahan with the four quarters of the single-report example
    // (some of its keys are not in this Lampiran: galat for check).
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022/realisasi"),
        &k.repo.join("kubutambahan/realisasi"),
    );
    git(&k.repo, &["add", "."]);
    git(
        &k.repo,
        &[
            "-c",
            "user.name=a",
            "-c",
            "user.email=a@x",
            "commit",
            "-qm",
            "realisasi",
        ],
    );
    let server = Server::start(&k);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let (status, d) = made.get("/api/dasbor");
    assert_eq!(status, 200, "{d}");
    let baris = d["baris"].as_array().unwrap();
    assert_eq!(baris.len(), 9 * 7);
    assert!(d["menunggu"].as_array().unwrap().is_empty());
    let sawan_ra = baris
        .iter()
        .find(|b| b["kecamatan"] == "sawan" && b["dokumen"] == "rencana-aksi")
        .unwrap();
    assert_eq!(sawan_ra["tahap"], json!("draf"));
    assert!(sawan_ra["peringatan"].as_u64().unwrap() > 0, "{sawan_ra}");
    assert!(sawan_ra["diubah"].as_str().unwrap().starts_with("20"));
    // Findings are what `renaksi check` says of the folder; the quarters'
    // figures are there for the monitoring rows only.
    let cek = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .arg("check")
        .arg(k.repo.join("kubutambahan"))
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&cek.stdout).into_owned() + &String::from_utf8_lossy(&cek.stderr);
    let ringkas = said
        .lines()
        .rev()
        .find(|l| l.contains(" galat, "))
        .unwrap()
        .to_owned();
    let kubu: Vec<&Value> = baris
        .iter()
        .filter(|b| b["kecamatan"] == "kubutambahan")
        .collect();
    let dash = format!(
        "{} galat, {} peringatan",
        kubu[0]["galat"], kubu[0]["peringatan"]
    );
    assert!(
        ringkas.ends_with(&dash),
        "check: {ringkas}; dashboard: {dash}"
    );
    for b in &kubu {
        let monitoring = b["dokumen"].as_str().unwrap().starts_with("monitoring-");
        assert_eq!(b["capaian"].is_number(), monitoring, "{b}");
        assert_eq!(b["serapan"].is_number(), monitoring, "{b}");
    }
    assert!(kubu[5]["serapan"].as_f64().unwrap() > kubu[2]["serapan"].as_f64().unwrap());
    // The operator sees its own kecamatan only.
    let (_, own) = ketut.get("/api/dasbor");
    let kec: std::collections::BTreeSet<&str> = own["baris"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kecamatan"].as_str().unwrap())
        .collect();
    assert_eq!(kec.into_iter().collect::<Vec<_>>(), ["sawan"]);
    // Submitted: it waits for the verifikator, and its last change moves.
    assert_eq!(
        ketut
            .post(
                "/api/alur/gerak",
                &json!({"kecamatan": "sawan", "dokumen": "rencana-aksi", "langkah": "ajukan"})
            )
            .0,
        200
    );
    let (_, d) = made.get("/api/dasbor");
    let menunggu = d["menunggu"].as_array().unwrap();
    assert_eq!(menunggu.len(), 1, "{d}");
    assert_eq!(menunggu[0]["kecamatan"], json!("sawan"));
    assert_eq!(menunggu[0]["menunggu"], json!("verifikator"));
    // The page, the CSV and the workbook.
    let get = |path: &str| {
        http(
            server.port,
            "GET",
            path,
            &format!("127.0.0.1:{}", server.port),
            &[("Cookie", &made.cookie)],
            b"",
        )
    };
    let (status, _, page) = get("/dasbor");
    assert_eq!(status, 200);
    assert!(
        page.contains("Menunggu Anda (1)") && page.contains("diajukan, belum ditinjau"),
        "{page}"
    );
    let (status, headers, csv) = get("/api/dasbor.csv");
    assert_eq!(status, 200);
    assert!(headers.contains("text/csv"));
    assert_eq!(csv.lines().count(), 1 + 9 * 7);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET /api/dasbor.xlsx HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        server.port, made.cookie
    )
    .unwrap();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut raw).unwrap();
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("dasbor.xlsx");
    std::fs::write(&xlsx, &raw[at..]).unwrap();
    let py = Command::new("python3")
        .args([
            "-c",
            "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; rows=list(ws.values); print(len(rows)); print(rows[0][0], rows[1][3] is not None)",
        ])
        .arg(&xlsx)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&py.stdout);
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    assert_eq!(said.lines().collect::<Vec<_>>(), ["64", "Kecamatan True"]);
}

/// A local SMTP sink: answers as a relay does and keeps every message.
fn smtp_sink() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let kept = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let k = kept.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let _ = stream.write_all(b"220 sink\r\n");
            let mut data: Option<String> = None;
            let mut envelope = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(d) = data.as_mut() {
                    if line == ".\r\n" {
                        k.lock().unwrap().push(format!("{envelope}{d}"));
                        data = None;
                        let _ = stream.write_all(b"250 queued\r\n");
                    } else {
                        d.push_str(&line);
                    }
                    continue;
                }
                let reply: &[u8] = match &line[..4.min(line.len())] {
                    "EHLO" => b"250-sink\r\n250 OK\r\n",
                    "DATA" => {
                        data = Some(String::new());
                        b"354 go\r\n"
                    }
                    "QUIT" => {
                        let _ = stream.write_all(b"221 bye\r\n");
                        break;
                    }
                    _ => {
                        envelope.push_str(&line);
                        b"250 OK\r\n"
                    }
                };
                let _ = stream.write_all(reply);
            }
        }
    });
    (addr, kept)
}

/// With an SMTP relay named, a submission is told to the verifikators and
/// a return to the kecamatan's operators, by e-mail.
#[test]
fn notices_go_by_email_to_whom_they_concern() {
    let k = Kabupaten::baru();
    let (addr, kept) = smtp_sink();
    let server = Server::start_dengan(&k, &["--smtp", &addr, "--smtp-dari", "sakip@kab.example"]);
    let ketut = server.masuk("ketut", "sandi-ketut-sawan");
    let made = server.masuk("made", "sandi-made-verif");
    let gerak = |s: &Sesi, langkah: &str, catatan: &str| {
        s.post(
            "/api/alur/gerak",
            &json!({"kecamatan": "sawan", "dokumen": "rencana-aksi", "langkah": langkah, "catatan": catatan}),
        )
        .0
    };
    let tunggu = |n: usize| {
        for _ in 0..100 {
            if kept.lock().unwrap().len() >= n {
                return kept.lock().unwrap().clone();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{n} surel tidak datang: {:?}", kept.lock().unwrap());
    };
    assert_eq!(gerak(&ketut, "ajukan", ""), 200);
    let mail = tunggu(1);
    assert!(
        mail[0].contains("MAIL FROM:<sakip@kab.example>"),
        "{}",
        mail[0]
    );
    assert!(
        mail[0].contains("RCPT TO:<made@kab.example>"),
        "{}",
        mail[0]
    );
    assert!(!mail[0].contains("ketut@"), "{}", mail[0]);
    assert!(
        mail[0].contains("Subject: [renaksi] Rencana Aksi kecamatan sawan diajukan"),
        "{}",
        mail[0]
    );
    assert!(mail[0].contains("diajukan oleh Ketut Sawan"), "{}", mail[0]);
    assert_eq!(gerak(&made, "kembalikan", "Target Juni belum sesuai"), 200);
    let mail = tunggu(2);
    assert!(
        mail[1].contains("RCPT TO:<ketut@sawan.example>"),
        "{}",
        mail[1]
    );
    assert!(!mail[1].contains("wayan@"), "{}", mail[1]);
    assert!(
        mail[1].contains("Catatan: Target Juni belum sesuai"),
        "{}",
        mail[1]
    );
}

/// Past sixteen typeset documents held at once, the one typeset longest
/// ago lets its pages go; asked for again, the same page is typeset again,
/// byte for byte, and the draft PDF still downloads.
#[test]
fn pages_let_go_to_bound_memory_are_typeset_again() {
    let k = Kabupaten::baru();
    for i in 0..4 {
        assert_eq!(
            k.pengguna(
                &["tambah", &format!("pimpinan{i}"), "--peran", "pimpinan"],
                "sandi-pimpinan-panjang"
            )
            .0,
            0
        );
    }
    let server = Server::start(&k);
    let sesi: Vec<Sesi> = (0..4)
        .map(|i| server.masuk(&format!("pimpinan{i}"), "sandi-pimpinan-panjang"))
        .chain([server.masuk("made", "sandi-made-verif")])
        .collect();
    let page = |s: &Sesi, kec: &str| {
        let (status, _, body) = http(
            server.port,
            "GET",
            &format!("/api/halaman?kecamatan={kec}&n=2"),
            &format!("127.0.0.1:{}", server.port),
            &[("Cookie", &s.cookie)],
            b"",
        );
        assert_eq!(status, 200);
        body
    };
    let first = &sesi[0];
    assert_eq!(
        first.post("/api/periksa", &json!({"kecamatan": "sawan"})).0,
        200
    );
    let before = page(first, "sawan");
    // Four workspaces per session, five sessions: twenty documents.
    for s in &sesi {
        for kec in ["banjar", "buleleng", "busungbiu", "gerokgak"] {
            if std::ptr::eq(s, first) && kec == "gerokgak" {
                continue;
            }
            assert_eq!(s.post("/api/periksa", &json!({"kecamatan": kec})).0, 200);
        }
    }
    assert_eq!(page(first, "sawan"), before);
    let (status, headers, pdf) = http(
        server.port,
        "GET",
        "/api/unduh?kecamatan=sawan",
        &format!("127.0.0.1:{}", server.port),
        &[("Cookie", &first.cookie)],
        b"",
    );
    assert_eq!(status, 200, "{headers}");
    assert!(pdf.starts_with("%PDF-"));
}

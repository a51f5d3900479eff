//! `renaksi serve` through its HTTP API, as the page uses it: what it
//! refuses (no token, a foreign Host or Origin, a large body, a path
//! outside the folder), that an edit is checked and saved as one changed
//! line, that a file changed on disk is never overwritten, and a batch.
//! The page itself is driven in Chromium by tests/browser/editor.mjs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::support::{copy_dir, Fixture};

/// A running `renaksi serve`, and the version of each file as a page
/// that sent these requests would know it.
struct Serve {
    child: Child,
    port: u16,
    token: String,
    versi: RefCell<HashMap<String, u64>>,
}

impl Serve {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_renaksi"))
            .arg("serve")
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .last()
            .unwrap_or_else(|| panic!("no address printed: {line:?}"));
        let rest = url.strip_prefix("http://127.0.0.1:").expect(url);
        let (port, token) = rest.split_once("/?t=").expect(url);
        Serve {
            child,
            port: port.parse().unwrap(),
            token: token.to_owned(),
            versi: RefCell::new(HashMap::new()),
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends one request with the given Host and extra headers; returns
    /// the status code and the body.
    fn raw(
        &self,
        method: &str,
        path: &str,
        host: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, String) {
        raw_at(self.port, method, path, host, headers, body)
    }

    /// A client of this server that keeps its own versions, as one tab
    /// does; it may be sent to another thread.
    fn tab(&self) -> Tab {
        Tab {
            port: self.port,
            token: self.token.clone(),
            versi: HashMap::new(),
        }
    }
}

/// Sends one request to the server at `port`; returns the status code and
/// the body.
fn raw_at(
    port: u16,
    method: &str,
    path: &str,
    host: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let (status, _, body) = crate::support::http(port, method, path, host, headers, body);
    (status, body)
}

impl Serve {
    /// An API request as the page sends it: an edit names the version of
    /// its file, a save the versions of all, as last heard from the server.
    fn api(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut body = body.cloned();
        if let Some(Value::Object(b)) = body.as_mut() {
            let versi = self.versi.borrow();
            if path == "/api/ubah" && !b.contains_key("versi") {
                let rel = b["berkas"].as_str().unwrap_or_default();
                b.insert("versi".into(), json!(versi.get(rel).copied().unwrap_or(0)));
            }
            if path == "/api/simpan" && !b.contains_key("versi") {
                b.insert("versi".into(), json!(*versi));
            }
        }
        let (status, value) = self.api_raw(method, path, body.as_ref());
        let mut versi = self.versi.borrow_mut();
        let ruang = match path {
            "/api/realisasi-baru" | "/api/pegawai-baru" => &value["ruang"],
            _ => &value,
        };
        if let Some(berkas) = ruang["berkas"].as_object() {
            for (rel, b) in berkas {
                if let Some(v) = b["versi"].as_u64() {
                    versi.insert(rel.clone(), v);
                }
            }
        }
        if let (Some(rel), Some(baru)) = (
            body.as_ref().and_then(|b| b["berkas"].as_str()),
            value["versi_berkas"].as_object(),
        ) {
            if let Some(v) = baru.get(rel).and_then(Value::as_u64) {
                versi.insert(rel.to_owned(), v);
            }
        }
        (status, value)
    }

    /// An API request sent as it is.
    fn api_raw(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let (status, text) = self.raw(
            method,
            path,
            &self.host(),
            &[
                ("X-Renaksi-Token", &self.token),
                ("Content-Type", "application/json"),
            ],
            &bytes,
        );
        let value = serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text));
        (status, value)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn refuses_requests_that_are_not_from_its_own_page() {
    let fixture = Fixture::example();
    let serve = Serve::start(&fixture.dir);
    let host = serve.host();
    let with_token = format!("/?t={}", serve.token);

    // The page, with its token; everything inline, nothing from elsewhere.
    let (status, page) = serve.raw("GET", &with_token, &host, &[], b"");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<title>renaksi — editor laporan</title>"),
        "{page}"
    );
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "{page}"
    );

    // No token, a wrong one.
    let (status, body) = serve.raw("GET", "/", &host, &[], b"");
    assert_eq!((status, body.as_str()), (403, "ditolak: token tidak ada atau salah; buka alamat lengkap (dengan ?t=…) yang dicetak `renaksi serve`\n"));
    let (status, _) = serve.raw(
        "GET",
        "/api/ruang",
        &host,
        &[("X-Renaksi-Token", "0123")],
        b"",
    );
    assert_eq!(status, 403);

    // DNS rebinding: the right token under another name.
    let (status, body) = serve.raw(
        "GET",
        &with_token,
        &format!("evil.example:{}", serve.port),
        &[],
        b"",
    );
    assert_eq!(status, 403);
    assert!(body.contains("bukan alamat editor ini"), "{body}");

    // Another site's page posting to the editor.
    let token = serve.token.clone();
    let headers = [
        ("X-Renaksi-Token", token.as_str()),
        ("Origin", "http://evil.example"),
    ];
    let (status, body) = serve.raw("POST", "/api/simpan", &host, &headers, b"{}");
    assert_eq!(status, 403);
    assert!(
        body.contains("permintaan dari situs lain (`http://evil.example`) ditolak"),
        "{body}"
    );
    let headers = [
        ("X-Renaksi-Token", token.as_str()),
        ("Sec-Fetch-Site", "cross-site"),
    ];
    assert_eq!(
        serve.raw("POST", "/api/simpan", &host, &headers, b"{}").0,
        403
    );

    // A body over the bound.
    let big = vec![b' '; 11 * 1024 * 1024];
    let headers = [
        ("X-Renaksi-Token", token.as_str()),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(serve.raw("POST", "/api/ubah", &host, &headers, &big).0, 413);

    // A path outside the folder is not one of its files.
    let (status, body) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "../../../etc/passwd", "nilai": {}})),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["galat"],
        "berkas `../../../etc/passwd` bukan berkas laporan yang dibuka editor ini\n  saran: muat ulang halaman editor"
    );

    // Still serving after all of it.
    let (status, body) = serve.api("GET", "/api/status", None);
    assert_eq!(status, 200);
    assert_eq!((&body["di_luar"], &body["kotor"]), (&json!([]), &json!([])));
}

/// The file and JSON path of one month's target in the example.
const BERKAS: &str = "lampiran/2-kegiatan.yaml";

#[test]
fn an_edit_is_checked_typeset_and_saved_as_one_line() {
    let fixture = Fixture::example();
    let before: Vec<(String, Vec<u8>)> = files(&fixture.dir);
    let serve = Serve::start(&fixture.dir);

    let (status, ruang) = serve.api("GET", "/api/ruang", None);
    assert_eq!(status, 200);
    assert_eq!(ruang["jenis"], "laporan");
    let mut nilai = ruang["berkas"][BERKAS]["nilai"].clone();
    let indikator = &mut nilai["pejabat"][0]["sasaran"][0]["indikator"][0];
    assert_eq!(indikator["uraian"], "Nilai AKIP yang baik");
    assert_eq!(indikator["bulan"]["juni"], 25);

    // A first check: pages, no galat, and a warning at this indicator:
    // its months make 75, not the annual 90.
    let (status, first) = serve.api("POST", "/api/periksa", Some(&json!({})));
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["halaman"], 30);
    assert!(galat(&first).is_empty(), "{first}");
    let here = |result: &Value| -> Vec<String> {
        result["temuan"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["berkas"] == BERKAS && t["jalur"] == "pejabat[0].sasaran[0].indikator[0]")
            .map(|t| t["pesan"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        here(&first),
        ["rencana per bulan berjumlah 75, tidak sama dengan target tahunan 90"]
    );

    // June 25 → 40: the months make the target, the warning goes.
    indikator["bulan"]["juni"] = json!(40);
    let (status, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": BERKAS, "nilai": nilai})),
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["kotor"], json!([BERKAS]));
    assert!(here(&after).is_empty(), "{after}");
    assert!(after["versi"].as_u64() > first["versi"].as_u64());

    // A page of the new version, as SVG.
    let (status, svg) = serve.raw(
        "GET",
        &format!("/api/halaman?n=1&t={}", serve.token),
        &serve.host(),
        &[],
        b"",
    );
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);

    // The unsaved change in report terms.
    let (_, perubahan) = serve.api("GET", "/api/perubahan", None);
    let belum = perubahan["belum_disimpan"].to_string();
    assert!(belum.contains("25 → 40"), "{perubahan}");

    // Saved: that one line changed, every other file byte-identical.
    let (status, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!((status, saved), (200, json!({"ditulis": [BERKAS]})));
    let after: Vec<(String, Vec<u8>)> = files(&fixture.dir);
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        if name != BERKAS {
            assert_eq!(a, b, "{name} changed");
            continue;
        }
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let changed: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(a.lines().count(), b.lines().count());
        assert_eq!(
            changed,
            [("              juni: 25", "              juni: 40")]
        );
    }
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten() {
    let fixture = Fixture::example();
    let serve = Serve::start(&fixture.dir);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    let mut nilai = ruang["berkas"][BERKAS]["nilai"].clone();
    nilai["pejabat"][0]["jabatan"] = json!("Sekretaris Camat");
    serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": BERKAS, "nilai": nilai})),
    );

    // Someone edits the same file in a text editor meanwhile.
    fixture.edit(BERKAS, |t| {
        t.replace("anggaran: 111000000", "anggaran: 112000000")
    });
    let on_disk = fs::read(fixture.dir.join(BERKAS)).unwrap();
    let (_, status) = serve.api("GET", "/api/status", None);
    assert_eq!(status["di_luar"], json!([BERKAS]));

    let (code, body) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(code, 409, "{body}");
    assert_eq!(body["bentrok"], json!([BERKAS]));
    assert!(
        body["galat"]
            .as_str()
            .unwrap()
            .starts_with("tidak disimpan: lampiran/2-kegiatan.yaml diubah di luar editor"),
        "{body}"
    );
    assert_eq!(fs::read(fixture.dir.join(BERKAS)).unwrap(), on_disk);

    // Reloading takes the file as it is now.
    let (code, ruang) = serve.api("POST", "/api/muat-ulang", Some(&json!({})));
    assert_eq!(code, 200);
    let program =
        &ruang["berkas"][BERKAS]["nilai"]["pejabat"][0]["sasaran"][0]["program_kegiatan"][0];
    assert_eq!(program["anggaran"], 112000000);
}

#[test]
fn an_emptied_annual_target_is_a_galat_at_its_field_and_is_not_saved() {
    let fixture = Fixture::example();
    let original = fs::read(fixture.dir.join(BERKAS)).unwrap();
    let serve = Serve::start(&fixture.dir);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    let mut nilai = ruang["berkas"][BERKAS]["nilai"].clone();
    nilai["pejabat"][0]["sasaran"][0]["indikator"][0]["target"] = Value::Null;
    let (code, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": BERKAS, "nilai": nilai})),
    );
    assert_eq!(code, 200);
    assert_eq!(
        galat(&after),
        [&json!({
            "tingkat": "galat",
            "berkas": BERKAS,
            "baris": 13,
            "kolom": 15,
            "jalur": "pejabat[0].sasaran[0].indikator[0].target",
            "pesan": "`target` kosong",
            "saran": "isi `target` dengan angka (misalnya 12 atau 85.5)",
        })]
    );
    // No pages for a report that does not load; the last ones stay shown.
    assert_eq!(after["halaman"], Value::Null);
    let (code, body) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(code, 422, "{body}");
    assert!(
        body["galat"].as_str().unwrap().contains("belum lengkap"),
        "{body}"
    );
    assert_eq!(fs::read(fixture.dir.join(BERKAS)).unwrap(), original);
}

/// pegawai.yaml (the people of the Perjanjian Kinerja) is edited like the
/// other files: its findings at their field, saved as one changed line.
#[test]
fn pegawai_yaml_is_edited_checked_and_saved() {
    let fixture = Fixture::example();
    let original = fs::read_to_string(fixture.dir.join("pegawai.yaml")).unwrap();
    let serve = Serve::start(&fixture.dir);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    assert_eq!(ruang["berkas"]["pegawai.yaml"]["jenis"], "pegawai");
    let mut nilai = ruang["berkas"]["pegawai.yaml"]["nilai"].clone();
    assert_eq!(nilai["pegawai"][3]["jabatan"], "Kasi Pemerintahan");
    nilai["pegawai"][3]["atasan"] = json!("Camat Kubutambahn");
    let (_, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "pegawai.yaml", "nilai": nilai})),
    );
    let found: Vec<&Value> = galat(&after);
    assert_eq!(found.len(), 1, "{after}");
    assert_eq!(found[0]["jalur"], "pegawai[3].atasan");
    assert_eq!(found[0]["saran"], "maksud Anda `Camat Kubutambahan`?");
    nilai["pegawai"][3]["atasan"] = json!("Sekretaris Kecamatan");
    let (_, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "pegawai.yaml", "nilai": nilai})),
    );
    assert!(galat(&after).is_empty(), "{after}");
    let (_, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(saved, json!({"ditulis": ["pegawai.yaml"]}));
    let now = fs::read_to_string(fixture.dir.join("pegawai.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(now.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "    atasan: Camat Kubutambahan",
            "    atasan: Sekretaris Kecamatan"
        )]
    );
    assert_eq!(original.lines().count(), now.lines().count());
}

#[test]
fn a_batch_opens_as_its_kecamatan() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("buleleng");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022");
    for name in ["kubutambahan", "sawan"] {
        copy_dir(&example, &batch.join(name));
    }
    fs::write(
        batch.join("kabupaten.yaml"),
        "kabupaten: Buleleng\nkertas: f4\n",
    )
    .unwrap();
    let sawan = batch.join("sawan/laporan.yaml");
    let text = fs::read_to_string(&sawan)
        .unwrap()
        .replace("Kubutambahan", "Sawan");
    fs::write(&sawan, text).unwrap();

    let serve = Serve::start(&batch);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    assert_eq!(ruang["jenis"], "batch");
    assert_eq!(ruang["kecamatan"], json!(["kubutambahan", "sawan"]));
    assert!(ruang["berkas"]["kabupaten.yaml"].is_object(), "{ruang}");
    assert!(ruang["berkas"]["sawan/lampiran/1-program.yaml"].is_object());

    let (code, sawan) = serve.api("POST", "/api/periksa", Some(&json!({"kecamatan": "sawan"})));
    assert_eq!(code, 200, "{sawan}");
    assert!(
        sawan["teks_halaman"][0].as_str().unwrap().contains("SAWAN"),
        "{sawan}"
    );

    // An edit of the shared defaults reaches every kecamatan.
    let mut kabupaten = ruang["berkas"]["kabupaten.yaml"]["nilai"].clone();
    kabupaten["kertas"] = json!("a4");
    let (code, _) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "kabupaten.yaml", "nilai": kabupaten, "kecamatan": "kubutambahan"})),
    );
    assert_eq!(code, 200);
    let (code, body) = serve.api("POST", "/api/periksa", Some(&json!({"kecamatan": "nusa"})));
    assert_eq!(code, 422);
    assert!(
        body["galat"]
            .as_str()
            .unwrap()
            .starts_with("kecamatan `nusa` tidak ada di folder ini"),
        "{body}"
    );
    let (_, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(saved, json!({"ditulis": ["kabupaten.yaml"]}));
    assert_eq!(
        fs::read_to_string(batch.join("kabupaten.yaml")).unwrap(),
        "kabupaten: Buleleng\nkertas: a4\n"
    );
}

fn galat(result: &Value) -> Vec<&Value> {
    result["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["tingkat"] == "galat")
        .collect()
}

/// Every file below `dir` with its bytes, sorted by path.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    renaksi::fs::read_tree(dir).unwrap()
}

#[test]
fn a_new_quarter_is_made_filled_checked_and_saved() {
    let fixture = Fixture::new("monitoring", "kecil");
    let serve = Serve::start(&fixture.dir);
    let (status, made) = serve.api("POST", "/api/realisasi-baru", Some(&json!({"triwulan": 3})));
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["berkas"], "realisasi/tw3.yaml");
    assert_eq!(made["ruang"]["berkas"]["realisasi/tw3.yaml"]["kotor"], true);
    // A quarter that has its file already is refused.
    let (status, refused) = serve.api("POST", "/api/realisasi-baru", Some(&json!({"triwulan": 2})));
    assert_eq!(status, 422);
    assert!(
        refused["galat"]
            .as_str()
            .unwrap()
            .starts_with("realisasi/tw2.yaml sudah ada"),
        "{refused}"
    );
    // The preview typesets the quarter's report, and the rows come back
    // with their figures.
    let mut nilai = made["ruang"]["berkas"]["realisasi/tw3.yaml"]["nilai"].clone();
    nilai["tanggal"] = json!("2024-10-04");
    nilai["indikator"]["camat/jumlah-rapat-koordinasi"]["realisasi"] = json!(4);
    nilai["anggaran"]["camat/program-pemberdayaan-masyarakat"] = json!(60000000);
    let (_, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "realisasi/tw3.yaml", "nilai": nilai, "triwulan": 3})),
    );
    assert!(
        after["teks_halaman"][0]
            .as_str()
            .unwrap()
            .contains("TRIWULAN III TAHUN 2024"),
        "{after}"
    );
    let rows = after["realisasi"]["indikator"].as_array().unwrap();
    let rapat = rows
        .iter()
        .find(|r| r["kunci"] == "camat/jumlah-rapat-koordinasi")
        .unwrap();
    // 1 + 2 + 4 against 2 + 2 + 2.
    assert_eq!(rapat["capaian"], "116,67 %");
    assert_eq!(rapat["kategori"]["nama"], "Sangat Tinggi");
    // 5 + 2,5 + 60 million of a pagu of 50: a galat at its key.
    let found = galat(&after);
    assert_eq!(found.len(), 1, "{after}");
    assert_eq!(found[0]["berkas"], "realisasi/tw3.yaml");
    assert_eq!(
        found[0]["jalur"],
        "anggaran.camat/program-pemberdayaan-masyarakat"
    );
    nilai["anggaran"]["camat/program-pemberdayaan-masyarakat"] = json!(6000000);
    let (_, after) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": "realisasi/tw3.yaml", "nilai": nilai, "triwulan": 3})),
    );
    assert!(galat(&after).is_empty(), "{after}");
    let (_, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(saved, json!({"ditulis": ["realisasi/tw3.yaml"]}));
    let written = fs::read_to_string(fixture.dir.join("realisasi/tw3.yaml")).unwrap();
    assert!(written.contains("tanggal: 2024-10-04\n"));
    assert!(written.contains("  camat/jumlah-rapat-koordinasi:\n    # Jumlah Rapat Koordinasi (target 8 Kali; TW III 2)\n    realisasi: 4\n"));
    assert!(written.contains("  camat/program-pemberdayaan-masyarakat: 6000000\n"));
    // What was saved is what `check` reads.
    let run = crate::support::renaksi(&["check", "kecil"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_preview_is_a_draft() {
    let fixture = Fixture::new("monitoring", "kecil");
    let serve = Serve::start(&fixture.dir);
    let (status, built) = serve.api("POST", "/api/periksa", Some(&json!({})));
    assert_eq!(status, 200, "{built}");
    let (status, svg) = serve.raw(
        "GET",
        "/api/halaman?n=1",
        &serve.host(),
        &[("X-Renaksi-Token", &serve.token)],
        b"",
    );
    assert_eq!(status, 200);
    // The mark's grey strokes are on the page.
    assert!(svg.contains("#e0e0e0"), "{}", &svg[..svg.len().min(400)]);
}

/// One tab of the editor: its own idea of each file's version, updated
/// only by what it is told, as the page's script keeps it.
struct Tab {
    port: u16,
    token: String,
    versi: HashMap<String, u64>,
}

impl Tab {
    fn api(&mut self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let bytes = body
            .as_ref()
            .map(|b| b.to_string().into_bytes())
            .unwrap_or_default();
        let host = format!("127.0.0.1:{}", self.port);
        let (status, text) = raw_at(
            self.port,
            method,
            path,
            &host,
            &[
                ("X-Renaksi-Token", &self.token),
                ("Content-Type", "application/json"),
            ],
            &bytes,
        );
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if let Some(berkas) = value["berkas"].as_object() {
            for (rel, b) in berkas {
                self.versi.insert(rel.clone(), b["versi"].as_u64().unwrap());
            }
        }
        (status, value)
    }

    /// The editor's value of `rel` now, as "Ambil versi terbaru" takes it.
    fn ambil(&mut self, rel: &str) -> Value {
        let (status, ruang) = self.api("GET", "/api/ruang", None);
        assert_eq!(status, 200, "{ruang}");
        ruang["berkas"][rel]["nilai"].clone()
    }

    /// Sends an edit of `rel` made on the version this tab knows.
    fn ubah(&mut self, rel: &str, nilai: &Value) -> (u16, Value) {
        let versi = self.versi[rel];
        let (status, body) = self.api(
            "POST",
            "/api/ubah",
            Some(json!({"berkas": rel, "nilai": nilai, "versi": versi})),
        );
        if status == 200 {
            self.versi
                .insert(rel.to_owned(), body["versi_berkas"][rel].as_u64().unwrap());
        }
        (status, body)
    }

    fn simpan(&mut self) -> (u16, Value) {
        let versi = json!(self.versi);
        self.api("POST", "/api/simpan", Some(json!({ "versi": versi })))
    }
}

/// The program budget `i` of the minimal report's program table.
fn anggaran(nilai: &Value, i: usize) -> u64 {
    nilai["pejabat"][0]["sasaran"][0]["program_kegiatan"][i]["anggaran"]
        .as_u64()
        .unwrap()
}

fn tambah_anggaran(nilai: &mut Value, i: usize) {
    let baru = anggaran(nilai, i) + 1;
    nilai["pejabat"][0]["sasaran"][0]["program_kegiatan"][i]["anggaran"] = json!(baru);
}

const PROGRAM: &str = "lampiran/1-program.yaml";

/// Two tabs of one editor add one rupiah each to their own program's
/// budget, a hundred times, reading the value before each edit and saving
/// now and then: an edit made on a version another tab changed since is
/// refused (409) and made again on the latest, so the file ends with both
/// hundred rupiah — none lost.
#[test]
fn two_tabs_of_one_editor_lose_no_edit() {
    let fixture = Fixture::new("build", "minimal");
    let serve = Serve::start(&fixture.dir);
    let mut first = serve.tab();
    let start = first.ambil(PROGRAM);
    let refused = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for program in 0..2 {
            let mut tab = serve.tab();
            let refused = &refused;
            s.spawn(move || {
                for round in 0..100 {
                    loop {
                        let mut nilai = tab.ambil(PROGRAM);
                        tambah_anggaran(&mut nilai, program);
                        let (status, body) = tab.ubah(PROGRAM, &nilai);
                        if status == 409 {
                            assert!(
                                body["galat"]
                                    .as_str()
                                    .unwrap()
                                    .contains("diubah di tab lain"),
                                "{body}"
                            );
                            assert_eq!(body["basi"], json!([PROGRAM]));
                            refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            continue;
                        }
                        assert_eq!(status, 200, "{body}");
                        break;
                    }
                    if round % 10 == 9 {
                        // A save of a version this tab has not seen is
                        // refused too; the tab takes the latest and saves.
                        while tab.simpan().0 == 409 {
                            tab.ambil(PROGRAM);
                        }
                    }
                }
            });
        }
    });
    let akhir = first.ambil(PROGRAM);
    for i in 0..2 {
        assert_eq!(
            anggaran(&akhir, i),
            anggaran(&start, i) + 100,
            "program {i}"
        );
    }
    while first.simpan().0 == 409 {
        first.ambil(PROGRAM);
    }
    let disk = fs::read_to_string(fixture.dir.join(PROGRAM)).unwrap();
    for i in 0..2 {
        let expected = format!("anggaran: {}", anggaran(&start, i) + 100);
        assert!(disk.contains(&expected), "{expected}\n{disk}");
    }
    // The race was run: some edits were made on a version already gone.
    assert!(refused.into_inner() > 0, "the tabs never raced");
}

/// Two editors on one folder, each saving after every edit: a save whose
/// file changed on disk since it was read is refused (409); the editor
/// reads the folder again and makes its edit again. The check and the
/// write of a save are one step for both editors, so after a hundred
/// rounds each the file holds both hundred rupiah.
#[test]
fn two_editors_on_one_folder_lose_no_edit() {
    let fixture = Fixture::new("build", "minimal");
    let start = fs::read_to_string(fixture.dir.join(PROGRAM)).unwrap();
    let servers = [Serve::start(&fixture.dir), Serve::start(&fixture.dir)];
    let mut tab = servers[0].tab();
    let awal = tab.ambil(PROGRAM);
    let refused = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for (program, serve) in servers.iter().enumerate() {
            let mut tab = serve.tab();
            let refused = &refused;
            s.spawn(move || {
                for _ in 0..100 {
                    loop {
                        let mut nilai = tab.ambil(PROGRAM);
                        tambah_anggaran(&mut nilai, program);
                        let (status, body) = tab.ubah(PROGRAM, &nilai);
                        assert_eq!(status, 200, "{body}");
                        let (status, body) = tab.simpan();
                        if status == 409 {
                            assert_eq!(body["bentrok"], json!([PROGRAM]), "{body}");
                            refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let (status, _) = tab.api("POST", "/api/muat-ulang", Some(json!({})));
                            assert_eq!(status, 200);
                            continue;
                        }
                        assert_eq!(status, 200, "{body}");
                        break;
                    }
                }
            });
        }
    });
    let disk = fs::read_to_string(fixture.dir.join(PROGRAM)).unwrap();
    assert_ne!(disk, start);
    for i in 0..2 {
        let expected = format!("anggaran: {}", anggaran(&awal, i) + 100);
        assert!(disk.contains(&expected), "{expected}\n{disk}");
    }
    assert!(refused.into_inner() > 0, "the editors never raced");
}

/// Peak memory of a process, from the kernel's record (Linux).
fn puncak_kib(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Requests made to take memory: millions of values, nesting deeper than
/// any report, a string past the largest file. Each is refused in
/// Indonesian and the server stays well within 300 MiB.
#[test]
fn hostile_requests_are_refused_in_bounded_memory() {
    let fixture = Fixture::example();
    let serve = Serve::start(&fixture.dir);
    let token = serve.token.clone();
    let headers = [
        ("X-Renaksi-Token", token.as_str()),
        ("Content-Type", "application/json"),
    ];
    let head = br#"{"berkas":"lampiran/1-program.yaml","versi":1,"nilai":"#;
    let with = |nilai: &[u8]| [&head[..], nilai, b"}"].concat();
    let zeros = with(&[&b"["[..], &b"0,".repeat(3 << 20), b"0]"].concat());
    let (status, body) = serve.raw("POST", "/api/ubah", &serve.host(), &headers, &zeros);
    assert_eq!(status, 413, "{body}");
    assert!(
        body.contains("permintaan memuat lebih dari 1.000.000 nilai"),
        "{body}"
    );
    let deep = with(&[b"[".repeat(100_000), b"]".repeat(100_000)].concat());
    let (status, body) = serve.raw("POST", "/api/ubah", &serve.host(), &headers, &deep);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("permintaan tidak dapat dibaca"), "{body}");
    let big = vec![b' '; 9 << 20];
    let (status, body) = serve.raw("POST", "/api/ubah", &serve.host(), &headers, &big);
    assert_eq!(status, 413, "{body}");
    assert!(
        body.contains("permintaan terlalu besar (paling besar 8 MB)"),
        "{body}"
    );
    let kib = puncak_kib(serve.child.id());
    assert!(kib < 300 * 1024, "{kib} KiB");
}

/// A save of what renaksi would then refuse (a cell past its limit) writes
/// nothing; an address the editor does not have is answered in Indonesian.
#[test]
fn a_save_renaksi_would_refuse_writes_nothing() {
    let fixture = Fixture::new("build", "minimal");
    let before = fs::read(fixture.dir.join(PROGRAM)).unwrap();
    let serve = Serve::start(&fixture.dir);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    let mut nilai = ruang["berkas"][PROGRAM]["nilai"].clone();
    nilai["pejabat"][0]["sasaran"][0]["uraian"] = json!("x".repeat(3000));
    let (status, _) = serve.api(
        "POST",
        "/api/ubah",
        Some(&json!({"berkas": PROGRAM, "nilai": nilai})),
    );
    assert_eq!(status, 200);
    let (status, body) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(status, 422, "{body}");
    let galat = body["galat"].as_str().unwrap();
    assert!(
        galat.starts_with("tidak disimpan: renaksi akan menolak isinya: ")
            && galat.contains("`uraian` terlalu panjang: 3.000 karakter (paling banyak 2.000)"),
        "{galat}"
    );
    assert_eq!(fs::read(fixture.dir.join(PROGRAM)).unwrap(), before);

    for (method, path) in [("GET", "/api/tidak-ada"), ("GET", "/api/simpan")] {
        let (status, body) = serve.api(method, path, None);
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(
            body["galat"],
            "alamat ini tidak ada di editor; buka alamat yang dicetak `renaksi serve`"
        );
    }
}

/// Every placeholder `[isi: …]` under `value` replaced with what `isi`
/// gives for its key and YAML path.
fn isi_semua(value: &mut Value, path: &str, isi: &dyn Fn(&str) -> String) {
    match value {
        Value::String(s) if s.contains("[isi:") => *s = isi(path),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                isi_semua(item, &format!("{path}[{i}]"), isi);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                isi_semua(item, &at, isi);
            }
        }
        _ => {}
    }
}

/// A staff member's way to a Perjanjian Kinerja without a line of YAML:
/// `init`, then every form of the editor (identity, tables, the people
/// `init` listed from the tables), save, build. The narrative is left
/// unfilled: it holds back the Rencana Aksi, not the PK, which does not
/// print it.
#[test]
fn a_report_goes_from_init_to_a_built_pk_through_the_editor() {
    let tmp = tempfile::tempdir().unwrap();
    let run = crate::support::renaksi(&["init", "tejakula", "--tahun", "2024"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = tmp.path().join("tejakula");
    let pegawai = fs::read_to_string(dir.join("pegawai.yaml")).unwrap();
    assert!(
        pegawai.contains(
            "  - jabatan: \"[isi: jabatan, misalnya Camat Kubutambahan]\"\n    lampiran: CAMAT\n"
        ),
        "{pegawai}"
    );
    assert!(
        run.stdout.contains("pegawai.yaml: 26 tempat isian"),
        "{}",
        run.stdout
    );

    let serve = Serve::start(&dir);
    let (_, ruang) = serve.api("GET", "/api/ruang", None);
    let identitas = |path: &str| -> String {
        match path {
            "kecamatan" | "penandatangan.tempat" => "Tejakula",
            "kabupaten" => "Buleleng",
            "penandatangan.jabatan" => "Camat Tejakula",
            "penandatangan.nama" => "Drs. Putu Widana, M.Si",
            "penandatangan.pangkat" => "Pembina Tk. I",
            "penandatangan.golongan" => "IV/b",
            "penandatangan.nip" => "197001011995031001",
            other => panic!("laporan.yaml: {other}"),
        }
        .to_owned()
    };
    let pejabat = [
        ("lampiran/2-kegiatan.yaml", "SEKRETARIS CAMAT"),
        ("lampiran/3-sub-kegiatan.yaml", "KASUBBAG UMUM DAN KEUANGAN"),
        ("lampiran/4-kinerja.yaml", "PENGADMINISTRASI UMUM"),
    ];
    let orang = [
        ("Bupati Buleleng", "Dr. Ketut Contoh, S.H.", "", "", "", ""),
        (
            "Camat Tejakula",
            "Drs. Putu Widana, M.Si",
            "Pembina Tk. I",
            "IV/b",
            "197001011995031001",
            "Bupati Buleleng",
        ),
        (
            "Sekretaris Camat",
            "Made Contoh Satu, S.Sos",
            "Pembina",
            "IV/a",
            "197505052000031002",
            "Camat Tejakula",
        ),
        (
            "Kasubbag Umum dan Keuangan",
            "Ni Luh Contoh Dua, S.E.",
            "Penata",
            "III/c",
            "198201012006042003",
            "Sekretaris Camat",
        ),
        (
            "Pengadministrasi Umum",
            "Komang Contoh Tiga",
            "Pengatur",
            "II/c",
            "199003032015031004",
            "Kasubbag Umum dan Keuangan",
        ),
    ];
    let mut files: Vec<&str> = vec!["laporan.yaml", "lampiran/1-program.yaml"];
    files.extend(pejabat.iter().map(|(f, _)| *f));
    files.push("pegawai.yaml");
    for rel in files {
        let mut nilai = ruang["berkas"][rel]["nilai"].clone();
        let jabatan = pejabat.iter().find(|(f, _)| *f == rel).map(|(_, j)| *j);
        isi_semua(&mut nilai, "", &|path: &str| {
            if rel == "laporan.yaml" {
                return identitas(path);
            }
            if rel == "pegawai.yaml" {
                let i: usize = path[8..path.find(']').unwrap()].parse().unwrap();
                let o = orang[i];
                return match path.rsplit('.').next().unwrap() {
                    "jabatan" => o.0,
                    "nama" => o.1,
                    "pangkat" => o.2,
                    "golongan" => o.3,
                    "nip" => o.4,
                    "atasan" => o.5,
                    other => panic!("pegawai.yaml: {other}"),
                }
                .to_owned();
            }
            match path.rsplit('.').next().unwrap() {
                "jabatan" => jabatan.unwrap().to_owned(),
                "satuan" => "Dokumen".to_owned(),
                _ => format!("Uraian {}", path.len()),
            }
        });
        let (code, after) = serve.api(
            "POST",
            "/api/ubah",
            Some(&json!({"berkas": rel, "nilai": nilai})),
        );
        assert_eq!(code, 200, "{after}");
        if rel == "pegawai.yaml" {
            let left: Vec<&Value> = galat(&after)
                .into_iter()
                .filter(|g| g["berkas"] != "narasi.yaml")
                .collect();
            assert!(left.is_empty(), "{left:?}");
        }
    }
    // Every official of the tables is there: nothing for the button to add.
    let (code, lengkap) = serve.api("POST", "/api/pegawai-baru", Some(&json!({})));
    assert_eq!(code, 200, "{lengkap}");
    assert_eq!(lengkap["usulan"], json!([]));
    let (code, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(code, 200, "{saved}");
    drop(serve);

    let pk = crate::support::renaksi(&["build", "--dokumen", "pk", "--gabung"], &dir);
    assert_eq!(pk.code, 0, "{}", pk.stderr);
    let text = crate::support::squash(&crate::support::pdf_text(&dir.join("out/tejakula-pk.pdf")));
    for name in [
        "Made Contoh Satu, S.Sos",
        "Ni Luh Contoh Dua, S.E.",
        "Komang Contoh Tiga",
        "Dr. Ketut Contoh, S.H.",
    ] {
        assert!(
            text.contains(&crate::support::squash(name)),
            "{name}: {text}"
        );
    }
    // The narrative still holds its placeholders: the Rencana Aksi waits.
    let ra = crate::support::renaksi(&["build"], &dir);
    assert_eq!(ra.code, 1, "{}", ra.stderr);
    assert!(ra.stderr.contains("narasi.yaml"), "{}", ra.stderr);
}

/// A report without pegawai.yaml gets its form from the editor, made from
/// its officials: the Camat from the signing official, the Bupati above,
/// every other official with its jabatan as a title.
#[test]
fn the_editor_makes_pegawai_yaml_from_the_officials() {
    let fixture = Fixture::example();
    fs::remove_file(fixture.dir.join("pegawai.yaml")).unwrap();
    let serve = Serve::start(&fixture.dir);
    let (code, made) = serve.api("POST", "/api/pegawai-baru", Some(&json!({})));
    assert_eq!(code, 200, "{made}");
    assert_eq!(made["berkas"], "pegawai.yaml");
    let orang = &made["ruang"]["berkas"]["pegawai.yaml"]["nilai"]["pegawai"];
    let jabatan: Vec<&str> = orang
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["jabatan"].as_str().unwrap())
        .collect();
    assert_eq!(
        jabatan,
        [
            "Bupati Buleleng",
            "Camat Kubutambahan",
            "Sekretaris Kecamatan",
            "Kepala Seksi Pelayanan Terpadu",
            "Kasi Sosial Budaya",
            "Kasi Pemerintahan",
            "Kasi Pembangunan",
            "Kasubbag Perencanaan",
            "Kasubbag Umum & Keuangan",
            "Bendahara",
            "Pengelola Gaji",
            "Pengadministrasi Pertanahan",
            "Pengelola Monitoring dan Evaluasi",
            "Pengadministrasi Pendidikan dan Kebudayaan",
            "Pranata Perlindungan Masyarakat",
        ]
    );
    assert_eq!(orang[1]["lampiran"], "CAMAT");
    assert_eq!(orang[1]["nama"], "Drs. Made Suyasa, M.Si");
    assert_eq!(orang[1]["atasan"], "Bupati Buleleng");
    // Made once: asked again, nothing is lacking.
    let (_, again) = serve.api("POST", "/api/pegawai-baru", Some(&json!({})));
    assert_eq!(again["usulan"], json!([]));
    let (_, checked) = serve.api("POST", "/api/periksa", Some(&json!({})));
    // Each placeholder at its field: a peringatan here, a galat for the PK.
    let names: Vec<&Value> = checked["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["jalur"] == "pegawai[2].nama" && g["tingkat"] == "peringatan")
        .collect();
    assert_eq!(names.len(), 1, "{checked}");
    let (_, saved) = serve.api("POST", "/api/simpan", Some(&json!({})));
    assert_eq!(saved, json!({"ditulis": ["pegawai.yaml"]}));
    let written = fs::read_to_string(fixture.dir.join("pegawai.yaml")).unwrap();
    assert!(
        written.contains(
            "  - jabatan: Sekretaris Kecamatan\n    nama: \"[isi: nama lengkap dengan gelar]\"\n"
        ),
        "{written}"
    );
}

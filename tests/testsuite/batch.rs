//! `renaksi batch` and `renaksi manifest merge`: a folder of report folders,
//! built in parallel, in shards, with one broken report isolated.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::support::{pdf_text, renaksi, renaksi_on_terminal, Run};

const KECAMATAN: [(&str, &str); 4] = [
    ("banjar", "Banjar"),
    ("gerokgak", "Gerokgak"),
    ("sawan", "Sawan"),
    ("tejakula", "Tejakula"),
];

/// A batch folder of the minimal report, once per kecamatan, each with its
/// own kecamatan and Camat; `broken` gets a golongan that cannot exist.
pub(crate) fn batch(broken: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("buleleng");
    let minimal = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/build/minimal");
    for (folder, nama) in KECAMATAN {
        let to = dir.join(folder);
        fs::create_dir_all(to.join("lampiran")).unwrap();
        for rel in [
            "narasi.yaml",
            "lampiran/1-program.yaml",
            "lampiran/4-kinerja.yaml",
        ] {
            fs::copy(minimal.join(rel), to.join(rel)).unwrap();
        }
        let mut laporan = fs::read_to_string(minimal.join("laporan.yaml"))
            .unwrap()
            .replace("kecamatan: Contoh", &format!("kecamatan: {nama}"))
            .replace("jabatan: Camat Contoh", &format!("jabatan: Camat {nama}"))
            .replace(
                "nama: I Made Uji, S.STP",
                &format!("nama: I Made {nama}, S.STP"),
            );
        if broken == Some(folder) {
            laporan = laporan.replace("golongan: III/d", "golongan: V/a");
        }
        fs::write(to.join("laporan.yaml"), laporan).unwrap();
    }
    (tmp, dir)
}

fn run_batch(dir: &Path, out: &Path, extra: &[&str]) -> Run {
    // The folder as a user names it, relative to where they stand.
    let name = dir.file_name().unwrap().to_str().unwrap();
    let mut args = vec!["batch", name, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    renaksi(&args, dir.parent().unwrap())
}

fn manifest(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn each_pdf_names_its_own_kecamatan_and_camat_only() {
    let (tmp, dir) = batch(None);
    let out = tmp.path().join("out");
    let run = run_batch(&dir, &out, &["-j", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (folder, nama) in KECAMATAN {
        let text = pdf_text(&out.join(format!("{folder}.pdf")));
        assert!(
            text.contains(&format!("KECAMATAN {}", nama.to_uppercase())),
            "{folder}"
        );
        assert!(text.contains(&format!("I Made {nama}, S.STP")), "{folder}");
        for (_, other) in KECAMATAN.iter().filter(|(_, o)| *o != nama) {
            assert!(
                !text.contains(&format!("I Made {other}")),
                "{folder} names {other}"
            );
            assert!(
                !text.to_uppercase().contains(&other.to_uppercase()),
                "{folder} names {other}"
            );
        }
    }
    let json = manifest(&out.join("manifest.json"));
    let laporan = json["laporan"].as_array().unwrap();
    assert_eq!(laporan.len(), 4);
    for (entry, (folder, nama)) in laporan.iter().zip(KECAMATAN) {
        let pdf = fs::read(out.join(format!("{folder}.pdf"))).unwrap();
        assert_eq!(entry["kecamatan"], nama);
        assert_eq!(entry["folder"], folder);
        assert_eq!(entry["berkas"], format!("{folder}.pdf"));
        assert_eq!(entry["status"], "ok");
        assert_eq!(entry["ukuran"], pdf.len());
        let sha: String = Sha256::digest(&pdf)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"], sha);
        assert!(entry["halaman"].as_u64().unwrap() > 3);
        assert!(entry["milidetik"].is_u64());
        assert!(entry["pesan"].is_null());
    }
}

#[test]
fn a_broken_report_stops_nothing_else() {
    let (tmp, dir) = batch(Some("gerokgak"));
    let out = tmp.path().join("out");
    let run = run_batch(&dir, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("3 laporan disusun, 1 gagal"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  gagal: gerokgak: 1 galat data, yang pertama: buleleng/gerokgak/laporan.yaml:11:3 (penandatangan.golongan): golongan `V/a` tidak dikenal\n"),
        "{}",
        run.stderr
    );
    assert!(!out.join("gerokgak.pdf").exists());
    for folder in ["banjar", "sawan", "tejakula"] {
        assert!(out.join(format!("{folder}.pdf")).is_file(), "{folder}");
    }
    let json = manifest(&out.join("manifest.json"));
    let failed = &json["laporan"][1];
    assert_eq!(failed["status"], "gagal");
    assert!(failed["berkas"].is_null() && failed["sha256"].is_null());
    assert!(failed["pesan"]
        .as_str()
        .unwrap()
        .contains("golongan `V/a` tidak dikenal"));
}

#[test]
fn a_terminal_gets_a_progress_bar_and_the_failures_above_it() {
    let (tmp, dir) = batch(Some("gerokgak"));
    let out = tmp.path().join("out");
    let args = ["batch", dir.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let run = renaksi_on_terminal(&args, tmp.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    // The bar redraws itself in place and ends full; a report that built
    // gets no line of its own, a failure is printed above the bar.
    assert!(run.stdout.contains("4/4 laporan, sisa"), "{}", run.stdout);
    assert!(run.stdout.contains("\r"), "{}", run.stdout);
    assert!(!run.stdout.contains("] banjar: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("gerokgak: gagal: 1 galat data"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("3 laporan disusun, 1 gagal"));
    // Without a terminal the same run prints one plain line per report.
    let plain = run_batch(&dir, &tmp.path().join("polos"), &[]);
    assert!(!plain.stderr.contains("laporan, sisa"), "{}", plain.stderr);
    assert!(
        plain.stderr.contains("] banjar: 7 halaman"),
        "{}",
        plain.stderr
    );
}

#[test]
fn same_bytes_for_any_jobs_and_shards_and_merged_manifests() {
    let (tmp, dir) = batch(None);
    let whole = tmp.path().join("j1");
    assert_eq!(run_batch(&dir, &whole, &["-j", "1"]).code, 0);
    let two = tmp.path().join("j2");
    assert_eq!(run_batch(&dir, &two, &["-j", "2"]).code, 0);
    let shards = tmp.path().join("shards");
    for k in 1..=3 {
        let run = run_batch(&dir, &shards, &["--shard", &format!("{k}/3")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for (folder, _) in KECAMATAN {
        let name = format!("{folder}.pdf");
        let reference = fs::read(whole.join(&name)).unwrap();
        assert!(
            reference == fs::read(two.join(&name)).unwrap(),
            "{name} -j 2"
        );
        assert!(
            reference == fs::read(shards.join(&name)).unwrap(),
            "{name} shard"
        );
    }
    // Disjoint and complete: each folder in exactly one part.
    let mut seen: Vec<String> = Vec::new();
    let mut parts = Vec::new();
    for k in 1..=3 {
        let part = shards.join(format!("manifest-{k}-dari-3.json"));
        for entry in manifest(&part)["laporan"].as_array().unwrap() {
            seen.push(entry["folder"].as_str().unwrap().to_owned());
        }
        parts.push(part.to_str().unwrap().to_owned());
    }
    seen.sort();
    assert_eq!(seen, ["banjar", "gerokgak", "sawan", "tejakula"]);

    let merged = tmp.path().join("gabungan.json");
    let mut args = vec!["manifest", "merge"];
    args.extend(parts.iter().map(String::as_str));
    args.extend(["-o", merged.to_str().unwrap()]);
    let run = renaksi(&args, tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let without_times = |mut json: serde_json::Value| {
        for entry in json["laporan"].as_array_mut().unwrap() {
            entry["milidetik"] = 0.into();
        }
        json
    };
    assert_eq!(
        without_times(manifest(&merged)),
        without_times(manifest(&whole.join("manifest.json")))
    );
    // Overlapping parts are refused.
    let mut args = vec!["manifest", "merge", parts[0].as_str(), parts[0].as_str()];
    args.extend(["-o", merged.to_str().unwrap()]);
    let run = renaksi(&args, tmp.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("ada di lebih dari satu manifest"),
        "{}",
        run.stderr
    );
}

#[test]
fn wrong_shard_and_empty_folder_are_usage_errors() {
    let (tmp, dir) = batch(None);
    let out = tmp.path().join("out");
    let run = run_batch(&dir, &out, &["--shard", "4/3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("galat: nilai tidak sah untuk --shard"),
        "{}",
        run.stderr
    );
    let empty = tmp.path().join("kosong");
    fs::create_dir_all(&empty).unwrap();
    let run = run_batch(&empty, &out, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tidak ada folder laporan di"),
        "{}",
        run.stderr
    );
}

const BULELENG: [(&str, &str); 9] = [
    ("banjar", "Banjar"),
    ("buleleng", "Buleleng"),
    ("busungbiu", "Busungbiu"),
    ("gerokgak", "Gerokgak"),
    ("kubutambahan", "Kubutambahan"),
    ("sawan", "Sawan"),
    ("seririt", "Seririt"),
    ("sukasada", "Sukasada"),
    ("tejakula", "Tejakula"),
];

#[test]
fn the_nine_buleleng_reports_name_their_own_kecamatan_and_camat() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let run = renaksi(
        &["batch", "buleleng-2022", "-o", out.to_str().unwrap()],
        &content,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (folder, nama) in BULELENG {
        let text = pdf_text(&out.join(format!("{folder}.pdf")));
        assert!(
            text.contains(&format!("KECAMATAN {}", nama.to_uppercase())),
            "{folder}"
        );
        assert!(text.contains(&format!("Camat {nama}")), "{folder}");
        assert!(
            text.contains("KABUPATEN BULELENG") && text.contains("TAHUN 2022"),
            "{folder}"
        );
        for (_, other) in BULELENG.iter().filter(|(_, o)| *o != nama) {
            assert!(
                !text.contains(&format!("Camat {other}")),
                "{folder}: Camat {other}"
            );
            let kecamatan = format!("KECAMATAN {}", other.to_uppercase());
            assert!(!text.contains(&kecamatan), "{folder}: {kecamatan}");
        }
    }
    assert_eq!(
        manifest(&out.join("manifest.json"))["laporan"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
}

#[test]
fn a_kecamatan_folder_builds_alone_with_the_batch_defaults() {
    let (tmp, dir) = batch(None);
    // The defaults move to kabupaten.yaml; Sawan writes its own narrative.
    fs::write(
        dir.join("kabupaten.yaml"),
        "kabupaten: Buleleng\ntahun: 2023\nkertas: f4\n",
    )
    .unwrap();
    for (folder, _) in KECAMATAN {
        let path = dir.join(folder).join("laporan.yaml");
        let text = fs::read_to_string(&path).unwrap();
        let text = text
            .replace("kabupaten: Uji\n", "")
            .replace("tahun: 2024\n", "");
        fs::write(&path, text).unwrap();
    }
    let shared = fs::read_to_string(dir.join("sawan/narasi.yaml")).unwrap();
    fs::write(dir.join("narasi.yaml"), &shared).unwrap();
    for folder in ["banjar", "gerokgak", "tejakula"] {
        fs::remove_file(dir.join(folder).join("narasi.yaml")).unwrap();
    }
    let own = shared.replace(
        "Kata pengantar laporan",
        "Kata pengantar khusus Sawan untuk laporan",
    );
    fs::write(dir.join("sawan/narasi.yaml"), own).unwrap();

    let out = tmp.path().join("banjar.pdf");
    let run = renaksi(
        &["build", "buleleng/banjar", "-o", out.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&out);
    assert!(
        text.contains("KABUPATEN BULELENG") && text.contains("TAHUN 2023"),
        "{text}"
    );
    assert!(!text.contains("khusus Sawan"));
    let info = crate::support::poppler("pdfinfo", &[out.to_str().unwrap()]);
    assert!(
        info.contains("609.4") && info.contains("935.4"),
        "F4 from kabupaten.yaml\n{info}"
    );

    let out = tmp.path().join("out");
    let run = run_batch(&dir, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(pdf_text(&out.join("sawan.pdf")).contains("khusus Sawan"));
    assert!(!pdf_text(&out.join("tejakula.pdf")).contains("khusus Sawan"));

    // What belongs to one kecamatan is refused in kabupaten.yaml, and a
    // key missing from both files is named with both places to put it.
    fs::write(
        dir.join("kabupaten.yaml"),
        "kecamatan: Semua\ntahun: 2023\n",
    )
    .unwrap();
    let run = renaksi(&["check", "buleleng/banjar"], tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("galat: buleleng/kabupaten.yaml:1:1 (kecamatan): `kecamatan` berbeda untuk setiap kecamatan"), "{}", run.stderr);
    assert!(run.stderr.contains("galat: buleleng/banjar/laporan.yaml: kunci wajib `kabupaten` belum ada\n  saran: tambahkan baris `kabupaten: …` di laporan.yaml, atau untuk semua kecamatan di kabupaten.yaml folder batch"), "{}", run.stderr);
}

#[test]
fn kabupaten_wide_electronic_signing_with_each_kecamatan_its_own_qr() {
    let (tmp, dir) = batch(None);
    fs::write(
        dir.join("kabupaten.yaml"),
        "tanda_tangan:\n  mode: tte\n  jangkar: \"~\"\n",
    )
    .unwrap();
    for (folder, _) in KECAMATAN {
        let path = dir.join(folder).join("laporan.yaml");
        let text = fs::read_to_string(&path).unwrap();
        let own = format!("{text}tanda_tangan:\n  qr: https://contoh.go.id/v/{folder}\n");
        fs::write(&path, own).unwrap();
    }
    let out = tmp.path().join("out");
    let run = run_batch(&dir, &out, &["-j", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (folder, nama) in KECAMATAN {
        let side = manifest(&out.join(format!("{folder}.tte.json")));
        assert_eq!(side["pdf"], format!("{folder}.pdf"));
        assert_eq!(side["jangkar"], "~");
        assert_eq!(side["kotak"].as_array().unwrap().len(), 3, "{side}");
        let text = pdf_text(&out.join(format!("{folder}.pdf")));
        assert!(text.contains(&format!(
            "Ditandatangani secara elektronik oleh:\nCamat {nama}"
        )));
    }
    // A kecamatan without its QR text is refused on its own.
    let banjar = dir.join("banjar/laporan.yaml");
    let text = fs::read_to_string(&banjar).unwrap();
    fs::write(
        &banjar,
        text.replace("  qr: https://contoh.go.id/v/banjar\n", ""),
    )
    .unwrap();
    let run = run_batch(&dir, &tmp.path().join("out2"), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("gagal: banjar: ") && run.stderr.contains("memerlukan isi kode QR"),
        "{}",
        run.stderr
    );
}

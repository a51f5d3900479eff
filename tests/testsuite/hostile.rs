//! Hostile and broken input: each case ends with a clear message naming the
//! file and exit 1, never a panic or a hang (runs are killed after a minute).

use crate::support::{Fixture, Run};

/// Writes `bytes` to `rel` in a copy of the minimal report and runs check.
fn check_with(rel: &str, bytes: &[u8]) -> (Run, String) {
    let fixture = Fixture::new("build", "minimal");
    let path = fixture.dir.join(rel);
    std::fs::write(path, bytes).unwrap();
    let run = crate::support::renaksi(
        &["check", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
    );
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    (run, out)
}

fn assert_clear(run: &Run, out: &str, head: &str) {
    assert_eq!(run.code, 1, "{out}");
    assert!(out.starts_with(head), "expected {head:?}\n{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn fifty_megabytes() {
    let item = "          - uraian: Indikator\n            satuan: Nilai\n            target: 1\n";
    let mut text = String::from(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n",
    );
    while text.len() < 50 << 20 {
        text.push_str(item);
    }
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_clear(
        &run,
        &out,
        "galat: DIR/lampiran/4-kinerja.yaml: berkas terlalu besar: 50,0 MB (paling besar 4 MB)\n",
    );
}

#[test]
fn five_thousand_levels_of_nesting() {
    let flow = format!("kata_pengantar: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let (run, out) = check_with("narasi.yaml", flow.as_bytes());
    assert_clear(
        &run,
        &out,
        "galat: DIR/narasi.yaml:1:1: kunci wajib `bab` belum ada\n",
    );
    assert!(
        out.contains(
            "galat: DIR/narasi.yaml:1:17 (kata_pengantar): jenis nilai salah: tertulis daftar\n"
        ),
        "{out}"
    );
    // The long line is shown cut around the column, not in full.
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");

    // Block style, one level per "- ".
    let block = format!("bab:\n  {}x\n", "- ".repeat(5000));
    let (run, out) = check_with("narasi.yaml", block.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.starts_with(
            "galat: DIR/narasi.yaml:2:5 (bab[0]): jenis nilai salah: tertulis daftar\n"
        ),
        "{out}"
    );
}

#[test]
fn alias_bomb() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb.push_str("kata_pengantar: *a11\nbab: *a11\n");
    let (run, out) = check_with("narasi.yaml", bomb.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.starts_with("galat: DIR/narasi.yaml:1:1: kunci `a0` tidak dikenal"),
        "{out}"
    );
    assert_eq!(out.matches("galat: DIR/narasi.yaml:").count(), 12, "{out}");
    // Removing the unknown keys takes their anchors: that is not reported.
    assert!(!out.contains("anchor"), "{out}");
}

#[test]
fn a_hundred_thousand_characters() {
    let long = "kata ".repeat(20_000);
    let (run, out) = check_with(
        "narasi.yaml",
        format!("kata_pengantar: {long}\nbab:\n  - judul: Satu\n    isi: Isi.\n").as_bytes(),
    );
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains(
        "galat: DIR/narasi.yaml:1:17 (kata_pengantar): `kata_pengantar` terlalu panjang: 99.999 karakter (paling banyak 50.000)\n"
    ), "{out}");
    let fixture_cell = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testsuite/build/minimal/lampiran/4-kinerja.yaml"
    ))
    .unwrap()
    .replace(
        "satuan: Dokumen",
        &format!("satuan: {}", "x".repeat(100_000)),
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", fixture_cell.as_bytes());
    // After the minimal report's own warning on line 7.
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains(
        "galat: DIR/lampiran/4-kinerja.yaml:8:21 (pejabat[0].sasaran[0].indikator[0].satuan): `satuan` terlalu panjang: 100.000 karakter (paling banyak 2.000)\n"
    ), "{out}");
}

#[test]
fn a_thousand_errors_are_cut_at_fifty_per_file() {
    let item = "          - uraian: I\n            satuan: N\n            target: x\n";
    let text = format!(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n{}",
        item.repeat(1000)
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert_eq!(out.matches("jenis nilai salah").count(), 50, "{out}");
    let note = "galat: DIR/lampiran/4-kinerja.yaml: pemeriksaan berkas ini berhenti di sini; mungkin masih ada galat lain\n";
    assert!(out.contains(note), "{out}");
}

#[test]
fn a_large_file_full_of_errors_is_searched_for_a_bounded_time() {
    // 4 MB with the errors at the end: the search past the first error
    // parses the file again only a few times.
    let ok = "          - uraian: I\n            satuan: N\n            target: 1\n";
    let bad = ok.replace("target: 1", "target: x");
    let text = format!(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n{}{}",
        ok.repeat(55_000),
        bad.repeat(5000)
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    let found = out.matches("jenis nilai salah").count();
    assert!((1..50).contains(&found), "{found} errors\n{out}");
    assert!(
        out.contains("pemeriksaan berkas ini berhenti di sini"),
        "{out}"
    );
}

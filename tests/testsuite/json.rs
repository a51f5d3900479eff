//! Every JSON renaksi writes — the batch manifest, the signature sidecar,
//! `check --format json`, `diff --format json` — carries `"versi": 1` and
//! only keys that docs/json.md documents, all in one language.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::support::{copy_dir, renaksi, Fixture};

/// Every key of `value`, at any depth.
fn keys(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                out.insert(key.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

fn read(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_json_is_versioned_and_documented() {
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| {
        t + "tanda_tangan:\n  mode: tte\n  qr: https://contoh.go.id/v/1\n"
    });
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sidecar = read(&pdf.with_extension("tte.json"));

    let check = renaksi(
        &["check", fixture.dir.to_str().unwrap(), "--format", "json"],
        fixture.tmp.path(),
    );
    let check: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();

    let lama = fixture.path("lama");
    copy_dir(&fixture.dir, &lama);
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace("januari: 150", "januari: 160")
    });
    let diff = renaksi(
        &[
            "diff",
            lama.to_str().unwrap(),
            fixture.dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    let diff: serde_json::Value = serde_json::from_str(&diff.stdout).unwrap();

    let batch = fixture.path("batch");
    copy_dir(&fixture.dir, &batch.join("contoh"));
    let out = fixture.path("keluaran");
    let run = renaksi(
        &[
            "batch",
            batch.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = read(&out.join("manifest.json"));
    fs::write(batch.join("kabupaten.yaml"), "kabupaten: Uji\n").unwrap();
    let check_batch = renaksi(
        &["check", batch.to_str().unwrap(), "--format", "json"],
        fixture.tmp.path(),
    );
    let check_batch: serde_json::Value = serde_json::from_str(&check_batch.stdout).unwrap();
    assert_eq!(check_batch["peringatan"], 1, "{check_batch:#}");
    assert_eq!(check_batch["laporan"][0]["temuan"][0]["baris"], 7);

    for (name, json) in [
        ("sidecar", &sidecar),
        ("check", &check),
        ("diff", &diff),
        ("manifest", &manifest),
        ("check batch", &check_batch),
    ] {
        assert_eq!(json["versi"], 1, "{name}: {json:#}");
        let mut found = BTreeSet::new();
        keys(json, &mut found);
        for key in found {
            assert!(
                docs.contains(&format!("\"{key}\"")),
                "{name}: key `{key}` is not in docs/json.md"
            );
        }
    }
}

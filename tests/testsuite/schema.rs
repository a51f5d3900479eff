//! `renaksi schema`: the committed schemas are what the binary prints, the
//! example's files name them in their modeline and are valid against them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{renaksi, Fixture};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The schema file a YAML file's `yaml-language-server` modeline points to.
fn modeline(yaml: &Path) -> PathBuf {
    let text = fs::read_to_string(yaml).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{} has no modeline: {first}", yaml.display()));
    yaml.parent().unwrap().join(rel)
}

fn validator(schema: &Path) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(schema).unwrap()).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    let value: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
    validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_what_the_binary_writes() {
    let fixture = Fixture::new("build", "minimal");
    let out = fixture.path("skema");
    let run = renaksi(&["schema", "-o", out.to_str().unwrap()], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["laporan", "narasi", "lampiran", "pegawai", "realisasi"] {
        let file = format!("{name}.schema.json");
        let written = fs::read_to_string(out.join(&file)).unwrap();
        let committed = fs::read_to_string(root().join("schema").join(&file)).unwrap();
        assert!(
            written == committed,
            "schema/{file} is out of date: run `cargo run -- schema -o schema`"
        );
        let printed = renaksi(&["schema", name], fixture.tmp.path());
        assert_eq!(printed.code, 0);
        assert_eq!(printed.stdout, written);
    }
}

#[test]
fn example_files_name_their_schema_and_are_valid() {
    let dir = root().join("content/kubutambahan-2022");
    let mut files = vec![
        dir.join("laporan.yaml"),
        dir.join("narasi.yaml"),
        dir.join("pegawai.yaml"),
        dir.join("renstra.yaml"),
        dir.join("kinerja-lalu.yaml"),
        dir.join("lkjip.yaml"),
    ];
    let mut lampiran: Vec<PathBuf> = fs::read_dir(dir.join("lampiran"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    lampiran.sort();
    assert_eq!(lampiran.len(), 4);
    files.extend(lampiran);
    let mut realisasi: Vec<PathBuf> = fs::read_dir(dir.join("realisasi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    realisasi.sort();
    assert_eq!(realisasi.len(), 4);
    files.extend(realisasi);
    for yaml in files {
        let schema = modeline(&yaml).canonicalize().unwrap();
        let kind = if yaml.parent().unwrap().ends_with("lampiran") {
            "lampiran"
        } else if yaml.parent().unwrap().ends_with("realisasi") {
            "realisasi"
        } else {
            yaml.file_stem().unwrap().to_str().unwrap()
        };
        assert_eq!(schema, root().join(format!("schema/{kind}.schema.json")));
        let found = errors(&validator(&schema), &fs::read_to_string(&yaml).unwrap());
        assert!(found.is_empty(), "{}: {found:?}", yaml.display());
    }
}

#[test]
fn schema_rejects_what_check_rejects() {
    let schema = validator(&root().join("schema/lampiran.schema.json"));
    let valid = "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n          - uraian: I\n            satuan: N\n            target: 12\n            bulan: {pebruari: 1, desember: 11}\n";
    assert_eq!(errors(&schema, valid), Vec::<String>::new());
    for (wrong, at) in [
        (
            valid.replace("satuan:", "satuann:"),
            "/pejabat/0/sasaran/0/indikator/0",
        ),
        (
            valid.replace("target: 12", "target: dua"),
            "/pejabat/0/sasaran/0/indikator/0/target",
        ),
        (
            valid.replace("pebruari", "febuari"),
            "/pejabat/0/sasaran/0/indikator/0/bulan",
        ),
        (valid.replace("kinerja", "staf"), "/tingkat"),
    ] {
        let found = errors(&schema, &wrong);
        assert!(
            found.iter().any(|e| e.starts_with(&format!("{at}: "))),
            "{wrong}\n{found:?}"
        );
    }
    let laporan = validator(&root().join("schema/laporan.schema.json"));
    let text =
        fs::read_to_string(root().join("tests/testsuite/build/minimal/laporan.yaml")).unwrap();
    assert_eq!(errors(&laporan, &text), Vec::<String>::new());
    let found = errors(
        &laporan,
        &text.replace("tanggal: 2024-02-05", "tanggal: 5 Februari 2024"),
    );
    assert!(
        found.iter().any(|e| e.starts_with("/penandatangan")),
        "{found:?}"
    );
}

//! One rule for which report a command works on: the folder given; else the
//! current folder when it holds laporan.yaml or kabupaten.yaml; else the
//! bundled example, said in the first line of output.

use std::fs;

use crate::batch::batch;
use crate::support::{renaksi, Fixture};

const CONTOH: &str = "memakai contoh bawaan (Kecamatan Kubutambahan 2022): folder ini tidak \
                      berisi laporan.yaml atau kabupaten.yaml; untuk laporan Anda: `renaksi";

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn elsewhere_the_bundled_example_is_announced_first() {
    let tmp = tempfile::tempdir().unwrap();
    let check = renaksi(&["check"], tmp.path());
    assert_eq!(
        first_line(&check.stderr),
        format!("{CONTOH} check FOLDER`"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .ends_with("(contoh bawaan) content/kubutambahan-2022: 0 galat, 36 peringatan\n"),
        "{}",
        check.stderr
    );
    // JSON stays alone on standard output; the announcement is on stderr.
    let json = renaksi(&["check", "--format", "json"], tmp.path());
    assert_eq!(first_line(&json.stderr), format!("{CONTOH} check FOLDER`"));
    assert!(json
        .stdout
        .starts_with("{\n  \"versi\": 1,\n  \"laporan\": \"(contoh bawaan)"));

    // Commands that cannot work on an example inside the binary say why.
    let watch = renaksi(&["watch"], tmp.path());
    assert_eq!(watch.code, 2);
    assert_eq!(
        watch.stderr,
        "galat: tidak ada laporan untuk diawasi: folder ini tidak berisi laporan.yaml\n  \
         saran: sebut folder laporan (`renaksi watch FOLDER`), atau buat dengan \
         `renaksi init FOLDER`\n"
    );
    let batch = renaksi(&["batch"], tmp.path());
    assert_eq!(batch.code, 2);
    assert_eq!(
        first_line(&batch.stderr),
        "galat: folder ini bukan folder batch: tidak berisi kabupaten.yaml"
    );
    let diff = renaksi(&["diff", "--git", "HEAD"], tmp.path());
    assert_eq!(diff.code, 2);
    assert_eq!(
        first_line(&diff.stderr),
        "galat: folder ini tidak berisi laporan.yaml atau kabupaten.yaml: tidak ada laporan \
         untuk dibandingkan"
    );
}

#[test]
fn in_a_report_folder_every_command_works_on_it() {
    let fixture = Fixture::new("build", "minimal");
    let check = renaksi(&["check"], &fixture.dir);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .starts_with("peringatan: lampiran/4-kinerja.yaml:7:13 "),
        "{}",
        check.stderr
    );
    assert!(check
        .stderr
        .ends_with("\nfolder ini: 0 galat, 1 peringatan\n"));

    // Files are named as they are seen from here.
    fixture.edit("laporan.yaml", |t| {
        t.replace("golongan: III/d", "golongan: V/a")
    });
    let check = renaksi(&["check"], &fixture.dir);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.starts_with(
            "galat: laporan.yaml:11:3 (penandatangan.golongan): golongan `V/a` tidak dikenal"
        ),
        "{}",
        check.stderr
    );
    fixture.edit("laporan.yaml", |t| {
        t.replace("golongan: V/a", "golongan: III/d")
    });

    let build = renaksi(&["build"], &fixture.dir);
    assert_eq!(build.code, 0, "{}", build.stderr);
    // No announcement: the report here is the one built.
    assert!(build
        .stderr
        .starts_with("peringatan: lampiran/4-kinerja.yaml:7:13 "));
    assert!(
        build
            .stderr
            .contains("\n1 peringatan; lihat semuanya dengan `renaksi check .`\n"),
        "{}",
        build.stderr
    );
    assert!(build
        .stderr
        .ends_with("PDF ditulis: out/minimal.pdf (7 halaman)\n"));
    assert!(fixture.dir.join("out/minimal.pdf").is_file());

    // One report is not a batch.
    let batch = renaksi(&["batch"], &fixture.dir);
    assert_eq!(batch.code, 2);
    assert_eq!(
        first_line(&batch.stderr),
        "galat: folder ini adalah satu laporan (berisi laporan.yaml), bukan folder batch"
    );
}

#[test]
fn in_a_batch_folder_check_covers_every_report_and_build_points_to_batch() {
    let (_tmp, dir) = batch(Some("sawan"));
    fs::write(dir.join("kabupaten.yaml"), "kabupaten: Uji\n").unwrap();

    let check = renaksi(&["check"], &dir);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let summaries: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.contains(" galat, "))
        .collect();
    assert_eq!(
        summaries,
        [
            "banjar: 0 galat, 1 peringatan",
            "gerokgak: 0 galat, 1 peringatan",
            "sawan: 1 galat, 1 peringatan",
            "tejakula: 0 galat, 1 peringatan",
            "folder ini: 4 laporan, 1 galat, 4 peringatan",
        ],
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("\ngalat: sawan/laporan.yaml:11:3 "));

    let json = renaksi(&["check", ".", "--format", "json"], &dir);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["batch"], ".");
    assert_eq!(value["galat"], 1);
    assert_eq!(value["laporan"].as_array().unwrap().len(), 4);
    assert_eq!(value["laporan"][2]["laporan"], "sawan");

    let build = renaksi(&["build"], &dir);
    assert_eq!(build.code, 2);
    assert_eq!(
        build.stderr,
        "galat: folder ini adalah folder batch (berisi kabupaten.yaml), bukan satu laporan\n  \
         saran: susun semua kecamatannya dengan `renaksi batch .`, atau satu kecamatan dengan \
         `renaksi build banjar`\n"
    );

    // `batch` with no folder builds this one.
    let run = renaksi(&["batch", "-o", "pdf", "-j", "2"], &dir);
    assert_eq!(run.code, 1, "sawan fails: {}", run.stderr);
    for ok in ["banjar", "gerokgak", "tejakula"] {
        assert!(dir.join(format!("pdf/{ok}.pdf")).is_file(), "{ok}");
    }
    let manifest = fs::read_to_string(dir.join("pdf/manifest.json")).unwrap();
    assert!(manifest.contains("\"folder\": \"banjar\""), "{manifest}");
}

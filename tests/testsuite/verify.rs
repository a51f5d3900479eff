//! `renaksi verify`: a PDF built again from its YAML, as the PDF says it
//! was built, and compared byte for byte. Exit 0 same, 1 different, 2
//! could not tell.

use std::fs;
use std::path::Path;

use crate::support::{commit_all, ganti_halaman_satu, renaksi, Fixture, Run};

/// The example in a fresh repository, committed.
fn in_git() -> Fixture {
    let fixture = Fixture::example();
    commit_all(&fixture.dir);
    fixture
}

fn verify(fixture: &Fixture, args: &[&str]) -> Run {
    renaksi(&[&["verify"], args].concat(), fixture.tmp.path())
}

#[test]
fn the_same_source_gives_the_same_pdf() {
    let fixture = in_git();
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = verify(&fixture, &[pdf.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("SAMA: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("(rencana-aksi, final, renaksi "),
        "{}",
        run.stdout
    );
    // Against the commit it was built at, too.
    let run = verify(
        &fixture,
        &[pdf.to_str().unwrap(), "kubutambahan-2022", "--git", "HEAD"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Each kind of document.
    for (args, file) in [
        (
            &["--dokumen", "pk"][..],
            "pk/kubutambahan-2022-pk-03-kasi-pemerintahan.pdf",
        ),
        (
            &["--dokumen", "pk", "--gabung"][..],
            "gabung/kubutambahan-2022-pk.pdf",
        ),
        (
            &["--dokumen", "monitoring", "--triwulan", "2", "--jejak"][..],
            "m/kubutambahan-2022-monitoring-tw2.pdf",
        ),
    ] {
        let out = fixture.path(file);
        let folder = out.parent().unwrap().to_str().unwrap().to_owned();
        let mut all = vec!["build", "kubutambahan-2022", "-o", &folder];
        all.extend_from_slice(args);
        let run = renaksi(&all, fixture.tmp.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = verify(&fixture, &[out.to_str().unwrap(), "kubutambahan-2022"]);
        assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn a_changed_source_is_shown_as_diff_shows_it() {
    let fixture = in_git();
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("juni: 40", "juni: 41", 1)
    });
    let run = verify(&fixture, &[pdf.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .starts_with("BERBEDA: kubutambahan-2022 bukan sumber "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik: target Juni 40 → 41"),
        "{}",
        run.stdout
    );
}

/// Outside git there is no source to compare with: the PDF's text is
/// compared with the text built from the folder now, and the pages and
/// values that differ are named; a PDF with the jejak footer (its digest
/// on every page) names only what changed.
#[test]
fn outside_git_the_text_names_the_pages_and_values_that_differ() {
    let fixture = Fixture::example();
    let (run, pdf) = fixture.build(&["--final", "--jejak"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("juni: 40", "juni: 41", 1)
    });
    fixture.edit("narasi.yaml", |t| {
        t.replacen("Puji syukur", "Puji dan syukur", 1)
    });
    let run = verify(&fixture, &[pdf.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("BERBEDA: kubutambahan-2022 bukan sumber "),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines[1..],
        [
            "teks PDF → disusun dari folder sekarang:",
            "  halaman 2: Puji + dan",
            "  halaman 11: Juni 40 → 41",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_tampered_pdf_and_another_version_are_told_apart() {
    let fixture = in_git();
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = fs::read(&pdf).unwrap();
    // One letter of the content changed.
    let mut tampered = bytes.clone();
    let at = tampered
        .windows(12)
        .skip(20_000)
        .position(|w| w == b"Kubutambahan")
        .unwrap()
        + 20_000;
    tampered[at] = b'X';
    let changed = fixture.path("diubah.pdf");
    fs::write(&changed, tampered).unwrap();
    let run = verify(&fixture, &[changed.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("PDF diubah sesudah disusun"),
        "{}",
        run.stdout
    );
    // Built by another version: its version string, in the document info
    // and the XMP alike, says so.
    let version = format!("renaksi-versi:{}", env!("CARGO_PKG_VERSION"));
    let other = "renaksi-versi:9.9.9";
    assert_eq!(version.len(), other.len());
    let text = bytes
        .windows(version.len())
        .filter(|w| *w == version.as_bytes())
        .count();
    assert_eq!(text, 2, "the version in Info and XMP");
    let mut older = bytes.clone();
    for i in 0..older.len() - version.len() {
        if older[i..].starts_with(version.as_bytes()) {
            older[i..i + other.len()].copy_from_slice(other.as_bytes());
        }
    }
    let lain = fixture.path("versi-lain.pdf");
    fs::write(&lain, older).unwrap();
    let run = verify(&fixture, &[lain.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("disusun renaksi 9.9.9"),
        "{}",
        run.stdout
    );
    // A PDF renaksi did not make.
    let asing = fixture.path("asing.pdf");
    fs::write(&asing, b"%PDF-1.4\n%%EOF\n").unwrap();
    let run = verify(&fixture, &[asing.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("tidak membawa jejak renaksi"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pdf_of_a_dirty_tree_is_its_files_not_its_commit() {
    let fixture = in_git();
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("juni: 40", "juni: 42", 1)
    });
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let keywords = crate::support::info(&pdf);
    assert!(keywords.contains("git-bersih:tidak"), "{keywords}");
    // The folder as it is: the same.
    let run = verify(&fixture, &[pdf.to_str().unwrap(), "kubutambahan-2022"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Its commit: not its source, and what differs is named.
    let run = verify(
        &fixture,
        &[pdf.to_str().unwrap(), "kubutambahan-2022", "--git", "HEAD"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("sumber PDF (berkas folder sekarang) → yang diperiksa:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("target Juni 42 → 40"), "{}", run.stdout);
}

#[test]
fn a_batch_output_folder_against_its_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("buleleng");
    crate::support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022"),
        &batch,
    );
    let run = renaksi(&["batch", "buleleng", "-o", "out", "--final"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(&["verify", "out", "buleleng"], tmp.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .ends_with("9 PDF: 9 sama, 0 berbeda, 0 tidak dapat dipastikan\n"),
        "{}",
        run.stdout
    );
    // One kecamatan's table changed since: that one differs.
    let file = batch.join("sawan/lampiran/1-program.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen("target: 85", "target: 86", 1);
    assert_ne!(edited, text);
    fs::write(&file, edited).unwrap();
    let run = renaksi(&["verify", "out", "buleleng"], tmp.path());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("BERBEDA: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("9 PDF: 8 sama, 1 berbeda"),
        "{}",
        run.stdout
    );
}

#[test]
fn bytes_or_an_update_after_the_build_are_berbeda() {
    let fixture = Fixture::example();
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = fs::read(&pdf).unwrap();
    let dir = fixture.dir.to_str().unwrap();
    let check = |name: &str, content: &[u8]| -> Run {
        let path = fixture.path(name);
        fs::write(&path, content).unwrap();
        verify(&fixture, &[path.to_str().unwrap(), dir])
    };
    // A tail of any kind, even one line end.
    for (name, tail) in [
        ("ekor.pdf", b"xyz".to_vec()),
        ("baris.pdf", b"\n\n".to_vec()),
        ("besar.pdf", vec![b'%'; 3 << 20]),
    ] {
        let run = check(name, &[&bytes[..], &tail].concat());
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.starts_with("BERBEDA: sumbernya sama (")
                && run.stdout.contains(" diubah sesudah disusun: "),
            "{name}: {}",
            run.stdout
        );
    }
    // An incremental update that shows another page 1: viewers show it,
    // qpdf finds nothing wrong with it.
    let palsu = ganti_halaman_satu(&bytes);
    let forged = fixture.path("palsu.pdf");
    fs::write(&forged, &palsu).unwrap();
    assert!(crate::support::page_text(&pdf, 1).contains("RENCANA AKSI"));
    assert!(
        !crate::support::page_text(&forged, 1).contains("RENCANA AKSI"),
        "the forgery is what a viewer shows"
    );
    let qpdf = std::process::Command::new("qpdf")
        .args(["--check", forged.to_str().unwrap()])
        .output()
        .expect("qpdf is needed for this test");
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let run = verify(&fixture, &[forged.to_str().unwrap(), dir]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with(
            "palsu.pdf diubah sesudah disusun: pembaruan bertahap tanpa tanda tangan sesudah penyusunan: halaman 1 diganti\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn crafted_keywords_are_refused_without_a_panic() {
    let fixture = Fixture::example();
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = fs::read(&pdf).unwrap();
    let key = b"renaksi-sumber:sha256:";
    let at = bytes.windows(key.len()).position(|w| w == key).unwrap() + key.len();
    // A digest of 1 character and one of non-ASCII bytes, the same length
    // as the real one so that the file stays well formed.
    for (name, digest) in [
        ("pendek.pdf", format!("a{}", ",".repeat(63)).into_bytes()),
        ("bukan-ascii.pdf", "é".repeat(32).into_bytes()),
    ] {
        let mut crafted = bytes.clone();
        crafted[at..at + 64].copy_from_slice(&digest);
        let path = fixture.path(name);
        fs::write(&path, crafted).unwrap();
        let run = verify(
            &fixture,
            &[path.to_str().unwrap(), fixture.dir.to_str().unwrap()],
        );
        assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr.starts_with("TIDAK DAPAT DIPASTIKAN: ")
                && run.stderr.contains("tidak membawa jejak renaksi"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn without_a_folder_the_pdf_s_own_folder_is_used_never_the_bundled_example() {
    let fixture = Fixture::example();
    let tmp = fixture.tmp.path();
    let run = renaksi(&["build", "kubutambahan-2022", "--final", "-o", "out"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Beside its folder: the folder it records.
    let run = renaksi(&["verify", "out/kubutambahan-2022.pdf"], tmp);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "folder laporan: kubutambahan-2022 (tercatat di out/kubutambahan-2022.pdf)\n"
    );
    assert!(run.stdout.starts_with("SAMA: "), "{}", run.stdout);
    // Where that folder is not: asked for, not compared with the example.
    let run = renaksi(&["verify", "kubutambahan-2022.pdf"], &tmp.join("out"));
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "galat: kubutambahan-2022.pdf disusun dari folder laporan `kubutambahan-2022`, yang tidak ada di folder ini\n  saran: sebut folder laporan sumbernya: `renaksi verify kubutambahan-2022.pdf FOLDER`\n"
    );
    // A folder that is not a report: said, with what would be right.
    let run = renaksi(&["verify", "out/kubutambahan-2022.pdf", "out"], tmp);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "galat: out bukan folder laporan: tidak berisi laporan.yaml\n  saran: sebut folder laporan sumber PDF itu, atau tanpa FOLDER: folder yang tercatat di PDF (`renaksi verify out/kubutambahan-2022.pdf`)\n"
    );
    // The bundled example's PDF is verified against the bundled example.
    let run = renaksi(&["build", "-o", "contoh.pdf"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(&["verify", "contoh.pdf"], tmp);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .starts_with("SAMA: contoh.pdf persis PDF yang disusun dari (contoh bawaan)"),
        "{}",
        run.stdout
    );
}

//! The property the fuzzer drives, shared with the test that replays the
//! corpus on every `cargo test`: one file of a small valid report is
//! replaced by arbitrary bytes, and then
//!
//! - loading never panics, and a refusal names the file at fault;
//! - whatever loads compares equal to itself (`renaksi diff`), and its
//!   copy for the next year (`renaksi init --from`) loads too, a year on
//!   or with the year left to a person;
//! - whatever loads and passes `check` without errors also renders and
//!   compiles to a PDF: valid input never meets a Typst error.

use renaksi::check::lint;
use renaksi::content::{Report, Source};
use renaksi::error::Severity;
use renaksi::Error;

/// The small report the inputs are put into, file by file.
pub const BASE: [(&str, &[u8]); 4] = [
    (
        "laporan.yaml",
        include_bytes!("../tests/testsuite/build/minimal/laporan.yaml"),
    ),
    (
        "narasi.yaml",
        include_bytes!("../tests/testsuite/build/minimal/narasi.yaml"),
    ),
    (
        "lampiran/1-program.yaml",
        include_bytes!("../tests/testsuite/build/minimal/lampiran/1-program.yaml"),
    ),
    (
        "lampiran/4-kinerja.yaml",
        include_bytes!("../tests/testsuite/build/minimal/lampiran/4-kinerja.yaml"),
    ),
];

/// The first byte that picks the logo rather than a YAML file.
pub const LOGO: u8 = 255;

/// The first byte picks the file to replace; the rest is its content.
/// 255 picks the cover logo: the content becomes an image file that
/// laporan.yaml names.
pub fn check(input: &[u8]) {
    let Some((pick, content)) = input.split_first() else {
        return;
    };
    let mut files: Vec<(String, Vec<u8>)> = BASE
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    if *pick == LOGO {
        files[0].1.extend_from_slice(b"logo: logo.gambar\n");
        files.push(("logo.gambar".to_owned(), content.to_vec()));
    } else {
        files[usize::from(*pick) % BASE.len()].1 = content.to_vec();
    }
    let source = Source::memory("fuzz", "fuzz", files.clone());
    let report = match Report::load(source) {
        Ok(report) => report,
        Err(Error::Input(problems)) => {
            assert!(!problems.is_empty(), "a refusal without a problem");
            for problem in &problems {
                assert!(problem.file.starts_with("fuzz/"), "{problem}");
                assert!(!problem.message.is_empty(), "{problem:?}");
            }
            return;
        }
        Err(err) => panic!("loading from memory failed without a problem: {err}"),
    };
    let same = renaksi::diff::reports(&report, &report).expect("a report that loads compares");
    assert!(same.is_empty(), "a report differs from itself: {same:?}");
    let next = renaksi::init::lanjutkan(files, "fuzz", None, false)
        .expect("init copies a report that loads");
    let moved = Report::load(Source::memory("fuzz-baru", "fuzz", next.files))
        .unwrap_or_else(|e| panic!("init's copy of a report that loads does not load:\n{e}"));
    let left_to_a_person = next
        .periksa
        .iter()
        .any(|c| c.message.starts_with("tahun, tanggal"));
    assert!(
        moved.identitas.tahun == report.identitas.tahun + 1 || left_to_a_person,
        "the year did not move"
    );
    renaksi::diff::reports(&report, &moved).expect("a report and its copy compare");
    if lint(&report, None)
        .iter()
        .any(|d| d.severity == Severity::Galat)
    {
        return;
    }
    let naskah = renaksi::naskah::Naskah::baru(
        report.clone(),
        renaksi::content::Dokumen::RencanaAksi,
        false,
        None,
    )
    .expect("a report without a previous version makes its document");
    let built = renaksi::render::render(&naskah)
        .and_then(|typst| renaksi::typeset(&report, typst, renaksi::Options::default()));
    // Many compilations in one process: keep Typst's caches from growing.
    renaksi::compile::evict(0);
    match built {
        Ok(output) => assert!(output.pages > 0 && output.pdf.starts_with(b"%PDF-")),
        Err(err) => panic!("check accepted input {pick}, but the build failed:\n{err}"),
    }
}

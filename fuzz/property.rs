//! The property the fuzzer drives, shared with the test that replays the
//! corpus on every `cargo test`: one file of a small valid report is
//! replaced by arbitrary bytes, and then
//!
//! - loading never panics, and a refusal names the file at fault;
//! - whatever loads and passes `check` without errors also renders and
//!   compiles to a PDF: valid input never meets a Typst error.

use renaksi::check::{lint, Severity};
use renaksi::content::{Report, Source};
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

/// The first byte picks the file to replace; the rest is its content.
pub fn check(input: &[u8]) {
    let Some((pick, content)) = input.split_first() else {
        return;
    };
    let target = BASE[usize::from(*pick) % BASE.len()].0;
    let files = BASE.iter().map(|(name, bytes)| {
        let bytes = if *name == target { content } else { bytes };
        ((*name).to_owned(), bytes.to_vec())
    });
    let source = Source::memory("fuzz", "fuzz", files);
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
    if lint(&report).iter().any(|d| d.severity == Severity::Galat) {
        return;
    }
    let built = renaksi::build(&report);
    // Many compilations in one process: keep Typst's caches from growing.
    renaksi::compile::evict(0);
    match built {
        Ok(output) => assert!(output.pages > 0 && output.pdf.starts_with(b"%PDF-")),
        Err(err) => panic!("check accepted {target}, but the build failed:\n{err}"),
    }
}

//! Replays the fuzzers' corpora (fuzz/corpus/render, pdf, lembar) through
//! each fuzzer's own property on every test run, so what fuzzing once found
//! stays fixed.

#[path = "../../fuzz/property.rs"]
mod property;

#[path = "../../fuzz/pdf.rs"]
mod pdf;

#[path = "../../fuzz/lembar.rs"]
mod lembar;

/// Every input of the corpus `name`, at least `least` of them.
fn corpus(name: &str, least: usize) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let dir = format!("{}/fuzz/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= least, "the corpus is missing: {dir}");
    inputs
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn replay(name: &str, least: usize, check: fn(&[u8])) {
    for (input, bytes) in corpus(name, least) {
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "fuzz input {} fails", input.display());
    }
}

#[test]
fn every_corpus_input_keeps_the_property() {
    replay("render", 10, property::check);
}

#[test]
fn every_pdf_corpus_input_keeps_the_property() {
    replay("pdf", 8, pdf::check);
}

#[test]
fn every_workbook_corpus_input_keeps_the_property() {
    replay("lembar", 5, lembar::check);
}

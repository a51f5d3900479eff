//! Replays the fuzzer's corpus (fuzz/corpus/render) through the fuzzer's own
//! property on every test run, so what fuzzing once found stays fixed.

#[path = "../../fuzz/property.rs"]
mod property;

#[test]
fn every_corpus_input_keeps_the_property() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/render");
    let mut inputs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "the corpus is missing: {dir}");
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| property::check(&bytes));
        assert!(outcome.is_ok(), "fuzz input {} fails", input.display());
    }
}

//! The property of the workbook reader (`import`), shared by the fuzz
//! target `lembar` and the test that replays its corpus: on any bytes,
//! reading a workbook never panics, and a refusal names the file.

pub fn check(bytes: &[u8]) {
    if let Err(problems) = renaksi::lembar::impor::read("fuzz.xlsx", bytes) {
        assert!(!problems.is_empty(), "a refusal without a problem");
        for p in &problems {
            assert!(p.to_string().starts_with("fuzz.xlsx"), "{p}");
        }
    }
}

//! cargo fuzz run lembar: the workbook reader of `import` on arbitrary bytes.
#![no_main]

#[path = "../lembar.rs"]
mod lembar;

libfuzzer_sys::fuzz_target!(|data: &[u8]| lembar::check(data));

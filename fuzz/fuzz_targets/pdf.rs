//! cargo fuzz run pdf: provenance, signing preflight and the revision
//! reader on arbitrary bytes.
#![no_main]

#[path = "../pdf.rs"]
mod pdf;

libfuzzer_sys::fuzz_target!(|data: &[u8]| pdf::check(data));

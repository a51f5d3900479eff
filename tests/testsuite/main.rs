//! Integration tests: each module drives the real `renaksi` binary.
//! PDFs are inspected through poppler's pdftotext, pdfinfo and pdffonts.

mod batch;
mod build;
mod check;
mod completions;
mod diff;
mod dokumen;
mod final_;
mod folder;
mod fuzz_corpus;
mod hostile;
mod init;
mod jejak;
mod json;
mod lapisan;
mod lembar;
mod lkjip;
mod monitoring;
mod pemula;
mod perubahan;
mod pesan;
mod pilihan;
mod pk;
mod pki;
mod schema;
mod serve;
mod server;
mod sign;
mod support;
mod ttd;
mod verify;
mod watch;

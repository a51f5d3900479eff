//! Monitoring: the figures of a quarter's report worked out from the
//! realisasi files ([`crate::realisasi`]) against the Rencana Aksi's own
//! targets: capaian and its category ([`hitung`]), per indicator, table
//! and report ([`evaluasi`]).

pub mod evaluasi;
pub mod hitung;

pub use hitung::{HasilIndikator, TanpaCapaian};

//! Monitoring: the figures of a quarter's report worked out from the
//! realisasi files ([`crate::realisasi`]) against the Rencana Aksi's own
//! targets — capaian and its category ([`hitung`]), per indicator, table
//! and report ([`evaluasi`]) — and the keys a Perubahan renamed, followed
//! into the realisasi files ([`ikuti`]).

pub mod evaluasi;
pub mod hitung;
pub mod ikuti;

pub use hitung::{Hasil, TanpaCapaian};

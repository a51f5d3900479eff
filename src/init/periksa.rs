//! The reminders `init` leaves a person: each Lampiran table to review.

use crate::content::{self};

use super::*;

/// A Lampiran table's size, for the reminder to review its targets.
pub(super) fn review_table(name: &str, text: &str, tahun: i32, periksa: &mut Vec<Problem>) {
    let Ok(table) = content::parse::<content::Lampiran>(name, text) else {
        return;
    };
    let sasaran: Vec<_> = table.pejabat.iter().flat_map(|p| &p.sasaran).collect();
    let indikator = sasaran.iter().map(|s| s.indikator.len()).sum::<usize>();
    let programs: Vec<_> = sasaran
        .iter()
        .flat_map(|s| {
            s.program_kegiatan
                .iter()
                .chain(s.indikator.iter().flat_map(|i| &i.program_kegiatan))
        })
        .collect();
    let anggaran: u64 = programs.iter().filter_map(|p| p.anggaran).sum();
    let mut pesan = format!(
        "{} pejabat, {} sasaran, {indikator} indikator: tinjau target {tahun}",
        table.pejabat.len(),
        sasaran.len()
    );
    if !programs.is_empty() {
        pesan.push_str(&format!(
            "; {} program/kegiatan, anggaran {}: sesuaikan dengan DPA {tahun}",
            programs.len(),
            crate::format::rupiah(anggaran).replace('\u{a0}', " ")
        ));
    }
    periksa.push(catatan(name, None, pesan));
}

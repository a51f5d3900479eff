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

/// pegawai.yaml copied from last year: people move, are promoted, retire.
pub(super) fn review_pegawai(name: &str, text: &str, tahun: i32, periksa: &mut Vec<Problem>) {
    let Ok(berkas) = content::parse::<content::BerkasPegawai>(name, text) else {
        return;
    };
    periksa.push(catatan(
        name,
        None,
        format!(
            "{} pegawai: tinjau siapa menduduki setiap jabatan, pangkat, golongan dan atasannya pada {tahun} (Perjanjian Kinerja)",
            berkas.pegawai.len()
        ),
    ));
}

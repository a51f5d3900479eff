//! `renaksi init`: writes a new report folder and prints what changed and
//! what a person still has to look at.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use renaksi::content::Source;
use renaksi::init::{self, Rencana};
use renaksi::Error;
use renaksi::Problem;

use crate::cli::InitArgs;

/// Makes the new folder, all or nothing, and prints the to-do list.
pub fn run(args: &InitArgs) -> Result<(), Error> {
    let dir = Source::label_of(&args.dir);
    let (rencana, asal) = match &args.from {
        Some(old) => {
            // Refuses what is not a folder, with the usual message.
            Source::from_dir(old)?;
            let label = Source::label_of(old);
            let files = renaksi::fs::read_tree(old)?;
            let mut rencana = init::lanjutkan(files, &label, args.tahun, args.perubahan)?;
            init::fix_modelines(&mut rencana.files, old, &args.dir);
            init::tautkan_sebelumnya(&mut rencana, old, &args.dir);
            (rencana, format!("disalin dari {label}"))
        }
        None => {
            let today = today();
            let tahun = args.tahun.unwrap_or(today.year());
            let tanggal = if tahun == today.year() {
                today
            } else {
                NaiveDate::from_ymd_opt(tahun, 1, 2).unwrap_or(today)
            };
            let rencana = init::kerangka(tahun, tanggal, args.perubahan);
            (rencana, "kerangka baru".to_owned())
        }
    };
    renaksi::fs::write_tree(&args.dir, &rencana.files)?;
    super::stdout(&summary(&dir, &asal, &rencana, args.from.is_some()))
}

fn summary(dir: &str, asal: &str, rencana: &Rencana, from: bool) -> String {
    let mut out = format!(
        "Laporan baru: {dir} (Rencana Aksi Tahun {}, {asal})\n",
        rencana.tahun
    );
    if !rencana.diubah.is_empty() {
        out.push_str("\nSudah disesuaikan:\n");
        list(&mut out, dir, &rencana.diubah, "  ");
    }
    if !rencana.periksa.is_empty() {
        out.push_str("\nPerlu diperiksa:\n");
        list(&mut out, dir, &rencana.periksa, "  [ ] ");
    }
    out.push_str("\nBerikutnya:\n");
    let _ = writeln!(
        out,
        "  renaksi watch {dir}   PDF diperbarui setiap kali berkas disimpan"
    );
    let _ = writeln!(
        out,
        "  renaksi check {dir}   {}",
        if from {
            "memeriksa target, NIP, pangkat dan tahun"
        } else {
            "menyebut setiap tempat isian [isi: …] yang belum diisi"
        }
    );
    out
}

fn list(out: &mut String, dir: &str, items: &[Problem], bullet: &str) {
    // All of it, even for a batch of thousands: it is the to-do list.
    for c in items {
        let line = c.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(out, "{bullet}{dir}/{}{line}: {}", c.file, c.message);
    }
}

/// Today's date (UTC), for the scaffold's signing date.
pub fn today() -> NaiveDate {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

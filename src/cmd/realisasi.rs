//! `renaksi realisasi --triwulan N`: writes the form of one quarter's
//! realisasi file, every key ready, and never over a file that exists.

use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::RealisasiArgs;

/// Writes `realisasi/twN.yaml` in the report folder.
pub fn run(args: &RealisasiArgs) -> Result<(), Error> {
    let Some(dir) = Sasaran::pilih(args.dir.as_deref()).laporan("realisasi")? else {
        return Err(Error::Usage {
            message: "contoh bawaan tidak dapat diubah".into(),
            hint: "buat folder laporan dengan `renaksi init`, lalu jalankan perintah ini di folder itu".into(),
        });
    };
    let report = renaksi::load(Some(&dir))?;
    let n = usize::from(args.triwulan);
    let rel = renaksi::monitoring::nama_berkas(n);
    let path = dir.join(&rel);
    if path.exists() {
        return Err(Error::Usage {
            message: format!("{} sudah ada; tidak ditimpa", path.display()),
            hint: "isi berkas itu; untuk memulai ulang, pindahkan atau hapus dulu".into(),
        });
    }
    let text = renaksi::monitoring::kerangka::teks(&report, n);
    renaksi::fs::write_atomic(&path, text.as_bytes())?;
    let keys = renaksi::monitoring::kunci::Kunci::dari(&report);
    eprintln!(
        "ditulis: {} ({} indikator, {} program/kegiatan); isi realisasinya lalu jalankan `renaksi check`",
        path.display(),
        keys.indikator.len(),
        keys.program.len()
    );
    Ok(())
}

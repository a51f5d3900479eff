//! `renaksi lkjip`: writes the forms of the Laporan Kinerja, renstra.yaml
//! and lkjip.yaml, made from the report's Lampiran; never over a file
//! that exists.

use renaksi::lkjip::{LKJIP, RENSTRA};
use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::LkjipArgs;

/// Writes the forms that the report folder does not have yet.
pub fn run(args: &LkjipArgs) -> Result<(), Error> {
    let Some(dir) = Sasaran::pilih(args.dir.as_deref()).laporan("lkjip")? else {
        return Err(Error::Usage {
            message: "contoh bawaan tidak dapat diubah; Laporan Kinerjanya sudah ada (renaksi build --dokumen lkjip)".into(),
            hint: "buat folder laporan dengan `renaksi init`, lalu jalankan perintah ini di folder itu".into(),
        });
    };
    let report = renaksi::load(Some(&dir))?;
    let (renstra, lkjip) = renaksi::init::lkjip::formulir(&report);
    let mut ditulis = 0;
    for (rel, text) in [(RENSTRA, renstra), (LKJIP, lkjip)] {
        let path = renaksi::fs::di_dalam(&dir, rel)?;
        if path.exists() {
            eprintln!("dibiarkan: {} sudah ada", path.display());
            continue;
        }
        renaksi::fs::write_atomic(&path, text.as_bytes())?;
        eprintln!("ditulis: {}", path.display());
        ditulis += 1;
    }
    if ditulis > 0 {
        eprintln!(
            "isi periode, tujuan dan target Renstra serta narasinya (tempat isian [isi: …]), lalu `renaksi check`; kinerja tahun-tahun sebelumnya di kinerja-lalu.yaml (docs/lkjip.md)"
        );
    }
    Ok(())
}

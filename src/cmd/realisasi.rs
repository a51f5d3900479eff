//! `renaksi realisasi --triwulan N`: writes the form of one quarter's
//! realisasi file, every key ready, and never over a file that exists.

use std::path::Path;

use renaksi::content::Report;
use renaksi::matriks::ikuti;
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
    let Some(n) = args.triwulan.map(usize::from) else {
        return ikuti(args, &dir, report);
    };
    let rel = renaksi::realisasi::nama_berkas(n);
    let path = renaksi::fs::di_dalam(&dir, &rel)?;
    if path.exists() {
        return Err(Error::Usage {
            message: format!("{} sudah ada; tidak ditimpa", path.display()),
            hint: "isi berkas itu; untuk memulai ulang, pindahkan atau hapus dulu".into(),
        });
    }
    let text = renaksi::init::realisasi::teks(&report, n);
    renaksi::fs::write_atomic(&path, text.as_bytes())?;
    let keys = renaksi::realisasi::kunci::Kunci::dari(&report);
    eprintln!(
        "ditulis: {} ({} indikator, {} program/kegiatan); isi realisasinya lalu jalankan `renaksi check`",
        path.display(),
        keys.indikator.len(),
        keys.program.len()
    );
    Ok(())
}

/// `--ikuti-perubahan`: the keys a Perubahan renamed, renamed in every
/// realisasi file there is and in the LKjIP's files (renstra.yaml,
/// kinerja-lalu.yaml, lkjip.yaml); each file written only if it changed.
fn ikuti(args: &RealisasiArgs, dir: &Path, report: Report) -> Result<(), Error> {
    let Some(lama) = renaksi::matriks::muat(&report, args.sebelumnya.pilihan().as_ref())? else {
        return Err(Error::Usage {
            message: format!(
                "{} tidak menyebut versi sebelumnya: tidak ada kunci yang diikuti",
                report.source.label
            ),
            hint: "tulis `perubahan: true` dan `versi_sebelumnya` di laporan.yaml, atau sebut --sebelumnya FOLDER / --sebelumnya-git REV".into(),
        });
    };
    let ganti = ikuti::ganti(&report, &lama);
    let mut renamed = 0;
    let files = (1..=4).map(renaksi::realisasi::nama_berkas).chain(
        [
            renaksi::lkjip::RENSTRA,
            renaksi::lkjip::KINERJA_LALU,
            renaksi::lkjip::LKJIP,
        ]
        .map(str::to_owned),
    );
    for rel in files {
        let path = renaksi::fs::di_dalam(dir, &rel)?;
        let text = match renaksi::fs::baca_jika_ada(&path, renaksi::fs::YAML)? {
            Some(bytes) => String::from_utf8(bytes).map_err(|_| {
                Error::io(
                    "tidak dapat membaca",
                    &path,
                    std::io::Error::from(std::io::ErrorKind::InvalidData),
                )
            })?,
            None => continue,
        };
        let shown = report.source.display(&rel);
        let (baru, done, left) = if rel.starts_with(renaksi::realisasi::REALISASI) {
            ikuti::tulis(&text, &ganti)
        } else {
            let (baru, done) = ikuti::tulis_lkjip(&text, &ganti);
            (baru, done, Vec::new())
        };
        for key in &left {
            eprintln!(
                "dibiarkan: {shown}: `{key}`: kunci barunya sudah ada di berkas ini; gabungkan sendiri"
            );
        }
        if done.is_empty() {
            continue;
        }
        renaksi::fs::write_atomic(&path, baru.as_bytes())?;
        for (from, to) in &done {
            eprintln!("{shown}: {from} → {to}");
        }
        renamed += done.len();
    }
    if renamed == 0 {
        eprintln!(
            "tidak ada kunci yang diganti: {} uraian indikator dan {} uraian program berganti sejak {}",
            ganti.indikator.len(),
            ganti.program.len(),
            lama.nama()
        );
    } else {
        eprintln!("{renamed} kunci diganti; periksa dengan `renaksi check`");
    }
    Ok(())
}

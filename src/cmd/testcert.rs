//! `renaksi testcert`: a test CA and a certificate for the report's signing
//! official, valid over the report's dates, to try `--sign` with; written
//! to a folder of its own, nothing overwritten.

use std::path::Path;

use renaksi::Error;

use super::folder::Sasaran;
use crate::cli::TestcertArgs;

/// Makes the test identity and says how to sign with it.
pub fn run(args: &TestcertArgs) -> Result<(), Error> {
    let dir = Sasaran::pilih(args.dir.as_deref()).laporan("testcert")?;
    let report = renaksi::load(dir.as_deref())?;
    let p = &report.identitas.penandatangan;
    let tanggal = p.tanggal.0;
    // Valid over the report's dates, and now: renaksi refuses a key whose
    // certificate has expired, whatever the signing time.
    let hari_ini = super::init::today();
    let sampai = tanggal.max(hari_ini);
    let uji = renaksi::sign::uji::buat(&p.nama, tanggal, sampai)?;
    let out = &args.output;
    let nama = format!("{}.p12", renaksi::format::slug(&p.nama, 60));
    let sandi_teks = format!("{}\n", uji.sandi);
    let files = [
        ("ca-uji.pem", uji.ca_pem.as_bytes()),
        (nama.as_str(), uji.p12.as_slice()),
        ("sandi.txt", sandi_teks.as_bytes()),
    ];
    // Nothing is replaced: a key someone already uses stays as it is.
    for (name, _) in &files {
        let path = out.join(name);
        if path.exists() {
            return Err(Error::Usage {
                message: format!("{} sudah ada", path.display()),
                hint: "pilih folder lain dengan -o, atau pindahkan sertifikat uji yang lama".into(),
            });
        }
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io("tidak dapat membuat folder", out, e))?;
    for (name, bytes) in &files {
        renaksi::fs::write_atomic(&out.join(name), bytes)?;
    }
    hanya_pemilik(&out.join("sandi.txt"));
    // renaksi reads back what it wrote before anyone signs with it.
    let p12 = out.join(&nama);
    let sandi = out.join("sandi.txt");
    let identity = renaksi::sign::identity(&p12, Some(&sandi))?;
    let ejaan = report.identitas.ejaan_bulan;
    eprintln!(
        "sertifikat UJI untuk {} (berlaku 1 Januari {} – 31 Desember {}), diterbitkan {}:",
        identity.name,
        chrono::Datelike::year(&tanggal),
        chrono::Datelike::year(&sampai) + 1,
        renaksi::sign::uji::CA
    );
    eprintln!("  kunci dan sertifikat: {}", p12.display());
    eprintln!("  kata sandinya: {}", sandi.display());
    eprintln!(
        "  CA untuk dipercaya pembaca PDF saat menguji: {}",
        out.join("ca-uji.pem").display()
    );
    let folder = match &dir {
        Some(d) => format!(" {}", d.display()),
        None => String::new(),
    };
    eprintln!(
        "tandatangani laporan ini (tanggal {}) dengan:\n  renaksi build{folder} --final --sign {} --password-file {}",
        renaksi::format::tanggal(tanggal, ejaan),
        p12.display(),
        sandi.display()
    );
    eprintln!("hanya untuk uji: dokumen yang dikirim ditandatangani lewat BSrE (docs/signing.md)");
    Ok(())
}

/// Only its owner reads the password file (where the system knows owners).
fn hanya_pemilik(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

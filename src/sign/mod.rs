//! PAdES-B-B signatures with a PKCS#12 key: [`key`] reads and checks the
//! signing identity, [`cms`] writes the CMS SignedData, [`pdf`] appends the
//! signature to the PDF as an incremental update.

mod cms;
mod key;
mod pdf;
mod read;
pub mod revisi;
pub mod uji;

use std::path::Path;

pub use key::Identity;
pub use pdf::{sign, Details, Place};
pub use read::{info, isi_aman, tak_terbaca_lopdf};

use crate::error::Error;

/// The environment variable that may hold the PKCS#12 password.
pub const PASSWORD_VARIABLE: &str = "RENAKSI_P12_PASSWORD";

/// The PKCS#12 password: the first line of `file`, else the environment
/// variable [`PASSWORD_VARIABLE`]. Never taken from the command line, where
/// other users of the machine could read it.
fn password(file: Option<&Path>) -> Result<String, Error> {
    if let Some(file) = file {
        let text = crate::fs::baca_teks(file, crate::fs::SANDI)?;
        return Ok(text.lines().next().unwrap_or("").to_owned());
    }
    std::env::var(PASSWORD_VARIABLE).map_err(|_| {
        Error::sign(
            "kata sandi berkas .p12 tidak diberikan",
            format!("tulis kata sandi di sebuah berkas dan beri --password-file BERKAS, atau isi variabel lingkungan {PASSWORD_VARIABLE}"),
        )
    })
}

/// What `sign` reads of a PDF before it signs, without a key: its parts
/// (catalog, first page, form, trailer) and whether every update after its
/// first revision is a signature covering all before it. `Err` says why it
/// would be refused. For checking any bytes (the fuzzer does) without a
/// signing identity.
pub fn baca(pdf: &[u8]) -> Result<usize, String> {
    let parts = read::parts(pdf, 1).map_err(|m| match m {
        read::Missing::Unreadable(why) => why,
        read::Missing::Part(what) => format!("{what} tidak ditemukan"),
    })?;
    match revisi::tidak_tercakup(pdf) {
        Some(apa) => Err(apa),
        None => Ok(parts.signers.len()),
    }
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`) from an RFC 3339 time such as
/// `2022-10-12T09:30:00+08:00`.
pub fn pdf_date(rfc3339: &str) -> Result<String, String> {
    let time = chrono::DateTime::parse_from_rfc3339(rfc3339).map_err(|_| {
        format!("`{rfc3339}` bukan waktu RFC 3339 (misalnya 2022-10-12T09:30:00+08:00)")
    })?;
    let offset = time.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    Ok(format!(
        "D:{}{sign}{:02}'{:02}'",
        time.format("%Y%m%d%H%M%S"),
        offset / 3600,
        offset % 3600 / 60
    ))
}

/// Midnight UTC of a calendar date as a PDF date, the way the PDF's own
/// creation date is written.
pub fn pdf_day(date: chrono::NaiveDate) -> String {
    format!("D:{}000000Z", date.format("%Y%m%d"))
}

/// Reads and checks the signing identity in `p12` now, with the password
/// from `password_file` or [`PASSWORD_VARIABLE`], before anything is built
/// or written.
pub fn identity(p12: &Path, password_file: Option<&Path>) -> Result<Identity, Error> {
    Identity::load(p12, &password(password_file)?, now())
}

/// The current time as a PDF date in UTC.
pub fn pdf_now() -> String {
    chrono::DateTime::from_timestamp(now(), 0)
        .map(|t| format!("D:{}Z", t.format("%Y%m%d%H%M%S")))
        .unwrap_or_else(|| "D:19700101000000Z".to_owned())
}

/// A draft PDF of the bundled example as `renaksi build` writes it, for
/// the readers' tests.
#[cfg(test)]
fn contoh() -> Vec<u8> {
    let report = crate::content::load(None).unwrap();
    let naskah =
        crate::naskah::Naskah::baru(report, crate::content::Dokumen::RencanaAksi, false, None)
            .unwrap();
    let typst = crate::render::render(&naskah).unwrap();
    crate::pdf::typeset(&naskah.report, typst, crate::pdf::Options::default())
        .unwrap()
        .pdf
}

#[cfg(test)]
mod tests {
    #[test]
    fn pdf_dates() {
        assert_eq!(
            super::pdf_date("2022-10-12T09:30:00+08:00").unwrap(),
            "D:20221012093000+08'00'"
        );
        assert_eq!(
            super::pdf_date("2022-10-12T09:30:00-03:30").unwrap(),
            "D:20221012093000-03'30'"
        );
        assert!(super::pdf_date("12 Oktober").is_err());
        let day = chrono::NaiveDate::from_ymd_opt(2022, 10, 12).unwrap();
        assert_eq!(super::pdf_day(day), "D:20221012000000Z");
    }
}

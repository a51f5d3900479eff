//! The NIP of a civil servant: 18 digits, `YYYYMMDD YYYYMM G NNN` — birth
//! date, TMT (start of service) year and month, gender (1 or 2), sequence.

use chrono::NaiveDate;

use super::{error, place, Diagnostic};
use crate::content::{Report, LAPORAN};
use crate::error::Problem;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    let nip = &report.identitas.penandatangan.nip;
    if super::isian::kosong(nip) {
        return;
    }
    if let Err(message) = validate(nip) {
        let text = report.identitas_text.as_str();
        let problem = Problem::new(report.source.display(LAPORAN), message)
            .at_path("penandatangan.nip")
            .hint("NIP 18 angka: tanggal lahir TTTTBBHH, TMT TTTTBB, jenis kelamin 1/2, nomor urut 3 angka");
        error(found, place(problem, text, nip));
    }
}

/// Checks the structure of a NIP; the error says what is wrong.
pub(super) fn validate(nip: &str) -> Result<(), String> {
    let digits: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("NIP `{nip}` bukan 18 angka"));
    }
    let num = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
    let lahir = NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8))
        .ok_or_else(|| format!("NIP `{nip}`: tanggal lahir {} tidak ada", &digits[..8]))?;
    let (tmt_tahun, tmt_bulan) = (num(8..12) as i32, num(12..14));
    let tmt = NaiveDate::from_ymd_opt(tmt_tahun, tmt_bulan, 1).ok_or_else(|| {
        format!(
            "NIP `{nip}`: TMT {} bukan tahun dan bulan yang sah",
            &digits[8..14]
        )
    })?;
    if !matches!(&digits[14..15], "1" | "2") {
        return Err(format!(
            "NIP `{nip}`: angka jenis kelamin {} harus 1 atau 2",
            &digits[14..15]
        ));
    }
    let umur = tmt.years_since(lahir).unwrap_or(0);
    if umur < 18 {
        return Err(format!(
            "NIP `{nip}`: umur saat TMT {umur} tahun, kurang dari 18"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn nip_structure() {
        assert_eq!(validate("196502071997021001"), Ok(()));
        assert_eq!(validate("19650207 199702 1 001"), Ok(()));
        assert!(validate("1965020719970210")
            .unwrap_err()
            .contains("bukan 18 angka"));
        assert!(validate("196502301997021001")
            .unwrap_err()
            .contains("tanggal lahir"));
        assert!(validate("196502071997131001").unwrap_err().contains("TMT"));
        assert!(validate("196502071997023001")
            .unwrap_err()
            .contains("jenis kelamin"));
        assert!(validate("199002071997021001")
            .unwrap_err()
            .contains("kurang dari 18"));
    }
}

//! Indonesian formatting of numbers, money, dates, NIPs and numerals.

use chrono::{Datelike, NaiveDate};

/// `1800` → `1.800`, `85.5` → `85,5`, `-3` → `-3`.
pub fn angka(value: f64) -> String {
    let text = format!("{}", value.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    out.push_str(&group(whole));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// `2040000000` → `Rp 2.040.000.000`, with a no-break space after `Rp`.
pub fn rupiah(value: u64) -> String {
    format!("Rp\u{a0}{}", rupiah_angka(value))
}

/// `2040000000` → `2.040.000.000`: an amount in a column headed `(Rp)`.
pub fn rupiah_angka(value: u64) -> String {
    group(&value.to_string())
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// The twelve month names in the chosen spelling.
pub fn bulan(ejaan: Ejaan) -> [&'static str; 12] {
    let mut names = BULAN;
    if ejaan == Ejaan::Lama {
        names[1] = "Pebruari";
        names[10] = "Nopember";
    }
    names
}

/// `2022-10-12` → `12 Oktober 2022`.
pub fn tanggal(date: NaiveDate, ejaan: Ejaan) -> String {
    format!(
        "{} {} {}",
        date.day(),
        bulan(ejaan)[date.month0() as usize],
        date.year()
    )
}

/// The digits of a whole number written with dots between thousands
/// (`1.150.000` → `1150000`); `None` for anything else, a number without
/// dots included.
pub fn ribuan(text: &str) -> Option<String> {
    let groups: Vec<&str> = text.split('.').collect();
    let grouped = groups.len() > 1
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    grouped.then(|| groups.concat())
}

/// A moment (Unix seconds) as people here write it, in UTC:
/// `5 Februari 2024 pukul 01.30 UTC`.
pub fn waktu(seconds: i64) -> String {
    match chrono::DateTime::from_timestamp(seconds, 0) {
        Some(t) => format!(
            "{} pukul {} UTC",
            tanggal(t.date_naive(), Ejaan::Baku),
            t.format("%H.%M")
        ),
        None => format!("{seconds} detik sejak 1970"),
    }
}

/// `196502071997021001` → `19650207 199702 1 001`; other text is kept as written.
pub fn nip(raw: &str) -> String {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &digits[..8],
            &digits[8..14],
            &digits[14..15],
            &digits[15..]
        )
    } else {
        raw.to_owned()
    }
}

/// `4` → `IV`.
pub fn romawi(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Lets a table cell wrap a long unbroken run of characters: a number longer
/// than 9 characters may break after its thousands dots, and a run longer
/// than any Indonesian word (24 characters, e.g. a URL) after `.`, `/`, `-`,
/// `,` and at least every 12 characters. Zero-width spaces mark the breaks;
/// other text is unchanged.
pub fn lipat(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let len = word.chars().count();
        let number = word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
        let mut since = 0;
        for c in word.chars() {
            out.push(c);
            since += 1;
            let at_mark = matches!(c, '.' | '/' | '-' | ',');
            if (number && len > 9 && c == '.') || (len > 24 && (at_mark || since >= 12)) {
                out.push('\u{200b}');
                since = 0;
            }
        }
    }
    out
}

/// A percentage with two decimals, Indonesian style: `62.5` → `62,50`,
/// `1234.5` → `1.234,50`.
pub fn persen(value: f64) -> String {
    let text = format!("{:.2}", value.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let sign = if value < 0.0 && text != "0.00" {
        "-"
    } else {
        ""
    };
    format!("{sign}{},{frac}", group(whole))
}

/// Lowercase letters and digits, words joined by `-`, cut at a word to at
/// most `max` characters (a single longer word is kept whole):
/// `Kasi Pemerintahan` → `kasi-pemerintahan`.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if !out.is_empty() && out.chars().count() + 1 + word.chars().count() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// Ejaan bulan yang ditulis dua cara.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Ejaan {
    /// Februari, November.
    #[default]
    Baku,
    /// Pebruari, Nopember.
    Lama,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_an_indonesian_office() {
        assert_eq!(angka(1800.0), "1.800");
        assert_eq!(angka(85.5), "85,5");
        assert_eq!(angka(100.0), "100");
        assert_eq!(angka(1234567.25), "1.234.567,25");
        assert_eq!(rupiah(2_040_000_000), "Rp\u{a0}2.040.000.000");
        assert_eq!(nip("196502071997021001"), "19650207 199702 1 001");
        assert_eq!(nip("-"), "-");
        assert_eq!(romawi(3), "III");
        assert_eq!(lipat("Jumlah Dokumen 1.800"), "Jumlah Dokumen 1.800");
        assert_eq!(
            lipat("a 2.800.000.000.000"),
            "a 2.\u{200b}800.\u{200b}000.\u{200b}000.\u{200b}000"
        );
        assert_eq!(lipat(&"x".repeat(30)).matches('\u{200b}').count(), 2);
        assert_eq!(
            lipat("mempertanggungjawabkan 12.500"),
            "mempertanggungjawabkan 12.500"
        );
        let date = NaiveDate::from_ymd_opt(2022, 2, 1).unwrap();
        assert_eq!(tanggal(date, Ejaan::Lama), "1 Pebruari 2022");
        assert_eq!(tanggal(date, Ejaan::Baku), "1 Februari 2022");
    }
}

//! A signature added to a PDF as an incremental update: the original bytes
//! stay as they are, and a new section appends the signature dictionary, its
//! field and widget, the catalog with an AcroForm, the page with the widget
//! among its annotations, and a cross-reference section pointing back.

use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::key::Identity;
use super::read::last_startxref;
use super::{cms, read};
use crate::compile::KotakTtd;
use crate::error::Error;

/// Where the signature is shown: a rectangle on a page, in PDF points from
/// the page's bottom left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Page number, from 1.
    pub page: usize,
    /// Left, bottom, width, height.
    pub rect: [f64; 4],
}

impl From<&KotakTtd> for Place {
    fn from(k: &KotakTtd) -> Self {
        Place {
            page: k.page,
            rect: [k.x, k.y, k.width, k.height],
        }
    }
}

/// What the signature dictionary says besides the signature itself.
pub struct Details<'a> {
    /// Claimed signing time, e.g. `D:20221012000000+08'00'`; `None`: the
    /// PDF's own creation date, else now.
    pub time: Option<&'a str>,
    /// Why it is signed.
    pub reason: Option<&'a str>,
    /// Where.
    pub location: Option<&'a str>,
}

/// `pdf` with a PAdES-B-B signature by `identity` appended; `place` `None`
/// makes it invisible. `name` names the PDF in messages.
pub fn sign(
    pdf: &[u8],
    name: &str,
    identity: &Identity,
    place: Option<Place>,
    details: &Details,
) -> Result<Vec<u8>, Error> {
    let unreadable = |what: &str| {
        Error::sign(
            format!("{name}: {what} tidak ditemukan"),
            "tandatangani PDF yang disusun renaksi",
        )
    };
    let parts = bisa_ditandatangani(pdf, name, identity, place)?;
    let nomor = parts.signers.len() + 1;
    let prev = last_startxref(pdf).ok_or_else(|| unreadable("startxref"))?;
    let read::Parts {
        root,
        mut catalog,
        page_id,
        mut page,
        mut form,
        mut fields,
        mut annots,
        trailer: old_trailer,
        creation_date,
        ..
    } = parts;
    let size = old_trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .map_err(|_| unreadable("/Size"))? as u32;

    let sig_id = size;
    let widget_id = size + 1;
    let appearance_id = size + 2;
    let new_size = if place.is_some() { size + 3 } else { size + 2 };

    fields.push(Object::Reference((widget_id, 0)));
    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));
    annots.push(Object::Reference((widget_id, 0)));
    page.set("Annots", Object::Array(annots));

    let contents_len = reserve(identity);
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();

    // The signature dictionary, with room for the ByteRange and the CMS.
    offsets.push((sig_id, out.len()));
    let (byte_range_at, contents_at) = kamus_tanda(
        &mut out,
        sig_id,
        contents_len,
        identity,
        details,
        creation_date.as_deref(),
    )?;

    // The signature field and its widget, one object.
    offsets.push((widget_id, out.len()));
    let rect = place.map_or([0.0; 4], |p| {
        let [x, y, w, h] = p.rect;
        [x, y, x + w, y + h]
    });
    let mut widget = format!(
        "{widget_id} 0 obj\n<</Type/Annot/Subtype/Widget/FT/Sig/T{}/V {sig_id} 0 R/P {} {} R/Rect[{} {} {} {}]/F 132",
        // A field's partial name may hold no period: numbered, not named
        // after its signer ("S.IP").
        text_string(&format!("Tanda tangan {nomor}")),
        page_id.0,
        page_id.1,
        number(rect[0]),
        number(rect[1]),
        number(rect[2]),
        number(rect[3]),
    );
    if place.is_some() {
        let _ = write!(widget, "/AP<</N {appearance_id} 0 R>>");
    }
    widget.push_str(">>\nendobj\n");
    out.extend_from_slice(widget.as_bytes());

    // A thin frame around the signed box: no text, so no font to embed
    // (PDF/A asks every font to be embedded).
    if let Some(place) = place {
        let [_, _, w, h] = place.rect;
        let stream = format!(
            "q 0.1 0.3 0.7 RG 0.8 w 0.4 0.4 {} {} re S Q",
            number(w - 0.8),
            number(h - 0.8)
        );
        offsets.push((appearance_id, out.len()));
        let object = format!(
            "{appearance_id} 0 obj\n<</Type/XObject/Subtype/Form/BBox[0 0 {} {}]/Resources<<>>/Length {}>>\nstream\n{stream}\nendstream\nendobj\n",
            number(w),
            number(h),
            stream.len()
        );
        out.extend_from_slice(object.as_bytes());
    }

    offsets.push((root.0, out.len()));
    out.extend_from_slice(&object(root, &Object::Dictionary(catalog)));
    offsets.push((page_id.0, out.len()));
    out.extend_from_slice(&object(page_id, &Object::Dictionary(page)));

    // Cross-reference section for the new and changed objects.
    let xref_at = out.len();
    let xref = xref(&mut offsets);
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(new_size)));
    trailer.set("Root", Object::Reference(root));
    for key in [&b"Info"[..], b"ID"] {
        if let Ok(value) = old_trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set("Prev", Object::Integer(prev as i64));
    out.extend_from_slice(xref.as_bytes());
    out.extend_from_slice(b"trailer\n");
    out.extend_from_slice(&serialize(&Object::Dictionary(trailer)));
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());

    isi_cms(&mut out, identity, byte_range_at, contents_at, contents_len)?;
    Ok(out)
}

/// Appends to `out` the signature dictionary of object `sig_id`, with
/// room for the ByteRange and `contents_len` bytes of CMS, signed by
/// `identity` at the time `details` give (else when the PDF was made,
/// `creation_date`, else now); where its ByteRange and Contents begin.
fn kamus_tanda(
    out: &mut Vec<u8>,
    sig_id: u32,
    contents_len: usize,
    identity: &Identity,
    details: &Details,
    creation_date: Option<&[u8]>,
) -> Result<(usize, usize), Error> {
    let mut text = format!(
        "{sig_id} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange"
    );
    let byte_range_at = out.len() + text.len();
    text.push_str(&format!("[{:<43}]", 0));
    text.push_str("/Contents");
    let contents_at = out.len() + text.len();
    text.push('<');
    text.push_str(&"0".repeat(contents_len * 2));
    text.push('>');
    let time = match details.time {
        Some(time) => time.to_owned(),
        None => plain_date(creation_date).unwrap_or_else(super::pdf_now),
    };
    if let Some(seconds) = seconds_of(&time) {
        identity.covers(seconds)?;
    }
    let _ = write!(
        text,
        "/M{}/Name{}",
        literal(&time),
        text_string(&identity.name)
    );
    if let Some(reason) = details.reason {
        let _ = write!(text, "/Reason{}", text_string(reason));
    }
    if let Some(location) = details.location {
        let _ = write!(text, "/Location{}", text_string(location));
    }
    text.push_str(">>\nendobj\n");
    out.extend_from_slice(text.as_bytes());

    Ok((byte_range_at, contents_at))
}

/// The parts of `pdf` a signature changes, once every reason not to sign
/// it is ruled out: a draft, an encrypted or certified PDF, one `identity`
/// already signed, one changed after it was built. `name` names it in
/// messages; `place` is where the signature shows.
fn bisa_ditandatangani(
    pdf: &[u8],
    name: &str,
    identity: &Identity,
    place: Option<Place>,
) -> Result<read::Parts, Error> {
    let unreadable = |what: &str| {
        Error::sign(
            format!("{name}: {what} tidak ditemukan"),
            "tandatangani PDF yang disusun renaksi",
        )
    };
    let page_number = place.map_or(1, |p| p.page);
    let parts = read::parts(pdf, page_number).map_err(|missing| match missing {
        read::Missing::Unreadable(e) => Error::sign(
            format!("{name} tidak dapat dibaca sebagai PDF ({e})"),
            "tandatangani PDF yang disusun renaksi, misalnya `renaksi build -o out/`",
        ),
        read::Missing::Part(what) => unreadable(&what),
    })?;
    // A draft is never signed: it says so on every page.
    if parts
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with(crate::pdf::DRAF))
    {
        return Err(Error::sign(
            format!("{name} adalah draf (bertanda DRAF di setiap halaman)"),
            "susun PDF final dengan `renaksi build --final` (yang menolak selama ada galat), lalu tandatangani PDF itu",
        ));
    }
    if parts.encrypted {
        return Err(Error::sign(
            format!("{name} terenkripsi"),
            "tandatangani PDF asli yang tidak terenkripsi",
        ));
    }
    if parts.certified {
        return Err(Error::sign(
            format!("{name} sudah disertifikasi (tanda tangan pertamanya melarang perubahan)"),
            "tanda tangan berikutnya hanya dapat ditambahkan pada PDF yang belum disertifikasi",
        ));
    }
    // Each signer once: the second party of an agreement signs after the
    // first, as a second incremental update; the same one twice is a slip.
    if parts.signers.contains(&identity.name) {
        return Err(Error::sign(
            format!("{name} sudah ditandatangani oleh {}", identity.name),
            "setiap penanda tangan sekali; pihak berikutnya menandatangani PDF ini dengan kuncinya sendiri",
        ));
    }
    // A signature covers all that precedes it: never sign over an update
    // that no earlier signature covers, or one that changed what it shows.
    if let Some(apa) = super::revisi::tidak_tercakup(pdf) {
        return Err(Error::sign(
            format!("{name} diubah sesudah disusun: {apa}"),
            "tanda tangan baru akan mencakup perubahan itu; susun ulang PDF dengan `renaksi build` (dan periksa dengan `renaksi verify`), lalu tandatangani PDF itu",
        ));
    }
    Ok(parts)
}

/// The cross-reference section of the objects at `offsets` (object number
/// and byte offset; sorted here), in runs of consecutive numbers.
fn xref(offsets: &mut [(u32, usize)]) -> String {
    offsets.sort();
    let mut xref = String::from("xref\n");
    let mut i = 0;
    while i < offsets.len() {
        let mut j = i + 1;
        while j < offsets.len() && offsets[j].0 == offsets[j - 1].0 + 1 {
            j += 1;
        }
        let _ = writeln!(xref, "{} {}", offsets[i].0, j - i);
        for (_, offset) in &offsets[i..j] {
            let _ = write!(xref, "{offset:010} 00000 n\r\n");
        }
        i = j;
    }
    xref
}

/// Fills the /ByteRange at `byte_range_at` and the /Contents at
/// `contents_at` (room for `contents_len` bytes) of `out` with the CMS
/// signature of `identity` over every other byte.
fn isi_cms(
    out: &mut [u8],
    identity: &Identity,
    byte_range_at: usize,
    contents_at: usize,
    contents_len: usize,
) -> Result<(), Error> {
    // Everything but the hex string of /Contents is signed.
    let contents_end = contents_at + 2 + contents_len * 2;
    let range = format!(
        "0 {} {} {}",
        contents_at,
        contents_end,
        out.len() - contents_end
    );
    out[byte_range_at + 1..byte_range_at + 1 + 43]
        .copy_from_slice(format!("{range:<43}").as_bytes());
    let mut hasher = Sha256::new();
    hasher.update(&out[..contents_at]);
    hasher.update(&out[contents_end..]);
    let digest = hasher.finalize();
    let signer = identity.signer();
    let attributes = cms::signed_attributes(&signer, &digest);
    let signature = identity.sign(&attributes);
    let cms = cms::signed_data(&signer, &digest, &signature);
    if cms.len() > contents_len {
        return Err(Error::Internal(format!(
            "tanda tangan CMS {} bita melebihi ruang {} bita",
            cms.len(),
            contents_len
        )));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

/// Room for the CMS structure: the certificates, a 4096-bit signature and
/// the attributes, with margin.
fn reserve(identity: &Identity) -> usize {
    let signer = identity.signer();
    let certificates: usize =
        signer.certificate.len() + signer.chain.iter().map(Vec::len).sum::<usize>();
    certificates + 4096
}

/// The Info dictionary's /CreationDate, if it is a plain PDF date.
fn plain_date(bytes: Option<&[u8]>) -> Option<String> {
    let text = std::str::from_utf8(bytes?).ok()?;
    let plain = text.starts_with("D:")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-':".contains(&b));
    plain.then(|| text.to_owned())
}

/// Unix seconds of a PDF date `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'`;
/// missing trailing fields count as their lowest value.
fn seconds_of(date: &str) -> Option<i64> {
    let digits = date.strip_prefix("D:")?;
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let (stamp, zone) = digits.split_at(end);
    let field = |from: usize, len: usize, low: u32| -> Option<u32> {
        match stamp.get(from..from + len) {
            Some(text) => text.parse().ok(),
            None => Some(low),
        }
    };
    let day = chrono::NaiveDate::from_ymd_opt(
        stamp.get(0..4)?.parse().ok()?,
        field(4, 2, 1)?,
        field(6, 2, 1)?,
    )?;
    let time = day.and_hms_opt(field(8, 2, 0)?, field(10, 2, 0)?, field(12, 2, 0)?)?;
    let offset = match zone.chars().next() {
        None | Some('Z') => 0,
        Some(sign @ ('+' | '-')) => {
            let hours: i64 = zone.get(1..3)?.parse().ok()?;
            let minutes: i64 = zone.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
            let offset = hours * 3600 + minutes * 60;
            if sign == '-' {
                -offset
            } else {
                offset
            }
        }
        Some(_) => return None,
    };
    Some(time.and_utc().timestamp() - offset)
}

fn object(id: ObjectId, value: &Object) -> Vec<u8> {
    let mut out = format!("{} {} obj\n", id.0, id.1).into_bytes();
    out.extend(serialize(value));
    out.extend_from_slice(b"\nendobj\n");
    out
}

/// A direct object in PDF syntax (no streams: only dictionaries are
/// rewritten here). Strings are written in hex, names escaped.
fn serialize(value: &Object) -> Vec<u8> {
    let mut out = Vec::new();
    write_object(&mut out, value);
    out
}

fn write_object(out: &mut Vec<u8>, value: &Object) {
    match value {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        // Every digit kept: a rewritten page keeps its exact geometry.
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, _) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict),
        // Not reached for the dictionaries rewritten here; a stream's
        // dictionary alone keeps the output well formed if it ever is.
        Object::Stream(stream) => write_dict(out, &stream.dict),
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

fn write_dict(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_alphanumeric() || b"-_.+:".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// A number the way PDF writes it: no exponent, at most 2 decimals.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An ASCII literal string (dates).
fn literal(text: &str) -> String {
    format!(
        "({})",
        text.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    )
}

/// A text string as UTF-16BE with byte-order mark, in hex.
fn text_string(text: &str) -> String {
    let mut hex = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(hex, "{unit:04X}");
    }
    hex.push('>');
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_syntax_helpers() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(12.345), "12.35");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(text_string("Aé"), "<FEFF004100E9>");
        assert_eq!(literal("D:2022(x)"), "(D:2022\\(x\\))");
        let mut out = Vec::new();
        write_name(&mut out, b"A B#");
        assert_eq!(out, b"/A#20B#23");
        assert_eq!(last_startxref(b"..startxref\n1234\n%%EOF\n"), Some(1234));
    }

    #[test]
    fn pdf_dates_as_seconds() {
        // 2022-10-12T01:30:00Z is 1665538200.
        assert_eq!(seconds_of("D:20221012013000Z"), Some(1_665_538_200));
        assert_eq!(seconds_of("D:20221012093000+08'00'"), Some(1_665_538_200));
        assert_eq!(seconds_of("D:20221011220000-03'30'"), Some(1_665_538_200));
        assert_eq!(seconds_of("D:20221012"), Some(1_665_532_800));
        assert_eq!(seconds_of("D:2022"), Some(1_640_995_200));
        assert_eq!(seconds_of("2022"), None);
        assert_eq!(seconds_of("D:20221332"), None);
    }
}

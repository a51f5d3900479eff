//! What was appended to a PDF after a known length: its incremental
//! updates, read one after the other to the end of the file. A PDF renaksi
//! wrote stays as it was; each update after it must be a signature that
//! covers every byte before it (and its own, but for the hole of its
//! signature value) and that only adds its own field and widget. Anything
//! else — an unsigned update, a replaced page or keyword, an object freed,
//! bytes after the last signature — is named in the report's terms.
//!
//! What a signature proves about its signer (the certificate, its chain,
//! the cryptographic value) is for `pdfsig` and pyHanko; this reader says
//! whether the document shown is still the one before the signatures.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Object};
use sha2::{Digest, Sha256};

use super::read::{is_name, is_white, last_startxref, signer_name, Direct, Parser};

/// A signature found in an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tanda {
    /// The signature's /Name (empty when it has none).
    pub nama: String,
    /// The page its widget is on, from 1; `None` for an invisible one.
    pub halaman: Option<usize>,
}

/// Why the bytes after the known length are not only signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cacat {
    /// Something shown or said by the document was changed or added:
    /// what, in Indonesian ("pembaruan bertahap tanpa tanda tangan:
    /// halaman 1 diganti").
    Diubah(String),
    /// An update this reader does not follow (a cross-reference stream, a
    /// stream whose length is not written in it): nothing can be said.
    TakTerbaca(String),
}

/// The signatures appended to `pdf` after its first `dasar` bytes, in
/// order; the empty list when nothing follows.
pub fn sesudah(pdf: &[u8], dasar: usize) -> Result<Vec<Tanda>, Cacat> {
    let mut start = dasar.min(pdf.len());
    let mut tanda = Vec::new();
    while start < pdf.len() {
        let rest = &pdf[start..];
        if rest.iter().all(|&b| is_white(b)) {
            return Err(Cacat::Diubah(format!(
                "{} bita sesudah akhir dokumen{}",
                crate::format::angka(rest.len() as f64),
                if tanda.is_empty() {
                    ""
                } else {
                    " yang ditandatangani"
                }
            )));
        }
        if tanda.len() >= 64 {
            return Err(Cacat::TakTerbaca("lebih dari 64 pembaruan bertahap".into()));
        }
        let revisi = baca(pdf, start)?;
        let sebelum = Direct::open(&pdf[..start]).ok_or_else(|| {
            Cacat::TakTerbaca("bagian PDF sebelum pembaruan bertahap tidak dapat dibaca".into())
        })?;
        // The update continues the document before it: its /Prev is that
        // document's last cross-reference section, and it adds no
        // cross-reference stream of its own.
        let prev = revisi
            .trailer
            .get(b"Prev")
            .ok()
            .and_then(|p| p.as_i64().ok())
            .and_then(|p| usize::try_from(p).ok());
        if prev.is_none() || prev != last_startxref(&pdf[..start]) || revisi.trailer.has(b"XRefStm")
        {
            return Err(Cacat::Diubah(
                "pembaruan bertahap yang tidak melanjutkan dokumen sebelumnya (/Prev lain)".into(),
            ));
        }
        let (found, perubahan) = periksa(pdf, &sebelum, &revisi)?;
        match found {
            None => {
                let apa = perubahan
                    .first()
                    .map_or("objek baru ditambahkan", String::as_str);
                return Err(Cacat::Diubah(format!(
                    "pembaruan bertahap tanpa tanda tangan sesudah {}: {apa}",
                    if tanda.is_empty() {
                        "penyusunan"
                    } else {
                        "tanda tangan terakhir"
                    }
                )));
            }
            Some(found) if !perubahan.is_empty() => {
                return Err(Cacat::Diubah(format!(
                    "pembaruan bertahap bertanda tangan {}: {}",
                    nama_atau(&found.tanda.nama),
                    perubahan.join("; ")
                )));
            }
            Some(found) => {
                start = found.akhir;
                tanda.push(found.tanda);
            }
        }
    }
    Ok(tanda)
}

/// What changed after a PDF's first revision that no signature covers,
/// in words; `None` when only signatures follow it. What `sign` asks
/// before it adds one more.
pub fn tidak_tercakup(pdf: &[u8]) -> Option<String> {
    match revisi_pertama(pdf) {
        Some(dasar) => sesudah(pdf, dasar).err().map(|c| match c {
            Cacat::Diubah(apa) | Cacat::TakTerbaca(apa) => apa,
        }),
        None if pdf.windows(9).filter(|w| w == b"startxref").count() > 1 => {
            Some("pembaruan bertahapnya tidak dapat dibaca".to_owned())
        }
        None => None,
    }
}

/// A signer's name, or words saying it has none.
pub fn nama_atau(nama: &str) -> &str {
    if nama.is_empty() {
        "tanpa nama"
    } else {
        nama
    }
}

/// The end of a PDF's first revision: after the `%%EOF` (and its line
/// end) that closes its earliest cross-reference section; `None` when the
/// file has no classic cross-reference table this reader follows.
pub fn revisi_pertama(pdf: &[u8]) -> Option<usize> {
    let mut at = last_startxref(pdf)?;
    for _ in 0..64 {
        let trailer_at = find(pdf, at, b"trailer")?;
        let mut p = Parser {
            data: pdf,
            at: trailer_at + b"trailer".len(),
        };
        let Object::Dictionary(trailer) = p.object()? else {
            return None;
        };
        match trailer.get(b"Prev").and_then(Object::as_i64) {
            Ok(prev) => at = usize::try_from(prev).ok()?,
            Err(_) => {
                let eof = find(pdf, p.at, b"%%EOF")? + 5;
                return Some(eof + line_end(&pdf[eof..]));
            }
        }
    }
    None
}

/// One incremental update as read from the file.
struct Revisi {
    /// Each object defined, by number: where it starts and what it is
    /// (a stream's dictionary for a stream).
    objek: HashMap<u32, (usize, Object)>,
    /// Objects freed by its cross-reference section.
    bebas: Vec<u32>,
    trailer: Dictionary,
    /// Where its `%%EOF` ends, without and with the line end after it.
    eof: usize,
    akhir: usize,
}

/// Bytes after the document that are not an update PDF readers take:
/// appended, whatever they are.
fn rusak(what: &str) -> Cacat {
    Cacat::Diubah(format!(
        "bita ditambahkan sesudah akhir dokumen yang bukan pembaruan bertahap yang sah ({what})"
    ))
}

/// Reads the update that starts at `start` (after its leading space).
fn baca(pdf: &[u8], start: usize) -> Result<Revisi, Cacat> {
    let mut p = Parser {
        data: pdf,
        at: start,
    };
    let mut objek = HashMap::new();
    loop {
        p.skip_space();
        if p.peek_keyword(b"xref") {
            break;
        }
        let at = p.at;
        let n = p.integer().ok_or_else(|| rusak("objek tanpa nomor"))?;
        let _g = p.integer().ok_or_else(|| rusak("objek tanpa generasi"))?;
        p.keyword(b"obj").ok_or_else(|| rusak("kata `obj`"))?;
        let (object, stream) = p
            .object_or_stream()
            .ok_or_else(|| rusak(&format!("objek {n}")))?;
        if stream {
            if let Object::Dictionary(d) = &object {
                if is_name(d, b"Type", b"XRef") {
                    return Err(Cacat::TakTerbaca(
                        "pembaruan bertahap dengan tabel rujukan silang berbentuk aliran (xref stream)"
                            .into(),
                    ));
                }
            }
            let length = object
                .as_dict()
                .ok()
                .and_then(|d| d.get(b"Length").ok())
                .and_then(|l| l.as_i64().ok())
                .and_then(|l| usize::try_from(l).ok())
                .ok_or_else(|| {
                    Cacat::TakTerbaca(format!(
                        "pembaruan bertahap dengan panjang aliran objek {n} yang tidak tertulis langsung"
                    ))
                })?;
            p.keyword(b"stream").ok_or_else(|| rusak("kata `stream`"))?;
            p.at += line_end(&pdf[p.at.min(pdf.len())..]);
            p.at =
                p.at.checked_add(length)
                    .filter(|&end| end <= pdf.len())
                    .ok_or_else(|| rusak(&format!("aliran objek {n} melewati akhir berkas")))?;
            p.keyword(b"endstream")
                .ok_or_else(|| rusak(&format!("akhir aliran objek {n}")))?;
        }
        p.keyword(b"endobj")
            .ok_or_else(|| rusak(&format!("akhir objek {n}")))?;
        let n = u32::try_from(n).map_err(|_| rusak("nomor objek"))?;
        if objek.insert(n, (at, object)).is_some() {
            return Err(rusak(&format!("objek {n} ditulis dua kali")));
        }
    }
    let xref_at = p.at;
    p.keyword(b"xref").ok_or_else(|| rusak("kata `xref`"))?;
    let mut bebas = Vec::new();
    let mut tercatat = HashSet::new();
    loop {
        p.skip_space();
        if p.peek_keyword(b"trailer") {
            break;
        }
        let first = p.integer().ok_or_else(|| rusak("tabel rujukan silang"))?;
        let count = p.integer().ok_or_else(|| rusak("tabel rujukan silang"))?;
        if !(0..=1_000_000).contains(&count) || first < 0 {
            return Err(rusak("tabel rujukan silang"));
        }
        for i in 0..count {
            let n = u32::try_from(first + i).map_err(|_| rusak("nomor objek"))?;
            let offset = p.integer().ok_or_else(|| rusak("tabel rujukan silang"))?;
            let _g = p.integer().ok_or_else(|| rusak("tabel rujukan silang"))?;
            p.skip_space();
            let kind = *pdf.get(p.at).ok_or_else(|| rusak("tabel rujukan silang"))?;
            p.at += 1;
            match kind {
                b'n' => {
                    let ok = objek
                        .get(&n)
                        .is_some_and(|(at, _)| Ok(*at) == usize::try_from(offset));
                    if !ok {
                        return Err(Cacat::Diubah(format!(
                            "pembaruan bertahap menunjuk objek {n} di luar bagiannya sendiri"
                        )));
                    }
                    tercatat.insert(n);
                }
                b'f' if n == 0 => {}
                b'f' => bebas.push(n),
                _ => return Err(rusak("tabel rujukan silang")),
            }
        }
    }
    if let Some(n) = objek.keys().find(|n| !tercatat.contains(n)) {
        return Err(Cacat::Diubah(format!(
            "objek {n} ditambahkan tanpa tercatat di tabel rujukan silangnya"
        )));
    }
    p.keyword(b"trailer")
        .ok_or_else(|| rusak("kata `trailer`"))?;
    let Some(Object::Dictionary(trailer)) = p.object() else {
        return Err(rusak("trailer"));
    };
    p.keyword(b"startxref")
        .ok_or_else(|| rusak("kata `startxref`"))?;
    let startxref = p.integer().ok_or_else(|| rusak("startxref"))?;
    if usize::try_from(startxref) != Ok(xref_at) {
        return Err(rusak("startxref tidak menunjuk tabelnya sendiri"));
    }
    while pdf.get(p.at).is_some_and(|&b| is_white(b)) {
        p.at += 1;
    }
    if !pdf[p.at..].starts_with(b"%%EOF") {
        return Err(rusak("%%EOF"));
    }
    let eof = p.at + 5;
    let akhir = eof + line_end(&pdf[eof..]);
    Ok(Revisi {
        objek,
        bebas,
        trailer,
        eof,
        akhir,
    })
}

/// A signature found in an update, and where the bytes it covers end.
struct Temuan {
    tanda: Tanda,
    akhir: usize,
}

/// Checks `revisi` against the document before it (`sebelum`): its
/// signature, if it has one that covers it whole, and what it changes
/// besides adding a signature, in words.
fn periksa(
    pdf: &[u8],
    sebelum: &Direct,
    revisi: &Revisi,
) -> Result<(Option<Temuan>, Vec<String>), Cacat> {
    let mut perubahan = Vec::new();
    let peran = Peran::dari(sebelum).ok_or_else(|| {
        Cacat::TakTerbaca("susunan halaman PDF sebelum pembaruan tidak dapat dibaca".into())
    })?;
    let lama = |n: u32| sebelum.offsets.get(&n).copied().flatten().is_some();
    let baru = |object: &Object| -> Option<Object> {
        match object {
            Object::Reference((n, _)) => match revisi.objek.get(n) {
                Some((_, o)) => Some(o.clone()),
                None => sebelum.object(*n),
            },
            other => Some(other.clone()),
        }
    };

    perubahan.extend(trailer_beda(sebelum, revisi));
    for n in &revisi.bebas {
        if lama(*n) {
            perubahan.push(format!("{} dihapus", peran.nama(*n)));
        }
    }

    // Signature widgets this update adds to pages, by page number.
    let mut widget_baru: Vec<(u32, Option<usize>)> = Vec::new();
    let mut numbers: Vec<&u32> = revisi.objek.keys().collect();
    numbers.sort();
    for &n in numbers {
        if !lama(n) {
            continue;
        }
        let (_, object) = &revisi.objek[&n];
        let before = sebelum.object(n);
        // A page's annotation list kept as an object of its own: only
        // signature widgets may be appended to it.
        if let Some(halaman) = peran.anotasi.get(&n) {
            let wrap = |o: Option<Object>| {
                let mut d = Dictionary::new();
                if let Some(o) = o {
                    d.set("Annots", o);
                }
                d
            };
            let ditambah = anotasi_tambah(
                &wrap(before.clone()),
                &wrap(Some(object.clone())),
                &baru,
                sebelum,
            );
            match ditambah {
                Some(list) => widget(&mut widget_baru, &mut perubahan, revisi, list, *halaman),
                None => perubahan.push(format!("anotasi halaman {halaman} diganti")),
            }
            continue;
        }
        let as_dict = |o: &Object| o.as_dict().ok().cloned();
        let (Some(old), Some(new)) = (before.as_ref().and_then(as_dict), as_dict(object)) else {
            perubahan.push(format!("{} diganti", peran.nama(n)));
            continue;
        };
        if Some(n) == peran.katalog || Some(n) == peran.formulir {
            let ok = if Some(n) == peran.katalog {
                katalog_boleh(&old, &new, &peran, &baru, revisi, sebelum)
            } else {
                formulir_tambah(Some(old), Some(new), &baru, revisi, sebelum)
            };
            if !ok {
                perubahan.push(format!("{} diubah", peran.nama(n)));
            }
        } else if let Some(halaman) = peran.halaman.get(&n) {
            let ditambah = if sama_kecuali(&old, &new, b"Annots") {
                anotasi_tambah(&old, &new, &baru, sebelum)
            } else {
                None
            };
            match ditambah {
                Some(list) => widget(&mut widget_baru, &mut perubahan, revisi, list, *halaman),
                None => perubahan.push(format!("halaman {halaman} diganti")),
            }
        } else {
            perubahan.push(format!("{} diganti", peran.nama(n)));
        }
    }

    // The signature: a new /Type/Sig dictionary whose byte range covers
    // the file up to this update's end, but for its own value (the last
    // by number, should there be more than one).
    let mut tanda = None;
    let mut urut: Vec<_> = revisi.objek.iter().collect();
    urut.sort_by_key(|(n, _)| **n);
    for (n, (at, object)) in urut {
        let Ok(dict) = object.as_dict() else { continue };
        if lama(*n) || !is_name(dict, b"Type", b"Sig") {
            continue;
        }
        let Some(akhir) = cakupan(pdf, dict, *at, revisi)? else {
            continue;
        };
        let halaman = widget_baru
            .iter()
            .find(|(w, _)| {
                revisi
                    .objek
                    .get(w)
                    .and_then(|(_, o)| o.as_dict().ok())
                    .and_then(|d| d.get(b"V").ok())
                    .and_then(|v| v.as_reference().ok())
                    == Some((*n, 0))
            })
            .and_then(|(_, h)| *h);
        tanda = Some(Temuan {
            tanda: Tanda {
                nama: signer_name(dict),
                halaman,
            },
            akhir,
        });
    }
    Ok((tanda, perubahan))
}

/// What the trailer of `revisi` changed of the one before it (`sebelum`):
/// it keeps the same catalog and document information, and encrypts
/// nothing.
fn trailer_beda(sebelum: &Direct, revisi: &Revisi) -> Vec<String> {
    let mut out = Vec::new();
    for key in [&b"Root"[..], b"Info"] {
        let sama = match (revisi.trailer.get(key).ok(), sebelum.trailer.get(key).ok()) {
            (Some(a), Some(b)) => setara(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !sama {
            out.push(if key == b"Root" {
                "katalog dokumen diganti".to_owned()
            } else {
                "keterangan dokumen (judul, kata kunci, jejak) diganti".to_owned()
            });
        }
    }
    if revisi.trailer.has(b"Encrypt") {
        out.push("dokumen dienkripsi".into());
    }
    out
}

/// Whether the catalog `new` differs from `old` only by a form that adds
/// signature fields (a form kept as its own object is checked as that
/// object).
fn katalog_boleh(
    old: &Dictionary,
    new: &Dictionary,
    peran: &Peran,
    baru: &dyn Fn(&Object) -> Option<Object>,
    revisi: &Revisi,
    sebelum: &Direct,
) -> bool {
    let form = |d: &Dictionary, resolve: &dyn Fn(&Object) -> Option<Object>| {
        d.get(b"AcroForm")
            .ok()
            .and_then(resolve)
            .and_then(|o| o.as_dict().ok().cloned())
    };
    let lama_form = form(old, &|o| sebelum.resolve(o));
    let kini_form = form(new, baru);
    let sendiri = peran.formulir.is_some()
        && matches!(
            (old.get(b"AcroForm"), new.get(b"AcroForm")),
            (Ok(a), Ok(b)) if setara(a, b)
        );
    sama_kecuali(old, new, b"AcroForm")
        && (sendiri || formulir_tambah(lama_form, kini_form, baru, revisi, sebelum))
}

/// Takes the annotations `list` appended on page `halaman`: signature
/// widgets of `revisi` go to `widget_baru` (with the page when visible),
/// anything else is a change.
fn widget(
    widget_baru: &mut Vec<(u32, Option<usize>)>,
    perubahan: &mut Vec<String>,
    revisi: &Revisi,
    list: Vec<u32>,
    halaman: usize,
) {
    for w in list {
        let widget = revisi
            .objek
            .get(&w)
            .and_then(|(_, o)| o.as_dict().ok())
            .filter(|d| is_name(d, b"Subtype", b"Widget") && is_name(d, b"FT", b"Sig"));
        match widget {
            // An invisible signature's box has no size.
            Some(widget) => widget_baru.push((w, terlihat(widget).then_some(halaman))),
            None => perubahan.push(format!(
                "anotasi yang bukan tanda tangan ditambahkan di halaman {halaman}"
            )),
        }
    }
}

/// What the objects of the document before an update are, to name what
/// the update replaces.
struct Peran {
    katalog: Option<u32>,
    info: Option<u32>,
    formulir: Option<u32>,
    /// Page objects, their content streams and their annotation lists
    /// kept as objects of their own, by page number.
    halaman: HashMap<u32, usize>,
    isi: HashMap<u32, usize>,
    anotasi: HashMap<u32, usize>,
}

impl Peran {
    fn dari(d: &Direct) -> Option<Self> {
        let nomor = |o: Option<&Object>| o.and_then(|o| o.as_reference().ok()).map(|r| r.0);
        let katalog = nomor(d.trailer.get(b"Root").ok());
        let info = nomor(d.trailer.get(b"Info").ok());
        let catalog = d.dict(&Object::Reference((katalog?, 0)))?;
        let formulir = nomor(catalog.get(b"AcroForm").ok());
        let mut halaman = HashMap::new();
        let mut isi = HashMap::new();
        let mut anotasi = HashMap::new();
        for (i, (id, page)) in d.pages()?.into_iter().enumerate() {
            halaman.insert(id.0, i + 1);
            if let Some(n) = nomor(page.get(b"Annots").ok()) {
                anotasi.insert(n, i + 1);
            }
            match page.get(b"Contents") {
                Ok(Object::Reference(r)) => {
                    isi.insert(r.0, i + 1);
                }
                Ok(Object::Array(items)) => {
                    for r in items.iter().filter_map(|o| o.as_reference().ok()) {
                        isi.insert(r.0, i + 1);
                    }
                }
                _ => {}
            }
        }
        Some(Peran {
            katalog,
            info,
            formulir,
            halaman,
            isi,
            anotasi,
        })
    }

    /// The object numbered `n`, in words.
    fn nama(&self, n: u32) -> String {
        if Some(n) == self.katalog {
            "katalog dokumen".into()
        } else if Some(n) == self.info {
            "keterangan dokumen (judul, kata kunci, jejak)".into()
        } else if Some(n) == self.formulir {
            "formulir".into()
        } else if let Some(h) = self.halaman.get(&n) {
            format!("halaman {h}")
        } else if let Some(h) = self.isi.get(&n) {
            format!("isi halaman {h}")
        } else {
            format!("objek {n}")
        }
    }
}

/// Whether a widget has a box of some size on its page.
fn terlihat(widget: &Dictionary) -> bool {
    let n = |o: &Object| match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    };
    match widget.get(b"Rect").and_then(Object::as_array) {
        Ok(r) if r.len() == 4 => {
            (n(&r[2]) - n(&r[0])).abs() > 0.0 && (n(&r[3]) - n(&r[1])).abs() > 0.0
        }
        _ => false,
    }
}

/// Whether `old` and `new` hold the same entries but for `key`.
fn sama_kecuali(old: &Dictionary, new: &Dictionary, key: &[u8]) -> bool {
    let keys: HashSet<&[u8]> = old
        .iter()
        .chain(new.iter())
        .map(|(k, _)| k.as_slice())
        .filter(|k| *k != key)
        .collect();
    keys.into_iter()
        .all(|k| match (old.get(k).ok(), new.get(k).ok()) {
            (Some(a), Some(b)) => setara(a, b),
            (None, None) => true,
            _ => false,
        })
}

/// Whether two objects say the same, however written: a string in hex or
/// in parentheses, a number with or without a decimal point.
fn setara(a: &Object, b: &Object) -> bool {
    let angka = |o: &Object| match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    };
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => x == y,
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| setara(a, b))
        }
        (Object::Dictionary(x), Object::Dictionary(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| setara(v, w)))
        }
        _ => match (angka(a), angka(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// Whether the interactive form `new` is `old` (absent: `None`) with
/// signature fields of `revisi` appended to its /Fields and /SigFlags
/// set, and nothing else changed.
fn formulir_tambah(
    old: Option<Dictionary>,
    new: Option<Dictionary>,
    baru: &dyn Fn(&Object) -> Option<Object>,
    revisi: &Revisi,
    sebelum: &Direct,
) -> bool {
    let Some(new) = new else {
        return old.is_none();
    };
    let old = old.unwrap_or_default();
    let boleh_baru: &[&[u8]] = &[b"Fields", b"SigFlags", b"DA", b"DR"];
    for (k, v) in new.iter() {
        if k == b"Fields" || k == b"SigFlags" {
            continue;
        }
        match old.get(k) {
            Ok(lama) if setara(lama, v) => {}
            Err(_) if old.is_empty() && boleh_baru.contains(&k.as_slice()) => {}
            _ => return false,
        }
    }
    if old.iter().any(|(k, _)| !new.has(k)) {
        return false;
    }
    let list = |o: Option<Object>| match o {
        None => Some(Vec::new()),
        Some(Object::Array(items)) => Some(items),
        Some(_) => None,
    };
    let (Some(lama), Some(kini)) = (
        list(old.get(b"Fields").ok().and_then(|o| sebelum.resolve(o))),
        list(new.get(b"Fields").ok().and_then(baru)),
    ) else {
        return false;
    };
    kini.len() >= lama.len()
        && lama.iter().zip(&kini).all(|(a, b)| setara(a, b))
        && kini[lama.len()..].iter().all(|f| {
            f.as_reference()
                .ok()
                .and_then(|(n, _)| revisi.objek.get(&n))
                .and_then(|(_, o)| o.as_dict().ok())
                .is_some_and(|d| is_name(d, b"FT", b"Sig"))
        })
}

/// The annotations appended to the page `old` in `new` (by object
/// number), or `None` when its list was changed otherwise.
fn anotasi_tambah(
    old: &Dictionary,
    new: &Dictionary,
    baru: &dyn Fn(&Object) -> Option<Object>,
    sebelum: &Direct,
) -> Option<Vec<u32>> {
    let list = |o: Option<Object>| match o {
        None => Some(Vec::new()),
        Some(Object::Array(items)) => Some(items),
        Some(_) => None,
    };
    let lama = match old.get(b"Annots") {
        Ok(o) => list(sebelum.resolve(o))?,
        Err(_) => Vec::new(),
    };
    let kini = match new.get(b"Annots") {
        Ok(o) => list(baru(o))?,
        Err(_) => Vec::new(),
    };
    if kini.len() < lama.len() || !lama.iter().zip(&kini).all(|(a, b)| setara(a, b)) {
        return None;
    }
    kini[lama.len()..]
        .iter()
        .map(|o| o.as_reference().ok().map(|r| r.0))
        .collect()
}

/// Where the bytes covered by the signature `dict` (an object of
/// `revisi` starting at `at`) end: its /ByteRange must leave out only its
/// own hex value and reach the update's `%%EOF`, and the digest its CMS
/// signed must be that of the bytes covered. `None`: no byte range.
fn cakupan(
    pdf: &[u8],
    dict: &Dictionary,
    at: usize,
    revisi: &Revisi,
) -> Result<Option<usize>, Cacat> {
    let Some(range) = dict
        .get(b"ByteRange")
        .ok()
        .and_then(|r| r.as_array().ok())
        .and_then(|r| {
            r.iter()
                .map(|o| o.as_i64().ok().and_then(|v| usize::try_from(v).ok()))
                .collect::<Option<Vec<usize>>>()
        })
    else {
        return Ok(None);
    };
    let nama = nama_atau(&signer_name(dict)).to_owned();
    let [0, a, b, c] = range[..] else {
        return Err(Cacat::Diubah(format!(
            "tanda tangan {nama} tidak mencakup awal berkas"
        )));
    };
    let end = b.saturating_add(c);
    if end < revisi.eof || end > revisi.akhir {
        return Err(Cacat::Diubah(format!(
            "tanda tangan {nama} tidak mencakup seluruh pembaruannya"
        )));
    }
    // The hole is the signature's own value: inside its dictionary.
    let end_obj = find(pdf, at, b"endobj").unwrap_or(0);
    let hole_ok = at < a
        && a + 2 <= b
        && b <= end_obj
        && b <= revisi.eof
        && pdf[a] == b'<'
        && pdf[b - 1] == b'>'
        && pdf[a + 1..b - 1].iter().all(u8::is_ascii_hexdigit);
    if !hole_ok {
        return Err(Cacat::Diubah(format!(
            "celah tanda tangan {nama} memuat lebih dari nilainya"
        )));
    }
    let cms: Vec<u8> = pdf[a + 1..b - 1]
        .chunks(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect();
    let Some(signed) = message_digest(&cms) else {
        return Err(Cacat::TakTerbaca(format!(
            "tanda tangan {nama} tidak memuat sidik SHA-256 yang dapat dibaca"
        )));
    };
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..a]);
    hasher.update(&pdf[b..end]);
    if hasher.finalize().as_slice() != signed {
        return Err(Cacat::Diubah(format!(
            "bagian yang ditandatangani {nama} diubah sesudah ditandatangani"
        )));
    }
    Ok(Some(end))
}

/// The SHA-256 message digest a CMS SignedData's signed attributes carry.
fn message_digest(cms: &[u8]) -> Option<&[u8]> {
    // OID 1.2.840.113549.1.9.4, then SET { OCTET STRING (32) }.
    const OID: &[u8] = &[
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04, 0x31, 0x22, 0x04, 0x20,
    ];
    let at = cms.windows(OID.len()).position(|w| w == OID)? + OID.len();
    cms.get(at..at + 32)
}

/// Where `word` first occurs in `data` at or after `from`.
fn find(data: &[u8], from: usize, word: &[u8]) -> Option<usize> {
    data.get(from..)?
        .windows(word.len())
        .position(|w| w == word)
        .map(|i| i + from)
}

/// The length of the line end `data` starts with (CR LF, LF or CR).
fn line_end(data: &[u8]) -> usize {
    match data {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::contoh;

    /// `pdf` with one update appended that defines a new, unreferenced
    /// object, its trailer pointing back to `prev`.
    fn tambah(pdf: &[u8], prev: usize) -> Vec<u8> {
        let direct = Direct::open(pdf).unwrap();
        let size = direct.trailer.get(b"Size").unwrap().as_i64().unwrap();
        let root = direct.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let info = direct.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let mut out = pdf.to_vec();
        let at = out.len();
        out.extend_from_slice(format!("{size} 0 obj\n(baru)\nendobj\n").as_bytes());
        let xref = out.len();
        out.extend_from_slice(
            format!(
                "xref\n0 1\n0000000000 65535 f\r\n{size} 1\n{at:010} 00000 n\r\ntrailer\n<</Size {}/Root {} 0 R/Info {} 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n",
                size + 1,
                root.0,
                info.0
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn only_what_follows_is_read_and_an_update_must_continue_the_document() {
        let pdf = contoh();
        assert_eq!(revisi_pertama(&pdf), Some(pdf.len()));
        assert_eq!(sesudah(&pdf, pdf.len()), Ok(Vec::new()));
        let prev = last_startxref(&pdf).unwrap();
        // An unsigned update, even one that only adds an object nobody
        // refers to, is a change after the build.
        let lagi = tambah(&pdf, prev);
        assert_eq!(
            sesudah(&lagi, pdf.len()),
            Err(Cacat::Diubah(
                "pembaruan bertahap tanpa tanda tangan sesudah penyusunan: objek baru ditambahkan"
                    .into()
            ))
        );
        // One whose /Prev points elsewhere does not continue this document.
        let lain = tambah(&pdf, 9);
        assert!(
            matches!(&sesudah(&lain, pdf.len()), Err(Cacat::Diubah(m)) if m.contains("/Prev lain")),
            "{:?}",
            sesudah(&lain, pdf.len())
        );
        // The first revision of the longer file is still the build.
        assert_eq!(revisi_pertama(&lagi), Some(pdf.len()));
    }
}

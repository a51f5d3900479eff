//! The words a PDF shows, page by page, read from its text layer: each
//! font's ToUnicode map applied to the strings of the page's text
//! operators (and of the forms it draws). Enough to compare two PDFs of
//! renaksi word by word (`verify` outside git); not a general extractor.
//! A PDF is hostile input: forms nest at most [`DALAM`] deep, a page is
//! read for at most [`LANGKAH`] operators, and what cannot be read is left
//! out rather than guessed.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// How deep forms drawn inside forms are followed.
const DALAM: usize = 8;

/// The words of each page of `pdf` in reading order (lines top to
/// bottom, each left to right, as a person reads a table's row: `Juni
/// 40`); `None` when it is not a PDF lopdf reads.
pub fn kata(pdf: &[u8]) -> Option<Vec<Vec<String>>> {
    // lopdf reads nesting by recursion: a file nested deeper than the
    // signing reader allows is not read at all.
    if crate::sign::tak_terbaca_lopdf(pdf).is_some() {
        return None;
    }
    let doc = Document::load_mem(pdf).ok()?;
    let mut fonts: HashMap<lopdf::ObjectId, Peta> = HashMap::new();
    let mut out = Vec::new();
    for id in doc.get_pages().into_values() {
        let mut runs = Vec::new();
        let resources = sumber_halaman(&doc, id);
        let content = isi_halaman(&doc, id);
        {
            let mut baca = Baca {
                doc: &doc,
                fonts: &mut fonts,
                runs: &mut runs,
                sisa: LANGKAH,
                formulir: HashMap::new(),
            };
            baca.isi(&ops(&content), resources.as_ref(), IDENTITAS, 0);
        }
        // Lines by their height (to a point), then left to right.
        runs.sort_by(|a, b| {
            let (ya, yb) = ((-a.1).round() as i64, (-b.1).round() as i64);
            ya.cmp(&yb).then(a.0.total_cmp(&b.0))
        });
        out.push(
            runs.iter()
                .flat_map(|r| r.2.split_whitespace())
                .map(str::to_owned)
                .collect(),
        );
    }
    Some(out)
}

/// The most bytes a stream is inflated to: a page's text is far less, and
/// a stream that inflates past it (a bomb) is cut there.
const INFLASI: u64 = 64 << 20;

/// The bytes of a stream: inflated when its filter is FlateDecode (to at
/// most [`INFLASI`] bytes), as they are without a filter; nothing for any
/// other filter, which renaksi's PDFs do not use for text.
fn isi_stream(stream: &lopdf::Stream) -> Vec<u8> {
    use std::io::Read;
    match stream.dict.get(b"Filter") {
        Err(_) => stream.content.clone(),
        Ok(f) if f.as_name().is_ok_and(|n| n == b"FlateDecode") => {
            let mut out = Vec::new();
            let _ = flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .take(INFLASI)
                .read_to_end(&mut out);
            out
        }
        Ok(_) => Vec::new(),
    }
}

/// The content of page `id`: its stream, or its streams one after another.
fn isi_halaman(doc: &Document, id: lopdf::ObjectId) -> Vec<u8> {
    let Ok(page) = doc.get_dictionary(id) else {
        return Vec::new();
    };
    let refs: Vec<lopdf::ObjectId> = match page.get(b"Contents") {
        Ok(Object::Reference(r)) => vec![*r],
        Ok(Object::Array(items)) => items
            .iter()
            .filter_map(|o| o.as_reference().ok())
            .take(4096)
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for r in refs {
        if let Ok(stream) = doc.get_object(r).and_then(Object::as_stream) {
            out.extend(isi_stream(stream));
            out.push(b'\n');
        }
        if out.len() as u64 > INFLASI {
            break;
        }
    }
    out
}

/// The operators of a content stream; none when it does not decode, or
/// nests too deep for lopdf's decoder to read safely.
fn ops(content: &[u8]) -> Vec<lopdf::content::Operation> {
    if !crate::sign::isi_aman(content) {
        return Vec::new();
    }
    Content::decode(content)
        .map(|c| c.operations)
        .unwrap_or_default()
}

/// A transformation matrix `[a b c d e f]`.
type Matriks = [f64; 6];
const IDENTITAS: Matriks = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the product m × n.
fn kali(m: &Matriks, n: &Matriks) -> Matriks {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn angka(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn matriks(ops: &[Object]) -> Option<Matriks> {
    (ops.len() == 6).then(|| {
        let mut m = IDENTITAS;
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = angka(o);
        }
        m
    })
}

/// The operators read on one page at most, forms drawn again and again
/// included: a form that draws another a thousand times, eight deep, is
/// read no further than this.
const LANGKAH: usize = 2_000_000;

/// The text runs of a page as they are found: x, y, text.
struct Baca<'a> {
    doc: &'a Document,
    fonts: &'a mut HashMap<lopdf::ObjectId, Peta>,
    runs: &'a mut Vec<(f64, f64, String)>,
    /// Operators still to be read on this page.
    sisa: usize,
    /// The content of each form drawn, decompressed once.
    formulir: HashMap<lopdf::ObjectId, std::rc::Rc<Vec<lopdf::content::Operation>>>,
}

impl Baca<'_> {
    /// The content stream `content` with `resources`, drawn with `ctm`.
    fn isi(
        &mut self,
        operations: &[lopdf::content::Operation],
        resources: Option<&Dictionary>,
        ctm: Matriks,
        dalam: usize,
    ) {
        let doc = self.doc;
        let font_dict = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| kamus(doc, f));
        let xobject = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| kamus(doc, x));
        let mut font: Option<lopdf::ObjectId> = None;
        let mut ctm = ctm;
        let mut simpan: Vec<Matriks> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITAS, IDENTITAS);
        let mut leading = 0.0;
        for op in operations {
            if self.sisa == 0 {
                return;
            }
            self.sisa -= 1;
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if simpan.len() < 256 => simpan.push(ctm),
                "Q" => ctm = simpan.pop().unwrap_or(ctm),
                "cm" => {
                    if let Some(m) = matriks(o) {
                        ctm = kali(&m, &ctm);
                    }
                }
                "BT" => (tm, tlm) = (IDENTITAS, IDENTITAS),
                "Tm" => {
                    if let Some(m) = matriks(o) {
                        (tm, tlm) = (m, m);
                    }
                }
                "Td" | "TD" if o.len() == 2 => {
                    let (tx, ty) = (angka(&o[0]), angka(&o[1]));
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    tlm = kali(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                "TL" if o.len() == 1 => leading = angka(&o[0]),
                "T*" => {
                    tlm = kali(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                "Tf" => {
                    font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| font_dict.as_ref()?.get(n).ok())
                        .and_then(|f| f.as_reference().ok());
                    if let Some(id) = font {
                        self.fonts.entry(id).or_insert_with(|| peta(doc, id));
                    }
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        tlm = kali(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                        tm = tlm;
                    }
                    let Some(p) = font.and_then(|id| self.fonts.get(&id)) else {
                        continue;
                    };
                    let mut text = String::new();
                    if let Some(last) = o.last() {
                        tulis(p, last, &mut text);
                    }
                    let at = kali(&tm, &ctm);
                    if !text.trim().is_empty() && self.runs.len() < 1 << 20 {
                        self.runs.push((at[4], at[5], text));
                    }
                }
                "Do" if dalam < DALAM => {
                    let Some((id, form)) = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| xobject.as_ref()?.get(n).ok())
                        .and_then(|x| x.as_reference().ok())
                        .and_then(|id| Some((id, doc.get_object(id).ok()?.as_stream().ok()?)))
                    else {
                        continue;
                    };
                    let is_form = form
                        .dict
                        .get(b"Subtype")
                        .and_then(Object::as_name)
                        .is_ok_and(|n| n == b"Form");
                    if !is_form {
                        continue;
                    }
                    let inner = form.dict.get(b"Resources").ok().and_then(|r| kamus(doc, r));
                    let m = form
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| m.as_array().ok())
                        .and_then(|m| matriks(m))
                        .unwrap_or(IDENTITAS);
                    // A form is decoded once however often it is drawn.
                    let isi = match self.formulir.get(&id) {
                        Some(isi) => isi.clone(),
                        None => {
                            let isi = std::rc::Rc::new(ops(&isi_stream(form)));
                            self.formulir.insert(id, isi.clone());
                            isi
                        }
                    };
                    self.isi(
                        &isi,
                        inner.as_ref().or(resources),
                        kali(&m, &ctm),
                        dalam + 1,
                    );
                }
                _ => {}
            }
        }
    }
}

/// A font's codes to text: two-byte codes for a composite font, one byte
/// otherwise.
#[derive(Default)]
struct Peta {
    dua: bool,
    kode: HashMap<u32, String>,
}

/// The resources of a page, inherited from its parents when it has none.
fn sumber_halaman(doc: &Document, id: lopdf::ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(id).ok()?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return kamus(doc, r);
        }
        node = doc
            .get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

fn kamus(doc: &Document, o: &Object) -> Option<Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d.clone()),
        Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
        _ => None,
    }
}

/// The text of one operand of a text operator: a string, or an array of
/// strings and adjustments (a large one is a space).
fn tulis(p: &Peta, operand: &Object, out: &mut String) {
    match operand {
        Object::String(bytes, _) => {
            if p.dua {
                for pair in bytes.chunks(2) {
                    let code = pair.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b));
                    if let Some(t) = p.kode.get(&code) {
                        out.push_str(t);
                    }
                }
            } else {
                for b in bytes {
                    match p.kode.get(&u32::from(*b)) {
                        Some(t) => out.push_str(t),
                        None if b.is_ascii_graphic() || *b == b' ' => out.push(*b as char),
                        None => {}
                    }
                }
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::Integer(n) if *n < -200 => out.push(' '),
                    Object::Real(n) if *n < -200.0 => out.push(' '),
                    other => tulis(p, other, out),
                }
            }
        }
        _ => {}
    }
}

/// The map of font `id` from its ToUnicode stream.
fn peta(doc: &Document, id: lopdf::ObjectId) -> Peta {
    let Ok(font) = doc.get_dictionary(id) else {
        return Peta::default();
    };
    let dua = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Type0");
    let cmap = font
        .get(b"ToUnicode")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_object(r))
        .and_then(Object::as_stream)
        .map(isi_stream);
    let kode = match cmap {
        Ok(bytes) => cmap_unicode(&String::from_utf8_lossy(&bytes)),
        Err(_) => HashMap::new(),
    };
    Peta { dua, kode }
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn cmap_unicode(text: &str) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        let values: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let number = |h: &str| u32::from_str_radix(h, 16).ok();
        match (section, values.as_slice()) {
            ("char", [code, text]) => {
                if let (Some(code), Some(text)) = (number(code), utf16(text)) {
                    out.insert(code, text);
                }
            }
            ("range", [from, to, start]) => {
                let (Some(from), Some(to), Some(start)) = (number(from), number(to), number(start))
                else {
                    continue;
                };
                // A range of at most 256 codes, as the CMap format allows.
                for (i, code) in (from..=to.min(from.saturating_add(255))).enumerate() {
                    if let Some(c) = char::from_u32(start + i as u32) {
                        out.insert(code, c.to_string());
                    }
                }
            }
            _ => {}
        }
        if out.len() > 1 << 17 {
            break;
        }
    }
    out
}

/// UTF-16BE code units written in hex.
fn utf16(hex: &str) -> Option<String> {
    if !hex.len().is_multiple_of(4) || hex.len() > 64 {
        return None;
    }
    let units: Option<Vec<u16>> = (0..hex.len())
        .step_by(4)
        .map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
        .collect();
    String::from_utf16(&units?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two forms that draw each other a thousand times each, from a page
    /// that draws the first a thousand times: without a bound, 1000^9
    /// operators; read in bounded time, with no word.
    #[test]
    fn forms_drawn_within_forms_are_read_in_bounded_time() {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let (a, b) = (doc.new_object_id(), doc.new_object_id());
        let draw = |name: &str| format!("/{name} Do\n").repeat(1000).into_bytes();
        for (id, other, name) in [(a, b, "B"), (b, a, "A")] {
            let form = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                    "Resources" => dictionary! { "XObject" => dictionary! { name => other } },
                },
                draw(name),
            );
            doc.objects.insert(id, Object::Stream(form));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, draw("A")));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "A" => a } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
                "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let started = std::time::Instant::now();
        assert_eq!(kata(&bytes), Some(vec![Vec::<String>::new()]));
        assert!(started.elapsed().as_secs() < 30);
    }

    #[test]
    fn a_to_unicode_map_is_read() {
        let map = cmap_unicode(
            "2 beginbfchar\n<0001> <0052>\n<0002> <00660069>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n",
        );
        assert_eq!(map[&1], "R");
        assert_eq!(map[&2], "fi");
        assert_eq!(map[&0x11], "B");
    }
}

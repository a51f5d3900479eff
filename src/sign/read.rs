//! What signing needs to know about a PDF, read two ways: directly, for a
//! file with classic cross-reference tables (every PDF renaksi writes), by
//! parsing only the few objects involved; or through lopdf, which reads any
//! PDF but parses every object first (tens of milliseconds for a report).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// The parts of a PDF a signature changes or depends on.
pub struct Parts {
    /// The catalog's object id and dictionary.
    pub root: ObjectId,
    pub catalog: Dictionary,
    /// The page the widget goes on.
    pub page_id: ObjectId,
    pub page: Dictionary,
    /// The interactive form (resolved; empty when there is none).
    pub form: Dictionary,
    /// The form's fields and the page's annotations (resolved).
    pub fields: Vec<Object>,
    pub annots: Vec<Object>,
    /// The (latest) trailer, for /Size, /Info and /ID.
    pub trailer: Dictionary,
    /// The Info dictionary's /CreationDate, as written.
    pub creation_date: Option<Vec<u8>>,
    /// The Info dictionary's /Title, decoded.
    pub title: Option<String>,
    /// Whether the PDF is encrypted, or certified (its first signature
    /// forbids changes, /Perms), which no further signature may follow.
    pub encrypted: bool,
    pub certified: bool,
    /// The /Name of each signature it already carries (empty when unnamed).
    pub signers: Vec<String>,
}

/// Why the parts could not be read.
pub enum Missing {
    /// Not a PDF lopdf can read.
    Unreadable(String),
    /// Something the signature needs is not there (named).
    Part(String),
}

/// The parts, read directly when the file allows it, else through lopdf
/// (only for a file whose objects all stand in the open and nest at most
/// [`DALAM`] deep: lopdf reads nesting by recursion).
pub fn parts(pdf: &[u8], page: usize) -> Result<Parts, Missing> {
    if let Some(parts) = Direct::open(pdf).and_then(|d| d.parts(page)) {
        return Ok(parts);
    }
    if let Some(why) = tak_terbaca_lopdf(pdf) {
        return Err(Missing::Unreadable(why));
    }
    // lopdf's own words are English: said here in ours.
    let doc = Document::load_mem(pdf)
        .map_err(|_| Missing::Unreadable("strukturnya rusak atau bukan PDF".into()))?;
    from_document(&doc, page)
}

/// The document information dictionary (/Info) of the PDF's latest
/// revision, read directly; else of its first revision (the bytes up to
/// its first `%%EOF`), for a file whose later updates this reader does
/// not follow.
pub fn info(pdf: &[u8]) -> Option<Dictionary> {
    let of = |data: &[u8]| -> Option<Dictionary> {
        let direct = Direct::open(data)?;
        direct.dict(direct.trailer.get(b"Info").ok()?)
    };
    of(pdf).or_else(|| {
        let key = b"%%EOF";
        let eof = pdf.windows(key.len()).position(|w| w == key)? + key.len();
        of(&pdf[..eof])
    })
}

/// How deep arrays and dictionaries may nest for lopdf to read a file.
pub const DALAM: usize = 64;

/// Why lopdf may not read `pdf` safely, or `None` when it may: arrays and
/// dictionaries nested deeper than [`DALAM`] (lopdf reads nesting by
/// recursion and would exhaust its stack), in the file or in its
/// compressed object streams (inflated here, at most [`OBJSTM_MAKS`]
/// bytes each, to be looked at).
pub fn tak_terbaca_lopdf(pdf: &[u8]) -> Option<String> {
    kedalaman(pdf, true).err()
}

/// Whether a content stream (`data`, inflated) nests its arrays and
/// dictionaries at most [`DALAM`] deep, so that lopdf may decode it.
pub fn isi_aman(data: &[u8]) -> bool {
    kedalaman(data, false).is_ok()
}

/// The most bytes one object stream may inflate to.
pub const OBJSTM_MAKS: u64 = 64 << 20;

/// Checks the nesting of `data`, and of the object streams in it when
/// `objstm`.
fn kedalaman(data: &[u8], objstm: bool) -> Result<(), String> {
    let mut depth = 0usize;
    let mut last_obj = 0usize;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut nest = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => nest += 1,
                        b')' => {
                            nest -= 1;
                            if nest == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                while i < data.len() && data[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'o' if data[i..].starts_with(b"obj") => last_obj = i,
            b's' if data[i..].starts_with(b"stream")
                && (i == 0 || is_white(data[i - 1]) || data[i - 1] == b'>') =>
            {
                let key = b"endstream";
                let start = i + 6;
                let end = data[start..]
                    .windows(key.len())
                    .position(|w| w == key)
                    .map_or(data.len(), |e| start + e);
                let head = &data[last_obj..i];
                if objstm && head.windows(7).any(|w| w == b"/ObjStm") {
                    aliran_objek(head, &data[start..end])?;
                }
                i = end + key.len() - 1;
            }
            _ => {}
        }
        if depth > DALAM {
            return Err(format!(
                "larik atau kamus bersarang lebih dari {DALAM} tingkat (sekitar bita {i})"
            ));
        }
        i += 1;
    }
    Ok(())
}

/// Checks the nesting inside one object stream (`head` its dictionary,
/// `body` its data with the line end after `stream`).
fn aliran_objek(head: &[u8], body: &[u8]) -> Result<(), String> {
    use std::io::Read as _;
    let body = body
        .strip_prefix(b"\r\n")
        .or_else(|| body.strip_prefix(b"\n"))
        .unwrap_or(body);
    let has = |w: &[u8]| head.windows(w.len()).any(|x| x == w);
    if !has(b"/Filter") {
        return kedalaman(body, false);
    }
    if !has(b"/FlateDecode") || has(b"/DecodeParms") {
        return Err("aliran objeknya memakai penyandian selain FlateDecode".into());
    }
    let mut inflated = Vec::new();
    flate2::read::ZlibDecoder::new(body)
        .take(OBJSTM_MAKS + 1)
        .read_to_end(&mut inflated)
        .map_err(|_| "aliran objeknya rusak".to_owned())?;
    if inflated.len() as u64 > OBJSTM_MAKS {
        return Err(format!(
            "aliran objeknya lebih dari {} MB setelah dibuka",
            OBJSTM_MAKS >> 20
        ));
    }
    kedalaman(&inflated, false)
}

fn from_document(doc: &Document, page_number: usize) -> Result<Parts, Missing> {
    let missing = |what: &str| Missing::Part(what.to_owned());
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| missing("katalog (/Root)"))?;
    let catalog = doc
        .get_dictionary(root)
        .map_err(|_| missing("katalog"))?
        .clone();
    let page_id = *doc
        .get_pages()
        .get(&(page_number as u32))
        .ok_or_else(|| missing(&format!("halaman {page_number}")))?;
    let page = doc
        .get_dictionary(page_id)
        .map_err(|_| missing("halaman"))?
        .clone();
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let form = catalog
        .get(b"AcroForm")
        .ok()
        .and_then(resolve)
        .and_then(|o| o.as_dict().ok().cloned())
        .unwrap_or_default();
    let array = |o: Option<&Object>| match o.and_then(resolve) {
        Some(Object::Array(items)) => items,
        _ => Vec::new(),
    };
    let signers: Vec<String> = doc
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok().filter(|d| is_signature(d)))
        .map(signer_name)
        .collect();
    let certified = catalog.has(b"Perms");
    let creation_date = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(resolve)
        .and_then(
            |info| match info.as_dict().ok()?.get(b"CreationDate").ok()? {
                Object::String(bytes, _) => Some(bytes.clone()),
                _ => None,
            },
        );
    let title = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(resolve)
        .and_then(|info| info.as_dict().ok()?.get(b"Title").ok().and_then(text));
    Ok(Parts {
        title,
        fields: array(form.get(b"Fields").ok()),
        annots: array(page.get(b"Annots").ok()),
        trailer: doc.trailer.clone(),
        encrypted: doc.is_encrypted() || doc.trailer.has(b"Encrypt"),
        certified,
        signers,
        creation_date,
        root,
        catalog,
        page_id,
        page,
        form,
    })
}

/// The byte offset after the last `startxref` keyword.
pub(super) fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let key = b"startxref";
    let at = pdf.windows(key.len()).rposition(|w| w == key)? + key.len();
    let digits: String = pdf[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    digits.parse().ok()
}

/// A PDF text string (PDFDocEncoding or UTF-16BE) as text.
fn text(object: &Object) -> Option<String> {
    lopdf::decode_text_string(object).ok()
}

pub(super) fn is_name(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|name| name == value)
}

fn is_signature(dict: &Dictionary) -> bool {
    is_name(dict, b"Type", b"Sig")
}

fn is_signed_field(dict: &Dictionary) -> bool {
    is_name(dict, b"FT", b"Sig") && dict.has(b"V")
}

/// The /Name of a signature dictionary, as text.
pub(super) fn signer_name(dict: &Dictionary) -> String {
    match dict.get(b"Name") {
        Ok(Object::String(bytes, _)) => {
            lopdf::decode_text_string(&Object::String(bytes.clone(), StringFormat::Literal))
                .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
        }
        _ => String::new(),
    }
}

/// A PDF read through its classic cross-reference tables, object by object.
pub(super) struct Direct<'a> {
    data: &'a [u8],
    /// Where each object starts; `None` for one freed in a later update.
    pub(super) offsets: HashMap<u32, Option<usize>>,
    pub(super) trailer: Dictionary,
}

impl<'a> Direct<'a> {
    /// `None` when the file is not one this reader handles (a
    /// cross-reference stream, say); lopdf reads those.
    pub(super) fn open(data: &'a [u8]) -> Option<Self> {
        let key = b"startxref";
        let at = data.windows(key.len()).rposition(|w| w == key)? + key.len();
        let mut parser = Parser { data, at };
        let mut next = Some(parser.integer()? as usize);
        let mut offsets = HashMap::new();
        let mut trailer: Option<Dictionary> = None;
        let mut seen = 0;
        while let Some(start) = next {
            seen += 1;
            if seen > 64 {
                return None;
            }
            let mut p = Parser { data, at: start };
            p.keyword(b"xref")?;
            loop {
                p.skip_space();
                if p.peek_keyword(b"trailer") {
                    break;
                }
                let first = p.integer()? as u32;
                let count = p.integer()? as u32;
                for n in first..first.checked_add(count)? {
                    let offset = p.integer()? as usize;
                    let _generation = p.integer()?;
                    p.skip_space();
                    let kind = *data.get(p.at)?;
                    p.at += 1;
                    // Later sections (read first) win.
                    offsets.entry(n).or_insert((kind == b'n').then_some(offset));
                }
            }
            p.keyword(b"trailer")?;
            let Object::Dictionary(dict) = p.object()? else {
                return None;
            };
            if dict.has(b"XRefStm") {
                return None;
            }
            next = dict
                .get(b"Prev")
                .and_then(Object::as_i64)
                .ok()
                .map(|p| p as usize);
            trailer.get_or_insert(dict);
        }
        Some(Direct {
            data,
            offsets,
            trailer: trailer?,
        })
    }

    /// The direct object numbered `n`; `None` for a stream or anything
    /// unexpected.
    pub(super) fn object(&self, n: u32) -> Option<Object> {
        let mut p = Parser {
            data: self.data,
            at: (*self.offsets.get(&n)?)?,
        };
        if p.integer()? != i64::from(n) {
            return None;
        }
        p.integer()?;
        p.keyword(b"obj")?;
        let object = p.object()?;
        p.skip_space();
        p.peek_keyword(b"endobj").then_some(object)
    }

    pub(super) fn resolve(&self, object: &Object) -> Option<Object> {
        match object {
            Object::Reference((n, _)) => self.object(*n),
            other => Some(other.clone()),
        }
    }

    pub(super) fn dict(&self, object: &Object) -> Option<Dictionary> {
        match self.resolve(object)? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }

    fn array(&self, object: Option<&Object>) -> Option<Vec<Object>> {
        match object.map(|o| self.resolve(o)) {
            None => Some(Vec::new()),
            Some(Some(Object::Array(items))) => Some(items),
            Some(_) => None,
        }
    }

    /// The `number`-th page (1-based) of the page tree under `node`.
    fn page(&self, node: ObjectId, number: usize, depth: usize) -> Option<(ObjectId, Dictionary)> {
        let dict = self.dict(&Object::Reference(node))?;
        if is_name(&dict, b"Type", b"Page") {
            return (number == 1).then_some((node, dict));
        }
        if depth > 32 {
            return None;
        }
        let mut number = number;
        for kid in dict.get(b"Kids").ok()?.as_array().ok()? {
            let id = kid.as_reference().ok()?;
            let kid_dict = self.dict(kid)?;
            let count = if is_name(&kid_dict, b"Type", b"Pages") {
                kid_dict.get(b"Count").and_then(Object::as_i64).ok()? as usize
            } else {
                1
            };
            if number <= count {
                return self.page(id, number, depth + 1);
            }
            number -= count;
        }
        None
    }

    /// Every page in order, by its id; `None` when the page tree is not
    /// one this reader follows (a loop, more than a million nodes).
    pub(super) fn pages(&self) -> Option<Vec<(ObjectId, Dictionary)>> {
        let root = self.trailer.get(b"Root").ok()?.as_reference().ok()?;
        let catalog = self.dict(&Object::Reference(root))?;
        let mut stack = vec![catalog.get(b"Pages").ok()?.as_reference().ok()?];
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) || seen.len() > 1_000_000 {
                return None;
            }
            let dict = self.dict(&Object::Reference(id))?;
            if is_name(&dict, b"Type", b"Page") {
                out.push((id, dict));
                continue;
            }
            let kids = dict.get(b"Kids").ok()?.as_array().ok()?;
            for kid in kids.iter().rev() {
                stack.push(kid.as_reference().ok()?);
            }
        }
        Some(out)
    }

    fn parts(&self, page_number: usize) -> Option<Parts> {
        let trailer = &self.trailer;
        let root = trailer.get(b"Root").ok()?.as_reference().ok()?;
        let catalog = self.dict(&Object::Reference(root))?;
        let pages = catalog.get(b"Pages").ok()?.as_reference().ok()?;
        let (page_id, page) = self.page(pages, page_number, 0)?;
        let form = match catalog.get(b"AcroForm") {
            Ok(form) => self.dict(form)?,
            Err(_) => Dictionary::new(),
        };
        let fields = self.array(form.get(b"Fields").ok())?;
        let certified = catalog.has(b"Perms");
        let mut signers = Vec::new();
        for field in &fields {
            let field = self.dict(field)?;
            if is_signed_field(&field) {
                let value = field.get(b"V").ok()?;
                signers.push(
                    self.dict(value)
                        .map(|d| signer_name(&d))
                        .unwrap_or_default(),
                );
            }
        }
        let info = match trailer.get(b"Info") {
            Ok(info) => Some(self.dict(info)?),
            Err(_) => None,
        };
        let creation_date = match info.as_ref().map(|i| i.get(b"CreationDate")) {
            Some(Ok(Object::String(bytes, _))) => Some(bytes.clone()),
            _ => None,
        };
        let title = info
            .as_ref()
            .and_then(|i| i.get(b"Title").ok())
            .and_then(text);
        Some(Parts {
            title,
            annots: self.array(page.get(b"Annots").ok())?,
            trailer: trailer.clone(),
            encrypted: trailer.has(b"Encrypt"),
            certified,
            signers,
            creation_date,
            root,
            catalog,
            page_id,
            page,
            form,
            fields,
        })
    }
}

/// A reader of PDF objects (no streams) from a byte position.
pub(super) struct Parser<'a> {
    pub(super) data: &'a [u8],
    pub(super) at: usize,
}

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl Parser<'_> {
    pub(super) fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.at) {
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.at)
                    .is_some_and(|&b| b != b'\n' && b != b'\r')
                {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    pub(super) fn peek_keyword(&self, word: &[u8]) -> bool {
        self.data[self.at.min(self.data.len())..].starts_with(word)
    }

    pub(super) fn keyword(&mut self, word: &[u8]) -> Option<()> {
        self.skip_space();
        if self.peek_keyword(word) {
            self.at += word.len();
            Some(())
        } else {
            None
        }
    }

    pub(super) fn integer(&mut self) -> Option<i64> {
        match self.number()? {
            Object::Integer(i) => Some(i),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Object> {
        self.skip_space();
        let start = self.at;
        while self
            .data
            .get(self.at)
            .is_some_and(|b| b.is_ascii_digit() || b"+-.".contains(b))
        {
            self.at += 1;
        }
        // A position past the end (an offset the file gave) reads nothing.
        let text = std::str::from_utf8(self.data.get(start..self.at)?).ok()?;
        if text.contains('.') {
            text.parse::<f32>().ok().map(Object::Real)
        } else {
            text.parse::<i64>().ok().map(Object::Integer)
        }
    }

    /// A direct object; a stream's dictionary is refused (signing
    /// rewrites no stream).
    pub(super) fn object(&mut self) -> Option<Object> {
        let (object, stream) = self.object_or_stream()?;
        (!stream).then_some(object)
    }

    /// A direct object, and whether the `stream` keyword follows it (the
    /// object is then a stream's dictionary; the position stays before
    /// the keyword).
    pub(super) fn object_or_stream(&mut self) -> Option<(Object, bool)> {
        let object = self.object_at_depth(0)?;
        let end = self.at;
        self.skip_space();
        let stream = matches!(object, Object::Dictionary(_)) && self.peek_keyword(b"stream");
        self.at = end;
        Some((object, stream))
    }

    fn object_at_depth(&mut self, depth: usize) -> Option<Object> {
        if depth > 64 {
            return None;
        }
        self.skip_space();
        let b = *self.data.get(self.at)?;
        match b {
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut dict = Dictionary::new();
                loop {
                    self.skip_space();
                    if self
                        .data
                        .get(self.at..)
                        .is_some_and(|r| r.starts_with(b">>"))
                    {
                        self.at += 2;
                        break;
                    }
                    let Object::Name(key) = self.object_at_depth(depth + 1)? else {
                        return None;
                    };
                    let value = self.object_at_depth(depth + 1)?;
                    dict.set(key, value);
                }
                Some(Object::Dictionary(dict))
            }
            b'<' => {
                self.at += 1;
                let mut hex = Vec::new();
                loop {
                    let b = *self.data.get(self.at)?;
                    self.at += 1;
                    match b {
                        b'>' => break,
                        b if b.is_ascii_hexdigit() => hex.push(b),
                        b if is_white(b) => {}
                        _ => return None,
                    }
                }
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
                    .collect::<Option<Vec<u8>>>()?;
                Some(Object::String(bytes, StringFormat::Hexadecimal))
            }
            b'(' => self
                .literal()
                .map(|s| Object::String(s, StringFormat::Literal)),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.data.get(self.at) == Some(&b']') {
                        self.at += 1;
                        break;
                    }
                    items.push(self.object_at_depth(depth + 1)?);
                }
                Some(Object::Array(items))
            }
            b'/' => {
                self.at += 1;
                let mut name = Vec::new();
                while let Some(&b) = self.data.get(self.at) {
                    if is_white(b) || is_delimiter(b) {
                        break;
                    }
                    self.at += 1;
                    if b == b'#' {
                        let hex = self.data.get(self.at..self.at + 2)?;
                        name.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                        self.at += 2;
                    } else {
                        name.push(b);
                    }
                }
                Some(Object::Name(name))
            }
            b't' if self.peek_keyword(b"true") => {
                self.at += 4;
                Some(Object::Boolean(true))
            }
            b'f' if self.peek_keyword(b"false") => {
                self.at += 5;
                Some(Object::Boolean(false))
            }
            b'n' if self.peek_keyword(b"null") => {
                self.at += 4;
                Some(Object::Null)
            }
            _ => {
                let number = self.number()?;
                // `n g R` is a reference.
                if let Object::Integer(n) = number {
                    let save = self.at;
                    if let Some(g) = self.integer() {
                        if self.keyword(b"R").is_some() {
                            return Some(Object::Reference((
                                u32::try_from(n).ok()?,
                                u16::try_from(g).ok()?,
                            )));
                        }
                    }
                    self.at = save;
                }
                Some(number)
            }
        }
    }

    /// A literal string, `(` already next: nested parentheses and escapes.
    fn literal(&mut self) -> Option<Vec<u8>> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        loop {
            let b = *self.data.get(self.at)?;
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    out.push(b);
                }
                b'\\' => {
                    let e = *self.data.get(self.at)?;
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        b'\r' => {
                            if self.data.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Object> {
        Parser {
            data: text.as_bytes(),
            at: 0,
        }
        .object()
    }

    #[test]
    fn objects() {
        let dict =
            parse("<</Type/Page/Kids[1 0 R 2 0 R]/N -1.5/T(a\\(b\\)\\101)/H<4142>/E#20x 3>>")
                .unwrap();
        let dict = dict.as_dict().unwrap();
        assert!(is_name(dict, b"Type", b"Page"));
        assert_eq!(
            dict.get(b"Kids").unwrap().as_array().unwrap(),
            &vec![Object::Reference((1, 0)), Object::Reference((2, 0))]
        );
        assert_eq!(dict.get(b"N").unwrap(), &Object::Real(-1.5));
        assert_eq!(dict.get(b"T").unwrap().as_str().unwrap(), b"a(b)A");
        assert_eq!(dict.get(b"H").unwrap().as_str().unwrap(), b"AB");
        assert_eq!(dict.get(b"E x").unwrap(), &Object::Integer(3));
        assert!(parse("<</Length 3>>stream\nabc\nendstream").is_none());
        assert!(parse(&"[".repeat(100)).is_none());
    }

    /// Both ways of reading agree on a PDF renaksi wrote.
    #[test]
    fn direct_reading_matches_lopdf() {
        let pdf = super::super::contoh();
        let doc = Document::load_mem(&pdf).unwrap();
        for page in [1, 3, 30] {
            let direct = Direct::open(&pdf).unwrap().parts(page).unwrap();
            let Ok(full) = from_document(&doc, page) else {
                panic!("lopdf could not read page {page}");
            };
            assert_eq!(direct.root, full.root);
            assert_eq!(direct.page_id, full.page_id, "page {page}");
            assert_eq!(direct.catalog, full.catalog);
            assert_eq!(direct.page, full.page, "page {page}");
            assert_eq!(direct.annots, full.annots, "page {page}");
            for key in [&b"Size"[..], b"Info", b"ID"] {
                assert_eq!(direct.trailer.get(key).ok(), full.trailer.get(key).ok());
            }
            assert_eq!(direct.creation_date, full.creation_date);
            assert!(direct.creation_date.is_some());
            assert!(direct.signers.is_empty() && full.signers.is_empty() && !direct.encrypted);
        }
        assert!(Direct::open(&pdf).unwrap().parts(31).is_none());
    }
}

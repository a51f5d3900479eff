//! The cover logo, checked before anything decodes it: its size in pixels
//! read from the file's header (a 190 KB PNG can claim 1.6 GB of pixels),
//! and for an SVG, that it stands alone — no linked file, font or address,
//! which the sandboxed compiler could not load anyway.

use base64::Engine;
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

/// The longest side of a raster logo, in pixels: twice an A4 page's width
/// at 300 dpi.
pub const MAX_SISI: u32 = 6_000;
/// The most pixels of a raster logo: 16 megapixels, 64 MB once decoded.
pub const MAX_PIKSEL: u64 = 16_000_000;

/// What is wrong with an image, in Indonesian, and what would be right.
pub struct Tolak {
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub hint: String,
}

/// The image format of `bytes` as Typst names it, from its first bytes.
pub fn format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")) {
        Some("svg")
    } else {
        None
    }
}

/// Checks an image of `format` (`png`, `jpg`, `svg`) named `path`: its
/// size, for an SVG its links, then that it decodes at all.
pub fn periksa(format: &str, path: &str, bytes: &[u8]) -> Result<(), Tolak> {
    match format {
        "svg" => svg(path, bytes)?,
        _ => ukuran_wajar(path, ukuran(format, bytes))?,
    }
    let data = Bytes::new(bytes.to_vec());
    let decodes = match format {
        "png" => RasterImage::plain(data, ExchangeFormat::Png).is_ok(),
        "jpg" => RasterImage::plain(data, ExchangeFormat::Jpg).is_ok(),
        _ => SvgImage::new(data).is_ok(),
    };
    if decodes {
        Ok(())
    } else {
        Err(rusak(path))
    }
}

fn rusak(path: &str) -> Tolak {
    Tolak {
        message: format!("gambar `{path}` rusak dan tidak dapat dibaca"),
        hint: "simpan ulang gambar itu dari program pengolah gambar, atau hapus kunci `logo`"
            .into(),
    }
}

/// Width and height from a PNG's or JPEG's header; `None` when the header
/// cannot be read.
fn ukuran(format: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    match format {
        "png" => {
            // Signature, then the IHDR chunk: length, "IHDR", width, height.
            let ihdr = bytes.get(12..24)?;
            if &ihdr[..4] != b"IHDR" {
                return None;
            }
            let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
            Some((be(&ihdr[4..8]), be(&ihdr[8..12])))
        }
        "jpg" => jpeg_size(bytes),
        _ => None,
    }
}

/// The size in a JPEG's first start-of-frame marker.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        let length = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let h = u16::from_be_bytes([*bytes.get(i + 5)?, *bytes.get(i + 6)?]);
            let w = u16::from_be_bytes([*bytes.get(i + 7)?, *bytes.get(i + 8)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        if marker == 0xD9 || marker == 0xDA || length < 2 {
            return None;
        }
        i += 2 + length;
    }
}

fn ukuran_wajar(path: &str, size: Option<(u32, u32)>) -> Result<(), Tolak> {
    let Some((w, h)) = size else {
        return Err(Tolak {
            message: format!("ukuran gambar `{path}` tidak dapat dibaca dari kepala berkasnya"),
            hint: "simpan ulang gambar itu dari program pengolah gambar, atau hapus kunci `logo`"
                .into(),
        });
    };
    let piksel = u64::from(w) * u64::from(h);
    if w == 0 || h == 0 || w > MAX_SISI || h > MAX_SISI || piksel > MAX_PIKSEL {
        let ribu = |n: u64| crate::format::angka(n as f64);
        return Err(Tolak {
            message: format!(
                "gambar `{path}` terlalu besar: {} × {} piksel",
                ribu(u64::from(w)),
                ribu(u64::from(h))
            ),
            hint: format!(
                "perkecil gambar sampai sisi terpanjangnya paling banyak {} piksel (dan paling banyak {} juta piksel); logo di sampul cukup 1.000 piksel",
                ribu(u64::from(MAX_SISI)),
                MAX_PIKSEL / 1_000_000
            ),
        });
    }
    Ok(())
}

/// An SVG that links nothing outside itself: every `href` points inside
/// the file (`#id`) or is an embedded raster image of a sane size; no
/// style imports a file, a font or an address.
fn svg(path: &str, bytes: &[u8]) -> Result<(), Tolak> {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|_| rusak(path))?;
    let tautan = |what: &str| {
        Tolak {
        message: format!("logo SVG `{path}` menautkan {what}"),
        hint: "simpan logo sebagai SVG mandiri (gambar dan huruf di dalam berkas, teks diubah menjadi kurva), atau gunakan PNG".into(),
    }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if matches!(name, "font" | "font-face" | "font-face-uri") {
            return Err(tautan("huruf SVG"));
        }
        for attr in node.attributes() {
            let value = attr.value().trim();
            if attr.name() == "href" {
                if value.starts_with('#') {
                    continue;
                }
                match value.strip_prefix("data:") {
                    Some(data) => embedded(path, data)?,
                    None => return Err(tautan(&format!("berkas atau alamat lain: `{value}`"))),
                }
            }
            if attr.name() == "style" || attr.name() == "fill" || attr.name() == "filter" {
                style(value).map_err(|what| tautan(&what))?;
            }
        }
        if name == "style" {
            let css: String = node.children().filter_map(|c| c.text()).collect();
            style(&css).map_err(|what| tautan(&what))?;
        }
    }
    Ok(())
}

/// A style's reference to anything outside the file.
fn style(css: &str) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Err("lembar gaya lain (`@import`)".into());
    }
    if lower.contains("@font-face") {
        return Err("huruf dari luar (`@font-face`)".into());
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        let target = rest[i + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            let shown: String = target.chars().take_while(|c| *c != ')').take(60).collect();
            return Err(format!("berkas atau alamat lain: `url({shown})`"));
        }
        rest = &rest[i + 4..];
    }
    Ok(())
}

/// An image embedded in an SVG as a `data:` address: held to the size of
/// a logo, read from its header before anything decodes it.
fn embedded(path: &str, data: &str) -> Result<(), Tolak> {
    let bad = || Tolak {
        message: format!("logo SVG `{path}` memuat gambar tersemat yang tidak dapat dibaca"),
        hint: "simpan ulang logo dari program pengolah gambar, atau gunakan PNG".into(),
    };
    let (head, payload) = data.split_once(',').ok_or_else(bad)?;
    if !head.ends_with(";base64") {
        return Err(bad());
    }
    // The header is in the first bytes: decode a prefix only.
    let prefix: String = payload
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(64 * 1024)
        .collect();
    let prefix = &prefix[..prefix.len() / 4 * 4];
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(prefix)
        .map_err(|_| bad())?;
    match format(&bytes) {
        Some(kind @ ("png" | "jpg")) => ukuran_wajar(path, ukuran(kind, &bytes)),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b
    }

    #[test]
    fn sizes_come_from_the_header() {
        assert_eq!(ukuran("png", &png(100, 50)), Some((100, 50)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x2C, 0x00, 0xC8, 3,
        ];
        assert_eq!(ukuran("jpg", &jpeg), Some((200, 300)));
        assert!(ukuran_wajar("x", Some((6_000, 2_000))).is_ok());
        assert!(ukuran_wajar("x", Some((6_001, 10))).is_err());
        assert!(ukuran_wajar("x", Some((5_000, 4_000))).is_err());
        assert!(ukuran_wajar("x", None).is_err());
    }

    #[test]
    fn embedded_images_are_read_by_their_header_whatever_the_text() {
        use base64::Engine;
        let big = base64::engine::general_purpose::STANDARD.encode(png(20_000, 20_000));
        let svg_with = |data: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,{data}"/></svg>"#
            )
        };
        let err = svg("l.svg", svg_with(&big).as_bytes())
            .err()
            .map(|t| t.message);
        assert_eq!(
            err.as_deref(),
            Some("gambar `l.svg` terlalu besar: 20.000 × 20.000 piksel")
        );
        // Not base64 at all, with letters of other scripts: refused, no panic.
        for data in ["aéé", "ééé", "€€€€€", ""] {
            assert!(svg("l.svg", svg_with(data).as_bytes()).is_err(), "{data}");
        }
    }

    #[test]
    fn svg_links_are_refused() {
        let ok = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><g id="a"/></defs><use xlink:href="#a" style="fill:url(#g)"/></svg>"##;
        assert!(svg("l.svg", ok.as_bytes()).is_ok());
        for bad in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="../rahasia.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://contoh.go.id/a.png"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face { src: url(f.ttf) }</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url('x.svg#p')"/></svg>"#,
        ] {
            let Err(err) = svg("l.svg", bad.as_bytes()) else {
                panic!("accepted: {bad}");
            };
            assert!(
                err.message.starts_with("logo SVG `l.svg` menautkan"),
                "{}",
                err.message
            );
        }
    }
}

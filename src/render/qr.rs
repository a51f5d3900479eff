//! The QR code of an electronic signature block, drawn as SVG from the
//! module matrix; the encoded text never appears in the SVG itself.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` (error correction level M) as an SVG image without
/// quiet zone; the signature block leaves white space around it.
pub fn svg(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
        format!(
            "isi kode QR ({} bita) tidak dapat dijadikan kode QR: {e}",
            text.len()
        )
    })?;
    Ok(code
        .render::<svg::Color>()
        .quiet_zone(false)
        .module_dimensions(1, 1)
        .build())
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_a_link_and_refuses_what_no_qr_code_holds() {
        let svg = super::svg("https://tte.bulelengkab.go.id/verifikasi/abc").unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{svg}");
        assert!(!svg.contains("bulelengkab"));
        let err = super::svg(&"x".repeat(5000)).unwrap_err();
        assert!(err.contains("5000 bita"), "{err}");
    }
}

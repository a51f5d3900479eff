//! The property of the PDF readers (`verify`, `sign`), shared by the
//! fuzz target `pdf` and the test that replays its corpus: on any bytes,
//! reading a PDF's provenance, its words (`verify`'s text comparison), its
//! parts for signing, and what follows any of its lengths never panics and
//! never overflows the stack; what follows the whole file is nothing.

pub fn check(pdf: &[u8]) {
    let _ = renaksi::verify::tercatat(pdf);
    let _ = renaksi::teks_pdf::kata(pdf);
    let _ = renaksi::sign::baca(pdf);
    let _ = renaksi::sign::revisi::revisi_pertama(pdf);
    for at in [
        0,
        pdf.len() / 3,
        pdf.len() / 2,
        pdf.len().saturating_sub(40),
    ] {
        let _ = renaksi::sign::revisi::sesudah(pdf, at);
    }
    assert_eq!(
        renaksi::sign::revisi::sesudah(pdf, pdf.len()),
        Ok(Vec::new())
    );
}

//! Signature modes: `basah`, `tte` (QR code, anchor, BSrE footer and the
//! coordinate sidecar) and `tanpa`; an acting official.

use std::path::Path;
use std::process::Command;

use crate::support::{
    add_programs, page_raw_text, page_sizes, pdf_text, poppler, renaksi, squash, squashed_pages,
    words, Fixture,
};

const QR: &str = "https://tte.bulelengkab.go.id/verifikasi/renaksi-kubutambahan-2022";
const BSRE: &str = "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN";

/// The example, signed electronically by an acting Camat.
fn tte(extra: &str) -> Fixture {
    let report = Fixture::example();
    report.edit("laporan.yaml", |text| {
        format!("{text}  pelaksana: plt\ntanda_tangan:\n  mode: tte\n  qr: {QR}\n{extra}")
    });
    report
}

fn sidecar(pdf: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(pdf.with_extension("tte.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Where the word `word` starts on `page`: (x, y from the top), in points.
fn word_at(pdf: &Path, page: usize, word: &str) -> Vec<(f64, f64)> {
    words(pdf, word)
        .into_iter()
        .filter(|w| w.page == page)
        .map(|w| (w.x_min, w.y_min))
        .collect()
}

#[test]
fn tte_blocks_carry_qr_anchor_and_footer_and_the_sidecar_finds_them() {
    let report = tte("");
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("koordinat tanda tangan elektronik: "));

    let text = pdf_text(&pdf);
    assert_eq!(
        text.matches("Ditandatangani secara elektronik oleh:\nPlt. Camat Kubutambahan")
            .count(),
        3,
        "{text}"
    );
    let pages = page_sizes(&pdf).len();
    for page in 1..=pages {
        let raw = page_raw_text(&pdf, page)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(raw.contains(BSRE), "page {page}: {raw}");
    }
    // The page number stays clear of the sentence under it, on a portrait
    // page and on a landscape one (with its narrower bottom margin). The
    // example has four pages before BAB I.
    for page in [5, pages] {
        let number = words(&pdf, &(page - 4).to_string())
            .into_iter()
            .filter(|w| w.page == page)
            .max_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap();
        let sentence = words(&pdf, "Balai")
            .into_iter()
            .find(|w| w.page == page)
            .unwrap();
        assert!(
            sentence.y_min - number.y_max >= 3.0,
            "page {page}: {number:?} {sentence:?}"
        );
    }

    let json = sidecar(&pdf);
    assert_eq!(json["pdf"], "laporan.pdf");
    assert_eq!(json["jangkar"], "#");
    let boxes = json["kotak"].as_array().unwrap();
    let blocks: Vec<&str> = boxes.iter().map(|b| b["blok"].as_str().unwrap()).collect();
    assert_eq!(blocks, ["kata-pengantar", "bab", "lampiran"]);
    for b in boxes {
        let page = b["halaman"].as_u64().unwrap() as usize;
        let (w, h) = page_sizes(&pdf)[page - 1];
        assert!((b["lebar_halaman"].as_f64().unwrap() - w).abs() < 0.01);
        assert!((b["tinggi_halaman"].as_f64().unwrap() - h).abs() < 0.01);
        // The anchor sits at the box's top left, where the service looks.
        let top = h - b["y"].as_f64().unwrap() - b["tinggi"].as_f64().unwrap();
        let anchors = word_at(&pdf, page, "#");
        assert_eq!(anchors.len(), 1, "page {page}: {anchors:?}");
        let (x, y) = anchors[0];
        assert!((x - b["x"].as_f64().unwrap()).abs() < 1.0, "{b} vs {x}");
        assert!((y - top).abs() < 1.0, "{b} vs {y}");
        // The signer's name follows below the box.
        let text = page_raw_text(&pdf, page);
        assert!(text.contains("Drs. Made Suyasa, M.Si"), "page {page}");
    }
    // The Lampiran's box is on its last, landscape page.
    assert_eq!(boxes[2]["halaman"].as_u64().unwrap() as usize, pages);
    assert!(boxes[2]["lebar_halaman"].as_f64() > boxes[2]["tinggi_halaman"].as_f64());
}

/// The QR code a reader scans holds the text from laporan.yaml (zbarimg,
/// from zbar-tools, reads it off the rendered page).
#[test]
fn the_qr_code_scans_to_the_yaml_text() {
    let report = tte("");
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = sidecar(&pdf)["kotak"][0]["halaman"]
        .as_u64()
        .unwrap()
        .to_string();
    let png = report.path("halaman");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            "-singlefile",
            "-f",
            &page,
            "-l",
            &page,
            pdf.to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(png.with_extension("png"))
        .output()
        .unwrap_or_else(|e| panic!("zbarimg (zbar-tools) is needed for this test: {e}"));
    assert_eq!(String::from_utf8_lossy(&scan.stdout).trim(), QR);
}

#[test]
fn a_custom_anchor_and_back_to_wet_ink_removes_the_sidecar() {
    let report = tte("  jangkar: \"^\"\n");
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(sidecar(&pdf)["jangkar"], "^");
    let page = sidecar(&pdf)["kotak"][1]["halaman"].as_u64().unwrap() as usize;
    assert_eq!(word_at(&pdf, page, "^").len(), 1);
    assert!(word_at(&pdf, page, "#").is_empty());

    report.edit("laporan.yaml", |t| t.replace("mode: tte", "mode: basah"));
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!pdf.with_extension("tte.json").exists());
    let text = pdf_text(&pdf);
    assert!(!text.contains("Ditandatangani secara elektronik"));
    assert!(!text.contains("BSrE"));
    assert_eq!(text.matches("Plt. Camat Kubutambahan").count(), 3);
}

#[test]
fn a_signature_block_never_stands_alone_on_a_page() {
    // The example's Kata Pengantar fills page i; one more short paragraph
    // in BAB III leaves no room for its signature on the chapter's page.
    let report = Fixture::example();
    report.edit("narasi.yaml", |t| {
        t.replacen(
            "      Akhirnya kami",
            "      Rencana aksi ini dibaca bersama Perjanjian Kinerja Perubahan dan dokumen anggaran tahun berjalan.\n\n      Akhirnya kami",
            1,
        )
    });
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = squashed_pages(&pdf);
    let page_of = |needle: &str| -> Vec<usize> {
        (0..pages.len())
            .filter(|&i| pages[i].contains(&squash(needle)))
            .collect()
    };
    let signatures = page_of("NIP. 19650207 199702 1 001");
    assert_eq!(signatures.len(), 3, "{signatures:?}");
    // Each block went to the next page, and took the closing paragraph of
    // its text with it.
    assert_eq!(page_of("KATA PENGANTAR")[0] + 1, signatures[0]);
    assert_eq!(page_of("Semoga Dokumen Rencana Aksi"), [signatures[0]]);
    assert_eq!(page_of("PENUTUP")[0] + 1, signatures[1]);
    assert_eq!(page_of("Akhirnya kami mengucapkan"), [signatures[1]]);
    // The paragraph before the closing one stays where it was.
    assert_eq!(
        page_of("Rencana aksi ini dibaca bersama"),
        page_of("PENUTUP")
    );
}

#[test]
fn the_lampiran_signature_takes_the_last_indicator_to_its_page() {
    // Two more sasaran at the end of the last table: the last one still
    // fits on the page, its signature block does not.
    let report = Fixture::example();
    report.edit("lampiran/4-kinerja.yaml", |t| {
        let extra: String = (1..=2)
            .map(|i| {
                format!(
                    "      - uraian: Sasaran tambahan {i}\n        indikator:\n          - uraian: Indikator tambahan {i}\n            satuan: Dokumen\n            target: 12\n            bulan:\n              januari: 12\n"
                )
            })
            .collect();
        format!("{}\n{extra}", t.trim_end())
    });
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = squashed_pages(&pdf);
    let last = pages.len() - 1;
    // The signature page repeats the table header and holds the last
    // indicator; the one before stays where it was.
    assert!(
        pages[last].contains("NIP.196502071997021001"),
        "{}",
        pages[last]
    );
    assert!(pages[last].contains("IndikatorKinerja"), "{}", pages[last]);
    assert!(
        pages[last].contains("Indikatortambahan2"),
        "{}",
        pages[last]
    );
    assert!(
        pages[last - 1].contains("Indikatortambahan1"),
        "{}",
        pages[last - 1]
    );
    assert!(!pages[last - 1].contains("Indikatortambahan2"));
}

#[test]
fn a_last_indicator_too_tall_to_share_a_page_leaves_the_signature_after_it() {
    // Ten programs of three lines: the indicator fills most of a page, so
    // held together with the signature block the pair would run off it.
    let report = Fixture::new("build", "minimal");
    add_programs(&report, 10);
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = squashed_pages(&pdf);
    let last = pages.len() - 1;
    assert!(
        pages[last].contains(&squash("NIP. 19800101 200501 1 002")),
        "{}",
        pages[last]
    );
    assert!(
        pages[last - 1].contains("Programpanjangnomor9"),
        "{}",
        pages[last - 1]
    );
}

#[test]
fn without_signature_no_block_is_printed() {
    let report = Fixture::example();
    report.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tanpa\n")
    });
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&pdf);
    assert!(!text.contains("NIP. 19650207"), "{text}");
    assert!(!text.contains("Drs. Made Suyasa"));
    assert!(!pdf.with_extension("tte.json").exists());
}

#[test]
fn tte_without_qr_or_with_a_long_anchor_is_refused() {
    let report = Fixture::example();
    report.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tte\n  jangkar: \"##\"\n")
    });
    let dir = report.dir.to_str().unwrap();
    let run = renaksi(&["check", dir], report.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = run.stdout.clone() + &run.stderr;
    assert!(
        out.contains("laporan.yaml:19:1 (tanda_tangan.qr): tanda tangan elektronik (`mode: tte`) memerlukan isi kode QR"),
        "{out}"
    );
    assert!(
        out.contains("laporan.yaml:21:3 (tanda_tangan.jangkar): jangkar `##` bukan satu karakter"),
        "{out}"
    );
    let (run, pdf) = report.build(&[]);
    assert_eq!(run.code, 1);
    assert!(!pdf.exists());
}

#[test]
fn the_anchor_character_in_the_reports_own_text_is_an_error() {
    let report = tte("");
    report.edit("lampiran/1-program.yaml", |t| {
        t.replacen("satuan: Nilai", "satuan: \"# Nilai\"", 1)
    });
    let dir = report.dir.to_str().unwrap();
    let run = renaksi(&["check", dir], report.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let out = run.stdout.clone() + &run.stderr;
    assert!(
        out.contains("karakter jangkar `#` juga ada di `satuan`"),
        "{out}"
    );
    assert!(out.contains("lampiran/1-program.yaml:"), "{out}");
    assert_eq!(out.matches("karakter jangkar").count(), 1, "{out}");
    // Another anchor resolves it.
    report.edit("laporan.yaml", |t| format!("{t}  jangkar: \"^\"\n"));
    let run = renaksi(&["check", dir], report.tmp.path());
    assert!(!run.stdout.contains("karakter jangkar"), "{}", run.stdout);
}

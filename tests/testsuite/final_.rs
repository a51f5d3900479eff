//! Draft or final: every document is a draft — a "DRAF" mark drawn on
//! every page behind the text and "DRAF — " before its title — unless
//! built with `--final`, which `check`'s galat (and, when the report asks,
//! its peringatan) refuse.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{info, renaksi, Fixture};

/// Pixels of the mark's grey (224, give or take 2) on page `n`, rendered
/// at 36 dpi.
fn grey_pixels(pdf: &Path, n: usize, tmp: &Path) -> usize {
    let prefix = tmp.join(format!("halaman-{n}"));
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "36",
            "-gray",
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(status.success());
    let pgm = fs::read(prefix.with_extension("pgm")).unwrap();
    // P5 header: magic, width, height, maxval, then one byte a pixel.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    pgm[at + 1..]
        .iter()
        .filter(|p| (**p).abs_diff(224) <= 2)
        .count()
}

#[test]
fn a_build_is_a_draft_unless_final() {
    let fixture = Fixture::example();
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        info(&pdf).contains("Title:           DRAF — Rencana Aksi atas Perjanjian Kinerja Perubahan Kecamatan Kubutambahan Tahun 2022"),
        "{}",
        info(&pdf)
    );
    // The mark on a page of text and on a page of the Lampiran; drawn, so
    // none of it is in the text.
    assert!(grey_pixels(&pdf, 3, fixture.tmp.path()) > 2000);
    assert!(grey_pixels(&pdf, 20, fixture.tmp.path()) > 2000);
    let text = crate::support::pdf_text(&pdf);
    assert!(!text.contains("DRAF"), "{text}");

    let final_pdf = fixture.path("final.pdf");
    let typst = fixture.path("final.typ");
    let run = renaksi(
        &[
            "build",
            fixture.dir.to_str().unwrap(),
            "--final",
            "-o",
            final_pdf.to_str().unwrap(),
            "--emit-typst",
            typst.to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(info(&final_pdf).contains("Title:           Rencana Aksi atas"));
    // (Anti-aliased letters give a few pixels of that grey too.)
    assert!(grey_pixels(&final_pdf, 3, fixture.tmp.path()) < 500);
    assert!(!fs::read_to_string(typst)
        .unwrap()
        .contains("background: rk-latar"));
    // Same text, same pages: the mark is all that differs.
    assert_eq!(
        crate::support::pdf_text(&final_pdf),
        crate::support::pdf_text(&pdf)
    );
}

#[test]
fn final_is_refused_by_galat_and_when_asked_by_peringatan() {
    let fixture = Fixture::example();
    // The example has peringatan (targets whose months do not add up).
    fixture.edit("laporan.yaml", |t| t + "final_tanpa_peringatan: true\n");
    let (run, pdf) = fixture.build(&["--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("galat: PDF final tidak disusun: laporan memuat 36 peringatan dan `final_tanpa_peringatan: true`"),
        "{}",
        run.stderr
    );
    assert!(!pdf.exists());
    // A draft goes on, warnings and all.
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(pdf.exists());
    // A galat holds back both.
    fixture.edit("laporan.yaml", |t| {
        t.replace("nip: \"196502071997021001\"", "nip: \"1965020719970210\"")
    });
    for extra in [&[][..], &["--final"][..]] {
        let (run, _) = fixture.build(extra);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("galat data; PDF tidak disusun"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn every_document_and_batch_follow_the_rule() {
    let fixture = Fixture::example();
    let dir = fixture.dir.to_str().unwrap();
    for (args, pdf, final_) in [
        (
            vec!["--dokumen", "pk", "--gabung"],
            "pk/kubutambahan-2022-pk.pdf",
            false,
        ),
        (
            vec!["--dokumen", "pk", "--gabung", "--final"],
            "pk-final/kubutambahan-2022-pk.pdf",
            true,
        ),
        (
            vec!["--dokumen", "monitoring", "--triwulan", "3"],
            "m/kubutambahan-2022-monitoring-tw3.pdf",
            false,
        ),
        (
            vec!["--dokumen", "monitoring", "--triwulan", "3", "--final"],
            "m-final/kubutambahan-2022-monitoring-tw3.pdf",
            true,
        ),
    ] {
        let out = fixture.path(pdf);
        let folder = out.parent().unwrap().to_str().unwrap().to_owned();
        let mut all = vec!["build", dir, "-o", &folder];
        all.extend(args.iter().copied());
        let run = renaksi(&all, fixture.tmp.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let title = info(&out);
        assert_eq!(
            title.contains("Title:           DRAF — "),
            !final_,
            "{args:?}: {title}"
        );
        assert_eq!(
            grey_pixels(&out, 1, fixture.tmp.path()) > 1000,
            !final_,
            "{args:?}"
        );
    }
    // A batch: drafts unless --final.
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("buleleng");
    crate::support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022"),
        &batch,
    );
    for (extra, draf) in [(None, true), (Some("--final"), false)] {
        let out = tmp.path().join(if draf { "draf" } else { "final" });
        let mut args = vec!["batch", "buleleng", "-o", out.to_str().unwrap()];
        args.extend(extra);
        let run = renaksi(&args, tmp.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let first = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "pdf"))
            .unwrap();
        assert_eq!(info(&first).contains("Title:           DRAF — "), draf);
    }
}

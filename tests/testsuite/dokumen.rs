//! One pipeline for every kind of document: each option of `build` works
//! for the Perjanjian Kinerja and the monitoring report as for the
//! Rencana Aksi (`--sign`, `--emit-typst`, `--final`, `--jejak`,
//! `--pdf-a`, `-o`), and `watch` rebuilds each kind on save.

use std::fs;
use std::path::Path;

use crate::pki::{assert_valid, pdfsig, sign_args, Pki};
use crate::support::{commit_all, info, pdf_text, renaksi, squash, Fixture, Run};

fn build(fixture: &Fixture, args: &[&str]) -> Run {
    renaksi(
        &[&["build", "kubutambahan-2022"], args].concat(),
        fixture.tmp.path(),
    )
}

fn verify(fixture: &Fixture, pdf: &Path) -> Run {
    renaksi(
        &["verify", pdf.to_str().unwrap(), "kubutambahan-2022"],
        fixture.tmp.path(),
    )
}

#[test]
fn every_agreement_is_signed_by_one_party_its_source_emitted_and_verified() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let fixture = Fixture::example();
    commit_all(fixture.tmp.path());
    let sandi = pki.path("sandi");
    let run = build(
        &fixture,
        &[
            sign_args(&p12, &sandi),
            vec![
                "--dokumen",
                "pk",
                "-o",
                "pk",
                "--emit-typst",
                "typst",
                "--jejak",
            ],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("PDF ditulis: "))
        .collect();
    assert_eq!(lines.len(), 14, "{}", run.stderr);
    assert_eq!(
        lines[0],
        "PDF ditulis: pk/kubutambahan-2022-pk-01-camat-kubutambahan.pdf (2 halaman) — Camat Kubutambahan dengan Bupati Buleleng"
    );
    assert!(
        run.stderr
            .ends_with("(2 halaman) — Pranata Perlindungan Masyarakat dengan Kasi Pemerintahan\nditandatangani oleh Drs. Made Suyasa, M.Si\n"),
        "{}",
        run.stderr
    );
    let mut pdfs: Vec<_> = fs::read_dir(fixture.tmp.path().join("pk"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 14);
    for pdf in &pdfs {
        assert_valid(pdf, &pki);
        let typ = fixture
            .tmp
            .path()
            .join("typst")
            .join(pdf.file_name().unwrap())
            .with_extension("typ");
        let source = fs::read_to_string(&typ).unwrap();
        assert!(source.contains("Perjanjian Kinerja"), "{}", typ.display());
        // Final, with the digest on its pages, and proven against its folder.
        assert!(
            info(pdf).contains("renaksi-dokumen:pk, renaksi-status:final, renaksi-opsi:jejak"),
            "{}",
            info(pdf)
        );
        assert!(squash(&pdf_text(pdf)).contains("sumbersha256:"));
        let run = verify(&fixture, pdf);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.starts_with("SAMA: "), "{}", run.stdout);
    }

    // All in one PDF, signed; its source to one file.
    let run = build(
        &fixture,
        &[
            sign_args(&p12, &sandi),
            vec![
                "--dokumen",
                "pk",
                "--gabung",
                "-o",
                "semua.pdf",
                "--emit-typst",
                "semua.typ",
            ],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = fixture.tmp.path().join("semua.pdf");
    assert_valid(&pdf, &pki);
    assert!(fixture.tmp.path().join("semua.typ").is_file());
    assert!(pdfsig(&pdf).contains("Total document signed"));
}

#[test]
fn several_documents_are_not_written_to_one_file() {
    let fixture = Fixture::example();
    let run = build(
        &fixture,
        &["--dokumen", "pk", "-o", "pk", "--emit-typst", "pk.typ"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "galat: 14 dokumen tidak dapat ditulis ke satu berkas pk.typ\n  saran: sebut folder dengan --emit-typst: setiap sumber Typst dinamai seperti PDF-nya\n"
    );
    assert!(!fixture.tmp.path().join("pk").exists());
    assert!(!fixture.tmp.path().join("pk.typ").exists());
}

#[test]
fn a_quarter_s_monitoring_report_is_signed_and_verified() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let fixture = Fixture::example();
    commit_all(fixture.tmp.path());
    let sandi = pki.path("sandi");
    let run = build(
        &fixture,
        &[
            sign_args(&p12, &sandi),
            vec![
                "--dokumen",
                "monitoring",
                "--triwulan",
                "2",
                "-o",
                "tw2.pdf",
                "--emit-typst",
                "tw2.typ",
                "--pdf-a",
            ],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "PDF ditulis: tw2.pdf (10 halaman)\nditandatangani oleh Drs. Made Suyasa, M.Si\n"
        ),
        "{}",
        run.stderr
    );
    let pdf = fixture.tmp.path().join("tw2.pdf");
    assert_valid(&pdf, &pki);
    // Signed on the quarter's own date, not the Rencana Aksi's.
    assert!(
        pdfsig(&pdf).contains("Signing Time: Jul 08 2022"),
        "{}",
        pdfsig(&pdf)
    );
    assert!(fs::read_to_string(fixture.tmp.path().join("tw2.typ"))
        .unwrap()
        .contains("Triwulan II"));
    let run = verify(&fixture, &pdf);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("(monitoring-tw2, final, renaksi "),
        "{}",
        run.stdout
    );
}

#[test]
fn pdf_a_digest_and_folder_output_for_every_kind() {
    let fixture = Fixture::example();
    let pdf_a = |pdf: &Path| {
        let text = String::from_utf8_lossy(&fs::read(pdf).unwrap()).into_owned();
        text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("/OutputIntents")
    };
    // Each kind into the folder `hasil`, named as renaksi names it.
    let run = build(
        &fixture,
        &[
            "--dokumen",
            "pk",
            "--gabung",
            "--pdf-a",
            "--jejak",
            "-o",
            "hasil",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pk = fixture.tmp.path().join("hasil/kubutambahan-2022-pk.pdf");
    assert!(pdf_a(&pk), "PK as PDF/A");
    assert!(
        info(&pk).contains("renaksi-opsi:pdfa+jejak"),
        "{}",
        info(&pk)
    );
    let run = build(
        &fixture,
        &[
            "--dokumen",
            "monitoring",
            "--triwulan",
            "3",
            "--pdf-a",
            "--jejak",
            "-o",
            "hasil",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tw3 = fixture
        .tmp
        .path()
        .join("hasil/kubutambahan-2022-monitoring-tw3.pdf");
    assert!(pdf_a(&tw3), "monitoring as PDF/A");
    assert!(squash(&pdf_text(&tw3)).contains("sumbersha256:"));
    assert!(
        info(&tw3).contains(
            "renaksi-dokumen:monitoring-tw3, renaksi-status:draf, renaksi-opsi:pdfa+jejak"
        ),
        "{}",
        info(&tw3)
    );
}

mod watch {
    use super::*;
    use crate::watch::Watch;

    #[test]
    fn the_monitoring_report_follows_its_realisasi_file() {
        let fixture = Fixture::example();
        let pdf = fixture
            .tmp
            .path()
            .join("out/kubutambahan-2022-monitoring-tw2.pdf");
        let watch = Watch::start_with(&fixture, &["--dokumen", "monitoring", "--triwulan", "2"]);
        let first =
            watch.until("PDF diperbarui: out/kubutambahan-2022-monitoring-tw2.pdf (10 halaman, ");
        assert!(
            first.starts_with(
                "mengawasi kubutambahan-2022; PDF: out/kubutambahan-2022-monitoring-tw2.pdf"
            ),
            "{first}"
        );
        let before = fs::read(&pdf).unwrap();
        fixture.edit("realisasi/tw2.yaml", |t| {
            t.replacen("      juni: 38\n", "      juni: 39\n", 1)
        });
        let run = watch.until("PDF diperbarui");
        assert!(
            run.contains("berubah: kubutambahan-2022/realisasi/tw2.yaml\n"),
            "{run}"
        );
        assert_ne!(fs::read(&pdf).unwrap(), before);
    }

    #[test]
    fn every_agreement_follows_pegawai_yaml() {
        let fixture = Fixture::example();
        let pdf = fixture
            .tmp
            .path()
            .join("out/kubutambahan-2022-pk-01-camat-kubutambahan.pdf");
        let watch = Watch::start_with(&fixture, &["--dokumen", "pk"]);
        watch.until("PDF diperbarui: 14 PDF di out (");
        let before = fs::read(&pdf).unwrap();
        fixture.edit("pegawai.yaml", |t| {
            t.replacen("Dr. I Gede Wirawan", "Dr. I Gede Wirawan Putra", 1)
        });
        let run = watch.until("PDF diperbarui");
        assert!(
            run.contains("berubah: kubutambahan-2022/pegawai.yaml\n"),
            "{run}"
        );
        assert_ne!(fs::read(&pdf).unwrap(), before);
    }
}

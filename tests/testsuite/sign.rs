//! PAdES signatures (`build --sign`, `sign`), verified by tools that share
//! no code with renaksi: poppler's pdfsig, pyHanko and qpdf. The test CA and
//! leaf certificates are made with openssl for each test.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::pki::{assert_valid, pdfsig, pyhanko, sign_args, tool, Kind, Pki, PASSWORD};
use crate::support::{ganti_halaman_satu, renaksi, Fixture, Run};

#[test]
fn a_signing_time_outside_the_certificate_s_validity_is_refused_with_both_dates() {
    let pki = Pki::new();
    let p12 = pki.leaf(
        "baru",
        Kind::Rsa,
        "digitalSignature",
        Some(("20250101000000Z", "20991231000000Z")),
    );
    let report = Fixture::example();
    let sandi = pki.path("sandi");
    // By default a signature claims the report's date, 12 Oktober 2022:
    // before this certificate was issued.
    let (run, pdf) = report.build(&sign_args(&p12, &sandi));
    assert_eq!(run.code, 2, "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "galat: tidak dapat menandatangani: waktu tanda tangan 12 Oktober 2022 pukul 00.00 UTC \
         jatuh sebelum sertifikat Drs. Made Suyasa, M.Si terbit: sertifikat berlaku \
         1 Januari 2025 pukul 00.00 UTC sampai 31 Desember 2099 pukul 00.00 UTC"
    );
    assert!(
        run.stderr
            .contains("  saran: tanpa --signing-time dipakai tanggal laporan; beri --signing-time di dalam masa berlaku sertifikat (misalnya sekarang: --signing-time 20"),
        "{}",
        run.stderr
    );
    assert!(!pdf.exists());

    // After it expired, as `sign` is asked for.
    let (run, unsigned) = report.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = report.path("out/ttd.pdf");
    let run = renaksi(
        &[
            "sign",
            unsigned.to_str().unwrap(),
            "--p12",
            p12.to_str().unwrap(),
            "--password-file",
            sandi.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--signing-time",
            "2100-01-05T10:00:00+08:00",
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "galat: tidak dapat menandatangani: waktu tanda tangan 5 Januari 2100 pukul 02.00 UTC \
         jatuh sesudah sertifikat Drs. Made Suyasa, M.Si kedaluwarsa: sertifikat berlaku \
         1 Januari 2025 pukul 00.00 UTC sampai 31 Desember 2099 pukul 00.00 UTC"
    );
    assert!(!out.exists());

    // Inside it, the same key signs.
    let (run, pdf) = report.build(
        &[
            sign_args(&p12, &sandi),
            vec!["--signing-time", "2025-03-01T09:00:00+08:00"],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        pdfsig(&pdf).contains("Signing Time: Mar 01 2025"),
        "{}",
        pdfsig(&pdf)
    );
}

#[test]
fn build_sign_is_valid_for_pdfsig_and_pyhanko_and_a_changed_byte_is_caught() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let report = Fixture::example();
    let (plain_run, plain) = report.build(&["--final"]);
    assert_eq!(plain_run.code, 0, "{}", plain_run.stderr);
    let unsigned = fs::read(&plain).unwrap();
    let sandi = pki.path("sandi");
    let (run, pdf) = report.build(&sign_args(&p12, &sandi));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("ditandatangani oleh Drs. Made Suyasa, M.Si"));
    assert_valid(&pdf, &pki);
    let sig = pdfsig(&pdf);
    // /M from the report's date.
    assert!(sig.contains("Signing Time: Oct 12 2022 00:00:00"), "{sig}");
    // An incremental update: the unsigned PDF is kept byte for byte.
    let signed = fs::read(&pdf).unwrap();
    assert_eq!(&signed[..unsigned.len()], &unsigned[..]);

    // One byte changed inside the signed range.
    let mut tampered = signed.clone();
    let at = tampered
        .windows(14)
        .position(|w| w == b"KATA PENGANTAR")
        .unwrap_or(2000);
    tampered[at] ^= 0x01;
    let bad = report.path("diubah.pdf");
    fs::write(&bad, tampered).unwrap();
    let sig = pdfsig(&bad);
    assert!(!sig.contains("Signature is Valid"), "{sig}");
    assert!(sig.contains("Digest Mismatch"), "{sig}");
    let hanko = pyhanko(&bad, &pki);
    assert!(
        hanko.contains(":INVALID") && !hanko.contains("INTACT"),
        "{hanko}"
    );
}

#[test]
fn sign_an_existing_pdf_with_p256_over_the_electronic_signature_box() {
    let pki = Pki::new();
    let p12 = pki.leaf("ec", Kind::P256, "digitalSignature,nonRepudiation", None);
    let report = Fixture::example();
    report.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tte\n  qr: https://contoh.go.id/v/1\n")
    });
    let (run, pdf) = report.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = fs::read(&pdf).unwrap();
    let out = report.path("out/bertanda.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .args([
            "sign",
            pdf.to_str().unwrap(),
            "--p12",
            p12.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(["--signing-time", "2022-10-13T09:30:00+08:00"])
        .env("RENAKSI_P12_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        fs::read(&pdf).unwrap(),
        before,
        "the input is never changed"
    );
    assert_valid(&out, &pki);
    assert!(pdfsig(&out).contains("Signing Time: Oct 13 2022 01:30:00"));
    // The widget covers the last box of the coordinate sidecar.
    let side: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(pdf.with_extension("tte.json")).unwrap()).unwrap();
    let last = side["kotak"].as_array().unwrap().last().unwrap().clone();
    let (x, y) = (last["x"].as_f64().unwrap(), last["y"].as_f64().unwrap());
    let text = String::from_utf8_lossy(&fs::read(&out).unwrap()).into_owned();
    let rect = format!("/Rect[{} {} ", trim(x), trim(y));
    assert!(text.contains(&rect), "{rect}");
}

fn trim(v: f64) -> String {
    let t = format!("{v:.2}");
    t.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Runs `renaksi sign` on `pdf` with `p12` and the test password.
fn sign(pki: &Pki, pdf: &Path, p12: &Path, out: &Path) -> Run {
    sign_with_password_file(pki, pdf, p12, out, &pki.path("sandi"))
}

fn sign_with_password_file(pki: &Pki, pdf: &Path, p12: &Path, out: &Path, sandi: &Path) -> Run {
    renaksi(
        &[
            "sign",
            pdf.to_str().unwrap(),
            "--p12",
            p12.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--password-file",
            sandi.to_str().unwrap(),
        ],
        pki.dir.path(),
    )
}

#[test]
fn bad_keys_and_inputs_are_refused_and_nothing_is_written() {
    let pki = Pki::new();
    let good = pki.rsa();
    let report = Fixture::example();
    let (run, pdf) = report.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = report.path("out/ttd.pdf");
    fs::write(&out, b"PDF lama").unwrap();

    let refused = |p12: &Path, expected: &str| {
        let run = sign(&pki, &pdf, p12, &out);
        assert_eq!(run.code, 2, "{expected}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
        assert!(run.stderr.contains("saran: "), "{}", run.stderr);
        assert_eq!(fs::read(&out).unwrap(), b"PDF lama", "{expected}");
    };

    // Wrong password.
    fs::write(pki.path("sandi-salah"), "bukan\n").unwrap();
    let run = sign_with_password_file(&pki, &pdf, &good, &out, &pki.path("sandi-salah"));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("kata sandi") && run.stderr.contains("salah"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&out).unwrap(), b"PDF lama");

    // A p12 with the certificate only.
    pki.openssl(&[
        "pkcs12",
        "-export",
        "-nokeys",
        "-in",
        "rsa.pem",
        "-out",
        "tanpa-kunci.p12",
        "-passout",
        &format!("pass:{PASSWORD}"),
    ]);
    refused(&pki.path("tanpa-kunci.p12"), "tidak berisi kunci privat");
    // Expired, not yet valid, not allowed to sign.
    let expired = pki.leaf(
        "lama",
        Kind::Rsa,
        "digitalSignature",
        Some(("20200101000000Z", "20200201000000Z")),
    );
    refused(
        &expired,
        "galat: tidak dapat menandatangani: sertifikat Drs. Made Suyasa, M.Si sudah kedaluwarsa (1 Februari 2020 pukul 00.00 UTC)\n",
    );
    let future = pki.leaf(
        "nanti",
        Kind::Rsa,
        "digitalSignature",
        Some(("20990101000000Z", "20991231000000Z")),
    );
    refused(
        &future,
        "galat: tidak dapat menandatangani: sertifikat Drs. Made Suyasa, M.Si belum berlaku (mulai 1 Januari 2099 pukul 00.00 UTC)\n",
    );
    let encipher = pki.leaf("sandi-saja", Kind::Rsa, "keyEncipherment", None);
    refused(&encipher, "tidak boleh dipakai untuk tanda tangan");
    // Unreadable key file.
    let run = sign(&pki, &pdf, &pki.path("tidak-ada.p12"), &out);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("tidak dapat membaca"), "{}", run.stderr);

    // Already signed input.
    let signed = report.path("out/sekali.pdf");
    let run = sign(&pki, &pdf, &good, &signed);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sign(&pki, &signed, &good, &out);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("sudah ditandatangani"),
        "{}",
        run.stderr
    );
    // Encrypted input.
    let locked = report.path("out/terkunci.pdf");
    let (ok, text) = tool(
        "qpdf",
        &[
            "--encrypt",
            "a",
            "b",
            "256",
            "--",
            pdf.to_str().unwrap(),
            locked.to_str().unwrap(),
        ],
    );
    assert!(ok, "{text}");
    let run = sign(&pki, &locked, &good, &out);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("terenkripsi"), "{}", run.stderr);
    // Not a PDF.
    let run = sign(&pki, &report.dir.join("laporan.yaml"), &good, &out);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tidak dapat dibaca sebagai PDF"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&out).unwrap(), b"PDF lama");

    // A PDF with object streams and a cross-reference stream (rewritten by
    // qpdf) is read the general way and signs just as well.
    let packed = report.path("out/padat.pdf");
    let (ok, text) = tool(
        "qpdf",
        &[
            "--object-streams=generate",
            pdf.to_str().unwrap(),
            packed.to_str().unwrap(),
        ],
    );
    assert!(ok, "{text}");
    let packed_signed = report.path("out/padat-ttd.pdf");
    let run = sign(&pki, &packed, &good, &packed_signed);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid(&packed_signed, &pki);

    // The output may not be the input.
    let run = sign(&pki, &pdf, &good, &pdf);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("menimpa PDF masukannya"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_sign_with_a_bad_key_writes_nothing() {
    let pki = Pki::new();
    let expired = pki.leaf(
        "lama",
        Kind::Rsa,
        "digitalSignature",
        Some(("20200101000000Z", "20200201000000Z")),
    );
    let report = Fixture::example();
    let sandi = pki.path("sandi");
    let (run, pdf) = report.build(&sign_args(&expired, &sandi));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("sudah kedaluwarsa"), "{}", run.stderr);
    assert!(!pdf.exists());
    assert!(
        !pdf.parent().unwrap().exists()
            || fs::read_dir(pdf.parent().unwrap())
                .unwrap()
                .next()
                .is_none()
    );

    // No password at all: neither a file nor the environment variable.
    let run = Command::new(env!("CARGO_BIN_EXE_renaksi"))
        .args([
            "build",
            report.dir.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
            "--final",
            "--sign",
            expired.to_str().unwrap(),
        ])
        .env_remove("RENAKSI_P12_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("RENAKSI_P12_PASSWORD"));
    assert!(!pdf.exists());
}

#[test]
fn pdf_a_stays_pdf_a_when_signed() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let report = Fixture::example();
    let sandi = pki.path("sandi");
    let mut args = sign_args(&p12, &sandi);
    args.push("--pdf-a");
    let (run, pdf) = report.build(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid(&pdf, &pki);
    let bytes = fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(text.contains("/OutputIntents"));
    // The widget is printable, has an appearance and brings no font.
    assert!(text.contains("/F 132/AP<</N "), "widget");
    assert!(
        text.contains("/Subtype/Form/BBox[0 0 170.08 68.03]/Resources<<>>"),
        "appearance"
    );
    assert!(!text.contains("NeedAppearances"));
}

#[test]
fn the_test_certificate_of_the_docs_signs_the_user_s_own_report_in_one_step() {
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/signing.md")).unwrap();
    let section = docs
        .split("### Sertifikat uji dalam satu langkah")
        .nth(1)
        .unwrap();
    let recipe = section
        .split("```sh\n")
        .nth(1)
        .and_then(|block| block.split("\n```").next())
        .unwrap();
    // The user's own report: a copy of the example in a folder of theirs.
    let report = Fixture::example();
    let bin = Path::new(env!("CARGO_BIN_EXE_renaksi")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let run = Command::new("bash")
        .args(["-euo", "pipefail", "-c", recipe])
        .current_dir(report.tmp.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("Signature is Valid."), "{stdout}");
    assert!(stdout.contains("Total document signed"), "{stdout}");
    assert!(
        stdout.contains("Signer Certificate Common Name: Drs. Made Suyasa, M.Si"),
        "{stdout}"
    );
    assert!(
        stderr.contains("ditandatangani oleh Drs. Made Suyasa, M.Si"),
        "{stderr}"
    );
    // It prints the command for this report, and trusting its CA makes
    // the signature trusted for pyHanko.
    assert!(
        stderr.contains("  renaksi build kubutambahan-2022 --final --sign sertifikat-uji/drs-made-suyasa-m-si.p12 --password-file sertifikat-uji/sandi.txt\n"),
        "{stderr}"
    );
    let ca = report.tmp.path().join("sertifikat-uji/ca-uji.pem");
    let pdf = report.tmp.path().join("out/kubutambahan-2022.pdf");
    let hanko = crate::pki::pyhanko_ca(&pdf, &ca);
    assert!(hanko.contains(":INTACT:TRUSTED,UNTOUCHED"), "{hanko}");
    // Run again, nothing is replaced.
    let again = renaksi(&["testcert", "kubutambahan-2022"], report.tmp.path());
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "galat: sertifikat-uji/ca-uji.pem sudah ada\n  saran: pilih folder lain dengan -o, atau pindahkan sertifikat uji yang lama\n"
    );
}

/// A Perjanjian Kinerja is signed by both parties, one after the other:
/// pihak pertama over their box, then pihak kedua over theirs, as a second
/// incremental update. Both signatures stay valid for pdfsig and pyHanko,
/// and the same person cannot sign twice.
#[test]
fn both_parties_of_an_agreement_sign_it_one_after_the_other() {
    let pki = Pki::new();
    let kasi = pki.leaf_of(
        "kasi",
        "Ketut Ariawan, S.IP",
        Kind::Rsa,
        "digitalSignature,nonRepudiation",
        None,
    );
    let camat = pki.rsa();
    let report = Fixture::example();
    report.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tte\n  qr: https://contoh.go.id/v/1\n")
    });
    let out = report.path("pk");
    let run = renaksi(
        &[
            "build",
            report.dir.to_str().unwrap(),
            "--final",
            "--dokumen",
            "pk",
            "-o",
            out.to_str().unwrap(),
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = out.join("kubutambahan-2022-pk-03-kasi-pemerintahan.pdf");
    let sekali = out.join("sekali.pdf");
    let dua = out.join("dua.pdf");
    let sign_box = |input: &Path, p12: &Path, output: &Path, blok: &str| {
        let mut args = vec![
            "sign",
            input.to_str().unwrap(),
            "--p12",
            p12.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
            "--blok",
            blok,
        ];
        let sandi = pki.path("sandi");
        args.extend(["--password-file", sandi.to_str().unwrap()]);
        renaksi(&args, pki.dir.path())
    };
    let run = sign_box(&pdf, &kasi, &sekali, "lampiran-pihak-pertama");
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The boxes come along beside the signed PDF for the next signer.
    assert!(out.join("sekali.tte.json").is_file());
    let run = sign_box(&sekali, &camat, &dua, "lampiran-pihak-kedua");
    assert_eq!(run.code, 0, "{}", run.stderr);

    let sig = pdfsig(&dua);
    assert_eq!(
        sig.matches("Signature Validation: Signature is Valid.")
            .count(),
        2,
        "{sig}"
    );
    assert!(
        sig.contains("Signer Certificate Common Name: Ketut Ariawan, S.IP"),
        "{sig}"
    );
    assert!(
        sig.contains("Signer Certificate Common Name: Drs. Made Suyasa, M.Si"),
        "{sig}"
    );
    let hanko = pyhanko(&dua, &pki);
    assert_eq!(hanko.matches(":INTACT:TRUSTED").count(), 2, "{hanko}");
    // The agreement as built, then the two signatures, each over all
    // before it.
    let run = renaksi(
        &[
            "verify",
            dua.to_str().unwrap(),
            report.dir.to_str().unwrap(),
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("; ditandatangani oleh Ketut Ariawan, S.IP (halaman 2), lalu Drs. Made Suyasa, M.Si (halaman 2), tiap tanda tangan mencakup semua yang sebelumnya"),
        "{}",
        run.stdout
    );
    let (ok, check) = tool("qpdf", &["--check", dua.to_str().unwrap()]);
    assert!(
        ok && check.contains("No syntax or stream encoding errors"),
        "{check}"
    );

    // Each widget over its own box of the sidecar.
    let side: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(pdf.with_extension("tte.json")).unwrap()).unwrap();
    let text = String::from_utf8_lossy(&fs::read(&dua).unwrap()).into_owned();
    for blok in ["lampiran-pihak-pertama", "lampiran-pihak-kedua"] {
        let k = side["kotak"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["blok"] == blok)
            .unwrap();
        let rect = format!(
            "/Rect[{} {} ",
            trim(k["x"].as_f64().unwrap()),
            trim(k["y"].as_f64().unwrap())
        );
        assert!(text.contains(&rect), "{blok}: {rect}");
    }

    // The same person twice, and a box that is not there, are refused.
    let run = sign_box(
        &dua,
        &kasi,
        &out.join("tiga.pdf"),
        "pernyataan-pihak-pertama",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("sudah ditandatangani oleh Ketut Ariawan, S.IP"),
        "{}",
        run.stderr
    );
    let run = sign_box(&pdf, &kasi, &out.join("tiga.pdf"), "pihak-ketiga");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kotak `pihak-ketiga` tidak ada di berkas koordinat"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kotak yang ada: pernyataan-pihak-kedua, pernyataan-pihak-pertama, lampiran-pihak-kedua, lampiran-pihak-pertama"), "{}", run.stderr);
    assert!(!out.join("tiga.pdf").exists());
}

#[test]
fn a_draft_is_never_signed() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let sandi = pki.path("sandi");
    let report = Fixture::example();
    let (run, draft) = report.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = report.path("bertanda.pdf");
    let run = renaksi(
        &[
            "sign",
            draft.to_str().unwrap(),
            "--p12",
            p12.to_str().unwrap(),
            "--password-file",
            sandi.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("adalah draf (bertanda DRAF di setiap halaman)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("renaksi build --final"));
    assert!(!out.exists());
    // `build --sign` asks for --final, and writes nothing without it.
    let target = report.path("langsung.pdf");
    let run = renaksi(
        &[
            "build",
            report.dir.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
            "--sign",
            p12.to_str().unwrap(),
            "--password-file",
            sandi.to_str().unwrap(),
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("draf tidak ditandatangani: --sign memerlukan --final"));
    assert!(!target.exists());
}

#[test]
fn a_signed_pdf_verifies_as_its_unsigned_first_revision() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let sandi = pki.path("sandi");
    let report = Fixture::example();
    let (run, pdf) = report.build(&sign_args(&p12, &sandi));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(
        &[
            "verify",
            pdf.to_str().unwrap(),
            report.dir.to_str().unwrap(),
        ],
        report.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("SAMA: "), "{}", run.stdout);
}

/// A signature covers what precedes it: an update appended after the last
/// signature (pdfsig: "not total document signed") is BERBEDA in verify,
/// and sign refuses to add a signature over an update no signature
/// covers, after the build or after a signature.
#[test]
fn an_update_after_the_build_or_a_signature_is_found_and_never_signed_over() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let sandi = pki.path("sandi");
    let report = Fixture::example();
    let (run, pdf) = report.build(&sign_args(&p12, &sandi));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = report.dir.to_str().unwrap();
    let forged = report.path("palsu-sesudah-ttd.pdf");
    fs::write(&forged, ganti_halaman_satu(&fs::read(&pdf).unwrap())).unwrap();
    let sig = pdfsig(&forged);
    assert!(
        sig.to_lowercase().contains("not total document signed"),
        "{sig}"
    );
    let run = renaksi(
        &["verify", forged.to_str().unwrap(), dir],
        report.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("palsu-sesudah-ttd.pdf diubah sesudah disusun: pembaruan bertahap tanpa tanda tangan sesudah tanda tangan terakhir: halaman 1 diganti\n"),
        "{}",
        run.stdout
    );
    // A second signature over the forgery is refused; nothing is written.
    let other = pki.leaf_of("lain", "Pihak Lain", Kind::Rsa, "digitalSignature", None);
    let out = report.path("ttd-kedua.pdf");
    let run = sign(&pki, &forged, &other, &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("galat: tidak dapat menandatangani: ")
            && run.stderr.contains("palsu-sesudah-ttd.pdf diubah sesudah disusun: pembaruan bertahap tanpa tanda tangan sesudah tanda tangan terakhir: halaman 1 diganti"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    // The same before any signature.
    let (run, plain) = report.build(&["--final"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let forged = report.path("palsu.pdf");
    fs::write(&forged, ganti_halaman_satu(&fs::read(&plain).unwrap())).unwrap();
    let run = sign(&pki, &forged, &p12, &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("palsu.pdf diubah sesudah disusun: pembaruan bertahap tanpa tanda tangan sesudah penyusunan: halaman 1 diganti"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

/// Arrays nested thousands deep, in a PDF only lopdf would read (no
/// classic cross-reference table), are refused with a message: no stack
/// overflow in sign or verify.
#[test]
fn nesting_thousands_deep_is_refused_not_a_crash() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let deep = format!(
        "%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R/X {}{}>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\nstartxref\n0\n%%EOF\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let path = pki.path("dalam.pdf");
    fs::write(&path, deep).unwrap();
    let out = pki.path("keluar.pdf");
    let run = sign(&pki, &path, &p12, &out);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        !run.stderr.contains("overflow") && !run.stderr.contains("panicked"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("dalam.pdf tidak dapat dibaca sebagai PDF (larik atau kamus bersarang lebih dari 64 tingkat"),
        "{}",
        run.stderr
    );
    let run = renaksi(&["verify", path.to_str().unwrap()], pki.dir.path());
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("tidak membawa jejak renaksi"),
        "{}",
        run.stderr
    );
}

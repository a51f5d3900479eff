//! Provenance in every PDF: the SHA-256 of its source (as docs/jejak.md
//! computes it with standard tools), the renaksi version, the kind and
//! status of the document, and the git commit with whether the folder was
//! clean; `--jejak` prints the short digest on every page.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{commit_all, git, info, pdf_text, renaksi, Fixture};

/// The keywords of a PDF, as pdfinfo reads them.
fn keywords(pdf: &Path) -> Vec<String> {
    let info = info(pdf);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Keywords:"))
        .unwrap_or_else(|| panic!("no Keywords in\n{info}"));
    line.split(", ").map(|k| k.trim().to_owned()).collect()
}

/// The digest docs/jejak.md computes with bash and coreutils, in `dir`.
fn recipe_digest(dir: &Path) -> String {
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/jejak.md")).unwrap();
    let recipe = docs
        .split("### Menghitungnya dengan alat baku")
        .nth(1)
        .and_then(|s| s.split("```sh\n").nth(1))
        .and_then(|s| s.split("\n```").next())
        .unwrap();
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", recipe])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn the_pdf_names_its_source_version_and_commit() {
    let fixture = Fixture::example();
    let dir = &fixture.dir;
    commit_all(dir);
    let head = git(dir, &["rev-parse", "HEAD"]);
    let (run, pdf) = fixture.build(&["--final", "--jejak"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let digest = recipe_digest(dir);
    assert_eq!(
        keywords(&pdf),
        [
            format!("renaksi-sumber:sha256:{digest}"),
            format!("renaksi-versi:{}", env!("CARGO_PKG_VERSION")),
            "renaksi-dokumen:rencana-aksi".to_owned(),
            "renaksi-status:final".to_owned(),
            "renaksi-opsi:jejak".to_owned(),
            // The folder it was built from, for `verify` without one.
            "renaksi-laporan:folder:kubutambahan-2022".to_owned(),
            format!("git-commit:{head}"),
            "git-bersih:ya".to_owned(),
        ]
    );
    // In the XMP metadata too.
    let xmp = crate::support::poppler("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    assert!(
        xmp.contains(&format!("<pdf:Keywords>renaksi-sumber:sha256:{digest}")),
        "{xmp}"
    );
    // The short digest at the foot of every page.
    let text = pdf_text(&pdf);
    let line = format!("sumber sha256:{}", &digest[..16]);
    assert_eq!(text.matches(&line).count(), 30, "{text}");

    // A changed file: another digest, and the tree is no longer clean.
    fixture.edit("narasi.yaml", |t| t + "# catatan\n");
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let now = keywords(&pdf);
    assert_eq!(
        now[0],
        format!("renaksi-sumber:sha256:{}", recipe_digest(dir))
    );
    assert_ne!(now[0], format!("renaksi-sumber:sha256:{digest}"));
    assert_eq!(now[3], "renaksi-status:draf");
    assert_eq!(now[5], "git-commit:".to_owned() + &head);
    assert_eq!(now[6], "git-bersih:tidak");
    // Without --jejak nothing of it is printed.
    assert!(!pdf_text(&pdf).contains("sumber sha256:"));
}

#[test]
fn each_document_counts_its_own_files() {
    let fixture = Fixture::example();
    let dir = fixture.dir.to_str().unwrap();
    let digest = |args: &[&str], pdf: &str| {
        let out = fixture.path(pdf);
        let mut all = vec!["build", dir, "-o", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let run = renaksi(&all, fixture.tmp.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        keywords(&out)[0].clone()
    };
    let ra = digest(&[], "ra.pdf");
    let pk = digest(&["--dokumen", "pk", "--gabung"], "pk.pdf");
    let tw3 = digest(&["--dokumen", "monitoring", "--triwulan", "3"], "tw3.pdf");
    assert_eq!(
        keywords(&fixture.path("tw3.pdf"))[2],
        "renaksi-dokumen:monitoring-tw3"
    );
    // A realisasi figure changes the monitoring report's source only.
    fixture.edit("realisasi/tw3.yaml", |t| {
        t.replacen("juni: 38", "juni: 39", 1)
            .replace("      juli:\n", "      juli: 0\n")
    });
    assert_eq!(digest(&[], "ra2.pdf"), ra);
    assert_eq!(digest(&["--dokumen", "pk", "--gabung"], "pk2.pdf"), pk);
    assert_ne!(
        digest(&["--dokumen", "monitoring", "--triwulan", "3"], "tw3b.pdf"),
        tw3
    );
    // Outside git there is no commit.
    assert!(keywords(&fixture.path("ra.pdf"))
        .iter()
        .all(|k| !k.starts_with("git-")));
}

#[test]
fn a_batch_reads_git_once_and_judges_each_kecamatan() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("buleleng");
    crate::support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022"),
        &batch,
    );
    commit_all(&batch);
    let laporan = batch.join("sawan/laporan.yaml");
    let text = fs::read_to_string(&laporan).unwrap();
    fs::write(&laporan, text + "# diubah\n").unwrap();
    let run = renaksi(&["batch", "buleleng", "-o", "out"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bersih = |name: &str| keywords(&tmp.path().join(format!("out/{name}.pdf")))[6].clone();
    assert_eq!(bersih("sawan"), "git-bersih:tidak");
    assert_eq!(bersih("tejakula"), "git-bersih:ya");
}

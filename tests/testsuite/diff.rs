//! `renaksi diff`: changes in the report's own terms, between folders,
//! files and git revisions; exit 0 equal, 1 different, 2 error.

use std::fs;
use std::path::Path;

use crate::support::{copy_dir, git, renaksi, renaksi_on_terminal, Fixture};

/// The example with one change of every kind a reviewer meets.
fn edited() -> Fixture {
    let fixture = Fixture::example();
    let new = fixture.path("baru");
    copy_dir(&fixture.dir, &new);
    let edit = |rel: &str, from: &str, to: &str| {
        let path = new.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    let program = "lampiran/1-program.yaml";
    edit(
        program,
        "              juni: 40\n",
        "              juni: 45\n",
    );
    edit(program, "anggaran: 150000000", "anggaran: 175000000");
    edit(
        program,
        "          - uraian: Persentase Desa dengan IDM status mau dan mandiri\n",
        "          - uraian: Jumlah Desa Wisata\n            satuan: Desa\n            target: 3\n            bulan:\n              desember: 3\n          - uraian: Persentase Desa dengan IDM status mau dan mandiri\n",
    );
    let kegiatan = "lampiran/2-kegiatan.yaml";
    edit(
        kegiatan,
        "Meningkatnya Kapasitas Sumber Daya Aparatur\n",
        "Meningkatnya Kapasitas dan Kompetensi Sumber Daya Aparatur\n",
    );
    edit(
        kegiatan,
        "          - uraian: Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\n            anggaran: 41000000\n",
        "",
    );
    edit(
        "laporan.yaml",
        "nama: Drs. Made Suyasa, M.Si",
        "nama: I Ketut Baru, S.STP",
    );
    edit(
        "narasi.yaml",
        "sehingga Kantor Camat {{ kecamatan }} dapat",
        "sehingga seluruh jajaran Kantor Camat {{ kecamatan }} dapat",
    );
    fixture
}

#[test]
fn two_folders_in_the_report_s_own_terms() {
    let fixture = edited();
    let old = fixture.dir.to_str().unwrap();
    let run = renaksi(&["diff", old, "baru"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = "\
laporan.yaml
  ~ Penandatangan: nama Drs. Made Suyasa, M.Si → I Ketut Baru, S.STP

narasi.yaml
  ~ Kata Pengantar: paragraf 1
    … atas *Asung Kerta Wara Nugrahanya*, sehingga {+seluruh jajaran+} Kantor Camat {{ kecamatan }} dapat …

lampiran/1-program.yaml
  ~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik: target Juni 40 → 45
  ~ CAMAT › Meningkatnya Ketentraman dan Ketertiban Umum › Program Pemberdayaan Masyarakat Desa dan Kelurahan: anggaran Rp 150.000.000 → Rp 175.000.000
  + CAMAT › Meningkatnya Pembangunan Desa yang berkualitas › Jumlah Desa Wisata: indikator baru (target 3 Desa)

lampiran/2-kegiatan.yaml
  - Sekretaris Kecamatan › Meningkatnya Kualitas Pelayanan Publik dan Akuntabilitas Pelayanan › Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah: kegiatan dihapus (Rp 41.000.000)
  ~ Sekretaris Kecamatan: sasaran Meningkatnya Kapasitas Sumber Daya Aparatur → Meningkatnya Kapasitas dan Kompetensi Sumber Daya Aparatur

7 perubahan
";
    assert!(run.stdout.ends_with(expected), "{}", run.stdout);
    assert!(
        run.stdout.starts_with(&format!("{old} → baru\n")),
        "{}",
        run.stdout
    );

    // On a terminal the marks are coloured; through a pipe (above) not.
    let colored = renaksi_on_terminal(&["diff", old, "baru"], fixture.tmp.path());
    assert!(
        colored
            .stdout
            .contains("\x1b[32m{+seluruh jajaran+}\x1b[0m"),
        "{}",
        colored.stdout
    );
    assert!(
        colored
            .stdout
            .contains("  \x1b[32m+\x1b[0m CAMAT › Meningkatnya Pembangunan Desa"),
        "{}",
        colored.stdout
    );
    assert!(
        colored
            .stdout
            .contains("  \x1b[31m-\x1b[0m Sekretaris Kecamatan"),
        "{}",
        colored.stdout
    );

    let same = renaksi(&["diff", old, old], fixture.tmp.path());
    assert_eq!(same.code, 0);
    assert!(
        same.stdout.ends_with("tidak ada perubahan\n"),
        "{}",
        same.stdout
    );
}

#[test]
fn json_for_tools() {
    let fixture = edited();
    let old = fixture.dir.to_str().unwrap();
    let run = renaksi(
        &["diff", old, "baru", "--format", "json"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["jumlah"], 7);
    let target = &json["perubahan"][2];
    assert_eq!(target["berkas"], "lampiran/1-program.yaml");
    assert_eq!(
        target["letak"],
        serde_json::json!([
            "CAMAT",
            "Meningkatnya Kualitas Pelayanan Publik",
            "Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik"
        ])
    );
    assert_eq!(target["apa"], "target Juni");
    assert_eq!(target["jenis"], "ubah");
    assert_eq!(
        (target["lama"].as_str(), target["baru"].as_str()),
        (Some("40"), Some("45"))
    );
    assert_eq!(json["perubahan"][4]["jenis"], "tambah");
    assert_eq!(json["perubahan"][5]["jenis"], "hapus");
    assert!(json["perubahan"][1]["kata"]
        .as_str()
        .unwrap()
        .contains("{+seluruh jajaran+}"));
}

#[test]
fn a_version_that_does_not_load_is_an_error_not_a_difference() {
    let fixture = edited();
    let old = fixture.dir.to_str().unwrap();
    fs::write(fixture.path("baru/laporan.yaml"), "tahun: [\n").unwrap();
    let run = renaksi(&["diff", old, "baru"], fixture.tmp.path());
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("baru/laporan.yaml:"), "{}", run.stderr);
    let run = renaksi(&["diff", old], fixture.tmp.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("sebut dua folder laporan"),
        "{}",
        run.stderr
    );
}

#[test]
fn git_revisions_and_git_s_own_diff() {
    let fixture = Fixture::example();
    let repo = fixture.tmp.path();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "2022"]);
    let program = fixture.dir.join("lampiran/1-program.yaml");
    let text = fs::read_to_string(&program).unwrap();
    fs::write(
        &program,
        text.replacen("              juni: 40\n", "              juni: 45\n", 1),
    )
    .unwrap();
    let line = "  ~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik: target Juni 40 → 45\n";

    // A revision against the working tree, from the folder and from inside it.
    let run = renaksi(&["diff", "--git", "HEAD", "kubutambahan-2022"], repo);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("kubutambahan-2022@HEAD → kubutambahan-2022\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(line), "{}", run.stdout);
    let inside = renaksi(&["diff", "--git", "HEAD"], &fixture.dir);
    assert_eq!(inside.code, 1, "{}", inside.stderr);
    assert!(inside.stdout.contains(line));

    // Two revisions.
    git(repo, &["commit", "-qam", "juni"]);
    let run = renaksi(
        &["diff", "--git", "HEAD~1..HEAD", "kubutambahan-2022"],
        repo,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains(line));
    let run = renaksi(&["diff", "--git", "HEAD", "kubutambahan-2022"], repo);
    assert_eq!(run.code, 0, "{}", run.stdout);

    let run = renaksi(&["diff", "--git", "tidak-ada", "kubutambahan-2022"], repo);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("galat: git: revisi `tidak-ada` tidak dikenal"),
        "{}",
        run.stderr
    );

    // As git's diff driver: report files in report terms, the rest as lines.
    // The attributes exactly as docs/workflow.md gives them.
    let docs =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/workflow.md")).unwrap();
    let attributes = docs
        .split("`.gitattributes` (ikut\ndi-commit):\n\n```\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    assert!(attributes.contains("**/lampiran/*.yaml diff=renaksi\n"));
    fs::write(repo.join(".gitattributes"), attributes).unwrap();
    let checked = git(
        repo,
        &[
            "check-attr",
            "diff",
            "--",
            "laporan.yaml",
            "kubutambahan-2022/narasi.yaml",
            "content/buleleng/sawan/lampiran/1-program.yaml",
            "content/buleleng/kabupaten.yaml",
            "catatan.yaml",
        ],
    );
    assert_eq!(
        checked,
        "laporan.yaml: diff: renaksi\n\
         kubutambahan-2022/narasi.yaml: diff: renaksi\n\
         content/buleleng/sawan/lampiran/1-program.yaml: diff: renaksi\n\
         content/buleleng/kabupaten.yaml: diff: renaksi\n\
         catatan.yaml: diff: unspecified"
    );
    let driver = format!("{} diff", env!("CARGO_BIN_EXE_renaksi"));
    git(repo, &["config", "diff.renaksi.command", &driver]);
    let text = fs::read_to_string(&program).unwrap();
    fs::write(
        &program,
        text.replacen("anggaran: 150000000", "anggaran: 175000000", 1),
    )
    .unwrap();
    fs::write(repo.join("catatan.yaml"), "bukan: laporan\n").unwrap();
    git(repo, &["add", "-N", "catatan.yaml"]);
    let shown = git(repo, &["diff"]);
    assert!(shown.contains("renaksi diff kubutambahan-2022/lampiran/1-program.yaml\n  ~ CAMAT › Meningkatnya Ketentraman dan Ketertiban Umum › Program Pemberdayaan Masyarakat Desa dan Kelurahan: anggaran Rp 150.000.000 → Rp 175.000.000"), "{shown}");
    assert!(
        shown.contains("+++ b/catatan.yaml\n@@ -0,0 +1 @@\n+bukan: laporan"),
        "{shown}"
    );

    // Called by git with a file too large for a report: still a diff, exit 0.
    let big = repo.join("besar.yaml");
    fs::write(&big, "a: 1\n".repeat(1_200_000)).unwrap();
    let b = big.to_str().unwrap();
    let run = renaksi(
        &["diff", "besar.yaml", "/dev/null", "0", "0", b, "0", "0"],
        repo,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("--- a/besar.yaml\n+++ b/besar.yaml\n"),
        "{}",
        &run.stdout[..100]
    );
}

#[test]
fn two_batches_kecamatan_by_kecamatan() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022");
    let (old, new) = (tmp.path().join("content/buleleng"), tmp.path().join("baru"));
    copy_dir(&batch, &old);
    copy_dir(&batch, &new);
    let edit = |path: &Path, from: &str, to: &str| {
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} has no {from:?}", path.display());
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    edit(&new.join("kabupaten.yaml"), "tahun: 2022", "tahun: 2023");
    edit(
        &new.join("sawan/lampiran/1-program.yaml"),
        "              juni: 40\n",
        "              juni: 41\n",
    );
    fs::remove_dir_all(new.join("tejakula")).unwrap();
    let run = renaksi(&["diff", "content/buleleng", "baru"], tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = "\
content/buleleng → baru

kabupaten.yaml
  ~ tahun 2022 → 2023

sawan/lampiran/1-program.yaml
  ~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik: target Juni 40 → 41

tejakula/laporan.yaml
  - kecamatan dihapus (Kecamatan Tejakula, I Putu Gede Suarjana, S.STP — 73 indikator)

3 perubahan
";
    assert_eq!(run.stdout, expected);

    // The same batch at a revision, the shared narrative compared once.
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "content"]);
    git(tmp.path(), &["commit", "-qm", "2022"]);
    edit(
        &old.join("narasi.yaml"),
        "sehingga Kantor Camat",
        "sehingga segenap Kantor Camat",
    );
    edit(
        &old.join("sawan/lampiran/1-program.yaml"),
        "              juni: 40\n",
        "              juni: 42\n",
    );
    let run = renaksi(&["diff", "--git", "HEAD", "content/buleleng"], tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\nnarasi.yaml\n  ~ Kata Pengantar: paragraf 1\n    … atas *Asung Kerta Wara Nugrahanya*, sehingga {+segenap+} Kantor Camat"), "{}", run.stdout);
    assert!(run.stdout.contains("\nsawan/lampiran/1-program.yaml\n  ~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik: target Juni 40 → 42\n"), "{}", run.stdout);
    assert!(run.stdout.ends_with("\n2 perubahan\n"), "{}", run.stdout);

    // One kecamatan of the batch: the batch's defaults and narrative
    // beside it count too.
    edit(&old.join("kabupaten.yaml"), "tahun: 2022", "tahun: 2023");
    let run = renaksi(
        &["diff", "--git", "HEAD", "content/buleleng/sawan"],
        tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\n../kabupaten.yaml\n  ~ tahun 2022 → 2023\n\n../narasi.yaml\n  ~ Kata Pengantar: paragraf 1\n"), "{}", run.stdout);
    assert!(run.stdout.ends_with("\n3 perubahan\n"), "{}", run.stdout);

    // A report and a batch are not compared.
    let kecamatan = old.join("sawan");
    let run = renaksi(&["diff", "baru", kecamatan.to_str().unwrap()], tmp.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("tidak sejenis: satu folder laporan, satu folder batch"),
        "{}",
        run.stderr
    );
}

#[test]
fn realisasi_changes_come_in_the_order_of_the_document_not_of_their_keys() {
    let lama = Fixture::example();
    let baru = Fixture::example();
    // `sekretaris-kecamatan/…` comes first in the document (the Kegiatan
    // table), `kasi-sosial-budaya/…` later (Sub Kegiatan), though its key
    // sorts first.
    baru.edit("realisasi/tw2.yaml", |t| {
        t.replacen("      juni: 23\n", "      juni: 24\n", 1)
            .replacen(
                "Desa; April 1, Mei 1, Juni 2)\n    bulan:\n      april: 1\n",
                "Desa; April 1, Mei 1, Juni 2)\n    bulan:\n      april: 2\n",
                1,
            )
    });
    let run = renaksi(
        &[
            "diff",
            lama.dir.to_str().unwrap(),
            baru.dir.to_str().unwrap(),
        ],
        lama.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().skip(2).collect();
    assert_eq!(
        lines,
        [
            "realisasi/tw2.yaml",
            "  ~ Sekretaris Kecamatan › Nilai AKIP yang baik: realisasi Juni 23 → 24",
            "  ~ Sekretaris Kecamatan › Nilai AKIP yang baik: capaian s.d. TW II 92,00 % → 96,00 %",
            "  ~ Kasi Sosial Budaya › Jumlah Kelompok Adat, Seni dan Budaya yang dibina: realisasi April 1 → 2",
            "  ~ Kasi Sosial Budaya › Jumlah Kelompok Adat, Seni dan Budaya yang dibina: capaian s.d. TW II 100,00 % → 114,29 %",
            "",
            "4 perubahan",
        ]
    );
}

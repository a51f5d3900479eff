//! Every class of message a user meets, asserted whole: one catalogue of
//! commands — wrong arguments, broken YAML, findings of `check`, refusals
//! of each document, of `sign`, `verify`, `import`, `fmt`, `diff` — with
//! the exit code and everything printed, held in one snapshot
//! (`snapshots/testsuite__pesan__katalog.snap`). A change of wording shows
//! as a diff of that file; review it with `cargo insta review`.

use std::fmt::Write as _;
use std::fs;

use crate::support::{renaksi, Fixture};

/// Runs `args` in the fixture's folder and records it for the catalogue,
/// the fixture's temporary path written `<tmp>`.
fn catat(out: &mut String, name: &str, fixture: &Fixture, args: &[&str]) {
    let run = renaksi(args, fixture.tmp.path());
    let tmp = fixture.tmp.path().to_string_lossy().into_owned();
    let clean = |t: &str| t.replace(&tmp, "<tmp>");
    let _ = writeln!(
        out,
        "## {name}\n$ renaksi {}\nexit {}",
        clean(&args.join(" ")),
        run.code
    );
    if !run.stdout.is_empty() {
        let _ = write!(out, "--- stdout\n{}", clean(&run.stdout));
    }
    if !run.stderr.is_empty() {
        let _ = write!(out, "--- stderr\n{}", clean(&run.stderr));
    }
    out.push('\n');
}

#[test]
fn katalog() {
    let mut out = String::new();
    let f = Fixture::example();
    let r = "kubutambahan-2022";

    // The command line.
    catat(&mut out, "gabung tanpa pk", &f, &["build", r, "--gabung"]);
    catat(
        &mut out,
        "triwulan tanpa monitoring",
        &f,
        &["build", r, "--triwulan", "2"],
    );
    catat(
        &mut out,
        "monitoring tanpa triwulan",
        &f,
        &["build", r, "--dokumen", "monitoring"],
    );
    catat(
        &mut out,
        "triwulan di luar 1-4",
        &f,
        &["build", r, "--dokumen", "monitoring", "--triwulan", "5"],
    );
    catat(
        &mut out,
        "dokumen tak dikenal",
        &f,
        &["build", r, "--dokumen", "lakip"],
    );
    catat(
        &mut out,
        "sign tanpa final",
        &f,
        &["build", r, "--sign", "x.p12"],
    );
    catat(
        &mut out,
        "sebelumnya untuk pk",
        &f,
        &["build", r, "--dokumen", "pk", "--sebelumnya", "lain"],
    );
    catat(
        &mut out,
        "beberapa pk ke satu pdf",
        &f,
        &["build", r, "--dokumen", "pk", "-o", "satu.pdf"],
    );
    catat(
        &mut out,
        "beberapa sumber ke satu typ",
        &f,
        &[
            "build",
            r,
            "--dokumen",
            "pk",
            "-o",
            "pk",
            "--emit-typst",
            "pk.typ",
        ],
    );
    catat(&mut out, "folder tidak ada", &f, &["build", "tidak-ada"]);
    catat(&mut out, "watch contoh bawaan", &f, &["watch"]);
    catat(
        &mut out,
        "opsi tak dikenal",
        &f,
        &["build", r, "--warna", "biru"],
    );

    // Documents built, and what holds them back.
    catat(&mut out, "rencana aksi", &f, &["build", r, "-o", "out"]);
    let tanpa_tw4 = Fixture::example();
    std::fs::remove_file(tanpa_tw4.dir.join("realisasi/tw4.yaml")).unwrap();
    catat(
        &mut out,
        "monitoring triwulan tanpa berkas",
        &tanpa_tw4,
        &["build", r, "--dokumen", "monitoring", "--triwulan", "4"],
    );
    catat(
        &mut out,
        "lkjip tanpa realisasi triwulan iv",
        &tanpa_tw4,
        &["build", r, "--dokumen", "lkjip"],
    );
    let tanpa_renstra = Fixture::example();
    std::fs::remove_file(tanpa_renstra.dir.join("renstra.yaml")).unwrap();
    catat(
        &mut out,
        "lkjip tanpa renstra",
        &tanpa_renstra,
        &["build", r, "--dokumen", "lkjip"],
    );
    catat(&mut out, "check contoh", &f, &["check", r]);

    // The YAML: each kind of mistake, at its line and column.
    let yaml = Fixture::example();
    yaml.edit("laporan.yaml", |t| t.replace("tahun: 2022", "tahun: [2022"));
    catat(&mut out, "yaml rusak", &yaml, &["check", r]);
    let yaml = Fixture::example();
    yaml.edit("lampiran/1-program.yaml", |t| {
        t.replacen("            target: 85\n", "            targt: 85\n", 1)
    });
    catat(&mut out, "kunci salah eja", &yaml, &["build", r]);
    let yaml = Fixture::example();
    yaml.edit("lampiran/1-program.yaml", |t| {
        t.replacen(
            "            target: 85\n",
            "            target: banyak\n",
            1,
        )
    });
    catat(&mut out, "bukan angka", &yaml, &["build", r]);
    let yaml = Fixture::example();
    yaml.edit("laporan.yaml", |t| {
        t.replace("\"196502071997021001\"", "\"1965\"")
    });
    catat(&mut out, "galat data menahan pdf", &yaml, &["build", r]);
    let pk = Fixture::example();
    fs::remove_file(pk.dir.join("pegawai.yaml")).unwrap();
    catat(
        &mut out,
        "pk tanpa pegawai",
        &pk,
        &["build", r, "--dokumen", "pk"],
    );

    // Other doors.
    fs::write(f.tmp.path().join("bukan.pdf"), "bukan PDF\n").unwrap();
    catat(
        &mut out,
        "verify bukan pdf renaksi",
        &f,
        &["verify", "bukan.pdf", r],
    );
    catat(
        &mut out,
        "sign tanpa kunci",
        &f,
        &["sign", "bukan.pdf", "--p12", "tidak-ada.p12"],
    );
    fs::write(f.tmp.path().join("bukan.xlsx"), "bukan lembar kerja\n").unwrap();
    catat(
        &mut out,
        "import bukan xlsx",
        &f,
        &["import", "bukan.xlsx", "baru"],
    );
    let lain = Fixture::example();
    lain.edit("lampiran/1-program.yaml", |t| {
        t.replacen("anggaran: 150000000", "anggaran: 175000000", 1)
    });
    let kiri = f.dir.to_string_lossy().into_owned();
    let kanan = lain.dir.to_string_lossy().into_owned();
    catat(
        &mut out,
        "diff dua folder",
        &f,
        &[
            "diff",
            kiri.trim_end_matches('/'),
            kanan.trim_end_matches('/'),
        ],
    );
    let fmt = Fixture::example();
    fmt.edit("laporan.yaml", |t| {
        t.replace("tahun: 2022", "tahun:    2022")
    });
    catat(&mut out, "fmt check", &fmt, &["fmt", r, "--check"]);
    catat(&mut out, "init ke folder berisi", &f, &["init", r]);

    insta::assert_snapshot!("katalog", out.replace(&kanan, "<lain>"));
}

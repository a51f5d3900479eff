//! Hostile and broken input: each case ends with a clear message naming the
//! file and exit 1, never a panic or a hang (runs are killed after a minute).

use crate::support::{Fixture, Run};

/// An edit of a fixture, for a table of cases.
type Ubah = fn(&Fixture);

/// Writes `bytes` to `rel` in a copy of the minimal report and runs check.
fn check_with(rel: &str, bytes: &[u8]) -> (Run, String) {
    let fixture = Fixture::new("build", "minimal");
    let path = fixture.dir.join(rel);
    std::fs::write(path, bytes).unwrap();
    let run = crate::support::renaksi(
        &["check", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
    );
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    (run, out)
}

fn assert_clear(run: &Run, out: &str, head: &str) {
    assert_eq!(run.code, 1, "{out}");
    assert!(out.starts_with(head), "expected {head:?}\n{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn fifty_megabytes() {
    let item = "          - uraian: Indikator\n            satuan: Nilai\n            target: 1\n";
    let mut text = String::from(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n",
    );
    while text.len() < 50 << 20 {
        text.push_str(item);
    }
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_clear(
        &run,
        &out,
        "galat: DIR/lampiran/4-kinerja.yaml: berkas terlalu besar: 50,0 MB (berkas laporan paling besar 4 MB)\n",
    );
}

#[test]
fn five_thousand_levels_of_nesting() {
    let flow = format!("kata_pengantar: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let (run, out) = check_with("narasi.yaml", flow.as_bytes());
    assert_clear(
        &run,
        &out,
        "galat: DIR/narasi.yaml:1:1: kunci wajib `bab` belum ada\n",
    );
    assert!(
        out.contains(
            "galat: DIR/narasi.yaml:1:17 (kata_pengantar): jenis nilai salah: tertulis daftar\n"
        ),
        "{out}"
    );
    // The long line is shown cut around the column, not in full.
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");

    // Block style, one level per "- ".
    let block = format!("bab:\n  {}x\n", "- ".repeat(5000));
    let (run, out) = check_with("narasi.yaml", block.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.starts_with(
            "galat: DIR/narasi.yaml:2:5 (bab[0]): jenis nilai salah: tertulis daftar\n"
        ),
        "{out}"
    );
}

#[test]
fn alias_bomb() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb.push_str("kata_pengantar: *a11\nbab: *a11\n");
    let (run, out) = check_with("narasi.yaml", bomb.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.starts_with("galat: DIR/narasi.yaml:1:1: kunci `a0` tidak dikenal"),
        "{out}"
    );
    assert_eq!(out.matches("galat: DIR/narasi.yaml:").count(), 12, "{out}");
    // Removing the unknown keys takes their anchors: that is not reported.
    assert!(!out.contains("anchor"), "{out}");
}

#[test]
fn a_hundred_thousand_characters() {
    let long = "kata ".repeat(20_000);
    let (run, out) = check_with(
        "narasi.yaml",
        format!("kata_pengantar: {long}\nbab:\n  - judul: Satu\n    isi: Isi.\n").as_bytes(),
    );
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains(
        "galat: DIR/narasi.yaml:1:17 (kata_pengantar): `kata_pengantar` terlalu panjang: 99.999 karakter (paling banyak 50.000)\n"
    ), "{out}");
    let fixture_cell = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/testsuite/build/minimal/lampiran/4-kinerja.yaml"
    ))
    .unwrap()
    .replace(
        "satuan: Dokumen",
        &format!("satuan: {}", "x".repeat(100_000)),
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", fixture_cell.as_bytes());
    // After the minimal report's own warning on line 7.
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains(
        "galat: DIR/lampiran/4-kinerja.yaml:8:21 (pejabat[0].sasaran[0].indikator[0].satuan): `satuan` terlalu panjang: 100.000 karakter (paling banyak 2.000)\n"
    ), "{out}");
}

#[test]
fn a_thousand_errors_are_cut_at_fifty_per_file() {
    let item = "          - uraian: I\n            satuan: N\n            target: x\n";
    let text = format!(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n{}",
        item.repeat(1000)
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    assert_eq!(out.matches("jenis nilai salah").count(), 50, "{out}");
    let note = "galat: DIR/lampiran/4-kinerja.yaml: pemeriksaan berkas ini berhenti di sini; mungkin masih ada galat lain\n";
    assert!(out.contains(note), "{out}");
}

#[test]
fn a_large_file_full_of_errors_is_searched_for_a_bounded_time() {
    // 4 MB with the errors at the end: the search past the first error
    // parses the file again only a few times.
    let ok = "          - uraian: I\n            satuan: N\n            target: 1\n";
    let bad = ok.replace("target: 1", "target: x");
    let text = format!(
        "tingkat: kinerja\npejabat:\n  - jabatan: A\n    sasaran:\n      - uraian: S\n        indikator:\n{}{}",
        ok.repeat(55_000),
        bad.repeat(5000)
    );
    let (run, out) = check_with("lampiran/4-kinerja.yaml", text.as_bytes());
    assert_eq!(run.code, 1, "{out}");
    let found = out.matches("jenis nilai salah").count();
    assert!((1..50).contains(&found), "{found} errors\n{out}");
    assert!(
        out.contains("pemeriksaan berkas ini berhenti di sini"),
        "{out}"
    );
}

/// Runs `renaksi ARGS` on a copy of the minimal report changed by `edit`;
/// a run still going after `seconds` fails the test.
fn run_edited(args: &[&str], seconds: u64, edit: impl FnOnce(&Fixture)) -> (Fixture, Run, String) {
    let fixture = Fixture::new("build", "minimal");
    edit(&fixture);
    let dir = fixture.dir.to_str().unwrap().to_owned();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&dir);
    let out = fixture.path("out").to_str().unwrap().to_owned();
    if args[0] == "build" {
        all.extend(["-o", &out]);
    }
    let run = crate::support::renaksi_within(&all, fixture.tmp.path(), seconds);
    let text = run.stderr.replace(&dir, "DIR");
    (fixture, run, text)
}

#[test]
fn dates_typst_cannot_hold_are_refused_where_written() {
    for (tanggal, column) in [("10000-01-01", 12), ("-0001-01-01", 12), ("0000-05-05", 12)] {
        let (_, run, out) = run_edited(&["check"], 10, |f| {
            f.edit("laporan.yaml", |t| {
                t.replace("tanggal: 2024-02-05", &format!("tanggal: \"{tanggal}\""))
            });
        });
        assert_clear(
            &run,
            &out,
            &format!("galat: DIR/laporan.yaml:7:{column} (penandatangan.tanggal): nilai tidak sah: teks \"{tanggal}\"\n"),
        );
    }
    let (_, run, out) = run_edited(&["build"], 20, |f| {
        f.edit("laporan.yaml", |t| t.replace("tahun: 2024", "tahun: 99999"));
    });
    assert_clear(
        &run,
        &out,
        "galat: DIR/laporan.yaml:3:1 (tahun): tahun 99999 di luar rentang 2000–2100\n",
    );
}

/// For input that is only a warning: `build` still writes the PDF, and
/// `check` ends with exit 0; what `check` printed.
fn builds_and_warns(edit: Ubah) -> String {
    let (fixture, run, out) = run_edited(&["build"], 30, edit);
    assert_eq!(run.code, 0, "{out}");
    assert!(fixture.path("out/minimal.pdf").exists());
    let (_, run, out) = run_edited(&["check"], 10, edit);
    assert_eq!(run.code, 0, "{out}");
    out
}

#[test]
fn a_signing_date_far_from_the_year_is_a_warning() {
    let out = builds_and_warns(|f| {
        f.edit("laporan.yaml", |t| {
            t.replace("tanggal: 2024-02-05", "tanggal: 2042-02-05")
        });
    });
    assert!(out.contains(
        "peringatan: DIR/laporan.yaml:7:3 (penandatangan.tanggal): tanggal penandatanganan 5 Februari 2042 jauh dari tahun laporan 2024\n"
    ), "{out}");
}

#[test]
fn narrative_expressions_are_refused_not_run() {
    // The caret: on the expression inside `{{ }}`, or on a `{%`.
    let hostile = [
        (
            "{{ \"x\" * 100000000 }}",
            23,
            "`\"x\" * 100000000` bukan nama variabel",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            20,
            "`{%` tidak dipakai di narasi",
        ),
        (
            "{{ tahun | upper }}",
            23,
            "`tahun | upper` bukan nama variabel",
        ),
        ("{{ kabupatn }}", 23, "variabel `kabupatn` tidak dikenal"),
    ];
    for (expr, column, message) in hostile {
        let (fixture, run, out) = run_edited(&["build"], 10, |f| {
            f.edit("narasi.yaml", |t| {
                t.replace(
                    "Paragraf pertama tentang",
                    &format!("Paragraf {expr} tentang"),
                )
            });
        });
        assert_eq!(run.code, 1, "{out}");
        assert!(
            out.starts_with(&format!(
                "galat: DIR/narasi.yaml:8:{column} (bab[0].bagian[0].isi): {message}\n"
            )),
            "{expr}\n{out}"
        );
        assert!(!fixture.path("out/minimal.pdf").exists());
    }
}

#[test]
fn a_narrative_filled_in_beyond_its_limit_is_refused() {
    // 30 names of 1.990 characters fill 10 lines to 60.000 characters.
    let (_, run, out) = run_edited(&["check"], 10, |f| {
        f.edit("laporan.yaml", |t| {
            t.replace(
                "nama: I Made Uji, S.STP",
                &format!("nama: {}", "U".repeat(1_990)),
            )
        });
        f.edit("narasi.yaml", |t| {
            t.replace(
                "Ditandatangani oleh {{ penandatangan.nama }}.",
                &"{{ penandatangan.nama }} ".repeat(30),
            )
        });
    });
    assert_eq!(run.code, 1, "{out}");
    assert!(out.contains(
        "galat: DIR/narasi.yaml:16:632 (bab[1].isi): teks terlalu panjang setelah variabel diisi (lebih dari 50.000 karakter)\n"
    ), "{out}");
}

/// A PNG whose header claims `w` × `h` pixels, followed by a little data:
/// a small file that would decode to gigabytes.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(w.to_be_bytes());
    png.extend(h.to_be_bytes());
    png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
    png.extend(std::iter::repeat_n(0u8, 190_000));
    png
}

#[test]
fn an_image_huge_in_pixels_is_refused_by_its_header() {
    let (_, run, out) = run_edited(&["build"], 10, |f| {
        std::fs::write(f.dir.join("logo.png"), png_claiming(20_000, 20_000)).unwrap();
        f.edit("laporan.yaml", |t| format!("{t}logo: logo.png\n"));
    });
    assert_clear(
        &run,
        &out,
        "galat: DIR/laporan.yaml:13:1 (logo): gambar `logo.png` terlalu besar: 20.000 × 20.000 piksel\n",
    );
    assert!(out.contains("paling banyak 6.000 piksel"), "{out}");
}

#[test]
fn an_svg_logo_linking_other_files_is_refused() {
    let links = [
        (
            r#"<image href="../rahasia.png" width="10" height="10"/>"#,
            "berkas atau alamat lain: `../rahasia.png`",
        ),
        (
            r#"<image href="https://contoh.go.id/logo.png" width="10" height="10"/>"#,
            "berkas atau alamat lain: `https://contoh.go.id/logo.png`",
        ),
        (
            r#"<style>@font-face { font-family: X; src: url(x.ttf) }</style>"#,
            "huruf dari luar (`@font-face`)",
        ),
    ];
    for (inner, what) in links {
        let (_, run, out) = run_edited(&["check"], 10, |f| {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{inner}<rect width="5" height="5"/></svg>"#
            );
            std::fs::write(f.dir.join("logo.svg"), svg).unwrap();
            f.edit("laporan.yaml", |t| format!("{t}logo: logo.svg\n"));
        });
        assert_clear(
            &run,
            &out,
            &format!("galat: DIR/laporan.yaml:13:1 (logo): logo SVG `logo.svg` menautkan {what}\n"),
        );
    }
}

#[test]
fn characters_no_font_prints_are_warned_where_written() {
    let out = builds_and_warns(|f| {
        f.edit("lampiran/4-kinerja.yaml", |t| {
            t.replace("satuan: Dokumen", "satuan: Dokumen 📄")
        });
        f.edit("narasi.yaml", |t| {
            t.replace("istilah *miring*", "istilah *miring* 文")
        });
    });
    for expected in [
        "peringatan: DIR/narasi.yaml:2:94 (kata_pengantar): karakter `文` (U+6587) tidak ada di huruf mana pun; di PDF tampil sebagai kotak kosong\n",
        "peringatan: DIR/lampiran/4-kinerja.yaml:8:29 (pejabat[0].sasaran[0].indikator[0].satuan): karakter `📄` (U+1F4C4) tidak ada di huruf mana pun; di PDF tampil sebagai kotak kosong\n",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
}

/// The whole message of each kind of hostile input — place, snippet with
/// its caret, hint — held as a snapshot (tests/testsuite/snapshots/).
#[test]
fn messages_of_hostile_input_in_full() {
    let cases: [(&str, Ubah); 6] = [
        ("tanggal_10000", |f| {
            f.edit("laporan.yaml", |t| t.replace("2024-02-05", "10000-02-05"));
        }),
        ("tahun_99999", |f| {
            f.edit("laporan.yaml", |t| t.replace("tahun: 2024", "tahun: 99999"));
        }),
        ("narasi_perulangan", |f| {
            f.edit("narasi.yaml", |t| {
                t.replace(
                    "Paragraf pertama",
                    "{% for i in range(100000) %}x{% endfor %}",
                )
            });
        }),
        ("narasi_salah_eja", |f| {
            f.edit("narasi.yaml", |t| {
                t.replace("{{ kabupaten }}", "{{ kabupatn }}")
            });
        }),
        ("png_raksasa", |f| {
            std::fs::write(f.dir.join("logo.png"), png_claiming(20_000, 20_000)).unwrap();
            f.edit("laporan.yaml", |t| format!("{t}logo: logo.png\n"));
        }),
        ("emoji", |f| {
            f.edit("lampiran/4-kinerja.yaml", |t| {
                t.replace("satuan: Dokumen", "satuan: Dokumen 📄")
            });
        }),
    ];
    for (name, edit) in cases {
        let (_, _, out) = run_edited(&["check"], 10, edit);
        insta::assert_snapshot!(format!("pesan_{name}"), out);
    }
}

/// Makes a FIFO at `path` with the system's mkfifo (never a device of the
/// system's own: the tests make their nodes in their temporary folder).
fn mkfifo(path: &std::path::Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo is needed for this test")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

fn is_fifo(path: &std::path::Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// A FIFO is never waited on: as laporan.yaml, as a password file, as a
/// PDF to verify, each is refused at once; as an output it is refused and
/// stays a FIFO.
#[test]
fn a_fifo_is_refused_at_once_in_and_out() {
    let fixture = Fixture::new("build", "minimal");
    let dir = fixture.dir.to_str().unwrap();
    let laporan = fixture.dir.join("laporan.yaml");
    std::fs::remove_file(&laporan).unwrap();
    mkfifo(&laporan);
    let run = crate::support::renaksi_within(&["check", dir], fixture.tmp.path(), 5);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "galat: {dir}/laporan.yaml: bukan berkas biasa (pipa bernama (FIFO)); berikan berkas laporan\n"
        )),
        "{}",
        run.stderr
    );

    let pdf = fixture.path("masuk.pdf");
    mkfifo(&pdf);
    let run = crate::support::renaksi_within(
        &["verify", pdf.to_str().unwrap(), dir],
        fixture.tmp.path(),
        5,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("masuk.pdf: bukan berkas biasa (pipa bernama (FIFO)); berikan PDF"),
        "{}",
        run.stderr
    );

    let example = Fixture::example();
    let out = example.path("keluar.pdf");
    mkfifo(&out);
    let run = crate::support::renaksi_within(
        &[
            "build",
            example.dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        example.tmp.path(),
        60,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "galat: tidak akan menulis {}: sudah ada dan bukan berkas biasa (pipa bernama (FIFO)); pilih nama berkas lain\n",
            out.display()
        )),
        "{}",
        run.stderr
    );
    assert!(is_fifo(&out), "the FIFO is still there");

    let sandi = fixture.path("sandi");
    mkfifo(&sandi);
    let run = crate::support::renaksi_within(
        &[
            "sign",
            out.to_str().unwrap(),
            "--p12",
            "x.p12",
            "--password-file",
            sandi.to_str().unwrap(),
            "-o",
            "y.pdf",
        ],
        fixture.tmp.path(),
        5,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("sandi: bukan berkas biasa (pipa bernama (FIFO)); berikan berkas kata sandi"),
        "{}",
        run.stderr
    );
}

/// Outputs never replace what a report is written in: `--emit-typst` and
/// `template -o` aimed at narasi.yaml are refused, the file untouched.
#[test]
fn an_output_never_replaces_a_report_s_own_file() {
    let fixture = Fixture::new("build", "minimal");
    let narasi = fixture.dir.join("narasi.yaml");
    let before = std::fs::read(&narasi).unwrap();
    let shown = narasi.to_str().unwrap();
    for args in [
        vec![
            "build",
            fixture.dir.to_str().unwrap(),
            "--emit-typst",
            shown,
        ],
        vec!["template", "xlsx", "-o", shown],
    ] {
        let run = crate::support::renaksi(&args, fixture.tmp.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.ends_with(&format!(
                "galat: tidak akan menimpa {shown}: berkas .yaml adalah masukan laporan, bukan keluaran renaksi; pilih nama keluaran lain\n"
            )),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read(&narasi).unwrap(), before, "{args:?}");
    }
}

/// Symbolic links out of the report folder: the editor refuses to open a
/// folder whose table links to a file outside, and `renaksi realisasi`
/// does not write through a realisasi/ folder linked elsewhere.
#[test]
fn links_out_of_the_folder_are_neither_read_nor_written() {
    let fixture = Fixture::example();
    let rahasia = fixture.path("rahasia.yaml");
    std::fs::write(&rahasia, "tingkat: kinerja\npejabat: []\n").unwrap();
    let link = fixture.dir.join("lampiran/5-tautan.yaml");
    std::os::unix::fs::symlink(&rahasia, &link).unwrap();
    let dir = fixture.dir.to_str().unwrap();
    let run = crate::support::renaksi_within(&["serve", dir], fixture.tmp.path(), 20);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "lampiran/5-tautan.yaml: berkas menunjuk ke luar folder laporan (tautan simbolik)"
        ),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&link).unwrap();

    // realisasi/ itself a link to a folder outside.
    let luar = fixture.path("luar");
    std::fs::create_dir(&luar).unwrap();
    std::fs::remove_dir_all(fixture.dir.join("realisasi")).unwrap();
    std::os::unix::fs::symlink(&luar, fixture.dir.join("realisasi")).unwrap();
    let run = crate::support::renaksi(&["realisasi", dir, "--triwulan", "1"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "realisasi/tw1.yaml: folder menunjuk ke luar folder laporan (tautan simbolik)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(&luar).unwrap().count(),
        0,
        "nothing written outside"
    );
}

/// A circle of a thousand superiors is found at once, said once.
#[test]
fn a_circle_of_a_thousand_superiors_is_found_at_once() {
    let fixture = Fixture::new("build", "minimal");
    let mut text = String::from("pegawai:\n");
    for i in 0..1000 {
        text.push_str(&format!(
            "  - jabatan: Pejabat {i}\n    nama: Orang {i}\n    atasan: Pejabat {}\n",
            (i + 1) % 1000
        ));
    }
    fixture.write("pegawai.yaml", &text);
    let run = crate::support::renaksi_within(
        &["check", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
        5,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("atasan berputar: Pejabat 0 → Pejabat 1 → Pejabat 2 → ")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Pejabat 999 → Pejabat 0\n"),
        "{}",
        run.stderr
    );
}

/// What check accepts builds: numbers beyond what prints and narrative
/// nested deeper than Typst typesets are galat where they are written.
#[test]
fn what_cannot_be_printed_is_a_galat_where_written() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("target: 100", "target: 1e308", 1)
    });
    let deep: String = (0..40)
        .map(|i| format!("{}{}- tingkat {i}\n", " ".repeat(10), "  ".repeat(i)))
        .collect();
    fixture.edit("narasi.yaml", |t| {
        t.replacen(
            "          Paragraf pertama tentang Kabupaten {{ kabupaten }}.\n",
            &deep,
            1,
        )
    });
    let run = crate::support::renaksi(
        &["check", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
    );
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.contains("galat: DIR/lampiran/1-program.yaml:15:21 (pejabat[0].sasaran[0].indikator[1].target): nilai tidak sah: angka 1e308\n"),
        "{out}"
    );
    assert!(
        out.contains("saran: seharusnya angka paling besar 1.000.000.000.000.000 (seribu triliun), tanpa notasi e"),
        "{out}"
    );
    // The tables load now; the narrative's nesting is found.
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("target: 1e308", "target: 100", 1)
    });
    let run = crate::support::renaksi(
        &["check", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
    );
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.contains("galat: DIR/narasi.yaml:20:35 (bab[0].bagian[0].isi): daftar atau penekanan bersarang 13 tingkat (paling dalam 12)\n"),
        "{out}"
    );
    // Twelve levels are accepted, and build.
    let twelve: String = (0..12)
        .map(|i| format!("{}{}- tingkat {i}\n", " ".repeat(10), "  ".repeat(i)))
        .collect();
    fixture.edit("narasi.yaml", |t| t.replacen(&deep, &twelve, 1));
    let (run, _) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A jabatan of two thousand characters still gives an agreement's PDF a
/// file name the file system takes.
#[test]
fn a_long_jabatan_gives_a_bounded_file_name() {
    let fixture = Fixture::example();
    let long = format!("Kasi {}", "Pemerintahan ".repeat(150));
    let long = long.trim();
    fixture.edit("pegawai.yaml", |t| {
        t.replace(
            "  - jabatan: Pranata Perlindungan Masyarakat\n",
            &format!("  - jabatan: {long}\n    lampiran: PRANATA PERLINDUNGAN MASYARAKAT\n"),
        )
    });
    let out = fixture.path("pk");
    let run = crate::support::renaksi(
        &[
            "build",
            fixture.dir.to_str().unwrap(),
            "--dokumen",
            "pk",
            "-o",
            out.to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.len() < 160), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("kubutambahan-2022-pk-")
            && n.contains("-kasi-pemerintahan-pemerintahan-")),
        "{names:?}"
    );
}

/// Clap's own checks of numbers answer in Indonesian.
#[test]
fn a_number_out_of_range_on_the_command_line_is_said_in_indonesian() {
    let tmp = tempfile::tempdir().unwrap();
    let run = crate::support::renaksi(
        &["build", "--dokumen", "monitoring", "--triwulan", "5"],
        tmp.path(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "galat: nilai tidak sah untuk --triwulan <N> \"5\": harus 1 sampai 4\n  saran: lihat `renaksi --help`\n"
    );
}

/// A killed run's temporary file is removed by the next write in its
/// folder once it is old; a fresh one (another run's) is left alone.
#[test]
fn a_killed_run_s_temporary_files_are_cleaned_by_the_next() {
    let fixture = Fixture::new("build", "minimal");
    let out = fixture.path("keluar");
    std::fs::create_dir_all(&out).unwrap();
    let old = out.join(".renaksi-sisa.tmp");
    let fresh = out.join(".renaksi-baru.tmp");
    std::fs::write(&old, b"sisa").unwrap();
    std::fs::write(&fresh, b"baru").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let run = crate::support::renaksi(
        &[
            "build",
            fixture.dir.to_str().unwrap(),
            "-o",
            out.join("l.pdf").to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!old.exists(), "the old leftover is removed");
    assert!(fresh.exists(), "a fresh one may be another run's");
}

/// A report file at a git revision is refused by the size git records,
/// before its bytes are read.
#[test]
fn a_huge_file_in_git_is_refused_before_it_is_read() {
    let fixture = Fixture::new("build", "minimal");
    let mut text = String::from("tingkat: kinerja\npejabat: []\n");
    while text.len() < 5 << 20 {
        text.push_str("# isi\n");
    }
    fixture.write("lampiran/4-kinerja.yaml", &text);
    crate::support::commit_all(&fixture.dir);
    let run = crate::support::renaksi_within(
        &["diff", "--git", "HEAD", fixture.dir.to_str().unwrap()],
        fixture.tmp.path(),
        10,
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("lampiran/4-kinerja.yaml di revisi HEAD: berkas terlalu besar: 5,0 MB (berkas laporan paling besar 4 MB)"),
        "{}",
        run.stderr
    );
}

//! The Perubahan's Matriks Perubahan: after the Lampiran, what changed
//! since the previous version (a git revision or a folder beside it), each
//! change before and after with its reason; computed as `renaksi diff`
//! computes it, and checked against diff's own figures.

use std::fs;
use std::path::Path;

use crate::support::{commit_all, copy_dir, git, pdf_layout_text, pdf_text, renaksi, Fixture};

/// The example, committed and tagged `murni`, then changed as a Perubahan
/// changes it: a target raised (with its reason), a budget cut (without),
/// a sasaran renamed and its target changed and a kegiatan removed (the
/// official's reason covering them).
fn perubahan() -> Fixture {
    let fixture = Fixture::example();
    // The example's realisasi name the kegiatan this Perubahan removes.
    fs::remove_dir_all(fixture.dir.join("realisasi")).unwrap();
    commit_all(&fixture.dir);
    git(&fixture.dir, &["tag", "murni"]);
    ubah(&fixture);
    fixture.edit("laporan.yaml", |t| {
        t.replacen(
            "perubahan: true\n",
            "perubahan: true\nversi_sebelumnya:\n  git: murni\n",
            1,
        )
    });
    fixture
}

/// The Perubahan's changes to the Lampiran.
fn ubah(fixture: &Fixture) {
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen(
            "            target: 85\n            bulan:\n              juni: 40\n",
            "            target: 87\n            bulan:\n              juni: 45\n            alasan: Target dinaikkan sesuai Renstra Perubahan\n",
            1,
        )
        .replacen("anggaran: 150000000", "anggaran: 135000000", 1)
    });
    fixture.edit("lampiran/2-kegiatan.yaml", |t| {
        t.replacen(
            "  - jabatan: Sekretaris Kecamatan\n",
            "  - jabatan: Sekretaris Kecamatan\n    alasan: Penyesuaian DPA Perubahan\n",
            1,
        )
        .replacen(
            "          - uraian: Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah\n            anggaran: 41000000\n",
            "",
            1,
        )
        .replacen(
            "uraian: Meningkatnya Kapasitas Sumber Daya Aparatur",
            "uraian: Meningkatnya Kapasitas dan Kompetensi Sumber Daya Aparatur",
            1,
        )
        .replacen(
            "            target: 10\n            bulan:\n              januari: 10\n",
            "            target: 12\n            bulan:\n              januari: 12\n",
            1,
        )
    });
}

fn build(fixture: &Fixture, extra: &[&str]) -> std::path::PathBuf {
    let (run, pdf) = fixture.build(extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    pdf
}

/// The text of the matrix's pages, laid out.
fn matriks(pdf: &Path) -> String {
    let text = pdf_layout_text(pdf);
    let at = text
        .find("MATRIKS PERUBAHAN")
        .unwrap_or_else(|| panic!("no Matriks Perubahan in:\n{text}"));
    text[at..].to_owned()
}

/// Text with every run of whitespace one space: words stay apart.
fn spasi_tunggal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_matrix_has_every_change_diff_reports_with_its_figures() {
    let fixture = perubahan();
    let pdf = build(&fixture, &[]);
    let text = matriks(&pdf);
    let flat = spasi_tunggal(&text);
    // In content order a wrapped cell stays together.
    let raw = {
        let all = pdf_text(&pdf);
        spasi_tunggal(&all[all.find("MATRIKS PERUBAHAN").unwrap()..])
    };
    let run = renaksi(
        &[
            "diff",
            "--git",
            "murni",
            "kubutambahan-2022",
            "--format",
            "json",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut rows = 0;
    for change in json["perubahan"].as_array().unwrap() {
        let berkas = change["berkas"].as_str().unwrap();
        let apa = change["apa"].as_str().unwrap();
        // What the matrix leaves out: files other than the Lampiran, and
        // the reasons themselves.
        if !berkas.starts_with("lampiran/") || apa == "alasan" {
            continue;
        }
        rows += 1;
        let dash = serde_json::Value::String("–".into());
        let lama = change.get("lama").unwrap_or(&dash).as_str().unwrap();
        let baru = change.get("baru").unwrap_or(&dash).as_str().unwrap();
        if lama.len() > 20 || baru.len() > 20 {
            // Long texts wrap in their cells: each is there, in order.
            let wanted = spasi_tunggal(&format!("{lama} {baru}"));
            assert!(raw.contains(&wanted), "{change}\n{raw}");
            continue;
        }
        // A short change is one line: what, before, after.
        let mut first = apa.chars();
        let what: String = first.next().unwrap().to_uppercase().chain(first).collect();
        let line = text
            .lines()
            .find(|l| {
                l.find(&what).is_some_and(|at| {
                    let rest = &l[at + what.len()..];
                    rest.find(lama)
                        .is_some_and(|i| rest[i + lama.len()..].contains(baru))
                })
            })
            .unwrap_or_else(|| panic!("no line `{what} {lama} {baru}` in:\n{text}"));
        assert!(!line.is_empty());
    }
    assert_eq!(rows, 7, "{}", run.stdout);
    // The reasons: the indicator's own, the official's for the rest of its
    // changes, none for the budget cut.
    assert!(
        raw.contains("Target dinaikkan sesuai Renstra Perubahan"),
        "{raw}"
    );
    assert_eq!(raw.matches("Penyesuaian DPA Perubahan").count(), 3, "{raw}");
    assert!(raw.contains("Rp 150.000.000 Rp 135.000.000 –"), "{raw}");
    // Officials head their rows; the previous version is named.
    assert!(flat.contains("CAMAT"), "{flat}");
    assert!(flat.contains("Sekretaris Kecamatan"), "{flat}");
    // As a reader names it (the document and its date), never a path or
    // a git revision.
    assert!(
        flat.contains(
            "Versi sebelumnya: Rencana Aksi Perubahan Tahun 2022 tanggal 12 Oktober 2022"
        ),
        "{flat}"
    );
    assert!(!flat.contains("revisi git"), "{flat}");
    // The table of contents lists it (its title is in capitals).
    let all = pdf_layout_text(&pdf);
    let isi = &all[all.find("DAFTAR ISI").unwrap()..all.find("MATRIKS PERUBAHAN").unwrap()];
    assert!(isi.contains("Matriks Perubahan"), "{isi}");
}

#[test]
fn check_warns_of_a_change_without_a_reason() {
    let fixture = perubahan();
    let run = renaksi(
        &["check", "kubutambahan-2022", "--format", "json"],
        fixture.tmp.path(),
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let tanpa: Vec<&serde_json::Value> = json["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["pesan"]
                .as_str()
                .unwrap()
                .starts_with("perubahan tanpa alasan")
        })
        .collect();
    assert_eq!(tanpa.len(), 1, "{:#}", json["temuan"]);
    let t = tanpa[0];
    assert_eq!(t["tingkat"], "peringatan");
    assert_eq!(t["berkas"], "kubutambahan-2022/lampiran/1-program.yaml");
    assert_eq!(t["jalur"], "pejabat[0].sasaran[1].program_kegiatan[0]");
    let line = t["baris"].as_u64().unwrap() as usize;
    let file = fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap();
    assert!(
        file.lines()
            .nth(line - 1)
            .unwrap()
            .contains("- uraian: Program Pemberdayaan"),
        "{t}"
    );
    assert!(
        t["pesan"]
            .as_str()
            .unwrap()
            .ends_with("anggaran Rp 150.000.000 → Rp 135.000.000"),
        "{t}"
    );
    // Its reason written, the warning goes.
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen(
            "anggaran: 135000000\n",
            "anggaran: 135000000\n            alasan: Efisiensi anggaran\n",
            1,
        )
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert!(
        !run.stderr.contains("perubahan tanpa alasan"),
        "{}",
        run.stderr
    );
    // A report that is not a Perubahan has no matrix, and is told so.
    fixture.edit("laporan.yaml", |t| {
        t.replacen("perubahan: true", "perubahan: false", 1)
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert!(
        run.stderr
            .contains("`versi_sebelumnya` tidak dipakai: laporan ini bukan Rencana Aksi Perubahan"),
        "{}",
        run.stderr
    );
    let pdf = build(&fixture, &[]);
    assert!(!pdf_layout_text(&pdf).contains("MATRIKS PERUBAHAN"));
}

#[test]
fn a_folder_beside_it_or_on_the_command_line() {
    let fixture = Fixture::example();
    let murni = fixture.path("kubutambahan-2022-murni");
    copy_dir(&fixture.dir, &murni);
    ubah(&fixture);
    let by_git = {
        let other = perubahan();
        matriks(&build(&other, &[]))
    };
    let tail = |t: &str| spasi_tunggal(&t[t.find("No ").unwrap()..]);
    // Named in laporan.yaml, beside the report folder.
    fixture.edit("laporan.yaml", |t| {
        t.replacen(
            "perubahan: true\n",
            "perubahan: true\nversi_sebelumnya:\n  folder: ../kubutambahan-2022-murni\n",
            1,
        )
    });
    let text = matriks(&build(&fixture, &[]));
    assert!(
        text.contains(
            "Versi sebelumnya: Rencana Aksi Perubahan Tahun 2022 tanggal 12 Oktober 2022"
        ),
        "{text}"
    );
    assert!(!text.contains("../kubutambahan-2022-murni"), "{text}");
    assert_eq!(tail(&text), tail(&by_git));
    // On the command line, over laporan.yaml.
    let text = matriks(&build(&fixture, &["--sebelumnya", murni.to_str().unwrap()]));
    assert_eq!(tail(&text), tail(&by_git));
    // Not beside it: refused where it is written.
    for (folder, why) in [
        ("../../etc", "bukan folder di samping folder laporan ini"),
        ("/etc", "bukan folder di samping folder laporan ini"),
        ("lampiran", "bukan folder di samping folder laporan ini"),
    ] {
        fixture.edit("laporan.yaml", |t| {
            let at = t.find("  folder: ").unwrap();
            let end = at + t[at..].find('\n').unwrap();
            format!("{}  folder: {folder}{}", &t[..at], &t[end..])
        });
        let (run, _) = fixture.build(&[]);
        assert_eq!(run.code, 1, "{folder}: {}", run.stderr);
        assert!(
            run.stderr.contains("laporan.yaml:8:3") && run.stderr.contains(why),
            "{folder}: {}",
            run.stderr
        );
    }
    // A missing folder beside it.
    fixture.edit("laporan.yaml", |t| {
        t.replacen("folder: lampiran", "folder: ../tidak-ada", 1)
    });
    let (run, _) = fixture.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("versi_sebelumnya: ../tidak-ada tidak ada"),
        "{}",
        run.stderr
    );
    // Not a Perubahan: --sebelumnya is refused.
    fixture.edit("laporan.yaml", |t| {
        t.replacen("perubahan: true", "perubahan: false", 1)
    });
    let (run, _) = fixture.build(&["--sebelumnya", murni.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("bukan Rencana Aksi Perubahan"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_previous_version_is_part_of_the_source_and_verify_knows_it() {
    let fixture = perubahan();
    let pdf = build(&fixture, &["--final"]);
    let info = crate::support::info(&pdf);
    assert!(info.contains("renaksi-sebelumnya:git:murni"), "{info}");
    let verify = |args: &[&str]| {
        renaksi(
            &[
                &["verify", pdf.to_str().unwrap(), "kubutambahan-2022"],
                args,
            ]
            .concat(),
            fixture.tmp.path(),
        )
    };
    let run = verify(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The previous version moved: not the source of this PDF any more.
    let murni = git(&fixture.dir, &["rev-parse", "murni"]);
    git(&fixture.dir, &["add", "."]);
    git(&fixture.dir, &["commit", "-qm", "perubahan"]);
    git(&fixture.dir, &["tag", "-f", "murni"]);
    let run = verify(&[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    git(&fixture.dir, &["tag", "-f", "murni", &murni]);
    // Named only on the command line: the PDF says which, verify uses it.
    fixture.edit("laporan.yaml", |t| {
        t.replacen("versi_sebelumnya:\n  git: murni\n", "", 1)
    });
    let pdf = build(&fixture, &["--sebelumnya-git", "murni"]);
    let run = renaksi(
        &["verify", pdf.to_str().unwrap(), "kubutambahan-2022"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn alasan_goes_through_fmt_and_the_spreadsheet() {
    let fixture = perubahan();
    // fmt keeps each reason where it is.
    let run = renaksi(&["fmt", "kubutambahan-2022", "--check"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Out to a workbook and back: the reasons come back.
    let run = renaksi(
        &["export", "kubutambahan-2022", "-o", "isian.xlsx"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["1-program.yaml", "2-kegiatan.yaml"] {
        fixture.edit(&format!("lampiran/{file}"), |t| {
            t.lines()
                .filter(|l| !l.trim_start().starts_with("alasan:"))
                .map(|l| format!("{l}\n"))
                .collect()
        });
    }
    let run = renaksi(
        &["import", "isian.xlsx", "kubutambahan-2022", "--lampiran"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let program = fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap();
    assert!(
        program.contains(
            "            juni: 45\n            alasan: Target dinaikkan sesuai Renstra Perubahan\n"
        ),
        "{program}"
    );
    let kegiatan = fs::read_to_string(fixture.dir.join("lampiran/2-kegiatan.yaml")).unwrap();
    assert!(
        kegiatan
            .contains("  - jabatan: Sekretaris Kecamatan\n    alasan: Penyesuaian DPA Perubahan\n"),
        "{kegiatan}"
    );
}

#[test]
fn init_links_a_perubahan_to_its_murni_and_a_new_year_drops_the_reasons() {
    // A Perubahan copied within its year from the murni folder beside it.
    let murni = Fixture::example();
    murni.edit("laporan.yaml", |t| {
        t.replacen("perubahan: true", "perubahan: false", 1)
    });
    // Init a Perubahan of the same year from kubutambahan-2022 beside it.
    let init = |cwd: &Path| {
        renaksi(
            &[
                "init",
                "ra-perubahan",
                "--from",
                "kubutambahan-2022",
                "--tahun",
                "2022",
            ],
            cwd,
        )
    };
    let run = init(murni.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "ra-perubahan/laporan.yaml:7: versi_sebelumnya.folder: ../kubutambahan-2022 ditambahkan"
        ),
        "{}",
        run.stdout
    );
    let laporan = fs::read_to_string(murni.path("ra-perubahan/laporan.yaml")).unwrap();
    assert!(
        laporan.contains("perubahan: true\nversi_sebelumnya:\n  folder: ../kubutambahan-2022\n"),
        "{laporan}"
    );
    let run = renaksi(&["fmt", "ra-perubahan", "--check"], murni.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(&["build", "ra-perubahan", "-o", "p.pdf"], murni.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = matriks(&murni.path("p.pdf"));
    assert!(
        spasi_tunggal(&text)
            .contains("Tidak ada perubahan pada Lampiran dibandingkan versi sebelumnya."),
        "{text}"
    );
    // A Perubahan copied from a Perubahan that names its own previous
    // version keeps that one.
    let fixture = perubahan();
    let run = init(fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let laporan = fs::read_to_string(fixture.path("ra-perubahan/laporan.yaml")).unwrap();
    assert!(
        laporan.contains("versi_sebelumnya:\n  git: murni\n"),
        "{laporan}"
    );
    assert!(!laporan.contains("folder:"), "{laporan}");
    // The next year starts without last year's previous version and reasons.
    let run = renaksi(
        &["init", "ra-2023", "--from", "kubutambahan-2022"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "ra-2023/lampiran/1-program.yaml:17: alasan perubahan 2022 dihapus (1 × `alasan`)"
        ),
        "{}",
        run.stdout
    );
    for file in [
        "laporan.yaml",
        "lampiran/1-program.yaml",
        "lampiran/2-kegiatan.yaml",
    ] {
        let text = fs::read_to_string(fixture.path(&format!("ra-2023/{file}"))).unwrap();
        assert!(
            !text.contains("alasan") && !text.contains("versi_sebelumnya"),
            "{file}: {text}"
        );
    }
    let run = renaksi(&["check", "ra-2023"], fixture.tmp.path());
    assert!(!run.stderr.contains("versi_sebelumnya"), "{}", run.stderr);
}

#[test]
fn a_batch_against_a_git_revision_and_verified() {
    let (tmp, dir) = crate::batch::batch(None);
    // Sawan and Banjar are Perubahan reports; the rest are not.
    for folder in ["sawan", "banjar"] {
        let laporan = dir.join(folder).join("laporan.yaml");
        let text = fs::read_to_string(&laporan).unwrap();
        fs::write(
            &laporan,
            text.replacen("perubahan: false", "perubahan: true", 1),
        )
        .unwrap();
    }
    commit_all(&dir);
    git(&dir, &["tag", "murni"]);
    let program = dir.join("sawan/lampiran/1-program.yaml");
    let text = fs::read_to_string(&program).unwrap();
    fs::write(&program, text.replacen("target: 85.5", "target: 88", 1)).unwrap();
    let run = renaksi(
        &[
            "batch",
            "buleleng",
            "-o",
            "keluar",
            "--sebelumnya-git",
            "murni",
        ],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("keluar");
    let sawan = matriks(&out.join("sawan.pdf"));
    assert!(
        sawan
            .lines()
            .any(|l| l.contains("Target tahunan") && l.contains("85,5") && l.contains("88")),
        "{sawan}"
    );
    let banjar = spasi_tunggal(&matriks(&out.join("banjar.pdf")));
    assert!(
        banjar.contains("Tidak ada perubahan pada Lampiran"),
        "{banjar}"
    );
    // Not a Perubahan: no matrix, and no refusal.
    assert!(!pdf_layout_text(&out.join("gerokgak.pdf")).contains("MATRIKS PERUBAHAN"));
    // Every PDF of the batch is what its folder builds, the previous
    // version read from the PDF's keywords.
    let run = renaksi(&["verify", "keluar", "buleleng"], tmp.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .ends_with("4 PDF: 4 sama, 0 berbeda, 0 tidak dapat dipastikan\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn realisasi_follows_the_renames_of_a_perubahan() {
    // The example with its realisasi: murni tagged, then an indicator and
    // a program renamed (keys change), and a target changed (keys stay).
    let fixture = Fixture::example();
    commit_all(&fixture.dir);
    git(&fixture.dir, &["tag", "murni"]);
    fixture.edit("laporan.yaml", |t| {
        t.replacen(
            "perubahan: true\n",
            "perubahan: true\nversi_sebelumnya:\n  git: murni\n",
            1,
        )
    });
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen(
            "- uraian: Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik",
            "- uraian: Indeks Kepuasan Masyarakat atas Pelayanan Kecamatan",
            1,
        )
        .replacen(
            "- uraian: Program Pemberdayaan Masyarakat Desa dan Kelurahan",
            "- uraian: Program Pemberdayaan Masyarakat Desa",
            1,
        )
        .replacen("target: 85", "target: 87", 1)
    });
    let old_i = "camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik";
    let new_i = "camat/indeks-kepuasan-masyarakat-atas-pelayanan-kecamatan";
    let old_p = "camat/program-pemberdayaan-masyarakat-desa-dan-kelurahan";
    let new_p = "camat/program-pemberdayaan-masyarakat-desa";
    let tw1 = fs::read_to_string(fixture.dir.join("realisasi/tw1.yaml")).unwrap();
    assert!(tw1.contains(&format!("  {old_i}:\n")) && tw1.contains(&format!("  {old_p}:")));
    // Before: every quarter's old keys are galat, with the command to run.
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run
        .stderr
        .contains(&format!("indikator `{old_i}` tidak ada di Rencana Aksi")));
    assert!(
        run.stderr.contains("`renaksi realisasi --ikuti-perubahan`"),
        "{}",
        run.stderr
    );
    let ikuti = || {
        renaksi(
            &["realisasi", "kubutambahan-2022", "--ikuti-perubahan"],
            fixture.tmp.path(),
        )
    };
    let run = ikuti();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("realisasi/tw2.yaml: {old_i} → {new_i}")),
        "{}",
        run.stderr
    );
    // Four quarters × 2, and the IKU in renstra.yaml, kinerja-lalu.yaml
    // (two years) and lkjip.yaml's analysis.
    for file in ["renstra.yaml", "kinerja-lalu.yaml", "lkjip.yaml"] {
        assert!(
            run.stderr
                .contains(&format!("kubutambahan-2022/{file}: {old_i} → {new_i}")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .ends_with("12 kunci diganti; periksa dengan `renaksi check`\n"),
        "{}",
        run.stderr
    );
    let renstra = fs::read_to_string(fixture.dir.join("renstra.yaml")).unwrap();
    assert!(
        renstra.contains(&format!("- indikator: {new_i}\n")),
        "{renstra}"
    );
    // Only the keys changed: one line per key per file, values kept.
    let after = fs::read_to_string(fixture.dir.join("realisasi/tw1.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = tw1
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            (
                format!("  {old_i}:").as_str(),
                format!("  {new_i}:").as_str()
            ),
            (
                tw1.lines()
                    .find(|l| l.starts_with(&format!("  {old_p}:")))
                    .unwrap(),
                after
                    .lines()
                    .find(|l| l.starts_with(&format!("  {new_p}:")))
                    .unwrap(),
            ),
        ]
    );
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert!(
        !run.stderr.contains("tidak ada di Rencana Aksi")
            && !run.stderr.contains("tidak ada di Lampiran")
            && !run.stderr.contains("bukan IKU"),
        "{}",
        run.stderr
    );
    // Run again: nothing left to rename.
    let run = ikuti();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("tidak ada kunci yang diganti"),
        "{}",
        run.stderr
    );
}

#[test]
fn fmt_writes_renaksi_s_own_realisasi_comments_anew_after_a_perubahan() {
    let fixture = Fixture::example();
    // A target and a budget changed: the comments beside their keys in the
    // realisasi files (target 85, pagu Rp 150.000.000) are stale.
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("target: 85", "target: 87", 1).replacen(
            "anggaran: 150000000",
            "anggaran: 135000000",
            1,
        )
    });
    let tw1 = fixture.dir.join("realisasi/tw1.yaml");
    // A person's own comment stays wherever it is.
    let text = fs::read_to_string(&tw1).unwrap();
    let with_note = text.replacen(
        "    realisasi:",
        "    # catatan: survei ulang\n    realisasi:",
        1,
    );
    assert_ne!(with_note, text);
    fs::write(&tw1, &with_note).unwrap();
    let run = renaksi(&["fmt", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("komentar akan hilang: # catatan: survei ulang"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("(target 85 Nilai)"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("pagu Rp 150.000.000"),
        "{}",
        run.stderr
    );
    fs::write(&tw1, &text).unwrap();
    let run = renaksi(&["fmt", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(&tw1).unwrap();
    assert!(after.contains("(target 87 Nilai"), "{after}");
    assert!(after.contains("pagu Rp 135.000.000"), "{after}");
}

#[test]
fn a_previous_version_git_cannot_read_is_named_where_it_is_written() {
    let fixture = perubahan();
    let pdf = build(&fixture, &[]);
    let before = fs::read(&pdf).unwrap();
    fixture.edit("laporan.yaml", |t| {
        t.replacen("  git: murni\n", "  git: murnii\n", 1)
    });
    let (run, _) = fixture.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "laporan.yaml:8:3 (versi_sebelumnya.git): versi_sebelumnya: git: revisi `murnii` tidak dikenal"
        ),
        "{}",
        run.stderr
    );
    // The PDF built before is left as it was.
    assert_eq!(fs::read(&pdf).unwrap(), before);
}

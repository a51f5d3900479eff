//! `renaksi init`: the scaffold is flagged by check until every
//! placeholder is filled; `--from` moves last year's report on a year.

use std::fs;
use std::path::Path;

use crate::support::{pdf_text, renaksi, squash, Fixture};

/// Every `"[isi: …]"` of a scaffold file replaced by `value`.
fn fill(text: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\"[isi:") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("]\"").unwrap() + at + 2;
        out.push_str(value);
        rest = &rest[end..];
    }
    while let Some(at) = rest.find("[isi:") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(']').unwrap() + at + 1;
        out.push_str(value);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_scaffold_is_flagged_until_every_placeholder_is_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let run = renaksi(&["init", "baru", "--tahun", "2024"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Laporan baru: baru (Rencana Aksi Tahun 2024, kerangka baru)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("[ ] baru/laporan.yaml: 8 tempat isian [isi: …]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "[ ] baru/laporan.yaml:18: tanggal penandatanganan kini 2 Januari 2024 (2024-01-02)"
        ),
        "{}",
        run.stdout
    );
    let dir = tmp.path().join("baru");
    let laporan = fs::read_to_string(dir.join("laporan.yaml")).unwrap();
    assert!(laporan.contains("\ntahun: 2024\n") && laporan.contains("  tanggal: 2024-01-02\n"));
    // The editor finds the schemas the modelines name.
    assert!(laporan.starts_with("# yaml-language-server: $schema=.schema/laporan.schema.json\n"));
    for schema in ["laporan", "narasi", "lampiran"] {
        assert!(dir.join(format!(".schema/{schema}.schema.json")).is_file());
    }

    // Every placeholder is an error at its own line and column, and only
    // that: no NIP or pangkat error about a placeholder on top.
    let check = renaksi(&["check", "baru"], tmp.path());
    assert_eq!(check.code, 1);
    let galat: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("galat: "))
        .collect();
    assert_eq!(galat.len(), 34, "{}", check.stderr);
    assert!(
        galat
            .iter()
            .all(|l| l.contains("tempat isian belum diisi: [isi: ")),
        "{galat:#?}"
    );
    assert!(check.stderr.contains("galat: baru/laporan.yaml:20:10 (penandatangan.nama): tempat isian belum diisi: [isi: nama lengkap dengan gelar]"), "{}", check.stderr);
    assert!(check.stderr.contains("galat: baru/narasi.yaml:7:3 (kata_pengantar): tempat isian belum diisi: [isi: Kata Pengantar"), "{}", check.stderr);
    let build = renaksi(&["build", "baru"], tmp.path());
    assert_eq!(build.code, 1);
    assert!(!tmp.path().join("out").exists());

    // Filled in, the report checks clean and builds.
    let identitas = laporan
        .replace("\"[isi: nama kecamatan, misalnya Kubutambahan]\"", "Sawan")
        .replace("\"[isi: nama kabupaten, misalnya Buleleng]\"", "Buleleng")
        .replace("\"[isi: tempat penandatanganan]\"", "Sawan")
        .replace(
            "\"[isi: jabatan, misalnya Camat Kubutambahan]\"",
            "Camat Sawan",
        )
        .replace("\"[isi: nama lengkap dengan gelar]\"", "Ni Luh Ayu, S.STP")
        .replace("\"[isi: pangkat, misalnya Pembina Tk. I]\"", "Pembina")
        .replace("\"[isi: golongan/ruang, misalnya IV/b]\"", "IV/a")
        .replace(
            "\"[isi: NIP 18 angka tanpa spasi]\"",
            "\"197001012000032001\"",
        );
    fs::write(dir.join("laporan.yaml"), identitas).unwrap();
    for rel in [
        "narasi.yaml",
        "lampiran/1-program.yaml",
        "lampiran/2-kegiatan.yaml",
        "lampiran/3-sub-kegiatan.yaml",
        "lampiran/4-kinerja.yaml",
    ] {
        let text = fs::read_to_string(dir.join(rel)).unwrap();
        fs::write(dir.join(rel), fill(&text, "Diisi")).unwrap();
    }
    let check = renaksi(&["check", "baru"], tmp.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = renaksi(&["build", "baru"], tmp.path());
    assert_eq!(build.code, 0, "{}", build.stderr);
    let text = squash(&pdf_text(&tmp.path().join("out/baru.pdf")));
    assert!(text.contains(&squash("PEMERINTAH KECAMATAN SAWAN")));
    assert!(text.contains(&squash("TAHUN 2024")));
    assert!(!text.contains("[isi:"));
}

#[test]
fn from_last_year_moves_the_year_where_it_is_data() {
    let fixture = Fixture::example();
    fixture.edit("narasi.yaml", |t| {
        t.replace(
            "walaupun dalam penyusunannya masih jauh dari sempurna.",
            "walaupun masih jauh dari sempurna. Target tahun 2022 mengikuti Peraturan Bupati Buleleng Nomor 7 Tahun 2022 dan Perbup 2022 tentang SAKIP.",
        )
    });
    let old = fixture.dir.to_str().unwrap();
    let run = renaksi(
        &["init", "kubutambahan-2023", "--from", old],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = fixture.path("kubutambahan-2023");
    let laporan = fs::read_to_string(dir.join("laporan.yaml")).unwrap();
    assert!(
        laporan.contains("\ntahun: 2023\nperubahan: false\n"),
        "{laporan}"
    );
    assert!(laporan.contains("  tanggal: 2023-10-12\n"), "{laporan}");
    let narasi = fs::read_to_string(dir.join("narasi.yaml")).unwrap();
    assert!(
        narasi.contains("Target tahun 2023 mengikuti Peraturan Bupati Buleleng Nomor 7 Tahun 2022 dan Perbup 2022 tentang SAKIP."),
        "data moves on, a regulation's year stays"
    );
    // Last year's realisasi stays behind.
    assert!(!dir.join("realisasi").exists());
    // The Renstra is a five-year plan: carried as it is. Last year's
    // results are the year 2022 of kinerja-lalu.yaml, from its TW IV.
    assert_eq!(
        fs::read(dir.join("renstra.yaml")).unwrap(),
        fs::read(fixture.dir.join("renstra.yaml")).unwrap()
    );
    let lalu = fs::read_to_string(dir.join("kinerja-lalu.yaml")).unwrap();
    assert!(
        lalu.ends_with("      camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik:\n        target: 85\n        realisasi: 59\n      camat/persentase-penanganan-gangguan-ketentraman-dan-ketertiban-umum:\n        target: 100\n        realisasi: 96\n      camat/persentase-desa-dengan-idm-status-mau-dan-mandiri:\n        target: 100\n        realisasi: 92\n"),
        "{lalu}"
    );
    assert!(fs::read_to_string(dir.join("lkjip.yaml"))
        .unwrap()
        .contains("\ntanggal: 2024-02-20\n"));
    // Comments and everything else are as they were, byte for byte.
    let program = "lampiran/1-program.yaml";
    assert_eq!(
        fs::read(dir.join(program)).unwrap(),
        fs::read(fixture.dir.join(program)).unwrap()
    );

    let out = &run.stdout;
    for expected in [
        "Laporan baru: kubutambahan-2023 (Rencana Aksi Tahun 2023, disalin dari ",
        "  kubutambahan-2023/laporan.yaml:5: tahun 2022 → 2023\n",
        "  kubutambahan-2023/laporan.yaml:6: perubahan true → false (Rencana Aksi awal tahun baru; --perubahan untuk Rencana Aksi Perubahan)\n",
        "  kubutambahan-2023/laporan.yaml:13: tanggal penandatanganan 2022-10-12 → 2023-10-12\n",
        "  kubutambahan-2023/narasi.yaml:80: 2022 → 2023: ",
        "  kubutambahan-2023/kinerja-lalu.yaml: kinerja IKU 2022 ditambahkan dari realisasi Triwulan IV 2022\n",
        "  [ ] kubutambahan-2023/laporan.yaml:15: Camat Kubutambahan: Drs. Made Suyasa, M.Si, NIP 196502071997021001 — masih menjabat?",
        "  [ ] kubutambahan-2023/lampiran/1-program.yaml: 1 pejabat, 3 sasaran, 3 indikator: tinjau target 2023; 3 program/kegiatan, anggaran Rp 466.000.000: sesuaikan dengan DPA 2023\n",
        "  renaksi watch kubutambahan-2023 ",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }

    // The new report builds as the 2023 plan, and diff says what moved.
    let build = renaksi(&["build", "kubutambahan-2023"], fixture.tmp.path());
    assert_eq!(build.code, 0, "{}", build.stderr);
    let text = squash(&pdf_text(&fixture.path("out/kubutambahan-2023.pdf")));
    assert!(
        text.contains(&squash("TAHUN 2023"))
            && text.contains(&squash("Kubutambahan, 12 Oktober 2023"))
    );
    assert!(!text.contains(&squash("KINERJA PERUBAHAN")));
    let diff = renaksi(&["diff", old, "kubutambahan-2023"], fixture.tmp.path());
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("  ~ tahun 2022 → 2023\n"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("  ~ Penandatangan: tanggal 12 Oktober 2022 → 12 Oktober 2023\n"),
        "{}",
        diff.stdout
    );
}

#[test]
fn the_perubahan_of_the_same_year_and_a_batch() {
    let fixture = Fixture::example();
    let old = fixture.dir.to_str().unwrap();
    let run = renaksi(
        &["init", "p", "--from", old, "--tahun", "2022"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let laporan = fs::read_to_string(fixture.path("p/laporan.yaml")).unwrap();
    assert!(
        laporan.contains("\ntahun: 2022\nperubahan: true\n")
            && laporan.contains("  tanggal: 2022-10-12\n")
    );

    // A batch moves kabupaten.yaml's year and every kecamatan's date.
    let batch = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/buleleng-2022");
    let run = renaksi(
        &[
            "init",
            "buleleng-2023",
            "--from",
            batch.to_str().unwrap(),
            "--perubahan",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = fixture.path("buleleng-2023");
    let kabupaten = fs::read_to_string(new.join("kabupaten.yaml")).unwrap();
    assert!(kabupaten.contains("tahun: 2023\n"), "{kabupaten}");
    let sawan = fs::read_to_string(new.join("sawan/laporan.yaml")).unwrap();
    assert!(sawan.contains("tanggal: 2023-"), "{sawan}");
    let batch_run = renaksi(&["check", "buleleng-2023/sawan"], fixture.tmp.path());
    // Only pegawai.yaml, made from the officials (the batch had none), is
    // still to be filled in: a peringatan, the PK waits for it.
    assert!(
        batch_run.code <= 1
            && !batch_run
                .stderr
                .lines()
                .any(|l| l.contains("tempat isian") && !l.contains("sawan/pegawai.yaml")),
        "{}",
        batch_run.stderr
    );
    assert!(new.join("sawan/pegawai.yaml").is_file());
}

#[test]
fn an_existing_folder_or_a_folder_without_a_year_is_refused() {
    let fixture = Fixture::example();
    let old = fixture.dir.to_str().unwrap();
    fs::create_dir_all(fixture.path("isi")).unwrap();
    fs::write(fixture.path("isi/catatan.txt"), "milik orang lain").unwrap();
    let run = renaksi(&["init", "isi", "--from", old], fixture.tmp.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("galat: folder isi sudah berisi berkas"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(fixture.path("isi")).unwrap().count(), 1);
    assert_eq!(
        fs::read_to_string(fixture.path("isi/catatan.txt")).unwrap(),
        "milik orang lain"
    );

    // An empty folder is fine.
    fs::create_dir_all(fixture.path("kosong")).unwrap();
    assert_eq!(renaksi(&["init", "kosong"], fixture.tmp.path()).code, 0);

    fs::create_dir_all(fixture.path("bukan")).unwrap();
    fs::write(fixture.path("bukan/catatan.yaml"), "a: 1\n").unwrap();
    let run = renaksi(&["init", "x", "--from", "bukan"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bukan/laporan.yaml: tahun laporan lama tidak ditemukan"),
        "{}",
        run.stderr
    );
    assert!(!fixture.path("x").exists());
    // Nothing half-made is left beside it.
    let leftovers: Vec<_> = fs::read_dir(fixture.tmp.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".renaksi")
        })
        .collect();
    assert!(leftovers.is_empty());
}

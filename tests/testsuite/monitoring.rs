//! `renaksi build --dokumen monitoring --triwulan N`, `renaksi realisasi`
//! and what `check`, `diff` and `batch` do with realisasi files. The
//! fixture `monitoring/kecil` has one indicator in every category at TW II;
//! each figure below is worked by hand from its YAML.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{page_sizes, pdf_text, renaksi, squash, words, Fixture, Run};

fn build(fixture: &Fixture, triwulan: &str) -> (Run, std::path::PathBuf) {
    fixture.build(&["--dokumen", "monitoring", "--triwulan", triwulan])
}

fn check(fixture: &Fixture) -> Run {
    renaksi(&["check", "kecil"], fixture.tmp.path())
}

#[test]
fn the_pdf_holds_every_computed_figure_and_its_category() {
    let fixture = Fixture::new("monitoring", "kecil");
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("(3 halaman)"), "{}", run.stderr);
    // Landscape throughout.
    assert!(page_sizes(&pdf).iter().all(|(w, h)| w > h));
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "LAPORANMONITORINGDANEVALUASICAPAIANRENCANAAKSIKECAMATANCONTOHKABUPATENUJITRIWULANIITAHUN2024",
        // jumlah: 10 + 10 against 8 + 12.
        "JumlahDokumenPerencanaanDokumen402020100,00SangatTinggi",
        // akhir: the TW II target 85, the last realisasi 72: 84,71.
        "IndeksKepuasanMasyarakatNilai85857284,71Tinggi",
        // negatif: 2 + 2 against 3 + 2: 4 / 5.
        "Kasus84580,00Tinggi",
        // tetap: the mean of 60 and 70 against 100.
        "%1001006565,00Rendah",
        // kualitatif: the description, no capaian.
        "Dokumen1-Draftersusun,menunggudatadesa-kualitatif",
        "Kali84375,00Sedang",
        "Desa126233,33SangatRendah",
        // 8 against 5.
        "Kegiatan1058160,00SangatTinggi",
        // The notes of the quarter.
        "Jadwalpembinaanbentrokdenganupacaraadat",
        "Duadesadijadwalkanulangpada",
        // Budgets: pagu, this quarter, up to it, serapan.
        "ProgramPenyelenggaraanPemerintahanRp100.000.000Rp25.000.000Rp45.000.00045,00",
        "ProgramPemberdayaanMasyarakatRp50.000.000Rp2.500.000Rp7.500.00015,00",
        "JumlahtingkatRp150.000.000Rp27.500.000Rp52.500.00035,00",
        // Summary: 8 indicators, one qualitative; the mean of the seven
        // capaian, (100 + 84,71 + 80 + 65 + 75 + 33,33 + 160) / 7.
        "Jumlahindikator8",
        "Indikatorkualitatif1",
        "Rata-ratacapaianindikator(%)85,43",
        // The legend with its counts.
        "SangatTinggi≥91,002",
        "Tinggi76,00–90,992",
        "Sedang66,00–75,991",
        "Rendah51,00–65,991",
        "SangatRendah<51,001",
        // The chart: the mean per sasaran.
        "P1.MeningkatnyaKualitasPelayananPublik",
        "82,43",
        "89,44",
        // Signed on the quarter's date.
        "Contoh,5Juli2024CamatContoh",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
    // The overachieved indicator is a warning, not a refusal.
    assert!(
        run.stderr.contains(
            "160,00 % jauh di atas target (target 5, realisasi 8): target terlalu rendah?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_first_quarter_has_no_capaian_where_no_target_is_due() {
    let fixture = Fixture::new("monitoring", "kecil");
    let (run, pdf) = build(&fixture, "1");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&pdf));
    // The index has its first target in TW II: realisasi 70, no capaian.
    assert!(
        text.contains("IndeksKepuasanMasyarakatNilai85-70-belumbertarget"),
        "{text}"
    );
    // The qualitative indicator has nothing yet.
    assert!(
        text.contains("LaporanEvaluasiPelayananDokumen1---kualitatif"),
        "{text}"
    );
    assert!(text.contains("TRIWULANITAHUN2024"), "{text}");
    assert!(text.contains("Contoh,5April2024"), "{text}");
}

/// The pixel at `(x, y)` points of a P6 PPM rendered at 144 dpi.
fn pixel(ppm: &[u8], x: f64, y: f64) -> [u8; 3] {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    at += 1;
    assert_eq!(fields[0], "P6");
    let width: usize = fields[1].parse().unwrap();
    let (px, py) = ((x * 2.0) as usize, (y * 2.0) as usize);
    let i = at + (py * width + px) * 3;
    [ppm[i], ppm[i + 1], ppm[i + 2]]
}

#[test]
fn each_category_cell_has_its_colour_on_the_page() {
    let fixture = Fixture::new("monitoring", "kecil");
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let prefix = fixture.path("halaman");
    let status = Command::new("pdftoppm")
        .args(["-r", "144", "-f", "2", "-l", "2", "-singlefile"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(status.success());
    let ppm = fs::read(prefix.with_extension("ppm")).unwrap();
    let on_page_2 = |word: &str| {
        words(&pdf, word)
            .into_iter()
            .find(|w| w.page == 2)
            .unwrap_or_else(|| panic!("{word} not on page 2"))
    };
    let kolom = on_page_2("Kategori");
    let x = (kolom.x_min + kolom.x_max) / 2.0;
    // Just above each row's capaian, inside the cell's top padding.
    for (capaian, rgb) in [
        ("100,00", [0x1a, 0x96, 0x41]),
        ("84,71", [0xa6, 0xd9, 0x6a]),
        ("75,00", [0xff, 0xff, 0x8c]),
        ("65,00", [0xfd, 0xae, 0x61]),
        ("33,33", [0xe8, 0x50, 0x4a]),
    ] {
        let row = on_page_2(capaian);
        let seen = pixel(&ppm, x, row.y_min - 1.0);
        let close = seen.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 8);
        assert!(close, "{capaian}: {seen:?}, expected {rgb:?}");
    }
    // No colour where there is no capaian.
    let row = on_page_2("Draf");
    assert_eq!(pixel(&ppm, x, row.y_min - 1.0), [255, 255, 255]);
}

#[test]
fn the_same_yaml_gives_the_same_bytes() {
    let fixture = Fixture::new("monitoring", "kecil");
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = fs::read(&pdf).unwrap();
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(first == fs::read(&pdf).unwrap(), "two builds differ");
}

/// `check` of the fixture after `edit` of a realisasi file: its output.
fn refused(file: &str, edit: impl FnOnce(String) -> String) -> Run {
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.edit(file, edit);
    let run = check(&fixture);
    // And nothing is built while it stands.
    let (built, pdf) = build(&fixture, "2");
    if run.code == 1 {
        assert_eq!(built.code, 1, "{}", built.stderr);
        assert!(!pdf.exists());
    }
    run
}

#[test]
fn a_renamed_indicator_is_placed_with_its_new_key() {
    let run = refused("lampiran/1-program.yaml", |t| {
        t.replace(
            "uraian: Jumlah Desa Dibina",
            "uraian: Jumlah Desa yang Dibina",
        )
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "galat: kecil/realisasi/tw1.yaml:13:3 (indikator.camat/jumlah-desa-dibina): indikator `camat/jumlah-desa-dibina` tidak ada di Rencana Aksi"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("saran: maksud Anda: `camat/jumlah-desa-yang-dibina`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_quarter_reported_before_it_ended_is_refused() {
    let run = refused("realisasi/tw2.yaml", |t| {
        t.replace("tanggal: 2024-07-05", "tanggal: 2024-06-14")
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "galat: kecil/realisasi/tw2.yaml:4:5 (indikator.camat/jumlah-dokumen-perencanaan.realisasi): realisasi Triwulan II diisi, padahal triwulan itu belum berakhir pada tanggal laporan 14 Juni 2024"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn spending_above_the_pagu_is_refused() {
    let run = refused("realisasi/tw2.yaml", |t| {
        t.replace(
            "camat/program-penyelenggaraan-pemerintahan: 25000000",
            "camat/program-penyelenggaraan-pemerintahan: 85000000",
        )
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "galat: kecil/realisasi/tw2.yaml:23:3 (anggaran.camat/program-penyelenggaraan-pemerintahan): realisasi anggaran s.d. Triwulan II Rp\u{a0}105.000.000 melebihi pagu Rp\u{a0}100.000.000"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn negative_figures_and_text_for_a_number_are_refused() {
    let run = refused("realisasi/tw2.yaml", |t| {
        t.replace("    realisasi: 12\n", "    realisasi: -1\n")
            .replace("    realisasi: 2\n", "    realisasi: dua kali\n")
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "galat: kecil/realisasi/tw2.yaml:4:5 (indikator.camat/jumlah-dokumen-perencanaan.realisasi): realisasi negatif: -1",
        "galat: kecil/realisasi/tw2.yaml:8:5 (indikator.camat/jumlah-pengaduan-masyarakat.realisasi): realisasi `dua kali` bukan angka",
        "galat: kecil/realisasi/tw2.yaml:14:5 (indikator.camat/jumlah-rapat-koordinasi.realisasi): realisasi `dua kali` bukan angka",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // A negative amount of money is refused as the file is read.
    let run = refused("realisasi/tw1.yaml", |t| {
        t.replace(": 5000000", ": -5000000")
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("kecil/realisasi/tw1.yaml:19:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_due_quarter_left_empty_is_a_warning() {
    let run = refused("realisasi/tw2.yaml", |t| {
        t.replace("  camat/jumlah-rapat-koordinasi:\n    realisasi: 2\n", "")
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "peringatan: kecil/realisasi/tw2.yaml:2:1 (indikator): realisasi Triwulan II belum diisi: Jumlah Rapat Koordinasi"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_not_a_quarter_is_refused() {
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.write("realisasi/triwulan3.yaml", "tanggal: 2024-10-05\n");
    let run = check(&fixture);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("galat: kecil/realisasi/triwulan3.yaml: nama berkas realisasi tidak dikenal"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_quarter_without_its_file_is_named() {
    let fixture = Fixture::new("monitoring", "kecil");
    let (run, pdf) = build(&fixture, "3");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kecil/realisasi/tw3.yaml tidak ada: belum ada realisasi Triwulan III"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("renaksi realisasi --triwulan 3"));
    assert!(!pdf.exists());
    let run = renaksi(
        &["build", "kecil", "--dokumen", "monitoring"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("--dokumen monitoring memerlukan --triwulan"));
}

#[test]
fn the_form_of_a_quarter_lists_every_key_and_is_never_written_over() {
    let fixture = Fixture::new("monitoring", "kecil");
    let run = renaksi(
        &["realisasi", "kecil", "--triwulan", "3"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("(8 indikator, 2 program/kegiatan)"));
    let form = fs::read_to_string(fixture.dir.join("realisasi/tw3.yaml")).unwrap();
    assert!(form.contains(
        "  camat/jumlah-desa-dibina:\n    # Jumlah Desa Dibina (target 12 Desa; TW III 3)\n    realisasi:\n    kendala:\n"
    ));
    assert!(form.contains(
        "  # CAMAT — Program Pemberdayaan Masyarakat, pagu Rp 50.000.000\n  camat/program-pemberdayaan-masyarakat:\n"
    ));
    assert!(form.contains("tanggal: 2024-09-30\n"));
    // Empty, it parses; its due quarter is still to be filled.
    let run = check(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("realisasi Triwulan III belum diisi: Jumlah Desa Dibina"));
    // A second time: refused, the file kept.
    fs::write(
        fixture.dir.join("realisasi/tw3.yaml"),
        "tanggal: 2024-10-04\n",
    )
    .unwrap();
    let run = renaksi(
        &["realisasi", "kecil", "--triwulan", "3"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("sudah ada; tidak ditimpa"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join("realisasi/tw3.yaml")).unwrap(),
        "tanggal: 2024-10-04\n"
    );
}

#[test]
fn diff_speaks_of_realisasi_and_the_capaian_it_gives() {
    let fixture = Fixture::new("monitoring", "kecil");
    let baru = fixture.path("baru");
    crate::support::copy_dir(&fixture.dir, &baru);
    let tw2 = baru.join("realisasi/tw2.yaml");
    let text = fs::read_to_string(&tw2).unwrap();
    fs::write(
        &tw2,
        text.replace(
            "  camat/jumlah-rapat-koordinasi:\n    realisasi: 2\n",
            "  camat/jumlah-rapat-koordinasi:\n    realisasi: 3\n",
        )
        .replace(
            "camat/program-pemberdayaan-masyarakat: 2500000",
            "camat/program-pemberdayaan-masyarakat: 5000000",
        ),
    )
    .unwrap();
    let run = renaksi(&["diff", "kecil", "baru"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "kecil → baru\n\n\
         realisasi/tw2.yaml\n  \
         ~ CAMAT › Jumlah Rapat Koordinasi: realisasi TW II 2 → 3\n  \
         ~ CAMAT › Jumlah Rapat Koordinasi: capaian s.d. TW II 75,00 % → 100,00 %\n  \
         ~ CAMAT › Program Pemberdayaan Masyarakat: realisasi anggaran TW II Rp\u{a0}2.500.000 → Rp\u{a0}5.000.000\n  \
         ~ CAMAT › Program Pemberdayaan Masyarakat: serapan s.d. TW II 15,00 % → 20,00 %\n\n\
         4 perubahan\n"
    );
}

#[test]
fn a_kabupaten_scale_and_cap_apply_to_every_kecamatan_of_a_batch() {
    let fixture = Fixture::new("monitoring", "kecil");
    let batch = fixture.path("buleleng");
    for name in ["sawan", "tejakula"] {
        crate::support::copy_dir(&fixture.dir, &batch.join(name));
    }
    fs::write(
        batch.join("kabupaten.yaml"),
        "monitoring:\n  batas_capaian: 100\n  skala:\n    - {dari: 85, kategori: Baik, warna: \"#2b83ba\"}\n    - {dari: 60, kategori: Cukup, warna: \"#ffffbf\"}\n    - {dari: 0, kategori: Kurang, warna: \"#d7191c\"}\n",
    )
    .unwrap();
    let run = renaksi(
        &[
            "batch",
            "buleleng",
            "-o",
            "keluar",
            "--dokumen",
            "monitoring",
            "--triwulan",
            "2",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture.path("keluar/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["dokumen"], "monitoring-tw2");
    for name in ["sawan", "tejakula"] {
        let pdf = fixture.path(&format!("keluar/{name}-monitoring-tw2.pdf"));
        let text = squash(&pdf_text(&pdf));
        // 160 % printed as the cap; 84,71 is Cukup below the band of 85.
        assert!(text.contains("Kegiatan1058100,00Baik"), "{text}");
        assert!(text.contains("85857284,71Cukup"), "{text}");
        assert!(text.contains("Desa126233,33Kurang"), "{text}");
        assert!(text.contains("Baik≥85,00"), "{text}");
        assert!(text.contains("Cukup60,00–84,99"), "{text}");
    }
}

#[test]
fn the_fourth_quarter_is_the_evaluation_of_the_year() {
    let fixture = Fixture::new("monitoring", "kecil");
    for (n, date) in [(3, "2024-10-04"), (4, "2025-01-10")] {
        fixture.write(
            &format!("realisasi/tw{n}.yaml"),
            &format!(
                "tanggal: {date}\nindikator:\n  camat/jumlah-dokumen-perencanaan:\n    realisasi: 10\n"
            ),
        );
    }
    let (run, pdf) = build(&fixture, "4");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains(
            "LAPORANEVALUASICAPAIANRENCANAAKSIKECAMATANCONTOHKABUPATENUJITAHUN2024(S.D.TRIWULANIV)"
        ),
        "{text}"
    );
    // 8 + 12 + 10 + 10 against 40.
    assert!(
        text.contains("JumlahDokumenPerencanaanDokumen404040100,00"),
        "{text}"
    );
    assert!(text.contains("Contoh,10Januari2025"), "{text}");
}

#[test]
fn the_bundled_example_reports_its_third_quarter() {
    let tmp = tempfile::tempdir().unwrap();
    let run = renaksi(
        &[
            "build",
            "--dokumen",
            "monitoring",
            "--triwulan",
            "3",
            "-o",
            "m.pdf",
        ],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&tmp.path().join("m.pdf")));
    // The negative indicator: 3 + 3 + 3 allowed, 2 + 4 + 5 happened.
    assert!(
        text.contains(
            "JumlahKejadianGangguanKetentramanyangDilaporkanDesaKejadian1291181,82Tinggi"
        ),
        "{text}"
    );
    // The under-absorbed budget: Rp 1.500.000 of Rp 12.000.000.
    assert!(
        text.contains("Rp12.000.000Rp1.000.000Rp1.500.00012,50"),
        "{text}"
    );
    assert!(text.contains("kualitatif"), "{text}");
    assert!(Path::new(&tmp.path().join("m.pdf")).exists());
}

#[test]
fn the_signature_block_in_each_mode() {
    // Electronic: the QR code, the BSrE sentence and the box in the sidecar.
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.edit("laporan.yaml", |t| {
        t + "tanda_tangan:\n  mode: tte\n  qr: https://tte.example.go.id/verifikasi/123\n"
    });
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains("Ditandatanganisecaraelektronikoleh:CamatContoh"),
        "{text}"
    );
    assert!(
        text.contains("BalaiSertifikasiElektronik(BSrE),BSSN"),
        "{text}"
    );
    let sidecar: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(pdf.with_extension("tte.json")).unwrap()).unwrap();
    assert_eq!(sidecar["kotak"][0]["blok"], "monitoring");
    assert_eq!(sidecar["kotak"][0]["penanda_tangan"], "I Made Uji, S.STP");
    // Wet ink (the default) prints the name and NIP; `tanpa` no block.
    let fixture = Fixture::new("monitoring", "kecil");
    let (_, pdf) = build(&fixture, "2");
    assert!(squash(&pdf_text(&pdf)).contains("IMadeUji,S.STPPenataTk.I(III/d)NIP.19800101200501"));
    fixture.edit("laporan.yaml", |t| t + "tanda_tangan:\n  mode: tanpa\n");
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&pdf));
    assert!(!text.contains("NIP."), "{text}");
    assert!(text.contains("JumlahtingkatRp150.000.000"), "{text}");
}

#[test]
fn fmt_writes_realisasi_in_the_form_renaksi_realisasi_writes() {
    let fixture = Fixture::new("monitoring", "kecil");
    let run = renaksi(&["fmt", "kecil", "--check"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("belum rapi: kecil/realisasi/tw2.yaml"),
        "{}",
        run.stderr
    );
    let before = fs::read_to_string(fixture.dir.join("realisasi/tw2.yaml")).unwrap();
    let run = renaksi(&["fmt", "kecil"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(fixture.dir.join("realisasi/tw2.yaml")).unwrap();
    assert!(after.contains("  camat/jumlah-desa-dibina:\n    # Jumlah Desa Dibina (target 12 Desa; TW II 3)\n    realisasi: 1\n    kendala: Jadwal pembinaan bentrok dengan upacara adat\n"), "{after}");
    // The same realisasi as before, in report terms.
    let old = fixture.path("lama");
    fs::create_dir_all(&old).unwrap();
    crate::support::copy_dir(&fixture.dir, &old);
    fs::write(old.join("realisasi/tw2.yaml"), before).unwrap();
    let run = renaksi(&["diff", "lama", "kecil"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = renaksi(&["fmt", "kecil", "--check"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn hostile_realisasi_is_text_or_a_located_refusal() {
    // Typst markup and template syntax in a note are printed as written.
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.edit("realisasi/tw2.yaml", |t| {
        t.replace(
            "    kendala: Jadwal pembinaan bentrok dengan upacara adat\n",
            "    kendala: \"#panic(\\\"x\\\") ] {{ tahun }} $x$ <a> @b\"\n",
        )
    });
    let (run, pdf) = build(&fixture, "2");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        squash(&pdf_text(&pdf)).contains("#panic(\"x\")]{{tahun}}$x$<a>@b"),
        "{}",
        pdf_text(&pdf)
    );
    // A scale whose bound is not a number.
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.edit("laporan.yaml", |t| {
        t + "monitoring:\n  skala:\n    - {dari: .nan, kategori: Baik, warna: \"#2b83ba\"}\n"
    });
    let run = check(&fixture);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "kecil/laporan.yaml:15:5 (monitoring.skala[0].dari): batas bawah pita bukan angka"
        ),
        "{}",
        run.stderr
    );
    // A realisasi that is a list.
    let fixture = Fixture::new("monitoring", "kecil");
    fixture.edit("realisasi/tw1.yaml", |t| {
        t.replace("    realisasi: 8\n", "    realisasi: [8]\n")
    });
    let run = check(&fixture);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("kecil/realisasi/tw1.yaml:4:"),
        "{}",
        run.stderr
    );
}

/// Two indicator texts of one sasaran that differ only in punctuation
/// have one key: only their place could tell their realisasi apart, and
/// reordering would move them. With realisasi files that is a galat at the
/// sasaran, asking for a distinguishing word.
#[test]
fn the_same_indicator_twice_under_one_sasaran_is_a_galat() {
    let run = refused("lampiran/1-program.yaml", |t| {
        t.replacen(
            "          - uraian: Indeks Kepuasan Masyarakat\n",
            "          - uraian: Jumlah Dokumen-Perencanaan\n",
            1,
        )
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "galat: kecil/lampiran/1-program.yaml:7:7 (pejabat[0].sasaran[0]): indikator `Jumlah Dokumen-Perencanaan` tertulis dua kali untuk CAMAT di sasaran yang sama: realisasinya tidak dapat dibedakan\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("saran: bedakan uraiannya dengan satu kata"),
        "{}",
        run.stderr
    );
}

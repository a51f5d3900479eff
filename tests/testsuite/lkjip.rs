//! The Laporan Kinerja (LKjIP): built from the example's Renstra, TW IV
//! realisasi and earlier years, every figure worked out by hand here from
//! the YAML (docs/lkjip.md gives the rules); its findings at their lines;
//! an earlier year read from its own report folder; signed and verified.

use std::fs;
use std::path::Path;

use crate::pki::{assert_valid, sign_args, Pki};
use crate::support::{commit_all, copy_dir, fonts, pdf_layout_text, renaksi, squash, Fixture, Run};

fn build(fixture: &Fixture, args: &[&str]) -> Run {
    renaksi(
        &[&["build", "kubutambahan-2022", "--dokumen", "lkjip"], args].concat(),
        fixture.tmp.path(),
    )
}

/// The layout text's rows, each with its runs of spaces made one.
fn rows(pdf: &Path) -> Vec<String> {
    pdf_layout_text(pdf)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn has_row(rows: &[String], want: &str) -> bool {
    rows.iter().any(|r| r.contains(want))
}

#[test]
fn the_example_s_lkjip_has_every_chapter_table_and_figure() {
    let fixture = Fixture::example();
    let run = build(&fixture, &["-o", "lkjip.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = fixture.tmp.path().join("lkjip.pdf");
    let text = pdf_layout_text(&pdf);
    for heading in [
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GRAFIK",
        "PENDAHULUAN",
        "PERENCANAAN KINERJA",
        "AKUNTABILITAS KINERJA",
        "PENUTUP",
        "3.2 Realisasi Anggaran",
        "4.2 Rekomendasi",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    // Every numbered table and chart is where the lists say: its title
    // twice, in the list and above it.
    for n in [
        "Tabel 2.1",
        "Tabel 2.2",
        "Tabel 3.1",
        "Tabel 3.2",
        "Tabel 3.3",
        "Tabel 3.4",
        "Tabel 3.5",
        "Tabel 3.6",
        "Tabel 3.7",
        "Tabel 3.8",
        "Grafik 3.1",
        "Grafik 3.2",
    ] {
        assert_eq!(text.matches(n).count(), 2, "{n}");
    }
    assert!(!text.contains("Tabel 3.9"), "{text}");
    let r = rows(&pdf);
    // Tabel 3.1, worked from the YAML. Indeks Kepuasan Masyarakat: target
    // 85; realisasi June 38 (tw2.yaml) + December 21 (tw4.yaml) = 59
    // (penjumlahan jumlah); 59 / 85 × 100 = 69,41 %, Sedang (66–75).
    // Penanganan gangguan: 22 + 22 + 52 = 96 of 100: 96,00 %; desa IDM:
    // 20 + 21 + 51 = 92 of 100: 92,00 %, both Sangat Tinggi. Mean (69,41 + 96 + 92) / 3 =
    // 85,80, Tinggi.
    assert!(
        has_row(
            &r,
            "1 Indeks Kepuasan Masyarakat Terhadap Nilai 85 59 69,41 Sedang"
        ),
        "{r:#?}"
    );
    assert!(
        has_row(&r, "2 Persentase Penanganan Gangguan % 100 96 96,00 Sangat"),
        "{r:#?}"
    );
    assert!(
        has_row(
            &r,
            "3 Persentase Desa dengan IDM status mau % 100 92 92,00 Sangat"
        ),
        "{r:#?}"
    );
    assert!(has_row(&r, "Rata-rata capaian 85,80 Tinggi"), "{r:#?}");
    // Tabel 3.2: 2020 typed with its target (79,2 of 80: 99,00 %); 2021
    // typed without one, so the Renstra's 82 (81,6 / 82 = 99,51 %, +0,51
    // points, 99,51 / 99,00 = 100,52 %); 2022: −30,10 points, 69,41 /
    // 99,51 = 69,75 %.
    assert!(has_row(&r, "2020 2020: 80 / 79,2 99,00 -"), "{r:#?}");
    assert!(
        has_row(&r, "2021 2021: 82 / 81,6 99,51 +0,51 poin (100,52"),
        "{r:#?}"
    );
    assert!(
        has_row(&r, "2022 2022: 85 / 59 69,41 −30,10 poin (69,75"),
        "{r:#?}"
    );
    // Tabel 3.3: 59 against the final target 90 (the target of 2026):
    // 65,56 %. Tabel 3.4: 59 against the standard 76,61: 77,01 %.
    assert!(has_row(&r, "Nilai 59 90 65,56"), "{r:#?}");
    assert!(has_row(&r, "Nilai 59 76,61 77,01"), "{r:#?}");
    // Tabel 3.6: the sasaran's program, pagu 103.000.000, spent 25.970.000
    // + 23.522.000 + 23.771.000 + 25.276.000 = 98.539.000: 95,67 %;
    // 69,41 − 95,67 = −26,26 points, below −5: Kurang Efisien.
    assert!(
        has_row(&r, "69,41 103.000.000 98.539.000 95,67 −26,26"),
        "{r:#?}"
    );
    assert!(text.contains("Kurang") && text.contains("Efisien"));
    // Tabel 3.8: pagu 466.000.000, spent 445.827.000 in the year: 95,67 %.
    assert!(
        has_row(
            &r,
            "Jumlah 466.000.000 102.551.000 109.828.000 98.152.000 135.296.000 445.827.000 95,67"
        ),
        "{r:#?}"
    );
    // The Ikhtisar's variables, filled from the same figures.
    let flat = squash(&text);
    for said in [
        "mengukur3indikatorkinerjautama",
        "Dari3IKUtersebut,0IKUmencapaiataumelampauitargetnyadan3IKUbelummencapaitarget:2indikatorSangatTinggi,1indikatorSedang",
        "sebesar85,80%denganpredikatTinggi",
        "anggaranRp466.000.000,yangterealisasiRp445.827.000atau95,67%",
    ] {
        assert!(flat.contains(said), "{said}\n{flat}");
    }
    // Kendala of the year, by quarter, from the realisasi files.
    assert!(flat.contains("TWIVResponden"), "{flat}");
    // The Lampiran: the head of office's agreement, both parties named.
    assert!(text.contains("PERJANJIAN KINERJA TAHUN 2022"));
    assert!(text.contains("Bupati Buleleng"), "{text}");
    // Embedded fonts only.
    for line in fonts(&pdf) {
        assert!(line.contains(" yes "), "{line}");
    }
}

#[test]
fn the_negative_formula_and_the_thresholds_are_the_kabupaten_s_choice() {
    let fixture = Fixture::example();
    // The IKM as a negative indicator: 85 / 59 × 100 = 144,07 % (bagi);
    // (2 × 85 − 59) / 85 × 100 = 130,59 % (selisih); capped at 100.
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen(
            "            satuan: Nilai\n            target: 85\n",
            "            satuan: Nilai\n            target: 85\n            polaritas: negatif\n",
            1,
        )
    });
    let run = build(&fixture, &["-o", "a.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(has_row(
        &rows(&fixture.tmp.path().join("a.pdf")),
        "Nilai 85 59 144,07"
    ));
    fixture.edit("laporan.yaml", |t| {
        format!("{t}monitoring:\n  rumus_negatif: selisih\n  batas_efisiensi: 50\n")
    });
    let run = build(&fixture, &["-o", "b.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = rows(&fixture.tmp.path().join("b.pdf"));
    assert!(has_row(&r, "Nilai 85 59 130,59"), "{r:#?}");
    // 130,59 − 95,67 = 34,92 points: within 50, Cukup Efisien.
    assert!(has_row(&r, "+34,92"), "{r:#?}");
    let text = pdf_layout_text(&fixture.tmp.path().join("b.pdf"));
    assert!(
        text.contains("(2 × target − realisasi) ÷ target × 100"),
        "{text}"
    );
    fixture.edit("laporan.yaml", |t| {
        t.replace("monitoring:\n", "monitoring:\n  batas_capaian: 100\n")
    });
    let run = build(&fixture, &["-o", "c.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = rows(&fixture.tmp.path().join("c.pdf"));
    // Capped: 100, and the mean (100 + 96 + 92) / 3 = 96,00.
    assert!(has_row(&r, "Nilai 85 59 100,00"), "{r:#?}");
    assert!(has_row(&r, "Rata-rata capaian 96,00"), "{r:#?}");
}

#[test]
fn check_finds_what_cannot_be_right_in_the_lkjip_files() {
    let fixture = Fixture::example();
    fixture
        .edit("renstra.yaml", |t| {
            t.replacen(
                "indikator: camat/persentase-desa-dengan-idm-status-mau-dan-mandiri",
                "indikator: camat/persentase-desa-idm-mau-dan-mandiri",
                1,
            )
            .replacen("              2022: 85\n", "              2022: 80\n", 1)
        })
        .edit("kinerja-lalu.yaml", |t| {
            t.replacen("  2020:\n", "  2023:\n", 1)
        })
        .edit("lkjip.yaml", |t| {
            t.replacen(
                "Tahun {{ tahun }} untuk mempertanggungjawabkan",
                "Tahun 2021 untuk mempertanggungjawabkan",
                1,
            )
            .replacen(
                "dengan predikat **{{ capaian.predikat }}**",
                "dengan predikat **{{ capaian.predikta }}**",
                1,
            )
        });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    // A key that names no indicator stops the files from loading: the
    // other findings wait for it, and the keys of the other files are not
    // held against a Renstra that is wrong itself.
    assert!(
        e.contains("galat: kubutambahan-2022/renstra.yaml:40:13 (tujuan[1].sasaran[0].iku[0].indikator): indikator `camat/persentase-desa-idm-mau-dan-mandiri` tidak ada di Lampiran"),
        "{e}"
    );
    assert!(!e.contains("bukan IKU"), "{e}");
    assert!(
        e.contains(
            "saran: maksud Anda: `camat/persentase-desa-dengan-idm-status-mau-dan-mandiri`?"
        ),
        "{e}"
    );
    fixture.edit("renstra.yaml", |t| {
        t.replacen(
            "camat/persentase-desa-idm-mau-dan-mandiri",
            "camat/persentase-desa-dengan-idm-status-mau-dan-mandiri",
            1,
        )
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    for want in [
        "peringatan: kubutambahan-2022/renstra.yaml:18:15 (tujuan[0].sasaran[0].iku[0].target.2022): target Renstra 2022 (80) berbeda dengan target tahunan Rencana Aksi (85)",
        "galat: kubutambahan-2022/kinerja-lalu.yaml:8:3 (tahun.2023): tahun 2023 bukan tahun sebelum tahun laporan 2022",
        "peringatan: kubutambahan-2022/kinerja-lalu.yaml:19:3 (tahun.2021): tahun 2021 ditulis sesudah 2023",
        "peringatan: kubutambahan-2022/lkjip.yaml:27:61 (pendahuluan[0].isi): tahun 2021 berbeda dengan tahun laporan 2022",
        "galat: kubutambahan-2022/lkjip.yaml:",
        "variabel `capaian.predikta` tidak dikenal",
        "saran: maksud Anda: {{ capaian.predikat }}?",
    ] {
        assert!(e.contains(want), "{want}\n{e}");
    }
    // The LKjIP is held back by them; the Rencana Aksi is not.
    let run = build(&fixture, &["-o", "x.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!fixture.tmp.path().join("x.pdf").exists());
    let run = renaksi(
        &["build", "kubutambahan-2022", "-o", "ra.pdf"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_renstra_that_has_ended_and_a_missing_tw4_realisasi_are_galat() {
    let fixture = Fixture::example();
    fixture
        .edit("renstra.yaml", |t| {
            t.replacen("akhir: 2026", "akhir: 2021", 1)
        })
        .edit("realisasi/tw4.yaml", |t| {
            t.replacen("      desember: 21\n", "      desember:\n", 1)
        });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    for want in [
        "galat: kubutambahan-2022/renstra.yaml:9:1 (akhir): Renstra 2021–2021 sudah berakhir sebelum tahun laporan 2022",
        "(tujuan[0].sasaran[0].iku[0].target.2022): target 2022 di luar periode Renstra 2021–2021",
        "galat: kubutambahan-2022/realisasi/tw4.yaml:12:3 (indikator.camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik): IKU `camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik` belum punya realisasi Triwulan IV 2022",
    ] {
        assert!(e.contains(want), "{want}\n{e}");
    }
    // The LKjIP is held back; the monitoring report of TW IV is not.
    let run = build(&fixture, &["-o", "x.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = renaksi(
        &[
            "build",
            "kubutambahan-2022",
            "--dokumen",
            "monitoring",
            "--triwulan",
            "4",
            "-o",
            "tw4.pdf",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_earlier_year_is_read_from_its_own_folder_and_counts_in_the_proof() {
    let fixture = Fixture::example();
    let tmp = fixture.tmp.path();
    // Last year's folder beside this one: the same plan, in 2021.
    let lalu = tmp.join("kubutambahan-2021");
    copy_dir(&fixture.dir, &lalu);
    let edit = |rel: &str, from: &str, to: &str| {
        let path = lalu.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("laporan.yaml", "tahun: 2022", "tahun: 2021");
    edit(
        "realisasi/tw4.yaml",
        "      desember: 21\n",
        "      desember: 40\n",
    );
    fixture.edit("kinerja-lalu.yaml", |t| {
        let at = t.find("  2021:\n").unwrap();
        format!("{}  2021:\n    folder: ../kubutambahan-2021\n", &t[..at])
    });
    let run = build(&fixture, &["--final", "-o", "lkjip.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = tmp.join("lkjip.pdf");
    // 2021's IKM from that folder: 38 + 40 = 78 against its Lampiran's 85:
    // 91,76 %.
    let r = rows(&pdf);
    assert!(has_row(&r, "2021 2021: 85 / 78 91,76"), "{r:#?}");
    let run = renaksi(&["verify", "lkjip.pdf", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Last year's figure changed after the fact: not the same document.
    edit(
        "realisasi/tw4.yaml",
        "      desember: 40\n",
        "      desember: 41\n",
    );
    let run = renaksi(&["verify", "lkjip.pdf", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // A folder that is not that year's is named at its line.
    fixture.edit("kinerja-lalu.yaml", |t| t.replace("  2021:\n", "  2019:\n"));
    let run = build(&fixture, &["-o", "x.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "(tahun.2019): tahun 2019: ../kubutambahan-2021 adalah laporan tahun 2021, bukan 2019"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_signed_final_lkjip_verifies() {
    let pki = Pki::new();
    let p12 = pki.rsa();
    let fixture = Fixture::example();
    commit_all(fixture.tmp.path());
    let sandi = pki.path("sandi");
    let run = build(
        &fixture,
        &[sign_args(&p12, &sandi), vec!["-o", "lkjip.pdf", "--pdf-a"]].concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = fixture.tmp.path().join("lkjip.pdf");
    assert_valid(&pdf, &pki);
    // Signed on the LKjIP's own date from lkjip.yaml.
    assert!(
        crate::pki::pdfsig(&pdf).contains("Signing Time: Feb 20 2023"),
        "{}",
        crate::pki::pdfsig(&pdf)
    );
    let run = renaksi(
        &["verify", "lkjip.pdf", "kubutambahan-2022"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("(lkjip, final, renaksi "),
        "{}",
        run.stdout
    );
}

#[test]
fn the_renstra_and_earlier_years_go_through_the_workbook() {
    let fixture = Fixture::example();
    let tmp = fixture.tmp.path();
    let run = renaksi(&["export", "kubutambahan-2022", "-o", "buku.xlsx"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Read back as written: nothing changes.
    let run = renaksi(
        &[
            "import",
            "buku.xlsx",
            "kubutambahan-2022",
            "--lampiran",
            "--coba",
        ],
        tmp,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("tidak ada perubahan"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    // A target of 2023 and a realisasi of 2021 changed in the sheets, the
    // realisasi typed as a person types it in Indonesian.
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import openpyxl, sys\n\
             wb = openpyxl.load_workbook(sys.argv[1])\n\
             r = wb['Renstra']\n\
             assert [c.value for c in r[1]][:8] == ['tujuan', 'sasaran', 'indikator', 'uraian', 'satuan', '2021', '2022', '2023']\n\
             r['H2'] = 87\n\
             k = wb['Kinerja Lalu']\n\
             assert k['A5'].value == 2021 and k['B5'].value.startswith('camat/indeks-kepuasan')\n\
             k['F5'] = '81,9'\n\
             wb.save(sys.argv[2])\n",
            tmp.join("buku.xlsx").to_str().unwrap(),
            tmp.join("buku2.xlsx").to_str().unwrap(),
        ])
        .output()
        .expect("python3 with openpyxl is needed for the spreadsheet tests");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = renaksi(
        &[
            "import",
            "buku2.xlsx",
            "kubutambahan-2022",
            "--lampiran",
            "--coba",
        ],
        tmp,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.ends_with("\n2 perubahan\n"), "{}", run.stdout);
    for said in [
        "~ Renstra › IKU camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik: target 2023 86 → 87",
        "~ Kinerja 2021 › IKU camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik: realisasi 81,6 → 81,9",
    ] {
        assert!(run.stdout.contains(said), "{said}\n{}", run.stdout);
    }
    let run = renaksi(
        &["import", "buku2.xlsx", "kubutambahan-2022", "--lampiran"],
        tmp,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Only those two lines changed; the files' comments stay.
    for (rel, from, to) in [
        (
            "renstra.yaml",
            "              2023: 86\n",
            "              2023: 87\n",
        ),
        (
            "kinerja-lalu.yaml",
            "        realisasi: 81.6\n",
            "        realisasi: 81.9\n",
        ),
    ] {
        let before = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("content/kubutambahan-2022")
                .join(rel),
        )
        .unwrap();
        let after = fs::read_to_string(fixture.dir.join(rel)).unwrap();
        assert_eq!(after, before.replacen(from, to, 1), "{rel}");
    }
}

#[test]
fn the_forms_are_made_from_the_lampiran_and_build_once_filled() {
    let fixture = Fixture::example();
    for f in ["renstra.yaml", "lkjip.yaml", "kinerja-lalu.yaml"] {
        fs::remove_file(fixture.dir.join(f)).unwrap();
    }
    let tmp = fixture.tmp.path();
    let run = renaksi(&["lkjip", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "ditulis: kubutambahan-2022/renstra.yaml\nditulis: kubutambahan-2022/lkjip.yaml\n"
        ),
        "{}",
        run.stderr
    );
    // Never over a file that exists.
    let run = renaksi(&["lkjip", "kubutambahan-2022"], tmp);
    assert!(
        run.stderr
            .contains("dibiarkan: kubutambahan-2022/renstra.yaml sudah ada"),
        "{}",
        run.stderr
    );
    // The head of office's three indicators are the IKU, this year's
    // target the Lampiran's; the placeholders hold the LKjIP back, not
    // `check` (peringatan there).
    let renstra = fs::read_to_string(fixture.dir.join("renstra.yaml")).unwrap();
    assert_eq!(
        renstra.matches("- indikator: camat/").count(),
        3,
        "{renstra}"
    );
    assert!(
        renstra.contains("            target:\n              2022: 85\n"),
        "{renstra}"
    );
    let run = renaksi(&["check", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("peringatan: kubutambahan-2022/renstra.yaml:8:14 (tujuan[0].uraian): tempat isian belum diisi: [isi: tujuan Renstra]"), "{}", run.stderr);
    let run = build(&fixture, &["-o", "x.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "galat: kubutambahan-2022/lkjip.yaml:32:3 (rekomendasi): tempat isian belum diisi"
        ),
        "{}",
        run.stderr
    );
    // Filled in: it builds, with this year only in the comparisons.
    for f in ["renstra.yaml", "lkjip.yaml"] {
        let path = fixture.dir.join(f);
        let text = fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("[isi: ") {
            let end = at + rest[at..].find(']').unwrap() + 1;
            out.push_str(&rest[..at]);
            out.push_str("Diisi kantor");
            rest = &rest[end..];
        }
        out.push_str(rest);
        fs::write(&path, out).unwrap();
    }
    let run = build(&fixture, &["-o", "lkjip.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = rows(&tmp.join("lkjip.pdf"));
    assert!(has_row(&r, "2022 2022: 85 / 59 69,41 -"), "{r:#?}");
    assert!(!r.iter().any(|l| l.contains("2021: ")), "{r:#?}");
}

/// A published table, computed again from YAML. Source: Laporan Kinerja
/// Sekretariat Daerah Provinsi Sumatera Utara Tahun 2021, page 41, "Tabel
/// 19 Realisasi Keuangan Sasaran Strategis-3" (published on fliphtml5,
/// xgkox/cyxe, page 49): four sub kegiatan of the Program Pemerintahan dan
/// Otonomi Daerah with their budget, spending and absorption. Written here
/// as the programs of one sasaran, the year's spending in TW IV.
///
/// Published, and what renaksi computes:
///
/// | sub kegiatan | anggaran | realisasi | published | renaksi |
/// |---|---|---|---|---|
/// | Fasilitasi Pelaksanaan Pemerintahan Umum | 749.930.215 | 702.188.300 | 93.6 | 93,63 |
/// | Fasilitasi Kerjasama antar Pemerintah | 216.194.000 | 188.957.200 | 87.4 | 87,40 |
/// | Fasilitasi Kerjasama Badan Usaha/Swasta | 378.896.500 | 351.953.546 | 92.9 | 92,89 |
/// | Evaluasi Pelaksanaan Kerja Sama | 398.379.650 | 307.055.630 | 80.5 | 77,08 |
/// | program | 1.743.400.365 | 1.550.154.676 | 88.6 | 88,92 |
///
/// The published 80.5 does not follow from its own row: 307.055.630 /
/// 398.379.650 = 77,08 %. The program's 88.6 is the plain mean of the
/// four rounded percentages ((93.6 + 87.4 + 92.9 + 80.5) / 4), not its
/// absorption: 1.550.154.676 / 1.743.400.365 = 88,92 %. renaksi computes
/// every figure from the amounts and prints the latter.
#[test]
fn a_published_budget_table_is_computed_again_and_its_slips_are_not_copied() {
    let fixture = Fixture::example();
    let rows_yaml = [
        (
            "Fasilitasi Pelaksanaan Pemerintahan Umum",
            749_930_215u64,
            702_188_300u64,
        ),
        (
            "Fasilitasi Kerjasama antar Pemerintah",
            216_194_000,
            188_957_200,
        ),
        (
            "Fasilitasi Kerjasama Badan Usaha/Swasta",
            378_896_500,
            351_953_546,
        ),
        ("Evaluasi Pelaksanaan Kerja Sama", 398_379_650, 307_055_630),
    ];
    fixture.edit("lampiran/1-program.yaml", |t| {
        let programs: String = rows_yaml
            .iter()
            .map(|(u, pagu, _)| format!("          - uraian: {u}\n            anggaran: {pagu}\n"))
            .collect();
        t.replacen(
            "          - uraian: Program Penyelenggaraan Pemerintahan dan Pelayanan Publik\n            anggaran: 103000000\n",
            &programs,
            1,
        )
    });
    let old = "  camat/program-penyelenggaraan-pemerintahan-dan-pelayanan-publik: ";
    for tw in ["tw1", "tw2", "tw3"] {
        fixture.edit(&format!("realisasi/{tw}.yaml"), |t| {
            let at = t.find(old).unwrap();
            let end = at + t[at..].find('\n').unwrap() + 1;
            format!("{}{}", &t[..at], &t[end..])
        });
    }
    fixture.edit("realisasi/tw4.yaml", |t| {
        let at = t.find(old).unwrap();
        let end = at + t[at..].find('\n').unwrap() + 1;
        let lines: String = [
            "fasilitasi-pelaksanaan-pemerintahan-umum",
            "fasilitasi-kerjasama-antar-pemerintah",
            "fasilitasi-kerjasama-badan-usaha-swasta",
            "evaluasi-pelaksanaan-kerja-sama",
        ]
        .iter()
        .zip(&rows_yaml)
        .map(|(k, (_, _, r))| format!("  camat/{k}: {r}\n"))
        .collect();
        format!("{}{}{}", &t[..at], lines, &t[end..])
    });
    let run = build(&fixture, &["-o", "lkjip.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = rows(&fixture.tmp.path().join("lkjip.pdf"));
    // Tabel 3.8, every figure to two decimals.
    for want in [
        "749.930.215 - - - 702.188.300 702.188.300 93,63",
        "216.194.000 - - - 188.957.200 188.957.200 87,40",
        "378.896.500 - - - 351.953.546 351.953.546 92,89",
        "398.379.650 - - - 307.055.630 307.055.630 77,08",
    ] {
        assert!(has_row(&r, want), "{want}\n{r:#?}");
    }
    // The sasaran's programs together, in Tabel 3.6: 1.550.154.676 of
    // 1.743.400.365 = 88,92 %; the published 88.6 is not printed.
    assert!(has_row(&r, "1.743.400.365 1.550.154.676 88,92"), "{r:#?}");
    assert!(
        !r.iter().any(|l| l.contains("88,60") || l.contains("80,50")),
        "{r:#?}"
    );
}

/// kinerja-lalu.yaml names a folder: only a sibling of the report folder
/// is read, whatever the file says, with git or without.
#[test]
fn an_earlier_year_s_folder_is_a_sibling_and_nothing_else() {
    let fixture = Fixture::example();
    for folder in [
        "/etc",
        "../../..",
        "..",
        "../a/../../b",
        "lampiran",
        "../kubutambahan-2022/../..",
    ] {
        for git in ["", "    git: HEAD\n"] {
            fixture.write(
                "kinerja-lalu.yaml",
                &format!("tahun:\n  2021:\n    folder: \"{folder}\"\n{git}"),
            );
            let run = build(&fixture, &["-o", "x.pdf"]);
            assert_eq!(run.code, 1, "{folder}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!("(tahun.2021): tahun 2021: folder {folder} bukan folder di samping folder laporan ini")),
                "{folder}: {}",
                run.stderr
            );
        }
    }
}

/// fmt writes the LKjIP's files in the canonical style, their comments on
/// their keys, and leaves the example's as they are; diff speaks of them
/// in the report's terms.
#[test]
fn fmt_and_diff_know_the_lkjip_files() {
    let fixture = Fixture::example();
    let tmp = fixture.tmp.path();
    let run = renaksi(&["fmt", "kubutambahan-2022", "--check"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    commit_all(tmp);
    fixture
        .edit("renstra.yaml", |t| {
            t.replacen("mulai: 2021\n", "mulai:    2021   # awal periode\n", 1)
                .replacen("              2023: 86\n", "              2023:   87\n", 1)
        })
        .edit("kinerja-lalu.yaml", |t| {
            t.replacen("        realisasi: 81.6\n", "        realisasi: 81.90\n", 1)
        });
    let run = renaksi(&["fmt", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("dirapikan: kubutambahan-2022/renstra.yaml"),
        "{}",
        run.stderr
    );
    let renstra = fs::read_to_string(fixture.dir.join("renstra.yaml")).unwrap();
    assert!(
        renstra.contains("\nmulai: 2021  # awal periode\n"),
        "{renstra}"
    );
    assert!(renstra.contains("\n              2023: 87\n"), "{renstra}");
    let lalu = fs::read_to_string(fixture.dir.join("kinerja-lalu.yaml")).unwrap();
    assert!(lalu.contains("\n        realisasi: 81.9\n"), "{lalu}");
    let run = renaksi(&["diff", "--git", "HEAD", "kubutambahan-2022"], tmp);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "renstra.yaml\n  ~ Renstra › IKU camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik: target 2023 86 → 87\n",
        "kinerja-lalu.yaml\n  ~ Kinerja 2021 › IKU camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik: realisasi 81,6 → 81,9\n",
    ] {
        assert!(run.stdout.contains(said), "{said}\n{}", run.stdout);
    }
    assert!(run.stdout.ends_with("\n2 perubahan\n"), "{}", run.stdout);
}

/// A text pasted whole into a title of the Renstra is refused at its line
/// before Typst sees it, quickly.
#[test]
fn a_runaway_text_in_the_lkjip_files_is_refused_at_its_line() {
    let fixture = Fixture::example();
    fixture.edit("renstra.yaml", |t| {
        t.replacen(
            "  - uraian: Meningkatnya kualitas penyelenggaraan",
            &format!(
                "  - uraian: {} Meningkatnya kualitas penyelenggaraan",
                "x".repeat(100_000)
            ),
            1,
        )
    });
    let run = crate::support::renaksi_within(
        &[
            "build",
            "kubutambahan-2022",
            "--dokumen",
            "lkjip",
            "-o",
            "x.pdf",
        ],
        fixture.tmp.path(),
        30,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("galat: kubutambahan-2022/renstra.yaml:11:13 (tujuan[0].uraian): `uraian` terlalu panjang: 100.085 karakter (paling banyak 2.000)"),
        "{}",
        run.stderr
    );
}

/// A list nested deeper than a document prints is found by `check` as
/// `build` refuses it, at its line of lkjip.yaml; the PDF is not written.
#[test]
fn a_list_nested_too_deep_in_lkjip_yaml_is_found_by_check_at_its_line() {
    let fixture = Fixture::example();
    let deep: String = (0..13)
        .map(|i| format!("  {}- a\n", "  ".repeat(i)))
        .collect();
    fixture.edit("lkjip.yaml", |t| {
        t.replacen("rekomendasi: |\n", &format!("rekomendasi: |\n{deep}"), 1)
    });
    let line = fs::read_to_string(fixture.dir.join("lkjip.yaml"))
        .unwrap()
        .lines()
        .position(|l| l == format!("  {}- a", "  ".repeat(11)))
        .unwrap()
        + 1;
    let want = format!(
        "galat: kubutambahan-2022/lkjip.yaml:{line}:25 (rekomendasi): daftar atau penekanan bersarang 13 tingkat"
    );
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
    let run = build(&fixture, &["-o", "x.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
    assert!(!fixture.tmp.path().join("x.pdf").exists());
}

/// Signed electronically through BSrE: a QR code and an anchor in both
/// signature blocks (Kata Pengantar and Penutup), each box in the sidecar;
/// without a signature, no block at all.
#[test]
fn the_lkjip_is_signed_every_way_a_report_is() {
    let fixture = Fixture::example();
    fixture.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tte\n  qr: https://contoh.go.id/v/1\n")
    });
    let run = build(&fixture, &["-o", "tte.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sidecar = fs::read_to_string(fixture.tmp.path().join("tte.tte.json")).unwrap();
    assert!(
        sidecar.contains("\"blok\": \"kata-pengantar\""),
        "{sidecar}"
    );
    assert!(sidecar.contains("\"blok\": \"bab\""), "{sidecar}");
    fixture.edit("laporan.yaml", |t| {
        t.replace(
            "  mode: tte\n  qr: https://contoh.go.id/v/1\n",
            "  mode: tanpa\n",
        )
    });
    let run = build(&fixture, &["-o", "tanpa.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The signature block's place and date are gone (the agreement's copy
    // in the Lampiran still names its parties).
    let text = squash(&pdf_layout_text(&fixture.tmp.path().join("tanpa.pdf")));
    assert!(
        !text.contains(&squash("Kubutambahan, 20 Pebruari 2023")),
        "{text}"
    );
    let signed = squash(&pdf_layout_text(&fixture.tmp.path().join("tte.pdf")));
    assert!(signed.contains(&squash("Kubutambahan, 20 Pebruari 2023")));
}

/// The Typst source of the example's LKjIP: what a change to its view or
/// template changes, reviewed as a snapshot.
#[test]
fn the_lkjip_s_typst_source() {
    let fixture = Fixture::example();
    let run = build(&fixture, &["-o", "lkjip.pdf", "--emit-typst", "lkjip.typ"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let source = fs::read_to_string(fixture.tmp.path().join("lkjip.typ")).unwrap();
    insta::assert_snapshot!("lkjip_typst", source);
}

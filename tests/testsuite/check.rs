//! `renaksi check`: each lint proven on a small report, exit codes.

use crate::support::{renaksi, Fixture, Run};

fn check(fixture: &Fixture, extra: &[&str]) -> (Run, String) {
    let mut args = vec!["check", fixture.dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = renaksi(&args, fixture.tmp.path());
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    (run, out)
}

#[test]
fn clean_report_exits_zero() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replace(
            "target: 85.5\n",
            "target: 85.5\n            penjumlahan: akhir\n",
        )
        .replace("desember: 45.5", "desember: 85.5")
    });
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace("target: 1800", "target: 300")
    });
    let (run, out) = check(&fixture, &["--deny-warnings"]);
    assert_eq!(run.code, 0, "{out}");
    assert!(out.ends_with("DIR: 0 galat, 0 peringatan\n"), "{out}");
}

#[test]
fn monthly_plan_that_does_not_add_up_names_both_numbers() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace(
            "              januari: 150\n              februari: 150\n",
            "",
        )
        .replace(
            "            bulan:\n",
            &format!("            bulan:\n{}", months_of(166)),
        )
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 0, "warnings alone exit 0: {out}");
    assert!(
        out.contains(
            "peringatan: DIR/lampiran/4-kinerja.yaml:7:13 (pejabat[0].sasaran[0].indikator[0]): \
             rencana per bulan berjumlah 1.992, tidak sama dengan target tahunan 1.800\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("saran: samakan angkanya, atau tulis `penjumlahan: akhir`"),
        "{out}"
    );
    let (run, _) = check(&fixture, &["--deny-warnings"]);
    assert_eq!(run.code, 1);
}

fn months_of(value: u32) -> String {
    [
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ]
    .iter()
    .map(|m| format!("              {m}: {value}\n"))
    .collect()
}

#[test]
fn akhir_and_tetap_ways_of_adding_up() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replace(
            "target: 85.5\n",
            "target: 85.5\n            penjumlahan: akhir\n",
        )
        .replace(
            "target: 100\n",
            "target: 25\n            penjumlahan: tetap\n",
        )
        .replace(
            "              desember: 25\n",
            "              desember: 20\n",
        )
    });
    let (_, out) = check(&fixture, &[]);
    assert!(out.contains("(pejabat[0].sasaran[0].indikator[0]): target bulan terakhir 45,5, tidak sama dengan target tahunan 85,5\n"), "{out}");
    assert!(out.contains("(pejabat[0].sasaran[0].indikator[1]): target per bulan 20 berbeda dengan target tahunan 25 (penjumlahan: tetap)\n"), "{out}");
}

#[test]
fn stale_year_in_the_narrative_but_not_a_regulation() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("narasi.yaml", |t| {
        t.replace(
            "Paragraf pertama tentang Kabupaten {{ kabupaten }}.",
            "Rencana Tahun 2023 menurut Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan.",
        )
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 0);
    assert!(
        out.contains("peringatan: DIR/narasi.yaml:8:19 (bab[0].bagian[0].isi): tahun 2023 berbeda dengan tahun laporan 2024\n"),
        "{out}"
    );
    assert!(
        out.contains("saran: tulis {{ tahun }} agar selalu sama dengan laporan.yaml"),
        "{out}"
    );
    assert!(
        !out.contains("tahun 1999 berbeda"),
        "a regulation year is left alone: {out}"
    );
}

#[test]
fn nip_and_pangkat_that_cannot_be_right_are_errors() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| {
        t.replace("198001012005011002", "198002302005011002")
            .replace("pangkat: Penata Tk. I", "pangkat: Pembina Tk. I")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.contains("galat: DIR/laporan.yaml:12:9 (penandatangan.nip): NIP `198002302005011002`: tanggal lahir 19800230 tidak ada\n"),
        "{out}"
    );
    assert!(
        out.contains("galat: DIR/laporan.yaml:10:3 (penandatangan.pangkat): pangkat `Pembina Tk. I` tidak sesuai dengan golongan `III/d`\n"),
        "{out}"
    );
    assert!(out.contains("saran: golongan III/d berpangkat Penata Tingkat I; pangkat Pembina Tk. I bergolongan IV/b"), "{out}");
    assert!(out.ends_with("DIR: 2 galat, 1 peringatan\n"), "{out}");
}

#[test]
fn month_spelled_two_ways() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| t + "ejaan_bulan: lama\n");
    fixture.edit("narasi.yaml", |t| {
        t.replace(
            "dengan istilah *miring*.",
            "dengan istilah *miring* sejak Februari.",
        )
    });
    let (_, out) = check(&fixture, &[]);
    assert!(
        out.contains("peringatan: DIR/narasi.yaml:2:")
            && out.contains(
                "(kata_pengantar): bulan ditulis dua cara: Februari di sini, Pebruari di tabel\n"
            ),
        "{out}"
    );
}

#[test]
fn every_structure_error_of_every_file_at_once() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| {
        t.replace("tahun: 2024", "tahun: duaribu")
            .replace("kabupaten: Uji", "kabupatn: Uji")
    });
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replace("satuan: Nilai", "satuan: [Nilai]")
            .replace("target: 100", "target: seratus")
            .replace("september: 25", "septmber: 25")
            .replace("anggaran: 150000000", "anggaran: 150.000.000")
    });
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace("            satuan: Dokumen\n", "")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("galat: ")).collect();
    assert_eq!(
        heads,
        [
            "galat: DIR/laporan.yaml:2:1: kunci `kabupatn` tidak dikenal",
            "galat: DIR/laporan.yaml:3:8 (tahun): jenis nilai salah: tertulis teks \"duaribu\"",
            "galat: DIR/lampiran/1-program.yaml:8:21 (pejabat[0].sasaran[0].indikator[0].satuan): jenis nilai salah: tertulis daftar",
            "galat: DIR/lampiran/1-program.yaml:15:21 (pejabat[0].sasaran[0].indikator[1].target): jenis nilai salah: tertulis teks \"seratus\"",
            "galat: DIR/lampiran/1-program.yaml:19:15 (pejabat[0].sasaran[0].indikator[1].bulan): kunci `septmber` tidak dikenal",
            "galat: DIR/lampiran/1-program.yaml:25:23 (pejabat[0].sasaran[0].program_kegiatan[1].anggaran): jenis nilai salah: tertulis teks \"150.000.000\"",
            "galat: DIR/lampiran/4-kinerja.yaml:7:13 (pejabat[0].sasaran[0].indikator[0]): kunci wajib `satuan` belum ada",
        ],
        "{out}"
    );
    assert!(
        out.contains("saran: tulis tanpa titik pemisah ribuan: 150000000"),
        "{out}"
    );
    assert!(out.ends_with("DIR: 7 galat, 0 peringatan\n"), "{out}");
}

#[test]
fn empty_fields_are_all_reported() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| {
        t.replace("kabupaten: Uji", "kabupaten: \"\"")
    });
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replace("uraian: Indeks Kepuasan Masyarakat", "uraian: \" \"")
    });
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace("jabatan: BENDAHARA", "jabatan:")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    for expected in [
        "galat: DIR/laporan.yaml:2:1 (kabupaten): `kabupaten` kosong",
        "galat: DIR/lampiran/1-program.yaml:7:13 (pejabat[0].sasaran[0].indikator[0].uraian): `uraian` kosong",
        "galat: DIR/lampiran/4-kinerja.yaml:3:5 (pejabat[0].jabatan): `jabatan` kosong",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
}

#[test]
fn build_refuses_a_report_with_errors_and_keeps_the_old_pdf() {
    let fixture = Fixture::new("build", "minimal");
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = std::fs::read(&pdf).unwrap();
    fixture.edit("laporan.yaml", |t| {
        t.replace("golongan: III/d", "golongan: V/a")
    });
    let (run, _) = fixture.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = run.stderr.replace(fixture.dir.to_str().unwrap(), "DIR");
    assert!(
        out.starts_with(
            "galat: DIR/laporan.yaml:11:3 (penandatangan.golongan): golongan `V/a` tidak dikenal\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("galat: laporan memuat 1 galat data; PDF tidak disusun\n"),
        "{out}"
    );
    assert!(before == std::fs::read(&pdf).unwrap());
}

#[test]
fn duplicate_indicator_and_official() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replace(
            "Persentase Pengaduan yang Ditangani",
            "Indeks Kepuasan Masyarakat",
        )
    });
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        let pejabat = t.split_once("pejabat:\n").unwrap().1.to_string();
        t + &pejabat
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    assert!(
        out.contains("galat: DIR/lampiran/1-program.yaml:13:13 (pejabat[0].sasaran[0].indikator[1]): indikator `Indeks Kepuasan Masyarakat` tercantum dua kali di sasaran ini\n"),
        "{out}"
    );
    assert!(
        out.contains("galat: DIR/lampiran/4-kinerja.yaml:14:5 (pejabat[1].jabatan): pejabat `BENDAHARA` tercantum dua kali di tabel ini\n"),
        "{out}"
    );
}

#[test]
fn json_format_for_editors_and_ci() {
    let fixture = Fixture::new("build", "minimal");
    let (out, _) = check(&fixture, &["--format", "json"]);
    assert_eq!(out.code, 0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["galat"], 0);
    assert_eq!(json["peringatan"], 1);
    let temuan = &json["temuan"][0];
    assert_eq!(temuan["tingkat"], "peringatan");
    assert_eq!(temuan["baris"], 7);
    assert_eq!(temuan["kolom"], 13);
    assert_eq!(temuan["jalur"], "pejabat[0].sasaran[0].indikator[0]");
    assert!(temuan["berkas"]
        .as_str()
        .unwrap()
        .ends_with("minimal/lampiran/4-kinerja.yaml"));

    // A structure error is a finding too, with exit 1.
    fixture.edit("laporan.yaml", |t| {
        t.replace("kabupaten: Uji", "kabupatn: Uji")
    });
    let (out, _) = check(&fixture, &["--format", "json"]);
    assert_eq!(out.code, 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["temuan"][0]["pesan"], "kunci `kabupatn` tidak dikenal");
    assert_eq!(json["temuan"][0]["baris"], 2);
}

#[test]
fn every_broken_narrative_variable_at_once() {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("narasi.yaml", |t| {
        t.replace("{{ kecamatan }} tahun", "{{ kecamatn }} tahun")
            .replace("{{ kabupaten }}.", "{{ kabupaten.")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("galat: ")).collect();
    assert_eq!(
        heads,
        [
            "galat: DIR/narasi.yaml:2:39 (kata_pengantar): variabel `kecamatn` tidak dikenal",
            "galat: DIR/narasi.yaml:8:46 (bab[0].bagian[0].isi): `{{` tidak ditutup dengan `}}`",
        ],
        "{out}"
    );
}

#[test]
fn a_value_starting_with_a_yaml_indicator_asks_for_quotes() {
    // `%` is the most common unit of all; YAML reads it, `@`, a backquote,
    // `*`, `&`, `!`, `|` and `>` as its own when a value starts with them.
    for (value, column) in [
        ("%", 21),
        ("@orang", 21),
        ("*orang", 21),
        ("`x`", 21),
        ("&orang", 21),
        ("!orang", 21),
        ("| x", 23),
        ("> x", 23),
    ] {
        let fixture = Fixture::new("build", "minimal");
        fixture.edit("lampiran/4-kinerja.yaml", |t| {
            t.replace("satuan: Dokumen", &format!("satuan: {value}"))
        });
        let (run, out) = check(&fixture, &[]);
        assert_eq!(run.code, 1, "{out}");
        let first = value.chars().next().unwrap();
        let expected = format!(
            "galat: DIR/lampiran/4-kinerja.yaml:8:{column}: nilai yang diawali `{first}` harus diapit tanda kutip\n 8 |             satuan: {value}\n"
        );
        assert!(out.starts_with(&expected), "{value}\n{out}");
        assert!(
            out.contains(&format!("  saran: tulis `satuan: \"{value}\"`\n")),
            "{value}\n{out}"
        );
    }
    // A block of text is still one.
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        t.replace("satuan: Dokumen", "satuan: |\n              Dokumen")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 0, "{out}");
}

/// The first problem `check` prints, its line of source and its hint, for
/// the minimal report with `from` replaced by `to` in the program table.
fn first_problem(from: &str, to: &str) -> String {
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("lampiran/1-program.yaml", |t| t.replacen(from, to, 1));
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let hint = lines
        .iter()
        .position(|l| l.starts_with("  saran: "))
        .unwrap();
    lines[..=hint].join("\n")
}

#[test]
fn indentation_mistakes_are_named_on_the_line_mistyped() {
    // One space short: YAML ends the indicator there and the parser would
    // report a missing `satuan` on the line above.
    assert_eq!(
        first_problem("            satuan: Nilai", "           satuan: Nilai"),
        "galat: DIR/lampiran/1-program.yaml:8:12: `satuan` tidak sejajar: menjorok 11 spasi, sedangkan `uraian` (baris 7) 12 spasi\n 8 |            satuan: Nilai\n   |            ^\n  saran: geser `satuan` menjadi 12 spasi, sejajar dengan `uraian` di baris 7"
    );
    // Two spaces too many: read as more words of the indicator's name.
    assert_eq!(
        first_problem("            satuan: Nilai", "              satuan: Nilai"),
        "galat: DIR/lampiran/1-program.yaml:8:15: `satuan` menjorok lebih dalam daripada `uraian` di baris 7, jadi terbaca sebagai lanjutan teks `uraian`\n 8 |               satuan: Nilai\n   |               ^\n  saran: sejajarkan `satuan` dengan `uraian`: 12 spasi dari tepi kiri"
    );
    // A month between two columns.
    assert_eq!(
        first_problem("              desember: 45.5", "             desember: 45.5"),
        "galat: DIR/lampiran/1-program.yaml:12:14: `desember` tidak sejajar: menjorok 13 spasi, sedangkan `juni` (baris 11) 14 spasi\n 12 |              desember: 45.5\n    |              ^\n  saran: geser `desember` menjadi 14 spasi, sejajar dengan `juni` di baris 11"
    );
}

#[test]
fn a_key_at_the_wrong_depth_is_told_where_it_belongs() {
    // A month at the depth of `bulan:` itself.
    assert_eq!(
        first_problem("              juni: 40", "            juni: 40"),
        "galat: DIR/lampiran/1-program.yaml:11:13 (pejabat[0].sasaran[0].indikator[0]): `juni` harus berada di bawah `bulan:`\n 11 |             juni: 40\n    |             ^\n  saran: letakkan `juni` di bawah `bulan:`, lebih menjorok ke kanan, sejajar dengan bulan lainnya"
    );
    // `anggaran` at the depth of the sasaran.
    assert_eq!(
        first_problem("            anggaran: 2040000000", "        anggaran: 2040000000"),
        "galat: DIR/lampiran/1-program.yaml:23:9 (pejabat[0].sasaran[0]): `anggaran` harus berada di dalam butir `program_kegiatan`\n 23 |         anggaran: 2040000000\n    |         ^\n  saran: letakkan `anggaran` tepat di bawah `uraian` programnya, sejajar dengannya"
    );
    // A quarter's target where the table is quarterly.
    assert_eq!(
        first_problem("            bulan:\n              juni: 40", "            triwulan:\n            tw2: 40"),
        "galat: DIR/lampiran/1-program.yaml:11:13 (pejabat[0].sasaran[0].indikator[0]): `tw2` harus berada di bawah `triwulan:`\n 11 |             tw2: 40\n    |             ^\n  saran: letakkan `tw2` di bawah `triwulan:`, lebih menjorok ke kanan, sejajar dengan triwulan lainnya"
    );
}

#[test]
fn money_written_as_money_gets_the_number_as_hint() {
    for written in [
        "Rp 2.040.000.000",
        "2.040.000.000,-",
        "Rp. 2.040.000.000,00",
        "Rp2040000000",
    ] {
        assert_eq!(
            first_problem("anggaran: 2040000000", &format!("anggaran: {written}")),
            format!("galat: DIR/lampiran/1-program.yaml:23:23 (pejabat[0].sasaran[0].program_kegiatan[0].anggaran): jenis nilai salah: tertulis teks \"{written}\"\n 23 |             anggaran: {written}\n    |                       ^\n  saran: tulis bilangannya saja, tanpa `Rp` dan tanda baca: 2040000000"),
            "{written}"
        );
    }
    assert_eq!(
        first_problem("anggaran: 2040000000", "anggaran: 2.040.000.000"),
        "galat: DIR/lampiran/1-program.yaml:23:23 (pejabat[0].sasaran[0].program_kegiatan[0].anggaran): jenis nilai salah: tertulis teks \"2.040.000.000\"\n 23 |             anggaran: 2.040.000.000\n    |                       ^\n  saran: tulis tanpa titik pemisah ribuan: 2040000000"
    );
}

#[test]
fn a_nip_without_quotes_reads_as_written() {
    // docs/format.md: quotes are recommended, not required.
    let fixture = Fixture::new("build", "minimal");
    fixture.edit("laporan.yaml", |t| {
        t.replace("nip: \"198001012005011002\"", "nip: 198001012005011002")
    });
    let (run, out) = check(&fixture, &[]);
    assert_eq!(run.code, 0, "{out}");
    assert!(out.ends_with("DIR: 0 galat, 1 peringatan\n"), "{out}");
    let (run, pdf) = fixture.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(crate::support::pdf_text(&pdf).contains("NIP. 19800101 200501 1 002"));
}

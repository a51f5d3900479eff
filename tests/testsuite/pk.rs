//! `renaksi build --dokumen pk`: one Perjanjian Kinerja per official listed
//! in pegawai.yaml, with both parties and exactly that official's rows of
//! the Lampiran; and the refusals of pegawai.yaml's checks.

use std::fs;
use std::path::Path;

use serde_yaml::Value;

use crate::support::{page_sizes, pdf_text, renaksi, squash, Fixture, Run};

/// The officials of the example in the order of pegawai.yaml, by file name.
const BERKAS: [&str; 14] = [
    "kubutambahan-2022-pk-01-camat-kubutambahan.pdf",
    "kubutambahan-2022-pk-02-sekretaris-kecamatan.pdf",
    "kubutambahan-2022-pk-03-kasi-pemerintahan.pdf",
    "kubutambahan-2022-pk-04-kasi-pembangunan.pdf",
    "kubutambahan-2022-pk-05-kasi-sosial-budaya.pdf",
    "kubutambahan-2022-pk-06-kepala-seksi-pelayanan-terpadu.pdf",
    "kubutambahan-2022-pk-07-kasubbag-perencanaan.pdf",
    "kubutambahan-2022-pk-08-kasubbag-umum-keuangan.pdf",
    "kubutambahan-2022-pk-09-bendahara.pdf",
    "kubutambahan-2022-pk-10-pengelola-gaji.pdf",
    "kubutambahan-2022-pk-11-pengelola-monitoring-dan-evaluasi.pdf",
    "kubutambahan-2022-pk-12-pengadministrasi-pendidikan-dan-kebudayaan.pdf",
    "kubutambahan-2022-pk-13-pengadministrasi-pertanahan.pdf",
    "kubutambahan-2022-pk-14-pranata-perlindungan-masyarakat.pdf",
];

/// What the Lampiran files hold for the official `jabatan`: indicator
/// texts with their targets (`85 Nilai`), and programs with their budgets,
/// read from the YAML by this test, not by renaksi.
fn rows_of(dir: &Path, jabatan: &str) -> (Vec<String>, Vec<(String, u64)>) {
    let mut indikator = Vec::new();
    let mut program = Vec::new();
    let mut files: Vec<_> = fs::read_dir(dir.join("lampiran"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let table: Value = serde_yaml::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        for pejabat in table["pejabat"].as_sequence().unwrap() {
            if !pejabat["jabatan"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case(jabatan)
            {
                continue;
            }
            for sasaran in pejabat["sasaran"].as_sequence().unwrap() {
                for ind in sasaran["indikator"].as_sequence().unwrap() {
                    let target = match &ind["target"] {
                        Value::Number(n) => n.to_string(),
                        other => panic!("{other:?}"),
                    };
                    indikator.push(format!(
                        "{} {target} {}",
                        ind["uraian"].as_str().unwrap(),
                        ind["satuan"].as_str().unwrap()
                    ));
                }
                for g in sasaran["program_kegiatan"]
                    .as_sequence()
                    .into_iter()
                    .flatten()
                {
                    program.push((
                        g["uraian"].as_str().unwrap().to_owned(),
                        g["anggaran"].as_u64().unwrap_or(0),
                    ));
                }
            }
        }
    }
    (indikator, program)
}

/// `renaksi build kubutambahan-2022 --dokumen pk` and `extra`, in the
/// fixture's folder.
fn build_pk(fixture: &Fixture, extra: &[&str]) -> Run {
    let mut args = vec!["build", "kubutambahan-2022", "--dokumen", "pk"];
    args.extend_from_slice(extra);
    renaksi(&args, fixture.tmp.path())
}

fn rupiah(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp{out}")
}

#[test]
fn every_official_gets_an_agreement_with_their_own_rows() {
    let fixture = Fixture::example();
    let out = fixture.path("pk");
    let run = build_pk(&fixture, &["-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, BERKAS);
    assert!(
        run.stderr.contains(&format!(
            "PDF ditulis: {} (2 halaman) — Kasi Pemerintahan dengan Camat Kubutambahan",
            out.join(BERKAS[2]).display()
        )),
        "{}",
        run.stderr
    );

    // The Kasi Pemerintahan's agreement: both parties, the statement, both
    // signature blocks, A4 portrait.
    let pdf = out.join(BERKAS[2]);
    assert_eq!(page_sizes(&pdf), [(595.276, 841.89); 2]);
    let text = pdf_text(&pdf);
    let flat = squash(&text);
    for expected in [
        "PERJANJIANKINERJATAHUN2022PERUBAHAN",
        "Dalamrangkamewujudkanmanajemenpemerintahanyangefektif,transparandanakuntabelsertaberorientasipadahasil,kamiyangbertandatangandibawahini:",
        "Nama:KetutAriawan,S.IPJabatan:KasiPemerintahanselanjutnyadisebutpihakpertama",
        "Nama:Drs.MadeSuyasa,M.SiJabatan:CamatKubutambahanselakuatasanpihakpertama,selanjutnyadisebutpihakkedua",
        "Kubutambahan,12Oktober2022",
        "PihakKedua,CamatKubutambahan",
        "PihakPertama,KasiPemerintahan",
        "NIP.197811202005011007",
        "Penata Tk. I (III/d)",
    ] {
        assert!(flat.contains(&squash(expected)), "{expected} not in:\n{text}");
    }
    assert_eq!(text.matches("Pihak Kedua,").count(), 2, "{text}");

    // The attachment is the official's Lampiran rows, read from the YAML
    // here, with their total; no other official's program is in it.
    let (indikator, program) = rows_of(&fixture.dir, "Kasi Pemerintahan");
    assert!(!indikator.is_empty() && !program.is_empty());
    for row in &indikator {
        assert!(flat.contains(&squash(row)), "{row} not in:\n{text}");
    }
    let mut total = 0;
    for (uraian, anggaran) in &program {
        assert!(
            flat.contains(&squash(&format!("{uraian} {}", rupiah(*anggaran)))),
            "{uraian} not in:\n{text}"
        );
        total += anggaran;
    }
    assert!(
        flat.contains(&format!("Jumlah{}", rupiah(total))),
        "{total} not in:\n{text}"
    );
    let (_, others) = rows_of(&fixture.dir, "Kasi Pembangunan");
    for (uraian, _) in others {
        assert!(
            !flat.contains(&squash(&uraian)),
            "{uraian} of another official in:\n{text}"
        );
    }

    // The Bupati, a political office, signs without rank or NIP.
    let camat = pdf_text(&out.join(BERKAS[0]));
    assert!(
        squash(&camat).contains("PihakKedua,BupatiBulelengDr.IGedeWirawan,S.H.,M.H."),
        "{camat}"
    );
}

#[test]
fn all_agreements_in_one_pdf() {
    let fixture = Fixture::example();
    let out = fixture.path("semua");
    let run = build_pk(&fixture, &["--gabung", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = out.join("kubutambahan-2022-pk.pdf");
    assert!(
        run.stderr.contains("(14 Perjanjian Kinerja, 28 halaman)"),
        "{}",
        run.stderr
    );
    assert_eq!(page_sizes(&pdf).len(), 28);
    let text = pdf_text(&pdf);
    assert_eq!(
        text.matches("selanjutnya disebut pihak pertama").count(),
        14
    );

    // Many PDFs do not fit one file name.
    let run = build_pk(&fixture, &["-o", "satu.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("galat: 14 Perjanjian Kinerja tidak dapat ditulis ke satu berkas satu.pdf\n  saran: sebut folder dengan -o, atau tambahkan --gabung untuk satu PDF"), "{}", run.stderr);
}

#[test]
fn pegawai_yaml_is_checked_where_it_is_written() {
    let fixture = Fixture::example();
    fixture.edit("pegawai.yaml", |t| {
        t.replace(
            "    atasan: Camat Kubutambahan\n  - jabatan: Kasi Pembangunan",
            "    atasan: Camat Kubutambahn\n  - jabatan: Kasi Pembangunan",
        )
        .replace("nip: \"198002142006041012\"", "nip: \"198002142006041\"")
        .replace(
            "    atasan: Kasi Sosial Budaya\n",
            "    atasan: Pengadministrasi Pendidikan dan Kebudayaan\n",
        )
        .replace(
            "  - jabatan: Pengelola Gaji\n",
            "  - jabatan: Pengelola Gaji\n    lampiran: PENGELOLA GAJIH\n",
        )
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "galat: kubutambahan-2022/pegawai.yaml:29:5 (pegawai[3].atasan): atasan `Camat Kubutambahn` tidak ada di pegawai.yaml\n",
        "  saran: maksud Anda `Camat Kubutambahan`?\n",
        "galat: kubutambahan-2022/pegawai.yaml:34:5 (pegawai[4].nip): NIP `198002142006041` bukan 18 angka\n",
        "galat: kubutambahan-2022/pegawai.yaml:84:5 (pegawai[12].atasan): `Pengadministrasi Pendidikan dan Kebudayaan` menjadi atasan dirinya sendiri\n",
        "galat: kubutambahan-2022/pegawai.yaml:67:5 (pegawai[10].lampiran): pejabat `PENGELOLA GAJIH` tidak ada di tabel Lampiran\n",
        "  saran: maksud Anda `PENGELOLA GAJI`?\n",
    ] {
        assert!(run.stderr.contains(expected), "{expected:?} not in:\n{}", run.stderr);
    }
    // Its own superior is said once, not again as a chain.
    assert!(!run.stderr.contains("berputar"), "{}", run.stderr);

    // A chain of superiors that comes back, and an official not listed.
    let fixture = Fixture::example();
    fixture.edit("pegawai.yaml", |t| {
        t.replace(
            "    atasan: Bupati Buleleng\n",
            "    atasan: Sekretaris Kecamatan\n",
        )
        .replace(
            "  - jabatan: Bendahara\n",
            "  - jabatan: Bendahara Pengeluaran\n",
        )
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert!(run.stderr.contains("galat: kubutambahan-2022/pegawai.yaml:16:5 (pegawai[1].atasan): atasan berputar: Camat Kubutambahan → Sekretaris Kecamatan → Camat Kubutambahan\n"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("peringatan: kubutambahan-2022/lampiran/4-kinerja.yaml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pejabat `BENDAHARA` tidak tercantum di pegawai.yaml: Perjanjian Kinerjanya tidak dibuat"), "{}", run.stderr);
    // A galat holds every agreement back.
    let run = build_pk(&fixture, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!fixture.path("out").exists());
}

#[test]
fn without_pegawai_yaml_there_is_no_pk() {
    let fixture = Fixture::example();
    fs::remove_file(fixture.dir.join("pegawai.yaml")).unwrap();
    let run = build_pk(&fixture, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("galat: kubutambahan-2022/pegawai.yaml tidak ada: Perjanjian Kinerja memerlukan identitas setiap pejabat dan atasannya\n"), "{}", run.stderr);
    // The Rencana Aksi does not need it.
    let run = renaksi(&["build", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_statement_can_be_written_with_the_narrative_variables() {
    let fixture = Fixture::example();
    fixture.edit("pegawai.yaml", |t| {
        format!("{t}pernyataan:\n  pihak_kedua: |\n    Pihak kedua membina pelaksanaan Rencana Aksi Kecamatan {{{{ kecamatan }}}} Tahun {{{{ tahun }}}}.\n")
    });
    let out = fixture.path("pk");
    let run = build_pk(&fixture, &["--gabung", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squash(&pdf_text(&out.join("kubutambahan-2022-pk.pdf")));
    let count = |t: &str| text.matches(&squash(t)).count();
    assert_eq!(
        count("Pihak kedua membina pelaksanaan Rencana Aksi Kecamatan Kubutambahan Tahun 2022."),
        14,
        "{text}"
    );
    // The other two stay the standard text.
    assert_eq!(
        count("Pihak pertama berjanji akan mewujudkan target kinerja"),
        14
    );
    assert_eq!(count("akan melakukan supervisi"), 0);

    // A variable misspelt is a galat where it is written.
    fixture.edit("pegawai.yaml", |t| {
        t.replace("{{ kecamatan }}", "{{ kecamatn }}")
    });
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "galat: kubutambahan-2022/pegawai.yaml:98:63 (pernyataan.pihak_kedua): variabel `kecamatn` tidak dikenal\n",
        "  saran: maksud Anda: {{ kecamatan }}?\n",
    ] {
        assert!(run.stderr.contains(expected), "{expected:?} not in:\n{}", run.stderr);
    }
}

/// Electronic signatures: a QR code and an anchor per party, each box in
/// the coordinate sidecar with its own anchor, since BSrE signs wherever
/// it finds the character.
#[test]
fn electronically_signed_agreements_give_each_party_an_anchor() {
    let fixture = Fixture::example();
    fixture.edit("laporan.yaml", |t| {
        format!("{t}tanda_tangan:\n  mode: tte\n  qr: https://tte.example/verifikasi/123\n")
    });
    let run = build_pk(&fixture, &["-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("  koordinat tanda tangan elektronik: out/kubutambahan-2022-pk-03-kasi-pemerintahan.tte.json\n"), "{}", run.stderr);
    let side: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(fixture.path("out/kubutambahan-2022-pk-03-kasi-pemerintahan.tte.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(side["pdf"], "kubutambahan-2022-pk-03-kasi-pemerintahan.pdf");
    let boxes: Vec<(String, u64, String)> = side["kotak"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["blok"].as_str().unwrap().to_owned(),
                b["halaman"].as_u64().unwrap(),
                b["jangkar"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("pernyataan-pihak-kedua", 1, "^"),
        ("pernyataan-pihak-pertama", 1, "#"),
        ("lampiran-pihak-kedua", 2, "^"),
        ("lampiran-pihak-pertama", 2, "#"),
    ]
    .map(|(b, h, j)| (b.to_owned(), h, j.to_owned()));
    assert_eq!(boxes, expected);
    // Each box names its signer.
    let signer = |i: usize| {
        side["kotak"][i]["penanda_tangan"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        (0..4).map(signer).collect::<Vec<_>>(),
        [
            "Drs. Made Suyasa, M.Si",
            "Ketut Ariawan, S.IP",
            "Drs. Made Suyasa, M.Si",
            "Ketut Ariawan, S.IP"
        ]
    );
    // Pihak kedua's boxes on the left of pihak pertama's, side by side.
    let x = |i: usize| side["kotak"][i]["x"].as_f64().unwrap();
    let y = |i: usize| side["kotak"][i]["y"].as_f64().unwrap();
    assert!(x(0) < x(1) && y(0) == y(1), "{side}");
    // Each anchor is in the text of the PDF, once per box.
    let text = pdf_text(&fixture.path("out/kubutambahan-2022-pk-03-kasi-pemerintahan.pdf"));
    assert_eq!(text.matches('^').count(), 2, "{text}");
    assert_eq!(text.matches('#').count(), 2, "{text}");
    assert_eq!(
        text.matches("Ditandatangani secara elektronik oleh:")
            .count(),
        4
    );

    // The same character for both is refused where it is written.
    fixture.edit("laporan.yaml", |t| format!("{t}  jangkar_atasan: \"#\"\n"));
    let run = renaksi(&["check", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "(tanda_tangan.jangkar_atasan): `jangkar_atasan` sama dengan `jangkar` (`#`)"
        ),
        "{}",
        run.stderr
    );
}

/// `batch --dokumen pk`: every kecamatan's agreements, listed with their
/// digests in the manifest; a kecamatan without pegawai.yaml fails alone.
#[test]
fn a_batch_makes_every_kecamatan_s_agreements() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("buleleng");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022");
    for name in ["kubutambahan", "sawan", "tejakula"] {
        crate::support::copy_dir(&example, &batch.join(name));
    }
    fs::write(batch.join("kabupaten.yaml"), "kabupaten: Buleleng\n").unwrap();
    let sawan = batch.join("sawan/laporan.yaml");
    fs::write(
        &sawan,
        fs::read_to_string(&sawan)
            .unwrap()
            .replace("Kubutambahan", "Sawan"),
    )
    .unwrap();
    fs::remove_file(batch.join("tejakula/pegawai.yaml")).unwrap();

    let run = renaksi(
        &[
            "batch",
            "buleleng",
            "--dokumen",
            "pk",
            "-o",
            "out",
            "-j",
            "2",
        ],
        tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[1/3] kubutambahan: 14 Perjanjian Kinerja")
            || run.stderr.contains("kubutambahan: 14 Perjanjian Kinerja"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 laporan disusun, 1 gagal"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("gagal: tejakula: buleleng/tejakula/pegawai.yaml tidak ada"),
        "{}",
        run.stderr
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("out/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["dokumen"], "pk");
    let sawan = &manifest["laporan"][1];
    assert_eq!(sawan["kecamatan"], "Sawan");
    assert_eq!(sawan["berkas"], serde_json::Value::Null);
    let pk = sawan["pk"].as_array().unwrap();
    assert_eq!(pk.len(), 14);
    assert_eq!(pk[2]["pejabat"], "Kasi Pemerintahan");
    assert_eq!(pk[2]["atasan"], "Camat Kubutambahan");
    assert_eq!(pk[2]["berkas"], "sawan-pk-03-kasi-pemerintahan.pdf");
    let bytes = fs::read(tmp.path().join("out/sawan-pk-03-kasi-pemerintahan.pdf")).unwrap();
    assert_eq!(pk[2]["ukuran"], bytes.len());
    let digest = String::from_utf8(
        std::process::Command::new("sha256sum")
            .arg(tmp.path().join("out/sawan-pk-03-kasi-pemerintahan.pdf"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        pk[2]["sha256"].as_str().unwrap(),
        digest.split_whitespace().next().unwrap()
    );
    assert_eq!(manifest["laporan"][2]["status"], "gagal");
    // Every key of it is in docs/json.md.
    let docs = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    for key in [
        "dokumen", "pk", "pejabat", "atasan", "berkas", "halaman", "ukuran", "sha256",
    ] {
        assert!(docs.contains(&format!("\"{key}\"")), "{key}");
    }
    for entry in manifest["laporan"].as_array().unwrap() {
        for key in entry.as_object().unwrap().keys() {
            assert!(docs.contains(&format!("\"{key}\"")), "{key}");
        }
        for pk in entry["pk"].as_array().into_iter().flatten() {
            for key in pk.as_object().unwrap().keys() {
                assert!(docs.contains(&format!("\"{key}\"")), "{key}");
            }
        }
    }

    // All of a kecamatan's agreements in one PDF each.
    let run = renaksi(
        &[
            "batch",
            "buleleng",
            "--dokumen",
            "pk",
            "--gabung",
            "-o",
            "satu",
        ],
        tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("satu/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["laporan"][0]["berkas"], "kubutambahan-pk.pdf");
    assert_eq!(manifest["laporan"][0]["halaman"], 28);
    assert!(manifest["laporan"][0].get("pk").is_none());
}

/// `renaksi diff` says what changed in pegawai.yaml in the report's terms:
/// a person by their office, a superior, a statement text word by word.
#[test]
fn diff_names_the_changes_of_pegawai_yaml() {
    let fixture = Fixture::example();
    let lama = fixture.path("lama");
    crate::support::copy_dir(&fixture.dir, &lama);
    fixture.edit("pegawai.yaml", |t| {
        let t = t
            .replace("nama: Ketut Ariawan, S.IP", "nama: Ketut Ariawan, S.IP., M.Si")
            .replace("    atasan: Kasubbag Perencanaan\n", "    atasan: Sekretaris Kecamatan\n");
        format!("{t}pernyataan:\n  pihak_kedua: Pihak kedua membina dan mengevaluasi capaian kinerja.\n")
    });
    let run = renaksi(
        &[
            "diff",
            lama.to_str().unwrap(),
            fixture.dir.to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in [
        "pegawai.yaml\n",
        "  ~ Pegawai › Kasi Pemerintahan: nama Ketut Ariawan, S.IP → Ketut Ariawan, S.IP., M.Si\n",
        "  ~ Pegawai › Pengelola Monitoring dan Evaluasi: atasan Kasubbag Perencanaan → Sekretaris Kecamatan\n",
        "  ~ Pernyataan PK: pihak kedua\n",
        "3 perubahan\n",
    ] {
        assert!(run.stdout.contains(line), "{line:?} not in:\n{}", run.stdout);
    }
    // The file alone, as git's diff program sees it.
    let run = renaksi(
        &[
            "diff",
            lama.join("pegawai.yaml").to_str().unwrap(),
            fixture.dir.join("pegawai.yaml").to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("atasan Kasubbag Perencanaan → Sekretaris Kecamatan"),
        "{}",
        run.stdout
    );
}

/// `renaksi fmt` writes pegawai.yaml in the canonical style, comments kept
/// on their keys and the content unchanged.
#[test]
fn fmt_tidies_pegawai_yaml() {
    let fixture = Fixture::example();
    fixture.write(
        "pegawai.yaml",
        "pegawai:\n- nama: Dr. I Gede Wirawan, S.H., M.H.\n  jabatan: Bupati Buleleng\n# Camat dari dokumen referensi.\n- atasan: Bupati Buleleng\n  nip: 196502071997021001\n  jabatan: Camat Kubutambahan\n  lampiran: CAMAT\n  golongan: IV/b\n  pangkat: Pembina Tk. I\n  nama: Drs. Made Suyasa, M.Si   # sesuai SK\npernyataan: {pihak_kedua: Pihak kedua membina.}\n",
    );
    let run = renaksi(&["fmt", "kubutambahan-2022"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("dirapikan: kubutambahan-2022/pegawai.yaml"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join("pegawai.yaml")).unwrap(),
        "pegawai:\n  - jabatan: Bupati Buleleng\n    nama: Dr. I Gede Wirawan, S.H., M.H.\n  # Camat dari dokumen referensi.\n  - jabatan: Camat Kubutambahan\n    lampiran: CAMAT\n    nama: Drs. Made Suyasa, M.Si  # sesuai SK\n    pangkat: Pembina Tk. I\n    golongan: IV/b\n    nip: \"196502071997021001\"\n    atasan: Bupati Buleleng\npernyataan:\n  pihak_kedua: |-\n    Pihak kedua membina.\n"
    );
    let run = renaksi(&["fmt", "kubutambahan-2022", "--check"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `init --from` copies pegawai.yaml and asks for it to be reviewed: people
/// move, are promoted and retire between years.
#[test]
fn init_from_last_year_asks_to_review_the_people() {
    let fixture = Fixture::example();
    let run = renaksi(
        &["init", "baru", "--from", "kubutambahan-2022"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("  [ ] baru/pegawai.yaml: 15 pegawai: tinjau siapa menduduki setiap jabatan, pangkat, golongan dan atasannya pada 2023 (Perjanjian Kinerja)\n"), "{said}");
    assert_eq!(
        fs::read_to_string(fixture.path("baru/pegawai.yaml"))
            .unwrap()
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        fs::read_to_string(fixture.dir.join("pegawai.yaml"))
            .unwrap()
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
    );
}

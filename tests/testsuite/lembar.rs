//! `renaksi export` and `renaksi import`: the Lampiran as a workbook and
//! back, checked with tools renaksi did not write — openpyxl reads the
//! merged ranges and number formats, LibreOffice opens the workbook and
//! writes one of its own that imports.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_dir, renaksi, squash, Fixture};

/// Runs a Python script (openpyxl) with `args`; its standard output.
fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 with openpyxl is needed for the spreadsheet tests");
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// LibreOffice headless: converts `file` into `dir` with `filter`.
fn soffice(file: &Path, filter: &str, dir: &Path) {
    let profile = dir.join("profil");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("LibreOffice (soffice) is needed for the spreadsheet tests");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `renaksi diff` of two report folders: empty when they mean the same.
fn same(a: &Path, b: &Path) {
    let run = renaksi(
        &["diff", a.to_str().unwrap(), b.to_str().unwrap()],
        a.parent().unwrap(),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("tidak ada perubahan\n"),
        "{}",
        run.stdout
    );
}

fn export(dir: &Path, out: &Path) {
    let run = renaksi(
        &["export", dir.to_str().unwrap(), "-o", out.to_str().unwrap()],
        dir.parent().unwrap(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("lembar kerja ditulis: {}\n", out.display())
    );
}

fn import_lampiran(file: &Path, dir: &Path) -> String {
    let run = renaksi(
        &[
            "import",
            file.to_str().unwrap(),
            dir.to_str().unwrap(),
            "--lampiran",
        ],
        dir.parent().unwrap(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

#[test]
fn export_then_import_is_the_same_report_for_the_example_and_buleleng() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The example.
    let asli = tmp.path().join("asli");
    copy_dir(&root.join("content/kubutambahan-2022"), &asli);
    let salinan = tmp.path().join("salinan");
    copy_dir(&asli, &salinan);
    let xlsx = tmp.path().join("kubutambahan.xlsx");
    export(&asli, &xlsx);
    import_lampiran(&xlsx, &salinan);
    same(&asli, &salinan);
    // Byte for byte, each file gained only the line saying where it came
    // from: its comments stayed on their keys.
    for file in ["1-program", "2-kegiatan", "3-sub-kegiatan", "4-kinerja"] {
        let rel = format!("lampiran/{file}.yaml");
        let old = fs::read_to_string(asli.join(&rel)).unwrap();
        let new = fs::read_to_string(salinan.join(&rel)).unwrap();
        let added: Vec<&str> = new
            .lines()
            .filter(|l| !old.lines().any(|o| o == *l))
            .collect();
        assert_eq!(
            added,
            ["# Diimpor dari kubutambahan.xlsx (lembar Data) dengan `renaksi import`."],
            "{rel}"
        );
        assert_eq!(new.lines().count(), old.lines().count() + 1, "{rel}");
    }

    // Every kecamatan of the Buleleng batch, exported as a batch (one
    // workbook each) and imported one by one.
    let batch = tmp.path().join("buleleng");
    copy_dir(&root.join("content/buleleng-2022"), &batch);
    let baru = tmp.path().join("buleleng-baru");
    copy_dir(&batch, &baru);
    let out = tmp.path().join("lembar");
    let run = renaksi(&["export", "buleleng", "-o", "lembar"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folders: Vec<PathBuf> = fs::read_dir(&batch)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("laporan.yaml").is_file())
        .collect();
    assert_eq!(folders.len(), 9);
    for folder in &folders {
        let name = folder.file_name().unwrap().to_str().unwrap();
        let xlsx = out.join(format!("{name}.xlsx"));
        assert!(xlsx.is_file(), "{name}");
        import_lampiran(&xlsx, &baru.join(name));
    }
    same(&batch, &baru);

    // A kecamatan's workbook as a new folder of the batch: it uses the
    // shared narrative and does not repeat kabupaten.yaml.
    let run = renaksi(
        &["import", "lembar/sawan.xlsx", "buleleng-baru/sawan-lagi"],
        tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!baru.join("sawan-lagi/narasi.yaml").exists());
    // Like `init`, a new folder gets pegawai.yaml made from its officials
    // (the Camat from the signing official), to be filled in; the rest
    // is the same report.
    let pegawai = fs::read_to_string(baru.join("sawan-lagi/pegawai.yaml")).unwrap();
    assert!(
        pegawai.contains("  - jabatan: Camat Sawan\n    lampiran: CAMAT\n    nama: I Nyoman Sutama, S.Sos, M.Si\n"),
        "{pegawai}"
    );
    fs::remove_file(baru.join("sawan-lagi/pegawai.yaml")).unwrap();
    same(&batch.join("sawan"), &baru.join("sawan-lagi"));
}

#[test]
fn the_workbook_as_openpyxl_and_libreoffice_read_it() {
    let fixture = Fixture::new("build", "minimal");
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    let seen = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
ws = wb["Program"]
print(sorted(str(r) for r in ws.merged_cells.ranges if r.min_col in (1, 5, 9)))
print(ws.print_title_rows, ws.freeze_panes, ws.page_setup.orientation, ws.page_setup.paperSize)
for cell in ("E9", "G14", "G20", "J9", "F9", "F20"):
    c = ws[cell]
    print(cell, repr(c.value), c.number_format)
d = wb["Data"]
print([c.value for c in d[1]], d.auto_filter.ref, d.freeze_panes)
print([c.value for c in d[2]])
i = wb["Identitas"]
print([[c.value for c in r] for r in i.iter_rows(min_row=2, max_row=3)])
"#,
        &[xlsx.to_str().unwrap()],
    );
    assert_eq!(
        seen,
        "\
['Program', 'Kinerja', 'Data', 'Identitas', 'Pegawai']
['A1:J1', 'A2:J2', 'A3:J3', 'A5:A6', 'A8:J8', 'A9:A32', 'E21:E32', 'E5:H5', 'E9:E20', 'I15:I20', 'I21:I32', 'I5:I6', 'I9:I14']
$5:$7 A8 landscape 9
E9 85.5 [$-421]#,##0.0
G14 40 [$-421]#,##0
G20 45.5 [$-421]#,##0.0
J9 2040000000 [$-421]\"Rp \"#,##0
F9 'Januari' General
F20 'Desember' General
['tingkat', 'jabatan', 'nomor', 'sasaran', 'indikator', 'satuan', 'target_tahunan', 'penjumlahan', 'ket', 'periode', 'target_periode', 'program_kegiatan', 'anggaran', 'polaritas', 'alasan_jabatan', 'alasan_sasaran', 'alasan_indikator', 'alasan_program'] A1:R39 A2
['program', 'CAMAT', 1, 'Meningkatnya Kualitas Pelayanan Publik', 'Indeks Kepuasan Masyarakat', 'Nilai', 85.5, 'jumlah', None, 'Januari', None, None, None, 'positif', None, None, None, None]
[['kecamatan', 'Contoh', 'nama kecamatan'], ['kabupaten', 'Uji', 'nama kabupaten']]
"
    );

    // LibreOffice opens it without repair and shows Indonesian numbers.
    let lo = fixture.path("lo");
    soffice(
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        &lo,
    );
    let program = fs::read_to_string(lo.join("minimal-Program.csv")).unwrap();
    assert!(
        program.contains("1,Meningkatnya Kualitas Pelayanan Publik,Indeks Kepuasan Masyarakat,Nilai,\"85,5\",Januari,-,,Program Penyelenggaraan Pemerintahan dan Pelayanan Publik,Rp 2.040.000.000"),
        "{program}"
    );
    assert!(program.contains(",Desember,\"45,5\","), "{program}");

    // A workbook LibreOffice wrote (not renaksi) imports to the same report.
    let written = fixture.path("lo-xlsx");
    soffice(&xlsx, "xlsx:Calc MS Excel 2007 XML", &written);
    let copy = fixture.path("salinan");
    copy_dir(&fixture.dir, &copy);
    import_lampiran(&written.join("minimal.xlsx"), &copy);
    same(&fixture.dir, &copy);
}

#[test]
fn one_target_edited_in_the_sheet_changes_one_line_of_yaml() {
    let fixture = Fixture::new("build", "minimal");
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    // The first import writes the tables in the canonical style.
    import_lampiran(&xlsx, &fixture.dir);
    let before = fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap();
    // In the sheet, June of the first indicator: 40 → 42 (openpyxl writes
    // the workbook again, as another program would).
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
d = wb["Data"]
for row in d.iter_rows(min_row=2):
    if row[4].value == "Indeks Kepuasan Masyarakat" and row[9].value == "Juni":
        row[10].value = 42
wb.save(sys.argv[1])
"#,
        &[xlsx.to_str().unwrap()],
    );
    let run = renaksi(
        &[
            "import",
            xlsx.to_str().unwrap(),
            "minimal",
            "--lampiran",
            "--coba",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("  ~ CAMAT › Meningkatnya Kualitas Pelayanan Publik › Indeks Kepuasan Masyarakat: target Juni 40 → 42\n\n1 perubahan\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap(),
        before,
        "--coba writes nothing"
    );
    import_lampiran(&xlsx, &fixture.dir);
    let after = fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [("              juni: 40", "              juni: 42")]
    );
    assert_eq!(before.lines().count(), after.lines().count());
}

#[test]
fn a_new_report_folder_from_a_workbook() {
    let fixture = Fixture::new("build", "minimal");
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    let run = renaksi(&["import", "minimal.xlsx", "baru"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    // What is left to do is shown at once: the first galat, then the count.
    assert!(
        run.stderr.starts_with(
            "laporan baru: baru (2 tabel, 3 indikator dari minimal.xlsx)\n\
             galat: baru/narasi.yaml:7:3 (kata_pengantar): tempat isian belum diisi: [isi: Kata Pengantar"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("\ngalat: ").count(), 3, "{}", run.stderr);
    assert!(run
        .stderr
        .ends_with("\nperiksa: 7 galat, 7 peringatan; rinciannya: `renaksi check baru`\n"));
    let laporan = fs::read_to_string(fixture.path("baru/laporan.yaml")).unwrap();
    assert!(laporan.starts_with("# yaml-language-server: $schema=.schema/laporan.schema.json\n"));
    assert!(laporan.contains("\ntahun: 2024\n"), "{laporan}");
    assert!(
        laporan.contains("\n  nip: \"198001012005011002\"\n"),
        "{laporan}"
    );
    // Only the narrative is left to write: its placeholders are the galat.
    let check = renaksi(&["check", "baru"], fixture.tmp.path());
    assert!(
        check
            .stderr
            .lines()
            .filter(|l| l.starts_with("galat: "))
            .all(|l| l.starts_with("galat: baru/narasi.yaml:")),
        "{}",
        check.stderr
    );
    // The identity and the tables mean what the original does.
    fs::copy(
        fixture.dir.join("narasi.yaml"),
        fixture.path("baru/narasi.yaml"),
    )
    .unwrap();
    // pegawai.yaml was made from the sheet `export` wrote from the
    // officials: the Camat from the signing official, the rest to fill in.
    let pegawai = fs::read_to_string(fixture.path("baru/pegawai.yaml")).unwrap();
    assert!(
        pegawai.contains(
            "  - jabatan: Camat Contoh\n    lampiran: CAMAT\n    nama: I Made Uji, S.STP\n"
        ),
        "{pegawai}"
    );
    fs::remove_file(fixture.path("baru/pegawai.yaml")).unwrap();
    same(&fixture.dir, &fixture.path("baru"));
    // A folder that holds a report is not overwritten without --lampiran.
    let run = renaksi(&["import", "minimal.xlsx", "baru"], fixture.tmp.path());
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "galat: baru sudah berisi laporan\n  saran: perbarui Lampirannya dengan `renaksi import minimal.xlsx baru --lampiran` (coba dulu dengan --coba)\n"
    );
}

#[test]
fn a_hand_filled_sheet_fills_down_and_every_mistake_is_named_by_its_cell() {
    let fixture = Fixture::new("build", "minimal");
    let xlsx = fixture.path("isian.xlsx");
    // A sheet as a person fills it: names once, blanks below; numbers as
    // Indonesian text; one program for the sasaran.
    let make = |rows: &str| {
        python(
            &format!(
                r#"
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.append(["tingkat", "jabatan", "sasaran", "indikator", "satuan", "target_tahunan", "periode", "target_periode", "program_kegiatan", "anggaran"])
for row in {rows}:
    ws.append(row)
wb.save(sys.argv[1])
"#
            ),
            &[xlsx.to_str().unwrap()],
        )
    };
    make(
        r#"[
        ["kinerja", "PENGADMINISTRASI UMUM", "Tertibnya Surat", "Jumlah Surat", "Surat", "1.800", "Juni", "900", None, None],
        [None, None, None, None, None, None, "Desember", "900", None, None],
        [None, None, None, None, None, None, None, None, "Administrasi Umum", "Rp 1.250.000,00"],
    ]"#,
    );
    let run = renaksi(
        &["import", "isian.xlsx", "minimal", "--lampiran", "--coba"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let kinerja = "lampiran/4-kinerja.yaml";
    import_lampiran(&xlsx, &fixture.dir);
    let text = fs::read_to_string(fixture.dir.join(kinerja)).unwrap();
    assert!(
        text.ends_with(
            "tingkat: kinerja
pejabat:
  - jabatan: PENGADMINISTRASI UMUM
    sasaran:
      - uraian: Tertibnya Surat
        indikator:
          - uraian: Jumlah Surat
            satuan: Surat
            target: 1800
            bulan:
              juni: 900
              desember: 900
        program_kegiatan:
          - uraian: Administrasi Umum
            anggaran: 1250000
"
        ),
        "{text}"
    );
    assert!(text.contains("# Diimpor dari isian.xlsx (lembar Data) dengan `renaksi import`.\n"));

    // Every mistake at once, each by sheet and cell; nothing written.
    make(
        r#"[
        ["kinerja", "PENGADMINISTRASI UMUM", "Tertibnya Surat", "Jumlah Surat", None, "seribu", "Juny", "900", None, None],
        [None, None, None, "Jumlah Arsip", "Berkas", "12", "Juni", "dua", None, None],
        [None, None, None, None, None, None, None, None, "Administrasi Umum", "Rp 1.250.000,50"],
        ["lainnya", None, None, None, None, None, "Juni", "1", None, None],
    ]"#,
    );
    let before = fs::read_to_string(fixture.dir.join(kinerja)).unwrap();
    let run = renaksi(
        &["import", "isian.xlsx", "minimal", "--lampiran"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let heads: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("galat: "))
        .collect();
    assert_eq!(
        heads,
        [
            "galat: isian.xlsx (Data!G2): periode `Juny` tidak dikenal",
            "galat: isian.xlsx (Data!H3): target periode \"dua\" bukan angka",
            "galat: isian.xlsx (Data!J4): anggaran 1.250.000,5 bukan rupiah utuh",
            "galat: isian.xlsx (Data!A5): tingkat `lainnya` tidak dikenal",
        ],
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join(kinerja)).unwrap(),
        before
    );
}

#[test]
fn hostile_workbooks_are_refused_with_their_name() {
    let fixture = Fixture::new("build", "minimal");
    let refused = |name: &str, bytes: &[u8], expected: &str| {
        fs::write(fixture.path(name), bytes).unwrap();
        let run = crate::support::renaksi_within(&["import", name, "baru"], fixture.tmp.path(), 2);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.starts_with(expected), "{name}: {}", run.stderr);
        assert!(!fixture.path("baru").exists());
    };
    refused(
        "bukan.xlsx",
        b"tingkat,jabatan\n",
        "galat: bukan.xlsx: bukan berkas .xlsx (Excel 2007 atau lebih baru)\n  saran: simpan ulang sebagai \"Excel Workbook (.xlsx)\"",
    );
    // A zip that is not a workbook.
    refused(
        "zip.xlsx",
        b"PK\x03\x04\x14\x00\x00\x00\x00\x00",
        "galat: zip.xlsx: lembar kerja tidak dapat dibaca: arsip .xlsx-nya rusak atau terpotong\n",
    );
    // A workbook without the Data sheet, and a formula saved without its
    // value (openpyxl does not compute formulas).
    python(
        r#"
import sys, openpyxl
wb = openpyxl.Workbook()
wb.active.title = "Lembar1"
wb.save(sys.argv[1])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.append(["tingkat", "jabatan", "sasaran", "indikator", "satuan", "target_tahunan", "periode", "target_periode", "program_kegiatan", "anggaran"])
ws.append(["kinerja", "STAF", "Sasaran", "Indikator", "Surat", 12, "Juni", "=6*2", None, None])
wb.save(sys.argv[2])
"#,
        &[
            fixture.path("tanpa-data.xlsx").to_str().unwrap(),
            fixture.path("rumus.xlsx").to_str().unwrap(),
        ],
    );
    let bytes = fs::read(fixture.path("tanpa-data.xlsx")).unwrap();
    refused(
        "tanpa-data.xlsx",
        &bytes,
        "galat: tanpa-data.xlsx: lembar `Data` tidak ada (lembar yang ada: Lembar1)\n",
    );
    let bytes = fs::read(fixture.path("rumus.xlsx")).unwrap();
    refused(
        "rumus.xlsx",
        &bytes,
        "galat: rumus.xlsx (Data!H2): rumus `=6*2` tanpa nilai tersimpan\n  saran: renaksi tidak menjalankan rumus",
    );
}

#[test]
fn the_flat_table_as_csv() {
    let fixture = Fixture::new("build", "minimal");
    let run = renaksi(
        &["export", "minimal", "--format", "csv", "-o", "keluar"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "lembar kerja ditulis: keluar/minimal.csv\n");
    let csv = fs::read_to_string(fixture.path("keluar/minimal.csv")).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "tingkat,jabatan,nomor,sasaran,indikator,satuan,target_tahunan,penjumlahan,ket,periode,target_periode,program_kegiatan,anggaran,polaritas,alasan_jabatan,alasan_sasaran,alasan_indikator,alasan_program"
    );
    assert_eq!(
        lines[6],
        "program,CAMAT,1,Meningkatnya Kualitas Pelayanan Publik,Indeks Kepuasan Masyarakat,Nilai,85.5,jumlah,,Juni,40,,,positif,,,,"
    );
    assert!(csv.contains("\r\nprogram,CAMAT,1,Meningkatnya Kualitas Pelayanan Publik,,,,,,,,Program Penyelenggaraan Pemerintahan dan Pelayanan Publik,2040000000,,,,,\r\n"), "{csv}");
}

#[test]
fn the_template_filled_in_becomes_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let run = renaksi(&["template", "xlsx", "-o", "templat.xlsx"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "lembar kerja ditulis: templat.xlsx\n");
    let xlsx = tmp.path().join("templat.xlsx");
    // What a kecamatan sees, and what it fills in (with openpyxl here).
    let seen = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
print(wb["Petunjuk"]["A1"].value)
d = wb["Data"]
print([c.value for c in d[1]], d.max_row)
for v in d.data_validations.dataValidation:
    print(v.sqref, v.type, v.formula1)
i = wb["Identitas"]
values = {"kecamatan": "Sawan", "kabupaten": "Buleleng", "tahun": "2023", "perubahan": "false",
          "penandatangan.tempat": "Sangsit", "penandatangan.tanggal": "2023-01-16",
          "penandatangan.jabatan": "Camat Sawan", "penandatangan.nama": "I Gede Suartana, S.STP",
          "penandatangan.pangkat": "Pembina", "penandatangan.golongan": "IV/a",
          "penandatangan.nip": "197501012000031002"}
for row in i.iter_rows(min_row=2):
    if row[0].value in values:
        row[1].value = values[row[0].value]
for r in [["kinerja", "PENGADMINISTRASI UMUM", None, "Tertibnya Surat", "Jumlah Surat", "Surat", 1800, None, None, "Juni", 900],
          [None, None, None, None, None, None, None, None, None, "Desember", 900],
          [None, None, None, None, None, None, None, None, None, None, None, "Administrasi Umum", 1250000]]:
    d.append(r)
wb.save(sys.argv[1])
"#,
        &[xlsx.to_str().unwrap()],
    );
    assert_eq!(
        seen,
        "\
['Petunjuk', 'Data', 'Identitas', 'Pegawai']
Petunjuk pengisian lembar kerja Rencana Aksi
['tingkat', 'jabatan', 'nomor', 'sasaran', 'indikator', 'satuan', 'target_tahunan', 'penjumlahan', 'ket', 'periode', 'target_periode', 'program_kegiatan', 'anggaran', 'polaritas', 'alasan_jabatan', 'alasan_sasaran', 'alasan_indikator', 'alasan_program'] 1
A2:A5001 list \"program,kegiatan,sub_kegiatan,kinerja\"
F2:F5001 list \"%,Dokumen,Orang,Nilai,Laporan,Kegiatan,Desa,Surat,Kali\"
G2:G5001 decimal 0
H2:H5001 list \"jumlah,akhir,tetap,tidak\"
J2:J5001 list \"Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember,TW I,TW II,TW III,TW IV\"
K2:K5001 decimal 0
M2:M5001 whole 0
N2:N5001 list \"positif,negatif,kualitatif\"
"
    );
    let run = renaksi(&["import", "templat.xlsx", "sawan-2023"], tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("laporan baru: sawan-2023 (1 tabel, 1 indikator dari templat.xlsx)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "\nperiksa: 7 galat, 6 peringatan; rinciannya: `renaksi check sawan-2023`\n"
        ),
        "{}",
        run.stderr
    );
    let laporan = fs::read_to_string(tmp.path().join("sawan-2023/laporan.yaml")).unwrap();
    assert!(
        laporan.ends_with(
            "kecamatan: Sawan
kabupaten: Buleleng
tahun: 2023
perubahan: false
penandatangan:
  tempat: Sangsit
  tanggal: 2023-01-16
  jabatan: Camat Sawan
  nama: I Gede Suartana, S.STP
  pangkat: Pembina
  golongan: IV/a
  nip: \"197501012000031002\"
"
        ),
        "{laporan}"
    );
}

/// Runs `renaksi import NAME baru` under GNU time: the run, killed after
/// `seconds`, and its peak memory in KiB.
fn import_measured(dir: &Path, name: &str, seconds: u64) -> (crate::support::Run, u64) {
    let run = crate::support::renaksi_within(&["import", name, "baru"], dir, seconds);
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_renaksi"))
        .args(["import", name, "baru"])
        .current_dir(dir)
        .output()
        .expect("GNU time (/usr/bin/time) is needed for the memory bound");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kib = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(u64::MAX);
    (run, kib)
}

#[test]
fn hostile_workbooks_within_two_seconds_and_300_mib() {
    let fixture = Fixture::new("build", "minimal");
    let dir = fixture.tmp.path();
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    // Made with Python's zipfile and openpyxl: a zip bomb (a sheet of
    // 200 MB of zeros), 200.000 rows written as XML, a macro project
    // added to a real workbook, a date where a target belongs.
    python(
        r#"
import sys, zipfile, shutil, datetime, openpyxl
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out + "/bom.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
shutil.copy(src, out + "/makro.xlsm")
with zipfile.ZipFile(out + "/makro.xlsm", "a") as z:
    z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 bukan makro sungguhan")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.append(["tingkat", "jabatan", "sasaran", "indikator", "satuan", "target_tahunan", "periode", "target_periode", "program_kegiatan", "anggaran"])
wb.save(out + "/juta.xlsx")
with zipfile.ZipFile(out + "/juta.xlsx") as z:
    parts = {n: z.read(n) for n in z.namelist()}
sheet = [n for n in parts if n.startswith("xl/worksheets/")][0]
head, tail = parts[sheet].split(b"</sheetData>")
rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>kinerja</t></is></c></row>' % (r, r) for r in range(2, 200_002))
parts[sheet] = head.replace(b"<sheetData>", b"<sheetData>") + rows + b"</sheetData>" + tail
with zipfile.ZipFile(out + "/juta.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, b)
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.append(["tingkat", "jabatan", "sasaran", "indikator", "satuan", "target_tahunan", "periode", "target_periode", "program_kegiatan", "anggaran"])
ws.append(["kinerja", "STAF", "Sasaran", "Indikator", "Surat", 12, "Juni", datetime.date(2023, 6, 12), None, None])
wb.save(out + "/tanggal.xlsx")
# A part of 150 MB whose zip directory and local header say 1.000 bytes.
with zipfile.ZipFile(out + "/kurang.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/worksheets/sheet1.xml", b"<" * (150 << 20))
data = bytearray(open(out + "/kurang.xlsx", "rb").read())
data[22:26] = (1000).to_bytes(4, "little")
cd = data.rfind(b"PK\x01\x02")
data[cd + 24:cd + 28] = (1000).to_bytes(4, "little")
open(out + "/kurang.xlsx", "wb").write(bytes(data))
"#,
        &[xlsx.to_str().unwrap(), dir.to_str().unwrap()],
    );
    fs::write(
        fixture.path("sandi.xlsx"),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 terenkripsi",
    )
    .unwrap();
    for (name, expected) in [
        ("bom.xlsx", "galat: bom.xlsx: isi lembar kerja terlalu besar setelah dibuka (lebih dari 48 MB)\n"),
        ("kurang.xlsx", "galat: kurang.xlsx: "),
        ("makro.xlsm", "galat: makro.xlsm: lembar kerja berisi makro (VBA)\n"),
        ("juta.xlsx", "galat: juta.xlsx (Data!A100002): lembar `Data` memuat lebih dari 100000 baris\n"),
        ("tanggal.xlsx", "galat: tanggal.xlsx (Data!H2): target periode berisi tanggal, bukan angka (format selnya tanggal)\n"),
        ("sandi.xlsx", "galat: sandi.xlsx: bukan berkas .xlsx (Excel 2007 atau lebih baru)\n  saran: simpan ulang sebagai \"Excel Workbook (.xlsx)\"; berkas .xls lama dan berkas berkata sandi tidak dapat dibaca\n"),
    ] {
        let (run, kib) = import_measured(dir, name, 2);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.starts_with(expected), "{name}: {}", run.stderr);
        assert!(kib < 300 * 1024, "{name}: {kib} KiB");
        assert!(!fixture.path("baru").exists(), "{name}");
    }
}

#[test]
fn fmt_rewrites_in_the_canonical_style_and_keeps_every_comment() {
    let fixture = Fixture::new("build", "minimal");
    // The fixture's narrative lacks only the blank line after the Kata
    // Pengantar.
    let first = renaksi(&["fmt", "minimal"], fixture.tmp.path());
    assert_eq!(
        first.stderr,
        "dirapikan: minimal/narasi.yaml\n1 berkas dirapikan\n"
    );
    assert!(fs::read_to_string(fixture.dir.join("narasi.yaml"))
        .unwrap()
        .contains("*miring*.\n\nbab:\n"));
    let file = "lampiran/4-kinerja.yaml";
    fixture.write(
        file,
        "\
# Tabel kinerja staf.
tingkat: kinerja
pejabat:
  # satu-satunya staf
  - jabatan: 'PENGADMINISTRASI UMUM'
    sasaran:
    - uraian: Tertibnya Surat   # dari dokumen 2023
      indikator:
      - target: 1800
        satuan: \"Surat\"
        uraian: Jumlah Surat
        bulan: {pebruari: 900, desember: 900}
",
    );
    let fmt = |extra: &[&str]| {
        let mut args = vec!["fmt", "minimal"];
        args.extend_from_slice(extra);
        renaksi(&args, fixture.tmp.path())
    };
    let run = fmt(&["--check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "belum rapi: minimal/lampiran/4-kinerja.yaml\n1 berkas belum rapi; rapikan dengan `renaksi fmt`\n"
    );
    let before = fixture.path("sebelum");
    copy_dir(&fixture.dir, &before);
    let run = fmt(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "dirapikan: minimal/lampiran/4-kinerja.yaml\n1 berkas dirapikan\n"
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join(file)).unwrap(),
        "\
# Tabel kinerja staf.
tingkat: kinerja
pejabat:
  # satu-satunya staf
  - jabatan: PENGADMINISTRASI UMUM
    sasaran:
      - uraian: Tertibnya Surat  # dari dokumen 2023
        indikator:
          - uraian: Jumlah Surat
            satuan: Surat
            target: 1800
            bulan:
              februari: 900
              desember: 900
"
    );
    same(&before, &fixture.dir);
    assert_eq!(fmt(&["--check"]).code, 0);

    // A comment on what the canonical style does not write is not dropped
    // silently.
    fixture.edit(file, |t| {
        t.replace(
            "            target: 1800\n",
            "            target: 1800\n            # sengaja ditulis\n            penjumlahan: jumlah\n",
        )
    });
    let kept = fs::read_to_string(fixture.dir.join(file)).unwrap();
    let run = fmt(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "galat: minimal/lampiran/4-kinerja.yaml:12:1: komentar akan hilang: # sengaja ditulis\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(fixture.dir.join(file)).unwrap(), kept);
    let run = fmt(&["--buang-komentar"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fs::read_to_string(fixture.dir.join(file))
        .unwrap()
        .contains("sengaja"));

    // laporan.yaml too: keys in the documented order, comments kept.
    fixture.write(
        "laporan.yaml",
        &fs::read_to_string(fixture.dir.join("laporan.yaml"))
            .unwrap()
            .replace("kecamatan: Contoh\n", "")
            .replace(
                "perubahan: false\n",
                "perubahan: false\n# nama kecamatan\nkecamatan: Contoh\n",
            ),
    );
    let run = fmt(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "dirapikan: minimal/laporan.yaml\n1 berkas dirapikan\n"
    );
    assert!(fs::read_to_string(fixture.dir.join("laporan.yaml"))
        .unwrap()
        .starts_with("# nama kecamatan\nkecamatan: Contoh\nkabupaten: Uji\n"));

    // The repository's own reports are canonical already.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content/kubutambahan-2022", "content/buleleng-2022"] {
        let run = renaksi(&["fmt", dir, "--check"], root);
        assert_eq!(run.code, 0, "{dir}: {}", run.stderr);
    }
}

#[test]
fn a_kabupaten_workbook_with_a_kecamatan_column() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = renaksi(
        &[
            "export",
            "content/buleleng-2022",
            "--gabung",
            "-o",
            tmp.path().join("bll.xlsx").to_str().unwrap(),
        ],
        root,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(wb.sheetnames)
d = wb["Data"]
rows = list(d.iter_rows(values_only=True))
print(rows[0][:3], len(rows) - 1)
print(sorted(set(r[0] for r in rows[1:])))
"#,
        &[tmp.path().join("bll.xlsx").to_str().unwrap()],
    );
    assert_eq!(
        seen,
        "['Data', 'Identitas']\n\
         ('kecamatan', 'tingkat', 'jabatan') 8037\n\
         ['Banjar', 'Buleleng', 'Busungbiu', 'Gerokgak', 'Kubutambahan', 'Sawan', 'Seririt', 'Sukasada', 'Tejakula']\n"
    );
    let run = renaksi(
        &[
            "export",
            "content/buleleng-2022",
            "--gabung",
            "--format",
            "csv",
            "-o",
            tmp.path().join("bll.csv").to_str().unwrap(),
        ],
        root,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = fs::read_to_string(tmp.path().join("bll.csv")).unwrap();
    assert!(
        csv.starts_with("kecamatan,tingkat,jabatan,nomor,"),
        "{}",
        &csv[..80]
    );
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 8038);
    // Without a batch, --gabung says what it is for.
    let run = renaksi(&["export", "content/kubutambahan-2022", "--gabung"], root);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .starts_with("galat: --gabung hanya untuk folder batch (berisi kabupaten.yaml)\n"));
}

#[test]
fn a_formula_s_saved_value_is_read_and_the_formula_never_run() {
    let fixture = Fixture::new("build", "minimal");
    // openpyxl writes the formula without a value; LibreOffice computes it
    // once and saves the value beside it, as Excel does.
    python(
        r#"
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.append(["tingkat", "jabatan", "sasaran", "indikator", "satuan", "target_tahunan", "periode", "target_periode", "program_kegiatan", "anggaran"])
ws.append(["kinerja", "STAF", "Tertibnya Surat", "Jumlah Surat", "Surat", "=6*2", "Juni", "=F2", None, None])
wb.save(sys.argv[1])
"#,
        &[fixture.path("rumus.xlsx").to_str().unwrap()],
    );
    let saved = fixture.path("lo");
    soffice(
        &fixture.path("rumus.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &saved,
    );
    let run = renaksi(
        &["import", "lo/rumus.xlsx", "minimal", "--lampiran", "--coba"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The kinerja table replaces the fixture's: the figures are the saved
    // values of `=6*2` and `=F2`.
    for line in [
        "  ~ STAF › Tertibnya Surat › Jumlah Surat: target tahunan 1.800 → 12\n",
        "  ~ STAF › Tertibnya Surat › Jumlah Surat: target Juni – → 12\n",
    ] {
        assert!(run.stdout.contains(line), "{line}{}", run.stdout);
    }
}

/// The office's people travel with the workbook: `export` writes the
/// `Pegawai` sheet (read here by openpyxl), a person changed in it comes
/// back through `import` into pegawai.yaml, and a row without a name is
/// refused by its cell.
#[test]
fn the_pegawai_sheet_goes_out_and_comes_back() {
    let fixture = Fixture::example();
    let book = fixture.path("k.xlsx");
    let run = renaksi(
        &[
            "export",
            fixture.dir.to_str().unwrap(),
            "-o",
            book.to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = python(
        "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])['Pegawai']\nfor r in ws.iter_rows(min_row=1, max_row=4, values_only=True): print('|'.join('' if v is None else str(v) for v in r))",
        &[book.to_str().unwrap()],
    );
    assert_eq!(
        rows,
        "jabatan|lampiran|nama|pangkat|golongan|nip|atasan\n\
         Bupati Buleleng||Dr. I Gede Wirawan, S.H., M.H.||||\n\
         Camat Kubutambahan|CAMAT|Drs. Made Suyasa, M.Si|Pembina Tk. I|IV/b|196502071997021001|Bupati Buleleng\n\
         Sekretaris Kecamatan||I Nyoman Sudarsana, S.Sos., M.AP|Pembina|IV/a|197203151998031004|Camat Kubutambahan\n"
    );

    // A person's superior changed in the sheet, and one name left blank.
    let edited = fixture.path("diubah.xlsx");
    python(
        "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['Pegawai']\nws['G5'] = 'Sekretaris Kecamatan'\nws['C6'] = None\nwb.save(sys.argv[2])",
        &[book.to_str().unwrap(), edited.to_str().unwrap()],
    );
    let run = renaksi(
        &["import", edited.to_str().unwrap(), "baru"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("diubah.xlsx (Pegawai!C6): `Kasi Pembangunan` tanpa nama"),
        "{}",
        run.stderr
    );
    assert!(!fixture.path("baru").exists());

    python(
        "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Pegawai']['C6'] = 'Made Budiarta, S.T.'\nwb.save(sys.argv[1])",
        &[edited.to_str().unwrap()],
    );
    let run = renaksi(
        &["import", edited.to_str().unwrap(), "baru"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(
        &[
            "diff",
            fixture.dir.join("pegawai.yaml").to_str().unwrap(),
            fixture.path("baru/pegawai.yaml").to_str().unwrap(),
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("  ~ Pegawai › Kasi Pemerintahan: atasan Camat Kubutambahan → Sekretaris Kecamatan\n\n1 perubahan"),
        "{}",
        run.stdout
    );
}

#[test]
fn realisasi_goes_out_as_sheets_and_comes_back_through_libreoffice() {
    let fixture = Fixture::new("monitoring", "kecil");
    let run = renaksi(&["export", "kecil", "-o", "kecil.xlsx"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlsx = fixture.path("kecil.xlsx");
    // What a person sees and fills in, with openpyxl: TW II's Jumlah Desa
    // Dibina from 1 to 3, and a note; TW II's budget of a program.
    let seen = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames)
r = wb["Realisasi"]
print([c.value for c in r[1]])
for row in r.iter_rows(min_row=2):
    v = [c.value for c in row]
    if v[0] == 2 and v[2] == "camat/jumlah-desa-dibina":
        print(v)
        row[8].value = 3
        row[10].value = "Pembinaan bersama PKK"
a = wb["Realisasi Anggaran"]
print([c.value for c in a[1]])
for row in a.iter_rows(min_row=2):
    if row[0].value == 2 and row[1].value == "camat/program-pemberdayaan-masyarakat":
        print([c.value for c in row], row[4].number_format)
        row[5].value = "Rp 10.000.000"
wb.save(sys.argv[2])
"#,
        &[
            xlsx.to_str().unwrap(),
            fixture.path("diisi.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(
        seen,
        "\
['Program', 'Data', 'Identitas', 'Pegawai', 'Realisasi', 'Realisasi Anggaran']
['triwulan', 'tanggal', 'kunci', 'jabatan', 'indikator', 'satuan', 'periode', 'target', 'realisasi', 'kendala', 'solusi', 'tindak_lanjut']
[2, '2024-07-05', 'camat/jumlah-desa-dibina', 'CAMAT', 'Jumlah Desa Dibina', 'Desa', 'TW II', 3, 1, 'Jadwal pembinaan bentrok dengan upacara adat', 'Pembinaan digabung dengan rapat desa', 'Dua desa dijadwalkan ulang pada Juli']
['triwulan', 'kunci', 'jabatan', 'program', 'pagu', 'realisasi']
[2, 'camat/program-pemberdayaan-masyarakat', 'CAMAT', 'Program Pemberdayaan Masyarakat', 50000000, 2500000] [$-421]\"Rp \"#,##0
"
    );
    // Saved again by LibreOffice, as an office would.
    let lo = fixture.path("lo");
    soffice(
        &fixture.path("diisi.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &lo,
    );
    let book = lo.join("diisi.xlsx");
    let run = renaksi(
        &[
            "import",
            book.to_str().unwrap(),
            "kecil",
            "--realisasi",
            "--coba",
        ],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("~ camat/jumlah-desa-dibina: realisasi TW II 1 → 3\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "~ camat/program-pemberdayaan-masyarakat: realisasi anggaran TW II Rp\u{a0}2.500.000 → Rp\u{a0}10.000.000\n"
    ));
    let before = fs::read_to_string(fixture.dir.join("realisasi/tw2.yaml")).unwrap();
    let run = renaksi(
        &["import", book.to_str().unwrap(), "kecil", "--realisasi"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fs::read_to_string(fixture.dir.join("realisasi/tw2.yaml")).unwrap();
    assert_ne!(before, after);
    assert!(after.contains(
        "  camat/jumlah-desa-dibina:\n    # Jumlah Desa Dibina (target 12 Desa; TW II 3)\n    realisasi: 3\n    kendala: Jadwal pembinaan bentrok dengan upacara adat\n    solusi: Pembinaan bersama PKK\n"
    ), "{after}");
    assert!(after.contains("  camat/program-pemberdayaan-masyarakat: 10000000\n"));
    // The report the import leads to: 1 + 3 against 6 is 66,67 % (Sedang).
    let (run, pdf) = fixture.build(&["--dokumen", "monitoring", "--triwulan", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(squash(&crate::support::pdf_text(&pdf)).contains("Desa126466,67Sedang"));
    // Out again, in again: nothing changes.
    let run = renaksi(&["export", "kecil", "-o", "lagi.xlsx"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = renaksi(
        &["import", "lagi.xlsx", "kecil", "--realisasi"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 perubahan dari lagi.xlsx"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_realisasi_sheet_s_mistakes_are_named_by_their_cell() {
    let fixture = Fixture::new("monitoring", "kecil");
    let run = renaksi(&["export", "kecil", "-o", "kecil.xlsx"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlsx = fixture.path("kecil.xlsx");
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
r = wb["Realisasi"]
r["C3"] = "camat/indeks-kepuasan-masyarakt"
r["I4"] = "tiga"
r["G5"] = "TW III"
a = wb["Realisasi Anggaran"]
a["F2"] = -5
wb.save(sys.argv[1])
"#,
        &[xlsx.to_str().unwrap()],
    );
    let before = fs::read_to_string(fixture.dir.join("realisasi/tw1.yaml")).unwrap();
    let run = renaksi(
        &["import", "kecil.xlsx", "kecil", "--realisasi"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "kecil.xlsx (Realisasi!C3): indikator `camat/indeks-kepuasan-masyarakt` tidak ada di Rencana Aksi\n  saran: maksud Anda: `camat/indeks-kepuasan-masyarakat`?",
        "kecil.xlsx (Realisasi!I4): realisasi \"tiga\" bukan angka",
        "kecil.xlsx (Realisasi!G5): periode `TW III` bukan bagian Triwulan I\n  saran: tulis TW I",
        "kecil.xlsx (Realisasi Anggaran!F2): realisasi anggaran -5 bukan rupiah utuh 0 atau lebih",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // Nothing written.
    assert_eq!(
        fs::read_to_string(fixture.dir.join("realisasi/tw1.yaml")).unwrap(),
        before
    );
}

/// What import would write is read back as renaksi reads a report before
/// anything is written: a cell of 3 MB (past every text limit) leaves the
/// good table as it was. A key cell of the Identitas sheet cannot write a
/// key of its own (or YAML) into laporan.yaml.
#[test]
fn import_never_writes_what_renaksi_would_refuse() {
    let fixture = Fixture::new("build", "minimal");
    let dir = fixture.tmp.path();
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    let table = fixture.dir.join("lampiran/1-program.yaml");
    let before = fs::read(&table).unwrap();
    python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
d = wb["Data"]
head = [c.value for c in d[1]]
col = head.index("indikator") + 1
for r in range(2, d.max_row + 1):
    if d.cell(r, col).value == "Indeks Kepuasan Masyarakat":
        d.cell(r, col).value = "x" * 3_000_000
wb.save(sys.argv[2])
wb = openpyxl.load_workbook(sys.argv[1])
i = wb["Identitas"]
i.append(["tahun: 2099\nlogo", "../rahasia.png"])
wb.save(sys.argv[3])
"#,
        &[
            xlsx.to_str().unwrap(),
            fixture.path("besar.xlsx").to_str().unwrap(),
            fixture.path("kunci.xlsx").to_str().unwrap(),
        ],
    );
    let run = renaksi(&["import", "besar.xlsx", "minimal", "--lampiran"], dir);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "tidak ada berkas yang ditulis: tabel dari besar.xlsx akan ditolak renaksi:\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("terlalu panjang"), "{}", run.stderr);
    assert_eq!(fs::read(&table).unwrap(), before, "the good table is kept");

    let run = renaksi(&["import", "kunci.xlsx", "baru"], dir);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("galat: kunci.xlsx (Identitas!A"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("kunci `tahun: 2099\nlogo` bukan nama kunci laporan.yaml (lembar Identitas)"),
        "{}",
        run.stderr
    );
    assert!(!fixture.path("baru").exists());
}

/// A cell typed `85,5%` in Excel is stored as 0,855 with a percent format:
/// it is read as the 85,5 the person sees (also after LibreOffice saved
/// the workbook), never as 0,855; a budget shown as a percentage is
/// refused at its cell; and a finding `check` makes after the import
/// names the cell its indicator was read from.
#[test]
fn a_cell_means_what_a_person_sees() {
    let fixture = Fixture::new("build", "minimal");
    let xlsx = fixture.path("minimal.xlsx");
    export(&fixture.dir, &xlsx);
    let persen = fixture.path("persen.xlsx");
    let anggaran = fixture.path("anggaran.xlsx");
    let cells = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
d = wb["Data"]
head = [c.value for c in d[1]]
tahunan = head.index("target_tahunan") + 1
periode = head.index("target_periode") + 1
uang = head.index("anggaran") + 1
for r in range(2, d.max_row + 1):
    if d.cell(r, tahunan).value == 85.5:
        d.cell(r, tahunan).value = 0.855
        d.cell(r, tahunan).number_format = "0.0%"
    if d.cell(r, periode).value == 45.5:
        d.cell(r, periode).value = 0.455
        d.cell(r, periode).number_format = "0.0%"
        print(d.cell(r, periode).coordinate)
wb.save(sys.argv[2])
for r in range(2, d.max_row + 1):
    if d.cell(r, uang).value:
        d.cell(r, uang).value = 0.5
        d.cell(r, uang).number_format = "0%"
        print(d.cell(r, uang).coordinate)
        break
wb.save(sys.argv[3])
"#,
        &[
            xlsx.to_str().unwrap(),
            persen.to_str().unwrap(),
            anggaran.to_str().unwrap(),
        ],
    );
    let cells: Vec<&str> = cells.lines().collect();
    assert_eq!(cells.len(), 2, "{cells:?}");

    // As typed: the same report, from renaksi's reading and LibreOffice's.
    let copy = fixture.path("salinan");
    copy_dir(&fixture.dir, &copy);
    let said = import_lampiran(&persen, &copy);
    same(&fixture.dir, &copy);
    assert!(said.contains("0 perubahan dari"), "{said}");
    let lo = fixture.path("lo");
    soffice(&persen, "xlsx:Calc MS Excel 2007 XML", &lo);
    let lagi = fixture.path("lagi");
    copy_dir(&fixture.dir, &lagi);
    import_lampiran(&lo.join("persen.xlsx"), &lagi);
    same(&fixture.dir, &lagi);

    // A budget of 50 % is refused where it is, and nothing is written.
    let before = fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap();
    let run = renaksi(
        &["import", "anggaran.xlsx", "minimal", "--lampiran"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "galat: anggaran.xlsx (Data!{}): anggaran tertulis sebagai persen (50%), bukan rupiah\n",
            cells[1]
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(fixture.dir.join("lampiran/1-program.yaml")).unwrap(),
        before
    );

    // The monthly sum that does not reach the annual target, at its cell.
    assert!(
        said.contains("rencana per bulan berjumlah 300, tidak sama dengan target tahunan 1.800"),
        "{said}"
    );
    assert!(
        said.contains("\n  di lembar kerja: persen.xlsx (Data!G28)\n"),
        "{said}"
    );
}

/// The exported workbook prints as the Lampiran: the level sheets are the
/// ones selected (what Excel prints by default), each with its print area
/// and renaksi's page breaks between indicators, a sasaran continued on a
/// new page written again with "(lanjutan)"; printed by LibreOffice, every
/// indicator's twelve months stay on one page.
#[test]
fn the_workbook_prints_as_the_lampiran() {
    let fixture = Fixture::example();
    let xlsx = fixture.path("contoh.xlsx");
    export(&fixture.dir, &xlsx);
    let seen = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    breaks = [b.id for b in ws.row_breaks.brk]
    lanjutan = sum(1 for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.endswith("(lanjutan)"))
    print(ws.title, ws.sheet_view.tabSelected, ws.print_area, len(breaks), lanjutan)
"#,
        &[xlsx.to_str().unwrap()],
    );
    let lines: Vec<&str> = seen.lines().collect();
    for level in ["Program", "Kegiatan", "Sub Kegiatan", "Kinerja"] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{level} True ")))
            .unwrap_or_else(|| panic!("{seen}"));
        assert!(line.contains("$A$1:$J$"), "{line}");
    }
    let sub = lines
        .iter()
        .find(|l| l.starts_with("Sub Kegiatan "))
        .unwrap();
    let fields: Vec<&str> = sub.rsplitn(3, ' ').collect();
    assert!(fields[1].parse::<usize>().unwrap() >= 5, "{sub}");
    assert!(fields[0].parse::<usize>().unwrap() >= 1, "{sub}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Data ") && !l.starts_with("Data True")),
        "{seen}"
    );

    let lo = fixture.path("lo");
    soffice(&xlsx, "pdf", &lo);
    let pdf = lo.join("contoh.pdf");
    let pages: usize = crate::support::poppler("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut level_pages = 0;
    for n in 1..=pages {
        let text = crate::support::page_text(&pdf, n);
        if !text.contains("Tahunan") {
            continue;
        }
        level_pages += 1;
        assert_eq!(
            text.matches("Januari").count(),
            text.matches("Desember").count(),
            "page {n} breaks an indicator's months:\n{text}"
        );
    }
    assert!(level_pages >= 10, "{level_pages}");
}

/// What `check` finds in the quarters an import wrote is said with the
/// cell of the realisasi sheet it came from.
#[test]
fn a_realisasi_finding_after_import_names_its_cell() {
    let fixture = Fixture::new("monitoring", "kecil");
    let run = renaksi(&["export", "kecil", "-o", "kecil.xlsx"], fixture.tmp.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cell = python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
a = wb["Realisasi Anggaran"]
head = [c.value for c in a[1]]
for r in range(2, a.max_row + 1):
    if a.cell(r, head.index("kunci") + 1).value == "camat/program-pemberdayaan-masyarakat" and a.cell(r, 1).value == 2:
        c = a.cell(r, head.index("realisasi") + 1)
        c.value = 60000000
        print(c.coordinate)
wb.save(sys.argv[1])
"#,
        &[fixture.path("kecil.xlsx").to_str().unwrap()],
    );
    let cell = cell.trim();
    assert!(!cell.is_empty());
    let run = renaksi(
        &["import", "kecil.xlsx", "kecil", "--realisasi"],
        fixture.tmp.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "\n  di lembar kerja: kecil.xlsx (Realisasi Anggaran!{cell})\n"
        )),
        "{}",
        run.stderr
    );
}

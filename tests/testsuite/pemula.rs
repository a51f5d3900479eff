//! A newcomer's first day, through the binary: `init`, the placeholders,
//! the mistakes everyone makes once (a bare `%`, a month a space out of
//! line, money written as money, a misspelt variable), a logo, and the
//! built PDF. Every message on the way is asserted whole, so this day
//! cannot get worse unnoticed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{pdf_text, poppler, renaksi, squash, Run};

/// The report folder, and the runs of renaksi inside it.
struct Hari {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Hari {
    fn run(&self, args: &[&str]) -> Run {
        renaksi(args, &self.dir)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.dir.join(rel), text).unwrap();
    }

    /// Replaces `from` with `to` in a file; `from` must be there.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// `renaksi check` here: the exit code and everything it printed.
    fn check(&self) -> (i32, String) {
        let run = self.run(&["check"]);
        assert_eq!(run.stdout, "");
        (run.code, run.stderr)
    }
}

/// The scaffold file with its comment header kept and its data replaced.
fn with_data(scaffold: &str, data: &str) -> String {
    let header: String = scaffold
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("{header}{data}")
}

const PROGRAM: &str = "\
tingkat: program
pejabat:
  - jabatan: CAMAT
    sasaran:
      - uraian: Meningkatnya Kualitas Pelayanan Publik
        indikator:
          - uraian: Indeks Kepuasan Masyarakat
            satuan: %
            target: 85
            penjumlahan: akhir
            bulan:
              juni: 80
             desember: 85
        program_kegiatan:
          - uraian: Program Penyelenggaraan Pemerintahan dan Pelayanan Publik
            anggaran: Rp 1.150.000.000
";

#[test]
fn from_init_to_a_built_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let init = renaksi(&["init", "sawan-2023", "--tahun", "2023"], tmp.path());
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(
        init.stdout,
        "\
Laporan baru: sawan-2023 (Rencana Aksi Tahun 2023, kerangka baru)

Perlu diperiksa:
  [ ] sawan-2023/laporan.yaml: 8 tempat isian [isi: …]
  [ ] sawan-2023/laporan.yaml:18: tanggal penandatanganan kini 2 Januari 2023 (2023-01-02): sesuaikan dengan tanggal penetapan
  [ ] sawan-2023/narasi.yaml: 7 tempat isian [isi: …]
  [ ] sawan-2023/lampiran/1-program.yaml: 4 tempat isian [isi: …]
  [ ] sawan-2023/lampiran/2-kegiatan.yaml: 5 tempat isian [isi: …]
  [ ] sawan-2023/lampiran/3-sub-kegiatan.yaml: 5 tempat isian [isi: …]
  [ ] sawan-2023/lampiran/4-kinerja.yaml: 5 tempat isian [isi: …]
  [ ] sawan-2023/pegawai.yaml: 26 tempat isian [isi: …]

Berikutnya:
  renaksi watch sawan-2023   PDF diperbarui setiap kali berkas disimpan
  renaksi check sawan-2023   menyebut setiap tempat isian [isi: …] yang belum diisi
"
    );
    let hari = Hari {
        dir: tmp.path().join("sawan-2023"),
        _tmp: tmp,
    };

    // Inside the folder, `check` is about this report, placeholders first.
    let (code, out) = hari.check();
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "galat: laporan.yaml:5:13 (kecamatan): tempat isian belum diisi: [isi: nama kecamatan, misalnya Kubutambahan]\n \
             5 | kecamatan: \"[isi: nama kecamatan, misalnya Kubutambahan]\"\n   \
             |             ^\n  \
             saran: ganti seluruh tulisan dalam kurung siku itu, termasuk kurungnya, dengan isinya\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("\nfolder ini: 34 galat, 26 peringatan\n"),
        "{out}"
    );
    // `build` waits for them, and writes nothing.
    let build = hari.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(
        build
            .stderr
            .ends_with("galat: laporan memuat 34 galat data; PDF tidak disusun\n  saran: perbaiki yang disebut di atas (`renaksi check` menampilkan juga peringatannya)\n"),
        "{}",
        build.stderr
    );
    assert!(!hari.dir.join("out").exists());

    // The identity, with the logo line of the scaffold switched on.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/build/logo.png"),
        hari.dir.join("logo-buleleng.png"),
    )
    .unwrap();
    for (from, to) in [
        ("\"[isi: nama kecamatan, misalnya Kubutambahan]\"", "Sawan"),
        ("\"[isi: nama kabupaten, misalnya Buleleng]\"", "Buleleng"),
        ("# logo: logo-kabupaten.png", "logo: logo-buleleng.png"),
        ("\"[isi: tempat penandatanganan]\"", "Sangsit"),
        ("tanggal: 2023-01-02", "tanggal: 2023-01-16"),
        (
            "\"[isi: jabatan, misalnya Camat Kubutambahan]\"",
            "Camat Sawan",
        ),
        (
            "\"[isi: nama lengkap dengan gelar]\"",
            "I Gede Suartana, S.STP, M.Si",
        ),
        ("\"[isi: pangkat, misalnya Pembina Tk. I]\"", "Pembina"),
        ("\"[isi: golongan/ruang, misalnya IV/b]\"", "IV/a"),
        (
            "\"[isi: NIP 18 angka tanpa spasi]\"",
            "\"197501012000031002\"",
        ),
    ] {
        hari.edit("laporan.yaml", from, to);
    }

    // The narrative, with one variable misspelt.
    let narasi = with_data(
        &hari.read("narasi.yaml"),
        "\
kata_pengantar: |
  Puji syukur kami panjatkan karena Dokumen {{ judul }} Kantor Camat {{ kecamatn }}
  Tahun {{ tahun }} telah selesai disusun.

bab:
  - judul: Pendahuluan
    bagian:
      - judul: Latar Belakang
        isi: |
          Rencana aksi menjabarkan Perjanjian Kinerja Tahun {{ tahun }} menjadi target bulanan.
  - judul: Penutup
    isi: |
      Semoga dokumen ini bermanfaat bagi Kecamatan {{ kecamatan }}.
",
    );
    hari.write("narasi.yaml", &narasi);

    // The tables: no Kasubbag here, so no sub_kegiatan table; the program
    // table typed by hand, with the mistakes of a first table.
    fs::remove_file(hari.dir.join("lampiran/3-sub-kegiatan.yaml")).unwrap();
    let program = with_data(&hari.read("lampiran/1-program.yaml"), PROGRAM);
    hari.write("lampiran/1-program.yaml", &program);
    for (file, from, to) in [
        (
            "2-kegiatan.yaml",
            "\"[isi: jabatan, misalnya SEKRETARIS CAMAT]\"",
            "SEKRETARIS CAMAT",
        ),
        (
            "2-kegiatan.yaml",
            "\"[isi: uraian sasaran kegiatan]\"",
            "Meningkatnya Kualitas Perencanaan",
        ),
        (
            "2-kegiatan.yaml",
            "\"[isi: uraian indikator kinerja]\"",
            "Persentase Dokumen Perencanaan Tepat Waktu",
        ),
        (
            "2-kegiatan.yaml",
            "\"[isi: satuan, misalnya %, Dokumen, Orang]\"",
            "\"%\"",
        ),
        (
            "2-kegiatan.yaml",
            "\"[isi: nama kegiatan]\"",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja",
        ),
        (
            "4-kinerja.yaml",
            "\"[isi: jabatan staf, misalnya PENGADMINISTRASI UMUM]\"",
            "PENGADMINISTRASI UMUM",
        ),
        (
            "4-kinerja.yaml",
            "\"[isi: uraian sasaran kinerja]\"",
            "Tertibnya Administrasi Surat",
        ),
        (
            "4-kinerja.yaml",
            "\"[isi: uraian indikator kinerja]\"",
            "Jumlah Surat yang Diagendakan",
        ),
        (
            "4-kinerja.yaml",
            "\"[isi: satuan, misalnya %, Dokumen, Orang]\"",
            "Surat",
        ),
        (
            "4-kinerja.yaml",
            "\"[isi: nama kegiatan yang mendukung kinerja ini]\"",
            "Administrasi Umum Perangkat Daerah",
        ),
    ] {
        hari.edit(&format!("lampiran/{file}"), from, to);
    }
    // The people `init` listed from the scaffold's officials, for the PKs.
    let pegawai = with_data(
        &hari.read("pegawai.yaml"),
        "\
pegawai:
  - jabatan: Bupati Buleleng
    nama: Dr. I Putu Contoh, S.H.
  - jabatan: Camat Sawan
    lampiran: CAMAT
    nama: I Gede Suartana, S.STP, M.Si
    pangkat: Pembina
    golongan: IV/a
    nip: \"197501012000031002\"
    atasan: Bupati Buleleng
  - jabatan: Sekretaris Camat
    nama: Made Contoh, S.Sos
    pangkat: Penata Tk. I
    golongan: III/d
    nip: \"198002022005011003\"
    atasan: Camat Sawan
  - jabatan: Pengadministrasi Umum
    nama: Komang Contoh
    pangkat: Pengatur
    golongan: II/c
    nip: \"199003032015031004\"
    atasan: Sekretaris Camat
",
    );
    hari.write("pegawai.yaml", &pegawai);

    // 1. A bare `%`, and December a space short of June: both at once.
    let (code, out) = hari.check();
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "\
galat: lampiran/1-program.yaml:13:21: nilai yang diawali `%` harus diapit tanda kutip
 13 |             satuan: %
    |                     ^
  saran: tulis `satuan: \"%\"`
galat: lampiran/1-program.yaml:18:14: `desember` tidak sejajar: menjorok 13 spasi, sedangkan `juni` (baris 17) 14 spasi
 18 |              desember: 85
    |              ^
  saran: geser `desember` menjadi 14 spasi, sejajar dengan `juni` di baris 17
folder ini: 2 galat, 0 peringatan
"
    );
    hari.edit("lampiran/1-program.yaml", "satuan: %", "satuan: \"%\"");
    hari.edit(
        "lampiran/1-program.yaml",
        "             desember",
        "              desember",
    );

    // 2. Money written as money.
    let (code, out) = hari.check();
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "\
galat: lampiran/1-program.yaml:21:23 (pejabat[0].sasaran[0].program_kegiatan[0].anggaran): jenis nilai salah: tertulis teks \"Rp 1.150.000.000\"
 21 |             anggaran: Rp 1.150.000.000
    |                       ^
  saran: tulis bilangannya saja, tanpa `Rp` dan tanda baca: 1150000000
folder ini: 1 galat, 0 peringatan
"
    );
    hari.edit("lampiran/1-program.yaml", "Rp 1.150.000.000", "1150000000");

    // 3. The misspelt variable, with the caret on it.
    let (code, out) = hari.check();
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "\
galat: narasi.yaml:7:73 (kata_pengantar): variabel `kecamatn` tidak dikenal
 7 |   Puji syukur kami panjatkan karena Dokumen {{ judul }} Kantor Camat {{ kecamatn }}
   |                                                                         ^
  saran: maksud Anda: {{ kecamatan }}?
folder ini: 1 galat, 0 peringatan
"
    );
    hari.edit("narasi.yaml", "{{ kecamatn }}", "{{ kecamatan }}");

    // Clean.
    let (code, out) = hari.check();
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "folder ini: 0 galat, 0 peringatan\n");

    // Built here, into out/ here.
    let build = hari.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(
        build.stderr,
        "PDF ditulis: out/sawan-2023.pdf (8 halaman)\n"
    );
    let pdf = hari.dir.join("out/sawan-2023.pdf");
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "RENCANA AKSI ATAS PERJANJIAN KINERJA",
        "PEMERINTAH KECAMATAN SAWAN",
        "KABUPATEN BULELENG",
        "TAHUN 2023",
        "Kantor Camat Sawan Tahun 2023 telah selesai disusun",
        "Sangsit, 16 Januari 2023",
        "I Gede Suartana, S.STP, M.Si",
        "NIP. 19750101 200003 1 002",
        "Indeks Kepuasan Masyarakat",
        "1.150.000.000",
        "Administrasi Umum Perangkat Daerah",
    ] {
        assert!(text.contains(&squash(expected)), "{expected}\n{text}");
    }
    assert!(!text.contains("[isi:"));
    // And the Perjanjian Kinerja of each official with a superior.
    let pk = hari.run(&["build", "--dokumen", "pk"]);
    assert_eq!(pk.code, 0, "{}", pk.stderr);
    assert_eq!(
        pk.stderr.matches("PDF ditulis: out/sawan-2023-pk-").count(),
        3,
        "{}",
        pk.stderr
    );
    // The logo is on the cover: one image on page 1.
    let images = poppler(
        "pdfimages",
        &["-list", "-f", "1", "-l", "1", pdf.to_str().unwrap()],
    );
    assert_eq!(images.lines().count(), 3, "{images}");
}

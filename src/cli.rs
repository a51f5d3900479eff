//! Command-line arguments. Command and flag names are short English verbs;
//! every text a user reads — help, usage and errors — is in Indonesian.

use std::path::PathBuf;

use renaksi::content::Dokumen;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand};

const UTAMA: &str =
    "{about}\n\nPemakaian: {usage}\n\nPerintah:\n{subcommands}\n\nOpsi:\n{options}\n";
const PERINTAH: &str =
    "{about}\n\nPemakaian: {usage}\n\nArgumen:\n{positionals}\n\nOpsi:\n{options}\n";

/// renaksi — Rencana Aksi atas Perjanjian Kinerja dari YAML ke PDF.
#[derive(Debug, Parser)]
#[command(name = "renaksi", version, about, long_about = None, help_template = UTAMA)]
#[command(
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
#[command(subcommand_value_name = "PERINTAH")]
pub struct Cli {
    /// Perintah yang dijalankan.
    #[command(subcommand)]
    pub command: Command,

    /// Tampilkan bantuan ini.
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Tampilkan versi renaksi.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Membuat folder laporan baru: kerangka berisi tempat isian, atau
    /// salinan laporan tahun lalu dengan tahun yang dimajukan (--from).
    #[command(help_template = PERINTAH, override_usage = "renaksi init DIR [--from LAMA] [--tahun TAHUN] [--perubahan]")]
    Init(InitArgs),
    /// Menyusun PDF laporan dari folder YAML.
    #[command(help_template = PERINTAH, override_usage = "renaksi build [DIR] [-o OUT] [--final] [--jejak] [--emit-typst FILE] [--pdf-a] [--sign FILE [--password-file FILE] [--invisible] [--signing-time WAKTU]]\n       renaksi build [DIR] --dokumen pk [--gabung] [opsi yang sama]\n       renaksi build [DIR] --dokumen monitoring --triwulan N [opsi yang sama]")]
    Build(BuildArgs),
    /// Menyusun ulang PDF setiap kali berkas laporan disimpan.
    #[command(help_template = PERINTAH, override_usage = "renaksi watch [DIR] [-o OUT] [--dokumen pk [--gabung] | --dokumen monitoring --triwulan N]")]
    Watch(WatchArgs),
    /// Membuka editor laporan di peramban: formulir identitas, narasi dan
    /// tabel Lampiran, temuan `check` di setiap isian, pratinjau PDF.
    #[command(help_template = PERINTAH, override_usage = "renaksi serve [DIR] [--port N] [--buka] [--alamat IP]")]
    Serve(ServeArgs),
    /// Menyajikan folder batch di repositori git bagi banyak pengguna:
    /// masuk dengan akun, setiap pengguna menyunting kecamatannya, setiap
    /// simpan menjadi commit atas namanya (lihat docs/server.md).
    #[command(help_template = PERINTAH, override_usage = "renaksi server DIR [--port N] [--alamat IP] [--host NAMA]... [--https] [--pengguna BERKAS] [--batas-diam MENIT] [--smtp HOST:PORT [--smtp-dari ALAMAT]]")]
    Server(ServerArgs),
    /// Mengatur akun renaksi server: tambah, ubah, hapus, daftar. Sandi
    /// ditanyakan di terminal (atau dibaca dari masukan standar).
    #[command(help_template = UTAMA, override_usage = "renaksi pengguna tambah|ubah|hapus|daftar ...")]
    Pengguna(PenggunaArgs),
    /// Menulis formulir realisasi satu triwulan (realisasi/twN.yaml): setiap
    /// indikator dan program Rencana Aksi dengan kuncinya, siap diisi.
    #[command(help_template = PERINTAH, override_usage = "renaksi realisasi [DIR] --triwulan N")]
    Realisasi(RealisasiArgs),
    /// Menulis formulir Laporan Kinerja (renstra.yaml dan lkjip.yaml) dari
    /// Lampiran: sasaran dan indikator kepala kantor sebagai IKU, siap diisi.
    #[command(help_template = PERINTAH, override_usage = "renaksi lkjip [DIR]")]
    Lkjip(LkjipArgs),
    /// Memeriksa data laporan: target yang tidak berjumlah, tahun, NIP,
    /// pangkat/golongan, ejaan bulan.
    #[command(help_template = PERINTAH, override_usage = "renaksi check [DIR] [--deny-warnings] [--format teks|json]")]
    Check(CheckArgs),
    /// Membandingkan dua versi laporan dan menyebut perubahannya dalam
    /// istilah laporan: pejabat, sasaran, indikator, target, anggaran.
    #[command(help_template = PERINTAH, override_usage = "renaksi diff LAMA BARU [--format teks|json]\n       renaksi diff --git REV[..REV2] [DIR] [--format teks|json]")]
    Diff(DiffArgs),
    /// Memeriksa apakah PDF persis yang disusun dari YAML-nya: disusun ulang
    /// dari folder (atau revisi git-nya) seperti tercatat di PDF, lalu
    /// dibandingkan byte demi byte.
    #[command(help_template = PERINTAH, override_usage = "renaksi verify BERKAS.pdf [DIR] [--git REV]\n       renaksi verify FOLDER-KELUARAN FOLDER-BATCH [--git REV]")]
    Verify(VerifyArgs),
    /// Menandatangani PDF (PAdES-B-B) dengan kunci dan sertifikat PKCS#12.
    #[command(help_template = PERINTAH, override_usage = "renaksi sign IN.pdf --p12 FILE [-o OUT.pdf] [--blok BLOK] [--password-file FILE] [--invisible] [--signing-time WAKTU]")]
    Sign(SignArgs),
    /// Membuat sertifikat UJI (bukan BSrE) untuk pejabat penandatangan
    /// laporan, berlaku selama tanggal-tanggal laporannya: untuk mencoba
    /// --sign. Tanda tangan sungguhan tetap lewat BSrE.
    #[command(help_template = PERINTAH, override_usage = "renaksi testcert [DIR] [-o FOLDER]")]
    Testcert(TestcertArgs),
    /// Menyusun PDF semua laporan di sebuah folder sekaligus, paralel,
    /// dengan manifest JSON.
    #[command(help_template = PERINTAH, override_usage = "renaksi batch [DIR] [-o OUT] [-j N] [--shard K/N] [--final] [--dokumen pk [--gabung] | --dokumen monitoring --triwulan N]")]
    Batch(BatchArgs),
    /// Mengolah manifest batch: `renaksi manifest merge` menggabungkan
    /// manifest bagian-bagian (--shard).
    #[command(help_template = UTAMA, subcommand_value_name = "PERINTAH")]
    Manifest(ManifestArgs),
    /// Mencetak JSON Schema berkas YAML, agar editor (VS Code dengan
    /// ekstensi YAML) melengkapi dan memeriksa kunci saat mengetik.
    #[command(help_template = PERINTAH, override_usage = "renaksi schema [laporan|narasi|lampiran|pegawai|realisasi] [-o DIR]")]
    Schema(SchemaArgs),
    /// Menulis Lampiran laporan sebagai lembar kerja .xlsx (tabel seperti
    /// di PDF, tabel datar `Data`, `Identitas`) atau tabel datar .csv.
    #[command(help_template = PERINTAH, override_usage = "renaksi export [DIR] [-o OUT] [--format xlsx|csv] [--gabung]")]
    Export(ExportArgs),
    /// Membaca tabel datar lembar kerja (.xlsx) menjadi Lampiran YAML: folder
    /// laporan baru, atau --lampiran untuk memperbarui folder yang ada.
    #[command(help_template = PERINTAH, override_usage = "renaksi import BERKAS.xlsx DIR [--lampiran | --realisasi] [--coba]")]
    Import(ImportArgs),
    /// Menulis ulang berkas laporan (laporan.yaml, narasi.yaml, lampiran/,
    /// realisasi/)
    /// dalam gaya kanonis (penulis yang sama dengan `import`), dengan setiap
    /// komentar tetap pada kuncinya.
    #[command(help_template = PERINTAH, override_usage = "renaksi fmt [DIR] [--check] [--buang-komentar]")]
    Fmt(FmtArgs),
    /// Menulis templat lembar kerja kosong (.xlsx) untuk diisi kecamatan:
    /// Petunjuk, Data dengan daftar pilihan, Identitas.
    #[command(help_template = PERINTAH, override_usage = "renaksi template xlsx [-o OUT]")]
    Template(TemplateArgs),
    /// Mencetak skrip pelengkapan perintah (tab) untuk shell: bash, zsh,
    /// fish atau powershell.
    #[command(help_template = PERINTAH, override_usage = "renaksi completions bash|zsh|fish|powershell")]
    Completions(CompletionsArgs),
}

/// Arguments of `renaksi verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// PDF yang diperiksa (juga PDF bertanda tangan: revisi pertamanya), atau
    /// folder keluaran batch berisi manifest.json: setiap PDF-nya.
    #[arg(value_name = "BERKAS.pdf")]
    pub pdf: PathBuf,

    /// Folder laporan sumbernya (untuk folder keluaran batch: folder
    /// batch-nya); tanpa DIR: folder ini bila berisi laporan.yaml, selain
    /// itu folder yang tercatat di PDF (contoh bawaan hanya untuk PDF yang
    /// disusun darinya).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Susun ulang dari berkas folder itu pada revisi git REV, bukan dari
    /// berkasnya sekarang.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,

    #[command(flatten)]
    pub sebelumnya: SebelumnyaArgs,
}

/// Arguments of `renaksi lkjip`.
#[derive(Debug, clap::Args)]
pub struct LkjipArgs {
    /// Folder laporan; tanpa DIR: folder ini bila berisi laporan.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Arguments of `renaksi realisasi`.
#[derive(Debug, clap::Args)]
pub struct RealisasiArgs {
    /// Folder laporan; tanpa DIR: folder ini bila berisi laporan.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Triwulan, 1–4: tulis formulir realisasi triwulan itu.
    #[arg(
        long,
        value_name = "N",
        value_parser = triwulan,
        required_unless_present = "ikuti_perubahan",
        conflicts_with = "ikuti_perubahan"
    )]
    pub triwulan: Option<u8>,

    /// Rencana Aksi Perubahan: ganti kunci indikator dan program yang
    /// uraiannya diganti sejak versi sebelumnya (`versi_sebelumnya` atau
    /// --sebelumnya) di setiap berkas realisasi yang ada.
    #[arg(long)]
    pub ikuti_perubahan: bool,

    #[command(flatten)]
    pub sebelumnya: SebelumnyaArgs,
}

/// Arguments of `renaksi export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Folder laporan atau folder batch; tanpa DIR: folder ini bila berisi
    /// laporan.yaml atau kabupaten.yaml, selain itu contoh bawaan.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Tujuan: berkas .xlsx/.csv, atau folder (berkas dinamai seperti folder
    /// laporan); bawaan: folder out.
    #[arg(
        short,
        long,
        value_name = "OUT",
        default_value = "out",
        hide_default_value = true
    )]
    pub output: PathBuf,

    /// Bentuk berkas: xlsx (bawaan) atau csv (tabel datar saja).
    #[arg(
        long,
        value_enum,
        default_value = "xlsx",
        value_name = "BENTUK",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: LembarFormat,

    /// Untuk folder batch: satu berkas untuk seluruh kabupaten, dengan kolom
    /// kecamatan, bukan satu berkas per kecamatan.
    #[arg(long)]
    pub gabung: bool,
}

/// File format of `renaksi export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LembarFormat {
    /// Excel workbook.
    Xlsx,
    /// The flat table as CSV.
    Csv,
}

/// Arguments of `renaksi fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Folder laporan atau folder batch; tanpa DIR: folder ini bila berisi
    /// laporan.yaml atau kabupaten.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Jangan menulis: kode keluar 1 bila ada berkas yang belum kanonis
    /// (untuk CI).
    #[arg(long)]
    pub check: bool,

    /// Tulis juga bila ada komentar yang akan hilang (komentar pada kunci
    /// yang tidak ditulis bentuk kanonis).
    #[arg(long)]
    pub buang_komentar: bool,
}

/// Arguments of `renaksi testcert`.
#[derive(Debug, clap::Args)]
pub struct TestcertArgs {
    /// Folder laporan; bawaan: folder ini bila berisi laporan.yaml, selain
    /// itu contoh bawaan.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Folder tujuan (dibuat; berkas yang sudah ada tidak ditimpa); bawaan:
    /// sertifikat-uji.
    #[arg(
        short,
        long,
        value_name = "FOLDER",
        default_value = "sertifikat-uji",
        hide_default_value = true
    )]
    pub output: PathBuf,
}

/// Arguments of `renaksi template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Jenis templat: xlsx.
    #[arg(value_enum, value_name = "JENIS")]
    pub jenis: JenisTemplat,

    /// Berkas tujuan; bawaan: out/templat-rencana-aksi.xlsx.
    #[arg(
        short,
        long,
        value_name = "OUT",
        default_value = "out/templat-rencana-aksi.xlsx",
        hide_default_value = true
    )]
    pub output: PathBuf,
}

/// What `renaksi template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum JenisTemplat {
    /// A blank workbook to fill in and import.
    Xlsx,
}

/// Arguments of `renaksi import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Lembar kerja .xlsx dengan lembar `Data` (dari `renaksi export` atau
    /// diisi dengan kolom yang sama).
    #[arg(value_name = "BERKAS.xlsx")]
    pub file: PathBuf,

    /// Folder laporan yang dibuat; dengan --lampiran: folder laporan yang
    /// Lampirannya diperbarui.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Perbarui berkas lampiran/*.yaml folder laporan yang sudah ada.
    #[arg(long)]
    pub lampiran: bool,

    /// Baca lembar `Realisasi` dan `Realisasi Anggaran` menjadi
    /// realisasi/twN.yaml folder laporan yang sudah ada.
    #[arg(long, conflicts_with = "lampiran")]
    pub realisasi: bool,

    /// Cetak apa yang akan berubah (seperti `renaksi diff`) tanpa menulis
    /// apa pun.
    #[arg(long)]
    pub coba: bool,
}

/// Arguments of `renaksi completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// Shell tujuan: bash, zsh, fish atau powershell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// The shells whose completion scripts are printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell (Windows).
    Powershell,
}

/// Arguments of `renaksi build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder laporan (berisi laporan.yaml, narasi.yaml, lampiran/).
    /// Tanpa DIR: folder ini bila berisi laporan.yaml, selain itu contoh
    /// bawaan Kecamatan Kubutambahan 2022.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub tujuan: Tujuan,

    /// Tulis juga sumber Typst yang dihasilkan ke FILE.
    #[arg(long, value_name = "FILE")]
    pub emit_typst: Option<PathBuf>,

    /// Susun sebagai PDF/A-2b (arsip).
    #[arg(long)]
    pub pdf_a: bool,

    /// Tandatangani PDF (PAdES) dengan kunci dan sertifikat di berkas
    /// PKCS#12 (.p12/.pfx) ini; PDF hanya ditulis bila penandatanganan
    /// berhasil.
    #[arg(long, value_name = "FILE")]
    pub sign: Option<PathBuf>,

    #[command(flatten)]
    pub signing: SigningArgs,

    #[command(flatten)]
    pub jenis: PilihDokumen,

    #[command(flatten)]
    pub sebelumnya: SebelumnyaArgs,
}

/// The previous version of a Rencana Aksi Perubahan, on the command line.
#[derive(Debug, clap::Args)]
pub struct SebelumnyaArgs {
    /// Rencana Aksi Perubahan: folder laporan versi sebelumnya; Lampiran
    /// diikuti Matriks Perubahan. Menimpa `versi_sebelumnya` laporan.yaml.
    #[arg(long, value_name = "FOLDER", conflicts_with = "sebelumnya_git")]
    pub sebelumnya: Option<PathBuf>,

    /// Rencana Aksi Perubahan: versi sebelumnya adalah folder laporan ini
    /// pada revisi git REV (tag, cabang atau commit).
    #[arg(long, value_name = "REV")]
    pub sebelumnya_git: Option<String>,
}

impl SebelumnyaArgs {
    /// The previous version named, if any.
    pub fn pilihan(&self) -> Option<renaksi::content::Sebelumnya> {
        use renaksi::content::Sebelumnya;
        match (&self.sebelumnya, &self.sebelumnya_git) {
            (Some(folder), _) => Some(Sebelumnya::Folder(folder.clone())),
            (None, Some(rev)) => Some(Sebelumnya::Git(rev.clone())),
            (None, None) => None,
        }
    }
}

/// Which document `build` and `batch` make, and how.
#[derive(Debug, clap::Args)]
pub struct PilihDokumen {
    #[command(flatten)]
    pub jenis: JenisDokumen,

    /// Susun dokumen final: tanpa tanda DRAF, dan hanya bila `check` tidak
    /// menemukan galat (dengan `final_tanpa_peringatan: true`: juga
    /// peringatan). Tanpa opsi ini PDF adalah draf.
    #[arg(long = "final")]
    pub final_: bool,

    /// Cetak sidik sumber (SHA-256 pendek berkas YAML-nya) di kaki setiap
    /// halaman; sidik lengkapnya selalu ada di metadata PDF.
    #[arg(long)]
    pub jejak: bool,
}

/// Which document `build`, `batch` and `watch` make.
#[derive(Debug, clap::Args)]
pub struct JenisDokumen {
    /// Dokumen yang disusun: rencana-aksi (bawaan), pk (Perjanjian
    /// Kinerja setiap pejabat yang tercantum di pegawai.yaml, satu PDF per
    /// pejabat), monitoring (laporan capaian triwulan, dengan --triwulan)
    /// atau lkjip (Laporan Kinerja akhir tahun, dari renstra.yaml,
    /// lkjip.yaml dan realisasi Triwulan IV).
    #[arg(
        long,
        default_value = "rencana-aksi",
        value_name = "DOKUMEN",
        value_parser = clap::builder::PossibleValuesParser::new(["rencana-aksi", "pk", "monitoring", "lkjip"]),
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub dokumen: String,

    /// Dengan --dokumen pk: semua Perjanjian Kinerja (sebuah laporan) dalam
    /// satu PDF.
    #[arg(long)]
    pub gabung: bool,

    /// Dengan --dokumen monitoring: triwulan yang dilaporkan, 1–4 (4:
    /// evaluasi setahun).
    #[arg(long, value_name = "N", value_parser = triwulan)]
    pub triwulan: Option<u8>,
}

impl JenisDokumen {
    /// The document asked for; `--gabung` without `--dokumen pk`, and
    /// `--triwulan` with any document but the monitoring report (or that
    /// without it), are refused.
    pub fn dokumen(&self) -> Result<Dokumen, renaksi::Error> {
        if self.gabung && self.dokumen != "pk" {
            return Err(renaksi::Error::Usage {
                message: "--gabung hanya untuk --dokumen pk".into(),
                hint: "--dokumen pk --gabung menyusun semua Perjanjian Kinerja sebuah laporan dalam satu PDF".into(),
            });
        }
        let dokumen = match (self.dokumen.as_str(), self.triwulan) {
            ("monitoring", None) => {
                return Err(renaksi::Error::Usage {
                    message: "--dokumen monitoring memerlukan --triwulan".into(),
                    hint:
                        "sebut triwulan yang dilaporkan, misalnya --dokumen monitoring --triwulan 2"
                            .into(),
                })
            }
            ("monitoring", Some(n)) => Dokumen::Monitoring(usize::from(n)),
            (_, Some(_)) => {
                return Err(renaksi::Error::Usage {
                    message: "--triwulan hanya untuk --dokumen monitoring".into(),
                    hint: "--dokumen monitoring --triwulan 2 menyusun laporan capaian Triwulan II"
                        .into(),
                })
            }
            ("pk", None) => Dokumen::Pk,
            ("lkjip", None) => Dokumen::Lkjip,
            _ => Dokumen::RencanaAksi,
        };
        Ok(dokumen)
    }
}

/// How a PDF is signed, shared by `build --sign` and `sign`.
#[derive(Debug, clap::Args)]
pub struct SigningArgs {
    /// Berkas berisi kata sandi berkas .p12 (baris pertamanya); tanpa
    /// opsi ini: variabel lingkungan RENAKSI_P12_PASSWORD.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,

    /// Tanda tangan tanpa tampilan di halaman.
    #[arg(long)]
    pub invisible: bool,

    /// Waktu penandatanganan (/M), RFC 3339, misalnya
    /// 2022-10-12T09:30:00+08:00; bawaan: tanggal laporan (tanggal
    /// pembuatan PDF).
    #[arg(long, value_name = "WAKTU", value_parser = parse_time)]
    pub signing_time: Option<String>,
}

fn parse_time(text: &str) -> Result<String, String> {
    renaksi::sign::pdf_date(text)
}

/// Arguments of `renaksi sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// PDF yang ditandatangani (tidak diubah).
    #[arg(value_name = "IN.pdf")]
    pub input: PathBuf,

    /// Berkas PKCS#12 (.p12/.pfx) berisi kunci privat dan sertifikat.
    #[arg(long, value_name = "FILE")]
    pub p12: PathBuf,

    /// PDF bertanda tangan; bawaan: IN-ttd.pdf di samping IN.pdf.
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,

    /// Kotak tanda tangan (nama `blok` di berkas koordinat .tte.json), misalnya
    /// `lampiran-pihak-kedua` untuk atasan pada Perjanjian Kinerja; bawaan:
    /// kotak terakhir.
    #[arg(long, value_name = "BLOK")]
    pub blok: Option<String>,

    #[command(flatten)]
    pub signing: SigningArgs,
}

/// Arguments of `renaksi check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Folder laporan, atau folder batch (semua laporannya diperiksa).
    /// Tanpa DIR: folder ini bila berisi laporan.yaml atau kabupaten.yaml,
    /// selain itu contoh bawaan.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Anggap peringatan sebagai kegagalan (kode keluar 1).
    #[arg(long)]
    pub deny_warnings: bool,

    #[command(flatten)]
    pub sebelumnya: SebelumnyaArgs,

    #[command(flatten)]
    pub bentuk: Bentuk,
}

/// Arguments of `renaksi init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder laporan baru; tidak boleh sudah berisi berkas.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Folder laporan tahun lalu yang disalin (laporan tunggal atau folder
    /// batch berisi kabupaten.yaml).
    #[arg(long, value_name = "LAMA")]
    pub from: Option<PathBuf>,

    /// Tahun laporan baru; bawaan: tahun laporan lama + 1, atau tahun ini
    /// untuk kerangka baru.
    #[arg(long, value_name = "TAHUN", value_parser = tahun)]
    pub tahun: Option<i32>,

    /// Laporan baru adalah Rencana Aksi Perubahan.
    #[arg(long)]
    pub perubahan: bool,
}

/// Arguments of `renaksi watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Folder laporan; bawaan: folder ini bila berisi laporan.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub jenis: JenisDokumen,

    #[command(flatten)]
    pub tujuan: Tujuan,
}

/// Arguments of `renaksi serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Folder laporan atau folder batch; bawaan: folder ini bila berisi
    /// laporan.yaml atau kabupaten.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Port; bawaan: port bebas yang dipilih sistem (alamatnya dicetak).
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true, value_parser = port)]
    pub port: u16,

    /// Membuka editor di peramban bawaan.
    #[arg(long)]
    pub buka: bool,

    /// Alamat IP untuk mendengarkan; bawaan 127.0.0.1 (hanya komputer ini).
    /// Alamat lain membuka editor bagi komputer lain di jaringan.
    #[arg(long, value_name = "IP")]
    pub alamat: Option<std::net::IpAddr>,
}

/// Arguments of `renaksi server`.
#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// Folder batch (kabupaten.yaml dan satu folder per kecamatan) di dalam
    /// repositori git.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Port; bawaan 8080.
    #[arg(long, value_name = "N", default_value_t = 8080, hide_default_value = true, value_parser = port)]
    pub port: u16,

    /// Alamat IP untuk mendengarkan; bawaan 127.0.0.1 (di belakang reverse
    /// proxy di komputer yang sama).
    #[arg(long, value_name = "IP")]
    pub alamat: Option<std::net::IpAddr>,

    /// Nama host yang dibuka pengguna (misalnya sakip.bulelengkab.go.id),
    /// selain 127.0.0.1 dan localhost; boleh berulang.
    #[arg(long = "host", value_name = "NAMA")]
    pub host: Vec<String>,

    /// Pengguna membuka server lewat https (TLS di reverse proxy): cookie
    /// sesi hanya dikirim lewat https.
    #[arg(long)]
    pub https: bool,

    /// Berkas akun; bawaan: di samping repositori (REPO.pengguna.yaml),
    /// atau RENAKSI_PENGGUNA.
    #[arg(long, value_name = "BERKAS", env = "RENAKSI_PENGGUNA", hide_env = true)]
    pub pengguna: Option<PathBuf>,

    /// Server SMTP (relai kabupaten, tanpa TLS) untuk pemberitahuan surel:
    /// pengajuan ke verifikator, pengembalian, persetujuan dan komentar ke
    /// operator kecamatan.
    #[arg(long, value_name = "HOST:PORT")]
    pub smtp: Option<String>,

    /// Alamat pengirim surel pemberitahuan; bawaan renaksi@localhost.
    #[arg(
        long,
        value_name = "ALAMAT",
        default_value = "renaksi@localhost",
        hide_default_value = true
    )]
    pub smtp_dari: String,

    /// Sesi berakhir setelah sekian menit tanpa kegiatan; bawaan 30.
    #[arg(long, value_name = "MENIT", default_value_t = 30, hide_default_value = true, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub batas_diam: u64,
}

/// Arguments of `renaksi pengguna`.
#[derive(Debug, clap::Args)]
pub struct PenggunaArgs {
    #[command(subcommand)]
    pub perintah: PerintahPengguna,

    /// Folder batch yang disajikan server (untuk menemukan berkas akun di
    /// samping repositorinya); bawaan: folder ini.
    #[arg(long, value_name = "DIR", global = true)]
    pub folder: Option<PathBuf>,

    /// Berkas akun; bawaan: di samping repositori (REPO.pengguna.yaml),
    /// atau RENAKSI_PENGGUNA.
    #[arg(
        long,
        value_name = "BERKAS",
        env = "RENAKSI_PENGGUNA",
        hide_env = true,
        global = true
    )]
    pub berkas: Option<PathBuf>,
}

/// The subcommands of `renaksi pengguna`.
#[derive(Debug, Subcommand)]
pub enum PerintahPengguna {
    /// Menambah akun; sandinya ditanyakan.
    #[command(help_template = PERINTAH, override_usage = "renaksi pengguna tambah NAMA --peran PERAN [--kecamatan KEC,...] [--nama NAMA LENGKAP] [--email EMAIL] [--sementara]")]
    Tambah(AkunArgs),
    /// Mengubah akun: peran, kecamatan, nama, e-mail, dan dengan --sandi
    /// sandinya (sesinya di server berakhir).
    #[command(help_template = PERINTAH, override_usage = "renaksi pengguna ubah NAMA [--peran PERAN] [--kecamatan KEC,...] [--nama NAMA LENGKAP] [--email EMAIL] [--sandi [--sementara]]")]
    Ubah(AkunArgs),
    /// Menghapus akun.
    #[command(help_template = PERINTAH, override_usage = "renaksi pengguna hapus NAMA")]
    Hapus {
        /// Nama pengguna.
        #[arg(value_name = "NAMA")]
        login: String,
    },
    /// Menampilkan semua akun (tanpa sandi).
    #[command(
        help_template = "{about}\n\nPemakaian: {usage}\n\nOpsi:\n{options}\n",
        override_usage = "renaksi pengguna daftar"
    )]
    Daftar,
}

/// An account as given on the command line.
#[derive(Debug, clap::Args)]
pub struct AkunArgs {
    /// Nama pengguna untuk masuk: huruf kecil, angka, titik, garis.
    #[arg(value_name = "NAMA")]
    pub login: String,

    /// Peran: operator, verifikator, admin, pimpinan.
    #[arg(long, value_name = "PERAN", value_parser = ["operator", "verifikator", "admin", "pimpinan"], hide_possible_values = true)]
    pub peran: Option<String>,

    /// Folder kecamatan yang disunting operator; boleh berulang atau
    /// dipisah koma.
    #[arg(long, value_name = "KEC", value_delimiter = ',')]
    pub kecamatan: Vec<String>,

    /// Nama lengkap (penulis commit).
    #[arg(long = "nama", value_name = "NAMA LENGKAP")]
    pub nama: Option<String>,

    /// Alamat e-mail (penulis commit).
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,

    /// Dengan `ubah`: menanyakan sandi baru.
    #[arg(long)]
    pub sandi: bool,

    /// Sandi sementara: pengguna harus menggantinya sendiri saat pertama
    /// masuk, sebelum yang lain.
    #[arg(long)]
    pub sementara: bool,
}

/// Arguments of `renaksi diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// LAMA dan BARU: dua folder laporan, dua folder batch, atau dua berkas
    /// laporan. Dengan
    /// --git: satu folder laporan (bawaan: folder kerja). Tujuh argumen:
    /// dipanggil oleh git sebagai diff eksternal (lihat docs/workflow.md).
    #[arg(value_name = "LAMA BARU", num_args = 0..=7)]
    pub paths: Vec<PathBuf>,

    /// Bandingkan folder laporan pada revisi git REV dengan isinya sekarang,
    /// atau dua revisi: REV..REV2.
    #[arg(long = "git", value_name = "REV")]
    pub git: Option<String>,

    #[command(flatten)]
    pub bentuk: Bentuk,
}

/// Arguments of `renaksi batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Folder yang berisi satu folder laporan per kecamatan; bawaan: folder
    /// ini bila berisi kabupaten.yaml.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Folder tujuan PDF dan manifest; bawaan: folder out.
    #[arg(
        short,
        long,
        value_name = "OUT",
        default_value = "out",
        hide_default_value = true
    )]
    pub output: PathBuf,

    /// Jumlah laporan yang disusun bersamaan; bawaan: jumlah inti prosesor.
    #[arg(short, long, value_name = "N", value_parser = jumlah)]
    pub jobs: Option<u16>,

    /// Susun hanya bagian ke-K dari N bagian (misalnya 3/8), untuk membagi
    /// batch ke beberapa mesin; gabungkan manifestnya dengan
    /// `renaksi manifest merge`.
    #[arg(long, value_name = "K/N", value_parser = renaksi::batch::Shard::parse)]
    pub shard: Option<renaksi::batch::Shard>,

    #[command(flatten)]
    pub jenis: PilihDokumen,

    /// Rencana Aksi Perubahan: versi sebelumnya setiap laporan adalah
    /// foldernya pada revisi git REV; Lampiran diikuti Matriks Perubahan.
    #[arg(long, value_name = "REV")]
    pub sebelumnya_git: Option<String>,
}

/// Arguments of `renaksi manifest`.
#[derive(Debug, clap::Args)]
pub struct ManifestArgs {
    /// What to do with manifests.
    #[command(subcommand)]
    pub command: ManifestCommand,
}

/// The subcommands of `renaksi manifest`.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Menggabungkan manifest bagian-bagian sebuah batch menjadi satu.
    #[command(help_template = PERINTAH, override_usage = "renaksi manifest merge BERKAS... -o OUT")]
    Merge(MergeArgs),
}

/// Arguments of `renaksi manifest merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Manifest bagian-bagian (manifest-K-dari-N.json).
    #[arg(value_name = "BERKAS", required = true)]
    pub parts: Vec<PathBuf>,

    /// Berkas manifest gabungan yang ditulis.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

/// Arguments of `renaksi schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Jenis berkas yang skemanya dicetak ke keluaran standar: laporan
    /// (laporan.yaml), narasi (narasi.yaml) atau lampiran (lampiran/*.yaml).
    #[arg(value_enum, value_name = "JENIS", hide_possible_values = true)]
    pub jenis: Option<renaksi::schema::Jenis>,

    /// Tulis ketiga skema (laporan, narasi, lampiran .schema.json) ke folder DIR.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Where the PDF of one report goes, for `build` and `watch`.
#[derive(Debug, clap::Args)]
pub struct Tujuan {
    /// Tujuan: folder (PDF diberi nama folder laporan) atau berkas .pdf;
    /// bawaan: folder out.
    #[arg(
        short,
        long,
        value_name = "OUT",
        default_value = "out",
        hide_default_value = true
    )]
    pub output: PathBuf,
}

/// How `check` and `diff` print what they found.
#[derive(Debug, clap::Args)]
pub struct Bentuk {
    /// Bentuk keluaran: teks (untuk dibaca, bawaan) atau json (untuk
    /// editor, CI dan alat lain).
    #[arg(
        long,
        value_enum,
        default_value = "teks",
        value_name = "BENTUK",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: Format,
}

/// Output format of `renaksi check` and `renaksi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for a person, on standard error.
    Teks,
    /// One JSON document on standard output.
    Json,
}

/// A whole number from `lo` to `hi` on the command line, refused in
/// Indonesian (clap's own checks speak English).
fn bilangan(text: &str, lo: i64, hi: i64) -> Result<i64, String> {
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` bukan bilangan bulat"))?;
    if (lo..=hi).contains(&n) {
        Ok(n)
    } else {
        Err(format!("harus {lo} sampai {hi}"))
    }
}

/// A quarter, 1–4.
fn triwulan(text: &str) -> Result<u8, String> {
    bilangan(text, 1, 4).map(|n| n as u8)
}

/// A year of a report, 2000–2100.
fn tahun(text: &str) -> Result<i32, String> {
    bilangan(text, 2000, 2100).map(|n| n as i32)
}

/// A count of reports built at once, at least 1.
fn jumlah(text: &str) -> Result<u16, String> {
    bilangan(text, 1, i64::from(u16::MAX)).map(|n| n as u16)
}

/// A port to listen on.
fn port(text: &str) -> Result<u16, String> {
    bilangan(text, 0, i64::from(u16::MAX)).map(|n| n as u16)
}

/// Says in Indonesian what was wrong with the command line.
pub fn usage_error(err: &clap::Error) -> String {
    let value = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let message = match err.kind() {
        ErrorKind::UnknownArgument => {
            format!("opsi tidak dikenal: {}", value(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "perintah tidak dikenal: {}",
            value(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err)
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            format!(
                "nilai tidak sah untuk {} {:?}{why}",
                value(ContextKind::InvalidArg),
                value(ContextKind::InvalidValue)
            )
        }
        ErrorKind::InvalidValue => format!(
            "nilai tidak sah untuk {}: {:?}",
            value(ContextKind::InvalidArg),
            value(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "argumen wajib belum diisi: {}",
            value(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "perintah belum diberikan".into()
        }
        ErrorKind::ArgumentConflict => format!(
            "opsi saling bertentangan: {}",
            value(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("terlalu banyak nilai: {}", value(ContextKind::InvalidValue))
        }
        _ => "perintah tidak sah".into(),
    };
    format!("galat: {message}\n  saran: lihat `renaksi --help`")
}

//! The accounts of `renaksi server`: a YAML file beside the repository,
//! never in it (a push to the backup remote carries no password hash),
//! with each password as an Argon2id PHC string; every change of it is
//! appended to a log beside it. `renaksi pengguna` writes both.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use renaksi::Error;

/// The shortest password accepted.
pub const SANDI_MIN: usize = 12;
/// The longest: a password is hashed, and hashing a megabyte costs time.
pub const SANDI_MAKS: usize = 256;
/// The largest users file read.
const MAKS_BERKAS: renaksi::fs::Batas = renaksi::fs::Batas {
    jenis: "berkas pengguna",
    bita: 4 << 20,
};

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Peran {
    /// Edits the kecamatan it is given, and only those.
    Operator,
    /// Reads every kecamatan; edits nothing.
    Verifikator,
    /// Edits kabupaten.yaml and the shared narasi.yaml; reads every
    /// kecamatan.
    Admin,
    /// Reads every kecamatan; edits nothing.
    Pimpinan,
}

impl Peran {
    /// The role a word names (as `--peran` takes it).
    pub fn dari(kata: &str) -> Option<Self> {
        [
            Peran::Operator,
            Peran::Verifikator,
            Peran::Admin,
            Peran::Pimpinan,
        ]
        .into_iter()
        .find(|p| p.kata() == kata)
    }

    pub fn kata(self) -> &'static str {
        match self {
            Peran::Operator => "operator",
            Peran::Verifikator => "verifikator",
            Peran::Admin => "admin",
            Peran::Pimpinan => "pimpinan",
        }
    }
}

/// One account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pengguna {
    /// Full name: the author of its commits.
    pub nama: String,
    /// E-mail: the author's address in its commits.
    pub email: String,
    pub peran: Peran,
    /// The kecamatan folders an operator edits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kecamatan: Vec<String>,
    /// The password as an Argon2id PHC string.
    pub sandi: String,
    /// The password was set by an admin: the user must set its own
    /// before anything else.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sementara: bool,
}

impl Pengguna {
    /// An account of `peran` for `kec`, for the tests of roles.
    #[cfg(test)]
    pub fn contoh(peran: Peran, kec: &[&str]) -> Self {
        Pengguna {
            nama: "x".into(),
            email: "x@y".into(),
            peran,
            kecamatan: kec.iter().map(|k| k.to_string()).collect(),
            sandi: String::new(),
            sementara: false,
        }
    }

    /// Whether this account may read the report of `kec`.
    pub fn boleh_baca(&self, kec: &str) -> bool {
        self.peran != Peran::Operator || self.kecamatan.iter().any(|k| k == kec)
    }

    /// Whether this account may change the file `rel` of the batch: an
    /// operator its own kecamatan's files, an admin the shared ones.
    pub fn boleh_ubah(&self, rel: &str) -> bool {
        match (self.peran, rel.split_once('/')) {
            (Peran::Operator, Some((kec, _))) => self.kecamatan.iter().any(|k| k == kec),
            (Peran::Admin, None) => true,
            _ => false,
        }
    }

    /// Whether this account may change anything of the report of `kec`.
    pub fn boleh_ubah_kecamatan(&self, kec: &str) -> bool {
        match self.peran {
            Peran::Operator => self.kecamatan.iter().any(|k| k == kec),
            Peran::Admin => true,
            _ => false,
        }
    }
}

/// Every account by its login name.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Daftar {
    #[serde(default)]
    pub pengguna: BTreeMap<String, Pengguna>,
}

/// The users file of the repository holding `dir`: beside its top folder,
/// named after it (`/srv/sakip` → `/srv/sakip.pengguna.yaml`).
pub fn berkas_bawaan(dir: &Path) -> Result<PathBuf, Error> {
    let top = super::repo::puncak(dir)?;
    let name = top
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "renaksi".into());
    let parent = top.parent().unwrap_or(Path::new("/"));
    Ok(parent.join(format!("{name}.pengguna.yaml")))
}

impl Daftar {
    /// Reads the users file; none there is no account yet.
    pub fn baca(path: &Path) -> Result<Self, Error> {
        let Some(bytes) = renaksi::fs::baca_jika_ada(path, MAKS_BERKAS)? else {
            return Ok(Daftar::default());
        };
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Error::from(
                renaksi::Problem::new(
                    path.display().to_string(),
                    "berkas pengguna bukan teks UTF-8",
                )
                .hint("berkas ini ditulis oleh `renaksi pengguna`; pulihkan dari cadangan"),
            )
        })?;
        serde_yaml::from_str(text).map_err(|e| {
            let mut p = renaksi::Problem::new(
                path.display().to_string(),
                format!("berkas pengguna tidak dapat dibaca: {e}"),
            )
            .hint("berkas ini ditulis oleh `renaksi pengguna`; perbaiki barisnya atau pulihkan dari cadangan");
            if let Some(l) = e.location() {
                p = p.at(text, l.line(), l.column());
            }
            Error::from(p)
        })
    }

    /// Writes the users file readable by its owner only, atomically.
    pub fn tulis(&self, path: &Path) -> Result<(), Error> {
        let body = serde_yaml::to_string(self).expect("accounts serialize");
        let text = format!(
            "# Pengguna renaksi server. Ditulis oleh `renaksi pengguna`; sandi disimpan\n\
             # sebagai hash Argon2id. Jangan masukkan berkas ini ke repositori laporan.\n{body}"
        );
        renaksi::fs::write_atomic(path, text.as_bytes())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| Error::io("tidak dapat mengatur izin", path, e))?;
        }
        Ok(())
    }
}

/// `password` hashed with Argon2id (the crate's default cost) and a fresh
/// random salt, as a PHC string.
pub fn hash(password: &str) -> Result<String, Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| {
        Error::io(
            "tidak dapat membuat garam acak",
            "getrandom",
            std::io::Error::other(e.to_string()),
        )
    })?;
    let salt = SaltString::encode_b64(&salt).expect("16 bytes encode");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Usage {
            message: format!("sandi tidak dapat di-hash: {e}"),
            hint: "coba sandi lain".into(),
        })
}

/// Whether `password` is the one `phc` was made from. A malformed hash is
/// never a match.
pub fn cocok(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash no password matches, verified against for a user name that does
/// not exist, so the answer takes as long as for a wrong password.
pub fn hash_tiruan() -> &'static str {
    static TIRUAN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TIRUAN.get_or_init(|| hash("tidak ada pengguna dengan sandi ini").unwrap_or_default())
}

/// Why `password` is not accepted for `login`, if it is not.
pub fn sandi_lemah(login: &str, password: &str) -> Option<String> {
    let n = password.chars().count();
    if n < SANDI_MIN {
        return Some(format!(
            "sandi terlalu pendek ({n} karakter); paling sedikit {SANDI_MIN} karakter"
        ));
    }
    if password.len() > SANDI_MAKS {
        return Some(format!(
            "sandi terlalu panjang; paling banyak {SANDI_MAKS} byte"
        ));
    }
    if password.eq_ignore_ascii_case(login) {
        return Some("sandi tidak boleh sama dengan nama pengguna".into());
    }
    None
}

/// A login name: lower-case letters, digits, `.`, `-` and `_`, 1–64.
pub fn nama_sah(login: &str) -> bool {
    (1..=64).contains(&login.len())
        && login
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// Reads a password: at a terminal without echo, twice; from standard
/// input (for scripts) its first line.
pub fn baca_sandi(login: &str) -> Result<String, Error> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin
            .lock()
            .take_line(&mut line)
            .map_err(|e| Error::io("tidak dapat membaca sandi dari", "stdin", e))?;
        return Ok(line.trim_end_matches(['\n', '\r']).to_owned());
    }
    let first = rpassword::prompt_password(format!("Sandi untuk {login}: "))
        .map_err(|e| Error::io("tidak dapat membaca sandi dari", "terminal", e))?;
    let again = rpassword::prompt_password("Ulangi sandi: ")
        .map_err(|e| Error::io("tidak dapat membaca sandi dari", "terminal", e))?;
    if first != again {
        return Err(Error::Usage {
            message: "kedua sandi tidak sama".into(),
            hint: "jalankan lagi dan ketik sandi yang sama dua kali".into(),
        });
    }
    Ok(first)
}

/// Reading one line of at most [`SANDI_MAKS`] × 4 bytes: a megabyte piped
/// in is refused, not held.
trait TakeLine {
    fn take_line(&mut self, line: &mut String) -> std::io::Result<()>;
}

impl<R: BufRead> TakeLine for R {
    fn take_line(&mut self, line: &mut String) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        std::io::Read::take(self, (SANDI_MAKS * 4) as u64).read_until(b'\n', &mut bytes)?;
        *line = String::from_utf8(bytes)
            .map_err(|_| std::io::Error::other("sandi bukan teks UTF-8"))?;
        Ok(())
    }
}

/// Appends one line to the log of account changes beside the users file.
pub fn catat(path: &Path, baris: &str) -> Result<(), Error> {
    let log = catatan(path);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .map_err(|e| Error::io("tidak dapat menulis catatan", &log, e))?;
    let pelaku = ["SUDO_USER", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(pengguna_os);
    let waktu = super::repo::sekarang();
    writeln!(file, "{waktu} oleh={pelaku} {baris}")
        .and_then(|_| file.sync_all())
        .map_err(|e| Error::io("tidak dapat menulis catatan", &log, e))
}

/// The operating system's user running this, by number.
fn pengguna_os() -> String {
    #[cfg(unix)]
    {
        // SAFETY: getuid has no preconditions and cannot fail.
        format!("uid{}", unsafe { libc::getuid() })
    }
    #[cfg(not(unix))]
    {
        "?".into()
    }
}

/// The log of account changes of the users file `path`.
pub fn catatan(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".log");
    path.with_file_name(name)
}

/// `renaksi pengguna`: changes the users file, and logs each change.
pub fn run(args: &crate::cli::PenggunaArgs) -> Result<(), Error> {
    use crate::cli::PerintahPengguna as P;
    let path = match &args.berkas {
        Some(p) => p.clone(),
        None => berkas_bawaan(args.folder.as_deref().unwrap_or(Path::new(".")))?,
    };
    let _kunci = kunci(&path)?;
    let mut daftar = Daftar::baca(&path)?;
    let baris = match &args.perintah {
        P::Daftar => {
            if daftar.pengguna.is_empty() {
                println!("belum ada akun di {}", path.display());
            }
            for (login, p) in &daftar.pengguna {
                let kec = if p.kecamatan.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.kecamatan.join(", "))
                };
                println!("{login}\t{}{kec}\t{} <{}>", p.peran.kata(), p.nama, p.email);
            }
            return Ok(());
        }
        P::Hapus { login } => {
            if daftar.pengguna.remove(login).is_none() {
                return Err(tidak_ada(login, &path));
            }
            format!("hapus {login}")
        }
        P::Tambah(a) => {
            if !nama_sah(&a.login) {
                return Err(Error::Usage {
                    message: format!("nama pengguna `{}` tidak sah", a.login),
                    hint: "pakai huruf kecil, angka, titik, garis bawah atau tanda hubung (paling panjang 64)".into(),
                });
            }
            if daftar.pengguna.contains_key(&a.login) {
                return Err(Error::Usage {
                    message: format!("pengguna `{}` sudah ada", a.login),
                    hint: format!("ubah dengan `renaksi pengguna ubah {}`", a.login),
                });
            }
            let Some(peran) = a.peran.as_deref().and_then(Peran::dari) else {
                return Err(Error::Usage {
                    message: "peran belum disebut".into(),
                    hint: "tambahkan --peran operator|verifikator|admin|pimpinan".into(),
                });
            };
            let p = Pengguna {
                nama: a.nama.clone().unwrap_or_else(|| a.login.clone()),
                email: a.email.clone().unwrap_or_default(),
                peran,
                kecamatan: a.kecamatan.clone(),
                sandi: sandi_baru(&a.login)?,
                sementara: a.sementara,
            };
            periksa(&a.login, &p)?;
            let b = ringkas(&a.login, &p);
            daftar.pengguna.insert(a.login.clone(), p);
            format!("tambah {b}")
        }
        P::Ubah(a) => {
            let Some(lama) = daftar.pengguna.get(&a.login).cloned() else {
                return Err(tidak_ada(&a.login, &path));
            };
            let mut p = lama.clone();
            if let Some(peran) = a.peran.as_deref().and_then(Peran::dari) {
                p.peran = peran;
            }
            if !a.kecamatan.is_empty() {
                p.kecamatan = a.kecamatan.clone();
            }
            if p.peran != Peran::Operator {
                p.kecamatan.clear();
            }
            if let Some(n) = &a.nama {
                p.nama = n.clone();
            }
            if let Some(e) = &a.email {
                p.email = e.clone();
            }
            if a.sandi {
                let baru = sandi_baru(&a.login)?;
                p.sandi = baru;
                p.sementara = a.sementara;
            }
            periksa(&a.login, &p)?;
            let sandi = match (a.sandi, a.sementara) {
                (true, true) => " sandi=sementara",
                (true, false) => " sandi=baru",
                _ => "",
            };
            let b = format!("ubah {}{sandi}", ringkas(&a.login, &p));
            daftar.pengguna.insert(a.login.clone(), p);
            b
        }
    };
    daftar.tulis(&path)?;
    catat(&path, &baris)?;
    println!("{baris} ({})", path.display());
    Ok(())
}

/// Holds the lock of the users file `path` while it is read and written
/// (by `renaksi pengguna` and by the server when a user sets its password).
pub fn kunci(path: &Path) -> Result<std::fs::File, Error> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let lock = path.with_file_name(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| Error::io("tidak dapat membuat kunci berkas pengguna", &lock, e))?;
    file.lock()
        .map_err(|e| Error::io("tidak dapat memegang kunci berkas pengguna", &lock, e))?;
    Ok(file)
}

/// Sets the password of `login` to the hash `baru`, chosen by the user
/// itself, when its password is still `lama` (the hash it logged in with):
/// no longer temporary; logged.
pub fn ganti_sendiri(path: &Path, login: &str, lama: &str, baru: &str) -> Result<(), Error> {
    let _kunci = kunci(path)?;
    let mut daftar = Daftar::baca(path)?;
    let Some(p) = daftar.pengguna.get_mut(login).filter(|p| p.sandi == lama) else {
        return Err(Error::Usage {
            message: "akun ini diubah sejak Anda masuk".into(),
            hint: "masuk lagi".into(),
        });
    };
    p.sandi = baru.to_owned();
    p.sementara = false;
    daftar.tulis(path)?;
    catat(path, &format!("sandi {login} diganti sendiri lewat server"))
}

/// Asks a new password and hashes it, when strong enough.
fn sandi_baru(login: &str) -> Result<String, Error> {
    let sandi = baca_sandi(login)?;
    if let Some(why) = sandi_lemah(login, &sandi) {
        return Err(Error::Usage {
            message: why,
            hint: format!(
                "pilih sandi paling sedikit {SANDI_MIN} karakter yang bukan nama pengguna"
            ),
        });
    }
    hash(&sandi)
}

/// An account that cannot work is refused: an operator without kecamatan,
/// a name or address git would not take.
fn periksa(login: &str, p: &Pengguna) -> Result<(), Error> {
    if p.peran == Peran::Operator && p.kecamatan.is_empty() {
        return Err(Error::Usage {
            message: format!("operator `{login}` belum diberi kecamatan"),
            hint: "tambahkan --kecamatan NAMA-FOLDER (boleh beberapa, dipisah koma)".into(),
        });
    }
    if p.kecamatan.iter().any(|k| !nama_sah(k)) {
        return Err(Error::Usage {
            message: format!(
                "kecamatan `{}` bukan nama folder yang sah",
                p.kecamatan.join(",")
            ),
            hint: "sebut nama folder kecamatan di folder batch, misalnya sawan".into(),
        });
    }
    let buruk = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '<' | '>' | '\n' | '\r') || c.is_control())
    };
    if buruk(&p.nama) || buruk(&p.email) || p.nama.len() > 200 || p.email.len() > 200 {
        return Err(Error::Usage {
            message: "nama atau e-mail memuat karakter yang tidak boleh (<, >, baris baru)".into(),
            hint: "tulis nama dan e-mail biasa".into(),
        });
    }
    Ok(())
}

fn ringkas(login: &str, p: &Pengguna) -> String {
    let kec = if p.kecamatan.is_empty() {
        String::new()
    } else {
        format!(" kecamatan={}", p.kecamatan.join(","))
    };
    format!("{login} peran={}{kec}", p.peran.kata())
}

fn tidak_ada(login: &str, path: &Path) -> Error {
    Error::Usage {
        message: format!("pengguna `{login}` tidak ada di {}", path.display()),
        hint: "lihat akun yang ada: renaksi pengguna daftar".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_matches_its_password_only() {
        let h = hash("sandi-yang-panjang").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(cocok("sandi-yang-panjang", &h));
        assert!(!cocok("sandi-yang-panjanG", &h));
        assert!(!cocok("sandi-yang-panjang", "bukan hash"));
        assert!(!cocok("", hash_tiruan()));
    }

    #[test]
    fn roles_read_and_change_what_they_are_given() {
        let op = Pengguna {
            nama: "A".into(),
            email: "a@x".into(),
            peran: Peran::Operator,
            kecamatan: vec!["sawan".into()],
            sandi: String::new(),
            sementara: false,
        };
        assert!(op.boleh_baca("sawan") && !op.boleh_baca("tejakula"));
        assert!(op.boleh_ubah("sawan/laporan.yaml"));
        assert!(!op.boleh_ubah("tejakula/laporan.yaml"));
        assert!(!op.boleh_ubah("kabupaten.yaml"));
        let admin = Pengguna {
            peran: Peran::Admin,
            kecamatan: vec![],
            ..op.clone()
        };
        assert!(admin.boleh_ubah("kabupaten.yaml") && !admin.boleh_ubah("sawan/laporan.yaml"));
        for peran in [Peran::Verifikator, Peran::Pimpinan] {
            let p = Pengguna {
                peran,
                ..op.clone()
            };
            assert!(p.boleh_baca("tejakula"));
            assert!(!p.boleh_ubah("sawan/laporan.yaml") && !p.boleh_ubah("kabupaten.yaml"));
        }
    }

    #[test]
    fn weak_passwords_are_named() {
        assert!(sandi_lemah("ketut", "pendek").is_some());
        assert!(sandi_lemah("ketut.sawan.01", "KETUT.SAWAN.01").is_some());
        assert!(sandi_lemah("ketut", &"x".repeat(SANDI_MAKS + 1)).is_some());
        assert!(sandi_lemah("ketut", "kuda-lumping-merah").is_none());
        assert!(nama_sah("ketut.sawan") && !nama_sah("Ketut") && !nama_sah("a/b") && !nama_sah(""));
    }
}

//! Sessions and login throttling of `renaksi server`, in memory: a
//! session's key lives only in its cookie (the server keeps its SHA-256),
//! a new key at every login, one session per user, ended by logout, by
//! idleness, or by a change of the user's password or account. Failed
//! logins slow a name and an address down, then lock them for a while.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::Ruangan;

/// Failures of one user name after which each further attempt must
/// wait, doubling; and after which it is locked.
const LAMBAT_SETELAH: u32 = 3;
const KUNCI_SETELAH: u32 = 10;
/// The same for one address (`a:` keys), higher: one office behind one
/// address holds many users, each of whom may mistype.
const LAMBAT_ALAMAT: u32 = 10;
const KUNCI_ALAMAT: u32 = 30;
/// How long a lock lasts, and how long failures are remembered.
pub const LAMA_KUNCI: Duration = Duration::from_secs(15 * 60);

/// One logged-in browser.
pub struct Sesi {
    pub login: String,
    /// The password hash the session was opened with: a new password
    /// ends it.
    pub sandi: String,
    /// Sent by the page in a header with every change.
    pub csrf: String,
    pub terakhir: Instant,
    /// The workspaces this session opened, by kecamatan (the last few).
    pub ruang: Vec<(String, Arc<Ruangan>)>,
}

/// Workspaces a session keeps; the one used longest ago without unsaved
/// edits goes first (with unsaved edits in all, there are more).
pub const RUANG_PER_SESI: usize = 4;

#[derive(Default)]
pub struct Kumpulan {
    /// By the SHA-256 of the key.
    sesi: HashMap<[u8; 32], Sesi>,
}

/// What a login attempt may do now.
pub enum Boleh {
    Ya,
    /// Not before this long; `true` when locked (not only slowed).
    Tunggu(Duration, bool),
}

#[derive(Default)]
struct Gagal {
    kali: u32,
    terakhir: Option<Instant>,
}

/// Failed logins by user name and by address.
#[derive(Default)]
pub struct Penjaga {
    gagal: Mutex<HashMap<String, Gagal>>,
}

impl Penjaga {
    /// Whether the keys (a name, an address) may try to log in now.
    pub fn boleh(&self, kunci: &[String]) -> Boleh {
        let mut gagal = self.gagal.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let mut tunggu: Option<(Duration, bool)> = None;
        for k in kunci {
            let Some(g) = gagal.get_mut(k) else { continue };
            let Some(t) = g.terakhir else { continue };
            if now.duration_since(t) > LAMA_KUNCI {
                *g = Gagal::default();
                continue;
            }
            let (lambat, kunci) = if k.starts_with("a:") {
                (LAMBAT_ALAMAT, KUNCI_ALAMAT)
            } else {
                (LAMBAT_SETELAH, KUNCI_SETELAH)
            };
            let (jeda, kunci) = if g.kali >= kunci {
                (LAMA_KUNCI, true)
            } else if g.kali >= lambat {
                (Duration::from_secs(1 << (g.kali - lambat).min(8)), false)
            } else {
                continue;
            };
            let sisa = jeda.saturating_sub(now.duration_since(t));
            if !sisa.is_zero() && tunggu.is_none_or(|(d, _)| sisa > d) {
                tunggu = Some((sisa, kunci));
            }
        }
        match tunggu {
            Some((d, k)) => Boleh::Tunggu(d, k),
            None => Boleh::Ya,
        }
    }

    pub fn gagal(&self, kunci: &[String]) {
        let mut gagal = self.gagal.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: an address flood of made-up names is forgotten first.
        if gagal.len() > 100_000 {
            let now = Instant::now();
            gagal.retain(|_, g| {
                g.terakhir
                    .is_some_and(|t| now.duration_since(t) < LAMA_KUNCI)
            });
        }
        for k in kunci {
            let g = gagal.entry(k.clone()).or_default();
            g.kali = g.kali.saturating_add(1);
            g.terakhir = Some(Instant::now());
        }
    }

    pub fn berhasil(&self, kunci: &[String]) {
        let mut gagal = self.gagal.lock().unwrap_or_else(|e| e.into_inner());
        for k in kunci {
            gagal.remove(k);
        }
    }
}

/// 256 random bits as hex.
pub fn acak() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sidik(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

impl Kumpulan {
    /// A new session for `login`, ending any other of the same user; its
    /// key (for the cookie).
    pub fn buka(&mut self, login: &str, sandi: &str) -> String {
        self.sesi.retain(|_, s| s.login != login);
        let key = acak();
        self.sesi.insert(
            sidik(&key),
            Sesi {
                login: login.to_owned(),
                sandi: sandi.to_owned(),
                csrf: acak(),
                terakhir: Instant::now(),
                ruang: Vec::new(),
            },
        );
        key
    }

    /// The live session of `key`: one idle longer than `diam` is ended.
    /// `sentuh` renews it (not done for the page's background polling).
    pub fn cari(&mut self, key: &str, diam: Duration, sentuh: bool) -> Option<&mut Sesi> {
        let id = sidik(key);
        let hidup = self
            .sesi
            .get(&id)
            .is_some_and(|s| s.terakhir.elapsed() <= diam);
        if !hidup {
            self.sesi.remove(&id);
            return None;
        }
        let s = self.sesi.get_mut(&id)?;
        if sentuh {
            s.terakhir = Instant::now();
        }
        Some(s)
    }

    /// The password hash a session holds, after its user set a new one.
    pub fn ganti_sandi(&mut self, key: &str, sandi: &str) {
        if let Some(s) = self.sesi.get_mut(&sidik(key)) {
            s.sandi = sandi.to_owned();
        }
    }

    pub fn tutup(&mut self, key: &str) {
        self.sesi.remove(&sidik(key));
    }

    /// Ends every session idle longer than `diam`.
    pub fn sapu(&mut self, diam: Duration) {
        self.sesi.retain(|_, s| s.terakhir.elapsed() <= diam);
    }

    #[cfg(test)]
    pub fn jumlah(&self) -> usize {
        self.sesi.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_slow_then_lock_and_success_forgets() {
        let p = Penjaga::default();
        let k = vec!["u:ketut".to_owned()];
        for _ in 0..LAMBAT_SETELAH {
            assert!(matches!(p.boleh(&k), Boleh::Ya));
            p.gagal(&k);
        }
        assert!(matches!(p.boleh(&k), Boleh::Tunggu(_, false)));
        for _ in LAMBAT_SETELAH..KUNCI_SETELAH {
            p.gagal(&k);
        }
        assert!(matches!(p.boleh(&k), Boleh::Tunggu(_, true)));
        p.berhasil(&k);
        assert!(matches!(p.boleh(&k), Boleh::Ya));
        // An address is slowed later than a name.
        let a = vec!["a:10.0.0.1".to_owned()];
        for _ in 0..LAMBAT_SETELAH {
            p.gagal(&a);
        }
        assert!(matches!(p.boleh(&a), Boleh::Ya));
        for _ in LAMBAT_SETELAH..KUNCI_ALAMAT {
            p.gagal(&a);
        }
        assert!(matches!(p.boleh(&a), Boleh::Tunggu(_, true)));
    }

    #[test]
    fn a_session_is_found_by_its_key_and_ends() {
        let mut s = Kumpulan::default();
        let a = s.buka("ketut", "h");
        assert!(s.cari(&a, Duration::from_secs(60), true).is_some());
        assert!(s.cari("lain", Duration::from_secs(60), true).is_none());
        // A second login of the same user ends the first session.
        let b = s.buka("ketut", "h");
        assert!(s.cari(&a, Duration::from_secs(60), true).is_none());
        assert!(s.cari(&b, Duration::ZERO, true).is_none());
        assert_eq!(s.jumlah(), 0);
    }
}

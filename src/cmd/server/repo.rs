//! The git repository `renaksi server` keeps the reports in: every save is
//! one commit authored by its user, made while the save lock is held, so
//! the working tree is never left with a change that is not committed;
//! the history of a kecamatan is read back from `git log`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use renaksi::Error;

/// Who commits: the author is the user, the committer the server.
const PENCATAT: (&str, &str) = ("renaksi server", "server@renaksi.invalid");

/// The batch folder inside its repository.
pub struct Repo {
    /// The repository's top folder.
    pub puncak: PathBuf,
    /// The batch folder's path inside it, `/`-separated, with a trailing
    /// `/` (empty when the batch is the top).
    pub awalan: String,
}

/// The top folder of the git repository holding `dir`.
pub fn puncak(dir: &Path) -> Result<PathBuf, Error> {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|why| Error::Usage {
        message: format!("{} tidak berada di repositori git ({why})", dir.display()),
        hint: format!(
            "renaksi server menyimpan setiap perubahan sebagai commit: jadikan folder itu repositori \
             (`git init {0} && git -C {0} add . && git -C {0} commit -m awal`)",
            dir.display()
        ),
    })?;
    Ok(PathBuf::from(top.trim()))
}

impl Repo {
    pub fn buka(dir: &Path) -> Result<Self, Error> {
        let puncak = puncak(dir)?;
        let awalan = git(dir, &["rev-parse", "--show-prefix"]).map_err(usage)?;
        git(
            &puncak,
            &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
        )
        .map_err(|_| Error::Usage {
            message: format!("repositori {} belum memiliki commit", puncak.display()),
            hint: "buat commit pertama: git add . && git commit -m awal".into(),
        })?;
        Ok(Repo {
            puncak,
            awalan: awalan.trim().to_owned(),
        })
    }

    /// Leaves the batch folder clean for the server: a lock file of a git
    /// command killed mid-way is removed, and changes no commit holds (a
    /// save cut off before its commit, an edit by hand) are put in `git
    /// stash`, where nothing is lost. Called before serving, when no other
    /// server holds the repository. What was stashed, if anything.
    pub fn bersihkan(&self) -> Result<Option<String>, Error> {
        let git_dir = git(&self.puncak, &["rev-parse", "--absolute-git-dir"]).map_err(usage)?;
        let index_lock = Path::new(git_dir.trim()).join("index.lock");
        if index_lock.exists() {
            std::fs::remove_file(&index_lock)
                .map_err(|e| Error::io("tidak dapat menghapus kunci git", &index_lock, e))?;
        }
        let folder = self.folder_arg();
        let status = git(
            &self.puncak,
            &[
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--",
                &folder,
            ],
        )
        .map_err(usage)?;
        if status.trim().is_empty() {
            return Ok(None);
        }
        let pesan = format!(
            "renaksi server: perubahan tanpa commit saat mulai {}",
            sekarang()
        );
        git(
            &self.puncak,
            &[
                "stash",
                "push",
                "--include-untracked",
                "-m",
                &pesan,
                "--",
                &folder,
            ],
        )
        .map_err(usage)?;
        Ok(Some(status))
    }

    fn folder_arg(&self) -> String {
        if self.awalan.is_empty() {
            ".".into()
        } else {
            self.awalan.clone()
        }
    }

    /// Commits the files `rel` (paths inside the batch folder) as they are
    /// on disk now, authored by `penulis` (name, e-mail); its hash. Called
    /// with the save lock held.
    pub fn commit(
        &self,
        rel: &[String],
        penulis: (&str, &str),
        pesan: &str,
    ) -> Result<String, Error> {
        let paths: Vec<String> = rel.iter().map(|r| format!("{}{r}", self.awalan)).collect();
        let mut add = vec!["add", "--"];
        add.extend(paths.iter().map(String::as_str));
        if let Err(why) = git(&self.puncak, &add) {
            let mut reset = vec!["reset", "-q", "--"];
            reset.extend(paths.iter().map(String::as_str));
            let _ = git(&self.puncak, &reset);
            return Err(usage(why));
        }
        let author = format!("{} <{}>", bersih(penulis.0), bersih(penulis.1));
        let mut commit = vec![
            "-c",
            "commit.gpgsign=false",
            "commit",
            "--quiet",
            "--no-verify",
            "--allow-empty-message",
            "--author",
            &author,
            "-m",
            pesan,
            "--",
        ];
        commit.extend(paths.iter().map(String::as_str));
        if let Err(why) = git(&self.puncak, &commit) {
            // The index is put back as HEAD has it: the caller puts the
            // files back, and the tree is as clean as before the save.
            let mut reset = vec!["reset", "-q", "--"];
            reset.extend(paths.iter().map(String::as_str));
            let _ = git(&self.puncak, &reset);
            return Err(usage(why));
        }
        git(&self.puncak, &["rev-parse", "HEAD"])
            .map(|h| h.trim().to_owned())
            .map_err(usage)
    }

    /// Tags `commit` as `name` (annotated by the server; never moved).
    pub fn tag(&self, name: &str, commit: &str) -> Result<(), Error> {
        git(&self.puncak, &["tag", "--", name, commit])
            .map(|_| ())
            .map_err(usage)
    }

    /// The git id (tree or blob) of each entry of the batch folder at
    /// HEAD, by name: what changed in a kecamatan shows as a new id.
    pub fn id_folder(&self) -> Result<std::collections::HashMap<String, String>, Error> {
        let spec = format!("HEAD:{}", self.awalan);
        let out = git(&self.puncak, &["ls-tree", "-z", &spec]).map_err(usage)?;
        Ok(out
            .split('\0')
            .filter_map(|entry| {
                let (meta, name) = entry.split_once('\t')?;
                let id = meta.split_whitespace().nth(2)?;
                Some((name.to_owned(), id.to_owned()))
            })
            .collect())
    }

    /// Whether the tag `name` exists.
    pub fn ada_tag(&self, name: &str) -> Result<bool, Error> {
        git(&self.puncak, &["tag", "--list", "--", name])
            .map(|out| !out.trim().is_empty())
            .map_err(usage)
    }

    /// The commit that added `rel` (inside the batch folder), if any.
    pub fn yang_menambah(&self, rel: &str) -> Result<Option<String>, Error> {
        let path = format!("{}{rel}", self.awalan);
        git(
            &self.puncak,
            &["log", "--diff-filter=A", "--format=%H", "--", &path],
        )
        .map(|out| out.lines().last().map(str::to_owned))
        .map_err(usage)
    }

    /// The commit HEAD names now.
    pub fn head(&self) -> Result<String, Error> {
        git(&self.puncak, &["rev-parse", "HEAD"])
            .map(|h| h.trim().to_owned())
            .map_err(usage)
    }

    /// The commits touching `paths` (inside the batch folder), newest
    /// first, at most `n`; with `sejak`, only those after that commit.
    pub fn riwayat(
        &self,
        paths: &[String],
        n: usize,
        sejak: Option<&str>,
    ) -> Result<Vec<Catatan>, Error> {
        let max = format!("--max-count={n}");
        let mut args = vec![
            "log",
            "--no-merges",
            &max,
            "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B%x1e",
        ];
        let range = sejak.map(|s| format!("{s}..HEAD"));
        if let Some(r) = &range {
            args.push(r);
        }
        args.push("--");
        let full: Vec<String> = paths
            .iter()
            .map(|p| format!("{}{p}", self.awalan))
            .collect();
        args.extend(full.iter().map(String::as_str));
        let out = git(&self.puncak, &args).map_err(usage)?;
        Ok(out
            .split('\x1e')
            .filter_map(|rec| {
                let mut f = rec.trim_start_matches('\n').split('\x1f');
                let commit = f.next()?.to_owned();
                if commit.is_empty() {
                    return None;
                }
                Some(Catatan {
                    commit,
                    nama: f.next()?.to_owned(),
                    email: f.next()?.to_owned(),
                    waktu: f.next()?.to_owned(),
                    pesan: f.next()?.trim_end().to_owned(),
                })
            })
            .collect())
    }
}

/// One commit of a history.
#[derive(Debug, serde::Serialize)]
pub struct Catatan {
    pub commit: String,
    pub nama: String,
    pub email: String,
    pub waktu: String,
    pub pesan: String,
}

/// A name or address as git takes it in `--author`: no angle brackets,
/// no line breaks.
fn bersih(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n' | '\r' | '\0'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Now as UTC, to the second (RFC 3339).
pub fn sekarang() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn usage(message: String) -> Error {
    Error::Usage {
        message: format!("git: {message}"),
        hint: "periksa repositori laporan (`git status`)".into(),
    }
}

/// Runs git in `dir` with no terminal prompt, no pager and no user
/// configuration beyond the repository's; its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("GIT_COMMITTER_NAME", PENCATAT.0)
        .env("GIT_COMMITTER_EMAIL", PENCATAT.1)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("perintah git tidak dapat dijalankan: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

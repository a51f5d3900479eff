//! A report folder as it was at a git revision, read through the `git`
//! command: nothing is checked out and the working tree is not touched.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::content::{Berkas, Source, KABUPATEN, NARASI};
use crate::error::Error;

/// A folder's files at a git revision, and the report files beside it
/// (kabupaten.yaml, narasi.yaml) that make it part of a batch.
#[derive(Debug, Clone)]
pub struct Folder {
    /// How the folder is named in messages: `content/x@HEAD~1`.
    pub label: String,
    /// The folder's own name.
    pub name: String,
    /// Its files, by their `/`-separated paths inside it.
    pub files: Vec<Berkas>,
    /// kabupaten.yaml and narasi.yaml of the folder above, if there is a
    /// kabupaten.yaml there.
    pub batch: Option<(String, Vec<Berkas>)>,
    /// The folder on disk and the revision it was read at.
    asal: (std::path::PathBuf, String),
}

impl Folder {
    /// The folder as one report's source.
    pub fn into_source(self) -> Source {
        let report = Source::memory(&self.label, &self.name, self.files)
            .from_git(&self.asal.0, &self.asal.1);
        match self.batch {
            Some((label, files)) => report.in_batch(Source::memory(&label, "", files)),
            None => report,
        }
    }
}

/// The report in `dir` at revision `rev` (anything `git rev-parse`
/// understands: `HEAD~1`, a tag, a commit). A report inside a batch comes
/// with the batch's kabupaten.yaml and narasi.yaml of the same revision.
pub fn source(dir: &Path, rev: &str) -> Result<Source, Error> {
    folder(dir, rev).map(Folder::into_source)
}

/// The files of the folder `dir` at revision `rev`.
pub fn folder(dir: &Path, rev: &str) -> Result<Folder, Error> {
    // Passed to git as an argument: it must not be taken for an option.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(Error::Usage {
            message: format!("git: revisi `{rev}` tidak sah"),
            hint: "sebut commit, tag atau cabang, misalnya HEAD~1 atau main".into(),
        });
    }
    let prefix = git(dir, &["rev-parse", "--show-prefix"]).map_err(|why| Error::Usage {
        message: format!("git: {} bukan bagian dari repositori git ({why})", dir.display()),
        hint: format!(
            "{} harus berada di dalam repositori git; tanpa git, bandingkan dua folder: renaksi diff LAMA BARU",
            dir.display()
        ),
    })?;
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|message| Error::Usage {
        message,
        hint: "periksa repositori git ini".into(),
    })?;
    let top = Path::new(top.trim());
    let commit = format!("{rev}^{{commit}}");
    git(top, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| Error::Usage {
        message: format!("git: revisi `{rev}` tidak dikenal"),
        hint: "sebut commit, tag atau cabang yang ada, misalnya HEAD~1 atau main (lihat `git log`)"
            .into(),
    })?;
    let prefix = prefix.trim().trim_end_matches('/');
    let files = tree(top, rev, prefix, true)?;
    if files.is_empty() {
        return Err(Error::Usage {
            message: format!(
                "git: folder {} tidak ada di revisi `{rev}`",
                Source::label_of(dir)
            ),
            hint: "pilih revisi yang sudah memuat laporan ini".into(),
        });
    }
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "laporan".into());
    let mut folder = Folder {
        label: format!("{}@{rev}", Source::label_of(dir)),
        name,
        files,
        batch: None,
        asal: (dir.to_path_buf(), rev.to_owned()),
    };
    if prefix.is_empty() {
        return Ok(folder);
    }
    // A kabupaten.yaml beside the folder makes it part of a batch.
    let parent = prefix.rsplit_once('/').map_or("", |(p, _)| p);
    let beside: Vec<Berkas> = tree(top, rev, parent, false)?
        .into_iter()
        .filter(|(name, _)| name == KABUPATEN || name == NARASI)
        .collect();
    if beside.iter().any(|(name, _)| name == KABUPATEN) {
        let label = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => format!("{}@{rev}", Source::label_of(p)),
            _ => format!("..@{rev}"),
        };
        folder.batch = Some((label, beside));
    }
    Ok(folder)
}

/// The files below `prefix` at `rev`, by their paths inside it; only
/// those directly in it unless `recursive`.
fn tree(top: &Path, rev: &str, prefix: &str, recursive: bool) -> Result<Vec<Berkas>, Error> {
    // `-l`: each blob's size, to refuse one too large before it is read.
    let mut args = vec!["ls-tree", "-z", "-l", "--full-tree"];
    if recursive {
        args.push("-r");
    }
    args.push(rev);
    // With a slash, git lists what is in the folder, not the folder.
    let inside = format!("{prefix}/");
    if !prefix.is_empty() {
        args.extend(["--", &inside]);
    }
    let listing = git(top, &args).map_err(|message| Error::Usage {
        message,
        hint: "periksa revisi dan folder".into(),
    })?;
    let mut blobs = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ').filter(|m| !m.is_empty());
        let (Some(_mode), Some("blob"), Some(object), Some(size)) =
            (meta.next(), meta.next(), meta.next(), meta.next())
        else {
            continue;
        };
        let rel = match prefix {
            "" => path,
            p => match path.strip_prefix(p).and_then(|r| r.strip_prefix('/')) {
                Some(rel) => rel,
                None => continue,
            },
        };
        let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        let batas = if yaml {
            crate::fs::YAML
        } else {
            crate::fs::GAMBAR
        };
        let besar = size.parse::<u64>().map_or(true, |s| s > batas.bita);
        // Another file of that size (a scan kept beside the report) is
        // not read: nothing of a report is that large.
        if besar && !yaml {
            continue;
        }
        if besar {
            return Err(Error::Usage {
                message: format!(
                    "{path} di revisi {rev}: {}",
                    crate::fs::terlalu_besar(size.parse().unwrap_or(u64::MAX), batas)
                ),
                hint: "berkas sebesar itu bukan berkas laporan; periksa revisinya".into(),
            });
        }
        blobs.push((rel.to_owned(), object.to_owned()));
    }
    let contents = cat(top, blobs.iter().map(|(_, o)| o.as_str()))?;
    Ok(blobs
        .into_iter()
        .map(|(rel, _)| rel)
        .zip(contents)
        .collect())
}

/// The contents of `objects`, in order, from one `git cat-file --batch`.
fn cat<'a>(top: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, Error> {
    let request: String = objects.map(|o| format!("{o}\n")).collect();
    if request.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(not_found)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from another thread: the output may fill the pipe first.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| Error::io("tidak dapat menjalankan", "git", e))?;
    let _ = writer.join();
    let mut out = output.stdout.as_slice();
    let mut contents = Vec::new();
    while !out.is_empty() {
        let Some(end) = out.iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&out[..end]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Usage {
                message: format!("git: jawaban tidak dikenal: {header}"),
                hint: "periksa repositori dengan `git fsck`".into(),
            })?;
        let body = &out[end + 1..];
        if body.len() < size {
            break;
        }
        contents.push(body[..size].to_vec());
        out = body.get(size + 1..).unwrap_or_default();
    }
    Ok(contents)
}

/// Runs git in `dir`; its output, or its own message when it fails.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "perintah git tidak ditemukan".to_owned(),
            _ => format!("git: tidak dapat dijalankan: {e}"),
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(if message.is_empty() {
            format!("git {} gagal", args.join(" "))
        } else {
            message
        })
    }
}

fn not_found(e: std::io::Error) -> Error {
    Error::Usage {
        message: format!("git: tidak dapat dijalankan: {e}"),
        hint: "pasang git, atau bandingkan dua folder: renaksi diff LAMA BARU".into(),
    }
}

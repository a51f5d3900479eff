//! `renaksi watch`: rebuilds the PDF each time a file of the report is
//! saved. An edit that breaks the report prints its problems and leaves the
//! last good PDF in place. Typst's memoized work is kept between builds, so
//! a small edit costs a fraction of a first build.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

use renaksi::build::Plan;
use renaksi::content::{Dokumen, Source};
use renaksi::error::Severity;
use renaksi::Error;

use super::folder::{self, Sasaran};
use crate::cli::WatchArgs;

/// Files whose change rebuilds the report.
const WATCHED: [&str; 6] = ["yaml", "yml", "png", "jpg", "jpeg", "svg"];
/// Quiet time after a change before rebuilding: an editor's save is often
/// several events (write, rename, chmod).
const QUIET: Duration = Duration::from_millis(15);
/// Compilations a memoized result survives without being used.
const CACHE_AGE: usize = 10;

/// Watches the report folder (and its batch folder) until interrupted.
pub fn run(args: &WatchArgs) -> Result<(), Error> {
    let dir = match Sasaran::pilih(args.dir.as_deref()) {
        // The bundled example is inside the binary: nothing to watch.
        Sasaran::Contoh => {
            return Err(Error::Usage {
                message: format!(
                    "tidak ada laporan untuk diawasi: folder ini tidak berisi {}",
                    renaksi::content::LAPORAN
                ),
                hint: "sebut folder laporan (`renaksi watch FOLDER`), atau buat dengan \
                       `renaksi init FOLDER`"
                    .into(),
            })
        }
        Sasaran::Laporan(dir) => dir,
        Sasaran::Batch(dir) => return Err(folder::bukan_laporan(&dir, "watch")),
    };
    let dokumen = args.jenis.dokumen()?;
    let source = Source::from_dir(&dir)?;
    let target = match dokumen {
        Dokumen::RencanaAksi => renaksi::build::pdf_path(&args.tujuan.output, &source.name),
        Dokumen::Monitoring(n) => renaksi::build::pdf_path(
            &args.tujuan.output,
            &format!("{}-monitoring-tw{n}", source.name),
        ),
        Dokumen::Lkjip => {
            renaksi::build::pdf_path(&args.tujuan.output, &format!("{}-lkjip", source.name))
        }
        Dokumen::Pk if args.jenis.gabung => {
            renaksi::build::pdf_path(&args.tujuan.output, &format!("{}-pk", source.name))
        }
        Dokumen::Pk => args.tujuan.output.clone(),
    };
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| watch_error(&dir, e))?;
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .map_err(|e| watch_error(&dir, e))?;
    let batch = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf))
        .filter(|_| source.batch().is_some());
    if let Some(batch) = &batch {
        watcher
            .watch(batch, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(batch, e))?;
    }
    eprintln!(
        "mengawasi {}; PDF: {} (hentikan dengan Ctrl+C)",
        folder::shown(&dir),
        target.display()
    );
    let plan = Plan {
        dokumen,
        gabung: args.jenis.gabung,
        draft: true,
        ..Plan::new(Some(dir.clone()), args.tujuan.output.clone())
    };
    rebuild(&plan, &target);
    let root = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    loop {
        let changed = wait(&rx, &dir, batch.as_deref())?;
        // Named as the user named the folder, not by its full path.
        let shown = match changed.strip_prefix(&root) {
            Ok(rel) => dir.join(rel),
            Err(_) => changed,
        };
        eprintln!("\nberubah: {}", shown.display());
        rebuild(&plan, &target);
    }
}

/// Blocks until a watched file changed and the changes have settled;
/// returns one of the changed files.
fn wait(
    rx: &Receiver<notify::Result<Event>>,
    dir: &Path,
    batch: Option<&Path>,
) -> Result<PathBuf, Error> {
    let mut changed = None;
    loop {
        let next = match changed {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(_) => rx.recv_timeout(QUIET),
        };
        match next {
            Ok(Ok(event)) => {
                if let Some(path) = relevant(&event, batch) {
                    changed = Some(path);
                }
            }
            Ok(Err(e)) => return Err(watch_error(dir, e)),
            Err(RecvTimeoutError::Timeout) => return Ok(changed.expect("set before a timeout")),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(watch_error(
                    dir,
                    notify::Error::generic("pengawas berhenti"),
                ))
            }
        }
    }
}

/// The changed file an event is about, if it is a report file: YAML or an
/// image, not hidden, and in the batch folder only directly.
fn relevant(event: &Event, batch: Option<&Path>) -> Option<PathBuf> {
    if matches!(event.kind, EventKind::Access(_)) {
        return None;
    }
    event
        .paths
        .iter()
        .find(|path| {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let kind = path
                .extension()
                .is_some_and(|e| WATCHED.iter().any(|w| e.eq_ignore_ascii_case(w)));
            // In the batch folder, the only YAML files of this report are
            // the defaults and the shared narrative; its images may be a logo.
            let yaml = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
            let in_batch_only = yaml
                && batch.is_some_and(|b| path.parent() == Some(b))
                && !path.ends_with(renaksi::content::KABUPATEN)
                && !path.ends_with(renaksi::content::NARASI);
            kind && !hidden && !in_batch_only
        })
        .cloned()
}

/// One build, as `renaksi build` does it, except that it is a draft: the
/// galat of `check` are shown without holding the PDF back, since while a
/// report is being written its draft is worth seeing. Whatever stops the
/// build leaves the last good PDF as it was.
fn rebuild(plan: &Plan, target: &Path) {
    let started = Instant::now();
    let result = plan.run();
    let elapsed = started.elapsed().as_millis();
    match result {
        Ok(built) => {
            let galat: Vec<_> = built
                .findings
                .iter()
                .filter(|d| d.severity == Severity::Galat)
                .collect();
            for diagnostic in galat
                .iter()
                .copied()
                .chain(built.ditulis.iter().flat_map(|d| &d.output.peringatan))
            {
                eprintln!("{diagnostic}");
            }
            super::print_peringatan(&built.findings, plan.dir.as_deref());
            match built.ditulis.as_slice() {
                [one] => eprintln!(
                    "PDF diperbarui: {} ({} halaman, {elapsed} ms)",
                    one.target.display(),
                    one.output.pages
                ),
                all => eprintln!(
                    "PDF diperbarui: {} PDF di {} ({elapsed} ms)",
                    all.len(),
                    target.display()
                ),
            }
            if !galat.is_empty() {
                eprintln!(
                    "  draf: {} galat di atas belum diperbaiki; `renaksi build` baru menyusun PDF setelah diperbaiki",
                    galat.len()
                );
            }
        }
        Err(err) => {
            super::print_error(&err);
            let kept = if target.exists() {
                format!("PDF terakhir tetap: {}", target.display())
            } else {
                "belum ada PDF".to_owned()
            };
            eprintln!("{kept}; menunggu perubahan berikutnya");
        }
    }
    renaksi::compile::evict(CACHE_AGE);
}

/// What the file watcher said, in Indonesian where it is a common case.
fn watch_error(path: &Path, e: notify::Error) -> Error {
    let source = match e.kind {
        notify::ErrorKind::Io(io) => io,
        notify::ErrorKind::PathNotFound => std::io::ErrorKind::NotFound.into(),
        notify::ErrorKind::MaxFilesWatch => std::io::Error::other(
            "batas jumlah folder yang dapat diawasi sistem tercapai (fs.inotify.max_user_watches)",
        ),
        notify::ErrorKind::Generic(said) => std::io::Error::other(said),
        other => std::io::Error::other(format!("{other:?}")),
    };
    Error::io("tidak dapat mengawasi", path, source)
}

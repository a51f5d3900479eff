//! `renaksi batch`: every report folder of a batch to its PDF, in parallel,
//! with a manifest and a summary. One broken report stops nothing else.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use renaksi::batch::{build_one, Entry, HasilSusun, Manifest, Shard, Status};
use renaksi::Error;

use super::folder::Sasaran;
use super::Selesai;
use crate::cli::BatchArgs;
use renaksi::content::Dokumen;
use renaksi::content::{KABUPATEN, LAPORAN};

/// Builds the batch: `Temuan` when any report failed.
pub fn run(args: &BatchArgs) -> Result<Selesai, Error> {
    let dir = match (&args.dir, Sasaran::pilih(args.dir.as_deref())) {
        (Some(dir), _) => dir.clone(),
        (None, Sasaran::Batch(dir)) => dir,
        (None, Sasaran::Laporan(_)) => {
            return Err(Error::Usage {
                message: format!(
                    "folder ini adalah satu laporan (berisi {LAPORAN}), bukan folder batch"
                ),
                hint:
                    "susun dengan `renaksi build`, atau sebut folder batch: `renaksi batch FOLDER`"
                        .into(),
            })
        }
        (None, Sasaran::Contoh) => return Err(Error::Usage {
            message: format!("folder ini bukan folder batch: tidak berisi {KABUPATEN}"),
            hint:
                "sebut folder yang berisi satu folder laporan per kecamatan: `renaksi batch FOLDER`"
                    .into(),
        }),
    };
    let dokumen = args.jenis.jenis.dokumen()?;
    if args.sebelumnya_git.is_some() && dokumen != Dokumen::RencanaAksi {
        return Err(Error::Usage {
            message:
                "--sebelumnya-git hanya untuk Rencana Aksi: Matriks Perubahan mengikuti Lampirannya"
                    .into(),
            hint: "hapus --sebelumnya-git, atau susun --dokumen rencana-aksi".into(),
        });
    }
    let all = renaksi::content::discover(&dir)?;
    if all.is_empty() {
        return Err(Error::io(
            "tidak ada folder laporan di",
            &dir,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "setiap laporan adalah subfolder yang berisi laporan.yaml",
            ),
        ));
    }
    let shard = args.shard.unwrap_or(Shard::ALL);
    let folders = shard.select(&all);
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Error::io("tidak dapat membuat folder", &args.output, e))?;
    let cores = super::cores();
    let jobs = args
        .jobs
        .map_or(cores, usize::from)
        .clamp(1, folders.len().max(1));
    let progress = Progress::new(folders.len());
    let opsi = renaksi::batch::Opsi {
        dokumen,
        gabung: args.jenis.jenis.gabung,
        final_: args.jenis.final_,
        jejak: args.jenis.jejak,
        git: renaksi::jejak::GitBatch::baca(&dir),
        sebelumnya_git: args.sebelumnya_git.clone(),
    };
    let hasil = build_all(&folders, &args.output, jobs, &progress, &opsi);
    progress.finish();

    let manifest = Manifest {
        versi: renaksi::VERSI_JSON,
        dokumen: (dokumen != Dokumen::RencanaAksi).then(|| dokumen.kata()),
        laporan: hasil.iter().map(HasilSusun::entry).collect(),
    };
    let name = if shard == Shard::ALL {
        "manifest.json".to_owned()
    } else {
        format!("manifest-{}-dari-{}.json", shard.k, shard.n)
    };
    manifest.write(&args.output.join(&name))?;
    let failed = manifest.failed();
    eprintln!(
        "{} laporan disusun, {} gagal; manifest: {}",
        manifest.laporan.len() - failed,
        failed,
        args.output.join(&name).display()
    );
    for entry in manifest
        .laporan
        .iter()
        .filter(|e| e.status == Status::Gagal)
    {
        eprintln!(
            "  gagal: {}: {}",
            entry.folder,
            entry.message.as_deref().unwrap_or("")
        );
    }
    Ok(Selesai::temuan(failed > 0))
}

/// Builds `folders` with `jobs` threads taking the next folder as they
/// finish one; the entries come back in folder order.
fn build_all(
    folders: &[std::path::PathBuf],
    out: &Path,
    jobs: usize,
    progress: &Progress,
    opsi: &renaksi::batch::Opsi,
) -> Vec<HasilSusun> {
    super::on_every_core(folders, jobs, |folder| {
        let hasil = build_one(folder, out, opsi);
        // Keep Typst's caches from growing over thousands of reports.
        renaksi::compile::evict(0);
        progress.report(&hasil.entry());
        hasil
    })
}

/// A progress bar on a terminal, one plain line per report otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    count: AtomicUsize,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} laporan, sisa ±{eta} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            count: AtomicUsize::new(0),
        }
    }

    fn report(&self, entry: &Entry) {
        let n = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        let line = match entry.status {
            Status::Ok if !entry.pk.is_empty() => format!(
                "[{n}/{}] {}: {} Perjanjian Kinerja, {} ms",
                self.total,
                entry.folder,
                entry.pk.len(),
                entry.milliseconds
            ),
            Status::Ok => format!(
                "[{n}/{}] {}: {} halaman, {} ms",
                self.total,
                entry.folder,
                entry.pages.unwrap_or(0),
                entry.milliseconds
            ),
            Status::Gagal => format!(
                "[{n}/{}] {}: gagal: {}",
                self.total,
                entry.folder,
                entry.message.as_deref().unwrap_or("")
            ),
        };
        match &self.bar {
            Some(bar) => {
                if entry.status == Status::Gagal {
                    bar.println(&line);
                }
                bar.set_message(entry.folder.clone());
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

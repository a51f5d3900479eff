//! `renaksi import`: a workbook's flat table into Lampiran YAML, through the
//! canonical writer — a new report folder, or (`--lampiran`) the tables of
//! an existing one. `--coba` says what would change and writes nothing.

use std::path::Path;

use renaksi::content::{Lampiran, LAPORAN};
use renaksi::diff;
use renaksi::lembar::impor::{self, Buku, SelIndikator};
use renaksi::lembar::masuk;
use renaksi::lembar::realisasi::SelRealisasi;
use renaksi::Error;

use crate::cli::{Format, ImportArgs};

/// Reads the workbook, writes (or, with `--coba`, shows) the YAML.
pub fn run(args: &ImportArgs) -> Result<(), Error> {
    let name = args.file.display().to_string();
    let bytes = read(&args.file)?;
    if args.realisasi {
        return realisasi(args, &name, &bytes);
    }
    let buku = impor::read(&name, &bytes).map_err(Error::Input)?;
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let asal = format!("Diimpor dari {file_name} (lembar Data) dengan `renaksi import`.");
    if args.dir.join(LAPORAN).is_file() {
        if !args.lampiran {
            return Err(Error::Usage {
                message: format!("{} sudah berisi laporan", args.dir.display()),
                hint: format!(
                    "perbarui Lampirannya dengan `renaksi import {} {} --lampiran` (coba dulu dengan --coba)",
                    args.file.display(),
                    args.dir.display()
                ),
            });
        }
        update(args, &buku, &asal)
    } else {
        if args.lampiran {
            return Err(Error::Usage {
                message: format!(
                    "{} bukan folder laporan: tidak berisi {LAPORAN}",
                    args.dir.display()
                ),
                hint: "tanpa --lampiran, import membuat folder laporan baru".into(),
            });
        }
        create(args, &buku, &asal, &file_name)
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    renaksi::fs::baca(path, renaksi::fs::BUKU_KERJA)
}

/// `--lampiran`: each level's table replaces the file that holds it,
/// keeping that file's name and header comments.
fn update(args: &ImportArgs, buku: &Buku, asal: &str) -> Result<(), Error> {
    let report = renaksi::load(Some(&args.dir))?;
    let rencana = masuk::lampiran(&report, buku, asal, &args.dir)?;
    for (file, line, comment) in &rencana.komentar_hilang {
        eprintln!(
            "catatan: {file}:{line}: komentar tidak ikut (kuncinya tidak ada lagi): {comment}"
        );
    }
    let label = report.source.label.clone();
    let (writes, changes, untouched) = (&rencana.tulis, &rencana.perubahan, &rencana.dibiarkan);
    if let Some(err) = rencana.ditolak {
        eprintln!(
            "tidak ada berkas yang ditulis: tabel dari {} akan ditolak renaksi:",
            args.file.display()
        );
        return Err(err);
    }
    for catatan in &rencana.catatan {
        eprintln!("catatan: {catatan}");
    }
    if args.coba {
        coba(args, &label, changes)?;
        for rel in untouched {
            eprintln!(
                "catatan: {} tidak ada di lembar kerja dan dibiarkan",
                report.source.display(rel)
            );
        }
        eprintln!("--coba: tidak ada berkas yang ditulis");
        return Ok(());
    }
    tulis_semua(&args.dir, &report, writes)?;
    for rel in untouched {
        eprintln!(
            "catatan: {} tidak ada di lembar kerja dan dibiarkan",
            report.source.display(rel)
        );
    }
    eprintln!("{} perubahan dari {}", changes.len(), args.file.display());
    after(&args.dir, Some((&args.file, Letak::Lampiran(&buku.letak))))
}

/// A new report folder: the scaffold's narrative and schemas, laporan.yaml
/// from the `Identitas` sheet (or the scaffold's, to be filled in), and the
/// tables.
fn create(args: &ImportArgs, buku: &Buku, asal: &str, file_name: &str) -> Result<(), Error> {
    let files = masuk::folder_baru(buku, asal, file_name, &args.dir, super::init::today());
    let tables: Vec<&Lampiran> = buku.tabel.iter().collect();
    if args.coba {
        eprintln!("--coba: {} akan berisi:", args.dir.display());
        for (name, bytes) in &files {
            if !name.starts_with(".schema/") {
                eprintln!(
                    "  {name} ({} baris)",
                    String::from_utf8_lossy(bytes).lines().count()
                );
            }
        }
        eprintln!("tidak ada berkas yang ditulis");
        return Ok(());
    }
    renaksi::fs::write_tree(&args.dir, &files)?;
    let indikator: usize = tables
        .iter()
        .flat_map(|t| &t.pejabat)
        .flat_map(|p| &p.sasaran)
        .map(|s| s.indikator.len())
        .sum();
    eprintln!(
        "laporan baru: {} ({} tabel, {indikator} indikator dari {})",
        args.dir.display(),
        tables.len(),
        args.file.display()
    );
    if buku.identitas.is_empty() {
        eprintln!("catatan: lembar kerja tanpa lembar Identitas: isi laporan.yaml (tempat isian [isi: …])");
    }
    after(&args.dir, Some((&args.file, Letak::Lampiran(&buku.letak))))
}

/// What `check` says of the result, in one line, with the command for the
/// details.
/// Where the entries of what was imported were read.
#[derive(Clone, Copy)]
enum Letak<'a> {
    /// The indicators of the `Data` sheet.
    Lampiran(&'a [SelIndikator]),
    /// The entries of the realisasi sheets.
    Realisasi(&'a [SelRealisasi]),
}

fn after(dir: &Path, lembar: Option<(&Path, Letak)>) -> Result<(), Error> {
    use renaksi::error::{Diagnostic, Severity};
    let name = lembar.map(|(file, _)| {
        file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    // Each finding with the cell its indicator was read from, if any.
    let found: Vec<(Diagnostic, Option<String>)> = match renaksi::load(Some(dir)) {
        Ok(report) => {
            let mut found = renaksi::check::lint(&report, None);
            found.extend(renaksi::check::realisasi::temuan(&report)?.0);
            found
                .into_iter()
                .map(|d| {
                    let sel = lembar
                        .and_then(|(_, letak)| sel_temuan(&report, letak, &d))
                        .map(str::to_owned);
                    (d, sel)
                })
                .collect()
        }
        Err(Error::Input(problems)) => problems
            .into_iter()
            .map(|problem| {
                let d = Diagnostic {
                    severity: Severity::Galat,
                    problem,
                };
                (d, None)
            })
            .collect(),
        Err(err) => return Err(err),
    };
    let galat = found
        .iter()
        .filter(|(d, _)| d.severity == Severity::Galat)
        .count();
    let peringatan = found.len() - galat;
    // The first galat, so that what is left to do is seen at once; and
    // every finding about an indicator of the sheet, with its cell, where
    // the person will correct it.
    let mut shown = 0;
    for (d, sel) in &found {
        match sel {
            Some(sel) => eprintln!(
                "{d}\n  di lembar kerja: {} ({sel})",
                name.as_deref().unwrap_or_default()
            ),
            None if d.severity == Severity::Galat && shown < 3 => {
                shown += 1;
                eprintln!("{d}");
            }
            None => {}
        }
    }
    eprintln!(
        "periksa: {galat} galat, {peringatan} peringatan; rinciannya: `renaksi check {}`",
        dir.display()
    );
    Ok(())
}

/// The cell of the sheet the entry a finding is about was read from.
fn sel_temuan<'a>(
    report: &renaksi::content::Report,
    letak: Letak<'a>,
    d: &renaksi::error::Diagnostic,
) -> Option<&'a str> {
    let path = d.problem.path.as_deref()?;
    let under = |jalur: &str| {
        path.strip_prefix(jalur)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    match letak {
        Letak::Lampiran(letak) => {
            let tingkat = report
                .lampiran
                .iter()
                .find(|f| report.source.display(&f.file) == d.problem.file)?
                .table
                .tingkat;
            letak
                .iter()
                .find(|l| l.tingkat == tingkat && under(&l.jalur))
                .map(|l| l.sel.as_str())
        }
        Letak::Realisasi(letak) => letak
            .iter()
            .find(|l| {
                report
                    .source
                    .display(&renaksi::realisasi::nama_berkas(l.triwulan))
                    == d.problem.file
                    && under(&l.jalur)
            })
            .map(|l| l.sel.as_str()),
    }
}

/// `--realisasi`: each quarter of the workbook's realisasi sheets replaces
/// its realisasi/twN.yaml, written by the canonical realisasi writer.
fn realisasi(args: &ImportArgs, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let report = renaksi::load(Some(&args.dir))?;
    let dibaca = renaksi::lembar::realisasi::baca(name, bytes, &report).map_err(Error::Input)?;
    let quarters = dibaca.tw;
    if quarters.is_empty() {
        return Err(Error::Usage {
            message: format!("lembar kerja {name} tidak berisi baris realisasi"),
            hint: "isi kolom realisasi lembar `Realisasi` hasil `renaksi export`".into(),
        });
    }
    let label = report.source.label.clone();
    let (writes, changes) = masuk::realisasi(&report, &quarters)?;
    if args.coba {
        coba(args, &label, &changes)?;
        eprintln!("--coba: tidak ada berkas yang ditulis");
        return Ok(());
    }
    tulis_semua(&args.dir, &report, &writes)?;
    eprintln!("{} perubahan dari {}", changes.len(), args.file.display());
    after(
        &args.dir,
        Some((&args.file, Letak::Realisasi(&dibaca.letak))),
    )
}

/// Writes each changed file of `writes` (path in the folder, new text, old
/// text) atomically and names it.
fn tulis_semua(
    dir: &Path,
    report: &renaksi::content::Report,
    writes: &[(String, String, Option<String>)],
) -> Result<(), Error> {
    for (rel, text, old) in writes {
        if old.as_deref() == Some(text.as_str()) {
            continue;
        }
        renaksi::fs::write_atomic(&renaksi::fs::di_dalam(dir, rel)?, text.as_bytes())?;
        eprintln!("ditulis: {}", report.source.display(rel));
    }
    Ok(())
}

/// `--coba`: what the workbook would change, as `renaksi diff` says it.
fn coba(args: &ImportArgs, label: &str, changes: &[diff::Perubahan]) -> Result<(), Error> {
    super::diff::print(
        Format::Teks,
        label,
        &format!("{label} + {}", args.file.display()),
        changes,
    )
}

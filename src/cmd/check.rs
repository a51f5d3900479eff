//! `renaksi check`: every data problem of a report, before anyone signs it;
//! in a batch folder, of every report in it.

use std::path::Path;

use renaksi::content::Sebelumnya;
use renaksi::error::{Diagnostic, Severity};
use renaksi::Error;

use super::folder::{self, Sasaran};
use super::Selesai;
use crate::cli::{CheckArgs, Format};

/// What `check` found in one report.
struct TemuanLaporan {
    label: String,
    found: Vec<Diagnostic>,
}

impl TemuanLaporan {
    fn galat(&self) -> usize {
        self.found
            .iter()
            .filter(|d| d.severity == Severity::Galat)
            .count()
    }

    fn peringatan(&self) -> usize {
        self.found.len() - self.galat()
    }

    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "laporan": self.label,
            "galat": self.galat(),
            "peringatan": self.peringatan(),
            "temuan": self.found.iter().map(Diagnostic::to_json).collect::<Vec<_>>(),
        })
    }
}

/// Loads the report (or every report of a batch), runs the lints and prints
/// every finding and a summary. `Temuan` when there are galat, or warnings
/// with `--deny-warnings`.
pub fn run(args: &CheckArgs) -> Result<Selesai, Error> {
    let sebelumnya = args.sebelumnya.pilihan();
    let (batch, hasil) = match Sasaran::pilih(args.dir.as_deref()) {
        Sasaran::Batch(dir) => {
            if let Some(renaksi::content::Sebelumnya::Folder(_)) = sebelumnya {
                return Err(Error::Usage {
                    message: "--sebelumnya FOLDER menyebut satu laporan, bukan satu batch".into(),
                    hint: "untuk batch: --sebelumnya-git REV (setiap folder kecamatan pada revisi itu)".into(),
                });
            }
            let folders = renaksi::content::discover(&dir)?;
            let hasil = super::on_every_core(&folders, super::cores(), |f| {
                check(Some(f), sebelumnya.as_ref(), true)
            });
            (Some(dir), hasil.into_iter().collect::<Result<_, _>>()?)
        }
        sasaran => (
            None,
            vec![check(
                sasaran.laporan("check")?.as_deref(),
                sebelumnya.as_ref(),
                false,
            )?],
        ),
    };
    let galat: usize = hasil.iter().map(TemuanLaporan::galat).sum();
    let peringatan: usize = hasil.iter().map(TemuanLaporan::peringatan).sum();
    match args.bentuk.format {
        Format::Teks => {
            for one in &hasil {
                for diagnostic in &one.found {
                    eprintln!("{diagnostic}");
                }
                eprintln!(
                    "{}: {} galat, {} peringatan",
                    folder::shown(Path::new(&one.label)),
                    one.galat(),
                    one.peringatan()
                );
            }
            if let Some(dir) = &batch {
                eprintln!(
                    "{}: {} laporan, {galat} galat, {peringatan} peringatan",
                    folder::shown(dir),
                    hasil.len()
                );
            }
        }
        Format::Json => {
            let json = match &batch {
                Some(dir) => serde_json::json!({
                    "versi": renaksi::VERSI_JSON,
                    "batch": renaksi::label(Some(dir)),
                    "galat": galat,
                    "peringatan": peringatan,
                    "laporan": hasil.iter().map(TemuanLaporan::to_json).collect::<Vec<_>>(),
                }),
                // One report: its object, the version first.
                None => {
                    let mut json = serde_json::json!({ "versi": renaksi::VERSI_JSON });
                    if let (Some(out), serde_json::Value::Object(one)) =
                        (json.as_object_mut(), hasil[0].to_json())
                    {
                        out.extend(one);
                    }
                    json
                }
            };
            super::stdout(&format!("{json:#}\n"))?;
        }
    }
    let failed = galat > 0 || (args.deny_warnings && peringatan > 0);
    Ok(Selesai::temuan(failed))
}

/// Checks one report, or the bundled example for `None`. A report that does
/// not load is reported by its structure problems, found like the rest;
/// the lints need a report that loaded, so they wait until these are fixed.
/// A Perubahan's previous version (named on the command line, else in its
/// YAML) is loaded for its reasons' check; one that does not load is
/// reported like the report's own problems. In a batch (`batch`) the one
/// named on the command line is for its Perubahan reports only.
fn check(
    dir: Option<&Path>,
    sebelumnya: Option<&Sebelumnya>,
    batch: bool,
) -> Result<TemuanLaporan, Error> {
    let loaded = renaksi::load(dir).and_then(|report| {
        let perintah = sebelumnya.filter(|_| !batch || report.identitas.perubahan);
        let matriks = renaksi::matriks::muat(&report, perintah)?
            .map(|lama| renaksi::matriks::susun(&report, &lama));
        Ok((report, matriks))
    });
    match loaded {
        Ok((report, matriks)) => {
            let found = renaksi::check::semua(&report, matriks.as_ref())?;
            Ok(TemuanLaporan {
                label: report.source.label.clone(),
                found,
            })
        }
        Err(Error::Input(problems)) => Ok(TemuanLaporan {
            label: renaksi::label(dir),
            found: problems
                .into_iter()
                .map(|problem| Diagnostic {
                    severity: Severity::Galat,
                    problem,
                })
                .collect(),
        }),
        Err(err) => Err(err),
    }
}

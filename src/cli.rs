//! Command-line arguments. Command and flag names are short English verbs;
//! every text a user reads is in Indonesian.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// renaksi — Rencana Aksi atas Perjanjian Kinerja dari YAML ke PDF.
#[derive(Debug, Parser)]
#[command(name = "renaksi", version, about, long_about = None)]
#[command(help_template = "{about}\n\n{usage-heading} {usage}\n\n{all-args}")]
#[command(disable_help_subcommand = true)]
pub struct Cli {
    /// Perintah yang dijalankan.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Menyusun PDF laporan dari folder YAML.
    Build(BuildArgs),
}

/// Arguments of `renaksi build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder laporan (berisi laporan.yaml, narasi.yaml, lampiran/).
    /// Tanpa DIR: contoh bawaan Kecamatan Kubutambahan 2022.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Tujuan: folder (PDF diberi nama folder laporan) atau berkas .pdf.
    #[arg(short, long, value_name = "OUT", default_value = "out")]
    pub output: PathBuf,

    /// Tulis juga sumber Typst yang dihasilkan ke FILE.
    #[arg(long, value_name = "FILE")]
    pub emit_typst: Option<PathBuf>,
}

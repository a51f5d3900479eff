//! `renaksi schema`: JSON Schemas of the kinds of YAML file, made from
//! the same types that read them, so an editor completes and checks keys as
//! a user types (yaml-language-server, as in VS Code's YAML extension).

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::content::{BerkasLaporan, BerkasPegawai, Lampiran, Narasi};

/// The kinds of file in a report folder (also the argument of
/// `renaksi schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Jenis {
    /// `laporan.yaml`.
    Laporan,
    /// `narasi.yaml`.
    Narasi,
    /// `lampiran/*.yaml`.
    Lampiran,
    /// `pegawai.yaml`.
    Pegawai,
    /// `realisasi/tw1.yaml` … `tw4.yaml`.
    Realisasi,
    /// `renstra.yaml` (Laporan Kinerja).
    Renstra,
    /// `kinerja-lalu.yaml` (Laporan Kinerja).
    KinerjaLalu,
    /// `lkjip.yaml` (Laporan Kinerja).
    Lkjip,
}

impl Jenis {
    /// All kinds, in the order of a report's files.
    pub const ALL: [Jenis; 8] = [
        Jenis::Laporan,
        Jenis::Narasi,
        Jenis::Lampiran,
        Jenis::Pegawai,
        Jenis::Realisasi,
        Jenis::Renstra,
        Jenis::KinerjaLalu,
        Jenis::Lkjip,
    ];

    /// The schema's file name, e.g. `laporan.schema.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            Jenis::Laporan => "laporan.schema.json",
            Jenis::Narasi => "narasi.schema.json",
            Jenis::Lampiran => "lampiran.schema.json",
            Jenis::Pegawai => "pegawai.schema.json",
            Jenis::Realisasi => "realisasi.schema.json",
            Jenis::Renstra => "renstra.schema.json",
            Jenis::KinerjaLalu => "kinerja-lalu.schema.json",
            Jenis::Lkjip => "lkjip.schema.json",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Jenis::Laporan => "renaksi: laporan.yaml (dan kabupaten.yaml batch)",
            Jenis::Narasi => "renaksi: narasi.yaml",
            Jenis::Lampiran => "renaksi: lampiran/*.yaml",
            Jenis::Pegawai => "renaksi: pegawai.yaml",
            Jenis::Realisasi => "renaksi: realisasi/tw1.yaml … tw4.yaml",
            Jenis::Renstra => "renaksi: renstra.yaml",
            Jenis::KinerjaLalu => "renaksi: kinerja-lalu.yaml",
            Jenis::Lkjip => "renaksi: lkjip.yaml",
        }
    }
}

/// The JSON Schema (draft-07, which editors support best) of one kind of file.
pub fn schema(jenis: Jenis) -> serde_json::Value {
    let mut value = match jenis {
        Jenis::Laporan => generate::<BerkasLaporan>(),
        Jenis::Narasi => generate::<Narasi>(),
        Jenis::Lampiran => generate::<Lampiran>(),
        Jenis::Pegawai => generate::<BerkasPegawai>(),
        Jenis::Realisasi => generate::<crate::realisasi::BerkasRealisasi>(),
        Jenis::Renstra => generate::<crate::lkjip::BerkasRenstra>(),
        Jenis::KinerjaLalu => generate::<crate::lkjip::BerkasKinerjaLalu>(),
        Jenis::Lkjip => generate::<crate::lkjip::BerkasLkjip>(),
    };
    value["title"] = jenis.title().into();
    value
}

/// The schema as the text written to a file or stdout.
pub fn text(jenis: Jenis) -> String {
    let mut text = serde_json::to_string_pretty(&schema(jenis)).unwrap_or_default();
    text.push('\n');
    text
}

fn generate<T: JsonSchema>() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

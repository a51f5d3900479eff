//! `renaksi schema`: the JSON Schemas of the YAML files, for editors.

use renaksi::fs::write_atomic;
use renaksi::schema::{text, Jenis};
use renaksi::Error;

use crate::cli::SchemaArgs;

/// What `renaksi schema` alone says it can do.
const BANTUAN: &str = "\
renaksi schema mencetak JSON Schema berkas laporan, agar editor (VS Code
dengan ekstensi YAML) melengkapi dan memeriksa kunci saat mengetik:

  renaksi schema laporan     skema laporan.yaml (juga kabupaten.yaml)
  renaksi schema narasi      skema narasi.yaml
  renaksi schema lampiran    skema lampiran/*.yaml
  renaksi schema pegawai     skema pegawai.yaml (Perjanjian Kinerja)
  renaksi schema realisasi   skema realisasi/tw1.yaml … tw4.yaml (monitoring)
  renaksi schema renstra     skema renstra.yaml (Laporan Kinerja)
  renaksi schema kinerja-lalu  skema kinerja-lalu.yaml (Laporan Kinerja)
  renaksi schema lkjip       skema lkjip.yaml (Laporan Kinerja)
  renaksi schema -o DIR      semua skema sebagai berkas .schema.json di folder DIR

Berkas yang dibuat `renaksi init` sudah menunjuk skemanya di baris pertama.
";

/// Prints one schema, or writes all of them into a folder.
pub fn run(args: &SchemaArgs) -> Result<(), Error> {
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io("tidak dapat membuat folder", dir, e))?;
        for jenis in Jenis::ALL {
            let path = dir.join(jenis.file_name());
            write_atomic(&path, text(jenis).as_bytes())?;
            eprintln!("skema ditulis: {}", path.display());
        }
    }
    match args.jenis {
        Some(jenis) => super::stdout(&text(jenis))?,
        None if args.output.is_none() => super::stdout(BANTUAN)?,
        None => {}
    }
    Ok(())
}

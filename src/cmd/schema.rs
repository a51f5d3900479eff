//! `renaksi schema`: the JSON Schemas of the YAML files, for editors.

use renaksi::pdf::write_atomic;
use renaksi::schema::{text, Jenis};
use renaksi::Error;

use crate::cli::SchemaArgs;

/// Prints one schema, or writes all three into a folder.
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
    if let Some(jenis) = args.jenis {
        super::stdout(&text(jenis.into()))?;
    }
    Ok(())
}

//! `renaksi manifest merge`: the manifests of a batch's shards as one.

use renaksi::batch::Manifest;
use renaksi::Error;

use crate::cli::{ManifestArgs, ManifestCommand};

/// Reads the parts, joins them and writes the whole.
pub fn run(args: &ManifestArgs) -> Result<(), Error> {
    let ManifestCommand::Merge(merge) = &args.command;
    let parts = merge
        .parts
        .iter()
        .map(|p| Manifest::read(p))
        .collect::<Result<Vec<_>, _>>()?;
    let whole = Manifest::merge(parts).map_err(|message| {
        Error::io(
            "manifest tidak dapat digabung",
            &merge.output,
            std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        )
    })?;
    whole.write(&merge.output)?;
    eprintln!(
        "manifest ditulis: {} ({} laporan, {} gagal)",
        merge.output.display(),
        whole.laporan.len(),
        whole.failed()
    );
    Ok(())
}

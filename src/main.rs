//! The `renaksi` binary: parses arguments, runs a subcommand, prints errors
//! once and maps them to exit codes (0 ok, 1 invalid input, 2 usage or I/O).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

use cli::{Cli, Command};
use renaksi::Error;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("{}", cli::usage_error(&err));
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        Command::Build(args) => cmd::build::run(args).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => cmd::check::run(args).map(ExitCode::from),
        Command::Realisasi(args) => cmd::realisasi::run(args).map(|()| ExitCode::SUCCESS),
        Command::Lkjip(args) => cmd::lkjip::run(args).map(|()| ExitCode::SUCCESS),
        Command::Batch(args) => cmd::batch::run(args).map(ExitCode::from),
        Command::Manifest(args) => cmd::manifest::run(args).map(|()| ExitCode::SUCCESS),
        Command::Schema(args) => cmd::schema::run(args).map(|()| ExitCode::SUCCESS),
        Command::Completions(args) => cmd::completions::run(args).map(|()| ExitCode::SUCCESS),
        Command::Sign(args) => cmd::sign::run(args).map(|()| ExitCode::SUCCESS),
        Command::Testcert(args) => cmd::testcert::run(args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => cmd::export::run(args).map(|()| ExitCode::SUCCESS),
        Command::Import(args) => cmd::import::run(args).map(|()| ExitCode::SUCCESS),
        Command::Template(args) => cmd::export::template(args).map(|()| ExitCode::SUCCESS),
        Command::Fmt(args) => cmd::fmt::run(args).map(ExitCode::from),
        Command::Init(args) => cmd::init::run(args).map(|()| ExitCode::SUCCESS),
        Command::Watch(args) => cmd::watch::run(args).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => cmd::serve::run(args).map(|()| ExitCode::SUCCESS),
        Command::Server(args) => cmd::server::run(args).map(|()| ExitCode::SUCCESS),
        Command::Pengguna(args) => cmd::server::akun::run(args).map(|()| ExitCode::SUCCESS),
        Command::Verify(args) => match cmd::verify::run(args) {
            Ok(code) => Ok(code),
            Err(err) => {
                report(&err);
                return ExitCode::from(2);
            }
        },
        // 1 means "different", so every error of diff is 2.
        Command::Diff(args) => match cmd::diff::run(args) {
            Ok(selesai) => Ok(ExitCode::from(selesai)),
            Err(err) => {
                report(&err);
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            report(&err);
            ExitCode::from(exit_code(&err))
        }
    }
}

/// Prints an error once, each problem of the user's files on its own.
fn report(err: &Error) {
    cmd::print_error(err);
    if let Error::Input(problems) = err {
        eprintln!("{} galat; perbaiki lalu jalankan lagi", problems.len());
    }
}

fn exit_code(err: &Error) -> u8 {
    match err {
        Error::Input(_) | Error::Findings(_) => 1,
        Error::Io { .. } | Error::Internal(_) | Error::Sign { .. } | Error::Usage { .. } => 2,
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}

//! `renaksi completions`: the shell's tab completion for renaksi's
//! commands and options, printed for the user's shell profile.

use clap::CommandFactory;
use clap_complete::Shell as Target;
use renaksi::Error;

use crate::cli::{Cli, CompletionsArgs, Shell};

/// Prints the completion script of `args.shell`.
pub fn run(args: &CompletionsArgs) -> Result<(), Error> {
    let target = match args.shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
    };
    let mut script = Vec::new();
    clap_complete::generate(target, &mut Cli::command(), "renaksi", &mut script);
    super::stdout(&String::from_utf8_lossy(&script))
}

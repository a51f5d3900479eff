//! One module per subcommand; the work itself lives in the library.

pub mod batch;
pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod manifest;
pub mod schema;
pub mod sign;
pub mod watch;

use std::io::Write;

use renaksi::Error;

/// Writes `text` to standard output. A closed pipe (`| head`) is not an
/// error worth a message.
pub fn stdout(text: &str) -> Result<(), Error> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("tidak dapat menulis ke", "stdout", err))
        }
        _ => Ok(()),
    }
}

/// Prints an error on standard error, each problem of the user's files on
/// its own with a blank line after it.
pub fn print_error(err: &Error) {
    match err {
        Error::Input(problems) => {
            for problem in problems {
                eprintln!("galat: {problem}\n");
            }
        }
        err => eprintln!("galat: {err}"),
    }
}

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

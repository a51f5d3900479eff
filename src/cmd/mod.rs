//! One module per subcommand; the work itself lives in the library.

pub mod build;
pub mod check;
pub mod schema;

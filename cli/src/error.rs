//! What went wrong, and the exit code that tells a calling script: the client library's errors,
//! under the name the commands use.

pub use city_client::error::{Error as CliError, Kind, Result};

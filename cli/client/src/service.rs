//! What every CityChain service process (city-gateway, city-indexer) starts the same way: its
//! logs, and (`http`) the skeleton of its HTTP API.

pub mod http;

/// The logging options every service takes (`#[command(flatten)]`).
#[derive(clap::Args)]
pub struct Logs {
	/// Logs as JSON lines instead of text (the filter comes from the service's `…_LOG`
	/// environment variable, default `info`).
	#[arg(long, global = true)]
	pub log_json: bool,
}

impl Logs {
	/// Structured logs on stderr: filtered by the environment variable `filter_env` (a
	/// `tracing` filter such as `info,city_indexer=debug`; `info` when unset), as JSON lines
	/// with `--log-json` (for log collectors), with colours only on a terminal.
	pub fn init(&self, filter_env: &str) {
		use std::io::IsTerminal;
		use tracing_subscriber::EnvFilter;
		let filter = EnvFilter::try_from_env(filter_env).unwrap_or_else(|_| EnvFilter::new("info"));
		let builder = tracing_subscriber::fmt()
			.with_env_filter(filter)
			.with_writer(std::io::stderr)
			.with_ansi(std::io::stderr().is_terminal());
		if self.log_json {
			builder.json().init();
		} else {
			builder.init();
		}
	}
}

#![doc = include_str!("../README.md")]

mod access;
mod asset;
mod bench;
mod code;
mod error;
mod fetch;
mod gateway_bench;
mod key;
mod output;
mod progress;
mod qr;

use city_client::chain;
use clap::{Parser, Subcommand};
use error::{CliError, Result};
use std::{io::IsTerminal, path::PathBuf};

/// A client for CityChain department systems: register and verify data assets, manage access
/// grants, issue and resolve city codes.
#[derive(Parser)]
#[command(name = "city-cli", version)]
struct Cli {
	/// WebSocket URL of a CityChain node.
	#[arg(long, env = "CITY_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	url: String,
	/// Secret URI of the signing key: `//Alice`, a mnemonic, or a mnemonic with a derivation
	/// path. Prefer the environment variable: a command line is visible to other users.
	#[arg(long, env = "CITY_SURI", hide_env_values = true, global = true)]
	suri: Option<String>,
	/// Print one JSON document (errors too, as `{"error": …}`) instead of text.
	#[arg(long, global = true)]
	json: bool,
	/// Wait until a transaction is finalized, or only until it is in a best block; reads then
	/// see the finalized head or the best one.
	#[arg(long, value_enum, default_value_t = chain::Wait::Finalized, global = true)]
	wait: chain::Wait,
	/// No progress bars.
	#[arg(long, global = true)]
	quiet: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Print FILE's content hash as `asset register` would record it (offline).
	Hash {
		file: PathBuf,
		#[arg(long, value_enum, default_value_t)]
		algorithm: asset::Algorithm,
	},
	/// Data assets: register, update, show.
	#[command(subcommand)]
	Asset(asset::AssetCommand),
	/// Check a downloaded file against the chain: which version of ASSET it is, or that it is none.
	Verify {
		file: PathBuf,
		#[arg(long)]
		asset: u64,
		/// Check against this version only.
		#[arg(long)]
		version: Option<u32>,
	},
	/// Access grants: request, approve, reject, revoke, record, check.
	#[command(subcommand)]
	Access(access::AccessCommand),
	/// City codes: issue, batch-issue, resolve, QR code.
	#[command(subcommand)]
	Code(code::CodeCommand),
	/// Download an asset from its owner's gateway under your department's grant: signed,
	/// decrypted, resumed after an interruption, and checked against the chain.
	Fetch(fetch::FetchArgs),
	/// Your department's encryption key: create, publish, remove, show.
	#[command(subcommand)]
	Key(key::KeyCommand),
	/// Load benchmark: signed extrinsics of each kind against a node, with rates and latencies.
	Bench(bench::BenchArgs),
	/// Download benchmark: many consumers fetching one asset at once from a gateway (or a
	/// plain file server, to compare), with throughput and latencies (scripts/bench-gateway).
	GatewayBench(gateway_bench::GatewayBenchArgs),
}

impl Command {
	/// Whether the command signs a transaction, so needs `--suri`.
	fn signs(&self) -> bool {
		use access::AccessCommand as A;
		use code::CodeCommand as C;
		match self {
			Command::Asset(command) => !matches!(command, asset::AssetCommand::Show { .. }),
			Command::Access(command) => !matches!(command, A::Check { .. } | A::Grant { .. }),
			Command::Code(command) => matches!(command, C::Issue { .. } | C::Batch { .. }),
			Command::Fetch(_) => true,
			Command::Key(command) => command.signs(),
			Command::Hash { .. } | Command::Verify { .. } | Command::Bench(_) => false,
			Command::GatewayBench(args) => args.plain.is_none(),
		}
	}

	/// The local file the command reads, if any.
	fn input_file(&self) -> Option<&std::path::Path> {
		match self {
			Command::Hash { file, .. } | Command::Verify { file, .. } => Some(file),
			Command::Asset(asset::AssetCommand::Register(args)) => Some(&args.file),
			Command::Asset(asset::AssetCommand::Update(args)) => Some(&args.file),
			_ => None,
		}
	}
}

async fn run(cli: Cli) -> Result<output::Report> {
	let show_progress = !cli.json && !cli.quiet && std::io::stderr().is_terminal();
	// The key is derived once, here; commands that sign need it, `access check` may use it.
	let key = cli.suri.as_deref().map(chain::keypair).transpose()?;
	let key = key.as_ref();
	// What can be checked without the node is checked first, so that a missing key or file is
	// reported as such (exit 2 or 7) even when the node is down.
	if cli.command.signs() {
		chain::signer(key)?;
	}
	if let Some(file) = cli.command.input_file() {
		std::fs::File::open(file).map_err(|e| CliError::file(file, e))?;
	}
	let url = cli.url.as_str();
	match cli.command {
		Command::Hash { file, algorithm } => asset::hash(&file, algorithm),
		Command::Asset(command) => {
			asset::run(&chain::connect(url, cli.wait).await?, key, command, cli.wait).await
		},
		Command::Verify { file, asset, version } => {
			asset::verify(&chain::connect(url, cli.wait).await?, &file, asset, version).await
		},
		Command::Access(command) => {
			access::run(&chain::connect(url, cli.wait).await?, key, command, cli.wait).await
		},
		Command::Code(command) => {
			code::run(&chain::connect(url, cli.wait).await?, key, command, cli.wait, show_progress)
				.await
		},
		Command::Fetch(args) => {
			let node = chain::connect(url, cli.wait).await?;
			fetch::run(&node, chain::signer(key)?, args, show_progress).await
		},
		Command::Key(command) => key::run(url, cli.wait, key, command).await,
		Command::GatewayBench(args) => {
			let node = match args.plain {
				None => Some(chain::connect(url, cli.wait).await?),
				Some(_) => None,
			};
			gateway_bench::run(node.as_ref(), key, args).await
		},
		Command::Bench(args) => {
			bench::run(&chain::connect(url, cli.wait).await?, args, show_progress).await
		},
	}
}

/// Parses the command line; with `--json`, a usage error is a JSON error document too.
fn parse() -> Cli {
	match Cli::try_parse() {
		Ok(cli) => cli,
		Err(error) => {
			use clap::error::ErrorKind;
			let is_answer =
				matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
			if is_answer || !std::env::args().any(|arg| arg == "--json") {
				error.exit();
			}
			let message = error.render().to_string();
			let first_line = message.lines().next().unwrap_or("bad command line");
			let first_line = first_line.trim_start_matches("error: ").to_string();
			output::print_error(&CliError::usage(first_line), true);
			std::process::exit(error::Kind::Usage.exit_code());
		},
	}
}

fn main() {
	let cli = parse();
	let as_json = cli.json;
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			output::print_error(
				&CliError::new(error::Kind::Internal, format!("cannot start: {e}")),
				as_json,
			);
			std::process::exit(error::Kind::Internal.exit_code());
		},
	};
	match runtime.block_on(run(cli)) {
		Ok(report) => report.print(as_json),
		Err(error) => {
			output::print_error(&error, as_json);
			std::process::exit(error.kind.exit_code());
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::CommandFactory;

	/// clap checks the whole command tree (unique names, valid defaults) only when asked.
	#[test]
	fn command_line_definition_is_consistent() {
		Cli::command().debug_assert();
	}

	#[test]
	fn global_options_parse_after_the_subcommand() {
		let cli = Cli::try_parse_from([
			"city-cli",
			"verify",
			"f.csv",
			"--asset",
			"3",
			"--version",
			"2",
			"--json",
			"--url",
			"ws://x:1",
		])
		.unwrap();
		assert!(cli.json);
		assert_eq!(cli.url, "ws://x:1");
		assert!(matches!(cli.command, Command::Verify { asset: 3, version: Some(2), .. }));
	}
}

#![doc = include_str!("../README.md")]

use city_indexer::{
	chain::Chain,
	db::Db,
	error::{Error, Result},
	follow,
};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "city-indexer", version, about = "CityChain's history in a database")]
struct Cli {
	/// WebSocket URL of a CityChain node (an archive node keeps every block's state, which a
	/// start from genesis reads).
	#[arg(long, env = "CITY_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	url: String,
	/// The database: `sqlite:FILE` (created if missing) or `postgres://user@host/db`.
	#[arg(
		long,
		env = "CITY_INDEXER_DATABASE",
		default_value = "sqlite:city-index.db",
		global = true
	)]
	database: String,
	#[command(flatten)]
	logs: city_client::service::Logs,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Index finalized blocks, from genesis or the block after the last stored one, and keep
	/// following the chain.
	Follow {
		/// Stop after indexing this block (once it is finalized) instead of following.
		#[arg(long)]
		until: Option<u64>,
	},
	/// Print the last indexed block and the node's finalized one, as JSON.
	Status,
}

fn main() {
	let cli = Cli::parse();
	cli.logs.init("CITY_INDEXER_LOG");
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => fail(Error::internal(format!("cannot start: {e}"))),
	};
	if let Err(e) = runtime.block_on(run(cli)) {
		fail(e);
	}
}

async fn run(cli: Cli) -> Result<()> {
	let db = Db::open(&cli.database).await?;
	let chain = Chain::connect(&cli.url).await?;
	match cli.command {
		Command::Follow { until } => {
			let options = follow::Options { until };
			tokio::select! {
				result = follow::follow(&chain, &db, &options) => result,
				_ = tokio::signal::ctrl_c() => {
					// Every committed block is complete; nothing else needs saving.
					tracing::info!("interrupted; stopping");
					Ok(())
				},
			}
		},
		Command::Status => {
			let last = db.last().await?;
			let finalized = chain.finalized().await?;
			let status = serde_json::json!({
				"indexed": last.as_ref().map(|last| last.number),
				"indexed_hash": last.map(|last| last.hash),
				"finalized": finalized,
			});
			println!("{status}");
			Ok(())
		},
	}
}

fn fail(e: Error) -> ! {
	tracing::error!("{e}");
	eprintln!("error: {e}");
	std::process::exit(e.exit_code());
}

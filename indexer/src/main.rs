#![doc = include_str!("../README.md")]

use city_client::service::http;
use city_indexer::{
	api,
	chain::Chain,
	check,
	db::Db,
	error::{Error, Kind, Result},
	follow,
};
use clap::{Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf};

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
	/// Serve the read API (docs/indexer.md) from the database; with `--follow`, index in the same
	/// process too.
	Serve(ServeArgs),
	/// Compare the index with the chain's runtime APIs at the last indexed block and print every
	/// difference, as JSON. Exits 7 when there is one.
	Check,
}

#[derive(clap::Args)]
struct ServeArgs {
	/// The address to listen on.
	#[arg(long, env = "CITY_INDEXER_LISTEN", default_value = "127.0.0.1:8090")]
	listen: SocketAddr,
	/// The TLS certificate chain (PEM).
	#[arg(long, env = "CITY_INDEXER_TLS_CERTIFICATE", requires = "tls_key")]
	tls_certificate: Option<PathBuf>,
	/// The TLS private key (PEM).
	#[arg(long, env = "CITY_INDEXER_TLS_KEY", requires = "tls_certificate")]
	tls_key: Option<PathBuf>,
	/// Plain HTTP without TLS: on loopback, or behind a proxy that terminates TLS.
	#[arg(long, conflicts_with = "tls_certificate")]
	insecure_http: bool,
	/// Also follow the chain (as `follow` does) while serving.
	#[arg(long)]
	follow: bool,
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
	match cli.command {
		Command::Follow { until } => {
			let chain = Chain::connect(&cli.url).await?;
			let options = follow::Options { until };
			tokio::select! {
				result = follow::follow(&chain, &db, &options) => result,
				_ = http::stop_signal() => {
					// Every committed block is complete; nothing else needs saving.
					tracing::info!("stopping");
					Ok(())
				},
			}
		},
		Command::Status => {
			let chain = Chain::connect(&cli.url).await?;
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
		Command::Serve(args) => serve(&cli.url, db, args).await,
		Command::Check => {
			let chain = Chain::connect(&cli.url).await?;
			let report = check::check(&chain, &db).await?;
			println!("{}", report.json());
			match report.differences.len() {
				0 => Ok(()),
				n => Err(Error::new(
					Kind::Inconsistent,
					format!(
						"the index and the chain differ in {n} places at block {}",
						report.block
					),
				)),
			}
		},
	}
}

async fn serve(url: &str, db: Db, args: ServeArgs) -> Result<()> {
	let tls =
		match (args.tls_certificate, args.tls_key, args.insecure_http) {
			(_, _, true) => None,
			(Some(certificate), Some(private_key), false) => {
				Some(http::TlsFiles { certificate, private_key }.acceptor().map_err(Error::usage)?)
			},
			_ => return Err(Error::usage(
				"serve needs --tls-certificate and --tls-key, or --insecure-http for plain HTTP",
			)),
		};
	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| Error::usage(format!("cannot listen on {}: {e}", args.listen)))?;
	let app = api::router(db.clone());
	let serving = async { http::serve(listener, app, tls).await.map_err(Error::internal) };
	if !args.follow {
		return serving.await;
	}
	let chain = Chain::connect(url).await?;
	let options = follow::Options { until: None };
	// Whichever ends first ends the process: a follower that stops (another chain) must not
	// leave an API that silently stops advancing.
	tokio::select! {
		result = serving => result,
		result = follow::follow(&chain, &db, &options) => result,
	}
}

fn fail(e: Error) -> ! {
	tracing::error!("{e}");
	eprintln!("error: {e}");
	std::process::exit(e.exit_code());
}

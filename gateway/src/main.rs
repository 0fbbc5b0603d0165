#![doc = include_str!("../README.md")]

mod body;
mod chain;
mod config;
mod guard;
mod journal;
mod recorder;
mod serve;
mod store;

use clap::{Parser, Subcommand};
use config::Config;
use std::{path::PathBuf, sync::Arc, time::Duration};

/// A department's data gateway: serves its assets to other departments only after the chain
/// says yes, encrypted to the grantee, and records every download on-chain.
#[derive(Parser)]
#[command(name = "city-gateway", version)]
struct Cli {
	/// The configuration file (see docs/gateway.md).
	#[arg(long, env = "CITY_GATEWAY_CONFIG", global = true, default_value = "gateway.toml")]
	config: PathBuf,
	#[command(flatten)]
	logs: city_client::service::Logs,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Serve the department's assets.
	Serve {
		/// Plain HTTP without TLS: for tests on loopback only.
		#[arg(long)]
		insecure_http: bool,
	},
	/// Store FILE and register it on-chain: a new asset, or with `--asset` its next version.
	/// Prints the asset id and version.
	Publish(PublishArgs),
}

#[derive(clap::Args)]
struct PublishArgs {
	file: PathBuf,
	/// Register a new version of this asset instead of a new asset.
	#[arg(long)]
	asset: Option<u64>,
	/// The new asset's title (defaults to the file name).
	#[arg(long)]
	title: Option<String>,
	/// The new asset's classification.
	#[arg(long, value_enum, required_unless_present = "asset")]
	classification: Option<city_client::asset::ClassificationArg>,
	/// IANA media type of a new asset.
	#[arg(long, default_value = "application/octet-stream")]
	media_type: String,
	/// A tag of a new asset (repeatable).
	#[arg(long = "tag")]
	tags: Vec<String>,
	/// Where consumers fetch it: this gateway's URL (defaults to `public_url` in the config).
	#[arg(long)]
	location: Option<String>,
	/// The content hash's algorithm.
	#[arg(long, value_enum, default_value_t)]
	algorithm: city_client::asset::Algorithm,
	/// Print one JSON document.
	#[arg(long)]
	json: bool,
}

fn main() {
	let cli = Cli::parse();
	cli.logs.init("CITY_GATEWAY_LOG");
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => fail(format!("cannot start: {e}")),
	};
	let config = Config::load(&cli.config).unwrap_or_else(|e| fail(e));
	let result = match cli.command {
		Command::Serve { insecure_http } => runtime.block_on(serve(config, insecure_http)),
		Command::Publish(args) => runtime.block_on(publish(config, args)),
	};
	if let Err(e) = result {
		fail(e);
	}
}

fn fail(message: String) -> ! {
	tracing::error!("{message}");
	eprintln!("error: {message}");
	std::process::exit(1);
}

fn signer(config: &Config, publisher: bool) -> Result<subxt_signer::sr25519::Keypair, String> {
	let suri = config.signer_suri(publisher)?;
	city_client::chain::keypair(&suri).map_err(|e| e.message.replace("--suri", "the signer key"))
}

async fn publish(config: Config, args: PublishArgs) -> Result<(), String> {
	let key = signer(&config, true)?;
	let store = store::Store::open(&config.data_dir).map_err(|e| format!("data directory: {e}"))?;
	let location = args
		.location
		.or_else(|| config.public_url.clone())
		.ok_or("pass --location or set `public_url` in the config: where consumers fetch it")?;
	let source = args.file.clone();
	let (staged, hashes) =
		store.import(&source).map_err(|e| format!("{}: {e}", source.display()))?;
	let content = hashes.content(args.algorithm);
	let node =
		chain::ChainView::new(config.nodes.clone(), config.department, Duration::from_secs(30))
			.connect()
			.await?;
	let wait = city_client::chain::Wait::Finalized;
	let registered = match args.asset {
		Some(asset) => {
			city_client::asset::add_version(
				&node,
				&key,
				asset,
				&content,
				hashes.size,
				location,
				wait,
			)
			.await
		},
		None => {
			let name = args.title.unwrap_or_else(|| {
				source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
			});
			let asset = city_client::asset::NewAsset {
				name,
				classification: args
					.classification
					.unwrap_or(city_client::asset::ClassificationArg::Internal)
					.into(),
				location,
				media_type: args.media_type,
				tags: args.tags,
			};
			city_client::asset::register(&node, &key, &content, hashes.size, asset, wait).await
		},
	};
	let registered = match registered {
		Ok(registered) => registered,
		Err(e) => {
			let _ = std::fs::remove_file(&staged);
			return Err(e.message);
		},
	};
	let path = store.keep(&staged, &content).map_err(|e| format!("cannot store the file: {e}"))?;
	let hash = city_client::asset::hash_text(&content);
	if args.json {
		println!(
			"{}",
			serde_json::json!({
				"asset": registered.asset,
				"version": registered.version,
				"content": city_client::asset::hash_json(&content),
				"size": hashes.size,
				"stored": path.display().to_string(),
				"included": registered.included.json(),
			})
		);
	} else {
		println!(
			"asset {} version {}: {hash}  {} bytes\nstored {}\n{}",
			registered.asset,
			registered.version,
			hashes.size,
			path.display(),
			registered.included.text()
		);
	}
	Ok(())
}

async fn serve(config: Config, insecure_http: bool) -> Result<(), String> {
	let key = signer(&config, false)?;
	let tls = match (&config.tls, insecure_http) {
		(_, true) => None,
		(Some(files), false) => Some(files.acceptor()?),
		(None, false) => return Err(
			"the config names no [tls] certificate and key; plain HTTP needs serve --insecure-http"
				.into(),
		),
	};
	let window_ms = config.request_window_secs.saturating_mul(1000);
	let store = store::Store::open(&config.data_dir).map_err(|e| format!("data directory: {e}"))?;
	let now = city_client::served::now_ms();
	let journal = journal::Journal::open(&config.data_dir, now.saturating_sub(window_ms))
		.map_err(|e| format!("cannot open the journal: {e}"))?;
	let mut replay = guard::ReplayGuard::new(window_ms);
	let pending = journal
		.with_state(|state| {
			for (consumer, nonce, issued_at) in &state.seen {
				let consumer = consumer.parse::<subxt::utils::AccountId32>().ok();
				let nonce = city_client::served::hex_array::<16>(nonce);
				if let (Some(consumer), Some(nonce)) = (consumer, nonce) {
					replay.first_time(consumer.0, nonce, *issued_at, now);
				}
			}
			state.pending.len()
		})
		.unwrap_or(0);
	tracing::info!(journal = %journal.path().display(), pending, "receipt journal open");
	let journal = Arc::new(journal);
	let view = chain::ChainView::new(
		config.nodes.clone(),
		config.department,
		Duration::from_secs(config.chain_timeout_secs),
	);
	tokio::spawn(view.clone().follow(Duration::from_secs(1)));
	let recorder = recorder::Recorder::new(
		view.clone(),
		journal.clone(),
		key,
		Duration::from_millis(config.receipt_interval_ms.max(100)),
	);
	tokio::spawn(recorder.run());
	let gateway = Arc::new(serve::Gateway {
		chain: view,
		store,
		journal,
		replay: std::sync::Mutex::new(replay),
		limits: std::sync::Mutex::new(guard::RateLimiter::new(
			config.rate_limit.per_second,
			config.rate_limit.burst,
		)),
		allow_plaintext: config.allow_plaintext,
	});
	let app = serve::router(gateway);
	let listener = tokio::net::TcpListener::bind(config.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
	tracing::info!(department = config.department, "serving the department's assets");
	city_client::service::http::serve(listener, app, tls).await?;
	tracing::info!("stopped: no new downloads (the journal keeps what is not on-chain yet)");
	Ok(())
}

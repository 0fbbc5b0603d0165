//! `fetch`: download an asset from the owner department's gateway. The request is signed by
//! this key (a member of the grantee department) for the chain the node is on; the answer is
//! decrypted with the department's secret key, resumed with `Range` after an interruption, and
//! checked against the content hash on-chain before it is kept.

use crate::{
	chain::{self, city, Node},
	error::{CliError, Kind, Result},
	output::Report,
	progress,
};
use bytes::Bytes;
use city_client::{asset, served};
use http_body_util::BodyExt;
use hyper::{body::Incoming, Request, Response, StatusCode, Uri};
use serde_json::json;
use std::{
	io::{Read, Write},
	path::{Path, PathBuf},
	sync::Arc,
};
use subxt_signer::sr25519::Keypair;
use tokio::sync::mpsc;

#[derive(clap::Args)]
pub struct FetchArgs {
	/// The owner's gateway: `https://host[:port]` (`http://` only for a local test gateway).
	#[arg(long)]
	pub gateway: String,
	#[arg(long)]
	pub asset: u64,
	/// A version (default: the latest).
	#[arg(long)]
	pub version: Option<u32>,
	/// Your department's grant on the asset.
	#[arg(long)]
	pub grant: u64,
	/// Where to write the file (a partial download waits in FILE.part and is resumed).
	#[arg(short, long)]
	pub out: PathBuf,
	/// Your department's secret key file (`key new`), to decrypt with.
	#[arg(long, env = "CITY_KEY_FILE")]
	pub key: Option<PathBuf>,
	/// A PEM certificate to trust for the gateway besides the system's roots.
	#[arg(long)]
	pub ca_cert: Option<PathBuf>,
	/// How many times to resume after an interrupted transfer.
	#[arg(long, default_value_t = 3)]
	pub retries: u32,
}

/// One response's account: what was sent, and its receipt (BLAKE2-256 of the body).
struct Transfer {
	download: Option<String>,
	receipt: [u8; 32],
	bytes: u64,
	encrypted: bool,
}

pub async fn run(
	node: &Node,
	key: &Keypair,
	args: FetchArgs,
	show_progress: bool,
) -> Result<Report> {
	let uri: Uri = args.gateway.trim_end_matches('/').parse().map_err(|_| {
		CliError::usage(format!(
			"--gateway must be a URL such as https://gw.example:8443, not `{}`",
			args.gateway
		))
	})?;
	let identity = args.key.as_deref().map(city_client::encryption::read_identity).transpose()?;
	let tls = match uri.scheme_str() {
		Some("https") => Some(tls_config(args.ca_cert.as_deref())?),
		Some("http") => None,
		_ => return Err(CliError::usage("--gateway must start with https:// or http://")),
	};
	let genesis = node.client.genesis_hash().0;
	let part = args.out.with_extension(match args.out.extension() {
		Some(ext) => format!("{}.part", ext.to_string_lossy()),
		None => "part".into(),
	});
	let bar = progress::bar(show_progress, 0, "bytes");
	let mut transfers = Vec::new();
	let mut attempts = 0;
	let (version, content, size) = loop {
		let have = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
		let signed =
			served::sign(key, &genesis, served::new_request(args.grant, args.asset, args.version));
		let response = get(&uri, Some(&signed), &signed.path(), have, tls.clone()).await?;
		let status = response.status();
		if !status.is_success() {
			return Err(refusal(response).await);
		}
		let head = ResponseHead::read(&response)?;
		if status == StatusCode::OK && have > 0 {
			// The gateway sent the whole file: start again.
			std::fs::remove_file(&part).map_err(|e| CliError::file(&part, e))?;
		}
		if head.encrypted && identity.is_none() {
			return Err(CliError::usage(
				"the gateway encrypts to your department's key: pass --key with its secret key file",
			));
		}
		bar.set_length(head.size);
		bar.set_position(if status == StatusCode::PARTIAL_CONTENT { have } else { 0 });
		match receive(response, &part, head.encrypted.then(|| identity.clone()).flatten(), &bar)
			.await
		{
			Ok(transfer) => {
				transfers.push(transfer);
				break (head.version, head.content, head.size);
			},
			Err(e) if attempts < args.retries && e.kind == Kind::Unreachable => {
				attempts += 1;
				bar.println(format!("interrupted ({}); resuming", e.message));
			},
			Err(e) => return Err(e),
		}
	};
	bar.finish_and_clear();

	// Only a file the chain registered is kept.
	let hashes = asset::hash_file(&part)?;
	let at = node.at_head().await?;
	let api = city::runtime_apis().data_assets_api();
	let registered = chain::find(&at, api.asset_version(args.asset, version), || {
		format!("asset {} has no version {version}", args.asset)
	})
	.await?;
	if hashes.size != size
		|| !asset::matches(&hashes, &registered.content)
		|| content != asset::hash_text(&registered.content)
	{
		let _ = std::fs::remove_file(&part);
		return Err(CliError::new(
			Kind::No,
			format!(
				"the downloaded bytes are not version {version} of asset {}: expected {}, got sha2-256:0x{} ({} bytes); nothing kept",
				args.asset,
				asset::hash_text(&registered.content),
				hex::encode(hashes.sha2_256),
				hashes.size
			),
		));
	}
	std::fs::rename(&part, &args.out).map_err(|e| CliError::file(&args.out, e))?;
	let receipts: Vec<_> = transfers
		.iter()
		.map(|t| {
			json!({
				"download": t.download,
				"receipt": format!("0x{}", hex::encode(t.receipt)),
				"bytes": t.bytes,
				"encrypted": t.encrypted,
			})
		})
		.collect();
	Ok(Report::new(
		format!(
			"{} is version {version} of asset {} ({} bytes, {}), verified on-chain\nreceipt 0x{}",
			args.out.display(),
			args.asset,
			size,
			asset::hash_text(&registered.content),
			transfers.last().map(|t| hex::encode(t.receipt)).unwrap_or_default()
		),
		json!({
			"file": args.out.display().to_string(),
			"asset": args.asset,
			"version": version,
			"size": size,
			"content": asset::hash_json(&registered.content),
			"transfers": receipts,
		}),
	))
}

/// What the gateway says about a download, from its headers.
struct ResponseHead {
	version: u32,
	content: String,
	size: u64,
	encrypted: bool,
}

impl ResponseHead {
	fn read(response: &Response<Incoming>) -> Result<ResponseHead> {
		let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
		let missing = |name: &str| {
			CliError::new(Kind::Internal, format!("the gateway sent no valid `{name}` header"))
		};
		Ok(ResponseHead {
			version: header("city-version")
				.and_then(|v| v.parse().ok())
				.ok_or_else(|| missing("city-version"))?,
			content: header("city-content-hash")
				.map(str::to_string)
				.ok_or_else(|| missing("city-content-hash"))?,
			size: header("city-size")
				.and_then(|v| v.parse().ok())
				.ok_or_else(|| missing("city-size"))?,
			encrypted: header("city-encryption") == Some("age"),
		})
	}
}

fn tls_config(ca_cert: Option<&Path>) -> Result<Arc<tokio_rustls::rustls::ClientConfig>> {
	use rustls_pki_types::{pem::PemObject, CertificateDer};
	use tokio_rustls::rustls;
	let mut roots = rustls::RootCertStore::empty();
	for certificate in rustls_native_certs::load_native_certs().certs {
		let _ = roots.add(certificate);
	}
	if let Some(path) = ca_cert {
		let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
			.and_then(|certs| certs.collect())
			.map_err(|e| CliError::new(Kind::File, format!("{}: {e}", path.display())))?;
		for certificate in certificates {
			roots
				.add(certificate)
				.map_err(|e| CliError::new(Kind::File, format!("{}: {e}", path.display())))?;
		}
	}
	let provider = Arc::new(rustls::crypto::ring::default_provider());
	let config = rustls::ClientConfig::builder_with_provider(provider)
		.with_safe_default_protocol_versions()
		.map_err(|e| CliError::new(Kind::Internal, e.to_string()))?
		.with_root_certificates(roots)
		.with_no_client_auth();
	Ok(Arc::new(config))
}

/// Sends one GET of `path` under `base`, with a signed request's headers (or none, to a plain
/// server), from byte `from` on.
pub async fn get(
	base: &Uri,
	signed: Option<&served::SignedRequest>,
	path: &str,
	from: u64,
	tls: Option<Arc<tokio_rustls::rustls::ClientConfig>>,
) -> Result<Response<Incoming>> {
	let host = base.host().ok_or_else(|| CliError::usage("--gateway names no host"))?.to_string();
	let port = base.port_u16().unwrap_or(if tls.is_some() { 443 } else { 80 });
	let unreachable = |e: &dyn std::fmt::Display| {
		CliError::new(Kind::Unreachable, format!("cannot reach the gateway at {host}:{port}: {e}"))
	};
	let tcp =
		tokio::net::TcpStream::connect((host.as_str(), port)).await.map_err(|e| unreachable(&e))?;
	let prefix = base.path().trim_end_matches('/');
	let mut request = Request::get(format!("{prefix}{path}"))
		.header(hyper::header::HOST, format!("{host}:{port}"))
		.header(hyper::header::USER_AGENT, concat!("city-cli/", env!("CARGO_PKG_VERSION")));
	for (name, value) in signed.map(|s| s.headers()).into_iter().flatten() {
		request = request.header(name, value);
	}
	if from > 0 {
		request = request.header(hyper::header::RANGE, format!("bytes={from}-"));
	}
	let request = request
		.body(http_body_util::Empty::<Bytes>::new())
		.map_err(|e| CliError::new(Kind::Internal, e.to_string()))?;
	macro_rules! send_over {
		($io:expr) => {{
			let (mut sender, connection) =
				hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new($io))
					.await
					.map_err(|e| unreachable(&e))?;
			tokio::spawn(connection);
			sender.send_request(request).await.map_err(|e| unreachable(&e))
		}};
	}
	match tls {
		None => send_over!(tcp),
		Some(config) => {
			let name = rustls_pki_types::ServerName::try_from(host.clone())
				.map_err(|_| CliError::usage(format!("`{host}` is not a host name")))?;
			let stream = tokio_rustls::TlsConnector::from(config)
				.connect(name, tcp)
				.await
				.map_err(|e| unreachable(&e))?;
			send_over!(stream)
		},
	}
}

/// A refusal: the gateway's JSON error as the command's error.
async fn refusal(response: Response<Incoming>) -> CliError {
	let status = response.status();
	let body = match response.into_body().collect().await {
		Ok(body) => body.to_bytes(),
		Err(e) => {
			return CliError::new(
				Kind::Unreachable,
				format!("the gateway answered {status}, then: {e}"),
			)
		},
	};
	let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
	let reason = json["error"]["reason"].as_str().unwrap_or("Unknown").to_string();
	let message = json["error"]["message"].as_str().unwrap_or("").to_string();
	let kind = match status {
		StatusCode::FORBIDDEN => Kind::No,
		StatusCode::NOT_FOUND | StatusCode::GONE => Kind::NotFound,
		StatusCode::SERVICE_UNAVAILABLE => Kind::Unreachable,
		StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS => Kind::Refused,
		_ => Kind::Internal,
	};
	CliError::new(kind, format!("the gateway refused: {} {reason}: {message}", status.as_u16()))
		.with_detail(json!({
			"status": status.as_u16(),
			"reason": reason,
			"message": message,
		}))
}

/// A `Read` over the body's pieces, for the decryptor (which reads synchronously).
struct Pieces {
	receiver: mpsc::Receiver<std::io::Result<Bytes>>,
	current: Bytes,
}

impl Read for Pieces {
	fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
		while self.current.is_empty() {
			match self.receiver.blocking_recv() {
				Some(Ok(piece)) => self.current = piece,
				Some(Err(e)) => return Err(e),
				None => return Ok(0),
			}
		}
		let n = buf.len().min(self.current.len());
		buf[..n].copy_from_slice(&self.current.split_to(n));
		Ok(n)
	}
}

/// Receives the body into `part` (appending), decrypting it if `identity` is given; returns
/// the transfer's receipt.
async fn receive(
	response: Response<Incoming>,
	part: &Path,
	identity: Option<age::x25519::Identity>,
	bar: &indicatif::ProgressBar,
) -> Result<Transfer> {
	let download =
		response.headers().get("city-download").and_then(|v| v.to_str().ok()).map(str::to_string);
	let encrypted = identity.is_some();
	let (sender, receiver) = mpsc::channel(8);
	let path = part.to_path_buf();
	let writer = tokio::task::spawn_blocking(move || -> Result<u64> {
		let mut file = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&path)
			.map_err(|e| CliError::file(&path, e))?;
		let pieces = Pieces { receiver, current: Bytes::new() };
		let mut input: Box<dyn Read> = match identity {
			None => Box::new(pieces),
			Some(identity) => {
				let decryptor = age::Decryptor::new(pieces).map_err(decrypt_error)?;
				Box::new(
					decryptor
						.decrypt(std::iter::once(&identity as &dyn age::Identity))
						.map_err(decrypt_error)?,
				)
			},
		};
		let mut buffer = vec![0u8; 1 << 16];
		let mut written = 0u64;
		loop {
			let read = match input.read(&mut buffer) {
				Ok(0) => break,
				Ok(read) => read,
				Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
					return Err(CliError::new(
						Kind::Unreachable,
						format!("the transfer broke off: {e}"),
					))
				},
				Err(e) => return Err(decrypt_error(e)),
			};
			file.write_all(&buffer[..read]).map_err(|e| CliError::file(&path, e))?;
			written += read as u64;
		}
		file.sync_all().map_err(|e| CliError::file(&path, e))?;
		Ok(written)
	});
	let mut body = response.into_body();
	let mut hasher = blake2b_simd::Params::new().hash_length(32).to_state();
	let mut bytes = 0u64;
	let mut broke = None;
	while let Some(frame) = body.frame().await {
		match frame {
			Ok(frame) => {
				if let Ok(data) = frame.into_data() {
					hasher.update(&data);
					bytes += data.len() as u64;
					if !encrypted {
						bar.inc(data.len() as u64);
					}
					if sender.send(Ok(data)).await.is_err() {
						break;
					}
				}
			},
			Err(e) => {
				broke = Some(e.to_string());
				let _ = sender
					.send(Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, e.to_string())))
					.await;
				break;
			},
		}
	}
	drop(sender);
	let written = writer.await.map_err(|e| CliError::new(Kind::Internal, e.to_string()))??;
	if let Some(e) = broke {
		return Err(CliError::new(Kind::Unreachable, format!("the transfer broke off: {e}")));
	}
	if encrypted {
		bar.inc(written);
	}
	let mut receipt = [0u8; 32];
	receipt.copy_from_slice(hasher.finalize().as_bytes());
	Ok(Transfer { download, receipt, bytes, encrypted })
}

fn decrypt_error(e: impl std::fmt::Display) -> CliError {
	CliError::new(
		Kind::No,
		format!("cannot decrypt the download with this key (is it your department's published key?): {e}"),
	)
}

//! `gateway.toml`: which node, which department, which key signs the receipts, where the data
//! lives, where to listen, and the limits. Unknown keys are refused, so that a typo is an error
//! at start, not a setting silently ignored.

pub use city_client::service::http::TlsFiles;
use serde::Deserialize;
use std::{
	net::SocketAddr,
	path::{Path, PathBuf},
};

/// The whole configuration file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
	/// WebSocket URLs of CityChain nodes, tried in order (the department's own node first).
	pub nodes: Vec<String>,
	/// The department this gateway serves the assets of.
	pub department: u32,
	/// Where the secret URI of the member account that registers assets and signs receipts
	/// comes from: a file or an environment variable, never the command line.
	pub signer: SignerSource,
	/// The key `publish` registers assets with, if not `signer`'s: registering needs a Steward,
	/// recording receipts only an Operator.
	pub publisher: Option<SignerSource>,
	/// The data directory: stored content and the receipt journal.
	pub data_dir: PathBuf,
	/// The URL consumers reach this gateway at, recorded as a published asset's location.
	pub public_url: Option<String>,
	/// The address to listen on.
	#[serde(default = "default_listen")]
	pub listen: SocketAddr,
	/// The TLS certificate chain and key (PEM). Required unless `serve --insecure-http`.
	pub tls: Option<TlsFiles>,
	/// Serve a department that has published no encryption key, unencrypted over TLS. Off by
	/// default: such a department is refused.
	#[serde(default)]
	pub allow_plaintext: bool,
	/// How far a request's signing time may be from the gateway's clock, in seconds.
	#[serde(default = "default_request_window")]
	pub request_window_secs: u64,
	/// How often receipts are sent to the chain, in milliseconds (one extrinsic per interval).
	#[serde(default = "default_receipt_interval")]
	pub receipt_interval_ms: u64,
	/// The requests per second each department may make, and the burst above it.
	#[serde(default)]
	pub rate_limit: RateLimit,
	/// When the node's finalized head has not been read for this long, the chain counts as
	/// unreachable and nothing is served.
	#[serde(default = "default_chain_timeout")]
	pub chain_timeout_secs: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum SignerSource {
	/// A file holding the secret URI (mode 0600, owned by the gateway's user).
	File(PathBuf),
	/// An environment variable holding it.
	Env(String),
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
	pub per_second: u32,
	pub burst: u32,
}

impl Default for RateLimit {
	fn default() -> Self {
		RateLimit { per_second: 50, burst: 100 }
	}
}

fn default_listen() -> SocketAddr {
	SocketAddr::from(([127, 0, 0, 1], 8443))
}

fn default_request_window() -> u64 {
	120
}

fn default_receipt_interval() -> u64 {
	6_000
}

fn default_chain_timeout() -> u64 {
	30
}

impl Config {
	/// Reads and checks the file; paths in it are relative to the file's directory.
	pub fn load(path: &Path) -> Result<Config, String> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
		let mut config: Config =
			toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
		let base = path.parent().unwrap_or(Path::new("."));
		let resolve = |p: &mut PathBuf| {
			if p.is_relative() {
				*p = base.join(&*p);
			}
		};
		resolve(&mut config.data_dir);
		for source in std::iter::once(&mut config.signer).chain(config.publisher.as_mut()) {
			if let SignerSource::File(file) = source {
				resolve(file);
			}
		}
		if let Some(tls) = &mut config.tls {
			resolve(&mut tls.certificate);
			resolve(&mut tls.private_key);
		}
		if config.nodes.is_empty() {
			return Err(format!("{}: `nodes` names no node", path.display()));
		}
		if config.rate_limit.per_second == 0 || config.rate_limit.burst == 0 {
			return Err(format!("{}: `rate_limit` must allow at least 1", path.display()));
		}
		Ok(config)
	}

	/// The secret URI of the key that signs receipts (`publisher`: that registers assets).
	pub fn signer_suri(&self, publisher: bool) -> Result<String, String> {
		let source =
			if publisher { self.publisher.as_ref().unwrap_or(&self.signer) } else { &self.signer };
		let suri = match source {
			SignerSource::File(file) => std::fs::read_to_string(file)
				.map_err(|e| format!("cannot read the signer key {}: {e}", file.display()))?,
			SignerSource::Env(name) => std::env::var(name)
				.map_err(|_| format!("the signer key variable {name} is not set"))?,
		};
		Ok(suri.trim().to_string())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_minimal_file_gets_the_defaults_and_relative_paths() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("gateway.toml");
		std::fs::write(
			&file,
			"nodes = [\"ws://127.0.0.1:9944\"]\ndepartment = 0\ndata_dir = \"data\"\n\
			 signer = { file = \"signer.suri\" }\n",
		)
		.unwrap();
		let config = Config::load(&file).unwrap();
		assert_eq!(config.data_dir, dir.path().join("data"));
		assert!(
			matches!(&config.signer, SignerSource::File(f) if *f == dir.path().join("signer.suri"))
		);
		assert!(!config.allow_plaintext);
		assert_eq!(config.request_window_secs, 120);
		assert!(config.tls.is_none());
	}

	#[test]
	fn a_typo_or_no_node_is_refused() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("gateway.toml");
		let base = "department = 0\ndata_dir = \"d\"\nsigner = { env = \"X\" }\n";
		std::fs::write(&file, format!("nodes = [\"ws://a\"]\n{base}alow_plaintext = true\n"))
			.unwrap();
		assert!(Config::load(&file).unwrap_err().contains("alow_plaintext"));
		std::fs::write(&file, format!("nodes = []\n{base}")).unwrap();
		assert!(Config::load(&file).unwrap_err().contains("no node"));
	}
}

//! A department's encryption key: create one (the secret stays in a local file), publish its
//! public half on-chain so that gateways encrypt downloads to it, and show what is published.

use crate::{
	chain::{self, city, Node, Wait},
	error::{CliError, Kind, Result},
	output::Report,
};
use city::runtime_types::pallet_departments::types::EncryptionKey;
use city_client::encryption;
use clap::Subcommand;
use serde_json::json;
use std::{io::Write, path::PathBuf};
use subxt_signer::sr25519::Keypair;

#[derive(Subcommand)]
pub enum KeyCommand {
	/// Create a new X25519 secret key in FILE (age's key-file format, readable only by you) and
	/// print its public key. Offline.
	New {
		/// Where to write the secret key; an existing file is never overwritten.
		#[arg(short, long)]
		out: PathBuf,
	},
	/// Publish FILE's public key as your department's encryption key (as its Admin); gateways
	/// encrypt every download for the department to it from the next finalized block.
	Publish { file: PathBuf },
	/// Remove your department's published key (as its Admin): downloads for it are then
	/// refused, or sent unencrypted over TLS where a gateway allows that.
	Remove,
	/// Show a department's published key.
	Show {
		#[arg(long)]
		department: u32,
	},
}

impl KeyCommand {
	pub fn signs(&self) -> bool {
		matches!(self, KeyCommand::Publish { .. } | KeyCommand::Remove)
	}
}

pub async fn run(
	url: &str,
	wait: Wait,
	key: Option<&Keypair>,
	command: KeyCommand,
) -> Result<Report> {
	match command {
		KeyCommand::New { out } => new(out),
		KeyCommand::Publish { file } => {
			let identity = encryption::read_identity(&file)?;
			let public = encryption::public_key(&identity);
			let node = chain::connect(url, wait).await?;
			set(&node, chain::signer(key)?, Some(public), wait).await
		},
		KeyCommand::Remove => {
			let node = chain::connect(url, wait).await?;
			set(&node, chain::signer(key)?, None, wait).await
		},
		KeyCommand::Show { department } => {
			show(&chain::connect(url, wait).await?, department).await
		},
	}
}

fn new(out: PathBuf) -> Result<Report> {
	use std::os::unix::fs::OpenOptionsExt;
	let (identity, secret) = encryption::generate();
	let public = encryption::public_key(&identity);
	let mut file = std::fs::OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(0o600)
		.open(&out)
		.map_err(|e| CliError::file(&out, e))?;
	let text = format!(
		"# CityChain department encryption key (age X25519). Keep it secret.\n# public key: 0x{}\n{secret}\n",
		hex::encode(public)
	);
	file.write_all(text.as_bytes())
		.and_then(|()| file.sync_all())
		.map_err(|e| CliError::file(&out, e))?;
	Ok(Report::new(
		format!(
			"secret key written to {}\npublic key 0x{} ({})",
			out.display(),
			hex::encode(public),
			identity.to_public()
		),
		json!({
			"file": out.display().to_string(),
			"public_key": format!("0x{}", hex::encode(public)),
			"age_recipient": identity.to_public().to_string(),
		}),
	))
}

async fn set(node: &Node, key: &Keypair, public: Option<[u8; 32]>, wait: Wait) -> Result<Report> {
	let call = city::tx().departments().set_encryption_key(public.map(EncryptionKey::X25519));
	let included = chain::submit(node, &call, key, wait).await?;
	let event = included.event::<city::departments::events::EncryptionKeySet>()?;
	let shown = public.map(|k| format!("0x{}", hex::encode(k)));
	Ok(Report::new(
		match &shown {
			Some(k) => format!(
				"department {} publishes encryption key {k}\n{}",
				event.department,
				included.text()
			),
			None => format!(
				"department {} has no encryption key now\n{}",
				event.department,
				included.text()
			),
		},
		json!({ "department": event.department, "public_key": shown, "included": included.json() }),
	))
}

async fn show(node: &Node, department: u32) -> Result<Report> {
	let at = node.at_head().await?;
	let api = city::runtime_apis().departments_api();
	match chain::call(&at, api.encryption_key(department)).await? {
		Some(EncryptionKey::X25519(key)) => Ok(Report::new(
			format!("department {department}: X25519 0x{}", hex::encode(key)),
			json!({ "department": department, "public_key": format!("0x{}", hex::encode(key)) }),
		)),
		None => Err(CliError::new(
			Kind::No,
			format!("department {department} has published no encryption key"),
		)
		.with_detail(json!({ "department": department, "public_key": null }))),
	}
}

//! Data assets: hash a file, register it, add versions, show an asset, verify a copy.

use crate::{
	chain::{self, city, Node, Wait},
	error::{CliError, Kind, Result},
	output::Report,
};
use city::runtime_types::{
	city_primitives::Classification,
	pallet_data_assets::types::{ContentHash, ContentRegistration, HashAlgorithm, Verification},
};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use std::{io::Read, path::Path};
use subxt_signer::sr25519::Keypair;

#[derive(Subcommand)]
pub enum AssetCommand {
	/// Hash FILE and register it as a new asset of your department (you must be a Steward).
	Register(RegisterArgs),
	/// Hash FILE and register it as the next version of ASSET.
	Update(UpdateArgs),
	/// Show an asset and its current version.
	Show {
		/// The asset id.
		asset: u64,
	},
}

#[derive(Args)]
pub struct RegisterArgs {
	/// The file whose content the asset is.
	pub file: std::path::PathBuf,
	/// Display name (defaults to the file name).
	#[arg(long)]
	pub name: Option<String>,
	/// Who may see it without a grant, and whether grants need oversight.
	#[arg(long, value_enum)]
	pub classification: ClassificationArg,
	/// Where the content lives off-chain (a URI the owner serves it from).
	#[arg(long)]
	pub location: String,
	/// IANA media type.
	#[arg(long, default_value = "application/octet-stream")]
	pub media_type: String,
	/// A tag (repeatable).
	#[arg(long = "tag")]
	pub tags: Vec<String>,
	/// The content hash's algorithm. SHA-256 by default, as everywhere in CityChain: anyone can
	/// check it with `sha256sum` or a browser's Web Crypto.
	#[arg(long, value_enum, default_value_t)]
	pub algorithm: Algorithm,
}

#[derive(Args)]
pub struct UpdateArgs {
	/// The asset id.
	pub asset: u64,
	/// The file with the new content.
	pub file: std::path::PathBuf,
	/// Where the new content lives off-chain.
	#[arg(long)]
	pub location: String,
	/// The content hash's algorithm. SHA-256 by default, as everywhere in CityChain: anyone can
	/// check it with `sha256sum` or a browser's Web Crypto.
	#[arg(long, value_enum, default_value_t)]
	pub algorithm: Algorithm,
}

/// The content hash algorithms the chain records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Algorithm {
	/// BLAKE2b-256, as Substrate uses.
	#[value(name = "blake2-256", alias = "blake2_256")]
	Blake2_256,
	/// SHA-256, as `sha256sum` prints it (the default).
	#[value(name = "sha2-256", alias = "sha2_256")]
	#[default]
	Sha2_256,
}

/// The classifications, least to most sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClassificationArg {
	Public,
	Internal,
	Confidential,
	Restricted,
}

impl From<ClassificationArg> for Classification {
	fn from(value: ClassificationArg) -> Self {
		match value {
			ClassificationArg::Public => Classification::Public,
			ClassificationArg::Internal => Classification::Internal,
			ClassificationArg::Confidential => Classification::Confidential,
			ClassificationArg::Restricted => Classification::Restricted,
		}
	}
}

pub fn classification_name(c: &Classification) -> &'static str {
	match c {
		Classification::Public => "public",
		Classification::Internal => "internal",
		Classification::Confidential => "confidential",
		Classification::Restricted => "restricted",
	}
}

/// Both digests of a file, read once.
pub struct FileHashes {
	pub size: u64,
	pub blake2_256: [u8; 32],
	pub sha2_256: [u8; 32],
}

impl FileHashes {
	pub fn content(&self, algorithm: Algorithm) -> ContentHash {
		match algorithm {
			Algorithm::Blake2_256 => {
				ContentHash { algorithm: HashAlgorithm::Blake2_256, digest: self.blake2_256 }
			},
			Algorithm::Sha2_256 => {
				ContentHash { algorithm: HashAlgorithm::Sha2_256, digest: self.sha2_256 }
			},
		}
	}
}

/// Hashes a file of any size in one streaming pass.
pub fn hash_file(path: &Path) -> Result<FileHashes> {
	use sha2::Digest;
	let mut file = std::fs::File::open(path).map_err(|e| CliError::file(path, e))?;
	let mut blake2 = blake2b_simd::Params::new().hash_length(32).to_state();
	let mut sha2 = sha2::Sha256::new();
	let mut buffer = vec![0u8; 1 << 16];
	let mut size = 0u64;
	loop {
		let read = file.read(&mut buffer).map_err(|e| CliError::file(path, e))?;
		if read == 0 {
			break;
		}
		blake2.update(&buffer[..read]);
		sha2.update(&buffer[..read]);
		size = size.saturating_add(read as u64);
	}
	let mut blake2_256 = [0u8; 32];
	blake2_256.copy_from_slice(blake2.finalize().as_bytes());
	Ok(FileHashes { size, blake2_256, sha2_256: sha2.finalize().into() })
}

pub fn hash_json(hash: &ContentHash) -> serde_json::Value {
	json!({ "algorithm": algorithm_name(&hash.algorithm), "digest": format!("0x{}", hex::encode(hash.digest)) })
}

pub fn hash_text(hash: &ContentHash) -> String {
	format!("{}:0x{}", algorithm_name(&hash.algorithm), hex::encode(hash.digest))
}

fn algorithm_name(algorithm: &HashAlgorithm) -> &'static str {
	match algorithm {
		HashAlgorithm::Blake2_256 => "blake2-256",
		HashAlgorithm::Sha2_256 => "sha2-256",
	}
}

fn file_name(path: &Path) -> String {
	path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn hash(file: &Path, algorithm: Algorithm) -> Result<Report> {
	let hashes = hash_file(file)?;
	let content = hashes.content(algorithm);
	Ok(Report::new(
		format!("{}  {} bytes  {}", hash_text(&content), hashes.size, file.display()),
		json!({ "file": file.display().to_string(), "size": hashes.size, "content": hash_json(&content) }),
	))
}

pub async fn run(
	node: &Node,
	key: Option<&Keypair>,
	command: AssetCommand,
	wait: Wait,
) -> Result<Report> {
	match command {
		AssetCommand::Register(args) => register(node, chain::signer(key)?, args, wait).await,
		AssetCommand::Update(args) => update(node, chain::signer(key)?, args, wait).await,
		AssetCommand::Show { asset } => show(node, asset).await,
	}
}

async fn register(node: &Node, key: &Keypair, args: RegisterArgs, wait: Wait) -> Result<Report> {
	let hashes = hash_file(&args.file)?;
	let content = hashes.content(args.algorithm);
	let name = args.name.unwrap_or_else(|| file_name(&args.file));
	let call = city::tx().data_assets().register_asset(
		name.clone().into_bytes(),
		content.clone(),
		hashes.size,
		args.media_type.into_bytes(),
		args.classification.into(),
		args.location.into_bytes(),
		None,
		args.tags.into_iter().map(String::into_bytes).collect(),
	);
	let included = chain::submit(node, &call, key, wait).await?;
	let event = included.event::<city::data_assets::events::AssetRegistered>()?;
	Ok(Report::new(
		format!(
			"registered asset {} \"{name}\" for department {}\ncontent {}  {} bytes\n{}",
			event.asset,
			event.owner,
			hash_text(&content),
			hashes.size,
			included.text()
		),
		json!({
			"asset": event.asset,
			"owner": event.owner,
			"version": 1,
			"content": hash_json(&content),
			"size": hashes.size,
			"included": included.json(),
		}),
	))
}

async fn update(node: &Node, key: &Keypair, args: UpdateArgs, wait: Wait) -> Result<Report> {
	let hashes = hash_file(&args.file)?;
	let content = hashes.content(args.algorithm);
	let call = city::tx().data_assets().update_asset(
		args.asset,
		content.clone(),
		hashes.size,
		args.location.into_bytes(),
	);
	let included = chain::submit(node, &call, key, wait).await?;
	let event = included.event::<city::data_assets::events::VersionAdded>()?;
	Ok(Report::new(
		format!(
			"asset {} version {}: {}  {} bytes\n{}",
			event.asset,
			event.version,
			hash_text(&content),
			hashes.size,
			included.text()
		),
		json!({
			"asset": event.asset,
			"version": event.version,
			"content": hash_json(&content),
			"size": hashes.size,
			"included": included.json(),
		}),
	))
}

/// The asset with its current version, or `NotFound`.
async fn asset_details(
	at: &chain::AtBlock,
	asset: u64,
) -> Result<
	city::runtime_types::pallet_data_assets::types::AssetDetails<
		subxt::utils::AccountId32,
		u128,
		u32,
	>,
> {
	let api = city::runtime_apis().data_assets_api();
	chain::find(at, api.asset(asset), || format!("no asset has id {asset}")).await
}

async fn show(node: &Node, asset: u64) -> Result<Report> {
	let details = asset_details(&node.at_head().await?, asset).await?;
	let record = &details.asset;
	let current = &details.current;
	let status = if record.retired_at.is_some() { "retired" } else { "active" };
	let text = format!(
		"asset {asset} \"{}\" ({status})\nowner department {}  classification {}  media type {}\n\
		 version {}: {}  {} bytes\nlocation {}\nregistered at block {}",
		chain::text(&record.name),
		record.owner,
		classification_name(&record.classification),
		chain::text(&record.media_type),
		record.latest_version,
		hash_text(&current.content),
		current.size,
		chain::text(&current.location),
		record.registered_at,
	);
	let json = json!({
		"asset": asset,
		"name": chain::text(&record.name),
		"owner": record.owner,
		"classification": classification_name(&record.classification),
		"media_type": chain::text(&record.media_type),
		"tags": record.tags.iter().map(|t| chain::text(t)).collect::<Vec<_>>(),
		"latest_version": record.latest_version,
		"registered_at": record.registered_at,
		"retired_at": record.retired_at,
		"offered_to": record.offered_to,
		"current": {
			"content": hash_json(&current.content),
			"size": current.size,
			"location": chain::text(&current.location),
			"registered_by": current.registered_by.to_string(),
			"registered_at": current.registered_at,
		},
	});
	Ok(Report::new(text, json))
}

/// Every department's registration of `content`, over all pages (one department each).
async fn content_registrations(
	at: &chain::AtBlock,
	content: &ContentHash,
) -> Result<Vec<ContentRegistration>> {
	let api = city::runtime_apis().data_assets_api();
	let mut registrations = Vec::new();
	let mut start_after = None;
	loop {
		let page =
			chain::call(at, api.find_by_content(content.clone(), start_after, u32::MAX)).await?;
		registrations.extend(page.items);
		match page.next {
			Some(next) => start_after = Some(next),
			None => return Ok(registrations),
		}
	}
}

/// Which version of `asset` the file is, if any. A file that matches none is the answer "no"
/// (exit code 6), not an error; an unknown asset is `NotFound`.
pub async fn verify(node: &Node, file: &Path, asset: u64, version: Option<u32>) -> Result<Report> {
	let hashes = hash_file(file)?;
	let at = node.at_head().await?;
	let api = city::runtime_apis().data_assets_api();
	let details = asset_details(&at, asset).await?;
	let mut matched = None;
	let mut found_elsewhere = None;
	for algorithm in [Algorithm::Blake2_256, Algorithm::Sha2_256] {
		let content = hashes.content(algorithm);
		if let Some(version) = version {
			let answer = chain::call(&at, api.verify(asset, version, content.clone())).await?;
			match answer {
				Verification::Match => matched = Some((version, content)),
				Verification::UnknownVersion => {
					return Err(CliError::not_found(format!(
						"asset {asset} has no version {version} (latest is {})",
						details.asset.latest_version
					)))
				},
				Verification::UnknownAsset => {
					return Err(CliError::not_found(format!("no asset has id {asset}")))
				},
				Verification::Mismatch => {},
			}
		} else {
			let registrations = content_registrations(&at, &content).await?;
			match registrations.iter().find(|found| found.asset == asset) {
				Some(found) => matched = Some((found.version, content)),
				None => {
					if let Some(other) = registrations.first() {
						found_elsewhere = Some((other.asset, other.version));
					}
				},
			}
		}
		if matched.is_some() {
			break;
		}
	}
	match matched {
		Some((version, content)) => {
			let latest = details.asset.latest_version;
			let currency =
				if version == latest { "the current version" } else { "not the current version" };
			Ok(Report::new(
				format!(
					"{} is version {version} of asset {asset} ({currency}; latest is {latest})\ncontent {}",
					file.display(),
					hash_text(&content)
				),
				json!({
					"file": file.display().to_string(),
					"asset": asset,
					"matches": true,
					"version": version,
					"latest_version": latest,
					"content": hash_json(&content),
				}),
			))
		},
		None => {
			let mut message = match version {
				Some(v) => format!("{} is not version {v} of asset {asset}", file.display()),
				None => format!("{} matches none of asset {asset}'s versions", file.display()),
			};
			if let Some((other, v)) = found_elsewhere {
				message.push_str(&format!(" (it is version {v} of asset {other})"));
			}
			Err(CliError::new(Kind::No, message).with_detail(json!({
				"file": file.display().to_string(),
				"asset": asset,
				"matches": false,
				"other_asset": found_elsewhere.map(|(a, v)| json!({ "asset": a, "version": v })),
				"blake2_256": format!("0x{}", hex::encode(hashes.blake2_256)),
				"sha2_256": format!("0x{}", hex::encode(hashes.sha2_256)),
			})))
		},
	}
}

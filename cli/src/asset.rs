//! Data assets: hash a file, register it, add versions, show an asset, verify a copy.

use crate::{
	chain::{self, city, Node, Wait},
	error::{CliError, Kind, Result},
	output::Report,
};
use city::runtime_types::pallet_data_assets::types::{
	ContentHash, ContentRegistration, Verification,
};
pub use city_client::asset::{
	classification_name, details as asset_details, hash_file, hash_json, hash_text, Algorithm,
	ClassificationArg, NewAsset,
};
use clap::{Args, Subcommand};
use serde_json::json;
use std::path::Path;
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
	let asset = NewAsset {
		name: name.clone(),
		classification: args.classification.into(),
		location: args.location,
		media_type: args.media_type,
		tags: args.tags,
	};
	let registered =
		city_client::asset::register(node, key, &content, hashes.size, asset, wait).await?;
	let (included, owner) = (&registered.included, registered.owner.unwrap_or_default());
	Ok(Report::new(
		format!(
			"registered asset {} \"{name}\" for department {}\ncontent {}  {} bytes\n{}",
			registered.asset,
			owner,
			hash_text(&content),
			hashes.size,
			included.text()
		),
		json!({
			"asset": registered.asset,
			"owner": owner,
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
	let registered = city_client::asset::add_version(
		node,
		key,
		args.asset,
		&content,
		hashes.size,
		args.location,
		wait,
	)
	.await?;
	let included = &registered.included;
	Ok(Report::new(
		format!(
			"asset {} version {}: {}  {} bytes\n{}",
			registered.asset,
			registered.version,
			hash_text(&content),
			hashes.size,
			included.text()
		),
		json!({
			"asset": registered.asset,
			"version": registered.version,
			"content": hash_json(&content),
			"size": hashes.size,
			"included": included.json(),
		}),
	))
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

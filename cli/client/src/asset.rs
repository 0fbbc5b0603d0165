//! Data assets as both clients see them: content hashes of files, classifications, the asset
//! with its current version, and registering an asset or a new version.

use crate::{
	chain::{self, city, AtBlock, Included, Node, Wait},
	error::{Error, Result},
};
use city::runtime_types::{
	city_primitives::Classification,
	pallet_data_assets::types::{AssetDetails, ContentHash, HashAlgorithm},
};
use clap::ValueEnum;
use serde_json::json;
use std::{io::Read, path::Path};
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

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

/// Both digests of a stream of bytes, fed in pieces.
pub struct ContentHasher {
	blake2: blake2b_simd::State,
	sha2: sha2::Sha256,
	size: u64,
}

impl Default for ContentHasher {
	fn default() -> Self {
		use sha2::Digest;
		ContentHasher {
			blake2: blake2b_simd::Params::new().hash_length(32).to_state(),
			sha2: sha2::Sha256::new(),
			size: 0,
		}
	}
}

impl ContentHasher {
	pub fn update(&mut self, bytes: &[u8]) {
		use sha2::Digest;
		self.blake2.update(bytes);
		self.sha2.update(bytes);
		self.size = self.size.saturating_add(bytes.len() as u64);
	}

	pub fn finish(self) -> FileHashes {
		use sha2::Digest;
		let mut blake2_256 = [0u8; 32];
		blake2_256.copy_from_slice(self.blake2.finalize().as_bytes());
		FileHashes { size: self.size, blake2_256, sha2_256: self.sha2.finalize().into() }
	}
}

/// Hashes a file of any size in one streaming pass.
pub fn hash_file(path: &Path) -> Result<FileHashes> {
	let file = std::fs::File::open(path).map_err(|e| Error::file(path, e))?;
	hash_reader(file).map_err(|e| Error::file(path, e))
}

/// Hashes everything `reader` gives, 64 KiB at a time.
pub fn hash_reader(mut reader: impl Read) -> std::io::Result<FileHashes> {
	let mut hasher = ContentHasher::default();
	let mut buffer = vec![0u8; 1 << 16];
	loop {
		let read = reader.read(&mut buffer)?;
		if read == 0 {
			return Ok(hasher.finish());
		}
		hasher.update(&buffer[..read]);
	}
}

/// The digest of `hashes` that `content` names: whether a file is that content.
pub fn matches(hashes: &FileHashes, content: &ContentHash) -> bool {
	let digest = match content.algorithm {
		HashAlgorithm::Blake2_256 => &hashes.blake2_256,
		HashAlgorithm::Sha2_256 => &hashes.sha2_256,
	};
	*digest == content.digest
}

pub fn hash_json(hash: &ContentHash) -> serde_json::Value {
	json!({ "algorithm": algorithm_name(&hash.algorithm), "digest": format!("0x{}", hex::encode(hash.digest)) })
}

pub fn hash_text(hash: &ContentHash) -> String {
	format!("{}:0x{}", algorithm_name(&hash.algorithm), hex::encode(hash.digest))
}

pub fn algorithm_name(algorithm: &HashAlgorithm) -> &'static str {
	match algorithm {
		HashAlgorithm::Blake2_256 => "blake2-256",
		HashAlgorithm::Sha2_256 => "sha2-256",
	}
}

/// An asset with its current version, as the data-assets runtime API answers.
pub type Details = AssetDetails<AccountId32, u128, u32>;

/// The asset with its current version, or `NotFound`.
pub async fn details(at: &AtBlock, asset: u64) -> Result<Details> {
	let api = city::runtime_apis().data_assets_api();
	chain::find(at, api.asset(asset), || format!("no asset has id {asset}")).await
}

/// What a new asset is registered with, besides its content.
pub struct NewAsset {
	pub name: String,
	pub classification: Classification,
	pub location: String,
	pub media_type: String,
	pub tags: Vec<String>,
}

/// A registration the chain accepted: the asset, its version, and the transaction.
pub struct Registered {
	pub asset: u64,
	/// The owner department, as the registration event names it (a new version's does not).
	pub owner: Option<u32>,
	pub version: u32,
	pub included: Included,
}

/// Registers `content` (of `size` bytes) as a new asset of the signer's department.
pub async fn register(
	node: &Node,
	key: &Keypair,
	content: &ContentHash,
	size: u64,
	asset: NewAsset,
	wait: Wait,
) -> Result<Registered> {
	let call = city::tx().data_assets().register_asset(
		asset.name.into_bytes(),
		content.clone(),
		size,
		asset.media_type.into_bytes(),
		asset.classification,
		asset.location.into_bytes(),
		None,
		asset.tags.into_iter().map(String::into_bytes).collect(),
	);
	let included = chain::submit(node, &call, key, wait).await?;
	let event = included.event::<city::data_assets::events::AssetRegistered>()?;
	Ok(Registered { asset: event.asset, owner: Some(event.owner), version: 1, included })
}

/// Registers `content` (of `size` bytes) as the next version of `asset`.
pub async fn add_version(
	node: &Node,
	key: &Keypair,
	asset: u64,
	content: &ContentHash,
	size: u64,
	location: String,
	wait: Wait,
) -> Result<Registered> {
	let call =
		city::tx().data_assets().update_asset(asset, content.clone(), size, location.into_bytes());
	let included = chain::submit(node, &call, key, wait).await?;
	let event = included.event::<city::data_assets::events::VersionAdded>()?;
	Ok(Registered { asset: event.asset, owner: None, version: event.version, included })
}

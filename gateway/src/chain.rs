//! The gateway's view of the chain: a connection that follows the finalized head (and comes
//! back after the node does), and the one question asked before serving — may this consumer
//! read this asset under this grant, at the latest finalized block? Answers are cached per
//! finalized block, so that a burst of downloads costs the node one set of runtime calls.
//!
//! Fail closed: when the head has not been read for `chain_timeout_secs`, there is no head, and
//! nothing is served.

use city::runtime_types::{
	pallet_access_grants::types::{AccessDecision, DenialReason},
	pallet_data_assets::types::ContentHash,
	pallet_departments::types::EncryptionKey,
};
use city_client::{
	chain::{self, city, Node, Wait},
	served::SignedRequest,
};
use std::{
	collections::HashMap,
	sync::{Arc, Mutex, RwLock},
	time::{Duration, Instant},
};
use subxt::utils::H256;

/// The finalized head as last read, with the connection it was read over.
#[derive(Clone)]
pub struct Head {
	pub node: Node,
	pub hash: H256,
	pub number: u64,
	pub genesis: [u8; 32],
	read_at: Instant,
}

/// Why a download is refused, in the chain's words where the chain gave the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// The chain cannot be asked (no node, or it stopped answering).
	Unavailable(String),
	/// The chain's answer is no: the `DenialReason` by name.
	Denied(String),
	/// No such asset, or not one of this gateway's department.
	UnknownAsset,
	/// The asset has no such version.
	UnknownVersion,
	/// The asset is retired.
	Retired,
}

/// What the chain allows: which bytes, and to whom they are encrypted.
#[derive(Clone, Debug)]
pub struct Allowed {
	pub version: u32,
	pub content: ContentHash,
	pub size: u64,
	pub media_type: String,
	/// The consumer's department.
	pub grantee: u32,
	/// Its published X25519 key, if any.
	pub key: Option<[u8; 32]>,
	/// The finalized block the answer is of.
	pub block: u64,
	/// How many more uses the grant allows at that block (`None`: no cap).
	pub remaining_uses: Option<u32>,
}

type CacheKey = ([u8; 32], u64, u64, Option<u32>);

pub struct ChainView {
	urls: Vec<String>,
	department: u32,
	timeout: Duration,
	head: RwLock<Option<Head>>,
	genesis: Mutex<Option<[u8; 32]>>,
	cache: Mutex<(H256, HashMap<CacheKey, Result<Allowed, Refusal>>)>,
}

impl ChainView {
	pub fn new(urls: Vec<String>, department: u32, timeout: Duration) -> Arc<ChainView> {
		Arc::new(ChainView {
			urls,
			department,
			timeout,
			head: RwLock::new(None),
			genesis: Mutex::new(None),
			cache: Mutex::new((H256::zero(), HashMap::new())),
		})
	}

	/// The finalized head, if it was read recently enough to act on.
	pub fn head(&self) -> Option<Head> {
		let head = self.head.read().ok()?.clone()?;
		(head.read_at.elapsed() <= self.timeout).then_some(head)
	}

	fn set_head(&self, head: Option<Head>) {
		if let Ok(mut slot) = self.head.write() {
			*slot = head;
		}
	}

	/// Connects to the first node that answers, checking that it is the chain seen before.
	pub async fn connect(&self) -> Result<Node, String> {
		let mut errors = Vec::new();
		for url in &self.urls {
			match chain::connect(url, Wait::Finalized).await {
				Ok(node) => {
					let genesis = node.client.genesis_hash().0;
					let mut known = self.genesis.lock().map_err(|_| "poisoned".to_string())?;
					match *known {
						Some(g) if g != genesis => errors.push(format!(
							"{url} is another chain (genesis 0x{})",
							hex::encode(genesis)
						)),
						_ => {
							*known = Some(genesis);
							return Ok(node);
						},
					}
				},
				Err(e) => errors.push(e.message),
			}
		}
		Err(errors.join("; "))
	}

	/// Follows the finalized head for as long as the gateway runs: on the node's notification
	/// of each finalized block, and at least every `poll` (which notices a node that went
	/// quiet); reconnects when the node goes away. Never returns.
	pub async fn follow(self: Arc<Self>, poll: Duration) {
		loop {
			let node = match self.connect().await {
				Ok(node) => node,
				Err(e) => {
					self.set_head(None);
					tracing::warn!(error = %e, "no CityChain node answers; serving nothing");
					tokio::time::sleep(poll.max(Duration::from_secs(1))).await;
					continue;
				},
			};
			let genesis = node.client.genesis_hash().0;
			tracing::info!(genesis = %format!("0x{}", hex::encode(genesis)), "connected to the chain");
			let mut finalized = match node.rpc.chain_subscribe_finalized_heads().await {
				Ok(subscription) => Some(subscription),
				Err(e) => {
					tracing::warn!(error = %e, "no finalized-head subscription; polling only");
					None
				},
			};
			loop {
				match read_head(&node).await {
					Ok((hash, number)) => self.set_head(Some(Head {
						node: node.clone(),
						hash,
						number,
						genesis,
						read_at: Instant::now(),
					})),
					Err(e) => {
						self.set_head(None);
						tracing::warn!(error = %e, "lost the chain; serving nothing until it is back");
						break;
					},
				}
				match finalized.as_mut() {
					Some(subscription) => tokio::select! {
						next = subscription.next() => if !matches!(next, Some(Ok(_))) {
							finalized = None;
						},
						_ = tokio::time::sleep(poll) => {},
					},
					None => tokio::time::sleep(poll).await,
				}
			}
		}
	}

	/// May `signed.consumer` read the asset of `signed` under its grant, at `head`? The answer
	/// (yes or no) is cached until the next finalized block.
	pub async fn authorize(&self, head: &Head, signed: &SignedRequest) -> Result<Allowed, Refusal> {
		let request = &signed.request;
		let key = (signed.consumer.0, request.grant, request.asset, request.version);
		if let Ok(cache) = self.cache.lock() {
			if cache.0 == head.hash {
				if let Some(answer) = cache.1.get(&key) {
					return answer.clone();
				}
			}
		}
		let answer = self.ask(head, signed).await;
		// A failure to ask is not an answer: not cached.
		if !matches!(answer, Err(Refusal::Unavailable(_))) {
			if let Ok(mut cache) = self.cache.lock() {
				if cache.0 != head.hash {
					*cache = (head.hash, HashMap::new());
				}
				cache.1.insert(key, answer.clone());
			}
		}
		answer
	}

	async fn ask(&self, head: &Head, signed: &SignedRequest) -> Result<Allowed, Refusal> {
		let unavailable = |e: city_client::error::Error| Refusal::Unavailable(e.message);
		let at =
			head.node.client.at_block(head.hash).await.map_err(|e| {
				Refusal::Unavailable(format!("cannot read the finalized block: {e}"))
			})?;
		let request = &signed.request;
		let assets = city::runtime_apis().data_assets_api();
		let Some(details) =
			chain::call(&at, assets.asset(request.asset)).await.map_err(unavailable)?
		else {
			return Err(Refusal::UnknownAsset);
		};
		if details.asset.owner != self.department {
			return Err(Refusal::UnknownAsset);
		}
		if details.asset.retired_at.is_some() {
			return Err(Refusal::Retired);
		}
		let (version, record) = match request.version {
			None => (details.asset.latest_version, details.current),
			Some(v) => {
				let found = chain::call(&at, assets.asset_version(request.asset, v))
					.await
					.map_err(unavailable)?;
				(v, found.ok_or(Refusal::UnknownVersion)?)
			},
		};
		let grants = city::runtime_apis().access_grants_api();
		let decision =
			chain::call(&at, grants.check_account_access(signed.consumer, request.asset))
				.await
				.map_err(unavailable)?;
		tracing::debug!(
			block = head.number,
			asset = request.asset,
			grant = request.grant,
			?decision,
			"the chain's answer"
		);
		let remaining_uses = match decision {
			AccessDecision::Denied(reason) => return Err(denial(reason)),
			// Only under the grant the request names: the one the consumer's department holds.
			AccessDecision::Allowed { grant, .. } if grant != Some(request.grant) => {
				return Err(Refusal::Denied("NoGrant".into()))
			},
			AccessDecision::Allowed { remaining_uses, .. } => remaining_uses,
		};
		let departments = city::runtime_apis().departments_api();
		let Some((grantee, _role)) =
			chain::call(&at, departments.membership(signed.consumer)).await.map_err(unavailable)?
		else {
			return Err(Refusal::Denied("NotMember".into()));
		};
		let key = chain::call(&at, departments.encryption_key(grantee))
			.await
			.map_err(unavailable)?
			.map(|EncryptionKey::X25519(key)| key);
		Ok(Allowed {
			version,
			content: record.content,
			size: record.size,
			media_type: chain::text(&details.asset.media_type),
			grantee,
			key,
			block: head.number,
			remaining_uses,
		})
	}
}

/// The chain's reason as a refusal: a retired or unknown asset has its own status.
fn denial(reason: DenialReason) -> Refusal {
	match reason {
		DenialReason::UnknownAsset => Refusal::UnknownAsset,
		DenialReason::AssetRetired => Refusal::Retired,
		other => Refusal::Denied(format!("{other:?}")),
	}
}

/// The finalized head's hash and number.
async fn read_head(node: &Node) -> Result<(H256, u64), String> {
	let hash = node.rpc.chain_get_finalized_head().await.map_err(|e| e.to_string())?;
	let header = node
		.rpc
		.chain_get_header(Some(hash))
		.await
		.map_err(|e| e.to_string())?
		.ok_or("the node has no header for its finalized head")?;
	Ok((hash, header.number))
}

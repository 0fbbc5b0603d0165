//! The connection to a node: the typed API generated from the runtime's metadata, keys, reading
//! at the finalized head, and submitting a signed call until it is in a block.

use crate::error::{Error, Kind, Result};
use std::str::FromStr;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	error::{DispatchError, TransactionEventsError},
	rpcs::{LegacyRpcMethods, RpcClient},
	transactions::{Payload, TransactionStatus},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The typed API of the CityChain runtime, generated from `cli/metadata/city.scale` (which the
/// runtime's test `client_metadata_file_is_current` keeps equal to the runtime's metadata).
#[subxt::subxt(
	runtime_metadata_path = "../metadata/city.scale",
	derive_for_all_types = "Clone, PartialEq, Eq",
	substitute_type(
		path = "bounded_collections::bounded_vec::BoundedVec<T>",
		with = "::std::vec::Vec<T>"
	)
)]
pub mod city {}

/// The metadata file, included so that the compiler tracks it: the `subxt` macro reads it
/// without telling cargo, and a regenerated file would otherwise not rebuild the typed API.
const _METADATA: &[u8] = include_bytes!("../../metadata/city.scale");

/// CityChain's transaction format is Polkadot's: `MultiAddress<AccountId32, ()>`, `MultiSignature`,
/// 32-bit block numbers and the standard transaction extensions.
pub type Config = PolkadotConfig;
/// A connection to a node.
pub type Client = OnlineClient<Config>;
/// A client reading at one block.
pub type AtBlock =
	subxt::client::ClientAtBlock<Config, subxt::client::OnlineClientAtBlockImpl<Config>>;

/// The node's legacy JSON-RPC methods (nonces that count the pool, raw submission, heads).
pub type Rpc = LegacyRpcMethods<RpcConfigFor<Config>>;

/// A connection to a node: the typed client and the raw RPC methods over the same socket.
#[derive(Clone)]
pub struct Node {
	pub client: Client,
	pub rpc: Rpc,
	/// Which head reads see: the finalized one, or with `--wait in-block` the best one, so that
	/// a read after a write sees the write.
	pub read_at: Wait,
}

impl Node {
	/// The client at the head reads use.
	pub async fn at_head(&self) -> Result<AtBlock> {
		match self.read_at {
			Wait::Finalized => self
				.client
				.at_current_block()
				.await
				.map_err(|e| Error::node("cannot read the finalized head", e)),
			Wait::InBlock => {
				let best = self
					.rpc
					.chain_get_block_hash(None)
					.await
					.map_err(|e| Error::node("cannot read the best head", e))?
					.ok_or_else(|| Error::new(Kind::Internal, "the node has no best block"))?;
				self.client
					.at_block(best)
					.await
					.map_err(|e| Error::node("cannot read the best head", e))
			},
		}
	}
}

/// Opens a WebSocket connection to the node at `url` (`ws://` or `wss://`).
pub async fn connect(url: &str, read_at: Wait) -> Result<Node> {
	let unreachable = |e: &dyn std::fmt::Display| {
		Error::new(Kind::Unreachable, format!("cannot reach a CityChain node at {url}: {e}"))
	};
	let rpc = if url.starts_with("ws://") {
		// Loopback and private networks use plain WebSockets; subxt calls them insecure.
		RpcClient::from_insecure_url(url).await
	} else if url.starts_with("wss://") {
		RpcClient::from_url(url).await
	} else {
		return Err(Error::usage(format!("--url must start with ws:// or wss://, not `{url}`")));
	}
	.map_err(|e| unreachable(&e))?;
	let client = Client::from_rpc_client(rpc.clone()).await.map_err(|e| unreachable(&e))?;
	Ok(Node { client, rpc: Rpc::new(rpc), read_at })
}

/// The signing key from a secret URI: `//Alice`, a mnemonic, or a mnemonic with a derivation
/// path (`… //city//health`). Comes from `--suri` or `CITY_SURI`.
pub fn keypair(suri: &str) -> Result<Keypair> {
	let uri = SecretUri::from_str(suri)
		.map_err(|e| Error::usage(format!("--suri is not a secret URI: {e}")))?;
	Keypair::from_uri(&uri).map_err(|e| Error::usage(format!("--suri gives no key: {e}")))
}

/// The key a signed command needs: `--suri` must have been given.
pub fn signer(key: Option<&Keypair>) -> Result<&Keypair> {
	key.ok_or_else(|| {
		Error::usage("this command signs a transaction: pass --suri or set CITY_SURI")
	})
}

/// The account of a key.
pub fn account_of(key: &Keypair) -> AccountId32 {
	key.public_key().to_account_id()
}

/// Parses an SS58 address.
pub fn parse_account(text: &str) -> Result<AccountId32> {
	AccountId32::from_str(text).map_err(|_| Error::usage(format!("`{text}` is not an account")))
}

/// How long `submit` waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
	/// Until the transaction is in a best block (about one block time).
	InBlock,
	/// Until that block is finalized (two to three block times): no fork can undo it.
	Finalized,
}

/// A transaction the chain accepted and executed successfully.
pub struct Included {
	pub block_hash: subxt::utils::H256,
	pub block_number: u64,
	pub extrinsic_hash: subxt::utils::H256,
	pub events: subxt::extrinsics::ExtrinsicEvents<Config>,
}

impl Included {
	/// The first event of type `E` the transaction emitted; an internal error if there is none,
	/// since every CityChain call documents the event it emits on success.
	pub fn event<E: subxt::events::DecodeAsEvent>(&self) -> Result<E> {
		match self.events.find_first::<E>() {
			Some(Ok(event)) => Ok(event),
			Some(Err(e)) => Err(Error::new(Kind::Internal, format!("cannot decode event: {e}"))),
			None => Err(Error::new(Kind::Internal, "the transaction emitted no expected event")),
		}
	}

	pub fn json(&self) -> serde_json::Value {
		serde_json::json!({
			"block_hash": format!("{:?}", self.block_hash),
			"block_number": self.block_number,
			"extrinsic_hash": format!("{:?}", self.extrinsic_hash),
		})
	}

	pub fn text(&self) -> String {
		format!("in block #{} ({:?})", self.block_number, self.block_hash)
	}
}

/// How many blocks a signed transaction stays valid: about six minutes at six-second blocks.
pub const MORTALITY: u64 = 64;

/// Signs `call` with `key`, submits it and waits as `wait` says. A dispatch error becomes
/// `Refused` (or `NotFound` for the pallets' `Unknown…` errors) with the error's name and doc.
pub async fn submit<Call: Payload>(
	node: &Node,
	call: &Call,
	key: &Keypair,
	wait: Wait,
) -> Result<Included> {
	let mut results = submit_all(node, std::slice::from_ref(call), key, wait, |_| {}).await;
	results.pop().unwrap_or_else(|| Err(Error::new(Kind::Internal, "nothing was submitted")))
}

/// A signed transaction, ready to submit.
pub type Signed = subxt::transactions::SubmittableTransaction<
	Config,
	subxt::client::OnlineClientAtBlockImpl<Config>,
>;

/// Signs `call` with `key` and `nonce`, offline, valid for `mortality` blocks from `at`.
pub fn sign<Call: Payload>(
	at: &AtBlock,
	call: &Call,
	key: &Keypair,
	nonce: u64,
	mortality: u64,
) -> Result<Signed> {
	let params = DefaultExtrinsicParamsBuilder::<Config>::new()
		.nonce(nonce)
		.mortal_from_unchecked(mortality, at.block_number(), at.block_hash())
		.build();
	let mut signable = at
		.transactions()
		.create_signable_offline(call, params)
		.map_err(|e| Error::new(Kind::Internal, format!("cannot build the transaction: {e}")))?;
	signable
		.sign(key)
		.map_err(|e| Error::new(Kind::Internal, format!("cannot sign the transaction: {e}")))
}

/// Signs every call with consecutive nonces, submits them all, then waits for all of them at
/// once; `on_done(i)` runs as call `i` completes. Results are in the calls' order; if a
/// submission fails, the later calls are not submitted (their nonces could never be used) and
/// the results end with that failure.
pub async fn submit_all<Call: Payload>(
	node: &Node,
	calls: &[Call],
	key: &Keypair,
	wait: Wait,
	mut on_done: impl FnMut(usize),
) -> Vec<Result<Included>> {
	use futures::StreamExt;
	// The next nonce counting the pool, so that commands run back to back do not collide (the
	// finalized state lags the pool by a few blocks).
	let nonce = match node.rpc.system_account_next_index(&account_of(key)).await {
		Ok(nonce) => nonce,
		Err(e) => return vec![Err(Error::node("cannot read the account's nonce", e))],
	};
	let at = match node.client.at_current_block().await {
		Ok(at) => at,
		Err(e) => return vec![Err(Error::node("cannot read the chain", e))],
	};
	let mut watching = futures::stream::FuturesUnordered::new();
	let mut results: Vec<Option<Result<Included>>> = (0..calls.len()).map(|_| None).collect();
	for (index, call) in calls.iter().enumerate() {
		let submitted = match sign(&at, call, key, nonce.saturating_add(index as u64), MORTALITY) {
			Ok(signed) => signed.submit_and_watch().await.map_err(|e| pool_error(&e.to_string())),
			Err(e) => Err(e),
		};
		match submitted {
			Ok(progress) => {
				watching.push(async move { (index, watch(node, progress, wait).await) })
			},
			Err(e) => {
				// Later nonces cannot be included without this one: stop submitting.
				results[index] = Some(Err(e));
				break;
			},
		}
	}
	while let Some((index, result)) = watching.next().await {
		on_done(index);
		results[index] = Some(result);
	}
	results.into_iter().flatten().collect()
}

/// Follows a submitted transaction until it is in a block (or finalized) and succeeded.
pub async fn watch(
	node: &Node,
	mut progress: subxt::transactions::TransactionProgress<
		Config,
		subxt::client::OnlineClientAtBlockImpl<Config>,
	>,
	wait: Wait,
) -> Result<Included> {
	let extrinsic_hash = progress.extrinsic_hash();
	while let Some(status) = progress.next().await {
		let status = status.map_err(|e| Error::node("lost the transaction's progress", e))?;
		let in_block = match (status, wait) {
			(TransactionStatus::InBestBlock(block), Wait::InBlock)
			| (TransactionStatus::InFinalizedBlock(block), _) => block,
			(TransactionStatus::Invalid { message }, _)
			| (TransactionStatus::Dropped { message }, _)
			| (TransactionStatus::Error { message }, _) => return Err(pool_error(&message)),
			_ => continue,
		};
		let events = in_block.wait_for_success().await.map_err(|e| match e {
			TransactionEventsError::ExtrinsicFailed(dispatch) => dispatch_error(&dispatch),
			other => Error::node("cannot read the transaction's events", other),
		})?;
		let block_hash = in_block.block_hash();
		let block_number = node
			.client
			.at_block(block_hash)
			.await
			.map_err(|e| Error::node("cannot read the block", e))?
			.block_number();
		return Ok(Included { block_hash, block_number, extrinsic_hash, events });
	}
	Err(Error::new(Kind::Unreachable, "the node closed the transaction's subscription"))
}

/// A transaction the pool refused or dropped: bad nonce, no funds for the fee, a stale era.
pub fn pool_error(message: &str) -> Error {
	let lower = message.to_lowercase();
	if lower.contains("connection") || lower.contains("transport") || lower.contains("restart") {
		return Error::new(Kind::Unreachable, format!("the node went away: {message}"));
	}
	let hint = if lower.contains("payment") || lower.contains("balance") {
		" (the account cannot pay the fee)"
	} else if lower.contains("stale") || lower.contains("future") {
		" (nonce: another transaction from this account is pending or was just included)"
	} else {
		""
	};
	Error::new(Kind::Refused, format!("the node refused the transaction: {message}{hint}"))
}

/// The chain's dispatch error as `Pallet::Error: its documentation`.
pub fn dispatch_error(error: &DispatchError) -> Error {
	if let DispatchError::Module(module) = error {
		if let Ok(details) = module.details() {
			let name = details.variant.name.as_str();
			let docs = details.variant.docs.join(" ");
			let message = format!("{DISPATCH_REFUSAL}: {}::{name}: {docs}", details.pallet.name());
			// The pallets name every "no such thing" error `Unknown…`.
			let kind = if name.starts_with("Unknown") { Kind::NotFound } else { Kind::Refused };
			return Error::new(kind, message);
		}
	}
	Error::new(Kind::Refused, format!("{DISPATCH_REFUSAL}: {error}"))
}

/// What the message of a dispatch error (the call ran and failed) starts with.
pub const DISPATCH_REFUSAL: &str = "refused by the chain";

/// Whether `error` is a dispatch error: the transaction was included, and its call failed.
pub fn is_dispatch_refusal(error: &Error) -> bool {
	error.message.starts_with(DISPATCH_REFUSAL)
}

/// Calls a runtime API at `at`. A failed call is an error; a `None` answer is the caller's.
pub async fn call<P: subxt::runtime_apis::Payload>(
	at: &AtBlock,
	payload: P,
) -> Result<P::ReturnType> {
	at.runtime_apis().call(payload).await.map_err(api_error)
}

/// Calls a runtime API that answers `None` for an unknown id; `None` becomes `NotFound` with the
/// message `missing` gives.
pub async fn find<T, P: subxt::runtime_apis::Payload<ReturnType = Option<T>>>(
	at: &AtBlock,
	payload: P,
	missing: impl FnOnce() -> String,
) -> Result<T> {
	call(at, payload).await?.ok_or_else(|| Error::not_found(missing()))
}

/// A runtime API call failed (not "not found", which the APIs answer with `None`).
pub fn api_error(error: impl std::fmt::Display) -> Error {
	Error::node("runtime API call failed", error)
}

/// Bytes from the chain shown as text (names, purposes): lossy UTF-8.
pub fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

//! End to end, crash durability: a `--dev` node on a base path of its own (ParityDB) is killed
//! with SIGKILL four times while it produces blocks and takes transactions (Bob registering data
//! assets, Alice transferring), each time at another moment after a submission. After every
//! restart on the same base path and ports:
//!
//! - the database opens and RPC answers;
//! - the finalized head is at least the one the node reported before the kill;
//! - every finalized block hash seen before the kill is still the block at its height;
//! - every data asset whose registration was seen finalized before the kill is still registered
//!   (`city_assetByHash`) with the same record (`city_asset`), at the best block and at the
//!   finalized block it was first seen at;
//! - a new block is produced and finality moves on, with new transactions in the pool; after
//!   the last kill, until a block built after the restart, with a new registration, is finalized.
//!
//! It ends with a clean SIGINT stop. About 90 seconds with a debug node on two cores: five starts
//! of the node, and GRANDPA finalizing two blocks behind the best one (6 s blocks).
//!
//! A registration submitted shortly before a kill may be lost: the transaction pool is not kept
//! across restarts, and a block that was not finalized may go with it. The test only holds the
//! node to what it reported finalized; registrations finalized later, after a restart, are held
//! from then on.

mod common;

use std::{
	collections::BTreeMap,
	path::PathBuf,
	time::{Duration, Instant, SystemTime},
};

use city_runtime::{BalancesCall, Hash, RuntimeCall, UNIT};
use codec::Encode;
use common::{free_port, Node};
use pallet_data_assets::{Classification, ContentHash, HashAlgorithm};
use serde_json::{json, Value};
use sp_keyring::Sr25519Keyring;
use sp_runtime::generic::Era;

/// How many times the node is killed.
const CRASHES: usize = 4;

/// How long after the last submission each kill comes (plus up to [`JITTER_MS`]). The
/// submissions follow a block import closely, so the kills fall early and late in the 6 s slot:
/// with the transactions in the pool, and about when the next block is built and imported.
/// There are always imported blocks not yet finalized.
const KILL_AFTER_MS: [u64; CRASHES] = [300, 2_700, 5_400, 1_300];

/// The most the kill moments vary from run to run (taken from the clock).
const JITTER_MS: u64 = 500;

/// Between reading what is finalized and the kill. ParityDB writes a commit to its log on a
/// background thread a moment after the node reports it, so a kill inside that moment may lose
/// it; the test holds the node to what it reported finalized at least this long before the kill.
const SETTLE: Duration = Duration::from_millis(100);

/// For the node to open its database and answer RPC (generous: the test runs next to others).
const START_TIMEOUT: Duration = Duration::from_secs(180);

/// For a transaction to be finalized (a few blocks of 6 s, generously).
const FINALITY_TIMEOUT: Duration = Duration::from_secs(120);

fn to_hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

/// The node's base path: a directory of the test's own, removed when it ends.
struct BasePath(PathBuf);

impl BasePath {
	fn new() -> BasePath {
		let path = std::env::temp_dir().join(format!("city-crash-test-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&path);
		std::fs::create_dir_all(&path).unwrap();
		BasePath(path)
	}
}

impl Drop for BasePath {
	fn drop(&mut self) {
		let _ = std::fs::remove_dir_all(&self.0);
	}
}

/// Signs transactions as a wallet does, with the chain's genesis hash and runtime versions (the
/// same across restarts).
struct Wallet {
	genesis: Hash,
	spec_version: u32,
	tx_version: u32,
}

impl Wallet {
	fn new(node: &Node) -> Wallet {
		let genesis = node.call("chain_getBlockHash", json!([0]));
		let genesis = sp_core::bytes::from_hex(genesis.as_str().unwrap()).unwrap();
		let version = node.call("state_getRuntimeVersion", json!([]));
		Wallet {
			genesis: Hash::from_slice(&genesis),
			spec_version: version["specVersion"].as_u64().unwrap() as u32,
			tx_version: version["transactionVersion"].as_u64().unwrap() as u32,
		}
	}

	/// Signs `call` by `signer` with its next nonce (the pool's transactions counted) and submits
	/// it.
	fn submit(&self, node: &Node, signer: Sr25519Keyring, call: RuntimeCall) {
		let account = signer.to_account_id().to_string();
		let nonce = node.call("system_accountNextIndex", json!([account])).as_u64().unwrap();
		let extension = city_runtime::tx_extension(nonce as u32, Era::Immortal, 0);
		let implicit = city_runtime::tx_implicit(
			self.spec_version,
			self.tx_version,
			self.genesis,
			self.genesis,
		);
		let xt = city_runtime::sign_transaction(call, &signer.pair(), extension, implicit);
		node.call("author_submitExtrinsic", json!([to_hex(&xt.encode())]));
	}

	/// Bob (a Steward of Transport) registers data asset `number`; returns its content digest.
	fn register(&self, node: &Node, number: u32) -> String {
		let content = format!("crash test: data set {number}");
		let digest = sp_io::hashing::sha2_256(content.as_bytes());
		let call = RuntimeCall::DataAssets(pallet_data_assets::Call::register_asset {
			name: format!("Crash test data set {number}").into_bytes().try_into().unwrap(),
			content: ContentHash { algorithm: HashAlgorithm::Sha2_256, digest },
			size: content.len() as u64,
			media_type: b"text/csv".to_vec().try_into().unwrap(),
			classification: Classification::Internal,
			location: format!("https://gateway.trf.city.example/assets/crash-{number}.csv")
				.into_bytes()
				.try_into()
				.unwrap(),
			metadata_hash: None,
			tags: vec![b"crash-test".to_vec().try_into().unwrap()].try_into().unwrap(),
		});
		self.submit(node, Sr25519Keyring::Bob, call);
		to_hex(&digest)
	}

	/// Alice sends Dave one unit.
	fn transfer(&self, node: &Node) {
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: Sr25519Keyring::Dave.to_account_id().into(),
			value: UNIT,
		});
		self.submit(node, Sr25519Keyring::Alice, call);
	}
}

/// A data asset whose registration the test saw finalized: its record then, and where.
struct Durable {
	digest: String,
	id: u64,
	record: Value,
	seen_at: String,
}

/// What the test saw finalized, to hold the node to after every kill.
#[derive(Default)]
struct Seen {
	/// Finalized block hashes by number, from genesis to the latest finalized head seen.
	blocks: BTreeMap<u64, String>,
	assets: Vec<Durable>,
	/// Digests of registrations submitted but not seen finalized yet.
	pending: Vec<String>,
}

impl Seen {
	/// Records the finalized head, the finalized blocks up to it and the pending registrations
	/// finalized by now; returns the finalized head's number.
	fn observe(&mut self, node: &Node) -> u64 {
		let head = node.call("chain_getFinalizedHead", json!([]));
		let head = head.as_str().unwrap().to_string();
		let number = node.block_number(Some(&head));
		if let Some((&last, _)) = self.blocks.last_key_value() {
			if number < last {
				node.fail(&format!("the finalized head went back from {last} to {number}"));
			}
		}
		let from = self.blocks.last_key_value().map_or(0, |(n, _)| n + 1);
		for n in from..number {
			let hash = node
				.block_hash(n)
				.unwrap_or_else(|| node.fail(&format!("no block {n} below finalized {number}")));
			self.blocks.insert(n, hash);
		}
		self.blocks.insert(number, head.clone());

		for digest in std::mem::take(&mut self.pending) {
			let found = node.rpc("city_assetByHash", json!([digest, "sha2_256", null, null, head]));
			match found.map(|page| page["registrations"][0].clone()) {
				Ok(Value::Null) => self.pending.push(digest),
				Ok(found) => {
					let id = found["asset"].as_u64().unwrap();
					let record = node.call("city_asset", json!([id, head]));
					let content = &record["current"]["content"];
					if found["version"] != 1 || record["owner"] != 0 || content["digest"] != digest
					{
						node.fail(&format!("registration {digest} is {found}: {record}"));
					}
					self.assets.push(Durable { digest, id, record, seen_at: head.clone() });
				},
				Err(error) => node.fail(&format!("city_assetByHash({digest}): {error:?}")),
			}
		}
		number
	}

	fn finalized(&self, digest: &str) -> bool {
		self.assets.iter().any(|asset| asset.digest == digest)
	}

	/// After a restart: nothing seen finalized before the kill (finalized head `before`) is
	/// gone or changed.
	fn check(&self, node: &Node, before: u64) {
		let finalized = node.finalized_number();
		if finalized < before {
			node.fail(&format!("finalized head {finalized} after the restart, {before} before"));
		}
		for (&number, hash) in &self.blocks {
			let now = node.block_hash(number);
			if now.as_deref() != Some(hash.as_str()) {
				node.fail(&format!("finalized block {number} was {hash}, is {now:?} now"));
			}
		}
		for asset in &self.assets {
			let found = node.rpc("city_assetByHash", json!([asset.digest, "sha2_256"]));
			let found = found.map(|page| page["registrations"][0].clone()).unwrap_or_else(|e| {
				node.fail(&format!(
					"finalized asset {} ({}) is gone: {e:?}",
					asset.id, asset.digest
				))
			});
			if (found["asset"].as_u64(), found["version"].as_u64()) != (Some(asset.id), Some(1)) {
				node.fail(&format!(
					"{} was asset {} version 1, is {found}",
					asset.digest, asset.id
				));
			}
			for at in [None, Some(&asset.seen_at)] {
				let record = node.call("city_asset", json!([asset.id, at]));
				if record != asset.record {
					node.fail(&format!(
						"asset {} at {at:?} was {}, is {record}",
						asset.id, asset.record
					));
				}
			}
		}
	}
}

/// Milliseconds from the clock, below `bound`: the kill moments differ from run to run.
fn jitter(bound: u64) -> u64 {
	let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap();
	u64::from(now.subsec_nanos()) % (bound * 1_000_000) / 1_000_000
}

#[test]
fn finalized_blocks_and_assets_survive_sigkill() {
	let started = Instant::now();
	let base_path = BasePath::new();
	let args: Vec<String> =
		vec!["--dev".into(), "--base-path".into(), base_path.0.display().to_string()];
	let (rpc_port, p2p_port) = (free_port(), free_port());
	let log_path =
		std::env::temp_dir().join(format!("city-node-test-{}-{rpc_port}.log", std::process::id()));
	let start = || {
		let mut node = Node::spawn(&args, rpc_port, p2p_port, log_path.clone());
		node.wait_until_rpc_answers(START_TIMEOUT);
		node
	};

	let mut node = start();
	let wallet = Wallet::new(&node);
	let mut seen = Seen::default();
	let mut registrations = 0;
	let mut load = |node: &Node, seen: &mut Seen| {
		let digest = wallet.register(node, registrations);
		registrations += 1;
		seen.pending.push(digest.clone());
		wallet.transfer(node);
		digest
	};

	// A registration finalized before the first kill, so every restart has an asset to check.
	// (GRANDPA finalizes two blocks behind the best block: this takes three blocks or so.)
	let digest = load(&node, &mut seen);
	node.wait_for("the first registration to be finalized", FINALITY_TIMEOUT, |n| {
		seen.observe(n);
		seen.finalized(&digest).then_some(())
	});

	for kill in 1..=CRASHES {
		// More transactions, and a kill a while after them.
		load(&node, &mut seen);
		let delay = KILL_AFTER_MS[kill - 1] + jitter(JITTER_MS);
		std::thread::sleep(Duration::from_millis(delay));
		let before = seen.observe(&node);
		std::thread::sleep(SETTLE);
		node.note(&format!("kill {kill} of {CRASHES}, {delay} ms after a submission"));
		node.kill();

		// The database opens, and holds everything seen finalized.
		node = start();
		seen.check(&node, before);
		let (best, finalized) = (node.best_number(), node.finalized_number());
		println!(
			"kill {kill}: {delay} ms after a submission; finalized #{before} before, #{finalized} \
			 (best #{best}) after the restart; {} finalized assets intact, {} submitted \
			 registrations not finalized (yet); {:.1} s in",
			seen.assets.len(),
			seen.pending.len(),
			started.elapsed().as_secs_f64(),
		);

		// Blocks are produced and finalized again, with new transactions in the pool: a new block
		// and finality moving on. After the last kill, until a new block with a new registration
		// is finalized (three blocks or so; earlier ones go on with the next kill).
		let digest = load(&node, &mut seen);
		let last = kill == CRASHES;
		node.wait_for("a new block, and finality to move on", FINALITY_TIMEOUT, |n| {
			let now = seen.observe(n);
			let resumed = now > finalized && n.best_number() > best;
			let included = !last || (now > best && seen.finalized(&digest));
			(resumed && included).then_some(())
		});
	}

	assert!(node.stop(), "the node shuts down cleanly on SIGINT");
	println!(
		"{CRASHES} kills survived, {} finalized assets and {} finalized blocks intact: {:.1} s",
		seen.assets.len(),
		seen.blocks.len(),
		started.elapsed().as_secs_f64()
	);
}

//! The load benchmark: for each kind of extrinsic, sign N in advance, submit them as fast as the
//! node's pool accepts, and time when each appears in a best block and when that block is
//! finalized. Balance transfers (`transfer_keep_alive`) run in the same session as the baseline.
//!
//! It needs the demo city of a `--dev` chain: Bob (Steward of department 0) registers assets,
//! CharlieStash (department 3) records accesses under grant 1, Ferdie (Steward of department 2)
//! issues codes, EveStash transfers. `scripts/bench` starts such a node and draws the chart.

use crate::{
	chain::{self, city, Node},
	error::{CliError, Kind, Result},
	output::Report,
};
use clap::{Args, ValueEnum};
use futures::StreamExt;
use serde_json::json;
use std::{
	collections::HashMap,
	fmt::Write as _,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use subxt::{transactions::Payload, utils::H256};
use subxt_signer::sr25519::Keypair;

/// The transactions in flight to the node at once: enough to keep its RPC and pool busy.
const SUBMIT_WINDOW: usize = 256;
/// Give up on a kind when no transaction of it was included or finalized for this long.
const STALL_TIMEOUT: Duration = Duration::from_secs(90);
/// Blocks a benchmark transaction stays valid.
const MORTALITY: u64 = 256;

#[derive(Args)]
pub struct BenchArgs {
	/// Records per kind: extrinsics, except for `issue-codes-batch`, which needs one extrinsic
	/// per 50 codes.
	#[arg(long, default_value_t = 10_000)]
	pub count: u32,
	/// The kinds to run, in order (transfers always run first as the baseline).
	#[arg(long, value_enum, value_delimiter = ',', default_values_t = [Kind_::RegisterAsset, Kind_::RecordAccess, Kind_::IssueCode, Kind_::IssueCodesBatch])]
	pub kinds: Vec<Kind_>,
	/// Write one CSV row per kind here.
	#[arg(long)]
	pub csv: Option<PathBuf>,
	/// Write one CSV row per block here (transactions of the benchmark per block and kind).
	#[arg(long)]
	pub blocks_csv: Option<PathBuf>,
	/// Write the chart here as SVG (`scripts/bench` converts it to PNG).
	#[arg(long)]
	pub svg: Option<PathBuf>,
}

/// The extrinsic kinds the benchmark submits.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ValueEnum)]
pub enum Kind_ {
	/// `balances.transfer_keep_alive`: the baseline.
	Transfer,
	/// `dataAssets.registerAsset` with a fresh content hash each.
	RegisterAsset,
	/// `accessGrants.recordAccess` under one grant.
	RecordAccess,
	/// `cityCodes.issueCode`.
	IssueCode,
	/// `cityCodes.issueCodesBatch` with 50 codes each, `--count` codes in all: the batched
	/// alternative to `issueCode`.
	IssueCodesBatch,
}

impl Kind_ {
	fn name(self) -> &'static str {
		match self {
			Kind_::Transfer => "transfer_keep_alive",
			Kind_::RegisterAsset => "register_asset",
			Kind_::RecordAccess => "record_access",
			Kind_::IssueCode => "issue_code",
			Kind_::IssueCodesBatch => "issue_codes_batch",
		}
	}

	/// The demo city's account that may submit this kind.
	fn signer(self) -> &'static str {
		match self {
			Kind_::Transfer => "//Eve//stash",
			Kind_::RegisterAsset => "//Bob",
			Kind_::RecordAccess => "//Charlie//stash",
			Kind_::IssueCode | Kind_::IssueCodesBatch => "//Ferdie",
		}
	}

	/// How many records one extrinsic of this kind creates.
	fn items(self, fixture: &Fixture) -> usize {
		match self {
			Kind_::IssueCodesBatch => fixture.code_batch,
			_ => 1,
		}
	}
}

/// What the benchmark measured for one kind.
#[derive(Clone, Debug, Default)]
struct Measured {
	kind: &'static str,
	count: usize,
	/// Records per extrinsic (50 for `issue_codes_batch`, else 1).
	items: usize,
	submit_secs: f64,
	included: usize,
	included_secs: f64,
	finalized: usize,
	finalized_secs: f64,
	failed: usize,
	latency_p50_ms: f64,
	latency_p95_ms: f64,
	blocks: usize,
	max_per_block: usize,
	/// The most of this kind the block weight allows per second (normal class, from the
	/// runtime's own weights).
	ceiling_per_sec: f64,
	weight_ref_time: u64,
	encoded_len: usize,
	/// (block number, seconds from the first submission until the block was seen, this kind's
	/// transactions in it) for every block that held some.
	per_block: Vec<(u64, f64, usize)>,
}

impl Measured {
	fn rate(n: usize, secs: f64) -> f64 {
		if secs > 0.0 {
			n as f64 / secs
		} else {
			0.0
		}
	}
	fn submitted_per_sec(&self) -> f64 {
		Self::rate(self.count, self.submit_secs)
	}
	fn included_per_sec(&self) -> f64 {
		Self::rate(self.included, self.included_secs)
	}
	/// Records (codes, assets, access entries, transfers) per second: what the chart shows.
	fn records(&self, per_extrinsic_rate: f64) -> f64 {
		per_extrinsic_rate * self.items as f64
	}
	/// Included records per second relative to `baseline` (the transfers' included per second).
	fn ratio_to(&self, baseline: f64) -> f64 {
		ratio(self.records(self.included_per_sec()), baseline)
	}
	fn finalized_per_sec(&self) -> f64 {
		Self::rate(self.finalized, self.finalized_secs)
	}
}

/// Blocks as the benchmark saw them: when each of its transactions reached a best block and a
/// finalized one, and whether it failed.
#[derive(Default)]
struct Tracker {
	/// Transaction hash → its index in the run.
	pending: HashMap<H256, usize>,
	included_at: Vec<Option<Instant>>,
	finalized_at: Vec<Option<Instant>>,
	failed: Vec<bool>,
	/// Block number → the transactions it included.
	blocks: std::collections::BTreeMap<u64, (Instant, Vec<usize>)>,
	/// The highest block read so far (blocks are read in order).
	last_best: u64,
	/// The highest finalized head the node announced.
	finalized_head: u64,
	/// The highest block whose transactions are marked finalized: never above `last_best`, so
	/// a finalized head announced before its block was read is caught up on later.
	last_finalized: u64,
}

impl Tracker {
	/// Marks the transactions of every read block up to the finalized head as finalized at `now`.
	fn mark_finalized(&mut self, now: Instant) {
		let upto = self.finalized_head.min(self.last_best);
		if upto <= self.last_finalized {
			return;
		}
		let newly: Vec<usize> = self
			.blocks
			.range(self.last_finalized + 1..=upto)
			.flat_map(|(_, (_, txs))| txs.iter().copied())
			.collect();
		for i in newly {
			self.finalized_at[i] = Some(now);
		}
		self.last_finalized = upto;
	}
}

pub async fn run(node: &Node, args: BenchArgs, show_progress: bool) -> Result<Report> {
	if args.count == 0 {
		return Err(CliError::usage("--count must be at least 1"));
	}
	let mut kinds = vec![Kind_::Transfer];
	kinds.extend(args.kinds.iter().copied().filter(|k| *k != Kind_::Transfer));
	let limits = BlockLimits::read(node).await?;
	let fixture = fixture(node).await?;
	let mut results = Vec::new();
	for kind in kinds {
		// `--count` records of every kind: fewer extrinsics for a kind that creates several.
		let extrinsics = (args.count as usize).div_ceil(kind.items(&fixture));
		let measured = run_kind(node, kind, extrinsics, &fixture, &limits, show_progress).await?;
		results.push(measured);
	}
	let baseline = results[0].included_per_sec();
	if let Some(path) = &args.csv {
		std::fs::write(path, csv(&results, baseline)).map_err(|e| CliError::file(path, e))?;
	}
	if let Some(path) = &args.svg {
		std::fs::write(path, svg(&results)).map_err(|e| CliError::file(path, e))?;
	}
	if let Some(path) = &args.blocks_csv {
		std::fs::write(path, blocks_csv(&results)).map_err(|e| CliError::file(path, e))?;
	}
	Ok(Report::new(table(&results, baseline, &limits), json_report(&results, baseline, &limits)))
}

/// The runtime's block limits, read from its constants.
struct BlockLimits {
	normal_max_ref_time: u64,
	base_extrinsic_ref_time: u64,
	normal_max_len: u64,
	block_secs: f64,
}

impl BlockLimits {
	async fn read(node: &Node) -> Result<Self> {
		let at = node.at_head().await?;
		let weights = at
			.constants()
			.entry(city::constants().system().block_weights())
			.map_err(|e| CliError::new(Kind::Internal, format!("block weights: {e}")))?;
		let length = at
			.constants()
			.entry(city::constants().system().block_length())
			.map_err(|e| CliError::new(Kind::Internal, format!("block length: {e}")))?;
		let normal = &weights.per_class.normal;
		let normal_max_ref_time =
			normal.max_total.as_ref().map_or(weights.max_block.ref_time, |w| w.ref_time);
		let slot_ms = chain::call(&at, city::runtime_apis().aura_api().slot_duration()).await?;
		Ok(BlockLimits {
			normal_max_ref_time,
			base_extrinsic_ref_time: normal.base_extrinsic.ref_time,
			normal_max_len: u64::from(length.max.normal),
			block_secs: slot_ms.0 as f64 / 1000.0,
		})
	}

	/// How many extrinsics of this weight and length fit the normal class of one block, per
	/// second of block time.
	fn ceiling_per_sec(&self, ref_time: u64, len: usize) -> f64 {
		let by_weight =
			self.normal_max_ref_time / ref_time.saturating_add(self.base_extrinsic_ref_time).max(1);
		let by_length = self.normal_max_len / (len as u64).max(1);
		by_weight.min(by_length) as f64 / self.block_secs
	}
}

/// Everything a kind needs from the chain before signing: the grant and asset to record
/// against, an object class, a destination account, a seed for unique content hashes.
struct Fixture {
	record_grant: u64,
	record_asset: u64,
	code_class: u16,
	/// Codes per `issueCodesBatch`: the runtime's `MaxBatch`.
	code_batch: usize,
	transfer_to: subxt::utils::AccountId32,
	seed: [u8; 8],
}

async fn fixture(node: &Node) -> Result<Fixture> {
	let at = node.at_head().await?;
	let record_grant = 1;
	let api = city::runtime_apis().access_grants_api();
	let grant = chain::find(&at, api.grant_info(record_grant), || {
		"grant 1 of the demo city is missing: run against a --dev chain".into()
	})
	.await?;
	let seed = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_nanos() as u64)
		.unwrap_or_default()
		.to_le_bytes();
	let code_batch = crate::code::max_batch(&at)?;
	Ok(Fixture {
		record_grant,
		record_asset: grant.asset,
		code_class: 0,
		code_batch,
		transfer_to: chain::account_of(&chain::keypair("//Alice")?),
		seed,
	})
}

/// Signs the `i`-th extrinsic of a kind with nonce `nonce`, offline; returns its encoding.
fn sign_kind(
	kind: Kind_,
	i: usize,
	fixture: &Fixture,
	signing: &Signing,
	nonce: u64,
) -> Result<Vec<u8>> {
	use city::runtime_types::{
		city_primitives::Classification,
		pallet_data_assets::types::{ContentHash, HashAlgorithm},
	};
	match kind {
		Kind_::Transfer => signing.sign(
			&city::tx().balances().transfer_keep_alive(fixture.transfer_to.into(), 1_000_000_000),
			nonce,
		),
		Kind_::RegisterAsset => {
			// A content hash no one registered: the run's seed and the index, hashed.
			let mut preimage = fixture.seed.to_vec();
			preimage.extend_from_slice(&(i as u64).to_le_bytes());
			let bytes = blake2_256(&preimage).0;
			signing.sign(
				&city::tx().data_assets().register_asset(
					format!("bench {i}").into_bytes(),
					ContentHash { algorithm: HashAlgorithm::Blake2_256, digest: bytes },
					1_024,
					b"text/csv".to_vec(),
					Classification::Internal,
					format!("https://data.city.example/bench/{i}.csv").into_bytes(),
					None,
					vec![],
				),
				nonce,
			)
		},
		Kind_::RecordAccess => {
			let mut receipt = [0u8; 32];
			receipt[..8].copy_from_slice(&(i as u64).to_le_bytes());
			signing.sign(
				&city::tx().access_grants().record_access(
					fixture.record_asset,
					fixture.record_grant,
					receipt,
				),
				nonce,
			)
		},
		Kind_::IssueCodesBatch => {
			use city::runtime_types::pallet_city_codes::types::NewCode;
			let codes = (0..fixture.code_batch)
				.map(|j| NewCode {
					name: format!("bench object {i}-{j}").into_bytes(),
					location: None,
					attributes: None,
					parent: None,
				})
				.collect();
			signing
				.sign(&city::tx().city_codes().issue_codes_batch(fixture.code_class, codes), nonce)
		},
		Kind_::IssueCode => signing.sign(
			&city::tx().city_codes().issue_code(
				fixture.code_class,
				format!("bench object {i}").into_bytes(),
				None,
				None,
				None,
			),
			nonce,
		),
	}
}

/// Offline signing at one block: the client, the key and the block the transactions' era
/// starts at.
struct Signing {
	at: chain::AtBlock,
	key: Keypair,
}

impl Signing {
	fn sign<Call: Payload>(&self, call: &Call, nonce: u64) -> Result<Vec<u8>> {
		Ok(chain::sign(&self.at, call, &self.key, nonce, MORTALITY)?.into_encoded())
	}
}

fn blake2_256(bytes: &[u8]) -> H256 {
	let digest = blake2b_simd::Params::new().hash_length(32).hash(bytes);
	H256::from_slice(digest.as_bytes())
}

async fn run_kind(
	node: &Node,
	kind: Kind_,
	count: usize,
	fixture: &Fixture,
	limits: &BlockLimits,
	show_progress: bool,
) -> Result<Measured> {
	let key = chain::keypair(kind.signer())?;
	let nonce = node
		.rpc
		.system_account_next_index(&chain::account_of(&key))
		.await
		.map_err(|e| CliError::node("cannot read the nonce", e))?;
	let signing = Signing { at: node.at_head().await?, key };

	// 1. Sign everything before the clock starts.
	let bar = crate::progress::bar(show_progress, count as u64, &format!("{} signed", kind.name()));
	let mut encoded = Vec::with_capacity(count);
	for i in 0..count {
		encoded.push(sign_kind(kind, i, fixture, &signing, nonce + i as u64)?);
		bar.inc(1);
	}
	bar.finish_and_clear();
	let weight_ref_time = query_weight(node, &encoded[0]).await?;
	let encoded_len = encoded[0].len();

	// 2. Watch best and finalized heads from before the first submission.
	let tracker = Arc::new(Mutex::new(Tracker {
		pending: encoded.iter().enumerate().map(|(i, e)| (blake2_256(e), i)).collect(),
		included_at: vec![None; count],
		finalized_at: vec![None; count],
		failed: vec![false; count],
		..Default::default()
	}));
	let start_head = signing.at.block_number();
	{
		let mut t = lock(&tracker);
		t.last_best = start_head;
		t.finalized_head = start_head;
		t.last_finalized = start_head;
	}
	let watcher = tokio::spawn(watch_heads(node.clone(), tracker.clone()));

	// 3. Submit as fast as the pool accepts, `SUBMIT_WINDOW` at a time.
	let bar =
		crate::progress::bar(show_progress, count as u64, &format!("{} included", kind.name()));
	let started = Instant::now();
	let submitted_at: Vec<Instant> = {
		let mut acks = futures::stream::iter(encoded.iter().enumerate())
			.map(|(i, bytes)| {
				let rpc = node.rpc.clone();
				async move {
					let result = rpc.author_submit_extrinsic(bytes).await;
					(i, result, Instant::now())
				}
			})
			.buffer_unordered(SUBMIT_WINDOW);
		let mut times = vec![started; count];
		while let Some((i, result, at)) = acks.next().await {
			if let Err(e) = result {
				watcher.abort();
				let error = chain::pool_error(&e.to_string());
				return Err(CliError::new(
					error.kind,
					format!("{}: transaction {i} of {count}: {}", kind.name(), error.message),
				));
			}
			times[i] = at;
		}
		times
	};
	let submit_secs = submitted_at.iter().max().map_or(0.0, |t| (*t - started).as_secs_f64());

	// 4. Wait until every transaction is finalized, or nothing moves for `STALL_TIMEOUT`.
	let mut last_progress = (0usize, 0usize, Instant::now());
	loop {
		tokio::time::sleep(Duration::from_millis(200)).await;
		let (included, finalized) = {
			let t = lock(&tracker);
			(t.included_at.iter().flatten().count(), t.finalized_at.iter().flatten().count())
		};
		bar.set_position(included as u64);
		if finalized == count {
			break;
		}
		if (included, finalized) != (last_progress.0, last_progress.1) {
			last_progress = (included, finalized, Instant::now());
		} else if last_progress.2.elapsed() > STALL_TIMEOUT {
			break;
		}
		if watcher.is_finished() {
			// The watcher stops only on an error: the numbers would be partial.
			bar.finish_and_clear();
			return Err(match watcher.await {
				Ok(Err(error)) => error,
				Ok(Ok(())) => CliError::new(Kind::Internal, "the block watcher stopped"),
				Err(e) => CliError::new(Kind::Internal, format!("the block watcher failed: {e}")),
			});
		}
	}
	bar.finish_and_clear();
	watcher.abort();

	// 5. The numbers.
	let t = lock(&tracker);
	let included: Vec<(usize, Instant)> =
		t.included_at.iter().enumerate().filter_map(|(i, at)| at.map(|at| (i, at))).collect();
	let last_included = included.iter().map(|(_, at)| *at).max();
	let last_finalized = t.finalized_at.iter().flatten().max().copied();
	let mut latencies: Vec<f64> = included
		.iter()
		.map(|(i, at)| at.saturating_duration_since(submitted_at[*i]).as_secs_f64() * 1000.0)
		.collect();
	latencies.sort_by(|a, b| a.total_cmp(b));
	let per_block: Vec<(u64, f64, usize)> = t
		.blocks
		.iter()
		.filter(|(_, (_, txs))| !txs.is_empty())
		.map(|(number, (seen, txs))| {
			(*number, seen.saturating_duration_since(started).as_secs_f64(), txs.len())
		})
		.collect();
	Ok(Measured {
		kind: kind.name(),
		count,
		items: kind.items(fixture),
		submit_secs,
		included: included.len(),
		included_secs: last_included.map_or(0.0, |at| (at - started).as_secs_f64()),
		finalized: t.finalized_at.iter().flatten().count(),
		finalized_secs: last_finalized.map_or(0.0, |at| (at - started).as_secs_f64()),
		failed: t.failed.iter().filter(|f| **f).count(),
		latency_p50_ms: percentile(&latencies, 50.0),
		latency_p95_ms: percentile(&latencies, 95.0),
		blocks: per_block.len(),
		max_per_block: per_block.iter().map(|(_, _, n)| *n).max().unwrap_or(0),
		ceiling_per_sec: limits.ceiling_per_sec(weight_ref_time, encoded_len),
		weight_ref_time,
		encoded_len,
		per_block,
	})
}

fn lock(tracker: &Mutex<Tracker>) -> std::sync::MutexGuard<'_, Tracker> {
	tracker.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The weight the runtime charges for this extrinsic (`TransactionPaymentApi::query_info`):
/// the call's benchmarked weight plus its transaction extensions'.
async fn query_weight(node: &Node, encoded: &[u8]) -> Result<u64> {
	use subxt::ext::codec::{Compact, Decode};
	let at = node.at_head().await?;
	let mut args = encoded.to_vec();
	args.extend_from_slice(&(encoded.len() as u32).to_le_bytes());
	let bytes = at
		.runtime_apis()
		.call_raw("TransactionPaymentApi_query_info", Some(&args))
		.await
		.map_err(chain::api_error)?;
	// RuntimeDispatchInfo { weight: Weight { ref_time: Compact<u64>, proof_size: Compact<u64> }, class, partial_fee }
	let mut input = &bytes[..];
	let ref_time = Compact::<u64>::decode(&mut input)
		.map_err(|e| CliError::new(Kind::Internal, format!("query_info: {e}")))?;
	Ok(ref_time.0)
}

/// Follows best heads (inclusion, failures) and finalized heads until aborted; returns only on
/// an error.
async fn watch_heads(node: Node, tracker: Arc<Mutex<Tracker>>) -> Result<()> {
	let mut best =
		node.rpc.chain_subscribe_new_heads().await.map_err(|e| CliError::node("heads", e))?;
	let mut finalized = node
		.rpc
		.chain_subscribe_finalized_heads()
		.await
		.map_err(|e| CliError::node("finalized heads", e))?;
	loop {
		tokio::select! {
			head = best.next() => {
				let head = head
					.ok_or_else(|| CliError::new(Kind::Unreachable, "the node ended the heads subscription"))?
					.map_err(|e| CliError::node("heads", e))?;
				let seen = Instant::now();
				let from = lock(&tracker).last_best + 1;
				for number in from..=u64::from(head.number) {
					read_block(&node, &tracker, number, seen).await?;
				}
				lock(&tracker).mark_finalized(Instant::now());
			},
			head = finalized.next() => {
				let head = head
					.ok_or_else(|| CliError::new(Kind::Unreachable, "the node ended the finalized heads subscription"))?
					.map_err(|e| CliError::node("finalized heads", e))?;
				let mut t = lock(&tracker);
				t.finalized_head = t.finalized_head.max(u64::from(head.number));
				t.mark_finalized(Instant::now());
			},
		}
	}
}

/// Reads block `number`'s extrinsics and events: which benchmark transactions it holds, and
/// which of them failed.
async fn read_block(
	node: &Node,
	tracker: &Mutex<Tracker>,
	number: u64,
	seen: Instant,
) -> Result<()> {
	let hash = node
		.rpc
		.chain_get_block_hash(Some(number.into()))
		.await
		.map_err(|e| CliError::node("block hash", e))?
		.ok_or_else(|| CliError::new(Kind::Internal, format!("block {number} vanished")))?;
	let block = node
		.rpc
		.chain_get_block(Some(hash))
		.await
		.map_err(|e| CliError::node("block", e))?
		.ok_or_else(|| CliError::new(Kind::Internal, format!("block {number} vanished")))?;
	let ours: Vec<(u32, usize)> = {
		let t = lock(tracker);
		block
			.block
			.extrinsics
			.iter()
			.enumerate()
			.filter_map(|(index, bytes)| {
				t.pending.get(&blake2_256(&bytes.0)).map(|i| (index as u32, *i))
			})
			.collect()
	};
	let mut failed_indices = Vec::new();
	if !ours.is_empty() {
		let at = node.client.at_block(hash).await.map_err(|e| CliError::node("block", e))?;
		let events = at.events().fetch().await.map_err(|e| CliError::node("events", e))?;
		for event in events.iter().flatten() {
			if event.pallet_name() == "System" && event.event_name() == "ExtrinsicFailed" {
				if let subxt::events::Phase::ApplyExtrinsic(index) = event.phase() {
					failed_indices.push(index);
				}
			}
		}
	}
	let mut t = lock(tracker);
	for (index, i) in &ours {
		t.included_at[*i] = Some(seen);
		if failed_indices.contains(index) {
			t.failed[*i] = true;
		}
	}
	t.blocks.insert(number, (seen, ours.into_iter().map(|(_, i)| i).collect()));
	t.last_best = t.last_best.max(number);
	Ok(())
}

fn csv(results: &[Measured], baseline: f64) -> String {
	let mut out = String::from(
		"kind,count,submitted_per_s,included,included_per_s,finalized,finalized_per_s,failed,latency_p50_ms,latency_p95_ms,blocks,max_per_block,ratio_to_transfer,ceiling_per_s,weight_ref_time_ps,encoded_bytes,records_per_extrinsic,included_records_per_s\n",
	);
	for m in results {
		let _ = writeln!(
			out,
			"{},{},{:.1},{},{:.1},{},{:.1},{},{:.0},{:.0},{},{},{:.3},{:.1},{},{},{},{:.1}",
			m.kind,
			m.count,
			m.submitted_per_sec(),
			m.included,
			m.included_per_sec(),
			m.finalized,
			m.finalized_per_sec(),
			m.failed,
			m.latency_p50_ms,
			m.latency_p95_ms,
			m.blocks,
			m.max_per_block,
			m.ratio_to(baseline),
			m.ceiling_per_sec,
			m.weight_ref_time,
			m.encoded_len,
			m.items,
			m.records(m.included_per_sec()),
		);
	}
	out
}

fn blocks_csv(results: &[Measured]) -> String {
	let mut out = String::from("kind,block,seconds,transactions\n");
	for m in results {
		for (number, seconds, count) in &m.per_block {
			let _ = writeln!(out, "{},{number},{seconds:.3},{count}", m.kind);
		}
	}
	out
}

fn ratio(value: f64, baseline: f64) -> f64 {
	if baseline > 0.0 {
		value / baseline
	} else {
		0.0
	}
}

fn table(results: &[Measured], baseline: f64, limits: &BlockLimits) -> String {
	let mut out = format!(
		"{:<20} {:>7} {:>12} {:>11} {:>12} {:>8} {:>8} {:>7} {:>6} {:>11} {:>10}\n",
		"kind",
		"count",
		"submitted/s",
		"included/s",
		"finalized/s",
		"p50 ms",
		"p95 ms",
		"ratio",
		"failed",
		"ceiling/s",
		"records/s"
	);
	for m in results {
		let _ = writeln!(
			out,
			"{:<20} {:>7} {:>12.1} {:>11.1} {:>12.1} {:>8.0} {:>8.0} {:>7.2} {:>6} {:>11.1} {:>10.1}",
			m.kind,
			m.count,
			m.submitted_per_sec(),
			m.included_per_sec(),
			m.finalized_per_sec(),
			m.latency_p50_ms,
			m.latency_p95_ms,
			m.ratio_to(baseline),
			m.failed,
			m.ceiling_per_sec,
			m.records(m.included_per_sec()),
		);
	}
	let _ = write!(
		out,
		"count, rates and ceiling in extrinsics; ratio to transfers and records/s in records \
		 (codes, assets, accesses, transfers)\n\
		 ceiling: normal-class block weight {:.3} s of ref time per {:.0} s block, {:.0} µs base per extrinsic",
		limits.normal_max_ref_time as f64 / 1e12,
		limits.block_secs,
		limits.base_extrinsic_ref_time as f64 / 1e6
	);
	out
}

fn json_report(results: &[Measured], baseline: f64, limits: &BlockLimits) -> serde_json::Value {
	json!({
		"block_secs": limits.block_secs,
		"normal_max_ref_time_ps": limits.normal_max_ref_time,
		"base_extrinsic_ref_time_ps": limits.base_extrinsic_ref_time,
		"kinds": results.iter().map(|m| json!({
			"kind": m.kind,
			"count": m.count,
			"submitted_per_s": m.submitted_per_sec(),
			"included": m.included,
			"included_per_s": m.included_per_sec(),
			"finalized": m.finalized,
			"finalized_per_s": m.finalized_per_sec(),
			"failed": m.failed,
			"latency_p50_ms": m.latency_p50_ms,
			"latency_p95_ms": m.latency_p95_ms,
			"blocks": m.blocks,
			"max_per_block": m.max_per_block,
			"ratio_to_transfer": m.ratio_to(baseline),
			"records_per_extrinsic": m.items,
			"included_records_per_s": m.records(m.included_per_sec()),
			"ceiling_per_s": m.ceiling_per_sec,
			"weight_ref_time_ps": m.weight_ref_time,
			"encoded_bytes": m.encoded_len,
		})).collect::<Vec<_>>(),
	})
}

/// The target of issue 9: included extrinsics per second for every kind.
const TARGET_PER_SEC: f64 = 1_000.0;

/// A grouped bar chart: included and finalized per second for each kind, each kind's
/// weight ceiling as a dark tick, and the 1,000/s target as a dashed line. The submission rate,
/// an order of magnitude higher, is written under each kind rather than drawn.
fn svg(results: &[Measured]) -> String {
	let (width, height) = (1100.0, 560.0);
	let (left, right, top, bottom) = (80.0, 100.0, 60.0, 100.0);
	let plot_h = height - top - bottom;
	let plot_w = width - left - right;
	let max = results
		.iter()
		.flat_map(|m| {
			[m.included_per_sec(), m.finalized_per_sec(), m.ceiling_per_sec].map(|v| m.records(v))
		})
		.fold(TARGET_PER_SEC, f64::max);
	let step = nice_step(max / 5.0);
	let y_max = (max * 1.05 / step).ceil() * step;
	let y = |v: f64| top + plot_h * (1.0 - v / y_max);
	let mut out = format!(
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">\n\
		 <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
		 <text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\">CityChain load benchmark: records per second, one dev node, 2 cores</text>\n",
		width / 2.0
	);
	let mut v = 0.0;
	while v <= y_max + step / 2.0 {
		let _ = writeln!(
			out,
			"<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v:.0}</text>",
			width - right,
			left - 8.0,
			y(v) + 4.0,
			y = y(v),
		);
		v += step;
	}
	let colors = [("included/s", "#3182bd"), ("finalized/s", "#08519c")];
	let group_w = plot_w / results.len().max(1) as f64;
	let bar_w = group_w * 0.3;
	for (g, m) in results.iter().enumerate() {
		let x0 = left + g as f64 * group_w + group_w * 0.2;
		let bars = [m.included_per_sec(), m.finalized_per_sec()].map(|v| m.records(v));
		for (b, value) in bars.iter().enumerate() {
			let x = x0 + b as f64 * bar_w;
			let _ = writeln!(
				out,
				"<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{value:.0}</text>",
				y(*value),
				bar_w - 2.0,
				(plot_h - (y(*value) - top)).max(0.0),
				colors[b].1,
				x + bar_w / 2.0 - 1.0,
				y(*value) - 4.0,
			);
		}
		let _ = writeln!(
			out,
			"<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\" stroke=\"#222\" stroke-width=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">ceiling {:.0}</text>",
			x0 - 4.0,
			x0 + 2.0 * bar_w + 2.0,
			x0 + 2.0 * bar_w + 4.0,
			y(m.records(m.ceiling_per_sec)) + 4.0,
			m.records(m.ceiling_per_sec),
			cy = y(m.records(m.ceiling_per_sec)),
		);
		let _ = writeln!(
			out,
			"<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><g font-size=\"11\" fill=\"#555\" text-anchor=\"middle\"><text x=\"{cx:.1}\" y=\"{:.1}\">submitted {:.0}/s</text><text x=\"{cx:.1}\" y=\"{:.1}\">ratio {:.2}{}</text></g>",
			height - bottom + 20.0,
			m.kind,
			height - bottom + 35.0,
			m.records(m.submitted_per_sec()),
			height - bottom + 49.0,
			m.ratio_to(results[0].included_per_sec()),
			if m.items > 1 { format!(", {} per extrinsic", m.items) } else { String::new() },
			cx = x0 + bar_w,
		);
	}
	let _ = writeln!(
		out,
		"<line x1=\"{left}\" x2=\"{}\" y1=\"{t:.1}\" y2=\"{t:.1}\" stroke=\"#c00\" stroke-dasharray=\"6,4\"/><text x=\"{}\" y=\"{:.1}\" fill=\"#c00\">target {TARGET_PER_SEC:.0}/s</text>",
		width - right,
		width - right + 4.0,
		y(TARGET_PER_SEC) + 4.0,
		t = y(TARGET_PER_SEC),
	);
	for (i, (label, color)) in colors.iter().enumerate() {
		let x = left + i as f64 * 150.0;
		let _ = writeln!(
			out,
			"<rect x=\"{x}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{color}\"/><text x=\"{}\" y=\"{:.1}\">{label}</text>",
			height - 30.0,
			x + 20.0,
			height - 19.0
		);
	}
	let x = left + 300.0;
	let _ = writeln!(
		out,
		"<line x1=\"{x}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\" stroke-width=\"3\"/><text x=\"{}\" y=\"{:.1}\">ceiling: what the block weight allows</text>\n</svg>",
		x + 14.0,
		height - 23.0,
		height - 23.0,
		x + 20.0,
		height - 19.0,
	);
	out
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
	let power = 10f64.powf(raw.max(1.0).log10().floor());
	[1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
	if sorted.is_empty() {
		return 0.0;
	}
	let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
	sorted[rank.min(sorted.len() - 1)]
}

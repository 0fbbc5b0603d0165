//! Sending receipts: every `receipt_interval_ms`, the downloads that ended and are not on-chain
//! yet go into one `accessGrants.record_served` (at most 64 a call), signed by the gateway's
//! member account, and are marked recorded once that is finalized.
//!
//! Exactly once, across crashes: the extrinsic is mortal (valid for 64 blocks), and its hash
//! and those blocks are journaled before it is sent. After a restart (or a lost connection), an
//! extrinsic whose fate is unknown is looked for in the finalized blocks of its era: found, its
//! downloads are recorded; the era over without it, they are sent again. A batch the chain
//! refuses is split, and a download refused alone is journaled as rejected, with the error.

use crate::{
	chain::{ChainView, Head},
	journal::{Journal, Record, Request, Submission},
};
use city::runtime_types::{
	pallet_access_grants::types::{ServedAccess, ServedRequest},
	sp_runtime::MultiSignature,
};
use city_client::{
	chain::{self, city, Wait},
	served::hex_array,
};
use std::{collections::HashSet, str::FromStr, sync::Arc, time::Duration};
use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;

/// At most this many downloads in one call (the runtime's `MaxServedPerCall`).
const PER_CALL: usize = 64;

pub struct Recorder {
	pub chain: Arc<ChainView>,
	pub journal: Arc<Journal>,
	pub key: Keypair,
	pub interval: Duration,
	/// Downloads of a batch the chain refused: sent one by one from now on.
	alone: HashSet<u64>,
}

impl Recorder {
	pub fn new(
		chain: Arc<ChainView>,
		journal: Arc<Journal>,
		key: Keypair,
		interval: Duration,
	) -> Self {
		Recorder { chain, journal, key, interval, alone: HashSet::new() }
	}

	/// Runs for as long as the gateway does.
	pub async fn run(mut self) {
		loop {
			tokio::time::sleep(self.interval).await;
			if let Err(e) = self.round().await {
				tracing::warn!(error = %e, "receipts not sent this round; trying again");
			}
		}
	}

	/// One round: settle extrinsics in flight, then send the next batch.
	pub async fn round(&mut self) -> Result<(), String> {
		let Some(head) = self.chain.head() else { return Err("the chain cannot be asked".into()) };
		let in_flight: Vec<Submission> = self
			.journal
			.with_state(|s| s.submissions.values().cloned().collect())
			.unwrap_or_default();
		for submission in &in_flight {
			self.settle(&head, submission).await?;
		}
		if self.journal.with_state(|s| !s.submissions.is_empty()).unwrap_or(true) {
			// Still in flight: nothing new until its fate is known (its era is ~64 blocks).
			return Ok(());
		}
		let batch: Vec<(u64, Request, String)> = self
			.journal
			.with_state(|s| {
				let ready = s.pending.iter().filter_map(|(id, d)| {
					let receipt = d.receipt.clone()?;
					d.submitted.is_none().then(|| (*id, d.request.clone(), receipt))
				});
				let mut ready: Vec<_> = ready.collect();
				match ready.iter().position(|(id, ..)| self.alone.contains(id)) {
					Some(i) => vec![ready.swap_remove(i)],
					None => ready.into_iter().take(PER_CALL).collect(),
				}
			})
			.unwrap_or_default();
		if batch.is_empty() {
			return Ok(());
		}
		let mut accesses = Vec::with_capacity(batch.len());
		let mut ids = Vec::with_capacity(batch.len());
		for (id, request, receipt) in batch {
			match served_access(&request, &receipt) {
				Some(access) => {
					accesses.push(access);
					ids.push(id);
				},
				None => self
					.write(&[Record::Rejected { id, error: "unreadable journal entry".into() }])?,
			}
		}
		if ids.is_empty() {
			return Ok(());
		}
		self.send(&head, ids, accesses).await
	}

	async fn send(
		&mut self,
		head: &Head,
		ids: Vec<u64>,
		accesses: Vec<ServedAccess<AccountId32, MultiSignature>>,
	) -> Result<(), String> {
		let node = &head.node;
		let call = city::tx().access_grants().record_served(accesses);
		let account = self.key.public_key().to_account_id();
		let nonce =
			node.rpc.system_account_next_index(&account).await.map_err(|e| e.to_string())?;
		let at = node.client.at_block(head.hash).await.map_err(|e| e.to_string())?;
		let signed =
			chain::sign(&at, &call, &self.key, nonce, chain::MORTALITY).map_err(|e| e.message)?;
		let tx = format!("{:?}", signed.hash());
		self.write(&[Record::Submitted {
			ids: ids.clone(),
			tx: tx.clone(),
			from_block: head.number,
			until_block: head.number.saturating_add(chain::MORTALITY),
		}])?;
		let progress = match signed.submit_and_watch().await {
			Ok(progress) => progress,
			Err(e) => {
				let error = chain::pool_error(&e.to_string());
				if error.kind == city_client::error::Kind::Refused {
					// The pool refused it outright: it can never be included.
					self.write(&[Record::Abandoned { tx }])?;
				}
				return Err(error.message);
			},
		};
		match chain::watch(node, progress, Wait::Finalized).await {
			Ok(included) => {
				tracing::info!(downloads = ids.len(), block = included.block_number, %tx, "receipts on-chain");
				self.write(&[Record::Recorded { ids, block: included.block_number }])
			},
			Err(e) if chain::is_dispatch_refusal(&e) => {
				tracing::error!(error = %e.message, downloads = ids.len(), "the chain refused receipts");
				if ids.len() > 1 {
					self.alone.extend(ids);
					self.write(&[Record::Abandoned { tx }])
				} else {
					let records: Vec<_> = ids
						.iter()
						.map(|id| Record::Rejected { id: *id, error: e.message.clone() })
						.collect();
					self.alone.retain(|id| !ids.contains(id));
					self.write(&records)
				}
			},
			// Dropped by the pool, or lost sight of: settled from the blocks of its era next
			// round, before it is sent again.
			Err(e) => Err(e.message),
		}
	}

	/// Decides an extrinsic of unknown fate: in a finalized block of its era (recorded), or the
	/// era is over without it (sent again); otherwise it stays in flight.
	async fn settle(&mut self, head: &Head, submission: &Submission) -> Result<(), String> {
		let tx = H256::from_str(submission.tx.trim_start_matches("0x"))
			.map_err(|_| format!("journal: bad extrinsic hash {}", submission.tx))?;
		let last = head.number.min(submission.until_block);
		for number in submission.from_block.saturating_add(1)..=last {
			let Some(hash) = head
				.node
				.rpc
				.chain_get_block_hash(Some(number.into()))
				.await
				.map_err(|e| e.to_string())?
			else {
				continue;
			};
			let Some(block) =
				head.node.rpc.chain_get_block(Some(hash)).await.map_err(|e| e.to_string())?
			else {
				continue;
			};
			let found =
				block.block.extrinsics.iter().any(|extrinsic| blake2_256(&extrinsic.0) == tx.0);
			if found {
				tracing::info!(tx = %submission.tx, block = number, "receipts found on-chain");
				return self
					.write(&[Record::Recorded { ids: submission.ids.clone(), block: number }]);
			}
		}
		if head.number >= submission.until_block {
			tracing::info!(tx = %submission.tx, "receipts' extrinsic expired unincluded; sending them again");
			return self.write(&[Record::Abandoned { tx: submission.tx.clone() }]);
		}
		Ok(())
	}

	fn write(&self, records: &[Record]) -> Result<(), String> {
		self.journal.write(records).map_err(|e| format!("cannot write the journal: {e}"))
	}
}

/// A journaled download as `record_served` takes it.
fn served_access(
	request: &Request,
	receipt: &str,
) -> Option<ServedAccess<AccountId32, MultiSignature>> {
	Some(ServedAccess {
		request: ServedRequest {
			grant: request.grant,
			asset: request.asset,
			version: request.version,
			issued_at: request.issued_at,
			nonce: hex_array::<16>(&request.nonce)?,
		},
		consumer: AccountId32::from_str(&request.consumer).ok()?,
		signature: MultiSignature::Sr25519(hex_array::<64>(&request.signature)?),
		receipt: hex_array::<32>(receipt)?,
	})
}

/// BLAKE2-256, the hash of an extrinsic.
fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	let mut hash = [0u8; 32];
	hash.copy_from_slice(blake2b_simd::Params::new().hash_length(32).hash(bytes).as_bytes());
	hash
}

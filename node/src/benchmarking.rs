//! Extrinsic builders for `city-node benchmark overhead` and `benchmark extrinsic`.

use std::{sync::Arc, time::Duration};

use city_runtime::{AccountId, Balance, BalancesCall, RuntimeCall, SystemCall};
use frame_benchmarking_cli::ExtrinsicBuilder;
use sc_cli::Result;
use sc_client_api::BlockBackend;
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, OpaqueExtrinsic, SaturatedConversion};

use crate::service::FullClient;

/// Builds `system.remark` extrinsics: the cheapest signed transaction.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::System(SystemCall::remark { remark: vec![] });
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).into())
	}
}

/// Builds `balances.transfer_keep_alive` extrinsics: the baseline transaction.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> std::result::Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: self.value,
		});
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Bob.pair(), call, nonce).into())
	}
}

/// A transaction signed by `sender`, valid for a while from the client's best block.
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: RuntimeCall,
	nonce: u32,
) -> city_runtime::UncheckedExtrinsic {
	let genesis_hash = client.block_hash(0).ok().flatten().expect("genesis block exists; qed");
	let best_hash = client.chain_info().best_hash;
	let best_block = client.chain_info().best_number;
	let version = client
		.runtime_version_at(best_hash, sp_core::traits::CallContext::Offchain)
		.expect("runtime version at best block");

	// Valid for 64 blocks from the best block: ample for a benchmark run.
	let era = Era::mortal(64, best_block.saturated_into());
	let extension = city_runtime::tx_extension(nonce, era, 0);

	let implicit = city_runtime::tx_implicit(
		version.spec_version,
		version.transaction_version,
		genesis_hash,
		best_hash,
	);
	city_runtime::sign_transaction(call, &sender, extension, implicit)
}

/// The inherent data a benchmark block needs: a timestamp.
pub fn inherent_benchmark_data() -> Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let d = Duration::from_millis(0);
	let timestamp = sp_timestamp::InherentDataProvider::new(d.into());

	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}

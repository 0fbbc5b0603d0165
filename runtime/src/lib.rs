//! # CityChain runtime
//!
//! The state transition function of CityChain, the chain on which a city's departments share data
//! without giving it away. This crate is compiled twice: natively (with `std`) for tests and tools,
//! and to Wasm, which is what the chain actually executes and what a runtime upgrade replaces.
//!
//! Layout, as in well-kept polkadot-sdk runtimes:
//! - `lib.rs` (this file): primitive types, version, constants and the pallet list;
//! - [`configs`]: one `Config` implementation per pallet;
//! - [`apis`]: the runtime APIs the node and clients call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` expands into deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod council_root;
#[cfg(test)]
mod fuzz_tests;
pub mod genesis_config_presets;
pub mod invariants;
#[cfg(test)]
mod tests;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, TransactionExtension, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use configs::governance::{CouncilCollective, OversightCollective};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
pub use pallet_utility::Call as UtilityCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types. The node uses them to handle blocks and extrinsics without knowing the runtime's
/// concrete call types, so it keeps syncing across runtime upgrades that change them.
pub mod opaque {
	use super::*;
	use sp_runtime::generic;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The keys a validator registers for a session: Aura authors blocks, GRANDPA finalizes them.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's identity. Bump `spec_version` with every runtime change that is deployed, and
/// `transaction_version` whenever the encoding of an existing call or transaction extension changes.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("citychain"),
	impl_name: alloc::borrow::Cow::Borrowed("citychain-node"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The chain's token, shown by wallets and the apps UI (published as chain-spec properties).
pub const TOKEN_SYMBOL: &str = "CITY";
/// Decimal places of [`TOKEN_SYMBOL`]: one CITY is `10^12` of the smallest unit.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address prefix of CityChain accounts (`CITY` on a phone keypad). Not in the public
/// SS58 registry: register it before a public deployment.
pub const SS58_PREFIX: u16 = city_primitives::SS58_PREFIX;

/// One CITY in the smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a CITY.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a CITY.
pub const MICRO_UNIT: Balance = MILLI_UNIT / 1_000;
/// A hundredth of a CITY.
pub const CENTI_UNIT: Balance = UNIT / 100;

/// The least balance an account must hold to exist. Dust below it is removed with the account.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Target block time. Aura opens a slot every `SLOT_DURATION`; GRANDPA finalizes behind it.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// The slot duration cannot change once the chain has started without bricking block production.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute, hour and day, for durations expressed in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// The number of a block.
pub type BlockNumber = u32;
/// Signature of a transaction: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account is identified by the public key of the scheme that signs its transactions.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of CITY, in the smallest unit.
pub type Balance = u128;
/// The number of transactions an account has sent.
pub type Nonce = u32;
/// A hash (block, state root, extrinsic).
pub type Hash = sp_core::H256;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block that is signed (with justifications).
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// What every transaction carries besides its call, checked in this order.
///
/// `CheckMetadataHash` lets offline and hardware signers prove which metadata they decoded the
/// call with; it is only enforced when the runtime is built with the `metadata-hash` feature.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// The transaction extensions of a transaction from an account with the given `nonce`, valid in
/// `era` and paying `tip` on top of its fee. Wallets and the node's benchmarks build the same.
pub fn tx_extension(nonce: Nonce, era: generic::Era, tip: Balance) -> TxExtension {
	(
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(era),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// What a signature covers besides the call and the [`TxExtension`], and what the chain supplies
/// itself when it checks one: the runtime's spec and transaction versions, the genesis hash and
/// the hash of the block the era starts at (the genesis hash for an immortal transaction).
pub fn tx_implicit(
	spec_version: u32,
	transaction_version: u32,
	genesis: Hash,
	era_start: Hash,
) -> <TxExtension as TransactionExtension<RuntimeCall>>::Implicit {
	((), (), spec_version, transaction_version, genesis, era_start, (), (), (), None, ())
}

/// A transaction of `call` signed by `signer` (sr25519) over `extension` and its `implicit` data,
/// as a wallet builds it.
#[cfg(feature = "std")]
pub fn sign_transaction(
	call: RuntimeCall,
	signer: &sp_core::sr25519::Pair,
	extension: TxExtension,
	implicit: <TxExtension as TransactionExtension<RuntimeCall>>::Implicit,
) -> UncheckedExtrinsic {
	use codec::Encode;
	use sp_core::Pair;
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|p| signer.sign(p));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(signer.public().into()),
		Signature::Sr25519(signature),
		extension,
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade, besides the pallets' own.
#[allow(unused_parens)]
type Migrations = (
	pallet_departments::migrations::MigrateV1ToV2<Runtime>,
	pallet_access_grants::migrations::MigrateV1ToV2<Runtime>,
	pallet_data_assets::migrations::MigrateV1ToV2<Runtime>,
	pallet_data_assets::migrations::MigrateV2ToV3<Runtime>,
	pallet_city_codes::migrations::MigrateV1ToV2<Runtime>,
	invariants::CheckReferences,
);

/// Executive: dispatches calls to the pallets and runs their hooks.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. Indices are part of the transaction encoding: never reuse one.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Utility = pallet_utility;

	/// Bootstrap only: removed once the agency council governs the chain.
	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	/// The agency council: one seat per city agency; its motions are the chain's governance.
	#[runtime::pallet_index(10)]
	pub type Council = pallet_collective<Instance1>;

	/// The council's path to Root (runtime upgrades), by a three-quarters motion.
	#[runtime::pallet_index(11)]
	pub type CouncilRoot = council_root;

	/// The data protection oversight board: the independent second party for Restricted data,
	/// appointed by the council.
	#[runtime::pallet_index(12)]
	pub type OversightBoard = pallet_collective<Instance2>;

	// CityChain's own pallets are 20..30; 8, 9 and 13..20 are kept for further governance.

	/// The registry of city departments, their members and roles.
	#[runtime::pallet_index(20)]
	pub type Departments = pallet_departments;

	/// The catalogue of departments' data assets: content hashes, versions, classification.
	#[runtime::pallet_index(21)]
	pub type DataAssets = pallet_data_assets;

	/// Access requests, grants, revocations and the audit trail of accesses.
	#[runtime::pallet_index(22)]
	pub type AccessGrants = pallet_access_grants;

	/// City codes: one verifiable identifier for every city object.
	#[runtime::pallet_index(23)]
	pub type CityCodes = pallet_city_codes;

	/// Legal holds: records under investigation, which nothing retires, purges, transfers or
	/// downgrades until the council lifts the hold.
	#[runtime::pallet_index(24)]
	pub type LegalHolds = pallet_legal_holds;

	// After the city's pallets: genesis is built in index order, the validator set names the
	// department that runs each validator, and pallet-session asks the validator set for its
	// first validators.

	/// The validators and the city agencies that run them, changed by the council.
	#[runtime::pallet_index(30)]
	pub type ValidatorSet = pallet_validator_set;

	/// Session keys (Aura, GRANDPA) of the validators, rotated every `SessionPeriod`.
	#[runtime::pallet_index(31)]
	pub type Session = pallet_session;
}

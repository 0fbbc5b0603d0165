//! CityChain's own pallets: departments, data assets, access grants, city codes and legal
//! holds.
//!
//! Deposits are held (not spent) from the account that creates a record and come back when the
//! record ends; they make filling storage expensive without making honest use costly.

use city_primitives::RecordId;
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains},
	weights::Weight,
};
use pallet_departments::{EnsureDepartmentRole, Operators, Stewards};
use sp_runtime::Perbill;

use super::governance;
use crate::{
	AccessGrants, Balance, Balances, BlockNumber, CityCodes, DataAssets, Departments, LegalHolds,
	Runtime, RuntimeHoldReason, ValidatorSet, CENTI_UNIT, DAYS, MILLI_UNIT,
};

parameter_types! {
	/// The most a step of a department's dissolution weighs: a fifth of a block, so that idle
	/// time and `continue_dissolution` leave room for transactions, and more than the heaviest
	/// item (retiring an asset of `MaxVersions` versions).
	pub DissolutionStepWeight: Weight =
		Perbill::from_percent(20) * super::RuntimeBlockWeights::get().max_block;
	/// What an admin holds for each member it adds: ten CITY-cents, returned on removal.
	pub const MemberDeposit: Balance = 10 * CENTI_UNIT;
	/// What a Steward holds for an active data asset: half a CITY, returned on retirement.
	pub const AssetDeposit: Balance = 50 * CENTI_UNIT;
	/// And for each of its versions: a tenth of a CITY (every version stays on chain).
	pub const VersionDeposit: Balance = 10 * CENTI_UNIT;
	/// What a retired asset keeps held for good, for its tombstone record (about a fifth of the
	/// active record's bytes stay) ...
	pub const AssetTombstoneDeposit: Balance = 10 * CENTI_UNIT;
	/// ... and for each version's tombstone (content hash, size, registrant and block, and its
	/// content registration: about a third of a version's bytes).
	pub const VersionTombstoneDeposit: Balance = 3 * CENTI_UNIT;
	/// What a requesting Steward holds for an access request, carried into the grant and
	/// returned when the grant is removed: a tenth of a CITY.
	pub const AccessRecordDeposit: Balance = 10 * CENTI_UNIT;
	/// No grant lasts longer than a year.
	pub const MaxGrantDuration: BlockNumber = 365 * DAYS;
	/// The city's prefix, the first part of every city code (`BJ.TRF/DEV/000123-X`). Fixed for
	/// the life of the chain: changing it renames every code.
	pub CityPrefix: pallet_city_codes::CityLabel =
		pallet_city_codes::CityLabel::truncate_from(b"BJ".to_vec());
	/// What an issuer holds for each city code it issues: a hundredth of a CITY, returned on
	/// retirement (bulk issuance of thousands of device codes stays affordable).
	pub const CodeDeposit: Balance = 10 * MILLI_UNIT;
	/// What a retired code keeps held for good, for its tombstone (about half of the record's
	/// bytes stay: the text, name, location, parent and history).
	pub const CodeTombstoneDeposit: Balance = 5 * MILLI_UNIT;
}

/// The most items one page of any CityChain runtime API list returns: the same in every pallet,
/// so a client pages everything alike.
pub type MaxPageSize = ConstU32<100>;

impl pallet_departments::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	/// The agency council (two thirds), or Root in the `development` preset.
	type RegistrarOrigin = governance::CouncilTwoThirds;
	type MemberDeposit = MemberDeposit;
	type MaxNameLen = ConstU32<64>;
	type MaxPrefixLen = ConstU32<8>;
	type MaxMembers = ConstU32<64>;
	type MaxPageSize = MaxPageSize;
	/// What a dissolved department holds elsewhere, ended in this order: grants and requests
	/// first (while the assets they name are still the department's), then assets, codes and
	/// validators.
	type Offboarding = (AccessGrants, DataAssets, CityCodes, ValidatorSet);
	type LegalHolds = LegalHolds;
	type DissolutionStepWeight = DissolutionStepWeight;
	type WeightInfo = pallet_departments::weights::SubstrateWeight<Runtime>;
}

impl pallet_data_assets::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Departments;
	/// A Steward of an active department, for that department.
	type StewardOrigin = EnsureDepartmentRole<Runtime, Stewards>;
	/// The city's data protection oversight, as for access grants: only it lowers a
	/// Restricted asset.
	type OversightOrigin = governance::Oversight;
	type OversightBody = governance::OversightBoardMembers;
	type LegalHolds = LegalHolds;
	type AssetDeposit = AssetDeposit;
	type VersionDeposit = VersionDeposit;
	type AssetTombstoneDeposit = AssetTombstoneDeposit;
	type VersionTombstoneDeposit = VersionTombstoneDeposit;
	type MaxNameLen = ConstU32<128>;
	type MaxMediaTypeLen = ConstU32<64>;
	type MaxLocationLen = ConstU32<256>;
	type MaxTags = ConstU32<10>;
	type MaxTagLen = ConstU32<32>;
	type MaxVersions = ConstU32<1_000>;
	type MaxPageSize = MaxPageSize;
	type WeightInfo = pallet_data_assets::weights::SubstrateWeight<Runtime>;
}

impl pallet_access_grants::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Departments;
	type Assets = DataAssets;
	/// A Steward of an active department, for that department.
	type StewardOrigin = EnsureDepartmentRole<Runtime, Stewards>;
	/// A department system's key (Operator) or a Steward of an active department.
	type OperatorOrigin = EnsureDepartmentRole<Runtime, Operators>;
	/// The city's data protection oversight: half of the oversight board.
	type OversightOrigin = governance::Oversight;
	/// Its decisions count only while no board member acts for the owner or the requester.
	type OversightBody = governance::OversightBoardMembers;
	type LegalHolds = LegalHolds;
	type RecordDeposit = AccessRecordDeposit;
	type MaxPurposeLen = ConstU32<256>;
	type MaxReasonLen = ConstU32<256>;
	type MaxGrantDuration = MaxGrantDuration;
	type MaxPurge = ConstU32<32>;
	type MaxPageSize = MaxPageSize;
	/// Consumers sign their requests as they sign transactions.
	type ConsumerSignature = crate::Signature;
	/// A block interval's downloads of a busy gateway.
	type MaxServedPerCall = ConstU32<64>;
	type WeightInfo = pallet_access_grants::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CityBenchmarkHelper;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = CityBenchmarkHelper;
}

impl pallet_city_codes::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Departments;
	type Assets = DataAssets;
	type LegalHolds = LegalHolds;
	/// A department system's key (Operator) or a Steward: issue and describe codes.
	type OperatorOrigin = EnsureDepartmentRole<Runtime, Operators>;
	/// A Steward of an active department: hand over, suspend, reactivate and retire codes.
	type StewardOrigin = EnsureDepartmentRole<Runtime, Stewards>;
	/// Object classes are governed like departments: by the council (two thirds), or Root.
	type RegistrarOrigin = governance::CouncilTwoThirds;
	type CityPrefix = CityPrefix;
	type CodeDeposit = CodeDeposit;
	type CodeTombstoneDeposit = CodeTombstoneDeposit;
	type MaxNameLen = ConstU32<64>;
	type MaxAssetsPerCode = ConstU32<16>;
	type MaxBatch = ConstU32<50>;
	type MaxDepth = ConstU32<8>;
	type MaxPageSize = MaxPageSize;
	type WeightInfo = pallet_city_codes::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CityBenchmarkHelper;
}

impl pallet_legal_holds::Config for Runtime {
	/// The agency council (two thirds), or Root in the `development` preset: the same majority
	/// places and lifts a hold.
	type HoldOrigin = governance::CouncilTwoThirds;
	type Records = CityRecords;
	type MaxHolds = ConstU32<1_000>;
	type WeightInfo = pallet_legal_holds::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CityBenchmarkHelper;
}

/// The records a legal hold can name: every department, data asset and city code that exists
/// (retired ones included). One read each.
pub struct CityRecords;

impl Contains<RecordId> for CityRecords {
	fn contains(record: &RecordId) -> bool {
		match *record {
			RecordId::Department(department) => {
				pallet_departments::Departments::<Runtime>::contains_key(department)
			},
			RecordId::Asset(asset) => pallet_data_assets::Assets::<Runtime>::contains_key(asset),
			RecordId::Code(code) => pallet_city_codes::Codes::<Runtime>::contains_key(code),
		}
	}
}

/// What the benchmarks of pallets that only see `city-primitives`' traits set up through this
/// runtime's own departments and catalogue: members of fresh departments, and assets.
#[cfg(feature = "runtime-benchmarks")]
pub struct CityBenchmarkHelper;

/// Consumers' ECDSA keys, made in the benchmark's keystore: of the schemes a `MultiSignature`
/// takes, ECDSA costs the most to verify (a hash and a public-key recovery), so the measured
/// weight covers every consumer.
#[cfg(feature = "runtime-benchmarks")]
impl pallet_access_grants::RequestSigner<crate::AccountId, crate::Signature>
	for CityBenchmarkHelper
{
	fn sign(_index: u32, payload: &[u8]) -> Option<(crate::AccountId, crate::Signature)> {
		use sp_runtime::traits::IdentifyAccount;
		const KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"bnch");
		let public = sp_io::crypto::ecdsa_generate(KEY_TYPE, None);
		let signature = sp_io::crypto::ecdsa_sign(KEY_TYPE, &public, payload)?;
		Some((sp_runtime::MultiSigner::from(public).into_account(), signature.into()))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl city_primitives::BenchmarkHelper<crate::AccountId> for CityBenchmarkHelper {
	fn department_member(
		who: &crate::AccountId,
		role: city_primitives::Role,
	) -> Result<city_primitives::DepartmentId, sp_runtime::DispatchError> {
		Departments::benchmark_member(who, role)
	}

	fn asset(
		steward: &crate::AccountId,
		classification: city_primitives::Classification,
	) -> Result<city_primitives::AssetId, sp_runtime::DispatchError> {
		DataAssets::benchmark_asset(steward, classification)
	}

	fn retire_asset(
		steward: &crate::AccountId,
		asset: city_primitives::AssetId,
	) -> Result<(), sp_runtime::DispatchError> {
		DataAssets::retire_asset(crate::RuntimeOrigin::signed(steward.clone()), asset)
			.map(|_| ())
			.map_err(|error| error.error)
	}
}

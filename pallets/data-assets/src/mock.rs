//! A test runtime: System, Balances, Departments (the real registry, Root as registrar) and
//! DataAssets.

use crate as pallet_data_assets;
use crate::{ContentHash, DepartmentId, GenesisAsset, HashAlgorithm, Role};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Departments: pallet_departments,
		DataAssets: pallet_data_assets,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<1>;
}

#[derive_impl(pallet_departments::config_preludes::TestDefaultConfig)]
impl pallet_departments::Config for Test {
	type Currency = Balances;
	type RegistrarOrigin = EnsureRoot<AccountId>;
	type MemberDeposit = ConstU64<0>;
}

/// Held for every asset, on top of [`DEPOSIT_PER_VERSION`] per version.
pub const DEPOSIT_BASE: Balance = 100;
/// Held for every version of an asset.
pub const DEPOSIT_PER_VERSION: Balance = 10;
/// Kept held for a retired asset's tombstone, on top of [`TOMBSTONE_PER_VERSION`] per version.
pub const TOMBSTONE_BASE: Balance = 20;
/// Kept held for each version of a retired asset.
pub const TOMBSTONE_PER_VERSION: Balance = 3;

parameter_types! {
	pub static AssetDeposit: Balance = DEPOSIT_BASE;
	pub static VersionDeposit: Balance = DEPOSIT_PER_VERSION;
	pub static AssetTombstoneDeposit: Balance = TOMBSTONE_BASE;
	pub static VersionTombstoneDeposit: Balance = TOMBSTONE_PER_VERSION;
}

/// Longest name, in bytes.
pub const MAX_NAME_LEN: u32 = 16;
/// Longest media type, in bytes.
pub const MAX_MEDIA_TYPE_LEN: u32 = 16;
/// Longest location, in bytes.
pub const MAX_LOCATION_LEN: u32 = 32;
/// Most tags.
pub const MAX_TAGS: u32 = 3;
/// Longest tag, in bytes.
pub const MAX_TAG_LEN: u32 = 8;
/// Most versions per asset.
pub const MAX_VERSIONS: u32 = 3;
/// Most assets per runtime-API page.
pub const MAX_PAGE: u32 = 4;

parameter_types! {
	/// The oversight body's members (none by default); tests set them.
	pub static OversightMembers: Vec<AccountId> = Vec::new();
}

/// The oversight body of the mock: [`OversightMembers`].
pub struct MockOversightBody;
impl city_primitives::OversightBody<AccountId> for MockOversightBody {
	fn members() -> Vec<AccountId> {
		OversightMembers::get()
	}

	fn max_members() -> u32 {
		3
	}
}

impl pallet_data_assets::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Departments;
	type StewardOrigin =
		pallet_departments::EnsureDepartmentRole<Test, pallet_departments::Stewards>;
	type OversightOrigin = EnsureRoot<AccountId>;
	type OversightBody = MockOversightBody;
	type LegalHolds = city_primitives::TestLegalHolds;
	type AssetDeposit = AssetDeposit;
	type VersionDeposit = VersionDeposit;
	type AssetTombstoneDeposit = AssetTombstoneDeposit;
	type VersionTombstoneDeposit = VersionTombstoneDeposit;
	type MaxNameLen = ConstU32<MAX_NAME_LEN>;
	type MaxMediaTypeLen = ConstU32<MAX_MEDIA_TYPE_LEN>;
	type MaxLocationLen = ConstU32<MAX_LOCATION_LEN>;
	type MaxTags = ConstU32<MAX_TAGS>;
	type MaxTagLen = ConstU32<MAX_TAG_LEN>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxPageSize = ConstU32<MAX_PAGE>;
	type WeightInfo = ();
}

// Accounts of the default genesis.
/// Admin of Public Works (department 0).
pub const PW_ADMIN: AccountId = 1;
/// Steward of Public Works.
pub const PW_STEWARD: AccountId = 2;
/// Operator of Public Works.
pub const PW_OPERATOR: AccountId = 3;
/// A second Steward of Public Works.
pub const PW_STEWARD_2: AccountId = 4;
/// Steward of Transport (department 1).
pub const TR_STEWARD: AccountId = 5;
/// Steward of Parks (department 2).
pub const PK_STEWARD: AccountId = 6;
/// Not a member of anything.
pub const OUTSIDER: AccountId = 9;
/// Steward of Parks without funds.
pub const PAUPER: AccountId = 99;

/// Public Works, prefix `PW`.
pub const PUBLIC_WORKS: DepartmentId = 0;
/// Transport, prefix `TR`.
pub const TRANSPORT: DepartmentId = 1;
/// Parks, prefix `PK`.
pub const PARKS: DepartmentId = 2;
/// An id no department has.
pub const NO_DEPARTMENT: DepartmentId = 42;

/// Every account but [`PAUPER`] starts with this.
pub const ENDOWMENT: Balance = 1_000;

/// A Blake2-256 content hash made from `seed`, distinct for every seed.
pub fn blake(seed: &[u8]) -> ContentHash {
	ContentHash { algorithm: HashAlgorithm::Blake2_256, digest: sp_io::hashing::blake2_256(seed) }
}

/// A SHA-256 content hash made from `seed`, distinct for every seed.
pub fn sha(seed: &[u8]) -> ContentHash {
	ContentHash { algorithm: HashAlgorithm::Sha2_256, digest: sp_io::hashing::sha2_256(seed) }
}

/// A valid genesis asset of `steward` with content `blake(seed)`.
pub fn genesis_asset(steward: AccountId, seed: &[u8]) -> GenesisAsset<AccountId> {
	GenesisAsset {
		steward,
		name: b"Road works".to_vec(),
		content: blake(seed),
		size: 1_024,
		media_type: b"text/csv".to_vec(),
		classification: crate::Classification::Internal,
		location: b"https://pw.city/roadworks.csv".to_vec(),
		metadata_hash: Some(sha(b"dcat")),
		tags: vec![b"roads".to_vec()],
	}
}

/// Builds test externalities from a genesis config.
pub struct ExtBuilder {
	assets: Vec<GenesisAsset<AccountId>>,
}

impl Default for ExtBuilder {
	/// The departments and members of [`Self::build`], no assets.
	fn default() -> Self {
		Self { assets: vec![] }
	}
}

impl ExtBuilder {
	/// Replaces the genesis assets.
	pub fn assets(mut self, assets: Vec<GenesisAsset<AccountId>>) -> Self {
		self.assets = assets;
		self
	}

	/// The externalities, at block 1 so that events are recorded. Departments: Public Works
	/// (admin 1, stewards 2 and 4, operator 3), Transport (steward 5), Parks (stewards 6 and 99).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_departments::GenesisConfig::<Test> {
			departments: vec![
				(b"Public Works".to_vec(), b"PW".to_vec()),
				(b"Transport".to_vec(), b"TR".to_vec()),
				(b"Parks".to_vec(), b"PK".to_vec()),
			],
			members: vec![
				(PW_ADMIN, PUBLIC_WORKS, Role::Admin),
				(PW_STEWARD, PUBLIC_WORKS, Role::Steward),
				(PW_OPERATOR, PUBLIC_WORKS, Role::Operator),
				(PW_STEWARD_2, PUBLIC_WORKS, Role::Steward),
				(TR_STEWARD, TRANSPORT, Role::Steward),
				(PK_STEWARD, PARKS, Role::Steward),
				(PAUPER, PARKS, Role::Steward),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_data_assets::GenesisConfig::<Test> { assets: self.assets }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			DataAssets::do_try_state().expect("storage invariants hold after the test");
		});
	}
}

/// The default genesis, for the benchmark test suite.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}

/// Runs `test` on the default genesis, then checks the pallet's storage invariants.
pub fn test(test: impl FnOnce()) {
	ExtBuilder::default().build_and_execute(test)
}

/// This pallet's events so far, oldest first.
pub fn data_assets_events() -> Vec<pallet_data_assets::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::DataAssets(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The last event, which must be this pallet's.
pub fn last_event() -> pallet_data_assets::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::DataAssets(event) => event,
		other => panic!("last event is not a data-assets event: {other:?}"),
	}
}

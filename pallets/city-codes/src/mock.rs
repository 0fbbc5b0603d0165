//! A test runtime: System, Balances, the real Departments and City Codes, with Root as the
//! registrar and a small in-memory data-asset catalogue.

use crate as pallet_city_codes;
use crate::{AssetId, AssetRegistry, CityLabel, CodeId, DepartmentId, DepartmentRegistry, Role};
use city_primitives::{AssetInfo, Classification};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Departments: pallet_departments,
		CityCodes: pallet_city_codes,
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

/// Held for every code.
pub const DEPOSIT: Balance = 10;
/// What a retired code keeps on hold for its tombstone.
pub const TOMBSTONE: Balance = 4;
/// Every account from 1 to 20 starts with this.
pub const ENDOWMENT: Balance = 1_000;

parameter_types! {
	pub static CodeDeposit: Balance = DEPOSIT;
	pub static CodeTombstoneDeposit: Balance = TOMBSTONE;
	pub CityPrefix: CityLabel = CityLabel::truncate_from(b"BJ".to_vec());
}

impl pallet_city_codes::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Registry;
	type Assets = MockAssets;
	type LegalHolds = city_primitives::TestLegalHolds;
	type OperatorOrigin =
		pallet_departments::EnsureDepartmentRole<Test, pallet_departments::Operators>;
	type StewardOrigin =
		pallet_departments::EnsureDepartmentRole<Test, pallet_departments::Stewards>;
	type RegistrarOrigin = EnsureRoot<AccountId>;
	type CityPrefix = CityPrefix;
	type CodeDeposit = CodeDeposit;
	type CodeTombstoneDeposit = CodeTombstoneDeposit;
	type MaxNameLen = ConstU32<16>;
	type MaxAssetsPerCode = ConstU32<3>;
	type MaxBatch = ConstU32<4>;
	type MaxDepth = ConstU32<2>;
	type MaxPageSize = ConstU32<MAX_PAGE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// `MaxPageSize`: the most entries one page of a runtime API list holds.
pub const MAX_PAGE: u32 = 100;

/// `pallet-departments`, except that [`LONG_PREFIX`] reports a 9-character prefix, which no
/// city code can carry (`pallet-departments` could, with a `MaxPrefixLen` above 8).
pub struct Registry;

impl DepartmentRegistry<AccountId> for Registry {
	fn membership(who: &AccountId) -> Option<(DepartmentId, Role)> {
		Departments::membership(who)
	}

	fn is_active(department: DepartmentId) -> bool {
		Departments::is_active(department)
	}

	fn is_dissolving(department: DepartmentId) -> bool {
		<Departments as DepartmentRegistry<AccountId>>::is_dissolving(department)
	}

	fn prefix(department: DepartmentId) -> Option<Vec<u8>> {
		match department {
			LONG_PREFIX => Some(b"ABCDEFGHI".to_vec()),
			_ => Departments::prefix(department),
		}
	}

	fn ensure_role(who: &AccountId, roles: &[Role]) -> Result<DepartmentId, DispatchError> {
		<Departments as DepartmentRegistry<AccountId>>::ensure_role(who, roles)
	}

	fn refusal(who: &AccountId) -> DispatchError {
		<Departments as DepartmentRegistry<AccountId>>::refusal(who)
	}
}

thread_local! {
	static ASSETS: RefCell<BTreeMap<AssetId, AssetInfo>> = const { RefCell::new(BTreeMap::new()) };
}

/// A data-asset catalogue in memory, standing in for `pallet-data-assets`.
pub struct MockAssets;

impl MockAssets {
	/// Registers an asset of `owner` and returns its id (ids in registration order).
	pub fn register(owner: DepartmentId, active: bool) -> AssetId {
		ASSETS.with(|assets| {
			let mut assets = assets.borrow_mut();
			let id = assets.len() as AssetId;
			let classification = Classification::Internal;
			assets.insert(id, AssetInfo { owner, classification, active, transfers: 0 });
			id
		})
	}

	fn clear() {
		ASSETS.with(|assets| assets.borrow_mut().clear());
	}
}

impl AssetRegistry<AccountId> for MockAssets {
	fn asset_info(asset: AssetId) -> Option<AssetInfo> {
		ASSETS.with(|assets| assets.borrow().get(&asset).copied())
	}
}

/// What the benchmarks set up: members through the real departments pallet, assets in
/// [`MockAssets`].
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl city_primitives::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn department_member(who: &AccountId, role: Role) -> Result<DepartmentId, DispatchError> {
		Departments::benchmark_member(who, role)
	}

	fn asset(
		steward: &AccountId,
		_classification: Classification,
	) -> Result<AssetId, DispatchError> {
		let (department, _) =
			Departments::membership(steward).ok_or(DispatchError::Other("not a member"))?;
		Ok(MockAssets::register(department, true))
	}
}

// Departments of the default genesis.
/// Transport, prefix `TRF`.
pub const TRANSPORT: DepartmentId = 0;
/// Planning, prefix `PLN`.
pub const PLANNING: DepartmentId = 1;
/// Health, prefix `HLT`.
pub const HEALTH: DepartmentId = 2;
/// A department whose prefix (as [`Registry`] reports it) cannot be written in a code.
pub const LONG_PREFIX: DepartmentId = 3;
/// An id no department has.
pub const NO_DEPARTMENT: DepartmentId = 42;

// Accounts of the default genesis.
/// Steward of Transport.
pub const TRF_STEWARD: AccountId = 1;
/// Operator of Transport.
pub const TRF_OPERATOR: AccountId = 2;
/// Admin of Transport: may not issue codes.
pub const TRF_ADMIN: AccountId = 3;
/// Steward of Planning.
pub const PLN_STEWARD: AccountId = 4;
/// Operator of Planning.
pub const PLN_OPERATOR: AccountId = 5;
/// Steward of Health.
pub const HLT_STEWARD: AccountId = 6;
/// Steward of the department with a long prefix.
pub const LONG_STEWARD: AccountId = 7;
/// Not a member of anything.
pub const OUTSIDER: AccountId = 9;
/// Steward of Health, without funds.
pub const PAUPER: AccountId = 21;

// Object classes of the default genesis.
/// `DEV`, Device.
pub const DEV: u16 = 0;
/// `BLD`, Building.
pub const BLD: u16 = 1;
/// `ROD`, Road.
pub const ROD: u16 = 2;
/// A class id no class has.
pub const NO_CLASS: u16 = 99;

/// A code id no code has.
pub const NO_CODE: CodeId = 999;

/// A genesis code: `(issuer, class code, name, location, parent)`.
pub type GenesisCode = (AccountId, Vec<u8>, Vec<u8>, Option<(i32, i32)>, Option<CodeId>);

/// Builds test externalities from a genesis config.
pub struct ExtBuilder {
	classes: Vec<(Vec<u8>, Vec<u8>)>,
	codes: Vec<GenesisCode>,
}

impl Default for ExtBuilder {
	/// Four departments with members, classes DEV, BLD and ROD, and no codes.
	fn default() -> Self {
		Self {
			classes: vec![
				(b"DEV".to_vec(), b"Device".to_vec()),
				(b"BLD".to_vec(), b"Building".to_vec()),
				(b"ROD".to_vec(), b"Road".to_vec()),
			],
			codes: vec![],
		}
	}
}

impl ExtBuilder {
	/// Replaces the genesis classes.
	pub fn classes(mut self, classes: Vec<(&str, &str)>) -> Self {
		self.classes = classes
			.into_iter()
			.map(|(code, name)| (code.as_bytes().to_vec(), name.as_bytes().to_vec()))
			.collect();
		self
	}

	/// Replaces the genesis codes.
	pub fn codes(mut self, codes: Vec<GenesisCode>) -> Self {
		self.codes = codes;
		self
	}

	/// The externalities, at block 1 so that events are recorded.
	pub fn build(self) -> sp_io::TestExternalities {
		MockAssets::clear();
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_departments::GenesisConfig::<Test> {
			departments: vec![
				(b"Transport".to_vec(), b"TRF".to_vec()),
				(b"Planning".to_vec(), b"PLN".to_vec()),
				(b"Health".to_vec(), b"HLT".to_vec()),
				(b"Long".to_vec(), b"LONG".to_vec()),
			],
			members: vec![
				(TRF_STEWARD, TRANSPORT, Role::Steward),
				(TRF_OPERATOR, TRANSPORT, Role::Operator),
				(TRF_ADMIN, TRANSPORT, Role::Admin),
				(PLN_STEWARD, PLANNING, Role::Steward),
				(PLN_OPERATOR, PLANNING, Role::Operator),
				(HLT_STEWARD, HEALTH, Role::Steward),
				(LONG_STEWARD, LONG_PREFIX, Role::Steward),
				(PAUPER, HEALTH, Role::Steward),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_city_codes::GenesisConfig::<Test> { classes: self.classes, codes: self.codes }
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
			CityCodes::do_try_state().expect("storage invariants hold after the test");
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
pub fn city_codes_events() -> Vec<pallet_city_codes::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::CityCodes(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The last event, which must be this pallet's.
pub fn last_event() -> pallet_city_codes::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::CityCodes(event) => event,
		other => panic!("last event is not a city-codes event: {other:?}"),
	}
}

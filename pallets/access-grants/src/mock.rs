//! A test runtime: System, Balances, the real Departments pallet (whose role origins are the
//! Steward and Operator origins) and Access Grants, with Root as the oversight office and a small
//! asset catalogue ([`MockAssets`], also the benchmarks' helper) standing in for the data-asset
//! pallet.

use crate as pallet_access_grants;
use crate::{
	AssetId, AssetInfo, AssetRegistry, Classification, DepartmentId, GenesisGrant, GenesisRequest,
	Role, Scope,
};
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	storage::unhashed,
	traits::{BuildGenesisConfig, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use pallet_departments::{EnsureDepartmentRole, Operators, Stewards};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Departments: pallet_departments,
		AccessGrants: pallet_access_grants,
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

/// Held for every open request and every grant.
pub const DEPOSIT: Balance = 10;
/// `MaxGrantDuration`.
pub const MAX_DURATION: BlockNumber = 100;
/// `MaxPurge`.
pub const MAX_PURGE: u32 = 4;
/// `MaxPageSize`.
pub const MAX_PAGE: u32 = 3;

parameter_types! {
	pub static RecordDeposit: Balance = DEPOSIT;
	/// The oversight body's members (none by default); tests set them.
	pub static OversightMembers: Vec<AccountId> = Vec::new();
}

/// The most members [`MockOversightBody`] may have.
pub const MAX_OVERSIGHT_MEMBERS: u32 = 3;

/// The oversight body of the mock: [`OversightMembers`].
pub struct MockOversightBody;
impl city_primitives::OversightBody<AccountId> for MockOversightBody {
	fn members() -> Vec<AccountId> {
		OversightMembers::get()
	}

	fn max_members() -> u32 {
		MAX_OVERSIGHT_MEMBERS
	}
}

impl pallet_access_grants::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Departments = Departments;
	type Assets = MockAssets;
	type StewardOrigin = EnsureDepartmentRole<Test, Stewards>;
	type OperatorOrigin = EnsureDepartmentRole<Test, Operators>;
	type OversightOrigin = EnsureRoot<AccountId>;
	type OversightBody = MockOversightBody;
	type LegalHolds = city_primitives::TestLegalHolds;
	type RecordDeposit = RecordDeposit;
	type MaxPurposeLen = ConstU32<16>;
	type MaxReasonLen = ConstU32<16>;
	type MaxGrantDuration = ConstU64<MAX_DURATION>;
	type MaxPurge = ConstU32<MAX_PURGE>;
	type MaxPageSize = ConstU32<MAX_PAGE>;
	type ConsumerSignature = sp_runtime::testing::TestSignature;
	type MaxServedPerCall = ConstU32<MAX_SERVED>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAssets;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = MockSigner;
}

/// The most downloads one `record_served` takes in the tests.
pub const MAX_SERVED: u32 = 4;

/// A consumer's signature over `payload` in the tests: `TestSignature` is valid exactly for its
/// account and message.
pub fn consumer_signature(
	consumer: AccountId,
	payload: &[u8],
) -> sp_runtime::testing::TestSignature {
	sp_runtime::testing::TestSignature(consumer, payload.to_vec())
}

/// Signs for the benchmarks as [`consumer_signature`] does, for accounts from 10 000 on.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockSigner;

#[cfg(feature = "runtime-benchmarks")]
impl crate::RequestSigner<AccountId, sp_runtime::testing::TestSignature> for MockSigner {
	fn sign(index: u32, payload: &[u8]) -> Option<(AccountId, sp_runtime::testing::TestSignature)> {
		let consumer = 10_000 + AccountId::from(index);
		Some((consumer, consumer_signature(consumer, payload)))
	}
}

/// The asset catalogue of the tests, in unhashed storage so that every test (and every
/// benchmark) starts from its own genesis: an [`AssetInfo`] by id.
pub struct MockAssets;

const NEXT_ASSET_KEY: &[u8] = b":mock:next_asset";

fn asset_key(asset: AssetId) -> Vec<u8> {
	(b":mock:asset:", asset).encode()
}

impl MockAssets {
	/// Registers an active asset and returns its id (ids in order from 0).
	pub fn add(owner: DepartmentId, classification: Classification) -> AssetId {
		let asset: AssetId = unhashed::get_or_default(NEXT_ASSET_KEY);
		unhashed::put(NEXT_ASSET_KEY, &(asset + 1));
		let info = AssetInfo { owner, classification, active: true, transfers: 0 };
		unhashed::put(&asset_key(asset), &info);
		asset
	}

	fn update(asset: AssetId, change: impl FnOnce(&mut AssetInfo)) {
		let mut info: AssetInfo =
			unhashed::get(&asset_key(asset)).expect("the test registered the asset");
		change(&mut info);
		unhashed::put(&asset_key(asset), &info);
	}

	/// Retires an asset.
	pub fn retire(asset: AssetId) {
		Self::update(asset, |info| info.active = false);
	}

	/// Changes an asset's classification.
	pub fn reclassify(asset: AssetId, classification: Classification) {
		Self::update(asset, |info| info.classification = classification);
	}

	/// Hands an asset to another department, as an accepted transfer does: its transfer count
	/// goes up by one.
	pub fn transfer(asset: AssetId, owner: DepartmentId) {
		Self::update(asset, |info| {
			info.owner = owner;
			info.transfers += 1;
		});
	}

	/// Removes an asset from the catalogue altogether.
	pub fn remove(asset: AssetId) {
		unhashed::kill(&asset_key(asset));
	}
}

impl AssetRegistry<AccountId> for MockAssets {
	fn asset_info(asset: AssetId) -> Option<AssetInfo> {
		unhashed::get::<AssetInfo>(&asset_key(asset))
	}
}

/// The benchmarks' assets: registered in the mock catalogue for the steward's department.
#[cfg(feature = "runtime-benchmarks")]
impl city_primitives::BenchmarkHelper<AccountId> for MockAssets {
	fn department_member(
		who: &AccountId,
		role: Role,
	) -> Result<DepartmentId, sp_runtime::DispatchError> {
		Departments::benchmark_member(who, role)
	}

	fn asset(
		steward: &AccountId,
		classification: Classification,
	) -> Result<AssetId, sp_runtime::DispatchError> {
		let owner = <Departments as crate::DepartmentRegistry<AccountId>>::ensure_role(
			steward,
			&[Role::Steward],
		)?;
		Ok(Self::add(owner, classification))
	}

	fn retire_asset(_steward: &AccountId, asset: AssetId) -> Result<(), sp_runtime::DispatchError> {
		Self::retire(asset);
		Ok(())
	}
}

// Accounts of the default genesis.
/// Admin of Public Works.
pub const PW_ADMIN: AccountId = 1;
/// Steward of Public Works.
pub const PW_STEWARD: AccountId = 2;
/// Operator of Public Works.
pub const PW_OPERATOR: AccountId = 3;
/// Steward of Transport.
pub const TR_STEWARD: AccountId = 4;
/// Operator of Transport.
pub const TR_OPERATOR: AccountId = 5;
/// Admin of Transport.
pub const TR_ADMIN: AccountId = 6;
/// Steward of Health.
pub const HL_STEWARD: AccountId = 7;
/// Operator of Health.
pub const HL_OPERATOR: AccountId = 8;
/// Not a member of anything.
pub const OUTSIDER: AccountId = 9;
/// A second steward of Transport, without funds.
pub const PAUPER: AccountId = 99;

/// Public Works (`PW`): owns the test assets.
pub const PUBLIC_WORKS: DepartmentId = 0;
/// Transport (`TR`): the usual requester.
pub const TRANSPORT: DepartmentId = 1;
/// Health (`HL`): a third department.
pub const HEALTH: DepartmentId = 2;
/// An id no department has.
pub const NO_DEPARTMENT: DepartmentId = 42;

// Assets of the default genesis, in registration order.
/// Public Works' `Public` asset.
pub const PUBLIC_ASSET: AssetId = 0;
/// Public Works' `Internal` asset.
pub const INTERNAL_ASSET: AssetId = 1;
/// Public Works' `Confidential` asset.
pub const CONFIDENTIAL_ASSET: AssetId = 2;
/// Public Works' `Restricted` asset.
pub const RESTRICTED_ASSET: AssetId = 3;
/// Transport's `Internal` asset.
pub const TRANSPORT_ASSET: AssetId = 4;
/// An id no asset has.
pub const NO_ASSET: AssetId = 42;

/// Every account from 1 to 20 starts with this; [`PAUPER`] with nothing.
pub const ENDOWMENT: Balance = 1_000;

/// Builds test externalities: departments, members and assets, then this pallet's genesis.
#[derive(Default)]
pub struct ExtBuilder {
	grants: Vec<GenesisGrant<AccountId, BlockNumber>>,
	requests: Vec<GenesisRequest<AccountId, BlockNumber>>,
}

impl ExtBuilder {
	/// Adds a genesis grant.
	pub fn grant(
		mut self,
		steward: AccountId,
		asset: AssetId,
		grantee: DepartmentId,
		duration: BlockNumber,
		max_uses: Option<u32>,
	) -> Self {
		self.grants.push(GenesisGrant {
			steward,
			asset,
			grantee,
			purpose: b"genesis".to_vec(),
			scope: Scope::Read,
			duration,
			max_uses,
		});
		self
	}

	/// Adds a genesis request.
	pub fn request(mut self, steward: AccountId, asset: AssetId, purpose: &[u8]) -> Self {
		self.requests.push(GenesisRequest {
			steward,
			asset,
			purpose: purpose.to_vec(),
			scope: Scope::Query,
			duration: 10,
		});
		self
	}

	/// The externalities, at block 1 so that events are recorded.
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
				(b"Health".to_vec(), b"HL".to_vec()),
			],
			members: vec![
				(PW_ADMIN, PUBLIC_WORKS, Role::Admin),
				(PW_STEWARD, PUBLIC_WORKS, Role::Steward),
				(PW_OPERATOR, PUBLIC_WORKS, Role::Operator),
				(TR_STEWARD, TRANSPORT, Role::Steward),
				(TR_OPERATOR, TRANSPORT, Role::Operator),
				(TR_ADMIN, TRANSPORT, Role::Admin),
				(HL_STEWARD, HEALTH, Role::Steward),
				(HL_OPERATOR, HEALTH, Role::Operator),
				(PAUPER, TRANSPORT, Role::Steward),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			// The data-asset catalogue is built before this pallet's genesis, as in the runtime.
			MockAssets::add(PUBLIC_WORKS, Classification::Public);
			MockAssets::add(PUBLIC_WORKS, Classification::Internal);
			MockAssets::add(PUBLIC_WORKS, Classification::Confidential);
			MockAssets::add(PUBLIC_WORKS, Classification::Restricted);
			MockAssets::add(TRANSPORT, Classification::Internal);
			crate::GenesisConfig::<Test> { grants: self.grants, requests: self.requests }.build();
			System::set_block_number(1);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			AccessGrants::do_try_state().expect("storage invariants hold after the test");
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
pub fn access_events() -> Vec<pallet_access_grants::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::AccessGrants(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The last event, which must be this pallet's.
pub fn last_event() -> pallet_access_grants::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::AccessGrants(event) => event,
		other => panic!("last event is not an access-grants event: {other:?}"),
	}
}

/// Moves to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

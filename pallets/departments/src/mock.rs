//! A test runtime: System, Balances and Departments, with Root as the registrar.

use crate as pallet_departments;
use crate::{DepartmentId, Role};
use city_primitives::{offboarding::offboard_each, OffboardCounts, Offboarded, Offboarding};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::{Weight, WeightMeter},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use sp_runtime::{DispatchError, DispatchResult};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Departments: pallet_departments,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	/// Real database weights, so that the dissolution tests see what `on_idle` reads.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<1>;
}

/// Held from an admin for every member it adds.
pub const DEPOSIT: Balance = 10;

parameter_types! {
	pub static MemberDeposit: Balance = DEPOSIT;
	/// A step's budget: ten of [`TestOffboarding`]'s items, with room for the step itself.
	pub static DissolutionStepWeight: Weight = ITEM_WEIGHT.saturating_mul(10).saturating_add(
		<() as crate::WeightInfo>::continue_dissolution()
	);
}

/// What one item of [`TestOffboarding`] weighs: more than a member or an invitation.
pub const ITEM_WEIGHT: Weight = Weight::from_parts(500_000_000, 20_000);

std::thread_local! {
	/// How many items [`TestOffboarding`] still holds for the department being dissolved.
	static ITEMS: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
	/// How many times [`TestOffboarding::offboard`] was called.
	static ASKED: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
	/// Whether [`TestOffboarding`] refuses dissolutions.
	static REFUSE: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// The other pallets' share of a dissolution, as a count of items of [`ITEM_WEIGHT`] each
/// (counted as grants), or a refusal.
pub struct TestOffboarding;

impl TestOffboarding {
	/// Gives the department to be dissolved `items` items elsewhere.
	pub fn hold_items(items: u32) {
		ITEMS.with(|cell| cell.set(items));
	}

	/// How many items are left.
	pub fn items_left() -> u32 {
		ITEMS.with(|cell| cell.get())
	}

	/// How many times a step asked for the share.
	pub fn times_asked() -> u32 {
		ASKED.with(|cell| cell.get())
	}

	/// Makes `can_dissolve` refuse.
	pub fn refuse() {
		REFUSE.with(|cell| cell.set(true));
	}
}

/// What [`TestOffboarding`] refuses with.
pub const REFUSAL: DispatchError = DispatchError::Other("cannot end the department's share");

impl Offboarding for TestOffboarding {
	fn can_dissolve(_: DepartmentId, _: Option<DepartmentId>) -> DispatchResult {
		if REFUSE.with(|cell| cell.get()) {
			return Err(REFUSAL);
		}
		Ok(())
	}

	fn offboard(
		_department: DepartmentId,
		_successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		ASKED.with(|cell| cell.set(cell.get() + 1));
		offboard_each(
			core::iter::from_fn(|| (Self::items_left() > 0).then_some(())),
			meter,
			|_| ITEM_WEIGHT,
			|()| {
				ITEMS.with(|cell| cell.set(cell.get() - 1));
				ended.grants_ended += 1;
				Ok(None)
			},
		)
	}

	fn max_item_weight() -> Weight {
		ITEM_WEIGHT
	}
}

#[derive_impl(pallet_departments::config_preludes::TestDefaultConfig)]
impl pallet_departments::Config for Test {
	type Currency = Balances;
	type RegistrarOrigin = EnsureRoot<AccountId>;
	type MemberDeposit = MemberDeposit;
	type MaxPrefixLen = ConstU32<4>;
	type MaxMembers = ConstU32<4>;
	type Offboarding = TestOffboarding;
	type LegalHolds = city_primitives::TestLegalHolds;
	type DissolutionStepWeight = DissolutionStepWeight;
}

// Accounts of the default genesis.
/// Admin of Public Works (department 0).
pub const PW_ADMIN: AccountId = 1;
/// Steward of Public Works.
pub const PW_STEWARD: AccountId = 2;
/// Operator of Public Works.
pub const PW_OPERATOR: AccountId = 3;
/// Admin of Transport (department 1).
pub const TR_ADMIN: AccountId = 4;
/// Not a member of anything.
pub const OUTSIDER: AccountId = 9;
/// Not a member, and without funds.
pub const PAUPER: AccountId = 99;

/// Public Works, prefix `PW`.
pub const PUBLIC_WORKS: DepartmentId = 0;
/// Transport, prefix `TR`.
pub const TRANSPORT: DepartmentId = 1;
/// Parks, prefix `PK`: registered without members.
pub const PARKS: DepartmentId = 2;
/// An id no department has.
pub const NO_DEPARTMENT: DepartmentId = 42;

/// Every account but [`PAUPER`] starts with this.
pub const ENDOWMENT: Balance = 1_000;

/// Builds test externalities from a genesis config.
pub struct ExtBuilder {
	departments: Vec<(Vec<u8>, Vec<u8>)>,
	members: Vec<(AccountId, DepartmentId, Role)>,
}

impl Default for ExtBuilder {
	/// Public Works (admin 1, steward 2, operator 3), Transport (admin 4), Parks (empty).
	fn default() -> Self {
		Self {
			departments: vec![
				(b"Public Works".to_vec(), b"PW".to_vec()),
				(b"Transport".to_vec(), b"TR".to_vec()),
				(b"Parks".to_vec(), b"PK".to_vec()),
			],
			members: vec![
				(PW_ADMIN, PUBLIC_WORKS, Role::Admin),
				(PW_STEWARD, PUBLIC_WORKS, Role::Steward),
				(PW_OPERATOR, PUBLIC_WORKS, Role::Operator),
				(TR_ADMIN, TRANSPORT, Role::Admin),
			],
		}
	}
}

impl ExtBuilder {
	/// No departments and no members at genesis.
	pub fn empty() -> Self {
		Self { departments: vec![], members: vec![] }
	}

	/// Replaces the genesis departments.
	pub fn departments(mut self, departments: Vec<(&str, &str)>) -> Self {
		self.departments = departments
			.into_iter()
			.map(|(name, prefix)| (name.as_bytes().to_vec(), prefix.as_bytes().to_vec()))
			.collect();
		self
	}

	/// Replaces the genesis members.
	pub fn members(mut self, members: Vec<(AccountId, DepartmentId, Role)>) -> Self {
		self.members = members;
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
			departments: self.departments,
			members: self.members,
		}
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
			Departments::do_try_state().expect("storage invariants hold after the test");
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
pub fn departments_events() -> Vec<pallet_departments::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Departments(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The last event, which must be this pallet's.
pub fn last_event() -> pallet_departments::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::Departments(event) => event,
		other => panic!("last event is not a departments event: {other:?}"),
	}
}

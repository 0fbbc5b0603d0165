//! A test runtime: System, Balances, Departments, ValidatorSet and Session (with `UintAuthorityId`
//! keys and a key deposit), with Root as the validator origin. Declared, and so built at genesis,
//! in the order the real runtime needs: Departments, then ValidatorSet, then Session.

use crate as pallet_validator_set;
use crate::DepartmentId;
use city_primitives::Role;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
};
use frame_system::EnsureRoot;
use pallet_session::{PeriodicSessions, TestSessionHandler};
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Departments: pallet_departments,
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
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
	type MaxPrefixLen = ConstU32<4>;
	type MaxMembers = ConstU32<4>;
}

/// Blocks per session: sessions rotate at blocks 10, 20, 30, ...
pub const PERIOD: u64 = 10;
/// What pallet-session holds from an account that sets session keys.
pub const KEY_DEPOSIT: Balance = 10;

parameter_types! {
	pub const Period: u64 = PERIOD;
	pub const Offset: u64 = 0;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = PeriodicSessions<Period, Offset>;
	type NextSessionRotation = PeriodicSessions<Period, Offset>;
	type SessionManager = ValidatorSet;
	type SessionHandler = TestSessionHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<KEY_DEPOSIT>;
}

/// The fewest validators removal may leave, in the mock.
pub const MIN_VALIDATORS: u32 = 2;
/// The most validators, in the mock.
pub const MAX_VALIDATORS: u32 = 5;

impl pallet_validator_set::Config for Test {
	type ValidatorOrigin = EnsureRoot<AccountId>;
	type Departments = Departments;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Sets up the benchmarks' departments with the mock's departments pallet, as the runtime does.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl city_primitives::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn department_member(
		who: &AccountId,
		role: Role,
	) -> Result<DepartmentId, sp_runtime::DispatchError> {
		pallet_departments::Pallet::<Test>::benchmark_member(who, role)
	}
}

// Departments of every genesis, with ids in this order.
/// Public Works, runs [`V1`].
pub const PUBLIC_WORKS: DepartmentId = 0;
/// Transport, runs [`V2`].
pub const TRANSPORT: DepartmentId = 1;
/// Water, runs [`V3`].
pub const WATER: DepartmentId = 2;
/// Fire, runs no validator at genesis.
pub const FIRE: DepartmentId = 3;
/// Parks, runs no validator at genesis.
pub const PARKS: DepartmentId = 4;
/// An id no department has.
pub const NO_DEPARTMENT: DepartmentId = 42;

// Validator accounts.
/// Genesis validator of Public Works.
pub const V1: AccountId = 11;
/// Genesis validator of Transport.
pub const V2: AccountId = 12;
/// Genesis validator of Water.
pub const V3: AccountId = 13;
/// Not a validator at genesis: a candidate.
pub const C4: AccountId = 14;
/// Another candidate.
pub const C5: AccountId = 15;
/// Another candidate.
pub const C6: AccountId = 16;

/// Every account from 1 to 30 starts with this.
pub const ENDOWMENT: Balance = 1_000;

/// Builds test externalities from a genesis config.
pub struct ExtBuilder {
	validators: Vec<(AccountId, DepartmentId)>,
	session_keys: Vec<AccountId>,
	session_first: bool,
}

impl Default for ExtBuilder {
	/// Validators V1 (Public Works), V2 (Transport) and V3 (Water), each with session keys.
	fn default() -> Self {
		Self {
			validators: vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT), (V3, WATER)],
			session_keys: vec![V1, V2, V3],
			session_first: false,
		}
	}
}

impl ExtBuilder {
	/// Replaces the genesis validators, and gives each of them session keys.
	pub fn validators(mut self, validators: Vec<(AccountId, DepartmentId)>) -> Self {
		self.session_keys = validators.iter().map(|(who, _)| *who).collect();
		self.validators = validators;
		self
	}

	/// Replaces the accounts with session keys in pallet-session's genesis.
	pub fn session_keys(mut self, accounts: Vec<AccountId>) -> Self {
		self.session_keys = accounts;
		self
	}

	/// Builds pallet-session's genesis before this pallet's: the wrong order.
	pub fn session_first(mut self) -> Self {
		self.session_first = true;
		self
	}

	/// The externalities, at block 1 so that events are recorded.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=30).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_departments::GenesisConfig::<Test> {
			departments: [
				("Public Works", "PW"),
				("Transport", "TR"),
				("Water", "WA"),
				("Fire", "FI"),
				("Parks", "PK"),
			]
			.into_iter()
			.map(|(name, prefix)| (name.as_bytes().to_vec(), prefix.as_bytes().to_vec()))
			.collect(),
			members: vec![(1, PUBLIC_WORKS, Role::Admin)],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let validator_set =
			pallet_validator_set::GenesisConfig::<Test> { validators: self.validators };
		let session = pallet_session::GenesisConfig::<Test> {
			keys: self.session_keys.into_iter().map(|who| (who, who, key(who))).collect(),
			..Default::default()
		};
		if self.session_first {
			session.assimilate_storage(&mut storage).unwrap();
			validator_set.assimilate_storage(&mut storage).unwrap();
		} else {
			validator_set.assimilate_storage(&mut storage).unwrap();
			session.assimilate_storage(&mut storage).unwrap();
		}
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ValidatorSet::do_try_state().expect("storage invariants hold after the test");
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

/// `who`'s session key in the mock: its own number.
pub fn key(who: AccountId) -> UintAuthorityId {
	UintAuthorityId(who)
}

/// Goes to the next block and rotates the session there, as pallet-session's `on_initialize`
/// does at a session's last block. Returns the session that started.
pub fn rotate_session() -> sp_staking::SessionIndex {
	System::set_block_number(System::block_number() + 1);
	Session::rotate_session();
	Session::current_index()
}

/// Runs blocks up to and including `n`, with pallet-session's `on_initialize` rotating sessions
/// every [`PERIOD`] blocks.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

/// This pallet's events so far, oldest first.
pub fn validator_set_events() -> Vec<pallet_validator_set::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::ValidatorSet(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The last event, which must be this pallet's.
pub fn last_event() -> pallet_validator_set::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::ValidatorSet(event) => event,
		other => panic!("last event is not a validator-set event: {other:?}"),
	}
}

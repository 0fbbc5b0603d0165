//! A test runtime: System and LegalHolds, with Root as the hold origin and a fixed set of
//! records: departments 0 to 2, assets and codes 0 to 9.

use crate as pallet_legal_holds;
use crate::RecordId;
use frame_support::{
	derive_impl,
	traits::{ConstU32, Contains},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		LegalHolds: pallet_legal_holds,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The most holds at once, in the mock.
pub const MAX_HOLDS: u32 = 3;

/// Departments 0 to 2, assets and codes 0 to 9.
pub struct MockRecords;
impl Contains<RecordId> for MockRecords {
	fn contains(record: &RecordId) -> bool {
		match record {
			RecordId::Department(department) => *department <= 2,
			RecordId::Asset(id) | RecordId::Code(id) => *id <= 9,
		}
	}
}

/// Hands the benchmarks department 0, which exists in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl city_primitives::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn department_member(
		_who: &AccountId,
		_role: city_primitives::Role,
	) -> Result<city_primitives::DepartmentId, sp_runtime::DispatchError> {
		Ok(0)
	}
}

impl pallet_legal_holds::Config for Test {
	type HoldOrigin = EnsureRoot<AccountId>;
	type Records = MockRecords;
	type MaxHolds = ConstU32<MAX_HOLDS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// The externalities, at block 1 so that events are recorded.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` and then checks the invariants.
pub fn test(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		LegalHolds::do_try_state().unwrap();
	});
}

/// The last event deposited.
pub fn last_event() -> pallet_legal_holds::Event<Test> {
	match System::events().pop().expect("an event was deposited").event {
		RuntimeEvent::LegalHolds(event) => event,
		other => panic!("not a legal-holds event: {other:?}"),
	}
}

//! The validator set: city agencies run the validators, the council decides who they are, and
//! pallet-session applies each change at a session boundary.

use frame_support::{parameter_types, traits::ConstU32};
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use super::governance;
use crate::{
	AccountId, Balance, Balances, BlockNumber, Departments, Runtime, RuntimeEvent, SessionKeys,
	ValidatorSet, CENTI_UNIT, HOURS,
};

parameter_types! {
	/// Sessions last an hour: a validator-set change takes effect within one to two hours.
	pub const SessionPeriod: BlockNumber = HOURS;
	/// Held from an account while it has session keys registered: keeps key storage paid for.
	pub const KeyDeposit: Balance = 100 * CENTI_UNIT;
}

impl pallet_validator_set::Config for Runtime {
	/// The agency council (two thirds), or Root in the `development` preset.
	type ValidatorOrigin = governance::CouncilTwoThirds;
	type Departments = Departments;
	/// With four agencies, GRANDPA (which needs more than two thirds) survives one validator down.
	type MinValidators = ConstU32<3>;
	/// At most Aura's and GRANDPA's `MaxAuthorities`.
	type MaxValidators = ConstU32<32>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::city::CityBenchmarkHelper;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	/// Any account may register keys (before the council's decision, too); the deposit pays.
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, ConstU32<0>>;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// No slashing or disabling on this chain: a misbehaving agency is removed by the council.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

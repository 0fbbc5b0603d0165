//! Genesis configuration, and how it meets pallet-session's genesis.

use super::*;
use crate::{MinimumReached, QueuedForSession, SetChange};

#[test]
fn default_genesis_validates_from_session_zero() {
	test(|| {
		assert_eq!(
			ValidatorSet::validators(),
			vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT), (V3, WATER)]
		);
		assert!(MinimumReached::<Test>::get());
		assert_eq!(QueuedForSession::<Test>::get(), None);
		// pallet-session asked this pallet for sessions 0 and 1.
		assert_eq!(Session::current_index(), 0);
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(Session::queued_keys(), vec![(V1, key(V1)), (V2, key(V2)), (V3, key(V3))]);
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);
	});
}

#[test]
fn genesis_takes_the_validators_in_order() {
	ExtBuilder::default()
		.validators(vec![(V3, WATER), (C4, FIRE), (V1, PUBLIC_WORKS)])
		.build_and_execute(|| {
			assert_eq!(set_accounts(), vec![V3, C4, V1]);
			assert_eq!(session_validators(), vec![V3, C4, V1]);
			assert_eq!(queued_validators(), vec![V3, C4, V1]);
		});
}

#[test]
fn a_development_genesis_may_have_fewer_than_min_validators() {
	ExtBuilder::default().validators(vec![(V1, PUBLIC_WORKS)]).build_and_execute(|| {
		assert_eq!(session_validators(), vec![V1]);
		assert!(!MinimumReached::<Test>::get());
	});
}

#[test]
fn an_empty_genesis_leaves_pallet_session_its_genesis_keys() {
	ExtBuilder::default().validators(vec![]).session_keys(vec![V2, V3]).build_and_execute(|| {
		assert_eq!(ValidatorSet::validators(), vec![]);
		assert_eq!(session_validators(), vec![V2, V3]);
		assert_eq!(queued_validators(), vec![V2, V3]);
	});
}

#[test]
fn genesis_accounts_with_keys_outside_the_set_do_not_validate() {
	// Keys may be registered at genesis for a future validator: it is no authority.
	ExtBuilder::default().session_keys(vec![V1, V2, V3, C4]).build_and_execute(|| {
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
		assert!(pallet_session::NextKeys::<Test>::contains_key(C4));
	});
}

#[test]
#[should_panic(expected = "have no session keys")]
fn genesis_refuses_a_validator_without_session_keys() {
	ExtBuilder::default().session_keys(vec![V1, V3]).build();
}

#[test]
#[should_panic(expected = "declare ValidatorSet before Session")]
fn genesis_refuses_to_be_built_after_pallet_session() {
	ExtBuilder::default().session_first().build();
}

#[test]
#[should_panic(expected = "UnknownDepartment")]
fn genesis_refuses_an_unknown_department() {
	ExtBuilder::default().validators(vec![(V1, NO_DEPARTMENT)]).build();
}

#[test]
#[should_panic(expected = "AlreadyValidator")]
fn genesis_refuses_a_duplicate_validator() {
	ExtBuilder::default().validators(vec![(V1, PUBLIC_WORKS), (V1, TRANSPORT)]).build();
}

#[test]
#[should_panic(expected = "TooManyValidators")]
fn genesis_refuses_more_than_max_validators() {
	// MaxValidators = 5.
	ExtBuilder::default().validators((0..6).map(|i| (V1 + i, PUBLIC_WORKS)).collect()).build();
}

#[test]
fn genesis_config_reads_from_json() {
	// The shape a chain spec or genesis preset gives: `(account, department id)` pairs.
	let json = serde_json::json!({ "validators": [[V1, PUBLIC_WORKS], [V2, TRANSPORT]] });
	let config: crate::GenesisConfig<Test> = serde_json::from_value(json.clone()).unwrap();
	assert_eq!(config.validators, vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT)]);
	assert_eq!(serde_json::to_value(&config).unwrap(), json);
	// Unknown fields are refused rather than silently ignored.
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(serde_json::json!({
		"validators": [],
		"keys": [],
	}))
	.is_err());
}

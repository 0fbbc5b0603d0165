//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{MinimumReached, QueuedForSession, Validators, ValidatorsOf};
use codec::Encode;
use frame_support::{assert_ok, storage::unhashed};

fn broken(corrupt: impl FnOnce(), expected: &'static str) {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::do_try_state());
		corrupt();
		assert_eq!(ValidatorSet::do_try_state(), Err(expected.into()));
	});
}

fn put_set(validators: Vec<(AccountId, DepartmentId)>) {
	let set: ValidatorsOf<Test> = validators.try_into().unwrap();
	Validators::<Test>::put(set);
}

#[test]
fn holds_below_the_minimum_until_it_is_reached() {
	for validators in [vec![], vec![(V1, PUBLIC_WORKS)]] {
		ExtBuilder::default().validators(validators).build().execute_with(|| {
			assert_ok!(ValidatorSet::do_try_state());
		});
	}
}

#[test]
fn holds_while_a_set_is_queued() {
	test(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		assert_eq!(crate::mock::rotate_session(), 1);
		assert_eq!(QueuedForSession::<Test>::get(), Some(2));
		assert_ok!(ValidatorSet::do_try_state());
	});
}

#[test]
fn catches_a_duplicate_validator() {
	broken(
		|| put_set(vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT), (V1, WATER)]),
		"a validator appears twice",
	);
}

#[test]
fn catches_a_validator_of_an_unknown_department() {
	broken(
		|| put_set(vec![(V1, PUBLIC_WORKS), (V2, NO_DEPARTMENT), (V3, WATER)]),
		"validator of an unknown department",
	);
}

#[test]
fn catches_fewer_than_min_validators_once_reached() {
	broken(|| put_set(vec![(V1, PUBLIC_WORKS)]), "fewer than MinValidators validators");
}

#[test]
fn catches_more_than_max_validators() {
	broken(
		|| {
			// MaxValidators = 5: six entries do not fit the bounded type, so write them raw.
			let six: Vec<(AccountId, DepartmentId)> =
				(0..6).map(|i| (V1 + i, PUBLIC_WORKS)).collect();
			unhashed::put_raw(&Validators::<Test>::hashed_key(), &six.encode());
		},
		"more than MaxValidators validators",
	);
}

#[test]
fn catches_a_set_that_does_not_decode() {
	broken(
		|| unhashed::put_raw(&Validators::<Test>::hashed_key(), &[4, 1, 2]),
		"the validator set does not decode",
	);
}

#[test]
fn catches_a_set_queued_for_another_session() {
	broken(
		|| QueuedForSession::<Test>::put(2),
		"a set is queued for another session than the next",
	);
}

#[test]
fn catches_a_set_queued_for_the_current_session() {
	broken(
		|| QueuedForSession::<Test>::put(0),
		"a set is queued for another session than the next",
	);
}

#[test]
fn a_forgotten_minimum_is_not_an_invariant() {
	// Without the record, a set below the minimum is a development chain's: legitimate.
	ExtBuilder::default().build().execute_with(|| {
		put_set(vec![(V1, PUBLIC_WORKS)]);
		MinimumReached::<Test>::kill();
		assert_ok!(ValidatorSet::do_try_state());
	});
}

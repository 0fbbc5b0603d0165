//! The calls: `add_validator`, `remove_validator`, `set_validator_department`, each success and
//! every refusal. A candidate sets its session keys before the council adds it.

use super::*;
use crate::{Error, Event, MinimumReached, Validators};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// Suspends `department` through pallet-departments.
fn suspend(department: DepartmentId) {
	assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), department));
}

#[test]
fn add_validator_appends_to_the_set() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_eq!(
			ValidatorSet::validators(),
			vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT), (V3, WATER), (C4, FIRE)]
		);
		assert_eq!(last_event(), Event::ValidatorAdded { who: C4, department: FIRE });
		// Nothing changes in pallet-session until the next session boundary.
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
	});
}

#[test]
fn a_department_may_run_several_validators() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, PUBLIC_WORKS));
		assert_eq!(
			ValidatorSet::validators().iter().filter(|(_, d)| *d == PUBLIC_WORKS).count(),
			2
		);
	});
}

#[test]
fn add_validator_needs_the_validator_origin() {
	test(|| {
		assert_noop!(ValidatorSet::add_validator(signed(1), C4, FIRE), DispatchError::BadOrigin);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::none(), C4, FIRE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn add_validator_refuses_an_account_without_session_keys() {
	test(|| {
		assert_noop!(
			ValidatorSet::add_validator(council(), C4, FIRE),
			Error::<Test>::NoSessionKeys
		);
		// Keys set and purged again are no keys.
		set_keys(C4);
		assert_ok!(Session::purge_keys(signed(C4)));
		assert_noop!(
			ValidatorSet::add_validator(council(), C4, FIRE),
			Error::<Test>::NoSessionKeys
		);
		// Keys first, then the council adds.
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
	});
}

#[test]
fn add_validator_refuses_an_unknown_department() {
	test(|| {
		set_keys(C4);
		assert_noop!(
			ValidatorSet::add_validator(council(), C4, NO_DEPARTMENT),
			Error::<Test>::UnknownDepartment
		);
	});
}

#[test]
fn add_validator_refuses_a_suspended_department() {
	test(|| {
		set_keys(C4);
		suspend(FIRE);
		assert_noop!(
			ValidatorSet::add_validator(council(), C4, FIRE),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn add_validator_refuses_a_validator_already_in_the_set() {
	test(|| {
		assert_noop!(
			ValidatorSet::add_validator(council(), V2, FIRE),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::add_validator(council(), V2, TRANSPORT),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn add_validator_refuses_more_than_max_validators() {
	test(|| {
		// MaxValidators = 5.
		for who in [C4, C5, C6] {
			set_keys(who);
		}
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_ok!(ValidatorSet::add_validator(council(), C5, PARKS));
		assert_eq!(Validators::<Test>::get().len() as u32, MAX_VALIDATORS);
		assert_noop!(
			ValidatorSet::add_validator(council(), C6, FIRE),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn remove_validator_keeps_the_order_of_the_others() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_ok!(ValidatorSet::remove_validator(council(), V2));
		assert_eq!(ValidatorSet::validators(), vec![(V1, PUBLIC_WORKS), (V3, WATER), (C4, FIRE)]);
		assert_eq!(last_event(), Event::ValidatorRemoved { who: V2, department: TRANSPORT });
		// V2 still validates, and is still queued, until session boundaries pass.
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
	});
}

#[test]
fn remove_validator_needs_the_validator_origin() {
	test(|| {
		assert_noop!(ValidatorSet::remove_validator(signed(V1), V2), DispatchError::BadOrigin);
	});
}

#[test]
fn remove_validator_refuses_an_account_not_in_the_set() {
	test(|| {
		assert_noop!(ValidatorSet::remove_validator(council(), C4), Error::<Test>::NotValidator);
	});
}

#[test]
fn remove_validator_never_leaves_fewer_than_min_validators() {
	test(|| {
		// MinValidators = 2: three validators, so one may go, but not a second.
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		assert_eq!(Validators::<Test>::get().len() as u32, MIN_VALIDATORS);
		assert_noop!(
			ValidatorSet::remove_validator(council(), V2),
			Error::<Test>::TooFewValidators
		);
		// Replacing at the minimum: keys and addition first, then removal.
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, PUBLIC_WORKS));
		assert_ok!(ValidatorSet::remove_validator(council(), V2));
		assert_eq!(set_accounts(), vec![V3, C4]);
	});
}

#[test]
fn remove_validator_counts_only_validators_with_keys() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		// Two of the four purge their keys: only V1 and V2 would validate.
		assert_ok!(Session::purge_keys(signed(V3)));
		assert_ok!(Session::purge_keys(signed(C4)));
		assert_eq!(Validators::<Test>::get().len(), 4);
		// MinValidators = 2: removing V1 would leave one validator with keys.
		for who in [V1, V2] {
			assert_noop!(
				ValidatorSet::remove_validator(council(), who),
				Error::<Test>::TooFewValidators
			);
		}
		// Removing a validator without keys leaves the two that validate.
		assert_ok!(ValidatorSet::remove_validator(council(), V3));
		// Once C4 has keys again, it counts.
		set_keys(C4);
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		assert_eq!(set_accounts(), vec![V2, C4]);
	});
}

#[test]
fn a_set_below_the_minimum_since_genesis_only_grows() {
	// A development chain: one validator, below MinValidators = 2.
	ExtBuilder::default().validators(vec![(V1, PUBLIC_WORKS)]).build_and_execute(|| {
		assert!(!MinimumReached::<Test>::get());
		assert_noop!(
			ValidatorSet::remove_validator(council(), V1),
			Error::<Test>::TooFewValidators
		);
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert!(MinimumReached::<Test>::get());
		assert_noop!(
			ValidatorSet::remove_validator(council(), C4),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn the_minimum_is_recorded_once_reached() {
	ExtBuilder::default().validators(vec![]).build_and_execute(|| {
		assert!(!MinimumReached::<Test>::get());
		for who in [V1, V2, V3] {
			set_keys(who);
		}
		assert_ok!(ValidatorSet::add_validator(council(), V1, PUBLIC_WORKS));
		assert!(!MinimumReached::<Test>::get());
		assert_ok!(ValidatorSet::add_validator(council(), V2, TRANSPORT));
		assert!(MinimumReached::<Test>::get());
		assert_ok!(ValidatorSet::add_validator(council(), V3, WATER));
		assert_ok!(ValidatorSet::remove_validator(council(), V3));
		assert!(MinimumReached::<Test>::get());
	});
}

#[test]
fn set_validator_department_changes_only_the_department() {
	test(|| {
		assert_ok!(ValidatorSet::set_validator_department(council(), V2, FIRE));
		assert_eq!(ValidatorSet::validators(), vec![(V1, PUBLIC_WORKS), (V2, FIRE), (V3, WATER)]);
		assert_eq!(
			last_event(),
			Event::ValidatorDepartmentChanged {
				who: V2,
				old_department: TRANSPORT,
				new_department: FIRE
			}
		);
		assert_eq!(ValidatorSet::next_change(), crate::SetChange::Unchanged);
	});
}

#[test]
fn set_validator_department_counts_no_keys() {
	test(|| {
		// Only V1 and V3 have keys, the minimum: moving validators changes no count.
		assert_ok!(Session::purge_keys(signed(V2)));
		assert_ok!(ValidatorSet::set_validator_department(council(), V2, FIRE));
		assert_ok!(ValidatorSet::set_validator_department(council(), V1, PARKS));
		assert_eq!(ValidatorSet::validators(), vec![(V1, PARKS), (V2, FIRE), (V3, WATER)]);
	});
}

#[test]
fn set_validator_department_needs_the_validator_origin() {
	test(|| {
		assert_noop!(
			ValidatorSet::set_validator_department(signed(1), V2, FIRE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_validator_department_refuses_an_account_not_in_the_set() {
	test(|| {
		assert_noop!(
			ValidatorSet::set_validator_department(council(), C4, FIRE),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn set_validator_department_refuses_the_same_department() {
	test(|| {
		assert_noop!(
			ValidatorSet::set_validator_department(council(), V2, TRANSPORT),
			Error::<Test>::DepartmentUnchanged
		);
	});
}

#[test]
fn set_validator_department_refuses_an_unknown_department() {
	test(|| {
		assert_noop!(
			ValidatorSet::set_validator_department(council(), V2, NO_DEPARTMENT),
			Error::<Test>::UnknownDepartment
		);
	});
}

#[test]
fn set_validator_department_refuses_a_suspended_department() {
	test(|| {
		suspend(FIRE);
		assert_noop!(
			ValidatorSet::set_validator_department(council(), V2, FIRE),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn a_validator_stays_when_its_department_is_suspended() {
	test(|| {
		suspend(TRANSPORT);
		assert_eq!(ValidatorSet::validators()[1], (V2, TRANSPORT));
		assert_eq!(ValidatorSet::next_change(), crate::SetChange::Unchanged);
		// The council decides: it may move the validator or remove it.
		assert_ok!(ValidatorSet::remove_validator(council(), V2));
	});
}

#[test]
fn the_mock_configuration_passes_the_integrity_test() {
	use frame_support::traits::Hooks;
	<ValidatorSet as Hooks<u64>>::integrity_test();
}

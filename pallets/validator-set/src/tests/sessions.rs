//! How changes reach pallet-session: queued at the next session boundary, validating from the
//! boundary after; validators without session keys skipped until they set them.
//!
//! pallet-session, at the boundary that starts session `n`, makes the validators queued at the
//! previous boundary validate, then asks this pallet (`new_session(n + 1)`) for the set to queue
//! for session `n + 1`.

use super::*;
use crate::{Event, QueuedForSession, SetChange};
use frame_support::assert_ok;

/// This pallet's events since the last call, and forgets them.
fn take_events() -> Vec<Event<Test>> {
	let events = validator_set_events();
	System::reset_events();
	events
}

/// The `ValidatorSetQueued` event for `session`.
fn queued_event(
	session: u32,
	validators: Vec<AccountId>,
	without_keys: Vec<AccountId>,
) -> Event<Test> {
	Event::ValidatorSetQueued {
		session,
		validators: validators.try_into().unwrap(),
		without_keys: without_keys.try_into().unwrap(),
	}
}

#[test]
fn an_added_validator_is_queued_at_the_next_boundary_and_validates_from_the_one_after() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_eq!(
			ValidatorSet::next_change(),
			SetChange::Queue { with_keys: vec![V1, V2, V3, C4], without_keys: vec![] }
		);
		take_events();

		// Boundary 0 -> 1: queued for session 2, not validating yet.
		assert_eq!(rotate_session(), 1);
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(queued_validators(), vec![V1, V2, V3, C4]);
		assert_eq!(QueuedForSession::<Test>::get(), Some(2));
		assert_eq!(take_events(), vec![queued_event(2, vec![V1, V2, V3, C4], vec![])]);
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);

		// Boundary 1 -> 2: validating.
		assert_eq!(rotate_session(), 2);
		assert_eq!(session_validators(), vec![V1, V2, V3, C4]);
		assert_eq!(QueuedForSession::<Test>::get(), None);
		assert_eq!(take_events(), vec![Event::ValidatorSetApplied { session: 2 }]);

		// Nothing more to hand over.
		assert_eq!(rotate_session(), 3);
		assert_eq!(session_validators(), vec![V1, V2, V3, C4]);
		assert_eq!(take_events(), vec![]);
	});
}

#[test]
fn a_removed_validator_leaves_at_the_second_boundary() {
	test(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), V2));
		take_events();

		assert_eq!(rotate_session(), 1);
		assert_eq!(session_validators(), vec![V1, V2, V3], "still validating in session 1");
		assert_eq!(queued_validators(), vec![V1, V3]);
		assert_eq!(take_events(), vec![queued_event(2, vec![V1, V3], vec![])]);

		assert_eq!(rotate_session(), 2);
		assert_eq!(session_validators(), vec![V1, V3]);
		assert_eq!(take_events(), vec![Event::ValidatorSetApplied { session: 2 }]);
		// Its keys stay until its operator purges them, which returns the key deposit.
		assert!(pallet_session::NextKeys::<Test>::contains_key(V2));
		assert_ok!(Session::purge_keys(signed(V2)));
	});
}

#[test]
fn sessions_rotate_in_on_initialize_every_period() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_ok!(ValidatorSet::remove_validator(council(), V1));

		run_to_block(PERIOD - 1);
		assert_eq!((Session::current_index(), session_validators()), (0, vec![V1, V2, V3]));
		assert_eq!(queued_validators(), vec![V1, V2, V3]);

		run_to_block(PERIOD);
		assert_eq!((Session::current_index(), session_validators()), (1, vec![V1, V2, V3]));
		assert_eq!(queued_validators(), vec![V2, V3, C4]);

		run_to_block(2 * PERIOD - 1);
		assert_eq!((Session::current_index(), session_validators()), (1, vec![V1, V2, V3]));

		run_to_block(2 * PERIOD);
		assert_eq!((Session::current_index(), session_validators()), (2, vec![V2, V3, C4]));
		assert_eq!(
			validator_set_events()[2..],
			[queued_event(2, vec![V2, V3, C4], vec![]), Event::ValidatorSetApplied { session: 2 }]
		);
	});
}

#[test]
fn an_unchanged_set_hands_nothing_over() {
	test(|| {
		for session in 1..=3 {
			assert_eq!(rotate_session(), session);
			assert_eq!(session_validators(), vec![V1, V2, V3]);
		}
		assert_eq!(take_events(), vec![]);
		// pallet-session saw no new set either: it never announced one.
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Session(pallet_session::Event::NewQueued)
		)));
	});
}

#[test]
fn a_change_during_a_queued_session_waits_for_the_next_boundary() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_eq!(rotate_session(), 1);
		// Session 1: C4 is queued for session 2; now V1 is removed too.
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		take_events();

		assert_eq!(rotate_session(), 2);
		assert_eq!(session_validators(), vec![V1, V2, V3, C4]);
		assert_eq!(queued_validators(), vec![V2, V3, C4]);
		assert_eq!(
			take_events(),
			vec![
				Event::ValidatorSetApplied { session: 2 },
				queued_event(3, vec![V2, V3, C4], vec![]),
			]
		);

		assert_eq!(rotate_session(), 3);
		assert_eq!(session_validators(), vec![V2, V3, C4]);
		assert_eq!(take_events(), vec![Event::ValidatorSetApplied { session: 3 }]);
	});
}

#[test]
fn a_validator_without_keys_is_skipped_until_it_sets_them() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		// C4's operator purges its keys before the boundary.
		assert_ok!(Session::purge_keys(signed(C4)));
		// pallet-session would drop C4 anyway: nothing to hand over.
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);
		take_events();

		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
		assert_eq!(take_events(), vec![]);

		// Its operator sets keys during session 1: queued at the next boundary.
		set_keys(C4);
		assert_eq!(
			ValidatorSet::next_change(),
			SetChange::Queue { with_keys: vec![V1, V2, V3, C4], without_keys: vec![] }
		);
		assert_eq!(rotate_session(), 2);
		assert_eq!(queued_validators(), vec![V1, V2, V3, C4]);
		assert_eq!(take_events(), vec![queued_event(3, vec![V1, V2, V3, C4], vec![])]);

		assert_eq!(rotate_session(), 3);
		assert_eq!(session_validators(), vec![V1, V2, V3, C4]);
	});
}

#[test]
fn a_queued_set_names_the_validators_without_keys() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_ok!(Session::purge_keys(signed(C4)));
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		take_events();

		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V2, V3]);
		assert_eq!(take_events(), vec![queued_event(2, vec![V2, V3], vec![C4])]);
	});
}

#[test]
fn a_validator_that_purges_its_keys_drops_out_and_returns_when_it_sets_them() {
	test(|| {
		assert_ok!(Session::purge_keys(signed(V3)));
		// pallet-session drops V3 by itself at the next boundary: nothing to hand over.
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);

		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V1, V2]);
		assert_eq!(rotate_session(), 2);
		assert_eq!(session_validators(), vec![V1, V2]);
		assert_eq!(take_events(), vec![]);
		// Still in the set: only its keys are missing.
		assert_eq!(set_accounts(), vec![V1, V2, V3]);

		set_keys(V3);
		assert_eq!(rotate_session(), 3);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
		assert_eq!(take_events(), vec![queued_event(4, vec![V1, V2, V3], vec![])]);
		assert_eq!(rotate_session(), 4);
		assert_eq!(session_validators(), vec![V1, V2, V3]);
	});
}

#[test]
fn new_session_keys_need_no_change_of_the_set() {
	test(|| {
		// V1 rotates its keys: pallet-session queues the new ones by itself.
		assert_ok!(Session::set_keys(
			signed(V1),
			sp_runtime::testing::UintAuthorityId(111),
			vec![]
		));
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);
		assert_eq!(rotate_session(), 1);
		assert_eq!(
			Session::queued_keys(),
			vec![(V1, sp_runtime::testing::UintAuthorityId(111)), (V2, key(V2)), (V3, key(V3))]
		);
		assert_eq!(take_events(), vec![]);
	});
}

#[test]
fn a_set_without_any_keys_is_not_queued() {
	test(|| {
		// The council replaces every validator, whose successors then purge their keys.
		for (who, department) in [(C4, FIRE), (C5, PARKS)] {
			set_keys(who);
			assert_ok!(ValidatorSet::add_validator(council(), who, department));
		}
		for who in [V1, V2, V3] {
			assert_ok!(ValidatorSet::remove_validator(council(), who));
		}
		for who in [C4, C5] {
			assert_ok!(Session::purge_keys(signed(who)));
		}
		assert_eq!(ValidatorSet::next_change(), SetChange::NoKeys);
		take_events();

		// Queueing nobody would stop block production: the current validators carry on.
		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V1, V2, V3]);
		assert_eq!(take_events(), vec![Event::NoValidatorHasKeys { session: 2 }]);
		assert_eq!(rotate_session(), 2);
		assert_eq!(session_validators(), vec![V1, V2, V3]);
		assert_eq!(take_events(), vec![Event::NoValidatorHasKeys { session: 3 }]);

		// As soon as one has keys, the set (of those with keys) is queued.
		set_keys(C5);
		assert_eq!(rotate_session(), 3);
		assert_eq!(queued_validators(), vec![C5]);
		assert_eq!(take_events(), vec![queued_event(4, vec![C5], vec![C4])]);
	});
}

#[test]
fn an_empty_set_leaves_pallet_session_alone() {
	// As when the pallet joins a running chain: pallet-session has validators of its own.
	ExtBuilder::default().validators(vec![]).session_keys(vec![V1, V2]).build_and_execute(|| {
		assert_eq!(session_validators(), vec![V1, V2]);
		assert_eq!(ValidatorSet::next_change(), SetChange::Unmanaged);
		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V1, V2]);

		// The council takes over by adding the running validators: nothing changes.
		assert_ok!(ValidatorSet::add_validator(council(), V1, PUBLIC_WORKS));
		assert_ok!(ValidatorSet::add_validator(council(), V2, TRANSPORT));
		assert_eq!(ValidatorSet::next_change(), SetChange::Unchanged);
		assert_eq!(rotate_session(), 2);
		assert_eq!(queued_validators(), vec![V1, V2]);
		assert_eq!(take_events().len(), 2, "only the two ValidatorAdded");
	});
}

#[test]
fn the_order_of_the_set_is_the_order_of_the_queue() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, FIRE));
		assert_ok!(ValidatorSet::remove_validator(council(), V1));
		assert_ok!(ValidatorSet::add_validator(council(), V1, PUBLIC_WORKS));
		assert_eq!(set_accounts(), vec![V2, V3, C4, V1]);
		assert_eq!(rotate_session(), 1);
		assert_eq!(queued_validators(), vec![V2, V3, C4, V1]);
	});
}

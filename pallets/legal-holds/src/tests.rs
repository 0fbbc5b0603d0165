//! Placing and lifting holds, and what the other pallets read from them.

use crate::{mock::*, Error, Event, Hold, Holds, LegalHolds as _, RecordId};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::DispatchError;

const CASE: H256 = H256::repeat_byte(7);
const ASSET: RecordId = RecordId::Asset(3);
const CODE: RecordId = RecordId::Code(4);
const TRANSPORT: RecordId = RecordId::Department(1);

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

#[test]
fn a_hold_is_placed_read_and_lifted_with_its_case() {
	test(|| {
		assert!(!LegalHolds::is_held(ASSET));
		assert_ok!(LegalHolds::place_hold(root(), ASSET, CASE));
		assert_eq!(last_event(), Event::HoldPlaced { record: ASSET, case: CASE });
		assert_eq!(Holds::<Test>::get(ASSET), Some(Hold { case: CASE, placed_at: 1 }));
		assert!(LegalHolds::is_held(ASSET));
		assert!(!LegalHolds::is_held(CODE));

		System::set_block_number(5);
		assert_ok!(LegalHolds::lift_hold(root(), ASSET));
		assert_eq!(last_event(), Event::HoldLifted { record: ASSET, case: CASE, placed_at: 1 });
		assert!(!LegalHolds::is_held(ASSET));
		// Lifted, it may be held again, for another case.
		assert_ok!(LegalHolds::place_hold(root(), ASSET, H256::repeat_byte(8)));
	});
}

#[test]
fn a_department_hold_covers_what_it_owns_or_is_party_to() {
	test(|| {
		assert_ok!(LegalHolds::place_hold(root(), TRANSPORT, CASE));
		// An asset of Transport's, or a grant Transport is party to.
		assert!(LegalHolds::asset_held(3, &[1]));
		assert!(LegalHolds::asset_held(3, &[0, 1]));
		assert!(!LegalHolds::asset_held(3, &[0, 2]));
		assert!(LegalHolds::code_held(4, 1));
		assert!(!LegalHolds::code_held(4, 0));

		assert_ok!(LegalHolds::place_hold(root(), CODE, CASE));
		assert!(LegalHolds::code_held(4, 0));
		assert!(!LegalHolds::code_held(5, 0));
	});
}

#[test]
fn place_hold_errors() {
	test(|| {
		assert_noop!(
			LegalHolds::place_hold(RuntimeOrigin::signed(1), ASSET, CASE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LegalHolds::place_hold(root(), RecordId::Asset(10), CASE),
			Error::<Test>::UnknownRecord
		);
		assert_noop!(
			LegalHolds::place_hold(root(), RecordId::Department(3), CASE),
			Error::<Test>::UnknownRecord
		);
		assert_ok!(LegalHolds::place_hold(root(), ASSET, CASE));
		assert_noop!(LegalHolds::place_hold(root(), ASSET, CASE), Error::<Test>::AlreadyHeld);
		assert_ok!(LegalHolds::place_hold(root(), CODE, CASE));
		assert_ok!(LegalHolds::place_hold(root(), TRANSPORT, CASE));
		assert_eq!(Holds::<Test>::count(), MAX_HOLDS);
		assert_noop!(
			LegalHolds::place_hold(root(), RecordId::Code(5), CASE),
			Error::<Test>::TooManyHolds
		);
	});
}

#[test]
fn lift_hold_errors() {
	test(|| {
		assert_noop!(LegalHolds::lift_hold(root(), ASSET), Error::<Test>::NotHeld);
		assert_ok!(LegalHolds::place_hold(root(), ASSET, CASE));
		assert_noop!(
			LegalHolds::lift_hold(RuntimeOrigin::signed(1), ASSET),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_invariants_catch_a_broken_counter_and_an_unknown_record() {
	new_test_ext().execute_with(|| {
		assert_ok!(LegalHolds::place_hold(root(), ASSET, CASE));
		assert_ok!(LegalHolds::do_try_state());
		Holds::<Test>::insert(RecordId::Asset(42), Hold { case: CASE, placed_at: 1 });
		assert_eq!(LegalHolds::do_try_state(), Err("a held record does not exist".into()));
		Holds::<Test>::remove(RecordId::Asset(42));
		assert_ok!(LegalHolds::do_try_state());
		Holds::<Test>::insert(CODE, Hold { case: CASE, placed_at: 2 });
		assert_eq!(LegalHolds::do_try_state(), Err("a hold placed in the future".into()));
	});
}

//! Updating, suspending, reactivating and retiring codes.

use super::*;
use crate::{CodeStatus, Deposit, Error, Event, LastSerial};
use frame_support::{
	assert_noop,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
	},
};
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

// ---- update_code ----

#[test]
fn the_owner_updates_name_location_and_attributes() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let location = Some(tiananmen());
		assert_ok!(CityCodes::update_code(
			signed(TRF_OPERATOR),
			code,
			name("Signal 7"),
			location,
			Some([2; 32])
		));
		let updated = record(code);
		assert_eq!(
			(updated.name, updated.location, updated.attributes),
			(name("Signal 7"), location, Some([2; 32]))
		);
		assert_eq!(last_event(), Event::CodeUpdated { code });
		// And may clear location and attributes.
		assert_ok!(CityCodes::update_code(signed(TRF_STEWARD), code, name("Signal 7"), None, None));
		assert_eq!((record(code).location, record(code).attributes), (None, None));
		// The text never changes.
		assert!(text(code).starts_with("BJ.TRF/DEV/000001-"));
	});
}

#[test]
fn update_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let update = |who, code| CityCodes::update_code(signed(who), code, name("X"), None, None);
		assert_noop!(
			CityCodes::update_code(RuntimeOrigin::none(), code, name("X"), None, None),
			DispatchError::BadOrigin
		);
		assert_noop!(update(TRF_ADMIN, code), DepartmentsError::RoleNotAllowed);
		assert_noop!(update(OUTSIDER, code), DepartmentsError::NotMember);
		assert_noop!(update(PLN_STEWARD, code), Error::<Test>::NotOwner);
		assert_noop!(update(TRF_STEWARD, NO_CODE), Error::<Test>::UnknownCode);
		assert_noop!(
			CityCodes::update_code(signed(TRF_STEWARD), code, name(""), None, None),
			Error::<Test>::InvalidName
		);
		let far = Some(Location { latitude: 91_000_000, longitude: 0 });
		assert_noop!(
			CityCodes::update_code(signed(TRF_STEWARD), code, name("X"), far, None),
			Error::<Test>::InvalidLocation
		);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_noop!(update(TRF_STEWARD, code), Error::<Test>::CodeSuspended);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(update(TRF_STEWARD, code), Error::<Test>::CodeRetired);
	});
}

// ---- suspend_code, reactivate_code ----

#[test]
fn a_steward_suspends_and_reactivates() {
	test(|| {
		let code = issue(TRF_OPERATOR, DEV);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_eq!(record(code).status, CodeStatus::Suspended);
		assert_eq!(last_event(), Event::CodeSuspended { code });
		// The deposit stays held.
		assert_eq!(held(TRF_OPERATOR), DEPOSIT);

		assert_ok!(CityCodes::reactivate_code(signed(TRF_STEWARD), code));
		assert_eq!(record(code).status, CodeStatus::Active);
		assert_eq!(last_event(), Event::CodeReactivated { code });
	});
}

#[test]
fn suspend_and_reactivate_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_noop!(
			CityCodes::suspend_code(signed(TRF_OPERATOR), code),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(
			CityCodes::suspend_code(RuntimeOrigin::none(), code),
			DispatchError::BadOrigin
		);
		assert_noop!(CityCodes::suspend_code(signed(PLN_STEWARD), code), Error::<Test>::NotOwner);
		assert_noop!(
			CityCodes::suspend_code(signed(TRF_STEWARD), NO_CODE),
			Error::<Test>::UnknownCode
		);
		assert_noop!(
			CityCodes::reactivate_code(signed(TRF_STEWARD), code),
			Error::<Test>::NotSuspended
		);
		assert_noop!(
			CityCodes::reactivate_code(signed(TRF_OPERATOR), code),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(
			CityCodes::reactivate_code(signed(PLN_STEWARD), code),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			CityCodes::reactivate_code(signed(TRF_STEWARD), NO_CODE),
			Error::<Test>::UnknownCode
		);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_noop!(
			CityCodes::suspend_code(signed(TRF_STEWARD), code),
			Error::<Test>::AlreadySuspended
		);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(
			CityCodes::suspend_code(signed(TRF_STEWARD), code),
			Error::<Test>::CodeRetired
		);
		assert_noop!(
			CityCodes::reactivate_code(signed(TRF_STEWARD), code),
			Error::<Test>::CodeRetired
		);
	});
}

// ---- retire_code ----

#[test]
fn retiring_shrinks_the_code_to_a_tombstone_and_releases_the_rest_of_the_deposit() {
	test(|| {
		let code = issue(TRF_OPERATOR, DEV);
		let asset = MockAssets::register(TRANSPORT, true);
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, asset));
		assert_ok!(CityCodes::update_code(
			signed(TRF_STEWARD),
			code,
			name("Thing"),
			Some(tiananmen()),
			Some([7; 32])
		));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		let retired = record(code);
		let kept = Deposit { depositor: TRF_OPERATOR, amount: TOMBSTONE };
		assert_eq!((retired.status, retired.deposit), (CodeStatus::Retired, Some(kept.clone())));
		// The tombstone keeps what the code's page shows; links and attributes go.
		assert_eq!((retired.name, retired.location), (name("Thing"), Some(tiananmen())));
		assert_eq!((retired.assets.len(), retired.attributes), (0, None));
		assert_eq!(held(TRF_OPERATOR), TOMBSTONE);
		assert_eq!(Balances::free_balance(TRF_OPERATOR), ENDOWMENT - TOMBSTONE);
		assert_eq!(
			last_event(),
			Event::CodeRetired {
				code,
				released: Some(Deposit { depositor: TRF_OPERATOR, amount: DEPOSIT - TOMBSTONE }),
				kept: Some(kept),
			}
		);
	});
}

#[test]
fn a_retired_code_is_never_reissued() {
	test(|| {
		let first = issue(TRF_STEWARD, DEV);
		let first_text = text(first);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), first));
		let second = issue(TRF_STEWARD, DEV);
		assert_eq!(record(second).serial, 2);
		assert_ne!(text(second), first_text);
		assert_eq!(LastSerial::<Test>::get((TRANSPORT, DEV)), 2);
	});
}

#[test]
fn a_suspended_code_may_be_retired_and_its_offer_is_dropped() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_eq!(record(code).transfer_to, None);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::NoTransferOffered
		);
	});
}

#[test]
fn children_keep_a_retired_parent() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		let device = issue_under(TRF_STEWARD, DEV, Some(building));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), building));
		assert_eq!(record(device).parent, Some(building));
		assert_eq!(record(device).status, CodeStatus::Active);
		assert_eq!(CityCodes::children(building, None, 10).items.len(), 1);
	});
}

#[test]
fn release_is_best_effort_after_a_slash() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(Balances::burn_held(
			&crate::HoldReason::CodeDeposit.into(),
			&TRF_STEWARD,
			4,
			Precision::Exact,
			Fortitude::Force
		));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_eq!(
			last_event(),
			Event::CodeRetired {
				code,
				released: Some(Deposit { depositor: TRF_STEWARD, amount: DEPOSIT - 4 - TOMBSTONE }),
				kept: Some(Deposit { depositor: TRF_STEWARD, amount: TOMBSTONE }),
			}
		);
		// What is kept is really held.
		assert_eq!(held(TRF_STEWARD), TOMBSTONE);
	});
}

#[test]
fn retire_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_noop!(CityCodes::retire_code(RuntimeOrigin::none(), code), DispatchError::BadOrigin);
		assert_noop!(
			CityCodes::retire_code(signed(TRF_OPERATOR), code),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(CityCodes::retire_code(signed(PLN_STEWARD), code), Error::<Test>::NotOwner);
		assert_noop!(
			CityCodes::retire_code(signed(TRF_STEWARD), NO_CODE),
			Error::<Test>::UnknownCode
		);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(CityCodes::retire_code(signed(TRF_STEWARD), code), Error::<Test>::CodeRetired);
	});
}

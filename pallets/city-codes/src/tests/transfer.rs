//! Transferring codes between departments: offer, accept, withdraw or decline.

use super::*;
use crate::{DepartmentCodes, Deposit, Error, Event};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

#[test]
fn an_accepted_transfer_moves_ownership_and_deposit_but_not_the_name() {
	test(|| {
		let code = issue(TRF_OPERATOR, DEV);
		let before = text(code);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		assert_eq!(record(code).transfer_to, Some(PLANNING));
		assert_eq!(last_event(), Event::TransferOffered { code, from: TRANSPORT, to: PLANNING });
		// Nothing moves until Planning accepts.
		assert_eq!(record(code).owner, TRANSPORT);

		assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), code));
		let after = record(code);
		assert_eq!((after.owner, after.issuer, after.transfer_to), (PLANNING, TRANSPORT, None));
		assert_eq!(after.deposit, Some(Deposit { depositor: PLN_STEWARD, amount: DEPOSIT }));
		assert_eq!((held(TRF_OPERATOR), held(PLN_STEWARD)), (0, DEPOSIT));
		assert_eq!(
			last_event(),
			Event::CodeTransferred {
				code,
				from: TRANSPORT,
				to: PLANNING,
				deposit: Some(Deposit { depositor: PLN_STEWARD, amount: DEPOSIT }),
				released: Some(Deposit { depositor: TRF_OPERATOR, amount: DEPOSIT }),
			}
		);
		assert!(!DepartmentCodes::<Test>::contains_key(TRANSPORT, code));
		assert!(DepartmentCodes::<Test>::contains_key(PLANNING, code));
		// A code is a name, not an owner: the text keeps Transport's prefix.
		assert_eq!(text(code), before);
		assert!(before.starts_with("BJ.TRF/"));

		// The new owner manages it; the old one no longer does.
		assert_ok!(CityCodes::update_code(signed(PLN_OPERATOR), code, name("Moved"), None, None));
		assert_noop!(CityCodes::suspend_code(signed(TRF_STEWARD), code), Error::<Test>::NotOwner);
		// Transport's next code of the class keeps counting its own serials.
		assert!(text(issue(TRF_STEWARD, DEV)).starts_with("BJ.TRF/DEV/000002-"));
	});
}

#[test]
fn one_offer_at_a_time_which_the_owner_withdraws_or_the_recipient_declines() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		// A second offer does not silently replace the first.
		assert_noop!(
			CityCodes::offer_transfer(signed(TRF_STEWARD), code, HEALTH),
			Error::<Test>::TransferAlreadyOffered
		);
		assert_ok!(CityCodes::cancel_transfer(signed(TRF_STEWARD), code));
		assert_eq!(last_event(), Event::TransferCancelled { code, to: PLANNING, by: TRANSPORT });
		assert_eq!(record(code).transfer_to, None);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::NoTransferOffered
		);

		// The recipient declines.
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, HEALTH));
		assert_ok!(CityCodes::cancel_transfer(signed(HLT_STEWARD), code));
		assert_eq!(last_event(), Event::TransferCancelled { code, to: HEALTH, by: HEALTH });
		assert_eq!(record(code).transfer_to, None);
		assert_eq!(record(code).owner, TRANSPORT);
	});
}

#[test]
fn retiring_a_code_withdraws_its_offer_with_an_event() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		let events = city_codes_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::TransferCancelled { code, to: PLANNING, by: TRANSPORT },
				Event::CodeRetired {
					code,
					released: Some(Deposit { depositor: TRF_STEWARD, amount: DEPOSIT - TOMBSTONE }),
					kept: Some(Deposit { depositor: TRF_STEWARD, amount: TOMBSTONE }),
				},
			]
		);
		assert_eq!(record(code).transfer_to, None);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::NoTransferOffered
		);
	});
}

#[test]
fn a_code_in_a_hierarchy_is_not_transferred() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		let light = issue_under(TRF_STEWARD, DEV, Some(building));
		// Neither the parent nor the child leaves Transport: the other department could
		// retire the parent under Transport's child, or the child under Transport's parent.
		assert_noop!(
			CityCodes::offer_transfer(signed(TRF_STEWARD), building, PLANNING),
			Error::<Test>::CodeHasChildren
		);
		assert_noop!(
			CityCodes::offer_transfer(signed(TRF_STEWARD), light, PLANNING),
			Error::<Test>::CodeHasParent
		);
		// Retired children still name their parent.
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), light));
		assert_noop!(
			CityCodes::offer_transfer(signed(TRF_STEWARD), building, PLANNING),
			Error::<Test>::CodeHasChildren
		);
	});
}

#[test]
fn a_child_issued_after_the_offer_stops_the_transfer() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), building, PLANNING));
		issue_under(TRF_STEWARD, DEV, Some(building));
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), building),
			Error::<Test>::CodeHasChildren
		);
		assert_ok!(CityCodes::cancel_transfer(signed(PLN_STEWARD), building));
	});
}

#[test]
fn offer_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let offer = |who, code, to| CityCodes::offer_transfer(signed(who), code, to);
		assert_noop!(
			CityCodes::offer_transfer(RuntimeOrigin::none(), code, PLANNING),
			DispatchError::BadOrigin
		);
		assert_noop!(offer(TRF_OPERATOR, code, PLANNING), DepartmentsError::RoleNotAllowed);
		assert_noop!(offer(PLN_STEWARD, code, HEALTH), Error::<Test>::NotOwner);
		assert_noop!(offer(TRF_STEWARD, NO_CODE, PLANNING), Error::<Test>::UnknownCode);
		assert_noop!(offer(TRF_STEWARD, code, TRANSPORT), Error::<Test>::SameDepartment);
		assert_noop!(offer(TRF_STEWARD, code, NO_DEPARTMENT), Error::<Test>::RecipientInactive);
		assert_ok!(Departments::suspend_department(registrar(), PLANNING));
		assert_noop!(offer(TRF_STEWARD, code, PLANNING), Error::<Test>::RecipientInactive);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_noop!(offer(TRF_STEWARD, code, HEALTH), Error::<Test>::CodeSuspended);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(offer(TRF_STEWARD, code, HEALTH), Error::<Test>::CodeRetired);
	});
}

#[test]
fn cancel_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_noop!(
			CityCodes::cancel_transfer(RuntimeOrigin::none(), code),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CityCodes::cancel_transfer(signed(TRF_STEWARD), code),
			Error::<Test>::NoTransferOffered
		);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		assert_noop!(
			CityCodes::cancel_transfer(signed(TRF_OPERATOR), code),
			DepartmentsError::RoleNotAllowed
		);
		// A third department is no party to the offer.
		assert_noop!(
			CityCodes::cancel_transfer(signed(HLT_STEWARD), code),
			Error::<Test>::NotPartyToTransfer
		);
		assert_noop!(
			CityCodes::cancel_transfer(signed(TRF_STEWARD), NO_CODE),
			Error::<Test>::UnknownCode
		);
	});
}

#[test]
fn accept_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_noop!(
			CityCodes::accept_transfer(RuntimeOrigin::none(), code),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), NO_CODE),
			Error::<Test>::UnknownCode
		);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::NoTransferOffered
		);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, HEALTH));
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::NotRecipient
		);
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_OPERATOR), code),
			DepartmentsError::RoleNotAllowed
		);
		// Health's steward without funds cannot pay the deposit.
		assert_noop!(
			CityCodes::accept_transfer(signed(PAUPER), code),
			Error::<Test>::CannotHoldDeposit
		);
		// The offering department is suspended.
		assert_ok!(Departments::suspend_department(registrar(), TRANSPORT));
		assert_noop!(
			CityCodes::accept_transfer(signed(HLT_STEWARD), code),
			Error::<Test>::OwnerSuspended
		);
		assert_ok!(Departments::reactivate_department(registrar(), TRANSPORT));
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_noop!(
			CityCodes::accept_transfer(signed(HLT_STEWARD), code),
			Error::<Test>::CodeSuspended
		);
		assert_ok!(Departments::suspend_department(registrar(), HEALTH));
		assert_noop!(
			CityCodes::accept_transfer(signed(HLT_STEWARD), code),
			DepartmentsError::DepartmentSuspended
		);
	});
}

#[test]
fn a_suspended_department_hands_over_nothing_until_reactivated() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let asset = MockAssets::register(TRANSPORT, true);
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, asset));
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));

		// The offer was made while Transport was active; suspending it freezes the offer.
		assert_ok!(Departments::suspend_department(registrar(), TRANSPORT));
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), code),
			Error::<Test>::OwnerSuspended
		);
		let frozen = record(code);
		assert_eq!((frozen.owner, frozen.assets.to_vec()), (TRANSPORT, vec![asset]));
		assert_eq!((held(TRF_STEWARD), held(PLN_STEWARD)), (DEPOSIT, 0));

		// Once reactivated, the pending offer may be accepted, linked assets included.
		assert_ok!(Departments::reactivate_department(registrar(), TRANSPORT));
		assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), code));
		assert_eq!(record(code).owner, PLANNING);
		assert_eq!(record(code).assets.to_vec(), vec![asset]);
	});
}

#[test]
fn a_transfer_of_a_genesis_code_holds_a_deposit_and_releases_none() {
	ExtBuilder::default()
		.codes(vec![(TRF_STEWARD, b"BLD".to_vec(), b"Depot".to_vec(), None, None)])
		.build_and_execute(|| {
			assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), 0, PLANNING));
			assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), 0));
			assert!(matches!(last_event(), Event::CodeTransferred { released: None, .. }));
			assert_eq!(held(PLN_STEWARD), DEPOSIT);
		});
}

#[test]
fn a_held_code_is_not_retired_or_transferred() {
	use city_primitives::{RecordId, TestLegalHolds};
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let other = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), other, PLANNING));
		TestLegalHolds::place(RecordId::Code(code));
		assert_noop!(
			CityCodes::retire_code(signed(TRF_STEWARD), code),
			Error::<Test>::UnderLegalHold
		);
		assert_noop!(
			CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING),
			Error::<Test>::UnderLegalHold
		);
		// Everything else goes on: it is updated, suspended and reactivated.
		assert_ok!(CityCodes::update_code(signed(TRF_OPERATOR), code, name("Held"), None, None));
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_ok!(CityCodes::reactivate_code(signed(TRF_STEWARD), code));

		// A hold on Transport covers its other code, and stops the offer made before it.
		TestLegalHolds::place(RecordId::Department(TRANSPORT));
		assert_noop!(
			CityCodes::accept_transfer(signed(PLN_STEWARD), other),
			Error::<Test>::UnderLegalHold
		);
		assert_noop!(
			CityCodes::retire_code(signed(TRF_STEWARD), other),
			Error::<Test>::UnderLegalHold
		);
		TestLegalHolds::lift(RecordId::Department(TRANSPORT));
		TestLegalHolds::lift(RecordId::Code(code));
		assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), other));
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
	});
}

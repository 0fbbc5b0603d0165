//! `update_asset`: appending versions, the history, the deposit taken over, and every refusal.

use super::*;
use crate::{Assets, ContentRegistrations, Deposit, Error, Event, VersionRecord, Versions};
use frame_support::traits::fungible::MutateHold;
use frame_support::{
	assert_noop,
	traits::tokens::{Fortitude, Precision},
};
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

#[test]
fn update_appends_a_version_and_keeps_the_history() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		System::set_block_number(5);
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));

		let record = Assets::<Test>::get(asset).unwrap();
		assert_eq!(record.latest_version, 2);
		assert_eq!(
			Versions::<Test>::get(asset, 2),
			Some(VersionRecord {
				content: blake(b"v2"),
				size: 2_048,
				location: location(b"https://pw.city/v"),
				registered_by: PW_STEWARD,
				registered_at: 5,
			})
		);
		// Version 1 is untouched and still found by its content.
		let first = Versions::<Test>::get(asset, 1).unwrap();
		assert_eq!((first.content, first.registered_at), (blake(b"v1"), 1));
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"v1"), PUBLIC_WORKS), Some((asset, 1)));
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"v2"), PUBLIC_WORKS), Some((asset, 2)));
		// Metadata is not versioned.
		assert_eq!(record.name, name(b"Road works"));

		let deposit = Some(Deposit { depositor: PW_STEWARD, amount: deposit_for(2) });
		assert_eq!(record.deposit, deposit);
		assert_eq!(held(PW_STEWARD), deposit_for(2));
		assert_eq!(
			last_event(),
			Event::VersionAdded {
				asset,
				version: 2,
				registered_by: PW_STEWARD,
				content: blake(b"v2"),
				deposit,
			}
		);
	});
}

#[test]
fn another_steward_takes_over_the_whole_deposit() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD_2, asset, b"v2"));

		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT);
		assert_eq!(held(PW_STEWARD_2), deposit_for(2));
		assert_eq!(
			Assets::<Test>::get(asset).unwrap().deposit,
			Some(Deposit { depositor: PW_STEWARD_2, amount: deposit_for(2) })
		);
		assert_eq!(Versions::<Test>::get(asset, 2).unwrap().registered_by, PW_STEWARD_2);
	});
}

#[test]
fn a_steward_who_left_is_paid_back_when_a_colleague_adds_a_version() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		// It left, but its deposit stays held until someone takes it over.
		assert_eq!(held(PW_STEWARD), deposit_for(1));
		assert_ok!(add_version(PW_STEWARD_2, asset, b"v2"));
		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(held(PW_STEWARD_2), deposit_for(2));
	});
}

#[test]
fn the_deposit_paid_is_the_deposit_carried_over() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		// A runtime upgrade changes the deposits: what was paid stays, the new version costs the
		// new price.
		AssetDeposit::set(1);
		VersionDeposit::set(1);
		assert_ok!(add_version(PW_STEWARD_2, asset, b"v2"));
		assert_eq!(held(PW_STEWARD_2), deposit_for(1) + 1);
		AssetDeposit::set(DEPOSIT_BASE);
		VersionDeposit::set(DEPOSIT_PER_VERSION);
	});
}

#[test]
fn a_slashed_hold_is_released_as_far_as_it_goes_and_the_new_payer_pays_in_full() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(Balances::burn_held(
			&HoldReason::AssetDeposit.into(),
			&PW_STEWARD,
			30,
			Precision::Exact,
			Fortitude::Force
		));
		assert_ok!(add_version(PW_STEWARD_2, asset, b"v2"));
		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT - 30);
		assert_eq!(held(PW_STEWARD_2), deposit_for(2));
	});
}

#[test]
fn refuses_unsigned_origins_and_non_stewards() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::update_asset(RuntimeOrigin::root(), asset, blake(b"v2"), 1, location(b"x")),
			DispatchError::BadOrigin
		);
		assert_noop!(add_version(OUTSIDER, asset, b"v2"), DepartmentsError::NotMember);
		assert_noop!(add_version(PW_OPERATOR, asset, b"v2"), DepartmentsError::RoleNotAllowed);
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), PUBLIC_WORKS));
		assert_noop!(add_version(PW_STEWARD, asset, b"v2"), DepartmentsError::DepartmentSuspended);
	});
}

#[test]
fn refuses_an_unknown_asset() {
	test(|| {
		assert_noop!(add_version(PW_STEWARD, 7, b"v2"), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn refuses_another_departments_steward() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(add_version(TR_STEWARD, asset, b"v2"), Error::<Test>::NotOwner);
	});
}

#[test]
fn refuses_a_retired_asset() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(add_version(PW_STEWARD, asset, b"v2"), Error::<Test>::AssetRetired);
	});
}

#[test]
fn refuses_an_invalid_location() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::update_asset(signed(PW_STEWARD), asset, blake(b"v2"), 1, location(b"a b")),
			Error::<Test>::InvalidLocation
		);
	});
}

#[test]
fn refuses_content_the_department_registered_in_any_version_of_any_asset() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let other = register(PW_STEWARD_2, b"other");
		assert_ok!(add_version(PW_STEWARD_2, other, b"other v2"));
		for seed in [&b"v1"[..], b"other", b"other v2"] {
			assert_noop!(
				add_version(PW_STEWARD, asset, seed),
				Error::<Test>::ContentAlreadyRegistered
			);
		}
	});
}

#[test]
fn another_departments_content_may_become_a_version() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		register(TR_STEWARD, b"shared");
		assert_ok!(add_version(PW_STEWARD, asset, b"shared"));
		assert_eq!(
			ContentRegistrations::<Test>::get(blake(b"shared"), PUBLIC_WORKS),
			Some((asset, 2))
		);
	});
}

#[test]
fn refuses_more_than_max_versions() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		assert_ok!(add_version(PW_STEWARD, asset, b"v3"));
		assert_eq!(Assets::<Test>::get(asset).unwrap().latest_version, MAX_VERSIONS);
		assert_noop!(add_version(PW_STEWARD, asset, b"v4"), Error::<Test>::TooManyVersions);
	});
}

#[test]
fn refuses_a_steward_who_cannot_take_over_the_deposit() {
	test(|| {
		let asset = register(PK_STEWARD, b"v1");
		assert_noop!(add_version(PAUPER, asset, b"v2"), Error::<Test>::CannotHoldDeposit);
	});
}

#[test]
fn refuses_a_depositor_who_cannot_pay_the_extra_version() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		// Leave exactly the existential deposit free.
		let free = Balances::free_balance(PW_STEWARD);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::burn_from(
			&PW_STEWARD,
			free - 1,
			frame_support::traits::tokens::Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite
		));
		assert_noop!(add_version(PW_STEWARD, asset, b"v2"), Error::<Test>::CannotHoldDeposit);
	});
}

//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{Assets, AssetsByDepartment, ContentRegistrations, Deposit, VersionRecord, Versions};
use frame_support::traits::{
	fungible::MutateHold,
	tokens::{Fortitude, Precision},
};

/// Public Works' asset 0 (two versions, deposit from `PW_STEWARD`) and Transport's asset 1 (one
/// version, deposit from `TR_STEWARD`), then `corrupt`, which must break `expected`.
fn broken(corrupt: impl FnOnce(), expected: &'static str) {
	ExtBuilder::default().build().execute_with(|| {
		register(PW_STEWARD, b"a");
		assert_ok!(add_version(PW_STEWARD, 0, b"a2"));
		register(TR_STEWARD, b"b");
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		corrupt();
		assert_eq!(crate::Pallet::<Test>::do_try_state(), Err(expected.into()));
	});
}

fn mutate(asset: AssetId, change: impl FnOnce(&mut crate::AssetRecordOf<Test>)) {
	Assets::<Test>::mutate(asset, |record| change(record.as_mut().unwrap()));
}

#[test]
fn holds_through_a_busy_life() {
	ExtBuilder::default().assets(vec![genesis_asset(PK_STEWARD, b"g")]).build_and_execute(|| {
		let a = register(PW_STEWARD, b"a");
		let b = register(PW_STEWARD_2, b"b");
		assert_ok!(add_version(PW_STEWARD_2, a, b"a2"));
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), b, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), b));
		assert_ok!(DataAssets::offer_transfer(signed(PK_STEWARD), 0, PUBLIC_WORKS));
		assert_ok!(crate::Pallet::<Test>::do_try_state());
		assert_ok!(DataAssets::retire_asset(signed(PK_STEWARD), 0));
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), a));
		// The tombstone of `a` keeps its share of the deposit of its last depositor.
		assert_eq!(
			(held(PW_STEWARD), held(PW_STEWARD_2), held(TR_STEWARD)),
			(0, TOMBSTONE_BASE + 2 * TOMBSTONE_PER_VERSION, deposit_for(1))
		);
	});
}

#[test]
fn catches_an_asset_id_at_or_above_next_id() {
	broken(|| NextAssetId::<Test>::put(1), "asset id not below NextAssetId");
}

#[test]
fn catches_an_owner_that_is_no_department() {
	broken(
		|| {
			mutate(1, |record| record.owner = NO_DEPARTMENT);
			AssetsByDepartment::<Test>::remove(TRANSPORT, 1);
			AssetsByDepartment::<Test>::insert(NO_DEPARTMENT, 1, ());
		},
		"asset owner is not a department",
	);
}

#[test]
fn catches_a_missing_index_entry() {
	broken(
		|| AssetsByDepartment::<Test>::remove(TRANSPORT, 1),
		"AssetsByDepartment misses an asset",
	);
}

#[test]
fn catches_an_index_entry_under_the_wrong_department() {
	broken(
		|| {
			AssetsByDepartment::<Test>::remove(TRANSPORT, 1);
			AssetsByDepartment::<Test>::insert(PARKS, 1, ());
		},
		"AssetsByDepartment misses an asset",
	);
}

#[test]
fn catches_a_stray_index_entry() {
	broken(
		|| AssetsByDepartment::<Test>::insert(PARKS, 0, ()),
		"AssetsByDepartment has entries of no asset",
	);
}

#[test]
fn catches_malformed_metadata() {
	broken(|| mutate(0, |record| record.name = name(b"")), "asset metadata is malformed");
	broken(|| mutate(0, |record| record.tags = tags(&[b"a", b"a"])), "asset metadata is malformed");
}

#[test]
fn catches_a_latest_version_out_of_range() {
	broken(|| mutate(1, |record| record.latest_version = 0), "latest_version out of range");
	broken(
		|| mutate(1, |record| record.latest_version = MAX_VERSIONS + 1),
		"latest_version out of range",
	);
}

#[test]
fn catches_a_missing_version() {
	broken(|| Versions::<Test>::remove(0, 1), "version missing");
	broken(|| mutate(1, |record| record.latest_version = 2), "version missing");
}

#[test]
fn catches_a_malformed_location() {
	broken(
		|| Versions::<Test>::mutate(0, 2, |v| v.as_mut().unwrap().location = location(b"a b")),
		"version location is malformed",
	);
}

#[test]
fn catches_a_content_lookup_that_does_not_point_back() {
	broken(
		|| ContentRegistrations::<Test>::insert(blake(b"a"), PUBLIC_WORKS, (0, 2)),
		"ContentRegistrations points to no version with that content",
	);
	broken(
		|| ContentRegistrations::<Test>::remove(blake(b"b"), TRANSPORT),
		"a version has no entry in ContentRegistrations",
	);
	broken(
		|| ContentRegistrations::<Test>::insert(blake(b"a"), PARKS, (0, 1)),
		"ContentRegistrations has two entries of one version",
	);
}

#[test]
fn catches_a_stray_version() {
	broken(
		|| {
			let stray = VersionRecord {
				content: blake(b"stray"),
				size: 1,
				location: location(b"x"),
				registered_by: TR_STEWARD,
				registered_at: 1,
			};
			Versions::<Test>::insert(1, 2, stray);
			ContentRegistrations::<Test>::insert(blake(b"stray"), TRANSPORT, (1, 2));
		},
		"Versions has stray entries",
	);
}

#[test]
fn catches_a_stray_content_lookup() {
	broken(
		|| ContentRegistrations::<Test>::insert(blake(b"stray"), TRANSPORT, (1, 1)),
		"ContentRegistrations points to no version with that content",
	);
}

#[test]
fn catches_an_offer_to_the_owner_or_to_no_department() {
	broken(
		|| mutate(0, |record| record.offered_to = Some(PUBLIC_WORKS)),
		"offer to the owner or to no department",
	);
	broken(
		|| mutate(0, |record| record.offered_to = Some(NO_DEPARTMENT)),
		"offer to the owner or to no department",
	);
}

#[test]
fn catches_a_retired_asset_with_an_offer() {
	broken(
		|| {
			assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), 0));
			mutate(0, |record| record.offered_to = Some(TRANSPORT));
		},
		"retired asset has an offer",
	);
}

#[test]
fn catches_a_tombstone_that_keeps_too_much() {
	let retire = || {
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), 0));
	};
	// Retired without shrinking: the versions keep their locations.
	broken(
		|| mutate(0, |record| record.retired_at = Some(1)),
		"a tombstone version keeps its location",
	);
	broken(
		|| {
			retire();
			mutate(0, |record| record.tags = tags(&[b"kept"]));
		},
		"a tombstone keeps describing fields",
	);
	broken(
		|| {
			retire();
			mutate(0, |record| record.deposit.as_mut().unwrap().amount = deposit_for(2));
		},
		"a tombstone holds more than its deposit",
	);
}

#[test]
fn catches_a_zero_deposit() {
	broken(
		|| mutate(1, |record| record.deposit = Some(Deposit { depositor: TR_STEWARD, amount: 0 })),
		"zero deposit recorded",
	);
}

const HOLD_MISMATCH: &str = "recorded deposits disagree with the hold";

#[test]
fn catches_a_recorded_deposit_that_disagrees_with_the_hold() {
	broken(|| mutate(0, |record| record.deposit.as_mut().unwrap().amount += 1), HOLD_MISMATCH);
	broken(
		|| mutate(1, |record| record.deposit.as_mut().unwrap().depositor = PW_STEWARD),
		HOLD_MISMATCH,
	);
	broken(
		|| {
			mutate(1, |record| {
				record.deposit = Some(Deposit { depositor: PW_STEWARD_2, amount: 5 })
			})
		},
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_hold_reduced_outside_the_pallet() {
	broken(
		|| {
			assert_ok!(Balances::burn_held(
				&HoldReason::AssetDeposit.into(),
				&PW_STEWARD,
				1,
				Precision::Exact,
				Fortitude::Force
			));
		},
		HOLD_MISMATCH,
	);
}

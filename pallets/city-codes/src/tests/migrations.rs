//! The v1 → v2 storage migration ([`crate::migrations::MigrateV1ToV2`]): codes retired before
//! shrink to tombstones, once, from version 1 only.

use super::*;
use crate::{migrations::MigrateV1ToV2, CodeStatus, Codes, HoldReason};
use frame_support::traits::{
	fungible::MutateHold, tokens::Precision, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
};

/// A code with a linked asset and attributes retired as version 1 retired it (links and
/// attributes kept, the deposit released in full), and an active one. Returns the retired one.
fn retired_as_in_v1() -> CodeId {
	let old = issue(TRF_STEWARD, DEV);
	let active = issue(TRF_STEWARD, DEV);
	let asset = MockAssets::register(TRANSPORT, true);
	for code in [old, active] {
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, asset));
	}
	Codes::<Test>::mutate(old, |record| {
		let record = record.as_mut().unwrap();
		let deposit = record.deposit.take().unwrap();
		<Balances as MutateHold<_>>::release(
			&HoldReason::CodeDeposit.into(),
			&deposit.depositor,
			deposit.amount,
			Precision::Exact,
		)
		.unwrap();
		record.status = CodeStatus::Retired;
		record.attributes = Some([3; 32]);
	});
	StorageVersion::new(1).put::<CityCodes>();
	old
}

#[test]
fn the_in_code_version_is_2() {
	assert_eq!(CityCodes::in_code_storage_version(), StorageVersion::new(2));
}

#[test]
fn shrinks_codes_retired_before_to_tombstones_once() {
	test(|| {
		let old = retired_as_in_v1();
		let active = old + 1;

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		let tombstone = record(old);
		assert_eq!(
			(tombstone.assets.len(), tombstone.attributes, tombstone.deposit),
			(0, None, None)
		);
		assert_eq!(tombstone.name, name("Thing"));
		assert_eq!(record(active).assets.len(), 1);
		assert_eq!(CityCodes::on_chain_storage_version(), StorageVersion::new(2));

		// Once: a record made to look old again is left alone.
		Codes::<Test>::mutate(old, |record| record.as_mut().unwrap().attributes = Some([3; 32]));
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(record(old).attributes, Some([3; 32]));
		Codes::<Test>::mutate(old, |record| record.as_mut().unwrap().attributes = None);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn pre_and_post_upgrade_pass_and_catch_a_changed_deposit() {
	test(|| {
		let old = retired_as_in_v1();
		let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_ok!(MigrateV1ToV2::<Test>::post_upgrade(state.clone()));
		// A faulty migration that retired the active code too.
		let active = old + 1;
		Codes::<Test>::mutate(active, |record| {
			let record = record.as_mut().unwrap();
			record.status = CodeStatus::Retired;
		});
		assert!(MigrateV1ToV2::<Test>::post_upgrade(state).is_err());
		Codes::<Test>::mutate(active, |record| {
			record.as_mut().unwrap().status = CodeStatus::Active
		});
	});
}

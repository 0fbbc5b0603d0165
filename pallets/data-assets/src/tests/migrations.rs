//! The storage migrations: v1 → v2 ([`crate::migrations::MigrateV1ToV2`]), the city-wide content
//! index becomes one entry per content and department; v2 → v3
//! ([`crate::migrations::MigrateV2ToV3`]), assets retired before shrink to tombstones. Each once,
//! from its own version only.

use super::*;
use crate::{
	migrations::{v1, MigrateV1ToV2, MigrateV2ToV3},
	Assets, ContentRegistrations, DepartmentId, HoldReason, Versions,
};
use frame_support::traits::{fungible::MutateHold, tokens::Precision};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Puts the state back as version 1 stored it: every registration in the old city-wide map,
/// none in the new one, and the on-chain version 1.
fn downgrade_to_v1() {
	let entries: Vec<_> = ContentRegistrations::<Test>::drain().collect();
	for (content, _, (asset, version)) in entries {
		v1::AssetByContent::<Test>::insert(content, (asset, version));
	}
	StorageVersion::new(1).put::<DataAssets>();
}

/// Every registration, sorted.
fn snapshot() -> Vec<(ContentHash, DepartmentId, (AssetId, u32))> {
	let mut entries: Vec<_> = ContentRegistrations::<Test>::iter().collect();
	entries.sort();
	entries
}

/// Two departments' assets, one with two versions and one transferred since.
fn assets_of_two_departments() {
	let roads = register(PW_STEWARD, b"roads");
	assert_ok!(add_version(PW_STEWARD, roads, b"roads-2"));
	let buses = register(TR_STEWARD, b"buses");
	assert_ok!(DataAssets::offer_transfer(signed(TR_STEWARD), buses, PARKS));
	assert_ok!(DataAssets::accept_transfer(signed(PK_STEWARD), buses));
}

#[test]
fn the_in_code_version_is_3() {
	assert_eq!(DataAssets::in_code_storage_version(), StorageVersion::new(3));
}

/// An asset with two versions retired as version 2 retired it: the whole record and every
/// location kept, the deposit released in full. And an active one. Returns the retired asset.
fn retired_as_in_v2() -> AssetId {
	let old = register(PW_STEWARD, b"old");
	assert_ok!(add_version(PW_STEWARD, old, b"old-2"));
	register(PW_STEWARD, b"active");
	Assets::<Test>::mutate(old, |record| {
		let record = record.as_mut().unwrap();
		let deposit = record.deposit.take().unwrap();
		<Balances as MutateHold<_>>::release(
			&HoldReason::AssetDeposit.into(),
			&deposit.depositor,
			deposit.amount,
			Precision::Exact,
		)
		.unwrap();
		record.retired_at = Some(1);
	});
	StorageVersion::new(2).put::<DataAssets>();
	old
}

#[test]
fn shrinks_assets_retired_before_to_tombstones_once() {
	ExtBuilder::default().build_and_execute(|| {
		let old = retired_as_in_v2();
		assert!(!Versions::<Test>::get(old, 1).unwrap().location.is_empty());

		MigrateV2ToV3::<Test>::on_runtime_upgrade();

		let record = Assets::<Test>::get(old).unwrap();
		assert!(record.media_type.is_empty() && record.tags.is_empty());
		assert_eq!((record.metadata_hash, record.deposit), (None, None));
		for version in [1, 2] {
			let entry = Versions::<Test>::get(old, version).unwrap();
			assert!(entry.location.is_empty());
			// What verifies a copy stays.
			assert_eq!(
				ContentRegistrations::<Test>::get(entry.content, PUBLIC_WORKS),
				Some((old, version))
			);
		}
		// The active asset is untouched.
		assert!(!Assets::<Test>::get(old + 1).unwrap().media_type.is_empty());
		assert_eq!(DataAssets::on_chain_storage_version(), StorageVersion::new(3));

		// Once: a record made to look legacy again is left alone.
		Assets::<Test>::mutate(old, |record| {
			record.as_mut().unwrap().media_type = media(b"text/csv")
		});
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert!(!Assets::<Test>::get(old).unwrap().media_type.is_empty());
		Assets::<Test>::mutate(old, |record| {
			record.as_mut().unwrap().media_type = Default::default()
		});
	});
}

#[test]
fn moves_every_content_entry_to_its_assets_owner_and_to_version_2() {
	ExtBuilder::default().build_and_execute(|| {
		assets_of_two_departments();
		downgrade_to_v1();
		assert_eq!(v1::AssetByContent::<Test>::iter().count(), 3);

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(v1::AssetByContent::<Test>::iter().count(), 0);
		let mut expected = vec![
			(blake(b"buses"), PARKS, (1, 1)),
			(blake(b"roads"), PUBLIC_WORKS, (0, 1)),
			(blake(b"roads-2"), PUBLIC_WORKS, (0, 2)),
		];
		expected.sort();
		assert_eq!(snapshot(), expected);
		assert_eq!(DataAssets::on_chain_storage_version(), StorageVersion::new(2));
		// After the upgrade, the rule is per department.
		assert_eq!(register(TR_STEWARD, b"roads"), 2);
	});
}

#[test]
fn runs_only_from_version_1_and_once() {
	ExtBuilder::default().build().execute_with(|| {
		assets_of_two_departments();
		downgrade_to_v1();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		let migrated = snapshot();
		// A stale old entry appearing later is left alone: the migration ran already.
		v1::AssetByContent::<Test>::insert(blake(b"late"), (0, 1));
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(snapshot(), migrated);
		assert_eq!(v1::AssetByContent::<Test>::iter().count(), 1);
	});
}

#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;

	#[test]
	fn pre_and_post_upgrade_pass() {
		ExtBuilder::default().build_and_execute(|| {
			assets_of_two_departments();
			downgrade_to_v1();
			let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_ok!(MigrateV1ToV2::<Test>::post_upgrade(state));
		});
	}

	#[test]
	fn v3_pre_and_post_upgrade_pass_and_catch_a_lost_deposit_record() {
		ExtBuilder::default().build_and_execute(|| {
			retired_as_in_v2();
			let state = MigrateV2ToV3::<Test>::pre_upgrade().expect("pre_upgrade");
			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_ok!(MigrateV2ToV3::<Test>::post_upgrade(state.clone()));
			// A faulty migration that retired the active asset too.
			Assets::<Test>::mutate(1, |record| record.as_mut().unwrap().retired_at = Some(1));
			assert!(MigrateV2ToV3::<Test>::post_upgrade(state).is_err());
			Assets::<Test>::mutate(1, |record| record.as_mut().unwrap().retired_at = None);
		});
	}

	#[test]
	fn post_upgrade_catches_a_lost_entry() {
		ExtBuilder::default().build().execute_with(|| {
			assets_of_two_departments();
			downgrade_to_v1();
			let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			// A faulty migration that lost an entry.
			ContentRegistrations::<Test>::remove(blake(b"roads"), PUBLIC_WORKS);
			assert!(MigrateV1ToV2::<Test>::post_upgrade(state).is_err());
		});
	}
}

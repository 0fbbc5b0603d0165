//! The v1 → v2 storage migration ([`crate::migrations::MigrateV1ToV2`]): it runs once, from
//! version 1 only, indexes invitations by department, repairs wrong member counts and changes
//! nothing else.

use super::*;
use crate::{
	migrations::MigrateV1ToV2, DepartmentInvitations, DepartmentMembers,
	Departments as DepartmentsStorage, Invitations, Members,
};
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};

/// Everything the pallet stores about departments and members.
fn snapshot() -> impl PartialEq + core::fmt::Debug {
	let mut departments: Vec<_> = DepartmentsStorage::<Test>::iter().collect();
	departments.sort_by_key(|(id, _)| *id);
	let mut members: Vec<_> = Members::<Test>::iter().collect();
	members.sort_by_key(|(who, _)| *who);
	let mut index: Vec<_> = DepartmentMembers::<Test>::iter().collect();
	index.sort_by_key(|(department, who, _)| (*department, *who));
	let mut invited: Vec<_> = DepartmentInvitations::<Test>::iter_keys().collect();
	invited.sort();
	(departments, members, index, invited)
}

fn counts(department: DepartmentId) -> (u32, u32) {
	let info = DepartmentsStorage::<Test>::get(department).expect("department exists");
	(info.member_count, info.admin_count)
}

/// The mock's cost of a storage read and write.
fn db_weight() -> RuntimeDbWeight {
	<Test as frame_system::Config>::DbWeight::get()
}

/// Sets a department's counts without touching its members, as a bug would.
fn miscount(department: DepartmentId, members: u32, admins: u32) {
	DepartmentsStorage::<Test>::mutate(department, |info| {
		let info = info.as_mut().expect("department exists");
		info.member_count = members;
		info.admin_count = admins;
	});
}

#[test]
fn the_in_code_version_is_2() {
	assert_eq!(Departments::in_code_storage_version(), StorageVersion::new(2));
}

#[test]
fn indexes_the_invitations_of_version_1_by_department() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Departments::invite_member(
			signed(PW_ADMIN),
			PUBLIC_WORKS,
			OUTSIDER,
			Role::Steward
		));
		assert_ok!(Departments::invite_member(registrar(), PARKS, 11, Role::Admin));
		// Version 1 had no index.
		let _ = DepartmentInvitations::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<Departments>();
		assert!(Departments::do_try_state().is_err());

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert!(DepartmentInvitations::<Test>::contains_key(PUBLIC_WORKS, OUTSIDER));
		assert!(DepartmentInvitations::<Test>::contains_key(PARKS, 11));
		assert_eq!(DepartmentInvitations::<Test>::iter_keys().count(), 2);
		assert_eq!(Invitations::<Test>::iter_keys().count(), 2);
		// `build_and_execute` checks every invariant after this.
	});
}

#[test]
fn recounts_members_and_admins_and_moves_to_version_2() {
	ExtBuilder::default().build_and_execute(|| {
		StorageVersion::new(1).put::<Departments>();
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		miscount(PUBLIC_WORKS, 7, 0);
		miscount(PARKS, 1, 1);
		assert!(Departments::do_try_state().is_err());

		let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(counts(TRANSPORT), (1, 1));
		assert_eq!(counts(PARKS), (0, 0));
		assert_eq!(Departments::on_chain_storage_version(), StorageVersion::new(2));
		// Four members and three departments read, two departments written, and the version.
		let db = db_weight();
		assert_eq!(weight, db.reads_writes(7, 2).saturating_add(db.reads_writes(1, 1)));
		// `build_and_execute` checks every invariant after this.
	});
}

#[test]
fn changes_nothing_but_the_version_on_a_consistent_state() {
	ExtBuilder::default().build_and_execute(|| {
		// Some history first: a member added with a deposit, a role change, a departure.
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, OUTSIDER, Role::Admin));
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_OPERATOR, Role::Steward));
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_ok!(Departments::invite_member(signed(PW_ADMIN), PUBLIC_WORKS, 12, Role::Steward));
		StorageVersion::new(1).put::<Departments>();
		let before = snapshot();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(snapshot(), before);
		assert_eq!(Departments::on_chain_storage_version(), StorageVersion::new(2));
	});
}

#[test]
fn runs_only_from_version_1() {
	for version in [0, 2, 3] {
		ExtBuilder::default().build().execute_with(|| {
			StorageVersion::new(version).put::<Departments>();
			miscount(PUBLIC_WORKS, 7, 0);
			let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();
			// Only the version was read; nothing was repaired or written.
			assert_eq!(weight, db_weight().reads(1));
			assert_eq!(counts(PUBLIC_WORKS), (7, 0), "version {version}");
			assert_eq!(Departments::on_chain_storage_version(), StorageVersion::new(version));
		});
	}
}

#[test]
fn runs_once() {
	ExtBuilder::default().build().execute_with(|| {
		StorageVersion::new(1).put::<Departments>();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		// A second upgrade with the migration still in `Migrations` does nothing.
		miscount(TRANSPORT, 5, 5);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(counts(TRANSPORT), (5, 5));
		assert_eq!(Departments::on_chain_storage_version(), StorageVersion::new(2));
	});
}

#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;

	#[test]
	fn pre_and_post_upgrade_pass_on_a_repaired_state() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(1).put::<Departments>();
			miscount(PUBLIC_WORKS, 9, 9);
			let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_ok!(MigrateV1ToV2::<Test>::post_upgrade(state));
		});
	}

	#[test]
	fn post_upgrade_catches_a_lost_member() {
		ExtBuilder::default().build().execute_with(|| {
			StorageVersion::new(1).put::<Departments>();
			let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
			// A faulty migration that drops a member.
			Members::<Test>::remove(PW_OPERATOR);
			DepartmentMembers::<Test>::remove(PUBLIC_WORKS, PW_OPERATOR);
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(
				MigrateV1ToV2::<Test>::post_upgrade(state),
				Err("departments v2: the number of members changed".into())
			);
		});
	}

	#[test]
	fn pre_and_post_upgrade_are_noops_once_migrated() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(2).put::<Departments>();
			let state = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade");
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_ok!(MigrateV1ToV2::<Test>::post_upgrade(state));
		});
	}
}

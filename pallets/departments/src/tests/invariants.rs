//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{
	DepartmentByPrefix, DepartmentMembers, DepartmentStatus, Departments as DepartmentsStorage,
	Deposit, Members, NextDepartmentId,
};
use frame_support::assert_ok;

fn broken(corrupt: impl FnOnce(), expected: &'static str) {
	ExtBuilder::default().build().execute_with(|| {
		assert_ok!(Departments::do_try_state());
		corrupt();
		assert_eq!(Departments::do_try_state(), Err(expected.into()));
	});
}

#[test]
fn holds_on_genesis_and_for_registrar_made_departments_without_admins() {
	new_test_ext().execute_with(|| {
		assert_ok!(Departments::do_try_state());
		// Parks has no member, and Transport loses its only admin: both legitimate.
		assert_ok!(Departments::remove_member(registrar(), TR_ADMIN));
		assert_ok!(Departments::add_member(registrar(), PARKS, OUTSIDER, Role::Steward));
		assert_ok!(Departments::do_try_state());
	});
}

#[test]
fn catches_a_department_id_at_or_above_next_id() {
	broken(|| NextDepartmentId::<Test>::put(2), "department id not below NextDepartmentId");
}

#[test]
fn catches_a_malformed_name() {
	broken(
		|| DepartmentsStorage::<Test>::mutate(PARKS, |info| info.as_mut().unwrap().name = name("")),
		"department name is malformed",
	);
}

#[test]
fn catches_a_malformed_prefix() {
	broken(
		|| {
			DepartmentsStorage::<Test>::mutate(PARKS, |info| {
				info.as_mut().unwrap().prefix = prefix("pk")
			});
			DepartmentByPrefix::<Test>::remove(prefix("PK"));
			DepartmentByPrefix::<Test>::insert(prefix("pk"), PARKS);
		},
		"department prefix is malformed",
	);
}

#[test]
fn catches_a_missing_prefix_entry() {
	broken(
		|| DepartmentByPrefix::<Test>::remove(prefix("PK")),
		"DepartmentByPrefix does not point back to the department",
	);
}

#[test]
fn catches_a_stray_prefix_entry() {
	broken(
		|| DepartmentByPrefix::<Test>::insert(prefix("ZZ"), PARKS),
		"DepartmentByPrefix has entries of no department",
	);
}

#[test]
fn catches_a_member_of_an_unknown_department() {
	broken(
		|| {
			Members::<Test>::mutate(OUTSIDER, |membership| {
				*membership = Some(crate::Membership {
					department: NO_DEPARTMENT,
					role: Role::Steward,
					deposit: None,
				})
			});
			DepartmentMembers::<Test>::insert(NO_DEPARTMENT, OUTSIDER, Role::Steward);
		},
		"member of an unknown department",
	);
}

#[test]
fn catches_a_missing_department_members_entry() {
	broken(
		|| DepartmentMembers::<Test>::remove(PUBLIC_WORKS, PW_STEWARD),
		"DepartmentMembers does not mirror Members",
	);
}

#[test]
fn catches_a_department_members_role_mismatch() {
	broken(
		|| DepartmentMembers::<Test>::insert(PUBLIC_WORKS, PW_STEWARD, Role::Operator),
		"DepartmentMembers does not mirror Members",
	);
}

#[test]
fn catches_a_stray_department_members_entry() {
	broken(
		|| DepartmentMembers::<Test>::insert(PARKS, OUTSIDER, Role::Steward),
		"DepartmentMembers has entries that Members has not",
	);
}

#[test]
fn catches_a_zero_deposit() {
	broken(
		|| {
			Members::<Test>::mutate(PW_STEWARD, |membership| {
				membership.as_mut().unwrap().deposit =
					Some(Deposit { depositor: PW_ADMIN, amount: 0 })
			})
		},
		"zero deposit recorded",
	);
}

#[test]
fn catches_a_wrong_member_count() {
	broken(
		|| {
			DepartmentsStorage::<Test>::mutate(PARKS, |info| {
				info.as_mut().unwrap().member_count = 1
			})
		},
		"member_count disagrees with Members",
	);
}

#[test]
fn catches_a_wrong_admin_count() {
	broken(
		|| {
			DepartmentsStorage::<Test>::mutate(PUBLIC_WORKS, |info| {
				info.as_mut().unwrap().admin_count = 2
			})
		},
		"admin_count disagrees with Members",
	);
}

#[test]
fn status_is_not_an_invariant() {
	ExtBuilder::default().build().execute_with(|| {
		DepartmentsStorage::<Test>::mutate(PARKS, |info| {
			info.as_mut().unwrap().status = DepartmentStatus::Suspended
		});
		assert_ok!(Departments::do_try_state());
	});
}

#[test]
fn catches_more_than_max_members() {
	broken(
		|| {
			// MaxMembers = 4: five consistent entries.
			for who in 30..35 {
				Members::<Test>::insert(
					who,
					crate::Membership { department: PARKS, role: Role::Steward, deposit: None },
				);
				DepartmentMembers::<Test>::insert(PARKS, who, Role::Steward);
			}
			DepartmentsStorage::<Test>::mutate(PARKS, |info| {
				info.as_mut().unwrap().member_count = 5
			});
		},
		"more than MaxMembers members",
	);
}

//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{
	DepartmentByPrefix, DepartmentMembers, DepartmentStatus, Departments as DepartmentsStorage,
	Deposit, Members, NextDepartmentId,
};
use frame_support::{
	assert_ok,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
	},
};

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
		assert_ok!(add_member(registrar(), PARKS, OUTSIDER, Role::Steward));
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

/// Like [`broken`], after an admin of each department with one added a member with a deposit:
/// Public Works' admin pays two deposits, Transport's one.
fn broken_with_deposits(corrupt: impl FnOnce(), expected: &'static str) {
	broken(
		|| {
			// MaxMembers = 4: make room.
			assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_OPERATOR));
			assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 10, Role::Steward));
			assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 11, Role::Operator));
			assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, 12, Role::Steward));
			assert_eq!((held(PW_ADMIN), held(TR_ADMIN)), (2 * DEPOSIT, DEPOSIT));
			assert_ok!(Departments::do_try_state());
			corrupt();
		},
		expected,
	);
}

const HOLD_MISMATCH: &str = "recorded deposits disagree with the hold";

#[test]
fn holds_with_deposits_of_several_depositors_and_after_they_go() {
	ExtBuilder::default().build_and_execute(|| {
		// MaxMembers = 4: make room.
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_OPERATOR));
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 10, Role::Admin));
		assert_ok!(add_member(signed(10), PUBLIC_WORKS, 11, Role::Operator));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, 12, Role::Steward));
		assert_ok!(Departments::do_try_state());
		// The payer of a deposit leaves; its deposit stays held, and recorded, until 11 goes.
		assert_ok!(Departments::leave_department(signed(10)));
		assert_eq!(held(10), DEPOSIT);
		assert_ok!(Departments::do_try_state());
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), 11));
		assert_ok!(Departments::leave_department(signed(12)));
		assert_eq!((held(PW_ADMIN), held(10), held(TR_ADMIN)), (0, 0, 0));
	});
}

#[test]
fn catches_a_recorded_deposit_larger_than_the_hold() {
	broken_with_deposits(
		|| {
			Members::<Test>::mutate(10, |membership| {
				membership.as_mut().unwrap().deposit =
					Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT + 1 })
			})
		},
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_recorded_deposit_smaller_than_the_hold() {
	broken_with_deposits(
		|| {
			Members::<Test>::mutate(12, |membership| {
				membership.as_mut().unwrap().deposit =
					Some(Deposit { depositor: TR_ADMIN, amount: DEPOSIT - 1 })
			})
		},
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_deposit_recorded_against_the_wrong_payer() {
	broken_with_deposits(
		|| {
			Members::<Test>::mutate(12, |membership| {
				membership.as_mut().unwrap().deposit =
					Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT })
			})
		},
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_lost_deposit_record() {
	broken_with_deposits(
		|| Members::<Test>::mutate(11, |membership| membership.as_mut().unwrap().deposit = None),
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_deposit_recorded_without_a_hold() {
	broken(
		|| {
			Members::<Test>::mutate(PW_STEWARD, |membership| {
				membership.as_mut().unwrap().deposit =
					Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT })
			})
		},
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_hold_reduced_outside_the_pallet() {
	broken_with_deposits(
		|| {
			assert_ok!(Balances::burn_held(
				&HoldReason::MemberDeposit.into(),
				&PW_ADMIN,
				1,
				Precision::Exact,
				Fortitude::Force
			));
		},
		HOLD_MISMATCH,
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

//! Adding, re-roling and removing members; members leaving; deposits; the last-admin rule.

use super::*;
use crate::{
	DepartmentMembers, Departments as DepartmentsStorage, Deposit, Error, Event, Members,
	Membership,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Fortitude, Precision},
	},
};
use sp_runtime::DispatchError;

const NEWCOMER: AccountId = 10;
const OTHER: AccountId = 11;

fn counts(department: DepartmentId) -> (u32, u32) {
	let info = DepartmentsStorage::<Test>::get(department).unwrap();
	(info.member_count, info.admin_count)
}

fn role_of(who: AccountId) -> Option<(DepartmentId, Role)> {
	Members::<Test>::get(who).map(|membership| (membership.department, membership.role))
}

// ---- add_member ----

#[test]
fn admin_adds_a_member_and_pays_the_deposit() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Operator));

		let deposit = Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT });
		assert_eq!(
			Members::<Test>::get(NEWCOMER),
			Some(Membership {
				department: PUBLIC_WORKS,
				role: Role::Operator,
				deposit: deposit.clone()
			})
		);
		assert_eq!(DepartmentMembers::<Test>::get(PUBLIC_WORKS, NEWCOMER), Some(Role::Operator));
		assert_eq!(counts(PUBLIC_WORKS), (4, 1));
		assert_eq!(held(PW_ADMIN), DEPOSIT);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT - DEPOSIT);
		// The new member pays nothing.
		assert_eq!(held(NEWCOMER), 0);
		assert_eq!(
			last_event(),
			Event::MemberAdded {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Operator,
				deposit
			}
		);
	});
}

#[test]
fn registrar_adds_a_member_without_deposit() {
	test(|| {
		assert_ok!(add_member(registrar(), PARKS, NEWCOMER, Role::Admin));

		assert_eq!(
			Members::<Test>::get(NEWCOMER),
			Some(Membership { department: PARKS, role: Role::Admin, deposit: None })
		);
		assert_eq!(DepartmentMembers::<Test>::get(PARKS, NEWCOMER), Some(Role::Admin));
		assert_eq!(counts(PARKS), (1, 1));
		assert_eq!(
			last_event(),
			Event::MemberAdded {
				department: PARKS,
				who: NEWCOMER,
				role: Role::Admin,
				deposit: None
			}
		);
	});
}

#[test]
fn admins_may_add_admins() {
	test(|| {
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, NEWCOMER, Role::Admin));
		assert_eq!(counts(TRANSPORT), (2, 2));
		// And the new admin manages the department at once.
		assert_ok!(add_member(signed(NEWCOMER), TRANSPORT, OTHER, Role::Steward));
		assert_eq!(counts(TRANSPORT), (3, 2));
		assert_eq!(held(NEWCOMER), DEPOSIT);
	});
}

#[test]
fn deposits_add_up_per_admin() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 10, Role::Operator));
		assert_eq!(counts(PUBLIC_WORKS), (4, 1));
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_OPERATOR));
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 11, Role::Operator));
		assert_eq!(held(PW_ADMIN), 2 * DEPOSIT);

		assert_ok!(Departments::remove_member(signed(PW_ADMIN), 10));
		assert_eq!(held(PW_ADMIN), DEPOSIT);
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), 11));
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
	});
}

#[test]
fn zero_deposit_holds_nothing() {
	test(|| {
		MemberDeposit::set(0);
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		assert_eq!(Members::<Test>::get(NEWCOMER).unwrap().deposit, None);
		assert_eq!(held(PW_ADMIN), 0);
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), NEWCOMER));
		MemberDeposit::set(DEPOSIT);
	});
}

#[test]
fn the_deposit_paid_is_the_deposit_returned() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		// A runtime upgrade changes the deposit: what was paid comes back, no more, no less.
		MemberDeposit::set(DEPOSIT * 5);
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), NEWCOMER));
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
		MemberDeposit::set(DEPOSIT);
	});
}

#[test]
fn registrar_may_add_members_to_a_suspended_department() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_ok!(add_member(registrar(), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		assert_eq!(counts(PUBLIC_WORKS), (4, 2));
	});
}

#[test]
fn add_member_origin_errors() {
	test(|| {
		assert_noop!(
			add_member(RuntimeOrigin::none(), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			DispatchError::BadOrigin
		);
		assert_noop!(
			add_member(signed(OUTSIDER), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::NotMember
		);
		assert_noop!(
			add_member(signed(PW_STEWARD), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			add_member(signed(PW_OPERATOR), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			add_member(signed(TR_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::WrongDepartment
		);
		// An admin naming a department that does not exist is told so.
		assert_noop!(
			add_member(signed(TR_ADMIN), NO_DEPARTMENT, NEWCOMER, Role::Steward),
			Error::<Test>::UnknownDepartment
		);
		// But the origin is checked first: a non-admin learns nothing about departments.
		assert_noop!(
			add_member(signed(OUTSIDER), NO_DEPARTMENT, NEWCOMER, Role::Steward),
			Error::<Test>::NotMember
		);
	});
}

#[test]
fn admin_of_a_suspended_department_cannot_add() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn add_member_to_an_unknown_department() {
	test(|| {
		assert_noop!(
			add_member(registrar(), NO_DEPARTMENT, NEWCOMER, Role::Admin),
			Error::<Test>::UnknownDepartment
		);
	});
}

#[test]
fn an_account_acts_for_at_most_one_department() {
	test(|| {
		// Not twice in the same department, whatever the role...
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, PW_STEWARD, Role::Operator),
			Error::<Test>::AlreadyMember
		);
		// ...nor in another one, even by the registrar.
		assert_noop!(
			add_member(signed(TR_ADMIN), TRANSPORT, PW_STEWARD, Role::Steward),
			Error::<Test>::AlreadyMember
		);
		assert_noop!(
			add_member(registrar(), PARKS, PW_ADMIN, Role::Admin),
			Error::<Test>::AlreadyMember
		);
		// Once removed, it may join another department.
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_STEWARD));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, PW_STEWARD, Role::Steward));
		assert_eq!(role_of(PW_STEWARD), Some((TRANSPORT, Role::Steward)));
	});
}

#[test]
fn departments_are_bounded_by_max_members() {
	test(|| {
		// MaxMembers = 4; Public Works has 3.
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, OTHER, Role::Steward),
			Error::<Test>::TooManyMembers
		);
		// The registrar is bound too.
		assert_noop!(
			add_member(registrar(), PUBLIC_WORKS, OTHER, Role::Steward),
			Error::<Test>::TooManyMembers
		);
		// Other departments are not affected.
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, OTHER, Role::Steward));
	});
}

#[test]
fn admin_without_funds_cannot_add() {
	test(|| {
		assert_ok!(add_member(registrar(), PARKS, PAUPER, Role::Admin));
		assert_noop!(
			add_member(signed(PAUPER), PARKS, NEWCOMER, Role::Steward),
			Error::<Test>::CannotHoldDeposit
		);
		// The existential deposit must stay free: exactly deposit + ED is enough.
		Balances::set_balance(&PAUPER, DEPOSIT);
		assert_noop!(
			add_member(signed(PAUPER), PARKS, NEWCOMER, Role::Steward),
			Error::<Test>::CannotHoldDeposit
		);
		Balances::set_balance(&PAUPER, DEPOSIT + 1);
		assert_ok!(add_member(signed(PAUPER), PARKS, NEWCOMER, Role::Steward));
		assert_eq!(held(PAUPER), DEPOSIT);
	});
}

// ---- set_member_role ----

#[test]
fn admin_changes_a_role() {
	test(|| {
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Operator));

		assert_eq!(role_of(PW_STEWARD), Some((PUBLIC_WORKS, Role::Operator)));
		assert_eq!(DepartmentMembers::<Test>::get(PUBLIC_WORKS, PW_STEWARD), Some(Role::Operator));
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(
			last_event(),
			Event::MemberRoleChanged {
				department: PUBLIC_WORKS,
				who: PW_STEWARD,
				old_role: Role::Steward,
				new_role: Role::Operator,
			}
		);
	});
}

#[test]
fn promoting_and_demoting_admins_keeps_count() {
	test(|| {
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Admin));
		assert_eq!(counts(PUBLIC_WORKS), (3, 2));
		// With two admins, an admin may demote itself.
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_ADMIN, Role::Steward));
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(role_of(PW_ADMIN), Some((PUBLIC_WORKS, Role::Steward)));
		// And it is no longer an admin.
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), PW_OPERATOR, Role::Steward),
			Error::<Test>::RoleNotAllowed
		);
	});
}

#[test]
fn role_change_keeps_the_deposit_with_its_payer() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Operator));
		assert_ok!(Departments::set_member_role(registrar(), NEWCOMER, Role::Steward));
		assert_eq!(
			Members::<Test>::get(NEWCOMER).unwrap().deposit,
			Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT })
		);
		assert_eq!(held(PW_ADMIN), DEPOSIT);
	});
}

#[test]
fn registrar_changes_roles_in_any_department() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_ok!(Departments::set_member_role(registrar(), PW_OPERATOR, Role::Admin));
		assert_ok!(Departments::set_member_role(registrar(), TR_ADMIN, Role::Operator));
		assert_eq!(counts(PUBLIC_WORKS), (3, 2));
		assert_eq!(counts(TRANSPORT), (1, 0));
	});
}

#[test]
fn set_member_role_origin_errors() {
	test(|| {
		assert_noop!(
			Departments::set_member_role(RuntimeOrigin::none(), PW_STEWARD, Role::Operator),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::set_member_role(signed(OUTSIDER), PW_STEWARD, Role::Operator),
			Error::<Test>::NotMember
		);
		assert_noop!(
			Departments::set_member_role(signed(PW_STEWARD), PW_OPERATOR, Role::Steward),
			Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			Departments::set_member_role(signed(TR_ADMIN), PW_STEWARD, Role::Operator),
			Error::<Test>::WrongDepartment
		);
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Operator),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn set_member_role_target_errors() {
	test(|| {
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), OUTSIDER, Role::Operator),
			Error::<Test>::NotMember
		);
		assert_noop!(
			Departments::set_member_role(registrar(), OUTSIDER, Role::Operator),
			Error::<Test>::NotMember
		);
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Steward),
			Error::<Test>::RoleUnchanged
		);
	});
}

#[test]
fn the_last_admin_cannot_demote_itself() {
	test(|| {
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), PW_ADMIN, Role::Steward),
			Error::<Test>::LastAdmin
		);
		assert_noop!(
			Departments::set_member_role(signed(TR_ADMIN), TR_ADMIN, Role::Operator),
			Error::<Test>::LastAdmin
		);
	});
}

// ---- remove_member ----

#[test]
fn admin_removes_a_member_and_the_deposit_is_released() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), NEWCOMER));

		assert_eq!(Members::<Test>::get(NEWCOMER), None);
		assert_eq!(DepartmentMembers::<Test>::get(PUBLIC_WORKS, NEWCOMER), None);
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::MemberRemoved {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Steward,
				deposit: Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT }),
			}
		);
	});
}

#[test]
fn removing_a_genesis_member_releases_nothing() {
	test(|| {
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_OPERATOR));
		assert_eq!(counts(PUBLIC_WORKS), (2, 1));
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::MemberRemoved {
				department: PUBLIC_WORKS,
				who: PW_OPERATOR,
				role: Role::Operator,
				deposit: None,
			}
		);
	});
}

#[test]
fn the_deposit_goes_back_to_whoever_paid_it() {
	test(|| {
		// A second admin adds a member, then leaves the department.
		assert_ok!(add_member(registrar(), PUBLIC_WORKS, OTHER, Role::Admin));
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_OPERATOR));
		assert_ok!(add_member(signed(OTHER), PUBLIC_WORKS, NEWCOMER, Role::Operator));
		assert_ok!(Departments::remove_member(signed(OTHER), OTHER));
		assert_eq!(held(OTHER), DEPOSIT);

		// Another admin removes the member: the leaver gets its deposit back, not the remover.
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), NEWCOMER));
		assert_eq!(held(OTHER), 0);
		assert_eq!(Balances::free_balance(OTHER), ENDOWMENT);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
	});
}

/// Takes `amount` of what this pallet holds from `who` away, as a slash would.
fn slash_held(who: AccountId, amount: Balance) {
	assert_ok!(Balances::burn_held(
		&HoldReason::MemberDeposit.into(),
		&who,
		amount,
		Precision::Exact,
		Fortitude::Force
	));
}

#[test]
fn member_removed_reports_the_deposit_actually_released() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, OTHER, Role::Steward));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, OUTSIDER, Role::Steward));
		// Part of the holds went elsewhere: the recorded deposits are no longer all there.
		slash_held(PW_ADMIN, 4);
		slash_held(TR_ADMIN, DEPOSIT + 3);

		assert_ok!(Departments::remove_member(signed(PW_ADMIN), NEWCOMER));
		assert_eq!(
			last_event(),
			Event::MemberRemoved {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Steward,
				deposit: Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT - 4 }),
			}
		);
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT - 4);

		// Releases are best-effort: the first gets what is left of its amount, the last what
		// remains, possibly nothing.
		assert_ok!(Departments::remove_member(signed(TR_ADMIN), OTHER));
		assert_eq!(
			last_event(),
			Event::MemberRemoved {
				department: TRANSPORT,
				who: OTHER,
				role: Role::Steward,
				deposit: Some(Deposit { depositor: TR_ADMIN, amount: DEPOSIT - 3 }),
			}
		);
		assert_ok!(Departments::remove_member(registrar(), OUTSIDER));
		assert_eq!(
			last_event(),
			Event::MemberRemoved {
				department: TRANSPORT,
				who: OUTSIDER,
				role: Role::Steward,
				deposit: Some(Deposit { depositor: TR_ADMIN, amount: 0 }),
			}
		);
		assert_eq!(held(TR_ADMIN), 0);
	});
}

#[test]
fn registrar_removal_releases_the_admins_deposit() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		assert_ok!(Departments::remove_member(registrar(), NEWCOMER));
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
	});
}

#[test]
fn admins_may_remove_admins_but_not_the_last() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		// Another admin.
		assert_ok!(Departments::remove_member(signed(NEWCOMER), PW_ADMIN));
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		// Itself, now the last one: refused.
		assert_noop!(
			Departments::remove_member(signed(NEWCOMER), NEWCOMER),
			Error::<Test>::LastAdmin
		);
	});
}

#[test]
fn an_admin_may_leave_if_another_admin_stays() {
	test(|| {
		assert_ok!(add_member(registrar(), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_ADMIN));
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(role_of(PW_ADMIN), None);
	});
}

#[test]
fn the_last_admin_cannot_remove_itself() {
	test(|| {
		assert_noop!(
			Departments::remove_member(signed(PW_ADMIN), PW_ADMIN),
			Error::<Test>::LastAdmin
		);
		assert_noop!(
			Departments::remove_member(signed(TR_ADMIN), TR_ADMIN),
			Error::<Test>::LastAdmin
		);
	});
}

#[test]
fn remove_member_origin_errors() {
	test(|| {
		assert_noop!(
			Departments::remove_member(RuntimeOrigin::none(), PW_STEWARD),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::remove_member(signed(OUTSIDER), PW_STEWARD),
			Error::<Test>::NotMember
		);
		// Not even itself: only admins remove members.
		assert_noop!(
			Departments::remove_member(signed(PW_STEWARD), PW_STEWARD),
			Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			Departments::remove_member(signed(TR_ADMIN), PW_STEWARD),
			Error::<Test>::WrongDepartment
		);
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			Departments::remove_member(signed(PW_ADMIN), PW_STEWARD),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn remove_member_target_errors() {
	test(|| {
		assert_noop!(
			Departments::remove_member(signed(PW_ADMIN), OUTSIDER),
			Error::<Test>::NotMember
		);
		assert_noop!(Departments::remove_member(registrar(), OUTSIDER), Error::<Test>::NotMember);
	});
}

// ---- leave_department ----

#[test]
fn a_member_leaves_and_the_deposit_goes_back_to_its_payer() {
	test(|| {
		// Enrolled without being asked...
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Operator));
		// ...it leaves on its own.
		assert_ok!(Departments::leave_department(signed(NEWCOMER)));

		assert_eq!(Members::<Test>::get(NEWCOMER), None);
		assert_eq!(DepartmentMembers::<Test>::get(PUBLIC_WORKS, NEWCOMER), None);
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		// The admin who paid gets the deposit back; the leaver gets nothing and paid nothing.
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(Balances::free_balance(PW_ADMIN), ENDOWMENT);
		assert_eq!(Balances::free_balance(NEWCOMER), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::MemberLeft {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Operator,
				deposit: Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT }),
			}
		);
	});
}

#[test]
fn a_member_without_deposit_leaves() {
	test(|| {
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_eq!(role_of(PW_STEWARD), None);
		assert_eq!(counts(PUBLIC_WORKS), (2, 1));
		assert_eq!(
			last_event(),
			Event::MemberLeft {
				department: PUBLIC_WORKS,
				who: PW_STEWARD,
				role: Role::Steward,
				deposit: None,
			}
		);
	});
}

#[test]
fn after_leaving_an_account_may_join_any_department() {
	test(|| {
		assert_noop!(
			add_member(signed(TR_ADMIN), TRANSPORT, PW_OPERATOR, Role::Steward),
			Error::<Test>::AlreadyMember
		);
		assert_ok!(Departments::leave_department(signed(PW_OPERATOR)));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, PW_OPERATOR, Role::Steward));
		assert_eq!(role_of(PW_OPERATOR), Some((TRANSPORT, Role::Steward)));
	});
}

#[test]
fn members_may_leave_a_suspended_department() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		// Leaving takes power from no one but the leaver, so suspension does not stop it...
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_ok!(Departments::leave_department(signed(NEWCOMER)));
		assert_eq!(counts(PUBLIC_WORKS), (2, 1));
		assert_eq!(held(PW_ADMIN), 0);
		// ...but the last-admin rule still holds.
		assert_noop!(Departments::leave_department(signed(PW_ADMIN)), Error::<Test>::LastAdmin);
	});
}

#[test]
fn an_admin_may_leave_while_another_admin_stays() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		assert_ok!(Departments::leave_department(signed(PW_ADMIN)));
		assert_eq!(counts(PUBLIC_WORKS), (3, 1));
		assert_eq!(role_of(PW_ADMIN), None);
		// The leaver paid the new admin's deposit, and keeps paying it until that member goes.
		assert_eq!(held(PW_ADMIN), DEPOSIT);
		assert_eq!(
			last_event(),
			Event::MemberLeft {
				department: PUBLIC_WORKS,
				who: PW_ADMIN,
				role: Role::Admin,
				deposit: None,
			}
		);
		// Now the last admin, the new one may not leave.
		assert_noop!(Departments::leave_department(signed(NEWCOMER)), Error::<Test>::LastAdmin);
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_ok!(Departments::leave_department(signed(PW_OPERATOR)));
		assert_eq!(counts(PUBLIC_WORKS), (1, 1));
		assert_noop!(Departments::leave_department(signed(NEWCOMER)), Error::<Test>::LastAdmin);
		// The registrar can take it out (or an admin be added first).
		assert_ok!(Departments::remove_member(registrar(), NEWCOMER));
		assert_eq!(held(PW_ADMIN), 0);
	});
}

#[test]
fn the_last_admin_cannot_leave() {
	test(|| {
		assert_noop!(Departments::leave_department(signed(PW_ADMIN)), Error::<Test>::LastAdmin);
		// Even as the only member.
		assert_noop!(Departments::leave_department(signed(TR_ADMIN)), Error::<Test>::LastAdmin);
	});
}

#[test]
fn leave_department_errors() {
	test(|| {
		assert_noop!(
			Departments::leave_department(RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
		// The registrar has no membership to leave: it uses `remove_member`.
		assert_noop!(Departments::leave_department(registrar()), DispatchError::BadOrigin);
		assert_noop!(Departments::leave_department(signed(OUTSIDER)), Error::<Test>::NotMember);
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_noop!(Departments::leave_department(signed(PW_STEWARD)), Error::<Test>::NotMember);
	});
}

#[test]
fn member_left_reports_the_deposit_actually_released() {
	test(|| {
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward));
		slash_held(PW_ADMIN, 4);
		assert_ok!(Departments::leave_department(signed(NEWCOMER)));
		assert_eq!(
			last_event(),
			Event::MemberLeft {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Steward,
				deposit: Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT - 4 }),
			}
		);
		assert_eq!(held(PW_ADMIN), 0);
	});
}

// ---- the registrar's recovery powers ----

#[test]
fn registrar_may_remove_or_demote_the_last_admin() {
	test(|| {
		assert_ok!(Departments::remove_member(registrar(), TR_ADMIN));
		assert_eq!(counts(TRANSPORT), (0, 0));

		assert_ok!(Departments::set_member_role(registrar(), PW_ADMIN, Role::Steward));
		assert_eq!(counts(PUBLIC_WORKS), (3, 0));
		// Without an admin, nobody in the department can manage it; its other members still act.
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, NEWCOMER, Role::Steward),
			Error::<Test>::RoleNotAllowed
		);
		assert_eq!(Departments::ensure_role(&PW_STEWARD, &[Role::Steward]), Ok(PUBLIC_WORKS));
		// Until the registrar appoints one.
		assert_ok!(Departments::set_member_role(registrar(), PW_OPERATOR, Role::Admin));
		assert_ok!(add_member(signed(PW_OPERATOR), PUBLIC_WORKS, NEWCOMER, Role::Steward));
	});
}

#[test]
fn recovering_from_a_compromised_admin_key() {
	test(|| {
		// The compromised admin added an accomplice, paying its deposit.
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, OTHER, Role::Admin));

		// Governance stops the department, throws both keys out and installs a new admin.
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			Departments::remove_member(signed(OTHER), PW_STEWARD),
			Error::<Test>::DepartmentSuspended
		);
		assert_ok!(Departments::remove_member(registrar(), OTHER));
		assert_ok!(Departments::remove_member(registrar(), PW_ADMIN));
		assert_eq!(counts(PUBLIC_WORKS), (2, 0));
		assert_ok!(add_member(registrar(), PUBLIC_WORKS, NEWCOMER, Role::Admin));
		assert_ok!(Departments::reactivate_department(registrar(), PUBLIC_WORKS));

		// The new admin manages the department; the old keys can do nothing.
		assert_ok!(Departments::set_member_role(signed(NEWCOMER), PW_STEWARD, Role::Operator));
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, OTHER, Role::Admin),
			Error::<Test>::NotMember
		);
		// The accomplice's deposit went back to its payer.
		assert_eq!(held(PW_ADMIN), 0);
	});
}

#[test]
fn admin_actions_never_leave_a_department_without_admins() {
	test(|| {
		// Every sequence an admin can try ends with at least one admin.
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Admin));
		assert_ok!(Departments::set_member_role(signed(PW_STEWARD), PW_ADMIN, Role::Operator));
		assert_noop!(
			Departments::set_member_role(signed(PW_STEWARD), PW_STEWARD, Role::Operator),
			Error::<Test>::LastAdmin
		);
		assert_noop!(
			Departments::remove_member(signed(PW_STEWARD), PW_STEWARD),
			Error::<Test>::LastAdmin
		);
		assert_ok!(Departments::remove_member(signed(PW_STEWARD), PW_ADMIN));
		assert_ok!(Departments::remove_member(signed(PW_STEWARD), PW_OPERATOR));
		assert_eq!(counts(PUBLIC_WORKS), (1, 1));
	});
}

#[test]
fn every_member_change_emits_one_event_and_joining_two() {
	test(|| {
		System::reset_events();
		assert_ok!(add_member(registrar(), PARKS, NEWCOMER, Role::Admin));
		assert_ok!(Departments::set_member_role(registrar(), NEWCOMER, Role::Steward));
		assert_ok!(Departments::remove_member(registrar(), NEWCOMER));
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, NEWCOMER, Role::Operator));
		assert_ok!(Departments::leave_department(signed(NEWCOMER)));
		let deposit = Some(Deposit { depositor: TR_ADMIN, amount: DEPOSIT });
		assert_eq!(
			departments_events(),
			vec![
				Event::MemberInvited {
					department: PARKS,
					who: NEWCOMER,
					role: Role::Admin,
					deposit: None
				},
				Event::MemberAdded {
					department: PARKS,
					who: NEWCOMER,
					role: Role::Admin,
					deposit: None
				},
				Event::MemberRoleChanged {
					department: PARKS,
					who: NEWCOMER,
					old_role: Role::Admin,
					new_role: Role::Steward,
				},
				Event::MemberRemoved {
					department: PARKS,
					who: NEWCOMER,
					role: Role::Steward,
					deposit: None,
				},
				Event::MemberInvited {
					department: TRANSPORT,
					who: NEWCOMER,
					role: Role::Operator,
					deposit: deposit.clone(),
				},
				Event::MemberAdded {
					department: TRANSPORT,
					who: NEWCOMER,
					role: Role::Operator,
					deposit: deposit.clone(),
				},
				Event::MemberLeft {
					department: TRANSPORT,
					who: NEWCOMER,
					role: Role::Operator,
					deposit,
				},
			]
		);
	});
}

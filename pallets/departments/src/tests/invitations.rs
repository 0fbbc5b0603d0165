//! Invitations: nobody acts for a department without having agreed to. An admin (or the
//! registrar) invites; the account accepts or declines; the inviter may withdraw.

use super::*;
use crate::{Deposit, Error, Event, Invitations, Members, Membership};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_runtime::DispatchError;

const NEWCOMER: AccountId = 10;

fn invite(origin: RuntimeOrigin, who: AccountId, role: Role) -> sp_runtime::DispatchResult {
	Departments::invite_member(origin, PUBLIC_WORKS, who, role)
}

fn admins_deposit() -> Option<Deposit<AccountId, Balance>> {
	Some(Deposit { depositor: PW_ADMIN, amount: DEPOSIT })
}

#[test]
fn an_invited_account_acts_for_nobody_until_it_accepts() {
	test(|| {
		assert_ok!(invite(signed(PW_ADMIN), NEWCOMER, Role::Steward));
		assert_eq!(
			last_event(),
			Event::MemberInvited {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Steward,
				deposit: admins_deposit(),
			}
		);
		// Paid for from the invitation on; not a member yet.
		assert_eq!(held(PW_ADMIN), DEPOSIT);
		assert_eq!(Members::<Test>::get(NEWCOMER), None);
		assert_eq!(
			<Departments as crate::DepartmentRegistry<AccountId>>::membership(&NEWCOMER),
			None
		);

		assert_ok!(Departments::accept_invitation(signed(NEWCOMER)));
		assert_eq!(Invitations::<Test>::get(NEWCOMER), None);
		assert_eq!(
			Members::<Test>::get(NEWCOMER),
			Some(Membership {
				department: PUBLIC_WORKS,
				role: Role::Steward,
				deposit: admins_deposit()
			})
		);
		assert_eq!(held(PW_ADMIN), DEPOSIT);
		assert_eq!(
			last_event(),
			Event::MemberAdded {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				role: Role::Steward,
				deposit: admins_deposit(),
			}
		);
	});
}

#[test]
fn the_invited_account_may_decline_and_the_admin_gets_the_deposit_back() {
	test(|| {
		assert_ok!(invite(signed(PW_ADMIN), NEWCOMER, Role::Operator));
		assert_ok!(Departments::decline_invitation(signed(NEWCOMER)));
		assert_eq!(Invitations::<Test>::get(NEWCOMER), None);
		assert_eq!(Members::<Test>::get(NEWCOMER), None);
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(
			last_event(),
			Event::InvitationDeclined {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				deposit: admins_deposit(),
			}
		);
		assert_noop!(Departments::accept_invitation(signed(NEWCOMER)), Error::<Test>::NoInvitation);
		assert_noop!(
			Departments::decline_invitation(signed(NEWCOMER)),
			Error::<Test>::NoInvitation
		);
		assert_noop!(
			Departments::decline_invitation(RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::accept_invitation(RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_inviter_or_the_registrar_may_withdraw_an_invitation() {
	test(|| {
		assert_ok!(invite(signed(PW_ADMIN), NEWCOMER, Role::Operator));
		// Only the department's admins, or the registrar.
		assert_noop!(
			Departments::cancel_invitation(signed(TR_ADMIN), NEWCOMER),
			Error::<Test>::WrongDepartment
		);
		assert_noop!(
			Departments::cancel_invitation(signed(PW_STEWARD), NEWCOMER),
			Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			Departments::cancel_invitation(signed(PW_ADMIN), OUTSIDER),
			Error::<Test>::NoInvitation
		);
		assert_ok!(Departments::cancel_invitation(signed(PW_ADMIN), NEWCOMER));
		assert_eq!(held(PW_ADMIN), 0);
		assert_eq!(
			last_event(),
			Event::InvitationCancelled {
				department: PUBLIC_WORKS,
				who: NEWCOMER,
				deposit: admins_deposit(),
			}
		);

		assert_ok!(invite(registrar(), NEWCOMER, Role::Admin));
		assert_ok!(Departments::cancel_invitation(registrar(), NEWCOMER));
		assert_eq!(
			last_event(),
			Event::InvitationCancelled { department: PUBLIC_WORKS, who: NEWCOMER, deposit: None }
		);
	});
}

#[test]
fn an_account_has_one_invitation_at_a_time_and_members_none() {
	test(|| {
		assert_ok!(invite(signed(PW_ADMIN), NEWCOMER, Role::Operator));
		assert_noop!(
			invite(signed(PW_ADMIN), NEWCOMER, Role::Steward),
			Error::<Test>::AlreadyInvited
		);
		assert_noop!(
			Departments::invite_member(signed(TR_ADMIN), TRANSPORT, NEWCOMER, Role::Steward),
			Error::<Test>::AlreadyInvited
		);
		assert_noop!(
			invite(signed(PW_ADMIN), PW_STEWARD, Role::Operator),
			Error::<Test>::AlreadyMember
		);
	});
}

#[test]
fn an_invitation_is_refused_when_the_department_is_full_and_accepting_rechecks_it() {
	test(|| {
		let max: u32 = <Test as crate::Config>::MaxMembers::get();
		let members = crate::Departments::<Test>::get(PUBLIC_WORKS).unwrap().member_count;
		// Invitations do not count as members: invite one more than fits…
		for who in 0..=(max - members) {
			assert_ok!(invite(registrar(), 100 + who as AccountId, Role::Operator));
		}
		// … all but the last accept.
		for who in 0..(max - members) {
			assert_ok!(Departments::accept_invitation(signed(100 + who as AccountId)));
		}
		let last = 100 + (max - members) as AccountId;
		assert_noop!(Departments::accept_invitation(signed(last)), Error::<Test>::TooManyMembers);
		assert_noop!(invite(registrar(), 500, Role::Operator), Error::<Test>::TooManyMembers);
		// The one left over can still decline.
		assert_ok!(Departments::decline_invitation(signed(last)));
	});
}

#[test]
fn an_admin_who_cannot_pay_cannot_invite() {
	test(|| {
		assert_ok!(add_member(registrar(), PARKS, PAUPER, Role::Admin));
		assert_noop!(
			Departments::invite_member(signed(PAUPER), PARKS, NEWCOMER, Role::Operator),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

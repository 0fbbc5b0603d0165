//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{
	AssetGrants, Deposit, GranteeGrants, Grants, OpenRequests, OwnerApproval, OwnerGrants,
	OwnerRequests, Requests,
};
use frame_support::traits::{
	fungible::MutateHold,
	tokens::{Fortitude, Precision},
};

/// The open request of [`broken`]'s state (request 0 became grant 0).
const OPEN: RequestId = 1;

/// Runs `corrupt` on a state with an open request ([`OPEN`], Transport for the Confidential asset,
/// deposit from Transport's steward) and two grants (0, Transport on the Internal asset, deposit
/// from Transport's steward; 1, Health on the Internal asset, deposit from Public Works' steward),
/// and expects `do_try_state` to fail with `expected`.
fn broken(corrupt: impl FnOnce(), expected: &'static str) {
	ExtBuilder::default().build().execute_with(|| {
		granted_request(INTERNAL_ASSET);
		direct_grant(INTERNAL_ASSET, HEALTH, Some(3));
		open_request(CONFIDENTIAL_ASSET);
		assert_ok!(AccessGrants::do_try_state());
		corrupt();
		assert_eq!(AccessGrants::do_try_state(), Err(expected.into()));
	});
}

fn grant_mut(grant: GrantId, change: impl FnOnce(&mut crate::GrantOf<Test>)) {
	Grants::<Test>::mutate(grant, |record| change(record.as_mut().unwrap()));
}

fn request_mut(request: RequestId, change: impl FnOnce(&mut crate::RequestOf<Test>)) {
	Requests::<Test>::mutate(request, |record| change(record.as_mut().unwrap()));
}

#[test]
fn holds_through_a_busy_life() {
	ExtBuilder::default()
		.grant(PW_STEWARD, CONFIDENTIAL_ASSET, HEALTH, 5, None)
		.request(HL_STEWARD, INTERNAL_ASSET, b"genesis")
		.build_and_execute(|| {
			let grant = granted_request(INTERNAL_ASSET);
			record(INTERNAL_ASSET, grant, 1);
			let restricted = open_request(RESTRICTED_ASSET);
			assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), restricted, None, None));
			assert_ok!(AccessGrants::do_try_state());
			assert_ok!(AccessGrants::oversight_approve(
				oversight(),
				crate::OversightSubject::Request(restricted)
			));
			assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("x")));
			run_to(100);
			assert_ok!(AccessGrants::purge_expired(
				signed(OUTSIDER),
				vec![0, 2].try_into().unwrap()
			));
		});
}

// ---- requests ----

#[test]
fn catches_a_request_id_at_or_above_next_id() {
	broken(|| NextRequestId::<Test>::put(OPEN), "request id not below NextRequestId");
}

#[test]
fn catches_a_request_of_an_owner_for_its_own_asset() {
	broken(|| request_mut(OPEN, |r| r.owner = TRANSPORT), "request of an owner for its own asset");
}

#[test]
fn catches_a_request_duration_out_of_bounds() {
	broken(|| request_mut(OPEN, |r| r.duration = 0), "request duration out of bounds");
	broken(
		|| request_mut(OPEN, |r| r.duration = MAX_DURATION + 1),
		"request duration out of bounds",
	);
}

#[test]
fn catches_an_approval_out_of_bounds() {
	let approval = |duration, max_uses| {
		move || {
			request_mut(OPEN, |r| {
				r.owner_approval = Some(OwnerApproval { by: PW_STEWARD, duration, max_uses })
			})
		}
	};
	broken(approval(DURATION + 1, None), "approved duration out of bounds");
	broken(approval(0, None), "approved duration out of bounds");
	broken(approval(DURATION, Some(0)), "approved cap is zero");
}

#[test]
fn catches_an_owner_approval_not_waiting_for_oversight() {
	let message = "owner approval kept on a request not waiting for oversight";
	let approval = OwnerApproval { by: PW_STEWARD, duration: DURATION, max_uses: None };
	// The open request is for the Confidential asset: it does not need the office.
	broken(|| request_mut(OPEN, |r| r.owner_approval = Some(approval.clone())), message);
	broken(
		|| {
			request_mut(OPEN, |r| {
				r.owner_approval = Some(approval.clone());
				r.oversight_required = true;
				r.oversight_approved = true;
			})
		},
		message,
	);
}

#[test]
fn catches_an_oversight_approval_of_a_request_that_does_not_need_it() {
	broken(
		|| request_mut(OPEN, |r| r.oversight_approved = true),
		"oversight approval on a request that does not need it",
	);
}

#[test]
fn catches_a_missing_or_wrong_open_request_entry() {
	let missing = "OpenRequests does not point back to the request";
	broken(|| OpenRequests::<Test>::remove(CONFIDENTIAL_ASSET, TRANSPORT), missing);
	broken(|| OpenRequests::<Test>::insert(CONFIDENTIAL_ASSET, TRANSPORT, 7), missing);
}

#[test]
fn catches_a_stray_open_request_entry() {
	broken(
		|| OpenRequests::<Test>::insert(INTERNAL_ASSET, HEALTH, OPEN),
		"OpenRequests has entries of no request",
	);
}

#[test]
fn catches_a_missing_owner_request_entry() {
	broken(
		|| OwnerRequests::<Test>::remove(PUBLIC_WORKS, OPEN),
		"OwnerRequests does not list the request",
	);
}

#[test]
fn catches_a_stray_owner_request_entry() {
	broken(
		|| OwnerRequests::<Test>::insert(HEALTH, OPEN, ()),
		"OwnerRequests has entries of no request",
	);
}

// ---- grants ----

#[test]
fn catches_a_grant_id_at_or_above_next_id() {
	broken(|| NextGrantId::<Test>::put(1), "grant id not below NextGrantId");
}

#[test]
fn catches_a_grant_of_an_owner_to_itself() {
	broken(|| grant_mut(1, |g| g.grantee = PUBLIC_WORKS), "grant of an owner to itself");
}

#[test]
fn catches_a_grant_expiring_before_it_was_issued() {
	broken(|| grant_mut(1, |g| g.expires_at = 0), "grant expires before it was issued");
}

#[test]
fn catches_a_zero_cap() {
	broken(|| grant_mut(1, |g| g.max_uses = Some(0)), "grant cap is zero");
}

#[test]
fn catches_uses_beyond_the_cap() {
	broken(|| grant_mut(1, |g| g.uses = 4), "grant used more often than its cap");
}

#[test]
fn catches_an_oversight_approval_of_a_grant_that_does_not_need_it() {
	broken(
		|| grant_mut(1, |g| g.oversight_approved = true),
		"oversight approval on a grant that does not need it",
	);
}

#[test]
fn catches_a_missing_or_wrong_asset_grants_entry() {
	let missing = "AssetGrants does not point back to the grant";
	broken(|| AssetGrants::<Test>::remove(INTERNAL_ASSET, HEALTH), missing);
	broken(|| AssetGrants::<Test>::insert(INTERNAL_ASSET, HEALTH, 0), missing);
}

#[test]
fn catches_a_stray_asset_grants_entry() {
	broken(
		|| AssetGrants::<Test>::insert(RESTRICTED_ASSET, HEALTH, 1),
		"AssetGrants has entries of no grant",
	);
}

#[test]
fn catches_a_missing_grantee_grants_entry() {
	broken(|| GranteeGrants::<Test>::remove(HEALTH, 1), "GranteeGrants does not list the grant");
}

#[test]
fn catches_a_stray_grantee_grants_entry() {
	broken(
		|| GranteeGrants::<Test>::insert(HEALTH, 0, ()),
		"GranteeGrants has entries of no grant",
	);
}

#[test]
fn catches_a_missing_owner_grants_entry() {
	broken(|| OwnerGrants::<Test>::remove(PUBLIC_WORKS, 0), "OwnerGrants does not list the grant");
}

#[test]
fn catches_a_stray_owner_grants_entry() {
	broken(|| OwnerGrants::<Test>::insert(HEALTH, 1, ()), "OwnerGrants has entries of no grant");
}

// ---- deposits ----

const HOLD_MISMATCH: &str = "recorded deposits disagree with the hold";

#[test]
fn catches_a_zero_deposit() {
	broken(
		|| grant_mut(1, |g| g.deposit = Some(Deposit { depositor: PW_STEWARD, amount: 0 })),
		"zero deposit recorded",
	);
}

#[test]
fn catches_a_recorded_deposit_larger_than_the_hold() {
	broken(
		|| request_mut(OPEN, |r| r.deposit.as_mut().unwrap().amount = DEPOSIT + 1),
		HOLD_MISMATCH,
	);
}

#[test]
fn catches_a_deposit_recorded_against_the_wrong_payer() {
	broken(|| grant_mut(1, |g| g.deposit.as_mut().unwrap().depositor = HL_STEWARD), HOLD_MISMATCH);
}

#[test]
fn catches_a_lost_deposit_record() {
	broken(|| grant_mut(0, |g| g.deposit = None), HOLD_MISMATCH);
}

#[test]
fn catches_a_hold_reduced_outside_the_pallet() {
	broken(
		|| {
			assert_ok!(Balances::burn_held(
				&crate::HoldReason::StorageDeposit.into(),
				&TR_STEWARD,
				1,
				Precision::Exact,
				Fortitude::Force
			));
		},
		HOLD_MISMATCH,
	);
}

//! `purge_expired`: permissionless, bounded clean-up of ended grants.

use super::*;
use crate::{AssetGrants, Deposit, Error, Event, GranteeGrants, Grants, OwnerGrants, PurgeListOf};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn list(grants: &[GrantId]) -> PurgeListOf<Test> {
	grants.to_vec().try_into().expect("at most MaxPurge")
}

fn purge(grants: &[GrantId]) -> frame_support::dispatch::DispatchResult {
	AccessGrants::purge_expired(signed(OUTSIDER), list(grants))
}

#[test]
fn anyone_purges_ended_grants_and_the_payers_get_their_deposits() {
	test(|| {
		let expired = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let exhausted = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, Some(1));
		record(CONFIDENTIAL_ASSET, exhausted, 0);
		let from_request = granted_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::oversight_approve(
			oversight(),
			crate::OversightSubject::Request(0)
		));
		let health = direct_grant(INTERNAL_ASSET, HEALTH, None);
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (3 * DEPOSIT, DEPOSIT));
		run_to(1 + DURATION);

		assert_ok!(purge(&[expired, exhausted, from_request, health]));

		for grant in [expired, exhausted, from_request, health] {
			assert_eq!(Grants::<Test>::get(grant), None);
		}
		assert_eq!(AssetGrants::<Test>::iter().count(), 0);
		assert_eq!(GranteeGrants::<Test>::iter().count(), 0);
		assert_eq!(OwnerGrants::<Test>::iter().count(), 0);
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, 0));
		assert_eq!(Balances::free_balance(OUTSIDER), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::GrantPurged {
				grant: health,
				deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
			}
		);
		assert_eq!(
			access_events().iter().filter(|e| matches!(e, Event::GrantPurged { .. })).count(),
			4
		);
	});
}

#[test]
fn grants_that_can_never_give_access_again_are_purgeable_before_expiry() {
	test(|| {
		let exhausted = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, Some(1));
		record(CONFIDENTIAL_ASSET, exhausted, 0);
		let retired = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		MockAssets::retire(INTERNAL_ASSET);
		let vanished = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		MockAssets::remove(RESTRICTED_ASSET);
		let active = NextGrantId::<Test>::get();
		assert_ok!(AccessGrants::grant_access(
			signed(TR_STEWARD),
			TRANSPORT_ASSET,
			HEALTH,
			purpose("buses"),
			Scope::Read,
			DURATION,
			None
		));
		assert_ok!(purge(&[exhausted, retired, vanished]));
		assert_eq!(Grants::<Test>::iter_keys().collect::<Vec<_>>(), vec![active]);
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, DEPOSIT));
	});
}

#[test]
fn a_grant_of_an_asset_that_changed_hands_is_purgeable() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(purge(&[grant]), Error::<Test>::GrantStillValid);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		assert_ok!(purge(&[grant]));
		assert_eq!(Grants::<Test>::get(grant), None);
	});
}

#[test]
fn a_grant_of_an_asset_that_changed_hands_and_came_back_stays_purgeable() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		assert_ok!(purge(&[grant]));
		assert_eq!(Grants::<Test>::get(grant), None);
		assert_eq!(held(PW_STEWARD), 0);
	});
}

#[test]
fn purge_refuses_grants_that_may_still_give_access() {
	test(|| {
		let active = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let pending = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		let suspended = direct_grant(CONFIDENTIAL_ASSET, HEALTH, None);
		suspend(HEALTH);
		for grant in [active, pending, suspended] {
			assert_noop!(purge(&[grant]), Error::<Test>::GrantStillValid);
		}
		suspend(PUBLIC_WORKS);
		assert_noop!(purge(&[active]), Error::<Test>::GrantStillValid);
	});
}

#[test]
fn purge_is_all_or_nothing() {
	test(|| {
		let ended = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(1));
		record(INTERNAL_ASSET, ended, 0);
		let active = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		assert_noop!(purge(&[ended, active]), Error::<Test>::GrantStillValid);
		assert_noop!(purge(&[ended, 99]), Error::<Test>::UnknownGrant);
		assert_noop!(purge(&[ended, ended]), Error::<Test>::DuplicateGrant);
		assert!(Grants::<Test>::contains_key(ended));
	});
}

#[test]
fn purge_needs_a_signed_origin() {
	test(|| {
		assert_noop!(
			AccessGrants::purge_expired(RuntimeOrigin::root(), list(&[])),
			DispatchError::BadOrigin
		);
		// An empty list is a no-op.
		assert_ok!(purge(&[]));
	});
}

// ---- `purge_request`: requests that can never be decided ----

fn purge_request(request: crate::RequestId) -> frame_support::dispatch::DispatchResult {
	AccessGrants::purge_request(signed(OUTSIDER), request)
}

/// `request` is gone with its indexes, and its deposit is back with Transport's steward.
fn assert_request_purged(request: crate::RequestId) {
	assert_eq!(crate::Requests::<Test>::get(request), None);
	assert_eq!(crate::OpenRequests::<Test>::iter().count(), 0);
	assert_eq!(crate::OwnerRequests::<Test>::iter().count(), 0);
	assert_eq!(held(TR_STEWARD), 0);
	assert_eq!(Balances::free_balance(OUTSIDER), ENDOWMENT);
	assert_eq!(
		last_event(),
		Event::RequestPurged {
			request,
			deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
		}
	);
}

#[test]
fn anyone_purges_a_request_whose_asset_was_retired() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		assert_eq!(held(TR_STEWARD), DEPOSIT);
		MockAssets::retire(INTERNAL_ASSET);
		assert_ok!(purge_request(request));
		assert_request_purged(request);
	});
}

#[test]
fn anyone_purges_a_request_whose_asset_is_gone() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		MockAssets::remove(INTERNAL_ASSET);
		assert_ok!(purge_request(request));
		assert_request_purged(request);
	});
}

#[test]
fn anyone_purges_a_request_whose_asset_changed_hands_even_if_it_came_back() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		assert_ok!(purge_request(request));
		assert_request_purged(request);
		// The requester may ask anew, of the owner now.
		let again = open_request(INTERNAL_ASSET);
		assert!(crate::Requests::<Test>::get(again).is_some());
	});
}

#[test]
fn purge_request_refuses_a_request_that_can_still_be_decided() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_noop!(purge_request(request), Error::<Test>::RequestStillValid);
		// Waiting for the office, or of a suspended department: still decidable.
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		suspend(TRANSPORT);
		assert_noop!(purge_request(request), Error::<Test>::RequestStillValid);
		assert_noop!(purge_request(99), Error::<Test>::UnknownRequest);
		assert_noop!(
			AccessGrants::purge_request(RuntimeOrigin::none(), request),
			DispatchError::BadOrigin
		);
	});
}

// ---- legal holds: nothing held is purged ----

#[test]
fn requests_and_ended_grants_under_legal_hold_are_not_purged() {
	use city_primitives::{RecordId, TestLegalHolds};
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		let expired = direct_grant(CONFIDENTIAL_ASSET, HEALTH, None);
		run_to(1 + DURATION);
		MockAssets::retire(INTERNAL_ASSET);

		// The asset's own hold.
		TestLegalHolds::place(RecordId::Asset(INTERNAL_ASSET));
		assert_noop!(purge_request(request), Error::<Test>::UnderLegalHold);
		TestLegalHolds::lift(RecordId::Asset(INTERNAL_ASSET));
		// The requester's (Transport's) hold.
		TestLegalHolds::place(RecordId::Department(TRANSPORT));
		assert_noop!(purge_request(request), Error::<Test>::UnderLegalHold);
		TestLegalHolds::lift(RecordId::Department(TRANSPORT));

		// The grantee's (Health's) hold, and the owner's (Public Works').
		TestLegalHolds::place(RecordId::Department(HEALTH));
		assert_noop!(purge(&[expired]), Error::<Test>::UnderLegalHold);
		TestLegalHolds::lift(RecordId::Department(HEALTH));
		TestLegalHolds::place(RecordId::Department(PUBLIC_WORKS));
		assert_noop!(purge(&[expired]), Error::<Test>::UnderLegalHold);
		TestLegalHolds::lift(RecordId::Department(PUBLIC_WORKS));

		// Lifted, both go.
		assert_ok!(purge_request(request));
		assert_ok!(purge(&[expired]));
	});
}

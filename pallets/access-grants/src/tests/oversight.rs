//! `Restricted` assets: owner and oversight office approve in either order; the office rejects.

use super::*;
use crate::{
	AssetGrants, Classification, Deposit, Error, Event, GrantSource, Grants, OversightSubject,
	OwnerApproval, Requests,
};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn approve(subject: OversightSubject) -> frame_support::dispatch::DispatchResult {
	AccessGrants::oversight_approve(oversight(), subject)
}

fn reject(subject: OversightSubject, why: &str) -> frame_support::dispatch::DispatchResult {
	AccessGrants::oversight_reject(oversight(), subject, reason(why))
}

#[test]
fn owner_then_oversight_issues_the_grant() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, Some(5), Some(2)));

		// Kept on the request, waiting for the office.
		let record = Requests::<Test>::get(request).unwrap();
		assert_eq!(
			record.owner_approval,
			Some(OwnerApproval { by: PW_STEWARD, duration: 5, max_uses: Some(2) })
		);
		assert!(!record.oversight_approved);
		assert_eq!(
			last_event(),
			Event::RequestApproved {
				request,
				who: PW_STEWARD,
				duration: 5,
				max_uses: Some(2),
				awaiting_oversight: true,
			}
		);
		assert_eq!(Grants::<Test>::iter().count(), 0);
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), denied(DenialReason::NoGrant));

		// The duration counts from the second approval.
		run_to(3);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_eq!(Requests::<Test>::get(request), None);
		let grant = Grants::<Test>::get(0).unwrap();
		assert_eq!(
			(grant.granted_by, grant.source, grant.expires_at, grant.max_uses),
			(PW_STEWARD, GrantSource::Request(request), 8, Some(2))
		);
		assert!(grant.oversight_approved);
		assert_eq!(held(TR_STEWARD), DEPOSIT);
		let events = access_events();
		assert_eq!(
			events[events.len() - 2],
			Event::OversightApproved {
				subject: OversightSubject::Request(request),
				awaiting_owner: false
			}
		);
		assert!(matches!(
			last_event(),
			Event::GrantIssued { grant: 0, pending_oversight: false, .. }
		));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(0, 8, Some(2)));
	});
}

#[test]
fn oversight_then_owner_issues_the_grant() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert!(Requests::<Test>::get(request).unwrap().oversight_approved);
		assert_eq!(
			last_event(),
			Event::OversightApproved {
				subject: OversightSubject::Request(request),
				awaiting_owner: true
			}
		);

		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(AssetGrants::<Test>::get(RESTRICTED_ASSET, TRANSPORT), Some(0));
		assert!(matches!(
			last_event(),
			Event::GrantIssued { grant: 0, pending_oversight: false, .. }
		));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(0, 1 + DURATION, None));
	});
}

#[test]
fn oversight_approve_errors_on_requests() {
	test(|| {
		let restricted = open_request(RESTRICTED_ASSET);
		let internal = open_request(INTERNAL_ASSET);
		assert_noop!(
			AccessGrants::oversight_approve(
				signed(PW_STEWARD),
				OversightSubject::Request(restricted)
			),
			DispatchError::BadOrigin
		);
		assert_noop!(approve(OversightSubject::Request(99)), Error::<Test>::UnknownRequest);
		assert_noop!(
			approve(OversightSubject::Request(internal)),
			Error::<Test>::OversightNotRequired
		);
		MockAssets::transfer(RESTRICTED_ASSET, HEALTH);
		assert_noop!(approve(OversightSubject::Request(restricted)), Error::<Test>::OwnerChanged);
		MockAssets::transfer(RESTRICTED_ASSET, PUBLIC_WORKS);
		MockAssets::retire(RESTRICTED_ASSET);
		assert_noop!(approve(OversightSubject::Request(restricted)), Error::<Test>::AssetRetired);
		MockAssets::remove(RESTRICTED_ASSET);
		assert_noop!(approve(OversightSubject::Request(restricted)), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn oversight_approves_a_request_once() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_noop!(approve(OversightSubject::Request(request)), Error::<Test>::AlreadyApproved);
	});
}

#[test]
fn oversight_approval_that_would_issue_a_grant_checks_the_pair_and_ids() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		NextGrantId::<Test>::put(GrantId::MAX);
		assert_noop!(approve(OversightSubject::Request(request)), Error::<Test>::NoGrantIdLeft);
		NextGrantId::<Test>::put(0);
		direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert_noop!(approve(OversightSubject::Request(request)), Error::<Test>::AlreadyGranted);
	});
}

#[test]
fn oversight_approve_errors_on_grants() {
	test(|| {
		let restricted = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		let internal = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(approve(OversightSubject::Grant(99)), Error::<Test>::UnknownGrant);
		assert_noop!(
			approve(OversightSubject::Grant(internal)),
			Error::<Test>::OversightNotRequired
		);
		run_to(1 + DURATION);
		assert_noop!(approve(OversightSubject::Grant(restricted)), Error::<Test>::GrantExpired);
	});
}

#[test]
fn oversight_approves_a_grant_once() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert_ok!(approve(OversightSubject::Grant(grant)));
		assert!(Grants::<Test>::get(grant).unwrap().oversight_approved);
		assert_eq!(
			last_event(),
			Event::OversightApproved {
				subject: OversightSubject::Grant(grant),
				awaiting_owner: false
			}
		);
		assert_noop!(approve(OversightSubject::Grant(grant)), Error::<Test>::AlreadyApproved);
	});
}

#[test]
fn oversight_rejects_a_request_even_one_the_owner_approved() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_ok!(reject(OversightSubject::Request(request), "no legal basis"));

		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(held(TR_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::OversightRejected {
				subject: OversightSubject::Request(request),
				reason: reason("no legal basis"),
				deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
			}
		);
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn oversight_rejects_a_pending_grant() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert_ok!(reject(OversightSubject::Grant(grant), "too broad"));

		assert_eq!(Grants::<Test>::get(grant), None);
		assert_eq!(AssetGrants::<Test>::get(RESTRICTED_ASSET, TRANSPORT), None);
		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::OversightRejected {
				subject: OversightSubject::Grant(grant),
				reason: reason("too broad"),
				deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
			}
		);
	});
}

#[test]
fn oversight_reject_errors() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		let internal_request = open_request(INTERNAL_ASSET);
		let grant = direct_grant(RESTRICTED_ASSET, HEALTH, None);
		let internal_grant = direct_grant(CONFIDENTIAL_ASSET, HEALTH, None);
		assert_noop!(
			AccessGrants::oversight_reject(
				signed(PW_STEWARD),
				OversightSubject::Request(request),
				reason("x")
			),
			DispatchError::BadOrigin
		);
		assert_noop!(reject(OversightSubject::Request(request), ""), Error::<Test>::EmptyReason);
		assert_noop!(reject(OversightSubject::Request(99), "x"), Error::<Test>::UnknownRequest);
		assert_noop!(reject(OversightSubject::Grant(99), "x"), Error::<Test>::UnknownGrant);
		assert_noop!(
			reject(OversightSubject::Request(internal_request), "x"),
			Error::<Test>::OversightNotRequired
		);
		assert_noop!(
			reject(OversightSubject::Grant(internal_grant), "x"),
			Error::<Test>::OversightNotRequired
		);

		assert_ok!(approve(OversightSubject::Request(request)));
		assert_ok!(approve(OversightSubject::Grant(grant)));
		assert_noop!(
			reject(OversightSubject::Request(request), "x"),
			Error::<Test>::AlreadyApproved
		);
		assert_noop!(reject(OversightSubject::Grant(grant), "x"), Error::<Test>::AlreadyApproved);
	});
}

#[test]
fn oversight_reject_refuses_a_request_of_a_vanished_asset() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		MockAssets::remove(RESTRICTED_ASSET);
		assert_noop!(reject(OversightSubject::Request(request), "x"), Error::<Test>::UnknownAsset);
		// The parties can still clear it.
		assert_ok!(AccessGrants::cancel_request(signed(TR_STEWARD), request));
	});
}

#[test]
fn a_grant_from_a_request_on_an_asset_reclassified_later_stays_approved() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Confidential);
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Restricted);
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(0, 1 + DURATION, None));
	});
}

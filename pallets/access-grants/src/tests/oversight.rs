//! `Restricted` assets: owner and oversight office approve in either order; the office rejects.

use super::*;
use crate::{
	AssetGrants, Classification, Deposit, Error, Event, GrantSource, Grants, OversightSubject,
	OwnerApproval, Requests, Role,
};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn approve(subject: OversightSubject) -> frame_support::dispatch::DispatchResultWithPostInfo {
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

// ---- Oversight is sticky: a downgrade does not skip it ----

#[test]
fn a_direct_grant_pending_oversight_stays_pending_after_a_downgrade() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert!(Grants::<Test>::get(grant).unwrap().oversight_required);
		// The owner's steward downgrades the asset: the grant still waits for the office.
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Confidential);
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), denied(DenialReason::PendingOversight));
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), RESTRICTED_ASSET, grant, [0; 32]),
			Error::<Test>::PendingOversight
		);
		assert_noop!(
			AccessGrants::purge_expired(signed(OUTSIDER), vec![grant].try_into().unwrap()),
			Error::<Test>::GrantStillValid
		);
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Internal);
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), denied(DenialReason::PendingOversight));

		// And the office can still reject it.
		assert_ok!(reject(OversightSubject::Grant(grant), "too broad"));
		assert_eq!(Grants::<Test>::get(grant), None);
		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::OversightRejected {
				subject: OversightSubject::Grant(grant),
				reason: reason("too broad"),
				deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
			}
		);
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), denied(DenialReason::NoGrant));
	});
}

#[test]
fn the_office_approves_a_downgraded_grant_and_decides_once() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Confidential);
		assert_ok!(approve(OversightSubject::Grant(grant)));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(grant, 1 + DURATION, None));
		assert_noop!(approve(OversightSubject::Grant(grant)), Error::<Test>::AlreadyApproved);
		assert_noop!(reject(OversightSubject::Grant(grant), "x"), Error::<Test>::AlreadyApproved);
	});
}

#[test]
fn a_request_on_a_restricted_asset_still_needs_the_office_after_a_downgrade() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert!(Requests::<Test>::get(request).unwrap().oversight_required);
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Internal);

		// The owner's approval waits for the office.
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert!(matches!(last_event(), Event::RequestApproved { awaiting_oversight: true, .. }));
		assert_eq!(Grants::<Test>::iter().count(), 0);

		// The office decides although the asset is no longer `Restricted`.
		assert_ok!(approve(OversightSubject::Request(request)));
		let grant = Grants::<Test>::get(0).unwrap();
		assert!(grant.oversight_required && grant.oversight_approved);
		assert!(matches!(
			last_event(),
			Event::GrantIssued { grant: 0, pending_oversight: false, .. }
		));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(0, 1 + DURATION, None));
	});
}

#[test]
fn the_office_rejects_a_downgraded_request() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		MockAssets::reclassify(RESTRICTED_ASSET, Classification::Confidential);
		assert_ok!(reject(OversightSubject::Request(request), "no"));
		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(held(TR_STEWARD), 0);
	});
}

#[test]
fn an_owner_approval_given_while_restricted_keeps_waiting_for_the_office() {
	test(|| {
		// Asked while Confidential, approved by the owner once Restricted, then downgraded.
		let request = open_request(CONFIDENTIAL_ASSET);
		assert!(!Requests::<Test>::get(request).unwrap().oversight_required);
		MockAssets::reclassify(CONFIDENTIAL_ASSET, Classification::Restricted);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert!(Requests::<Test>::get(request).unwrap().oversight_required);
		MockAssets::reclassify(CONFIDENTIAL_ASSET, Classification::Confidential);

		// Neither stuck nor granted without the office: the office decides.
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::AlreadyApproved
		);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_eq!(decision(TRANSPORT, CONFIDENTIAL_ASSET), allowed(0, 1 + DURATION, None));
	});
}

#[test]
fn a_grant_on_an_asset_reclassified_restricted_needs_the_office_only_while_it_is() {
	test(|| {
		let grant = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		assert!(!Grants::<Test>::get(grant).unwrap().oversight_required);
		MockAssets::reclassify(CONFIDENTIAL_ASSET, Classification::Restricted);
		assert_eq!(decision(TRANSPORT, CONFIDENTIAL_ASSET), denied(DenialReason::PendingOversight));
		// Issued without the office, so back to its classification when issued, it gives access
		// again; the office could have rejected it meanwhile.
		MockAssets::reclassify(CONFIDENTIAL_ASSET, Classification::Confidential);
		assert_eq!(decision(TRANSPORT, CONFIDENTIAL_ASSET), allowed(grant, 1 + DURATION, None));
		assert_noop!(
			reject(OversightSubject::Grant(grant), "x"),
			Error::<Test>::OversightNotRequired
		);
		MockAssets::reclassify(CONFIDENTIAL_ASSET, Classification::Restricted);
		assert_ok!(reject(OversightSubject::Grant(grant), "x"));
	});
}

// ---- Periods of ownership and suspended requesters ----

#[test]
fn the_office_cannot_approve_after_the_asset_changed_hands_and_came_back() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		let grant = direct_grant(RESTRICTED_ASSET, HEALTH, None);
		MockAssets::transfer(RESTRICTED_ASSET, HEALTH);
		MockAssets::transfer(RESTRICTED_ASSET, PUBLIC_WORKS);
		assert_noop!(approve(OversightSubject::Request(request)), Error::<Test>::OwnerChanged);
		assert_noop!(approve(OversightSubject::Grant(grant)), Error::<Test>::OwnerChanged);
	});
}

#[test]
fn the_office_issues_no_grant_to_a_suspended_requester() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		suspend(TRANSPORT);
		assert_noop!(approve(OversightSubject::Request(request)), Error::<Test>::GranteeInactive);
		reactivate(TRANSPORT);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_eq!(AssetGrants::<Test>::get(RESTRICTED_ASSET, TRANSPORT), Some(0));
	});
}

#[test]
fn the_office_may_approve_first_while_the_requester_is_suspended() {
	test(|| {
		// No grant is issued yet, so the requester's status does not matter.
		let request = open_request(RESTRICTED_ASSET);
		suspend(TRANSPORT);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::GranteeInactive
		);
		reactivate(TRANSPORT);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(0, 1 + DURATION, None));
	});
}

// ---- The office is independent of both departments concerned ----

#[test]
fn oversight_approval_counts_only_while_no_body_member_acts_for_owner_or_requester() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));

		// The owner's admin, or the requester's, sits on the body: the office may not decide.
		for conflicted in [PW_ADMIN, TR_ADMIN] {
			OversightMembers::set(vec![OUTSIDER, conflicted]);
			assert_noop!(
				approve(OversightSubject::Request(request)),
				Error::<Test>::OversightNotIndependent
			);
		}

		// A body of outsiders and a third department's member decides.
		OversightMembers::set(vec![OUTSIDER, HL_STEWARD]);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert!(matches!(last_event(), Event::GrantIssued { pending_oversight: false, .. }));
	});
}

#[test]
fn oversight_approval_of_a_grant_needs_independence_of_owner_and_grantee() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		for conflicted in [PW_OPERATOR, TR_OPERATOR] {
			OversightMembers::set(vec![conflicted]);
			assert_noop!(
				approve(OversightSubject::Grant(grant)),
				Error::<Test>::OversightNotIndependent
			);
		}
		OversightMembers::set(vec![HL_OPERATOR]);
		assert_ok!(approve(OversightSubject::Grant(grant)));
		assert!(Grants::<Test>::get(grant).unwrap().oversight_approved);
	});
}

#[test]
fn a_conflicted_office_may_still_reject() {
	// Rejecting only closes access, which either department could do itself (the owner
	// rejects or revokes, the requester cancels or renounces): no independence needed.
	test(|| {
		OversightMembers::set(vec![PW_ADMIN, TR_ADMIN]);
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(reject(OversightSubject::Request(request), "no"));
		assert_eq!(Requests::<Test>::get(request), None);
	});
}

// ---- An owner's approval that waited for the office is re-checked ----

/// Transport asks for the Restricted asset and Public Works' steward approves; returns the
/// request, now waiting for the office.
fn owner_approved_request() -> crate::RequestId {
	let request = open_request(RESTRICTED_ASSET);
	assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
	assert_eq!(held(TR_STEWARD), DEPOSIT);
	request
}

/// The office approves `request`, whose owner approval is void for `reason`: the request is
/// gone without a grant, and the deposit is back.
fn assert_approval_voided(request: crate::RequestId, reason: crate::ApprovalVoidReason) {
	assert_ok!(approve(OversightSubject::Request(request)));
	assert_eq!(Requests::<Test>::get(request), None);
	assert_eq!(Grants::<Test>::iter().count(), 0);
	assert_eq!(AssetGrants::<Test>::get(RESTRICTED_ASSET, TRANSPORT), None);
	assert_eq!(held(TR_STEWARD), 0);
	assert_eq!(
		last_event(),
		Event::OwnerApprovalVoided {
			request,
			reason,
			deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
		}
	);
	assert!(matches!(decision(TRANSPORT, RESTRICTED_ASSET), AccessDecision::Denied(_)));
}

#[test]
fn an_approval_of_a_since_suspended_owner_is_void() {
	test(|| {
		let request = owner_approved_request();
		suspend(PUBLIC_WORKS);
		assert_approval_voided(request, crate::ApprovalVoidReason::OwnerInactive);
	});
}

#[test]
fn an_approval_of_a_since_removed_steward_is_void() {
	test(|| {
		let request = owner_approved_request();
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_STEWARD));
		assert_approval_voided(request, crate::ApprovalVoidReason::ApproverNotMember);
	});
}

#[test]
fn an_approval_of_a_steward_given_another_role_is_void() {
	test(|| {
		let request = owner_approved_request();
		assert_ok!(Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Operator));
		assert_approval_voided(request, crate::ApprovalVoidReason::ApproverRoleChanged);
	});
}

#[test]
fn the_requester_may_ask_again_after_a_void_approval() {
	test(|| {
		let request = owner_approved_request();
		suspend(PUBLIC_WORKS);
		assert_ok!(approve(OversightSubject::Request(request)));
		reactivate(PUBLIC_WORKS);
		let again = open_request(RESTRICTED_ASSET);
		assert_ne!(again, request);
		assert!(Requests::<Test>::get(again).is_some());
	});
}

#[test]
fn a_standing_approval_still_issues_the_grant() {
	test(|| {
		let request = owner_approved_request();
		// Suspended and reactivated meanwhile: what counts is the state when the office decides.
		suspend(PUBLIC_WORKS);
		reactivate(PUBLIC_WORKS);
		assert_ok!(approve(OversightSubject::Request(request)));
		assert_eq!(AssetGrants::<Test>::get(RESTRICTED_ASSET, TRANSPORT), Some(0));
	});
}

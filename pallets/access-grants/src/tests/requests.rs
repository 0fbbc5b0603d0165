//! Requesting access, cancelling, rejecting and approving requests (non-`Restricted` assets).

use super::*;
use crate::{
	AccessRequest, AssetGrants, Classification, Deposit, Error, Event, Grant, GrantSource, Grants,
	OpenRequests, OwnerRequests, Requests,
};
use frame_support::{assert_noop, traits::fungible::Mutate};
use sp_runtime::DispatchError;

// ---- request_access ----

#[test]
fn steward_requests_access_and_pays_the_deposit() {
	test(|| {
		assert_ok!(AccessGrants::request_access(
			signed(TR_STEWARD),
			CONFIDENTIAL_ASSET,
			purpose("roads"),
			Scope::Derive,
			DURATION
		));

		let deposit = Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT });
		assert_eq!(
			Requests::<Test>::get(0),
			Some(AccessRequest {
				asset: CONFIDENTIAL_ASSET,
				requester: TRANSPORT,
				owner: PUBLIC_WORKS,
				transfers: 0,
				requested_by: TR_STEWARD,
				purpose: purpose("roads"),
				scope: Scope::Derive,
				duration: DURATION,
				requested_at: 1,
				owner_approval: None,
				oversight_required: false,
				oversight_approved: false,
				deposit: deposit.clone(),
			})
		);
		assert_eq!(OpenRequests::<Test>::get(CONFIDENTIAL_ASSET, TRANSPORT), Some(0));
		assert!(OwnerRequests::<Test>::contains_key(PUBLIC_WORKS, 0));
		assert_eq!(NextRequestId::<Test>::get(), 1);
		assert_eq!(held(TR_STEWARD), DEPOSIT);
		assert_eq!(Balances::free_balance(TR_STEWARD), ENDOWMENT - DEPOSIT);
		assert_eq!(
			last_event(),
			Event::RequestOpened {
				request: 0,
				asset: CONFIDENTIAL_ASSET,
				requester: TRANSPORT,
				owner: PUBLIC_WORKS,
				who: TR_STEWARD,
				purpose: purpose("roads"),
				scope: Scope::Derive,
				duration: DURATION,
				deposit,
			}
		);
	});
}

#[test]
fn several_departments_may_ask_for_the_same_asset() {
	test(|| {
		assert_eq!(open_request(INTERNAL_ASSET), 0);
		assert_ok!(AccessGrants::request_access(
			signed(HL_STEWARD),
			INTERNAL_ASSET,
			purpose("clinics"),
			Scope::Read,
			MAX_DURATION
		));
		assert_eq!(open_request(RESTRICTED_ASSET), 2);
		assert_eq!(OwnerRequests::<Test>::iter_prefix(PUBLIC_WORKS).count(), 3);
	});
}

#[test]
fn no_deposit_is_held_when_the_deposit_is_zero() {
	test(|| {
		RecordDeposit::set(0);
		let request = open_request(INTERNAL_ASSET);
		assert_eq!(Requests::<Test>::get(request).unwrap().deposit, None);
		assert_eq!(held(TR_STEWARD), 0);
		RecordDeposit::set(DEPOSIT);
	});
}

#[test]
fn request_access_refuses_non_stewards() {
	test(|| {
		let ask = |origin| {
			AccessGrants::request_access(origin, INTERNAL_ASSET, purpose("x"), Scope::Read, 1)
		};
		assert_noop!(ask(RuntimeOrigin::root()), DispatchError::BadOrigin);
		assert_noop!(ask(signed(OUTSIDER)), pallet_departments::Error::<Test>::NotMember);
		assert_noop!(ask(signed(TR_OPERATOR)), pallet_departments::Error::<Test>::RoleNotAllowed);
		suspend(TRANSPORT);
		assert_noop!(
			ask(signed(TR_STEWARD)),
			pallet_departments::Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn request_access_refuses_invalid_input() {
	test(|| {
		let ask = |purpose: PurposeOf<Test>, duration| {
			AccessGrants::request_access(
				signed(TR_STEWARD),
				INTERNAL_ASSET,
				purpose,
				Scope::Read,
				duration,
			)
		};
		assert_noop!(ask(purpose(""), 1), Error::<Test>::EmptyPurpose);
		assert_noop!(ask(purpose("x"), 0), Error::<Test>::ZeroDuration);
		assert_noop!(ask(purpose("x"), MAX_DURATION + 1), Error::<Test>::DurationTooLong);
		assert_ok!(ask(purpose("x"), MAX_DURATION));
	});
}

#[test]
fn request_access_refuses_assets_that_need_no_request() {
	test(|| {
		let ask = |asset| {
			AccessGrants::request_access(signed(TR_STEWARD), asset, purpose("x"), Scope::Read, 1)
		};
		assert_noop!(ask(NO_ASSET), Error::<Test>::UnknownAsset);
		assert_noop!(ask(PUBLIC_ASSET), Error::<Test>::PublicAsset);
		assert_noop!(ask(TRANSPORT_ASSET), Error::<Test>::OwnAsset);
		MockAssets::retire(INTERNAL_ASSET);
		assert_noop!(ask(INTERNAL_ASSET), Error::<Test>::AssetRetired);
	});
}

#[test]
fn request_access_refuses_a_second_open_request_of_the_department() {
	test(|| {
		open_request(INTERNAL_ASSET);
		// Another steward of the department, another scope: still the same department and asset.
		assert_ok!(Balances::mint_into(&PAUPER, 100));
		assert_noop!(
			AccessGrants::request_access(
				signed(PAUPER),
				INTERNAL_ASSET,
				purpose("other"),
				Scope::Derive,
				2
			),
			Error::<Test>::DuplicateRequest
		);
	});
}

#[test]
fn request_access_refuses_while_a_grant_has_not_ended_and_allows_it_after() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(1));
		let ask = || {
			AccessGrants::request_access(
				signed(TR_STEWARD),
				INTERNAL_ASSET,
				purpose("x"),
				Scope::Read,
				1,
			)
		};
		assert_noop!(ask(), Error::<Test>::AlreadyGranted);
		// A suspended grantee's grant has not ended: it comes back with the department.
		suspend(TRANSPORT);
		reactivate(TRANSPORT);
		assert_noop!(ask(), Error::<Test>::AlreadyGranted);
		// Exhausted: ended.
		record(INTERNAL_ASSET, grant, 1);
		assert_ok!(ask());
	});
}

#[test]
fn request_access_refuses_a_steward_who_cannot_pay() {
	test(|| {
		assert_noop!(
			AccessGrants::request_access(
				signed(PAUPER),
				INTERNAL_ASSET,
				purpose("x"),
				Scope::Read,
				1
			),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn request_access_refuses_when_no_id_is_left() {
	test(|| {
		NextRequestId::<Test>::put(RequestId::MAX);
		assert_noop!(
			AccessGrants::request_access(
				signed(TR_STEWARD),
				INTERNAL_ASSET,
				purpose("x"),
				Scope::Read,
				1
			),
			Error::<Test>::NoRequestIdLeft
		);
	});
}

// ---- cancel_request ----

#[test]
fn requester_cancels_and_the_payer_gets_the_deposit_back() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		// Another steward of Transport cancels; the deposit goes back to the one who paid.
		assert_ok!(AccessGrants::cancel_request(signed(PAUPER), request));

		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(OpenRequests::<Test>::get(INTERNAL_ASSET, TRANSPORT), None);
		assert!(!OwnerRequests::<Test>::contains_key(PUBLIC_WORKS, request));
		assert_eq!((held(TR_STEWARD), Balances::free_balance(TR_STEWARD)), (0, ENDOWMENT));
		assert_eq!(
			last_event(),
			Event::RequestCancelled {
				request,
				who: PAUPER,
				deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
			}
		);
		// The department may ask again.
		open_request(INTERNAL_ASSET);
	});
}

#[test]
fn requester_cancels_a_request_awaiting_oversight() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_ok!(AccessGrants::cancel_request(signed(TR_STEWARD), request));
		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(held(TR_STEWARD), 0);
	});
}

#[test]
fn cancel_request_errors() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		assert_noop!(
			AccessGrants::cancel_request(RuntimeOrigin::root(), request),
			DispatchError::BadOrigin
		);
		assert_noop!(
			AccessGrants::cancel_request(signed(TR_OPERATOR), request),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::cancel_request(signed(TR_STEWARD), request + 1),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			AccessGrants::cancel_request(signed(PW_STEWARD), request),
			Error::<Test>::NotRequester
		);
		assert_noop!(
			AccessGrants::cancel_request(signed(HL_STEWARD), request),
			Error::<Test>::NotRequester
		);
	});
}

// ---- reject_request ----

#[test]
fn owner_rejects_with_a_reason_and_the_deposit_is_released() {
	test(|| {
		let request = open_request(CONFIDENTIAL_ASSET);
		assert_ok!(AccessGrants::reject_request(signed(PW_STEWARD), request, reason("no basis")));

		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(OpenRequests::<Test>::get(CONFIDENTIAL_ASSET, TRANSPORT), None);
		assert_eq!(held(TR_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::RequestRejected {
				request,
				who: PW_STEWARD,
				reason: reason("no basis"),
				deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
			}
		);
	});
}

#[test]
fn owner_withdraws_its_approval_awaiting_oversight_by_rejecting() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_ok!(AccessGrants::reject_request(signed(PW_STEWARD), request, reason("changed")));
		assert_eq!(Requests::<Test>::get(request), None);
		assert_noop!(
			AccessGrants::oversight_approve(oversight(), crate::OversightSubject::Request(request)),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn reject_request_errors() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		assert_noop!(
			AccessGrants::reject_request(RuntimeOrigin::root(), request, reason("x")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			AccessGrants::reject_request(signed(PW_OPERATOR), request, reason("x")),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::reject_request(signed(PW_STEWARD), request, reason("")),
			Error::<Test>::EmptyReason
		);
		assert_noop!(
			AccessGrants::reject_request(signed(PW_STEWARD), request + 1, reason("x")),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			AccessGrants::reject_request(signed(TR_STEWARD), request, reason("x")),
			Error::<Test>::NotOwner
		);
	});
}

// ---- approve_request ----

#[test]
fn owner_approves_and_the_request_becomes_a_grant_with_its_deposit() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		run_to(5);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, Some(4), Some(3)));

		let deposit = Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT });
		assert_eq!(
			Grants::<Test>::get(0),
			Some(Grant {
				asset: INTERNAL_ASSET,
				owner: PUBLIC_WORKS,
				transfers: 0,
				grantee: TRANSPORT,
				purpose: purpose("roads"),
				scope: Scope::Read,
				granted_by: PW_STEWARD,
				source: GrantSource::Request(request),
				granted_at: 5,
				expires_at: 9,
				max_uses: Some(3),
				uses: 0,
				last_access: None,
				oversight_required: false,
				oversight_approved: false,
				deposit: deposit.clone(),
			})
		);
		assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), Some(0));
		assert!(crate::GranteeGrants::<Test>::contains_key(TRANSPORT, 0));
		assert!(crate::OwnerGrants::<Test>::contains_key(PUBLIC_WORKS, 0));
		assert_eq!(NextGrantId::<Test>::get(), 1);
		// The request is gone; its deposit is still held from the requester, now for the grant.
		assert_eq!(Requests::<Test>::get(request), None);
		assert_eq!(OpenRequests::<Test>::get(INTERNAL_ASSET, TRANSPORT), None);
		assert!(!OwnerRequests::<Test>::contains_key(PUBLIC_WORKS, request));
		assert_eq!((held(TR_STEWARD), held(PW_STEWARD)), (DEPOSIT, 0));
		assert_eq!(
			access_events()[1..],
			[
				Event::RequestApproved {
					request,
					who: PW_STEWARD,
					duration: 4,
					max_uses: Some(3),
					awaiting_oversight: false,
				},
				Event::GrantIssued {
					grant: 0,
					asset: INTERNAL_ASSET,
					owner: PUBLIC_WORKS,
					grantee: TRANSPORT,
					who: PW_STEWARD,
					purpose: purpose("roads"),
					scope: Scope::Read,
					expires_at: 9,
					max_uses: Some(3),
					source: GrantSource::Request(request),
					pending_oversight: false,
				},
			]
		);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(0, 9, Some(3)));
	});
}

#[test]
fn approval_without_changes_grants_what_was_asked() {
	test(|| {
		let grant = granted_request(CONFIDENTIAL_ASSET);
		let record = Grants::<Test>::get(grant).unwrap();
		assert_eq!((record.expires_at, record.max_uses), (1 + DURATION, None));
	});
}

#[test]
fn approval_replaces_an_ended_grant_of_the_pair() {
	test(|| {
		let old = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		run_to(1 + DURATION);
		let request = open_request(INTERNAL_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));

		assert_eq!(Grants::<Test>::get(old), None);
		assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), Some(old + 1));
		// The old grant's deposit went back to the owner's steward who paid it.
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, DEPOSIT));
		assert!(access_events().contains(&Event::GrantPurged {
			grant: old,
			deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
		}));
	});
}

#[test]
fn approve_request_errors() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		let approve =
			|origin, duration, cap| AccessGrants::approve_request(origin, request, duration, cap);
		assert_noop!(approve(RuntimeOrigin::root(), None, None), DispatchError::BadOrigin);
		assert_noop!(
			approve(signed(PW_OPERATOR), None, None),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request + 1, None, None),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(approve(signed(TR_STEWARD), None, None), Error::<Test>::NotOwner);
		assert_noop!(approve(signed(PW_STEWARD), Some(0), None), Error::<Test>::ZeroDuration);
		assert_noop!(
			approve(signed(PW_STEWARD), Some(DURATION + 1), None),
			Error::<Test>::CannotExtendDuration
		);
		assert_noop!(approve(signed(PW_STEWARD), None, Some(0)), Error::<Test>::ZeroUseCap);

		MockAssets::reclassify(INTERNAL_ASSET, Classification::Public);
		assert_noop!(approve(signed(PW_STEWARD), None, None), Error::<Test>::PublicAsset);
		MockAssets::reclassify(INTERNAL_ASSET, Classification::Internal);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		assert_noop!(approve(signed(PW_STEWARD), None, None), Error::<Test>::OwnerChanged);
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		MockAssets::retire(INTERNAL_ASSET);
		assert_noop!(approve(signed(PW_STEWARD), None, None), Error::<Test>::AssetRetired);
		MockAssets::remove(INTERNAL_ASSET);
		assert_noop!(approve(signed(PW_STEWARD), None, None), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn approve_request_refuses_a_second_owner_approval() {
	test(|| {
		let request = open_request(RESTRICTED_ASSET);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, Some(1), None),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn approve_request_refuses_when_the_requester_got_a_grant_meanwhile() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::AlreadyGranted
		);
	});
}

#[test]
fn approve_request_refuses_when_no_grant_id_is_left() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		NextGrantId::<Test>::put(GrantId::MAX);
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::NoGrantIdLeft
		);
	});
}

#[test]
fn approve_request_refuses_a_suspended_requester() {
	test(|| {
		let internal = open_request(INTERNAL_ASSET);
		let restricted = open_request(RESTRICTED_ASSET);
		suspend(TRANSPORT);
		// Neither a grant issued now nor an approval kept for the office.
		for request in [internal, restricted] {
			assert_noop!(
				AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
				Error::<Test>::GranteeInactive
			);
		}
		// The owner can still reject; once reactivated, approve.
		reactivate(TRANSPORT);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), internal, None, None));
		assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), Some(0));
	});
}

#[test]
fn a_request_cannot_be_approved_after_the_asset_changed_hands_and_came_back() {
	test(|| {
		let request = open_request(INTERNAL_ASSET);
		assert_eq!(Requests::<Test>::get(request).unwrap().transfers, 0);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		assert_noop!(
			AccessGrants::approve_request(signed(PW_STEWARD), request, None, None),
			Error::<Test>::OwnerChanged
		);
		// The owner can still reject it, and a new request is in the new period.
		assert_ok!(AccessGrants::reject_request(signed(PW_STEWARD), request, reason("moved")));
		let renewed = open_request(INTERNAL_ASSET);
		assert_eq!(Requests::<Test>::get(renewed).unwrap().transfers, 2);
		assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), renewed, None, None));
		assert_eq!(Grants::<Test>::get(0).unwrap().transfers, 2);
	});
}

//! Direct grants, revocation and renunciation.

use super::*;
use crate::{
	AssetGrants, Classification, Deposit, Error, Event, Grant, GrantSource, GranteeGrants, Grants,
	OwnerGrants,
};
use frame_support::{assert_noop, traits::fungible::Mutate};
use sp_runtime::DispatchError;

// ---- grant_access ----

#[test]
fn owner_grants_directly_and_pays_the_deposit() {
	test(|| {
		assert_ok!(AccessGrants::grant_access(
			signed(PW_STEWARD),
			CONFIDENTIAL_ASSET,
			HEALTH,
			purpose("epidemiology"),
			Scope::Derive,
			20,
			Some(5)
		));

		let deposit = Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT });
		assert_eq!(
			Grants::<Test>::get(0),
			Some(Grant {
				asset: CONFIDENTIAL_ASSET,
				owner: PUBLIC_WORKS,
				transfers: 0,
				grantee: HEALTH,
				purpose: purpose("epidemiology"),
				scope: Scope::Derive,
				granted_by: PW_STEWARD,
				source: GrantSource::Direct,
				granted_at: 1,
				expires_at: 21,
				max_uses: Some(5),
				uses: 0,
				last_access: None,
				oversight_required: false,
				oversight_approved: false,
				deposit: deposit.clone(),
			})
		);
		assert_eq!(AssetGrants::<Test>::get(CONFIDENTIAL_ASSET, HEALTH), Some(0));
		assert!(GranteeGrants::<Test>::contains_key(HEALTH, 0));
		assert!(OwnerGrants::<Test>::contains_key(PUBLIC_WORKS, 0));
		assert_eq!(held(PW_STEWARD), DEPOSIT);
		assert_eq!(
			last_event(),
			Event::GrantIssued {
				grant: 0,
				asset: CONFIDENTIAL_ASSET,
				owner: PUBLIC_WORKS,
				grantee: HEALTH,
				who: PW_STEWARD,
				purpose: purpose("epidemiology"),
				scope: Scope::Derive,
				expires_at: 21,
				max_uses: Some(5),
				source: GrantSource::Direct,
				pending_oversight: false,
			}
		);
		assert_eq!(decision(HEALTH, CONFIDENTIAL_ASSET), allowed(0, 21, Some(5)));
	});
}

#[test]
fn a_direct_grant_on_a_restricted_asset_waits_for_oversight() {
	test(|| {
		let grant = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert!(matches!(last_event(), Event::GrantIssued { pending_oversight: true, .. }));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), denied(DenialReason::PendingOversight));
		assert_ok!(AccessGrants::oversight_approve(
			oversight(),
			crate::OversightSubject::Grant(grant)
		));
		assert_eq!(decision(TRANSPORT, RESTRICTED_ASSET), allowed(grant, 1 + DURATION, None));
	});
}

#[test]
fn grant_access_refuses_non_stewards() {
	test(|| {
		let give = |origin| {
			AccessGrants::grant_access(
				origin,
				INTERNAL_ASSET,
				TRANSPORT,
				purpose("x"),
				Scope::Read,
				1,
				None,
			)
		};
		assert_noop!(give(RuntimeOrigin::root()), DispatchError::BadOrigin);
		assert_noop!(give(signed(OUTSIDER)), pallet_departments::Error::<Test>::NotMember);
		assert_noop!(give(signed(PW_ADMIN)), pallet_departments::Error::<Test>::RoleNotAllowed);
		suspend(PUBLIC_WORKS);
		assert_noop!(
			give(signed(PW_STEWARD)),
			pallet_departments::Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn grant_access_refuses_invalid_input() {
	test(|| {
		let give = |purpose: PurposeOf<Test>, duration, cap| {
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				INTERNAL_ASSET,
				TRANSPORT,
				purpose,
				Scope::Read,
				duration,
				cap,
			)
		};
		assert_noop!(give(purpose(""), 1, None), Error::<Test>::EmptyPurpose);
		assert_noop!(give(purpose("x"), 0, None), Error::<Test>::ZeroDuration);
		assert_noop!(give(purpose("x"), MAX_DURATION + 1, None), Error::<Test>::DurationTooLong);
		assert_noop!(give(purpose("x"), 1, Some(0)), Error::<Test>::ZeroUseCap);
		assert_ok!(give(purpose("x"), MAX_DURATION, Some(1)));
	});
}

#[test]
fn grant_access_refuses_the_wrong_asset_or_grantee() {
	test(|| {
		let give = |asset, grantee| {
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				asset,
				grantee,
				purpose("x"),
				Scope::Read,
				1,
				None,
			)
		};
		assert_noop!(give(NO_ASSET, TRANSPORT), Error::<Test>::UnknownAsset);
		assert_noop!(give(TRANSPORT_ASSET, HEALTH), Error::<Test>::NotOwner);
		assert_noop!(give(PUBLIC_ASSET, TRANSPORT), Error::<Test>::PublicAsset);
		assert_noop!(give(INTERNAL_ASSET, PUBLIC_WORKS), Error::<Test>::OwnAsset);
		assert_noop!(give(INTERNAL_ASSET, NO_DEPARTMENT), Error::<Test>::GranteeInactive);
		suspend(HEALTH);
		assert_noop!(give(INTERNAL_ASSET, HEALTH), Error::<Test>::GranteeInactive);
		MockAssets::retire(INTERNAL_ASSET);
		assert_noop!(give(INTERNAL_ASSET, TRANSPORT), Error::<Test>::AssetRetired);
	});
}

#[test]
fn grant_access_refuses_a_second_grant_of_the_pair_until_the_first_ends() {
	test(|| {
		let first = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let give = || {
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				INTERNAL_ASSET,
				TRANSPORT,
				purpose("again"),
				Scope::Read,
				1,
				None,
			)
		};
		assert_noop!(give(), Error::<Test>::AlreadyGranted);
		// Pending oversight is not ended either.
		let pending = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		assert_noop!(
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				RESTRICTED_ASSET,
				TRANSPORT,
				purpose("again"),
				Scope::Read,
				1,
				None
			),
			Error::<Test>::AlreadyGranted
		);

		// Once expired, a new grant replaces it and the old deposit is refunded.
		run_to(1 + DURATION);
		assert_ok!(give());
		assert_eq!(Grants::<Test>::get(first), None);
		assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), Some(pending + 1));
		// The pending grant expired too, but stays until purged or replaced.
		assert!(Grants::<Test>::contains_key(pending));
		// One deposit for the pending grant, one for the new grant.
		assert_eq!(held(PW_STEWARD), 2 * DEPOSIT);
	});
}

#[test]
fn grant_access_refuses_a_steward_who_cannot_pay() {
	test(|| {
		Balances::set_balance(&PW_STEWARD, 0);
		assert_noop!(
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				INTERNAL_ASSET,
				TRANSPORT,
				purpose("x"),
				Scope::Read,
				1,
				None
			),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn grant_access_refuses_when_no_id_is_left() {
	test(|| {
		NextGrantId::<Test>::put(GrantId::MAX);
		assert_noop!(
			AccessGrants::grant_access(
				signed(PW_STEWARD),
				INTERNAL_ASSET,
				TRANSPORT,
				purpose("x"),
				Scope::Read,
				1,
				None
			),
			Error::<Test>::NoGrantIdLeft
		);
	});
}

// ---- revoke_access ----

#[test]
fn owner_revokes_and_the_payer_gets_the_deposit_back() {
	test(|| {
		let grant = granted_request(INTERNAL_ASSET);
		assert_eq!(held(TR_STEWARD), DEPOSIT);
		assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("misuse")));

		assert_eq!(Grants::<Test>::get(grant), None);
		assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), None);
		assert!(!GranteeGrants::<Test>::contains_key(TRANSPORT, grant));
		assert!(!OwnerGrants::<Test>::contains_key(PUBLIC_WORKS, grant));
		assert_eq!(held(TR_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::GrantRevoked {
				grant,
				who: PW_STEWARD,
				reason: reason("misuse"),
				deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
			}
		);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::NoGrant));
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant, [0; 32]),
			Error::<Test>::UnknownGrant
		);
	});
}

#[test]
fn owner_revokes_an_ended_grant() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		run_to(100);
		assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("tidy")));
		assert_eq!(held(PW_STEWARD), 0);
	});
}

#[test]
fn release_reports_what_is_left_of_a_reduced_hold() {
	test(|| {
		use frame_support::traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision},
		};
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_ok!(Balances::burn_held(
			&crate::HoldReason::StorageDeposit.into(),
			&PW_STEWARD,
			4,
			Precision::Exact,
			Fortitude::Force
		));
		assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("x")));
		assert!(matches!(
			last_event(),
			Event::GrantRevoked { deposit: Some(Deposit { amount, .. }), .. } if amount == DEPOSIT - 4
		));
	});
}

#[test]
fn revoke_access_errors() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(
			AccessGrants::revoke_access(RuntimeOrigin::root(), grant, reason("x")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			AccessGrants::revoke_access(signed(PW_OPERATOR), grant, reason("x")),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("")),
			Error::<Test>::EmptyReason
		);
		assert_noop!(
			AccessGrants::revoke_access(signed(PW_STEWARD), grant + 1, reason("x")),
			Error::<Test>::UnknownGrant
		);
		assert_noop!(
			AccessGrants::revoke_access(signed(TR_STEWARD), grant, reason("x")),
			Error::<Test>::NotOwner
		);
	});
}

// ---- renounce_access ----

#[test]
fn grantee_renounces_and_the_payer_gets_the_deposit_back() {
	test(|| {
		let grant = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		assert_ok!(AccessGrants::renounce_access(signed(TR_STEWARD), grant));

		assert_eq!(Grants::<Test>::get(grant), None);
		assert_eq!(AssetGrants::<Test>::get(CONFIDENTIAL_ASSET, TRANSPORT), None);
		assert_eq!(held(PW_STEWARD), 0);
		assert_eq!(
			last_event(),
			Event::GrantRenounced {
				grant,
				who: TR_STEWARD,
				deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
			}
		);
		// The department may ask again at once.
		open_request(CONFIDENTIAL_ASSET);
	});
}

#[test]
fn renounce_access_errors() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(
			AccessGrants::renounce_access(RuntimeOrigin::root(), grant),
			DispatchError::BadOrigin
		);
		assert_noop!(
			AccessGrants::renounce_access(signed(TR_OPERATOR), grant),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::renounce_access(signed(TR_STEWARD), grant + 1),
			Error::<Test>::UnknownGrant
		);
		assert_noop!(
			AccessGrants::renounce_access(signed(PW_STEWARD), grant),
			Error::<Test>::NotGrantee
		);
		assert_noop!(
			AccessGrants::renounce_access(signed(HL_STEWARD), grant),
			Error::<Test>::NotGrantee
		);
	});
}

#[test]
fn reclassification_to_restricted_suspends_a_grant_until_oversight_approves() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		MockAssets::reclassify(INTERNAL_ASSET, Classification::Restricted);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::PendingOversight));
		assert_ok!(AccessGrants::oversight_approve(
			oversight(),
			crate::OversightSubject::Grant(grant)
		));
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(grant, 1 + DURATION, None));
	});
}

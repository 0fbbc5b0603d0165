//! Recording accesses (the audit trail) and `check_access`.

use super::*;
use crate::{Classification, Error, Event, Grants};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

// ---- record_access ----

#[test]
fn grantee_records_an_access_and_the_grant_counts_it() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(3));
		run_to(4);
		assert_ok!(AccessGrants::record_access(
			signed(TR_OPERATOR),
			INTERNAL_ASSET,
			grant,
			[7; 32]
		));

		let record = Grants::<Test>::get(grant).unwrap();
		assert_eq!((record.uses, record.last_access), (1, Some(4)));
		assert_eq!(
			last_event(),
			Event::AccessRecorded {
				grant,
				asset: INTERNAL_ASSET,
				grantee: TRANSPORT,
				department: TRANSPORT,
				who: TR_OPERATOR,
				receipt: [7; 32],
				use_count: 1,
			}
		);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(grant, 1 + DURATION, Some(2)));
	});
}

#[test]
fn owner_records_the_accesses_it_served() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_ok!(AccessGrants::record_access(
			signed(PW_OPERATOR),
			INTERNAL_ASSET,
			grant,
			[1; 32]
		));
		run_to(2);
		assert_ok!(AccessGrants::record_access(signed(PW_STEWARD), INTERNAL_ASSET, grant, [2; 32]));
		assert_ok!(AccessGrants::record_access(signed(TR_STEWARD), INTERNAL_ASSET, grant, [3; 32]));

		let record = Grants::<Test>::get(grant).unwrap();
		assert_eq!((record.uses, record.last_access), (3, Some(2)));
		assert_eq!(
			last_event(),
			Event::AccessRecorded {
				grant,
				asset: INTERNAL_ASSET,
				grantee: TRANSPORT,
				department: TRANSPORT,
				who: TR_STEWARD,
				receipt: [3; 32],
				use_count: 3,
			}
		);
		// The trail names the recording department too.
		assert!(access_events().contains(&Event::AccessRecorded {
			grant,
			asset: INTERNAL_ASSET,
			grantee: TRANSPORT,
			department: PUBLIC_WORKS,
			who: PW_OPERATOR,
			receipt: [1; 32],
			use_count: 1,
		}));
	});
}

#[test]
fn a_capped_grant_is_exhausted_at_its_cap() {
	test(|| {
		let grant = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, Some(2));
		record(CONFIDENTIAL_ASSET, grant, 1);
		record(CONFIDENTIAL_ASSET, grant, 2);
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), CONFIDENTIAL_ASSET, grant, [3; 32]),
			Error::<Test>::GrantExhausted
		);
		assert_eq!(Grants::<Test>::get(grant).unwrap().uses, 2);
		assert_eq!(decision(TRANSPORT, CONFIDENTIAL_ASSET), denied(DenialReason::Exhausted));
	});
}

#[test]
fn record_access_refuses_who_may_not_record() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let rec = |who| AccessGrants::record_access(who, INTERNAL_ASSET, grant, [0; 32]);
		assert_noop!(rec(RuntimeOrigin::root()), DispatchError::BadOrigin);
		assert_noop!(rec(signed(OUTSIDER)), pallet_departments::Error::<Test>::NotMember);
		assert_noop!(rec(signed(TR_ADMIN)), pallet_departments::Error::<Test>::RoleNotAllowed);
		assert_noop!(rec(signed(HL_OPERATOR)), Error::<Test>::NotParty);
		suspend(TRANSPORT);
		assert_noop!(
			rec(signed(TR_OPERATOR)),
			pallet_departments::Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn record_access_refuses_an_unknown_or_mismatched_grant() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant + 1, [0; 32]),
			Error::<Test>::UnknownGrant
		);
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), CONFIDENTIAL_ASSET, grant, [0; 32]),
			Error::<Test>::GrantAssetMismatch
		);
	});
}

#[test]
fn record_access_refuses_when_the_grant_gives_no_access() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let restricted = direct_grant(RESTRICTED_ASSET, TRANSPORT, None);
		let rec =
			|who, asset, grant| AccessGrants::record_access(signed(who), asset, grant, [0; 32]);

		assert_noop!(
			rec(TR_OPERATOR, RESTRICTED_ASSET, restricted),
			Error::<Test>::PendingOversight
		);

		// The grantee records while the owner is suspended, and the other way round.
		suspend(PUBLIC_WORKS);
		assert_noop!(rec(TR_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::OwnerInactive);
		reactivate(PUBLIC_WORKS);
		suspend(TRANSPORT);
		assert_noop!(rec(PW_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::GranteeInactive);
		reactivate(TRANSPORT);

		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		assert_noop!(rec(TR_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::OwnerChanged);
		// Back with the owner that granted: still a change of hands, for good.
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		assert_noop!(rec(TR_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::OwnerChanged);

		MockAssets::retire(INTERNAL_ASSET);
		assert_noop!(rec(TR_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::AssetRetired);
		MockAssets::remove(INTERNAL_ASSET);
		assert_noop!(rec(TR_OPERATOR, INTERNAL_ASSET, grant), Error::<Test>::UnknownAsset);

		// Expiry is checked before the pending oversight.
		run_to(1 + DURATION);
		assert_noop!(rec(TR_OPERATOR, RESTRICTED_ASSET, restricted), Error::<Test>::GrantExpired);
	});
}

#[test]
fn record_access_refuses_a_use_count_that_would_overflow() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		Grants::<Test>::mutate(grant, |record| record.as_mut().unwrap().uses = u32::MAX);
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant, [0; 32]),
			Error::<Test>::UseCountOverflow
		);
	});
}

#[test]
fn access_resumes_when_a_suspension_is_lifted() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		suspend(TRANSPORT);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::DepartmentInactive));
		reactivate(TRANSPORT);
		record(INTERNAL_ASSET, grant, 0);
	});
}

// ---- check_access ----

#[test]
fn the_owner_always_has_access_to_its_active_assets() {
	test(|| {
		for asset in [PUBLIC_ASSET, INTERNAL_ASSET, CONFIDENTIAL_ASSET, RESTRICTED_ASSET] {
			assert_eq!(decision(PUBLIC_WORKS, asset), allowed_without_grant());
		}
		assert_eq!(
			AccessGrants::check_account_access(&PW_OPERATOR, RESTRICTED_ASSET),
			allowed_without_grant()
		);
		suspend(PUBLIC_WORKS);
		assert_eq!(
			decision(PUBLIC_WORKS, INTERNAL_ASSET),
			denied(DenialReason::DepartmentInactive)
		);
		reactivate(PUBLIC_WORKS);
		MockAssets::retire(INTERNAL_ASSET);
		assert_eq!(decision(PUBLIC_WORKS, INTERNAL_ASSET), denied(DenialReason::AssetRetired));
	});
}

#[test]
fn public_assets_are_open_to_every_active_department() {
	test(|| {
		assert_eq!(decision(TRANSPORT, PUBLIC_ASSET), allowed_without_grant());
		assert_eq!(decision(HEALTH, PUBLIC_ASSET), allowed_without_grant());
		assert_eq!(decision(NO_DEPARTMENT, PUBLIC_ASSET), denied(DenialReason::DepartmentInactive));
		suspend(HEALTH);
		assert_eq!(decision(HEALTH, PUBLIC_ASSET), denied(DenialReason::DepartmentInactive));
		suspend(PUBLIC_WORKS);
		assert_eq!(decision(TRANSPORT, PUBLIC_ASSET), denied(DenialReason::OwnerInactive));
	});
}

#[test]
fn other_assets_need_a_grant() {
	test(|| {
		for asset in [INTERNAL_ASSET, CONFIDENTIAL_ASSET, RESTRICTED_ASSET] {
			assert_eq!(decision(TRANSPORT, asset), denied(DenialReason::NoGrant));
		}
		assert_eq!(decision(TRANSPORT, NO_ASSET), denied(DenialReason::UnknownAsset));
		// A pending request gives no access.
		open_request(INTERNAL_ASSET);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::NoGrant));
	});
}

#[test]
fn check_access_follows_a_grant_through_its_life() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(5));
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(grant, 1 + DURATION, Some(5)));
		// Another department has no access under Transport's grant.
		assert_eq!(decision(HEALTH, INTERNAL_ASSET), denied(DenialReason::NoGrant));

		suspend(PUBLIC_WORKS);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::OwnerInactive));
		reactivate(PUBLIC_WORKS);

		// `check_access` answers as of the next block: in the grant's last block it is over.
		run_to(DURATION - 1);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(grant, 1 + DURATION, Some(5)));
		run_to(DURATION);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::Expired));
		run_to(1 + DURATION);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::Expired));
		MockAssets::retire(INTERNAL_ASSET);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::AssetRetired));
	});
}

#[test]
fn a_grant_ends_for_good_when_its_asset_changes_hands_even_if_it_comes_back() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(5));
		assert_eq!(Grants::<Test>::get(grant).unwrap().transfers, 0);
		MockAssets::transfer(INTERNAL_ASSET, HEALTH);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::OwnerChanged));

		// A -> B -> A: the same owner, but a new period of ownership. The old grant stays ended:
		// it was purgeable while the asset was with Health, so it must not come back to life.
		MockAssets::transfer(INTERNAL_ASSET, PUBLIC_WORKS);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::OwnerChanged));
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant, [0; 32]),
			Error::<Test>::OwnerChanged
		);
		assert_eq!(
			AccessGrants::check_account_access(&TR_STEWARD, INTERNAL_ASSET),
			denied(DenialReason::OwnerChanged)
		);

		// The owner grants anew (the ended grant is purged to make room), in the new period.
		let renewed = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert!(access_events().contains(&Event::GrantPurged {
			grant,
			deposit: Some(crate::Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
		}));
		assert_eq!(Grants::<Test>::get(renewed).unwrap().transfers, 2);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(renewed, 1 + DURATION, None));
	});
}

#[test]
fn a_grant_on_an_asset_made_public_is_not_needed() {
	test(|| {
		direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		MockAssets::reclassify(INTERNAL_ASSET, Classification::Public);
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed_without_grant());
	});
}

#[test]
fn check_account_access_resolves_the_department_of_any_member() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		for who in [TR_STEWARD, TR_OPERATOR, TR_ADMIN] {
			assert_eq!(
				AccessGrants::check_account_access(&who, INTERNAL_ASSET),
				allowed(grant, 1 + DURATION, None)
			);
		}
		assert_eq!(
			AccessGrants::check_account_access(&HL_OPERATOR, INTERNAL_ASSET),
			denied(DenialReason::NoGrant)
		);
		assert_eq!(
			AccessGrants::check_account_access(&OUTSIDER, INTERNAL_ASSET),
			denied(DenialReason::NotMember)
		);
	});
}

// ---- `check_access` answers as of the next block ----

#[test]
fn check_access_answers_as_of_the_next_block() {
	test(|| {
		// A grant of one block, issued in block 1: it gives access in block 1 only.
		let grant = NextGrantId::<Test>::get();
		assert_ok!(AccessGrants::grant_access(
			signed(PW_STEWARD),
			INTERNAL_ASSET,
			TRANSPORT,
			purpose("one block"),
			Scope::Read,
			1,
			None
		));
		let now = System::block_number();
		assert_eq!(Grants::<Test>::get(grant).unwrap().expires_at, now + 1);
		assert_eq!(AccessGrants::access_check_block(), now + 1);

		// A gateway asking at block `now` gets its record into block `now + 1` at the earliest,
		// where the grant no longer gives access: `check_access` already refuses...
		assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), denied(DenialReason::Expired));
		assert_eq!(
			AccessGrants::check_account_access(&TR_OPERATOR, INTERNAL_ASSET),
			denied(DenialReason::Expired)
		);
		// ... although `record_access` executing in block `now` itself still accepts it.
		record(INTERNAL_ASSET, grant, 1);
		assert_eq!(Grants::<Test>::get(grant).unwrap().uses, 1);
		run_to(now + 1);
		assert_noop!(
			AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant, [2; 32]),
			Error::<Test>::GrantExpired
		);
	});
}

#[test]
fn whatever_check_access_allows_record_access_accepts_in_the_next_block() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let expires_at = 1 + DURATION;
		for block in 1..expires_at + 2 {
			run_to(block);
			let allowed_now =
				matches!(decision(TRANSPORT, INTERNAL_ASSET), AccessDecision::Allowed { .. });
			// The record submitted after the check executes in the next block.
			run_to(block + 1);
			let recorded =
				AccessGrants::record_access(signed(TR_OPERATOR), INTERNAL_ASSET, grant, [0; 32])
					.is_ok();
			assert_eq!(allowed_now, recorded, "checked at {block}, recorded at {}", block + 1);
		}
	});
}

//! `record_served`: downloads a provider's gateway served, each with the consumer's signed
//! request. Counted while the grant gives the consumer's department access, on record with the
//! reason otherwise; a forged, duplicated or misdirected one refuses the whole call.

use super::*;
use crate::{Error, Event, Grants, ServedAccess, ServedAccessOf, ServedListOf, ServedRequest};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

/// The genesis hash the mock's consumers sign with.
fn genesis_hash() -> Vec<u8> {
	frame_system::Pallet::<Test>::block_hash(0).as_ref().to_vec()
}

/// `consumer`'s request for `asset` under `grant`, signed by it.
fn served(consumer: AccountId, grant: GrantId, asset: AssetId, nonce: u8) -> ServedAccessOf<Test> {
	let request =
		ServedRequest { grant, asset, version: None, issued_at: 1_000, nonce: [nonce; 16] };
	let signature = consumer_signature(consumer, &request.signing_payload(&genesis_hash()));
	ServedAccess { request, consumer, signature, receipt: [nonce; 32] }
}

fn list(accesses: Vec<ServedAccessOf<Test>>) -> ServedListOf<Test> {
	accesses.try_into().expect("at most MaxServedPerCall")
}

fn record(who: AccountId, accesses: Vec<ServedAccessOf<Test>>) -> sp_runtime::DispatchResult {
	AccessGrants::record_served(signed(who), list(accesses))
}

#[test]
fn the_owner_records_downloads_with_the_consumers_signatures() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(3));
		run_to(4);
		let first = served(TR_OPERATOR, grant, INTERNAL_ASSET, 1);
		let second = served(TR_STEWARD, grant, INTERNAL_ASSET, 2);

		assert_ok!(record(PW_OPERATOR, vec![first.clone(), second.clone()]));

		let record = Grants::<Test>::get(grant).unwrap();
		assert_eq!((record.uses, record.last_access), (2, Some(4)));
		let events = access_events();
		for (access, use_count) in [(first, 1), (second, 2)] {
			assert!(events.contains(&Event::AccessServed {
				grant,
				asset: INTERNAL_ASSET,
				grantee: TRANSPORT,
				consumer: access.consumer,
				request: access.request,
				signature: access.signature,
				recorded_by: PW_OPERATOR,
				receipt: access.receipt,
				use_count,
			}));
		}
	});
}

#[test]
fn a_download_whose_grant_no_longer_gives_access_stays_on_record_uncounted() {
	test(|| {
		let capped = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(1));
		let revoked = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), revoked, reason("over")));
		let outsider = served(OUTSIDER, capped, INTERNAL_ASSET, 3);
		let accesses = vec![
			served(TR_OPERATOR, capped, INTERNAL_ASSET, 1),
			// The cap is reached by the first.
			served(TR_OPERATOR, capped, INTERNAL_ASSET, 2),
			// Revoked since it was served.
			served(TR_OPERATOR, revoked, CONFIDENTIAL_ASSET, 4),
			// Its signer does not act for the grantee, but the grant is judged first.
			outsider.clone(),
		];

		assert_ok!(record(PW_OPERATOR, accesses));

		assert_eq!(Grants::<Test>::get(capped).unwrap().uses, 1);
		let not_counted: Vec<_> = access_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::ServedAccessNotCounted { grant, reason, .. } => Some((grant, reason)),
				_ => None,
			})
			.collect();
		assert_eq!(
			not_counted,
			vec![
				(capped, DenialReason::Exhausted),
				(revoked, DenialReason::NoGrant),
				(capped, DenialReason::Exhausted),
			]
		);
		assert!(access_events().contains(&Event::ServedAccessNotCounted {
			grant: capped,
			asset: INTERNAL_ASSET,
			consumer: OUTSIDER,
			request: outsider.request,
			signature: outsider.signature,
			recorded_by: PW_OPERATOR,
			receipt: outsider.receipt,
			reason: DenialReason::Exhausted,
		}));
	});
}

#[test]
fn a_consumer_outside_the_grantee_is_not_counted() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		assert_ok!(record(PW_OPERATOR, vec![served(HL_OPERATOR, grant, INTERNAL_ASSET, 1)]));
		assert_eq!(Grants::<Test>::get(grant).unwrap().uses, 0);
		assert!(matches!(
			last_event(),
			Event::ServedAccessNotCounted { reason: DenialReason::NotMember, .. }
		));
	});
}

#[test]
fn record_served_refuses_a_forged_duplicated_or_misdirected_download() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let good = served(TR_OPERATOR, grant, INTERNAL_ASSET, 1);

		// Signed by someone else than the consumer named, or over another request.
		let mut forged = good.clone();
		forged.consumer = TR_STEWARD;
		assert_noop!(record(PW_OPERATOR, vec![forged]), Error::<Test>::BadConsumerSignature);
		let mut altered = good.clone();
		altered.request.asset = CONFIDENTIAL_ASSET;
		assert_noop!(
			record(PW_OPERATOR, vec![good.clone(), altered]),
			Error::<Test>::BadConsumerSignature
		);
		// Signed for another chain.
		let mut other_chain = good.clone();
		other_chain.signature =
			consumer_signature(TR_OPERATOR, &good.request.signing_payload(&[1; 32]));
		assert_noop!(record(PW_OPERATOR, vec![other_chain]), Error::<Test>::BadConsumerSignature);

		assert_noop!(
			record(PW_OPERATOR, vec![good.clone(), good.clone()]),
			Error::<Test>::DuplicateServedRequest
		);
		assert_noop!(
			record(PW_OPERATOR, vec![served(TR_OPERATOR, grant, CONFIDENTIAL_ASSET, 2)]),
			Error::<Test>::GrantAssetMismatch
		);
		// Only the owner's gateway records what it served.
		assert_noop!(record(TR_OPERATOR, vec![good.clone()]), Error::<Test>::NotParty);
		assert_noop!(record(PW_OPERATOR, vec![]), Error::<Test>::NothingServed);
		suspend(PUBLIC_WORKS);
		assert_noop!(
			record(PW_OPERATOR, vec![good.clone()]),
			pallet_departments::Error::<Test>::DepartmentSuspended
		);
		reactivate(PUBLIC_WORKS);
		assert_noop!(
			record(OUTSIDER, vec![good.clone()]),
			pallet_departments::Error::<Test>::NotMember
		);
		assert_noop!(
			record(TR_ADMIN, vec![good.clone()]),
			pallet_departments::Error::<Test>::RoleNotAllowed
		);
		assert_noop!(
			AccessGrants::record_served(RuntimeOrigin::root(), list(vec![good])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn only_the_asset_s_owner_reports_a_download_of_a_removed_grant() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let copied = served(TR_OPERATOR, grant, INTERNAL_ASSET, 1);
		assert_ok!(AccessGrants::revoke_access(signed(PW_STEWARD), grant, reason("over")));

		// Health's gateway cannot put it on record as served by Health ...
		assert_noop!(record(HL_OPERATOR, vec![copied.clone()]), Error::<Test>::NotParty);
		// ... Public Works' can, uncounted.
		assert_ok!(record(PW_OPERATOR, vec![copied]));
		assert!(matches!(
			last_event(),
			Event::ServedAccessNotCounted {
				reason: DenialReason::NoGrant,
				recorded_by: PW_OPERATOR,
				..
			}
		));
	});
}

#[test]
fn a_use_count_that_would_overflow_refuses_the_whole_call() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let other = direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		Grants::<Test>::mutate(grant, |record| record.as_mut().unwrap().uses = u32::MAX);
		assert_noop!(
			record(
				PW_OPERATOR,
				vec![
					served(TR_OPERATOR, other, CONFIDENTIAL_ASSET, 1),
					served(TR_OPERATOR, grant, INTERNAL_ASSET, 2)
				]
			),
			Error::<Test>::UseCountOverflow
		);
	});
}

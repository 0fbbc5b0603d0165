//! This pallet's share of dissolving a department ([`Offboarding`]): grants given and
//! received ended, requests made and to decide purged, deposits back, bounded by the meter,
//! stopped by a legal hold; and the migration that indexes requests by requester.

use super::*;
use crate::{
	migrations::MigrateV1ToV2, Deposit, Event, GranteeGrants, Grants, OwnerGrants,
	RequesterRequests, Requests, WeightInfo,
};
use city_primitives::{OffboardCounts, Offboarded, Offboarding, RecordId, TestLegalHolds};
use frame_support::{
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::WeightMeter,
};

/// Runs this pallet's share for `department` with `meter`; returns the outcome and the counts.
fn offboard(department: DepartmentId, meter: &mut WeightMeter) -> (Offboarded, OffboardCounts) {
	let mut ended = OffboardCounts::default();
	let outcome = <AccessGrants as Offboarding>::offboard(department, None, meter, &mut ended)
		.expect("a step");
	(outcome, ended)
}

#[test]
fn a_dissolved_requester_and_grantee_loses_its_grants_and_requests_and_the_payers_are_repaid() {
	test(|| {
		let received = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		let request = open_request(CONFIDENTIAL_ASSET);
		let unrelated = direct_grant(INTERNAL_ASSET, HEALTH, None);
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (2 * DEPOSIT, DEPOSIT));

		let (outcome, ended) = offboard(TRANSPORT, &mut WeightMeter::new());

		assert_eq!(outcome, Offboarded::Finished);
		assert_eq!((ended.grants_ended, ended.requests_purged), (1, 1));
		assert!(Grants::<Test>::get(received).is_none());
		assert!(Requests::<Test>::get(request).is_none());
		assert!(Grants::<Test>::get(unrelated).is_some());
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (DEPOSIT, 0));
		let events = access_events();
		assert!(events.contains(&Event::GrantPurged {
			grant: received,
			deposit: Some(Deposit { depositor: PW_STEWARD, amount: DEPOSIT }),
		}));
		assert!(events.contains(&Event::RequestPurged {
			request,
			deposit: Some(Deposit { depositor: TR_STEWARD, amount: DEPOSIT }),
		}));
	});
}

#[test]
fn a_dissolved_owner_ends_the_grants_it_gave_and_the_requests_it_had_to_decide() {
	test(|| {
		direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		direct_grant(INTERNAL_ASSET, HEALTH, None);
		let request = open_request(CONFIDENTIAL_ASSET);

		let (outcome, ended) = offboard(PUBLIC_WORKS, &mut WeightMeter::new());

		assert_eq!(outcome, Offboarded::Finished);
		assert_eq!((ended.grants_ended, ended.requests_purged), (2, 1));
		assert_eq!(Grants::<Test>::iter().count(), 0);
		assert_eq!(OwnerGrants::<Test>::iter().count(), 0);
		assert_eq!(GranteeGrants::<Test>::iter().count(), 0);
		assert!(Requests::<Test>::get(request).is_none());
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, 0));
	});
}

#[test]
fn a_step_ends_no_more_than_its_meter_pays_for_and_the_next_goes_on() {
	test(|| {
		direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		direct_grant(CONFIDENTIAL_ASSET, TRANSPORT, None);
		open_request(RESTRICTED_ASSET);
		let one_grant = <() as WeightInfo>::offboard_grant();

		let mut meter = WeightMeter::with_limit(one_grant);
		assert_eq!(offboard(TRANSPORT, &mut meter).0, Offboarded::OutOfWeight);
		assert_eq!(meter.consumed(), one_grant);
		assert_eq!(GranteeGrants::<Test>::iter_key_prefix(TRANSPORT).count(), 1);

		let (outcome, ended) = offboard(TRANSPORT, &mut WeightMeter::new());
		assert_eq!(outcome, Offboarded::Finished);
		assert_eq!((ended.grants_ended, ended.requests_purged), (1, 1));
		assert_eq!(
			<AccessGrants as Offboarding>::max_item_weight(),
			one_grant.max(<() as WeightInfo>::offboard_request())
		);
	});
}

#[test]
fn a_held_asset_or_party_stops_the_step_at_its_grant_or_request() {
	test(|| {
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, None);
		TestLegalHolds::place(RecordId::Asset(INTERNAL_ASSET));
		assert_eq!(
			offboard(TRANSPORT, &mut WeightMeter::new()).0,
			Offboarded::Held(RecordId::Asset(INTERNAL_ASSET))
		);
		assert!(Grants::<Test>::get(grant).is_some());
		TestLegalHolds::lift(RecordId::Asset(INTERNAL_ASSET));

		// The other party's hold counts too: Public Works holds the asset Transport asked for.
		let request = open_request(CONFIDENTIAL_ASSET);
		TestLegalHolds::place(RecordId::Department(PUBLIC_WORKS));
		assert_eq!(
			offboard(TRANSPORT, &mut WeightMeter::new()).0,
			Offboarded::Held(RecordId::Department(PUBLIC_WORKS))
		);
		assert!(Requests::<Test>::get(request).is_some());
		TestLegalHolds::lift(RecordId::Department(PUBLIC_WORKS));
		assert_eq!(offboard(TRANSPORT, &mut WeightMeter::new()).0, Offboarded::Finished);
	});
}

#[test]
fn the_v2_migration_indexes_open_requests_by_requester_once() {
	test(|| {
		assert_eq!(AccessGrants::in_code_storage_version(), StorageVersion::new(2));
		let first = open_request(CONFIDENTIAL_ASSET);
		let second = open_request(RESTRICTED_ASSET);
		// Version 1 had no index.
		let _ = RequesterRequests::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<AccessGrants>();
		assert!(AccessGrants::do_try_state().is_err());

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert!(RequesterRequests::<Test>::contains_key(TRANSPORT, first));
		assert!(RequesterRequests::<Test>::contains_key(TRANSPORT, second));
		assert_eq!(AccessGrants::on_chain_storage_version(), StorageVersion::new(2));
		// A second run does nothing.
		let _ = RequesterRequests::<Test>::clear(u32::MAX, None);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(RequesterRequests::<Test>::iter().count(), 0);
		// (Rebuilt, for the invariants checked at the end.)
		StorageVersion::new(1).put::<AccessGrants>();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
	});
}

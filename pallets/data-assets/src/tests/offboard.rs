//! This pallet's share of dissolving a department ([`Offboarding`]): its assets go to the
//! successor, or the active ones are retired; bounded by the meter, resumed where it stopped,
//! stopped by a legal hold.

use super::*;
use crate::{Assets, AssetsByDepartment, DepartmentId, Deposit, Event, OffboardCursor, WeightInfo};
use city_primitives::{OffboardCounts, Offboarded, Offboarding, RecordId, TestLegalHolds};
use frame_support::weights::WeightMeter;

fn offboard(
	successor: Option<DepartmentId>,
	meter: &mut WeightMeter,
	ended: &mut OffboardCounts,
) -> Offboarded {
	<DataAssets as Offboarding>::offboard(PUBLIC_WORKS, successor, meter, ended).expect("a step")
}

#[test]
fn with_a_successor_every_asset_changes_hands_and_keeps_its_deposit_and_payer() {
	test(|| {
		let active = register(PW_STEWARD, b"a");
		let retired = register(PW_STEWARD, b"b");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), retired));
		let offered = register(PW_STEWARD, b"c");
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), offered, PARKS));
		let held_before = held(PW_STEWARD);
		let mut ended = OffboardCounts::default();

		assert_eq!(
			offboard(Some(TRANSPORT), &mut WeightMeter::new(), &mut ended),
			Offboarded::Finished
		);

		for asset in [active, retired, offered] {
			let record = Assets::<Test>::get(asset).unwrap();
			assert_eq!((record.owner, record.transfers, record.offered_to), (TRANSPORT, 1, None));
			assert!(AssetsByDepartment::<Test>::contains_key(TRANSPORT, asset));
		}
		assert_eq!(AssetsByDepartment::<Test>::iter_key_prefix(PUBLIC_WORKS).count(), 0);
		assert_eq!(ended.assets_handed_over, 3);
		assert_eq!(held(PW_STEWARD), held_before);
		let events = data_assets_events();
		assert!(events.contains(&Event::TransferCancelled {
			asset: offered,
			to: PARKS,
			by: PUBLIC_WORKS
		}));
		assert!(events.contains(&Event::AssetTransferred {
			asset: active,
			from: PUBLIC_WORKS,
			to: TRANSPORT,
			deposit: Some(Deposit { depositor: PW_STEWARD, amount: deposit_for(1) }),
		}));
		assert!(OffboardCursor::<Test>::get(PUBLIC_WORKS).is_none());
	});
}

#[test]
fn without_a_successor_the_active_assets_are_retired_and_tombstones_stay() {
	test(|| {
		let first = register(PW_STEWARD, b"a");
		let second = register(PW_STEWARD_2, b"b");
		let tombstone = register(PW_STEWARD, b"c");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), tombstone));
		let mut ended = OffboardCounts::default();

		assert_eq!(offboard(None, &mut WeightMeter::new(), &mut ended), Offboarded::Finished);

		for asset in [first, second, tombstone] {
			let record = Assets::<Test>::get(asset).unwrap();
			assert!(record.retired_at.is_some());
			assert_eq!(record.owner, PUBLIC_WORKS);
		}
		assert_eq!(ended.assets_retired, 2);
		assert_eq!(held(PW_STEWARD), 2 * TOMBSTONE_BASE + 2 * TOMBSTONE_PER_VERSION);
		assert_eq!(held(PW_STEWARD_2), TOMBSTONE_BASE + TOMBSTONE_PER_VERSION);
	});
}

#[test]
fn a_step_stops_when_the_meter_is_spent_and_the_next_starts_where_it_stopped() {
	test(|| {
		for seed in [b"a", b"b", b"c"] {
			register(PW_STEWARD, seed);
		}
		let one = <() as WeightInfo>::offboard_asset_retire(1);
		let mut ended = OffboardCounts::default();

		let mut meter = WeightMeter::with_limit(one);
		assert_eq!(offboard(None, &mut meter, &mut ended), Offboarded::OutOfWeight);
		assert_eq!(ended.assets_retired, 1);
		let cursor = OffboardCursor::<Test>::get(PUBLIC_WORKS).expect("the place is kept");
		assert!(Assets::<Test>::get(cursor).unwrap().retired_at.is_some());

		// The next step passes no tombstone over: its first item is the next active asset.
		let mut meter = WeightMeter::with_limit(one);
		assert_eq!(offboard(None, &mut meter, &mut ended), Offboarded::OutOfWeight);
		assert_eq!(ended.assets_retired, 2);
		assert_eq!(offboard(None, &mut WeightMeter::new(), &mut ended), Offboarded::Finished);
		assert_eq!(ended.assets_retired, 3);
		assert!(OffboardCursor::<Test>::get(PUBLIC_WORKS).is_none());
	});
}

#[test]
fn an_asset_under_legal_hold_stops_the_step_until_it_is_lifted() {
	test(|| {
		let asset = register(PW_STEWARD, b"a");
		TestLegalHolds::place(RecordId::Asset(asset));
		let mut ended = OffboardCounts::default();

		assert_eq!(
			offboard(Some(TRANSPORT), &mut WeightMeter::new(), &mut ended),
			Offboarded::Held(RecordId::Asset(asset))
		);
		assert_eq!(Assets::<Test>::get(asset).unwrap().owner, PUBLIC_WORKS);

		TestLegalHolds::lift(RecordId::Asset(asset));
		assert_eq!(
			offboard(Some(TRANSPORT), &mut WeightMeter::new(), &mut ended),
			Offboarded::Finished
		);
		assert_eq!(Assets::<Test>::get(asset).unwrap().owner, TRANSPORT);
	});
}

//! This pallet's share of dissolving a department ([`Offboarding`]): its codes go to the
//! successor, whole hierarchies included, or the active and suspended ones are retired; bounded
//! by the meter, resumed where it stopped, stopped by a legal hold.

use super::*;
use crate::{
	CodeStatus, DepartmentCodes, DepartmentId, Deposit, Event, OffboardCursor, WeightInfo,
};
use city_primitives::{OffboardCounts, Offboarded, Offboarding, RecordId, TestLegalHolds};
use frame_support::weights::WeightMeter;

fn offboard(
	successor: Option<DepartmentId>,
	meter: &mut WeightMeter,
	ended: &mut OffboardCounts,
) -> Offboarded {
	<CityCodes as Offboarding>::offboard(TRANSPORT, successor, meter, ended).expect("a step")
}

#[test]
fn with_a_successor_every_code_and_hierarchy_changes_hands_one_code_at_a_time() {
	test(|| {
		let parent = issue(TRF_STEWARD, DEV);
		let child = issue_under(TRF_STEWARD, DEV, Some(parent));
		let retired = issue(TRF_STEWARD, BLD);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), retired));
		let offered = issue(TRF_STEWARD, ROD);
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), offered, PLANNING));
		let held_before = held(TRF_STEWARD);
		assert_ok!(Departments::dissolve_department(
			RuntimeOrigin::root(),
			TRANSPORT,
			Some(HEALTH)
		));
		let mut ended = OffboardCounts::default();

		// One code per step: between steps a hierarchy spans both departments, which the
		// invariants allow while Transport is being dissolved.
		let one = <() as WeightInfo>::offboard_code_hand_over();
		assert_eq!(
			offboard(Some(HEALTH), &mut WeightMeter::with_limit(one), &mut ended),
			Offboarded::OutOfWeight
		);
		assert_eq!(ended.codes_handed_over, 1);
		assert!(OffboardCursor::<Test>::get(TRANSPORT).is_some());
		assert_ok!(CityCodes::do_try_state());

		assert_eq!(
			offboard(Some(HEALTH), &mut WeightMeter::new(), &mut ended),
			Offboarded::Finished
		);
		for code in [parent, child, retired, offered] {
			let record = record(code);
			assert_eq!((record.owner, record.transfer_to), (HEALTH, None));
			assert!(DepartmentCodes::<Test>::contains_key(HEALTH, code));
		}
		assert_eq!(record(retired).status, CodeStatus::Retired);
		assert_eq!(DepartmentCodes::<Test>::iter_key_prefix(TRANSPORT).count(), 0);
		assert_eq!(ended.codes_handed_over, 4);
		assert_eq!(held(TRF_STEWARD), held_before);
		assert!(OffboardCursor::<Test>::get(TRANSPORT).is_none());
		let events = city_codes_events();
		assert!(events.contains(&Event::TransferCancelled {
			code: offered,
			to: PLANNING,
			by: TRANSPORT
		}));
		assert!(events.contains(&Event::CodeTransferred {
			code: parent,
			from: TRANSPORT,
			to: HEALTH,
			deposit: Some(Deposit { depositor: TRF_STEWARD, amount: DEPOSIT }),
			released: None,
		}));
	});
}

#[test]
fn without_a_successor_active_and_suspended_codes_are_retired() {
	test(|| {
		let active = issue(TRF_STEWARD, DEV);
		let suspended = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), suspended));
		let tombstone = issue(TRF_STEWARD, BLD);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), tombstone));
		let mut ended = OffboardCounts::default();

		assert_eq!(offboard(None, &mut WeightMeter::new(), &mut ended), Offboarded::Finished);

		for code in [active, suspended, tombstone] {
			assert_eq!((record(code).status, record(code).owner), (CodeStatus::Retired, TRANSPORT));
		}
		assert_eq!(ended.codes_retired, 2);
		assert_eq!(held(TRF_STEWARD), 3 * TOMBSTONE);
	});
}

#[test]
fn a_code_under_legal_hold_stops_the_step_until_it_is_lifted() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		TestLegalHolds::place(RecordId::Code(code));
		let mut ended = OffboardCounts::default();

		assert_eq!(
			offboard(None, &mut WeightMeter::new(), &mut ended),
			Offboarded::Held(RecordId::Code(code))
		);
		assert_eq!(record(code).status, CodeStatus::Active);

		TestLegalHolds::lift(RecordId::Code(code));
		assert_eq!(offboard(None, &mut WeightMeter::new(), &mut ended), Offboarded::Finished);
		assert_eq!(record(code).status, CodeStatus::Retired);
	});
}

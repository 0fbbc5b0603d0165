//! This pallet's share of dissolving a department ([`Offboarding`]): its validators leave the
//! set in one item, and a dissolution that would leave too few is refused before it starts.

use super::*;
use crate::{Error, Event, WeightInfo};
use city_primitives::{OffboardCounts, Offboarded, Offboarding};
use frame_support::{assert_noop, assert_ok, weights::WeightMeter};

#[test]
fn a_dissolved_department_s_validators_all_leave_the_set() {
	test(|| {
		set_keys(C4);
		assert_ok!(ValidatorSet::add_validator(council(), C4, PUBLIC_WORKS));
		set_keys(C5);
		assert_ok!(ValidatorSet::add_validator(council(), C5, FIRE));
		assert_ok!(<ValidatorSet as Offboarding>::can_dissolve(PUBLIC_WORKS, None));
		let mut ended = OffboardCounts::default();

		let outcome = <ValidatorSet as Offboarding>::offboard(
			PUBLIC_WORKS,
			None,
			&mut WeightMeter::new(),
			&mut ended,
		);

		assert_eq!(outcome, Ok(Offboarded::Finished));
		assert_eq!(ValidatorSet::validators(), vec![(V2, TRANSPORT), (V3, WATER), (C5, FIRE)]);
		assert_eq!(ended.validators_removed, 2);
		let events = validator_set_events();
		assert!(events.contains(&Event::ValidatorRemoved { who: V1, department: PUBLIC_WORKS }));
		assert!(events.contains(&Event::ValidatorRemoved { who: C4, department: PUBLIC_WORKS }));
		// They still validate until the change reaches pallet-session.
		assert_eq!(session_validators(), vec![V1, V2, V3]);
	});
}

#[test]
fn a_department_without_validators_has_nothing_to_end() {
	test(|| {
		assert_ok!(<ValidatorSet as Offboarding>::can_dissolve(PARKS, None));
		let mut ended = OffboardCounts::default();
		let mut meter = WeightMeter::new();
		assert_eq!(
			<ValidatorSet as Offboarding>::offboard(PARKS, None, &mut meter, &mut ended),
			Ok(Offboarded::Finished)
		);
		assert_eq!(ValidatorSet::validators().len(), 3);
		assert_eq!(meter.consumed(), frame_support::weights::Weight::zero());
	});
}

#[test]
fn a_dissolution_that_would_leave_too_few_validators_is_refused_before_it_starts() {
	// Two validators, the minimum: neither department may be dissolved.
	ExtBuilder::default().validators(vec![(V1, PUBLIC_WORKS), (V2, TRANSPORT)]).build_and_execute(
		|| {
			assert_noop!(
				<ValidatorSet as Offboarding>::can_dissolve(PUBLIC_WORKS, Some(TRANSPORT)),
				Error::<Test>::TooFewValidators
			);
		},
	);
}

#[test]
fn the_step_waits_for_a_meter_that_pays_for_the_set() {
	test(|| {
		let weight = <() as WeightInfo>::remove_validator(MAX_VALIDATORS);
		let mut ended = OffboardCounts::default();
		let mut meter = WeightMeter::with_limit(
			weight.saturating_sub(frame_support::weights::Weight::from_parts(1, 0)),
		);
		assert_eq!(
			<ValidatorSet as Offboarding>::offboard(PUBLIC_WORKS, None, &mut meter, &mut ended),
			Ok(Offboarded::OutOfWeight)
		);
		assert_eq!(ValidatorSet::validators().len(), 3);
	});
}

#[test]
fn validators_of_a_department_being_dissolved_count_as_gone() {
	// Three validators and a minimum of two: once Public Works is being dissolved (its
	// validator leaves in a step to come), neither another dissolution nor a removal may take
	// a second one.
	test(|| {
		assert_eq!(MIN_VALIDATORS, 2);
		assert_ok!(Departments::dissolve_department(
			frame_system::RawOrigin::Root.into(),
			PUBLIC_WORKS,
			None
		));
		assert_eq!(ValidatorSet::validators().len(), 3);

		assert_noop!(
			<ValidatorSet as Offboarding>::can_dissolve(TRANSPORT, None),
			Error::<Test>::TooFewValidators
		);
		assert_noop!(
			ValidatorSet::remove_validator(council(), V3),
			Error::<Test>::TooFewValidators
		);
		// A department without validators may still be dissolved.
		assert_ok!(<ValidatorSet as Offboarding>::can_dissolve(PARKS, None));
	});
}

//! Issuing codes, one at a time and in batches: serials, parents, prefixes, deposits.

use super::*;
use crate::{
	Children, CodeByKey, CodeRecord, CodeStatus, DepartmentCodes, Deposit, Error, Event,
	IssuerByPrefix, IssuerPrefixes, LastSerial, NextCodeId,
};
use frame_support::{assert_noop, traits::fungible::Mutate, BoundedVec};
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

#[test]
fn a_steward_issues_a_code_and_pays_the_deposit() {
	test(|| {
		let location = Some(tiananmen());
		assert_ok!(CityCodes::issue_code(
			signed(TRF_STEWARD),
			DEV,
			name("Signal 12"),
			location,
			Some([1; 32]),
			None
		));

		let deposit = Some(Deposit { depositor: TRF_STEWARD, amount: DEPOSIT });
		assert_eq!(
			record(0),
			CodeRecord {
				issuer: TRANSPORT,
				class: DEV,
				serial: 1,
				owner: TRANSPORT,
				name: name("Signal 12"),
				location,
				attributes: Some([1; 32]),
				parent: None,
				depth: 0,
				status: CodeStatus::Active,
				assets: Default::default(),
				transfer_to: None,
				deposit: deposit.clone(),
				issued_at: 1,
			}
		);
		assert_eq!(
			last_event(),
			Event::CodeIssued {
				code: 0,
				department: TRANSPORT,
				class: DEV,
				serial: 1,
				parent: None,
				deposit
			}
		);
		assert_eq!(held(TRF_STEWARD), DEPOSIT);
		assert_eq!(Balances::free_balance(TRF_STEWARD), ENDOWMENT - DEPOSIT);
		assert_eq!(CodeByKey::<Test>::get((TRANSPORT, DEV, 1)), Some(0));
		assert!(DepartmentCodes::<Test>::contains_key(TRANSPORT, 0));
		assert_eq!(text(0), "BJ.TRF/DEV/000001-G");
		assert!(city_primitives::city_code::CityCode::parse(text(0).as_bytes()).is_ok());
	});
}

#[test]
fn an_operator_issues_too() {
	test(|| {
		let code = issue(TRF_OPERATOR, BLD);
		assert_eq!(record(code).owner, TRANSPORT);
		assert_eq!(held(TRF_OPERATOR), DEPOSIT);
	});
}

#[test]
fn only_stewards_and_operators_of_active_departments_issue() {
	test(|| {
		let call = |origin| CityCodes::issue_code(origin, DEV, name("Lamp"), None, None, None);
		assert_noop!(call(RuntimeOrigin::none()), DispatchError::BadOrigin);
		assert_noop!(call(registrar()), DispatchError::BadOrigin);
		assert_noop!(call(signed(OUTSIDER)), DepartmentsError::NotMember);
		assert_noop!(call(signed(TRF_ADMIN)), DepartmentsError::RoleNotAllowed);
		assert_ok!(Departments::suspend_department(registrar(), TRANSPORT));
		assert_noop!(call(signed(TRF_STEWARD)), DepartmentsError::DepartmentSuspended);
	});
}

#[test]
fn the_first_code_records_the_department_prefix() {
	test(|| {
		assert_eq!(IssuerPrefixes::<Test>::get(TRANSPORT), None);
		issue(TRF_STEWARD, DEV);
		assert_eq!(IssuerPrefixes::<Test>::get(TRANSPORT).unwrap().to_vec(), b"TRF".to_vec());
		assert_eq!(
			IssuerByPrefix::<Test>::get(IssuerPrefixes::<Test>::get(TRANSPORT).unwrap()),
			Some(TRANSPORT)
		);
		issue(TRF_OPERATOR, BLD);
		assert_eq!(IssuerByPrefix::<Test>::iter().count(), 1);
	});
}

#[test]
fn serials_count_per_department_and_class_and_ids_globally() {
	test(|| {
		assert_eq!(issue(TRF_STEWARD, DEV), 0);
		assert_eq!(issue(TRF_OPERATOR, DEV), 1);
		assert_eq!(issue(TRF_STEWARD, BLD), 2);
		assert_eq!(issue(PLN_STEWARD, DEV), 3);
		let serials: Vec<_> = (0..4).map(|code| record(code).serial).collect();
		assert_eq!(serials, vec![1, 2, 1, 1]);
		assert_eq!(LastSerial::<Test>::get((TRANSPORT, DEV)), 2);
		assert!(text(1).starts_with("BJ.TRF/DEV/000002-"));
		assert!(text(3).starts_with("BJ.PLN/DEV/000001-"));
		assert_eq!(NextCodeId::<Test>::get(), 4);
	});
}

#[test]
fn malformed_names_and_locations_are_refused() {
	test(|| {
		for bad in ["", "Lamp\u{200B}", "Lamp\u{2028}"] {
			assert_noop!(
				CityCodes::issue_code(signed(TRF_STEWARD), DEV, name(bad), None, None, None),
				Error::<Test>::InvalidName
			);
		}
		for (latitude, longitude) in
			[(90_000_001, 0), (-90_000_001, 0), (0, 180_000_001), (0, -180_000_001), (i32::MIN, 0)]
		{
			let location = Some(Location { latitude, longitude });
			assert_noop!(
				CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("Lamp"), location, None, None),
				Error::<Test>::InvalidLocation
			);
		}
		// The extremes are fine.
		for (latitude, longitude) in [(90_000_000, 180_000_000), (-90_000_000, -180_000_000)] {
			let location = Some(Location { latitude, longitude });
			assert_ok!(CityCodes::issue_code(
				signed(TRF_STEWARD),
				DEV,
				name("Pole"),
				location,
				None,
				None
			));
		}
	});
}

#[test]
fn the_class_must_exist() {
	test(|| {
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), NO_CLASS, name("Lamp"), None, None, None),
			Error::<Test>::UnknownClass
		);
	});
}

#[test]
fn a_child_is_indexed_under_its_parent() {
	test(|| {
		let building = issue(TRF_OPERATOR, BLD);
		let device = issue_under(TRF_STEWARD, DEV, Some(building));
		assert_eq!(record(device).parent, Some(building));
		assert_eq!(record(device).depth, 1);
		assert!(Children::<Test>::contains_key(building, device));
		assert_eq!(
			last_event(),
			Event::CodeIssued {
				code: device,
				department: TRANSPORT,
				class: DEV,
				serial: 1,
				parent: Some(building),
				deposit: Some(Deposit { depositor: TRF_STEWARD, amount: DEPOSIT }),
			}
		);
	});
}

#[test]
fn the_parent_must_be_owned_by_the_issuers_department() {
	test(|| {
		let building = issue(PLN_STEWARD, BLD);
		let under = |who, parent| {
			CityCodes::issue_code(signed(who), DEV, name("L"), None, None, Some(parent))
		};
		assert_noop!(under(TRF_STEWARD, building), Error::<Test>::ParentOfAnotherDepartment);
		// Nor when the parent's department is suspended.
		assert_ok!(Departments::suspend_department(registrar(), PLANNING));
		assert_noop!(under(TRF_STEWARD, building), Error::<Test>::ParentOfAnotherDepartment);
		assert_ok!(Departments::reactivate_department(registrar(), PLANNING));

		// It is the owner that counts, not the issuer: a parent handed over to Transport is
		// Transport's to nest under, and no longer Planning's.
		assert_ok!(CityCodes::offer_transfer(signed(PLN_STEWARD), building, TRANSPORT));
		assert_noop!(under(TRF_STEWARD, building), Error::<Test>::ParentOfAnotherDepartment);
		assert_ok!(CityCodes::accept_transfer(signed(TRF_STEWARD), building));
		assert_noop!(under(PLN_STEWARD, building), Error::<Test>::ParentOfAnotherDepartment);
		let device = issue_under(TRF_OPERATOR, DEV, Some(building));
		assert_eq!((record(device).issuer, record(building).issuer), (TRANSPORT, PLANNING));
	});
}

#[test]
fn the_parent_must_not_be_suspended() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), building));
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("L"), None, None, Some(building)),
			Error::<Test>::ParentSuspended
		);
		assert_ok!(CityCodes::reactivate_code(signed(TRF_STEWARD), building));
		issue_under(TRF_STEWARD, DEV, Some(building));
	});
}

#[test]
fn the_parent_must_exist_and_not_be_retired() {
	test(|| {
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("L"), None, None, Some(NO_CODE)),
			Error::<Test>::UnknownParent
		);
		let building = issue(TRF_STEWARD, BLD);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), building));
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("L"), None, None, Some(building)),
			Error::<Test>::ParentRetired
		);
	});
}

#[test]
fn nesting_is_bounded_by_max_depth() {
	test(|| {
		// MaxDepth = 2.
		let road = issue(TRF_STEWARD, ROD);
		let building = issue_under(TRF_STEWARD, BLD, Some(road));
		let device = issue_under(TRF_STEWARD, DEV, Some(building));
		assert_eq!(record(device).depth, 2);
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("L"), None, None, Some(device)),
			Error::<Test>::TooDeep
		);
	});
}

#[test]
fn a_prefix_no_code_can_carry_is_refused() {
	test(|| {
		assert_noop!(
			CityCodes::issue_code(signed(LONG_STEWARD), DEV, name("Lamp"), None, None, None),
			Error::<Test>::DepartmentPrefixUnusable
		);
	});
}

#[test]
fn a_prefix_taken_by_another_department_is_refused() {
	test(|| {
		// A registry that reused a prefix: Planning's codes already carry `TRF`.
		let prefix: crate::PrefixLabel = b"TRF".to_vec().try_into().unwrap();
		IssuerPrefixes::<Test>::insert(PLANNING, &prefix);
		IssuerByPrefix::<Test>::insert(&prefix, PLANNING);
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("Lamp"), None, None, None),
			Error::<Test>::PrefixTaken
		);
	});
}

#[test]
fn serials_and_ids_run_out() {
	test(|| {
		LastSerial::<Test>::insert((TRANSPORT, DEV), u32::MAX);
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("Lamp"), None, None, None),
			Error::<Test>::NoSerialLeft
		);
		// Another class still has serials.
		NextCodeId::<Test>::put(u64::MAX);
		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), BLD, name("Hall"), None, None, None),
			Error::<Test>::NoCodeIdLeft
		);
		LastSerial::<Test>::remove((TRANSPORT, DEV));
		NextCodeId::<Test>::put(0);
	});
}

#[test]
fn the_signer_must_afford_the_deposit() {
	test(|| {
		assert_noop!(
			CityCodes::issue_code(signed(PAUPER), DEV, name("Lamp"), None, None, None),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn a_zero_deposit_holds_nothing() {
	test(|| {
		CodeDeposit::set(0);
		let code = issue(TRF_STEWARD, DEV);
		assert_eq!(record(code).deposit, None);
		assert_eq!(held(TRF_STEWARD), 0);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		CodeDeposit::set(DEPOSIT);
	});
}

// ---- issue_codes_batch ----

fn batch(entries: Vec<NewCodeOf<Test>>) -> BoundedVec<NewCodeOf<Test>, ConstMaxBatch> {
	entries.try_into().expect("test batches fit MaxBatch")
}

type ConstMaxBatch = <Test as crate::Config>::MaxBatch;

#[test]
fn a_batch_issues_consecutive_codes_with_one_event() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		let entries = vec![new_code("A", None), new_code("B", Some(building)), new_code("C", None)];
		assert_ok!(CityCodes::issue_codes_batch(signed(TRF_OPERATOR), DEV, batch(entries)));

		let deposit = Some(Deposit { depositor: TRF_OPERATOR, amount: DEPOSIT });
		assert_eq!(
			last_event(),
			Event::CodesIssued {
				department: TRANSPORT,
				class: DEV,
				first_code: 1,
				first_serial: 1,
				count: 3,
				deposit
			}
		);
		assert_eq!(city_codes_events().len(), 2);
		let names: Vec<_> = (1..=3).map(|code| record(code).name).collect();
		assert_eq!(names, vec![name("A"), name("B"), name("C")]);
		let serials: Vec<_> = (1..=3).map(|code| record(code).serial).collect();
		assert_eq!(serials, vec![1, 2, 3]);
		assert!(Children::<Test>::contains_key(building, 2));
		assert_eq!(held(TRF_OPERATOR), 3 * DEPOSIT);
		assert_eq!(LastSerial::<Test>::get((TRANSPORT, DEV)), 3);
		// Each record claims its own deposit.
		assert_eq!(record(3).deposit.unwrap().amount, DEPOSIT);
	});
}

#[test]
fn a_batch_of_one_is_a_batch() {
	test(|| {
		assert_ok!(CityCodes::issue_codes_batch(
			signed(TRF_STEWARD),
			DEV,
			batch(vec![new_code("A", None)])
		));
		assert!(matches!(last_event(), Event::CodesIssued { count: 1, .. }));
	});
}

#[test]
fn an_empty_batch_is_refused() {
	test(|| {
		assert_noop!(
			CityCodes::issue_codes_batch(signed(TRF_STEWARD), DEV, batch(vec![])),
			Error::<Test>::EmptyBatch
		);
	});
}

#[test]
fn a_batch_is_all_or_nothing() {
	test(|| {
		let bad_name = vec![new_code("A", None), new_code("", None)];
		assert_noop!(
			CityCodes::issue_codes_batch(signed(TRF_STEWARD), DEV, batch(bad_name)),
			Error::<Test>::InvalidName
		);
		let mut bad_location = new_code("B", None);
		bad_location.location = Some(Location { latitude: 0, longitude: 200_000_000 });
		assert_noop!(
			CityCodes::issue_codes_batch(
				signed(TRF_STEWARD),
				DEV,
				batch(vec![new_code("A", None), bad_location])
			),
			Error::<Test>::InvalidLocation
		);
		// A parent must exist before the batch, not be issued by it.
		let next = NextCodeId::<Test>::get();
		assert_noop!(
			CityCodes::issue_codes_batch(
				signed(TRF_STEWARD),
				DEV,
				batch(vec![new_code("A", None), new_code("B", Some(next))])
			),
			Error::<Test>::UnknownParent
		);
		// Every entry's parent is checked: one of another department, or suspended, refuses
		// the whole batch.
		let ours = issue(TRF_STEWARD, BLD);
		let theirs = issue(PLN_STEWARD, BLD);
		assert_noop!(
			CityCodes::issue_codes_batch(
				signed(TRF_STEWARD),
				DEV,
				batch(vec![new_code("A", Some(ours)), new_code("B", Some(theirs))])
			),
			Error::<Test>::ParentOfAnotherDepartment
		);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), ours));
		assert_noop!(
			CityCodes::issue_codes_batch(
				signed(TRF_STEWARD),
				DEV,
				batch(vec![new_code("A", None), new_code("B", Some(ours))])
			),
			Error::<Test>::ParentSuspended
		);
	});
}

#[test]
fn a_batch_checks_origin_class_and_funds_for_every_code() {
	test(|| {
		let entries = || batch(vec![new_code("A", None), new_code("B", None)]);
		assert_noop!(
			CityCodes::issue_codes_batch(RuntimeOrigin::none(), DEV, entries()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CityCodes::issue_codes_batch(signed(TRF_ADMIN), DEV, entries()),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(
			CityCodes::issue_codes_batch(signed(TRF_STEWARD), NO_CLASS, entries()),
			Error::<Test>::UnknownClass
		);
		// Enough for one deposit, not two.
		Balances::set_balance(&TRF_STEWARD, DEPOSIT + 5);
		assert_noop!(
			CityCodes::issue_codes_batch(signed(TRF_STEWARD), DEV, entries()),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

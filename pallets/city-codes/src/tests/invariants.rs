//! `do_try_state`: every test ends with it passing; here it must catch each broken invariant.
//!
//! These tests corrupt storage on purpose, so they use `build().execute_with` rather than the
//! checking wrappers.

use super::*;
use crate::{
	Children, ClassByCode, CodeByKey, CodeStatus, DepartmentCodes, Deposit, IssuerByPrefix,
	IssuerPrefixes, LastSerial, NextClassId, NextCodeId, ObjectClasses, PrefixLabel,
};
use frame_support::traits::{
	fungible::MutateHold,
	tokens::{Fortitude, Precision},
};

/// On a state with a building (0) holding a device (1) and a road (2), all Transport's, checks
/// the invariants hold, corrupts storage, and expects `expected`.
fn broken(corrupt: impl FnOnce(), expected: &'static str) {
	ExtBuilder::default().build().execute_with(|| {
		let building = issue(TRF_STEWARD, BLD);
		issue_under(TRF_OPERATOR, DEV, Some(building));
		issue(TRF_STEWARD, ROD);
		assert_ok!(CityCodes::do_try_state());
		corrupt();
		assert_eq!(CityCodes::do_try_state(), Err(expected.into()));
	});
}

fn mutate(code: CodeId, change: impl FnOnce(&mut CodeRecordOf<Test>)) {
	Codes::<Test>::mutate(code, |record| change(record.as_mut().unwrap()));
}

#[test]
fn holds_on_genesis() {
	new_test_ext().execute_with(|| {
		assert_ok!(CityCodes::do_try_state());
	});
}

#[test]
fn holds_through_every_call() {
	ExtBuilder::default().build_and_execute(|| {
		let building = issue(PLN_STEWARD, BLD);
		let device = issue_under(PLN_OPERATOR, DEV, Some(building));
		let asset = MockAssets::register(PLANNING, true);
		assert_ok!(CityCodes::link_asset(signed(PLN_STEWARD), device, asset));
		let depot = issue(PLN_STEWARD, BLD);
		assert_ok!(CityCodes::link_asset(signed(PLN_STEWARD), depot, asset));
		assert_ok!(CityCodes::offer_transfer(signed(PLN_STEWARD), depot, TRANSPORT));
		assert_ok!(CityCodes::do_try_state());
		assert_ok!(CityCodes::accept_transfer(signed(TRF_STEWARD), depot));
		assert_ok!(CityCodes::suspend_code(signed(PLN_STEWARD), building));
		assert_ok!(CityCodes::do_try_state());
		assert_ok!(CityCodes::retire_code(signed(PLN_STEWARD), building));
		assert_ok!(CityCodes::retire_object_class(registrar(), BLD));
	});
}

#[test]
fn catches_a_parent_of_another_department() {
	broken(|| mutate(1, |record| record.owner = PLANNING), "parent of another department");
}

#[test]
fn catches_a_class_id_at_or_above_next_id() {
	broken(|| NextClassId::<Test>::put(2), "class id not below NextClassId");
}

#[test]
fn catches_a_malformed_class_code() {
	broken(
		|| {
			ObjectClasses::<Test>::mutate(ROD, |info| {
				info.as_mut().unwrap().code = class_code("rd")
			});
			ClassByCode::<Test>::insert(class_code("rd"), ROD);
		},
		"class code is malformed",
	);
}

#[test]
fn catches_a_missing_class_code_entry() {
	broken(
		|| ClassByCode::<Test>::remove(class_code("ROD")),
		"ClassByCode does not point back to the class",
	);
}

#[test]
fn catches_a_stray_class_code_entry() {
	broken(
		|| ClassByCode::<Test>::insert(class_code("ZZZ"), ROD),
		"ClassByCode has entries of no class",
	);
}

fn prefix(text: &str) -> PrefixLabel {
	text.as_bytes().to_vec().try_into().unwrap()
}

#[test]
fn catches_a_malformed_issuer_prefix() {
	broken(
		|| {
			IssuerPrefixes::<Test>::insert(HEALTH, prefix("hlt"));
			IssuerByPrefix::<Test>::insert(prefix("hlt"), HEALTH);
		},
		"issuer prefix is malformed",
	);
}

#[test]
fn catches_prefix_indexes_that_disagree() {
	broken(
		|| IssuerByPrefix::<Test>::insert(prefix("TRF"), HEALTH),
		"IssuerByPrefix does not mirror IssuerPrefixes",
	);
	broken(
		|| IssuerByPrefix::<Test>::insert(prefix("HLT"), HEALTH),
		"IssuerByPrefix has entries IssuerPrefixes has not",
	);
}

#[test]
fn catches_a_code_id_at_or_above_next_id() {
	broken(|| NextCodeId::<Test>::put(2), "code id not below NextCodeId");
}

#[test]
fn catches_a_code_of_an_unknown_class() {
	broken(|| mutate(2, |record| record.class = NO_CLASS), "code of an unknown class");
}

#[test]
fn catches_a_code_of_an_issuer_without_prefix() {
	broken(|| mutate(2, |record| record.issuer = HEALTH), "code of an issuer without prefix");
}

#[test]
fn catches_a_key_that_does_not_point_back() {
	broken(
		|| CodeByKey::<Test>::insert((TRANSPORT, ROD, 1), 1),
		"CodeByKey does not point back to the code",
	);
}

#[test]
fn catches_a_serial_beyond_its_counter() {
	broken(|| LastSerial::<Test>::insert((TRANSPORT, ROD), 0), "serial not within 1..=LastSerial");
}

#[test]
fn catches_a_zero_serial() {
	broken(
		|| {
			CodeByKey::<Test>::remove((TRANSPORT, ROD, 1));
			CodeByKey::<Test>::insert((TRANSPORT, ROD, 0), 2);
			mutate(2, |record| record.serial = 0);
		},
		"serial not within 1..=LastSerial",
	);
}

#[test]
fn catches_a_malformed_name_or_location() {
	broken(|| mutate(2, |record| record.name = name("")), "code name is malformed");
	broken(
		|| {
			mutate(2, |record| {
				record.location = Some(Location { latitude: i32::MAX, longitude: 0 })
			})
		},
		"location out of range",
	);
}

#[test]
fn catches_a_missing_parent() {
	broken(
		|| {
			mutate(2, |record| {
				record.parent = Some(NO_CODE);
				record.depth = 1;
			});
			Children::<Test>::insert(NO_CODE, 2, ());
		},
		"parent code does not exist",
	);
}

#[test]
fn catches_a_parent_issued_after_its_child() {
	broken(
		|| {
			mutate(1, |record| record.parent = Some(2));
			Children::<Test>::remove(0, 1);
			Children::<Test>::insert(2, 1, ());
		},
		"parent issued after its child",
	);
}

#[test]
fn catches_a_wrong_depth() {
	broken(|| mutate(1, |record| record.depth = 2), "depth is not the parent's plus one");
	broken(|| mutate(2, |record| record.depth = 1), "depth is not the parent's plus one");
}

#[test]
fn catches_a_depth_beyond_max_depth() {
	broken(
		|| {
			// MaxDepth = 2: a consistent chain 0 <- 1 <- 2 <- 3, one level too deep.
			mutate(2, |record| {
				record.parent = Some(1);
				record.depth = 2;
			});
			Children::<Test>::insert(1, 2, ());
			let mut deep = record(2);
			deep.parent = Some(2);
			deep.depth = 3;
			deep.serial = 2;
			deep.deposit = None;
			Codes::<Test>::insert(3, deep);
			CodeByKey::<Test>::insert((TRANSPORT, ROD, 2), 3);
			LastSerial::<Test>::insert((TRANSPORT, ROD), 2);
			DepartmentCodes::<Test>::insert(TRANSPORT, 3, ());
			Children::<Test>::insert(2, 3, ());
			NextCodeId::<Test>::put(4);
		},
		"deeper than MaxDepth",
	);
}

#[test]
fn catches_a_missing_child_entry() {
	broken(|| Children::<Test>::remove(0, 1), "Children misses a child");
}

#[test]
fn catches_a_missing_department_entry() {
	broken(|| DepartmentCodes::<Test>::remove(TRANSPORT, 2), "DepartmentCodes misses a code");
}

#[test]
fn catches_an_offer_to_the_owner() {
	broken(
		|| mutate(2, |record| record.transfer_to = Some(TRANSPORT)),
		"code offered to its owner",
	);
}

#[test]
fn catches_a_tombstone_that_holds_too_much_or_keeps_too_much() {
	const TOO_MUCH: &str = "retired code holds more than its tombstone's deposit, or an offer";
	// Retired with the whole deposit of an active code.
	broken(|| mutate(2, |record| record.status = CodeStatus::Retired), TOO_MUCH);
	broken(
		|| {
			mutate(2, |record| {
				record.status = CodeStatus::Retired;
				record.deposit = None;
				record.transfer_to = Some(PLANNING);
			})
		},
		TOO_MUCH,
	);
	broken(
		|| {
			mutate(2, |record| {
				record.status = CodeStatus::Retired;
				record.deposit = None;
				record.attributes = Some([1; 32]);
			})
		},
		"a tombstone keeps linked assets or attributes",
	);
}

#[test]
fn catches_a_zero_deposit() {
	broken(
		|| mutate(2, |record| record.deposit = Some(Deposit { depositor: TRF_STEWARD, amount: 0 })),
		"zero deposit recorded",
	);
}

#[test]
fn catches_stray_index_entries() {
	broken(|| CodeByKey::<Test>::insert((HEALTH, DEV, 1), 2), "CodeByKey has stray entries");
	broken(|| Children::<Test>::insert(2, 1, ()), "Children has stray entries");
	broken(|| DepartmentCodes::<Test>::insert(HEALTH, 2, ()), "DepartmentCodes has stray entries");
}

const HOLD_MISMATCH: &str = "recorded deposits disagree with the hold";

#[test]
fn catches_deposits_that_disagree_with_holds() {
	broken(
		|| mutate(2, |record| record.deposit.as_mut().unwrap().amount = DEPOSIT + 1),
		HOLD_MISMATCH,
	);
	broken(
		|| mutate(2, |record| record.deposit.as_mut().unwrap().depositor = TRF_OPERATOR),
		HOLD_MISMATCH,
	);
	// A lost record shows only while its depositor has other recorded deposits: the fungible
	// traits cannot list holders.
	broken(
		|| {
			issue(TRF_STEWARD, ROD);
			mutate(2, |record| record.deposit = None);
		},
		HOLD_MISMATCH,
	);
	broken(
		|| {
			assert_ok!(Balances::burn_held(
				&crate::HoldReason::CodeDeposit.into(),
				&TRF_STEWARD,
				1,
				Precision::Exact,
				Fortitude::Force
			));
		},
		HOLD_MISMATCH,
	);
}

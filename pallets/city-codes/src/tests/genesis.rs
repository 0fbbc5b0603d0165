//! Genesis configuration.

use super::*;
use crate::{Children, ClassByCode, CodeStatus, NextClassId, NextCodeId, ObjectClasses};

#[test]
fn default_genesis_adds_classes() {
	test(|| {
		assert_eq!(NextClassId::<Test>::get(), 3);
		assert_eq!(ObjectClasses::<Test>::get(DEV).unwrap().code, class_code("DEV"));
		assert_eq!(ObjectClasses::<Test>::get(BLD).unwrap().name, name("Building"));
		assert_eq!(ClassByCode::<Test>::get(class_code("ROD")), Some(ROD));
		assert_eq!(NextCodeId::<Test>::get(), 0);
	});
}

#[test]
fn genesis_codes_are_issued_in_order_without_deposit() {
	ExtBuilder::default()
		.codes(vec![
			(
				PLN_STEWARD,
				b"BLD".to_vec(),
				b"City Hall".to_vec(),
				Some((39_904_200, 116_407_400)),
				None,
			),
			(PLN_OPERATOR, b"DEV".to_vec(), b"Camera".to_vec(), None, Some(0)),
		])
		.build_and_execute(|| {
			assert_eq!(NextCodeId::<Test>::get(), 2);
			let hall = record(0);
			assert_eq!(
				(hall.owner, hall.status, hall.deposit),
				(PLANNING, CodeStatus::Active, None)
			);
			assert_eq!(
				hall.location,
				Some(Location { latitude: 39_904_200, longitude: 116_407_400 })
			);
			assert_eq!(hall.issued_at, 0);
			assert_eq!(record(1).parent, Some(0));
			assert!(Children::<Test>::contains_key(0, 1));
			assert_eq!(text(0), "BJ.PLN/BLD/000001-J");
			assert_eq!(held(PLN_STEWARD), 0);
			assert_eq!(CityCodes::resolve(b"BJ.PLN/BLD/000001-J").map(|view| view.id), Ok(0));
		});
}

#[test]
#[should_panic(expected = "invalid genesis class")]
fn genesis_refuses_a_malformed_class_code() {
	ExtBuilder::default().classes(vec![("dev", "Device")]).build();
}

#[test]
#[should_panic(expected = "InvalidClassCode")]
fn genesis_refuses_a_long_class_code() {
	ExtBuilder::default().classes(vec![("DEVIC", "Device")]).build();
}

#[test]
#[should_panic(expected = "ClassCodeInUse")]
fn genesis_refuses_a_duplicate_class() {
	ExtBuilder::default().classes(vec![("DEV", "Device"), ("DEV", "Again")]).build();
}

#[test]
#[should_panic(expected = "NameTooLong")]
fn genesis_refuses_a_long_name() {
	// MaxNameLen = 16.
	ExtBuilder::default().classes(vec![("DEV", "Seventeen bytes!!")]).build();
}

#[test]
#[should_panic(expected = "invalid genesis code")]
fn genesis_refuses_a_code_of_an_unknown_class() {
	ExtBuilder::default()
		.codes(vec![(TRF_STEWARD, b"VEH".to_vec(), b"Bus".to_vec(), None, None)])
		.build();
}

#[test]
#[should_panic(expected = "NotMember")]
fn genesis_refuses_an_issuer_that_is_not_a_member() {
	ExtBuilder::default()
		.codes(vec![(OUTSIDER, b"DEV".to_vec(), b"Lamp".to_vec(), None, None)])
		.build();
}

#[test]
#[should_panic(expected = "UnknownParent")]
fn genesis_refuses_a_parent_issued_later() {
	ExtBuilder::default()
		.codes(vec![(TRF_STEWARD, b"DEV".to_vec(), b"Lamp".to_vec(), None, Some(0))])
		.build();
}

#[test]
#[should_panic(expected = "ParentOfAnotherDepartment")]
fn genesis_refuses_a_parent_of_another_department() {
	ExtBuilder::default()
		.codes(vec![
			(PLN_STEWARD, b"BLD".to_vec(), b"City Hall".to_vec(), None, None),
			(TRF_STEWARD, b"DEV".to_vec(), b"Camera".to_vec(), None, Some(0)),
		])
		.build();
}

#[test]
#[should_panic(expected = "InvalidLocation")]
fn genesis_refuses_a_location_out_of_range() {
	ExtBuilder::default()
		.codes(vec![(TRF_STEWARD, b"DEV".to_vec(), b"Lamp".to_vec(), Some((0, 181_000_000)), None)])
		.build();
}

#[test]
fn genesis_config_reads_from_json() {
	let json = serde_json::json!({
		"classes": [[b"DEV".to_vec(), b"Device".to_vec()]],
		"codes": [[TRF_STEWARD, b"DEV".to_vec(), b"Lamp".to_vec(), [1, -2], null]],
	});
	let config: crate::GenesisConfig<Test> = serde_json::from_value(json.clone()).unwrap();
	assert_eq!(config.classes, vec![(b"DEV".to_vec(), b"Device".to_vec())]);
	assert_eq!(
		config.codes,
		vec![(TRF_STEWARD, b"DEV".to_vec(), b"Lamp".to_vec(), Some((1, -2)), None)]
	);
	assert_eq!(serde_json::to_value(&config).unwrap(), json);
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(serde_json::json!({
		"classes": [],
		"codes": [],
		"prefixes": [],
	}))
	.is_err());
}

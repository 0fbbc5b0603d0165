//! The governed list of object classes.

use super::*;
use crate::{ClassByCode, Error, Event, NextClassId, ObjectClass, ObjectClasses};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn registrar_adds_a_class() {
	test(|| {
		assert_ok!(CityCodes::add_object_class(registrar(), class_code("VEH"), name("Vehicle")));
		assert_eq!(
			ObjectClasses::<Test>::get(3),
			Some(ObjectClass { code: class_code("VEH"), name: name("Vehicle"), retired: false })
		);
		assert_eq!(ClassByCode::<Test>::get(class_code("VEH")), Some(3));
		assert_eq!(NextClassId::<Test>::get(), 4);
		assert_eq!(
			last_event(),
			Event::ObjectClassAdded { class: 3, code: class_code("VEH"), name: name("Vehicle") }
		);
		// And codes may be issued in it at once.
		let code = issue(TRF_STEWARD, 3);
		assert!(text(code).starts_with("BJ.TRF/VEH/000001-"));
	});
}

#[test]
fn class_codes_may_be_one_to_four_characters() {
	test(|| {
		assert_ok!(CityCodes::add_object_class(registrar(), class_code("X"), name("X")));
		assert_ok!(CityCodes::add_object_class(registrar(), class_code("DAT2"), name("Data")));
	});
}

#[test]
fn only_the_registrar_adds_or_retires_classes() {
	test(|| {
		assert_noop!(
			CityCodes::add_object_class(signed(TRF_STEWARD), class_code("VEH"), name("Vehicle")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			CityCodes::retire_object_class(signed(TRF_STEWARD), DEV),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn malformed_class_codes_are_refused() {
	test(|| {
		for code in ["", "dev", "D-V", "DÉ", " DV"] {
			assert_noop!(
				CityCodes::add_object_class(registrar(), class_code(code), name("Bad")),
				Error::<Test>::InvalidClassCode
			);
		}
	});
}

#[test]
fn malformed_class_names_are_refused() {
	test(|| {
		for bad in ["", "Dev\u{202E}ice", "Dev\nice"] {
			assert_noop!(
				CityCodes::add_object_class(registrar(), class_code("VEH"), name(bad)),
				Error::<Test>::InvalidName
			);
		}
		let not_utf8: NameOf<Test> = vec![0xC3, 0x28].try_into().unwrap();
		assert_noop!(
			CityCodes::add_object_class(registrar(), class_code("VEH"), not_utf8),
			Error::<Test>::InvalidName
		);
	});
}

#[test]
fn class_codes_are_unique() {
	test(|| {
		assert_noop!(
			CityCodes::add_object_class(registrar(), class_code("DEV"), name("Again")),
			Error::<Test>::ClassCodeInUse
		);
		// Even once retired: a class code is never given to another class.
		assert_ok!(CityCodes::retire_object_class(registrar(), DEV));
		assert_noop!(
			CityCodes::add_object_class(registrar(), class_code("DEV"), name("Again")),
			Error::<Test>::ClassCodeInUse
		);
	});
}

#[test]
fn class_ids_run_out() {
	test(|| {
		NextClassId::<Test>::put(u16::MAX);
		assert_noop!(
			CityCodes::add_object_class(registrar(), class_code("VEH"), name("Vehicle")),
			Error::<Test>::NoClassIdLeft
		);
		NextClassId::<Test>::put(3);
	});
}

#[test]
fn retiring_a_class_stops_issuance_but_keeps_its_codes() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::retire_object_class(registrar(), DEV));
		assert!(ObjectClasses::<Test>::get(DEV).unwrap().retired);
		assert_eq!(last_event(), Event::ObjectClassRetired { class: DEV });

		assert_noop!(
			CityCodes::issue_code(signed(TRF_STEWARD), DEV, name("Lamp"), None, None, None),
			Error::<Test>::ClassRetired
		);
		assert!(CityCodes::resolve(text(code).as_bytes()).is_ok());
		assert_ok!(CityCodes::update_code(signed(TRF_STEWARD), code, name("Lamp"), None, None));
	});
}

#[test]
fn retire_class_errors() {
	test(|| {
		assert_noop!(
			CityCodes::retire_object_class(registrar(), NO_CLASS),
			Error::<Test>::UnknownClass
		);
		assert_ok!(CityCodes::retire_object_class(registrar(), DEV));
		assert_noop!(CityCodes::retire_object_class(registrar(), DEV), Error::<Test>::ClassRetired);
	});
}

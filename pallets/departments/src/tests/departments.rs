//! Registering, renaming, suspending and reactivating departments.

use super::*;
use crate::{
	DepartmentByPrefix, DepartmentInfo, DepartmentStatus, Departments as DepartmentsStorage, Error,
	Event, NextDepartmentId,
};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn register(name: &[u8], prefix: &[u8]) -> sp_runtime::DispatchResult {
	Departments::register_department(registrar(), name_bytes(name), prefix_bytes(prefix))
}

/// Decodes this pallet's call from its SCALE encoding, as the runtime does with an extrinsic.
fn decode_call(encoded: &[u8]) -> Result<crate::Call<Test>, codec::Error> {
	crate::Call::<Test>::decode(&mut &encoded[..])
}

#[test]
fn register_department_works() {
	test(|| {
		System::set_block_number(7);
		assert_ok!(register(b"Water Utility", b"WU"));

		assert_eq!(
			DepartmentsStorage::<Test>::get(3),
			Some(DepartmentInfo {
				name: name("Water Utility"),
				prefix: prefix("WU"),
				status: DepartmentStatus::Active,
				registered_at: 7,
				member_count: 0,
				admin_count: 0,
			})
		);
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("WU")), Some(3));
		assert_eq!(NextDepartmentId::<Test>::get(), 4);
		assert_eq!(
			last_event(),
			Event::DepartmentRegistered {
				department: 3,
				name: name("Water Utility"),
				prefix: prefix("WU")
			}
		);
	});
}

#[test]
fn department_ids_are_sequential() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(register(b"A", b"A"));
		assert_ok!(register(b"B", b"B"));
		assert_ok!(register(b"C", b"C1"));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("A")), Some(0));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("B")), Some(1));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("C1")), Some(2));
		assert_eq!(NextDepartmentId::<Test>::get(), 3);
	});
}

#[test]
fn names_and_prefixes_at_their_limits_are_accepted() {
	test(|| {
		// MaxNameLen = 16 bytes, MaxPrefixLen = 4.
		assert_ok!(register(b"Sixteen bytes ok", b"AB12"));
		// UTF-8 beyond ASCII is fine in names; "â" takes two bytes.
		assert_ok!(register("Bâtiments".as_bytes(), b"9"));
		assert_eq!(DepartmentsStorage::<Test>::get(4).unwrap().name, name("Bâtiments"));
	});
}

#[test]
fn names_need_not_be_unique() {
	test(|| {
		assert_ok!(register(b"Public Works", b"PW2"));
	});
}

#[test]
fn register_department_requires_the_registrar() {
	test(|| {
		assert_noop!(
			Departments::register_department(signed(PW_ADMIN), name("X"), prefix("X")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::register_department(RuntimeOrigin::none(), name("X"), prefix("X")),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn oversized_names_and_prefixes_do_not_decode() {
	// Calls take bounded names and prefixes: a call with a longer one is refused while decoding,
	// before it is dispatched, whatever its origin. A `BoundedVec` encodes like a `Vec`.
	// MaxNameLen = 16 bytes, MaxPrefixLen = 4.
	let register_call = |name: Vec<u8>, prefix: Vec<u8>| (0u8, name, prefix).encode();
	let rename_call = |name: Vec<u8>| (1u8, TRANSPORT, name).encode();

	assert_eq!(
		decode_call(&register_call(vec![b'a'; 16], b"AB12".to_vec())),
		Ok(crate::Call::register_department {
			name: name(&"a".repeat(16)),
			prefix: prefix("AB12")
		})
	);
	assert!(decode_call(&register_call(vec![b'a'; 17], b"X".to_vec())).is_err());
	assert!(decode_call(&register_call(b"X".to_vec(), b"ABCDE".to_vec())).is_err());

	assert_eq!(
		decode_call(&rename_call(vec![b'a'; 16])),
		Ok(crate::Call::rename_department { department: TRANSPORT, name: name(&"a".repeat(16)) })
	);
	assert!(decode_call(&rename_call(vec![b'a'; 17])).is_err());
}

#[test]
fn register_department_rejects_invalid_names() {
	test(|| {
		assert_noop!(register(b"", b"X"), Error::<Test>::InvalidName);
		assert_noop!(register(&[0xff, 0xfe], b"X"), Error::<Test>::InvalidName);
		assert_noop!(register(b"Line\nbreak", b"X"), Error::<Test>::InvalidName);
		assert_noop!(register(b"Nul\0", b"X"), Error::<Test>::InvalidName);
	});
}

/// Every format character (general category `Cf`) of Unicode 15.1, and the line and paragraph
/// separators.
const FORBIDDEN_RANGES: [(char, char); 23] = [
	('\u{00AD}', '\u{00AD}'),
	('\u{0600}', '\u{0605}'),
	('\u{061C}', '\u{061C}'),
	('\u{06DD}', '\u{06DD}'),
	('\u{070F}', '\u{070F}'),
	('\u{0890}', '\u{0891}'),
	('\u{08E2}', '\u{08E2}'),
	('\u{180E}', '\u{180E}'),
	('\u{200B}', '\u{200F}'),
	('\u{2028}', '\u{2029}'),
	('\u{202A}', '\u{202E}'),
	('\u{2060}', '\u{2064}'),
	('\u{2066}', '\u{206F}'),
	('\u{FEFF}', '\u{FEFF}'),
	('\u{FFF9}', '\u{FFFB}'),
	('\u{110BD}', '\u{110BD}'),
	('\u{110CD}', '\u{110CD}'),
	('\u{13430}', '\u{1343F}'),
	('\u{1BCA0}', '\u{1BCA3}'),
	('\u{1D173}', '\u{1D17A}'),
	('\u{E0001}', '\u{E0001}'),
	('\u{E0020}', '\u{E007F}'),
	// And a control character beyond ASCII (C1), for good measure.
	('\u{0085}', '\u{0085}'),
];

#[test]
fn register_department_rejects_invisible_and_layout_characters() {
	test(|| {
		// Bidi override: "Public Works" displaying as something else.
		assert_noop!(register("PW\u{202E}skroW".as_bytes(), b"X"), Error::<Test>::InvalidName);
		// Zero-width space: looks exactly like "Parks".
		assert_noop!(register("Pa\u{200B}rks".as_bytes(), b"X"), Error::<Test>::InvalidName);
		// Byte-order mark in front.
		assert_noop!(register("\u{FEFF}Parks".as_bytes(), b"X"), Error::<Test>::InvalidName);
		// Every character of every forbidden range, anywhere in a name.
		let mut checked = 0;
		for (first, last) in FORBIDDEN_RANGES {
			for c in first..=last {
				for name in [format!("A{c}"), format!("{c}A"), format!("{c}")] {
					assert_noop!(register(name.as_bytes(), b"X"), Error::<Test>::InvalidName);
				}
				checked += 1;
			}
		}
		// 170 Cf characters, U+2028, U+2029 and U+0085.
		assert_eq!(checked, 173);
		// Their neighbours, and other non-ASCII text, are fine.
		let fine =
			['\u{00AC}', '\u{00AE}', '\u{2010}', '\u{2027}', '\u{202F}', '\u{2070}', '\u{FFFC}'];
		for (i, c) in fine.into_iter().enumerate() {
			assert_ok!(register(format!("A{c}").as_bytes(), format!("N{i}").as_bytes()));
		}
		assert_ok!(register("Zürich Werke".as_bytes(), b"X"));
		assert_ok!(register("Παροχές".as_bytes(), b"Y"));
		assert_ok!(register("水道局".as_bytes(), b"Z"));
	});
}

#[test]
fn rename_department_rejects_invisible_and_layout_characters() {
	test(|| {
		for name in ["Transport\u{200D}", "\u{2066}Transport", "Trans\u{00AD}port", "A\u{2028}B"] {
			assert_noop!(
				Departments::rename_department(registrar(), TRANSPORT, name_bytes(name.as_bytes())),
				Error::<Test>::InvalidName
			);
		}
	});
}

#[test]
fn forbidden_name_characters_are_exactly_the_listed_ones() {
	// Below U+E0080, outside the listed ranges, only `char::is_control` characters are refused.
	let listed =
		|c: char| FORBIDDEN_RANGES.iter().any(|(first, last)| (*first..=*last).contains(&c));
	for c in (0..=0xE0080u32).filter_map(char::from_u32) {
		assert_eq!(city_primitives::is_forbidden_in_text(c), listed(c) || c.is_control(), "{c:?}");
	}
}

#[test]
fn register_department_rejects_invalid_prefixes() {
	test(|| {
		let bad_prefixes: [&[u8]; 8] =
			[b"", b"pw", b"Pw", b"P-W", b"P W", b"P.", "É".as_bytes(), &[0xff]];
		for bad in bad_prefixes {
			assert_noop!(register(b"X", bad), Error::<Test>::InvalidPrefix);
		}
	});
}

#[test]
fn prefixes_are_unique() {
	test(|| {
		assert_noop!(register(b"Pavement", b"PW"), Error::<Test>::PrefixInUse);
		// Also against departments registered after genesis, and while suspended.
		assert_ok!(register(b"Water", b"WU"));
		assert_ok!(Departments::suspend_department(registrar(), 3));
		assert_noop!(register(b"Waste", b"WU"), Error::<Test>::PrefixInUse);
	});
}

#[test]
fn department_ids_run_out_safely() {
	test(|| {
		NextDepartmentId::<Test>::put(u32::MAX - 1);
		assert_ok!(register(b"Last", b"LAST"));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("LAST")), Some(u32::MAX - 1));
		assert_eq!(NextDepartmentId::<Test>::get(), u32::MAX);

		assert_noop!(register(b"One too many", b"MORE"), Error::<Test>::NoDepartmentIdLeft);
	});
}

#[test]
fn rename_department_works() {
	test(|| {
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, name("Mobility")));

		let info = DepartmentsStorage::<Test>::get(TRANSPORT).unwrap();
		assert_eq!(info.name, name("Mobility"));
		// Everything else stays, the prefix above all.
		assert_eq!(info.prefix, prefix("TR"));
		assert_eq!(info.member_count, 1);
		assert_eq!(
			last_event(),
			Event::DepartmentRenamed { department: TRANSPORT, name: name("Mobility") }
		);
	});
}

#[test]
fn rename_department_works_while_suspended() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), TRANSPORT));
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, name("Mobility")));
		assert_eq!(
			DepartmentsStorage::<Test>::get(TRANSPORT).unwrap().status,
			DepartmentStatus::Suspended
		);
	});
}

#[test]
fn rename_department_errors() {
	test(|| {
		assert_noop!(
			Departments::rename_department(signed(TR_ADMIN), TRANSPORT, name("Mobility")),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::rename_department(registrar(), NO_DEPARTMENT, name("Mobility")),
			Error::<Test>::UnknownDepartment
		);
		assert_noop!(
			Departments::rename_department(registrar(), TRANSPORT, name("Transport")),
			Error::<Test>::NameUnchanged
		);
		assert_noop!(
			Departments::rename_department(registrar(), TRANSPORT, name("")),
			Error::<Test>::InvalidName
		);
	});
}

#[test]
fn suspend_department_works() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));

		let info = DepartmentsStorage::<Test>::get(PUBLIC_WORKS).unwrap();
		assert_eq!(info.status, DepartmentStatus::Suspended);
		// Nothing is deleted.
		assert_eq!((info.member_count, info.admin_count), (3, 1));
		assert_eq!(last_event(), Event::DepartmentSuspended { department: PUBLIC_WORKS });
	});
}

#[test]
fn suspend_department_errors() {
	test(|| {
		assert_noop!(
			Departments::suspend_department(signed(PW_ADMIN), PUBLIC_WORKS),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::suspend_department(registrar(), NO_DEPARTMENT),
			Error::<Test>::UnknownDepartment
		);
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			Departments::suspend_department(registrar(), PUBLIC_WORKS),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn reactivate_department_works() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_ok!(Departments::reactivate_department(registrar(), PUBLIC_WORKS));

		assert_eq!(
			DepartmentsStorage::<Test>::get(PUBLIC_WORKS).unwrap().status,
			DepartmentStatus::Active
		);
		assert_eq!(last_event(), Event::DepartmentReactivated { department: PUBLIC_WORKS });
	});
}

#[test]
fn reactivate_department_errors() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(
			Departments::reactivate_department(signed(PW_ADMIN), PUBLIC_WORKS),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::reactivate_department(registrar(), NO_DEPARTMENT),
			Error::<Test>::UnknownDepartment
		);
		assert_noop!(
			Departments::reactivate_department(registrar(), TRANSPORT),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn every_department_change_emits_one_event() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_ok!(register(b"Water", b"WU"));
		assert_ok!(Departments::rename_department(registrar(), 0, name("Water Utility")));
		assert_ok!(Departments::suspend_department(registrar(), 0));
		assert_ok!(Departments::reactivate_department(registrar(), 0));
		assert_eq!(
			departments_events(),
			vec![
				Event::DepartmentRegistered {
					department: 0,
					name: name("Water"),
					prefix: prefix("WU")
				},
				Event::DepartmentRenamed { department: 0, name: name("Water Utility") },
				Event::DepartmentSuspended { department: 0 },
				Event::DepartmentReactivated { department: 0 },
			]
		);
	});
}

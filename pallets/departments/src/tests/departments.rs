//! Registering, renaming, suspending and reactivating departments.

use super::*;
use crate::{
	DepartmentByPrefix, DepartmentInfo, DepartmentStatus, Departments as DepartmentsStorage, Error,
	Event, NextDepartmentId,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn register(name: &[u8], prefix: &[u8]) -> sp_runtime::DispatchResult {
	Departments::register_department(registrar(), name.to_vec(), prefix.to_vec())
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
			Departments::register_department(signed(PW_ADMIN), b"X".to_vec(), b"X".to_vec()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::register_department(RuntimeOrigin::none(), b"X".to_vec(), b"X".to_vec()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn register_department_rejects_a_long_name() {
	test(|| {
		assert_noop!(register(b"Seventeen bytes!!", b"X"), Error::<Test>::NameTooLong);
	});
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

#[test]
fn register_department_rejects_a_long_prefix() {
	test(|| {
		assert_noop!(register(b"X", b"ABCDE"), Error::<Test>::PrefixTooLong);
	});
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
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, b"Mobility".to_vec()));

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
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, b"Mobility".to_vec()));
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
			Departments::rename_department(signed(TR_ADMIN), TRANSPORT, b"Mobility".to_vec()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Departments::rename_department(registrar(), NO_DEPARTMENT, b"Mobility".to_vec()),
			Error::<Test>::UnknownDepartment
		);
		assert_noop!(
			Departments::rename_department(registrar(), TRANSPORT, b"Transport".to_vec()),
			Error::<Test>::NameUnchanged
		);
		assert_noop!(
			Departments::rename_department(registrar(), TRANSPORT, vec![b'a'; 17]),
			Error::<Test>::NameTooLong
		);
		assert_noop!(
			Departments::rename_department(registrar(), TRANSPORT, vec![]),
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
		assert_ok!(Departments::rename_department(registrar(), 0, b"Water Utility".to_vec()));
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

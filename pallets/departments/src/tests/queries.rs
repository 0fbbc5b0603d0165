//! The read-only queries behind the `DepartmentsApi` runtime API.

use super::*;
use crate::{Config, Pallet};
use frame_support::assert_ok;
use frame_support::traits::Get;

#[test]
fn department_and_prefix_lookup() {
	test(|| {
		let info = Pallet::<Test>::department(TRANSPORT).expect("genesis registers Transport");
		assert_eq!(info.prefix, prefix("TR"));
		assert_eq!(Pallet::<Test>::department(NO_DEPARTMENT), None);

		assert_eq!(Pallet::<Test>::department_by_prefix(b"TR".to_vec()), Some(TRANSPORT));
		assert_eq!(Pallet::<Test>::department_by_prefix(b"PK".to_vec()), Some(PARKS));
		// Prefixes are stored upper-case and matched exactly.
		assert_eq!(Pallet::<Test>::department_by_prefix(b"tr".to_vec()), None);
		assert_eq!(Pallet::<Test>::department_by_prefix(b"ZZ".to_vec()), None);
		// Longer than MaxPrefixLen: finds nothing rather than failing.
		assert_eq!(Pallet::<Test>::department_by_prefix(vec![b'A'; 100]), None);
	});
}

#[test]
fn departments_are_paged_in_id_order() {
	test(|| {
		let ids = |start_after, limit| -> Vec<DepartmentId> {
			Pallet::<Test>::departments(start_after, limit)
				.items
				.into_iter()
				.map(|(id, _)| id)
				.collect()
		};
		assert_eq!(ids(None, 10), vec![PUBLIC_WORKS, TRANSPORT, PARKS]);
		assert_eq!(ids(None, 2), vec![PUBLIC_WORKS, TRANSPORT]);
		assert_eq!(ids(Some(TRANSPORT), 10), vec![PARKS]);
		assert_eq!(ids(Some(PARKS), 10), Vec::<DepartmentId>::new());
		assert_eq!(ids(None, 0), Vec::<DepartmentId>::new());
		assert_eq!(ids(Some(DepartmentId::MAX), 10), Vec::<DepartmentId>::new());

		// The cursor is the last id, and only when more follow.
		assert_eq!(Pallet::<Test>::departments(None, 2).next, Some(TRANSPORT));
		assert_eq!(Pallet::<Test>::departments(None, 3).next, None);
		assert_eq!(Pallet::<Test>::departments(None, 0).next, None);

		// A page never exceeds MaxPageSize, however large the limit asked for.
		let max_page = <Test as Config>::MaxPageSize::get();
		for i in 0..max_page {
			let id = 1000 + i;
			let name = name_bytes(format!("D{id}").as_bytes());
			let prefix = prefix_bytes(format!("{id}").as_bytes());
			assert_ok!(Departments::register_department(registrar(), name, prefix));
		}
		let page = ids(None, u32::MAX);
		assert_eq!(page.len(), max_page as usize);
		assert_eq!(ids(page.last().copied(), u32::MAX).len(), 3);
	});
}

#[test]
fn membership_and_members() {
	test(|| {
		assert_eq!(Pallet::<Test>::membership_of(&PW_STEWARD), Some((PUBLIC_WORKS, Role::Steward)));
		assert_eq!(Pallet::<Test>::membership_of(&OUTSIDER), None);

		let mut members = Pallet::<Test>::members(PUBLIC_WORKS);
		members.sort_by_key(|(who, _)| *who);
		assert_eq!(
			members,
			vec![
				(PW_ADMIN, Role::Admin),
				(PW_STEWARD, Role::Steward),
				(PW_OPERATOR, Role::Operator)
			]
		);
		assert_eq!(Pallet::<Test>::members(PARKS), vec![]);
		assert_eq!(Pallet::<Test>::members(NO_DEPARTMENT), vec![]);
	});
}

//! The `DepartmentRegistry` trait other pallets use, and what suspension means for members.

use super::*;
use crate::{DepartmentRegistry, Error};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, ModuleError};

/// `ensure_role` as another pallet sees it: through the trait only.
fn ensure_role(who: AccountId, roles: &[Role]) -> Result<DepartmentId, DispatchError> {
	<Departments as DepartmentRegistry<AccountId>>::ensure_role(&who, roles)
}

#[test]
fn membership_reports_department_and_role() {
	test(|| {
		assert_eq!(Departments::membership(&PW_ADMIN), Some((PUBLIC_WORKS, Role::Admin)));
		assert_eq!(Departments::membership(&PW_STEWARD), Some((PUBLIC_WORKS, Role::Steward)));
		assert_eq!(Departments::membership(&PW_OPERATOR), Some((PUBLIC_WORKS, Role::Operator)));
		assert_eq!(Departments::membership(&TR_ADMIN), Some((TRANSPORT, Role::Admin)));
		assert_eq!(Departments::membership(&OUTSIDER), None);

		// Whatever the department's status.
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_eq!(Departments::membership(&PW_STEWARD), Some((PUBLIC_WORKS, Role::Steward)));
	});
}

#[test]
fn is_active_follows_status() {
	test(|| {
		assert!(Departments::is_active(PUBLIC_WORKS));
		assert!(Departments::is_active(PARKS));
		assert!(!Departments::is_active(NO_DEPARTMENT));

		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert!(!Departments::is_active(PUBLIC_WORKS));
		assert_ok!(Departments::reactivate_department(registrar(), PUBLIC_WORKS));
		assert!(Departments::is_active(PUBLIC_WORKS));
	});
}

#[test]
fn prefix_is_reported() {
	test(|| {
		assert_eq!(Departments::prefix(PUBLIC_WORKS), Some(b"PW".to_vec()));
		assert_eq!(Departments::prefix(TRANSPORT), Some(b"TR".to_vec()));
		assert_eq!(Departments::prefix(NO_DEPARTMENT), None);
		// Renaming never changes it.
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, name("Mobility")));
		assert_eq!(Departments::prefix(TRANSPORT), Some(b"TR".to_vec()));
	});
}

#[test]
fn ensure_role_accepts_listed_roles() {
	test(|| {
		assert_eq!(ensure_role(PW_STEWARD, &[Role::Steward]), Ok(PUBLIC_WORKS));
		assert_eq!(ensure_role(PW_OPERATOR, &[Role::Steward, Role::Operator]), Ok(PUBLIC_WORKS));
		assert_eq!(ensure_role(TR_ADMIN, &Role::ALL), Ok(TRANSPORT));
	});
}

#[test]
fn ensure_role_refuses_with_named_errors() {
	test(|| {
		assert_eq!(ensure_role(OUTSIDER, &Role::ALL), Err(Error::<Test>::NotMember.into()));
		// Roles are not ranked: an admin is not a steward.
		assert_eq!(
			ensure_role(PW_ADMIN, &[Role::Steward]),
			Err(Error::<Test>::RoleNotAllowed.into())
		);
		assert_eq!(
			ensure_role(PW_OPERATOR, &[Role::Steward]),
			Err(Error::<Test>::RoleNotAllowed.into())
		);
		// An empty list allows no one.
		assert_eq!(ensure_role(PW_ADMIN, &[]), Err(Error::<Test>::RoleNotAllowed.into()));

		// The errors are this pallet's, so a caller's error names the reason.
		let Err(DispatchError::Module(ModuleError { message, .. })) =
			ensure_role(OUTSIDER, &Role::ALL)
		else {
			panic!("expected a module error");
		};
		assert_eq!(message, Some("NotMember"));
	});
}

/// `origin` checked as another pallet's call checks it.
fn ensure_origin<R: crate::RoleSet>(
	origin: RuntimeOrigin,
) -> Result<(AccountId, DepartmentId), DispatchError> {
	city_primitives::ensure_department_origin::<crate::EnsureDepartmentRole<Test, R>, Departments, _>(
		origin,
	)
}

#[test]
fn department_role_origins_pass_their_roles_only() {
	use crate::{Admins, Operators, Stewards};
	test(|| {
		assert_eq!(ensure_origin::<Stewards>(signed(PW_STEWARD)), Ok((PW_STEWARD, PUBLIC_WORKS)));
		assert_eq!(ensure_origin::<Admins>(signed(TR_ADMIN)), Ok((TR_ADMIN, TRANSPORT)));
		assert_eq!(
			ensure_origin::<Operators>(signed(PW_OPERATOR)),
			Ok((PW_OPERATOR, PUBLIC_WORKS))
		);
		assert_eq!(ensure_origin::<Operators>(signed(PW_STEWARD)), Ok((PW_STEWARD, PUBLIC_WORKS)));

		// Refusals carry the registry's reason, as `ensure_role` gives it.
		assert_eq!(
			ensure_origin::<Stewards>(signed(PW_OPERATOR)),
			Err(Error::<Test>::RoleNotAllowed.into())
		);
		assert_eq!(
			ensure_origin::<Operators>(signed(PW_ADMIN)),
			Err(Error::<Test>::RoleNotAllowed.into())
		);
		assert_eq!(
			ensure_origin::<Stewards>(signed(OUTSIDER)),
			Err(Error::<Test>::NotMember.into())
		);
		assert_eq!(ensure_origin::<Stewards>(RuntimeOrigin::root()), Err(DispatchError::BadOrigin));
		assert_eq!(ensure_origin::<Stewards>(RuntimeOrigin::none()), Err(DispatchError::BadOrigin));

		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_eq!(
			ensure_origin::<Stewards>(signed(PW_STEWARD)),
			Err(Error::<Test>::DepartmentSuspended.into())
		);
		// The origin itself hands a refused origin back unchanged, to combine with others.
		use frame_support::traits::{EnsureOrigin, OriginTrait};
		let refused = crate::EnsureDepartmentRole::<Test, Stewards>::try_origin(signed(PW_STEWARD));
		assert_eq!(
			refused.map_err(|origin| origin.into_caller()),
			Err(signed(PW_STEWARD).into_caller())
		);
	});
}

#[test]
fn members_of_a_suspended_department_can_do_nothing() {
	test(|| {
		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));

		// Through the trait, in every role...
		for who in [PW_ADMIN, PW_STEWARD, PW_OPERATOR] {
			assert_eq!(
				ensure_role(who, &Role::ALL),
				Err(Error::<Test>::DepartmentSuspended.into())
			);
		}
		// ...and in this pallet's own calls.
		assert_noop!(
			add_member(signed(PW_ADMIN), PUBLIC_WORKS, OUTSIDER, Role::Steward),
			Error::<Test>::DepartmentSuspended
		);
		assert_noop!(
			Departments::set_member_role(signed(PW_ADMIN), PW_STEWARD, Role::Operator),
			Error::<Test>::DepartmentSuspended
		);
		assert_noop!(
			Departments::remove_member(signed(PW_ADMIN), PW_STEWARD),
			Error::<Test>::DepartmentSuspended
		);
		// Other departments are unaffected.
		assert_eq!(ensure_role(TR_ADMIN, &[Role::Admin]), Ok(TRANSPORT));

		// Reactivated, they act again.
		assert_ok!(Departments::reactivate_department(registrar(), PUBLIC_WORKS));
		assert_eq!(ensure_role(PW_STEWARD, &[Role::Steward]), Ok(PUBLIC_WORKS));
		assert_ok!(Departments::remove_member(signed(PW_ADMIN), PW_STEWARD));
	});
}

#[test]
fn registry_follows_membership_changes() {
	test(|| {
		assert_ok!(add_member(signed(TR_ADMIN), TRANSPORT, OUTSIDER, Role::Operator));
		assert_eq!(ensure_role(OUTSIDER, &[Role::Operator]), Ok(TRANSPORT));
		assert_ok!(Departments::set_member_role(signed(TR_ADMIN), OUTSIDER, Role::Steward));
		assert_eq!(
			ensure_role(OUTSIDER, &[Role::Operator]),
			Err(Error::<Test>::RoleNotAllowed.into())
		);
		assert_eq!(ensure_role(OUTSIDER, &[Role::Steward]), Ok(TRANSPORT));
		assert_ok!(Departments::remove_member(signed(TR_ADMIN), OUTSIDER));
		assert_eq!(ensure_role(OUTSIDER, &Role::ALL), Err(Error::<Test>::NotMember.into()));
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_members_get_a_fresh_active_department() {
	test(|| {
		let department = Departments::benchmark_member(&OUTSIDER, Role::Steward).unwrap();
		assert_eq!(department, 3);
		assert!(Departments::is_active(department));
		assert_eq!(ensure_role(OUTSIDER, &[Role::Steward]), Ok(department));
		// A second one gets its own department and prefix.
		let second = Departments::benchmark_member(&20, Role::Admin).unwrap();
		assert_eq!(second, 4);
		assert_ne!(Departments::prefix(department), Departments::prefix(second));
		// Prefixes are MaxPrefixLen (4) long.
		assert_eq!(Departments::prefix(second), Some(b"ZZZV".to_vec()));
		// With MaxPrefixLen = 4, ids from 36^4 on have no benchmark prefix left.
		assert!(Departments::benchmark_prefix(36u32.pow(4) - 1).is_ok());
		assert!(Departments::benchmark_prefix(36u32.pow(4)).is_err());
	});
}

#[test]
fn benchmark_prefixes_are_distinct_valid_and_bounded() {
	use crate::benchmark_setup::benchmark_prefix_digits as digits;
	use alloc::collections::btree_set::BTreeSet;

	assert_eq!(digits(0, 4), Some(b"ZZZZ".to_vec()));
	assert_eq!(digits(4, 8), Some(b"ZZZZZZZV".to_vec()));
	assert_eq!(digits(35, 2), Some(b"Z0".to_vec()));
	assert_eq!(digits(36, 2), Some(b"YZ".to_vec()));
	// Every id that fits gets its own prefix of exactly `len` valid characters...
	for len in 1..=3 {
		let fits = 36u32.pow(len as u32);
		let prefixes: BTreeSet<_> = (0..fits).map(|id| digits(id, len).unwrap()).collect();
		assert_eq!(prefixes.len(), fits as usize);
		assert!(prefixes.iter().all(|prefix| {
			prefix.len() == len
				&& prefix.iter().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
		}));
		// ...and a larger id none, rather than an earlier one's.
		assert_eq!(digits(fits, len), None);
	}
	assert_eq!(digits(36u32.pow(5) - 1, 5), Some(b"00000".to_vec()));
	// Seven digits fit every id.
	assert_eq!(digits(u32::MAX, 7).map(|prefix| prefix.len()), Some(7));
	assert_ne!(digits(u32::MAX, 7), digits(u32::MAX - 1, 7));
}

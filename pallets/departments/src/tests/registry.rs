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
		assert_ok!(Departments::rename_department(registrar(), TRANSPORT, b"Mobility".to_vec()));
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
			Departments::add_member(signed(PW_ADMIN), PUBLIC_WORKS, OUTSIDER, Role::Steward),
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
		assert_ok!(Departments::add_member(signed(TR_ADMIN), TRANSPORT, OUTSIDER, Role::Operator));
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
		let department = <Departments as DepartmentRegistry<AccountId>>::register_benchmark_member(
			&OUTSIDER,
			Role::Steward,
		)
		.unwrap();
		assert_eq!(department, 3);
		assert!(Departments::is_active(department));
		assert_eq!(ensure_role(OUTSIDER, &[Role::Steward]), Ok(department));
		// A second one gets its own department and prefix.
		let second = <Departments as DepartmentRegistry<AccountId>>::register_benchmark_member(
			&20,
			Role::Admin,
		)
		.unwrap();
		assert_eq!(second, 4);
		assert_ne!(Departments::prefix(department), Departments::prefix(second));
	});
}

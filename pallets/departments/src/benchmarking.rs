//! Benchmarks for the departments pallet: every call, in its worst case.
//!
//! Member calls are measured with an admin (not the registrar) as the origin, because an admin's
//! origin check reads its own membership and department, and an admin holds or releases a
//! deposit. `leave_department` is measured with a leaving admin (the last-admin check runs) whose
//! deposit is released. Names and prefixes are as long as the config allows.

use super::*;
use crate::Pallet as Departments;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, StaticLookup, Zero};

const SEED: u32 = 0;

fn max_name<T: Config>(fill: u8) -> DepartmentNameOf<T> {
	vec![fill; T::MaxNameLen::get() as usize].try_into().expect("exactly MaxNameLen bytes")
}

fn registrar<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Registers a department with a maximal name and prefix.
fn new_department<T: Config>() -> Result<DepartmentId, BenchmarkError> {
	let prefix = Departments::<T>::benchmark_prefix(NextDepartmentId::<T>::get())?;
	Ok(Departments::<T>::do_register_department(max_name::<T>(b'a'), prefix)?)
}

/// Registers a department whose admin (added by the registrar, so without deposit) can pay
/// deposits for members it adds.
fn department_with_admin<T: Config>() -> Result<(DepartmentId, T::AccountId), BenchmarkError> {
	let department = new_department::<T>()?;
	let admin: T::AccountId = whitelisted_caller();
	Departments::<T>::add_membership(department, admin.clone(), Role::Admin)?;
	let funds = T::Currency::minimum_balance()
		.saturating_add(T::MemberDeposit::get().saturating_mul(10u32.into()));
	T::Currency::set_balance(&admin, funds);
	Ok((department, admin))
}

/// A department with an admin (as above) who has invited `who` with `role`, paying the
/// deposit.
fn department_with_invitation<T: Config>(
	role: Role,
) -> Result<(DepartmentId, T::AccountId, T::AccountId), BenchmarkError> {
	let (department, admin) = department_with_admin::<T>()?;
	let who: T::AccountId = account("member", 0, SEED);
	Departments::<T>::invite_member(
		RawOrigin::Signed(admin.clone()).into(),
		department,
		T::Lookup::unlookup(who.clone()),
		role,
	)?;
	Ok((department, admin, who))
}

/// A department with an admin (as above) whose invitation of `member` with `role` was
/// accepted, the admin paying the deposit: the worst case for calls that change or remove a
/// member.
fn department_with_member<T: Config>(
	role: Role,
) -> Result<(DepartmentId, T::AccountId, T::AccountId), BenchmarkError> {
	let (department, admin, who) = department_with_invitation::<T>(role)?;
	Departments::<T>::accept_invitation(RawOrigin::Signed(who.clone()).into())?;
	Ok((department, admin, who))
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_department() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let department = NextDepartmentId::<T>::get();
		let name = max_name::<T>(b'a');
		let prefix = Departments::<T>::benchmark_prefix(department)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, name, prefix);

		assert!(Departments::<T>::is_active(department));
		Ok(())
	}

	#[benchmark]
	fn rename_department() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let department = new_department::<T>()?;
		let name = max_name::<T>(b'b');

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, department, name.clone());

		assert_last_event::<T>(Event::DepartmentRenamed { department, name });
		Ok(())
	}

	#[benchmark]
	fn suspend_department() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let department = new_department::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, department);

		assert_last_event::<T>(Event::DepartmentSuspended { department });
		Ok(())
	}

	#[benchmark]
	fn reactivate_department() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let department = new_department::<T>()?;
		Departments::<T>::suspend_department(origin.clone(), department)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, department);

		assert_last_event::<T>(Event::DepartmentReactivated { department });
		Ok(())
	}

	#[benchmark]
	fn invite_member() -> Result<(), BenchmarkError> {
		let (department, admin) = department_with_admin::<T>()?;
		let who: T::AccountId = account("member", 0, SEED);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin.clone()),
			department,
			T::Lookup::unlookup(who.clone()),
			Role::Steward,
		);

		assert!(Invitations::<T>::contains_key(&who));
		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin),
			T::MemberDeposit::get()
		);
		Ok(())
	}

	/// An admin's invitation, so the deposit carries over.
	#[benchmark]
	fn accept_invitation() -> Result<(), BenchmarkError> {
		let (department, _, who) = department_with_invitation::<T>(Role::Admin)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Departments::<T>::membership(&who), Some((department, Role::Admin)));
		Ok(())
	}

	/// Declining releases the deposit; withdrawing (`cancel_invitation`) does the same work
	/// after the admin check.
	#[benchmark]
	fn decline_invitation() -> Result<(), BenchmarkError> {
		let (_, admin, who) = department_with_invitation::<T>(Role::Steward)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Invitations::<T>::contains_key(&who));
		assert!(T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin).is_zero());
		Ok(())
	}

	#[benchmark]
	fn set_member_role() -> Result<(), BenchmarkError> {
		let (department, admin, who) = department_with_member::<T>(Role::Steward)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), T::Lookup::unlookup(who.clone()), Role::Admin);

		assert_last_event::<T>(Event::MemberRoleChanged {
			department,
			who,
			old_role: Role::Steward,
			new_role: Role::Admin,
		});
		Ok(())
	}

	#[benchmark]
	fn remove_member() -> Result<(), BenchmarkError> {
		let (_, admin, who) = department_with_member::<T>(Role::Admin)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), T::Lookup::unlookup(who.clone()));

		assert_eq!(Departments::<T>::membership(&who), None);
		assert!(T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin).is_zero());
		Ok(())
	}

	#[benchmark]
	fn leave_department() -> Result<(), BenchmarkError> {
		let (_, admin, who) = department_with_member::<T>(Role::Admin)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Departments::<T>::membership(&who), None);
		assert!(T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin).is_zero());
		Ok(())
	}

	#[benchmark]
	fn dissolve_department() -> Result<(), BenchmarkError> {
		let (department, admin) = department_with_admin::<T>()?;
		// With a key to remove.
		Departments::<T>::do_set_encryption_key(admin, Some(EncryptionKey::X25519([1; 32])))?;
		let successor = new_department::<T>()?;
		let origin = registrar::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, department, Some(successor));

		assert_last_event::<T>(Event::DepartmentDissolving {
			department,
			successor: Some(successor),
		});
		Ok(())
	}

	/// The last step of a dissolution, with nothing left to end: what every step costs
	/// besides its items (each pallet asked once, the department recorded as dissolved).
	#[benchmark]
	fn continue_dissolution() -> Result<(), BenchmarkError> {
		let department = new_department::<T>()?;
		let successor = new_department::<T>()?;
		Departments::<T>::do_dissolve_department(department, Some(successor))?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), department);

		assert_eq!(
			Departments::<T>::department(department).map(|info| info.status),
			Some(DepartmentStatus::Dissolved)
		);
		Ok(())
	}

	/// One member of a dissolving department removed, its deposit released.
	#[benchmark]
	fn offboard_member() -> Result<(), BenchmarkError> {
		let (department, admin, who) = department_with_member::<T>(Role::Admin)?;
		Departments::<T>::do_dissolve_department(department, None)?;
		// The admin goes first: only the member with a deposit is left.
		Departments::<T>::do_remove_member(&Manager::Registrar, admin.clone())?;

		#[block]
		{
			Departments::<T>::offboard_memberships(
				department,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert_eq!(Departments::<T>::membership(&who), None);
		assert!(T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin).is_zero());
		Ok(())
	}

	/// One invitation to a dissolving department withdrawn, its deposit released.
	#[benchmark]
	fn offboard_invitation() -> Result<(), BenchmarkError> {
		let (department, admin, who) = department_with_invitation::<T>(Role::Steward)?;
		Departments::<T>::do_dissolve_department(department, None)?;
		Departments::<T>::do_remove_member(&Manager::Registrar, admin.clone())?;

		#[block]
		{
			Departments::<T>::offboard_memberships(
				department,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert!(Invitations::<T>::get(&who).is_none());
		assert!(T::Currency::balance_on_hold(&HoldReason::MemberDeposit.into(), &admin).is_zero());
		Ok(())
	}

	/// An admin replaces its department's key (a read, a write; removing does no more).
	#[benchmark]
	fn set_encryption_key() -> Result<(), BenchmarkError> {
		let (department, admin) = department_with_admin::<T>()?;
		Departments::<T>::do_set_encryption_key(
			admin.clone(),
			Some(EncryptionKey::X25519([1; 32])),
		)?;
		let key = EncryptionKey::X25519([2; 32]);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), Some(key));

		assert_eq!(Departments::<T>::encryption_key(department), Some(key));
		Ok(())
	}

	impl_benchmark_test_suite!(Departments, crate::mock::new_test_ext(), crate::mock::Test);
}

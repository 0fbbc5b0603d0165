//! Departments: registering, renaming, suspending and reactivating them (the registrar's calls,
//! and genesis), and the rules for names and prefixes.

use crate::{
	Config, DepartmentByPrefix, DepartmentId, DepartmentInfo, DepartmentNameOf, DepartmentStatus,
	Departments, Error, Event, NextDepartmentId, Pallet, PrefixOf,
};
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResult, ensure};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Validates and registers a department, returning its id. The caller has checked the
	/// origin. Used by the call, genesis and the benchmarks.
	pub(crate) fn do_register_department(
		name: DepartmentNameOf<T>,
		prefix: PrefixOf<T>,
	) -> Result<DepartmentId, DispatchError> {
		let name = Self::checked_name(name)?;
		let prefix = Self::checked_prefix(prefix)?;
		ensure!(!DepartmentByPrefix::<T>::contains_key(&prefix), Error::<T>::PrefixInUse);
		let department = NextDepartmentId::<T>::get();
		let next = department.checked_add(1).ok_or(Error::<T>::NoDepartmentIdLeft)?;

		let info = DepartmentInfo {
			name: name.clone(),
			prefix: prefix.clone(),
			status: DepartmentStatus::Active,
			registered_at: frame_system::Pallet::<T>::block_number(),
			member_count: 0,
			admin_count: 0,
		};
		NextDepartmentId::<T>::put(next);
		DepartmentByPrefix::<T>::insert(&prefix, department);
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::DepartmentRegistered { department, name, prefix });
		Ok(department)
	}

	/// Gives an existing department a new, valid name. The caller has checked the origin.
	pub(crate) fn do_rename_department(
		department: DepartmentId,
		name: DepartmentNameOf<T>,
	) -> DispatchResult {
		let name = Self::checked_name(name)?;
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(info.name != name, Error::<T>::NameUnchanged);

		info.name = name.clone();
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::DepartmentRenamed { department, name });
		Ok(())
	}

	/// Suspends an active department. The caller has checked the origin.
	pub(crate) fn do_suspend_department(department: DepartmentId) -> DispatchResult {
		Self::set_status(department, DepartmentStatus::Suspended, Error::<T>::AlreadySuspended)?;
		Self::deposit_event(Event::DepartmentSuspended { department });
		Ok(())
	}

	/// Reactivates a suspended department. The caller has checked the origin.
	pub(crate) fn do_reactivate_department(department: DepartmentId) -> DispatchResult {
		Self::set_status(department, DepartmentStatus::Active, Error::<T>::NotSuspended)?;
		Self::deposit_event(Event::DepartmentReactivated { department });
		Ok(())
	}

	/// Moves an existing department to `status`; `unchanged` is the error when it is there
	/// already.
	fn set_status(
		department: DepartmentId,
		status: DepartmentStatus,
		unchanged: Error<T>,
	) -> DispatchResult {
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(!info.status.is_dissolved(), Error::<T>::DepartmentDissolved);
		ensure!(info.status != status, unchanged);
		info.status = status;
		Departments::<T>::insert(department, info);
		Ok(())
	}

	/// `name` bounded to `MaxNameLen` bytes, for genesis (calls take it bounded already).
	pub(crate) fn bounded_name(name: Vec<u8>) -> Result<DepartmentNameOf<T>, Error<T>> {
		name.try_into().map_err(|_| Error::<T>::NameTooLong)
	}

	/// `prefix` bounded to `MaxPrefixLen` bytes, for genesis (calls take it bounded already).
	pub(crate) fn bounded_prefix(prefix: Vec<u8>) -> Result<PrefixOf<T>, Error<T>> {
		prefix.try_into().map_err(|_| Error::<T>::PrefixTooLong)
	}

	/// Checks that a name is non-empty UTF-8 without characters that are invisible or change
	/// how text around them displays: see [`city_primitives::is_display_text`].
	pub(crate) fn checked_name(name: DepartmentNameOf<T>) -> Result<DepartmentNameOf<T>, Error<T>> {
		ensure!(city_primitives::is_display_text(&name), Error::<T>::InvalidName);
		Ok(name)
	}

	/// Checks that a prefix is non-empty and only `A`-`Z` and `0`-`9`.
	pub(crate) fn checked_prefix(prefix: PrefixOf<T>) -> Result<PrefixOf<T>, Error<T>> {
		let valid = !prefix.is_empty()
			&& prefix.iter().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit());
		ensure!(valid, Error::<T>::InvalidPrefix);
		Ok(prefix)
	}
}

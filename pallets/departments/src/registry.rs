//! Who may act: the role check every department origin and every other CityChain pallet relies
//! on, and this pallet's [`DepartmentRegistry`], through which the other pallets see it.

use crate::{Config, DepartmentId, DepartmentStatus, Departments, Error, Members, Pallet, Role};
use alloc::vec::Vec;
use city_primitives::DepartmentRegistry;
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Checks that `who` is a member of an active department with one of `roles`, and returns
	/// that department. See [`DepartmentRegistry::ensure_role`].
	pub fn ensure_role(who: &T::AccountId, roles: &[Role]) -> Result<DepartmentId, DispatchError> {
		let membership = Members::<T>::get(who).ok_or(Error::<T>::NotMember)?;
		let info =
			Departments::<T>::get(membership.department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(info.status == DepartmentStatus::Active, Error::<T>::DepartmentSuspended);
		ensure!(roles.contains(&membership.role), Error::<T>::RoleNotAllowed);
		Ok(membership.department)
	}
}

impl<T: Config> DepartmentRegistry<T::AccountId> for Pallet<T> {
	fn membership(who: &T::AccountId) -> Option<(DepartmentId, Role)> {
		Pallet::<T>::membership_of(who)
	}

	fn is_active(department: DepartmentId) -> bool {
		Departments::<T>::get(department)
			.is_some_and(|info| info.status == DepartmentStatus::Active)
	}

	fn is_dissolving(department: DepartmentId) -> bool {
		Departments::<T>::get(department)
			.is_some_and(|info| info.status == DepartmentStatus::Dissolving)
	}

	fn prefix(department: DepartmentId) -> Option<Vec<u8>> {
		Departments::<T>::get(department).map(|info| info.prefix.into_inner())
	}

	fn ensure_role(who: &T::AccountId, roles: &[Role]) -> Result<DepartmentId, DispatchError> {
		Pallet::<T>::ensure_role(who, roles)
	}

	fn refusal(who: &T::AccountId) -> DispatchError {
		match Pallet::<T>::ensure_role(who, &Role::ALL) {
			Err(error) => error,
			Ok(_) => Error::<T>::RoleNotAllowed.into(),
		}
	}
}

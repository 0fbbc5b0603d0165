//! Reads for clients: what [`crate::runtime_api::DepartmentsApi`] forwards to, one query each.

use crate::{
	Config, DepartmentByPrefix, DepartmentId, DepartmentInfoOf, DepartmentMembers, Departments,
	Members, NextDepartmentId, Pallet, PrefixOf, Role, PAGE_LIMIT,
};
use alloc::vec::Vec;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// The department with this id, if it exists. See [`crate::runtime_api`].
	pub fn department(department: DepartmentId) -> Option<DepartmentInfoOf<T>> {
		Departments::<T>::get(department)
	}

	/// The department with this prefix, if any. Unknown, over-long or lower-case prefixes
	/// find nothing.
	pub fn department_by_prefix(prefix: Vec<u8>) -> Option<DepartmentId> {
		let prefix = PrefixOf::<T>::try_from(prefix).ok()?;
		DepartmentByPrefix::<T>::get(prefix)
	}

	/// Departments in id order after `start_after`, at most `min(limit, PAGE_LIMIT)`.
	/// Departments are never deleted, so ids are dense and this reads exactly the page.
	pub fn departments(
		start_after: Option<DepartmentId>,
		limit: u32,
	) -> Vec<(DepartmentId, DepartmentInfoOf<T>)> {
		let first = match start_after {
			None => 0,
			Some(id) => match id.checked_add(1) {
				Some(next) => next,
				None => return Vec::new(),
			},
		};
		let end = NextDepartmentId::<T>::get().min(first.saturating_add(limit.min(PAGE_LIMIT)));
		(first..end).filter_map(|id| Departments::<T>::get(id).map(|info| (id, info))).collect()
	}

	/// The department `who` acts for and its role there.
	pub fn membership_of(who: &T::AccountId) -> Option<(DepartmentId, Role)> {
		Members::<T>::get(who).map(|membership| (membership.department, membership.role))
	}

	/// Every member of `department` with its role: at most `MaxMembers` entries.
	pub fn members(department: DepartmentId) -> Vec<(T::AccountId, Role)> {
		DepartmentMembers::<T>::iter_prefix(department)
			.take(T::MaxMembers::get() as usize)
			.collect()
	}
}

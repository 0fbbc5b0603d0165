//! Reads for clients: what [`crate::runtime_api::DepartmentsApi`] forwards to, one query each.

use crate::{
	Config, DepartmentByPrefix, DepartmentId, DepartmentInfoOf, DepartmentMembers, Departments,
	EncryptionKey, EncryptionKeys, Members, NextDepartmentId, Pallet, PrefixOf, Role,
};
use alloc::vec::Vec;
use city_primitives::Page;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// The key downloads for `department` are to be encrypted to, if it published one.
	pub fn encryption_key(department: DepartmentId) -> Option<EncryptionKey> {
		EncryptionKeys::<T>::get(department).map(|published| published.key)
	}

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

	/// Departments in id order after `start_after`, at most `min(limit, MaxPageSize)`.
	/// Departments are never deleted, so ids are dense and this reads the page and one more.
	pub fn departments(
		start_after: Option<DepartmentId>,
		limit: u32,
	) -> Page<(DepartmentId, DepartmentInfoOf<T>), DepartmentId> {
		let first = match start_after {
			None => Some(0),
			Some(id) => id.checked_add(1),
		};
		let ids = first.map(|first| first..NextDepartmentId::<T>::get()).unwrap_or_default();
		let departments = ids.filter_map(|id| Departments::<T>::get(id).map(|info| (id, info)));
		Page::collect(departments, limit, T::MaxPageSize::get(), |(id, _)| *id)
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

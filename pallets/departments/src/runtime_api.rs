//! The runtime API through which clients and the node's `city_*` RPC read the department
//! registry. Every method is a one-line forward to a query of [`crate::Pallet`].

use crate::{DepartmentId, EncryptionKey, Role};
use alloc::vec::Vec;
use city_primitives::Page;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Who a department is, and who acts for it.
	///
	/// Version 2: `departments` returns a [`Page`] (version 1: a bare list).
	/// Version 3: `encryption_key`.
	#[api_version(3)]
	pub trait DepartmentsApi<AccountId, DepartmentInfo>
	where
		AccountId: Codec,
		DepartmentInfo: Codec,
	{
		/// The department with this id, if it exists.
		fn department(department: DepartmentId) -> Option<DepartmentInfo>;

		/// The department with this code prefix (upper-case, e.g. `TRF`), if any.
		fn department_by_prefix(prefix: Vec<u8>) -> Option<DepartmentId>;

		/// Departments in id order, after `start_after` (from the first when `None`), at most
		/// `limit` of them and never more than `MaxPageSize`; the page's `next` is the last id
		/// when more follow.
		fn departments(start_after: Option<DepartmentId>, limit: u32) -> Page<(DepartmentId, DepartmentInfo), DepartmentId>;

		/// The department `who` acts for and its role there, whatever the department's status.
		fn membership(who: AccountId) -> Option<(DepartmentId, Role)>;

		/// Every member of a department with its role (at most `MaxMembers`).
		fn members(department: DepartmentId) -> Vec<(AccountId, Role)>;

		/// The key its admins published, to which gateways encrypt what they send it; `None`
		/// when it has none (or is unknown, or dissolved).
		#[api_version(3)]
		fn encryption_key(department: DepartmentId) -> Option<EncryptionKey>;
	}
}

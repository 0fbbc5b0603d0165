//! The runtime API: resolve a code's text, list a code's children and a department's codes,
//! look a code up by id. The runtime forwards each method to the [`crate::Pallet`] function of
//! the same name (in `queries.rs`).

use crate::{CodeEntry, CodeId, CodeView, DepartmentId, ResolveError};
use alloc::vec::Vec;
use city_primitives::Page;

sp_api::decl_runtime_apis! {
	/// City codes as clients see them.
	///
	/// Version 3: `children` and `codes_of` return a [`Page`] (before: bare lists).
	#[api_version(3)]
	pub trait CityCodesApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The record a code's text (any letter case) names, or why there is none:
		/// malformed (which part), wrong check character, unknown city, department
		/// prefix, class or code, or retired (with the record). Suspended codes resolve.
		fn resolve(
			code: Vec<u8>,
		) -> Result<
			CodeView<AccountId, Balance, BlockNumber>,
			ResolveError<AccountId, Balance, BlockNumber>,
		>;

		/// Up to `limit` (at most `MaxPageSize`) codes whose parent is `code`, after
		/// `start_after` (the previous page's `next`; `None` for the first page).
		fn children(code: CodeId, start_after: Option<CodeId>, limit: u32) -> Page<CodeEntry, CodeId>;

		/// Up to `limit` (at most `MaxPageSize`) codes `department` owns, retired ones
		/// included, after `start_after` (`None` for the first page).
		fn codes_of(
			department: DepartmentId,
			start_after: Option<CodeId>,
			limit: u32,
		) -> Page<CodeEntry, CodeId>;

		/// The code with this id: its canonical text (e.g. `BJ.TRF/DEV/000123-X`) and
		/// status; `None` if no code has this id.
		///
		/// Version 2 replaced version 1's `format(code) -> Option<Vec<u8>>`, which
		/// @polkadot/api mis-decoded (a top-level `Option<Bytes>` result).
		fn code(code: CodeId) -> Option<CodeEntry>;
	}
}

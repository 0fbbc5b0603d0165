//! The runtime API through which gateways, clients and the node's `city_*` RPC ask about access.
//! Every method is a one-line forward to the query of [`crate::Pallet`] of the same name.
//!
//! ```ignore
//! impl pallet_access_grants::runtime_api::AccessGrantsApi<Block, AccountId, Balance, BlockNumber>
//!     for Runtime
//! {
//!     fn check_access(department: DepartmentId, asset: AssetId) -> AccessDecision<BlockNumber> {
//!         AccessGrants::check_access(department, asset)
//!     }
//!     // ...
//! }
//! ```

use crate::{
	AccessDecision, AssetId, DepartmentId, GrantId, GrantSide, GrantView, RequestId, RequestView,
};
use city_primitives::Page;
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Who may access which data asset, under which grant: the one question a gateway asks
	/// before serving data, and the listings behind it.
	///
	/// Version 2: the listings return a [`Page`] (version 1: bare lists).
	#[api_version(2)]
	pub trait AccessGrantsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// May `department` access `asset` now? `Allowed` names the grant (none for the owner
		/// and for `Public` assets), its expiry and remaining uses; `Denied` says why not.
		fn check_access(department: DepartmentId, asset: AssetId) -> AccessDecision<BlockNumber>;

		/// As `check_access`, for the department `who` acts for (`Denied(NotMember)` if none).
		fn check_account_access(who: AccountId, asset: AssetId) -> AccessDecision<BlockNumber>;

		/// A grant (current, or ended and not purged yet), if it exists.
		fn grant_info(grant: GrantId) -> Option<GrantView<AccountId, Balance, BlockNumber>>;

		/// The grant `department` holds for `asset`, if any.
		fn grant_for(asset: AssetId, department: DepartmentId) -> Option<GrantId>;

		/// An open request, if it exists (decided requests are removed).
		fn request_info(request: RequestId) -> Option<RequestView<AccountId, Balance, BlockNumber>>;

		/// A page of a department's grants, as grantee or as owner, after the grant
		/// `start_after` (from the first when `None`), in storage order; at most `limit` and
		/// never more than `MaxPageSize`. The page's `next` (the last grant's id) starts the
		/// next page.
		fn department_grants(
			department: DepartmentId,
			side: GrantSide,
			start_after: Option<GrantId>,
			limit: u32,
		) -> Page<(GrantId, GrantView<AccountId, Balance, BlockNumber>), GrantId>;

		/// A page of an asset's grants after the grant of department `start_after` (from the
		/// first when `None`), in storage order; at most `limit` and never more than
		/// `MaxPageSize`. The page's `next` (the last grant's grantee: an asset's grants are
		/// keyed by grantee) starts the next page.
		fn asset_grants(
			asset: AssetId,
			start_after: Option<DepartmentId>,
			limit: u32,
		) -> Page<(GrantId, GrantView<AccountId, Balance, BlockNumber>), DepartmentId>;

		/// A page of the open requests an owner department has to decide, after the request
		/// `start_after` (from the first when `None`), in storage order; at most `limit` and
		/// never more than `MaxPageSize`. The page's `next` (the last request's id) starts the
		/// next page.
		fn pending_requests(
			owner: DepartmentId,
			start_after: Option<RequestId>,
			limit: u32,
		) -> Page<(RequestId, RequestView<AccountId, Balance, BlockNumber>), RequestId>;
	}
}

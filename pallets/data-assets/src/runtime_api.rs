//! The runtime API through which wallets, explorers and the city's services read the catalogue.
//! The runtime implements it with the query functions of [`crate::Pallet`] (`asset_details`, ...).

use crate::{
	AssetDetails, AssetId, AssetVersion, ContentHash, ContentRegistration, DepartmentId,
	Verification, VersionDetails,
};
use city_primitives::Page;

sp_api::decl_runtime_apis! {
	/// Read the data-asset catalogue: assets, their versions, and whether a copy of some
	/// data is what its owner registered.
	///
	/// The runtime fills in its `AccountId`, `Balance` and `BlockNumber`.
	///
	/// Version 2: `department_assets` returns a [`Page`] (version 1: an `AssetPage` with
	/// `assets` and `next_start_after`). Version 3: a content hash is registered once per
	/// department, so `find_by_content` returns a [`Page`] of every department's registration
	/// (version 2: the one asset version registered with it, if any).
	#[api_version(3)]
	pub trait DataAssetsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The asset with its current (latest) version; `None` if no asset has this id.
		/// Retired assets are returned too (`retired_at` is set).
		fn asset(asset: AssetId) -> Option<AssetDetails<AccountId, Balance, BlockNumber>>;

		/// Version `version` (from 1) of `asset`; `None` if either is unknown.
		fn asset_version(
			asset: AssetId,
			version: AssetVersion,
		) -> Option<VersionDetails<AccountId, BlockNumber>>;

		/// One page of `department`'s assets, active and retired, in storage order (not id
		/// order). Start with `start_after = None`, then pass the page's `next` until it is
		/// `None`. At most `min(limit, MaxPageSize)` assets.
		fn department_assets(
			department: DepartmentId,
			start_after: Option<AssetId>,
			limit: u32,
		) -> Page<AssetDetails<AccountId, Balance, BlockNumber>, AssetId>;

		/// Every registration of this content hash (algorithm and digest), one per
		/// department that registered it: "what is this file, and who registered it?". One
		/// page in storage order (not department order); start with `start_after = None`, then
		/// pass the page's `next`. At most `min(limit, MaxPageSize)` registrations. Compare
		/// the registering department with the one you expect: anyone may register any hash
		/// as its own.
		fn find_by_content(
			content: ContentHash,
			start_after: Option<DepartmentId>,
			limit: u32,
		) -> Page<ContentRegistration, DepartmentId>;

		/// Whether `content` is exactly what was registered for `version` of `asset`: "is
		/// the copy I received genuine?".
		fn verify(asset: AssetId, version: AssetVersion, content: ContentHash) -> Verification;
	}
}

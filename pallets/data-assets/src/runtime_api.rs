//! The runtime API through which wallets, explorers and the city's services read the catalogue.
//! The runtime implements it with the query functions of [`crate::Pallet`] (`asset_details`, ...).

use crate::{
	AssetDetails, AssetId, AssetVersion, ContentHash, DepartmentId, Verification, VersionDetails,
};
use city_primitives::Page;

sp_api::decl_runtime_apis! {
	/// Read the data-asset catalogue: assets, their versions, and whether a copy of some
	/// data is what its owner registered.
	///
	/// The runtime fills in its `AccountId`, `Balance` and `BlockNumber`.
	///
	/// Version 2: `department_assets` returns a [`Page`] (version 1: an `AssetPage` with
	/// `assets` and `next_start_after`).
	#[api_version(2)]
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

		/// The asset and version registered with this content hash (algorithm and digest),
		/// if any: "what is this file?".
		fn find_by_content(content: ContentHash) -> Option<(AssetId, AssetVersion)>;

		/// Whether `content` is exactly what was registered for `version` of `asset`: "is
		/// the copy I received genuine?".
		fn verify(asset: AssetId, version: AssetVersion, content: ContentHash) -> Verification;
	}
}

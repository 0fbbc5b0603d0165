//! Read-only queries behind the runtime API ([`crate::runtime_api::DataAssetsApi`]): plain
//! functions of [`Pallet`], so this crate tests them without a runtime.

use crate::{
	AssetDetails, AssetDetailsOf, AssetId, AssetRecord, AssetVersion, Assets, AssetsByDepartment,
	Config, ContentHash, ContentRegistration, ContentRegistrations, DepartmentId, Pallet,
	Verification, VersionDetailsOf, VersionRecord, VersionRecordOf, Versions,
};
use city_primitives::Page;
use frame_support::pallet_prelude::Get;

impl<T: Config> Pallet<T> {
	/// The asset with its current version, if it exists (retired assets exist). For the
	/// runtime API's `asset`.
	pub fn asset_details(asset: AssetId) -> Option<AssetDetailsOf<T>> {
		let record = Assets::<T>::get(asset)?;
		let current = Versions::<T>::get(asset, record.latest_version)?;
		Some(AssetDetails {
			id: asset,
			asset: AssetRecord {
				owner: record.owner,
				name: record.name.into_inner(),
				media_type: record.media_type.into_inner(),
				classification: record.classification,
				metadata_hash: record.metadata_hash,
				tags: record.tags.into_iter().map(|tag| tag.into_inner()).collect(),
				latest_version: record.latest_version,
				registered_at: record.registered_at,
				retired_at: record.retired_at,
				offered_to: record.offered_to,
				transfers: record.transfers,
				deposit: record.deposit,
			},
			current: Self::version_details(current),
		})
	}

	/// Version `version` of `asset`, if both exist. For the runtime API's `asset_version`.
	pub fn asset_version(asset: AssetId, version: AssetVersion) -> Option<VersionDetailsOf<T>> {
		Versions::<T>::get(asset, version).map(Self::version_details)
	}

	/// One page of `department`'s assets (active and retired), with their current versions.
	/// For the runtime API's `department_assets`.
	///
	/// Assets come in storage order, which is not id order: start with `start_after = None`,
	/// then pass the page's `next` until it is `None`. At most `min(limit, MaxPageSize)`
	/// assets and one more index entry are read.
	pub fn department_assets(
		department: DepartmentId,
		start_after: Option<AssetId>,
		limit: u32,
	) -> Page<AssetDetailsOf<T>, AssetId> {
		let ids = match start_after {
			Some(after) => AssetsByDepartment::<T>::iter_key_prefix_from(
				department,
				AssetsByDepartment::<T>::hashed_key_for(department, after),
			),
			None => AssetsByDepartment::<T>::iter_key_prefix(department),
		};
		Page::collect(ids, limit, T::MaxPageSize::get(), |id| *id).filter_map(Self::asset_details)
	}

	/// One page of the registrations of `content`, one per department that registered it,
	/// in storage order (not department order). For the runtime API's `find_by_content`.
	pub fn find_by_content(
		content: ContentHash,
		start_after: Option<DepartmentId>,
		limit: u32,
	) -> Page<ContentRegistration, DepartmentId> {
		let entries = match start_after {
			Some(after) => ContentRegistrations::<T>::iter_prefix_from(
				content,
				ContentRegistrations::<T>::hashed_key_for(content, after),
			),
			None => ContentRegistrations::<T>::iter_prefix(content),
		};
		let registrations = entries.map(|(department, (asset, version))| ContentRegistration {
			department,
			asset,
			version,
		});
		Page::collect(registrations, limit, T::MaxPageSize::get(), |registration| {
			registration.department
		})
	}

	/// Whether `content` is what was registered for `version` of `asset`. For the runtime
	/// API's `verify`.
	pub fn verify(asset: AssetId, version: AssetVersion, content: ContentHash) -> Verification {
		if !Assets::<T>::contains_key(asset) {
			return Verification::UnknownAsset;
		}
		match Versions::<T>::get(asset, version) {
			None => Verification::UnknownVersion,
			Some(record) if record.content == content => Verification::Match,
			Some(_) => Verification::Mismatch,
		}
	}

	/// The version as the runtime API returns it: the location as a plain byte string.
	pub(crate) fn version_details(record: VersionRecordOf<T>) -> VersionDetailsOf<T> {
		VersionRecord {
			content: record.content,
			size: record.size,
			location: record.location.into_inner(),
			registered_by: record.registered_by,
			registered_at: record.registered_at,
		}
	}
}

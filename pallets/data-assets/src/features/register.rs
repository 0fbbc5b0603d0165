//! Registering an asset: by a Steward's call, at genesis (without deposit) and for benchmarks.

use crate::{
	AssetId, AssetRecord, Assets, AssetsByDepartment, Classification, Config, ContentRegistrations,
	DepartmentId, DepartmentRegistry, Error, Event, GenesisAsset, LocationOf, Metadata, MetadataOf,
	NewContent, NextAssetId, Pallet, Role, VersionRecord, Versions, FIRST_VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{BoundedVec, DispatchError, Get},
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Validates and registers an asset owned by `owner`, with `who` registering version 1,
	/// and returns its id; holds the deposit from `who` if `pay_deposit`. The caller has
	/// checked that `who` is a Steward of `owner`. Used by the call, genesis (without
	/// deposit) and `benchmark_asset`.
	pub(crate) fn do_register_asset(
		who: &T::AccountId,
		owner: DepartmentId,
		metadata: MetadataOf<T>,
		classification: Classification,
		new: NewContent<LocationOf<T>>,
		pay_deposit: bool,
	) -> Result<AssetId, DispatchError> {
		let metadata = Self::checked_metadata(metadata)?;
		let location = Self::checked_location(new.location)?;
		let content = new.content;
		ensure!(
			!ContentRegistrations::<T>::contains_key(content, owner),
			Error::<T>::ContentAlreadyRegistered
		);
		let asset = NextAssetId::<T>::get();
		let next = asset.checked_add(1).ok_or(Error::<T>::NoAssetIdLeft)?;
		let deposit = if pay_deposit {
			let amount = T::AssetDeposit::get().saturating_add(T::VersionDeposit::get());
			Self::deposit_taken_over(&None, who, amount)?
		} else {
			None
		};

		let now = frame_system::Pallet::<T>::block_number();
		Self::move_deposit(None, &deposit)?;
		NextAssetId::<T>::put(next);
		Versions::<T>::insert(
			asset,
			FIRST_VERSION,
			VersionRecord {
				content,
				size: new.size,
				location,
				registered_by: who.clone(),
				registered_at: now,
			},
		);
		ContentRegistrations::<T>::insert(content, owner, (asset, FIRST_VERSION));
		AssetsByDepartment::<T>::insert(owner, asset, ());
		Assets::<T>::insert(
			asset,
			AssetRecord {
				owner,
				name: metadata.name,
				media_type: metadata.media_type,
				classification,
				metadata_hash: metadata.metadata_hash,
				tags: metadata.tags,
				latest_version: FIRST_VERSION,
				registered_at: now,
				retired_at: None,
				offered_to: None,
				transfers: 0,
				deposit: deposit.clone(),
			},
		);
		Self::deposit_event(Event::AssetRegistered {
			asset,
			owner,
			registered_by: who.clone(),
			content,
			classification,
			deposit,
		});
		Ok(asset)
	}

	/// Registers one genesis asset, without deposit: bounds its fields, and registers it for
	/// the department its `steward` is a Steward of.
	pub(crate) fn register_genesis_asset(
		asset: &GenesisAsset<T::AccountId>,
	) -> Result<AssetId, DispatchError> {
		fn bounded<S: Get<u32>>(
			bytes: &[u8],
			too_long: &'static str,
		) -> Result<BoundedVec<u8, S>, DispatchError> {
			bytes.to_vec().try_into().map_err(|_| DispatchError::Other(too_long))
		}
		let owner = T::Departments::ensure_role(&asset.steward, &[Role::Steward])?;
		let tags = asset
			.tags
			.iter()
			.map(|tag| bounded::<T::MaxTagLen>(tag, "tag longer than MaxTagLen"))
			.collect::<Result<Vec<_>, _>>()?;
		let metadata = Metadata {
			name: bounded(&asset.name, "name longer than MaxNameLen")?,
			media_type: bounded(&asset.media_type, "media type longer than MaxMediaTypeLen")?,
			metadata_hash: asset.metadata_hash,
			tags: tags.try_into().map_err(|_| DispatchError::Other("more than MaxTags tags"))?,
		};
		let new = NewContent {
			content: asset.content,
			size: asset.size,
			location: bounded(&asset.location, "location longer than MaxLocationLen")?,
		};
		Self::do_register_asset(&asset.steward, owner, metadata, asset.classification, new, false)
	}
}

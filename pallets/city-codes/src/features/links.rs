//! What a code says about its object: name, location, attributes and linked data assets.

use crate::{
	AssetId, AssetRegistry, CodeId, Codes, Config, DepartmentId, Error, Event, Location, NameOf,
	Pallet,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};

impl<T: Config> Pallet<T> {
	/// Replaces the name, location and attributes of `code`, owned by `department`. For
	/// `update_code`.
	pub(crate) fn do_update_code(
		department: DepartmentId,
		code: CodeId,
		name: NameOf<T>,
		location: Option<Location>,
		attributes: Option<[u8; 32]>,
	) -> DispatchResult {
		let name = Self::checked_name(name)?;
		Self::checked_location(&location)?;
		let mut record = Self::owned_active_code(code, department)?;

		record.name = name;
		record.location = location;
		record.attributes = attributes;
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::CodeUpdated { code });
		Ok(())
	}

	/// Links `asset` to `code`, both owned by `department`. For `link_asset`.
	pub(crate) fn do_link_asset(
		department: DepartmentId,
		code: CodeId,
		asset: AssetId,
	) -> DispatchResult {
		let mut record = Self::owned_active_code(code, department)?;
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(info.active, Error::<T>::AssetRetired);
		ensure!(info.owner == record.owner, Error::<T>::AssetOfAnotherDepartment);
		ensure!(!record.assets.contains(&asset), Error::<T>::AssetAlreadyLinked);
		record.assets.try_push(asset).map_err(|_| Error::<T>::TooManyAssets)?;

		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::AssetLinked { code, asset });
		Ok(())
	}

	/// Unlinks `asset` from `code`, owned by `department`. For `unlink_asset`.
	pub(crate) fn do_unlink_asset(
		department: DepartmentId,
		code: CodeId,
		asset: AssetId,
	) -> DispatchResult {
		let mut record = Self::owned_active_code(code, department)?;
		let at = record
			.assets
			.iter()
			.position(|linked| *linked == asset)
			.ok_or(Error::<T>::AssetNotLinked)?;

		record.assets.remove(at);
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::AssetUnlinked { code, asset });
		Ok(())
	}
}

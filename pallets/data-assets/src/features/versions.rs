//! New versions of an asset's content: appended, never changed, so every copy stays verifiable.

use crate::{
	AssetId, Assets, Config, ContentRegistrations, DepartmentId, Error, Event, LocationOf,
	NewContent, Pallet, VersionRecord, Versions,
};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get},
};

impl<T: Config> Pallet<T> {
	/// Appends `new` as the next version of `asset`, owned by `department`; `who` registers it
	/// and takes over the asset's deposit, plus `VersionDeposit`. For `update_asset`.
	pub(crate) fn do_update_asset(
		who: &T::AccountId,
		department: DepartmentId,
		asset: AssetId,
		new: NewContent<LocationOf<T>>,
	) -> DispatchResult {
		let NewContent { content, size, location } = new;
		let mut record = Self::owned_active_asset(department, asset)?;
		let location = Self::checked_location(location)?;
		ensure!(
			!ContentRegistrations::<T>::contains_key(content, department),
			Error::<T>::ContentAlreadyRegistered
		);
		let version = record
			.latest_version
			.checked_add(1)
			.filter(|version| *version <= T::MaxVersions::get())
			.ok_or(Error::<T>::TooManyVersions)?;
		let deposit = Self::deposit_taken_over(&record.deposit, who, T::VersionDeposit::get())?;

		Self::move_deposit(record.deposit.take(), &deposit)?;
		record.deposit = deposit.clone();
		record.latest_version = version;
		Versions::<T>::insert(
			asset,
			version,
			VersionRecord {
				content,
				size,
				location,
				registered_by: who.clone(),
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		ContentRegistrations::<T>::insert(content, department, (asset, version));
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::VersionAdded {
			asset,
			version,
			registered_by: who.clone(),
			content,
			deposit,
		});
		Ok(())
	}
}

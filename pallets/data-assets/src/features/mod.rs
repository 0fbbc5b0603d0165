//! The logic of the calls, one module per feature. A call in `lib.rs` checks its origin and
//! hands over to one `do_*` function here; the helpers they share live next to them.

mod deposit;
mod metadata;
mod offboard;
mod register;
mod retire;
mod transfer;
mod validation;
mod versions;

pub(crate) use metadata::ClassifiedBy;
#[cfg(test)]
pub(crate) use validation::is_valid_media_type;

use crate::{AssetId, AssetRecordOf, Assets, Config, DepartmentId, Error, Pallet};
use city_primitives::LegalHolds as _;
use frame_support::{ensure, pallet_prelude::DispatchError};

impl<T: Config> Pallet<T> {
	/// The asset, if `department` owns it and it is active: what every owner's call but
	/// `cancel_transfer` checks first.
	pub(crate) fn owned_active_asset(
		department: DepartmentId,
		asset: AssetId,
	) -> Result<AssetRecordOf<T>, DispatchError> {
		let record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.owner == department, Error::<T>::NotOwner);
		ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
		Ok(record)
	}

	/// Refuses to end or move `asset`, owned by `owner`, while it or its owner is under legal
	/// hold.
	pub(crate) fn ensure_not_held(asset: AssetId, owner: DepartmentId) -> Result<(), Error<T>> {
		ensure!(!T::LegalHolds::asset_held(asset, &[owner]), Error::<T>::UnderLegalHold);
		Ok(())
	}
}

//! Retiring an asset: final; its record and versions stay readable and verifiable forever.

use crate::{AssetId, Assets, Config, DepartmentId, Event, HoldReason, Pallet};
use frame_support::pallet_prelude::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Retires `asset`, owned by `department`: releases its deposit and withdraws a pending
	/// offer. For `retire_asset`.
	pub(crate) fn do_retire_asset(department: DepartmentId, asset: AssetId) -> DispatchResult {
		let mut record = Self::owned_active_asset(department, asset)?;

		let reason = HoldReason::AssetDeposit.into();
		let released = record
			.deposit
			.take()
			.map(|deposit| deposit.release::<T::Currency>(&reason))
			.transpose()?;
		let withdrawn = record.offered_to.take();
		record.retired_at = Some(frame_system::Pallet::<T>::block_number());
		Assets::<T>::insert(asset, record);
		if let Some(to) = withdrawn {
			Self::deposit_event(Event::TransferCancelled { asset, to, by: department });
		}
		Self::deposit_event(Event::AssetRetired { asset, released });
		Ok(())
	}
}

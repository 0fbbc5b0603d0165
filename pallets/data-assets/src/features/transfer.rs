//! Two-step transfers: the owner offers, the receiving department accepts; either may cancel.

use crate::{
	AssetId, Assets, AssetsByDepartment, Config, DepartmentId, DepartmentRegistry, Error, Event,
	Pallet,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Offers `asset`, owned by `department`, to the department `to`. For `offer_transfer`.
	pub(crate) fn do_offer_transfer(
		department: DepartmentId,
		asset: AssetId,
		to: DepartmentId,
	) -> DispatchResult {
		let mut record = Self::owned_active_asset(department, asset)?;
		ensure!(record.offered_to.is_none(), Error::<T>::TransferAlreadyOffered);
		ensure!(to != department, Error::<T>::TransferToOwner);
		ensure!(T::Departments::is_active(to), Error::<T>::RecipientNotActive);

		record.offered_to = Some(to);
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::TransferOffered { asset, from: department, to });
		Ok(())
	}

	/// Withdraws or declines the pending offer of `asset`, `department` being either party. For
	/// `cancel_transfer`.
	pub(crate) fn do_cancel_transfer(department: DepartmentId, asset: AssetId) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		let to = record.offered_to.ok_or(Error::<T>::NoTransferOffered)?;
		ensure!(department == record.owner || department == to, Error::<T>::NotPartyToTransfer);

		record.offered_to = None;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::TransferCancelled { asset, to, by: department });
		Ok(())
	}

	/// Makes `department`, to which `asset` is offered, its owner; `who` takes over the deposit.
	/// For `accept_transfer`.
	pub(crate) fn do_accept_transfer(
		who: &T::AccountId,
		department: DepartmentId,
		asset: AssetId,
	) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		let to = record.offered_to.ok_or(Error::<T>::NoTransferOffered)?;
		ensure!(to == department, Error::<T>::NotTransferRecipient);
		let from = record.owner;
		ensure!(T::Departments::is_active(from), Error::<T>::OwnerSuspended);
		ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
		let transfers = record.transfers.checked_add(1).ok_or(Error::<T>::TooManyTransfers)?;
		let deposit = Self::deposit_taken_over(&record.deposit, who, Zero::zero())?;

		Self::move_deposit(record.deposit.take(), &deposit)?;
		record.deposit = deposit.clone();
		record.owner = to;
		record.offered_to = None;
		record.transfers = transfers;
		AssetsByDepartment::<T>::remove(from, asset);
		AssetsByDepartment::<T>::insert(to, asset, ());
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::AssetTransferred { asset, from, to, deposit });
		Ok(())
	}
}

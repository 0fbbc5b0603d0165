//! Two-step transfers: the owner offers, the receiving department accepts; either may cancel.
//! The rule is `city_primitives::transfer`, shared with city codes.

use crate::{
	AssetId, AssetRecordOf, Assets, AssetsByDepartment, Config, DepartmentId, DepartmentRegistry,
	Error, Event, Pallet,
};
use city_primitives::transfer::{check_accept, check_cancel, check_offer, TransferRefusal};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_runtime::traits::Zero;

impl<T: Config> From<TransferRefusal> for Error<T> {
	fn from(refusal: TransferRefusal) -> Self {
		match refusal {
			TransferRefusal::AlreadyOffered => Error::<T>::TransferAlreadyOffered,
			TransferRefusal::ToOwner => Error::<T>::TransferToOwner,
			TransferRefusal::RecipientNotActive => Error::<T>::RecipientNotActive,
			TransferRefusal::NotOffered => Error::<T>::NoTransferOffered,
			TransferRefusal::NotParty => Error::<T>::NotPartyToTransfer,
			TransferRefusal::NotRecipient => Error::<T>::NotTransferRecipient,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Offers `asset`, owned by `department`, to the department `to`. For `offer_transfer`.
	pub(crate) fn do_offer_transfer(
		department: DepartmentId,
		asset: AssetId,
		to: DepartmentId,
	) -> DispatchResult {
		let mut record = Self::owned_active_asset(department, asset)?;
		Self::ensure_not_held(asset, department)?;
		check_offer(record.offered_to, department, to, T::Departments::is_active(to))
			.map_err(Error::<T>::from)?;

		record.offered_to = Some(to);
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::TransferOffered { asset, from: department, to });
		Ok(())
	}

	/// Withdraws or declines the pending offer of `asset`, `department` being either party. For
	/// `cancel_transfer`.
	pub(crate) fn do_cancel_transfer(department: DepartmentId, asset: AssetId) -> DispatchResult {
		let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		let to =
			check_cancel(record.offered_to, record.owner, department).map_err(Error::<T>::from)?;

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
		check_accept(record.offered_to, department).map_err(Error::<T>::from)?;
		let from = record.owner;
		ensure!(T::Departments::is_active(from), Error::<T>::OwnerSuspended);
		ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
		// A hold placed after the offer stops it too.
		Self::ensure_not_held(asset, from)?;
		let transfers = record.transfers.checked_add(1).ok_or(Error::<T>::TooManyTransfers)?;
		let deposit = Self::deposit_taken_over(&record.deposit, who, Zero::zero())?;

		Self::move_deposit(record.deposit.take(), &deposit)?;
		record.deposit = deposit;
		record.transfers = transfers;
		Self::record_new_owner(asset, record, department);
		Ok(())
	}

	/// Makes `to` the owner of `asset`, whose `record` has its deposit and transfer count set
	/// already, in the record and the department index: how an accepted transfer and a
	/// dissolution's hand-over end.
	pub(crate) fn record_new_owner(asset: AssetId, mut record: AssetRecordOf<T>, to: DepartmentId) {
		let from = record.owner;
		record.owner = to;
		record.offered_to = None;
		let deposit = record.deposit.clone();
		AssetsByDepartment::<T>::remove(from, asset);
		AssetsByDepartment::<T>::insert(to, asset, ());
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::AssetTransferred { asset, from, to, deposit });
	}
}

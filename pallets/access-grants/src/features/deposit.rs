//! Storage deposits: `RecordDeposit`, held from whoever opened a request or issued a grant
//! directly for as long as the record is stored, under [`HoldReason::StorageDeposit`].

use crate::{Config, Deposit, DepositOf, Error, HoldReason, Pallet};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungible::{InspectHold, MutateHold},
		Get,
	},
};
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	/// The deposit to hold from `who` for a new record, after checking it can be held; `None`
	/// when `RecordDeposit` is zero.
	pub(crate) fn checked_deposit(who: &T::AccountId) -> Result<Option<DepositOf<T>>, Error<T>> {
		let amount = T::RecordDeposit::get();
		if amount.is_zero() {
			return Ok(None);
		}
		ensure!(
			T::Currency::can_hold(&HoldReason::StorageDeposit.into(), who, amount),
			Error::<T>::CannotHoldDeposit
		);
		Ok(Some(Deposit { depositor: who.clone(), amount }))
	}

	/// Holds `deposit`, checked with [`Self::checked_deposit`].
	pub(crate) fn hold(deposit: &Option<DepositOf<T>>) -> DispatchResult {
		if let Some(deposit) = deposit {
			T::Currency::hold(
				&HoldReason::StorageDeposit.into(),
				&deposit.depositor,
				deposit.amount,
			)?;
		}
		Ok(())
	}

	/// Releases `deposit` to whoever paid it and returns it as actually released: best effort,
	/// so less than recorded only if the hold was reduced outside this pallet.
	pub(crate) fn release(
		deposit: &Option<DepositOf<T>>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let reason = HoldReason::StorageDeposit.into();
		deposit.as_ref().map(|deposit| deposit.release::<T::Currency>(&reason)).transpose()
	}
}

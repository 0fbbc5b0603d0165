//! An asset's deposit: one depositor, who pays for the whole asset, and how it moves to another.

use crate::{BalanceOf, Config, Deposit, DepositOf, Error, HoldReason, Pallet};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult},
	traits::fungible::{InspectHold, MutateHold},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The deposit an asset has once `payer` takes over its `current` deposit and adds
	/// `extra` to it. Checks that `payer` can pay what will be newly held from it (only
	/// `extra` if it pays `current` already, else the whole amount); holds nothing. `None`
	/// if the amount is zero.
	pub(crate) fn deposit_taken_over(
		current: &Option<DepositOf<T>>,
		payer: &T::AccountId,
		extra: BalanceOf<T>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let recorded = current.as_ref().map_or_else(Zero::zero, |deposit| deposit.amount);
		let amount = recorded.saturating_add(extra);
		if amount.is_zero() {
			return Ok(None);
		}
		let newly_held = match current {
			Some(deposit) if deposit.depositor == *payer => extra,
			_ => amount,
		};
		ensure!(
			newly_held.is_zero()
				|| T::Currency::can_hold(&HoldReason::AssetDeposit.into(), payer, newly_held),
			Error::<T>::CannotHoldDeposit
		);
		Ok(Some(Deposit { depositor: payer.clone(), amount }))
	}

	/// Moves the holds from an asset's `current` deposit to `new`, as computed by
	/// [`Self::deposit_taken_over`] (which checked that the new depositor can pay). The
	/// previous depositor's release is best-effort: if its hold was reduced outside this
	/// pallet, what is left is released; the new depositor pays `new` in full.
	pub(crate) fn move_deposit(
		current: Option<DepositOf<T>>,
		new: &Option<DepositOf<T>>,
	) -> DispatchResult {
		let reason: T::RuntimeHoldReason = HoldReason::AssetDeposit.into();
		match (current, new) {
			(Some(old), Some(new)) if old.depositor == new.depositor => {
				let extra = new.amount.saturating_sub(old.amount);
				if !extra.is_zero() {
					T::Currency::hold(&reason, &new.depositor, extra)?;
				}
			},
			(current, new) => {
				if let Some(old) = current {
					old.release::<T::Currency>(&reason)?;
				}
				if let Some(new) = new {
					T::Currency::hold(&reason, &new.depositor, new.amount)?;
				}
			},
		}
		Ok(())
	}
}

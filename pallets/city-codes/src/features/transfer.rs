//! Handing a code to another department: an offer the recipient accepts. The text keeps the
//! issuer's prefix; the deposit moves to the new owner's payer.

use crate::{
	CodeId, Codes, Config, DepartmentCodes, DepartmentId, DepartmentRegistry, Error, Event,
	HoldReason, Pallet,
};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::fungible::MutateHold};

impl<T: Config> Pallet<T> {
	/// Offers `code`, owned by `department`, to `to`. For `offer_transfer`.
	pub(crate) fn do_offer_transfer(
		department: DepartmentId,
		code: CodeId,
		to: DepartmentId,
	) -> DispatchResult {
		let mut record = Self::owned_active_code(code, department)?;
		ensure!(to != department, Error::<T>::SameDepartment);
		ensure!(T::Departments::prefix(to).is_some(), Error::<T>::UnknownDepartment);
		ensure!(T::Departments::is_active(to), Error::<T>::RecipientInactive);

		record.transfer_to = Some(to);
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::TransferOffered { code, from: department, to });
		Ok(())
	}

	/// Withdraws the pending offer of `code`, owned by `department`. For `cancel_transfer`.
	pub(crate) fn do_cancel_transfer(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Self::owned_code(code, department)?;
		let to = record.transfer_to.take().ok_or(Error::<T>::NoTransferOffered)?;

		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::TransferCancelled { code, to });
		Ok(())
	}

	/// Makes `department` the owner of `code` offered to it, `who` paying the new deposit.
	/// For `accept_transfer`.
	pub(crate) fn do_accept_transfer(
		who: T::AccountId,
		department: DepartmentId,
		code: CodeId,
	) -> DispatchResult {
		let mut record = Codes::<T>::get(code).ok_or(Error::<T>::UnknownCode)?;
		let to = record.transfer_to.ok_or(Error::<T>::NoTransferOffered)?;
		ensure!(to == department, Error::<T>::NotRecipient);
		ensure!(T::Departments::is_active(record.owner), Error::<T>::OwnerSuspended);
		Self::ensure_active(&record)?;
		let deposit = Self::new_deposit(&who, 1)?;

		let released = Self::release(record.deposit.take())?;
		if let Some(deposit) = &deposit {
			T::Currency::hold(&HoldReason::CodeDeposit.into(), &who, deposit.amount)?;
		}
		let from = record.owner;
		record.owner = department;
		record.transfer_to = None;
		record.deposit = deposit.clone();
		Codes::<T>::insert(code, record);
		DepartmentCodes::<T>::remove(from, code);
		DepartmentCodes::<T>::insert(department, code, ());
		Self::deposit_event(Event::CodeTransferred {
			code,
			from,
			to: department,
			deposit,
			released,
		});
		Ok(())
	}
}

//! Handing a code to another department: an offer the recipient accepts, by the rule data assets
//! share (`city_primitives::transfer`). The text keeps the issuer's prefix; the deposit moves to
//! the new owner's payer. A code travels alone: one with a parent or children stays with its
//! department, because codes nest only under their own department's codes (a parent's owner
//! could retire or suspend it under another department's children).

use crate::{
	Children, CodeId, CodeRecordOf, Codes, Config, DepartmentCodes, DepartmentId,
	DepartmentRegistry, DepositOf, Error, Event, HoldReason, Pallet,
};
use city_primitives::transfer::{check_accept, check_cancel, check_offer, TransferRefusal};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::fungible::MutateHold};

impl<T: Config> From<TransferRefusal> for Error<T> {
	fn from(refusal: TransferRefusal) -> Self {
		match refusal {
			TransferRefusal::AlreadyOffered => Error::<T>::TransferAlreadyOffered,
			TransferRefusal::ToOwner => Error::<T>::SameDepartment,
			TransferRefusal::RecipientNotActive => Error::<T>::RecipientInactive,
			TransferRefusal::NotOffered => Error::<T>::NoTransferOffered,
			TransferRefusal::NotParty => Error::<T>::NotPartyToTransfer,
			TransferRefusal::NotRecipient => Error::<T>::NotRecipient,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Offers `code`, owned by `department`, to `to`. For `offer_transfer`.
	pub(crate) fn do_offer_transfer(
		department: DepartmentId,
		code: CodeId,
		to: DepartmentId,
	) -> DispatchResult {
		let mut record = Self::owned_active_code(code, department)?;
		Self::ensure_not_nested(code, &record)?;
		Self::ensure_not_held(code, department)?;
		check_offer(record.transfer_to, department, to, T::Departments::is_active(to))
			.map_err(Error::<T>::from)?;

		record.transfer_to = Some(to);
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::TransferOffered { code, from: department, to });
		Ok(())
	}

	/// Withdraws or declines the pending offer of `code`, `department` being either party. For
	/// `cancel_transfer`.
	pub(crate) fn do_cancel_transfer(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Codes::<T>::get(code).ok_or(Error::<T>::UnknownCode)?;
		let to =
			check_cancel(record.transfer_to, record.owner, department).map_err(Error::<T>::from)?;

		record.transfer_to = None;
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::TransferCancelled { code, to, by: department });
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
		check_accept(record.transfer_to, department).map_err(Error::<T>::from)?;
		ensure!(T::Departments::is_active(record.owner), Error::<T>::OwnerSuspended);
		Self::ensure_active(&record)?;
		// The owner may have issued a child under the code since the offer.
		Self::ensure_not_nested(code, &record)?;
		Self::ensure_not_held(code, record.owner)?;
		let deposit = Self::new_deposit(&who, 1)?;

		let released = Self::release(record.deposit.take())?;
		if let Some(deposit) = &deposit {
			T::Currency::hold(&HoldReason::CodeDeposit.into(), &who, deposit.amount)?;
		}
		record.deposit = deposit;
		Self::record_new_owner(code, record, department, released);
		Ok(())
	}

	/// Makes `to` the owner of `code`, whose `record` has its deposit set already, in the
	/// record and the department index; `released` is what went back to the former payer. How
	/// an accepted transfer and a dissolution's hand-over end.
	pub(crate) fn record_new_owner(
		code: CodeId,
		mut record: CodeRecordOf<T>,
		to: DepartmentId,
		released: Option<DepositOf<T>>,
	) {
		let from = record.owner;
		record.owner = to;
		record.transfer_to = None;
		let deposit = record.deposit.clone();
		Codes::<T>::insert(code, record);
		DepartmentCodes::<T>::remove(from, code);
		DepartmentCodes::<T>::insert(to, code, ());
		Self::deposit_event(Event::CodeTransferred { code, from, to, deposit, released });
	}

	/// Refuses to move `code` out of its hierarchy: it has no parent and has never had a child
	/// (retired children keep it as their parent). One read.
	fn ensure_not_nested(code: CodeId, record: &CodeRecordOf<T>) -> Result<(), Error<T>> {
		ensure!(record.parent.is_none(), Error::<T>::CodeHasParent);
		ensure!(Children::<T>::iter_key_prefix(code).next().is_none(), Error::<T>::CodeHasChildren);
		Ok(())
	}
}

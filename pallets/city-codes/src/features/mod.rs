//! The logic of the calls, one module per feature. A call in `lib.rs` checks its origin and
//! hands over to one `do_*` function here; the helpers they share live next to them.

mod classes;
mod issue;
mod links;
mod offboard;
mod status;
mod transfer;

use crate::{
	city_code, CodeId, CodeRecordOf, CodeStatus, Codes, Config, DepartmentId, DepositOf, Error,
	HoldReason, LegalHolds, Location, NameOf, Pallet,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, Get},
	traits::fungible::InspectHold,
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The record of `code`, after checking `department` owns it.
	pub(crate) fn owned_code(
		code: CodeId,
		department: DepartmentId,
	) -> Result<CodeRecordOf<T>, Error<T>> {
		let record = Codes::<T>::get(code).ok_or(Error::<T>::UnknownCode)?;
		ensure!(record.owner == department, Error::<T>::NotOwner);
		Ok(record)
	}

	/// The record of `code`, after checking `department` owns it and it is active.
	pub(crate) fn owned_active_code(
		code: CodeId,
		department: DepartmentId,
	) -> Result<CodeRecordOf<T>, Error<T>> {
		let record = Self::owned_code(code, department)?;
		Self::ensure_active(&record)?;
		Ok(record)
	}

	/// Refuses to end or move `code`, owned by `owner`, while it or its owner is under legal
	/// hold.
	pub(crate) fn ensure_not_held(code: CodeId, owner: DepartmentId) -> Result<(), Error<T>> {
		ensure!(!T::LegalHolds::code_held(code, owner), Error::<T>::UnderLegalHold);
		Ok(())
	}

	/// Nothing changes a suspended or retired code.
	pub(crate) fn ensure_active(record: &CodeRecordOf<T>) -> Result<(), Error<T>> {
		match record.status {
			CodeStatus::Active => Ok(()),
			CodeStatus::Suspended => Err(Error::<T>::CodeSuspended),
			CodeStatus::Retired => Err(Error::<T>::CodeRetired),
		}
	}

	/// `name` bounded to `MaxNameLen` bytes, for genesis (calls take it bounded already).
	pub(crate) fn bounded_name(name: Vec<u8>) -> Result<NameOf<T>, Error<T>> {
		name.try_into().map_err(|_| Error::<T>::NameTooLong)
	}

	/// Checks that a name is non-empty UTF-8 without characters that are invisible or
	/// change how text around them displays: see [`city_primitives::is_display_text`].
	pub(crate) fn checked_name(name: NameOf<T>) -> Result<NameOf<T>, Error<T>> {
		ensure!(city_primitives::is_display_text(&name), Error::<T>::InvalidName);
		Ok(name)
	}

	/// Checks that a location, if any, is on the globe.
	pub(crate) fn checked_location(location: &Option<Location>) -> Result<(), Error<T>> {
		ensure!(location.is_none_or(|l| l.is_valid()), Error::<T>::InvalidLocation);
		Ok(())
	}

	/// The configured city prefix as a code label, if it is one.
	pub(crate) fn city_label() -> Option<city_code::CityPrefix> {
		let city = T::CityPrefix::get();
		is_canonical_label::<4>(&city).then(|| city_code::Label::new(&city)).flatten()
	}

	/// The deposit to hold from `who` for each of `count` new records, after checking it
	/// can pay all of them; `None` when `CodeDeposit` is zero.
	pub(crate) fn new_deposit(
		who: &T::AccountId,
		count: u32,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let amount = T::CodeDeposit::get();
		if amount.is_zero() {
			return Ok(None);
		}
		let total = amount.saturating_mul(count.into());
		ensure!(
			T::Currency::can_hold(&HoldReason::CodeDeposit.into(), who, total),
			Error::<T>::CannotHoldDeposit
		);
		Ok(Some(city_primitives::Deposit { depositor: who.clone(), amount }))
	}

	/// Releases a recorded deposit to whoever paid it, best-effort: returns what was
	/// actually released, less than recorded only if the hold was reduced outside this
	/// pallet.
	pub(crate) fn release(
		deposit: Option<DepositOf<T>>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let reason = HoldReason::CodeDeposit.into();
		deposit.map(|deposit| deposit.release::<T::Currency>(&reason)).transpose()
	}
}

/// Whether `label` is 1 to `N` upper-case ASCII letters and digits: a field as written in the
/// canonical form of a code.
pub(crate) fn is_canonical_label<const N: usize>(label: &[u8]) -> bool {
	!label.is_empty()
		&& label.len() <= N
		&& label.iter().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
}

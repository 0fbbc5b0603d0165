//! A code's status: active, suspended (resolves, nothing changes it) or retired (for good). A
//! retired code is a tombstone: its record keeps the text (issuer, class, serial), name,
//! location, parent and history, so it still resolves and is never reissued; its links to
//! assets and its attributes hash are dropped, and it keeps `CodeTombstoneDeposit` of its
//! deposit for good.

use crate::{
	CodeId, CodeRecordOf, CodeStatus, Codes, Config, DepartmentId, Error, Event, HoldReason, Pallet,
};
use frame_support::{
	ensure,
	pallet_prelude::{DispatchResult, Get},
};

impl<T: Config> Pallet<T> {
	/// Suspends `code`, owned by `department`. For `suspend_code`.
	pub(crate) fn do_suspend_code(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Self::owned_code(code, department)?;
		match record.status {
			CodeStatus::Active => {},
			CodeStatus::Suspended => return Err(Error::<T>::AlreadySuspended.into()),
			CodeStatus::Retired => return Err(Error::<T>::CodeRetired.into()),
		}

		record.status = CodeStatus::Suspended;
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::CodeSuspended { code });
		Ok(())
	}

	/// Reactivates `code`, owned by `department`. For `reactivate_code`.
	pub(crate) fn do_reactivate_code(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Self::owned_code(code, department)?;
		match record.status {
			CodeStatus::Suspended => {},
			CodeStatus::Active => return Err(Error::<T>::NotSuspended.into()),
			CodeStatus::Retired => return Err(Error::<T>::CodeRetired.into()),
		}

		record.status = CodeStatus::Active;
		Codes::<T>::insert(code, record);
		Self::deposit_event(Event::CodeReactivated { code });
		Ok(())
	}

	/// Retires `code`, owned by `department`: shrinks it to its tombstone (no linked assets, no
	/// attributes), keeps the tombstone's share of its deposit and releases the rest, and
	/// withdraws a pending offer. For `retire_code`.
	pub(crate) fn do_retire_code(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Self::owned_code(code, department)?;
		ensure!(record.status != CodeStatus::Retired, Error::<T>::CodeRetired);
		Self::ensure_not_held(code, department)?;

		let reason = HoldReason::CodeDeposit.into();
		let (kept, released) = match record.deposit.take() {
			Some(deposit) => {
				deposit.shrink_to::<T::Currency>(T::CodeTombstoneDeposit::get(), &reason)?
			},
			None => (None, None),
		};
		record.status = CodeStatus::Retired;
		record.deposit = kept.clone();
		Self::shrink_to_tombstone(&mut record);
		let withdrawn = record.transfer_to.take();
		Codes::<T>::insert(code, record);
		if let Some(to) = withdrawn {
			Self::deposit_event(Event::TransferCancelled { code, to, by: department });
		}
		Self::deposit_event(Event::CodeRetired { code, released, kept });
		Ok(())
	}

	/// Drops what a tombstone does not keep from `record` (written by the caller).
	pub(crate) fn shrink_to_tombstone(record: &mut CodeRecordOf<T>) {
		record.assets = Default::default();
		record.attributes = None;
	}
}

//! A code's status: active, suspended (resolves, nothing changes it) or retired (for good).

use crate::{CodeId, CodeStatus, Codes, Config, DepartmentId, Error, Event, Pallet};
use frame_support::{ensure, pallet_prelude::DispatchResult};

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

	/// Retires `code`, owned by `department`: releases its deposit and withdraws a pending
	/// offer. For `retire_code`.
	pub(crate) fn do_retire_code(department: DepartmentId, code: CodeId) -> DispatchResult {
		let mut record = Self::owned_code(code, department)?;
		ensure!(record.status != CodeStatus::Retired, Error::<T>::CodeRetired);

		let released = Self::release(record.deposit.take())?;
		record.status = CodeStatus::Retired;
		let withdrawn = record.transfer_to.take();
		Codes::<T>::insert(code, record);
		if let Some(to) = withdrawn {
			Self::deposit_event(Event::TransferCancelled { code, to, by: department });
		}
		Self::deposit_event(Event::CodeRetired { code, released });
		Ok(())
	}
}

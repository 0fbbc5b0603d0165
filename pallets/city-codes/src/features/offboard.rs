//! This pallet's share of dissolving a department ([`Offboarding`]): each of its codes,
//! retired ones included, goes to the successor (`CodeTransferred`; the deposit stays with
//! whoever paid it, and whole hierarchies move, so codes still nest within one department once
//! the last has moved), or without a successor each active or suspended one is retired
//! (`CodeRetired`). A pending offer is withdrawn. A code under legal hold stops the step.
//! [`OffboardCursor`] keeps the place between steps, so tombstones are passed over once.

use crate::{
	CodeId, CodeRecordOf, CodeStatus, Codes, Config, DepartmentCodes, DepartmentId, Event,
	OffboardCursor, Pallet, WeightInfo,
};
use city_primitives::{
	offboarding::{hand_over_or_retire, OwnedRecords},
	OffboardCounts, Offboarded, Offboarding, RecordId,
};
use frame_support::{
	traits::Get,
	weights::{Weight, WeightMeter},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Offboarding for Pallet<T> {
	fn offboard(
		department: DepartmentId,
		successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		hand_over_or_retire::<Self>(
			department,
			successor,
			meter,
			&mut ended.codes_handed_over,
			&mut ended.codes_retired,
		)
	}

	fn max_item_weight() -> Weight {
		T::WeightInfo::offboard_code_hand_over().max(T::WeightInfo::offboard_code_retire())
	}
}

impl<T: Config> OwnedRecords for Pallet<T> {
	type Id = CodeId;
	type Record = CodeRecordOf<T>;
	type LegalHolds = T::LegalHolds;

	fn record_id(code: CodeId) -> RecordId {
		RecordId::Code(code)
	}

	fn owned_after(
		department: DepartmentId,
		after: Option<CodeId>,
	) -> impl Iterator<Item = (CodeId, CodeRecordOf<T>)> {
		let codes = match after {
			None => DepartmentCodes::<T>::iter_key_prefix(department),
			Some(last) => DepartmentCodes::<T>::iter_key_prefix_from(
				department,
				DepartmentCodes::<T>::hashed_key_for(department, last),
			),
		};
		codes.filter_map(|code| Codes::<T>::get(code).map(|record| (code, record)))
	}

	fn cursor(department: DepartmentId) -> Option<CodeId> {
		OffboardCursor::<T>::get(department)
	}

	fn set_cursor(department: DepartmentId, cursor: Option<CodeId>) {
		OffboardCursor::<T>::set(department, cursor);
	}

	fn is_retired(record: &CodeRecordOf<T>) -> bool {
		record.status == CodeStatus::Retired
	}

	fn hand_over_weight() -> Weight {
		T::WeightInfo::offboard_code_hand_over()
	}

	fn retire_weight(_record: &CodeRecordOf<T>) -> Weight {
		T::WeightInfo::offboard_code_retire()
	}

	fn pass_over_weight() -> Weight {
		T::DbWeight::get().reads(2)
	}

	/// Withdraws a pending offer.
	fn hand_over(code: CodeId, record: CodeRecordOf<T>, to: DepartmentId) {
		if let Some(offered_to) = record.transfer_to {
			Self::deposit_event(Event::TransferCancelled {
				code,
				to: offered_to,
				by: record.owner,
			});
		}
		Self::record_new_owner(code, record, to, None);
	}

	fn retire(department: DepartmentId, code: CodeId) -> DispatchResult {
		Self::do_retire_code(department, code)
	}
}

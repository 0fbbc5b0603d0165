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
	LegalHolds, OffboardCounts, Offboarded, Offboarding, RecordId,
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
		let keys = match OffboardCursor::<T>::get(department) {
			None => DepartmentCodes::<T>::iter_key_prefix(department),
			Some(last) => DepartmentCodes::<T>::iter_key_prefix_from(
				department,
				DepartmentCodes::<T>::hashed_key_for(department, last),
			),
		};
		let codes = keys.filter_map(|code| Codes::<T>::get(code).map(|record| (code, record)));
		let (outcome, last) = hand_over_or_retire::<Self>(
			codes,
			department,
			successor,
			meter,
			&mut ended.codes_handed_over,
			&mut ended.codes_retired,
		)?;
		match (outcome, last) {
			(Offboarded::Finished, _) => OffboardCursor::<T>::remove(department),
			(_, Some(last)) => OffboardCursor::<T>::insert(department, last),
			(_, None) => {},
		}
		Ok(outcome)
	}

	fn max_item_weight() -> Weight {
		T::WeightInfo::offboard_code_hand_over().max(T::WeightInfo::offboard_code_retire())
	}
}

impl<T: Config> OwnedRecords for Pallet<T> {
	type Id = CodeId;
	type Record = CodeRecordOf<T>;

	fn held(code: CodeId) -> Option<RecordId> {
		T::LegalHolds::first_held(&[RecordId::Code(code)])
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
	fn hand_over(code: CodeId, mut record: CodeRecordOf<T>, to: DepartmentId) {
		let from = record.owner;
		let withdrawn = record.transfer_to.take();
		record.owner = to;
		let deposit = record.deposit.clone();
		DepartmentCodes::<T>::remove(from, code);
		DepartmentCodes::<T>::insert(to, code, ());
		Codes::<T>::insert(code, record);
		if let Some(offered_to) = withdrawn {
			Self::deposit_event(Event::TransferCancelled { code, to: offered_to, by: from });
		}
		Self::deposit_event(Event::CodeTransferred { code, from, to, deposit, released: None });
	}

	fn retire(department: DepartmentId, code: CodeId) -> DispatchResult {
		Self::do_retire_code(department, code)
	}
}

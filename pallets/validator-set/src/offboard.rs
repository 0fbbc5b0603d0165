//! This pallet's share of dissolving a department ([`Offboarding`]): the validators it runs
//! leave the set, as `remove_validator` would (`ValidatorRemoved`; they stop validating at the
//! second session boundary). The dissolution is refused up front if that would leave fewer than
//! `MinValidators` validators with session keys; the step itself does not check again, as the
//! council decided the dissolution knowing the set.

use crate::{Config, DepartmentId, Event, Pallet, Validators, WeightInfo};
use alloc::vec::Vec;
use city_primitives::{OffboardCounts, Offboarded, Offboarding};
use frame_support::{
	traits::Get,
	weights::{Weight, WeightMeter},
};
use sp_runtime::{traits::Saturating, DispatchError, DispatchResult};

impl<T: Config> Offboarding for Pallet<T> {
	fn can_dissolve(department: DepartmentId, _successor: Option<DepartmentId>) -> DispatchResult {
		let set = Validators::<T>::get();
		let runs = |(_, runner): &(T::AccountId, DepartmentId)| *runner == department;
		if !set.iter().any(runs) {
			return Ok(());
		}
		Self::ensure_enough_remain(&set, runs)
	}

	/// The scan `remove_validator` makes of a full set, which this check repeats.
	fn can_dissolve_weight() -> Weight {
		Self::max_item_weight()
	}

	/// One item: all of the department's validators, as the set is one stored value.
	fn offboard(
		department: DepartmentId,
		_successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		let mut set = Validators::<T>::get();
		let leaving: Vec<_> = set
			.iter()
			.filter(|(_, runner)| *runner == department)
			.map(|(validator, _)| validator.clone())
			.collect();
		if leaving.is_empty() {
			return Ok(Offboarded::Finished);
		}
		if !meter.can_consume(Self::max_item_weight()) {
			return Ok(Offboarded::OutOfWeight);
		}
		meter.consume(Self::max_item_weight());

		set.retain(|(_, runner)| *runner != department);
		Validators::<T>::put(set);
		for who in leaving {
			ended.validators_removed.saturating_inc();
			Self::deposit_event(Event::ValidatorRemoved { who, department });
		}
		Ok(Offboarded::Finished)
	}

	fn max_item_weight() -> Weight {
		<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get())
	}
}

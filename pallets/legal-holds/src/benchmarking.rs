//! Benchmarks: placing and lifting a hold on a department (what the runtime reads to know a
//! record exists costs the same one read for every kind of record).

use super::*;
use city_primitives::{BenchmarkHelper as _, Role};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

fn held_department<T: Config>() -> Result<RecordId, BenchmarkError> {
	let admin: T::AccountId = account("admin", 0, 0);
	let department = T::BenchmarkHelper::department_member(&admin, Role::Admin)
		.map_err(|_| BenchmarkError::Stop("no department to hold"))?;
	Ok(RecordId::Department(department))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn place_hold() -> Result<(), BenchmarkError> {
		let origin =
			T::HoldOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let record = held_department::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, record, H256::repeat_byte(1));

		assert!(Holds::<T>::contains_key(record));
		Ok(())
	}

	#[benchmark]
	fn lift_hold() -> Result<(), BenchmarkError> {
		let origin =
			T::HoldOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let record = held_department::<T>()?;
		Pallet::<T>::place_hold(origin.clone(), record, H256::repeat_byte(1))
			.map_err(|_| BenchmarkError::Stop("cannot place the hold"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, record);

		assert!(!Holds::<T>::contains_key(record));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

//! Benchmarks for the validator-set pallet: every call, in its worst case.
//!
//! Each call scans the set (for a duplicate, or for the validator) and rewrites it, so each is
//! measured over the set's size `v`, up to `MaxValidators`. The department checks succeed (the
//! refusals read more but do less). Departments are set up through
//! `DepartmentRegistry::register_benchmark_member`, so the benchmarks run in the real runtime too.
//! No call touches pallet-session: session keys are not needed.

use super::*;
use alloc::vec::Vec;
use city_primitives::Role;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use sp_runtime::traits::StaticLookup;

const SEED: u32 = 0;

fn validator_origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A fresh, active department (with an admin the benchmarks do not use).
fn new_department<T: Config>(index: u32) -> Result<DepartmentId, BenchmarkError> {
	let admin: T::AccountId = account("admin", index, SEED);
	Ok(T::Departments::register_benchmark_member(&admin, Role::Admin)?)
}

/// Replaces the set with `size` validators run by `department`, and returns them in order.
fn set_of<T: Config>(
	size: u32,
	department: DepartmentId,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let validators: Vec<T::AccountId> = (0..size).map(|i| account("validator", i, SEED)).collect();
	let set: ValidatorsOf<T> = validators
		.iter()
		.map(|who| (who.clone(), department))
		.collect::<Vec<_>>()
		.try_into()
		.map_err(|_| BenchmarkError::Stop("set larger than MaxValidators"))?;
	Validators::<T>::put(set);
	Ok(validators)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adds a validator to a set of `v`; `MinimumReached` is read, and written once the set
	/// reaches `MinValidators`.
	#[benchmark]
	fn add_validator(
		v: Linear<0, { T::MaxValidators::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let origin = validator_origin::<T>()?;
		let department = new_department::<T>(0)?;
		set_of::<T>(v, department)?;
		MinimumReached::<T>::kill();
		let who: T::AccountId = account("candidate", 0, SEED);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::Lookup::unlookup(who.clone()), department);

		assert_eq!(Validators::<T>::get().last(), Some(&(who.clone(), department)));
		assert_last_event::<T>(Event::ValidatorAdded { who, department });
		Ok(())
	}

	/// Removes the last of `v` validators: the longest scan.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin = validator_origin::<T>()?;
		let department = new_department::<T>(0)?;
		let who = set_of::<T>(v, department)?.pop().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::Lookup::unlookup(who.clone()));

		assert_eq!(Validators::<T>::decode_len(), Some(v.saturating_sub(1) as usize));
		assert_last_event::<T>(Event::ValidatorRemoved { who, department });
		Ok(())
	}

	/// Moves the last of `v` validators to another department: the longest scan.
	#[benchmark]
	fn set_validator_department(
		v: Linear<1, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin = validator_origin::<T>()?;
		let old_department = new_department::<T>(0)?;
		let new_department = new_department::<T>(1)?;
		let who = set_of::<T>(v, old_department)?.pop().ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::Lookup::unlookup(who.clone()), new_department);

		assert_last_event::<T>(Event::ValidatorDepartmentChanged {
			who,
			old_department,
			new_department,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

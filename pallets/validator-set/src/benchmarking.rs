//! Benchmarks for the validator-set pallet: every call, in its worst case.
//!
//! Each call scans the set (for a duplicate, or for the validator) and rewrites it, so each is
//! measured over the set's size `v`, up to `MaxValidators`. The department checks succeed (the
//! refusals read more but do less). Departments are set up through [`Config::BenchmarkHelper`]
//! (the runtime's departments pallet), so the benchmarks run in the real runtime too.
//!
//! `add_validator` needs the candidate to have session keys, and `remove_validator` counts the
//! validators with keys (its worst case: all of them have keys, and one more read each). Keys are
//! written straight into pallet-session's public `NextKeys` storage, which is all these calls
//! read: `session.setKeys` needs a proof of possession that generic code cannot make for
//! `T::Keys` (only the runtime's concrete `SessionKeys` can, with a keystore), and
//! `pallet_session::SessionInterface::set_keys` exists only with pallet-session's `historical`
//! feature and config. The keys are decoded from the account id padded with zeros, which any
//! `T::Keys` of fixed-size public keys accepts: `UintAuthorityId` in the mock, Aura and GRANDPA
//! keys in the runtime.

use super::*;
use alloc::vec::Vec;
use city_primitives::BenchmarkHelper;
use city_primitives::Role;
use codec::{Decode, Encode};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use sp_runtime::traits::{StaticLookup, TrailingZeroInput};

const SEED: u32 = 0;

fn validator_origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A fresh, active department (with an admin the benchmarks do not use).
fn new_department<T: Config>(index: u32) -> Result<DepartmentId, BenchmarkError> {
	let admin: T::AccountId = account("admin", index, SEED);
	Ok(T::BenchmarkHelper::department_member(&admin, Role::Admin)?)
}

/// Gives `who` session keys in pallet-session (see the module docs): keys decoded from its
/// account id, padded with zeros.
fn give_keys<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	let keys = who.using_encoded(|id| {
		<T as pallet_session::Config>::Keys::decode(&mut TrailingZeroInput::new(id))
	});
	let keys = keys.map_err(|_| BenchmarkError::Stop("session keys do not decode from zeros"))?;
	pallet_session::NextKeys::<T>::insert(who, keys);
	Ok(())
}

/// Replaces the set with `size` validators run by `department`, each with session keys, and
/// returns them in order.
fn set_of<T: Config>(
	size: u32,
	department: DepartmentId,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let validators: Vec<T::AccountId> = (0..size).map(|i| account("validator", i, SEED)).collect();
	for who in &validators {
		give_keys::<T>(who)?;
	}
	let set: ValidatorsOf<T> = validators
		.iter()
		.map(|who| (who.clone(), department))
		.collect::<Vec<_>>()
		.try_into()
		.map_err(|_| BenchmarkError::Stop("set larger than MaxValidators"))?;
	Validators::<T>::put(set);
	Ok(validators)
}

/// Replaces the set with `size` validators, each run by a department of its own (so that a
/// look at each one's department is a read of its own), and returns them with their
/// departments in order.
fn set_across_departments<T: Config>(
	size: u32,
) -> Result<Vec<(T::AccountId, DepartmentId)>, BenchmarkError> {
	let mut set = Vec::new();
	for i in 0..size {
		let who: T::AccountId = account("validator", i, SEED);
		give_keys::<T>(&who)?;
		set.push((who, new_department::<T>(i)?));
	}
	let stored: ValidatorsOf<T> = set
		.clone()
		.try_into()
		.map_err(|_| BenchmarkError::Stop("set larger than MaxValidators"))?;
	Validators::<T>::put(stored);
	Ok(set)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Adds a validator (with session keys) to a set of `v`; `MinimumReached` is read, and
	/// written once the set reaches `MinValidators`.
	#[benchmark]
	fn add_validator(
		v: Linear<0, { T::MaxValidators::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let origin = validator_origin::<T>()?;
		let department = new_department::<T>(0)?;
		set_of::<T>(v, department)?;
		MinimumReached::<T>::kill();
		let who: T::AccountId = account("candidate", 0, SEED);
		give_keys::<T>(&who)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::Lookup::unlookup(who.clone()), department);

		assert_eq!(Validators::<T>::get().last(), Some(&(who.clone(), department)));
		assert_last_event::<T>(Event::ValidatorAdded { who, department });
		Ok(())
	}

	/// Removes the last of `v` validators, all with session keys and each of its own
	/// department: the longest scan, and a `NextKeys` and a department read for every other
	/// validator.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get().saturating_add(1) }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin = validator_origin::<T>()?;
		let (who, department) =
			set_across_departments::<T>(v)?.pop().ok_or(BenchmarkError::Weightless)?;

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

//! Benchmarks for the city-codes pallet: every call, in its worst case.
//!
//! Callers and assets are set up only through [`Config::BenchmarkHelper`] (the runtime's
//! departments and data-assets pallets) and `T::Currency`, so the benchmarks run unchanged in the
//! real runtime. Codes are issued in
//! the worst case: the department's first code (its prefix is recorded), with a parent (read,
//! children index written), a name of `MaxNameLen` bytes, a location and an attributes hash;
//! deposits are held and released. A parent must be the issuing department's own code, yet the
//! department must not have issued a code: so parents are issued by another department and
//! handed over (offered and accepted) before the measured call. A batch gives every entry its
//! own parent, so that no parent read is served from the cache of an earlier entry's.

use super::*;
use crate::Pallet as CityCodes;
use alloc::{vec, vec::Vec};
use city_primitives::{BenchmarkHelper, Classification};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

fn registrar<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::RegistrarOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// An account acting for a fresh department with `role`, funded for `2 * MaxBatch + 2` code
/// deposits (a batch of codes and the parents taken over for it) and, for the assets it
/// registers, a million times the existential deposit.
fn member<T: Config>(
	name: &'static str,
	role: Role,
) -> Result<(T::AccountId, DepartmentId), BenchmarkError> {
	let who: T::AccountId = account(name, 0, SEED);
	let department = T::BenchmarkHelper::department_member(&who, role)?;
	let codes = T::MaxBatch::get().saturating_mul(2).saturating_add(2);
	let deposits = T::CodeDeposit::get().saturating_mul(codes.into());
	let spare = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(&who, spare.saturating_add(deposits));
	Ok((who, department))
}

fn max_name<T: Config>() -> NameOf<T> {
	BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize])
}

/// A new object class, with a code of 4 characters and a name of `MaxNameLen` bytes.
fn new_class<T: Config>() -> Result<ClassId, BenchmarkError> {
	const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	let id = usize::from(NextClassId::<T>::get());
	let digit = |place: usize| DIGITS[id / place % 36];
	let code = ClassLabel::truncate_from(vec![b'Q', digit(36 * 36), digit(36), digit(1)]);
	Ok(CityCodes::<T>::do_add_class(code, max_name::<T>())?)
}

/// A full description, under `parent`.
fn new_code<T: Config>(parent: Option<CodeId>) -> NewCodeOf<T> {
	NewCode {
		name: max_name::<T>(),
		location: Some(Location { latitude: -33_856_784, longitude: 151_215_297 }),
		attributes: Some([7; 32]),
		parent,
	}
}

/// `count` distinct parents for new codes of `steward`'s department, or `count` times `None` if
/// `MaxDepth` forbids parents. Another department issues them and hands them over to
/// `steward`'s department, which so owns them without having issued a code itself.
fn parents<T: Config>(
	class: ClassId,
	steward: &T::AccountId,
	department: DepartmentId,
	count: u32,
) -> Result<Vec<Option<CodeId>>, BenchmarkError> {
	if T::MaxDepth::get() == 0 {
		return Ok(vec![None; count as usize]);
	}
	let (issuer, _) = member::<T>("parent issuer", Role::Steward)?;
	let mut parents = Vec::with_capacity(count as usize);
	for _ in 0..count {
		let code = NextCodeId::<T>::get();
		let new = new_code::<T>(None);
		CityCodes::<T>::issue_code(
			RawOrigin::Signed(issuer.clone()).into(),
			class,
			new.name,
			new.location,
			new.attributes,
			None,
		)?;
		CityCodes::<T>::offer_transfer(RawOrigin::Signed(issuer.clone()).into(), code, department)?;
		CityCodes::<T>::accept_transfer(RawOrigin::Signed(steward.clone()).into(), code)?;
		parents.push(Some(code));
	}
	Ok(parents)
}

/// One parent for new codes of `steward`'s department: see [`parents`].
fn parent<T: Config>(
	class: ClassId,
	steward: &T::AccountId,
	department: DepartmentId,
) -> Result<Option<CodeId>, BenchmarkError> {
	Ok(parents::<T>(class, steward, department, 1)?.pop().flatten())
}

/// A steward's department with one code of its own, without parent: the only kind that may be
/// transferred, and no cheaper for any other call.
fn steward_with_code<T: Config>() -> Result<(T::AccountId, DepartmentId, CodeId), BenchmarkError> {
	let class = new_class::<T>()?;
	let (steward, department) = member::<T>("steward", Role::Steward)?;
	let code = NextCodeId::<T>::get();
	let new = new_code::<T>(None);
	CityCodes::<T>::issue_code(
		RawOrigin::Signed(steward.clone()).into(),
		class,
		new.name,
		new.location,
		new.attributes,
		new.parent,
	)?;
	Ok((steward, department, code))
}

/// A code offered by its steward's department to another, whose steward is returned.
fn offered_code<T: Config>() -> Result<(T::AccountId, T::AccountId, CodeId), BenchmarkError> {
	let (steward, _, code) = steward_with_code::<T>()?;
	let (recipient, to) = member::<T>("recipient", Role::Steward)?;
	CityCodes::<T>::offer_transfer(RawOrigin::Signed(steward.clone()).into(), code, to)?;
	Ok((steward, recipient, code))
}

fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::CodeDeposit.into(), who)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_object_class() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let class = NextClassId::<T>::get();
		let code = ClassLabel::truncate_from(b"ZZZZ".to_vec());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code, max_name::<T>());

		assert!(ObjectClasses::<T>::contains_key(class));
		Ok(())
	}

	#[benchmark]
	fn retire_object_class() -> Result<(), BenchmarkError> {
		let origin = registrar::<T>()?;
		let class = new_class::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, class);

		assert_last_event::<T>(Event::ObjectClassRetired { class });
		Ok(())
	}

	#[benchmark]
	fn issue_code() -> Result<(), BenchmarkError> {
		let class = new_class::<T>()?;
		let (steward, department) = member::<T>("steward", Role::Steward)?;
		let parent = parent::<T>(class, &steward, department)?;
		let code = NextCodeId::<T>::get();
		let deposits = held::<T>(&steward);
		let new = new_code::<T>(parent);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(steward.clone()),
			class,
			new.name,
			new.location,
			new.attributes,
			parent,
		);

		assert_eq!(Codes::<T>::get(code).map(|record| record.owner), Some(department));
		assert!(IssuerPrefixes::<T>::contains_key(department), "the department's first code");
		assert_eq!(held::<T>(&steward), deposits.saturating_add(T::CodeDeposit::get()));
		Ok(())
	}

	/// Every entry has its own parent: `n` distinct parent reads.
	#[benchmark]
	fn issue_codes_batch(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let class = new_class::<T>()?;
		let (steward, department) = member::<T>("steward", Role::Steward)?;
		let parents = parents::<T>(class, &steward, department, n)?;
		let first = NextCodeId::<T>::get();
		let deposits = held::<T>(&steward);
		let codes: BoundedVec<_, T::MaxBatch> = BoundedVec::truncate_from(
			parents.iter().map(|parent| new_code::<T>(*parent)).collect(),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(steward.clone()), class, codes);

		let last = first.saturating_add(u64::from(n)).saturating_sub(1);
		let record = Codes::<T>::get(last).ok_or(BenchmarkError::Stop("the last code exists"))?;
		assert_eq!((record.owner, record.parent), (department, parents.last().copied().flatten()));
		assert!(IssuerPrefixes::<T>::contains_key(department), "the department's first code");
		let fee = T::CodeDeposit::get().saturating_mul(n.into());
		assert_eq!(held::<T>(&steward), deposits.saturating_add(fee));
		Ok(())
	}

	#[benchmark]
	fn update_code() -> Result<(), BenchmarkError> {
		let (steward, _, code) = steward_with_code::<T>()?;
		let name = BoundedVec::truncate_from(vec![b'm'; T::MaxNameLen::get() as usize]);
		let location = Some(Location { latitude: 1, longitude: 2 });

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code, name, location, Some([9; 32]));

		assert_last_event::<T>(Event::CodeUpdated { code });
		Ok(())
	}

	#[benchmark]
	fn link_asset() -> Result<(), BenchmarkError> {
		let (steward, _, code) = steward_with_code::<T>()?;
		// The code already has all but one asset: the longest record and duplicate check.
		for _ in 1..T::MaxAssetsPerCode::get() {
			let asset = T::BenchmarkHelper::asset(&steward, Classification::Internal)?;
			CityCodes::<T>::link_asset(RawOrigin::Signed(steward.clone()).into(), code, asset)?;
		}
		let asset = T::BenchmarkHelper::asset(&steward, Classification::Internal)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code, asset);

		assert_last_event::<T>(Event::AssetLinked { code, asset });
		Ok(())
	}

	#[benchmark]
	fn unlink_asset() -> Result<(), BenchmarkError> {
		let (steward, _, code) = steward_with_code::<T>()?;
		let mut asset = 0;
		for _ in 0..T::MaxAssetsPerCode::get() {
			asset = T::BenchmarkHelper::asset(&steward, Classification::Internal)?;
			CityCodes::<T>::link_asset(RawOrigin::Signed(steward.clone()).into(), code, asset)?;
		}

		// The last one: the longest search.
		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code, asset);

		assert_last_event::<T>(Event::AssetUnlinked { code, asset });
		Ok(())
	}

	#[benchmark]
	fn offer_transfer() -> Result<(), BenchmarkError> {
		let (steward, from, code) = steward_with_code::<T>()?;
		let (_, to) = member::<T>("recipient", Role::Steward)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code, to);

		assert_last_event::<T>(Event::TransferOffered { code, from, to });
		Ok(())
	}

	#[benchmark]
	fn cancel_transfer() -> Result<(), BenchmarkError> {
		let (steward, _, code) = offered_code::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code);

		assert!(Codes::<T>::get(code).is_some_and(|record| record.transfer_to.is_none()));
		Ok(())
	}

	#[benchmark]
	fn accept_transfer() -> Result<(), BenchmarkError> {
		let (steward, recipient, code) = offered_code::<T>()?;
		let kept = held::<T>(&steward).saturating_sub(T::CodeDeposit::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(recipient.clone()), code);

		assert_eq!(held::<T>(&steward), kept);
		assert_eq!(held::<T>(&recipient), T::CodeDeposit::get());
		Ok(())
	}

	#[benchmark]
	fn suspend_code() -> Result<(), BenchmarkError> {
		let (steward, _, code) = steward_with_code::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code);

		assert_last_event::<T>(Event::CodeSuspended { code });
		Ok(())
	}

	#[benchmark]
	fn reactivate_code() -> Result<(), BenchmarkError> {
		let (steward, _, code) = steward_with_code::<T>()?;
		CityCodes::<T>::suspend_code(RawOrigin::Signed(steward.clone()).into(), code)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(steward), code);

		assert_last_event::<T>(Event::CodeReactivated { code });
		Ok(())
	}

	#[benchmark]
	fn retire_code() -> Result<(), BenchmarkError> {
		let (steward, _, code) = offered_code::<T>()?;
		// The tombstone's share of the code's deposit stays held.
		let kept = held::<T>(&steward)
			.saturating_sub(T::CodeDeposit::get())
			.saturating_add(T::CodeTombstoneDeposit::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(steward.clone()), code);

		assert_eq!(held::<T>(&steward), kept);
		assert!(Codes::<T>::get(code).is_some_and(|record| record.status == CodeStatus::Retired));
		Ok(())
	}

	/// One code of a dissolving department handed to its successor, with a pending offer
	/// withdrawn.
	#[benchmark]
	fn offboard_code_hand_over() -> Result<(), BenchmarkError> {
		let (steward, department, code) = steward_with_code::<T>()?;
		let (_, successor) = member::<T>("successor", Role::Steward)?;
		CityCodes::<T>::offer_transfer(RawOrigin::Signed(steward).into(), code, successor)?;

		#[block]
		{
			<CityCodes<T> as city_primitives::Offboarding>::offboard(
				department,
				Some(successor),
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert!(Codes::<T>::get(code).is_some_and(|record| record.owner == successor));
		Ok(())
	}

	/// One code of a dissolving department without successor retired, with a pending offer
	/// withdrawn.
	#[benchmark]
	fn offboard_code_retire() -> Result<(), BenchmarkError> {
		let (steward, department, code) = steward_with_code::<T>()?;
		let (_, to) = member::<T>("recipient", Role::Steward)?;
		CityCodes::<T>::offer_transfer(RawOrigin::Signed(steward).into(), code, to)?;

		#[block]
		{
			<CityCodes<T> as city_primitives::Offboarding>::offboard(
				department,
				None,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert!(Codes::<T>::get(code).is_some_and(|record| record.status == CodeStatus::Retired));
		Ok(())
	}

	impl_benchmark_test_suite!(CityCodes, crate::mock::new_test_ext(), crate::mock::Test);
}

//! Benchmarks for the data-assets pallet: every call, in its worst case.
//!
//! Callers come only from [`Config::StewardOrigin`]'s `try_successful_origin` (a Steward of a
//! fresh, active department each time), and assets from [`Pallet::benchmark_asset`], so the
//! benchmarks run in the real runtime as well as in the mock. Every asset has
//! the longest fields and the most tags the config allows. Calls that hold a deposit hold it;
//! `update_asset` and `accept_transfer` move it from another depositor (a release and a hold);
//! `retire_asset` shrinks every version of the asset, releases all but the tombstone's deposit and
//! withdraws a pending offer.

use super::*;
use crate::Pallet as DataAssets;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate, MutateHold},
	tokens::Precision,
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

const SEED: u32 = 0;

/// Gives `who` enough to pay the deposit of ten assets with `MaxVersions` versions.
fn fund<T: Config>(who: &T::AccountId) {
	let per_asset = T::AssetDeposit::get()
		.saturating_add(T::VersionDeposit::get().saturating_mul(T::MaxVersions::get().into()));
	let funds =
		T::Currency::minimum_balance().saturating_add(per_asset.saturating_mul(10u32.into()));
	T::Currency::set_balance(who, funds);
}

/// A funded Steward of a fresh, active department, from [`Config::StewardOrigin`].
fn steward<T: Config>() -> Result<(T::AccountId, DepartmentId), BenchmarkError> {
	let origin = T::StewardOrigin::try_successful_origin()
		.map_err(|_| BenchmarkError::Stop("StewardOrigin has no successful origin"))?;
	let (who, department) = T::StewardOrigin::ensure_origin(origin)
		.map_err(|_| BenchmarkError::Stop("StewardOrigin refuses its successful origin"))?;
	fund::<T>(&who);
	Ok((who, department))
}

/// The caller: a funded Steward of a fresh department, whitelisted like `whitelisted_caller`.
fn whitelisted_steward<T: Config>() -> Result<(T::AccountId, DepartmentId), BenchmarkError> {
	let (who, department) = steward::<T>()?;
	whitelist_account!(who);
	Ok((who, department))
}

/// The caller, with a registered asset of its department.
fn steward_with_asset<T: Config>() -> Result<(T::AccountId, DepartmentId, AssetId), BenchmarkError>
{
	let (who, department) = whitelisted_steward::<T>()?;
	let asset = DataAssets::<T>::benchmark_asset(&who, Classification::Restricted)?;
	Ok((who, department, asset))
}

/// Moves `asset`'s deposit to a funded account other than the caller (e.g. a Steward who has
/// left), so that the call measured next releases that hold and holds from the caller.
fn deposit_paid_by_another<T: Config>(asset: AssetId) -> Result<(), BenchmarkError> {
	let payer: T::AccountId = account("payer", 0, SEED);
	fund::<T>(&payer);
	let mut record = Assets::<T>::get(asset).ok_or(BenchmarkError::Stop("no asset"))?;
	let mut deposit = record.deposit.take().ok_or(BenchmarkError::Weightless)?;
	let reason = HoldReason::AssetDeposit.into();
	T::Currency::release(&reason, &deposit.depositor, deposit.amount, Precision::Exact)?;
	T::Currency::hold(&reason, &payer, deposit.amount)?;
	deposit.depositor = payer;
	record.deposit = Some(deposit);
	Assets::<T>::insert(asset, record);
	Ok(())
}

/// A funded Steward (not the caller) of a fresh department, with a registered asset.
fn owner_with_asset<T: Config>() -> Result<(T::AccountId, DepartmentId, AssetId), BenchmarkError> {
	let (owner, department) = steward::<T>()?;
	let asset = DataAssets::<T>::benchmark_asset(&owner, Classification::Restricted)?;
	Ok((owner, department, asset))
}

/// A steward with an asset of `versions` versions.
fn steward_with_versions<T: Config>(
	versions: u32,
) -> Result<(T::AccountId, DepartmentId, AssetId), BenchmarkError> {
	let (caller, department, asset) = steward_with_asset::<T>()?;
	for version in 1..versions {
		let new = DataAssets::<T>::benchmark_content(u64::MAX.saturating_sub(version.into()))?;
		DataAssets::<T>::update_asset(
			RawOrigin::Signed(caller.clone()).into(),
			asset,
			new.content,
			new.size,
			new.location,
		)?;
	}
	Ok((caller, department, asset))
}

fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::AssetDeposit.into(), who)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_asset() -> Result<(), BenchmarkError> {
		let (caller, department) = whitelisted_steward::<T>()?;
		let asset = NextAssetId::<T>::get();
		let metadata = DataAssets::<T>::benchmark_metadata(b'a')?;
		let new = DataAssets::<T>::benchmark_content(asset)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			metadata.name,
			new.content,
			new.size,
			metadata.media_type,
			Classification::Restricted,
			new.location,
			metadata.metadata_hash,
			metadata.tags,
		);

		assert_eq!(
			ContentRegistrations::<T>::get(new.content, department),
			Some((asset, FIRST_VERSION))
		);
		assert!(AssetsByDepartment::<T>::contains_key(department, asset));
		assert_eq!(
			held::<T>(&caller),
			T::AssetDeposit::get().saturating_add(T::VersionDeposit::get())
		);
		Ok(())
	}

	#[benchmark]
	fn update_asset() -> Result<(), BenchmarkError> {
		let (caller, department, asset) = steward_with_asset::<T>()?;
		deposit_paid_by_another::<T>(asset)?;
		let new = DataAssets::<T>::benchmark_content(u64::MAX)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, new.content, new.size, new.location);

		let version = FIRST_VERSION.saturating_add(1);
		assert_eq!(ContentRegistrations::<T>::get(new.content, department), Some((asset, version)));
		let deposit = T::AssetDeposit::get()
			.saturating_add(T::VersionDeposit::get().saturating_mul(2u32.into()));
		assert_eq!(held::<T>(&caller), deposit);
		assert!(held::<T>(&account("payer", 0, SEED)).is_zero());
		Ok(())
	}

	#[benchmark]
	fn update_metadata() -> Result<(), BenchmarkError> {
		let (caller, _, asset) = steward_with_asset::<T>()?;
		let metadata = DataAssets::<T>::benchmark_metadata(b'b')?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			asset,
			metadata.name.clone(),
			metadata.media_type,
			metadata.metadata_hash,
			metadata.tags,
		);

		assert_last_event::<T>(Event::MetadataUpdated { asset });
		assert_eq!(Assets::<T>::get(asset).map(|record| record.name), Some(metadata.name));
		Ok(())
	}

	#[benchmark]
	fn set_classification() -> Result<(), BenchmarkError> {
		let (caller, _, asset) = steward_with_asset::<T>()?;
		let oversight =
			T::OversightOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		DataAssets::<T>::declassify(oversight, asset, Classification::Internal)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset, Classification::Restricted);

		assert_last_event::<T>(Event::ClassificationChanged {
			asset,
			old: Classification::Internal,
			new: Classification::Restricted,
		});
		Ok(())
	}

	#[benchmark]
	fn declassify() -> Result<(), BenchmarkError> {
		let (_, _, asset) = steward_with_asset::<T>()?;
		let oversight =
			T::OversightOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(oversight as T::RuntimeOrigin, asset, Classification::Public);

		assert_last_event::<T>(Event::ClassificationChanged {
			asset,
			old: Classification::Restricted,
			new: Classification::Public,
		});
		Ok(())
	}

	#[benchmark]
	fn offer_transfer() -> Result<(), BenchmarkError> {
		let (caller, from, asset) = steward_with_asset::<T>()?;
		let (_, to) = steward::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset, to);

		assert_last_event::<T>(Event::TransferOffered { asset, from, to });
		Ok(())
	}

	#[benchmark]
	fn cancel_transfer() -> Result<(), BenchmarkError> {
		// The receiving department declines: both parties are checked.
		let (owner, _, asset) = steward_with_asset::<T>()?;
		let (recipient, to) = steward::<T>()?;
		DataAssets::<T>::offer_transfer(RawOrigin::Signed(owner).into(), asset, to)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(recipient), asset);

		assert_last_event::<T>(Event::TransferCancelled { asset, to, by: to });
		Ok(())
	}

	#[benchmark]
	fn accept_transfer() -> Result<(), BenchmarkError> {
		let (owner, from, asset) = owner_with_asset::<T>()?;
		let (recipient, to) = whitelisted_steward::<T>()?;
		DataAssets::<T>::offer_transfer(RawOrigin::Signed(owner.clone()).into(), asset, to)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(recipient.clone()), asset);

		assert!(AssetsByDepartment::<T>::contains_key(to, asset));
		assert!(!AssetsByDepartment::<T>::contains_key(from, asset));
		assert!(held::<T>(&owner).is_zero());
		assert_eq!(
			held::<T>(&recipient),
			T::AssetDeposit::get().saturating_add(T::VersionDeposit::get())
		);
		Ok(())
	}

	/// `v` versions, each shrunk to its tombstone.
	#[benchmark]
	fn retire_asset(v: Linear<1, { T::MaxVersions::get() }>) -> Result<(), BenchmarkError> {
		let (caller, _, asset) = steward_with_versions::<T>(v)?;
		let (_, to) = steward::<T>()?;
		DataAssets::<T>::offer_transfer(RawOrigin::Signed(caller.clone()).into(), asset, to)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset);

		assert_eq!(DataAssets::<T>::asset_info(asset).map(|info| info.active), Some(false));
		assert_eq!(held::<T>(&caller), DataAssets::<T>::tombstone_deposit(v));
		Ok(())
	}

	/// One asset of a dissolving department handed to its successor, with a pending offer
	/// withdrawn.
	#[benchmark]
	fn offboard_asset_hand_over() -> Result<(), BenchmarkError> {
		let (caller, department, asset) = steward_with_asset::<T>()?;
		let (_, successor) = steward::<T>()?;
		DataAssets::<T>::offer_transfer(RawOrigin::Signed(caller).into(), asset, successor)?;

		#[block]
		{
			<DataAssets<T> as city_primitives::Offboarding>::offboard(
				department,
				Some(successor),
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert_eq!(DataAssets::<T>::asset_info(asset).map(|info| info.owner), Some(successor));
		Ok(())
	}

	/// One asset of `v` versions of a dissolving department without successor retired, each
	/// version shrunk to its tombstone.
	#[benchmark]
	fn offboard_asset_retire(
		v: Linear<1, { T::MaxVersions::get() }>,
	) -> Result<(), BenchmarkError> {
		let (caller, department, asset) = steward_with_versions::<T>(v)?;

		#[block]
		{
			<DataAssets<T> as city_primitives::Offboarding>::offboard(
				department,
				None,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert_eq!(DataAssets::<T>::asset_info(asset).map(|info| info.active), Some(false));
		assert_eq!(held::<T>(&caller), DataAssets::<T>::tombstone_deposit(v));
		Ok(())
	}

	impl_benchmark_test_suite!(DataAssets, crate::mock::new_test_ext(), crate::mock::Test);
}

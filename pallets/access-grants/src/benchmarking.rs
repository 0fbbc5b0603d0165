//! Benchmarks for the access-grants pallet: every call, in its worst case.
//!
//! Departments, members and assets are set up only through `DepartmentRegistry` and
//! `AssetRegistry` (their benchmark helpers) and accounts funded only through `Currency`, so the
//! benchmarks run in the real runtime as well as in the mock.
//!
//! Worst cases: purposes and reasons as long as the config allows; every deposit held or
//! released; a final approval (owner or oversight) issues a grant and purges an ended grant of the
//! same pair; `record_access` checks a capped, oversight-approved grant on a `Restricted` asset;
//! `oversight_reject` removes a grant pending oversight (more writes than a request);
//! `purge_expired` removes `n` grants, each of another asset and with a deposit of another
//! depositor, so no read is served from the cache of an earlier one.

use super::*;
use crate::Pallet as AccessGrants;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating, Zero};

const SEED: u32 = 0;

/// A purpose of exactly `MaxPurposeLen` bytes.
fn max_purpose<T: Config>() -> PurposeOf<T> {
	vec![b'p'; T::MaxPurposeLen::get() as usize].try_into().expect("exactly MaxPurposeLen bytes")
}

/// A reason of exactly `MaxReasonLen` bytes.
fn max_reason<T: Config>() -> ReasonOf<T> {
	vec![b'r'; T::MaxReasonLen::get() as usize].try_into().expect("exactly MaxReasonLen bytes")
}

fn oversight<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::OversightOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Gives `who` plenty for fees, asset deposits and `RecordDeposit`s.
fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::Currency::minimum_balance()
		.saturating_mul(1_000_000_000u32.into())
		.saturating_add(T::RecordDeposit::get().saturating_mul(1_000u32.into()));
	T::Currency::set_balance(who, amount);
}

/// A funded Steward of a fresh department.
fn steward<T: Config>(name: &'static str) -> Result<(T::AccountId, DepartmentId), BenchmarkError> {
	let who: T::AccountId = account(name, 0, SEED);
	let department = T::Departments::register_benchmark_member(&who, Role::Steward)?;
	fund::<T>(&who);
	Ok((who, department))
}

/// An owner department with an asset of `classification`, and a grantee department.
struct Parties<T: Config> {
	owner_steward: T::AccountId,
	grantee_steward: T::AccountId,
	grantee: DepartmentId,
	asset: AssetId,
}

fn parties<T: Config>(classification: Classification) -> Result<Parties<T>, BenchmarkError> {
	let (owner_steward, _) = steward::<T>("owner")?;
	let asset = T::Assets::register_benchmark_asset(&owner_steward, classification)?;
	let (grantee_steward, grantee) = steward::<T>("grantee")?;
	Ok(Parties { owner_steward, grantee_steward, grantee, asset })
}

/// A direct grant to `grantee` of the shortest duration, with a deposit.
fn direct_grant<T: Config>(
	parties: &Parties<T>,
	duration: BlockNumberFor<T>,
	max_uses: Option<u32>,
) -> Result<GrantId, BenchmarkError> {
	let grant = NextGrantId::<T>::get();
	AccessGrants::<T>::grant_access(
		RawOrigin::Signed(parties.owner_steward.clone()).into(),
		parties.asset,
		parties.grantee,
		max_purpose::<T>(),
		Scope::Derive,
		duration,
		max_uses,
	)?;
	Ok(grant)
}

/// An ended (expired) grant of the pair, so that the next grant of the pair purges it.
fn ended_grant<T: Config>(parties: &Parties<T>) -> Result<GrantId, BenchmarkError> {
	let grant = direct_grant::<T>(parties, One::one(), None)?;
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));
	Ok(grant)
}

/// An open request of the grantee, with a deposit and the longest purpose.
fn open_request<T: Config>(parties: &Parties<T>) -> Result<RequestId, BenchmarkError> {
	let request = NextRequestId::<T>::get();
	AccessGrants::<T>::request_access(
		RawOrigin::Signed(parties.grantee_steward.clone()).into(),
		parties.asset,
		max_purpose::<T>(),
		Scope::Query,
		T::MaxGrantDuration::get(),
	)?;
	Ok(request)
}

fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::StorageDeposit.into(), who)
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		ended_grant::<T>(&parties)?;
		let request = NextRequestId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.grantee_steward.clone()),
			parties.asset,
			max_purpose::<T>(),
			Scope::Query,
			T::MaxGrantDuration::get(),
		);

		assert!(Requests::<T>::contains_key(request));
		assert_eq!(held::<T>(&parties.grantee_steward), T::RecordDeposit::get());
		Ok(())
	}

	#[benchmark]
	fn cancel_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.grantee_steward.clone()), request);

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee_steward).is_zero());
		Ok(())
	}

	#[benchmark]
	fn approve_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let old = ended_grant::<T>(&parties)?;
		let request = open_request::<T>(&parties)?;
		AccessGrants::<T>::oversight_approve(
			oversight::<T>()?,
			OversightSubject::Request(request),
		)?;
		let grant = NextGrantId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.owner_steward.clone()), request, Some(One::one()), Some(1));

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee), Some(grant));
		assert!(!Requests::<T>::contains_key(request));
		Ok(())
	}

	#[benchmark]
	fn reject_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;
		let reason = max_reason::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.owner_steward.clone()), request, reason);

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee_steward).is_zero());
		Ok(())
	}

	#[benchmark]
	fn grant_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let old = ended_grant::<T>(&parties)?;
		let grant = NextGrantId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(parties.owner_steward.clone()),
			parties.asset,
			parties.grantee,
			max_purpose::<T>(),
			Scope::Derive,
			T::MaxGrantDuration::get(),
			Some(u32::MAX),
		);

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee), Some(grant));
		Ok(())
	}

	#[benchmark]
	fn revoke_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Confidential)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), None)?;
		let reason = max_reason::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.owner_steward.clone()), grant, reason);

		assert!(!Grants::<T>::contains_key(grant));
		assert!(held::<T>(&parties.owner_steward).is_zero());
		Ok(())
	}

	#[benchmark]
	fn renounce_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Confidential)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), None)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.grantee_steward.clone()), grant);

		assert!(!Grants::<T>::contains_key(grant));
		assert!(held::<T>(&parties.owner_steward).is_zero());
		Ok(())
	}

	#[benchmark]
	fn oversight_approve() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let old = ended_grant::<T>(&parties)?;
		let request = open_request::<T>(&parties)?;
		AccessGrants::<T>::approve_request(
			RawOrigin::Signed(parties.owner_steward.clone()).into(),
			request,
			None,
			Some(1),
		)?;
		let origin = oversight::<T>()?;
		let grant = NextGrantId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, OversightSubject::Request(request));

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee), Some(grant));
		Ok(())
	}

	/// The grant path: removing a grant writes four records (the grant and its three indexes)
	/// where a request has three.
	#[benchmark]
	fn oversight_reject() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), Some(u32::MAX))?;
		let origin = oversight::<T>()?;
		let reason = max_reason::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, OversightSubject::Grant(grant), reason);

		assert!(!Grants::<T>::contains_key(grant));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee), None);
		assert!(held::<T>(&parties.owner_steward).is_zero());
		Ok(())
	}

	#[benchmark]
	fn record_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), Some(u32::MAX))?;
		AccessGrants::<T>::oversight_approve(oversight::<T>()?, OversightSubject::Grant(grant))?;
		let receipt = [7u8; 32];

		#[extrinsic_call]
		_(RawOrigin::Signed(parties.grantee_steward.clone()), parties.asset, grant, receipt);

		assert_last_event::<T>(Event::AccessRecorded {
			grant,
			asset: parties.asset,
			grantee: parties.grantee,
			department: parties.grantee,
			who: parties.grantee_steward,
			receipt,
			use_count: 1,
		});
		Ok(())
	}

	/// `n` expired grants, each on its own asset (of its own owner department) and paid for by
	/// its own depositor (that owner's steward), to its own grantee: every asset, hold and
	/// account is read and written once, none cached from another grant.
	#[benchmark]
	fn purge_expired(n: Linear<1, { T::MaxPurge::get() }>) -> Result<(), BenchmarkError> {
		let mut grants = vec![];
		let mut depositors = vec![];
		for i in 0..n {
			let owner_steward: T::AccountId = account("owner", i, SEED);
			T::Departments::register_benchmark_member(&owner_steward, Role::Steward)?;
			fund::<T>(&owner_steward);
			let asset =
				T::Assets::register_benchmark_asset(&owner_steward, Classification::Internal)?;
			let grantee_steward: T::AccountId = account("grantee", i, SEED);
			let grantee =
				T::Departments::register_benchmark_member(&grantee_steward, Role::Steward)?;
			let parties = Parties { owner_steward, grantee_steward, grantee, asset };
			grants.push(direct_grant::<T>(&parties, One::one(), None)?);
			depositors.push(parties.owner_steward);
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));
		let list: PurgeListOf<T> = grants.clone().try_into().expect("n <= MaxPurge");
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), list);

		assert!(grants.iter().all(|grant| !Grants::<T>::contains_key(grant)));
		assert!(depositors.iter().all(|depositor| held::<T>(depositor).is_zero()));
		Ok(())
	}

	impl_benchmark_test_suite!(AccessGrants, crate::mock::new_test_ext(), crate::mock::Test);
}

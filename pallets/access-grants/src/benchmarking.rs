//! Benchmarks for the access-grants pallet: every call, in its worst case.
//!
//! Callers come from the pallet's origins (`try_successful_origin` of `StewardOrigin` and
//! `OperatorOrigin`: each a member of a fresh department), assets from `BenchmarkHelper`, and
//! accounts are funded only through `Currency`, so the benchmarks run in the real runtime as well
//! as in the mock.
//!
//! Worst cases: purposes and reasons as long as the config allows; every deposit held or
//! released; a final approval (owner or oversight) issues a grant and purges an ended grant of the
//! same pair; `record_access` checks a capped, oversight-approved grant on a `Restricted` asset;
//! `oversight_reject` removes a grant pending oversight (more writes than a request);
//! `purge_request` removes a request of a retired asset;
//! `purge_expired` removes `n` grants, each of another asset and with a deposit of another
//! depositor, so no read is served from the cache of an earlier one.

use super::*;
use crate::Pallet as AccessGrants;
use alloc::vec;
use city_primitives::BenchmarkHelper;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating, Zero};

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

/// A caller of a department-role origin: the origin, its account and its department.
struct Caller<T: Config> {
	origin: T::RuntimeOrigin,
	who: T::AccountId,
	department: DepartmentId,
}

/// A new, funded caller that the origin `O` accepts, member of a fresh department.
fn caller<T, O>() -> Result<Caller<T>, BenchmarkError>
where
	T: Config,
	O: EnsureOrigin<T::RuntimeOrigin, Success = (T::AccountId, DepartmentId)>,
{
	let origin = O::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let (who, department) = O::ensure_origin(origin.clone())
		.map_err(|_| BenchmarkError::Stop("the successful origin is refused"))?;
	fund::<T>(&who);
	Ok(Caller { origin, who, department })
}

/// A new, funded Steward of a fresh department.
fn steward<T: Config>() -> Result<Caller<T>, BenchmarkError> {
	caller::<T, T::StewardOrigin>()
}

/// An owner department with an asset, and a grantee department.
struct Parties<T: Config> {
	owner: Caller<T>,
	grantee: Caller<T>,
	asset: AssetId,
}

/// Stewards of two fresh departments, the owner's with an asset of `classification`.
fn parties<T: Config>(classification: Classification) -> Result<Parties<T>, BenchmarkError> {
	let owner = steward::<T>()?;
	let asset = T::BenchmarkHelper::asset(&owner.who, classification)?;
	let grantee = steward::<T>()?;
	Ok(Parties { owner, grantee, asset })
}

/// A direct grant to `grantee` of the shortest duration, with a deposit.
fn direct_grant<T: Config>(
	parties: &Parties<T>,
	duration: BlockNumberFor<T>,
	max_uses: Option<u32>,
) -> Result<GrantId, BenchmarkError> {
	let grant = NextGrantId::<T>::get();
	AccessGrants::<T>::grant_access(
		parties.owner.origin.clone(),
		parties.asset,
		parties.grantee.department,
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
		parties.grantee.origin.clone(),
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
			parties.grantee.origin.clone() as T::RuntimeOrigin,
			parties.asset,
			max_purpose::<T>(),
			Scope::Query,
			T::MaxGrantDuration::get(),
		);

		assert!(Requests::<T>::contains_key(request));
		assert_eq!(held::<T>(&parties.grantee.who), T::RecordDeposit::get());
		Ok(())
	}

	#[benchmark]
	fn cancel_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;

		#[extrinsic_call]
		_(parties.grantee.origin.clone() as T::RuntimeOrigin, request);

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee.who).is_zero());
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
		_(parties.owner.origin.clone() as T::RuntimeOrigin, request, Some(One::one()), Some(1));

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee.department), Some(grant));
		assert!(!Requests::<T>::contains_key(request));
		Ok(())
	}

	#[benchmark]
	fn reject_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;
		let reason = max_reason::<T>();

		#[extrinsic_call]
		_(parties.owner.origin.clone() as T::RuntimeOrigin, request, reason);

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee.who).is_zero());
		Ok(())
	}

	#[benchmark]
	fn grant_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let old = ended_grant::<T>(&parties)?;
		let grant = NextGrantId::<T>::get();

		#[extrinsic_call]
		_(
			parties.owner.origin.clone() as T::RuntimeOrigin,
			parties.asset,
			parties.grantee.department,
			max_purpose::<T>(),
			Scope::Derive,
			T::MaxGrantDuration::get(),
			Some(u32::MAX),
		);

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee.department), Some(grant));
		Ok(())
	}

	#[benchmark]
	fn revoke_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Confidential)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), None)?;
		let reason = max_reason::<T>();

		#[extrinsic_call]
		_(parties.owner.origin.clone() as T::RuntimeOrigin, grant, reason);

		assert!(!Grants::<T>::contains_key(grant));
		assert!(held::<T>(&parties.owner.who).is_zero());
		Ok(())
	}

	/// One grant ended by its grantee's dissolution: the grant and its indexes removed, the
	/// deposit released, three legal holds read.
	#[benchmark]
	fn offboard_grant() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Confidential)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), None)?;

		#[block]
		{
			<AccessGrants<T> as city_primitives::Offboarding>::offboard(
				parties.grantee.department,
				None,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert!(!Grants::<T>::contains_key(grant));
		assert!(held::<T>(&parties.owner.who).is_zero());
		Ok(())
	}

	/// One open request purged by its requester's dissolution: the request and its indexes
	/// removed, the deposit released, three legal holds read.
	#[benchmark]
	fn offboard_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;

		#[block]
		{
			<AccessGrants<T> as city_primitives::Offboarding>::offboard(
				parties.grantee.department,
				None,
				&mut frame_support::weights::WeightMeter::new(),
				&mut Default::default(),
			)?;
		}

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee.who).is_zero());
		Ok(())
	}

	#[benchmark]
	fn renounce_access() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Confidential)?;
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), None)?;

		#[extrinsic_call]
		_(parties.grantee.origin.clone() as T::RuntimeOrigin, grant);

		assert!(!Grants::<T>::contains_key(grant));
		assert!(held::<T>(&parties.owner.who).is_zero());
		Ok(())
	}

	#[benchmark]
	fn oversight_approve() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let old = ended_grant::<T>(&parties)?;
		let request = open_request::<T>(&parties)?;
		AccessGrants::<T>::approve_request(parties.owner.origin.clone(), request, None, Some(1))?;
		let origin = oversight::<T>()?;
		let grant = NextGrantId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, OversightSubject::Request(request));

		assert!(!Grants::<T>::contains_key(old));
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee.department), Some(grant));
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
		assert_eq!(AssetGrants::<T>::get(parties.asset, parties.grantee.department), None);
		assert!(held::<T>(&parties.owner.who).is_zero());
		Ok(())
	}

	/// Recorded by the grantee's caller of [`Config::OperatorOrigin`].
	#[benchmark]
	fn record_access() -> Result<(), BenchmarkError> {
		let owner = steward::<T>()?;
		let asset = T::BenchmarkHelper::asset(&owner.who, Classification::Restricted)?;
		let grantee = caller::<T, T::OperatorOrigin>()?;
		let parties = Parties { owner, grantee, asset };
		let grant = direct_grant::<T>(&parties, T::MaxGrantDuration::get(), Some(u32::MAX))?;
		AccessGrants::<T>::oversight_approve(oversight::<T>()?, OversightSubject::Grant(grant))?;
		let receipt = [7u8; 32];

		#[extrinsic_call]
		_(parties.grantee.origin.clone() as T::RuntimeOrigin, parties.asset, grant, receipt);

		assert_last_event::<T>(Event::AccessRecorded {
			grant,
			asset: parties.asset,
			grantee: parties.grantee.department,
			department: parties.grantee.department,
			who: parties.grantee.who,
			receipt,
			use_count: 1,
		});
		Ok(())
	}

	/// `n` downloads, each under its own capped, oversight-approved grant on its own
	/// `Restricted` asset, to a consumer of its own department: every signature is verified,
	/// every read is of its own item, and every download counts (a write each).
	#[benchmark]
	fn record_served(n: Linear<1, { T::MaxServedPerCall::get() }>) -> Result<(), BenchmarkError> {
		let owner = steward::<T>()?;
		let genesis_hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut accesses = vec![];
		for i in 0..n {
			let asset = T::BenchmarkHelper::asset(&owner.who, Classification::Restricted)?;
			let grant = NextGrantId::<T>::get();
			let request =
				ServedRequest { grant, asset, version: None, issued_at: 1, nonce: [1; 16] };
			let (consumer, signature) =
				T::BenchmarkSigner::sign(i, &request.signing_payload(genesis_hash.as_ref()))
					.ok_or(BenchmarkError::Stop("the benchmark signer cannot sign"))?;
			let grantee = T::BenchmarkHelper::department_member(&consumer, Role::Operator)?;
			AccessGrants::<T>::grant_access(
				owner.origin.clone(),
				asset,
				grantee,
				max_purpose::<T>(),
				Scope::Derive,
				T::MaxGrantDuration::get(),
				Some(u32::MAX),
			)?;
			AccessGrants::<T>::oversight_approve(
				oversight::<T>()?,
				OversightSubject::Grant(grant),
			)?;
			accesses.push(ServedAccess { request, consumer, signature, receipt: [7; 32] });
		}
		let accesses: ServedListOf<T> =
			accesses.try_into().map_err(|_| BenchmarkError::Stop("more than MaxServedPerCall"))?;
		let last = NextGrantId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(owner.origin as T::RuntimeOrigin, accesses);

		assert_eq!(Grants::<T>::get(last).map(|grant| grant.uses), Some(1));
		Ok(())
	}

	/// `n` expired grants, each on its own asset (of its own owner department) and paid for by
	/// its own depositor (that owner's steward), to its own grantee: every asset, hold and
	/// account is read and written once, none cached from another grant.
	#[benchmark]
	fn purge_expired(n: Linear<1, { T::MaxPurge::get() }>) -> Result<(), BenchmarkError> {
		let mut grants = vec![];
		let mut depositors = vec![];
		for _ in 0..n {
			let parties = parties::<T>(Classification::Internal)?;
			grants.push(direct_grant::<T>(&parties, One::one(), None)?);
			depositors.push(parties.owner.who);
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));
		let list: PurgeListOf<T> = grants.clone().try_into().expect("n <= MaxPurge");
		let anyone: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), list);

		assert!(grants.iter().all(|grant| !Grants::<T>::contains_key(grant)));
		assert!(depositors.iter().all(|depositor| held::<T>(depositor).is_zero()));
		Ok(())
	}

	/// A request whose asset was retired (the asset is read; a transferred one costs the same).
	#[benchmark]
	fn purge_request() -> Result<(), BenchmarkError> {
		let parties = parties::<T>(Classification::Restricted)?;
		let request = open_request::<T>(&parties)?;
		T::BenchmarkHelper::retire_asset(&parties.owner.who, parties.asset)?;
		let anyone: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), request);

		assert!(!Requests::<T>::contains_key(request));
		assert!(held::<T>(&parties.grantee.who).is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(AccessGrants, crate::mock::new_test_ext(), crate::mock::Test);
}

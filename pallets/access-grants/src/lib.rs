#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use city_primitives::{
	AssetId, AssetInfo, AssetRegistry, Classification, DepartmentId, DepartmentRegistry, Role,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, InspectHold, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, Zero},
		SaturatedConversion,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, so deposits can be held under
		/// [`HoldReason::StorageDeposit`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which storage deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Who acts for which department (`pallet-departments`).
		type Departments: DepartmentRegistry<Self::AccountId>;

		/// The data-asset catalogue (`pallet-data-assets`).
		type Assets: AssetRegistry<Self::AccountId>;

		/// The city's data protection office: its approval is needed, besides the owner's, for
		/// access to a `Restricted` asset.
		type OversightOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The balance held for every open request and every grant, from the steward who made
		/// the request (carried into the grant it becomes) or who granted directly, and released
		/// when the record is removed. Makes filling storage expensive. Zero disables deposits.
		#[pallet::constant]
		type RecordDeposit: Get<BalanceOf<Self>>;

		/// The longest purpose of a request or grant, in bytes.
		#[pallet::constant]
		type MaxPurposeLen: Get<u32>;

		/// The longest reason of a rejection or revocation, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// The longest a grant may last, in blocks. Longer access takes a new grant.
		#[pallet::constant]
		type MaxGrantDuration: Get<BlockNumberFor<Self>>;

		/// The most grants one `purge_expired` call removes.
		#[pallet::constant]
		type MaxPurge: Get<u32>;

		/// The most items one page of a runtime API listing returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Held for an open request or a grant, for as long as it is stored.
		#[codec(index = 0)]
		StorageDeposit,
	}

	/// The id the next request gets. Ids are never reused.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// Open requests, by id. Decided and cancelled requests are removed; events record them.
	#[pallet::storage]
	pub type Requests<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, RequestOf<T>, OptionQuery>;

	/// The open request of a department for an asset: `(asset, requester) => request`. A
	/// department has at most one open request per asset.
	#[pallet::storage]
	pub type OpenRequests<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AssetId,
		Twox64Concat,
		DepartmentId,
		RequestId,
		OptionQuery,
	>;

	/// The open requests an owner department has to decide: `(owner, request) => ()`.
	#[pallet::storage]
	pub type OwnerRequests<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, RequestId, (), OptionQuery>;

	/// The id the next grant gets. Ids are never reused.
	#[pallet::storage]
	pub type NextGrantId<T> = StorageValue<_, GrantId, ValueQuery>;

	/// Grants, by id: current ones, and ended ones (expired, exhausted, asset retired) until
	/// purged. Revoked and renounced grants are removed at once.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageMap<_, Twox64Concat, GrantId, GrantOf<T>, OptionQuery>;

	/// The grant of a department for an asset: `(asset, grantee) => grant`. At most one per pair;
	/// also lists an asset's grants.
	#[pallet::storage]
	pub type AssetGrants<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AssetId,
		Twox64Concat,
		DepartmentId,
		GrantId,
		OptionQuery,
	>;

	/// The grants a department holds: `(grantee, grant) => ()`.
	#[pallet::storage]
	pub type GranteeGrants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, GrantId, (), OptionQuery>;

	/// The grants a department gave on its assets: `(owner, grant) => ()`.
	#[pallet::storage]
	pub type OwnerGrants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, GrantId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A department asked for access to another department's asset. `deposit` is what was
		/// held from `who`.
		RequestOpened {
			request: RequestId,
			asset: AssetId,
			requester: DepartmentId,
			owner: DepartmentId,
			who: T::AccountId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
			deposit: Option<DepositOf<T>>,
		},
		/// The requester withdrew its request. `deposit` is what was actually released.
		RequestCancelled { request: RequestId, who: T::AccountId, deposit: Option<DepositOf<T>> },
		/// The owner's steward approved a request, with this duration and cap. If
		/// `awaiting_oversight`, the request needs the oversight office (the asset is
		/// `Restricted`, or was when the request was made) and the office must approve too;
		/// otherwise `GrantIssued` follows.
		RequestApproved {
			request: RequestId,
			who: T::AccountId,
			duration: BlockNumberFor<T>,
			max_uses: Option<u32>,
			awaiting_oversight: bool,
		},
		/// The owner's steward rejected a request. `deposit` is what was actually released.
		RequestRejected {
			request: RequestId,
			who: T::AccountId,
			reason: ReasonOf<T>,
			deposit: Option<DepositOf<T>>,
		},
		/// The oversight office approved a request or grant that needed it. For a request
		/// `awaiting_owner` says whether the owner still has to approve; otherwise
		/// `GrantIssued` follows.
		OversightApproved { subject: OversightSubject, awaiting_owner: bool },
		/// The oversight office rejected a request or a grant pending its approval, which was
		/// removed. `deposit` is what was actually released.
		OversightRejected {
			subject: OversightSubject,
			reason: ReasonOf<T>,
			deposit: Option<DepositOf<T>>,
		},
		/// A grant was issued. `pending_oversight`: the grant needs the oversight office (the
		/// asset is `Restricted`) and gives no access until the office approves it, also if the
		/// asset is downgraded meanwhile.
		GrantIssued {
			grant: GrantId,
			asset: AssetId,
			owner: DepartmentId,
			grantee: DepartmentId,
			who: T::AccountId,
			purpose: PurposeOf<T>,
			scope: Scope,
			expires_at: BlockNumberFor<T>,
			max_uses: Option<u32>,
			source: GrantSource,
			pending_oversight: bool,
		},
		/// The owner's steward revoked a grant, which was removed. `deposit` is what was actually
		/// released.
		GrantRevoked {
			grant: GrantId,
			who: T::AccountId,
			reason: ReasonOf<T>,
			deposit: Option<DepositOf<T>>,
		},
		/// The grantee's steward gave up a grant, which was removed. `deposit` is what was
		/// actually released.
		GrantRenounced { grant: GrantId, who: T::AccountId, deposit: Option<DepositOf<T>> },
		/// An ended grant (expired, exhausted, asset retired or changed hands) was removed, by
		/// `purge_expired` or to make room for a new grant of the same pair. `deposit` is what was
		/// actually released to whoever paid it.
		GrantPurged { grant: GrantId, deposit: Option<DepositOf<T>> },
		/// The audit trail: `who`, acting for `department` (the grantee or the owner), recorded
		/// that `grantee` accessed `asset` under `grant`, and `receipt` is the hash of what was
		/// served. `use_count` counts the grant's accesses, this one included.
		AccessRecorded {
			grant: GrantId,
			asset: AssetId,
			grantee: DepartmentId,
			department: DepartmentId,
			who: T::AccountId,
			receipt: Receipt,
			use_count: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No asset has this id.
		UnknownAsset,
		/// The asset is retired: it takes no new requests or grants and gives no access.
		AssetRetired,
		/// The asset is `Public`: every department may use it without a grant.
		PublicAsset,
		/// The department owns the asset: it needs no grant.
		OwnAsset,
		/// The purpose is empty.
		EmptyPurpose,
		/// The purpose is longer than `MaxPurposeLen` bytes. Only genesis can hit this: calls
		/// take a bounded purpose, so a longer one does not even decode.
		PurposeTooLong,
		/// The reason is empty: a rejection or revocation must say why.
		EmptyReason,
		/// The duration is zero.
		ZeroDuration,
		/// The duration is longer than `MaxGrantDuration`.
		DurationTooLong,
		/// An approval may shorten the requested duration, never extend it.
		CannotExtendDuration,
		/// A cap of zero accesses would give no access: leave it out or reject instead.
		ZeroUseCap,
		/// The department already has an open request for this asset: cancel it first.
		DuplicateRequest,
		/// The department already has a grant for this asset that has not ended: it must be
		/// revoked, renounced, or end first.
		AlreadyGranted,
		/// No open request has this id.
		UnknownRequest,
		/// No grant has this id (revoked and renounced grants are removed).
		UnknownGrant,
		/// Only a Steward of the owner department may do this.
		NotOwner,
		/// Only a Steward of the requesting department may do this.
		NotRequester,
		/// Only a Steward of the grantee department may do this.
		NotGrantee,
		/// Only members of the grantee or owner department may record accesses under a grant.
		NotParty,
		/// The grant is for another asset.
		GrantAssetMismatch,
		/// This approval was given already.
		AlreadyApproved,
		/// The oversight office has nothing to decide: the asset is not `Restricted`, and was not
		/// when the request or grant was made (or the request approved).
		OversightNotRequired,
		/// The asset changed hands since the request was made or the grant issued (even if it
		/// came back to the same department since).
		OwnerChanged,
		/// The grantee (or requesting) department does not exist or is suspended.
		GranteeInactive,
		/// The owner department is suspended.
		OwnerInactive,
		/// The grant expired.
		GrantExpired,
		/// The grant's cap of accesses is reached.
		GrantExhausted,
		/// The grant needs the oversight office's approval (the asset is `Restricted`, or was
		/// when the grant was issued) and the office has not given it yet.
		PendingOversight,
		/// The grant may still give access: only ended grants can be purged.
		GrantStillValid,
		/// The same grant is listed twice.
		DuplicateGrant,
		/// The grant's use count cannot grow any further.
		UseCountOverflow,
		/// The signer cannot put the deposit on hold (too little free balance).
		CannotHoldDeposit,
		/// Every request id has been used.
		NoRequestIdLeft,
		/// Every grant id has been used.
		NoGrantIdLeft,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Grants to issue, in order (ids `0, 1, ...`), without deposit. A grant on a
		/// `Restricted` asset is pending oversight, as after `grant_access`.
		pub grants: Vec<GenesisGrant<T::AccountId, BlockNumberFor<T>>>,
		/// Requests to open, in order (ids `0, 1, ...`), without deposit.
		pub requests: Vec<GenesisRequest<T::AccountId, BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Runs the same checks as the calls. Genesis has no error channel: an invalid entry
		/// aborts the build (the node reports the message when the chain spec is built). The
		/// departments and the data assets must be built first (earlier in the runtime).
		fn build(&self) {
			for (index, grant) in self.grants.iter().enumerate() {
				let issue = || -> Result<GrantId, DispatchError> {
					let owner = T::Departments::ensure_role(&grant.steward, &[Role::Steward])?;
					let purpose = Pallet::<T>::bounded_purpose(grant.purpose.clone())?;
					Pallet::<T>::do_grant_access(
						grant.steward.clone(),
						owner,
						grant.asset,
						grant.grantee,
						purpose,
						grant.scope,
						grant.duration,
						grant.max_uses,
						false,
					)
				};
				issue().unwrap_or_else(|e| panic!("invalid genesis grant {index}: {e:?}"));
			}
			for (index, request) in self.requests.iter().enumerate() {
				let open = || -> Result<RequestId, DispatchError> {
					let requester =
						T::Departments::ensure_role(&request.steward, &[Role::Steward])?;
					let purpose = Pallet::<T>::bounded_purpose(request.purpose.clone())?;
					Pallet::<T>::do_request_access(
						request.steward.clone(),
						requester,
						request.asset,
						purpose,
						request.scope,
						request.duration,
						false,
					)
				};
				open().unwrap_or_else(|e| panic!("invalid genesis request {index}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPurposeLen::get() > 0, "MaxPurposeLen must allow a purpose");
			assert!(T::MaxReasonLen::get() > 0, "MaxReasonLen must allow a reason");
			assert!(!T::MaxGrantDuration::get().is_zero(), "MaxGrantDuration must allow a grant");
			assert!(T::MaxPurge::get() > 0, "MaxPurge must allow a purge");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must allow a page");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Ask another department for access to one of its assets.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of an active
		/// department (the requester). Holds `RecordDeposit` from the signer until the request
		/// is cancelled or rejected; if it is granted, the deposit stays held for the grant.
		///
		/// - `asset`: an active, non-`Public` asset of another department.
		/// - `purpose`: why the data is needed (non-empty, at most `MaxPurposeLen` bytes).
		/// - `scope`: what the requester wants to do with it.
		/// - `duration`: for how many blocks, `1..=MaxGrantDuration`.
		///
		/// A department has at most one open request per asset, whatever its scope or purpose:
		/// to change one, cancel it and ask again.
		///
		/// # Events
		/// - `RequestOpened`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended` (departments pallet): the signer
		///   is not a Steward of an active department.
		/// - `EmptyPurpose`, `ZeroDuration`, `DurationTooLong`: invalid input.
		/// - `UnknownAsset`, `AssetRetired`: no such asset, or retired.
		/// - `PublicAsset`: the asset needs no grant.
		/// - `OwnAsset`: the asset is the requester's own.
		/// - `DuplicateRequest`: the requester has an open request for this asset.
		/// - `AlreadyGranted`: the requester holds a grant for this asset that has not ended.
		/// - `NoRequestIdLeft`: every request id has been used.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(
			origin: OriginFor<T>,
			asset: AssetId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let requester = T::Departments::ensure_role(&who, &[Role::Steward])?;
			Self::do_request_access(who, requester, asset, purpose, scope, duration, true)
				.map(|_| ())
		}

		/// Withdraw an open request, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the requesting
		/// (active) department. Possible at any time before the request is decided, also while
		/// it waits for the oversight office. The deposit goes back to whoever paid it.
		///
		/// - `request`: the open request.
		///
		/// # Events
		/// - `RequestCancelled`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownRequest`: no such open request.
		/// - `NotRequester`: the signer's department did not make it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
			ensure!(record.requester == department, Error::<T>::NotRequester);

			let deposit = Self::remove_request(request, &record)?;
			Self::deposit_event(Event::RequestCancelled { request, who, deposit });
			Ok(())
		}

		/// Approve a request for one's department's asset, possibly shorter or capped.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the (active)
		/// department that owns the asset, and the requesting department must be active. For an
		/// `Internal` or `Confidential` asset the grant is issued at once and the request
		/// removed, its deposit carried into the grant. A request that needs the oversight office
		/// (the asset is `Restricted`, or was when the request was made) keeps the approval until
		/// the office approves too (`oversight_approve`), unless it has already, in which case
		/// the grant is issued now; from then on it needs the office whatever the asset's
		/// classification. An ended grant of the same pair is purged first.
		///
		/// - `request`: the open request.
		/// - `duration`: the granted duration, at most the requested one; `None` grants the
		///   requested duration. Counted from when the grant is issued.
		/// - `max_uses`: the most accesses the grant allows; `None` for no cap.
		///
		/// # Events
		/// - `RequestApproved`; `GrantIssued` (and `GrantPurged`) if the grant is issued.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownRequest`: no such open request.
		/// - `NotOwner`: the signer's department was not asked.
		/// - `AlreadyApproved`: the owner approved it already.
		/// - `UnknownAsset`, `AssetRetired`: the asset is gone or retired.
		/// - `OwnerChanged`: the asset changed hands since the request (even if it came back).
		/// - `PublicAsset`: the asset became `Public`: no grant is needed.
		/// - `GranteeInactive`: the requesting department is suspended (or gone).
		/// - `ZeroDuration`, `CannotExtendDuration`, `ZeroUseCap`: invalid input.
		/// - `AlreadyGranted`: the requester got a grant for the asset meanwhile.
		/// - `NoGrantIdLeft`: every grant id has been used.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_request())]
		pub fn approve_request(
			origin: OriginFor<T>,
			request: RequestId,
			duration: Option<BlockNumberFor<T>>,
			max_uses: Option<u32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
			ensure!(record.owner == department, Error::<T>::NotOwner);
			ensure!(record.owner_approval.is_none(), Error::<T>::AlreadyApproved);
			let info = Self::grantable_asset(record.asset, record.owner, record.transfers)?;
			ensure!(T::Departments::is_active(record.requester), Error::<T>::GranteeInactive);
			let duration = duration.unwrap_or(record.duration);
			ensure!(!duration.is_zero(), Error::<T>::ZeroDuration);
			ensure!(duration <= record.duration, Error::<T>::CannotExtendDuration);
			ensure!(max_uses != Some(0), Error::<T>::ZeroUseCap);
			let approval = OwnerApproval { by: who.clone(), duration, max_uses };
			let oversight_required = Self::needs_oversight(record.oversight_required, &info);
			let awaiting_oversight = oversight_required && !record.oversight_approved;

			if awaiting_oversight {
				record.owner_approval = Some(approval);
				record.oversight_required = true;
				Requests::<T>::insert(request, record);
				Self::deposit_event(Event::RequestApproved {
					request,
					who,
					duration,
					max_uses,
					awaiting_oversight,
				});
			} else {
				let replaced = Self::ensure_pair_free(record.asset, record.requester)?;
				let grant = Self::next_grant_id()?;
				Self::deposit_event(Event::RequestApproved {
					request,
					who,
					duration,
					max_uses,
					awaiting_oversight,
				});
				Self::issue_from_request(
					request,
					record,
					approval,
					replaced,
					grant,
					oversight_required,
				)?;
			}
			Ok(())
		}

		/// Reject a request for one's department's asset, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the (active)
		/// department that was asked. Also withdraws an approval given earlier that still waits
		/// for the oversight office. The request is removed and the deposit goes back to whoever
		/// paid it.
		///
		/// - `request`: the open request.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - `RequestRejected`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `EmptyReason`: no reason given.
		/// - `UnknownRequest`: no such open request.
		/// - `NotOwner`: the signer's department was not asked.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject_request())]
		pub fn reject_request(
			origin: OriginFor<T>,
			request: RequestId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
			let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
			ensure!(record.owner == department, Error::<T>::NotOwner);

			let deposit = Self::remove_request(request, &record)?;
			Self::deposit_event(Event::RequestRejected { request, who, reason, deposit });
			Ok(())
		}

		/// Grant another department access to one of one's department's assets, unasked.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the (active)
		/// department that owns the asset. Holds `RecordDeposit` from the signer until the grant
		/// is removed. A grant on a `Restricted` asset gives no access until the oversight office
		/// approves it (`oversight_approve`), even if the asset is downgraded meanwhile; its
		/// duration runs from now all the same. An ended grant of the same pair is purged first.
		///
		/// - `asset`: an active, non-`Public` asset of the signer's department.
		/// - `grantee`: another, active department.
		/// - `purpose`: why it may use the data (non-empty, at most `MaxPurposeLen` bytes).
		/// - `scope`: what it may do with it.
		/// - `duration`: for how many blocks from now, `1..=MaxGrantDuration`.
		/// - `max_uses`: the most accesses allowed; `None` for no cap.
		///
		/// # Events
		/// - `GrantIssued` (and `GrantPurged`).
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `EmptyPurpose`, `ZeroDuration`, `DurationTooLong`, `ZeroUseCap`: invalid input.
		/// - `UnknownAsset`, `AssetRetired`: no such asset, or retired.
		/// - `NotOwner`: the asset is another department's.
		/// - `PublicAsset`: the asset needs no grant.
		/// - `OwnAsset`: the grantee is the owner itself.
		/// - `GranteeInactive`: the grantee does not exist or is suspended.
		/// - `AlreadyGranted`: the grantee holds a grant for this asset that has not ended.
		/// - `NoGrantIdLeft`: every grant id has been used.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::grant_access())]
		pub fn grant_access(
			origin: OriginFor<T>,
			asset: AssetId,
			grantee: DepartmentId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
			max_uses: Option<u32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let owner = T::Departments::ensure_role(&who, &[Role::Steward])?;
			Self::do_grant_access(
				who, owner, asset, grantee, purpose, scope, duration, max_uses, true,
			)
			.map(|_| ())
		}

		/// Revoke a grant on one's department's asset, at once, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the (active)
		/// department that granted it. Works on any grant, current or ended. The grant is
		/// removed: from now on `check_access` answers `NoGrant`.
		///
		/// - `grant`: the grant.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - `GrantRevoked`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `EmptyReason`: no reason given.
		/// - `UnknownGrant`: no such grant.
		/// - `NotOwner`: the signer's department did not grant it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::revoke_access())]
		pub fn revoke_access(
			origin: OriginFor<T>,
			grant: GrantId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
			let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
			ensure!(record.owner == department, Error::<T>::NotOwner);

			let deposit = Self::remove_grant(grant, &record)?;
			Self::deposit_event(Event::GrantRevoked { grant, who, reason, deposit });
			Ok(())
		}

		/// Give up a grant one's department holds, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the (active)
		/// grantee department. The grant is removed.
		///
		/// - `grant`: the grant.
		///
		/// # Events
		/// - `GrantRenounced`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownGrant`: no such grant.
		/// - `NotGrantee`: the grant is not the signer's department's.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::renounce_access())]
		pub fn renounce_access(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
			ensure!(record.grantee == department, Error::<T>::NotGrantee);

			let deposit = Self::remove_grant(grant, &record)?;
			Self::deposit_event(Event::GrantRenounced { grant, who, deposit });
			Ok(())
		}

		/// The oversight office approves access to a `Restricted` asset.
		///
		/// The dispatch origin for this call must be the `OversightOrigin`. Owner and oversight
		/// approve a request in either order: the grant is issued by whichever comes second (and
		/// only to an active requester). A grant pending oversight gives access from now on.
		///
		/// The office decides on anything that needs it: a request or grant made while the asset
		/// was `Restricted` (or a request the owner approved while it was), whatever the asset's
		/// classification now, and any request or grant while the asset is `Restricted`.
		///
		/// - `subject`: an open request, or a grant pending oversight.
		///
		/// # Events
		/// - `OversightApproved`; `GrantIssued` (and `GrantPurged`) if a request's grant is
		///   issued.
		///
		/// # Errors
		/// - `BadOrigin`: not the oversight office.
		/// - `UnknownRequest`, `UnknownGrant`: no such request or grant.
		/// - `AlreadyApproved`: the office approved it already.
		/// - `UnknownAsset`, `AssetRetired`: the asset is gone or retired.
		/// - `OwnerChanged`: the asset changed hands since the request or grant (even if it came
		///   back).
		/// - `OversightNotRequired`: the asset is not `Restricted`, and was not when the request
		///   or grant was made.
		/// - `GrantExpired`: the grant expired while pending.
		/// - `GranteeInactive`: the owner approved already, and the requesting department is
		///   suspended (or gone).
		/// - `AlreadyGranted`: the requester got a grant for the asset meanwhile.
		/// - `NoGrantIdLeft`: every grant id has been used.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::oversight_approve())]
		pub fn oversight_approve(
			origin: OriginFor<T>,
			subject: OversightSubject,
		) -> DispatchResult {
			T::OversightOrigin::ensure_origin(origin)?;
			match subject {
				OversightSubject::Request(request) => {
					let mut record =
						Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
					Self::ensure_office_may_approve(
						record.asset,
						record.owner,
						record.transfers,
						record.oversight_required,
						record.oversight_approved,
					)?;
					match record.owner_approval.take() {
						None => {
							record.oversight_required = true;
							record.oversight_approved = true;
							Requests::<T>::insert(request, record);
							Self::deposit_event(Event::OversightApproved {
								subject,
								awaiting_owner: true,
							});
						},
						Some(approval) => {
							ensure!(
								T::Departments::is_active(record.requester),
								Error::<T>::GranteeInactive
							);
							let replaced = Self::ensure_pair_free(record.asset, record.requester)?;
							let grant = Self::next_grant_id()?;
							record.oversight_required = true;
							record.oversight_approved = true;
							Self::deposit_event(Event::OversightApproved {
								subject,
								awaiting_owner: false,
							});
							Self::issue_from_request(
								request, record, approval, replaced, grant, true,
							)?;
						},
					}
				},
				OversightSubject::Grant(grant) => {
					let mut record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
					Self::ensure_office_may_approve(
						record.asset,
						record.owner,
						record.transfers,
						record.oversight_required,
						record.oversight_approved,
					)?;
					ensure!(Self::now() < record.expires_at, Error::<T>::GrantExpired);

					record.oversight_required = true;
					record.oversight_approved = true;
					Grants::<T>::insert(grant, record);
					Self::deposit_event(Event::OversightApproved {
						subject,
						awaiting_owner: false,
					});
				},
			}
			Ok(())
		}

		/// The oversight office refuses access to a `Restricted` asset.
		///
		/// The dispatch origin for this call must be the `OversightOrigin`. Removes an open
		/// request (also one the owner approved) or a grant still pending oversight, and releases
		/// its deposit to whoever paid it. Like `oversight_approve` it acts on anything that
		/// needs the office, whatever the asset's classification now. The office decides once:
		/// what it approved it cannot reject (the owner can still revoke).
		///
		/// - `subject`: an open request, or a grant pending oversight.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - `OversightRejected`.
		///
		/// # Errors
		/// - `BadOrigin`: not the oversight office.
		/// - `EmptyReason`: no reason given.
		/// - `UnknownRequest`, `UnknownGrant`: no such request or grant.
		/// - `AlreadyApproved`: the office approved it already.
		/// - `UnknownAsset`: the asset is gone.
		/// - `OversightNotRequired`: the asset is not `Restricted`, and was not when the request
		///   or grant was made.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::oversight_reject())]
		pub fn oversight_reject(
			origin: OriginFor<T>,
			subject: OversightSubject,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			T::OversightOrigin::ensure_origin(origin)?;
			ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
			let deposit = match subject {
				OversightSubject::Request(request) => {
					let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
					ensure!(!record.oversight_approved, Error::<T>::AlreadyApproved);
					Self::ensure_overseeable(record.asset, record.oversight_required)?;
					Self::remove_request(request, &record)?
				},
				OversightSubject::Grant(grant) => {
					let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
					ensure!(!record.oversight_approved, Error::<T>::AlreadyApproved);
					Self::ensure_overseeable(record.asset, record.oversight_required)?;
					Self::remove_grant(grant, &record)?
				},
			};
			Self::deposit_event(Event::OversightRejected { subject, reason, deposit });
			Ok(())
		}

		/// Record an access under a grant: the audit trail.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Operator` or `Steward` of
		/// the (active) grantee or owner department, typically the gateway that served or
		/// fetched the data. Each record counts as one use of the grant, so exactly one side
		/// should record each access. Refused unless the grant gives access now.
		///
		/// - `asset`: the asset accessed.
		/// - `grant`: the grant it was accessed under.
		/// - `receipt`: a 32-byte hash of what was served.
		///
		/// # Events
		/// - `AccessRecorded`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an Operator or
		///   Steward of an active department.
		/// - `UnknownGrant`: no such grant (or revoked, or renounced).
		/// - `GrantAssetMismatch`: the grant is for another asset.
		/// - `NotParty`: the signer's department is neither the grantee nor the owner.
		/// - `UnknownAsset`, `AssetRetired`, `OwnerChanged`, `GrantExpired`, `GrantExhausted`,
		///   `PendingOversight`, `OwnerInactive`, `GranteeInactive`: the grant gives no access now
		///   (checked in this order).
		/// - `UseCountOverflow`: an uncapped grant was used `u32::MAX` times.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::record_access())]
		pub fn record_access(
			origin: OriginFor<T>,
			asset: AssetId,
			grant: GrantId,
			receipt: Receipt,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Operator, Role::Steward])?;
			let mut record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
			ensure!(record.asset == asset, Error::<T>::GrantAssetMismatch);
			ensure!(
				department == record.grantee || department == record.owner,
				Error::<T>::NotParty
			);
			let now = Self::now();
			if let Some(denial) = Self::grant_denial(&record, T::Assets::asset_info(asset), now) {
				return Err(Self::denial_error(denial).into());
			}
			let use_count = record.uses.checked_add(1).ok_or(Error::<T>::UseCountOverflow)?;

			record.uses = use_count;
			record.last_access = Some(now);
			let grantee = record.grantee;
			Grants::<T>::insert(grant, record);
			Self::deposit_event(Event::AccessRecorded {
				grant,
				asset,
				grantee,
				department,
				who,
				receipt,
				use_count,
			});
			Ok(())
		}

		/// Remove ended grants and release their deposits to whoever paid them.
		///
		/// The dispatch origin for this call must be _Signed_, by anyone. A grant has ended when
		/// it can never give access again: expired, exhausted, its asset gone or retired, or the
		/// asset changed hands (even if it came back since: the grant stays ended). Grants of
		/// suspended departments and grants pending oversight are not ended (both can still give
		/// access). All or nothing: one grant that cannot be purged fails the call.
		///
		/// - `grants`: at most `MaxPurge` grant ids, each once.
		///
		/// # Events
		/// - `GrantPurged`, for each grant.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `DuplicateGrant`: a grant is listed twice.
		/// - `UnknownGrant`: no such grant.
		/// - `GrantStillValid`: a grant has not ended.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::purge_expired(grants.len().saturated_into::<u32>()))]
		pub fn purge_expired(origin: OriginFor<T>, grants: PurgeListOf<T>) -> DispatchResult {
			ensure_signed(origin)?;
			let now = Self::now();
			let mut records = Vec::with_capacity(grants.len());
			for (index, grant) in grants.iter().enumerate() {
				ensure!(!grants.iter().take(index).any(|g| g == grant), Error::<T>::DuplicateGrant);
				let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
				ensure!(Self::has_ended(&record, now), Error::<T>::GrantStillValid);
				records.push((*grant, record));
			}

			for (grant, record) in records {
				Self::purge_grant(grant, &record)?;
			}
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block number.
		fn now() -> BlockNumberFor<T> {
			frame_system::Pallet::<T>::block_number()
		}

		/// Opens a request of `who`, a Steward of `requester` (checked by the caller), holding
		/// the deposit if `charge`. Used by the call and genesis.
		pub(crate) fn do_request_access(
			who: T::AccountId,
			requester: DepartmentId,
			asset: AssetId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
			charge: bool,
		) -> Result<RequestId, DispatchError> {
			ensure!(!purpose.is_empty(), Error::<T>::EmptyPurpose);
			Self::ensure_duration(duration)?;
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(info.active, Error::<T>::AssetRetired);
			ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
			ensure!(info.owner != requester, Error::<T>::OwnAsset);
			ensure!(
				!OpenRequests::<T>::contains_key(asset, requester),
				Error::<T>::DuplicateRequest
			);
			let now = Self::now();
			if let Some(existing) = AssetGrants::<T>::get(asset, requester) {
				let live = Grants::<T>::get(existing).is_some_and(|g| !Self::has_ended(&g, now));
				ensure!(!live, Error::<T>::AlreadyGranted);
			}
			let request = NextRequestId::<T>::get();
			let next = request.checked_add(1).ok_or(Error::<T>::NoRequestIdLeft)?;
			let deposit = if charge { Self::checked_deposit(&who)? } else { None };

			Self::hold(&deposit)?;
			let record = AccessRequest {
				asset,
				requester,
				owner: info.owner,
				transfers: info.transfers,
				requested_by: who.clone(),
				purpose: purpose.clone(),
				scope,
				duration,
				requested_at: now,
				owner_approval: None,
				oversight_required: Self::needs_oversight(false, &info),
				oversight_approved: false,
				deposit: deposit.clone(),
			};
			NextRequestId::<T>::put(next);
			Requests::<T>::insert(request, record);
			OpenRequests::<T>::insert(asset, requester, request);
			OwnerRequests::<T>::insert(info.owner, request, ());
			Self::deposit_event(Event::RequestOpened {
				request,
				asset,
				requester,
				owner: info.owner,
				who,
				purpose,
				scope,
				duration,
				deposit,
			});
			Ok(request)
		}

		/// Issues a direct grant by `who`, a Steward of `owner` (checked by the caller), holding
		/// the deposit if `charge`. Used by the call and genesis.
		pub(crate) fn do_grant_access(
			who: T::AccountId,
			owner: DepartmentId,
			asset: AssetId,
			grantee: DepartmentId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
			max_uses: Option<u32>,
			charge: bool,
		) -> Result<GrantId, DispatchError> {
			ensure!(!purpose.is_empty(), Error::<T>::EmptyPurpose);
			Self::ensure_duration(duration)?;
			ensure!(max_uses != Some(0), Error::<T>::ZeroUseCap);
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(info.active, Error::<T>::AssetRetired);
			ensure!(info.owner == owner, Error::<T>::NotOwner);
			ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
			ensure!(grantee != owner, Error::<T>::OwnAsset);
			ensure!(T::Departments::is_active(grantee), Error::<T>::GranteeInactive);
			let replaced = Self::ensure_pair_free(asset, grantee)?;
			let grant = Self::next_grant_id()?;
			let deposit = if charge { Self::checked_deposit(&who)? } else { None };

			Self::hold(&deposit)?;
			let now = Self::now();
			let record = Grant {
				asset,
				owner,
				transfers: info.transfers,
				grantee,
				purpose,
				scope,
				granted_by: who,
				source: GrantSource::Direct,
				granted_at: now,
				expires_at: now.saturating_add(duration),
				max_uses,
				uses: 0,
				last_access: None,
				oversight_required: Self::needs_oversight(false, &info),
				oversight_approved: false,
				deposit,
			};
			Self::insert_grant(grant, record, replaced)?;
			Ok(grant)
		}

		/// Turns a fully approved request into a grant: removes the request (its deposit stays
		/// held, now for the grant) and inserts the grant, which needs the oversight office if
		/// `oversight_required` (then the request has the office's approval). The caller has
		/// verified everything, including that the asset is still in the period of ownership the
		/// request was made in and that the pair is free but for `replaced`, and reserved
		/// `grant`.
		fn issue_from_request(
			request: RequestId,
			record: RequestOf<T>,
			approval: OwnerApproval<T::AccountId, BlockNumberFor<T>>,
			replaced: Option<GrantId>,
			grant: GrantId,
			oversight_required: bool,
		) -> DispatchResult {
			Requests::<T>::remove(request);
			OpenRequests::<T>::remove(record.asset, record.requester);
			OwnerRequests::<T>::remove(record.owner, request);
			let now = Self::now();
			let issued = Grant {
				asset: record.asset,
				owner: record.owner,
				transfers: record.transfers,
				grantee: record.requester,
				purpose: record.purpose,
				scope: record.scope,
				granted_by: approval.by,
				source: GrantSource::Request(request),
				granted_at: now,
				expires_at: now.saturating_add(approval.duration),
				max_uses: approval.max_uses,
				uses: 0,
				last_access: None,
				oversight_required,
				oversight_approved: record.oversight_approved,
				deposit: record.deposit,
			};
			Self::insert_grant(grant, issued, replaced)
		}

		/// Stores a new grant with id `grant` (reserved with [`Self::next_grant_id`]) and its
		/// indexes, after purging the ended grant `replaced` of the same pair, if any.
		fn insert_grant(
			grant: GrantId,
			record: GrantOf<T>,
			replaced: Option<GrantId>,
		) -> DispatchResult {
			if let Some(old) = replaced {
				if let Some(old_record) = Grants::<T>::get(old) {
					Self::purge_grant(old, &old_record)?;
				}
			}
			NextGrantId::<T>::put(grant.saturating_add(1));
			AssetGrants::<T>::insert(record.asset, record.grantee, grant);
			GranteeGrants::<T>::insert(record.grantee, grant, ());
			OwnerGrants::<T>::insert(record.owner, grant, ());
			let pending_oversight = record.oversight_required && !record.oversight_approved;
			Self::deposit_event(Event::GrantIssued {
				grant,
				asset: record.asset,
				owner: record.owner,
				grantee: record.grantee,
				who: record.granted_by.clone(),
				purpose: record.purpose.clone(),
				scope: record.scope,
				expires_at: record.expires_at,
				max_uses: record.max_uses,
				source: record.source,
				pending_oversight,
			});
			Grants::<T>::insert(grant, record);
			Ok(())
		}

		/// The id a new grant gets, checking that one is left. `insert_grant` advances it.
		fn next_grant_id() -> Result<GrantId, Error<T>> {
			let grant = NextGrantId::<T>::get();
			grant.checked_add(1).ok_or(Error::<T>::NoGrantIdLeft)?;
			Ok(grant)
		}

		/// Checks that `grantee` holds no grant for `asset` that has not ended; returns the ended
		/// one, which a new grant replaces.
		fn ensure_pair_free(
			asset: AssetId,
			grantee: DepartmentId,
		) -> Result<Option<GrantId>, Error<T>> {
			let Some(existing) = AssetGrants::<T>::get(asset, grantee) else { return Ok(None) };
			match Grants::<T>::get(existing) {
				Some(record) if !Self::has_ended(&record, Self::now()) => {
					Err(Error::<T>::AlreadyGranted)
				},
				_ => Ok(Some(existing)),
			}
		}

		/// Whether a request or grant needs the oversight office: it did when it was made
		/// (`required`, sticky), or its asset is `Restricted` now.
		fn needs_oversight(required: bool, info: &AssetInfo) -> bool {
			required || info.classification == Classification::Restricted
		}

		/// Whether `info` still describes the period of ownership a request was made or a grant
		/// issued in: the same owner, and no transfer since (an asset that was handed on and
		/// back is in a new period).
		fn same_ownership(info: &AssetInfo, owner: DepartmentId, transfers: u32) -> bool {
			info.owner == owner && info.transfers == transfers
		}

		/// The asset of a request that is being approved: it exists, is active, is still in the
		/// period of ownership (`owner`, `transfers`) the request was made in, and is not
		/// `Public`.
		fn grantable_asset(
			asset: AssetId,
			owner: DepartmentId,
			transfers: u32,
		) -> Result<AssetInfo, Error<T>> {
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(info.active, Error::<T>::AssetRetired);
			ensure!(Self::same_ownership(&info, owner, transfers), Error::<T>::OwnerChanged);
			ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
			Ok(info)
		}

		/// Whether the oversight office may approve a request or grant: not approved yet, and
		/// its asset exists, is active, is still in the period of ownership (`owner`,
		/// `transfers`) of the request or grant, and needs the office (`required`, or the asset
		/// is `Restricted`). Checked in that order, so the errors are as before.
		fn ensure_office_may_approve(
			asset: AssetId,
			owner: DepartmentId,
			transfers: u32,
			required: bool,
			approved: bool,
		) -> Result<(), Error<T>> {
			ensure!(!approved, Error::<T>::AlreadyApproved);
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(info.active, Error::<T>::AssetRetired);
			ensure!(Self::same_ownership(&info, owner, transfers), Error::<T>::OwnerChanged);
			ensure!(Self::needs_oversight(required, &info), Error::<T>::OversightNotRequired);
			Ok(())
		}

		/// Checks that the asset exists and that a request or grant of it needs the oversight
		/// office (`required`, or the asset is `Restricted`): what the office may reject.
		fn ensure_overseeable(asset: AssetId, required: bool) -> Result<(), Error<T>> {
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(Self::needs_oversight(required, &info), Error::<T>::OversightNotRequired);
			Ok(())
		}

		/// Checks a requested or granted duration: `1..=MaxGrantDuration`.
		fn ensure_duration(duration: BlockNumberFor<T>) -> Result<(), Error<T>> {
			ensure!(!duration.is_zero(), Error::<T>::ZeroDuration);
			ensure!(duration <= T::MaxGrantDuration::get(), Error::<T>::DurationTooLong);
			Ok(())
		}

		/// The deposit to hold from `who` for a new record, after checking it can be held; `None`
		/// when `RecordDeposit` is zero.
		fn checked_deposit(who: &T::AccountId) -> Result<Option<DepositOf<T>>, Error<T>> {
			let amount = T::RecordDeposit::get();
			if amount.is_zero() {
				return Ok(None);
			}
			ensure!(
				T::Currency::can_hold(&HoldReason::StorageDeposit.into(), who, amount),
				Error::<T>::CannotHoldDeposit
			);
			Ok(Some(Deposit { depositor: who.clone(), amount }))
		}

		/// Holds `deposit`, checked with [`Self::checked_deposit`].
		fn hold(deposit: &Option<DepositOf<T>>) -> DispatchResult {
			if let Some(deposit) = deposit {
				T::Currency::hold(
					&HoldReason::StorageDeposit.into(),
					&deposit.depositor,
					deposit.amount,
				)?;
			}
			Ok(())
		}

		/// Releases `deposit` to whoever paid it and returns it as actually released: best
		/// effort, so less than recorded only if the hold was reduced outside this pallet.
		fn release(deposit: &Option<DepositOf<T>>) -> Result<Option<DepositOf<T>>, DispatchError> {
			let reason = HoldReason::StorageDeposit.into();
			deposit.as_ref().map(|deposit| deposit.release::<T::Currency>(&reason)).transpose()
		}

		/// Removes a request and its indexes and releases its deposit.
		fn remove_request(
			request: RequestId,
			record: &RequestOf<T>,
		) -> Result<Option<DepositOf<T>>, DispatchError> {
			let released = Self::release(&record.deposit)?;
			Requests::<T>::remove(request);
			OpenRequests::<T>::remove(record.asset, record.requester);
			OwnerRequests::<T>::remove(record.owner, request);
			Ok(released)
		}

		/// Removes a grant and its indexes and releases its deposit.
		fn remove_grant(
			grant: GrantId,
			record: &GrantOf<T>,
		) -> Result<Option<DepositOf<T>>, DispatchError> {
			let released = Self::release(&record.deposit)?;
			Grants::<T>::remove(grant);
			AssetGrants::<T>::remove(record.asset, record.grantee);
			GranteeGrants::<T>::remove(record.grantee, grant);
			OwnerGrants::<T>::remove(record.owner, grant);
			Ok(released)
		}

		/// Removes an ended grant and says so.
		fn purge_grant(grant: GrantId, record: &GrantOf<T>) -> DispatchResult {
			let deposit = Self::remove_grant(grant, record)?;
			Self::deposit_event(Event::GrantPurged { grant, deposit });
			Ok(())
		}

		/// Why `grant` gives no access at block `now`, given its asset's `info`; `None` if it
		/// does. The reasons that can never change come first, so the answer is final whenever a
		/// final reason applies.
		pub(crate) fn grant_denial(
			grant: &GrantOf<T>,
			info: Option<AssetInfo>,
			now: BlockNumberFor<T>,
		) -> Option<DenialReason> {
			let Some(info) = info else { return Some(DenialReason::UnknownAsset) };
			if !info.active {
				return Some(DenialReason::AssetRetired);
			}
			if !Self::same_ownership(&info, grant.owner, grant.transfers) {
				return Some(DenialReason::OwnerChanged);
			}
			if now >= grant.expires_at {
				return Some(DenialReason::Expired);
			}
			if grant.max_uses.is_some_and(|cap| grant.uses >= cap) {
				return Some(DenialReason::Exhausted);
			}
			if Self::needs_oversight(grant.oversight_required, &info) && !grant.oversight_approved {
				return Some(DenialReason::PendingOversight);
			}
			if !T::Departments::is_active(grant.owner) {
				return Some(DenialReason::OwnerInactive);
			}
			if !T::Departments::is_active(grant.grantee) {
				return Some(DenialReason::DepartmentInactive);
			}
			None
		}

		/// Whether `grant` can never give access again (see [`DenialReason::is_final`]).
		pub(crate) fn has_ended(grant: &GrantOf<T>, now: BlockNumberFor<T>) -> bool {
			Self::grant_denial(grant, T::Assets::asset_info(grant.asset), now)
				.is_some_and(DenialReason::is_final)
		}

		/// The error `record_access` fails with for a denial.
		fn denial_error(reason: DenialReason) -> Error<T> {
			match reason {
				DenialReason::UnknownAsset => Error::<T>::UnknownAsset,
				DenialReason::AssetRetired => Error::<T>::AssetRetired,
				DenialReason::OwnerChanged => Error::<T>::OwnerChanged,
				DenialReason::Expired => Error::<T>::GrantExpired,
				DenialReason::Exhausted => Error::<T>::GrantExhausted,
				DenialReason::PendingOversight => Error::<T>::PendingOversight,
				DenialReason::OwnerInactive => Error::<T>::OwnerInactive,
				DenialReason::DepartmentInactive => Error::<T>::GranteeInactive,
				DenialReason::NotMember => Error::<T>::NotParty,
				DenialReason::NoGrant => Error::<T>::UnknownGrant,
			}
		}

		/// `purpose` bounded to `MaxPurposeLen` bytes, for genesis (calls take it bounded).
		pub(crate) fn bounded_purpose(purpose: Vec<u8>) -> Result<PurposeOf<T>, Error<T>> {
			purpose.try_into().map_err(|_| Error::<T>::PurposeTooLong)
		}

		// ---- Queries (the runtime API forwards to these) ----

		/// May `department` access `asset` now? The owner always may (while the asset is active
		/// and the owner not suspended); any active department may access a `Public` asset of an
		/// active owner; any other needs a grant that gives access now.
		pub fn check_access(
			department: DepartmentId,
			asset: AssetId,
		) -> AccessDecision<BlockNumberFor<T>> {
			let Some(info) = T::Assets::asset_info(asset) else {
				return AccessDecision::Denied(DenialReason::UnknownAsset);
			};
			let without_grant =
				AccessDecision::Allowed { grant: None, expires_at: None, remaining_uses: None };
			if !info.active {
				return AccessDecision::Denied(DenialReason::AssetRetired);
			}
			if !T::Departments::is_active(department) {
				return AccessDecision::Denied(DenialReason::DepartmentInactive);
			}
			if department == info.owner {
				return without_grant;
			}
			if !T::Departments::is_active(info.owner) {
				return AccessDecision::Denied(DenialReason::OwnerInactive);
			}
			if info.classification == Classification::Public {
				return without_grant;
			}
			let Some(grant) = AssetGrants::<T>::get(asset, department) else {
				return AccessDecision::Denied(DenialReason::NoGrant);
			};
			let Some(record) = Grants::<T>::get(grant) else {
				return AccessDecision::Denied(DenialReason::NoGrant);
			};
			match Self::grant_denial(&record, Some(info), Self::now()) {
				Some(reason) => AccessDecision::Denied(reason),
				None => AccessDecision::Allowed {
					grant: Some(grant),
					expires_at: Some(record.expires_at),
					remaining_uses: record.max_uses.map(|cap| cap.saturating_sub(record.uses)),
				},
			}
		}

		/// May the department `who` acts for (in any role) access `asset` now? As
		/// [`Self::check_access`], or `NotMember`.
		pub fn check_account_access(
			who: &T::AccountId,
			asset: AssetId,
		) -> AccessDecision<BlockNumberFor<T>> {
			match T::Departments::membership(who) {
				Some((department, _role)) => Self::check_access(department, asset),
				None => AccessDecision::Denied(DenialReason::NotMember),
			}
		}

		/// A grant, if it exists.
		pub fn grant_info(grant: GrantId) -> Option<GrantViewOf<T>> {
			Grants::<T>::get(grant).map(Grant::into_view)
		}

		/// The grant of `department` for `asset`, if any (current or ended).
		pub fn grant_for(asset: AssetId, department: DepartmentId) -> Option<GrantId> {
			AssetGrants::<T>::get(asset, department)
		}

		/// An open request, if it exists.
		pub fn request_info(request: RequestId) -> Option<RequestViewOf<T>> {
			Requests::<T>::get(request).map(AccessRequest::into_view)
		}

		/// A page of `department`'s grants as grantee or as owner, in storage order, after the
		/// grant `start_after` (from the first when `None`); at most `limit` and never more than
		/// `MaxPageSize`. Pass the last id of a page to get the next.
		pub fn department_grants(
			department: DepartmentId,
			side: GrantSide,
			start_after: Option<GrantId>,
			limit: u32,
		) -> Vec<(GrantId, GrantViewOf<T>)> {
			let limit = Self::page_limit(limit);
			let ids: Vec<GrantId> = match (side, start_after) {
				(GrantSide::Grantee, None) => {
					GranteeGrants::<T>::iter_key_prefix(department).take(limit).collect()
				},
				(GrantSide::Grantee, Some(last)) => GranteeGrants::<T>::iter_key_prefix_from(
					department,
					GranteeGrants::<T>::hashed_key_for(department, last),
				)
				.take(limit)
				.collect(),
				(GrantSide::Owner, None) => {
					OwnerGrants::<T>::iter_key_prefix(department).take(limit).collect()
				},
				(GrantSide::Owner, Some(last)) => OwnerGrants::<T>::iter_key_prefix_from(
					department,
					OwnerGrants::<T>::hashed_key_for(department, last),
				)
				.take(limit)
				.collect(),
			};
			ids.into_iter().filter_map(|id| Self::grant_info(id).map(|grant| (id, grant))).collect()
		}

		/// A page of `asset`'s grants, in storage order, after the grant of the grantee
		/// department `start_after` (from the first when `None`); at most `limit` and never
		/// more than `MaxPageSize`. Pass the last grant's `grantee` to get the next page.
		pub fn asset_grants(
			asset: AssetId,
			start_after: Option<DepartmentId>,
			limit: u32,
		) -> Vec<(GrantId, GrantViewOf<T>)> {
			let limit = Self::page_limit(limit);
			let ids: Vec<GrantId> = match start_after {
				None => AssetGrants::<T>::iter_prefix_values(asset).take(limit).collect(),
				Some(last) => AssetGrants::<T>::iter_prefix_from(
					asset,
					AssetGrants::<T>::hashed_key_for(asset, last),
				)
				.map(|(_grantee, grant)| grant)
				.take(limit)
				.collect(),
			};
			ids.into_iter().filter_map(|id| Self::grant_info(id).map(|grant| (id, grant))).collect()
		}

		/// A page of the open requests `owner` has to decide, in storage order, after the request
		/// `start_after` (from the first when `None`); at most `limit` and never more than
		/// `MaxPageSize`.
		pub fn pending_requests(
			owner: DepartmentId,
			start_after: Option<RequestId>,
			limit: u32,
		) -> Vec<(RequestId, RequestViewOf<T>)> {
			let limit = Self::page_limit(limit);
			let ids: Vec<RequestId> = match start_after {
				None => OwnerRequests::<T>::iter_key_prefix(owner).take(limit).collect(),
				Some(last) => OwnerRequests::<T>::iter_key_prefix_from(
					owner,
					OwnerRequests::<T>::hashed_key_for(owner, last),
				)
				.take(limit)
				.collect(),
			};
			ids.into_iter()
				.filter_map(|id| Self::request_info(id).map(|request| (id, request)))
				.collect()
		}

		/// `limit`, at most `MaxPageSize`.
		fn page_limit(limit: u32) -> usize {
			limit.min(T::MaxPageSize::get()).saturated_into()
		}

		/// Checks the pallet's storage invariants:
		///
		/// 1. Every request id is below `NextRequestId`; its requester is not its owner; its
		///    durations are in `1..=MaxGrantDuration` and an owner approval's is at most the one
		///    requested, its cap non-zero; an owner approval is kept only while the request
		///    needs and waits for the oversight office; the office approved only what needs it;
		///    `OpenRequests[(asset, requester)]` and `OwnerRequests[(owner, id)]` point back to
		///    it, and neither index has other entries.
		/// 2. Every grant id is below `NextGrantId`; its grantee is not its owner; it does not
		///    expire before it was issued; its cap is non-zero and its uses at most the cap; the
		///    office approved it only if it needs the office;
		///    `AssetGrants[(asset, grantee)]`, `GranteeGrants[(grantee, id)]` and
		///    `OwnerGrants[(owner, id)]` point back to it, and none of them has other entries.
		/// 3. Every recorded deposit is non-zero, and for every depositor the deposits recorded
		///    with it add up to exactly what is on hold from it for
		///    [`HoldReason::StorageDeposit`] (only this pallet uses that reason).
		///
		/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it
		/// iterates over whole maps. Never call it from on-chain code.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use sp_runtime::traits::CheckedAdd;

			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut record_deposit = |deposit: Option<DepositOf<T>>| -> Result<(), &'static str> {
				if let Some(deposit) = deposit {
					ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
					let total = deposits.entry(deposit.depositor).or_default();
					*total = total
						.checked_add(&deposit.amount)
						.ok_or("recorded deposits of one depositor overflow")?;
				}
				Ok(())
			};
			let valid_duration =
				|d: BlockNumberFor<T>| !d.is_zero() && d <= T::MaxGrantDuration::get();

			let next_request = NextRequestId::<T>::get();
			let mut requests = 0usize;
			for (id, request) in Requests::<T>::iter() {
				requests = requests.saturating_add(1);
				ensure!(id < next_request, "request id not below NextRequestId");
				ensure!(
					request.requester != request.owner,
					"request of an owner for its own asset"
				);
				ensure!(valid_duration(request.duration), "request duration out of bounds");
				if let Some(approval) = &request.owner_approval {
					ensure!(
						!approval.duration.is_zero() && approval.duration <= request.duration,
						"approved duration out of bounds"
					);
					ensure!(approval.max_uses != Some(0), "approved cap is zero");
					ensure!(
						request.oversight_required && !request.oversight_approved,
						"owner approval kept on a request not waiting for oversight"
					);
				}
				ensure!(
					request.oversight_required || !request.oversight_approved,
					"oversight approval on a request that does not need it"
				);
				ensure!(
					OpenRequests::<T>::get(request.asset, request.requester) == Some(id),
					"OpenRequests does not point back to the request"
				);
				ensure!(
					OwnerRequests::<T>::contains_key(request.owner, id),
					"OwnerRequests does not list the request"
				);
				record_deposit(request.deposit)?;
			}
			ensure!(
				OpenRequests::<T>::iter_keys().count() == requests,
				"OpenRequests has entries of no request"
			);
			ensure!(
				OwnerRequests::<T>::iter_keys().count() == requests,
				"OwnerRequests has entries of no request"
			);

			let next_grant = NextGrantId::<T>::get();
			let mut grants = 0usize;
			for (id, grant) in Grants::<T>::iter() {
				grants = grants.saturating_add(1);
				ensure!(id < next_grant, "grant id not below NextGrantId");
				ensure!(grant.grantee != grant.owner, "grant of an owner to itself");
				ensure!(grant.granted_at <= grant.expires_at, "grant expires before it was issued");
				ensure!(grant.max_uses != Some(0), "grant cap is zero");
				ensure!(
					grant.max_uses.is_none_or(|cap| grant.uses <= cap),
					"grant used more often than its cap"
				);
				ensure!(
					grant.oversight_required || !grant.oversight_approved,
					"oversight approval on a grant that does not need it"
				);
				ensure!(
					AssetGrants::<T>::get(grant.asset, grant.grantee) == Some(id),
					"AssetGrants does not point back to the grant"
				);
				ensure!(
					GranteeGrants::<T>::contains_key(grant.grantee, id),
					"GranteeGrants does not list the grant"
				);
				ensure!(
					OwnerGrants::<T>::contains_key(grant.owner, id),
					"OwnerGrants does not list the grant"
				);
				record_deposit(grant.deposit)?;
			}
			ensure!(
				AssetGrants::<T>::iter_keys().count() == grants,
				"AssetGrants has entries of no grant"
			);
			ensure!(
				GranteeGrants::<T>::iter_keys().count() == grants,
				"GranteeGrants has entries of no grant"
			);
			ensure!(
				OwnerGrants::<T>::iter_keys().count() == grants,
				"OwnerGrants has entries of no grant"
			);

			let reason: T::RuntimeHoldReason = HoldReason::StorageDeposit.into();
			for (depositor, recorded) in deposits {
				ensure!(
					T::Currency::balance_on_hold(&reason, &depositor) == recorded,
					"recorded deposits disagree with the hold"
				);
			}
			Ok(())
		}
	}
}

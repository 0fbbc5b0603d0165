#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
pub mod migrations;
#[cfg(test)]
mod mock;
mod queries;
pub mod runtime_api;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

pub use city_primitives::{
	AssetId, AssetInfo, AssetRegistry, Classification, DepartmentId, DepartmentRegistry,
	LegalHolds, Role,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use city_primitives::{ensure_department_origin, OversightBody};
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{IdentifyAccount, Verify, Zero},
		SaturatedConversion,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// Who may request, decide, grant, revoke and renounce access for a department, and
		/// for which: in the runtime `pallet_departments::EnsureDepartmentRole<Runtime,
		/// pallet_departments::Stewards>`, an account signing as a `Steward` of an active
		/// department, yielding the account and its department.
		///
		/// A signed account it refuses fails with the departments pallet's reason, checked by
		/// [`city_primitives::ensure_department_origin`]: `NotMember` (it acts for no
		/// department), `DepartmentSuspended` (its department is suspended) or `RoleNotAllowed`
		/// (it has another role). Any other origin fails with `BadOrigin`.
		type StewardOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, DepartmentId),
		>;

		/// Who may record accesses for a department, and for which: in the runtime
		/// `pallet_departments::EnsureDepartmentRole<Runtime, pallet_departments::Operators>`,
		/// an account signing as an `Operator` (a department system's key) or a `Steward` of an
		/// active department. Refuses as [`Config::StewardOrigin`] does.
		type OperatorOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, DepartmentId),
		>;

		/// The city's data protection office: its approval is needed, besides the owner's, for
		/// access to a `Restricted` asset.
		type OversightOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who sits on the oversight office: its approval counts only while none of them acts
		/// for the owner or the requesting department, so that no combination of the two
		/// interested departments' accounts can issue a grant on a `Restricted` asset. In the
		/// runtime, the oversight board's members; `()` is an empty body.
		type OversightBody: OversightBody<Self::AccountId>;

		/// Records under legal hold (`pallet-legal-holds`): requests and ended grants of a held
		/// asset, or of a held department (as owner, requester or grantee), are not purged.
		type LegalHolds: LegalHolds;

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

		/// The most items one page of a runtime API list returns (see [`city_primitives::Page`]).
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// The signature a consumer signs its [`ServedRequest`] with, by the account that signs
		/// its extrinsics (in the runtime the transaction signature, `MultiSignature`).
		type ConsumerSignature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>
			+ Parameter;

		/// The most downloads one `record_served` call records.
		#[pallet::constant]
		type MaxServedPerCall: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;

		/// Registers the assets the benchmarks need; their callers come from
		/// [`Config::StewardOrigin`] and [`Config::OperatorOrigin`].
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: city_primitives::BenchmarkHelper<Self::AccountId>;

		/// Signs consumers' requests for the `record_served` benchmark.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkSigner: RequestSigner<Self::AccountId, Self::ConsumerSignature>;
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

	/// The open requests a department made: `(requester, request) => ()`, to purge them when
	/// it is dissolved.
	#[pallet::storage]
	pub type RequesterRequests<T: Config> =
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
			/// The new request.
			request: RequestId,
			/// The asset asked for.
			asset: AssetId,
			/// The department asking.
			requester: DepartmentId,
			/// The department owning the asset, which decides.
			owner: DepartmentId,
			/// The requester's steward who asked.
			who: T::AccountId,
			/// Why the requester wants the data.
			purpose: PurposeOf<T>,
			/// What it wants to do with it.
			scope: Scope,
			/// For how many blocks.
			duration: BlockNumberFor<T>,
			/// The deposit held; `None` at genesis or with a zero `RecordDeposit`.
			deposit: Option<DepositOf<T>>,
		},
		/// The requester withdrew its request. `deposit` is what was actually released.
		RequestCancelled {
			/// The request, now removed.
			request: RequestId,
			/// The requester's steward who withdrew it.
			who: T::AccountId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// The owner's steward approved a request, with this duration and cap. If
		/// `awaiting_oversight`, the request needs the oversight office (the asset is
		/// `Restricted`, or was when the request was made) and the office must approve too;
		/// otherwise `GrantIssued` follows.
		RequestApproved {
			/// The request.
			request: RequestId,
			/// The owner's steward who approved.
			who: T::AccountId,
			/// The approved duration, at most the requested one.
			duration: BlockNumberFor<T>,
			/// The most accesses the grant will allow (`None`: no cap).
			max_uses: Option<u32>,
			/// Whether the oversight office still has to approve.
			awaiting_oversight: bool,
		},
		/// The owner's steward rejected a request. `deposit` is what was actually released.
		RequestRejected {
			/// The request, now removed.
			request: RequestId,
			/// The owner's steward who rejected it.
			who: T::AccountId,
			/// Why.
			reason: ReasonOf<T>,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// The oversight office approved a request or grant that needed it. For a request
		/// `awaiting_owner` says whether the owner still has to approve; otherwise
		/// `GrantIssued` follows.
		OversightApproved {
			/// The request or grant approved.
			subject: OversightSubject,
			/// Whether the owner still has to approve (always `false` for a grant).
			awaiting_owner: bool,
		},
		/// The oversight office rejected a request or a grant pending its approval, which was
		/// removed. `deposit` is what was actually released.
		OversightRejected {
			/// The request or grant, now removed.
			subject: OversightSubject,
			/// Why.
			reason: ReasonOf<T>,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// A grant was issued. `pending_oversight`: the grant needs the oversight office (the
		/// asset is `Restricted`) and gives no access until the office approves it, also if the
		/// asset is downgraded meanwhile.
		GrantIssued {
			/// The new grant.
			grant: GrantId,
			/// The asset it gives access to.
			asset: AssetId,
			/// The department owning the asset, which granted it.
			owner: DepartmentId,
			/// The department given access.
			grantee: DepartmentId,
			/// The owner's steward who approved or granted.
			who: T::AccountId,
			/// Why the grantee may use the data.
			purpose: PurposeOf<T>,
			/// What it may do with it.
			scope: Scope,
			/// The first block in which it no longer gives access.
			expires_at: BlockNumberFor<T>,
			/// The most accesses it allows (`None`: no cap).
			max_uses: Option<u32>,
			/// A request, or a direct grant.
			source: GrantSource,
			/// Whether it waits for the oversight office's approval.
			pending_oversight: bool,
		},
		/// The owner's steward revoked a grant, which was removed. `deposit` is what was actually
		/// released.
		GrantRevoked {
			/// The grant, now removed.
			grant: GrantId,
			/// The owner's steward who revoked it.
			who: T::AccountId,
			/// Why.
			reason: ReasonOf<T>,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// The grantee's steward gave up a grant, which was removed. `deposit` is what was
		/// actually released.
		GrantRenounced {
			/// The grant, now removed.
			grant: GrantId,
			/// The grantee's steward who gave it up.
			who: T::AccountId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// An ended grant (expired, exhausted, asset retired or changed hands) was removed, by
		/// `purge_expired`, to make room for a new grant of the same pair, or because its owner
		/// or grantee is being dissolved. `deposit` is what was actually released to whoever
		/// paid it.
		GrantPurged {
			/// The grant, now removed.
			grant: GrantId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// The owner's gateway served `consumer` (of the grantee department) under `grant`, at
		/// its signed `request`, and recorded it: the record carries both signatures (the
		/// consumer's `signature` over the request, the provider's over the extrinsic).
		/// `use_count` counts the grant's accesses, this one included.
		AccessServed {
			/// The grant.
			grant: GrantId,
			/// The asset served.
			asset: AssetId,
			/// The department served.
			grantee: DepartmentId,
			/// The grantee's member who signed the request.
			consumer: T::AccountId,
			/// The request it signed.
			request: ServedRequest,
			/// Its signature over the request's signing payload.
			signature: T::ConsumerSignature,
			/// The owner's Operator or Steward who recorded it.
			recorded_by: T::AccountId,
			/// The hash of what was served.
			receipt: Receipt,
			/// The grant's accesses so far, this one included.
			use_count: u32,
		},
		/// The owner's gateway reported a download it served whose grant no longer gives access
		/// now (e.g. revoked, expired or exhausted since it was served, or the consumer left its
		/// department): the download stays on record, with the reason, but is not counted as a
		/// use.
		ServedAccessNotCounted {
			/// The grant it was served under.
			grant: GrantId,
			/// The asset served.
			asset: AssetId,
			/// The account that signed the request.
			consumer: T::AccountId,
			/// The request it signed.
			request: ServedRequest,
			/// Its signature over the request's signing payload.
			signature: T::ConsumerSignature,
			/// The owner's Operator or Steward who reported it.
			recorded_by: T::AccountId,
			/// The hash of what was served.
			receipt: Receipt,
			/// Why it does not count.
			reason: DenialReason,
		},
		/// The audit trail: `who`, acting for `department` (the grantee or the owner), recorded
		/// that `grantee` accessed `asset` under `grant`, and `receipt` is the hash of what was
		/// served. `use_count` counts the grant's accesses, this one included.
		AccessRecorded {
			/// The grant the asset was accessed under.
			grant: GrantId,
			/// The asset accessed.
			asset: AssetId,
			/// The department that accessed it.
			grantee: DepartmentId,
			/// The department that recorded it: the grantee or the owner.
			department: DepartmentId,
			/// The Operator or Steward who recorded it.
			who: T::AccountId,
			/// The hash of what was served.
			receipt: Receipt,
			/// The grant's accesses so far, this one included.
			use_count: u32,
		},
		/// The oversight office approved a request the owner had approved, but the owner's
		/// approval was void: the owner department is suspended, or the steward who gave it no
		/// longer acts for the owner department as a `Steward`. The request was removed without
		/// a grant, and its deposit released to whoever paid it (`deposit`: what was actually
		/// released). The requester may ask again.
		OwnerApprovalVoided {
			/// The request, now removed.
			request: RequestId,
			/// Why the owner's approval was void.
			reason: ApprovalVoidReason,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// An open request that can never be decided (its asset is gone, retired or changed
		/// hands since the request was made, or its requester or owner is being dissolved) was
		/// removed by `purge_request` or the dissolution. `deposit` is what was actually
		/// released to whoever paid it.
		RequestPurged {
			/// The request, now removed.
			request: RequestId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
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
		/// The request can still be decided: its asset exists, is active and is still in the
		/// period of ownership of the department asked. Only a request whose asset is gone,
		/// retired or changed hands since can be purged.
		RequestStillValid,
		/// A member of the oversight body acts for the owner or the requesting department: the
		/// office is not an independent second party for this decision.
		OversightNotIndependent,
		/// The asset, or a department party to the request or grant, is under legal hold: it is
		/// not purged until the council lifts the hold.
		UnderLegalHold,
		/// A consumer's signature does not match its request: nothing of the call is recorded.
		BadConsumerSignature,
		/// The same consumer's request (its nonce) is listed twice.
		DuplicateServedRequest,
		/// `record_served` was given no download.
		NothingServed,
	}

	/// The grants and open requests the chain starts with.
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
					let purpose = bounded_purpose::<T>(grant.purpose.clone())?;
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
					let purpose = bounded_purpose::<T>(request.purpose.clone())?;
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

	/// A genesis entry's `purpose`, bounded to `MaxPurposeLen` bytes (calls take it bounded).
	fn bounded_purpose<T: Config>(purpose: Vec<u8>) -> Result<PurposeOf<T>, Error<T>> {
		purpose.try_into().map_err(|_| Error::<T>::PurposeTooLong)
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

	// Each call checks its origin and hands over to one `do_*` function of its feature
	// (`src/features/`).
	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Ask another department for access to one of its assets.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the requesting
		/// department. Holds `RecordDeposit` from the signer until the request is cancelled or
		/// rejected; if it is granted, the deposit stays held for the grant.
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
		/// - [`Event::RequestOpened`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::EmptyPurpose`], [`Error::ZeroDuration`], [`Error::DurationTooLong`]: invalid
		///   input.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`]: no such asset, or retired.
		/// - [`Error::PublicAsset`]: the asset needs no grant.
		/// - [`Error::OwnAsset`]: the asset is the requester's own.
		/// - [`Error::DuplicateRequest`]: the requester has an open request for this asset.
		/// - [`Error::AlreadyGranted`]: the requester holds a grant for this asset that has not
		///   ended.
		/// - [`Error::NoRequestIdLeft`]: every request id has been used.
		/// - [`Error::CannotHoldDeposit`]: the signer cannot pay the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(
			origin: OriginFor<T>,
			asset: AssetId,
			purpose: PurposeOf<T>,
			scope: Scope,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let (who, requester) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_request_access(who, requester, asset, purpose, scope, duration, true)
				.map(|_| ())
		}

		/// Withdraw an open request, and release its deposit.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the requesting
		/// department. Possible at any time before the request is decided, also while it waits
		/// for the oversight office. The deposit goes back to whoever paid it.
		///
		/// - `request`: the open request.
		///
		/// # Events
		/// - [`Event::RequestCancelled`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::UnknownRequest`]: no such open request.
		/// - [`Error::NotRequester`]: the signer's department did not make it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_cancel_request(who, department, request)
		}

		/// Approve a request for one's department's asset, possibly shorter or capped.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the department
		/// that owns the asset. The requesting department must be active. For an `Internal` or
		/// `Confidential` asset the grant is issued at once and the request removed, its deposit
		/// carried into the grant. A request that needs the oversight office (the asset is
		/// `Restricted`, or was when the request was made) keeps the approval until the office
		/// approves too (`oversight_approve`), unless it has already, in which case the grant is
		/// issued now; from then on it needs the office whatever the asset's classification. An
		/// ended grant of the same pair is purged first.
		///
		/// - `request`: the open request.
		/// - `duration`: the granted duration, at most the requested one; `None` grants the
		///   requested duration. Counted from when the grant is issued.
		/// - `max_uses`: the most accesses the grant allows; `None` for no cap.
		///
		/// # Events
		/// - [`Event::RequestApproved`]; [`Event::GrantIssued`] (and [`Event::GrantPurged`]) if
		///   the grant is issued.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::UnknownRequest`]: no such open request.
		/// - [`Error::NotOwner`]: the signer's department was not asked.
		/// - [`Error::AlreadyApproved`]: the owner approved it already.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`]: the asset is gone or retired.
		/// - [`Error::OwnerChanged`]: the asset changed hands since the request (even if it came
		///   back).
		/// - [`Error::PublicAsset`]: the asset became `Public`: no grant is needed.
		/// - [`Error::GranteeInactive`]: the requesting department is suspended (or gone).
		/// - [`Error::ZeroDuration`], [`Error::CannotExtendDuration`], [`Error::ZeroUseCap`]:
		///   invalid input.
		/// - [`Error::AlreadyGranted`]: the requester got a grant for the asset meanwhile.
		/// - [`Error::NoGrantIdLeft`]: every grant id has been used.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_request())]
		pub fn approve_request(
			origin: OriginFor<T>,
			request: RequestId,
			duration: Option<BlockNumberFor<T>>,
			max_uses: Option<u32>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_approve_request(who, department, request, duration, max_uses)
		}

		/// Reject a request for one's department's asset, and release its deposit.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the department
		/// that was asked. Also withdraws an approval given earlier that still waits for the
		/// oversight office. The request is removed and the deposit goes back to whoever paid
		/// it.
		///
		/// - `request`: the open request.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - [`Event::RequestRejected`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::EmptyReason`]: no reason given.
		/// - [`Error::UnknownRequest`]: no such open request.
		/// - [`Error::NotOwner`]: the signer's department was not asked.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject_request())]
		pub fn reject_request(
			origin: OriginFor<T>,
			request: RequestId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_reject_request(who, department, request, reason)
		}

		/// Grant another department access to one of one's department's assets, unasked.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the department
		/// that owns the asset. Holds `RecordDeposit` from the signer until the grant is
		/// removed. A grant on a `Restricted` asset gives no access until the oversight office
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
		/// - [`Event::GrantIssued`] (and [`Event::GrantPurged`]).
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::EmptyPurpose`], [`Error::ZeroDuration`], [`Error::DurationTooLong`],
		///   [`Error::ZeroUseCap`]: invalid input.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`]: no such asset, or retired.
		/// - [`Error::NotOwner`]: the asset is another department's.
		/// - [`Error::PublicAsset`]: the asset needs no grant.
		/// - [`Error::OwnAsset`]: the grantee is the owner itself.
		/// - [`Error::GranteeInactive`]: the grantee does not exist or is suspended.
		/// - [`Error::AlreadyGranted`]: the grantee holds a grant for this asset that has not
		///   ended.
		/// - [`Error::NoGrantIdLeft`]: every grant id has been used.
		/// - [`Error::CannotHoldDeposit`]: the signer cannot pay the deposit.
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
			let (who, owner) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_grant_access(
				who, owner, asset, grantee, purpose, scope, duration, max_uses, true,
			)
			.map(|_| ())
		}

		/// Revoke a grant on one's department's asset, at once, and release its deposit.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the department
		/// that granted it. Works on any grant, current or ended. The grant is removed: from now
		/// on `check_access` answers `NoGrant`.
		///
		/// - `grant`: the grant.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - [`Event::GrantRevoked`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::EmptyReason`]: no reason given.
		/// - [`Error::UnknownGrant`]: no such grant.
		/// - [`Error::NotOwner`]: the signer's department did not grant it.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::revoke_access())]
		pub fn revoke_access(
			origin: OriginFor<T>,
			grant: GrantId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_revoke_access(who, department, grant, reason)
		}

		/// Give up a grant one's department holds, and release its deposit.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department): the grantee
		/// department. The grant is removed.
		///
		/// - `grant`: the grant.
		///
		/// # Events
		/// - [`Event::GrantRenounced`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::StewardOrigin`]).
		/// - [`Error::UnknownGrant`]: no such grant.
		/// - [`Error::NotGrantee`]: the grant is not the signer's department's.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::renounce_access())]
		pub fn renounce_access(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_renounce_access(who, department, grant)
		}

		/// The oversight office approves access to a `Restricted` asset.
		///
		/// Origin: [`Config::OversightOrigin`], while independent of both departments concerned
		/// (no member of [`Config::OversightBody`] acts for the owner or the requester). Owner
		/// and oversight approve a request in either
		/// order: the grant is issued by whichever comes second (and only to an active
		/// requester). A grant pending oversight gives access from now on.
		///
		/// The office decides on anything that needs it: a request or grant made while the asset
		/// was `Restricted` (or a request the owner approved while it was), whatever the asset's
		/// classification now, and any request or grant while the asset is `Restricted`.
		///
		/// **An owner's approval that waited for the office is re-checked first.** It is void if
		/// the owner department is suspended (or gone), or the steward who gave it
		/// ([`OwnerApproval::by`]) is no longer a member of the owner department with the
		/// `Steward` role (removed, moved to another department, or given another role). A void
		/// approval ends the request: it is removed without a grant, its deposit goes back to
		/// whoever paid it, and [`Event::OwnerApprovalVoided`] says why. The call succeeds (so the
		/// removal stands), and charges only what that path costs. The requester may ask again;
		/// the office's approval is not kept.
		///
		/// - `subject`: an open request, or a grant pending oversight.
		///
		/// # Events
		/// - [`Event::OversightApproved`]; [`Event::GrantIssued`] (and [`Event::GrantPurged`]) if
		///   a request's grant is issued.
		/// - [`Event::OwnerApprovalVoided`] instead, if the owner's approval was void.
		///
		/// # Errors
		/// - `BadOrigin`: not the oversight office.
		/// - [`Error::UnknownRequest`], [`Error::UnknownGrant`]: no such request or grant.
		/// - [`Error::AlreadyApproved`]: the office approved it already.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`]: the asset is gone or retired.
		/// - [`Error::OwnerChanged`]: the asset changed hands since the request or grant (even if
		///   it came back).
		/// - [`Error::OversightNotRequired`]: the asset is not `Restricted`, and was not when the
		///   request or grant was made.
		/// - [`Error::GrantExpired`]: the grant expired while pending.
		/// - [`Error::GranteeInactive`]: the owner approved already, and the requesting
		///   department is suspended (or gone).
		/// - [`Error::AlreadyGranted`]: the requester got a grant for the asset meanwhile.
		/// - [`Error::NoGrantIdLeft`]: every grant id has been used.
		/// - [`Error::OversightNotIndependent`]: a member of [`Config::OversightBody`] acts for
		///   the owner or the requesting department.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::oversight_approve().saturating_add(
			T::DbWeight::get().reads(T::OversightBody::max_members().into())
		))]
		pub fn oversight_approve(
			origin: OriginFor<T>,
			subject: OversightSubject,
		) -> DispatchResultWithPostInfo {
			T::OversightOrigin::ensure_origin(origin)?;
			Self::do_oversight_approve(subject)
		}

		/// The oversight office refuses access to a `Restricted` asset.
		///
		/// Origin: [`Config::OversightOrigin`]. Removes an open request (also one the owner
		/// approved) or a grant still pending oversight, and releases its deposit to whoever paid
		/// it. Like `oversight_approve` it acts on anything that needs the office, whatever the
		/// asset's classification now. The office decides once: what it approved it cannot
		/// reject (the owner can still revoke).
		///
		/// - `subject`: an open request, or a grant pending oversight.
		/// - `reason`: why (non-empty, at most `MaxReasonLen` bytes); it goes into the event.
		///
		/// # Events
		/// - [`Event::OversightRejected`].
		///
		/// # Errors
		/// - `BadOrigin`: not the oversight office.
		/// - [`Error::EmptyReason`]: no reason given.
		/// - [`Error::UnknownRequest`], [`Error::UnknownGrant`]: no such request or grant.
		/// - [`Error::AlreadyApproved`]: the office approved it already.
		/// - [`Error::UnknownAsset`]: the asset is gone.
		/// - [`Error::OversightNotRequired`]: the asset is not `Restricted`, and was not when the
		///   request or grant was made.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::oversight_reject())]
		pub fn oversight_reject(
			origin: OriginFor<T>,
			subject: OversightSubject,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			T::OversightOrigin::ensure_origin(origin)?;
			Self::do_oversight_reject(subject, reason)
		}

		/// Record an access under a grant: the audit trail.
		///
		/// Origin: [`Config::OperatorOrigin`] (an Operator or Steward of an active department):
		/// the grantee or the owner department, typically the gateway that served or fetched the
		/// data. Each record counts as one use of the grant, so exactly one side should record
		/// each access. Refused unless the grant gives access now.
		///
		/// - `asset`: the asset accessed.
		/// - `grant`: the grant it was accessed under.
		/// - `receipt`: a 32-byte hash of what was served.
		///
		/// # Events
		/// - [`Event::AccessRecorded`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::OperatorOrigin`]).
		/// - [`Error::UnknownGrant`]: no such grant (or revoked, or renounced).
		/// - [`Error::GrantAssetMismatch`]: the grant is for another asset.
		/// - [`Error::NotParty`]: the signer's department is neither the grantee nor the owner.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`], [`Error::OwnerChanged`],
		///   [`Error::GrantExpired`], [`Error::GrantExhausted`], [`Error::PendingOversight`],
		///   [`Error::OwnerInactive`], [`Error::GranteeInactive`]: the grant gives no access now
		///   (checked in this order).
		/// - [`Error::UseCountOverflow`]: an uncapped grant was used `u32::MAX` times.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::record_access())]
		pub fn record_access(
			origin: OriginFor<T>,
			asset: AssetId,
			grant: GrantId,
			receipt: Receipt,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_record_access(who, department, asset, grant, receipt)
		}

		/// Remove ended grants and release their deposits to whoever paid them.
		///
		/// Origin: _Signed_, by anyone. A grant has ended when it can never give access again:
		/// expired, exhausted, its asset gone or retired, or the asset changed hands (even if it
		/// came back since: the grant stays ended). Grants of suspended departments and grants
		/// pending oversight are not ended (both can still give access). All or nothing: one
		/// grant that cannot be purged fails the call.
		///
		/// - `grants`: at most `MaxPurge` grant ids, each once.
		///
		/// # Events
		/// - [`Event::GrantPurged`], for each grant.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - [`Error::DuplicateGrant`]: a grant is listed twice.
		/// - [`Error::UnknownGrant`]: no such grant.
		/// - [`Error::GrantStillValid`]: a grant has not ended.
		/// - [`Error::UnderLegalHold`]: a grant's asset, owner or grantee is under legal hold.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::purge_expired(grants.len().saturated_into::<u32>()))]
		pub fn purge_expired(origin: OriginFor<T>, grants: PurgeListOf<T>) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_purge_expired(&grants)
		}

		/// Remove an open request that can never be decided, and release its deposit to whoever
		/// paid it.
		///
		/// Origin: _Signed_, by anyone. A request can never be decided once its asset is gone,
		/// retired, or changed hands since the request was made (even if it came back since: the
		/// request belongs to the period of ownership it was made in, see
		/// [`AccessRequest::transfers`]). Such a request is no longer listed for the new owner,
		/// who could neither see nor reject it; this clears it and its indexes
		/// (`OpenRequests`, `OwnerRequests`) so the requester may ask anew. A request of a
		/// suspended department, or one waiting for the office, is not purgeable: it can still be
		/// decided.
		///
		/// - `request`: the open request.
		///
		/// # Events
		/// - [`Event::RequestPurged`].
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - [`Error::UnknownRequest`]: no such open request.
		/// - [`Error::RequestStillValid`]: its asset exists, is active and is still owned by the
		///   department asked, in the same period of ownership.
		/// - [`Error::UnderLegalHold`]: its asset, owner or requester is under legal hold.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::purge_request())]
		pub fn purge_request(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_purge_request(request)
		}

		/// Record downloads the owner's gateway served, each with the consumer's signed request:
		/// the audit trail with both departments' signatures. Gateways batch them (one call per
		/// block interval, not one per download).
		///
		/// Origin: [`Config::OperatorOrigin`] (an Operator or Steward of an active department),
		/// of the department that owns the assets and gave the grants.
		///
		/// Each download is judged now, as `record_access` is: while its grant gives the
		/// consumer's department access, it counts as a use (`AccessServed`); otherwise (the
		/// grant was revoked, expired or used up since, or the consumer left the department) it
		/// stays on record with the reason and does not count (`ServedAccessNotCounted`). What
		/// cannot change is checked for all of them first, and any failure refuses the whole
		/// call.
		///
		/// - `accesses`: one to `MaxServedPerCall` downloads, each the consumer's request, its
		///   signature and the hash of what was sent.
		///
		/// The chain keeps no nonces: a request recorded again in a later call is recorded
		/// again. Auditors count each `(consumer, nonce)` once; a replay gains the owner nothing
		/// `record_access` does not already allow it (using up its own grants).
		///
		/// # Events
		/// - [`Event::AccessServed`] or [`Event::ServedAccessNotCounted`], for each download.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the origin (see
		///   [`Config::OperatorOrigin`]).
		/// - [`Error::BadConsumerSignature`]: a signature does not match its request and
		///   consumer.
		/// - [`Error::DuplicateServedRequest`]: a consumer's request is listed twice.
		/// - [`Error::GrantAssetMismatch`]: a request names a grant of another asset.
		/// - [`Error::NothingServed`]: `accesses` is empty.
		/// - [`Error::NotParty`]: the signer's department did not give a grant named (or, for
		///   a grant removed since, does not own the asset).
		/// - [`Error::UseCountOverflow`]: an uncapped grant was used `u32::MAX` times.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::record_served(accesses.len() as u32))]
		pub fn record_served(origin: OriginFor<T>, accesses: ServedListOf<T>) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_record_served(who, department, accesses)
		}
	}
}

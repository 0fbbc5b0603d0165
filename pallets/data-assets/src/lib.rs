#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(any(feature = "runtime-benchmarks", test))]
mod benchmark_setup;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
pub mod migrations;
#[cfg(test)]
mod mock;
mod queries;
mod registry;
pub mod runtime_api;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

// For the unit tests, at the paths they have always used.
#[cfg(test)]
pub(crate) use benchmark_setup::benchmark_tag;
#[cfg(test)]
pub(crate) use features::is_valid_media_type;
use features::ClassifiedBy;

pub use city_primitives::{
	AssetId, AssetInfo, AssetRegistry, AssetVersion, Classification, DepartmentId,
	DepartmentRegistry, LegalHolds, Role,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// The version number of an asset's first content.
pub const FIRST_VERSION: AssetVersion = 1;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use city_primitives::{ensure_department_origin, OversightBody};
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, so the asset deposit can be held under
		/// [`HoldReason::AssetDeposit`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which asset deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Who acts for which department (`pallet-departments`): names the reason when
		/// [`Config::StewardOrigin`] refuses a signer, tells whether a transfer's departments
		/// are active, and checks the Stewards of genesis assets.
		type Departments: DepartmentRegistry<Self::AccountId>;

		/// Who registers and manages assets: a Steward of an active department, usually
		/// `pallet_departments::EnsureDepartmentRole<Runtime, Stewards>`. It yields the account
		/// (which pays deposits) and the department it acts for; every call checks it first.
		///
		/// A refusal is `BadOrigin` for an unsigned origin, else the department registry's
		/// reason: `NotMember` (no department), `DepartmentSuspended` (its department is
		/// suspended) or `RoleNotAllowed` (not a Steward).
		type StewardOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, DepartmentId),
		>;

		/// Who may lower the classification of a `Restricted` asset (`declassify`): the city's
		/// data protection oversight, independent of the owner, so that the owner alone can
		/// never open Restricted data without a grant or without oversight.
		type OversightOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The members behind [`Config::OversightOrigin`]: its decisions count only while none
		/// of them acts for the asset's owner.
		type OversightBody: OversightBody<Self::AccountId>;

		/// Records under legal hold (`pallet-legal-holds`): a held asset, or any asset of a
		/// held department, is not retired, transferred or lowered in classification.
		type LegalHolds: LegalHolds;

		/// The balance held for every active asset, on top of [`Config::VersionDeposit`] per
		/// version: the storage of the asset record, its index entry and its first content
		/// lookup. Zero disables it.
		#[pallet::constant]
		type AssetDeposit: Get<BalanceOf<Self>>;

		/// The balance held for every version of an active asset: the storage of the version
		/// record and its content lookup entry. Zero disables it.
		#[pallet::constant]
		type VersionDeposit: Get<BalanceOf<Self>>;

		/// What a retired asset keeps on hold for its tombstone record (the record without
		/// media type, metadata hash and tags), on top of [`Config::VersionTombstoneDeposit`] per
		/// version. At most [`Config::AssetDeposit`]: retiring never holds more.
		#[pallet::constant]
		type AssetTombstoneDeposit: Get<BalanceOf<Self>>;

		/// What a retired asset keeps on hold for each version's tombstone (content hash, size,
		/// registrant and block, without the location) and its content registration. At most
		/// [`Config::VersionDeposit`].
		#[pallet::constant]
		type VersionTombstoneDeposit: Get<BalanceOf<Self>>;

		/// The longest asset name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest media type (e.g. `text/csv`), in bytes. At least 3 (`a/b`).
		#[pallet::constant]
		type MaxMediaTypeLen: Get<u32>;

		/// The longest location URI, in bytes.
		#[pallet::constant]
		type MaxLocationLen: Get<u32>;

		/// The most tags an asset may have.
		#[pallet::constant]
		type MaxTags: Get<u32>;

		/// The longest tag, in bytes.
		#[pallet::constant]
		type MaxTagLen: Get<u32>;

		/// The most versions an asset may have, the first included. Retire it and register a
		/// new asset to go on.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// The most items one page of a runtime API list (`department_assets`) returns (see
		/// [`city_primitives::Page`]).
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Held from an active asset's depositor: `AssetDeposit` plus `VersionDeposit` per
		/// version.
		#[codec(index = 0)]
		AssetDeposit,
	}

	/// The id the next registered asset gets. Ids are never reused.
	#[pallet::storage]
	pub type NextAssetId<T> = StorageValue<_, AssetId, ValueQuery>;

	/// Registered assets, active and retired, by id. Never removed: a retired asset's record
	/// stays readable forever.
	#[pallet::storage]
	pub type Assets<T: Config> =
		StorageMap<_, Twox64Concat, AssetId, AssetRecordOf<T>, OptionQuery>;

	/// Every version of every asset, by asset and version number (`1..=latest_version`). Never
	/// changed or removed, so any historic copy can be verified.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AssetId,
		Twox64Concat,
		AssetVersion,
		VersionRecordOf<T>,
		OptionQuery,
	>;

	/// Who registered each content hash, and as which asset version: at most one version per
	/// content hash and department, ever (retired assets included), so that no department can
	/// lock another out of registering its own data by registering the hash first.
	///
	/// Keyed by the department that owned the asset when the version was registered; the entry
	/// stays with that department when the asset changes hands (so a transfer rewrites nothing).
	#[pallet::storage]
	pub type ContentRegistrations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ContentHash,
		Twox64Concat,
		DepartmentId,
		(AssetId, AssetVersion),
		OptionQuery,
	>;

	/// Each department's assets (active and retired), to list them by department.
	///
	/// An entry `(department, asset)` exists exactly when `Assets[asset].owner == department`.
	#[pallet::storage]
	pub type AssetsByDepartment<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, AssetId, (), OptionQuery>;

	/// Where the dissolution of a department stopped among its assets: the last one it handed
	/// over or retired. Removed when the department's assets are done.
	#[pallet::storage]
	pub type OffboardCursor<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, AssetId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A Steward registered a data asset; its content is version 1.
		AssetRegistered {
			/// The new asset's id.
			asset: AssetId,
			/// The department that owns it: the Steward's.
			owner: DepartmentId,
			/// The Steward who registered it.
			registered_by: T::AccountId,
			/// The content hash of version 1.
			content: ContentHash,
			/// How sensitive the data is.
			classification: Classification,
			/// What is held from the Steward for it (`None` if nothing, e.g. at genesis).
			deposit: Option<DepositOf<T>>,
		},
		/// A Steward added a new version of an asset's content.
		VersionAdded {
			/// The asset.
			asset: AssetId,
			/// The new version's number.
			version: AssetVersion,
			/// The Steward who added it.
			registered_by: T::AccountId,
			/// The new version's content hash.
			content: ContentHash,
			/// The asset's whole deposit, now held from that Steward.
			deposit: Option<DepositOf<T>>,
		},
		/// An asset's name, media type, metadata hash or tags changed; its version did not.
		MetadataUpdated {
			/// The asset.
			asset: AssetId,
		},
		/// An asset's classification changed. Grants decided before are not re-examined here
		/// (the access-grant pallet decides what a change means for them).
		ClassificationChanged {
			/// The asset.
			asset: AssetId,
			/// The classification before.
			old: Classification,
			/// The classification now.
			new: Classification,
		},
		/// The owner offered an asset to another department, which may accept it.
		TransferOffered {
			/// The asset.
			asset: AssetId,
			/// The owning department.
			from: DepartmentId,
			/// The department it is offered to.
			to: DepartmentId,
		},
		/// A pending offer was withdrawn (`by` the owner: `cancel_transfer` or `retire_asset`)
		/// or declined (`by` the receiving department).
		TransferCancelled {
			/// The asset.
			asset: AssetId,
			/// The department it was offered to.
			to: DepartmentId,
			/// The department that cancelled: the owner or `to`.
			by: DepartmentId,
		},
		/// A department accepted an asset: it is the new owner.
		AssetTransferred {
			/// The asset.
			asset: AssetId,
			/// The previous owner.
			from: DepartmentId,
			/// The new owner.
			to: DepartmentId,
			/// The asset's deposit, now held from the accepting Steward.
			deposit: Option<DepositOf<T>>,
		},
		/// An asset was retired: its tombstone stays readable and verifiable, but takes no more
		/// changes.
		AssetRetired {
			/// The asset.
			asset: AssetId,
			/// The part of the deposit actually released to its depositor (`None` if none was);
			/// less than due only if the hold was reduced outside this pallet.
			released: Option<DepositOf<T>>,
			/// The part kept on hold for the tombstone, for good (`None` for a genesis asset,
			/// which never paid one).
			kept: Option<DepositOf<T>>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No asset has this id.
		UnknownAsset,
		/// The signer's department does not own the asset.
		NotOwner,
		/// The asset is retired: it takes no new versions, metadata, classification or
		/// transfer.
		AssetRetired,
		/// The name is empty, not UTF-8, or contains control, format (e.g. bidi overrides,
		/// zero-width characters) or line/paragraph separator characters.
		InvalidName,
		/// The media type is not `type/subtype`, each part starting with an ASCII letter or digit
		/// and made of ASCII letters, digits and ``!#$&-^_.+`` (e.g. `text/csv`).
		InvalidMediaType,
		/// The location is empty, or has characters other than printable ASCII (no spaces).
		InvalidLocation,
		/// A tag is empty, not UTF-8, or contains characters not allowed in a name.
		InvalidTag,
		/// The same tag is given twice.
		DuplicateTag,
		/// This department already registered this content hash (algorithm and digest), as a
		/// version of this or another of its assets (retired ones included): look it up instead.
		ContentAlreadyRegistered,
		/// The asset has `MaxVersions` versions: retire it and register a new asset.
		TooManyVersions,
		/// The asset already has exactly this name, media type, metadata hash and tags.
		MetadataUnchanged,
		/// The asset already has this classification.
		ClassificationUnchanged,
		/// An asset cannot be offered to the department that owns it.
		TransferToOwner,
		/// The receiving department does not exist or is suspended.
		RecipientNotActive,
		/// The asset is already offered to a department: cancel that offer first.
		TransferAlreadyOffered,
		/// The asset is not offered to any department.
		NoTransferOffered,
		/// The asset is offered to another department than the signer's.
		NotTransferRecipient,
		/// The signer's department neither owns the asset nor is it offered the asset.
		NotPartyToTransfer,
		/// The owning department is suspended: its offers cannot be accepted until it is
		/// reactivated.
		OwnerSuspended,
		/// The asset changed hands `u32::MAX` times: its transfer count cannot grow any
		/// further, so it cannot be transferred again.
		TooManyTransfers,
		/// The Steward cannot put the deposit on hold (too little free balance).
		CannotHoldDeposit,
		/// Every asset id has been used.
		NoAssetIdLeft,
		/// Only the oversight office lowers a `Restricted` asset's classification
		/// (`declassify`); the owner may only raise classifications or lower others.
		DowngradeNeedsOversight,
		/// `declassify` lowers `Restricted` assets only; this one is not `Restricted`.
		NotRestricted,
		/// A member of the oversight body acts for the department this decision concerns, so
		/// the body is not the independent second party the decision needs.
		OversightNotIndependent,
		/// The asset, or its owner department, is under legal hold: it is not retired,
		/// transferred or lowered in classification until the council lifts the hold.
		UnderLegalHold,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Assets to register, in this order (ids `0, 1, 2, ...` on a fresh chain). Each
		/// `steward` must be a Steward of an active department when this pallet's genesis is
		/// built, so `pallet-departments` must come first in the runtime. No deposit is held.
		pub assets: Vec<GenesisAsset<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Genesis has no error channel: an invalid catalogue must not start a chain, so an
		/// invalid entry aborts the build (the node reports the message from `build-spec` or at
		/// start-up, before any block exists).
		fn build(&self) {
			for (index, asset) in self.assets.iter().enumerate() {
				Pallet::<T>::register_genesis_asset(asset)
					.unwrap_or_else(|e| panic!("invalid genesis asset {index}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxMediaTypeLen::get() >= 3, "MaxMediaTypeLen must allow `a/b`");
			assert!(T::MaxLocationLen::get() > 0, "MaxLocationLen must allow a location");
			assert!(T::MaxTagLen::get() > 0, "MaxTagLen must allow a tag");
			assert!(T::MaxVersions::get() >= FIRST_VERSION, "MaxVersions must allow a version");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must allow an item");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a data asset owned by the signer's department; its content is version 1.
		///
		/// Origin: [`Config::StewardOrigin`] (a Steward of an active department). The Steward pays
		/// `AssetDeposit + VersionDeposit` into a hold, released when the asset is retired. The
		/// data stays off-chain; the chain keeps its fingerprint.
		///
		/// - `name`: display name; non-empty UTF-8 without control, format or line/paragraph
		///   separator characters, at most `MaxNameLen` bytes (a longer one does not decode).
		/// - `content`: the content's hash and the algorithm that produced it; no version of any
		///   asset may have it already.
		/// - `size`: the content's size in bytes.
		/// - `media_type`: `type/subtype`, e.g. `text/csv`, at most `MaxMediaTypeLen` bytes.
		/// - `classification`: how sensitive the data is.
		/// - `location`: URI of the owner's data endpoint; printable ASCII without spaces, at
		///   most `MaxLocationLen` bytes.
		/// - `metadata_hash`: hash of the full off-chain description (e.g. a DCAT JSON
		///   document), if any.
		/// - `tags`: at most `MaxTags` distinct tags, each like a name of at most `MaxTagLen`
		///   bytes.
		///
		/// The asset gets the next free id, given in the event.
		///
		/// # Events
		/// - `AssetRegistered`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::InvalidName`], [`Error::InvalidMediaType`], [`Error::InvalidLocation`],
		///   [`Error::InvalidTag`], [`Error::DuplicateTag`]: malformed input.
		/// - [`Error::ContentAlreadyRegistered`]: the department registered this content hash
		///   already (other departments' registrations of it do not count).
		/// - [`Error::NoAssetIdLeft`]: every id has been used.
		/// - [`Error::CannotHoldDeposit`]: the signer cannot pay the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_asset())]
		pub fn register_asset(
			origin: OriginFor<T>,
			name: AssetNameOf<T>,
			content: ContentHash,
			size: u64,
			media_type: MediaTypeOf<T>,
			classification: Classification,
			location: LocationOf<T>,
			metadata_hash: Option<ContentHash>,
			tags: TagsOf<T>,
		) -> DispatchResult {
			let (who, owner) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let metadata = Metadata { name, media_type, metadata_hash, tags };
			let new = NewContent { content, size, location };
			Self::do_register_asset(&who, owner, metadata, classification, new, true).map(|_| ())
		}

		/// Append a new version of an asset's content; earlier versions stay verifiable.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset.
		///
		/// The signer takes over the asset's deposit and adds `VersionDeposit` to it: if another
		/// account paid it so far, that account's hold is released and the whole deposit is held
		/// from the signer instead.
		///
		/// - `asset`: the asset; active, with fewer than `MaxVersions` versions.
		/// - `content`: the new content's hash and algorithm; no version of any asset may have it
		///   already.
		/// - `size`: its size in bytes.
		/// - `location`: where the owner serves it; as in `register_asset`.
		///
		/// # Events
		/// - `VersionAdded`, with the new version number.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`]: no such asset.
		/// - [`Error::NotOwner`]: the signer's department does not own it.
		/// - [`Error::AssetRetired`]: it is retired.
		/// - [`Error::InvalidLocation`]: malformed location.
		/// - [`Error::ContentAlreadyRegistered`]: the department registered this content hash
		///   already (other departments' registrations of it do not count).
		/// - [`Error::TooManyVersions`]: it has `MaxVersions` versions.
		/// - [`Error::CannotHoldDeposit`]: the signer cannot pay the deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_asset())]
		pub fn update_asset(
			origin: OriginFor<T>,
			asset: AssetId,
			content: ContentHash,
			size: u64,
			location: LocationOf<T>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_update_asset(&who, department, asset, NewContent { content, size, location })
		}

		/// Replace an asset's describing fields; its version does not change.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset. The
		/// deposit does not change: it covers the largest record already.
		///
		/// - `asset`: the asset; active.
		/// - `name`, `media_type`, `metadata_hash`, `tags`: the new values, all four, as in
		///   `register_asset`.
		///
		/// # Events
		/// - `MetadataUpdated`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`], [`Error::NotOwner`], [`Error::AssetRetired`]: as in
		///   `update_asset`.
		/// - [`Error::InvalidName`], [`Error::InvalidMediaType`], [`Error::InvalidTag`],
		///   [`Error::DuplicateTag`]: malformed input.
		/// - [`Error::MetadataUnchanged`]: the asset already has exactly these values.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			asset: AssetId,
			name: AssetNameOf<T>,
			media_type: MediaTypeOf<T>,
			metadata_hash: Option<ContentHash>,
			tags: TagsOf<T>,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let metadata = Metadata { name, media_type, metadata_hash, tags };
			Self::do_update_metadata(department, asset, metadata)
		}

		/// Change an asset's classification.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset: the
		/// owner decides how sensitive its data is, and the event records it, except that only
		/// the oversight office lowers a `Restricted` asset (`declassify`). The access-grant
		/// pallet reads the classification when it decides a request; grants decided before are
		/// not re-examined here (that pallet keeps requiring the oversight office's approval for
		/// what was `Restricted` when it was asked for or granted, also after a downgrade).
		///
		/// - `asset`: the asset; active.
		/// - `classification`: the new classification.
		///
		/// # Events
		/// - `ClassificationChanged`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`], [`Error::NotOwner`], [`Error::AssetRetired`]: as in
		///   `update_asset`.
		/// - [`Error::ClassificationUnchanged`]: the asset already has this classification.
		/// - [`Error::DowngradeNeedsOversight`]: the asset is `Restricted` and `classification`
		///   is lower.
		/// - [`Error::UnderLegalHold`]: `classification` is lower and the asset or its owner is
		///   under legal hold (raising stays open).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_classification())]
		pub fn set_classification(
			origin: OriginFor<T>,
			asset: AssetId,
			classification: Classification,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_set_classification(ClassifiedBy::Owner(department), asset, classification)
		}

		/// Offer an asset to another department, the first step of a transfer.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset.
		/// Nothing changes hands until a Steward of `to` accepts with `accept_transfer`; until then
		/// either side may call `cancel_transfer`.
		///
		/// - `asset`: the asset; active, not offered already.
		/// - `to`: the receiving department; active, not the owner.
		///
		/// # Events
		/// - `TransferOffered`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`], [`Error::NotOwner`], [`Error::AssetRetired`]: as in
		///   `update_asset`.
		/// - [`Error::TransferAlreadyOffered`]: an offer is pending: cancel it first.
		/// - [`Error::TransferToOwner`]: `to` owns the asset.
		/// - [`Error::RecipientNotActive`]: `to` does not exist or is suspended.
		/// - [`Error::UnderLegalHold`]: the asset or its owner is under legal hold.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::offer_transfer())]
		pub fn offer_transfer(
			origin: OriginFor<T>,
			asset: AssetId,
			to: DepartmentId,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_offer_transfer(department, asset, to)
		}

		/// Withdraw (owner) or decline (receiving department) a pending transfer offer.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset or of
		/// the department it is offered to.
		///
		/// - `asset`: the asset with a pending offer.
		///
		/// # Events
		/// - `TransferCancelled`, `by` the signer's department.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`]: no such asset.
		/// - [`Error::NoTransferOffered`]: the asset is not offered to anyone.
		/// - [`Error::NotPartyToTransfer`]: the signer's department is neither the owner nor the
		///   receiving department.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::cancel_transfer())]
		pub fn cancel_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_cancel_transfer(department, asset)
		}

		/// Accept an asset offered to the signer's department: the department becomes its owner.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department the asset is offered to.
		/// The owning department must still be active (a suspension also freezes its pending
		/// offers).
		///
		/// The signer takes over the asset's deposit, as recorded: it is released to whoever
		/// paid it and the same amount is held from the signer. So a department pays for exactly
		/// the assets it owns. Versions, history and the content lookup do not change. The
		/// asset's transfer count (`transfers`, [`AssetInfo::transfers`]) goes up by one, so
		/// grants its previous owners gave end for good, even if the asset comes back to them.
		///
		/// - `asset`: the asset offered to the signer's department.
		///
		/// # Events
		/// - `AssetTransferred`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`]: no such asset.
		/// - [`Error::NoTransferOffered`]: the asset is not offered to anyone.
		/// - [`Error::NotTransferRecipient`]: it is offered to another department.
		/// - [`Error::OwnerSuspended`]: the owning department is suspended.
		/// - [`Error::AssetRetired`]: it is retired (cannot happen: retiring withdraws the offer).
		/// - [`Error::TooManyTransfers`]: the asset changed hands `u32::MAX` times already.
		/// - [`Error::UnderLegalHold`]: the asset or its owner was put under legal hold after
		///   the offer.
		/// - [`Error::CannotHoldDeposit`]: the signer cannot pay the deposit.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_transfer())]
		pub fn accept_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_accept_transfer(&who, department, asset)
		}

		/// Retire an asset: it shrinks to a tombstone that stays readable and verifiable forever,
		/// takes no more versions, metadata or classification changes and no transfer, and the
		/// access-grant pallet grants no new access to it.
		///
		/// Origin: [`Config::StewardOrigin`], a Steward of the department that owns the asset.
		/// The tombstone keeps the record (owner, name, classification, counters), every
		/// version's content hash, size, registrant and block, and the content registrations
		/// (so the department cannot register the same content again); it drops the media type,
		/// metadata hash, tags and every version's location. Of the deposit, the tombstone's
		/// share stays held for good (`AssetTombstoneDeposit` + `VersionTombstoneDeposit` per
		/// version) and the rest is released to whoever paid it. A pending transfer offer is
		/// withdrawn. The weight is charged for `MaxVersions` versions and refunded down to the
		/// asset's own.
		///
		/// - `asset`: the asset; active.
		///
		/// # Events
		/// - `TransferCancelled`, if an offer was pending.
		/// - `AssetRetired`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: refused by the
		///   origin (see [`Config::StewardOrigin`]).
		/// - [`Error::UnknownAsset`], [`Error::NotOwner`]: as in `update_asset`.
		/// - [`Error::AssetRetired`]: it is retired already.
		/// - [`Error::UnderLegalHold`]: the asset or its owner is under legal hold.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::retire_asset(T::MaxVersions::get()))]
		pub fn retire_asset(origin: OriginFor<T>, asset: AssetId) -> DispatchResultWithPostInfo {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let versions = Self::do_retire_asset(department, asset)?;
			Ok(Some(T::WeightInfo::retire_asset(versions)).into())
		}

		/// Lower a `Restricted` asset's classification: the second party's decision that the
		/// data may be shared without the two-party rule from now on.
		///
		/// Origin: [`Config::OversightOrigin`], the city's data protection oversight, while
		/// independent of the owner (no member of [`Config::OversightBody`] acts for it). Grants and
		/// requests made while the asset was `Restricted` keep needing the office's approval
		/// (pallet-access-grants records that on each).
		///
		/// - `asset`: the asset; active and `Restricted`.
		/// - `classification`: the new, lower classification.
		///
		/// # Events
		/// - `ClassificationChanged`.
		///
		/// # Errors
		/// - `BadOrigin`: not the oversight office.
		/// - [`Error::UnknownAsset`], [`Error::AssetRetired`]: no such asset, or retired.
		/// - [`Error::NotRestricted`]: the asset is not `Restricted`.
		/// - [`Error::ClassificationUnchanged`]: `classification` is `Restricted`.
		/// - [`Error::OversightNotIndependent`]: a member of [`Config::OversightBody`] acts for
		///   the owner.
		/// - [`Error::UnderLegalHold`]: the asset or its owner is under legal hold.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::declassify().saturating_add(
			T::DbWeight::get().reads(T::OversightBody::max_members().into())
		))]
		pub fn declassify(
			origin: OriginFor<T>,
			asset: AssetId,
			classification: Classification,
		) -> DispatchResult {
			T::OversightOrigin::ensure_origin(origin)?;
			Self::do_set_classification(ClassifiedBy::Oversight, asset, classification)
		}
	}
}

#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use city_primitives::{
	AssetId, AssetInfo, AssetRegistry, AssetVersion, Classification, DepartmentId,
	DepartmentRegistry, Role,
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
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, InspectHold, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{Saturating, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

		/// Who acts for which department (`pallet-departments`): only a Steward of an active
		/// department registers and manages its assets.
		type Departments: DepartmentRegistry<Self::AccountId>;

		/// The balance held for every active asset, on top of [`Config::VersionDeposit`] per
		/// version: the storage of the asset record, its index entry and its first content
		/// lookup. Zero disables it.
		#[pallet::constant]
		type AssetDeposit: Get<BalanceOf<Self>>;

		/// The balance held for every version of an active asset: the storage of the version
		/// record and its content lookup entry. Zero disables it.
		#[pallet::constant]
		type VersionDeposit: Get<BalanceOf<Self>>;

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

		/// The most assets one page of the runtime API's `department_assets` returns.
		#[pallet::constant]
		type MaxAssetsPerPage: Get<u32>;

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

	/// The asset and version registered with each content hash: a content hash belongs to at
	/// most one version of one asset, ever.
	#[pallet::storage]
	pub type AssetByContent<T: Config> =
		StorageMap<_, Blake2_128Concat, ContentHash, (AssetId, AssetVersion), OptionQuery>;

	/// Each department's assets (active and retired), to list them by department.
	///
	/// An entry `(department, asset)` exists exactly when `Assets[asset].owner == department`.
	#[pallet::storage]
	pub type AssetsByDepartment<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, AssetId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A Steward registered a data asset; its content is version 1. `deposit` is what is held
		/// from the Steward for it (`None` if nothing, e.g. at genesis).
		AssetRegistered {
			asset: AssetId,
			owner: DepartmentId,
			registered_by: T::AccountId,
			content: ContentHash,
			classification: Classification,
			deposit: Option<DepositOf<T>>,
		},
		/// A Steward added a new version of an asset's content. `deposit` is the asset's whole
		/// deposit, now held from that Steward.
		VersionAdded {
			asset: AssetId,
			version: AssetVersion,
			registered_by: T::AccountId,
			content: ContentHash,
			deposit: Option<DepositOf<T>>,
		},
		/// An asset's name, media type, metadata hash or tags changed; its version did not.
		MetadataUpdated { asset: AssetId },
		/// An asset's classification changed. Grants decided before are not re-examined here
		/// (the access-grant pallet decides what a change means for them).
		ClassificationChanged { asset: AssetId, old: Classification, new: Classification },
		/// The owner offered an asset to another department, which may accept it.
		TransferOffered { asset: AssetId, from: DepartmentId, to: DepartmentId },
		/// A pending offer was withdrawn (`by` the owner: `cancel_transfer` or `retire_asset`)
		/// or declined (`by` the receiving department).
		TransferCancelled { asset: AssetId, to: DepartmentId, by: DepartmentId },
		/// A department accepted an asset: it is the new owner. `deposit` is the asset's deposit,
		/// now held from the accepting Steward.
		AssetTransferred {
			asset: AssetId,
			from: DepartmentId,
			to: DepartmentId,
			deposit: Option<DepositOf<T>>,
		},
		/// An asset was retired: it stays readable and verifiable, but takes no more changes.
		/// `released` is the deposit actually released to its depositor (`None` if none was
		/// held); less than recorded only if the hold was reduced outside this pallet.
		AssetRetired { asset: AssetId, released: Option<DepositOf<T>> },
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
		/// This content hash (algorithm and digest) is already registered, as a version of this
		/// or another asset (retired ones included): look it up instead.
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
			assert!(T::MaxAssetsPerPage::get() > 0, "MaxAssetsPerPage must allow an asset");
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
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of an active
		/// department. It pays `AssetDeposit + VersionDeposit` into a hold, released when the
		/// asset is retired. The data stays off-chain; the chain keeps its fingerprint.
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
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed` (from the department
		///   registry): the signer is not a Steward of an active department.
		/// - `InvalidName`, `InvalidMediaType`, `InvalidLocation`, `InvalidTag`,
		///   `DuplicateTag`: malformed input.
		/// - `ContentAlreadyRegistered`: some version of some asset has this content hash.
		/// - `NoAssetIdLeft`: every id has been used.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
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
			let who = ensure_signed(origin)?;
			let owner = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let metadata = Metadata { name, media_type, metadata_hash, tags };
			let new = NewContent { content, size, location };
			Self::do_register_asset(&who, owner, metadata, classification, new, true).map(|_| ())
		}

		/// Append a new version of an asset's content; earlier versions stay verifiable.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset.
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
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`: no such asset.
		/// - `NotOwner`: the signer's department does not own it.
		/// - `AssetRetired`: it is retired.
		/// - `InvalidLocation`: malformed location.
		/// - `ContentAlreadyRegistered`: some version of some asset has this content hash.
		/// - `TooManyVersions`: it has `MaxVersions` versions.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_asset())]
		pub fn update_asset(
			origin: OriginFor<T>,
			asset: AssetId,
			content: ContentHash,
			size: u64,
			location: LocationOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Self::owned_active_asset(department, asset)?;
			let location = Self::checked_location(location)?;
			ensure!(
				!AssetByContent::<T>::contains_key(content),
				Error::<T>::ContentAlreadyRegistered
			);
			let version = record
				.latest_version
				.checked_add(1)
				.filter(|version| *version <= T::MaxVersions::get())
				.ok_or(Error::<T>::TooManyVersions)?;
			let deposit =
				Self::deposit_taken_over(&record.deposit, &who, T::VersionDeposit::get())?;

			Self::move_deposit(record.deposit.take(), &deposit)?;
			record.deposit = deposit.clone();
			record.latest_version = version;
			Versions::<T>::insert(
				asset,
				version,
				VersionRecord {
					content,
					size,
					location,
					registered_by: who.clone(),
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			AssetByContent::<T>::insert(content, (asset, version));
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::VersionAdded {
				asset,
				version,
				registered_by: who,
				content,
				deposit,
			});
			Ok(())
		}

		/// Replace an asset's describing fields; its version does not change.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset. The deposit does not change: it covers the largest
		/// record already.
		///
		/// - `asset`: the asset; active.
		/// - `name`, `media_type`, `metadata_hash`, `tags`: the new values, all four, as in
		///   `register_asset`.
		///
		/// # Events
		/// - `MetadataUpdated`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`, `NotOwner`, `AssetRetired`: as in `update_asset`.
		/// - `InvalidName`, `InvalidMediaType`, `InvalidTag`, `DuplicateTag`: malformed input.
		/// - `MetadataUnchanged`: the asset already has exactly these values.
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
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Self::owned_active_asset(department, asset)?;
			let metadata =
				Self::checked_metadata(Metadata { name, media_type, metadata_hash, tags })?;
			let unchanged = record.name == metadata.name
				&& record.media_type == metadata.media_type
				&& record.metadata_hash == metadata.metadata_hash
				&& record.tags == metadata.tags;
			ensure!(!unchanged, Error::<T>::MetadataUnchanged);

			record.name = metadata.name;
			record.media_type = metadata.media_type;
			record.metadata_hash = metadata.metadata_hash;
			record.tags = metadata.tags;
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::MetadataUpdated { asset });
			Ok(())
		}

		/// Change an asset's classification.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset: the owner decides how sensitive its data is, up or
		/// down, and the event records it. The access-grant pallet reads the classification when
		/// it decides a request; grants decided before are not re-examined here (that pallet
		/// keeps requiring the oversight office's approval for what was `Restricted` when it was
		/// asked for or granted, also after a downgrade).
		///
		/// - `asset`: the asset; active.
		/// - `classification`: the new classification.
		///
		/// # Events
		/// - `ClassificationChanged`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`, `NotOwner`, `AssetRetired`: as in `update_asset`.
		/// - `ClassificationUnchanged`: the asset already has this classification.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_classification())]
		pub fn set_classification(
			origin: OriginFor<T>,
			asset: AssetId,
			classification: Classification,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Self::owned_active_asset(department, asset)?;
			let old = record.classification;
			ensure!(old != classification, Error::<T>::ClassificationUnchanged);

			record.classification = classification;
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::ClassificationChanged { asset, old, new: classification });
			Ok(())
		}

		/// Offer an asset to another department, the first step of a transfer.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset. Nothing changes hands until a Steward of `to` accepts
		/// with `accept_transfer`; until then either side may call `cancel_transfer`.
		///
		/// - `asset`: the asset; active, not offered already.
		/// - `to`: the receiving department; active, not the owner.
		///
		/// # Events
		/// - `TransferOffered`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`, `NotOwner`, `AssetRetired`: as in `update_asset`.
		/// - `TransferAlreadyOffered`: an offer is pending: cancel it first.
		/// - `TransferToOwner`: `to` owns the asset.
		/// - `RecipientNotActive`: `to` does not exist or is suspended.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::offer_transfer())]
		pub fn offer_transfer(
			origin: OriginFor<T>,
			asset: AssetId,
			to: DepartmentId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Self::owned_active_asset(department, asset)?;
			ensure!(record.offered_to.is_none(), Error::<T>::TransferAlreadyOffered);
			ensure!(to != department, Error::<T>::TransferToOwner);
			ensure!(T::Departments::is_active(to), Error::<T>::RecipientNotActive);

			record.offered_to = Some(to);
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::TransferOffered { asset, from: department, to });
			Ok(())
		}

		/// Withdraw (owner) or decline (receiving department) a pending transfer offer.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset, or of the active department it is offered to.
		///
		/// - `asset`: the asset with a pending offer.
		///
		/// # Events
		/// - `TransferCancelled`, `by` the signer's department.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`: no such asset.
		/// - `NoTransferOffered`: the asset is not offered to anyone.
		/// - `NotPartyToTransfer`: the signer's department is neither the owner nor the
		///   receiving department.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::cancel_transfer())]
		pub fn cancel_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
			let to = record.offered_to.ok_or(Error::<T>::NoTransferOffered)?;
			ensure!(department == record.owner || department == to, Error::<T>::NotPartyToTransfer);

			record.offered_to = None;
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::TransferCancelled { asset, to, by: department });
			Ok(())
		}

		/// Accept an asset offered to the signer's department: the department becomes its owner.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department the asset is offered to. The owning department must still be active (a
		/// suspension also freezes its pending offers).
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
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`: no such asset.
		/// - `NoTransferOffered`: the asset is not offered to anyone.
		/// - `NotTransferRecipient`: it is offered to another department.
		/// - `OwnerSuspended`: the owning department is suspended.
		/// - `AssetRetired`: it is retired (cannot happen: retiring withdraws the offer).
		/// - `TooManyTransfers`: the asset changed hands `u32::MAX` times already.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_transfer())]
		pub fn accept_transfer(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
			let to = record.offered_to.ok_or(Error::<T>::NoTransferOffered)?;
			ensure!(to == department, Error::<T>::NotTransferRecipient);
			let from = record.owner;
			ensure!(T::Departments::is_active(from), Error::<T>::OwnerSuspended);
			ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
			let transfers = record.transfers.checked_add(1).ok_or(Error::<T>::TooManyTransfers)?;
			let deposit = Self::deposit_taken_over(&record.deposit, &who, Zero::zero())?;

			Self::move_deposit(record.deposit.take(), &deposit)?;
			record.deposit = deposit.clone();
			record.owner = to;
			record.offered_to = None;
			record.transfers = transfers;
			AssetsByDepartment::<T>::remove(from, asset);
			AssetsByDepartment::<T>::insert(to, asset, ());
			Assets::<T>::insert(asset, record);
			Self::deposit_event(Event::AssetTransferred { asset, from, to, deposit });
			Ok(())
		}

		/// Retire an asset: it stays readable and verifiable forever, but takes no more versions,
		/// metadata or classification changes and no transfer, and the access-grant pallet
		/// grants no new access to it.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the asset. The deposit is released to whoever paid it; a pending
		/// transfer offer is withdrawn. Its content hashes stay registered, so the same content
		/// cannot be registered again as another asset.
		///
		/// - `asset`: the asset; active.
		///
		/// # Events
		/// - `TransferCancelled`, if an offer was pending.
		/// - `AssetRetired`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not a Steward of
		///   an active department.
		/// - `UnknownAsset`, `NotOwner`: as in `update_asset`.
		/// - `AssetRetired`: it is retired already.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::retire_asset())]
		pub fn retire_asset(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let department = T::Departments::ensure_role(&who, &[Role::Steward])?;
			let mut record = Self::owned_active_asset(department, asset)?;

			let reason = HoldReason::AssetDeposit.into();
			let released = record
				.deposit
				.take()
				.map(|deposit| deposit.release::<T::Currency>(&reason))
				.transpose()?;
			let withdrawn = record.offered_to.take();
			record.retired_at = Some(frame_system::Pallet::<T>::block_number());
			Assets::<T>::insert(asset, record);
			if let Some(to) = withdrawn {
				Self::deposit_event(Event::TransferCancelled { asset, to, by: department });
			}
			Self::deposit_event(Event::AssetRetired { asset, released });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Validates and registers an asset owned by `owner`, with `who` registering version 1,
		/// and returns its id; holds the deposit from `who` if `pay_deposit`. The caller has
		/// checked that `who` is a Steward of `owner`. Used by the call, genesis (without
		/// deposit) and [`AssetRegistry::register_benchmark_asset`].
		pub(crate) fn do_register_asset(
			who: &T::AccountId,
			owner: DepartmentId,
			metadata: MetadataOf<T>,
			classification: Classification,
			new: NewContent<LocationOf<T>>,
			pay_deposit: bool,
		) -> Result<AssetId, DispatchError> {
			let metadata = Self::checked_metadata(metadata)?;
			let location = Self::checked_location(new.location)?;
			let content = new.content;
			ensure!(
				!AssetByContent::<T>::contains_key(content),
				Error::<T>::ContentAlreadyRegistered
			);
			let asset = NextAssetId::<T>::get();
			let next = asset.checked_add(1).ok_or(Error::<T>::NoAssetIdLeft)?;
			let deposit = if pay_deposit {
				let amount = T::AssetDeposit::get().saturating_add(T::VersionDeposit::get());
				Self::deposit_taken_over(&None, who, amount)?
			} else {
				None
			};

			let now = frame_system::Pallet::<T>::block_number();
			Self::move_deposit(None, &deposit)?;
			NextAssetId::<T>::put(next);
			Versions::<T>::insert(
				asset,
				FIRST_VERSION,
				VersionRecord {
					content,
					size: new.size,
					location,
					registered_by: who.clone(),
					registered_at: now,
				},
			);
			AssetByContent::<T>::insert(content, (asset, FIRST_VERSION));
			AssetsByDepartment::<T>::insert(owner, asset, ());
			Assets::<T>::insert(
				asset,
				AssetRecord {
					owner,
					name: metadata.name,
					media_type: metadata.media_type,
					classification,
					metadata_hash: metadata.metadata_hash,
					tags: metadata.tags,
					latest_version: FIRST_VERSION,
					registered_at: now,
					retired_at: None,
					offered_to: None,
					transfers: 0,
					deposit: deposit.clone(),
				},
			);
			Self::deposit_event(Event::AssetRegistered {
				asset,
				owner,
				registered_by: who.clone(),
				content,
				classification,
				deposit,
			});
			Ok(asset)
		}

		/// Registers one genesis asset, without deposit: bounds its fields, and registers it for
		/// the department its `steward` is a Steward of.
		fn register_genesis_asset(
			asset: &GenesisAsset<T::AccountId>,
		) -> Result<AssetId, DispatchError> {
			fn bounded<S: Get<u32>>(
				bytes: &[u8],
				too_long: &'static str,
			) -> Result<BoundedVec<u8, S>, DispatchError> {
				bytes.to_vec().try_into().map_err(|_| DispatchError::Other(too_long))
			}
			let owner = T::Departments::ensure_role(&asset.steward, &[Role::Steward])?;
			let tags = asset
				.tags
				.iter()
				.map(|tag| bounded::<T::MaxTagLen>(tag, "tag longer than MaxTagLen"))
				.collect::<Result<Vec<_>, _>>()?;
			let metadata = Metadata {
				name: bounded(&asset.name, "name longer than MaxNameLen")?,
				media_type: bounded(&asset.media_type, "media type longer than MaxMediaTypeLen")?,
				metadata_hash: asset.metadata_hash,
				tags: tags
					.try_into()
					.map_err(|_| DispatchError::Other("more than MaxTags tags"))?,
			};
			let new = NewContent {
				content: asset.content,
				size: asset.size,
				location: bounded(&asset.location, "location longer than MaxLocationLen")?,
			};
			Self::do_register_asset(
				&asset.steward,
				owner,
				metadata,
				asset.classification,
				new,
				false,
			)
		}

		/// The asset, if `department` owns it and it is active: what every owner's call but
		/// `cancel_transfer` checks first.
		fn owned_active_asset(
			department: DepartmentId,
			asset: AssetId,
		) -> Result<AssetRecordOf<T>, DispatchError> {
			let record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(record.owner == department, Error::<T>::NotOwner);
			ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
			Ok(record)
		}

		/// The deposit an asset has once `payer` takes over its `current` deposit and adds
		/// `extra` to it. Checks that `payer` can pay what will be newly held from it (only
		/// `extra` if it pays `current` already, else the whole amount); holds nothing. `None`
		/// if the amount is zero.
		fn deposit_taken_over(
			current: &Option<DepositOf<T>>,
			payer: &T::AccountId,
			extra: BalanceOf<T>,
		) -> Result<Option<DepositOf<T>>, DispatchError> {
			let recorded = current.as_ref().map_or_else(Zero::zero, |deposit| deposit.amount);
			let amount = recorded.saturating_add(extra);
			if amount.is_zero() {
				return Ok(None);
			}
			let newly_held = match current {
				Some(deposit) if deposit.depositor == *payer => extra,
				_ => amount,
			};
			ensure!(
				newly_held.is_zero()
					|| T::Currency::can_hold(&HoldReason::AssetDeposit.into(), payer, newly_held),
				Error::<T>::CannotHoldDeposit
			);
			Ok(Some(Deposit { depositor: payer.clone(), amount }))
		}

		/// Moves the holds from an asset's `current` deposit to `new`, as computed by
		/// [`Self::deposit_taken_over`] (which checked that the new depositor can pay). The
		/// previous depositor's release is best-effort: if its hold was reduced outside this
		/// pallet, what is left is released; the new depositor pays `new` in full.
		fn move_deposit(
			current: Option<DepositOf<T>>,
			new: &Option<DepositOf<T>>,
		) -> DispatchResult {
			let reason: T::RuntimeHoldReason = HoldReason::AssetDeposit.into();
			match (current, new) {
				(Some(old), Some(new)) if old.depositor == new.depositor => {
					let extra = new.amount.saturating_sub(old.amount);
					if !extra.is_zero() {
						T::Currency::hold(&reason, &new.depositor, extra)?;
					}
				},
				(current, new) => {
					if let Some(old) = current {
						old.release::<T::Currency>(&reason)?;
					}
					if let Some(new) = new {
						T::Currency::hold(&reason, &new.depositor, new.amount)?;
					}
				},
			}
			Ok(())
		}

		/// Checks an asset's describing fields: name, media type and tags.
		fn checked_metadata(metadata: MetadataOf<T>) -> Result<MetadataOf<T>, Error<T>> {
			ensure!(city_primitives::is_display_text(&metadata.name), Error::<T>::InvalidName);
			ensure!(is_valid_media_type(&metadata.media_type), Error::<T>::InvalidMediaType);
			for (index, tag) in metadata.tags.iter().enumerate() {
				ensure!(city_primitives::is_display_text(tag), Error::<T>::InvalidTag);
				// At most `MaxTags` tags: a bounded quadratic check.
				ensure!(
					!metadata.tags.iter().take(index).any(|t| t == tag),
					Error::<T>::DuplicateTag
				);
			}
			Ok(metadata)
		}

		/// Checks that a location is non-empty printable ASCII without spaces.
		fn checked_location(location: LocationOf<T>) -> Result<LocationOf<T>, Error<T>> {
			let valid = !location.is_empty() && location.iter().all(u8::is_ascii_graphic);
			ensure!(valid, Error::<T>::InvalidLocation);
			Ok(location)
		}

		// ---- Runtime API ----

		/// The asset with its current version, if it exists (retired assets exist). For the
		/// runtime API's `asset`.
		pub fn asset_details(asset: AssetId) -> Option<AssetDetailsOf<T>> {
			let record = Assets::<T>::get(asset)?;
			let current = Versions::<T>::get(asset, record.latest_version)?;
			Some(AssetDetails {
				id: asset,
				asset: AssetRecord {
					owner: record.owner,
					name: record.name.into_inner(),
					media_type: record.media_type.into_inner(),
					classification: record.classification,
					metadata_hash: record.metadata_hash,
					tags: record.tags.into_iter().map(|tag| tag.into_inner()).collect(),
					latest_version: record.latest_version,
					registered_at: record.registered_at,
					retired_at: record.retired_at,
					offered_to: record.offered_to,
					transfers: record.transfers,
					deposit: record.deposit,
				},
				current: Self::version_details(current),
			})
		}

		/// Version `version` of `asset`, if both exist. For the runtime API's `asset_version`.
		pub fn asset_version(asset: AssetId, version: AssetVersion) -> Option<VersionDetailsOf<T>> {
			Versions::<T>::get(asset, version).map(Self::version_details)
		}

		/// One page of `department`'s assets (active and retired), with their current versions.
		/// For the runtime API's `department_assets`.
		///
		/// Assets come in storage order, which is not id order: start with `start_after = None`,
		/// then pass the page's `next_start_after` until it is `None`. `limit` is clamped to
		/// `1..=MaxAssetsPerPage`, so at most `MaxAssetsPerPage + 1` index entries and
		/// `MaxAssetsPerPage` assets are read.
		pub fn department_assets(
			department: DepartmentId,
			start_after: Option<AssetId>,
			limit: u32,
		) -> AssetPageOf<T> {
			let limit = usize::try_from(limit.min(T::MaxAssetsPerPage::get()).max(1)).unwrap_or(1);
			let ids = match start_after {
				Some(after) => AssetsByDepartment::<T>::iter_key_prefix_from(
					department,
					AssetsByDepartment::<T>::hashed_key_for(department, after),
				),
				None => AssetsByDepartment::<T>::iter_key_prefix(department),
			};
			let mut ids: Vec<AssetId> = ids.take(limit.saturating_add(1)).collect();
			let next_start_after = if ids.len() > limit {
				ids.truncate(limit);
				ids.last().copied()
			} else {
				None
			};
			AssetPage {
				assets: ids.into_iter().filter_map(Self::asset_details).collect(),
				next_start_after,
			}
		}

		/// The asset and version registered with `content`, if any. For the runtime API's
		/// `find_by_content`.
		pub fn find_by_content(content: ContentHash) -> Option<(AssetId, AssetVersion)> {
			AssetByContent::<T>::get(content)
		}

		/// Whether `content` is what was registered for `version` of `asset`. For the runtime
		/// API's `verify`.
		pub fn verify(asset: AssetId, version: AssetVersion, content: ContentHash) -> Verification {
			if !Assets::<T>::contains_key(asset) {
				return Verification::UnknownAsset;
			}
			match Versions::<T>::get(asset, version) {
				None => Verification::UnknownVersion,
				Some(record) if record.content == content => Verification::Match,
				Some(_) => Verification::Mismatch,
			}
		}

		fn version_details(record: VersionRecordOf<T>) -> VersionDetailsOf<T> {
			VersionRecord {
				content: record.content,
				size: record.size,
				location: record.location.into_inner(),
				registered_by: record.registered_by,
				registered_at: record.registered_at,
			}
		}

		// ---- Benchmark helpers ----

		/// Describing fields of the largest size the config allows, all valid: every byte string
		/// as long as allowed and `MaxTags` distinct tags of `MaxTagLen` bytes. `fill` (an ASCII
		/// letter) makes two sets differ.
		#[cfg(feature = "runtime-benchmarks")]
		pub(crate) fn benchmark_metadata(fill: u8) -> Result<MetadataOf<T>, DispatchError> {
			use alloc::vec;
			let too_small = DispatchError::Other("benchmark metadata does not fit the config");
			let tag_len = T::MaxTagLen::get() as usize;
			let tags = (0..T::MaxTags::get())
				.map(|index| TagOf::<T>::try_from(benchmark_tag(index, tag_len)))
				.collect::<Result<Vec<_>, _>>()
				.map_err(|_| too_small)?;
			let mut media_type = vec![fill; T::MaxMediaTypeLen::get() as usize];
			if let Some(slash) = media_type.get_mut(1) {
				*slash = b'/';
			}
			Ok(Metadata {
				name: vec![fill; T::MaxNameLen::get() as usize]
					.try_into()
					.map_err(|_| too_small)?,
				media_type: media_type.try_into().map_err(|_| too_small)?,
				metadata_hash: Some(ContentHash {
					algorithm: HashAlgorithm::Sha2_256,
					digest: [fill; 32],
				}),
				tags: tags.try_into().map_err(|_| too_small)?,
			})
		}

		/// Content with a digest unique to `seed` and a location as long as allowed.
		#[cfg(feature = "runtime-benchmarks")]
		pub(crate) fn benchmark_content(
			seed: u64,
		) -> Result<NewContent<LocationOf<T>>, DispatchError> {
			use frame_support::Hashable;
			let mut preimage = b"citychain benchmark content".to_vec();
			preimage.extend_from_slice(&seed.to_le_bytes());
			Ok(NewContent {
				content: ContentHash {
					algorithm: HashAlgorithm::Blake2_256,
					digest: preimage.blake2_256(),
				},
				size: u64::MAX,
				location: alloc::vec![b'l'; T::MaxLocationLen::get() as usize]
					.try_into()
					.map_err(|_| DispatchError::Other("benchmark location does not fit"))?,
			})
		}

		/// Checks the pallet's storage invariants:
		///
		/// 1. Every asset id is below `NextAssetId`; every owner is an existing department
		///    (`Departments::prefix(owner)` is known); every asset's fields are well-formed.
		/// 2. `AssetsByDepartment` holds exactly one entry `(owner, asset)` per asset.
		/// 3. Every asset has `1 <= latest_version <= MaxVersions`, versions
		///    `1..=latest_version` exist in `Versions` with well-formed locations, and
		///    `Versions` has no other entries.
		/// 4. `AssetByContent[version.content]` is `(asset, version)` for every version, and
		///    `AssetByContent` has no other entries.
		/// 5. A pending offer names an existing department other than the owner; a retired asset
		///    has neither an offer nor a deposit.
		/// 6. Every recorded deposit is non-zero, and for every depositor the deposits recorded
		///    with it as payer add up to exactly what is on hold from it for
		///    [`HoldReason::AssetDeposit`] (only this pallet uses that reason).
		/// 7. `NextAssetId` is greater than every asset id (same as 1).
		///
		/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it
		/// iterates over whole maps. Never call it from on-chain code.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use sp_runtime::traits::CheckedAdd;

			let next_id = NextAssetId::<T>::get();
			let mut assets = 0usize;
			let mut versions = 0usize;
			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (asset, record) in Assets::<T>::iter() {
				assets = assets.saturating_add(1);
				ensure!(asset < next_id, "asset id not below NextAssetId");
				ensure!(
					T::Departments::prefix(record.owner).is_some(),
					"asset owner is not a department"
				);
				ensure!(
					AssetsByDepartment::<T>::contains_key(record.owner, asset),
					"AssetsByDepartment misses an asset"
				);
				let metadata = Metadata {
					name: record.name,
					media_type: record.media_type,
					metadata_hash: record.metadata_hash,
					tags: record.tags,
				};
				ensure!(Self::checked_metadata(metadata).is_ok(), "asset metadata is malformed");

				ensure!(
					(FIRST_VERSION..=T::MaxVersions::get()).contains(&record.latest_version),
					"latest_version out of range"
				);
				for version in FIRST_VERSION..=record.latest_version {
					versions = versions.saturating_add(1);
					let entry = Versions::<T>::get(asset, version).ok_or("version missing")?;
					ensure!(
						Self::checked_location(entry.location).is_ok(),
						"version location is malformed"
					);
					ensure!(
						AssetByContent::<T>::get(entry.content) == Some((asset, version)),
						"AssetByContent does not point back to the version"
					);
				}

				if let Some(to) = record.offered_to {
					ensure!(
						to != record.owner && T::Departments::prefix(to).is_some(),
						"offer to the owner or to no department"
					);
				}
				if record.retired_at.is_some() {
					ensure!(record.offered_to.is_none(), "retired asset has an offer");
					ensure!(record.deposit.is_none(), "retired asset has a deposit");
				}
				if let Some(deposit) = record.deposit {
					ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
					let total = deposits.entry(deposit.depositor).or_default();
					*total = total
						.checked_add(&deposit.amount)
						.ok_or("recorded deposits of one depositor overflow")?;
				}
			}
			ensure!(
				AssetsByDepartment::<T>::iter_keys().count() == assets,
				"AssetsByDepartment has entries of no asset"
			);
			ensure!(Versions::<T>::iter_keys().count() == versions, "Versions has stray entries");
			ensure!(
				AssetByContent::<T>::iter_keys().count() == versions,
				"AssetByContent has entries of no version"
			);

			let reason: T::RuntimeHoldReason = HoldReason::AssetDeposit.into();
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

/// Whether `media_type` is `type/subtype`, each part an RFC 6838 restricted name: an ASCII
/// letter or digit, then ASCII letters, digits and ``!#$&-^_.+``. No parameters (`; charset=`):
/// the full description belongs in the off-chain metadata document.
pub(crate) fn is_valid_media_type(media_type: &[u8]) -> bool {
	fn is_restricted_name(part: &[u8]) -> bool {
		part.first().is_some_and(u8::is_ascii_alphanumeric)
			&& part.iter().all(|byte| byte.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(byte))
	}
	let mut parts = media_type.splitn(2, |byte| *byte == b'/');
	match (parts.next(), parts.next()) {
		(Some(kind), Some(subtype)) => is_restricted_name(kind) && is_restricted_name(subtype),
		_ => false,
	}
}

/// Tag number `index` as exactly `len` base-26 digits `a`-`z`, most significant first: distinct
/// for every `index < 26^len`, so a benchmark gets `MaxTags` distinct tags of `MaxTagLen` bytes.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_tag(index: u32, len: usize) -> alloc::vec::Vec<u8> {
	const DIGITS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
	let mut tag = alloc::vec![DIGITS[0]; len];
	let mut rest = index;
	for byte in tag.iter_mut().rev() {
		if rest == 0 {
			break;
		}
		*byte = DIGITS.get((rest % 26) as usize).copied().unwrap_or(DIGITS[0]);
		rest /= 26;
	}
	tag
}

impl<T: Config> AssetRegistry<T::AccountId> for Pallet<T> {
	fn asset_info(asset: AssetId) -> Option<AssetInfo> {
		Assets::<T>::get(asset).map(|record| AssetInfo {
			owner: record.owner,
			classification: record.classification,
			active: record.retired_at.is_none(),
			transfers: record.transfers,
		})
	}

	/// Registers, through the same path as `register_asset` (deposit included), an asset with
	/// the largest fields the config allows and a digest unique to its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_benchmark_asset(
		steward: &T::AccountId,
		classification: Classification,
	) -> Result<AssetId, sp_runtime::DispatchError> {
		let owner = T::Departments::ensure_role(steward, &[Role::Steward])?;
		let metadata = Self::benchmark_metadata(b'a')?;
		let new = Self::benchmark_content(NextAssetId::<T>::get())?;
		Self::do_register_asset(steward, owner, metadata, classification, new, true)
	}
}

/// The runtime API through which wallets, explorers and the city's services read the catalogue.
pub mod runtime_api {
	use super::*;

	sp_api::decl_runtime_apis! {
		/// Read the data-asset catalogue: assets, their versions, and whether a copy of some
		/// data is what its owner registered.
		///
		/// The runtime fills in its `AccountId`, `Balance` and `BlockNumber`.
		pub trait DataAssetsApi<AccountId, Balance, BlockNumber>
		where
			AccountId: codec::Codec,
			Balance: codec::Codec,
			BlockNumber: codec::Codec,
		{
			/// The asset with its current (latest) version; `None` if no asset has this id.
			/// Retired assets are returned too (`retired_at` is set).
			fn asset(asset: AssetId) -> Option<AssetDetails<AccountId, Balance, BlockNumber>>;

			/// Version `version` (from 1) of `asset`; `None` if either is unknown.
			fn asset_version(
				asset: AssetId,
				version: AssetVersion,
			) -> Option<VersionDetails<AccountId, BlockNumber>>;

			/// One page of `department`'s assets, active and retired, in storage order (not id
			/// order). Start with `start_after = None`, then pass the page's `next_start_after`
			/// until it is `None`. `limit` is clamped to `1..=MaxAssetsPerPage`.
			fn department_assets(
				department: DepartmentId,
				start_after: Option<AssetId>,
				limit: u32,
			) -> AssetPage<AccountId, Balance, BlockNumber>;

			/// The asset and version registered with this content hash (algorithm and digest),
			/// if any: "what is this file?".
			fn find_by_content(content: ContentHash) -> Option<(AssetId, AssetVersion)>;

			/// Whether `content` is exactly what was registered for `version` of `asset`: "is
			/// the copy I received genuine?".
			fn verify(asset: AssetId, version: AssetVersion, content: ContentHash) -> Verification;
		}
	}
}

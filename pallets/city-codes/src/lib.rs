#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

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
mod try_state;
mod types;
pub mod weights;

pub use city_primitives::{
	city_code::{self, CityCode, CodeError},
	ensure_department_origin, AssetId, AssetRegistry, DepartmentId, DepartmentRegistry, LegalHolds,
	Role,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Roles that may issue codes: what genesis checks of a code's issuer (calls check
/// [`Config::OperatorOrigin`]).
const OPERATING_ROLES: [Role; 2] = [Role::Steward, Role::Operator];

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, so code deposits can be held under
		/// [`HoldReason::CodeDeposit`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which code deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Who acts for which department, and each department's prefix.
		type Departments: DepartmentRegistry<Self::AccountId>;

		/// The data-asset catalogue, to check assets linked to codes.
		type Assets: AssetRegistry<Self::AccountId>;

		/// Records under legal hold (`pallet-legal-holds`): a held code, or any code of a held
		/// department, is not retired or transferred.
		type LegalHolds: LegalHolds;

		/// Who may issue and describe codes (issue, update, link and unlink assets) for a
		/// department, and for which:
		/// in the runtime `pallet_departments::EnsureDepartmentRole<Runtime,
		/// pallet_departments::Operators>`, an account signing as an `Operator` (a department
		/// system's key) or a `Steward` of an active department, yielding the account and its
		/// department. A signed account it refuses fails with the departments pallet's reason,
		/// checked by [`city_primitives::ensure_department_origin`]: `NotMember`,
		/// `DepartmentSuspended` or `RoleNotAllowed`; any other origin with `BadOrigin`.
		type OperatorOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, DepartmentId),
		>;

		/// Who may hand over, suspend, reactivate and retire a department's codes: in the runtime
		/// `pallet_departments::EnsureDepartmentRole<Runtime, pallet_departments::Stewards>`, an
		/// account signing as a `Steward` of an active department. Refuses as
		/// [`Config::OperatorOrigin`] does.
		type StewardOrigin: EnsureOrigin<
			Self::RuntimeOrigin,
			Success = (Self::AccountId, DepartmentId),
		>;

		/// The governance origin that adds and retires object classes. `EnsureRoot` (through
		/// sudo) for now.
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The city's prefix, the first part of every code: 1 to 4 upper-case letters and
		/// digits. Fixed for the life of the chain: changing it renames every code.
		#[pallet::constant]
		type CityPrefix: Get<CityLabel>;

		/// The balance held from the account that issues (or takes over) a code, for as long
		/// as the code is not retired. Covers the record's storage. Zero disables deposits.
		#[pallet::constant]
		type CodeDeposit: Get<BalanceOf<Self>>;

		/// What a retired code keeps on hold for good, for its tombstone record (without linked
		/// assets and attributes). At most [`Config::CodeDeposit`].
		#[pallet::constant]
		type CodeTombstoneDeposit: Get<BalanceOf<Self>>;

		/// The longest code or class name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The most data assets linked to one code.
		#[pallet::constant]
		type MaxAssetsPerCode: Get<u32>;

		/// The most codes one `issue_codes_batch` issues.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// The deepest nesting: a code's parent chain is at most this long (0 forbids
		/// parents).
		#[pallet::constant]
		type MaxDepth: Get<u32>;

		/// The most items one page of a runtime API list (`children`, `codes_of`) returns (see
		/// [`city_primitives::Page`]).
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;

		/// Sets up the departments and assets the benchmarks need, through the runtime's
		/// departments and data-assets pallets (this pallet only reads them).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: city_primitives::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Held from the account that issued or took over a code, until it is retired.
		#[codec(index = 0)]
		CodeDeposit,
	}

	/// The id the next added object class gets. Ids are never reused.
	#[pallet::storage]
	pub type NextClassId<T> = StorageValue<_, ClassId, ValueQuery>;

	/// Object classes, by id: the governed list of what codes may name.
	#[pallet::storage]
	pub type ObjectClasses<T: Config> =
		StorageMap<_, Twox64Concat, ClassId, ObjectClassOf<T>, OptionQuery>;

	/// The class with each class code: keeps class codes unique, and resolves them.
	#[pallet::storage]
	pub type ClassByCode<T: Config> =
		StorageMap<_, Blake2_128Concat, ClassLabel, ClassId, OptionQuery>;

	/// The id the next issued code gets. Ids are never reused.
	#[pallet::storage]
	pub type NextCodeId<T> = StorageValue<_, CodeId, ValueQuery>;

	/// Every code ever issued, retired ones included, by id.
	#[pallet::storage]
	pub type Codes<T: Config> = StorageMap<_, Twox64Concat, CodeId, CodeRecordOf<T>, OptionQuery>;

	/// The code with each `(issuing department, class, serial)`: what a code's text resolves
	/// to.
	#[pallet::storage]
	pub type CodeByKey<T: Config> =
		StorageMap<_, Twox64Concat, (DepartmentId, ClassId, Serial), CodeId, OptionQuery>;

	/// The last serial issued per `(issuing department, class)`; the next is one more, so
	/// serials start at 1 and never repeat.
	#[pallet::storage]
	pub type LastSerial<T: Config> =
		StorageMap<_, Twox64Concat, (DepartmentId, ClassId), Serial, ValueQuery>;

	/// The prefix each department's codes carry, recorded when it first issues a code and
	/// never changed.
	#[pallet::storage]
	pub type IssuerPrefixes<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, PrefixLabel, OptionQuery>;

	/// The department each code prefix belongs to: mirrors [`IssuerPrefixes`], to resolve
	/// code texts.
	#[pallet::storage]
	pub type IssuerByPrefix<T: Config> =
		StorageMap<_, Blake2_128Concat, PrefixLabel, DepartmentId, OptionQuery>;

	/// Children index: an entry `(parent, child)` for every code with a parent.
	#[pallet::storage]
	pub type Children<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CodeId, Twox64Concat, CodeId, (), OptionQuery>;

	/// Department index: an entry `(owner, code)` for every code, retired ones included.
	#[pallet::storage]
	pub type DepartmentCodes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DepartmentId, Twox64Concat, CodeId, (), OptionQuery>;

	/// Where the dissolution of a department stopped among its codes: the last one it handed
	/// over or retired. Removed when the department's codes are done.
	#[pallet::storage]
	pub type OffboardCursor<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, CodeId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An object class was added.
		ObjectClassAdded { class: ClassId, code: ClassLabel, name: NameOf<T> },
		/// An object class was retired: it takes no new codes; its codes stay.
		ObjectClassRetired { class: ClassId },
		/// A code was issued to `department`, which issued it and owns it. `deposit` is what
		/// was held from the signer.
		CodeIssued {
			code: CodeId,
			department: DepartmentId,
			class: ClassId,
			serial: Serial,
			parent: Option<CodeId>,
			deposit: Option<DepositOf<T>>,
		},
		/// `count` codes were issued in one batch to `department`, with the consecutive ids
		/// `first_code ..` and serials `first_serial ..` of `class`. `deposit` is what was held
		/// for each.
		CodesIssued {
			department: DepartmentId,
			class: ClassId,
			first_code: CodeId,
			first_serial: Serial,
			count: u32,
			deposit: Option<DepositOf<T>>,
		},
		/// A code's name, location or attributes changed.
		CodeUpdated { code: CodeId },
		/// A data asset was linked to a code.
		AssetLinked { code: CodeId, asset: AssetId },
		/// A data asset was unlinked from a code.
		AssetUnlinked { code: CodeId, asset: AssetId },
		/// A code's owner offered it to another department.
		TransferOffered { code: CodeId, from: DepartmentId, to: DepartmentId },
		/// A pending transfer offer ended without a transfer: withdrawn by the owner (also when
		/// it retires the code) or declined by the recipient, `by` naming which.
		TransferCancelled { code: CodeId, to: DepartmentId, by: DepartmentId },
		/// A department accepted a code: it owns it now and its signer pays the deposit;
		/// `released` is what went back to the previous depositor.
		CodeTransferred {
			code: CodeId,
			from: DepartmentId,
			to: DepartmentId,
			deposit: Option<DepositOf<T>>,
			released: Option<DepositOf<T>>,
		},
		/// A code was suspended.
		CodeSuspended { code: CodeId },
		/// A suspended code was reactivated.
		CodeReactivated { code: CodeId },
		/// A code was retired for good: it is a tombstone now. `released` is the part of its
		/// deposit actually released (less than due only if the hold was reduced outside this
		/// pallet); `kept` the part kept on hold for the tombstone, for good (`None` for a
		/// genesis code, which never paid one).
		CodeRetired { code: CodeId, released: Option<DepositOf<T>>, kept: Option<DepositOf<T>> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The class code is not 1 to 4 upper-case ASCII letters and digits.
		InvalidClassCode,
		/// The name is empty, not UTF-8, or contains control, format (e.g. bidi overrides,
		/// zero-width characters) or line/paragraph separator characters.
		InvalidName,
		/// The name is longer than `MaxNameLen` bytes. Only genesis can hit this.
		NameTooLong,
		/// Another class already has this class code.
		ClassCodeInUse,
		/// Every class id has been used.
		NoClassIdLeft,
		/// No object class has this id.
		UnknownClass,
		/// The object class is retired: it takes no new codes.
		ClassRetired,
		/// A latitude outside ±90° or a longitude outside ±180° (in micro-degrees).
		InvalidLocation,
		/// No code has this id.
		UnknownCode,
		/// The parent code does not exist.
		UnknownParent,
		/// The parent code is retired.
		ParentRetired,
		/// The parent code is owned by another department than the issuer's: codes nest only
		/// under their own department's codes.
		ParentOfAnotherDepartment,
		/// The parent code is suspended: reactivate it first.
		ParentSuspended,
		/// The parent is already `MaxDepth` levels deep.
		TooDeep,
		/// The issuing department's prefix is not 1 to 8 upper-case letters and digits, so it
		/// cannot be written in a code.
		DepartmentPrefixUnusable,
		/// Another department's codes already carry this prefix.
		PrefixTaken,
		/// Every serial of this department and class has been used.
		NoSerialLeft,
		/// Every code id has been used.
		NoCodeIdLeft,
		/// The batch is empty.
		EmptyBatch,
		/// The signer cannot put the deposit on hold (too little free balance).
		CannotHoldDeposit,
		/// The signer's department does not own the code.
		NotOwner,
		/// The code is retired: nothing changes it any more.
		CodeRetired,
		/// The code is suspended: reactivate it first.
		CodeSuspended,
		/// The code is already suspended.
		AlreadySuspended,
		/// The code is not suspended.
		NotSuspended,
		/// The data asset does not exist.
		UnknownAsset,
		/// The data asset is retired.
		AssetRetired,
		/// The data asset belongs to another department than the code's owner.
		AssetOfAnotherDepartment,
		/// The data asset is already linked to the code.
		AssetAlreadyLinked,
		/// The code already has `MaxAssetsPerCode` linked assets.
		TooManyAssets,
		/// The data asset is not linked to the code.
		AssetNotLinked,
		/// The recipient department does not exist.
		UnknownDepartment,
		/// The recipient department is suspended.
		RecipientInactive,
		/// A code cannot be offered to the department that owns it.
		SameDepartment,
		/// The code is not offered to any department.
		NoTransferOffered,
		/// The code is offered to another department than the signer's.
		NotRecipient,
		/// The department offering the code (its owner) is suspended: its offers cannot be
		/// accepted until it is reactivated.
		OwnerSuspended,
		/// The code is already offered to a department: cancel that offer first.
		TransferAlreadyOffered,
		/// The signer's department neither owns the code nor is it offered the code.
		NotPartyToTransfer,
		/// The code has a parent: codes nest only under their own department's codes, so a
		/// child is not transferred on its own.
		CodeHasParent,
		/// The code has children (retired ones included): codes nest only under their own
		/// department's codes, so a parent is not transferred.
		CodeHasChildren,
		/// The code, or its owner department, is under legal hold: it is not retired or
		/// transferred until the council lifts the hold.
		UnderLegalHold,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Object classes, as `(code, name)`, e.g. `("DEV", "Device")`. They get ids
		/// `0, 1, 2, ...` in this order.
		pub classes: Vec<(Vec<u8>, Vec<u8>)>,
		/// Codes to issue, as `(issuer, class code, name, location, parent)`: the issuer must
		/// be a Steward or Operator of an active department; `location` is
		/// `(latitude, longitude)` in micro-degrees; `parent` is the id of an earlier, active
		/// code of the issuer's department (codes get ids `0, 1, 2, ...` in this order). No
		/// deposit is held.
		pub codes: Vec<(T::AccountId, Vec<u8>, Vec<u8>, Option<(i32, i32)>, Option<CodeId>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// An invalid entry aborts the build: an invalid catalogue must not start a chain.
		fn build(&self) {
			for (code, name) in &self.classes {
				let add = || -> Result<ClassId, DispatchError> {
					let code: ClassLabel =
						code.clone().try_into().map_err(|_| Error::<T>::InvalidClassCode)?;
					let name = Pallet::<T>::bounded_name(name.clone())?;
					Pallet::<T>::do_add_class(code, name)
				};
				add().unwrap_or_else(|e| panic!("invalid genesis class {code:?}: {e:?}"));
			}
			for (issuer, class, name, location, parent) in &self.codes {
				let issue = || -> Result<CodeId, DispatchError> {
					let department = T::Departments::ensure_role(issuer, &OPERATING_ROLES)?;
					let class: ClassLabel =
						class.clone().try_into().map_err(|_| Error::<T>::InvalidClassCode)?;
					let class = ClassByCode::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
					let new = NewCode {
						name: Pallet::<T>::bounded_name(name.clone())?,
						location: location
							.map(|(latitude, longitude)| Location { latitude, longitude }),
						attributes: None,
						parent: *parent,
					};
					Pallet::<T>::do_issue(department, None, class, core::slice::from_ref(&new))
						.map(|issued| issued.first_code)
				};
				issue().unwrap_or_else(|e| panic!("invalid genesis code {name:?}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				Pallet::<T>::city_label().is_some(),
				"CityPrefix must be 1 to 4 upper-case letters and digits"
			);
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxBatch::get() > 0, "MaxBatch must allow a code");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must allow an item");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add an object class codes may be issued in.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`.
		///
		/// - `code`: the class code written in city codes, 1 to 4 upper-case ASCII letters and
		///   digits (a longer one does not decode). Unique and fixed forever.
		/// - `name`: what the class means; non-empty UTF-8 without control, format or
		///   line/paragraph separator characters, at most `MaxNameLen` bytes.
		///
		/// The class gets the next free id.
		///
		/// # Events
		/// - `ObjectClassAdded`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `InvalidClassCode`, `InvalidName`: malformed input.
		/// - `ClassCodeInUse`: another class has this code.
		/// - `NoClassIdLeft`: every class id has been used.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_object_class())]
		pub fn add_object_class(
			origin: OriginFor<T>,
			code: ClassLabel,
			name: NameOf<T>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_add_class(code, name).map(|_| ())
		}

		/// Retire an object class: it takes no new codes. Its codes stay as they are, and
		/// its code is never given to another class.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`.
		///
		/// - `class`: the class to retire.
		///
		/// # Events
		/// - `ObjectClassRetired`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `UnknownClass`: no such class.
		/// - `ClassRetired`: it is retired already.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::retire_object_class())]
		pub fn retire_object_class(origin: OriginFor<T>, class: ClassId) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_retire_class(class)
		}

		/// Issue a city code to the signer's department.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` or `Operator` of
		/// an active department. The department issues and owns the code; its text carries the
		/// department's prefix forever. The chain assigns the next serial of the department
		/// and class. The signer pays `CodeDeposit` into a hold until the code is retired (or
		/// taken over by another department).
		///
		/// - `class`: an object class that is not retired.
		/// - `name`: display name; non-empty UTF-8 without control, format or line/paragraph
		///   separator characters, at most `MaxNameLen` bytes.
		/// - `location`: where the object is, if anywhere (micro-degrees, within ±90° / ±180°).
		/// - `attributes`: hash of the off-chain description, if any.
		/// - `parent`: the code of the object this one is part of; it must exist, be owned by
		///   the signer's department, be active (not suspended or retired) and be less than
		///   `MaxDepth` levels deep. Codes of other departments cannot be parents.
		///
		/// # Events
		/// - `CodeIssued`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended` (from the department
		///   registry): not a Steward or Operator of an active department.
		/// - `UnknownClass`, `ClassRetired`: no such class, or retired.
		/// - `InvalidName`, `InvalidLocation`: malformed input.
		/// - `UnknownParent`, `ParentOfAnotherDepartment`, `ParentRetired`, `ParentSuspended`,
		///   `TooDeep`: unusable parent.
		/// - `DepartmentPrefixUnusable`, `PrefixTaken`: the department's prefix cannot be
		///   written in a code, or another department's codes carry it.
		/// - `NoSerialLeft`, `NoCodeIdLeft`: numbers exhausted.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::issue_code())]
		pub fn issue_code(
			origin: OriginFor<T>,
			class: ClassId,
			name: NameOf<T>,
			location: Option<Location>,
			attributes: Option<[u8; 32]>,
			parent: Option<CodeId>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			let new = NewCode { name, location, attributes, parent };
			Self::do_issue_code(who, department, class, new)
		}

		/// Issue several codes of one class to the signer's department at once.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` or `Operator` of
		/// an active department. As `issue_code` for each entry, all or nothing: the codes get
		/// consecutive ids and serials in the order given, and one `CodesIssued` event (not
		/// one per code) names the ranges. A parent must exist before the batch and, as in
		/// `issue_code`, be an active code of the signer's department.
		///
		/// - `class`: an object class that is not retired.
		/// - `codes`: 1 to `MaxBatch` codes (a longer list does not decode), each with name,
		///   location, attributes and parent as in `issue_code`.
		///
		/// # Events
		/// - `CodesIssued`.
		///
		/// # Errors
		/// - As `issue_code`, for any entry; and `EmptyBatch`: no codes given.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::issue_codes_batch(codes.len().saturated_into()))]
		pub fn issue_codes_batch(
			origin: OriginFor<T>,
			class: ClassId,
			codes: BoundedVec<NewCodeOf<T>, T::MaxBatch>,
		) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_issue_batch(who, department, class, &codes)
		}

		/// Change what a code says about its object: name, location and attributes.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` or `Operator` of
		/// the active department that owns the code. The code must be active. Class, serial
		/// and parent never change.
		///
		/// - `code`: the code.
		/// - `name`, `location`, `attributes`: the new values, as in `issue_code` (all three
		///   are replaced).
		///
		/// # Events
		/// - `CodeUpdated`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `InvalidName`, `InvalidLocation`: malformed input.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `CodeRetired`, `CodeSuspended`: the code is not active.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::update_code())]
		pub fn update_code(
			origin: OriginFor<T>,
			code: CodeId,
			name: NameOf<T>,
			location: Option<Location>,
			attributes: Option<[u8; 32]>,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_update_code(department, code, name, location, attributes)
		}

		/// Link a data asset about the object to a code.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` or `Operator` of
		/// the active department that owns the code. The code must be active, and the asset
		/// active and owned by the same department: a department vouches only for its own
		/// data. Links made before a transfer stay until the new owner unlinks them.
		///
		/// - `code`: the code.
		/// - `asset`: the data asset.
		///
		/// # Events
		/// - `AssetLinked`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`, `CodeRetired`, `CodeSuspended`: as in `update_code`.
		/// - `UnknownAsset`, `AssetRetired`, `AssetOfAnotherDepartment`: unusable asset.
		/// - `AssetAlreadyLinked`: linked already.
		/// - `TooManyAssets`: the code has `MaxAssetsPerCode` assets.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::link_asset())]
		pub fn link_asset(origin: OriginFor<T>, code: CodeId, asset: AssetId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_link_asset(department, code, asset)
		}

		/// Unlink a data asset from a code.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` or `Operator` of
		/// the active department that owns the code. The code must be active. The asset need
		/// not exist any more.
		///
		/// - `code`: the code.
		/// - `asset`: the linked data asset.
		///
		/// # Events
		/// - `AssetUnlinked`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`, `CodeRetired`, `CodeSuspended`: as in `update_code`.
		/// - `AssetNotLinked`: the asset is not linked to the code.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unlink_asset())]
		pub fn unlink_asset(origin: OriginFor<T>, code: CodeId, asset: AssetId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::OperatorOrigin, T::Departments, _>(origin)?;
			Self::do_unlink_asset(department, code, asset)
		}

		/// Offer a code to another department, which becomes its owner when it accepts.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code. The code must be active, with no parent and no
		/// children: codes nest only under their own department's codes, so a code is
		/// transferred alone, never out of a hierarchy. One offer at a time: cancel a pending
		/// one first. The code's text never changes: it keeps the issuer's prefix. Data assets
		/// are transferred by the same rule.
		///
		/// - `code`: the code.
		/// - `to`: the recipient department, active and not the owner.
		///
		/// # Events
		/// - `TransferOffered`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`, `CodeRetired`, `CodeSuspended`: as in `update_code`.
		/// - `CodeHasParent`, `CodeHasChildren`: the code is part of a hierarchy.
		/// - `TransferAlreadyOffered`: an offer is pending.
		/// - `SameDepartment`: `to` owns the code.
		/// - `RecipientInactive`: `to` does not exist or is suspended.
		/// - `UnderLegalHold`: the code or its owner is under legal hold.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::offer_transfer())]
		pub fn offer_transfer(
			origin: OriginFor<T>,
			code: CodeId,
			to: DepartmentId,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_offer_transfer(department, code, to)
		}

		/// Withdraw a pending transfer offer (the owner) or decline it (the recipient).
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code or of the one it is offered to (whatever the code's
		/// status).
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `TransferCancelled`, `by` the signer's department.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`: no such code.
		/// - `NoTransferOffered`: no offer is pending.
		/// - `NotPartyToTransfer`: the signer's department is neither the owner nor the
		///   recipient.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_transfer())]
		pub fn cancel_transfer(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_cancel_transfer(department, code)
		}

		/// Accept a code offered to the signer's department, which becomes its owner.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department the code is offered to. The department offering it (the owner) must
		/// still be active: a suspended department's codes, and the assets linked to them, do
		/// not change hands until it is reactivated. The code must be active. The signer pays
		/// `CodeDeposit` into a hold, and the previous depositor gets its deposit back. The
		/// code's text, issuer, parent, children and linked assets do not change.
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `CodeTransferred`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`: no such code.
		/// - `NoTransferOffered`, `NotRecipient`: not offered, or offered to another
		///   department.
		/// - `OwnerSuspended`: the department offering the code is suspended.
		/// - `CodeRetired`, `CodeSuspended`: the code is not active.
		/// - `CodeHasChildren`: the owner issued a child under the code after the offer.
		/// - `UnderLegalHold`: the code or its owner was put under legal hold after the offer.
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::accept_transfer())]
		pub fn accept_transfer(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_accept_transfer(who, department, code)
		}

		/// Suspend a code: it still resolves (as suspended) but nothing changes it until it
		/// is reactivated or retired.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code.
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `CodeSuspended`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `CodeRetired`: the code is retired.
		/// - `AlreadySuspended`: it is suspended already.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::suspend_code())]
		pub fn suspend_code(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_suspend_code(department, code)
		}

		/// Reactivate a suspended code.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code.
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `CodeReactivated`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `CodeRetired`: the code is retired.
		/// - `NotSuspended`: it is active.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reactivate_code())]
		pub fn reactivate_code(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_reactivate_code(department, code)
		}

		/// Retire a code for good: it shrinks to a tombstone.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code. The code may be active or suspended. Its record
		/// stays readable and its text is never issued again, but its links to assets and its
		/// attributes hash are dropped; `CodeTombstoneDeposit` of its deposit stays held for
		/// good and the rest is released. A pending transfer offer is withdrawn. Its children
		/// keep it as their parent.
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `TransferCancelled`, if an offer was pending.
		/// - `CodeRetired`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `CodeRetired`: it is retired already.
		/// - `UnderLegalHold`: the code or its owner is under legal hold.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::retire_code())]
		pub fn retire_code(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			Self::do_retire_code(department, code)
		}
	}
}

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
	city_code::{self, CityCode, CodeError},
	ensure_department_origin, AssetId, AssetRegistry, DepartmentId, DepartmentRegistry, Role,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// The most entries a runtime API list returns per page.
pub const MAX_PAGE: u32 = 100;

/// Roles that may issue codes: what genesis checks of a code's issuer (calls check
/// [`Config::OperatorOrigin`]).
const OPERATING_ROLES: [Role; 2] = [Role::Steward, Role::Operator];

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
		/// A code's owner offered it to another department (replacing any earlier offer).
		TransferOffered { code: CodeId, from: DepartmentId, to: DepartmentId },
		/// A pending transfer offer was withdrawn.
		TransferCancelled { code: CodeId, to: DepartmentId },
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
		/// A code was retired for good. `released` is the deposit actually released (less
		/// than recorded only if the hold was reduced outside this pallet).
		CodeRetired { code: CodeId, released: Option<DepositOf<T>> },
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
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The most entries a runtime API list (`children`, `codes_of`) returns per page.
		fn max_page() -> u32 {
			MAX_PAGE
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
			let mut info = ObjectClasses::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
			ensure!(!info.retired, Error::<T>::ClassRetired);

			info.retired = true;
			ObjectClasses::<T>::insert(class, info);
			Self::deposit_event(Event::ObjectClassRetired { class });
			Ok(())
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
			let issued = Self::do_issue(department, Some(who), class, core::slice::from_ref(&new))?;
			Self::deposit_event(Event::CodeIssued {
				code: issued.first_code,
				department,
				class,
				serial: issued.first_serial,
				parent,
				deposit: issued.deposit,
			});
			Ok(())
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
			ensure!(!codes.is_empty(), Error::<T>::EmptyBatch);
			let issued = Self::do_issue(department, Some(who), class, &codes)?;
			Self::deposit_event(Event::CodesIssued {
				department,
				class,
				first_code: issued.first_code,
				first_serial: issued.first_serial,
				count: issued.count,
				deposit: issued.deposit,
			});
			Ok(())
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
			let name = Self::checked_name(name)?;
			Self::checked_location(&location)?;
			let mut record = Self::owned_active_code(code, department)?;

			record.name = name;
			record.location = location;
			record.attributes = attributes;
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::CodeUpdated { code });
			Ok(())
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
			let mut record = Self::owned_active_code(code, department)?;
			let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(info.active, Error::<T>::AssetRetired);
			ensure!(info.owner == record.owner, Error::<T>::AssetOfAnotherDepartment);
			ensure!(!record.assets.contains(&asset), Error::<T>::AssetAlreadyLinked);
			record.assets.try_push(asset).map_err(|_| Error::<T>::TooManyAssets)?;

			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::AssetLinked { code, asset });
			Ok(())
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
			let mut record = Self::owned_active_code(code, department)?;
			let at = record
				.assets
				.iter()
				.position(|linked| *linked == asset)
				.ok_or(Error::<T>::AssetNotLinked)?;

			record.assets.remove(at);
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::AssetUnlinked { code, asset });
			Ok(())
		}

		/// Offer a code to another department, which becomes its owner when it accepts.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code. The code must be active. A new offer replaces a
		/// pending one. The code's text never changes: it keeps the issuer's prefix.
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
		/// - `SameDepartment`: `to` owns the code.
		/// - `UnknownDepartment`, `RecipientInactive`: `to` does not exist, or is suspended.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::offer_transfer())]
		pub fn offer_transfer(
			origin: OriginFor<T>,
			code: CodeId,
			to: DepartmentId,
		) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let mut record = Self::owned_active_code(code, department)?;
			ensure!(to != department, Error::<T>::SameDepartment);
			ensure!(T::Departments::prefix(to).is_some(), Error::<T>::UnknownDepartment);
			ensure!(T::Departments::is_active(to), Error::<T>::RecipientInactive);

			record.transfer_to = Some(to);
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::TransferOffered { code, from: department, to });
			Ok(())
		}

		/// Withdraw a pending transfer offer.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code (whatever the code's status).
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `TransferCancelled`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `NoTransferOffered`: no offer is pending.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_transfer())]
		pub fn cancel_transfer(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let mut record = Self::owned_code(code, department)?;
			let to = record.transfer_to.take().ok_or(Error::<T>::NoTransferOffered)?;

			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::TransferCancelled { code, to });
			Ok(())
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
		/// - `CannotHoldDeposit`: the signer cannot pay the deposit.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::accept_transfer())]
		pub fn accept_transfer(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (who, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let mut record = Codes::<T>::get(code).ok_or(Error::<T>::UnknownCode)?;
			let to = record.transfer_to.ok_or(Error::<T>::NoTransferOffered)?;
			ensure!(to == department, Error::<T>::NotRecipient);
			ensure!(T::Departments::is_active(record.owner), Error::<T>::OwnerSuspended);
			Self::ensure_active(&record)?;
			let deposit = Self::new_deposit(&who, 1)?;

			let released = Self::release(record.deposit.take())?;
			if let Some(deposit) = &deposit {
				T::Currency::hold(&HoldReason::CodeDeposit.into(), &who, deposit.amount)?;
			}
			let from = record.owner;
			record.owner = department;
			record.transfer_to = None;
			record.deposit = deposit.clone();
			Codes::<T>::insert(code, record);
			DepartmentCodes::<T>::remove(from, code);
			DepartmentCodes::<T>::insert(department, code, ());
			Self::deposit_event(Event::CodeTransferred {
				code,
				from,
				to: department,
				deposit,
				released,
			});
			Ok(())
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
			let mut record = Self::owned_code(code, department)?;
			match record.status {
				CodeStatus::Active => {},
				CodeStatus::Suspended => return Err(Error::<T>::AlreadySuspended.into()),
				CodeStatus::Retired => return Err(Error::<T>::CodeRetired.into()),
			}

			record.status = CodeStatus::Suspended;
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::CodeSuspended { code });
			Ok(())
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
			let mut record = Self::owned_code(code, department)?;
			match record.status {
				CodeStatus::Suspended => {},
				CodeStatus::Active => return Err(Error::<T>::NotSuspended.into()),
				CodeStatus::Retired => return Err(Error::<T>::CodeRetired.into()),
			}

			record.status = CodeStatus::Active;
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::CodeReactivated { code });
			Ok(())
		}

		/// Retire a code for good, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by a `Steward` of the active
		/// department that owns the code. The code may be active or suspended. Its record
		/// stays readable and its text is never issued again; a pending transfer offer is
		/// dropped. Its children keep it as their parent.
		///
		/// - `code`: the code.
		///
		/// # Events
		/// - `CodeRetired`.
		///
		/// # Errors
		/// - `BadOrigin`, `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: wrong signer.
		/// - `UnknownCode`, `NotOwner`: no such code, or another department's.
		/// - `CodeRetired`: it is retired already.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::retire_code())]
		pub fn retire_code(origin: OriginFor<T>, code: CodeId) -> DispatchResult {
			let (_, department) =
				ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
			let mut record = Self::owned_code(code, department)?;
			ensure!(record.status != CodeStatus::Retired, Error::<T>::CodeRetired);

			let released = Self::release(record.deposit.take())?;
			record.status = CodeStatus::Retired;
			record.transfer_to = None;
			Codes::<T>::insert(code, record);
			Self::deposit_event(Event::CodeRetired { code, released });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Validates and adds an object class, returning its id. Used by the call and genesis.
		pub(crate) fn do_add_class(
			code: ClassLabel,
			name: NameOf<T>,
		) -> Result<ClassId, DispatchError> {
			ensure!(is_canonical_label::<4>(&code), Error::<T>::InvalidClassCode);
			let name = Self::checked_name(name)?;
			ensure!(!ClassByCode::<T>::contains_key(&code), Error::<T>::ClassCodeInUse);
			let class = NextClassId::<T>::get();
			let next = class.checked_add(1).ok_or(Error::<T>::NoClassIdLeft)?;

			NextClassId::<T>::put(next);
			ClassByCode::<T>::insert(&code, class);
			ObjectClasses::<T>::insert(
				class,
				ObjectClass { code: code.clone(), name: name.clone(), retired: false },
			);
			Self::deposit_event(Event::ObjectClassAdded { class, code, name });
			Ok(class)
		}

		/// Issues `codes` of `class` to `department`, holding a deposit from `depositor` for
		/// each (none for genesis). Verifies everything, then writes. The caller emits the
		/// event.
		pub(crate) fn do_issue(
			department: DepartmentId,
			depositor: Option<T::AccountId>,
			class: ClassId,
			codes: &[NewCodeOf<T>],
		) -> Result<Issued<T>, DispatchError> {
			let info = ObjectClasses::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
			ensure!(!info.retired, Error::<T>::ClassRetired);
			let count = u32::try_from(codes.len()).map_err(|_| Error::<T>::NoCodeIdLeft)?;
			// Bounded by `MaxBatch` (calls) or one code (genesis): a bounded loop.
			let mut depths = Vec::with_capacity(codes.len());
			for new in codes {
				Self::checked_name(new.name.clone())?;
				Self::checked_location(&new.location)?;
				depths.push(Self::checked_parent(new.parent, department)?);
			}
			let new_prefix = Self::new_issuer_prefix(department)?;
			let last_serial = LastSerial::<T>::get((department, class));
			let first_serial = last_serial.checked_add(1).ok_or(Error::<T>::NoSerialLeft)?;
			let last_serial = last_serial.checked_add(count).ok_or(Error::<T>::NoSerialLeft)?;
			let first_code = NextCodeId::<T>::get();
			let next_code =
				first_code.checked_add(u64::from(count)).ok_or(Error::<T>::NoCodeIdLeft)?;
			let deposit = match depositor {
				Some(depositor) => Self::new_deposit(&depositor, count)?,
				None => None,
			};

			if let Some(deposit) = &deposit {
				let total = deposit.amount.saturating_mul(count.into());
				T::Currency::hold(&HoldReason::CodeDeposit.into(), &deposit.depositor, total)?;
			}
			if let Some(prefix) = new_prefix {
				IssuerPrefixes::<T>::insert(department, &prefix);
				IssuerByPrefix::<T>::insert(&prefix, department);
			}
			LastSerial::<T>::insert((department, class), last_serial);
			NextCodeId::<T>::put(next_code);
			let issued_at = frame_system::Pallet::<T>::block_number();
			let mut code = first_code;
			let mut serial = first_serial;
			for (new, depth) in codes.iter().zip(depths) {
				let record = CodeRecord {
					issuer: department,
					class,
					serial,
					owner: department,
					name: new.name.clone(),
					location: new.location,
					attributes: new.attributes,
					parent: new.parent,
					depth,
					status: CodeStatus::Active,
					assets: Default::default(),
					transfer_to: None,
					deposit: deposit.clone(),
					issued_at,
				};
				Codes::<T>::insert(code, record);
				CodeByKey::<T>::insert((department, class, serial), code);
				DepartmentCodes::<T>::insert(department, code, ());
				if let Some(parent) = new.parent {
					Children::<T>::insert(parent, code, ());
				}
				code = code.saturating_add(1);
				serial = serial.saturating_add(1);
			}
			Ok(Issued { first_code, first_serial, count, deposit })
		}

		/// The deposit to hold from `who` for each of `count` new records, after checking it
		/// can pay all of them; `None` when `CodeDeposit` is zero.
		fn new_deposit(
			who: &T::AccountId,
			count: u32,
		) -> Result<Option<DepositOf<T>>, DispatchError> {
			let amount = T::CodeDeposit::get();
			if amount.is_zero() {
				return Ok(None);
			}
			let total = amount.saturating_mul(count.into());
			ensure!(
				T::Currency::can_hold(&HoldReason::CodeDeposit.into(), who, total),
				Error::<T>::CannotHoldDeposit
			);
			Ok(Some(Deposit { depositor: who.clone(), amount }))
		}

		/// Releases a recorded deposit to whoever paid it, best-effort: returns what was
		/// actually released, less than recorded only if the hold was reduced outside this
		/// pallet.
		fn release(deposit: Option<DepositOf<T>>) -> Result<Option<DepositOf<T>>, DispatchError> {
			let reason = HoldReason::CodeDeposit.into();
			deposit.map(|deposit| deposit.release::<T::Currency>(&reason)).transpose()
		}

		/// The prefix to record for `department` if it has never issued a code, after
		/// checking it can be written in a code and belongs to no other department; `None` if
		/// it is recorded already.
		fn new_issuer_prefix(department: DepartmentId) -> Result<Option<PrefixLabel>, Error<T>> {
			if IssuerPrefixes::<T>::contains_key(department) {
				return Ok(None);
			}
			let prefix = T::Departments::prefix(department).ok_or(Error::<T>::UnknownDepartment)?;
			let prefix: PrefixLabel =
				prefix.try_into().map_err(|_| Error::<T>::DepartmentPrefixUnusable)?;
			ensure!(is_canonical_label::<8>(&prefix), Error::<T>::DepartmentPrefixUnusable);
			ensure!(!IssuerByPrefix::<T>::contains_key(&prefix), Error::<T>::PrefixTaken);
			Ok(Some(prefix))
		}

		/// The depth a child of `parent` issued by `department` has, after checking the parent
		/// is usable: it exists, `department` owns it (cross-department nesting is not
		/// supported: the parent's owner could neither agree to nor detach the children), it
		/// is active and not `MaxDepth` levels deep already.
		fn checked_parent(
			parent: Option<CodeId>,
			department: DepartmentId,
		) -> Result<u32, Error<T>> {
			let Some(parent) = parent else { return Ok(0) };
			let record = Codes::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
			ensure!(record.owner == department, Error::<T>::ParentOfAnotherDepartment);
			match record.status {
				CodeStatus::Active => {},
				CodeStatus::Suspended => return Err(Error::<T>::ParentSuspended),
				CodeStatus::Retired => return Err(Error::<T>::ParentRetired),
			}
			record
				.depth
				.checked_add(1)
				.filter(|depth| *depth <= T::MaxDepth::get())
				.ok_or(Error::<T>::TooDeep)
		}

		/// The record of `code`, after checking `department` owns it.
		fn owned_code(code: CodeId, department: DepartmentId) -> Result<CodeRecordOf<T>, Error<T>> {
			let record = Codes::<T>::get(code).ok_or(Error::<T>::UnknownCode)?;
			ensure!(record.owner == department, Error::<T>::NotOwner);
			Ok(record)
		}

		/// The record of `code`, after checking `department` owns it and it is active.
		fn owned_active_code(
			code: CodeId,
			department: DepartmentId,
		) -> Result<CodeRecordOf<T>, Error<T>> {
			let record = Self::owned_code(code, department)?;
			Self::ensure_active(&record)?;
			Ok(record)
		}

		fn ensure_active(record: &CodeRecordOf<T>) -> Result<(), Error<T>> {
			match record.status {
				CodeStatus::Active => Ok(()),
				CodeStatus::Suspended => Err(Error::<T>::CodeSuspended),
				CodeStatus::Retired => Err(Error::<T>::CodeRetired),
			}
		}

		/// `name` bounded to `MaxNameLen` bytes, for genesis (calls take it bounded already).
		pub(crate) fn bounded_name(name: Vec<u8>) -> Result<NameOf<T>, Error<T>> {
			name.try_into().map_err(|_| Error::<T>::NameTooLong)
		}

		/// Checks that a name is non-empty UTF-8 without characters that are invisible or
		/// change how text around them displays: see [`city_primitives::is_display_text`].
		fn checked_name(name: NameOf<T>) -> Result<NameOf<T>, Error<T>> {
			ensure!(city_primitives::is_display_text(&name), Error::<T>::InvalidName);
			Ok(name)
		}

		fn checked_location(location: &Option<Location>) -> Result<(), Error<T>> {
			ensure!(location.is_none_or(|l| l.is_valid()), Error::<T>::InvalidLocation);
			Ok(())
		}

		/// The configured city prefix as a code label, if it is one.
		fn city_label() -> Option<city_code::CityPrefix> {
			let city = T::CityPrefix::get();
			is_canonical_label::<4>(&city).then(|| city_code::Label::new(&city)).flatten()
		}

		/// The parts of a code's text.
		fn city_code(record: &CodeRecordOf<T>) -> Option<CityCode> {
			let prefix = IssuerPrefixes::<T>::get(record.issuer)?;
			let class = ObjectClasses::<T>::get(record.class)?;
			CityCode::new(&T::CityPrefix::get(), &prefix, &class.code, record.serial).ok()
		}

		fn view(code: CodeId, record: CodeRecordOf<T>) -> CodeViewOf<T> {
			let text =
				Self::city_code(&record).map(|parts| parts.to_text().to_vec()).unwrap_or_default();
			CodeView {
				id: code,
				text,
				record: CodeRecord {
					issuer: record.issuer,
					class: record.class,
					serial: record.serial,
					owner: record.owner,
					name: record.name.into_inner(),
					location: record.location,
					attributes: record.attributes,
					parent: record.parent,
					depth: record.depth,
					status: record.status,
					assets: record.assets.into_inner(),
					transfer_to: record.transfer_to,
					deposit: record.deposit,
					issued_at: record.issued_at,
				},
			}
		}

		/// Resolves a code's text (any letter case) to its record: `Err` says why not. A
		/// retired code is an error that carries its record; a suspended one resolves, with
		/// its status. Reads at most six storage entries, whatever `text` is:
		/// `IssuerByPrefix`, `ClassByCode`, `CodeByKey` and `Codes` to find the record, then
		/// `IssuerPrefixes` and `ObjectClasses` to write its canonical text.
		pub fn resolve(text: &[u8]) -> Result<CodeViewOf<T>, ResolveErrorOf<T>> {
			let parts = CityCode::parse(text).map_err(|error| match error {
				CodeError::WrongCheck => ResolveError::WrongCheckCharacter,
				other => ResolveError::Malformed(other),
			})?;
			ensure!(
				parts.city.as_bytes() == T::CityPrefix::get().as_slice(),
				ResolveError::UnknownCity
			);
			let prefix: PrefixLabel = parts
				.department
				.as_bytes()
				.to_vec()
				.try_into()
				.map_err(|_| ResolveError::UnknownDepartmentPrefix)?;
			let issuer =
				IssuerByPrefix::<T>::get(prefix).ok_or(ResolveError::UnknownDepartmentPrefix)?;
			let class: ClassLabel = parts
				.class
				.as_bytes()
				.to_vec()
				.try_into()
				.map_err(|_| ResolveError::UnknownClass)?;
			let class = ClassByCode::<T>::get(class).ok_or(ResolveError::UnknownClass)?;
			let code = CodeByKey::<T>::get((issuer, class, parts.serial))
				.ok_or(ResolveError::UnknownCode)?;
			let record = Codes::<T>::get(code).ok_or(ResolveError::UnknownCode)?;
			let view = Self::view(code, record);
			match view.record.status {
				CodeStatus::Retired => Err(ResolveError::Retired(view)),
				_ => Ok(view),
			}
		}

		/// The canonical text of a code, if it exists.
		pub fn format(code: CodeId) -> Option<Vec<u8>> {
			Self::entry(code).map(|entry| entry.text)
		}

		/// A code's id, canonical text and status, if it exists.
		pub fn entry(id: CodeId) -> Option<CodeEntry> {
			let record = Codes::<T>::get(id)?;
			let text = Self::city_code(&record)?.to_text().to_vec();
			Some(CodeEntry { id, text, status: record.status })
		}

		/// One page of the codes whose parent is `code`: at most `limit` (capped at
		/// [`MAX_PAGE`]), after `start_after` (the last id of the previous page), in storage
		/// order (not by id).
		pub fn children(code: CodeId, start_after: Option<CodeId>, limit: u32) -> Vec<CodeEntry> {
			let keys = match start_after {
				Some(after) => Children::<T>::iter_key_prefix_from(
					code,
					Children::<T>::hashed_key_for(code, after),
				),
				None => Children::<T>::iter_key_prefix(code),
			};
			Self::entries(keys, limit)
		}

		/// One page of the codes `department` owns, retired ones included: at most `limit`
		/// (capped at [`MAX_PAGE`]), after `start_after`, in storage order.
		pub fn codes_of(
			department: DepartmentId,
			start_after: Option<CodeId>,
			limit: u32,
		) -> Vec<CodeEntry> {
			let keys = match start_after {
				Some(after) => DepartmentCodes::<T>::iter_key_prefix_from(
					department,
					DepartmentCodes::<T>::hashed_key_for(department, after),
				),
				None => DepartmentCodes::<T>::iter_key_prefix(department),
			};
			Self::entries(keys, limit)
		}

		fn entries(keys: impl Iterator<Item = CodeId>, limit: u32) -> Vec<CodeEntry> {
			let limit = usize::try_from(limit.min(MAX_PAGE)).unwrap_or_default();
			keys.take(limit).filter_map(Self::entry).collect()
		}

		/// Checks the pallet's storage invariants:
		///
		/// 1. Every class id is below `NextClassId`, its code is well-formed and
		///    `ClassByCode` maps it back, with no other entries.
		/// 2. `IssuerPrefixes` and `IssuerByPrefix` mirror each other; every prefix is
		///    well-formed.
		/// 3. Every code: id below `NextCodeId`; its class and issuer prefix exist;
		///    `CodeByKey` maps its key back to it; `1 <= serial <= LastSerial` of its issuer
		///    and class (so serials never repeat); name and location are well-formed; a parent
		///    exists, has a smaller id, depth is the parent's plus one (0 without parent) and
		///    at most `MaxDepth`, and `Children` has the entry; `DepartmentCodes` has the
		///    `(owner, code)` entry; a pending transfer is not to the owner; a retired code
		///    holds no deposit and has no offer; a recorded deposit is non-zero.
		/// 4. `CodeByKey`, `Children` and `DepartmentCodes` have no other entries.
		/// 5. For every depositor, the recorded deposits add up to exactly what is on hold
		///    from it for [`HoldReason::CodeDeposit`].
		///
		/// Off-chain only (`try-runtime` and tests): iterates over whole maps.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use sp_runtime::traits::CheckedAdd;

			let next_class = NextClassId::<T>::get();
			let mut classes = 0usize;
			for (class, info) in ObjectClasses::<T>::iter() {
				classes = classes.saturating_add(1);
				ensure!(class < next_class, "class id not below NextClassId");
				ensure!(is_canonical_label::<4>(&info.code), "class code is malformed");
				ensure!(
					ClassByCode::<T>::get(&info.code) == Some(class),
					"ClassByCode does not point back to the class"
				);
			}
			ensure!(
				ClassByCode::<T>::iter_keys().count() == classes,
				"ClassByCode has entries of no class"
			);

			let mut prefixes = 0usize;
			for (department, prefix) in IssuerPrefixes::<T>::iter() {
				prefixes = prefixes.saturating_add(1);
				ensure!(is_canonical_label::<8>(&prefix), "issuer prefix is malformed");
				ensure!(
					IssuerByPrefix::<T>::get(&prefix) == Some(department),
					"IssuerByPrefix does not mirror IssuerPrefixes"
				);
			}
			ensure!(
				IssuerByPrefix::<T>::iter_keys().count() == prefixes,
				"IssuerByPrefix has entries IssuerPrefixes has not"
			);

			let next_code = NextCodeId::<T>::get();
			let mut codes = 0usize;
			let mut with_parent = 0usize;
			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (code, record) in Codes::<T>::iter() {
				codes = codes.saturating_add(1);
				ensure!(code < next_code, "code id not below NextCodeId");
				ensure!(ObjectClasses::<T>::contains_key(record.class), "code of an unknown class");
				ensure!(
					IssuerPrefixes::<T>::contains_key(record.issuer),
					"code of an issuer without prefix"
				);
				ensure!(
					CodeByKey::<T>::get((record.issuer, record.class, record.serial)) == Some(code),
					"CodeByKey does not point back to the code"
				);
				ensure!(
					record.serial >= 1
						&& record.serial <= LastSerial::<T>::get((record.issuer, record.class)),
					"serial not within 1..=LastSerial"
				);
				ensure!(Self::checked_name(record.name.clone()).is_ok(), "code name is malformed");
				ensure!(Self::checked_location(&record.location).is_ok(), "location out of range");
				match record.parent {
					Some(parent) => {
						with_parent = with_parent.saturating_add(1);
						let parent_record =
							Codes::<T>::get(parent).ok_or("parent code does not exist")?;
						ensure!(parent < code, "parent issued after its child");
						ensure!(
							Some(record.depth) == parent_record.depth.checked_add(1),
							"depth is not the parent's plus one"
						);
						ensure!(
							Children::<T>::contains_key(parent, code),
							"Children misses a child"
						);
					},
					None => ensure!(record.depth == 0, "depth is not the parent's plus one"),
				}
				ensure!(record.depth <= T::MaxDepth::get(), "deeper than MaxDepth");
				ensure!(
					DepartmentCodes::<T>::contains_key(record.owner, code),
					"DepartmentCodes misses a code"
				);
				ensure!(record.transfer_to != Some(record.owner), "code offered to its owner");
				if record.status == CodeStatus::Retired {
					ensure!(
						record.deposit.is_none() && record.transfer_to.is_none(),
						"retired code holds a deposit or an offer"
					);
				}
				if let Some(deposit) = record.deposit {
					ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
					let total = deposits.entry(deposit.depositor).or_default();
					*total = total
						.checked_add(&deposit.amount)
						.ok_or("recorded deposits of one depositor overflow")?;
				}
			}
			ensure!(CodeByKey::<T>::iter_keys().count() == codes, "CodeByKey has stray entries");
			ensure!(
				Children::<T>::iter_keys().count() == with_parent,
				"Children has stray entries"
			);
			ensure!(
				DepartmentCodes::<T>::iter_keys().count() == codes,
				"DepartmentCodes has stray entries"
			);

			let reason: T::RuntimeHoldReason = HoldReason::CodeDeposit.into();
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

/// What `do_issue` issued: ids `first_code ..` and serials `first_serial ..`, `count` of
/// each, with `deposit` held for each code.
pub(crate) struct Issued<T: Config> {
	first_code: CodeId,
	first_serial: Serial,
	count: u32,
	deposit: Option<DepositOf<T>>,
}

/// Whether `label` is 1 to `N` upper-case ASCII letters and digits: a field as written in the
/// canonical form of a code.
pub(crate) fn is_canonical_label<const N: usize>(label: &[u8]) -> bool {
	!label.is_empty()
		&& label.len() <= N
		&& label.iter().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
}

/// The runtime API: resolve a code's text, list a code's children and a department's codes,
/// look a code up by id. The runtime forwards each method to the [`Pallet`] function of the
/// same name.
pub mod runtime_api {
	use super::*;
	use alloc::vec::Vec;

	sp_api::decl_runtime_apis! {
		/// City codes as clients see them.
		#[api_version(2)]
		pub trait CityCodesApi<AccountId, Balance, BlockNumber>
		where
			AccountId: codec::Codec,
			Balance: codec::Codec,
			BlockNumber: codec::Codec,
		{
			/// The record a code's text (any letter case) names, or why there is none:
			/// malformed (which part), wrong check character, unknown city, department
			/// prefix, class or code, or retired (with the record). Suspended codes resolve.
			fn resolve(
				code: Vec<u8>,
			) -> Result<
				CodeView<AccountId, Balance, BlockNumber>,
				ResolveError<AccountId, Balance, BlockNumber>,
			>;

			/// Up to `limit` (at most `MAX_PAGE`) codes whose parent is `code`, after
			/// `start_after` (the last id of the previous page; `None` for the first page).
			fn children(code: CodeId, start_after: Option<CodeId>, limit: u32) -> Vec<CodeEntry>;

			/// Up to `limit` (at most `MAX_PAGE`) codes `department` owns, retired ones
			/// included, after `start_after` (`None` for the first page).
			fn codes_of(
				department: DepartmentId,
				start_after: Option<CodeId>,
				limit: u32,
			) -> Vec<CodeEntry>;

			/// The code with this id: its canonical text (e.g. `BJ.TRF/DEV/000123-X`) and
			/// status; `None` if no code has this id.
			///
			/// Version 2 replaced version 1's `format(code) -> Option<Vec<u8>>`, which
			/// @polkadot/api mis-decoded (a top-level `Option<Bytes>` result).
			fn code(code: CodeId) -> Option<CodeEntry>;
		}
	}
}

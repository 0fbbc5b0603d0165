#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use city_primitives::{DepartmentId, DepartmentRegistry, Role};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// The most entries one page of a listing query (runtime API) returns.
pub const PAGE_LIMIT: u32 = 100;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, InspectHold, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{StaticLookup, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, so the member deposit can be held under
		/// [`HoldReason::MemberDeposit`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which member deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The governance origin that registers, renames, suspends and reactivates departments,
		/// and may manage any department's members (recovery). `EnsureRoot` (through sudo) for
		/// now.
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The balance an admin pays into a hold for every member it adds, returned when that
		/// member is removed. Covers the storage a membership takes; members added by the
		/// registrar or at genesis pay none. Zero disables deposits.
		#[pallet::constant]
		type MemberDeposit: Get<BalanceOf<Self>>;

		/// The longest department name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest department code prefix, in bytes. City codes embed it, so keep it short.
		#[pallet::constant]
		type MaxPrefixLen: Get<u32>;

		/// The most accounts that may act for one department.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Held from the admin who added a member, for as long as the member exists.
		#[codec(index = 0)]
		MemberDeposit,
	}

	/// The id the next registered department gets. Ids are never reused.
	#[pallet::storage]
	pub type NextDepartmentId<T> = StorageValue<_, DepartmentId, ValueQuery>;

	/// Registered departments, by id.
	#[pallet::storage]
	pub type Departments<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, DepartmentInfoOf<T>, OptionQuery>;

	/// The department owning each code prefix: keeps prefixes unique.
	#[pallet::storage]
	pub type DepartmentByPrefix<T: Config> =
		StorageMap<_, Blake2_128Concat, PrefixOf<T>, DepartmentId, OptionQuery>;

	/// The department each account acts for, its role there and the deposit held for it.
	///
	/// What other pallets' checks read. An account appears at most once: it acts for at most
	/// one department.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, MembershipOf<T>, OptionQuery>;

	/// Each department's members with their roles, to list a department's members by its id.
	///
	/// Mirrors [`Members`]: an entry `(department, account) => role` exists exactly when
	/// `Members[account]` is in `department` with `role`.
	#[pallet::storage]
	pub type DepartmentMembers<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DepartmentId,
		Blake2_128Concat,
		T::AccountId,
		Role,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A department was registered, active and without members.
		DepartmentRegistered {
			department: DepartmentId,
			name: DepartmentNameOf<T>,
			prefix: PrefixOf<T>,
		},
		/// A department's display name changed.
		DepartmentRenamed { department: DepartmentId, name: DepartmentNameOf<T> },
		/// A department was suspended: its members can do nothing until it is reactivated.
		DepartmentSuspended { department: DepartmentId },
		/// A suspended department was reactivated: its members may act again.
		DepartmentReactivated { department: DepartmentId },
		/// An account now acts for a department. `deposit` is what was held from the admin who
		/// added it (`None` when the registrar did).
		MemberAdded {
			department: DepartmentId,
			who: T::AccountId,
			role: Role,
			deposit: Option<DepositOf<T>>,
		},
		/// A member's role changed.
		MemberRoleChanged {
			department: DepartmentId,
			who: T::AccountId,
			old_role: Role,
			new_role: Role,
		},
		/// An account no longer acts for a department: an admin or the registrar removed it.
		/// `deposit` is what was actually released to the account that paid it (`None` if no
		/// deposit was recorded); less than recorded only if the hold was reduced outside this
		/// pallet.
		MemberRemoved {
			department: DepartmentId,
			who: T::AccountId,
			role: Role,
			deposit: Option<DepositOf<T>>,
		},
		/// An account stopped acting for its department of its own accord (`leave_department`).
		/// `deposit` is as in `MemberRemoved`.
		MemberLeft {
			department: DepartmentId,
			who: T::AccountId,
			role: Role,
			deposit: Option<DepositOf<T>>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No department has this id.
		UnknownDepartment,
		/// The name is empty, not UTF-8, or contains control, format (e.g. bidi overrides,
		/// zero-width characters) or line/paragraph separator characters.
		InvalidName,
		/// The name is longer than `MaxNameLen` bytes. Only genesis can hit this: calls take a
		/// bounded name, so a longer one does not even decode.
		NameTooLong,
		/// The department already has this name.
		NameUnchanged,
		/// The prefix is empty or has characters other than `A`-`Z` and `0`-`9`.
		InvalidPrefix,
		/// The prefix is longer than `MaxPrefixLen` bytes. Only genesis can hit this: calls take
		/// a bounded prefix, so a longer one does not even decode.
		PrefixTooLong,
		/// Another department already has this prefix.
		PrefixInUse,
		/// Every department id has been used.
		NoDepartmentIdLeft,
		/// The department is already suspended.
		AlreadySuspended,
		/// The department is not suspended.
		NotSuspended,
		/// The department is suspended: its members can do nothing.
		DepartmentSuspended,
		/// The account does not act for any department.
		NotMember,
		/// The account's role does not allow this.
		RoleNotAllowed,
		/// The account already acts for a department (this one or another): remove it first.
		AlreadyMember,
		/// An admin may manage only its own department's members.
		WrongDepartment,
		/// The department already has `MaxMembers` members.
		TooManyMembers,
		/// The member already has this role.
		RoleUnchanged,
		/// An admin may not remove, demote or withdraw the department's last admin.
		LastAdmin,
		/// The admin cannot put the member deposit on hold (too little free balance).
		CannotHoldDeposit,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Departments to register, as `(name, prefix)`. They get ids `0, 1, 2, ...` in this
		/// order and start active.
		pub departments: Vec<(Vec<u8>, Vec<u8>)>,
		/// Members, as `(account, department id, role)`. No deposit is held for them.
		pub members: Vec<(T::AccountId, DepartmentId, Role)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Genesis has no error channel: an invalid registry must not start a chain, so an invalid
		/// entry aborts the build (the node reports the message from `build-spec` or at start-up,
		/// before any block exists). Every runtime preset is built in the runtime's tests.
		fn build(&self) {
			for (name, prefix) in &self.departments {
				let register = || -> Result<DepartmentId, DispatchError> {
					let name = Pallet::<T>::bounded_name(name.clone())?;
					let prefix = Pallet::<T>::bounded_prefix(prefix.clone())?;
					Pallet::<T>::do_register_department(name, prefix)
				};
				register()
					.unwrap_or_else(|e| panic!("invalid genesis department {prefix:?}: {e:?}"));
			}
			for (who, department, role) in &self.members {
				Pallet::<T>::do_add_member(*department, who.clone(), *role, None)
					.unwrap_or_else(|e| panic!("invalid genesis member {who:?}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxPrefixLen::get() > 0, "MaxPrefixLen must allow a prefix");
			assert!(T::MaxMembers::get() > 0, "MaxMembers must allow a member");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a new department, active and without members.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`. Add the first admin
		/// with `add_member` (in the same `batch_all` to avoid a department without one).
		///
		/// - `name`: display name; non-empty UTF-8 without control, format or line/paragraph
		///   separator characters, at most `MaxNameLen` bytes (a longer one does not decode).
		///   Need not be unique.
		/// - `prefix`: short code prefix, `A`-`Z` and `0`-`9` only, at most `MaxPrefixLen` bytes
		///   (a longer one does not decode). Unique and fixed forever, because city codes embed
		///   it.
		///
		/// The department gets the next free id.
		///
		/// # Events
		/// - `DepartmentRegistered`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `InvalidName`, `InvalidPrefix`: malformed input.
		/// - `PrefixInUse`: another department has this prefix.
		/// - `NoDepartmentIdLeft`: every id has been used.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_department())]
		pub fn register_department(
			origin: OriginFor<T>,
			name: DepartmentNameOf<T>,
			prefix: PrefixOf<T>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_register_department(name, prefix).map(|_| ())
		}

		/// Change a department's display name.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`. The prefix never
		/// changes.
		///
		/// - `department`: the department to rename.
		/// - `name`: the new name; non-empty UTF-8 without control, format or line/paragraph
		///   separator characters, at most `MaxNameLen` bytes (a longer one does not decode).
		///
		/// # Events
		/// - `DepartmentRenamed`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `InvalidName`: malformed name.
		/// - `UnknownDepartment`: no such department.
		/// - `NameUnchanged`: the department already has this name.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::rename_department())]
		pub fn rename_department(
			origin: OriginFor<T>,
			department: DepartmentId,
			name: DepartmentNameOf<T>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			let name = Self::checked_name(name)?;
			let mut info =
				Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			ensure!(info.name != name, Error::<T>::NameUnchanged);

			info.name = name.clone();
			Departments::<T>::insert(department, info);
			Self::deposit_event(Event::DepartmentRenamed { department, name });
			Ok(())
		}

		/// Suspend a department: its members can do nothing until it is reactivated.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`. The emergency brake,
		/// e.g. when a department's keys are compromised; the registrar can still manage its
		/// members while it is suspended. Nothing is deleted.
		///
		/// - `department`: the department to suspend.
		///
		/// # Events
		/// - `DepartmentSuspended`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `UnknownDepartment`: no such department.
		/// - `AlreadySuspended`: it is suspended already.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_department())]
		pub fn suspend_department(
			origin: OriginFor<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_set_status(
				department,
				DepartmentStatus::Suspended,
				Error::<T>::AlreadySuspended,
			)?;
			Self::deposit_event(Event::DepartmentSuspended { department });
			Ok(())
		}

		/// Reactivate a suspended department: its members may act again.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin`.
		///
		/// - `department`: the department to reactivate.
		///
		/// # Events
		/// - `DepartmentReactivated`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `UnknownDepartment`: no such department.
		/// - `NotSuspended`: it is active already.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reactivate_department())]
		pub fn reactivate_department(
			origin: OriginFor<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_set_status(department, DepartmentStatus::Active, Error::<T>::NotSuspended)?;
			Self::deposit_event(Event::DepartmentReactivated { department });
			Ok(())
		}

		/// Make an account act for a department with a role.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of the active
		/// `department`, or be the `RegistrarOrigin` (any department, suspended or not).
		///
		/// An admin pays `MemberDeposit` into a hold, released to it when the member is removed
		/// or leaves; the registrar pays nothing. `who` is not asked: it may leave at any time
		/// with `leave_department`.
		///
		/// - `department`: the department the account will act for.
		/// - `who`: the account; it must not act for any department yet.
		/// - `role`: what it may do there.
		///
		/// # Events
		/// - `MemberAdded`.
		///
		/// # Errors
		/// - `BadOrigin`: neither signed nor the registrar.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an admin of
		///   an active department.
		/// - `UnknownDepartment`: no such department (checked before `WrongDepartment`).
		/// - `WrongDepartment`: the signer is an admin of another department.
		/// - `AlreadyMember`: `who` already acts for a department.
		/// - `TooManyMembers`: the department has `MaxMembers` members.
		/// - `CannotHoldDeposit`: the admin cannot pay the deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_member())]
		pub fn add_member(
			origin: OriginFor<T>,
			department: DepartmentId,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let manager = Self::ensure_manager(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::ensure_manages(&manager, department)?;
			let deposit = match manager {
				Manager::Registrar => None,
				Manager::Admin { who: depositor, .. } => {
					let amount = T::MemberDeposit::get();
					(!amount.is_zero()).then_some(Deposit { depositor, amount })
				},
			};
			Self::do_add_member(department, who, role, deposit)
		}

		/// Change a member's role.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of the member's
		/// active department, or be the `RegistrarOrigin`.
		///
		/// An admin may demote itself or another admin, but never the department's last admin.
		/// The registrar may (recovery); the department then has no admin until the registrar
		/// adds or promotes one. The deposit stays with whoever paid it.
		///
		/// - `who`: the member.
		/// - `role`: its new role.
		///
		/// # Events
		/// - `MemberRoleChanged`.
		///
		/// # Errors
		/// - `BadOrigin`: neither signed nor the registrar.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an admin of
		///   an active department.
		/// - `NotMember`: `who` does not act for any department.
		/// - `WrongDepartment`: `who` acts for another department than the signer's.
		/// - `RoleUnchanged`: `who` already has `role`.
		/// - `LastAdmin`: an admin tried to demote the last admin.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_member_role())]
		pub fn set_member_role(
			origin: OriginFor<T>,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let manager = Self::ensure_manager(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
			let department = membership.department;
			Self::ensure_manages(&manager, department)?;
			let old_role = membership.role;
			ensure!(old_role != role, Error::<T>::RoleUnchanged);
			let mut info =
				Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			if old_role == Role::Admin {
				Self::ensure_not_last_admin(&manager, &info)?;
				info.admin_count = info.admin_count.saturating_sub(1);
			} else if role == Role::Admin {
				info.admin_count = info.admin_count.saturating_add(1);
			}

			membership.role = role;
			Members::<T>::insert(&who, membership);
			DepartmentMembers::<T>::insert(department, &who, role);
			Departments::<T>::insert(department, info);
			Self::deposit_event(Event::MemberRoleChanged {
				department,
				who,
				old_role,
				new_role: role,
			});
			Ok(())
		}

		/// Stop an account acting for its department, and release its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of the member's
		/// active department, or be the `RegistrarOrigin`.
		///
		/// An admin may remove itself or another admin, but never the department's last admin.
		/// The registrar may (recovery, e.g. a compromised admin key); the department then has no
		/// admin until the registrar adds one. The deposit goes back to whoever paid it, even if
		/// that account no longer acts for the department.
		///
		/// - `who`: the member to remove.
		///
		/// # Events
		/// - `MemberRemoved`.
		///
		/// # Errors
		/// - `BadOrigin`: neither signed nor the registrar.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an admin of
		///   an active department.
		/// - `NotMember`: `who` does not act for any department.
		/// - `WrongDepartment`: `who` acts for another department than the signer's.
		/// - `LastAdmin`: an admin tried to remove the last admin.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_member())]
		pub fn remove_member(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			let manager = Self::ensure_manager(origin)?;
			let who = T::Lookup::lookup(who)?;
			let membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
			let department = membership.department;
			Self::ensure_manages(&manager, department)?;
			let info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			if membership.role == Role::Admin {
				Self::ensure_not_last_admin(&manager, &info)?;
			}

			let deposit = Self::do_remove_member(&who, &membership, info)?;
			Self::deposit_event(Event::MemberRemoved {
				department,
				who,
				role: membership.role,
				deposit,
			});
			Ok(())
		}

		/// Stop acting for one's department, and release the deposit held for the membership.
		///
		/// The dispatch origin for this call must be _Signed_ by the member itself. Whoever added
		/// an account never needs its consent, so every member may leave, in any role, even
		/// while its department is suspended (leaving takes no power away from anyone but the
		/// leaver) — except the department's last admin, who must first have another admin
		/// added or promoted, or ask the registrar to remove it. The deposit goes back to
		/// whoever paid it, not to the leaver. Once gone, the account may join any department.
		///
		/// No parameters: the member and its department are the signer's.
		///
		/// # Events
		/// - `MemberLeft`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`: the signer does not act for any department.
		/// - `LastAdmin`: the signer is its department's last admin.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::leave_department())]
		pub fn leave_department(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
			let department = membership.department;
			let info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			if membership.role == Role::Admin {
				ensure!(info.admin_count > 1, Error::<T>::LastAdmin);
			}

			let deposit = Self::do_remove_member(&who, &membership, info)?;
			Self::deposit_event(Event::MemberLeft {
				department,
				who,
				role: membership.role,
				deposit,
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks that `who` is a member of an active department with one of `roles`, and returns
		/// that department. See [`DepartmentRegistry::ensure_role`].
		pub fn ensure_role(
			who: &T::AccountId,
			roles: &[Role],
		) -> Result<DepartmentId, DispatchError> {
			let membership = Members::<T>::get(who).ok_or(Error::<T>::NotMember)?;
			let info = Departments::<T>::get(membership.department)
				.ok_or(Error::<T>::UnknownDepartment)?;
			ensure!(info.status == DepartmentStatus::Active, Error::<T>::DepartmentSuspended);
			ensure!(roles.contains(&membership.role), Error::<T>::RoleNotAllowed);
			Ok(membership.department)
		}

		/// The department with this id, if it exists. See [`crate::runtime_api`].
		pub fn department(department: DepartmentId) -> Option<DepartmentInfoOf<T>> {
			Departments::<T>::get(department)
		}

		/// The department with this prefix, if any. Unknown, over-long or lower-case prefixes
		/// find nothing.
		pub fn department_by_prefix(prefix: Vec<u8>) -> Option<DepartmentId> {
			let prefix = PrefixOf::<T>::try_from(prefix).ok()?;
			DepartmentByPrefix::<T>::get(prefix)
		}

		/// Departments in id order after `start_after`, at most `min(limit, PAGE_LIMIT)`.
		/// Departments are never deleted, so ids are dense and this reads exactly the page.
		pub fn departments(
			start_after: Option<DepartmentId>,
			limit: u32,
		) -> Vec<(DepartmentId, DepartmentInfoOf<T>)> {
			let first = match start_after {
				None => 0,
				Some(id) => match id.checked_add(1) {
					Some(next) => next,
					None => return Vec::new(),
				},
			};
			let end = NextDepartmentId::<T>::get().min(first.saturating_add(limit.min(PAGE_LIMIT)));
			(first..end).filter_map(|id| Departments::<T>::get(id).map(|info| (id, info))).collect()
		}

		/// The department `who` acts for and its role there.
		pub fn membership_of(who: &T::AccountId) -> Option<(DepartmentId, Role)> {
			Members::<T>::get(who).map(|membership| (membership.department, membership.role))
		}

		/// Every member of `department` with its role: at most `MaxMembers` entries.
		pub fn members(department: DepartmentId) -> Vec<(T::AccountId, Role)> {
			DepartmentMembers::<T>::iter_prefix(department)
				.take(T::MaxMembers::get() as usize)
				.collect()
		}

		/// Moves an existing department to `status`; `unchanged` is the error when it is there
		/// already. Used by `suspend_department` and `reactivate_department`.
		fn do_set_status(
			department: DepartmentId,
			status: DepartmentStatus,
			unchanged: Error<T>,
		) -> DispatchResult {
			let mut info =
				Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			ensure!(info.status != status, unchanged);
			info.status = status;
			Departments::<T>::insert(department, info);
			Ok(())
		}

		/// Validates and registers a department, returning its id. Used by the call and genesis.
		pub(crate) fn do_register_department(
			name: DepartmentNameOf<T>,
			prefix: PrefixOf<T>,
		) -> Result<DepartmentId, DispatchError> {
			let name = Self::checked_name(name)?;
			let prefix = Self::checked_prefix(prefix)?;
			ensure!(!DepartmentByPrefix::<T>::contains_key(&prefix), Error::<T>::PrefixInUse);
			let department = NextDepartmentId::<T>::get();
			let next = department.checked_add(1).ok_or(Error::<T>::NoDepartmentIdLeft)?;

			let info = DepartmentInfo {
				name: name.clone(),
				prefix: prefix.clone(),
				status: DepartmentStatus::Active,
				registered_at: frame_system::Pallet::<T>::block_number(),
				member_count: 0,
				admin_count: 0,
			};
			NextDepartmentId::<T>::put(next);
			DepartmentByPrefix::<T>::insert(&prefix, department);
			Departments::<T>::insert(department, info);
			Self::deposit_event(Event::DepartmentRegistered { department, name, prefix });
			Ok(department)
		}

		/// Adds `who` to `department` with `role`, holding `deposit` if any. The caller has
		/// checked the origin. Used by the call and genesis.
		pub(crate) fn do_add_member(
			department: DepartmentId,
			who: T::AccountId,
			role: Role,
			deposit: Option<DepositOf<T>>,
		) -> DispatchResult {
			let mut info =
				Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
			ensure!(!Members::<T>::contains_key(&who), Error::<T>::AlreadyMember);
			info.member_count = info
				.member_count
				.checked_add(1)
				.filter(|count| *count <= T::MaxMembers::get())
				.ok_or(Error::<T>::TooManyMembers)?;
			if role == Role::Admin {
				// Never overflows: `admin_count <= member_count <= MaxMembers`.
				info.admin_count = info.admin_count.saturating_add(1);
			}
			let reason: T::RuntimeHoldReason = HoldReason::MemberDeposit.into();
			if let Some(deposit) = &deposit {
				ensure!(
					T::Currency::can_hold(&reason, &deposit.depositor, deposit.amount),
					Error::<T>::CannotHoldDeposit
				);
			}

			if let Some(deposit) = &deposit {
				T::Currency::hold(&reason, &deposit.depositor, deposit.amount)?;
			}
			Members::<T>::insert(&who, Membership { department, role, deposit: deposit.clone() });
			DepartmentMembers::<T>::insert(department, &who, role);
			Departments::<T>::insert(department, info);
			Self::deposit_event(Event::MemberAdded { department, who, role, deposit });
			Ok(())
		}

		/// Removes `who`, with `membership`, from its department, whose stored info is `info`,
		/// and releases its deposit to whoever paid it. The caller has checked the origin and
		/// the last-admin rule, and emits the event. Returns the deposit as actually released:
		/// `release` is best-effort, so this is less than recorded only if the hold was reduced
		/// outside this pallet (e.g. slashed).
		fn do_remove_member(
			who: &T::AccountId,
			membership: &MembershipOf<T>,
			mut info: DepartmentInfoOf<T>,
		) -> Result<Option<DepositOf<T>>, DispatchError> {
			if membership.role == Role::Admin {
				info.admin_count = info.admin_count.saturating_sub(1);
			}
			info.member_count = info.member_count.saturating_sub(1);
			let reason = HoldReason::MemberDeposit.into();
			let released = membership
				.deposit
				.as_ref()
				.map(|deposit| deposit.release::<T::Currency>(&reason))
				.transpose()?;
			Members::<T>::remove(who);
			DepartmentMembers::<T>::remove(membership.department, who);
			Departments::<T>::insert(membership.department, info);
			Ok(released)
		}

		/// Who is managing members: the registrar, or else a signed admin of an active
		/// department. Checked before anything else in the member calls.
		fn ensure_manager(origin: OriginFor<T>) -> Result<Manager<T::AccountId>, DispatchError> {
			match T::RegistrarOrigin::try_origin(origin) {
				Ok(_) => Ok(Manager::Registrar),
				Err(origin) => {
					let who = ensure_signed(origin)?;
					let department = Self::ensure_role(&who, &[Role::Admin])?;
					Ok(Manager::Admin { who, department })
				},
			}
		}

		/// An admin manages only its own department; the registrar manages all.
		fn ensure_manages(
			manager: &Manager<T::AccountId>,
			department: DepartmentId,
		) -> DispatchResult {
			match manager {
				Manager::Registrar => Ok(()),
				Manager::Admin { department: own, .. } if *own == department => Ok(()),
				// Only on refusal is it worth a read to say which: no such department at all, or
				// another admin's.
				Manager::Admin { .. } if !Departments::<T>::contains_key(department) => {
					Err(Error::<T>::UnknownDepartment.into())
				},
				Manager::Admin { .. } => Err(Error::<T>::WrongDepartment.into()),
			}
		}

		/// Refuses an admin taking away the department's last admin; the registrar may.
		fn ensure_not_last_admin(
			manager: &Manager<T::AccountId>,
			info: &DepartmentInfoOf<T>,
		) -> DispatchResult {
			if matches!(manager, Manager::Admin { .. }) {
				ensure!(info.admin_count > 1, Error::<T>::LastAdmin);
			}
			Ok(())
		}

		/// `name` bounded to `MaxNameLen` bytes, for genesis (calls take it bounded already).
		pub(crate) fn bounded_name(name: Vec<u8>) -> Result<DepartmentNameOf<T>, Error<T>> {
			name.try_into().map_err(|_| Error::<T>::NameTooLong)
		}

		/// `prefix` bounded to `MaxPrefixLen` bytes, for genesis (calls take it bounded already).
		pub(crate) fn bounded_prefix(prefix: Vec<u8>) -> Result<PrefixOf<T>, Error<T>> {
			prefix.try_into().map_err(|_| Error::<T>::PrefixTooLong)
		}

		/// Checks that a name is non-empty UTF-8 without characters that are invisible or change
		/// how text around them displays: see [`city_primitives::is_display_text`].
		fn checked_name(name: DepartmentNameOf<T>) -> Result<DepartmentNameOf<T>, Error<T>> {
			ensure!(city_primitives::is_display_text(&name), Error::<T>::InvalidName);
			Ok(name)
		}

		/// Checks that a prefix is non-empty and only `A`-`Z` and `0`-`9`.
		fn checked_prefix(prefix: PrefixOf<T>) -> Result<PrefixOf<T>, Error<T>> {
			let valid = !prefix.is_empty()
				&& prefix.iter().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit());
			ensure!(valid, Error::<T>::InvalidPrefix);
			Ok(prefix)
		}

		/// A valid prefix of exactly `MaxPrefixLen` bytes (the worst case for storage), distinct
		/// for every id that fits: see [`benchmark_prefix_digits`]. Fails for an id of
		/// `36^MaxPrefixLen` or more rather than repeat a prefix; with `MaxPrefixLen >= 7`
		/// every `u32` fits.
		#[cfg(feature = "runtime-benchmarks")]
		pub(crate) fn benchmark_prefix(
			department: DepartmentId,
		) -> Result<PrefixOf<T>, DispatchError> {
			benchmark_prefix_digits(department, T::MaxPrefixLen::get() as usize)
				.and_then(|prefix| prefix.try_into().ok())
				.ok_or(DispatchError::Other("benchmark prefix: id too large for MaxPrefixLen"))
		}

		/// Checks the pallet's storage invariants:
		///
		/// 1. Every department id is below `NextDepartmentId`; every department's name and
		///    prefix are well-formed and `DepartmentByPrefix[prefix]` is that department; and
		///    `DepartmentByPrefix` has no other entries (prefixes are unique).
		/// 2. Every `Members[account]` names an existing department and is mirrored by
		///    `DepartmentMembers[(department, account)]` with the same role, and
		///    `DepartmentMembers` has no other entries.
		/// 3. Every department's `member_count` and `admin_count` equal the number of its
		///    members and admins, and `admin_count <= member_count <= MaxMembers`.
		/// 4. Every recorded deposit is non-zero.
		/// 5. For every depositor, the deposits recorded with it as payer add up to exactly what
		///    is on hold from it for [`HoldReason::MemberDeposit`] (only this pallet uses that
		///    reason). A hold on an account that is no recorded depositor cannot be found this
		///    way: the fungible traits cannot list holders.
		///
		/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it
		/// iterates over whole maps: `Departments` twice, `DepartmentByPrefix`, `Members` and
		/// `DepartmentMembers` once, and reads the hold of each distinct depositor once (there
		/// are at most as many depositors as members). Never call it from on-chain code.
		///
		/// Not an invariant: "at least one admin". Admins can never take away their
		/// department's last admin (the calls refuse it), but the registrar may register a
		/// department without members and may remove or demote a last admin (recovery), so a
		/// department with members and no admin is a legitimate, registrar-made state.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use sp_runtime::traits::CheckedAdd;

			let next_id = NextDepartmentId::<T>::get();
			let mut departments = 0usize;
			for (department, info) in Departments::<T>::iter() {
				departments = departments.saturating_add(1);
				ensure!(department < next_id, "department id not below NextDepartmentId");
				ensure!(Self::checked_name(info.name).is_ok(), "department name is malformed");
				ensure!(
					Self::checked_prefix(info.prefix.clone()).is_ok(),
					"department prefix is malformed"
				);
				ensure!(
					DepartmentByPrefix::<T>::get(&info.prefix) == Some(department),
					"DepartmentByPrefix does not point back to the department"
				);
			}
			ensure!(
				DepartmentByPrefix::<T>::iter_keys().count() == departments,
				"DepartmentByPrefix has entries of no department"
			);

			// department => (members, admins)
			let mut counts: BTreeMap<DepartmentId, (u32, u32)> = BTreeMap::new();
			// depositor => total recorded
			let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut members = 0usize;
			for (who, membership) in Members::<T>::iter() {
				members = members.saturating_add(1);
				ensure!(
					Departments::<T>::contains_key(membership.department),
					"member of an unknown department"
				);
				ensure!(
					DepartmentMembers::<T>::get(membership.department, &who)
						== Some(membership.role),
					"DepartmentMembers does not mirror Members"
				);
				if let Some(deposit) = membership.deposit {
					ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
					let total = deposits.entry(deposit.depositor).or_default();
					*total = total
						.checked_add(&deposit.amount)
						.ok_or("recorded deposits of one depositor overflow")?;
				}
				let (member_count, admin_count) = counts.entry(membership.department).or_default();
				*member_count = member_count.saturating_add(1);
				if membership.role == Role::Admin {
					*admin_count = admin_count.saturating_add(1);
				}
			}
			ensure!(
				DepartmentMembers::<T>::iter_keys().count() == members,
				"DepartmentMembers has entries that Members has not"
			);

			for (department, info) in Departments::<T>::iter() {
				let (member_count, admin_count) =
					counts.get(&department).copied().unwrap_or_default();
				ensure!(info.member_count == member_count, "member_count disagrees with Members");
				ensure!(info.admin_count == admin_count, "admin_count disagrees with Members");
				ensure!(info.member_count <= T::MaxMembers::get(), "more than MaxMembers members");
			}

			let reason: T::RuntimeHoldReason = HoldReason::MemberDeposit.into();
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

/// `id` as exactly `len` base-36 digits, most significant first, with the digit values
/// `0..=35` written `Z, Y, ..., A, 9, 8, ..., 0`: so the padding is `Z`s (`ZZZZZZZV` for 4),
/// like nothing a department would choose. Distinct for every `id < 36^len`; `None` for a
/// larger `id`, rather than repeat an earlier prefix.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_prefix_digits(id: DepartmentId, len: usize) -> Option<alloc::vec::Vec<u8>> {
	const DIGITS: &[u8; 36] = b"ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210";
	let mut rest = id;
	let mut prefix = alloc::vec![DIGITS[0]; len];
	for digit in prefix.iter_mut().rev() {
		if rest == 0 {
			break;
		}
		*digit = DIGITS[(rest % 36) as usize];
		rest /= 36;
	}
	(rest == 0).then_some(prefix)
}

impl<T: Config> DepartmentRegistry<T::AccountId> for Pallet<T> {
	fn membership(who: &T::AccountId) -> Option<(DepartmentId, Role)> {
		Pallet::<T>::membership_of(who)
	}

	fn is_active(department: DepartmentId) -> bool {
		Departments::<T>::get(department)
			.is_some_and(|info| info.status == DepartmentStatus::Active)
	}

	fn prefix(department: DepartmentId) -> Option<alloc::vec::Vec<u8>> {
		Departments::<T>::get(department).map(|info| info.prefix.into_inner())
	}

	fn ensure_role(
		who: &T::AccountId,
		roles: &[Role],
	) -> Result<DepartmentId, sp_runtime::DispatchError> {
		Pallet::<T>::ensure_role(who, roles)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_benchmark_member(
		who: &T::AccountId,
		role: Role,
	) -> Result<DepartmentId, sp_runtime::DispatchError> {
		let mut name = b"Bench".to_vec();
		name.truncate(<T::MaxNameLen as frame_support::traits::Get<u32>>::get() as usize);
		let name = Self::bounded_name(name)?;
		let prefix = Self::benchmark_prefix(NextDepartmentId::<T>::get())?;
		let department = Self::do_register_department(name, prefix)?;
		Self::do_add_member(department, who.clone(), role, None)?;
		Ok(department)
	}
}

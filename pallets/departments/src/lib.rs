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
pub mod origins;
mod queries;
mod registry;
pub mod runtime_api;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

pub use city_primitives::{DepartmentId, DepartmentRegistry, OffboardCounts, Offboarding, Role};
pub use origins::{Admins, EnsureDepartmentRole, Operators, RoleSet, Stewards};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Defaults for the configuration items a mock runtime need not choose.
	pub mod config_preludes {
		use super::*;
		use frame_support::derive_impl;

		frame_support::parameter_types! {
			/// Room for many items per step, in a mock without weights.
			pub const DissolutionStepWeight: Weight = Weight::from_parts(1_000_000_000, 1_000_000);
		}

		/// For mock runtimes: short names and prefixes, a few members, no weights. A mock sets
		/// `Currency`, `RegistrarOrigin` and `MemberDeposit` itself.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			#[inject_runtime_type]
			type RuntimeHoldReason = ();
			type MaxNameLen = ConstU32<16>;
			type MaxPrefixLen = ConstU32<8>;
			type MaxMembers = ConstU32<8>;
			type MaxPageSize = ConstU32<100>;
			type Offboarding = ();
			type LegalHolds = ();
			type DissolutionStepWeight = DissolutionStepWeight;
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, so the member deposit can be held under
		/// [`HoldReason::MemberDeposit`].
		#[pallet::no_default_bounds]
		type RuntimeHoldReason: From<HoldReason>;

		#[pallet::no_default]
		/// The currency in which member deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The governance origin that registers, renames, suspends and reactivates departments,
		/// and may manage any department's members (recovery). `EnsureRoot` (through sudo) for
		/// now.
		#[pallet::no_default]
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The balance an admin pays into a hold for every member it adds, returned when that
		/// member is removed. Covers the storage a membership takes; members added by the
		/// registrar or at genesis pay none. Zero disables deposits.
		#[pallet::constant]
		#[pallet::no_default]
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

		/// The most items one page of a runtime API list returns (see [`city_primitives::Page`]).
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// The other pallets' shares of dissolving a department, in the order they run (see
		/// [`Pallet::dissolve_department`]): e.g. `(AccessGrants, DataAssets, CityCodes,
		/// ValidatorSet)`. This pallet ends the memberships and invitations last.
		type Offboarding: Offboarding;

		/// Records under legal hold: a held department is not dissolved.
		type LegalHolds: city_primitives::LegalHolds;

		/// The most weight one dissolution step may use: what `continue_dissolution` is charged
		/// (refunded down to what it used), and the most `on_idle` spends in a block. Must pay
		/// for the heaviest single item (checked by `integrity_test`).
		#[pallet::constant]
		type DissolutionStepWeight: Get<Weight>;

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

	/// Invitations not yet answered: the department, role and deposit an account will have once
	/// it accepts ([`Pallet::accept_invitation`]). Nobody acts for a department without having
	/// agreed to. At most one per account, and never for a member; the deposit is held from the
	/// inviting admin from the invitation on (none for the registrar's).
	#[pallet::storage]
	pub type Invitations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, MembershipOf<T>, OptionQuery>;

	/// Each department's invitations not yet answered: `(department, account) => ()`, to end
	/// them when it is dissolved. Mirrors [`Invitations`].
	#[pallet::storage]
	pub type DepartmentInvitations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DepartmentId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Dissolutions under way, by department: an entry exists exactly while the department is
	/// [`DepartmentStatus::Dissolving`].
	#[pallet::storage]
	pub type Dissolutions<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, DissolutionOf<T>, OptionQuery>;

	/// Each department's encryption key, if its admins published one (one per department,
	/// replaced in place, removed when the department is dissolved; part of the department's
	/// record, which the registrar created, so no deposit).
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Twox64Concat, DepartmentId, PublishedKeyOf<T>, OptionQuery>;

	/// How many dissolutions under way hand their records to this department (their
	/// successor). While any do, it cannot be dissolved itself: its records would be ended
	/// while others still arrive. No entry: none.
	#[pallet::storage]
	pub type Successions<T: Config> = StorageMap<_, Twox64Concat, DepartmentId, u32, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A department was registered, active and without members.
		DepartmentRegistered {
			/// The department.
			department: DepartmentId,
			/// Its display name.
			name: DepartmentNameOf<T>,
			/// Its code prefix, fixed forever.
			prefix: PrefixOf<T>,
		},
		/// A department's display name changed.
		DepartmentRenamed {
			/// The department.
			department: DepartmentId,
			/// Its display name.
			name: DepartmentNameOf<T>,
		},
		/// A department's admin published, rotated or removed its encryption key.
		EncryptionKeySet {
			/// The department.
			department: DepartmentId,
			/// The new key; `None`: removed, so nothing is encrypted to the department.
			key: Option<EncryptionKey>,
			/// The admin who set it.
			by: T::AccountId,
		},
		/// A department was suspended: its members can do nothing until it is reactivated.
		DepartmentSuspended {
			/// The department.
			department: DepartmentId,
		},
		/// A suspended department was reactivated: its members may act again.
		DepartmentReactivated {
			/// The department.
			department: DepartmentId,
		},
		/// An account now acts for a department: it accepted an invitation (or genesis or the
		/// benchmarks added it). `deposit` is what is held from the admin who invited it (`None`
		/// when the registrar did).
		MemberAdded {
			/// The department.
			department: DepartmentId,
			/// The member account.
			who: T::AccountId,
			/// Its role.
			role: Role,
			/// The deposit (see above).
			deposit: Option<DepositOf<T>>,
		},
		/// A member's role changed.
		MemberRoleChanged {
			/// The department.
			department: DepartmentId,
			/// The member account.
			who: T::AccountId,
			/// The role it had.
			old_role: Role,
			/// The role it has now.
			new_role: Role,
		},
		/// An account no longer acts for a department: an admin or the registrar removed it.
		/// `deposit` is what was actually released to the account that paid it (`None` if no
		/// deposit was recorded); less than recorded only if the hold was reduced outside this
		/// pallet.
		MemberRemoved {
			/// The department.
			department: DepartmentId,
			/// The member account.
			who: T::AccountId,
			/// Its role.
			role: Role,
			/// The deposit (see above).
			deposit: Option<DepositOf<T>>,
		},
		/// An account stopped acting for its department of its own accord (`leave_department`).
		/// `deposit` is as in `MemberRemoved`.
		MemberLeft {
			/// The department.
			department: DepartmentId,
			/// The member account.
			who: T::AccountId,
			/// Its role.
			role: Role,
			/// The deposit (see above).
			deposit: Option<DepositOf<T>>,
		},
		/// An account was invited to act for a department; it does once it accepts. `deposit`
		/// is what was held from the inviting admin (`None` when the registrar invited).
		MemberInvited {
			/// The department.
			department: DepartmentId,
			/// The invited account.
			who: T::AccountId,
			/// The role it will have.
			role: Role,
			/// The deposit (see above).
			deposit: Option<DepositOf<T>>,
		},
		/// An invitation ended without membership: the account declined it
		/// (`InvitationDeclined`), or an admin or the registrar withdrew it
		/// (`InvitationCancelled`). `deposit` is what was released to the admin who paid it.
		InvitationDeclined {
			/// The department.
			department: DepartmentId,
			/// The invited account.
			who: T::AccountId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// An invitation was withdrawn by an admin of its department or the registrar (or by
		/// the department's dissolution); see `InvitationDeclined`.
		InvitationCancelled {
			/// The department.
			department: DepartmentId,
			/// The invited account.
			who: T::AccountId,
			/// The deposit released.
			deposit: Option<DepositOf<T>>,
		},
		/// The registrar dissolved a department: its members can no longer act, and what it
		/// holds is being ended, step by step, each item with its usual event, until
		/// `DepartmentDissolved`.
		DepartmentDissolving {
			/// The department.
			department: DepartmentId,
			/// The department receiving its assets and codes; `None`: they are retired.
			successor: Option<DepartmentId>,
		},
		/// A dissolution step stopped at a record under legal hold; the dissolution goes on once
		/// that hold is lifted.
		DissolutionHeld {
			/// The department being dissolved.
			department: DepartmentId,
			/// The held record.
			record: city_primitives::RecordId,
		},
		/// A department is dissolved: it holds nothing any more. The summary of its dissolution.
		DepartmentDissolved {
			/// The department.
			department: DepartmentId,
			/// The department that received its assets and codes, if any.
			successor: Option<DepartmentId>,
			/// What was ended or handed over, by kind.
			ended: OffboardCounts,
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
		/// The department is suspended (or dissolved): its members can do nothing.
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
		/// The account has an invitation already (to this or another department): it answers,
		/// or the inviter withdraws it, first.
		AlreadyInvited,
		/// The account has no invitation to answer or withdraw.
		NoInvitation,
		/// The department is dissolved or being dissolved: nothing changes its status or adds
		/// to it any more.
		DepartmentDissolved,
		/// The successor must be another department, and active.
		InvalidSuccessor,
		/// The department is not being dissolved.
		NotDissolving,
		/// The department, or the record its dissolution stopped at, is under a legal hold.
		UnderLegalHold,
		/// The department is the successor of a dissolution under way, which still hands it
		/// records: it can be dissolved once that one has finished.
		SuccessorOfDissolution,
		/// Nothing can be encrypted to this key (the all-zero X25519 key).
		InvalidEncryptionKey,
		/// The department has published this key already.
		EncryptionKeyUnchanged,
		/// The department has no encryption key to remove.
		NoEncryptionKey,
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
				Pallet::<T>::add_membership(*department, who.clone(), *role)
					.unwrap_or_else(|e| panic!("invalid genesis member {who:?}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Goes on with the dissolutions under way, with what weight the block has left.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::dissolve_in_idle_time(remaining)
		}

		fn integrity_test() {
			assert!(
				T::DissolutionStepWeight::get().all_gte(
					T::WeightInfo::continue_dissolution()
						.saturating_add(Self::max_offboard_item_weight())
				),
				"DissolutionStepWeight must pay for the heaviest item a dissolution ends"
			);
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
		/// The dispatch origin for this call must be the `RegistrarOrigin`. Invite the first
		/// admin with `invite_member` (in the same `batch_all`); the department has no admin
		/// until that account accepts.
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
			Self::do_rename_department(department, name)
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
		/// - `DepartmentDissolved`: it is dissolved or being dissolved.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_department())]
		pub fn suspend_department(
			origin: OriginFor<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_suspend_department(department)
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
		/// - `DepartmentDissolved`: it is dissolved or being dissolved.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reactivate_department())]
		pub fn reactivate_department(
			origin: OriginFor<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_reactivate_department(department)
		}

		/// Invite an account to act for a department with a role. It acts for the department
		/// once it accepts (`accept_invitation`); until then it may decline, and the inviter may
		/// withdraw the invitation (`cancel_invitation`).
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of the active
		/// `department`, or be the `RegistrarOrigin` (any department, suspended or not).
		///
		/// An admin pays `MemberDeposit` into a hold from the invitation on, released to it when
		/// the invitation is declined or withdrawn, or the member is removed or leaves; the
		/// registrar pays nothing. Nobody is made a member without its consent: being listed as
		/// a department's steward or operator is a public claim about the account.
		///
		/// - `department`: the department the account will act for.
		/// - `who`: the account; it must not act for any department, nor have an invitation.
		/// - `role`: what it may do there.
		///
		/// # Events
		/// - `MemberInvited`.
		///
		/// # Errors
		/// - `BadOrigin`: neither signed nor the registrar.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an admin of
		///   an active department.
		/// - `UnknownDepartment`: no such department (checked before `WrongDepartment`).
		/// - `WrongDepartment`: the signer is an admin of another department.
		/// - `AlreadyMember`: `who` already acts for a department.
		/// - `AlreadyInvited`: `who` has an invitation already.
		/// - `TooManyMembers`: the department has `MaxMembers` members.
		/// - `DepartmentDissolved`: the department is dissolved or being dissolved.
		/// - `CannotHoldDeposit`: the admin cannot pay the deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::invite_member())]
		pub fn invite_member(
			origin: OriginFor<T>,
			department: DepartmentId,
			who: AccountIdLookupOf<T>,
			role: Role,
		) -> DispatchResult {
			let manager = Self::ensure_manager(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_invite_member(manager, department, who, role)
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
			Self::do_set_member_role(&manager, who, role)
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
			Self::do_remove_member(&manager, who)
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
			Self::do_leave_department(who)
		}

		/// Accept one's invitation: from now on the signer acts for the department, in the role
		/// it was invited to.
		///
		/// The dispatch origin for this call must be _Signed_ by the invited account. The
		/// deposit held from the inviting admin stays held for the membership. Accepting into a
		/// suspended department is allowed; the member acts once it is reactivated.
		///
		/// No parameters: the invitation is the signer's.
		///
		/// # Events
		/// - `MemberAdded`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NoInvitation`: the signer has no invitation.
		/// - `UnknownDepartment`: the department is gone.
		/// - `TooManyMembers`: the department reached `MaxMembers` members since the invitation.
		/// - `DepartmentDissolved`: the department is dissolved or being dissolved.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::accept_invitation())]
		pub fn accept_invitation(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_invitation(who)
		}

		/// Decline one's invitation; the deposit goes back to the admin who paid it.
		///
		/// The dispatch origin for this call must be _Signed_ by the invited account.
		///
		/// No parameters: the invitation is the signer's.
		///
		/// # Events
		/// - `InvitationDeclined`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NoInvitation`: the signer has no invitation.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_invitation())]
		pub fn decline_invitation(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_invitation(None, who)
		}

		/// Withdraw an invitation not yet answered; the deposit goes back to the admin who paid
		/// it.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of the invitation's
		/// active department, or be the `RegistrarOrigin`.
		///
		/// - `who`: the invited account.
		///
		/// # Events
		/// - `InvitationCancelled`.
		///
		/// # Errors
		/// - `BadOrigin`: neither signed nor the registrar.
		/// - `NotMember`, `RoleNotAllowed`, `DepartmentSuspended`: the signer is not an admin of
		///   an active department.
		/// - `NoInvitation`: `who` has no invitation.
		/// - `WrongDepartment`: the invitation is to another department than the signer's.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::decline_invitation())]
		pub fn cancel_invitation(
			origin: OriginFor<T>,
			who: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let manager = Self::ensure_manager(origin)?;
			let who = T::Lookup::lookup(who)?;
			Self::do_end_invitation(Some(manager), who)
		}

		/// Dissolve a department: it stops acting at once, and everything it holds is ended or
		/// handed over, in bounded steps, until `DepartmentDissolved`.
		///
		/// The dispatch origin for this call must be the `RegistrarOrigin` (the council).
		///
		/// Step by step (in `on_idle`, with the weight blocks leave over, or faster through
		/// `continue_dissolution`, which anyone may call): the grants it gave and received are
		/// ended and its open requests, made or to decide, purged; its assets and codes
		/// (retired ones included) go to `successor`, or, without one, the active ones are
		/// retired; its validators leave the set (they stop at the second session boundary);
		/// its members are removed and its invitations withdrawn. Every deposit goes back to
		/// whoever paid it, except those of what the successor receives, which stay with their
		/// payers until the successor ends it. Each item emits its usual event; the last step
		/// emits the summary. A record under legal hold pauses the dissolution until the hold is
		/// lifted (`DissolutionHeld`). Dissolution is final; the department's id and prefix are
		/// never reused.
		///
		/// - `department`: the department to dissolve, active or suspended.
		/// - `successor`: the active department that receives its assets and codes, or `None`
		///   to retire them.
		///
		/// # Events
		/// - `DepartmentDissolving`, then with the steps `DepartmentDissolved`.
		///
		/// # Errors
		/// - `BadOrigin`: not the registrar.
		/// - `UnknownDepartment`: no such department.
		/// - `DepartmentDissolved`: it is dissolved or being dissolved already.
		/// - `SuccessorOfDissolution`: it is the successor of a dissolution under way, which
		///   still hands it records.
		/// - `InvalidSuccessor`: the successor is the department itself, unknown or not
		///   active.
		/// - `UnderLegalHold`: the department is under a legal hold.
		/// - An error of another pallet that could not end its share, e.g. the validator set's
		///   `TooFewValidators` (validators of departments being dissolved count as gone).
		#[pallet::call_index(11)]
		#[pallet::weight(
			T::WeightInfo::dissolve_department().saturating_add(T::Offboarding::can_dissolve_weight())
		)]
		pub fn dissolve_department(
			origin: OriginFor<T>,
			department: DepartmentId,
			successor: Option<DepartmentId>,
		) -> DispatchResult {
			T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_dissolve_department(department, successor)
		}

		/// Take the next step of a department's dissolution, as far as `DissolutionStepWeight`
		/// allows; the unused weight is refunded.
		///
		/// The dispatch origin for this call must be _Signed_, by anyone: it only carries out
		/// what the registrar decided. Blocks do the same in their idle time, so this is only
		/// needed when blocks are full.
		///
		/// - `department`: the department being dissolved.
		///
		/// # Events
		/// - The events of the items ended or handed over; `DepartmentDissolved` when nothing is
		///   left, or `DissolutionHeld` when it stops at a record under legal hold.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotDissolving`: the department is not being dissolved.
		/// - `UnderLegalHold`: the dissolution waits for a hold that is still in place.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::continue_dissolution().saturating_add(T::DissolutionStepWeight::get())
		)]
		pub fn continue_dissolution(
			origin: OriginFor<T>,
			department: DepartmentId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let used = Self::do_continue_dissolution(department, T::DissolutionStepWeight::get())?;
			Ok(Some(T::WeightInfo::continue_dissolution().saturating_add(used)).into())
		}

		/// Publish, rotate or remove the signer's department's encryption key: the public key
		/// that providers' gateways are to encrypt downloads for the department to. Keep the
		/// secret key off-chain, with the department; after a rotation, downloads already made
		/// stay encrypted to the old key.
		///
		/// The dispatch origin for this call must be _Signed_ by an `Admin` of an active
		/// department.
		///
		/// - `key`: the new public key, or `None` to remove it (then nothing is to be encrypted
		///   to the department).
		///
		/// # Events
		/// - `EncryptionKeySet`.
		///
		/// # Errors
		/// - `BadOrigin`: not signed.
		/// - `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`: the signer is not an admin of
		///   an active department.
		/// - `InvalidEncryptionKey`: nothing can be encrypted to the key.
		/// - `EncryptionKeyUnchanged`: the department has this key already.
		/// - `NoEncryptionKey`: removing, and the department has no key.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(
			origin: OriginFor<T>,
			key: Option<EncryptionKey>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_encryption_key(who, key)
		}
	}
}

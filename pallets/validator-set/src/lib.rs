#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod offboard;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use city_primitives::{DepartmentId, DepartmentRegistry};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;
	use sp_staking::SessionIndex;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Needs pallet-session, with validators identified by their account
	/// (`ValidatorId = AccountId`), and this pallet as its `SessionManager`.
	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// The governance origin that adds and removes validators: the agencies' council.
		/// `EnsureRoot` (through sudo) until the council exists.
		type ValidatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The city's departments: a validator is run by one, which must exist and be active
		/// when it is assigned.
		type Departments: DepartmentRegistry<Self::AccountId>;

		/// The fewest validators removal may leave. GRANDPA finalizes only while more than two
		/// thirds of the validators vote: four agencies tolerate one down, three none. 3 keeps
		/// the set from shrinking to where one or two agencies decide alone. A chain may start
		/// with fewer (a development chain); its set then only grows until it reaches this.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the set may have. Keep it at most Aura's and GRANDPA's
		/// `MaxAuthorities`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;

		/// Sets up the departments the benchmarks assign validators to, through the runtime's
		/// departments pallet (this pallet only sees [`Config::Departments`], which cannot
		/// register one).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: city_primitives::BenchmarkHelper<Self::AccountId>;
	}

	/// The validator set decided by governance: each validator's account with the department
	/// that runs it, in the order they joined.
	///
	/// A change reaches block production through pallet-session: it is queued at the next
	/// session boundary and validates from the boundary after. Validators without session keys
	/// are skipped until they set them.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageValue<_, ValidatorsOf<T>, ValueQuery>;

	/// The session from which the set most recently handed to pallet-session validates; cleared
	/// when that session starts.
	#[pallet::storage]
	pub type QueuedForSession<T> = StorageValue<_, SessionIndex, OptionQuery>;

	/// Whether the set has had `MinValidators` validators (at genesis or since). Until then, on
	/// a chain started with fewer, the set only grows.
	#[pallet::storage]
	pub type MinimumReached<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account joined the validator set, run by `department`. It had session keys, so it
		/// is queued at the next session boundary (or, should it purge its keys meanwhile, at
		/// the first boundary after it sets them again) and validates from the boundary after.
		ValidatorAdded {
			/// The validator's account.
			who: T::AccountId,
			/// The department that runs it.
			department: DepartmentId,
		},
		/// An account left the validator set. It still validates until the second session
		/// boundary from now.
		ValidatorRemoved {
			/// The validator's account.
			who: T::AccountId,
			/// The department that ran it.
			department: DepartmentId,
		},
		/// A validator is now recorded as run by another department. Does not change who
		/// validates.
		ValidatorDepartmentChanged {
			/// The validator's account.
			who: T::AccountId,
			/// The department that ran it until now.
			old_department: DepartmentId,
			/// The department that runs it from now on.
			new_department: DepartmentId,
		},
		/// At a session boundary, pallet-session queued `validators` (the set's validators with
		/// session keys, in order): they validate from session `session`, the one after the
		/// session now starting. `without_keys` are in the set but skipped until they set keys.
		ValidatorSetQueued {
			/// The session from which `validators` validate.
			session: SessionIndex,
			/// The queued validators: the set's validators with session keys, in order.
			validators: AccountsOf<T>,
			/// The set's validators without session keys, skipped until they set them.
			without_keys: AccountsOf<T>,
		},
		/// Session `session` started: the validators queued for it now author and finalize
		/// blocks.
		ValidatorSetApplied {
			/// The session that started.
			session: SessionIndex,
		},
		/// At a session boundary, the set differed from what validates, but none of its
		/// validators has session keys: nothing was queued, and the current validators with keys
		/// also validate session `session`. Repeats at every boundary until one sets keys.
		NoValidatorHasKeys {
			/// The session the current validators carry on into.
			session: SessionIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already in the validator set.
		AlreadyValidator,
		/// The account is not in the validator set.
		NotValidator,
		/// No department has this id.
		UnknownDepartment,
		/// The department is suspended: it may not take on a validator.
		DepartmentSuspended,
		/// The validator is already recorded as run by this department.
		DepartmentUnchanged,
		/// The set already has `MaxValidators` validators.
		TooManyValidators,
		/// Removing would leave fewer than `MinValidators` validators with session keys (the
		/// only ones that validate). To replace a validator, add the new one first.
		TooFewValidators,
		/// The account has no session keys registered in pallet-session: its operator must
		/// `session.setKeys` before the council adds it.
		NoSessionKeys,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial validators as `(account, department id)`, in this order. Each department
		/// must exist and be active, and each validator needs session keys in pallet-session's
		/// genesis `keys`. Fewer than `MinValidators` is allowed (a development chain).
		pub validators: Vec<(T::AccountId, DepartmentId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Genesis has no error channel: an invalid set must not start a chain, so it aborts the
		/// build (the node reports the message from `build-spec` or at start-up). The runtime must
		/// build this pallet's genesis after the departments' (it checks departments) and before
		/// pallet-session's (which asks it for the first validators): declare `Departments`,
		/// then `ValidatorSet`, then `Session`.
		fn build(&self) {
			if !self.validators.is_empty() {
				assert!(
					pallet_session::QueuedKeys::<T>::get().is_empty()
						&& pallet_session::Validators::<T>::get().is_empty(),
					"pallet-session's genesis was built before pallet-validator-set's, so it \
					 did not get the genesis validators: declare ValidatorSet before Session in \
					 the runtime"
				);
			}
			for (who, department) in &self.validators {
				Pallet::<T>::do_add_validator(who.clone(), *department)
					.unwrap_or_else(|e| panic!("invalid genesis validator {who:?}: {e:?}"));
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() > 0, "MinValidators must keep a validator");
			assert!(
				T::MinValidators::get() < T::MaxValidators::get(),
				"MaxValidators must exceed MinValidators, or a validator at the minimum could \
				 never be replaced"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add a validator, run by a department.
		///
		/// Origin: [`Config::ValidatorOrigin`].
		///
		/// Its operator must have set session keys with `session.setKeys` first: an account
		/// without keys would never validate, yet count towards the set. The validator is
		/// queued at the next session boundary and validates from the boundary after that (if
		/// it purges its keys meanwhile, it is skipped until it sets them again).
		///
		/// - `who`: the validator's account (its `ValidatorId` in pallet-session).
		/// - `department`: the department that runs it; must exist and be active.
		///
		/// # Events
		/// - [`Event::ValidatorAdded`].
		///
		/// # Errors
		/// - `BadOrigin`: not the `ValidatorOrigin`.
		/// - [`Error::NoSessionKeys`]: `who` has no session keys in pallet-session.
		/// - [`Error::UnknownDepartment`]: no such department.
		/// - [`Error::DepartmentSuspended`]: the department is suspended.
		/// - [`Error::AlreadyValidator`]: `who` is in the set.
		/// - [`Error::TooManyValidators`]: the set has `MaxValidators` validators.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(
			origin: OriginFor<T>,
			who: AccountIdLookupOf<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			ensure!(Self::has_session_keys(&who), Error::<T>::NoSessionKeys);
			Self::do_add_validator(who, department)
		}

		/// Remove a validator.
		///
		/// Origin: [`Config::ValidatorOrigin`].
		///
		/// The validator is dropped from the queue at the next session boundary and stops
		/// validating at the boundary after; its operator may then `session.purgeKeys` to get its
		/// key deposit back.
		///
		/// - `who`: the validator to remove.
		///
		/// # Events
		/// - [`Event::ValidatorRemoved`].
		///
		/// # Errors
		/// - `BadOrigin`: not the `ValidatorOrigin`.
		/// - [`Error::NotValidator`]: `who` is not in the set.
		/// - [`Error::TooFewValidators`]: the set would keep fewer than `MinValidators`
		///   validators with session keys. Validators without keys do not count: they never
		///   validate.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: AccountIdLookupOf<T>) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut set = Validators::<T>::get();
			let department = set
				.iter()
				.find(|(validator, _)| *validator == who)
				.map(|(_, department)| *department)
				.ok_or(Error::<T>::NotValidator)?;
			Self::ensure_enough_remain(&set, |(validator, _)| *validator == who)?;

			set.retain(|(validator, _)| *validator != who);
			Validators::<T>::put(set);
			Self::deposit_event(Event::ValidatorRemoved { who, department });
			Ok(())
		}

		/// Record that another department runs a validator, e.g. after agencies merge.
		///
		/// Origin: [`Config::ValidatorOrigin`]. Who validates does not change.
		///
		/// - `who`: the validator.
		/// - `department`: the department that now runs it; must exist and be active.
		///
		/// # Events
		/// - [`Event::ValidatorDepartmentChanged`].
		///
		/// # Errors
		/// - `BadOrigin`: not the `ValidatorOrigin`.
		/// - [`Error::NotValidator`]: `who` is not in the set.
		/// - [`Error::DepartmentUnchanged`]: `department` already runs it.
		/// - [`Error::UnknownDepartment`]: no such department.
		/// - [`Error::DepartmentSuspended`]: the department is suspended.
		#[pallet::call_index(2)]
		#[pallet::weight(
			<T as Config>::WeightInfo::set_validator_department(T::MaxValidators::get())
		)]
		pub fn set_validator_department(
			origin: OriginFor<T>,
			who: AccountIdLookupOf<T>,
			department: DepartmentId,
		) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut set = Validators::<T>::get();
			let entry = set
				.iter_mut()
				.find(|(validator, _)| *validator == who)
				.ok_or(Error::<T>::NotValidator)?;
			ensure!(entry.1 != department, Error::<T>::DepartmentUnchanged);
			Self::ensure_department_may_run(department)?;

			let old_department = core::mem::replace(&mut entry.1, department);
			Validators::<T>::put(set);
			Self::deposit_event(Event::ValidatorDepartmentChanged {
				who,
				old_department,
				new_department: department,
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The validator set as `(account, department)` pairs, in the order they joined: at most
		/// `MaxValidators`. Includes validators that are not validating yet (queued, or without
		/// session keys); pallet-session's `validators()` lists who validates now.
		pub fn validators() -> Vec<(T::AccountId, DepartmentId)> {
			Validators::<T>::get().into_inner()
		}

		/// What the next session boundary will do with the set, as things stand now.
		///
		/// At a boundary pallet-session queues, for the session after the one starting, either
		/// the set this pallet returns or, if none, the current validators again; either way it
		/// keeps only those with session keys. So a change is due exactly when the set's
		/// validators with keys differ (as a sequence) from the queued validators that still have
		/// keys. Reads the set, the queued keys and one `NextKeys` entry per validator of each:
		/// bounded by `MaxValidators` and the queue's length.
		pub fn next_change() -> SetChange<T::AccountId> {
			let set = Validators::<T>::get();
			if set.is_empty() {
				return SetChange::Unmanaged;
			}
			let (with_keys, without_keys): (Vec<_>, Vec<_>) =
				set.into_iter().map(|(who, _)| who).partition(Self::has_session_keys);
			if with_keys.is_empty() {
				return SetChange::NoKeys;
			}
			let kept: Vec<_> = pallet_session::QueuedKeys::<T>::get()
				.into_iter()
				.map(|(who, _)| who)
				.filter(Self::has_session_keys)
				.collect();
			if with_keys == kept {
				SetChange::Unchanged
			} else {
				SetChange::Queue { with_keys, without_keys }
			}
		}

		/// Refuses a removal of the validators `leaving` picks out of `set` that would leave
		/// fewer than `MinValidators` with session keys. Those of departments being dissolved
		/// count as gone already, so two dissolutions, or a removal during one, cannot together
		/// go below the minimum.
		pub(crate) fn ensure_enough_remain(
			set: &ValidatorsOf<T>,
			leaving: impl Fn(&(T::AccountId, DepartmentId)) -> bool,
		) -> DispatchResult {
			// Validators of a department being dissolved leave with it (in a step to come).
			let remaining_with_keys = set
				.iter()
				.filter(|entry| {
					!leaving(entry)
						&& !T::Departments::is_dissolving(entry.1)
						&& Self::has_session_keys(&entry.0)
				})
				.count();
			ensure!(
				count(remaining_with_keys) >= T::MinValidators::get(),
				Error::<T>::TooFewValidators
			);
			Ok(())
		}

		/// Whether `who` has session keys, which pallet-session needs to queue it.
		fn has_session_keys(who: &T::AccountId) -> bool {
			pallet_session::NextKeys::<T>::contains_key(who)
		}

		/// Checks and adds a validator. The caller has checked the origin. Used by the call and
		/// genesis.
		pub(crate) fn do_add_validator(
			who: T::AccountId,
			department: DepartmentId,
		) -> DispatchResult {
			Self::ensure_department_may_run(department)?;
			let mut set = Validators::<T>::get();
			ensure!(
				!set.iter().any(|(validator, _)| *validator == who),
				Error::<T>::AlreadyValidator
			);
			set.try_push((who.clone(), department)).map_err(|_| Error::<T>::TooManyValidators)?;
			let reached = count(set.len()) >= T::MinValidators::get();

			Validators::<T>::put(set);
			if reached && !MinimumReached::<T>::get() {
				MinimumReached::<T>::put(true);
			}
			Self::deposit_event(Event::ValidatorAdded { who, department });
			Ok(())
		}

		/// A department may take on a validator if it exists and is active. Only on refusal is it
		/// worth a second read to say which.
		fn ensure_department_may_run(department: DepartmentId) -> DispatchResult {
			if T::Departments::is_active(department) {
				return Ok(());
			}
			if T::Departments::prefix(department).is_some() {
				Err(Error::<T>::DepartmentSuspended.into())
			} else {
				Err(Error::<T>::UnknownDepartment.into())
			}
		}

		/// Checks the pallet's storage invariants:
		///
		/// 1. The stored set decodes and has at most `MaxValidators` validators.
		/// 2. No account appears twice.
		/// 3. Every validator's department exists (it may have been suspended since).
		/// 4. Once `MinimumReached`, the set has at least `MinValidators` validators. Before, it
		///    may have fewer: a chain started below the minimum (a development chain, or an
		///    empty genesis in tests), whose set can only grow until it reaches it.
		/// 5. A set handed to pallet-session and not yet validating is queued for the next
		///    session: `QueuedForSession` is `None` or pallet-session's current index + 1.
		///
		/// Off-chain only (`try-runtime` and tests). Never call it from on-chain code.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_set::BTreeSet;

			if let Some(len) = Validators::<T>::decode_len() {
				ensure!(
					count(len) <= T::MaxValidators::get(),
					"more than MaxValidators validators"
				);
			}
			ensure!(
				Validators::<T>::try_get().is_ok() || !Validators::<T>::exists(),
				"the validator set does not decode"
			);
			let set = Validators::<T>::get();
			let mut seen = BTreeSet::new();
			for (who, department) in &set {
				ensure!(seen.insert(who), "a validator appears twice");
				ensure!(
					T::Departments::prefix(*department).is_some(),
					"validator of an unknown department"
				);
			}
			if MinimumReached::<T>::get() {
				ensure!(
					count(set.len()) >= T::MinValidators::get(),
					"fewer than MinValidators validators"
				);
			}
			if let Some(session) = QueuedForSession::<T>::get() {
				ensure!(
					pallet_session::CurrentIndex::<T>::get().checked_add(1) == Some(session),
					"a set is queued for another session than the next"
				);
			}
			Ok(())
		}
	}

	/// Answers pallet-session at every session boundary.
	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		/// Hands pallet-session the set's validators with session keys when they differ from
		/// what it would queue anyway (see [`Pallet::next_change`]); `None` otherwise. Runs in
		/// pallet-session's `on_initialize`, which charges a full block for a rotation.
		fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			match Self::next_change() {
				SetChange::Unmanaged | SetChange::Unchanged => None,
				SetChange::NoKeys => {
					Self::deposit_event(Event::NoValidatorHasKeys { session: new_index });
					None
				},
				SetChange::Queue { with_keys, without_keys } => {
					QueuedForSession::<T>::put(new_index);
					Self::deposit_event(Event::ValidatorSetQueued {
						session: new_index,
						// Both are parts of the set, so never longer than `MaxValidators`.
						validators: BoundedVec::truncate_from(with_keys.clone()),
						without_keys: BoundedVec::truncate_from(without_keys),
					});
					Some(with_keys)
				},
			}
		}

		/// The first two sessions' validators: the genesis set, or `None` (pallet-session then
		/// takes its genesis `keys`) if it is empty. Called only by pallet-session's genesis
		/// build, after it stored the genesis keys; aborts that build if a genesis validator has
		/// no keys, which would leave it out of the genesis authorities.
		fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			let set = Validators::<T>::get();
			if set.is_empty() {
				return None;
			}
			let validators: Vec<_> = set.into_iter().map(|(who, _)| who).collect();
			let without_keys: Vec<_> =
				validators.iter().filter(|who| !Self::has_session_keys(who)).collect();
			assert!(
				without_keys.is_empty(),
				"genesis validators {without_keys:?} have no session keys: give each one keys in \
				 pallet-session's genesis `keys`"
			);
			Some(validators)
		}

		/// Nothing to do: the set changes only by governance.
		fn end_session(_end_index: SessionIndex) {}

		/// Notes that a set queued for `start_index` now validates.
		fn start_session(start_index: SessionIndex) {
			if QueuedForSession::<T>::get() == Some(start_index) {
				QueuedForSession::<T>::kill();
				Self::deposit_event(Event::ValidatorSetApplied { session: start_index });
			}
		}
	}
}

/// A length as a `u32` count, saturating (lengths here are bounded by `MaxValidators`, a `u32`).
fn count(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX)
}

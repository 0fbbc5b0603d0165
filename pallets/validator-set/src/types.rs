//! Types stored and emitted by the validator-set pallet.

use crate::Config;
use alloc::vec::Vec;
use city_primitives::DepartmentId;
use frame_support::BoundedVec;
use sp_runtime::traits::StaticLookup;

/// An account as given in calls: anything `frame_system::Config::Lookup` resolves.
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// The validator set as stored in [`crate::Validators`]: each validator's account with the
/// department that runs it, in the order they joined, at most [`Config::MaxValidators`].
pub type ValidatorsOf<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, DepartmentId),
	<T as Config>::MaxValidators,
>;

/// Validator accounts as listed in events: at most [`Config::MaxValidators`].
pub type AccountsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxValidators>;

/// What the next session boundary does with the validator set: see
/// [`crate::Pallet::next_change`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum SetChange<AccountId> {
	/// The set is empty, so this pallet does not manage validators (yet): pallet-session keeps
	/// queueing its current validators.
	Unmanaged,
	/// pallet-session would queue exactly the set's validators that have session keys anyway:
	/// nothing to hand over.
	Unchanged,
	/// None of the set's validators has session keys. Queueing them would leave no block author,
	/// so nothing is handed over and the current validators (those with keys) carry on.
	NoKeys,
	/// The set is handed to pallet-session, which queues `with_keys`, in this order, for the
	/// session after the one starting. `without_keys` are in the set but skipped until they set
	/// session keys.
	Queue {
		/// The set's validators with session keys, in order: what pallet-session queues.
		with_keys: Vec<AccountId>,
		/// The set's validators without session keys, skipped until they set them.
		without_keys: Vec<AccountId>,
	},
}

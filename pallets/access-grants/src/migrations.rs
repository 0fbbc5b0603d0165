//! Storage migrations of the access-grants pallet, in the pattern of
//! `pallet_departments::migrations` (an unchecked step in a private module, a public
//! [`VersionedMigration`] alias, try-runtime checks).
//!
//! # v1 → v2: [`MigrateV1ToV2`], open requests indexed by requester
//!
//! Version 2 purges a dissolved department's open requests, and finds the ones it made through
//! the new index [`RequesterRequests`]. This step builds that index from [`Requests`]; no stored
//! type changes.
//!
//! Weight: one read and one write per open request, in one block. Open requests are few (each
//! holds a deposit until it is decided), which suits a single-block step.

use crate::{Config, Pallet, RequesterRequests, Requests};
use frame_support::migrations::VersionedMigration;

/// Indexes every open request under its requester, once, taking the pallet from storage
/// version 1 to 2. See the [module documentation](self).
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	version_unchecked::IndexRequesters<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The step without the version check: private, so that a runtime can only use it through
/// [`MigrateV1ToV2`].
mod version_unchecked {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Indexes every open request under its requester.
	pub struct IndexRequesters<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for IndexRequesters<T> {
		fn on_runtime_upgrade() -> Weight {
			let requests: Vec<_> =
				Requests::<T>::iter().map(|(id, record)| (record.requester, id)).collect();
			let count = requests.len() as u64;
			for (requester, id) in requests {
				RequesterRequests::<T>::insert(requester, id, ());
			}
			T::DbWeight::get().reads_writes(count, count)
		}

		/// Records how many open requests there are: the migration must lose or add none.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((Requests::<T>::iter_keys().count() as u32).encode())
		}

		/// Checks the number of requests is unchanged and every invariant of the pallet holds
		/// (the index mirrors [`Requests`]).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use frame_support::ensure;
			let before = u32::decode(&mut &state[..])
				.map_err(|_| "access-grants v2: cannot decode the pre-upgrade state")?;
			ensure!(
				Requests::<T>::iter_keys().count() as u32 == before,
				"access-grants v2: the number of open requests changed"
			);
			Pallet::<T>::do_try_state()
		}
	}
}

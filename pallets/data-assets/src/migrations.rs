//! Storage migrations of the data-assets pallet, in the pattern of
//! `pallet_departments::migrations` (an unchecked step in a private module, a public
//! [`VersionedMigration`] alias, try-runtime checks).
//!
//! # v1 → v2: [`MigrateV1ToV2`], content hashes unique per department
//!
//! Version 1 kept one `AssetByContent` entry per content hash, city-wide (`content → (asset,
//! version)`), so the first department to register a hash locked every other out of it.
//! Version 2 keeps [`ContentRegistrations`] (`(content, department) → (asset, version)`): a hash
//! is unique per department. Each old entry moves to the department that owns its asset at
//! the upgrade (which registered it, unless the asset changed hands since); `AssetByContent` is
//! removed. An entry whose asset is missing (never the case in a consistent state) is dropped.
//!
//! Weight: per entry, one read of the old entry and of its asset, one write of the new entry
//! and one removal. It reads every version ever registered in one block, which suits the
//! chains this runtime runs on today (none has more than a few thousand versions); a chain with
//! far more would need a multi-block migration.

use crate::{Config, ContentHash, ContentRegistrations, Pallet};
use city_primitives::{AssetId, AssetVersion};
use frame_support::{migrations::VersionedMigration, storage_alias, Blake2_128Concat};

/// Moves the content index from one entry per hash to one per hash and department, once,
/// taking the pallet from storage version 1 to 2. See the [module documentation](self).
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	version_unchecked::ContentPerDepartment<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The storage of version 1, gone in version 2.
pub(crate) mod v1 {
	use super::*;

	/// Version 1's city-wide content index: the one asset version registered with each hash.
	#[storage_alias]
	pub(crate) type AssetByContent<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, ContentHash, (AssetId, AssetVersion)>;
}

/// The step without the version check: private, so that a runtime can only use it through
/// [`MigrateV1ToV2`].
mod version_unchecked {
	use super::*;
	use crate::Assets;
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;

	/// Re-keys every `AssetByContent` entry by its asset's owner into
	/// [`ContentRegistrations`].
	pub struct ContentPerDepartment<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for ContentPerDepartment<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut moved, mut dropped) = (0u64, 0u64);
			// `drain` removes each old entry as it is read; no map is written while iterated
			// but the new one, under another prefix.
			for (content, (asset, version)) in v1::AssetByContent::<T>::drain() {
				match Assets::<T>::get(asset) {
					Some(record) => {
						ContentRegistrations::<T>::insert(content, record.owner, (asset, version));
						moved = moved.saturating_add(1);
					},
					None => dropped = dropped.saturating_add(1),
				}
			}
			let entries = moved.saturating_add(dropped);
			T::DbWeight::get().reads_writes(entries.saturating_mul(2), entries.saturating_mul(2))
		}

		/// Records how many old entries there are: each must become one new entry.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok((v1::AssetByContent::<T>::iter_keys().count() as u64).encode())
		}

		/// Checks that every old entry became a new one, the old map is empty, and every
		/// invariant of the pallet holds (one registration per version).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use frame_support::ensure;
			let before = u64::decode(&mut &state[..])
				.map_err(|_| "data-assets v2: cannot decode the pre-upgrade state")?;
			ensure!(
				v1::AssetByContent::<T>::iter_keys().next().is_none(),
				"data-assets v2: AssetByContent is not empty"
			);
			ensure!(
				ContentRegistrations::<T>::iter_keys().count() as u64 == before,
				"data-assets v2: not every content entry was moved"
			);
			Pallet::<T>::do_try_state()
		}
	}
}

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
//!
//! # v2 → v3: [`MigrateV2ToV3`], retired assets shrink to tombstones
//!
//! From version 3, retiring an asset shrinks it to a tombstone (see `retire_asset`): the media
//! type, metadata hash and tags of the record, and every version's location, are dropped. This
//! step shrinks the assets retired before, in place; no stored type changes. Their deposits were
//! released in full when they were retired, and stay so: these tombstones have no payer, as
//! genesis assets have none.
//!
//! Weight: one read per asset, and per retired asset one write plus one read and one write per
//! version; in one block, with the same caveat as above.

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

/// Shrinks every asset retired before version 3 to its tombstone, once, taking the pallet from
/// storage version 2 to 3. See the [module documentation](self).
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	version_unchecked::Tombstones<T>,
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
			// The content index only: retired assets become tombstones in the next step.
			Pallet::<T>::check_content_index()
		}
	}

	/// Shrinks every retired asset to its tombstone.
	pub struct Tombstones<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Tombstones<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut assets, mut versions) = (0u64, 0u64);
			let retired: Vec<_> = Assets::<T>::iter()
				.inspect(|_| assets = assets.saturating_add(1))
				.filter(|(_, record)| record.retired_at.is_some())
				.collect();
			let shrunk = retired.len() as u64;
			for (asset, mut record) in retired {
				versions = versions.saturating_add(record.latest_version.into());
				Pallet::<T>::shrink_to_tombstone(asset, &mut record);
				Assets::<T>::insert(asset, record);
			}
			T::DbWeight::get()
				.reads_writes(assets.saturating_add(versions), shrunk.saturating_add(versions))
		}

		/// Records the retired assets and their deposits: the same ones must be tombstones
		/// after, with the same deposits.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let retired: Vec<_> = Assets::<T>::iter()
				.filter(|(_, record)| record.retired_at.is_some())
				.map(|(asset, record)| (asset, record.deposit))
				.collect();
			Ok(retired.encode())
		}

		/// Checks the same assets are retired with the same deposits, and every invariant of
		/// the pallet holds (tombstones included).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use frame_support::ensure;
			let before =
				Vec::<(crate::AssetId, Option<crate::DepositOf<T>>)>::decode(&mut &state[..])
					.map_err(|_| "data-assets v3: cannot decode the pre-upgrade state")?;
			let after: Vec<_> = Assets::<T>::iter()
				.filter(|(_, record)| record.retired_at.is_some())
				.map(|(asset, record)| (asset, record.deposit))
				.collect();
			ensure!(before == after, "data-assets v3: retired assets or their deposits changed");
			Pallet::<T>::do_try_state()
		}
	}
}

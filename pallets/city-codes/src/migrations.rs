//! Storage migrations of the city-codes pallet, in the pattern of
//! `pallet_data_assets::migrations` (an unchecked step in a private module, a public
//! [`VersionedMigration`] alias, try-runtime checks).
//!
//! # v1 → v2: [`MigrateV1ToV2`], retired codes shrink to tombstones
//!
//! From version 2, retiring a code shrinks it to a tombstone (see `retire_code`): its links to
//! assets and its attributes hash are dropped. This step shrinks the codes retired before, in
//! place; no stored type changes. Their deposits were released in full when they were retired,
//! and stay so: these tombstones have no payer, as genesis codes have none.
//!
//! Weight: one read per code and one write per retired code, in one block, which suits the
//! chains this runtime runs on today; a chain with millions of codes would need a multi-block
//! migration.

use crate::{Codes, Config, Pallet};
use frame_support::migrations::VersionedMigration;

/// Shrinks every code retired before version 2 to its tombstone, once, taking the pallet from
/// storage version 1 to 2. See the [module documentation](self).
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	version_unchecked::Tombstones<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The step without the version check: private, so that a runtime can only use it through
/// [`MigrateV1ToV2`].
mod version_unchecked {
	use super::*;
	use crate::CodeStatus;
	use alloc::vec::Vec;
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Shrinks every retired code to its tombstone.
	pub struct Tombstones<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Tombstones<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut codes = 0u64;
			let retired: Vec<_> = Codes::<T>::iter()
				.inspect(|_| codes = codes.saturating_add(1))
				.filter(|(_, record)| record.status == CodeStatus::Retired)
				.collect();
			let shrunk = retired.len() as u64;
			for (code, mut record) in retired {
				Pallet::<T>::shrink_to_tombstone(&mut record);
				Codes::<T>::insert(code, record);
			}
			T::DbWeight::get().reads_writes(codes, shrunk)
		}

		/// Records the retired codes and their deposits: the same ones must be tombstones
		/// after, with the same deposits.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			Ok(Pallet::<T>::retired_codes().encode())
		}

		/// Checks the same codes are retired with the same deposits, and every invariant of the
		/// pallet holds (tombstones included).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use frame_support::ensure;
			let before =
				Vec::<(crate::CodeId, Option<crate::DepositOf<T>>)>::decode(&mut &state[..])
					.map_err(|_| "city-codes v2: cannot decode the pre-upgrade state")?;
			ensure!(
				before == Pallet::<T>::retired_codes(),
				"city-codes v2: retired codes or their deposits changed"
			);
			Pallet::<T>::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Every retired code with its deposit, for the checks around the migration.
		#[cfg(feature = "try-runtime")]
		fn retired_codes() -> Vec<(crate::CodeId, Option<crate::DepositOf<T>>)> {
			Codes::<T>::iter()
				.filter(|(_, record)| record.status == CodeStatus::Retired)
				.map(|(code, record)| (code, record.deposit))
				.collect()
		}
	}
}

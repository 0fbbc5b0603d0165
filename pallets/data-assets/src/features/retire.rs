//! Retiring an asset: final. What stays is a tombstone, paid for by a smaller deposit: the
//! record (owner, name, classification, history counters), every version's content hash, size,
//! registrant and block (so every copy stays verifiable) and the content registrations (so the
//! department never registers the same content again). The describing fields (media type,
//! metadata hash, tags) and every version's location are dropped, and the rest of the deposit
//! goes back.

use crate::{
	AssetId, AssetRecordOf, AssetVersion, Assets, BalanceOf, Config, DepartmentId, Event,
	HoldReason, Pallet, Versions, FIRST_VERSION,
};
use frame_support::{pallet_prelude::DispatchError, traits::Get};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Retires `asset`, owned by `department`: shrinks it to its tombstone, keeps the tombstone's
	/// deposit, releases the rest and withdraws a pending offer. Returns how many versions it
	/// has (what the call's weight depends on). For `retire_asset`.
	pub(crate) fn do_retire_asset(
		department: DepartmentId,
		asset: AssetId,
	) -> Result<AssetVersion, DispatchError> {
		let mut record = Self::owned_active_asset(department, asset)?;
		Self::ensure_not_held(asset, department)?;
		let versions = record.latest_version;

		let reason = HoldReason::AssetDeposit.into();
		let (kept, released) = match record.deposit.take() {
			Some(deposit) => {
				deposit.shrink_to::<T::Currency>(Self::tombstone_deposit(versions), &reason)?
			},
			None => (None, None),
		};
		let withdrawn = record.offered_to.take();
		record.deposit = kept.clone();
		record.retired_at = Some(frame_system::Pallet::<T>::block_number());
		Self::shrink_to_tombstone(asset, &mut record);
		Assets::<T>::insert(asset, record);
		if let Some(to) = withdrawn {
			Self::deposit_event(Event::TransferCancelled { asset, to, by: department });
		}
		Self::deposit_event(Event::AssetRetired { asset, released, kept });
		Ok(versions)
	}

	/// What a retired asset with `versions` versions keeps on hold for its tombstone.
	pub(crate) fn tombstone_deposit(versions: AssetVersion) -> BalanceOf<T> {
		T::VersionTombstoneDeposit::get()
			.saturating_mul(versions.into())
			.saturating_add(T::AssetTombstoneDeposit::get())
	}

	/// Drops what a tombstone does not keep from `record` (written by the caller) and from each
	/// of its versions: at most `MaxVersions` writes.
	pub(crate) fn shrink_to_tombstone(asset: AssetId, record: &mut AssetRecordOf<T>) {
		record.media_type = Default::default();
		record.metadata_hash = None;
		record.tags = Default::default();
		for version in FIRST_VERSION..=record.latest_version {
			Versions::<T>::mutate(asset, version, |entry| {
				if let Some(entry) = entry {
					entry.location = Default::default();
				}
			});
		}
	}
}

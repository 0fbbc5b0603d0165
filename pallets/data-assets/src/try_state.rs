//! The pallet's storage invariants, one function each, checked by [`Pallet::do_try_state`].
//!
//! Off-chain only (`try-runtime` and tests), where no block weight limits them, so they iterate
//! over whole maps. Never call them from on-chain code.

use crate::{
	Assets, AssetsByDepartment, BalanceOf, Config, ContentRegistrations, DepartmentRegistry,
	HoldReason, Metadata, NextAssetId, Pallet, Versions, FIRST_VERSION,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, pallet_prelude::Get, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's storage invariants, in this order:
	///
	/// 1. Every asset id is below `NextAssetId`; every owner is an existing department
	///    (`Departments::prefix(owner)` is known); every asset's fields are well-formed
	///    (`check_assets_are_well_formed`).
	/// 2. `AssetsByDepartment` holds exactly one entry `(owner, asset)` per asset
	///    (`check_department_index`).
	/// 3. Every asset has `1 <= latest_version <= MaxVersions`, versions `1..=latest_version`
	///    exist in `Versions` with well-formed locations (empty, for a retired asset's
	///    tombstone), and `Versions` has no other entries (`check_versions`).
	/// 4. `ContentRegistrations` has exactly one entry per version, keyed by its content
	///    (`check_content_index`).
	/// 5. A pending offer names an existing department other than the owner; a retired asset
	///    is a tombstone: no offer, no describing fields, and a deposit of at most its
	///    tombstone's (`check_offers_and_retired_assets`).
	/// 6. Every recorded deposit is non-zero, and for every depositor the deposits recorded
	///    with it as payer add up to exactly what is on hold from it for
	///    [`HoldReason::AssetDeposit`] (only this pallet uses that reason)
	///    (`check_deposits_match_holds`).
	/// 7. `NextAssetId` is greater than every asset id (same as 1).
	///
	/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it
	/// iterates over whole maps. Never call it from on-chain code.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_assets_are_well_formed()?;
		Self::check_department_index()?;
		Self::check_versions()?;
		Self::check_content_index()?;
		Self::check_offers_and_retired_assets()?;
		Self::check_deposits_match_holds()
	}

	/// Invariants 1 and 7: ids below `NextAssetId`, owners that exist, well-formed fields.
	fn check_assets_are_well_formed() -> Result<(), TryRuntimeError> {
		let next_id = NextAssetId::<T>::get();
		for (asset, record) in Assets::<T>::iter() {
			ensure!(asset < next_id, "asset id not below NextAssetId");
			ensure!(
				T::Departments::prefix(record.owner).is_some(),
				"asset owner is not a department"
			);
			if record.retired_at.is_some() {
				// A tombstone keeps only its name (invariant 5 checks the rest is gone).
				ensure!(
					city_primitives::is_display_text(&record.name),
					"asset metadata is malformed"
				);
				continue;
			}
			let metadata = Metadata {
				name: record.name,
				media_type: record.media_type,
				metadata_hash: record.metadata_hash,
				tags: record.tags,
			};
			ensure!(Self::checked_metadata(metadata).is_ok(), "asset metadata is malformed");
		}
		Ok(())
	}

	/// Invariant 2: one `AssetsByDepartment` entry per asset, under its owner, and no other.
	fn check_department_index() -> Result<(), TryRuntimeError> {
		let mut assets = 0usize;
		for (asset, record) in Assets::<T>::iter() {
			assets = assets.saturating_add(1);
			ensure!(
				AssetsByDepartment::<T>::contains_key(record.owner, asset),
				"AssetsByDepartment misses an asset"
			);
		}
		ensure!(
			AssetsByDepartment::<T>::iter_keys().count() == assets,
			"AssetsByDepartment has entries of no asset"
		);
		Ok(())
	}

	/// Invariant 3: versions `1..=latest_version` of every asset, well-formed, and no other.
	fn check_versions() -> Result<(), TryRuntimeError> {
		let mut versions = 0usize;
		for (asset, record) in Assets::<T>::iter() {
			ensure!(
				(FIRST_VERSION..=T::MaxVersions::get()).contains(&record.latest_version),
				"latest_version out of range"
			);
			for version in FIRST_VERSION..=record.latest_version {
				versions = versions.saturating_add(1);
				let entry = Versions::<T>::get(asset, version).ok_or("version missing")?;
				if record.retired_at.is_some() {
					ensure!(entry.location.is_empty(), "a tombstone version keeps its location");
				} else {
					ensure!(
						Self::checked_location(entry.location).is_ok(),
						"version location is malformed"
					);
				}
			}
		}
		ensure!(Versions::<T>::iter_keys().count() == versions, "Versions has stray entries");
		Ok(())
	}

	/// Invariant 4: every entry of `ContentRegistrations` points to a version with that
	/// content, no two entries to the same version, and every version has one. Runs after
	/// [`Self::check_versions`], so every version exists.
	pub(crate) fn check_content_index() -> Result<(), TryRuntimeError> {
		let mut registered = alloc::collections::BTreeSet::new();
		for (content, _, (asset, version)) in ContentRegistrations::<T>::iter() {
			ensure!(
				Versions::<T>::get(asset, version).is_some_and(|entry| entry.content == content),
				"ContentRegistrations points to no version with that content"
			);
			ensure!(
				registered.insert((asset, version)),
				"ContentRegistrations has two entries of one version"
			);
		}
		ensure!(
			Versions::<T>::iter_keys().count() == registered.len(),
			"a version has no entry in ContentRegistrations"
		);
		Ok(())
	}

	/// Invariant 5: offers to another existing department; retired assets are tombstones:
	/// no offer, no media type, metadata hash or tags, and no deposit but the tombstone's (none
	/// for an asset that held none when it was retired: genesis assets, and assets retired
	/// before tombstones kept one).
	fn check_offers_and_retired_assets() -> Result<(), TryRuntimeError> {
		for (_, record) in Assets::<T>::iter() {
			if let Some(to) = record.offered_to {
				ensure!(
					to != record.owner && T::Departments::prefix(to).is_some(),
					"offer to the owner or to no department"
				);
			}
			if record.retired_at.is_some() {
				ensure!(record.offered_to.is_none(), "retired asset has an offer");
				ensure!(
					record.media_type.is_empty()
						&& record.metadata_hash.is_none()
						&& record.tags.is_empty(),
					"a tombstone keeps describing fields"
				);
				ensure!(
					record.deposit.as_ref().is_none_or(|deposit| {
						deposit.amount <= Self::tombstone_deposit(record.latest_version)
					}),
					"a tombstone holds more than its deposit"
				);
			}
		}
		Ok(())
	}

	/// Invariant 6: non-zero deposits that add up, per depositor, to its hold.
	fn check_deposits_match_holds() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for deposit in Assets::<T>::iter_values().filter_map(|record| record.deposit) {
			ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
			let total = deposits.entry(deposit.depositor).or_default();
			*total = total
				.checked_add(&deposit.amount)
				.ok_or("recorded deposits of one depositor overflow")?;
		}
		let reason: T::RuntimeHoldReason = HoldReason::AssetDeposit.into();
		for (depositor, recorded) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == recorded,
				"recorded deposits disagree with the hold"
			);
		}
		Ok(())
	}
}

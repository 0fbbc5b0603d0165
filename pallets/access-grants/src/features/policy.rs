//! The rules every feature applies: when a grant gives access, when it has ended for good, when
//! the oversight office must decide, which durations are allowed.

use crate::{
	AssetInfo, AssetRegistry, Classification, Config, DenialReason, DepartmentId,
	DepartmentRegistry, Error, GrantOf, Pallet,
};
use frame_support::{ensure, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// The current block number: grants expire, and are issued, by it.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Checks a requested or granted duration: `1..=MaxGrantDuration`.
	pub(crate) fn ensure_duration(duration: BlockNumberFor<T>) -> Result<(), Error<T>> {
		ensure!(!duration.is_zero(), Error::<T>::ZeroDuration);
		ensure!(duration <= T::MaxGrantDuration::get(), Error::<T>::DurationTooLong);
		Ok(())
	}

	/// Whether a request or grant needs the oversight office: it did when it was made
	/// (`required`, sticky), or its asset is `Restricted` now.
	pub(crate) fn needs_oversight(required: bool, info: &AssetInfo) -> bool {
		required || info.classification == Classification::Restricted
	}

	/// Whether `info` still describes the period of ownership a request was made or a grant
	/// issued in: the same owner, and no transfer since (an asset that was handed on and back
	/// is in a new period).
	pub(crate) fn same_ownership(info: &AssetInfo, owner: DepartmentId, transfers: u32) -> bool {
		info.owner == owner && info.transfers == transfers
	}

	/// Why `grant` gives no access at block `now`, given its asset's `info`; `None` if it does.
	/// The reasons that can never change come first, so the answer is final whenever a final
	/// reason applies.
	pub(crate) fn grant_denial(
		grant: &GrantOf<T>,
		info: Option<AssetInfo>,
		now: BlockNumberFor<T>,
	) -> Option<DenialReason> {
		let Some(info) = info else { return Some(DenialReason::UnknownAsset) };
		if !info.active {
			return Some(DenialReason::AssetRetired);
		}
		if !Self::same_ownership(&info, grant.owner, grant.transfers) {
			return Some(DenialReason::OwnerChanged);
		}
		if now >= grant.expires_at {
			return Some(DenialReason::Expired);
		}
		if grant.max_uses.is_some_and(|cap| grant.uses >= cap) {
			return Some(DenialReason::Exhausted);
		}
		if Self::needs_oversight(grant.oversight_required, &info) && !grant.oversight_approved {
			return Some(DenialReason::PendingOversight);
		}
		if !T::Departments::is_active(grant.owner) {
			return Some(DenialReason::OwnerInactive);
		}
		if !T::Departments::is_active(grant.grantee) {
			return Some(DenialReason::DepartmentInactive);
		}
		None
	}

	/// Whether `grant` can never give access again (see [`DenialReason::is_final`]).
	pub(crate) fn has_ended(grant: &GrantOf<T>, now: BlockNumberFor<T>) -> bool {
		Self::grant_denial(grant, T::Assets::asset_info(grant.asset), now)
			.is_some_and(DenialReason::is_final)
	}
}

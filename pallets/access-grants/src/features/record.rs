//! Recording accesses under a grant: the audit trail. Each record is one use of the grant.

use crate::{
	AssetId, AssetRegistry, Config, DenialReason, DepartmentId, Error, Event, GrantId, GrantOf,
	Grants, Pallet, Receipt,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// `record_access` by `who`, an Operator or Steward of `department`.
	pub(crate) fn do_record_access(
		who: T::AccountId,
		department: DepartmentId,
		asset: AssetId,
		grant: GrantId,
		receipt: Receipt,
	) -> DispatchResult {
		let mut record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(record.asset == asset, Error::<T>::GrantAssetMismatch);
		ensure!(department == record.grantee || department == record.owner, Error::<T>::NotParty);
		let now = Self::now();
		if let Some(denial) = Self::grant_denial(&record, T::Assets::asset_info(asset), now) {
			return Err(Self::denial_error(denial).into());
		}
		let use_count = Self::count_use(&mut record, now)?;
		let grantee = record.grantee;
		Grants::<T>::insert(grant, record);
		Self::deposit_event(Event::AccessRecorded {
			grant,
			asset,
			grantee,
			department,
			who,
			receipt,
			use_count,
		});
		Ok(())
	}

	/// Counts one more access of `grant` at `now` (not yet stored) and returns its use count:
	/// what `record_access` and `record_served` both do for a counted access.
	pub(crate) fn count_use(
		grant: &mut GrantOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<u32, Error<T>> {
		let use_count = grant.uses.checked_add(1).ok_or(Error::<T>::UseCountOverflow)?;
		grant.uses = use_count;
		grant.last_access = Some(now);
		Ok(use_count)
	}

	/// The error `record_access` fails with for a denial.
	fn denial_error(reason: DenialReason) -> Error<T> {
		match reason {
			DenialReason::UnknownAsset => Error::<T>::UnknownAsset,
			DenialReason::AssetRetired => Error::<T>::AssetRetired,
			DenialReason::OwnerChanged => Error::<T>::OwnerChanged,
			DenialReason::Expired => Error::<T>::GrantExpired,
			DenialReason::Exhausted => Error::<T>::GrantExhausted,
			DenialReason::PendingOversight => Error::<T>::PendingOversight,
			DenialReason::OwnerInactive => Error::<T>::OwnerInactive,
			DenialReason::DepartmentInactive => Error::<T>::GranteeInactive,
			DenialReason::NotMember => Error::<T>::NotParty,
			DenialReason::NoGrant => Error::<T>::UnknownGrant,
		}
	}
}

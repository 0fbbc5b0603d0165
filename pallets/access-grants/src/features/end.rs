//! Ending grants: the owner revokes, the grantee renounces, anyone purges ended ones. Each
//! removes the grant and its indexes and releases its deposit to whoever paid it.

use crate::{
	AssetGrants, Config, DepartmentId, DepositOf, Error, Event, GrantId, GrantOf, GranteeGrants,
	Grants, OwnerGrants, Pallet, ReasonOf,
};
use alloc::vec::Vec;
use city_primitives::LegalHolds as _;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// `revoke_access` by `who`, a Steward of `department`.
	pub(crate) fn do_revoke_access(
		who: T::AccountId,
		department: DepartmentId,
		grant: GrantId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
		let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(record.owner == department, Error::<T>::NotOwner);

		let deposit = Self::remove_grant(grant, &record)?;
		Self::deposit_event(Event::GrantRevoked { grant, who, reason, deposit });
		Ok(())
	}

	/// `renounce_access` by `who`, a Steward of `department`.
	pub(crate) fn do_renounce_access(
		who: T::AccountId,
		department: DepartmentId,
		grant: GrantId,
	) -> DispatchResult {
		let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(record.grantee == department, Error::<T>::NotGrantee);

		let deposit = Self::remove_grant(grant, &record)?;
		Self::deposit_event(Event::GrantRenounced { grant, who, deposit });
		Ok(())
	}

	/// `purge_expired`: checks every grant first, so one that cannot be purged fails the call
	/// before anything is removed.
	pub(crate) fn do_purge_expired(grants: &[GrantId]) -> DispatchResult {
		let now = Self::now();
		let mut records = Vec::with_capacity(grants.len());
		for (index, grant) in grants.iter().enumerate() {
			ensure!(!grants.iter().take(index).any(|g| g == grant), Error::<T>::DuplicateGrant);
			let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
			ensure!(Self::has_ended(&record, now), Error::<T>::GrantStillValid);
			ensure!(
				!T::LegalHolds::asset_held(record.asset, &[record.owner, record.grantee]),
				Error::<T>::UnderLegalHold
			);
			records.push((*grant, record));
		}

		for (grant, record) in records {
			Self::purge_grant(grant, &record)?;
		}
		Ok(())
	}

	/// Removes a grant and its indexes and releases its deposit; returns what was released.
	pub(crate) fn remove_grant(
		grant: GrantId,
		record: &GrantOf<T>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let released = Self::release(&record.deposit)?;
		Grants::<T>::remove(grant);
		AssetGrants::<T>::remove(record.asset, record.grantee);
		GranteeGrants::<T>::remove(record.grantee, grant);
		OwnerGrants::<T>::remove(record.owner, grant);
		Ok(released)
	}

	/// Removes an ended grant and says so.
	pub(crate) fn purge_grant(grant: GrantId, record: &GrantOf<T>) -> DispatchResult {
		let deposit = Self::remove_grant(grant, record)?;
		Self::deposit_event(Event::GrantPurged { grant, deposit });
		Ok(())
	}
}

//! This pallet's share of dissolving a department ([`Offboarding`]): the grants it received and
//! gave are ended, and the open requests it made or had to decide purged, each deposit back to
//! whoever paid it, with the usual `GrantPurged` and `RequestPurged` events. A grant or request
//! under legal hold (its asset's, or either department's) stops the step.

use crate::{
	Config, DepartmentId, Event, GranteeGrants, Grants, OwnerGrants, OwnerRequests, Pallet,
	RequesterRequests, Requests, WeightInfo,
};
use city_primitives::{
	offboarding::offboard_each, LegalHolds, OffboardCounts, Offboarded, Offboarding,
};
use frame_support::weights::{Weight, WeightMeter};
use sp_runtime::{traits::Saturating, DispatchError};

impl<T: Config> Offboarding for Pallet<T> {
	fn offboard(
		department: DepartmentId,
		_successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		// A department is never both owner and grantee of a grant, nor requester and owner of
		// a request, so no item comes twice.
		let grants = GranteeGrants::<T>::iter_key_prefix(department)
			.chain(OwnerGrants::<T>::iter_key_prefix(department));
		let outcome = offboard_each(
			grants,
			meter,
			|_| T::WeightInfo::offboard_grant(),
			|grant| {
				let Some(record) = Grants::<T>::get(grant) else { return Ok(None) };
				if let Some(held) =
					T::LegalHolds::asset_hold(record.asset, &[record.owner, record.grantee])
				{
					return Ok(Some(held));
				}
				let deposit = Self::remove_grant(grant, &record)?;
				ended.grants_ended.saturating_inc();
				Self::deposit_event(Event::GrantPurged { grant, deposit });
				Ok(None)
			},
		)?;
		if outcome != Offboarded::Finished {
			return Ok(outcome);
		}

		let requests = RequesterRequests::<T>::iter_key_prefix(department)
			.chain(OwnerRequests::<T>::iter_key_prefix(department));
		offboard_each(
			requests,
			meter,
			|_| T::WeightInfo::offboard_request(),
			|request| {
				let Some(record) = Requests::<T>::get(request) else { return Ok(None) };
				if let Some(held) =
					T::LegalHolds::asset_hold(record.asset, &[record.owner, record.requester])
				{
					return Ok(Some(held));
				}
				let deposit = Self::remove_request(request, &record)?;
				ended.requests_purged.saturating_inc();
				Self::deposit_event(Event::RequestPurged { request, deposit });
				Ok(None)
			},
		)
	}

	fn max_item_weight() -> Weight {
		T::WeightInfo::offboard_grant().max(T::WeightInfo::offboard_request())
	}
}

//! Opening, cancelling and purging requests.

use crate::{
	AccessRequest, AssetGrants, AssetId, AssetRegistry, Classification, Config, DepartmentId,
	DepositOf, Error, Event, Grants, NextRequestId, OpenRequests, OwnerRequests, Pallet, PurposeOf,
	RequestId, RequestOf, RequesterRequests, Requests, Scope,
};
use city_primitives::LegalHolds as _;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Opens a request of `who`, a Steward of `requester` (checked by the caller), holding the
	/// deposit if `charge`. Used by `request_access` and genesis.
	pub(crate) fn do_request_access(
		who: T::AccountId,
		requester: DepartmentId,
		asset: AssetId,
		purpose: PurposeOf<T>,
		scope: Scope,
		duration: BlockNumberFor<T>,
		charge: bool,
	) -> Result<RequestId, DispatchError> {
		ensure!(!purpose.is_empty(), Error::<T>::EmptyPurpose);
		Self::ensure_duration(duration)?;
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(info.active, Error::<T>::AssetRetired);
		ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
		ensure!(info.owner != requester, Error::<T>::OwnAsset);
		ensure!(!OpenRequests::<T>::contains_key(asset, requester), Error::<T>::DuplicateRequest);
		let now = Self::now();
		if let Some(existing) = AssetGrants::<T>::get(asset, requester) {
			let live = Grants::<T>::get(existing).is_some_and(|g| !Self::has_ended(&g, now));
			ensure!(!live, Error::<T>::AlreadyGranted);
		}
		let request = NextRequestId::<T>::get();
		let next = request.checked_add(1).ok_or(Error::<T>::NoRequestIdLeft)?;
		let deposit = if charge { Self::checked_deposit(&who)? } else { None };

		Self::hold(&deposit)?;
		let record = AccessRequest {
			asset,
			requester,
			owner: info.owner,
			transfers: info.transfers,
			requested_by: who.clone(),
			purpose: purpose.clone(),
			scope,
			duration,
			requested_at: now,
			owner_approval: None,
			oversight_required: Self::needs_oversight(false, &info),
			oversight_approved: false,
			deposit: deposit.clone(),
		};
		NextRequestId::<T>::put(next);
		Requests::<T>::insert(request, record);
		OpenRequests::<T>::insert(asset, requester, request);
		OwnerRequests::<T>::insert(info.owner, request, ());
		RequesterRequests::<T>::insert(requester, request, ());
		Self::deposit_event(Event::RequestOpened {
			request,
			asset,
			requester,
			owner: info.owner,
			who,
			purpose,
			scope,
			duration,
			deposit,
		});
		Ok(request)
	}

	/// `cancel_request` by `who`, a Steward of `department`.
	pub(crate) fn do_cancel_request(
		who: T::AccountId,
		department: DepartmentId,
		request: RequestId,
	) -> DispatchResult {
		let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(record.requester == department, Error::<T>::NotRequester);

		let deposit = Self::remove_request(request, &record)?;
		Self::deposit_event(Event::RequestCancelled { request, who, deposit });
		Ok(())
	}

	/// `purge_request`: removes a request that can never be decided, as its asset is gone,
	/// retired or changed hands since it was made.
	pub(crate) fn do_purge_request(request: RequestId) -> DispatchResult {
		let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
		let decidable = T::Assets::asset_info(record.asset).is_some_and(|info| {
			info.active && Self::same_ownership(&info, record.owner, record.transfers)
		});
		ensure!(!decidable, Error::<T>::RequestStillValid);
		ensure!(
			!T::LegalHolds::asset_held(record.asset, &[record.owner, record.requester]),
			Error::<T>::UnderLegalHold
		);

		let deposit = Self::remove_request(request, &record)?;
		Self::deposit_event(Event::RequestPurged { request, deposit });
		Ok(())
	}

	/// Removes a request and its indexes and releases its deposit; returns what was released.
	pub(crate) fn remove_request(
		request: RequestId,
		record: &RequestOf<T>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		let released = Self::release(&record.deposit)?;
		Requests::<T>::remove(request);
		OpenRequests::<T>::remove(record.asset, record.requester);
		OwnerRequests::<T>::remove(record.owner, request);
		RequesterRequests::<T>::remove(record.requester, request);
		Ok(released)
	}
}

//! Issuing grants: directly (`grant_access`, genesis) or from a fully approved request. A pair
//! `(asset, grantee)` has at most one grant; an ended one is purged to make room.

use crate::{
	AssetGrants, AssetId, AssetRegistry, Classification, Config, DepartmentId, DepartmentRegistry,
	Error, Event, Grant, GrantId, GrantOf, GrantSource, GranteeGrants, Grants, NextGrantId,
	OpenRequests, OwnerApproval, OwnerGrants, OwnerRequests, Pallet, PurposeOf, RequestId,
	RequestOf, RequesterRequests, Requests, Scope,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Saturating, DispatchError};

impl<T: Config> Pallet<T> {
	/// Issues a direct grant by `who`, a Steward of `owner` (checked by the caller), holding the
	/// deposit if `charge`. Used by `grant_access` and genesis.
	pub(crate) fn do_grant_access(
		who: T::AccountId,
		owner: DepartmentId,
		asset: AssetId,
		grantee: DepartmentId,
		purpose: PurposeOf<T>,
		scope: Scope,
		duration: BlockNumberFor<T>,
		max_uses: Option<u32>,
		charge: bool,
	) -> Result<GrantId, DispatchError> {
		ensure!(!purpose.is_empty(), Error::<T>::EmptyPurpose);
		Self::ensure_duration(duration)?;
		ensure!(max_uses != Some(0), Error::<T>::ZeroUseCap);
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(info.active, Error::<T>::AssetRetired);
		ensure!(info.owner == owner, Error::<T>::NotOwner);
		ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
		ensure!(grantee != owner, Error::<T>::OwnAsset);
		ensure!(T::Departments::is_active(grantee), Error::<T>::GranteeInactive);
		let replaced = Self::ensure_pair_free(asset, grantee)?;
		let grant = Self::next_grant_id()?;
		let deposit = if charge { Self::checked_deposit(&who)? } else { None };

		Self::hold(&deposit)?;
		let now = Self::now();
		let record = Grant {
			asset,
			owner,
			transfers: info.transfers,
			grantee,
			purpose,
			scope,
			granted_by: who,
			source: GrantSource::Direct,
			granted_at: now,
			expires_at: now.saturating_add(duration),
			max_uses,
			uses: 0,
			last_access: None,
			oversight_required: Self::needs_oversight(false, &info),
			oversight_approved: false,
			deposit,
		};
		Self::insert_grant(grant, record, replaced)?;
		Ok(grant)
	}

	/// Turns a fully approved request into a grant: removes the request (its deposit stays held,
	/// now for the grant) and inserts the grant, which needs the oversight office if
	/// `oversight_required` (then the request has the office's approval). The caller has
	/// verified everything, including that the asset is still in the period of ownership the
	/// request was made in and that the pair is free but for `replaced`, and reserved `grant`.
	pub(crate) fn issue_from_request(
		request: RequestId,
		record: RequestOf<T>,
		approval: OwnerApproval<T::AccountId, BlockNumberFor<T>>,
		replaced: Option<GrantId>,
		grant: GrantId,
		oversight_required: bool,
	) -> DispatchResult {
		Requests::<T>::remove(request);
		OpenRequests::<T>::remove(record.asset, record.requester);
		OwnerRequests::<T>::remove(record.owner, request);
		RequesterRequests::<T>::remove(record.requester, request);
		let now = Self::now();
		let issued = Grant {
			asset: record.asset,
			owner: record.owner,
			transfers: record.transfers,
			grantee: record.requester,
			purpose: record.purpose,
			scope: record.scope,
			granted_by: approval.by,
			source: GrantSource::Request(request),
			granted_at: now,
			expires_at: now.saturating_add(approval.duration),
			max_uses: approval.max_uses,
			uses: 0,
			last_access: None,
			oversight_required,
			oversight_approved: record.oversight_approved,
			deposit: record.deposit,
		};
		Self::insert_grant(grant, issued, replaced)
	}

	/// Stores a new grant with id `grant` (reserved with [`Self::next_grant_id`]) and its
	/// indexes, after purging the ended grant `replaced` of the same pair, if any.
	fn insert_grant(
		grant: GrantId,
		record: GrantOf<T>,
		replaced: Option<GrantId>,
	) -> DispatchResult {
		if let Some(old) = replaced {
			if let Some(old_record) = Grants::<T>::get(old) {
				Self::purge_grant(old, &old_record)?;
			}
		}
		NextGrantId::<T>::put(grant.saturating_add(1));
		AssetGrants::<T>::insert(record.asset, record.grantee, grant);
		GranteeGrants::<T>::insert(record.grantee, grant, ());
		OwnerGrants::<T>::insert(record.owner, grant, ());
		let pending_oversight = record.oversight_required && !record.oversight_approved;
		Self::deposit_event(Event::GrantIssued {
			grant,
			asset: record.asset,
			owner: record.owner,
			grantee: record.grantee,
			who: record.granted_by.clone(),
			purpose: record.purpose.clone(),
			scope: record.scope,
			expires_at: record.expires_at,
			max_uses: record.max_uses,
			source: record.source,
			pending_oversight,
		});
		Grants::<T>::insert(grant, record);
		Ok(())
	}

	/// The id a new grant gets, checking that one is left. `insert_grant` advances it.
	pub(crate) fn next_grant_id() -> Result<GrantId, Error<T>> {
		let grant = NextGrantId::<T>::get();
		grant.checked_add(1).ok_or(Error::<T>::NoGrantIdLeft)?;
		Ok(grant)
	}

	/// Checks that `grantee` holds no grant for `asset` that has not ended; returns the ended
	/// one, which a new grant replaces.
	pub(crate) fn ensure_pair_free(
		asset: AssetId,
		grantee: DepartmentId,
	) -> Result<Option<GrantId>, Error<T>> {
		let Some(existing) = AssetGrants::<T>::get(asset, grantee) else { return Ok(None) };
		match Grants::<T>::get(existing) {
			Some(record) if !Self::has_ended(&record, Self::now()) => {
				Err(Error::<T>::AlreadyGranted)
			},
			_ => Ok(Some(existing)),
		}
	}
}

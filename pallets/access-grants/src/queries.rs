//! Read-only queries: what the runtime API ([`crate::runtime_api::AccessGrantsApi`]) forwards
//! to, one function per method of the same name. Pages hold at most
//! [`Config::MaxPageSize`] items.

use crate::{
	AccessDecision, AccessRequest, AssetGrants, AssetId, AssetRegistry, Classification, Config,
	DenialReason, DepartmentId, DepartmentRegistry, Grant, GrantId, GrantSide, GrantViewOf,
	GranteeGrants, Grants, OwnerGrants, OwnerRequests, Pallet, RequestId, RequestViewOf, Requests,
};
use city_primitives::Page;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

impl<T: Config> Pallet<T> {
	/// May `department` access `asset` in the next block? The owner always may (while the
	/// asset is active and the owner not suspended); any active department may access a
	/// `Public` asset of an active owner; any other needs a grant that gives access in the
	/// next block.
	///
	/// **Answered as of the next block**, [`Self::access_check_block`]: a gateway asks at the
	/// best block `N` (whose state says the block number is `N`), and the `record_access` it
	/// submits executes in block `N + 1` at the earliest. So a grant is judged at `N + 1`: one
	/// with `expires_at <= N + 1` is already `Expired`, although `record_access` would still
	/// accept it in block `N` itself. Whatever `check_access` allows at `N`, `record_access`
	/// accepts in `N + 1` unless the state changes in between (a revocation, a suspension, a
	/// last use, ...): expiry alone never turns an `Allowed` into a failed record.
	pub fn check_access(
		department: DepartmentId,
		asset: AssetId,
	) -> AccessDecision<BlockNumberFor<T>> {
		let Some(info) = T::Assets::asset_info(asset) else {
			return AccessDecision::Denied(DenialReason::UnknownAsset);
		};
		let without_grant =
			AccessDecision::Allowed { grant: None, expires_at: None, remaining_uses: None };
		if !info.active {
			return AccessDecision::Denied(DenialReason::AssetRetired);
		}
		if !T::Departments::is_active(department) {
			return AccessDecision::Denied(DenialReason::DepartmentInactive);
		}
		if department == info.owner {
			return without_grant;
		}
		if !T::Departments::is_active(info.owner) {
			return AccessDecision::Denied(DenialReason::OwnerInactive);
		}
		if info.classification == Classification::Public {
			return without_grant;
		}
		let Some(grant) = AssetGrants::<T>::get(asset, department) else {
			return AccessDecision::Denied(DenialReason::NoGrant);
		};
		let Some(record) = Grants::<T>::get(grant) else {
			return AccessDecision::Denied(DenialReason::NoGrant);
		};
		match Self::grant_denial(&record, Some(info), Self::access_check_block()) {
			Some(reason) => AccessDecision::Denied(reason),
			None => AccessDecision::Allowed {
				grant: Some(grant),
				expires_at: Some(record.expires_at),
				remaining_uses: record.max_uses.map(|cap| cap.saturating_sub(record.uses)),
			},
		}
	}

	/// May the department `who` acts for (in any role) access `asset` in the next block? As
	/// [`Self::check_access`] (also answered as of the next block), or `NotMember`.
	pub fn check_account_access(
		who: &T::AccountId,
		asset: AssetId,
	) -> AccessDecision<BlockNumberFor<T>> {
		match T::Departments::membership(who) {
			Some((department, _role)) => Self::check_access(department, asset),
			None => AccessDecision::Denied(DenialReason::NotMember),
		}
	}

	/// The block `check_access` judges grants at: the one after the current block, where the
	/// `record_access` of a gateway that asks now executes at the earliest.
	pub fn access_check_block() -> BlockNumberFor<T> {
		Self::now().saturating_add(One::one())
	}

	/// A grant, if it exists.
	pub fn grant_info(grant: GrantId) -> Option<GrantViewOf<T>> {
		Grants::<T>::get(grant).map(Grant::into_view)
	}

	/// The grant of `department` for `asset`, if any (current or ended).
	pub fn grant_for(asset: AssetId, department: DepartmentId) -> Option<GrantId> {
		AssetGrants::<T>::get(asset, department)
	}

	/// An open request, if it exists.
	pub fn request_info(request: RequestId) -> Option<RequestViewOf<T>> {
		Requests::<T>::get(request).map(AccessRequest::into_view)
	}

	/// A page of `department`'s grants as grantee or as owner, in storage order, after the
	/// grant `start_after` (from the first when `None`); at most `min(limit, MaxPageSize)`.
	/// The page's `next` is the last grant's id when more follow.
	pub fn department_grants(
		department: DepartmentId,
		side: GrantSide,
		start_after: Option<GrantId>,
		limit: u32,
	) -> Page<(GrantId, GrantViewOf<T>), GrantId> {
		let ids = match (side, start_after) {
			(GrantSide::Grantee, None) => GranteeGrants::<T>::iter_key_prefix(department),
			(GrantSide::Grantee, Some(last)) => GranteeGrants::<T>::iter_key_prefix_from(
				department,
				GranteeGrants::<T>::hashed_key_for(department, last),
			),
			(GrantSide::Owner, None) => OwnerGrants::<T>::iter_key_prefix(department),
			(GrantSide::Owner, Some(last)) => OwnerGrants::<T>::iter_key_prefix_from(
				department,
				OwnerGrants::<T>::hashed_key_for(department, last),
			),
		};
		Page::collect(ids, limit, T::MaxPageSize::get(), |id| *id)
			.filter_map(|id| Self::grant_info(id).map(|grant| (id, grant)))
	}

	/// A page of `asset`'s grants, in storage order, after the grant of the grantee
	/// department `start_after` (from the first when `None`); at most
	/// `min(limit, MaxPageSize)`. The page's `next` is the last grant's grantee when more
	/// follow: grants of an asset are keyed by their grantee.
	pub fn asset_grants(
		asset: AssetId,
		start_after: Option<DepartmentId>,
		limit: u32,
	) -> Page<(GrantId, GrantViewOf<T>), DepartmentId> {
		let grants = match start_after {
			None => AssetGrants::<T>::iter_prefix(asset),
			Some(last) => AssetGrants::<T>::iter_prefix_from(
				asset,
				AssetGrants::<T>::hashed_key_for(asset, last),
			),
		};
		Page::collect(grants, limit, T::MaxPageSize::get(), |(grantee, _)| *grantee)
			.filter_map(|(_, id)| Self::grant_info(id).map(|grant| (id, grant)))
	}

	/// A page of the open requests `owner` has to decide, in storage order, after the request
	/// `start_after` (from the first when `None`); at most `min(limit, MaxPageSize)`. The
	/// page's `next` is the last request's id when more follow.
	pub fn pending_requests(
		owner: DepartmentId,
		start_after: Option<RequestId>,
		limit: u32,
	) -> Page<(RequestId, RequestViewOf<T>), RequestId> {
		let ids = match start_after {
			None => OwnerRequests::<T>::iter_key_prefix(owner),
			Some(last) => OwnerRequests::<T>::iter_key_prefix_from(
				owner,
				OwnerRequests::<T>::hashed_key_for(owner, last),
			),
		};
		Page::collect(ids, limit, T::MaxPageSize::get(), |id| *id)
			.filter_map(|id| Self::request_info(id).map(|request| (id, request)))
	}
}

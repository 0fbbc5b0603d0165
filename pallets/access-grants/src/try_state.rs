//! The pallet's storage invariants, one function per invariant; [`Pallet::do_try_state`] checks
//! them all. Compiled for `try-runtime` and tests only.

use crate::{
	AssetGrants, BalanceOf, Config, GranteeGrants, Grants, HoldReason, NextGrantId, NextRequestId,
	OpenRequests, OwnerGrants, OwnerRequests, Pallet, RequesterRequests, Requests,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's storage invariants:
	///
	/// 1. Every request id is below `NextRequestId`; its requester is not its owner; its
	///    durations are in `1..=MaxGrantDuration` and an owner approval's is at most the one
	///    requested, its cap non-zero; an owner approval is kept only while the request needs
	///    and waits for the oversight office; the office approved only what needs it;
	///    `OpenRequests[(asset, requester)]`, `OwnerRequests[(owner, id)]` and
	///    `RequesterRequests[(requester, id)]` point back to it, and no index has other entries.
	/// 2. Every grant id is below `NextGrantId`; its grantee is not its owner; it does not expire
	///    before it was issued; its cap is non-zero and its uses at most the cap; the office
	///    approved it only if it needs the office; `AssetGrants[(asset, grantee)]`,
	///    `GranteeGrants[(grantee, id)]` and `OwnerGrants[(owner, id)]` point back to it, and
	///    none of them has other entries.
	/// 3. Every recorded deposit is non-zero, and for every depositor the deposits recorded with
	///    it add up to exactly what is on hold from it for [`HoldReason::StorageDeposit`] (only
	///    this pallet uses that reason).
	///
	/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it iterates
	/// over whole maps. Never call it from on-chain code.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_requests()?;
		Self::check_grants()?;
		Self::check_deposits()
	}

	/// Invariant 1: requests and their indexes.
	fn check_requests() -> Result<(), TryRuntimeError> {
		let next_request = NextRequestId::<T>::get();
		let mut requests = 0usize;
		for (id, request) in Requests::<T>::iter() {
			requests = requests.saturating_add(1);
			ensure!(id < next_request, "request id not below NextRequestId");
			ensure!(request.requester != request.owner, "request of an owner for its own asset");
			ensure!(
				Self::ensure_duration(request.duration).is_ok(),
				"request duration out of bounds"
			);
			if let Some(approval) = &request.owner_approval {
				ensure!(
					!approval.duration.is_zero() && approval.duration <= request.duration,
					"approved duration out of bounds"
				);
				ensure!(approval.max_uses != Some(0), "approved cap is zero");
				ensure!(
					request.oversight_required && !request.oversight_approved,
					"owner approval kept on a request not waiting for oversight"
				);
			}
			ensure!(
				request.oversight_required || !request.oversight_approved,
				"oversight approval on a request that does not need it"
			);
			ensure!(
				OpenRequests::<T>::get(request.asset, request.requester) == Some(id),
				"OpenRequests does not point back to the request"
			);
			ensure!(
				OwnerRequests::<T>::contains_key(request.owner, id),
				"OwnerRequests does not list the request"
			);
			ensure!(
				RequesterRequests::<T>::contains_key(request.requester, id),
				"RequesterRequests does not list the request"
			);
		}
		ensure!(
			OpenRequests::<T>::iter_keys().count() == requests,
			"OpenRequests has entries of no request"
		);
		ensure!(
			OwnerRequests::<T>::iter_keys().count() == requests,
			"OwnerRequests has entries of no request"
		);
		ensure!(
			RequesterRequests::<T>::iter_keys().count() == requests,
			"RequesterRequests has entries of no request"
		);
		Ok(())
	}

	/// Invariant 2: grants and their indexes.
	fn check_grants() -> Result<(), TryRuntimeError> {
		let next_grant = NextGrantId::<T>::get();
		let mut grants = 0usize;
		for (id, grant) in Grants::<T>::iter() {
			grants = grants.saturating_add(1);
			ensure!(id < next_grant, "grant id not below NextGrantId");
			ensure!(grant.grantee != grant.owner, "grant of an owner to itself");
			ensure!(grant.granted_at <= grant.expires_at, "grant expires before it was issued");
			ensure!(grant.max_uses != Some(0), "grant cap is zero");
			ensure!(
				grant.max_uses.is_none_or(|cap| grant.uses <= cap),
				"grant used more often than its cap"
			);
			ensure!(
				grant.oversight_required || !grant.oversight_approved,
				"oversight approval on a grant that does not need it"
			);
			ensure!(
				AssetGrants::<T>::get(grant.asset, grant.grantee) == Some(id),
				"AssetGrants does not point back to the grant"
			);
			ensure!(
				GranteeGrants::<T>::contains_key(grant.grantee, id),
				"GranteeGrants does not list the grant"
			);
			ensure!(
				OwnerGrants::<T>::contains_key(grant.owner, id),
				"OwnerGrants does not list the grant"
			);
		}
		ensure!(
			AssetGrants::<T>::iter_keys().count() == grants,
			"AssetGrants has entries of no grant"
		);
		ensure!(
			GranteeGrants::<T>::iter_keys().count() == grants,
			"GranteeGrants has entries of no grant"
		);
		ensure!(
			OwnerGrants::<T>::iter_keys().count() == grants,
			"OwnerGrants has entries of no grant"
		);
		Ok(())
	}

	/// Invariant 3: the deposits recorded on requests and grants are what is on hold.
	fn check_deposits() -> Result<(), TryRuntimeError> {
		let recorded = Requests::<T>::iter_values()
			.map(|request| request.deposit)
			.chain(Grants::<T>::iter_values().map(|grant| grant.deposit))
			.flatten();
		let mut totals: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for deposit in recorded {
			ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
			let total = totals.entry(deposit.depositor).or_default();
			*total = total
				.checked_add(&deposit.amount)
				.ok_or("recorded deposits of one depositor overflow")?;
		}

		let reason: T::RuntimeHoldReason = HoldReason::StorageDeposit.into();
		for (depositor, total) in totals {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == total,
				"recorded deposits disagree with the hold"
			);
		}
		Ok(())
	}
}

//! Recording downloads the owner's gateway served, each with the consumer's signed request, so
//! the audit trail carries both departments' signatures. A download is counted as a use while
//! its grant gives access; otherwise it stays on record with the reason.

use crate::{
	AssetRegistry, Config, DenialReason, DepartmentId, DepartmentRegistry, Error, Event, Grants,
	Pallet, ServedAccess, ServedListOf,
};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Verify, Zero};

impl<T: Config> Pallet<T> {
	/// `record_served` by `who`, an Operator or Steward of `department`, the owner.
	pub(crate) fn do_record_served(
		who: T::AccountId,
		department: DepartmentId,
		accesses: ServedListOf<T>,
	) -> DispatchResult {
		// What cannot change, for all of them first: signatures, duplicates, whose grants.
		ensure!(!accesses.is_empty(), Error::<T>::NothingServed);
		let genesis_hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut seen = Vec::with_capacity(accesses.len());
		for access in &accesses {
			let payload = access.request.signing_payload(genesis_hash.as_ref());
			ensure!(
				access.signature.verify(&payload[..], &access.consumer),
				Error::<T>::BadConsumerSignature
			);
			let request_id = (&access.consumer, access.request.nonce);
			ensure!(!seen.contains(&request_id), Error::<T>::DuplicateServedRequest);
			seen.push(request_id);
			match Grants::<T>::get(access.request.grant) {
				Some(grant) => {
					ensure!(grant.asset == access.request.asset, Error::<T>::GrantAssetMismatch);
					ensure!(grant.owner == department, Error::<T>::NotParty);
				},
				// Removed (revoked, renounced, purged): only the asset's owner reports it, so
				// nobody else can put a copied request on record as served by itself.
				None => ensure!(
					T::Assets::asset_info(access.request.asset)
						.is_some_and(|info| info.owner == department),
					Error::<T>::NotParty
				),
			}
		}

		let now = Self::now();
		for ServedAccess { request, consumer, signature, receipt } in accesses {
			let grant_id = request.grant;
			let denial = match Grants::<T>::get(grant_id) {
				None => Err(DenialReason::NoGrant),
				Some(grant) => {
					let in_grantee = T::Departments::membership(&consumer)
						.is_some_and(|(of, _)| of == grant.grantee);
					match Self::grant_denial(&grant, T::Assets::asset_info(request.asset), now) {
						Some(reason) => Err(reason),
						None if !in_grantee => Err(DenialReason::NotMember),
						None => Ok(grant),
					}
				},
			};
			match denial {
				Ok(mut grant) => {
					let use_count =
						grant.uses.checked_add(1).ok_or(Error::<T>::UseCountOverflow)?;
					grant.uses = use_count;
					grant.last_access = Some(now);
					let grantee = grant.grantee;
					Grants::<T>::insert(grant_id, grant);
					Self::deposit_event(Event::AccessServed {
						grant: grant_id,
						asset: request.asset,
						grantee,
						consumer,
						request,
						signature,
						recorded_by: who.clone(),
						receipt,
						use_count,
					});
				},
				Err(reason) => Self::deposit_event(Event::ServedAccessNotCounted {
					grant: grant_id,
					asset: request.asset,
					consumer,
					request,
					signature,
					recorded_by: who.clone(),
					receipt,
					reason,
				}),
			}
		}
		Ok(())
	}
}

//! Recording downloads the owner's gateway served, each with the consumer's signed request, so
//! the audit trail carries both departments' signatures. A download is counted as a use while
//! its grant gives access; otherwise it stays on record with the reason.

use crate::{
	AssetRegistry, Config, DenialReason, DepartmentId, DepartmentRegistry, Error, Event, Grants,
	Pallet, ServedAccess, ServedListOf,
};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Verify, Zero};

impl<T: Config> Pallet<T> {
	/// `record_served` by `who`, an Operator or Steward of `department`, the owner. Each grant
	/// is read once and, if a download under it counts, written once, after every check.
	pub(crate) fn do_record_served(
		who: T::AccountId,
		department: DepartmentId,
		accesses: ServedListOf<T>,
	) -> DispatchResult {
		// What cannot change, for all of them first: signatures, duplicates, whose grants.
		ensure!(!accesses.is_empty(), Error::<T>::NothingServed);
		let genesis_hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut seen = Vec::with_capacity(accesses.len());
		let mut grants = BTreeMap::new();
		for access in &accesses {
			let payload = access.request.signing_payload(genesis_hash.as_ref());
			ensure!(
				access.signature.verify(&payload[..], &access.consumer),
				Error::<T>::BadConsumerSignature
			);
			let request_id = (&access.consumer, access.request.nonce);
			ensure!(!seen.contains(&request_id), Error::<T>::DuplicateServedRequest);
			seen.push(request_id);
			let grant = grants
				.entry(access.request.grant)
				.or_insert_with(|| Grants::<T>::get(access.request.grant));
			match grant {
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

		// Each judged now and counted in `grants`, which are stored last.
		let now = Self::now();
		let mut counted = BTreeSet::new();
		for ServedAccess { request, consumer, signature, receipt } in accesses {
			let grant_id = request.grant;
			let verdict = match grants.get_mut(&grant_id).and_then(Option::as_mut) {
				None => Err(DenialReason::NoGrant),
				Some(grant) => {
					let in_grantee = T::Departments::membership(&consumer)
						.is_some_and(|(of, _)| of == grant.grantee);
					match Self::grant_denial(grant, T::Assets::asset_info(request.asset), now) {
						Some(reason) => Err(reason),
						None if !in_grantee => Err(DenialReason::NotMember),
						None => Ok((grant.grantee, Self::count_use(grant, now)?)),
					}
				},
			};
			Self::deposit_event(match verdict {
				Ok((grantee, use_count)) => {
					counted.insert(grant_id);
					Event::AccessServed {
						grant: grant_id,
						asset: request.asset,
						grantee,
						consumer,
						request,
						signature,
						recorded_by: who.clone(),
						receipt,
						use_count,
					}
				},
				Err(reason) => Event::ServedAccessNotCounted {
					grant: grant_id,
					asset: request.asset,
					consumer,
					request,
					signature,
					recorded_by: who.clone(),
					receipt,
					reason,
				},
			});
		}

		for grant_id in counted {
			if let Some(Some(grant)) = grants.remove(&grant_id) {
				Grants::<T>::insert(grant_id, grant);
			}
		}
		Ok(())
	}
}

//! The owner's decision on a request: approve (possibly shorter or capped) or reject.

use crate::{
	AssetId, AssetInfo, AssetRegistry, Classification, Config, DepartmentId, DepartmentRegistry,
	Error, Event, OwnerApproval, Pallet, ReasonOf, RequestId, Requests,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// `approve_request` by `who`, a Steward of `department`. Issues the grant unless the
	/// request still waits for the oversight office, which then issues it when it approves.
	pub(crate) fn do_approve_request(
		who: T::AccountId,
		department: DepartmentId,
		request: RequestId,
		duration: Option<BlockNumberFor<T>>,
		max_uses: Option<u32>,
	) -> DispatchResult {
		let mut record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(record.owner == department, Error::<T>::NotOwner);
		ensure!(record.owner_approval.is_none(), Error::<T>::AlreadyApproved);
		let info = Self::grantable_asset(record.asset, record.owner, record.transfers)?;
		ensure!(T::Departments::is_active(record.requester), Error::<T>::GranteeInactive);
		let duration = duration.unwrap_or(record.duration);
		ensure!(!duration.is_zero(), Error::<T>::ZeroDuration);
		ensure!(duration <= record.duration, Error::<T>::CannotExtendDuration);
		ensure!(max_uses != Some(0), Error::<T>::ZeroUseCap);
		let approval = OwnerApproval { by: who.clone(), duration, max_uses };
		let oversight_required = Self::needs_oversight(record.oversight_required, &info);
		let awaiting_oversight = oversight_required && !record.oversight_approved;

		if awaiting_oversight {
			record.owner_approval = Some(approval);
			record.oversight_required = true;
			Requests::<T>::insert(request, record);
			Self::deposit_event(Event::RequestApproved {
				request,
				who,
				duration,
				max_uses,
				awaiting_oversight,
			});
		} else {
			let replaced = Self::ensure_pair_free(record.asset, record.requester)?;
			let grant = Self::next_grant_id()?;
			Self::deposit_event(Event::RequestApproved {
				request,
				who,
				duration,
				max_uses,
				awaiting_oversight,
			});
			Self::issue_from_request(
				request,
				record,
				approval,
				replaced,
				grant,
				oversight_required,
			)?;
		}
		Ok(())
	}

	/// `reject_request` by `who`, a Steward of `department`.
	pub(crate) fn do_reject_request(
		who: T::AccountId,
		department: DepartmentId,
		request: RequestId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
		let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(record.owner == department, Error::<T>::NotOwner);

		let deposit = Self::remove_request(request, &record)?;
		Self::deposit_event(Event::RequestRejected { request, who, reason, deposit });
		Ok(())
	}

	/// The asset of a request that is being approved: it exists, is active, is still in the
	/// period of ownership (`owner`, `transfers`) the request was made in, and is not `Public`.
	fn grantable_asset(
		asset: AssetId,
		owner: DepartmentId,
		transfers: u32,
	) -> Result<AssetInfo, Error<T>> {
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(info.active, Error::<T>::AssetRetired);
		ensure!(Self::same_ownership(&info, owner, transfers), Error::<T>::OwnerChanged);
		ensure!(info.classification != Classification::Public, Error::<T>::PublicAsset);
		Ok(info)
	}
}

//! The oversight office's decision on a request or grant that needs it (a `Restricted` asset,
//! now or when the request or grant was made): approve or reject, once.

use crate::{
	ApprovalVoidReason, AssetId, AssetRegistry, Config, DepartmentId, DepartmentRegistry, Error,
	Event, Grants, OversightSubject, OwnerApproval, Pallet, ReasonOf, RequestId, Requests, Role,
	WeightInfo,
};
use city_primitives::OversightBody;
use frame_support::{
	dispatch::PostDispatchInfo,
	ensure,
	pallet_prelude::{DispatchResult, DispatchResultWithPostInfo},
	traits::Get,
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// `oversight_approve`. For a request the owner approved already, re-checks the owner's
	/// approval ([`Self::approval_void_reason`]) and issues the grant, or ends the request if the
	/// approval is void (then charging only that path's weight).
	pub(crate) fn do_oversight_approve(subject: OversightSubject) -> DispatchResultWithPostInfo {
		match subject {
			OversightSubject::Request(request) => {
				let mut record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
				Self::ensure_office_may_approve(
					record.asset,
					[record.owner, record.requester],
					record.transfers,
					record.oversight_required,
					record.oversight_approved,
				)?;
				match record.owner_approval.take() {
					None => {
						record.oversight_required = true;
						record.oversight_approved = true;
						Requests::<T>::insert(request, record);
						Self::deposit_event(Event::OversightApproved {
							subject,
							awaiting_owner: true,
						});
					},
					Some(approval) => {
						if let Some(reason) = Self::approval_void_reason(record.owner, &approval) {
							Self::void_owner_approval(request, &record, reason)?;
							return Ok(PostDispatchInfo {
								actual_weight: Some(Self::void_approval_weight()),
								pays_fee: frame_support::dispatch::Pays::Yes,
							});
						}
						ensure!(
							T::Departments::is_active(record.requester),
							Error::<T>::GranteeInactive
						);
						let replaced = Self::ensure_pair_free(record.asset, record.requester)?;
						let grant = Self::next_grant_id()?;
						record.oversight_required = true;
						record.oversight_approved = true;
						Self::deposit_event(Event::OversightApproved {
							subject,
							awaiting_owner: false,
						});
						Self::issue_from_request(request, record, approval, replaced, grant, true)?;
					},
				}
			},
			OversightSubject::Grant(grant) => {
				let mut record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
				Self::ensure_office_may_approve(
					record.asset,
					[record.owner, record.grantee],
					record.transfers,
					record.oversight_required,
					record.oversight_approved,
				)?;
				ensure!(Self::now() < record.expires_at, Error::<T>::GrantExpired);

				record.oversight_required = true;
				record.oversight_approved = true;
				Grants::<T>::insert(grant, record);
				Self::deposit_event(Event::OversightApproved { subject, awaiting_owner: false });
			},
		}
		Ok(().into())
	}

	/// Why the owner's `approval` of a request to `owner` no longer stands, if it does not: the
	/// owner department is suspended (or gone), or the steward who gave it is no longer a
	/// member of `owner` with the role that approves requests (`Steward`, the role of
	/// `StewardOrigin` in the runtime). Checked in that order.
	pub(crate) fn approval_void_reason(
		owner: DepartmentId,
		approval: &OwnerApproval<T::AccountId, BlockNumberFor<T>>,
	) -> Option<ApprovalVoidReason> {
		if !T::Departments::is_active(owner) {
			return Some(ApprovalVoidReason::OwnerInactive);
		}
		match T::Departments::membership(&approval.by) {
			Some((department, role)) if department == owner => {
				(role != Role::Steward).then_some(ApprovalVoidReason::ApproverRoleChanged)
			},
			_ => Some(ApprovalVoidReason::ApproverNotMember),
		}
	}

	/// Ends a request whose owner approval is void: removes it and its indexes, releases its
	/// deposit and says why.
	fn void_owner_approval(
		request: RequestId,
		record: &crate::RequestOf<T>,
		reason: ApprovalVoidReason,
	) -> DispatchResult {
		let deposit = Self::remove_request(request, record)?;
		Self::deposit_event(Event::OwnerApprovalVoided { request, reason, deposit });
		Ok(())
	}

	/// What `oversight_approve` costs when it voids the owner's approval: what `purge_request`
	/// costs (read the request and the asset, remove the request and its indexes, release the
	/// deposit), plus reading the owner department and the approver's membership.
	fn void_approval_weight() -> frame_support::weights::Weight {
		T::WeightInfo::purge_request().saturating_add(T::DbWeight::get().reads(2))
	}

	/// `oversight_reject`: removes the request or grant and releases its deposit.
	pub(crate) fn do_oversight_reject(
		subject: OversightSubject,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		ensure!(!reason.is_empty(), Error::<T>::EmptyReason);
		let deposit = match subject {
			OversightSubject::Request(request) => {
				let record = Requests::<T>::get(request).ok_or(Error::<T>::UnknownRequest)?;
				ensure!(!record.oversight_approved, Error::<T>::AlreadyApproved);
				Self::ensure_overseeable(record.asset, record.oversight_required)?;
				Self::remove_request(request, &record)?
			},
			OversightSubject::Grant(grant) => {
				let record = Grants::<T>::get(grant).ok_or(Error::<T>::UnknownGrant)?;
				ensure!(!record.oversight_approved, Error::<T>::AlreadyApproved);
				Self::ensure_overseeable(record.asset, record.oversight_required)?;
				Self::remove_grant(grant, &record)?
			},
		};
		Self::deposit_event(Event::OversightRejected { subject, reason, deposit });
		Ok(())
	}

	/// Whether the oversight office may approve a request or grant: not approved yet, and its
	/// asset exists, is active, is still in the period of ownership (`owner`, `transfers`) of
	/// the request or grant, and needs the office (`required`, or the asset is `Restricted`);
	/// and the office is independent of the owner and the other department concerned (the
	/// requester or grantee). Checked in that order.
	fn ensure_office_may_approve(
		asset: AssetId,
		[owner, other]: [DepartmentId; 2],
		transfers: u32,
		required: bool,
		approved: bool,
	) -> Result<(), Error<T>> {
		ensure!(!approved, Error::<T>::AlreadyApproved);
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(info.active, Error::<T>::AssetRetired);
		ensure!(Self::same_ownership(&info, owner, transfers), Error::<T>::OwnerChanged);
		ensure!(Self::needs_oversight(required, &info), Error::<T>::OversightNotRequired);
		ensure!(
			T::OversightBody::is_independent_of::<T::Departments>(&[owner, other]),
			Error::<T>::OversightNotIndependent
		);
		Ok(())
	}

	/// Checks that the asset exists and that a request or grant of it needs the oversight office
	/// (`required`, or the asset is `Restricted`): what the office may reject.
	fn ensure_overseeable(asset: AssetId, required: bool) -> Result<(), Error<T>> {
		let info = T::Assets::asset_info(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(Self::needs_oversight(required, &info), Error::<T>::OversightNotRequired);
		Ok(())
	}
}

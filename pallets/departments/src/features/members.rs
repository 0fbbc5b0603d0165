//! Members: who manages them (the registrar, or an admin of the department), inviting (the
//! account joins only by accepting), re-roling, removing and leaving, the last-admin rule, and
//! the deposit an admin pays for each member it invites.

use crate::{
	Admins, Config, DepartmentId, DepartmentInfoOf, DepartmentInvitations, DepartmentMembers,
	Departments, Deposit, DepositOf, EnsureDepartmentRole, Error, Event, HoldReason, Invitations,
	Manager, Members, Membership, MembershipOf, Pallet, Role,
};
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{
		fungible::{InspectHold, MutateHold},
		EnsureOrigin, Get,
	},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{traits::Zero, DispatchError};

impl<T: Config> Pallet<T> {
	/// Who is managing members: the registrar, or else a signed admin of an active department.
	/// Checked before anything else in the member calls.
	pub(crate) fn ensure_manager(
		origin: OriginFor<T>,
	) -> Result<Manager<T::AccountId>, DispatchError> {
		match T::RegistrarOrigin::try_origin(origin) {
			Ok(_) => Ok(Manager::Registrar),
			Err(origin) => {
				let (who, department) = city_primitives::ensure_department_origin::<
					EnsureDepartmentRole<T, Admins>,
					Self,
					_,
				>(origin)?;
				Ok(Manager::Admin { who, department })
			},
		}
	}

	/// `manager` invites `who` to `department` with `role`; an admin pays the deposit from
	/// now on, the registrar none.
	pub(crate) fn do_invite_member(
		manager: Manager<T::AccountId>,
		department: DepartmentId,
		who: T::AccountId,
		role: Role,
	) -> DispatchResult {
		Self::ensure_manages(&manager, department)?;
		let info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(!info.status.is_dissolved(), Error::<T>::DepartmentDissolved);
		ensure!(!Members::<T>::contains_key(&who), Error::<T>::AlreadyMember);
		ensure!(!Invitations::<T>::contains_key(&who), Error::<T>::AlreadyInvited);
		ensure!(info.member_count < T::MaxMembers::get(), Error::<T>::TooManyMembers);
		let deposit = match manager {
			Manager::Registrar => None,
			Manager::Admin { who: depositor, .. } => {
				let amount = T::MemberDeposit::get();
				(!amount.is_zero()).then_some(Deposit { depositor, amount })
			},
		};
		Self::hold_deposit(&deposit)?;
		Invitations::<T>::insert(&who, Membership { department, role, deposit: deposit.clone() });
		DepartmentInvitations::<T>::insert(department, &who, ());
		Self::deposit_event(Event::MemberInvited { department, who, role, deposit });
		Ok(())
	}

	/// `who` accepts its invitation and becomes a member; the deposit held since the
	/// invitation stays held for the membership.
	pub(crate) fn do_accept_invitation(who: T::AccountId) -> DispatchResult {
		let invitation = Invitations::<T>::get(&who).ok_or(Error::<T>::NoInvitation)?;
		let info =
			Departments::<T>::get(invitation.department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(!info.status.is_dissolved(), Error::<T>::DepartmentDissolved);
		let info = Self::counted_in(info, invitation.role)?;

		Invitations::<T>::remove(&who);
		DepartmentInvitations::<T>::remove(invitation.department, &who);
		Self::insert_membership(info, who, invitation);
		Ok(())
	}

	/// Ends `who`'s invitation without membership, releasing the deposit to whoever paid it:
	/// declined by `who` (`manager` is `None`), or withdrawn by `manager`.
	pub(crate) fn do_end_invitation(
		manager: Option<Manager<T::AccountId>>,
		who: T::AccountId,
	) -> DispatchResult {
		let invitation = Invitations::<T>::get(&who).ok_or(Error::<T>::NoInvitation)?;
		let department = invitation.department;
		if let Some(manager) = &manager {
			Self::ensure_manages(manager, department)?;
		}

		let reason = HoldReason::MemberDeposit.into();
		let deposit = invitation
			.deposit
			.as_ref()
			.map(|deposit| deposit.release::<T::Currency>(&reason))
			.transpose()?;
		Invitations::<T>::remove(&who);
		DepartmentInvitations::<T>::remove(department, &who);
		Self::deposit_event(match manager {
			None => Event::InvitationDeclined { department, who, deposit },
			Some(_) => Event::InvitationCancelled { department, who, deposit },
		});
		Ok(())
	}

	/// `manager` gives the member `who` a new role; the deposit stays with whoever paid it.
	pub(crate) fn do_set_member_role(
		manager: &Manager<T::AccountId>,
		who: T::AccountId,
		role: Role,
	) -> DispatchResult {
		let mut membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
		let department = membership.department;
		Self::ensure_manages(manager, department)?;
		let old_role = membership.role;
		ensure!(old_role != role, Error::<T>::RoleUnchanged);
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		if old_role == Role::Admin {
			Self::ensure_not_last_admin(manager, &info)?;
			info.admin_count = info.admin_count.saturating_sub(1);
		} else if role == Role::Admin {
			info.admin_count = info.admin_count.saturating_add(1);
		}

		membership.role = role;
		Members::<T>::insert(&who, membership);
		DepartmentMembers::<T>::insert(department, &who, role);
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::MemberRoleChanged { department, who, old_role, new_role: role });
		Ok(())
	}

	/// `manager` removes the member `who`, releasing its deposit to whoever paid it.
	pub(crate) fn do_remove_member(
		manager: &Manager<T::AccountId>,
		who: T::AccountId,
	) -> DispatchResult {
		let membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
		let department = membership.department;
		Self::ensure_manages(manager, department)?;
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		if membership.role == Role::Admin {
			Self::ensure_not_last_admin(manager, &info)?;
		}

		let deposit = Self::end_membership(&who, &membership, &mut info)?;
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::MemberRemoved {
			department,
			who,
			role: membership.role,
			deposit,
		});
		Ok(())
	}

	/// The member `who` leaves its department, unless it is its last admin; its deposit goes
	/// back to whoever paid it.
	pub(crate) fn do_leave_department(who: T::AccountId) -> DispatchResult {
		let membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
		let department = membership.department;
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		if membership.role == Role::Admin {
			ensure!(info.admin_count > 1, Error::<T>::LastAdmin);
		}

		let deposit = Self::end_membership(&who, &membership, &mut info)?;
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::MemberLeft { department, who, role: membership.role, deposit });
		Ok(())
	}

	/// Adds `who` to `department` with `role` at once, without an invitation or deposit: for
	/// genesis and the benchmarks, which have nobody to ask.
	pub(crate) fn add_membership(
		department: DepartmentId,
		who: T::AccountId,
		role: Role,
	) -> DispatchResult {
		let info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(!Members::<T>::contains_key(&who), Error::<T>::AlreadyMember);
		ensure!(!Invitations::<T>::contains_key(&who), Error::<T>::AlreadyInvited);
		let info = Self::counted_in(info, role)?;
		Self::insert_membership(info, who, Membership { department, role, deposit: None });
		Ok(())
	}

	/// `info` with one more member of `role`, or `TooManyMembers`.
	fn counted_in(
		mut info: DepartmentInfoOf<T>,
		role: Role,
	) -> Result<DepartmentInfoOf<T>, DispatchError> {
		info.member_count = info
			.member_count
			.checked_add(1)
			.filter(|count| *count <= T::MaxMembers::get())
			.ok_or(Error::<T>::TooManyMembers)?;
		if role == Role::Admin {
			// Never overflows: `admin_count <= member_count <= MaxMembers`.
			info.admin_count = info.admin_count.saturating_add(1);
		}
		Ok(info)
	}

	/// Stores `membership` of `who` and its department's counted `info`; its deposit, if any,
	/// is held already.
	fn insert_membership(
		info: DepartmentInfoOf<T>,
		who: T::AccountId,
		membership: MembershipOf<T>,
	) {
		let Membership { department, role, deposit } = membership.clone();
		Members::<T>::insert(&who, membership);
		DepartmentMembers::<T>::insert(department, &who, role);
		Departments::<T>::insert(department, info);
		Self::deposit_event(Event::MemberAdded { department, who, role, deposit });
	}

	/// Holds `deposit`, if any, from its depositor, or `CannotHoldDeposit`.
	fn hold_deposit(deposit: &Option<DepositOf<T>>) -> DispatchResult {
		let Some(deposit) = deposit else { return Ok(()) };
		let reason: T::RuntimeHoldReason = HoldReason::MemberDeposit.into();
		ensure!(
			T::Currency::can_hold(&reason, &deposit.depositor, deposit.amount),
			Error::<T>::CannotHoldDeposit
		);
		T::Currency::hold(&reason, &deposit.depositor, deposit.amount)?;
		Ok(())
	}

	/// Removes `who`, with `membership`, from its department, counting it out of `info` (which
	/// the caller stores: once for many members), and releases its deposit to whoever paid it.
	/// The caller has checked the origin and the last-admin rule, and emits the event. Returns
	/// the deposit as actually released:
	/// `release` is best-effort, so this is less than recorded only if the hold was reduced
	/// outside this pallet (e.g. slashed).
	pub(crate) fn end_membership(
		who: &T::AccountId,
		membership: &MembershipOf<T>,
		info: &mut DepartmentInfoOf<T>,
	) -> Result<Option<DepositOf<T>>, DispatchError> {
		if membership.role == Role::Admin {
			info.admin_count = info.admin_count.saturating_sub(1);
		}
		info.member_count = info.member_count.saturating_sub(1);
		let reason = HoldReason::MemberDeposit.into();
		let released = membership
			.deposit
			.as_ref()
			.map(|deposit| deposit.release::<T::Currency>(&reason))
			.transpose()?;
		Members::<T>::remove(who);
		DepartmentMembers::<T>::remove(membership.department, who);
		Ok(released)
	}

	/// An admin manages only its own department; the registrar manages all.
	fn ensure_manages(manager: &Manager<T::AccountId>, department: DepartmentId) -> DispatchResult {
		match manager {
			Manager::Registrar => Ok(()),
			Manager::Admin { department: own, .. } if *own == department => Ok(()),
			// Only on refusal is it worth a read to say which: no such department at all, or
			// another admin's.
			Manager::Admin { .. } if !Departments::<T>::contains_key(department) => {
				Err(Error::<T>::UnknownDepartment.into())
			},
			Manager::Admin { .. } => Err(Error::<T>::WrongDepartment.into()),
		}
	}

	/// Refuses an admin taking away the department's last admin; the registrar may.
	fn ensure_not_last_admin(
		manager: &Manager<T::AccountId>,
		info: &DepartmentInfoOf<T>,
	) -> DispatchResult {
		if matches!(manager, Manager::Admin { .. }) {
			ensure!(info.admin_count > 1, Error::<T>::LastAdmin);
		}
		Ok(())
	}
}

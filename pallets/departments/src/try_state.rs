//! The pallet's storage invariants, one function each, checked by [`Pallet::do_try_state`].
//!
//! Off-chain only (`try-runtime` and tests), where no block weight limits them, so they iterate
//! over whole maps. Never call them from on-chain code.

use crate::{
	BalanceOf, Config, DepartmentByPrefix, DepartmentId, DepartmentInvitations, DepartmentMembers,
	DepartmentStatus, Departments, Dissolutions, EncryptionKeys, HoldReason, Invitations, Members,
	NextDepartmentId, Pallet, Role, Successions,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold, traits::Get};
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's storage invariants, in this order (the first broken one is
	/// reported):
	///
	/// 1. Every department id is below `NextDepartmentId`; every department's name and
	///    prefix are well-formed and `DepartmentByPrefix[prefix]` is that department; and
	///    `DepartmentByPrefix` has no other entries (prefixes are unique).
	/// 2. Every `Members[account]` names an existing department and is mirrored by
	///    `DepartmentMembers[(department, account)]` with the same role, and
	///    `DepartmentMembers` has no other entries.
	/// 3. Every department's `member_count` and `admin_count` equal the number of its
	///    members and admins, and `admin_count <= member_count <= MaxMembers`.
	/// 4. Every recorded deposit (of a membership or an invitation) is non-zero.
	/// 5. For every depositor, the deposits recorded with it as payer (memberships and
	///    invitations) add up to exactly what
	///    is on hold from it for [`HoldReason::MemberDeposit`] (only this pallet uses that
	///    reason). A hold on an account that is no recorded depositor cannot be found this
	///    way: the fungible traits cannot list holders.
	/// 6. Every invitation is of an account that is no member, to an existing department, and
	///    is mirrored by `DepartmentInvitations[(department, account)]`, which has no other
	///    entries.
	/// 7. A department has a `Dissolutions` entry exactly when it is `Dissolving`; a
	///    `Dissolved` one has no members and no invitations. The successor of each dissolution
	///    under way exists and is not dissolved, and `Successions` counts them by successor.
	/// 8. Every encryption key is usable and belongs to a department that exists and is not
	///    dissolved.
	///
	/// Off-chain only (`try-runtime` and tests), where no block weight limits it, so it
	/// iterates over whole maps: `Departments` twice, `DepartmentByPrefix` and
	/// `DepartmentMembers` once, `Members` once per invariant from 2 on, and reads the hold of
	/// each distinct depositor once (there are at most as many depositors as members). Never
	/// call it from on-chain code.
	///
	/// Not an invariant: "at least one admin". Admins can never take away their
	/// department's last admin (the calls refuse it), but the registrar may register a
	/// department without members and may remove or demote a last admin (recovery), so a
	/// department with members and no admin is a legitimate, registrar-made state.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		departments_are_well_formed_and_indexed::<T>()?;
		members_are_mirrored::<T>()?;
		member_counts_are_exact::<T>()?;
		deposits_are_not_zero::<T>()?;
		deposits_are_held::<T>()?;
		invitations_are_open::<T>()?;
		dissolutions_match_statuses::<T>()?;
		encryption_keys_are_usable::<T>()
	}
}

/// Invariant 1: department ids, names and prefixes, and the prefix index.
fn departments_are_well_formed_and_indexed<T: Config>() -> Result<(), TryRuntimeError> {
	let next_id = NextDepartmentId::<T>::get();
	let mut departments = 0usize;
	for (department, info) in Departments::<T>::iter() {
		departments = departments.saturating_add(1);
		ensure!(department < next_id, "department id not below NextDepartmentId");
		ensure!(Pallet::<T>::checked_name(info.name).is_ok(), "department name is malformed");
		ensure!(
			Pallet::<T>::checked_prefix(info.prefix.clone()).is_ok(),
			"department prefix is malformed"
		);
		ensure!(
			DepartmentByPrefix::<T>::get(&info.prefix) == Some(department),
			"DepartmentByPrefix does not point back to the department"
		);
	}
	ensure!(
		DepartmentByPrefix::<T>::iter_keys().count() == departments,
		"DepartmentByPrefix has entries of no department"
	);
	Ok(())
}

/// Invariant 2: `Members` and `DepartmentMembers` hold the same memberships, of existing
/// departments.
fn members_are_mirrored<T: Config>() -> Result<(), TryRuntimeError> {
	let mut members = 0usize;
	for (who, membership) in Members::<T>::iter() {
		members = members.saturating_add(1);
		ensure!(
			Departments::<T>::contains_key(membership.department),
			"member of an unknown department"
		);
		ensure!(
			DepartmentMembers::<T>::get(membership.department, &who) == Some(membership.role),
			"DepartmentMembers does not mirror Members"
		);
	}
	ensure!(
		DepartmentMembers::<T>::iter_keys().count() == members,
		"DepartmentMembers has entries that Members has not"
	);
	Ok(())
}

/// Invariant 3: every department's member and admin counts are what `Members` holds, within
/// `MaxMembers`.
fn member_counts_are_exact<T: Config>() -> Result<(), TryRuntimeError> {
	// department => (members, admins)
	let mut counts: BTreeMap<DepartmentId, (u32, u32)> = BTreeMap::new();
	for membership in Members::<T>::iter_values() {
		let (member_count, admin_count) = counts.entry(membership.department).or_default();
		*member_count = member_count.saturating_add(1);
		if membership.role == Role::Admin {
			*admin_count = admin_count.saturating_add(1);
		}
	}
	for (department, info) in Departments::<T>::iter() {
		let (member_count, admin_count) = counts.get(&department).copied().unwrap_or_default();
		ensure!(info.member_count == member_count, "member_count disagrees with Members");
		ensure!(info.admin_count == admin_count, "admin_count disagrees with Members");
		ensure!(info.member_count <= T::MaxMembers::get(), "more than MaxMembers members");
	}
	Ok(())
}

/// Invariant 6: every invitation is of an account that is no member, to an existing
/// department.
fn invitations_are_open<T: Config>() -> Result<(), TryRuntimeError> {
	for (who, invitation) in Invitations::<T>::iter() {
		ensure!(!Members::<T>::contains_key(&who), "an invitation of a member");
		ensure!(
			Departments::<T>::contains_key(invitation.department),
			"an invitation to a department that does not exist"
		);
		ensure!(
			DepartmentInvitations::<T>::contains_key(invitation.department, &who),
			"an invitation missing from DepartmentInvitations"
		);
	}
	ensure!(
		DepartmentInvitations::<T>::iter_keys().count() == Invitations::<T>::iter_keys().count(),
		"DepartmentInvitations has entries of no invitation"
	);
	Ok(())
}

/// Invariant 7: dissolutions under way and department statuses agree.
fn dissolutions_match_statuses<T: Config>() -> Result<(), TryRuntimeError> {
	for (department, info) in Departments::<T>::iter() {
		ensure!(
			Dissolutions::<T>::contains_key(department)
				== (info.status == DepartmentStatus::Dissolving),
			"a dissolution without a dissolving department, or the other way round"
		);
		if info.status == DepartmentStatus::Dissolved {
			ensure!(
				info.member_count == 0
					&& DepartmentInvitations::<T>::iter_key_prefix(department).next().is_none(),
				"a dissolved department with members or invitations"
			);
		}
	}
	ensure!(
		Dissolutions::<T>::iter_keys().all(Departments::<T>::contains_key),
		"a dissolution of a department that does not exist"
	);
	let mut successions = BTreeMap::<DepartmentId, u32>::new();
	for dissolution in Dissolutions::<T>::iter_values() {
		if let Some(successor) = dissolution.successor {
			ensure!(
				Departments::<T>::get(successor).is_some_and(|info| !info.status.is_dissolved()),
				"the successor of a dissolution under way is dissolved or does not exist"
			);
			*successions.entry(successor).or_default() += 1;
		}
	}
	ensure!(
		Successions::<T>::iter().collect::<BTreeMap<_, _>>() == successions,
		"Successions does not count the dissolutions under way by successor"
	);
	Ok(())
}

/// Invariant 8: every encryption key is usable and of a department that exists and is not
/// dissolved.
fn encryption_keys_are_usable<T: Config>() -> Result<(), TryRuntimeError> {
	for (department, published) in EncryptionKeys::<T>::iter() {
		ensure!(published.key.is_usable(), "an encryption key nothing can be encrypted to");
		ensure!(
			Departments::<T>::get(department).is_some_and(|info| !info.status.is_dissolved()),
			"an encryption key of a department that is gone or going"
		);
	}
	Ok(())
}

/// Invariant 4: no membership records a deposit of nothing (no deposit is `None`).
fn deposits_are_not_zero<T: Config>() -> Result<(), TryRuntimeError> {
	for membership in Members::<T>::iter_values().chain(Invitations::<T>::iter_values()) {
		if let Some(deposit) = membership.deposit {
			ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
		}
	}
	Ok(())
}

/// Invariant 5: what is recorded as paid by each depositor is exactly what is held from it.
fn deposits_are_held<T: Config>() -> Result<(), TryRuntimeError> {
	// depositor => total recorded
	let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
	for membership in Members::<T>::iter_values().chain(Invitations::<T>::iter_values()) {
		if let Some(deposit) = membership.deposit {
			let total = deposits.entry(deposit.depositor).or_default();
			*total = total
				.checked_add(&deposit.amount)
				.ok_or("recorded deposits of one depositor overflow")?;
		}
	}
	let reason: T::RuntimeHoldReason = HoldReason::MemberDeposit.into();
	for (depositor, recorded) in deposits {
		ensure!(
			T::Currency::balance_on_hold(&reason, &depositor) == recorded,
			"recorded deposits disagree with the hold"
		);
	}
	Ok(())
}

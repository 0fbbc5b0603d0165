//! Storage migrations of the departments pallet, and the pattern every CityChain pallet follows.
//!
//! # The pattern
//!
//! A migration that changes stored data is written in three parts:
//!
//! 1. the **unchecked step**, a [`UncheckedOnRuntimeUpgrade`] in a private module, so that no
//!    runtime can run it without the version check;
//! 2. the **versioned migration**, a public [`VersionedMigration`]`<FROM, TO, step, Pallet,
//!    DbWeight>` alias: it runs the step only while the pallet's on-chain storage version is
//!    `FROM`, then writes `TO`, so it runs exactly once however long it stays in the runtime;
//! 3. **try-runtime checks**: `pre_upgrade` records what must survive (counts, sums), and
//!    `post_upgrade` checks it did and that the pallet's invariants (`do_try_state`) hold.
//!
//! To ship one: raise the pallet's in-code `STORAGE_VERSION` to `TO`, add the alias to the
//! runtime's `Migrations` tuple (`runtime/src/lib.rs`), bump the runtime's `spec_version`, and
//! run `try-runtime on-runtime-upgrade` against a copy of the live chain's state before
//! proposing the upgrade. Remove the alias from `Migrations` once every network has upgraded.
//!
//! # v1 → v2: [`MigrateV1ToV2`], invitations indexed by department
//!
//! Version 2 dissolves departments (`dissolve_department`), which withdraws a department's
//! invitations: it finds them through the new index [`DepartmentInvitations`]. This step builds
//! that index from [`Invitations`]. The department status gains `Dissolving` and `Dissolved`,
//! appended, so every stored status decodes as before. The step also recounts every
//! department's `member_count` and `admin_count` from [`Members`], the map every other pallet's
//! checks read, which repairs counts a bug might have left wrong; on a consistent state that
//! changes nothing.
//!
//! Weight: one read per member, invitation and department, one write per invitation and per
//! department whose counts were wrong, plus the version check and write. It reads every member
//! and invitation, which is fine for a city's departments (at most `MaxMembers` per
//! department); a pallet with unbounded maps would need a multi-block migration instead.

use crate::{
	Config, DepartmentId, DepartmentInvitations, Departments, Invitations, Members, Pallet, Role,
};
use frame_support::migrations::VersionedMigration;

/// Indexes invitations by department and recounts every department's members and admins,
/// once, moving the pallet from storage version 1 to 2. See the [module documentation](self).
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	version_unchecked::IndexInvitations<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The members and admins of each department, counted from [`Members`].
fn count_members<T: Config>() -> (alloc::collections::BTreeMap<DepartmentId, (u32, u32)>, u64) {
	let mut counts = alloc::collections::BTreeMap::<DepartmentId, (u32, u32)>::new();
	let mut reads = 0u64;
	for membership in Members::<T>::iter_values() {
		reads = reads.saturating_add(1);
		let (members, admins) = counts.entry(membership.department).or_default();
		*members = members.saturating_add(1);
		if membership.role == Role::Admin {
			*admins = admins.saturating_add(1);
		}
	}
	(counts, reads)
}

/// The step without the version check: private, so that a runtime can only use it through
/// [`MigrateV1ToV2`].
mod version_unchecked {
	use super::*;
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;

	/// Indexes every invitation under its department, and sets each department's
	/// `member_count` and `admin_count` to what [`Members`] holds.
	pub struct IndexInvitations<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for IndexInvitations<T> {
		fn on_runtime_upgrade() -> Weight {
			let (counts, mut reads) = count_members::<T>();
			let mut writes = 0u64;
			let invitations: alloc::vec::Vec<_> = Invitations::<T>::iter()
				.map(|(who, invitation)| (invitation.department, who))
				.collect();
			for (department, who) in invitations {
				DepartmentInvitations::<T>::insert(department, who, ());
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
			}
			// Collected first: a department count is small, and no map is written while it is
			// being iterated.
			let departments: alloc::vec::Vec<_> = Departments::<T>::iter().collect();
			for (department, mut info) in departments {
				reads = reads.saturating_add(1);
				let (members, admins) = counts.get(&department).copied().unwrap_or_default();
				if (info.member_count, info.admin_count) != (members, admins) {
					info.member_count = members;
					info.admin_count = admins;
					Departments::<T>::insert(department, info);
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// Records how many departments, members and invitations there are: the migration must
		/// lose or add none.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let departments = Departments::<T>::iter_keys().count() as u32;
			let members = Members::<T>::iter_keys().count() as u32;
			let invitations = Invitations::<T>::iter_keys().count() as u32;
			Ok((departments, members, invitations).encode())
		}

		/// Checks that no department, member or invitation was lost or added, that the counts
		/// match [`Members`], and every invariant of the pallet (the index mirrors
		/// [`Invitations`]).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use frame_support::ensure;
			let (departments, members, invitations) = <(u32, u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "departments v2: cannot decode the pre-upgrade state")?;
			ensure!(
				Departments::<T>::iter_keys().count() as u32 == departments,
				"departments v2: the number of departments changed"
			);
			ensure!(
				Members::<T>::iter_keys().count() as u32 == members,
				"departments v2: the number of members changed"
			);
			ensure!(
				Invitations::<T>::iter_keys().count() as u32 == invitations,
				"departments v2: the number of invitations changed"
			);
			let (counts, _) = count_members::<T>();
			for (department, info) in Departments::<T>::iter() {
				ensure!(
					counts.get(&department).copied().unwrap_or_default()
						== (info.member_count, info.admin_count),
					"departments v2: a department's counts do not match its members"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}
}

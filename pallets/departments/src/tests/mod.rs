//! Tests of the departments pallet, by topic. Unless a test says otherwise it runs on the default
//! genesis of [`crate::mock::ExtBuilder`] and checks the storage invariants
//! ([`crate::Pallet::do_try_state`]) at its end.

mod departments;
mod dissolution;
mod encryption;
mod genesis;
mod invariants;
mod invitations;
mod members;
mod migrations;
mod queries;
mod registry;

use crate::{mock::*, DepartmentId, DepartmentNameOf, HoldReason, PrefixOf, Role};
use frame_support::traits::fungible::InspectHold;

/// A bounded name, for comparing with storage and events.
pub fn name(name: &str) -> DepartmentNameOf<Test> {
	name.as_bytes().to_vec().try_into().expect("test names fit MaxNameLen")
}

/// A bounded prefix, for comparing with storage and events.
pub fn prefix(prefix: &str) -> PrefixOf<Test> {
	prefix.as_bytes().to_vec().try_into().expect("test prefixes fit MaxPrefixLen")
}

/// A bounded name from raw bytes (maybe not UTF-8), as a call takes it.
pub fn name_bytes(name: &[u8]) -> DepartmentNameOf<Test> {
	name.to_vec().try_into().expect("test names fit MaxNameLen")
}

/// A bounded prefix from raw bytes, as a call takes it.
pub fn prefix_bytes(prefix: &[u8]) -> PrefixOf<Test> {
	prefix.to_vec().try_into().expect("test prefixes fit MaxPrefixLen")
}

/// What this pallet holds from `who`.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::MemberDeposit.into(), &who)
}

/// The registrar's origin in the mock.
pub fn registrar() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// `who`'s signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// `origin` invites `who` to `department` with `role`, and `who` accepts: what adding a
/// member takes. Changes nothing if the invitation is refused.
pub fn add_member(
	origin: RuntimeOrigin,
	department: DepartmentId,
	who: AccountId,
	role: Role,
) -> sp_runtime::DispatchResult {
	Departments::invite_member(origin, department, who, role)?;
	Departments::accept_invitation(signed(who))
}

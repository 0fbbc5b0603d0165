//! Tests of the validator-set pallet, by topic. Unless a test says otherwise it runs on the default
//! genesis of [`crate::mock::ExtBuilder`] (validators V1, V2 and V3 with session keys, session 0)
//! and checks the storage invariants ([`crate::Pallet::do_try_state`]) at its end.

mod calls;
mod genesis;
mod invariants;
mod offboard;
mod sessions;

use crate::{mock::*, DepartmentId};

/// The governance origin in the mock.
pub fn council() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// `who`'s signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The validator set's accounts, in order.
pub fn set_accounts() -> Vec<AccountId> {
	ValidatorSet::validators().into_iter().map(|(who, _)| who).collect()
}

/// Who validates in the current session, per pallet-session (what Aura and GRANDPA were given).
pub fn session_validators() -> Vec<AccountId> {
	pallet_session::Validators::<Test>::get()
}

/// Who pallet-session has queued for the next session.
pub fn queued_validators() -> Vec<AccountId> {
	Session::queued_keys().into_iter().map(|(who, _)| who).collect()
}

/// `who` sets its session keys, as its operator does with `session.setKeys`.
pub fn set_keys(who: AccountId) {
	frame_support::assert_ok!(Session::set_keys(signed(who), key(who), vec![]));
}

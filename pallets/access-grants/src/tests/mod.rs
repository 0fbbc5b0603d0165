//! Tests of the access-grants pallet, by topic. Unless a test says otherwise it runs on the
//! default genesis of [`crate::mock::ExtBuilder`] and checks the storage invariants
//! ([`crate::Pallet::do_try_state`]) at its end.

mod access;
mod genesis;
mod grants;
mod invariants;
mod offboard;
mod oversight;
mod purge;
mod queries;
mod requests;
mod served;
mod types;

use crate::{
	mock::*, AccessDecision, AssetId, DenialReason, DepartmentId, GrantId, HoldReason, NextGrantId,
	NextRequestId, PurposeOf, ReasonOf, RequestId, Scope,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};

/// The duration the helpers ask for and grant.
pub const DURATION: BlockNumber = 10;

/// A bounded purpose.
pub fn purpose(text: &str) -> PurposeOf<Test> {
	text.as_bytes().to_vec().try_into().expect("test purposes fit MaxPurposeLen")
}

/// A bounded reason.
pub fn reason(text: &str) -> ReasonOf<Test> {
	text.as_bytes().to_vec().try_into().expect("test reasons fit MaxReasonLen")
}

/// What this pallet holds from `who`.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::StorageDeposit.into(), &who)
}

/// `who`'s signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The oversight office's origin in the mock.
pub fn oversight() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// Transport's steward asks for `asset` (`Read`, [`DURATION`]); returns the request id.
pub fn open_request(asset: AssetId) -> RequestId {
	let request = NextRequestId::<Test>::get();
	assert_ok!(AccessGrants::request_access(
		signed(TR_STEWARD),
		asset,
		purpose("roads"),
		Scope::Read,
		DURATION
	));
	request
}

/// Public Works' steward grants `grantee` access to `asset` for [`DURATION`] blocks; returns the
/// grant id.
pub fn direct_grant(asset: AssetId, grantee: DepartmentId, max_uses: Option<u32>) -> GrantId {
	let grant = NextGrantId::<Test>::get();
	assert_ok!(AccessGrants::grant_access(
		signed(PW_STEWARD),
		asset,
		grantee,
		purpose("traffic study"),
		Scope::Query,
		DURATION,
		max_uses
	));
	grant
}

/// Transport's request for `asset`, approved by Public Works as asked; returns the grant id.
pub fn granted_request(asset: AssetId) -> GrantId {
	let request = open_request(asset);
	let grant = NextGrantId::<Test>::get();
	assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), request, None, None));
	grant
}

/// Suspends a department.
pub fn suspend(department: DepartmentId) {
	assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), department));
}

/// Reactivates a department.
pub fn reactivate(department: DepartmentId) {
	assert_ok!(Departments::reactivate_department(RuntimeOrigin::root(), department));
}

/// `check_access` of `department` for `asset`.
pub fn decision(department: DepartmentId, asset: AssetId) -> AccessDecision<BlockNumber> {
	AccessGrants::check_access(department, asset)
}

/// Access allowed without a grant (owner, `Public`).
pub fn allowed_without_grant() -> AccessDecision<BlockNumber> {
	AccessDecision::Allowed { grant: None, expires_at: None, remaining_uses: None }
}

/// Access allowed under `grant`.
pub fn allowed(
	grant: GrantId,
	expires_at: BlockNumber,
	remaining_uses: Option<u32>,
) -> AccessDecision<BlockNumber> {
	AccessDecision::Allowed { grant: Some(grant), expires_at: Some(expires_at), remaining_uses }
}

/// Access denied for `reason`.
pub fn denied(reason: DenialReason) -> AccessDecision<BlockNumber> {
	AccessDecision::Denied(reason)
}

/// Records an access of Transport's operator to `asset` under `grant`, with a receipt of `byte`s.
pub fn record(asset: AssetId, grant: GrantId, byte: u8) {
	assert_ok!(AccessGrants::record_access(signed(TR_OPERATOR), asset, grant, [byte; 32]));
}

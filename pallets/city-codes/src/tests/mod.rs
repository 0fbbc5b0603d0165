//! Tests of the city-codes pallet, by topic. Unless a test says otherwise it runs on the default
//! genesis of [`crate::mock::ExtBuilder`] and checks the storage invariants
//! ([`crate::Pallet::do_try_state`]) at its end.

mod api;
mod assets;
mod classes;
mod genesis;
mod invariants;
mod issue;
mod lifecycle;
mod migrations;
mod offboard;
mod transfer;

use crate::{
	mock::*, ClassId, ClassLabel, CodeId, CodeRecordOf, Codes, HoldReason, Location, NameOf,
	NewCode, NewCodeOf,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};

/// A bounded name, for calls, storage and events.
pub fn name(name: &str) -> NameOf<Test> {
	name.as_bytes().to_vec().try_into().expect("test names fit MaxNameLen")
}

/// A bounded class code.
pub fn class_code(code: &str) -> ClassLabel {
	code.as_bytes().to_vec().try_into().expect("test class codes fit")
}

/// What this pallet holds from `who`.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::CodeDeposit.into(), &who)
}

/// The registrar's origin in the mock.
pub fn registrar() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

/// `who`'s signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// A valid location (Beijing, Tiananmen).
pub fn tiananmen() -> Location {
	Location { latitude: 39_903_700, longitude: 116_397_700 }
}

/// Issues a code of `class` named `Thing` as `who`, under `parent`, and returns its id.
pub fn issue_under(who: AccountId, class: ClassId, parent: Option<CodeId>) -> CodeId {
	let code = crate::NextCodeId::<Test>::get();
	assert_ok!(CityCodes::issue_code(signed(who), class, name("Thing"), None, None, parent));
	code
}

/// Issues a code of `class` named `Thing` as `who`, without parent, and returns its id.
pub fn issue(who: AccountId, class: ClassId) -> CodeId {
	issue_under(who, class, None)
}

/// The stored record of `code`.
pub fn record(code: CodeId) -> CodeRecordOf<Test> {
	Codes::<Test>::get(code).expect("the code exists")
}

/// The canonical text of `code`.
pub fn text(code: CodeId) -> String {
	String::from_utf8(CityCodes::format(code).expect("the code exists")).unwrap()
}

/// A batch entry named `name`, under `parent`.
pub fn new_code(name_text: &str, parent: Option<CodeId>) -> NewCodeOf<Test> {
	NewCode { name: name(name_text), location: None, attributes: None, parent }
}

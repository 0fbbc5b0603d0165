//! A department's encryption key: its admins publish, rotate and remove it; nobody else can;
//! a dissolution removes it.

use super::*;
use crate::{EncryptionKey, EncryptionKeys, Error, Event, PublishedKey};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

const KEY: EncryptionKey = EncryptionKey::X25519([7; 32]);
const NEW_KEY: EncryptionKey = EncryptionKey::X25519([8; 32]);

fn set_key(who: AccountId, key: Option<EncryptionKey>) -> sp_runtime::DispatchResult {
	Departments::set_encryption_key(signed(who), key)
}

#[test]
fn an_admin_publishes_rotates_and_removes_its_department_s_key() {
	test(|| {
		System::set_block_number(3);
		assert_eq!(Departments::encryption_key(PUBLIC_WORKS), None);

		assert_ok!(set_key(PW_ADMIN, Some(KEY)));
		assert_eq!(
			EncryptionKeys::<Test>::get(PUBLIC_WORKS),
			Some(PublishedKey { key: KEY, published_at: 3 })
		);
		assert_eq!(
			last_event(),
			Event::EncryptionKeySet { department: PUBLIC_WORKS, key: Some(KEY), by: PW_ADMIN }
		);
		// Another department's key is its own.
		assert_eq!(Departments::encryption_key(TRANSPORT), None);

		System::set_block_number(4);
		assert_ok!(set_key(PW_ADMIN, Some(NEW_KEY)));
		assert_eq!(
			EncryptionKeys::<Test>::get(PUBLIC_WORKS),
			Some(PublishedKey { key: NEW_KEY, published_at: 4 })
		);

		assert_ok!(set_key(PW_ADMIN, None));
		assert_eq!(Departments::encryption_key(PUBLIC_WORKS), None);
		assert_eq!(
			last_event(),
			Event::EncryptionKeySet { department: PUBLIC_WORKS, key: None, by: PW_ADMIN }
		);
	});
}

#[test]
fn set_encryption_key_refuses_what_it_cannot_do() {
	test(|| {
		assert_noop!(
			Departments::set_encryption_key(registrar(), Some(KEY)),
			DispatchError::BadOrigin
		);
		assert_noop!(set_key(OUTSIDER, Some(KEY)), Error::<Test>::NotMember);
		assert_noop!(set_key(PW_STEWARD, Some(KEY)), Error::<Test>::RoleNotAllowed);
		assert_noop!(
			set_key(PW_ADMIN, Some(EncryptionKey::X25519([0; 32]))),
			Error::<Test>::InvalidEncryptionKey
		);
		assert_noop!(set_key(PW_ADMIN, None), Error::<Test>::NoEncryptionKey);
		assert_ok!(set_key(PW_ADMIN, Some(KEY)));
		assert_noop!(set_key(PW_ADMIN, Some(KEY)), Error::<Test>::EncryptionKeyUnchanged);

		assert_ok!(Departments::suspend_department(registrar(), PUBLIC_WORKS));
		assert_noop!(set_key(PW_ADMIN, Some(NEW_KEY)), Error::<Test>::DepartmentSuspended);
	});
}

#[test]
fn a_dissolution_removes_the_key_at_once() {
	test(|| {
		assert_ok!(set_key(PW_ADMIN, Some(KEY)));
		assert_ok!(Departments::dissolve_department(registrar(), PUBLIC_WORKS, None));
		assert_eq!(Departments::encryption_key(PUBLIC_WORKS), None);
		assert_noop!(set_key(PW_ADMIN, Some(KEY)), Error::<Test>::DepartmentSuspended);
	});
}

//! A department's encryption key: the public key a provider's gateway encrypts each download
//! to, so that only the grantee department can read what it is sent. The department's admins
//! publish and rotate it; a dissolution removes it.

use crate::{Config, EncryptionKey, EncryptionKeys, Error, Event, Pallet, PublishedKey, Role};
use frame_support::{dispatch::DispatchResult, ensure};

impl<T: Config> Pallet<T> {
	/// `set_encryption_key`: `who` is an admin of an active department (checked here).
	pub(crate) fn do_set_encryption_key(
		who: T::AccountId,
		key: Option<EncryptionKey>,
	) -> DispatchResult {
		let department = Self::ensure_role(&who, &[Role::Admin])?;
		let current = EncryptionKeys::<T>::get(department).map(|published| published.key);
		match key {
			Some(key) => {
				ensure!(key.is_usable(), Error::<T>::InvalidEncryptionKey);
				ensure!(current != Some(key), Error::<T>::EncryptionKeyUnchanged);
				let published_at = frame_system::Pallet::<T>::block_number();
				EncryptionKeys::<T>::insert(department, PublishedKey { key, published_at });
			},
			None => {
				ensure!(current.is_some(), Error::<T>::NoEncryptionKey);
				EncryptionKeys::<T>::remove(department);
			},
		}
		Self::deposit_event(Event::EncryptionKeySet { department, key, by: who });
		Ok(())
	}
}

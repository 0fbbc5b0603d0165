//! Encryption to a department: its X25519 key as the chain stores it (32 bytes), the `age`
//! recipient and identity made of it, and key files in age's own format (one
//! `AGE-SECRET-KEY-1…` line), so that `age -d -i key.txt` opens a download too.

use crate::error::{Error, Kind, Result};
use age::secrecy::ExposeSecret;
use bech32::{FromBase32, ToBase32, Variant};
use std::{path::Path, str::FromStr};

/// The age recipient of a department's published X25519 key. `None` for a key nothing can be
/// encrypted to: one of small order, whose shared secret with any clamped scalar is zero (so
/// anyone could open what is sent to it; age itself panics on it).
pub fn recipient(public_key: &[u8; 32]) -> Option<age::x25519::Recipient> {
	if x25519_dalek::x25519([9u8; 32], *public_key) == [0u8; 32] {
		return None;
	}
	let text = bech32::encode("age", public_key.to_base32(), Variant::Bech32).ok()?;
	age::x25519::Recipient::from_str(&text).ok()
}

/// The 32 public bytes of an identity, as `departments.set_encryption_key` takes them.
pub fn public_key(identity: &age::x25519::Identity) -> [u8; 32] {
	let text = identity.to_public().to_string();
	let decoded = bech32::decode(&text).ok().and_then(|(_, data, _)| Vec::from_base32(&data).ok());
	let mut key = [0u8; 32];
	if let Some(bytes) = decoded.filter(|bytes| bytes.len() == 32) {
		key.copy_from_slice(&bytes);
	}
	key
}

/// A new secret key, in age's identity-file format.
pub fn generate() -> (age::x25519::Identity, String) {
	let identity = age::x25519::Identity::generate();
	let text = identity.to_string().expose_secret().to_string();
	(identity, text)
}

/// The identity in an age key file: its first `AGE-SECRET-KEY-1` line (comments allowed).
pub fn read_identity(path: &Path) -> Result<age::x25519::Identity> {
	let text = std::fs::read_to_string(path).map_err(|e| Error::file(path, e))?;
	text.lines()
		.map(str::trim)
		.find(|line| line.starts_with("AGE-SECRET-KEY-1"))
		.and_then(|line| age::x25519::Identity::from_str(line).ok())
		.ok_or_else(|| {
			Error::new(
				Kind::File,
				format!("{}: no age secret key (an `AGE-SECRET-KEY-1…` line)", path.display()),
			)
		})
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::io::{Read, Write};

	#[test]
	fn a_published_key_encrypts_to_its_identity_file() {
		let (identity, text) = generate();
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("department.key");
		std::fs::write(&file, format!("# created for a test\n{text}\n")).unwrap();
		let read = read_identity(&file).unwrap();
		let to = recipient(&public_key(&identity)).unwrap();
		assert_eq!(to.to_string(), identity.to_public().to_string());

		let mut sealed = vec![];
		let mut writer = age::Encryptor::with_recipients(std::iter::once(&to as _))
			.unwrap()
			.wrap_output(&mut sealed)
			.unwrap();
		writer.write_all(b"bus stops").unwrap();
		writer.finish().unwrap();
		let mut opened = vec![];
		age::Decryptor::new(&sealed[..])
			.unwrap()
			.decrypt(std::iter::once(&read as &dyn age::Identity))
			.unwrap()
			.read_to_end(&mut opened)
			.unwrap();
		assert_eq!(opened, b"bus stops");

		let (other, _) = generate();
		let refused = age::Decryptor::new(&sealed[..])
			.unwrap()
			.decrypt(std::iter::once(&other as &dyn age::Identity));
		assert!(refused.is_err(), "another department's key opens nothing");
	}

	#[test]
	fn keys_of_small_order_are_refused() {
		let mut one = [0u8; 32];
		one[0] = 1;
		// A point of order 8 (from the list of small-order Curve25519 points).
		let order_eight =
			hex::decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
				.unwrap();
		for key in [[0u8; 32], one, order_eight.try_into().unwrap()] {
			assert!(recipient(&key).is_none(), "{}", hex::encode(key));
		}
		let (identity, _) = generate();
		assert!(recipient(&public_key(&identity)).is_some());
	}

	#[test]
	fn a_file_without_a_key_is_a_clear_error() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("empty.key");
		std::fs::write(&file, "# nothing here\n").unwrap();
		let Err(error) = read_identity(&file) else { panic!("a key from a file without one") };
		assert_eq!(error.kind, Kind::File);
		assert!(error.message.contains("AGE-SECRET-KEY-1"), "{}", error.message);
	}
}

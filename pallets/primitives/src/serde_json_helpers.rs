//! `serialize_with` helpers for the readable JSON of runtime API results (node side only): the
//! JSON-RPC serves accounts as CityChain SS58 addresses, balances as decimal strings, hashes as
//! `0x` hex and names as text, where the plain derives would give byte arrays and numbers.

use alloc::string::{String, ToString};
use core::fmt::Display;
use serde::Serializer;
use sp_core::crypto::Ss58AddressFormat;
pub use sp_core::crypto::Ss58Codec;

use crate::SS58_PREFIX;

/// An account as a CityChain SS58 address. Explicit because `AccountId32`'s own `Serialize`
/// uses the process-wide default prefix (42 unless a node sets another), not [`SS58_PREFIX`].
pub fn ss58<A: Ss58Codec, S: Serializer>(account: &A, serializer: S) -> Result<S::Ok, S::Error> {
	serializer
		.serialize_str(&account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX)))
}

/// A number as a decimal string: balances (`u128`) exceed what a JSON number holds exactly.
pub fn decimal<T: Display, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&value.to_string())
}

/// Bytes as `0x` and lower-case hex digits.
pub fn hex<B: AsRef<[u8]>, S: Serializer>(bytes: &B, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&to_hex(bytes.as_ref()))
}

/// [`hex`] of an optional value; `None` is `null`.
pub fn option_hex<B: AsRef<[u8]>, S: Serializer>(
	bytes: &Option<B>,
	serializer: S,
) -> Result<S::Ok, S::Error> {
	match bytes {
		Some(bytes) => hex(bytes, serializer),
		None => serializer.serialize_none(),
	}
}

/// Bytes as text: UTF-8 if they are, `0x` hex otherwise (names are checked UTF-8 on chain, so
/// hex shows only for data written outside the calls).
pub fn text<B: AsRef<[u8]>, S: Serializer>(bytes: &B, serializer: S) -> Result<S::Ok, S::Error> {
	match core::str::from_utf8(bytes.as_ref()) {
		Ok(text) => serializer.serialize_str(text),
		Err(_) => hex(bytes, serializer),
	}
}

/// `0x` and lower-case hex digits.
pub fn to_hex(bytes: &[u8]) -> String {
	use core::fmt::Write;
	let mut out = String::with_capacity(2 + 2 * bytes.len());
	out.push_str("0x");
	for byte in bytes {
		let _ = write!(out, "{byte:02x}");
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde::Serialize;
	use sp_core::crypto::AccountId32;

	#[derive(Serialize)]
	struct Sample {
		#[serde(serialize_with = "ss58")]
		account: AccountId32,
		#[serde(serialize_with = "decimal")]
		amount: u128,
		#[serde(serialize_with = "text")]
		name: Vec<u8>,
		#[serde(serialize_with = "text")]
		binary: Vec<u8>,
		#[serde(serialize_with = "option_hex")]
		hash: Option<[u8; 2]>,
	}

	#[test]
	fn helpers_write_readable_json() {
		let account = AccountId32::new([1; 32]);
		let sample = Sample {
			account: account.clone(),
			amount: u128::MAX,
			name: "Zürich".into(),
			binary: vec![0xff, 0x00],
			hash: Some([0xab, 0x01]),
		};
		let json = serde_json::to_value(&sample).unwrap();
		let address = account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX));
		assert_eq!(json["account"], address);
		assert_ne!(json["account"], account.to_ss58check(), "not the default prefix");
		assert_eq!(json["amount"], u128::MAX.to_string());
		assert_eq!(json["name"], "Zürich");
		assert_eq!(json["binary"], "0xff00");
		assert_eq!(json["hash"], "0xab01");
	}
}

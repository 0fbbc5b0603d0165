//! Reading the methods' parameters: accounts, digests, hash algorithms, department, code and
//! accessor references, page limits. Every error is an invalid parameter (`-32602`) that says
//! which input was wrong and why.

use city_primitives::{city_code::MAX_DEPARTMENT_LEN, DepartmentId};
use city_runtime::AccountId;
use jsonrpsee::types::ErrorObjectOwned;
use pallet_city_codes::CodeId;
use pallet_data_assets::{ContentHash, HashAlgorithm};
use serde::Deserialize;
use sp_core::crypto::Ss58Codec;

use crate::errors::invalid_params;

/// The most characters of a caller's input an error message repeats.
pub const MAX_ECHO_CHARS: usize = 40;

/// The longest SS58 address of a 32-byte account: base58 of a two-byte network prefix, the 32
/// bytes and a two-byte checksum.
pub const MAX_SS58_LEN: usize = 50;

/// `text` as an error message quotes it: debug-quoted, and cut after [`MAX_ECHO_CHARS`]
/// characters with its length, so that a megabyte of input does not come back in the error.
pub fn echo(text: &str) -> String {
	match text.char_indices().nth(MAX_ECHO_CHARS) {
		None => format!("{text:?}"),
		Some((cut, _)) => format!("{:?}… ({} bytes)", &text[..cut], text.len()),
	}
}

/// A department prefix as the runtime takes it: upper case, refused before the runtime is
/// asked when it is longer than any prefix can be.
pub fn checked_prefix(prefix: &str) -> Result<Vec<u8>, ErrorObjectOwned> {
	if prefix.len() > MAX_DEPARTMENT_LEN {
		return Err(invalid_params(format!(
			"invalid department prefix {}: at most {MAX_DEPARTMENT_LEN} letters and digits",
			echo(prefix)
		)));
	}
	Ok(prefix.to_ascii_uppercase().into_bytes())
}

/// 32 bytes from hex digits (`what` and `text` name the parameter in the error).
fn bytes32(what: &str, text: &str, digits: &str) -> Result<[u8; 32], ErrorObjectOwned> {
	let text = echo(text);
	if !digits.len().is_multiple_of(2) {
		return Err(invalid_params(format!(
			"invalid {what} {text}: bad hex: odd number of digits"
		)));
	}
	// 32 bytes are 64 digits: longer input is refused before it is decoded.
	if digits.len() > 64 {
		return Err(invalid_params(format!(
			"invalid {what} {text}: {} bytes, not 32",
			digits.len() / 2
		)));
	}
	let bytes = sp_core::bytes::from_hex(digits)
		.map_err(|e| invalid_params(format!("invalid {what} {text}: bad hex: {e}")))?;
	bytes.try_into().map_err(|bytes: Vec<u8>| {
		invalid_params(format!("invalid {what} {text}: {} bytes, not 32", bytes.len()))
	})
}

/// An account from an SS58 address (any prefix) or `0x` and 64 hex digits.
pub fn parse_account(text: &str) -> Result<AccountId, ErrorObjectOwned> {
	if let Some(digits) = text.strip_prefix("0x") {
		return bytes32("account", text, digits).map(AccountId::from);
	}
	// Refused before decoding: base58 decoding takes time quadratic in the length.
	if text.len() > MAX_SS58_LEN {
		return Err(invalid_params(format!(
			"invalid account {}: not an SS58 address (at most {MAX_SS58_LEN} characters)",
			echo(text)
		)));
	}
	AccountId::from_ss58check_with_version(text).map(|(account, _)| account).map_err(|e| {
		invalid_params(format!("invalid account {}: not an SS58 address ({e:?})", echo(text)))
	})
}

/// A 32-byte digest from 64 hex digits, with or without `0x` (as `sha256sum` prints it).
pub fn parse_digest(text: &str) -> Result<[u8; 32], ErrorObjectOwned> {
	bytes32("hash", text, text.strip_prefix("0x").unwrap_or(text))
}

/// A hash algorithm by name: `sha2_256` or `blake2_256`, in any letter case, with `-` or `_`
/// (`sha2-256` as city-cli writes it). Required: a digest alone does not say which it is, and a
/// default would find nothing for a file hashed the other way.
pub fn parse_algorithm(name: Option<&str>) -> Result<HashAlgorithm, ErrorObjectOwned> {
	let Some(name) = name else {
		return Err(invalid_params(
			"missing algorithm: name the hash's algorithm, \"sha2_256\" or \"blake2_256\"",
		));
	};
	match name.to_ascii_lowercase().replace('-', "_").as_str() {
		"sha2_256" => Ok(HashAlgorithm::Sha2_256),
		"blake2_256" => Ok(HashAlgorithm::Blake2_256),
		_ => Err(invalid_params(format!(
			"invalid algorithm {}: expected \"sha2_256\" or \"blake2_256\"",
			echo(name)
		))),
	}
}

/// A content hash from a digest in hex and an algorithm name.
pub fn parse_content(
	digest: &str,
	algorithm: Option<&str>,
) -> Result<ContentHash, ErrorObjectOwned> {
	Ok(ContentHash { algorithm: parse_algorithm(algorithm)?, digest: parse_digest(digest)? })
}

/// A page size as the runtime APIs take it: as many as the runtime allows (its `MaxPageSize`)
/// when omitted; 0 means none.
pub fn page_limit(limit: Option<u32>) -> u32 {
	limit.unwrap_or(u32::MAX)
}
/// A department, named by its id or its code prefix.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum DepartmentRef {
	/// The department's id.
	Id(DepartmentId),
	/// The department's code prefix, e.g. `"TRF"` (case-insensitive).
	Prefix(String),
}

/// Who asks `city_checkAccess`: a department (id or prefix) or an account (SS58 or hex).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum AccessorParam {
	/// A department id.
	Id(DepartmentId),
	/// A department prefix (1 to 8 letters and digits) or an account.
	Text(String),
}

/// What an [`AccessorParam`] names.
#[derive(Clone, Debug)]
pub enum Accessor {
	/// A department.
	Department(DepartmentRef),
	/// An account, for the department it acts for.
	Account(AccountId),
}

/// Reads who asks: a number is a department id; 1 to 8 ASCII letters and digits are a department
/// prefix (SS58 addresses are much longer); anything else must be an account.
pub fn parse_accessor(param: AccessorParam) -> Result<Accessor, ErrorObjectOwned> {
	match param {
		AccessorParam::Id(id) => Ok(Accessor::Department(DepartmentRef::Id(id))),
		AccessorParam::Text(text)
			if (1..=MAX_DEPARTMENT_LEN).contains(&text.len())
				&& text.bytes().all(|b| b.is_ascii_alphanumeric()) =>
		{
			Ok(Accessor::Department(DepartmentRef::Prefix(text)))
		},
		AccessorParam::Text(text) => parse_account(&text).map(Accessor::Account),
	}
}

/// A city code, named by its id or its text.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum CodeRef {
	/// The code's id.
	Id(CodeId),
	/// The code's text, e.g. `"BJ.TRF/BLD/000001-H"` (any letter case).
	Text(String),
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::json::{format_account, variant_name};
	use jsonrpsee::types::error::ErrorCode;
	use sp_core::crypto::Ss58Codec;
	use sp_keyring::Sr25519Keyring;

	const INVALID: i32 = -32602;

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = Sr25519Keyring::Alice.to_account_id();
		// The generic Substrate prefix and CityChain's own.
		assert_eq!(parse_account(&alice.to_ss58check()).unwrap(), alice);
		assert_eq!(parse_account(&format_account(&alice)).unwrap(), alice);
		let hex = sp_core::bytes::to_hex(alice.as_ref(), false);
		assert_eq!(parse_account(&hex).unwrap(), alice);
	}

	#[test]
	fn bad_accounts_are_invalid_params() {
		for bad in
			["", "alice", "0x1234", "0xzz", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY0"]
		{
			let error = parse_account(bad).unwrap_err();
			assert_eq!(error.code(), ErrorCode::InvalidParams.code(), "{bad:?}");
			assert!(error.message().contains("invalid account"), "{bad:?}: {}", error.message());
		}
	}

	#[test]
	fn department_refs_deserialize_from_numbers_and_strings() {
		assert!(matches!(serde_json::from_str("3").unwrap(), DepartmentRef::Id(3)));
		assert!(
			matches!(serde_json::from_str("\"TRF\"").unwrap(), DepartmentRef::Prefix(p) if p == "TRF")
		);
		assert!(serde_json::from_str::<DepartmentRef>("-1").is_err());
	}

	#[test]
	fn digests_parse_with_and_without_0x() {
		let digest = sp_io::hashing::sha2_256(b"demo");
		let hex = sp_core::bytes::to_hex(&digest, false);
		assert_eq!(parse_digest(&hex).unwrap(), digest);
		assert_eq!(parse_digest(hex.trim_start_matches("0x")).unwrap(), digest);
		assert_eq!(parse_digest(&hex.to_uppercase().replace("0X", "0x")).unwrap(), digest);
	}

	#[test]
	fn bad_digests_say_what_is_wrong() {
		let short = format!("0x{}", "ab".repeat(31));
		for (bad, says) in [
			("0xzz", "bad hex"),
			("xyz", "bad hex"),
			("0x123", "bad hex"),
			(&format!("0x{}", "a".repeat(63)), "odd number of digits"),
			(short.as_str(), "31 bytes, not 32"),
			("", "0 bytes, not 32"),
		] {
			let error = parse_digest(bad).unwrap_err();
			assert_eq!(error.code(), INVALID, "{bad:?}");
			assert!(error.message().contains("invalid hash"), "{bad:?}: {}", error.message());
			assert!(error.message().contains(says), "{bad:?}: {}", error.message());
		}
	}

	#[test]
	fn algorithms_parse_by_name_and_are_never_guessed() {
		let missing = parse_algorithm(None).unwrap_err();
		assert_eq!(missing.code(), INVALID);
		assert!(missing.message().contains("missing algorithm"), "{}", missing.message());
		assert_eq!(parse_algorithm(Some("sha2_256")).unwrap(), HashAlgorithm::Sha2_256);
		assert_eq!(parse_algorithm(Some("SHA2-256")).unwrap(), HashAlgorithm::Sha2_256);
		assert_eq!(parse_algorithm(Some("blake2-256")).unwrap(), HashAlgorithm::Blake2_256);
		assert_eq!(parse_algorithm(Some("blake2_256")).unwrap(), HashAlgorithm::Blake2_256);
		// The names the methods write are read back.
		for algorithm in [HashAlgorithm::Blake2_256, HashAlgorithm::Sha2_256] {
			assert_eq!(parse_algorithm(Some(&variant_name(&algorithm))).unwrap(), algorithm);
		}
		for bad in ["md5", "sha256", ""] {
			let error = parse_algorithm(Some(bad)).unwrap_err();
			assert_eq!(error.code(), INVALID);
			assert!(error.message().contains("blake2_256"), "{}", error.message());
		}
	}

	#[test]
	fn page_limits_default_to_the_runtimes_maximum_and_zero_means_zero() {
		assert_eq!(page_limit(None), u32::MAX);
		assert_eq!(page_limit(Some(7)), 7);
		assert_eq!(page_limit(Some(0)), 0);
	}

	#[test]
	fn accessors_are_departments_or_accounts() {
		let parse = |json: &str| parse_accessor(serde_json::from_str(json).unwrap());
		assert!(matches!(parse("2").unwrap(), Accessor::Department(DepartmentRef::Id(2))));
		assert!(matches!(
			parse("\"hlt\"").unwrap(),
			Accessor::Department(DepartmentRef::Prefix(p)) if p == "hlt"
		));
		assert!(matches!(
			parse("\"ABCD1234\"").unwrap(),
			Accessor::Department(DepartmentRef::Prefix(_))
		));
		let dave = Sr25519Keyring::Dave.to_account_id();
		let address = format!("\"{}\"", format_account(&dave));
		assert!(matches!(parse(&address).unwrap(), Accessor::Account(a) if a == dave));
		for bad in ["\"\"", "\"ABCDE12345\"", "\"TRF!\"", "\"5GrwvaEF5zXb26Fz9rcQpDWS\""] {
			let error = parse(bad).unwrap_err();
			assert_eq!(error.code(), INVALID, "{bad}");
			assert!(error.message().contains("invalid account"), "{bad}: {}", error.message());
		}
	}

	#[test]
	fn echoes_are_cut_to_a_few_characters() {
		assert_eq!(echo("TRF"), "\"TRF\"");
		let exact = "é".repeat(MAX_ECHO_CHARS);
		assert_eq!(echo(&exact), format!("{exact:?}"));
		let huge = "é".repeat(1 << 20);
		let echoed = echo(&huge);
		assert!(echoed.starts_with(&format!("{:?}", "é".repeat(MAX_ECHO_CHARS))), "{echoed}");
		assert!(echoed.ends_with("… (2097152 bytes)"), "{echoed}");
		// Every message that quotes input quotes it this way.
		let error = parse_account(&"x".repeat(1 << 20)).unwrap_err();
		assert!(error.message().len() < 200, "{}", error.message());
		let error = parse_digest(&"ab".repeat(1 << 19)).unwrap_err();
		assert!(error.message().contains("524288 bytes, not 32"), "{}", error.message());
		assert!(error.message().len() < 200, "{}", error.message());
	}

	#[test]
	fn prefixes_longer_than_any_department_are_refused_before_the_runtime() {
		assert_eq!(checked_prefix("trf").unwrap(), b"TRF".to_vec());
		assert_eq!(checked_prefix("ABCD1234").unwrap(), b"ABCD1234".to_vec());
		let error = checked_prefix(&"A".repeat(1 << 20)).unwrap_err();
		assert_eq!(error.code(), INVALID);
		assert!(error.message().contains("at most 8"), "{}", error.message());
		assert!(error.message().len() < 200, "{}", error.message());
	}

	#[test]
	fn code_refs_deserialize_from_numbers_and_strings() {
		assert!(matches!(serde_json::from_str("1").unwrap(), CodeRef::Id(1)));
		assert!(matches!(
			serde_json::from_str("\"BJ.TRF/BLD/000001-H\"").unwrap(),
			CodeRef::Text(t) if t == "BJ.TRF/BLD/000001-H"
		));
	}
}

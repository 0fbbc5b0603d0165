//! The errors of the `city_*` methods: JSON-RPC's invalid parameters (`-32602`), a failed
//! runtime API call (`1000`) and not found (`1001`), with a message that says what was wrong.

use city_primitives::city_code::{CodeError, MAX_CODE_LEN};
use city_runtime::{AccountId, Balance, BlockNumber};
use jsonrpsee::types::{error::ErrorCode, ErrorObjectOwned};
use pallet_city_codes::ResolveError;
use serde::Serialize;

use crate::json::{variant_name, CodeJson};

type CodeResolveError = ResolveError<AccountId, Balance, BlockNumber>;

/// The error codes of `city_*` methods (besides JSON-RPC's own `-32602` for bad parameters).
pub mod error_code {
	/// The runtime API call failed.
	pub const RUNTIME: i32 = 1000;
	/// What was asked for does not exist.
	pub const NOT_FOUND: i32 = 1001;
}

pub(crate) fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(ErrorCode::InvalidParams.code(), message.into(), None::<()>)
}

pub(crate) fn not_found(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(error_code::NOT_FOUND, message.into(), None::<()>)
}

pub(crate) fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(error_code::RUNTIME, "runtime API call failed", Some(error.to_string()))
}

/// The `data` of a `city_resolveCode` error: why the code does not resolve and, for a retired
/// code, its record.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResolveErrorData {
	/// `"Malformed"`, `"WrongCheckCharacter"`, `"UnknownCity"`, `"UnknownDepartmentPrefix"`,
	/// `"UnknownClass"`, `"UnknownCode"` or `"Retired"`.
	reason: String,
	/// For `Malformed`: which part (`"Empty"`, `"TooLong"`, `"BadCity"`, `"BadDepartment"`,
	/// `"BadClass"`, `"BadSerial"`, `"MissingCheck"`, `"BadCheckCharacter"`).
	#[serde(skip_serializing_if = "Option::is_none")]
	part: Option<String>,
	/// For `Retired`: the code's record.
	#[serde(skip_serializing_if = "Option::is_none")]
	record: Option<CodeJson>,
}

/// The text of a city code as the runtime takes it, refused before the runtime is asked when it
/// is longer than any code can be ([`MAX_CODE_LEN`]).
pub(crate) fn checked_code_text(text: &str) -> Result<Vec<u8>, ErrorObjectOwned> {
	if text.len() > MAX_CODE_LEN {
		return Err(resolve_error(text, ResolveError::Malformed(CodeError::TooLong)));
	}
	Ok(text.as_bytes().to_vec())
}

/// Why `text` does not resolve, as an RPC error (quoting at most the start of `text`): a text that is not a valid code (malformed, or
/// a wrong check character) is an invalid parameter (`-32602`); a valid code that names nothing
/// usable is not found (`1001`), with the record of a retired code in `data.record`.
pub fn resolve_error(text: &str, error: CodeResolveError) -> ErrorObjectOwned {
	let data = |reason: &str, part: Option<String>, record: Option<CodeJson>| {
		Some(ResolveErrorData { reason: reason.to_owned(), part, record })
	};
	let text = &crate::params::echo(text);
	let (code, message, data) = match error {
		ResolveError::Malformed(part) => (
			ErrorCode::InvalidParams.code(),
			format!("malformed city code {text}: {part}"),
			data("Malformed", Some(variant_name(&part)), None),
		),
		ResolveError::WrongCheckCharacter => (
			ErrorCode::InvalidParams.code(),
			format!(
				"wrong check character in city code {text}: a character is mistyped or two are \
				 swapped"
			),
			data("WrongCheckCharacter", None, None),
		),
		ResolveError::UnknownCity => (
			error_code::NOT_FOUND,
			format!("city code {text} is not of this city"),
			data("UnknownCity", None, None),
		),
		ResolveError::UnknownDepartmentPrefix => (
			error_code::NOT_FOUND,
			format!("no department issues city codes with the prefix of {text}"),
			data("UnknownDepartmentPrefix", None, None),
		),
		ResolveError::UnknownClass => (
			error_code::NOT_FOUND,
			format!("no object class has the class of city code {text}"),
			data("UnknownClass", None, None),
		),
		ResolveError::UnknownCode => (
			error_code::NOT_FOUND,
			format!("no city code {text} was issued"),
			data("UnknownCode", None, None),
		),
		ResolveError::Retired(view) => (
			error_code::NOT_FOUND,
			format!("city code {text} is retired (its record is in the error's data)"),
			data("Retired", None, Some(view.into())),
		),
	};
	ErrorObjectOwned::owned(code, message, data)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::json::tests::retired_code;
	use city_primitives::city_code::CodeError;

	const INVALID: i32 = -32602;

	fn data(error: &ErrorObjectOwned) -> serde_json::Value {
		serde_json::from_str(error.data().expect("the error has data").get()).unwrap()
	}

	#[test]
	fn resolve_errors_map_to_codes_with_reasons() {
		let text = "BJ.TRF/BLD/01-H";
		let malformed = resolve_error(text, ResolveError::Malformed(CodeError::BadSerial));
		assert_eq!(malformed.code(), INVALID);
		assert!(malformed.message().starts_with("malformed city code"), "{}", malformed.message());
		assert_eq!(
			data(&malformed),
			serde_json::json!({"reason": "Malformed", "part": "BadSerial"})
		);

		let wrong = resolve_error(text, ResolveError::WrongCheckCharacter);
		assert_eq!(wrong.code(), INVALID);
		assert!(wrong.message().contains("wrong check character"), "{}", wrong.message());

		for (error, reason) in [
			(ResolveError::UnknownCity, "UnknownCity"),
			(ResolveError::UnknownDepartmentPrefix, "UnknownDepartmentPrefix"),
			(ResolveError::UnknownClass, "UnknownClass"),
			(ResolveError::UnknownCode, "UnknownCode"),
		] {
			let error = resolve_error(text, error);
			assert_eq!(error.code(), error_code::NOT_FOUND);
			assert_eq!(data(&error), serde_json::json!({ "reason": reason }));
		}

		let retired = resolve_error(text, ResolveError::Retired(retired_code()));
		assert_eq!(retired.code(), error_code::NOT_FOUND);
		assert!(retired.message().contains("retired"), "{}", retired.message());
		let data = data(&retired);
		assert_eq!(data["reason"], "Retired");
		assert_eq!(data["record"]["text"], "BJ.TRF/BLD/000001-H");
		assert_eq!(data["record"]["status"], "Retired");
	}
}

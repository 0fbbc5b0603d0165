//! `city_*`: a thin JSON layer over CityChain's runtime APIs, for department gateways that would
//! rather not decode SCALE.
//!
//! Every method reads at the block `at` (a block hash) or, when it is omitted, at the best block.
//! Inputs and outputs are readable JSON: accounts as SS58 addresses (any SS58 prefix, or `0x` and
//! 64 hex digits, on input; CityChain's prefix on output), hashes as `0x` hex, enums as their
//! variant names, names as text.
//!
//! Errors carry a code and a message that says what was wrong:
//!
//! | code | meaning |
//! | --- | --- |
//! | `-32602` | invalid parameter (bad account, bad hex, wrong length, malformed code) |
//! | `1000` | the runtime API call failed (unknown block, runtime without the API) |
//! | `1001` | not found (unknown department, asset, version, grant or code) |

use std::sync::Arc;

use city_runtime::{opaque::Block, AccountId, Runtime, SS58_PREFIX};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorCode, ErrorObjectOwned},
};
use pallet_departments::{runtime_api::DepartmentsApi, DepartmentInfoOf, DepartmentStatus};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
use sp_runtime::traits::Block as BlockT;

use city_primitives::{DepartmentId, Role};

type BlockHash = <Block as BlockT>::Hash;

/// The error codes of `city_*` methods (besides JSON-RPC's own `-32602` for bad parameters).
pub mod error_code {
	/// The runtime API call failed.
	pub const RUNTIME: i32 = 1000;
	/// What was asked for does not exist.
	pub const NOT_FOUND: i32 = 1001;
}

fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(ErrorCode::InvalidParams.code(), message.into(), None::<()>)
}

fn not_found(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(error_code::NOT_FOUND, message.into(), None::<()>)
}

fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(error_code::RUNTIME, "runtime API call failed", Some(error.to_string()))
}

/// An account from an SS58 address (any prefix) or `0x` and 64 hex digits.
pub fn parse_account(text: &str) -> Result<AccountId, ErrorObjectOwned> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = sp_core::bytes::from_hex(hex)
			.map_err(|e| invalid_params(format!("invalid account {text:?}: bad hex: {e}")))?;
		let raw: [u8; 32] = bytes.try_into().map_err(|bytes: Vec<u8>| {
			invalid_params(format!("invalid account {text:?}: {} bytes, not 32", bytes.len()))
		})?;
		return Ok(AccountId::from(raw));
	}
	AccountId::from_ss58check_with_version(text).map(|(account, _)| account).map_err(|e| {
		invalid_params(format!("invalid account {text:?}: not an SS58 address ({e:?})"))
	})
}

/// `account` as a CityChain SS58 address.
pub fn format_account(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// Bytes as text: UTF-8 if they are, `0x` hex otherwise (names are validated UTF-8 on chain,
/// so hex shows up only for data written outside the calls).
fn text(bytes: &[u8]) -> String {
	match core::str::from_utf8(bytes) {
		Ok(text) => text.to_owned(),
		Err(_) => sp_core::bytes::to_hex(bytes, false),
	}
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

/// A department, as `city_department` returns it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentJson {
	pub id: DepartmentId,
	pub name: String,
	pub prefix: String,
	/// `"Active"` or `"Suspended"`.
	pub status: String,
	pub registered_at: u32,
	pub member_count: u32,
	pub admin_count: u32,
}

impl DepartmentJson {
	fn new(id: DepartmentId, info: DepartmentInfoOf<Runtime>) -> Self {
		Self {
			id,
			name: text(&info.name),
			prefix: text(&info.prefix),
			status: match info.status {
				DepartmentStatus::Active => "Active",
				DepartmentStatus::Suspended => "Suspended",
			}
			.to_owned(),
			registered_at: info.registered_at,
			member_count: info.member_count,
			admin_count: info.admin_count,
		}
	}
}

/// An account's place in a department.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MemberJson {
	pub account: String,
	pub department: DepartmentId,
	/// `"Admin"`, `"Steward"` or `"Operator"`.
	pub role: String,
}

fn role_name(role: Role) -> String {
	format!("{role:?}")
}

/// Every CityChain runtime API the `city_*` methods read, as one bound.
pub trait CityRuntimeApis: DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>> {}
impl<T> CityRuntimeApis for T where T: DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>> {}

/// The `city_*` methods.
#[rpc(server, namespace = "city")]
pub trait CityApi {
	/// A department by id (a number) or code prefix (a string).
	#[method(name = "department")]
	fn department(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<DepartmentJson>;

	/// The department an account acts for and its role there, or `null` if it acts for none.
	#[method(name = "departmentOf")]
	fn department_of(
		&self,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MemberJson>>;

	/// Every member of a department with its role.
	#[method(name = "members")]
	fn members(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<MemberJson>>;
}

/// Serves the `city_*` methods from a client's runtime APIs.
pub struct City<C> {
	client: Arc<C>,
}

impl<C> City<C> {
	/// Serves from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> City<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CityRuntimeApis,
{
	fn at(&self, at: Option<BlockHash>) -> BlockHash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}

	fn department_id(&self, at: BlockHash, department: DepartmentRef) -> RpcResult<DepartmentId> {
		match department {
			DepartmentRef::Id(id) => Ok(id),
			DepartmentRef::Prefix(prefix) => self
				.client
				.runtime_api()
				.department_by_prefix(at, prefix.to_ascii_uppercase().into_bytes())
				.map_err(runtime_error)?
				.ok_or_else(|| not_found(format!("no department has the prefix {prefix:?}"))),
		}
	}
}

impl<C> CityApiServer for City<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CityRuntimeApis,
{
	fn department(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<DepartmentJson> {
		let at = self.at(at);
		let id = self.department_id(at, department)?;
		let info = self
			.client
			.runtime_api()
			.department(at, id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found(format!("unknown department {id}")))?;
		Ok(DepartmentJson::new(id, info))
	}

	fn department_of(
		&self,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MemberJson>> {
		let who = parse_account(&account)?;
		let at = self.at(at);
		let membership =
			self.client.runtime_api().membership(at, who.clone()).map_err(runtime_error)?;
		Ok(membership.map(|(department, role)| MemberJson {
			account: format_account(&who),
			department,
			role: role_name(role),
		}))
	}

	fn members(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<MemberJson>> {
		let at = self.at(at);
		let id = self.department_id(at, department)?;
		let api = self.client.runtime_api();
		if api.department(at, id).map_err(runtime_error)?.is_none() {
			return Err(not_found(format!("unknown department {id}")));
		}
		let members = api.members(at, id).map_err(runtime_error)?;
		Ok(members
			.into_iter()
			.map(|(who, role)| MemberJson {
				account: format_account(&who),
				department: id,
				role: role_name(role),
			})
			.collect())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring;

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
}

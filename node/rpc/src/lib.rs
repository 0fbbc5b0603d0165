#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod errors;
mod json;
mod params;
mod server;

pub use errors::{error_code, resolve_error, ResolveErrorData};
pub use json::{
	format_account, AssetJson, AssetPageJson, CodeJson, ContentJson, DecisionJson, DepartmentJson,
	DepositJson, GrantJson, MemberJson, RegistrationJson, RegistrationPageJson, RequestJson,
	VerificationJson, VersionJson,
};
pub use params::{
	page_limit, parse_accessor, parse_account, parse_algorithm, parse_content, parse_digest,
	Accessor, AccessorParam, CodeRef, DepartmentRef,
};
pub use server::{City, CityRuntimeApis};

use city_primitives::{AssetId, AssetVersion, DepartmentId};
use city_runtime::opaque::Block;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_access_grants::{GrantId, RequestId};
use pallet_city_codes::{CodeEntry, CodeId};
use sp_runtime::traits::Block as BlockT;

/// The hash naming the block a method reads at.
pub type BlockHash = <Block as BlockT>::Hash;

/// The `city_*` methods.
///
/// Each one asks the runtime (through its runtime APIs, at the best block unless `at` names one),
/// so each runs as a blocking task: a slow runtime call holds a thread of the blocking pool, never
/// one of the RPC server's workers. Inputs with documented length limits (department prefixes,
/// city codes, hashes) are checked before the runtime is asked, and errors quote at most the
/// start of an input.
#[rpc(server, namespace = "city")]
pub trait CityApi {
	/// A department by id (a number) or code prefix (a string).
	#[method(name = "department", blocking)]
	fn department(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<DepartmentJson>;

	/// The department an account acts for and its role there, or `null` if it acts for none.
	#[method(name = "departmentOf", blocking)]
	fn department_of(
		&self,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MemberJson>>;

	/// Every member of a department with its role.
	#[method(name = "members", blocking)]
	fn members(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<MemberJson>>;

	/// A data asset with its current version.
	#[method(name = "asset", blocking)]
	fn asset(&self, asset: AssetId, at: Option<BlockHash>) -> RpcResult<AssetJson>;

	/// One version (from 1) of a data asset.
	#[method(name = "assetVersion", blocking)]
	fn asset_version(
		&self,
		asset: AssetId,
		version: AssetVersion,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson>;

	/// A page of a department's assets (storage order); pass `nextStartAfter` as `startAfter`.
	#[method(name = "assetsOf", blocking)]
	fn assets_of(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<AssetId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AssetPageJson>;

	/// Every department's registration of this content hash, with the version each registered:
	/// "what is this file, and who registered it?". A page (storage order); pass
	/// `nextStartAfter` as `startAfter`. Empty if nobody registered it.
	#[method(name = "assetByHash", blocking)]
	fn asset_by_hash(
		&self,
		hash: String,
		algorithm: Option<String>,
		#[argument(rename = "startAfter")] start_after: Option<DepartmentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<RegistrationPageJson>;

	/// Whether a hash is exactly what was registered for a version: "is my copy genuine?".
	#[method(name = "verifyAsset", blocking)]
	fn verify_asset(
		&self,
		asset: AssetId,
		version: AssetVersion,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VerificationJson>;

	/// May a department (id or prefix) or the department of an account access an asset now?
	#[method(name = "checkAccess", blocking)]
	fn check_access(
		&self,
		who: AccessorParam,
		asset: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<DecisionJson>;

	/// A grant (current, or ended and not purged yet).
	#[method(name = "grant", blocking)]
	fn grant(&self, grant: GrantId, at: Option<BlockHash>) -> RpcResult<GrantJson>;

	/// A page of the open requests a department has to decide, as owner.
	#[method(name = "pendingRequests", blocking)]
	fn pending_requests(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<RequestId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RequestJson>>;

	/// The record a city code's text names, or why there is none.
	#[method(name = "resolveCode", blocking)]
	fn resolve_code(&self, code: String, at: Option<BlockHash>) -> RpcResult<CodeJson>;

	/// A page of the codes a department owns, retired ones included.
	#[method(name = "codesOf", blocking)]
	fn codes_of(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntry>>;

	/// A page of the codes whose parent is a code (by id or text).
	#[method(name = "codeChildren", blocking)]
	fn code_children(
		&self,
		code: CodeRef,
		#[argument(rename = "startAfter")] start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntry>>;
}

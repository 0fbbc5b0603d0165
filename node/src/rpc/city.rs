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

use std::{fmt::Debug, sync::Arc};

use city_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Runtime, SS58_PREFIX};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorCode, ErrorObjectOwned},
};
use pallet_access_grants::{
	runtime_api::AccessGrantsApi, AccessDecision, GrantId, GrantSource, RequestId,
};
use pallet_city_codes::{runtime_api::CityCodesApi, CodeEntry, CodeId, ResolveError};
use pallet_data_assets::{runtime_api::DataAssetsApi, ContentHash, HashAlgorithm, Verification};
use pallet_departments::{runtime_api::DepartmentsApi, DepartmentInfoOf};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
use sp_runtime::traits::Block as BlockT;

use city_primitives::{
	city_code::{CityCode, MAX_DEPARTMENT_LEN},
	AssetId, AssetVersion, DepartmentId,
};

type BlockHash = <Block as BlockT>::Hash;
type AssetDetails = pallet_data_assets::AssetDetails<AccountId, Balance, BlockNumber>;
type VersionDetails = pallet_data_assets::VersionDetails<AccountId, BlockNumber>;
type GrantView = pallet_access_grants::GrantView<AccountId, Balance, BlockNumber>;
type RequestView = pallet_access_grants::RequestView<AccountId, Balance, BlockNumber>;
type CodeView = pallet_city_codes::CodeView<AccountId, Balance, BlockNumber>;
type CodeResolveError = ResolveError<AccountId, Balance, BlockNumber>;

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

/// 32 bytes from hex digits (`what` and `text` name the parameter in the error).
fn bytes32(what: &str, text: &str, digits: &str) -> Result<[u8; 32], ErrorObjectOwned> {
	if !digits.len().is_multiple_of(2) {
		return Err(invalid_params(format!(
			"invalid {what} {text:?}: bad hex: odd number of digits"
		)));
	}
	let bytes = sp_core::bytes::from_hex(digits)
		.map_err(|e| invalid_params(format!("invalid {what} {text:?}: bad hex: {e}")))?;
	bytes.try_into().map_err(|bytes: Vec<u8>| {
		invalid_params(format!("invalid {what} {text:?}: {} bytes, not 32", bytes.len()))
	})
}

/// An account from an SS58 address (any prefix) or `0x` and 64 hex digits.
pub fn parse_account(text: &str) -> Result<AccountId, ErrorObjectOwned> {
	if let Some(digits) = text.strip_prefix("0x") {
		return bytes32("account", text, digits).map(AccountId::from);
	}
	AccountId::from_ss58check_with_version(text).map(|(account, _)| account).map_err(|e| {
		invalid_params(format!("invalid account {text:?}: not an SS58 address ({e:?})"))
	})
}

/// A 32-byte digest from 64 hex digits, with or without `0x` (as `sha256sum` prints it).
pub fn parse_digest(text: &str) -> Result<[u8; 32], ErrorObjectOwned> {
	bytes32("hash", text, text.strip_prefix("0x").unwrap_or(text))
}

/// A hash algorithm by name, `blake2_256` or `sha2_256` in any letter case (so the names this
/// module writes are read back); SHA-256 when omitted.
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
			"invalid algorithm {name:?}: expected \"sha2_256\" or \"blake2_256\""
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

/// `account` as a CityChain SS58 address.
pub fn format_account(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// Bytes as `0x` hex.
fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

/// Bytes as text: UTF-8 if they are, `0x` hex otherwise (names are validated UTF-8 on chain,
/// so hex shows up only for data written outside the calls).
fn text(bytes: &[u8]) -> String {
	match core::str::from_utf8(bytes) {
		Ok(text) => text.to_owned(),
		Err(_) => hex(bytes),
	}
}

/// The name of a variant of a field-less enum (`Role`, `Classification`, `Scope`, ...), as its
/// `Debug` writes it: `"Steward"`, `"Confidential"`, `"Read"`.
fn variant_name(value: &impl Debug) -> String {
	format!("{value:?}")
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
			status: variant_name(&info.status),
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

/// A balance held from an account. The amount is a decimal string (in the chain's smallest
/// unit), as balances may exceed what a JSON number holds exactly.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DepositJson {
	pub depositor: String,
	pub amount: String,
}

impl DepositJson {
	fn new(depositor: &AccountId, amount: Balance) -> Self {
		Self { depositor: format_account(depositor), amount: amount.to_string() }
	}
}

/// A content fingerprint: `{"algorithm": "Sha2_256", "digest": "0x…"}`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContentJson {
	/// `"Blake2_256"` or `"Sha2_256"`.
	pub algorithm: String,
	pub digest: String,
}

impl From<ContentHash> for ContentJson {
	fn from(content: ContentHash) -> Self {
		Self { algorithm: variant_name(&content.algorithm), digest: hex(&content.digest) }
	}
}

/// One version of an asset's content.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VersionJson {
	pub asset: AssetId,
	pub version: AssetVersion,
	pub content: ContentJson,
	pub size: u64,
	/// Where the owner serves this content.
	pub location: String,
	pub registered_by: String,
	pub registered_at: BlockNumber,
}

impl VersionJson {
	fn new(asset: AssetId, version: AssetVersion, details: VersionDetails) -> Self {
		Self {
			asset,
			version,
			content: details.content.into(),
			size: details.size,
			location: text(&details.location),
			registered_by: format_account(&details.registered_by),
			registered_at: details.registered_at,
		}
	}
}

/// A data asset with its current version.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssetJson {
	pub id: AssetId,
	/// The owning department's id.
	pub owner: DepartmentId,
	pub name: String,
	pub media_type: String,
	/// `"Public"`, `"Internal"`, `"Confidential"` or `"Restricted"`.
	pub classification: String,
	pub metadata_hash: Option<ContentJson>,
	pub tags: Vec<String>,
	pub latest_version: AssetVersion,
	pub registered_at: BlockNumber,
	/// `false` once retired.
	pub active: bool,
	pub retired_at: Option<BlockNumber>,
	/// The department a pending transfer offers it to.
	pub offered_to: Option<DepartmentId>,
	pub deposit: Option<DepositJson>,
	/// The current version (`latestVersion`).
	pub current: VersionJson,
}

impl From<AssetDetails> for AssetJson {
	fn from(details: AssetDetails) -> Self {
		let AssetDetails { id, asset, current } = details;
		Self {
			id,
			owner: asset.owner,
			name: text(&asset.name),
			media_type: text(&asset.media_type),
			classification: variant_name(&asset.classification),
			metadata_hash: asset.metadata_hash.map(Into::into),
			tags: asset.tags.iter().map(|tag| text(tag)).collect(),
			latest_version: asset.latest_version,
			registered_at: asset.registered_at,
			active: asset.retired_at.is_none(),
			retired_at: asset.retired_at,
			offered_to: asset.offered_to,
			deposit: asset.deposit.map(|d| DepositJson::new(&d.depositor, d.amount)),
			current: VersionJson::new(id, asset.latest_version, current),
		}
	}
}

/// One page of a department's assets.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssetPageJson {
	pub assets: Vec<AssetJson>,
	/// Pass as `startAfter` for the next page; `null` after the last page.
	pub next_start_after: Option<AssetId>,
}

/// Whether a hash is what was registered for a version.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VerificationJson {
	pub asset: AssetId,
	pub version: AssetVersion,
	pub content: ContentJson,
	/// `"Match"` or `"Mismatch"`.
	pub result: String,
	/// `result == "Match"`: the copy is genuine.
	pub matches: bool,
}

/// The answer of `city_checkAccess`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DecisionJson {
	pub allowed: bool,
	/// The grant that allows access; `null` for the owner, `Public` assets, and denials.
	pub grant: Option<GrantId>,
	/// The first block in which the grant no longer allows access.
	pub expires_at: Option<BlockNumber>,
	/// How many more accesses the grant allows (`null`: no cap, or no grant).
	pub remaining_uses: Option<u32>,
	/// Why access is denied (`null` when allowed): `"UnknownAsset"`, `"AssetRetired"`,
	/// `"NotMember"`, `"DepartmentInactive"`, `"OwnerInactive"`, `"NoGrant"`, `"OwnerChanged"`,
	/// `"Expired"`, `"Exhausted"` or `"PendingOversight"`.
	pub reason: Option<String>,
}

impl From<AccessDecision<BlockNumber>> for DecisionJson {
	fn from(decision: AccessDecision<BlockNumber>) -> Self {
		match decision {
			AccessDecision::Allowed { grant, expires_at, remaining_uses } => {
				Self { allowed: true, grant, expires_at, remaining_uses, reason: None }
			},
			AccessDecision::Denied(reason) => Self {
				allowed: false,
				grant: None,
				expires_at: None,
				remaining_uses: None,
				reason: Some(variant_name(&reason)),
			},
		}
	}
}

/// An access grant.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GrantJson {
	pub id: GrantId,
	pub asset: AssetId,
	pub owner: DepartmentId,
	pub grantee: DepartmentId,
	pub purpose: String,
	/// `"Read"`, `"Query"` or `"Derive"`.
	pub scope: String,
	pub granted_by: String,
	/// `"Request"` (see `request`) or `"Direct"`.
	pub source: String,
	/// The request it was made from, if any.
	pub request: Option<RequestId>,
	pub granted_at: BlockNumber,
	pub expires_at: BlockNumber,
	pub max_uses: Option<u32>,
	pub uses: u32,
	pub last_access: Option<BlockNumber>,
	pub oversight_approved: bool,
	pub deposit: Option<DepositJson>,
}

impl GrantJson {
	fn new(id: GrantId, grant: GrantView) -> Self {
		let request = match grant.source {
			GrantSource::Request(request) => Some(request),
			GrantSource::Direct => None,
		};
		Self {
			id,
			asset: grant.asset,
			owner: grant.owner,
			grantee: grant.grantee,
			purpose: text(&grant.purpose),
			scope: variant_name(&grant.scope),
			granted_by: format_account(&grant.granted_by),
			source: if request.is_some() { "Request" } else { "Direct" }.to_owned(),
			request,
			granted_at: grant.granted_at,
			expires_at: grant.expires_at,
			max_uses: grant.max_uses,
			uses: grant.uses,
			last_access: grant.last_access,
			oversight_approved: grant.oversight_approved,
			deposit: grant.deposit.map(|d| DepositJson::new(&d.depositor, d.amount)),
		}
	}
}

/// The owner's approval of a request on a `Restricted` asset, waiting for the oversight office.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OwnerApprovalJson {
	pub by: String,
	pub duration: BlockNumber,
	pub max_uses: Option<u32>,
}

/// An open access request.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RequestJson {
	pub id: RequestId,
	pub asset: AssetId,
	pub requester: DepartmentId,
	pub owner: DepartmentId,
	pub requested_by: String,
	pub purpose: String,
	/// `"Read"`, `"Query"` or `"Derive"`.
	pub scope: String,
	/// Blocks of access asked for.
	pub duration: BlockNumber,
	pub requested_at: BlockNumber,
	pub owner_approval: Option<OwnerApprovalJson>,
	pub oversight_approved: bool,
	pub deposit: Option<DepositJson>,
}

impl RequestJson {
	fn new(id: RequestId, request: RequestView) -> Self {
		Self {
			id,
			asset: request.asset,
			requester: request.requester,
			owner: request.owner,
			requested_by: format_account(&request.requested_by),
			purpose: text(&request.purpose),
			scope: variant_name(&request.scope),
			duration: request.duration,
			requested_at: request.requested_at,
			owner_approval: request.owner_approval.map(|a| OwnerApprovalJson {
				by: format_account(&a.by),
				duration: a.duration,
				max_uses: a.max_uses,
			}),
			oversight_approved: request.oversight_approved,
			deposit: request.deposit.map(|d| DepositJson::new(&d.depositor, d.amount)),
		}
	}
}

/// A point in micro-degrees (millionths of a degree, WGS 84).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LocationJson {
	pub latitude: i32,
	pub longitude: i32,
}

/// A city code's record.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CodeJson {
	pub id: CodeId,
	/// The canonical text, e.g. `"BJ.TRF/BLD/000001-H"`.
	pub text: String,
	/// The department that issued it (its prefix is in the text forever).
	pub issuer: DepartmentId,
	/// The object class's id.
	pub class: u16,
	/// The object class's code, e.g. `"BLD"`.
	pub class_code: String,
	pub serial: u32,
	/// The department responsible for it now.
	pub owner: DepartmentId,
	pub name: String,
	pub location: Option<LocationJson>,
	/// Hash of the off-chain description.
	pub attributes: Option<String>,
	pub parent: Option<CodeId>,
	pub depth: u32,
	/// `"Active"`, `"Suspended"` or `"Retired"`.
	pub status: String,
	/// Linked data assets.
	pub assets: Vec<AssetId>,
	pub transfer_to: Option<DepartmentId>,
	pub deposit: Option<DepositJson>,
	pub issued_at: BlockNumber,
}

impl From<CodeView> for CodeJson {
	fn from(view: CodeView) -> Self {
		let record = view.record;
		Self {
			id: view.id,
			class_code: CityCode::parse(&view.text)
				.map(|code| code.class.as_str().to_owned())
				.unwrap_or_default(),
			text: text(&view.text),
			issuer: record.issuer,
			class: record.class,
			serial: record.serial,
			owner: record.owner,
			name: text(&record.name),
			location: record
				.location
				.map(|l| LocationJson { latitude: l.latitude, longitude: l.longitude }),
			attributes: record.attributes.map(|a| hex(&a)),
			parent: record.parent,
			depth: record.depth,
			status: variant_name(&record.status),
			assets: record.assets,
			transfer_to: record.transfer_to,
			deposit: record.deposit.map(|d| DepositJson::new(&d.depositor, d.amount)),
			issued_at: record.issued_at,
		}
	}
}

/// A code in a list: id, text and status.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CodeEntryJson {
	pub id: CodeId,
	pub text: String,
	/// `"Active"`, `"Suspended"` or `"Retired"`.
	pub status: String,
}

impl From<CodeEntry> for CodeEntryJson {
	fn from(entry: CodeEntry) -> Self {
		Self { id: entry.id, text: text(&entry.text), status: variant_name(&entry.status) }
	}
}

/// The `data` of a `city_resolveCode` error: why the code does not resolve and, for a retired
/// code, its record.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResolveErrorData {
	/// `"Malformed"`, `"WrongCheckCharacter"`, `"UnknownCity"`, `"UnknownDepartmentPrefix"`,
	/// `"UnknownClass"`, `"UnknownCode"` or `"Retired"`.
	pub reason: String,
	/// For `Malformed`: which part (`"Empty"`, `"TooLong"`, `"BadCity"`, `"BadDepartment"`,
	/// `"BadClass"`, `"BadSerial"`, `"MissingCheck"`, `"BadCheckCharacter"`).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub part: Option<String>,
	/// For `Retired`: the code's record.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub record: Option<CodeJson>,
}

/// Why `text` does not resolve, as an RPC error: a text that is not a valid code (malformed, or
/// a wrong check character) is an invalid parameter (`-32602`); a valid code that names nothing
/// usable is not found (`1001`), with the record of a retired code in `data.record`.
pub fn resolve_error(text: &str, error: CodeResolveError) -> ErrorObjectOwned {
	let data = |reason: &str, part: Option<String>, record: Option<CodeJson>| {
		Some(ResolveErrorData { reason: reason.to_owned(), part, record })
	};
	let (code, message, data) = match error {
		ResolveError::Malformed(part) => (
			ErrorCode::InvalidParams.code(),
			format!("malformed city code {text:?}: {part}"),
			data("Malformed", Some(variant_name(&part)), None),
		),
		ResolveError::WrongCheckCharacter => (
			ErrorCode::InvalidParams.code(),
			format!(
				"wrong check character in city code {text:?}: a character is mistyped or two are \
				 swapped"
			),
			data("WrongCheckCharacter", None, None),
		),
		ResolveError::UnknownCity => (
			error_code::NOT_FOUND,
			format!("city code {text:?} is not of this city"),
			data("UnknownCity", None, None),
		),
		ResolveError::UnknownDepartmentPrefix => (
			error_code::NOT_FOUND,
			format!("no department issues city codes with the prefix of {text:?}"),
			data("UnknownDepartmentPrefix", None, None),
		),
		ResolveError::UnknownClass => (
			error_code::NOT_FOUND,
			format!("no object class has the class of city code {text:?}"),
			data("UnknownClass", None, None),
		),
		ResolveError::UnknownCode => (
			error_code::NOT_FOUND,
			format!("no city code {text:?} was issued"),
			data("UnknownCode", None, None),
		),
		ResolveError::Retired(view) => (
			error_code::NOT_FOUND,
			format!("city code {text:?} is retired (its record is in the error's data)"),
			data("Retired", None, Some(view.into())),
		),
	};
	ErrorObjectOwned::owned(code, message, data)
}

/// Every CityChain runtime API the `city_*` methods read, as one bound.
pub trait CityRuntimeApis:
	DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>>
	+ DataAssetsApi<Block, AccountId, Balance, BlockNumber>
	+ AccessGrantsApi<Block, AccountId, Balance, BlockNumber>
	+ CityCodesApi<Block, AccountId, Balance, BlockNumber>
{
}
impl<T> CityRuntimeApis for T where
	T: DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>>
		+ DataAssetsApi<Block, AccountId, Balance, BlockNumber>
		+ AccessGrantsApi<Block, AccountId, Balance, BlockNumber>
		+ CityCodesApi<Block, AccountId, Balance, BlockNumber>
{
}

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

	/// A data asset with its current version.
	#[method(name = "asset")]
	fn asset(&self, asset: AssetId, at: Option<BlockHash>) -> RpcResult<AssetJson>;

	/// One version (from 1) of a data asset.
	#[method(name = "assetVersion")]
	fn asset_version(
		&self,
		asset: AssetId,
		version: AssetVersion,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson>;

	/// A page of a department's assets (storage order); pass `nextStartAfter` as `startAfter`.
	#[method(name = "assetsOf")]
	fn assets_of(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<AssetId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AssetPageJson>;

	/// The asset version registered with this content hash: "what is this file?".
	#[method(name = "assetByHash")]
	fn asset_by_hash(
		&self,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson>;

	/// Whether a hash is exactly what was registered for a version: "is my copy genuine?".
	#[method(name = "verifyAsset")]
	fn verify_asset(
		&self,
		asset: AssetId,
		version: AssetVersion,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VerificationJson>;

	/// May a department (id or prefix) or the department of an account access an asset now?
	#[method(name = "checkAccess")]
	fn check_access(
		&self,
		who: AccessorParam,
		asset: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<DecisionJson>;

	/// A grant (current, or ended and not purged yet).
	#[method(name = "grant")]
	fn grant(&self, grant: GrantId, at: Option<BlockHash>) -> RpcResult<GrantJson>;

	/// A page of the open requests a department has to decide, as owner.
	#[method(name = "pendingRequests")]
	fn pending_requests(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<RequestId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RequestJson>>;

	/// The record a city code's text names, or why there is none.
	#[method(name = "resolveCode")]
	fn resolve_code(&self, code: String, at: Option<BlockHash>) -> RpcResult<CodeJson>;

	/// A page of the codes a department owns, retired ones included.
	#[method(name = "codesOf")]
	fn codes_of(
		&self,
		department: DepartmentRef,
		#[argument(rename = "startAfter")] start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntryJson>>;

	/// A page of the codes whose parent is a code (by id or text).
	#[method(name = "codeChildren")]
	fn code_children(
		&self,
		code: CodeRef,
		#[argument(rename = "startAfter")] start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntryJson>>;
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

	/// The id of a department named by id or prefix; `1001` for an unknown prefix.
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

	/// A department named by id or prefix, with its record; `1001` if there is none.
	fn department_info(
		&self,
		at: BlockHash,
		department: DepartmentRef,
	) -> RpcResult<(DepartmentId, DepartmentInfoOf<Runtime>)> {
		let id = self.department_id(at, department)?;
		let info = self
			.client
			.runtime_api()
			.department(at, id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found(format!("unknown department {id}")))?;
		Ok((id, info))
	}

	/// The id of an existing department named by id or prefix; `1001` if there is none.
	fn known_department(
		&self,
		at: BlockHash,
		department: DepartmentRef,
	) -> RpcResult<DepartmentId> {
		self.department_info(at, department).map(|(id, _)| id)
	}

	fn asset_details(&self, at: BlockHash, asset: AssetId) -> RpcResult<AssetDetails> {
		self.client
			.runtime_api()
			.asset(at, asset)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found(format!("unknown asset {asset}")))
	}

	/// Version `version` of `asset`; `1001` naming which of the two is unknown.
	fn version(
		&self,
		at: BlockHash,
		asset: AssetId,
		version: AssetVersion,
	) -> RpcResult<VersionJson> {
		match self.client.runtime_api().asset_version(at, asset, version).map_err(runtime_error)? {
			Some(details) => Ok(VersionJson::new(asset, version, details)),
			None => {
				let latest = self.asset_details(at, asset)?.asset.latest_version;
				Err(not_found(format!(
					"asset {asset} has no version {version} (its versions are 1 to {latest})"
				)))
			},
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
		let (id, info) = self.department_info(self.at(at), department)?;
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
			role: variant_name(&role),
		}))
	}

	fn members(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<MemberJson>> {
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let members = self.client.runtime_api().members(at, id).map_err(runtime_error)?;
		Ok(members
			.into_iter()
			.map(|(who, role)| MemberJson {
				account: format_account(&who),
				department: id,
				role: variant_name(&role),
			})
			.collect())
	}

	fn asset(&self, asset: AssetId, at: Option<BlockHash>) -> RpcResult<AssetJson> {
		self.asset_details(self.at(at), asset).map(Into::into)
	}

	fn asset_version(
		&self,
		asset: AssetId,
		version: AssetVersion,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson> {
		self.version(self.at(at), asset, version)
	}

	fn assets_of(
		&self,
		department: DepartmentRef,
		start_after: Option<AssetId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AssetPageJson> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let page = self
			.client
			.runtime_api()
			.department_assets(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(AssetPageJson {
			assets: page.items.into_iter().map(Into::into).collect(),
			next_start_after: page.next,
		})
	}

	fn asset_by_hash(
		&self,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson> {
		let content = parse_content(&hash, algorithm.as_deref())?;
		let at = self.at(at);
		let (asset, version) = self
			.client
			.runtime_api()
			.find_by_content(at, content)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				not_found(format!(
					"no asset version was registered with the {} hash {}",
					variant_name(&content.algorithm),
					hex(&content.digest)
				))
			})?;
		self.version(at, asset, version)
	}

	fn verify_asset(
		&self,
		asset: AssetId,
		version: AssetVersion,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VerificationJson> {
		let content = parse_content(&hash, algorithm.as_deref())?;
		let at = self.at(at);
		let result =
			self.client.runtime_api().verify(at, asset, version, content).map_err(runtime_error)?;
		match result {
			Verification::Match | Verification::Mismatch => Ok(VerificationJson {
				asset,
				version,
				content: content.into(),
				result: variant_name(&result),
				matches: result == Verification::Match,
			}),
			// The runtime API says which is unknown; `version` says so with the detail.
			Verification::UnknownAsset | Verification::UnknownVersion => {
				Err(self.version(at, asset, version).err().unwrap_or_else(|| {
					not_found(format!("unknown asset {asset} or version {version}"))
				}))
			},
		}
	}

	fn check_access(
		&self,
		who: AccessorParam,
		asset: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<DecisionJson> {
		let accessor = parse_accessor(who)?;
		let at = self.at(at);
		let decision = match accessor {
			Accessor::Department(department) => {
				let id = self.department_id(at, department)?;
				self.client.runtime_api().check_access(at, id, asset)
			},
			Accessor::Account(account) => {
				self.client.runtime_api().check_account_access(at, account, asset)
			},
		}
		.map_err(runtime_error)?;
		Ok(decision.into())
	}

	fn grant(&self, grant: GrantId, at: Option<BlockHash>) -> RpcResult<GrantJson> {
		let view = self
			.client
			.runtime_api()
			.grant_info(self.at(at), grant)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				not_found(format!(
					"unknown grant {grant} (revoked and renounced grants are removed)"
				))
			})?;
		Ok(GrantJson::new(grant, view))
	}

	fn pending_requests(
		&self,
		department: DepartmentRef,
		start_after: Option<RequestId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RequestJson>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let requests = self
			.client
			.runtime_api()
			.pending_requests(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(requests.items.into_iter().map(|(id, request)| RequestJson::new(id, request)).collect())
	}

	fn resolve_code(&self, code: String, at: Option<BlockHash>) -> RpcResult<CodeJson> {
		self.client
			.runtime_api()
			.resolve(self.at(at), code.clone().into_bytes())
			.map_err(runtime_error)?
			.map(Into::into)
			.map_err(|error| resolve_error(&code, error))
	}

	fn codes_of(
		&self,
		department: DepartmentRef,
		start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntryJson>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let codes = self
			.client
			.runtime_api()
			.codes_of(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(codes.items.into_iter().map(Into::into).collect())
	}

	fn code_children(
		&self,
		code: CodeRef,
		start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntryJson>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let api = self.client.runtime_api();
		let id = match code {
			CodeRef::Id(id) => match api.code(at, id).map_err(runtime_error)? {
				Some(_) => id,
				None => return Err(not_found(format!("unknown city code {id}"))),
			},
			// A retired code keeps its children, so it names them too.
			CodeRef::Text(text) => match api.resolve(at, text.clone().into_bytes()) {
				Ok(Ok(view)) | Ok(Err(ResolveError::Retired(view))) => view.id,
				Ok(Err(error)) => return Err(resolve_error(&text, error)),
				Err(error) => return Err(runtime_error(error)),
			},
		};
		let children = api.children(at, id, start_after, limit).map_err(runtime_error)?;
		Ok(children.items.into_iter().map(Into::into).collect())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use city_primitives::city_code::CodeError;
	use pallet_access_grants::DenialReason;
	use pallet_city_codes::{CodeRecord, CodeStatus};
	use sp_keyring::Sr25519Keyring;

	const INVALID: i32 = -32602;

	fn data(error: &ErrorObjectOwned) -> serde_json::Value {
		serde_json::from_str(error.data().expect("the error has data").get()).unwrap()
	}

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
	fn content_hashes_read_and_write_as_json() {
		let digest = sp_io::hashing::blake2_256(b"demo");
		let hex = sp_core::bytes::to_hex(&digest, false);
		let content = parse_content(&hex, Some("blake2_256")).unwrap();
		assert_eq!(content, ContentHash { algorithm: HashAlgorithm::Blake2_256, digest });
		assert_eq!(
			serde_json::to_value(ContentJson::from(content)).unwrap(),
			serde_json::json!({ "algorithm": "Blake2_256", "digest": hex })
		);
		// The algorithm is checked before the digest, and both errors are invalid params.
		assert_eq!(parse_content("0xzz", Some("md5")).unwrap_err().code(), INVALID);
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
	fn code_refs_deserialize_from_numbers_and_strings() {
		assert!(matches!(serde_json::from_str("1").unwrap(), CodeRef::Id(1)));
		assert!(matches!(
			serde_json::from_str("\"BJ.TRF/BLD/000001-H\"").unwrap(),
			CodeRef::Text(t) if t == "BJ.TRF/BLD/000001-H"
		));
	}

	#[test]
	fn decisions_serialize_in_camel_case() {
		let allowed = AccessDecision::Allowed {
			grant: Some(0),
			expires_at: Some(432_000),
			remaining_uses: Some(999),
		};
		assert_eq!(
			serde_json::to_value(DecisionJson::from(allowed)).unwrap(),
			serde_json::json!({
				"allowed": true, "grant": 0, "expiresAt": 432000, "remainingUses": 999,
				"reason": null
			})
		);
		let denied = AccessDecision::Denied(DenialReason::PendingOversight);
		assert_eq!(
			serde_json::to_value(DecisionJson::from(denied)).unwrap(),
			serde_json::json!({
				"allowed": false, "grant": null, "expiresAt": null, "remainingUses": null,
				"reason": "PendingOversight"
			})
		);
	}

	fn retired_code() -> CodeView {
		CodeView {
			id: 0,
			text: b"BJ.TRF/BLD/000001-H".to_vec(),
			record: CodeRecord {
				issuer: 0,
				class: 1,
				serial: 1,
				owner: 0,
				name: b"Traffic Control Centre".to_vec(),
				location: None,
				attributes: Some([7; 32]),
				parent: None,
				depth: 0,
				status: CodeStatus::Retired,
				assets: vec![1],
				transfer_to: None,
				deposit: None,
				issued_at: 0,
			},
		}
	}

	#[test]
	fn codes_serialize_readably() {
		let json = serde_json::to_value(CodeJson::from(retired_code())).unwrap();
		assert_eq!(json["text"], "BJ.TRF/BLD/000001-H");
		assert_eq!(json["classCode"], "BLD");
		assert_eq!(json["status"], "Retired");
		assert_eq!(json["attributes"], format!("0x{}", "07".repeat(32)));
		assert_eq!(json["location"], serde_json::Value::Null);
		assert_eq!(json["issuedAt"], 0);
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

//! The JSON of the methods' results, where a runtime API type does not serialize to it itself:
//! accounts as CityChain SS58 addresses, balances as decimal strings, hashes as `0x` hex, names
//! as text, enums as their variant names.

use std::fmt::Debug;

use city_primitives::{city_code::CityCode, AssetId, AssetVersion, DepartmentId};
use city_runtime::{AccountId, Balance, BlockNumber, Runtime, SS58_PREFIX};
use pallet_access_grants::{AccessDecision, GrantId, GrantSource, RequestId};
use pallet_city_codes::{CodeEntry, CodeId};
use pallet_data_assets::ContentHash;
use pallet_departments::DepartmentInfoOf;
use serde::{Deserialize, Serialize};
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};

pub(crate) type AssetDetails = pallet_data_assets::AssetDetails<AccountId, Balance, BlockNumber>;
pub(crate) type VersionDetails = pallet_data_assets::VersionDetails<AccountId, BlockNumber>;
type GrantView = pallet_access_grants::GrantView<AccountId, Balance, BlockNumber>;
type RequestView = pallet_access_grants::RequestView<AccountId, Balance, BlockNumber>;
pub(crate) type CodeView = pallet_city_codes::CodeView<AccountId, Balance, BlockNumber>;

/// `account` as a CityChain SS58 address.
pub fn format_account(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// Bytes as `0x` hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

/// Bytes as text: UTF-8 if they are, `0x` hex otherwise (names are validated UTF-8 on chain,
/// so hex shows up only for data written outside the calls).
pub(crate) fn text(bytes: &[u8]) -> String {
	match core::str::from_utf8(bytes) {
		Ok(text) => text.to_owned(),
		Err(_) => hex(bytes),
	}
}

/// The name of a variant of a field-less enum (`Role`, `Classification`, `Scope`, ...), as its
/// `Debug` writes it: `"Steward"`, `"Confidential"`, `"Read"`.
pub(crate) fn variant_name(value: &impl Debug) -> String {
	format!("{value:?}")
}

/// A department, as `city_department` returns it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentJson {
	pub(crate) id: DepartmentId,
	pub(crate) name: String,
	pub(crate) prefix: String,
	/// `"Active"` or `"Suspended"`.
	pub(crate) status: String,
	pub(crate) registered_at: u32,
	pub(crate) member_count: u32,
	pub(crate) admin_count: u32,
}

impl DepartmentJson {
	pub(crate) fn new(id: DepartmentId, info: DepartmentInfoOf<Runtime>) -> Self {
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
	pub(crate) account: String,
	pub(crate) department: DepartmentId,
	/// `"Admin"`, `"Steward"` or `"Operator"`.
	pub(crate) role: String,
}

/// A balance held from an account. The amount is a decimal string (in the chain's smallest
/// unit), as balances may exceed what a JSON number holds exactly.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DepositJson {
	pub(crate) depositor: String,
	pub(crate) amount: String,
}

impl DepositJson {
	pub(crate) fn new(depositor: &AccountId, amount: Balance) -> Self {
		Self { depositor: format_account(depositor), amount: amount.to_string() }
	}
}

/// A content fingerprint: `{"algorithm": "Sha2_256", "digest": "0x…"}`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContentJson {
	/// `"Blake2_256"` or `"Sha2_256"`.
	pub(crate) algorithm: String,
	pub(crate) digest: String,
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
	pub(crate) asset: AssetId,
	pub(crate) version: AssetVersion,
	pub(crate) content: ContentJson,
	pub(crate) size: u64,
	/// Where the owner serves this content.
	pub(crate) location: String,
	pub(crate) registered_by: String,
	pub(crate) registered_at: BlockNumber,
}

impl VersionJson {
	pub(crate) fn new(asset: AssetId, version: AssetVersion, details: VersionDetails) -> Self {
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
	pub(crate) id: AssetId,
	/// The owning department's id.
	pub(crate) owner: DepartmentId,
	pub(crate) name: String,
	pub(crate) media_type: String,
	/// `"Public"`, `"Internal"`, `"Confidential"` or `"Restricted"`.
	pub(crate) classification: String,
	pub(crate) metadata_hash: Option<ContentJson>,
	pub(crate) tags: Vec<String>,
	pub(crate) latest_version: AssetVersion,
	pub(crate) registered_at: BlockNumber,
	/// `false` once retired.
	pub(crate) active: bool,
	pub(crate) retired_at: Option<BlockNumber>,
	/// The department a pending transfer offers it to.
	pub(crate) offered_to: Option<DepartmentId>,
	pub(crate) deposit: Option<DepositJson>,
	/// The current version (`latestVersion`).
	pub(crate) current: VersionJson,
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
	pub(crate) assets: Vec<AssetJson>,
	/// Pass as `startAfter` for the next page; `null` after the last page.
	pub(crate) next_start_after: Option<AssetId>,
}

/// Whether a hash is what was registered for a version.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VerificationJson {
	pub(crate) asset: AssetId,
	pub(crate) version: AssetVersion,
	pub(crate) content: ContentJson,
	/// `"Match"` or `"Mismatch"`.
	pub(crate) result: String,
	/// `result == "Match"`: the copy is genuine.
	pub(crate) matches: bool,
}

/// The answer of `city_checkAccess`.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DecisionJson {
	pub(crate) allowed: bool,
	/// The grant that allows access; `null` for the owner, `Public` assets, and denials.
	pub(crate) grant: Option<GrantId>,
	/// The first block in which the grant no longer allows access.
	pub(crate) expires_at: Option<BlockNumber>,
	/// How many more accesses the grant allows (`null`: no cap, or no grant).
	pub(crate) remaining_uses: Option<u32>,
	/// Why access is denied (`null` when allowed): `"UnknownAsset"`, `"AssetRetired"`,
	/// `"NotMember"`, `"DepartmentInactive"`, `"OwnerInactive"`, `"NoGrant"`, `"OwnerChanged"`,
	/// `"Expired"`, `"Exhausted"` or `"PendingOversight"`.
	pub(crate) reason: Option<String>,
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
	pub(crate) id: GrantId,
	pub(crate) asset: AssetId,
	pub(crate) owner: DepartmentId,
	pub(crate) grantee: DepartmentId,
	pub(crate) purpose: String,
	/// `"Read"`, `"Query"` or `"Derive"`.
	pub(crate) scope: String,
	pub(crate) granted_by: String,
	/// `"Request"` (see `request`) or `"Direct"`.
	pub(crate) source: String,
	/// The request it was made from, if any.
	pub(crate) request: Option<RequestId>,
	pub(crate) granted_at: BlockNumber,
	pub(crate) expires_at: BlockNumber,
	pub(crate) max_uses: Option<u32>,
	pub(crate) uses: u32,
	pub(crate) last_access: Option<BlockNumber>,
	pub(crate) oversight_approved: bool,
	pub(crate) deposit: Option<DepositJson>,
}

impl GrantJson {
	pub(crate) fn new(id: GrantId, grant: GrantView) -> Self {
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
	pub(crate) by: String,
	pub(crate) duration: BlockNumber,
	pub(crate) max_uses: Option<u32>,
}

/// An open access request.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RequestJson {
	pub(crate) id: RequestId,
	pub(crate) asset: AssetId,
	pub(crate) requester: DepartmentId,
	pub(crate) owner: DepartmentId,
	pub(crate) requested_by: String,
	pub(crate) purpose: String,
	/// `"Read"`, `"Query"` or `"Derive"`.
	pub(crate) scope: String,
	/// Blocks of access asked for.
	pub(crate) duration: BlockNumber,
	pub(crate) requested_at: BlockNumber,
	pub(crate) owner_approval: Option<OwnerApprovalJson>,
	pub(crate) oversight_approved: bool,
	pub(crate) deposit: Option<DepositJson>,
}

impl RequestJson {
	pub(crate) fn new(id: RequestId, request: RequestView) -> Self {
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
	pub(crate) latitude: i32,
	pub(crate) longitude: i32,
}

/// A city code's record.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CodeJson {
	pub(crate) id: CodeId,
	/// The canonical text, e.g. `"BJ.TRF/BLD/000001-H"`.
	pub(crate) text: String,
	/// The department that issued it (its prefix is in the text forever).
	pub(crate) issuer: DepartmentId,
	/// The object class's id.
	pub(crate) class: u16,
	/// The object class's code, e.g. `"BLD"`.
	pub(crate) class_code: String,
	pub(crate) serial: u32,
	/// The department responsible for it now.
	pub(crate) owner: DepartmentId,
	pub(crate) name: String,
	pub(crate) location: Option<LocationJson>,
	/// Hash of the off-chain description.
	pub(crate) attributes: Option<String>,
	pub(crate) parent: Option<CodeId>,
	pub(crate) depth: u32,
	/// `"Active"`, `"Suspended"` or `"Retired"`.
	pub(crate) status: String,
	/// Linked data assets.
	pub(crate) assets: Vec<AssetId>,
	pub(crate) transfer_to: Option<DepartmentId>,
	pub(crate) deposit: Option<DepositJson>,
	pub(crate) issued_at: BlockNumber,
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
	pub(crate) id: CodeId,
	pub(crate) text: String,
	/// `"Active"`, `"Suspended"` or `"Retired"`.
	pub(crate) status: String,
}

impl From<CodeEntry> for CodeEntryJson {
	fn from(entry: CodeEntry) -> Self {
		Self { id: entry.id, text: text(&entry.text), status: variant_name(&entry.status) }
	}
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use crate::params::parse_content;
	use pallet_access_grants::DenialReason;
	use pallet_city_codes::{CodeRecord, CodeStatus};
	use pallet_data_assets::HashAlgorithm;

	const INVALID: i32 = -32602;

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

	pub(crate) fn retired_code() -> CodeView {
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
}

//! The JSON of the methods' results that the runtime API types do not serialize to themselves.
//!
//! The pallets' types derive `Serialize` to the readable JSON where they can (statuses, roles,
//! scopes and reasons by variant name; `Deposit`, `DepartmentInfo`, `AccessRequest`,
//! `OwnerApproval`, `CodeRecord`, `Location`, `CodeEntry` with CityChain addresses, decimal
//! balances, hex hashes and text names). What remains here adds what a type lacks (the id it is
//! stored under, a code's class code), reshapes what a derive cannot (`AccessDecision`,
//! `GrantSource`, an asset's `active` and its version's id) or must differ from a derive that
//! serves another purpose (`ContentHash` derives the genesis config's JSON, digests as byte
//! arrays).

use std::fmt::Debug;

use city_primitives::{
	city_code::CityCode, serde_json_helpers, AssetId, AssetVersion, Classification, DepartmentId,
	Deposit, Role, SS58_PREFIX,
};
use city_runtime::{AccountId, Balance, BlockNumber, Runtime};
use pallet_access_grants::{AccessDecision, DenialReason, GrantId, GrantSource, RequestId, Scope};
use pallet_city_codes::{CodeId, CodeRecord};
use pallet_data_assets::{ContentHash, Verification};
use pallet_departments::DepartmentInfoOf;
use serde::{Deserialize, Serialize};
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};

/// A deposit as every method writes it: `{"depositor": "<SS58>", "amount": "<decimal>"}`.
pub type DepositJson = Deposit<AccountId, Balance>;

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
	serde_json_helpers::to_hex(bytes)
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

/// A department, as `city_department` returns it: its id and its record.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DepartmentJson {
	/// The department's id.
	pub(crate) id: DepartmentId,
	/// Name, prefix, status, registration block and member counts.
	#[serde(flatten)]
	pub(crate) info: DepartmentInfoOf<Runtime>,
}

/// An account's place in a department.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MemberJson {
	pub(crate) account: String,
	pub(crate) department: DepartmentId,
	/// `"Admin"`, `"Steward"` or `"Operator"`.
	pub(crate) role: Role,
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
	pub(crate) classification: Classification,
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
			classification: asset.classification,
			metadata_hash: asset.metadata_hash.map(Into::into),
			tags: asset.tags.iter().map(|tag| text(tag)).collect(),
			latest_version: asset.latest_version,
			registered_at: asset.registered_at,
			active: asset.retired_at.is_none(),
			retired_at: asset.retired_at,
			offered_to: asset.offered_to,
			deposit: asset.deposit,
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

/// A department's registration of a content hash: who registered it, and the version.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationJson {
	/// The department that registered it (the asset's owner then).
	pub(crate) department: DepartmentId,
	#[serde(flatten)]
	pub(crate) version: VersionJson,
}

/// A page of a content hash's registrations.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationPageJson {
	pub(crate) registrations: Vec<RegistrationJson>,
	/// Pass as `startAfter` for the next page; `null` after the last page.
	pub(crate) next_start_after: Option<DepartmentId>,
}

/// Whether a hash is what was registered for a version.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VerificationJson {
	pub(crate) asset: AssetId,
	pub(crate) version: AssetVersion,
	pub(crate) content: ContentJson,
	/// `"Match"` or `"Mismatch"`.
	pub(crate) result: Verification,
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
	pub(crate) reason: Option<DenialReason>,
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
				reason: Some(reason),
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
	pub(crate) scope: Scope,
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
			scope: grant.scope,
			granted_by: format_account(&grant.granted_by),
			source: if request.is_some() { "Request" } else { "Direct" }.to_owned(),
			request,
			granted_at: grant.granted_at,
			expires_at: grant.expires_at,
			max_uses: grant.max_uses,
			uses: grant.uses,
			last_access: grant.last_access,
			oversight_approved: grant.oversight_approved,
			deposit: grant.deposit,
		}
	}
}

/// An open access request: its id and the request.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RequestJson {
	/// The request's id.
	pub(crate) id: RequestId,
	/// Asset, departments, steward, purpose, scope, duration, approvals and deposit.
	#[serde(flatten)]
	pub(crate) request: RequestView,
}

/// A city code's record: its id, text and class code with the record.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CodeJson {
	/// The code's id.
	pub(crate) id: CodeId,
	/// The canonical text, e.g. `"BJ.TRF/BLD/000001-H"`.
	pub(crate) text: String,
	/// The object class's code, e.g. `"BLD"`: in the text, not in the record.
	pub(crate) class_code: String,
	/// Issuer, class, serial, owner, name, place, attributes, parent, status, assets, deposit.
	#[serde(flatten)]
	pub(crate) record: CodeRecord<AccountId, Balance, BlockNumber, Vec<u8>, Vec<AssetId>>,
}

impl From<CodeView> for CodeJson {
	fn from(view: CodeView) -> Self {
		Self {
			id: view.id,
			class_code: CityCode::parse(&view.text)
				.map(|code| code.class.as_str().to_owned())
				.unwrap_or_default(),
			text: text(&view.text),
			record: view.record,
		}
	}
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use crate::params::parse_content;
	use pallet_access_grants::OwnerApproval;
	use pallet_city_codes::{CodeEntry, CodeStatus, Location};
	use pallet_data_assets::HashAlgorithm;
	use pallet_departments::DepartmentStatus;

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

	/// The whole JSON of a code, so a derive in the pallet cannot add, drop or rename a key.
	#[test]
	fn codes_serialize_exactly() {
		let mut code = retired_code();
		let alice = AccountId::from([1; 32]);
		code.record.location = Some(Location { latitude: 39_904_200, longitude: -116_407_400 });
		code.record.deposit = Some(Deposit { depositor: alice.clone(), amount: u128::MAX });
		assert_eq!(
			serde_json::to_value(CodeJson::from(code)).unwrap(),
			serde_json::json!({
				"id": 0, "text": "BJ.TRF/BLD/000001-H", "classCode": "BLD", "issuer": 0, "class": 1,
				"serial": 1, "owner": 0, "name": "Traffic Control Centre",
				"location": { "latitude": 39904200, "longitude": -116407400 },
				"attributes": format!("0x{}", "07".repeat(32)), "parent": null, "depth": 0,
				"status": "Retired", "assets": [1], "transferTo": null,
				"deposit": { "depositor": format_account(&alice), "amount": u128::MAX.to_string() },
				"issuedAt": 0
			})
		);
		let entry =
			CodeEntry { id: 3, text: b"BJ.TRF/DEV/000002-K".to_vec(), status: CodeStatus::Active };
		assert_eq!(
			serde_json::to_value(entry).unwrap(),
			serde_json::json!({ "id": 3, "text": "BJ.TRF/DEV/000002-K", "status": "Active" })
		);
	}

	#[test]
	fn requests_serialize_exactly() {
		let bob = AccountId::from([2; 32]);
		let request = RequestView {
			asset: 4,
			requester: 1,
			owner: 0,
			transfers: 2,
			requested_by: bob.clone(),
			purpose: b"Air quality study".to_vec(),
			scope: Scope::Query,
			duration: 100,
			requested_at: 7,
			owner_approval: Some(OwnerApproval { by: bob.clone(), duration: 50, max_uses: None }),
			oversight_required: true,
			oversight_approved: false,
			deposit: None,
		};
		assert_eq!(
			serde_json::to_value(RequestJson { id: 9, request }).unwrap(),
			serde_json::json!({
				"id": 9, "asset": 4, "requester": 1, "owner": 0,
				"requestedBy": format_account(&bob), "purpose": "Air quality study",
				"scope": "Query", "duration": 100, "requestedAt": 7,
				"ownerApproval": { "by": format_account(&bob), "duration": 50, "maxUses": null },
				"oversightApproved": false, "deposit": null
			})
		);
	}

	#[test]
	fn departments_serialize_exactly() {
		let info = DepartmentInfoOf::<Runtime> {
			name: b"Transport".to_vec().try_into().unwrap(),
			prefix: b"TRF".to_vec().try_into().unwrap(),
			status: DepartmentStatus::Suspended,
			registered_at: 0,
			member_count: 3,
			admin_count: 1,
		};
		assert_eq!(
			serde_json::to_value(DepartmentJson { id: 0, info }).unwrap(),
			serde_json::json!({
				"id": 0, "name": "Transport", "prefix": "TRF", "status": "Suspended",
				"registeredAt": 0, "memberCount": 3, "adminCount": 1
			})
		);
	}
}

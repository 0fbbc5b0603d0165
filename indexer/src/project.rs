//! From a decoded block to the rows that record it. Pure: no database and no node here, so
//! every rule is unit-tested.
//!
//! Two sources, each for what it is good at:
//! - **Events** say what happened, in order: they give the history (`events`, `changes`), the
//!   access receipts, memberships, validators, code links, and the status of requests and
//!   grants (whose records the chain deletes once they end).
//! - **The chain's view** at the block (its runtime APIs' answers, see `chain::Views`) gives the
//!   current fields of each object an event touched, so a row always equals what the chain
//!   itself says, whatever the event carried.

use crate::{
	chain::{Block, Views},
	db::{search_rows, Backend, Write},
	value::field,
	write_sql,
};
use serde_json::Value as Json;
use std::collections::{BTreeSet, HashMap};
use subxt::utils::AccountId32;

/// The most codes one `CodesIssued` event is taken to name (the runtime's batch limit is far
/// lower): a bound on the work a single event can cause.
const MAX_CODES_PER_EVENT: u64 = 10_000;

/// The city objects a block's events touched, whose views the indexer reads at that block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
	pub departments: BTreeSet<u32>,
	pub assets: BTreeSet<u64>,
	pub versions: BTreeSet<(u64, u32)>,
	pub requests: BTreeSet<u64>,
	pub grants: BTreeSet<u64>,
	pub codes: BTreeSet<u64>,
}

/// One object an event touched, for the `changes` table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Object {
	Department(u32),
	Asset(u64),
	Version(u64, u32),
	Request(u64),
	Grant(u64),
	Code(u64),
}

impl Object {
	fn kind(&self) -> &'static str {
		match self {
			Object::Department(_) => "department",
			Object::Asset(_) | Object::Version(..) => "asset",
			Object::Request(_) => "request",
			Object::Grant(_) => "grant",
			Object::Code(_) => "code",
		}
	}
	fn entity(&self) -> String {
		match self {
			Object::Department(id) => id.to_string(),
			Object::Asset(id) | Object::Version(id, _) => id.to_string(),
			Object::Request(id) | Object::Grant(id) | Object::Code(id) => id.to_string(),
		}
	}
}

/// The objects one event touched.
fn objects(event: &crate::chain::Event) -> Vec<Object> {
	let fields = &event.fields;
	let number = |name: &str| field(fields, name).and_then(Json::as_u64);
	let mut objects = Vec::new();
	match event.pallet.as_str() {
		"Departments" => {
			objects.extend(number("department").map(|d| Object::Department(d as u32)));
			objects.extend(number("successor").map(|d| Object::Department(d as u32)));
		},
		"DataAssets" => {
			if let Some(asset) = number("asset") {
				objects.push(Object::Asset(asset));
				match event.name.as_str() {
					"AssetRegistered" => objects.push(Object::Version(asset, 1)),
					"VersionAdded" => {
						objects.extend(number("version").map(|v| Object::Version(asset, v as u32)))
					},
					_ => {},
				}
			}
		},
		"AccessGrants" => {
			objects.extend(number("request").map(Object::Request));
			objects.extend(number("grant").map(Object::Grant));
			if let Some(subject) = field(fields, "subject") {
				objects
					.extend(field(subject, "Request").and_then(Json::as_u64).map(Object::Request));
				objects.extend(field(subject, "Grant").and_then(Json::as_u64).map(Object::Grant));
			}
		},
		"CityCodes" => {
			objects.extend(number("code").map(Object::Code));
			if let (Some(first), Some(count)) = (number("first_code"), number("count")) {
				let count = count.min(MAX_CODES_PER_EVENT);
				objects.extend((first..first.saturating_add(count)).map(Object::Code));
			}
			objects.extend(number("asset").map(Object::Asset));
		},
		_ => {},
	}
	objects
}

impl Touched {
	/// What `events` touched.
	pub fn by(events: &[crate::chain::Event]) -> Touched {
		let mut touched = Touched::default();
		for object in events.iter().flat_map(objects) {
			match object {
				Object::Department(id) => touched.departments.insert(id),
				Object::Asset(id) => touched.assets.insert(id),
				Object::Version(asset, version) => touched.versions.insert((asset, version)),
				Object::Request(id) => touched.requests.insert(id),
				Object::Grant(id) => touched.grants.insert(id),
				Object::Code(id) => touched.codes.insert(id),
			};
		}
		touched
	}
}

/// Every row block `block` adds or changes, in the order they are written (one transaction).
pub fn rows(backend: Backend, block: &Block) -> Vec<Write> {
	let n = block.number;
	let mut writes = vec![write_sql!(
		"INSERT INTO blocks (number, hash, parent, time_ms, spec_version, extrinsic_count, event_count) \
		 VALUES ($1, $2, $3, $4, $5, $6, $7)",
		n,
		block.hash.as_str(),
		block.parent.as_str(),
		block.time_ms,
		block.spec_version,
		block.extrinsics.len() as u64,
		block.events.len() as u64,
	)];
	for extrinsic in &block.extrinsics {
		writes.push(write_sql!(
			"INSERT INTO extrinsics (block, idx, hash, pallet, call_name, signer, success, error) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
			n,
			extrinsic.index,
			extrinsic.hash.as_str(),
			extrinsic.pallet.as_str(),
			extrinsic.call.as_str(),
			extrinsic.signer.clone(),
			extrinsic.success,
			extrinsic.error.clone(),
		));
	}
	// The extrinsic of the last event that touched each object, for `changed_extrinsic`.
	let mut last_extrinsic = HashMap::new();
	for event in &block.events {
		writes.push(write_sql!(
			"INSERT INTO events (block, idx, extrinsic, pallet, name, fields) VALUES ($1, $2, $3, $4, $5, $6)",
			n,
			event.index,
			event.extrinsic,
			event.pallet.as_str(),
			event.name.as_str(),
			event.fields.to_string(),
		));
		let mut seen = Vec::new();
		for object in objects(event) {
			last_extrinsic.insert(object, event.extrinsic);
			let key = (object.kind(), object.entity());
			if seen.contains(&key) {
				continue;
			}
			writes.push(write_sql!(
				"INSERT INTO changes (kind, entity, block, event) VALUES ($1, $2, $3, $4)",
				key.0,
				key.1.clone(),
				n,
				event.index,
			));
			seen.push(key);
		}
		writes.extend(event_rows(n, event));
	}
	writes.extend(view_rows(backend, n, &block.views, &last_extrinsic, n == 0));
	writes
}

/// The rows of the whole city as the chain's views at block `n` describe it (`chain::city`):
/// what the consistency check compares the index with.
pub fn city_rows(backend: Backend, n: u64, views: &Views) -> Vec<Write> {
	view_rows(backend, n, views, &HashMap::new(), true)
}

/// What one event itself records.
fn event_rows(n: u64, event: &crate::chain::Event) -> Vec<Write> {
	let fields = &event.fields;
	let number = |name: &str| field(fields, name).and_then(Json::as_u64);
	let text = |name: &str| field(fields, name).map(json_text).unwrap_or_default();
	let account = |name: &str| field(fields, name).and_then(ss58);
	let x = event.extrinsic;
	let mut writes = Vec::new();
	match (event.pallet.as_str(), event.name.as_str()) {
		("Departments", "MemberAdded") => writes.push(write_sql!(
			"INSERT INTO members (department, account, role, changed_block, changed_extrinsic) \
			 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (department, account) DO UPDATE SET \
			 role = excluded.role, changed_block = excluded.changed_block, \
			 changed_extrinsic = excluded.changed_extrinsic",
			number("department"),
			account("who"),
			text("role"),
			n,
			x,
		)),
		("Departments", "MemberRoleChanged") => writes.push(write_sql!(
			"UPDATE members SET role = $1, changed_block = $2, changed_extrinsic = $3 \
			 WHERE department = $4 AND account = $5",
			text("new_role"),
			n,
			x,
			number("department"),
			account("who"),
		)),
		("Departments", "MemberRemoved" | "MemberLeft") => writes.push(write_sql!(
			"DELETE FROM members WHERE department = $1 AND account = $2",
			number("department"),
			account("who"),
		)),
		("AccessGrants", "RequestOpened") => writes.push(write_sql!(
			"INSERT INTO requests (id, asset, requester, owner, status, details, created_block, \
			 changed_block, changed_extrinsic) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $6, $7) \
			 ON CONFLICT (id) DO NOTHING",
			number("request"),
			number("asset"),
			number("requester"),
			number("owner"),
			fields.to_string(),
			n,
			x,
		)),
		("AccessGrants", "RequestApproved") => {
			let awaiting = field(fields, "awaiting_oversight").and_then(Json::as_bool);
			let status = if awaiting == Some(true) { "awaiting_oversight" } else { "approved" };
			writes.push(request_status(number("request"), status, n, x));
		},
		("AccessGrants", "RequestRejected") => {
			writes.push(request_status(number("request"), "rejected", n, x))
		},
		("AccessGrants", "RequestCancelled") => {
			writes.push(request_status(number("request"), "cancelled", n, x))
		},
		("AccessGrants", "OwnerApprovalVoided") => {
			writes.push(request_status(number("request"), "pending", n, x))
		},
		("AccessGrants", "RequestPurged") => writes.push(write_sql!(
			"UPDATE requests SET removed_block = $1 WHERE id = $2",
			n,
			number("request"),
		)),
		("AccessGrants", "OversightApproved" | "OversightRejected") => {
			let subject = field(fields, "subject");
			let approved = event.name == "OversightApproved";
			if let Some(request) = subject.and_then(|s| field(s, "Request")).and_then(Json::as_u64)
			{
				let awaiting_owner = field(fields, "awaiting_owner").and_then(Json::as_bool);
				let status = match (approved, awaiting_owner) {
					(false, _) => "rejected",
					(true, Some(true)) => "awaiting_owner",
					(true, _) => "approved",
				};
				writes.push(request_status(Some(request), status, n, x));
			}
			if let Some(grant) = subject.and_then(|s| field(s, "Grant")).and_then(Json::as_u64) {
				let status = if approved { "active" } else { "rejected" };
				writes.push(grant_status(Some(grant), status, n, x));
			}
		},
		("AccessGrants", "GrantIssued") => {
			let pending = field(fields, "pending_oversight").and_then(Json::as_bool);
			let status = if pending == Some(true) { "pending_oversight" } else { "active" };
			writes.push(write_sql!(
				"INSERT INTO grants (id, asset, owner, grantee, status, expires_at, max_uses, uses, \
				 details, created_block, changed_block, changed_extrinsic) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9, $10) ON CONFLICT (id) DO NOTHING",
				number("grant"),
				number("asset"),
				number("owner"),
				number("grantee"),
				status,
				number("expires_at"),
				number("max_uses"),
				fields.to_string(),
				n,
				x,
			));
		},
		("AccessGrants", "GrantRevoked") => {
			writes.push(grant_status(number("grant"), "revoked", n, x))
		},
		("AccessGrants", "GrantRenounced") => {
			writes.push(grant_status(number("grant"), "renounced", n, x))
		},
		("AccessGrants", "GrantPurged") => writes.push(write_sql!(
			"UPDATE grants SET removed_block = $1 WHERE id = $2",
			n,
			number("grant"),
		)),
		("AccessGrants", kind @ ("AccessServed" | "AccessRecorded" | "ServedAccessNotCounted")) => {
			let (consumer, recorded_by) = if kind == "AccessRecorded" {
				(account("who"), account("who"))
			} else {
				(account("consumer"), account("recorded_by"))
			};
			let kind = match kind {
				"AccessServed" => "served",
				"AccessRecorded" => "recorded",
				_ => "not_counted",
			};
			writes.push(write_sql!(
				"INSERT INTO receipts (block, event, extrinsic, kind, grant_id, asset, grantee, \
				 consumer, recorded_by, receipt, use_count, reason) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
				n,
				event.index,
				x,
				kind,
				number("grant"),
				number("asset"),
				number("grantee"),
				consumer,
				recorded_by,
				field(fields, "receipt").map(Json::to_string),
				number("use_count"),
				field(fields, "reason").map(json_text),
			));
		},
		("CityCodes", "AssetLinked") => writes.push(write_sql!(
			"INSERT INTO code_assets (code, asset) VALUES ($1, $2) ON CONFLICT DO NOTHING",
			number("code"),
			number("asset"),
		)),
		("CityCodes", "AssetUnlinked") => writes.push(write_sql!(
			"DELETE FROM code_assets WHERE code = $1 AND asset = $2",
			number("code"),
			number("asset"),
		)),
		("ValidatorSet", "ValidatorAdded") => writes.push(write_sql!(
			"INSERT INTO validators (account, department, active, changed_block, changed_extrinsic) \
			 VALUES ($1, $2, 1, $3, $4) ON CONFLICT (account) DO UPDATE SET \
			 department = excluded.department, active = 1, \
			 changed_block = excluded.changed_block, changed_extrinsic = excluded.changed_extrinsic",
			account("who"),
			number("department"),
			n,
			x,
		)),
		("ValidatorSet", "ValidatorRemoved") => writes.push(write_sql!(
			"UPDATE validators SET active = 0, changed_block = $1, changed_extrinsic = $2 \
			 WHERE account = $3",
			n,
			x,
			account("who"),
		)),
		("ValidatorSet", "ValidatorDepartmentChanged") => writes.push(write_sql!(
			"UPDATE validators SET department = $1, changed_block = $2, changed_extrinsic = $3 \
			 WHERE account = $4",
			number("new_department"),
			n,
			x,
			account("who"),
		)),
		_ => {},
	}
	writes
}

fn request_status(request: Option<u64>, status: &str, n: u64, x: Option<u32>) -> Write {
	write_sql!(
		"UPDATE requests SET status = $1, changed_block = $2, changed_extrinsic = $3 WHERE id = $4",
		status,
		n,
		x,
		request,
	)
}

fn grant_status(grant: Option<u64>, status: &str, n: u64, x: Option<u32>) -> Write {
	write_sql!(
		"UPDATE grants SET status = $1, changed_block = $2, changed_extrinsic = $3 WHERE id = $4",
		status,
		n,
		x,
		grant,
	)
}

/// Rows from the chain's view of each touched object. For the `whole_city` (block 0's, or the
/// consistency check's) views alone say everything: no event names an asset's current version
/// or a code's links there.
fn view_rows(
	backend: Backend,
	n: u64,
	views: &Views,
	last_extrinsic: &HashMap<Object, Option<u32>>,
	whole_city: bool,
) -> Vec<Write> {
	let changed_by = |object: Object| last_extrinsic.get(&object).copied().flatten();
	let mut writes = Vec::new();
	for (&id, info) in &views.departments {
		let Some(info) = info else { continue };
		let x = changed_by(Object::Department(id));
		writes.push(write_sql!(
			"INSERT INTO departments (id, name, prefix, status, details, created_block, \
			 changed_block, changed_extrinsic) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) \
			 ON CONFLICT (id) DO UPDATE SET name = excluded.name, prefix = excluded.prefix, \
			 status = excluded.status, details = excluded.details, \
			 changed_block = excluded.changed_block, changed_extrinsic = excluded.changed_extrinsic",
			id,
			field(info, "name").map(json_text),
			field(info, "prefix").map(json_text),
			field(info, "status").map(json_text),
			info.to_string(),
			n,
			x,
		));
		if let Some(members) = views.members.get(&id) {
			for member in members.as_array().into_iter().flatten() {
				writes.push(write_sql!(
					"INSERT INTO members (department, account, role, changed_block) \
					 VALUES ($1, $2, $3, $4) ON CONFLICT (department, account) DO NOTHING",
					id,
					member.get(0).and_then(ss58),
					member.get(1).map(json_text),
					n,
				));
			}
		}
	}
	for (&id, details) in &views.assets {
		let Some(details) = details else { continue };
		let Some(asset) = field(details, "asset") else { continue };
		let x = changed_by(Object::Asset(id));
		let title = field(asset, "name").map(json_text).unwrap_or_default();
		let media = field(asset, "media_type").map(json_text).unwrap_or_default();
		let tags = match field(asset, "tags") {
			Some(Json::Array(tags)) => tags.iter().map(json_text).collect::<Vec<_>>().join(" "),
			// One tag of 32 bytes reads as a newtype (see `value`).
			Some(tag @ Json::String(_)) => json_text(tag),
			_ => String::new(),
		};
		let retired = field(asset, "retired_at").is_some_and(|r| !r.is_null());
		writes.push(write_sql!(
			"INSERT INTO assets (id, owner, title, media_type, tags, classification, status, \
			 latest_version, details, created_block, changed_block, changed_extrinsic) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) \
			 ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, title = excluded.title, \
			 media_type = excluded.media_type, tags = excluded.tags, \
			 classification = excluded.classification, status = excluded.status, \
			 latest_version = excluded.latest_version, details = excluded.details, \
			 changed_block = excluded.changed_block, changed_extrinsic = excluded.changed_extrinsic",
			id,
			field(asset, "owner").and_then(Json::as_u64),
			title.as_str(),
			media.as_str(),
			tags.as_str(),
			field(asset, "classification").map(json_text),
			if retired { "retired" } else { "active" },
			field(asset, "latest_version").and_then(Json::as_u64),
			details.to_string(),
			n,
			x,
		));
		writes.extend(search_rows(backend, id, &title, &tags, &media));
		// For the whole city no event names the current version: it comes with the asset.
		if whole_city {
			if let (Some(version), Some(current)) =
				(field(asset, "latest_version").and_then(Json::as_u64), field(details, "current"))
			{
				writes.push(version_row(id, version, current, n, None));
			}
		}
	}
	for (&(asset, version), record) in &views.versions {
		let Some(record) = record else { continue };
		let x = changed_by(Object::Version(asset, version));
		writes.push(version_row(asset, u64::from(version), record, n, x));
	}
	for (&id, view) in &views.grants {
		let Some(view) = view else { continue };
		let x = changed_by(Object::Grant(id));
		let pending = field(view, "oversight_required").and_then(Json::as_bool) == Some(true)
			&& field(view, "oversight_approved").and_then(Json::as_bool) != Some(true);
		writes.push(write_sql!(
			"INSERT INTO grants (id, asset, owner, grantee, status, expires_at, max_uses, uses, \
			 details, created_block, changed_block, changed_extrinsic) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) \
			 ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, \
			 max_uses = excluded.max_uses, uses = excluded.uses, details = excluded.details, \
			 changed_block = excluded.changed_block, changed_extrinsic = excluded.changed_extrinsic",
			id,
			field(view, "asset").and_then(Json::as_u64),
			field(view, "owner").and_then(Json::as_u64),
			field(view, "grantee").and_then(Json::as_u64),
			if pending { "pending_oversight" } else { "active" },
			field(view, "expires_at").and_then(Json::as_u64),
			field(view, "max_uses").and_then(Json::as_u64),
			field(view, "uses").and_then(Json::as_u64),
			view.to_string(),
			n,
			x,
		));
	}
	for (&id, view) in &views.codes {
		let Some(view) = view else { continue };
		let Some(record) = field(view, "record") else { continue };
		let x = changed_by(Object::Code(id));
		writes.push(write_sql!(
			"INSERT INTO codes (id, code_text, owner, issuer, class, serial, parent, status, details, \
			 created_block, changed_block, changed_extrinsic) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) \
			 ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, parent = excluded.parent, \
			 status = excluded.status, details = excluded.details, \
			 changed_block = excluded.changed_block, changed_extrinsic = excluded.changed_extrinsic",
			id,
			field(view, "text").map(json_text),
			field(record, "owner").and_then(Json::as_u64),
			field(record, "issuer").and_then(Json::as_u64),
			field(record, "class").and_then(Json::as_u64),
			field(record, "serial").and_then(Json::as_u64),
			field(record, "parent").and_then(Json::as_u64),
			field(record, "status").map(json_text),
			view.to_string(),
			n,
			x,
		));
		if whole_city {
			for asset in field(record, "assets").map(crate::value::numbers).unwrap_or_default() {
				writes.push(write_sql!(
					"INSERT INTO code_assets (code, asset) VALUES ($1, $2) ON CONFLICT DO NOTHING",
					id,
					asset,
				));
			}
		}
	}
	writes
}

fn version_row(asset: u64, version: u64, record: &Json, n: u64, x: Option<u32>) -> Write {
	write_sql!(
		"INSERT INTO asset_versions (asset, version, content, size, registered_by, block, extrinsic) \
		 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (asset, version) DO NOTHING",
		asset,
		version,
		field(record, "content").map(content_text),
		field(record, "size").and_then(Json::as_u64),
		field(record, "registered_by").and_then(ss58),
		n,
		x,
	)
}

/// A content hash as `city-cli` prints it: `blake2-256:0x…`.
fn content_text(hash: &Json) -> String {
	let algorithm = match field(hash, "algorithm").and_then(Json::as_str) {
		Some("Blake2_256") => "blake2-256",
		Some("Sha2_256") => "sha2-256",
		Some(other) => other,
		None => "unknown",
	};
	let digest = field(hash, "digest").and_then(Json::as_str).unwrap_or_default();
	format!("{algorithm}:{digest}")
}

/// An account (`0x` and 32 bytes) as its SS58 address.
fn ss58(value: &Json) -> Option<String> {
	let bytes = hex::decode(value.as_str()?.strip_prefix("0x")?).ok()?;
	Some(AccountId32(<[u8; 32]>::try_from(bytes).ok()?).to_string())
}

/// Bytes shown as text (`0x…` hex of UTF-8), a unit variant's name, or the JSON itself.
/// A newtype around bytes (a department's name) reads as a list of one: its one item.
pub fn json_text(value: &Json) -> String {
	match value {
		Json::String(s) => hex_text(s).unwrap_or_else(|| s.clone()),
		Json::Array(items) if items.len() == 1 && items[0].is_string() => json_text(&items[0]),
		other => other.to_string(),
	}
}

/// The UTF-8 text of `0x…` hex, if it is that.
pub fn hex_text(hex_or_text: &str) -> Option<String> {
	let bytes = hex::decode(hex_or_text.strip_prefix("0x")?).ok()?;
	String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::chain::Event;
	use serde_json::json;

	fn event(pallet: &str, name: &str, fields: Json) -> Event {
		Event { index: 0, extrinsic: Some(1), pallet: pallet.into(), name: name.into(), fields }
	}

	#[test]
	fn events_name_the_objects_they_touch() {
		let events = [
			event("DataAssets", "AssetRegistered", json!({ "asset": 4, "owner": 1 })),
			event("DataAssets", "VersionAdded", json!({ "asset": 4, "version": 2 })),
			event("AccessGrants", "OversightApproved", json!({ "subject": { "Grant": 9 } })),
			event("AccessGrants", "RequestApproved", json!({ "request": 3 })),
			event("CityCodes", "CodesIssued", json!({ "first_code": 10, "count": 3 })),
			event("CityCodes", "AssetLinked", json!({ "code": 2, "asset": 5 })),
			event(
				"Departments",
				"DepartmentDissolving",
				json!({ "department": 2, "successor": 0 }),
			),
			event("Balances", "Transfer", json!({ "amount": 1 })),
		];
		let touched = Touched::by(&events);
		assert_eq!(touched.assets, BTreeSet::from([4, 5]));
		assert_eq!(touched.versions, BTreeSet::from([(4, 1), (4, 2)]));
		assert_eq!(touched.grants, BTreeSet::from([9]));
		assert_eq!(touched.requests, BTreeSet::from([3]));
		assert_eq!(touched.codes, BTreeSet::from([2, 10, 11, 12]));
		assert_eq!(touched.departments, BTreeSet::from([0, 2]));
	}

	#[test]
	fn a_huge_batch_is_bounded() {
		let events =
			[event("CityCodes", "CodesIssued", json!({ "first_code": 0, "count": u64::MAX }))];
		assert_eq!(Touched::by(&events).codes.len() as u64, MAX_CODES_PER_EVENT);
	}

	#[test]
	fn texts_accounts_and_hashes_read_as_people_write_them() {
		assert_eq!(json_text(&json!("0x4275732073746f7073")), "Bus stops");
		assert_eq!(json_text(&json!("Internal")), "Internal");
		assert_eq!(json_text(&json!(["0x4865616c7468"])), "Health", "a newtype around bytes");
		assert_eq!(json_text(&json!({ "Dissolving": 3 })), r#"{"Dissolving":3}"#);
		let alice = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(
			ss58(&json!(alice)).as_deref(),
			Some("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
		);
		assert_eq!(ss58(&json!("0x01")), None);
		let hash = json!({ "algorithm": "Sha2_256", "digest": "0xab" });
		assert_eq!(content_text(&hash), "sha2-256:0xab");
	}

	#[test]
	fn a_grant_revoked_in_the_block_it_was_issued_keeps_its_row_and_ends_revoked() {
		let events = [
			event(
				"AccessGrants",
				"GrantIssued",
				json!({ "grant": 7, "asset": 1, "owner": 0, "grantee": 1, "expires_at": 100,
					"max_uses": null, "pending_oversight": false }),
			),
			event("AccessGrants", "GrantRevoked", json!({ "grant": 7 })),
		];
		let block = Block {
			number: 5,
			hash: "0x05".into(),
			parent: "0x04".into(),
			spec_version: 1,
			time_ms: Some(30_000),
			extrinsics: Vec::new(),
			events: events.to_vec(),
			views: Views::default(),
		};
		let writes = rows(Backend::Sqlite, &block);
		let sql: Vec<&str> =
			writes.iter().map(|w| w.sql.split_whitespace().next().unwrap_or("")).collect();
		let issued = writes.iter().position(|w| w.sql.starts_with("INSERT INTO grants")).unwrap();
		let revoked = writes
			.iter()
			.position(|w| {
				w.sql.starts_with("UPDATE grants SET status") && w.args[0] == "revoked".into()
			})
			.unwrap();
		assert!(issued < revoked, "{sql:?}");
		assert_eq!(
			writes.iter().filter(|w| w.sql.starts_with("INSERT INTO changes")).count(),
			2,
			"both events are in the grant's history"
		);
	}
}

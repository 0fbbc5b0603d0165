//! The consistency check (`city-indexer check`): the index's current city — departments and
//! members, assets and their latest versions, live grants, codes and their links — against the
//! chain's runtime APIs at the same block, the last one indexed.
//!
//! The chain's answers become rows in an in-memory database with the index's own schema, by
//! the same projection the indexer writes with; then one set of queries reads both sides and
//! every row that differs is reported. Whatever the index got from events (a status, a member,
//! a link, a grant that ended) is thereby checked against what the chain holds now.

use crate::{
	chain::Chain,
	db::{Db, Sql},
	error::{Error, Kind, Result},
	project,
};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

/// What is compared: a name, the key columns, and the query, the same on both sides.
const COMPARED: &[(&str, &[&str], &str)] = &[
	("departments", &["id"], "SELECT id, name, prefix, status FROM departments ORDER BY id"),
	(
		"members",
		&["department", "account"],
		"SELECT department, account, role FROM members ORDER BY department, account",
	),
	(
		"assets",
		&["id"],
		"SELECT id, owner, title, media_type, tags, classification, status, latest_version \
		 FROM assets ORDER BY id",
	),
	(
		"latest versions",
		&["asset"],
		"SELECT v.asset, v.version, v.content, v.size, v.registered_by FROM asset_versions v \
		 JOIN assets a ON a.id = v.asset AND a.latest_version = v.version ORDER BY v.asset",
	),
	// The chain keeps a grant until it is revoked, renounced, rejected or purged.
	(
		"grants",
		&["id"],
		"SELECT id, asset, owner, grantee, status, expires_at, max_uses, uses FROM grants \
		 WHERE removed_block IS NULL AND status IN ('active', 'pending_oversight') ORDER BY id",
	),
	(
		"codes",
		&["id"],
		"SELECT id, code_text, owner, issuer, class, serial, parent, status FROM codes ORDER BY id",
	),
	("code links", &["code", "asset"], "SELECT code, asset FROM code_assets ORDER BY code, asset"),
];

/// One row that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
	pub table: &'static str,
	/// The key columns' values.
	pub key: Json,
	/// `missing from the index`, `not on the chain`, or the differing column's name.
	pub what: String,
	pub chain: Json,
	pub index: Json,
}

/// The check's outcome.
#[derive(Clone, Debug)]
pub struct Report {
	pub block: u64,
	pub hash: String,
	/// Rows compared, per table (the chain's side).
	pub compared: Vec<(&'static str, usize)>,
	pub differences: Vec<Difference>,
}

impl Report {
	pub fn json(&self) -> Json {
		let compared: Map<String, Json> =
			self.compared.iter().map(|(table, n)| ((*table).to_owned(), json!(n))).collect();
		let differences: Vec<Json> = self
			.differences
			.iter()
			.map(|d| {
				json!({ "table": d.table, "key": d.key, "what": d.what,
					"chain": d.chain, "index": d.index })
			})
			.collect();
		json!({
			"block": self.block,
			"hash": self.hash,
			"compared": compared,
			"differences": differences,
		})
	}
}

/// Compares the index with the chain at the last indexed block. Refuses (`Diverged`) when the
/// node's block at that height is another one, and when nothing is indexed yet.
pub async fn check(chain: &Chain, db: &Db) -> Result<Report> {
	let queries: Vec<Sql> = COMPARED.iter().map(|(_, _, sql)| Sql::new(sql)).collect();
	let (last, indexed) = db.snapshot(&queries).await?;
	let last = last.ok_or_else(|| Error::usage("nothing is indexed yet: run follow first"))?;
	let (hash, views) = chain.city(last.number).await?;
	if hash != last.hash {
		return Err(Error::new(
			Kind::Diverged,
			format!(
				"the index's block {} is {}, the node's is {hash}: not the same chain",
				last.number, last.hash
			),
		));
	}
	let on_chain = Db::open("sqlite::memory:").await?;
	on_chain.write(&project::city_rows(on_chain.backend, last.number, &views)).await?;
	let (_, chain_rows) = on_chain.snapshot(&queries).await?;
	let mut report =
		Report { block: last.number, hash, compared: Vec::new(), differences: Vec::new() };
	for (((table, key, _), chain_rows), index_rows) in COMPARED.iter().zip(chain_rows).zip(indexed)
	{
		report.compared.push((*table, chain_rows.len()));
		report.differences.extend(differences(table, key, &chain_rows, &index_rows));
	}
	Ok(report)
}

/// The rows of `chain` and `index` (objects, the `key` columns their key) that differ.
pub fn differences(
	table: &'static str,
	key: &[&str],
	chain: &[Json],
	index: &[Json],
) -> Vec<Difference> {
	let keyed = |rows: &[Json]| -> BTreeMap<String, (Json, Map<String, Json>)> {
		rows.iter()
			.filter_map(|row| row.as_object())
			.map(|row| {
				let key: Vec<Json> = key
					.iter()
					.map(|column| row.get(*column).cloned().unwrap_or_default())
					.collect();
				(Json::Array(key.clone()).to_string(), (Json::Array(key), row.clone()))
			})
			.collect()
	};
	let (chain, index) = (keyed(chain), keyed(index));
	let mut found = Vec::new();
	for (id, (key, on_chain)) in &chain {
		let Some((_, indexed)) = index.get(id) else {
			found.push(Difference {
				table,
				key: key.clone(),
				what: "missing from the index".into(),
				chain: Json::Object(on_chain.clone()),
				index: Json::Null,
			});
			continue;
		};
		for (column, value) in on_chain {
			let other = indexed.get(column).cloned().unwrap_or(Json::Null);
			if *value != other {
				found.push(Difference {
					table,
					key: key.clone(),
					what: column.clone(),
					chain: value.clone(),
					index: other,
				});
			}
		}
	}
	for (id, (key, indexed)) in &index {
		if !chain.contains_key(id) {
			found.push(Difference {
				table,
				key: key.clone(),
				what: "not on the chain".into(),
				chain: Json::Null,
				index: Json::Object(indexed.clone()),
			});
		}
	}
	found
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_kind_of_difference_is_reported_once() {
		let chain = [
			json!({ "id": 1, "owner": 0, "status": "active" }),
			json!({ "id": 2, "owner": 1, "status": "active" }),
			json!({ "id": 3, "owner": 1, "status": "retired" }),
		];
		let index = [
			json!({ "id": 1, "owner": 0, "status": "active" }),
			json!({ "id": 2, "owner": 3, "status": "active" }),
			json!({ "id": 4, "owner": 1, "status": "active" }),
		];
		let found = differences("assets", &["id"], &chain, &index);
		let what: Vec<(&str, Json)> =
			found.iter().map(|d| (d.what.as_str(), d.key.clone())).collect();
		assert_eq!(
			what,
			[
				("owner", json!([2])),
				("missing from the index", json!([3])),
				("not on the chain", json!([4]))
			]
		);
		assert_eq!((found[0].chain.clone(), found[0].index.clone()), (json!(1), json!(3)));
		assert!(differences("assets", &["id"], &chain, &chain).is_empty());
	}
}

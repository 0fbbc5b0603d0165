//! The read API over HTTP/JSON (`city-indexer serve`; `docs/indexer.md` lists every endpoint and
//! its answer). It reads the database only, never the node: every answer says up to which block
//! it is indexed (`indexed` in the body, the `city-indexed-block` header), and each answer's
//! statements run on one snapshot, so they agree with each other and with that block.

use crate::{
	db::{Arg, Db, Sql, Stored},
	error::{Error, Kind},
	search,
};
use axum::{
	extract::{rejection::QueryRejection, Path, Query, State},
	http::{HeaderValue, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Json as Body, Router,
};
use city_client::service::http::{api, refuse};
use serde::Deserialize;
use serde_json::{json, Value as Json};

/// The most events or receipts one page holds, and how many it holds when not told.
const MAX_EVENTS: u32 = 100;
const DEFAULT_EVENTS: u32 = 50;
const MAX_RECEIPTS: u32 = 1000;
const DEFAULT_RECEIPTS: u32 = 100;
const DEFAULT_SEARCH: u32 = 20;
const DAY_MS: i64 = 86_400_000;

pub fn router(db: Db) -> Router {
	let routes = Router::new()
		.route("/v1/health", get(health))
		.route("/v1/status", get(status))
		.route("/v1/assets", get(assets))
		.route("/v1/assets/:asset", get(asset))
		.route("/v1/assets/:asset/history", get(asset_history))
		.route("/v1/grants/:grant", get(grant))
		.route("/v1/departments/:department", get(department))
		.route("/v1/departments/:department/activity", get(department_activity))
		.route("/v1/codes/:code", get(code))
		.route("/v1/receipts", get(receipts))
		.with_state(db);
	api(routes)
}

type Answer = Result<Response, Response>;

/// `body` with the block it is indexed up to.
fn answer(last: Option<Stored>, mut body: Json) -> Response {
	let indexed = last.as_ref().map(|last| json!({ "block": last.number, "hash": last.hash }));
	if let Some(object) = body.as_object_mut() {
		object.insert("indexed".into(), indexed.unwrap_or(Json::Null));
	}
	let mut response = Body(body).into_response();
	if let Some(last) = last {
		if let Ok(value) = HeaderValue::from_str(&last.number.to_string()) {
			response.headers_mut().insert("city-indexed-block", value);
		}
	}
	response
}

/// The database's refusal as HTTP: its own fault a 503 (fail closed), a caller's a 400.
fn failed(e: Error) -> Response {
	match e.kind {
		Kind::Usage => refuse(StatusCode::BAD_REQUEST, "BadQuery", e.message),
		Kind::Database => {
			tracing::warn!(error = %e, "the database cannot answer");
			refuse(
				StatusCode::SERVICE_UNAVAILABLE,
				"DatabaseUnavailable",
				"the index cannot be read",
			)
		},
		_ => {
			tracing::error!(error = %e, "cannot answer");
			refuse(StatusCode::INTERNAL_SERVER_ERROR, "Internal", e.message)
		},
	}
}

fn bad_query(message: impl Into<String>) -> Response {
	refuse(StatusCode::BAD_REQUEST, "BadQuery", message)
}

fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, Response> {
	query.map(|Query(query)| query).map_err(|e| bad_query(e.body_text()))
}

fn id(text: &str, reason: &str, what: &str) -> Result<u64, Response> {
	text.parse()
		.map_err(|_| refuse(StatusCode::NOT_FOUND, reason, format!("`{text}` is not {what} id")))
}

fn unknown(reason: &str, message: String) -> Response {
	refuse(StatusCode::NOT_FOUND, reason, message)
}

async fn snapshot(db: &Db, queries: &[Sql]) -> Result<(Option<Stored>, Vec<Vec<Json>>), Response> {
	db.snapshot(queries).await.map_err(failed)
}

async fn health(State(db): State<Db>) -> Response {
	match db.last().await {
		Ok(last) => answer(last, json!({ "database": "ok" })),
		Err(e) => failed(e),
	}
}

async fn status(State(db): State<Db>) -> Answer {
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::new("SELECT genesis FROM chain WHERE id = 0"),
			Sql::new(
				"SELECT b.time_ms, b.spec_version FROM blocks b \
				 WHERE b.number = (SELECT MAX(number) FROM blocks)",
			),
			// The city's objects only: counting events or receipts would scan the largest
			// tables on every request.
			Sql::new(
				"SELECT (SELECT COUNT(*) FROM departments) AS departments, \
				 (SELECT COUNT(*) FROM assets) AS assets, \
				 (SELECT COUNT(*) FROM grants) AS grants, \
				 (SELECT COUNT(*) FROM codes) AS codes",
			),
		],
	)
	.await?;
	let first = |i: usize| rows[i].first().cloned().unwrap_or(Json::Null);
	let block = first(1);
	Ok(answer(
		last,
		json!({
			"genesis": first(0)["genesis"],
			"indexed_time_ms": block["time_ms"],
			"spec_version": block["spec_version"],
			"counts": first(2),
		}),
	))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
	#[serde(default, deserialize_with = "given")]
	q: Option<String>,
	#[serde(default, deserialize_with = "given")]
	department: Option<u64>,
	#[serde(default, deserialize_with = "given")]
	classification: Option<String>,
	#[serde(default, deserialize_with = "given")]
	status: Option<String>,
	#[serde(default, deserialize_with = "given")]
	tag: Option<String>,
	#[serde(default, deserialize_with = "given")]
	sort: Option<String>,
	#[serde(default, deserialize_with = "given")]
	limit: Option<u32>,
	#[serde(default, deserialize_with = "given")]
	offset: Option<u32>,
}

/// A query parameter's value: an empty one (`?department=&…`, what a form sends for a field left
/// blank) is one not given.
fn given<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
	D: serde::Deserializer<'de>,
	T: std::str::FromStr,
	T::Err: std::fmt::Display,
{
	let text: Option<String> = Option::deserialize(deserializer)?;
	match text.as_deref().map(str::trim) {
		None | Some("") => Ok(None),
		Some(text) => text.parse().map(Some).map_err(serde::de::Error::custom),
	}
}

/// A grant that lets its grantee read at the last indexed block: not ended by an event, not
/// expired, not used up.
const LIVE_GRANT: &str = "removed_block IS NULL AND status IN ('active', 'pending_oversight') \
	AND expires_at > (SELECT MAX(number) FROM blocks) AND (max_uses IS NULL OR uses < max_uses)";

const CLASSIFICATIONS: [&str; 4] = ["Public", "Internal", "Confidential", "Restricted"];

impl SearchParams {
	fn query(self) -> Result<search::Query, Response> {
		let classification = match self.classification {
			None => None,
			Some(text) => Some(
				CLASSIFICATIONS
					.iter()
					.find(|name| name.eq_ignore_ascii_case(&text))
					.map(|name| name.to_string())
					.ok_or_else(|| {
						bad_query(format!(
							"classification `{text}` is none of {}",
							CLASSIFICATIONS.join(", ")
						))
					})?,
			),
		};
		let status = match self.status.as_deref() {
			None => None,
			Some(status @ ("active" | "retired")) => Some(status.to_owned()),
			Some(other) => {
				return Err(bad_query(format!("status `{other}` is not active or retired")))
			},
		};
		let sort = match self.sort.as_deref() {
			None => search::Sort::default(),
			Some(text) => search::Sort::parse(text).ok_or_else(|| {
				bad_query(format!("sort `{text}` is not relevance, id, title or changed"))
			})?,
		};
		let limit = bounded(self.limit, DEFAULT_SEARCH, search::MAX_PAGE)?;
		let offset = self.offset.unwrap_or(0);
		if offset > search::MAX_OFFSET {
			return Err(bad_query(format!(
				"offset {offset} is past {}: narrow the search instead",
				search::MAX_OFFSET
			)));
		}
		Ok(search::Query {
			filters: search::Filters {
				text: self.q.filter(|q| !q.trim().is_empty()),
				department: self.department,
				classification,
				status,
				tag: self.tag.filter(|tag| !tag.is_empty()),
			},
			sort,
			limit,
			offset,
		})
	}
}

/// A page size: `default` when not given, refused above `max` or at zero.
fn bounded(limit: Option<u32>, default: u32, max: u32) -> Result<u32, Response> {
	match limit {
		None => Ok(default),
		Some(limit) if (1..=max).contains(&limit) => Ok(limit),
		Some(limit) => Err(bad_query(format!("limit {limit} is not between 1 and {max}"))),
	}
}

async fn assets(
	State(db): State<Db>,
	params: Result<Query<SearchParams>, QueryRejection>,
) -> Answer {
	let wanted = query(params)?.query()?;
	let Some(statements) = search::statements(db.backend, &wanted) else {
		// Text without a word to look for: nothing matches.
		let last = db.last().await.map_err(failed)?;
		return Ok(answer(
			last,
			json!({ "total": 0, "limit": wanted.limit, "offset": wanted.offset, "items": [],
				"facets": { "department": [], "classification": [], "status": [] } }),
		));
	};
	let (last, rows) = snapshot(&db, &statements).await?;
	let total = rows[0].first().and_then(|row| row["total"].as_u64()).unwrap_or(0);
	let mut facets = serde_json::Map::new();
	for (i, (facet, _)) in search::FACETS.iter().enumerate() {
		facets.insert((*facet).to_owned(), Json::Array(rows[2 + i].clone()));
	}
	Ok(answer(
		last,
		json!({
			"total": total,
			"limit": wanted.limit,
			"offset": wanted.offset,
			"items": rows[1],
			"facets": facets,
		}),
	))
}

async fn asset(State(db): State<Db>, Path(asset): Path<String>) -> Answer {
	let asset = id(&asset, "UnknownAsset", "an asset")?;
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::with(
				"SELECT a.id, a.owner, d.name AS owner_name, a.title, a.media_type, a.tags, \
				 a.classification, a.status, a.latest_version, a.details, a.created_block, \
				 a.changed_block, a.changed_extrinsic FROM assets a \
				 LEFT JOIN departments d ON d.id = a.owner WHERE a.id = $1",
				vec![asset.into()],
			),
			Sql::with(
				"SELECT v.version, v.content, v.size, v.registered_by, v.block, v.extrinsic, \
				 b.time_ms FROM asset_versions v JOIN blocks b ON b.number = v.block \
				 WHERE v.asset = $1 ORDER BY v.version",
				vec![asset.into()],
			),
			Sql::with(
				"SELECT c.id, c.code_text, c.status FROM code_assets l \
				 JOIN codes c ON c.id = l.code WHERE l.asset = $1 ORDER BY c.id",
				vec![asset.into()],
			),
		],
	)
	.await?;
	let Some(row) = rows[0].first() else {
		return Err(unknown("UnknownAsset", format!("no asset {asset} is indexed")));
	};
	Ok(answer(last, json!({ "asset": row, "versions": rows[1], "codes": rows[2] })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageParams {
	/// The `next` of the previous page: events before it.
	#[serde(default, deserialize_with = "given")]
	before: Option<String>,
	#[serde(default, deserialize_with = "given")]
	limit: Option<u32>,
}

/// Where a page of events starts: before event `event` of block `block` (newest first).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cursor {
	pub block: u64,
	pub event: u32,
}

impl Cursor {
	/// `BLOCK-EVENT`, as `next` gives it.
	pub fn parse(text: &str) -> Option<Cursor> {
		let (block, event) = text.split_once('-')?;
		Some(Cursor { block: block.parse().ok()?, event: event.parse().ok()? })
	}
	fn text(&self) -> String {
		format!("{}-{}", self.block, self.event)
	}
}

impl PageParams {
	fn read(self) -> Result<(Option<Cursor>, u32), Response> {
		let cursor = match self.before {
			None => None,
			Some(text) => Some(Cursor::parse(&text).ok_or_else(|| {
				bad_query(format!("before `{text}` is not BLOCK-EVENT (a page's `next`)"))
			})?),
		};
		Ok((cursor, bounded(self.limit, DEFAULT_EVENTS, MAX_EVENTS)?))
	}
}

/// A page of the events of objects that `condition` selects (over `changes c`), newest first,
/// with the block's time and the extrinsic (signer, call) that caused each.
fn events(condition: impl FnOnce(&mut Sql), before: Option<Cursor>, limit: u32) -> Sql {
	let mut sql = Sql::new(
		"SELECT DISTINCT c.block, c.event, b.time_ms, e.pallet, e.name, e.fields, e.extrinsic, \
		 x.signer, x.call_name, x.hash AS extrinsic_hash FROM changes c \
		 JOIN events e ON e.block = c.block AND e.idx = c.event \
		 JOIN blocks b ON b.number = c.block \
		 LEFT JOIN extrinsics x ON x.block = e.block AND x.idx = e.extrinsic WHERE (",
	);
	condition(&mut sql);
	sql.push(")");
	if let Some(cursor) = before {
		sql.push(" AND (c.block < ");
		sql.arg(cursor.block.into());
		sql.push(" OR (c.block = ");
		sql.arg(cursor.block.into());
		sql.push(" AND c.event < ");
		sql.arg(cursor.event.into());
		sql.push("))");
	}
	sql.push(" ORDER BY c.block DESC, c.event DESC LIMIT ");
	// One more than the page: whether there is a next page.
	sql.arg(limit.saturating_add(1).into());
	sql
}

/// The page of `rows` (asked with `limit + 1`) and the cursor of the next page.
fn page(mut rows: Vec<Json>, limit: u32) -> (Vec<Json>, Option<String>) {
	if rows.len() <= limit as usize {
		return (rows, None);
	}
	rows.truncate(limit as usize);
	let next = rows.last().and_then(|last| {
		let block = last["block"].as_u64()?;
		let event = u32::try_from(last["event"].as_u64()?).ok()?;
		Some(Cursor { block, event }.text())
	});
	(rows, next)
}

fn of(kind: &'static str, entity: String) -> impl FnOnce(&mut Sql) {
	move |sql: &mut Sql| {
		sql.push("c.kind = ");
		sql.arg(kind.into());
		sql.push(" AND c.entity = ");
		sql.arg(entity.into());
	}
}

async fn asset_history(
	State(db): State<Db>,
	Path(asset): Path<String>,
	params: Result<Query<PageParams>, QueryRejection>,
) -> Answer {
	let asset = id(&asset, "UnknownAsset", "an asset")?;
	let (before, limit) = query(params)?.read()?;
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::with("SELECT id FROM assets WHERE id = $1", vec![asset.into()]),
			events(of("asset", asset.to_string()), before, limit),
			Sql::with(
				"SELECT id, grantee, status, expires_at, max_uses, uses, created_block, \
				 changed_block, removed_block FROM grants WHERE asset = $1 \
				 ORDER BY id DESC LIMIT 100",
				vec![asset.into()],
			),
			Sql::with("SELECT COUNT(*) AS grants FROM grants WHERE asset = $1", vec![asset.into()]),
			receipts_per_day(asset),
		],
	)
	.await?;
	if rows[0].is_empty() {
		return Err(unknown("UnknownAsset", format!("no asset {asset} is indexed")));
	}
	let (events, next) = page(rows[1].clone(), limit);
	Ok(answer(
		last,
		json!({
			"asset": asset,
			"events": events,
			"next": next,
			"grants": rows[2],
			"grants_total": rows[3].first().map(|row| row["grants"].clone()),
			"receipts_per_day": days(&rows[4]),
		}),
	))
}

/// An asset's access receipts counted per day (UTC, by block time).
fn receipts_per_day(asset: u64) -> Sql {
	Sql::with(
		"SELECT b.time_ms / 86400000 AS day, COUNT(*) AS count FROM receipts r \
		 JOIN blocks b ON b.number = r.block WHERE r.asset = $1 AND b.time_ms IS NOT NULL \
		 GROUP BY b.time_ms / 86400000 ORDER BY b.time_ms / 86400000",
		vec![asset.into()],
	)
}

/// `{day: days since 1970, count}` rows as `{day: "YYYY-MM-DD", count}`.
fn days(rows: &[Json]) -> Vec<Json> {
	rows.iter()
		.filter_map(|row| {
			let day = row["day"].as_i64()?;
			Some(json!({ "day": date(day.saturating_mul(DAY_MS)), "count": row["count"] }))
		})
		.collect()
}

/// The UTC date of a Unix time in milliseconds, `YYYY-MM-DD` (H. Hinnant's `civil_from_days`).
pub fn date(ms: i64) -> String {
	let z = ms.div_euclid(DAY_MS) + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	format!("{year:04}-{month:02}-{day:02}")
}

async fn grant(
	State(db): State<Db>,
	Path(grant): Path<String>,
	params: Result<Query<PageParams>, QueryRejection>,
) -> Answer {
	let grant = id(&grant, "UnknownGrant", "a grant")?;
	let (before, limit) = query(params)?.read()?;
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::with("SELECT * FROM grants WHERE id = $1", vec![grant.into()]),
			events(of("grant", grant.to_string()), before, limit),
			Sql::with(
				"SELECT COUNT(*) AS receipts FROM receipts WHERE grant_id = $1",
				vec![grant.into()],
			),
		],
	)
	.await?;
	let Some(row) = rows[0].first() else {
		return Err(unknown("UnknownGrant", format!("no grant {grant} is indexed")));
	};
	let (events, next) = page(rows[1].clone(), limit);
	let receipts = rows[2].first().map(|row| row["receipts"].clone()).unwrap_or(Json::Null);
	Ok(answer(last, json!({ "grant": row, "receipts": receipts, "events": events, "next": next })))
}

async fn department(State(db): State<Db>, Path(department): Path<String>) -> Answer {
	let department = id(&department, "UnknownDepartment", "a department")?;
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::with("SELECT * FROM departments WHERE id = $1", vec![department.into()]),
			Sql::with(
				"SELECT account, role, changed_block FROM members WHERE department = $1 \
				 ORDER BY account",
				vec![department.into()],
			),
			Sql::with(
				"SELECT account, active, changed_block FROM validators WHERE department = $1 \
				 ORDER BY account",
				vec![department.into()],
			),
			Sql::with(
				&format!(
					"SELECT (SELECT COUNT(*) FROM assets WHERE owner = $1) AS assets, \
					 (SELECT COUNT(*) FROM codes WHERE owner = $2) AS codes, \
					 (SELECT COUNT(*) FROM grants WHERE owner = $3 AND {LIVE_GRANT}) AS grants_given, \
					 (SELECT COUNT(*) FROM grants WHERE grantee = $4 AND {LIVE_GRANT}) AS grants_held"
				),
				vec![department.into(), department.into(), department.into(), department.into()],
			),
		],
	)
	.await?;
	let Some(row) = rows[0].first() else {
		return Err(unknown("UnknownDepartment", format!("no department {department} is indexed")));
	};
	Ok(answer(
		last,
		json!({
			"department": row,
			"members": rows[1],
			"validators": rows[2],
			"counts": rows[3].first(),
		}),
	))
}

async fn department_activity(
	State(db): State<Db>,
	Path(department): Path<String>,
	params: Result<Query<PageParams>, QueryRejection>,
) -> Answer {
	let department = id(&department, "UnknownDepartment", "a department")?;
	let (before, limit) = query(params)?.read()?;
	// The department itself, what it owns now, and the requests and grants it is a party to.
	let activity = move |sql: &mut Sql| {
		let d = Arg::from(department);
		sql.push("(c.kind = 'department' AND c.entity = ");
		sql.arg(department.to_string().into());
		sql.push(") OR (c.kind = 'asset' AND c.entity IN (SELECT CAST(id AS TEXT) FROM assets WHERE owner = ");
		sql.arg(d.clone());
		sql.push(")) OR (c.kind = 'code' AND c.entity IN (SELECT CAST(id AS TEXT) FROM codes WHERE owner = ");
		sql.arg(d.clone());
		sql.push(")) OR (c.kind = 'grant' AND c.entity IN (SELECT CAST(id AS TEXT) FROM grants WHERE owner = ");
		sql.arg(d.clone());
		sql.push(" OR grantee = ");
		sql.arg(d.clone());
		sql.push(")) OR (c.kind = 'request' AND c.entity IN (SELECT CAST(id AS TEXT) FROM requests WHERE owner = ");
		sql.arg(d.clone());
		sql.push(" OR requester = ");
		sql.arg(d);
		sql.push("))");
	};
	let (last, rows) = snapshot(
		&db,
		&[
			Sql::with("SELECT id FROM departments WHERE id = $1", vec![department.into()]),
			events(activity, before, limit),
		],
	)
	.await?;
	if rows[0].is_empty() {
		return Err(unknown("UnknownDepartment", format!("no department {department} is indexed")));
	}
	let (events, next) = page(rows[1].clone(), limit);
	Ok(answer(last, json!({ "department": department, "events": events, "next": next })))
}

async fn code(
	State(db): State<Db>,
	Path(code): Path<String>,
	params: Result<Query<PageParams>, QueryRejection>,
) -> Answer {
	let (before, limit) = query(params)?.read()?;
	// By id, or by its text (`BJ.TRF/DEV/000123-X`; typed in lower case too), looked up in each
	// statement so that the answer is one snapshot.
	let lookup = |sql: &mut Sql| {
		match code.parse::<u64>() {
			Ok(id) => {
				sql.push("(SELECT id FROM codes WHERE id = ");
				sql.arg(id.into());
			},
			Err(_) => {
				sql.push("(SELECT MIN(id) FROM codes WHERE code_text = ");
				sql.arg(code.as_str().into());
				sql.push(" OR code_text = ");
				sql.arg(code.to_uppercase().into());
			},
		}
		sql.push(")");
	};
	let statement = |head: &str, tail: &str| {
		let mut sql = Sql::new(head);
		lookup(&mut sql);
		sql.push(tail);
		sql
	};
	let history = |sql: &mut Sql| {
		sql.push("c.kind = 'code' AND c.entity = CAST(");
		lookup(sql);
		sql.push(" AS TEXT)");
	};
	let (last, rows) = snapshot(
		&db,
		&[
			statement("SELECT * FROM codes WHERE id = ", ""),
			statement(
				"SELECT a.id, a.title, a.owner, a.status FROM code_assets l \
				 JOIN assets a ON a.id = l.asset WHERE l.code = ",
				" ORDER BY a.id",
			),
			statement("SELECT id, code_text FROM codes WHERE parent = ", " ORDER BY id LIMIT 100"),
			events(history, before, limit),
		],
	)
	.await?;
	let Some(found) = rows[0].first() else {
		return Err(unknown("UnknownCode", format!("no code `{code}` is indexed")));
	};
	let (events, next) = page(rows[3].clone(), limit);
	Ok(answer(
		last,
		json!({
			"code": found,
			"assets": rows[1],
			"children": rows[2],
			"events": events,
			"next": next,
		}),
	))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReceiptParams {
	/// Receipts of reads by this (grantee) department.
	#[serde(default, deserialize_with = "given")]
	department: Option<u64>,
	/// Receipts of reads of this department's assets (the grant's owner).
	#[serde(default, deserialize_with = "given")]
	owner: Option<u64>,
	#[serde(default, deserialize_with = "given")]
	asset: Option<u64>,
	/// The period, by block time (Unix milliseconds, `from_ms` included, `to_ms` not).
	#[serde(default, deserialize_with = "given")]
	from_ms: Option<u64>,
	#[serde(default, deserialize_with = "given")]
	to_ms: Option<u64>,
	/// The period, by block number (both included).
	#[serde(default, deserialize_with = "given")]
	from_block: Option<u64>,
	#[serde(default, deserialize_with = "given")]
	to_block: Option<u64>,
	/// The `next` of the previous page: receipts after it (oldest first).
	#[serde(default, deserialize_with = "given")]
	after: Option<String>,
	#[serde(default, deserialize_with = "given")]
	limit: Option<u32>,
}

async fn receipts(
	State(db): State<Db>,
	params: Result<Query<ReceiptParams>, QueryRejection>,
) -> Answer {
	let params = query(params)?;
	let limit = bounded(params.limit, DEFAULT_RECEIPTS, MAX_RECEIPTS)?;
	let after = match params.after.as_deref() {
		None => None,
		Some(text) => Some(Cursor::parse(text).ok_or_else(|| {
			bad_query(format!("after `{text}` is not BLOCK-EVENT (a page's `next`)"))
		})?),
	};
	let mut sql = Sql::new(
		"SELECT r.block, r.event, b.time_ms, r.extrinsic, r.kind, r.grant_id, r.asset, \
		 g.owner, COALESCE(r.grantee, g.grantee) AS grantee, r.consumer, r.recorded_by, r.receipt, r.use_count, r.reason \
		 FROM receipts r JOIN blocks b ON b.number = r.block \
		 LEFT JOIN grants g ON g.id = r.grant_id WHERE 1 = 1",
	);
	let filter = |sql: &mut Sql, condition: &str, value: Option<u64>| {
		if let Some(value) = value {
			sql.push(condition);
			sql.arg(value.into());
		}
	};
	// A receipt of a download not counted names no grantee: its grant does.
	filter(&mut sql, " AND COALESCE(r.grantee, g.grantee) = ", params.department);
	filter(&mut sql, " AND g.owner = ", params.owner);
	filter(&mut sql, " AND r.asset = ", params.asset);
	filter(&mut sql, " AND b.time_ms >= ", params.from_ms);
	filter(&mut sql, " AND b.time_ms < ", params.to_ms);
	filter(&mut sql, " AND r.block >= ", params.from_block);
	filter(&mut sql, " AND r.block <= ", params.to_block);
	if let Some(cursor) = after {
		sql.push(" AND (r.block > ");
		sql.arg(cursor.block.into());
		sql.push(" OR (r.block = ");
		sql.arg(cursor.block.into());
		sql.push(" AND r.event > ");
		sql.arg(cursor.event.into());
		sql.push("))");
	}
	sql.push(" ORDER BY r.block, r.event LIMIT ");
	sql.arg(limit.saturating_add(1).into());
	let (last, mut rows) = snapshot(&db, &[sql]).await?;
	let (receipts, next) = page(rows.remove(0), limit);
	Ok(answer(last, json!({ "receipts": receipts, "next": next })))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dates_are_utc_days() {
		assert_eq!(date(0), "1970-01-01");
		assert_eq!(date(951_782_400_000), "2000-02-29");
		assert_eq!(date(1_796_601_600_000 + 3_600_000), "2026-12-07");
		assert_eq!(date(-1), "1969-12-31");
	}

	#[test]
	fn cursors_read_back_what_pages_give() {
		let rows: Vec<Json> =
			(0..4).rev().map(|event| json!({ "block": 9, "event": event })).collect();
		let (events, next) = page(rows.clone(), 3);
		assert_eq!(events.len(), 3);
		assert_eq!(Cursor::parse(next.as_deref().unwrap()), Some(Cursor { block: 9, event: 1 }));
		assert_eq!(page(rows, 4).1, None, "the last page has no next");
		assert_eq!(Cursor::parse("9"), None);
		assert_eq!(Cursor::parse("9-x"), None);
		assert_eq!(Cursor::parse("-1-2"), None);
	}

	#[test]
	fn an_event_page_numbers_its_placeholders_after_the_condition() {
		let sql = events(of("asset", "4".into()), Some(Cursor { block: 9, event: 2 }), 10);
		assert_eq!(
			sql.args,
			[
				Arg::from("asset"),
				Arg::from("4"),
				Arg::from(9u64),
				Arg::from(9u64),
				Arg::from(2u32),
				Arg::from(11u32)
			]
		);
		assert!(
			sql.text.contains("c.event < $5") && sql.text.ends_with("LIMIT $6"),
			"{}",
			sql.text
		);
	}
}

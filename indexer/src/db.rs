//! The database: SQLite (a file, the default) or PostgreSQL, through sqlx's `Any` driver so that
//! every query is written once. Queries use `$1` placeholders, which both accept.

use crate::error::{Error, Result};
use serde_json::{Map, Value as Json};
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	AnyPool, Column, Executor, Row,
};

/// The schema, in order. A database records which it has (`schema_version`); `open` applies the
/// rest, each in its own transaction: the shared SQL, then the backend's own steps
/// (`backend_steps`). Never edit one that has shipped: add the next.
const MIGRATIONS: &[(i64, &str)] = &[
	(1, include_str!("../migrations/0001_city.sql")),
	// Search words alike in both (see `SEARCH_POSTGRES_WORDS`, `SEARCH_SQLITE_WORDS`).
	(2, ""),
];

/// Full-text search over asset titles, tags and media types, which each database does its own
/// way: an FTS5 table in SQLite, a `tsvector` column in PostgreSQL. Both see the same words:
/// letters and digits of any script, everything else a separator (`search::words` splits
/// queries so; PostgreSQL needs a UTF-8 database for it).
const SEARCH_SQLITE: &str = "CREATE VIRTUAL TABLE asset_search USING fts5(title, tags, media_type)";
const SEARCH_POSTGRES: &str = "ALTER TABLE assets ADD COLUMN search tsvector GENERATED ALWAYS AS \
	(to_tsvector('simple', title || ' ' || tags || ' ' || media_type)) STORED; \
	CREATE INDEX assets_search ON assets USING GIN (search)";
const SEARCH_POSTGRES_WORDS: &str = "ALTER TABLE assets DROP COLUMN search; \
	ALTER TABLE assets ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', \
	regexp_replace(title || ' ' || tags || ' ' || media_type, '[^[:alnum:]]+', ' ', 'g'))) STORED; \
	CREATE INDEX assets_search ON assets USING GIN (search)";

/// Version 2: PostgreSQL's words split as SQLite's and the queries' are (its parser took
/// `bus-stops.csv` for one file name), and SQLite keeps accents as PostgreSQL does (`bogota`
/// finds "Bogotá" in neither).
const SEARCH_SQLITE_WORDS: &str = "DROP TABLE asset_search; \
	CREATE VIRTUAL TABLE asset_search USING fts5(title, tags, media_type, \
	tokenize = 'unicode61 remove_diacritics 0'); \
	INSERT INTO asset_search (rowid, title, tags, media_type) \
	SELECT id, title, tags, media_type FROM assets";

/// What migration `version` does in `backend` beyond its shared SQL.
fn backend_steps(backend: Backend, version: i64) -> &'static str {
	match (backend, version) {
		(Backend::Sqlite, 1) => SEARCH_SQLITE,
		(Backend::Postgres, 1) => SEARCH_POSTGRES,
		(Backend::Sqlite, 2) => SEARCH_SQLITE_WORDS,
		(Backend::Postgres, 2) => SEARCH_POSTGRES_WORDS,
		_ => "",
	}
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Backend {
	Sqlite,
	Postgres,
}

/// One value bound to a statement.
#[derive(Clone, PartialEq, Debug)]
pub enum Arg {
	Int(i64),
	Text(String),
	/// Stored as 1 or 0: portable, and sqlx's `Any` driver reads no SQLite booleans.
	Bool(bool),
	/// NULL of an integer column.
	Null,
	/// NULL of a text column: PostgreSQL refuses a NULL of another type there.
	NullText,
}

/// The NULL of each argument type.
pub trait Nullable {
	const NULL: Arg;
}
impl Nullable for i64 {
	const NULL: Arg = Arg::Null;
}
impl Nullable for u64 {
	const NULL: Arg = Arg::Null;
}
impl Nullable for u32 {
	const NULL: Arg = Arg::Null;
}
impl Nullable for bool {
	const NULL: Arg = Arg::Null;
}
impl Nullable for String {
	const NULL: Arg = Arg::NullText;
}
impl Nullable for &str {
	const NULL: Arg = Arg::NullText;
}

impl From<i64> for Arg {
	fn from(n: i64) -> Self {
		Arg::Int(n)
	}
}
impl From<u64> for Arg {
	/// Ids and block numbers: far below `i64::MAX` on any real chain; clamped, never wrapped.
	fn from(n: u64) -> Self {
		Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
	}
}
impl From<u32> for Arg {
	fn from(n: u32) -> Self {
		Arg::Int(i64::from(n))
	}
}
impl From<bool> for Arg {
	fn from(b: bool) -> Self {
		Arg::Bool(b)
	}
}
impl From<String> for Arg {
	fn from(s: String) -> Self {
		Arg::Text(s)
	}
}
impl From<&str> for Arg {
	fn from(s: &str) -> Self {
		Arg::Text(s.to_owned())
	}
}
impl<T: Into<Arg> + Nullable> From<Option<T>> for Arg {
	fn from(value: Option<T>) -> Self {
		value.map_or(T::NULL, Into::into)
	}
}

/// One statement of a block's writes.
#[derive(Clone, PartialEq, Debug)]
pub struct Write {
	pub sql: &'static str,
	pub args: Vec<Arg>,
}

/// A statement with its arguments: `write_sql!(SQL, a, b, …)`.
#[macro_export]
macro_rules! write_sql {
	($sql:expr $(, $arg:expr)* $(,)?) => {
		$crate::db::Write { sql: $sql, args: vec![$($crate::db::Arg::from($arg)),*] }
	};
}

/// The last stored block (read as `Stored` by `stored`).
const LAST_BLOCK: &str = "SELECT number, hash FROM blocks ORDER BY number DESC LIMIT 1";

fn stored(row: &AnyRow) -> Result<Stored> {
	Ok(Stored { number: int(row, 0)?, hash: text(row, 1)? })
}

/// What the database holds of the last stored block.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Stored {
	pub number: u64,
	pub hash: String,
}

#[derive(Clone)]
pub struct Db {
	pool: AnyPool,
	pub backend: Backend,
}

impl Db {
	/// Opens (creating a SQLite file if needed) and migrates the database at `url`:
	/// `sqlite:city.db` or `postgres://user@host/db`.
	pub async fn open(url: &str) -> Result<Db> {
		sqlx::any::install_default_drivers();
		let memory = url == "sqlite::memory:";
		let (backend, url) = if memory {
			(Backend::Sqlite, url.to_owned())
		} else if let Some(path) = url.strip_prefix("sqlite:") {
			let path = path.trim_start_matches("//");
			let separator = if path.contains('?') { '&' } else { '?' };
			(Backend::Sqlite, format!("sqlite://{path}{separator}mode=rwc"))
		} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
			(Backend::Postgres, url.to_owned())
		} else {
			return Err(Error::usage(format!(
				"--database must be sqlite:FILE or postgres://…, not `{url}`"
			)));
		};
		let connections = match backend {
			// Each connection to `:memory:` is a database of its own: keep one.
			_ if memory => 1,
			// SQLite has one writer; readers use WAL snapshots.
			Backend::Sqlite => 4,
			Backend::Postgres => 8,
		};
		let pool = AnyPoolOptions::new()
			.max_connections(connections)
			// A connection to `:memory:` must outlive idle time, or its database is gone.
			.idle_timeout(if memory { None } else { Some(std::time::Duration::from_secs(600)) })
			.max_lifetime(if memory { None } else { Some(std::time::Duration::from_secs(1800)) })
			.connect(&url)
			.await
			.map_err(|e| Error::database("cannot open the database", e))?;
		if backend == Backend::Sqlite && !memory {
			// WAL (kept in the file): readers never block the writer, and a commit is one
			// append to the log.
			sqlx::raw_sql("PRAGMA journal_mode = WAL")
				.execute(&pool)
				.await
				.map_err(|e| Error::database("cannot open the database", e))?;
		}
		let db = Db { pool, backend };
		db.migrate().await?;
		Ok(db)
	}

	async fn migrate(&self) -> Result<()> {
		let fail = |e| Error::database("cannot migrate the database", e);
		sqlx::raw_sql(
			"CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_ms BIGINT NOT NULL)",
		)
		.execute(&self.pool)
		.await
		.map_err(fail)?;
		let applied: Option<i64> = sqlx::query("SELECT MAX(version) FROM schema_version")
			.fetch_one(&self.pool)
			.await
			.map_err(fail)?
			.try_get(0)
			.map_err(fail)?;
		for (version, sql) in MIGRATIONS {
			if applied.is_some_and(|applied| applied >= *version) {
				continue;
			}
			let mut tx = self.pool.begin().await.map_err(fail)?;
			for sql in [*sql, backend_steps(self.backend, *version)] {
				if !sql.is_empty() {
					sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(fail)?;
				}
			}
			sqlx::query("INSERT INTO schema_version (version, applied_ms) VALUES ($1, $2)")
				.bind(version)
				.bind(now_ms())
				.execute(&mut *tx)
				.await
				.map_err(fail)?;
			tx.commit().await.map_err(fail)?;
			tracing::info!(version, "database schema migrated");
		}
		Ok(())
	}

	/// The genesis hash of the chain this database indexes, if it has started.
	pub async fn genesis(&self) -> Result<Option<String>> {
		let row = sqlx::query("SELECT genesis FROM chain WHERE id = 0")
			.fetch_optional(&self.pool)
			.await
			.map_err(|e| Error::database("cannot read the database", e))?;
		row.map(|row| text(&row, 0)).transpose()
	}

	/// The last stored block.
	pub async fn last(&self) -> Result<Option<Stored>> {
		let row = sqlx::query(LAST_BLOCK)
			.fetch_optional(&self.pool)
			.await
			.map_err(|e| Error::database("cannot read the database", e))?;
		row.as_ref().map(stored).transpose()
	}

	/// The stored hash of block `number`.
	pub async fn hash_at(&self, number: u64) -> Result<Option<String>> {
		let row = sqlx::query("SELECT hash FROM blocks WHERE number = $1")
			.bind(i64::try_from(number).unwrap_or(i64::MAX))
			.fetch_optional(&self.pool)
			.await
			.map_err(|e| Error::database("cannot read the database", e))?;
		row.map(|row| text(&row, 0)).transpose()
	}

	/// Writes one block's rows in one transaction, or none of them.
	pub async fn write(&self, writes: &[Write]) -> Result<()> {
		let fail = |e| Error::database("cannot write a block", e);
		let mut tx = self.pool.begin().await.map_err(fail)?;
		for write in writes {
			bind(sqlx::query(write.sql), &write.args).execute(&mut *tx).await.map_err(|e| {
				Error::database(format!("cannot write a block ({})", first_words(write.sql)), e)
			})?;
		}
		tx.commit().await.map_err(fail)
	}

	/// Rows of a read-only query, for the read API, the consistency check and the tests.
	pub async fn rows(&self, sql: &str, args: &[Arg]) -> Result<Vec<AnyRow>> {
		bind(sqlx::query(sql), args)
			.fetch_all(&self.pool)
			.await
			.map_err(|e| Error::database("cannot query", e))
	}

	/// Rows of a read-only query as JSON objects, column name to value (see `row_json`).
	pub async fn json(&self, sql: &Sql) -> Result<Vec<Json>> {
		let rows = self.rows(&sql.text, &sql.args).await?;
		rows.iter().map(row_json).collect()
	}

	/// The last stored block and the rows of each of `queries`, all read from one snapshot of
	/// the database, so that they agree with each other and with the block while the follower
	/// writes on.
	pub async fn snapshot(&self, queries: &[Sql]) -> Result<(Option<Stored>, Vec<Vec<Json>>)> {
		let fail = |e| Error::database("cannot query", e);
		let mut tx = self.pool.begin().await.map_err(fail)?;
		if self.backend == Backend::Postgres {
			(&mut *tx)
				.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
				.await
				.map_err(fail)?;
		}
		// `Executor`'s own methods (boxed, `Send` futures), not `Query`'s generic ones, whose
		// executor lifetimes the compiler cannot prove `Send` for.
		let last = (&mut *tx)
			.fetch_optional(sqlx::query(LAST_BLOCK))
			.await
			.map_err(fail)?
			.as_ref()
			.map(stored)
			.transpose()?;
		let mut answers = Vec::with_capacity(queries.len());
		for query in queries {
			let rows = (&mut *tx)
				.fetch_all(bind(sqlx::query(&query.text), &query.args))
				.await
				.map_err(fail)?;
			answers.push(rows.iter().map(row_json).collect::<Result<Vec<_>>>()?);
		}
		tx.rollback().await.map_err(fail)?;
		Ok((last, answers))
	}

	/// Asset ids whose title, tags or media type match every word of `text`, best first.
	pub async fn search_assets(&self, text: &str, limit: u32) -> Result<Vec<u64>> {
		let query = crate::search::Query {
			filters: crate::search::Filters { text: Some(text.to_owned()), ..Default::default() },
			sort: crate::search::Sort::Relevance,
			limit,
			offset: 0,
		};
		let Some(statements) = crate::search::statements(self.backend, &query) else {
			return Ok(Vec::new());
		};
		let rows = self.json(&statements[1]).await?;
		Ok(rows.iter().filter_map(|row| row["id"].as_u64()).collect())
	}
}

/// A statement built piece by piece, its placeholders numbered as arguments are added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sql {
	pub text: String,
	pub args: Vec<Arg>,
}

impl Sql {
	pub fn new(text: &str) -> Sql {
		Sql { text: text.to_owned(), args: Vec::new() }
	}
	/// `text` and its arguments, in order (`$1`, `$2`, … written by the caller).
	pub fn with(text: &str, args: Vec<Arg>) -> Sql {
		Sql { text: text.to_owned(), args }
	}
	pub fn push(&mut self, text: &str) -> &mut Sql {
		self.text.push_str(text);
		self
	}
	/// Appends the placeholder of `arg`, the next `$n`.
	pub fn arg(&mut self, arg: Arg) -> &mut Sql {
		self.args.push(arg);
		self.text.push_str(&format!("${}", self.args.len()));
		self
	}
}

/// Columns that hold JSON text, served as JSON.
const JSON_COLUMNS: &[&str] = &["details", "fields", "receipt", "error"];
/// Columns that hold 1 or 0 for a boolean.
const BOOL_COLUMNS: &[&str] = &["success", "active"];

/// One row as a JSON object: integers as numbers, text as strings, NULL as null, and the
/// columns of `JSON_COLUMNS` and `BOOL_COLUMNS` as what they hold.
pub fn row_json(row: &AnyRow) -> Result<Json> {
	let mut object = Map::new();
	for (i, column) in row.columns().iter().enumerate() {
		let name = column.name();
		let value = if let Ok(n) = integer(row, i) {
			match n {
				Some(n) if BOOL_COLUMNS.contains(&name) => Json::Bool(n != 0),
				Some(n) => Json::from(n),
				None => Json::Null,
			}
		} else {
			match row.try_get::<Option<String>, _>(i) {
				Ok(Some(text)) if JSON_COLUMNS.contains(&name) => {
					serde_json::from_str(&text).unwrap_or(Json::String(text))
				},
				Ok(Some(text)) => Json::String(text),
				Ok(None) => Json::Null,
				Err(e) => return Err(Error::database(format!("column {name}"), e)),
			}
		};
		object.insert(name.to_owned(), value);
	}
	Ok(Json::Object(object))
}

/// Column `index` as an integer: `BIGINT`, or PostgreSQL's `INTEGER`, which sqlx's `Any`
/// driver reads as `i32` only.
fn integer(row: &AnyRow, index: usize) -> std::result::Result<Option<i64>, sqlx::Error> {
	row.try_get::<Option<i64>, _>(index)
		.or_else(|_| row.try_get::<Option<i32>, _>(index).map(|n| n.map(i64::from)))
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `query` with `args` bound to `$1`, `$2`, …
fn bind<'q>(query: Query<'q>, args: &[Arg]) -> Query<'q> {
	args.iter().fold(query, |query, arg| match arg {
		Arg::Int(n) => query.bind(*n),
		Arg::Text(s) => query.bind(s.clone()),
		Arg::Bool(b) => query.bind(i64::from(*b)),
		Arg::Null => query.bind(Option::<i64>::None),
		Arg::NullText => query.bind(Option::<String>::None),
	})
}

/// The statements that keep SQLite's search table equal to an asset's row (PostgreSQL's
/// generated column needs none).
pub fn search_rows(
	backend: Backend,
	asset: u64,
	title: &str,
	tags: &str,
	media: &str,
) -> Vec<Write> {
	match backend {
		Backend::Sqlite => vec![
			write_sql!("DELETE FROM asset_search WHERE rowid = $1", asset),
			write_sql!(
				"INSERT INTO asset_search (rowid, title, tags, media_type) VALUES ($1, $2, $3, $4)",
				asset,
				title,
				tags,
				media
			),
		],
		Backend::Postgres => Vec::new(),
	}
}

/// Column `index` of `row` as an unsigned integer (PostgreSQL's `INTEGER` columns too).
pub fn int(row: &AnyRow, index: usize) -> Result<u64> {
	let n = integer(row, index)
		.map_err(|e| Error::database("unexpected row", e))?
		.ok_or_else(|| Error::internal("a NULL where a number was expected"))?;
	u64::try_from(n).map_err(|_| Error::internal("a negative id in the database"))
}

/// Column `index` of `row` as text.
pub fn text(row: &AnyRow, index: usize) -> Result<String> {
	row.try_get(index).map_err(|e| Error::database("unexpected row", e))
}

fn first_words(sql: &str) -> String {
	sql.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

fn now_ms() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
		.unwrap_or(0)
}

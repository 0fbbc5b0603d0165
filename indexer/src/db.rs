//! The database: SQLite (a file, the default) or PostgreSQL, through sqlx's `Any` driver so that
//! every query is written once. Queries use `$1` placeholders, which both accept.

use crate::error::{Error, Result};
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	AnyPool, Row,
};

/// The schema, in order. A database records which it has (`schema_version`); `open` applies the
/// rest, each in its own transaction. Never edit one that has shipped: add the next.
const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("../migrations/0001_city.sql"))];

/// Full-text search over asset titles, tags and media types, which each database does its own
/// way: an FTS5 table in SQLite, a `tsvector` column in PostgreSQL.
const SEARCH_SQLITE: &str = "CREATE VIRTUAL TABLE asset_search USING fts5(title, tags, media_type)";
const SEARCH_POSTGRES: &str = "ALTER TABLE assets ADD COLUMN search tsvector GENERATED ALWAYS AS \
	(to_tsvector('simple', title || ' ' || tags || ' ' || media_type)) STORED; \
	CREATE INDEX assets_search ON assets USING GIN (search)";

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
	Null,
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
impl<T: Into<Arg>> From<Option<T>> for Arg {
	fn from(value: Option<T>) -> Self {
		value.map_or(Arg::Null, Into::into)
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
		let (backend, url) = if let Some(path) = url.strip_prefix("sqlite:") {
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
		let pool = AnyPoolOptions::new()
			// SQLite has one writer; readers use WAL snapshots.
			.max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
			.connect(&url)
			.await
			.map_err(|e| Error::database("cannot open the database", e))?;
		if backend == Backend::Sqlite {
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
		let search = match self.backend {
			Backend::Sqlite => SEARCH_SQLITE,
			Backend::Postgres => SEARCH_POSTGRES,
		};
		for (version, sql) in MIGRATIONS {
			if applied.is_some_and(|applied| applied >= *version) {
				continue;
			}
			let mut tx = self.pool.begin().await.map_err(fail)?;
			sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(fail)?;
			if *version == 1 {
				sqlx::raw_sql(search).execute(&mut *tx).await.map_err(fail)?;
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
		let row = sqlx::query("SELECT number, hash FROM blocks ORDER BY number DESC LIMIT 1")
			.fetch_optional(&self.pool)
			.await
			.map_err(|e| Error::database("cannot read the database", e))?;
		row.map(|row| Ok(Stored { number: int(&row, 0)?, hash: text(&row, 1)? })).transpose()
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

	/// Asset ids whose title, tags or media type match the words of `text`, best first.
	pub async fn search_assets(&self, text: &str, limit: u32) -> Result<Vec<u64>> {
		let words: Vec<String> = text
			.split(|c: char| !c.is_alphanumeric())
			.filter(|word| !word.is_empty())
			.map(str::to_lowercase)
			.collect();
		if words.is_empty() {
			return Ok(Vec::new());
		}
		let (sql, query) = match self.backend {
			Backend::Sqlite => (
				"SELECT rowid FROM asset_search WHERE asset_search MATCH $1 ORDER BY rank LIMIT $2",
				words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
			),
			Backend::Postgres => (
				"SELECT id FROM assets WHERE search @@ to_tsquery('simple', $1) \
				 ORDER BY ts_rank(search, to_tsquery('simple', $1)) DESC, id LIMIT $2",
				words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
			),
		};
		let rows = self.rows(sql, &[Arg::Text(query), Arg::from(limit)]).await?;
		rows.iter().map(|row| int(row, 0)).collect()
	}
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `query` with `args` bound to `$1`, `$2`, …
fn bind<'q>(query: Query<'q>, args: &[Arg]) -> Query<'q> {
	args.iter().fold(query, |query, arg| match arg {
		Arg::Int(n) => query.bind(*n),
		Arg::Text(s) => query.bind(s.clone()),
		Arg::Bool(b) => query.bind(i64::from(*b)),
		Arg::Null => query.bind(Option::<i64>::None),
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

/// Column `index` of `row` as an unsigned integer.
pub fn int(row: &AnyRow, index: usize) -> Result<u64> {
	let n: i64 = row.try_get(index).map_err(|e| Error::database("unexpected row", e))?;
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

//! Searching the city's assets: free text over titles, tags and media types (SQLite FTS5,
//! PostgreSQL `tsvector`), filters, facets and paging, as one set of statements run on one
//! snapshot so that the total, the page and the facets agree.

use crate::db::{Arg, Backend, Sql};

/// The most results one page holds.
pub const MAX_PAGE: u32 = 100;
/// The deepest offset a page may start at: deeper paging is a scan, so narrow the search.
pub const MAX_OFFSET: u32 = 100_000;
/// The most words of free text taken, and the longest word.
const MAX_WORDS: usize = 16;
const MAX_WORD: usize = 64;

/// What to look for. Every filter is optional; all given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
	pub text: Option<String>,
	pub department: Option<u64>,
	/// `Public`, `Internal`, `Confidential` or `Restricted`, as the chain names them.
	pub classification: Option<String>,
	/// `active` or `retired`.
	pub status: Option<String>,
	pub tag: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
	/// Best match first (the newest first without text).
	#[default]
	Relevance,
	/// Oldest first.
	Id,
	Title,
	/// Most recently changed first.
	Changed,
}

impl Sort {
	pub fn parse(text: &str) -> Option<Sort> {
		match text {
			"relevance" => Some(Sort::Relevance),
			"id" => Some(Sort::Id),
			"title" => Some(Sort::Title),
			"changed" => Some(Sort::Changed),
			_ => None,
		}
	}
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
	pub filters: Filters,
	pub sort: Sort,
	pub limit: u32,
	pub offset: u32,
}

/// The facets counted: each is the column it groups by.
pub const FACETS: [(&str, &str); 3] =
	[("department", "a.owner"), ("classification", "a.classification"), ("status", "a.status")];

/// The statements of one search, in order: the total, the page, then one per facet in the
/// order of `FACETS`. `None` when the text has no word to look for but was given (nothing can
/// match).
pub fn statements(backend: Backend, query: &Query) -> Option<Vec<Sql>> {
	let terms = query.filters.text.as_deref().map(words).unwrap_or_default();
	if query.filters.text.is_some() && terms.is_empty() {
		return None;
	}
	let mut statements = Vec::new();
	let mut total = Sql::new("SELECT COUNT(*) AS total");
	from_where(&mut total, backend, &query.filters, &terms, None);
	statements.push(total);

	let mut page = Sql::new(
		"SELECT a.id, a.owner, d.name AS owner_name, a.title, a.media_type, a.tags, \
		 a.classification, a.status, a.latest_version, a.created_block, a.changed_block",
	);
	from_where(&mut page, backend, &query.filters, &terms, None);
	page.push(" ORDER BY ");
	match (query.sort, terms.is_empty(), backend) {
		(Sort::Relevance, false, Backend::Sqlite) => page.push("asset_search.rank, a.id"),
		(Sort::Relevance, false, Backend::Postgres) => {
			page.push("ts_rank(a.search, to_tsquery('simple', ");
			page.arg(Arg::Text(ts_query(backend, &terms)));
			page.push(")) DESC, a.id")
		},
		(Sort::Relevance, true, _) => page.push("a.id DESC"),
		(Sort::Id, ..) => page.push("a.id"),
		// Byte order in both (SQLite's own; PostgreSQL's depends on the database's collation).
		(Sort::Title, _, Backend::Sqlite) => page.push("a.title, a.id"),
		(Sort::Title, _, Backend::Postgres) => page.push("a.title COLLATE \"C\", a.id"),
		(Sort::Changed, ..) => page.push("a.changed_block DESC, a.id DESC"),
	};
	page.push(" LIMIT ");
	page.arg(Arg::from(query.limit.min(MAX_PAGE)));
	page.push(" OFFSET ");
	page.arg(Arg::from(query.offset.min(MAX_OFFSET)));
	statements.push(page);

	for (facet, column) in FACETS {
		let mut counts = Sql::new(&format!("SELECT {column} AS value, COUNT(*) AS count"));
		from_where(&mut counts, backend, &query.filters, &terms, Some(facet));
		counts.push(&format!(" GROUP BY {column} ORDER BY COUNT(*) DESC, {column}"));
		statements.push(counts);
	}
	Some(statements)
}

/// `FROM … WHERE …` of a search: every filter but `without` (a facet counts the values of its
/// own column as if it were not filtered, so that the other choices stay visible).
fn from_where(
	sql: &mut Sql,
	backend: Backend,
	filters: &Filters,
	words: &[String],
	without: Option<&str>,
) {
	sql.push(" FROM assets a LEFT JOIN departments d ON d.id = a.owner");
	let searching = !words.is_empty();
	if searching && backend == Backend::Sqlite {
		sql.push(" JOIN asset_search ON asset_search.rowid = a.id");
	}
	sql.push(" WHERE 1 = 1");
	if searching {
		match backend {
			Backend::Sqlite => sql.push(" AND asset_search MATCH "),
			Backend::Postgres => sql.push(" AND a.search @@ to_tsquery('simple', "),
		};
		sql.arg(Arg::Text(ts_query(backend, words)));
		if backend == Backend::Postgres {
			sql.push(")");
		}
	}
	if let (Some(department), false) = (filters.department, without == Some("department")) {
		sql.push(" AND a.owner = ");
		sql.arg(Arg::from(department));
	}
	if let (Some(classification), false) =
		(&filters.classification, without == Some("classification"))
	{
		sql.push(" AND a.classification = ");
		sql.arg(Arg::Text(classification.clone()));
	}
	if let (Some(status), false) = (&filters.status, without == Some("status")) {
		sql.push(" AND a.status = ");
		sql.arg(Arg::Text(status.clone()));
	}
	if let Some(tag) = &filters.tag {
		// Tags are stored space-separated: match a whole one, case ignored (in both databases:
		// SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
		sql.push(" AND LOWER(' ' || a.tags || ' ') LIKE ");
		sql.arg(Arg::Text(format!("% {} %", escape_like(&tag.to_lowercase()))));
		sql.push(" ESCAPE '\\'");
	}
}

/// The words of free text, lowercased: letters and digits only, so that no character of the
/// user's reaches the search syntax.
pub fn words(text: &str) -> Vec<String> {
	text.split(|c: char| !c.is_alphanumeric())
		.filter(|word| !word.is_empty())
		.map(|word| word.chars().take(MAX_WORD).collect::<String>().to_lowercase())
		.take(MAX_WORDS)
		.collect()
}

/// Every word, as a prefix, in each database's query syntax.
fn ts_query(backend: Backend, words: &[String]) -> String {
	match backend {
		Backend::Sqlite => words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
		Backend::Postgres => words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
	}
}

fn escape_like(text: &str) -> String {
	text.chars()
		.flat_map(|c| match c {
			'%' | '_' | '\\' => vec!['\\', c],
			c => vec![c],
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn query(filters: Filters) -> Query {
		Query { filters, sort: Sort::Relevance, limit: 10, offset: 0 }
	}

	#[test]
	fn words_are_letters_and_digits_only() {
		assert_eq!(words("Bus-stops, \"2026\" * OR"), ["bus", "stops", "2026", "or"]);
		assert!(words("\" * ' ;").is_empty());
		assert_eq!(words(&"x ".repeat(100)).len(), MAX_WORDS);
	}

	#[test]
	fn text_without_a_word_matches_nothing() {
		let filters = Filters { text: Some("***".into()), ..Filters::default() };
		assert!(statements(Backend::Sqlite, &query(filters)).is_none());
	}

	#[test]
	fn a_facet_ignores_its_own_filter_and_keeps_the_others() {
		let filters = Filters {
			department: Some(2),
			classification: Some("Public".into()),
			..Filters::default()
		};
		let statements = statements(Backend::Sqlite, &query(filters)).unwrap();
		assert_eq!(statements.len(), 2 + FACETS.len());
		let department_facet = &statements[2];
		assert!(!department_facet.text.contains("a.owner = "), "{}", department_facet.text);
		assert!(department_facet.text.contains("a.classification = $1"));
		assert_eq!(department_facet.args, [Arg::Text("Public".into())]);
		let classification_facet = &statements[3];
		assert!(classification_facet.text.contains("a.owner = $1"));
		assert!(!classification_facet.text.contains("a.classification = "));
	}

	#[test]
	fn placeholders_are_numbered_in_order_and_pages_are_bounded() {
		let filters =
			Filters { text: Some("bus".into()), tag: Some("50%_OFF".into()), ..Filters::default() };
		let mut deep = query(filters);
		deep.limit = 10_000;
		deep.offset = u32::MAX;
		let statements = statements(Backend::Postgres, &deep).unwrap();
		let page = &statements[1];
		for n in 1..=page.args.len() {
			assert!(page.text.contains(&format!("${n}")), "{}", page.text);
		}
		assert_eq!(page.args[0], Arg::Text("bus:*".into()));
		assert_eq!(page.args[1], Arg::Text("% 50\\%\\_off %".into()), "lower case");
		assert!(page.text.contains("LOWER(' ' || a.tags || ' ') LIKE $2"), "{}", page.text);
		assert_eq!(page.args[page.args.len() - 2], Arg::from(MAX_PAGE));
		assert_eq!(page.args[page.args.len() - 1], Arg::from(MAX_OFFSET));
	}
}

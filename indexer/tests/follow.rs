//! The indexer against a dev node: a scripted history (register, version, request, approve,
//! record, revoke, reject, issue a code, transfer, retire) and then a random sequence of calls
//! (seeded: `CITY_TEST_SEED` repeats one) become the rows they should, alike in SQLite and in
//! PostgreSQL; the read API answers from both; the consistency check finds no difference with the
//! chain, and finds one planted; a SIGKILL during catch-up loses and duplicates nothing; and a
//! node of another chain is refused.

#[path = "../../cli/tests/common/mod.rs"]
mod common;

use city_client::chain::{self, city, Wait};
use city_indexer::db::{self, Arg, Db, Sql};
use common::{free_port, ok, start_node, DevNode};
use serde_json::{json, Value};
use std::{
	io::{Read, Write},
	net::TcpStream,
	path::{Path, PathBuf},
	process::{Child, Command, Output},
	time::{Duration, Instant},
};

const INDEXER: &str = env!("CARGO_BIN_EXE_city-indexer");
const BOB: Option<&str> = Some("//Bob"); // Steward of Transport (0)
const FERDIE: Option<&str> = Some("//Ferdie"); // Steward of Environment (2)
const CHARLIE_STASH: Option<&str> = Some("//Charlie//stash"); // Steward of Planning (3)

fn indexer(node: &DevNode, database: &str, args: &[&str]) -> Output {
	Command::new(INDEXER)
		.args(["--url", &node.url, "--database", database])
		.args(args)
		.env("CITY_INDEXER_LOG", "warn")
		.output()
		.expect("run city-indexer")
}

fn account(suri: &str) -> String {
	chain::account_of(&chain::keypair(suri).unwrap()).to_string()
}

/// Signs `call` with `suri` and waits until it is in a block; returns the block number.
async fn submit<Call: subxt::transactions::Payload>(node: &DevNode, suri: &str, call: Call) -> u64 {
	let connected = chain::connect(&node.url, Wait::InBlock).await.unwrap();
	let key = chain::keypair(suri).unwrap();
	match chain::submit(&connected, &call, &key, Wait::InBlock).await {
		Ok(included) => included.block_number,
		Err(e) => panic!("{suri}'s call failed: {e}"),
	}
}

/// Every table's rows, in primary-key order, as text: what two indexings must agree on (the
/// search index aside, which each database keeps its own way).
async fn dump(db: &Db) -> Vec<String> {
	let tables = [
		("chain", "id"),
		("blocks", "number"),
		("extrinsics", "block, idx"),
		("events", "block, idx"),
		("changes", "kind, entity, block, event"),
		("departments", "id"),
		("members", "department, account"),
		("assets", "id"),
		("asset_versions", "asset, version"),
		("requests", "id"),
		("grants", "id"),
		("receipts", "block, event"),
		("codes", "id"),
		("code_assets", "code, asset"),
		("validators", "account"),
	];
	let mut rows = Vec::new();
	for (table, key) in tables {
		// PostgreSQL's assets also hold their `tsvector`.
		let columns = if table == "assets" {
			"id, owner, title, media_type, tags, classification, status, latest_version, details, \
			 created_block, changed_block, changed_extrinsic"
		} else {
			"*"
		};
		let sql = Sql::new(&format!("SELECT {columns} FROM {table} ORDER BY {key}"));
		for row in db.json(&sql).await.unwrap() {
			rows.push(format!("{table}: {row}"));
		}
	}
	rows
}

async fn one(db: &Db, sql: &str, args: &[Arg]) -> sqlx::any::AnyRow {
	let mut rows = db.rows(sql, args).await.unwrap();
	assert_eq!(rows.len(), 1, "{sql} {args:?}");
	rows.remove(0)
}

fn text(row: &sqlx::any::AnyRow, i: usize) -> String {
	db::text(row, i).unwrap()
}

fn int(row: &sqlx::any::AnyRow, i: usize) -> u64 {
	db::int(row, i).unwrap()
}

/// The block a city-cli answer's call was included in.
fn block_of(answer: &Value) -> u64 {
	answer["included"]["block_number"].as_u64().unwrap_or_else(|| panic!("no block: {answer}"))
}

/// The steward of each demo department.
const STEWARDS: [&str; 4] = ["//Bob", "//Dave", "//Ferdie", "//Charlie//stash"];
/// Title words of the random assets (none of the scripted history's).
const WORDS: [&str; 6] = ["noise", "trees", "permits", "water", "parking", "lighting"];

/// xorshift64*: a repeatable sequence from a seed.
struct Random(u64);

impl Random {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn below(&mut self, n: usize) -> usize {
		(self.next() % n as u64) as usize
	}
}

struct RandomAsset {
	id: u64,
	owner: usize,
	internal: bool,
	file: PathBuf,
}

/// `steps` random calls by the demo departments' stewards, each valid in the state the earlier
/// ones left: registering (of every classification), new versions, requests approved with a use
/// limit, recorded accesses, revocations, codes issued and assets linked to them. Returns the
/// last call's block.
fn random_sequence(
	node: &DevNode,
	runtime: &tokio::runtime::Runtime,
	dir: &Path,
	seed: u64,
	steps: usize,
) -> u64 {
	let mut random = Random(seed | 1);
	let mut assets: Vec<RandomAsset> = Vec::new();
	// Live grants: grant, asset, owner, grantee, uses left.
	let mut grants: Vec<(u64, u64, usize, usize, u32)> = Vec::new();
	let mut requested = std::collections::HashSet::new();
	let mut codes: Vec<(u64, usize)> = Vec::new();
	let mut linked = std::collections::HashSet::new();
	let mut last = 0;
	for step in 0..steps {
		let choice = random.below(8);
		let steward = |department: usize| Some(STEWARDS[department]);
		let block = match choice {
			// A new version of one of the random assets.
			1 if !assets.is_empty() => {
				let asset = &assets[random.below(assets.len())];
				std::fs::write(&asset.file, format!("seed {seed} step {step}\n")).unwrap();
				let answer = ok(
					node,
					steward(asset.owner),
					&[
						"asset",
						"update",
						&asset.id.to_string(),
						asset.file.to_str().unwrap(),
						"--location",
						&format!("https://data.example/{step}"),
					],
				);
				block_of(&answer)
			},
			// Another department asks for an internal asset, and the owner grants it.
			2 | 3 => {
				let candidates: Vec<&RandomAsset> = assets.iter().filter(|a| a.internal).collect();
				let pair = (!candidates.is_empty()).then(|| {
					let asset = candidates[random.below(candidates.len())];
					let grantee = (asset.owner + 1 + random.below(3)) % 4;
					(asset.id, asset.owner, grantee)
				});
				match pair {
					Some((asset, owner, grantee)) if requested.insert((asset, grantee)) => {
						let request = ok(
							node,
							steward(grantee),
							&["access", "request", &asset.to_string(), "--purpose", "random"],
						);
						let request = request["request"].as_u64().unwrap().to_string();
						let approved = ok(
							node,
							steward(owner),
							&["access", "approve", &request, "--max-uses", "3"],
						);
						let grant = approved["grant"].as_u64().unwrap();
						grants.push((grant, asset, owner, grantee, 3));
						block_of(&approved)
					},
					_ => register(node, dir, &mut random, &mut assets, seed, step, None),
				}
			},
			// A recorded access under a live grant.
			4 if !grants.is_empty() => {
				let pick = random.below(grants.len());
				let (grant, asset, _, grantee, _) = grants[pick];
				let receipt = format!("0x{:064x}", random.next());
				let answer = ok(
					node,
					steward(grantee),
					&[
						"access",
						"record",
						&asset.to_string(),
						"--grant",
						&grant.to_string(),
						"--receipt",
						&receipt,
					],
				);
				// A grant of three uses gets used up: it stays on the chain, ended.
				grants[pick].4 -= 1;
				if grants[pick].4 == 0 {
					grants.remove(pick);
				}
				block_of(&answer)
			},
			// The owner revokes a grant.
			5 if !grants.is_empty() => {
				let (grant, _, owner, _, _) = grants.remove(random.below(grants.len()));
				let answer = ok(
					node,
					steward(owner),
					&["access", "revoke", &grant.to_string(), "--reason", "random"],
				);
				block_of(&answer)
			},
			// A code, issued by any department.
			6 => {
				let department = random.below(4);
				let name = format!("{} {step}", WORDS[random.below(WORDS.len())]);
				let answer = ok(
					node,
					steward(department),
					&["code", "issue", "--class", "0", "--name", &name],
				);
				codes.push((answer["id"].as_u64().unwrap(), department));
				block_of(&answer)
			},
			// One of a department's assets linked to one of its codes.
			7 => {
				let pairs: Vec<(u64, u64, usize)> = codes
					.iter()
					.flat_map(|&(code, department)| {
						assets
							.iter()
							.filter(move |a| a.owner == department)
							.map(move |a| (code, a.id, department))
					})
					.filter(|(code, asset, _)| !linked.contains(&(*code, *asset)))
					.collect();
				if pairs.is_empty() {
					register(node, dir, &mut random, &mut assets, seed, step, None)
				} else {
					let (code, asset, department) = pairs[random.below(pairs.len())];
					linked.insert((code, asset));
					runtime.block_on(submit(
						node,
						STEWARDS[department],
						city::tx().city_codes().link_asset(code, asset),
					))
				}
			},
			_ => register(node, dir, &mut random, &mut assets, seed, step, None),
		};
		last = last.max(block);
	}
	// At least one link, so that the consistency check compares links too.
	if linked.is_empty() {
		if !assets.iter().any(|a| a.owner == 0) {
			register(node, dir, &mut random, &mut assets, seed, steps, Some(0));
		}
		let asset = assets.iter().find(|a| a.owner == 0).map(|a| a.id).unwrap();
		let issued =
			ok(node, Some(STEWARDS[0]), &["code", "issue", "--class", "0", "--name", "link"]);
		let code = issued["id"].as_u64().unwrap();
		let block = runtime.block_on(submit(
			node,
			STEWARDS[0],
			city::tx().city_codes().link_asset(code, asset),
		));
		last = last.max(block);
	}
	last
}

/// Registers a random asset: of `owner` (a random department if `None`), with a random
/// classification, title and tag.
fn register(
	node: &DevNode,
	dir: &Path,
	random: &mut Random,
	assets: &mut Vec<RandomAsset>,
	seed: u64,
	step: usize,
	owner: Option<usize>,
) -> u64 {
	let owner = owner.unwrap_or_else(|| random.below(4));
	let classification = ["internal", "internal", "public", "confidential"][random.below(4)];
	let word = WORDS[random.below(WORDS.len())];
	let file = dir.join(format!("random-{step}.csv"));
	std::fs::write(&file, format!("seed {seed} step {step} {word}\n")).unwrap();
	let answer = ok(
		node,
		Some(STEWARDS[owner]),
		&[
			"asset",
			"register",
			file.to_str().unwrap(),
			"--name",
			&format!("{word} survey {step}"),
			"--classification",
			classification,
			"--tag",
			WORDS[random.below(WORDS.len())],
			"--location",
			&format!("https://data.example/{step}"),
		],
	);
	assets.push(RandomAsset {
		id: answer["asset"].as_u64().unwrap(),
		owner,
		internal: classification == "internal",
		file,
	});
	block_of(&answer)
}

/// A PostgreSQL server of the test's own (scripts/postgres), stopped when dropped.
struct Postgres {
	dir: tempfile::TempDir,
	url: String,
}

impl Postgres {
	fn start() -> Postgres {
		let dir = tempfile::tempdir().unwrap();
		// The server may run as another user (`postgres`, when the tests run as root).
		use std::os::unix::fs::PermissionsExt;
		std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
		let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres");
		let output = Command::new(script)
			.arg("start")
			.arg(dir.path().join("cluster"))
			.arg(free_port().to_string())
			.output()
			.unwrap();
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		let url = String::from_utf8(output.stdout).unwrap().trim().to_owned();
		Postgres { dir, url }
	}
}

impl Drop for Postgres {
	fn drop(&mut self) {
		let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres");
		let _ = Command::new(script).arg("stop").arg(self.dir.path().join("cluster")).output();
	}
}

/// `city-indexer serve` on a free port, killed when dropped.
struct Api {
	child: Child,
	port: u16,
}

impl Api {
	fn start(node: &DevNode, database: &str) -> Api {
		let port = free_port();
		let child = Command::new(INDEXER)
			.args(["--url", &node.url, "--database", database, "serve", "--insecure-http"])
			.args(["--listen", &format!("127.0.0.1:{port}")])
			.env("CITY_INDEXER_LOG", "warn")
			.spawn()
			.unwrap();
		let api = Api { child, port };
		let deadline = Instant::now() + Duration::from_secs(30);
		while api.try_get("/v1/health").is_none() {
			assert!(Instant::now() < deadline, "the read API did not start");
			std::thread::sleep(Duration::from_millis(100));
		}
		api
	}

	/// `GET path`: the status, the `city-indexed-block` header and the JSON body.
	fn try_get(&self, path: &str) -> Option<(u16, Option<u64>, Value)> {
		let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
		write!(stream, "GET {path} HTTP/1.1\r\nHost: indexer\r\nConnection: close\r\n\r\n").ok()?;
		let mut response = String::new();
		stream.read_to_string(&mut response).ok()?;
		let (head, body) = response.split_once("\r\n\r\n")?;
		let status = head.split_whitespace().nth(1)?.parse().ok()?;
		let indexed = head
			.lines()
			.find_map(|line| line.strip_prefix("city-indexed-block: "))
			.and_then(|n| n.trim().parse().ok());
		Some((status, indexed, serde_json::from_str(body).unwrap_or(Value::Null)))
	}

	fn get(&self, path: &str) -> (u16, Option<u64>, Value) {
		self.try_get(path).unwrap_or_else(|| panic!("GET {path}: no answer"))
	}

	/// `GET path`, which must succeed: its body.
	fn ok(&self, path: &str) -> Value {
		let (status, _, body) = self.get(path);
		assert_eq!(status, 200, "GET {path}: {body}");
		body
	}

	/// `GET path`, which must be refused with `status` and `reason`.
	fn refused(&self, path: &str, status: u16, reason: &str) {
		let (actual, _, body) = self.get(path);
		assert_eq!(
			(actual, body["error"]["reason"].as_str()),
			(status, Some(reason)),
			"GET {path}: {body}"
		);
	}
}

impl Drop for Api {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// The read API's answers about the scripted history.
struct Scripted {
	asset: u64,
	kept: u64,
	grant: u64,
	code: u64,
	code_text: String,
	last: u64,
}

fn assert_api(api: &Api, db: &Db, runtime: &tokio::runtime::Runtime, h: &Scripted) {
	let (status, indexed, health) = api.get("/v1/health");
	assert_eq!((status, indexed), (200, Some(h.last)), "{health}");
	assert_eq!(health["indexed"]["block"], h.last);
	let status = api.ok("/v1/status");
	assert_eq!(status["counts"]["departments"], 4, "{status}");

	// Search: by words of the title, by tag, none; facets; filters; pages.
	let ids = |answer: &Value| -> Vec<u64> {
		answer["items"].as_array().unwrap().iter().map(|a| a["id"].as_u64().unwrap()).collect()
	};
	let found = api.ok("/v1/assets?q=bus%20STOPS");
	assert_eq!((found["total"].as_u64(), ids(&found)), (Some(1), vec![h.asset]), "{found}");
	assert_eq!(found["items"][0]["owner_name"], "Health", "{found}");
	assert_eq!(ids(&api.ok("/v1/assets?q=pollution")), [h.kept]);
	assert_eq!(api.ok("/v1/assets?q=hospital")["total"], 0);
	assert_eq!(api.ok("/v1/assets?q=%22%2A%27")["total"], 0, "no word: nothing matches");
	let count = |sql: &str| -> u64 { runtime.block_on(async { int(&one(db, sql, &[]).await, 0) }) };
	let all = api.ok("/v1/assets?limit=100");
	assert_eq!(all["total"].as_u64(), Some(count("SELECT COUNT(*) FROM assets")));
	let transport = api.ok("/v1/assets?department=0&limit=100");
	assert_eq!(
		transport["total"].as_u64(),
		Some(count("SELECT COUNT(*) FROM assets WHERE owner = 0"))
	);
	assert!(transport["items"].as_array().unwrap().iter().all(|a| a["owner"] == 0));
	// A facet counts as if its own filter were not set: every department stays visible.
	let departments = transport["facets"]["department"].as_array().unwrap();
	let facet_total: u64 = departments.iter().map(|f| f["count"].as_u64().unwrap()).sum();
	assert_eq!(facet_total, all["total"].as_u64().unwrap(), "{departments:?}");
	let classifications = transport["facets"]["classification"].as_array().unwrap();
	let classified: u64 = classifications.iter().map(|f| f["count"].as_u64().unwrap()).sum();
	assert_eq!(classified, transport["total"].as_u64().unwrap(), "{classifications:?}");
	let public = api.ok("/v1/assets?classification=public&status=active");
	assert!(public["items"]
		.as_array()
		.unwrap()
		.iter()
		.all(|a| a["classification"] == "Public" && a["status"] == "active"));
	assert!(ids(&public).contains(&h.kept));
	assert_eq!(ids(&api.ok("/v1/assets?tag=POLLUTION")), [h.kept], "a tag, case ignored");
	let blank = api.ok("/v1/assets?q=&department=&classification=&sort=&limit=100");
	assert_eq!(blank["total"], all["total"], "blank fields are not given: {blank}");
	let first = api.ok("/v1/assets?sort=id&limit=2");
	let second = api.ok("/v1/assets?sort=id&limit=2&offset=2");
	let mut paged = ids(&first);
	paged.extend(ids(&second));
	let mut sorted = ids(&all);
	sorted.sort();
	assert_eq!(paged, sorted[..paged.len()].to_vec(), "pages in id order");
	assert_eq!(paged.len(), 4.min(sorted.len()));

	// The asset: its versions, and its history newest first, page by page.
	let asset = api.ok(&format!("/v1/assets/{}", h.asset));
	assert_eq!(asset["asset"]["status"], "retired", "{asset}");
	assert_eq!(asset["versions"].as_array().unwrap().len(), 2, "{asset}");
	let history = api.ok(&format!("/v1/assets/{}/history", h.asset));
	let names: Vec<&str> =
		history["events"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
	assert_eq!(names.first(), Some(&"AssetRetired"), "{names:?}");
	assert_eq!(names.last(), Some(&"AssetRegistered"), "{names:?}");
	assert_eq!(history["next"], Value::Null);
	let mut paged = Vec::new();
	let mut next = String::new();
	loop {
		let page = api.ok(&format!("/v1/assets/{}/history?limit=2{next}", h.asset));
		paged.extend(page["events"].as_array().unwrap().iter().map(|e| e["name"].clone()));
		match page["next"].as_str() {
			Some(cursor) => next = format!("&before={cursor}"),
			None => break,
		}
	}
	assert_eq!(paged, names, "the pages make the whole history");
	let days = history["receipts_per_day"].as_array().unwrap();
	assert_eq!(days.len(), 1, "{days:?}");
	assert_eq!(days[0]["count"], 1);
	assert_eq!(days[0]["day"].as_str().map(str::len), Some(10));
	let grants = history["grants"].as_array().unwrap();
	assert!(grants.iter().any(|g| g["id"] == h.grant && g["status"] == "revoked"), "{grants:?}");
	assert_eq!(history["grants_total"].as_u64(), Some(grants.len() as u64));

	let grant = api.ok(&format!("/v1/grants/{}", h.grant));
	assert_eq!(
		(grant["grant"]["status"].as_str(), grant["receipts"].as_u64()),
		(Some("revoked"), Some(1))
	);
	let department = api.ok("/v1/departments/0");
	assert_eq!(department["department"]["name"], "Transport");
	let bob = account("//Bob");
	assert!(department["members"]
		.as_array()
		.unwrap()
		.iter()
		.any(|m| m["account"] == bob && m["role"] == "Steward"));
	let activity = api.ok("/v1/departments/3/activity?limit=100");
	let events = activity["events"].as_array().unwrap();
	assert!(events.iter().any(|e| e["name"] == "RequestOpened"), "Planning asked for access");
	assert!(events.iter().all(|e| e["block"].as_u64() <= Some(h.last)));

	let by_text = api.ok(&format!("/v1/codes/{}", h.code_text.replace('/', "%2F")));
	let by_id = api.ok(&format!("/v1/codes/{}", h.code));
	assert_eq!(by_text["code"], by_id["code"]);
	let typed = api.ok(&format!("/v1/codes/{}", h.code_text.to_lowercase().replace('/', "%2F")));
	assert_eq!(typed["code"]["id"], h.code, "typed in lower case");
	assert_eq!(by_id["code"]["status"], "Retired");
	assert_eq!(by_id["events"][0]["name"], "CodeRetired", "{by_id}");

	let receipts = api.ok(&format!("/v1/receipts?asset={}", h.asset));
	let receipts = receipts["receipts"].as_array().unwrap();
	assert_eq!(receipts.len(), 1);
	assert_eq!(receipts[0]["consumer"], account("//Charlie//stash"));
	assert_eq!(receipts[0]["owner"], 0, "granted by Transport");
	let planning = api.ok("/v1/receipts?department=3&limit=1000");
	let planning = planning["receipts"].as_array().unwrap();
	assert!(planning.iter().any(|r| r["asset"] == h.asset), "{planning:?}");
	assert!(planning.iter().all(|r| r["grantee"] == 3));
	let all_receipts = api.ok("/v1/receipts?limit=1000")["receipts"].as_array().unwrap().len();
	assert_eq!(all_receipts as u64, count("SELECT COUNT(*) FROM receipts"));
	let future = api.ok(&format!("/v1/receipts?from_ms={}", u64::MAX / 2));
	assert_eq!(future["receipts"], json!([]));

	// Refusals, each with its reason.
	api.refused("/v1/assets/999999", 404, "UnknownAsset");
	api.refused("/v1/assets/bus", 404, "UnknownAsset");
	api.refused("/v1/assets?limit=1000", 400, "BadQuery");
	api.refused("/v1/assets?colour=red", 400, "BadQuery");
	api.refused("/v1/assets?classification=secret", 400, "BadQuery");
	api.refused("/v1/assets?department=-1", 400, "BadQuery");
	api.refused(&format!("/v1/assets/{}/history?before=yesterday", h.asset), 400, "BadQuery");
	api.refused("/v1/codes/NOPE", 404, "UnknownCode");
	api.refused("/v1/departments/77", 404, "UnknownDepartment");
	api.refused("/v1/nothing", 404, "NoSuchEndpoint");
}

/// `city-indexer check`: its exit status and report.
fn check(node: &DevNode, database: &str) -> (Option<i32>, Value) {
	let output = indexer(node, database, &["check"]);
	let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
	(output.status.code(), report)
}

#[test]
fn a_history_is_indexed_alike_in_sqlite_and_postgresql_served_checked_and_survives_sigkill() {
	let runtime = tokio::runtime::Runtime::new().unwrap();
	let node = start_node();
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("bus-stops.csv");
	std::fs::write(&file, b"stop,lat,lon\nMain St,39.90,116.40\n").unwrap();
	let file = file.to_str().unwrap();

	// The history.
	let registered = ok(
		&node,
		BOB,
		&[
			"asset",
			"register",
			file,
			"--classification",
			"internal",
			"--tag",
			"buses",
			"--location",
			"https://transport.example/bus-stops.csv",
		],
	);
	let asset = registered["asset"].as_u64().unwrap();
	let air = dir.path().join("air.csv");
	std::fs::write(&air, b"district,pm25\nnorth,12\n").unwrap();
	let kept = ok(
		&node,
		BOB,
		&[
			"asset",
			"register",
			air.to_str().unwrap(),
			"--classification",
			"public",
			"--tag",
			"pollution",
			"--tag",
			"Luftqualität",
			"--location",
			"https://transport.example/air.csv",
		],
	);
	let kept = kept["asset"].as_u64().unwrap();
	let asset_arg = asset.to_string();
	std::fs::write(dir.path().join("bus-stops.csv"), b"stop,lat,lon\nMain St,39.91,116.41\n")
		.unwrap();
	let location = "https://transport.example/bus-stops-2.csv";
	let updated = ok(&node, BOB, &["asset", "update", &asset_arg, file, "--location", location]);
	assert_eq!(updated["version"], 2);
	let request =
		ok(&node, CHARLIE_STASH, &["access", "request", &asset_arg, "--purpose", "route study"]);
	let request_arg = request["request"].as_u64().unwrap().to_string();
	let approved = ok(&node, BOB, &["access", "approve", &request_arg, "--max-uses", "2"]);
	let grant = approved["grant"].as_u64().unwrap();
	let grant_arg = grant.to_string();
	let receipt = format!("0x{}", "ab".repeat(32));
	ok(
		&node,
		CHARLIE_STASH,
		&["access", "record", &asset_arg, "--grant", &grant_arg, "--receipt", &receipt],
	);
	ok(&node, BOB, &["access", "revoke", &grant_arg, "--reason", "study over"]);
	let second = ok(&node, CHARLIE_STASH, &["access", "request", &asset_arg, "--purpose", "again"]);
	let second_arg = second["request"].as_u64().unwrap().to_string();
	ok(&node, BOB, &["access", "reject", &second_arg, "--reason", "not now"]);
	let issued = ok(&node, FERDIE, &["code", "issue", "--class", "0", "--name", "Signal 12"]);
	let code = issued["id"].as_u64().unwrap();
	let code_text = issued["code"].as_str().unwrap().to_owned();
	let last = runtime.block_on(async {
		submit(&node, "//Bob", city::tx().data_assets().offer_transfer(asset, 1)).await;
		submit(&node, "//Dave", city::tx().data_assets().accept_transfer(asset)).await;
		submit(&node, "//Dave", city::tx().data_assets().retire_asset(asset)).await;
		submit(&node, "//Ferdie", city::tx().city_codes().retire_code(code)).await
	});
	let seed = std::env::var("CITY_TEST_SEED")
		.ok()
		.and_then(|seed| seed.parse().ok())
		.unwrap_or_else(|| {
			let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
			now.map(|d| d.as_nanos() as u64).unwrap_or(1)
		});
	eprintln!("the random sequence's seed is {seed}: CITY_TEST_SEED={seed} repeats it");
	let last = last.max(random_sequence(&node, &runtime, dir.path(), seed, 12));

	// Index it all into SQLite and into PostgreSQL (waiting for the last block to be finalized).
	let database = format!("sqlite:{}", dir.path().join("clean.db").display());
	let postgres = Postgres::start();
	for database in [&database, &postgres.url] {
		let output = indexer(&node, database, &["follow", "--until", &last.to_string()]);
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		let status = indexer(&node, database, &["status"]);
		let status: Value = serde_json::from_slice(&status.stdout).unwrap();
		assert_eq!(status["indexed"], last, "{status}");
	}

	for database in [&database, &postgres.url] {
		runtime.block_on(async {
		let db = Db::open(database).await.unwrap();

		// Blocks 0..=last, each once, with times after genesis.
		let blocks = one(&db, "SELECT COUNT(*), MIN(number), MAX(number) FROM blocks", &[]).await;
		assert_eq!((int(&blocks, 0), int(&blocks, 1), int(&blocks, 2)), (last + 1, 0, last));
		let counted = one(&db, "SELECT SUM(event_count) FROM blocks", &[]).await;
		let events = one(&db, "SELECT COUNT(*) FROM events", &[]).await;
		assert_eq!(int(&counted, 0), int(&events, 0));

		// The demo city at genesis: four departments, Bob a Steward of Transport.
		let departments =
			db.rows("SELECT id, name FROM departments ORDER BY id", &[]).await.unwrap();
		let names: Vec<String> = departments.iter().map(|row| text(row, 1)).collect();
		assert_eq!(names, ["Transport", "Health", "Environment", "Planning"]);
		let bob = one(
			&db,
			"SELECT role, changed_block FROM members WHERE department = 0 AND account = $1",
			&[account("//Bob").into()],
		)
		.await;
		assert_eq!((text(&bob, 0), int(&bob, 1)), ("Steward".to_owned(), 0));

		// The asset: transferred to Health, retired (which clears its tags and location), two
		// versions with the registered hashes.
		let row = one(
			&db,
			"SELECT owner, title, tags, classification, status, latest_version, details FROM assets WHERE id = $1",
			&[asset.into()],
		)
		.await;
		assert_eq!(
			(
				int(&row, 0),
				text(&row, 1),
				text(&row, 2),
				text(&row, 3),
				text(&row, 4),
				int(&row, 5)
			),
			(1, "bus-stops.csv".into(), "".into(), "Internal".into(), "retired".into(), 2),
			"{}",
			text(&row, 6)
		);
		let versions = db
			.rows(
				"SELECT version, content, registered_by FROM asset_versions WHERE asset = $1 ORDER BY version",
				&[asset.into()],
			)
			.await
			.unwrap();
		let content = |answer: &Value| {
			format!(
				"{}:{}",
				answer["content"]["algorithm"].as_str().unwrap(),
				answer["content"]["digest"].as_str().unwrap()
			)
		};
		let found: Vec<(u64, String, String)> =
			versions.iter().map(|row| (int(row, 0), text(row, 1), text(row, 2))).collect();
		assert_eq!(
			found,
			[(1, content(&registered), account("//Bob")), (2, content(&updated), account("//Bob"))]
		);
		assert_eq!(db.search_assets("bus STOPS", 10).await.unwrap(), [asset]);
		assert_eq!(db.search_assets("POLLUTION", 10).await.unwrap(), [kept], "by tag");
		assert_eq!(db.search_assets("air pollution", 10).await.unwrap(), [kept], "every word");
		assert!(db.search_assets("air", 10).await.unwrap().contains(&kept), "by title");
		assert!(db.search_assets("hospital", 10).await.unwrap().is_empty());
		// Words of any script, accents kept, alike in both databases.
		assert_eq!(db.search_assets("LUFTQUALITÄT", 10).await.unwrap(), [kept]);
		assert_eq!(db.search_assets("luftq", 10).await.unwrap(), [kept], "a prefix");
		assert!(db.search_assets("luftqualitat", 10).await.unwrap().is_empty());
		// The asset's history: registered, versioned, transferred, retired, in order.
		let history = db
			.rows(
				"SELECT e.name FROM changes c JOIN events e ON e.block = c.block AND e.idx = c.event \
				 WHERE c.kind = 'asset' AND c.entity = $1 AND e.pallet = 'DataAssets' \
				 ORDER BY c.block, c.event",
				&[asset_arg.clone().into()],
			)
			.await
			.unwrap();
		let history: Vec<String> = history.iter().map(|row| text(row, 0)).collect();
		assert_eq!(
			history,
			[
				"AssetRegistered",
				"VersionAdded",
				"TransferOffered",
				"AssetTransferred",
				"AssetRetired"
			]
		);

		// Requests and the grant: approved, rejected; issued, used once, revoked by Bob.
		let statuses = db
			.rows(
				"SELECT status FROM requests WHERE id IN ($1, $2) ORDER BY id",
				&[request["request"].as_u64().into(), second["request"].as_u64().into()],
			)
			.await
			.unwrap();
		let statuses: Vec<String> = statuses.iter().map(|row| text(row, 0)).collect();
		assert_eq!(statuses, ["approved", "rejected"]);
		let row = one(
			&db,
			"SELECT g.grantee, g.status, g.uses, g.max_uses, x.signer, x.call_name \
			 FROM grants g JOIN extrinsics x ON x.block = g.changed_block AND x.idx = g.changed_extrinsic \
			 WHERE g.id = $1",
			&[grant.into()],
		)
		.await;
		assert_eq!(
			(int(&row, 0), text(&row, 1), int(&row, 2), int(&row, 3), text(&row, 4), text(&row, 5)),
			(3, "revoked".into(), 1, 2, account("//Bob"), "revoke_access".into())
		);
		let receipt_row = one(
			&db,
			"SELECT kind, consumer, asset, grantee, use_count, receipt FROM receipts WHERE grant_id = $1",
			&[grant.into()],
		)
		.await;
		assert_eq!(
			(
				text(&receipt_row, 0),
				text(&receipt_row, 1),
				int(&receipt_row, 2),
				int(&receipt_row, 3)
			),
			("recorded".into(), account("//Charlie//stash"), asset, 3)
		);
		assert_eq!(int(&receipt_row, 4), 1);
		assert_eq!(text(&receipt_row, 5), json!(receipt).to_string());

		// The code: issued by Environment, retired.
		let row =
			one(&db, "SELECT code_text, owner, status FROM codes WHERE id = $1", &[code.into()])
				.await;
		assert_eq!(
			(text(&row, 0), int(&row, 1), text(&row, 2)),
			(code_text.clone(), 2, "Retired".into())
		);
	});
	}
	let sqlite = runtime.block_on(Db::open(&database)).unwrap();
	let in_postgres = runtime.block_on(Db::open(&postgres.url)).unwrap();
	let (in_sqlite, in_pg) =
		runtime.block_on(async { (dump(&sqlite).await, dump(&in_postgres).await) });
	assert!(
		in_sqlite == in_pg,
		"SQLite and PostgreSQL differ first at {:?}",
		in_sqlite.iter().zip(&in_pg).find(|(a, b)| a != b)
	);

	// Each agrees with the chain, and answers the read API alike.
	let scripted = Scripted { asset, kept, grant, code, code_text: code_text.clone(), last };
	for (database, db) in [(&database, &sqlite), (&postgres.url, &in_postgres)] {
		let (status, report) = check(&node, database);
		assert_eq!((status, &report["differences"]), (Some(0), &json!([])), "{report}");
		assert_eq!(report["block"], last);
		for table in ["departments", "members", "assets", "grants", "codes", "code links"] {
			assert!(report["compared"][table].as_u64() > Some(0), "{table}: {report}");
		}
		let api = Api::start(&node, database);
		assert_api(&api, db, &runtime, &scripted);
	}

	// SIGKILL during catch-up, five times at different moments, then a full run: the database
	// is row for row the one indexed in one go.
	let killed = format!("sqlite:{}", dir.path().join("killed.db").display());
	let mut stored_at_kills = Vec::new();
	// (Up to `last`: the chain has gone on meanwhile.)
	for delay_ms in [400, 900, 1400, 1900, 2400] {
		let mut child = Command::new(INDEXER)
			.args([
				"--url",
				&node.url,
				"--database",
				&killed,
				"follow",
				"--until",
				&last.to_string(),
			])
			.env("CITY_INDEXER_LOG", "warn")
			.spawn()
			.unwrap();
		std::thread::sleep(Duration::from_millis(delay_ms));
		child.kill().unwrap(); // SIGKILL
		child.wait().unwrap();
		let status = indexer(&node, &killed, &["status"]);
		let status: Value = serde_json::from_slice(&status.stdout).unwrap_or(Value::Null);
		stored_at_kills.push(status["indexed"].clone());
	}
	let output = indexer(&node, &killed, &["follow", "--until", &last.to_string()]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	runtime.block_on(async {
		let clean = dump(&Db::open(&database).await.unwrap()).await;
		let after_kills = dump(&Db::open(&killed).await.unwrap()).await;
		assert!(clean.len() > 100, "a real history: {} rows", clean.len());
		assert!(
			clean == after_kills,
			"killed at {stored_at_kills:?}: the first difference is {:?}",
			clean.iter().zip(&after_kills).find(|(a, b)| a != b)
		);
	});

	// A difference planted in the index is found, and only that one.
	runtime
		.block_on(
			sqlite.write(&[city_indexer::write_sql!(
				"UPDATE assets SET owner = 3 WHERE id = $1",
				kept
			)]),
		)
		.unwrap();
	let (status, report) = check(&node, &database);
	assert_eq!(status, Some(7), "{report}");
	assert_eq!(
		report["differences"],
		json!([{ "table": "assets", "key": [kept], "what": "owner", "chain": 0, "index": 3 }])
	);

	// Another dev chain (same genesis, other blocks): refused, and the database is untouched.
	let other = start_node();
	let deadline = Instant::now() + Duration::from_secs(60);
	loop {
		let status = indexer(&other, &database, &["status"]);
		let status: Value = serde_json::from_slice(&status.stdout).unwrap_or(Value::Null);
		if status["finalized"].as_u64().is_some_and(|f| f >= 1) {
			break;
		}
		assert!(Instant::now() < deadline, "the second node finalizes nothing");
		std::thread::sleep(Duration::from_millis(500));
	}
	let refused = indexer(&other, &database, &["follow", "--until", &(last + 5).to_string()]);
	let stderr = String::from_utf8_lossy(&refused.stderr);
	assert_eq!(refused.status.code(), Some(5), "{stderr}");
	assert!(stderr.contains("the stored chain is not the node's"), "{stderr}");
	let status = indexer(&node, &database, &["status"]);
	let status: Value = serde_json::from_slice(&status.stdout).unwrap();
	assert_eq!(status["indexed"], last);
}

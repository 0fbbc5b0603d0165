//! The indexer against a dev node: a scripted history (register, version, request, approve,
//! record, revoke, reject, issue a code, transfer, retire) becomes the rows it should, a SIGKILL
//! during catch-up loses and duplicates nothing, and a node of another chain is refused.

#[path = "../../cli/tests/common/mod.rs"]
mod common;

use city_client::chain::{self, city, Wait};
use city_indexer::db::{self, Arg, Db};
use common::{ok, start_node, DevNode};
use serde_json::{json, Value};
use std::{
	process::{Command, Output},
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

/// Every table's rows, in primary-key order, as text: what two indexings must agree on.
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
		let sql = format!("SELECT * FROM {table} ORDER BY {key}");
		for row in db.rows(&sql, &[]).await.unwrap() {
			use sqlx::{Column, Row};
			let values: Vec<String> = (0..row.len())
				.map(|i| {
					let name = row.column(i).name().to_owned();
					let value = row
						.try_get::<Option<i64>, _>(i)
						.map(|v| format!("{v:?}"))
						.or_else(|_| row.try_get::<Option<String>, _>(i).map(|v| format!("{v:?}")))
						.unwrap_or_else(|e| format!("<{e}>"));
					format!("{name}={value}")
				})
				.collect();
			rows.push(format!("{table}: {}", values.join(" ")));
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

#[test]
fn a_scripted_history_is_indexed_and_survives_sigkill_and_another_chain_is_refused() {
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

	// Index it all (waiting for the last block to be finalized).
	let database = format!("sqlite:{}", dir.path().join("clean.db").display());
	let output = indexer(&node, &database, &["follow", "--until", &last.to_string()]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let status = indexer(&node, &database, &["status"]);
	let status: Value = serde_json::from_slice(&status.stdout).unwrap();
	assert_eq!(status["indexed"], last, "{status}");

	runtime.block_on(async {
		let db = Db::open(&database).await.unwrap();

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

	// SIGKILL during catch-up, four times at different moments, then a full run: the database
	// is row for row the one indexed in one go.
	let killed = format!("sqlite:{}", dir.path().join("killed.db").display());
	let mut stored_at_kills = Vec::new();
	for delay_ms in [150, 400, 800, 1600] {
		let mut child = Command::new(INDEXER)
			.args(["--url", &node.url, "--database", &killed, "follow"])
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

//! `city-cli` end to end against a `--dev` node: every command, its JSON output and its exit
//! codes, including the failures a department system must be able to tell apart.
//!
//! The node binary comes from the same target directory (`cargo build -p city-node`, which
//! `scripts/test` runs before this) or from `CITY_NODE`.

mod common;

use common::{fails, free_port, ok, start_node};
use serde_json::Value;
use std::process::Command;

const CLI: &str = env!("CARGO_BIN_EXE_city-cli");

const BOB: Option<&str> = Some("//Bob"); // Steward of department 0
const CHARLIE_STASH: Option<&str> = Some("//Charlie//stash"); // Steward of department 3
const FERDIE: Option<&str> = Some("//Ferdie"); // Steward of department 2
const OUTSIDER: Option<&str> = Some("//Eve//stash"); // funded, in no department

#[test]
fn hash_is_offline_and_matches_known_digests() {
	let dir = tempfile::tempdir().unwrap();
	let empty = dir.path().join("empty");
	std::fs::write(&empty, b"").unwrap();
	let run = |algorithm: &str| {
		let output = Command::new(CLI)
			.args(["--json", "--url", "ws://127.0.0.1:1", "hash"])
			.arg(&empty)
			.args(["--algorithm", algorithm])
			.output()
			.unwrap();
		assert!(output.status.success());
		serde_json::from_slice::<Value>(&output.stdout).unwrap()["content"]["digest"].clone()
	};
	assert_eq!(
		run("blake2-256"),
		"0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
	);
	assert_eq!(
		run("sha2-256"),
		"0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	);
	// A missing file is a file error (7), not a crash.
	let output = Command::new(CLI).args(["hash", "/nonexistent/file"]).output().unwrap();
	assert_eq!(output.status.code(), Some(7));
}

#[test]
fn an_unreachable_node_is_exit_code_3() {
	let port = free_port();
	let output = Command::new(CLI)
		.args(["--json", "--url", &format!("ws://127.0.0.1:{port}"), "asset", "show", "0"])
		.output()
		.unwrap();
	assert_eq!(output.status.code(), Some(3));
	let json: Value = serde_json::from_slice(&output.stdout).unwrap();
	assert_eq!(json["error"]["kind"], "unreachable");
}

#[test]
fn local_errors_are_reported_before_the_node_is_contacted() {
	// No node listens on this port: the errors below must still be the local ones.
	let url = format!("ws://127.0.0.1:{}", free_port());
	let dir = tempfile::tempdir().unwrap();
	let file = dir.path().join("data.csv");
	std::fs::write(&file, b"x").unwrap();
	let run = |args: &[&str]| {
		let output = Command::new(CLI)
			.args(["--json", "--url", &url])
			.args(args)
			.env_remove("CITY_SURI")
			.output()
			.unwrap();
		let json: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
		(output.status.code(), json)
	};
	let file = file.to_str().unwrap();
	let register = ["asset", "register", file, "--classification", "public", "--location", "x"];
	// No key for a signed command: usage (2).
	assert_eq!(run(&register).0, Some(2));
	// An unreadable file: file (7).
	let (code, json) = run(&["verify", "/nonexistent/data.csv", "--asset", "1"]);
	assert_eq!((code, json["error"]["kind"].as_str()), (Some(7), Some("file")));
	// A bad command line with --json is a JSON error too.
	let (code, json) = run(&["asset", "show", "not-a-number"]);
	assert_eq!((code, json["error"]["kind"].as_str()), (Some(2), Some("usage")), "{json}");
	// Reads need the node: unreachable (3).
	assert_eq!(run(&["asset", "show", "1"]).0, Some(3));
}

#[test]
fn department_workflow_end_to_end() {
	let node = start_node();
	let dir = tempfile::tempdir().unwrap();
	let report = dir.path().join("report.csv");
	std::fs::write(&report, b"district,pm25\nnorth,12\n").unwrap();
	let report_str = report.to_str().unwrap();

	// Signed commands need a key; an outsider is refused with the chain's named error.
	let register = [
		"asset",
		"register",
		report_str,
		"--classification",
		"internal",
		"--location",
		"https://x/r.csv",
	];
	fails(&node, None, &register, 2);
	let refused = fails(&node, OUTSIDER, &register, 5);
	assert!(refused["message"].as_str().unwrap().contains("Departments::NotMember"), "{refused}");

	// Register, then verify the file and a changed copy.
	let registered = ok(&node, BOB, &[&register[..], &["--tag", "air"]].concat());
	let asset = registered["asset"].as_u64().unwrap();
	assert_eq!(registered["owner"], 0);
	assert_eq!(registered["size"], 23);
	let asset_arg = asset.to_string();
	let shown = ok(&node, None, &["asset", "show", &asset_arg]);
	assert_eq!(shown["name"], "report.csv");
	assert_eq!(shown["tags"][0], "air");
	assert_eq!(shown["current"]["content"], registered["content"]);
	assert_eq!(registered["content"]["algorithm"], "sha2-256", "SHA-256 is the default");

	// A file registered with city-cli is found by docs/integration.md's recipe: hash it with
	// `sha256sum`, ask `city_assetByHash` over HTTP JSON-RPC with the algorithm named.
	let recipe = format!(
		r#"digest=$(sha256sum '{report_str}' | cut -d' ' -f1)
curl -sS -H 'Content-Type: application/json' {url} \
  -d "{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"city_assetByHash\",\"params\":[\"$digest\",\"sha2_256\"]}}""#,
		url = node.url.replace("ws://", "http://")
	);
	let output = Command::new("sh").args(["-c", &recipe]).output().expect("run curl");
	let answer: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
	let registration = &answer["result"]["registrations"][0];
	assert_eq!(registration["asset"], asset, "{recipe}: {answer}");
	assert_eq!(registration["version"], 1, "{answer}");

	let verified = ok(&node, None, &["verify", report_str, "--asset", &asset_arg]);
	assert_eq!(verified["version"], 1);
	let changed = dir.path().join("changed.csv");
	std::fs::write(&changed, b"district,pm25\nnorth,13\n").unwrap();
	let changed_str = changed.to_str().unwrap();
	let no = fails(&node, None, &["verify", changed_str, "--asset", &asset_arg], 6);
	assert_eq!(no["detail"]["matches"], false);

	// The changed file becomes version 2; the original is still version 1, no longer current.
	let updated = ok(
		&node,
		BOB,
		&["asset", "update", &asset_arg, changed_str, "--location", "https://x/r2.csv"],
	);
	assert_eq!(updated["version"], 2);
	assert_eq!(ok(&node, None, &["verify", changed_str, "--asset", &asset_arg])["version"], 2);
	let old = ok(&node, None, &["verify", report_str, "--asset", &asset_arg]);
	assert_eq!((old["version"].as_u64(), old["latest_version"].as_u64()), (Some(1), Some(2)));
	fails(&node, None, &["verify", report_str, "--asset", &asset_arg, "--version", "9"], 4);
	fails(&node, None, &["asset", "show", "999999"], 4);

	// Department 3 asks, the owner approves with one use; one access is recorded, the second
	// is refused, the grant is revoked and access is denied.
	fails(&node, None, &["access", "check", "999999", "--department", "3"], 4);
	let denied = fails(&node, None, &["access", "check", &asset_arg, "--department", "3"], 6);
	assert_eq!(denied["detail"]["reason"], "NoGrant");
	let request = ok(
		&node,
		CHARLIE_STASH,
		&["access", "request", &asset_arg, "--purpose", "air study", "--days", "7"],
	);
	let request_arg = request["request"].as_u64().unwrap().to_string();
	fails(&node, CHARLIE_STASH, &["access", "approve", &request_arg], 5);
	let approved = ok(&node, BOB, &["access", "approve", &request_arg, "--max-uses", "1"]);
	let grant = approved["grant"].as_u64().expect("an internal asset needs no oversight");
	let grant_arg = grant.to_string();
	let allowed = ok(&node, None, &["access", "check", &asset_arg, "--department", "3"]);
	assert_eq!(
		(allowed["grant"].as_u64(), allowed["remaining_uses"].as_u64()),
		(Some(grant), Some(1))
	);
	let by_account = ok(&node, CHARLIE_STASH, &["access", "check", &asset_arg]);
	assert_eq!(by_account["allowed"], true);
	let shown = ok(&node, None, &["access", "grant", &grant_arg]);
	assert_eq!(
		(shown["grantee"].as_u64(), shown["purpose"].as_str()),
		(Some(3), Some("air study"))
	);

	let receipt = format!("0x{}", "ab".repeat(32));
	let recorded = ok(
		&node,
		CHARLIE_STASH,
		&["access", "record", &asset_arg, "--grant", &grant_arg, "--receipt", &receipt],
	);
	assert_eq!(recorded["use_count"], 1);
	let exhausted =
		fails(&node, CHARLIE_STASH, &["access", "record", &asset_arg, "--grant", &grant_arg], 5);
	assert!(exhausted["message"].as_str().unwrap().contains("AccessGrants::"), "{exhausted}");
	fails(
		&node,
		CHARLIE_STASH,
		&["access", "record", &asset_arg, "--grant", &grant_arg, "--receipt", "0x12"],
		2,
	);
	ok(&node, BOB, &["access", "revoke", &grant_arg, "--reason", "study over"]);
	fails(&node, None, &["access", "check", &asset_arg, "--department", "3"], 6);

	// A second request is rejected; unknown requests are "not found".
	let request =
		ok(&node, CHARLIE_STASH, &["access", "request", &asset_arg, "--purpose", "again"]);
	let request_arg = request["request"].as_u64().unwrap().to_string();
	ok(&node, BOB, &["access", "reject", &request_arg, "--reason", "not now"]);
	fails(&node, BOB, &["access", "approve", &request_arg], 4);

	// City codes: issue one with a location, resolve it in any case, catch a typo, batch-issue
	// 60 (two calls) and draw a QR code.
	let issued = ok(
		&node,
		FERDIE,
		&[
			"code",
			"issue",
			"--class",
			"0",
			"--name",
			"Signal 12",
			"--latitude",
			"39.9042",
			"--longitude",
			"-116.4074",
		],
	);
	let code = issued["code"].as_str().unwrap().to_string();
	let resolved = ok(&node, None, &["code", "resolve", &code.to_lowercase()]);
	assert_eq!(
		(resolved["code"].as_str(), resolved["name"].as_str()),
		(Some(code.as_str()), Some("Signal 12"))
	);
	assert_eq!(resolved["location"]["longitude"], -116.4074);
	let mut typo = code.clone();
	let last = typo.pop().unwrap();
	typo.push(if last == '0' { '1' } else { '0' });
	assert_eq!(
		fails(&node, None, &["code", "resolve", &typo], 6)["detail"]["reason"],
		"WrongCheckCharacter"
	);
	fails(&node, None, &["code", "resolve", "not a code"], 6);

	let batch =
		ok(&node, FERDIE, &["code", "batch", "--class", "0", "--count", "60", "--prefix", "lamp"]);
	assert_eq!(batch["count"], 60);
	assert_eq!(batch["ranges"].as_array().unwrap().len(), 2);
	assert_eq!(
		ok(&node, None, &["code", "resolve", batch["last"].as_str().unwrap()])["name"],
		"lamp-60"
	);

	let png = dir.path().join("code.png");
	let qr = ok(&node, None, &["code", "qr", &code, "--out", png.to_str().unwrap()]);
	assert_eq!(qr["uri"], format!("CITYCODE:{code}"));
	assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
	fails(&node, None, &["code", "qr", &typo, "--out", png.to_str().unwrap()], 6);

	// The load benchmark's plumbing, at a size that proves nothing about speed: every
	// transaction is included, none fails, and the CSV has a row per kind.
	let csv = dir.path().join("bench.csv");
	let bench = ok(
		&node,
		None,
		&["bench", "--count", "20", "--kinds", "record-access", "--csv", csv.to_str().unwrap()],
	);
	for kind in bench["kinds"].as_array().unwrap() {
		assert_eq!(
			(kind["included"].as_u64(), kind["failed"].as_u64()),
			(Some(20), Some(0)),
			"{kind}"
		);
		assert!(kind["ceiling_per_s"].as_f64().unwrap() > 0.0);
	}
	let rows = std::fs::read_to_string(&csv).unwrap();
	assert_eq!(rows.lines().count(), 3, "{rows}");
	assert!(rows.lines().nth(2).unwrap().starts_with("record_access,20,"));
}

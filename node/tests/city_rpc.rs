//! End to end: every `city_*` JSON-RPC method against the demo city of a `--dev` node, with the
//! readable JSON it answers and the error codes for bad input (malformed codes, wrong check
//! characters, bad hex, unknown ids, bad accounts); the node keeps producing blocks afterwards.

mod common;

use std::time::Duration;

use city_primitives::city_code::CityCode;
use common::Node;
use serde_json::{json, Value};
use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
use sp_keyring::Sr25519Keyring;

/// JSON-RPC's code for invalid parameters.
const INVALID_PARAMS: i64 = -32602;
/// `city_*`: the runtime API call failed.
const RUNTIME: i64 = 1000;
/// `city_*`: what was asked for does not exist.
const NOT_FOUND: i64 = 1001;

/// `account` as a CityChain address.
fn address(account: Sr25519Keyring) -> String {
	account
		.to_account_id()
		.to_ss58check_with_version(Ss58AddressFormat::custom(city_runtime::SS58_PREFIX))
}

/// The `0x` hex SHA-256 of a demo asset's stand-in content.
fn demo_digest(content: &str) -> String {
	sp_core::bytes::to_hex(&sp_io::hashing::sha2_256(content.as_bytes()), false)
}

/// The canonical text of a code with these parts.
fn code_text(department: &str, class: &str, serial: u32) -> String {
	let code = CityCode::new(b"BJ", department.as_bytes(), class.as_bytes(), serial).unwrap();
	String::from_utf8(code.to_text().to_vec()).unwrap()
}

/// Calls `method` and asserts that it fails with `code`; returns the message.
fn expect_error(node: &Node, method: &str, params: Value, code: i64) -> String {
	match node.rpc(method, params.clone()) {
		Ok(value) => node.fail(&format!("{method}({params}) answered {value}, not error {code}")),
		Err(error) => {
			assert_eq!(error.code, code, "{method}({params}): {}", error.message);
			assert!(!error.message.is_empty(), "{method}({params}) has a message");
			error.message
		},
	}
}

fn departments_and_members(node: &Node) {
	let transport = node.call("city_department", json!(["trf"]));
	assert_eq!(transport["id"], 0);
	assert_eq!(transport["name"], "Transport");
	assert_eq!(transport["status"], "Active");
	assert_eq!(node.call("city_department", json!([1]))["prefix"], "HLT");

	let bob = node.call("city_departmentOf", json!([address(Sr25519Keyring::Bob)]));
	assert_eq!(
		bob,
		json!({ "account": address(Sr25519Keyring::Bob), "department": 0, "role": "Steward" })
	);
	// Any SS58 prefix on input, CityChain's on output.
	let generic = Sr25519Keyring::Bob.to_account_id().to_ss58check();
	assert_eq!(node.call("city_departmentOf", json!([generic])), bob);
	assert_eq!(
		node.call("city_departmentOf", json!([address(Sr25519Keyring::EveStash)])),
		Value::Null
	);

	let members = node.call("city_members", json!(["ENV"]));
	assert_eq!(members.as_array().unwrap().len(), 3, "{members}");
}

fn assets(node: &Node, genesis: &str) {
	let bus = node.call("city_asset", json!([1]));
	assert_eq!(bus["id"], 1);
	assert_eq!(bus["owner"], 0);
	assert_eq!(bus["name"], "Bus GPS traces");
	assert_eq!(bus["mediaType"], "application/x-ndjson");
	assert_eq!(bus["classification"], "Internal");
	assert_eq!(bus["tags"], json!(["transit", "mobility"]));
	assert_eq!(bus["latestVersion"], 1);
	assert_eq!(bus["active"], true);
	assert_eq!(bus["deposit"], Value::Null, "genesis assets hold no deposit");
	let current = &bus["current"];
	assert_eq!(current["version"], 1);
	assert_eq!(
		current["content"],
		json!({ "algorithm": "Sha2_256", "digest": demo_digest("demo: bus GPS traces") })
	);
	assert_eq!(current["size"], "demo: bus GPS traces".len());
	assert_eq!(current["location"], "https://gateway.trf.city.example/assets/bus-gps");
	assert_eq!(current["registeredBy"], address(Sr25519Keyring::Bob));

	// At a chosen block: the genesis block has the demo city too.
	assert_eq!(node.call("city_asset", json!([1, genesis])), bus);
	assert_eq!(node.call("city_assetVersion", json!([1, 1])), *current);

	let page = node.call("city_assetsOf", json!(["HLT"]));
	let names: Vec<&str> =
		page["assets"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
	assert_eq!(names.len(), 2, "{page}");
	assert!(names.contains(&"Patient records extract"), "{names:?}");
	assert_eq!(page["nextStartAfter"], Value::Null);
	// Paging: one at a time, then the rest.
	let first = node.call("city_assetsOf", json!([1, null, 1]));
	assert_eq!(first["assets"].as_array().unwrap().len(), 1);
	let after = first["nextStartAfter"].clone();
	assert_ne!(after, Value::Null);
	let rest = node.call("city_assetsOf", json!([1, after, 1]));
	assert_eq!(rest["assets"].as_array().unwrap().len(), 1);
	assert_ne!(rest["assets"][0]["id"], first["assets"][0]["id"]);
	assert_eq!(rest["nextStartAfter"], Value::Null);
	// A limit of 0 asks for nothing, and gets nothing.
	assert_eq!(
		node.call("city_assetsOf", json!([1, null, 0])),
		json!({"assets": [], "nextStartAfter": null})
	);

	// What is this file, and who registered it? With and without `0x`, the algorithm in
	// either spelling.
	let digest = demo_digest("demo: zoning plan 2030");
	let found = node.call("city_assetByHash", json!([digest, "sha2_256"]));
	assert_eq!(found["nextStartAfter"], Value::Null);
	let registrations = found["registrations"].as_array().expect("a list of registrations");
	assert_eq!(registrations.len(), 1, "{found}");
	let first = &registrations[0];
	assert_eq!((&first["asset"], &first["version"]), (&json!(5), &json!(1)));
	assert_eq!(first["department"], node.call("city_asset", json!([5]))["owner"]);
	assert_eq!(first["content"]["digest"], json!(digest));
	assert_eq!(
		node.call("city_assetByHash", json!([digest.trim_start_matches("0x"), "SHA2-256"])),
		found
	);
	// The algorithm is never guessed.
	let message = expect_error(node, "city_assetByHash", json!([digest]), INVALID_PARAMS);
	assert!(message.contains("missing algorithm"), "{message}");
	// The same digest under the other algorithm is other content: registered by nobody.
	assert_eq!(
		node.call("city_assetByHash", json!([digest, "blake2_256"])),
		json!({"registrations": [], "nextStartAfter": null})
	);
	// A limit of 0 asks for nothing.
	assert_eq!(
		node.call("city_assetByHash", json!({"hash": digest, "algorithm": "sha2_256", "limit": 0})),
		json!({"registrations": [], "nextStartAfter": null})
	);

	// Is my copy genuine?
	let genuine = node.call("city_verifyAsset", json!([5, 1, digest, "sha2_256"]));
	assert_eq!(genuine["result"], "Match");
	assert_eq!(genuine["matches"], true);
	let tampered =
		node.call("city_verifyAsset", json!([5, 1, demo_digest("tampered"), "sha2_256"]));
	assert_eq!(
		(tampered["result"].clone(), tampered["matches"].clone()),
		(json!("Mismatch"), json!(false))
	);

	// Unknown ids.
	assert!(expect_error(node, "city_asset", json!([99]), NOT_FOUND).contains("unknown asset 99"));
	let message = expect_error(node, "city_assetVersion", json!([1, 2]), NOT_FOUND);
	assert!(message.contains("no version 2"), "{message}");
	expect_error(node, "city_assetVersion", json!([99, 1]), NOT_FOUND);
	expect_error(node, "city_verifyAsset", json!([99, 1, digest, "sha2_256"]), NOT_FOUND);
	expect_error(node, "city_verifyAsset", json!([5, 7, digest, "sha2_256"]), NOT_FOUND);
	expect_error(node, "city_assetsOf", json!([99]), NOT_FOUND);
	expect_error(node, "city_assetsOf", json!(["XYZ"]), NOT_FOUND);
	// Bad hex, wrong length, unknown algorithm, wrong parameter type.
	let message =
		expect_error(node, "city_assetByHash", json!(["0xzz", "sha2_256"]), INVALID_PARAMS);
	assert!(message.contains("bad hex"), "{message}");
	let message =
		expect_error(node, "city_assetByHash", json!(["0x1234", "sha2_256"]), INVALID_PARAMS);
	assert!(message.contains("2 bytes, not 32"), "{message}");
	let message =
		expect_error(node, "city_verifyAsset", json!([5, 1, digest, "md5"]), INVALID_PARAMS);
	assert!(message.contains("algorithm"), "{message}");
	expect_error(node, "city_asset", json!(["one"]), INVALID_PARAMS);
	// An unknown block.
	expect_error(node, "city_asset", json!([1, format!("0x{}", "11".repeat(32))]), RUNTIME);
}

fn access(node: &Node) {
	// Health lets Environment read its clinic admissions (grant 0, at most 1 000 uses).
	let grant = node.call("city_grant", json!([0]));
	assert_eq!(grant["asset"], 2);
	assert_eq!((grant["owner"].clone(), grant["grantee"].clone()), (json!(1), json!(2)));
	assert_eq!(grant["purpose"], "Study of air pollution and hospital admissions");
	assert_eq!(grant["scope"], "Read");
	assert_eq!(grant["source"], "Direct");
	assert_eq!(grant["grantedBy"], address(Sr25519Keyring::Dave));
	assert_eq!(grant["maxUses"], 1000);
	assert_eq!(grant["uses"], 0);

	let allowed = node.call("city_checkAccess", json!(["ENV", 2]));
	assert_eq!(
		allowed,
		json!({
			"allowed": true, "grant": 0, "expiresAt": grant["expiresAt"], "remainingUses": 1000,
			"reason": null
		})
	);
	// The same for the department's id and for an account acting for it (Ferdie, its Steward).
	assert_eq!(node.call("city_checkAccess", json!([2, 2])), allowed);
	assert_eq!(node.call("city_checkAccess", json!([address(Sr25519Keyring::Ferdie), 2])), allowed);
	// The owner needs no grant; nor does anyone for a Public asset.
	let owner = node.call("city_checkAccess", json!(["HLT", 2]));
	assert_eq!((owner["allowed"].clone(), owner["grant"].clone()), (json!(true), Value::Null));
	assert_eq!(node.call("city_checkAccess", json!(["PLN", 0]))["allowed"], true);
	// Denials say why.
	for (who, asset, reason) in [
		(json!("PLN"), 2, "NoGrant"),
		(json!("ENV"), 3, "NoGrant"),
		(json!("ENV"), 99, "UnknownAsset"),
		(json!(99), 2, "DepartmentInactive"),
		(json!(address(Sr25519Keyring::EveStash)), 2, "NotMember"),
	] {
		let denied = node.call("city_checkAccess", json!([who, asset]));
		assert_eq!(denied["allowed"], false, "{who} {asset}: {denied}");
		assert_eq!(denied["reason"], reason, "{who} {asset}: {denied}");
	}
	expect_error(node, "city_checkAccess", json!(["XYZ", 2]), NOT_FOUND);
	let message = expect_error(
		node,
		"city_checkAccess",
		json!(["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY0", 2]),
		INVALID_PARAMS,
	);
	assert!(message.contains("invalid account"), "{message}");
	expect_error(node, "city_departmentOf", json!(["not an account"]), INVALID_PARAMS);
	expect_error(node, "city_grant", json!([99]), NOT_FOUND);

	// Planning asks Health for clinic admissions: Health has it to decide.
	let pending = node.call("city_pendingRequests", json!(["HLT"]));
	let pending = pending.as_array().unwrap();
	assert_eq!(pending.len(), 1, "{pending:?}");
	assert_eq!(pending[0]["id"], 0);
	assert_eq!(pending[0]["asset"], 2);
	assert_eq!(
		(pending[0]["requester"].clone(), pending[0]["owner"].clone()),
		(json!(3), json!(1))
	);
	assert_eq!(pending[0]["requestedBy"], address(Sr25519Keyring::CharlieStash));
	assert_eq!(pending[0]["scope"], "Derive");
	assert_eq!(pending[0]["ownerApproval"], Value::Null);
	assert_eq!(node.call("city_pendingRequests", json!([0])), json!([]));
	expect_error(node, "city_pendingRequests", json!([99]), NOT_FOUND);
}

fn codes(node: &Node) {
	let centre = node.call("city_resolveCode", json!(["BJ.TRF/BLD/000001-H"]));
	assert_eq!(centre["id"], 0);
	assert_eq!(centre["text"], "BJ.TRF/BLD/000001-H");
	assert_eq!(centre["classCode"], "BLD");
	assert_eq!(centre["name"], "Traffic Control Centre");
	assert_eq!(centre["status"], "Active");
	assert_eq!(centre["location"], json!({ "latitude": 39904200, "longitude": 116407400 }));
	assert_eq!((centre["issuer"].clone(), centre["owner"].clone()), (json!(0), json!(0)));
	// Any letter case.
	assert_eq!(node.call("city_resolveCode", json!(["bj.trf/bld/000001-h"])), centre);

	let controller = code_text("TRF", "DEV", 1);
	let children = json!([{ "id": 1, "text": controller, "status": "Active" }]);
	assert_eq!(node.call("city_codeChildren", json!([0])), children);
	assert_eq!(node.call("city_codeChildren", json!(["BJ.TRF/BLD/000001-H"])), children);
	assert_eq!(node.call("city_codeChildren", json!([controller])), json!([]));
	assert_eq!(node.call("city_resolveCode", json!([controller]))["parent"], 0);

	let transport = node.call("city_codesOf", json!(["TRF"]));
	let mut ids: Vec<u64> =
		transport.as_array().unwrap().iter().map(|c| c["id"].as_u64().unwrap()).collect();
	ids.sort();
	assert_eq!(ids, [0, 1]);
	assert_eq!(node.call("city_codesOf", json!([3])), json!([]));
	expect_error(node, "city_codesOf", json!(["XYZ"]), NOT_FOUND);

	// Not a code: invalid parameters, saying why.
	let message =
		expect_error(node, "city_resolveCode", json!(["BJ.TRF/BLD/01-H"]), INVALID_PARAMS);
	assert!(message.contains("malformed city code"), "{message}");
	assert!(message.contains("serial"), "{message}");
	expect_error(node, "city_resolveCode", json!([""]), INVALID_PARAMS);
	expect_error(node, "city_resolveCode", json!(["BJ TRF BLD 1"]), INVALID_PARAMS);
	let message =
		expect_error(node, "city_resolveCode", json!(["BJ.TRF/BLD/000001-X"]), INVALID_PARAMS);
	assert!(message.contains("wrong check character"), "{message}");
	// A swapped pair of digits is caught by the check character.
	expect_error(node, "city_resolveCode", json!(["BJ.TRF/BLD/000010-H"]), INVALID_PARAMS);
	// Well-formed codes that name nothing: not found.
	for text in [
		code_text("TRF", "BLD", 99),
		code_text("XYZ", "BLD", 1),
		code_text("TRF", "ZZZ", 1),
		CityCode::new(b"NY", b"TRF", b"BLD", 1)
			.map(|c| String::from_utf8(c.to_text().to_vec()).unwrap())
			.unwrap(),
	] {
		expect_error(node, "city_resolveCode", json!([text]), NOT_FOUND);
	}
	expect_error(node, "city_codeChildren", json!([99]), NOT_FOUND);
	expect_error(node, "city_codeChildren", json!(["BJ.TRF/BLD/000001-X"]), INVALID_PARAMS);
}

/// Oversized input at the edges: a clear error, never a crash.
fn oversized_input(node: &Node) {
	// A megabyte where a city code or a hash belongs.
	let huge_code = "A".repeat(1 << 20);
	let message = expect_error(node, "city_resolveCode", json!([huge_code]), INVALID_PARAMS);
	assert!(message.contains("malformed city code"), "{message}");
	// The error quotes only the start of the input.
	assert!(message.contains("(1048576 bytes)") && message.len() < 200, "{message}");
	let message = expect_error(node, "city_codeChildren", json!([huge_code]), INVALID_PARAMS);
	assert!(message.len() < 200, "{message}");
	// A megabyte where a department prefix belongs.
	for method in ["city_department", "city_members", "city_assetsOf", "city_codesOf"] {
		let message = expect_error(node, method, json!([huge_code]), INVALID_PARAMS);
		assert!(message.contains("at most 8") && message.len() < 200, "{method}: {message}");
	}
	let huge_hash = format!("0x{}", "ab".repeat(1 << 19));
	expect_error(node, "city_assetByHash", json!([huge_hash, "sha2_256"]), INVALID_PARAMS);
	// Half a megabyte of bytes that are no extrinsic.
	let junk = format!("0x{}", "ff".repeat(1 << 19));
	let error = node.rpc("author_submitExtrinsic", json!([junk])).expect_err("junk is refused");
	assert!(!error.message.is_empty());
}

#[test]
fn city_rpc_serves_the_demo_city() {
	let mut node = Node::start(&["--dev", "--tmp"]);
	node.wait_for("block 1", Duration::from_secs(120), |n| (n.best_number() >= 1).then_some(()));
	let genesis = node.call("chain_getBlockHash", json!([0]));

	departments_and_members(&node);
	assets(&node, genesis.as_str().unwrap());
	access(&node);
	codes(&node);
	oversized_input(&node);

	// The node keeps producing blocks after all the bad input.
	let best = node.best_number();
	node.wait_for("blocks after the bad input", Duration::from_secs(60), |n| {
		(n.best_number() > best).then_some(())
	});
	assert!(node.stop(), "the node shuts down cleanly on SIGINT");
}

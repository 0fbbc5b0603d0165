//! `city-gateway` end to end: a dev node, two departments' gateways on loopback, `city-cli` as
//! the consumer. One download from publish to the receipt on-chain with both signatures, then
//! every refusal (status, reason, no byte of the asset sent, nothing counted on-chain), and a
//! gateway killed with SIGKILL right after serving: every download recorded exactly once.

#[path = "../../cli/tests/common/mod.rs"]
mod common;

use city_client::{
	chain::{self, city, Node, Wait},
	served,
};
use common::{cli_as, free_port, ok, start_node, DevNode};
use serde_json::Value;
use std::{
	io::{Read, Write},
	net::TcpStream,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

const GATEWAY: &str = env!("CARGO_BIN_EXE_city-gateway");

const BOB: Option<&str> = Some("//Bob"); // Steward of Transport (0)
const CHARLIE: Option<&str> = Some("//Charlie"); // Admin of Health (1)
const DAVE: Option<&str> = Some("//Dave"); // Steward of Health (1)
const EVE: Option<&str> = Some("//Eve"); // Admin of Environment (2)
const FERDIE: Option<&str> = Some("//Ferdie"); // Steward of Environment (2)
const ALICE: Option<&str> = Some("//Alice"); // Admin of Transport (0)
const PLANNER: Option<&str> = Some("//Charlie//stash"); // Steward of Planning (3): no key
const OUTSIDER: Option<&str> = Some("//Eve//stash"); // in no department

/// A gateway process on a free port, killed when dropped.
struct Gateway {
	child: Option<Child>,
	node_url: String,
	port: u16,
	config: PathBuf,
	data: PathBuf,
	log: PathBuf,
	/// With TLS: its self-signed certificate (PEM), which consumers trust with `--ca-cert`.
	certificate: Option<PathBuf>,
}

impl Gateway {
	/// Writes `<name>.toml` in `dir` and starts `serve --insecure-http`; waits until it sees the
	/// chain. Receipts go out every `receipt_ms`.
	fn start(
		node: &DevNode,
		dir: &Path,
		name: &str,
		department: u32,
		signer: &str,
		publisher: &str,
		receipt_ms: u64,
	) -> Gateway {
		Self::start_with(node, dir, name, department, signer, publisher, receipt_ms, false)
	}

	/// As [`Self::start`], over TLS with a self-signed certificate for `localhost`.
	#[allow(clippy::too_many_arguments)]
	fn start_with(
		node: &DevNode,
		dir: &Path,
		name: &str,
		department: u32,
		signer: &str,
		publisher: &str,
		receipt_ms: u64,
		tls: bool,
	) -> Gateway {
		let port = free_port();
		let mut tls_section = String::new();
		let mut certificate = None;
		if tls {
			let generated =
				rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
			let cert = dir.join(format!("{name}-cert.pem"));
			std::fs::write(&cert, generated.serialize_pem().unwrap()).unwrap();
			std::fs::write(
				dir.join(format!("{name}-key.pem")),
				generated.serialize_private_key_pem(),
			)
			.unwrap();
			tls_section = format!(
				"[tls]\ncertificate = \"{name}-cert.pem\"\nprivate_key = \"{name}-key.pem\"\n"
			);
			certificate = Some(cert);
		}
		std::fs::write(dir.join(format!("{name}-signer.suri")), signer).unwrap();
		std::fs::write(dir.join(format!("{name}-publisher.suri")), publisher).unwrap();
		let config = dir.join(format!("{name}.toml"));
		std::fs::write(
			&config,
			format!(
				"nodes = [\"{url}\"]\ndepartment = {department}\n\
				 signer = {{ file = \"{name}-signer.suri\" }}\npublisher = {{ file = \"{name}-publisher.suri\" }}\n\
				 data_dir = \"{name}-data\"\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n\
				 receipt_interval_ms = {receipt_ms}\nchain_timeout_secs = 5\n{tls_section}",
				url = node.url
			),
		)
		.unwrap();
		let mut gateway = Gateway {
			child: None,
			node_url: node.url.clone(),
			port,
			data: dir.join(format!("{name}-data")),
			log: dir.join(format!("{name}.log")),
			config,
			certificate,
		};
		gateway.spawn();
		gateway
	}

	fn spawn(&mut self) {
		let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
		let child = Command::new(GATEWAY)
			.arg("--config")
			.arg(&self.config)
			.arg("serve")
			.args(self.certificate.is_none().then_some("--insecure-http"))
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("start city-gateway");
		self.child = Some(child);
		RUNNING.lock().unwrap().push((self.node_url.clone(), self.url()));
		let url = self.url();
		wait_for(Duration::from_secs(60), "the gateway to see the chain", || health(&url).0 == 200);
	}

	/// SIGKILL: no chance to send what it has not sent.
	fn kill(&mut self) {
		if let Some(mut child) = self.child.take() {
			let url = self.url();
			RUNNING.lock().unwrap().retain(|(_, running)| *running != url);
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	fn url(&self) -> String {
		match self.certificate {
			None => format!("http://127.0.0.1:{}", self.port),
			Some(_) => format!("https://localhost:{}", self.port),
		}
	}

	/// `publish FILE --title … --classification internal --json`.
	fn publish(&self, file: &Path, title: &str) -> Value {
		let output = Command::new(GATEWAY)
			.arg("--config")
			.arg(&self.config)
			.arg("publish")
			.arg(file)
			.args(["--title", title, "--classification", "internal", "--json"])
			.output()
			.unwrap();
		assert!(output.status.success(), "publish: {}", String::from_utf8_lossy(&output.stderr));
		serde_json::from_slice(&output.stdout).unwrap()
	}

	/// The stored file of `published`.
	fn stored(&self, published: &Value) -> PathBuf {
		let digest = published["content"]["digest"].as_str().unwrap().trim_start_matches("0x");
		self.data.join("content/sha2-256").join(digest)
	}

	fn log_text(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}
}

impl Drop for Gateway {
	fn drop(&mut self) {
		self.kill();
	}
}

fn wait_for(timeout: Duration, what: &str, mut done: impl FnMut() -> bool) {
	let deadline = Instant::now() + timeout;
	while Instant::now() < deadline {
		if done() {
			return;
		}
		std::thread::sleep(Duration::from_millis(300));
	}
	panic!("timed out waiting for {what}");
}

/// A GET over plain HTTP/1.1: status, head and body as sent.
fn http_get(port: u16, path: &str, headers: &[(&str, String)]) -> (u16, String, Vec<u8>) {
	let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
		return (0, String::new(), vec![]);
	};
	let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
	for (name, value) in headers {
		request.push_str(&format!("{name}: {value}\r\n"));
	}
	request.push_str("\r\n");
	if stream.write_all(request.as_bytes()).is_err() {
		return (0, String::new(), vec![]);
	}
	let mut answer = Vec::new();
	let _ = stream.read_to_end(&mut answer);
	let split = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(answer.len());
	let head = String::from_utf8_lossy(&answer[..split]).to_string();
	let body = answer.get(split + 4..).unwrap_or_default().to_vec();
	let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
	(status, head, body)
}

/// `GET /v1/health` of the gateway at `url` (over TLS with curl, trusting any certificate):
/// the status and the JSON.
fn health(url: &str) -> (u16, Value) {
	let output = Command::new("curl")
		.args(["-sk", "-o", "-", "-w", "\n%{http_code}", &format!("{url}/v1/health")])
		.output()
		.expect("run curl");
	let text = String::from_utf8_lossy(&output.stdout).to_string();
	let (body, status) = text.rsplit_once('\n').unwrap_or(("", "0"));
	(status.trim().parse().unwrap_or(0), serde_json::from_str(body).unwrap_or(Value::Null))
}

/// A refusal's status and reason; asserts the body is the JSON error and nothing else.
fn refusal(answer: &(u16, String, Vec<u8>)) -> (u16, String) {
	let json: Value = serde_json::from_slice(&answer.2).unwrap_or_else(|_| {
		panic!("not a JSON error body: {}", String::from_utf8_lossy(&answer.2))
	});
	assert_eq!(json["error"]["status"], answer.0, "{json}");
	(answer.0, json["error"]["reason"].as_str().unwrap().to_string())
}

/// Runs `future` on the tests' one runtime: a subxt client's background task lives on the
/// runtime it was connected on, so every call must use the same, long-lived one.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
	static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
	RUNTIME
		.get_or_init(|| tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap())
		.block_on(future)
}

fn connect(node: &DevNode) -> Node {
	block_on(chain::connect(&node.url, Wait::Finalized)).unwrap()
}

/// A request for `asset` under `grant`, signed by `suri` for this chain, as headers.
fn signed_headers(
	node: &DevNode,
	suri: &str,
	grant: u64,
	asset: u64,
) -> Vec<(&'static str, String)> {
	let genesis = connect(node).client.genesis_hash().0;
	let key = chain::keypair(suri).unwrap();
	served::sign(&key, &genesis, served::new_request(grant, asset, None)).headers().to_vec()
}

/// Waits until the finalized head is at `block` (the gateway reads only finalized state).
fn wait_finalized(node: &DevNode, included: &Value) {
	let block = included["included"]["block_number"].as_u64().unwrap();
	let client = connect(node);
	wait_for(Duration::from_secs(90), "finality", || {
		block_on(client.client.at_current_block())
			.map(|at| at.block_number() >= block)
			.unwrap_or(false)
	});
	// And until every gateway of this node has seen it.
	let gateways: Vec<String> = RUNNING
		.lock()
		.unwrap()
		.iter()
		.filter(|(url, _)| *url == node.url)
		.map(|(_, gateway)| gateway.clone())
		.collect();
	for gateway in gateways {
		wait_for(Duration::from_secs(30), "the gateways to see finality", || {
			let (status, health) = health(&gateway);
			status == 200 && health["finalized"].as_u64().is_some_and(|seen| seen >= block)
		});
	}
}

/// The gateways running now: their node's URL and their own.
static RUNNING: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

/// The `AccessServed` events of `grant` in every block: (consumer, nonce, recorded_by).
fn served_events(node: &DevNode, grant: u64) -> Vec<(String, [u8; 16], String)> {
	let node = connect(node);
	block_on(async {
		let best = node.rpc.chain_get_header(None).await.unwrap().unwrap().number;
		let mut found = Vec::new();
		for number in 1..=best {
			let hash = node.rpc.chain_get_block_hash(Some(number.into())).await.unwrap().unwrap();
			let events = node.client.at_block(hash).await.unwrap().events().fetch().await.unwrap();
			for event in events.find::<city::access_grants::events::AccessServed>() {
				let event = event.unwrap();
				if event.grant == grant {
					found.push((
						event.consumer.to_string(),
						event.request.nonce,
						event.recorded_by.to_string(),
					));
				}
			}
		}
		found
	})
}

/// `city-cli fetch` as `suri`; returns the exit code and the JSON.
fn fetch(
	node: &DevNode,
	suri: Option<&str>,
	gateway: &Gateway,
	asset: &str,
	grant: &str,
	key: &Path,
	out: &Path,
) -> (i32, Value) {
	let url = gateway.url();
	let mut args = vec![
		"fetch",
		"--gateway",
		&url,
		"--asset",
		asset,
		"--grant",
		grant,
		"--key",
		key.to_str().unwrap(),
		"-o",
		out.to_str().unwrap(),
	];
	if let Some(certificate) = &gateway.certificate {
		args.extend(["--ca-cert", certificate.to_str().unwrap()]);
	}
	cli_as(node, suri, &args)
}

/// A refused `fetch`'s exit code and the gateway's reason.
fn fetch_reason(answer: (i32, Value)) -> (i32, String) {
	let reason = answer.1["error"]["detail"]["reason"].as_str();
	(answer.0, reason.unwrap_or_else(|| panic!("not a gateway refusal: {}", answer.1)).to_string())
}

fn uses(node: &DevNode, grant: &str) -> u64 {
	ok(node, None, &["access", "grant", grant])["uses"].as_u64().unwrap()
}

/// Asks for access to `asset` as `asker` and approves it as `owner` with `approve` options;
/// returns the grant id, finalized.
fn grant(
	node: &DevNode,
	asker: Option<&str>,
	owner: Option<&str>,
	asset: &str,
	approve: &[&str],
) -> String {
	let request = ok(
		node,
		asker,
		&["access", "request", asset, "--purpose", "route planning", "--days", "30"],
	);
	let request = request["request"].to_string();
	let approved =
		ok(node, owner, &[&["access", "approve", request.as_str()][..], approve].concat());
	wait_finalized(node, &approved);
	approved["grant"].to_string()
}

fn new_key(node: &DevNode, dir: &Path, name: &str, admin: Option<&str>) -> PathBuf {
	let file = dir.join(format!("{name}.key"));
	ok(node, None, &["key", "new", "-o", file.to_str().unwrap()]);
	if admin.is_some() {
		let published = ok(node, admin, &["key", "publish", file.to_str().unwrap()]);
		wait_finalized(node, &published);
	}
	file
}

#[test]
fn a_download_end_to_end_and_every_refusal() {
	let mut node = start_node();
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	let health_key = new_key(&node, dir, "health", CHARLIE);
	let environment_key = new_key(&node, dir, "environment", EVE);
	let transport_key = new_key(&node, dir, "transport", ALICE);
	let transport = Gateway::start(&node, dir, "transport", 0, "//Bob//stash", "//Bob", 1_000);
	let health = Gateway::start(&node, dir, "health", 1, "//Dave//stash", "//Dave", 1_000);

	// Publish: stored by content hash, registered on-chain.
	let original: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
	let source = dir.join("stops.bin");
	std::fs::write(&source, &original).unwrap();
	let published = transport.publish(&source, "Bus stops");
	assert_eq!(published["version"], 1);
	assert_eq!(std::fs::read(transport.stored(&published)).unwrap(), original);
	let asset = published["asset"].to_string();
	let shown = ok(&node, None, &["asset", "show", &asset]);
	assert_eq!(shown["current"]["content"], published["content"]);
	assert_eq!(shown["current"]["location"], transport.url());

	// Health asks, Transport approves with two uses; Dave fetches: decrypted, verified.
	let health_grant = grant(&node, DAVE, BOB, &asset, &["--max-uses", "2"]);
	let out = dir.join("got.bin");
	let (code, fetched) = fetch(&node, DAVE, &transport, &asset, &health_grant, &health_key, &out);
	assert_eq!(code, 0, "{fetched}");
	assert_eq!(std::fs::read(&out).unwrap(), original);
	assert_eq!(fetched["version"], 1);
	assert_eq!(fetched["transfers"][0]["encrypted"], true);
	let receipt = fetched["transfers"][0]["receipt"].as_str().unwrap().to_string();
	assert!(
		fetched["transfers"][0]["bytes"].as_u64().unwrap() > original.len() as u64,
		"age adds its header and tags"
	);

	// A request signed by hand: served once, refused when replayed.
	let signed =
		signed_headers(&node, "//Dave", health_grant.parse().unwrap(), asset.parse().unwrap());
	let path = format!("/v1/assets/{asset}");
	let first = http_get(transport.port, &path, &signed);
	assert_eq!(first.0, 200, "{}", first.1);
	assert!(first.1.to_lowercase().contains("city-encryption: age"), "{}", first.1);
	assert!(!first.2.windows(64).any(|w| w == &original[1000..1064]), "no plaintext on the wire");
	assert_eq!(refusal(&http_get(transport.port, &path, &signed)), (401, "ReplayedRequest".into()));

	// Both uses are taken (one maybe not on-chain yet): a third download is refused.
	let third =
		fetch(&node, DAVE, &transport, &asset, &health_grant, &health_key, &dir.join("third.bin"));
	assert_eq!(
		(third.0, third.1["error"]["detail"]["reason"].as_str()),
		(6, Some("Exhausted")),
		"{}",
		third.1
	);
	assert!(!dir.join("third.bin").exists());

	// The receipts: two on-chain, each with Dave's signed request, recorded by Transport's
	// gateway account; the first carries the receipt city-cli computed.
	wait_for(Duration::from_secs(90), "two receipts on-chain", || uses(&node, &health_grant) == 2);
	let events = served_events(&node, health_grant.parse().unwrap());
	let dave = chain::account_of(&chain::keypair("//Dave").unwrap()).to_string();
	let bob_stash = chain::account_of(&chain::keypair("//Bob//stash").unwrap()).to_string();
	assert_eq!(events.len(), 2, "{events:?}");
	assert!(
		events.iter().all(|(consumer, _, by)| *consumer == dave && *by == bob_stash),
		"{events:?}"
	);
	assert_ne!(events[0].1, events[1].1, "two requests, two nonces");
	let journal = std::fs::read_to_string(transport.data.join("journal.jsonl")).unwrap();
	assert!(
		journal.contains(receipt.trim_start_matches("0x")),
		"the gateway's receipt is the consumer's"
	);

	// Environment gets a grant without a cap, for the refusals below.
	let environment_grant = grant(&node, FERDIE, BOB, &asset, &[]);

	// Another department's key opens nothing (the download is encrypted to Environment's).
	let wrong = fetch(
		&node,
		FERDIE,
		&transport,
		&asset,
		&environment_grant,
		&health_key,
		&dir.join("wrong.bin"),
	);
	assert_eq!(wrong.0, 6, "{}", wrong.1);
	assert!(
		wrong.1["error"]["message"].as_str().unwrap().contains("cannot decrypt"),
		"{}",
		wrong.1
	);
	assert!(!dir.join("wrong.bin").exists());

	// A forged signature (Eve signs, the request says Ferdie), a malformed request, no grant,
	// not a member, no encryption key, an unknown asset and version.
	let mut forged =
		signed_headers(&node, "//Eve", environment_grant.parse().unwrap(), asset.parse().unwrap());
	let ferdie = chain::account_of(&chain::keypair("//Ferdie").unwrap()).to_string();
	forged
		.iter_mut()
		.filter(|(name, _)| *name == served::header::CONSUMER)
		.for_each(|(_, v)| *v = ferdie.clone());
	assert_eq!(refusal(&http_get(transport.port, &path, &forged)), (401, "BadSignature".into()));
	assert_eq!(refusal(&http_get(transport.port, &path, &[])), (401, "MalformedRequest".into()));
	let outsider = signed_headers(
		&node,
		"//Eve//stash",
		environment_grant.parse().unwrap(),
		asset.parse().unwrap(),
	);
	assert_eq!(refusal(&http_get(transport.port, &path, &outsider)), (403, "NotMember".into()));
	let planner = signed_headers(
		&node,
		"//Charlie//stash",
		environment_grant.parse().unwrap(),
		asset.parse().unwrap(),
	);
	assert_eq!(refusal(&http_get(transport.port, &path, &planner)), (403, "NoGrant".into()));
	let planning_grant = grant(&node, PLANNER, BOB, &asset, &[]);
	let planner = signed_headers(
		&node,
		"//Charlie//stash",
		planning_grant.parse().unwrap(),
		asset.parse().unwrap(),
	);
	assert_eq!(
		refusal(&http_get(transport.port, &path, &planner)),
		(403, "NoEncryptionKey".into())
	);
	let unknown = signed_headers(&node, "//Ferdie", environment_grant.parse().unwrap(), 999_999);
	assert_eq!(
		refusal(&http_get(transport.port, "/v1/assets/999999", &unknown)),
		(404, "UnknownAsset".into())
	);
	let genesis = connect(&node).client.genesis_hash().0;
	let ferdie_key = chain::keypair("//Ferdie").unwrap();
	let versioned = served::sign(
		&ferdie_key,
		&genesis,
		served::new_request(environment_grant.parse().unwrap(), asset.parse().unwrap(), Some(9)),
	);
	let versioned_path = format!("/v1/assets/{asset}/versions/9");
	assert_eq!(
		refusal(&http_get(transport.port, &versioned_path, &versioned.headers())),
		(404, "UnknownVersion".into())
	);

	// A tampered file is never served, even with its size unchanged; put back, it is again.
	let stored = transport.stored(&published);
	let mut tampered = original.clone();
	tampered[5] ^= 1;
	std::fs::write(&stored, &tampered).unwrap();
	let out = dir.join("environment.bin");
	let (code, answer) =
		fetch(&node, FERDIE, &transport, &asset, &environment_grant, &environment_key, &out);
	assert_eq!(
		(code, answer["error"]["detail"]["reason"].as_str()),
		(1, Some("ContentTampered")),
		"{answer}"
	);
	assert!(transport.log_text().contains("not the registered content"), "a clear log line");
	std::fs::write(&stored, &original).unwrap();

	// Revoked between two downloads: the first is served, the second refused.
	let (code, answer) =
		fetch(&node, FERDIE, &transport, &asset, &environment_grant, &environment_key, &out);
	assert_eq!(code, 0, "{answer}");
	// Two uses: this one, and the one opened with the wrong key (it was served, encrypted to
	// Environment's key); the tampered file's was refused and is not counted.
	wait_for(Duration::from_secs(90), "Environment's receipts", || {
		uses(&node, &environment_grant) == 2
	});
	let revoked =
		ok(&node, BOB, &["access", "revoke", &environment_grant, "--reason", "project over"]);
	wait_finalized(&node, &revoked);
	assert_eq!(
		fetch_reason(fetch(
			&node,
			FERDIE,
			&transport,
			&asset,
			&environment_grant,
			&environment_key,
			&dir.join("late.bin"),
		)),
		(6, "NoGrant".into())
	);

	// The second department's gateway: Transport fetches Health's asset; and an expired grant.
	let report = dir.join("ambulances.csv");
	std::fs::write(&report, b"station,ambulances\nnorth,4\n").unwrap();
	let health_asset = health.publish(&report, "Ambulance stations")["asset"].to_string();
	let transport_grant = grant(&node, BOB, DAVE, &health_asset, &[]);
	let (code, answer) = fetch(
		&node,
		BOB,
		&health,
		&health_asset,
		&transport_grant,
		&transport_key,
		&dir.join("amb.csv"),
	);
	assert_eq!(code, 0, "{answer}");
	assert_eq!(std::fs::read(dir.join("amb.csv")).unwrap(), b"station,ambulances\nnorth,4\n");
	let expiring = health.publish(&source, "Short-lived")["asset"].to_string();
	let request =
		ok(&node, BOB, &["access", "request", &expiring, "--purpose", "a glance", "--days", "1"]);
	let node_client = connect(&node);
	let approve = city::tx().access_grants().approve_request(
		request["request"].as_u64().unwrap(),
		Some(2),
		None,
	);
	let dave_key = chain::keypair("//Dave").unwrap();
	let included =
		block_on(chain::submit(&node_client, &approve, &dave_key, Wait::Finalized)).unwrap();
	let expiring_grant =
		included.event::<city::access_grants::events::GrantIssued>().unwrap().grant.to_string();
	let deadline = included.block_number + 3;
	wait_for(Duration::from_secs(90), "the grant to expire", || {
		block_on(node_client.client.at_current_block())
			.map(|at| at.block_number() > deadline)
			.unwrap_or(false)
	});
	assert_eq!(
		fetch_reason(fetch(
			&node,
			BOB,
			&health,
			&expiring,
			&expiring_grant,
			&transport_key,
			&dir.join("exp.bin"),
		)),
		(6, "Expired".into())
	);

	// Retired: 410.
	let retire = city::tx().data_assets().retire_asset(asset.parse().unwrap());
	block_on(chain::submit(
		&node_client,
		&retire,
		&chain::keypair("//Bob").unwrap(),
		Wait::Finalized,
	))
	.unwrap();
	let retired =
		signed_headers(&node, "//Dave", health_grant.parse().unwrap(), asset.parse().unwrap());
	assert_eq!(refusal(&http_get(transport.port, &path, &retired)), (410, "AssetRetired".into()));

	// Nothing refused was counted: Health's two, Environment's two.
	assert_eq!(uses(&node, &health_grant), 2);
	assert_eq!(served_events(&node, environment_grant.parse().unwrap()).len(), 2);

	// The node stops: nothing is served, 503 (a request signed while it ran).
	let late = signed_headers(
		&node,
		"//Bob",
		transport_grant.parse().unwrap(),
		health_asset.parse().unwrap(),
	);
	node.kill();
	let late_path = format!("/v1/assets/{health_asset}");
	wait_for(Duration::from_secs(20), "the gateway to notice", || {
		http_get(health.port, "/v1/health", &[]).0 == 503
	});
	assert_eq!(
		refusal(&http_get(health.port, &late_path, &late)),
		(503, "ChainUnavailable".into())
	);
}

#[test]
fn after_sigkill_every_served_download_is_recorded_exactly_once() {
	let node = start_node();
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	let health_key = new_key(&node, dir, "health", CHARLIE);
	// Over TLS this time. Receipts would go out only after a minute: the kill comes first.
	let mut transport =
		Gateway::start_with(&node, dir, "transport", 0, "//Bob//stash", "//Bob", 60_000, true);
	let source = dir.join("counts.csv");
	std::fs::write(&source, b"junction,cars\nA,120\n").unwrap();
	let asset = transport.publish(&source, "Traffic counts")["asset"].to_string();
	let health_grant = grant(&node, DAVE, BOB, &asset, &[]);
	for i in 0..3 {
		let (code, answer) = fetch(
			&node,
			DAVE,
			&transport,
			&asset,
			&health_grant,
			&health_key,
			&dir.join(format!("c{i}.csv")),
		);
		assert_eq!(code, 0, "{answer}");
	}
	let journal = transport.data.join("journal.jsonl");
	wait_for(Duration::from_secs(10), "three ends journaled", || {
		std::fs::read_to_string(&journal).unwrap_or_default().matches("\"t\":\"end\"").count() == 3
	});
	transport.kill();
	assert_eq!(uses(&node, &health_grant), 0, "nothing was sent before the kill");

	// Restarted with receipts every second: all three, then no more.
	std::fs::write(
		&transport.config,
		std::fs::read_to_string(&transport.config)
			.unwrap()
			.replace("receipt_interval_ms = 60000", "receipt_interval_ms = 1000"),
	)
	.unwrap();
	transport.spawn();
	wait_for(Duration::from_secs(90), "three receipts", || uses(&node, &health_grant) == 3);
	std::thread::sleep(Duration::from_secs(8));
	assert_eq!(uses(&node, &health_grant), 3, "none twice");
	let events = served_events(&node, health_grant.parse().unwrap());
	let mut nonces: Vec<_> = events.iter().map(|(_, nonce, _)| *nonce).collect();
	nonces.sort();
	nonces.dedup();
	assert_eq!((events.len(), nonces.len()), (3, 3), "{events:?}");
	let _ = OUTSIDER;
}

//! What the end-to-end tests share (`cli/tests/` and `gateway/tests/`): a `--dev` node on
//! free ports, found in the target directory (`cargo build -p city-node`, which `scripts/test`
//! runs first) or at `CITY_NODE`.

#![allow(dead_code)]

use serde_json::Value;
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A `--dev` node on free ports, killed when dropped.
pub struct DevNode {
	pub child: Child,
	pub url: String,
	_base: tempfile::TempDir,
}

impl DevNode {
	/// Stops the node now (as a crash would).
	pub fn kill(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

impl Drop for DevNode {
	fn drop(&mut self) {
		self.kill();
	}
}

pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("CITY_NODE") {
		return PathBuf::from(path);
	}
	// A test runs from <target>/debug/deps/; the node is <target>/debug/city-node.
	let path = target_dir().join("city-node");
	assert!(
		path.exists(),
		"no node at {}: build it first (`cargo build -p city-node`) or set CITY_NODE",
		path.display()
	);
	path
}

/// `<target>/debug`, where the binaries are.
pub fn target_dir() -> PathBuf {
	let exe = std::env::current_exe().expect("test binary path");
	exe.parent().and_then(Path::parent).expect("target dir").to_path_buf()
}

pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The city-cli binary: `CITY_CLI`, or the one in the target directory.
pub fn cli_binary() -> PathBuf {
	std::env::var_os("CITY_CLI").map(PathBuf::from).unwrap_or_else(|| target_dir().join("city-cli"))
}

/// Starts a node and waits until city-cli reads the demo city from it.
pub fn start_node() -> DevNode {
	let base = tempfile::tempdir().unwrap();
	let rpc = free_port();
	let child = Command::new(node_binary())
		.args(["--dev", "--base-path"])
		.arg(base.path())
		.args([
			"--rpc-port",
			&rpc.to_string(),
			"--port",
			&free_port().to_string(),
			"--no-prometheus",
		])
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()
		.expect("start city-node");
	let node = DevNode { child, url: format!("ws://127.0.0.1:{rpc}"), _base: base };
	let deadline = Instant::now() + Duration::from_secs(120);
	while Instant::now() < deadline {
		if cli(&node, &["asset", "show", "0"]).0 == 0 {
			return node;
		}
		std::thread::sleep(Duration::from_millis(500));
	}
	panic!("the dev node did not answer within 120 s");
}

/// Runs `city-cli --json --wait in-block --url <node> ARGS`; returns the exit code and the JSON.
pub fn cli(node: &DevNode, args: &[&str]) -> (i32, Value) {
	cli_as(node, None, args)
}

pub fn cli_as(node: &DevNode, suri: Option<&str>, args: &[&str]) -> (i32, Value) {
	let mut command = Command::new(cli_binary());
	command.args(["--json", "--wait", "in-block", "--url", &node.url]).args(args);
	command.env_remove("CITY_SURI").env_remove("CITY_URL");
	if let Some(suri) = suri {
		command.env("CITY_SURI", suri);
	}
	let output = command.output().expect("run city-cli");
	let stdout = String::from_utf8_lossy(&output.stdout);
	let json = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
	(output.status.code().unwrap_or(-1), json)
}

/// Asserts success and returns the JSON.
pub fn ok(node: &DevNode, suri: Option<&str>, args: &[&str]) -> Value {
	let (code, json) = cli_as(node, suri, args);
	assert_eq!(code, 0, "city-cli {args:?} failed: {json}");
	json
}

/// Asserts failure with `code` and returns the error object.
pub fn fails(node: &DevNode, suri: Option<&str>, args: &[&str], code: i32) -> Value {
	let (actual, json) = cli_as(node, suri, args);
	assert_eq!(actual, code, "city-cli {args:?}: expected exit {code}, got {json}");
	assert_eq!(json["error"]["exit_code"], code, "{json}");
	json["error"].clone()
}

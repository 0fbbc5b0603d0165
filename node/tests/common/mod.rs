//! A harness for end-to-end tests: starts the built `city-node` on free ports, talks JSON-RPC to
//! it over plain HTTP, and stops it (SIGINT) or kills it (SIGKILL). When a wait times out, the
//! test fails with the node's log. [`network`] starts a whole network described in zombienet's
//! format.

#![allow(dead_code)]

pub mod network;

use std::{
	fs::OpenOptions,
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

use serde_json::{json, Value};

/// A running `city-node`, stopped (SIGKILL) when dropped if the test did not stop it cleanly.
pub struct Node {
	child: Option<Child>,
	pub rpc_port: u16,
	log_path: PathBuf,
}

/// An error a JSON-RPC call returned: code and message.
#[derive(Debug)]
pub struct RpcError {
	pub code: i64,
	pub message: String,
}

/// A TCP port free on the loopback interface right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Node {
	/// Starts `city-node` with `args` (plus free RPC and p2p ports) and waits until RPC answers.
	pub fn start(args: &[&str]) -> Node {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log_path = std::env::temp_dir()
			.join(format!("city-node-test-{}-{rpc_port}.log", std::process::id()));
		let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
		let mut node = Node::spawn(&args, rpc_port, p2p_port, log_path);
		node.wait_until_rpc_answers(Duration::from_secs(120));
		node
	}

	/// Starts `city-node` with `args` on the given RPC and p2p ports, without waiting for it. Its
	/// output is appended to `log_path` (a restarted node keeps one log).
	pub fn spawn(args: &[String], rpc_port: u16, p2p_port: u16, log_path: PathBuf) -> Node {
		let mut log = OpenOptions::new().create(true).append(true).open(&log_path).unwrap();
		let _ = writeln!(log, "==== harness: city-node {}", args.join(" "));
		let child = Command::new(env!("CARGO_BIN_EXE_city-node"))
			.args(args)
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
			.stdout(log.try_clone().unwrap())
			.stderr(log)
			.stdin(Stdio::null())
			.spawn()
			.expect("city-node starts");
		Node { child: Some(child), rpc_port, log_path }
	}

	/// Waits until the node answers `system_health`, failing the test after `timeout`.
	pub fn wait_until_rpc_answers(&mut self, timeout: Duration) {
		self.wait_for("the RPC server to answer", timeout, |node| {
			node.rpc("system_health", json!([])).ok()
		});
	}

	/// The file the node's output goes to.
	pub fn log_path(&self) -> &std::path::Path {
		&self.log_path
	}

	/// The node's log so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(&self.log_path).unwrap_or_default()
	}

	/// Fails the test with `what` and the last lines of the node's log.
	pub fn fail(&self, what: &str) -> ! {
		panic!("{what}\n---- city-node log (last 80 lines) ----\n{}", self.log_tail(80));
	}

	/// The last `lines` lines of the node's log.
	pub fn log_tail(&self, lines: usize) -> String {
		let log = self.log();
		let tail: Vec<&str> =
			log.lines().rev().take(lines).collect::<Vec<_>>().into_iter().rev().collect();
		tail.join("\n")
	}

	/// Whether the process has exited (and how), without waiting.
	pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
		self.child.as_mut().and_then(|c| c.try_wait().ok().flatten())
	}

	/// Polls `check` every 250 ms until it returns `Some`, or fails the test after `timeout`.
	pub fn wait_for<T>(
		&mut self,
		what: &str,
		timeout: Duration,
		mut check: impl FnMut(&mut Node) -> Option<T>,
	) -> T {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(value) = check(self) {
				return value;
			}
			if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
				self.fail(&format!("city-node exited ({status}) while waiting for {what}"));
			}
			if Instant::now() > deadline {
				self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
			}
			std::thread::sleep(Duration::from_millis(250));
		}
	}

	/// Calls `method` with `params`; `Err` carries the JSON-RPC error the node answered with.
	pub fn rpc(&self, method: &str, params: Value) -> Result<Value, RpcError> {
		let request = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let response = http_post(self.rpc_port, &request.to_string())
			.map_err(|e| RpcError { code: 0, message: format!("transport: {e}") })?;
		let response: Value = serde_json::from_str(&response)
			.map_err(|e| RpcError { code: 0, message: format!("not JSON ({e}): {response}") })?;
		if let Some(error) = response.get("error") {
			return Err(RpcError {
				code: error["code"].as_i64().unwrap_or_default(),
				message: error["message"].as_str().unwrap_or_default().to_string(),
			});
		}
		Ok(response["result"].clone())
	}

	/// Like [`Node::rpc`], failing the test (with the log) on an error.
	pub fn call(&self, method: &str, params: Value) -> Value {
		self.rpc(method, params).unwrap_or_else(|e| self.fail(&format!("{method} failed: {e:?}")))
	}

	/// The number of the header with `hash` (or of the best block).
	pub fn block_number(&self, hash: Option<&str>) -> u64 {
		let header = self.call("chain_getHeader", json!([hash]));
		let number = header["number"].as_str().unwrap_or("0x0");
		u64::from_str_radix(number.trim_start_matches("0x"), 16).unwrap()
	}

	pub fn best_number(&self) -> u64 {
		self.block_number(None)
	}

	pub fn finalized_number(&self) -> u64 {
		let hash = self.call("chain_getFinalizedHead", json!([]));
		self.block_number(hash.as_str())
	}

	/// The number of peers the node is connected to.
	pub fn peers(&self) -> u64 {
		self.call("system_health", json!([]))["peers"].as_u64().unwrap_or_default()
	}

	/// The hash of the block `number` on the node's best chain, if it has it.
	pub fn block_hash(&self, number: u64) -> Option<String> {
		self.call("chain_getBlockHash", json!([number])).as_str().map(str::to_string)
	}

	/// Kills the node at once (SIGKILL, as a crash or a power cut would) and waits for it to exit.
	/// The log is kept, with a line saying so (a restarted node appends to it).
	pub fn kill(mut self) {
		let mut child = self.child.take().unwrap();
		child.kill().expect("SIGKILL is delivered to the node we started");
		let _ = child.wait();
		self.note("killed (SIGKILL)");
	}

	/// Appends a `==== harness:` line to the node's log, to mark what the test did.
	pub fn note(&self, what: &str) {
		if let Ok(mut log) = OpenOptions::new().append(true).open(&self.log_path) {
			let _ = writeln!(log, "==== harness: {what}");
		}
	}

	/// Asks the node to shut down (SIGINT, as Ctrl-C) and returns whether it exited cleanly.
	/// The log file is removed after a clean exit and kept otherwise.
	pub fn stop(mut self) -> bool {
		let mut child = self.child.take().unwrap();
		let pid = libc::pid_t::try_from(child.id()).expect("a pid fits pid_t");
		// SAFETY: `kill` only sends a signal to the process we started and still own.
		let interrupted = unsafe { libc::kill(pid, libc::SIGINT) } == 0;
		let deadline = Instant::now() + Duration::from_secs(60);
		while Instant::now() < deadline {
			if let Ok(Some(status)) = child.try_wait() {
				let clean = interrupted && status.success();
				if clean {
					let _ = std::fs::remove_file(&self.log_path);
				}
				return clean;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
		false
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

/// A minimal HTTP/1.1 POST (the tests need nothing more, and it keeps an HTTP client crate out).
fn http_post(port: u16, body: &str) -> std::io::Result<String> {
	let mut stream = TcpStream::connect(("127.0.0.1", port))?;
	stream.set_read_timeout(Some(Duration::from_secs(30)))?;
	write!(
		stream,
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	)?;
	let mut raw = Vec::new();
	stream.read_to_end(&mut raw)?;
	let raw = String::from_utf8_lossy(&raw).to_string();
	let (head, body) = raw
		.split_once("\r\n\r\n")
		.ok_or_else(|| std::io::Error::other(format!("no HTTP body in {raw:?}")))?;
	if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
		return Ok(dechunk(body));
	}
	Ok(body.to_string())
}

fn dechunk(mut body: &str) -> String {
	let mut out = String::new();
	while let Some((size, rest)) = body.split_once("\r\n") {
		let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
		if size == 0 || rest.len() < size {
			break;
		}
		out.push_str(&rest[..size]);
		body = rest[size..].trim_start_matches("\r\n");
	}
	out
}

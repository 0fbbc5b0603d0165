//! Starts a whole CityChain network as described in zombienet's format
//! (`zombienet/local-testnet.toml`), natively from the built `city-node`, and drives its nodes:
//! kill one (SIGKILL), restart it on its database, stop them all.
//!
//! `@zombienet/cli` is not usable everywhere we test (it needs npm packages and, for restarts, a
//! container provider), so this reads the same definition and does what we need itself:
//!
//! - every node runs `city-node --chain <chain>` with its own `--base-path` (kept across restarts,
//!   so a restarted node finds its database and keystore), free RPC and p2p ports (the same after
//!   a restart) and a fixed `--node-key` (so its peer id never changes);
//! - a validator runs with the dev key flag of its name (`--alice`, `--bob`, ...), which makes it a
//!   `--validator` with that account's session keys in its keystore;
//! - every node but the first boots from the first: `--bootnodes /ip4/127.0.0.1/tcp/<port>/p2p/<id>`.
//!
//! Of zombienet's format it reads `relaychain.default_command` (must be `city-node`),
//! `relaychain.chain`, and per node `name`, `validator` (default `true`), `args` and `command`.

use std::{
	io::Write,
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::{Duration, Instant},
};

use super::{free_port, Node};

/// One node of the definition.
#[derive(Clone, Debug)]
pub struct NodeSpec {
	pub name: String,
	pub validator: bool,
	/// Extra command-line arguments, as zombienet passes them.
	pub args: Vec<String>,
}

/// A network definition: the chain and its nodes, in order (the first is the bootnode).
#[derive(Clone, Debug)]
pub struct NetworkSpec {
	pub chain: String,
	pub nodes: Vec<NodeSpec>,
}

/// The dev accounts `city-node` has a key flag for (`--alice` ... `--two`).
const DEV_KEY_NAMES: [&str; 8] = ["alice", "bob", "charlie", "dave", "eve", "ferdie", "one", "two"];

impl NetworkSpec {
	/// Reads a zombienet network definition (TOML).
	pub fn from_file(path: &Path) -> Result<NetworkSpec, String> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
		Self::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
	}

	/// Parses a zombienet network definition (TOML).
	pub fn from_toml(text: &str) -> Result<NetworkSpec, String> {
		let doc: toml::Table = text.parse().map_err(|e| format!("not valid TOML: {e}"))?;
		let relay =
			doc.get("relaychain").and_then(toml::Value::as_table).ok_or("no [relaychain] table")?;
		let command = relay.get("default_command").and_then(toml::Value::as_str);
		check_command(command)?;
		let chain = match relay.get("chain") {
			None => "local".to_string(),
			Some(chain) => chain.as_str().ok_or("relaychain.chain is not a string")?.to_string(),
		};
		let entries =
			relay.get("nodes").and_then(toml::Value::as_array).ok_or("no [[relaychain.nodes]]")?;
		let mut nodes: Vec<NodeSpec> = Vec::new();
		for entry in entries {
			let entry = entry.as_table().ok_or("a [[relaychain.nodes]] entry is not a table")?;
			let name = entry
				.get("name")
				.and_then(toml::Value::as_str)
				.ok_or("a node has no name")?
				.to_string();
			if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
				return Err(format!("node name {name:?}: use letters, digits and '-'"));
			}
			if nodes.iter().any(|n| n.name == name) {
				return Err(format!("two nodes are named {name}"));
			}
			check_command(entry.get("command").and_then(toml::Value::as_str))
				.map_err(|e| format!("node {name}: {e}"))?;
			let validator = match entry.get("validator") {
				None => true,
				Some(v) => v.as_bool().ok_or(format!("node {name}: validator is not a bool"))?,
			};
			if validator && !DEV_KEY_NAMES.contains(&name.as_str()) {
				return Err(format!(
					"validator {name}: the harness gives validators the dev keys of their name, \
					 so it must be one of {DEV_KEY_NAMES:?}"
				));
			}
			let args = match entry.get("args") {
				None => Vec::new(),
				Some(args) => args
					.as_array()
					.and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
					.ok_or(format!("node {name}: args is not a list of strings"))?,
			};
			nodes.push(NodeSpec { name, validator, args });
		}
		if nodes.is_empty() {
			return Err("no nodes".into());
		}
		Ok(NetworkSpec { chain, nodes })
	}
}

fn check_command(command: Option<&str>) -> Result<(), String> {
	match command {
		None | Some("city-node") => Ok(()),
		Some(other) => Err(format!("command {other:?}: the harness only runs city-node")),
	}
}

/// A node of a running network: what it was started with, and its process while it runs.
pub struct NetworkNode {
	pub spec: NodeSpec,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub base_path: PathBuf,
	/// The hex secret passed as `--node-key`.
	pub node_key: String,
	log_path: PathBuf,
	/// `None` while the node is down (killed or stopped).
	pub process: Option<Node>,
}

impl NetworkNode {
	fn args(&self, chain: &str, bootnode: Option<&str>) -> Vec<String> {
		let mut args = vec![
			"--chain".to_string(),
			chain.to_string(),
			"--name".to_string(),
			self.spec.name.clone(),
			"--base-path".to_string(),
			self.base_path.display().to_string(),
			"--node-key".to_string(),
			self.node_key.clone(),
		];
		if self.spec.validator {
			args.push(format!("--{}", self.spec.name));
		}
		if let Some(bootnode) = bootnode {
			args.extend(["--bootnodes".to_string(), bootnode.to_string()]);
		}
		args.extend(self.spec.args.iter().cloned());
		args
	}
}

/// A running network. Dropping it kills every node still running and keeps the data directory;
/// [`Network::stop`] shuts them down cleanly and removes it.
pub struct Network {
	pub chain: String,
	pub nodes: Vec<NetworkNode>,
	/// The first node's multiaddr, with its peer id.
	pub bootnode: String,
	dir: PathBuf,
}

/// The peer id of a node key, as `city-node key inspect-node-key` prints it.
pub fn peer_id(node_key: &str) -> String {
	let mut child = Command::new(env!("CARGO_BIN_EXE_city-node"))
		.args(["key", "inspect-node-key"])
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.expect("city-node key inspect-node-key starts");
	child.stdin.take().unwrap().write_all(node_key.as_bytes()).unwrap();
	let out = child.wait_with_output().unwrap();
	assert!(out.status.success(), "inspect-node-key: {}", String::from_utf8_lossy(&out.stderr));
	String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl Network {
	/// Starts every node of `spec` (all at once: they start in parallel) and waits until each
	/// answers RPC. Node `i` gets the node key `i + 1` (hex, 32 bytes).
	pub fn start(spec: &NetworkSpec, rpc_timeout: Duration) -> Network {
		let dir = std::env::temp_dir().join(format!("citychain-network-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		std::fs::create_dir_all(&dir).unwrap();
		let nodes: Vec<NetworkNode> = spec
			.nodes
			.iter()
			.enumerate()
			.map(|(i, node)| NetworkNode {
				spec: node.clone(),
				rpc_port: free_port(),
				p2p_port: free_port(),
				base_path: dir.join(&node.name),
				node_key: format!("{:064x}", i + 1),
				log_path: dir.join(format!("{}.log", node.name)),
				process: None,
			})
			.collect();
		let first = &nodes[0];
		let bootnode =
			format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", first.p2p_port, peer_id(&first.node_key));
		let mut network = Network { chain: spec.chain.clone(), nodes, bootnode, dir };
		eprintln!(
			"[network] {} nodes, data and logs in {}",
			network.nodes.len(),
			network.dir.display()
		);
		for i in 0..network.nodes.len() {
			network.spawn(i);
		}
		let started = Instant::now();
		for i in 0..network.nodes.len() {
			network.wait_rpc(i, rpc_timeout);
		}
		eprintln!(
			"[network] every node answers RPC: after {:.1} s",
			started.elapsed().as_secs_f64()
		);
		network
	}

	fn index(&self, name: &str) -> usize {
		self.nodes
			.iter()
			.position(|n| n.spec.name == name)
			.unwrap_or_else(|| panic!("no node named {name}"))
	}

	fn spawn(&mut self, i: usize) {
		let bootnode = (i > 0).then(|| self.bootnode.clone());
		let node = &mut self.nodes[i];
		assert!(node.process.is_none(), "{} is already running", node.spec.name);
		let args = node.args(&self.chain, bootnode.as_deref());
		node.process =
			Some(Node::spawn(&args, node.rpc_port, node.p2p_port, node.log_path.clone()));
	}

	fn wait_rpc(&mut self, i: usize, timeout: Duration) {
		let node = &mut self.nodes[i];
		node.process.as_mut().unwrap().wait_until_rpc_answers(timeout);
		eprintln!("[network] {}: RPC answers on port {}", node.spec.name, node.rpc_port);
	}

	/// The running node `name`.
	pub fn node(&self, name: &str) -> &Node {
		let node = &self.nodes[self.index(name)];
		node.process.as_ref().unwrap_or_else(|| panic!("{} is not running", node.spec.name))
	}

	/// The names of the nodes, in order.
	pub fn names(&self) -> Vec<String> {
		self.nodes.iter().map(|n| n.spec.name.clone()).collect()
	}

	/// The names of the validators, in order.
	pub fn validators(&self) -> Vec<String> {
		self.nodes.iter().filter(|n| n.spec.validator).map(|n| n.spec.name.clone()).collect()
	}

	/// The names of the nodes running now.
	pub fn running(&self) -> Vec<String> {
		self.nodes.iter().filter(|n| n.process.is_some()).map(|n| n.spec.name.clone()).collect()
	}

	/// Kills node `name` with SIGKILL; its base path (database, keystore) stays.
	pub fn kill(&mut self, name: &str) {
		let i = self.index(name);
		let node = self.nodes[i].process.take().unwrap_or_else(|| panic!("{name} is not running"));
		node.kill();
		eprintln!("[network] {name}: killed (SIGKILL)");
	}

	/// Starts node `name` again with the same arguments, ports and base path, and waits for RPC.
	pub fn restart(&mut self, name: &str, rpc_timeout: Duration) {
		let i = self.index(name);
		let started = Instant::now();
		self.spawn(i);
		self.wait_rpc(i, rpc_timeout);
		eprintln!("[network] {name}: restarted in {:.1} s", started.elapsed().as_secs_f64());
	}

	/// Fails the test with `what` and the end of every node's log.
	pub fn fail(&self, what: &str) -> ! {
		let mut report = String::new();
		for node in &self.nodes {
			let tail = match &node.process {
				Some(process) => process.log_tail(30),
				None => "(not running)".to_string(),
			};
			report.push_str(&format!(
				"\n---- {} ({}; last 30 lines) ----\n{tail}\n",
				node.spec.name,
				node.log_path.display()
			));
		}
		panic!("{what}\n{report}");
	}

	/// Polls `check` every 500 ms until it returns `Some`, or fails the test after `timeout`, or
	/// as soon as a node that should be running has exited.
	pub fn wait_for<T>(
		&mut self,
		what: &str,
		timeout: Duration,
		mut check: impl FnMut(&Network) -> Option<T>,
	) -> T {
		let started = Instant::now();
		loop {
			if let Some(value) = check(self) {
				eprintln!("[network] {what}: after {:.1} s", started.elapsed().as_secs_f64());
				return value;
			}
			let exited = self.nodes.iter_mut().find_map(|node| {
				let status = node.process.as_mut().and_then(Node::exited)?;
				Some(format!("{} exited ({status})", node.spec.name))
			});
			if let Some(exited) = exited {
				self.fail(&format!("{exited} while waiting for {what}"));
			}
			if started.elapsed() > timeout {
				self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
			}
			std::thread::sleep(Duration::from_millis(500));
		}
	}

	/// Shuts every running node down (SIGINT) and returns whether all exited cleanly. The data
	/// directory is removed when they did, and kept (with the logs) otherwise.
	pub fn stop(mut self) -> bool {
		// All at once: each may take a few seconds to close its database.
		let clean = std::thread::scope(|scope| {
			let stopping: Vec<_> = self
				.nodes
				.iter_mut()
				.filter_map(|node| Some((node.spec.name.clone(), node.process.take()?)))
				.map(|(name, process)| (name, scope.spawn(move || process.stop())))
				.collect();
			let mut clean = true;
			for (name, stopped) in stopping {
				if !stopped.join().unwrap_or(false) {
					eprintln!("[network] {name} did not shut down cleanly");
					clean = false;
				}
			}
			clean
		});
		if clean {
			let _ = std::fs::remove_dir_all(&self.dir);
		} else {
			eprintln!("[network] logs kept in {}", self.dir.display());
		}
		clean
	}
}

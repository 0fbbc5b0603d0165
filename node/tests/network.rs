//! The four-agency network of `zombienet/local-testnet.toml`, started natively from the built
//! `city-node` by our own harness (`common::network`): every node comes up and connects, blocks
//! are produced and finalized, a validator killed with SIGKILL does not stop either (GRANDPA
//! needs 3 of 4), it restarts on its database (its finalized head intact), catches up and authors
//! again, and the full node follows the validators' finalized chain.
//!
//! It takes about two minutes with five debug nodes on two cores, so it runs with the other tests
//! (`cargo test --workspace`); alone, with its progress printed: `scripts/network-test`.

mod common;

use std::{
	path::PathBuf,
	str::FromStr,
	time::{Duration, Instant},
};

use codec::Decode;
use common::{
	network::{Network, NetworkSpec},
	Node,
};
use serde_json::json;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::DigestItem;

fn definition() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../zombienet/local-testnet.toml")
}

fn from_hex(hex: &str) -> Vec<u8> {
	sp_core::bytes::from_hex(hex).expect("the node answers with valid hex")
}

/// The Aura public key (sr25519) of the block `hash`'s author, from its slot and the Aura
/// authorities at that block.
fn author(node: &Node, hash: &str) -> [u8; 32] {
	let header = node.call("chain_getHeader", json!([hash]));
	let slot = header["digest"]["logs"]
		.as_array()
		.unwrap()
		.iter()
		.filter_map(|log| DigestItem::decode(&mut &from_hex(log.as_str()?)[..]).ok())
		.find_map(|item| item.pre_runtime_try_to::<Slot>(&AURA_ENGINE_ID))
		.unwrap_or_else(|| node.fail(&format!("no Aura slot in the header of {hash}")));
	let authorities = node.call("state_call", json!(["AuraApi_authorities", "0x", hash]));
	let authorities =
		Vec::<[u8; 32]>::decode(&mut &from_hex(authorities.as_str().unwrap())[..]).unwrap();
	authorities[(*slot % authorities.len() as u64) as usize]
}

#[test]
fn the_zombienet_definition_is_read() {
	let spec = NetworkSpec::from_file(&definition()).unwrap();
	assert_eq!(spec.chain, "local");
	let nodes: Vec<(&str, bool)> =
		spec.nodes.iter().map(|n| (n.name.as_str(), n.validator)).collect();
	assert_eq!(
		nodes,
		[("alice", true), ("bob", true), ("charlie", true), ("dave", true), ("gateway", false)]
	);

	// What the harness cannot run is refused with a reason, not half-started.
	let node = |fields: &str| format!("[relaychain]\n[[relaychain.nodes]]\n{fields}\n");
	assert!(NetworkSpec::from_toml(&node("name = \"alice\"")).unwrap().nodes[0].validator);
	for (bad, reason) in [
		(node("name = \"mallory\"\nvalidator = true"), "dev keys"),
		(node("name = \"alice\"\ncommand = \"polkadot\""), "only runs city-node"),
		(node("name = \"a b\"\nvalidator = false"), "letters"),
		(node("name = \"alice\"\nargs = \"--foo\""), "args"),
		("[relaychain]\ndefault_command = \"polkadot\"".to_string(), "only runs city-node"),
		("[relaychain]\nchain = \"local\"".to_string(), "nodes"),
		("relaychain = [".to_string(), "TOML"),
	] {
		let err = NetworkSpec::from_toml(&bad).expect_err(&bad);
		assert!(err.contains(reason), "{bad:?}: {err}");
	}
}

#[test]
fn local_testnet_survives_a_validator_crash_and_restart() {
	let started = Instant::now();
	let spec = NetworkSpec::from_file(&definition()).unwrap();
	let mut net = Network::start(&spec, Duration::from_secs(300));
	let names = net.names();
	let validators = net.validators();
	let first = names[0].clone();
	// The validator that crashes: the last one, so the bootnode stays up.
	let victim = validators.last().unwrap().clone();
	let full_nodes: Vec<String> =
		names.iter().filter(|n| !validators.contains(n)).cloned().collect();
	assert!(validators.len() >= 4, "one crashed validator of four leaves GRANDPA its 3 of 4");
	assert!(!full_nodes.is_empty(), "the definition has a full node");

	// 1. Every node is up and connected to every other one.
	let others = names.len() as u64 - 1;
	net.wait_for("every node to be connected to every other", Duration::from_secs(300), |net| {
		names.iter().all(|n| net.node(n).peers() >= others).then_some(())
	});

	// 2. Blocks are produced and finalized, and every node sees it.
	net.wait_for("every node to import and finalize block 3", Duration::from_secs(300), |net| {
		names.iter().all(|n| net.node(n).finalized_number() >= 3).then_some(())
	});

	// 3. A validator crashes (SIGKILL: no shutdown, as a power cut or the OOM killer would).
	let had_finalized = net.node(&victim).finalized_number();
	let had_hash = net.node(&victim).block_hash(had_finalized).unwrap();
	net.kill(&victim);
	let best_at_kill = net.node(&first).best_number();
	let finalized_at_kill = net.node(&first).finalized_number();
	let running = net.running();
	net.wait_for(
		&format!("blocks and finality to advance by 3 without {victim}"),
		Duration::from_secs(240),
		|net| {
			running
				.iter()
				.all(|n| {
					let node = net.node(n);
					node.best_number() >= best_at_kill + 3
						&& node.finalized_number() >= finalized_at_kill + 3
				})
				.then_some(())
		},
	);

	// 4. It restarts on the same base path: its database is intact (it opens it at a best block
	// at least the finalized one it had, before syncing anything)...
	net.restart(&victim, Duration::from_secs(300));
	let opened_at = net.wait_for(
		&format!("{victim} to log where it reopened its database"),
		Duration::from_secs(60),
		|net| {
			let log = net.node(&victim).log();
			log[log.rfind("==== harness:").unwrap_or(0)..].lines().find_map(|line| {
				line.split_once("Highest known block at #")?.1.trim().parse::<u64>().ok()
			})
		},
	);
	if opened_at < had_finalized {
		net.fail(&format!(
			"{victim} had finalized #{had_finalized} before the crash, but reopened its database \
			 at #{opened_at}"
		));
	}
	eprintln!("[network] {victim}: reopened its database at #{opened_at}");
	let restarted = net.node(&victim);
	let finalized_after_restart = restarted.finalized_number();
	if finalized_after_restart < had_finalized
		|| restarted.block_hash(had_finalized).as_deref() != Some(had_hash.as_str())
	{
		net.fail(&format!(
			"{victim} had finalized #{had_finalized} ({had_hash}) before the crash; after the \
			 restart its finalized head is #{finalized_after_restart}"
		));
	}
	eprintln!(
		"[network] {victim}: finalized #{had_finalized} before the crash, \
		 #{finalized_after_restart} right after the restart"
	);
	// ...it catches up with the others' finalized chain...
	let target = net.node(&first).finalized_number();
	let target_hash = net.node(&first).block_hash(target).unwrap();
	net.wait_for(
		&format!("{victim} to catch up to the finalized #{target}"),
		Duration::from_secs(240),
		|net| {
			let node = net.node(&victim);
			(node.finalized_number() >= target
				&& node.block_hash(target).as_deref() == Some(target_hash.as_str()))
			.then_some(())
		},
	);
	// ...and authors blocks again (its Aura key signs a block after the restart).
	let victim_key = Sr25519Keyring::from_str(&victim).unwrap().public().0;
	let mut next = net.node(&victim).best_number() + 1;
	let authored = net.wait_for(
		&format!("{victim} to author a block again"),
		Duration::from_secs(180),
		|net| {
			let node = net.node(&first);
			while next <= node.best_number() {
				let hash = node.block_hash(next)?;
				if author(node, &hash) == victim_key {
					return Some(next);
				}
				next += 1;
			}
			None
		},
	);
	eprintln!("[network] {victim} authored #{authored}");

	// 5. The full nodes follow the validators' finalized chain.
	let target = validators.iter().map(|v| net.node(v).finalized_number()).min().unwrap();
	let target_hash = net.node(&first).block_hash(target).unwrap();
	net.wait_for(
		&format!("the full nodes to reach the validators' finalized #{target}"),
		Duration::from_secs(180),
		|net| {
			full_nodes
				.iter()
				.all(|n| {
					let node = net.node(n);
					node.finalized_number() >= target
						&& node.block_hash(target).as_deref() == Some(target_hash.as_str())
				})
				.then_some(())
		},
	);

	assert!(net.stop(), "every node shuts down cleanly on SIGINT");
	eprintln!("[network] the whole test took {:.0} s", started.elapsed().as_secs_f64());
}

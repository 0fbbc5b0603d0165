//! End to end: a `--dev` node produces and finalizes blocks, includes a signed transfer submitted
//! over JSON-RPC with its event, refuses a malformed extrinsic and keeps going, and shuts down
//! cleanly.

mod common;

use std::time::Duration;

use city_runtime::{BalancesCall, Hash, RuntimeCall, RuntimeEvent, UncheckedExtrinsic, UNIT};
use codec::{Decode, Encode};
use common::Node;
use serde_json::json;
use sp_keyring::Sr25519Keyring;
use sp_runtime::generic::Era;

type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

/// `0x`-prefixed hex, as JSON-RPC writes bytes.
fn to_hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

fn from_hex(hex: &str) -> Vec<u8> {
	sp_core::bytes::from_hex(hex).expect("the node answers with valid hex")
}

/// The storage key of `System::Events`.
fn events_key() -> String {
	let mut key = sp_io::hashing::twox_128(b"System").to_vec();
	key.extend(sp_io::hashing::twox_128(b"Events"));
	to_hex(&key)
}

/// A transfer from Alice to Dave, signed as a wallet would: with the chain's genesis hash and
/// runtime version read over RPC.
fn signed_transfer(node: &Node, amount: u128) -> UncheckedExtrinsic {
	let genesis = node.call("chain_getBlockHash", json!([0]));
	let genesis = Hash::from_slice(&from_hex(genesis.as_str().unwrap()));
	let version = node.call("state_getRuntimeVersion", json!([]));
	let spec_version = version["specVersion"].as_u64().unwrap() as u32;
	let tx_version = version["transactionVersion"].as_u64().unwrap() as u32;
	assert_eq!(version["specName"], "citychain");

	let alice = Sr25519Keyring::Alice;
	let nonce = node.call("system_accountNextIndex", json!([alice.to_account_id().to_string()]));
	let nonce = nonce.as_u64().unwrap() as u32;

	let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
		dest: Sr25519Keyring::Dave.to_account_id().into(),
		value: amount,
	});
	let extension = city_runtime::tx_extension(nonce, Era::Immortal, 0);
	let implicit = city_runtime::tx_implicit(spec_version, tx_version, genesis, genesis);
	city_runtime::sign_transaction(call, &alice.pair(), extension, implicit)
}

#[test]
fn dev_chain_produces_finalizes_and_includes_a_transfer() {
	let mut node = Node::start(&["--dev", "--tmp"]);

	// Blocks are produced (Aura) and finalized (GRANDPA).
	node.wait_for("block 3 to be imported and finalized", Duration::from_secs(180), |n| {
		(n.best_number() >= 3 && n.finalized_number() >= 3).then_some(())
	});

	// The chain announces its token and address format to wallets.
	let properties = node.call("system_properties", json!([]));
	assert_eq!(properties["tokenSymbol"], "CITY");
	assert_eq!(properties["tokenDecimals"], 12);
	assert_eq!(properties["ss58Format"], city_runtime::SS58_PREFIX);

	// A signed transfer goes in over RPC...
	let amount = 3 * UNIT;
	let xt = signed_transfer(&node, amount);
	let xt_hex = to_hex(&xt.encode());
	let submitted_at = node.best_number();
	let tx_hash = node.call("author_submitExtrinsic", json!([xt_hex]));
	assert_eq!(tx_hash.as_str().unwrap(), to_hex(&sp_io::hashing::blake2_256(&xt.encode())));

	// ...and comes out in a block, with its event.
	let mut next = submitted_at;
	let block_hash = node.wait_for("the transfer to be included", Duration::from_secs(60), |n| {
		while next <= n.best_number() {
			let hash = n.call("chain_getBlockHash", json!([next]));
			let block = n.call("chain_getBlock", json!([hash]));
			let extrinsics = block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
			if extrinsics.iter().any(|e| e.as_str() == Some(xt_hex.as_str())) {
				return Some(hash.as_str().unwrap().to_string());
			}
			next += 1;
		}
		None
	});
	let events = node.call("state_getStorage", json!([events_key(), block_hash]));
	let events = Vec::<EventRecord>::decode(&mut &from_hex(events.as_str().unwrap())[..]).unwrap();
	let transferred = events.iter().any(|r| {
		r.event
			== RuntimeEvent::Balances(pallet_balances::Event::Transfer {
				from: Sr25519Keyring::Alice.to_account_id(),
				to: Sr25519Keyring::Dave.to_account_id(),
				amount,
			})
	});
	if !transferred {
		node.fail(&format!("no Transfer event in the block; events: {events:?}"));
	}

	// A malformed extrinsic gets an error, not a crash...
	for garbage in ["0xdeadbeef", "0x", "0x00", "not hex at all"] {
		let err =
			node.rpc("author_submitExtrinsic", json!([garbage])).expect_err("garbage is refused");
		assert!(!err.message.is_empty(), "error for {garbage} has a message");
	}
	// ...and the node keeps producing and finalizing blocks.
	let best = node.best_number();
	let finalized = node.finalized_number();
	node.wait_for("blocks after the malformed extrinsics", Duration::from_secs(60), |n| {
		(n.best_number() > best && n.finalized_number() > finalized).then_some(())
	});

	assert!(node.stop(), "the node shuts down cleanly on SIGINT");
}

//! Genesis presets: the initial state of a CityChain network, built into the runtime so that the
//! node, zombienet and `chain-spec-builder` all start from the same definition.
//!
//! - `development`: one validator (Alice), for a single `--dev` node; Alice is also the sudo key.
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave), one per city agency, and no
//!   sudo: the agency council governs.
//!
//! Both start with the demo city (see [`demo_departments`]), so a person opening the apps UI sees
//! departments and their members at once.

use crate::{
	AccountId, BalancesConfig, CouncilConfig, DepartmentsConfig, RuntimeGenesisConfig, SudoConfig,
	UNIT,
};
use alloc::{vec, vec::Vec};
use city_primitives::{DepartmentId, Role};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed development account starts with.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// The genesis of a test network with the given validators, endowed accounts and sudo key
/// (`None`: no sudo, the council governs alone).
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: Option<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		council: CouncilConfig { members: demo_council() },
		departments: DepartmentsConfig {
			departments: demo_departments()
				.iter()
				.map(|(name, prefix)| (name.as_bytes().to_vec(), prefix.as_bytes().to_vec()))
				.collect::<Vec<_>>(),
			members: demo_members(),
		},
	})
}

/// The demo city's departments as `(name, prefix)`; they get ids 0, 1, 2, 3 in this order.
pub fn demo_departments() -> [(&'static str, &'static str); 4] {
	[("Transport", "TRF"), ("Health", "HLT"), ("Environment", "ENV"), ("Planning", "PLN")]
}

/// Who acts for which demo department (ids as in [`demo_departments`]), with which role.
/// Documented in the README's "Demo city" table; keep the two in step.
pub fn demo_members() -> Vec<(AccountId, DepartmentId, Role)> {
	use Sr25519Keyring::*;
	[
		(Alice, 0, Role::Admin),
		(Bob, 0, Role::Steward),
		(BobStash, 0, Role::Operator),
		(Charlie, 1, Role::Admin),
		(Dave, 1, Role::Steward),
		(DaveStash, 1, Role::Operator),
		(Eve, 2, Role::Admin),
		(Ferdie, 2, Role::Steward),
		(FerdieStash, 2, Role::Operator),
		(AliceStash, 3, Role::Admin),
		(CharlieStash, 3, Role::Steward),
	]
	.into_iter()
	.map(|(who, department, role)| (who.to_account_id(), department, role))
	.collect()
}

/// The agency council: each demo department's admin holds its agency's seat.
pub fn demo_council() -> Vec<AccountId> {
	demo_members()
		.into_iter()
		.filter(|(_, _, role)| *role == Role::Admin)
		.map(|(who, _, _)| who)
		.collect()
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a well-known development account.
fn authority_keys(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The well-known development accounts (Alice … Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The `development` preset: a single validator, Alice, who is also the sudo key.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `local_testnet` preset: four validators, one per city agency, no sudo.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority_keys(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		None,
	)
}

/// The JSON patch of the preset `id`, or `None` for an unknown preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

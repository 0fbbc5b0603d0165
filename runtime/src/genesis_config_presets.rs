//! Genesis presets: the initial state of a CityChain network, built into the runtime so that the
//! node, zombienet and `chain-spec-builder` all start from the same definition.
//!
//! - `development`: one validator (Alice), for a single `--dev` node; Alice is also the sudo key.
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave), one per city agency, and no
//!   sudo: the agency council governs.
//!
//! Both start with the demo city (see [`demo_departments`], [`demo_members`], [`demo_assets`]),
//! so a person opening the apps UI sees departments, their members and their data at once.

use crate::{
	AccessGrantsConfig, AccountId, BalancesConfig, BlockNumber, CityCodesConfig, CouncilConfig,
	DataAssetsConfig, DepartmentsConfig, OversightBoardConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SudoConfig, ValidatorSetConfig, DAYS, UNIT,
};
use alloc::{vec, vec::Vec};
use city_primitives::{Classification, DepartmentId, Role};
use frame_support::build_struct_json_patch;
use pallet_access_grants::{GenesisGrant, GenesisRequest, Scope};
use pallet_data_assets::{ContentHash, GenesisAsset, HashAlgorithm};
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed development account starts with.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// The genesis of a test network with the given validators (account, department it runs for,
/// session keys), endowed accounts and sudo key (`None`: no sudo, the council governs alone).
///
/// Aura's and GRANDPA's authorities stay empty: pallet-session sets them from the validator
/// set's keys.
fn testnet_genesis(
	validators: Vec<(AccountId, DepartmentId, SessionKeys)>,
	endowed_accounts: Vec<AccountId>,
	root: Option<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: root },
		council: CouncilConfig { members: demo_council() },
		oversight_board: OversightBoardConfig { members: demo_oversight_board() },
		departments: DepartmentsConfig {
			departments: demo_departments()
				.iter()
				.map(|(name, prefix)| (name.as_bytes().to_vec(), prefix.as_bytes().to_vec()))
				.collect::<Vec<_>>(),
			members: demo_members(),
		},
		data_assets: DataAssetsConfig { assets: demo_assets() },
		access_grants: AccessGrantsConfig { grants: demo_grants(), requests: demo_requests() },
		city_codes: CityCodesConfig { classes: object_classes(), codes: demo_codes() },
		validator_set: ValidatorSetConfig {
			validators: validators
				.iter()
				.map(|(who, department, _)| (who.clone(), *department))
				.collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(who, _, keys)| (who.clone(), who, keys))
				.collect::<Vec<_>>(),
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

/// The oversight board, the city's data protection office: EveStash, who acts for no
/// department, so the board is independent of every department.
pub fn demo_oversight_board() -> Vec<AccountId> {
	vec![Sr25519Keyring::EveStash.to_account_id()]
}

/// A demo data asset: `steward`'s department owns it; its content is a stand-in whose SHA-256
/// is `sha256(content)`.
fn demo_asset(
	steward: Sr25519Keyring,
	name: &str,
	content: &str,
	media_type: &str,
	classification: Classification,
	location: &str,
	tags: &[&str],
) -> GenesisAsset<AccountId> {
	GenesisAsset {
		steward: steward.to_account_id(),
		name: name.as_bytes().to_vec(),
		content: ContentHash {
			algorithm: HashAlgorithm::Sha2_256,
			digest: sp_io::hashing::sha2_256(content.as_bytes()),
		},
		size: content.len() as u64,
		media_type: media_type.as_bytes().to_vec(),
		classification,
		location: location.as_bytes().to_vec(),
		metadata_hash: None,
		tags: tags.iter().map(|tag| tag.as_bytes().to_vec()).collect(),
	}
}

/// The demo city's data assets, one or two per department in every classification; ids 0..=5
/// in this order. Documented in the README's "Demo city" section; keep the two in step.
pub fn demo_assets() -> Vec<GenesisAsset<AccountId>> {
	use Classification::*;
	use Sr25519Keyring::*;
	vec![
		demo_asset(
			Bob,
			"Traffic counts 2025",
			"demo: traffic counts 2025",
			"text/csv",
			Public,
			"https://gateway.trf.city.example/assets/traffic-counts-2025.csv",
			&["traffic", "open-data"],
		),
		demo_asset(
			Bob,
			"Bus GPS traces",
			"demo: bus GPS traces",
			"application/x-ndjson",
			Internal,
			"https://gateway.trf.city.example/assets/bus-gps",
			&["transit", "mobility"],
		),
		demo_asset(
			Dave,
			"Clinic admissions by district",
			"demo: clinic admissions by district",
			"text/csv",
			Confidential,
			"https://gateway.hlt.city.example/assets/admissions-by-district.csv",
			&["health", "statistics"],
		),
		demo_asset(
			Dave,
			"Patient records extract",
			"demo: patient records extract",
			"application/fhir+json",
			Restricted,
			"https://gateway.hlt.city.example/assets/patient-extract",
			&["health", "personal-data"],
		),
		demo_asset(
			Ferdie,
			"Air quality sensor readings",
			"demo: air quality sensor readings",
			"application/json",
			Public,
			"https://gateway.env.city.example/assets/air-quality",
			&["environment", "sensors"],
		),
		demo_asset(
			CharlieStash,
			"Zoning plan 2030",
			"demo: zoning plan 2030",
			"application/geo+json",
			Internal,
			"https://gateway.pln.city.example/assets/zoning-2030.geojson",
			&["planning", "gis"],
		),
	]
}

/// The demo city's access grants (ids 0, 1): Health lets Environment read its clinic
/// admissions, Transport lets Planning query its bus traces.
pub fn demo_grants() -> Vec<GenesisGrant<AccountId, BlockNumber>> {
	vec![
		GenesisGrant {
			steward: Sr25519Keyring::Dave.to_account_id(),
			asset: 2,
			grantee: 2,
			purpose: b"Study of air pollution and hospital admissions".to_vec(),
			scope: Scope::Read,
			duration: 30 * DAYS,
			max_uses: Some(1_000),
		},
		GenesisGrant {
			steward: Sr25519Keyring::Bob.to_account_id(),
			asset: 1,
			grantee: 3,
			purpose: b"Transit-oriented zoning review".to_vec(),
			scope: Scope::Query,
			duration: 90 * DAYS,
			max_uses: None,
		},
	]
}

/// The demo city's pending access request (id 0): Planning asks Health for clinic admissions.
pub fn demo_requests() -> Vec<GenesisRequest<AccountId, BlockNumber>> {
	vec![GenesisRequest {
		steward: Sr25519Keyring::CharlieStash.to_account_id(),
		asset: 2,
		purpose: b"Clinic capacity in the 2030 zoning plan".to_vec(),
		scope: Scope::Derive,
		duration: 180 * DAYS,
	}]
}

/// The object classes of city codes, as `(code, name)`; they get class ids 0, 1, ... The
/// council adds more with `cityCodes.addObjectClass`.
pub fn object_classes() -> Vec<(Vec<u8>, Vec<u8>)> {
	[
		("DEV", "Device"),
		("BLD", "Building"),
		("FAC", "Facility"),
		("PLC", "Place"),
		("ROD", "Road"),
		("VEH", "Vehicle"),
		("DAT", "Data set"),
		("DOC", "Document"),
	]
	.iter()
	.map(|(code, name)| (code.as_bytes().to_vec(), name.as_bytes().to_vec()))
	.collect()
}

/// A genesis city code: issuer, class, name, location (micro-degrees), parent code id.
type DemoCode = (AccountId, Vec<u8>, Vec<u8>, Option<(i32, i32)>, Option<u64>);

/// The demo city's codes (ids 0..=3): a traffic control centre with a signal controller inside
/// it, a hospital and a park. Code 0 is `BJ.TRF/BLD/000001-H`.
pub fn demo_codes() -> Vec<DemoCode> {
	use Sr25519Keyring::*;
	let code = |issuer: Sr25519Keyring, class: &str, name: &str, at, parent| {
		(issuer.to_account_id(), class.as_bytes().to_vec(), name.as_bytes().to_vec(), at, parent)
	};
	vec![
		code(Bob, "BLD", "Traffic Control Centre", Some((39_904_200, 116_407_400)), None),
		code(BobStash, "DEV", "Signal Controller 1", None, Some(0)),
		code(Dave, "FAC", "City Hospital", Some((39_915_000, 116_404_000)), None),
		code(Ferdie, "PLC", "Chaoyang Park", Some((39_944_000, 116_480_000)), None),
	]
}

/// The session keys (Aura sr25519, GRANDPA ed25519) of a well-known development account.
fn session_keys(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> SessionKeys {
	SessionKeys { aura: aura.public().into(), grandpa: grandpa.public().into() }
}

/// A development validator: `who` runs it for `department`, with `who`'s well-known keys.
fn dev_validator(
	aura: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	department: DepartmentId,
) -> (AccountId, DepartmentId, SessionKeys) {
	(aura.to_account_id(), department, session_keys(aura, grandpa))
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
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice, 0)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `local_testnet` preset: four validators, one per city agency, no sudo.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice, 0),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob, 1),
			dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie, 2),
			dev_validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave, 3),
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

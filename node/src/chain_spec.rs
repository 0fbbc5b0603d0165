//! Chain specifications, built from the genesis presets the runtime carries.

use city_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A CityChain chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

/// What wallets and the apps UI read to show balances and addresses.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The Wasm runtime is not available: the node was built with SKIP_WASM_BUILD.".to_string()
	})
}

/// A single-validator development chain (`--dev`, `--chain dev`).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("CityChain Development")
		.with_id("citychain_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id("citychain-dev")
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A local four-agency test network (`--chain local`).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("CityChain Local Testnet")
		.with_id("citychain_local")
		.with_chain_type(ChainType::Local)
		.with_protocol_id("citychain-local")
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

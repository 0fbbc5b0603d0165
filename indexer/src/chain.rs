//! Reading a block from the node: its header, extrinsics and events decoded with the metadata of
//! the block's own runtime version (subxt fetches it once per spec version), and the chain's
//! current view — its runtime APIs' answers at that block — of every city object the block's
//! events touched.

use crate::{
	error::{Error, Kind, Result},
	project::Touched,
	value::{composite_to_json, to_json},
};
use city_client::chain::{self, Client, Node, Rpc, Wait};
use scale_value::{Composite, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use subxt::{
	events::Phase, ext::frame_decode::runtime_apis::IntoEncodableValues, utils::AccountId32,
};

/// The node the indexer follows.
#[derive(Clone)]
pub struct Chain {
	pub client: Client,
	pub rpc: Rpc,
}

impl Chain {
	pub async fn connect(url: &str) -> Result<Chain> {
		let Node { client, rpc, .. } = chain::connect(url, Wait::Finalized)
			.await
			.map_err(|e| Error::new(Kind::Node, e.to_string()))?;
		Ok(Chain { client, rpc })
	}

	pub fn genesis(&self) -> String {
		hex_hash(self.client.genesis_hash().0)
	}

	/// The latest finalized block's number.
	pub async fn finalized(&self) -> Result<u64> {
		let hash = self
			.rpc
			.chain_get_finalized_head()
			.await
			.map_err(|e| Error::node("cannot ask for the finalized head", e))?;
		let header = self
			.rpc
			.chain_get_header(Some(hash))
			.await
			.map_err(|e| Error::node("cannot read the finalized header", e))?
			.ok_or_else(|| {
				Error::new(Kind::Node, "the node has no header for its finalized head")
			})?;
		Ok(u64::from(header.number))
	}

	/// The hash of the (finalized) block at `number` on the node's chain.
	pub async fn hash_at(&self, number: u64) -> Result<Option<String>> {
		let hash = self
			.rpc
			.chain_get_block_hash(Some(number.into()))
			.await
			.map_err(|e| Error::node(format!("cannot ask for block {number}"), e))?;
		Ok(hash.map(|hash| hex_hash(hash.0)))
	}

	/// The hash of block `number` and a client reading at it.
	async fn at(&self, number: u64) -> Result<(subxt::utils::H256, chain::AtBlock)> {
		let hash = self
			.rpc
			.chain_get_block_hash(Some(number.into()))
			.await
			.map_err(|e| Error::node(format!("cannot ask for block {number}"), e))?
			.ok_or_else(|| Error::new(Kind::Node, format!("the node has no block {number}")))?;
		let at = self
			.client
			.at_block_hash_and_number(hash, number)
			.await
			.map_err(|e| Error::node(format!("cannot read at block {number}"), e))?;
		Ok((hash, at))
	}

	/// The whole city as the chain's runtime APIs describe it at block `number` (whose state
	/// the node must still have), and that block's hash.
	pub async fn city(&self, number: u64) -> Result<(String, Views)> {
		let (hash, at) = self.at(number).await?;
		let touched = whole_city(&at).await?;
		let views = Views::read(&at, &touched, true).await?;
		Ok((hex_hash(hash.0), views))
	}

	/// Everything the indexer stores of block `number`.
	pub async fn block(&self, number: u64) -> Result<Block> {
		let (hash, at) = self.at(number).await?;
		let header = self
			.rpc
			.chain_get_header(Some(hash))
			.await
			.map_err(|e| Error::node(format!("cannot read block {number}'s header"), e))?
			.ok_or_else(|| Error::new(Kind::Node, format!("the node has no header {number}")))?;
		let undecodable = |e: &dyn std::fmt::Display| {
			Error::decode(
				format!("cannot decode block {number} (runtime version {})", at.spec_version()),
				e,
			)
		};

		let mut events = Vec::new();
		let fetched = at.events().fetch().await.map_err(|e| undecodable(&e))?;
		for event in fetched.iter() {
			let event = event.map_err(|e| undecodable(&e))?;
			let fields: Composite<()> =
				event.decode_fields_unchecked_as().map_err(|e| undecodable(&e))?;
			events.push(Event {
				index: event.index(),
				extrinsic: match event.phase() {
					Phase::ApplyExtrinsic(index) => Some(index),
					_ => None,
				},
				pallet: event.pallet_name().to_owned(),
				name: event.event_name().to_owned(),
				fields: composite_to_json(&fields),
			});
		}

		let mut extrinsics = Vec::new();
		let mut time_ms = None;
		let body = at.extrinsics().fetch().await.map_err(|e| undecodable(&e))?;
		for extrinsic in body.iter() {
			let extrinsic = extrinsic.map_err(|e| undecodable(&e))?;
			let index = u32::try_from(extrinsic.index()).unwrap_or(u32::MAX);
			if extrinsic.pallet_name() == "Timestamp" && extrinsic.call_name() == "set" {
				time_ms = extrinsic
					.iter_call_data_fields()
					.next()
					.and_then(|field| field.decode_as::<u64>().ok());
			}
			let outcome = events.iter().find(|event| {
				event.extrinsic == Some(index)
					&& event.pallet == "System"
					&& (event.name == "ExtrinsicSuccess" || event.name == "ExtrinsicFailed")
			});
			extrinsics.push(Extrinsic {
				index,
				hash: hex_hash(extrinsic.hash().0),
				pallet: extrinsic.pallet_name().to_owned(),
				call: extrinsic.call_name().to_owned(),
				signer: extrinsic.address_bytes().and_then(signer),
				success: outcome.is_some_and(|event| event.name == "ExtrinsicSuccess"),
				error: outcome
					.filter(|event| event.name == "ExtrinsicFailed")
					.and_then(|event| crate::value::field(&event.fields, "dispatch_error"))
					.map(Json::to_string),
			});
		}

		// Genesis has no events: its whole city is read instead.
		let genesis = number == 0;
		let touched = if genesis { whole_city(&at).await? } else { Touched::by(&events) };
		let views = Views::read(&at, &touched, genesis).await?;
		Ok(Block {
			number,
			hash: hex_hash(hash.0),
			parent: hex_hash(header.parent_hash.0),
			spec_version: at.spec_version(),
			time_ms,
			extrinsics,
			events,
			views,
		})
	}
}

/// The whole city at a block: every department, asset, grant and code, read through the runtime
/// APIs' pages. Genesis is read so, which no event describes, and so is the consistency check.
async fn whole_city(at: &chain::AtBlock) -> Result<Touched> {
	let mut touched = Touched::default();
	let departments =
		pages(at, "DepartmentsApi", "departments", |after: Option<u32>| (after, PAGE)).await?;
	for department in &departments {
		if let Some(id) = department.get(0).and_then(Json::as_u64) {
			touched.departments.insert(id as u32);
		}
	}
	for &department in &touched.departments.clone() {
		for asset in pages(at, "DataAssetsApi", "department_assets", |after: Option<u64>| {
			(department, after, PAGE)
		})
		.await?
		{
			if let Some(id) = crate::value::field(&asset, "id").and_then(Json::as_u64) {
				touched.assets.insert(id);
			}
		}
		for side in ["Owner", "Grantee"] {
			let side = Value::variant(side, Composite::Unnamed(vec![]));
			for grant in pages(at, "AccessGrantsApi", "department_grants", |after: Option<u64>| {
				(department, side.clone(), after, PAGE)
			})
			.await?
			{
				if let Some(id) = grant.get(0).and_then(Json::as_u64) {
					touched.grants.insert(id);
				}
			}
		}
		for code in
			pages(at, "CityCodesApi", "codes_of", |after: Option<u64>| (department, after, PAGE))
				.await?
		{
			if let Some(id) = crate::value::field(&code, "id").and_then(Json::as_u64) {
				touched.codes.insert(id);
			}
		}
	}
	Ok(touched)
}

/// Items asked for per page of a paged runtime API (each API caps it at its own maximum).
const PAGE: u32 = 100;

/// Every item of a paged runtime API (`Page { items, next }`), asking `args(start_after)`.
async fn pages<Args, Cursor>(
	at: &chain::AtBlock,
	api: &str,
	method: &str,
	args: impl Fn(Option<Cursor>) -> Args,
) -> Result<Vec<Json>>
where
	Args: IntoEncodableValues,
	Cursor: TryFrom<u64>,
{
	let mut items = Vec::new();
	let mut after: Option<Cursor> = None;
	loop {
		let page = call(at, api, method, args(after.take())).await?.unwrap_or_default();
		if let Some(page_items) = crate::value::field(&page, "items").and_then(Json::as_array) {
			items.extend(page_items.iter().cloned());
		}
		match crate::value::field(&page, "next") {
			Some(next) if !next.is_null() => {
				let cursor = next.as_u64().and_then(|n| Cursor::try_from(n).ok());
				after = Some(cursor.ok_or_else(|| {
					Error::decode(format!("{api}::{method}'s cursor"), next.to_string())
				})?);
			},
			_ => return Ok(items),
		}
	}
}

/// One block, decoded.
#[derive(Clone, Debug)]
pub struct Block {
	pub number: u64,
	pub hash: String,
	pub parent: String,
	pub spec_version: u32,
	pub time_ms: Option<u64>,
	pub extrinsics: Vec<Extrinsic>,
	pub events: Vec<Event>,
	pub views: Views,
}

#[derive(Clone, Debug)]
pub struct Extrinsic {
	pub index: u32,
	pub hash: String,
	pub pallet: String,
	pub call: String,
	/// The SS58 address of a signed extrinsic's signer.
	pub signer: Option<String>,
	pub success: bool,
	/// The `DispatchError` of a failed one, as JSON.
	pub error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Event {
	pub index: u32,
	/// The extrinsic that emitted it; `None` for the block's initialization and finalization.
	pub extrinsic: Option<u32>,
	pub pallet: String,
	pub name: String,
	pub fields: Json,
}

/// The chain's answers at one block for the objects it touched: `None` when the chain no
/// longer has the object (a purged grant). Requests have none: the chain deletes a request once
/// it is decided, so their rows come from events alone.
#[derive(Clone, Debug, Default)]
pub struct Views {
	pub departments: BTreeMap<u32, Option<Json>>,
	/// Each department's members, read at genesis only: later, membership events say it.
	pub members: BTreeMap<u32, Json>,
	pub assets: BTreeMap<u64, Option<Json>>,
	pub versions: BTreeMap<(u64, u32), Option<Json>>,
	pub grants: BTreeMap<u64, Option<Json>>,
	pub codes: BTreeMap<u64, Option<Json>>,
}

impl Views {
	/// Asks the runtime APIs at `at` about every object in `touched` (and, with `members`, every
	/// touched department's members).
	pub async fn read(at: &chain::AtBlock, touched: &Touched, members: bool) -> Result<Views> {
		let mut views = Views::default();
		for &department in &touched.departments {
			let info = call(at, "DepartmentsApi", "department", (department,)).await?;
			views.departments.insert(department, info);
			if members {
				let members = call(at, "DepartmentsApi", "members", (department,)).await?;
				views.members.insert(department, members.unwrap_or_default());
			}
		}
		for &asset in &touched.assets {
			views.assets.insert(asset, call(at, "DataAssetsApi", "asset", (asset,)).await?);
		}
		for &(asset, version) in &touched.versions {
			let view = call(at, "DataAssetsApi", "asset_version", (asset, version)).await?;
			views.versions.insert((asset, version), view);
		}
		for &grant in &touched.grants {
			views.grants.insert(grant, call(at, "AccessGrantsApi", "grant_info", (grant,)).await?);
		}
		for &code in &touched.codes {
			// `resolve` by text gives the full record; `code` gives the text.
			let entry = call(at, "CityCodesApi", "code", (code,)).await?;
			let text = entry
				.as_ref()
				.and_then(|entry| crate::value::field(entry, "text"))
				.and_then(Json::as_str)
				.and_then(crate::project::hex_text);
			let view = match text {
				Some(text) => {
					let resolved =
						call(at, "CityCodesApi", "resolve", (text.clone().into_bytes(),)).await?;
					// A retired code resolves to `Err(Retired(view))`: still its record.
					resolved.and_then(|resolved| {
						let ok = crate::value::field(&resolved, "Ok");
						let retired = crate::value::field(&resolved, "Err")
							.and_then(|e| crate::value::field(e, "Retired"));
						ok.or(retired).cloned()
					})
				},
				None => None,
			};
			views.codes.insert(code, view);
		}
		Ok(views)
	}
}

/// One runtime API call at `at`, its answer as JSON (`None` for `null`).
async fn call<Args: IntoEncodableValues>(
	at: &chain::AtBlock,
	api: &str,
	method: &str,
	args: Args,
) -> Result<Option<Json>> {
	let payload = subxt::dynamic::runtime_api_call::<_, Value<()>>(api, method, args);
	let answer = at
		.runtime_apis()
		.call(payload)
		.await
		.map_err(|e| Error::node(format!("cannot call {api}::{method}"), e))?;
	let answer = to_json(&answer);
	Ok((!answer.is_null()).then_some(answer))
}

/// `0x…` of a 32-byte hash.
pub fn hex_hash(bytes: [u8; 32]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// The signer of a `MultiAddress::Id` address.
fn signer(address: &[u8]) -> Option<String> {
	match address {
		[0, account @ ..] => {
			<[u8; 32]>::try_from(account).ok().map(|account| AccountId32(account).to_string())
		},
		_ => None,
	}
}

//! Tests of the data-assets pallet, by topic. Unless a test says otherwise it runs on the default
//! genesis of [`crate::mock::ExtBuilder`] and checks the storage invariants
//! ([`crate::Pallet::do_try_state`]) at its end.

mod genesis;
mod holds;
mod invariants;
mod metadata;
mod migrations;
mod offboard;
mod register;
mod registry;
mod retire;
mod runtime_api;
mod transfer;
mod versions;

use crate::{
	mock::*, AssetId, AssetNameOf, Classification, ContentHash, HoldReason, LocationOf,
	MediaTypeOf, NextAssetId, Role, TagOf, TagsOf,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use sp_runtime::DispatchResult;

/// A bounded name from raw bytes (maybe invalid), as a call takes it.
pub fn name(name: &[u8]) -> AssetNameOf<Test> {
	name.to_vec().try_into().expect("test names fit MaxNameLen")
}

/// A bounded media type from raw bytes, as a call takes it.
pub fn media(media_type: &[u8]) -> MediaTypeOf<Test> {
	media_type.to_vec().try_into().expect("test media types fit MaxMediaTypeLen")
}

/// A bounded location from raw bytes, as a call takes it.
pub fn location(location: &[u8]) -> LocationOf<Test> {
	location.to_vec().try_into().expect("test locations fit MaxLocationLen")
}

/// Bounded tags from raw bytes, as a call takes them.
pub fn tags(tags: &[&[u8]]) -> TagsOf<Test> {
	tags.iter()
		.map(|tag| TagOf::<Test>::try_from(tag.to_vec()).expect("test tags fit MaxTagLen"))
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxTags test tags")
}

/// What this pallet holds from `who`.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AssetDeposit.into(), &who)
}

/// `who`'s signed origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The deposit of an asset with `versions` versions.
pub fn deposit_for(versions: u64) -> Balance {
	DEPOSIT_BASE + versions * DEPOSIT_PER_VERSION
}

/// The arguments of a `register_asset` call: valid defaults, changed field by field.
#[derive(Clone)]
pub struct Registration {
	pub name: Vec<u8>,
	pub content: ContentHash,
	pub size: u64,
	pub media_type: Vec<u8>,
	pub classification: Classification,
	pub location: Vec<u8>,
	pub metadata_hash: Option<ContentHash>,
	pub tags: Vec<Vec<u8>>,
}

impl Registration {
	/// A valid registration with content `blake(seed)`.
	pub fn new(seed: &[u8]) -> Self {
		Self {
			name: b"Road works".to_vec(),
			content: blake(seed),
			size: 4_096,
			media_type: b"text/csv".to_vec(),
			classification: Classification::Internal,
			location: b"https://pw.city/data/roads.csv".to_vec(),
			metadata_hash: Some(sha(b"roads.dcat.json")),
			tags: vec![b"roads".to_vec(), b"works".to_vec()],
		}
	}

	/// `register_asset` with these arguments, signed by `who`.
	pub fn call(self, who: AccountId) -> DispatchResult {
		self.call_as(signed(who))
	}

	/// `register_asset` with these arguments and `origin`.
	pub fn call_as(self, origin: RuntimeOrigin) -> DispatchResult {
		let tag_slices: Vec<&[u8]> = self.tags.iter().map(|tag| tag.as_slice()).collect();
		DataAssets::register_asset(
			origin,
			name(&self.name),
			self.content,
			self.size,
			media(&self.media_type),
			self.classification,
			location(&self.location),
			self.metadata_hash,
			tags(&tag_slices),
		)
	}
}

/// Registers a default asset of `who`'s department with content `blake(seed)`; returns its id.
pub fn register(who: AccountId, seed: &[u8]) -> AssetId {
	let asset = NextAssetId::<Test>::get();
	assert_ok!(Registration::new(seed).call(who));
	asset
}

/// Adds a version with content `blake(seed)` to `asset`, signed by `who`.
pub fn add_version(who: AccountId, asset: AssetId, seed: &[u8]) -> DispatchResult {
	DataAssets::update_asset(signed(who), asset, blake(seed), 2_048, location(b"https://pw.city/v"))
}

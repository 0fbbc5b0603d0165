//! Types stored and emitted by the data-assets pallet, and returned by its runtime API.

use crate::Config;
use alloc::vec::Vec;
pub use city_primitives::Deposit;
use city_primitives::{AssetId, AssetVersion, Classification, DepartmentId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible::Inspect, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A 32-byte digest, as the hash algorithms of [`HashAlgorithm`] produce.
pub type Digest = [u8; 32];

/// An asset's display name: UTF-8, at most [`Config::MaxNameLen`] bytes.
pub type AssetNameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;

/// A media type such as `text/csv`: at most [`Config::MaxMediaTypeLen`] bytes.
pub type MediaTypeOf<T> = BoundedVec<u8, <T as Config>::MaxMediaTypeLen>;

/// The URI of the owner's data endpoint: printable ASCII, at most [`Config::MaxLocationLen`]
/// bytes.
pub type LocationOf<T> = BoundedVec<u8, <T as Config>::MaxLocationLen>;

/// One tag: UTF-8, at most [`Config::MaxTagLen`] bytes.
pub type TagOf<T> = BoundedVec<u8, <T as Config>::MaxTagLen>;

/// An asset's tags: at most [`Config::MaxTags`], no two alike.
pub type TagsOf<T> = BoundedVec<TagOf<T>, <T as Config>::MaxTags>;

/// An asset as stored in [`crate::Assets`].
pub type AssetRecordOf<T> = AssetRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	AssetNameOf<T>,
	MediaTypeOf<T>,
	TagsOf<T>,
>;

/// A version as stored in [`crate::Versions`].
pub type VersionRecordOf<T> =
	VersionRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, LocationOf<T>>;

/// An asset deposit as recorded in an [`AssetRecord`] and in events.
pub type DepositOf<T> = Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// An asset's describing fields as the pallet checks them (bounded).
pub type MetadataOf<T> = Metadata<AssetNameOf<T>, MediaTypeOf<T>, TagsOf<T>>;

/// What [`crate::Pallet::asset_details`] returns for the runtime API.
pub type AssetDetailsOf<T> =
	AssetDetails<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// What [`crate::Pallet::asset_version`] returns for the runtime API.
pub type VersionDetailsOf<T> =
	VersionDetails<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// The algorithm that produced a [`ContentHash`]'s digest.
///
/// Append-only: a new algorithm gets the next index; an index is never reused.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub enum HashAlgorithm {
	/// BLAKE2b with a 256-bit digest, as Substrate uses (`blake2_256`).
	#[codec(index = 0)]
	Blake2_256,
	/// SHA-256 (SHA-2), as `sha256sum` prints it.
	#[codec(index = 1)]
	Sha2_256,
}

/// A content fingerprint: a digest and the algorithm that produced it.
///
/// The same bytes hashed with two algorithms give two different `ContentHash`es; a digest is
/// only ever compared with a digest of the same algorithm.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde")]
pub struct ContentHash {
	/// The algorithm.
	pub algorithm: HashAlgorithm,
	/// The 32-byte digest it produced.
	pub digest: Digest,
}

/// A registered data asset: what describes it, who owns it, and its state. Its content lives in
/// its versions ([`VersionRecord`]).
///
/// Stored with bounded fields; the runtime API returns it with plain vectors.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct AssetRecord<AccountId, Balance, BlockNumber, Name, MediaType, Tags> {
	/// The department that owns it; only its Stewards change it.
	pub owner: DepartmentId,
	/// Display name.
	pub name: Name,
	/// What the content is, e.g. `text/csv`.
	pub media_type: MediaType,
	/// How sensitive it is; drives the access-grant policy.
	pub classification: Classification,
	/// The fingerprint of its full off-chain description (e.g. a DCAT JSON document), if any.
	pub metadata_hash: Option<ContentHash>,
	/// Search tags.
	pub tags: Tags,
	/// Its latest (current) version: versions `1..=latest_version` exist.
	pub latest_version: AssetVersion,
	/// The block in which it was registered.
	pub registered_at: BlockNumber,
	/// The block in which it was retired; `None` while it is active.
	pub retired_at: Option<BlockNumber>,
	/// The department it is offered to, if a transfer is pending.
	pub offered_to: Option<DepartmentId>,
	/// How many times it changed hands (accepted transfers): 0 when registered, never
	/// decreasing. Reported as [`city_primitives::AssetInfo::transfers`], so that the
	/// access-grant pallet can tell the owner's grants of an earlier period of ownership from
	/// current ones.
	pub transfers: u32,
	/// The deposit held for it; `None` for genesis assets (until a version is added) and once
	/// retired.
	pub deposit: Option<Deposit<AccountId, Balance>>,
}

/// One version of an asset's content. Never changes once registered.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct VersionRecord<AccountId, BlockNumber, Location> {
	/// The content's fingerprint; no other version of any asset has it.
	pub content: ContentHash,
	/// The content's size in bytes.
	pub size: u64,
	/// Where the owner serves this content (a URI of its data endpoint).
	pub location: Location,
	/// The Steward who registered it.
	pub registered_by: AccountId,
	/// The block in which it was registered.
	pub registered_at: BlockNumber,
}

/// An asset's describing fields, changed together by `update_metadata`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Metadata<Name, MediaType, Tags> {
	/// Display name.
	pub name: Name,
	/// Media type.
	pub media_type: MediaType,
	/// Fingerprint of the full off-chain description.
	pub metadata_hash: Option<ContentHash>,
	/// Search tags.
	pub tags: Tags,
}

/// A version's content as given to `register_asset` and `update_asset`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewContent<Location> {
	/// The content's fingerprint.
	pub content: ContentHash,
	/// Its size in bytes.
	pub size: u64,
	/// Where the owner serves it.
	pub location: Location,
}

/// An asset with its current version, as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct AssetDetails<AccountId, Balance, BlockNumber> {
	/// The asset's id.
	pub id: AssetId,
	/// The asset record, with its bounded fields as plain vectors.
	pub asset: AssetRecord<AccountId, Balance, BlockNumber, Vec<u8>, Vec<u8>, Vec<Vec<u8>>>,
	/// Its current version (number `asset.latest_version`).
	pub current: VersionRecord<AccountId, BlockNumber, Vec<u8>>,
}

/// One version of an asset, as the runtime API returns it.
pub type VersionDetails<AccountId, BlockNumber> = VersionRecord<AccountId, BlockNumber, Vec<u8>>;

/// A department's registration of a content hash: the asset version it registered with it.
/// One of the answers of `find_by_content`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(frame_support::Serialize),
	serde(crate = "frame_support::__private::serde", rename_all = "camelCase")
)]
pub struct ContentRegistration {
	/// The department that registered it (the asset's owner then; it may have changed hands
	/// since).
	pub department: DepartmentId,
	/// The asset.
	pub asset: AssetId,
	/// The version of the asset with this content.
	pub version: AssetVersion,
}

/// Whether a content hash is what was registered for a version of an asset.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(frame_support::Serialize),
	serde(crate = "frame_support::__private::serde")
)]
pub enum Verification {
	/// The version was registered with exactly this algorithm and digest: the copy is genuine.
	#[codec(index = 0)]
	Match,
	/// The version was registered with another digest or algorithm: the copy is not what was
	/// registered.
	#[codec(index = 1)]
	Mismatch,
	/// No asset has this id.
	#[codec(index = 2)]
	UnknownAsset,
	/// The asset exists but has no such version.
	#[codec(index = 3)]
	UnknownVersion,
}

/// A data asset to register at genesis (without deposit). Fields as in `register_asset`; byte
/// strings as plain vectors (in JSON, arrays of bytes).
#[derive(Clone, PartialEq, Eq, Debug, frame_support::Serialize, frame_support::Deserialize)]
#[serde(crate = "frame_support::__private::serde")]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisAsset<AccountId> {
	/// A Steward at genesis: the asset's owner is its department, and it registers version 1.
	pub steward: AccountId,
	/// Display name.
	pub name: Vec<u8>,
	/// The content's fingerprint.
	pub content: ContentHash,
	/// The content's size in bytes.
	pub size: u64,
	/// Media type, e.g. `text/csv`.
	pub media_type: Vec<u8>,
	/// How sensitive it is.
	pub classification: Classification,
	/// Where the owner serves the content.
	pub location: Vec<u8>,
	/// The fingerprint of the full off-chain description, if any.
	#[serde(default)]
	pub metadata_hash: Option<ContentHash>,
	/// Search tags.
	#[serde(default)]
	pub tags: Vec<Vec<u8>>,
}

//! Types stored and emitted by the departments pallet.

use crate::Config;
pub use city_primitives::Deposit;
use city_primitives::{DepartmentId, OffboardCounts, RecordId, Role};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible::Inspect, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::traits::StaticLookup;

/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An account as given in calls: anything `frame_system::Config::Lookup` resolves.
pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

/// A department's display name: UTF-8, at most [`Config::MaxNameLen`] bytes.
pub type DepartmentNameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;

/// A department's short code prefix: upper-case ASCII letters and digits, at most
/// [`Config::MaxPrefixLen`] bytes.
pub type PrefixOf<T> = BoundedVec<u8, <T as Config>::MaxPrefixLen>;

/// A department as stored in [`crate::Departments`].
pub type DepartmentInfoOf<T> = DepartmentInfo<DepartmentNameOf<T>, PrefixOf<T>, BlockNumberFor<T>>;

/// A dissolution as stored in [`crate::Dissolutions`].
pub type DissolutionOf<T> = Dissolution<BlockNumberFor<T>>;

/// A membership as stored in [`crate::Members`].
pub type MembershipOf<T> = Membership<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A member deposit as recorded in a [`Membership`] and in events.
pub type DepositOf<T> = Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// Whether a department's members may act.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "std", derive(sp_runtime::Serialize), serde(crate = "sp_runtime::serde"))]
pub enum DepartmentStatus {
	/// Its members act as their roles allow.
	#[codec(index = 0)]
	Active,
	/// Its members can do nothing until the registrar reactivates it.
	#[codec(index = 1)]
	Suspended,
	/// The registrar dissolved it: what it holds is being ended or handed over, step by step
	/// (see [`Dissolution`]). Its members can do nothing; this is final.
	#[codec(index = 2)]
	Dissolving,
	/// Dissolved: it holds nothing any more (no members, grants, requests or validators; its
	/// assets and codes went to the successor, or are retired tombstones). Its record, id and
	/// prefix stay, so history keeps resolving and neither is ever reused.
	#[codec(index = 3)]
	Dissolved,
}

impl DepartmentStatus {
	/// Whether the department is dissolved or being dissolved: nothing brings it back.
	pub fn is_dissolved(&self) -> bool {
		matches!(self, Self::Dissolving | Self::Dissolved)
	}
}

/// A department's public key for encryption, to which a provider's gateway encrypts every
/// download for it. Only the public part is ever on-chain.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(crate = "sp_runtime::serde", rename_all = "camelCase")
)]
pub enum EncryptionKey {
	/// An X25519 public key (32 bytes, as RFC 7748 encodes it): the key of an `age` X25519
	/// recipient, whose `age1…` text is its bech32 form.
	X25519([u8; 32]),
}

impl EncryptionKey {
	/// Whether it is not the all-zero X25519 key, which every shared secret with is zero. Other
	/// low-order keys are not detected here: `age` and HPKE refuse to encrypt to them (their
	/// shared secret is zero too).
	pub fn is_usable(&self) -> bool {
		match self {
			Self::X25519(key) => key.iter().any(|byte| *byte != 0),
		}
	}
}

/// A department's encryption key as stored in [`crate::EncryptionKeys`].
pub type PublishedKeyOf<T> = PublishedKey<BlockNumberFor<T>>;

/// A published encryption key, and since when.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(serialize = "BlockNumber: sp_runtime::Serialize")
	)
)]
pub struct PublishedKey<BlockNumber> {
	/// The key.
	pub key: EncryptionKey,
	/// The block in which it was published.
	pub published_at: BlockNumber,
}

/// A dissolution under way, as stored in [`crate::Dissolutions`] until it finishes.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(serialize = "BlockNumber: sp_runtime::Serialize")
	)
)]
pub struct Dissolution<BlockNumber> {
	/// The department that receives its assets and codes; `None`: they are retired.
	pub successor: Option<DepartmentId>,
	/// The block in which the registrar dissolved it.
	pub started_at: BlockNumber,
	/// How many parts of [`crate::Config::Offboarding`] (pallets, in order) have finished;
	/// past the last, this pallet's memberships are ended. Finished parts are not asked again.
	pub finished_parts: u8,
	/// What was ended or handed over so far.
	pub ended: OffboardCounts,
	/// The record under legal hold that the last step stopped at: the dissolution waits until
	/// that hold is lifted.
	pub held: Option<RecordId>,
}

/// A registered department.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(
			serialize = "Name: AsRef<[u8]>, Prefix: AsRef<[u8]>, BlockNumber: sp_runtime::Serialize"
		)
	)
)]
pub struct DepartmentInfo<Name, Prefix, BlockNumber> {
	/// Display name; the registrar may change it.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::text")
	)]
	pub name: Name,
	/// Unique short code prefix, fixed at registration because city codes embed it.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::text")
	)]
	pub prefix: Prefix,
	/// Whether its members may act.
	pub status: DepartmentStatus,
	/// The block in which it was registered.
	pub registered_at: BlockNumber,
	/// How many accounts act for it, at most [`Config::MaxMembers`].
	pub member_count: u32,
	/// How many of those are admins.
	pub admin_count: u32,
}

/// What an account is in its department.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Membership<AccountId, Balance> {
	/// The department it acts for.
	pub department: DepartmentId,
	/// What it may do there.
	pub role: Role,
	/// The deposit held for this membership, if an admin added it; `None` if the registrar or
	/// genesis did.
	pub deposit: Option<Deposit<AccountId, Balance>>,
}

/// Who is managing a department's members in a call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Manager<AccountId> {
	/// The registrar origin: may manage any department, suspended or not, and pays no deposit.
	Registrar,
	/// An admin of an active department, who may manage only that department.
	Admin { who: AccountId, department: DepartmentId },
}

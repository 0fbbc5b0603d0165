//! Types stored, emitted and returned by the access-grants pallet.

use crate::Config;
use alloc::vec::Vec;
pub use city_primitives::Deposit;
use city_primitives::{AssetId, AssetVersion, DepartmentId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungible::Inspect, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{Deserialize, Serialize};

/// Identifies an access request. Assigned in order, never reused.
pub type RequestId = u64;

/// Identifies a grant. Assigned in order, never reused.
pub type GrantId = u64;

/// A receipt of what was served under a grant: a 32-byte hash (e.g. BLAKE2-256 of the response
/// the gateway sent), so both sides can later prove what was exchanged without putting data on
/// chain.
pub type Receipt = [u8; 32];

/// What a consumer signs to fetch an asset from the owner's gateway: which grant, asset and
/// version, when, and a nonce that makes it unique. The gateway serves nothing without it, and
/// the receipt it records carries it with the signature, so the record holds both departments'
/// signatures: the consumer's over this, the provider's over the extrinsic.
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
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde", rename_all = "camelCase")]
pub struct ServedRequest {
	/// The grant the consumer fetches under.
	pub grant: GrantId,
	/// The asset.
	pub asset: AssetId,
	/// The version asked for; `None`: the latest.
	pub version: Option<AssetVersion>,
	/// When the consumer signed it, in milliseconds since the Unix epoch (the gateway refuses
	/// old ones).
	pub issued_at: u64,
	/// Random bytes, never used twice by the consumer (the gateway refuses a replay).
	pub nonce: [u8; 16],
}

impl ServedRequest {
	/// What the payload a consumer signs starts with, so that no other signed message of the
	/// same key can pass for a request.
	pub const CONTEXT: &'static [u8] = b"citychain/served-request/v1";

	/// The bytes the consumer signs: [`Self::CONTEXT`], the chain's genesis hash (so a request
	/// for one chain is worthless on another), and the SCALE encoding of the request.
	pub fn signing_payload(&self, genesis_hash: &[u8]) -> Vec<u8> {
		let mut payload = Vec::with_capacity(
			Self::CONTEXT.len().saturating_add(genesis_hash.len()).saturating_add(48),
		);
		payload.extend_from_slice(Self::CONTEXT);
		payload.extend_from_slice(genesis_hash);
		self.encode_to(&mut payload);
		payload
	}
}

/// One download a provider's gateway served, as it records it: the consumer's signed request
/// and the hash of what was sent.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ServedAccess<AccountId, Signature> {
	/// What the consumer asked for.
	pub request: ServedRequest,
	/// The account that signed it: a member of the grantee department.
	pub consumer: AccountId,
	/// Its signature over [`ServedRequest::signing_payload`].
	pub signature: Signature,
	/// The hash of exactly the bytes sent.
	pub receipt: Receipt,
}

/// A served download as `record_served` takes it.
pub type ServedAccessOf<T> =
	ServedAccess<<T as frame_system::Config>::AccountId, <T as Config>::ConsumerSignature>;

/// The downloads one `record_served` call records: at most [`Config::MaxServedPerCall`].
pub type ServedListOf<T> = BoundedVec<ServedAccessOf<T>, <T as Config>::MaxServedPerCall>;

/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Why a department wants the data: text of at most [`Config::MaxPurposeLen`] bytes.
pub type PurposeOf<T> = BoundedVec<u8, <T as Config>::MaxPurposeLen>;

/// Why a request was rejected or a grant revoked: text of at most [`Config::MaxReasonLen`] bytes.
pub type ReasonOf<T> = BoundedVec<u8, <T as Config>::MaxReasonLen>;

/// The grants `purge_expired` takes: at most [`Config::MaxPurge`].
pub type PurgeListOf<T> = BoundedVec<GrantId, <T as Config>::MaxPurge>;

/// A storage deposit as recorded on a request or grant and reported in events.
pub type DepositOf<T> = Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A request as stored in [`crate::Requests`].
pub type RequestOf<T> = AccessRequest<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	PurposeOf<T>,
>;

/// A grant as stored in [`crate::Grants`].
pub type GrantOf<T> =
	Grant<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>, PurposeOf<T>>;

/// A request as the runtime API returns it: the purpose as plain bytes, so clients decode it
/// without knowing `MaxPurposeLen`.
pub type RequestView<AccountId, Balance, BlockNumber> =
	AccessRequest<AccountId, Balance, BlockNumber, Vec<u8>>;

/// A grant as the runtime API returns it (see [`RequestView`]).
pub type GrantView<AccountId, Balance, BlockNumber> =
	Grant<AccountId, Balance, BlockNumber, Vec<u8>>;

/// [`RequestView`] in terms of a pallet config.
pub type RequestViewOf<T> =
	RequestView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// [`GrantView`] in terms of a pallet config.
pub type GrantViewOf<T> =
	GrantView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// What the grantee may do with the data. Recorded on the grant for the gateways to enforce;
/// the chain does not rank scopes.
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
	Serialize,
	Deserialize,
)]
#[serde(crate = "sp_runtime::serde")]
pub enum Scope {
	/// Fetch the data set as published.
	#[codec(index = 0)]
	Read,
	/// Run queries against the data set and receive their results, not the data set itself.
	#[codec(index = 1)]
	Query,
	/// Use the data set to produce derived data (aggregates, statistics, models) and keep those.
	#[codec(index = 2)]
	Derive,
}

/// The owner's approval of a request on a `Restricted` asset, kept until the oversight office
/// approves too.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: city_primitives::serde_json_helpers::Ss58Codec, BlockNumber: Serialize"
		)
	)
)]
pub struct OwnerApproval<AccountId, BlockNumber> {
	/// The owner's steward who approved.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::ss58")
	)]
	pub by: AccountId,
	/// The duration approved, at most the one requested.
	pub duration: BlockNumber,
	/// The most accesses the grant will allow (`None`: no cap).
	pub max_uses: Option<u32>,
}

/// An open request of one department for access to another department's asset.
///
/// Decided requests are removed: the events are their record.
///
/// Its JSON (`city_pendingRequests`) leaves out `transfers` and `oversightRequired`.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: city_primitives::serde_json_helpers::Ss58Codec, Balance: core::fmt::Display, BlockNumber: Serialize, Purpose: AsRef<[u8]>"
		)
	)
)]
pub struct AccessRequest<AccountId, Balance, BlockNumber, Purpose> {
	/// The asset asked for.
	pub asset: AssetId,
	/// The department asking.
	pub requester: DepartmentId,
	/// The department owning the asset when the request was made; its stewards decide.
	pub owner: DepartmentId,
	/// The asset's transfer count ([`city_primitives::AssetInfo::transfers`]) when the request
	/// was made: with `owner`, the period of ownership it was made in. Once the asset changed
	/// hands, even back to `owner`, the request can no longer be approved.
	#[cfg_attr(feature = "std", serde(skip_serializing))]
	pub transfers: u32,
	/// The requester's steward who asked.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::ss58")
	)]
	pub requested_by: AccountId,
	/// Why the requester wants the data.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::text")
	)]
	pub purpose: Purpose,
	/// What it wants to do with it.
	pub scope: Scope,
	/// For how many blocks it wants access, at most [`Config::MaxGrantDuration`].
	pub duration: BlockNumber,
	/// The block in which it asked.
	pub requested_at: BlockNumber,
	/// The owner's approval, while the request waits for the oversight office.
	pub owner_approval: Option<OwnerApproval<AccountId, BlockNumber>>,
	/// Whether the oversight office must approve, whatever the asset's classification later:
	/// the asset was `Restricted` when the request was made, or when the owner or the office
	/// approved it. Never reset, so a downgrade cannot skip the office. The office must also
	/// approve while the asset is `Restricted`, whatever this says.
	#[cfg_attr(feature = "std", serde(skip_serializing))]
	pub oversight_required: bool,
	/// Whether the oversight office approved.
	pub oversight_approved: bool,
	/// The deposit held from `requested_by`; carried into the grant if the request is granted.
	/// `None` for genesis requests or a zero `RecordDeposit`.
	pub deposit: Option<Deposit<AccountId, Balance>>,
}

impl<AccountId, Balance, BlockNumber, Purpose: Into<Vec<u8>>>
	AccessRequest<AccountId, Balance, BlockNumber, Purpose>
{
	/// The request with its purpose as plain bytes, as the runtime API returns it.
	pub fn into_view(self) -> RequestView<AccountId, Balance, BlockNumber> {
		AccessRequest {
			asset: self.asset,
			requester: self.requester,
			owner: self.owner,
			transfers: self.transfers,
			requested_by: self.requested_by,
			purpose: self.purpose.into(),
			scope: self.scope,
			duration: self.duration,
			requested_at: self.requested_at,
			owner_approval: self.owner_approval,
			oversight_required: self.oversight_required,
			oversight_approved: self.oversight_approved,
			deposit: self.deposit,
		}
	}
}

/// How a grant came about.
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
pub enum GrantSource {
	/// The owner (and, for a `Restricted` asset, the oversight office) approved this request.
	#[codec(index = 0)]
	Request(RequestId),
	/// The owner granted it directly with `grant_access` (or at genesis).
	#[codec(index = 1)]
	Direct,
}

/// Access of one department (the grantee) to another's asset, as the owner granted it.
///
/// A grant stays in storage until it is revoked, renounced or purged; while it exists, it is the
/// only grant for its `(asset, grantee)` pair.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Grant<AccountId, Balance, BlockNumber, Purpose> {
	/// The asset it gives access to.
	pub asset: AssetId,
	/// The department that owned the asset and granted access. If the asset changes hands, the
	/// grant gives no access any more.
	pub owner: DepartmentId,
	/// The asset's transfer count ([`city_primitives::AssetInfo::transfers`]) when the grant was
	/// issued: with `owner`, the period of ownership it belongs to. Once the asset changed
	/// hands, even back to `owner`, the grant has ended for good (`OwnerChanged`).
	pub transfers: u32,
	/// The department given access.
	pub grantee: DepartmentId,
	/// Why the grantee may use the data.
	pub purpose: Purpose,
	/// What it may do with it.
	pub scope: Scope,
	/// The owner's steward who approved or granted.
	pub granted_by: AccountId,
	/// A request, or a direct grant.
	pub source: GrantSource,
	/// The block in which it was issued.
	pub granted_at: BlockNumber,
	/// The first block in which it no longer gives access.
	pub expires_at: BlockNumber,
	/// The most accesses it allows (`None`: no cap). Never zero.
	pub max_uses: Option<u32>,
	/// The accesses recorded under it so far; never more than `max_uses`.
	pub uses: u32,
	/// The block of the last recorded access.
	pub last_access: Option<BlockNumber>,
	/// Whether the oversight office must approve it before it gives access, whatever the
	/// asset's classification later: the asset was `Restricted` when the grant was issued (or,
	/// for a grant from a request, when the request was made or approved). Never reset, so a
	/// downgrade cannot skip the office. A grant also needs the office's approval while its
	/// asset is `Restricted`, whatever this says.
	pub oversight_required: bool,
	/// Whether the oversight office approved it. Always `true` for a grant made from a request
	/// that needed the office.
	pub oversight_approved: bool,
	/// The deposit held for it: the request's, carried over, or the granting steward's for a
	/// direct grant. `None` for genesis grants or a zero `RecordDeposit`.
	pub deposit: Option<Deposit<AccountId, Balance>>,
}

impl<AccountId, Balance, BlockNumber, Purpose: Into<Vec<u8>>>
	Grant<AccountId, Balance, BlockNumber, Purpose>
{
	/// The grant with its purpose as plain bytes, as the runtime API returns it.
	pub fn into_view(self) -> GrantView<AccountId, Balance, BlockNumber> {
		Grant {
			asset: self.asset,
			owner: self.owner,
			transfers: self.transfers,
			grantee: self.grantee,
			purpose: self.purpose.into(),
			scope: self.scope,
			granted_by: self.granted_by,
			source: self.source,
			granted_at: self.granted_at,
			expires_at: self.expires_at,
			max_uses: self.max_uses,
			uses: self.uses,
			last_access: self.last_access,
			oversight_required: self.oversight_required,
			oversight_approved: self.oversight_approved,
			deposit: self.deposit,
		}
	}
}

/// What the oversight office decides on.
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
pub enum OversightSubject {
	/// An open request that needs the office: on a `Restricted` asset, or on one that was
	/// `Restricted` when it was made or approved.
	#[codec(index = 0)]
	Request(RequestId),
	/// A grant pending the office's approval: a direct grant on an asset that was `Restricted`
	/// when it was issued, or any grant on an asset that is `Restricted` now.
	#[codec(index = 1)]
	Grant(GrantId),
}

/// Why an owner's approval that waited for the oversight office was void when the office
/// approved: the owner side that gave it no longer stands behind it. The request is ended
/// ([`crate::Event::OwnerApprovalVoided`]).
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
pub enum ApprovalVoidReason {
	/// The owner department is suspended (or gone).
	#[codec(index = 0)]
	OwnerInactive,
	/// The steward who approved no longer acts for the owner department: removed, or a member
	/// of another department now.
	#[codec(index = 1)]
	ApproverNotMember,
	/// The steward who approved is still a member of the owner department, but no longer with a
	/// role that approves requests (`Steward`).
	#[codec(index = 2)]
	ApproverRoleChanged,
}

/// Which of a department's grants to list.
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
pub enum GrantSide {
	/// Grants the department holds on other departments' assets.
	#[codec(index = 0)]
	Grantee,
	/// Grants the department gave on its own assets.
	#[codec(index = 1)]
	Owner,
}

/// Why a department may not access an asset now.
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
pub enum DenialReason {
	/// No asset has this id.
	#[codec(index = 0)]
	UnknownAsset,
	/// The asset is retired.
	#[codec(index = 1)]
	AssetRetired,
	/// The account does not act for any department.
	#[codec(index = 2)]
	NotMember,
	/// The department asking (the grantee) does not exist or is suspended.
	#[codec(index = 3)]
	DepartmentInactive,
	/// The department owning the asset is suspended.
	#[codec(index = 4)]
	OwnerInactive,
	/// The department has no grant for the asset: none was given, or it was revoked or
	/// renounced (those are removed at once).
	#[codec(index = 5)]
	NoGrant,
	/// The grant was given by a department that no longer owns the asset, or owned it in an
	/// earlier period: the asset changed hands since, even if it came back. Final.
	#[codec(index = 6)]
	OwnerChanged,
	/// The grant expired.
	#[codec(index = 7)]
	Expired,
	/// The grant's cap of accesses is reached.
	#[codec(index = 8)]
	Exhausted,
	/// The grant needs the oversight office's approval (the asset is `Restricted`, or was when
	/// the grant was issued) and the office has not given it yet.
	#[codec(index = 9)]
	PendingOversight,
}

impl DenialReason {
	/// Whether the grant can never give access again, whatever anyone does: it may be purged.
	/// Suspensions can be lifted and oversight may still approve, so those are not final.
	pub fn is_final(self) -> bool {
		matches!(
			self,
			Self::UnknownAsset
				| Self::AssetRetired
				| Self::OwnerChanged
				| Self::Expired
				| Self::Exhausted
		)
	}
}

/// The answer to "may this department access this asset now?".
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
pub enum AccessDecision<BlockNumber> {
	/// Access is allowed.
	#[codec(index = 0)]
	Allowed {
		/// The grant that allows it; `None` for the owner itself and for `Public` assets.
		grant: Option<GrantId>,
		/// The first block in which the grant no longer allows access (`None` without grant).
		expires_at: Option<BlockNumber>,
		/// How many more accesses the grant allows (`None`: no cap, or no grant).
		remaining_uses: Option<u32>,
	},
	/// Access is denied, for this reason.
	#[codec(index = 1)]
	Denied(DenialReason),
}

/// A grant in the genesis config: issued as if `steward` (a Steward of the asset's owner)
/// called `grant_access`, without deposit.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(crate = "sp_runtime::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisGrant<AccountId, BlockNumber> {
	/// A Steward of the department owning `asset`.
	pub steward: AccountId,
	/// The asset (registered by the data-asset pallet's genesis, which is built first).
	pub asset: AssetId,
	/// The department given access.
	pub grantee: DepartmentId,
	/// Why, as bytes (at most `MaxPurposeLen`).
	pub purpose: Vec<u8>,
	/// What the grantee may do.
	pub scope: Scope,
	/// For how many blocks from genesis.
	pub duration: BlockNumber,
	/// The most accesses allowed (`None`: no cap).
	pub max_uses: Option<u32>,
}

/// An open request in the genesis config: made as if `steward` (a Steward of the requesting
/// department) called `request_access`, without deposit.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(crate = "sp_runtime::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisRequest<AccountId, BlockNumber> {
	/// A Steward of the requesting department.
	pub steward: AccountId,
	/// The asset asked for.
	pub asset: AssetId,
	/// Why, as bytes (at most `MaxPurposeLen`).
	pub purpose: Vec<u8>,
	/// What the requester wants to do.
	pub scope: Scope,
	/// For how many blocks.
	pub duration: BlockNumber,
}

/// Makes consumers' signatures for the benchmarks: generic code cannot sign with an arbitrary
/// `Config::ConsumerSignature` (the runtime signs with sr25519 in the benchmark's keystore).
#[cfg(feature = "runtime-benchmarks")]
pub trait RequestSigner<AccountId, Signature> {
	/// The `index`-th consumer's account and its signature over `payload`; `None` if it cannot
	/// sign (no keystore).
	fn sign(index: u32, payload: &[u8]) -> Option<(AccountId, Signature)>;
}

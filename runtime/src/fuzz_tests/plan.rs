//! The plan of a case: blocks of abstract actions, generated up front and resolved against the
//! live state only when they are applied, so that most of them pick records that exist then.

use super::{BLOCKS, CALLS_PER_BLOCK};
use crate::BlockNumber;
use proptest::{prelude::*, sample::select};

/// What a transaction does. Registrar and oversight calls go through sudo or a council motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
	// Departments.
	RegisterDepartment,
	RenameDepartment,
	SuspendDepartment,
	ReactivateDepartment,
	InviteMember,
	AnswerInvitation,
	SetMemberRole,
	RemoveMember,
	LeaveDepartment,
	DissolveDepartment,
	ContinueDissolution,
	SetEncryptionKey,
	// Data assets.
	RegisterAsset,
	UpdateAsset,
	UpdateMetadata,
	SetClassification,
	OfferAsset,
	CancelAssetOffer,
	AcceptAsset,
	RetireAsset,
	// Access grants.
	RequestAccess,
	CancelRequest,
	ApproveRequest,
	RejectRequest,
	GrantAccess,
	RevokeAccess,
	RenounceAccess,
	OversightApprove,
	OversightReject,
	RecordAccess,
	RecordServed,
	PurgeExpired,
	PurgeRequest,
	// City codes.
	AddObjectClass,
	RetireObjectClass,
	IssueCode,
	IssueCodesBatch,
	UpdateCode,
	LinkAsset,
	UnlinkAsset,
	OfferCode,
	CancelCodeOffer,
	AcceptCode,
	SuspendCode,
	ReactivateCode,
	RetireCode,
	// Validator set.
	AddValidator,
	RemoveValidator,
	SetValidatorDepartment,
	// Legal holds.
	PlaceHold,
	LiftHold,
	// Council.
	Vote,
	Close,
	// Balances.
	Transfer,
}

impl Kind {
	/// Calls only the oversight board may make.
	pub(super) fn is_oversight(self) -> bool {
		matches!(self, Kind::OversightApprove | Kind::OversightReject)
	}

	/// Calls only the registrar (or the oversight office) may make.
	pub(super) fn is_governance(self) -> bool {
		use Kind::*;
		matches!(
			self,
			RegisterDepartment
				| RenameDepartment
				| SuspendDepartment
				| ReactivateDepartment
				| DissolveDepartment
				| OversightApprove
				| OversightReject
				| AddObjectClass
				| RetireObjectClass
				| AddValidator
				| RemoveValidator
				| SetValidatorDepartment
				| PlaceHold | LiftHold
		)
	}

	/// The pallet whose calls this kind makes: which module builds them.
	pub(super) fn pallet(self) -> Pallet {
		use Kind::*;
		match self {
			RegisterDepartment | RenameDepartment | SuspendDepartment | ReactivateDepartment
			| InviteMember | AnswerInvitation | SetMemberRole | RemoveMember | LeaveDepartment
			| DissolveDepartment | ContinueDissolution | SetEncryptionKey => Pallet::Departments,
			RegisterAsset | UpdateAsset | UpdateMetadata | SetClassification | OfferAsset
			| CancelAssetOffer | AcceptAsset | RetireAsset => Pallet::DataAssets,
			RequestAccess | CancelRequest | ApproveRequest | RejectRequest | GrantAccess
			| RevokeAccess | RenounceAccess | OversightApprove | OversightReject | RecordAccess
			| PurgeExpired | PurgeRequest | RecordServed => Pallet::AccessGrants,
			AddObjectClass | RetireObjectClass | IssueCode | IssueCodesBatch | UpdateCode
			| LinkAsset | UnlinkAsset | OfferCode | CancelCodeOffer | AcceptCode | SuspendCode
			| ReactivateCode | RetireCode => Pallet::CityCodes,
			AddValidator
			| RemoveValidator
			| SetValidatorDepartment
			| PlaceHold
			| LiftHold
			| Vote
			| Close
			| Transfer => Pallet::ValidatorsAndCouncil,
		}
	}
}

/// The groups of kinds, one module of the resolver each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pallet {
	Departments,
	DataAssets,
	AccessGrants,
	CityCodes,
	/// The validator set, legal holds, the council's votes and closes, and balance transfers.
	ValidatorsAndCouncil,
}

/// How often each kind is generated, relative to the others.
const KIND_WEIGHTS: &[(Kind, usize)] = {
	use Kind::*;
	&[
		(RegisterDepartment, 2),
		(RenameDepartment, 1),
		(SuspendDepartment, 1),
		(ReactivateDepartment, 3),
		(InviteMember, 6),
		(AnswerInvitation, 6),
		(SetMemberRole, 3),
		(RemoveMember, 2),
		(LeaveDepartment, 1),
		(DissolveDepartment, 1),
		(ContinueDissolution, 1),
		(SetEncryptionKey, 2),
		(RegisterAsset, 8),
		(UpdateAsset, 6),
		(UpdateMetadata, 3),
		(SetClassification, 3),
		(OfferAsset, 3),
		(CancelAssetOffer, 1),
		(AcceptAsset, 3),
		(RetireAsset, 1),
		(RequestAccess, 6),
		(CancelRequest, 1),
		(ApproveRequest, 6),
		(RejectRequest, 1),
		(GrantAccess, 5),
		(RevokeAccess, 1),
		(RenounceAccess, 1),
		(OversightApprove, 3),
		(OversightReject, 1),
		(RecordAccess, 8),
		(RecordServed, 4),
		(PurgeExpired, 3),
		(PurgeRequest, 2),
		(AddObjectClass, 1),
		(RetireObjectClass, 1),
		(IssueCode, 6),
		(IssueCodesBatch, 2),
		(UpdateCode, 2),
		(LinkAsset, 3),
		(UnlinkAsset, 1),
		(OfferCode, 2),
		(CancelCodeOffer, 1),
		(AcceptCode, 2),
		(SuspendCode, 1),
		(ReactivateCode, 1),
		(RetireCode, 1),
		(AddValidator, 1),
		(RemoveValidator, 1),
		(SetValidatorDepartment, 1),
		(PlaceHold, 2),
		(LiftHold, 1),
		(Vote, 14),
		(Close, 3),
		(Transfer, 3),
	]
};

/// One transaction, resolved against the live state when it is applied.
#[derive(Clone, Debug)]
pub(super) struct Action {
	pub(super) kind: Kind,
	/// `None`: the account the call needs (a member with the right role in the right department,
	/// a council member, the sudo key); `Some(i)`: development account `i`, fit or not.
	pub(super) signer: Option<u8>,
	/// Selectors of existing records and accounts (taken modulo what exists).
	pub(super) pick: [u16; 3],
	/// `0`: well-formed arguments; otherwise which kind of garbage: `1` an unknown id, `2`
	/// malformed text, `3` an out-of-range number, `4` a reused content hash or wrong party.
	pub(super) garbage: u8,
	/// Random material: ids, hashes, text.
	pub(super) seed: u64,
	/// Random material: amounts, durations, thresholds, variants.
	pub(super) num: u32,
}

/// How far the block number moves before a block.
#[derive(Clone, Debug)]
pub(super) enum Advance {
	/// By this many blocks.
	By(BlockNumber),
	/// To the next session boundary, where validator-set changes are queued and applied.
	ToSessionBoundary,
}

#[derive(Clone, Debug)]
pub(super) struct BlockPlan {
	pub(super) advance: Advance,
	pub(super) actions: Vec<Action>,
}

fn action() -> impl Strategy<Value = Action> {
	let kinds: Vec<Kind> = KIND_WEIGHTS
		.iter()
		.flat_map(|(kind, weight)| std::iter::repeat_n(*kind, *weight))
		.collect();
	(
		select(kinds),
		prop_oneof![17 => Just(None), 3 => any::<u8>().prop_map(Some)],
		any::<[u16; 3]>(),
		prop_oneof![6 => Just(0u8), 1 => 1u8..=4],
		any::<u64>(),
		any::<u32>(),
	)
		.prop_map(|(kind, signer, pick, garbage, seed, num)| Action {
			kind,
			signer,
			pick,
			garbage,
			seed,
			num,
		})
}

fn block_plan() -> impl Strategy<Value = BlockPlan> {
	(
		prop_oneof![9 => (1..=25 as BlockNumber).prop_map(Advance::By), 1 => Just(Advance::ToSessionBoundary)],
		prop::collection::vec(action(), CALLS_PER_BLOCK),
	)
		.prop_map(|(advance, actions)| BlockPlan { advance, actions })
}

pub(super) fn plan() -> impl Strategy<Value = Vec<BlockPlan>> {
	prop::collection::vec(block_plan(), BLOCKS)
}

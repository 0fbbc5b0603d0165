//! Governance: the agency council and the origins it stands behind.
//!
//! Each city agency has one seat on the council (a `pallet-collective` instance). A council
//! motion passes with the share of votes its origin asks for and then dispatches as that origin:
//!
//! | origin | who | decides |
//! | --- | --- | --- |
//! | [`CouncilTwoThirds`] | two thirds of the council, or Root | departments (registrar), object classes, validators, council seats |
//! | [`Oversight`] | half of the oversight board (not the council, not Root) | the second approval of grants on Restricted data; lowering a Restricted asset |
//! | [`CouncilThreeQuarters`] | three quarters of the council, or Root | anything only Root may do, above all runtime upgrades (`councilRoot.dispatchAsRoot`) |
//!
//! The oversight board is a second `pallet-collective` instance: the city's data protection
//! office, its members set at genesis and changed by the council (two thirds,
//! `oversightBoard.setMembers`). It is the independent second party of the two-party rule for
//! `Restricted` data, so neither the council nor Root stands behind [`Oversight`], and its
//! decisions count only while none of its members acts for a department they concern
//! ([`OversightBoardMembers`], the pallets' `OversightBody`).
//!
//! Root (sudo) stays only in the `development` preset, to make a one-person chain usable; the
//! `local_testnet` preset and real deployments have no sudo key.

use frame_support::{parameter_types, traits::EitherOfDiverse, weights::Weight};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::RuntimeBlockWeights;
use crate::{AccountId, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS};

/// The council's instance of `pallet-collective`.
pub type CouncilCollective = pallet_collective::Instance1;

/// Two thirds of the council, or Root: the chain's registrar.
pub type CouncilTwoThirds = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Three quarters of the council, or Root: what only Root may do (runtime upgrades), through
/// `councilRoot.dispatchAsRoot`.
pub type CouncilThreeQuarters = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 3, 4>,
>;

/// The oversight board's instance of `pallet-collective`.
pub type OversightCollective = pallet_collective::Instance2;

/// Half of the oversight board: the city's data protection oversight. Not Root: Root is
/// reached by a council motion, and the council is made of the departments' admins, whom the
/// second party must be independent of.
pub type Oversight =
	pallet_collective::EnsureProportionAtLeast<AccountId, OversightCollective, 1, 2>;

/// The oversight board's members, as the pallets see the body behind [`Oversight`].
pub struct OversightBoardMembers;
impl city_primitives::OversightBody<AccountId> for OversightBoardMembers {
	fn members() -> alloc::vec::Vec<AccountId> {
		pallet_collective::Members::<Runtime, OversightCollective>::get()
	}

	fn max_members() -> u32 {
		OversightBoardMaxMembers::get()
	}
}

parameter_types! {
	/// A motion that has not gathered its votes in three days closes.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// Half a block's weight at most for a proposal, so a motion always fits in a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = frame_support::traits::ConstU32<32>;
	/// One seat per agency: a city has far fewer than this.
	type MaxMembers = frame_support::traits::ConstU32<32>;
	/// When a motion closes, members who did not vote follow the prime member (no prime: nay).
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = CouncilTwoThirds;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	/// Only members may propose, so proposals need no deposit.
	type Consideration = ();
}

parameter_types! {
	/// What `councilRoot.dispatchAsRoot` costs besides its inner call: the same work as
	/// `sudo.sudo` (check an origin, dispatch, deposit an event), so the same measured weight.
	pub CouncilRootOverhead: Weight =
		<pallet_sudo::weights::SubstrateWeight<Runtime> as pallet_sudo::WeightInfo>::sudo();
}

parameter_types! {
	/// A data protection office is a handful of people.
	pub const OversightBoardMaxMembers: u32 = 16;
}

impl pallet_collective::Config<OversightCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = frame_support::traits::ConstU32<32>;
	type MaxMembers = OversightBoardMaxMembers;
	/// When a motion closes, members who did not vote follow the prime member (no prime: nay).
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// The council appoints the board; the board does not appoint itself.
	type SetMembersOrigin = CouncilTwoThirds;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	/// Only members may propose, so proposals need no deposit.
	type Consideration = ();
}

impl crate::council_root::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = CouncilThreeQuarters;
	type DispatchOverhead = CouncilRootOverhead;
}

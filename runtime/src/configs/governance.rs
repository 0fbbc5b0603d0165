//! Governance: the agency council and the origins it stands behind.
//!
//! Each city agency has one seat on the council (a `pallet-collective` instance). A council
//! motion passes with the share of votes its origin asks for and then dispatches as that origin:
//!
//! | origin | who | decides |
//! | --- | --- | --- |
//! | [`CouncilTwoThirds`] | two thirds of the council, or Root | departments (registrar), object classes, validators, council seats |
//! | [`Oversight`] | half of the council, or Root | the second approval of grants on Restricted data; lowering a Restricted asset |
//! | [`CouncilThreeQuarters`] | three quarters of the council, or Root | anything only Root may do, above all runtime upgrades (`councilRoot.dispatchAsRoot`) |
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

/// Half of the council, or Root: the city's data protection oversight.
pub type Oversight = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 1, 2>,
>;

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

impl crate::council_root::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = CouncilThreeQuarters;
	type DispatchOverhead = CouncilRootOverhead;
}

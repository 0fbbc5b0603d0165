//! The validator set and legal holds (fitting origin: sudo or a council motion), the council's
//! own calls (votes and closes on its motions) and balance transfers.

use super::{
	inputs::nth,
	plan::Kind,
	resolver::{Resolved, Resolver},
	state,
};
use crate::{AccountId, Balance, CouncilCollective, Runtime, RuntimeCall, CENTI_UNIT, MILLI_UNIT};
use codec::Encode;
use frame_support::dispatch::GetDispatchInfo;

impl Resolver<'_> {
	/// A `pallet_validator_set`, `pallet_collective` (council) or `pallet_balances` call and the
	/// account fit to sign it.
	pub(super) fn validators_and_council_call(&self) -> Resolved {
		use Kind::*;
		let (fitting, call) = match self.action.kind {
			AddValidator | RemoveValidator | SetValidatorDepartment => {
				(None, self.validator_call())
			},
			PlaceHold | LiftHold => (None, self.hold_call()),
			Vote | Close => self.council_call(),
			Transfer => (None, self.transfer_call()),
			kind => unreachable!("{kind:?} is not a validator-set, council or balances call"),
		};
		Resolved::Fitting(fitting, call)
	}

	/// A change of the validator set: only the registrar may make it.
	fn validator_call(&self) -> RuntimeCall {
		use Kind::*;
		let a = self.action;
		let [p0, p1, _] = a.pick;
		let who = match (a.kind, nth(&state::validators(), p0)) {
			(AddValidator, _) | (_, None) => self.keys.account(p0 as usize),
			(_, Some(validator)) => validator,
		};
		match a.kind {
			AddValidator => pallet_validator_set::Call::add_validator {
				who: who.into(),
				department: self.department(p1),
			}
			.into(),
			RemoveValidator => {
				pallet_validator_set::Call::remove_validator { who: who.into() }.into()
			},
			_ => pallet_validator_set::Call::set_validator_department {
				who: who.into(),
				department: self.department(p1),
			}
			.into(),
		}
	}

	/// A legal hold placed on a department, an asset or a code, or one lifted: only the
	/// registrar may.
	fn hold_call(&self) -> RuntimeCall {
		use city_primitives::RecordId;
		let a = self.action;
		let [p0, p1, _] = a.pick;
		if a.kind == Kind::LiftHold {
			let held: alloc::vec::Vec<_> =
				pallet_legal_holds::Holds::<Runtime>::iter_keys().collect();
			let record = nth(&held, p0).unwrap_or(RecordId::Department(self.department(p1)));
			return pallet_legal_holds::Call::lift_hold { record }.into();
		}
		let record = match p1 % 3 {
			0 => RecordId::Department(self.department(p0)),
			1 => RecordId::Asset(self.asset(p0)),
			_ => RecordId::Code(self.code(p0)),
		};
		pallet_legal_holds::Call::place_hold { record, case: sp_core::H256::repeat_byte(p0 as u8) }
			.into()
	}

	/// A council member's vote on a motion, or anyone's close of one.
	fn council_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, _] = a.pick;
		let num = a.num;
		let council: Vec<_> =
			state::council().iter().filter_map(|who| self.keys.index_of(who)).collect();
		let proposals = state::proposals();
		// Close what has the votes to pass, mostly; vote, mostly, on the open motion
		// closest to passing (the newest of those), so that motions do pass.
		let passing: Vec<_> = proposals
			.iter()
			.filter(|(_, votes)| votes.ayes.len() as u32 >= votes.threshold)
			.collect();
		let closest = proposals
			.iter()
			.filter(|(_, votes)| (votes.ayes.len() as u32) < votes.threshold)
			.max_by_key(|(_, votes)| (votes.ayes.len(), votes.index));
		let proposal = match (a.kind, nth(&passing, p0), closest) {
			(Close, Some(passing), _) if !num.is_multiple_of(4) => Some(passing),
			(Vote, _, Some(closest)) if !num.is_multiple_of(4) => Some(closest),
			_ => nth(&proposals.iter().collect::<Vec<_>>(), p0),
		};
		let (hash, index, voters) = match (self.bad(1), proposal) {
			(false, Some((hash, votes))) => {
				let voters: Vec<_> = council
					.iter()
					.copied()
					.filter(|i| {
						let who = self.keys.account(*i);
						!votes.ayes.contains(&who) && !votes.nays.contains(&who)
					})
					.collect();
				(*hash, votes.index, voters)
			},
			_ => (sp_core::H256::from(self.hash()), num, Vec::new()),
		};
		if a.kind == Vote {
			let voter = nth(&voters, p1).or_else(|| nth(&council, p1));
			let call = pallet_collective::Call::<Runtime, CouncilCollective>::vote {
				proposal: hash,
				index,
				approve: !num.is_multiple_of(5),
			};
			(voter, call.into())
		} else {
			let proposal = pallet_collective::ProposalOf::<Runtime, CouncilCollective>::get(hash);
			let (weight, length) = proposal
				.map(|p| (p.get_dispatch_info().call_weight, p.encoded_size() as u32))
				.unwrap_or_default();
			let call = pallet_collective::Call::<Runtime, CouncilCollective>::close {
				proposal_hash: hash,
				index,
				proposal_weight_bound: weight,
				length_bound: length,
			};
			// Anyone may close a motion.
			(None, call.into())
		}
	}

	/// A transfer to a development account or (sometimes) to an account nobody holds.
	fn transfer_call(&self) -> RuntimeCall {
		let a = self.action;
		let [_, p1, _] = a.pick;
		let seed = a.seed;
		let num = a.num;
		let dest = match seed % 4 {
			0 => AccountId::from(self.hash()),
			_ => self.keys.account(p1 as usize),
		};
		let value: Balance = match (self.bad(3), num % 3) {
			(true, 0) => 0,
			(true, 1) => MILLI_UNIT - 1,
			(true, _) => Balance::MAX / 2,
			(false, _) => MILLI_UNIT + (num % 10_000) as Balance * CENTI_UNIT,
		};
		if seed.is_multiple_of(3) {
			crate::BalancesCall::transfer_allow_death { dest: dest.into(), value }.into()
		} else {
			crate::BalancesCall::transfer_keep_alive { dest: dest.into(), value }.into()
		}
	}
}

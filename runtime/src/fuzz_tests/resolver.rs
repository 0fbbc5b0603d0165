//! Resolving an action against the live state: which call, with which arguments, sent how.

use super::{
	inputs::nth,
	plan::{Action, Pallet},
	state,
};
use crate::{AccountId, RuntimeCall};
use city_primitives::Role;
use codec::Encode;
use pallet_data_assets::{ContentHash, HashAlgorithm};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;

/// Accounts `//Citizen1`.. that the sudo key funds at the start of a case: outsiders for the
/// departments to enroll (the demo city has enrolled all but one development account).
const CITIZENS: u32 = 6;

/// The accounts that sign: every well-known development account with an endowment, then the
/// citizens.
pub(super) struct Keys(pub(super) Vec<(AccountId, sr25519::Pair)>);

impl Keys {
	pub(super) fn new() -> Self {
		let citizens = (1..=CITIZENS).map(|i| {
			let pair = sr25519::Pair::from_string(&format!("//Citizen{i}"), None).unwrap();
			(pair.public().into(), pair)
		});
		Self(
			Sr25519Keyring::iter()
				.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
				.map(|k| (k.to_account_id(), k.pair()))
				.chain(citizens)
				.collect(),
		)
	}

	pub(super) fn citizens(&self) -> impl Iterator<Item = AccountId> + '_ {
		self.0.iter().rev().take(CITIZENS as usize).map(|(who, _)| who.clone())
	}

	pub(super) fn index_of(&self, who: &AccountId) -> Option<usize> {
		self.0.iter().position(|(account, _)| account == who)
	}

	pub(super) fn account(&self, i: usize) -> AccountId {
		self.0[i % self.0.len()].0.clone()
	}
}

/// How a call reaches the chain.
pub(super) enum Origin {
	/// Signed by this development account.
	Signed(usize),
	/// Signed by the sudo key, wrapped in `sudo.sudo`.
	Sudo,
	/// Proposed to the council by this development account with this threshold; if `true`, as
	/// `councilRoot.dispatchAsRoot` of the call (three quarters of the council act as Root).
	Council(usize, u32, bool),
	/// Proposed to the oversight board by this development account, with threshold 1.
	Board(usize),
}

/// A call as a pallet's module builds it.
pub(super) enum Resolved {
	/// The call and the account fit to sign it, if any; [`Resolver::resolve`] picks the origin.
	Fitting(Option<usize>, RuntimeCall),
	/// The call and the origin it must be sent from, whatever the action's signer.
	Final(Origin, RuntimeCall),
}

/// Resolves an action against the live state into a call and how it is sent.
pub(super) struct Resolver<'a> {
	pub(super) keys: &'a Keys,
	pub(super) action: &'a Action,
	/// Distinguishes the fresh content hashes of a case's actions.
	pub(super) counter: u64,
}

impl Resolver<'_> {
	pub(super) fn bad(&self, garbage: u8) -> bool {
		self.action.garbage == garbage
	}

	pub(super) fn seed(&self) -> u64 {
		self.action.seed
	}

	/// A department: an existing one, or (garbage) any id.
	pub(super) fn department(&self, sel: u16) -> u32 {
		if self.bad(1) {
			return self.seed() as u32;
		}
		nth(&state::departments(), sel).unwrap_or(0)
	}

	/// A department other than `not`, if there is one.
	pub(super) fn other_department(&self, not: u32, sel: u16) -> u32 {
		if self.bad(4) {
			return not;
		}
		let others: Vec<_> = state::departments().into_iter().filter(|d| *d != not).collect();
		nth(&others, sel).unwrap_or(not)
	}

	/// A department with a member in one of `roles` who can sign, if there is one.
	pub(super) fn department_with(&self, roles: &[Role], sel: u16) -> u32 {
		if self.bad(1) {
			return self.seed() as u32;
		}
		let with: Vec<_> = state::departments()
			.into_iter()
			.filter(|d| self.member(*d, roles, 0).is_some())
			.collect();
		nth(&with, sel).unwrap_or_else(|| self.department(sel))
	}

	/// A department other than `not` with a member in one of `roles` who can sign, if there is
	/// one.
	pub(super) fn other_department_with(&self, not: u32, roles: &[Role], sel: u16) -> u32 {
		if self.bad(4) {
			return not;
		}
		let with: Vec<_> = state::departments()
			.into_iter()
			.filter(|d| *d != not && self.member(*d, roles, 0).is_some())
			.collect();
		nth(&with, sel).unwrap_or_else(|| self.other_department(not, sel))
	}

	/// A member of `department` with one of `roles` who can sign.
	pub(super) fn member(&self, department: u32, roles: &[Role], sel: u16) -> Option<usize> {
		let members: Vec<_> = state::members(department, roles)
			.into_iter()
			.filter_map(|who| self.keys.index_of(&who))
			.collect();
		nth(&members, sel)
	}

	pub(super) fn asset(&self, sel: u16) -> u64 {
		if self.bad(1) {
			return self.seed();
		}
		nth(&state::assets(), sel).unwrap_or(0)
	}

	pub(super) fn code(&self, sel: u16) -> u64 {
		if self.bad(1) {
			return self.seed();
		}
		nth(&state::codes(), sel).unwrap_or(0)
	}

	pub(super) fn class(&self, sel: u16) -> u16 {
		if self.bad(1) {
			return self.seed() as u16;
		}
		match state::classes() {
			0 => 0,
			n => sel % n,
		}
	}

	/// A content hash: fresh, or (garbage) one already registered.
	pub(super) fn content(&self, sel: u16) -> ContentHash {
		if self.bad(4) {
			if let Some(used) = nth(&state::contents(), sel) {
				return used;
			}
		}
		let algorithm = if self.seed().is_multiple_of(2) {
			HashAlgorithm::Blake2_256
		} else {
			HashAlgorithm::Sha2_256
		};
		ContentHash {
			algorithm,
			digest: sp_io::hashing::blake2_256(&(self.seed(), self.counter).encode()),
		}
	}

	pub(super) fn hash(&self) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(b"hash", self.seed(), self.counter).encode())
	}

	/// The fitting signer if there is one, else development account `pick`.
	fn or_any(&self, fitting: Option<usize>, pick: u16) -> usize {
		fitting.unwrap_or(pick as usize % self.keys.0.len())
	}

	/// The call and who sends it: the pallet's module builds the call, then the action's signer
	/// (if it has one) signs it, or the registrar or a council motion sends a governance call, or
	/// the fitting account signs it (or, if there is none, development account `pick[2]`).
	pub(super) fn resolve(&self) -> (Origin, RuntimeCall) {
		let a = self.action;
		let [_, _, p2] = a.pick;
		let num = a.num;
		let resolved = match a.kind.pallet() {
			Pallet::Departments => self.departments_call(),
			Pallet::DataAssets => self.data_assets_call(),
			Pallet::AccessGrants => self.access_grants_call(),
			Pallet::CityCodes => self.city_codes_call(),
			Pallet::ValidatorsAndCouncil => self.validators_and_council_call(),
		};
		let (fitting, call) = match resolved {
			Resolved::Fitting(fitting, call) => (fitting, call),
			Resolved::Final(origin, call) => return (origin, call),
		};

		if let Some(i) = a.signer {
			return (Origin::Signed(i as usize % self.keys.0.len()), call);
		}
		if a.kind.is_oversight() {
			// The oversight board's decision (sometimes, to see it refused, sudo's).
			let board: Vec<_> =
				state::oversight_board().iter().filter_map(|who| self.keys.index_of(who)).collect();
			return match (num % 4, nth(&board, p2)) {
				(0, _) | (_, None) => (Origin::Sudo, call),
				(_, Some(member)) => (Origin::Board(member), call),
			};
		}
		if a.kind.is_governance() {
			let council: Vec<_> =
				state::council().iter().filter_map(|who| self.keys.index_of(who)).collect();
			return match (num % 3, nth(&council, p2)) {
				(0, Some(member)) => {
					// Mostly two thirds (or, as Root, three quarters) of four seats; sometimes too
					// few or all of them.
					let threshold = [3, 3, 3, 1, 2, 4][(num / 5 % 6) as usize];
					let as_root = (num / 30).is_multiple_of(3);
					(Origin::Council(member, threshold, as_root), call)
				},
				_ => (Origin::Sudo, call),
			};
		}
		(Origin::Signed(self.or_any(fitting, p2)), call)
	}
}

//! Property test of the whole runtime: long random sequences of signed transactions, from random
//! development accounts, across every CityChain pallet, the council (also as Root, through
//! `councilRoot`) and sudo.
//!
//! Each case starts from the `development` preset (the demo city) and runs a few blocks the way a
//! node builds them: `initialize_block` with an Aura slot digest, the timestamp inherent, signed
//! extrinsics through [`Executive::apply_extrinsic`] (real signatures, the signers' current
//! nonces, fees), `finalize_block`. Blocks advance the block number by random steps, sometimes to
//! the next session boundary, so grants expire and validator-set changes are applied.
//!
//! Calls are generated as abstract actions resolved against the live state when they are applied:
//! most pick an existing department, asset, request, grant, code or proposal and a member with
//! the role the call needs, so deep states are reached (assets with several versions, grants used
//! up and purged, codes with children, transfers accepted, council motions passed); some are
//! signed by a random account and some carry garbage (unknown ids, random hashes, content hashes
//! already registered, malformed or maximal text within the bounded types, invalid codes,
//! durations and coordinates).
//!
//! After every block:
//! - no transaction was refused as invalid (dispatch errors are fine) and nothing panicked;
//! - every pallet's invariants hold (`AllPalletsWithSystem` `try_state`, `TryStateSelect::All`);
//! - total issuance dropped by exactly the fees paid (`TransactionFeePaid`: fees are burnt) and
//!   the dust of reaped accounts (`DustLost`), and equals the sum of all accounts' balances.
//!
//! The number of cases defaults to [`CI_CASES`] (quick enough for `scripts/test`); set
//! `PROPTEST_CASES` for a longer run (see `docs/security.md`).
#![cfg(feature = "try-runtime")]

use crate::{
	sign_transaction, tx_extension, AccountId, AllPalletsWithSystem, Balance, Balances,
	BlockNumber, CouncilCollective, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, System,
	TimestampCall, UncheckedExtrinsic, CENTI_UNIT, MILLI_UNIT, SLOT_DURATION,
};
use city_primitives::{Classification, Role};
use codec::Encode;
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{Get, TryState, TryStateSelect},
	BoundedVec,
};
use pallet_access_grants::{OversightSubject, Scope};
use pallet_city_codes::{Location, NewCode};
use pallet_data_assets::{ContentHash, HashAlgorithm};
use proptest::{prelude::*, sample::select, test_runner::TestRunner};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Header as _, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	Storage,
};
use std::{collections::BTreeMap, sync::Mutex};

/// Cases per run when `PROPTEST_CASES` is not set: about 15 s on a two-core machine.
const CI_CASES: u32 = 64;
/// Shrinking steps when `PROPTEST_MAX_SHRINK_ITERS` is not set: a case runs whole blocks, so an
/// unbounded shrink of a long failing sequence could take hours.
const CI_SHRINK_ITERS: u32 = 256;
/// Blocks per case.
const BLOCKS: core::ops::RangeInclusive<usize> = 3..=8;
/// Transactions per block.
const CALLS_PER_BLOCK: core::ops::RangeInclusive<usize> = 1..=30;

/// The test's configuration: proptest's defaults and `PROPTEST_*` environment variables, with
/// the CI bounds for the variables that are not set.
fn config() -> ProptestConfig {
	// `ProptestConfig::default()` reads the `PROPTEST_*` variables; `with_cases` would override
	// `PROPTEST_CASES`, so only fall back to the CI values when a variable is absent.
	let mut config = ProptestConfig::default();
	if std::env::var_os("PROPTEST_CASES").is_none() {
		config.cases = CI_CASES;
	}
	if std::env::var_os("PROPTEST_MAX_SHRINK_ITERS").is_none() {
		config.max_shrink_iters = CI_SHRINK_ITERS;
	}
	// The minimal failing case is printed; no regression files in the source tree.
	config.failure_persistence = None;
	config
}

/// What a transaction does. Registrar and oversight calls go through sudo or a council motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
	// Departments.
	RegisterDepartment,
	RenameDepartment,
	SuspendDepartment,
	ReactivateDepartment,
	AddMember,
	SetMemberRole,
	RemoveMember,
	LeaveDepartment,
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
	PurgeExpired,
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
	// Council.
	Vote,
	Close,
	// Balances.
	Transfer,
}

impl Kind {
	/// Calls only the registrar (or the oversight office) may make.
	fn is_governance(self) -> bool {
		use Kind::*;
		matches!(
			self,
			RegisterDepartment
				| RenameDepartment
				| SuspendDepartment
				| ReactivateDepartment
				| OversightApprove
				| OversightReject
				| AddObjectClass
				| RetireObjectClass
				| AddValidator
				| RemoveValidator
				| SetValidatorDepartment
		)
	}
}

/// How often each kind is generated, relative to the others.
const KIND_WEIGHTS: &[(Kind, usize)] = {
	use Kind::*;
	&[
		(RegisterDepartment, 2),
		(RenameDepartment, 1),
		(SuspendDepartment, 1),
		(ReactivateDepartment, 3),
		(AddMember, 6),
		(SetMemberRole, 3),
		(RemoveMember, 2),
		(LeaveDepartment, 1),
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
		(PurgeExpired, 3),
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
		(Vote, 14),
		(Close, 3),
		(Transfer, 3),
	]
};

/// One transaction, resolved against the live state when it is applied.
#[derive(Clone, Debug)]
struct Action {
	kind: Kind,
	/// `None`: the account the call needs (a member with the right role in the right department,
	/// a council member, the sudo key); `Some(i)`: development account `i`, fit or not.
	signer: Option<u8>,
	/// Selectors of existing records and accounts (taken modulo what exists).
	pick: [u16; 3],
	/// `0`: well-formed arguments; otherwise which kind of garbage: `1` an unknown id, `2`
	/// malformed text, `3` an out-of-range number, `4` a reused content hash or wrong party.
	garbage: u8,
	/// Random material: ids, hashes, text.
	seed: u64,
	/// Random material: amounts, durations, thresholds, variants.
	num: u32,
}

/// How far the block number moves before a block.
#[derive(Clone, Debug)]
enum Advance {
	/// By this many blocks.
	By(BlockNumber),
	/// To the next session boundary, where validator-set changes are queued and applied.
	ToSessionBoundary,
}

#[derive(Clone, Debug)]
struct BlockPlan {
	advance: Advance,
	actions: Vec<Action>,
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

fn plan() -> impl Strategy<Value = Vec<BlockPlan>> {
	prop::collection::vec(block_plan(), BLOCKS)
}

/// Successful and failed dispatches per kind, over the whole run.
static STATS: Mutex<Stats> = Mutex::new(BTreeMap::new());

/// Accounts `//Citizen1`.. that the sudo key funds at the start of a case: outsiders for the
/// departments to enroll (the demo city has enrolled all but one development account).
const CITIZENS: u32 = 6;

/// The accounts that sign: every well-known development account with an endowment, then the
/// citizens.
struct Keys(Vec<(AccountId, sr25519::Pair)>);

impl Keys {
	fn new() -> Self {
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

	fn citizens(&self) -> impl Iterator<Item = AccountId> + '_ {
		self.0.iter().rev().take(CITIZENS as usize).map(|(who, _)| who.clone())
	}

	fn index_of(&self, who: &AccountId) -> Option<usize> {
		self.0.iter().position(|(account, _)| account == who)
	}

	fn account(&self, i: usize) -> AccountId {
		self.0[i % self.0.len()].0.clone()
	}
}

/// The `sel`-th element of `items` (modulo its length), if any.
fn nth<T: Clone>(items: &[T], sel: u16) -> Option<T> {
	(!items.is_empty()).then(|| items[sel as usize % items.len()].clone())
}

/// Deterministic pseudo-random bytes from `seed`.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
	let mut out = Vec::with_capacity(len);
	let mut counter = 0u64;
	while out.len() < len {
		out.extend_from_slice(&sp_io::hashing::blake2_256(&(seed, counter).encode()));
		counter += 1;
	}
	out.truncate(len);
	out
}

fn bounded<S: Get<u32>>(v: Vec<u8>) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(v)
}

/// A display name (department, asset, code, tag): valid most of the time; `bad` gives names the
/// pallets must refuse, and some valid names of the largest size.
fn display_text(seed: u64, bad: bool, max: usize) -> Vec<u8> {
	const GOOD: &[&str] = &["Water", "Parks", "Traffic lights", "Écoles", "公园", "Bus 42", "Ω"];
	if bad {
		return match seed % 7 {
			0 => Vec::new(),
			1 => "evil\u{202E}txt.exe".as_bytes().to_vec(),
			2 => vec![0xff, 0xfe, b'a'],
			3 => b"two\nlines".to_vec(),
			4 => "zero\u{200B}width".as_bytes().to_vec(),
			5 => bytes(seed, max),
			// The longest valid name: multi-byte characters truncated to the bound, so possibly
			// cut in the middle of one (invalid UTF-8).
			_ => "é".repeat(max).into_bytes(),
		};
	}
	match seed % 8 {
		0 => vec![b'x'; max],
		_ => format!("{} {}", GOOD[(seed % GOOD.len() as u64) as usize], seed % 1000).into_bytes(),
	}
}

/// A department prefix or class label: upper-case letters and digits, or (`bad`) not.
fn label(seed: u64, bad: bool, max: usize) -> Vec<u8> {
	const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	if bad {
		return match seed % 4 {
			0 => Vec::new(),
			1 => b"ab".to_vec(),
			2 => b"A-1".to_vec(),
			_ => "É".as_bytes().to_vec(),
		};
	}
	let len = 1 + (seed % max as u64) as usize;
	bytes(seed, len).iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()]).collect()
}

fn media_type(seed: u64, bad: bool) -> Vec<u8> {
	const GOOD: &[&str] = &["text/csv", "application/json", "application/geo+json", "image/png"];
	const BAD: &[&str] = &["text", "/csv", "text/ csv", "", "text/csv;charset=utf-8", "a/b/c"];
	let list = if bad { BAD } else { GOOD };
	list[(seed % list.len() as u64) as usize].as_bytes().to_vec()
}

fn uri(seed: u64, bad: bool) -> Vec<u8> {
	if bad {
		return match seed % 4 {
			0 => Vec::new(),
			1 => b"https://has space.example".to_vec(),
			2 => "https://ünï.example".as_bytes().to_vec(),
			_ => b"https://tab\t.example".to_vec(),
		};
	}
	match seed % 6 {
		0 => vec![b'a'; 256],
		_ => format!("https://gateway.city.example/data/{seed}").into_bytes(),
	}
}

fn tags(seed: u64, bad: bool) -> Vec<Vec<u8>> {
	const GOOD: &[&str] = &["traffic", "open-data", "health", "gis", "sensors", "zoning"];
	if bad {
		return match seed % 3 {
			0 => vec![b"dup".to_vec(), b"dup".to_vec()],
			1 => vec![Vec::new()],
			_ => vec!["in\u{2028}visible".as_bytes().to_vec()],
		};
	}
	let n = (seed % 4) as usize;
	(0..n).map(|i| GOOD[(seed as usize + i) % GOOD.len()].as_bytes().to_vec()).collect()
}

fn classification(seed: u64) -> Classification {
	[
		Classification::Public,
		Classification::Internal,
		Classification::Confidential,
		Classification::Restricted,
	][(seed % 4) as usize]
}

fn role(seed: u64) -> Role {
	[Role::Admin, Role::Steward, Role::Operator][(seed % 3) as usize]
}

fn scope(seed: u64) -> Scope {
	[Scope::Read, Scope::Query, Scope::Derive][(seed % 3) as usize]
}

/// A grant or request duration in blocks: short most of the time, so grants expire during a
/// case; `bad`: zero or beyond `MaxGrantDuration`.
fn duration(num: u32, bad: bool) -> BlockNumber {
	let max = crate::configs::city::MaxGrantDuration::get();
	if bad {
		return [0, max + 1, BlockNumber::MAX][(num % 3) as usize];
	}
	match num % 10 {
		0 => max,
		_ => 1 + num % 60,
	}
}

fn max_uses(num: u32, bad: bool) -> Option<u32> {
	if bad {
		return Some(0);
	}
	match num % 3 {
		0 => None,
		_ => Some(1 + num % 3),
	}
}

fn location(seed: u64, bad: bool) -> Option<Location> {
	if bad {
		return Some(Location { latitude: 90_000_001, longitude: i32::MIN });
	}
	(!seed.is_multiple_of(3)).then(|| Location {
		latitude: (seed % 180_000_001) as i32 - 90_000_000,
		longitude: ((seed >> 32) % 360_000_001) as i32 - 180_000_000,
	})
}

/// Reads of the live state the actions are resolved against.
mod state {
	use super::*;
	use pallet_access_grants::{GrantOf, RequestOf};

	pub fn departments() -> Vec<u32> {
		(0..pallet_departments::NextDepartmentId::<Runtime>::get()).collect()
	}

	pub fn members(department: u32, roles: &[Role]) -> Vec<AccountId> {
		let mut members: Vec<_> =
			pallet_departments::DepartmentMembers::<Runtime>::iter_prefix(department)
				.filter(|(_, role)| roles.contains(role))
				.map(|(who, _)| who)
				.collect();
		members.sort();
		members
	}

	pub fn all_members() -> Vec<AccountId> {
		let mut members: Vec<_> = pallet_departments::Members::<Runtime>::iter_keys().collect();
		members.sort();
		members
	}

	pub fn suspended_departments() -> Vec<u32> {
		departments()
			.into_iter()
			.filter(|d| {
				pallet_departments::Departments::<Runtime>::get(d).is_some_and(|info| {
					info.status == pallet_departments::DepartmentStatus::Suspended
				})
			})
			.collect()
	}

	pub fn assets() -> Vec<u64> {
		(0..pallet_data_assets::NextAssetId::<Runtime>::get()).collect()
	}

	pub fn asset(id: u64) -> Option<pallet_data_assets::AssetRecordOf<Runtime>> {
		pallet_data_assets::Assets::<Runtime>::get(id)
	}

	pub fn offered_assets() -> Vec<u64> {
		let mut ids: Vec<_> = pallet_data_assets::Assets::<Runtime>::iter()
			.filter(|(_, a)| a.offered_to.is_some())
			.map(|(id, _)| id)
			.collect();
		ids.sort();
		ids
	}

	pub fn department_assets(department: u32) -> Vec<u64> {
		let mut ids: Vec<_> =
			pallet_data_assets::AssetsByDepartment::<Runtime>::iter_key_prefix(department)
				.collect();
		ids.sort();
		ids
	}

	pub fn contents() -> Vec<ContentHash> {
		let mut hashes: Vec<_> =
			pallet_data_assets::AssetByContent::<Runtime>::iter_keys().collect();
		hashes.sort();
		hashes
	}

	pub fn requests() -> Vec<(u64, RequestOf<Runtime>)> {
		let mut requests: Vec<_> = pallet_access_grants::Requests::<Runtime>::iter().collect();
		requests.sort_by_key(|(id, _)| *id);
		requests
	}

	pub fn grants() -> Vec<(u64, GrantOf<Runtime>)> {
		let mut grants: Vec<_> = pallet_access_grants::Grants::<Runtime>::iter().collect();
		grants.sort_by_key(|(id, _)| *id);
		grants
	}

	pub fn classes() -> u16 {
		pallet_city_codes::NextClassId::<Runtime>::get()
	}

	pub fn codes() -> Vec<u64> {
		(0..pallet_city_codes::NextCodeId::<Runtime>::get()).collect()
	}

	pub fn code(id: u64) -> Option<pallet_city_codes::CodeRecordOf<Runtime>> {
		pallet_city_codes::Codes::<Runtime>::get(id)
	}

	pub fn codes_where(f: impl Fn(&pallet_city_codes::CodeRecordOf<Runtime>) -> bool) -> Vec<u64> {
		let mut ids: Vec<_> = pallet_city_codes::Codes::<Runtime>::iter()
			.filter(|(_, code)| f(code))
			.map(|(id, _)| id)
			.collect();
		ids.sort();
		ids
	}

	pub fn council() -> Vec<AccountId> {
		pallet_collective::Members::<Runtime, CouncilCollective>::get()
	}

	/// A council motion's votes: `pallet_collective::Votes`, whose fields are private, decoded
	/// from its encoding.
	#[derive(codec::Decode)]
	pub struct Votes {
		pub index: u32,
		pub threshold: u32,
		pub ayes: Vec<AccountId>,
		pub nays: Vec<AccountId>,
		pub _end: BlockNumber,
	}

	/// The open council motions, oldest first.
	pub fn proposals() -> Vec<(crate::Hash, Votes)> {
		use codec::Decode;
		pallet_collective::Proposals::<Runtime, CouncilCollective>::get()
			.into_iter()
			.filter_map(|hash| {
				let votes = pallet_collective::Voting::<Runtime, CouncilCollective>::get(hash)?;
				Some((hash, Votes::decode(&mut &votes.encode()[..]).ok()?))
			})
			.collect()
	}

	/// Grants that can no longer give access (expired or used up): what `purge_expired` takes.
	pub fn ended_grants() -> Vec<u64> {
		let now = System::block_number();
		grants()
			.into_iter()
			.filter(|(_, g)| g.expires_at <= now || g.max_uses == Some(g.uses))
			.map(|(id, _)| id)
			.collect()
	}

	pub fn validators() -> Vec<AccountId> {
		pallet_validator_set::Pallet::<Runtime>::validators().into_iter().map(|(v, _)| v).collect()
	}
}

/// How a call reaches the chain.
enum Origin {
	/// Signed by this development account.
	Signed(usize),
	/// Signed by the sudo key, wrapped in `sudo.sudo`.
	Sudo,
	/// Proposed to the council by this development account with this threshold; if `true`, as
	/// `councilRoot.dispatchAsRoot` of the call (three quarters of the council act as Root).
	Council(usize, u32, bool),
}

/// Resolves an action against the live state into a call and how it is sent.
struct Resolver<'a> {
	keys: &'a Keys,
	action: &'a Action,
	/// Distinguishes the fresh content hashes of a case's actions.
	counter: u64,
}

impl Resolver<'_> {
	fn bad(&self, garbage: u8) -> bool {
		self.action.garbage == garbage
	}

	fn seed(&self) -> u64 {
		self.action.seed
	}

	/// A department: an existing one, or (garbage) any id.
	fn department(&self, sel: u16) -> u32 {
		if self.bad(1) {
			return self.seed() as u32;
		}
		nth(&state::departments(), sel).unwrap_or(0)
	}

	/// A department other than `not`, if there is one.
	fn other_department(&self, not: u32, sel: u16) -> u32 {
		if self.bad(4) {
			return not;
		}
		let others: Vec<_> = state::departments().into_iter().filter(|d| *d != not).collect();
		nth(&others, sel).unwrap_or(not)
	}

	/// A department with a member in one of `roles` who can sign, if there is one.
	fn department_with(&self, roles: &[Role], sel: u16) -> u32 {
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
	fn other_department_with(&self, not: u32, roles: &[Role], sel: u16) -> u32 {
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
	fn member(&self, department: u32, roles: &[Role], sel: u16) -> Option<usize> {
		let members: Vec<_> = state::members(department, roles)
			.into_iter()
			.filter_map(|who| self.keys.index_of(&who))
			.collect();
		nth(&members, sel)
	}

	fn asset(&self, sel: u16) -> u64 {
		if self.bad(1) {
			return self.seed();
		}
		nth(&state::assets(), sel).unwrap_or(0)
	}

	fn code(&self, sel: u16) -> u64 {
		if self.bad(1) {
			return self.seed();
		}
		nth(&state::codes(), sel).unwrap_or(0)
	}

	fn class(&self, sel: u16) -> u16 {
		if self.bad(1) {
			return self.seed() as u16;
		}
		match state::classes() {
			0 => 0,
			n => sel % n,
		}
	}

	/// A content hash: fresh, or (garbage) one already registered.
	fn content(&self, sel: u16) -> ContentHash {
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

	fn hash(&self) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(b"hash", self.seed(), self.counter).encode())
	}

	/// The fitting signer if there is one, else development account `pick`.
	fn or_any(&self, fitting: Option<usize>, pick: u16) -> usize {
		fitting.unwrap_or(pick as usize % self.keys.0.len())
	}

	/// The call and who sends it.
	fn resolve(&self) -> (Origin, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let num = a.num;
		let (fitting, call): (Option<usize>, RuntimeCall) = match a.kind {
			// Governance calls: the fitting origin is sudo or a council motion, chosen below.
			RegisterDepartment => (
				None,
				pallet_departments::Call::register_department {
					name: bounded(display_text(seed, self.bad(2), 64)),
					prefix: bounded(label(seed, self.bad(2) && seed.is_multiple_of(2), 8)),
				}
				.into(),
			),
			RenameDepartment => (
				None,
				pallet_departments::Call::rename_department {
					department: self.department(p0),
					name: bounded(display_text(seed, self.bad(2), 64)),
				}
				.into(),
			),
			SuspendDepartment => (
				None,
				pallet_departments::Call::suspend_department { department: self.department(p0) }
					.into(),
			),
			ReactivateDepartment => {
				let department =
					nth(&state::suspended_departments(), p0).unwrap_or_else(|| self.department(p0));
				(None, pallet_departments::Call::reactivate_department { department }.into())
			},
			AddMember => {
				let department = self.department(p0);
				let members = state::all_members();
				let newcomers: Vec<_> = (0..self.keys.0.len())
					.map(|i| self.keys.account(i))
					.filter(|who| !members.contains(who))
					.collect();
				let who = match (self.bad(4), nth(&newcomers, p1)) {
					(false, Some(who)) if !seed.is_multiple_of(5) => who,
					// Somebody who cannot sign, or (garbage) a member already.
					(false, _) => AccountId::from(self.hash()),
					(true, _) => nth(&members, p1).unwrap_or_else(|| self.keys.account(0)),
				};
				let call = pallet_departments::Call::add_member {
					department,
					who: who.into(),
					role: role(seed),
				};
				let admin = self.member(department, &[Role::Admin], p2);
				if num.is_multiple_of(8) || (admin.is_none() && a.signer.is_none()) {
					// The registrar may manage any department's members, and is the only one who
					// can for a department without an admin.
					return (Origin::Sudo, call.into());
				}
				(admin, call.into())
			},
			SetMemberRole | RemoveMember => {
				let department = self.department(p0);
				let who = nth(
					&state::members(department, &[Role::Admin, Role::Steward, Role::Operator]),
					p1,
				)
				.unwrap_or_else(|| self.keys.account(p1 as usize));
				let call: RuntimeCall = if a.kind == SetMemberRole {
					pallet_departments::Call::set_member_role { who: who.into(), role: role(seed) }
						.into()
				} else {
					pallet_departments::Call::remove_member { who: who.into() }.into()
				};
				if num.is_multiple_of(8) {
					return (Origin::Sudo, call);
				}
				(self.member(department, &[Role::Admin], p2), call)
			},
			LeaveDepartment => {
				let members: Vec<_> = state::all_members()
					.into_iter()
					.filter_map(|who| self.keys.index_of(&who))
					.collect();
				(nth(&members, p0), pallet_departments::Call::leave_department {}.into())
			},

			RegisterAsset => {
				let department = self.department_with(&[Role::Steward], p0);
				(
					self.member(department, &[Role::Steward], p1),
					pallet_data_assets::Call::register_asset {
						name: bounded(display_text(
							seed,
							self.bad(2) && seed.is_multiple_of(3),
							128,
						)),
						content: self.content(p2),
						size: if self.bad(3) { u64::MAX } else { seed % 1_000_000 },
						media_type: bounded(media_type(seed, self.bad(2) && seed % 3 == 1)),
						classification: classification(seed >> 8),
						location: bounded(uri(seed, self.bad(2) && seed % 3 == 2)),
						metadata_hash: seed
							.is_multiple_of(2)
							.then(|| self.content(p2.wrapping_add(1))),
						tags: BoundedVec::truncate_from(
							tags(seed >> 4, self.bad(3)).into_iter().map(bounded).collect(),
						),
					}
					.into(),
				)
			},
			UpdateAsset | UpdateMetadata | SetClassification | OfferAsset | RetireAsset => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				let call: RuntimeCall = match a.kind {
					UpdateAsset => pallet_data_assets::Call::update_asset {
						asset,
						content: self.content(p2),
						size: seed % 1_000_000,
						location: bounded(uri(seed, self.bad(2))),
					}
					.into(),
					UpdateMetadata => pallet_data_assets::Call::update_metadata {
						asset,
						name: bounded(display_text(
							seed,
							self.bad(2) && seed.is_multiple_of(3),
							128,
						)),
						media_type: bounded(media_type(seed, self.bad(2) && seed % 3 == 1)),
						metadata_hash: seed.is_multiple_of(2).then(|| self.content(p2)),
						tags: BoundedVec::truncate_from(
							tags(seed >> 4, self.bad(3)).into_iter().map(bounded).collect(),
						),
					}
					.into(),
					SetClassification => pallet_data_assets::Call::set_classification {
						asset,
						classification: classification(seed),
					}
					.into(),
					OfferAsset => pallet_data_assets::Call::offer_transfer {
						asset,
						to: self.other_department_with(owner, &[Role::Steward], p2),
					}
					.into(),
					_ => pallet_data_assets::Call::retire_asset { asset }.into(),
				};
				(self.member(owner, &[Role::Steward], p1), call)
			},
			CancelAssetOffer | AcceptAsset => {
				let asset = nth(&state::offered_assets(), p0).unwrap_or_else(|| self.asset(p0));
				let record = state::asset(asset);
				let owner = record.as_ref().map(|a| a.owner).unwrap_or(0);
				let to = record.and_then(|a| a.offered_to).unwrap_or(owner);
				let (department, call): (_, RuntimeCall) = if a.kind == AcceptAsset {
					(to, pallet_data_assets::Call::accept_transfer { asset }.into())
				} else {
					(
						if seed.is_multiple_of(2) { owner } else { to },
						pallet_data_assets::Call::cancel_transfer { asset }.into(),
					)
				};
				(self.member(department, &[Role::Steward], p1), call)
			},

			RequestAccess => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				let requester = self.other_department_with(owner, &[Role::Steward], p2);
				(
					self.member(requester, &[Role::Steward], p1),
					pallet_access_grants::Call::request_access {
						asset,
						purpose: bounded(display_text(seed, self.bad(2), 256)),
						scope: scope(seed),
						duration: duration(num, self.bad(3)),
					}
					.into(),
				)
			},
			CancelRequest | ApproveRequest | RejectRequest => {
				let (request, record) = match (self.bad(1), nth(&state::requests(), p0)) {
					(false, Some((id, record))) => (id, Some(record)),
					_ => (seed, None),
				};
				let department = match (&record, a.kind) {
					(Some(r), CancelRequest) => r.requester,
					(Some(r), _) => r.owner,
					(None, _) => self.department(p2),
				};
				let call: RuntimeCall = match a.kind {
					CancelRequest => pallet_access_grants::Call::cancel_request { request }.into(),
					ApproveRequest => {
						let requested = record.as_ref().map(|r| r.duration).unwrap_or(10);
						let duration = match num % 4 {
							0 if self.bad(3) => Some(requested + 1),
							0 => Some(1 + num % requested.max(1)),
							_ => None,
						};
						pallet_access_grants::Call::approve_request {
							request,
							duration,
							max_uses: max_uses(num >> 4, self.bad(3)),
						}
						.into()
					},
					_ => pallet_access_grants::Call::reject_request {
						request,
						reason: bounded(display_text(seed, self.bad(2), 256)),
					}
					.into(),
				};
				(self.member(department, &[Role::Steward], p1), call)
			},
			GrantAccess => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				(
					self.member(owner, &[Role::Steward], p1),
					pallet_access_grants::Call::grant_access {
						asset,
						grantee: self.other_department_with(owner, &[Role::Steward], p2),
						purpose: bounded(display_text(seed, self.bad(2), 256)),
						scope: scope(seed),
						duration: duration(num, self.bad(3)),
						max_uses: max_uses(num >> 4, self.bad(3)),
					}
					.into(),
				)
			},
			RevokeAccess | RenounceAccess | RecordAccess => {
				let (grant, record) = match (self.bad(1), nth(&state::grants(), p0)) {
					(false, Some((id, record))) => (id, Some(record)),
					_ => (seed, None),
				};
				let (owner, grantee, asset) =
					record.map(|g| (g.owner, g.grantee, g.asset)).unwrap_or((0, 1, 0));
				match a.kind {
					RevokeAccess => (
						self.member(owner, &[Role::Steward], p1),
						pallet_access_grants::Call::revoke_access {
							grant,
							reason: bounded(display_text(seed, self.bad(2), 256)),
						}
						.into(),
					),
					RenounceAccess => (
						self.member(grantee, &[Role::Steward], p1),
						pallet_access_grants::Call::renounce_access { grant }.into(),
					),
					_ => {
						// Mostly the owner's gateway records; sometimes the grantee's.
						let side = if num.is_multiple_of(4) { grantee } else { owner };
						(
							self.member(side, &[Role::Operator, Role::Steward], p1),
							pallet_access_grants::Call::record_access {
								asset: if self.bad(4) { asset + 1 } else { asset },
								grant,
								receipt: self.hash(),
							}
							.into(),
						)
					},
				}
			},
			OversightApprove | OversightReject => {
				let subject = if seed.is_multiple_of(2) {
					let request = nth(&state::requests(), p0).map(|(id, _)| id);
					OversightSubject::Request(request.filter(|_| !self.bad(1)).unwrap_or(seed))
				} else {
					let grant = nth(&state::grants(), p0).map(|(id, _)| id);
					OversightSubject::Grant(grant.filter(|_| !self.bad(1)).unwrap_or(seed))
				};
				let call: RuntimeCall = if a.kind == OversightApprove {
					pallet_access_grants::Call::oversight_approve { subject }.into()
				} else {
					pallet_access_grants::Call::oversight_reject {
						subject,
						reason: bounded(display_text(seed, self.bad(2), 256)),
					}
					.into()
				};
				(None, call)
			},
			PurgeExpired => {
				// Mostly distinct ended grants; sometimes (garbage) unknown or live ones.
				let ended = state::ended_grants();
				let live: Vec<_> = state::grants().into_iter().map(|(id, _)| id).collect();
				let n = 1 + (num % 3) as usize;
				let list: Vec<u64> = match (self.bad(1), self.bad(4), ended.is_empty()) {
					(true, _, _) => (0..n as u64).map(|i| seed.wrapping_add(i)).collect(),
					(_, true, _) | (_, _, true) => {
						(0..n).filter_map(|i| nth(&live, p1.wrapping_add(i as u16))).collect()
					},
					_ => {
						let start = p0 as usize % ended.len();
						ended.iter().cycle().skip(start).take(n.min(ended.len())).copied().collect()
					},
				};
				(
					None,
					pallet_access_grants::Call::purge_expired {
						grants: BoundedVec::truncate_from(list),
					}
					.into(),
				)
			},

			AddObjectClass => (
				None,
				pallet_city_codes::Call::add_object_class {
					code: bounded(label(seed, self.bad(2), 4)),
					name: bounded(display_text(seed, self.bad(2) && seed.is_multiple_of(2), 64)),
				}
				.into(),
			),
			RetireObjectClass => (
				None,
				pallet_city_codes::Call::retire_object_class { class: self.class(p0) }.into(),
			),
			IssueCode | IssueCodesBatch => {
				let department = self.department_with(&[Role::Steward, Role::Operator], p0);
				// A parent: mostly an active code of the issuing department; (garbage) an unknown
				// code, or any code, maybe another department's, suspended or retired.
				let own = state::codes_where(|c| {
					c.owner == department && c.status == pallet_city_codes::CodeStatus::Active
				});
				let parent = |sel: u16| match sel % 3 {
					0 => None,
					_ if self.bad(1) => Some(self.seed()),
					_ if self.bad(4) => nth(&state::codes(), sel),
					_ => nth(&own, sel),
				};
				let signer = self.member(department, &[Role::Steward, Role::Operator], p1);
				let class = self.class(p2);
				if a.kind == IssueCode {
					(
						signer,
						pallet_city_codes::Call::issue_code {
							class,
							name: bounded(display_text(seed, self.bad(2), 64)),
							location: location(seed, self.bad(3)),
							attributes: seed.is_multiple_of(2).then(|| self.hash()),
							parent: parent(p1.wrapping_add(p2)),
						}
						.into(),
					)
				} else {
					let n = 1 + (num % 6) as u64;
					let codes: Vec<_> = (0..n)
						.map(|i| NewCode {
							// One bad entry spoils the whole batch.
							name: bounded(display_text(
								seed.wrapping_add(i),
								self.bad(2) && i == n - 1,
								64,
							)),
							location: location(seed.rotate_left(i as u32), self.bad(3) && i == 0),
							attributes: None,
							parent: parent(p1.wrapping_add(i as u16)),
						})
						.collect();
					(
						signer,
						pallet_city_codes::Call::issue_codes_batch {
							class,
							codes: BoundedVec::truncate_from(codes),
						}
						.into(),
					)
				}
			},
			UpdateCode | LinkAsset | UnlinkAsset | OfferCode | SuspendCode | RetireCode => {
				let linked = state::codes_where(|c| !c.assets.is_empty());
				let code = match a.kind {
					UnlinkAsset => nth(&linked, p0).unwrap_or_else(|| self.code(p0)),
					_ => self.code(p0),
				};
				let record = state::code(code);
				let owner = record.as_ref().map(|c| c.owner).unwrap_or(0);
				let (roles, call): (&[Role], RuntimeCall) = match a.kind {
					UpdateCode => (
						&[Role::Steward, Role::Operator],
						pallet_city_codes::Call::update_code {
							code,
							name: bounded(display_text(seed, self.bad(2), 64)),
							location: location(seed, self.bad(3)),
							attributes: seed.is_multiple_of(2).then(|| self.hash()),
						}
						.into(),
					),
					LinkAsset => {
						let asset = match (self.bad(4), nth(&state::department_assets(owner), p2)) {
							(false, Some(asset)) => asset,
							_ => self.asset(p2),
						};
						(
							&[Role::Steward, Role::Operator],
							pallet_city_codes::Call::link_asset { code, asset }.into(),
						)
					},
					UnlinkAsset => {
						let linked = record.as_ref().map(|c| c.assets.to_vec()).unwrap_or_default();
						let asset = nth(&linked, p2).unwrap_or_else(|| self.asset(p2));
						(
							&[Role::Steward, Role::Operator],
							pallet_city_codes::Call::unlink_asset { code, asset }.into(),
						)
					},
					OfferCode => (
						&[Role::Steward],
						pallet_city_codes::Call::offer_transfer {
							code,
							to: self.other_department_with(owner, &[Role::Steward], p2),
						}
						.into(),
					),
					SuspendCode => {
						(&[Role::Steward], pallet_city_codes::Call::suspend_code { code }.into())
					},
					_ => (&[Role::Steward], pallet_city_codes::Call::retire_code { code }.into()),
				};
				(self.member(owner, roles, p1), call)
			},
			CancelCodeOffer | AcceptCode | ReactivateCode => {
				let candidates = if a.kind == ReactivateCode {
					state::codes_where(|c| c.status == pallet_city_codes::CodeStatus::Suspended)
				} else {
					state::codes_where(|c| c.transfer_to.is_some())
				};
				let code = nth(&candidates, p0).unwrap_or_else(|| self.code(p0));
				let record = state::code(code);
				let owner = record.as_ref().map(|c| c.owner).unwrap_or(0);
				let to = record.and_then(|c| c.transfer_to).unwrap_or(owner);
				let (department, call): (_, RuntimeCall) = match a.kind {
					AcceptCode => (to, pallet_city_codes::Call::accept_transfer { code }.into()),
					CancelCodeOffer => (
						if seed.is_multiple_of(2) { owner } else { to },
						pallet_city_codes::Call::cancel_transfer { code }.into(),
					),
					_ => (owner, pallet_city_codes::Call::reactivate_code { code }.into()),
				};
				(self.member(department, &[Role::Steward], p1), call)
			},

			AddValidator | RemoveValidator | SetValidatorDepartment => {
				let who = match (a.kind, nth(&state::validators(), p0)) {
					(AddValidator, _) | (_, None) => self.keys.account(p0 as usize),
					(_, Some(validator)) => validator,
				};
				let call: RuntimeCall = match a.kind {
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
				};
				(None, call)
			},

			Vote | Close => {
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
					let proposal =
						pallet_collective::ProposalOf::<Runtime, CouncilCollective>::get(hash);
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
			},

			Transfer => {
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
				let call: RuntimeCall = if seed.is_multiple_of(3) {
					crate::BalancesCall::transfer_allow_death { dest: dest.into(), value }.into()
				} else {
					crate::BalancesCall::transfer_keep_alive { dest: dest.into(), value }.into()
				};
				(None, call)
			},
		};

		if let Some(i) = a.signer {
			return (Origin::Signed(i as usize % self.keys.0.len()), call);
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

/// A transaction signed by `signer` with its current nonce.
fn signed(signer: &sr25519::Pair, call: RuntimeCall) -> UncheckedExtrinsic {
	let who: AccountId = signer.public().into();
	let extension = tx_extension(System::account_nonce(&who), Era::Immortal, 0);
	let implicit = extension.implicit().unwrap();
	sign_transaction(call, signer, extension, implicit)
}

/// Starts block `number` on top of `parent` as a node does: Aura's slot in the pre-runtime
/// digest, then the timestamp inherent of that slot.
fn start_block(number: BlockNumber, parent: crate::Hash) {
	let slot = sp_consensus_aura::Slot::from(number as u64);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	let header = Header::new(number, Default::default(), Default::default(), parent, digest);
	// Skips the blocks in between (as if they were empty), so grants expire sooner.
	System::set_block_number(number - 1);
	Executive::initialize_block(&header);
	let now = number as u64 * SLOT_DURATION;
	let inherent = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(TimestampCall::set { now }));
	assert_eq!(Executive::apply_extrinsic(inherent), Ok(Ok(())), "timestamp inherent");
}

/// Applies `xt` as a block builder does: in a storage transaction, rolled back if the
/// transaction is invalid.
fn apply(xt: UncheckedExtrinsic) -> sp_runtime::ApplyExtrinsicResult {
	sp_io::storage::start_transaction();
	let result = Executive::apply_extrinsic(xt);
	if result.is_ok() {
		sp_io::storage::commit_transaction();
	} else {
		sp_io::storage::rollback_transaction();
	}
	result
}

/// What the call's dispatch came to, looking into `sudo`, `utility` and council wrappers: the
/// name of the error that stopped it, if any.
fn outcome(outer: &sp_runtime::DispatchOutcome, events_before: usize) -> Result<(), String> {
	let name = |e: &sp_runtime::DispatchError| match crate::RuntimeError::from_dispatch_error(*e) {
		Some(error) => format!("{error:?}"),
		None => format!("{e:?}"),
	};
	outer.as_ref().map_err(name)?;
	for record in System::events().iter().skip(events_before) {
		match &record.event {
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Err(e) })
			| RuntimeEvent::CouncilRoot(crate::council_root::Event::DispatchedAsRoot {
				result: Err(e),
			})
			| RuntimeEvent::Council(pallet_collective::Event::Executed {
				result: Err(e), ..
			})
			| RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted { error: e, .. }) => {
				return Err(name(e))
			},
			_ => {},
		}
	}
	Ok(())
}

/// Per kind of call: how many dispatched successfully, and how many failed with which error.
type Stats = BTreeMap<Kind, (u32, BTreeMap<String, u32>)>;

/// Runs one case: the blocks of `plan` from the genesis `storage`.
fn run_case(storage: &Storage, keys: &Keys, plan: &[BlockPlan]) -> Result<(), TestCaseError> {
	let mut ext = sp_io::TestExternalities::new(storage.clone());
	ext.execute_with(|| {
		let mut number: BlockNumber = 0;
		let mut parent = System::block_hash(0);
		let mut counter = 0u64;
		let mut stats = Stats::new();
		let sudo = pallet_sudo::Key::<Runtime>::get()
			.and_then(|key| keys.index_of(&key))
			.expect("the development preset's sudo key is a development account");
		// Block 1: the sudo key funds the citizens.
		number += 1;
		let issuance_before = Balances::total_issuance();
		start_block(number, parent);
		let transfers = keys
			.citizens()
			.map(|dest| {
				crate::BalancesCall::transfer_keep_alive {
					dest: dest.into(),
					value: 10_000 * crate::UNIT,
				}
				.into()
			})
			.collect();
		let fund = crate::UtilityCall::batch_all { calls: transfers }.into();
		assert_eq!(apply(signed(&keys.0[sudo].1, fund)), Ok(Ok(())), "citizens funded");
		parent = Executive::finalize_block().hash();
		check_block(number, issuance_before).map_err(TestCaseError::fail)?;

		for (b, block) in plan.iter().enumerate() {
			number = match block.advance {
				Advance::By(n) => number + n,
				Advance::ToSessionBoundary => {
					let session = crate::configs::validators::SessionPeriod::get();
					(number / session + 1) * session
				},
			};
			let issuance_before = Balances::total_issuance();
			start_block(number, parent);

			for action in &block.actions {
				counter += 1;
				let (origin, call) = Resolver { keys, action, counter }.resolve();
				let (signer, call) = match origin {
					Origin::Signed(i) => (i, call),
					Origin::Sudo => (sudo, pallet_sudo::Call::sudo { call: Box::new(call) }.into()),
					Origin::Council(i, threshold, as_root) => {
						let call = if as_root {
							crate::council_root::Call::<Runtime>::dispatch_as_root {
								call: Box::new(call),
							}
							.into()
						} else {
							call
						};
						let length_bound = call.encoded_size() as u32;
						let propose =
							pallet_collective::Call::<Runtime, CouncilCollective>::propose {
								threshold,
								proposal: Box::new(call),
								length_bound,
							};
						(i, propose.into())
					},
				};
				// Sometimes through `utility.batch_all`, which must behave the same.
				let call = if action.num % 16 == 15 {
					crate::UtilityCall::batch_all { calls: vec![call] }.into()
				} else {
					call
				};
				let events_before = System::event_count() as usize;
				let xt = signed(&keys.0[signer].1, call.clone());
				match apply(xt) {
					Ok(outcome) => {
						let entry = stats.entry(action.kind).or_default();
						match self::outcome(&outcome, events_before) {
							Ok(()) => entry.0 += 1,
							Err(e) => *entry.1.entry(e).or_default() += 1,
						}
					},
					// The block is full: the node would put the transaction in the next one.
					Err(TransactionValidityError::Invalid(
						InvalidTransaction::ExhaustsResources,
					)) => {},
					Err(e) => {
						return Err(TestCaseError::fail(format!(
							"block {number}: {:?} by account {signer} refused: {e:?}\n{call:?}",
							action.kind
						)))
					},
				}
			}

			let header = Executive::finalize_block();
			parent = header.hash();
			check_block(number, issuance_before).map_err(|e| {
				TestCaseError::fail(format!("after block {number} (#{b} of the case): {e}"))
			})?;
		}
		let mut total = STATS.lock().unwrap();
		for (kind, (ok, errors)) in stats {
			let entry = total.entry(kind).or_default();
			entry.0 += ok;
			for (e, n) in errors {
				*entry.1.entry(e).or_default() += n;
			}
		}
		Ok(())
	})
}

/// The checks after every block.
fn check_block(number: BlockNumber, issuance_before: Balance) -> Result<(), String> {
	<AllPalletsWithSystem as TryState<BlockNumber>>::try_state(number, TryStateSelect::All)
		.map_err(|e| format!("an invariant is broken: {e:?}"))?;

	// Fees are burnt; so is the dust of an account that is reaped. Nothing else mints or burns.
	let (mut fees, mut dust) = (0, 0);
	for record in System::events() {
		match record.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => fees += actual_fee,
			RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
				dust += amount
			},
			_ => {},
		}
	}
	let issuance = Balances::total_issuance();
	if issuance != issuance_before - fees - dust {
		return Err(format!(
			"issuance {issuance} != {issuance_before} - fees {fees} - dust {dust}"
		));
	}
	let held: Balance = frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free + info.data.reserved)
		.sum();
	if held != issuance {
		return Err(format!("accounts hold {held}, total issuance is {issuance}"));
	}
	Ok(())
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	let storage = crate::tests::development_storage();
	let keys = Keys::new();
	let mut runner = TestRunner::new(config());
	let result = runner.run(&plan(), |plan| run_case(&storage, &keys, &plan));

	let stats = STATS.lock().unwrap();
	println!(
		"dispatches over {} cases: succeeded, and the most frequent errors",
		runner.config().cases
	);
	for (kind, (ok, errors)) in stats.iter() {
		let mut errors: Vec<_> = errors.iter().collect();
		errors.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
		let errors: Vec<_> = errors.iter().take(4).map(|(e, n)| format!("{e} {n}")).collect();
		println!("  {kind:?}: {ok} ok; {}", errors.join(", "));
	}
	if let Err(e) = result {
		panic!("{e}");
	}
	// The generators reach deep states, not only errors (checked on runs of the default size or
	// more; a handful of cases may legitimately miss some).
	if runner.config().cases < CI_CASES {
		return;
	}
	let succeeded = |kind| stats.get(&kind).map_or(0, |(ok, _)| *ok);
	for kind in [Kind::RegisterAsset, Kind::UpdateAsset, Kind::IssueCode, Kind::AddMember] {
		assert!(succeeded(kind) > 0, "no {kind:?} succeeded: the generators need fixing");
	}
}

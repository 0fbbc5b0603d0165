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
//! - every pallet's invariants hold (`AllPalletsWithSystem` `try_state`, `TryStateSelect::All`),
//!   and so do the references across pallets (`crate::invariants::check_references`);
//! - total issuance dropped by exactly the fees paid (`TransactionFeePaid`: fees are burnt) and
//!   the dust of reaped accounts (`DustLost`), and equals the sum of all accounts' balances.
//!
//! The code: `plan` (the actions and their strategies), `resolver` (an action to a call and
//! its origin, with one module per pallet building the calls), `inputs` (argument generators),
//! `state` (reads of the live state); running a case and the checks are here.
//!
//! The number of cases defaults to [`CI_CASES`] (quick enough for `scripts/test`); set
//! `PROPTEST_CASES` for a longer run (see `docs/security.md`).
#![cfg(feature = "try-runtime")]

mod access_grants;
mod city_codes;
mod data_assets;
mod departments;
mod inputs;
mod plan;
mod resolver;
mod state;
mod validators_and_council;

use crate::{
	sign_transaction, tx_extension, AccountId, AllPalletsWithSystem, Balance, Balances,
	BlockNumber, CouncilCollective, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, System,
	TimestampCall, UncheckedExtrinsic, SLOT_DURATION,
};
use codec::Encode;
use frame_support::traits::{TryState, TryStateSelect};
use plan::{plan, Advance, BlockPlan, Kind};
use proptest::{prelude::*, test_runner::TestRunner};
use resolver::{Keys, Origin, Resolver};
use sp_core::{sr25519, Pair};
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

/// Successful and failed dispatches per kind, over the whole run.
static STATS: Mutex<Stats> = Mutex::new(BTreeMap::new());

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
			| RuntimeEvent::OversightBoard(pallet_collective::Event::Executed {
				result: Err(e),
				..
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
					Origin::Board(i) => {
						let length_bound = call.encoded_size() as u32;
						let propose = pallet_collective::Call::<
							Runtime,
							crate::OversightCollective,
						>::propose {
							threshold: 1,
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
	crate::invariants::check_references()
		.map_err(|e| format!("a reference across pallets is broken: {e:?}"))?;

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
	for kind in [Kind::RegisterAsset, Kind::UpdateAsset, Kind::IssueCode, Kind::AnswerInvitation] {
		assert!(succeeded(kind) > 0, "no {kind:?} succeeded: the generators need fixing");
	}
}

//! Runtime tests: the genesis presets build, and signed transactions execute through the real
//! executive with their transaction extensions (signature, nonce, fees).

use crate::{
	genesis_config_presets, sign_transaction, tx_extension, AccountId, Address, Balance, Balances,
	BalancesCall, Departments, Executive, Header, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SignedPayload, System, UncheckedExtrinsic, UtilityCall, UNIT,
};
use codec::Encode;
use frame_support::traits::fungible::{Inspect, InspectHold};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Header as HeaderT, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage, MultiSignature,
};

/// The genesis config of the named preset, parsed strictly (unknown fields are an error).
pub(crate) fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&name.into()).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	json_merge(&mut config, serde_json::from_slice(&patch).unwrap());
	serde_json::from_value(config).expect("preset patch matches the genesis config")
}

/// The genesis storage of the `development` preset: the demo city, as a `--dev` node starts it.
pub(crate) fn development_storage() -> sp_runtime::Storage {
	preset_config("development").build_storage().expect("the development preset builds")
}

/// Merges a preset's patch into the default config as the node does when it builds a chain spec
/// from a preset (sc-chain-spec's `json_merge`: objects merge key by key, any other value
/// replaces). Ten lines here instead of sc-chain-spec and its networking stack as a
/// dev-dependency, built again under every feature set the runtime's tests run with.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

#[test]
fn json_merge_merges_objects_and_replaces_everything_else() {
	let mut config = serde_json::json!({ "a": { "x": 1, "y": [1, 2] }, "b": 2 });
	json_merge(&mut config, serde_json::json!({ "a": { "y": [3], "z": null }, "c": "new" }));
	assert_eq!(
		config,
		serde_json::json!({ "a": { "x": 1, "y": [3], "z": null }, "b": 2, "c": "new" })
	);
}

/// Externalities of the `development` preset, with block 1 initialized.
fn dev_ext() -> sp_io::TestExternalities {
	let storage = development_storage();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		let parent = System::block_hash(0);
		let header =
			Header::new(1, Default::default(), Default::default(), parent, Default::default());
		Executive::initialize_block(&header);
	});
	ext
}

/// A transaction signed by `who` with its current nonce, as a wallet would build it.
fn signed(who: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = System::account_nonce(who.to_account_id());
	let extension = tx_extension(nonce, Era::Immortal, 0);
	// The chain's own view of the implicit data: versions and genesis hash from storage.
	let implicit = extension.implicit().unwrap();
	sign_transaction(call, &who.pair(), extension, implicit)
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

/// The fee the chain reports having charged `who` in this block.
fn fee_paid_by(who: &AccountId) -> Balance {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: payer,
					actual_fee,
					..
				},
			) if &payer == who => Some(actual_fee),
			_ => None,
		})
		.sum()
}

#[test]
fn every_preset_builds_a_genesis_state() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	for name in names {
		let config = preset_config(&name);
		// pallet-session sets Aura's and GRANDPA's authorities from the validators' keys.
		assert!(config.aura.authorities.is_empty(), "{name}: Aura authorities come from session");
		assert!(config.grandpa.authorities.is_empty(), "{name}");
		assert_eq!(config.session.keys.len(), config.validator_set.validators.len(), "{name}");
		assert_eq!(config.council.members, genesis_config_presets::demo_council(), "{name}");
		config.build_storage().unwrap_or_else(|e| panic!("{name}: {e}"));
	}
	// Sudo only where one person runs the whole chain; the agencies' testnet has the council.
	assert!(preset_config("development").sudo.key.is_some());
	assert_eq!(preset_config("local_testnet").sudo.key, None);
	assert_eq!(genesis_config_presets::demo_council().len(), 4, "one seat per agency");
	assert_eq!(preset_config("development").validator_set.validators.len(), 1);
	assert_eq!(preset_config("local_testnet").validator_set.validators.len(), 4);
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn development_preset_holds_the_demo_city() {
	use city_primitives::{DepartmentRegistry, Role};
	dev_ext().execute_with(|| {
		for (id, (_, prefix)) in genesis_config_presets::demo_departments().iter().enumerate() {
			assert!(Departments::is_active(id as u32), "{prefix} is active");
			assert_eq!(Departments::prefix(id as u32), Some(prefix.as_bytes().to_vec()));
		}
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(Departments::membership(&bob), Some((0, Role::Steward)));
		assert_eq!(Departments::ensure_role(&bob, &[Role::Steward]), Ok(0));
		assert!(Departments::ensure_role(&bob, &[Role::Admin]).is_err());
		// Eve's stash was left out on purpose: a dev account with no department.
		let outsider = Sr25519Keyring::EveStash.to_account_id();
		assert_eq!(Departments::membership(&outsider), None);
	});
}

#[test]
fn an_admin_invites_a_member_who_accepts_with_signed_transactions() {
	use city_primitives::{DepartmentRegistry, Role};
	dev_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let newcomer = Sr25519Keyring::EveStash.to_account_id();
		let reserved_before = Balances::total_balance_on_hold(&alice);
		let call = RuntimeCall::Departments(pallet_departments::Call::invite_member {
			department: 0,
			who: newcomer.clone().into(),
			role: Role::Operator,
		});
		assert_eq!(Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, call)), Ok(Ok(())));
		assert_eq!(Departments::membership(&newcomer), None);
		let accept = RuntimeCall::Departments(pallet_departments::Call::accept_invitation {});
		assert_eq!(
			Executive::apply_extrinsic(signed(Sr25519Keyring::EveStash, accept)),
			Ok(Ok(()))
		);
		assert_eq!(Departments::membership(&newcomer), Some((0, Role::Operator)));
		assert_eq!(
			Balances::total_balance_on_hold(&alice),
			reserved_before + crate::configs::city::MemberDeposit::get()
		);
	});
}

#[test]
fn signed_transfer_moves_funds_and_charges_a_fee() {
	dev_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let (alice_before, bob_before) = (free(&alice), free(&bob));
		let issuance_before = Balances::total_issuance();
		let amount = 42 * UNIT;

		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: bob.clone().into(),
			value: amount,
		});
		let xt = signed(Sr25519Keyring::Alice, call);
		assert_eq!(Executive::apply_extrinsic(xt), Ok(Ok(())));

		let fee = fee_paid_by(&alice);
		assert!(fee > 0, "a transaction costs something");
		assert!(fee < UNIT / 100, "a transfer stays cheap: {fee}");
		assert_eq!(free(&bob), bob_before + amount);
		assert_eq!(free(&alice), alice_before - amount - fee);
		// Fees are burnt: issuance drops by exactly the fee.
		assert_eq!(Balances::total_issuance(), issuance_before - fee);
		assert_eq!(System::account_nonce(&alice), 1);
	});
}

#[test]
fn batch_of_transfers_executes_atomically() {
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let (bob_before, charlie_before) = (free(&bob), free(&charlie));
		let transfer = |dest: &AccountId, value| {
			RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
				dest: dest.clone().into(),
				value,
			})
		};

		let batch = RuntimeCall::Utility(UtilityCall::batch_all {
			calls: vec![transfer(&bob, 5 * UNIT), transfer(&charlie, 7 * UNIT)],
		});
		assert_eq!(Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, batch)), Ok(Ok(())));
		assert_eq!(free(&bob), bob_before + 5 * UNIT);
		assert_eq!(free(&charlie), charlie_before + 7 * UNIT);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Utility(pallet_utility::Event::BatchCompleted)
		)));

		// `batch_all` is all or nothing: one failing call undoes the others, the fee stays paid.
		let too_much = free(&bob) * 2;
		let failing = RuntimeCall::Utility(UtilityCall::batch_all {
			calls: vec![transfer(&charlie, UNIT), transfer(&charlie, too_much)],
		});
		let (bob_now, charlie_now) = (free(&bob), free(&charlie));
		let result = Executive::apply_extrinsic(signed(Sr25519Keyring::Bob, failing)).unwrap();
		assert!(result.is_err());
		assert_eq!(free(&charlie), charlie_now, "the first transfer was undone");
		let fee = fee_paid_by(&bob);
		assert!(fee > 0);
		assert_eq!(free(&bob), bob_now - fee, "only the fee left Bob's account");
	});
}

#[test]
fn bad_signature_and_stale_nonce_are_refused() {
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: bob.into(),
			value: UNIT,
		});
		// Signed by Alice but claiming to be from Charlie.
		let extension = tx_extension(0, Era::Immortal, 0);
		let payload = SignedPayload::new(call.clone(), extension.clone()).unwrap();
		let forged = UncheckedExtrinsic::new_signed(
			call.clone(),
			Address::Id(Sr25519Keyring::Charlie.to_account_id()),
			MultiSignature::Sr25519(payload.using_encoded(|p| Sr25519Keyring::Alice.sign(p))),
			extension,
		);
		assert_eq!(
			Executive::apply_extrinsic(forged),
			Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof))
		);

		// A replay of a used nonce.
		let first = signed(Sr25519Keyring::Alice, call.clone());
		assert_eq!(Executive::apply_extrinsic(first.clone()), Ok(Ok(())));
		assert_eq!(
			Executive::apply_extrinsic(first),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Stale))
		);
	});
}

#[test]
fn metadata_v14_to_v16_are_served() {
	// The apps UI asks for v15/v16 through `metadata_at_version`; older tools still read v14.
	let versions = Runtime::metadata_versions();
	for v in [14, 15, 16] {
		assert!(versions.contains(&v), "metadata v{v} missing");
		let metadata = Runtime::metadata_at_version(v).expect("served");
		// The SCALE-encoded prefixed metadata starts with the magic `meta` and its version.
		assert_eq!(&metadata[..4], b"meta");
		assert_eq!(metadata[4] as u32, v);
	}
	assert!(Runtime::metadata_at_version(13).is_none());
}

/// The signed origin of the demo council's `seat`-th member.
fn council_seat(seat: usize) -> crate::RuntimeOrigin {
	crate::RuntimeOrigin::signed(genesis_config_presets::demo_council()[seat].clone())
}

/// A council motion on `call`, proposed by seat 0 with `threshold` and voted aye by the first
/// `ayes` seats, then closed. Returns the motion's outcome: `Ok` once closed, whatever the call
/// itself did (see the `Executed` event or the call's effect for that).
fn council_motion(threshold: u32, ayes: usize, call: RuntimeCall) {
	use frame_support::assert_ok;
	use sp_runtime::traits::Hash as _;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let length = call.encoded_size() as u32;
	assert_ok!(crate::Council::propose(council_seat(0), threshold, Box::new(call), length));
	let index = pallet_collective::ProposalCount::<Runtime, crate::CouncilCollective>::get() - 1;
	for seat in 0..ayes {
		assert_ok!(crate::Council::vote(council_seat(seat), hash, index, true));
	}
	let max_weight = frame_support::weights::Weight::from_parts(10_000_000_000, 100_000);
	assert_ok!(crate::Council::close(council_seat(0), hash, index, max_weight, length));
}

#[test]
fn the_council_registers_a_department_with_two_thirds_and_not_with_fewer() {
	use frame_support::assert_noop;
	dev_ext().execute_with(|| {
		let register = || {
			RuntimeCall::Departments(pallet_departments::Call::register_department {
				name: b"Water".to_vec().try_into().unwrap(),
				prefix: b"WTR".to_vec().try_into().unwrap(),
			})
		};
		let departments_before = pallet_departments::NextDepartmentId::<Runtime>::get();

		// Two of four seats is not two thirds: the motion passes the vote, the origin refuses.
		council_motion(2, 2, register());
		assert_eq!(pallet_departments::NextDepartmentId::<Runtime>::get(), departments_before);

		// Three of four is: the department is registered.
		council_motion(3, 3, register());
		assert_eq!(
			Departments::department_by_prefix(b"WTR".to_vec()),
			Some(departments_before),
			"the council's motion registered Water"
		);

		// A single council member is not the registrar.
		assert_noop!(
			Departments::register_department(
				council_seat(0),
				b"Parks".to_vec().try_into().unwrap(),
				b"PRK".to_vec().try_into().unwrap()
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_council_holds_an_asset_which_its_steward_cannot_retire_until_the_hold_is_lifted() {
	use city_primitives::RecordId;
	use frame_support::{assert_noop, assert_ok};
	dev_ext().execute_with(|| {
		let steward = genesis_config_presets::demo_assets()[0].steward.clone();
		let record = RecordId::Asset(0);
		let retire =
			|| crate::DataAssets::retire_asset(crate::RuntimeOrigin::signed(steward.clone()), 0);
		council_motion(
			3,
			3,
			RuntimeCall::LegalHolds(pallet_legal_holds::Call::place_hold {
				record,
				case: sp_core::H256::repeat_byte(1),
			}),
		);
		assert!(pallet_legal_holds::Holds::<Runtime>::contains_key(record));
		assert_noop!(retire(), pallet_data_assets::Error::<Runtime>::UnderLegalHold);

		// One seat alone lifts nothing; two thirds of the council do.
		assert_noop!(
			crate::LegalHolds::lift_hold(council_seat(0), record),
			sp_runtime::DispatchError::BadOrigin
		);
		council_motion(
			3,
			3,
			RuntimeCall::LegalHolds(pallet_legal_holds::Call::lift_hold { record }),
		);
		assert!(!pallet_legal_holds::Holds::<Runtime>::contains_key(record));
		assert_ok!(retire());
	});
}

#[test]
fn the_council_dissolves_health_into_planning_and_idle_blocks_end_everything_it_held() {
	use frame_support::{assert_noop, traits::Hooks, weights::Weight};
	use pallet_departments::DepartmentStatus;
	const HEALTH: u32 = 1;
	const PLANNING: u32 = 3;
	dev_ext().execute_with(|| {
		let health_assets: Vec<u64> =
			pallet_data_assets::AssetsByDepartment::<Runtime>::iter_key_prefix(HEALTH).collect();
		assert!(!health_assets.is_empty());
		let dave = Sr25519Keyring::Dave.to_account_id();
		let held_before = pallet_balances::Holds::<Runtime>::get(&dave);
		council_motion(
			3,
			3,
			RuntimeCall::Departments(pallet_departments::Call::dissolve_department {
				department: HEALTH,
				successor: Some(PLANNING),
			}),
		);
		let status = || crate::Departments::department(HEALTH).map(|info| info.status);
		assert_eq!(status(), Some(DepartmentStatus::Dissolving));
		// Transport runs the only validator: dissolving it would leave none.
		assert_noop!(
			crate::Departments::dissolve_department(crate::RuntimeOrigin::root(), 0, None),
			pallet_validator_set::Error::<Runtime>::TooFewValidators
		);

		// The next block's idle time does the rest.
		crate::Departments::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(status(), Some(DepartmentStatus::Dissolved));
		for asset in health_assets {
			assert_eq!(
				pallet_data_assets::Assets::<Runtime>::get(asset).map(|record| record.owner),
				Some(PLANNING)
			);
		}
		use pallet_access_grants::{GranteeGrants, OwnerGrants, OwnerRequests, RequesterRequests};
		assert!(GranteeGrants::<Runtime>::iter_key_prefix(HEALTH).next().is_none());
		assert!(OwnerGrants::<Runtime>::iter_key_prefix(HEALTH).next().is_none());
		assert!(OwnerRequests::<Runtime>::iter_key_prefix(HEALTH).next().is_none());
		assert!(RequesterRequests::<Runtime>::iter_key_prefix(HEALTH).next().is_none());
		assert!(pallet_departments::DepartmentMembers::<Runtime>::iter_key_prefix(HEALTH)
			.next()
			.is_none());
		assert!(crate::Departments::membership_of(&dave).is_none());
		// Dave's deposits for Health's assets stay held: Planning has the assets now.
		assert_eq!(pallet_balances::Holds::<Runtime>::get(&dave), held_before);
		let summary = System::events().into_iter().find_map(|record| match record.event {
			crate::RuntimeEvent::Departments(pallet_departments::Event::DepartmentDissolved {
				ended,
				..
			}) => Some(ended),
			_ => None,
		});
		let ended = summary.expect("the summary event");
		assert_eq!(ended.members_removed, 3);
		assert!(ended.assets_handed_over >= 1 && ended.grants_ended >= 1);
		#[cfg(feature = "try-runtime")]
		crate::invariants::check_references().expect("every reference across pallets holds");
	});
}

#[test]
fn the_council_adds_a_validator_who_validates_after_the_next_session_boundary() {
	use frame_support::{assert_noop, assert_ok};
	use sp_core::proof_of_possession::ProofOfPossessionGenerator;
	use sp_keyring::Ed25519Keyring;
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let validators = || pallet_session::Validators::<Runtime>::get();
		assert_eq!(validators(), vec![Sr25519Keyring::Alice.to_account_id()]);

		// Bob's agency registers his session keys, proving it holds them.
		let keys = crate::SessionKeys {
			aura: Sr25519Keyring::Bob.public().into(),
			grandpa: Ed25519Keyring::Bob.public().into(),
		};
		let owner = bob.encode();
		let proof = (
			Sr25519Keyring::Bob.pair().generate_proof_of_possession(&owner),
			Ed25519Keyring::Bob.pair().generate_proof_of_possession(&owner),
		)
			.encode();
		assert_ok!(crate::Session::set_keys(
			crate::RuntimeOrigin::signed(bob.clone()),
			keys,
			proof
		));

		// One council member cannot add a validator; two thirds of the council can.
		let add = || {
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
				who: bob.clone().into(),
				department: 1,
			})
		};
		assert_noop!(
			crate::ValidatorSet::add_validator(council_seat(0), bob.clone().into(), 1),
			sp_runtime::DispatchError::BadOrigin
		);
		council_motion(3, 3, add());
		assert!(crate::ValidatorSet::validators().contains(&(bob.clone(), 1)));

		// pallet-session queues the new set at the next boundary and applies it at the one after.
		crate::Session::rotate_session();
		assert!(!validators().contains(&bob), "queued, not yet validating");
		crate::Session::rotate_session();
		assert!(validators().contains(&bob), "validating one session later");
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert!(aura.contains(&Sr25519Keyring::Bob.public().into()));

		// The set never shrinks below its minimum (three; the development chain starts below it).
		let remove = RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
			who: bob.clone().into(),
		});
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(remove) });
		assert_ok!(Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, sudo)));
		assert!(crate::ValidatorSet::validators().contains(&(bob, 1)), "removal refused");
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Err(_) })
		)));
	});
}

#[test]
fn the_demo_validators_author_and_finalize_from_genesis() {
	dev_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice;
		assert_eq!(
			pallet_validator_set::Pallet::<Runtime>::validators(),
			vec![(alice.to_account_id(), 0)]
		);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.to_account_id()]);
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, vec![alice.public().into()]);
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		assert_eq!(grandpa, vec![(sp_keyring::Ed25519Keyring::Alice.public().into(), 1)]);
	});
}

#[test]
fn the_demo_city_has_assets_grants_and_a_pending_request() {
	use city_primitives::{AssetRegistry, Classification};
	use pallet_access_grants::AccessDecision;
	dev_ext().execute_with(|| {
		let assets = genesis_config_presets::demo_assets();
		for (id, asset) in assets.iter().enumerate() {
			let info = crate::DataAssets::asset_info(id as u64).expect("demo asset exists");
			assert_eq!(info.classification, asset.classification);
			assert!(info.active);
			let found = crate::DataAssets::find_by_content(asset.content, None, 10);
			assert_eq!(
				found.items.iter().map(|r| (r.asset, r.version)).collect::<Vec<_>>(),
				vec![(id as u64, 1)],
				"asset {id} is found by its content hash"
			);
		}
		let classes: Vec<_> = assets.iter().map(|a| a.classification).collect();
		for class in [
			Classification::Public,
			Classification::Internal,
			Classification::Confidential,
			Classification::Restricted,
		] {
			assert!(classes.contains(&class), "a demo asset is {class:?}");
		}

		// Environment (2) reads Health's clinic admissions (asset 2) under grant 0; Planning (3)
		// does not, and its request for it waits for Health's decision.
		assert!(matches!(
			crate::AccessGrants::check_access(2, 2),
			AccessDecision::Allowed { grant: Some(0), .. }
		));
		assert!(matches!(crate::AccessGrants::check_access(3, 2), AccessDecision::Denied(_)));
		assert_eq!(crate::AccessGrants::pending_requests(1, None, 10).items.len(), 1);
		// Public data needs no grant; the owner always reads its own.
		assert!(matches!(crate::AccessGrants::check_access(3, 0), AccessDecision::Allowed { .. }));
		assert!(matches!(crate::AccessGrants::check_access(1, 3), AccessDecision::Allowed { .. }));

		// City codes resolve, with the check character verified, and nest.
		let centre = crate::CityCodes::resolve(b"BJ.TRF/BLD/000001-H")
			.expect("the traffic control centre's code resolves");
		assert_eq!(centre.record.owner, 0);
		assert_eq!(crate::CityCodes::format(0), Some(b"BJ.TRF/BLD/000001-H".to_vec()));
		assert_eq!(crate::CityCodes::children(0, None, 10).items.len(), 1);
		assert!(crate::CityCodes::resolve(b"BJ.TRF/BLD/000001-K").is_err());
	});
}

/// Run by `scripts/test` as `cargo test -p city-runtime --features try-runtime`.
#[cfg(feature = "try-runtime")]
#[test]
fn try_state_holds_for_every_pallet_of_the_development_preset() {
	use frame_support::traits::{TryState, TryStateSelect};
	dev_ext().execute_with(|| {
		<crate::AllPalletsWithSystem as TryState<crate::BlockNumber>>::try_state(
			System::block_number(),
			TryStateSelect::All,
		)
		.expect("every invariant holds at genesis");
		crate::invariants::check_references().expect("every reference across pallets holds");
	});
}

/// Each check of [`crate::invariants::check_references`] sees what it should: a reference
/// broken on purpose fails it.
#[test]
fn broken_references_across_pallets_are_found() {
	use crate::invariants::check_references;
	let fails_after = |break_it: fn()| {
		dev_ext().execute_with(|| {
			assert_eq!(check_references(), Ok(()));
			break_it();
			assert!(check_references().is_err());
		})
	};
	// An asset whose owner department is gone.
	fails_after(|| {
		let (id, mut asset) = pallet_data_assets::Assets::<Runtime>::iter().next().unwrap();
		asset.owner = 999;
		pallet_data_assets::Assets::<Runtime>::insert(id, asset);
	});
	// A grant of an asset that does not exist.
	fails_after(|| {
		let (id, mut grant) = pallet_access_grants::Grants::<Runtime>::iter().next().unwrap();
		grant.asset = 999;
		pallet_access_grants::Grants::<Runtime>::insert(id, grant);
	});
	// A code linking an asset that does not exist.
	fails_after(|| {
		let (id, mut code) = pallet_city_codes::Codes::<Runtime>::iter().next().unwrap();
		code.assets = vec![999].try_into().unwrap();
		pallet_city_codes::Codes::<Runtime>::insert(id, code);
	});
	// A validator of a department that does not exist.
	fails_after(|| {
		let mut validators = pallet_validator_set::Validators::<Runtime>::get();
		validators[0].1 = 999;
		pallet_validator_set::Validators::<Runtime>::put(validators);
	});
	// A reserve no hold accounts for.
	fails_after(|| {
		let who = Sr25519Keyring::Alice.to_account_id();
		frame_system::Account::<Runtime>::mutate(&who, |account| account.data.reserved += 1);
	});
}

#[test]
fn the_council_upgrades_the_runtime_through_council_root_and_nobody_else_can() {
	use frame_support::assert_noop;
	dev_ext().execute_with(|| {
		let code_hash = sp_core::H256::repeat_byte(7);
		let authorize = || {
			RuntimeCall::CouncilRoot(crate::council_root::Call::dispatch_as_root {
				call: Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade {
					code_hash,
				})),
			})
		};
		let authorized = || {
			System::events().iter().any(|record| {
				matches!(
					record.event,
					RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash: h, .. })
						if h == code_hash
				)
			})
		};

		// A council member alone, or half of the council, is not enough for Root.
		assert_noop!(
			crate::CouncilRoot::dispatch_as_root(
				council_seat(0),
				Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash }))
			),
			sp_runtime::DispatchError::BadOrigin
		);
		council_motion(2, 2, authorize());
		assert!(!authorized());

		// Three of four seats authorize the upgrade as Root.
		council_motion(3, 3, authorize());
		assert!(authorized(), "the council's motion authorized the upgrade");
	});
}

/// `city-cli` generates its typed API from `cli/metadata/city.scale`. That file must be this
/// runtime's metadata, or the client would encode calls the chain no longer accepts. Regenerate it
/// with `scripts/update-metadata` (which sets `UPDATE_METADATA=1` for this test). Only the
/// runtime as deployed counts: `try-runtime` and `runtime-benchmarks` add runtime APIs.
#[test]
#[cfg(not(any(feature = "try-runtime", feature = "runtime-benchmarks")))]
fn client_metadata_file_is_current() {
	// The newest metadata version the client's subxt reads.
	let version = crate::Runtime::metadata_versions()
		.into_iter()
		.filter(|v| *v <= 16)
		.max()
		.expect("the runtime offers metadata");
	let metadata: Vec<u8> =
		crate::Runtime::metadata_at_version(version).expect("version is supported").to_vec();
	let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/metadata/city.scale");
	if std::env::var_os("UPDATE_METADATA").is_some() {
		std::fs::write(&path, &metadata).expect("write the metadata file");
	}
	let committed = std::fs::read(&path).unwrap_or_default();
	assert!(
		committed == metadata,
		"cli/metadata/city.scale is not this runtime's metadata (v{version}): run scripts/update-metadata"
	);
}

//! `retire_asset`: the asset shrinks to a tombstone that keeps its deposit's share, the rest of
//! the deposit goes back, nothing changes any more.

use super::*;
use crate::{
	AssetRegistry, Assets, ContentRegistrations, Deposit, Error, Event, Verification, Versions,
};
use frame_support::{
	assert_noop,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
	},
};
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

/// What a retired asset with `versions` versions keeps on hold.
fn tombstone_for(versions: u64) -> Balance {
	TOMBSTONE_BASE + TOMBSTONE_PER_VERSION * versions
}

#[test]
fn retiring_shrinks_the_asset_to_a_tombstone_and_releases_the_rest_of_the_deposit() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		System::set_block_number(9);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD_2), asset));

		let record = Assets::<Test>::get(asset).unwrap();
		let kept = Deposit { depositor: PW_STEWARD, amount: tombstone_for(2) };
		assert_eq!((record.retired_at, record.deposit.clone()), (Some(9), Some(kept.clone())));
		assert_eq!(held(PW_STEWARD), tombstone_for(2));
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT - tombstone_for(2));
		assert_eq!(
			last_event(),
			Event::AssetRetired {
				asset,
				released: Some(Deposit {
					depositor: PW_STEWARD,
					amount: deposit_for(2) - tombstone_for(2)
				}),
				kept: Some(kept),
			}
		);
		// The tombstone: no describing fields, no locations; name and hashes stay.
		assert!(record.media_type.is_empty() && record.tags.is_empty());
		assert_eq!(record.metadata_hash, None);
		assert_eq!(record.name, name(b"Road works"));
		for version in [1, 2] {
			assert!(Versions::<Test>::get(asset, version).unwrap().location.is_empty());
		}
		// Still readable and verifiable, every version.
		assert_eq!(DataAssets::asset_info(asset).map(|info| info.active), Some(false));
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"v1"), PUBLIC_WORKS), Some((asset, 1)));
		assert_eq!(DataAssets::verify(asset, 2, blake(b"v2")), Verification::Match);
		assert_eq!(DataAssets::asset_details(asset).unwrap().asset.retired_at, Some(9));
	});
}

#[test]
fn retiring_withdraws_a_pending_offer() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_eq!(Assets::<Test>::get(asset).unwrap().offered_to, None);
		let events = data_assets_events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::TransferCancelled { asset, to: TRANSPORT, by: PUBLIC_WORKS },
				Event::AssetRetired {
					asset,
					released: Some(Deposit {
						depositor: PW_STEWARD,
						amount: deposit_for(1) - tombstone_for(1)
					}),
					kept: Some(Deposit { depositor: PW_STEWARD, amount: tombstone_for(1) }),
				},
			]
		);
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::NoTransferOffered
		);
	});
}

#[test]
fn retired_content_cannot_be_registered_again() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(
			Registration::new(b"v1").call(PW_STEWARD),
			Error::<Test>::ContentAlreadyRegistered
		);
	});
}

#[test]
fn a_genesis_asset_retires_without_deposit() {
	ExtBuilder::default().assets(vec![genesis_asset(PW_STEWARD, b"g")]).build_and_execute(|| {
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), 0));
		assert_eq!(last_event(), Event::AssetRetired { asset: 0, released: None, kept: None });
		assert_eq!(Assets::<Test>::get(0).unwrap().deposit, None);
	});
}

#[test]
fn the_release_reports_what_is_left_of_a_slashed_hold() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(Balances::burn_held(
			&HoldReason::AssetDeposit.into(),
			&PW_STEWARD,
			30,
			Precision::Exact,
			Fortitude::Force
		));
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_eq!(
			last_event(),
			Event::AssetRetired {
				asset,
				released: Some(Deposit {
					depositor: PW_STEWARD,
					amount: deposit_for(1) - 30 - tombstone_for(1)
				}),
				kept: Some(Deposit { depositor: PW_STEWARD, amount: tombstone_for(1) }),
			}
		);
		// What is kept is really held.
		assert_eq!(held(PW_STEWARD), tombstone_for(1));
	});
}

#[test]
fn refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::retire_asset(RuntimeOrigin::root(), asset),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DataAssets::retire_asset(signed(OUTSIDER), asset),
			DepartmentsError::NotMember
		);
		assert_noop!(
			DataAssets::retire_asset(signed(PW_OPERATOR), asset),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(DataAssets::retire_asset(signed(PW_STEWARD), 7), Error::<Test>::UnknownAsset);
		assert_noop!(DataAssets::retire_asset(signed(TR_STEWARD), asset), Error::<Test>::NotOwner);
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), PUBLIC_WORKS));
		assert_noop!(
			DataAssets::retire_asset(signed(PW_STEWARD), asset),
			DepartmentsError::DepartmentSuspended
		);
	});
}

#[test]
fn refuses_to_retire_twice() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(
			DataAssets::retire_asset(signed(PW_STEWARD), asset),
			Error::<Test>::AssetRetired
		);
	});
}

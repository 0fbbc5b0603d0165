//! Two-step transfers: `offer_transfer`, `accept_transfer`, `cancel_transfer`.

use super::*;
use crate::{Assets, AssetsByDepartment, Deposit, Error, Event, Versions};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

/// Registers an asset of Public Works and offers it to Transport.
fn offered_to_transport() -> AssetId {
	let asset = register(PW_STEWARD, b"v1");
	assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
	asset
}

#[test]
fn offer_then_accept_moves_the_asset_and_its_deposit() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD_2), asset, TRANSPORT));
		assert_eq!(Assets::<Test>::get(asset).unwrap().offered_to, Some(TRANSPORT));
		assert_eq!(
			last_event(),
			Event::TransferOffered { asset, from: PUBLIC_WORKS, to: TRANSPORT }
		);
		// Nothing changes hands yet.
		assert_eq!(Assets::<Test>::get(asset).unwrap().owner, PUBLIC_WORKS);
		assert_ok!(add_version(PW_STEWARD, asset, b"v3"));

		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), asset));
		let record = Assets::<Test>::get(asset).unwrap();
		assert_eq!((record.owner, record.offered_to), (TRANSPORT, None));
		assert!(!AssetsByDepartment::<Test>::contains_key(PUBLIC_WORKS, asset));
		assert!(AssetsByDepartment::<Test>::contains_key(TRANSPORT, asset));
		// The deposit, as recorded, moves to the accepting Steward.
		let deposit = Some(Deposit { depositor: TR_STEWARD, amount: deposit_for(3) });
		assert_eq!(record.deposit, deposit);
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, deposit_for(3)));
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT);
		// The history is untouched.
		assert_eq!(record.latest_version, 3);
		assert_eq!(Versions::<Test>::get(asset, 1).unwrap().registered_by, PW_STEWARD);
		assert_eq!(
			last_event(),
			Event::AssetTransferred { asset, from: PUBLIC_WORKS, to: TRANSPORT, deposit }
		);

		// The new owner manages it; the old one no longer does.
		assert_noop!(add_version(PW_STEWARD, asset, b"v4"), Error::<Test>::NotOwner);
		assert_ok!(DataAssets::set_classification(
			signed(TR_STEWARD),
			asset,
			Classification::Public
		));
	});
}

#[test]
fn every_accepted_transfer_counts_also_back_to_an_earlier_owner() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let transfers = || Assets::<Test>::get(asset).unwrap().transfers;
		assert_eq!(transfers(), 0);
		// Offers that are withdrawn or declined change nothing.
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_ok!(DataAssets::cancel_transfer(signed(TR_STEWARD), asset));
		assert_eq!(transfers(), 0);

		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), asset));
		assert_eq!(transfers(), 1);
		assert_ok!(DataAssets::offer_transfer(signed(TR_STEWARD), asset, PUBLIC_WORKS));
		assert_ok!(DataAssets::accept_transfer(signed(PW_STEWARD), asset));
		// The same owner as at first, in a new period of ownership.
		let record = Assets::<Test>::get(asset).unwrap();
		assert_eq!((record.owner, record.transfers), (PUBLIC_WORKS, 2));
	});
}

#[test]
fn accept_refuses_when_the_transfer_count_is_exhausted() {
	test(|| {
		let asset = offered_to_transport();
		Assets::<Test>::mutate(asset, |record| record.as_mut().unwrap().transfers = u32::MAX);
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::TooManyTransfers
		);
		// The owner can still withdraw the offer.
		assert_ok!(DataAssets::cancel_transfer(signed(PW_STEWARD), asset));
	});
}

#[test]
fn accepting_ones_own_deposit_holds_nothing_more() {
	test(|| {
		// PW_STEWARD registers, moves to Transport, and accepts the asset there.
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(Departments::leave_department(signed(PW_STEWARD)));
		assert_ok!(Departments::invite_member(
			RuntimeOrigin::root(),
			TRANSPORT,
			PW_STEWARD,
			Role::Steward
		));
		assert_ok!(Departments::accept_invitation(signed(PW_STEWARD)));
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD_2), asset, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(PW_STEWARD), asset));
		assert_eq!(held(PW_STEWARD), deposit_for(1));
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT - deposit_for(1));
	});
}

#[test]
fn a_genesis_asset_moves_without_deposit() {
	ExtBuilder::default().assets(vec![genesis_asset(PW_STEWARD, b"g")]).build_and_execute(|| {
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), 0, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), 0));
		assert_eq!(Assets::<Test>::get(0).unwrap().deposit, None);
		assert_eq!(held(TR_STEWARD), 0);
	});
}

#[test]
fn owner_withdraws_an_offer() {
	test(|| {
		let asset = offered_to_transport();
		assert_ok!(DataAssets::cancel_transfer(signed(PW_STEWARD_2), asset));
		assert_eq!(Assets::<Test>::get(asset).unwrap().offered_to, None);
		assert_eq!(
			last_event(),
			Event::TransferCancelled { asset, to: TRANSPORT, by: PUBLIC_WORKS }
		);
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::NoTransferOffered
		);
		// And may offer it again, elsewhere.
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, PARKS));
	});
}

#[test]
fn recipient_declines_an_offer() {
	test(|| {
		let asset = offered_to_transport();
		assert_ok!(DataAssets::cancel_transfer(signed(TR_STEWARD), asset));
		assert_eq!(Assets::<Test>::get(asset).unwrap().offered_to, None);
		assert_eq!(last_event(), Event::TransferCancelled { asset, to: TRANSPORT, by: TRANSPORT });
	});
}

#[test]
fn offer_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let offer = |who, asset| DataAssets::offer_transfer(signed(who), asset, TRANSPORT);
		assert_noop!(
			DataAssets::offer_transfer(RuntimeOrigin::none(), asset, TRANSPORT),
			DispatchError::BadOrigin
		);
		assert_noop!(offer(OUTSIDER, asset), DepartmentsError::NotMember);
		assert_noop!(offer(PW_OPERATOR, asset), DepartmentsError::RoleNotAllowed);
		assert_noop!(offer(PW_STEWARD, 7), Error::<Test>::UnknownAsset);
		assert_noop!(offer(TR_STEWARD, asset), Error::<Test>::NotOwner);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(offer(PW_STEWARD, asset), Error::<Test>::AssetRetired);
	});
}

#[test]
fn offer_refuses_a_second_offer() {
	test(|| {
		let asset = offered_to_transport();
		assert_noop!(
			DataAssets::offer_transfer(signed(PW_STEWARD), asset, PARKS),
			Error::<Test>::TransferAlreadyOffered
		);
	});
}

#[test]
fn offer_refuses_the_owner_as_recipient() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::offer_transfer(signed(PW_STEWARD), asset, PUBLIC_WORKS),
			Error::<Test>::TransferToOwner
		);
	});
}

#[test]
fn offer_refuses_unknown_and_suspended_recipients() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::offer_transfer(signed(PW_STEWARD), asset, NO_DEPARTMENT),
			Error::<Test>::RecipientNotActive
		);
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), PARKS));
		assert_noop!(
			DataAssets::offer_transfer(signed(PW_STEWARD), asset, PARKS),
			Error::<Test>::RecipientNotActive
		);
	});
}

#[test]
fn cancel_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::cancel_transfer(signed(PW_STEWARD), asset),
			Error::<Test>::NoTransferOffered
		);
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_noop!(
			DataAssets::cancel_transfer(RuntimeOrigin::root(), asset),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DataAssets::cancel_transfer(signed(OUTSIDER), asset),
			DepartmentsError::NotMember
		);
		assert_noop!(
			DataAssets::cancel_transfer(signed(PW_OPERATOR), asset),
			DepartmentsError::RoleNotAllowed
		);
		assert_noop!(
			DataAssets::cancel_transfer(signed(PW_STEWARD), 7),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			DataAssets::cancel_transfer(signed(PK_STEWARD), asset),
			Error::<Test>::NotPartyToTransfer
		);
	});
}

#[test]
fn accept_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = offered_to_transport();
		assert_noop!(
			DataAssets::accept_transfer(RuntimeOrigin::root(), asset),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DataAssets::accept_transfer(signed(OUTSIDER), asset),
			DepartmentsError::NotMember
		);
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), 7),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			DataAssets::accept_transfer(signed(PK_STEWARD), asset),
			Error::<Test>::NotTransferRecipient
		);
		// Not even the owner may accept on the recipient's behalf.
		assert_noop!(
			DataAssets::accept_transfer(signed(PW_STEWARD), asset),
			Error::<Test>::NotTransferRecipient
		);
		let unoffered = register(PW_STEWARD, b"other");
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), unoffered),
			Error::<Test>::NoTransferOffered
		);
	});
}

#[test]
fn accept_refuses_a_suspended_recipient() {
	test(|| {
		let asset = offered_to_transport();
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), TRANSPORT));
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			DepartmentsError::DepartmentSuspended
		);
	});
}

#[test]
fn accept_refuses_while_the_owner_is_suspended() {
	test(|| {
		let asset = offered_to_transport();
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), PUBLIC_WORKS));
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::OwnerSuspended
		);
		assert_ok!(Departments::reactivate_department(RuntimeOrigin::root(), PUBLIC_WORKS));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), asset));
	});
}

#[test]
fn accept_refuses_a_steward_who_cannot_pay() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, PARKS));
		assert_noop!(
			DataAssets::accept_transfer(signed(PAUPER), asset),
			Error::<Test>::CannotHoldDeposit
		);
	});
}

#[test]
fn accept_refuses_a_retired_asset_even_with_a_stale_offer() {
	// Retiring withdraws the offer, so only corrupted storage gets here: no invariant check.
	ExtBuilder::default().build().execute_with(|| {
		let asset = offered_to_transport();
		Assets::<Test>::mutate(asset, |record| record.as_mut().unwrap().retired_at = Some(1));
		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::AssetRetired
		);
	});
}

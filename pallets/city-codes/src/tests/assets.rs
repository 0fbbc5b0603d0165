//! Linking data assets to codes.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

#[test]
fn the_owner_links_and_unlinks_its_own_assets() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let first = MockAssets::register(TRANSPORT, true);
		let second = MockAssets::register(TRANSPORT, true);
		assert_ok!(CityCodes::link_asset(signed(TRF_OPERATOR), code, first));
		assert_eq!(last_event(), Event::AssetLinked { code, asset: first });
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, second));
		assert_eq!(record(code).assets.to_vec(), vec![first, second]);

		assert_ok!(CityCodes::unlink_asset(signed(TRF_OPERATOR), code, first));
		assert_eq!(last_event(), Event::AssetUnlinked { code, asset: first });
		assert_eq!(record(code).assets.to_vec(), vec![second]);
	});
}

#[test]
fn link_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let ours = MockAssets::register(TRANSPORT, true);
		let retired = MockAssets::register(TRANSPORT, false);
		let theirs = MockAssets::register(PLANNING, true);
		let link = |who, code, asset| CityCodes::link_asset(signed(who), code, asset);

		assert_noop!(
			CityCodes::link_asset(RuntimeOrigin::none(), code, ours),
			DispatchError::BadOrigin
		);
		assert_noop!(link(TRF_ADMIN, code, ours), DepartmentsError::RoleNotAllowed);
		assert_noop!(link(PLN_STEWARD, code, theirs), Error::<Test>::NotOwner);
		assert_noop!(link(TRF_STEWARD, NO_CODE, ours), Error::<Test>::UnknownCode);
		assert_noop!(link(TRF_STEWARD, code, 777), Error::<Test>::UnknownAsset);
		assert_noop!(link(TRF_STEWARD, code, retired), Error::<Test>::AssetRetired);
		assert_noop!(link(TRF_STEWARD, code, theirs), Error::<Test>::AssetOfAnotherDepartment);
		assert_ok!(link(TRF_STEWARD, code, ours));
		assert_noop!(link(TRF_STEWARD, code, ours), Error::<Test>::AssetAlreadyLinked);

		// MaxAssetsPerCode = 3.
		assert_ok!(link(TRF_STEWARD, code, MockAssets::register(TRANSPORT, true)));
		assert_ok!(link(TRF_STEWARD, code, MockAssets::register(TRANSPORT, true)));
		assert_noop!(
			link(TRF_STEWARD, code, MockAssets::register(TRANSPORT, true)),
			Error::<Test>::TooManyAssets
		);

		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		let another = MockAssets::register(TRANSPORT, true);
		assert_noop!(link(TRF_STEWARD, code, another), Error::<Test>::CodeSuspended);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(link(TRF_STEWARD, code, another), Error::<Test>::CodeRetired);
	});
}

#[test]
fn unlink_errors() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let asset = MockAssets::register(TRANSPORT, true);
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, asset));
		let unlink = |who, code, asset| CityCodes::unlink_asset(signed(who), code, asset);

		assert_noop!(
			CityCodes::unlink_asset(RuntimeOrigin::none(), code, asset),
			DispatchError::BadOrigin
		);
		assert_noop!(unlink(OUTSIDER, code, asset), DepartmentsError::NotMember);
		assert_noop!(unlink(PLN_STEWARD, code, asset), Error::<Test>::NotOwner);
		assert_noop!(unlink(TRF_STEWARD, NO_CODE, asset), Error::<Test>::UnknownCode);
		assert_noop!(unlink(TRF_STEWARD, code, 777), Error::<Test>::AssetNotLinked);
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_noop!(unlink(TRF_STEWARD, code, asset), Error::<Test>::CodeSuspended);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		assert_noop!(unlink(TRF_STEWARD, code, asset), Error::<Test>::CodeRetired);
	});
}

#[test]
fn links_survive_a_transfer_until_the_new_owner_unlinks() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		let asset = MockAssets::register(TRANSPORT, true);
		assert_ok!(CityCodes::link_asset(signed(TRF_STEWARD), code, asset));
		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), code, PLANNING));
		assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), code));
		assert_eq!(record(code).assets.to_vec(), vec![asset]);
		// The new owner cannot link Transport's assets, but may unlink them.
		let another = MockAssets::register(TRANSPORT, true);
		assert_noop!(
			CityCodes::link_asset(signed(PLN_STEWARD), code, another),
			Error::<Test>::AssetOfAnotherDepartment
		);
		assert_ok!(CityCodes::unlink_asset(signed(PLN_OPERATOR), code, asset));
	});
}

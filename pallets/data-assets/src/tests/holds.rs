//! Legal holds: a held asset, or any asset of a held department, is not retired, transferred or
//! lowered; everything else goes on.

use super::*;
use crate::{Assets, Error};
use city_primitives::{RecordId, TestLegalHolds};
use frame_support::assert_noop;

#[test]
fn a_held_asset_is_not_retired_transferred_or_lowered() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			asset,
			Classification::Confidential
		));
		TestLegalHolds::place(RecordId::Asset(asset));

		assert_noop!(
			DataAssets::retire_asset(signed(PW_STEWARD), asset),
			Error::<Test>::UnderLegalHold
		);
		assert_noop!(
			DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT),
			Error::<Test>::UnderLegalHold
		);
		assert_noop!(
			DataAssets::set_classification(signed(PW_STEWARD), asset, Classification::Internal),
			Error::<Test>::UnderLegalHold
		);
		// Raising it, a new version and new metadata are no downgrade: they go on.
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			asset,
			Classification::Restricted
		));
		assert_noop!(
			DataAssets::declassify(RuntimeOrigin::root(), asset, Classification::Internal),
			Error::<Test>::UnderLegalHold
		);
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));

		// Once lifted, the owner may retire it.
		TestLegalHolds::lift(RecordId::Asset(asset));
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
	});
}

#[test]
fn a_department_hold_covers_its_assets_and_stops_a_pending_transfer() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let other = register(TR_STEWARD, b"t1");
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		TestLegalHolds::place(RecordId::Department(PUBLIC_WORKS));

		assert_noop!(
			DataAssets::accept_transfer(signed(TR_STEWARD), asset),
			Error::<Test>::UnderLegalHold
		);
		assert_noop!(
			DataAssets::retire_asset(signed(PW_STEWARD), asset),
			Error::<Test>::UnderLegalHold
		);
		// Withdrawing the offer moves nothing: allowed. Another department's asset is free.
		assert_ok!(DataAssets::cancel_transfer(signed(TR_STEWARD), asset));
		assert_ok!(DataAssets::retire_asset(signed(TR_STEWARD), other));
		assert_eq!(Assets::<Test>::get(asset).map(|record| record.owner), Some(PUBLIC_WORKS));
	});
}

//! `update_metadata`, `set_classification` and `declassify`: changes that add no version.

use super::*;
use crate::{Assets, Error, Event};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

/// `update_metadata` signed by `who` with valid new values.
fn update(who: AccountId, asset: AssetId) -> DispatchResult {
	DataAssets::update_metadata(
		signed(who),
		asset,
		name(b"Road works 2026"),
		media(b"application/json"),
		None,
		tags(&[b"roads", b"2026", b"plan"]),
	)
}

#[test]
fn update_metadata_replaces_the_describing_fields_only() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let before = Assets::<Test>::get(asset).unwrap();
		assert_ok!(update(PW_STEWARD_2, asset));

		let after = Assets::<Test>::get(asset).unwrap();
		assert_eq!(after.name, name(b"Road works 2026"));
		assert_eq!(after.media_type, media(b"application/json"));
		assert_eq!(after.metadata_hash, None);
		assert_eq!(after.tags, tags(&[b"roads", b"2026", b"plan"]));
		// No new version, and the deposit stays with who paid it.
		assert_eq!(after.latest_version, 1);
		assert_eq!(after.deposit, before.deposit);
		assert_eq!((held(PW_STEWARD), held(PW_STEWARD_2)), (deposit_for(1), 0));
		assert_eq!(last_event(), Event::MetadataUpdated { asset });
	});
}

#[test]
fn update_metadata_may_change_a_single_field() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::update_metadata(
			signed(PW_STEWARD),
			asset,
			name(b"Road works"),
			media(b"text/csv"),
			Some(sha(b"roads.dcat.json v2")),
			tags(&[b"roads", b"works"]),
		));
		assert_eq!(
			Assets::<Test>::get(asset).unwrap().metadata_hash,
			Some(sha(b"roads.dcat.json v2"))
		);
	});
}

#[test]
fn update_metadata_refuses_no_change() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::update_metadata(
				signed(PW_STEWARD),
				asset,
				name(b"Road works"),
				media(b"text/csv"),
				Some(sha(b"roads.dcat.json")),
				tags(&[b"roads", b"works"]),
			),
			Error::<Test>::MetadataUnchanged
		);
	});
}

#[test]
fn update_metadata_refuses_invalid_fields() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let call = |name_: &[u8], media_: &[u8], tags_: &[&[u8]]| {
			DataAssets::update_metadata(
				signed(PW_STEWARD),
				asset,
				name(name_),
				media(media_),
				None,
				tags(tags_),
			)
		};
		assert_noop!(call(b"", b"text/csv", &[]), Error::<Test>::InvalidName);
		assert_noop!(call(b"Roads", b"text", &[]), Error::<Test>::InvalidMediaType);
		assert_noop!(call(b"Roads", b"text/csv", &[b""]), Error::<Test>::InvalidTag);
		assert_noop!(call(b"Roads", b"text/csv", &[b"a", b"a"]), Error::<Test>::DuplicateTag);
	});
}

#[test]
fn update_metadata_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::update_metadata(
				RuntimeOrigin::none(),
				asset,
				name(b"x"),
				media(b"a/b"),
				None,
				tags(&[])
			),
			DispatchError::BadOrigin
		);
		assert_noop!(update(OUTSIDER, asset), DepartmentsError::NotMember);
		assert_noop!(update(PW_OPERATOR, asset), DepartmentsError::RoleNotAllowed);
		assert_noop!(update(PW_STEWARD, 7), Error::<Test>::UnknownAsset);
		assert_noop!(update(TR_STEWARD, asset), Error::<Test>::NotOwner);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(update(PW_STEWARD, asset), Error::<Test>::AssetRetired);
	});
}

#[test]
fn owner_changes_the_classification_up_and_down() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD_2),
			asset,
			Classification::Restricted
		));
		assert_eq!(Assets::<Test>::get(asset).unwrap().classification, Classification::Restricted);
		assert_eq!(
			last_event(),
			Event::ClassificationChanged {
				asset,
				old: Classification::Internal,
				new: Classification::Restricted
			}
		);
		// Down from anything but Restricted is the owner's call too.
		let other = register(PW_STEWARD, b"other");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			other,
			Classification::Confidential
		));
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			other,
			Classification::Public
		));
		assert_eq!(Assets::<Test>::get(other).unwrap().classification, Classification::Public);
		assert_eq!(Assets::<Test>::get(other).unwrap().latest_version, 1);
	});
}

#[test]
fn only_oversight_lowers_a_restricted_asset() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			asset,
			Classification::Restricted
		));
		// The owner cannot lower it, to any level.
		for lower in
			[Classification::Confidential, Classification::Internal, Classification::Public]
		{
			assert_noop!(
				DataAssets::set_classification(signed(PW_STEWARD), asset, lower),
				Error::<Test>::DowngradeNeedsOversight
			);
		}
		// The oversight office can.
		assert_ok!(DataAssets::declassify(RuntimeOrigin::root(), asset, Classification::Internal));
		assert_eq!(Assets::<Test>::get(asset).unwrap().classification, Classification::Internal);
		assert_eq!(
			last_event(),
			Event::ClassificationChanged {
				asset,
				old: Classification::Restricted,
				new: Classification::Internal
			}
		);
	});
}

#[test]
fn declassify_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let restricted = register(PW_STEWARD, b"r");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			restricted,
			Classification::Restricted
		));
		let internal = register(PW_STEWARD, b"i");
		let declassify = |origin, asset, to| DataAssets::declassify(origin, asset, to);
		// Not even the owner's Steward: only the oversight office.
		assert_noop!(
			declassify(signed(PW_STEWARD), restricted, Classification::Public),
			DispatchError::BadOrigin
		);
		assert_noop!(
			declassify(RuntimeOrigin::root(), 7, Classification::Public),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			declassify(RuntimeOrigin::root(), internal, Classification::Public),
			Error::<Test>::NotRestricted
		);
		assert_noop!(
			declassify(RuntimeOrigin::root(), restricted, Classification::Restricted),
			Error::<Test>::ClassificationUnchanged
		);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), restricted));
		assert_noop!(
			declassify(RuntimeOrigin::root(), restricted, Classification::Public),
			Error::<Test>::AssetRetired
		);
	});
}

#[test]
fn declassify_needs_an_oversight_body_independent_of_the_owner() {
	test(|| {
		let asset = register(PW_STEWARD, b"r");
		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			asset,
			Classification::Restricted
		));
		// A member of the owner's department sits on the oversight body: its decision is the
		// owner's own, not a second party's.
		OversightMembers::set(vec![OUTSIDER, PW_ADMIN]);
		assert_noop!(
			DataAssets::declassify(RuntimeOrigin::root(), asset, Classification::Public),
			Error::<Test>::OversightNotIndependent
		);
		// Members of other departments and of none are independent of this owner.
		OversightMembers::set(vec![OUTSIDER, TR_STEWARD]);
		assert_ok!(DataAssets::declassify(RuntimeOrigin::root(), asset, Classification::Public));
		assert_eq!(
			Assets::<Test>::get(asset).map(|a| a.classification),
			Some(Classification::Public)
		);
	});
}

#[test]
fn set_classification_refuses_no_change() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_noop!(
			DataAssets::set_classification(signed(PW_STEWARD), asset, Classification::Internal),
			Error::<Test>::ClassificationUnchanged
		);
	});
}

#[test]
fn set_classification_refuses_the_wrong_callers_and_assets() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		let set =
			|who, asset| DataAssets::set_classification(signed(who), asset, Classification::Public);
		assert_noop!(
			DataAssets::set_classification(RuntimeOrigin::root(), asset, Classification::Public),
			DispatchError::BadOrigin
		);
		assert_noop!(set(OUTSIDER, asset), DepartmentsError::NotMember);
		assert_noop!(set(PW_ADMIN, asset), DepartmentsError::RoleNotAllowed);
		assert_noop!(set(PW_STEWARD, 7), Error::<Test>::UnknownAsset);
		assert_noop!(set(TR_STEWARD, asset), Error::<Test>::NotOwner);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_noop!(set(PW_STEWARD, asset), Error::<Test>::AssetRetired);
	});
}

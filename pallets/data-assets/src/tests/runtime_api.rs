//! The functions behind the `DataAssetsApi` runtime API.

use super::*;
use crate::{
	AssetRecord, ContentHash, ContentRegistration, DepartmentId, Deposit, HashAlgorithm,
	Verification, VersionRecord,
};
use std::collections::BTreeSet;

#[test]
fn asset_details_gives_the_asset_with_its_current_version() {
	test(|| {
		assert_eq!(DataAssets::asset_details(0), None);
		let asset = register(PW_STEWARD, b"v1");
		System::set_block_number(3);
		assert_ok!(add_version(PW_STEWARD_2, asset, b"v2"));

		let details = DataAssets::asset_details(asset).unwrap();
		assert_eq!(details.id, asset);
		assert_eq!(
			details.asset,
			AssetRecord {
				owner: PUBLIC_WORKS,
				name: b"Road works".to_vec(),
				media_type: b"text/csv".to_vec(),
				classification: Classification::Internal,
				metadata_hash: Some(sha(b"roads.dcat.json")),
				tags: vec![b"roads".to_vec(), b"works".to_vec()],
				latest_version: 2,
				registered_at: 1,
				retired_at: None,
				offered_to: None,
				transfers: 0,
				deposit: Some(Deposit { depositor: PW_STEWARD_2, amount: deposit_for(2) }),
			}
		);
		assert_eq!(
			details.current,
			VersionRecord {
				content: blake(b"v2"),
				size: 2_048,
				location: b"https://pw.city/v".to_vec(),
				registered_by: PW_STEWARD_2,
				registered_at: 3,
			}
		);
	});
}

#[test]
fn asset_version_gives_any_version() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		assert_eq!(DataAssets::asset_version(asset, 1).unwrap().content, blake(b"v1"));
		assert_eq!(
			DataAssets::asset_version(asset, 1).unwrap().location,
			b"https://pw.city/data/roads.csv".to_vec()
		);
		assert_eq!(DataAssets::asset_version(asset, 2).unwrap().content, blake(b"v2"));
		assert_eq!(DataAssets::asset_version(asset, 0), None);
		assert_eq!(DataAssets::asset_version(asset, 3), None);
		assert_eq!(DataAssets::asset_version(7, 1), None);
	});
}

/// Every id of `department`'s assets, fetching pages of `limit` until the end; checks that no
/// page is larger than asked or than `MaxPageSize`.
fn all_pages(department: DepartmentId, limit: u32) -> (Vec<AssetId>, usize) {
	let mut ids = vec![];
	let mut pages = 0;
	let mut start_after = None;
	loop {
		let page = DataAssets::department_assets(department, start_after, limit);
		pages += 1;
		assert!(page.items.len() <= limit.min(MAX_PAGE) as usize);
		ids.extend(page.items.iter().map(|details| details.id));
		match page.next {
			Some(next) => {
				assert_eq!(Some(&next), ids.last());
				start_after = Some(next);
			},
			None => return (ids, pages),
		}
		assert!(pages < 100, "paging does not end");
	}
}

#[test]
fn department_assets_pages_through_every_asset_once() {
	test(|| {
		let ours: BTreeSet<AssetId> =
			(0..6u8).map(|seed| register(PW_STEWARD, &[b'p', seed])).collect();
		register(TR_STEWARD, b"theirs");

		// A large limit is capped at MaxPageSize = 4.
		let first = DataAssets::department_assets(PUBLIC_WORKS, None, 1_000);
		assert_eq!(first.items.len(), MAX_PAGE as usize);
		assert!(first.next.is_some());
		// A limit of 0 gives no assets, and no cursor.
		let none = DataAssets::department_assets(PUBLIC_WORKS, None, 0);
		assert!(none.items.is_empty() && none.next.is_none());

		for (limit, expected_pages) in [(1_000, 2), (4, 2), (3, 2), (2, 3), (1, 6)] {
			let (ids, pages) = all_pages(PUBLIC_WORKS, limit);
			assert_eq!(ids.len(), ours.len(), "limit {limit}: no asset twice");
			assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), ours, "limit {limit}");
			assert_eq!(pages, expected_pages, "limit {limit}");
		}
		let details = &DataAssets::department_assets(TRANSPORT, None, 10).items;
		assert_eq!(details.iter().map(|d| d.id).collect::<Vec<_>>(), vec![6]);
		assert_eq!(details[0].current.content, blake(b"theirs"));
	});
}

#[test]
fn department_assets_follows_transfers_and_keeps_retired_assets() {
	test(|| {
		let moved = register(PW_STEWARD, b"moved");
		let retired = register(PW_STEWARD, b"retired");
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), retired));
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), moved, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), moved));
		assert_eq!(all_pages(PUBLIC_WORKS, 10).0, vec![retired]);
		assert_eq!(all_pages(TRANSPORT, 10).0, vec![moved]);
		// A cursor that is no longer in the department still works.
		let page = DataAssets::department_assets(PUBLIC_WORKS, Some(moved), 10);
		assert!(page.items.len() <= 1 && page.next.is_none());
	});
}

#[test]
fn department_assets_of_an_empty_or_unknown_department_is_empty() {
	test(|| {
		register(PW_STEWARD, b"x");
		for department in [PARKS, NO_DEPARTMENT] {
			let page = DataAssets::department_assets(department, None, 10);
			assert!(page.items.is_empty());
			assert_eq!(page.next, None);
		}
	});
}

/// Every registration of `content`, over all pages of `limit`.
fn registrations(content: ContentHash, limit: u32) -> Vec<ContentRegistration> {
	let mut all = Vec::new();
	let mut start_after = None;
	loop {
		let page = DataAssets::find_by_content(content, start_after, limit);
		all.extend(page.items);
		match page.next {
			Some(next) => start_after = Some(next),
			None => return all,
		}
	}
}

fn registration(department: DepartmentId, asset: AssetId, version: u32) -> ContentRegistration {
	ContentRegistration { department, asset, version }
}

#[test]
fn find_by_content_finds_every_version() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		assert_eq!(registrations(blake(b"v1"), 10), vec![registration(PUBLIC_WORKS, asset, 1)]);
		assert_eq!(registrations(blake(b"v2"), 10), vec![registration(PUBLIC_WORKS, asset, 2)]);
		assert_eq!(registrations(blake(b"v3"), 10), vec![]);
		let other_algorithm = ContentHash { algorithm: HashAlgorithm::Sha2_256, ..blake(b"v1") };
		assert_eq!(registrations(other_algorithm, 10), vec![]);
	});
}

#[test]
fn find_by_content_lists_every_departments_registration_page_by_page() {
	test(|| {
		let pw = register(PW_STEWARD, b"shared");
		let tr = register(TR_STEWARD, b"shared");
		let pk = register(PK_STEWARD, b"shared");
		let mut expected = vec![
			registration(PUBLIC_WORKS, pw, 1),
			registration(TRANSPORT, tr, 1),
			registration(PARKS, pk, 1),
		];
		expected.sort_by_key(|r| r.department);
		for limit in [1, 2, 3, MAX_PAGE] {
			let mut found = registrations(blake(b"shared"), limit);
			found.sort_by_key(|r| r.department);
			assert_eq!(found, expected, "pages of {limit}");
		}
		// A page is at most `MaxPageSize`, and 0 asks for none.
		let page = DataAssets::find_by_content(blake(b"shared"), None, 0);
		assert_eq!((page.items.len(), page.next), (0, None));
		let page = DataAssets::find_by_content(blake(b"shared"), None, 2);
		assert_eq!(page.items.len(), 2);
		assert_eq!(page.next, Some(page.items[1].department));
	});
}

#[test]
fn a_registration_stays_with_the_department_that_made_it_when_the_asset_changes_hands() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), asset));
		assert_ok!(add_version(TR_STEWARD, asset, b"v2"));
		assert_eq!(registrations(blake(b"v1"), 10), vec![registration(PUBLIC_WORKS, asset, 1)]);
		assert_eq!(registrations(blake(b"v2"), 10), vec![registration(TRANSPORT, asset, 2)]);
	});
}

#[test]
fn verify_tells_a_genuine_copy_from_others() {
	test(|| {
		let asset = register(PW_STEWARD, b"v1");
		assert_ok!(add_version(PW_STEWARD, asset, b"v2"));
		assert_eq!(DataAssets::verify(asset, 1, blake(b"v1")), Verification::Match);
		assert_eq!(DataAssets::verify(asset, 2, blake(b"v2")), Verification::Match);
		// Registered content, but of another version.
		assert_eq!(DataAssets::verify(asset, 1, blake(b"v2")), Verification::Mismatch);
		assert_eq!(DataAssets::verify(asset, 1, blake(b"tampered")), Verification::Mismatch);
		let other_algorithm = ContentHash { algorithm: HashAlgorithm::Sha2_256, ..blake(b"v1") };
		assert_eq!(DataAssets::verify(asset, 1, other_algorithm), Verification::Mismatch);
		assert_eq!(DataAssets::verify(asset, 3, blake(b"v1")), Verification::UnknownVersion);
		assert_eq!(DataAssets::verify(asset, 0, blake(b"v1")), Verification::UnknownVersion);
		assert_eq!(DataAssets::verify(7, 1, blake(b"v1")), Verification::UnknownAsset);
	});
}

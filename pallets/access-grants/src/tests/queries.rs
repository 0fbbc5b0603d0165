//! The queries behind the runtime API: single records and bounded pages.

use super::*;
use crate::{GrantSide, Grants, Requests};
use city_primitives::Page;

/// Every item of a listing, fetched page by page with pages of `limit`, each page at most
/// `MAX_PAGE` long and its `next` the `cursor` of its last item; returns the ids in the order
/// seen.
fn all_pages<K: Copy + PartialEq + core::fmt::Debug, V>(
	limit: u32,
	mut page: impl FnMut(Option<K>, u32) -> Page<(GrantId, V), K>,
	cursor: impl Fn(&(GrantId, V)) -> K,
) -> Vec<GrantId> {
	let mut seen = vec![];
	let mut start_after = None;
	loop {
		let page = page(start_after, limit);
		assert!(page.items.len() <= limit.min(MAX_PAGE) as usize);
		seen.extend(page.items.iter().map(|(id, _)| *id));
		match page.next {
			Some(next) => {
				assert_eq!(Some(next), page.items.last().map(&cursor));
				start_after = Some(next);
			},
			None => break,
		}
		assert!(seen.len() < 1_000, "paging does not end");
	}
	seen
}

fn sorted(mut ids: Vec<u64>) -> Vec<u64> {
	ids.sort();
	ids
}

/// Public Works grants Transport and Health access to two assets each; Transport grants Health
/// access to its asset.
fn five_grants() {
	for asset in [INTERNAL_ASSET, CONFIDENTIAL_ASSET] {
		direct_grant(asset, TRANSPORT, None);
		direct_grant(asset, HEALTH, None);
	}
	assert_ok!(AccessGrants::grant_access(
		signed(TR_STEWARD),
		TRANSPORT_ASSET,
		HEALTH,
		purpose("buses"),
		Scope::Read,
		DURATION,
		None
	));
}

#[test]
fn single_records_are_returned_with_plain_purposes() {
	test(|| {
		let request = open_request(CONFIDENTIAL_ASSET);
		let grant = direct_grant(INTERNAL_ASSET, TRANSPORT, Some(2));

		let view = AccessGrants::request_info(request).unwrap();
		assert_eq!(view, Requests::<Test>::get(request).unwrap().into_view());
		assert_eq!(view.purpose, b"roads".to_vec());
		let view = AccessGrants::grant_info(grant).unwrap();
		assert_eq!(view, Grants::<Test>::get(grant).unwrap().into_view());
		assert_eq!(view.purpose, b"traffic study".to_vec());

		assert_eq!(AccessGrants::grant_for(INTERNAL_ASSET, TRANSPORT), Some(grant));
		assert_eq!(AccessGrants::grant_for(INTERNAL_ASSET, HEALTH), None);
		assert_eq!(AccessGrants::request_info(request + 1), None);
		assert_eq!(AccessGrants::grant_info(grant + 1), None);
	});
}

#[test]
fn department_grants_lists_each_side_in_pages() {
	test(|| {
		five_grants();
		let grantee = |department, limit| {
			all_pages(
				limit,
				|start, limit| {
					AccessGrants::department_grants(department, GrantSide::Grantee, start, limit)
				},
				|(id, _)| *id,
			)
		};
		let owner = |department, limit| {
			all_pages(
				limit,
				|start, limit| {
					AccessGrants::department_grants(department, GrantSide::Owner, start, limit)
				},
				|(id, _)| *id,
			)
		};
		for limit in [1, 2, 3, 50] {
			assert_eq!(sorted(grantee(TRANSPORT, limit)), vec![0, 2]);
			assert_eq!(sorted(grantee(HEALTH, limit)), vec![1, 3, 4]);
			assert_eq!(sorted(owner(PUBLIC_WORKS, limit)), vec![0, 1, 2, 3]);
			assert_eq!(sorted(owner(TRANSPORT, limit)), vec![4]);
			assert!(grantee(PUBLIC_WORKS, limit).is_empty());
		}
		// One page never holds more than MaxPageSize.
		assert_eq!(
			AccessGrants::department_grants(PUBLIC_WORKS, GrantSide::Owner, None, u32::MAX)
				.items
				.len(),
			MAX_PAGE as usize
		);
		let none = AccessGrants::department_grants(PUBLIC_WORKS, GrantSide::Owner, None, 0);
		assert_eq!(none, Page { items: vec![], next: None });
		// The items are the grants.
		let page = AccessGrants::department_grants(TRANSPORT, GrantSide::Owner, None, 10);
		assert_eq!(
			page,
			Page { items: vec![(4, AccessGrants::grant_info(4).unwrap())], next: None }
		);
	});
}

#[test]
fn asset_grants_lists_an_assets_grants_in_pages() {
	test(|| {
		five_grants();
		for limit in [1, 2, 50] {
			let ids = all_pages(
				limit,
				|start, limit| AccessGrants::asset_grants(INTERNAL_ASSET, start, limit),
				|(_, grant)| grant.grantee,
			);
			assert_eq!(sorted(ids), vec![0, 1]);
		}
		assert!(AccessGrants::asset_grants(PUBLIC_ASSET, None, 10).items.is_empty());
	});
}

#[test]
fn pending_requests_lists_an_owners_open_requests_in_pages() {
	test(|| {
		for asset in [INTERNAL_ASSET, CONFIDENTIAL_ASSET, RESTRICTED_ASSET] {
			open_request(asset);
		}
		assert_ok!(AccessGrants::request_access(
			signed(HL_STEWARD),
			INTERNAL_ASSET,
			purpose("clinics"),
			Scope::Read,
			DURATION
		));
		assert_ok!(AccessGrants::request_access(
			signed(HL_STEWARD),
			TRANSPORT_ASSET,
			purpose("ambulances"),
			Scope::Read,
			DURATION
		));
		let pending = |owner, limit| {
			all_pages(
				limit,
				|start, limit| AccessGrants::pending_requests(owner, start, limit),
				|(id, _)| *id,
			)
		};
		for limit in [1, 3, 50] {
			assert_eq!(sorted(pending(PUBLIC_WORKS, limit)), vec![0, 1, 2, 3]);
			assert_eq!(pending(TRANSPORT, limit), vec![4]);
			assert!(pending(HEALTH, limit).is_empty());
		}
		// A decided request is no longer pending.
		assert_ok!(AccessGrants::reject_request(signed(PW_STEWARD), 1, reason("no")));
		assert_eq!(sorted(pending(PUBLIC_WORKS, 50)), vec![0, 2, 3]);
		let page = AccessGrants::pending_requests(TRANSPORT, None, 10);
		assert_eq!(
			page,
			Page { items: vec![(4, AccessGrants::request_info(4).unwrap())], next: None }
		);
	});
}

//! One paging convention for every list a runtime API returns.
//!
//! A list method takes `start_after: Option<Cursor>` (`None` for the first page) and a
//! `limit`, and returns a [`Page`]. The cursor is the listed item's own id (an asset id, a
//! grant id, a code id, …), so a client that shows a page can ask for the next one without
//! keeping anything else. `limit` is capped by the pallet's `MaxPageSize` constant
//! (`api.consts.<pallet>.maxPageSize` in polkadot.js); a `limit` of 0 returns no items.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// One page of a list, and the cursor of the next.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct Page<Item, Cursor> {
	/// At most `limit` items, in the list's order.
	pub items: Vec<Item>,
	/// The last item's cursor when more items follow: pass it as `start_after` for the next
	/// page. `None` when the list ends with this page (or `limit` was 0).
	pub next: Option<Cursor>,
}

impl<Item, Cursor> Page<Item, Cursor> {
	/// The first `min(limit, max)` items of `items` (positioned after the caller's cursor),
	/// and the cursor of the last when at least one more follows. Reads at most one item more
	/// than it returns.
	pub fn collect(
		items: impl IntoIterator<Item = Item>,
		limit: u32,
		max: u32,
		cursor: impl Fn(&Item) -> Cursor,
	) -> Self {
		let limit = usize::try_from(limit.min(max)).unwrap_or(usize::MAX);
		if limit == 0 {
			return Page { items: Vec::new(), next: None };
		}
		let mut items = items.into_iter();
		let page: Vec<Item> = items.by_ref().take(limit).collect();
		let next = match (page.len() == limit, items.next()) {
			(true, Some(_)) => page.last().map(cursor),
			_ => None,
		};
		Page { items: page, next }
	}

	/// The same page with its items looked up: page over cheap keys, then read only the
	/// records of the page. A key whose record is gone is left out; the cursor stays.
	pub fn filter_map<Other>(self, f: impl FnMut(Item) -> Option<Other>) -> Page<Other, Cursor> {
		Page { items: self.items.into_iter().filter_map(f).collect(), next: self.next }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn page(items: core::ops::Range<u32>, limit: u32) -> Page<u32, u32> {
		Page::collect(items, limit, 5, |item| *item)
	}

	#[test]
	fn a_full_page_names_its_last_item_when_more_follow() {
		assert_eq!(page(0..10, 3), Page { items: vec![0, 1, 2], next: Some(2) });
	}

	#[test]
	fn the_last_page_has_no_cursor_even_when_exactly_full() {
		assert_eq!(page(0..3, 3), Page { items: vec![0, 1, 2], next: None });
		assert_eq!(page(0..2, 3), Page { items: vec![0, 1], next: None });
		assert_eq!(page(0..0, 3), Page { items: vec![], next: None });
	}

	#[test]
	fn limit_is_capped_by_the_maximum_and_zero_means_zero() {
		assert_eq!(page(0..10, u32::MAX), Page { items: vec![0, 1, 2, 3, 4], next: Some(4) });
		assert_eq!(page(0..10, 0), Page { items: vec![], next: None });
	}

	#[test]
	fn looking_items_up_keeps_the_cursor() {
		let page = page(0..10, 3).filter_map(|item| (item != 1).then_some(item * 10));
		assert_eq!(page, Page { items: vec![0, 20], next: Some(2) });
	}

	#[test]
	fn paging_through_with_the_cursor_visits_every_item_once() {
		let all: Vec<u32> = (0..23).collect();
		let mut seen: Vec<u32> = Vec::new();
		let mut after = None;
		loop {
			let rest = all.iter().copied().filter(|item| after.is_none_or(|a| *item > a));
			let page = Page::collect(rest, 4, 5, |item| *item);
			seen.extend(&page.items);
			match page.next {
				Some(next) => after = Some(next),
				None => break,
			}
		}
		assert_eq!(seen, all);
	}
}

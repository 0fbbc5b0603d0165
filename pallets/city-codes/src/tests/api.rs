//! The runtime API functions: resolve, format, children, codes_of.

use super::*;
use crate::{CodeEntry, CodeError, CodeStatus, ResolveError};
use city_primitives::Page;
use std::collections::BTreeSet;

fn resolve(text: &str) -> Result<crate::CodeViewOf<Test>, crate::ResolveErrorOf<Test>> {
	CityCodes::resolve(text.as_bytes())
}

#[test]
fn resolve_finds_the_record_in_any_case() {
	test(|| {
		let hall = issue(PLN_STEWARD, BLD);
		let building = issue(TRF_STEWARD, BLD);
		let code = issue_under(TRF_STEWARD, DEV, Some(building));
		let view = resolve("BJ.TRF/DEV/000001-G").unwrap();
		assert_eq!(view.id, code);
		assert_eq!(view.text, b"BJ.TRF/DEV/000001-G".to_vec());
		assert_eq!(view.record.name, b"Thing".to_vec());
		assert_eq!(view.record.parent, Some(building));
		assert_eq!(view.record.owner, TRANSPORT);
		assert_eq!(resolve("bj.trf/dev/000001-g"), Ok(view));
		assert_eq!(resolve("BJ.PLN/BLD/000001-J").map(|view| view.id), Ok(hall));
		// A suspended code resolves, with its status.
		assert_ok!(CityCodes::suspend_code(signed(TRF_STEWARD), code));
		assert_eq!(
			resolve("BJ.TRF/DEV/000001-G").map(|view| view.record.status),
			Ok(CodeStatus::Suspended)
		);
	});
}

#[test]
fn resolve_says_why_not() {
	test(|| {
		issue(TRF_STEWARD, DEV);
		assert_eq!(resolve(""), Err(ResolveError::Malformed(CodeError::Empty)));
		assert_eq!(resolve("BJ.TRF/DEV/1-G"), Err(ResolveError::Malformed(CodeError::BadSerial)));
		assert_eq!(resolve(&"X".repeat(10_000)), Err(ResolveError::Malformed(CodeError::TooLong)));
		assert_eq!(resolve("BJ.TRF/DEV/000001-H"), Err(ResolveError::WrongCheckCharacter));
		assert_eq!(resolve("BJ.TRF/DEV/000010-G"), Err(ResolveError::WrongCheckCharacter));
		// Well-formed codes with a correct check character, of nothing known.
		let valid = |city: &str, department: &str, class: &str, serial| {
			crate::CityCode::new(city.as_bytes(), department.as_bytes(), class.as_bytes(), serial)
				.unwrap()
				.to_string()
		};
		assert_eq!(resolve(&valid("SH", "TRF", "DEV", 1)), Err(ResolveError::UnknownCity));
		assert_eq!(
			resolve(&valid("BJ", "HLT", "DEV", 1)),
			Err(ResolveError::UnknownDepartmentPrefix)
		);
		assert_eq!(resolve(&valid("BJ", "TRF", "VEH", 1)), Err(ResolveError::UnknownClass));
		assert_eq!(resolve(&valid("BJ", "TRF", "DEV", 2)), Err(ResolveError::UnknownCode));
		assert_eq!(resolve(&valid("BJ", "TRF", "BLD", 1)), Err(ResolveError::UnknownCode));
	});
}

#[test]
fn a_retired_code_resolves_to_an_error_with_its_record() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), code));
		let Err(ResolveError::Retired(view)) = resolve("BJ.TRF/DEV/000001-G") else {
			panic!("a retired code resolves to Retired");
		};
		assert_eq!((view.id, view.record.status), (code, CodeStatus::Retired));
		assert_eq!(view.record.name, b"Thing".to_vec());
	});
}

#[test]
fn format_writes_the_canonical_text() {
	test(|| {
		let code = issue(TRF_STEWARD, DEV);
		assert_eq!(CityCodes::format(code), Some(b"BJ.TRF/DEV/000001-G".to_vec()));
		assert_eq!(CityCodes::format(NO_CODE), None);
		// Every code's text resolves back to it.
		let others: Vec<_> = (0..5).map(|_| issue(PLN_OPERATOR, ROD)).collect();
		for other in others {
			assert_eq!(resolve(&text(other)).map(|view| view.id), Ok(other));
		}
	});
}

/// Every page of `list` with pages of `limit`, concatenated.
fn all_pages(limit: u32, list: impl Fn(Option<u64>, u32) -> Page<CodeEntry, u64>) -> Vec<u64> {
	let mut ids = vec![];
	let mut after = None;
	loop {
		let page = list(after, limit);
		assert!(page.items.len() <= limit as usize);
		ids.extend(page.items.iter().map(|entry| entry.id));
		match page.next {
			Some(next) => {
				assert_eq!(Some(next), page.items.last().map(|entry| entry.id));
				after = Some(next);
			},
			None => break,
		}
		assert!(ids.len() < 1_000, "paging does not end");
	}
	ids
}

#[test]
fn children_are_listed_in_pages() {
	test(|| {
		let building = issue(TRF_STEWARD, BLD);
		let other = issue(TRF_STEWARD, BLD);
		let children: BTreeSet<_> =
			(0..7).map(|_| issue_under(TRF_OPERATOR, DEV, Some(building))).collect();
		issue_under(TRF_STEWARD, DEV, Some(other));

		let listed = all_pages(3, |after, limit| CityCodes::children(building, after, limit));
		assert_eq!(listed.len(), 7);
		assert_eq!(listed.iter().copied().collect::<BTreeSet<_>>(), children);

		let first = CityCodes::children(building, None, 1);
		let entry = &first.items[0];
		assert_eq!(entry.text, CityCodes::format(entry.id).unwrap());
		assert_eq!(entry.status, CodeStatus::Active);
		assert!(first.next.is_some());
		assert_eq!(CityCodes::children(NO_CODE, None, 10), Page { items: vec![], next: None });
		assert_eq!(CityCodes::children(building, None, 0), Page { items: vec![], next: None });
	});
}

#[test]
fn codes_of_lists_a_department_in_pages_and_follows_transfers() {
	test(|| {
		let ours: BTreeSet<_> = (0..5).map(|_| issue(TRF_STEWARD, DEV)).collect();
		issue(PLN_STEWARD, DEV);
		let listed = all_pages(2, |after, limit| CityCodes::codes_of(TRANSPORT, after, limit));
		assert_eq!(listed.iter().copied().collect::<BTreeSet<_>>(), ours);
		assert_eq!(listed.len(), 5);

		assert_ok!(CityCodes::offer_transfer(signed(TRF_STEWARD), 0, PLANNING));
		assert_ok!(CityCodes::accept_transfer(signed(PLN_STEWARD), 0));
		assert_eq!(CityCodes::codes_of(TRANSPORT, None, 10).items.len(), 4);
		assert_eq!(CityCodes::codes_of(PLANNING, None, 10).items.len(), 2);
		// Retired codes are listed, with their status.
		assert_ok!(CityCodes::retire_code(signed(TRF_STEWARD), 1));
		let retired = CityCodes::codes_of(TRANSPORT, None, 10);
		assert!(retired
			.items
			.iter()
			.any(|entry| entry.id == 1 && entry.status == CodeStatus::Retired));
		assert!(CityCodes::codes_of(NO_DEPARTMENT, None, 10).items.is_empty());
	});
}

#[test]
fn pages_are_capped() {
	test(|| {
		CodeDeposit::set(0);
		let building = issue(TRF_STEWARD, BLD);
		let batch: frame_support::BoundedVec<_, _> =
			vec![new_code("D", Some(building)); 4].try_into().unwrap();
		for _ in 0..26 {
			assert_ok!(CityCodes::issue_codes_batch(signed(TRF_STEWARD), DEV, batch.clone()));
		}
		assert_eq!(CityCodes::children(building, None, u32::MAX).items.len(), MAX_PAGE as usize);
		assert_eq!(CityCodes::codes_of(TRANSPORT, None, u32::MAX).items.len(), MAX_PAGE as usize);
		assert_eq!(
			all_pages(MAX_PAGE, |after, limit| CityCodes::children(building, after, limit)).len(),
			104
		);
	});
}

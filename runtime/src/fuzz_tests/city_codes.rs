//! City codes: object classes (fitting origin: sudo or a council motion), codes issued by a
//! department's stewards and operators, and their life: updates, links to assets, transfers,
//! suspension and retirement.

use super::{
	inputs::{bounded, display_text, label, location, nth},
	plan::Kind,
	resolver::{Resolved, Resolver},
	state,
};
use crate::RuntimeCall;
use city_primitives::Role;
use frame_support::BoundedVec;
use pallet_city_codes::NewCode;

impl Resolver<'_> {
	/// A `pallet_city_codes` call and the account fit to sign it.
	pub(super) fn city_codes_call(&self) -> Resolved {
		use Kind::*;
		let (fitting, call) = match self.action.kind {
			AddObjectClass | RetireObjectClass | IssueCode | IssueCodesBatch => self.issuing_call(),
			UpdateCode | LinkAsset | UnlinkAsset | OfferCode | SuspendCode | RetireCode
			| CancelCodeOffer | AcceptCode | ReactivateCode => self.code_life_call(),
			kind => unreachable!("{kind:?} is not a city-codes call"),
		};
		Resolved::Fitting(fitting, call)
	}

	/// An object class added or retired, or codes issued.
	fn issuing_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let num = a.num;
		match a.kind {
			AddObjectClass => (
				None,
				pallet_city_codes::Call::add_object_class {
					code: bounded(label(seed, self.bad(2), 4)),
					name: bounded(display_text(seed, self.bad(2) && seed.is_multiple_of(2), 64)),
				}
				.into(),
			),
			RetireObjectClass => (
				None,
				pallet_city_codes::Call::retire_object_class { class: self.class(p0) }.into(),
			),
			IssueCode | IssueCodesBatch => {
				let department = self.department_with(&[Role::Steward, Role::Operator], p0);
				// A parent: mostly an active code of the issuing department; (garbage) an unknown
				// code, or any code, maybe another department's, suspended or retired.
				let own = state::codes_where(|c| {
					c.owner == department && c.status == pallet_city_codes::CodeStatus::Active
				});
				let parent = |sel: u16| match sel % 3 {
					0 => None,
					_ if self.bad(1) => Some(self.seed()),
					_ if self.bad(4) => nth(&state::codes(), sel),
					_ => nth(&own, sel),
				};
				let signer = self.member(department, &[Role::Steward, Role::Operator], p1);
				let class = self.class(p2);
				if a.kind == IssueCode {
					(
						signer,
						pallet_city_codes::Call::issue_code {
							class,
							name: bounded(display_text(seed, self.bad(2), 64)),
							location: location(seed, self.bad(3)),
							attributes: seed.is_multiple_of(2).then(|| self.hash()),
							parent: parent(p1.wrapping_add(p2)),
						}
						.into(),
					)
				} else {
					let n = 1 + (num % 6) as u64;
					let codes: Vec<_> = (0..n)
						.map(|i| NewCode {
							// One bad entry spoils the whole batch.
							name: bounded(display_text(
								seed.wrapping_add(i),
								self.bad(2) && i == n - 1,
								64,
							)),
							location: location(seed.rotate_left(i as u32), self.bad(3) && i == 0),
							attributes: None,
							parent: parent(p1.wrapping_add(i as u16)),
						})
						.collect();
					(
						signer,
						pallet_city_codes::Call::issue_codes_batch {
							class,
							codes: BoundedVec::truncate_from(codes),
						}
						.into(),
					)
				}
			},
			kind => unreachable!("{kind:?} is not an issuing call"),
		}
	}

	/// A call on an existing code, by its owner's (or the receiving department's) members.
	fn code_life_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		match a.kind {
			UpdateCode | LinkAsset | UnlinkAsset | OfferCode | SuspendCode | RetireCode => {
				let linked = state::codes_where(|c| !c.assets.is_empty());
				let code = match a.kind {
					UnlinkAsset => nth(&linked, p0).unwrap_or_else(|| self.code(p0)),
					_ => self.code(p0),
				};
				let record = state::code(code);
				let owner = record.as_ref().map(|c| c.owner).unwrap_or(0);
				let (roles, call): (&[Role], RuntimeCall) = match a.kind {
					UpdateCode => (
						&[Role::Steward, Role::Operator],
						pallet_city_codes::Call::update_code {
							code,
							name: bounded(display_text(seed, self.bad(2), 64)),
							location: location(seed, self.bad(3)),
							attributes: seed.is_multiple_of(2).then(|| self.hash()),
						}
						.into(),
					),
					LinkAsset => {
						let asset = match (self.bad(4), nth(&state::department_assets(owner), p2)) {
							(false, Some(asset)) => asset,
							_ => self.asset(p2),
						};
						(
							&[Role::Steward, Role::Operator],
							pallet_city_codes::Call::link_asset { code, asset }.into(),
						)
					},
					UnlinkAsset => {
						let linked = record.as_ref().map(|c| c.assets.to_vec()).unwrap_or_default();
						let asset = nth(&linked, p2).unwrap_or_else(|| self.asset(p2));
						(
							&[Role::Steward, Role::Operator],
							pallet_city_codes::Call::unlink_asset { code, asset }.into(),
						)
					},
					OfferCode => (
						&[Role::Steward],
						pallet_city_codes::Call::offer_transfer {
							code,
							to: self.other_department_with(owner, &[Role::Steward], p2),
						}
						.into(),
					),
					SuspendCode => {
						(&[Role::Steward], pallet_city_codes::Call::suspend_code { code }.into())
					},
					_ => (&[Role::Steward], pallet_city_codes::Call::retire_code { code }.into()),
				};
				(self.member(owner, roles, p1), call)
			},
			CancelCodeOffer | AcceptCode | ReactivateCode => {
				let candidates = if a.kind == ReactivateCode {
					state::codes_where(|c| c.status == pallet_city_codes::CodeStatus::Suspended)
				} else {
					state::codes_where(|c| c.transfer_to.is_some())
				};
				let code = nth(&candidates, p0).unwrap_or_else(|| self.code(p0));
				let record = state::code(code);
				let owner = record.as_ref().map(|c| c.owner).unwrap_or(0);
				let to = record.and_then(|c| c.transfer_to).unwrap_or(owner);
				let (department, call): (_, RuntimeCall) = match a.kind {
					AcceptCode => (to, pallet_city_codes::Call::accept_transfer { code }.into()),
					CancelCodeOffer => (
						if seed.is_multiple_of(2) { owner } else { to },
						pallet_city_codes::Call::cancel_transfer { code }.into(),
					),
					_ => (owner, pallet_city_codes::Call::reactivate_code { code }.into()),
				};
				(self.member(department, &[Role::Steward], p1), call)
			},
			kind => unreachable!("{kind:?} is not a call on a code"),
		}
	}
}

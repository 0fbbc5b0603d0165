//! Dissolving a department: each pallet's share of ending what it holds.
//!
//! `pallet-departments` drives a dissolution (`dissolve_department`, then `on_idle` or
//! `continue_dissolution` block after block); every pallet that keeps records of departments
//! implements [`Offboarding`] and ends, hands over or retires them one item at a time, as far as
//! the [`WeightMeter`] it is given allows. Each call starts where the last one stopped, so a
//! dissolution of any size is a series of bounded steps. [`offboard_each`] is the loop every
//! share is made of; [`hand_over_or_retire`] the one of records a department owns
//! ([`OwnedRecords`]: data assets and city codes).

use crate::{DepartmentId, LegalHolds, RecordId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::{Weight, WeightMeter};
use scale_info::TypeInfo;
use serde::Serialize;
use sp_runtime::{DispatchError, DispatchResult};

/// How far one pallet got in a step.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Offboarded {
	/// Nothing of the department is left in this pallet.
	Finished,
	/// The meter cannot pay for the next item: the next step goes on from there.
	OutOfWeight,
	/// The next item is under a legal hold, which nothing may end or move: the dissolution
	/// waits until the hold on this record is lifted.
	Held(RecordId),
}

/// What a dissolution ended or handed over so far, by kind: the summary its final event
/// carries.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
)]
#[serde(rename_all = "camelCase")]
pub struct OffboardCounts {
	/// Grants the department gave or received, ended (deposits back to their payers).
	pub grants_ended: u32,
	/// Open requests it made or had to decide, purged (deposits back).
	pub requests_purged: u32,
	/// Its assets (retired ones included) now owned by the successor.
	pub assets_handed_over: u32,
	/// Its active assets retired, there being no successor.
	pub assets_retired: u32,
	/// Its codes (retired ones included) now owned by the successor.
	pub codes_handed_over: u32,
	/// Its active or suspended codes retired, there being no successor.
	pub codes_retired: u32,
	/// Its validators removed from the set (they stop at the second session boundary).
	pub validators_removed: u32,
	/// Its members removed and invitations withdrawn (deposits back).
	pub members_removed: u32,
}

/// A pallet's share of dissolving a department.
pub trait Offboarding {
	/// Refuses a dissolution before it starts if this pallet could not end what the department
	/// holds (e.g. removing its validators would leave too few). Nothing is changed yet.
	fn can_dissolve(_department: DepartmentId, _successor: Option<DepartmentId>) -> DispatchResult {
		Ok(())
	}

	/// The most [`Self::can_dissolve`] weighs, which `dissolve_department` is charged besides
	/// its own.
	fn can_dissolve_weight() -> Weight {
		Weight::zero()
	}

	/// Ends, hands over to `successor` or retires `department`'s records in this pallet, one at
	/// a time while `meter` can pay for the next, counting them in `ended`. Emits each item's
	/// usual event. An error rolls the step back (the caller runs it in a storage layer).
	fn offboard(
		department: DepartmentId,
		successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError>;

	/// The most one item can weigh, so that a step with at least this much always makes
	/// progress.
	fn max_item_weight() -> Weight;

	/// [`Self::offboard`] of the `part`-th pallet (from 0) of a tuple, or `None` past the last:
	/// the driver keeps how many parts finished and asks only the next, so a finished pallet
	/// is not asked (and does not look through its records) again. One pallet is one part.
	fn offboard_part(
		part: u8,
		department: DepartmentId,
		successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Option<Result<Offboarded, DispatchError>> {
		(part == 0).then(|| Self::offboard(department, successor, meter, ended))
	}
}

/// Nothing to offboard.
impl Offboarding for () {
	fn offboard(
		_department: DepartmentId,
		_successor: Option<DepartmentId>,
		_meter: &mut WeightMeter,
		_ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		Ok(Offboarded::Finished)
	}

	fn max_item_weight() -> Weight {
		Weight::zero()
	}
}

/// Pallets in order: each finishes before the next starts. [`Offboarding::offboard`] asks the
/// finished ones again; the driver uses [`Offboarding::offboard_part`], which does not.
macro_rules! impl_offboarding_for_tuple {
	($($part:ident),+) => {
		impl<$($part: Offboarding),+> Offboarding for ($($part,)+) {
			fn can_dissolve(
				department: DepartmentId,
				successor: Option<DepartmentId>,
			) -> DispatchResult {
				$($part::can_dissolve(department, successor)?;)+
				Ok(())
			}

			fn can_dissolve_weight() -> Weight {
				Weight::zero()$(.saturating_add($part::can_dissolve_weight()))+
			}

			fn offboard(
				department: DepartmentId,
				successor: Option<DepartmentId>,
				meter: &mut WeightMeter,
				ended: &mut OffboardCounts,
			) -> Result<Offboarded, DispatchError> {
				$(
					match $part::offboard(department, successor, meter, ended)? {
						Offboarded::Finished => {},
						unfinished => return Ok(unfinished),
					}
				)+
				Ok(Offboarded::Finished)
			}

			fn max_item_weight() -> Weight {
				Weight::zero()$(.max($part::max_item_weight()))+
			}

			#[allow(unused_assignments)]
			fn offboard_part(
				part: u8,
				department: DepartmentId,
				successor: Option<DepartmentId>,
				meter: &mut WeightMeter,
				ended: &mut OffboardCounts,
			) -> Option<Result<Offboarded, DispatchError>> {
				let mut index = 0u8;
				$(
					if part == index {
						return Some($part::offboard(department, successor, meter, ended));
					}
					index = index.saturating_add(1);
				)+
				None
			}
		}
	};
}

impl_offboarding_for_tuple!(A);
impl_offboarding_for_tuple!(A, B);
impl_offboarding_for_tuple!(A, B, C);
impl_offboarding_for_tuple!(A, B, C, D);
impl_offboarding_for_tuple!(A, B, C, D, E);

/// Runs `item` for each of `items` while `meter` can pay `weight_of` it: the loop every
/// pallet's [`Offboarding::offboard`] is made of. `items` yields each next item lazily (one
/// read each); an item `item` finds held stops the step with [`Offboarded::Held`]. The look at
/// the item a step stops at (one that does not fit, or is held) is not charged here: it is part
/// of the step's own weight, which is measured with each pallet looking once.
pub fn offboard_each<Item>(
	items: impl Iterator<Item = Item>,
	meter: &mut WeightMeter,
	weight_of: impl Fn(&Item) -> Weight,
	mut item: impl FnMut(Item) -> Result<Option<RecordId>, DispatchError>,
) -> Result<Offboarded, DispatchError> {
	for next in items {
		let weight = weight_of(&next);
		if !meter.can_consume(weight) {
			return Ok(Offboarded::OutOfWeight);
		}
		if let Some(held) = item(next)? {
			return Ok(Offboarded::Held(held));
		}
		meter.consume(weight);
	}
	Ok(Offboarded::Finished)
}

/// Records a department owns that its dissolution hands to the successor or, without one,
/// retires, one record per item: data assets and city codes. Retired records (tombstones) are
/// handed over too, or else passed over. [`hand_over_or_retire`] is the loop; a pallet says
/// where its records are and what each takes.
pub trait OwnedRecords {
	/// The record's id.
	type Id: Copy;
	/// The stored record.
	type Record;
	/// Records under legal hold, which the loop stops at.
	type LegalHolds: LegalHolds;

	/// The id under which the record can be held.
	fn record_id(id: Self::Id) -> RecordId;
	/// `department`'s records after `after` (all of them for `None`), in storage order, each
	/// read lazily.
	fn owned_after(
		department: DepartmentId,
		after: Option<Self::Id>,
	) -> impl Iterator<Item = (Self::Id, Self::Record)>;
	/// Where the last step stopped among `department`'s records.
	fn cursor(department: DepartmentId) -> Option<Self::Id>;
	/// Keeps where this step stopped; `None` clears it, as the records are done.
	fn set_cursor(department: DepartmentId, cursor: Option<Self::Id>);
	/// Whether the record is retired already.
	fn is_retired(record: &Self::Record) -> bool;
	/// What handing one record over weighs.
	fn hand_over_weight() -> Weight;
	/// What retiring `record` weighs.
	fn retire_weight(record: &Self::Record) -> Weight;
	/// What passing a tombstone over weighs (reading it).
	fn pass_over_weight() -> Weight;
	/// Makes `to` the owner of the record at once; its deposit stays with whoever paid it.
	fn hand_over(id: Self::Id, record: Self::Record, to: DepartmentId);
	/// Retires the record, owned by `department`, as its owner would.
	fn retire(department: DepartmentId, id: Self::Id) -> DispatchResult;
}

/// Hands over or retires `department`'s records of `R` while `meter` allows, starting after
/// where the last step stopped and keeping where this one stops, counting them in
/// `handed_over` or `retired`. A record under legal hold stops the step.
pub fn hand_over_or_retire<R: OwnedRecords>(
	department: DepartmentId,
	successor: Option<DepartmentId>,
	meter: &mut WeightMeter,
	handed_over: &mut u32,
	retired: &mut u32,
) -> Result<Offboarded, DispatchError> {
	let weight_of = |(_, record): &(R::Id, R::Record)| match successor {
		Some(_) => R::hand_over_weight(),
		None if R::is_retired(record) => R::pass_over_weight(),
		None => R::retire_weight(record),
	};
	let mut last = None;
	let records = R::owned_after(department, R::cursor(department));
	let outcome = offboard_each(records, meter, weight_of, |(id, record)| {
		let held = R::record_id(id);
		if R::LegalHolds::is_held(held) {
			return Ok(Some(held));
		}
		match successor {
			Some(to) => {
				R::hand_over(id, record, to);
				*handed_over = handed_over.saturating_add(1);
			},
			None if R::is_retired(&record) => {},
			None => {
				R::retire(department, id)?;
				*retired = retired.saturating_add(1);
			},
		}
		last = Some(id);
		Ok(None)
	})?;
	match (outcome, last) {
		(Offboarded::Finished, _) => R::set_cursor(department, None),
		(_, Some(last)) => R::set_cursor(department, Some(last)),
		(_, None) => {},
	}
	Ok(outcome)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn offboard_each_stops_when_the_meter_cannot_pay_the_next_item() {
		let mut meter = WeightMeter::with_limit(Weight::from_parts(25, 0));
		let mut done = alloc::vec::Vec::new();
		let outcome = offboard_each(
			1..=5u32,
			&mut meter,
			|_| Weight::from_parts(10, 0),
			|n| {
				done.push(n);
				Ok(None)
			},
		);
		assert_eq!(outcome, Ok(Offboarded::OutOfWeight));
		assert_eq!(done, [1, 2]);
		assert_eq!(meter.consumed(), Weight::from_parts(20, 0));
	}

	#[test]
	fn offboard_each_stops_at_a_held_item_without_charging_it() {
		let mut meter = WeightMeter::new();
		let outcome = offboard_each(
			1..=5u32,
			&mut meter,
			|_| Weight::from_parts(10, 0),
			|n| Ok((n == 3).then_some(RecordId::Asset(n.into()))),
		);
		assert_eq!(outcome, Ok(Offboarded::Held(RecordId::Asset(3))));
		assert_eq!(meter.consumed(), Weight::from_parts(20, 0));
	}

	#[test]
	fn a_tuple_runs_its_parts_in_order_and_stops_at_the_first_unfinished() {
		struct Done;
		impl Offboarding for Done {
			fn offboard(
				_: DepartmentId,
				_: Option<DepartmentId>,
				_: &mut WeightMeter,
				ended: &mut OffboardCounts,
			) -> Result<Offboarded, DispatchError> {
				ended.grants_ended += 1;
				Ok(Offboarded::Finished)
			}
			fn max_item_weight() -> Weight {
				Weight::from_parts(5, 1)
			}
		}
		struct Tired;
		impl Offboarding for Tired {
			fn offboard(
				_: DepartmentId,
				_: Option<DepartmentId>,
				_: &mut WeightMeter,
				ended: &mut OffboardCounts,
			) -> Result<Offboarded, DispatchError> {
				ended.assets_retired += 1;
				Ok(Offboarded::OutOfWeight)
			}
			fn max_item_weight() -> Weight {
				Weight::from_parts(3, 7)
			}
		}
		let mut ended = OffboardCounts::default();
		let outcome = <(Done, Tired, Done)>::offboard(0, None, &mut WeightMeter::new(), &mut ended);
		assert_eq!(outcome, Ok(Offboarded::OutOfWeight));
		assert_eq!((ended.grants_ended, ended.assets_retired), (1, 1));
		assert_eq!(<(Done, Tired)>::max_item_weight(), Weight::from_parts(5, 7));

		// Part by part, only the one asked for runs.
		let mut ended = OffboardCounts::default();
		let mut meter = WeightMeter::new();
		let part = |n, ended: &mut _, meter: &mut _| {
			<(Done, Tired, Done)>::offboard_part(n, 0, None, meter, ended)
		};
		assert_eq!(part(1, &mut ended, &mut meter), Some(Ok(Offboarded::OutOfWeight)));
		assert_eq!((ended.grants_ended, ended.assets_retired), (0, 1));
		assert_eq!(part(2, &mut ended, &mut meter), Some(Ok(Offboarded::Finished)));
		assert_eq!((ended.grants_ended, ended.assets_retired), (1, 1));
		assert_eq!(part(3, &mut ended, &mut meter), None);
		assert_eq!(Done::offboard_part(1, 0, None, &mut meter, &mut ended), None);
		assert_eq!(ended.grants_ended, 1);
	}
}

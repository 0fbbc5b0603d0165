//! Weights for `pallet_legal_holds`, measured by frame-benchmarking.
//!
//! NOT MEASURED YET (2026-12-07, issue 20): entered by hand from the accesses below and the
//! measured time of calls with the same accesses (`validator_set`'s and `city_codes`' smallest);
//! run `scripts/benchmark-weights legal-holds` to replace them.
//!
//! `SubstrateWeight<T>` prices database accesses with the runtime's `T::DbWeight` (ParityDB);
//! `()` uses `ParityDbWeight` directly, for mocks.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(dead_code)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_legal_holds`.
pub trait WeightInfo {
	fn place_hold() -> Weight;
	fn lift_hold() -> Weight;
}

/// Weights for `pallet_legal_holds` measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Departments::Departments` (r:1 w:0)
	/// Proof: `Departments::Departments` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `LegalHolds::Holds` (r:1 w:1)
	/// Proof: `LegalHolds::Holds` (`max_values`: None, `max_size`: Some(62), added: 2537, mode: `MaxEncodedLen`)
	/// Storage: `LegalHolds::CounterForHolds` (r:1 w:1)
	/// Proof: `LegalHolds::CounterForHolds` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn place_hold() -> Weight {
		Weight::from_parts(30_000_000, 3565)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `LegalHolds::Holds` (r:1 w:1)
	/// Proof: `LegalHolds::Holds` (`max_values`: None, `max_size`: Some(62), added: 2537, mode: `MaxEncodedLen`)
	/// Storage: `LegalHolds::CounterForHolds` (r:1 w:1)
	/// Proof: `LegalHolds::CounterForHolds` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn lift_hold() -> Weight {
		Weight::from_parts(25_000_000, 3527)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For mocks: the same weights, with ParityDB's database weights.
impl WeightInfo for () {
	fn place_hold() -> Weight {
		Weight::from_parts(30_000_000, 3565)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn lift_hold() -> Weight {
		Weight::from_parts(25_000_000, 3527)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}

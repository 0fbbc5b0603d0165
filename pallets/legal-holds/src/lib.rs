#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use city_primitives::{LegalHolds, RecordId};
pub use pallet::*;
pub use weights::WeightInfo;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// A hold on one record: the case it serves and when it was placed.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Hold<BlockNumber> {
	/// The hash of the case file or order the hold serves (kept off chain by the council).
	pub case: H256,
	/// The block in which the hold was placed.
	pub placed_at: BlockNumber,
}

/// A hold as stored.
pub type HoldOf<T> = Hold<frame_system::pallet_prelude::BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who places and lifts holds: the council.
		type HoldOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The records that exist (departments, data assets, city codes, retired ones
		/// included): only those can be held.
		type Records: Contains<RecordId>;

		/// The most holds in place at once: bounds this pallet's storage, which nobody pays a
		/// deposit for (only the council writes it).
		#[pallet::constant]
		type MaxHolds: Get<u32>;

		/// Weight information for extrinsics in this pallet.
		type WeightInfo: WeightInfo;

		/// Sets up a department to hold in the benchmarks (this pallet cannot create one).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: city_primitives::BenchmarkHelper<Self::AccountId>;
	}

	/// The holds in place, by record; at most `MaxHolds`.
	#[pallet::storage]
	pub type Holds<T: Config> = CountedStorageMap<_, Blake2_128Concat, RecordId, HoldOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record was placed under legal hold: nothing retires, purges, transfers or
		/// downgrades it (for a department: anything it owns or is party to) until it is
		/// lifted.
		HoldPlaced {
			/// The held record.
			record: RecordId,
			/// The hash of the case file or order.
			case: H256,
		},
		/// A hold was lifted.
		HoldLifted {
			/// The record that was held.
			record: RecordId,
			/// The case the hold served.
			case: H256,
			/// When the hold was placed.
			placed_at: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No department, data asset or city code has this id.
		UnknownRecord,
		/// The record is already held: lift that hold first to place it for another case.
		AlreadyHeld,
		/// The record is not held.
		NotHeld,
		/// `MaxHolds` holds are in place already.
		TooManyHolds,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Place a record under legal hold.
		///
		/// While it is held, no call retires, purges, transfers or downgrades it: a held data
		/// asset is not retired, offered, accepted or lowered in classification, and its
		/// requests and ended grants are not purged; a held city code is not retired, offered
		/// or accepted; a held department's assets, codes, requests and grants (as owner,
		/// requester or grantee) are all held. Reading, granting, revoking and recording
		/// accesses keep working.
		///
		/// The dispatch origin for this call must be [`Config::HoldOrigin`] (the council).
		///
		/// - `record`: the department, data asset or city code; it must exist (retired ones
		///   do).
		/// - `case`: the hash of the case file or order the hold serves.
		///
		/// # Events
		/// - `HoldPlaced`.
		///
		/// # Errors
		/// - `BadOrigin`: not the hold origin.
		/// - `UnknownRecord`: no such record.
		/// - `AlreadyHeld`: the record is held already.
		/// - `TooManyHolds`: `MaxHolds` holds are in place.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::place_hold())]
		pub fn place_hold(origin: OriginFor<T>, record: RecordId, case: H256) -> DispatchResult {
			T::HoldOrigin::ensure_origin(origin)?;
			ensure!(T::Records::contains(&record), Error::<T>::UnknownRecord);
			ensure!(!Holds::<T>::contains_key(record), Error::<T>::AlreadyHeld);
			ensure!(Holds::<T>::count() < T::MaxHolds::get(), Error::<T>::TooManyHolds);

			let placed_at = frame_system::Pallet::<T>::block_number();
			Holds::<T>::insert(record, Hold { case, placed_at });
			Self::deposit_event(Event::HoldPlaced { record, case });
			Ok(())
		}

		/// Lift a legal hold: the record may be retired, purged, transferred or downgraded
		/// again.
		///
		/// The dispatch origin for this call must be [`Config::HoldOrigin`] (the council).
		///
		/// - `record`: the held record.
		///
		/// # Events
		/// - `HoldLifted`, with the case and when the hold was placed.
		///
		/// # Errors
		/// - `BadOrigin`: not the hold origin.
		/// - `NotHeld`: the record is not held.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::lift_hold())]
		pub fn lift_hold(origin: OriginFor<T>, record: RecordId) -> DispatchResult {
			T::HoldOrigin::ensure_origin(origin)?;
			let hold = Holds::<T>::take(record).ok_or(Error::<T>::NotHeld)?;

			Self::deposit_event(Event::HoldLifted {
				record,
				case: hold.case,
				placed_at: hold.placed_at,
			});
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> LegalHolds for Pallet<T> {
		fn is_held(record: RecordId) -> bool {
			Holds::<T>::contains_key(record)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The invariants, checked by `try_state` and after every test:
		///
		/// 1. At most `MaxHolds` holds, and the counter matches the entries.
		/// 2. Every held record exists.
		/// 3. No hold was placed in the future.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let mut entries: u32 = 0;
			let now = frame_system::Pallet::<T>::block_number();
			for (record, hold) in Holds::<T>::iter() {
				entries = entries.saturating_add(1);
				ensure!(T::Records::contains(&record), "a held record does not exist");
				ensure!(hold.placed_at <= now, "a hold placed in the future");
			}
			ensure!(entries == Holds::<T>::count(), "the hold counter does not match");
			ensure!(entries <= T::MaxHolds::get(), "more holds than MaxHolds");
			Ok(())
		}
	}
}

//! This pallet's share of dissolving a department ([`Offboarding`]): each of its assets,
//! retired ones included, goes to the successor (as in an accepted transfer, `AssetTransferred`;
//! the deposit stays with whoever paid it), or without a successor each active one is retired
//! (`AssetRetired`, the tombstone keeps its deposit). A pending offer is withdrawn. An asset
//! under legal hold stops the step. [`OffboardCursor`] keeps the place between steps, so
//! tombstones are passed over once.

use crate::{
	AssetId, AssetRecordOf, Assets, AssetsByDepartment, Config, DepartmentId, Event,
	OffboardCursor, Pallet, WeightInfo,
};
use city_primitives::{
	offboarding::{hand_over_or_retire, OwnedRecords},
	OffboardCounts, Offboarded, Offboarding, RecordId,
};
use frame_support::{
	traits::Get,
	weights::{Weight, WeightMeter},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Offboarding for Pallet<T> {
	fn offboard(
		department: DepartmentId,
		successor: Option<DepartmentId>,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		hand_over_or_retire::<Self>(
			department,
			successor,
			meter,
			&mut ended.assets_handed_over,
			&mut ended.assets_retired,
		)
	}

	fn max_item_weight() -> Weight {
		T::WeightInfo::offboard_asset_hand_over()
			.max(T::WeightInfo::offboard_asset_retire(T::MaxVersions::get()))
	}
}

impl<T: Config> OwnedRecords for Pallet<T> {
	type Id = AssetId;
	type Record = AssetRecordOf<T>;
	type LegalHolds = T::LegalHolds;

	fn record_id(asset: AssetId) -> RecordId {
		RecordId::Asset(asset)
	}

	fn owned_after(
		department: DepartmentId,
		after: Option<AssetId>,
	) -> impl Iterator<Item = (AssetId, AssetRecordOf<T>)> {
		let assets = match after {
			None => AssetsByDepartment::<T>::iter_key_prefix(department),
			Some(last) => AssetsByDepartment::<T>::iter_key_prefix_from(
				department,
				AssetsByDepartment::<T>::hashed_key_for(department, last),
			),
		};
		assets.filter_map(|asset| Assets::<T>::get(asset).map(|record| (asset, record)))
	}

	fn cursor(department: DepartmentId) -> Option<AssetId> {
		OffboardCursor::<T>::get(department)
	}

	fn set_cursor(department: DepartmentId, cursor: Option<AssetId>) {
		OffboardCursor::<T>::set(department, cursor);
	}

	fn is_retired(record: &AssetRecordOf<T>) -> bool {
		record.retired_at.is_some()
	}

	fn hand_over_weight() -> Weight {
		T::WeightInfo::offboard_asset_hand_over()
	}

	fn retire_weight(record: &AssetRecordOf<T>) -> Weight {
		T::WeightInfo::offboard_asset_retire(record.latest_version)
	}

	fn pass_over_weight() -> Weight {
		T::DbWeight::get().reads(2)
	}

	/// As an accepted transfer would, withdrawing a pending offer.
	fn hand_over(asset: AssetId, mut record: AssetRecordOf<T>, to: DepartmentId) {
		if let Some(offered_to) = record.offered_to {
			Self::deposit_event(Event::TransferCancelled {
				asset,
				to: offered_to,
				by: record.owner,
			});
		}
		// Saturating: a dissolution never fails. Grants and requests on the asset were ended
		// before, so no period of ownership is confused.
		record.transfers = record.transfers.saturating_add(1);
		Self::record_new_owner(asset, record, to);
	}

	fn retire(department: DepartmentId, asset: AssetId) -> DispatchResult {
		Self::do_retire_asset(department, asset).map(|_| ())
	}
}

//! What describes an asset without changing its content: metadata and classification.

use crate::{
	AssetId, Assets, Classification, Config, DepartmentId, Error, Event, MetadataOf, Pallet,
};
use city_primitives::LegalHolds as _;
use city_primitives::OversightBody;
use frame_support::{ensure, pallet_prelude::DispatchResult};

impl<T: Config> Pallet<T> {
	/// Replaces the name, media type, metadata hash and tags of `asset`, owned by `department`.
	/// For `update_metadata`.
	pub(crate) fn do_update_metadata(
		department: DepartmentId,
		asset: AssetId,
		metadata: MetadataOf<T>,
	) -> DispatchResult {
		let mut record = Self::owned_active_asset(department, asset)?;
		let metadata = Self::checked_metadata(metadata)?;
		let unchanged = record.name == metadata.name
			&& record.media_type == metadata.media_type
			&& record.metadata_hash == metadata.metadata_hash
			&& record.tags == metadata.tags;
		ensure!(!unchanged, Error::<T>::MetadataUnchanged);

		record.name = metadata.name;
		record.media_type = metadata.media_type;
		record.metadata_hash = metadata.metadata_hash;
		record.tags = metadata.tags;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::MetadataUpdated { asset });
		Ok(())
	}

	/// Gives `asset` another classification, `by` its owner (`set_classification`) or the
	/// oversight office (`declassify`). The two-party rule for `Restricted` data holds here,
	/// for every caller: only the office lowers a `Restricted` asset, and it lowers nothing
	/// else.
	pub(crate) fn do_set_classification(
		by: ClassifiedBy,
		asset: AssetId,
		classification: Classification,
	) -> DispatchResult {
		let mut record = match by {
			ClassifiedBy::Owner(department) => Self::owned_active_asset(department, asset)?,
			ClassifiedBy::Oversight => {
				let record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.retired_at.is_none(), Error::<T>::AssetRetired);
				ensure!(
					record.classification == Classification::Restricted,
					Error::<T>::NotRestricted
				);
				ensure!(
					T::OversightBody::is_independent_of::<T::Departments>(&[record.owner]),
					Error::<T>::OversightNotIndependent
				);
				record
			},
		};
		let old = record.classification;
		ensure!(old != classification, Error::<T>::ClassificationUnchanged);
		let lowers_restricted = old == Classification::Restricted && classification < old;
		ensure!(
			!lowers_restricted || by == ClassifiedBy::Oversight,
			Error::<T>::DowngradeNeedsOversight
		);
		ensure!(
			classification > old || !T::LegalHolds::asset_held(asset, &[record.owner]),
			Error::<T>::UnderLegalHold
		);

		record.classification = classification;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::ClassificationChanged { asset, old, new: classification });
		Ok(())
	}
}

/// Who changes an asset's classification.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ClassifiedBy {
	/// A Steward of the owning department.
	Owner(DepartmentId),
	/// The data protection oversight office.
	Oversight,
}

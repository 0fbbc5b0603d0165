//! What describes an asset without changing its content: metadata and classification.

use crate::{
	AssetId, Assets, Classification, Config, DepartmentId, Error, Event, MetadataOf, Pallet,
};
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

	/// Gives `asset`, owned by `department`, another classification. For `set_classification`.
	pub(crate) fn do_set_classification(
		department: DepartmentId,
		asset: AssetId,
		classification: Classification,
	) -> DispatchResult {
		let mut record = Self::owned_active_asset(department, asset)?;
		let old = record.classification;
		ensure!(old != classification, Error::<T>::ClassificationUnchanged);

		record.classification = classification;
		Assets::<T>::insert(asset, record);
		Self::deposit_event(Event::ClassificationChanged { asset, old, new: classification });
		Ok(())
	}
}

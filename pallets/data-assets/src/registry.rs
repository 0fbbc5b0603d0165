//! How other pallets see assets: [`AssetRegistry`], from `city-primitives`.

use crate::{AssetId, AssetInfo, AssetRegistry, Assets, Config, Pallet};

impl<T: Config> AssetRegistry<T::AccountId> for Pallet<T> {
	fn asset_info(asset: AssetId) -> Option<AssetInfo> {
		Assets::<T>::get(asset).map(|record| AssetInfo {
			owner: record.owner,
			classification: record.classification,
			active: record.retired_at.is_none(),
			transfers: record.transfers,
		})
	}
}

//! Data assets: registration, updates and transfers, by a steward of the owning (or receiving)
//! department.

use super::{
	inputs::{bounded, classification, display_text, media_type, nth, tags, uri},
	plan::Kind,
	resolver::{Resolved, Resolver},
	state,
};
use crate::RuntimeCall;
use city_primitives::Role;
use frame_support::BoundedVec;

impl Resolver<'_> {
	/// A `pallet_data_assets` call and the steward fit to sign it.
	pub(super) fn data_assets_call(&self) -> Resolved {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let (fitting, call): (Option<usize>, RuntimeCall) = match a.kind {
			RegisterAsset => {
				let department = self.department_with(&[Role::Steward], p0);
				(
					self.member(department, &[Role::Steward], p1),
					pallet_data_assets::Call::register_asset {
						name: bounded(display_text(
							seed,
							self.bad(2) && seed.is_multiple_of(3),
							128,
						)),
						content: self.content(p2),
						size: if self.bad(3) { u64::MAX } else { seed % 1_000_000 },
						media_type: bounded(media_type(seed, self.bad(2) && seed % 3 == 1)),
						classification: classification(seed >> 8),
						location: bounded(uri(seed, self.bad(2) && seed % 3 == 2)),
						metadata_hash: seed
							.is_multiple_of(2)
							.then(|| self.content(p2.wrapping_add(1))),
						tags: BoundedVec::truncate_from(
							tags(seed >> 4, self.bad(3)).into_iter().map(bounded).collect(),
						),
					}
					.into(),
				)
			},
			UpdateAsset | UpdateMetadata | SetClassification | OfferAsset | RetireAsset => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				let call: RuntimeCall = match a.kind {
					UpdateAsset => pallet_data_assets::Call::update_asset {
						asset,
						content: self.content(p2),
						size: seed % 1_000_000,
						location: bounded(uri(seed, self.bad(2))),
					}
					.into(),
					UpdateMetadata => pallet_data_assets::Call::update_metadata {
						asset,
						name: bounded(display_text(
							seed,
							self.bad(2) && seed.is_multiple_of(3),
							128,
						)),
						media_type: bounded(media_type(seed, self.bad(2) && seed % 3 == 1)),
						metadata_hash: seed.is_multiple_of(2).then(|| self.content(p2)),
						tags: BoundedVec::truncate_from(
							tags(seed >> 4, self.bad(3)).into_iter().map(bounded).collect(),
						),
					}
					.into(),
					SetClassification => pallet_data_assets::Call::set_classification {
						asset,
						classification: classification(seed),
					}
					.into(),
					OfferAsset => pallet_data_assets::Call::offer_transfer {
						asset,
						to: self.other_department_with(owner, &[Role::Steward], p2),
					}
					.into(),
					_ => pallet_data_assets::Call::retire_asset { asset }.into(),
				};
				(self.member(owner, &[Role::Steward], p1), call)
			},
			CancelAssetOffer | AcceptAsset => {
				let asset = nth(&state::offered_assets(), p0).unwrap_or_else(|| self.asset(p0));
				let record = state::asset(asset);
				let owner = record.as_ref().map(|a| a.owner).unwrap_or(0);
				let to = record.and_then(|a| a.offered_to).unwrap_or(owner);
				let (department, call): (_, RuntimeCall) = if a.kind == AcceptAsset {
					(to, pallet_data_assets::Call::accept_transfer { asset }.into())
				} else {
					(
						if seed.is_multiple_of(2) { owner } else { to },
						pallet_data_assets::Call::cancel_transfer { asset }.into(),
					)
				};
				(self.member(department, &[Role::Steward], p1), call)
			},
			kind => unreachable!("{kind:?} is not a data-assets call"),
		};
		Resolved::Fitting(fitting, call)
	}
}

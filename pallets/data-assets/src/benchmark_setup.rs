//! Set-up for benchmarks (this pallet's, and other pallets' through the runtime's
//! `BenchmarkHelper`): assets with the largest fields the config allows.

#[cfg(feature = "runtime-benchmarks")]
use crate::{
	AssetId, Classification, Config, ContentHash, DepartmentRegistry, HashAlgorithm, LocationOf,
	Metadata, MetadataOf, NewContent, NextAssetId, Pallet, Role, TagOf,
};
#[cfg(feature = "runtime-benchmarks")]
use alloc::vec::Vec;
#[cfg(feature = "runtime-benchmarks")]
use frame_support::pallet_prelude::{DispatchError, Get};

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Registers, through the same path as `register_asset` (deposit included), an asset of
	/// `steward`'s department with the largest fields the config allows and a digest unique
	/// to its id. `steward` must be a Steward of an active department. The runtime's
	/// `BenchmarkHelper` offers it to other pallets' benchmarks.
	pub fn benchmark_asset(
		steward: &T::AccountId,
		classification: Classification,
	) -> Result<AssetId, DispatchError> {
		let owner = T::Departments::ensure_role(steward, &[Role::Steward])?;
		let metadata = Self::benchmark_metadata(b'a')?;
		let new = Self::benchmark_content(NextAssetId::<T>::get())?;
		Self::do_register_asset(steward, owner, metadata, classification, new, true)
	}

	/// Describing fields of the largest size the config allows, all valid: every byte string
	/// as long as allowed and `MaxTags` distinct tags of `MaxTagLen` bytes. `fill` (an ASCII
	/// letter) makes two sets differ.
	pub(crate) fn benchmark_metadata(fill: u8) -> Result<MetadataOf<T>, DispatchError> {
		use alloc::vec;
		let too_small = DispatchError::Other("benchmark metadata does not fit the config");
		let tag_len = T::MaxTagLen::get() as usize;
		let tags = (0..T::MaxTags::get())
			.map(|index| TagOf::<T>::try_from(benchmark_tag(index, tag_len)))
			.collect::<Result<Vec<_>, _>>()
			.map_err(|_| too_small)?;
		let mut media_type = vec![fill; T::MaxMediaTypeLen::get() as usize];
		if let Some(slash) = media_type.get_mut(1) {
			*slash = b'/';
		}
		Ok(Metadata {
			name: vec![fill; T::MaxNameLen::get() as usize].try_into().map_err(|_| too_small)?,
			media_type: media_type.try_into().map_err(|_| too_small)?,
			metadata_hash: Some(ContentHash {
				algorithm: HashAlgorithm::Sha2_256,
				digest: [fill; 32],
			}),
			tags: tags.try_into().map_err(|_| too_small)?,
		})
	}

	/// Content with a digest unique to `seed` and a location as long as allowed.
	pub(crate) fn benchmark_content(seed: u64) -> Result<NewContent<LocationOf<T>>, DispatchError> {
		use frame_support::Hashable;
		let mut preimage = b"citychain benchmark content".to_vec();
		preimage.extend_from_slice(&seed.to_le_bytes());
		Ok(NewContent {
			content: ContentHash {
				algorithm: HashAlgorithm::Blake2_256,
				digest: preimage.blake2_256(),
			},
			size: u64::MAX,
			location: alloc::vec![b'l'; T::MaxLocationLen::get() as usize]
				.try_into()
				.map_err(|_| DispatchError::Other("benchmark location does not fit"))?,
		})
	}
}

/// Tag number `index` as exactly `len` base-26 digits `a`-`z`, most significant first: distinct
/// for every `index < 26^len`, so a benchmark gets `MaxTags` distinct tags of `MaxTagLen` bytes.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_tag(index: u32, len: usize) -> alloc::vec::Vec<u8> {
	const DIGITS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
	let mut tag = alloc::vec![DIGITS[0]; len];
	let mut rest = index;
	for byte in tag.iter_mut().rev() {
		if rest == 0 {
			break;
		}
		*byte = DIGITS.get((rest % 26) as usize).copied().unwrap_or(DIGITS[0]);
		rest /= 26;
	}
	tag
}

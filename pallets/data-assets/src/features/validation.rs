//! Checks of the fields a Steward writes: name, media type, tags and location.

use crate::{Config, Error, LocationOf, MetadataOf, Pallet};
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Checks an asset's describing fields: name, media type and tags.
	pub(crate) fn checked_metadata(metadata: MetadataOf<T>) -> Result<MetadataOf<T>, Error<T>> {
		ensure!(city_primitives::is_display_text(&metadata.name), Error::<T>::InvalidName);
		ensure!(is_valid_media_type(&metadata.media_type), Error::<T>::InvalidMediaType);
		for (index, tag) in metadata.tags.iter().enumerate() {
			ensure!(city_primitives::is_display_text(tag), Error::<T>::InvalidTag);
			// At most `MaxTags` tags: a bounded quadratic check.
			ensure!(!metadata.tags.iter().take(index).any(|t| t == tag), Error::<T>::DuplicateTag);
		}
		Ok(metadata)
	}

	/// Checks that a location is non-empty printable ASCII without spaces.
	pub(crate) fn checked_location(location: LocationOf<T>) -> Result<LocationOf<T>, Error<T>> {
		let valid = !location.is_empty() && location.iter().all(u8::is_ascii_graphic);
		ensure!(valid, Error::<T>::InvalidLocation);
		Ok(location)
	}
}

/// Whether `media_type` is `type/subtype`, each part an RFC 6838 restricted name: an ASCII
/// letter or digit, then ASCII letters, digits and ``!#$&-^_.+``. No parameters (`; charset=`):
/// the full description belongs in the off-chain metadata document.
pub(crate) fn is_valid_media_type(media_type: &[u8]) -> bool {
	fn is_restricted_name(part: &[u8]) -> bool {
		part.first().is_some_and(u8::is_ascii_alphanumeric)
			&& part.iter().all(|byte| byte.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(byte))
	}
	let mut parts = media_type.splitn(2, |byte| *byte == b'/');
	match (parts.next(), parts.next()) {
		(Some(kind), Some(subtype)) => is_restricted_name(kind) && is_restricted_name(subtype),
		_ => false,
	}
}

//! The `AssetRegistry` implementation other pallets read, and the encodings of the API types.

use super::*;
use crate::{AssetInfo, AssetRegistry, HashAlgorithm, Verification};
use codec::{Decode, Encode};

#[test]
fn asset_info_follows_the_asset() {
	test(|| {
		assert_eq!(DataAssets::asset_info(0), None);
		let asset = register(PW_STEWARD, b"v1");
		let info = |owner, classification, active, transfers| {
			Some(AssetInfo { owner, classification, active, transfers })
		};
		assert_eq!(
			DataAssets::asset_info(asset),
			info(PUBLIC_WORKS, Classification::Internal, true, 0)
		);

		assert_ok!(DataAssets::set_classification(
			signed(PW_STEWARD),
			asset,
			Classification::Confidential
		));
		assert_eq!(
			DataAssets::asset_info(asset),
			info(PUBLIC_WORKS, Classification::Confidential, true, 0)
		);
		assert_ok!(DataAssets::offer_transfer(signed(PW_STEWARD), asset, TRANSPORT));
		assert_ok!(DataAssets::accept_transfer(signed(TR_STEWARD), asset));
		assert_eq!(
			DataAssets::asset_info(asset),
			info(TRANSPORT, Classification::Confidential, true, 1)
		);
		// Back to the first owner: a new period of ownership, told apart by the count.
		assert_ok!(DataAssets::offer_transfer(signed(TR_STEWARD), asset, PUBLIC_WORKS));
		assert_ok!(DataAssets::accept_transfer(signed(PW_STEWARD), asset));
		assert_eq!(
			DataAssets::asset_info(asset),
			info(PUBLIC_WORKS, Classification::Confidential, true, 2)
		);
		assert_ok!(DataAssets::retire_asset(signed(PW_STEWARD), asset));
		assert_eq!(
			DataAssets::asset_info(asset),
			info(PUBLIC_WORKS, Classification::Confidential, false, 2)
		);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_assets_are_registered_like_any_other() {
	test(|| {
		let first = DataAssets::benchmark_asset(&PW_STEWARD, Classification::Restricted);
		let second = DataAssets::benchmark_asset(&PW_STEWARD, Classification::Public);
		assert_eq!((first, second), (Ok(0), Ok(1)));
		assert_eq!(held(PW_STEWARD), 2 * deposit_for(1));
		let record = crate::Assets::<Test>::get(0).unwrap();
		assert_eq!(record.name.len(), MAX_NAME_LEN as usize);
		assert_eq!(record.tags.len(), MAX_TAGS as usize);
		assert_eq!(
			DataAssets::asset_info(1),
			Some(AssetInfo {
				owner: PUBLIC_WORKS,
				classification: Classification::Public,
				active: true,
				transfers: 0,
			})
		);
		// Only for Stewards, like the call.
		assert!(DataAssets::benchmark_asset(&PW_OPERATOR, Classification::Public).is_err());
	});
}

#[test]
fn benchmark_tags_are_distinct_and_full_length() {
	let tags: Vec<_> = (0..30).map(|index| crate::benchmark_tag(index, 3)).collect();
	assert_eq!(tags[0], b"aaa".to_vec());
	assert_eq!(tags[1], b"aab".to_vec());
	assert_eq!(tags[26], b"aba".to_vec());
	for (index, tag) in tags.iter().enumerate() {
		assert_eq!(tag.len(), 3);
		assert!(!tags[..index].contains(tag));
	}
}

#[test]
fn encodings_are_stable() {
	assert_eq!(HashAlgorithm::Blake2_256.encode(), vec![0]);
	assert_eq!(HashAlgorithm::Sha2_256.encode(), vec![1]);
	assert!(HashAlgorithm::decode(&mut &[2u8][..]).is_err());
	for (verification, byte) in [
		(Verification::Match, 0u8),
		(Verification::Mismatch, 1),
		(Verification::UnknownAsset, 2),
		(Verification::UnknownVersion, 3),
	] {
		assert_eq!(verification.encode(), vec![byte]);
	}
	let content = blake(b"x");
	let mut expected = vec![0u8];
	expected.extend_from_slice(&content.digest);
	assert_eq!(content.encode(), expected);
	assert_eq!(crate::HoldReason::AssetDeposit.encode(), vec![0]);
}

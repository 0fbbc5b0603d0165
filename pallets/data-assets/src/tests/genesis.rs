//! Genesis configuration: demo assets, registered without deposit.

use super::*;
use crate::{
	Assets, AssetsByDepartment, ContentRegistrations, Error, GenesisAsset, HashAlgorithm, Versions,
};
use frame_support::assert_noop;

#[test]
fn default_genesis_has_no_assets() {
	new_test_ext().execute_with(|| {
		assert_eq!(NextAssetId::<Test>::get(), 0);
		assert_eq!(Assets::<Test>::iter().count(), 0);
		assert_ok!(crate::Pallet::<Test>::do_try_state());
	});
}

#[test]
fn genesis_registers_assets_without_deposit() {
	let assets = vec![genesis_asset(PW_STEWARD, b"a"), genesis_asset(TR_STEWARD, b"b")];
	ExtBuilder::default().assets(assets).build_and_execute(|| {
		assert_eq!(NextAssetId::<Test>::get(), 2);
		let first = Assets::<Test>::get(0).unwrap();
		assert_eq!(first.owner, PUBLIC_WORKS);
		assert_eq!(first.name, name(b"Road works"));
		assert_eq!(first.media_type, media(b"text/csv"));
		assert_eq!(first.classification, Classification::Internal);
		assert_eq!(first.metadata_hash, Some(sha(b"dcat")));
		assert_eq!(first.tags, tags(&[b"roads"]));
		assert_eq!((first.latest_version, first.registered_at), (1, 0));
		assert_eq!(first.deposit, None);
		let version = Versions::<Test>::get(0, 1).unwrap();
		assert_eq!((version.content, version.registered_by), (blake(b"a"), PW_STEWARD));
		assert_eq!(version.location, location(b"https://pw.city/roadworks.csv"));
		assert_eq!(Assets::<Test>::get(1).unwrap().owner, TRANSPORT);
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"b"), TRANSPORT), Some((1, 1)));
		assert!(AssetsByDepartment::<Test>::contains_key(TRANSPORT, 1));
		assert_eq!((held(PW_STEWARD), held(TR_STEWARD)), (0, 0));
		// New registrations continue the ids, and genesis content stays unique.
		assert_eq!(register(PW_STEWARD, b"c"), 2);
		assert_noop!(
			Registration::new(b"a").call(PW_STEWARD),
			Error::<Test>::ContentAlreadyRegistered
		);
	});
}

#[test]
fn a_genesis_assets_first_new_version_is_paid_for() {
	ExtBuilder::default().assets(vec![genesis_asset(PW_STEWARD, b"a")]).build_and_execute(|| {
		assert_ok!(add_version(PW_STEWARD_2, 0, b"a2"));
		assert_eq!(held(PW_STEWARD_2), DEPOSIT_PER_VERSION);
		assert_eq!(held(PW_STEWARD), 0);
	});
}

fn build_with(asset: GenesisAsset<AccountId>) {
	ExtBuilder::default().assets(vec![asset]).build();
}

#[test]
#[should_panic(expected = "RoleNotAllowed")]
fn genesis_refuses_a_non_steward() {
	build_with(genesis_asset(PW_OPERATOR, b"a"));
}

#[test]
#[should_panic(expected = "NotMember")]
fn genesis_refuses_a_non_member() {
	build_with(genesis_asset(OUTSIDER, b"a"));
}

#[test]
#[should_panic(expected = "invalid genesis asset 1")]
fn genesis_refuses_duplicate_content() {
	ExtBuilder::default()
		.assets(vec![genesis_asset(PW_STEWARD, b"a"), genesis_asset(PW_STEWARD_2, b"a")])
		.build();
}

#[test]
#[should_panic(expected = "ContentAlreadyRegistered")]
fn genesis_names_the_duplicate_content_error() {
	ExtBuilder::default()
		.assets(vec![genesis_asset(PW_STEWARD, b"a"), genesis_asset(PW_STEWARD_2, b"a")])
		.build();
}

#[test]
fn genesis_registers_one_content_for_two_departments() {
	let assets = vec![genesis_asset(PW_STEWARD, b"a"), genesis_asset(TR_STEWARD, b"a")];
	ExtBuilder::default().assets(assets).build_and_execute(|| {
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"a"), PUBLIC_WORKS), Some((0, 1)));
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"a"), TRANSPORT), Some((1, 1)));
	});
}

#[test]
#[should_panic(expected = "InvalidName")]
fn genesis_refuses_an_invalid_name() {
	build_with(GenesisAsset { name: vec![], ..genesis_asset(PW_STEWARD, b"a") });
}

#[test]
#[should_panic(expected = "InvalidLocation")]
fn genesis_refuses_an_invalid_location() {
	build_with(GenesisAsset { location: b"a b".to_vec(), ..genesis_asset(PW_STEWARD, b"a") });
}

#[test]
#[should_panic(expected = "name longer than MaxNameLen")]
fn genesis_refuses_a_long_name() {
	build_with(GenesisAsset {
		name: vec![b'n'; MAX_NAME_LEN as usize + 1],
		..genesis_asset(PW_STEWARD, b"a")
	});
}

#[test]
#[should_panic(expected = "media type longer than MaxMediaTypeLen")]
fn genesis_refuses_a_long_media_type() {
	build_with(GenesisAsset {
		media_type: b"application/vnd.x".to_vec(),
		..genesis_asset(PW_STEWARD, b"a")
	});
}

#[test]
#[should_panic(expected = "location longer than MaxLocationLen")]
fn genesis_refuses_a_long_location() {
	build_with(GenesisAsset {
		location: vec![b'l'; MAX_LOCATION_LEN as usize + 1],
		..genesis_asset(PW_STEWARD, b"a")
	});
}

#[test]
#[should_panic(expected = "tag longer than MaxTagLen")]
fn genesis_refuses_a_long_tag() {
	build_with(GenesisAsset {
		tags: vec![vec![b't'; MAX_TAG_LEN as usize + 1]],
		..genesis_asset(PW_STEWARD, b"a")
	});
}

#[test]
#[should_panic(expected = "more than MaxTags tags")]
fn genesis_refuses_too_many_tags() {
	build_with(GenesisAsset {
		tags: (0..=MAX_TAGS as u8).map(|i| vec![b'a' + i]).collect(),
		..genesis_asset(PW_STEWARD, b"a")
	});
}

#[test]
fn genesis_config_reads_from_json() {
	// The shape a chain spec or genesis preset gives: byte strings as arrays of bytes, enums by
	// name, optional fields may be left out.
	let digest = blake(b"a").digest.to_vec();
	let json = serde_json::json!({
		"assets": [{
			"steward": PW_STEWARD,
			"name": b"Roads".to_vec(),
			"content": { "algorithm": "Blake2_256", "digest": digest },
			"size": 10,
			"mediaType": b"text/csv".to_vec(),
			"classification": "Public",
			"location": b"https://x".to_vec(),
		}],
	});
	let config: crate::GenesisConfig<Test> = serde_json::from_value(json).unwrap();
	let expected = GenesisAsset {
		steward: PW_STEWARD,
		name: b"Roads".to_vec(),
		content: blake(b"a"),
		size: 10,
		media_type: b"text/csv".to_vec(),
		classification: Classification::Public,
		location: b"https://x".to_vec(),
		metadata_hash: None,
		tags: vec![],
	};
	assert_eq!(config.assets, vec![expected.clone()]);
	// It round-trips, with the optional fields spelled out.
	let config = crate::GenesisConfig::<Test> {
		assets: vec![GenesisAsset {
			metadata_hash: Some(crate::ContentHash {
				algorithm: HashAlgorithm::Sha2_256,
				digest: [7; 32],
			}),
			tags: vec![b"t".to_vec()],
			..expected
		}],
	};
	let value = serde_json::to_value(&config).unwrap();
	assert_eq!(value["assets"][0]["metadataHash"]["algorithm"], "Sha2_256");
	let back: crate::GenesisConfig<Test> = serde_json::from_value(value).unwrap();
	assert_eq!(back.assets, config.assets);
	// Unknown fields are refused rather than silently ignored.
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(serde_json::json!({
		"assets": [{ "steward": 1, "owner": 0 }],
	}))
	.is_err());
}

//! `register_asset`: the record, its first version, the lookups, the deposit, and every refusal.

use super::*;
use crate::{
	AssetRecord, Assets, AssetsByDepartment, ContentRegistrations, Deposit, Error, Event,
	HashAlgorithm, VersionRecord, Versions,
};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

type DepartmentsError = pallet_departments::Error<Test>;

#[test]
fn steward_registers_an_asset_and_pays_the_deposit() {
	test(|| {
		let registration = Registration::new(b"roads");
		assert_ok!(registration.clone().call(PW_STEWARD));

		let deposit = Some(Deposit { depositor: PW_STEWARD, amount: deposit_for(1) });
		assert_eq!(
			Assets::<Test>::get(0),
			Some(AssetRecord {
				owner: PUBLIC_WORKS,
				name: name(b"Road works"),
				media_type: media(b"text/csv"),
				classification: Classification::Internal,
				metadata_hash: Some(sha(b"roads.dcat.json")),
				tags: tags(&[b"roads", b"works"]),
				latest_version: 1,
				registered_at: 1,
				retired_at: None,
				offered_to: None,
				transfers: 0,
				deposit: deposit.clone(),
			})
		);
		assert_eq!(
			Versions::<Test>::get(0, 1),
			Some(VersionRecord {
				content: blake(b"roads"),
				size: 4_096,
				location: location(b"https://pw.city/data/roads.csv"),
				registered_by: PW_STEWARD,
				registered_at: 1,
			})
		);
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"roads"), PUBLIC_WORKS), Some((0, 1)));
		assert!(AssetsByDepartment::<Test>::contains_key(PUBLIC_WORKS, 0));
		assert_eq!(NextAssetId::<Test>::get(), 1);
		assert_eq!(held(PW_STEWARD), deposit_for(1));
		assert_eq!(Balances::free_balance(PW_STEWARD), ENDOWMENT - deposit_for(1));
		assert_eq!(
			last_event(),
			Event::AssetRegistered {
				asset: 0,
				owner: PUBLIC_WORKS,
				registered_by: PW_STEWARD,
				content: blake(b"roads"),
				classification: Classification::Internal,
				deposit,
			}
		);
	});
}

#[test]
fn ids_are_sequential_and_per_department() {
	test(|| {
		assert_eq!(register(PW_STEWARD, b"a"), 0);
		assert_eq!(register(TR_STEWARD, b"b"), 1);
		assert_eq!(register(PW_STEWARD_2, b"c"), 2);
		assert_eq!(NextAssetId::<Test>::get(), 3);
		let mut public_works: Vec<_> =
			AssetsByDepartment::<Test>::iter_key_prefix(PUBLIC_WORKS).collect();
		public_works.sort();
		assert_eq!(public_works, vec![0, 2]);
		assert_eq!(AssetsByDepartment::<Test>::iter_key_prefix(TRANSPORT).collect::<Vec<_>>(), [1]);
		// Each Steward pays for what it registered.
		assert_eq!((held(PW_STEWARD), held(PW_STEWARD_2)), (deposit_for(1), deposit_for(1)));
	});
}

#[test]
fn optional_fields_may_be_left_out() {
	test(|| {
		let registration =
			Registration { metadata_hash: None, tags: vec![], ..Registration::new(b"bare") };
		assert_ok!(registration.call(PW_STEWARD));
		let record = Assets::<Test>::get(0).unwrap();
		assert_eq!((record.metadata_hash, record.tags.len()), (None, 0));
	});
}

#[test]
fn accepts_the_longest_fields_and_most_tags() {
	test(|| {
		let registration = Registration {
			name: vec![b'n'; MAX_NAME_LEN as usize],
			media_type: b"application/vnd+".to_vec(),
			location: vec![b'~'; MAX_LOCATION_LEN as usize],
			tags: vec![b"aaaaaaaa".to_vec(), b"b".to_vec(), "b\u{e9}".as_bytes().to_vec()],
			..Registration::new(b"long")
		};
		assert_eq!(registration.media_type.len(), MAX_MEDIA_TYPE_LEN as usize);
		assert_ok!(registration.call(PW_STEWARD));
	});
}

#[test]
fn the_same_digest_under_another_algorithm_is_other_content() {
	test(|| {
		let blake_hash = blake(b"x");
		register(PW_STEWARD, b"x");
		let same_digest = ContentHash { algorithm: HashAlgorithm::Sha2_256, ..blake_hash };
		assert_ok!(
			Registration { content: same_digest, ..Registration::new(b"x") }.call(PW_STEWARD)
		);
		assert_eq!(ContentRegistrations::<Test>::get(same_digest, PUBLIC_WORKS), Some((1, 1)));
		assert_eq!(ContentRegistrations::<Test>::get(blake_hash, PUBLIC_WORKS), Some((0, 1)));
	});
}

#[test]
fn zero_deposits_hold_nothing() {
	test(|| {
		AssetDeposit::set(0);
		VersionDeposit::set(0);
		register(PW_STEWARD, b"free");
		assert_eq!(Assets::<Test>::get(0).unwrap().deposit, None);
		assert_eq!(held(PW_STEWARD), 0);
		AssetDeposit::set(DEPOSIT_BASE);
		VersionDeposit::set(DEPOSIT_PER_VERSION);
	});
}

#[test]
fn refuses_unsigned_origins() {
	test(|| {
		assert_noop!(
			Registration::new(b"x").call_as(RuntimeOrigin::root()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registration::new(b"x").call_as(RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn refuses_non_members() {
	test(|| {
		assert_noop!(Registration::new(b"x").call(OUTSIDER), DepartmentsError::NotMember);
	});
}

#[test]
fn refuses_other_roles() {
	test(|| {
		assert_noop!(Registration::new(b"x").call(PW_ADMIN), DepartmentsError::RoleNotAllowed);
		assert_noop!(Registration::new(b"x").call(PW_OPERATOR), DepartmentsError::RoleNotAllowed);
	});
}

#[test]
fn refuses_stewards_of_suspended_departments() {
	test(|| {
		assert_ok!(Departments::suspend_department(RuntimeOrigin::root(), PUBLIC_WORKS));
		assert_noop!(
			Registration::new(b"x").call(PW_STEWARD),
			DepartmentsError::DepartmentSuspended
		);
	});
}

#[test]
fn refuses_invalid_names() {
	test(|| {
		for bad in
			[&b""[..], b"\xff\xfe", b"Roads\n", "Roads\u{202E}".as_bytes(), "a\u{200B}b".as_bytes()]
		{
			assert_noop!(
				Registration { name: bad.to_vec(), ..Registration::new(b"x") }.call(PW_STEWARD),
				Error::<Test>::InvalidName
			);
		}
	});
}

#[test]
fn refuses_invalid_media_types() {
	test(|| {
		for bad in [
			&b""[..],
			b"csv",
			b"text/",
			b"/csv",
			b"text/csv/x",
			b"text/c v",
			b"text/csv;a=b",
			b"-text/csv",
			b"text/\xc3\xa9",
		] {
			assert_noop!(
				Registration { media_type: bad.to_vec(), ..Registration::new(b"x") }
					.call(PW_STEWARD),
				Error::<Test>::InvalidMediaType
			);
		}
		for good in [&b"a/b"[..], b"text/csv", b"application/geo+json", b"image/x-tiff.v2"] {
			assert!(crate::is_valid_media_type(good), "{good:?}");
		}
	});
}

#[test]
fn refuses_invalid_locations() {
	test(|| {
		for bad in [
			&b""[..],
			b"https://pw.city/a b",
			b"https://pw.city/\t",
			b"\x7f",
			"https://\u{e9}".as_bytes(),
		] {
			assert_noop!(
				Registration { location: bad.to_vec(), ..Registration::new(b"x") }.call(PW_STEWARD),
				Error::<Test>::InvalidLocation
			);
		}
	});
}

#[test]
fn refuses_invalid_tags() {
	test(|| {
		for bad in [&b""[..], b"\xff", b"a\nb", "a\u{FEFF}".as_bytes()] {
			assert_noop!(
				Registration {
					tags: vec![b"ok".to_vec(), bad.to_vec()],
					..Registration::new(b"x")
				}
				.call(PW_STEWARD),
				Error::<Test>::InvalidTag
			);
		}
	});
}

#[test]
fn refuses_duplicate_tags() {
	test(|| {
		let tags = vec![b"roads".to_vec(), b"works".to_vec(), b"roads".to_vec()];
		assert_noop!(
			Registration { tags, ..Registration::new(b"x") }.call(PW_STEWARD),
			Error::<Test>::DuplicateTag
		);
	});
}

#[test]
fn refuses_content_the_department_registered_already() {
	test(|| {
		register(PW_STEWARD, b"x");
		assert_noop!(
			Registration::new(b"x").call(PW_STEWARD),
			Error::<Test>::ContentAlreadyRegistered
		);
		// Another steward of the department, another name: still the department's content.
		assert_noop!(
			Registration { name: b"Other".to_vec(), ..Registration::new(b"x") }.call(PW_STEWARD_2),
			Error::<Test>::ContentAlreadyRegistered
		);
	});
}

#[test]
fn another_department_registering_the_content_first_locks_nobody_out() {
	test(|| {
		// Transport registers Public Works' file before Public Works does (front-running).
		let squatted = register(TR_STEWARD, b"plan");
		// Public Works registers its own data all the same.
		let own = register(PW_STEWARD, b"plan");
		assert_ne!(squatted, own);
		assert_eq!(
			ContentRegistrations::<Test>::get(blake(b"plan"), TRANSPORT),
			Some((squatted, 1))
		);
		assert_eq!(ContentRegistrations::<Test>::get(blake(b"plan"), PUBLIC_WORKS), Some((own, 1)));
		// And anyone looking the content up sees both registrations, with who made each.
		let found = DataAssets::find_by_content(blake(b"plan"), None, MAX_PAGE);
		let mut departments: Vec<_> = found.items.iter().map(|r| r.department).collect();
		departments.sort();
		assert_eq!(departments, vec![PUBLIC_WORKS, TRANSPORT]);
	});
}

#[test]
fn refuses_a_steward_who_cannot_pay() {
	test(|| {
		assert_noop!(Registration::new(b"x").call(PAUPER), Error::<Test>::CannotHoldDeposit);
	});
}

#[test]
fn refuses_when_no_id_is_left() {
	test(|| {
		NextAssetId::<Test>::put(AssetId::MAX);
		assert_noop!(Registration::new(b"x").call(PW_STEWARD), Error::<Test>::NoAssetIdLeft);
	});
}

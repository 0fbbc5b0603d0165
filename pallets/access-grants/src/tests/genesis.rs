//! Genesis configuration.

use super::*;
use crate::{
	AssetGrants, GenesisGrant, GenesisRequest, GrantSource, Grants, OpenRequests, OwnerRequests,
	Requests,
};

#[test]
fn default_genesis_has_no_grants_or_requests() {
	new_test_ext().execute_with(|| {
		assert_eq!(Grants::<Test>::iter().count(), 0);
		assert_eq!(Requests::<Test>::iter().count(), 0);
		assert_eq!((NextGrantId::<Test>::get(), NextRequestId::<Test>::get()), (0, 0));
		assert_ok!(AccessGrants::do_try_state());
	});
}

#[test]
fn genesis_issues_grants_and_opens_requests_without_deposits() {
	ExtBuilder::default()
		.grant(PW_STEWARD, INTERNAL_ASSET, TRANSPORT, 50, Some(7))
		.grant(PW_STEWARD, RESTRICTED_ASSET, HEALTH, 50, None)
		.request(TR_STEWARD, CONFIDENTIAL_ASSET, b"roads")
		.request(HL_STEWARD, TRANSPORT_ASSET, b"ambulances")
		.build_and_execute(|| {
			let grant = Grants::<Test>::get(0).unwrap();
			assert_eq!(
				(grant.granted_by, grant.source, grant.granted_at, grant.expires_at),
				(PW_STEWARD, GrantSource::Direct, 0, 50)
			);
			assert_eq!((grant.max_uses, grant.deposit), (Some(7), None));
			assert_eq!(AssetGrants::<Test>::get(INTERNAL_ASSET, TRANSPORT), Some(0));
			assert_eq!(decision(TRANSPORT, INTERNAL_ASSET), allowed(0, 50, Some(7)));
			// A Restricted grant waits for oversight, as after `grant_access`.
			assert_eq!(decision(HEALTH, RESTRICTED_ASSET), denied(DenialReason::PendingOversight));

			let request = Requests::<Test>::get(0).unwrap();
			assert_eq!((request.requested_by, request.requester), (TR_STEWARD, TRANSPORT));
			assert_eq!((request.purpose, request.deposit), (purpose("roads"), None));
			assert_eq!(OpenRequests::<Test>::get(CONFIDENTIAL_ASSET, TRANSPORT), Some(0));
			assert!(OwnerRequests::<Test>::contains_key(PUBLIC_WORKS, 0));
			assert!(OwnerRequests::<Test>::contains_key(TRANSPORT, 1));
			assert_eq!((NextGrantId::<Test>::get(), NextRequestId::<Test>::get()), (2, 2));
			for who in [PW_STEWARD, TR_STEWARD, HL_STEWARD] {
				assert_eq!(held(who), 0);
			}
			// Genesis records are decided like any other; no deposit to release.
			assert_ok!(AccessGrants::approve_request(signed(PW_STEWARD), 0, None, None));
			assert_eq!(Grants::<Test>::get(2).unwrap().deposit, None);
		});
}

#[test]
#[should_panic(expected = "invalid genesis grant 0")]
fn genesis_refuses_a_grant_by_a_non_steward() {
	ExtBuilder::default().grant(PW_OPERATOR, INTERNAL_ASSET, TRANSPORT, 5, None).build();
}

#[test]
#[should_panic(expected = "NotOwner")]
fn genesis_refuses_a_grant_by_another_departments_steward() {
	ExtBuilder::default().grant(HL_STEWARD, INTERNAL_ASSET, TRANSPORT, 5, None).build();
}

#[test]
#[should_panic(expected = "PublicAsset")]
fn genesis_refuses_a_grant_on_a_public_asset() {
	ExtBuilder::default().grant(PW_STEWARD, PUBLIC_ASSET, TRANSPORT, 5, None).build();
}

#[test]
#[should_panic(expected = "AlreadyGranted")]
fn genesis_refuses_two_grants_of_a_pair() {
	ExtBuilder::default()
		.grant(PW_STEWARD, INTERNAL_ASSET, TRANSPORT, 5, None)
		.grant(PW_STEWARD, INTERNAL_ASSET, TRANSPORT, 6, None)
		.build();
}

#[test]
#[should_panic(expected = "invalid genesis request 1")]
fn genesis_refuses_a_duplicate_request() {
	ExtBuilder::default()
		.request(TR_STEWARD, INTERNAL_ASSET, b"a")
		.request(TR_STEWARD, INTERNAL_ASSET, b"b")
		.build();
}

#[test]
#[should_panic(expected = "UnknownAsset")]
fn genesis_refuses_a_request_for_an_unknown_asset() {
	ExtBuilder::default().request(TR_STEWARD, NO_ASSET, b"a").build();
}

#[test]
#[should_panic(expected = "PurposeTooLong")]
fn genesis_refuses_a_long_purpose() {
	// MaxPurposeLen = 16.
	ExtBuilder::default().request(TR_STEWARD, INTERNAL_ASSET, b"seventeen bytes!!").build();
}

#[test]
fn genesis_config_reads_from_json() {
	// The shape a chain spec or genesis preset gives: purposes as bytes, scopes by name.
	let json = serde_json::json!({
		"grants": [{
			"steward": PW_STEWARD,
			"asset": INTERNAL_ASSET,
			"grantee": TRANSPORT,
			"purpose": b"study".to_vec(),
			"scope": "Query",
			"duration": 100,
			"maxUses": 5,
		}],
		"requests": [{
			"steward": TR_STEWARD,
			"asset": CONFIDENTIAL_ASSET,
			"purpose": b"roads".to_vec(),
			"scope": "Derive",
			"duration": 10,
		}],
	});
	let config: crate::GenesisConfig<Test> = serde_json::from_value(json.clone()).unwrap();
	assert_eq!(
		config.grants,
		vec![GenesisGrant {
			steward: PW_STEWARD,
			asset: INTERNAL_ASSET,
			grantee: TRANSPORT,
			purpose: b"study".to_vec(),
			scope: Scope::Query,
			duration: 100,
			max_uses: Some(5),
		}]
	);
	assert_eq!(
		config.requests,
		vec![GenesisRequest {
			steward: TR_STEWARD,
			asset: CONFIDENTIAL_ASSET,
			purpose: b"roads".to_vec(),
			scope: Scope::Derive,
			duration: 10,
		}]
	);
	assert_eq!(serde_json::to_value(&config).unwrap(), json);
	// Unknown fields are refused rather than silently ignored.
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(serde_json::json!({
		"grants": [{
			"steward": PW_STEWARD,
			"asset": 1,
			"grantee": 1,
			"purpose": [],
			"scope": "Read",
			"duration": 1,
			"maxUses": null,
			"oversight": true,
		}],
		"requests": [],
	}))
	.is_err());
}

//! What clients decode from metadata: explicit, stable codec indices of the API's enums.

use super::*;
use crate::{GrantSide, GrantSource, OversightSubject};
use codec::{Decode, Encode};

#[test]
fn scope_encoding_is_stable() {
	for (scope, byte) in [(Scope::Read, 0u8), (Scope::Query, 1), (Scope::Derive, 2)] {
		assert_eq!(scope.encode(), vec![byte]);
	}
	assert!(Scope::decode(&mut &[3u8][..]).is_err());
}

#[test]
fn denial_reason_encoding_is_stable() {
	use DenialReason::*;
	let reasons = [
		UnknownAsset,
		AssetRetired,
		NotMember,
		DepartmentInactive,
		OwnerInactive,
		NoGrant,
		OwnerChanged,
		Expired,
		Exhausted,
		PendingOversight,
	];
	for (byte, reason) in reasons.into_iter().enumerate() {
		assert_eq!(reason.encode(), vec![u8::try_from(byte).unwrap()]);
	}
	assert!(DenialReason::decode(&mut &[10u8][..]).is_err());
	// Only what no one can undo is final (a grant denied for it may be purged).
	let finals: Vec<_> = reasons.into_iter().filter(|reason| reason.is_final()).collect();
	assert_eq!(finals, vec![UnknownAsset, AssetRetired, OwnerChanged, Expired, Exhausted]);
}

#[test]
fn access_decision_encoding_is_stable() {
	let allowed: AccessDecision<BlockNumber> =
		AccessDecision::Allowed { grant: Some(5), expires_at: Some(9), remaining_uses: None };
	let mut expected = vec![0u8, 1];
	expected.extend(5u64.encode());
	expected.push(1);
	expected.extend(9u64.encode());
	expected.push(0);
	assert_eq!(allowed.encode(), expected);
	assert_eq!(denied(DenialReason::Expired).encode(), vec![1, 7]);
}

#[test]
fn subject_source_and_side_encodings_are_stable() {
	assert_eq!(OversightSubject::Request(1).encode(), [vec![0], 1u64.encode()].concat());
	assert_eq!(OversightSubject::Grant(1).encode(), [vec![1], 1u64.encode()].concat());
	assert_eq!(GrantSource::Request(2).encode(), [vec![0], 2u64.encode()].concat());
	assert_eq!(GrantSource::Direct.encode(), vec![1]);
	assert_eq!((GrantSide::Grantee.encode(), GrantSide::Owner.encode()), (vec![0], vec![1]));
	assert_eq!(crate::HoldReason::StorageDeposit.encode(), vec![0]);
}

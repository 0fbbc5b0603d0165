//! Signed download requests: what a member of the grantee department signs to fetch an asset
//! from the owner's gateway, the HTTP headers that carry it, and the check of its signature.
//!
//! The signed bytes are exactly what `accessGrants.record_served` checks on-chain:
//! `"citychain/served-request/v1"`, the chain's genesis hash, then the SCALE encoding of the
//! [`ServedRequest`] (grant, asset, version, time, nonce). The method is always `GET` and the
//! path is made of the asset and version, so the request covers both.

use crate::chain::city::runtime_types::{
	pallet_access_grants::types::ServedRequest, sp_runtime::MultiSignature,
};
use std::time::{SystemTime, UNIX_EPOCH};
use subxt::utils::AccountId32;
use subxt_signer::sr25519::{self, Keypair};

/// What the signed payload starts with (`ServedRequest::CONTEXT` in the pallet).
pub const CONTEXT: &[u8] = b"citychain/served-request/v1";

/// The HTTP headers of a signed request (lower case, as HTTP/2 and hyper spell them).
pub mod header {
	/// The grant id, decimal.
	pub const GRANT: &str = "city-grant";
	/// The consumer's account, SS58.
	pub const CONSUMER: &str = "city-consumer";
	/// When the consumer signed, milliseconds since the Unix epoch, decimal.
	pub const ISSUED_AT: &str = "city-issued-at";
	/// 16 random bytes, hex (32 digits).
	pub const NONCE: &str = "city-nonce";
	/// The sr25519 signature over the payload, hex (128 digits, with or without `0x`).
	pub const SIGNATURE: &str = "city-signature";
}

/// A request with the consumer's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
	pub request: ServedRequest,
	pub consumer: AccountId32,
	pub signature: [u8; 64],
}

/// The bytes a consumer signs for `request` on the chain with `genesis_hash`.
pub fn signing_payload(genesis_hash: &[u8; 32], request: &ServedRequest) -> Vec<u8> {
	let mut payload = Vec::with_capacity(CONTEXT.len() + 32 + 48);
	payload.extend_from_slice(CONTEXT);
	payload.extend_from_slice(genesis_hash);
	// The SCALE encoding of the pallet's `ServedRequest`, field by field (the generated type
	// derives no `Encode`): u64, u64, Option<u32>, u64, [u8; 16].
	payload.extend_from_slice(&request.grant.to_le_bytes());
	payload.extend_from_slice(&request.asset.to_le_bytes());
	match request.version {
		None => payload.push(0),
		Some(version) => {
			payload.push(1);
			payload.extend_from_slice(&version.to_le_bytes());
		},
	}
	payload.extend_from_slice(&request.issued_at.to_le_bytes());
	payload.extend_from_slice(&request.nonce);
	payload
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// A fresh request for `asset` (`version`, or the latest) under `grant`: now, a random nonce.
pub fn new_request(grant: u64, asset: u64, version: Option<u32>) -> ServedRequest {
	ServedRequest { grant, asset, version, issued_at: now_ms(), nonce: rand::random() }
}

/// Signs `request` with `key` for the chain with `genesis_hash`.
pub fn sign(key: &Keypair, genesis_hash: &[u8; 32], request: ServedRequest) -> SignedRequest {
	let signature = key.sign(&signing_payload(genesis_hash, &request)).0;
	SignedRequest { request, consumer: key.public_key().to_account_id(), signature }
}

/// Why a request's headers do not make a signed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedRequest(pub String);

impl SignedRequest {
	/// Whether the signature is the consumer's over the request, for this chain.
	pub fn verify(&self, genesis_hash: &[u8; 32]) -> bool {
		let public = sr25519::PublicKey(self.consumer.0);
		sr25519::verify(
			&sr25519::Signature(self.signature),
			signing_payload(genesis_hash, &self.request),
			&public,
		)
	}

	/// The signature as the chain takes it.
	pub fn multi_signature(&self) -> MultiSignature {
		MultiSignature::Sr25519(self.signature)
	}

	/// The path the request is for: `/v1/assets/{asset}` or `/v1/assets/{asset}/versions/{v}`.
	pub fn path(&self) -> String {
		match self.request.version {
			None => format!("/v1/assets/{}", self.request.asset),
			Some(version) => format!("/v1/assets/{}/versions/{version}", self.request.asset),
		}
	}

	/// The headers that carry it.
	pub fn headers(&self) -> [(&'static str, String); 5] {
		[
			(header::GRANT, self.request.grant.to_string()),
			(header::CONSUMER, self.consumer.to_string()),
			(header::ISSUED_AT, self.request.issued_at.to_string()),
			(header::NONCE, hex::encode(self.request.nonce)),
			(header::SIGNATURE, format!("0x{}", hex::encode(self.signature))),
		]
	}

	/// The request for `asset` and `version` (from the path) that the headers `get` returns
	/// carry. The signature is not checked here: see [`Self::verify`].
	pub fn from_headers<'a>(
		asset: u64,
		version: Option<u32>,
		get: impl Fn(&str) -> Option<&'a str>,
	) -> Result<Self, MalformedRequest> {
		let field = |name: &str| {
			get(name)
				.map(str::trim)
				.ok_or_else(|| MalformedRequest(format!("the `{name}` header is missing")))
		};
		let bad = |name: &str, what: &str| MalformedRequest(format!("`{name}` must be {what}"));
		let grant = field(header::GRANT)?.parse().map_err(|_| bad(header::GRANT, "a grant id"))?;
		let consumer = field(header::CONSUMER)?
			.parse()
			.map_err(|_| bad(header::CONSUMER, "an SS58 account"))?;
		let issued_at = field(header::ISSUED_AT)?
			.parse()
			.map_err(|_| bad(header::ISSUED_AT, "milliseconds since the Unix epoch"))?;
		let nonce = hex_array::<16>(field(header::NONCE)?)
			.ok_or_else(|| bad(header::NONCE, "16 bytes in hex"))?;
		let signature = hex_array::<64>(field(header::SIGNATURE)?)
			.ok_or_else(|| bad(header::SIGNATURE, "an sr25519 signature (64 bytes in hex)"))?;
		Ok(SignedRequest {
			request: ServedRequest { grant, asset, version, issued_at, nonce },
			consumer,
			signature,
		})
	}
}

/// `N` bytes from hex, with or without `0x`.
pub fn hex_array<const N: usize>(text: &str) -> Option<[u8; N]> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	let bytes = hex::decode(digits).ok()?;
	bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::str::FromStr;

	fn alice() -> Keypair {
		Keypair::from_uri(&subxt_signer::SecretUri::from_str("//Alice").unwrap()).unwrap()
	}

	#[test]
	fn the_payload_is_context_genesis_and_scale() {
		let request =
			ServedRequest { grant: 2, asset: 6, version: Some(1), issued_at: 7, nonce: [9; 16] };
		let payload = signing_payload(&[1; 32], &request);
		assert_eq!(&payload[..CONTEXT.len()], CONTEXT);
		assert_eq!(&payload[CONTEXT.len()..CONTEXT.len() + 32], &[1; 32]);
		// grant u64, asset u64, Some(u32), issued_at u64, nonce [u8; 16]: the pallet's layout.
		let mut expected = vec![];
		expected.extend(2u64.to_le_bytes());
		expected.extend(6u64.to_le_bytes());
		expected.push(1);
		expected.extend(1u32.to_le_bytes());
		expected.extend(7u64.to_le_bytes());
		expected.extend([9; 16]);
		assert_eq!(&payload[CONTEXT.len() + 32..], &expected[..]);
	}

	#[test]
	fn a_signed_request_survives_its_headers_and_verifies_only_unchanged() {
		let signed = sign(&alice(), &[3; 32], new_request(4, 5, None));
		assert!(signed.verify(&[3; 32]));
		assert!(!signed.verify(&[4; 32]), "another chain's genesis");
		let headers = signed.headers();
		let get = |name: &str| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
		let parsed = SignedRequest::from_headers(5, None, get).unwrap();
		assert_eq!(parsed, signed);
		assert_eq!(parsed.path(), "/v1/assets/5");
		// The same headers for another path (version) no longer verify.
		let other = SignedRequest::from_headers(5, Some(1), get).unwrap();
		assert!(!other.verify(&[3; 32]));
		let other_asset = SignedRequest::from_headers(6, None, get).unwrap();
		assert!(!other_asset.verify(&[3; 32]));
	}

	#[test]
	fn malformed_headers_name_the_header() {
		let signed = sign(&alice(), &[3; 32], new_request(4, 5, None));
		let headers = signed.headers();
		for (missing, _) in &headers {
			let get = |name: &str| {
				headers.iter().find(|(n, _)| *n == name && n != missing).map(|(_, v)| v.as_str())
			};
			let error = SignedRequest::from_headers(5, None, get).unwrap_err();
			assert!(error.0.contains(missing), "{error:?}");
		}
		let get = |name: &str| match name {
			header::NONCE => Some("abcd"),
			_ => headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()),
		};
		assert!(SignedRequest::from_headers(5, None, get).unwrap_err().0.contains(header::NONCE));
	}
}

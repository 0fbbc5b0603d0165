//! The HTTP API: `GET /v1/assets/{asset}` (latest version), `GET
//! /v1/assets/{asset}/versions/{version}`, and `GET /v1/health`. Every refusal is a JSON body
//! `{"error": {"status", "reason", "message"}}`, `reason` in the chain's own words where the
//! chain said no (`docs/gateway.md` lists them all).

use crate::{
	body::{self, Metered, Source},
	chain::{Allowed, ChainView, Refusal},
	guard::{RateLimiter, ReplayGuard},
	journal::{self, Journal},
	store::{Store, StoreError},
};
use axum::{
	body::Body,
	extract::{Path, State},
	http::{header, HeaderMap, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Json, Router,
};
use city_client::{
	asset::hash_text,
	served::SignedRequest,
	service::http::{api, refuse},
};
use serde_json::json;
use std::{
	sync::{Arc, Mutex},
	time::Instant,
};

/// Everything a request needs.
pub struct Gateway {
	pub chain: Arc<ChainView>,
	pub store: Store,
	pub journal: Arc<Journal>,
	pub replay: Mutex<ReplayGuard>,
	pub limits: Mutex<RateLimiter>,
	pub allow_plaintext: bool,
}

pub fn router(gateway: Arc<Gateway>) -> Router {
	let routes = Router::new()
		.route("/v1/assets/:asset", get(latest))
		.route("/v1/assets/:asset/versions/:version", get(version))
		.route("/v1/health", get(health))
		.with_state(gateway);
	api(routes)
}

async fn health(State(gateway): State<Arc<Gateway>>) -> Response {
	match gateway.chain.head() {
		Some(head) => Json(json!({ "chain": "ok", "finalized": head.number })).into_response(),
		None => {
			refuse(StatusCode::SERVICE_UNAVAILABLE, "ChainUnavailable", "the chain cannot be asked")
		},
	}
}

async fn latest(
	State(gateway): State<Arc<Gateway>>,
	Path(asset): Path<String>,
	headers: HeaderMap,
) -> Response {
	match asset.parse() {
		Ok(asset) => serve(gateway, asset, None, headers).await,
		Err(_) => {
			refuse(StatusCode::NOT_FOUND, "UnknownAsset", format!("`{asset}` is not an asset id"))
		},
	}
}

async fn version(
	State(gateway): State<Arc<Gateway>>,
	Path((asset, version)): Path<(String, String)>,
	headers: HeaderMap,
) -> Response {
	match (asset.parse(), version.parse()) {
		(Ok(asset), Ok(version)) => serve(gateway, asset, Some(version), headers).await,
		_ => refuse(
			StatusCode::NOT_FOUND,
			"UnknownVersion",
			"the asset id or version is not a number",
		),
	}
}

async fn serve(
	gateway: Arc<Gateway>,
	asset: u64,
	version: Option<u32>,
	headers: HeaderMap,
) -> Response {
	let checks_began = Instant::now();
	let header_text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
	let signed = match SignedRequest::from_headers(asset, version, header_text) {
		Ok(signed) => signed,
		Err(e) => return refuse(StatusCode::UNAUTHORIZED, "MalformedRequest", e.0),
	};
	let Some(head) = gateway.chain.head() else {
		return refuse(
			StatusCode::SERVICE_UNAVAILABLE,
			"ChainUnavailable",
			"the chain cannot be asked: nothing is served",
		);
	};
	if !signed.verify(&head.genesis) {
		return refuse(
			StatusCode::UNAUTHORIZED,
			"BadSignature",
			"the signature is not the consumer's over this request on this chain",
		);
	}
	let now = city_client::served::now_ms();
	{
		let Ok(mut replay) = gateway.replay.lock() else {
			return refuse(StatusCode::INTERNAL_SERVER_ERROR, "Internal", "replay guard poisoned");
		};
		if !replay.in_window(signed.request.issued_at, now) {
			return refuse(
				StatusCode::UNAUTHORIZED,
				"StaleRequest",
				"the request was signed too long ago or in the future: sign it again now",
			);
		}
		if !replay.first_time(
			signed.consumer.0,
			signed.request.nonce,
			signed.request.issued_at,
			now,
		) {
			return refuse(
				StatusCode::UNAUTHORIZED,
				"ReplayedRequest",
				"this signed request was already used",
			);
		}
	}
	let allowed = match gateway.chain.authorize(&head, &signed).await {
		Ok(allowed) => allowed,
		Err(refusal) => return refused(refusal),
	};
	if let Ok(mut limits) = gateway.limits.lock() {
		if let Err(wait) = limits.take(allowed.grantee, Instant::now()) {
			let mut response = refuse(
				StatusCode::TOO_MANY_REQUESTS,
				"RateLimited",
				format!("department {} is over its request rate", allowed.grantee),
			);
			if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
				response.headers_mut().insert(header::RETRY_AFTER, value);
			}
			return response;
		}
	}
	let encrypt_to = match allowed.key {
		Some(key) => match city_client::encryption::recipient(&key) {
			Some(recipient) => Some(recipient),
			None => {
				return refuse(
					StatusCode::FORBIDDEN,
					"UnusableEncryptionKey",
					format!(
						"department {}'s published key is not a usable X25519 key",
						allowed.grantee
					),
				)
			},
		},
		None if gateway.allow_plaintext => None,
		None => {
			return refuse(
				StatusCode::FORBIDDEN,
				"NoEncryptionKey",
				format!(
					"department {} has published no encryption key (departments.set_encryption_key)",
					allowed.grantee
				),
			)
		},
	};
	// What the signature, replay and chain checks cost this request, for operators and the
	// benchmark (`Server-Timing` is the standard header for it).
	let checked_in = checks_began.elapsed();
	let mut response = send(gateway, signed, allowed, encrypt_to, &headers).await;
	if let Ok(value) =
		HeaderValue::from_str(&format!("authorize;dur={:.3}", checked_in.as_secs_f64() * 1e3))
	{
		response.headers_mut().insert(SERVER_TIMING, value);
	}
	response
}

/// `Server-Timing` (W3C), which the `http` crate has no constant for.
const SERVER_TIMING: header::HeaderName = header::HeaderName::from_static("server-timing");

/// A refusal from the chain question.
fn refused(refusal: Refusal) -> Response {
	match refusal {
		Refusal::Unavailable(e) => {
			tracing::warn!(error = %e, "cannot ask the chain; refused");
			refuse(
				StatusCode::SERVICE_UNAVAILABLE,
				"ChainUnavailable",
				"the chain cannot be asked: nothing is served",
			)
		},
		Refusal::UnknownAsset => {
			refuse(StatusCode::NOT_FOUND, "UnknownAsset", "no asset of this department has this id")
		},
		Refusal::UnknownVersion => {
			refuse(StatusCode::NOT_FOUND, "UnknownVersion", "the asset has no such version")
		},
		Refusal::Retired => refuse(StatusCode::GONE, "AssetRetired", "the asset is retired"),
		Refusal::Denied(reason) => {
			let message = format!("the chain denies access: {reason}");
			refuse(StatusCode::FORBIDDEN, &reason, message)
		},
	}
}

/// Which bytes of `size` a `Range` header asks for: `Ok(None)` for all of them.
pub fn byte_range(range: Option<&str>, size: u64) -> Result<Option<(u64, u64)>, ()> {
	let Some(range) = range else { return Ok(None) };
	let Some(spec) = range.trim().strip_prefix("bytes=") else { return Ok(None) };
	// Several ranges: served whole, which HTTP allows.
	if spec.contains(',') {
		return Ok(None);
	}
	let (first, last) = spec.split_once('-').ok_or(())?;
	let (first, last) = (first.trim(), last.trim());
	let (start, end) = if first.is_empty() {
		let suffix: u64 = last.parse().map_err(|_| ())?;
		if suffix == 0 {
			return Err(());
		}
		(size.saturating_sub(suffix), size)
	} else {
		let start: u64 = first.parse().map_err(|_| ())?;
		let end = if last.is_empty() {
			size
		} else {
			let last: u64 = last.parse().map_err(|_| ())?;
			if last < start {
				return Err(());
			}
			last.saturating_add(1).min(size)
		};
		(start, end)
	};
	if start >= size {
		return Err(());
	}
	Ok(Some((start, end)))
}

async fn send(
	gateway: Arc<Gateway>,
	signed: SignedRequest,
	allowed: Allowed,
	encrypt_to: Option<age::x25519::Recipient>,
	headers: &HeaderMap,
) -> Response {
	let range_header = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
	let range = match byte_range(range_header, allowed.size) {
		Ok(range) => range,
		Err(()) => {
			let mut response = refuse(
				StatusCode::RANGE_NOT_SATISFIABLE,
				"RangeNotSatisfiable",
				format!("the content has {} bytes", allowed.size),
			);
			if let Ok(value) = HeaderValue::from_str(&format!("bytes */{}", allowed.size)) {
				response.headers_mut().insert(header::CONTENT_RANGE, value);
			}
			return response;
		},
	};
	// The file is checked, and the download journaled, before a byte goes out.
	let store_gateway = gateway.clone();
	let (content, size) = (allowed.content.clone(), allowed.size);
	let opened =
		tokio::task::spawn_blocking(move || store_gateway.store.open_verified(&content, size))
			.await;
	let file = match opened {
		Ok(Ok((file, _))) => file,
		Ok(Err(StoreError::Tampered)) => {
			tracing::error!(
				asset = signed.request.asset,
				version = allowed.version,
				content = %hash_text(&allowed.content),
				"the stored file is not the registered content: tampered with or damaged; not served"
			);
			return refuse(
				StatusCode::INTERNAL_SERVER_ERROR,
				"ContentTampered",
				"the stored content does not match its registered hash",
			);
		},
		Ok(Err(StoreError::Missing)) => {
			tracing::error!(
				asset = signed.request.asset,
				version = allowed.version,
				"no stored file for a registered version"
			);
			return refuse(
				StatusCode::INTERNAL_SERVER_ERROR,
				"ContentMissing",
				"this gateway does not hold that version's content",
			);
		},
		Ok(Err(StoreError::Io(e))) => {
			tracing::error!(error = %e, "cannot read stored content");
			return refuse(
				StatusCode::INTERNAL_SERVER_ERROR,
				"Internal",
				"cannot read the stored content",
			);
		},
		Err(e) => {
			tracing::error!(error = %e, "cannot read stored content");
			return refuse(
				StatusCode::INTERNAL_SERVER_ERROR,
				"Internal",
				"cannot read the stored content",
			);
		},
	};
	let record = journal::Request {
		grant: signed.request.grant,
		asset: signed.request.asset,
		version: signed.request.version,
		issued_at: signed.request.issued_at,
		nonce: hex::encode(signed.request.nonce),
		consumer: signed.consumer.to_string(),
		signature: hex::encode(signed.signature),
	};
	let journal = gateway.journal.clone();
	// A capped grant: the downloads not on-chain yet count against its remaining uses.
	let cap = allowed.remaining_uses.map(|remaining| (remaining, allowed.block));
	let id = match tokio::task::spawn_blocking(move || journal.begin(record, cap)).await {
		Ok(Ok(Some(id))) => id,
		Ok(Ok(None)) => {
			return refuse(
				StatusCode::FORBIDDEN,
				"Exhausted",
				"the grant's remaining uses are taken by downloads not yet recorded on-chain",
			)
		},
		_ => {
			tracing::error!("cannot write the receipt journal; not served");
			return refuse(
				StatusCode::INTERNAL_SERVER_ERROR,
				"JournalUnavailable",
				"the gateway cannot journal the download",
			);
		},
	};
	let (start, end) = range.unwrap_or((0, allowed.size));
	let encrypted = encrypt_to.is_some();
	let pieces = body::stream(Source {
		file,
		start,
		end,
		check: range.is_none().then(|| allowed.content.clone()),
		encrypt_to,
	});
	tracing::info!(
		download = id,
		asset = signed.request.asset,
		version = allowed.version,
		grant = signed.request.grant,
		grantee = allowed.grantee,
		consumer = %signed.consumer,
		start,
		end,
		encrypted,
		"serving"
	);
	let mut response =
		Response::new(Body::from_stream(Metered::new(pieces, id, gateway.journal.clone())));
	*response.status_mut() =
		if range.is_some() { StatusCode::PARTIAL_CONTENT } else { StatusCode::OK };
	let headers = response.headers_mut();
	let mut set = |name: &str, value: String| {
		if let (Ok(name), Ok(value)) =
			(header::HeaderName::try_from(name), HeaderValue::from_str(&value))
		{
			headers.insert(name, value);
		}
	};
	set("accept-ranges", "bytes".into());
	set("city-asset", signed.request.asset.to_string());
	set("city-version", allowed.version.to_string());
	set("city-content-hash", hash_text(&allowed.content));
	set("city-size", allowed.size.to_string());
	set("city-finalized-block", allowed.block.to_string());
	set("city-download", id.to_string());
	set("city-media-type", allowed.media_type.clone());
	if range.is_some() {
		set("content-range", format!("bytes {start}-{}/{}", end.saturating_sub(1), allowed.size));
	}
	if encrypted {
		set("city-encryption", "age".into());
		set("content-type", "application/age".into());
	} else {
		set("city-encryption", "none".into());
		set("content-type", allowed.media_type.clone());
		set("content-length", (end - start).to_string());
	}
	response
}

#[cfg(test)]
mod tests {
	use super::byte_range;

	#[test]
	fn ranges_as_http_defines_them() {
		assert_eq!(byte_range(None, 10), Ok(None));
		assert_eq!(byte_range(Some("bytes=0-"), 10), Ok(Some((0, 10))));
		assert_eq!(byte_range(Some("bytes=2-4"), 10), Ok(Some((2, 5))));
		assert_eq!(byte_range(Some("bytes=4-99"), 10), Ok(Some((4, 10))), "clipped to the end");
		assert_eq!(byte_range(Some("bytes=-3"), 10), Ok(Some((7, 10))), "the last three");
		assert_eq!(byte_range(Some("bytes=-30"), 10), Ok(Some((0, 10))));
		assert_eq!(byte_range(Some("bytes=0-1,4-5"), 10), Ok(None), "several: all of it");
		assert_eq!(byte_range(Some("items=0-1"), 10), Ok(None), "another unit: ignored");
		assert_eq!(byte_range(Some("bytes=10-"), 10), Err(()), "past the end");
		assert_eq!(byte_range(Some("bytes=5-2"), 10), Err(()));
		assert_eq!(byte_range(Some("bytes=x-"), 10), Err(()));
		assert_eq!(byte_range(Some("bytes=-0"), 10), Err(()));
	}
}

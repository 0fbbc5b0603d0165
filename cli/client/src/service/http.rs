//! The HTTP skeleton every CityChain service (city-gateway, city-indexer) serves its API with:
//! one error body, one fallback, request tracing, TLS from PEM files, and a graceful stop.

use axum::{
	http::StatusCode,
	response::{IntoResponse, Response},
	Json, Router,
};
use rustls_pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
use serde::Deserialize;
use std::{
	future::{Future, IntoFuture},
	path::PathBuf,
	sync::Arc,
	time::Duration,
};
use tokio::net::TcpListener;
use tokio_rustls::{rustls, TlsAcceptor};

/// A refusal as every service sends it: `{"error": {"status", "reason", "message"}}`, where
/// `reason` is a stable name a program can match and `message` a sentence for people.
pub fn refuse(status: StatusCode, reason: &str, message: impl Into<String>) -> Response {
	let body = serde_json::json!({ "error": {
		"status": status.as_u16(),
		"reason": reason,
		"message": message.into(),
	}});
	(status, Json(body)).into_response()
}

/// `routes` as a service's API: an unknown path is a JSON 404 (`NoSuchEndpoint`), and every
/// request is traced (method, path, status, latency at `debug`).
pub fn api(routes: Router) -> Router {
	routes
		.fallback(|| async { refuse(StatusCode::NOT_FOUND, "NoSuchEndpoint", "no such endpoint") })
		.layer(tower_http::trace::TraceLayer::new_for_http())
}

/// A TLS certificate chain and its private key, both PEM files (`[tls]` in a service's config).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsFiles {
	pub certificate: PathBuf,
	pub private_key: PathBuf,
}

impl TlsFiles {
	/// The rustls acceptor for these files (TLS 1.2 and 1.3, HTTP/1.1).
	pub fn acceptor(&self) -> Result<TlsAcceptor, String> {
		let certificates: Vec<CertificateDer<'static>> =
			CertificateDer::pem_file_iter(&self.certificate)
				.and_then(|certs| certs.collect())
				.map_err(|e| format!("TLS certificate {}: {e}", self.certificate.display()))?;
		let key = PrivateKeyDer::from_pem_file(&self.private_key)
			.map_err(|e| format!("TLS key {}: {e}", self.private_key.display()))?;
		let provider = Arc::new(rustls::crypto::ring::default_provider());
		let mut config = rustls::ServerConfig::builder_with_provider(provider)
			.with_safe_default_protocol_versions()
			.map_err(|e| e.to_string())?
			.with_no_client_auth()
			.with_single_cert(certificates, key)
			.map_err(|e| format!("TLS certificate and key: {e}"))?;
		config.alpn_protocols = vec![b"http/1.1".to_vec()];
		Ok(TlsAcceptor::from(Arc::new(config)))
	}
}

/// How long a stopping service waits for the requests in flight (a download of a large file)
/// before it exits anyway: within systemd's default stop timeout (90 s).
pub const STOP_GRACE: Duration = Duration::from_secs(60);

/// Serves `app` on `listener` (over TLS when `tls` is given) until SIGTERM or Ctrl-C, then
/// accepts no new connection and lets the requests in flight finish, for `STOP_GRACE` at most.
pub async fn serve(
	listener: TcpListener,
	app: Router,
	tls: Option<TlsAcceptor>,
) -> Result<(), String> {
	let address = listener.local_addr().map_err(|e| e.to_string())?;
	let scheme = if tls.is_some() { "https" } else { "http" };
	tracing::info!("listening on {scheme}://{address}");
	match tls {
		None => {
			let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
			let server = axum::serve(listener, app)
				.with_graceful_shutdown(async {
					stop_signal().await;
					let _ = stopping.send(());
				})
				.into_future();
			tokio::pin!(server);
			// Serve until the signal; then give the requests in flight their grace.
			tokio::select! {
				result = &mut server => return result.map_err(|e| e.to_string()),
				_ = stopped => {},
			}
			match tokio::time::timeout(STOP_GRACE, server).await {
				Ok(result) => result.map_err(|e| e.to_string()),
				Err(_) => {
					tracing::warn!(
						"requests still in flight after {STOP_GRACE:?}; stopping anyway"
					);
					Ok(())
				},
			}
		},
		Some(acceptor) => serve_tls(listener, acceptor, app, stop_signal()).await,
	}
}

/// Resolves on SIGTERM (what service managers send) or Ctrl-C.
pub async fn stop_signal() {
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			},
			Err(_) => std::future::pending().await,
		}
	};
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = terminate => {},
	}
	tracing::info!("stop signal received");
}

/// HTTP/1.1 over rustls, one task a connection; a failed handshake drops only its connection.
/// On `stop`, every open connection finishes its request in flight and closes.
async fn serve_tls(
	listener: TcpListener,
	acceptor: TlsAcceptor,
	app: Router,
	stop: impl Future<Output = ()>,
) -> Result<(), String> {
	let connections = hyper_util::server::graceful::GracefulShutdown::new();
	tokio::pin!(stop);
	loop {
		let (stream, peer) = tokio::select! {
			accepted = listener.accept() => match accepted {
				Ok(accepted) => accepted,
				Err(e) => {
					tracing::warn!(error = %e, "accept failed");
					continue;
				},
			},
			_ = &mut stop => break,
		};
		let acceptor = acceptor.clone();
		let service = hyper_util::service::TowerToHyperService::new(app.clone());
		let watcher = connections.watcher();
		tokio::spawn(async move {
			let tls = match acceptor.accept(stream).await {
				Ok(tls) => tls,
				Err(e) => {
					tracing::debug!(%peer, error = %e, "TLS handshake failed");
					return;
				},
			};
			let io = hyper_util::rt::TokioIo::new(tls);
			let connection =
				hyper::server::conn::http1::Builder::new().serve_connection(io, service);
			if let Err(e) = watcher.watch(connection).await {
				tracing::debug!(%peer, error = %e, "connection ended");
			}
		});
	}
	drop(listener);
	if tokio::time::timeout(STOP_GRACE, connections.shutdown()).await.is_err() {
		tracing::warn!("requests still in flight after {STOP_GRACE:?}; stopping anyway");
	}
	Ok(())
}

//! `gateway-bench`: many consumers downloading one asset at once, through a gateway (each
//! request signed anew, as `fetch` signs it) or from a plain static file server, for
//! `scripts/bench-gateway`. Bytes are counted and hashed as received, not decrypted: the
//! gateway's work is what is measured, on a machine the consumers share with it.

use crate::{
	chain::Node,
	error::{CliError, Kind, Result},
	fetch,
	output::Report,
};
use city_client::served;
use http_body_util::BodyExt;
use hyper::Uri;
use serde_json::json;
use std::{
	sync::Arc,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::Keypair;

#[derive(clap::Args)]
pub struct GatewayBenchArgs {
	/// A gateway (`--asset` and `--grant` name what to fetch), or with `--plain` a static file
	/// server and the file's path on it. (`--url` is the node's.)
	#[arg(long)]
	pub gateway: String,
	#[arg(long, required_unless_present = "plain")]
	pub asset: Option<u64>,
	#[arg(long, required_unless_present = "plain")]
	pub grant: Option<u64>,
	/// Fetch `--gateway` + this path, unsigned, from a plain server.
	#[arg(long)]
	pub plain: Option<String>,
	/// Consumers downloading at once.
	#[arg(long, default_value_t = 64)]
	pub concurrency: usize,
	/// How long to run, in seconds (downloads under way at the end are counted in bytes).
	#[arg(long, default_value_t = 20)]
	pub seconds: u64,
}

#[derive(Default)]
struct Tally {
	bytes: u64,
	completed: u64,
	failed: u64,
	first_byte_ms: Vec<f64>,
	total_ms: Vec<f64>,
	/// The gateway's own account of its checks (`Server-Timing: authorize;dur=…`).
	authorize_ms: Vec<f64>,
}

pub async fn run(
	node: Option<&Node>,
	key: Option<&Keypair>,
	args: GatewayBenchArgs,
) -> Result<Report> {
	let base: Uri = args.gateway.parse().map_err(|_| CliError::usage("--gateway is not a URL"))?;
	let signing = match (&args.plain, node, key, args.asset, args.grant) {
		(Some(_), ..) => None,
		(None, Some(node), Some(key), Some(asset), Some(grant)) => {
			Some((node.client.genesis_hash().0, key.clone(), asset, grant))
		},
		_ => return Err(CliError::usage("a gateway run needs --suri, --asset and --grant")),
	};
	let signing = Arc::new(signing);
	let deadline = Instant::now() + Duration::from_secs(args.seconds);
	let started = Instant::now();
	let mut workers = Vec::new();
	for _ in 0..args.concurrency.max(1) {
		let (base, plain, signing) = (base.clone(), args.plain.clone(), signing.clone());
		workers.push(tokio::spawn(async move {
			let mut tally = Tally::default();
			while Instant::now() < deadline {
				let begun = Instant::now();
				let response = match (&*signing, &plain) {
					(Some((genesis, key, asset, grant)), _) => {
						let signed =
							served::sign(key, genesis, served::new_request(*grant, *asset, None));
						fetch::get(&base, Some(&signed), &signed.path(), 0, None).await
					},
					(None, Some(path)) => fetch::get(&base, None, path, 0, None).await,
					(None, None) => break,
				};
				let Ok(response) = response else {
					tally.failed += 1;
					continue;
				};
				if !response.status().is_success() {
					tally.failed += 1;
					let _ = response.into_body().collect().await;
					tokio::time::sleep(Duration::from_millis(50)).await;
					continue;
				}
				if let Some(ms) = authorize_ms(response.headers()) {
					tally.authorize_ms.push(ms);
				}
				let mut body = response.into_body();
				let mut first = None;
				let mut complete = true;
				while let Some(frame) = body.frame().await {
					match frame {
						Ok(frame) => {
							if let Ok(data) = frame.into_data() {
								first.get_or_insert_with(|| begun.elapsed());
								tally.bytes += data.len() as u64;
							}
						},
						Err(_) => {
							complete = false;
							break;
						},
					}
					if Instant::now() >= deadline + Duration::from_secs(120) {
						complete = false;
						break;
					}
				}
				if complete {
					tally.completed += 1;
					tally.first_byte_ms.push(first.unwrap_or_default().as_secs_f64() * 1e3);
					tally.total_ms.push(begun.elapsed().as_secs_f64() * 1e3);
				} else {
					tally.failed += 1;
				}
			}
			tally
		}));
	}
	let mut all = Tally::default();
	for worker in workers {
		let tally = worker.await.map_err(|e| CliError::new(Kind::Internal, e.to_string()))?;
		all.bytes += tally.bytes;
		all.completed += tally.completed;
		all.failed += tally.failed;
		all.first_byte_ms.extend(tally.first_byte_ms);
		all.total_ms.extend(tally.total_ms);
		all.authorize_ms.extend(tally.authorize_ms);
	}
	let elapsed = started.elapsed().as_secs_f64();
	let mib_per_s = all.bytes as f64 / elapsed / (1024.0 * 1024.0);
	let (ttfb50, ttfb99) =
		(percentile(&mut all.first_byte_ms, 0.5), percentile(&mut all.first_byte_ms, 0.99));
	let (p50, p99) = (percentile(&mut all.total_ms, 0.5), percentile(&mut all.total_ms, 0.99));
	let (auth50, auth99) =
		(percentile(&mut all.authorize_ms, 0.5), percentile(&mut all.authorize_ms, 0.99));
	Ok(Report::new(
		format!(
			"{:.1} MiB/s, {} downloads ({} failed) in {elapsed:.1} s; latency p50 {p50:.1} ms p99 {p99:.1} ms; first byte p50 {ttfb50:.2} ms p99 {ttfb99:.2} ms; checks p50 {auth50:.3} ms p99 {auth99:.3} ms",
			mib_per_s, all.completed, all.failed
		),
		json!({
			"seconds": elapsed,
			"bytes": all.bytes,
			"mib_per_s": mib_per_s,
			"downloads": all.completed,
			"failed": all.failed,
			"latency_ms": { "p50": p50, "p99": p99 },
			"first_byte_ms": { "p50": ttfb50, "p99": ttfb99 },
			"authorize_ms": { "p50": auth50, "p99": auth99, "samples": all.authorize_ms.len() },
		}),
	))
}

/// `authorize;dur=0.412` from a `Server-Timing` header, in milliseconds.
fn authorize_ms(headers: &hyper::HeaderMap) -> Option<f64> {
	let timing = headers.get("server-timing")?.to_str().ok()?;
	timing.split(',').find_map(|metric| {
		let mut parts = metric.split(';').map(str::trim);
		if parts.next()? != "authorize" {
			return None;
		}
		parts.find_map(|param| param.strip_prefix("dur=")?.parse().ok())
	})
}

fn percentile(values: &mut [f64], q: f64) -> f64 {
	if values.is_empty() {
		return 0.0;
	}
	values.sort_by(f64::total_cmp);
	let index = ((values.len() - 1) as f64 * q).round() as usize;
	values[index.min(values.len() - 1)]
}

#[cfg(test)]
mod tests {
	use super::authorize_ms;

	#[test]
	fn reads_the_authorize_metric_of_server_timing() {
		let mut headers = hyper::HeaderMap::new();
		assert_eq!(authorize_ms(&headers), None);
		headers.insert(
			"server-timing",
			"db;dur=2, authorize;desc=\"checks\";dur=0.412".parse().unwrap(),
		);
		assert_eq!(authorize_ms(&headers), Some(0.412));
		headers.insert("server-timing", "authorize".parse().unwrap());
		assert_eq!(authorize_ms(&headers), None);
	}
}

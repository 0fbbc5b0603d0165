//! City codes: issue one or many, resolve a code's text, and draw a code's URI as a QR code.

use crate::{
	chain::{self, city, AtBlock, Node, Wait},
	error::{CliError, Kind, Result},
	output::Report,
	qr,
};
use city::runtime_types::pallet_city_codes::types::{
	CodeStatus, CodeView, Location, NewCode, ResolveError,
};
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

/// The URI scheme of a city code. Upper case on purpose: URI schemes are case-insensitive, and an
/// all-upper-case URI fits QR's compact alphanumeric mode.
pub const URI_SCHEME: &str = "CITYCODE:";

#[derive(Subcommand)]
pub enum CodeCommand {
	/// Issue a code for one object of your department (as Steward or Operator).
	Issue {
		/// The object class id.
		#[arg(long)]
		class: u16,
		/// The object's display name.
		#[arg(long)]
		name: String,
		/// Latitude in degrees (with --longitude).
		#[arg(long, requires = "longitude", allow_hyphen_values = true)]
		latitude: Option<f64>,
		/// Longitude in degrees (with --latitude).
		#[arg(long, requires = "latitude", allow_hyphen_values = true)]
		longitude: Option<f64>,
		/// The id of the code this object is part of.
		#[arg(long)]
		parent: Option<u64>,
	},
	/// Issue COUNT codes of one class, named PREFIX-1 … PREFIX-COUNT, in calls of the runtime's
	/// `MaxBatch` (50).
	Batch {
		#[arg(long)]
		class: u16,
		#[arg(long)]
		count: u32,
		/// The names' prefix.
		#[arg(long)]
		prefix: String,
	},
	/// Resolve a code's text to its record (any letter case).
	Resolve { code: String },
	/// Write a code's URI (`CITYCODE:<code>`, or `--base` followed by the code) as a QR code PNG.
	Qr {
		code: String,
		/// Where to write the PNG.
		#[arg(long)]
		out: PathBuf,
		/// A resolver URL to put in front of the code instead of the `CITYCODE:` scheme.
		#[arg(long)]
		base: Option<String>,
		/// Pixels per QR module.
		#[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
		scale: u32,
	},
}

fn location(latitude: Option<f64>, longitude: Option<f64>) -> Result<Option<Location>> {
	let (Some(lat), Some(lon)) = (latitude, longitude) else { return Ok(None) };
	let micro = |degrees: f64, max: f64, what: &str| -> Result<i32> {
		if !(degrees.is_finite() && degrees.abs() <= max) {
			return Err(CliError::usage(format!("{what} must be within ±{max} degrees")));
		}
		Ok((degrees * 1_000_000.0).round() as i32)
	};
	Ok(Some(Location {
		latitude: micro(lat, 90.0, "--latitude")?,
		longitude: micro(lon, 180.0, "--longitude")?,
	}))
}

pub async fn run(
	node: &Node,
	key: Option<&Keypair>,
	command: CodeCommand,
	wait: Wait,
	progress: bool,
) -> Result<Report> {
	match command {
		CodeCommand::Issue { class, name, latitude, longitude, parent } => {
			let call = city::tx().city_codes().issue_code(
				class,
				name.into_bytes(),
				location(latitude, longitude)?,
				None,
				parent,
			);
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			let event = included.event::<city::city_codes::events::CodeIssued>()?;
			let at = node
				.client
				.at_block(included.block_hash)
				.await
				.map_err(|e| CliError::node("cannot read the block", e))?;
			let text = format_code(&at, event.code).await?;
			Ok(Report::new(
				format!("issued {text} (code id {})\n{}", event.code, included.text()),
				json!({ "code": text, "id": event.code, "serial": event.serial, "included": included.json() }),
			))
		},
		CodeCommand::Batch { class, count, prefix } => {
			batch(node, key, class, count, &prefix, wait, progress).await
		},
		CodeCommand::Resolve { code } => {
			let at = node.at_head().await?;
			let view = resolve(&at, &code).await?;
			Ok(Report::new(view_text(&view), view_json(&view)))
		},
		CodeCommand::Qr { code, out, base, scale } => {
			// Only codes the chain knows get a QR code: a printed code must resolve.
			let at = node.at_head().await?;
			let view = resolve(&at, &code).await?;
			let text = chain::text(&view.text);
			let uri = match base {
				Some(base) => format!("{base}{text}"),
				None => format!("{URI_SCHEME}{text}"),
			};
			let size = qr::write_png(&uri, scale, &out)?;
			Ok(Report::new(
				format!("{} ({size}×{size} px): {uri}", out.display()),
				json!({ "code": text, "uri": uri, "file": out.display().to_string(), "pixels": size }),
			))
		},
	}
}

/// The most codes one `issue_codes_batch` call takes (the runtime's `MaxBatch`).
pub fn max_batch(at: &AtBlock) -> Result<usize> {
	let max = at
		.constants()
		.entry(city::constants().city_codes().max_batch())
		.map_err(|e| CliError::new(Kind::Internal, format!("cannot read MaxBatch: {e}")))?;
	Ok((max as usize).max(1))
}

/// Issues `count` codes in calls of the runtime's `MaxBatch`, all signed up front with
/// consecutive nonces and watched together, so a thousand codes take a few blocks, not one
/// block per call. If some calls fail, the error says which codes were issued.
async fn batch(
	node: &Node,
	key: Option<&Keypair>,
	class: u16,
	count: u32,
	prefix: &str,
	wait: Wait,
	progress: bool,
) -> Result<Report> {
	if count == 0 {
		return Err(CliError::usage("--count must be at least 1"));
	}
	let key = chain::signer(key)?;
	let per_call = max_batch(&node.at_head().await?)?;
	let count = count as usize;
	let sizes: Vec<usize> =
		(0..count.div_ceil(per_call)).map(|call| per_call.min(count - call * per_call)).collect();
	let calls: Vec<_> = sizes
		.iter()
		.enumerate()
		.map(|(call, size)| {
			let codes = (1..=*size)
				.map(|j| NewCode {
					name: format!("{prefix}-{}", call * per_call + j).into_bytes(),
					location: None,
					attributes: None,
					parent: None,
				})
				.collect::<Vec<_>>();
			city::tx().city_codes().issue_codes_batch(class, codes)
		})
		.collect();
	let bar = crate::progress::bar(progress, count as u64, "codes");
	let results = chain::submit_all(node, &calls, key, wait, |index| {
		bar.inc(sizes.get(index).copied().unwrap_or(0) as u64);
	})
	.await;
	bar.finish_and_clear();
	let mut issued = Vec::new();
	let mut last_block = None;
	let mut failure = None;
	for result in results {
		match result {
			Ok(included) => {
				let event = included.event::<city::city_codes::events::CodesIssued>()?;
				issued.push((event.first_code, event.count));
				last_block = Some(included);
			},
			Err(error) => failure = failure.or(Some(error)),
		}
	}
	let ranges: Vec<_> =
		issued.iter().map(|(first, n)| json!({ "first_id": first, "count": n })).collect();
	if let Some(error) = failure {
		let done: u32 = issued.iter().map(|(_, n)| n).sum();
		return Err(CliError::new(
			error.kind,
			format!("{} ({done} of {count} codes were issued, see --json)", error.message),
		)
		.with_detail(json!({ "issued": done, "ranges": ranges })));
	}
	let (Some(last_block), Some(&(first_id, _)), Some(&(last_first, last_count))) =
		(last_block, issued.first(), issued.last())
	else {
		return Err(CliError::new(Kind::Internal, "no call was submitted"));
	};
	let at = node
		.client
		.at_block(last_block.block_hash)
		.await
		.map_err(|e| CliError::node("cannot read the block", e))?;
	let first = format_code(&at, first_id).await?;
	let last = format_code(&at, last_first + u64::from(last_count).saturating_sub(1)).await?;
	Ok(Report::new(
		format!(
			"issued {count} codes, {first} … {last}, in {} calls\n{}",
			issued.len(),
			last_block.text()
		),
		json!({ "count": count, "first": first, "last": last, "ranges": ranges }),
	))
}

async fn format_code(at: &AtBlock, code: u64) -> Result<String> {
	let api = city::runtime_apis().city_codes_api();
	let entry = chain::find(at, api.code(code), || format!("no code has id {code}")).await?;
	Ok(chain::text(&entry.text))
}

type View = CodeView<AccountId32, u128, u32>;

/// The code's record, or why the text names none: malformed or mistyped text and retired codes
/// are the answer "no" (exit 6), unknown parts `NotFound` (exit 4).
pub async fn resolve(at: &AtBlock, code: &str) -> Result<View> {
	let api = city::runtime_apis().city_codes_api();
	let answer = chain::call(at, api.resolve(code.as_bytes().to_vec())).await?;
	answer.map_err(|error| {
		let no = |message: String| CliError::new(Kind::No, message);
		match error {
			ResolveError::Malformed(part) => no(format!("`{code}` is not a city code: {part:?}"))
				.with_detail(json!({ "reason": "Malformed", "part": format!("{part:?}") })),
			ResolveError::WrongCheckCharacter => no(format!(
				"`{code}` has a wrong check character: a character is mistyped or two are swapped"
			))
			.with_detail(json!({ "reason": "WrongCheckCharacter" })),
			ResolveError::UnknownCity => {
				CliError::not_found(format!("`{code}` belongs to another city"))
			},
			ResolveError::UnknownDepartmentPrefix => CliError::not_found(format!(
				"no department issues codes with the prefix of `{code}`"
			)),
			ResolveError::UnknownClass => {
				CliError::not_found(format!("no object class has the class of `{code}`"))
			},
			ResolveError::UnknownCode => CliError::not_found(format!("`{code}` was never issued")),
			ResolveError::Retired(view) => {
				no(format!("`{code}` is retired")).with_detail(view_json(&view))
			},
		}
	})
}

fn status_name(status: &CodeStatus) -> &'static str {
	match status {
		CodeStatus::Active => "active",
		CodeStatus::Suspended => "suspended",
		CodeStatus::Retired => "retired",
	}
}

fn view_text(view: &View) -> String {
	let r = &view.record;
	let mut text = format!(
		"{} (id {}) \"{}\" {}\nclass {}  serial {}  owner department {}  issued by department {} at block {}",
		chain::text(&view.text),
		view.id,
		chain::text(&r.name),
		status_name(&r.status),
		r.class,
		r.serial,
		r.owner,
		r.issuer,
		r.issued_at,
	);
	if let Some(l) = &r.location {
		text.push_str(&format!(
			"\nlocation {:.6}, {:.6}",
			f64::from(l.latitude) / 1e6,
			f64::from(l.longitude) / 1e6
		));
	}
	if let Some(parent) = r.parent {
		text.push_str(&format!("\npart of code id {parent}"));
	}
	if !r.assets.is_empty() {
		text.push_str(&format!("\nlinked assets {:?}", r.assets));
	}
	text
}

fn view_json(view: &View) -> serde_json::Value {
	let r = &view.record;
	json!({
		"code": chain::text(&view.text),
		"id": view.id,
		"name": chain::text(&r.name),
		"status": status_name(&r.status),
		"class": r.class,
		"serial": r.serial,
		"owner": r.owner,
		"issuer": r.issuer,
		"issued_at": r.issued_at,
		"parent": r.parent,
		"depth": r.depth,
		"location": r.location.as_ref().map(|l| json!({ "latitude": f64::from(l.latitude) / 1e6, "longitude": f64::from(l.longitude) / 1e6 })),
		"assets": r.assets,
	})
}

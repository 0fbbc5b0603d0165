//! Access to other departments' data: request, approve or reject, revoke, record each use, and
//! ask whether access is allowed.

use crate::{
	chain::{self, city, Node, Wait},
	error::{CliError, Kind, Result},
	output::Report,
};
use city::runtime_types::pallet_access_grants::types::{AccessDecision, DenialReason, Scope};
use clap::{Subcommand, ValueEnum};
use serde_json::json;
use subxt_signer::sr25519::Keypair;

/// Blocks per day at six-second blocks: durations on the command line are in days.
const BLOCKS_PER_DAY: u32 = 14_400;

#[derive(Subcommand)]
pub enum AccessCommand {
	/// Ask for access to another department's asset (as a Steward of the asking department).
	Request {
		/// The asset.
		asset: u64,
		/// Why the data is needed; recorded on-chain with the grant.
		#[arg(long)]
		purpose: String,
		#[arg(long, value_enum, default_value_t = ScopeArg::Read)]
		scope: ScopeArg,
		/// How long access should last, in days.
		#[arg(long, default_value_t = 30)]
		days: u32,
	},
	/// Approve a request to one of your department's assets (as its Steward).
	Approve {
		/// The request id.
		request: u64,
		/// Shorten the requested term to this many days.
		#[arg(long)]
		days: Option<u32>,
		/// Cap the number of recorded accesses.
		#[arg(long)]
		max_uses: Option<u32>,
	},
	/// Reject a request, with a reason the requester sees.
	Reject {
		request: u64,
		#[arg(long)]
		reason: String,
	},
	/// Revoke a grant your department issued, with a reason.
	Revoke {
		grant: u64,
		#[arg(long)]
		reason: String,
	},
	/// Record one access under a grant: the on-chain audit entry of a data transfer.
	Record {
		/// The asset accessed.
		asset: u64,
		/// The grant that allows it.
		#[arg(long)]
		grant: u64,
		/// 32-byte hex receipt of what was transferred (e.g. a hash of the response); zero if
		/// omitted.
		#[arg(long)]
		receipt: Option<String>,
	},
	/// Whether a department (or an account's department) may access an asset now.
	Check {
		asset: u64,
		/// The department asking.
		#[arg(long, conflicts_with = "account")]
		department: Option<u32>,
		/// An account whose department is asking (SS58); default: the --suri key's account.
		#[arg(long)]
		account: Option<String>,
	},
	/// Show a grant.
	Grant { grant: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
	/// Fetch the data set as published.
	Read,
	/// Run queries against it and receive their results.
	Query,
	/// Produce derived data (aggregates, statistics) and keep it.
	Derive,
}

impl From<ScopeArg> for Scope {
	fn from(value: ScopeArg) -> Self {
		match value {
			ScopeArg::Read => Scope::Read,
			ScopeArg::Query => Scope::Query,
			ScopeArg::Derive => Scope::Derive,
		}
	}
}

fn scope_name(scope: &Scope) -> &'static str {
	match scope {
		Scope::Read => "read",
		Scope::Query => "query",
		Scope::Derive => "derive",
	}
}

fn days_to_blocks(days: u32) -> Result<u32> {
	days.checked_mul(BLOCKS_PER_DAY)
		.filter(|blocks| *blocks > 0)
		.ok_or_else(|| CliError::usage(format!("{days} days is not a usable duration")))
}

fn parse_receipt(text: Option<&str>) -> Result<[u8; 32]> {
	let Some(text) = text else { return Ok([0u8; 32]) };
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| CliError::usage(format!("--receipt is not hex: {e}")))?;
	bytes.try_into().map_err(|b: Vec<u8>| {
		CliError::usage(format!("--receipt must be 32 bytes, not {}", b.len()))
	})
}

pub async fn run(
	node: &Node,
	key: Option<&Keypair>,
	command: AccessCommand,
	wait: Wait,
) -> Result<Report> {
	let tx = city::tx().access_grants();
	match command {
		AccessCommand::Request { asset, purpose, scope, days } => {
			let call =
				tx.request_access(asset, purpose.into_bytes(), scope.into(), days_to_blocks(days)?);
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			let event = included.event::<city::access_grants::events::RequestOpened>()?;
			Ok(Report::new(
				format!(
					"request {} for asset {} (owner department {}) is open\n{}",
					event.request,
					event.asset,
					event.owner,
					included.text()
				),
				json!({ "request": event.request, "asset": event.asset, "owner": event.owner, "included": included.json() }),
			))
		},
		AccessCommand::Approve { request, days, max_uses } => {
			let duration = days.map(days_to_blocks).transpose()?;
			let call = tx.approve_request(request, duration, max_uses);
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			let approved = included.event::<city::access_grants::events::RequestApproved>()?;
			let grant = included
				.events
				.find_first::<city::access_grants::events::GrantIssued>()
				.transpose()
				.map_err(|e| CliError::new(Kind::Internal, format!("cannot decode event: {e}")))?;
			let text = match &grant {
				Some(g) => format!(
					"request {request} approved: grant {} expires at block {}\n{}",
					g.grant,
					g.expires_at,
					included.text()
				),
				None => format!(
					"request {request} approved; it awaits the oversight office{}\n{}",
					if approved.awaiting_oversight { "" } else { " (no grant yet)" },
					included.text()
				),
			};
			Ok(Report::new(
				text,
				json!({
					"request": request,
					"grant": grant.as_ref().map(|g| g.grant),
					"expires_at": grant.as_ref().map(|g| g.expires_at),
					"awaiting_oversight": approved.awaiting_oversight,
					"included": included.json(),
				}),
			))
		},
		AccessCommand::Reject { request, reason } => {
			let call = tx.reject_request(request, reason.into_bytes());
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			included.event::<city::access_grants::events::RequestRejected>()?;
			Ok(Report::new(
				format!("request {request} rejected\n{}", included.text()),
				json!({ "request": request, "rejected": true, "included": included.json() }),
			))
		},
		AccessCommand::Revoke { grant, reason } => {
			let call = tx.revoke_access(grant, reason.into_bytes());
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			included.event::<city::access_grants::events::GrantRevoked>()?;
			Ok(Report::new(
				format!("grant {grant} revoked\n{}", included.text()),
				json!({ "grant": grant, "revoked": true, "included": included.json() }),
			))
		},
		AccessCommand::Record { asset, grant, receipt } => {
			let call = tx.record_access(asset, grant, parse_receipt(receipt.as_deref())?);
			let included = chain::submit(node, &call, chain::signer(key)?, wait).await?;
			let event = included.event::<city::access_grants::events::AccessRecorded>()?;
			Ok(Report::new(
				format!(
					"access {} to asset {asset} under grant {grant} recorded for department {}\n{}",
					event.use_count,
					event.department,
					included.text()
				),
				json!({
					"asset": asset,
					"grant": grant,
					"department": event.department,
					"use_count": event.use_count,
					"included": included.json(),
				}),
			))
		},
		AccessCommand::Check { asset, department, account } => {
			check(node, key, asset, department, account).await
		},
		AccessCommand::Grant { grant } => show_grant(node, grant).await,
	}
}

/// "Allowed" is success; "denied" is the answer "no" (exit code 6) with the reason.
async fn check(
	node: &Node,
	key: Option<&Keypair>,
	asset: u64,
	department: Option<u32>,
	account: Option<String>,
) -> Result<Report> {
	let at = node.at_head().await?;
	let api = city::runtime_apis().access_grants_api();
	let (who, decision) = match (department, account) {
		(Some(department), _) => (
			format!("department {department}"),
			chain::call(&at, api.check_access(department, asset)).await?,
		),
		(None, account) => {
			let account = match (account, key) {
				(Some(text), _) => chain::parse_account(&text)?,
				(None, Some(key)) => chain::account_of(key),
				(None, None) => {
					return Err(CliError::usage("say who asks: --department, --account or --suri"))
				},
			};
			(
				format!("account {account}"),
				chain::call(&at, api.check_account_access(account, asset)).await?,
			)
		},
	};
	match decision {
		AccessDecision::Allowed { grant, expires_at, remaining_uses } => {
			let how = match grant {
				Some(g) => format!("under grant {g}"),
				None => "as owner or because the asset is public".into(),
			};
			Ok(Report::new(
				format!("{who} may access asset {asset} {how}"),
				json!({
					"asset": asset,
					"allowed": true,
					"grant": grant,
					"expires_at": expires_at,
					"remaining_uses": remaining_uses,
				}),
			))
		},
		AccessDecision::Denied(reason) => {
			let (name, text) = denial(&reason);
			// An unknown asset is "not found" (4), as everywhere; a denial is the answer "no" (6).
			let kind = if matches!(reason, DenialReason::UnknownAsset) {
				Kind::NotFound
			} else {
				Kind::No
			};
			Err(CliError::new(kind, format!("{who} may not access asset {asset}: {text}"))
				.with_detail(json!({ "asset": asset, "allowed": false, "reason": name })))
		},
	}
}

fn denial(reason: &DenialReason) -> (&'static str, &'static str) {
	match reason {
		DenialReason::UnknownAsset => ("UnknownAsset", "no asset has this id"),
		DenialReason::AssetRetired => ("AssetRetired", "the asset is retired"),
		DenialReason::NotMember => ("NotMember", "the account does not act for any department"),
		DenialReason::DepartmentInactive => {
			("DepartmentInactive", "the asking department is suspended or unknown")
		},
		DenialReason::OwnerInactive => ("OwnerInactive", "the owning department is suspended"),
		DenialReason::NoGrant => ("NoGrant", "there is no grant"),
		DenialReason::OwnerChanged => ("OwnerChanged", "the asset changed owner since the grant"),
		DenialReason::Expired => ("Expired", "the grant expired"),
		DenialReason::Exhausted => ("Exhausted", "the grant's uses are used up"),
		DenialReason::PendingOversight => {
			("PendingOversight", "the grant awaits the oversight office")
		},
	}
}

async fn show_grant(node: &Node, grant: u64) -> Result<Report> {
	let at = node.at_head().await?;
	let api = city::runtime_apis().access_grants_api();
	let view =
		chain::find(&at, api.grant_info(grant), || format!("no grant has id {grant}")).await?;
	let uses = match view.max_uses {
		Some(max) => format!("{} of {max} uses", view.uses),
		None => format!("{} uses", view.uses),
	};
	Ok(Report::new(
		format!(
			"grant {grant}: asset {} of department {} to department {}\npurpose \"{}\"  scope {}\n\
			 granted at block {}, expires at block {}, {uses}",
			view.asset,
			view.owner,
			view.grantee,
			chain::text(&view.purpose),
			scope_name(&view.scope),
			view.granted_at,
			view.expires_at,
		),
		json!({
			"grant": grant,
			"asset": view.asset,
			"owner": view.owner,
			"grantee": view.grantee,
			"purpose": chain::text(&view.purpose),
			"scope": scope_name(&view.scope),
			"granted_by": view.granted_by.to_string(),
			"granted_at": view.granted_at,
			"expires_at": view.expires_at,
			"max_uses": view.max_uses,
			"uses": view.uses,
			"oversight_required": view.oversight_required,
			"oversight_approved": view.oversight_approved,
		}),
	))
}

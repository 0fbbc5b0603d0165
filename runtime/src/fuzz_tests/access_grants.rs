//! Access grants: requests and their answers, grants given directly, their use and end, and the
//! oversight office's calls (fitting origin: an oversight board motion, or sudo to see it
//! refused).

use super::{
	inputs::{bounded, display_text, duration, max_uses, nth, scope},
	plan::Kind,
	resolver::{Resolved, Resolver},
	state,
};
use crate::RuntimeCall;
use city_primitives::Role;
use frame_support::BoundedVec;
use pallet_access_grants::OversightSubject;
use sp_core::Pair;

impl Resolver<'_> {
	/// A `pallet_access_grants` call and the account fit to sign it.
	pub(super) fn access_grants_call(&self) -> Resolved {
		use Kind::*;
		let (fitting, call) = match self.action.kind {
			RequestAccess | CancelRequest | ApproveRequest | RejectRequest => self.request_call(),
			GrantAccess | RevokeAccess | RenounceAccess | RecordAccess | RecordServed => {
				self.grant_call()
			},
			OversightApprove | OversightReject | PurgeExpired | PurgeRequest => {
				self.oversight_call()
			},
			kind => unreachable!("{kind:?} is not an access-grants call"),
		};
		Resolved::Fitting(fitting, call)
	}

	/// A request for access, or its answer by the owner (or its cancellation by the requester).
	fn request_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let num = a.num;
		match a.kind {
			RequestAccess => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				let requester = self.other_department_with(owner, &[Role::Steward], p2);
				(
					self.member(requester, &[Role::Steward], p1),
					pallet_access_grants::Call::request_access {
						asset,
						purpose: bounded(display_text(seed, self.bad(2), 256)),
						scope: scope(seed),
						duration: duration(num, self.bad(3)),
					}
					.into(),
				)
			},
			CancelRequest | ApproveRequest | RejectRequest => {
				let (request, record) = match (self.bad(1), nth(&state::requests(), p0)) {
					(false, Some((id, record))) => (id, Some(record)),
					_ => (seed, None),
				};
				let department = match (&record, a.kind) {
					(Some(r), CancelRequest) => r.requester,
					(Some(r), _) => r.owner,
					(None, _) => self.department(p2),
				};
				let call: RuntimeCall = match a.kind {
					CancelRequest => pallet_access_grants::Call::cancel_request { request }.into(),
					ApproveRequest => {
						let requested = record.as_ref().map(|r| r.duration).unwrap_or(10);
						let duration = match num % 4 {
							0 if self.bad(3) => Some(requested + 1),
							0 => Some(1 + num % requested.max(1)),
							_ => None,
						};
						pallet_access_grants::Call::approve_request {
							request,
							duration,
							max_uses: max_uses(num >> 4, self.bad(3)),
						}
						.into()
					},
					_ => pallet_access_grants::Call::reject_request {
						request,
						reason: bounded(display_text(seed, self.bad(2), 256)),
					}
					.into(),
				};
				(self.member(department, &[Role::Steward], p1), call)
			},
			kind => unreachable!("{kind:?} is not a request call"),
		}
	}

	/// A grant given by the owner, or the end or use of a grant.
	fn grant_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let num = a.num;
		match a.kind {
			GrantAccess => {
				let asset = self.asset(p0);
				let owner = state::asset(asset).map(|a| a.owner).unwrap_or(0);
				(
					self.member(owner, &[Role::Steward], p1),
					pallet_access_grants::Call::grant_access {
						asset,
						grantee: self.other_department_with(owner, &[Role::Steward], p2),
						purpose: bounded(display_text(seed, self.bad(2), 256)),
						scope: scope(seed),
						duration: duration(num, self.bad(3)),
						max_uses: max_uses(num >> 4, self.bad(3)),
					}
					.into(),
				)
			},
			RevokeAccess | RenounceAccess | RecordAccess | RecordServed => {
				let (grant, record) = match (self.bad(1), nth(&state::grants(), p0)) {
					(false, Some((id, record))) => (id, Some(record)),
					_ => (seed, None),
				};
				let (owner, grantee, asset) =
					record.map(|g| (g.owner, g.grantee, g.asset)).unwrap_or((0, 1, 0));
				match a.kind {
					RevokeAccess => (
						self.member(owner, &[Role::Steward], p1),
						pallet_access_grants::Call::revoke_access {
							grant,
							reason: bounded(display_text(seed, self.bad(2), 256)),
						}
						.into(),
					),
					RenounceAccess => (
						self.member(grantee, &[Role::Steward], p1),
						pallet_access_grants::Call::renounce_access { grant }.into(),
					),
					RecordServed => {
						// A member of the grantee signs (sometimes an outsider, sometimes over
						// another request), the owner's gateway records.
						let consumer = self.member(grantee, &Role::ALL, p2).unwrap_or(p2 as usize);
						let (account, pair) = &self.keys.0[consumer % self.keys.0.len()];
						let request = pallet_access_grants::ServedRequest {
							grant,
							asset: if self.bad(4) { asset + 1 } else { asset },
							version: None,
							issued_at: seed,
							nonce: u128::from(seed).to_le_bytes(),
						};
						let genesis_hash = frame_system::Pallet::<crate::Runtime>::block_hash(0);
						let signed = if self.bad(4) { seed.wrapping_add(1) } else { seed };
						let payload =
							pallet_access_grants::ServedRequest { issued_at: signed, ..request }
								.signing_payload(genesis_hash.as_ref());
						let served = pallet_access_grants::ServedAccess {
							request,
							consumer: account.clone(),
							signature: pair.sign(&payload).into(),
							receipt: self.hash(),
						};
						(
							self.member(owner, &[Role::Operator, Role::Steward], p1),
							pallet_access_grants::Call::record_served {
								accesses: BoundedVec::truncate_from(vec![served]),
							}
							.into(),
						)
					},
					_ => {
						// Mostly the owner's gateway records; sometimes the grantee's.
						let side = if num.is_multiple_of(4) { grantee } else { owner };
						(
							self.member(side, &[Role::Operator, Role::Steward], p1),
							pallet_access_grants::Call::record_access {
								asset: if self.bad(4) { asset + 1 } else { asset },
								grant,
								receipt: self.hash(),
							}
							.into(),
						)
					},
				}
			},
			kind => unreachable!("{kind:?} is not a grant call"),
		}
	}

	/// The oversight office's calls, and `purge_expired` and `purge_request`, which anyone may
	/// call.
	fn oversight_call(&self) -> (Option<usize>, RuntimeCall) {
		use Kind::*;
		let a = self.action;
		let [p0, p1, _] = a.pick;
		let seed = a.seed;
		let num = a.num;
		match a.kind {
			OversightApprove | OversightReject => {
				let subject = if seed.is_multiple_of(2) {
					let request = nth(&state::requests(), p0).map(|(id, _)| id);
					OversightSubject::Request(request.filter(|_| !self.bad(1)).unwrap_or(seed))
				} else {
					let grant = nth(&state::grants(), p0).map(|(id, _)| id);
					OversightSubject::Grant(grant.filter(|_| !self.bad(1)).unwrap_or(seed))
				};
				let call: RuntimeCall = if a.kind == OversightApprove {
					pallet_access_grants::Call::oversight_approve { subject }.into()
				} else {
					pallet_access_grants::Call::oversight_reject {
						subject,
						reason: bounded(display_text(seed, self.bad(2), 256)),
					}
					.into()
				};
				(None, call)
			},
			PurgeExpired => {
				// Mostly distinct ended grants; sometimes (garbage) unknown or live ones.
				let ended = state::ended_grants();
				let live: Vec<_> = state::grants().into_iter().map(|(id, _)| id).collect();
				let n = 1 + (num % 3) as usize;
				let list: Vec<u64> = match (self.bad(1), self.bad(4), ended.is_empty()) {
					(true, _, _) => (0..n as u64).map(|i| seed.wrapping_add(i)).collect(),
					(_, true, _) | (_, _, true) => {
						(0..n).filter_map(|i| nth(&live, p1.wrapping_add(i as u16))).collect()
					},
					_ => {
						let start = p0 as usize % ended.len();
						ended.iter().cycle().skip(start).take(n.min(ended.len())).copied().collect()
					},
				};
				(
					None,
					pallet_access_grants::Call::purge_expired {
						grants: BoundedVec::truncate_from(list),
					}
					.into(),
				)
			},
			PurgeRequest => {
				// Mostly one that can never be decided (its asset retired or changed hands);
				// sometimes any open request (refused while decidable), or an unknown id.
				let requests = state::requests();
				let stale: Vec<_> = requests
					.iter()
					.filter(|(_, r)| {
						state::asset(r.asset).is_none_or(|a| {
							a.retired_at.is_some()
								|| a.owner != r.owner || a.transfers != r.transfers
						})
					})
					.map(|(id, _)| *id)
					.collect();
				let any = nth(&requests, p1).map(|(id, _)| id);
				let request = match (self.bad(1), self.bad(3)) {
					(true, _) => seed,
					(_, true) => any.unwrap_or(seed),
					_ => nth(&stale, p0).or(any).unwrap_or(seed),
				};
				(None, pallet_access_grants::Call::purge_request { request }.into())
			},
			kind => unreachable!("{kind:?} is not an oversight call"),
		}
	}
}

//! Departments: the registrar's calls (fitting origin: sudo or a council motion) and the
//! membership calls of a department's admins and members.

use super::{
	inputs::{bounded, display_text, label, nth, role},
	plan::Kind,
	resolver::{Origin, Resolved, Resolver},
	state,
};
use crate::{AccountId, RuntimeCall};
use city_primitives::Role;

impl Resolver<'_> {
	/// A `pallet_departments` call. The registrar may also manage any department's members:
	/// some member calls go through sudo whatever the action's signer.
	pub(super) fn departments_call(&self) -> Resolved {
		use Kind::*;
		let a = self.action;
		let [p0, p1, p2] = a.pick;
		let seed = a.seed;
		let num = a.num;
		let (fitting, call): (Option<usize>, RuntimeCall) = match a.kind {
			RegisterDepartment => (
				None,
				pallet_departments::Call::register_department {
					name: bounded(display_text(seed, self.bad(2), 64)),
					prefix: bounded(label(seed, self.bad(2) && seed.is_multiple_of(2), 8)),
				}
				.into(),
			),
			RenameDepartment => (
				None,
				pallet_departments::Call::rename_department {
					department: self.department(p0),
					name: bounded(display_text(seed, self.bad(2), 64)),
				}
				.into(),
			),
			SuspendDepartment => (
				None,
				pallet_departments::Call::suspend_department { department: self.department(p0) }
					.into(),
			),
			DissolveDepartment => {
				let department = self.department(p0);
				// Mostly into another department, sometimes retiring everything.
				let successor =
					(!seed.is_multiple_of(3)).then(|| self.other_department(department, p1));
				(
					None,
					pallet_departments::Call::dissolve_department { department, successor }.into(),
				)
			},
			ContinueDissolution => {
				let dissolving: Vec<_> =
					pallet_departments::Dissolutions::<crate::Runtime>::iter_keys().collect();
				let department = nth(&dissolving, p0).unwrap_or_else(|| self.department(p0));
				(None, pallet_departments::Call::continue_dissolution { department }.into())
			},
			ReactivateDepartment => {
				let department =
					nth(&state::suspended_departments(), p0).unwrap_or_else(|| self.department(p0));
				(None, pallet_departments::Call::reactivate_department { department }.into())
			},
			InviteMember => {
				let department = self.department(p0);
				let members = state::all_members();
				let newcomers: Vec<_> = (0..self.keys.0.len())
					.map(|i| self.keys.account(i))
					.filter(|who| !members.contains(who))
					.collect();
				let who = match (self.bad(4), nth(&newcomers, p1)) {
					(false, Some(who)) if !seed.is_multiple_of(5) => who,
					// Somebody who cannot sign, or (garbage) a member already.
					(false, _) => AccountId::from(self.hash()),
					(true, _) => nth(&members, p1).unwrap_or_else(|| self.keys.account(0)),
				};
				let call = pallet_departments::Call::invite_member {
					department,
					who: who.into(),
					role: role(seed),
				};
				let admin = self.member(department, &[Role::Admin], p2);
				if num.is_multiple_of(8) || (admin.is_none() && a.signer.is_none()) {
					// The registrar may manage any department's members, and is the only one who
					// can for a department without an admin.
					return Resolved::Final(Origin::Sudo, call.into());
				}
				(admin, call.into())
			},
			SetMemberRole | RemoveMember => {
				let department = self.department(p0);
				let who = nth(
					&state::members(department, &[Role::Admin, Role::Steward, Role::Operator]),
					p1,
				)
				.unwrap_or_else(|| self.keys.account(p1 as usize));
				let call: RuntimeCall = if a.kind == SetMemberRole {
					pallet_departments::Call::set_member_role { who: who.into(), role: role(seed) }
						.into()
				} else {
					pallet_departments::Call::remove_member { who: who.into() }.into()
				};
				if num.is_multiple_of(8) {
					return Resolved::Final(Origin::Sudo, call);
				}
				(self.member(department, &[Role::Admin], p2), call)
			},
			AnswerInvitation => {
				// Mostly accepted; some declined, some withdrawn by the registrar.
				let invited: Vec<_> = state::invited()
					.into_iter()
					.filter_map(|who| self.keys.index_of(&who))
					.collect();
				let signer = nth(&invited, p0);
				match num % 8 {
					0 => {
						let who = signer
							.map(|i| self.keys.account(i))
							.unwrap_or_else(|| self.keys.account(0));
						let call = pallet_departments::Call::cancel_invitation { who: who.into() };
						return Resolved::Final(Origin::Sudo, call.into());
					},
					1 => (signer, pallet_departments::Call::decline_invitation {}.into()),
					_ => (signer, pallet_departments::Call::accept_invitation {}.into()),
				}
			},
			LeaveDepartment => {
				let members: Vec<_> = state::all_members()
					.into_iter()
					.filter_map(|who| self.keys.index_of(&who))
					.collect();
				(nth(&members, p0), pallet_departments::Call::leave_department {}.into())
			},
			SetEncryptionKey => {
				// Any member signs (admins pass), a key mostly, sometimes a removal or the
				// unusable all-zero key.
				let members: Vec<_> = state::all_members()
					.into_iter()
					.filter_map(|who| self.keys.index_of(&who))
					.collect();
				let key = match seed % 4 {
					0 => None,
					1 => Some(pallet_departments::EncryptionKey::X25519([0; 32])),
					_ => Some(pallet_departments::EncryptionKey::X25519([(p1 % 3) as u8 + 1; 32])),
				};
				(nth(&members, p0), pallet_departments::Call::set_encryption_key { key }.into())
			},
			kind => unreachable!("{kind:?} is not a departments call"),
		};
		Resolved::Fitting(fitting, call)
	}
}

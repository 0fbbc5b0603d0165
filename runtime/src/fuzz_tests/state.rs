//! Reads of the live state the actions are resolved against.

use crate::{AccountId, BlockNumber, CouncilCollective, Runtime, System};
use city_primitives::Role;
use codec::Encode;
use pallet_access_grants::{GrantOf, RequestOf};
use pallet_data_assets::ContentHash;

pub fn departments() -> Vec<u32> {
	(0..pallet_departments::NextDepartmentId::<Runtime>::get()).collect()
}

pub fn members(department: u32, roles: &[Role]) -> Vec<AccountId> {
	let mut members: Vec<_> =
		pallet_departments::DepartmentMembers::<Runtime>::iter_prefix(department)
			.filter(|(_, role)| roles.contains(role))
			.map(|(who, _)| who)
			.collect();
	members.sort();
	members
}

pub fn all_members() -> Vec<AccountId> {
	let mut members: Vec<_> = pallet_departments::Members::<Runtime>::iter_keys().collect();
	members.sort();
	members
}

/// Accounts with an invitation not yet answered.
pub fn invited() -> Vec<AccountId> {
	let mut invited: Vec<_> = pallet_departments::Invitations::<Runtime>::iter_keys().collect();
	invited.sort();
	invited
}

pub fn suspended_departments() -> Vec<u32> {
	departments()
		.into_iter()
		.filter(|d| {
			pallet_departments::Departments::<Runtime>::get(d)
				.is_some_and(|info| info.status == pallet_departments::DepartmentStatus::Suspended)
		})
		.collect()
}

pub fn assets() -> Vec<u64> {
	(0..pallet_data_assets::NextAssetId::<Runtime>::get()).collect()
}

pub fn asset(id: u64) -> Option<pallet_data_assets::AssetRecordOf<Runtime>> {
	pallet_data_assets::Assets::<Runtime>::get(id)
}

pub fn offered_assets() -> Vec<u64> {
	let mut ids: Vec<_> = pallet_data_assets::Assets::<Runtime>::iter()
		.filter(|(_, a)| a.offered_to.is_some())
		.map(|(id, _)| id)
		.collect();
	ids.sort();
	ids
}

pub fn department_assets(department: u32) -> Vec<u64> {
	let mut ids: Vec<_> =
		pallet_data_assets::AssetsByDepartment::<Runtime>::iter_key_prefix(department).collect();
	ids.sort();
	ids
}

pub fn contents() -> Vec<ContentHash> {
	let mut hashes: Vec<_> = pallet_data_assets::ContentRegistrations::<Runtime>::iter_keys()
		.map(|(content, _)| content)
		.collect();
	hashes.sort();
	hashes.dedup();
	hashes
}

pub fn requests() -> Vec<(u64, RequestOf<Runtime>)> {
	let mut requests: Vec<_> = pallet_access_grants::Requests::<Runtime>::iter().collect();
	requests.sort_by_key(|(id, _)| *id);
	requests
}

pub fn grants() -> Vec<(u64, GrantOf<Runtime>)> {
	let mut grants: Vec<_> = pallet_access_grants::Grants::<Runtime>::iter().collect();
	grants.sort_by_key(|(id, _)| *id);
	grants
}

pub fn classes() -> u16 {
	pallet_city_codes::NextClassId::<Runtime>::get()
}

pub fn codes() -> Vec<u64> {
	(0..pallet_city_codes::NextCodeId::<Runtime>::get()).collect()
}

pub fn code(id: u64) -> Option<pallet_city_codes::CodeRecordOf<Runtime>> {
	pallet_city_codes::Codes::<Runtime>::get(id)
}

pub fn codes_where(f: impl Fn(&pallet_city_codes::CodeRecordOf<Runtime>) -> bool) -> Vec<u64> {
	let mut ids: Vec<_> = pallet_city_codes::Codes::<Runtime>::iter()
		.filter(|(_, code)| f(code))
		.map(|(id, _)| id)
		.collect();
	ids.sort();
	ids
}

pub fn council() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, CouncilCollective>::get()
}

/// The oversight board's members.
pub fn oversight_board() -> Vec<AccountId> {
	pallet_collective::Members::<Runtime, crate::OversightCollective>::get()
}

/// A council motion's votes: `pallet_collective::Votes`, whose fields are private, decoded
/// from its encoding.
#[derive(codec::Decode)]
pub struct Votes {
	pub index: u32,
	pub threshold: u32,
	pub ayes: Vec<AccountId>,
	pub nays: Vec<AccountId>,
	pub _end: BlockNumber,
}

/// The open council motions, oldest first.
pub fn proposals() -> Vec<(crate::Hash, Votes)> {
	use codec::Decode;
	pallet_collective::Proposals::<Runtime, CouncilCollective>::get()
		.into_iter()
		.filter_map(|hash| {
			let votes = pallet_collective::Voting::<Runtime, CouncilCollective>::get(hash)?;
			Some((hash, Votes::decode(&mut &votes.encode()[..]).ok()?))
		})
		.collect()
}

/// Grants that can no longer give access (expired or used up): what `purge_expired` takes.
pub fn ended_grants() -> Vec<u64> {
	let now = System::block_number();
	grants()
		.into_iter()
		.filter(|(_, g)| g.expires_at <= now || g.max_uses == Some(g.uses))
		.map(|(id, _)| id)
		.collect()
}

pub fn validators() -> Vec<AccountId> {
	pallet_validator_set::Pallet::<Runtime>::validators().into_iter().map(|(v, _)| v).collect()
}

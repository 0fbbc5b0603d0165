//! Invariants across pallets: the references one pallet keeps to another's records, which no
//! pallet's own `try_state` can check (each sees the others only through narrow traits).
//!
//! `check_references` is run by the runtime's tests over the demo city's genesis, after every
//! block of the random call sequences (`fuzz_tests`), and, in `try-runtime` builds, after every
//! runtime upgrade ([`CheckReferences`], the last of the `Migrations`). Off-chain only: it
//! iterates over whole maps.

#[cfg(any(test, feature = "try-runtime"))]
pub use checks::check_references;

/// Runs `check_references` after the runtime's migrations, in `try-runtime` builds: the last
/// of the `Migrations`, doing nothing on chain.
pub struct CheckReferences;

impl frame_support::traits::OnRuntimeUpgrade for CheckReferences {
	fn on_runtime_upgrade() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		check_references()
	}
}

#[cfg(any(test, feature = "try-runtime"))]
mod checks {
	use crate::{AccountId, Balance, Runtime};
	use alloc::collections::btree_map::BTreeMap;
	use city_primitives::{AssetId, DepartmentId};
	use frame_support::ensure;
	use sp_runtime::TryRuntimeError;

	/// Checks every reference across pallets:
	///
	/// 1. A data asset's owner, and the department it is offered to, exist.
	/// 2. A request's and a grant's asset and both departments exist; the asset has changed hands
	///    at most as often as it had then (`transfers`), and while it has not changed hands since,
	///    its owner is the one recorded.
	/// 3. A city code's issuer, owner and the department it is offered to exist, and so does
	///    every asset linked to it.
	/// 4. A validator's department exists.
	/// 5. What is on hold from every account, over all reasons, is exactly what it has reserved:
	///    no balance is held or reserved that no pallet accounts for (each pallet's `try_state`
	///    checks that its own reason's holds match its records).
	pub fn check_references() -> Result<(), TryRuntimeError> {
		check_asset_owners()?;
		check_access_references()?;
		check_code_references()?;
		check_validator_departments()?;
		check_holds_are_all_reserved()
	}

	fn department_exists(department: DepartmentId) -> bool {
		pallet_departments::Departments::<Runtime>::contains_key(department)
	}

	fn asset_exists(asset: AssetId) -> bool {
		pallet_data_assets::Assets::<Runtime>::contains_key(asset)
	}

	/// Invariant 1.
	fn check_asset_owners() -> Result<(), TryRuntimeError> {
		for (_, asset) in pallet_data_assets::Assets::<Runtime>::iter() {
			ensure!(department_exists(asset.owner), "an asset's owner department does not exist");
			ensure!(
				asset.offered_to.is_none_or(department_exists),
				"an asset is offered to a department that does not exist"
			);
		}
		Ok(())
	}

	/// Whether a request or grant of `asset`, made while `owner` owned it after `transfers`
	/// transfers, is consistent with the asset as it is now (invariant 2).
	fn ownership_is_consistent(asset: AssetId, owner: DepartmentId, transfers: u32) -> bool {
		pallet_data_assets::Assets::<Runtime>::get(asset).is_some_and(|record| {
			transfers < record.transfers || (transfers == record.transfers && owner == record.owner)
		})
	}

	/// Invariant 2.
	fn check_access_references() -> Result<(), TryRuntimeError> {
		for (_, request) in pallet_access_grants::Requests::<Runtime>::iter() {
			ensure!(asset_exists(request.asset), "a request's asset does not exist");
			ensure!(
				department_exists(request.owner) && department_exists(request.requester),
				"a request's department does not exist"
			);
			ensure!(
				ownership_is_consistent(request.asset, request.owner, request.transfers),
				"a request's owner is not its asset's owner of that period"
			);
		}
		for (_, grant) in pallet_access_grants::Grants::<Runtime>::iter() {
			ensure!(asset_exists(grant.asset), "a grant's asset does not exist");
			ensure!(
				department_exists(grant.owner) && department_exists(grant.grantee),
				"a grant's department does not exist"
			);
			ensure!(
				ownership_is_consistent(grant.asset, grant.owner, grant.transfers),
				"a grant's owner is not its asset's owner of that period"
			);
		}
		Ok(())
	}

	/// Invariant 3.
	fn check_code_references() -> Result<(), TryRuntimeError> {
		for (_, code) in pallet_city_codes::Codes::<Runtime>::iter() {
			ensure!(
				department_exists(code.issuer) && department_exists(code.owner),
				"a code's issuer or owner department does not exist"
			);
			ensure!(
				code.transfer_to.is_none_or(department_exists),
				"a code is offered to a department that does not exist"
			);
			ensure!(
				code.assets.iter().all(|asset| asset_exists(*asset)),
				"a code links an asset that does not exist"
			);
		}
		Ok(())
	}

	/// Invariant 4.
	fn check_validator_departments() -> Result<(), TryRuntimeError> {
		ensure!(
			pallet_validator_set::Validators::<Runtime>::get()
				.iter()
				.all(|(_, department)| department_exists(*department)),
			"a validator's department does not exist"
		);
		Ok(())
	}

	/// Invariant 5.
	fn check_holds_are_all_reserved() -> Result<(), TryRuntimeError> {
		let mut held: BTreeMap<AccountId, Balance> = BTreeMap::new();
		for (who, holds) in pallet_balances::Holds::<Runtime>::iter() {
			let total =
				holds.iter().try_fold(0 as Balance, |sum, hold| sum.checked_add(hold.amount));
			let total = total.ok_or("an account's holds overflow")?;
			held.insert(who, total);
		}
		for (who, account) in frame_system::Account::<Runtime>::iter() {
			let on_hold = held.remove(&who).unwrap_or(0);
			ensure!(
				account.data.reserved == on_hold,
				"an account has reserved other than what is on hold"
			);
		}
		ensure!(held.is_empty(), "holds of an account that does not exist");
		Ok(())
	}
}

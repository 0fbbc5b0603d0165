//! Department roles as origins: what a call of any CityChain pallet names to say "a Steward of
//! an active department" (the shape of pallet-ranked-collective's `EnsureMember`).
//!
//! A pallet declares the origin it accepts (`type StewardOrigin: EnsureOrigin<…, Success =
//! (Self::AccountId, DepartmentId)>`) and the runtime sets it to
//! `EnsureDepartmentRole<Runtime, Stewards>`, or combines it with a council origin. Calls check
//! it with [`city_primitives::ensure_department_origin`], which names the reason for a refusal.

use crate::{Config, Pallet};
use city_primitives::{DepartmentId, Role};
use core::marker::PhantomData;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;

/// The roles a department origin accepts. Roles are not ranked: a set lists each one.
pub trait RoleSet {
	/// The accepted roles; the first is the one benchmarks give their caller.
	const ROLES: &'static [Role];
}

/// Admins: manage their department's members.
pub struct Admins;
impl RoleSet for Admins {
	const ROLES: &'static [Role] = &[Role::Admin];
}

/// Stewards: manage their department's assets, access decisions and codes.
pub struct Stewards;
impl RoleSet for Stewards {
	const ROLES: &'static [Role] = &[Role::Steward];
}

/// A department system's key or a Steward: record accesses, issue and operate city codes.
pub struct Operators;
impl RoleSet for Operators {
	const ROLES: &'static [Role] = &[Role::Operator, Role::Steward];
}

/// Passes a signed account that acts, with one of `R`'s roles, for an active department, and
/// yields `(account, department)`. Refuses everything else, unchanged, so it can be combined
/// with other origins (`EitherOf`).
pub struct EnsureDepartmentRole<T, R>(PhantomData<(T, R)>);

impl<T: Config, R: RoleSet> EnsureOrigin<T::RuntimeOrigin> for EnsureDepartmentRole<T, R> {
	type Success = (T::AccountId, DepartmentId);

	fn try_origin(origin: T::RuntimeOrigin) -> Result<Self::Success, T::RuntimeOrigin> {
		match origin.into() {
			Ok(RawOrigin::Signed(who)) => match Pallet::<T>::ensure_role(&who, R::ROLES) {
				Ok(department) => Ok((who, department)),
				Err(_) => Err(RawOrigin::Signed(who).into()),
			},
			Ok(other) => Err(other.into()),
			Err(origin) => Err(origin),
		}
	}

	/// A new account, member with `R`'s first role of a fresh, active department.
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<T::RuntimeOrigin, ()> {
		let role = R::ROLES.first().copied().ok_or(())?;
		let index = crate::NextDepartmentId::<T>::get();
		let who: T::AccountId = frame_benchmarking::account("department-member", index, 0);
		Pallet::<T>::benchmark_member(&who, role).map_err(|_| ())?;
		Ok(RawOrigin::Signed(who).into())
	}
}

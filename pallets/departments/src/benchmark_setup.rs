//! Set-up for benchmarks: a member of a fresh department, which
//! [`crate::EnsureDepartmentRole::try_successful_origin`] gives and the runtime's
//! [`city_primitives::BenchmarkHelper`] offers other pallets' benchmarks, and the prefixes such
//! departments get. Never compiled into a production runtime.

use crate::DepartmentId;
#[cfg(feature = "runtime-benchmarks")]
use crate::{Config, NextDepartmentId, Pallet, PrefixOf, Role};
#[cfg(feature = "runtime-benchmarks")]
use frame_support::traits::Get;
#[cfg(feature = "runtime-benchmarks")]
use sp_runtime::DispatchError;

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Makes `who` a member with `role` of a fresh, active department and returns it: the
	/// caller [`crate::EnsureDepartmentRole::try_successful_origin`] gives, and what the
	/// runtime's [`city_primitives::BenchmarkHelper`] offers other pallets' benchmarks.
	pub fn benchmark_member(who: &T::AccountId, role: Role) -> Result<DepartmentId, DispatchError> {
		let mut name = b"Bench".to_vec();
		name.truncate(T::MaxNameLen::get() as usize);
		let name = Self::bounded_name(name)?;
		let prefix = Self::benchmark_prefix(NextDepartmentId::<T>::get())?;
		let department = Self::do_register_department(name, prefix)?;
		Self::add_membership(department, who.clone(), role)?;
		Ok(department)
	}

	/// A valid prefix of exactly `MaxPrefixLen` bytes (the worst case for storage), distinct
	/// for every id that fits: see [`benchmark_prefix_digits`]. Fails for an id of
	/// `36^MaxPrefixLen` or more rather than repeat a prefix; with `MaxPrefixLen >= 7`
	/// every `u32` fits.
	pub(crate) fn benchmark_prefix(department: DepartmentId) -> Result<PrefixOf<T>, DispatchError> {
		benchmark_prefix_digits(department, T::MaxPrefixLen::get() as usize)
			.and_then(|prefix| prefix.try_into().ok())
			.ok_or(DispatchError::Other("benchmark prefix: id too large for MaxPrefixLen"))
	}
}

/// `id` as exactly `len` base-36 digits, most significant first, with the digit values
/// `0..=35` written `Z, Y, ..., A, 9, 8, ..., 0`: so the padding is `Z`s (`ZZZZZZZV` for 4),
/// like nothing a department would choose. Distinct for every `id < 36^len`; `None` for a
/// larger `id`, rather than repeat an earlier prefix.
pub(crate) fn benchmark_prefix_digits(id: DepartmentId, len: usize) -> Option<alloc::vec::Vec<u8>> {
	const DIGITS: &[u8; 36] = b"ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210";
	let mut rest = id;
	let mut prefix = alloc::vec![DIGITS[0]; len];
	for digit in prefix.iter_mut().rev() {
		if rest == 0 {
			break;
		}
		*digit = DIGITS[(rest % 36) as usize];
		rest /= 36;
	}
	(rest == 0).then_some(prefix)
}

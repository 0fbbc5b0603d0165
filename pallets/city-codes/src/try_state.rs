//! The pallet's storage invariants, one function each, checked by [`Pallet::do_try_state`].
//!
//! Off-chain only (`try-runtime` and tests), where no block weight limits them, so they iterate
//! over whole maps. Never call them from on-chain code.

use crate::{
	features::is_canonical_label, BalanceOf, Children, ClassByCode, CodeByKey, CodeStatus, Codes,
	Config, DepartmentCodes, HoldReason, IssuerByPrefix, IssuerPrefixes, LastSerial, NextClassId,
	NextCodeId, ObjectClasses, Pallet,
};
use alloc::collections::btree_map::BTreeMap;
use city_primitives::DepartmentRegistry as _;
use frame_support::{ensure, pallet_prelude::Get, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's storage invariants, in this order:
	///
	/// 1. Every class id is below `NextClassId`, its code is well-formed and `ClassByCode`
	///    maps it back, with no other entries (`check_classes`).
	/// 2. `IssuerPrefixes` and `IssuerByPrefix` mirror each other; every prefix is
	///    well-formed (`check_issuer_prefixes`).
	/// 3. Every code: id below `NextCodeId`; its class and issuer prefix exist; `CodeByKey`
	///    maps its key back to it; `1 <= serial <= LastSerial` of its issuer and class (so
	///    serials never repeat); name and location are well-formed; a pending transfer is not
	///    to the owner; a retired code is a tombstone (no offer, no linked assets, no
	///    attributes, at most `CodeTombstoneDeposit` held); a recorded deposit
	///    is non-zero (`check_codes`).
	/// 4. A parent exists, has a smaller id and the same owner (codes nest within one
	///    department; transfers move no code of a hierarchy; only while a department is being
	///    dissolved into a successor may a hierarchy span the two); depth is the parent's plus one
	///    (0 without parent) and at most `MaxDepth` (`check_parents`).
	/// 5. `CodeByKey`, `Children` and `DepartmentCodes` hold exactly one entry per code (per
	///    code with a parent, for `Children`) (`check_indexes`).
	/// 6. For every depositor, the recorded deposits add up to exactly what is on hold from
	///    it for [`HoldReason::CodeDeposit`] (`check_deposits_match_holds`).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_classes()?;
		Self::check_issuer_prefixes()?;
		Self::check_codes()?;
		Self::check_parents()?;
		Self::check_indexes()?;
		Self::check_deposits_match_holds()
	}

	/// Invariant 1: classes and `ClassByCode`.
	fn check_classes() -> Result<(), TryRuntimeError> {
		let next_class = NextClassId::<T>::get();
		let mut classes = 0usize;
		for (class, info) in ObjectClasses::<T>::iter() {
			classes = classes.saturating_add(1);
			ensure!(class < next_class, "class id not below NextClassId");
			ensure!(is_canonical_label::<4>(&info.code), "class code is malformed");
			ensure!(
				ClassByCode::<T>::get(&info.code) == Some(class),
				"ClassByCode does not point back to the class"
			);
		}
		ensure!(
			ClassByCode::<T>::iter_keys().count() == classes,
			"ClassByCode has entries of no class"
		);
		Ok(())
	}

	/// Invariant 2: `IssuerPrefixes` and `IssuerByPrefix` mirror each other.
	fn check_issuer_prefixes() -> Result<(), TryRuntimeError> {
		let mut prefixes = 0usize;
		for (department, prefix) in IssuerPrefixes::<T>::iter() {
			prefixes = prefixes.saturating_add(1);
			ensure!(is_canonical_label::<8>(&prefix), "issuer prefix is malformed");
			ensure!(
				IssuerByPrefix::<T>::get(&prefix) == Some(department),
				"IssuerByPrefix does not mirror IssuerPrefixes"
			);
		}
		ensure!(
			IssuerByPrefix::<T>::iter_keys().count() == prefixes,
			"IssuerByPrefix has entries IssuerPrefixes has not"
		);
		Ok(())
	}

	/// Invariant 3: every code's own fields and its key.
	fn check_codes() -> Result<(), TryRuntimeError> {
		let next_code = NextCodeId::<T>::get();
		for (code, record) in Codes::<T>::iter() {
			ensure!(code < next_code, "code id not below NextCodeId");
			ensure!(ObjectClasses::<T>::contains_key(record.class), "code of an unknown class");
			ensure!(
				IssuerPrefixes::<T>::contains_key(record.issuer),
				"code of an issuer without prefix"
			);
			ensure!(
				CodeByKey::<T>::get((record.issuer, record.class, record.serial)) == Some(code),
				"CodeByKey does not point back to the code"
			);
			ensure!(
				record.serial >= 1
					&& record.serial <= LastSerial::<T>::get((record.issuer, record.class)),
				"serial not within 1..=LastSerial"
			);
			ensure!(Self::checked_name(record.name.clone()).is_ok(), "code name is malformed");
			ensure!(Self::checked_location(&record.location).is_ok(), "location out of range");
			ensure!(record.transfer_to != Some(record.owner), "code offered to its owner");
			if record.status == CodeStatus::Retired {
				ensure!(
					record
						.deposit
						.as_ref()
						.is_none_or(|deposit| { deposit.amount <= T::CodeTombstoneDeposit::get() })
						&& record.transfer_to.is_none(),
					"retired code holds more than its tombstone's deposit, or an offer"
				);
				ensure!(
					record.assets.is_empty() && record.attributes.is_none(),
					"a tombstone keeps linked assets or attributes"
				);
			}
			if let Some(deposit) = &record.deposit {
				ensure!(!deposit.amount.is_zero(), "zero deposit recorded");
			}
		}
		Ok(())
	}

	/// Invariant 4: parents and depths.
	fn check_parents() -> Result<(), TryRuntimeError> {
		for (code, record) in Codes::<T>::iter() {
			match record.parent {
				Some(parent) => {
					let parent_record =
						Codes::<T>::get(parent).ok_or("parent code does not exist")?;
					ensure!(parent < code, "parent issued after its child");
					// While a department is dissolved into a successor its codes move one at a
					// time, so a hierarchy spans the two until the last has moved.
					let moving = T::Departments::is_dissolving(parent_record.owner)
						|| T::Departments::is_dissolving(record.owner);
					ensure!(
						parent_record.owner == record.owner || moving,
						"parent of another department"
					);
					ensure!(
						Some(record.depth) == parent_record.depth.checked_add(1),
						"depth is not the parent's plus one"
					);
				},
				None => ensure!(record.depth == 0, "depth is not the parent's plus one"),
			}
			ensure!(record.depth <= T::MaxDepth::get(), "deeper than MaxDepth");
		}
		Ok(())
	}

	/// Invariant 5: the indexes hold each code exactly once.
	fn check_indexes() -> Result<(), TryRuntimeError> {
		let mut codes = 0usize;
		let mut with_parent = 0usize;
		for (code, record) in Codes::<T>::iter() {
			codes = codes.saturating_add(1);
			if let Some(parent) = record.parent {
				with_parent = with_parent.saturating_add(1);
				ensure!(Children::<T>::contains_key(parent, code), "Children misses a child");
			}
			ensure!(
				DepartmentCodes::<T>::contains_key(record.owner, code),
				"DepartmentCodes misses a code"
			);
		}
		ensure!(CodeByKey::<T>::iter_keys().count() == codes, "CodeByKey has stray entries");
		ensure!(Children::<T>::iter_keys().count() == with_parent, "Children has stray entries");
		ensure!(
			DepartmentCodes::<T>::iter_keys().count() == codes,
			"DepartmentCodes has stray entries"
		);
		Ok(())
	}

	/// Invariant 6: recorded deposits match the holds.
	fn check_deposits_match_holds() -> Result<(), TryRuntimeError> {
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for deposit in Codes::<T>::iter_values().filter_map(|record| record.deposit) {
			let total = deposits.entry(deposit.depositor).or_default();
			*total = total
				.checked_add(&deposit.amount)
				.ok_or("recorded deposits of one depositor overflow")?;
		}
		let reason: T::RuntimeHoldReason = HoldReason::CodeDeposit.into();
		for (depositor, recorded) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == recorded,
				"recorded deposits disagree with the hold"
			);
		}
		Ok(())
	}
}

//! Issuing codes: one, a batch, or at genesis. Every code gets the next serial of its
//! department and class, and the department's prefix is fixed at its first code.

use super::is_canonical_label;
use crate::{
	Children, ClassId, CodeByKey, CodeId, CodeRecord, CodeStatus, Codes, Config, DepartmentCodes,
	DepartmentId, DepartmentRegistry, DepositOf, Error, Event, HoldReason, IssuerByPrefix,
	IssuerPrefixes, LastSerial, NewCodeOf, NextCodeId, ObjectClasses, Pallet, PrefixLabel, Serial,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, Get},
	traits::fungible::MutateHold,
};
use sp_runtime::traits::Saturating;

/// What `do_issue` issued: ids `first_code ..` and serials `first_serial ..`, `count` of
/// each, with `deposit` held for each code.
pub(crate) struct Issued<T: Config> {
	pub(crate) first_code: CodeId,
	pub(crate) first_serial: Serial,
	pub(crate) count: u32,
	pub(crate) deposit: Option<DepositOf<T>>,
}

impl<T: Config> Pallet<T> {
	/// Issues one code to `department`, paid by `who`. For `issue_code`.
	pub(crate) fn do_issue_code(
		who: T::AccountId,
		department: DepartmentId,
		class: ClassId,
		new: NewCodeOf<T>,
	) -> DispatchResult {
		let parent = new.parent;
		let issued = Self::do_issue(department, Some(who), class, core::slice::from_ref(&new))?;
		Self::deposit_event(Event::CodeIssued {
			code: issued.first_code,
			department,
			class,
			serial: issued.first_serial,
			parent,
			deposit: issued.deposit,
		});
		Ok(())
	}

	/// Issues `codes` to `department`, paid by `who`, with one event. For
	/// `issue_codes_batch`.
	pub(crate) fn do_issue_batch(
		who: T::AccountId,
		department: DepartmentId,
		class: ClassId,
		codes: &[NewCodeOf<T>],
	) -> DispatchResult {
		ensure!(!codes.is_empty(), Error::<T>::EmptyBatch);
		let issued = Self::do_issue(department, Some(who), class, codes)?;
		Self::deposit_event(Event::CodesIssued {
			department,
			class,
			first_code: issued.first_code,
			first_serial: issued.first_serial,
			count: issued.count,
			deposit: issued.deposit,
		});
		Ok(())
	}

	/// Issues `codes` of `class` to `department`, holding a deposit from `depositor` for
	/// each (none for genesis). Verifies everything, then writes. The caller emits the
	/// event.
	pub(crate) fn do_issue(
		department: DepartmentId,
		depositor: Option<T::AccountId>,
		class: ClassId,
		codes: &[NewCodeOf<T>],
	) -> Result<Issued<T>, DispatchError> {
		let info = ObjectClasses::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
		ensure!(!info.retired, Error::<T>::ClassRetired);
		let count = u32::try_from(codes.len()).map_err(|_| Error::<T>::NoCodeIdLeft)?;
		// Bounded by `MaxBatch` (calls) or one code (genesis): a bounded loop.
		let mut depths = Vec::with_capacity(codes.len());
		for new in codes {
			Self::checked_name(new.name.clone())?;
			Self::checked_location(&new.location)?;
			depths.push(Self::checked_parent(new.parent, department)?);
		}
		let new_prefix = Self::new_issuer_prefix(department)?;
		let last_serial = LastSerial::<T>::get((department, class));
		let first_serial = last_serial.checked_add(1).ok_or(Error::<T>::NoSerialLeft)?;
		let last_serial = last_serial.checked_add(count).ok_or(Error::<T>::NoSerialLeft)?;
		let first_code = NextCodeId::<T>::get();
		let next_code = first_code.checked_add(u64::from(count)).ok_or(Error::<T>::NoCodeIdLeft)?;
		let deposit = match depositor {
			Some(depositor) => Self::new_deposit(&depositor, count)?,
			None => None,
		};

		if let Some(deposit) = &deposit {
			let total = deposit.amount.saturating_mul(count.into());
			T::Currency::hold(&HoldReason::CodeDeposit.into(), &deposit.depositor, total)?;
		}
		if let Some(prefix) = new_prefix {
			IssuerPrefixes::<T>::insert(department, &prefix);
			IssuerByPrefix::<T>::insert(&prefix, department);
		}
		LastSerial::<T>::insert((department, class), last_serial);
		NextCodeId::<T>::put(next_code);
		let issued_at = frame_system::Pallet::<T>::block_number();
		let mut code = first_code;
		let mut serial = first_serial;
		for (new, depth) in codes.iter().zip(depths) {
			let record = CodeRecord {
				issuer: department,
				class,
				serial,
				owner: department,
				name: new.name.clone(),
				location: new.location,
				attributes: new.attributes,
				parent: new.parent,
				depth,
				status: CodeStatus::Active,
				assets: Default::default(),
				transfer_to: None,
				deposit: deposit.clone(),
				issued_at,
			};
			Codes::<T>::insert(code, record);
			CodeByKey::<T>::insert((department, class, serial), code);
			DepartmentCodes::<T>::insert(department, code, ());
			if let Some(parent) = new.parent {
				Children::<T>::insert(parent, code, ());
			}
			code = code.saturating_add(1);
			serial = serial.saturating_add(1);
		}
		Ok(Issued { first_code, first_serial, count, deposit })
	}

	/// The prefix to record for `department` if it has never issued a code, after
	/// checking it can be written in a code and belongs to no other department; `None` if
	/// it is recorded already.
	fn new_issuer_prefix(department: DepartmentId) -> Result<Option<PrefixLabel>, Error<T>> {
		if IssuerPrefixes::<T>::contains_key(department) {
			return Ok(None);
		}
		let prefix = T::Departments::prefix(department).ok_or(Error::<T>::UnknownDepartment)?;
		let prefix: PrefixLabel =
			prefix.try_into().map_err(|_| Error::<T>::DepartmentPrefixUnusable)?;
		ensure!(is_canonical_label::<8>(&prefix), Error::<T>::DepartmentPrefixUnusable);
		ensure!(!IssuerByPrefix::<T>::contains_key(&prefix), Error::<T>::PrefixTaken);
		Ok(Some(prefix))
	}

	/// The depth a child of `parent` issued by `department` has, after checking the parent
	/// is usable: it exists, `department` owns it (cross-department nesting is not
	/// supported: the parent's owner could neither agree to nor detach the children), it
	/// is active and not `MaxDepth` levels deep already.
	fn checked_parent(parent: Option<CodeId>, department: DepartmentId) -> Result<u32, Error<T>> {
		let Some(parent) = parent else { return Ok(0) };
		let record = Codes::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
		ensure!(record.owner == department, Error::<T>::ParentOfAnotherDepartment);
		match record.status {
			CodeStatus::Active => {},
			CodeStatus::Suspended => return Err(Error::<T>::ParentSuspended),
			CodeStatus::Retired => return Err(Error::<T>::ParentRetired),
		}
		record
			.depth
			.checked_add(1)
			.filter(|depth| *depth <= T::MaxDepth::get())
			.ok_or(Error::<T>::TooDeep)
	}
}

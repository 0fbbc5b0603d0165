//! Read-only queries behind the runtime API ([`crate::runtime_api::CityCodesApi`]): plain
//! functions of [`Pallet`], so this crate tests them without a runtime. Lists return a
//! [`Page`] of at most [`Config::MaxPageSize`] entries.

use crate::{
	Children, CityCode, ClassByCode, ClassLabel, CodeByKey, CodeEntry, CodeError, CodeId,
	CodeRecord, CodeRecordOf, CodeStatus, CodeView, CodeViewOf, Codes, Config, DepartmentCodes,
	DepartmentId, IssuerByPrefix, IssuerPrefixes, ObjectClasses, Pallet, PrefixLabel, ResolveError,
	ResolveErrorOf,
};
use alloc::vec::Vec;
use city_primitives::Page;
use frame_support::{ensure, pallet_prelude::Get};

impl<T: Config> Pallet<T> {
	/// Resolves a code's text (any letter case) to its record: `Err` says why not. A
	/// retired code is an error that carries its record; a suspended one resolves, with
	/// its status. Reads at most six storage entries, whatever `text` is:
	/// `IssuerByPrefix`, `ClassByCode`, `CodeByKey` and `Codes` to find the record, then
	/// `IssuerPrefixes` and `ObjectClasses` to write its canonical text.
	pub fn resolve(text: &[u8]) -> Result<CodeViewOf<T>, ResolveErrorOf<T>> {
		let parts = CityCode::parse(text).map_err(|error| match error {
			CodeError::WrongCheck => ResolveError::WrongCheckCharacter,
			other => ResolveError::Malformed(other),
		})?;
		ensure!(
			parts.city.as_bytes() == T::CityPrefix::get().as_slice(),
			ResolveError::UnknownCity
		);
		let prefix: PrefixLabel = parts
			.department
			.as_bytes()
			.to_vec()
			.try_into()
			.map_err(|_| ResolveError::UnknownDepartmentPrefix)?;
		let issuer =
			IssuerByPrefix::<T>::get(prefix).ok_or(ResolveError::UnknownDepartmentPrefix)?;
		let class: ClassLabel =
			parts.class.as_bytes().to_vec().try_into().map_err(|_| ResolveError::UnknownClass)?;
		let class = ClassByCode::<T>::get(class).ok_or(ResolveError::UnknownClass)?;
		let code =
			CodeByKey::<T>::get((issuer, class, parts.serial)).ok_or(ResolveError::UnknownCode)?;
		let record = Codes::<T>::get(code).ok_or(ResolveError::UnknownCode)?;
		let view = Self::view(code, record);
		match view.record.status {
			CodeStatus::Retired => Err(ResolveError::Retired(view)),
			_ => Ok(view),
		}
	}

	/// The canonical text of a code, if it exists.
	pub fn format(code: CodeId) -> Option<Vec<u8>> {
		Self::entry(code).map(|entry| entry.text)
	}

	/// A code's id, canonical text and status, if it exists.
	pub fn entry(id: CodeId) -> Option<CodeEntry> {
		let record = Codes::<T>::get(id)?;
		let text = Self::city_code(&record)?.to_text().to_vec();
		Some(CodeEntry { id, text, status: record.status })
	}

	/// One page of the codes whose parent is `code`: at most `min(limit, MaxPageSize)`, after
	/// `start_after` (the previous page's `next`), in storage order (not by id).
	pub fn children(
		code: CodeId,
		start_after: Option<CodeId>,
		limit: u32,
	) -> Page<CodeEntry, CodeId> {
		let keys = match start_after {
			Some(after) => Children::<T>::iter_key_prefix_from(
				code,
				Children::<T>::hashed_key_for(code, after),
			),
			None => Children::<T>::iter_key_prefix(code),
		};
		Self::entries(keys, limit)
	}

	/// One page of the codes `department` owns, retired ones included: at most
	/// `min(limit, MaxPageSize)`, after `start_after`, in storage order.
	pub fn codes_of(
		department: DepartmentId,
		start_after: Option<CodeId>,
		limit: u32,
	) -> Page<CodeEntry, CodeId> {
		let keys = match start_after {
			Some(after) => DepartmentCodes::<T>::iter_key_prefix_from(
				department,
				DepartmentCodes::<T>::hashed_key_for(department, after),
			),
			None => DepartmentCodes::<T>::iter_key_prefix(department),
		};
		Self::entries(keys, limit)
	}

	/// The entries of the first `min(limit, MaxPageSize)` of `keys`.
	fn entries(keys: impl Iterator<Item = CodeId>, limit: u32) -> Page<CodeEntry, CodeId> {
		Page::collect(keys, limit, T::MaxPageSize::get(), |id| *id).filter_map(Self::entry)
	}

	/// The parts of a code's text.
	fn city_code(record: &CodeRecordOf<T>) -> Option<CityCode> {
		let prefix = IssuerPrefixes::<T>::get(record.issuer)?;
		let class = ObjectClasses::<T>::get(record.class)?;
		CityCode::new(&T::CityPrefix::get(), &prefix, &class.code, record.serial).ok()
	}

	/// A code as clients see it: with its text, and bounded fields as plain vectors.
	fn view(code: CodeId, record: CodeRecordOf<T>) -> CodeViewOf<T> {
		let text =
			Self::city_code(&record).map(|parts| parts.to_text().to_vec()).unwrap_or_default();
		CodeView {
			id: code,
			text,
			record: CodeRecord {
				issuer: record.issuer,
				class: record.class,
				serial: record.serial,
				owner: record.owner,
				name: record.name.into_inner(),
				location: record.location,
				attributes: record.attributes,
				parent: record.parent,
				depth: record.depth,
				status: record.status,
				assets: record.assets.into_inner(),
				transfer_to: record.transfer_to,
				deposit: record.deposit,
				issued_at: record.issued_at,
			},
		}
	}
}

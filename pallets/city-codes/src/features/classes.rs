//! Object classes: the kinds of city object codes are issued in (`DEV`, `BLD`, …).

use super::is_canonical_label;
use crate::{
	ClassByCode, ClassId, ClassLabel, Config, Error, Event, NameOf, NextClassId, ObjectClass,
	ObjectClasses, Pallet,
};
use frame_support::pallet_prelude::DispatchResult;
use frame_support::{ensure, pallet_prelude::DispatchError};

impl<T: Config> Pallet<T> {
	/// Validates and adds an object class, returning its id. Used by the call and genesis.
	pub(crate) fn do_add_class(
		code: ClassLabel,
		name: NameOf<T>,
	) -> Result<ClassId, DispatchError> {
		ensure!(is_canonical_label::<4>(&code), Error::<T>::InvalidClassCode);
		let name = Self::checked_name(name)?;
		ensure!(!ClassByCode::<T>::contains_key(&code), Error::<T>::ClassCodeInUse);
		let class = NextClassId::<T>::get();
		let next = class.checked_add(1).ok_or(Error::<T>::NoClassIdLeft)?;

		NextClassId::<T>::put(next);
		ClassByCode::<T>::insert(&code, class);
		ObjectClasses::<T>::insert(
			class,
			ObjectClass { code: code.clone(), name: name.clone(), retired: false },
		);
		Self::deposit_event(Event::ObjectClassAdded { class, code, name });
		Ok(class)
	}

	/// Retires `class`: it takes no new codes. For `retire_object_class`.
	pub(crate) fn do_retire_class(class: ClassId) -> DispatchResult {
		let mut info = ObjectClasses::<T>::get(class).ok_or(Error::<T>::UnknownClass)?;
		ensure!(!info.retired, Error::<T>::ClassRetired);

		info.retired = true;
		ObjectClasses::<T>::insert(class, info);
		Self::deposit_event(Event::ObjectClassRetired { class });
		Ok(())
	}
}

//! Dissolving a department: the registrar's decision, and the bounded steps that carry it out,
//! in `on_idle` or `continue_dissolution`. The other pallets' shares come through
//! [`Config::Offboarding`]; this pallet ends the memberships and invitations last, and then
//! records the department as dissolved.

use crate::{
	Config, DepartmentId, DepartmentInvitations, DepartmentMembers, DepartmentStatus, Departments,
	Dissolution, DissolutionOf, Dissolutions, EncryptionKeys, Error, Event, Manager, Members,
	OffboardCounts, Offboarding, Pallet, Successions, WeightInfo,
};
use city_primitives::{
	offboarding::offboard_each, DepartmentRegistry, LegalHolds, Offboarded, RecordId,
};
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	storage::with_storage_layer,
	traits::Get,
	weights::{Weight, WeightMeter},
};
use sp_runtime::{traits::Saturating, DispatchError};

/// How many dissolutions `on_idle` looks at in a block to find one that is not waiting for a
/// legal hold to be lifted.
const DISSOLUTIONS_SCANNED_PER_BLOCK: u64 = 4;

impl<T: Config> Pallet<T> {
	/// `dissolve_department`: checks everything first, then marks the department dissolving;
	/// the steps do the rest.
	pub(crate) fn do_dissolve_department(
		department: DepartmentId,
		successor: Option<DepartmentId>,
	) -> DispatchResult {
		let mut info = Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?;
		ensure!(!info.status.is_dissolved(), Error::<T>::DepartmentDissolved);
		ensure!(!Successions::<T>::contains_key(department), Error::<T>::SuccessorOfDissolution);
		if let Some(successor) = successor {
			ensure!(
				successor != department && <Self as DepartmentRegistry<_>>::is_active(successor),
				Error::<T>::InvalidSuccessor
			);
		}
		ensure!(
			!T::LegalHolds::is_held(RecordId::Department(department)),
			Error::<T>::UnderLegalHold
		);
		T::Offboarding::can_dissolve(department, successor)?;

		info.status = DepartmentStatus::Dissolving;
		Departments::<T>::insert(department, info);
		// Nothing is sent to a department that is going away.
		EncryptionKeys::<T>::remove(department);
		if let Some(successor) = successor {
			Successions::<T>::mutate(successor, |count| {
				*count = Some(count.unwrap_or(0).saturating_add(1))
			});
		}
		Dissolutions::<T>::insert(
			department,
			Dissolution {
				successor,
				started_at: frame_system::Pallet::<T>::block_number(),
				finished_parts: 0,
				ended: OffboardCounts::default(),
				held: None,
			},
		);
		Self::deposit_event(Event::DepartmentDissolving { department, successor });
		Ok(())
	}

	/// `continue_dissolution`: one step of at most `limit`. Returns the weight the step used,
	/// beyond the call's own.
	pub(crate) fn do_continue_dissolution(
		department: DepartmentId,
		limit: Weight,
	) -> Result<Weight, DispatchError> {
		let dissolution = Dissolutions::<T>::get(department).ok_or(Error::<T>::NotDissolving)?;
		ensure!(!Self::waits_for_hold(&dissolution), Error::<T>::UnderLegalHold);
		let mut meter = WeightMeter::with_limit(limit);
		Self::dissolution_step(department, dissolution, &mut meter)?;
		Ok(meter.consumed())
	}

	/// `on_idle`: one step of the first dissolution (of a few) not waiting for a hold, with the
	/// weight the block has left, at most `DissolutionStepWeight`. Returns the weight used.
	pub(crate) fn dissolve_in_idle_time(remaining: Weight) -> Weight {
		let scan = T::DbWeight::get().reads(DISSOLUTIONS_SCANNED_PER_BLOCK.saturating_mul(2));
		let step = T::WeightInfo::continue_dissolution();
		let mut meter = WeightMeter::with_limit(remaining);
		if !meter
			.can_consume(scan.saturating_add(step).saturating_add(Self::max_offboard_item_weight()))
		{
			return Weight::zero();
		}
		meter.consume(scan);
		let next = Dissolutions::<T>::iter()
			.take(DISSOLUTIONS_SCANNED_PER_BLOCK as usize)
			.find(|(_, dissolution)| !Self::waits_for_hold(dissolution));
		let Some((department, dissolution)) = next else { return meter.consumed() };
		meter.consume(step);

		let limit = meter.remaining().min(T::DissolutionStepWeight::get());
		let mut step_meter = WeightMeter::with_limit(limit);
		let result =
			with_storage_layer(|| Self::dissolution_step(department, dissolution, &mut step_meter));
		if let Err(error) = result {
			// Every refusal is checked before a step changes anything, so this is a bug; the
			// step was rolled back and is tried again in the next block.
			frame_support::defensive!("a dissolution step failed", error);
		}
		meter.consume(step_meter.consumed());
		meter.consumed()
	}

	/// Whether `dissolution` stopped at a record that is still held.
	fn waits_for_hold(dissolution: &DissolutionOf<T>) -> bool {
		dissolution.held.is_some_and(T::LegalHolds::is_held)
	}

	/// The heaviest single item of a dissolution, in any pallet.
	pub(crate) fn max_offboard_item_weight() -> Weight {
		T::Offboarding::max_item_weight()
			.max(T::WeightInfo::offboard_member())
			.max(T::WeightInfo::offboard_invitation())
	}

	/// Ends what `meter` allows of `department`'s holdings, the other pallets' first, and
	/// records where it stopped, or that the department is dissolved.
	fn dissolution_step(
		department: DepartmentId,
		mut dissolution: DissolutionOf<T>,
		meter: &mut WeightMeter,
	) -> DispatchResult {
		let successor = dissolution.successor;
		let held = RecordId::Department(department);
		let outcome = if T::LegalHolds::is_held(held) {
			Offboarded::Held(held)
		} else {
			Self::offboard_next_parts(department, &mut dissolution, meter)?
		};

		match outcome {
			Offboarded::Finished => {
				let ended = dissolution.ended;
				Departments::<T>::mutate(department, |info| {
					if let Some(info) = info {
						info.status = DepartmentStatus::Dissolved;
					}
				});
				Dissolutions::<T>::remove(department);
				if let Some(successor) = successor {
					Successions::<T>::mutate_exists(successor, |count| {
						*count = count.and_then(|count| count.checked_sub(1)).filter(|n| *n > 0)
					});
				}
				Self::deposit_event(Event::DepartmentDissolved { department, successor, ended });
			},
			Offboarded::OutOfWeight => {
				dissolution.held = None;
				Dissolutions::<T>::insert(department, dissolution);
			},
			Offboarded::Held(record) => {
				let newly_held = dissolution.held != Some(record);
				dissolution.held = Some(record);
				Dissolutions::<T>::insert(department, dissolution);
				if newly_held {
					Self::deposit_event(Event::DissolutionHeld { department, record });
				}
			},
		}
		Ok(())
	}

	/// Runs the parts of [`Config::Offboarding`] from the first unfinished one on, each until
	/// it finishes (counted in `finished_parts`) or stops the step, and then this pallet's
	/// memberships.
	fn offboard_next_parts(
		department: DepartmentId,
		dissolution: &mut DissolutionOf<T>,
		meter: &mut WeightMeter,
	) -> Result<Offboarded, DispatchError> {
		let successor = dissolution.successor;
		let ended = &mut dissolution.ended;
		// Ends: every pass either returns or moves on to the next of finitely many parts.
		while let Some(outcome) = T::Offboarding::offboard_part(
			dissolution.finished_parts,
			department,
			successor,
			meter,
			ended,
		) {
			match outcome? {
				Offboarded::Finished => dissolution.finished_parts.saturating_inc(),
				unfinished => return Ok(unfinished),
			}
		}
		Self::offboard_memberships(department, meter, ended)
	}

	/// Removes `department`'s members, then withdraws its invitations, while `meter` allows;
	/// every deposit goes back to whoever paid it.
	pub(crate) fn offboard_memberships(
		department: DepartmentId,
		meter: &mut WeightMeter,
		ended: &mut OffboardCounts,
	) -> Result<Offboarded, DispatchError> {
		// Read once, when there is a member to remove, and stored once after.
		let mut info = None;
		let members = offboard_each(
			DepartmentMembers::<T>::iter_key_prefix(department),
			meter,
			|_| T::WeightInfo::offboard_member(),
			|who| {
				let membership = Members::<T>::get(&who).ok_or(Error::<T>::NotMember)?;
				let info = match &mut info {
					Some(info) => info,
					None => info.insert(
						Departments::<T>::get(department).ok_or(Error::<T>::UnknownDepartment)?,
					),
				};
				let deposit = Self::end_membership(&who, &membership, info)?;
				ended.members_removed.saturating_inc();
				Self::deposit_event(Event::MemberRemoved {
					department,
					who,
					role: membership.role,
					deposit,
				});
				Ok(None)
			},
		)?;
		if let Some(info) = info {
			Departments::<T>::insert(department, info);
		}
		if members != Offboarded::Finished {
			return Ok(members);
		}
		offboard_each(
			DepartmentInvitations::<T>::iter_key_prefix(department),
			meter,
			|_| T::WeightInfo::offboard_invitation(),
			|who| {
				Self::do_end_invitation(Some(Manager::Registrar), who)?;
				ended.members_removed.saturating_inc();
				Ok(None)
			},
		)
	}
}

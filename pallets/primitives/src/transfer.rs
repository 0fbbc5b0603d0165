//! The one two-step transfer that data assets and city codes both follow:
//!
//! - the owner offers the thing to another active department, one offer at a time (a second
//!   offer is refused until the first is withdrawn);
//! - either party ends a pending offer: the owner withdraws it, the recipient declines it;
//! - only the department it is offered to accepts it;
//! - retiring the thing withdraws a pending offer (the pallet emits the same cancellation
//!   event, `by` the owner).
//!
//! These functions only check; the pallet writes its record after every other check passed, and
//! turns a [`TransferRefusal`] into its own error.

use crate::DepartmentId;

/// Why a step of a transfer was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TransferRefusal {
	/// An offer is pending: withdraw it before making another.
	AlreadyOffered,
	/// The recipient already owns the thing.
	ToOwner,
	/// The recipient does not exist or is suspended.
	RecipientNotActive,
	/// Nothing is offered.
	NotOffered,
	/// The department is neither the owner nor the recipient of the offer.
	NotParty,
	/// The thing is offered to another department.
	NotRecipient,
}

/// Checks that `owner`, whose thing has the pending offer `pending`, may offer it to `to`.
pub fn check_offer(
	pending: Option<DepartmentId>,
	owner: DepartmentId,
	to: DepartmentId,
	recipient_active: bool,
) -> Result<(), TransferRefusal> {
	if pending.is_some() {
		return Err(TransferRefusal::AlreadyOffered);
	}
	if to == owner {
		return Err(TransferRefusal::ToOwner);
	}
	if !recipient_active {
		return Err(TransferRefusal::RecipientNotActive);
	}
	Ok(())
}

/// Checks that `by` may end the pending offer `pending` of a thing owned by `owner`, and returns
/// the department it was offered to.
pub fn check_cancel(
	pending: Option<DepartmentId>,
	owner: DepartmentId,
	by: DepartmentId,
) -> Result<DepartmentId, TransferRefusal> {
	let to = pending.ok_or(TransferRefusal::NotOffered)?;
	if by != owner && by != to {
		return Err(TransferRefusal::NotParty);
	}
	Ok(to)
}

/// Checks that `by` may accept the pending offer `pending`.
pub fn check_accept(
	pending: Option<DepartmentId>,
	by: DepartmentId,
) -> Result<(), TransferRefusal> {
	let to = pending.ok_or(TransferRefusal::NotOffered)?;
	if to != by {
		return Err(TransferRefusal::NotRecipient);
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	const OWNER: DepartmentId = 1;
	const RECIPIENT: DepartmentId = 2;
	const OTHER: DepartmentId = 3;

	#[test]
	fn an_offer_goes_to_one_active_other_department_at_a_time() {
		assert_eq!(check_offer(None, OWNER, RECIPIENT, true), Ok(()));
		assert_eq!(
			check_offer(Some(OTHER), OWNER, RECIPIENT, true),
			Err(TransferRefusal::AlreadyOffered)
		);
		assert_eq!(check_offer(None, OWNER, OWNER, true), Err(TransferRefusal::ToOwner));
		assert_eq!(
			check_offer(None, OWNER, RECIPIENT, false),
			Err(TransferRefusal::RecipientNotActive)
		);
	}

	#[test]
	fn either_party_ends_an_offer_and_nobody_else() {
		assert_eq!(check_cancel(Some(RECIPIENT), OWNER, OWNER), Ok(RECIPIENT));
		assert_eq!(check_cancel(Some(RECIPIENT), OWNER, RECIPIENT), Ok(RECIPIENT));
		assert_eq!(check_cancel(Some(RECIPIENT), OWNER, OTHER), Err(TransferRefusal::NotParty));
		assert_eq!(check_cancel(None, OWNER, OWNER), Err(TransferRefusal::NotOffered));
	}

	#[test]
	fn only_the_recipient_accepts() {
		assert_eq!(check_accept(Some(RECIPIENT), RECIPIENT), Ok(()));
		assert_eq!(check_accept(Some(RECIPIENT), OWNER), Err(TransferRefusal::NotRecipient));
		assert_eq!(check_accept(None, RECIPIENT), Err(TransferRefusal::NotOffered));
	}
}

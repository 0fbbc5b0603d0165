//! Dissolving a department: the registrar's decision, its refusals, and the bounded steps (the
//! other pallets' share played by [`TestOffboarding`]) through `continue_dissolution` and
//! `on_idle`, across blocks, paused by a legal hold.

use super::*;
use crate::{
	DepartmentInvitations, DepartmentStatus, Departments as DepartmentsStorage, Dissolution,
	Dissolutions, Error, Event, Invitations, Members, OffboardCounts, WeightInfo,
};
use city_primitives::{RecordId, TestLegalHolds};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use sp_runtime::DispatchError;

fn dissolve(
	department: DepartmentId,
	successor: Option<DepartmentId>,
) -> sp_runtime::DispatchResult {
	Departments::dissolve_department(registrar(), department, successor)
}

fn status(department: DepartmentId) -> DepartmentStatus {
	DepartmentsStorage::<Test>::get(department).expect("department exists").status
}

/// The weight of a step of the mock that ends `items` of [`TestOffboarding`]'s items.
fn step_weight(items: u64) -> Weight {
	<() as WeightInfo>::continue_dissolution().saturating_add(ITEM_WEIGHT.saturating_mul(items))
}

#[test]
fn dissolve_department_marks_it_dissolving_and_its_members_can_no_longer_act() {
	test(|| {
		System::set_block_number(5);
		assert_ok!(dissolve(PUBLIC_WORKS, Some(TRANSPORT)));

		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolving);
		assert_eq!(
			Dissolutions::<Test>::get(PUBLIC_WORKS),
			Some(Dissolution {
				successor: Some(TRANSPORT),
				started_at: 5,
				finished_parts: 0,
				ended: OffboardCounts::default(),
				held: None,
			})
		);
		assert_eq!(
			last_event(),
			Event::DepartmentDissolving { department: PUBLIC_WORKS, successor: Some(TRANSPORT) }
		);
		assert_noop!(
			Departments::ensure_role(&PW_STEWARD, &Role::ALL),
			Error::<Test>::DepartmentSuspended
		);
	});
}

#[test]
fn dissolve_department_refuses_what_it_cannot_do() {
	test(|| {
		assert_noop!(
			Departments::dissolve_department(signed(PW_ADMIN), PUBLIC_WORKS, None),
			DispatchError::BadOrigin
		);
		assert_noop!(dissolve(NO_DEPARTMENT, None), Error::<Test>::UnknownDepartment);
		assert_noop!(dissolve(PUBLIC_WORKS, Some(PUBLIC_WORKS)), Error::<Test>::InvalidSuccessor);
		assert_noop!(dissolve(PUBLIC_WORKS, Some(NO_DEPARTMENT)), Error::<Test>::InvalidSuccessor);
		assert_ok!(Departments::suspend_department(registrar(), TRANSPORT));
		assert_noop!(dissolve(PUBLIC_WORKS, Some(TRANSPORT)), Error::<Test>::InvalidSuccessor);
	});
}

#[test]
fn a_successor_is_not_dissolved_while_records_still_come_to_it() {
	test(|| {
		TestOffboarding::hold_items(25);
		assert_ok!(dissolve(PUBLIC_WORKS, Some(TRANSPORT)));
		assert_eq!(crate::Successions::<Test>::get(TRANSPORT), Some(1));
		// Transport takes Public Works' records: it is not dissolved meanwhile, with or
		// without a successor of its own; and a department being dissolved succeeds nobody.
		assert_noop!(dissolve(TRANSPORT, None), Error::<Test>::SuccessorOfDissolution);
		assert_noop!(dissolve(TRANSPORT, Some(PARKS)), Error::<Test>::SuccessorOfDissolution);
		assert_noop!(dissolve(PARKS, Some(PUBLIC_WORKS)), Error::<Test>::InvalidSuccessor);

		// Once Public Works is dissolved (three steps), Transport may be.
		for _ in 0..3 {
			assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
		}
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);
		assert_eq!(crate::Successions::<Test>::get(TRANSPORT), None);
		assert_ok!(dissolve(TRANSPORT, None));
	});
}

#[test]
fn a_finished_share_is_not_asked_again() {
	test(|| {
		// A step pays for two items: the share's two, then members in the next steps.
		DissolutionStepWeight::set(ITEM_WEIGHT.saturating_mul(2));
		TestOffboarding::hold_items(2);
		assert_ok!(dissolve(PUBLIC_WORKS, None));

		assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
		assert_eq!(TestOffboarding::items_left(), 0);
		let dissolution = Dissolutions::<Test>::get(PUBLIC_WORKS).expect("members are left");
		assert_eq!(dissolution.finished_parts, 1);
		assert_eq!(TestOffboarding::times_asked(), 1);

		for _ in 0..4 {
			if status(PUBLIC_WORKS) == DepartmentStatus::Dissolving {
				assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
			}
		}
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);
		assert_eq!(TestOffboarding::times_asked(), 1);
	});
}

#[test]
fn a_held_department_is_not_dissolved() {
	test(|| {
		TestLegalHolds::place(RecordId::Department(PUBLIC_WORKS));
		assert_noop!(dissolve(PUBLIC_WORKS, None), Error::<Test>::UnderLegalHold);
		TestLegalHolds::lift(RecordId::Department(PUBLIC_WORKS));
		assert_ok!(dissolve(PUBLIC_WORKS, None));
	});
}

#[test]
fn another_pallet_that_cannot_end_its_share_stops_the_dissolution_before_it_starts() {
	test(|| {
		TestOffboarding::refuse();
		assert_noop!(dissolve(PUBLIC_WORKS, None), REFUSAL);
	});
}

#[test]
fn a_dissolving_or_dissolved_department_stays_so() {
	test(|| {
		assert_ok!(Departments::invite_member(registrar(), PARKS, OUTSIDER, Role::Admin));
		assert_ok!(dissolve(PUBLIC_WORKS, None));
		assert_noop!(dissolve(PUBLIC_WORKS, None), Error::<Test>::DepartmentDissolved);
		assert_noop!(
			Departments::suspend_department(registrar(), PUBLIC_WORKS),
			Error::<Test>::DepartmentDissolved
		);
		assert_noop!(
			Departments::reactivate_department(registrar(), PUBLIC_WORKS),
			Error::<Test>::DepartmentDissolved
		);
		assert_noop!(
			Departments::invite_member(registrar(), PUBLIC_WORKS, 11, Role::Steward),
			Error::<Test>::DepartmentDissolved
		);
		assert_noop!(dissolve(TRANSPORT, Some(PUBLIC_WORKS)), Error::<Test>::InvalidSuccessor);

		// An invitation accepted while its department is being dissolved is refused.
		assert_ok!(dissolve(PARKS, None));
		assert_noop!(
			Departments::accept_invitation(signed(OUTSIDER)),
			Error::<Test>::DepartmentDissolved
		);

		assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);
		assert_noop!(dissolve(PUBLIC_WORKS, None), Error::<Test>::DepartmentDissolved);
		assert_noop!(
			Departments::reactivate_department(registrar(), PUBLIC_WORKS),
			Error::<Test>::DepartmentDissolved
		);
	});
}

#[test]
fn continue_dissolution_refuses_a_department_not_being_dissolved() {
	test(|| {
		assert_noop!(
			Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS),
			Error::<Test>::NotDissolving
		);
		assert_noop!(
			Departments::continue_dissolution(RuntimeOrigin::none(), PUBLIC_WORKS),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_dissolution_ends_everything_in_bounded_steps_and_returns_every_deposit() {
	test(|| {
		// A member and an invitation with deposits paid by the admin, and 25 items elsewhere.
		assert_ok!(Departments::set_member_role(registrar(), PW_STEWARD, Role::Admin));
		assert_ok!(Departments::invite_member(signed(PW_ADMIN), PUBLIC_WORKS, 12, Role::Operator));
		assert_ok!(add_member(signed(PW_ADMIN), PUBLIC_WORKS, 11, Role::Steward));
		assert_eq!(held(PW_ADMIN), 2 * DEPOSIT);
		TestOffboarding::hold_items(25);
		assert_ok!(dissolve(PUBLIC_WORKS, None));

		// Each step ends ten items, and is charged what it used.
		for left in [15, 5] {
			let info =
				Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS).expect("a step");
			assert_eq!(info.actual_weight, Some(step_weight(10)));
			assert_eq!(TestOffboarding::items_left(), left);
			assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolving);
		}
		let ended = Dissolutions::<Test>::get(PUBLIC_WORKS).expect("under way").ended;
		assert_eq!(ended.grants_ended, 20);

		// The last step ends the rest, then the four members and the invitation.
		assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
		assert_eq!(TestOffboarding::items_left(), 0);
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);
		assert!(Dissolutions::<Test>::get(PUBLIC_WORKS).is_none());
		for who in [PW_ADMIN, PW_STEWARD, PW_OPERATOR, 11] {
			assert!(Members::<Test>::get(who).is_none(), "{who} left");
		}
		assert!(Invitations::<Test>::get(12).is_none());
		assert!(DepartmentInvitations::<Test>::iter_key_prefix(PUBLIC_WORKS).next().is_none());
		assert_eq!(held(PW_ADMIN), 0);
		let info = DepartmentsStorage::<Test>::get(PUBLIC_WORKS).expect("the record stays");
		assert_eq!((info.member_count, info.admin_count), (0, 0));
		assert_eq!(
			last_event(),
			Event::DepartmentDissolved {
				department: PUBLIC_WORKS,
				successor: None,
				ended: OffboardCounts {
					grants_ended: 25,
					members_removed: 5,
					..Default::default()
				},
			}
		);
		assert!(departments_events().contains(&Event::InvitationCancelled {
			department: PUBLIC_WORKS,
			who: 12,
			deposit: Some(crate::Deposit { depositor: PW_ADMIN, amount: DEPOSIT }),
		}));

		// Nothing is left to continue.
		assert_noop!(
			Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS),
			Error::<Test>::NotDissolving
		);
	});
}

#[test]
fn blocks_carry_a_dissolution_on_in_their_idle_time() {
	test(|| {
		TestOffboarding::hold_items(12);
		assert_ok!(dissolve(PUBLIC_WORKS, None));

		let look = <Test as frame_system::Config>::DbWeight::get().reads(8);
		// Too little weight left for the look, the step and its heaviest item: nothing happens.
		assert_eq!(Departments::on_idle(2, step_weight(1)), Weight::zero());
		assert_eq!(TestOffboarding::items_left(), 12);

		// Room for three items: three are ended, and no more than the block had is used.
		let remaining = step_weight(3).saturating_add(look);
		assert_eq!(Departments::on_idle(2, remaining), remaining);
		assert_eq!(TestOffboarding::items_left(), 9);

		// A roomy block takes at most `DissolutionStepWeight` for the step (ten items' worth):
		// here the nine items left, and then members while the rest pays for them.
		let used = Departments::on_idle(3, Weight::MAX);
		let most = look
			.saturating_add(<() as WeightInfo>::continue_dissolution())
			.saturating_add(DissolutionStepWeight::get());
		assert!(used.all_lte(most), "{used} is more than {most}");
		assert_eq!(TestOffboarding::items_left(), 0);
		// The next block ends the three members.
		Departments::on_idle(4, Weight::MAX);
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);

		// With nothing dissolving, an idle block costs only the look.
		assert_eq!(Departments::on_idle(5, Weight::MAX), look);
	});
}

#[test]
fn a_hold_placed_during_a_dissolution_pauses_it_until_it_is_lifted() {
	test(|| {
		TestOffboarding::hold_items(3);
		assert_ok!(dissolve(PUBLIC_WORKS, None));
		let held = RecordId::Department(PUBLIC_WORKS);
		TestLegalHolds::place(held);

		assert_ok!(Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS));
		assert_eq!(last_event(), Event::DissolutionHeld { department: PUBLIC_WORKS, record: held });
		assert_eq!(TestOffboarding::items_left(), 3);
		assert_eq!(Dissolutions::<Test>::get(PUBLIC_WORKS).and_then(|d| d.held), Some(held));

		// While the hold stands, neither a call nor an idle block goes on.
		assert_noop!(
			Departments::continue_dissolution(signed(OUTSIDER), PUBLIC_WORKS),
			Error::<Test>::UnderLegalHold
		);
		Departments::on_idle(2, Weight::MAX);
		assert_eq!(TestOffboarding::items_left(), 3);
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolving);

		// Once it is lifted, the next idle block goes on.
		TestLegalHolds::lift(held);
		Departments::on_idle(3, Weight::MAX);
		assert_eq!(status(PUBLIC_WORKS), DepartmentStatus::Dissolved);
	});
}

#[test]
fn the_step_budget_pays_for_the_heaviest_item() {
	// What `integrity_test` checks, so that every step makes progress.
	test(Departments::integrity_test);
}

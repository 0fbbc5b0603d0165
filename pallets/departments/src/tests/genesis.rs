//! Genesis configuration.

use super::*;
use crate::{
	DepartmentByPrefix, DepartmentInfo, DepartmentMembers, DepartmentStatus,
	Departments as DepartmentsStorage, Members, Membership, NextDepartmentId,
};

#[test]
fn default_genesis_registers_departments_and_members() {
	test(|| {
		assert_eq!(NextDepartmentId::<Test>::get(), 3);
		assert_eq!(
			DepartmentsStorage::<Test>::get(PUBLIC_WORKS),
			Some(DepartmentInfo {
				name: name("Public Works"),
				prefix: prefix("PW"),
				status: DepartmentStatus::Active,
				registered_at: 0,
				member_count: 3,
				admin_count: 1,
			})
		);
		assert_eq!(DepartmentsStorage::<Test>::get(TRANSPORT).unwrap().member_count, 1);
		let parks = DepartmentsStorage::<Test>::get(PARKS).unwrap();
		assert_eq!((parks.name, parks.member_count, parks.admin_count), (name("Parks"), 0, 0));

		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("PW")), Some(PUBLIC_WORKS));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("TR")), Some(TRANSPORT));
		assert_eq!(DepartmentByPrefix::<Test>::get(prefix("PK")), Some(PARKS));

		// Genesis members pay no deposit.
		assert_eq!(
			Members::<Test>::get(PW_STEWARD),
			Some(Membership { department: PUBLIC_WORKS, role: Role::Steward, deposit: None })
		);
		assert_eq!(DepartmentMembers::<Test>::iter_prefix(PUBLIC_WORKS).count(), 3);
		assert_eq!(DepartmentMembers::<Test>::get(TRANSPORT, TR_ADMIN), Some(Role::Admin));
		assert_eq!(Members::<Test>::iter().count(), 4);
		for who in [PW_ADMIN, PW_STEWARD, PW_OPERATOR, TR_ADMIN] {
			assert_eq!(held(who), 0);
		}
	});
}

#[test]
fn empty_genesis_is_empty() {
	ExtBuilder::empty().build_and_execute(|| {
		assert_eq!(NextDepartmentId::<Test>::get(), 0);
		assert_eq!(DepartmentsStorage::<Test>::iter().count(), 0);
		assert_eq!(Members::<Test>::iter().count(), 0);
	});
}

#[test]
fn genesis_members_act_at_once() {
	test(|| {
		assert_eq!(Departments::ensure_role(&PW_STEWARD, &[Role::Steward]), Ok(PUBLIC_WORKS));
	});
}

#[test]
#[should_panic(expected = "invalid genesis department")]
fn genesis_refuses_a_duplicate_prefix() {
	ExtBuilder::empty().departments(vec![("A", "PW"), ("B", "PW")]).build();
}

#[test]
#[should_panic(expected = "invalid genesis department")]
fn genesis_refuses_an_invalid_prefix() {
	ExtBuilder::empty().departments(vec![("A", "pw")]).build();
}

#[test]
#[should_panic(expected = "invalid genesis department")]
fn genesis_refuses_an_invalid_name() {
	ExtBuilder::empty().departments(vec![("", "PW")]).build();
}

#[test]
#[should_panic(expected = "InvalidName")]
fn genesis_refuses_a_name_with_a_bidi_override() {
	ExtBuilder::empty().departments(vec![("Parks\u{202E}", "PK")]).build();
}

#[test]
#[should_panic(expected = "NameTooLong")]
fn genesis_refuses_a_long_name() {
	// MaxNameLen = 16.
	ExtBuilder::empty().departments(vec![("Seventeen bytes!!", "PW")]).build();
}

#[test]
#[should_panic(expected = "PrefixTooLong")]
fn genesis_refuses_a_long_prefix() {
	// MaxPrefixLen = 4.
	ExtBuilder::empty().departments(vec![("Parks", "PARKS")]).build();
}

#[test]
#[should_panic(expected = "invalid genesis member")]
fn genesis_refuses_a_member_of_an_unknown_department() {
	ExtBuilder::empty()
		.departments(vec![("A", "A")])
		.members(vec![(PW_ADMIN, 1, Role::Admin)])
		.build();
}

#[test]
#[should_panic(expected = "invalid genesis member")]
fn genesis_refuses_an_account_in_two_departments() {
	ExtBuilder::empty()
		.departments(vec![("A", "A"), ("B", "B")])
		.members(vec![(PW_ADMIN, 0, Role::Admin), (PW_ADMIN, 1, Role::Admin)])
		.build();
}

#[test]
#[should_panic(expected = "invalid genesis member")]
fn genesis_refuses_too_many_members() {
	ExtBuilder::empty()
		.departments(vec![("A", "A")])
		.members((1..=5).map(|who| (who, 0, Role::Steward)).collect())
		.build();
}

#[test]
fn genesis_config_reads_from_json() {
	// The shape a chain spec or genesis preset gives: names and prefixes as bytes, roles by name.
	let json = serde_json::json!({
		"departments": [[b"Public Works".to_vec(), b"PW".to_vec()]],
		"members": [[PW_ADMIN, 0, "Admin"], [PW_OPERATOR, 0, "Operator"]],
	});
	let config: crate::GenesisConfig<Test> = serde_json::from_value(json.clone()).unwrap();
	assert_eq!(config.departments, vec![(b"Public Works".to_vec(), b"PW".to_vec())]);
	assert_eq!(config.members, vec![(PW_ADMIN, 0, Role::Admin), (PW_OPERATOR, 0, Role::Operator)]);
	assert_eq!(serde_json::to_value(&config).unwrap(), json);
	// Unknown fields are refused rather than silently ignored.
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(serde_json::json!({
		"departments": [],
		"members": [],
		"admins": [],
	}))
	.is_err());
}

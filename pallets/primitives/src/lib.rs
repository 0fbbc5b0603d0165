//! # CityChain primitives
//!
//! The one place where CityChain pallets meet. Pallets that act on behalf of a department
//! (data assets, access grants, city codes, ...) depend on this crate, never on the storage of
//! `pallet-departments`:
//!
//! - [`DepartmentId`]: how a department is named on chain.
//! - [`Role`]: what a member may do for its department.
//! - [`DepartmentRegistry`]: who acts for which department, and whether it may act now.
//! - [`AssetId`], [`Classification`], [`AssetInfo`] and [`AssetRegistry`]: what the grant and
//!   code pallets need to know about a data asset, without reading `pallet-data-assets`.
//!
//! - [`transfer`]: the two-step transfer rule data assets and city codes share.
//! - [`RecordId`] and [`LegalHolds`]: records under legal hold, which no pallet retires, purges,
//!   transfers or downgrades.
//! - [`offboarding`]: each pallet's share of dissolving a department ([`Offboarding`]).
//! - [`Page`]: one page of any list a runtime API returns, with the cursor of the next.
//! - [`ensure_department_origin`]: checks a call's origin against a department-role origin
//!   (e.g. `pallet_departments::EnsureDepartmentRole`) and names the reason when it refuses.
//! - `serde_json_helpers` (std only): how the pallets' types serialize to the node's readable
//!   JSON (CityChain SS58 accounts, decimal balances, `0x` hashes, text names).
//! - [`BenchmarkHelper`] (benchmarks only): sets up departments and assets for other pallets'
//!   benchmarks.
//!
//! A pallet declares the origins it accepts in its `Config`, e.g.
//! `type StewardOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = (Self::AccountId, DepartmentId)>;`,
//! and guards a call in one line:
//!
//! ```ignore
//! let (who, department) = ensure_department_origin::<T::StewardOrigin, T::Departments, _>(origin)?;
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// City codes as text: grammar, parsing, formatting, ISO/IEC 7064 MOD 37-2 check character.
pub mod city_code;
pub mod offboarding;
mod paging;
#[cfg(feature = "std")]
pub mod serde_json_helpers;
pub mod transfer;

pub use offboarding::{OffboardCounts, Offboarded, Offboarding};
pub use paging::Page;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::{fungible::MutateHold, tokens::Precision, EnsureOrigin, OriginTrait};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::DispatchError;

/// The SS58 address prefix of CityChain accounts (`CITY` on a phone keypad). Here, not in the
/// runtime, so that the JSON of the pallets' types writes CityChain addresses.
pub const SS58_PREFIX: u16 = 2489;

/// Identifies a department. Assigned by `pallet-departments` in registration order, never reused.
pub type DepartmentId = u32;

/// What a member may do for its department.
///
/// Roles are not ranked: a call lists every role it accepts, so granting a new power to a role is
/// always an explicit change at the call that needs it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Role {
	/// Manages the department's members (adds, changes and removes them).
	#[codec(index = 0)]
	Admin,
	/// Manages the department's data assets, decides access requests and issues city codes.
	#[codec(index = 1)]
	Steward,
	/// A department system's key: records accesses and issues city codes.
	#[codec(index = 2)]
	Operator,
}

impl Role {
	/// Every role, for calls that any member of an active department may make.
	pub const ALL: [Role; 3] = [Role::Admin, Role::Steward, Role::Operator];
}

/// Who acts for which department: what other pallets ask every time an account acts.
///
/// Implemented by `pallet-departments`. An account acts for at most one department, with exactly
/// one role. A suspended department's members can do nothing: [`Self::ensure_role`] refuses them.
pub trait DepartmentRegistry<AccountId> {
	/// The department `who` acts for and its role there, whatever the department's status.
	fn membership(who: &AccountId) -> Option<(DepartmentId, Role)>;

	/// Whether `department` exists and is active (not suspended or dissolved).
	fn is_active(department: DepartmentId) -> bool;

	/// Whether `department` is being dissolved: its records are moving to a successor or being
	/// retired, a step at a time.
	fn is_dissolving(_department: DepartmentId) -> bool {
		false
	}

	/// The department's short code prefix (upper-case ASCII letters and digits), if it exists.
	fn prefix(department: DepartmentId) -> Option<Vec<u8>>;

	/// Checks that `who` is a member of an active department with one of `roles`, and returns
	/// that department.
	///
	/// The error says why not (not a member, department suspended, role not allowed); with
	/// `pallet-departments` it is one of that pallet's named errors. An empty `roles` allows no one.
	fn ensure_role(who: &AccountId, roles: &[Role]) -> Result<DepartmentId, DispatchError>;

	/// Why `who` may not act with a role that a department origin refused it: the error
	/// [`Self::ensure_role`] gives for it (not a member, department suspended), or, for a member
	/// of an active department, that its role is not allowed.
	fn refusal(who: &AccountId) -> DispatchError;
}

/// The city's oversight body: the second party of the two-party rule for `Restricted` data.
///
/// Its decisions (approving a grant on a `Restricted` asset, lowering a `Restricted` asset)
/// count only while it is independent of the departments they concern: while none of its
/// members acts for one of them. So no combination of the owner's and the requester's accounts
/// can carry a decision that opens `Restricted` data, whatever the size of the body or the
/// council.
///
/// The runtime implements it with its oversight board (a `pallet-collective` instance).
pub trait OversightBody<AccountId> {
	/// The body's current members, at most [`Self::max_members`].
	fn members() -> Vec<AccountId>;

	/// The most members the body can have: what [`Self::is_independent_of`] reads at worst.
	fn max_members() -> u32;

	/// Whether no member of the body acts for any of `departments`, as the registry `R` says.
	fn is_independent_of<R: DepartmentRegistry<AccountId>>(departments: &[DepartmentId]) -> bool {
		Self::members().iter().all(|member| {
			R::membership(member).is_none_or(|(department, _)| !departments.contains(&department))
		})
	}
}

/// A body without members, independent of every department: for mocks whose oversight origin
/// is Root alone.
impl<AccountId> OversightBody<AccountId> for () {
	fn members() -> Vec<AccountId> {
		Vec::new()
	}

	fn max_members() -> u32 {
		0
	}
}

/// Checks `origin` with the department-role origin `O` (or anything combined with one) and
/// returns what `O` yields, usually `(account, department)`.
///
/// When `O` refuses a signed account, the error is the registry `R`'s reason
/// ([`DepartmentRegistry::refusal`]: `NotMember`, `DepartmentSuspended`, `RoleNotAllowed`), so
/// a department system learns what to fix; any other origin gets [`DispatchError::BadOrigin`].
pub fn ensure_department_origin<O, R, Origin>(origin: Origin) -> Result<O::Success, DispatchError>
where
	Origin: OriginTrait,
	O: EnsureOrigin<Origin>,
	R: DepartmentRegistry<Origin::AccountId>,
{
	O::try_origin(origin).map_err(|origin| match origin.as_signer() {
		Some(who) => R::refusal(who),
		None => DispatchError::BadOrigin,
	})
}

/// Sets up what a pallet's benchmarks need from the pallets they meet (a department with a
/// member, a data asset) without knowing those pallets' storage. A benchmarked pallet declares
/// `type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;` (as pallet-assets does); the runtime
/// implements it with `pallet-departments` and `pallet-data-assets`.
///
/// Callers of the benchmarked calls come from their origins' `try_successful_origin` instead.
/// Never available outside benchmarks. The defaults refuse.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a member with `role` of a fresh, active department and returns it.
	fn department_member(_who: &AccountId, _role: Role) -> Result<DepartmentId, DispatchError> {
		Err(DispatchError::Other("BenchmarkHelper: departments unsupported"))
	}

	/// Registers an asset with `classification` owned by `steward`'s department (`steward` is a
	/// Steward of an active department, funded for the deposit) and returns its id.
	fn asset(
		_steward: &AccountId,
		_classification: Classification,
	) -> Result<AssetId, DispatchError> {
		Err(DispatchError::Other("BenchmarkHelper: assets unsupported"))
	}

	/// Retires `asset`, owned by `steward`'s department, as its steward would.
	fn retire_asset(_steward: &AccountId, _asset: AssetId) -> Result<(), DispatchError> {
		Err(DispatchError::Other("BenchmarkHelper: assets unsupported"))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<AccountId> BenchmarkHelper<AccountId> for () {}

/// Identifies a data asset. Assigned by `pallet-data-assets` in registration order, never reused.
pub type AssetId = u64;

/// A data asset's version number: 1 for the content first registered, +1 for every new content.
pub type AssetVersion = u32;

/// How sensitive a data asset is. Drives access policy: the higher, the more approvals a grant
/// needs. Ordered: `Public < Internal < Confidential < Restricted`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Classification {
	/// Anyone may read it; no grant is needed.
	#[codec(index = 0)]
	Public,
	/// For city departments; another department needs the owner's grant.
	#[codec(index = 1)]
	Internal,
	/// Personal or sensitive data; another department needs the owner's grant.
	#[codec(index = 2)]
	Confidential,
	/// The most sensitive data; a grant needs the owner's approval and the oversight office's.
	#[codec(index = 3)]
	Restricted,
}

/// What other pallets may know about a data asset.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct AssetInfo {
	/// The department that owns the asset.
	pub owner: DepartmentId,
	/// How sensitive it is.
	pub classification: Classification,
	/// `false` once the asset is retired: it takes no new versions and no new grants.
	pub active: bool,
	/// How many times the asset changed hands (completed transfers): 0 when registered, +1 with
	/// every accepted transfer, never decreasing. Together with `owner` it names one period of
	/// ownership, so a pallet that remembers it can tell "still the same owner" from "the same
	/// owner again, after someone else" (an asset given back is a new period).
	pub transfers: u32,
}

/// The data-asset catalogue as other pallets see it. Implemented by `pallet-data-assets`.
pub trait AssetRegistry<AccountId> {
	/// The asset's owner, classification and status, if it exists (retired assets exist).
	fn asset_info(asset: AssetId) -> Option<AssetInfo>;
}

/// A catalogue without assets: every lookup finds nothing.
impl<AccountId> AssetRegistry<AccountId> for () {
	fn asset_info(_asset: AssetId) -> Option<AssetInfo> {
		None
	}
}

/// Identifies a city code record. Assigned by `pallet-city-codes` in issuance order, never
/// reused.
pub type CodeId = u64;

/// A record the city may place under legal hold: a department (with everything it owns), a data
/// asset or a city code.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum RecordId {
	/// A department: its assets, codes, requests and grants, given and received.
	#[codec(index = 0)]
	Department(DepartmentId),
	/// A data asset: its record, versions, requests and grants.
	#[codec(index = 1)]
	Asset(AssetId),
	/// A city code.
	#[codec(index = 2)]
	Code(CodeId),
}

/// Legal holds: records under investigation that nothing may retire, purge, transfer or
/// downgrade until the hold is lifted. Access keeps working.
///
/// Implemented by `pallet-legal-holds`; the pallets that end or move records ask it before they
/// do, and refuse with their `UnderLegalHold` error.
pub trait LegalHolds {
	/// Whether `record` itself is held.
	fn is_held(record: RecordId) -> bool;

	/// Whether any of `departments` is held: a department's hold covers every record it owns
	/// or is party to.
	fn any_department_held(departments: &[DepartmentId]) -> bool {
		departments.iter().any(|department| Self::is_held(RecordId::Department(*department)))
	}

	/// Whether `asset` is held, by its own hold or one on any of `departments` (its owner, and
	/// for a request or grant the other party).
	fn asset_held(asset: AssetId, departments: &[DepartmentId]) -> bool {
		Self::asset_hold(asset, departments).is_some()
	}

	/// The hold that [`Self::asset_held`] finds, if any: the asset's own, or the first of
	/// `departments`' (what stops a dissolution step, named in its event).
	fn asset_hold(asset: AssetId, departments: &[DepartmentId]) -> Option<RecordId> {
		core::iter::once(RecordId::Asset(asset))
			.chain(departments.iter().map(|department| RecordId::Department(*department)))
			.find(|record| Self::is_held(*record))
	}

	/// Whether `code`, owned by `owner`, is held, by its own hold or its owner's.
	fn code_held(code: CodeId, owner: DepartmentId) -> bool {
		Self::is_held(RecordId::Code(code)) || Self::is_held(RecordId::Department(owner))
	}
}

/// No holds: for mocks and chains without the legal-holds pallet.
impl LegalHolds for () {
	fn is_held(_record: RecordId) -> bool {
		false
	}
}

/// Holds that a pallet's tests place and lift by hand, one set per test thread: for mocks of
/// pallets that consult [`LegalHolds`].
#[cfg(feature = "std")]
pub struct TestLegalHolds;

#[cfg(feature = "std")]
std::thread_local! {
	static TEST_HOLDS: core::cell::RefCell<std::collections::BTreeSet<RecordId>> =
		const { core::cell::RefCell::new(std::collections::BTreeSet::new()) };
}

#[cfg(feature = "std")]
impl TestLegalHolds {
	/// Holds `record` in this test.
	pub fn place(record: RecordId) {
		TEST_HOLDS.with(|holds| holds.borrow_mut().insert(record));
	}

	/// Lifts the hold on `record` in this test.
	pub fn lift(record: RecordId) {
		TEST_HOLDS.with(|holds| holds.borrow_mut().remove(&record));
	}
}

#[cfg(feature = "std")]
impl LegalHolds for TestLegalHolds {
	fn is_held(record: RecordId) -> bool {
		TEST_HOLDS.with(|holds| holds.borrow().contains(&record))
	}
}

/// A balance held from `depositor` while a record exists (a membership, a data asset, an access
/// request or grant, a city code), released to it when the record ends. One shape for every
/// CityChain pallet, so a client reads every deposit the same way.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(feature = "std", derive(Serialize))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde_json_helpers::Ss58Codec, Balance: core::fmt::Display"
	))
)]
pub struct Deposit<AccountId, Balance> {
	/// Who paid, and gets it back.
	#[cfg_attr(feature = "std", serde(serialize_with = "serde_json_helpers::ss58"))]
	pub depositor: AccountId,
	/// How much is held (in JSON a decimal string: balances exceed what a JSON number holds).
	#[cfg_attr(feature = "std", serde(serialize_with = "serde_json_helpers::decimal"))]
	pub amount: Balance,
}

impl<AccountId: Clone, Balance: Copy> Deposit<AccountId, Balance> {
	/// Releases this deposit, held under `reason`, to its depositor, best effort, and returns it
	/// as actually released: less than recorded only if the hold was reduced outside the pallet
	/// that made it, so removing a record never fails on a slashed hold.
	pub fn release<Currency>(&self, reason: &Currency::Reason) -> Result<Self, DispatchError>
	where
		Currency: MutateHold<AccountId, Balance = Balance>,
	{
		let amount =
			Currency::release(reason, &self.depositor, self.amount, Precision::BestEffort)?;
		Ok(Self { depositor: self.depositor.clone(), amount })
	}

	/// Shrinks this deposit, held under `reason`, to at most `keep` (what the tombstone a
	/// retired record leaves behind still needs) and releases the rest to its depositor, best
	/// effort. Returns the deposit kept (`None` if nothing is) and what was released (`None` if
	/// nothing was).
	///
	/// It releases the whole deposit and holds the kept part again, so what is kept is always
	/// really held: if the hold was reduced outside the pallet, the release falls short first.
	pub fn shrink_to<Currency>(
		&self,
		keep: Balance,
		reason: &Currency::Reason,
	) -> Result<(Option<Self>, Option<Self>), DispatchError>
	where
		Currency: MutateHold<AccountId, Balance = Balance>,
		Balance: Ord + sp_runtime::traits::Saturating + sp_runtime::traits::Zero,
	{
		let freed = self.release::<Currency>(reason)?.amount;
		let kept = freed.min(keep).min(self.amount);
		if !kept.is_zero() {
			Currency::hold(reason, &self.depositor, kept)?;
		}
		let released = freed.saturating_sub(kept);
		let part = |amount: Balance| {
			(!amount.is_zero()).then(|| Self { depositor: self.depositor.clone(), amount })
		};
		Ok((part(kept), part(released)))
	}
}

/// A registry without departments: nobody is a member, so [`DepartmentRegistry::ensure_role`]
/// always fails with [`DispatchError::BadOrigin`].
///
/// For mocks of pallets whose tests do not involve departments. Tests that do should put
/// `pallet-departments` itself in the mock runtime.
impl<AccountId> DepartmentRegistry<AccountId> for () {
	fn membership(_who: &AccountId) -> Option<(DepartmentId, Role)> {
		None
	}

	fn is_active(_department: DepartmentId) -> bool {
		false
	}

	fn prefix(_department: DepartmentId) -> Option<Vec<u8>> {
		None
	}

	fn ensure_role(_who: &AccountId, _roles: &[Role]) -> Result<DepartmentId, DispatchError> {
		Err(DispatchError::BadOrigin)
	}

	fn refusal(_who: &AccountId) -> DispatchError {
		DispatchError::BadOrigin
	}
}

/// Whether `text` may be a name shown to people: non-empty UTF-8 without any character
/// [`is_forbidden_in_text`] refuses. Every CityChain pallet checks names and tags with this one
/// rule.
pub fn is_display_text(text: &[u8]) -> bool {
	core::str::from_utf8(text)
		.is_ok_and(|text| !text.is_empty() && !text.chars().any(is_forbidden_in_text))
}

/// Whether `c` may not appear in a name shown to people (a department's, an asset's, a city
/// code's, a tag): it is invisible or changes how the text around it displays, so two names that
/// look alike could differ, or a name could display as something it is not.
///
/// That is every control character (general category `Cc`, e.g. `\n`, `\0`), every format
/// character (`Cf`: soft hyphen, bidirectional marks, embeddings, overrides and isolates such
/// as U+202E, zero-width space/joiners, word joiner, invisible operators, byte-order mark,
/// interlinear annotation marks, tag characters, ...; the complete list as of Unicode 15.1),
/// and the line and paragraph separators U+2028 and U+2029 (`Zl`, `Zp`), which break lines like
/// `\n` does. Spelled out here because `core` has no general-category lookup and the runtime
/// takes no Unicode-tables crate.
pub fn is_forbidden_in_text(c: char) -> bool {
	c.is_control()
		|| matches!(
			c,
			// Cf: format characters.
			'\u{00AD}'
				| '\u{0600}'..='\u{0605}'
				| '\u{061C}'
				| '\u{06DD}'
				| '\u{070F}'
				| '\u{0890}'..='\u{0891}'
				| '\u{08E2}'
				| '\u{180E}'
				| '\u{200B}'..='\u{200F}'
				| '\u{202A}'..='\u{202E}'
				| '\u{2060}'..='\u{2064}'
				| '\u{2066}'..='\u{206F}'
				| '\u{FEFF}'
				| '\u{FFF9}'..='\u{FFFB}'
				| '\u{110BD}'
				| '\u{110CD}'
				| '\u{13430}'..='\u{1343F}'
				| '\u{1BCA0}'..='\u{1BCA3}'
				| '\u{1D173}'..='\u{1D17A}'
				| '\u{E0001}'
				| '\u{E0020}'..='\u{E007F}'
				// Zl, Zp: line and paragraph separators.
				| '\u{2028}'
				| '\u{2029}'
		)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn role_encoding_is_stable() {
		assert_eq!(Role::Admin.encode(), vec![0]);
		assert_eq!(Role::Steward.encode(), vec![1]);
		assert_eq!(Role::Operator.encode(), vec![2]);
		assert_eq!(Role::decode(&mut &[2u8][..]), Ok(Role::Operator));
		assert!(Role::decode(&mut &[3u8][..]).is_err());
		assert_eq!(Role::max_encoded_len(), 1);
	}

	#[test]
	fn classification_is_ordered_and_stable() {
		use Classification::*;
		assert!(Public < Internal && Internal < Confidential && Confidential < Restricted);
		for (c, byte) in [(Public, 0u8), (Internal, 1), (Confidential, 2), (Restricted, 3)] {
			assert_eq!(c.encode(), vec![byte]);
		}
		assert!(Classification::decode(&mut &[4u8][..]).is_err());
		assert_eq!(<() as AssetRegistry<u64>>::asset_info(0), None);
	}

	#[test]
	fn display_text_refuses_invisible_and_layout_characters() {
		assert!(is_display_text("Transport".as_bytes()));
		assert!(is_display_text("Umweltamt Zürich 2025".as_bytes()));
		for bad in [
			"",
			"a\nb",
			"tab\t",
			"rtl\u{202E}txt",
			"zero\u{200B}width",
			"\u{FEFF}bom",
			"line\u{2028}sep",
		] {
			assert!(!is_display_text(bad.as_bytes()), "{bad:?}");
		}
		assert!(!is_display_text(&[0xff, 0xfe]), "not UTF-8");
	}

	#[test]
	fn unit_registry_knows_no_one() {
		assert_eq!(<() as DepartmentRegistry<u64>>::membership(&1), None);
		assert!(!<() as DepartmentRegistry<u64>>::is_active(0));
		assert_eq!(<() as DepartmentRegistry<u64>>::prefix(0), None);
		assert_eq!(
			<() as DepartmentRegistry<u64>>::ensure_role(&1, &Role::ALL),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(<() as DepartmentRegistry<u64>>::refusal(&1), DispatchError::BadOrigin);
	}
}

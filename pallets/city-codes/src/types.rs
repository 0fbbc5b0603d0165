//! Types stored, emitted and returned by the city-codes pallet.

use crate::Config;
use alloc::vec::Vec;
pub use city_primitives::Deposit;
use city_primitives::{city_code::CodeError, AssetId, DepartmentId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible::Inspect, ConstU32},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

pub use city_primitives::city_code::Serial;

pub use city_primitives::CodeId;

/// Identifies an object class. Assigned in the order classes are added, never reused.
pub type ClassId = u16;

/// The balance type of [`Config::Currency`].
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A city prefix as configured: 1 to 4 (`MAX_CITY_LEN`) upper-case letters and digits.
pub type CityLabel = BoundedVec<u8, ConstU32<4>>;

/// An object class code: 1 to 4 (`MAX_CLASS_LEN`) upper-case letters and digits.
pub type ClassLabel = BoundedVec<u8, ConstU32<4>>;

/// A department prefix as embedded in codes: 1 to 8 (`MAX_DEPARTMENT_LEN`) upper-case letters
/// and digits.
pub type PrefixLabel = BoundedVec<u8, ConstU32<8>>;

/// A code's or class's display name: UTF-8, at most [`Config::MaxNameLen`] bytes.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;

/// The data assets linked to a code, at most [`Config::MaxAssetsPerCode`].
pub type AssetsOf<T> = BoundedVec<AssetId, <T as Config>::MaxAssetsPerCode>;

/// A deposit as recorded in a [`CodeRecord`] and in events.
pub type DepositOf<T> = Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A code as stored in [`crate::Codes`].
pub type CodeRecordOf<T> = CodeRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	NameOf<T>,
	AssetsOf<T>,
>;

/// An object class as stored in [`crate::ObjectClasses`].
pub type ObjectClassOf<T> = ObjectClass<NameOf<T>>;

/// One code of an `issue_codes_batch` call.
pub type NewCodeOf<T> = NewCode<NameOf<T>>;

/// A code as the runtime API returns it.
pub type CodeViewOf<T> =
	CodeView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// Why the runtime API could not resolve a code text.
pub type ResolveErrorOf<T> =
	ResolveError<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A point on Earth (WGS 84) in fixed point: millionths of a degree (about 11 cm).
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
)]
#[cfg_attr(feature = "std", derive(sp_runtime::Serialize), serde(crate = "sp_runtime::serde"))]
pub struct Location {
	/// Micro-degrees north (negative: south), within ±90 000 000.
	pub latitude: i32,
	/// Micro-degrees east (negative: west), within ±180 000 000.
	pub longitude: i32,
}

impl Location {
	/// The largest latitude magnitude: 90 degrees.
	pub const MAX_LATITUDE: i32 = 90_000_000;
	/// The largest longitude magnitude: 180 degrees.
	pub const MAX_LONGITUDE: i32 = 180_000_000;

	/// Whether both coordinates are within range.
	pub fn is_valid(&self) -> bool {
		(-Self::MAX_LATITUDE..=Self::MAX_LATITUDE).contains(&self.latitude)
			&& (-Self::MAX_LONGITUDE..=Self::MAX_LONGITUDE).contains(&self.longitude)
	}
}

/// Whether a code may be used.
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
)]
#[cfg_attr(feature = "std", derive(sp_runtime::Serialize), serde(crate = "sp_runtime::serde"))]
pub enum CodeStatus {
	/// In use: resolves, and its owner may change it.
	#[codec(index = 0)]
	Active,
	/// Temporarily out of use: resolves (with this status), but only reactivation or
	/// retirement change it.
	#[codec(index = 1)]
	Suspended,
	/// Out of use for good: its record stays readable, nothing changes it again, and its text
	/// is never issued again.
	#[codec(index = 2)]
	Retired,
}

/// An object class: what kind of thing a code names (device, building, road, ...).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ObjectClass<Name> {
	/// The class code written in city codes, e.g. `DEV`. Unique, fixed forever.
	pub code: ClassLabel,
	/// What the class means, e.g. `Device`.
	pub name: Name,
	/// A retired class takes no new codes; its codes stay.
	pub retired: bool,
}

/// A city code's record: what the code names and who is responsible for it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(
		crate = "sp_runtime::serde",
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: city_primitives::serde_json_helpers::Ss58Codec, Balance: core::fmt::Display, BlockNumber: sp_runtime::Serialize, Name: AsRef<[u8]>, Assets: sp_runtime::Serialize"
		)
	)
)]
pub struct CodeRecord<AccountId, Balance, BlockNumber, Name, Assets> {
	/// The department that issued the code, whose prefix its text carries **forever**: a code
	/// is a name, not an owner.
	pub issuer: DepartmentId,
	/// The object class.
	pub class: ClassId,
	/// The number within issuer and class; never reused.
	pub serial: Serial,
	/// The department responsible for the code now. Starts as the issuer; changes only by an
	/// accepted transfer.
	pub owner: DepartmentId,
	/// Display name.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::text")
	)]
	pub name: Name,
	/// Where the object is, if it has a place.
	pub location: Option<Location>,
	/// Hash of the off-chain description (e.g. a JSON-LD document), if any.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::option_hex")
	)]
	pub attributes: Option<[u8; 32]>,
	/// The code of the object this one is part of (a device inside a building), fixed at
	/// issuance.
	pub parent: Option<CodeId>,
	/// How many parents up to a root: 0 without parent, at most [`Config::MaxDepth`].
	pub depth: u32,
	/// Whether it may be used.
	pub status: CodeStatus,
	/// Data assets about the object, owned by the department that linked them.
	pub assets: Assets,
	/// The department this code is offered to, until it accepts or the offer is cancelled.
	pub transfer_to: Option<DepartmentId>,
	/// The deposit held for the record; `None` for genesis codes and retired codes.
	pub deposit: Option<Deposit<AccountId, Balance>>,
	/// The block it was issued in.
	pub issued_at: BlockNumber,
}

/// One code to issue, as `issue_codes_batch` takes it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct NewCode<Name> {
	/// Display name.
	pub name: Name,
	/// Where the object is, if anywhere.
	pub location: Option<Location>,
	/// Hash of the off-chain description, if any.
	pub attributes: Option<[u8; 32]>,
	/// An existing, not retired code this object is part of.
	pub parent: Option<CodeId>,
}

/// A code as the runtime API returns it: its id, canonical text and record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct CodeView<AccountId, Balance, BlockNumber> {
	/// The code's id, for calls.
	pub id: CodeId,
	/// The canonical text, e.g. `BJ.TRF/DEV/000123-X`.
	pub text: Vec<u8>,
	/// The record.
	pub record: CodeRecord<AccountId, Balance, BlockNumber, Vec<u8>, Vec<AssetId>>,
}

/// A code in a list returned by the runtime API.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
#[cfg_attr(
	feature = "std",
	derive(sp_runtime::Serialize),
	serde(crate = "sp_runtime::serde", rename_all = "camelCase")
)]
pub struct CodeEntry {
	/// The code's id, for calls and for `start_after` of the next page.
	pub id: CodeId,
	/// The canonical text.
	#[cfg_attr(
		feature = "std",
		serde(serialize_with = "city_primitives::serde_json_helpers::text")
	)]
	pub text: Vec<u8>,
	/// Whether it may be used.
	pub status: CodeStatus,
}

/// Why a code text does not resolve to a usable record.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ResolveError<AccountId, Balance, BlockNumber> {
	/// Not a well-formed city code; says which part is wrong. Never `WrongCheck`, which is
	/// [`Self::WrongCheckCharacter`].
	#[codec(index = 0)]
	Malformed(CodeError),
	/// Well-formed, but the check character does not match: mistyped or swapped characters.
	#[codec(index = 1)]
	WrongCheckCharacter,
	/// The city prefix is not this chain's.
	#[codec(index = 2)]
	UnknownCity,
	/// No department has issued codes with this prefix.
	#[codec(index = 3)]
	UnknownDepartmentPrefix,
	/// No object class has this code.
	#[codec(index = 4)]
	UnknownClass,
	/// No code was issued with this department, class and serial.
	#[codec(index = 5)]
	UnknownCode,
	/// The code was retired; here is its record.
	#[codec(index = 6)]
	Retired(CodeView<AccountId, Balance, BlockNumber>),
}

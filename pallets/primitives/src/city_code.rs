//! City codes as text: how a city code is written, read and checked, the same in the runtime
//! and in every client.
//!
//! A city code names one city object (a facility, device, place, building, road, vehicle, data
//! set, document, ...) so that every department resolves it to the same on-chain record. It is
//! hierarchical like an ISO/IEC 15459 issuing-agency code or a DOI (the city delegates to a
//! department, which numbers objects of a class) and carries its own check character, so a
//! mistyped code is refused before any lookup:
//!
//! ```text
//! BJ.TRF/DEV/000123-X
//! ^^ ^^^ ^^^ ^^^^^^ ^
//! |  |   |   |      check character (ISO/IEC 7064 MOD 37-2)
//! |  |   |   serial within department and class, zero-padded to at least 6 digits
//! |  |   object class (DEV = device)
//! |  department prefix (the department that issued the code)
//! city prefix
//! ```
//!
//! # Grammar (ABNF, RFC 5234; quoted strings are case-insensitive)
//!
//! ```text
//! city-code  = city "." department "/" class "/" serial "-" check
//! city       = 1*4 label-char                  ; MAX_CITY_LEN
//! department = 1*8 label-char                  ; MAX_DEPARTMENT_LEN
//! class      = 1*4 label-char                  ; MAX_CLASS_LEN
//! serial     = 6DIGIT / %x31-39 6*9DIGIT       ; exactly 6 digits, or 7 to 10 without a
//!                                              ; leading zero; value at most 4294967295
//! check      = label-char / "*"
//! label-char = ALPHA / DIGIT                   ; a-z is read as A-Z
//! ```
//!
//! - **Characters**: ASCII letters and digits in the fields; `.`, `/` and `-` only as the
//!   separators shown; `*` only as a check character. Nothing else: no spaces, no other
//!   punctuation, no non-ASCII text. At most [`MAX_CODE_LEN`] (31) bytes.
//! - **Case**: letters are read case-insensitively (`bj.trf/dev/000123-x` is the same code);
//!   the **canonical form**, which [`CityCode::to_text`] writes and the chain returns, is
//!   upper-case.
//! - **Serial**: a decimal [`Serial`] (`u32`), written with exactly `max(6, digits)` digits:
//!   `000001`, `123456`, `1234567`. Any other padding (`00000001`, `01234567`, `12345`) is
//!   refused, so every code has exactly one spelling and one check character.
//! - **Check character**: ISO/IEC 7064 MOD 37-2 (pure system, modulus 37, radix 2, check
//!   characters `0`-`9`, `A`-`Z`, `*`) over the code's significant characters: the canonical
//!   text before `-`, with each separator `.` and `/` counted as `*` (value 36). Counting the
//!   separators makes moving one (`BJ.TRF` against `B.JTRF`) an ordinary adjacent
//!   transposition, which MOD 37-2 detects. So **every single-character substitution and
//!   every transposition of two adjacent characters of a valid code is refused**: either the
//!   text no longer fits the grammar, or the check character is wrong. For
//!   `BJ.TRF/DEV/000123` the check string is `BJ*TRF*DEV*000123` and the check character
//!   `X`.
//!
//! [`CityCode::parse`] reads a code (and says exactly why it cannot: [`CodeError`]);
//! [`CityCode::new`] builds one from its parts and [`CityCode::to_text`] writes it. Both run
//! in bounded time and allocate nothing.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;

/// The longest city prefix, in characters.
pub const MAX_CITY_LEN: usize = 4;
/// The longest department prefix, in characters.
pub const MAX_DEPARTMENT_LEN: usize = 8;
/// The longest object class code, in characters.
pub const MAX_CLASS_LEN: usize = 4;
/// Serials are zero-padded to this many digits.
pub const MIN_SERIAL_DIGITS: usize = 6;
/// The most digits a serial has (`u32::MAX` has 10).
pub const MAX_SERIAL_DIGITS: usize = 10;
/// The longest city code, in bytes: the fields, three separators, `-` and the check character.
pub const MAX_CODE_LEN: usize =
	MAX_CITY_LEN + MAX_DEPARTMENT_LEN + MAX_CLASS_LEN + MAX_SERIAL_DIGITS + 5;

/// A code's number within its department and class. Never reused.
pub type Serial = u32;

/// The ISO/IEC 7064 MOD 37-2 modulus.
const MODULUS: u32 = 37;
/// The ISO/IEC 7064 MOD 37-2 radix.
const RADIX: u32 = 2;
/// The characters of MOD 37-2, by value.
const ALPHABET: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
/// The value of `*`, which separators count as in the check string.
const SEPARATOR_VALUE: u32 = 36;

/// Why a text is not a valid city code. The first problem found, reading left to right.
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
pub enum CodeError {
	/// The text is empty.
	#[codec(index = 0)]
	Empty,
	/// The text is longer than [`MAX_CODE_LEN`] bytes.
	#[codec(index = 1)]
	TooLong,
	/// No `.` after the city prefix, or the city prefix is empty, longer than
	/// [`MAX_CITY_LEN`] or not letters and digits.
	#[codec(index = 2)]
	BadCity,
	/// No `/` after the department prefix, or the department prefix is empty, longer than
	/// [`MAX_DEPARTMENT_LEN`] or not letters and digits.
	#[codec(index = 3)]
	BadDepartment,
	/// No `/` after the class, or the class is empty, longer than [`MAX_CLASS_LEN`] or not
	/// letters and digits.
	#[codec(index = 4)]
	BadClass,
	/// The serial is not 6 to 10 digits, is padded other than to exactly 6 digits, or is
	/// larger than `u32::MAX`.
	#[codec(index = 5)]
	BadSerial,
	/// No `-` and check character at the end.
	#[codec(index = 6)]
	MissingCheck,
	/// What follows the last `-` is not one of `0`-`9`, `A`-`Z`, `*`.
	#[codec(index = 7)]
	BadCheckCharacter,
	/// The code is well-formed but its check character is not the one its other characters
	/// give: a character is mistyped or two are swapped.
	#[codec(index = 8)]
	WrongCheck,
}

impl fmt::Display for CodeError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::Empty => "empty city code",
			Self::TooLong => "city code too long",
			Self::BadCity => "bad city prefix (1-4 letters or digits, then '.')",
			Self::BadDepartment => "bad department prefix (1-8 letters or digits, then '/')",
			Self::BadClass => "bad object class (1-4 letters or digits, then '/')",
			Self::BadSerial => "bad serial (6 digits zero-padded, or up to 10 without leading 0)",
			Self::MissingCheck => "missing '-' and check character",
			Self::BadCheckCharacter => "bad check character (one of 0-9, A-Z, *)",
			Self::WrongCheck => "wrong check character: a character is mistyped or swapped",
		})
	}
}

/// A field of a city code: 1 to `N` upper-case ASCII letters and digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Label<const N: usize> {
	bytes: [u8; N],
	len: u8,
}

impl<const N: usize> Label<N> {
	/// `text` as a label, upper-cased, if it is 1 to `N` ASCII letters and digits.
	pub fn new(text: &[u8]) -> Option<Self> {
		if text.is_empty() || text.len() > N || !text.iter().all(u8::is_ascii_alphanumeric) {
			return None;
		}
		let mut bytes = [0u8; N];
		for (slot, byte) in bytes.iter_mut().zip(text) {
			*slot = byte.to_ascii_uppercase();
		}
		Some(Self { bytes, len: u8::try_from(text.len()).ok()? })
	}

	/// The label's characters (upper-case).
	pub fn as_bytes(&self) -> &[u8] {
		self.bytes.get(..usize::from(self.len)).unwrap_or_default()
	}

	/// The label as text.
	pub fn as_str(&self) -> &str {
		core::str::from_utf8(self.as_bytes()).unwrap_or_default()
	}
}

/// A city prefix: 1 to [`MAX_CITY_LEN`] letters and digits.
pub type CityPrefix = Label<MAX_CITY_LEN>;
/// A department prefix: 1 to [`MAX_DEPARTMENT_LEN`] letters and digits.
pub type DepartmentPrefix = Label<MAX_DEPARTMENT_LEN>;
/// An object class code: 1 to [`MAX_CLASS_LEN`] letters and digits.
pub type ClassCode = Label<MAX_CLASS_LEN>;

/// A city code's parts. Its text and check character follow from them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct CityCode {
	/// The city's prefix.
	pub city: CityPrefix,
	/// The prefix of the department that issued the code (not necessarily its owner now).
	pub department: DepartmentPrefix,
	/// The object class.
	pub class: ClassCode,
	/// The number within department and class.
	pub serial: Serial,
}

impl CityCode {
	/// The code with these parts, upper-cased, or which part is malformed.
	pub fn new(
		city: &[u8],
		department: &[u8],
		class: &[u8],
		serial: Serial,
	) -> Result<Self, CodeError> {
		Ok(Self {
			city: Label::new(city).ok_or(CodeError::BadCity)?,
			department: Label::new(department).ok_or(CodeError::BadDepartment)?,
			class: Label::new(class).ok_or(CodeError::BadClass)?,
			serial,
		})
	}

	/// Reads a city code, in any letter case; see the [module docs](self) for the grammar.
	///
	/// Checks the form first, then the check character: a well-formed code with a wrong check
	/// character is [`CodeError::WrongCheck`].
	pub fn parse(text: &[u8]) -> Result<Self, CodeError> {
		if text.is_empty() {
			return Err(CodeError::Empty);
		}
		if text.len() > MAX_CODE_LEN {
			return Err(CodeError::TooLong);
		}
		let (city, rest) = split_at_first(text, b'.').ok_or(CodeError::BadCity)?;
		let city = Label::new(city).ok_or(CodeError::BadCity)?;
		let (department, rest) = split_at_first(rest, b'/').ok_or(CodeError::BadDepartment)?;
		let department = Label::new(department).ok_or(CodeError::BadDepartment)?;
		let (class, rest) = split_at_first(rest, b'/').ok_or(CodeError::BadClass)?;
		let class = Label::new(class).ok_or(CodeError::BadClass)?;
		let (serial, check) = split_at_last(rest, b'-').ok_or(CodeError::MissingCheck)?;
		let serial = parse_serial(serial).ok_or(CodeError::BadSerial)?;
		let check = match check {
			[] => return Err(CodeError::MissingCheck),
			[check] => value_of(*check).ok_or(CodeError::BadCheckCharacter)?,
			_ => return Err(CodeError::BadCheckCharacter),
		};

		let code = Self { city, department, class, serial };
		if code.check_value() != check {
			return Err(CodeError::WrongCheck);
		}
		Ok(code)
	}

	/// The check character, one of `0`-`9`, `A`-`Z`, `*`.
	pub fn check_character(&self) -> u8 {
		character_of(self.check_value())
	}

	/// The canonical text: upper-case, serial padded, check character appended.
	pub fn to_text(&self) -> CodeText {
		let mut text = self.body();
		let check = self.check_character();
		text.push(b'-');
		text.push(check);
		text
	}

	/// The text before `-`.
	fn body(&self) -> CodeText {
		let mut text = CodeText::default();
		text.extend(self.city.as_bytes());
		text.push(b'.');
		text.extend(self.department.as_bytes());
		text.push(b'/');
		text.extend(self.class.as_bytes());
		text.push(b'/');
		let mut digits = [b'0'; MAX_SERIAL_DIGITS];
		let mut rest = self.serial;
		let mut used = 0usize;
		for digit in digits.iter_mut().rev() {
			*digit = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or_default());
			rest /= 10;
			used = used.saturating_add(1);
			if rest == 0 && used >= MIN_SERIAL_DIGITS {
				break;
			}
		}
		text.extend(digits.get(MAX_SERIAL_DIGITS.saturating_sub(used)..).unwrap_or_default());
		text
	}

	/// The check value of the body, separators counting as `*`.
	fn check_value(&self) -> u32 {
		let body = self.body();
		let values = body.as_bytes().iter().map(|byte| match byte {
			b'.' | b'/' => SEPARATOR_VALUE,
			other => value_of(*other).unwrap_or(SEPARATOR_VALUE),
		});
		pure_check_value(values, MODULUS, RADIX)
	}
}

impl fmt::Display for CityCode {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.to_text().as_str())
	}
}

impl core::str::FromStr for CityCode {
	type Err = CodeError;

	fn from_str(text: &str) -> Result<Self, CodeError> {
		Self::parse(text.as_bytes())
	}
}

/// A city code's text, at most [`MAX_CODE_LEN`] ASCII bytes, without allocation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CodeText {
	bytes: [u8; MAX_CODE_LEN],
	len: usize,
}

impl Default for CodeText {
	fn default() -> Self {
		Self { bytes: [0; MAX_CODE_LEN], len: 0 }
	}
}

impl CodeText {
	/// The text's bytes.
	pub fn as_bytes(&self) -> &[u8] {
		self.bytes.get(..self.len).unwrap_or_default()
	}

	/// The text (always ASCII).
	pub fn as_str(&self) -> &str {
		core::str::from_utf8(self.as_bytes()).unwrap_or_default()
	}

	/// The text as an owned byte vector, as the chain returns it.
	pub fn to_vec(&self) -> alloc::vec::Vec<u8> {
		self.as_bytes().to_vec()
	}

	/// Appends a byte; never overflows for the parts of a [`CityCode`], which fit
	/// [`MAX_CODE_LEN`] by construction (a byte that would not fit is dropped).
	fn push(&mut self, byte: u8) {
		if let Some(slot) = self.bytes.get_mut(self.len) {
			*slot = byte;
			self.len = self.len.saturating_add(1);
		}
	}

	fn extend(&mut self, bytes: &[u8]) {
		for byte in bytes {
			self.push(*byte);
		}
	}
}

/// The ISO/IEC 7064 MOD 37-2 check character of `data` (`0`-`9`, `A`-`Z` in any case, and
/// `*`), or `None` if `data` has another character.
pub fn mod37_2_check_character(data: &[u8]) -> Option<u8> {
	if !data.iter().all(|byte| value_of(*byte).is_some()) {
		return None;
	}
	let values = data.iter().filter_map(|byte| value_of(*byte));
	Some(character_of(pure_check_value(values, MODULUS, RADIX)))
}

/// Whether `data` ends with its correct ISO/IEC 7064 MOD 37-2 check character.
pub fn mod37_2_is_valid(data: &[u8]) -> bool {
	match data.split_last() {
		Some((check, body)) => value_of(*check)
			.is_some_and(|check| mod37_2_check_character(body).and_then(value_of) == Some(check)),
		None => false,
	}
}

/// The check value of an ISO/IEC 7064 pure system with one check character: the `c` with
/// `sum(value_i * radix^(n - i + 1)) + c = 1 (mod modulus)`, computed by the standard's
/// recursive method. Values must be below `modulus`, and `modulus * radix` must fit a `u32`.
fn pure_check_value(values: impl Iterator<Item = u32>, modulus: u32, radix: u32) -> u32 {
	let mut p = 0u32;
	for value in values {
		p = p.saturating_add(value).saturating_mul(radix) % modulus;
	}
	modulus.saturating_add(1).saturating_sub(p) % modulus
}

/// The MOD 37-2 value of a character (`a`-`z` read as `A`-`Z`).
fn value_of(character: u8) -> Option<u32> {
	let upper = character.to_ascii_uppercase();
	ALPHABET.iter().position(|c| *c == upper).and_then(|value| u32::try_from(value).ok())
}

/// The MOD 37-2 character of a value below 37.
fn character_of(value: u32) -> u8 {
	usize::try_from(value).ok().and_then(|value| ALPHABET.get(value)).copied().unwrap_or(b'*')
}

fn split_at_first(text: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
	let at = text.iter().position(|byte| *byte == separator)?;
	Some((text.get(..at)?, text.get(at.checked_add(1)?..)?))
}

fn split_at_last(text: &[u8], separator: u8) -> Option<(&[u8], &[u8])> {
	let at = text.iter().rposition(|byte| *byte == separator)?;
	Some((text.get(..at)?, text.get(at.checked_add(1)?..)?))
}

/// A serial in canonical padding: exactly 6 digits, or 7 to 10 without a leading zero.
fn parse_serial(digits: &[u8]) -> Option<Serial> {
	let canonical_length = match digits {
		[] => false,
		[b'0', ..] => digits.len() == MIN_SERIAL_DIGITS,
		_ => (MIN_SERIAL_DIGITS..=MAX_SERIAL_DIGITS).contains(&digits.len()),
	};
	if !canonical_length {
		return None;
	}
	let mut serial = 0u64;
	for digit in digits {
		if !digit.is_ascii_digit() {
			return None;
		}
		serial = serial.checked_mul(10)?.checked_add(u64::from(digit.saturating_sub(b'0')))?;
	}
	Serial::try_from(serial).ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn code(text: &str) -> Result<CityCode, CodeError> {
		CityCode::parse(text.as_bytes())
	}

	/// ISO/IEC 7064 MOD 11-2 (same recursion, modulus 11, check `0`-`9`, `X`).
	fn mod11_2(digits: &str) -> char {
		let values = digits.bytes().map(|digit| u32::from(digit - b'0'));
		match pure_check_value(values, 11, 2) {
			10 => 'X',
			value => char::from_digit(value, 10).unwrap(),
		}
	}

	#[test]
	fn pure_system_matches_known_vectors() {
		// MOD 11-2: the standard's example, and an ORCID iD (0000-0002-1825-0097).
		assert_eq!(mod11_2("079"), 'X');
		assert_eq!(mod11_2("0794"), '0');
		assert_eq!(mod11_2("000000021825009"), '7');
		// MOD 37-2: python-stdnum's example, and an ISBT 128 donation identification number.
		assert_eq!(mod37_2_check_character(b"G123489654321"), Some(b'Y'));
		assert_eq!(mod37_2_check_character(b"A999914123458"), Some(b'J'));
		assert_eq!(mod37_2_check_character(b"a999914123458"), Some(b'J'));
		assert_eq!(mod37_2_check_character(b"A00038"), Some(b'*'));
		assert!(mod37_2_is_valid(b"G123489654321Y"));
		assert!(mod37_2_is_valid(b"A999914123458J"));
		assert!(mod37_2_is_valid(b"A00038*"));
		assert!(!mod37_2_is_valid(b"G123489654321Z"));
		assert!(!mod37_2_is_valid(b"A999914123458"));
		assert!(!mod37_2_is_valid(b""));
		assert_eq!(mod37_2_check_character(b"A-1"), None);
		assert!(!mod37_2_is_valid(b"A-1X"));
	}

	#[test]
	fn example_code_round_trips() {
		let parsed = code("BJ.TRF/DEV/000123-X").unwrap();
		assert_eq!(parsed, CityCode::new(b"BJ", b"TRF", b"DEV", 123).unwrap());
		assert_eq!(parsed.check_character(), b'X');
		assert_eq!(parsed.to_text().as_str(), "BJ.TRF/DEV/000123-X");
		assert_eq!(parsed.to_string(), "BJ.TRF/DEV/000123-X");
		// The check string is the body with separators as `*`.
		assert_eq!(mod37_2_check_character(b"BJ*TRF*DEV*000123"), Some(b'X'));
		assert_eq!("BJ.TRF/DEV/000123-X".parse::<CityCode>(), Ok(parsed));
	}

	#[test]
	fn input_is_case_insensitive_output_is_upper_case() {
		let parsed = code("bj.Trf/dev/000123-x").unwrap();
		assert_eq!(parsed.to_text().as_str(), "BJ.TRF/DEV/000123-X");
		assert_eq!(parsed.city.as_str(), "BJ");
		assert_eq!(parsed.department.as_bytes(), b"TRF");
		assert_eq!(parsed.class.as_str(), "DEV");
	}

	#[test]
	fn serials_are_padded_to_six_digits() {
		let text = |serial| CityCode::new(b"C", b"D", b"K", serial).unwrap().to_string();
		assert!(text(0).starts_with("C.D/K/000000-"));
		assert!(text(1).starts_with("C.D/K/000001-"));
		assert!(text(999_999).starts_with("C.D/K/999999-"));
		assert!(text(1_000_000).starts_with("C.D/K/1000000-"));
		assert!(text(u32::MAX).starts_with("C.D/K/4294967295-"));
		for serial in [0, 1, 999_999, 1_000_000, u32::MAX] {
			assert_eq!(code(&text(serial)).map(|code| code.serial), Ok(serial));
		}
	}

	#[test]
	fn serial_lengths_follow_the_grammar() {
		// `serial = 6DIGIT / %x31-39 6*9DIGIT`: exactly 6 digits (leading zeros allowed), or
		// 7 to 10 digits without a leading zero; nothing shorter or longer.
		let with_check = |serial: &str| {
			let body = format!("C.D/K/{serial}");
			let check = mod37_2_check_character(body.replace(['.', '/'], "*").as_bytes()).unwrap();
			format!("{body}-{}", char::from(check))
		};
		for len in 1..=11 {
			let leading_one = format!("1{}", "0".repeat(len - 1));
			let leading_zero = format!("{}1", "0".repeat(len - 1));
			assert_eq!(
				code(&with_check(&leading_one)).is_ok(),
				(MIN_SERIAL_DIGITS..=MAX_SERIAL_DIGITS).contains(&len),
				"{leading_one}"
			);
			assert_eq!(
				code(&with_check(&leading_zero)).is_ok(),
				len == MIN_SERIAL_DIGITS,
				"{leading_zero}"
			);
		}
		assert_eq!(MAX_SERIAL_DIGITS, 1 + 9, "the grammar's %x31-39 6*9DIGIT");
		assert!(code(&with_check("4294967295")).is_ok());
		assert_eq!(code(&with_check("4294967296")), Err(CodeError::BadSerial));
	}

	#[test]
	fn longest_code_fits() {
		let longest = CityCode::new(b"CITY", b"DEPTABCD", b"CLAS", u32::MAX).unwrap();
		assert_eq!(longest.to_text().as_bytes().len(), MAX_CODE_LEN);
		assert_eq!(code(longest.to_text().as_str()), Ok(longest));
	}

	#[test]
	fn new_refuses_malformed_parts() {
		assert_eq!(CityCode::new(b"", b"D", b"K", 1), Err(CodeError::BadCity));
		assert_eq!(CityCode::new(b"CITYX", b"D", b"K", 1), Err(CodeError::BadCity));
		assert_eq!(CityCode::new(b"C", b"D-1", b"K", 1), Err(CodeError::BadDepartment));
		assert_eq!(CityCode::new(b"C", b"DEPARTMNT", b"K", 1), Err(CodeError::BadDepartment));
		assert_eq!(CityCode::new(b"C", b"D", b"", 1), Err(CodeError::BadClass));
		assert_eq!(CityCode::new(b"C", b"D", b"\xC3\x89", 1), Err(CodeError::BadClass));
		assert_eq!(
			Label::<4>::new(b"ab1").map(|label| label.as_bytes().to_vec()),
			Some(b"AB1".to_vec())
		);
	}

	#[test]
	fn parse_errors_name_the_reason() {
		use CodeError::*;
		for (text, error) in [
			("", Empty),
			("BJ.TRF/DEV/000123-XX0123456789012", TooLong),
			("BJTRF/DEV/000123-X", BadCity),
			(".TRF/DEV/000123-X", BadCity),
			("BJXYZ.TRF/DEV/000123-X", BadCity),
			("B J.TRF/DEV/000123-X", BadCity),
			("BJ.TRFDEV000123-X", BadDepartment),
			("BJ./DEV/000123-X", BadDepartment),
			("BJ.TRAFFIC01/DEV/000123-X", BadDepartment),
			("BJ.TR_F/DEV/000123-X", BadDepartment),
			("BJ.TRF/DEV000123-X", BadClass),
			("BJ.TRF//000123-X", BadClass),
			("BJ.TRF/DEVIC/000123-X", BadClass),
			("BJ.TRF/DEV/000123", MissingCheck),
			("BJ.TRF/DEV/000123-", MissingCheck),
			("BJ.TRF/DEV/-X", BadSerial),
			("BJ.TRF/DEV/12345-X", BadSerial),
			("BJ.TRF/DEV/0000123-X", BadSerial),
			("BJ.TRF/DEV/00012A-X", BadSerial),
			("BJ.TRF/DEV/+00123-X", BadSerial),
			("BJ.TRF/DEV/4294967296-X", BadSerial),
			("BJ.TRF/DEV/00-123-X", BadSerial),
			("BJ.TRF/DEV/000123-XX", BadCheckCharacter),
			("BJ.TRF/DEV/000123-/", BadCheckCharacter),
			("BJ.TRF/DEV/000123-Y", WrongCheck),
			("BJ.TRF/DEV/000124-X", WrongCheck),
			("BJ.TRF/DEV/000123-*", WrongCheck),
		] {
			assert_eq!(code(text), Err(error), "{text:?}");
		}
	}

	#[test]
	fn errors_encode_stably_and_display() {
		assert_eq!(CodeError::Empty.encode(), vec![0]);
		assert_eq!(CodeError::WrongCheck.encode(), vec![8]);
		assert_eq!(CodeError::decode(&mut &[5u8][..]), Ok(CodeError::BadSerial));
		assert!(CodeError::decode(&mut &[9u8][..]).is_err());
		assert!(CodeError::WrongCheck.to_string().contains("check"));
	}

	fn label(max: usize) -> impl Strategy<Value = String> {
		proptest::string::string_regex(&format!("[A-Z0-9]{{1,{max}}}")).unwrap()
	}

	prop_compose! {
		fn any_code()(
			city in label(MAX_CITY_LEN),
			department in label(MAX_DEPARTMENT_LEN),
			class in label(MAX_CLASS_LEN),
			serial in prop_oneof![0u32..2_000_000, any::<u32>()],
		) -> CityCode {
			CityCode::new(city.as_bytes(), department.as_bytes(), class.as_bytes(), serial)
				.unwrap()
		}
	}

	/// Every character a code may contain, and some it may not.
	const TYPABLE: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*./- _";

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(512))]

		#[test]
		fn format_then_parse_round_trips(code in any_code()) {
			let text = code.to_text();
			prop_assert!(text.as_bytes().len() <= MAX_CODE_LEN);
			prop_assert_eq!(CityCode::parse(text.as_bytes()), Ok(code));
			prop_assert_eq!(CityCode::parse(text.as_str().to_lowercase().as_bytes()), Ok(code));
		}

		#[test]
		fn every_single_substitution_is_refused(code in any_code()) {
			let text = code.to_text().to_vec();
			for at in 0..text.len() {
				for &replacement in TYPABLE {
					if replacement == text[at] {
						continue;
					}
					let mut typo = text.clone();
					typo[at] = replacement;
					prop_assert!(
						CityCode::parse(&typo).is_err(),
						"{} accepted", String::from_utf8_lossy(&typo)
					);
				}
			}
		}

		#[test]
		fn every_adjacent_transposition_is_refused(code in any_code()) {
			let text = code.to_text().to_vec();
			for at in 1..text.len() {
				if text[at - 1] == text[at] {
					continue;
				}
				let mut swapped = text.clone();
				swapped.swap(at - 1, at);
				prop_assert!(
					CityCode::parse(&swapped).is_err(),
					"{} accepted", String::from_utf8_lossy(&swapped)
				);
			}
		}

		#[test]
		fn parse_never_panics_and_accepts_only_canonical_spellings(text in "[A-Za-z0-9./*-]{0,40}") {
			if let Ok(code) = CityCode::parse(text.as_bytes()) {
				prop_assert_eq!(code.to_string(), text.to_uppercase());
			}
		}
	}
}

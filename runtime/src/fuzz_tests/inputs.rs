//! Generators of call arguments: deterministic in the action's random material, valid most of
//! the time, and (`bad`) garbage the pallets must refuse.

use crate::BlockNumber;
use city_primitives::{Classification, Role};
use codec::Encode;
use frame_support::{traits::Get, BoundedVec};
use pallet_access_grants::Scope;
use pallet_city_codes::Location;

/// The `sel`-th element of `items` (modulo its length), if any.
pub(super) fn nth<T: Clone>(items: &[T], sel: u16) -> Option<T> {
	(!items.is_empty()).then(|| items[sel as usize % items.len()].clone())
}

/// Deterministic pseudo-random bytes from `seed`.
pub(super) fn bytes(seed: u64, len: usize) -> Vec<u8> {
	let mut out = Vec::with_capacity(len);
	let mut counter = 0u64;
	while out.len() < len {
		out.extend_from_slice(&sp_io::hashing::blake2_256(&(seed, counter).encode()));
		counter += 1;
	}
	out.truncate(len);
	out
}

/// Cut to the bound: the bounded types hold no more, so oversize garbage has the largest size.
pub(super) fn bounded<S: Get<u32>>(v: Vec<u8>) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(v)
}

/// A display name (department, asset, code, tag): valid most of the time; `bad` gives names the
/// pallets must refuse, and some valid names of the largest size.
pub(super) fn display_text(seed: u64, bad: bool, max: usize) -> Vec<u8> {
	const GOOD: &[&str] = &["Water", "Parks", "Traffic lights", "Écoles", "公园", "Bus 42", "Ω"];
	if bad {
		return match seed % 7 {
			0 => Vec::new(),
			1 => "evil\u{202E}txt.exe".as_bytes().to_vec(),
			2 => vec![0xff, 0xfe, b'a'],
			3 => b"two\nlines".to_vec(),
			4 => "zero\u{200B}width".as_bytes().to_vec(),
			5 => bytes(seed, max),
			// The longest valid name: multi-byte characters truncated to the bound, so possibly
			// cut in the middle of one (invalid UTF-8).
			_ => "é".repeat(max).into_bytes(),
		};
	}
	match seed % 8 {
		0 => vec![b'x'; max],
		_ => format!("{} {}", GOOD[(seed % GOOD.len() as u64) as usize], seed % 1000).into_bytes(),
	}
}

/// A department prefix or class label: upper-case letters and digits, or (`bad`) not.
pub(super) fn label(seed: u64, bad: bool, max: usize) -> Vec<u8> {
	const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	if bad {
		return match seed % 4 {
			0 => Vec::new(),
			1 => b"ab".to_vec(),
			2 => b"A-1".to_vec(),
			_ => "É".as_bytes().to_vec(),
		};
	}
	let len = 1 + (seed % max as u64) as usize;
	bytes(seed, len).iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()]).collect()
}

/// A MIME type: well-formed, or (`bad`) one the pallet must refuse.
pub(super) fn media_type(seed: u64, bad: bool) -> Vec<u8> {
	const GOOD: &[&str] = &["text/csv", "application/json", "application/geo+json", "image/png"];
	const BAD: &[&str] = &["text", "/csv", "text/ csv", "", "text/csv;charset=utf-8", "a/b/c"];
	let list = if bad { BAD } else { GOOD };
	list[(seed % list.len() as u64) as usize].as_bytes().to_vec()
}

/// A gateway URI, some of the largest size, or (`bad`) one the pallet must refuse.
pub(super) fn uri(seed: u64, bad: bool) -> Vec<u8> {
	if bad {
		return match seed % 4 {
			0 => Vec::new(),
			1 => b"https://has space.example".to_vec(),
			2 => "https://ünï.example".as_bytes().to_vec(),
			_ => b"https://tab\t.example".to_vec(),
		};
	}
	match seed % 6 {
		0 => vec![b'a'; 256],
		_ => format!("https://gateway.city.example/data/{seed}").into_bytes(),
	}
}

/// Up to three distinct tags, or (`bad`) a duplicate, an empty or an invisible one.
pub(super) fn tags(seed: u64, bad: bool) -> Vec<Vec<u8>> {
	const GOOD: &[&str] = &["traffic", "open-data", "health", "gis", "sensors", "zoning"];
	if bad {
		return match seed % 3 {
			0 => vec![b"dup".to_vec(), b"dup".to_vec()],
			1 => vec![Vec::new()],
			_ => vec!["in\u{2028}visible".as_bytes().to_vec()],
		};
	}
	let n = (seed % 4) as usize;
	(0..n).map(|i| GOOD[(seed as usize + i) % GOOD.len()].as_bytes().to_vec()).collect()
}

/// Any classification: each one gates access differently.
pub(super) fn classification(seed: u64) -> Classification {
	[
		Classification::Public,
		Classification::Internal,
		Classification::Confidential,
		Classification::Restricted,
	][(seed % 4) as usize]
}

/// Any department role.
pub(super) fn role(seed: u64) -> Role {
	[Role::Admin, Role::Steward, Role::Operator][(seed % 3) as usize]
}

/// Any access scope.
pub(super) fn scope(seed: u64) -> Scope {
	[Scope::Read, Scope::Query, Scope::Derive][(seed % 3) as usize]
}

/// A grant or request duration in blocks: short most of the time, so grants expire during a
/// case; `bad`: zero or beyond `MaxGrantDuration`.
pub(super) fn duration(num: u32, bad: bool) -> BlockNumber {
	let max = crate::configs::city::MaxGrantDuration::get();
	if bad {
		return [0, max + 1, BlockNumber::MAX][(num % 3) as usize];
	}
	match num % 10 {
		0 => max,
		_ => 1 + num % 60,
	}
}

/// A grant's use limit: often none or small, so grants get used up; (`bad`) zero.
pub(super) fn max_uses(num: u32, bad: bool) -> Option<u32> {
	if bad {
		return Some(0);
	}
	match num % 3 {
		0 => None,
		_ => Some(1 + num % 3),
	}
}

/// A code's location, sometimes none; (`bad`) off the globe.
pub(super) fn location(seed: u64, bad: bool) -> Option<Location> {
	if bad {
		return Some(Location { latitude: 90_000_001, longitude: i32::MIN });
	}
	(!seed.is_multiple_of(3)).then(|| Location {
		latitude: (seed % 180_000_001) as i32 - 90_000_000,
		longitude: ((seed >> 32) % 360_000_001) as i32 - 180_000_000,
	})
}

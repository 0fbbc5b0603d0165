//! Decoded SCALE values as JSON, the form every event's fields are stored in.
//!
//! Values are decoded with the metadata of the block's own runtime version, so this works across
//! runtime upgrades without a type of ours per event. The mapping is plain: named fields become
//! an object, byte arrays (accounts, hashes, bounded texts) `0x…` hex, `None` null, `Some(x)`
//! just `x`, a unit variant its name, a variant of one unnamed field `{ "Name": x }` and any
//! other variant `{ "Name": fields }`. Integers that
//! fit in 64 bits stay numbers; larger ones (balances) become decimal strings.

use scale_value::{Composite, Primitive, Value, ValueDef};
use serde_json::{json, Value as Json};

/// The JSON form of a decoded value.
pub fn to_json(value: &Value<()>) -> Json {
	match &value.value {
		ValueDef::Composite(composite) => composite_to_json(composite),
		ValueDef::Variant(variant) => match (variant.name.as_str(), &variant.values) {
			("None", fields) if fields.is_empty() => Json::Null,
			("Some", Composite::Unnamed(fields)) if fields.len() == 1 => to_json(&fields[0]),
			(name, fields) if fields.is_empty() => Json::String(name.to_owned()),
			(name, Composite::Unnamed(fields)) if fields.len() == 1 => {
				json!({ name: to_json(&fields[0]) })
			},
			(name, fields) => json!({ name: composite_to_json(fields) }),
		},
		ValueDef::BitSequence(bits) => {
			Json::String(bits.iter().map(|bit| if bit { '1' } else { '0' }).collect())
		},
		ValueDef::Primitive(primitive) => primitive_to_json(primitive),
	}
}

/// The JSON form of a set of fields (an event's, a call's).
pub fn composite_to_json(composite: &Composite<()>) -> Json {
	match composite {
		Composite::Named(fields) => Json::Object(
			fields.iter().map(|(name, value)| (name.clone(), to_json(value))).collect(),
		),
		Composite::Unnamed(values) => {
			if let Some(bytes) = as_bytes(values) {
				return Json::String(format!("0x{}", hex::encode(bytes)));
			}
			// A newtype around 32 bytes (`AccountId32`, `H256`): the bytes themselves. Without
			// type information a list of one byte string looks the same, so only 32-byte ones
			// are taken for newtypes (readers of lists such as tags accept both forms).
			if let [inner] = values.as_slice() {
				if let ValueDef::Composite(Composite::Unnamed(inner)) = &inner.value {
					if let Some(bytes) = as_bytes(inner).filter(|bytes| bytes.len() == 32) {
						return Json::String(format!("0x{}", hex::encode(bytes)));
					}
				}
			}
			Json::Array(values.iter().map(to_json).collect())
		},
	}
}

fn primitive_to_json(primitive: &Primitive) -> Json {
	match primitive {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) => match u64::try_from(*n) {
			Ok(n) => Json::from(n),
			Err(_) => Json::String(n.to_string()),
		},
		Primitive::I128(n) => match i64::try_from(*n) {
			Ok(n) => Json::from(n),
			Err(_) => Json::String(n.to_string()),
		},
		Primitive::U256(bytes) | Primitive::I256(bytes) => {
			Json::String(format!("0x{}", hex::encode(bytes)))
		},
	}
}

/// The bytes of a non-empty sequence of `u8` values; `None` for anything else.
fn as_bytes(values: &[Value<()>]) -> Option<Vec<u8>> {
	if values.is_empty() {
		return None;
	}
	values
		.iter()
		.map(|value| match value.value {
			ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(n).ok(),
			_ => None,
		})
		.collect()
}

/// A list of numbers (ids): without type information a list whose every number fits in a byte
/// reads as bytes (`"0x0809"`), so those are read back, byte by byte.
pub fn numbers(value: &Json) -> Vec<u64> {
	match value {
		Json::Array(items) => items.iter().filter_map(Json::as_u64).collect(),
		Json::String(text) => text
			.strip_prefix("0x")
			.and_then(|digits| hex::decode(digits).ok())
			.map(|bytes| bytes.into_iter().map(u64::from).collect())
			.unwrap_or_default(),
		_ => Vec::new(),
	}
}

/// Field `name` of a JSON object, for reading decoded events.
pub fn field<'a>(fields: &'a Json, name: &str) -> Option<&'a Json> {
	fields.as_object()?.get(name)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn account_value(byte: u8) -> Value<()> {
		Value::unnamed_composite([Value::unnamed_composite(
			(0..32).map(|_| Value::u128(byte as u128)),
		)])
	}

	#[test]
	fn values_become_plain_json() {
		let account = Value::unnamed_composite([Value::unnamed_composite(
			(0..32u8).map(|b| Value::u128(b as u128)),
		)]);
		let event = Value::named_composite([
			("asset", Value::u128(7)),
			("who", account),
			("deposit", Value::variant("None", Composite::Unnamed(vec![]))),
			("max_uses", Value::variant("Some", Composite::Unnamed(vec![Value::u128(3)]))),
			("classification", Value::variant("Internal", Composite::Unnamed(vec![]))),
			("balance", Value::u128(u128::from(u64::MAX) + 1)),
			("empty", Value::unnamed_composite([])),
			// A `Vec<AccountId32>` of one: still a list.
			("accounts", Value::unnamed_composite([account_value(1)])),
			// A list of one short byte string (one tag): still a list.
			("tags", Value::unnamed_composite([Value::unnamed_composite([Value::u128(0x61)])])),
		]);
		let expected = json!({
			"asset": 7,
			"who": format!("0x{}", hex::encode((0..32u8).collect::<Vec<_>>())),
			"deposit": null,
			"max_uses": 3,
			"classification": "Internal",
			"balance": "18446744073709551616",
			"empty": [],
			"accounts": [format!("0x{}", "01".repeat(32))],
			"tags": ["0x61"],
		});
		assert_eq!(to_json(&event), expected);
		// Ids that each fit in a byte read as bytes, and back as ids.
		let small = to_json(&Value::unnamed_composite([Value::u128(8), Value::u128(9)]));
		assert_eq!((numbers(&small), small), (vec![8, 9], json!("0x0809")));
		let large = to_json(&Value::unnamed_composite([Value::u128(8), Value::u128(300)]));
		assert_eq!(numbers(&large), [8, 300]);
		let subject = Value::variant("Request", Composite::Unnamed(vec![Value::u128(4)]));
		assert_eq!(to_json(&subject), json!({ "Request": 4 }));
	}
}

//! YAML text into JSON values, for the loader.
//!
//! `serde_yaml_ng::Value` rejects integers beyond `i64`/`u64` (`maximum: 18446744073709552000`
//! is common: a `u64` bound written through a float). They are numbers all the same, so this
//! reads them as `f64`, as `serde_json` does for the same literal in JSON. YAML map keys that
//! are not strings (`200:`) become their text, and tags (`!Ref x`) are dropped.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Parses one YAML document into a JSON value.
pub fn from_str(text: &str) -> Result<Value, serde_yaml_ng::Error> {
    serde_yaml_ng::Deserializer::from_str(text).deserialize_any(JsonVisitor)
}

struct JsonVisitor;

fn float(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), |v| Value::Number(v.into())))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), |v| Value::Number(v.into())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Seed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Seed)? {
            let key = match key {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    return Err(de::Error::custom(format!(
                        "unsupported YAML map key {other}"
                    )))
                }
            };
            out.insert(key, map.next_value_seed(Seed)?);
        }
        Ok(Value::Object(out))
    }

    /// A tagged value (`!Tag value`): the tag means nothing to OpenAPI, the value is kept.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (_tag, variant) = data.variant::<de::IgnoredAny>()?;
        variant.newtype_variant_seed(Seed)
    }
}

struct Seed;

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_beyond_64_bits_are_numbers() {
        let value =
            from_str("maximum: 18446744073709552000\nminimum: -9223372036854776000\n").unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(value["minimum"].as_f64(), Some(-9223372036854776000.0));
    }

    #[test]
    fn keys_are_text_and_tags_are_dropped() {
        let value = from_str("200: ok\ntrue: yes\nx: !Tag 3\nn: 18446744073709551615\n").unwrap();
        assert_eq!(
            value,
            json!({"200": "ok", "true": "yes", "x": 3, "n": 18446744073709551615u64})
        );
    }

    #[test]
    fn invalid_yaml_is_an_error() {
        assert!(from_str("a: [1, 2").is_err());
    }
}

//! Values a document accepts, for doc examples: the spec's own example where it validates
//! against its schema, and otherwise values made from the schema (`enum`, `format`,
//! `pattern`, bounds, lengths, `multipleOf`, required properties).

use openapiv3::{
    AdditionalProperties, IntegerType, NumberType, ReferenceOr, Schema, SchemaKind, StringFormat,
    StringType, Type, VariantOrUnknownOrEmpty,
};
use serde_json::{Map, Value};

/// Schemas nest at most this deep in a made-up value.
const MAX_DEPTH: usize = 12;

/// Looks schemas up by `$ref`.
pub(super) struct Sampler<'a> {
    pub(super) components: &'a indexmap::IndexMap<String, ReferenceOr<Schema>>,
}

/// What a made-up plain string says: the name of what it fills (a parameter, a property).
#[derive(Clone, Copy)]
struct Name<'a>(&'a str);

impl Sampler<'_> {
    /// `example` where the schema accepts it; otherwise a value it accepts, keeping what is
    /// valid of the example (an object's valid properties, an array's valid items). `None`
    /// when no value could be made (a schema that requires itself).
    pub(super) fn fix(
        &self,
        schema: &ReferenceOr<Schema>,
        example: Option<&Value>,
        name: &str,
    ) -> Option<Value> {
        self.value(schema, example, Name(name), 0)
    }

    fn resolve<'s>(&'s self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema> {
        let mut schema = schema;
        for _ in 0..MAX_DEPTH {
            match schema {
                ReferenceOr::Item(item) => return Some(item),
                ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix("#/components/schemas/")?;
                    schema = self.components.get(&crate::pointer::unescape(name))?;
                }
            }
        }
        None
    }

    fn value(
        &self,
        schema: &ReferenceOr<Schema>,
        example: Option<&Value>,
        name: Name<'_>,
        depth: usize,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let schema = self.resolve(schema)?;
        if example.is_some_and(Value::is_null) && schema.schema_data.nullable {
            return example.cloned();
        }
        let example = example.filter(|v| !v.is_null());
        // The values an `enum` beside `allOf` allows (see `normalize::SIBLING_ENUM`).
        if let Some(Value::Array(values)) = schema
            .schema_data
            .extensions
            .get(crate::normalize::SIBLING_ENUM)
        {
            return match example {
                Some(example) if values.contains(example) => Some(example.clone()),
                _ => values.first().cloned(),
            };
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => Some(string(s, example, name)),
            SchemaKind::Type(Type::Integer(i)) => Some(integer(i, example)),
            SchemaKind::Type(Type::Number(n)) => Some(number(n, example)),
            SchemaKind::Type(Type::Boolean(_)) => Some(
                example
                    .filter(|v| v.is_boolean())
                    .cloned()
                    .unwrap_or(Value::Bool(true)),
            ),
            SchemaKind::Type(Type::Object(o)) => {
                let mut required = o.required.iter().map(String::as_str).collect::<Vec<_>>();
                // One of several sets of properties (see `normalize::REQUIRED_ONE_OF`): the first.
                let one_of = schema
                    .schema_data
                    .extensions
                    .get(crate::normalize::REQUIRED_ONE_OF);
                let first = one_of
                    .and_then(|sets| sets.get(0))
                    .and_then(Value::as_array);
                required.extend(first.into_iter().flatten().filter_map(Value::as_str));
                // `minProperties`: the first optional properties too, as many as it asks.
                let min = o.min_properties.unwrap_or(0);
                let given = example.and_then(Value::as_object).map_or(0, Map::len);
                for key in o.properties.keys() {
                    if required.len().max(given) >= min {
                        break;
                    }
                    if !required.contains(&key.as_str()) {
                        required.push(key);
                    }
                }
                self.object(
                    &o.properties,
                    &required,
                    o.additional_properties.as_ref(),
                    example,
                    depth,
                )
            }
            SchemaKind::Type(Type::Array(a)) => {
                let items = a.items.as_ref().map(|items| items.clone().unbox());
                let min = a.min_items.unwrap_or(0);
                let max = a.max_items.unwrap_or(usize::MAX);
                let given = example.and_then(Value::as_array);
                let mut out = Vec::new();
                for item in given.into_iter().flatten().take(max) {
                    match &items {
                        Some(items) => out.push(self.value(items, Some(item), name, depth + 1)?),
                        None => out.push(item.clone()),
                    }
                }
                // One item at least, so an example shows what goes in.
                while out.len() < min.max(1).min(max) {
                    let made = match &items {
                        Some(items) => self.value(items, None, name, depth + 1)?,
                        None => Value::String("value".into()),
                    };
                    let made = match &items {
                        Some(items) if a.unique_items && out.contains(&made) => {
                            self.distinct(items, &made, &out, name, depth + 1)
                        }
                        _ => made,
                    };
                    out.push(made);
                }
                Some(Value::Array(out))
            }
            SchemaKind::AllOf { all_of } => {
                // One object with every part's properties and requirements.
                let mut properties = indexmap::IndexMap::new();
                let mut required = Vec::new();
                let mut other = None;
                for part in self.all_of_parts(all_of, 0)? {
                    match &part.schema_kind {
                        SchemaKind::Type(Type::Object(o)) => {
                            properties.extend(o.properties.clone());
                            required.extend(o.required.iter().map(String::as_str));
                        }
                        // An untyped part that only lists properties or requirements.
                        SchemaKind::Any(any)
                            if !any.properties.is_empty() || !any.required.is_empty() =>
                        {
                            properties.extend(any.properties.clone());
                            required.extend(any.required.iter().map(String::as_str));
                        }
                        _ => other = Some(part),
                    }
                }
                if properties.is_empty() {
                    if let Some(part) = other {
                        return self.value(
                            &ReferenceOr::Item(part.clone()),
                            example,
                            name,
                            depth + 1,
                        );
                    }
                }
                self.object(&properties, &required, None, example, depth)
            }
            SchemaKind::OneOf {
                one_of: alternatives,
            }
            | SchemaKind::AnyOf {
                any_of: alternatives,
            } => {
                // The example's alternative when it fits one, else the first that gives a value.
                if let Some(example) = example {
                    for alternative in alternatives {
                        if self
                            .value(alternative, Some(example), name, depth + 1)
                            .as_ref()
                            == Some(example)
                        {
                            return Some(example.clone());
                        }
                    }
                }
                alternatives
                    .iter()
                    .find_map(|a| self.value(a, None, name, depth + 1))
            }
            SchemaKind::Any(any) => match typed(any) {
                Some(kind) => {
                    let schema = Schema {
                        schema_data: schema.schema_data.clone(),
                        schema_kind: kind,
                    };
                    self.value(&ReferenceOr::Item(schema), example, name, depth + 1)
                }
                None => Some(example.cloned().unwrap_or(Value::String(name.0.into()))),
            },
            SchemaKind::Not { .. } => {
                Some(example.cloned().unwrap_or(Value::String(name.0.into())))
            }
        }
    }

    /// For `uniqueItems`: a value of `items` unlike those in `taken`, made by varying `made`
    /// (a digit before or after text, a larger number) while the schema still accepts it;
    /// `made` itself when no variation fits.
    /// The parts of an `allOf`, with the parts of nested `allOf`s (a part that refers to a
    /// composition of its own) in their place.
    fn all_of_parts<'s>(
        &'s self,
        all_of: &'s [ReferenceOr<Schema>],
        depth: usize,
    ) -> Option<Vec<&'s Schema>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut parts = Vec::new();
        for part in all_of {
            let part = self.resolve(part)?;
            match &part.schema_kind {
                SchemaKind::AllOf { all_of } => parts.extend(self.all_of_parts(all_of, depth + 1)?),
                _ => parts.push(part),
            }
        }
        Some(parts)
    }

    fn distinct(
        &self,
        items: &ReferenceOr<Schema>,
        made: &Value,
        taken: &[Value],
        name: Name<'_>,
        depth: usize,
    ) -> Value {
        for k in 1..=20u32 {
            let candidates = match made {
                Value::String(text) => {
                    vec![format!("{k}{text}").into(), format!("{text}{k}").into()]
                }
                Value::Number(n) if n.is_i64() => n
                    .as_i64()
                    .map_or(vec![], |n| vec![(n.saturating_add(k.into())).into()]),
                _ => vec![],
            };
            for candidate in candidates {
                // `value` keeps an example only where the schema accepts it.
                let kept = self.value(items, Some(&candidate), name, depth);
                if kept.as_ref() == Some(&candidate) && !taken.contains(&candidate) {
                    return candidate;
                }
            }
        }
        made.clone()
    }

    fn object(
        &self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[&str],
        additional: Option<&AdditionalProperties>,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<Value> {
        let closed = matches!(additional, Some(AdditionalProperties::Any(false)));
        let mut out = Map::new();
        for (key, value) in example.and_then(Value::as_object).into_iter().flatten() {
            match properties.get(key) {
                Some(schema) => {
                    let schema = schema.clone().unbox();
                    if let Some(fixed) = self.value(&schema, Some(value), Name(key), depth + 1) {
                        out.insert(key.clone(), fixed);
                    }
                }
                None if !closed => {
                    out.insert(key.clone(), value.clone());
                }
                None => {}
            }
        }
        for key in required {
            if out.contains_key(*key) {
                continue;
            }
            let value = match properties.get(*key) {
                Some(schema) => self.value(&schema.clone().unbox(), None, Name(key), depth + 1)?,
                None => Value::String("value".into()),
            };
            out.insert((*key).to_string(), value);
        }
        Some(Value::Object(out))
    }
}

/// The typed form of a schema openapiv3 could not type (keywords of several types, or
/// `minProperties` beside `properties`), where one type stands out.
fn typed(any: &openapiv3::AnySchema) -> Option<SchemaKind> {
    let typ = any.typ.as_deref();
    if !any.all_of.is_empty() {
        return Some(SchemaKind::AllOf {
            all_of: any.all_of.clone(),
        });
    }
    if !any.properties.is_empty() || typ == Some("object") || any.min_properties.is_some() {
        return Some(SchemaKind::Type(Type::Object(openapiv3::ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            min_properties: any.min_properties,
            max_properties: any.max_properties,
        })));
    }
    if !any.one_of.is_empty() {
        return Some(SchemaKind::OneOf {
            one_of: any.one_of.clone(),
        });
    }
    if !any.any_of.is_empty() {
        return Some(SchemaKind::AnyOf {
            any_of: any.any_of.clone(),
        });
    }
    if any.items.is_some() || typ == Some("array") {
        return Some(SchemaKind::Type(Type::Array(openapiv3::ArrayType {
            items: any.items.clone(),
            min_items: any.min_items,
            max_items: any.max_items,
            unique_items: any.unique_items.unwrap_or(false),
        })));
    }
    None
}

fn string(s: &StringType, example: Option<&Value>, name: Name<'_>) -> Value {
    let valid = |text: &str| string_fits(s, text);
    if let Some(text) = example.and_then(Value::as_str).filter(|t| valid(t)) {
        return Value::String(text.to_string());
    }
    if let Some(first) = s.enumeration.iter().flatten().next() {
        return Value::String(first.clone());
    }
    let made = s
        .pattern
        .as_deref()
        .and_then(from_pattern)
        .or_else(|| format_sample(&s.format).map(str::to_string))
        .unwrap_or_else(|| name.0.to_string());
    let mut made = made;
    let min = s.min_length.unwrap_or(0);
    while made.chars().count() < min {
        made.push('x');
    }
    if let Some(max) = s.max_length {
        made = made.chars().take(max).collect();
    }
    Value::String(made)
}

fn string_fits(s: &StringType, text: &str) -> bool {
    let len = text.chars().count();
    if !s.enumeration.is_empty() && !s.enumeration.iter().flatten().any(|e| e == text) {
        return false;
    }
    if s.min_length.is_some_and(|m| len < m) || s.max_length.is_some_and(|m| len > m) {
        return false;
    }
    if s.pattern
        .as_deref()
        .is_some_and(|p| !matches_pattern(p, text))
    {
        return false;
    }
    format_fits(&s.format, text)
}

fn format_name(format: &VariantOrUnknownOrEmpty<StringFormat>) -> &str {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
        VariantOrUnknownOrEmpty::Item(_) => "",
        VariantOrUnknownOrEmpty::Unknown(name) => name,
        VariantOrUnknownOrEmpty::Empty => "",
    }
}

/// A value of each format that validators check (ajv-formats' names).
fn format_sample(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<&'static str> {
    Some(match format_name(format) {
        "date" => "2024-01-15",
        "date-time" => "2024-01-15T09:30:00Z",
        "time" => "09:30:00Z",
        "duration" => "P1D",
        "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => "https://example.com",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "byte" => "Ynl0ZXM=",
        "int64" | "int32" | "integer" => "1",
        _ => return None,
    })
}

fn format_fits(format: &VariantOrUnknownOrEmpty<StringFormat>, text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let date = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2)
    };
    match format_name(format) {
        "date" => date(text),
        "date-time" => text
            .split_once(['T', 't'])
            .is_some_and(|(d, t)| date(d) && t.len() >= 8 && t.as_bytes()[2] == b':'),
        "uuid" => {
            let groups: Vec<&str> = text.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                && groups
                    .iter()
                    .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        "email" => text
            .split_once('@')
            .is_some_and(|(u, d)| !u.is_empty() && d.contains('.')),
        "uri" | "url" => text.split_once(':').is_some_and(|(s, _)| {
            s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }),
        "ipv4" => text.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => text.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => true,
    }
}

fn integer(i: &IntegerType, example: Option<&Value>) -> Value {
    let fits = |n: i64| {
        (i.enumeration.is_empty() || i.enumeration.contains(&Some(n)))
            && i.minimum
                .is_none_or(|m| if i.exclusive_minimum { n > m } else { n >= m })
            && i.maximum
                .is_none_or(|m| if i.exclusive_maximum { n < m } else { n <= m })
            && i.multiple_of.is_none_or(|m| m == 0 || n % m == 0)
    };
    if let Some(n) = example.and_then(Value::as_i64).filter(|n| fits(*n)) {
        return Value::from(n);
    }
    if let Some(Some(first)) = i.enumeration.first() {
        return Value::from(*first);
    }
    let low = i.minimum.map(|m| {
        if i.exclusive_minimum {
            m.saturating_add(1)
        } else {
            m
        }
    });
    let high = i.maximum.map(|m| {
        if i.exclusive_maximum {
            m.saturating_sub(1)
        } else {
            m
        }
    });
    // 1, unless the bounds exclude it.
    let mut n = match (low, high) {
        (Some(low), _) if low > 1 => low,
        (_, Some(high)) if high < 1 => high,
        _ => 1,
    };
    if let Some(m) = i.multiple_of.filter(|m| *m > 0) {
        // The first multiple at or above `n`.
        let rem = n.rem_euclid(m);
        if rem != 0 {
            n = n.saturating_add(m - rem);
        }
    }
    Value::from(n)
}

fn number(x: &NumberType, example: Option<&Value>) -> Value {
    let fits = |n: f64| {
        x.minimum
            .is_none_or(|m| if x.exclusive_minimum { n > m } else { n >= m })
            && x.maximum
                .is_none_or(|m| if x.exclusive_maximum { n < m } else { n <= m })
            && x.multiple_of
                .is_none_or(|m| m == 0.0 || (n / m).fract() == 0.0)
            && (x.enumeration.is_empty() || x.enumeration.contains(&Some(n)))
    };
    if let Some(value) = example.filter(|v| v.as_f64().is_some_and(fits)) {
        return value.clone();
    }
    if let Some(Some(first)) = x.enumeration.first() {
        return serde_json::Number::from_f64(*first).map_or(Value::from(1), Value::Number);
    }
    let candidates = [1.0, x.minimum.unwrap_or(1.0), x.maximum.unwrap_or(1.0)];
    let mut picked = candidates.into_iter().find(|n| fits(*n));
    if picked.is_none() {
        if let (Some(low), Some(step)) = (x.minimum, x.multiple_of.filter(|m| *m > 0.0)) {
            picked = Some(((low / step).floor() + 1.0) * step);
        } else if let (Some(low), Some(high)) = (x.minimum, x.maximum) {
            picked = Some((low + high) / 2.0);
        }
    }
    let n = picked.unwrap_or(1.0);
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::from(1), Value::Number)
    }
}

/// A string the pattern matches, made from its syntax: literals as they are, a class's
/// first letter or digit, a repetition's minimum count, an alternation's first branch.
/// `None` for patterns the regex crate cannot read or that the made string fails.
fn from_pattern(pattern: &str) -> Option<String> {
    let (plain, _) = without_lookarounds(pattern)?;
    let made = from_plain_pattern(&plain)?;
    // A lookaround at the start holds (or, negated, does not) at the string's start.
    matches_pattern(pattern, &made).then_some(made)
}

/// Whether `text` matches `pattern`, lookarounds at its start included; a pattern this
/// cannot read accepts anything.
fn matches_pattern(pattern: &str, text: &str) -> bool {
    let Some((plain, lookarounds)) = without_lookarounds(pattern) else {
        return true;
    };
    let Ok(re) = regex::Regex::new(&plain) else {
        return true;
    };
    re.is_match(text)
        && lookarounds.iter().all(|(negated, inner)| {
            regex::Regex::new(&format!("^(?:{inner})"))
                .map_or(true, |re| re.is_match(text) != *negated)
        })
}

/// The pattern without its lookarounds (`(?!uuid)`, which the `regex` crate does not
/// have), and those it removed: whether negated, and what they look for.
fn without_lookarounds(pattern: &str) -> Option<(String, Vec<(bool, String)>)> {
    let mut out = String::new();
    let mut removed = Vec::new();
    let bytes = pattern.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        let rest = &pattern[i..];
        let c = rest.chars().next()?;
        if c == '\\' {
            let escaped = rest.chars().nth(1).map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + escaped]);
            i += 1 + escaped;
            continue;
        }
        if in_class {
            in_class = c != ']';
        } else if c == '[' {
            in_class = true;
        } else if let Some(negated) = ["(?=", "(?!", "(?<=", "(?<!"]
            .iter()
            .find(|open| rest.starts_with(**open))
            .map(|open| open.ends_with('!'))
        {
            let open = if rest.starts_with("(?<") { 4 } else { 3 };
            let close = group_end(&pattern[i + open..])?;
            removed.push((negated, pattern[i + open..i + open + close].to_string()));
            i += open + close + 1;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    Some((out, removed))
}

/// Where the group that `text` is inside of closes: the index of its `)`.
fn group_end(text: &str) -> Option<usize> {
    let (mut depth, mut in_class, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '[' => in_class = true,
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn from_plain_pattern(pattern: &str) -> Option<String> {
    // ASCII classes first (`\d` as 0-9), Unicode when the pattern needs it.
    let ascii = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok();
    let hir = match ascii {
        Some(hir) => hir,
        None => regex_syntax::Parser::new().parse(pattern).ok()?,
    };
    let mut out = String::new();
    write_hir(&hir, &mut out, 0)?;
    let re = regex::Regex::new(pattern).ok()?;
    re.is_match(&out).then_some(out)
}

fn write_hir(hir: &regex_syntax::hir::Hir, out: &mut String, depth: usize) -> Option<()> {
    use regex_syntax::hir::{Class, HirKind};
    if depth > 64 || out.len() > 256 {
        return None;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            let pick = ranges
                .iter()
                .flat_map(|r| [r.start(), r.end()])
                .find(|c| c.is_ascii_alphanumeric())
                .or_else(|| ranges.first().map(|r| r.start()))?;
            out.push(pick);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let ranges = class.ranges();
            let pick = ranges
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .find(u8::is_ascii_alphanumeric)
                .or_else(|| ranges.first().map(|r| r.start()))?;
            out.push(char::from(pick).is_ascii().then_some(char::from(pick))?);
        }
        HirKind::Repetition(repetition) => {
            for _ in 0..repetition.min.min(64) {
                write_hir(&repetition.sub, out, depth + 1)?;
            }
        }
        HirKind::Capture(capture) => write_hir(&capture.sub, out, depth + 1)?,
        HirKind::Concat(parts) => {
            for part in parts {
                write_hir(part, out, depth + 1)?;
            }
        }
        HirKind::Alternation(branches) => write_hir(branches.first()?, out, depth + 1)?,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fix(schema: Value, example: Option<Value>) -> Value {
        let schema: ReferenceOr<Schema> = serde_json::from_value(schema).unwrap();
        let components = indexmap::IndexMap::new();
        let sampler = Sampler {
            components: &components,
        };
        sampler.fix(&schema, example.as_ref(), "text").unwrap()
    }

    #[test]
    fn lookarounds_are_honoured_where_the_regex_crate_has_none() {
        // Oxide's names: anything but a UUID.
        let name = "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z]([a-zA-Z0-9-]*[a-zA-Z0-9]+)?$";
        let made = from_pattern(name).unwrap();
        assert!(regex::Regex::new("^[a-z]([a-zA-Z0-9-]*[a-zA-Z0-9]+)?$")
            .unwrap()
            .is_match(&made));
        assert_eq!(
            without_lookarounds(r"^(?=[^(]*\))(?!a)[b(]x$").unwrap(),
            (
                r"^[b(]x$".to_string(),
                vec![(false, r"[^(]*\)".to_string()), (true, "a".to_string())]
            )
        );
        // A lookahead the sample cannot meet gives no sample.
        assert_eq!(from_pattern("^(?=b)a$"), None);
        // A document's example that the lookahead excludes does not fit.
        assert!(!matches_pattern(
            name,
            "3fa85f64-5717-4562-b3fc-2c963f66afa6"
        ));
        assert!(matches_pattern(name, "my-project"));
    }

    #[test]
    fn one_of_several_required_sets_is_met() {
        let schema = json!({
            "type": "object",
            "properties": {"file_ids": {"type": "array", "items": {"type": "string"}}, "files": {"type": "array", "items": {"type": "string"}}},
            crate::normalize::REQUIRED_ONE_OF: [["file_ids"], ["files"]]
        });
        let value = fix(schema, None);
        assert!(
            value.get("file_ids").is_some() && value.get("files").is_none(),
            "{value}"
        );
    }

    #[test]
    fn nested_all_of_parts_count() {
        let schema = json!({"allOf": [
            {"allOf": [
                {"type": "object", "properties": {"a": {"type": "string"}}},
                {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}
            ]},
            {"required": ["id"]}
        ]});
        let value = fix(schema, None);
        assert_eq!(value["id"].as_str().map(str::len), Some(36), "{value}");
    }

    #[test]
    fn an_enum_beside_all_of_narrows_the_value() {
        let schema = json!({
            "allOf": [{"type": "integer", "enum": [1, 2, 3]}],
            crate::normalize::SIBLING_ENUM: [3]
        });
        assert_eq!(fix(schema.clone(), None), json!(3));
        assert_eq!(fix(schema.clone(), Some(json!(1))), json!(3));
        assert_eq!(fix(schema, Some(json!(3))), json!(3));
    }

    #[test]
    fn untyped_all_of_parts_add_properties_and_requirements() {
        let schema = json!({"allOf": [
            {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}},
            {"required": ["id"]},
            {"properties": {"n": {"type": "integer", "minimum": 3}}, "required": ["n"]}
        ]});
        let value = fix(schema, None);
        assert_eq!(value["n"], json!(3));
        assert_eq!(value["id"].as_str().map(str::len), Some(36));
    }

    #[test]
    fn unique_items_are_distinct() {
        let schema = json!({"type": "array", "minItems": 3, "uniqueItems": true,
            "items": {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"}});
        assert_eq!(fix(schema, None), json!(["0", "10", "20"]));
        let schema = json!({"type": "array", "minItems": 2, "uniqueItems": true,
            "items": {"type": "integer", "minimum": 5}});
        assert_eq!(fix(schema, None), json!([5, 6]));
    }

    #[test]
    fn patterns_give_strings_they_match() {
        for pattern in [
            "^[a-z0-9]{26}$",
            r"^\d{3}-\d{4}$",
            "^(foo|bar)+baz?$",
            r"^[A-Z][a-z]+\.[0-9]{2,}$",
            r"^[^\s]+@example\.org$",
        ] {
            let made = from_pattern(pattern).unwrap();
            assert!(
                regex::Regex::new(pattern).unwrap().is_match(&made),
                "{pattern}: {made}"
            );
        }
        let schema = serde_json::json!({"type": "string", "pattern": "^[a-z0-9]{26}$"});
        assert_eq!(
            fix(schema.clone(), Some("vaultuuid".into())),
            "00000000000000000000000000"
        );
        let valid = "abcdefghijklmnopqrstuvwxyz";
        assert_eq!(fix(schema, Some(valid.into())), valid);
    }

    #[test]
    fn formats_bounds_and_required_properties() {
        let uuid = fix(
            serde_json::json!({"type": "string", "format": "uuid"}),
            Some("x".into()),
        );
        assert_eq!(uuid, "3fa85f64-5717-4562-b3fc-2c963f66afa6");
        let n =
            serde_json::json!({"type": "integer", "minimum": 10, "maximum": 20, "multipleOf": 3});
        assert_eq!(fix(n, Some(1.into())), 12);
        let x = serde_json::json!({"type": "number", "exclusiveMinimum": true, "minimum": 1, "maximum": 2});
        assert_eq!(fix(x, None), 2);
        let short = serde_json::json!({"type": "string", "minLength": 3, "maxLength": 4});
        assert_eq!(fix(short, Some("ab".into())), "text");
        let object = serde_json::json!({
            "type": "object",
            "required": ["id", "tags"],
            "properties": {
                "id": {"type": "string", "format": "email"},
                "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
                "note": {"type": "string"}
            }
        });
        let fixed = fix(
            object,
            Some(serde_json::json!({"note": "kept", "tags": ["c", "b"]})),
        );
        assert_eq!(
            fixed,
            serde_json::json!({"note": "kept", "tags": ["a", "b"], "id": "user@example.com"})
        );
        let min = serde_json::json!({"type": "object", "minProperties": 1, "properties": {"a": {"type": "boolean"}}});
        assert_eq!(fix(min, None), serde_json::json!({"a": true}));
    }
}

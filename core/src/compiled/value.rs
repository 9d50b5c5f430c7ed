//! The values a compiled program computes with: Cedar's values, without Cedar's types.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// An entity's name: its type and id (`Action::"share"`). Texts are borrowed where they
/// can be (from the request and the engine while a request is decided) and owned in a
/// compiled policy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EntityRef<'a> {
    /// The entity type, e.g. `Requester`.
    pub ty: Cow<'a, str>,
    /// The entity id.
    pub id: Cow<'a, str>,
}

/// A Cedar value. A request's values borrow its texts and the vocabulary's names: copying
/// each into the input was most of the allocations of a compiled check.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    /// `true` or `false`.
    Bool(bool),
    /// A 64-bit signed whole number.
    Long(i64),
    /// A string.
    Str(Cow<'a, str>),
    /// A set: duplicates and order do not count (see [`Value::equals`]).
    Set(Vec<Value<'a>>),
    /// A record.
    Record(BTreeMap<Cow<'a, str>, Value<'a>>),
    /// A reference to an entity.
    Entity(EntityRef<'a>),
    /// A `datetime` extension value: milliseconds since the Unix epoch, as Cedar keeps it.
    DateTime(i64),
}

impl<'a> Value<'a> {
    /// A record of `fields`, or the first error among them. Built by inserting each field: a
    /// B-tree collected from an iterator sorts the fields first, and each place that
    /// collected one had a sort of its own in the forms module.
    pub fn record<E>(fields: impl IntoIterator<Item = Result<(Cow<'a, str>, Value<'a>), E>>) -> Result<Value<'a>, E> {
        let mut record = BTreeMap::new();
        for field in fields {
            let (name, value) = field?;
            record.insert(name, value);
        }
        Ok(Value::Record(record))
    }
}

impl Value<'_> {
    /// Cedar's `==`: values of different types are unequal (never an error); sets are
    /// equal when each holds every element of the other.
    pub fn equals(&self, other: &Value<'_>) -> bool {
        match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Long(a), Value::Long(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Entity(a), Value::Entity(b)) => a == b,
            (Value::DateTime(a), Value::DateTime(b)) => a == b,
            (Value::Set(a), Value::Set(b)) => {
                a.iter().all(|x| b.iter().any(|y| x.equals(y))) && b.iter().all(|y| a.iter().any(|x| x.equals(y)))
            }
            (Value::Record(a), Value::Record(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }

    /// The type's name as an error message gives it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "bool",
            Value::Long(_) => "long",
            Value::Str(_) => "string",
            Value::Set(_) => "set",
            Value::Record(_) => "record",
            Value::Entity(_) => "entity",
            Value::DateTime(_) => "datetime",
        }
    }
}

/// Milliseconds since the Unix epoch of midnight (UTC) on a day, as Cedar's
/// `datetime("YYYY-MM-DD")` makes it.
pub fn day_millis(day: chrono::NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis())
}

/// The day of a `datetime` at midnight (UTC), or `None` for another time of day.
#[cfg(feature = "cedar")]
pub fn millis_day(millis: i64) -> Option<chrono::NaiveDate> {
    let at = chrono::DateTime::from_timestamp_millis(millis)?.naive_utc();
    (at.time() == chrono::NaiveTime::MIN).then(|| at.date())
}

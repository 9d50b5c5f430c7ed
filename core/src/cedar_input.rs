//! Turns a request into the Cedar request the policies are written against, by the pack's
//! vocabulary (`pack.json`): each field of `requester`, `resource` and `application`
//! becomes an attribute of the principal, the resource and the context under its own
//! name, checked against its declaration on the way (an unreadable field is an error that
//! names its JSON Pointer, the value and what was expected), and the declared derived
//! values are computed beside it.
//!
//! Absent and blank values are left out; booleans (unless optional) and sets are always
//! given. Cedar values are built straight from the JSON, with the names Cedar needs
//! (entity types, the actions) made once per engine.

use std::borrow::Cow;
use std::collections::BTreeMap;
#[cfg(feature = "cedar")]
use std::str::FromStr;
#[cfg(feature = "cedar")]
use std::sync::Mutex;

#[cfg(feature = "cedar")]
use cedar_policy::{
    ActionConstraint, Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, PolicySet, PrincipalConstraint,
    ResourceConstraint, RestrictedExpression, Schema,
};
use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::calendar::{Calendar, Deadline};
#[cfg(feature = "cedar")]
use crate::compiled::millis_day;
use crate::compiled::{self, day_millis, Attributes, EntityRef, Value as Plain};
use crate::error::{expected, text, Error};
use crate::identifier::{citizen_id_problem, credit_code_problem, IdProblem};
use crate::limits::MAX_STRING_CHARS;
use crate::pack::{Derivation, FieldType};
use crate::request::{parse_date, Request};
use crate::vocabulary::{Field, Vocabulary, DATE_ATTRIBUTE, SECTIONS};

#[cfg(feature = "cedar")]
pub(crate) struct CedarInput {
    pub request: cedar_policy::Request,
    pub entities: Entities,
    /// As [`ReadRequest::invalid_identifiers`].
    pub invalid_identifiers: Vec<(String, IdProblem)>,
    /// As [`ReadRequest::uncovered`].
    pub uncovered: Vec<Deadline>,
}

/// What is wrong with an identifier (`None` when nothing): GB 11643 for a natural person,
/// GB 32100 for an organisation. When the type is unknown either will do, and a number
/// that is neither is judged as the one it resembles.
fn identifier_problem(number: &str, citizen: Option<bool>) -> Option<IdProblem> {
    match citizen {
        Some(true) => citizen_id_problem(number),
        Some(false) => credit_code_problem(number),
        None => match (citizen_id_problem(number), credit_code_problem(number)) {
            (None, _) | (_, None) => None,
            (Some(IdProblem::Format), credit) => credit,
            (citizen, _) => citizen,
        },
    }
}

/// Reads the requests of one engine by its vocabulary, as plain values: what the compiled
/// policies decide, and what [`CedarNames::build`] makes Cedar's input of.
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    vocabulary: Vocabulary,
    /// Each section's attributes, in `SECTIONS` order.
    layouts: [Layout; 3],
    /// The context's slot for the request's date.
    date_slot: usize,
}

/// The attributes of one section, in slot order (see [`compiled::Attributes`]): each
/// field's own (an entity id names the entity and is no attribute), then its derived
/// values'; the context's date last.
#[derive(Debug, Clone)]
struct Layout {
    names: Vec<String>,
    /// Where each field's slots begin, in the section's field order.
    starts: Vec<usize>,
    /// Each slot's value when its field is not given ([`absent`]), if it has one: a request
    /// gives a few of a section's many fields (a 甘孜 sharing request 7 of the context's 68),
    /// so reading visits only the fields given, and the others read these.
    defaults: Vec<Option<Plain<'static>>>,
}

impl Layout {
    fn new(fields: &[Field], extra: Option<&str>) -> Layout {
        let (mut names, mut starts, mut defaults) = (Vec::new(), Vec::with_capacity(fields.len()), Vec::new());
        for field in fields {
            starts.push(names.len());
            if !field.spec.entity_id {
                names.push(field.name.clone());
                defaults.push(absent(&field.spec));
                for (name, _) in field.spec.derive.iter().flat_map(Derivation::attributes) {
                    names.push(name.to_owned());
                    defaults.push(None);
                }
            }
        }
        if let Some(extra) = extra {
            names.push(extra.to_owned());
            defaults.push(None);
        }
        Layout { names, starts, defaults }
    }

    /// The slot of the attribute `name`.
    fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

impl Builder {
    pub fn new(vocabulary: Vocabulary) -> Builder {
        let context = Layout::new(vocabulary.section(2), Some(DATE_ATTRIBUTE));
        // The date comes after the fields.
        let date_slot = context.names.len().saturating_sub(1);
        let layouts = [Layout::new(vocabulary.section(0), None), Layout::new(vocabulary.section(1), None), context];
        Builder { vocabulary, layouts, date_slot }
    }

    /// The slot the attribute `name` of `var` has in every request's input, `None` for a
    /// name the vocabulary does not give it: what [`compiled::CompiledPolicy::prepared`]
    /// resolves policies by.
    pub fn slot(&self, var: compiled::Var, name: &str) -> Option<usize> {
        // `action` is no section: it has no attributes.
        let section = SECTIONS.iter().position(|s| s.cedar == var.name())?;
        self.layouts.get(section)?.slot(name)
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The kinds, in the vocabulary's order.
    pub fn kinds(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.kinds().iter().map(|k| k.kind.as_str())
    }

    /// Whether `kind` is a kind of request of the vocabulary; an unknown one is the
    /// request's fault.
    pub fn known_kind(&self, kind: &str) -> Result<(), Error> {
        if self.kinds().any(|k| k == kind) {
            return Ok(());
        }
        Err(Error::unknown_value("/kind", kind, self.kinds()))
    }

    /// `request` read by the vocabulary as plain values, decided on `date`; `calendar`
    /// counts working days.
    pub fn read<'a>(
        &'a self,
        request: &'a Request,
        date: NaiveDate,
        calendar: &Calendar,
    ) -> Result<ReadRequest<'a>, Error> {
        self.known_kind(&request.kind)?;
        let action = action_of(&request.kind);
        let mut invalid_identifiers = Vec::new();
        let mut uncovered = Vec::new();
        let mut section = |i: usize| {
            let (Some(section), Some(layout)) = (SECTIONS.get(i), self.layouts.get(i)) else {
                return Err(Error::Evaluation(format!("no section {i}")));
            };
            let reader =
                Reader { date, calendar, invalid_identifiers: &mut invalid_identifiers, uncovered: &mut uncovered };
            reader.section(section.key, self.vocabulary.section(i), layout, request.section(section.key))
        };
        let (requester, requester_id) = section(0)?;
        let (resource, resource_id) = section(1)?;
        let (mut context, _) = section(2)?;
        context.set(self.date_slot, Plain::DateTime(day_millis(date)));
        let name = |ty: &'static str, id: Option<&'a str>, default: &'static str| EntityRef {
            ty: Cow::Borrowed(ty),
            id: Cow::Borrowed(id.unwrap_or(default)),
        };
        Ok(ReadRequest {
            principal: (name(REQUESTER, requester_id, "requester"), requester),
            action,
            resource: (name(RESOURCE, resource_id, "resource"), resource),
            context,
            invalid_identifiers,
            uncovered,
        })
    }
}

/// What Cedar's input needs beyond the values read: the entity types, the actions, and
/// whether each input must be checked against the schema. Made only where Cedar decides
/// (making the names runs Cedar's parser).
#[cfg(feature = "cedar")]
#[derive(Debug, Clone)]
pub(crate) struct CedarNames {
    requester: EntityTypeName,
    resource: EntityTypeName,
    /// `Action::"<kind>"` for each kind of the vocabulary, in its order.
    actions: Vec<(String, EntityUid)>,
    /// The schema's action entities when it groups actions, given with every request
    /// for `action in <group>`. Without groups they would add nothing a policy can read
    /// (actions have no attributes), so none are given.
    action_entities: Vec<Entity>,
    /// `datetime("…")` of the days most recently decided on: Cedar parses the function's
    /// name each time it makes one, and a form checks on every keystroke with the same day.
    dates: DateCache,
    /// The schema each input is checked against, or `None`: the schema is made from the
    /// same vocabulary the builder reads requests by, so what it builds conforms (a test
    /// builds requests with every field against it), and checking again per request
    /// would only repeat that test.
    checked_against: Option<Schema>,
}

#[cfg(feature = "cedar")]
impl CedarNames {
    /// `schema`: the vocabulary's schema, parsed, when it groups actions (for their
    /// entities) or when each input is to be checked against it (`check`).
    pub fn new(vocabulary: &Vocabulary, schema: Option<&Schema>, check: bool) -> Result<CedarNames, Error> {
        let [requester, action, resource] = type_names()?;
        let actions = vocabulary.kinds().iter().map(|k| (k.kind.clone(), uid(&action, &k.kind))).collect();
        Ok(CedarNames {
            requester,
            resource,
            actions,
            action_entities: match schema {
                Some(schema) if schema.action_groups().next().is_some() => {
                    schema.action_entities().map_err(|e| Error::Evaluation(e.to_string()))?.iter().cloned().collect()
                }
                _ => Vec::new(),
            },
            dates: DateCache::default(),
            checked_against: if check { schema.cloned() } else { None },
        })
    }

    /// The action of a kind of request, `None` for a name that is no kind.
    pub fn action(&self, kind: &str) -> Option<&EntityUid> {
        self.actions.iter().find(|(k, _)| k == kind).map(|(_, a)| a)
    }

    /// Whether `uid` is the action of a kind (not a group of actions).
    pub fn is_action(&self, uid: &EntityUid) -> bool {
        self.actions.iter().any(|(_, a)| a == uid)
    }

    /// The Cedar input of `request`, decided on `date`; `calendar` counts working days.
    pub fn build(
        &self,
        reader: &Builder,
        request: &Request,
        date: NaiveDate,
        calendar: &Calendar,
    ) -> Result<CedarInput, Error> {
        let internal = |e: &dyn std::fmt::Display| Error::Evaluation(e.to_string());
        let schema = self.checked_against.as_ref();
        let read = reader.read(request, date, calendar)?;
        let action = self.action(&request.kind).ok_or_else(|| Error::Evaluation("no action".into()))?.clone();
        let attrs = |attrs: Attributes<'_>| {
            attrs.given().map(|(k, v)| Ok((k.to_owned(), self.restricted(v)?))).collect::<Result<Vec<_>, Error>>()
        };
        let principal = uid(&self.requester, &read.principal.0.id);
        let resource_uid = uid(&self.resource, &read.resource.0.id);
        let entities = [
            Entity::new_with_tags(principal.clone(), attrs(read.principal.1)?, [], []).map_err(|e| internal(&e))?,
            Entity::new_with_tags(resource_uid.clone(), attrs(read.resource.1)?, [], []).map_err(|e| internal(&e))?,
        ];
        // A checked input takes the action entities from the schema itself.
        let entities = match schema {
            Some(_) => Entities::from_entities(entities, schema),
            None => Entities::from_entities(self.action_entities.iter().cloned().chain(entities), None),
        }
        .map_err(|e| internal(&e))?;
        let context = Context::from_pairs(attrs(read.context)?).map_err(|e| internal(&e))?;
        let request =
            cedar_policy::Request::new(principal, action, resource_uid, context, schema).map_err(|e| internal(&e))?;
        Ok(CedarInput { request, entities, invalid_identifiers: read.invalid_identifiers, uncovered: read.uncovered })
    }

    /// A plain value as Cedar's.
    fn restricted(&self, value: &Plain<'_>) -> Result<RestrictedExpression, Error> {
        Ok(match value {
            Plain::Bool(b) => RestrictedExpression::new_bool(*b),
            Plain::Long(n) => RestrictedExpression::new_long(*n),
            Plain::Str(s) => RestrictedExpression::new_string(s.to_string()),
            Plain::Set(items) => {
                RestrictedExpression::new_set(items.iter().map(|v| self.restricted(v)).collect::<Result<Vec<_>, _>>()?)
            }
            Plain::Record(fields) => {
                let field = |(k, v): (&Cow<'_, str>, &Plain<'_>)| Ok((k.to_string(), self.restricted(v)?));
                let fields = fields.iter().map(field).collect::<Result<Vec<_>, Error>>()?;
                RestrictedExpression::new_record(fields).map_err(|e| Error::Evaluation(e.to_string()))?
            }
            Plain::DateTime(millis) => match millis_day(*millis) {
                Some(day) => self.dates.get(day),
                None => return Err(Error::Evaluation(format!("a request time `{millis}` that is not a day"))),
            },
            Plain::Entity(e) => return Err(Error::Evaluation(format!("an entity `{}` in a request", e.id))),
        })
    }
}

/// A request read by the vocabulary, as plain values: what the Cedar input and the
/// compiled policies' input are both made of.
pub(crate) struct ReadRequest<'a> {
    /// The requester's name and attributes.
    pub principal: (EntityRef<'a>, Attributes<'a>),
    /// `Action::"<kind>"`
    pub action: EntityRef<'a>,
    /// The resource's name and attributes.
    pub resource: (EntityRef<'a>, Attributes<'a>),
    /// The context's attributes, the request's date among them.
    pub context: Attributes<'a>,
    /// Identifiers that fail their check (their text and what is wrong), for the verdict's
    /// warning.
    pub invalid_identifiers: Vec<(String, IdProblem)>,
    /// Working-day counts that reached beyond the calendar's years, as the deadlines they
    /// amount to, for the verdict's `calendar_out_of_range` warning.
    pub uncovered: Vec<Deadline>,
}

impl<'a> ReadRequest<'a> {
    /// The input the compiled policies decide, with the identifiers and deadlines noted
    /// on the way.
    pub fn into_compiled(self) -> (compiled::Input<'a>, Vec<(String, IdProblem)>, Vec<Deadline>) {
        let input = compiled::Input::new(self.principal, self.action, self.resource, self.context);
        (input, self.invalid_identifiers, self.uncovered)
    }
}

/// Reads one object of the request by its fields' declarations.
struct Reader<'a> {
    date: NaiveDate,
    calendar: &'a Calendar,
    invalid_identifiers: &'a mut Vec<(String, IdProblem)>,
    uncovered: &'a mut Vec<Deadline>,
}

impl Reader<'_> {
    /// The attributes of the section `key`, and its entity id when a field gives one.
    fn section<'a>(
        mut self,
        key: &str,
        fields: &'a [Field],
        layout: &'a Layout,
        given: Option<&'a Map<String, Value>>,
    ) -> Result<(Attributes<'a>, Option<&'a str>), Error> {
        let mut attrs = Attributes::with_defaults(&layout.names, &layout.defaults);
        let Some(given) = given else { return Ok((attrs, None)) };
        // Every key first (an unknown one is the error, whatever else is wrong), then the
        // values in the fields' order: the first of several errors is the first field's.
        let mut present = Vec::with_capacity(given.len());
        for (k, value) in given {
            let index = fields
                .iter()
                .position(|f| f.name == *k)
                .ok_or_else(|| Error::unknown_field(&format!("/{key}"), k, &names(fields)))?;
            if !value.is_null() {
                // Kept in the fields' order as they come (a few each: no sort's code).
                let at = present.partition_point(|(i, _)| *i < index);
                present.insert(at, (index, value));
            }
        }
        let mut entity_id = None;
        for (index, value) in present {
            let Some(field) = fields.get(index) else { continue };
            if field.spec.entity_id {
                entity_id = Some(text(&field.spec.field, value)?);
                continue;
            }
            let start = layout.starts.get(index).copied().unwrap_or(usize::MAX);
            self.field(field, Some(value), Some(given), &mut Slots { attrs: &mut attrs, start })?;
        }
        Ok((attrs, entity_id))
    }

    fn field<'a>(
        &mut self,
        field: &'a Field,
        value: Option<&'a Value>,
        siblings: Option<&'a Map<String, Value>>,
        attrs: &mut dyn Put<'a>,
    ) -> Result<(), Error> {
        let spec = &field.spec;
        let at = spec.field.as_str();
        let key = field.name.as_str();
        let Some(value) = value else {
            if let Some(default) = absent(spec) {
                attrs.put(0, key, default);
            }
            return Ok(());
        };
        match spec.field_type {
            FieldType::Text => {
                let s = text(at, value)?;
                if !crate::text::is_blank(s) {
                    attrs.put(0, key, Plain::Str(Cow::Borrowed(s)));
                    for (d, at) in derived(&spec.derive) {
                        if let Derivation::Identifier { type_field, citizen_types, .. } = d {
                            let kind =
                                type_field.rsplit('/').next().and_then(|k| siblings?.get(k)).and_then(Value::as_str);
                            let number = s.trim();
                            let problem =
                                identifier_problem(number, kind.map(|k| citizen_types.iter().any(|c| c == k)));
                            // In the slots `attributes` names: the result, then the problem
                            // (when the pack names an attribute for it).
                            let mut slots = d.attributes().zip(at..);
                            if let Some(((name, _), slot)) = slots.next() {
                                attrs.put(slot, name, Plain::Bool(problem.is_none()));
                            }
                            if let (Some(problem), Some(((name, _), slot))) = (problem, slots.next()) {
                                attrs.put(slot, name, Plain::Str(Cow::Borrowed(problem.as_str())));
                            }
                            if let Some(problem) = problem {
                                self.invalid_identifiers.push((number.to_owned(), problem));
                            }
                        }
                    }
                }
            }
            FieldType::Enum => {
                let s = value.as_str().ok_or_else(|| Error::wrong_type(at, value, expected::STRING))?;
                if !is_one_of(s, spec) {
                    return Err(not_one_of(at, s, spec));
                }
                attrs.put(0, key, Plain::Str(Cow::Borrowed(s)));
            }
            FieldType::Bool => {
                let b = value.as_bool().ok_or_else(|| Error::wrong_type(at, value, expected::BOOLEAN))?;
                attrs.put(0, key, Plain::Bool(b));
            }
            FieldType::Long => {
                let (min, max) = (spec.min.unwrap_or(i64::MIN), spec.max.unwrap_or(i64::MAX));
                let expected = || text!(("介于 {min} 与 {max} 之间的整数"), ("a whole number from {min} to {max}"));
                // Named as a number, not written out as JSON: that would bring JSON's writer
                // into the forms module for this message alone.
                let serde_json::Value::Number(number) = value else {
                    let expected = expected();
                    return Err(Error::wrong_type(at, value, crate::Words { zh: &expected.zh, en: &expected.en }));
                };
                let n = number.as_i64().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
                    let expected = expected();
                    Error::invalid(
                        at,
                        text!(
                            ("`{number}` 超出范围，应为{}", expected.zh),
                            ("`{number}` is out of range, expected {}", expected.en)
                        ),
                    )
                })?;
                attrs.put(0, key, Plain::Long(n));
            }
            FieldType::Date => {
                let s = value.as_str().ok_or_else(|| Error::wrong_type(at, value, expected::DATE))?;
                let since = parse_date(s).map_err(|m| Error::invalid(at, m))?;
                attrs.put(0, key, Plain::DateTime(day_millis(since)));
                for (d, at) in derived(&spec.derive) {
                    match d {
                        Derivation::MonthsUntilRequest { attribute } => {
                            attrs.put(at, attribute, Plain::Long(whole_months(since, self.date)))
                        }
                        Derivation::DaysUntilRequest { attribute } => {
                            attrs.put(at, attribute, Plain::Long((self.date - since).num_days()))
                        }
                        Derivation::WorkingDaysUntilRequest { attribute, not_before } => {
                            let from = not_before.filter(|n| *n > since).unwrap_or(since);
                            let (count, covered) = self.calendar.working_days_between(from, self.date);
                            if !covered {
                                self.uncovered.push(Deadline { due: from.max(self.date), covered });
                            }
                            attrs.put(at, attribute, Plain::Long(count))
                        }
                        Derivation::Identifier { .. } => {}
                    }
                }
            }
            FieldType::Set => {
                let items = value.as_array().ok_or_else(|| Error::wrong_type(at, value, expected::LIST))?;
                let mut set = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    // The item's pointer is made for an error only: made for every item, it
                    // was about a twentieth of a check with a list given.
                    let item_at = || format!("{at}/{i}");
                    match item.as_str() {
                        Some(s) if is_one_of(s, spec) => set.push(Plain::Str(Cow::Borrowed(s))),
                        Some(s) => return Err(not_one_of(&item_at(), s, spec)),
                        None => return Err(Error::wrong_type(&item_at(), item, expected::STRING)),
                    }
                }
                attrs.put(0, key, Plain::Set(set));
            }
            FieldType::Record => {
                let map = value.as_object().ok_or_else(|| Error::wrong_type(at, value, expected::OBJECT))?;
                let values = by_declaration(&field.children, map)
                    .map_err(|k| Error::unknown_field(at, k, &names(&field.children)))?;
                let mut record = BTreeMap::new();
                for (child, value) in field.children.iter().zip(values) {
                    self.field(child, value, Some(map), &mut record)?;
                }
                attrs.put(0, key, Plain::Record(record));
            }
        }
        Ok(())
    }
}

/// The value given for each of `fields` (absent or `null`: `None`), in their order, or
/// the first key none declares (the caller names its pointer: made only then). One pass
/// over the given keys, rather than a hash lookup for every declared field.
fn by_declaration<'v>(fields: &[Field], given: &'v Map<String, Value>) -> Result<Vec<Option<&'v Value>>, &'v str> {
    let mut values = vec![None; fields.len()];
    for (key, value) in given {
        match fields.iter().zip(values.iter_mut()).find(|(f, _)| f.name == *key) {
            Some((_, slot)) => *slot = Some(value).filter(|v| !v.is_null()),
            None => return Err(key),
        }
    }
    Ok(values)
}

/// A field's value when it is not given: booleans (unless optional) and sets are always
/// given, the others left out.
fn absent(spec: &crate::pack::FieldSpec) -> Option<Plain<'static>> {
    match spec.field_type {
        FieldType::Bool if !spec.optional => Some(Plain::Bool(spec.default.unwrap_or(false))),
        FieldType::Set => Some(Plain::Set(Vec::new())),
        _ => None,
    }
}

/// The names of declared fields, for an error that lists them.
fn names(fields: &[Field]) -> Vec<&str> {
    fields.iter().map(|f| f.name.as_str()).collect()
}

fn text<'v>(at: &str, value: &'v Value) -> Result<&'v str, Error> {
    let s = value.as_str().ok_or_else(|| Error::wrong_type(at, value, expected::STRING))?;
    // No more bytes than the limit is no more characters: most texts are not counted.
    if s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS {
        return Err(Error::invalid(
            at,
            text!(("文本超过 {MAX_STRING_CHARS} 个字符"), ("the text has more than {MAX_STRING_CHARS} characters")),
        ));
    }
    Ok(s)
}

fn is_one_of(s: &str, spec: &crate::pack::FieldSpec) -> bool {
    spec.values.iter().any(|v| v.value == s)
}

/// A value at `at` that is none of the field's.
fn not_one_of(at: &str, s: &str, spec: &crate::pack::FieldSpec) -> Error {
    Error::unknown_value(at, s, spec.values.iter().map(|v| v.value.as_str()))
}

/// Where a field's values go as they are read: its own value (`offset` 0), then its
/// derived values' (offsets as `derived` gives them), each under its attribute's name.
trait Put<'a> {
    fn put(&mut self, offset: usize, name: &'a str, value: Plain<'a>);
}

/// A section's field: each value in its slot, from the field's first.
struct Slots<'s, 'a> {
    attrs: &'s mut Attributes<'a>,
    start: usize,
}

impl<'a> Put<'a> for Slots<'_, 'a> {
    fn put(&mut self, offset: usize, _: &'a str, value: Plain<'a>) {
        self.attrs.set(self.start.saturating_add(offset), value);
    }
}

/// A record's field (a plain value: it derives none), by name.
impl<'a> Put<'a> for BTreeMap<Cow<'a, str>, Plain<'a>> {
    fn put(&mut self, _: usize, name: &'a str, value: Plain<'a>) {
        self.insert(Cow::Borrowed(name), value);
    }
}

/// Each derivation of a field with the offset of its first value among the field's: its
/// own value comes first, then each derivation's, in declaration order (as the section's
/// layout gives them slots).
fn derived(derive: &[Derivation]) -> impl Iterator<Item = (&Derivation, usize)> {
    derive.iter().scan(1, |next, d| {
        let at = *next;
        *next += d.attributes().count();
        Some((d, at))
    })
}

/// A few `datetime` values, made once each.
#[cfg(feature = "cedar")]
#[derive(Debug, Default)]
struct DateCache(Mutex<Vec<(NaiveDate, RestrictedExpression)>>);

#[cfg(feature = "cedar")]
impl DateCache {
    const SIZE: usize = 16;

    fn get(&self, day: NaiveDate) -> RestrictedExpression {
        let Ok(mut cache) = self.0.lock() else { return RestrictedExpression::new_datetime(day.to_string()) };
        if let Some((_, e)) = cache.iter().find(|(d, _)| *d == day) {
            return e.clone();
        }
        let made = RestrictedExpression::new_datetime(day.to_string());
        if cache.len() >= Self::SIZE {
            cache.clear();
        }
        cache.push((day, made.clone()));
        made
    }
}

#[cfg(feature = "cedar")]
impl Clone for DateCache {
    fn clone(&self) -> Self {
        DateCache::default()
    }
}

/// Whole calendar months from `from` to `to`: 2024-02-01 → 2026-01-31 is 23, → 2026-02-01 is 24.
pub(crate) fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    let months = i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    match (months > 0 && to.day() < from.day(), months < 0 && to.day() > from.day()) {
        (true, _) => months - 1,
        (_, true) => months + 1,
        _ => months,
    }
}

/// The entity types of the requester, the actions and the resource.
pub(crate) const REQUESTER: &str = "Requester";
/// See [`REQUESTER`].
pub(crate) const ACTION: &str = "Action";

/// The action entity of a request of `kind`: `Action::"<kind>"`.
pub(crate) fn action_of(kind: &str) -> EntityRef<'_> {
    EntityRef { ty: Cow::Borrowed(ACTION), id: Cow::Borrowed(kind) }
}
/// See [`REQUESTER`].
pub(crate) const RESOURCE: &str = "Resource";

/// The entity types of the requester, the actions and the resource, read off one policy:
/// Cedar's parser builds its lexer anew for every text it reads, so one text naming all
/// three is read with one lexer instead of three, and with the grammar the policies were
/// just read with (each is code a cold WebAssembly start compiles first; BENCHMARKS.md).
#[cfg(feature = "cedar")]
fn type_names() -> Result<[EntityTypeName; 3], Error> {
    let scope = format!(r#"permit (principal is {REQUESTER}, action == {ACTION}::"any", resource is {RESOURCE});"#);
    let set = PolicySet::from_str(&scope).map_err(|e| Error::Evaluation(e.to_string()))?;
    let constraints =
        set.policies().next().map(|p| (p.principal_constraint(), p.action_constraint(), p.resource_constraint()));
    match constraints {
        Some((PrincipalConstraint::Is(requester), ActionConstraint::Eq(action), ResourceConstraint::Is(resource))) => {
            Ok([requester, action.type_name().clone(), resource])
        }
        _ => Err(Error::Evaluation(format!("the entity types cannot be read off `{scope}`"))),
    }
}

#[cfg(feature = "cedar")]
fn uid(type_name: &EntityTypeName, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(type_name.clone(), EntityId::new(id))
}

#[cfg(test)]
#[cfg(feature = "cedar")]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test fails loudly")]

    use cedar_policy::Schema;
    use serde_json::{json, Value};

    use super::{whole_months, Builder, CedarNames};
    use crate::engine::Engine;
    use crate::request::Request;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_are_whole_calendar_months() {
        assert_eq!(whole_months(d("2024-02-01"), d("2026-01-31")), 23);
        assert_eq!(whole_months(d("2024-02-01"), d("2026-02-01")), 24);
        assert_eq!(whole_months(d("2024-01-31"), d("2024-02-29")), 0);
        assert_eq!(whole_months(d("2024-01-31"), d("2024-03-31")), 2);
        assert_eq!(whole_months(d("2026-05-10"), d("2026-03-11")), -1);
        assert_eq!(whole_months(d("2026-05-10"), d("2026-05-10")), 0);
    }

    /// Every text of a value blanked.
    fn blanked(v: &Value) -> Value {
        match v {
            Value::String(_) => json!(" "),
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), blanked(v))).collect()),
            other => other.clone(),
        }
    }

    /// What the engine builds from a request conforms to the schema it makes from the same
    /// vocabulary, for every field given (and every text blank) or none: the reason a
    /// check need not ask Cedar to check its input against the schema.
    #[test]
    fn the_schema_made_from_a_vocabulary_admits_every_request_it_reads() {
        for j in crate::builtin_jurisdictions() {
            let engine = Engine::builtin(j).unwrap();
            let vocabulary = engine.vocabulary().clone();
            let schema = Schema::from_cedarschema_str(&vocabulary.schema()).unwrap().0;
            let reader = Builder::new(vocabulary.clone());
            let checked = CedarNames::new(&vocabulary, Some(&schema), true).unwrap();
            let full = crate::impact::populated_request(&vocabulary);
            for kind in vocabulary.kinds() {
                for parts in [full.clone(), blanked(&full), json!({})] {
                    let mut request = parts.clone();
                    request["jurisdiction"] = json!(j);
                    request["kind"] = json!(kind.kind);
                    // Texts blanked leave enums and dates invalid: those stay as given.
                    let request = Request::from_value(request).unwrap();
                    let built = checked.build(&reader, &request, d("2026-03-02"), engine.calendar());
                    match (&parts, built) {
                        (_, Ok(_)) => {}
                        (p, Err(crate::Error::InvalidRequest { .. })) if p != &full && p != &json!({}) => {}
                        (_, Err(e)) => panic!("{j} {}: {e}", kind.kind),
                    }
                }
            }
        }
    }

    fn context_of(request: Value) -> Value {
        let engine = Engine::builtin("suining").unwrap();
        let request = Request::from_value(request).unwrap();
        let (input, _) = engine.cedar_input(&request).unwrap();
        input.request.context().unwrap().to_json_value().unwrap()
    }

    #[test]
    fn defaults_blanks_and_derived_values_follow_the_declarations() {
        let context = context_of(json!({"jurisdiction":"suining","kind":"operate","date":"2026-03-02",
            "application":{"scenario":"  ","agreementStart":"2024-02-29","commitment":true}}));
        assert_eq!(context["commitment"], json!(true));
        assert_eq!(context["thirdPartyTransfer"], json!(false), "a bool defaults to false");
        assert!(context.get("scenario").is_none(), "blank text is absent");
        assert!(context.get("aggregated").is_none(), "an optional bool stays absent");
        assert_eq!(context["agreementStartMonths"], json!(24));
        assert_eq!(context["agreementStartDays"], json!(732));
        assert_eq!(context["date"], json!({"__extn": {"fn": "datetime", "arg": "2026-03-02"}}));
    }

    #[test]
    fn an_unreadable_field_is_named_by_its_pointer() {
        let engine = Engine::builtin("ganzi").unwrap();
        let error_at = |v: Value| {
            let request = Request::from_value(v).unwrap();
            match engine.check(&request) {
                Err(crate::Error::InvalidRequest { field, message }) => (field, message.en),
                other => panic!("{other:?}"),
            }
        };
        let base = |patch: Value| {
            let mut r = json!({"jurisdiction":"ganzi","kind":"share","date":"2026-03-02"});
            json_patch::merge(&mut r, &patch);
            r
        };
        assert_eq!(error_at(base(json!({"kind": "lend"}))).0, "/kind");
        assert_eq!(error_at(base(json!({"resource": {"flags": ["personal_info", "secret"]}}))).0, "/resource/flags/1");
        assert_eq!(
            error_at(base(json!({"application": {"catalog": {"colour": "x"}}}))).0,
            "/application/catalog/colour"
        );
        let (field, message) = error_at(base(json!({"requester": {"securityLevel": 6}})));
        assert_eq!((field.as_str(), message.contains("from 1 to 5")), ("/requester/securityLevel", true), "{message}");
        let (field, message) = error_at(base(json!({"application": {"commitment": "yes"}})));
        assert_eq!(field, "/application/commitment");
        assert!(message.contains("expected a boolean"), "{message}");
    }

    /// Of several unreadable values the first the pack declares is named, and an unknown key
    /// before any of them, whatever the order of the keys (`serde_json` keeps them as given:
    /// the crate asks for `preserve_order`).
    #[test]
    fn of_several_unreadable_fields_the_first_declared_is_named() {
        let engine = Engine::builtin("ganzi").unwrap();
        let booleans: Vec<&crate::Field> = engine
            .vocabulary()
            .section(2)
            .iter()
            .filter(|f| f.spec.field_type == crate::pack::FieldType::Bool && !f.spec.entity_id)
            .collect();
        // Two booleans, the first declared named after the second, given second; the
        // unknown key is given last and sorts last (`~` is after every letter).
        let (first, second) = booleans
            .iter()
            .enumerate()
            .find_map(|(i, a)| Some((*a, *booleans.iter().skip(i + 1).find(|b| b.name < a.name)?)))
            .expect("the context declares its booleans out of the order of their names");
        let request = |extra: Option<&str>| {
            let mut application = serde_json::Map::new();
            application.insert(second.name.clone(), json!("x"));
            application.insert(first.name.clone(), json!("x"));
            application.extend(extra.map(|k| (k.to_owned(), json!(1))));
            let r = json!({"jurisdiction":"ganzi","kind":"share","date":"2026-03-02","application":application});
            engine.check(&Request::from_value(r).unwrap())
        };
        match request(None) {
            Err(crate::Error::InvalidRequest { field, .. }) => assert_eq!(field, first.spec.field),
            other => panic!("{other:?}"),
        }
        match request(Some("~unknown")) {
            Err(crate::Error::InvalidRequest { field, .. }) => assert_eq!(field, "/application/~0unknown"),
            other => panic!("{other:?}"),
        }
    }
}

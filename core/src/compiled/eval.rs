//! Evaluates compiled policies on a request, with Cedar's semantics: `&&`, `||` and
//! `if` evaluate only the operand they need, any other operator on a value of the wrong
//! type is an error, arithmetic that overflows is an error, and a policy whose condition
//! errs neither permits nor forbids but is reported.

use std::borrow::Cow;

use super::ir::{BinOp, CompiledPolicy, Effect, Expr, PatternElem, Var};
use super::value::{EntityRef, Value};

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError(pub String);

/// A request as the compiled policies read it: the principal and the resource with their
/// attributes, the action and the context. Entities have no parents: the engine's input
/// gives none (its actions are never grouped: the schema made from a pack's vocabulary has
/// no action groups), so `in` is equality.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    principal: Value<'a>,
    action: Value<'a>,
    resource: Value<'a>,
    /// The context's attributes, read as an entity's are: policies read `context.x` and
    /// `context has x`, which need no record made (collecting one into a map was a
    /// twentieth of a check); `context` itself is made a record only when read whole.
    context: Attributes<'a>,
    entities: Vec<(EntityRef<'a>, Attributes<'a>)>,
}

/// The attributes of an entity or of the context, each in its slot. A section's names are
/// fixed when the engine is made (the vocabulary's fields, their derived values, the
/// context's date), so a policy's `principal.x` resolved to a slot then
/// ([`CompiledPolicy::prepared`]) reads its value without comparing a name: finding
/// attributes by name was a third of deciding. The names are the engine's, borrowed, and
/// so are the values a slot has when nothing is given for it: read through, not copied
/// into each request's slots (a compiled check is 4–10 % quicker without the copies).
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    names: &'a [String],
    defaults: &'a [Option<Value<'static>>],
    values: Vec<Option<Value<'a>>>,
}

impl<'a> Attributes<'a> {
    /// Attributes named `names`, none given yet.
    #[cfg(test)]
    pub fn new(names: &'a [String]) -> Attributes<'a> {
        Attributes::with_defaults(names, &[])
    }

    /// Attributes named `names`, none given yet; a slot not given has its value in
    /// `defaults` (by slot), if any.
    pub fn with_defaults(names: &'a [String], defaults: &'a [Option<Value<'static>>]) -> Attributes<'a> {
        Attributes { names, defaults, values: names.iter().map(|_| None).collect() }
    }

    /// Gives the attribute in `slot` its value; a later value replaces an earlier one.
    pub fn set(&mut self, slot: usize, value: Value<'a>) {
        if let Some(at) = self.values.get_mut(slot) {
            *at = Some(value);
        }
    }

    fn slot(&self, slot: usize) -> Option<&Value<'a>> {
        match self.values.get(slot) {
            Some(Some(value)) => Some(value),
            _ => self.defaults.get(slot)?.as_ref(),
        }
    }

    /// The name of the attribute in `slot`.
    fn name(&self, slot: usize) -> &str {
        self.names.get(slot).map_or("", String::as_str)
    }

    fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.slot(self.names.iter().position(|n| n == name)?)
    }

    fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The attributes given, with their names, in slot order.
    pub fn given(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.names.iter().enumerate().filter_map(|(i, n)| Some((n.as_str(), self.slot(i)?)))
    }
}

impl<'a> Input<'a> {
    /// The input of a principal and a resource (each its name and attributes), an action
    /// and a context.
    pub fn new(
        principal: (EntityRef<'a>, Attributes<'a>),
        action: EntityRef<'a>,
        resource: (EntityRef<'a>, Attributes<'a>),
        context: Attributes<'a>,
    ) -> Input<'a> {
        Input {
            principal: Value::Entity(principal.0.clone()),
            action: Value::Entity(action),
            resource: Value::Entity(resource.0.clone()),
            context,
            entities: vec![principal, resource],
        }
    }

    fn attrs(&self, uid: &EntityRef<'_>) -> Option<&Attributes<'a>> {
        // `principal.x` and `resource.x`, most of what policies read, reach here with the
        // variable's own name: found by its address, without comparing names.
        let own = |v: &Value<'_>| matches!(v, Value::Entity(u) if std::ptr::eq(u, uid));
        if own(&self.principal) {
            self.slots_of(Var::Principal)
        } else if own(&self.resource) {
            self.slots_of(Var::Resource)
        } else {
            self.entities.iter().find(|(u, _)| u == uid).map(|(_, a)| a)
        }
    }

    /// The attributes a variable's slots index: the principal's, the resource's or the
    /// context's.
    fn slots_of(&self, var: Var) -> Option<&Attributes<'a>> {
        match var {
            Var::Principal => self.entities.first().map(|(_, a)| a),
            Var::Resource => self.entities.get(1).map(|(_, a)| a),
            Var::Context => Some(&self.context),
            Var::Action => None,
        }
    }
}

/// What a set of policies decides on one input; `T` is what each policy was given with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision<'p, T> {
    /// Whether the request is allowed: some permit holds and no forbid does.
    pub allow: bool,
    /// The policies that determined it: the forbids that hold when one does, else the
    /// permits that hold (none when nothing permits), in the order given.
    pub reasons: Vec<&'p T>,
    /// The policies whose condition erred, with why.
    pub errors: Vec<(&'p T, EvalError)>,
}

/// Decides `input` by `policies` (each with what names it to the caller), as Cedar's
/// authorizer does.
pub fn decide<'p, T>(
    policies: impl IntoIterator<Item = (&'p T, &'p CompiledPolicy)>,
    input: &Input<'_>,
) -> Decision<'p, T> {
    let (mut permits, mut forbids, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (tag, policy) in policies {
        match holds(&policy.condition, input) {
            Ok(true) if policy.effect == Effect::Permit => permits.push(tag),
            Ok(true) => forbids.push(tag),
            Ok(false) => {}
            Err(e) => errors.push((tag, e)),
        }
    }
    match (forbids.is_empty(), permits.is_empty()) {
        (false, _) => Decision { allow: false, reasons: forbids, errors },
        (true, false) => Decision { allow: true, reasons: permits, errors },
        (true, true) => Decision { allow: false, reasons: Vec::new(), errors },
    }
}

/// Whether a condition holds: a value other than a boolean is an error. The operators
/// whose value is a boolean are decided here without making one (a value moved out of
/// every `&&` was most of the evaluator's own time); anything else is evaluated and
/// must be a boolean, as Cedar requires of a condition and of each operand of `&&`,
/// `||` and `!`. The last operand of `&&` and `||`, the branch `if` takes and the operand
/// of `!` are followed in a loop rather than by a call: a condition is mostly a chain of
/// `&&`, and the calls' entries and exits were about 30 % of deciding (BENCHMARKS.md).
pub fn holds(mut expr: &Expr, input: &Input<'_>) -> Result<bool, EvalError> {
    let mut negated = false;
    loop {
        let value = match expr {
            Expr::Not(e) => {
                negated = !negated;
                expr = e;
                continue;
            }
            Expr::And(a, b) if holds(a, input)? => {
                expr = b;
                continue;
            }
            Expr::And(..) => false,
            Expr::Or(a, b) if !holds(a, input)? => {
                expr = b;
                continue;
            }
            Expr::Or(..) => true,
            Expr::If(c, a, b) => {
                expr = if holds(c, input)? { a } else { b };
                continue;
            }
            Expr::Lit(Value::Bool(b)) => *b,
            Expr::HasAttr(e, attr) => has_attr(e, attr, input)?,
            Expr::HasSlot(var, slot) => input.slots_of(*var).and_then(|a| a.slot(*slot)).is_some(),
            Expr::Slot(var, slot) => boolean(slot_value(input, *var, *slot)?)?,
            Expr::Binary(op, a, b) => {
                // Most operands are a literal or an attribute in its slot: compared where they
                // are, by reference, not each made a value first (the moves of those values
                // were the hottest instructions of a condition's evaluation).
                match (borrowed(a, input), borrowed(b, input)) {
                    (Some(x), Some(y)) => test(*op, x?, y?)?,
                    _ => test(*op, eval(a, input)?.as_ref(), eval(b, input)?.as_ref())?,
                }
            }
            _ => boolean(eval(expr, input)?.as_ref())?,
        };
        return Ok(value != negated);
    }
}

/// The value of a literal or of an attribute in its slot, by reference, without evaluating
/// anything: `None` for any other expression.
fn borrowed<'a>(expr: &'a Expr, input: &'a Input<'_>) -> Option<Result<&'a Value<'a>, EvalError>> {
    match expr {
        Expr::Lit(v) => Some(Ok(v)),
        Expr::Slot(var, slot) => Some(slot_value(input, *var, *slot)),
        _ => None,
    }
}

/// `principal.x`, `resource.x` or `context.x` of the attribute in `slot`.
fn slot_value<'i, 'a>(input: &'i Input<'a>, var: Var, slot: usize) -> Result<&'i Value<'a>, EvalError> {
    match input.slots_of(var) {
        Some(a) => a.slot(slot).ok_or_else(|| no_attribute(a.name(slot))),
        None => Err(no_attribute("")),
    }
}

/// `e has attr`.
fn has_attr(e: &Expr, attr: &str, input: &Input<'_>) -> Result<bool, EvalError> {
    if matches!(e, Expr::Var(Var::Context)) {
        return Ok(input.context.contains_key(attr));
    }
    match eval(e, input)?.as_ref() {
        Value::Record(m) => Ok(m.contains_key(attr)),
        Value::Entity(uid) => Ok(input.attrs(uid).is_some_and(|m| m.contains_key(attr))),
        other => Err(type_error("entity or record", other)),
    }
}

type Evaluated<'a> = Result<Cow<'a, Value<'a>>, EvalError>;

fn type_error(expected: &str, found: &Value<'_>) -> EvalError {
    EvalError(format!("type error: expected {expected}, found {}", found.type_name()))
}

fn boolean(v: &Value<'_>) -> Result<bool, EvalError> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(type_error("bool", other)),
    }
}

fn long(v: &Value<'_>) -> Result<i64, EvalError> {
    match v {
        Value::Long(n) => Ok(*n),
        other => Err(type_error("long", other)),
    }
}

fn set<'v, 'a>(v: &'v Value<'a>) -> Result<&'v [Value<'a>], EvalError> {
    match v {
        Value::Set(items) => Ok(items),
        other => Err(type_error("set", other)),
    }
}

fn entity<'v, 'a>(v: &'v Value<'a>) -> Result<&'v EntityRef<'a>, EvalError> {
    match v {
        Value::Entity(uid) => Ok(uid),
        other => Err(type_error("entity", other)),
    }
}

fn overflow(op: &str) -> EvalError {
    EvalError(format!("integer overflow in `{op}`"))
}

/// Evaluates an expression; values read from the input are borrowed, not copied.
pub fn eval<'a>(expr: &'a Expr, input: &'a Input<'a>) -> Evaluated<'a> {
    let owned = |v: Value<'a>| Ok(Cow::Owned(v));
    match expr {
        Expr::Lit(v) => Ok(Cow::Borrowed(v)),
        Expr::Var(var) => Ok(match var {
            Var::Principal => Cow::Borrowed(&input.principal),
            Var::Action => Cow::Borrowed(&input.action),
            Var::Resource => Cow::Borrowed(&input.resource),
            Var::Context => {
                Cow::Owned(Value::record(input.context.given().map(|(k, v)| Ok((Cow::Borrowed(k), v.clone()))))?)
            }
        }),
        Expr::Not(_) | Expr::And(..) | Expr::Or(..) | Expr::HasAttr(..) | Expr::HasSlot(..) => {
            owned(Value::Bool(holds(expr, input)?))
        }
        Expr::Neg(e) => owned(Value::Long(long(eval(e, input)?.as_ref())?.checked_neg().ok_or_else(|| overflow("-"))?)),
        Expr::If(c, a, b) => match holds(c, input)? {
            true => eval(a, input),
            false => eval(b, input),
        },
        Expr::Binary(op, a, b) => {
            let (a, b) = (eval(a, input)?, eval(b, input)?);
            binary(*op, &a, &b).map(Cow::Owned)
        }
        Expr::GetAttr(e, attr) if matches!(**e, Expr::Var(Var::Context)) => {
            input.context.get(attr).map(Cow::Borrowed).ok_or_else(|| no_attribute(attr))
        }
        Expr::GetAttr(e, attr) => get_attr(eval(e, input)?, attr, input),
        Expr::Slot(var, slot) => slot_value(input, *var, *slot).map(Cow::Borrowed),
        Expr::Like(e, pattern) => match eval(e, input)?.as_ref() {
            Value::Str(s) => owned(Value::Bool(matches(&s.chars().collect::<Vec<_>>(), pattern))),
            other => Err(type_error("string", other)),
        },
        Expr::Is(e, ty) => owned(Value::Bool(entity(eval(e, input)?.as_ref())?.ty == ty.as_str())),
        Expr::IsEmpty(e) => owned(Value::Bool(set(eval(e, input)?.as_ref())?.is_empty())),
        Expr::Set(items) => {
            let items = items.iter().map(|i| eval(i, input).map(Cow::into_owned)).collect::<Result<_, _>>()?;
            owned(Value::Set(items))
        }
        Expr::Record(fields) => owned(Value::record(
            fields.iter().map(|(k, v)| Ok((Cow::Borrowed(k.as_str()), eval(v, input)?.into_owned()))),
        )?),
    }
}

fn get_attr<'a>(of: Cow<'a, Value<'a>>, attr: &str, input: &'a Input<'a>) -> Evaluated<'a> {
    match of {
        Cow::Borrowed(Value::Record(m)) => m.get(attr).map(Cow::Borrowed).ok_or_else(|| no_attribute(attr)),
        // Taken by iterating, not `remove`: a B-tree's removal (rebalancing its nodes) would be
        // about 5 KB of the forms module for a record literal's attribute, which no policy reads.
        Cow::Owned(Value::Record(m)) => {
            m.into_iter().find_map(|(k, v)| (k == attr).then_some(v)).map(Cow::Owned).ok_or_else(|| no_attribute(attr))
        }
        Cow::Borrowed(Value::Entity(uid)) => entity_attr(input, uid, attr),
        Cow::Owned(Value::Entity(uid)) => entity_attr(input, &uid, attr),
        other => Err(type_error("entity or record", &other)),
    }
}

fn entity_attr<'a>(input: &'a Input<'a>, uid: &EntityRef<'_>, attr: &str) -> Evaluated<'a> {
    let attrs =
        input.attrs(uid).ok_or_else(|| EvalError(format!("entity `{}::\"{}\"` does not exist", uid.ty, uid.id)))?;
    attrs.get(attr).map(Cow::Borrowed).ok_or_else(|| no_attribute(attr))
}

/// Reading an attribute a record or an entity does not have.
fn no_attribute(attr: &str) -> EvalError {
    EvalError(format!("no attribute `{attr}`"))
}

fn binary(op: BinOp, a: &Value<'_>, b: &Value<'_>) -> Result<Value<'static>, EvalError> {
    let arithmetic = |f: fn(i64, i64) -> Option<i64>, name: &str| {
        f(long(a)?, long(b)?).map(Value::Long).ok_or_else(|| overflow(name))
    };
    match op {
        BinOp::Add => arithmetic(i64::checked_add, "+"),
        BinOp::Sub => arithmetic(i64::checked_sub, "-"),
        BinOp::Mul => arithmetic(i64::checked_mul, "*"),
        _ => test(op, a, b).map(Value::Bool),
    }
}

/// An operator applied to its operands' values where a boolean is wanted: `+`, `-` and
/// `*`, whose values are [`binary`]'s, are a type error there.
fn test(op: BinOp, a: &Value<'_>, b: &Value<'_>) -> Result<bool, EvalError> {
    let compare = |a: &Value<'_>, b: &Value<'_>| match (a, b) {
        (Value::Long(x), Value::Long(y)) | (Value::DateTime(x), Value::DateTime(y)) => Ok(x.cmp(y)),
        (Value::Long(_) | Value::DateTime(_), other) => Err(type_error(a.type_name(), other)),
        (other, _) => Err(type_error("long or datetime", other)),
    };
    Ok(match op {
        BinOp::Eq => a.equals(b),
        BinOp::NotEq => !a.equals(b),
        BinOp::Less => compare(a, b)?.is_lt(),
        BinOp::LessEq => compare(a, b)?.is_le(),
        BinOp::Greater => compare(a, b)?.is_gt(),
        BinOp::GreaterEq => compare(a, b)?.is_ge(),
        BinOp::Contains => set(a)?.iter().any(|x| x.equals(b)),
        BinOp::ContainsAll => {
            let (a, b) = (set(a)?, set(b)?);
            b.iter().all(|y| a.iter().any(|x| x.equals(y)))
        }
        BinOp::ContainsAny => {
            let (a, b) = (set(a)?, set(b)?);
            b.iter().any(|y| a.iter().any(|x| x.equals(y)))
        }
        BinOp::In => {
            let member = entity(a)?;
            // No entity has parents: `in` holds of the entity itself only.
            match b {
                Value::Set(items) => {
                    let mut found = false;
                    for item in items {
                        found |= entity(item)? == member;
                    }
                    found
                }
                other => entity(other)? == member,
            }
        }
        BinOp::Add | BinOp::Sub | BinOp::Mul => boolean(&binary(op, a, b)?)?,
    })
}

/// Whether `text` matches a `like` pattern: `*` matches any run of characters.
fn matches(text: &[char], pattern: &[PatternElem]) -> bool {
    // The last `*` seen and where in the text it was tried up to: on a mismatch, let it
    // take one more character (linear backtracking, as for a glob).
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(PatternElem::Wildcard) => {
                star = Some((p, t));
                p += 1;
            }
            Some(PatternElem::Char(c)) if text.get(t) == Some(c) => {
                t += 1;
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    star = Some((sp, st + 1));
                    p = sp + 1;
                    t = st + 1;
                }
                None => return false,
            },
        }
    }
    pattern.iter().skip(p).all(|e| *e == PatternElem::Wildcard)
}

#[cfg(test)]
mod tests {
    use super::{eval, holds, matches, Attributes, EntityRef, EvalError, Expr, Input, Value, Var};
    use crate::compiled::ir::{BinOp, PatternElem};

    #[test]
    fn a_name_given_twice_reads_as_its_last_value_alone_and_in_the_whole_record() {
        let names = ["a".to_owned(), "b".to_owned()];
        let mut context = Attributes::new(&names);
        context.set(0, Value::Long(1));
        context.set(1, Value::Long(3));
        context.set(0, Value::Long(2));
        assert!(matches!(context.get("a"), Some(Value::Long(2))));
        assert!(context.get("ab").is_none() && context.get("").is_none());
        let name = |ty: &'static str| EntityRef { ty: ty.into(), id: "x".into() };
        let none = || Attributes::new(&[]);
        let input = Input::new((name("P"), none()), name("A"), (name("R"), none()), context);
        let attr = Expr::GetAttr(Box::new(Expr::Var(Var::Context)), "a".into());
        assert!(matches!(eval(&attr, &input).as_deref(), Ok(Value::Long(2))));
        let whole = eval(&Expr::Var(Var::Context), &input).map(|v| v.into_owned());
        assert!(matches!(&whole, Ok(Value::Record(m)) if m.len() == 2 && matches!(m.get("a"), Some(Value::Long(2)))));
    }

    #[test]
    fn a_slot_not_given_reads_its_default_and_a_value_given_replaces_it() {
        let names = ["flag".to_owned(), "tags".to_owned(), "note".to_owned()];
        let defaults = [Some(Value::Bool(false)), Some(Value::Set(Vec::new())), None];
        let mut context = Attributes::with_defaults(&names, &defaults);
        assert!(matches!(context.get("flag"), Some(Value::Bool(false))));
        assert!(context.get("note").is_none() && !context.contains_key("note"));
        context.set(0, Value::Bool(true));
        let given: Vec<(&str, &Value<'_>)> = context.given().collect();
        assert!(matches!(given.as_slice(), [("flag", Value::Bool(true)), ("tags", Value::Set(t))] if t.is_empty()));
        let name = |ty: &'static str| EntityRef { ty: ty.into(), id: "x".into() };
        let none = || Attributes::new(&[]);
        let input = Input::new((name("P"), none()), name("A"), (name("R"), none()), context);
        let has = |attr: &str| holds(&Expr::HasAttr(Box::new(Expr::Var(Var::Context)), attr.into()), &input);
        assert_eq!((has("flag"), has("tags"), has("note")), (Ok(true), Ok(true), Ok(false)));
        let whole = eval(&Expr::Var(Var::Context), &input).map(|v| v.into_owned());
        assert!(
            matches!(&whole, Ok(Value::Record(m)) if m.len() == 2 && matches!(m.get("flag"), Some(Value::Bool(true))))
        );
    }

    #[test]
    fn an_operator_decides_the_same_on_operands_read_in_place_and_on_operands_evaluated() {
        let names = ["a".to_owned(), "b".to_owned()];
        let mut context = Attributes::new(&names);
        context.set(0, Value::Long(1));
        let name = |ty: &'static str| EntityRef { ty: ty.into(), id: "x".into() };
        let none = || Attributes::new(&[]);
        let input = Input::new((name("P"), none()), name("A"), (name("R"), none()), context);
        // `context.a` in its slot (read in place) and the same by name (evaluated).
        let slot = |i: usize| Expr::Slot(Var::Context, i);
        let named = |n: &str| Expr::GetAttr(Box::new(Expr::Var(Var::Context)), n.into());
        let lit = |v: Value<'static>| Expr::Lit(v);
        let op = |op: BinOp, a: Expr, b: Expr| Expr::Binary(op, Box::new(a), Box::new(b));
        // An operator, its operands around `context.a`, and what it should decide.
        type Operands = fn(Expr) -> (Expr, Expr);
        let cases: [(BinOp, Operands, Result<bool, &str>); 5] = [
            (BinOp::Eq, |a| (a, Expr::Lit(Value::Long(1))), Ok(true)),
            (BinOp::NotEq, |a| (a, Expr::Lit(Value::Long(1))), Ok(false)),
            (BinOp::Less, |a| (a, Expr::Lit(Value::Str("x".into()))), Err("type error: expected long, found string")),
            (BinOp::Contains, |a| (Expr::Lit(Value::Set(vec![Value::Long(2), Value::Long(1)])), a), Ok(true)),
            (BinOp::GreaterEq, |a| (Expr::Lit(Value::Long(0)), a), Ok(false)),
        ];
        for (o, operands, expected) in cases {
            let (in_place, evaluated) = (operands(slot(0)), operands(named("a")));
            let decided = holds(&op(o, in_place.0, in_place.1), &input);
            assert_eq!(decided.clone().map_err(|e| e.0), expected.map_err(str::to_owned), "{o:?}");
            assert_eq!(decided, holds(&op(o, evaluated.0, evaluated.1), &input), "{o:?}");
        }
        // An attribute not given is the same error either way, before the other operand.
        let missing = holds(&op(BinOp::Eq, slot(1), lit(Value::Long(1))), &input);
        assert_eq!(missing, Err(EvalError("no attribute `b`".into())));
        assert_eq!(missing, holds(&op(BinOp::Eq, named("b"), slot(1)), &input));
        // Arithmetic as a condition is a type error, or its own error first.
        let sum = |b: i64| op(BinOp::Add, slot(0), lit(Value::Long(b)));
        assert_eq!(holds(&sum(1), &input), Err(EvalError("type error: expected bool, found long".into())));
        assert_eq!(holds(&sum(i64::MAX), &input), Err(EvalError("integer overflow in `+`".into())));
        // An attribute read alone as a condition must be a boolean.
        assert_eq!(holds(&slot(0), &input), Err(EvalError("type error: expected bool, found long".into())));
    }

    fn pattern(s: &str) -> Vec<PatternElem> {
        s.chars().map(|c| if c == '*' { PatternElem::Wildcard } else { PatternElem::Char(c) }).collect()
    }

    #[test]
    fn like_matches_as_a_glob() {
        let m = |t: &str, p: &str| matches(&t.chars().collect::<Vec<_>>(), &pattern(p));
        assert!(m("甘孜州卫生", "甘孜*"));
        assert!(m("abcbd", "a*bd"));
        assert!(m("", "*"));
        assert!(!m("abc", "a*d"));
        assert!(!m("ab", "abc"));
        assert!(m("abc", "*b*"));
    }
}

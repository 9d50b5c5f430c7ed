//! A compiled policy set: each policy's effect and its whole condition (scope included) as
//! one expression tree over plain values.

use serde::{Deserialize, Serialize};

use super::value::Value;

/// The four variables of a Cedar request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    /// `principal`
    Principal,
    /// `action`
    Action,
    /// `resource`
    Resource,
    /// `context`
    Context,
}

impl Var {
    /// Every variable: what a Cedar policy's variable is compiled from.
    #[cfg(feature = "cedar")]
    pub const ALL: [Var; 4] = [Var::Principal, Var::Action, Var::Resource, Var::Context];

    /// The variable's name in Cedar's syntax.
    pub fn name(self) -> &'static str {
        match self {
            Var::Principal => "principal",
            Var::Action => "action",
            Var::Resource => "resource",
            Var::Context => "context",
        }
    }
}

/// The binary operators that evaluate both operands (`&&` and `||` short-circuit and have
/// their own nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `in` (entity membership)
    In,
    /// `<`
    Less,
    /// `<=`
    LessEq,
    /// `>`
    Greater,
    /// `>=`
    GreaterEq,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `.contains(…)`
    Contains,
    /// `.containsAll(…)`
    ContainsAll,
    /// `.containsAny(…)`
    ContainsAny,
}

/// One element of a `like` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElem {
    /// A character that must be there.
    Char(char),
    /// `*`: any run of characters.
    Wildcard,
}

/// An expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A literal value (a `datetime("…")` of a literal is folded into one when compiled).
    Lit(Value<'static>),
    /// A request variable.
    Var(Var),
    /// `!e`
    Not(Box<Expr>),
    /// `-e`
    Neg(Box<Expr>),
    /// `a && b`: `b` is evaluated only when `a` is true.
    And(Box<Expr>, Box<Expr>),
    /// `a || b`: `b` is evaluated only when `a` is false.
    Or(Box<Expr>, Box<Expr>),
    /// A binary operator.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `e.attr`
    GetAttr(Box<Expr>, String),
    /// `e has attr`
    HasAttr(Box<Expr>, String),
    /// `principal.x`, `resource.x` or `context.x` of an attribute the engine gives each
    /// request in a slot: the slot, resolved when the engine is made
    /// ([`CompiledPolicy::prepared`]), never written to a compiled pack.
    Slot(Var, usize),
    /// `principal has x` (and of `resource` and `context`) of such an attribute.
    HasSlot(Var, usize),
    /// `e like "…"`
    Like(Box<Expr>, Vec<PatternElem>),
    /// `e is Type`
    Is(Box<Expr>, String),
    /// `e.isEmpty()`
    IsEmpty(Box<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `[a, b, …]`
    Set(Vec<Expr>),
    /// `{k: v, …}`
    Record(Vec<(String, Expr)>),
}

/// Whether a policy permits or forbids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// `permit`
    Permit,
    /// `forbid`
    Forbid,
}

/// One compiled policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompiledPolicy {
    /// The policy's id (its `@id`).
    pub id: String,
    /// `permit` or `forbid`.
    pub effect: Effect,
    /// The ids of the actions its scope names (`action == …`, `action in […]`), `None`
    /// when it names none: which kinds of request it is written for.
    pub actions: Option<Vec<String>>,
    /// The scope and every `when`/`unless` clause joined by `&&`, in Cedar's order;
    /// written as its tokens (`tokens.rs`).
    #[serde(serialize_with = "super::tokens::write", deserialize_with = "super::tokens::read")]
    pub condition: Expr,
}

impl CompiledPolicy {
    /// What the scope says of a request of `kind`, as the Cedar engine's `policies_for`
    /// reads it: `None` when it names no action (a check of every request), else whether
    /// it names the kind or an action that is no kind (a group, kept for every kind).
    pub fn names_kind(&self, kind: &str, is_kind: impl Fn(&str) -> bool) -> Option<bool> {
        let actions = self.actions.as_ref()?;
        Some(actions.iter().any(|a| a == kind || !is_kind(a)))
    }

    /// The policy as an engine evaluates it, made in one walk of its condition:
    ///
    /// - with `action` (the kind's, when the engine keeps policies by kind), each
    ///   `action == …` and `action in …` of literals among the conditions its top-level `&&`
    ///   joins is replaced by its value. Such a comparison never errs, so the policy decides
    ///   every request with that action as before, with less to evaluate;
    /// - each `principal.x`, `resource.x` and `context.x` (and `… has x`) of an attribute
    ///   that `slot` finds is replaced by a read of its slot. An attribute `slot` does not
    ///   find (one the vocabulary does not declare) is still read by name: the same value,
    ///   or the same error, either way;
    /// - each set and record of literals is made a value once rather than at every
    ///   evaluation (which built it and copied its texts each time).
    pub fn prepared(&self, action: Option<&Value<'_>>, slot: &impl Fn(Var, &str) -> Option<usize>) -> CompiledPolicy {
        CompiledPolicy {
            id: self.id.clone(),
            effect: self.effect,
            actions: self.actions.clone(),
            condition: prepare(&self.condition, action, slot),
        }
    }
}

/// The value of a literal.
fn literal(expr: &Expr) -> Option<Value<'static>> {
    match expr {
        Expr::Lit(v) => Some(v.clone()),
        _ => None,
    }
}

/// `expr` prepared (see [`CompiledPolicy::prepared`]); `action` is given only to the
/// conditions of the top-level `&&`.
fn prepare(expr: &Expr, action: Option<&Value<'_>>, slot: &impl Fn(Var, &str) -> Option<usize>) -> Expr {
    if let Some(folded) = action.and_then(|action| fold_action(expr, action)) {
        return folded;
    }
    let each = |e: &Expr| Box::new(prepare(e, None, slot));
    match expr {
        Expr::And(a, b) => Expr::And(Box::new(prepare(a, action, slot)), Box::new(prepare(b, action, slot))),
        Expr::GetAttr(e, attr) | Expr::HasAttr(e, attr) => {
            let found = match **e {
                Expr::Var(var) => slot(var, attr).map(|at| (var, at)),
                _ => None,
            };
            match (found, expr) {
                (Some((var, at)), Expr::GetAttr(..)) => Expr::Slot(var, at),
                (Some((var, at)), _) => Expr::HasSlot(var, at),
                (None, Expr::GetAttr(..)) => Expr::GetAttr(each(e), attr.clone()),
                (None, _) => Expr::HasAttr(each(e), attr.clone()),
            }
        }
        Expr::Lit(_) | Expr::Var(_) | Expr::Slot(..) | Expr::HasSlot(..) => expr.clone(),
        Expr::Not(e) => Expr::Not(each(e)),
        Expr::Neg(e) => Expr::Neg(each(e)),
        Expr::Or(a, b) => Expr::Or(each(a), each(b)),
        Expr::Binary(op, a, b) => Expr::Binary(*op, each(a), each(b)),
        Expr::Like(e, pattern) => Expr::Like(each(e), pattern.clone()),
        Expr::Is(e, ty) => Expr::Is(each(e), ty.clone()),
        Expr::IsEmpty(e) => Expr::IsEmpty(each(e)),
        Expr::If(c, a, b) => Expr::If(each(c), each(a), each(b)),
        Expr::Set(items) => {
            let items: Vec<Expr> = items.iter().map(|i| prepare(i, None, slot)).collect();
            match items.iter().map(literal).collect() {
                Some(values) => Expr::Lit(Value::Set(values)),
                None => Expr::Set(items),
            }
        }
        Expr::Record(fields) => {
            let fields: Vec<(String, Expr)> = fields.iter().map(|(k, v)| (k.clone(), prepare(v, None, slot))).collect();
            match Value::record(fields.iter().map(|(k, v)| literal(v).map(|v| (k.clone().into(), v)).ok_or(()))) {
                Ok(record) => Expr::Lit(record),
                Err(()) => Expr::Record(fields),
            }
        }
    }
}

/// The value of `expr` if it compares the action with literals (`action == …`, `action in
/// …`), for a request whose action is `action`.
fn fold_action(expr: &Expr, action: &Value<'_>) -> Option<Expr> {
    let entity = |v: &Value<'_>| matches!(v, Value::Entity(_));
    let Expr::Binary(op, a, b) = expr else { return None };
    let holds = match (op, a.as_ref(), b.as_ref()) {
        (BinOp::Eq, Expr::Var(Var::Action), Expr::Lit(v)) | (BinOp::Eq, Expr::Lit(v), Expr::Var(Var::Action)) => {
            action.equals(v)
        }
        (BinOp::In, Expr::Var(Var::Action), Expr::Lit(v)) if entity(v) => action.equals(v),
        (BinOp::In, Expr::Var(Var::Action), Expr::Lit(Value::Set(items))) if items.iter().all(entity) => {
            items.iter().any(|v| action.equals(v))
        }
        _ => return None,
    };
    Some(Expr::Lit(Value::Bool(holds)))
}

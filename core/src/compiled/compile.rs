//! From a Cedar policy to its compiled form, by way of Cedar's JSON syntax tree (EST,
//! `Policy::to_json`): a stable, documented format, read here node by node. A construct
//! the evaluator does not reproduce exactly is refused with the policy's id and the
//! construct, never translated approximately.

use serde_json::{Map, Value as Json};

use super::ir::{BinOp, CompiledPolicy, Effect, Expr, PatternElem, Var};
use super::value::{day_millis, EntityRef, Value};
use crate::limits::MAX_EXPRESSION_DEPTH;

/// Why a policy does not compile: the construct it uses, as Cedar's JSON names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

fn unsupported(what: impl std::fmt::Display) -> Unsupported {
    Unsupported(what.to_string())
}

/// Compiles one policy, `id` being the id it is known by.
pub fn compile(id: &str, policy: &cedar_policy::Policy) -> Result<CompiledPolicy, Unsupported> {
    let est = policy.to_json().map_err(|e| unsupported(format!("a policy without a JSON form ({e})")))?;
    compile_est(id, &est)
}

/// Compiles a policy's JSON syntax tree.
pub fn compile_est(id: &str, est: &Json) -> Result<CompiledPolicy, Unsupported> {
    let effect = match est.get("effect").and_then(Json::as_str) {
        Some("permit") => Effect::Permit,
        Some("forbid") => Effect::Forbid,
        other => return Err(unsupported(format!("effect {other:?}"))),
    };
    let action = field(est, "action")?;
    let actions = match action.get("op").and_then(Json::as_str) {
        Some("All") => None,
        _ => {
            let named = action.get("entities").and_then(Json::as_array).map(|l| l.iter().collect::<Vec<_>>());
            let named = named.unwrap_or_else(|| action.get("entity").into_iter().collect());
            Some(named.into_iter().map(|e| entity_ref(e).map(|e| e.id.into_owned())).collect::<Result<_, _>>()?)
        }
    };
    let mut parts = vec![
        scope(Var::Principal, field(est, "principal")?)?,
        scope(Var::Action, field(est, "action")?)?,
        scope(Var::Resource, field(est, "resource")?)?,
    ];
    for condition in est.get("conditions").and_then(Json::as_array).into_iter().flatten() {
        let body = expr(field(condition, "body")?)?;
        parts.push(match condition.get("kind").and_then(Json::as_str) {
            Some("when") => Some(body),
            Some("unless") => Some(Expr::Not(Box::new(body))),
            other => return Err(unsupported(format!("condition kind {other:?}"))),
        });
    }
    // Cedar joins the scope and the clauses with `&&`, left to right.
    let condition = parts
        .into_iter()
        .flatten()
        .reduce(|a, b| Expr::And(Box::new(a), Box::new(b)))
        .unwrap_or(Expr::Lit(Value::Bool(true)));
    if super::tokens::depth(&condition) > MAX_EXPRESSION_DEPTH {
        return Err(unsupported(format!("expressions nested more than {MAX_EXPRESSION_DEPTH} deep")));
    }
    Ok(CompiledPolicy { id: id.to_owned(), effect, actions, condition })
}

fn field<'j>(json: &'j Json, key: &str) -> Result<&'j Json, Unsupported> {
    json.get(key).ok_or_else(|| unsupported(format!("a node without `{key}`")))
}

fn text<'j>(json: &'j Json, key: &str) -> Result<&'j str, Unsupported> {
    field(json, key)?.as_str().ok_or_else(|| unsupported(format!("`{key}` that is not a string")))
}

/// One scope constraint as an expression, `None` for `principal` (any) and the like.
fn scope(var: Var, constraint: &Json) -> Result<Option<Expr>, Unsupported> {
    let v = || Box::new(Expr::Var(var));
    let lit = |e: Value<'static>| Box::new(Expr::Lit(e));
    Ok(match constraint.get("op").and_then(Json::as_str) {
        Some("All") => None,
        Some("==") => Some(Expr::Binary(BinOp::Eq, v(), lit(scope_entity(constraint)?))),
        Some("in") => match constraint.get("entities").and_then(Json::as_array) {
            Some(list) => {
                let set = list.iter().map(entity_ref).map(|e| e.map(Value::Entity)).collect::<Result<_, _>>()?;
                Some(Expr::Binary(BinOp::In, v(), lit(Value::Set(set))))
            }
            None => Some(Expr::Binary(BinOp::In, v(), lit(scope_entity(constraint)?))),
        },
        Some("is") => {
            let is = Expr::Is(v(), text(constraint, "entity_type")?.to_owned());
            match constraint.get("in") {
                None => Some(is),
                Some(within) => {
                    let within = Expr::Binary(BinOp::In, v(), lit(scope_entity(within)?));
                    Some(Expr::And(Box::new(is), Box::new(within)))
                }
            }
        }
        other => return Err(unsupported(format!("scope constraint {other:?}"))),
    })
}

fn scope_entity(constraint: &Json) -> Result<Value<'static>, Unsupported> {
    if constraint.get("slot").is_some() {
        return Err(unsupported("a template slot"));
    }
    entity_ref(field(constraint, "entity")?).map(Value::Entity)
}

/// `{"type": …, "id": …}`, or the same under `__entity`.
fn entity_ref(json: &Json) -> Result<EntityRef<'static>, Unsupported> {
    let json = json.get("__entity").unwrap_or(json);
    Ok(EntityRef { ty: text(json, "type")?.to_owned().into(), id: text(json, "id")?.to_owned().into() })
}

/// The single key of a JSON node and what it holds.
fn node(json: &Json) -> Result<(&str, &Json), Unsupported> {
    match json.as_object().map(Map::iter).map(|mut i| (i.next(), i.next())) {
        Some((Some((k, v)), None)) => Ok((k.as_str(), v)),
        _ => Err(unsupported(format!("an expression `{json}`"))),
    }
}

fn boxed(json: &Json, key: &str) -> Result<Box<Expr>, Unsupported> {
    Ok(Box::new(expr(field(json, key)?)?))
}

fn expr(json: &Json) -> Result<Expr, Unsupported> {
    let (op, arg) = node(json)?;
    let binary = |op: BinOp| Ok(Expr::Binary(op, boxed(arg, "left")?, boxed(arg, "right")?));
    match op {
        "Value" => literal(arg).map(Expr::Lit),
        "Var" => match Var::ALL.into_iter().find(|v| arg.as_str() == Some(v.name())) {
            Some(var) => Ok(Expr::Var(var)),
            None => Err(unsupported(format!("variable `{arg}`"))),
        },
        "!" => Ok(Expr::Not(boxed(arg, "arg")?)),
        "neg" => Ok(Expr::Neg(boxed(arg, "arg")?)),
        "&&" => Ok(Expr::And(boxed(arg, "left")?, boxed(arg, "right")?)),
        "||" => Ok(Expr::Or(boxed(arg, "left")?, boxed(arg, "right")?)),
        "==" => binary(BinOp::Eq),
        "!=" => binary(BinOp::NotEq),
        "in" => binary(BinOp::In),
        "<" => binary(BinOp::Less),
        "<=" => binary(BinOp::LessEq),
        ">" => binary(BinOp::Greater),
        ">=" => binary(BinOp::GreaterEq),
        "+" => binary(BinOp::Add),
        "-" => binary(BinOp::Sub),
        "*" => binary(BinOp::Mul),
        "contains" => binary(BinOp::Contains),
        "containsAll" => binary(BinOp::ContainsAll),
        "containsAny" => binary(BinOp::ContainsAny),
        "isEmpty" => Ok(Expr::IsEmpty(boxed(arg, "arg")?)),
        "." => Ok(Expr::GetAttr(boxed(arg, "left")?, text(arg, "attr")?.to_owned())),
        "has" => has(arg),
        "like" => {
            let pattern = field(arg, "pattern")?.as_array().ok_or_else(|| unsupported("a `like` pattern"))?;
            Ok(Expr::Like(boxed(arg, "left")?, pattern.iter().map(pattern_elem).collect::<Result<_, _>>()?))
        }
        "is" => {
            let is = Expr::Is(boxed(arg, "left")?, text(arg, "entity_type")?.to_owned());
            match arg.get("in") {
                None => Ok(is),
                Some(within) => {
                    let within = Expr::Binary(BinOp::In, boxed(arg, "left")?, Box::new(expr(within)?));
                    Ok(Expr::And(Box::new(is), Box::new(within)))
                }
            }
        }
        "if-then-else" => Ok(Expr::If(boxed(arg, "if")?, boxed(arg, "then")?, boxed(arg, "else")?)),
        "Set" => {
            let items = arg.as_array().ok_or_else(|| unsupported("a set"))?;
            Ok(Expr::Set(items.iter().map(expr).collect::<Result<_, _>>()?))
        }
        "Record" => {
            let fields = arg.as_object().ok_or_else(|| unsupported("a record"))?;
            Ok(Expr::Record(fields.iter().map(|(k, v)| Ok((k.clone(), expr(v)?))).collect::<Result<_, _>>()?))
        }
        "datetime" => {
            // Only of a literal, folded now: a malformed one is refused here, not at a request.
            let args = arg.as_array().map(Vec::as_slice).unwrap_or_default();
            match args {
                [only] => match node(only)? {
                    ("Value", Json::String(s)) => Ok(Expr::Lit(datetime(s)?)),
                    _ => Err(unsupported("`datetime` of anything but a string literal")),
                },
                _ => Err(unsupported("`datetime` without exactly one argument")),
            }
        }
        other => Err(unsupported(format!("`{other}`"))),
    }
}

/// `e has a` or `e has a.b.c`, which is `e has a && e.a has b && e.a.b has c`.
fn has(arg: &Json) -> Result<Expr, Unsupported> {
    let left = expr(field(arg, "left")?)?;
    let attrs: Vec<String> = match field(arg, "attr")? {
        Json::String(a) => vec![a.clone()],
        Json::Array(list) => list.iter().filter_map(Json::as_str).map(str::to_owned).collect(),
        other => return Err(unsupported(format!("`has` of `{other}`"))),
    };
    let mut reached = left;
    let mut tests: Vec<Expr> = Vec::new();
    for a in attrs {
        tests.push(Expr::HasAttr(Box::new(reached.clone()), a.clone()));
        reached = Expr::GetAttr(Box::new(reached), a);
    }
    tests.into_iter().reduce(|a, b| Expr::And(Box::new(a), Box::new(b))).ok_or_else(|| unsupported("`has` of nothing"))
}

fn pattern_elem(json: &Json) -> Result<PatternElem, Unsupported> {
    match json {
        Json::String(w) if w == "Wildcard" => Ok(PatternElem::Wildcard),
        _ => {
            let c =
                json.get("Literal").and_then(Json::as_str).ok_or_else(|| unsupported("a `like` pattern element"))?;
            let mut chars = c.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(PatternElem::Char(c)),
                _ => Err(unsupported("a `like` pattern element of more than one character")),
            }
        }
    }
}

/// A literal in Cedar's JSON value format.
fn literal(json: &Json) -> Result<Value<'static>, Unsupported> {
    Ok(match json {
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Long(n.as_i64().ok_or_else(|| unsupported(format!("the number `{n}`")))?),
        Json::String(s) => Value::Str(s.clone().into()),
        Json::Array(items) => Value::Set(items.iter().map(literal).collect::<Result<_, _>>()?),
        Json::Object(map) if map.contains_key("__entity") => Value::Entity(entity_ref(json)?),
        Json::Object(map) if map.contains_key("__extn") => {
            let extn = field(json, "__extn")?;
            match (extn.get("fn").and_then(Json::as_str), extn.get("arg").and_then(Json::as_str)) {
                (Some("datetime"), Some(s)) => datetime(s)?,
                _ => return Err(unsupported(format!("the extension value `{extn}`"))),
            }
        }
        Json::Object(map) => Value::record(map.iter().map(|(k, v)| Ok((k.clone().into(), literal(v)?))))?,
        Json::Null => return Err(unsupported("`null`")),
    })
}

/// `datetime("YYYY-MM-DD")`: the one form the packs use; a time of day or an offset is
/// refused rather than read differently from Cedar.
fn datetime(s: &str) -> Result<Value<'static>, Unsupported> {
    crate::strict_date::ymd(s)
        .map(|d| Value::DateTime(day_millis(d)))
        .ok_or_else(|| unsupported(format!("`datetime(\"{s}\")` (only YYYY-MM-DD)")))
}

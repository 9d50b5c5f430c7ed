//! A compiled condition as a compiled pack holds it: one flat JSON array of tokens, the
//! expression tree written in prefix order (each node's name, then its parts), so that a
//! client reads it in one small loop without a JSON object per node.
//!
//! - An expression is its [`Expr`] variant's name, then its parts: `Not` one expression,
//!   `And` and `Or` two, `Binary` the operator's name and two, `GetAttr`, `HasAttr` and `Is`
//!   one and a name, `If` three, `Like` one, a count and each element of the pattern (a
//!   character, or `null` for `*`), `Set` a count and each expression, `Record` a count and
//!   each field's name and expression, `Var` the variable's name, `Lit` a value.
//! - A value is its [`Value`] variant's name, then: `Bool` `true` or `false`, `Long` and
//!   `DateTime` a number, `Str` the text, `Entity` its type and id, `Set` a count and each
//!   value, `Record` a count and each field's name and value.
//!
//! `["Not","HasAttr","Var","Resource","sharing"]` is `!(resource has sharing)`.
//!
//! Why tokens: format 2 wrote the tree as serde derives it, an object per node, and serde's
//! derived readers took a visitor per type and variant. Read as tokens, by one loop here,
//! the forms module is 29 KB smaller (3.7 KB of its gzip) and makes an engine as quickly.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, Visitor};
use serde::ser::{Error as _, SerializeSeq, Serializer};

use super::ir::{BinOp, Expr, PatternElem, Var};
use super::value::{EntityRef, Value};
use crate::limits::MAX_EXPRESSION_DEPTH;

/// One token as it is written.
enum Token<'e> {
    Name(&'static str),
    Text(&'e str),
    Number(i64),
    Count(usize),
    Bool(bool),
    Char(char),
    /// `*` in a `like` pattern.
    Wildcard,
    /// What cannot be written, and why: a prepared policy's slot (see `Expr::Slot`), an
    /// operator or variable missing from its table.
    Unwritable(&'static str),
}

/// Writes a condition's tokens (serde's `serialize_with` of [`super::CompiledPolicy`]).
pub(crate) fn write<S: Serializer>(condition: &Expr, s: S) -> Result<S::Ok, S::Error> {
    let mut tokens = Vec::new();
    expr_tokens(condition, &mut tokens);
    let mut seq = s.serialize_seq(Some(tokens.len()))?;
    for token in tokens {
        match token {
            Token::Name(name) => seq.serialize_element(name)?,
            Token::Text(text) => seq.serialize_element(text)?,
            Token::Number(n) => seq.serialize_element(&n)?,
            Token::Count(n) => seq.serialize_element(&n)?,
            Token::Bool(b) => seq.serialize_element(&b)?,
            Token::Char(c) => seq.serialize_element(&c)?,
            Token::Wildcard => seq.serialize_element(&())?,
            Token::Unwritable(why) => return Err(S::Error::custom(format!("cannot write {why}"))),
        }
    }
    seq.end()
}

fn expr_tokens<'e>(expr: &'e Expr, out: &mut Vec<Token<'e>>) {
    match expr_name(expr) {
        Some(name) => out.push(Token::Name(name)),
        None => return out.push(Token::Unwritable("a prepared policy's slot")),
    }
    match expr {
        Expr::Lit(v) => value_tokens(v, out),
        Expr::Var(var) => out.push(name_of(&VARS, var, "a variable")),
        Expr::Not(e) | Expr::Neg(e) | Expr::IsEmpty(e) => expr_tokens(e, out),
        Expr::And(a, b) | Expr::Or(a, b) => {
            expr_tokens(a, out);
            expr_tokens(b, out);
        }
        Expr::Binary(op, a, b) => {
            out.push(name_of(&OPS, op, "an operator"));
            expr_tokens(a, out);
            expr_tokens(b, out);
        }
        Expr::GetAttr(e, attr) | Expr::HasAttr(e, attr) | Expr::Is(e, attr) => {
            expr_tokens(e, out);
            out.push(Token::Text(attr));
        }
        Expr::Like(e, pattern) => {
            expr_tokens(e, out);
            out.push(Token::Count(pattern.len()));
            for elem in pattern {
                out.push(match elem {
                    PatternElem::Char(c) => Token::Char(*c),
                    PatternElem::Wildcard => Token::Wildcard,
                });
            }
        }
        Expr::If(c, a, b) => {
            for e in [c, a, b] {
                expr_tokens(e, out);
            }
        }
        Expr::Set(items) => {
            out.push(Token::Count(items.len()));
            for item in items {
                expr_tokens(item, out);
            }
        }
        Expr::Record(fields) => {
            out.push(Token::Count(fields.len()));
            for (key, value) in fields {
                out.push(Token::Text(key));
                expr_tokens(value, out);
            }
        }
        Expr::Slot(..) | Expr::HasSlot(..) => {}
    }
}

fn value_tokens<'e>(value: &'e Value<'static>, out: &mut Vec<Token<'e>>) {
    match value {
        Value::Bool(b) => out.extend([Token::Name("Bool"), Token::Bool(*b)]),
        Value::Long(n) => out.extend([Token::Name("Long"), Token::Number(*n)]),
        Value::Str(s) => out.extend([Token::Name("Str"), Token::Text(s)]),
        Value::DateTime(ms) => out.extend([Token::Name("DateTime"), Token::Number(*ms)]),
        Value::Entity(e) => out.extend([Token::Name("Entity"), Token::Text(&e.ty), Token::Text(&e.id)]),
        Value::Set(items) => {
            out.extend([Token::Name("Set"), Token::Count(items.len())]);
            for item in items {
                value_tokens(item, out);
            }
        }
        Value::Record(fields) => {
            out.extend([Token::Name("Record"), Token::Count(fields.len())]);
            for (key, value) in fields {
                out.push(Token::Text(key));
                value_tokens(value, out);
            }
        }
    }
}

/// The name an expression is written by: its variant's (a prepared policy's slots have
/// none: they are never written).
fn expr_name(expr: &Expr) -> Option<&'static str> {
    Some(match expr {
        Expr::Lit(_) => "Lit",
        Expr::Var(_) => "Var",
        Expr::Not(_) => "Not",
        Expr::Neg(_) => "Neg",
        Expr::And(..) => "And",
        Expr::Or(..) => "Or",
        Expr::Binary(..) => "Binary",
        Expr::GetAttr(..) => "GetAttr",
        Expr::HasAttr(..) => "HasAttr",
        Expr::Slot(..) | Expr::HasSlot(..) => return None,
        Expr::Like(..) => "Like",
        Expr::Is(..) => "Is",
        Expr::IsEmpty(_) => "IsEmpty",
        Expr::If(..) => "If",
        Expr::Set(_) => "Set",
        Expr::Record(_) => "Record",
    })
}

/// The variables and operators by name: written by the name, read back by it.
const VARS: [(Var, &str); 4] =
    [(Var::Principal, "Principal"), (Var::Action, "Action"), (Var::Resource, "Resource"), (Var::Context, "Context")];
const OPS: [(BinOp, &str); 13] = [
    (BinOp::Eq, "Eq"),
    (BinOp::NotEq, "NotEq"),
    (BinOp::In, "In"),
    (BinOp::Less, "Less"),
    (BinOp::LessEq, "LessEq"),
    (BinOp::Greater, "Greater"),
    (BinOp::GreaterEq, "GreaterEq"),
    (BinOp::Add, "Add"),
    (BinOp::Sub, "Sub"),
    (BinOp::Mul, "Mul"),
    (BinOp::Contains, "Contains"),
    (BinOp::ContainsAll, "ContainsAll"),
    (BinOp::ContainsAny, "ContainsAny"),
];

/// The token of `item`, its name in `table` (one it lacks cannot be written).
fn name_of<T: PartialEq>(table: &[(T, &'static str)], item: &T, what: &'static str) -> Token<'static> {
    table.iter().find(|(t, _)| t == item).map_or(Token::Unwritable(what), |(_, name)| Token::Name(name))
}

/// The deepest a condition's expressions and values nest (what reading it recurses).
#[cfg(feature = "cedar")]
pub(crate) fn depth(expr: &Expr) -> usize {
    fn value(v: &Value<'_>) -> usize {
        match v {
            Value::Set(items) => 1 + items.iter().map(value).max().unwrap_or(0),
            Value::Record(fields) => 1 + fields.values().map(value).max().unwrap_or(0),
            _ => 1,
        }
    }
    let parts: Vec<&Expr> = match expr {
        Expr::Lit(v) => return 1 + value(v),
        Expr::Var(_) | Expr::Slot(..) | Expr::HasSlot(..) => vec![],
        Expr::Not(e) | Expr::Neg(e) | Expr::IsEmpty(e) => vec![e],
        Expr::GetAttr(e, _) | Expr::HasAttr(e, _) | Expr::Is(e, _) | Expr::Like(e, _) => vec![e],
        Expr::And(a, b) | Expr::Or(a, b) | Expr::Binary(_, a, b) => vec![a, b],
        Expr::If(c, a, b) => vec![c, a, b],
        Expr::Set(items) => items.iter().collect(),
        Expr::Record(fields) => fields.iter().map(|(_, e)| e).collect(),
    };
    1 + parts.into_iter().map(depth).max().unwrap_or(0)
}

/// One token of a condition as read: text borrowed from the pack's text where it can be.
#[derive(Debug)]
enum Tok<'t> {
    Text(Cow<'t, str>),
    Number(i64),
    Bool(bool),
    Null,
    /// Any other JSON number (a fraction, or beyond 64 bits), kept to be named in an error.
    Other(f64),
}

// `'de: 't`: tokens borrow from the text being read, as serde's `borrow` asks.
impl<'de: 't, 't> Deserialize<'de> for Tok<'t> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tok<'t>, D::Error> {
        d.deserialize_any(TokVisitor(PhantomData))
    }
}

struct TokVisitor<'t>(PhantomData<Tok<'t>>);

impl<'de: 't, 't> Visitor<'de> for TokVisitor<'t> {
    type Value = Tok<'t>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a token: text, a number, true, false or null")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Tok<'t>, E> {
        Ok(Tok::Text(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Tok<'t>, E> {
        Ok(Tok::Text(Cow::Owned(s.to_owned())))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Tok<'t>, E> {
        Ok(Tok::Number(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Tok<'t>, E> {
        Ok(i64::try_from(n).map_or(Tok::Other(n as f64), Tok::Number))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Tok<'t>, E> {
        Ok(Tok::Other(n))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Tok<'t>, E> {
        Ok(Tok::Bool(b))
    }
    fn visit_unit<E>(self) -> Result<Tok<'t>, E> {
        Ok(Tok::Null)
    }
}

impl fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Text(s) => write!(f, "`{s}`"),
            Tok::Number(n) => write!(f, "{n}"),
            Tok::Bool(b) => write!(f, "{b}"),
            Tok::Null => f.write_str("null"),
            Tok::Other(n) => write!(f, "{n}"),
        }
    }
}

/// Reads a condition's tokens (serde's `deserialize_with` of [`super::CompiledPolicy`]); an
/// error names the token and what was expected there.
pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Expr, D::Error> {
    let tokens = Vec::<Tok<'de>>::deserialize(d)?;
    let total = tokens.len();
    let mut reader = Reader { tokens: tokens.into_iter(), read: 0, depth: 0 };
    let condition = reader.expr().map_err(|m| (reader.read.saturating_sub(1), m));
    let read = condition.and_then(|condition| match reader.tokens.len() {
        0 => Ok(condition),
        left => Err((total - left, format!("the condition ends here, but {left} more tokens follow"))),
    });
    read.map_err(|(at, message)| D::Error::custom(format!("token {at} of the condition: {message}")))
}

struct Reader<'t> {
    tokens: std::vec::IntoIter<Tok<'t>>,
    /// How many tokens were taken (the last one taken is where an error is).
    read: usize,
    /// How deep the expression being read is.
    depth: usize,
}

type Read<T> = Result<T, String>;

impl<'t> Reader<'t> {
    fn token(&mut self) -> Read<Tok<'t>> {
        self.read += 1;
        self.tokens.next().ok_or_else(|| "the condition ends early".to_owned())
    }

    fn text(&mut self) -> Read<Cow<'t, str>> {
        match self.token()? {
            Tok::Text(s) => Ok(s),
            other => Err(format!("expected text, found {other}")),
        }
    }

    fn owned(&mut self) -> Read<String> {
        self.text().map(Cow::into_owned)
    }

    fn number(&mut self) -> Read<i64> {
        match self.token()? {
            Tok::Number(n) => Ok(n),
            other => Err(format!("expected a whole number of at most 64 bits, found {other}")),
        }
    }

    /// A count of parts, each of at least one token: never more than the tokens left.
    fn count(&mut self) -> Read<usize> {
        let token = self.token()?;
        let left = self.tokens.len();
        match token {
            Tok::Number(n) if usize::try_from(n).is_ok_and(|n| n <= left) => Ok(n as usize),
            other => Err(format!("expected a count of at most the {left} tokens left, found {other}")),
        }
    }

    /// Enters one level of nesting, refusing one deeper than the limit.
    fn deeper(&mut self) -> Read<()> {
        self.depth += 1;
        match self.depth > MAX_EXPRESSION_DEPTH {
            true => Err(format!("expressions nest more than {MAX_EXPRESSION_DEPTH} deep")),
            false => Ok(()),
        }
    }

    fn boxed(&mut self) -> Read<Box<Expr>> {
        self.expr().map(Box::new)
    }

    fn expr(&mut self) -> Read<Expr> {
        let name = self.text()?;
        self.deeper()?;
        let expr = match name.as_ref() {
            "Lit" => Expr::Lit(self.value()?),
            "Var" => Expr::Var(self.var()?),
            "Not" => Expr::Not(self.boxed()?),
            "Neg" => Expr::Neg(self.boxed()?),
            "IsEmpty" => Expr::IsEmpty(self.boxed()?),
            "And" => Expr::And(self.boxed()?, self.boxed()?),
            "Or" => Expr::Or(self.boxed()?, self.boxed()?),
            "Binary" => Expr::Binary(self.op()?, self.boxed()?, self.boxed()?),
            "GetAttr" => Expr::GetAttr(self.boxed()?, self.owned()?),
            "HasAttr" => Expr::HasAttr(self.boxed()?, self.owned()?),
            "Is" => Expr::Is(self.boxed()?, self.owned()?),
            "If" => Expr::If(self.boxed()?, self.boxed()?, self.boxed()?),
            "Like" => {
                let e = self.boxed()?;
                let count = self.count()?;
                Expr::Like(e, (0..count).map(|_| self.pattern_elem()).collect::<Read<_>>()?)
            }
            "Set" => {
                let count = self.count()?;
                Expr::Set((0..count).map(|_| self.expr()).collect::<Read<_>>()?)
            }
            "Record" => {
                let count = self.count()?;
                Expr::Record((0..count).map(|_| Ok((self.owned()?, self.expr()?))).collect::<Read<_>>()?)
            }
            _ => return Err(format!("expected an expression, found `{name}`")),
        };
        self.depth -= 1;
        Ok(expr)
    }

    fn pattern_elem(&mut self) -> Read<PatternElem> {
        let token = self.token()?;
        if let Tok::Text(s) = &token {
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return Ok(PatternElem::Char(c));
            }
        }
        match token {
            Tok::Null => Ok(PatternElem::Wildcard),
            other => Err(format!("expected one character or null (`*`), found {other}")),
        }
    }

    fn var(&mut self) -> Read<Var> {
        let name = self.text()?;
        let found = VARS.iter().find(|(_, n)| *n == name);
        found.map(|(var, _)| *var).ok_or_else(|| format!("expected a variable, found `{name}`"))
    }

    fn op(&mut self) -> Read<BinOp> {
        let name = self.text()?;
        let found = OPS.iter().find(|(_, n)| *n == name);
        found.map(|(op, _)| *op).ok_or_else(|| format!("expected an operator, found `{name}`"))
    }

    fn value(&mut self) -> Read<Value<'static>> {
        let name = self.text()?;
        self.deeper()?;
        let value = match name.as_ref() {
            "Bool" => match self.token()? {
                Tok::Bool(b) => Value::Bool(b),
                other => return Err(format!("expected true or false, found {other}")),
            },
            "Long" => Value::Long(self.number()?),
            "DateTime" => Value::DateTime(self.number()?),
            "Str" => Value::Str(Cow::Owned(self.owned()?)),
            "Entity" => Value::Entity(EntityRef { ty: Cow::Owned(self.owned()?), id: Cow::Owned(self.owned()?) }),
            "Set" => {
                let count = self.count()?;
                Value::Set((0..count).map(|_| self.value()).collect::<Read<_>>()?)
            }
            "Record" => {
                let count = self.count()?;
                Value::record((0..count).map(|_| Read::Ok((Cow::Owned(self.owned()?), self.value()?))))?
            }
            _ => return Err(format!("expected a value, found `{name}`")),
        };
        self.depth -= 1;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use super::{OPS, VARS};
    use crate::compiled::ir::{BinOp, CompiledPolicy, Effect, Expr, PatternElem, Var};
    use crate::compiled::pack::PackedPolicy;
    use crate::compiled::value::{EntityRef, Value};
    use crate::limits::MAX_EXPRESSION_DEPTH;

    fn policies(text: &str) -> Result<Vec<PackedPolicy>, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The message of the error reading `text` (without serde's line and column), or how
    /// many policies were read.
    fn error_of(text: &str) -> String {
        match policies(text) {
            Err(e) => e.split(" at line ").next().unwrap_or_default().to_owned(),
            Ok(read) => format!("read {} policies", read.len()),
        }
    }

    /// A layer of one policy whose condition is `tokens` (a JSON array's items).
    fn with_condition(tokens: &str) -> String {
        let policy = r#"{"id":"a","effect":"Forbid","actions":["share"],"condition":[TOKENS]}"#;
        format!(r#"[{{"file":"a.cedar","annotations":[["id","a"]],"policy":{}}}]"#, policy.replace("TOKENS", tokens))
    }

    fn b(e: Expr) -> Box<Expr> {
        Box::new(e)
    }

    #[test]
    fn every_construct_reads_as_it_is_written() {
        let text = |s: &str| Value::Str(Cow::Owned(s.to_owned()));
        let record = BTreeMap::from([
            (Cow::Borrowed("b"), Value::Bool(true)),
            (Cow::Borrowed("e"), Value::Entity(EntityRef { ty: "Action".into(), id: "share".into() })),
            (Cow::Borrowed("s"), Value::Set(vec![text("t"), Value::DateTime(1_700_000_000_000)])),
        ]);
        let like = Expr::Like(
            b(Expr::GetAttr(b(Expr::Var(Var::Resource)), "name".into())),
            vec![PatternElem::Char('数'), PatternElem::Wildcard, PatternElem::Char('*')],
        );
        let either = Expr::Or(
            b(Expr::Binary(
                BinOp::ContainsAny,
                b(Expr::Set(vec![Expr::Lit(Value::Long(-3))])),
                b(Expr::Var(Var::Context)),
            )),
            b(Expr::Is(b(Expr::Var(Var::Principal)), "Requester".into())),
        );
        let all = Expr::And(
            b(Expr::Not(b(Expr::HasAttr(b(Expr::Var(Var::Context)), "x".into())))),
            b(Expr::Binary(
                BinOp::Eq,
                b(Expr::Record(vec![("k".into(), Expr::Neg(b(Expr::Lit(Value::Long(1)))))])),
                b(Expr::IsEmpty(b(Expr::Lit(Value::Record(record))))),
            )),
        );
        let condition = Expr::If(b(like), b(either), b(all));
        let policy = CompiledPolicy { id: "a".into(), effect: Effect::Permit, actions: None, condition };
        let packed = PackedPolicy { file: "a.cedar".into(), annotations: vec![("id".into(), "a".into())], policy };
        let written = serde_json::to_string(&[&packed]).unwrap();
        let read = policies(&written).unwrap();
        assert_eq!(format!("{:?}", read[0]), format!("{packed:?}"));
    }

    /// Every variable and operator is written by its own name and read back as itself.
    #[test]
    fn every_variable_and_operator_reads_back_as_itself() {
        let names: std::collections::HashSet<&str> = VARS.iter().map(|v| v.1).chain(OPS.iter().map(|o| o.1)).collect();
        assert_eq!(names.len(), VARS.len() + OPS.len());
        for (var, _) in VARS {
            for (op, _) in OPS {
                let condition = Expr::Binary(op, b(Expr::Var(var)), b(Expr::Lit(Value::Long(1))));
                let policy = CompiledPolicy { id: "a".into(), effect: Effect::Forbid, actions: None, condition };
                let read: CompiledPolicy = serde_json::from_str(&serde_json::to_string(&policy).unwrap()).unwrap();
                assert_eq!(format!("{read:?}"), format!("{policy:?}"));
            }
        }
        let prepared = CompiledPolicy {
            id: "a".into(),
            effect: Effect::Forbid,
            actions: None,
            condition: Expr::Slot(Var::Context, 0),
        };
        let refused = serde_json::to_string(&prepared).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(refused, "cannot write a prepared policy's slot");
    }

    /// Each built-in pack's `compiled.json`, read and written again, is the same JSON: what
    /// is read is what was compiled, construct for construct.
    #[test]
    fn every_built_in_pack_reads_back_to_its_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
        let mut packs = 0;
        for entry in std::fs::read_dir(root).unwrap() {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path().join("compiled.json")) else { continue };
            let read = policies(&text).unwrap();
            let given: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_value(&read).unwrap(), given);
            packs += 1;
        }
        assert!(packs >= 7, "{packs} compiled packs found");
    }

    #[test]
    fn a_policy_without_actions_applies_to_every_kind() {
        let text = with_condition(r#""Lit","Bool",true"#).replace(r#""actions":["share"],"#, "");
        assert_eq!(policies(&text).unwrap()[0].policy.actions, None);
        let null = with_condition(r#""Lit","Bool",true"#).replace(r#"["share"]"#, "null");
        assert_eq!(policies(&null).unwrap()[0].policy.actions, None);
    }

    #[test]
    fn a_wrong_token_is_named_with_its_place() {
        let reading = |tokens: &str| error_of(&with_condition(tokens));
        let at = |i: usize, message: &str| format!("token {i} of the condition: {message}");
        assert_eq!(reading(r#""Lit","Bool",1"#), at(2, "expected true or false, found 1"));
        assert_eq!(reading(r#""Nope""#), at(0, "expected an expression, found `Nope`"));
        assert_eq!(reading(r#""Not""#), at(1, "the condition ends early"));
        assert_eq!(
            reading(r#""Var","Action","Var","Action""#),
            at(2, "the condition ends here, but 2 more tokens follow")
        );
        assert_eq!(reading(r#""Binary","Equal""#), at(1, "expected an operator, found `Equal`"));
        assert_eq!(reading(r#""Var",1"#), at(1, "expected text, found 1"));
        assert_eq!(reading(r#""Lit","Long",1.5"#), at(2, "expected a whole number of at most 64 bits, found 1.5"));
        assert_eq!(
            reading(r#""Lit","Long",9223372036854775808"#),
            at(2, "expected a whole number of at most 64 bits, found 9223372036854776000")
        );
        assert_eq!(
            reading(r#""Like","Var","Context",1,"ab""#),
            at(4, "expected one character or null (`*`), found `ab`")
        );
        assert_eq!(
            reading(r#""Set",3,"Var","Action""#),
            at(1, "expected a count of at most the 2 tokens left, found 3")
        );
        assert_eq!(reading(r#""Set",-1"#), at(1, "expected a count of at most the 0 tokens left, found -1"));
        let deep = format!("{}\"Var\",\"Action\"", "\"Not\",".repeat(MAX_EXPRESSION_DEPTH));
        assert_eq!(
            reading(&deep),
            at(MAX_EXPRESSION_DEPTH, &format!("expressions nest more than {MAX_EXPRESSION_DEPTH} deep"))
        );
        let escaped = with_condition(r#""GetAttr","Var","Context","a\"b""#);
        assert!(matches!(&policies(&escaped).unwrap()[0].policy.condition, Expr::GetAttr(_, a) if a == "a\"b"));
        let ok = with_condition(r#""Lit","Bool",true"#);
        assert!(error_of(&ok.replace(r#""file""#, r#""line":3,"file""#)).starts_with("unknown field `line`"));
        assert!(error_of(&ok.replace("Forbid", "Deny")).starts_with("unknown variant `Deny`"));
        assert!(error_of(&ok.replace(r#""id":"a","#, "")).starts_with("missing field `id`"));
        assert!(error_of(&ok.replace(r#""condition":["#, r#""condition":[{},"#)).contains("expected a token"));
    }
}

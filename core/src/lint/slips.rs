//! Slips an author makes that Cedar's validation lets through, read from a policy's
//! JSON form and the pack's vocabulary: a `has` test of an attribute no request has, a
//! literal no field value can equal, a message whose working days disagree with
//! `@workingDays`, a `forbid` without `@field`, a `forbid` with no condition. Each is a
//! [`Slip`] that [`super::pack`] places at its policy and line. Nothing here decides a
//! request.

use serde::Serialize;
use serde_json::Value;

use super::diagnostic::both;
use crate::inspect::{PolicyEffect, PolicySummary};
use crate::pack::FieldType;
use crate::verdict::Message;
use crate::vocabulary::Vocabulary;

/// One slip in one policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slip {
    /// A stable code: `unknown-attribute`, `unknown-value`, `message-days`,
    /// `forbid-without-field`, `unconditional-forbid`.
    pub code: &'static str,
    /// What is wrong.
    pub message: Message,
    /// The text in the policy the slip is at (`has scenaro`, `"conditonal"`, `@zh`).
    pub needle: String,
    /// How to put it right, when there is a likely fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
}

/// Every slip of one policy, in the order of the checks.
pub fn slips(policy: &PolicySummary, vocabulary: &Vocabulary) -> Vec<Slip> {
    let mut out = Vec::new();
    walk(&policy.logic, vocabulary, &mut out);
    message_days(policy, &mut out);
    if policy.effect == PolicyEffect::Forbid {
        if !policy.annotations.iter().any(|(k, _)| k == "field") {
            out.push(Slip {
                code: "forbid-without-field",
                message: both(
                    format!("禁止规则 `{}` 没有 `@field`：违规项要指明申请人应修改的字段", policy.id),
                    format!(
                        "forbid `{}` has no `@field`: a violation names the field the applicant must correct",
                        policy.id
                    ),
                ),
                needle: "forbid".into(),
                help: Some(both(
                    "加上 `@field(\"/application/…\")`；针对整个请求时用 `@field(\"\")`",
                    "add `@field(\"/application/…\")`, or `@field(\"\")` for the request as a whole",
                )),
            });
        }
        let unconditional = policy.logic.get("conditions").and_then(Value::as_array).is_none_or(Vec::is_empty);
        if unconditional {
            let kinds = if policy.actions.is_empty() { "every".to_owned() } else { policy.actions.join(", ") };
            out.push(Slip {
                code: "unconditional-forbid",
                message: both(
                    format!("禁止规则 `{}` 没有 `when` 或 `unless`：它拒绝每个 {kinds} 请求，任何许可规则都无法决定", policy.id),
                    format!(
                        "forbid `{}` has no `when` or `unless`: it refuses every {kinds} request, and no permit can decide one",
                        policy.id
                    ),
                ),
                needle: "forbid".into(),
                help: Some(both("加上条文规定拒绝的条件", "add the condition under which the article refuses")),
            });
        }
    }
    out
}

/// Walks a policy's JSON form for `has` tests and literal comparisons.
fn walk(node: &Value, vocabulary: &Vocabulary, out: &mut Vec<Slip>) {
    match node {
        Value::Array(items) => items.iter().for_each(|i| walk(i, vocabulary, out)),
        Value::Object(map) => {
            if let Some(has) = map.get("has") {
                unknown_attribute(has, vocabulary, out);
            }
            for op in ["==", "!="] {
                if let Some(Value::Object(sides)) = map.get(op) {
                    let (left, right) = (sides.get("left"), sides.get("right"));
                    for (a, b) in [(left, right), (right, left)] {
                        if let (Some(path), Some(Value::String(s))) = (a.and_then(path_of), b.and_then(literal)) {
                            unknown_value(&path, s, vocabulary, out);
                        }
                    }
                }
            }
            for method in ["contains", "containsAll", "containsAny"] {
                if let Some(Value::Object(call)) = map.get(method) {
                    let (left, right) = (call.get("left"), call.get("right"));
                    // `field.contains("x")`, `field.containsAny(["x", …])`
                    if let Some(path) = left.and_then(path_of) {
                        for s in right.map(literals).unwrap_or_default() {
                            unknown_value(&path, &s, vocabulary, out);
                        }
                    }
                    // `["x", …].contains(field)`
                    if let Some(path) = right.and_then(path_of) {
                        for s in left.map(literals).unwrap_or_default() {
                            unknown_value(&path, &s, vocabulary, out);
                        }
                    }
                }
            }
            map.values().for_each(|v| walk(v, vocabulary, out));
        }
        _ => {}
    }
}

/// `principal`, `context.catalog`, … for a variable or an attribute chain on one.
fn path_of(node: &Value) -> Option<String> {
    let map = node.as_object()?;
    if let Some(var) = map.get("Var").and_then(Value::as_str) {
        return Some(var.to_owned());
    }
    let access = map.get(".")?;
    Some(format!("{}.{}", path_of(access.get("left")?)?, access.get("attr")?.as_str()?))
}

/// A string literal.
fn literal(node: &Value) -> Option<&Value> {
    node.get("Value").filter(|v| v.is_string())
}

/// The string literals of a literal or a set of them.
fn literals(node: &Value) -> Vec<String> {
    let one = |n: &Value| literal(n).and_then(Value::as_str).map(str::to_owned);
    match node.get("Set").and_then(Value::as_array) {
        Some(items) => items.iter().filter_map(one).collect(),
        None => one(node).into_iter().collect(),
    }
}

fn unknown_attribute(has: &Value, vocabulary: &Vocabulary, out: &mut Vec<Slip>) {
    let (Some(left), Some(attr)) = (has.get("left").and_then(path_of), has.get("attr").and_then(Value::as_str)) else {
        return;
    };
    let path = format!("{left}.{attr}");
    if !Vocabulary::is_request_path(&path) {
        return;
    }
    if vocabulary.field_of(&path).is_some() {
        return;
    }
    let known = attributes_under(&left, vocabulary);
    out.push(Slip {
        code: "unknown-attribute",
        message: both(
            format!("`{left} has {attr}`：请求中该处没有 `{attr}`，此判断恒为假"),
            format!("`{left} has {attr}`: no request has `{attr}` there, so the test is always false"),
        ),
        needle: format!("has {attr}"),
        help: closest(attr, known.iter().map(String::as_str))
            .map(|n| both(format!("是不是 `{n}`？"), format!("did you mean `{n}`?"))),
    });
}

/// The attribute names a request gives under `left` (`context`, `principal`, …).
fn attributes_under(left: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let mut names: Vec<String> = vocabulary
        .fields()
        .into_iter()
        .flat_map(|f| {
            let mut own = vec![f.field.rsplit('/').next().unwrap_or_default().to_owned()];
            own.extend(f.derive.iter().flat_map(|d| d.attributes().map(|(a, _)| a.to_owned())));
            own
        })
        .filter(|name| vocabulary.field_of(&format!("{left}.{name}")).is_some())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn unknown_value(path: &str, value: &str, vocabulary: &Vocabulary, out: &mut Vec<Slip>) {
    let Some(pointer) = vocabulary.value_field_of(path) else { return };
    let Some(spec) = vocabulary.field(&pointer) else { return };
    if !matches!(spec.field_type, FieldType::Enum | FieldType::Set) || spec.values.iter().any(|v| v.value == value) {
        return;
    }
    let all: Vec<&str> = spec.values.iter().map(|v| v.value.as_str()).collect();
    let listed = all.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
    out.push(Slip {
        code: "unknown-value",
        message: both(
            format!("`\"{value}\"` 不是 {pointer} 的取值（可取 {listed}）：此比较永不成立"),
            format!("`\"{value}\"` is not a value of {pointer} (one of {listed}): the comparison never holds"),
        ),
        needle: format!("\"{value}\""),
        help: closest(value, all.iter().copied())
            .map(|n| both(format!("是不是 `\"{n}\"`？"), format!("did you mean `\"{n}\"`?"))),
    });
}

/// A route's `@zh`/`@en` that name working days, none of them `@workingDays`.
fn message_days(policy: &PolicySummary, out: &mut Vec<Slip>) {
    let annotation = |k: &str| policy.annotations.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    // A route's message states its own period; an obligation's may add periods up (5 days
    // of review, then 10) and is not checked.
    if annotation("reviewer").is_none() {
        return;
    }
    let Some(days) = annotation("workingDays")
        .and_then(|d| d.trim().parse::<u32>().ok())
        .filter(|n| (1..=crate::limits::MAX_WORKING_DAYS).contains(n))
    else {
        // Not a period at all: `pdp validate` reports the annotation itself.
        return;
    };
    for (key, unit) in [("zh", "个工作日"), ("en", "working day")] {
        let Some(text) = annotation(key) else { continue };
        // A message may name other periods of the same article (a correction within 3
        // days); it must name the route's own.
        let said = numbers_before(text, unit);
        if let (false, Some(said)) = (said.contains(&days), said.first()) {
            out.push(Slip {
                code: "message-days",
                message: both(
                    format!("`@{key}` 写的是 {said} 个工作日，但 `@workingDays(\"{days}\")`"),
                    format!("`@{key}` says {said} working days, but `@workingDays(\"{days}\")`"),
                ),
                needle: format!("@{key}"),
                help: Some(both(
                    "消息和期限出自同一条文：使二者一致",
                    "the message and the deadline come from the same article: make them agree",
                )),
            });
        }
    }
}

/// The whole numbers written just before each `unit` in `text` ("5个工作日", "5 working days").
fn numbers_before(text: &str, unit: &str) -> Vec<u32> {
    text.match_indices(unit)
        .filter_map(|(at, _)| {
            let before = text.get(..at)?.trim_end();
            let digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
            digits.chars().rev().collect::<String>().parse().ok()
        })
        .collect()
}

/// The candidate nearest to `word` by edit distance, when near enough to be a typo (at
/// most a third of its characters apart); the first in order among equals.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates.into_iter().map(|c| (distance(word, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut next = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let left = next.last().copied().unwrap_or(0);
            let up = row.get(j + 1).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            next.push((left + 1).min(up + 1).min(diagonal + cost));
            diagonal = up;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Sources;

    fn lint(policy: &str) -> Vec<Slip> {
        let info = crate::inspect::regulation_info(&Sources::builtin("ganzi").unwrap()).unwrap();
        let summaries = crate::inspect::inspect_file("ganzi/x.cedar", policy, &info, "ganzi").unwrap();
        let engine = crate::Engine::builtin("ganzi").unwrap();
        summaries.iter().flat_map(|s| slips(s, engine.vocabulary())).collect()
    }

    fn codes(policy: &str) -> Vec<&'static str> {
        lint(policy).into_iter().map(|s| s.code).collect()
    }

    #[test]
    fn a_has_typo_is_an_unknown_attribute_with_the_likely_name() {
        let found = lint(
            r#"@id("t") @article("第十八条") @field("/application/scenario") @zh("z") @en("e")
               forbid (principal, action == Action::"share", resource)
               when { resource.sharing == "conditional" && !(context has scenaro) };"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "unknown-attribute");
        assert_eq!(found[0].needle, "has scenaro");
        assert_eq!(found[0].help.as_ref().map(|h| h.en.as_str()), Some("did you mean `scenario`?"));
    }

    #[test]
    fn a_literal_no_value_can_equal_is_named_with_the_likely_value() {
        let found = lint(
            r#"@id("t") @article("第十八条") @field("/application/scenario") @zh("z") @en("e")
               forbid (principal, action == Action::"share", resource)
               when { resource.sharing == "conditonal" && resource.flags.containsAny(["state_secret", "secret"]) &&
                      ["api", "ftp"].contains(context.usageMode) && context.idProblem == "format" };"#,
        );
        let needles: Vec<&str> = found.iter().map(|s| s.needle.as_str()).collect();
        assert_eq!(needles, ["\"conditonal\"", "\"secret\"", "\"ftp\""], "{found:?}");
        assert_eq!(found[0].help.as_ref().map(|h| h.en.as_str()), Some("did you mean `\"conditional\"`?"));
    }

    #[test]
    fn message_days_must_agree_with_working_days() {
        let found = lint(
            r#"@id("t") @article("第十八条") @outcome("review") @reviewer("provider") @workingDays("3")
               @zh("数据提供单位应在5个工作日内答复") @en("The provider answers within 3 working days")
               permit (principal, action == Action::"share", resource) when { resource.sharing == "conditional" };"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].code, found[0].needle.as_str()), ("message-days", "@zh"));
        assert!(found[0].message.en.contains("says 5 working days"), "{:?}", found[0].message);
        assert!(found[0].message.zh.contains("写的是 5 个工作日"), "{:?}", found[0].message);
    }

    #[test]
    fn a_forbid_without_field_or_condition_is_named() {
        assert_eq!(
            codes(
                r#"@id("t") @article("第十八条") @zh("z") @en("e") forbid (principal, action == Action::"share", resource);"#
            ),
            ["forbid-without-field", "unconditional-forbid"]
        );
        let clean = r#"@id("t") @article("第十八条") @field("/application/scenario") @zh("z") @en("e")
            forbid (principal, action == Action::"share", resource) unless { context has scenario };"#;
        assert_eq!(codes(clean), Vec::<&str>::new());
    }

    #[test]
    fn the_built_in_policies_have_no_slips() {
        for j in crate::builtin_jurisdictions() {
            let sources = Sources::builtin(j).unwrap();
            let engine = crate::Engine::builtin(j).unwrap();
            for summary in crate::inspect::inspect(&sources).unwrap() {
                let found = slips(&summary, engine.vocabulary());
                assert!(found.is_empty(), "{j} {}: {found:?}", summary.id);
            }
        }
    }
}

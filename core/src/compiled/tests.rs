//! The evaluator against Cedar's on small policies that reach each construct and each
//! error: the same decision, the same policies determining it, the same policies erring.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "a test fails loudly")]

use std::collections::BTreeMap;
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityUid, PolicySet, Request, RestrictedExpression,
};

use super::eval::Attributes;
use super::{compile, decide, EntityRef, Input, Value, Var};

fn uid(ty: &str, id: &str) -> EntityUid {
    EntityUid::from_str(&format!("{ty}::\"{id}\"")).unwrap()
}

/// Named attributes.
type Attrs = Vec<(&'static str, Value<'static>)>;

/// A decision as compared: allowed, the determining policies, the erring ones.
type Outcome = (bool, Vec<String>, Vec<String>);

fn attrs() -> (Attrs, Attrs) {
    let s = |t: &str| Value::Str(t.to_owned().into());
    let principal = vec![("type", s("agency")), ("level", Value::Long(3)), ("big", Value::Long(i64::MAX))];
    let context = vec![
        ("aim", s("task")),
        ("marks", Value::Set(vec![s("marked_p"), s("marked_s")])),
        ("span", Value::Long(-60)),
        ("day", Value::DateTime(super::day_millis("2026-03-02".parse().unwrap()))),
        ("name", s("甘孜州卫生健康委员会")),
        ("catalog", Value::Record(BTreeMap::from([("name".into(), s("人口"))]))),
        ("yes", Value::Bool(true)),
    ];
    (principal, context)
}

fn cedar(v: &Value<'_>) -> RestrictedExpression {
    match v {
        Value::Bool(b) => RestrictedExpression::new_bool(*b),
        Value::Long(n) => RestrictedExpression::new_long(*n),
        Value::Str(s) => RestrictedExpression::new_string(s.to_string()),
        Value::Set(items) => RestrictedExpression::new_set(items.iter().map(cedar)),
        Value::Record(m) => RestrictedExpression::new_record(m.iter().map(|(k, v)| (k.to_string(), cedar(v)))).unwrap(),
        Value::DateTime(ms) => RestrictedExpression::new_datetime(super::millis_day(*ms).unwrap().to_string()),
        Value::Entity(e) => RestrictedExpression::new_entity_uid(uid(&e.ty, &e.id)),
    }
}

/// `(decision, determining ids, erring ids)` by Cedar and by the compiled policies.
fn both(text: &str) -> (Outcome, Outcome) {
    let set = PolicySet::from_str(text).unwrap();
    let (principal, context) = attrs();
    let to_cedar = |a: &[(&str, Value<'_>)]| a.iter().map(|(k, v)| ((*k).to_owned(), cedar(v))).collect::<Vec<_>>();
    let p = uid("Requester", "p");
    let r = uid("Resource", "r");
    let entities = Entities::from_entities(
        [
            Entity::new_with_tags(p.clone(), to_cedar(&principal), [], []).unwrap(),
            Entity::new_with_tags(r.clone(), [], [], []).unwrap(),
        ],
        None,
    )
    .unwrap();
    let request =
        Request::new(p, uid("Action", "lend"), r, Context::from_pairs(to_cedar(&context)).unwrap(), None).unwrap();
    let response = Authorizer::new().is_authorized(&request, &set, &entities);
    let mut reason: Vec<String> = response.diagnostics().reason().map(ToString::to_string).collect();
    let mut errors: Vec<String> = response
        .diagnostics()
        .errors()
        .map(|cedar_policy::AuthorizationError::PolicyEvaluationError(e)| e.policy_id().to_string())
        .collect();
    reason.sort();
    errors.sort();
    let by_cedar = (response.decision() == Decision::Allow, reason, errors);

    let compiled: Vec<_> = set.policies().map(|p| compile(p.id().as_ref(), p).unwrap()).collect();
    // Each section's names: those given, then (for the slot layouts below) names declared
    // but not given (`context.missing`, `resource.none`, `resource has level`).
    let layout = |given: &[(&str, Value<'_>)], more: &[&str]| -> Vec<String> {
        given.iter().map(|(k, _)| *k).chain(more.iter().copied()).map(str::to_owned).collect()
    };
    let named = [layout(&principal, &[]), layout(&[], &[]), layout(&context, &[])];
    let input = Input::new(
        (EntityRef { ty: "Requester".into(), id: "p".into() }, slotted(&named[0], &principal)),
        EntityRef { ty: "Action".into(), id: "lend".into() },
        (EntityRef { ty: "Resource".into(), id: "r".into() }, slotted(&named[1], &[])),
        slotted(&named[2], &context),
    );
    let decision = decide(compiled.iter().map(|p| (&p.id, p)), &input);
    // The policies with the request's action compared beforehand decide the same.
    let action = Value::Entity(EntityRef { ty: "Action".into(), id: "lend".into() });
    let folded: Vec<_> = compiled.iter().map(|p| p.prepared(Some(&action), &|_, _| None)).collect();
    assert_eq!(decide(folded.iter().map(|p| (&p.id, p)), &input), decision, "{text}");
    // So do they with attributes read by slot, as an engine gives them, with the action
    // compared beforehand and without.
    let layouts = [
        ("principal", layout(&principal, &[])),
        ("resource", layout(&[], &["none", "level"])),
        ("context", layout(&context, &["missing"])),
    ];
    let names = |section: &str| layouts.iter().find(|(name, _)| *name == section).map(|(_, names)| names);
    let slot = |var: Var, name: &str| names(var.name())?.iter().position(|n| n == name);
    let by_slot = Input::new(
        (EntityRef { ty: "Requester".into(), id: "p".into() }, slotted(names("principal").unwrap(), &principal)),
        EntityRef { ty: "Action".into(), id: "lend".into() },
        (EntityRef { ty: "Resource".into(), id: "r".into() }, slotted(names("resource").unwrap(), &[])),
        slotted(names("context").unwrap(), &context),
    );
    for action in [Some(&action), None] {
        let prepared: Vec<_> = compiled.iter().map(|p| p.prepared(action, &slot)).collect();
        assert_eq!(decide(prepared.iter().map(|p| (&p.id, p)), &by_slot), decision, "{text}");
    }
    let mut reason: Vec<String> = decision.reasons.iter().map(|s| (*s).clone()).collect();
    let mut errors: Vec<String> = decision.errors.iter().map(|(s, _)| (*s).clone()).collect();
    reason.sort();
    errors.sort();
    (by_cedar, (decision.allow, reason, errors))
}

/// Attributes in the slots of `names`, given `given`.
fn slotted<'a>(names: &'a [String], given: &[(&str, Value<'a>)]) -> Attributes<'a> {
    let mut attributes = Attributes::new(names);
    for (name, value) in given {
        attributes.set(names.iter().position(|n| n == name).unwrap(), value.clone());
    }
    attributes
}

/// Each case is a policy set; both deciders must agree on it.
const CASES: &[&str] = &[
    // Scopes.
    r#"permit (principal, action == Action::"lend", resource);"#,
    r#"permit (principal, action == Action::"borrow", resource);"#,
    r#"permit (principal, action in [Action::"borrow", Action::"lend"], resource);"#,
    r#"permit (principal is Requester, action, resource is Resource);"#,
    r#"permit (principal == Requester::"q", action, resource);"#,
    r#"permit (principal in Requester::"p", action, resource is Resource in Resource::"r");"#,
    // Forbid overrides permit; the reason is the forbids then.
    r#"permit (principal, action, resource); forbid (principal, action, resource) when { context.yes };"#,
    r#"permit (principal, action, resource); forbid (principal, action, resource) unless { context.yes };"#,
    // Short-circuit: the erring right side is never evaluated.
    r#"permit (principal, action, resource) when { !context.yes && context.missing };"#,
    r#"permit (principal, action, resource) when { context.yes || context.missing };"#,
    r#"permit (principal, action, resource) when { false } when { context.missing };"#,
    r#"permit (principal, action, resource) when { if context.yes then true else context.missing };"#,
    // `!` over `&&`, `||` and `if`, which short-circuit under it too; over a value that is no
    // boolean, and over an error, which it passes on.
    r#"permit (principal, action, resource) when { !(context.yes && !context.yes) && !!context.yes };"#,
    r#"permit (principal, action, resource) when { !(!context.yes && context.missing) };"#,
    r#"permit (principal, action, resource) when { !(context.yes || context.missing) };"#,
    r#"permit (principal, action, resource) when { !(if !context.yes then context.missing else !context.yes) };"#,
    r#"permit (principal, action, resource) when { !(if context.yes then context.yes else context.missing) };"#,
    r#"permit (principal, action, resource) when { !(context.yes && context.missing) };"#,
    r#"permit (principal, action, resource) when { !!!(context.missing == 1 || context.yes) };"#,
    r#"permit (principal, action, resource) when { !(context.yes && context.aim) };"#,
    r#"forbid (principal, action, resource) when { !!context.aim }; permit (principal, action, resource);"#,
    // Errors: a missing attribute, a type error, an overflow; the policy is skipped.
    r#"permit (principal, action, resource) when { context.missing }; permit (principal, action, resource) when { context.yes };"#,
    r#"forbid (principal, action, resource) when { context.missing == 1 }; permit (principal, action, resource);"#,
    r#"permit (principal, action, resource) when { context.yes && context.aim };"#,
    r#"permit (principal, action, resource) when { principal.big + 1 > 0 };"#,
    r#"permit (principal, action, resource) when { principal.big * -1 - 2 < 0 };"#,
    r#"permit (principal, action, resource) when { -principal.level == -3 };"#,
    r#"permit (principal, action, resource) when { context.aim < 3 };"#,
    r#"permit (principal, action, resource) when { resource.none == 1 };"#,
    r#"permit (principal, action, resource) when { action.none == 1 };"#,
    r#"permit (principal, action, resource) when { Requester::"other".x == 1 };"#,
    // Equality across types is false, not an error.
    r#"permit (principal, action, resource) when { context.aim != 1 && context.span == -60 };"#,
    r#"permit (principal, action, resource) when { context.marks == ["marked_s", "marked_p", "marked_s"] };"#,
    r#"permit (principal, action, resource) when { context.catalog == {name: "人口"} && context.catalog.name == "人口" };"#,
    // Sets.
    // `context` read whole, not through one of its attributes.
    r#"permit (principal, action, resource) when { context == context && context != {yes: true} };"#,
    r#"permit (principal, action, resource) when { {c: context}.c.yes && {c: context}.c has aim };"#,
    r#"permit (principal, action, resource) when { {a: 1, b: 2, c: 3}.b == 2 && {a: 1, b: 2}.c == 1 };"#,
    r#"permit (principal, action, resource) when { (if context.yes then context else {}).span == -60 };"#,
    r#"permit (principal, action, resource) when { (if context.yes then {} else context).span == -60 };"#,
    r#"permit (principal, action, resource) when { context.marks.contains("marked_s") };"#,
    r#"permit (principal, action, resource) when { context.marks.containsAny(["x", "marked_p"]) };"#,
    r#"permit (principal, action, resource) when { context.marks.containsAll(["marked_p", "x"]) };"#,
    r#"permit (principal, action, resource) when { context.aim.contains("d") };"#,
    r#"permit (principal, action, resource) when { context.marks.isEmpty() || [].isEmpty() };"#,
    // Nested sets and records; a set with an erring element errs.
    r#"permit (principal, action, resource) when { {a: [1, 2], b: {c: "x"}} == {b: {c: "x"}, a: [2, 1, 2]} };"#,
    r#"permit (principal, action, resource) when { [1, context.missing].contains(1) };"#,
    r#"permit (principal, action, resource) when { [[principal.level], [4]].contains([3]) };"#,
    // has, including a path; like; is; in.
    r#"permit (principal, action, resource) when { context has catalog.name && !(context has catalog.x) };"#,
    r#"permit (principal, action, resource) when { principal has level && !(resource has level) };"#,
    r#"permit (principal, action, resource) when { context.aim has x };"#,
    r#"permit (principal, action, resource) when { context.name like "甘孜*委员会" && !(context.name like "*x*") };"#,
    r#"permit (principal, action, resource) when { principal is Requester && !(resource is Requester) };"#,
    r#"permit (principal, action, resource) when { principal in [Requester::"p", Requester::"q"] };"#,
    r#"permit (principal, action, resource) when { context.aim in [Requester::"p"] };"#,
    // Dates.
    r#"permit (principal, action, resource) when { context.day >= datetime("2026-03-02") && context.day < datetime("2026-03-03") };"#,
    r#"permit (principal, action, resource) when { context.day == datetime("2026-03-02") };"#,
    r#"permit (principal, action, resource) when { context.day > 3 };"#,
    // Nothing permits.
    r#"forbid (principal, action, resource) when { false };"#,
];

#[test]
fn the_compiled_policies_decide_as_cedar_does() {
    let mut differ = Vec::new();
    for case in CASES {
        let (by_cedar, compiled) = both(case);
        if by_cedar != compiled {
            differ.push(format!("{case}\n  cedar:    {by_cedar:?}\n  compiled: {compiled:?}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // The cases do reach each outcome: an error, a permit, a forbid, nothing.
    let outcomes: Vec<_> = CASES.iter().map(|c| both(c).0).collect();
    assert!(outcomes.iter().any(|o| !o.2.is_empty()));
    assert!(outcomes.iter().any(|o| o.0));
    assert!(outcomes.iter().any(|o| !o.0 && !o.1.is_empty()));
    assert!(outcomes.iter().any(|o| !o.0 && o.1.is_empty()));
}

#[test]
fn what_the_evaluator_does_not_reproduce_does_not_compile() {
    for (text, construct) in [
        (r#"permit (principal, action, resource) when { context.d < datetime("2026-03-02T10:00:00Z") };"#, "datetime"),
        (r#"permit (principal, action, resource) when { context.d < decimal("1.0") };"#, "decimal"),
        (r#"permit (principal, action, resource) when { principal.hasTag("x") };"#, "hasTag"),
        (r#"permit (principal, action, resource) when { ip("10.0.0.1").isLoopback() };"#, "isLoopback"),
    ] {
        let set = PolicySet::from_str(text).unwrap();
        let policy = set.policies().next().unwrap();
        let error = compile("p", policy).unwrap_err();
        assert!(error.0.contains(construct), "{text}: {}", error.0);
    }
}

#[test]
fn declared_attributes_of_the_variables_are_read_by_slot_and_others_by_name() {
    let text = r#"permit (principal, action, resource) when {
        principal has level && principal.level == 3 && context.missing == 1
        && Requester::"q".level == 1 && resource.undeclared == 1 && context.catalog.name == "x"
        && ["a", ["b"], {c: 1}].contains(context.missing) && [context.missing, 1].isEmpty()
        && {d: context.missing} == {d: 1}
    };"#;
    let set = PolicySet::from_str(text).unwrap();
    let policy = compile("p", set.policies().next().unwrap()).unwrap();
    let slot = |var: Var, name: &str| match (var, name) {
        (Var::Principal, "level") => Some(4),
        (Var::Context, "missing") => Some(7),
        (Var::Context, "catalog") => Some(2),
        _ => None,
    };
    let resolved = format!("{:?}", policy.prepared(None, &slot).condition);
    for read in
        ["HasSlot(Principal, 4)", "Slot(Principal, 4)", "Slot(Context, 7)", "GetAttr(Slot(Context, 2), \"name\")"]
    {
        assert!(resolved.contains(read), "{read} in {resolved}");
    }
    // A set or a record of literals is a literal; one of anything else is made as before.
    assert!(resolved.contains(r#"Lit(Set([Str("a"), Set([Str("b")]), Record({"c": Long(1)})]))"#), "{resolved}");
    assert!(resolved.contains("Set([Slot(Context, 7), Lit(Long(1))])"), "{resolved}");
    assert!(resolved.contains(r#"Record([("d", Slot(Context, 7))])"#), "{resolved}");
    // An entity named by a literal, and a name the layout lacks, are read by name.
    assert!(
        resolved.contains("\"undeclared\"") && resolved.contains("\"q\"") && resolved.matches("GetAttr").count() == 3
    );
}

#[test]
fn the_action_is_compared_beforehand_in_the_top_level_conjunction_only() {
    let text = r#"permit (principal, action in [Action::"lend", Action::"give"], resource) when {
        principal.level == 3 && (action == Action::"borrow" || context.yes)
    };"#;
    let set = PolicySet::from_str(text).unwrap();
    let policy = compile("p", set.policies().next().unwrap()).unwrap();
    let slot = |var: Var, name: &str| (var == Var::Principal && name == "level").then_some(0);
    let lend = Value::Entity(EntityRef { ty: "Action".into(), id: "lend".into() });
    let prepared = format!("{:?}", policy.prepared(Some(&lend), &slot).condition);
    // In one walk the scope is decided and the attribute is read by slot; the comparison
    // under `||` is left as written, as the fold reaches only the conditions the
    // top-level `&&` joins (where a scope is compiled to).
    assert!(prepared.contains("Lit(Bool(true))") && !prepared.contains("Lit(Bool(false))"), "{prepared}");
    assert!(prepared.contains("Slot(Principal, 0)"), "{prepared}");
    assert_eq!(prepared.matches("Var(Action)").count(), 1, "{prepared}");
    let borrow = Value::Entity(EntityRef { ty: "Action".into(), id: "borrow".into() });
    let prepared = format!("{:?}", policy.prepared(Some(&borrow), &slot).condition);
    assert!(prepared.contains("Lit(Bool(false))"), "{prepared}");
    let unfolded = format!("{:?}", policy.prepared(None, &slot).condition);
    assert_eq!(unfolded.matches("Var(Action)").count(), 2, "{unfolded}");
}

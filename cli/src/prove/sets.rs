//! The policy sets a question is asked of. Cedar allows a request when some permit fires and
//! no forbid does; the engine admits one (granted or review) when no forbid fires and some
//! `@outcome` permit — a ground — does. So a side's "admitted" is the Cedar decision of its
//! grounds and forbids alone (obligations, warnings and later steps left out: they allow
//! without grounding), with the request-space forbid added.
//!
//! "Admitted and policy P fires" is the decision of that set with P's conditions added as
//! forbids that fire whenever P does not (one per `when`/`unless` clause, turned round).

use cedar_policy::{Policy, PolicyId, PolicySet};
use pubdata_policy::PolicyRole;
use serde_json::{json, Value};

/// One side's policies for one kind and period: id, role, policy.
pub type KindPolicies = Vec<(String, PolicyRole, Policy)>;

/// The grounds and forbids of `side` with the request space: allowed exactly when the
/// engine admits the request.
pub fn admitted(side: &KindPolicies, space: &[Policy]) -> Result<PolicySet, String> {
    let deciding = side.iter().filter(|(_, role, _)| matches!(role, PolicyRole::Ground | PolicyRole::Forbid));
    set(deciding.map(|(_, _, p)| p.clone()).chain(space.iter().cloned()))
}

/// `admitted` restricted to the requests on which `policy` fires.
pub fn admitted_and_fires(
    side: &KindPolicies,
    space: &[Policy],
    id: &str,
    policy: &Policy,
) -> Result<PolicySet, String> {
    let mut all: Vec<Policy> = side
        .iter()
        .filter(|(_, role, _)| matches!(role, PolicyRole::Ground | PolicyRole::Forbid))
        .map(|(_, _, p)| p.clone())
        .collect();
    all.extend(space.iter().cloned());
    all.extend(unless_fires(id, policy)?);
    set(all)
}

fn set(policies: impl IntoIterator<Item = Policy>) -> Result<PolicySet, String> {
    PolicySet::from_policies(policies).map_err(|e| format!("cannot form the policy set to prove over: {e}"))
}

/// Forbids that fire on a request exactly when `policy` does not. Its action scope admits
/// the kind (the engine gave it for the kind), so only the principal and resource scopes and
/// the conditions count; a scope on a particular principal or resource is not restated.
fn unless_fires(id: &str, policy: &Policy) -> Result<Vec<Policy>, String> {
    let est = policy.to_json().map_err(|e| format!("policy `{id}`: cannot read it as JSON: {e}"))?;
    for scope in ["principal", "resource"] {
        if est.get(scope).and_then(|s| s.get("op")).and_then(Value::as_str) != Some("All") {
            return Err(format!(
                "policy `{id}`: --prove restates only conditions, and this policy's {scope} scope is not `{scope}` alone"
            ));
        }
    }
    let conditions = est.get("conditions").and_then(Value::as_array).cloned().unwrap_or_default();
    conditions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let turned = match c.get("kind").and_then(Value::as_str) {
                Some("when") => "unless",
                Some("unless") => "when",
                other => return Err(format!("policy `{id}`: a condition of kind {other:?}, expected when or unless")),
            };
            let forbid = json!({
                "effect": "forbid",
                "principal": { "op": "All" },
                "action": { "op": "All" },
                "resource": { "op": "All" },
                "conditions": [{ "kind": turned, "body": c.get("body").cloned().unwrap_or(Value::Null) }],
            });
            Policy::from_json(Some(PolicyId::new(format!("pdp.prove.unless.{id}.{i}"))), forbid)
                .map_err(|e| format!("policy `{id}`: cannot restate its condition {i}: {e}"))
        })
        .collect()
}

/// A policy's scope and conditions, without its annotations: what Cedar evaluates.
pub fn logic(policy: &Policy) -> Option<Value> {
    let mut est = policy.to_json().ok()?;
    if let Some(o) = est.as_object_mut() {
        o.remove("annotations");
    }
    Some(est)
}

/// Annotations that only word a message or name the catalogue entry: a diff does not
/// compare them, so neither does a proof.
const WORDING: [&str; 3] = ["zh", "en", "catalog"];

/// Whether two versions of a policy differ in an annotation a verdict shows.
pub fn shown_annotations_differ(a: &Policy, b: &Policy) -> bool {
    let shown = |p: &Policy| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> =
            p.annotations().filter(|(k, _)| !WORDING.contains(k)).map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        v.sort();
        v
    };
    shown(a) != shown(b)
}

/// `policy` as a forbid of the same scope and conditions: added to a set, it keeps out the
/// requests on which the policy fires.
pub fn never_fires(id: &str, policy: &Policy) -> Result<Policy, String> {
    let mut est = policy.to_json().map_err(|e| format!("policy `{id}`: cannot read it as JSON: {e}"))?;
    if let Some(o) = est.as_object_mut() {
        o.insert("effect".into(), "forbid".into());
        o.remove("annotations");
    }
    Policy::from_json(Some(PolicyId::new(format!("pdp.prove.not.{id}"))), est)
        .map_err(|e| format!("policy `{id}`: cannot restate it as a forbid: {e}"))
}

/// `set` with `more` added.
pub fn with(set: &PolicySet, more: impl IntoIterator<Item = Policy>) -> Result<PolicySet, String> {
    let mut out = set.clone();
    for p in more {
        out.add(p).map_err(|e| format!("cannot form the policy set to prove over: {e}"))?;
    }
    Ok(out)
}

//! The Cedar authorisation an engine makes, written out in Cedar's own JSON formats, so
//! that another Cedar implementation can be given exactly the same work. The Node
//! benchmark (`bench/`, see BENCHMARKS.md) hands it to `@cedar-policy/cedar-wasm`.
//! Deciding a request never needs it.

use serde_json::{json, Map, Value};

use crate::engine::Engine;
use crate::error::Error;
use crate::request::Request;

impl Engine {
    /// The one Cedar authorisation [`Engine::check`] makes for `request`, as
    /// `{ "principal", "action", "resource", "context", "entities" }`: entity references as
    /// `{ "type", "id" }`, the context as Cedar's context JSON, the entities (requester and
    /// resource; the schema's actions too when it groups actions) as Cedar's entities JSON;
    /// `datetime` values are `{ "__extn": { "fn": "datetime", "arg": "YYYY-MM-DD" } }`. With
    /// [`Engine::cedar_policies`] and the schema text, it is the whole input of Cedar's
    /// `isAuthorized` — the call that gives the policies from which the verdict is made.
    pub fn cedar_call(&self, request: &Request) -> Result<Value, Error> {
        let (input, _) = self.cedar_input(request)?;
        let json = |e: &dyn std::fmt::Display| Error::Evaluation(e.to_string());
        let uid = |u: Option<&cedar_policy::EntityUid>| -> Result<Value, Error> {
            let u = u.ok_or_else(|| Error::Evaluation("an unknown request part".into()))?;
            Ok(json!({ "type": u.type_name().to_string(), "id": u.id().unescaped() }))
        };
        let context = input.request.context().ok_or_else(|| Error::Evaluation("an unknown context".into()))?;
        Ok(json!({
            "principal": uid(input.request.principal())?,
            "action": uid(input.request.action())?,
            "resource": uid(input.request.resource())?,
            "context": context.to_json_value().map_err(|e| json(&e))?,
            "entities": input.entities.to_json_value().map_err(|e| json(&e))?,
        }))
    }

    /// Every policy of the engine in force on `date` as Cedar text, keyed by its `@id` (the
    /// id Cedar reports a policy by), in the order the files give them: the set
    /// [`Engine::check`] asks Cedar about for a request of that date (which dates a rule's
    /// `@validFrom`/`@validUntil` and its regulation's term leave out, Cedar never sees).
    pub fn cedar_policies(&self, date: chrono::NaiveDate) -> Map<String, Value> {
        let policies = self.ordered_policies().into_iter().filter(|(id, _)| self.in_force_on(id, date));
        policies.map(|(id, p)| (id.to_owned(), Value::String(p.to_string()))).collect()
    }
}

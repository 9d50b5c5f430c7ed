//! Turns a contract request into the Cedar request the policies are written against
//! (see `policies/schema.cedarschema`): contract names become attribute names as they are.
//!
//! Cedar values are built straight from the typed request, field by field (no JSON in
//! between), with the names Cedar needs (entity types, the five actions) made once per
//! engine. Absent and blank values are left out; booleans and lists are always given.

use std::str::FromStr;
use std::sync::Mutex;

use cedar_policy::{
    ActionConstraint, Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, PolicySet, PrincipalConstraint,
    ResourceConstraint, RestrictedExpression, Schema,
};
use chrono::NaiveDate;

use crate::error::Error;
use crate::identifier::{citizen_id_problem, credit_code_problem, IdProblem};
use crate::request::{Catalog, Kind, Request, RequesterType};

pub(crate) struct CedarInput {
    pub request: cedar_policy::Request,
    pub entities: Entities,
}

/// What is wrong with the requester's identifier: `None` when none is given,
/// `Some(None)` when it is valid.
pub(crate) fn id_problem(request: &Request) -> Option<Option<IdProblem>> {
    let number = request.requester.id_number.as_deref().filter(|n| !crate::text::is_blank(n)).map(str::trim)?;
    Some(match request.requester.requester_type {
        Some(RequesterType::Citizen) => citizen_id_problem(number),
        Some(_) => credit_code_problem(number),
        // Either identifier will do; a number that is neither is judged as the one it resembles.
        None => match (citizen_id_problem(number), credit_code_problem(number)) {
            (None, _) | (_, None) => None,
            (Some(IdProblem::Format), credit) => credit,
            (citizen, _) => citizen,
        },
    })
}

/// What every request of one engine shares: the entity types, the actions, and whether
/// each input must be checked against the schema.
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    requester: EntityTypeName,
    resource: EntityTypeName,
    /// `Action::"<kind>"` for each kind, in `Kind::ALL` order.
    actions: Vec<(Kind, EntityUid)>,
    /// The schema's action entities when it groups actions, given with every request
    /// for `action in <group>`. Without groups they would add nothing a policy can read
    /// (actions have no attributes), so none are given.
    action_entities: Vec<Entity>,
    /// `datetime("…")` of the days most recently decided on: Cedar parses the function's
    /// name each time it makes one, and a form checks on every keystroke with the same day.
    dates: DateCache,
    /// The schema each input is checked against, or `None` when the input is known to
    /// conform: the built-in schema describes exactly what [`Builder::build`] makes (a
    /// test builds requests with every field against it), so checking again per request
    /// would only repeat that test. A schema from elsewhere (an author's working copy)
    /// may differ, so its inputs are checked, and a mismatch is an error as before.
    checked_against: Option<Schema>,
}

impl Builder {
    /// `schema` may be `None` only for the built-in schema, when it groups no actions.
    pub fn new(schema: Option<&Schema>, builtin_schema: bool) -> Result<Builder, Error> {
        let [requester, action, resource] = type_names()?;
        let actions = Kind::ALL.iter().map(|k| (*k, uid(&action, k.as_str()))).collect();
        Ok(Builder {
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
            checked_against: if builtin_schema { None } else { schema.cloned() },
        })
    }

    /// The action of a kind of request.
    pub fn action(&self, kind: Kind) -> Result<&EntityUid, Error> {
        let found = self.actions.iter().find(|(k, _)| *k == kind).map(|(_, a)| a);
        found.ok_or_else(|| Error::Evaluation(format!("no action for kind `{kind}`")))
    }

    pub fn build(&self, request: &Request, date: NaiveDate) -> Result<CedarInput, Error> {
        let internal = |e: &dyn std::fmt::Display| Error::Evaluation(e.to_string());
        let schema = self.checked_against.as_ref();

        let q = &request.requester;
        let mut requester = Attrs::default();
        requester.word("type", q.requester_type.map(RequesterType::as_str));
        requester.text("name", &q.name);
        requester.text("idNumber", &q.id_number);
        if let Some(problem) = id_problem(request) {
            requester.bool("idValid", problem.is_none());
            requester.word("idProblem", problem.map(IdProblem::as_str));
        }
        requester.word("rating", q.rating.map(|r| r.as_str()));
        requester.long("securityLevel", q.security_level.map(i64::from));
        requester.bool("dishonest", q.dishonest);
        requester.set("materials", q.materials.iter().map(|m| m.as_str()));
        requester.set("penalties", q.penalties.iter().map(|p| p.as_str()));
        requester.set("lists", q.lists.iter().map(|l| l.as_str()));
        requester.bool("principalCriminal", q.principal_criminal);

        let r = &request.resource;
        let mut resource = Attrs::default();
        resource.text("name", &r.name);
        resource.text("provider", &r.provider);
        resource.word("sharing", r.sharing.map(|s| s.as_str()));
        resource.word("opening", r.opening.map(|o| o.as_str()));
        resource.bool("inCatalog", r.in_catalog);
        resource.set("flags", r.flags.iter().map(|f| f.as_str()));
        resource.set("treatments", r.treatments.iter().map(|t| t.as_str()));

        let a = &request.application;
        let mut context = Attrs::default();
        context.text("purpose", &a.purpose);
        context.text("scenario", &a.scenario);
        context.word("scenarioType", a.scenario_type.map(|s| s.as_str()));
        context.text("needBasis", &a.need_basis);
        context.text("businessGoal", &a.business_goal);
        context.text("securityMeasures", &a.security_measures);
        context.bool("commitment", a.commitment);
        context.word("usageMode", a.usage_mode.map(|u| u.as_str()));
        context.long("usageEveryDays", a.usage_every_days.map(i64::from));
        context.bool("thirdPartyTransfer", a.third_party_transfer);
        context.bool("crossLevel", a.cross_level);
        context.bool("crossRegion", a.cross_region);
        context.text("needType", &a.need_type);
        context.text("dataContent", &a.data_content);
        context.long("securityLevel", a.security_level.map(i64::from));
        context.bool("fusion", a.fusion);
        context.text("fusionPlan", &a.fusion_plan);
        context.text("lowFrequencyReason", &a.low_frequency_reason);
        context.bool("keyWorkEvaluated", a.key_work_evaluated);
        context.text("reason", &a.reason);
        context.text("conditions", &a.conditions);
        context.text("legalBasis", &a.legal_basis);
        context.word("openingGround", a.opening_ground.map(|o| o.as_str()));
        if let Some(catalog) = &a.catalog {
            context.push("catalog", catalog_record(catalog).map_err(|e| internal(&e))?);
        }
        context.opt_bool("aggregated", a.aggregated);
        context.text("notAggregatedBasis", &a.not_aggregated_basis);
        context.word("attribute", a.attribute.map(|x| x.as_str()));
        context.word("from", a.from.map(|x| x.as_str()));
        context.word("to", a.to.map(|x| x.as_str()));
        context.text("authorityApproval", &a.authority_approval);
        context.bool("filed", a.filed);
        context.bool("securityNeed", a.security_need);
        context.bool("authorityProposal", a.authority_proposal);
        context.bool("ownData", a.own_data);
        context.bool("subjectAuthorized", a.subject_authorized);
        context.bool("reReview", a.re_review);
        context.word("action", a.action.map(|x| x.as_str()));
        context.bool("productApproved", a.product_approved);
        context.opt_bool("withinScope", a.within_scope);
        context.push("date", self.dates.get(date));
        // For each date the application gives, how long ago it was: whole calendar months
        // and days up to the request date (negative when it lies ahead).
        if let Some(since) = a.agreement_start {
            context.push("agreementStart", self.dates.get(since));
            context.push("agreementStartMonths", RestrictedExpression::new_long(whole_months(since, date)));
            context.push("agreementStartDays", RestrictedExpression::new_long((date - since).num_days()));
        }

        let principal = uid(&self.requester, request.requester.id.as_deref().unwrap_or("requester"));
        let resource_uid = uid(&self.resource, request.resource.id.as_deref().unwrap_or("resource"));
        let action = self.action(request.kind)?.clone();

        let parties = [
            Entity::new_with_tags(principal.clone(), requester.0, [], []).map_err(|e| internal(&e))?,
            Entity::new_with_tags(resource_uid.clone(), resource.0, [], []).map_err(|e| internal(&e))?,
        ];
        // A checked input takes the action entities from the schema itself, as before.
        let entities = match schema {
            Some(_) => Entities::from_entities(parties, schema),
            None => Entities::from_entities(self.action_entities.iter().cloned().chain(parties), None),
        }
        .map_err(|e| internal(&e))?;
        let context = Context::from_pairs(context.0).map_err(|e| internal(&e))?;
        let request =
            cedar_policy::Request::new(principal, action, resource_uid, context, schema).map_err(|e| internal(&e))?;
        Ok(CedarInput { request, entities })
    }
}

fn catalog_record(c: &Catalog) -> Result<RestrictedExpression, cedar_policy::ExpressionConstructionError> {
    let mut record = Attrs::default();
    record.text("name", &c.name);
    record.text("openingSubject", &c.opening_subject);
    record.text("format", &c.format);
    record.text("dataType", &c.data_type);
    record.text("updateFrequency", &c.update_frequency);
    record.text("source", &c.source);
    record.text("gradingLevel", &c.grading_level);
    record.text("coverage", &c.coverage);
    record.text("managingBody", &c.managing_body);
    record.text("description", &c.description);
    RestrictedExpression::new_record(record.0)
}

/// The attributes of a record, in the making.
#[derive(Default)]
struct Attrs(Vec<(String, RestrictedExpression)>);

impl Attrs {
    fn push(&mut self, key: &str, value: RestrictedExpression) {
        self.0.push((key.to_owned(), value));
    }

    /// A text field: blank counts as absent.
    fn text(&mut self, key: &str, value: &Option<String>) {
        if let Some(s) = value.as_deref().filter(|s| !crate::text::is_blank(s)) {
            self.push(key, RestrictedExpression::new_string(s.to_owned()));
        }
    }

    /// An enum value, as the contract spells it.
    fn word(&mut self, key: &str, value: Option<&str>) {
        if let Some(s) = value {
            self.push(key, RestrictedExpression::new_string(s.to_owned()));
        }
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.push(key, RestrictedExpression::new_bool(value));
    }

    fn opt_bool(&mut self, key: &str, value: Option<bool>) {
        if let Some(b) = value {
            self.bool(key, b);
        }
    }

    fn long(&mut self, key: &str, value: Option<i64>) {
        if let Some(n) = value {
            self.push(key, RestrictedExpression::new_long(n));
        }
    }

    fn set<'a>(&mut self, key: &str, items: impl Iterator<Item = &'a str>) {
        self.push(key, RestrictedExpression::new_set(items.map(|i| RestrictedExpression::new_string(i.to_owned()))));
    }
}

/// A few `datetime` values, made once each.
#[derive(Debug, Default)]
struct DateCache(Mutex<Vec<(NaiveDate, RestrictedExpression)>>);

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

/// The entity types of the requester, the actions and the resource, read off one policy:
/// Cedar's parser builds its lexer anew for every text it reads, so one text naming all
/// three is read with one lexer instead of three, and with the grammar the policies were
/// just read with (each is code a cold WebAssembly start compiles first; BENCHMARKS.md).
fn type_names() -> Result<[EntityTypeName; 3], Error> {
    let scope = r#"permit (principal is Requester, action == Action::"share", resource is Resource);"#;
    let set = PolicySet::from_str(scope).map_err(|e| Error::Evaluation(e.to_string()))?;
    let constraints =
        set.policies().next().map(|p| (p.principal_constraint(), p.action_constraint(), p.resource_constraint()));
    match constraints {
        Some((PrincipalConstraint::Is(requester), ActionConstraint::Eq(action), ResourceConstraint::Is(resource))) => {
            Ok([requester, action.type_name().clone(), resource])
        }
        _ => Err(Error::Evaluation(format!("the entity types cannot be read off `{scope}`"))),
    }
}

fn uid(type_name: &EntityTypeName, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(type_name.clone(), EntityId::new(id))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test fails loudly")]

    use std::str::FromStr;

    use cedar_policy::{Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression, Schema};
    use serde_json::{Map, Value};

    use super::{whole_months, Builder};
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

    fn schema() -> Schema {
        Schema::from_cedarschema_str(crate::embedded::SCHEMA).unwrap().0
    }

    /// A request that gives every field of the contract, text fields blank where `blank`.
    fn full_request(blank: bool) -> Request {
        let t = |s: &str| if blank { " ".to_owned() } else { s.to_owned() };
        let catalog = serde_json::json!({ "name": t("目录"), "openingSubject": t("主体"), "format": t("格式"),
            "dataType": t("类型"), "updateFrequency": t("频率"), "source": t("来源"), "gradingLevel": t("分级"),
            "coverage": t("范围"), "managingBody": t("单位"), "description": t("描述") });
        let share = serde_json::json!({ "purpose": t("duty"), "scenario": t("场景"), "scenarioType": "key_work",
            "needBasis": t("依据"), "businessGoal": t("目标"), "securityMeasures": t("措施"), "commitment": true,
            "usageMode": "api", "usageEveryDays": 30, "thirdPartyTransfer": true, "crossLevel": true,
            "crossRegion": true, "needType": t("类型"), "dataContent": t("内容"), "securityLevel": 2, "fusion": true,
            "fusionPlan": t("方案"), "lowFrequencyReason": t("原因"), "keyWorkEvaluated": true });
        let others = serde_json::json!({ "reason": t("理由"), "conditions": t("条件"), "legalBasis": t("法律"),
            "openingGround": "consent", "catalog": catalog, "aggregated": false, "notAggregatedBasis": t("依据"),
            "attribute": "sharing", "from": "none", "to": "conditional", "authorityApproval": t("批复"),
            "filed": true, "securityNeed": true, "authorityProposal": true, "ownData": true,
            "subjectAuthorized": true, "reReview": true, "action": "request_data", "productApproved": true,
            "withinScope": false, "agreementStart": "2024-02-29" });
        let mut application = share;
        json_patch::merge(&mut application, &others);
        let text = serde_json::json!({
            "jurisdiction": "suining", "kind": "operate", "date": "2026-03-02",
            "requester": { "id": "r-1", "type": "operator", "name": t("某公司"), "idNumber": t("91110000600037341L"),
                "rating": "AA", "securityLevel": 3, "dishonest": true, "materials": ["need_list", "credit_report"],
                "penalties": ["criminal"], "lists": ["dishonest"], "principalCriminal": true },
            "resource": { "id": "d-1", "name": t("数据"), "provider": t("单位"), "sharing": "conditional",
                "opening": "none", "inCatalog": false, "flags": ["state_secret", "personal_info"], "treatments": ["consent"] },
            "application": application
        });
        Request::from_value(text).unwrap()
    }

    #[test]
    fn the_builtin_schema_admits_every_field_of_every_request() {
        let schema = schema();
        let checked = Builder::new(Some(&schema), false).unwrap();
        for request in [
            full_request(false),
            full_request(true),
            Request::from_json(r#"{"jurisdiction":"ganzi","kind":"share"}"#).unwrap(),
        ] {
            checked.build(&request, d("2026-03-02")).expect("the input conforms to the built-in schema");
        }
    }

    /// What the engine built before it built Cedar values directly: the request's JSON
    /// parts, attribute by attribute. Kept to show that both give the same Cedar input.
    fn through_json(request: &Request, date: chrono::NaiveDate, schema: &Schema) -> (Value, Value) {
        const DATE_FIELDS: &[&str] = &["date", "agreementStart"];
        fn expr(key: &str, value: Value) -> Option<RestrictedExpression> {
            Some(match value {
                Value::Null => return None,
                Value::Bool(b) => RestrictedExpression::new_bool(b),
                Value::Number(n) => RestrictedExpression::new_long(n.as_i64()?),
                Value::String(s) if crate::text::is_blank(&s) => return None,
                Value::String(s) if DATE_FIELDS.contains(&key) => RestrictedExpression::new_datetime(s),
                Value::String(s) => RestrictedExpression::new_string(s),
                Value::Array(items) => RestrictedExpression::new_set(items.into_iter().filter_map(|i| expr("", i))),
                Value::Object(map) => RestrictedExpression::new_record(attrs(map)).ok()?,
            })
        }
        fn attrs(map: Map<String, Value>) -> Vec<(String, RestrictedExpression)> {
            map.into_iter().filter_map(|(k, v)| expr(&k, v).map(|e| (k, e))).collect()
        }
        fn object<T: serde::Serialize>(part: &T) -> Map<String, Value> {
            match serde_json::to_value(part).unwrap() {
                Value::Object(map) => map,
                _ => panic!("not an object"),
            }
        }
        let mut requester = object(&request.requester);
        requester.remove("id");
        if let Some(problem) = super::id_problem(request) {
            requester.insert("idValid".into(), Value::Bool(problem.is_none()));
            if let Some(p) = problem {
                requester.insert("idProblem".into(), Value::String(p.as_str().into()));
            }
        }
        let mut resource = object(&request.resource);
        resource.remove("id");
        let mut context = object(&request.application);
        context.insert("date".into(), Value::String(date.to_string()));
        let since =
            context.get("agreementStart").and_then(Value::as_str).and_then(|s| s.parse::<chrono::NaiveDate>().ok());
        if let Some(since) = since {
            context.insert("agreementStartMonths".into(), Value::from(whole_months(since, date)));
            context.insert("agreementStartDays".into(), Value::from((date - since).num_days()));
        }
        let uid = |t: &str, id: &str| {
            EntityUid::from_type_name_and_id(EntityTypeName::from_str(t).unwrap(), EntityId::new(id))
        };
        let entities = Entities::from_entities(
            [
                Entity::new_with_tags(
                    uid("Requester", request.requester.id.as_deref().unwrap_or("requester")),
                    attrs(requester),
                    [],
                    [],
                )
                .unwrap(),
                Entity::new_with_tags(
                    uid("Resource", request.resource.id.as_deref().unwrap_or("resource")),
                    attrs(resource),
                    [],
                    [],
                )
                .unwrap(),
            ],
            Some(schema),
        )
        .unwrap();
        let context = Context::from_pairs(attrs(context)).unwrap();
        (entities.to_json_value().unwrap(), context.to_json_value().unwrap())
    }

    fn direct(request: &Request, date: chrono::NaiveDate, builder: &Builder) -> (Value, Value) {
        let input = builder.build(request, date).unwrap();
        let context = input.request.context().unwrap().to_json_value().unwrap();
        // The built-in schema groups no actions: the action entities the JSON path added
        // (they have no attributes and no parents) are left out, and added back to compare.
        let entities = Entities::from_entities(input.entities.iter().cloned(), Some(&schema())).unwrap();
        (entities.to_json_value().unwrap(), context)
    }

    fn sorted(v: Value) -> Value {
        let mut items: Vec<Value> = v.as_array().cloned().unwrap_or_default();
        items.sort_by_key(|e| e.to_string());
        Value::Array(items)
    }

    #[test]
    fn cedar_values_are_built_as_the_json_parts_gave_them() {
        let schema = schema();
        let builder = Builder::new(Some(&schema), true).unwrap();
        let mut requests = vec![full_request(false), full_request(true)];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
        for dir in std::fs::read_dir(&root).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                let suite =
                    crate::scenario::Suite::from_json(&std::fs::read_to_string(file.unwrap().path()).unwrap()).unwrap();
                requests.extend(suite.cases.iter().filter_map(|c| Request::from_value(suite.request_of(c)).ok()));
            }
        }
        assert!(requests.len() > 400, "{} requests", requests.len());
        for request in &requests {
            let date = request.date.unwrap_or_else(crate::today_in_china);
            let (old_entities, old_context) = through_json(request, date, &schema);
            let (new_entities, new_context) = direct(request, date, &builder);
            assert_eq!(sorted(new_entities), sorted(old_entities), "{request:?}");
            assert_eq!(new_context, old_context, "{request:?}");
        }
    }
}

//! Turns a contract request into the Cedar request the policies are written against
//! (see `policies/schema.cedarschema`): contract names become attribute names as they are.

use std::str::FromStr;

use cedar_policy::{Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression, Schema};
use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::identifier::{is_valid_citizen_id, is_valid_credit_code};
use crate::request::{Request, RequesterType};

/// Contract fields that hold dates, given to Cedar as `datetime` values.
const DATE_FIELDS: &[&str] = &["date", "agreementStart"];

pub(crate) struct CedarInput {
    pub request: cedar_policy::Request,
    pub entities: Entities,
}

/// Whether the requester's identifier passes its checksum (`None` when none is given).
pub(crate) fn id_valid(request: &Request) -> Option<bool> {
    let number = request.requester.id_number.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
    Some(match request.requester.requester_type {
        Some(RequesterType::Citizen) => is_valid_citizen_id(number),
        Some(_) => is_valid_credit_code(number),
        None => is_valid_citizen_id(number) || is_valid_credit_code(number),
    })
}

pub(crate) fn build(request: &Request, date: NaiveDate, schema: &Schema) -> Result<CedarInput, Error> {
    let internal = |e: &dyn std::fmt::Display| Error::Evaluation(e.to_string());
    let mut requester = object(&request.requester)?;
    requester.remove("id");
    if let Some(valid) = id_valid(request) {
        requester.insert("idValid".into(), Value::Bool(valid));
    }
    let mut resource = object(&request.resource)?;
    resource.remove("id");
    let mut context = object(&request.application)?;
    context.insert("date".into(), Value::String(date.to_string()));
    // For each date the application gives, how long ago it was: whole calendar months
    // and days up to the request date (negative when it lies ahead).
    for key in DATE_FIELDS.iter().filter(|k| **k != "date") {
        let since = context.get(*key).and_then(Value::as_str).and_then(|s| s.parse::<NaiveDate>().ok());
        if let Some(since) = since {
            context.insert(format!("{key}Months"), Value::from(whole_months(since, date)));
            context.insert(format!("{key}Days"), Value::from((date - since).num_days()));
        }
    }

    let principal = uid("Requester", request.requester.id.as_deref().unwrap_or("requester"))?;
    let resource_uid = uid("Resource", request.resource.id.as_deref().unwrap_or("resource"))?;
    let action = uid("Action", request.kind.as_str())?;

    let entities = Entities::from_entities(
        [
            Entity::new_with_tags(principal.clone(), attrs(requester), [], []).map_err(|e| internal(&e))?,
            Entity::new_with_tags(resource_uid.clone(), attrs(resource), [], []).map_err(|e| internal(&e))?,
        ],
        Some(schema),
    )
    .map_err(|e| internal(&e))?;
    let context = Context::from_pairs(attrs(context)).map_err(|e| internal(&e))?;
    let request =
        cedar_policy::Request::new(principal, action, resource_uid, context, Some(schema)).map_err(|e| internal(&e))?;
    Ok(CedarInput { request, entities })
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

fn uid(type_name: &str, id: &str) -> Result<EntityUid, Error> {
    let t = EntityTypeName::from_str(type_name).map_err(|e| Error::Evaluation(e.to_string()))?;
    Ok(EntityUid::from_type_name_and_id(t, EntityId::new(id)))
}

/// Attributes of a record: absent and blank values are left out.
fn attrs(map: Map<String, Value>) -> Vec<(String, RestrictedExpression)> {
    map.into_iter().filter_map(|(k, v)| expr(&k, v).map(|e| (k, e))).collect()
}

fn expr(key: &str, value: Value) -> Option<RestrictedExpression> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => RestrictedExpression::new_bool(b),
        Value::Number(n) => RestrictedExpression::new_long(n.as_i64()?),
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) if DATE_FIELDS.contains(&key) => RestrictedExpression::new_datetime(s),
        Value::String(s) => RestrictedExpression::new_string(s),
        Value::Array(items) => RestrictedExpression::new_set(items.into_iter().filter_map(|i| expr("", i))),
        Value::Object(map) => RestrictedExpression::new_record(attrs(map)).ok()?,
    })
}

fn object<T: serde::Serialize>(part: &T) -> Result<Map<String, Value>, Error> {
    match serde_json::to_value(part) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::Evaluation("a request part is not an object".into())),
        Err(e) => Err(Error::Evaluation(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::whole_months;

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
}

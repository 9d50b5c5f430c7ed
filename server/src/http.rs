//! The HTTP endpoints: each reads its body within limits, decides, writes its record and
//! only then answers. Every error is the library's error object (`code`, `field`,
//! `message.zh`, `message.en`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use pubdata_policy::{
    bounded_read, Error, ErrorMessage, ErrorReport, Request as PdpRequest, Verdict, Words, MAX_REQUEST_BYTES,
};
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use tokio::time::timeout_at;

use crate::decision_log::{now, Record, WriterHandle, OUTCOME_REJECTED};
use crate::metrics::Metrics;
use crate::packs::{Current, Packs};

/// The largest `POST /v1/check:batch` body.
pub(crate) const MAX_BATCH_BYTES: usize = 1024 * 1024;

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) packs: Arc<Current>,
    pub(crate) log: WriterHandle,
    pub(crate) log_name: String,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) permits: Semaphore,
    pub(crate) timeout: Duration,
    pub(crate) max_batch: usize,
}

type AppState = State<Arc<Shared>>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/check", post(check))
        .route("/v1/check:batch", post(batch))
        .route("/v1/verify", post(verify))
        .route("/v1/packs", get(packs))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(shared)
}

/// A request that gets no verdict: its status and error object.
struct Rejection {
    status: StatusCode,
    report: ErrorReport,
}

impl Rejection {
    fn of(error: &Error) -> Rejection {
        let status = match error {
            Error::Evaluation(_) | Error::Policies { .. } | Error::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        Rejection { status, report: error.report() }
    }

    fn server(status: StatusCode, code: &'static str, zh: &str, en: &str) -> Rejection {
        Rejection {
            status,
            report: ErrorReport { code, field: None, message: ErrorMessage { zh: zh.into(), en: en.into() } },
        }
    }

    /// The same error, its field inside a wrapper object (`/request/…`).
    fn within(mut self, prefix: &str) -> Rejection {
        if let Some(field) = &mut self.report.field {
            *field = format!("{prefix}{field}");
        }
        self
    }

    fn response(&self) -> Response {
        json_response(self.status, &self.report)
    }
}

fn json_response<T: serde::Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => {
            (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], text).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn log_unavailable() -> Rejection {
    Rejection::server(
        StatusCode::SERVICE_UNAVAILABLE,
        "log_unavailable",
        "决定无法写入使用日志，未予答复，请重试",
        "the decision could not be written to the decision log, so it is not given; try again",
    )
}

/// A request's body, as its errors name it.
const BODY: Words<'static> = Words::detail("请求体", "the body");

/// Reads a body of at most `limit` bytes as text; the declared length is checked first.
async fn read_text(request: Request, limit: usize) -> Result<String, Rejection> {
    let too_large = |error: Error| {
        let mut r = Rejection::of(&error);
        r.status = StatusCode::PAYLOAD_TOO_LARGE;
        r
    };
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if let Some(size) = declared.filter(|n| *n > limit as u64) {
        return Err(too_large(bounded_read::larger_than(BODY, size, limit)));
    }
    let bytes = match Limited::new(request.into_body(), limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Err(too_large(bounded_read::too_large(BODY, limit)))
        }
        Err(e) => {
            return Err(Rejection::of(&Error::InvalidRequest {
                field: String::new(),
                message: ErrorMessage::new(format!("无法读取请求体：{e}"), format!("the body could not be read: {e}")),
            }))
        }
    };
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        Rejection::of(&Error::InvalidRequest {
            field: String::new(),
            message: {
                let at = e.utf8_error().valid_up_to();
                ErrorMessage::new(
                    format!("请求体不是 UTF-8 文本（第 {at} 字节）"),
                    format!("the body is not UTF-8 text (byte {at})"),
                )
            },
        })
    })
}

fn verdict_record(endpoint: &str, packs: &Packs, request: &PdpRequest, text: String, verdict: &Verdict) -> Record {
    Record {
        at: now(),
        endpoint: endpoint.to_owned(),
        jurisdiction: Some(request.jurisdiction.to_string()),
        kind: Some(request.kind.to_string()),
        outcome: json!(verdict.outcome).as_str().unwrap_or_default().to_owned(),
        rules: verdict.policies.clone(),
        error_code: None,
        policy_set: verdict.policy_set.as_ref().map(|p| p.hash.clone()),
        packs: packs.hash().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        request: Some(text),
        response: serde_json::to_string(verdict).unwrap_or_default(),
    }
}

fn rejected_record(endpoint: &str, packs: &Packs, text: Option<String>, rejection: &Rejection) -> Record {
    // What can be told of a request that could not be read: its jurisdiction and kind as sent.
    let sent: Option<Value> = text.as_deref().and_then(|t| serde_json::from_str(t).ok());
    let field = |name: &str| sent.as_ref().and_then(|v| v.get(name)).and_then(Value::as_str).map(str::to_owned);
    Record {
        at: now(),
        endpoint: endpoint.to_owned(),
        jurisdiction: field("jurisdiction"),
        kind: field("kind"),
        outcome: OUTCOME_REJECTED.to_owned(),
        rules: Vec::new(),
        error_code: Some(rejection.report.code.to_owned()),
        policy_set: None,
        packs: packs.hash().to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        request: text,
        response: serde_json::to_string(&rejection.report).unwrap_or_default(),
    }
}

/// Runs one POST endpoint: waits for a permit, then `work`, all within the timeout;
/// `work` returns the records to write and the answer to give once they are written.
async fn bounded<F>(shared: &Shared, endpoint: &'static str, request: Request, work: F) -> Response
where
    F: AsyncFnOnce(&Shared, Arc<Packs>, Request) -> (Vec<Record>, Response),
{
    let started = Instant::now();
    let deadline = tokio::time::Instant::now() + shared.timeout;
    let response = match timeout_at(deadline, shared.permits.acquire()).await {
        Ok(Ok(_permit)) => {
            let packs = shared.packs.get();
            match timeout_at(deadline, work(shared, packs, request)).await {
                Ok((records, answer)) => commit(shared, records, answer).await,
                Err(_) => Rejection::server(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "timeout",
                    "请求处理超时",
                    "the request took longer than the server's time limit",
                )
                .response(),
            }
        }
        _ => {
            let rejection = Rejection::server(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "服务器繁忙，请稍后重试",
                "the server is busy deciding other requests; try again",
            );
            let record = rejected_record(endpoint, &shared.packs.get(), None, &rejection);
            commit(shared, vec![record], rejection.response()).await
        }
    };
    shared.metrics.observe(endpoint, started.elapsed().as_secs_f64());
    response
}

/// Writes the records, counts them, and gives the answer only if they were committed.
async fn commit(shared: &Shared, records: Vec<Record>, answer: Response) -> Response {
    let counted: Vec<(String, Option<String>)> =
        records.iter().map(|r| (r.outcome.clone(), r.jurisdiction.clone())).collect();
    match shared.log.append(records).await {
        Ok(()) => {
            for (outcome, jurisdiction) in &counted {
                shared.metrics.decided(outcome, jurisdiction.as_deref());
            }
            answer
        }
        Err(_) => log_unavailable().response(),
    }
}

async fn check(State(shared): AppState, request: Request) -> Response {
    bounded(&shared, "check", request, async |_, packs, request| {
        let text = match read_text(request, MAX_REQUEST_BYTES).await {
            Ok(text) => text,
            Err(r) => return (vec![rejected_record("check", &packs, None, &r)], r.response()),
        };
        match decide(&packs, &text) {
            Ok((request, verdict)) => {
                let record = verdict_record("check", &packs, &request, text, &verdict);
                (vec![record], json_response(StatusCode::OK, &verdict))
            }
            Err(r) => (vec![rejected_record("check", &packs, Some(text), &r)], r.response()),
        }
    })
    .await
}

fn decide(packs: &Packs, text: &str) -> Result<(PdpRequest, Verdict), Rejection> {
    let request = PdpRequest::from_json(text).map_err(|e| Rejection::of(&e))?;
    decide_request(packs, request)
}

fn decide_request(packs: &Packs, request: PdpRequest) -> Result<(PdpRequest, Verdict), Rejection> {
    let engine = packs
        .engine(&request.jurisdiction)
        .ok_or_else(|| Rejection::of(&Error::UnknownJurisdiction(request.jurisdiction.to_string())))?;
    let verdict = engine.check(&request).map_err(|e| Rejection::of(&e))?;
    Ok((request, verdict))
}

/// `{"requests": [request, …]}` → `{"results": [{"verdict": …} | {"error": …}, …]}`, in
/// order; all records in one transaction.
async fn batch(State(shared): AppState, request: Request) -> Response {
    bounded(&shared, "check:batch", request, async |shared, packs, request| {
        let reject =
            |r: Rejection, text: Option<String>| (vec![rejected_record("check:batch", &packs, text, &r)], r.response());
        let text = match read_text(request, MAX_BATCH_BYTES).await {
            Ok(text) => text,
            Err(r) => return reject(r, None),
        };
        let items = match batch_items(&text, shared.max_batch) {
            Ok(items) => items,
            Err(r) => return reject(r, Some(text)),
        };
        // Deciding a hundred requests takes milliseconds: keep the other connections moving.
        tokio::task::block_in_place(|| {
            let mut records = Vec::with_capacity(items.len());
            let mut results = Vec::with_capacity(items.len());
            for item in items {
                let item_text = item.to_string();
                match PdpRequest::from_value(item)
                    .map_err(|e| Rejection::of(&e))
                    .and_then(|r| decide_request(&packs, r))
                {
                    Ok((request, verdict)) => {
                        records.push(verdict_record("check:batch", &packs, &request, item_text, &verdict));
                        results.push(json!({ "verdict": verdict }));
                    }
                    Err(r) => {
                        records.push(rejected_record("check:batch", &packs, Some(item_text), &r));
                        results.push(json!({ "error": r.report }));
                    }
                }
            }
            (records, json_response(StatusCode::OK, &json!({ "results": results })))
        })
    })
    .await
}

/// A body that is not what an endpoint reads: the field at fault, and why.
fn invalid(field: &str, message: ErrorMessage) -> Rejection {
    Rejection::of(&Error::InvalidRequest { field: field.into(), message })
}

fn batch_items(text: &str, max: usize) -> Result<Vec<Value>, Rejection> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid("", ErrorMessage::of_json(&e)))?;
    let Value::Object(mut map) = value else {
        return Err(invalid(
            "",
            ErrorMessage::new("应为对象 `{\"requests\": [...]}`", "expected an object `{\"requests\": [...]}`"),
        ));
    };
    if let Some(other) = map.keys().find(|k| k.as_str() != "requests") {
        return Err(Rejection::of(&Error::unknown_field("", other, &["requests"])));
    }
    let Some(Value::Array(items)) = map.remove("requests") else {
        return Err(invalid("/requests", ErrorMessage::new("应为请求的列表", "expected a list of requests")));
    };
    if items.len() > max {
        let n = items.len();
        let message = ErrorMessage::new(
            format!("{n} 个请求，超过 {max} 个的上限"),
            format!("{n} requests, more than the limit of {max}"),
        );
        return Err(invalid("/requests", message));
    }
    Ok(items)
}

/// `{"request": …, "verdict": …}` → whether the server agrees, and its own verdict.
async fn verify(State(shared): AppState, request: Request) -> Response {
    bounded(&shared, "verify", request, async |_, packs, request| {
        let reject =
            |r: Rejection, text: Option<String>| (vec![rejected_record("verify", &packs, text, &r)], r.response());
        let text = match read_text(request, 2 * MAX_REQUEST_BYTES).await {
            Ok(text) => text,
            Err(r) => return reject(r, None),
        };
        let (request, client) = match verify_body(&text) {
            Ok(parts) => parts,
            Err(r) => return reject(r, Some(text)),
        };
        let Some(engine) = packs.engine(&request.jurisdiction) else {
            let r = Rejection::of(&Error::UnknownJurisdiction(request.jurisdiction.to_string())).within("/request");
            return reject(r, Some(text));
        };
        match engine.verify(&request, &client) {
            Ok(verification) => {
                let request_text = serde_json::to_string(&request).unwrap_or_default();
                let record = verdict_record("verify", &packs, &request, request_text, &verification.verdict);
                (vec![record], json_response(StatusCode::OK, &verification))
            }
            Err(e) => reject(Rejection::of(&e).within("/request"), Some(text)),
        }
    })
    .await
}

fn verify_body(text: &str) -> Result<(PdpRequest, Verdict), Rejection> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid("", ErrorMessage::of_json(&e)))?;
    let Value::Object(mut map) = value else {
        let expected = "`{\"request\": …, \"verdict\": …}`";
        return Err(invalid(
            "",
            ErrorMessage::new(format!("应为对象 {expected}"), format!("expected an object {expected}")),
        ));
    };
    if let Some(other) = map.keys().find(|k| !matches!(k.as_str(), "request" | "verdict")) {
        return Err(Rejection::of(&Error::unknown_field("", other, &["request", "verdict"])));
    }
    let missing = |key: &str| Rejection::of(&Error::missing_field("", key));
    let request = map.remove("request").ok_or_else(|| missing("request"))?;
    let request = PdpRequest::from_value(request).map_err(|e| Rejection::of(&e).within("/request"))?;
    let verdict = map.remove("verdict").ok_or_else(|| missing("verdict"))?;
    let verdict: Verdict = serde_json::from_value(verdict).map_err(|e| {
        let e = ErrorMessage::of_json(&e);
        invalid("/verdict", ErrorMessage::new(format!("不是结论：{}", e.zh), format!("not a verdict: {}", e.en)))
    })?;
    Ok((request, verdict))
}

/// The packs in use: ids, versions, hashes, regulations and whether each is in force today.
async fn packs(State(shared): AppState) -> Response {
    let packs = shared.packs.get();
    let today = pubdata_policy::today_in_china();
    let list: Vec<Value> = packs
        .engines()
        .map(|engine| {
            let info = engine.info();
            let regulations: Vec<Value> = info
                .regulations
                .iter()
                .map(|r| {
                    json!({
                        "key": r.key, "title": r.title, "titleEn": r.title_en, "docNumber": r.doc_number,
                        "issued": r.issued, "inForce": r.in_force, "expires": r.expires,
                        "inForceToday": r.in_force_on(today),
                    })
                })
                .collect();
            let id = engine.policy_set();
            json!({
                "jurisdiction": id.jurisdiction, "name": info.name, "version": id.version, "hash": id.hash,
                "policies": engine.policy_ids().len(), "regulations": regulations,
            })
        })
        .collect();
    json_response(StatusCode::OK, &json!({ "hash": packs.hash(), "today": today, "packs": list }))
}

async fn healthz(State(shared): AppState) -> Response {
    let packs = shared.packs.get();
    let (status, state) = match shared.log.is_running() {
        true => (StatusCode::OK, "ok"),
        false => (StatusCode::SERVICE_UNAVAILABLE, "log_stopped"),
    };
    json_response(
        status,
        &json!({ "status": state, "packs": packs.len(), "hash": packs.hash(), "log": shared.log_name }),
    )
}

async fn metrics(State(shared): AppState) -> Response {
    let content_type = HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8");
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], shared.metrics.text()).into_response()
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    Rejection::server(
        StatusCode::NOT_FOUND,
        "not_found",
        &format!("没有 `{} {path}` 这一接口", request.method()),
        &format!(
            "no endpoint `{} {path}`, expected POST /v1/check, /v1/check:batch, /v1/verify or GET /v1/packs, /healthz, /metrics",
            request.method()
        ),
    )
    .response()
}

async fn method_not_allowed(request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    Rejection::server(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &format!("`{path}` 不接受 `{method}` 请求"),
        &format!("`{path}` does not take `{method}`: the checks are POST, the rest GET"),
    )
    .response()
}

//! `pdp serve` as a back end calls it, over HTTP on 127.0.0.1, with a SQLite decision log
//! read back through `pdp log`; and `pdp serve` killed mid-load.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;
#[path = "../../core/tests/support/english.rs"]
mod english;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A running `pdp serve` on a free local port, killed when dropped.
struct Server {
    child: Child,
    address: String,
    log: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let log = format!("sqlite:{}", dir.path().join("log.db").display());
        Server::start_logging(dir, log, extra)
    }

    fn start_logging(dir: tempfile::TempDir, log: String, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pdp"))
            .args(["serve", "--listen", "127.0.0.1:0", "--log", &log])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in `{line}`"))
            .to_owned();
        Server { child, address, log, _dir: dir }
    }

    fn call(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        call(&self.address, method, path, body).unwrap()
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let (status, text) = self.call("POST", path, &body.to_string());
        (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")))
    }

    fn records(&self, filter: &[&str]) -> Vec<Value> {
        let mut args = vec!["log", "--log", &self.log, "--limit", "0", "--format", "json"];
        args.extend_from_slice(filter);
        let out = common::pdp(&args);
        common::assert_exit(&out, 0);
        common::json(&out).as_array().unwrap().clone()
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill").args(["-s", name, &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a fresh connection: the status and the body.
fn call(address: &str, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let length = format!("Content-Length: {}", body.len());
    send(address, &format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\n{length}\r\n"), body)
}

/// A POST whose body is sent in one chunk, its length not declared.
fn call_chunked(address: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let head = format!("POST {path} HTTP/1.1\r\nHost: {address}\r\nTransfer-Encoding: chunked\r\n");
    send(address, &head, &format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len()))
}

/// Sends a request (its request line and headers but the last two, then its body) and
/// reads the status and the body of the answer.
fn send(address: &str, head: &str, body: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "{head}Content-Type: application/json\r\nConnection: close\r\n\r\n{body}")?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    Ok((status, body))
}

fn share(requester: &str) -> Value {
    json!({
        "jurisdiction": "ganzi", "kind": "share", "date": "2026-09-28",
        "requester": { "id": requester, "type": "department", "name": "州卫生健康委员会" },
        "resource": { "id": "pop-basic", "name": "人口基础信息", "sharing": "conditional" },
        "application": { "purpose": "duty", "needBasis": "《社会保险法》", "businessGoal": "资格核验",
                         "securityMeasures": "专线访问", "commitment": true }
    })
}

fn requester_of(record: &Value) -> Option<String> {
    let request: Value = serde_json::from_str(record["request"].as_str()?).ok()?;
    Some(request["requester"]["id"].as_str()?.to_owned())
}

#[test]
fn a_check_is_answered_with_the_verdict_after_its_record_is_in_the_log() {
    let server = Server::start(&[]);
    let (status, verdict) = server.post("/v1/check", &share("dept-health"));
    assert_eq!(status, 200, "{verdict}");
    assert_eq!(verdict["outcome"], "refused");
    assert_eq!(verdict["violations"][0]["field"], "/application/scenario");
    assert_eq!(verdict["violations"][0]["article"], "第十八条");

    let records = server.records(&[]);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!((r["endpoint"].as_str(), r["jurisdiction"].as_str()), (Some("check"), Some("ganzi")));
    assert_eq!(r["outcome"], "refused");
    assert_eq!(r["rules"], json!(["ganzi.share.conditional.scenario"]));
    assert_eq!(r["policySet"], verdict["policySet"]["hash"], "the record carries the deciding set's hash");
    assert_eq!(r["policySet"].as_str().map(str::len), Some(64));
    assert_eq!(serde_json::from_str::<Value>(r["response"].as_str().unwrap()).unwrap(), verdict);
    assert_eq!(requester_of(r).as_deref(), Some("dept-health"));

    // With a scenario it goes to review: the log is queried by outcome and by rule.
    let mut complete = share("dept-health");
    complete["application"]["scenario"] = json!("医保待遇资格核验");
    let (_, verdict) = server.post("/v1/check", &complete);
    assert_eq!(verdict["route"]["due"], "2026-10-10");
    assert_eq!(server.records(&["--outcome", "review"]).len(), 1);
    assert_eq!(server.records(&["--rule", "ganzi.share.conditional.scenario"]).len(), 1);
    assert_eq!(server.records(&["--jurisdiction", "putuo"]).len(), 0);
    let today = server.records(&[])[0]["at"].as_str().unwrap()[..10].to_owned();
    assert_eq!(server.records(&["--date", &today]).len(), 2);
    assert_eq!(server.records(&["--until", "2020-01-01"]).len(), 0);
}

#[test]
fn bad_requests_get_the_librarys_error_object_and_are_logged_as_rejected() {
    let server = Server::start(&[]);
    let (status, body) = server.call("POST", "/v1/check", "{\"jurisdiction\":");
    let error: Value = serde_json::from_str(&body).unwrap();
    // A syntax error names the pointer of the value being read.
    assert_eq!(
        (status, error["code"].as_str(), error["field"].as_str()),
        (400, Some("invalid_request"), Some("/jurisdiction"))
    );
    assert!(error["message"]["zh"].as_str().is_some_and(|m| !m.is_empty()));

    let mut typo = share("dept-health");
    typo["resource"]["colour"] = json!("red");
    let (status, error) = server.post("/v1/check", &typo);
    assert_eq!((status, error["field"].as_str()), (400, Some("/resource/colour")));

    let mut elsewhere = share("dept-health");
    elsewhere["jurisdiction"] = json!("beijing");
    let (status, error) = server.post("/v1/check", &elsewhere);
    assert_eq!((status, error["field"].as_str()), (400, Some("/jurisdiction")));

    let huge = format!("{{\"jurisdiction\":\"ganzi\",\"pad\":\"{}\"}}", "x".repeat(70_000));
    let (status, body) = server.call("POST", "/v1/check", &huge);
    let error: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((status, error["code"].as_str()), (413, Some("invalid_request")));
    assert!(error["message"]["en"].as_str().unwrap().contains("65536"), "{error}");

    let (status, body) = server.call("GET", "/v1/nothing", "");
    assert_eq!(status, 404);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], "not_found");
    let (status, body) = server.call("GET", "/v1/check", "");
    assert_eq!(status, 405);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], "method_not_allowed");

    let rejected = server.records(&["--outcome", "rejected"]);
    assert_eq!(rejected.len(), 4, "{rejected:?}");
    assert_eq!(rejected[1]["errorCode"], "invalid_request");
    assert_eq!(rejected[1]["jurisdiction"], "ganzi", "what could be read of a rejected request is kept");
    assert!(rejected[3]["request"].is_null(), "an oversized body is not stored");
    assert!(rejected.iter().all(|r| r["packs"].as_str().map(str::len) == Some(64)));
}

#[test]
fn what_is_wrong_with_a_body_is_said_in_chinese_too() {
    let server = Server::start(&["--max-batch", "1"]);
    let mut typo = share("dept-health");
    typo["resource"]["colour"] = json!("red");
    let mut late = share("dept-health");
    late["date"] = json!("2026-13-01");
    let verdict = server.post("/v1/check", &share("dept-health")).1;
    let bodies = [
        ("/v1/check", "{\"jurisdiction\":".to_owned()),
        ("/v1/check", typo.to_string()),
        ("/v1/check", late.to_string()),
        ("/v1/check", format!("{{\"pad\":\"{}\"}}", "x".repeat(70_000))),
        ("/v1/check:batch", "[1,".to_owned()),
        ("/v1/check:batch", "[]".to_owned()),
        ("/v1/check:batch", json!({ "request": [] }).to_string()),
        ("/v1/check:batch", json!({ "requests": {} }).to_string()),
        ("/v1/check:batch", json!({ "requests": [share("a"), share("b")] }).to_string()),
        ("/v1/verify", "[]".to_owned()),
        ("/v1/verify", json!({ "request": share("a"), "verdicts": verdict }).to_string()),
        ("/v1/verify", json!({ "request": share("a") }).to_string()),
        ("/v1/verify", json!({ "request": share("a"), "verdict": { "outcome": "maybe" } }).to_string()),
    ];
    for (path, body) in bodies {
        let (status, text) = server.call("POST", path, &body);
        let error: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!((400..500).contains(&status) && error["code"] == "invalid_request", "{path} {body:.100}: {text}");
        let zh = error["message"]["zh"].as_str().unwrap();
        let detail = english::detail_of(zh, error["field"].as_str().unwrap()).unwrap_or_else(|| panic!("{zh}"));
        assert!(!detail.is_empty() && english::english_in(detail).is_empty(), "{path} {body:.100}: {zh}");
    }
    // A body over the limit whose length is not declared is refused as it is read.
    let (status, text) = call_chunked(&server.address, "/v1/check", &"x".repeat(70_000)).unwrap();
    let error: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!((status, error["code"].as_str()), (413, Some("invalid_request")), "{error}");
    assert!(error["message"]["en"].as_str().unwrap().contains("65536"), "{error}");
    let zh = error["message"]["zh"].as_str().unwrap();
    let detail = english::detail_of(zh, "").unwrap_or_else(|| panic!("{zh}"));
    assert!(detail.contains("65536") && english::english_in(detail).is_empty(), "{zh}");
    // Two names are listed as serde lists them, in both languages.
    let (_, error) = server.post("/v1/verify", &json!({ "request": share("a"), "verdicts": verdict }));
    assert_eq!(error["field"], "/verdicts");
    assert!(error["message"]["en"].as_str().unwrap().ends_with("expected `request` or `verdict`"), "{error}");
    assert!(error["message"]["zh"].as_str().unwrap().ends_with("应为 `request` 或 `verdict`"), "{error}");
}

#[test]
fn a_batch_is_answered_in_order_and_logged_in_one_go() {
    let server = Server::start(&["--max-batch", "3"]);
    let mut bad = share("b");
    bad["kind"] = json!("borrow");
    let (status, body) = server.post("/v1/check:batch", &json!({ "requests": [share("a"), bad] }));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["verdict"]["outcome"], "refused");
    assert_eq!(body["results"][1]["error"]["field"], "/kind");
    let records = server.records(&[]);
    assert_eq!(records.iter().map(|r| r["outcome"].as_str().unwrap()).collect::<Vec<_>>(), ["refused", "rejected"]);
    assert!(records.iter().all(|r| r["endpoint"] == "check:batch"));

    let four = json!({ "requests": [share("a"), share("b"), share("c"), share("d")] });
    let (status, error) = server.post("/v1/check:batch", &four);
    assert_eq!((status, error["field"].as_str()), (400, Some("/requests")));
    assert_eq!(server.records(&[]).len(), 3);
}

#[test]
fn verify_says_whether_a_browsers_verdict_agrees_and_came_from_the_same_pack() {
    let server = Server::start(&[]);
    let request = share("dept-health");
    let (_, verdict) = server.post("/v1/check", &request);
    let (status, same) = server.post("/v1/verify", &json!({ "request": request, "verdict": verdict }));
    assert_eq!(status, 200, "{same}");
    assert_eq!((same["samePolicies"].as_bool(), same["sameVerdict"].as_bool()), (Some(true), Some(true)));

    let mut forged = verdict.clone();
    forged["outcome"] = json!("granted");
    forged["violations"] = json!([]);
    let (_, differs) = server.post("/v1/verify", &json!({ "request": request, "verdict": forged }));
    assert_eq!(differs["sameVerdict"], false);
    assert_eq!(differs["verdict"]["outcome"], "refused", "the server's own verdict is the one to act on");

    let mut other_pack = verdict.clone();
    other_pack["policySet"]["hash"] = json!("0".repeat(64));
    let (_, old) = server.post("/v1/verify", &json!({ "request": request, "verdict": other_pack }));
    assert_eq!(old["samePolicies"], false);

    let mut typo = request.clone();
    typo["requester"]["tpye"] = json!("department");
    let (status, error) = server.post("/v1/verify", &json!({ "request": typo, "verdict": verdict }));
    assert_eq!((status, error["field"].as_str()), (400, Some("/request/requester/tpye")));
    assert_eq!(server.records(&["--outcome", "refused"]).len(), 4);
}

#[test]
fn packs_health_and_metrics() {
    let server = Server::start(&[]);
    let (status, body) = server.call("GET", "/v1/packs", "");
    assert_eq!(status, 200);
    let packs: Value = serde_json::from_str(&body).unwrap();
    let ids: BTreeSet<&str> =
        packs["packs"].as_array().unwrap().iter().map(|p| p["jurisdiction"].as_str().unwrap()).collect();
    assert!(ids.contains("ganzi") && ids.contains("putuo"), "{ids:?}");
    let ganzi = packs["packs"].as_array().unwrap().iter().find(|p| p["jurisdiction"] == "ganzi").unwrap();
    assert_eq!(ganzi["hash"].as_str().map(str::len), Some(64));
    assert!(ganzi["regulations"][0]["title"].as_str().unwrap().contains("甘孜"));
    assert!(ganzi["regulations"][0]["inForceToday"].is_boolean());

    let (status, body) = server.call("GET", "/healthz", "");
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["status"], "ok");

    server.post("/v1/check", &share("a"));
    server.post("/v1/check", &share("b"));
    server.call("POST", "/v1/check", "not json");
    let (status, metrics) = server.call("GET", "/metrics", "");
    assert_eq!(status, 200);
    assert!(metrics.contains("pdp_decisions_total{outcome=\"refused\",jurisdiction=\"ganzi\"} 2"), "{metrics}");
    assert!(metrics.contains("pdp_decisions_total{outcome=\"rejected\",jurisdiction=\"\"} 1"), "{metrics}");
    assert!(metrics.contains("pdp_request_duration_seconds_count{endpoint=\"check\"} 3"), "{metrics}");
}

#[test]
fn the_packs_are_reloaded_when_the_folder_changes_and_on_sighup() {
    let fixture = common::Fixture::new();
    let policies = fixture.policies.display().to_string();
    let server = Server::start(&["--policies", &policies, "--watch-secs", "1"]);
    let mut complete = share("a");
    complete["application"]["scenario"] = json!("医保待遇资格核验");
    let (_, before) = server.post("/v1/check", &complete);
    assert_eq!(before["route"]["workingDays"], 5);

    // 第十八条 amended: five working days become three.
    let file = fixture.policies.join("ganzi/share.cedar");
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("@id(\"ganzi.share.conditional.review\")").unwrap();
    let (head, tail) = text.split_at(at);
    std::fs::write(&file, format!("{head}{}", tail.replacen("@workingDays(\"5\")", "@workingDays(\"3\")", 1))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let after = loop {
        let (_, after) = server.post("/v1/check", &complete);
        if after["route"]["workingDays"] == 3 || Instant::now() > deadline {
            break after;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(after["route"]["workingDays"], 3, "{after}");
    assert_ne!(after["policySet"]["hash"], before["policySet"]["hash"]);

    // A broken edit keeps the packs in use; SIGHUP reloads and does not stop the server.
    std::fs::write(&file, "forbid (principal, action, resource) when {").unwrap();
    server.signal("HUP");
    std::thread::sleep(Duration::from_secs(3));
    let (status, still) = server.post("/v1/check", &complete);
    assert_eq!((status, &still["policySet"]), (200, &after["policySet"]));
    let (_, metrics) = server.call("GET", "/metrics", "");
    assert!(metrics.contains("pdp_reloads_total{result=\"ok\"}"), "{metrics}");
    assert!(metrics.contains("pdp_reloads_total{result=\"error\"}"), "{metrics}");
}

#[test]
fn sigterm_drains_and_exits_cleanly() {
    let mut server = Server::start(&[]);
    server.post("/v1/check", &share("a"));
    server.signal("TERM");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "pdp serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(server.records(&[]).len(), 1);
}

/// Eight clients check as fast as they can; the server is killed (SIGKILL) mid-load.
/// Every decision a client received an answer for must be in the log.
#[test]
fn every_acknowledged_decision_survives_a_kill_9() {
    let mut server = Server::start(&[]);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|t| {
            let (address, acknowledged, stop) = (server.address.clone(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for n in 0..10_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let id = format!("crash-{t}-{n}");
                    match call(&address, "POST", "/v1/check", &share(&id).to_string()) {
                        Ok((200, body)) if body.contains("\"outcome\"") => acknowledged.lock().unwrap().push(id),
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 300 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    server.child.kill().unwrap(); // SIGKILL: no drain, no flush
    server.child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 300, "only {} answers before the kill", acknowledged.len());
    let logged: BTreeSet<String> = server.records(&[]).iter().filter_map(requester_of).collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|id| !logged.contains(*id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged decisions are not in the log: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
}

/// The same server against PostgreSQL: `scripts/test-postgres` starts a throwaway
/// cluster and runs this with `PDP_TEST_POSTGRES_URL`.
#[test]
#[ignore = "needs PostgreSQL: run by scripts/test-postgres"]
fn postgres_log() {
    let url = std::env::var("PDP_TEST_POSTGRES_URL").expect("PDP_TEST_POSTGRES_URL, set by scripts/test-postgres");
    let server = Server::start_logging(tempfile::tempdir().unwrap(), url, &[]);
    let before = server.records(&[]).len();
    let (status, verdict) = server.post("/v1/check", &share("pg-1"));
    assert_eq!(status, 200);
    let (_, batch) =
        server.post("/v1/check:batch", &json!({ "requests": [share("pg-2"), { "jurisdiction": "ganzi" }] }));
    assert_eq!(batch["results"][1]["error"]["field"], "/kind");
    let records = server.records(&[]);
    assert_eq!(records.len(), before + 3);
    let last = &records[before..];
    assert_eq!(last[0]["policySet"], verdict["policySet"]["hash"]);
    assert_eq!(
        last.iter().map(|r| r["outcome"].as_str().unwrap()).collect::<Vec<_>>(),
        ["refused", "refused", "rejected"]
    );
    assert!(server.records(&["--rule", "ganzi.share.conditional.scenario"]).len() >= 2);
    assert!(server.records(&["--outcome", "rejected"]).iter().any(|r| r["endpoint"] == "check:batch"));

    // Append-only: the database itself refuses to change a record.
    let out = Command::new("psql").arg(&server.log).args(["-c", "DELETE FROM decisions"]).output();
    if let Ok(out) = out {
        assert!(!out.status.success(), "a DELETE went through");
        assert!(String::from_utf8_lossy(&out.stderr).contains("append-only"));
    }
    assert_eq!(server.records(&[]).len(), before + 3);
}

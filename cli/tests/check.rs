//! `pdp check` as a user runs it: files and stdin in, verdicts and exit codes out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn pdp(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pdp"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn conditional_sharing_without_a_scenario_is_refused_under_article_18() {
    let out = pdp(&["check", "examples/ganzi-share.json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["outcome"], "refused");
    let v = &verdict["violations"][0];
    assert_eq!(v["article"], "第十八条");
    assert_eq!(v["field"], "/application/scenario");
    assert!(v["message"]["zh"].as_str().unwrap().contains("应用场景"));
    assert!(v["message"]["en"].as_str().unwrap().contains("scenario"));
}

#[test]
fn human_format_names_the_article_in_both_languages() {
    let out = pdp(&["check", "--format", "human", "examples/ganzi-share.json"], "");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("REFUSED"), "{stdout}");
    assert!(stdout.contains("第十八条") && stdout.contains("/application/scenario"), "{stdout}");
    assert!(stdout.contains("use scenario"), "{stdout}");
}

/// A registration's verdict shows its whole schedule, each step with its due date and
/// article, not only the first deadline.
#[test]
fn human_format_lists_every_step_of_a_schedule() {
    let request = r#"{"jurisdiction":"putuo","kind":"register","date":"2025-09-26",
      "requester":{"type":"department","name":"普陀区大数据中心"},
      "application":{"registrationType":"change","businessReviewed":true,"preserved":true}}"#;
    let out = pdp(&["check", "-", "--format", "human"], request);
    let text = text(&out.stdout);
    assert!(text.contains("due 2025-09-30  《公共数据资源登记管理暂行办法》第十条"), "{text}");
    assert!(
        text.contains("then 2. Authority, 20 working days, due 2025-11-04  《公共数据资源登记管理暂行办法》第十一条"),
        "{text}"
    );
    assert!(text.contains("then 3. Authority, 10 working days, due 2025-11-18"), "{text}");
    assert!(text.contains("then 4. Authority  《公共数据资源登记管理暂行办法》第十三条"), "{text}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let request =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/ganzi-share.json")).unwrap();
    let fixed = request.replace("\"purpose\": \"duty\",", "\"purpose\": \"duty\", \"scenario\": \"医保待遇资格核验\",");
    let out = pdp(&["check", "-"], &fixed);
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["outcome"], "review", "{verdict}");
    assert_eq!(verdict["route"]["due"], "2026-10-10");
}

#[test]
fn malformed_input_exits_2_naming_the_problem() {
    let cases = [
        ("{\"jurisdiction\": ", "not valid JSON"),
        ("{\"jurisdiction\":\"ganzi\",\"kind\":\"open\",\"extra\":1}", "/extra"),
        ("{\"jurisdiction\":\"ganzi\",\"kind\":\"opening\"}", "/kind"),
        ("{\"jurisdiction\":\"ganzi\",\"kind\":\"open\",\"date\":\"2026-13-01\"}", "2026-13-01"),
        ("{\"jurisdiction\":\"atlantis\",\"kind\":\"open\"}", "atlantis"),
        ("", "not valid JSON"),
        ("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "nests deeper"),
    ];
    for (input, needle) in cases {
        let out = pdp(&["check", "-"], input);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{input}: {stderr}");
        assert!(stderr.contains(needle), "{input}: expected `{needle}` in {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_missing_file_is_a_failure_not_bad_input() {
    let out = pdp(&["check", "no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no/such/file.json"));
}

#[test]
fn policies_can_come_from_a_folder() {
    let out = pdp(&["check", "--policies", "policies", "examples/ganzi-share.json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["violations"][0]["article"], "第十八条");
}

#[test]
fn each_decision_appends_one_audit_line() {
    let dir = std::env::temp_dir().join(format!("pdp-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("audit.jsonl");
    let _ = std::fs::remove_file(&log);
    for _ in 0..2 {
        let out = pdp(&["check", "--audit", log.to_str().unwrap(), "examples/ganzi-share.json"], "");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&log).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["request"]["requester"]["id"], "dept-health");
    assert_eq!(lines[0]["outcome"], "refused");
    assert_eq!(lines[0]["violations"][0], "ganzi.share.conditional.scenario");
    assert_eq!(lines[0]["policySet"]["hash"].as_str().map(str::len), Some(64));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A layer-only pack (the national layer) has a contract too: the kinds and fields it adds
/// with its layers'; an unknown pack is bad input.
#[test]
fn a_layer_only_pack_prints_its_contract() {
    let out = pdp(&["contract", "national"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let markdown = text(&out.stdout);
    assert!(markdown.starts_with("# The requests of `national` (国家层面 · National layer)"), "{markdown}");
    assert!(markdown.contains("`register` (公共数据资源登记 · Register public data resources)"), "{markdown}");
    assert!(
        markdown.contains("| `/application/registrationType` | enum | 登记类型 · Type of registration |"),
        "{markdown}"
    );
    let out = pdp(&["contract", "atlantis"], "");
    assert_eq!(out.status.code(), Some(2));
}

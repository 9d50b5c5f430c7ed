//! `pdp` under hostile or careless use: concurrent audit writers, input without end,
//! output that cannot be written, control characters in request text, broken policy
//! folders, batches, and verdicts a client may have forged.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{assert_exit, repo, stderr, stdout, Fixture};

const SHARE: &str = include_str!("../../examples/ganzi-share.json");

/// Runs `pdp` from the repository root with `stdin` as its input.
fn pdp_with(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pdp"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Written beside the reading of the output: pdp answers while it reads, and would wait
    // for its output to be read. pdp may stop reading early (a request over the limit):
    // a broken pipe is expected then.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// The example request on one line, with `patch` merged in.
fn share_line(patch: serde_json::Value) -> String {
    let mut request: serde_json::Value = serde_json::from_str(SHARE).unwrap();
    json_patch::merge(&mut request, &patch);
    request.to_string()
}

fn records(log: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(log).unwrap();
    text.split_inclusive('\n')
        .map(|line| {
            assert!(line.ends_with('\n') && line.len() > 1, "a broken record: {line:?}");
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}"))
        })
        .collect()
}

#[test]
fn eight_concurrent_writers_keep_every_audit_record_intact() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("same.jsonl");
    let batch: String = (0..200)
        .map(|i| share_line(serde_json::json!({ "requester": { "id": format!("dept-{i}") } })) + "\n")
        .collect();
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut child = Command::new(env!("CARGO_BIN_EXE_pdp"))
                .args(["check", "--jsonl", "--audit", log.to_str().unwrap(), "-"])
                .current_dir(repo())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(batch.as_bytes()).unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let all = records(&log);
    assert_eq!(all.len(), 1600);
    for i in 0..200 {
        let id = format!("dept-{i}");
        assert_eq!(all.iter().filter(|r| r["request"]["requester"]["id"] == id.as_str()).count(), 8, "{id}");
    }
}

#[test]
fn a_rejected_request_is_audited_with_what_was_received_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let bad = SHARE.replacen("\"sharing\": \"conditional\"", "\"sharing\": \"sometimes\"", 1);
    let out = pdp_with(&["check", "--audit", log.to_str().unwrap(), "-"], bad.as_bytes());
    assert_exit(&out, 2);
    let long = format!("{{\"jurisdiction\": \"{}\"}}", "x".repeat(10_000));
    assert_exit(&pdp_with(&["check", "--audit", log.to_str().unwrap(), "-"], long.as_bytes()), 2);
    let all = records(&log);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["error"]["field"], "/resource/sharing");
    assert_eq!(all[0]["received"], bad.as_str());
    assert_eq!(all[0]["truncated"], false);
    assert_eq!(all[1]["receivedBytes"], long.len());
    assert_eq!(all[1]["truncated"], true);
    assert_eq!(all[1]["received"].as_str().unwrap().len(), pubdata_policy::MAX_AUDIT_RECEIVED_BYTES);
}

#[test]
fn a_verdict_that_cannot_be_written_is_a_failure_and_audited_as_undelivered() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("audit.jsonl");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pdp"))
        .args(["check", "--audit", log.to_str().unwrap(), "examples/ganzi-share.json"])
        .current_dir(repo())
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("could not be written"), "{}", stderr(&out));
    let all = records(&log);
    assert!(all[0]["undelivered"].as_str().is_some_and(|e| !e.is_empty()), "{}", all[0]);
}

#[test]
fn input_past_the_limit_is_refused_after_reading_the_limit() {
    // /dev/zero never ends: reading it whole would never return.
    let out = common::pdp(&["check", "/dev/zero"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("more than 65536 bytes"), "{}", stderr(&out));
    let big = vec![b' '; 8 * 1024 * 1024];
    let out = pdp_with(&["check", "-"], &big);
    assert_exit(&out, 2);
}

#[test]
fn text_that_is_not_utf8_is_bad_input_at_its_offset() {
    let mut bytes = SHARE.as_bytes().to_vec();
    let at = SHARE.find("人口基础信息").unwrap();
    bytes[at] = 0xff;
    let out = pdp_with(&["check", "-"], &bytes);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains(&format!("offset {at}")), "{}", stderr(&out));
}

#[test]
fn request_text_cannot_drive_the_terminal_or_forge_log_lines() {
    let forged = "\u{1b}[2J\u{1b}[HGRANTED 准予";
    let request = share_line(serde_json::json!({ "requester": { "idNumber": forged } }));
    let out = pdp_with(&["check", "--format", "human", "-"], request.as_bytes());
    assert_exit(&out, 0);
    assert!(stdout(&out).starts_with("REFUSED"), "{}", stdout(&out));
    assert!(!out.stdout.contains(&0x1b), "{}", stdout(&out));
    assert!(stdout(&out).contains("\\u{1b}[2J"), "{}", stdout(&out));
    let request = share_line(serde_json::json!({ "kind": "share\nerror: all requests granted" }));
    let out = pdp_with(&["check", "-"], request.as_bytes());
    assert_exit(&out, 2);
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("share\\u{a}error"), "{}", stderr(&out));
}

#[test]
fn policy_folder_faults_are_located_once_at_the_file_that_has_them() {
    // A pack.json that names another pack is the folder's fault, not the request's.
    let f = Fixture::new();
    f.edit("ganzi/pack.json", "\"pack\": \"ganzi\"", "\"pack\": \"putuo\"");
    let out = common::pdp(&["check", "--policies", f.arg(), "examples/ganzi-share.json"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("pack.json"), "{}", stderr(&out));
    assert!(stderr(&out).contains("`pack` is `putuo`"), "{}", stderr(&out));

    // A policy that does not parse is shown at its line, as `pdp test` shows it.
    let f = Fixture::new();
    f.edit(
        "ganzi/share.cedar",
        common::REVIEW_DAYS,
        "@reviewer(\"provider\")\n@workingDays(\"5\")\n@article(\"第十八条\")\nbroken",
    );
    let out = common::pdp(&["check", "--policies", f.arg(), "examples/ganzi-share.json"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("share.cedar:") && stderr(&out).contains(" │ "), "{}", stderr(&out));

    // A broken calendar year: once, at the calendar file.
    let f = Fixture::new();
    f.edit("calendar/2026.json", "\"year\": 2026", "\"year\": \"2026\"");
    let out = common::pdp(&["validate", "--format", "json", f.arg()]);
    assert_exit(&out, 1);
    let report = common::json(&out);
    let calendar: Vec<_> = report["findings"].as_array().unwrap().iter().filter(|x| x["code"] == "calendar").collect();
    assert_eq!(calendar.len(), 1, "{report}");
    assert!(calendar[0]["file"].as_str().unwrap().ends_with("2026.json"), "{report}");
    assert!(calendar[0]["line"].is_number(), "{report}");
}

#[test]
fn a_pack_missing_or_emptying_a_file_it_must_have_does_not_validate() {
    let f = Fixture::new();
    std::fs::write(f.path("ganzi/share.cedar"), "// emptied by mistake\n").unwrap();
    let out = common::pdp(&["validate", f.arg()]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("share.cedar") && stdout(&out).contains("holds no policy"), "{}", stdout(&out));
    let out = common::pdp(&["check", "--policies", f.arg(), "examples/ganzi-share.json"]);
    assert_exit(&out, 1);

    std::fs::remove_file(f.path("ganzi/share.cedar")).unwrap();
    let out = common::pdp(&["validate", f.arg()]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("`share.cedar`, which the folder does not have"), "{}", stdout(&out));
}

#[test]
fn an_editors_lock_file_is_not_read() {
    let f = Fixture::new();
    std::os::unix::fs::symlink("user@host.1234:1700000000", f.path("ganzi/.#share.cedar")).unwrap();
    let out = common::pdp(&["check", "--policies", f.arg(), "examples/ganzi-share.json"]);
    assert_exit(&out, 0);
    assert_exit(&common::pdp(&["validate", f.arg()]), 0);
}

#[test]
fn policy_folders_are_bounded_in_annotations_and_size() {
    let f = Fixture::new();
    f.review_in("4000000000");
    let out = common::pdp(&["validate", f.arg()]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("from 1 to 366"), "{}", stdout(&out));

    let f = Fixture::new();
    let text = f.read("ganzi/share.cedar");
    std::fs::write(f.path("ganzi/share.cedar"), format!("{text}{}", "// padding\n".repeat(30_000))).unwrap();
    let out = common::pdp(&["validate", f.arg()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("share.cedar") && stderr(&out).contains("262144"), "{}", stderr(&out));
}

#[test]
fn jsonl_answers_each_line_in_order() {
    let lines = [
        share_line(serde_json::json!({ "application": { "scenario": "医保待遇资格核验" } })),
        "{\"jurisdiction\": ".to_owned(),
        String::new(),
        share_line(serde_json::json!({})),
        format!("{{\"a\": \"{}\"}}", "x".repeat(70_000)),
        share_line(serde_json::json!({ "jurisdiction": "putuo", "requester": { "type": "department" } })),
    ];
    let out = pdp_with(&["check", "--jsonl", "-"], (lines.join("\n") + "\n").as_bytes());
    assert_exit(&out, 2);
    let answers: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), lines.len(), "{}", stdout(&out));
    assert_eq!(answers[0]["outcome"], "review");
    assert_eq!((answers[1]["line"].as_u64(), answers[1]["error"]["code"].as_str()), (Some(2), Some("invalid_request")));
    assert_eq!(answers[2]["line"], 3);
    assert_eq!(answers[3]["outcome"], "refused");
    assert!(answers[4]["error"]["message"]["en"].as_str().unwrap().contains("more than 65536"));
    assert_eq!(answers[5]["policySet"]["jurisdiction"], "putuo");

    // Every answer is the one `check` gives the request alone, in input order.
    let many: Vec<String> = (0..300)
        .map(|i| share_line(serde_json::json!({ "date": format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28) })))
        .collect();
    let out = pdp_with(&["check", "--jsonl", "-"], (many.join("\n") + "\n").as_bytes());
    assert_exit(&out, 0);
    let dues: Vec<String> =
        stdout(&out).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap().to_string()).collect();
    for i in [0, 137, 299] {
        let single = pdp_with(&["check", "-"], many[i].as_bytes());
        let alone: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();
        assert_eq!(dues[i], alone.to_string(), "line {}", i + 1);
    }
}

#[test]
fn verify_accepts_the_servers_verdict_and_names_what_a_forged_one_changes() {
    let dir = tempfile::tempdir().unwrap();
    let verdict = common::pdp(&["check", "examples/ganzi-share.json"]);
    assert_exit(&verdict, 0);
    let honest = dir.path().join("honest.json");
    std::fs::write(&honest, &verdict.stdout).unwrap();
    let out = common::pdp(&["verify", "examples/ganzi-share.json", honest.to_str().unwrap()]);
    assert_exit(&out, 0);
    assert_eq!(common::json(&out)["sameVerdict"], true);

    // The right hash copied onto a granted verdict.
    let mut forged: serde_json::Value = serde_json::from_slice(&verdict.stdout).unwrap();
    forged["outcome"] = "granted".into();
    forged["violations"] = serde_json::json!([]);
    let path = dir.path().join("forged.json");
    std::fs::write(&path, forged.to_string()).unwrap();
    let out = common::pdp(&["verify", "examples/ganzi-share.json", path.to_str().unwrap()]);
    assert_exit(&out, 1);
    let v = common::json(&out);
    assert_eq!((v["sameVerdict"].as_bool(), v["samePolicies"].as_bool()), (Some(false), Some(true)));
    assert!(v["differences"][0].as_str().unwrap().starts_with("outcome"), "{v}");
    assert_eq!(v["verdict"]["outcome"], "refused");

    std::fs::write(&path, "{\"outcome\": \"granted\", \"outcome\": \"refused\"}").unwrap();
    let out = common::pdp(&["verify", "examples/ganzi-share.json", path.to_str().unwrap()]);
    assert_exit(&out, 2);
}

//! The walkthrough of `policies/README.md`, done as a policy author would: copy 普陀's pack
//! to a new id, add a field and a rule that reads it, add a kind, and the new pack is
//! decided, tested, diffed and described by `pdp` — no Rust edit and no rebuild.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "a test fails loudly")]

mod common;

use std::path::{Path, PathBuf};

use common::{assert_exit, json, pdp, repo, stdout};

/// The walkthrough's rules (a forbid on the new field, a grant for the new kind), shared
/// with the JavaScript walkthrough.
const STEWARD_RULE: &str = include_str!("../../tests/fixtures/new-pack/steward.cedar");

/// `policies/` with the calendar, 普陀's pack copied as `jiading` and the packs beneath it.
fn copied(root: &Path) -> PathBuf {
    let policies = root.join("policies");
    common::copy_pack("putuo", &policies, "jiading");
    let manifest = policies.join("jiading/pack.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text.replacen("\"pack\": \"putuo\"", "\"pack\": \"jiading\"", 1).replacen("普陀区", "嘉定区", 1);
    std::fs::write(&manifest, text).unwrap();
    policies
}

/// Step 3–5: a field, a rule that reads it, a kind.
fn extend(policies: &Path) {
    let manifest = policies.join("jiading/pack.json");
    let mut pack: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    pack["fields"] = serde_json::json!([{ "field": "/application/dataSteward", "type": "text",
        "label": { "zh": "数据管理员", "en": "Data steward" } }]);
    pack["kinds"] = serde_json::json!([{ "kind": "archive", "zh": "归档", "en": "Archive" }]);
    std::fs::write(&manifest, serde_json::to_string_pretty(&pack).unwrap()).unwrap();
    std::fs::write(policies.join("jiading/steward.cedar"), STEWARD_RULE).unwrap();
}

/// 普陀's share scenario file, as 嘉定's.
fn share_scenarios() -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("tests/vectors/putuo/share.json")).unwrap();
    let mut file: serde_json::Value = serde_json::from_str(&text).unwrap();
    file["base"]["jurisdiction"] = "jiading".into();
    file
}

#[test]
fn a_copied_pack_with_a_new_field_rule_and_kind_is_decided_tested_and_diffed() {
    let dir = tempfile::tempdir().unwrap();
    let before = copied(&dir.path().join("before"));
    let after = copied(&dir.path().join("after"));
    extend(&after);
    let arg = |p: &Path| p.to_str().unwrap().to_owned();

    // Validate: the new pack and its rule are well-formed against its own vocabulary.
    let out = pdp(&["validate", &arg(&after), "--format", "json"]);
    assert_exit(&out, 0);
    let report = json(&out);
    assert_eq!(report["jurisdictions"][0]["jurisdiction"], "jiading", "{report}");

    // Check: the share request without a steward is refused at the new field, with one it is not.
    let mut request = share_scenarios()["base"].clone();
    let file = dir.path().join("request.json");
    std::fs::write(&file, request.to_string()).unwrap();
    let out = pdp(&["check", "--policies", &arg(&after), &arg(&file)]);
    assert_exit(&out, 0);
    let verdict = json(&out);
    assert_eq!(verdict["outcome"], "refused", "{verdict}");
    let fields: Vec<&str> =
        verdict["violations"].as_array().unwrap().iter().map(|v| v["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["/application/dataSteward"], "{verdict}");
    request["application"]["dataSteward"] = "王五".into();
    std::fs::write(&file, request.to_string()).unwrap();
    let verdict = json(&pdp(&["check", "--policies", &arg(&after), &arg(&file)]));
    assert_eq!(verdict["outcome"], "review", "{verdict}");
    // The same request in the copy without the field is refused as unreadable, at the field.
    let out = pdp(&["check", "--policies", &arg(&before), &arg(&file)]);
    assert_exit(&out, 2);
    assert!(common::stderr(&out).contains("/application/dataSteward"), "{}", common::stderr(&out));

    // Pack: the new pack compiled for a client without Cedar decides as `pdp check` does,
    // under the same policy set hash.
    let packed = dir.path().join("jiading.compiled.json");
    assert_exit(&pdp(&["pack", "jiading", "--policies", &arg(&after), "--output", &arg(&packed)]), 0);
    let pack = pubdata_policy::CompiledPack::from_json(&std::fs::read_to_string(&packed).unwrap()).unwrap();
    let compiled = pubdata_policy::Engine::from_compiled(&pack).unwrap();
    let decided = compiled.check(&pubdata_policy::Request::from_value(request.clone()).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(decided).unwrap(), verdict);

    // The new kind.
    request["kind"] = "archive".into();
    std::fs::write(&file, request.to_string()).unwrap();
    let verdict = json(&pdp(&["check", "--policies", &arg(&after), &arg(&file)]));
    assert_eq!(verdict["outcome"], "granted", "{verdict}");
    assert_eq!(verdict["policies"], serde_json::json!(["jiading.archive.granted"]), "{verdict}");

    // Test: 普陀's scenario files, copied for 嘉定 (a share names its steward), with a case
    // for the new rule and one for the new kind.
    let vectors = dir.path().join("vectors/jiading");
    std::fs::create_dir_all(&vectors).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/vectors/putuo")).unwrap() {
        let path = entry.unwrap().path();
        let mut file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if file["base"]["jurisdiction"] == "putuo" {
            file["base"]["jurisdiction"] = "jiading".into();
        }
        if file["base"]["kind"] == "share" {
            file["base"]["application"]["dataSteward"] = "王五".into();
        }
        if path.file_name().unwrap() == "share.json" {
            let cases = file["cases"].as_array_mut().unwrap();
            cases.push(serde_json::json!({
                "name": "no data steward: 第七条 as 嘉定 reads it",
                "cites": ["第七条"],
                "patch": { "application": { "dataSteward": null } },
                "expect": { "outcome": "refused", "violations": [{ "article": "第七条", "rule": "jiading.share.steward", "field": "/application/dataSteward" }] }
            }));
            cases.push(serde_json::json!({
                "name": "an archive request naming its steward is granted",
                "cites": ["第七条"],
                "patch": { "kind": "archive" },
                "expect": { "outcome": "granted", "violations": [] }
            }));
        }
        std::fs::write(vectors.join(path.file_name().unwrap()), file.to_string()).unwrap();
    }
    let vectors_root = dir.path().join("vectors");
    let out = pdp(&["test", &arg(&vectors_root), "--policies", &arg(&after), "--format", "json"]);
    let report = json(&out);
    assert_eq!(report["failed"], 0, "{report}");
    assert!(report["passed"].as_u64().unwrap() > 100, "{report}");
    assert_exit(&out, 0);

    // Diff: the rule changes verdicts, and the report names it.
    let out = pdp(&["diff", &arg(&before), &arg(&after), "--vectors", &arg(&vectors_root), "--format", "json"]);
    assert_exit(&out, 1);
    let report = json(&out);
    assert_eq!(report["changed"], true, "{report}");
    assert!(report.to_string().contains("jiading.share.steward"), "{report}");

    // Contract: the field and the kind, typed and labelled.
    let out = pdp(&["contract", "jiading", "--policies", &arg(&after), "--format", "ts"]);
    assert_exit(&out, 0);
    let ts = stdout(&out);
    assert!(ts.contains("export interface JiadingRequest"), "{ts}");
    assert!(ts.contains("\"archive\""), "{ts}");
    assert!(ts.contains("数据管理员 · Data steward (`/application/dataSteward`)"), "{ts}");
    assert!(ts.contains("dataSteward?: string;"), "{ts}");
}

#[test]
fn a_request_cannot_name_a_pack_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let policies = copied(dir.path());
    let mut request = share_scenarios()["base"].clone();
    request["jurisdiction"] = "../jiading".into();
    let file = dir.path().join("request.json");
    std::fs::write(&file, request.to_string()).unwrap();
    let out = pdp(&["check", "--policies", policies.to_str().unwrap(), file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(common::stderr(&out).contains("../jiading"), "{}", common::stderr(&out));
}

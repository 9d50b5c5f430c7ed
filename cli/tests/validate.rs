//! `pdp validate` on the repository's policies and on fixture copies an author broke.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, stderr, stdout, Fixture, REVIEW_DAYS};
use serde_json::Value;

fn validate(f: &Fixture) -> (std::process::Output, Value) {
    let out = pdp(&["validate", f.arg(), "--format", "json"]);
    let report = json(&out);
    (out, report)
}

fn errors(report: &Value) -> Vec<&Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").collect()
}

/// The one error of a report, checked to point at `file`, `line` and `policy`.
fn only_error<'a>(report: &'a Value, code: &str, file: &str, line: usize, policy: &str) -> &'a Value {
    let errors = errors(report);
    assert_eq!(errors.len(), 1, "{report:#}");
    let e = errors[0];
    assert_eq!(e["code"], code, "{e:#}");
    assert!(e["file"].as_str().unwrap().ends_with(file), "{e:#}");
    assert_eq!(e["line"], line, "{e:#}");
    assert_eq!(e["policy"], policy, "{e:#}");
    e
}

#[test]
fn the_ganzi_policies_are_valid() {
    let out = pdp(&["validate", "policies", "--jurisdiction", "ganzi", "--format", "json"]);
    assert_exit(&out, 0);
    let report = json(&out);
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(report["errors"], 0);
    assert!(report["jurisdictions"][0]["policies"].as_u64().unwrap() > 40);
}

#[test]
fn a_jurisdiction_folder_is_validated_alone() {
    let out = pdp(&["validate", "policies/ganzi"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("ganzi: ") && text.contains("validate: 0 errors"), "{text}");
    assert!(!text.contains("yongzhou"), "{text}");
}

#[test]
fn a_mistyped_annotation_is_located_with_a_suggestion() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("@workingDays", "@workingDay"));
    let line = f.line_of("ganzi/share.cedar", "@workingDay(");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = only_error(&report, "unknown-annotation", "ganzi/share.cedar", line, "ganzi.share.conditional.review");
    assert!(e["message"]["en"].as_str().unwrap().contains("unknown annotation `@workingDay`"), "{e:#}");
    assert_eq!(e["help"]["en"], "did you mean `@workingDays`?");

    let human = stdout(&pdp(&["validate", f.arg()]));
    assert!(human.contains(&format!("share.cedar:{line}:1]")), "{human}");
    assert!(human.contains(&format!("{line} │ @workingDay(\"5\")")), "{human}");
    assert!(human.contains("╰── policy ganzi.share.conditional.review"), "{human}");
    assert!(human.contains("help: did you mean `@workingDays`?"), "{human}");
    assert!(human.contains("validate: 1 error,"), "{human}");
}

/// Loading stops at a policy's first bad annotation; the lint names every one, each at
/// its own line.
#[test]
fn every_annotation_error_of_a_policy_is_reported_at_once() {
    let f = Fixture::new();
    let broken = "@reviewer(\"boss\")\n@workingDays(\"five\")\n@artcle(\"第十八条\")\n@priority(\"high\")";
    f.edit("ganzi/share.cedar", REVIEW_DAYS, broken);
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let mut found: Vec<(String, usize)> = errors(&report)
        .iter()
        .filter(|e| e["policy"] == "ganzi.share.conditional.review")
        .map(|e| (e["message"]["en"].as_str().unwrap().to_owned(), e["line"].as_u64().unwrap() as usize))
        .collect();
    found.sort_by_key(|(_, line)| *line);
    let line = |needle: &str| f.line_of("ganzi/share.cedar", needle);
    let expected = [
        ("`@reviewer(\"boss\")` must be one of", line("@reviewer(\"boss\")")),
        ("`@workingDays(\"five\")` is not a whole number", line("@workingDays(\"five\")")),
        ("unknown annotation `@artcle`", line("@artcle(")),
        ("`@priority(\"high\")` is not a whole number", line("@priority(")),
        // Behind the typo, the policy has no `@article`: said at the policy's start.
        ("needs a non-empty `@article`", line("@id(\"ganzi.share.conditional.review\")")),
    ];
    for (text, at) in &expected {
        assert!(found.iter().any(|(m, l)| m.contains(text) && l == at), "{text} at {at}: {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn working_days_must_be_a_positive_whole_number() {
    for bad in ["0", "five", "-3", "2.5", "367", "4000000000"] {
        let f = Fixture::new();
        f.review_in(bad);
        let line = f.line_of("ganzi/share.cedar", &format!("@workingDays(\"{bad}\")"));
        let (out, report) = validate(&f);
        assert_exit(&out, 1);
        let e = only_error(&report, "annotation", "ganzi/share.cedar", line, "ganzi.share.conditional.review");
        assert!(e["message"]["en"].as_str().unwrap().contains("is not a whole number from 1 to 366"), "{bad}: {e:#}");
    }
}

#[test]
fn a_changed_working_day_count_is_still_valid() {
    let f = Fixture::new();
    f.review_in("3");
    // The message states the period too, and says the same.
    f.edit("ganzi/share.cedar", "提供单位自收到申请之日起5个工作日内答复", "提供单位自收到申请之日起3个工作日内答复");
    f.edit(
        "ganzi/share.cedar",
        "The provider answers within 5 working days",
        "The provider answers within 3 working days",
    );
    let (out, report) = validate(&f);
    assert_exit(&out, 0);
    assert_eq!(report["errors"], 0, "{report:#}");
}

#[test]
fn a_deleted_policy_leaves_a_valid_set_one_policy_smaller() {
    let f = Fixture::new();
    let (_, before) = validate(&f);
    f.delete_policy("ganzi/share.cedar", "ganzi.share.conditional.scenario");
    let (out, after) = validate(&f);
    assert_exit(&out, 0);
    let count = |r: &Value| r["jurisdictions"][0]["policies"].as_u64().unwrap();
    assert_eq!(count(&after), count(&before) - 1);
}

#[test]
fn a_duplicate_id_points_at_both_places() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "@id(\"ganzi.share.third_party\")", "@id(\"ganzi.share.purpose\")");
    let first = f.line_of("ganzi/share.cedar", "@id(\"ganzi.share.purpose\")");
    let line = f
        .read("ganzi/share.cedar")
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("ganzi.share.purpose"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = only_error(&report, "duplicate-id", "ganzi/share.cedar", line, "ganzi.share.purpose");
    assert!(e["help"]["en"].as_str().unwrap().ends_with(&format!("share.cedar:{first}")), "{e:#}");
}

#[test]
fn a_field_outside_the_request_contract_is_an_error() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "@field(\"/application/scenario\")", "@field(\"/application/scenaro\")");
    let line = f.line_of("ganzi/share.cedar", "/application/scenaro");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = only_error(&report, "field", "ganzi/share.cedar", line, "ganzi.share.conditional.scenario");
    assert_eq!(e["help"]["en"], "did you mean `/application/scenario`?");
}

#[test]
fn an_article_the_metadata_does_not_list_is_an_error() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "@article(\"第十九条\")\n@field", "@article(\"第九十九条\")\n@field");
    let line = f.line_of("ganzi/share.cedar", "第九十九条");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    only_error(&report, "article", "ganzi/share.cedar", line, "ganzi.share.third_party");
}

#[test]
fn a_policy_without_an_id_or_article_is_an_error() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "@id(\"ganzi.share.third_party\")\n", "");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let codes: Vec<&str> = errors(&report).iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["missing-id"], "{report:#}");

    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "@article(\"第十九条\")\n@field", "@field");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = &errors(&report)[0];
    assert_eq!(e["policy"], "ganzi.share.third_party");
    assert!(e["message"]["en"].as_str().unwrap().contains("needs a non-empty `@article`"), "{e:#}");
}

#[test]
fn cedar_syntax_and_schema_errors_keep_cedars_words_and_place() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "when { context.thirdPartyTransfer };", "when { context.thirdPartyTransfr };");
    let line = f.line_of("ganzi/share.cedar", "thirdPartyTransfr");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = only_error(&report, "cedar-schema", "ganzi/share.cedar", line, "ganzi.share.third_party");
    assert_eq!(e["column"], 8, "{e:#}");
    assert!(e["message"]["en"].as_str().unwrap().contains("thirdPartyTransfr"), "{e:#}");

    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "when { context.thirdPartyTransfer };", "when { context.thirdPartyTransfer ;");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = &errors(&report)[0];
    assert_eq!(e["code"], "cedar-syntax", "{e:#}");
    assert!(e["file"].as_str().unwrap().ends_with("ganzi/share.cedar") && e["line"].is_u64(), "{e:#}");
}

#[test]
fn regulation_dates_out_of_order_are_an_error() {
    let f = Fixture::new();
    f.edit("ganzi/regulation.json", "\"inForce\": \"2025-05-15\"", "\"inForce\": \"2028-05-15\"");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = &errors(&report)[0];
    assert_eq!(e["code"], "regulation", "{e:#}");
    assert!(e["file"].as_str().unwrap().ends_with("ganzi/regulation.json"), "{e:#}");
    assert!(e["message"]["en"].as_str().unwrap().contains("issued ≤ inForce ≤ expires"), "{e:#}");
}

#[test]
fn a_folder_that_is_not_a_policies_folder_exits_2() {
    let out = pdp(&["validate", "tests"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("`tests` is not a policies folder"), "{}", stderr(&out));
    let out = pdp(&["validate", "no/such/folder"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("no/such/folder"));
}

/// The slips Cedar lets through, each made in a copy of 甘孜's rules and caught at its
/// policy and line: a `has` typo that refuses every conditional share, a value no request
/// can have, a message saying 5 working days beside `@workingDays("3")`, and a forbid
/// with neither `@field` nor a condition that blocks every share.
#[test]
fn slips_cedar_lets_through_are_caught_at_their_lines() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "!(context has scenario) };", "!(context has scenaro) };");
    f.edit(
        "ganzi/share.cedar",
        "resource.sharing == \"conditional\" && !(context has needBasis)",
        "resource.sharing == \"conditonal\" && !(context has needBasis)",
    );
    f.review_in("3");
    let text = f.read("ganzi/share.cedar");
    std::fs::write(
        f.path("ganzi/share.cedar"),
        format!("{text}\n@id(\"ganzi.share.block_all\")\n@article(\"第十八条\")\n@zh(\"不予共享\")\n@en(\"No sharing\")\nforbid (principal, action == Action::\"share\", resource);\n"),
    )
    .unwrap();
    let lines = text.lines().count();
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let found: Vec<(String, String, u64)> = errors(&report)
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["policy"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let expected = [
        ("unknown-attribute", "ganzi.share.conditional.scenario", line_of("has scenaro")),
        ("unknown-value", "ganzi.share.conditional.need_basis", line_of("\"conditonal\"")),
        ("message-days", "ganzi.share.conditional.review", line_of("@zh(\"提供单位自收到申请之日起5个工作日内答复")),
        ("message-days", "ganzi.share.conditional.review", line_of("@en(\"The provider answers within 5 working days")),
        ("forbid-without-field", "ganzi.share.block_all", lines as u64 + 6),
        ("unconditional-forbid", "ganzi.share.block_all", lines as u64 + 6),
    ];
    for (code, policy, line) in expected {
        assert!(found.contains(&(code.to_owned(), policy.to_owned(), line)), "{code} {policy}:{line} not in {found:?}");
    }
    let human = stdout(&pdp(&["validate", f.arg()]));
    assert!(human.contains("did you mean `scenario`?"), "{human}");
    assert!(human.contains("did you mean `\"conditional\"`?"), "{human}");
}

/// `policies/README.md` holds the annotation reference `pdp annotations` prints.
#[test]
fn the_readme_lists_every_annotation_as_pdp_annotations_does() {
    let printed = stdout(&pdp(&["annotations"]));
    let readme = std::fs::read_to_string(common::repo().join("policies/README.md")).unwrap();
    let section =
        readme.split("<!-- pdp annotations -->\n").nth(1).unwrap().split("<!-- /pdp annotations -->").next().unwrap();
    assert_eq!(section, printed);
    assert!(printed.contains("| `@workingDays` |") && printed.contains("| `@validUntil` |"), "{printed}");
    let listed: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&pdp(&["annotations", "--format", "json"]))).unwrap();
    assert_eq!(listed.len(), printed.lines().count() - 2);
}

/// `@catalog` names an id of the pack's `catalog` (or its layers'); an id the pack lists
/// that no policy names is a warning at pack.json.
#[test]
fn a_catalogue_id_unknown_to_the_pack_is_an_error() {
    let f = Fixture::new();
    let id = "@id(\"ganzi.share.conditional.review\")\n@catalog(\"S5\")";
    f.edit("ganzi/share.cedar", id, &id.replace("S5", "S55"));
    let line = f.line_of("ganzi/share.cedar", "@catalog(\"S55\")");
    // 甘孜 lists S8, which none of its policies encodes.
    f.edit("ganzi/pack.json", "\"S7\"]", "\"S7\", \"S8\"]");
    let (out, report) = validate(&f);
    assert_exit(&out, 1);
    let e = only_error(&report, "catalog", "ganzi/share.cedar", line, "ganzi.share.conditional.review");
    assert!(e["message"]["en"].as_str().unwrap().contains("names `S55`"), "{e:#}");
    assert_eq!(e["help"]["en"], "did you mean `S5`?");
    let unused: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["severity"] == "warning" && w["code"] == "catalog")
        .collect();
    assert_eq!(unused.len(), 1, "{report:#}");
    assert!(unused[0]["file"].as_str().unwrap().ends_with("ganzi/pack.json"), "{report:#}");
    assert!(unused[0]["message"]["en"].as_str().unwrap().contains("lists `S8`"), "{report:#}");
}

/// A regulation whose term outruns the holiday calendar is named once, in its own pack's
/// `regulation.json` at its own `expires` — not again under every pack built on it.
#[test]
fn a_layers_calendar_gap_is_warned_once_at_its_own_regulation() {
    let out = pdp(&["validate", "policies", "--format", "json"]);
    let report = json(&out);
    let gaps: Vec<&Value> = report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "calendar").collect();
    let national: Vec<&&Value> =
        gaps.iter().filter(|f| f["message"]["en"].as_str().unwrap().starts_with("`operation`")).collect();
    assert_eq!(national.len(), 1, "{gaps:#?}");
    assert!(national[0]["file"].as_str().unwrap().ends_with("national/regulation.json"), "{:#}", national[0]);
    let places: std::collections::BTreeSet<(String, u64)> =
        gaps.iter().map(|f| (f["file"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap())).collect();
    assert_eq!(places.len(), gaps.len(), "each regulation at its own line: {gaps:#?}");
    for f in &gaps {
        let text = std::fs::read_to_string(common::repo().join(f["file"].as_str().unwrap())).unwrap();
        let line = text.lines().nth(f["line"].as_u64().unwrap() as usize - 1).unwrap();
        assert!(line.contains("\"expires\""), "{f:#}: {line}");
    }
}

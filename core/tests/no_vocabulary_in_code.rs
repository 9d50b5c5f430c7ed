//! The core names no pack, kind, field or value of a request outside the envelope every
//! pack shares: all of that is the packs' data. This test reads the core's source (its
//! code, not its comments or tests) for any such name written as a string literal.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "a test fails loudly")]

use std::collections::BTreeSet;
use std::path::Path;

/// Words a pack uses that the core also uses for its own, unrelated purposes, each with why.
const OWN_WORDS: &[(&str, &str)] = &[
    ("id", "the `@id` annotation and Cedar's entity ids"),
    ("type", "the `type` key of pack.json and of Cedar's JSON"),
    ("name", "a scenario case's name"),
    ("description", "a scenario file's description"),
    ("base", "a scenario file's base request"),
    ("from", "a derivation's tag in pack.json"),
    ("attribute", "a derivation's key in pack.json, named in its errors"),
    ("reason", "a coverage class's reason"),
    ("format", "an identifier problem: its format"),
    ("action", "Cedar's action variable"),
    ("catalog", "the `@catalog` annotation"),
    ("none", "the change impact's word for an absent value"),
    ("first", "serde's default for a coverage matrix's `part` (a function's name)"),
    ("evaluation", "the error code of a failed Cedar evaluation"),
    ("expires", "regulation.json's key for a regulation's last day, as the change impact names it"),
    ("conditions", "the key of a policy's `when`/`unless` in Cedar's JSON form"),
    ("coverage", "the lint's code for a coverage matrix that cannot be worked out"),
];

fn vocabulary() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let policies = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    for entry in std::fs::read_dir(&policies).unwrap() {
        let manifest = entry.unwrap().path().join("pack.json");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        let pack: serde_json::Value = serde_json::from_str(&text).unwrap();
        words.insert(pack["pack"].as_str().unwrap().to_owned());
        for k in pack["kinds"].as_array().into_iter().flatten() {
            words.insert(k["kind"].as_str().unwrap().to_owned());
        }
        for f in pack["fields"].as_array().into_iter().flatten() {
            words.insert(f["field"].as_str().unwrap().rsplit('/').next().unwrap().to_owned());
            for v in f["values"].as_array().into_iter().flatten() {
                words.insert(v["value"].as_str().unwrap().to_owned());
            }
            for d in f["derive"].as_array().into_iter().flatten() {
                for key in ["attribute", "problemAttribute"] {
                    words.extend(d[key].as_str().map(str::to_owned));
                }
            }
        }
    }
    for (word, _) in OWN_WORDS {
        words.remove(*word);
    }
    words
}

/// The code of a source file: no comment lines, nothing from `#[cfg(test)]` on.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_names_nothing_a_pack_declares() {
    let words = vocabulary();
    assert!(words.contains("ganzi") && words.contains("share") && words.contains("needBasis"), "{words:?}");
    let mut found = Vec::new();
    let mut sources = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut sources);
    assert!(sources.len() > 20);
    for file in sources {
        let code = code(&std::fs::read_to_string(&file).unwrap());
        for (i, line) in code.lines().enumerate() {
            for literal in line.split('"').skip(1).step_by(2) {
                if words.contains(literal) {
                    found.push(format!("{}:{}: \"{literal}\"", file.display(), i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "the core names what the packs declare:\n{}", found.join("\n"));
}

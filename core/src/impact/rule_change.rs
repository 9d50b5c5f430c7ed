//! Which policies a change adds, removes or edits, found by `@id` across the two sides.

use std::collections::{BTreeMap, BTreeSet};

use super::compared_policy::ComparedPolicy;
use super::report::{AnnotationChange, ChangeKind, RuleChange};

/// Every policy whose annotations or logic differ, in id order.
pub fn rule_changes<'a>(old: &'a [ComparedPolicy], new: &'a [ComparedPolicy]) -> Vec<RuleChange> {
    let by_id = |rules: &'a [ComparedPolicy]| -> BTreeMap<&'a str, &'a ComparedPolicy> {
        rules.iter().map(|r| (r.id.as_str(), r)).collect()
    };
    let (old, new) = (by_id(old), by_id(new));
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let whole = |change: ChangeKind, rule: &ComparedPolicy| RuleChange {
            id: id.to_owned(),
            change,
            file: rule.file.clone(),
            annotations: vec![],
            logic_changed: true,
            valid_from: rule.annotation("validFrom").map(str::to_owned),
            valid_until: rule.annotation("validUntil").map(str::to_owned),
        };
        let change = match (old.get(id), new.get(id)) {
            (Some(o), None) => whole(ChangeKind::Removed, o),
            (None, Some(n)) => whole(ChangeKind::Added, n),
            (Some(o), Some(n)) => {
                let keys: BTreeSet<&str> =
                    o.annotations.iter().chain(&n.annotations).map(|(k, _)| k.as_str()).collect();
                let annotations: Vec<AnnotationChange> = keys
                    .into_iter()
                    .filter_map(|k| {
                        let (a, b) = (o.annotation(k).map(str::to_owned), n.annotation(k).map(str::to_owned));
                        (a != b).then(|| AnnotationChange { key: k.to_owned(), old: a, new: b })
                    })
                    .collect();
                let logic_changed = o.logic != n.logic;
                if annotations.is_empty() && !logic_changed {
                    continue;
                }
                RuleChange {
                    id: id.to_owned(),
                    change: ChangeKind::Modified,
                    file: n.file.clone(),
                    annotations,
                    logic_changed,
                    valid_from: n.annotation("validFrom").map(str::to_owned),
                    valid_until: n.annotation("validUntil").map(str::to_owned),
                }
            }
            (None, None) => continue,
        };
        out.push(change);
    }
    out
}

//! The project's rules for annotations, beyond what Cedar checks: each known and readable
//! (every problem of a policy at once), ids unique, `@field` a field of the request
//! contract, `@article` listed, a route explained; and the slips of [`super::slips`].

use std::collections::{BTreeSet, HashMap};

use super::diagnostic::{both, english};
use super::{Diagnostic, Parsed};
use crate::inspect::PolicyEffect;
use crate::lint::slips::{closest, slips as slips_of};
use crate::rules::ANNOTATION_NAMES;
use crate::{JurisdictionInfo, Vocabulary};

pub(super) fn check(info: &JurisdictionInfo, fields: &BTreeSet<String>, parsed: &[Parsed], out: &mut Vec<Diagnostic>) {
    let mut first_use: HashMap<&str, String> = HashMap::new();
    for p in parsed {
        let Some(s) = &p.summary else { continue };
        let line = s.line.unwrap_or(1);
        let at = |d: Diagnostic, key: &str| d.policy(&s.id).in_policy(p.text, line, &format!("@{key}"));
        for (key, message) in s.problems.iter().cloned() {
            let unknown = !ANNOTATION_NAMES.contains(&key.as_str());
            let code = if unknown { "unknown-annotation" } else { "annotation" };
            let mut found = at(Diagnostic::error(code, p.file, english(message)), &key);
            if let Some(near) = closest(&key, ANNOTATION_NAMES.iter().copied()).filter(|_| unknown) {
                found = found.help(both(format!("是不是 `@{near}`？"), format!("did you mean `@{near}`?")));
            }
            out.push(found);
        }
        if s.id.is_empty() {
            let message =
                both("政策没有 `@id`：每条政策都需要唯一的 id", "policy has no `@id`: every policy needs a unique one");
            let head = if s.effect == PolicyEffect::Forbid { "forbid" } else { "permit" };
            let found = Diagnostic::error("missing-id", p.file, message).in_policy(p.text, line, head);
            out.push(found.help(both(
                "id 即裁决中的 `rule`，命名为 `<政策包>.<主题>.<规则>`",
                "the id is the verdict's `rule`; name it `<jurisdiction>.<topic>.<rule>`",
            )));
        } else if let Some(first) = first_use.get(s.id.as_str()) {
            let message = both(format!("政策 id `{}` 用了两次", s.id), format!("policy id `{}` is used twice", s.id));
            let found = at(Diagnostic::error("duplicate-id", p.file, message), "id");
            out.push(found.help(both(format!("第一次用在 {first}"), format!("first used at {first}"))));
        } else {
            first_use.insert(&s.id, format!("{}:{line}", p.file));
        }
        if let Some(field) = s.annotation("field").filter(|f| !fields.contains(*f)) {
            let message = both(
                format!("`@field(\"{field}\")` 不是请求约定中的字段"),
                format!("`@field(\"{field}\")` is not a field of the request contract"),
            );
            let mut found = at(Diagnostic::error("field", p.file, message), "field");
            if let Some(near) = closest(field, fields.iter().map(String::as_str)) {
                found = found.help(both(format!("是不是 `{near}`？"), format!("did you mean `{near}`?")));
            }
            out.push(found);
        }
        let regulation = info.regulation(s.annotation("regulation"));
        if let (Some(r), Some(article)) = (regulation, s.annotation("article")) {
            if !r.articles.contains_key(article) {
                let message = both(
                    format!("`@article(\"{article}\")` 不在 regulation.json 为 `{}` 列出的条文中", r.key),
                    format!("`@article(\"{article}\")` is not an article `{}` lists in regulation.json", r.key),
                );
                let found = at(Diagnostic::error("article", p.file, message), "article");
                out.push(found.help(both(
                    "在 regulation.json 中加上该条及其摘要，或改正条号",
                    "add the article and its summary to regulation.json, or correct the number",
                )));
            }
        }
        let routes = s.effect == PolicyEffect::Permit && s.annotation("reviewer").is_some();
        if routes && (s.annotation("zh").is_none() || s.annotation("en").is_none()) {
            let message = both(
                format!("政策 `{}` 交由审核方办理，但没有用 `@zh` 和 `@en` 说明其含义", s.id),
                format!("policy `{}` routes to a reviewer but does not say in `@zh` and `@en` what that means", s.id),
            );
            out.push(at(Diagnostic::error("message", p.file, message), "reviewer"));
        }
    }
}

/// The slips Cedar lets through, each at its policy and line.
pub(super) fn slips(vocabulary: &Vocabulary, parsed: &[Parsed], out: &mut Vec<Diagnostic>) {
    for p in parsed {
        let Some(s) = &p.summary else { continue };
        let line = s.line.unwrap_or(1);
        for slip in slips_of(s, vocabulary) {
            let found = Diagnostic::error(slip.code, p.file, slip.message).policy(&s.id);
            // Annotations and the head are found within the policy's head; the rest in its body.
            let found = match slip.needle.starts_with('@') || slip.needle == "forbid" {
                true => found.in_policy(p.text, line, &slip.needle),
                false => found.located(p.text, line, &slip.needle),
            };
            out.push(match slip.help {
                Some(help) => found.help(help),
                None => found,
            });
        }
    }
}

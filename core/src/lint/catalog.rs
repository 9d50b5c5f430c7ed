//! `@catalog`: each id a policy names is one the pack (or a layer beneath it) lists in its
//! `pack.json`'s `catalog`, and each id the pack lists is encoded by one of its policies.

use std::collections::BTreeSet;

use super::diagnostic::both;
use super::{Diagnostic, Parsed};
use crate::engine::Sources;

/// The ids one `@catalog` value names: `S5`, `S5, S6` or a range `NO4-NO8`; `None` when a
/// part reads as none of these.
fn ids(value: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for part in value.split(',').map(str::trim) {
        let split = |id: &str| -> Option<(String, u32)> {
            let at = id.find(|c: char| c.is_ascii_digit())?;
            let (prefix, number) = id.split_at(at);
            let ok = !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_uppercase());
            ok.then_some(())?;
            Some((prefix.to_owned(), number.parse().ok()?))
        };
        match part.split_once('-') {
            Some((from, to)) => {
                let ((p, a), (q, b)) = (split(from)?, split(to)?);
                if p != q || a > b || b - a > 50 {
                    return None;
                }
                out.extend((a..=b).map(|n| format!("{p}{n}")));
            }
            None => {
                split(part)?;
                out.push(part.to_owned());
            }
        }
    }
    Some(out)
}

pub(super) fn check(sources: &Sources, manifest_file: &str, parsed: &[Parsed], out: &mut Vec<Diagnostic>) {
    let Ok(manifests) = sources.manifests() else { return };
    let known: BTreeSet<&str> = manifests.iter().flat_map(|(_, m)| m.catalog.iter().map(String::as_str)).collect();
    let own: Vec<&str> =
        manifests.last().map(|(_, m)| m.catalog.iter().map(String::as_str).collect()).unwrap_or_default();
    let mut cited = BTreeSet::new();
    for p in parsed {
        let Some(s) = &p.summary else { continue };
        let Some(value) = s.annotation("catalog") else { continue };
        let line = s.line.unwrap_or(1);
        let at = |d: Diagnostic| d.policy(&s.id).in_policy(p.text, line, "@catalog");
        let Some(named) = ids(value) else {
            let message = both(
                format!("`@catalog(\"{value}\")` 不是规则目录编号（如 `S5`、`S5, S6` 或 `NO4-NO8`）"),
                format!("`@catalog(\"{value}\")` is not a rule catalogue id (`S5`, `S5, S6` or `NO4-NO8`)"),
            );
            out.push(at(Diagnostic::error("catalog", p.file, message)));
            continue;
        };
        for id in named {
            if !known.contains(id.as_str()) {
                let message = both(
                    format!("`@catalog` 的 `{id}` 不在本政策包及其下层 pack.json 的 `catalog` 中"),
                    format!("`@catalog` names `{id}`, which the `catalog` of this pack's pack.json (and its layers') does not list"),
                );
                let near = super::closest(&id, known.iter().copied());
                let help = match near {
                    Some(n) => both(format!("是不是 `{n}`？"), format!("did you mean `{n}`?")),
                    None => both(
                        "在 pack.json 的 `catalog` 中列出本包编码的规则目录编号（RULES.md）",
                        "list the rule catalogue ids (RULES.md) the pack encodes in pack.json's `catalog`",
                    ),
                };
                out.push(at(Diagnostic::error("catalog", p.file, message)).help(help));
            }
            cited.insert(id);
        }
    }
    let text = sources.pack().map_or("", |l| l.manifest.as_str());
    for id in own.into_iter().filter(|id| !cited.contains(*id)) {
        let message = both(
            format!("pack.json 的 `catalog` 列出了 `{id}`，但本包没有政策以 `@catalog` 引用它"),
            format!("pack.json's `catalog` lists `{id}`, but no policy of the pack names it in `@catalog`"),
        );
        out.push(Diagnostic::warning("catalog", manifest_file, message).located(text, 1, &format!("\"{id}\"")));
    }
}

#[cfg(test)]
mod tests {
    use super::ids;

    #[test]
    fn catalogue_ids_lists_and_ranges_read() {
        assert_eq!(ids("S5"), Some(vec!["S5".to_owned()]));
        assert_eq!(ids("S5, C2"), Some(vec!["S5".to_owned(), "C2".to_owned()]));
        assert_eq!(ids("NO4-NO6"), Some(vec!["NO4".to_owned(), "NO5".to_owned(), "NO6".to_owned()]));
        for bad in ["", "s5", "S", "5", "NO6-NO4", "NO4-NR6", "S1-S999"] {
            assert_eq!(ids(bad), None, "{bad}");
        }
    }
}

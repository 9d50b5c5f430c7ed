//! The pack's data files: `pack.json` (and its layers'), `regulation.json`, the files
//! `policyFiles` lists, the holiday calendar and the coverage matrix.

use std::collections::BTreeSet;
use std::str::FromStr;

use cedar_policy::PolicySet;
use chrono::Datelike;

use super::diagnostic::{both, english, find_from};
use super::{Diagnostic, Parsed};
use crate::coverage::Coverage;
use crate::engine::{LayerSources, Sources};
use crate::{inspect, Calendar, JurisdictionInfo, PackManifest, Vocabulary};

/// The request vocabulary of the pack with its layers (their `pack.json` files).
pub(super) fn vocabulary(
    sources: &Sources,
    top: &str,
    manifest_file: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Vocabulary> {
    let mut manifests = Vec::new();
    for layer in &sources.layers {
        let file = match layer.pack == top {
            true => manifest_file.to_owned(),
            false => format!("{}/pack.json", layer.pack),
        };
        match serde_json::from_str::<PackManifest>(&layer.manifest) {
            Ok(m) => manifests.push((file, m)),
            Err(e) => {
                let found = Diagnostic::error("pack", &file, english(e.to_string()));
                let found = found.at(&layer.manifest, e.line(), e.column(), 1);
                out.push(
                    found.help(both("政策包的格式见 policies/README.md", "see policies/README.md for the pack format")),
                );
                return None;
            }
        }
    }
    match Vocabulary::merge(manifests.iter().map(|(f, m)| (f.as_str(), m))) {
        Ok(v) => Some(v),
        Err(e) => {
            let message = e.to_string();
            let (file, message) = message.split_once(": ").unwrap_or((manifest_file, &message));
            let text = sources.pack().map(|l| l.manifest.as_str()).unwrap_or_default();
            let needle = message.split('`').nth(1).map(|n| format!("\"{n}\"")).unwrap_or_default();
            out.push(Diagnostic::error("pack", file, english(message)).located(text, 1, &needle));
            None
        }
    }
}

/// `regulation.json`: readable, keys unique, the dormancy article known, and the holiday
/// calendar covering the period in force.
pub(super) fn regulation(sources: &Sources, file: &str, out: &mut Vec<Diagnostic>) -> Option<JurisdictionInfo> {
    let text = sources.pack().and_then(|l| l.regulation.as_deref()).unwrap_or_default();
    if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
        let found = Diagnostic::error("regulation", file, english(e.to_string())).at(text, e.line(), e.column(), 1);
        out.push(
            found.help(both("regulation.json 可读之后才检查政策", "policies are linted once regulation.json reads")),
        );
        return None;
    }
    let info = match inspect::regulation_info(sources) {
        Ok(info) => info,
        Err(e) => {
            let message = e.to_string();
            let message = message.strip_prefix(&format!("{file}: ")).unwrap_or(&message).to_owned();
            let needle = format!("\"{}\"", message.split('`').nth(1).unwrap_or("regulations"));
            out.push(Diagnostic::error("regulation", file, english(message)).located(text, 1, &needle));
            return None;
        }
    };
    let mut keys = BTreeSet::new();
    for r in &info.regulations {
        if !keys.insert(r.key.as_str()) {
            let message =
                both(format!("法规键 `{}` 用了两次", r.key), format!("regulation key `{}` is used twice", r.key));
            out.push(Diagnostic::error("regulation", file, message).located(text, 1, &format!("\"{}\"", r.key)));
        }
    }
    if let Some(d) = &info.dormancy {
        match info.regulation(d.regulation.as_deref()) {
            Some(r) if !r.articles.contains_key(&d.article) => {
                let message = both(
                    format!("休眠规则引用的 `{}` 不在 `{}` 的条文列表中", d.article, r.key),
                    format!("the dormancy rule cites `{}`, which `{}` does not list", d.article, r.key),
                );
                out.push(Diagnostic::error("article", file, message).located(text, 1, "\"dormancy\""));
            }
            None => {
                let message = both(
                    "休眠规则所指的法规键不在列表中",
                    "the dormancy rule names a regulation key that is not listed",
                );
                out.push(Diagnostic::error("regulation", file, message).located(text, 1, "\"dormancy\""));
            }
            Some(_) => {}
        }
    }
    // A calendar that does not read is reported once, at its own file (`calendar`).
    if let Ok(calendar) = Calendar::from_files(sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        let years: BTreeSet<i32> = calendar.years().collect();
        // The pack's own regulations: a layer's are reported where the layer is validated,
        // at its own file, once.
        let own = sources.pack().map(|top| info.regulations_of(&top.pack)).unwrap_or_default();
        for r in own.iter().filter_map(|i| info.regulations.get(*i)) {
            let Some(end) = r.expires else { continue };
            // Years before the first holiday notice on file are past: requests are dated now.
            let first = years.first().copied().unwrap_or(i32::MAX).max(r.in_force.year());
            let missing: Vec<String> =
                (first..=end.year()).filter(|y| !years.contains(y)).map(|y| y.to_string()).collect();
            if !missing.is_empty() {
                let missing = missing.join(", ");
                let message = both(
                    format!("`{}` 施行至 {end}，但节假日日历没有 {missing} 年的数据：这些年份的期限只按周末计算", r.key),
                    format!(
                        "`{}` is in force until {end}, but the holiday calendar has no data for {missing}: deadlines there count weekends only",
                        r.key
                    ),
                );
                // At this regulation's own `expires`: the one after its key.
                let entry = find_from(text, 1, &format!("\"{}\"", r.key)).map_or(1, |(line, _)| line);
                let found = Diagnostic::warning("calendar", file, message).located(text, entry, "\"expires\"");
                out.push(found.help(both(
                    "国务院办公厅公布后，添加 policies/calendar/<年份>.json",
                    "add policies/calendar/<year>.json once the State Council publishes it",
                )));
            }
        }
    }
    Some(info)
}

/// Each file `policyFiles` lists is there and holds a policy.
pub(super) fn required_files(top: &LayerSources, manifest_file: &str, parsed: &[Parsed], out: &mut Vec<Diagnostic>) {
    let Ok(manifest) = serde_json::from_str::<PackManifest>(&top.manifest) else { return };
    let base = |path: &str| path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned();
    for name in &manifest.policy_files {
        match top.policies.iter().find(|(path, _)| base(path) == *name) {
            None => {
                let message = both(
                    format!("`policyFiles` 列出了 `{name}`，但文件夹中没有它"),
                    format!("`policyFiles` lists `{name}`, which the folder does not have"),
                );
                let found = Diagnostic::error("missing-file", manifest_file, message).located(&top.manifest, 1, name);
                out.push(found.help(both(
                    "恢复该文件；若是有意删除，从 `policyFiles` 中移除",
                    "restore the file, or remove it from `policyFiles` if it is gone on purpose",
                )));
            }
            // A file that does not parse has its syntax errors already.
            Some((file, source))
                if !parsed.iter().any(|p| p.file == file)
                    && PolicySet::from_str(source).is_ok_and(|set| set.is_empty()) =>
            {
                let message = both(
                    "文件中没有政策，但 `pack.json` 的 `policyFiles` 列出了它",
                    "holds no policy, but `pack.json` lists it in `policyFiles`",
                );
                out.push(Diagnostic::error("empty-file", file, message).at(source, 1, 1, 1));
            }
            Some(_) => {}
        }
    }
}

/// The holiday calendar's faults, each at the calendar file that has it.
pub(super) fn calendar(sources: &Sources) -> Vec<Diagnostic> {
    let files = sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str()));
    let Err(crate::Error::Policies { file, message, .. }) = Calendar::from_files(files) else {
        return Vec::new();
    };
    let text = sources.calendar.iter().find(|(n, _)| *n == file).map_or("", |(_, t)| t.as_str());
    // serde_json ends its messages with "at line L column C".
    let mut words = message.rsplit(' ');
    let place = match (words.next(), words.next(), words.next(), words.next()) {
        (Some(column), Some("column"), Some(line), Some("line")) => line.parse().ok().zip(column.parse().ok()),
        _ => None,
    };
    let found = Diagnostic::error("calendar", &file, english(message.clone()));
    vec![match place {
        Some((line, column)) => found.at(text, line, column, 1),
        None => found,
    }]
}

/// The coverage matrix's problems, each at its article's entry in `coverage.json`.
pub(super) fn coverage(coverage: &Coverage, file: &str, text: &str) -> Vec<Diagnostic> {
    coverage
        .problems
        .iter()
        .map(|p| {
            let from = super::find_from(text, 1, &format!("\"{}\"", p.regulation)).map_or(1, |(line, _)| line);
            let found = Diagnostic::error(p.code, file, english(p.message.clone()));
            let found = found.located(text, from, &format!("\"{}\"", p.article));
            match &p.policy {
                Some(id) => found.policy(id),
                None => found,
            }
        })
        .collect()
}

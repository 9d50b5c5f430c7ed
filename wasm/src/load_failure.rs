//! Where a policy set that does not load went wrong, for an author editing it in a page:
//! the engine's error names the file (and, for a rule, the policy's `@id`); this finds the
//! line — of the token Cedar could not parse, of the schema or metadata error, or of the
//! policy the error names. Plain Rust, tested natively.

use std::str::FromStr;

use cedar_policy::PolicySet;
use miette::Diagnostic;
use pubdata_policy::inspect::{inspect_file, line_and_column, regulation_info};
use pubdata_policy::{Error, PackManifest, Sources};
use serde::Serialize;

/// The place of a load error, as far as it can be found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// The file as the sources name it, e.g. `ganzi/share.cedar`, `ganzi/pack.json`.
    pub file: String,
    /// 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The `@id` of the policy at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// Locates an `invalid_policies` error in the sources it came from; `None` for other errors.
pub fn locate(sources: &Sources, error: &Error) -> Option<Location> {
    let Error::Policies { file, policy, .. } = error else { return None };
    let mut here = Location { file: file.clone(), ..Location::default() };
    let at = |here: &mut Location, text: &str, offset: usize| {
        let (line, column) = line_and_column(text, offset);
        (here.line, here.column) = (Some(line), Some(column));
    };
    let policies = sources.layers.iter().flat_map(|l| &l.policies);
    let layer_of = |name: &str| sources.layers.iter().find(|l| file == &format!("{}/{name}", l.pack));
    if let Some((_, text)) = policies.into_iter().find(|(name, _)| name == file) {
        match PolicySet::from_str(text) {
            Err(errors) => {
                if let Some(offset) = first_offset(&errors) {
                    at(&mut here, text, offset);
                }
            }
            Ok(_) => {
                here.policy.clone_from(policy);
                if let Some(id) = policy {
                    here.line = policy_line(sources, file, text, id);
                }
            }
        }
    } else if let Some(layer) = layer_of("pack.json") {
        if let Err(e) = serde_json::from_str::<PackManifest>(&layer.manifest) {
            (here.line, here.column) = (Some(e.line()), Some(e.column()));
        }
    } else if let Some(text) = layer_of("regulation.json").and_then(|l| l.regulation.as_deref()) {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            (here.line, here.column) = (Some(e.line()), Some(e.column()));
        }
    }
    Some(here)
}

fn first_offset(d: &dyn Diagnostic) -> Option<usize> {
    d.labels().and_then(|mut labels| labels.next()).map(|label| label.offset())
}

/// The line of the policy `id` of `file`. An id the file uses twice is at fault where
/// a policy bearing it does not read, else where it is used the second time.
fn policy_line(sources: &Sources, file: &str, text: &str, id: &str) -> Option<usize> {
    let pack = sources.layers.iter().find(|l| l.policies.iter().any(|(name, _)| name == file))?;
    let info = regulation_info(sources).ok()?;
    let summaries = inspect_file(file, text, &info, &pack.pack).ok()?;
    let bearing: Vec<_> = summaries.iter().filter(|s| s.id == id).collect();
    let faulty = bearing.iter().find(|s| s.problem.is_some()).or(bearing.last());
    faulty.and_then(|s| s.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pubdata_policy::Engine;

    fn ganzi() -> Sources {
        Sources::builtin("ganzi").unwrap()
    }

    fn own(sources: &mut Sources) -> &mut pubdata_policy::LayerSources {
        sources.layers.last_mut().unwrap()
    }

    fn edit(sources: &mut Sources, file: &str, from: &str, to: &str) {
        let text = &mut own(sources).policies.iter_mut().find(|(n, _)| n == file).unwrap().1;
        assert!(text.contains(from), "{from}");
        *text = text.replacen(from, to, 1);
    }

    fn located(sources: &Sources) -> Location {
        let error = Engine::from_sources(sources).unwrap_err();
        locate(sources, &error).unwrap_or_else(|| panic!("not located: {error}"))
    }

    fn line_of(sources: &Sources, file: &str, needle: &str) -> usize {
        let text = &sources.layers.last().unwrap().policies.iter().find(|(n, _)| n == file).unwrap().1;
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn a_syntax_error_is_placed_at_its_token() {
        let mut s = ganzi();
        edit(
            &mut s,
            "ganzi/share.cedar",
            "@workingDays(\"5\")\n@article(\"第十八条\")",
            "@workingDays(\"5\"\n@article(\"第十八条\")",
        );
        let at = located(&s);
        assert_eq!(at.file, "ganzi/share.cedar");
        // Cedar stops at the token after the unclosed annotation: the next line's `@`.
        assert_eq!((at.line, at.column), (Some(line_of(&s, "ganzi/share.cedar", "@workingDays(\"5\"") + 1), Some(1)));
        assert_eq!(at.policy, None);
    }

    #[test]
    fn an_annotation_error_names_the_policy_and_its_line() {
        let mut s = ganzi();
        edit(
            &mut s,
            "ganzi/share.cedar",
            "@workingDays(\"5\")\n@article(\"第十八条\")",
            "@workingDay(\"3\")\n@article(\"第十八条\")",
        );
        let at = located(&s);
        assert_eq!(at.policy.as_deref(), Some("ganzi.share.conditional.review"));
        assert_eq!(at.line, Some(line_of(&s, "ganzi/share.cedar", "@id(\"ganzi.share.conditional.review\")")));
    }

    #[test]
    fn a_schema_mismatch_names_the_policy() {
        let mut s = ganzi();
        edit(
            &mut s,
            "ganzi/share.cedar",
            "resource.sharing == \"conditional\" };",
            "resource.colour == \"conditional\" };",
        );
        let at = located(&s);
        let id = at.policy.clone().unwrap_or_else(|| panic!("no policy: {at:?}"));
        assert_eq!(at.line, Some(line_of(&s, "ganzi/share.cedar", &format!("@id(\"{id}\")"))));
        let text = &s.layers.last().unwrap().policies.iter().find(|(n, _)| n == "ganzi/share.cedar").unwrap().1;
        let policy = &text[text.find(&format!("@id(\"{id}\")")).unwrap()..];
        assert!(policy.split("\n\n").next().unwrap().contains("resource.colour"), "the edited policy: {at:?}");
    }

    #[test]
    fn an_id_used_twice_is_placed_at_the_use_that_does_not_read() {
        let mut s = ganzi();
        // The first use of the id also loses its `@workingDays`: loading stops there.
        edit(
            &mut s,
            "ganzi/share.cedar",
            "@workingDays(\"5\")\n@article(\"第十八条\")",
            "@workingDays(\"five\")\n@article(\"第十八条\")",
        );
        let first = line_of(&s, "ganzi/share.cedar", "@workingDays(\"five\")");
        let text = &s.layers.last().unwrap().policies.iter().find(|(n, _)| n == "ganzi/share.cedar").unwrap().1;
        let id_line = text.lines().take(first).filter(|l| l.starts_with("@id(")).last().unwrap().to_owned();
        let later = text.lines().skip(first).find(|l| l.starts_with("@id(")).unwrap().to_owned();
        edit(&mut s, "ganzi/share.cedar", &later, &id_line);
        let at = located(&s);
        assert!(at.policy.as_deref().is_some_and(|id| id_line.contains(id)), "{at:?}");
        assert_eq!(at.line, Some(line_of(&s, "ganzi/share.cedar", &id_line)), "the first use, not the second");
    }

    #[test]
    fn a_duplicate_id_is_placed_at_its_second_use() {
        let mut s = ganzi();
        edit(
            &mut s,
            "ganzi/share.cedar",
            "@id(\"ganzi.share.uncatalogued.review\")",
            "@id(\"ganzi.share.conditional.review\")",
        );
        let at = located(&s);
        assert_eq!(at.policy.as_deref(), Some("ganzi.share.conditional.review"));
        let text = &s.layers.last().unwrap().policies.iter().find(|(n, _)| n == "ganzi/share.cedar").unwrap().1;
        let second =
            text.lines().enumerate().filter(|(_, l)| l.contains("@id(\"ganzi.share.conditional.review\")")).nth(1);
        assert_eq!(at.line, second.map(|(i, _)| i + 1));
    }

    #[test]
    fn metadata_and_manifest_errors_are_placed_in_their_files() {
        let mut s = ganzi();
        let regulation = own(&mut s).regulation.take().unwrap();
        own(&mut s).regulation = Some(regulation.replacen("\"regulations\": [", "\"regulations\": {", 1));
        let at = located(&s);
        // `"regulations": {` then `{`: the JSON breaks where a key should be, on line 3.
        assert_eq!((at.file.as_str(), at.line), ("ganzi/regulation.json", Some(3)));
        let mut s = ganzi();
        own(&mut s).manifest = own(&mut s).manifest.replacen("\"layers\"", "\"layer\"", 1);
        let at = located(&s);
        assert_eq!(at.file, "ganzi/pack.json");
        assert!(at.line.is_some_and(|l| l > 1), "{at:?}");
        assert_eq!(locate(&s, &Error::Evaluation("x".into())), None);
    }
}

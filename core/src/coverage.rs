//! The coverage matrix: every article of a regulation's text, classified.
//!
//! A pack carries each regulation's text (`text` in `coverage.json`) and classifies
//! every article of it: `decides` (policies encode it: a violation or a ground),
//! `informs` (the verdict carries it: an obligation, a notice, a step) or
//! `{ "notDecidable": "reason" }`. The article list comes from the text itself: a line
//! that starts with `第…条` (or `條`) starts an article, numbered from 第一条; a file
//! holding two regulations has two runs, and `part` picks one. The matrix is checked
//! against the policies' `@article` annotations. Nothing here decides a request.

use std::collections::BTreeMap;
use std::str::FromStr;

use cedar_policy::{Effect, PolicySet};
use serde::{Deserialize, Serialize};

use crate::engine::Sources;
use crate::error::Error;
use crate::inspect::{PolicyEffect, PolicySummary};
use crate::regulation::JurisdictionInfo;

/// How long a `coverage.json` may be, read before it is parsed.
/// How long a `coverage.json` may be.
pub const MAX_MATRIX_BYTES: usize = 1 << 20;
/// How long a regulation's text may be.
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// `coverage.json`: per regulation key, its text and the class of each article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Matrix {
    /// Per regulation key, its text and its articles' classes.
    pub regulations: BTreeMap<String, RegulationMatrix>,
}

/// One regulation's entry of `coverage.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegulationMatrix {
    /// The text file, in the pack's folder.
    pub text: String,
    /// Which run of articles numbered from 第一条 in the file (1 for the first).
    #[serde(default = "first")]
    pub part: usize,
    /// Each article of the text (第一条 …) with its class.
    pub articles: BTreeMap<String, Class>,
}

fn first() -> usize {
    1
}

/// What an article is to the policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Class {
    /// Policies encode it.
    Decides,
    /// The verdict carries it: an obligation, a notice or a deadline.
    Informs,
    /// Why no form can be checked against it, in one line.
    NotDecidable(String),
}

/// The matrix of one jurisdiction, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// The jurisdiction (pack) checked.
    pub jurisdiction: String,
    /// Each regulation's articles and counts.
    pub regulations: Vec<RegulationCoverage>,
    /// Everything `pdp validate` reports: unclassified articles, classes no policy bears
    /// out, citations of articles the matrix or the text does not have.
    pub problems: Vec<Problem>,
}

impl Coverage {
    /// How many articles, of every regulation, no class is given.
    pub fn unclassified(&self) -> usize {
        self.regulations.iter().map(|r| r.counts.unclassified).sum()
    }
}

/// One regulation's articles, classified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegulationCoverage {
    /// The regulation's key.
    pub key: String,
    /// Its title.
    pub title: String,
    /// The text file the articles were read from.
    pub text: String,
    /// How many articles of each class.
    pub counts: Counts,
    /// In the text's order.
    pub articles: Vec<Article>,
}

/// How many articles of each class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Articles in the text.
    pub articles: usize,
    /// Articles policies encode.
    pub decides: usize,
    /// Articles the verdict carries.
    pub informs: usize,
    /// Articles no form can be checked against.
    pub not_decidable: usize,
    /// Articles not yet classified.
    pub unclassified: usize,
}

/// One article and its class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// The article (第十一条).
    pub article: String,
    /// `decides`, `informs`, `not_decidable` or `unclassified`.
    pub class: &'static str,
    /// Why it is not decidable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The policies that cite the article (or one of its items).
    pub policies: Vec<String>,
}

/// What the matrix reads of a policy: its id, whether it decides, and what it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The `@id` annotation, `""` when there is none.
    pub id: String,
    /// The pack whose file holds the policy (its first regulation is the one cited when
    /// `@regulation` is absent).
    pub pack: String,
    /// A violation (`forbid`) or a ground (a `permit` with `@outcome`).
    pub decides: bool,
    /// `@regulation`, when given: the key of the regulation cited.
    pub regulation: Option<String>,
    /// `@article`, when given, as written (`第十一条第（三）项`).
    pub article: Option<String>,
}

impl From<&PolicySummary> for Citation {
    fn from(p: &PolicySummary) -> Citation {
        Citation {
            id: p.id.clone(),
            pack: p.pack.clone(),
            decides: p.effect == PolicyEffect::Forbid || p.annotation("outcome").is_some(),
            regulation: p.annotation("regulation").map(str::to_owned),
            article: p.annotation("article").map(str::to_owned),
        }
    }
}

/// The citations of every policy of `sources`, read with Cedar's parser alone: not with
/// `inspect`, whose JSON form of each policy would bring Cedar's JSON policy format into
/// the WebAssembly module, which shows the matrix in the browser too.
pub fn citations(sources: &Sources) -> Result<Vec<Citation>, Error> {
    let mut out = Vec::new();
    for (layer, (file, text)) in sources.layers.iter().flat_map(|l| l.policies.iter().map(move |f| (l, f))) {
        let parsed = PolicySet::from_str(text).map_err(|e| Error::policies(file, e))?;
        for policy in parsed.policies() {
            let annotation = |key| policy.annotation(key).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
            out.push(Citation {
                id: policy.annotation("id").map(str::trim).unwrap_or_default().to_owned(),
                pack: layer.pack.clone(),
                decides: policy.effect() == Effect::Forbid || annotation("outcome").is_some(),
                regulation: annotation("regulation"),
                article: annotation("article"),
            });
        }
    }
    Ok(out)
}

/// Something the matrix, the text and the policies disagree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// `unclassified`, `no-policy`, `not-classified-cited`, `not-in-text`, `no-matrix`.
    pub code: &'static str,
    /// The regulation's key.
    pub regulation: String,
    /// The article concerned.
    pub article: String,
    /// The policy concerned, for a citation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// The articles of a regulation's text, in order: `part` picks the run of articles
/// numbered from 第一条 (a file may hold two regulations). The numbers of a run must
/// follow one another, so that a line that merely starts with a reference is caught.
pub fn articles_of(text: &str, part: usize) -> Result<Vec<String>, String> {
    let mut runs: Vec<Vec<u32>> = Vec::new();
    for line in text.lines() {
        let Some(n) = article_number(line) else { continue };
        match runs.last_mut() {
            Some(run) if n != 1 => run.push(n),
            _ => runs.push(vec![n]),
        }
    }
    let run = part.checked_sub(1).and_then(|i| runs.get(i)).ok_or_else(|| {
        format!("the text has {} run(s) of articles numbered from 第一条, not a run {part}", runs.len())
    })?;
    for (expected, n) in (1u32..).zip(run) {
        if *n != expected {
            return Err(format!("run {part} of the text goes from {} to {}", name(expected - 1), name(*n)));
        }
    }
    Ok(run.iter().map(|n| name(*n)).collect())
}

/// The number of the article a line starts, if it starts one.
fn article_number(line: &str) -> Option<u32> {
    let rest = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}').strip_prefix('第')?;
    let end = rest.find(['条', '條'])?;
    chinese_number(rest.get(..end)?)
}

/// 一 … 九十九, 一百 … 九百九十九 (with 零 for a missing ten).
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32);
    if s.is_empty() || !s.chars().all(|c| digit(c).is_some() || c == '十' || c == '百' || c == '〇') {
        return None;
    }
    let s = s.replace('〇', "零");
    let (hundreds, rest) = match s.split_once('百') {
        Some((h, r)) => (h.chars().next().map_or(Some(1), digit)?, r.trim_start_matches('零').to_owned()),
        None => (0, s),
    };
    let (tens, ones) = match rest.split_once('十') {
        Some((t, o)) => (t.chars().next().map_or(Some(1), digit)?, o.to_owned()),
        None => (0, rest),
    };
    let ones = match ones.chars().collect::<Vec<_>>().as_slice() {
        [] => 0,
        [c] => digit(*c)?,
        _ => return None,
    };
    Some(hundreds * 100 + tens * 10 + ones)
}

/// The article's name as the regulations write it: 第十八条.
fn name(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |i: u32| DIGITS.get(i as usize).copied().unwrap_or_default();
    let (h, t, o) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::from("第");
    if h > 0 {
        s.push_str(d(h));
        s.push('百');
        if t == 0 && o > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if h > 0 || t > 1 {
            s.push_str(d(t));
        }
        s.push('十');
    }
    if o > 0 || n == 0 {
        s.push_str(d(o));
    }
    s.push('条');
    s
}

/// The article a citation names: `第十一条第（三）项` → `第十一条`.
pub fn article_of_citation(citation: &str) -> &str {
    match citation.find('条') {
        Some(i) => citation.get(..i + '条'.len_utf8()).unwrap_or(citation),
        None => citation,
    }
}

/// Reads a `coverage.json`.
pub fn parse_matrix(file: &str, text: &str) -> Result<Matrix, Error> {
    if text.len() > MAX_MATRIX_BYTES {
        return Err(Error::policies(file, format!("longer than {MAX_MATRIX_BYTES} bytes")));
    }
    serde_json::from_str(text).map_err(|e| Error::policies(file, e))
}

/// The coverage of a pack's sources (the pack is the last layer): `matrix`, the text of its
/// `coverage.json` (named `matrix_file` in errors), checked against its own regulations and
/// the policies of it and its layers, each regulation's text read by `text(file)`. What
/// `pdp coverage` reports for a pack, and the WebAssembly package's `Engine.coverage` for
/// edited texts.
pub fn of_sources(
    sources: &Sources,
    matrix_file: &str,
    matrix: &str,
    text: &dyn Fn(&str) -> Result<String, Error>,
) -> Result<Coverage, Error> {
    let info = crate::inspect::regulation_info(sources)?;
    let pack = sources.pack().map(|l| l.pack.as_str()).unwrap_or_default();
    compute(pack, &info, &parse_matrix(matrix_file, matrix)?, text, &citations(sources)?)
}

/// Checks the matrix of the pack `pack` against its own regulations' texts (`text(file)`
/// reads a file of the pack) and the policies of it and its layers. The regulations of the
/// layers beneath are the matrices of those packs.
pub fn compute(
    pack: &str,
    info: &JurisdictionInfo,
    matrix: &Matrix,
    text: &dyn Fn(&str) -> Result<String, Error>,
    policies: &[Citation],
) -> Result<Coverage, Error> {
    let mut problems = Vec::new();
    let mut regulations = Vec::new();
    let own: Vec<&crate::Regulation> = info.regulations.iter().filter(|r| r.pack == pack).collect();
    if let Some(key) = matrix.regulations.keys().find(|k| own.iter().all(|r| &r.key != *k)) {
        return Err(Error::policies(
            "coverage.json",
            format!("`{key}` is not a key of the pack's regulation metadata"),
        ));
    }
    // The regulation a policy cites: its `@regulation`, or the first of its own pack's.
    let cited = |p: &Citation| -> Option<String> {
        match &p.regulation {
            Some(key) => Some(key.clone()),
            None => info.regulations.iter().find(|r| r.pack == p.pack).map(|r| r.key.clone()),
        }
    };
    for regulation in own {
        let key = regulation.key.as_str();
        let cites: Vec<(&Citation, &str)> = policies
            .iter()
            .filter(|p| cited(p).is_some_and(|k| k == key))
            .filter_map(|p| p.article.as_deref().map(|a| (p, article_of_citation(a))))
            .collect();
        let Some(m) = matrix.regulations.get(key) else {
            problems.push(Problem {
                code: "no-matrix",
                regulation: key.to_owned(),
                article: String::new(),
                policy: None,
                message: format!("coverage.json does not classify the articles of `{key}` ({})", regulation.title),
            });
            continue;
        };
        if m.text.is_empty() || m.text.contains(['/', '\\']) || m.text.starts_with('.') {
            return Err(Error::policies(
                "coverage.json",
                format!("`text` of `{key}` must name a file of the pack's folder, not `{}`", m.text),
            ));
        }
        let body = text(&m.text)?;
        if body.len() > MAX_TEXT_BYTES {
            return Err(Error::policies(&m.text, format!("longer than {MAX_TEXT_BYTES} bytes")));
        }
        let list = articles_of(&body, m.part).map_err(|e| Error::policies(&m.text, e))?;
        let mut counts = Counts { articles: list.len(), ..Counts::default() };
        let mut articles = Vec::new();
        for article in &list {
            let citing: Vec<&Citation> = cites.iter().filter(|(_, a)| a == article).map(|(p, _)| *p).collect();
            let decided = citing.iter().any(|p| p.decides);
            let mut problem = |code, message: String| {
                problems.push(Problem {
                    code,
                    regulation: key.to_owned(),
                    article: article.clone(),
                    policy: None,
                    message,
                })
            };
            let (class, reason) = match m.articles.get(article) {
                None => {
                    counts.unclassified += 1;
                    problem("unclassified", format!("`{key}` {article} is not classified in coverage.json"));
                    ("unclassified", None)
                }
                Some(Class::Decides) => {
                    counts.decides += 1;
                    if !decided {
                        problem(
                            "no-policy",
                            format!("`{key}` {article} is marked decides, but no violation or ground cites it"),
                        );
                    }
                    ("decides", None)
                }
                Some(Class::Informs) => {
                    counts.informs += 1;
                    if citing.is_empty() {
                        problem("no-policy", format!("`{key}` {article} is marked informs, but no policy cites it"));
                    }
                    ("informs", None)
                }
                Some(Class::NotDecidable(reason)) => {
                    counts.not_decidable += 1;
                    if reason.trim().is_empty() {
                        problem("unclassified", format!("`{key}` {article} is marked not decidable without a reason"));
                    }
                    if let Some(p) = citing.first() {
                        problems.push(Problem {
                            code: "not-classified-cited",
                            regulation: key.to_owned(),
                            article: article.clone(),
                            policy: Some(p.id.clone()),
                            message: format!(
                                "policy `{}` cites `{key}` {article}, which coverage.json marks not decidable",
                                p.id
                            ),
                        });
                    }
                    ("not_decidable", Some(reason.clone()))
                }
            };
            let policies = citing.iter().map(|p| p.id.clone()).collect();
            articles.push(Article { article: article.clone(), class, reason, policies });
        }
        for article in m.articles.keys().filter(|a| !list.contains(a)) {
            problems.push(Problem {
                code: "not-in-text",
                regulation: key.to_owned(),
                article: article.clone(),
                policy: None,
                message: format!(
                    "coverage.json classifies `{key}` {article}, which the text `{}` does not have",
                    m.text
                ),
            });
        }
        for (p, article) in cites.iter().filter(|(_, a)| !list.iter().any(|l| l == a)) {
            problems.push(Problem {
                code: "not-in-text",
                regulation: key.to_owned(),
                article: (*article).to_owned(),
                policy: Some(p.id.clone()),
                message: format!(
                    "policy `{}` cites `{key}` {article}, which the text `{}` does not have",
                    p.id, m.text
                ),
            });
        }
        regulations.push(RegulationCoverage {
            key: key.to_owned(),
            title: regulation.title.clone(),
            text: m.text.clone(),
            counts,
            articles,
        });
    }
    Ok(Coverage { jurisdiction: info.jurisdiction.clone(), regulations, problems })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::*;

    #[test]
    fn article_names_and_numbers_agree() {
        for n in 1..=250 {
            let s = name(n);
            let digits = s.trim_start_matches('第').trim_end_matches('条');
            assert_eq!(chinese_number(digits), Some(n), "{s}");
        }
        assert_eq!(name(18), "第十八条");
        assert_eq!(name(10), "第十条");
        assert_eq!(name(48), "第四十八条");
        assert_eq!(name(105), "第一百零五条");
        assert_eq!(chinese_number("十二三"), None);
    }

    #[test]
    fn a_text_gives_its_articles_run_by_run() {
        let text = "前言\n第一条 总则\n  第二条  用语\n按照本办法第一条的规定\n\u{3000}第三條 繁體\n附件\n第一条 另一办法\n第二条 完\n";
        assert_eq!(articles_of(text, 1).unwrap(), ["第一条", "第二条", "第三条"]);
        assert_eq!(articles_of(text, 2).unwrap(), ["第一条", "第二条"]);
        assert!(articles_of(text, 3).is_err());
        assert!(articles_of("第一条 a\n第三条 b\n", 1).unwrap_err().contains("第一条 to 第三条"));
    }

    /// 甘孜's pack as the repository holds it: the built-in sources, `coverage.json` and
    /// the text, through the path `pdp coverage` and the WebAssembly package take.
    fn ganzi(edit: impl FnOnce(&mut Sources)) -> Coverage {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/ganzi");
        let mut sources = Sources::builtin("ganzi").unwrap();
        edit(&mut sources);
        let matrix = std::fs::read_to_string(dir.join("coverage.json")).unwrap();
        let text = |name: &str| Ok(std::fs::read_to_string(dir.join(name)).unwrap());
        of_sources(&sources, "coverage.json", &matrix, &text).unwrap()
    }

    #[test]
    fn a_decides_article_that_loses_its_policies_is_a_problem() {
        let whole = ganzi(|_| {});
        assert_eq!(whole.problems, [], "the built-in pack accounts for every article");
        let r = &whole.regulations[0];
        assert_eq!(r.counts.articles, r.articles.len());
        let tenth = r.articles.iter().find(|a| a.article == "第十条").unwrap();
        assert_eq!((tenth.class, tenth.policies.len()), ("decides", 2), "{tenth:?}");

        // 第十条's two identity policies cite 第十一条 instead: 第十条 is left without one.
        let moved = ganzi(|s| {
            let own = &mut s.layers.last_mut().unwrap().policies;
            let (_, text) = own.iter_mut().find(|(n, _)| n.ends_with("identity.cedar")).unwrap();
            *text = text.replace("@article(\"第十条\")", "@article(\"第十一条\")");
        });
        assert_eq!(moved.regulations[0].counts, r.counts, "the classes are the matrix's");
        let tenth = moved.regulations[0].articles.iter().find(|a| a.article == "第十条").unwrap();
        assert_eq!((tenth.class, tenth.policies.len()), ("decides", 0));
        let codes: Vec<_> = moved.problems.iter().map(|p| (p.code, p.article.as_str())).collect();
        assert_eq!(codes, [("no-policy", "第十条")]);
    }

    #[test]
    fn citations_are_what_inspect_reads_of_each_policy() {
        for j in crate::builtin_jurisdictions() {
            let sources = Sources::builtin(j).unwrap();
            let inspected: Vec<Citation> =
                crate::inspect::inspect(&sources).unwrap().iter().map(Citation::from).collect();
            assert_eq!(citations(&sources).unwrap(), inspected, "{j}");
        }
    }

    #[test]
    fn a_citation_names_its_article() {
        assert_eq!(article_of_citation("第十一条第（三）项"), "第十一条");
        assert_eq!(article_of_citation("第九条"), "第九条");
    }
}

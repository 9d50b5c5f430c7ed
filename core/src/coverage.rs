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

use serde::{Deserialize, Serialize};

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

/// Checks the matrix of the pack `pack` against its own regulations' texts (`text(file)`
/// reads a file of the pack) and the policies of it and its layers. The regulations of the
/// layers beneath are the matrices of those packs.
pub fn compute(
    pack: &str,
    info: &JurisdictionInfo,
    matrix: &Matrix,
    text: &dyn Fn(&str) -> Result<String, Error>,
    policies: &[PolicySummary],
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
    let cited = |p: &PolicySummary| -> Option<String> {
        match p.annotation("regulation") {
            Some(key) => Some(key.to_owned()),
            None => info.regulations.iter().find(|r| r.pack == p.pack).map(|r| r.key.clone()),
        }
    };
    for regulation in own {
        let key = regulation.key.as_str();
        let cites: Vec<(&PolicySummary, &str)> = policies
            .iter()
            .filter(|p| cited(p).is_some_and(|k| k == key))
            .filter_map(|p| p.annotation("article").map(|a| (p, article_of_citation(a))))
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
            let citing: Vec<&PolicySummary> = cites.iter().filter(|(_, a)| a == article).map(|(p, _)| *p).collect();
            let decided = citing.iter().any(|p| p.effect == PolicyEffect::Forbid || p.annotation("outcome").is_some());
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

    #[test]
    fn a_citation_names_its_article() {
        assert_eq!(article_of_citation("第十一条第（三）项"), "第十一条");
        assert_eq!(article_of_citation("第九条"), "第九条");
    }
}

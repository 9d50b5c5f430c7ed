//! What `pdp diff --prove` reports: per jurisdiction, the answer to each question and a
//! counterexample for each "yes", decided by both rule sets like any other diff entry.

use serde::Serialize;

use pubdata_policy::impact::Change;

/// The proof of every jurisdiction compared.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    /// The solver, as it names its version.
    pub solver: String,
    /// One per jurisdiction with policies on both sides.
    pub jurisdictions: Vec<JurisdictionProof>,
}

impl Proof {
    /// Whether any question was answered "yes".
    pub fn found(&self) -> bool {
        self.jurisdictions.iter().any(|j| !j.findings.is_empty())
    }
}

/// The questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Question {
    /// Does NEW refuse a request OLD admits (grants or reviews)?
    NewlyRefused,
    /// Does NEW admit a request OLD refuses?
    NewlyAdmitted,
    /// Does a ground or schedule step that differs fire on an admitted request?
    Route,
    /// Does an obligation or warning that differs fire on an admitted request?
    ObligationOrWarning,
}

impl Question {
    pub fn as_str(self) -> &'static str {
        match self {
            Question::NewlyRefused => "newly refused",
            Question::NewlyAdmitted => "newly granted or reviewed",
            Question::Route => "route",
            Question::ObligationOrWarning => "obligation or warning",
        }
    }
}

/// One jurisdiction's proof.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionProof {
    pub jurisdiction: String,
    /// Wall time of the proof, in milliseconds.
    pub millis: u64,
    /// Periods between the days either side's rules change, and kinds, whose policies differ.
    pub periods: usize,
    /// How many questions the solver answered.
    pub questions: usize,
    /// Whether some request is newly refused (a counterexample is listed).
    pub newly_refused: bool,
    /// Whether some request is newly granted or reviewed.
    pub newly_admitted: bool,
    /// The policies that change a route, by counterexample.
    pub routes: Vec<String>,
    /// The obligations and warnings that change.
    pub obligations_and_warnings: Vec<String>,
    /// A counterexample for each "yes".
    pub findings: Vec<Finding>,
    /// What the proof does not cover here.
    pub notes: Vec<String>,
}

impl JurisdictionProof {
    /// The proof's result in a sentence.
    pub fn conclusion(&self) -> String {
        let outcomes = match (self.newly_refused, self.newly_admitted) {
            (false, false) => "no request is newly refused or newly granted or reviewed".to_owned(),
            (true, false) => "some requests are newly refused; none newly granted or reviewed".to_owned(),
            (false, true) => "some requests are newly granted or reviewed; none newly refused".to_owned(),
            (true, true) => "some requests are newly refused and some newly granted or reviewed".to_owned(),
        };
        let shown = match (self.routes.is_empty(), self.obligations_and_warnings.is_empty()) {
            (true, true) => "no route, obligation or warning changes",
            (false, true) if !self.newly_refused && !self.newly_admitted => "routes change only",
            (false, true) => "routes change",
            (true, false) => "obligations or warnings change",
            (false, false) => "routes and obligations or warnings change",
        };
        format!("{outcomes}; {shown}")
    }
}

/// A "yes", with the request that shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub question: Question,
    pub kind: String,
    /// The first day of the period the request is dated in.
    pub from: String,
    /// The day after its last, when it ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The policy the question was about (routes, obligations and warnings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The counterexample request.
    pub request: serde_json::Value,
    /// Its outcome under OLD and under NEW (`error …` when the engine refused to decide it).
    pub old: String,
    pub new: String,
    /// What differs in its verdict, as `pdp diff` lists it.
    pub changes: Vec<Change>,
    /// Whether deciding the request with both engines shows what the solver claimed; when
    /// not, the solver relied on a value the engine derives (a count of days, an
    /// identifier's validity) or on a route another policy outranks.
    pub reproduced: bool,
    /// The policies that fired on either side (to ask again without an outranking route).
    #[serde(skip)]
    pub fired: std::collections::BTreeSet<String>,
}

/// The proof as text, after the sampled diff.
pub fn human(proof: &Proof) -> String {
    let mut out = format!("proof ({}, cedar-policy-symcc 0.8.1)\n", proof.solver);
    for j in &proof.jurisdictions {
        out.push_str(&format!(
            "{}: {} questions over {} kind-periods whose policies differ, {:.1} s\n",
            j.jurisdiction,
            j.questions,
            j.periods,
            j.millis as f64 / 1000.0
        ));
        for f in &j.findings {
            let rule = f.rule.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
            let until = f.until.as_ref().map(|u| format!(" to {u}")).unwrap_or_default();
            out.push_str(&format!("  {}{rule}: yes — kind {}, dated {}{until}\n", f.question.as_str(), f.kind, f.from));
            out.push_str(&format!("      request: {}\n", f.request));
            let changes: Vec<String> = f.changes.iter().map(|c| format!("{}: {} → {}", c.what, c.old, c.new)).collect();
            match (f.reproduced, changes.is_empty()) {
                (true, _) | (false, false) => out.push_str(&format!("      {}\n", changes.join("; "))),
                (false, true) => {}
            }
            if !f.reproduced {
                out.push_str(&format!(
                    "      not reproduced: decided by both engines it is {} → {}; the solver relied on a derived value or an outranked route\n",
                    f.old, f.new
                ));
            }
        }
        for n in &j.notes {
            out.push_str(&format!("  ! {n}\n"));
        }
        out.push_str(&format!("  proved: {}\n", j.conclusion()));
    }
    out
}

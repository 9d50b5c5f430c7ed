//! The texts of a verdict that come from the pack — rule ids, regulation titles, articles,
//! fields and the policies' own messages — made JavaScript strings once and reused.
//! Decoding every string from the module's memory was about a quarter of a check's time in
//! Node (profiled), and these repeat from verdict to verdict. Texts that may carry a
//! request's values (the engine's own warnings, which name no rule, and the refusal no rule
//! decided) are not kept, so what is kept is bounded by the packs loaded.

use pubdata_policy::{Message, Verdict, UNDECIDED_RULE};
use wasm_bindgen::intern;

/// Interns the pack's texts in `verdict`, before it is handed to JavaScript.
pub fn pack_texts(verdict: &Verdict) {
    let message = |m: &Message| keep([&m.zh, &m.en]);
    for v in &verdict.violations {
        keep([&v.rule, &v.regulation, &v.article, &v.field]);
        if v.rule != UNDECIDED_RULE {
            message(&v.message);
        }
    }
    if let Some(r) = &verdict.route {
        keep([&r.regulation, &r.article]);
        r.message.iter().for_each(message);
    }
    for s in verdict.schedule.iter().flatten() {
        keep([&s.rule, &s.regulation, &s.article]);
        s.message.iter().for_each(message);
    }
    for o in &verdict.obligations {
        keep([&o.rule, &o.regulation, &o.article]);
        message(&o.message);
    }
    for w in &verdict.warnings {
        intern(&w.code);
        keep([&w.rule, &w.regulation, &w.article].into_iter().flatten());
        // A policy's own warning (the engine's own name no rule, and carry values).
        if w.rule.is_some() {
            message(&w.message);
        }
    }
    for g in &verdict.grounds {
        keep([&g.rule, &g.regulation, &g.article]);
    }
    keep(&verdict.policies);
    if let Some(p) = &verdict.policy_set {
        keep([&p.jurisdiction, &p.version, &p.hash]);
    }
}

fn keep<'a>(texts: impl IntoIterator<Item = &'a String>) {
    for text in texts {
        intern(text);
    }
}

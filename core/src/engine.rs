//! The engine: one jurisdiction's policies, parsed and validated once, deciding many requests.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use cedar_policy::{ActionConstraint, Authorizer, Decision, PolicyId, PolicySet, Schema, ValidationMode, Validator};
use chrono::{FixedOffset, NaiveDate, Utc};

use crate::bounded_read;
use crate::calendar::{Calendar, Deadline};
use crate::cedar_input;
use crate::embedded;
use crate::error::Error;
use crate::identity::{self, PolicySetId};
use crate::limits::{MAX_CALENDAR_FILES, MAX_POLICIES, MAX_POLICY_FILES, MAX_POLICY_FILE_BYTES};
use crate::messages;
use crate::regulation::JurisdictionInfo;
use crate::request::{Jurisdiction, Kind, Request};
use crate::rules::{Role, Rule};
use crate::schedule;
use crate::verdict::{Ground, Obligation, Outcome, Verdict, Violation, Warning};

/// The texts an engine is built from: what `policies/` holds for one jurisdiction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// `schema.cedarschema`
    pub schema: String,
    /// `(file name, text)` of each `.cedar` file.
    pub policies: Vec<(String, String)>,
    /// `regulation.json`
    pub regulation: String,
    /// `(file name, text)` of each calendar year.
    pub calendar: Vec<(String, String)>,
}

impl Sources {
    /// The sources built into the library for `jurisdiction`.
    pub fn builtin(jurisdiction: Jurisdiction) -> Result<Sources, Error> {
        let found = embedded::JURISDICTIONS.iter().find(|e| e.id == jurisdiction.as_str());
        let e = found.ok_or_else(|| Error::UnknownJurisdiction(jurisdiction.to_string()))?;
        Ok(Sources {
            schema: embedded::SCHEMA.to_owned(),
            policies: e.policies.iter().map(|(n, t)| (format!("{}/{n}", e.id), (*t).to_owned())).collect(),
            regulation: e.regulation.to_owned(),
            calendar: owned(embedded::CALENDAR),
        })
    }

    /// Reads a `policies/` folder: `schema.cedarschema`, `calendar/*.json` and `<jurisdiction>/`.
    /// Hidden files (an editor's lock file such as `.#share.cedar`) are not read; a file
    /// over [`MAX_POLICY_FILE_BYTES`] is refused unread, and so are more files than the
    /// limits allow.
    pub fn from_dir(root: &Path, jurisdiction: Jurisdiction) -> Result<Sources, Error> {
        let dir = root.join(jurisdiction.as_str());
        let listed = |d: &Path, ext: &str, most: usize| -> Result<Vec<(String, String)>, Error> {
            let entries = std::fs::read_dir(d).map_err(|e| io(d, e))?;
            let mut files: Vec<_> = entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect();
            if files.len() > most {
                let message = format!("holds {} `.{ext}` files, more than the limit of {most}", files.len());
                return Err(Error::policies(d.display().to_string(), message));
            }
            files.sort();
            files.iter().map(|p| Ok((p.display().to_string(), read(p)?))).collect()
        };
        Ok(Sources {
            schema: read(&root.join("schema.cedarschema"))?,
            policies: listed(&dir, "cedar", MAX_POLICY_FILES)?,
            regulation: read(&dir.join("regulation.json"))?,
            calendar: listed(&root.join("calendar"), "json", MAX_CALENDAR_FILES)?,
        })
    }

    /// Whether the texts are within the limits of a policies folder: each text at most
    /// [`MAX_POLICY_FILE_BYTES`], at most [`MAX_POLICY_FILES`] policy files and
    /// [`MAX_CALENDAR_FILES`] calendar years.
    pub fn check_limits(&self) -> Result<(), Error> {
        let named = [("schema.cedarschema", &self.schema), ("regulation.json", &self.regulation)];
        let all = named.into_iter().chain(self.policies.iter().chain(&self.calendar).map(|(n, t)| (n.as_str(), t)));
        for (name, text) in all {
            if text.len() > MAX_POLICY_FILE_BYTES {
                let message = format!("has {} bytes, more than the limit of {MAX_POLICY_FILE_BYTES}", text.len());
                return Err(Error::policies(name, message));
            }
        }
        let counts =
            [("policy", self.policies.len(), MAX_POLICY_FILES), ("calendar", self.calendar.len(), MAX_CALENDAR_FILES)];
        for (what, count, most) in counts {
            if count > most {
                return Err(Error::policies(
                    "policies",
                    format!("{count} {what} files, more than the limit of {most}"),
                ));
            }
        }
        Ok(())
    }
}

fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect()
}

/// A file's text, read no further than the limit.
fn read(path: &Path) -> Result<String, Error> {
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let name = path.display().to_string();
    let bytes = bounded_read::read(file, MAX_POLICY_FILE_BYTES, "the file")
        .map_err(|e| io(path, e))?
        .map_err(|_| Error::policies(&name, format!("has more than {MAX_POLICY_FILE_BYTES} bytes, the limit")))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::policies(name, format!("is not UTF-8 text: invalid byte at offset {}", e.utf8_error().valid_up_to()))
    })
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

/// The files `regulation.json` says the policies must include are there, each with a policy.
fn required_files(
    info: &JurisdictionInfo,
    files: &[(String, String)],
    rules: &HashMap<PolicyId, Rule>,
) -> Result<(), Error> {
    let base = |path: &str| path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned();
    for name in &info.policy_files {
        let Some((file, _)) = files.iter().find(|(path, _)| base(path) == *name) else {
            let message = format!("`policyFiles` lists `{name}`, which the folder does not have");
            return Err(Error::policies("regulation.json", message));
        };
        if !rules.values().any(|r| r.file == *file) {
            return Err(Error::policies(file, "holds no policy, but `regulation.json` lists it in `policyFiles`"));
        }
    }
    Ok(())
}

fn parse_schema(text: &str) -> Result<Schema, Error> {
    Schema::from_cedarschema_str(text).map(|(schema, _)| schema).map_err(|e| Error::policies("schema.cedarschema", e))
}

/// Which jurisdictions have built-in policies.
pub fn builtin_jurisdictions() -> Vec<Jurisdiction> {
    Jurisdiction::ALL.iter().copied().filter(|j| embedded::JURISDICTIONS.iter().any(|e| e.id == j.as_str())).collect()
}

/// Decides requests of one jurisdiction.
#[derive(Debug, Clone)]
pub struct Engine {
    jurisdiction: Jurisdiction,
    info: JurisdictionInfo,
    policies: PolicySet,
    /// For each kind, the policies whose scope admits its action: the only ones that can
    /// fire (or fail) on such a request, so the only ones a check evaluates.
    by_kind: Vec<(Kind, PolicySet)>,
    input: cedar_input::Builder,
    rules: HashMap<PolicyId, Rule>,
    calendar: Calendar,
    authorizer: Authorizer,
    id: PolicySetId,
}

impl Engine {
    /// The engine for a jurisdiction's built-in policies.
    pub fn builtin(jurisdiction: Jurisdiction) -> Result<Engine, Error> {
        // Built-in sources are part of the build: the test `builtin_policies_validate_strictly`
        // validates each set of the very build that embeds it, so a start-up need not repeat
        // it (a tenth of the time it takes).
        let found = embedded::JURISDICTIONS.iter().find(|e| e.id == jurisdiction.as_str());
        Engine::build(&Sources::builtin(jurisdiction)?, false, found.map(|e| e.hash))
    }

    /// An engine over a `policies/` folder, for policy authors.
    /// The folder's `regulation.json` must be the jurisdiction's own: one that names
    /// another is an error in that file, not a request for the wrong jurisdiction.
    pub fn from_dir(root: &Path, jurisdiction: Jurisdiction) -> Result<Engine, Error> {
        let engine = Engine::from_sources(&Sources::from_dir(root, jurisdiction)?)?;
        if engine.jurisdiction != jurisdiction {
            let file = root.join(jurisdiction.as_str()).join("regulation.json").display().to_string();
            let message =
                format!("`jurisdiction` is `{}` but the folder is `{jurisdiction}`", engine.info.jurisdiction);
            return Err(Error::policies(file, message));
        }
        Ok(engine)
    }

    /// Parses and strictly validates the sources; every later check reuses the result.
    pub fn from_sources(sources: &Sources) -> Result<Engine, Error> {
        Engine::build(sources, true, None)
    }

    /// `hash`: the sources' `PolicySetId::hash` when known (build.rs hashes the built-in sets).
    fn build(sources: &Sources, validate: bool, hash: Option<&str>) -> Result<Engine, Error> {
        sources.check_limits()?;
        let info = JurisdictionInfo::parse("regulation.json", &sources.regulation)?;
        let jurisdiction = Jurisdiction::from_str(&info.jurisdiction)
            .map_err(|_| Error::policies("regulation.json", format!("unknown jurisdiction `{}`", info.jurisdiction)))?;
        let builtin_schema = sources.schema == embedded::SCHEMA;
        // What a check needs of the built-in schema (whether it groups actions) was read at
        // build time; only validation and a schema from elsewhere need it parsed.
        let schema = match validate || !builtin_schema || embedded::SCHEMA_GROUPS_ACTIONS {
            true => Some(parse_schema(&sources.schema)?),
            false => None,
        };
        let calendar = Calendar::from_files(sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;

        let mut policies = PolicySet::new();
        let mut rules = HashMap::new();
        for (file, text) in &sources.policies {
            let parsed = PolicySet::from_str(text).map_err(|e| Error::policies(file, e))?;
            for policy in parsed.policies() {
                if rules.len() == MAX_POLICIES {
                    return Err(Error::policies(file, format!("more than {MAX_POLICIES} policies, the limit")));
                }
                let rule = Rule::from_policy(file, rules.len(), policy, &info)?;
                let id = PolicyId::new(&rule.id);
                if rules.contains_key(&id) {
                    return Err(Error::policies(file, format!("policy id `{}` is used twice", rule.id)));
                }
                policies.add(policy.new_id(id.clone())).map_err(|e| Error::policies(file, e))?;
                rules.insert(id, rule);
            }
        }
        required_files(&info, &sources.policies, &rules)?;
        schedule::check_links(&rules)?;
        let validation = match (&schema, validate) {
            (Some(schema), true) => Some(Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict)),
            _ => None,
        };
        if let Some(first) = validation.as_ref().and_then(|v| v.validation_errors().next()) {
            let id = first.policy_id();
            let file = rules.get(id).map(|r| r.file.as_str()).unwrap_or("policies");
            let others = validation.as_ref().map_or(1, |v| v.validation_errors().count()) - 1;
            return Err(Error::policies(
                file,
                format!("policy `{id}` does not match the schema: {first} ({others} more errors)"),
            ));
        }
        let id = PolicySetId {
            jurisdiction: jurisdiction.to_string(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            hash: hash.map_or_else(|| identity::hash(sources), str::to_owned),
        };
        let input = cedar_input::Builder::new(schema.as_ref(), builtin_schema)?;
        let by_kind = Kind::ALL
            .iter()
            .map(|kind| Ok((*kind, policies_for(&policies, input.action(*kind)?, &input)?)))
            .collect::<Result<_, Error>>()?;
        Ok(Engine { jurisdiction, info, policies, by_kind, input, rules, calendar, authorizer: Authorizer::new(), id })
    }

    /// The jurisdiction whose policies the engine holds.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// The jurisdiction's name and regulations.
    pub fn info(&self) -> &JurisdictionInfo {
        &self.info
    }

    /// The identity every verdict of this engine carries.
    pub fn policy_set(&self) -> &PolicySetId {
        &self.id
    }

    /// The working-day calendar deadlines are counted on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Ids of every policy, in the order the files give them.
    pub fn policy_ids(&self) -> Vec<String> {
        let mut rules: Vec<&Rule> = self.rules.values().collect();
        rules.sort_by_key(|r| r.order);
        rules.into_iter().map(|r| r.id.clone()).collect()
    }

    /// The Cedar input of a request and the day it is decided on (for [`Engine::check`]
    /// and `cedar_json`).
    pub(crate) fn cedar_input(&self, request: &Request) -> Result<(cedar_input::CedarInput, NaiveDate), Error> {
        if request.jurisdiction != self.jurisdiction {
            return Err(Error::WrongJurisdiction {
                request: request.jurisdiction.to_string(),
                engine: self.jurisdiction.to_string(),
            });
        }
        let date = request.date.unwrap_or_else(today_in_china);
        Ok((self.input.build(request, date)?, date))
    }

    /// Every policy with its id, in the order the files give them.
    pub(crate) fn ordered_policies(&self) -> Vec<(&str, &cedar_policy::Policy)> {
        let mut rules: Vec<&Rule> = self.rules.values().collect();
        rules.sort_by_key(|r| r.order);
        rules
            .into_iter()
            .filter_map(|r| self.policies.policy(&PolicyId::new(&r.id)).map(|p| (r.id.as_str(), p)))
            .collect()
    }

    /// Decides a request.
    pub fn check(&self, request: &Request) -> Result<Verdict, Error> {
        let (input, date) = self.cedar_input(request)?;
        let policies = self.by_kind.iter().find(|(k, _)| *k == request.kind).map_or(&self.policies, |(_, p)| p);
        let response = self.authorizer.is_authorized(&input.request, policies, &input.entities);
        if let Some(e) = response.diagnostics().errors().next() {
            return Err(Error::Evaluation(e.to_string()));
        }
        let mut fired: Vec<&Rule> = response.diagnostics().reason().filter_map(|id| self.rules.get(id)).collect();
        fired.sort_by_key(|r| r.order);

        let mut deadlines = Vec::new();
        // Obligations, warnings and steps follow from a ground; without one nothing allows
        // the request.
        let grounded = fired.iter().any(|r| matches!(r.role, Role::Ground { .. }));
        let mut verdict = match response.decision() {
            Decision::Allow if grounded => self.admission(date, &fired, &mut deadlines),
            _ => self.refusal(request, &fired),
        };
        // A step that fired counts only when the schedule shows it.
        let scheduled = |r: &Rule| verdict.schedule.iter().flatten().any(|s| s.rule == r.id);
        verdict.policies = fired
            .iter()
            .filter(|r| !matches!(r.role, Role::Step { .. }) || scheduled(r))
            .map(|r| r.id.clone())
            .collect();
        verdict.policy_set = Some(self.id.clone());
        self.engine_warnings(request, date, &deadlines, &mut verdict);
        Ok(verdict)
    }

    fn regulation_title(&self, rule: &Rule) -> String {
        self.info.regulations.get(rule.regulation).map(|r| r.title.clone()).unwrap_or_default()
    }

    fn refusal(&self, request: &Request, fired: &[&Rule]) -> Verdict {
        let mut violations: Vec<Violation> = fired
            .iter()
            .filter_map(|r| match &r.role {
                Role::Violation { field, message } => Some(Violation {
                    rule: r.id.clone(),
                    regulation: self.regulation_title(r),
                    article: r.article.clone(),
                    field: field.clone(),
                    message: message.clone(),
                }),
                _ => None,
            })
            .collect();
        if violations.is_empty() {
            // No policy grants, routes or forbids this request: nothing allows it.
            violations.push(Violation {
                rule: "undecided".into(),
                regulation: self.info.regulations.first().map(|r| r.title.clone()).unwrap_or_default(),
                article: String::new(),
                field: "/kind".into(),
                message: messages::undecided(&self.info.name, request.kind.as_str()),
            });
        }
        Verdict {
            outcome: Outcome::Refused,
            violations,
            route: None,
            schedule: None,
            obligations: vec![],
            warnings: vec![],
            grounds: vec![],
            policies: vec![],
            policy_set: None,
        }
    }

    fn admission(&self, date: NaiveDate, fired: &[&Rule], deadlines: &mut Vec<Deadline>) -> Verdict {
        let outcome_of = |r: &&Rule| match &r.role {
            Role::Ground { outcome, .. } => Some(*outcome),
            _ => None,
        };
        let outcome = if fired.iter().any(|r| outcome_of(r) == Some(Outcome::Review)) {
            Outcome::Review
        } else {
            Outcome::Granted
        };
        let deciding: Vec<&Rule> = fired.iter().copied().filter(|r| outcome_of(r) == Some(outcome)).collect();
        let grounds = deciding
            .iter()
            .map(|r| Ground { rule: r.id.clone(), regulation: self.regulation_title(r), article: r.article.clone() })
            .collect();

        let steps = fired.iter().copied().filter(|r| matches!(r.role, Role::Step { .. }));
        let routing: Vec<&Rule> = deciding.iter().copied().chain(steps).collect();
        let title = |r: &Rule| self.regulation_title(r);
        let plan = schedule::plan(&routing, &self.calendar, date, &title);
        deadlines.extend(plan.deadlines);

        let mut verdict = Verdict {
            outcome,
            violations: vec![],
            route: plan.route,
            schedule: plan.schedule,
            obligations: vec![],
            warnings: vec![],
            grounds,
            policies: vec![],
            policy_set: None,
        };
        for r in fired {
            match &r.role {
                Role::Obligation { message, period } => {
                    let deadline = period.due(&self.calendar, date);
                    deadlines.extend(deadline);
                    verdict.obligations.push(Obligation {
                        rule: r.id.clone(),
                        regulation: self.regulation_title(r),
                        article: r.article.clone(),
                        message: message.clone(),
                        working_days: period.working_days,
                        due: deadline.map(|d| d.due),
                    })
                }
                Role::Warning { code, message } => verdict.warnings.push(Warning {
                    code: code.clone(),
                    message: message.clone(),
                    rule: Some(r.id.clone()),
                    regulation: Some(self.regulation_title(r)),
                    article: Some(r.article.clone()),
                }),
                _ => {}
            }
        }
        verdict
    }

    fn engine_warnings(&self, request: &Request, date: NaiveDate, deadlines: &[Deadline], verdict: &mut Verdict) {
        for r in self.info.regulations.iter().filter(|r| !r.in_force_on(date)) {
            verdict.warnings.push(messages::not_in_force(r, date));
        }
        if let Some(due) = deadlines.iter().filter(|d| !d.covered).map(|d| d.due).max() {
            let years: Vec<String> = self.calendar.years().map(|y| y.to_string()).collect();
            verdict.warnings.push(messages::calendar_out_of_range(due, &years.join(", ")));
        }
        if let (Some(Some(problem)), Some(number)) = (cedar_input::id_problem(request), &request.requester.id_number) {
            verdict.warnings.push(messages::invalid_identifier(number.trim(), problem));
        }
    }
}

/// The policies whose action scope may admit `action`. A policy whose scope names other
/// actions only evaluates to false on such a request (the scope is checked before any
/// condition, so it cannot fail either): leaving it out changes no decision, no list of
/// fired policies and no error. `action in [...]` naming anything but the five actions
/// (an action group) is kept for every action.
fn policies_for(
    all: &PolicySet,
    action: &cedar_policy::EntityUid,
    input: &cedar_input::Builder,
) -> Result<PolicySet, Error> {
    let is_kind = |a: &cedar_policy::EntityUid| Kind::ALL.iter().any(|k| input.action(*k).is_ok_and(|u| u == a));
    let mut set = PolicySet::new();
    for policy in all.policies() {
        let admits = match policy.action_constraint() {
            ActionConstraint::Any => true,
            ActionConstraint::Eq(a) => &a == action,
            ActionConstraint::In(list) => list.iter().any(|a| a == action || !is_kind(a)),
        };
        if admits {
            set.add(policy.clone()).map_err(|e| Error::Evaluation(e.to_string()))?;
        }
    }
    Ok(set)
}

/// Today's date in China (UTC+8), the day a request without a date is taken to be sent.
pub fn today_in_china() -> NaiveDate {
    match FixedOffset::east_opt(8 * 3600) {
        Some(china) => Utc::now().with_timezone(&china).date_naive(),
        None => Utc::now().date_naive(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::{builtin_jurisdictions, Engine, Sources};

    /// The hash build.rs made of each built-in set is the one its sources have.
    #[test]
    fn builtin_hashes_are_those_of_the_sources() {
        for e in crate::embedded::JURISDICTIONS {
            let j = e.id.parse().unwrap();
            assert_eq!(e.hash, crate::identity::hash(&Sources::builtin(j).unwrap()), "{}", e.id);
            assert_eq!(Engine::builtin(j).unwrap().policy_set().hash, e.hash);
        }
    }

    /// What build.rs read off the built-in schema is what the text says.
    #[test]
    fn the_schema_as_built_is_the_schema_as_written() {
        let parsed = cedar_policy::Schema::from_cedarschema_str(crate::embedded::SCHEMA).unwrap().0;
        assert_eq!(parsed.action_groups().next().is_some(), crate::embedded::SCHEMA_GROUPS_ACTIONS);
    }

    /// What `Engine::builtin` leaves out at start-up: every built-in set passes strict
    /// validation against the schema.
    #[test]
    fn builtin_policies_validate_strictly() {
        assert!(!builtin_jurisdictions().is_empty());
        for j in builtin_jurisdictions() {
            if let Err(e) = Engine::build(&Sources::builtin(j).unwrap(), true, None) {
                panic!("{j}: {e}");
            }
        }
    }
}

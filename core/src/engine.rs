//! The engine: one jurisdiction's policies, parsed and validated once, deciding many requests.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{FixedOffset, NaiveDate, Utc};

use crate::bounded_read;
use crate::calendar::{Calendar, Deadline};
use crate::cedar_input;
use crate::compiled::{self, CompiledPolicy};
use crate::embedded;
use crate::error::Error;
use crate::identifier::IdProblem;
use crate::identity::PolicySetId;
use crate::limits::{MAX_CALENDAR_FILES, MAX_POLICY_FILES, MAX_POLICY_FILE_BYTES};
use crate::messages;
use crate::pack::PackManifest;
use crate::regulation::JurisdictionInfo;
use crate::request::Request;
use crate::rules::{Role, Rule};
use crate::schedule;
use crate::verdict::{Ground, Obligation, Outcome, Verdict, Violation, Warning, UNDECIDED_RULE};

use crate::vocabulary::Vocabulary;

#[cfg(feature = "cedar")]
mod cedar;
mod from_compiled;

/// The texts an engine is built from: a pack and the packs beneath it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// The pack's layers, the lowest first and the pack itself last.
    pub layers: Vec<LayerSources>,
    /// `(file name, text)` of each calendar year.
    pub calendar: Vec<(String, String)>,
}

/// What one pack's folder holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayerSources {
    /// The pack's id (its folder's name).
    pub pack: String,
    /// `pack.json`
    pub manifest: String,
    /// `regulation.json`, for a pack with policies.
    pub regulation: Option<String>,
    /// `(file name, text)` of each `.cedar` file.
    pub policies: Vec<(String, String)>,
}

/// The file names a pack's sources are reported under: `<pack>/pack.json`, …
fn in_pack(layer: &LayerSources, file: &str) -> String {
    format!("{}/{file}", layer.pack)
}

impl Sources {
    /// The sources built into the library for the pack `id`.
    pub fn builtin(id: &str) -> Result<Sources, Error> {
        let layers = builtin_chain(id)?
            .into_iter()
            .map(|e| LayerSources {
                pack: e.id.to_owned(),
                manifest: e.manifest.to_owned(),
                regulation: e.regulation.map(str::to_owned),
                policies: e.policies.iter().map(|(n, t)| (format!("{}/{n}", e.id), (*t).to_owned())).collect(),
            })
            .collect();
        Ok(Sources { layers, calendar: owned(embedded::CALENDAR) })
    }

    /// Reads the pack `id` from a `policies/` folder: `<id>/` and the folders of the packs it
    /// builds on (`pack.json`'s `layers`, and theirs), and `calendar/*.json`.
    pub fn from_dir(root: &Path, id: &str) -> Result<Sources, Error> {
        // A pack id names a folder directly under `root`: never a path out of it.
        let named = |id: &str| {
            !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        if !named(id) || !root.join(id).join("pack.json").is_file() {
            return Err(Error::UnknownJurisdiction(id.to_owned()));
        }
        let mut layers: Vec<LayerSources> = Vec::new();
        // Depth first, lowest layer first; a pack reached twice is read once.
        fn visit(root: &Path, id: &str, path: &mut Vec<String>, out: &mut Vec<LayerSources>) -> Result<(), Error> {
            if out.iter().any(|l| l.pack == id) {
                return Ok(());
            }
            if path.iter().any(|p| p == id) {
                return Err(Error::policies(
                    format!("{id}/pack.json"),
                    format!("the layers run in a circle: {} → {id}", path.join(" → ")),
                ));
            }
            let dir = root.join(id);
            let manifest_path = dir.join("pack.json");
            let manifest = read(&manifest_path)?;
            let parsed = PackManifest::parse(&manifest_path.display().to_string(), &manifest)?;
            if parsed.pack != id {
                return Err(Error::policies(
                    manifest_path.display().to_string(),
                    format!("`pack` is `{}`, but the folder is `{id}`", parsed.pack),
                ));
            }
            path.push(id.to_owned());
            for below in &parsed.layers {
                if !below.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') || below.is_empty() {
                    let message = format!("layer `{below}` is not a pack id (letters, digits, `_` and `-`)");
                    return Err(Error::policies(manifest_path.display().to_string(), message));
                }
                visit(root, below, path, out)?;
            }
            path.pop();
            let regulation_path = dir.join("regulation.json");
            let regulation = if regulation_path.is_file() { Some(read(&regulation_path)?) } else { None };
            let policies = listed(&dir, "cedar", MAX_POLICY_FILES)?;
            out.push(LayerSources { pack: id.to_owned(), manifest, regulation, policies });
            Ok(())
        }
        visit(root, id, &mut Vec::new(), &mut layers)?;
        Ok(Sources { layers, calendar: listed(&root.join("calendar"), "json", MAX_CALENDAR_FILES)? })
    }

    /// Whether the texts are within the limits of a policies folder: each text at most
    /// [`MAX_POLICY_FILE_BYTES`], at most [`MAX_POLICY_FILES`] policy files per pack and
    /// [`MAX_CALENDAR_FILES`] calendar years.
    pub fn check_limits(&self) -> Result<(), Error> {
        for layer in &self.layers {
            let named = [(in_pack(layer, "pack.json"), &layer.manifest)]
                .into_iter()
                .chain(layer.regulation.iter().map(|r| (in_pack(layer, "regulation.json"), r)))
                .chain(layer.policies.iter().map(|(n, t)| (n.clone(), t)));
            for (name, text) in named {
                if text.len() > MAX_POLICY_FILE_BYTES {
                    let message = format!("has {} bytes, more than the limit of {MAX_POLICY_FILE_BYTES}", text.len());
                    return Err(Error::policies(name, message));
                }
            }
            if layer.policies.len() > MAX_POLICY_FILES {
                let message =
                    format!("{} policy files, more than the limit of {MAX_POLICY_FILES}", layer.policies.len());
                return Err(Error::policies(layer.pack.clone(), message));
            }
        }
        for (name, text) in &self.calendar {
            if text.len() > MAX_POLICY_FILE_BYTES {
                let message = format!("has {} bytes, more than the limit of {MAX_POLICY_FILE_BYTES}", text.len());
                return Err(Error::policies(name, message));
            }
        }
        if self.calendar.len() > MAX_CALENDAR_FILES {
            let message =
                format!("{} calendar files, more than the limit of {MAX_CALENDAR_FILES}", self.calendar.len());
            return Err(Error::policies("calendar", message));
        }
        Ok(())
    }

    /// The pack itself: the last layer.
    pub fn pack(&self) -> Option<&LayerSources> {
        self.layers.last()
    }

    /// Each layer's `pack.json`, read, with the file name errors give it, the lowest first;
    /// a manifest whose `pack` is not its layer's is an error.
    pub fn manifests(&self) -> Result<Vec<(String, PackManifest)>, Error> {
        self.layers
            .iter()
            .map(|layer| {
                let file = in_pack(layer, "pack.json");
                let manifest = PackManifest::parse(&file, &layer.manifest)?;
                if manifest.pack != layer.pack {
                    let message = format!("`pack` is `{}`, but the pack is `{}`", manifest.pack, layer.pack);
                    return Err(Error::policies(file, message));
                }
                Ok((file, manifest))
            })
            .collect()
    }

    /// What every engine reads before its policies: within the limits, the pack itself,
    /// the merged vocabulary and regulations, and the calendar.
    pub(crate) fn metadata(&self) -> Result<(&LayerSources, Vocabulary, JurisdictionInfo, Calendar), Error> {
        self.check_limits()?;
        let top = self.pack().ok_or_else(|| Error::policies("pack.json", "no pack"))?;
        let manifests = self.manifests()?;
        let vocabulary = Vocabulary::merge(manifests.iter().map(|(f, m)| (f.as_str(), m)))?;
        let info = JurisdictionInfo::merge(&self.layers, manifests.last().map(|(_, m)| m))?;
        let calendar = Calendar::from_files(self.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
        Ok((top, vocabulary, info, calendar))
    }

    /// The request vocabulary of the pack with its layers, from their `pack.json` files
    /// alone (a layer-only pack has one too).
    pub fn vocabulary(&self) -> Result<Vocabulary, Error> {
        let manifests = self.manifests()?;
        Vocabulary::merge(manifests.iter().map(|(f, m)| (f.as_str(), m)))
    }
}

/// `(path, text)` of the files of a folder with an extension, in name order; files whose
/// name starts with `.` (editors' lock and swap files) are not the pack's. More than `most`
/// files are refused unread.
fn listed(dir: &Path, ext: &str, most: usize) -> Result<Vec<(String, String)>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .filter(|p| p.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.')))
        .collect();
    if files.len() > most {
        let message = format!("holds {} `.{ext}` files, more than the limit of {most}", files.len());
        return Err(Error::policies(dir.display().to_string(), message));
    }
    files.sort();
    files.iter().map(|p| Ok((p.display().to_string(), read(p)?))).collect()
}

fn builtin_pack(id: &str) -> Option<&'static embedded::Embedded> {
    embedded::PACKS.iter().find(|e| e.id == id)
}

/// The built-in pack `id` with the packs beneath it, the lowest first and `id` last.
fn builtin_chain(id: &str) -> Result<Vec<&'static embedded::Embedded>, Error> {
    let top = builtin_pack(id).ok_or_else(|| Error::UnknownJurisdiction(id.to_owned()))?;
    top.layers
        .iter()
        .chain([&top.id])
        .map(|id| builtin_pack(id).ok_or_else(|| Error::UnknownJurisdiction((*id).to_owned())))
        .collect()
}

fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect()
}

/// A file's text, read no further than the limit.
fn read(path: &Path) -> Result<String, Error> {
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let name = path.display().to_string();
    let bytes = bounded_read::read(file, MAX_POLICY_FILE_BYTES, bounded_read::FILE)
        .map_err(|e| io(path, e))?
        .map_err(|_| Error::policies(&name, format!("has more than {MAX_POLICY_FILE_BYTES} bytes, the limit")))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::policies(name, format!("is not UTF-8 text: invalid byte at offset {}", e.utf8_error().valid_up_to()))
    })
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io { path: path.display().to_string(), message: e.to_string() }
}

/// The packs with rules (a `pack.json` and a `regulation.json`) of a policies folder: the
/// jurisdictions, and those only built upon (`layerOnly`), each list sorted by id. A
/// `pack.json` that does not read counts as a jurisdiction: loading it reports the fault.
pub fn packs_in_dir(root: &Path) -> Result<(Vec<String>, Vec<String>), Error> {
    let entries = std::fs::read_dir(root).map_err(|e| io(root, e))?;
    let (mut jurisdictions, mut layers) = (Vec::new(), Vec::new());
    for dir in entries.filter_map(Result::ok).map(|e| e.path()) {
        if !dir.join("pack.json").is_file() || !dir.join("regulation.json").is_file() {
            continue;
        }
        let Some(id) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        let text = std::fs::read_to_string(dir.join("pack.json")).unwrap_or_default();
        match serde_json::from_str::<PackManifest>(&text).is_ok_and(|m| m.layer_only) {
            true => layers.push(id),
            false => jurisdictions.push(id),
        }
    }
    jurisdictions.sort();
    layers.sort();
    Ok((jurisdictions, layers))
}

/// The built-in packs with rules that only others build on (`layerOnly`): a province under
/// its cities, a national layer.
pub fn builtin_layers() -> Vec<&'static str> {
    embedded::PACKS.iter().filter(|e| e.regulation.is_some() && !e.jurisdiction).map(|e| e.id).collect()
}

/// The built-in packs that decide requests (those with regulations): the jurisdictions.
pub fn builtin_jurisdictions() -> Vec<&'static str> {
    embedded::PACKS.iter().filter(|e| e.jurisdiction).map(|e| e.id).collect()
}

/// Decides requests of one jurisdiction: its pack with the packs beneath it.
#[derive(Debug, Clone)]
pub struct Engine {
    jurisdiction: String,
    info: JurisdictionInfo,
    /// The days on which some regulation or rule comes into force or lapses: between two
    /// of them, the same rules decide.
    breakpoints: Vec<NaiveDate>,
    input: cedar_input::Builder,
    /// Each policy's rule, by its id.
    rules: HashMap<String, Rule>,
    /// For each kind, the positions in `info.regulations` of the regulations some policy
    /// of any date names the kind's action in: the regulations a request of the kind is
    /// decided by, when in force. A regulation on other matters says nothing of it, in
    /// force or not.
    governing: Vec<(String, Vec<usize>)>,
    calendar: Calendar,
    id: PolicySetId,
    /// Every policy compiled, in the files' order: what [`Engine::check_compiled`] decides
    /// by. Compiled when the sources are loaded and validated (a policy that does not
    /// compile is a load error), and for a built-in pack when first needed, as its
    /// validation is left to the tests (which compile every built-in pack).
    compiled: OnceLock<Result<Vec<(Rule, CompiledPolicy)>, Error>>,
    /// For each kind, in the vocabulary's order, the compiled policies whose scope may name
    /// its action, each with its index into `compiled`, prepared with the kind's action and
    /// the vocabulary's slots (`CompiledPolicy::prepared`): found once, not for every
    /// request, and for a kind when it is first decided (a page that checks one form waits
    /// for that one only).
    compiled_kinds: OnceLock<Vec<OnceLock<OfKind>>>,
    /// Cedar's policy set, which decides when present: not in an engine made from a
    /// compiled pack, which has the compiled policies only.
    #[cfg(feature = "cedar")]
    cedar: Option<cedar::CedarPart>,
}

/// The compiled policies that may decide one kind: each policy's index among the engine's
/// compiled policies, and the policy with its action's comparisons decided.
type OfKind = Vec<(usize, CompiledPolicy)>;

impl Engine {
    /// The pack's request vocabulary with its layers'.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.input.vocabulary()
    }

    /// The pack's id: the `jurisdiction` of the requests it decides.
    pub fn jurisdiction(&self) -> &str {
        &self.jurisdiction
    }

    /// The days on which what decides changes: a regulation or a rule of the engine comes
    /// into force, or the day after one lapses. Between two of them the same rules decide.
    pub fn breakpoints(&self) -> &[NaiveDate] {
        &self.breakpoints
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

    /// Whether the policy `id` is in force on `date` (its own dates and its regulation's).
    #[cfg(feature = "cedar")]
    pub(crate) fn in_force_on(&self, id: &str, date: NaiveDate) -> bool {
        self.rules.get(id).is_some_and(|r| r.in_force_on(date, &self.info))
    }

    /// Ids of every policy, in the order the files give them.
    pub fn policy_ids(&self) -> Vec<String> {
        let mut rules: Vec<&Rule> = self.rules.values().collect();
        in_files_order(&mut rules);
        rules.into_iter().map(|r| r.id.clone()).collect()
    }

    /// The day a request of this engine's jurisdiction is decided on; a request of another
    /// is an error.
    fn date_of(&self, request: &Request) -> Result<NaiveDate, Error> {
        if request.jurisdiction != self.jurisdiction {
            // A pack no one knows is a value the request got wrong; another known pack is
            // a request sent to the wrong engine.
            if !builtin_jurisdictions().contains(&request.jurisdiction.as_str()) {
                let (given, engine) = (&request.jurisdiction, &self.jurisdiction);
                return Err(Error::invalid(
                    "/jurisdiction",
                    crate::error::text!(
                        ("未知辖区 `{given}`，应为 `{engine}`"),
                        ("unknown jurisdiction `{given}`, expected `{engine}`")
                    ),
                ));
            }
            return Err(Error::WrongJurisdiction {
                request: request.jurisdiction.clone(),
                engine: self.jurisdiction.clone(),
            });
        }
        Ok(request.date.unwrap_or_else(today_in_china))
    }

    /// Decides a request: with Cedar when the engine was made from policy texts, else with
    /// the compiled policies.
    pub fn check(&self, request: &Request) -> Result<Verdict, Error> {
        #[cfg(feature = "cedar")]
        if let Some(cedar) = &self.cedar {
            return self.check_cedar(cedar, request);
        }
        self.check_compiled(request)
    }

    /// Every policy compiled, in the files' order.
    fn compiled_policies(&self) -> Result<&[(Rule, CompiledPolicy)], Error> {
        let compiled = self.compiled.get_or_init(|| {
            #[cfg(feature = "cedar")]
            if let Some(cedar) = &self.cedar {
                return cedar::compile_all(cedar.policies(), &self.rules);
            }
            Ok(Vec::new())
        });
        compiled.as_deref().map_err(Clone::clone)
    }

    /// The compiled policies that may decide a request of `kind` (see `OfKind`). As
    /// `policies_for`: a policy whose scope names other kinds' actions only is false on
    /// such a request before any condition, so it need not be evaluated.
    fn compiled_of_kind(&self, kind: &str, compiled: &[(Rule, CompiledPolicy)]) -> &[(usize, CompiledPolicy)] {
        let kinds = self.compiled_kinds.get_or_init(|| self.input.kinds().map(|_| OnceLock::new()).collect());
        // `read` has refused a kind the vocabulary does not know.
        let Some(of_kind) = self.input.kinds().position(|k| k == kind).and_then(|at| kinds.get(at)) else {
            return &[];
        };
        of_kind.get_or_init(|| {
            let is_kind = |a: &str| self.input.kinds().any(|k| k == a);
            let slot = |var, name: &str| self.input.slot(var, name);
            let action = compiled::Value::Entity(cedar_input::action_of(kind));
            compiled
                .iter()
                .enumerate()
                .filter(|(_, (_, p))| p.names_kind(kind, is_kind) != Some(false))
                .map(|(i, (_, p))| (i, p.prepared(Some(&action), &slot)))
                .collect()
        })
    }

    /// Decides a request with the compiled policies instead of Cedar: the same verdict as
    /// [`Engine::check`] (the equivalence tests hold it to that), without Cedar's evaluator.
    pub fn check_compiled(&self, request: &Request) -> Result<Verdict, Error> {
        let date = self.date_of(request)?;
        let (input, invalid_identifiers, uncovered) = self.input.read(request, date, &self.calendar)?.into_compiled();
        let compiled = self.compiled_policies()?;
        let in_force = self
            .compiled_of_kind(&request.kind, compiled)
            .iter()
            .filter_map(|(i, policy)| compiled.get(*i).map(|(rule, _)| (rule, policy)))
            .filter(|(rule, _)| rule.in_force_on(date, &self.info));
        let decision = compiled::decide(in_force, &input);
        if let Some((rule, e)) = decision.errors.first() {
            return Err(Error::Evaluation(format!("policy `{}`: {}", rule.id, e.0)));
        }
        Ok(self.verdict(request, date, decision.allow, decision.reasons, uncovered, &invalid_identifiers))
    }

    /// The verdict on a request decided on `date`, allowed or not, by the policies that
    /// determined it.
    fn verdict(
        &self,
        request: &Request,
        date: NaiveDate,
        allowed: bool,
        mut fired: Vec<&Rule>,
        mut deadlines: Vec<Deadline>,
        invalid_identifiers: &[(String, IdProblem)],
    ) -> Verdict {
        in_files_order(&mut fired);
        // Obligations, warnings and steps follow from a ground; without one nothing allows
        // the request.
        let grounded = fired.iter().any(|r| matches!(r.role, Role::Ground { .. }));
        let mut verdict = match allowed {
            true if grounded => self.admission(date, &fired, &mut deadlines),
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
        self.engine_warnings(&request.kind, invalid_identifiers, date, &deadlines, &mut verdict);
        verdict
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
            // No policy grants, routes or forbids this request: nothing allows it. When no
            // regulation that decides its kind is in force on its date, that is the reason,
            // and the date the field.
            let first = self.info.regulations.first();
            let date = request.date.unwrap_or_else(today_in_china);
            let governing = self.governing(&request.kind);
            let none_in_force = governing.clone().all(|r| !r.in_force_on(date));
            // The pack's own regulation that states its term, else the nearest layer's.
            let with_term = governing.clone().find(|r| r.period_article.is_some()).or(governing.clone().next());
            // A kind no policy of any date decides is not the date's fault: say so instead.
            let lapsed = with_term.filter(|_| none_in_force);
            let in_force = governing.clone().find(|r| r.in_force_on(date));
            violations.push(match (lapsed, in_force) {
                (Some(r), _) => Violation {
                    rule: UNDECIDED_RULE.into(),
                    regulation: r.title.clone(),
                    article: r.period_article.clone().unwrap_or_default(),
                    field: "/date".into(),
                    message: messages::none_in_force(r, date),
                },
                // Rules in force decide the kind, but none this request: the request as a
                // whole lacks what they decide on.
                (None, Some(r)) => Violation {
                    rule: UNDECIDED_RULE.into(),
                    regulation: r.title.clone(),
                    article: String::new(),
                    field: String::new(),
                    message: messages::no_rule_decides(&self.info.name, &request.kind),
                },
                (None, None) => Violation {
                    rule: UNDECIDED_RULE.into(),
                    regulation: first.map(|r| r.title.clone()).unwrap_or_default(),
                    article: String::new(),
                    field: "/kind".into(),
                    message: messages::undecided(&self.info.name, &request.kind),
                },
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

    /// The regulations that decide `kind` (see `governing`), the pack's own first.
    fn governing(&self, kind: &str) -> impl Iterator<Item = &crate::regulation::Regulation> + Clone {
        let found = self.governing.iter().find(|(k, _)| k == kind).map_or(&[][..], |(_, r)| r.as_slice());
        found.iter().filter_map(|i| self.info.regulations.get(*i))
    }

    fn engine_warnings(
        &self,
        kind: &str,
        invalid_identifiers: &[(String, IdProblem)],
        date: NaiveDate,
        deadlines: &[Deadline],
        verdict: &mut Verdict,
    ) {
        // A regulation out of force is named when it decides the kind, or when none does.
        let governing: Vec<_> = self.governing(kind).collect();
        let named = if governing.is_empty() { self.info.regulations.iter().collect() } else { governing };
        for r in named.into_iter().filter(|r| !r.in_force_on(date)) {
            verdict.warnings.push(messages::not_in_force(r, date));
        }
        if let Some(due) = deadlines.iter().filter(|d| !d.covered).map(|d| d.due).max() {
            let years: Vec<String> = self.calendar.years().map(|y| y.to_string()).collect();
            verdict.warnings.push(messages::calendar_out_of_range(due, &years.join(", ")));
        }
        for (number, problem) in invalid_identifiers {
            verdict.warnings.push(messages::invalid_identifier(number, *problem));
        }
    }
}

/// Puts policies in the order of their files. One function for every such list: each
/// sort's closure would be a sort of its own in the forms module.
fn in_files_order(rules: &mut [&Rule]) {
    // Each rule moved back to its place among those before it (found by binary search, after
    // any of the same order), by rotating the slice between: a pack's rules number in the
    // dozens or hundreds, and std's stable sort would add 4 KB to the forms module.
    for i in 1..rules.len() {
        let (Some(before), Some(order)) = (rules.get(..i), rules.get(i).map(|r| r.order)) else { break };
        let place = before.partition_point(|r| r.order <= order);
        if let Some(moved) = rules.get_mut(place..=i) {
            moved.rotate_right(1);
        }
    }
}

/// The days on which a regulation or a rule comes into force, or the day after one lapses,
/// sorted, each once.
fn breakpoints<'a>(info: &'a JurisdictionInfo, rules: impl Iterator<Item = &'a Rule> + 'a) -> Vec<NaiveDate> {
    sorted_distinct(breakpoint_days(info, rules))
}

/// [`breakpoints`]' days as they come, repeats and all.
fn breakpoint_days<'a>(
    info: &'a JurisdictionInfo,
    rules: impl Iterator<Item = &'a Rule> + 'a,
) -> impl Iterator<Item = NaiveDate> + 'a {
    info.regulations
        .iter()
        .flat_map(|r| [Some(r.in_force), r.expires.and_then(|e| e.succ_opt())])
        .chain(rules.flat_map(|r| [r.valid_from, r.valid_until.and_then(|e| e.succ_opt())]))
        .flatten()
}

/// The days sorted, each once, kept so as they come: a handful of days, and std's sort
/// would be 4 KB of the forms module for them.
fn sorted_distinct(days: impl Iterator<Item = NaiveDate>) -> Vec<NaiveDate> {
    let mut sorted = Vec::new();
    for day in days {
        if let Err(place) = sorted.binary_search(&day) {
            sorted.insert(place, day);
        }
    }
    sorted
}

/// Today's date in China (UTC+8), the day a request without a date is taken to be sent.
pub fn today_in_china() -> NaiveDate {
    match FixedOffset::east_opt(8 * 3600) {
        Some(china) => Utc::now().with_timezone(&china).date_naive(),
        None => Utc::now().date_naive(),
    }
}

// Each test loads policies from their sources, or compares with Cedar's hash of them.
#[cfg(test)]
#[cfg(feature = "cedar")]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails loudly")]

    use serde_json::json;

    use super::{builtin_jurisdictions, Engine, LayerSources, Sources};
    use crate::request::Request;
    use crate::verdict::Outcome;

    /// The hash build.rs made of each built-in pack is the one its sources have.
    #[test]
    fn builtin_hashes_are_those_of_the_sources() {
        for j in builtin_jurisdictions() {
            let e = super::builtin_pack(j).unwrap();
            assert_eq!(e.hash, crate::identity::hash(&Sources::builtin(j).unwrap()).unwrap(), "{j}");
            assert_eq!(Engine::builtin(j).unwrap().policy_set().hash, e.hash);
        }
    }

    /// Rules in the files' order, those of one order in the order given (what std's stable
    /// sort gives); the days of a regulation and its rules sorted once each.
    #[test]
    fn rules_in_files_order_and_breakpoints_are_sorted_as_std_sorts() {
        for j in builtin_jurisdictions() {
            let engine = Engine::builtin(j).unwrap();
            let rules: Vec<&super::Rule> = engine.rules.values().collect();
            // Orders folded onto a few values, so that many are equal.
            let folded: Vec<super::Rule> =
                rules.iter().map(|r| super::Rule { order: r.order % 3, ..(*r).clone() }).collect();
            for list in [rules.clone(), folded.iter().collect()] {
                let (mut ours, mut std) = (list.clone(), list);
                super::in_files_order(&mut ours);
                std.sort_by_key(|r| r.order);
                let ids = |l: &[&super::Rule]| l.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
                assert_eq!(ids(&ours), ids(&std), "{j}");
            }
            // Every rule given twice: each day still once.
            let twice = || super::breakpoint_days(engine.info(), rules.iter().copied().chain(rules.iter().copied()));
            let mut expected: Vec<_> = twice().collect();
            expected.sort();
            expected.dedup();
            assert_eq!(super::sorted_distinct(twice()), expected, "{j}");
            assert_eq!(engine.breakpoints(), expected, "{j}");
        }
    }

    /// What `Engine::builtin` leaves out at start-up: every built-in set passes strict
    /// validation against the schema its vocabulary makes.
    #[test]
    fn builtin_policies_validate_strictly() {
        assert!(!builtin_jurisdictions().is_empty());
        for j in builtin_jurisdictions() {
            if let Err(e) = Engine::build(&Sources::builtin(j).unwrap(), true, None) {
                panic!("{j}: {e}");
            }
        }
    }

    const REGULATION: &str = r#"{ "regulations": [
        { "key": "city", "title": "某市办法", "titleEn": "City measures", "inForce": "2026-01-01", "expires": "2026-12-31" } ] }"#;
    const PROVINCE: &str = r#"{ "regulations": [
        { "key": "province", "title": "某省办法", "titleEn": "Province measures", "inForce": "2025-01-01" } ] }"#;

    /// A city pack over a province pack over the built-in base, with a field and a kind
    /// of its own: loaded from texts, no rebuild.
    fn layered() -> Engine {
        let base = Sources::builtin("ganzi").unwrap().layers.remove(0);
        assert_eq!(base.pack, "base");
        let province = LayerSources {
            pack: "province".into(),
            manifest: r#"{"pack":"province","name":{"zh":"某省","en":"A province"},"layers":["base"]}"#.into(),
            regulation: Some(PROVINCE.into()),
            policies: vec![(
                "province/share.cedar".into(),
                r#"@id("province.share.commitment") @article("第三条") @field("/application/commitment")
                   @zh("须作出承诺") @en("A commitment is needed")
                   forbid (principal, action == Action::"share", resource) unless { context.commitment };"#
                    .into(),
            )],
        };
        let city = LayerSources {
            pack: "city".into(),
            manifest: r#"{"pack":"city","name":{"zh":"某市","en":"A city"},"layers":["province"],
                "kinds":[{"kind":"lend","zh":"借用","en":"Lend"}],
                "fields":[{"field":"/application/lendDays","type":"long","label":{"zh":"借用天数","en":"Days lent"},"min":1,"max":30}]}"#
                .into(),
            regulation: Some(REGULATION.into()),
            policies: vec![(
                "city/lend.cedar".into(),
                r#"@id("city.lend.short") @article("第一条") @outcome("granted")
                   permit (principal, action == Action::"lend", resource) when { context has lendDays && context.lendDays <= 7 };
                   @id("city.share.old") @article("第二条") @outcome("granted") @validUntil("2026-06-30")
                   permit (principal, action == Action::"share", resource);
                   @id("city.share.new") @article("第二条") @outcome("review") @reviewer("provider") @workingDays("3") @validFrom("2026-07-01")
                   permit (principal, action == Action::"share", resource);"#
                    .into(),
            )],
        };
        let sources =
            Sources { layers: vec![base, province, city], calendar: Sources::builtin("ganzi").unwrap().calendar };
        Engine::from_sources(&sources).unwrap()
    }

    /// A policy the compiled form cannot decide exactly is a load error that names it and
    /// what it uses, never a different verdict later.
    #[test]
    fn a_policy_that_does_not_compile_does_not_load() {
        let mut sources = Sources::builtin("ganzi").unwrap();
        let top = sources.layers.last_mut().unwrap();
        top.policies.push((
            "ganzi/extra.cedar".into(),
            r#"@id("ganzi.extra") @article("第一条") @outcome("granted")
               permit (principal, action == Action::"share", resource) when { decimal("1.5").lessThan(decimal("2.0")) };"#
                .into(),
        ));
        match Engine::from_sources(&sources) {
            Err(crate::Error::Policies { file, message, .. }) => {
                assert_eq!(file, "ganzi/extra.cedar");
                assert!(message.contains("`ganzi.extra`") && message.contains("`lessThan`"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    fn check(engine: &Engine, request: serde_json::Value) -> crate::Verdict {
        engine.check(&Request::from_value(request).unwrap()).unwrap()
    }

    #[test]
    fn a_pack_decides_its_own_kind_and_field_and_every_layer_cites_its_own_regulation() {
        let engine = layered();
        let lend = |days: i64| {
            check(
                &engine,
                json!({"jurisdiction":"city","kind":"lend","date":"2026-03-02","application":{"lendDays":days}}),
            )
        };
        assert_eq!(lend(5).outcome, Outcome::Granted);
        assert_eq!(lend(5).grounds[0].regulation, "某市办法");
        assert_eq!(lend(9).outcome, Outcome::Refused, "no rule grants nine days");
        let refused = check(&engine, json!({"jurisdiction":"city","kind":"share","date":"2026-03-02"}));
        assert_eq!(refused.violations[0].rule, "province.share.commitment");
        assert_eq!(refused.violations[0].regulation, "某省办法", "the province's rule cites the province's regulation");
        let error = engine.check(
            &Request::from_value(json!({"jurisdiction":"city","kind":"lend","application":{"lendDays":31}})).unwrap(),
        );
        assert!(
            matches!(error, Err(crate::Error::InvalidRequest { ref field, .. }) if field == "/application/lendDays"),
            "{error:?}"
        );
    }

    #[test]
    fn a_request_is_decided_by_the_rules_in_force_on_its_date() {
        let engine = layered();
        let share = |date: &str| {
            check(&engine, json!({"jurisdiction":"city","kind":"share","date":date,"application":{"commitment":true}}))
        };
        // The amendment of 第二条 takes effect on 2026-07-01: before it the old version decides.
        assert_eq!(share("2026-06-30").policies, ["city.share.old"]);
        assert_eq!(share("2026-07-01").policies, ["city.share.new"]);
        assert_eq!(share("2026-07-01").outcome, Outcome::Review);
        // After the city's measures lapse, none of its rules decides; the warning names them.
        let lapsed = share("2027-01-04");
        assert_eq!(lapsed.outcome, Outcome::Refused);
        assert_eq!(lapsed.violations[0].rule, "undecided");
        assert!(lapsed
            .warnings
            .iter()
            .any(|w| w.code == "regulation_not_in_force" && w.regulation.as_deref() == Some("某市办法")));
        // The province's rule still decides then.
        let without = check(&engine, json!({"jurisdiction":"city","kind":"share","date":"2027-01-04"}));
        assert_eq!(without.violations[0].rule, "province.share.commitment");
    }
}

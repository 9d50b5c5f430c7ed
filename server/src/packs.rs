//! The engines the server decides with: the built-in packs or a policies folder's, swapped
//! whole on reload so that a request in flight keeps the set it started with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use pubdata_policy::{builtin_jurisdictions, Engine};
use sha2::{Digest, Sha256};

/// One loaded set of engines, by jurisdiction.
#[derive(Debug)]
pub(crate) struct Packs {
    engines: BTreeMap<String, Engine>,
    /// SHA-256 over each jurisdiction's id and policy-set hash: names the whole set, so a
    /// record no pack decided (a request that could not be read) still says which set answered.
    hash: String,
}

impl Packs {
    pub(crate) fn load(dir: Option<&Path>) -> Result<Packs, pubdata_policy::Error> {
        let mut engines = BTreeMap::new();
        match dir {
            None => {
                for j in builtin_jurisdictions() {
                    engines.insert(j.to_owned(), Engine::builtin(j)?);
                }
            }
            Some(dir) => {
                // Every pack that decides requests: a folder with a pack.json and a
                // regulation.json. A pack that does not load fails the whole load, so that a
                // reload with a broken file keeps the packs in use.
                // A pack only built upon (`layerOnly`) decides through the packs above it.
                let (ids, _layers) = pubdata_policy::packs_in_dir(dir)?;
                for id in ids {
                    let engine = Engine::from_dir(dir, &id)?;
                    engines.insert(id, engine);
                }
                if engines.is_empty() {
                    return Err(pubdata_policy::Error::Io {
                        path: dir.display().to_string(),
                        message: "no pack folder (with a pack.json and a regulation.json) in it".into(),
                    });
                }
            }
        }
        let mut h = Sha256::new();
        for (j, e) in &engines {
            h.update(j.as_bytes());
            h.update(b":");
            h.update(e.policy_set().hash.as_bytes());
            h.update(b"\n");
        }
        let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(Packs { engines, hash })
    }

    pub(crate) fn engine(&self, j: &str) -> Option<&Engine> {
        self.engines.get(j)
    }

    pub(crate) fn engines(&self) -> impl Iterator<Item = &Engine> {
        self.engines.values()
    }

    pub(crate) fn hash(&self) -> &str {
        &self.hash
    }

    pub(crate) fn len(&self) -> usize {
        self.engines.len()
    }
}

/// The current packs, replaced whole by a reload.
#[derive(Debug)]
pub(crate) struct Current {
    packs: RwLock<Arc<Packs>>,
    dir: Option<PathBuf>,
}

impl Current {
    pub(crate) fn new(packs: Packs, dir: Option<PathBuf>) -> Current {
        Current { packs: RwLock::new(Arc::new(packs)), dir }
    }

    /// The packs to decide one request with (held by the request until it is answered).
    pub(crate) fn get(&self) -> Arc<Packs> {
        self.packs.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub(crate) fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Loads the packs again; on an error the packs in use stay.
    pub(crate) fn reload(&self) -> Result<Arc<Packs>, pubdata_policy::Error> {
        let fresh = Arc::new(Packs::load(self.dir.as_deref())?);
        *self.packs.write().unwrap_or_else(PoisonError::into_inner) = fresh.clone();
        Ok(fresh)
    }
}

/// What changes when a file under `dir` is added, removed, edited or touched: each
/// file's path, size and modification time, in path order.
pub(crate) fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    // Bounded: a policies folder holds tens of files; a link loop or a huge tree stops here.
    let mut budget = 10_000usize;
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.filter_map(Result::ok) {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

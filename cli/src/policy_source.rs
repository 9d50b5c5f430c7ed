//! Where policies come from: the packs built into the library, or a `policies/` folder an
//! author is editing. A folder is either the root (`calendar/` and one folder per pack,
//! each with a `pack.json`) or one pack's folder inside such a root. Any pack id will do:
//! a pack that does not load is reported on its own and does not stop the others.

use std::path::{Path, PathBuf};

use pubdata_policy::{builtin_jurisdictions, Error, Sources};

#[derive(Debug, Clone)]
pub enum PolicySource {
    Builtin,
    /// `jurisdictions`: the packs of the folder that decide requests (those with a
    /// `regulation.json`, not `layerOnly`), by folder name; `layers`: the packs with rules
    /// that only others build on (a province, the national layer), linted and covered too.
    Folder {
        root: PathBuf,
        jurisdictions: Vec<String>,
        layers: Vec<String>,
    },
}

impl PolicySource {
    /// The built-in set, or the folder at `path`.
    pub fn new(path: Option<&Path>) -> Result<PolicySource, String> {
        match path {
            None => Ok(PolicySource::Builtin),
            Some(p) => PolicySource::folder(p),
        }
    }

    /// Opens a policies folder, naming what is missing when it is not one.
    pub fn folder(path: &Path) -> Result<PolicySource, String> {
        if !path.is_dir() {
            return Err(format!("`{}` is not a folder", path.display()));
        }
        if path.join("pack.json").is_file() {
            let jurisdiction = folder_name(path);
            let root = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            return Ok(match layer_only(path) {
                true => PolicySource::Folder { root, jurisdictions: vec![], layers: vec![jurisdiction] },
                false => PolicySource::Folder { root, jurisdictions: vec![jurisdiction], layers: vec![] },
            });
        }
        let entries = std::fs::read_dir(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let packs: Vec<PathBuf> =
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("pack.json").is_file()).collect();
        if packs.is_empty() {
            return Err(format!(
                "`{}` is not a policies folder: it holds no pack (a folder with a `pack.json`) and is not one",
                path.display()
            ));
        }
        let (jurisdictions, layers) = pubdata_policy::packs_in_dir(path).map_err(|e| e.to_string())?;
        if jurisdictions.is_empty() && layers.is_empty() {
            return Err(format!("`{}` holds no pack with a `regulation.json`", path.display()));
        }
        Ok(PolicySource::Folder { root: path.to_path_buf(), jurisdictions, layers })
    }

    /// The jurisdictions this source has policies for.
    pub fn jurisdictions(&self) -> Vec<String> {
        match self {
            PolicySource::Builtin => builtin_jurisdictions().into_iter().map(str::to_owned).collect(),
            PolicySource::Folder { jurisdictions, .. } => jurisdictions.clone(),
        }
    }

    /// Every pack with rules: the jurisdictions, then the packs only built upon (what
    /// `validate` and `coverage` look at).
    pub fn packs(&self) -> Vec<String> {
        let mut all = self.jurisdictions();
        match self {
            PolicySource::Builtin => all.extend(pubdata_policy::builtin_layers().into_iter().map(str::to_owned)),
            PolicySource::Folder { layers, .. } => all.extend(layers.iter().cloned()),
        }
        all
    }

    /// Keeps only `only` (all packs with rules when empty) among them; asking for one
    /// without policies is an error.
    pub fn select_packs(&self, only: &[String]) -> Result<Vec<String>, String> {
        let have = self.packs();
        if let Some(missing) = only.iter().find(|j| !have.contains(j)) {
            return Err(format!("{} has no policies for `{missing}`", self.describe()));
        }
        Ok(have.into_iter().filter(|j| only.is_empty() || only.contains(j)).collect())
    }

    /// Keeps only `only` (all when empty); asking for one without policies is an error.
    pub fn select(&self, only: &[String]) -> Result<Vec<String>, String> {
        let have = self.jurisdictions();
        if let Some(missing) = only.iter().find(|j| !have.contains(j)) {
            return Err(format!("{} has no policies for jurisdiction `{missing}`", self.describe()));
        }
        Ok(have.into_iter().filter(|j| only.is_empty() || only.contains(j)).collect())
    }

    pub fn sources(&self, jurisdiction: &str) -> Result<Sources, Error> {
        match self {
            PolicySource::Builtin => Sources::builtin(jurisdiction),
            PolicySource::Folder { root, .. } => Sources::from_dir(root, jurisdiction),
        }
    }

    /// For messages: `the built-in policies` or `policies in `DIR``.
    pub fn describe(&self) -> String {
        match self {
            PolicySource::Builtin => "the built-in policies".into(),
            PolicySource::Folder { root, .. } => format!("the policies in `{}`", root.display()),
        }
    }

    /// A policy file's name as the sources give it, as an author would open it.
    pub fn display_file(&self, file: &str) -> String {
        match self {
            PolicySource::Builtin => format!("policies/{file}"),
            PolicySource::Folder { .. } => file.to_owned(),
        }
    }

    /// The path of a jurisdiction's file as an author would open it.
    pub fn file_path(&self, jurisdiction: &str, name: &str) -> String {
        match self {
            PolicySource::Builtin => format!("policies/{jurisdiction}/{name}"),
            PolicySource::Folder { root, .. } => root.join(jurisdiction).join(name).display().to_string(),
        }
    }
}

/// Whether the pack in `dir` says it is only built upon (`"layerOnly": true`), read as
/// the engine reads `pack.json`.
fn layer_only(dir: &Path) -> bool {
    let text = std::fs::read_to_string(dir.join("pack.json")).unwrap_or_default();
    serde_json::from_str::<pubdata_policy::PackManifest>(&text).is_ok_and(|m| m.layer_only)
}

/// The pack a folder holds: its name.
pub fn folder_name(dir: &Path) -> String {
    let named = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    // `.` or a path ending in `..`: the folder's own name.
    named
        .or_else(|| dir.canonicalize().ok().and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned())))
        .unwrap_or_default()
}

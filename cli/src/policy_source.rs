//! Where policies come from: the set built into the library, or a `policies/` folder an
//! author is editing. A folder is either the root (`schema.cedarschema`, `calendar/` and
//! one folder per jurisdiction) or one jurisdiction's folder inside such a root.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use pubdata_policy::{builtin_jurisdictions, Error, Jurisdiction, Sources};

#[derive(Debug, Clone)]
pub enum PolicySource {
    Builtin,
    Folder { root: PathBuf, jurisdictions: Vec<Jurisdiction> },
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
        if path.join("regulation.json").is_file() {
            let jurisdiction = jurisdiction_named(path)?;
            let root = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            return Ok(PolicySource::Folder { root, jurisdictions: vec![jurisdiction] });
        }
        if !path.join("schema.cedarschema").is_file() {
            return Err(format!(
                "`{}` is not a policies folder: it holds neither `schema.cedarschema` nor `regulation.json`",
                path.display()
            ));
        }
        let entries = std::fs::read_dir(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let mut dirs: Vec<PathBuf> =
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("regulation.json").is_file()).collect();
        dirs.sort();
        let mut jurisdictions = dirs.iter().map(|d| jurisdiction_named(d)).collect::<Result<Vec<_>, _>>()?;
        jurisdictions.sort();
        if jurisdictions.is_empty() {
            return Err(format!("`{}` holds no jurisdiction folder with a `regulation.json`", path.display()));
        }
        Ok(PolicySource::Folder { root: path.to_path_buf(), jurisdictions })
    }

    /// The jurisdictions this source has policies for.
    pub fn jurisdictions(&self) -> Vec<Jurisdiction> {
        match self {
            PolicySource::Builtin => builtin_jurisdictions(),
            PolicySource::Folder { jurisdictions, .. } => jurisdictions.clone(),
        }
    }

    /// Keeps only `only` (all when empty); asking for one without policies is an error.
    pub fn select(&self, only: &[Jurisdiction]) -> Result<Vec<Jurisdiction>, String> {
        let have = self.jurisdictions();
        if let Some(missing) = only.iter().find(|j| !have.contains(j)) {
            return Err(format!("{} has no policies for jurisdiction `{missing}`", self.describe()));
        }
        Ok(have.into_iter().filter(|j| only.is_empty() || only.contains(j)).collect())
    }

    pub fn sources(&self, jurisdiction: Jurisdiction) -> Result<Sources, Error> {
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
    pub fn file_path(&self, jurisdiction: Jurisdiction, name: &str) -> String {
        match self {
            PolicySource::Builtin => format!("policies/{jurisdiction}/{name}"),
            PolicySource::Folder { root, .. } => root.join(jurisdiction.as_str()).join(name).display().to_string(),
        }
    }
}

/// The jurisdiction a folder is named after.
pub fn jurisdiction_named(dir: &Path) -> Result<Jurisdiction, String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Jurisdiction::from_str(&name).map_err(|_| {
        let known: Vec<&str> = Jurisdiction::ALL.iter().map(|j| j.as_str()).collect();
        format!("folder `{}` is not named after a jurisdiction ({})", dir.display(), known.join(", "))
    })
}

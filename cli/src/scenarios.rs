//! Finding and reading scenario files (`core/src/scenario.rs` gives their format).
//!
//! A path is a vectors root holding one folder per jurisdiction (`tests/vectors`), one
//! jurisdiction's folder (`tests/vectors/ganzi`), or one file in such a folder; the
//! folder's name says whose policies decide the cases.

use std::path::{Path, PathBuf};

use pubdata_policy::scenario::Suite;

use crate::policy_source::folder_name;

/// Where the scenario files are.
pub enum Vectors {
    /// `<root>/<jurisdiction>/*.json`
    Root(PathBuf),
    /// The files of one jurisdiction.
    Files(String, Vec<PathBuf>),
}

/// One scenario file, read.
pub struct ScenarioFile {
    pub path: PathBuf,
    pub suite: Suite,
}

impl ScenarioFile {
    /// The file's name, as a case's label starts.
    pub fn name(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

impl Vectors {
    pub fn locate(path: &Path) -> Result<Vectors, String> {
        if path.is_file() {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let dir = parent.canonicalize().unwrap_or_else(|_| parent.to_path_buf());
            return Ok(Vectors::Files(folder_name(&dir), vec![path.to_path_buf()]));
        }
        if !path.is_dir() {
            return Err(format!("no scenario files at `{}`: it is neither a file nor a folder", path.display()));
        }
        let files = json_files(path)?;
        if files.is_empty() {
            Ok(Vectors::Root(path.to_path_buf()))
        } else {
            Ok(Vectors::Files(folder_name(path), files))
        }
    }

    /// The jurisdictions these vectors are for: those with a folder under a root, or the one.
    pub fn jurisdictions(&self) -> Vec<String> {
        match self {
            Vectors::Root(root) => {
                let mut found: Vec<String> = std::fs::read_dir(root)
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .map(|e| e.path())
                            .filter(|p| p.is_dir())
                            .map(|p| folder_name(&p))
                            .collect()
                    })
                    .unwrap_or_default();
                found.sort();
                found
            }
            Vectors::Files(j, _) => vec![j.clone()],
        }
    }

    /// The scenario files of `jurisdiction`, read and parsed, in name order.
    pub fn load(&self, jurisdiction: &str) -> Result<Vec<ScenarioFile>, String> {
        let paths = match self {
            Vectors::Root(root) => {
                let dir = root.join(jurisdiction);
                if dir.is_dir() {
                    json_files(&dir)?
                } else {
                    vec![]
                }
            }
            Vectors::Files(j, files) if *j == jurisdiction => files.clone(),
            Vectors::Files(..) => vec![],
        };
        paths.into_iter().map(|path| read(&path).map(|suite| ScenarioFile { path, suite })).collect()
    }

    /// For messages.
    pub fn describe(&self, jurisdiction: &str) -> String {
        match self {
            Vectors::Root(root) => root.join(jurisdiction).display().to_string(),
            Vectors::Files(_, files) if files.len() == 1 => {
                files.first().map(|f| f.display().to_string()).unwrap_or_default()
            }
            Vectors::Files(_, files) => {
                files.first().and_then(|f| f.parent()).map(|d| d.display().to_string()).unwrap_or_default()
            }
        }
    }
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<Suite, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    Suite::from_json(&text).map_err(|e| format!("{}: not a scenario file: {e}", path.display()))
}

//! Finding the cvc5 solver SymCC drives: the `CVC5` environment variable when set (as
//! SymCC's own `LocalSolver::cvc5` reads it), else `cvc5` on `PATH`. Found before anything
//! is compiled, so that a machine without it is told so plainly (exit 2) instead of
//! meeting an I/O error in the middle of a proof.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The solver executable and the version it reports.
#[derive(Debug, Clone)]
pub struct Solver {
    pub path: PathBuf,
    /// Its `--version` line, e.g. `cvc5 version 1.0.3`.
    pub version: String,
}

/// What to do when no solver is found.
const INSTALL: &str =
    "install it with scripts/setup-solver (Debian's cvc5), or set CVC5 to the path of a cvc5 executable";

impl Solver {
    /// The solver this process would use, checked to run.
    pub fn find() -> Result<Solver, String> {
        let path = match std::env::var_os("CVC5").filter(|v| !v.is_empty()) {
            Some(p) => {
                let p = PathBuf::from(p);
                if !p.is_file() {
                    return Err(format!(
                        "no cvc5 solver: CVC5 is set to {}, which is not a file; {INSTALL}",
                        p.display()
                    ));
                }
                p
            }
            None => on_path("cvc5").ok_or_else(|| format!("no cvc5 solver: `cvc5` is not on PATH; {INSTALL}"))?,
        };
        let out = Command::new(&path)
            .arg("--version")
            .output()
            .map_err(|e| format!("the cvc5 solver {} does not run ({e}); {INSTALL}", path.display()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        // cvc5 says `This is cvc5 version 1.0.3 […]`.
        let version =
            text.lines().find(|l| l.contains("version")).map(|l| l.trim().trim_start_matches("This is ").to_owned());
        match (out.status.success(), version) {
            (true, Some(version)) => Ok(Solver { path, version }),
            _ => Err(format!("{} does not answer `--version` as cvc5 does; {INSTALL}", path.display())),
        }
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs).map(|d| d.join(name)).find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

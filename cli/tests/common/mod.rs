//! Shared by the toolkit's CLI tests: running `pdp`, and fixture policy folders — a copy
//! of the repository's 甘孜 policies in a temporary folder, mutated the way an author would.

#![allow(dead_code, reason = "each test binary uses its own part of the helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `policies/` and `tests/vectors/` are.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `pdp` from the repository root.
pub fn pdp(args: &[&str]) -> Output {
    pdp_in(&repo(), args)
}

/// Runs `pdp` from `dir`.
pub fn pdp_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pdp")).args(args).current_dir(dir).output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON a command printed, with its stderr when it printed none.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(out), stderr(out)))
}

/// Asserts the exit code, showing what the command said when it differs.
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "stdout:\n{}\nstderr:\n{}", stdout(out), stderr(out));
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

/// A copy of `policies/` with the calendar, the 甘孜 pack and the packs beneath it only, so
/// that rule sets still being written elsewhere do not enter these tests.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub policies: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let policies = dir.path().join("policies");
        copy_pack("ganzi", &policies, "ganzi");
        Fixture { _dir: dir, policies }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.policies.join(file)
    }

    /// The policies folder as an argument.
    pub fn arg(&self) -> &str {
        self.policies.to_str().unwrap()
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    /// Replaces the one occurrence of `from` in `file` with `to`.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once in {file}");
        std::fs::write(self.path(file), text.replacen(from, to, 1)).unwrap();
    }

    /// Removes the policy with this id: from its first annotation to the `;` that ends it.
    pub fn delete_policy(&self, file: &str, id: &str) {
        let text = self.read(file);
        let start = text.find(&format!("@id(\"{id}\")")).unwrap();
        let end = start + text[start..].find("};\n").or_else(|| text[start..].find(");\n")).unwrap() + 3;
        std::fs::write(self.path(file), format!("{}{}", &text[..start], &text[end..])).unwrap();
    }

    /// 甘孜 第十八条's review of conditional sharing with `@workingDays("<days>")` instead of 5.
    #[allow(dead_code, reason = "not every test file amends the review")]
    pub fn review_in(&self, days: &str) {
        self.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("\"5\"", &format!("\"{days}\"")));
    }

    /// The 1-based line of `file` where `needle` first appears.
    pub fn line_of(&self, file: &str, needle: &str) -> usize {
        let text = self.read(file);
        text.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap()
    }
}

/// The 甘孜 conditional-sharing review of 第十八条, as `policies/ganzi/share.cedar` writes it.
pub const REVIEW_DAYS: &str = "@reviewer(\"provider\")\n@workingDays(\"5\")\n@article(\"第十八条\")";

/// Copies the repository's pack `pack` into the policies folder `to` as `to/<name>`, with
/// the packs beneath it (its `pack.json`'s `layers`, and theirs) and the calendar.
#[allow(dead_code, reason = "not every test file copies packs")]
pub fn copy_pack(pack: &str, to: &Path, name: &str) {
    let from = repo().join("policies");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(from.join(pack).join("pack.json")).unwrap()).unwrap();
    for below in manifest["layers"].as_array().into_iter().flatten() {
        let below = below.as_str().unwrap();
        copy_pack(below, to, below);
    }
    copy_dir(&from.join(pack), &to.join(name));
    copy_dir(&from.join("calendar"), &to.join("calendar"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// 永州's amendment "an application to open data for commercial use must attach a data
/// security commitment", added to a copy of its pack: the temporary folder and the
/// amended pack's folder in it.
#[allow(dead_code, reason = "not every test file amends 永州")]
pub fn yongzhou_with_commercial_commitment() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_pack("yongzhou", dir.path(), "yongzhou");
    let open = dir.path().join("yongzhou/open.cedar");
    let mut text = std::fs::read_to_string(&open).unwrap();
    text.push_str(
        r#"
@id("yongzhou.open.commercial_commitment")
@article("第二十五条")
@field("/requester/materials")
@zh("以商业用途申请开放数据的，应当提交数据安全承诺书")
@en("An application to open data for commercial use must attach a data security commitment")
forbid (principal, action == Action::"open", resource)
when { context has purpose && context.purpose == "commercial" && !principal.materials.contains("security_commitment") };
"#,
    );
    std::fs::write(&open, text).unwrap();
    let pack = dir.path().join("yongzhou");
    (dir, pack)
}

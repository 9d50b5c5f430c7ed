//! TypeScript declarations of a pack's requests, made from its vocabulary: the package's
//! `packs.d.ts` and `pdp contract PACK --format ts`, so that no type is written by hand.

use std::fmt::Write as _;

use crate::pack::{FieldSpec, FieldType};
use crate::vocabulary::{Field, Vocabulary, SECTIONS};

impl Vocabulary {
    /// `export interface <name> { … }`: the requests of the pack `jurisdiction`, each field
    /// with its type, allowed values as literal unions, and its label as the doc comment.
    pub fn typescript(&self, name: &str, jurisdiction: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "/** A request to the `{jurisdiction}` pack (generated from its pack.json files). */");
        let _ = writeln!(out, "export interface {name} {{");
        let _ = writeln!(out, "  jurisdiction: {};", literal(jurisdiction));
        let kinds: Vec<String> = self.kinds().iter().map(|k| literal(&k.kind)).collect();
        let _ = writeln!(
            out,
            "  /** {} */",
            self.kinds().iter().map(|k| format!("{} {}", k.kind, k.zh)).collect::<Vec<_>>().join("; ")
        );
        let _ = writeln!(out, "  kind: {};", union(&kinds));
        let _ =
            writeln!(out, "  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */");
        let _ = writeln!(out, "  date?: string;");
        for (i, section) in SECTIONS.iter().enumerate() {
            let _ = writeln!(out, "  {}?: {{", section.key);
            for f in self.section(i) {
                write_field(&mut out, f, "    ");
            }
            let _ = writeln!(out, "  }};");
        }
        out.push_str("}\n");
        out
    }
}

/// The TypeScript declarations of every built-in pack's requests: a `<Pack>Request`
/// interface each, `JurisdictionId`, `Kind` and their union `Request` — the WebAssembly
/// package's `packs.d.ts`, which a test keeps equal to this.
pub fn builtin_typescript() -> Result<String, crate::Error> {
    let mut out = String::from(
        "// Generated from policies/*/pack.json by the engine (pubdata_policy::builtin_typescript;\n\
         // UPDATE_GENERATED=1 cargo test -p pubdata-policy --test generated rewrites it). Do not edit.\n\n",
    );
    let ids = crate::builtin_jurisdictions();
    let mut names = Vec::new();
    for id in &ids {
        let engine = crate::Engine::builtin(id)?;
        let name = type_name(id);
        out.push_str(&engine.vocabulary().typescript(&name, id));
        out.push('\n');
        names.push(name);
    }
    let ids: Vec<String> = ids.iter().map(|j| literal(j)).collect();
    out.push_str("/** The id of a built-in pack: a request's `jurisdiction`. */\n");
    let _ = writeln!(out, "export type JurisdictionId = {};", union(&ids));
    out.push_str("/** A request to a built-in pack. Unknown fields are rejected. */\n");
    let _ = writeln!(out, "export type Request = {};", union(&names));
    out.push_str("/** What a request asks for. */\nexport type Kind = Request[\"kind\"];\n");
    Ok(out)
}

/// `ganzi` → `GanziRequest`, `new-city` → `NewCityRequest`.
pub fn type_name(pack: &str) -> String {
    let mut out = String::new();
    for part in pack.split(['-', '_']) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out.push_str("Request");
    out
}

fn write_field(out: &mut String, f: &Field, indent: &str) {
    let s = &f.spec;
    let _ = writeln!(out, "{indent}/** {} · {} (`{}`) */", s.label.zh, s.label.en, s.field);
    let ty = match s.field_type {
        FieldType::Record => {
            let mut inner = String::from("{\n");
            for c in &f.children {
                write_field(&mut inner, c, &format!("{indent}  "));
            }
            inner.push_str(indent);
            inner.push('}');
            inner
        }
        _ => scalar(s),
    };
    let _ = writeln!(out, "{indent}{}?: {ty};", key(&f.name));
}

/// The TypeScript type of a field that is not a record.
fn scalar(s: &FieldSpec) -> String {
    let values = || union(&s.values.iter().map(|v| literal(&v.value)).collect::<Vec<_>>());
    match s.field_type {
        FieldType::Text | FieldType::Date => "string".into(),
        FieldType::Enum => values(),
        FieldType::Bool => "boolean".into(),
        // A short range is spelt out (`1 | 2 | 3 | 4 | 5`), so a level out of range fails `tsc`.
        FieldType::Long => match (s.min, s.max) {
            (Some(a), Some(b)) if a <= b && b - a <= 20 => union(&(a..=b).map(|n| n.to_string()).collect::<Vec<_>>()),
            _ => "number".into(),
        },
        FieldType::Set => format!("Array<{}>", values()),
        FieldType::Record => "Record<string, unknown>".into(),
    }
}

fn union(items: &[String]) -> String {
    match items.is_empty() {
        true => "never".into(),
        false => items.join(" | "),
    }
}

/// A string literal type: JSON's escaping is TypeScript's.
fn literal(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// An object key: bare when it is an identifier, quoted otherwise.
fn key(name: &str) -> String {
    let bare = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if bare {
        name.to_owned()
    } else {
        literal(name)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use crate::Engine;

    #[test]
    fn a_packs_declaration_has_its_kinds_values_and_labels() {
        let engine = Engine::builtin("putuo").unwrap();
        let ts = engine.vocabulary().typescript("PutuoRequest", "putuo");
        assert!(ts.starts_with("/** A request to the `putuo` pack"), "{ts}");
        assert!(ts.contains("export interface PutuoRequest {"), "{ts}");
        assert!(ts.contains("jurisdiction: \"putuo\";"), "{ts}");
        let kinds = engine.vocabulary().kinds().iter().map(|k| format!("\"{}\"", k.kind)).collect::<Vec<_>>();
        assert!(ts.contains(&format!("kind: {};", kinds.join(" | "))), "{ts}");
        // Every field appears by its key with its pointer in the comment.
        for f in engine.vocabulary().fields() {
            assert!(ts.contains(&format!("(`{}`)", f.field)), "{} missing from {ts}", f.field);
        }
        let sharing = engine.vocabulary().field("/resource/sharing").unwrap();
        let values = sharing.values.iter().map(|v| format!("\"{}\"", v.value)).collect::<Vec<_>>();
        assert!(ts.contains(&format!("sharing?: {};", values.join(" | "))), "{ts}");
    }
}

//! A pack's request vocabulary with its layers': the kinds and fields of `pack.json`
//! files merged, checked once, and turned into what else needs them — the Cedar schema
//! the policies are validated against, the field list of `pdp contract`, the labels.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::error::Error;
use crate::pack::{Derivation, FieldSpec, FieldType, KindSpec, PackManifest};

/// The parts of every request, each the Cedar value its fields become: the envelope that
/// every pack shares (with `jurisdiction`, `kind` and `date`).
pub const SECTIONS: [Section; 3] = [
    Section { key: "requester", cedar: "principal", entity_type: Some("Requester") },
    Section { key: "resource", cedar: "resource", entity_type: Some("Resource") },
    Section { key: "application", cedar: "context", entity_type: None },
];

/// The name of the context's record type in the generated schema.
const CONTEXT_TYPE: &str = "Application";
/// The context attribute that holds the request's date.
pub(crate) const DATE_ATTRIBUTE: &str = "date";

/// One part of the request envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The request's key (`requester`, `resource`, `application`).
    pub key: &'static str,
    /// The Cedar variable its fields are attributes of.
    pub cedar: &'static str,
    /// The Cedar entity type, for the principal and the resource.
    pub entity_type: Option<&'static str>,
}

/// A field with the fields of a record below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key in its object (the Cedar attribute's name).
    pub name: String,
    /// The declaration.
    pub spec: FieldSpec,
    /// A record's fields.
    pub children: Vec<Field>,
}

/// The merged vocabulary of a pack and its layers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vocabulary {
    kinds: Vec<KindSpec>,
    /// The fields of each section, in `SECTIONS` order.
    sections: [Vec<Field>; 3],
}

impl Vocabulary {
    /// Merges the manifests of a pack's layers, the lowest first, each with its file name
    /// for errors. A kind or a field may be declared once only.
    pub fn merge<'a>(manifests: impl IntoIterator<Item = (&'a str, &'a PackManifest)>) -> Result<Vocabulary, Error> {
        let mut v = Vocabulary::default();
        for (file, manifest) in manifests {
            for kind in &manifest.kinds {
                if !is_name(&kind.kind) {
                    return Err(Error::policies(
                        file,
                        format!("kind `{}` is not a name (letters, digits, `_`)", kind.kind),
                    ));
                }
                if v.kinds.iter().any(|k| k.kind == kind.kind) {
                    return Err(Error::policies(file, format!("kind `{}` is declared twice", kind.kind)));
                }
                v.kinds.push(kind.clone());
            }
            for spec in &manifest.fields {
                v.add(file, spec).map_err(|m| Error::policies(file, format!("field `{}`: {m}", spec.field)))?;
            }
        }
        Ok(v)
    }

    fn add(&mut self, file: &str, spec: &FieldSpec) -> Result<(), String> {
        let _ = file;
        let parts: Vec<&str> = spec.field.strip_prefix('/').map(|p| p.split('/').collect()).unwrap_or_default();
        let (section, names) = match parts.split_first() {
            Some((s, names)) if !names.is_empty() && names.len() <= 2 => (*s, names),
            _ => return Err("expected a JSON Pointer `/requester/NAME`, `/resource/NAME` or `/application/NAME` (one level deeper under a record)".into()),
        };
        let at = SECTIONS.iter().position(|s| s.key == section).ok_or_else(|| {
            format!("`{section}` is not a part of the request, expected `requester`, `resource` or `application`")
        })?;
        if let Some(bad) = names.iter().find(|n| !is_name(n)) {
            return Err(format!("`{bad}` is not a name (letters, digits, `_`)"));
        }
        check_spec(spec, section)?;
        let fields = self.sections.get_mut(at).ok_or("no such section")?;
        let (siblings, name) = match names {
            [name] => (fields, *name),
            [record, name] => {
                let parent = fields
                    .iter_mut()
                    .find(|f| f.name == *record && f.spec.field_type == FieldType::Record)
                    .ok_or_else(|| format!("`{record}` is not a record declared before it"))?;
                if spec.field_type == FieldType::Record || !spec.derive.is_empty() || spec.entity_id {
                    return Err("a record's field is a plain value (no record, derivation or entity id)".into());
                }
                (&mut parent.children, *name)
            }
            _ => return Err("too deep".into()),
        };
        let taken = |n: &str| {
            siblings.iter().any(|f| f.name == n || f.spec.derive.iter().any(|d| d.attributes().any(|(a, _)| a == n)))
                || (at == 2 && names.len() == 1 && n == DATE_ATTRIBUTE)
        };
        if taken(name) {
            return Err("declared twice (or the name of a derived value, or `date`)".into());
        }
        let mut derived: Vec<&str> = Vec::new();
        for (attribute, _) in spec.derive.iter().flat_map(Derivation::attributes) {
            if taken(attribute) || attribute == name || derived.contains(&attribute) || !is_name(attribute) {
                return Err(format!("derived attribute `{attribute}` is not a free name"));
            }
            derived.push(attribute);
        }
        siblings.push(Field { name: name.to_owned(), spec: spec.clone(), children: Vec::new() });
        Ok(())
    }

    /// The kinds of request, in declaration order.
    pub fn kinds(&self) -> &[KindSpec] {
        &self.kinds
    }

    /// The fields of a section (`SECTIONS` order).
    pub fn section(&self, index: usize) -> &[Field] {
        self.sections.get(index).map_or(&[], Vec::as_slice)
    }

    /// Every field's declaration, in order (a record before its fields).
    pub fn fields(&self) -> Vec<&FieldSpec> {
        let mut out = Vec::new();
        for fields in &self.sections {
            for f in fields {
                out.push(&f.spec);
                out.extend(f.children.iter().map(|c| &c.spec));
            }
        }
        out
    }

    /// The declaration of the field at a JSON Pointer.
    pub fn field(&self, pointer: &str) -> Option<&FieldSpec> {
        self.fields().into_iter().find(|f| f.field == pointer)
    }

    /// Every JSON Pointer a request may hold, the envelope's included.
    pub fn pointers(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = ["/jurisdiction", "/kind", "/date"].iter().map(|p| (*p).to_owned()).collect();
        out.extend(SECTIONS.iter().map(|s| format!("/{}", s.key)));
        out.extend(self.fields().into_iter().map(|f| f.field.clone()));
        out
    }

    /// The value the policies see for a field a request leaves out: a boolean's default
    /// (unless optional), an empty set; `None` for fields that stay absent.
    pub fn default_of(&self, pointer: &str) -> Option<serde_json::Value> {
        let f = self.field(pointer)?;
        match f.field_type {
            FieldType::Bool if !f.optional => Some(serde_json::Value::Bool(f.default.unwrap_or(false))),
            FieldType::Set => Some(serde_json::Value::Array(Vec::new())),
            _ => None,
        }
    }

    /// The request field a Cedar attribute path (`principal.materials`,
    /// `context.catalog.name`, `context.agreementStartMonths`) comes from.
    pub fn field_of(&self, cedar_path: &str) -> Option<String> {
        let (var, rest) = cedar_path.split_once('.')?;
        if var == "context" && rest == DATE_ATTRIBUTE {
            return Some("/date".into());
        }
        let at = SECTIONS.iter().position(|s| s.cedar == var)?;
        let mut names = rest.split('.');
        let first = names.next()?;
        let fields = self.section(at);
        if let Some(f) = fields.iter().find(|f| f.spec.derive.iter().any(|d| d.attributes().any(|(a, _)| a == first))) {
            return Some(f.spec.field.clone());
        }
        let f = fields.iter().find(|f| f.name == first)?;
        match names.next() {
            None => Some(f.spec.field.clone()),
            Some(child) => f.children.iter().find(|c| c.name == child).map(|c| c.spec.field.clone()),
        }
    }

    /// The field whose own value a Cedar attribute path holds: as [`Vocabulary::field_of`],
    /// but `None` for a value derived from a field (`agreementStartMonths`, `idProblem`),
    /// which has values of its own.
    pub fn value_field_of(&self, cedar_path: &str) -> Option<String> {
        self.field_of(cedar_path).filter(|pointer| cedar_path.rsplit('.').next() == pointer.rsplit('/').next())
    }

    /// Whether `path` starts with a Cedar variable a request's fields are attributes of
    /// (`principal.`, `resource.`, `context.`).
    pub fn is_request_path(path: &str) -> bool {
        path.split_once('.').is_some_and(|(var, _)| SECTIONS.iter().any(|s| s.cedar == var))
    }

    /// The Cedar schema of the pack's requests: what its policies are validated against.
    pub fn schema(&self) -> String {
        let mut out = String::from("// Made by the engine from the pack's pack.json files (pdp schema PACK).\n\n");
        for (section, fields) in SECTIONS.iter().zip(&self.sections) {
            let name = section.entity_type.unwrap_or(CONTEXT_TYPE);
            let keyword = if section.entity_type.is_some() { "entity" } else { "type" };
            let _ = writeln!(out, "{keyword} {name} = {{");
            if section.entity_type.is_none() {
                let _ = writeln!(out, "  \"{DATE_ATTRIBUTE}\": datetime,");
            }
            for f in fields {
                write_attribute(&mut out, f, "  ");
            }
            out.push_str("};\n\n");
        }
        let kinds: Vec<String> = self.kinds.iter().map(|k| format!("\"{}\"", k.kind)).collect();
        let _ = writeln!(
            out,
            "action {} appliesTo {{\n  principal: {},\n  resource: {},\n  context: {CONTEXT_TYPE},\n}};",
            kinds.join(", "),
            SECTIONS[0].entity_type.unwrap_or_default(),
            SECTIONS[1].entity_type.unwrap_or_default()
        );
        out
    }

    /// The vocabulary as data, for `pdp contract`, the WebAssembly package and the docs.
    pub fn contract(&self) -> Contract<'_> {
        Contract { kinds: &self.kinds, fields: self.fields() }
    }
}

/// What a request of a pack may hold (`pdp contract PACK --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct Contract<'a> {
    /// The kinds of request.
    pub kinds: &'a [KindSpec],
    /// Every field, in order.
    pub fields: Vec<&'a FieldSpec>,
}

fn write_attribute(out: &mut String, f: &Field, indent: &str) {
    let s = &f.spec;
    if s.entity_id {
        return;
    }
    let (ty, required) = match s.field_type {
        FieldType::Text | FieldType::Enum => ("String".to_owned(), false),
        FieldType::Long => ("Long".to_owned(), false),
        FieldType::Date => ("datetime".to_owned(), false),
        FieldType::Bool => ("Bool".to_owned(), !s.optional),
        FieldType::Set => ("Set<String>".to_owned(), true),
        FieldType::Record => {
            let mut inner = String::from("{\n");
            for c in &f.children {
                write_attribute(&mut inner, c, &format!("{indent}  "));
            }
            inner.push_str(indent);
            inner.push('}');
            (inner, false)
        }
    };
    let _ = writeln!(out, "{indent}\"{}\"{}: {ty},", f.name, if required { "" } else { "?" });
    for (attribute, ty) in s.derive.iter().flat_map(Derivation::attributes) {
        let _ = writeln!(out, "{indent}\"{attribute}\"?: {ty},");
    }
}

/// The rules of each type: which keys it may carry.
fn check_spec(spec: &FieldSpec, section: &str) -> Result<(), String> {
    let t = spec.field_type;
    let only = |ok: bool, what: &str, types: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("`{what}` belongs to {types} fields only"))
        }
    };
    only(spec.values.is_empty() || matches!(t, FieldType::Enum | FieldType::Set), "values", "enum and set")?;
    only(spec.suggest.is_empty() || t == FieldType::Text, "suggest", "text")?;
    only((spec.min.is_none() && spec.max.is_none()) || t == FieldType::Long, "min/max", "long")?;
    only((spec.default.is_none() && !spec.optional) || t == FieldType::Bool, "default/optional", "bool")?;
    only(!spec.entity_id || t == FieldType::Text, "entityId", "text")?;
    if spec.entity_id && section == "application" {
        return Err("`entityId` belongs to `/requester/…` and `/resource/…`".into());
    }
    if spec.default.is_some() && spec.optional {
        return Err("an optional bool has no default".into());
    }
    if matches!(t, FieldType::Enum | FieldType::Set) {
        if spec.values.is_empty() {
            return Err(format!("an {} field needs `values`", t.as_str()));
        }
        // Each value against those before it: a field lists tens of values, and a set for
        // them would be a B-tree's insertion of its own in the forms module (3 KB).
        let mut before = spec.values.iter().enumerate();
        if let Some((_, v)) = before.find(|(i, v)| spec.values.iter().take(*i).any(|w| w.value == v.value)) {
            return Err(format!("value `{}` is listed twice", v.value));
        }
    }
    if t == FieldType::Long {
        let (min, max) = (spec.min.unwrap_or(i64::MIN), spec.max.unwrap_or(i64::MAX));
        if min > max {
            return Err(format!("`min` {min} is greater than `max` {max}"));
        }
    }
    for d in &spec.derive {
        let (fits, from) = match d {
            Derivation::Identifier { .. } => (t == FieldType::Text, "identifier"),
            Derivation::MonthsUntilRequest { .. } => (t == FieldType::Date, "monthsUntilRequest"),
            Derivation::DaysUntilRequest { .. } => (t == FieldType::Date, "daysUntilRequest"),
            Derivation::WorkingDaysUntilRequest { .. } => (t == FieldType::Date, "workingDaysUntilRequest"),
        };
        if !fits {
            return Err(format!("derivation `{from}` does not apply to a {} field", t.as_str()));
        }
    }
    Ok(())
}

/// A Cedar identifier, and a JSON key that needs no escaping in a pointer.
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test fails loudly")]

    use super::Vocabulary;
    use crate::pack::PackManifest;

    /// The base pack's first enum field, and its vocabulary read with the values at `again`
    /// listed once more after the others.
    fn first_enum_with_again(again: &[usize]) -> (serde_json::Value, Result<Vocabulary, crate::Error>) {
        let text = crate::embedded::PACKS.iter().find(|p| p.id == "base").unwrap().manifest;
        let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
        let fields = json["fields"].as_array_mut().unwrap();
        let field = fields.iter_mut().find(|f| f["type"] == "enum").unwrap();
        let before = field.clone();
        let values = field["values"].as_array_mut().unwrap();
        let repeated: Vec<_> = again.iter().map(|i| values[*i].clone()).collect();
        values.extend(repeated);
        let manifest = PackManifest::parse("pack.json", &json.to_string()).unwrap();
        (before, Vocabulary::merge([("pack.json", &manifest)]))
    }

    #[test]
    fn of_enum_values_listed_twice_the_first_found_again_is_named() {
        assert!(first_enum_with_again(&[]).1.is_ok());
        let (field, result) = first_enum_with_again(&[1, 0]);
        let message = result.unwrap_err().to_string();
        let (name, value) = (field["field"].as_str().unwrap(), field["values"][1]["value"].as_str().unwrap());
        assert!(message.contains(&format!("field `{name}`: value `{value}` is listed twice")), "{message}");
    }
}

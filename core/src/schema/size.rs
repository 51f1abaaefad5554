//! Sizes computed from a schema by the spec's own rules (§2).

use super::{Field, Other, Schema};

/// How deep [`max_size`] follows nested schemas: a hand-written `static` schema can refer
/// to itself, and the walk must end.
const MAX_NESTING: usize = 64;

/// `MAX_SIZE` (spec §2) of `schema`, or `None` on overflow (or on a schema nested deeper
/// than 64 levels, which no derived type has).
pub fn max_size(schema: &Schema) -> Option<usize> {
    nested_max(schema, MAX_NESTING)
}

/// The sum of the fields' `MAX_SIZE`.
pub fn fields_max(fields: &[Field]) -> Option<usize> {
    sum(fields.iter().map(|f| f.schema), MAX_NESTING)
}

fn sum<'a>(items: impl Iterator<Item = &'a Schema>, levels: usize) -> Option<usize> {
    items
        .map(|s| nested_max(s, levels))
        .try_fold(0usize, |acc, m| acc.checked_add(m?))
}

fn nested_max(schema: &Schema, levels: usize) -> Option<usize> {
    let levels = levels.checked_sub(1)?;
    let max = |s| nested_max(s, levels);
    Some(match *schema {
        Schema::Int { int } => usize::from(int.width),
        Schema::Bool => 1,
        Schema::Char => 4,
        Schema::Float { width } => usize::from(width),
        Schema::Unit => 0,
        Schema::Option { some } => max(some)?.checked_add(1)?,
        Schema::Duration => 12,
        Schema::Array { len, item } => max(item)?.checked_mul(len)?,
        Schema::Seq { capacity, item, .. } => max(item)?.checked_mul(capacity)?.checked_add(4)?,
        Schema::Str { capacity, .. } => capacity.checked_add(4)?,
        Schema::Tuple { items } => sum(items.iter().copied(), levels)?,
        Schema::Result { ok, err } => max(ok)?.max(max(err)?).checked_add(1)?,
        Schema::Struct {
            fields, extensible, ..
        } => {
            let body = sum(fields.iter().map(|f| f.schema), levels)?;
            if extensible {
                body.checked_add(4)?
            } else {
                body
            }
        }
        Schema::Enum {
            tag_width,
            variants,
            ..
        } => {
            let mut largest = 0;
            for v in variants {
                largest = largest.max(sum(v.fields.iter().map(|f| f.schema), levels)?);
            }
            largest.checked_add(usize::from(tag_width))?
        }
        Schema::OpenEnum {
            tag_width,
            variants,
            extensible,
            other,
            ..
        } => {
            // §17: a known variant's body after its length when extensible; the kept
            // body of the catch-all.
            let mut largest = match other {
                Some(Other {
                    body: Some(body), ..
                }) => max(body)?,
                _ => 0,
            };
            for v in variants {
                let body = sum(v.fields.iter().map(|f| f.schema), levels)?;
                largest = largest.max(if extensible {
                    body.checked_add(4)?
                } else {
                    body
                });
            }
            largest.checked_add(usize::from(tag_width))?
        }
    })
}

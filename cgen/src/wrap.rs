//! Lines of at most 100 columns, the kernel's limit (a tab counts to the next multiple of
//! 8): one pass over the rendered header. A long comment is filled again; a long line of
//! code is broken after a `,`, `&&` or `||`, its continuation aligned one column past the
//! parenthesis it is inside (the kernel's style). A line with no such place stays as it
//! is. The same pass closes comments of several lines on a line of their own and keeps
//! one blank line at most.

/// The longest line, in columns.
pub const MAX_COLUMNS: usize = 100;

/// `header` with its long lines broken.
pub fn header(header: &str) -> String {
    let mut out = String::with_capacity(header.len() + header.len() / 32);
    let mut lines = header.lines().peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("/*") {
            // The whole comment, which may span lines.
            let mut block = vec![line];
            while !block.last().is_some_and(|l| l.contains("*/")) {
                match lines.next() {
                    Some(next) => block.push(next),
                    None => break,
                }
            }
            if block.iter().all(|l| width(l) <= MAX_COLUMNS) {
                out.push_str(&closed_apart(&block));
            } else {
                out.push_str(&comment(&block));
            }
        } else if width(line) > MAX_COLUMNS && !line.starts_with('#') {
            out.push_str(&code(line));
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Display width: tabs to the next multiple of 8.
fn width(text: &str) -> usize {
    text.chars().fold(0, |col, c| {
        if c == '\t' {
            (col / 8 + 1) * 8
        } else {
            col + 1
        }
    })
}

/// The comment `block` as it is, but a comment of several lines ends with `*/` on a line
/// of its own (kernel style).
fn closed_apart(block: &[&str]) -> String {
    let mut out = String::new();
    let (last, rest) = match block.split_last() {
        Some(split) => split,
        None => return out,
    };
    for l in rest {
        out.push_str(l);
        out.push('\n');
    }
    match last.strip_suffix(" */") {
        Some(text) if !rest.is_empty() && !text.trim().is_empty() => {
            let first = block.first().copied().unwrap_or_default();
            let indent = &first[..first.len() - first.trim_start().len()];
            out.push_str(&format!("{text}\n{indent} */\n"));
        }
        _ => {
            out.push_str(last);
            out.push('\n');
        }
    }
    out
}

/// The comment `block` (its lines) filled to the limit, with its indentation.
fn comment(block: &[&str]) -> String {
    let first = block.first().copied().unwrap_or_default();
    let indent = &first[..first.len() - first.trim_start().len()];
    let mut words = Vec::new();
    for line in block {
        let text = line.trim();
        let text = text.strip_prefix("/*").unwrap_or(text);
        let text = text.strip_suffix("*/").unwrap_or(text);
        let text = text.trim_start().strip_prefix("* ").unwrap_or(text);
        let text = if text.trim() == "*" { "" } else { text };
        words.extend(text.split_whitespace());
    }
    let mut out = String::new();
    let mut current = format!("{indent}/*");
    for word in words {
        if width(&current) + 1 + word.len() > MAX_COLUMNS {
            out.push_str(&current);
            out.push('\n');
            current = format!("{indent} *");
        }
        current.push(' ');
        current.push_str(word);
    }
    let one_line = out.is_empty() && width(&current) + 3 <= MAX_COLUMNS;
    out.push_str(&current);
    if one_line {
        out.push_str(" */\n");
    } else {
        out.push_str(&format!("\n{indent} */\n"));
    }
    out
}

/// Updates `open`, the columns just past the parentheses still open, with `text` written
/// from column `column` on.
fn track_parens(open: &mut Vec<usize>, mut column: usize, text: &str) {
    for c in text.chars() {
        column = if c == '\t' {
            (column / 8 + 1) * 8
        } else {
            column + 1
        };
        match c {
            '(' => open.push(column),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
}

/// A line of code broken after its separators where it runs past the limit, aligned to
/// the open parenthesis where that fits, else two tabs in from the line.
fn code(line: &str) -> String {
    let aligned = break_line(line, None);
    if aligned.lines().all(|l| width(l) <= MAX_COLUMNS) {
        return aligned;
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let fixed = break_line(line, Some(&format!("{indent}\t\t")));
    if fixed.lines().all(|l| width(l) <= MAX_COLUMNS) {
        fixed
    } else {
        aligned
    }
}

/// `line` broken after separators, continued at `continuation` or, without one, one
/// column past the innermost open parenthesis.
fn break_line(line: &str, continuation: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = line;
    let mut prefix = String::new();
    let mut open = Vec::new();
    while width(&prefix) + width(rest) > MAX_COLUMNS {
        // The last separator whose piece fits: `, ` keeps the comma, ` && ` and ` || `
        // keep the operator at the end of the line.
        let fits = [", ", " && ", " || "]
            .iter()
            .flat_map(|sep| {
                rest.match_indices(sep)
                    .map(|(at, sep)| (at + sep.trim_end().len(), at + sep.len()))
            })
            .filter(|(end, _)| width(&prefix) + width(&rest[..*end]) <= MAX_COLUMNS)
            .max();
        let Some((end, next)) = fits else { break };
        let mut after = open.clone();
        track_parens(&mut after, width(&prefix), &rest[..end]);
        let Some(&column) = after.last() else { break };
        out.push_str(&prefix);
        out.push_str(&rest[..end]);
        out.push('\n');
        open = after;
        rest = &rest[next..];
        prefix = match continuation {
            Some(fixed) => fixed.to_string(),
            None => format!("{}{}", "\t".repeat(column / 8), " ".repeat(column % 8)),
        };
    }
    out.push_str(&prefix);
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_code_breaks_after_commas_aligned_to_the_parenthesis() {
        let line = format!("static inline int f({}int last)", "int a, ".repeat(20));
        let wrapped = code(&line);
        assert!(wrapped.lines().count() > 1);
        for l in wrapped.lines() {
            assert!(width(l) <= MAX_COLUMNS, "{l}");
        }
        let second = wrapped.lines().nth(1).unwrap();
        assert_eq!(
            width(second) - second.trim_start().len(),
            "static inline int f(".len()
        );
        assert_eq!(
            wrapped.replace(",\n", ", ").replace(['\t', ' '], ""),
            line.replace(' ', "")
        );
    }

    #[test]
    fn long_comments_are_filled() {
        let long = format!("/* {} */", "word ".repeat(40).trim_end());
        let filled = header(&format!("\t{long}\nint x;\n"));
        let lines: Vec<&str> = filled.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l) <= MAX_COLUMNS));
        assert!(lines[0].starts_with("\t/* word"));
        assert!(lines[1].starts_with("\t * word"));
        assert_eq!(filled.matches("word").count(), 40);
        assert!(filled.ends_with("word\n\t */\nint x;\n"));
    }

    #[test]
    fn short_lines_stay() {
        let text = "/* a */\n/* b\n * c\n */\nint f(int a, int b);\n#define X 1\n";
        assert_eq!(header(text), text);
    }

    #[test]
    fn a_comment_of_several_lines_closes_on_a_line_of_its_own() {
        assert_eq!(header("\t/* a\n\t * b */\n"), "\t/* a\n\t * b\n\t */\n");
    }
}

//! Checks of the workspace as a whole against what its docs and scripts say: the published
//! crates' manifests (issue 27), the README's and `docs/architecture.md`'s tables of
//! workspace members, `.ci/package.sh`'s and `.ci/msrv.sh`'s lists, links into the
//! repository, `docs/fuzzing.md`'s table of fuzz targets, and `docs/architecture.md`'s
//! counts and tables against the code (`architecture`).

use std::{collections::BTreeSet, fs, path::Path, process::Command};

use serde_json::Value;

mod architecture;

/// The crates a user needs, published in this order.
const PUBLISHED: [&str; 4] = [
    "crosswire-derive",
    "crosswire",
    "crosswire-kernel",
    "crosswire-cgen",
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `cargo metadata` of the workspace's own packages.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Each workspace member: its name and its folder relative to the root.
fn members(meta: &Value) -> Vec<(String, String, &Value)> {
    let root = meta["workspace_root"].as_str().unwrap();
    let ids: BTreeSet<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| ids.contains(p["id"].as_str().unwrap()))
        .map(|p| {
            let manifest = p["manifest_path"].as_str().unwrap();
            let dir = manifest
                .strip_prefix(root)
                .and_then(|m| m.strip_suffix("/Cargo.toml"))
                .unwrap()
                .trim_start_matches('/')
                .to_owned();
            (p["name"].as_str().unwrap().to_owned(), dir, p)
        })
        .collect()
}

fn text<'a>(package: &'a Value, field: &str) -> &'a str {
    let name = package["name"].as_str().unwrap();
    package[field]
        .as_str()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| panic!("{name} has no {field}"))
}

#[test]
fn published_crates_carry_what_crates_io_and_docs_rs_show() {
    let meta = metadata();
    let members = members(&meta);
    // `publish` is null for a publishable package, `[]` for `publish = false`.
    let publishable: Vec<&str> = members
        .iter()
        .filter(|(_, _, p)| p["publish"].is_null())
        .map(|(name, _, _)| name.as_str())
        .collect();
    let mut want = PUBLISHED.to_vec();
    want.sort_unstable();
    let mut got = publishable.clone();
    got.sort_unstable();
    assert_eq!(got, want, "publishable workspace members");

    let readme = read("README.md");
    let msrv = readme
        .split("Minimum supported Rust: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the README states the minimum supported Rust");
    for (name, dir, package) in members
        .iter()
        .filter(|(n, _, _)| PUBLISHED.contains(&n.as_str()))
    {
        for field in ["description", "license", "repository", "homepage"] {
            text(package, field);
        }
        assert_eq!(
            text(package, "documentation"),
            format!("https://docs.rs/{name}")
        );
        let readme_file = text(package, "readme");
        assert!(
            root().join(dir).join(readme_file).is_file(),
            "{name}: readme {readme_file} is missing"
        );
        assert_eq!(text(package, "rust_version"), msrv, "{name}: rust-version");
        for (field, max) in [("keywords", 5), ("categories", 5)] {
            let list = package[field].as_array().unwrap();
            assert!(
                (1..=max).contains(&list.len()),
                "{name}: {} {field}",
                list.len()
            );
        }
    }
    assert_eq!(
        text(members[0].2, "repository"),
        text(members[0].2, "homepage")
    );

    // The scripts that publish and check them name the same crates.
    let package_sh = read(".ci/package.sh");
    assert!(
        package_sh.contains(&format!("crates=({})", PUBLISHED.join(" "))),
        ".ci/package.sh does not list {PUBLISHED:?}"
    );
    let msrv_sh = read(".ci/msrv.sh");
    for name in PUBLISHED {
        assert!(
            msrv_sh.contains(&format!("-p {name} ")) || msrv_sh.contains(&format!("-p {name}\n"))
        );
    }
}

/// `.ci/msrv.sh` checks every feature of the published crates but the two whose
/// dependencies need a newer Rust.
#[test]
fn msrv_check_covers_every_feature_it_can() {
    let meta = metadata();
    let msrv_sh = read(".ci/msrv.sh");
    let newer_rust = ["crosswire/heapless", "crosswire-kernel/tokio"];
    for (name, _, package) in members(&meta) {
        if !["crosswire", "crosswire-kernel"].contains(&name.as_str()) {
            continue;
        }
        for feature in package["features"].as_object().unwrap().keys() {
            let qualified = format!("{name}/{feature}");
            if feature == "default" || newer_rust.contains(&qualified.as_str()) {
                continue;
            }
            assert!(
                msrv_sh.split_whitespace().any(|w| w == qualified),
                ".ci/msrv.sh does not check {qualified}"
            );
        }
    }
}

/// The rows of the first Markdown table after `heading` in `doc`.
fn table_after<'a>(doc: &'a str, heading: &str) -> Vec<&'a str> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect()
}

#[test]
fn readme_and_architecture_tables_name_every_workspace_member() {
    let meta = metadata();
    let members = members(&meta);
    assert!(members.len() >= 8, "{} members", members.len());
    for (doc, heading) in [
        ("README.md", "## The workspace"),
        ("docs/architecture.md", "## The crates"),
    ] {
        let text = read(doc);
        let rows = table_after(&text, heading);
        for (name, dir, _) in &members {
            assert!(
                rows.iter()
                    .any(|row| row.contains(&format!("`{name}`")) && row.contains(dir.as_str())),
                "{doc}: the table under {heading:?} has no row for `{name}` in {dir}/"
            );
        }
    }
}

/// Every absolute link into the repository (where docs.rs and crates.io readers follow the
/// guides) starts with the manifests' `repository` and names a file that exists.
#[test]
fn links_into_the_repository_resolve() {
    let meta = metadata();
    let repository = text(members(&meta)[0].2, "repository").to_owned();
    let blob = format!("{repository}/blob/main/");
    let mut files = vec![
        "README.md".to_owned(),
        "core/README.md".to_owned(),
        "derive/README.md".to_owned(),
        "cgen/README.md".to_owned(),
        "kernel-adapter/README.md".to_owned(),
    ];
    for dir in ["core/src", "derive/src", "kernel-adapter/src", "cgen/src"] {
        collect_rs(&root().join(dir), dir, &mut files);
    }
    let mut seen = 0;
    for file in &files {
        let text = read(file);
        for (at, _) in text.match_indices("https://github.com/") {
            let url: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !")>`\"'".contains(*c))
                .collect();
            let path = url
                .strip_prefix(&blob)
                .unwrap_or_else(|| panic!("{file}: {url} is not under {blob}"));
            let path = path.split('#').next().unwrap();
            assert!(root().join(path).exists(), "{file}: {url}: no {path}");
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} links into the repository");
}

fn collect_rs(dir: &Path, rel: &str, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let path = format!("{rel}/{name}");
        if entry.file_type().unwrap().is_dir() {
            collect_rs(&entry.path(), &path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// `docs/fuzzing.md`'s table of targets has one row per `[[bin]]` of `fuzz/Cargo.toml`.
#[test]
fn fuzzing_doc_lists_every_fuzz_target() {
    let manifest = read("fuzz/Cargo.toml");
    let bins: BTreeSet<&str> = manifest
        .split("[[bin]]")
        .skip(1)
        .map(|bin| {
            bin.lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|n| n.strip_suffix('"'))
                .expect("each [[bin]] has a name")
        })
        .collect();
    let doc = read("docs/fuzzing.md");
    let rows: BTreeSet<&str> = table_after(&doc, "## Targets and oracles")
        .iter()
        .map(|row| row.split('`').nth(1).expect("a row starts with `target`"))
        .collect();
    assert!(bins.len() >= 10, "{bins:?}");
    assert_eq!(
        rows, bins,
        "docs/fuzzing.md's targets against fuzz/Cargo.toml"
    );
}

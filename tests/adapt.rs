//! The labelling round trip and adaptation: `chaff label` writes labels, a person corrects them,
//! `chaff-train --from` adapts the embedded model to them, and `chaff` uses the adapted model.
//! Needs the `train` feature (`cargo test --release --all-features`).
#![cfg(feature = "train")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use common::{chaff, json_lines, path, stderr, stdout};

/// Five pages of one hand-written site (written for this test). Line 6 is a teaser line, a
/// different one on every page, that models of the config keep on some pages (04dc578 on both
/// unseen pages): the site's owner labels it furniture.
const STORIES: [[&str; 4]; 5] = [
    ["Harbour wall repairs to start in March", "Work on the damaged harbour wall will begin in March, the council confirmed on Tuesday, after storms last winter opened a crack along its eastern end.", "Engineers said the repairs would take about six months and cost an estimated 2.4 million pounds, most of it from a government flood fund.", "Fishing boats will be moved to the inner basin while the work goes on, and the slipway will stay open at weekends."],
    ["School funding gap closes after late grant", "Three primary schools in the town will avoid staff cuts after a late grant from the county closed a funding gap of 310,000 pounds.", "Head teachers had warned in January that classroom assistants could lose their jobs if the money did not arrive before the summer term.", "The county said the grant was a one-off and that it would review school budgets again in the autumn."],
    ["New bus route links the station and the hospital", "A new bus route linking the railway station with the hospital will run every twenty minutes from next Monday, the operator said.", "Patients and staff had asked for a direct service for years, and a petition last spring gathered more than four thousand names.", "The route will be trialled for a year before the council decides whether to keep paying part of its cost."],
    ["Library extends its opening hours", "The town library will open until eight in the evening on weekdays from May, after volunteers offered to staff the late shifts.", "Visitor numbers rose by a fifth last year, with students using the reading room most in the evenings before exams.", "The library also plans a weekly homework club and a monthly talk by local authors."],
    ["Housing plan for the old dairy site approved", "Plans for 120 homes on the site of the old dairy were approved by the planning committee on Thursday after a long debate.", "Forty of the homes will be offered at affordable rents, and the developer will pay for a new crossing on the main road.", "Residents who objected said the roads around the site were already too busy at school times."],
];
const TEASER_LINE: u64 = 6;

/// An unrelated page of another site (hand-written).
const OTHER_PAGE: &str = "Mountain rescue team marks fifty years | Valley Times\nMenu\nSearch\n\
The valley's mountain rescue team celebrated fifty years of service on Saturday with an open day at its base.\n\
Volunteers showed visitors the stretchers, ropes and radios they carry, and told stories of night searches in the snow.\n\
The team answered 84 calls last year, most of them walkers with leg injuries on the upper paths.\n\
Related stories\nSubscribe to our newsletter\n";

/// Writes the site's pages and the unrelated page; returns the site's page files.
fn write_pages(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (i, [head, a, b, c]) in STORIES.iter().enumerate() {
        let others: Vec<String> = STORIES
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| s[0].to_lowercase())
            .collect();
        let teaser = format!(
            "Also in today's paper: {}, and {}, with letters from our readers on page six.",
            others[0], others[1]
        );
        let text = [
            &format!("{head} | Harbourside Gazette"),
            "Home",
            "News",
            "Sport",
            "Letters",
            &teaser,
            head,
            "By our reporter",
            a,
            b,
            c,
            "Share this story",
            "Copyright 2026 Harbourside Gazette",
        ]
        .join("\n");
        let file = dir.join(format!("p{}.txt", i + 1));
        std::fs::write(&file, text + "\n").unwrap();
        files.push(file);
    }
    std::fs::write(dir.join("other.txt"), OTHER_PAGE).unwrap();
    files
}

fn chaff_train(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chaff-train"))
        .args(args)
        .output()
        .unwrap()
}

/// `chaff label` on pages 3-5, the teaser lines corrected to furniture, and the model adapted
/// to them; returns the labels file and the adapted model.
fn label_and_adapt(dir: &Path, pages: &[PathBuf]) -> (PathBuf, PathBuf) {
    let labels = dir.join("labels.jsonl");
    let mut args = vec!["label"];
    args.extend(pages[2..].iter().map(|p| path(p)));
    args.extend(["-o", path(&labels), "-q"]);
    let out = chaff(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut records = json_lines(&std::fs::read_to_string(&labels).unwrap());
    for r in &mut records {
        for field in ["doc", "line", "text", "label", "probs"] {
            assert!(r.get(field).is_some(), "{field} in {r}");
        }
        if r["line"] == TEASER_LINE {
            r["label"] = Value::from("furniture");
        }
    }
    let corrected: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(&labels, corrected).unwrap();
    let model = dir.join("mine.chaff");
    let out = chaff_train(&[
        "--from",
        "models/default.chaff",
        "--data",
        path(&labels),
        "--out",
        path(&model),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    (labels, model)
}

/// Labels of `chaff filter --format jsonl` on `files`, as (doc, line, label).
fn labels_of(model: Option<&Path>, files: &[&Path]) -> Vec<(String, u64, String)> {
    let mut args = vec!["filter", "--format", "jsonl", "-q"];
    if let Some(m) = model {
        args.extend(["--model", path(m)]);
    }
    args.extend(files.iter().map(|f| path(f)));
    let out = chaff(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&stdout(&out))
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn adapted_model_loads_in_filter_eval_and_info() {
    let dir = tempfile::tempdir().unwrap();
    let pages = write_pages(dir.path());
    let (labels, model) = label_and_adapt(dir.path(), &pages);
    let out = chaff(&["info", "--model", path(&model)]);
    let info = stdout(&out);
    assert!(
        info.contains("adapted from\tmodels/default.chaff"),
        "{info}"
    );
    assert!(
        info.contains(&format!("adapted on\t{}", labels.display())),
        "{info}"
    );
    let base = stdout(&chaff(&["info"]));
    assert!(!base.contains("adapted from"), "{base}");

    let filtered = labels_of(Some(&model), &[&pages[0]]);
    assert_eq!(filtered.len(), 13, "one verdict per line");
    let out = chaff(&["eval", "--model", path(&model), "--data", path(&labels)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("news"), "{}", stdout(&out));
}

#[test]
fn adapting_drops_the_sites_teaser_and_leaves_another_page_alone() {
    let dir = tempfile::tempdir().unwrap();
    let pages = write_pages(dir.path());
    let unseen: Vec<&Path> = pages[..2].iter().map(PathBuf::as_path).collect();
    let teasers = |labels: &[(String, u64, String)]| -> Vec<String> {
        labels
            .iter()
            .filter(|l| l.1 == TEASER_LINE)
            .map(|l| l.2.clone())
            .collect()
    };
    // Whether the shipped model keeps the teasers differs from model to model (seed 17 of the
    // config drops them already); what adapting must do does not.
    let other = dir.path().join("other.txt");
    let other_before = labels_of(None, &[&other]);
    let (_, model) = label_and_adapt(dir.path(), &pages);
    let after = labels_of(Some(&model), &unseen);
    assert_eq!(teasers(&after), ["furniture", "furniture"], "{after:?}");
    assert_eq!(labels_of(Some(&model), &[&other]), other_before);
}

#[test]
fn label_writes_a_review_page_and_bad_labels_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pages = write_pages(dir.path());
    let review = dir.path().join("review.html");
    let out = chaff(&["label", path(&pages[0]), "-o", path(&review), "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&review).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Harbourside Gazette"));

    let bad = dir.path().join("bad.jsonl");
    let adapt = |text: &str| {
        std::fs::write(&bad, text).unwrap();
        let out = chaff_train(&[
            "--from",
            "models/default.chaff",
            "--data",
            path(&bad),
            "--out",
            path(&dir.path().join("x.chaff")),
        ]);
        assert!(!out.status.success());
        stderr(&out)
    };
    let e = adapt("{\"doc\":\"a\",\"text\":\"Home\",\"label\":\"furniture\"}\n{\"doc\":\"a\",\"text\":\"Story.\",\"label\":\"nws\"}\n");
    assert!(e.contains("bad.jsonl:2: unknown label"), "{e}");
    let e = adapt("{\"doc\":\"a\",\"text\":\"Story.\",\"label\":\"news\"}\n{\"doc\":\"b\",\"text\":\" \",\"label\":\"news\"}\n");
    assert!(
        e.contains("bad.jsonl:2") && e.contains("has no lines"),
        "{e}"
    );
    let e = adapt("doc,text,label\n");
    assert!(e.contains("bad.jsonl:1: bad record"), "{e}");
    assert!(!dir.path().join("x.chaff").exists(), "no model on an error");
}

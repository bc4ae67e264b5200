//! Articles in languages the training data hardly has: the embedded model keeps them, and drops
//! the gambling lines around them (every seed of the model of format 10's config does; the
//! models before it kept a French casino promo). The pages
//! (`training/fixtures/languages/news.jsonl`: Indonesian, German, Spanish, French, Portuguese,
//! Italian, Dutch, Russian) were written for this project.

mod common;

use serde_json::Value;

use common::{chaff, json_lines, path, stderr};

fn fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("training/fixtures/languages/news.jsonl")
}

/// The pages judged each alone: the figures' JSON and the lines judged wrong.
fn judged() -> (Value, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let (json, errors) = (
        dir.path().join("eval.json"),
        dir.path().join("errors.jsonl"),
    );
    let out = chaff(&[
        "eval",
        "--alone",
        "--data",
        path(&fixture()),
        "--json",
        path(&json),
        "--errors",
        path(&errors),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let figures: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let wrong = json_lines(&std::fs::read_to_string(&errors).unwrap());
    (figures, wrong)
}

#[test]
fn articles_in_other_languages_are_kept() {
    let (figures, _) = judged();
    let news = &figures["keep_view"]["news_pages"];
    assert_eq!(news["counts"]["pages"], 9);
    // Model b224371 (2026-11-24), trained without made-up languages, kept 24% of these
    // articles' characters (none of the German, Spanish or French ones).
    let (recall, precision) = (
        news["char"]["recall"].as_f64().unwrap(),
        news["char"]["precision"].as_f64().unwrap(),
    );
    assert!(recall >= 0.6, "kept {recall:.3} of the news characters");
    assert!(precision >= 0.85, "precision {precision:.3}");
    let per_source = news_per_source(&figures);
    assert_eq!(per_source.len(), 8, "{per_source:?}");
    for (source, recall) in &per_source {
        assert!(*recall > 0.0, "nothing kept of the {source} article");
    }
}

/// No gambling line is kept: "casino", "bonus" or "slot" are known in any language. (Product
/// listings in a language the model has no words of are read by their shape alone, and the two
/// Spanish ones are kept: a weak spot docs/quality.md measures.)
#[test]
fn gambling_lines_in_other_languages_are_dropped() {
    let (_, wrong) = judged();
    let kept_gambling: Vec<&Value> = wrong
        .iter()
        .filter(|e| e["kept"] == true && e["gold"] == "gambling")
        .collect();
    assert!(kept_gambling.is_empty(), "{kept_gambling:?}");
}

/// Character recall of the kept text per source (one source per language).
fn news_per_source(figures: &Value) -> Vec<(String, f64)> {
    figures["keep_view"]["per_source"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(s, v)| (s.clone(), v["char"]["recall"].as_f64().unwrap()))
        .collect()
}

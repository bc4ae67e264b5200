//! End-to-end training: run the real `chaff-train` on a small generated corpus, then use the model
//! it writes with `chaff`. Needs the `train` feature (`cargo test --release --all-features`).
#![cfg(feature = "train")]

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{chaff, json_lines, stderr, stdout};

const TOWNS: [&str; 8] = [
    "Alder", "Brook", "Cliffe", "Dunmore", "Eastwick", "Fenby", "Garth", "Holm",
];
const TOPICS: [&str; 6] = [
    "the new bridge",
    "school funding",
    "the harbour wall",
    "bus routes",
    "the library",
    "housing plans",
];
const MENU: [&str; 6] = [
    "Home",
    "News",
    "Sport",
    "Weather",
    "Contact us",
    "Subscribe",
];
const SPAM: [&str; 4] = [
    "SLOT GACOR hari ini gampang MAXWIN daftar sekarang",
    "situs judi online terpercaya bonus new member 100%",
    "togel online 4D deposit pulsa tanpa potongan",
    "link alternatif slot88 jackpot setiap hari",
];
const PRODUCTS: [&str; 4] = [
    "wireless bluetooth headphones over ear 40h playtime",
    "stainless steel water bottle 750ml insulated",
    "mens running shoes lightweight breathable size 10",
    "Global Electric Scooter Market Size, Share & Growth Report 2024-2032",
];
const CHAT: [&str; 3] = [
    "Has anyone got the printer driver working on the new release? Mine never finds the device.",
    "I fixed mine by adding the printer by its address after turning off the discovery rule.",
    "Thanks, that worked for me too after a restart of the print service.",
];

fn record(out: &mut String, doc: &str, site: &str, line: usize, text: &str, label: &str) {
    let rec = serde_json::json!({"doc": doc, "site": site, "source": "generated", "line": line, "text": text, "label": label});
    writeln!(out, "{rec}").unwrap();
}

/// News pages with menus and spam around the article, forum pages, lone spam and product lines.
fn corpus() -> String {
    let mut out = String::new();
    for i in 0..90 {
        let town = TOWNS[i % TOWNS.len()];
        let topic = TOPICS[i % TOPICS.len()];
        let doc = format!("news/{i}");
        let site = format!("site{}.example", i % 30);
        let mut n = 0;
        let mut push = |out: &mut String, text: &str, label: &str| {
            record(out, &doc, &site, n, text, label);
            n += 1;
        };
        for m in MENU {
            push(&mut out, m, "furniture");
        }
        push(&mut out, SPAM[i % SPAM.len()], "gambling");
        push(&mut out, &format!("Councillors in {town} voted on Thursday to go ahead with {topic}, after months of argument over the cost."), "news");
        push(&mut out, &format!("Residents told the meeting that {topic} had been promised for years and that the town could not wait any longer."), "news");
        push(&mut out, &format!("The council leader said the work on {topic} would begin in the spring and take about a year."), "news");
        push(&mut out, PRODUCTS[i % PRODUCTS.len()], "marketplace");
        push(&mut out, "Share this article", "furniture");
        push(&mut out, "© 2025 The Example Courier", "furniture");
    }
    for i in 0..60 {
        let doc = format!("forum/{i}");
        for (n, text) in CHAT.iter().enumerate() {
            record(
                &mut out,
                &doc,
                &format!("forum{}.example", i % 20),
                n,
                text,
                "other",
            );
        }
        record(
            &mut out,
            &doc,
            &format!("forum{}.example", i % 20),
            3,
            "Reply",
            "furniture",
        );
    }
    for i in 0..120 {
        record(
            &mut out,
            &format!("spam/{i}"),
            "",
            0,
            &format!("{} {}", SPAM[i % SPAM.len()], i),
            "gambling",
        );
        record(
            &mut out,
            &format!("shop/{i}"),
            "",
            0,
            &format!("{} {}", PRODUCTS[i % PRODUCTS.len()], i),
            "marketplace",
        );
    }
    out
}

/// Trains a small model on `corpus` with the test settings plus `extra` (TOML lines), scoring
/// it on the same data when `dev`; returns the model's path and chaff-train's output.
fn train(dir: &Path, corpus: &str, extra: &str, dev: bool) -> (PathBuf, Output) {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("generated.jsonl"), corpus).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "train = {:?}\nfolds = 3\nvocab_size = 500\nmin_count = 2\ndirect_ngrams = 50\n\
             stage1_iterations = 50\n{extra}",
            data.display().to_string()
        ),
    )
    .unwrap();
    let model = dir.join("m.chaff");
    let mut args = vec![
        "--config",
        config.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
    ];
    if dev {
        args.extend(["--dev", data.to_str().unwrap()]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_chaff-train"))
        .args(&args)
        .output()
        .unwrap();
    (model, out)
}

/// The verdicts of `model` on the page in `page`, one JSON record per line.
fn judged(model: &Path, page: &Path) -> Vec<serde_json::Value> {
    let out = chaff(&[
        "filter",
        "--format",
        "jsonl",
        "--model",
        model.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&stdout(&out))
}

#[test]
fn chaff_train_writes_a_model_that_chaff_uses() {
    let dir = tempfile::tempdir().unwrap();
    let (model, out) = train(dir.path(), &corpus(), "stage2_iterations = 50\n", true);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("stage 1: fitted") && log.contains("dev news_pages_char_f1"),
        "{log}"
    );

    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Home\nNews\nSport\nSLOT GACOR hari ini gampang MAXWIN daftar sekarang\n\
         Councillors in Garth voted on Thursday to go ahead with the new bridge, after months of argument over the cost.\n\
         The council leader said the work on the new bridge would begin in the spring and take about a year.\n\
         stainless steel water bottle 750ml insulated\nShare this article\n",
    )
    .unwrap();
    let recs = judged(&model, &page);
    let label = |line: u64| {
        recs.iter().find(|r| r["line"] == line).unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(label(4), "gambling");
    assert_eq!(label(5), "news");
    assert_eq!(label(6), "news");
    assert_eq!(label(7), "marketplace");
    assert_eq!(label(1), "furniture");

    let info = stdout(&chaff(&["info", "--model", model.to_str().unwrap()]));
    assert!(
        info.contains("n-grams\t")
            && info.contains(
                &dir.path()
                    .join("data")
                    .join("generated.jsonl")
                    .display()
                    .to_string()
            ),
        "{info}"
    );
}

/// News pages of `sites` sites, each page carrying its site's own recurring line, labelled
/// furniture (as a site's subscription plea or slogan is), and worded like prose.
fn corpus_with_recurring_lines(sites: usize) -> String {
    let mut out = corpus();
    for i in 0..120 {
        let site = i % sites;
        let doc = format!("site-news/{i}");
        let site_name = format!("courier{site}.example");
        let town = TOWNS[i % TOWNS.len()];
        let topic = TOPICS[(i / 3) % TOPICS.len()];
        let lines: [(String, &str); 5] = [
            (format!("Officials in {town} confirmed on Monday that {topic} would be reviewed again this summer."), "news"),
            (format!("Supporters of the {topic} plan gathered outside the town hall in {town} before the vote."), "news"),
            (format!("Our {site} newsroom depends on the support of readers who believe in local reporting."), "furniture"),
            (format!("A decision on {topic} is expected before the end of the year, a spokesperson said."), "news"),
            ("Share this article".to_string(), "furniture"),
        ];
        for (n, (text, label)) in lines.iter().enumerate() {
            record(&mut out, &doc, &site_name, n, text, label);
        }
    }
    out
}

#[test]
fn a_model_trained_with_repetition_reads_it_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let extra = "stage2_iterations = 100\nrepetition = true\n";
    let (model, out) = train(dir.path(), &corpus_with_recurring_lines(12), extra, false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A batch from a site never seen in training, with its own recurring line.
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    let recurring =
        "Our valley newsroom depends on the support of readers who believe in local reporting.";
    for i in 0..8 {
        let town = TOWNS[i];
        let topic = TOPICS[i % TOPICS.len()];
        std::fs::write(
            batch.join(format!("{i}.txt")),
            format!(
                "Officials in {town} confirmed on Monday that {topic} would be reviewed again this summer.\n\
                 Supporters of the {topic} plan gathered outside the town hall in {town} before the vote.\n\
                 {recurring}\n\
                 A decision on {topic} is expected before the end of the year, a spokesperson said.\n"
            ),
        )
        .unwrap();
    }
    let run = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec![
            "filter",
            "--format",
            "jsonl",
            "--model",
            model.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.push(batch.to_str().unwrap());
        let out = chaff(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        json_lines(&stdout(&out))
    };
    let in_batch = run(&[]);
    let alone = run(&["--alone"]);
    let furniture = |recs: &[serde_json::Value], line: u64| -> f64 {
        let v: Vec<f64> = recs
            .iter()
            .filter(|r| r["line"] == line)
            .map(|r| r["probs"]["furniture"].as_f64().unwrap())
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(
        furniture(&in_batch, 3) > furniture(&alone, 3) + 0.2,
        "the line on every page reads as furniture in the batch: {} alone, {} in the batch",
        furniture(&alone, 3),
        furniture(&in_batch, 3)
    );
    for line in [1, 2, 4] {
        assert!(
            (furniture(&in_batch, line) - furniture(&alone, line)).abs() < 0.2,
            "line {line} does not recur: it hardly moves"
        );
    }
}

/// A bag of two models (`bag = 2`) trains both, says so, and writes their mean, which keeps the
/// news and drops the spam; it is the mean that `chaff-train --average` makes of the two models
/// trained one by one with the bag's seeds (the config's, and that plus 1000).
#[test]
fn a_bag_of_models_is_the_mean_of_its_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let settings = "stage2_iterations = 50\nseed = 7\n";
    let bag_dir = dir.path().join("bag");
    std::fs::create_dir(&bag_dir).unwrap();
    let (bag, out) = train(&bag_dir, &corpus(), &format!("{settings}bag = 2\n"), false);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains("model 1 of the bag of 2: seed 7")
            && log.contains("model 2 of the bag of 2: seed 1007"),
        "{log}"
    );
    assert_eq!(log.matches("stage 1: fitted").count(), 2, "{log}");

    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Home\nSLOT GACOR hari ini gampang MAXWIN daftar sekarang\n\
         Councillors in Garth voted on Thursday to go ahead with the new bridge, after months of argument over the cost.\n\
         stainless steel water bottle 750ml insulated\n",
    )
    .unwrap();
    let verdicts = |model: &Path| judged(model, &page);
    let labels = |records: &[serde_json::Value]| -> Vec<String> {
        records
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_string())
            .collect()
    };
    let by_bag = verdicts(&bag);
    assert_eq!(
        labels(&by_bag),
        ["furniture", "gambling", "news", "marketplace"]
    );

    let mut singles = Vec::new();
    for seed in [7, 1007] {
        let d = dir.path().join(format!("seed-{seed}"));
        std::fs::create_dir(&d).unwrap();
        let (model, out) = train(
            &d,
            &corpus(),
            &format!("stage2_iterations = 50\nseed = {seed}\n"),
            false,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        singles.push(model);
    }
    let mean = dir.path().join("mean.chaff");
    let out = Command::new(env!("CARGO_BIN_EXE_chaff-train"))
        .arg("--average")
        .args(&singles)
        .arg("--out")
        .arg(&mean)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        verdicts(&mean),
        by_bag,
        "the bag is the mean of its seeds' models"
    );
    assert_ne!(
        verdicts(&singles[1]),
        by_bag,
        "the seeds' models differ from their mean"
    );

    let bad = dir.path().join("bad.chaff");
    std::fs::write(&bad, b"not a model").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chaff-train"))
        .arg("--average")
        .args([&singles[0], &bad])
        .arg("--out")
        .arg(&mean)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("bad.chaff"), "{err}");
}

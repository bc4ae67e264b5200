//! The library as an outside crate uses it: only through its public API (the top-level exports
//! and the `read`, `write` and `eval` namespaces), never through `internals`.

use chaff::eval::{self, Evaluation, Judging};
use chaff::read::{self, ByteCounter, InputFormat, ReadOptions, Source};
use chaff::{Batch, Label, LabelSet, Model, Options, Page, Policy, SiteMemory};

const ARTICLE: &str = "The regional council approved a new flood barrier on Tuesday after three \
    winters of damage along the river, and work is due to begin in the spring.";

fn page(menu: &str) -> String {
    format!("{menu}\n\n{ARTICLE}\nShare this article\n")
}

#[test]
fn a_page_is_filtered_with_options_that_combine() {
    let model = Model::embedded().unwrap();
    let text = page("Home | World | Sport | Weather");
    let verdicts = model.filter(&text, &Options::new());
    // One verdict per line (the blank line is none), numbered by input line.
    assert_eq!(
        verdicts.iter().map(|v| v.line).collect::<Vec<_>>(),
        [1, 3, 4]
    );
    // The verdicts follow the default policy.
    let policy = model.default_policy();
    for v in &verdicts {
        assert_eq!(v.kept, policy.keeps(&v.probs), "{v:?}");
    }
    // The shipped sample page keeps its article and drops its promos.
    let sample = include_str!("../samples/news-with-spam.txt");
    let judged = model.filter(sample, &Options::new());
    assert!(judged.iter().any(|v| v.kept && v.label == Label::News));
    assert!(judged.iter().any(|v| !v.kept && v.label == Label::Gambling));

    // Every setting combines with the others: a site's memory, a policy and fewer stages.
    let mut memory = SiteMemory::default();
    for n in 0..4 {
        memory.add(Page::new(&page(&format!("Home | World | Sport | Weather {n}"))).all_lines());
    }
    memory.add(Page::new(&text).all_lines());
    let strict = Policy::new(LabelSet::only(Label::News), 0.999).unwrap();
    let options = Options::new().site(Some(&memory)).policy(strict).stages(1);
    let judged = model.filter(&text, &options);
    assert_eq!(judged.len(), verdicts.len());
    let probs = model.probabilities(&[ARTICLE], &options);
    assert!((probs[0].iter().sum::<f32>() - 1.0).abs() < 1e-4);
    // The policy decides the verdict from the same probabilities.
    for v in &judged {
        assert_eq!(v.kept, v.prob(Label::News) >= 0.999, "{v:?}");
    }
}

#[test]
fn a_saved_model_loads_and_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.chaff");
    let model = Model::embedded().unwrap();
    model.save(&path).unwrap();
    let loaded = Model::load(&path).unwrap();
    let info = loaded.info();
    assert_eq!(info.news_threshold, model.info().news_threshold);
    assert!(info.ngrams > 0 && info.stage_inputs.len() >= 2, "{info:?}");
    assert_eq!(
        loaded.filter(ARTICLE, &Options::new()),
        model.filter(ARTICLE, &Options::new())
    );
    let missing = Model::load(dir.path().join("absent.chaff")).unwrap_err();
    assert!(missing.to_string().contains("absent.chaff"), "{missing}");
}

#[test]
fn a_wet_file_is_read_and_filtered_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let body = page("Home | News");
    let mut wet = String::new();
    for (n, kind) in ["warcinfo", "conversion", "conversion"].iter().enumerate() {
        let block = if *kind == "warcinfo" {
            "software: test\r\n"
        } else {
            &body
        };
        wet.push_str(&format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://news.example/{n}\r\n\
             Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        ));
    }
    let path = dir.path().join("crawl.warc.wet");
    std::fs::write(&path, wet).unwrap();
    let source = Source::File(path);
    let format = InputFormat::of_name(&source.name());
    let records = read::records(
        &source,
        format,
        &ReadOptions::default(),
        &ByteCounter::default(),
    )
    .unwrap();
    let model = Model::embedded().unwrap();
    let mut pages = Vec::new();
    Batch::default()
        .run(records, model, &model.default_policy(), None, |filtered| {
            let filtered = filtered?;
            pages.push((filtered.record.is_page(), filtered.verdicts.len()));
            Ok(())
        })
        .unwrap();
    // The warcinfo record passes through unjudged; each page gets a verdict per line.
    assert_eq!(pages, [(false, 0), (true, 3), (true, 3)]);
}

#[test]
fn labelled_pages_are_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        ("Home | World | Sport", "furniture"),
        (ARTICLE, "news"),
        (
            "Slot gacor hari ini, daftar sekarang dan menangkan jackpot!",
            "gambling",
        ),
    ];
    let jsonl: String = lines
        .iter()
        .enumerate()
        .map(|(i, (text, label))| {
            serde_json::json!({"doc": "p1", "site": "news.example", "line": i + 1,
                "text": text, "label": label})
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dir.path().join("pages.jsonl"), jsonl).unwrap();
    let pages = eval::read_pages(dir.path()).unwrap();
    assert_eq!(pages.len(), 1);
    let model = Model::embedded().unwrap();
    let policy = model.default_policy();
    let mut seen = 0;
    let evaluation = Evaluation::run_with(
        model,
        &pages,
        &policy,
        &Judging::default(),
        |_, verdicts| seen += verdicts.len(),
    );
    assert_eq!(seen, 3);
    assert_eq!(evaluation.lines(), 3);
    // Each gold line is counted once in the confusion matrix.
    let counted: u64 = evaluation.confusion.iter().flatten().sum();
    assert_eq!(counted, 3);
    let json = evaluation.to_json_with(None, None).unwrap();
    let f1 = json["keep_view"]["news_pages"]["char"]["f1"]
        .as_f64()
        .unwrap();
    assert!((0.0..=1.0).contains(&f1), "{json}");
}

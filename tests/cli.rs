//! End-to-end tests: run the real `chaff` binary on files written into a temp dir.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use common::{chaff, stderr, stdout};

fn chaff_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chaff runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// A news page with a gambling ad above the article and a product grid below it.
const PAGE: &str = "\
Riverside school wins national science prize
Home
News
Sport
SLOT GACOR HARI INI GAMPANG MAXWIN, daftar situs judi online terpercaya bonus new member 100%
Situs togel online resmi, deposit pulsa tanpa potongan, link alternatif slot88 terbaru

Riverside school wins national science prize

Pupils from Riverside Secondary School have won a national science competition with a project that measured air pollution on the roads around their town using sensors they built themselves.

The team of five spent a year collecting readings before and after school, and found that levels near the main junction were more than twice those in the surrounding streets.

Their teacher said the judges had been impressed by how carefully the pupils had checked their instruments against the council's own monitoring station.

The school plans to share its data with the council, which is considering a new crossing and changes to traffic lights near the junction.

Wireless Bluetooth Earbuds with Charging Case, 30H Playtime - $24.99
Stainless Steel Insulated Water Bottle 1L, Leak Proof - $18.95
Kids Science Experiment Kit, 60 Experiments, Ages 8-12 - $29.99
";

/// The embedded model's news threshold, as `chaff info` prints it.
fn news_threshold() -> f64 {
    let info = stdout(&chaff(&["info"]));
    let line = info
        .lines()
        .find(|l| l.starts_with("news threshold\t"))
        .expect("info prints the threshold");
    line["news threshold\t".len()..].parse().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn records_of_page() -> Vec<Value> {
    records_of("page.txt", PAGE)
}

/// The per-line records of `chaff filter --format jsonl` on `text`, written as `name`.
fn records_of(name: &str, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), name, text);
    let out = chaff(&["filter", "--format", "jsonl", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    jsonl(&out)
}

/// Line `n` is dropped, with `label` as its label.
fn assert_dropped_as(recs: &[Value], n: u64, label: &str) {
    let r = record(recs, n);
    assert_eq!(
        (r["label"].as_str(), r["kept"].as_bool()),
        (Some(label), Some(false)),
        "spam line {n}: {r}"
    );
}

fn record(recs: &[Value], n: u64) -> &Value {
    recs.iter()
        .find(|r| r["line"] == n)
        .unwrap_or_else(|| panic!("no record for line {n}"))
}

#[test]
fn article_is_kept_and_ad_menu_and_grid_are_dropped() {
    let recs = records_of_page();
    for n in [10, 12, 14, 16] {
        assert_eq!(
            record(&recs, n)["kept"],
            true,
            "article line {n}: {}",
            record(&recs, n)
        );
    }
    for n in [5, 6] {
        assert_eq!(record(&recs, n)["kept"], false);
        assert_eq!(
            record(&recs, n)["label"],
            "gambling",
            "ad line {n}: {}",
            record(&recs, n)
        );
    }
    for n in [2, 3, 4, 18, 19, 20] {
        assert_eq!(
            record(&recs, n)["kept"],
            false,
            "menu or grid line {n}: {}",
            record(&recs, n)
        );
    }
}

/// The product grid is dropped *as marketplace*, not as furniture (in the WCXB gold, priced
/// grids around a page's body are furniture, and the product-title sources are lone lower-case
/// titles; training turns titles into priced, title-cased grids spliced into news pages).
#[test]
fn product_grid_below_the_article_is_labelled_marketplace() {
    let recs = records_of_page();
    for n in [18, 19, 20] {
        assert_eq!(
            record(&recs, n)["label"],
            "marketplace",
            "grid line {n}: {}",
            record(&recs, n)
        );
    }
}

/// A block of price lines in currencies the training data hardly has (baht, dong, lira), below
/// an article: every line of prices only is dropped as marketplace by rule, whatever the
/// stages say, `explain` names the rule, and the article around them is kept.
#[test]
fn lines_of_prices_only_are_marketplace_by_rule() {
    let mut page = PAGE.lines().take(17).collect::<Vec<_>>().join("\n");
    page.push_str("\n฿1,290\n1.590.000₫ 1.290.000₫ -19%\nListe fiyatı: 1.799,00 TL\n");
    let recs = records_of("prices.txt", &page);
    for n in [18, 19, 20] {
        let r = record(&recs, n);
        assert_eq!(r["label"], "marketplace", "price line {n}: {r}");
        assert_eq!(r["kept"], false, "price line {n}: {r}");
        assert_eq!(r["probs"]["marketplace"], 1.0, "price line {n}: {r}");
    }
    for n in [10, 12, 14, 16] {
        assert_eq!(record(&recs, n)["kept"], true, "article line {n}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "prices.txt", &page);
    let explained = |line: &str| {
        let out = chaff(&[
            "explain",
            "--file",
            file.to_str().unwrap(),
            "--line",
            line,
            "--json",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()
    };
    let e = explained("19");
    assert_eq!(e["label"], "marketplace");
    assert!(e["rule"].as_str().unwrap().contains("prices only"), "{e}");
    assert!(explained("10")["rule"].is_null());
    let text = stdout(&chaff(&["explain", "$ 9.49 List Price: $12.95"]));
    assert!(text.contains("rule: a line of prices only"), "{text}");
}

/// English casino-affiliate spam (not in the training data: the model learns it from the
/// templates in `src/train/synthetic.rs`) above and below an article. The line below the
/// article gets a P(news) above the threshold, but the model calls it gambling, so it is not
/// kept (`Policy::keep_score`).
const CASINO_PAGE: &str = "\
Council approves new cycle lanes for city centre | The Daily Courier
Home
News
Politics
Sport
Claim your 200% Welcome Bonus up to £500 + 50 Free Spins at Lucky Star Casino. 18+ T&Cs apply.
Council approves new cycle lanes for city centre
By Sarah Jones
The city council has approved plans for a network of protected cycle lanes through the centre, after a consultation in which more than 6,000 residents took part.
The first lanes, on Station Road and the High Street, will be built over the summer, with the rest of the network due to be finished by the end of next year.
Councillor Mark Ellis, who leads on transport, said the scheme would make cycling safer for children and older residents, and would cut congestion at peak times.
Some shop owners on the High Street have raised concerns about the loss of parking spaces, and the council has promised to review loading bays before work begins.
Looking for the best online casinos in the UK? Our experts have reviewed the top non GamStop casino sites with fast withdrawals, huge bonuses and thousands of slots.
Related articles
Bus fares to rise in April
Share this article
Leave a Reply
";

#[test]
fn english_casino_spam_around_an_article_is_dropped_as_gambling() {
    let recs = records_of("casino.txt", CASINO_PAGE);
    for n in [9, 10, 11, 12] {
        assert_eq!(record(&recs, n)["kept"], true, "article line {n}");
    }
    for n in [6, 13] {
        assert_dropped_as(&recs, n, "gambling");
    }
    for n in [1, 2, 3, 4, 5, 14, 15, 16, 17] {
        assert_eq!(record(&recs, n)["kept"], false, "furniture line {n}");
    }
}

/// Two kinds of spam side by side under an article, as in an ad column: judi promos right above
/// a priced product grid. Each line keeps its own label: a run of spam is not all of one kind.
/// (`chaff eval --spliced together` measures the same on dev, where the product lines are the
/// data's lower-case titles with no price: there the shipped model reads a quarter of them as
/// gambling; see docs/quality.md.)
const AD_COLUMN_PAGE: &str = "\
Home | News | Business | Sport
Harbour ferry service to resume after three-month repair
The harbour ferry between the old town and the island will carry passengers again from Monday, after repairs to its engines took three months longer than planned.
The operator said the vessel had passed its safety inspection on Friday and that timetables would return to the summer schedule by the end of the month.
Residents of the island, who have relied on a replacement bus over the causeway, said the return of the ferry would cut their journey to work by half an hour.
Situs slot gacor hari ini gampang maxwin, daftar sekarang bonus new member 100%!
Agen judi online terpercaya deposit pulsa tanpa potongan, link alternatif resmi
Wireless Noise Cancelling Headphones, Black - $89.99
Stainless Steel Water Bottle 750ml - $18.95
Portable Bluetooth Speaker, Waterproof - $39.99
Share this article
";

#[test]
fn spam_of_two_kinds_side_by_side_keeps_its_own_labels() {
    let recs = records_of("ads.txt", AD_COLUMN_PAGE);
    for n in [3, 4, 5] {
        assert_eq!(record(&recs, n)["kept"], true, "article line {n}");
    }
    for n in [6, 7] {
        assert_dropped_as(&recs, n, "gambling");
    }
    for n in [8, 9, 10] {
        assert_dropped_as(&recs, n, "marketplace");
    }
}

#[test]
fn jsonl_contract_and_line_numbers_with_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let name = page.to_str().unwrap();
    let out = chaff(&["filter", "--format", "jsonl", name]);
    let recs = jsonl(&out);
    let threshold = news_threshold();
    let expected: Vec<u64> = PAGE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i as u64 + 1)
        .collect();
    let lines: Vec<u64> = recs.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, expected, "one record per non-blank line, 1-based");
    for r in &recs {
        assert_eq!(r["doc"], name);
        let probs = r["probs"].as_object().unwrap();
        let keys: Vec<&str> = probs.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        let sum: f64 = probs.values().map(|v| v.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-3, "probabilities sum to 1: {r}");
        let best = probs
            .iter()
            .max_by(|a, b| a.1.as_f64().partial_cmp(&b.1.as_f64()).unwrap())
            .unwrap()
            .0;
        assert_eq!(
            r["label"].as_str().unwrap(),
            best,
            "label is the most probable class"
        );
        let news = probs["news"].as_f64().unwrap();
        // The keep rule: P(news) reaches the threshold and the most probable label is not
        // noise. Probabilities are rounded to 4 places in the output; skip lines on the edge.
        let noise = matches!(best.as_str(), "furniture" | "gambling" | "marketplace");
        if (news - threshold).abs() > 1e-3 {
            assert_eq!(
                r["kept"].as_bool().unwrap(),
                news >= threshold && !noise,
                "{r}"
            );
        }
    }
}

#[test]
fn text_output_is_the_kept_lines_with_blank_separators() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let text = stdout(&chaff(&["filter", page.to_str().unwrap()]));
    let recs = jsonl(&chaff(&[
        "filter",
        "--format",
        "jsonl",
        page.to_str().unwrap(),
    ]));
    let input: Vec<&str> = PAGE.lines().collect();
    let expected: Vec<&str> = input
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            l.trim().is_empty()
                || recs
                    .iter()
                    .any(|r| r["line"] == *i as u64 + 1 && r["kept"] == true)
        })
        .map(|(_, l)| *l)
        .collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    assert!(text.contains("Pupils from Riverside"));
    assert!(!text.contains("GACOR"));
}

#[test]
fn keep_and_threshold_change_what_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let p = page.to_str().unwrap();
    let kept = |args: &[&str]| -> Vec<u64> {
        let mut all = vec!["filter", "--format", "jsonl", p];
        all.extend_from_slice(args);
        jsonl(&chaff(&all))
            .iter()
            .filter(|r| r["kept"] == true)
            .map(|r| r["line"].as_u64().unwrap())
            .collect()
    };
    let default = kept(&[]);
    let strict = kept(&["--threshold", "0.999"]);
    let loose = kept(&["--threshold", "0.05"]);
    assert!(strict.len() < default.len(), "{strict:?} vs {default:?}");
    assert!(strict.iter().all(|l| default.contains(l)));
    assert!(default.iter().all(|l| loose.contains(l)));
    let spam = kept(&["--keep", "gambling,marketplace"]);
    assert!(spam.contains(&5) && spam.contains(&6), "{spam:?}");
    assert!(!spam.contains(&10) && !spam.contains(&12));
    let bad = chaff(&["filter", "--keep", "adverts", p]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("adverts"), "{}", stderr(&bad));
    let bad = chaff(&["filter", "--threshold", "1.5", p]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("threshold"), "{}", stderr(&bad));
}

#[test]
fn empty_page_gives_no_output_and_a_summary() {
    let out = chaff_stdin(&["filter", "--format", "jsonl"], b"");
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("0 lines"), "{}", stderr(&out));
    let out = chaff_stdin(&["filter"], b"\n\n   \n");
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "\n\n   \n",
        "blank lines are kept as separators"
    );
}

#[test]
fn unreadable_input_is_reported_and_the_rest_is_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let missing = dir.path().join("missing.txt");
    let out = chaff(&["filter", missing.to_str().unwrap(), page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "partial success");
    assert!(
        stderr(&out).contains("1 inputs or records skipped"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    assert!(stdout(&out).contains("Pupils from Riverside"));
}

/// Filters the test page with a model file holding `bytes`; the run must fail. Returns stderr.
fn filter_with_bad_model(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let page = write(dir, "page.txt", PAGE);
    let model = dir.join(name);
    std::fs::write(&model, bytes).unwrap();
    let out = chaff(&[
        "filter",
        "--model",
        model.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "a bad model fails the run");
    let err = stderr(&out);
    assert!(err.contains(name), "the error names the model file: {err}");
    err
}

#[test]
fn corrupt_or_wrong_version_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(repo("models/default.chaff")).unwrap();

    let err = filter_with_bad_model(dir.path(), "bad.chaff", b"not a model at all");
    assert!(err.contains("not a chaff model"), "{err}");

    let mut future = good.clone();
    future[8] = 42; // format version field
    let err = filter_with_bad_model(dir.path(), "future.chaff", &future);
    assert!(err.contains("version 42"), "{err}");

    let err = filter_with_bad_model(dir.path(), "truncated.chaff", &good[..good.len() / 2]);
    assert!(err.contains("truncated"), "{err}");

    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let err = filter_with_bad_model(dir.path(), "flipped.chaff", &flipped);
    assert!(err.contains("checksum mismatch"), "{err}");

    // NaN weights behind a valid header and checksum.
    let mut data = chaff::internals::model_data(&chaff::Model::from_bytes(&good).unwrap()).clone();
    data.stage1.weights[[0, 0]] = f32::NAN;
    let mut bytes = good[..24].to_vec();
    let payload = bincode::serialize(&data).unwrap();
    bytes[12..16].copy_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes[16..24].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let err = filter_with_bad_model(dir.path(), "nan.chaff", &bytes);
    assert!(err.contains("NaN or infinite weights"), "{err}");
}

#[test]
fn a_missing_model_file_is_named_and_its_cause_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let model = dir.path().join("absent.chaff");
    let out = chaff(&[
        "filter",
        "--model",
        model.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("absent.chaff"), "{err}");
    // The OS's message ("No such file or directory (os error 2)") once, not once more from
    // the error chain.
    assert_eq!(err.matches("(os error").count(), 1, "{err}");
}

/// `chaff filter ... | head -1`: the reader of the output goes away, and chaff stops quietly.
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", &PAGE.repeat(20_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(["filter", "--format", "jsonl", page.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is closed here, long before chaff has written its 300,000 records.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with(b"{\"doc\""));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[test]
fn shipped_model_file_equals_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let a = chaff(&["filter", "--format", "jsonl", page.to_str().unwrap()]);
    let b = chaff(&[
        "filter",
        "--format",
        "jsonl",
        "--model",
        repo("models/default.chaff").to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&a), stdout(&b));
}

/// Runs `chaff eval ARGS --json FILE`, which must succeed: its output and the JSON it wrote.
fn eval_with_json(args: &[&str]) -> (Output, Value) {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("eval.json");
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--json", json.to_str().unwrap()]);
    let out = chaff(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    let figures = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    (out, figures)
}

#[test]
fn eval_prints_and_writes_the_same_figures() {
    let (out, figures) = eval_with_json(&["--data", repo("training/fixtures").to_str().unwrap()]);
    let report = stdout(&out);
    let total: u64 = std::fs::read_to_string(repo("training/fixtures/pages.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(figures["lines"], total);
    assert!(report.starts_with(&format!("N\t{total}\n")), "{report}");
    for class in figures["per_class"].as_array().unwrap() {
        let row = format!(
            "{:<12} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            class["label"].as_str().unwrap(),
            class["precision"].as_f64().unwrap(),
            class["recall"].as_f64().unwrap(),
            class["f1"].as_f64().unwrap(),
            class["support"].as_u64().unwrap()
        );
        assert!(report.contains(&row), "report lacks {row:?}:\n{report}");
    }
    let news_pages = &figures["keep_view"]["news_pages"];
    assert_eq!(news_pages["counts"]["pages"], 5);
    let cf1 = format!("{:.4}", news_pages["char"]["f1"].as_f64().unwrap());
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("news pages") && l.contains(&cf1)),
        "{report}"
    );
    assert!(report.contains("fixture-spam"));
}

#[test]
fn info_shows_training_metadata() {
    let out = chaff(&["info"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("labels\tnews,furniture,gambling,marketplace,other"),
        "{text}"
    );
    assert!(text.contains("dev news_pages_char_f1"), "{text}");
}

#[test]
fn sample_page_in_the_readme_is_filtered() {
    let out = chaff(&[
        "filter",
        repo("samples/news-with-spam.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Councillors in Port Alder voted"));
    assert!(!text.contains("SLOT GACOR"));
    assert!(!text.contains("Garden Hose"));
    assert!(stderr(&out).contains("dropped"));
}

#[test]
fn invalid_utf8_is_replaced_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(
        &bad,
        b"Caf\xe9 owners say the new parking rules have cut their trade by half since May.\n",
    )
    .unwrap();
    let out = chaff(&["filter", "--format", "jsonl", bad.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("latin1.txt: invalid UTF-8 replaced"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("1 pages with invalid UTF-8 replaced"),
        "{}",
        stderr(&out)
    );
    assert_eq!(jsonl(&out).len(), 1, "the line is still classified");
}

#[test]
fn truncated_gzip_names_the_file_and_is_a_partial_run() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
    gz.write_all(PAGE.repeat(20).as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let path = dir.path().join("cut.txt.gz");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let out = chaff(&["filter", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cut.txt.gz") && stderr(&out).contains("1 inputs or records skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_json_holds_the_figures_eval_prints_and_html_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let report_dir = dir.path().join("report");
    let data = repo("training/fixtures");
    let (_, figures) = eval_with_json(&[
        "--data",
        data.to_str().unwrap(),
        "--report",
        report_dir.to_str().unwrap(),
    ]);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(report_dir.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        report["evaluation"], figures,
        "the report's figures are eval's"
    );
    assert_eq!(report["thresholds"].as_array().unwrap().len(), 19);
    let html = std::fs::read_to_string(report_dir.join("report.html")).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"));
    let md = std::fs::read_to_string(report_dir.join("report.md")).unwrap();
    let f1 = format!(
        "{:.4}",
        figures["keep_view"]["news_pages"]["char"]["f1"]
            .as_f64()
            .unwrap()
    );
    assert!(
        md.lines()
            .any(|l| l.starts_with("| news pages") && l.contains(&f1)),
        "{md}"
    );
    // The intervals eval prints are in both reports.
    let low = format!(
        "{:.4}",
        figures["intervals"]["figures"][0]["low"].as_f64().unwrap()
    );
    let row = format!("| news pages: char F1 | {f1} | {low} |");
    assert!(md.contains(&row), "{row:?} not in\n{md}");
    assert!(html.contains(&format!(
        "<td class=\"t\">news pages: char F1</td><td>{f1}</td><td>{low}</td>"
    )));
}

#[test]
fn compare_shows_two_models_side_by_side() {
    let out = chaff(&[
        "eval",
        "--data",
        repo("training/fixtures").to_str().unwrap(),
        "--compare",
        repo("models/default.chaff").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let row = text
        .lines()
        .skip_while(|l| !l.starts_with("compared with"))
        .find(|l| l.starts_with("news pages: char F1"))
        .expect("a comparison row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells[6..],
        ["+0.0000", "[+0.0000,", "+0.0000]"],
        "the same model: no change, and none in any draw: {row}"
    );
}

#[test]
fn eval_gives_bootstrap_intervals_of_the_kept_text_figures() {
    let data = repo("training/fixtures");
    let (out, figures) = eval_with_json(&["--data", data.to_str().unwrap()]);
    let iv = &figures["intervals"];
    assert_eq!(iv["resamples"], 1000);
    assert_eq!(iv["level"], 0.9);
    let rows = iv["figures"].as_array().unwrap();
    assert_eq!(rows.len(), 13, "8 kept-text figures and 5 class F1s");
    for f in rows {
        let (v, lo, hi) = (
            f["value"].as_f64().unwrap(),
            f["low"].as_f64().unwrap(),
            f["high"].as_f64().unwrap(),
        );
        assert!(lo <= v && v <= hi, "{f}");
    }
    let cf1 = &rows[0];
    assert_eq!(cf1["figure"], "news pages: char F1");
    assert_eq!(
        cf1["value"],
        figures["keep_view"]["news_pages"]["char"]["f1"]
    );
    let gambling = &rows[10];
    assert_eq!(gambling["figure"], "class gambling: F1");
    assert_eq!(gambling["value"], figures["per_class"][2]["f1"]);
    // The fixture pages do not all score alike, so the draws spread.
    assert!(cf1["low"].as_f64() < cf1["high"].as_f64(), "{cf1}");
    let text = stdout(&out);
    let sites = iv["sites"].as_u64().unwrap();
    assert!(
        text.contains(&format!(
            "the data's {sites} sites drawn with replacement 1000 times"
        )),
        "{text}"
    );

    let (none, figures) = eval_with_json(&["--data", data.to_str().unwrap(), "--resamples", "0"]);
    assert!(!stdout(&none).contains("intervals"));
    assert!(figures.get("intervals").is_none());
}

/// `--worst N` lists the pages that lose the most news characters and those that keep the most
/// noise, from the same counts as the figures: over every such page they add up to the
/// characters lost and kept in error over all pages.
#[test]
fn eval_lists_the_pages_that_lose_most_news_and_keep_most_noise() {
    let data = repo("training/fixtures");
    let data = data.to_str().unwrap();
    let (out, figures) = eval_with_json(&["--data", data, "--resamples", "0", "--worst", "100"]);
    let worst = &figures["worst_pages"];
    let [tp, fp, fn_] = [0, 1, 2].map(|i| {
        figures["keep_view"]["all_pages"]["counts"]["char_counts"][i]
            .as_u64()
            .unwrap()
    });
    let losing = worst["losing"].as_array().unwrap();
    let leaking = worst["leaking"].as_array().unwrap();
    assert!(!losing.is_empty() || !leaking.is_empty(), "{worst}");
    assert_eq!(worst["losing_pages"].as_u64(), Some(losing.len() as u64));
    let sum = |rows: &[Value], field: &str| -> u64 {
        rows.iter().map(|r| r[field].as_u64().unwrap()).sum()
    };
    assert_eq!(sum(losing, "lost_chars"), fn_);
    assert!(sum(losing, "chars") <= tp + fn_);
    assert_eq!(sum(leaking, "kept_chars"), fp);
    for (rows, field) in [(losing, "lost_chars"), (leaking, "kept_chars")] {
        assert!(
            rows.windows(2)
                .all(|w| w[0][field].as_u64() >= w[1][field].as_u64()),
            "worst first: {rows:?}"
        );
    }
    for page in leaking {
        let by_gold = page["by_gold"].as_object().unwrap();
        let kept: u64 = by_gold.values().map(|c| c.as_u64().unwrap()).sum();
        assert_eq!(Some(kept), page["kept_chars"].as_u64(), "{page}");
        assert!(!by_gold.contains_key("news"), "{page}");
    }
    // Each page's row in the text report, with its figures.
    let text = stdout(&out);
    // A page losing news, if the model loses any there (else one keeping noise, above).
    if let Some(first) = losing.first() {
        let row = text
            .lines()
            .skip_while(|l| !l.starts_with("pages losing the most news text"))
            .find(|l| l.starts_with(first["doc"].as_str().unwrap()))
            .unwrap_or_else(|| panic!("no row for {first}:\n{text}"));
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            cells[1..4],
            [
                first["source"].as_str().unwrap(),
                &first["lost_chars"].to_string(),
                &first["chars"].to_string()
            ],
            "{row}"
        );
        let furniture = format!("{:.4}", first["labelled"]["furniture"].as_f64().unwrap());
        assert_eq!(cells[5], furniture, "{row}");
    }

    // Five of each by default, none with --worst 0.
    let (_, figures) = eval_with_json(&["--data", data, "--resamples", "0"]);
    let listed = figures["worst_pages"]["losing"].as_array().unwrap().len();
    assert_eq!(listed, losing.len().min(5));
    let (none, figures) = eval_with_json(&["--data", data, "--resamples", "0", "--worst", "0"]);
    assert!(figures.get("worst_pages").is_none());
    assert!(!stdout(&none).contains("pages losing the most"));
}

#[test]
fn explain_names_features_that_push_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let out = chaff(&[
        "explain",
        "--file",
        page.to_str().unwrap(),
        "--line",
        "5",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let e: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(e["line"], 5);
    assert_eq!(e["label"], "gambling");
    let first = &e["stages"][0];
    let toward = first["toward"].as_array().unwrap();
    assert!(!toward.is_empty());
    for c in toward {
        assert!(c["push"].as_f64().unwrap() > 0.0, "{c}");
    }
    assert!(
        toward
            .iter()
            .any(|c| c["feature"].as_str().unwrap().contains("gambling")),
        "{first}"
    );
    let text = stdout(&chaff(&["explain", "Read more"]));
    assert!(text.contains("pushing toward"), "{text}");
    let blank = chaff(&["explain", "--file", page.to_str().unwrap(), "--line", "7"]);
    assert!(!blank.status.success());
    assert!(
        stderr(&blank).contains("line 7 is blank"),
        "{}",
        stderr(&blank)
    );
}

#[test]
fn html_review_page_colours_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "page.txt", PAGE);
    let html = dir.path().join("review.html");
    let out = chaff(&[
        "filter",
        page.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&html).unwrap();
    let lines = PAGE.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(text.matches("<div class=\"l ").count(), lines);
    assert!(
        text.contains("class=\"l gambling drop\""),
        "the ad is shown dropped"
    );
}

#[test]
fn eval_ablation_flags_judge_as_asked() {
    let data = repo("training/fixtures");
    let run = |extra: &[&str]| {
        let mut args = vec!["eval", "--data", data.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = chaff(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let full = run(&[]);
    let stages: usize = stdout(&chaff(&["info"]))
        .lines()
        .filter(|l| l.starts_with("stage ") && !l.starts_with("stage 1 "))
        .count();
    assert_eq!(
        run(&["--stages", &stages.to_string()]),
        full,
        "all context stages: the full model"
    );
    assert_eq!(
        run(&["--alone"]),
        full,
        "the fixture pages have no site: as a batch, each is judged alone"
    );
    let first = run(&["--stages", "0"]);
    assert!(first.starts_with("N\t"), "{first}");
}

/// `--spliced` judges each news page with the data's per-page spam spliced around its
/// article: 3 gambling lines above the first news line (or, `--spliced inside`, between its
/// middle lines; `--spliced together`, right above the product lines) and 4 product lines
/// below the last, so the gambling and marketplace rows count
/// exactly those; without such spam it is a clear error.
#[test]
fn eval_spliced_judges_news_pages_with_spam_around_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = vec![
        r#"{"doc":"n","line":0,"text":"Home | World | Sport","label":"furniture"}"#.to_string(),
        r#"{"doc":"n","line":1,"text":"The council approved the budget on Tuesday after a long debate about school funding and road repairs.","label":"news"}"#.into(),
        r#"{"doc":"n","line":2,"text":"Officials said the plan would take effect in January, pending a final review by the state.","label":"news"}"#.into(),
        r#"{"doc":"n","line":3,"text":"© 2024 Daily Courier","label":"furniture"}"#.into(),
        // Not a news page: left out.
        r#"{"doc":"f","line":0,"text":"Reply","label":"furniture"}"#.into(),
    ];
    for (i, t) in [
        "Daftar slot gacor88 sekarang",
        "Bonus 100% member baru",
        "Link alternatif resmi",
    ]
    .iter()
    .enumerate()
    {
        lines.push(format!(
            r#"{{"doc":"g{i}","text":"{t}","label":"gambling","weak":true}}"#
        ));
    }
    lines.push(
        r#"{"doc":"t","text":"samsung galaxy a54 128 gb black","label":"marketplace","weak":true}"#
            .into(),
    );
    let data = write(dir.path(), "d.jsonl", &(lines.join("\n") + "\n"));
    let out = chaff(&["eval", "--data", data.to_str().unwrap(), "--spliced"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("N\t11\n"),
        "4 lines of the news page and 7 spliced: {text}"
    );
    let support = |label: &str| -> String {
        let row = text.lines().find(|l| l.starts_with(label)).unwrap();
        row.split_whitespace().last().unwrap().to_string()
    };
    assert_eq!(support("gambling "), "3", "{text}");
    assert_eq!(support("marketplace "), "4", "{text}");
    assert_eq!(support("news "), "2", "{text}");
    // How many spliced lines got through, per gold label: kept, of, share.
    let kept_rows: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| !l.starts_with("kept lines by gold label"))
        .skip(2)
        .take(5)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(kept_rows.len(), 5, "{text}");
    for (label, of) in [("gambling", "3"), ("marketplace", "4"), ("news", "2")] {
        let row = kept_rows.iter().find(|r| r[0] == label).unwrap();
        assert_eq!(row[2], of, "{text}");
        let kept: u64 = row[1].parse().unwrap();
        assert!(kept <= of.parse().unwrap(), "{text}");
    }
    // Inside the article, and side by side below it: the same lines, elsewhere.
    for place in ["inside", "together"] {
        let out = chaff(&["eval", "--data", data.to_str().unwrap(), "--spliced", place]);
        assert!(out.status.success(), "{place}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("N\t11\n"), "{}", stdout(&out));
    }
    let out = chaff(&[
        "eval",
        "--data",
        data.to_str().unwrap(),
        "--spliced",
        "below",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("above, inside or together"),
        "{}",
        stderr(&out)
    );
    // The same data without spam to splice.
    let plain = write(dir.path(), "plain.jsonl", &(lines[..5].join("\n") + "\n"));
    let out = chaff(&["eval", "--data", plain.to_str().unwrap(), "--spliced"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no per-page spam"),
        "{}",
        stderr(&out)
    );
    let out = chaff(&[
        "eval",
        "--data",
        data.to_str().unwrap(),
        "--spliced",
        "--extracted",
    ]);
    assert!(
        !out.status.success(),
        "--spliced and --extracted judge different pages"
    );
}

/// `--spam FILE --spam-source NAME` splices the per-page spam of another labelled file, of
/// one source, instead of the evaluated data's own: a held-out source's lines spliced into news
/// pages, as `training/leave-one-source-out.sh` measures them. Only the kinds the source has are
/// spliced; errors name the file and the source.
#[test]
fn eval_spliced_with_spam_of_one_source_of_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let news = [
        r#"{"doc":"n","line":0,"text":"Home | World | Sport","label":"furniture"}"#,
        r#"{"doc":"n","line":1,"text":"The council approved the budget on Tuesday after a long debate about school funding and road repairs.","label":"news"}"#,
        r#"{"doc":"n","line":2,"text":"Officials said the plan would take effect in January, pending a final review by the state.","label":"news"}"#,
        r#"{"doc":"n","line":3,"text":"© 2024 Daily Courier","label":"furniture"}"#,
        // The evaluated data's own spam: never spliced with --spam.
        r#"{"doc":"own","text":"Togel online hari ini","label":"gambling","weak":true}"#,
    ];
    let data = write(dir.path(), "d.jsonl", &(news.join("\n") + "\n"));
    let spam = [
        r#"{"doc":"y1","source":"yt","text":"Daftar slot gacor88 sekarang","label":"gambling","weak":true}"#,
        r#"{"doc":"y2","source":"yt","text":"Nice video, thanks","label":"other","weak":true}"#,
        r#"{"doc":"t1","source":"titles","text":"samsung galaxy a54 128 gb black","label":"marketplace","weak":true}"#,
        r#"{"doc":"c1","source":"chat","text":"Great video","label":"other","weak":true}"#,
    ];
    let spam = write(dir.path(), "spam.jsonl", &(spam.join("\n") + "\n"));
    // What is spliced does not depend on the model: CHAFF_MODEL can name any.
    let model: Vec<String> = match std::env::var("CHAFF_MODEL") {
        Ok(m) if !m.is_empty() => vec!["--model".into(), m],
        _ => Vec::new(),
    };
    let eval = |extra: &[&str]| {
        let json = dir.path().join("eval.json");
        let mut args = vec![
            "eval",
            "--data",
            common::path(&data),
            "--spliced",
            "--spam",
            common::path(&spam),
            "--json",
            common::path(&json),
            "--resamples",
            "0",
        ];
        args.extend(model.iter().map(String::as_str));
        args.extend(extra);
        let out = chaff(&args);
        assert!(out.status.success(), "{extra:?}: {}", stderr(&out));
        let figures: Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let lines = |label: &str| figures["kept_by_gold"][label]["lines"].as_u64().unwrap();
        (
            figures["lines"].as_u64().unwrap(),
            lines("gambling"),
            lines("marketplace"),
            figures["keep_view"]["news_pages"]["counts"]["pages"].clone(),
        )
    };
    // The news page's 4 lines and 3 of yt's promos; its chat line is not spam.
    assert_eq!(eval(&["--spam-source", "yt"]), (7, 3, 0, 1.into()));
    assert_eq!(eval(&["--spam-source", "titles"]), (8, 0, 4, 1.into()));
    assert_eq!(eval(&[]), (11, 3, 4, 1.into()), "every source of the file");

    let fails = |extra: &[&str]| {
        let mut args = vec!["eval", "--data", common::path(&data), "--spliced"];
        args.extend(model.iter().map(String::as_str));
        args.extend(extra);
        let out = chaff(&args);
        assert!(!out.status.success(), "{extra:?}");
        stderr(&out)
    };
    let e = fails(&["--spam", common::path(&spam), "--spam-source", "tiktok"]);
    assert!(
        e.contains("spam.jsonl has source \"tiktok\" (its sources: chat, titles, yt)"),
        "{e}"
    );
    let e = fails(&["--spam", common::path(&spam), "--spam-source", "chat"]);
    assert!(
        e.contains("spam.jsonl has no per-page spam of source \"chat\""),
        "{e}"
    );
    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"text\":\"a\",\"label\":\"gambling\"}\n{\"text\":\"b\",\"label\":\"casino\"}\n",
    );
    let e = fails(&["--spam", common::path(&bad)]);
    assert!(e.contains("bad.jsonl:2: unknown label"), "{e}");
    // --spam needs --spliced, --spam-source needs --spam.
    for args in [
        vec![
            "eval",
            "--data",
            common::path(&data),
            "--spam",
            common::path(&spam),
        ],
        vec![
            "eval",
            "--data",
            common::path(&data),
            "--spliced",
            "--spam-source",
            "yt",
        ],
    ] {
        let out = chaff(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains("required"), "{}", stderr(&out));
    }
}

/// `--extracted` judges each news page as its news lines alone: every judged line is news, so
/// whatever is kept is news (precision 1), and recall is the share of such text kept.
/// `--extracted-lines N` cuts each such page to its first N lines.
#[test]
fn eval_extracted_judges_the_news_lines_of_news_pages_alone() {
    let data = repo("training/fixtures");
    let gold: Vec<Value> = std::fs::read_to_string(data.join("pages.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let news_lines = gold.iter().filter(|r| r["label"] == "news").count();
    let mut news_pages: Vec<&str> = gold
        .iter()
        .filter(|r| r["label"] == "news")
        .map(|r| r["doc"].as_str().unwrap())
        .collect();
    news_pages.dedup();
    let out = chaff(&["eval", "--data", data.to_str().unwrap(), "--extracted"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("N\t{news_lines}\n")), "{text}");
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("news pages"))
        .unwrap()
        .split_whitespace()
        .collect();
    // news pages, n, lines, P, R, F1, cP, cR, cF1, kept
    assert_eq!(row[2], news_pages.len().to_string(), "{text}");
    assert_eq!(row[3], news_lines.to_string(), "{text}");
    assert_eq!(row[4], "1.0000", "line precision: {text}");
    assert_eq!(row[7], "1.0000", "character precision: {text}");

    // `--extracted-lines N` keeps the first N news lines of each page.
    let short: usize = news_pages
        .iter()
        .map(|doc| {
            let n = gold
                .iter()
                .filter(|r| r["doc"] == *doc && r["label"] == "news")
                .count();
            n.min(2)
        })
        .sum();
    assert!(
        short < news_lines,
        "the fixtures have pages of more than two news lines"
    );
    let args = ["eval", "--data", data.to_str().unwrap(), "--extracted"];
    let out = chaff(&[&args[..], &["--extracted-lines", "2"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("N\t{short}\n")),
        "{}",
        stdout(&out)
    );
    // It means nothing without --extracted, and 0 lines would judge nothing.
    let out = chaff(&[
        "eval",
        "--data",
        data.to_str().unwrap(),
        "--extracted-lines",
        "2",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--extracted"), "{}", stderr(&out));
    let out = chaff(&[&args[..], &["--extracted-lines", "0"]].concat());
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--extracted-lines"),
        "{}",
        stderr(&out)
    );
}

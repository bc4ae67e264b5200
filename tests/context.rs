//! Page context and repetition across a batch, end to end with the embedded model.

mod common;

use std::process::{Command, Output};

use serde_json::Value;

use common::{chaff, path};

fn records(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const PROSE: [&str; 6] = [
    "The harbour board met on Monday to decide how to pay for the repairs to the north pier, which was damaged in the storms of last winter.",
    "Engineers told the meeting that the cost had risen by a third since the first survey, mostly because of the price of steel and concrete.",
    "Fishing crews who use the pier said they could not wait another season, as several boats have had to land their catch at other ports.",
    "The board agreed to borrow most of the money and to ask the county council for a grant to cover the rest of the work.",
    "Repairs are expected to start in the spring and to take about six months, during which part of the quay will be closed to traffic.",
    "A public meeting will be held next month for residents who want to see the plans and ask questions about the closures.",
];

/// A short, clean news page: a short headline between lines of prose, a run of menu items
/// at the end (line 4 is the headline, 7-11 the menu).
fn short_page() -> String {
    let mut lines = vec!["Pier repairs approved after long debate, part 0"];
    lines.extend(&PROSE[..2]);
    lines.push("Board votes to borrow");
    lines.extend(&PROSE[2..4]);
    lines.extend(["Home", "News", "Sport", "Weather", "Contact"]);
    lines.join("\n") + "\n"
}

/// A short page of clean prose, with no byline, ads or teasers around it: models trained
/// without copies of news pages as an extractor gives them (`extracted_share`) read it as
/// `other` (a forum or a document) and dropped it all.
#[test]
fn a_short_headline_between_prose_is_kept_and_the_menu_run_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.txt");
    std::fs::write(&p, short_page()).unwrap();
    let recs = records(&chaff(&["filter", "--format", "jsonl", path(&p)]));
    let kept = |n: u64| recs.iter().find(|r| r["line"] == n).unwrap()["kept"] == true;
    assert!(kept(4), "the short headline between prose: {:?}", recs[3]);
    for n in [2, 3, 5, 6] {
        assert!(kept(n), "prose line {n}");
    }
    for n in 7..=11 {
        assert!(!kept(n), "menu line {n}: {:?}", recs[n as usize - 1]);
    }
}

const PLACES: [&str; 6] = ["Alder", "Birch", "Cedar", "Dunmore", "Elmstead", "Fenwick"];
const SITE_LINE: &str =
    "The Harbour Gazette is independent and free to read, thanks to readers like you.";

/// A full news page of one site: menu, headline, byline, date, five article lines (their own on
/// every page), the site's line about itself (the same on every page), footer. Line numbers
/// (1-based): prose 9-13, the site line 14.
fn site_page(i: usize) -> String {
    let p = PLACES[i];
    let mut lines: Vec<String> = ["Home", "News", "Sport", "Weather"]
        .map(String::from)
        .to_vec();
    lines.extend([
        format!("{p} pier repairs approved after long debate"),
        format!("By {}", ["Tom Reyes", "Ana Silva", "Jon Park", "Mei Chen", "Sam Okoro", "Liz Hart"][i]),
        format!("{} June 2024", i + 3),
        "Share this article".to_string(),
        format!("The harbour board in {p} met on Monday to decide how to pay for the repairs to the north pier, which was damaged in the storms of last winter."),
        format!("Engineers told the meeting in {p} that the cost had risen by a third since the first survey, mostly because of the price of steel and concrete."),
        format!("Fishing crews who use the {p} pier said they could not wait another season, as several boats have had to land their catch at other ports."),
        format!("The board agreed to borrow most of the money and to ask {p} county council for a grant to cover the rest of the work."),
        format!("Repairs are expected to start in the spring and to take about six months, during which part of the {p} quay will be closed to traffic."),
        SITE_LINE.to_string(),
    ]);
    lines.extend(
        [
            "Read more",
            "Related: Fares to rise in January",
            "© 2024 The Harbour Gazette",
            "Privacy | Cookies | Contact",
        ]
        .map(String::from),
    );
    lines.join("\n") + "\n"
}

fn write_site(folder: &std::path::Path) {
    std::fs::create_dir(folder).unwrap();
    for i in 0..PLACES.len() {
        std::fs::write(folder.join(format!("{i:02}.txt")), site_page(i)).unwrap();
    }
}

/// The default model reads repetition across a batch: a folder's pages are counted together
/// (in windows of the stream), and a line printed on every page of the site reads as furniture
/// there.
#[test]
fn a_line_recurring_on_every_page_of_a_batch_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("site");
    write_site(&folder);
    let batch = records(&chaff(&["filter", "--format", "jsonl", path(&folder)]));
    let alone = records(&chaff(&[
        "filter",
        "--format",
        "jsonl",
        "--alone",
        path(&folder),
    ]));
    assert_eq!(batch.len(), alone.len());
    let furniture = |r: &Value| r["probs"]["furniture"].as_f64().unwrap();
    for (b, a) in batch.iter().zip(&alone) {
        assert_eq!((&b["doc"], &b["line"]), (&a["doc"], &a["line"]));
        match b["line"].as_u64().unwrap() {
            9..=13 => assert_eq!(b["kept"], true, "prose in the batch: {b}"),
            14 => {
                assert_eq!(b["kept"], false, "the recurring line in the batch: {b}");
                assert_eq!(b["label"], "furniture", "{b}");
                // Repetition is the evidence: the same line alone is less surely furniture.
                assert!(furniture(b) > furniture(a), "batch {b}\nalone {a}");
            }
            _ => {}
        }
    }
}

/// `--site-memory FILE` keeps the counts between runs: pages filtered one at a time are judged
/// as in one batch. The first page, with nothing remembered, gets the labels it gets alone; the
/// last sees the five pages before it, as it does in the batch, and gets the batch's labels.
#[test]
fn a_site_memory_judges_pages_filtered_one_at_a_time_as_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("site");
    write_site(&folder);
    let memory = dir.path().join("gazette.mem");
    let pages: Vec<std::path::PathBuf> = (0..PLACES.len())
        .map(|i| folder.join(format!("{i:02}.txt")))
        .collect();
    let with_memory = |page: &std::path::Path| {
        chaff(&[
            "filter",
            "--format",
            "jsonl",
            "--site-memory",
            path(&memory),
            path(page),
        ])
    };
    let one_at_a_time: Vec<Vec<Value>> = pages.iter().map(|p| records(&with_memory(p))).collect();
    let alone = records(&chaff(&["filter", "--format", "jsonl", path(&pages[0])]));
    assert_eq!(one_at_a_time[0], alone);
    let batch = records(&chaff(&["filter", "--format", "jsonl", path(&folder)]));
    let last: Vec<&Value> = batch
        .iter()
        .filter(|r| r["doc"] == one_at_a_time[5][0]["doc"])
        .collect();
    assert_eq!(last.len(), one_at_a_time[5].len());
    for (b, m) in last.iter().zip(&one_at_a_time[5]) {
        assert_eq!(*b, m);
    }
    let site_line = &one_at_a_time[5][13];
    assert_eq!(site_line["label"], "furniture", "{site_line}");
    assert_ne!(one_at_a_time[0][13]["probs"], site_line["probs"]);

    // A page filtered again is not its own repeat, nor counted twice: a rerun gives the same
    // labels, and the file still counts six pages.
    let out = with_memory(&pages[5]);
    assert_eq!(records(&out), one_at_a_time[5]);
    assert!(
        common::stderr(&out).contains("1 sites, 6 pages"),
        "{}",
        common::stderr(&out)
    );
    // A damaged file stops the run, named, before any output.
    let bytes = std::fs::read(&memory).unwrap();
    std::fs::write(&memory, &bytes[..bytes.len() / 2]).unwrap();
    let out = chaff(&["filter", "--site-memory", path(&memory), path(&pages[0])]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stdout(&out).is_empty());
    let err = common::stderr(&out);
    assert!(
        err.contains(path(&memory)) && err.contains("not a usable site memory"),
        "{err}"
    );
}

/// Filtering one page gives the same labels whether or not it is part of a batch, except where
/// repetition is the evidence: in a batch whose other page shares no line with it, nothing changes.
#[test]
fn a_batch_sharing_no_line_with_a_page_leaves_its_labels_alone() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("batch");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), site_page(0)).unwrap();
    let other: String = [
        "Start",
        "Local",
        "Arts",
        "Museum extends its opening hours for the summer",
        "The town museum will stay open until eight in the evening from July, after a trial last year drew more visitors than expected.",
        "Volunteers have agreed to staff the extra hours, and entry will remain free for children under twelve.",
        "Terms and conditions",
    ]
    .join("\n");
    std::fs::write(folder.join("b.txt"), other + "\n").unwrap();
    let batch = records(&chaff(&["filter", "--format", "jsonl", path(&folder)]));
    let one = records(&chaff(&[
        "filter",
        "--format",
        "jsonl",
        path(&folder.join("a.txt")),
    ]));
    let in_batch: Vec<&Value> = batch.iter().filter(|r| r["doc"] == one[0]["doc"]).collect();
    assert_eq!(in_batch.len(), one.len());
    for (a, b) in in_batch.iter().zip(&one) {
        assert_eq!(*a, b);
    }
}

/// Pages are judged in windows of the stream, not in a first pass over the inputs, so stdin is
/// judged as a batch too: JSONL pages of one site piped in get the labels the same pages
/// get as a folder of files.
#[test]
fn jsonl_on_stdin_is_judged_as_a_batch_like_a_folder() {
    use std::io::Write;
    let jsonl: String = (0..PLACES.len())
        .map(|i| {
            let doc = serde_json::json!({
                "url": format!("https://harbour.example/{i}"),
                "text": site_page(i),
            });
            format!("{doc}\n")
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args([
            "filter",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(jsonl.as_bytes())
        .unwrap();
    let stdin = records(&child.wait_with_output().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("site");
    write_site(&folder);
    let files = records(&chaff(&["filter", "--format", "jsonl", path(&folder)]));
    let verdict = |r: &Value| {
        (
            r["line"].clone(),
            r["label"].clone(),
            r["kept"].clone(),
            r["probs"].clone(),
        )
    };
    assert_eq!(
        stdin.iter().map(verdict).collect::<Vec<_>>(),
        files.iter().map(verdict).collect::<Vec<_>>()
    );
    let site_line = stdin.iter().filter(|r| r["line"] == 14);
    assert!(
        site_line.clone().count() == PLACES.len() && site_line.clone().all(|r| r["kept"] == false)
    );
}

/// A reader-comment thread under an article, with no "Comments" heading: each comment is
/// prose, but under "Name says:" / timestamp / "Reply" lines.
#[test]
fn a_comment_thread_under_the_article_is_dropped_and_the_article_kept() {
    let mut lines: Vec<String> = ["Harbour News", "Home", "Local", "Sport"]
        .map(String::from)
        .to_vec();
    lines.push("Pier repairs approved after long debate".into());
    lines.extend(PROSE[..5].iter().map(|p| p.to_string()));
    let article = 6..=10; // 1-based line numbers of the prose
    let comments = [
        ("Maria Lopez", "March 5, 2024 at 10:32 am", "I grew up near that pier and honestly it is about time they fixed it. My dad fished from there for thirty years and it was falling apart even then."),
        ("Tom Baker", "March 5, 2024 at 11:04 am", "Borrowing the money seems like a bad idea to me, the council should pay for all of it since they let it get this bad in the first place."),
        ("Jenny W", "March 6, 2024 at 8:15 pm", "Does anyone know if the car park by the quay will still be open while the work is going on? I park there every morning for work."),
    ];
    let mut bodies = Vec::new();
    for (name, when, body) in comments {
        lines.push(format!("{name} says:"));
        lines.push(when.into());
        lines.push(body.into());
        bodies.push(lines.len() as u64);
        lines.push("Reply".into());
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.txt");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    let recs = records(&chaff(&["filter", "--format", "jsonl", path(&p)]));
    let rec = |n: u64| recs.iter().find(|r| r["line"] == n).unwrap();
    for n in article {
        assert_eq!(rec(n)["kept"], true, "article line: {}", rec(n));
    }
    for n in bodies {
        assert_eq!(rec(n)["kept"], false, "comment: {}", rec(n));
        assert_ne!(rec(n)["label"], "news", "comment: {}", rec(n));
    }
}

//! End-to-end tests of the input and output formats: WARC/WET, JSONL pages, compression,
//! rejects, threads, and inputs that break part way.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use common::{chaff, json_lines, path, stderr};

/// Three hand-written pages: furniture and spam around short articles.
const PAGES: [&str; 3] = [
    "Home\nNews\nSport\nCouncil approves the new river crossing\nThe city council voted on Tuesday to build a footbridge across the river, ending a ten-year debate about how to link the two halves of the old town.\nConstruction is due to start next spring and should take about eighteen months, the council said.\nShare this article\nRead More",
    "SLOT GACOR HARI INI GAMPANG MAXWIN, daftar situs judi online terpercaya\nFarmers report an early harvest\nGrowers across the valley say warm weather in April brought the apple harvest forward by nearly three weeks this year.\n\nSome have had to hire pickers at short notice, and prices at the market have fallen as a result.\nLeave a Reply",
    "Privacy Policy | Terms | Contact\nLibrary extends its opening hours\nThe central library will open until nine in the evening on weekdays from next month, after a survey found that most visitors would come after work.\nCopyright 2026",
];

fn wet_bytes(pages: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let info = "software: hand-written test\r\n";
    write!(
        out,
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:info>\r\nContent-Length: {}\r\n\r\n{info}\r\n\r\n",
        info.len()
    )
    .unwrap();
    for (i, p) in pages.iter().enumerate() {
        write!(
            out,
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://example.com/{i}\r\nWARC-Record-ID: <urn:uuid:page-{i}>\r\nWARC-Block-Digest: sha1:NOTCHECKED\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{p}\r\n\r\n",
            p.len()
        )
        .unwrap();
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Default::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Per-line verdicts of `input`, as `(doc, line, kept)`.
fn verdicts(input: &Path) -> Vec<Value> {
    let out = chaff(&["filter", "--format", "jsonl", "-q", path(input)]);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&String::from_utf8(out.stdout).unwrap())
}

/// The non-blank lines of each page, in order.
fn page_lines(page: &str) -> Vec<(u64, &str)> {
    page.split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i as u64 + 1, l))
        .collect()
}

#[test]
fn wet_round_trip_keeps_headers_and_splits_lines_into_kept_and_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crawl.warc.wet.gz");
    std::fs::write(&input, gzip(&wet_bytes(&PAGES))).unwrap();
    let output = dir.path().join("clean.warc.wet.gz");
    let rejects = dir.path().join("rejects.jsonl");
    let out = chaff(&[
        "filter",
        path(&input),
        "-o",
        path(&output),
        "--rejects",
        path(&rejects),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("3 pages"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 other WARC records passed through"));

    // chaff reads its own output back: same records, valid framing.
    let again = verdicts(&output);
    let text = gunzip(&std::fs::read(&output).unwrap());
    assert_eq!(text.matches("WARC/1.0\r\n").count(), 4);
    assert!(
        text.starts_with("WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:info>\r\n")
    );
    assert!(text.contains(
        "WARC-Target-URI: http://example.com/2\r\nWARC-Record-ID: <urn:uuid:page-2>\r\n"
    ));
    assert!(!text.contains("sha1:NOTCHECKED\r\nContent-Type: text/plain\r\nContent-Length: 3"));

    let rejected = json_lines(&std::fs::read_to_string(&rejects).unwrap());
    let first = verdicts(&input);
    for (i, page) in PAGES.iter().enumerate() {
        let doc = format!("{}#{}", path(&input), i + 2);
        let kept: Vec<u64> = first
            .iter()
            .filter(|v| v["doc"] == doc.as_str() && v["kept"] == true)
            .map(|v| v["line"].as_u64().unwrap())
            .collect();
        let dropped: Vec<(u64, &str)> = rejected
            .iter()
            .filter(|r| r["doc"] == doc.as_str())
            .map(|r| (r["line"].as_u64().unwrap(), r["text"].as_str().unwrap()))
            .collect();
        // Every line is kept or rejected, once.
        let mut all: Vec<u64> = kept
            .iter()
            .copied()
            .chain(dropped.iter().map(|d| d.0))
            .collect();
        all.sort_unstable();
        let lines = page_lines(page);
        assert_eq!(
            all,
            lines.iter().map(|l| l.0).collect::<Vec<_>>(),
            "page {i}"
        );
        for (n, t) in &dropped {
            assert_eq!(lines.iter().find(|l| l.0 == *n).unwrap().1, *t);
        }
        // The filtered record holds exactly the kept lines, in order.
        let kept_again = again
            .iter()
            .filter(|v| v["doc"].as_str().unwrap().ends_with(&format!("#{}", i + 2)))
            .count();
        assert_eq!(kept_again, kept.len(), "page {i}");
    }
    assert!(
        rejected.iter().any(|r| r["label"] == "gambling"),
        "the spam line is rejected as gambling"
    );
}

#[test]
fn warcio_reads_the_filtered_wet() {
    let has_warcio = Command::new("python3")
        .args(["-c", "import warcio"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_warcio {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install warcio (pip install warcio)"
        );
        eprintln!("warcio is not installed (pip install warcio): this check is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crawl.warc.wet");
    std::fs::write(&input, wet_bytes(&PAGES)).unwrap();
    let output = dir.path().join("clean.warc.wet.gz");
    let out = chaff(&["filter", "-q", path(&input), "-o", path(&output)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = "import sys\nfrom warcio.archiveiterator import ArchiveIterator\nn = 0\nfor r in ArchiveIterator(open(sys.argv[1], 'rb')):\n    body = r.content_stream().read()\n    assert int(r.rec_headers.get_header('Content-Length')) == len(body)\n    n += 1\nprint(n)\n";
    let run = Command::new("python3")
        .args(["-c", script, path(&output)])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "4");
}

#[test]
fn jsonl_zst_shard_keeps_fields_and_replaces_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut shard = String::new();
    for (i, p) in PAGES.iter().enumerate() {
        let rec = serde_json::json!({"id": format!("doc-{i}"), "url": format!("http://example.com/{i}"), "text": p, "meta": {"n": i}});
        shard.push_str(&rec.to_string());
        shard.push('\n');
    }
    let input = dir.path().join("shard.jsonl.zst");
    std::fs::write(&input, zstd::encode_all(shard.as_bytes(), 3).unwrap()).unwrap();
    let output = dir.path().join("out.jsonl.zst");
    let out = chaff(&["filter", path(&input), "-o", path(&output), "-j", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text =
        String::from_utf8(zstd::decode_all(&std::fs::read(&output).unwrap()[..]).unwrap()).unwrap();
    let docs = json_lines(&text);
    assert_eq!(docs.len(), 3);
    let lines = verdicts(&input);
    for (i, doc) in docs.iter().enumerate() {
        let keys: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["id", "url", "text", "meta", "chaff"],
            "fields keep their order"
        );
        assert_eq!(doc["meta"]["n"], i);
        let name = format!("{}:{}", path(&input), i + 1);
        let kept: Vec<&str> = lines
            .iter()
            .filter(|v| v["doc"] == name.as_str() && v["kept"] == true)
            .map(|v| {
                PAGES[i]
                    .split('\n')
                    .nth(v["line"].as_u64().unwrap() as usize - 1)
                    .unwrap()
            })
            .collect();
        let got: Vec<&str> = doc["text"]
            .as_str()
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(got, kept, "doc {i}");
        assert_eq!(doc["chaff"]["kept"], kept.len());
        assert_eq!(
            doc["chaff"]["paragraphs"].as_u64().unwrap() as usize,
            page_lines(PAGES[i]).len()
        );
    }
}

/// Corpus shards (FineWeb, Dolma) often hold text another extractor already took out of the
/// page: the article alone, no furniture around it. Such a page should be kept whole, and a
/// listing pasted under it still dropped. (A model trained with `seed = 7` read this article as
/// marketplace: its last context stage took a short page of long lines of prose for the regrouped
/// market-report blurbs of the training data.)
#[test]
fn an_already_extracted_article_in_a_jsonl_shard_is_kept() {
    let article = [
        "Volunteers count a record number of swifts over the old mill",
        "More than four hundred swifts were counted over the old mill on Saturday evening, the highest number since volunteers began the survey twelve years ago.",
        "The birds arrive from Africa in early May and nest under the roof tiles of the mill and the houses around it, returning to the same holes every year.",
        "Organisers said the count had been helped by new nest boxes fitted to the church tower last spring, several of which are now in use.",
        "The group is asking residents not to block the gaps under their eaves when they repair their roofs, and will visit anyone who wants advice.",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut with_listing = article.to_vec();
    with_listing.push("Garden Nest Box for Swifts, Pine, Double Chamber - $39.99");
    let shard: String = [article.to_vec(), with_listing]
        .iter()
        .enumerate()
        .map(|(i, lines)| serde_json::json!({"id": i, "text": lines.join("\n")}).to_string() + "\n")
        .collect();
    let input = dir.path().join("extracted.jsonl");
    std::fs::write(&input, shard).unwrap();
    let lines = verdicts(&input);
    assert_eq!(lines.len(), 11, "{lines:?}");
    for v in &lines {
        let is_listing = v["doc"] == format!("{}:2", path(&input)) && v["line"] == 6;
        if is_listing {
            assert_eq!(v["kept"], false, "{v}");
            assert_eq!(v["label"], "marketplace", "{v}");
        } else {
            assert_eq!(v["kept"], true, "article line: {v}");
        }
    }
}

#[test]
fn threads_do_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..60 {
        std::fs::write(folder.join(format!("{i:03}.txt")), PAGES[i % 3]).unwrap();
    }
    let run = |threads: &str| {
        let out = chaff(&[
            "filter",
            "-q",
            "--format",
            "jsonl",
            "-j",
            threads,
            path(&folder),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let one = run("1");
    let lines: usize = PAGES.iter().map(|p| page_lines(p).len()).sum();
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 20 * lines);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

fn filtered_wet(dir: &Path, input_bytes: &[u8], name: &str) -> (Output, PathBuf) {
    let input = dir.join(name);
    std::fs::write(&input, input_bytes).unwrap();
    let output = dir.join("out.warc.wet");
    let out = chaff(&["filter", path(&input), "-o", path(&output)]);
    (out, output)
}

#[test]
fn a_truncated_wet_gz_is_named_after_the_records_before_it_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let pages: Vec<&str> = PAGES.iter().cycle().take(60).copied().collect();
    let mut bytes = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        // One gzip member per record, as Common Crawl writes them; the cut is in the last one.
        let skip = if i == 0 { 0 } else { info_len() };
        bytes.extend(gzip(&wet_bytes(&[p])[skip..]));
    }
    let cut = bytes.len() - 40;
    let (out, output) = filtered_wet(dir.path(), &bytes[..cut], "cut.warc.wet.gz");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("cut.warc.wet.gz: record 61 <urn:uuid:page-0>"),
        "{err}"
    );
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(
        written.matches("WARC-Type: conversion").count(),
        59,
        "all before the cut"
    );
}

/// Bytes of the warcinfo record [`wet_bytes`] starts with.
fn info_len() -> usize {
    wet_bytes(&[]).len()
}

#[test]
fn a_wrong_content_length_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = wet_bytes(&PAGES[..2]);
    bytes.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:liar>\r\nContent-Length: 10\r\n\r\nThis body is longer than ten bytes.\r\n\r\n",
    );
    let (out, output) = filtered_wet(dir.path(), &bytes, "liar.warc");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("liar.warc: record 4 <urn:uuid:liar>: bad WARC record: Content-Length 10"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written.matches("WARC/1.0\r\n").count(), 3);
}

#[test]
fn a_malformed_jsonl_record_stops_the_run_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("shard.jsonl");
    std::fs::write(
        &input,
        format!(
            "{}\n{{\"text\": \"unterminated\n{}\n",
            serde_json::json!({"text": PAGES[0]}),
            serde_json::json!({"text": PAGES[2]})
        ),
    )
    .unwrap();
    let output = dir.path().join("out.jsonl");
    let out = chaff(&["filter", path(&input), "-o", path(&output)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("shard.jsonl:2: bad record"),
        "{}",
        stderr(&out)
    );
    assert!(!output.exists(), "a failed run leaves no output");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nor a temp file"
    );

    let out = chaff(&[
        "filter",
        path(&input),
        "-o",
        path(&output),
        "--skip-bad-records",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("shard.jsonl:2: bad record"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("1 inputs or records skipped"),
        "{}",
        stderr(&out)
    );
    let docs = json_lines(&std::fs::read_to_string(&output).unwrap());
    assert_eq!(docs.len(), 2);
}

#[test]
fn warc_output_needs_warc_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("page.txt");
    std::fs::write(&input, PAGES[0]).unwrap();
    let out = chaff(&["filter", "--format", "warc", path(&input)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs WARC input"),
        "{}",
        stderr(&out)
    );
}

//! One end-to-end test per kind of bad input: the message names the place, the summary counts
//! it, and the exit code says success (0), partial success (2, something skipped) or failure (1).
//! (Unreadable paths, truncated gzip, empty pages and bad models are in `cli.rs`; malformed
//! JSONL and wrong Content-Length in `formats.rs`.)

mod common;

use std::process::Output;

use common::{chaff, path, stderr};

/// The records (pages) that per-line JSONL output has lines for, in order, each once.
fn docs_in(out: &Output) -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = v["doc"].as_str().unwrap().to_string();
        if docs.last() != Some(&doc) {
            docs.push(doc);
        }
    }
    docs
}

const ARTICLE: &str = "Council approves the new river crossing\n\
The council voted on Tuesday to build a footbridge across the river, ending a decade of debate about how to join the two halves of the old town.\n\
Construction is due to start next spring and should take about eighteen months, the council said in a statement.\n\
Residents who had campaigned for the bridge said they were delighted, though some shop owners worry about the noise of the works.\n";

#[test]
fn invalid_utf8_fails_with_the_byte_under_strict() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(
        &bad,
        b"Caf\xe9 owners say the new parking rules have cut trade.\n",
    )
    .unwrap();
    let out_file = dir.path().join("out.txt");
    let out = chaff(&["filter", "--strict", path(&bad), "-o", path(&out_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("latin1.txt: invalid UTF-8 at byte 3"),
        "{}",
        stderr(&out)
    );
    assert!(!out_file.exists(), "a failed run leaves no output");
}

#[test]
fn binary_files_are_skipped_counted_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(folder.join("b.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = chaff(&["filter", "--format", "jsonl", path(&folder)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("b.png: binary data (a NUL byte at byte 8)"),
        "{err}"
    );
    assert!(err.contains("1 inputs or records skipped"), "{err}");
    assert_eq!(docs_in(&out), [path(&folder.join("a.txt")).to_string()]);
}

#[test]
fn an_escaped_nul_in_a_jsonl_record_is_binary() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    std::fs::write(
        &shard,
        format!(
            "{}\n{}\n",
            serde_json::json!({"text": "binary\u{0}blob"}),
            serde_json::json!({"text": ARTICLE})
        ),
    )
    .unwrap();
    let out = chaff(&["filter", "--format", "jsonl", path(&shard)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("s.jsonl:1: binary data (a NUL byte at byte 6)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(docs_in(&out), [format!("{}:2", path(&shard))]);
}

#[test]
fn a_line_over_one_mib_is_read_in_part_and_kept_or_dropped_whole() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("huge.txt");
    let long = "word ".repeat(300_000); // 1.5 MB on one line
    std::fs::write(&page, format!("{ARTICLE}{long}\n")).unwrap();
    let rejects = dir.path().join("rejects.jsonl");
    let out = chaff(&["filter", path(&page), "--rejects", path(&rejects)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 lines over 1 MiB classified by their start"),
        "{}",
        stderr(&out)
    );
    let kept = String::from_utf8(out.stdout).unwrap();
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    let whole = long.trim_end();
    let in_kept = kept.lines().any(|l| l == long || l == whole);
    let in_rejects = rejected.lines().any(|r| {
        let v: serde_json::Value = serde_json::from_str(r).unwrap();
        v["text"].as_str().unwrap().len() == long.len()
    });
    assert!(
        in_kept != in_rejects,
        "the long line is in exactly one of kept and rejects"
    );
}

#[test]
fn a_truncated_zstd_file_is_named_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = zstd::encode_all(ARTICLE.repeat(200).as_bytes(), 3).unwrap();
    let cut = dir.path().join("cut.txt.zst");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let out = chaff(&["filter", "--format", "jsonl", path(&cut), path(&good)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cut.txt.zst"), "{}", stderr(&out));
    assert_eq!(docs_in(&out), [path(&good).to_string()]);
}

#[test]
fn a_bad_warc_header_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let wet = dir.path().join("bad.warc");
    let body = ARTICLE;
    std::fs::write(
        &wet,
        format!(
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:a>\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n\
             WARC/1.0\r\nWARC-Record-ID: <urn:uuid:b>\r\nthis line has no colon\r\n\r\n",
            body.len()
        ),
    )
    .unwrap();
    let out = chaff(&["filter", path(&wet), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "bad.warc: record 2 <urn:uuid:b>: bad WARC record: header line without a colon"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        !out.stdout.is_empty(),
        "the good record before it was written"
    );
}

#[test]
fn many_pages_with_invalid_utf8_are_counted_and_the_first_named() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..25 {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            b"Caf\xe9 owners met.\n",
        )
        .unwrap();
    }
    let out = chaff(&["filter", path(dir.path())]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert_eq!(
        err.matches("invalid UTF-8 replaced with U+FFFD").count(),
        20,
        "{err}"
    );
    assert!(err.contains("further pages with invalid UTF-8 are only counted"));
    assert!(
        err.contains("25 pages with invalid UTF-8 replaced"),
        "{err}"
    );
}

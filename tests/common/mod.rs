//! Helpers shared by the end-to-end tests: run the real `chaff` binary and read what it says.
#![allow(dead_code)] // each test file uses its own subset

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `chaff` with `args`.
pub fn chaff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .output()
        .expect("chaff runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One JSON value per line of `text`.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The model flags for tests that judge a model: `--model $CHAFF_MODEL` when set, else none
/// (the embedded model).
pub fn model_args() -> Vec<String> {
    match std::env::var("CHAFF_MODEL") {
        Ok(m) if !m.is_empty() => vec!["--model".into(), m],
        _ => Vec::new(),
    }
}

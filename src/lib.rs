//! chaff classifies the lines of scraped news pages as news or noise — page furniture, gambling
//! spam, marketplace listings, other prose — and keeps the news.
//!
//! A page is its text dump: one block per line, as an HTML-to-text step or a Common Crawl WET
//! record gives it. Each non-blank line gets a [`Label`] and a [`Verdict`]: its probabilities
//! and whether the [`Policy`] keeps it. A trained default model is embedded in the crate.
//!
//! # Filtering a dump
//!
//! ```
//! use chaff::{Label, Model};
//!
//! let model = Model::embedded()?;
//! let dump = "Home | World | Sport\n\
//!             The city council voted on Tuesday to expand the night bus network, \
//!             after a year-long trial showed ridership had doubled on the busiest routes.\n\
//!             Share this article";
//! for verdict in model.filter(dump) {
//!     println!("{} {} {:.2} {}", verdict.line, verdict.label, verdict.prob(Label::News), verdict.kept);
//! }
//! // The kept text, line by line.
//! let lines: Vec<&str> = dump.lines().collect();
//! let kept: Vec<&str> = model
//!     .filter(dump)
//!     .iter()
//!     .filter(|v| v.kept)
//!     .map(|v| lines[v.line - 1])
//!     .collect();
//! assert!(kept.iter().all(|line| !line.starts_with("Share")));
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! # Loading a model
//!
//! [`Model::load`] reads a model file written by `chaff-train` (or [`Model::save`]); a wrong
//! format version, a truncated or corrupted file, or non-finite weights are an [`Error`] naming
//! the file. [`Policy`] sets which labels are kept and at what probability.
//!
//! ```
//! use chaff::{Label, LabelSet, Model, Policy};
//!
//! let path = std::env::temp_dir().join(format!("chaff-doc-{}.chaff", std::process::id()));
//! Model::embedded()?.save(&path)?;
//! let model = Model::load(&path)?;
//! println!("news threshold {:.3}", model.default_policy().threshold());
//!
//! let mut keep = LabelSet::only(Label::News);
//! keep.insert(Label::Other);
//! let policy = Policy::new(keep, 0.5)?;
//! let verdicts = model.filter_with("A long paragraph of plain prose about the harbour.", &policy);
//! assert_eq!(verdicts.len(), 1);
//!
//! assert!(Model::load(std::env::temp_dir().join("no-such-model.chaff")).is_err());
//! std::fs::remove_file(&path).ok();
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! # Reading a WARC file
//!
//! [`read::documents`] reads plain dumps, JSONL documents and WARC/WET files (gzip and zstd
//! too) one [`read::Document`] at a time; a WET file's `conversion` records are pages, and other
//! records pass through. [`batch::Batch::run`] filters such a stream on several cores, in input
//! order, judging a site's pages together as `chaff filter` does.
//!
//! ```
//! use chaff::batch::Batch;
//! use chaff::read::{self, ByteCounter, InputFormat, ReadOptions, Source};
//! use chaff::Model;
//!
//! let page = "Home | News\nThe harbour wall will be rebuilt next year, the council said on Thursday.\n";
//! let warc = format!(
//!     "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://example.com/a\r\n\
//!      Content-Length: {}\r\n\r\n{page}\r\n\r\n",
//!     page.len()
//! );
//! let path = std::env::temp_dir().join(format!("chaff-doc-{}.warc.wet", std::process::id()));
//! std::fs::write(&path, warc)?;
//!
//! let source = Source::File(path.clone());
//! let format = InputFormat::of_name(&source.name());
//! assert_eq!(format, InputFormat::Warc);
//! let docs = read::documents(&source, format, &ReadOptions::default(), &ByteCounter::default())?;
//!
//! let model = Model::embedded()?;
//! let mut pages = 0;
//! Batch::default().run(docs, model, &model.default_policy(), None, |filtered| {
//!     let filtered = filtered?;
//!     assert_eq!(filtered.doc.site(), "example.com");
//!     pages += 1;
//!     for v in filtered.verdicts.iter().filter(|v| v.kept) {
//!         println!("{}:{} {}", filtered.doc.name, v.line, v.label);
//!     }
//!     Ok(())
//! })?;
//! assert_eq!(pages, 1);
//! std::fs::remove_file(&path).ok();
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! # Modules
//!
//! The modules follow the data's path: [`read`] (sources and formats), [`Dump`] (a page's
//! lines and paragraphs), [`features`], [`model`] (stages, file format, the embedded model), [`batch`]
//! (parallel, in order, bounded memory), [`write`](mod@write) (one [`write::Sink`] per output format, and
//! an atomic [`write::Output`]), and [`eval`] / [`report`] for measuring a model. Training is
//! behind the `train` feature; the `chaff` command line behind `cli` (default), so
//! `default-features = false` gives the library alone.

#![warn(missing_docs)]
// Input must never crash the library: errors carry the path and position instead.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod batch;
mod classify;
pub mod corpus;
mod error;
pub mod eval;
pub mod explain;
pub mod features;
mod framed;
mod label;
pub mod model;
pub mod read;
pub mod report;
mod rng;
mod segment;
// The training code is being rewritten; its doc comments come with that.
#[cfg(feature = "train")]
#[allow(missing_docs)]
pub mod train;
pub mod write;

pub use classify::{Policy, Verdict};
pub use error::{Error, ErrorKind, Result};
pub use label::{Label, LabelSet};
pub use model::Model;
pub use segment::{is_blank, Dump, Paragraph};

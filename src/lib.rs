//! chaff classifies the lines of scraped news pages as news or noise — page furniture, gambling
//! spam, marketplace listings, other prose — and keeps the news.
//!
//! A page is its text: one block (a paragraph, a menu, a headline) per line, as an HTML-to-text
//! step or a Common Crawl WET record gives it. Each non-blank line gets a [`Label`] and a [`Verdict`]: its probabilities
//! and whether the [`Policy`] keeps it. A trained default model is embedded in the crate.
//!
//! # Filtering a page
//!
//! ```
//! use chaff::{Label, Model, Options, Page};
//!
//! let model = Model::embedded()?;
//! let text = "Home | World | Sport\n\
//!             The city council voted on Tuesday to expand the night bus network, \
//!             after a year-long trial showed ridership had doubled on the busiest routes.\n\
//!             Share this article";
//! for verdict in model.filter(text, &Options::new()) {
//!     println!("{} {} {:.2} {}", verdict.line, verdict.label, verdict.prob(Label::News), verdict.kept);
//! }
//! // The kept text, line by line: a verdict's line number counts the page's blank lines too.
//! let page = Page::new(text);
//! let kept: Vec<&str> = model
//!     .filter(text, &Options::new())
//!     .iter()
//!     .filter(|v| v.kept)
//!     .map(|v| page.all_lines()[v.line - 1])
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
//! use chaff::{Label, LabelSet, Model, Options, Policy};
//!
//! let path = std::env::temp_dir().join(format!("chaff-doc-{}.chaff", std::process::id()));
//! Model::embedded()?.save(&path)?;
//! let model = Model::load(&path)?;
//! println!("news threshold {:.3}", model.info().news_threshold);
//!
//! let mut keep = LabelSet::only(Label::News);
//! keep.insert(Label::Other);
//! let policy = Policy::new(keep, 0.5)?;
//! let text = "A long paragraph of plain prose about the harbour.";
//! let verdicts = model.filter(text, &Options::new().policy(policy));
//! assert_eq!(verdicts.len(), 1);
//!
//! assert!(Model::load(std::env::temp_dir().join("no-such-model.chaff")).is_err());
//! std::fs::remove_file(&path).ok();
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! # Reading a WARC file
//!
//! [`read::records`] reads plain text, JSONL and WARC/WET files (gzip and zstd too) one
//! [`read::Record`] at a time: a page with its name and what the output carries over. A WET
//! file's `conversion` records are pages, and other records pass through. [`Batch::run`]
//! filters such a stream on several cores, in input order, judging a site's pages together as
//! `chaff filter` does.
//!
//! ```
//! use chaff::read::{self, ByteCounter, InputFormat, ReadOptions, Source};
//! use chaff::{Batch, Model};
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
//! let records = read::records(&source, format, &ReadOptions::default(), &ByteCounter::default())?;
//!
//! let model = Model::embedded()?;
//! let mut pages = 0;
//! Batch::default().run(records, model, &model.default_policy(), None, |filtered| {
//!     let filtered = filtered?;
//!     assert_eq!(filtered.record.site(), "example.com");
//!     pages += 1;
//!     for v in filtered.verdicts.iter().filter(|v| v.kept) {
//!         println!("{}:{} {}", filtered.record.name, v.line, v.label);
//!     }
//!     Ok(())
//! })?;
//! assert_eq!(pages, 1);
//! std::fs::remove_file(&path).ok();
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! # What the crate exports
//!
//! The types above at the top level: [`Model`] with its [`Options`] and [`ModelInfo`],
//! [`Policy`], [`Verdict`], [`Label`] and [`LabelSet`], [`Page`] (a page's text split into
//! its lines), [`Batch`] (many pages on several cores, in order, a site's pages
//! judged together, with [`SiteMemory`] to carry a site's lines across runs),
//! [`Model::explain`] and [`Error`]. Three namespaces: [`read`] (sources and formats),
//! [`write`](mod@write) (one [`write::Sink`] per output format, and an atomic
//! [`write::Output`]) and [`eval`] (labelled pages, figures, intervals, reports). Training is
//! behind the `train` feature (`chaff::train`); the `chaff` command line behind `cli` (default),
//! so `default-features = false` gives the library alone.

#![deny(missing_docs)]
// Input must never crash the library: errors carry the path and position instead.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod batch;
mod classify;
mod corpus;
mod error;
pub mod eval;
mod explain;
mod features;
mod framed;
mod label;
mod model;
pub mod read;
mod rng;
mod segment;
mod splice;
#[cfg(feature = "train")]
pub mod train;
pub mod write;

pub use batch::{Batch, Filtered};
pub use classify::{Policy, Verdict};
pub use error::{Error, ErrorKind, Result};
pub use explain::{Contribution, Explanation, StageExplanation};
pub use features::repetition::{load_memories, save_memories, SiteMemories, SiteMemory};
pub use label::{Label, LabelSet};
pub use model::{Model, ModelInfo, Options, TrainingMeta};
pub use segment::{is_blank, Line, Page};

/// What the fuzz targets, benchmarks and tests reach into: not API, and free to change.
#[doc(hidden)]
pub mod internals {
    pub use crate::batch::WINDOW_RECORDS;
    pub use crate::features::repetition::{memories_from_bytes, MEMORY_VERSION};
    pub use crate::model::{ModelData, FORMAT_VERSION};

    /// Everything a model file holds.
    pub fn model_data(model: &crate::Model) -> &ModelData {
        model.data()
    }
}

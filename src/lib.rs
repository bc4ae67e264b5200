//! chaff classifies the lines of scraped news pages as news or noise — gambling spam, marketplace
//! listings, page furniture, other prose — and keeps the news.
//!
//! A default model is embedded; [`Model::load`] reads one trained by `chaff-train`.
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
//!     println!("{} {} {:.2}", verdict.line, verdict.label, verdict.prob(Label::News));
//! }
//! # Ok::<(), chaff::Error>(())
//! ```

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
#[cfg(feature = "train")]
pub mod train;
pub mod write;

pub use classify::{Policy, Verdict};
pub use error::{Error, ErrorKind, Result};
pub use label::{Label, LabelSet};
pub use model::Model;
pub use segment::{is_blank, Dump, Paragraph};

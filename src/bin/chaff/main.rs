//! chaff: keep the news, drop the chaff.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod eval;
mod explain;
mod filter;
mod info;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use chaff::{Label, LabelSet, Model, Policy};

#[derive(Parser)]
#[command(
    name = "chaff",
    version,
    about = "Classify the lines of scraped news pages and keep the news."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Classify every line of pages and print the kept text (or one JSON record per line).
    Filter(filter::Args),
    /// Write the verdicts on pages as labels to correct (.jsonl, the training schema) for
    /// `chaff-train --from`, or as a review page (.html).
    Label(filter::LabelArgs),
    /// Score a model on labelled lines: per-class P/R/F1, confusion, kept-text P/R/F1.
    Eval(eval::Args),
    /// Show why a line got its label: the features that pushed it most, stage by stage.
    Explain(explain::Args),
    /// Show a model's labels, features and training metadata.
    Info(info::Args),
}

/// Options shared by every command that runs a model.
#[derive(clap::Args, Clone)]
pub struct ModelArgs {
    /// Model file (default: the model embedded in this binary).
    #[arg(long, short, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Labels whose lines are kept, comma-separated.
    #[arg(long, default_value = "news", value_name = "LABELS")]
    keep: LabelSet,
    /// Keep a line when the summed probability of the kept labels reaches this
    /// [default: the model's news threshold (see `chaff info`) when keeping news only, else 0.5].
    #[arg(long, value_name = "P")]
    threshold: Option<f32>,
}

impl ModelArgs {
    /// The model file given, if any.
    fn path(&self) -> Option<&std::path::Path> {
        self.model.as_deref()
    }

    /// The model to use: the file given, or the embedded default.
    fn model(&self) -> anyhow::Result<std::borrow::Cow<'static, Model>> {
        Ok(match &self.model {
            Some(p) => std::borrow::Cow::Owned(Model::load(p)?),
            None => std::borrow::Cow::Borrowed(Model::embedded()?),
        })
    }

    fn policy(&self, model: &Model) -> anyhow::Result<Policy> {
        let threshold = match self.threshold {
            Some(t) => t,
            None if self.keep == LabelSet::only(Label::News) => model.default_policy().threshold(),
            None => 0.5,
        };
        Policy::new(self.keep, threshold).context("bad --keep/--threshold")
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Filter(args) => filter::run(args),
        Command::Label(args) => filter::label(args),
        Command::Eval(args) => eval::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Info(args) => info::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chaff: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Writes a command's report to stdout; a closed pipe ends it quietly (see [`is_broken_pipe`]).
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A closed pipe (`chaff filter ... | head`) is a normal way for output to end.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| {
            c.downcast_ref::<io::Error>().or_else(|| {
                match c.downcast_ref::<chaff::Error>()?.kind() {
                    chaff::ErrorKind::Io(io) => Some(io),
                    _ => None,
                }
            })
        })
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

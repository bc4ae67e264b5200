//! chaff-train: fit a model on labelled JSONL lines and write the model file.
//!
//!     chaff-train --config training/config.toml --out models/default.chaff
//!     chaff-train --data ../shared/data/train --dev ../shared/data/dev --out my.chaff

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;

use chaff::train::{self, Config};

#[derive(Parser)]
#[command(
    version,
    about = "Train a chaff model on labelled lines (JSONL, one object per line of a page dump)."
)]
struct Args {
    /// Training configuration (TOML); the flags below override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Folder or file of labelled .jsonl / .jsonl.gz lines to train on.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Folder or file of labelled lines to score the model on after training (never trained on).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, short)]
    out: PathBuf,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chaff-train: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    let mut config = match &args.config {
        Some(p) => train::load_config(p)?,
        None => Config::default(),
    };
    if let Some(d) = args.data {
        config.train = d;
    }
    if args.dev.is_some() {
        config.dev = args.dev;
    }
    let model = train::train(&config)?;
    model
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let meta = model.meta();
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s of training",
        args.out.display(),
        std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0),
        meta.training_seconds
    );
    for (name, score) in &meta.dev_scores {
        eprintln!("dev {name}\t{score:.4}");
    }
    Ok(())
}

//! chaff-train: fit a model on labelled JSONL lines and write the model file.
//!
//!     chaff-train --config training/config.toml --out models/default.chaff
//!     chaff-train --data ../shared/data/train --dev ../shared/data/dev --out my.chaff
//!     chaff-train --config training/config.toml --write-synthetic synthetic.jsonl

use std::path::{Path, PathBuf};
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
    #[arg(long, short, required_unless_present = "write_synthetic")]
    out: Option<PathBuf>,
    /// Write the English gambling lines the config generates (`synthetic_gambling` of them, source
    /// synthetic_gambling_en) to FILE as labelled JSONL and stop, without training: the lines
    /// `chaff eval --spliced --spam FILE` splices into news pages to measure a model trained
    /// with `exclude_sources = ["synthetic_gambling_en"]`.
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    write_synthetic: Option<PathBuf>,
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
    let out = match (args.write_synthetic, args.out) {
        (Some(path), _) => return write_synthetic(&config, &path),
        (None, Some(out)) => out,
        (None, None) => anyhow::bail!("--out is needed to write the model"),
    };
    let model = train::train(&config)?;
    model
        .save(&out)
        .with_context(|| format!("writing {}", out.display()))?;
    let meta = model.meta();
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s of training",
        out.display(),
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
        meta.training_seconds
    );
    for (name, score) in &meta.dev_scores {
        eprintln!("dev {name}\t{score:.4}");
    }
    Ok(())
}

/// Writes the config's generated gambling lines as labelled JSONL, one record per line as
/// `corpus::read_file` reads them.
fn write_synthetic(config: &Config, path: &Path) -> anyhow::Result<()> {
    let pages = train::synthetic_pages(config);
    anyhow::ensure!(
        !pages.is_empty(),
        "--write-synthetic: the config generates no gambling lines \
         (synthetic_gambling = 0, or {} is in exclude_sources)",
        train::SYNTHETIC_GAMBLING
    );
    let mut text = String::new();
    for page in &pages {
        for (n, line) in page.lines.iter().enumerate() {
            let rec = serde_json::json!({
                "doc": page.doc, "source": page.source, "line": n, "lang": line.lang,
                "text": line.text, "label": line.label, "weak": line.weak,
            });
            text += &format!("{rec}\n");
        }
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "wrote {} generated lines to {}",
        pages.len(),
        path.display()
    );
    Ok(())
}

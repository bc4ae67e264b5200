//! chaff-train: fit a model on labelled JSONL lines and write the model file, or adapt a trained
//! model to a few labelled pages.
//!
//!     chaff-train --config training/config.toml --out models/default.chaff
//!     chaff-train --data ../shared/data/train --dev ../shared/data/dev --out my.chaff
//!     chaff-train --from models/default.chaff --data labels/ --out mine.chaff
//!     chaff-train --from models/default.chaff --adapt-protocol ../shared/data/dev
//!     chaff-train --config training/config.toml --write-synthetic synthetic.jsonl

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context as _};
use clap::Parser;

use chaff::train::adapt::{self, AdaptConfig};
use chaff::train::{self, Config};
use chaff::Model;

#[derive(Parser)]
#[command(
    version,
    about = "Train a chaff model on labelled lines (JSONL, one object per line of a page), \
             or adapt a trained model to a few labelled pages (--from)."
)]
struct Args {
    /// Training configuration (TOML); the flags below override it.
    #[arg(long, conflicts_with = "from")]
    config: Option<PathBuf>,
    /// Folder or file of labelled .jsonl / .jsonl.gz lines to train on (with --from: the
    /// labelled pages to adapt to, as `chaff label` writes them).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Folder or file of labelled lines to score the model on after training (never trained on).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Adapt this trained model to the pages of --data instead of training from the corpus.
    #[arg(long, value_name = "MODEL")]
    from: Option<PathBuf>,
    /// Adaptation settings (TOML; see `AdaptConfig`), with --from.
    #[arg(long, value_name = "FILE", requires = "from")]
    adapt_settings: Option<PathBuf>,
    /// With --from: run the adaptation protocol on these labelled pages (for each site with at
    /// least 8 pages, adapt to 3 of them and score the rest and the other sites) and print its
    /// table instead of writing a model.
    #[arg(long, value_name = "DEV", requires = "from")]
    adapt_protocol: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, short, required_unless_present_any = ["adapt_protocol", "write_synthetic", "average"])]
    out: Option<PathBuf>,
    /// Write the gambling lines the config generates (sources synthetic_gambling_en and
    /// synthetic_gambling_unseen) to FILE as labelled JSONL and stop, without training: the lines
    /// `chaff eval --spliced --spam FILE --spam-source NAME` splices into news pages to measure a
    /// model trained with `exclude_sources = [NAME]`.
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    write_synthetic: Option<PathBuf>,
    /// Write the mean of these trained models (the same config with different seeds) to --out,
    /// without training.
    #[arg(long, value_name = "MODEL", num_args = 2.., conflicts_with_all = ["config", "from", "write_synthetic"])]
    average: Vec<PathBuf>,
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
    if !args.average.is_empty() {
        let models = args
            .average
            .iter()
            .map(|p| Model::load(p).with_context(|| format!("reading {}", p.display())))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let out = args.out.as_ref().context("--out is needed")?;
        return save(&train::average(&models)?, out);
    }
    if let Some(from) = &args.from {
        return run_adapt(&args, from);
    }
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
        (None, None) => bail!("--out is needed to write the model"),
    };
    let model = train::train(&config)?;
    save(&model, &out)?;
    for (name, score) in &model.info().training.dev_scores {
        eprintln!("dev {name}\t{score:.4}");
    }
    Ok(())
}

fn save(model: &Model, out: &PathBuf) -> anyhow::Result<()> {
    model
        .save(out)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s of training",
        out.display(),
        std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        model.info().training.training_seconds
    );
    Ok(())
}

/// `--from`: adapt a trained model to labelled pages, or run the adaptation protocol.
fn run_adapt(args: &Args, from: &PathBuf) -> anyhow::Result<()> {
    let start = Instant::now();
    let base = Model::load(from)?;
    let settings = match &args.adapt_settings {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            AdaptConfig::from_toml(&text).map_err(|e| e.with_path(p))?
        }
        None => AdaptConfig::default(),
    };
    if let Some(dev) = &args.adapt_protocol {
        let pages = chaff::eval::read_pages(dev)?;
        let results = adapt::protocol(&base, &pages, &settings, |line| {
            eprintln!("[{:>7.1}s] {line}", start.elapsed().as_secs_f64())
        })?;
        print!("{}", adapt::protocol_report(&results));
        return Ok(());
    }
    let Some(data) = &args.data else {
        bail!("--from needs --data: the labelled pages to adapt to");
    };
    let (pages, files) = adapt::read_labels(data)?;
    let lines: usize = pages.iter().map(|p| p.lines.len()).sum();
    eprintln!(
        "adapting {} to {} pages ({lines} lines)",
        from.display(),
        pages.len()
    );
    let files: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    let model = adapt::adapt(&base, &from.display().to_string(), pages, &files, &settings)?;
    let out = args.out.as_ref().context("--out is needed")?;
    save(&model, out)
}

/// Writes the config's generated lines as labelled JSONL, one record per line as
/// `corpus::read_file` reads them.
fn write_synthetic(config: &Config, path: &Path) -> anyhow::Result<()> {
    let pages = train::synthetic_pages(config);
    anyhow::ensure!(
        !pages.is_empty(),
        "--write-synthetic: the config generates no lines (synthetic_gambling, \
         synthetic_gambling_unseen, synthetic_gambling_languages and synthetic_marketplace are \
         0, or their sources are in exclude_sources)"
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

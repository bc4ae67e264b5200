//! `chaff eval`: score a model on labelled lines (JSONL, as in ../shared/data/dev), like
//! `fasttext test-label` but with the kept-text view by line and by character, per source.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;

use chaff::corpus;
use chaff::eval::Evaluation;

use crate::ModelArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Folder or file of labelled .jsonl / .jsonl.gz lines.
    #[arg(long)]
    data: PathBuf,
    #[command(flatten)]
    model: ModelArgs,
    /// Also write the figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write every line whose keep decision differs from gold to this file (JSONL, with the
    /// line's text, gold and predicted labels, probabilities and page).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let policy = args.model.policy(&model)?;
    let pages = corpus::read_pages(&args.data)?;
    let start = Instant::now();
    let mut errors = match &args.errors {
        Some(p) => Some(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => None,
    };
    let mut write_result = Ok(());
    let eval = Evaluation::run_with(&model, &pages, &policy, |page, verdicts| {
        let Some(out) = errors.as_mut() else { return };
        for (i, (line, v)) in page.lines.iter().zip(verdicts).enumerate() {
            if policy.keep().contains(line.label) == v.kept || write_result.is_err() {
                continue;
            }
            let rec = serde_json::json!({
                "doc": page.doc, "source": page.source, "line": i, "text": line.text,
                "gold": line.label, "predicted": v.label, "kept": v.kept,
                "keep_probability": policy.keep_probability(&v.probs),
                "suspect": line.suspect, "chars": line.text.chars().count(),
            });
            write_result = writeln!(out, "{rec}");
        }
    });
    if let Some(mut out) = errors {
        write_result
            .and_then(|_| out.flush())
            .context("writing --errors")?;
    }
    crate::emit(&eval.report())?;
    eprintln!(
        "chaff: evaluated {} pages in {:.1}s",
        pages.len(),
        start.elapsed().as_secs_f64()
    );
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&eval.to_json())?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

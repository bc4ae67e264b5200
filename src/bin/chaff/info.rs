//! `chaff info`: what a model is — labels, feature sizes, training data and dev scores.

use std::fmt::Write as _;
use std::process::ExitCode;

use chaff::Label;

use crate::ModelArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.model()?;
    let data = model.data();
    let meta = model.meta();
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let mut out = String::new();
    let _ = writeln!(out, "labels\t{}", labels.join(","));
    let _ = writeln!(out, "n-grams\t{}", data.featurizer.ngrams.len());
    let _ = writeln!(out, "stage 1 inputs\t{}", data.featurizer.dim());
    for (n, stage) in data.context_stages.iter().enumerate() {
        let _ = writeln!(out, "stage {} inputs\t{}", n + 2, stage.context.dim());
    }
    let _ = writeln!(out, "news threshold\t{:.3}", data.news_threshold);
    let _ = writeln!(
        out,
        "repetition across a batch\t{}",
        if model.uses_repetition() {
            "read"
        } else {
            "not read"
        }
    );
    let _ = writeln!(out, "chaff version\t{}", meta.chaff_version);
    let _ = writeln!(out, "created\t{} (unix time)", meta.created);
    let _ = writeln!(out, "training time\t{:.1}s", meta.training_seconds);
    if let Some(base) = meta.adapted_from() {
        let _ = writeln!(out, "adapted from\t{base}");
        let _ = writeln!(out, "adapted on\t{}", meta.data_files.join(", "));
    } else {
        let _ = writeln!(out, "training data\t{}", meta.data_files.join(", "));
    }
    let _ = writeln!(out, "stage 1 rows\t{:?}", meta.stage1_rows);
    let _ = writeln!(out, "context stage rows\t{:?}", meta.context_rows);
    for (name, score) in &meta.dev_scores {
        let _ = writeln!(out, "dev {name}\t{score:.4}");
    }
    crate::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

//! `chaff info`: what a model is — labels, feature sizes, training data and dev scores.

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
    println!("labels\t{}", labels.join(","));
    println!("n-grams\t{}", data.featurizer.ngrams.len());
    println!("stage 1 inputs\t{}", data.featurizer.dim());
    for (n, stage) in data.context_stages.iter().enumerate() {
        println!("stage {} inputs\t{}", n + 2, stage.context.dim());
    }
    println!("news threshold\t{:.3}", data.news_threshold);
    println!("chaff version\t{}", meta.chaff_version);
    println!("created\t{} (unix time)", meta.created);
    println!("training time\t{:.1}s", meta.training_seconds);
    println!("training data\t{}", meta.data_files.join(", "));
    println!("stage 1 rows\t{:?}", meta.stage1_rows);
    println!("context stage rows\t{:?}", meta.context_rows);
    for (name, score) in &meta.dev_scores {
        println!("dev {name}\t{score:.4}");
    }
    Ok(ExitCode::SUCCESS)
}

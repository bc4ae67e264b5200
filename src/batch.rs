//! Filtering a stream of documents on several cores, in bounded memory, in input order.
//!
//! Three stages run at once: a reader thread gathers documents into chunks (at most
//! [`Batch::max_docs`] documents or [`Batch::max_bytes`] of text), a rayon pool classifies the
//! documents of a chunk in parallel, and a writer thread hands the results, in input order, to
//! the caller's `emit`. At most three chunks are alive at any time, so memory does not grow
//! with the input.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rayon::prelude::*;

use crate::classify::{Policy, Verdict};
use crate::corpus::SiteMemories;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::read::Document;
use crate::segment::Dump;

/// How a stream is cut and spread over threads.
#[derive(Clone, Copy, Debug)]
pub struct Batch {
    /// Worker threads for classification (0: one per core).
    pub threads: usize,
    pub max_docs: usize,
    pub max_bytes: usize,
}

impl Default for Batch {
    fn default() -> Batch {
        Batch {
            threads: 0,
            max_docs: 512,
            max_bytes: 16 << 20,
        }
    }
}

/// A document and the verdicts on its paragraphs (none for WARC records that are not pages).
#[derive(Debug)]
pub struct Filtered {
    pub doc: Document,
    pub verdicts: Vec<Verdict>,
}

type Chunk = Vec<Result<Document>>;

impl Batch {
    /// Classifies every document of `docs` and calls `emit` with each, or with the reading error
    /// in its place, in input order. Stops at the first error `emit` returns, and returns it.
    /// With `memories` (per [`Document::site`]), each page is judged as part of its site's batch.
    pub fn run<I, F>(
        &self,
        docs: I,
        model: &Model,
        policy: &Policy,
        memories: Option<&SiteMemories>,
        emit: F,
    ) -> Result<()>
    where
        I: Iterator<Item = Result<Document>> + Send,
        F: FnMut(Result<Filtered>) -> Result<()> + Send,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| Error::config(format!("cannot start worker threads: {e}")))?;
        let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(1);
        let (done_tx, done_rx) = sync_channel::<Vec<Result<Filtered>>>(1);
        std::thread::scope(|scope| {
            scope.spawn(move || self.read(docs, chunk_tx));
            let writer = scope.spawn(move || write(done_rx, emit));
            for chunk in chunk_rx {
                let filtered: Vec<Result<Filtered>> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|doc| doc.map(|doc| classify(doc, model, policy, memories)))
                        .collect()
                });
                if done_tx.send(filtered).is_err() {
                    break; // the writer stopped on an error; it reports it below
                }
            }
            drop(done_tx);
            writer
                .join()
                .unwrap_or_else(|_| Err(Error::config("the output thread panicked")))
        })
    }

    fn read<I: Iterator<Item = Result<Document>>>(&self, docs: I, tx: SyncSender<Chunk>) {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for doc in docs {
            bytes += doc.as_ref().map_or(0, |d| d.text.len());
            chunk.push(doc);
            if chunk.len() >= self.max_docs || bytes >= self.max_bytes {
                bytes = 0;
                if tx.send(std::mem::take(&mut chunk)).is_err() {
                    return;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
    }
}

fn write<F>(rx: Receiver<Vec<Result<Filtered>>>, mut emit: F) -> Result<()>
where
    F: FnMut(Result<Filtered>) -> Result<()>,
{
    for chunk in rx {
        for item in chunk {
            emit(item)?;
        }
    }
    Ok(())
}

fn classify(
    doc: Document,
    model: &Model,
    policy: &Policy,
    memories: Option<&SiteMemories>,
) -> Filtered {
    let verdicts = if doc.is_page() {
        let memory = memories.and_then(|m| m.get(doc.site()));
        model.filter_dump_in(&Dump::new(&doc.text), policy, memory)
    } else {
        Vec::new()
    };
    Filtered { doc, verdicts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::model::tests::toy_model;

    fn docs(n: usize) -> Vec<Result<Document>> {
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    Err(Error::new(ErrorKind::BadRecord(format!("bad {i}"))))
                } else {
                    Ok(Document::plain(
                        format!("d{i}"),
                        format!("Story {i}.\nslot gacor {i}\n"),
                    ))
                }
            })
            .collect()
    }

    #[test]
    fn output_keeps_input_order_on_several_threads() {
        let model = toy_model();
        let policy = model.default_policy();
        let expected: Vec<String> = docs(100)
            .into_iter()
            .map(|d| match d {
                Ok(d) => format!(
                    "{} {:?}",
                    d.name,
                    model.filter_dump(&Dump::new(&d.text), &policy)
                ),
                Err(e) => e.to_string(),
            })
            .collect();
        for threads in [1, 2, 4] {
            let batch = Batch {
                threads,
                max_docs: 3,
                max_bytes: 1 << 20,
            };
            let mut got = Vec::new();
            batch
                .run(docs(100).into_iter(), &model, &policy, None, |item| {
                    got.push(match item {
                        Ok(f) => format!("{} {:?}", f.doc.name, f.verdicts),
                        Err(e) => e.to_string(),
                    });
                    Ok(())
                })
                .unwrap();
            assert_eq!(got, expected, "{threads} threads");
        }
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let model = toy_model();
        let mut seen = 0;
        let err = Batch::default()
            .run(
                docs(2000).into_iter(),
                &model,
                &model.default_policy(),
                None,
                |_| {
                    seen += 1;
                    if seen == 10 {
                        Err(Error::config("disk full"))
                    } else {
                        Ok(())
                    }
                },
            )
            .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(seen, 10);
    }
}

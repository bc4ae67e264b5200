//! Filtering a stream of records on several cores, in bounded memory, in input order.
//!
//! Three stages run at once: a reader thread gathers records into chunks (at most
//! [`Batch::max_records`] records or [`Batch::max_bytes`] of text), a rayon pool classifies the
//! pages of a chunk in parallel, and a writer thread hands the results, in input order, to
//! the caller's `emit`. At most three chunks are alive at any time, so memory does not grow
//! with the input.
//!
//! With a model that reads repetition, the reader gathers a window of records
//! ([`Batch::window_bytes`] of text) and counts their lines per site ([`recurrences`]) before
//! sending the window on in chunks: a line is judged with the other pages of its site in its
//! window. Memory is bounded by the window, whatever the input's size, and no input is read
//! twice (stdin included). A memory of the pages of earlier runs (`chaff filter --site-memory`)
//! adds its counts to each window's, and takes in each window's pages once they are counted.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rayon::prelude::*;

use crate::classify::{Policy, Verdict};
use crate::corpus::SiteMemories;
use crate::error::{Error, Result};
use crate::features::repetition::{line_keys, page_key};
use crate::model::{Model, Options};
use crate::read::Record;
use crate::segment::Page;

/// How a stream is cut and spread over threads.
#[derive(Clone, Copy, Debug)]
pub struct Batch {
    /// Worker threads for classification (0: one per core).
    pub threads: usize,
    /// Records per chunk handed to the workers at most.
    pub max_records: usize,
    /// Bytes of text per chunk at most.
    pub max_bytes: usize,
    /// Text judged together for repetition across pages (0: every page alone). Only read with
    /// a model trained with repetition.
    pub window_bytes: usize,
}

impl Default for Batch {
    fn default() -> Batch {
        Batch {
            threads: 0,
            max_records: 512,
            max_bytes: 16 << 20,
            window_bytes: 32 << 20,
        }
    }
}

/// A record and the verdicts on its page's lines (none for WARC records that are not pages).
#[derive(Debug)]
pub struct Filtered {
    /// The record as read.
    pub record: Record,
    /// One verdict per line, in order.
    pub verdicts: Vec<Verdict>,
}

/// Records in a repetition window at most, whatever their text: each one also holds its
/// envelope (WARC headers, the other JSONL fields), which `window_bytes` does not count.
pub const WINDOW_RECORDS: usize = 1 << 15;

/// A record, with how often each of its page's lines recurs on the other pages of its site in
/// its window (when repetition is read; see [`recurrences`]).
type Job = (Result<Record>, Option<Vec<(u32, u32)>>);

impl Batch {
    /// Classifies the page of every record of `records` and calls `emit` with each, or with the reading error
    /// in its place, in input order. Stops at the first error `emit` returns, and returns it.
    /// With a model that reads repetition and a window, each page is judged with the other
    /// pages of its site ([`Record::site`]) in its window, and with the pages of its site in
    /// `memory` (pages of earlier runs), which then takes in the window's pages.
    pub fn run<I, F>(
        &self,
        records: I,
        model: &Model,
        policy: &Policy,
        memory: Option<&mut SiteMemories>,
        emit: F,
    ) -> Result<()>
    where
        I: Iterator<Item = Result<Record>> + Send,
        F: FnMut(Result<Filtered>) -> Result<()> + Send,
    {
        let windowed = self.window_bytes > 0 && model.uses_repetition();
        if memory.is_some() && !windowed {
            return Err(Error::config(
                "a site memory needs a model that reads repetition (the default model does) and \
                 pages judged with their site (not alone)",
            ));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| Error::config(format!("cannot start worker threads: {e}")))?;
        let (chunk_tx, chunk_rx) = sync_channel::<Vec<Job>>(1);
        let (done_tx, done_rx) = sync_channel::<Vec<Result<Filtered>>>(1);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                if windowed {
                    self.read_windows(records, chunk_tx, memory)
                } else {
                    self.read(records.map(|d| (d, None)), chunk_tx);
                }
            });
            let writer = scope.spawn(move || write(done_rx, emit));
            for chunk in chunk_rx {
                let filtered: Vec<Result<Filtered>> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|(record, recurring)| {
                            record.map(|record| classify(record, model, policy, recurring))
                        })
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

    /// Sends `jobs` on in chunks; false when the receiver has stopped.
    fn read<I: Iterator<Item = Job>>(&self, jobs: I, tx: SyncSender<Vec<Job>>) -> bool {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for job in jobs {
            bytes += job.0.as_ref().map_or(0, |d| d.text.len());
            chunk.push(job);
            if chunk.len() >= self.max_records || bytes >= self.max_bytes {
                bytes = 0;
                if tx.send(std::mem::take(&mut chunk)).is_err() {
                    return false;
                }
            }
        }
        chunk.is_empty() || tx.send(chunk).is_ok()
    }

    /// Gathers windows of `window_bytes` of text (or [`WINDOW_RECORDS`] records), counts each
    /// one's lines per site (with `memory`'s counts, if any), and sends it on in chunks with
    /// those counts.
    fn read_windows<I: Iterator<Item = Result<Record>>>(
        &self,
        records: I,
        tx: SyncSender<Vec<Job>>,
        mut memory: Option<&mut SiteMemories>,
    ) {
        let mut window = Vec::new();
        let mut bytes = 0;
        let mut send = |window: Vec<Result<Record>>| {
            let recurring = recurrences(&window, memory.as_deref_mut());
            self.read(window.into_iter().zip(recurring), tx.clone())
        };
        for record in records {
            bytes += record.as_ref().map_or(0, |d| d.text.len());
            window.push(record);
            if bytes >= self.window_bytes || window.len() >= WINDOW_RECORDS {
                bytes = 0;
                if !send(std::mem::take(&mut window)) {
                    return;
                }
            }
        }
        if !window.is_empty() {
            send(window);
        }
    }
}

/// For each page among `records`, on how many of the other pages of its site among `records` each
/// of its lines occurs, and how many other pages there are ([`SiteMemory::others`]); with an
/// `earlier` memory, its pages of the site count too, and it then takes in the pages of `records`.
/// Every line is keyed once, for counting and for the answer.
///
/// [`SiteMemory::others`]: crate::features::repetition::SiteMemory::others
pub fn recurrences(
    records: &[Result<Record>],
    earlier: Option<&mut SiteMemories>,
) -> Vec<Option<Vec<(u32, u32)>>> {
    let keys: Vec<Option<Vec<Option<u64>>>> = records
        .iter()
        .map(|record| {
            let record = record.as_ref().ok().filter(|d| d.is_page())?;
            let page = Page::new(&record.text);
            let lines: Vec<&str> = page.lines().iter().map(|l| l.view()).collect();
            Some(line_keys(&lines))
        })
        .collect();
    let mut memories = SiteMemories::new();
    for (record, keys) in records.iter().zip(&keys) {
        if let (Ok(record), Some(keys)) = (record, keys) {
            memories
                .entry(record.site().to_string())
                .or_default()
                .add_keys(keys);
        }
    }
    let answers = records
        .iter()
        .zip(keys)
        .map(|(record, keys)| {
            let (record, keys) = (record.as_ref().ok()?, keys?);
            let mut counts = memories.get(record.site())?.others_of_keys(&keys);
            // Only a memory kept between runs needs to know pages by their key.
            let page = if earlier.is_some() {
                page_key(&keys)
            } else {
                0
            };
            if let Some(site) = earlier.as_ref().and_then(|m| m.get(record.site())) {
                // A page filtered again is not counted against itself.
                let own = u32::from(site.holds_page(page));
                let pages = site.pages().saturating_sub(own);
                for ((with, others), n) in counts.iter_mut().zip(site.counts_of_keys(&keys)) {
                    *with = with.saturating_add(n.saturating_sub(own));
                    *others = others.saturating_add(pages);
                }
            }
            Some((counts, keys, page))
        })
        .collect::<Vec<_>>();
    if let Some(earlier) = earlier {
        // The window's pages that the memory does not hold yet, counted once each.
        let mut fresh = SiteMemories::new();
        for (record, answer) in records.iter().zip(&answers) {
            if let (Ok(record), Some((_, keys, page))) = (record, answer) {
                let known = earlier
                    .get(record.site())
                    .is_some_and(|m| m.holds_page(*page));
                if !known {
                    fresh
                        .entry(record.site().to_string())
                        .or_default()
                        .add_page(*page, keys);
                }
            }
        }
        for (site, memory) in fresh {
            earlier.entry(site).or_default().merge(&memory);
        }
    }
    answers
        .into_iter()
        .map(|a| a.map(|(counts, _, _)| counts))
        .collect()
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
    record: Record,
    model: &Model,
    policy: &Policy,
    recurring: Option<Vec<(u32, u32)>>,
) -> Filtered {
    let verdicts = if !record.is_page() {
        Vec::new()
    } else if let Some(recurring) = recurring {
        model.filter_recurring(&record.text, policy, recurring)
    } else {
        model.filter(&record.text, &Options::new().policy(*policy))
    };
    Filtered { record, verdicts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::model::tests::toy_model;

    fn records(n: usize) -> Vec<Result<Record>> {
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    Err(Error::new(ErrorKind::BadRecord(format!("bad {i}"))))
                } else {
                    Ok(Record::plain(
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
        let expected: Vec<String> = records(100)
            .into_iter()
            .map(|d| match d {
                Ok(d) => format!(
                    "{} {:?}",
                    d.name,
                    model.filter(&d.text, &Options::new().policy(policy))
                ),
                Err(e) => e.to_string(),
            })
            .collect();
        for threads in [1, 2, 4] {
            let batch = Batch {
                threads,
                max_records: 3,
                max_bytes: 1 << 20,
                window_bytes: 0,
            };
            let mut got = Vec::new();
            batch
                .run(records(100).into_iter(), &model, &policy, None, |item| {
                    got.push(match item {
                        Ok(f) => format!("{} {:?}", f.record.name, f.verdicts),
                        Err(e) => e.to_string(),
                    });
                    Ok(())
                })
                .unwrap();
            assert_eq!(got, expected, "{threads} threads");
        }
    }

    #[test]
    fn recurrences_count_other_pages_of_each_site_and_skip_errors() {
        let record = |text: &str| Ok(Record::plain("p", text));
        let records = vec![
            record("Home\n\nStory one.\n"),
            Err(Error::config("unreadable")),
            record("HOME\nStory two.\n"),
            record("home\nStory two.\nMenu\n"),
        ];
        // Plain pages have no URL: they are one site, the whole batch. Blank lines are not
        // classified.
        assert_eq!(
            recurrences(&records, None),
            [
                Some(vec![(2, 2), (0, 2)]),
                None,
                Some(vec![(2, 2), (1, 2)]),
                Some(vec![(2, 2), (1, 2), (0, 2)]),
            ]
        );
    }

    #[test]
    fn an_earlier_memory_adds_its_pages_and_takes_in_the_window() {
        let record = |text: &str| Ok(Record::plain("p", text));
        let mut earlier = SiteMemories::new();
        let site = earlier.entry(String::new()).or_default();
        site.add(&["Home", "Old story."]);
        site.add(&["Home", "Older story."]);
        let records = vec![record("Home\nStory one.\n"), record("home\nOld story.\n")];
        // Each page: the other page of the window, and the two remembered pages.
        assert_eq!(
            recurrences(&records, Some(&mut earlier)),
            [Some(vec![(3, 3), (0, 3)]), Some(vec![(3, 3), (1, 3)])]
        );
        let site = &earlier[""];
        assert_eq!(site.pages(), 4, "the window's pages are remembered");
        let keys = line_keys(&["Home", "Story one.", "Old story."]);
        assert_eq!(site.counts_of_keys(&keys), [4, 1, 2]);
    }

    #[test]
    fn a_remembered_page_filtered_again_is_not_its_own_repeat() {
        let record = |text: &str| Ok(Record::plain("p", text));
        let page = "Home\nStory one.\n";
        let mut earlier = SiteMemories::new();
        let first = recurrences(
            &[record(page), record("Home\nStory two.\n")],
            Some(&mut earlier),
        );
        assert_eq!(earlier[""].pages(), 2);
        // The same page again, alone in its window: the other remembered page, not itself.
        let again = recurrences(&[record(page)], Some(&mut earlier));
        assert_eq!(again, first[..1]);
        assert_eq!(earlier[""].pages(), 2, "not counted twice");
    }

    #[test]
    fn a_memory_without_windows_is_refused() {
        let model = toy_model();
        let batch = Batch {
            window_bytes: 0,
            ..Batch::default()
        };
        let err = batch
            .run(
                records(3).into_iter(),
                &model,
                &model.default_policy(),
                Some(&mut SiteMemories::new()),
                |_| Ok(()),
            )
            .unwrap_err();
        assert!(err.to_string().contains("site memory"), "{err}");
    }

    /// A page is judged with the pages of its window only: with a window smaller than one
    /// page, every page is judged alone; with one that holds them all, a line on every page
    /// is evidence.
    #[test]
    fn repetition_is_counted_within_each_window() {
        let model = Model::embedded().unwrap();
        assert!(
            model.uses_repetition(),
            "the default model reads repetition"
        );
        let policy = model.default_policy();
        let pages: Vec<String> = ["Alder", "Birch", "Cedar", "Dunmore"]
            .iter()
            .map(|p| {
                format!(
                    "Home\nNews\n{p} council approves the new harbour wall after a long debate on Monday night.\n\
                     Residents of {p} said the work should start before the winter storms arrive.\n\
                     Support our journalism: become a member of the Harbour Gazette today.\n"
                )
            })
            .collect();
        let run = |window_bytes: usize| {
            let mut got = Vec::new();
            let batch = Batch {
                window_bytes,
                ..Batch::default()
            };
            let records = pages.iter().map(|t| Ok(Record::plain("p", t.clone())));
            batch
                .run(records, model, &policy, None, |f| {
                    got.push(f?.verdicts);
                    Ok(())
                })
                .unwrap();
            got
        };
        let alone: Vec<Vec<Verdict>> = pages
            .iter()
            .map(|t| model.filter(t, &Options::new().policy(policy)))
            .collect();
        assert_eq!(run(0), alone);
        assert_eq!(run(1), alone, "one page per window");
        assert_ne!(run(1 << 20), alone, "all pages in one window");
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let model = toy_model();
        let mut seen = 0;
        let err = Batch::default()
            .run(
                records(2000).into_iter(),
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

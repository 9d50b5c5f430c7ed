//! The one thread that writes the log: it takes the records of every request waiting,
//! commits them in one transaction (group commit) and only then tells each request,
//! which only then answers its client.

use std::thread::JoinHandle;

use tokio::sync::{mpsc, oneshot};

use super::{Record, Store};
use crate::error::ServerError;

/// The most records of waiting requests committed together.
const GROUP: usize = 512;
/// Requests waiting for the writer before a new one waits to be queued.
const QUEUE: usize = 4096;

struct Job {
    records: Vec<Record>,
    done: oneshot::Sender<Result<(), String>>,
}

/// Where requests send their records.
#[derive(Debug, Clone)]
pub(crate) struct WriterHandle {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job({} records)", self.records.len())
    }
}

impl WriterHandle {
    /// Returns once the records are committed, all of them, or with the reason none was.
    pub(crate) async fn append(&self, records: Vec<Record>) -> Result<(), ServerError> {
        let (done, committed) = oneshot::channel();
        let stopped = || ServerError::Log("the log writer has stopped".into());
        self.jobs.send(Job { records, done }).await.map_err(|_| stopped())?;
        committed.await.map_err(|_| stopped())?.map_err(ServerError::Log)
    }

    /// Whether the writer still takes records.
    pub(crate) fn is_running(&self) -> bool {
        !self.jobs.is_closed()
    }
}

/// The writer thread.
#[derive(Debug)]
pub(crate) struct Writer {
    thread: JoinHandle<()>,
}

impl Writer {
    pub(crate) fn start(mut store: Box<dyn Store>) -> Result<(Writer, WriterHandle), ServerError> {
        let (jobs, mut queue) = mpsc::channel::<Job>(QUEUE);
        let thread = std::thread::Builder::new()
            .name("pdp-log-writer".into())
            .spawn(move || {
                // Ends when every handle is dropped and the queue is empty: nothing sent is left.
                while let Some(first) = queue.blocking_recv() {
                    let mut group = vec![first];
                    while group.len() < GROUP {
                        match queue.try_recv() {
                            Ok(job) => group.push(job),
                            Err(_) => break,
                        }
                    }
                    let mut records = Vec::new();
                    let mut waiting = Vec::with_capacity(group.len());
                    for job in group {
                        records.extend(job.records);
                        waiting.push(job.done);
                    }
                    let result = store.append(&records).map_err(|e| e.to_string());
                    if let Err(e) = &result {
                        eprintln!("pdp serve: {e}");
                    }
                    for done in waiting {
                        // A request that timed out no longer waits; its record is written all the same.
                        let _ = done.send(result.clone());
                    }
                }
            })
            .map_err(|e| ServerError::Log(format!("cannot start the log writer: {e}")))?;
        Ok((Writer { thread }, WriterHandle { jobs }))
    }

    /// Waits until every record sent has been written (call once every handle is dropped).
    pub(crate) fn finish(self) -> Result<(), ServerError> {
        self.thread.join().map_err(|_| ServerError::Log("the log writer failed".into()))
    }
}

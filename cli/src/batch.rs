//! `pdp check --jsonl`: many requests in one process, for back-end jobs such as
//! re-checking a day's submissions. One request per line in; one line out for each, in
//! the same order: the verdict, or `{"line": n, "error": {code, field, message}}`.
//!
//! A reader thread reads one line at a time (never more than the request limit of it),
//! a worker per core decides, and this thread writes the answers in input order as soon
//! as each one's turn comes. A line is read only when fewer than a few lines per worker
//! are waiting to be written, so memory stays bounded however long the input is.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;

use pubdata_policy::{append_line, AuditRecord, Error, RejectionRecord, MAX_REQUEST_BYTES};

use crate::check::{Answer, Decider};
use crate::Exit;

/// One input line: its bytes, or how it failed to be one request.
type Line = Result<Vec<u8>, Error>;

/// What one line's answer writes.
struct Done {
    output: String,
    audit: Audit,
    exit: Exit,
}

enum Audit {
    Decided(Box<AuditRecord>),
    Rejected(Box<RejectionRecord>),
    None,
}

pub fn run(file: &Path, policies: Option<&Path>, audit: Option<&Path>) -> Exit {
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let window = workers * 4;
    let (job_tx, job_rx) = sync_channel::<(usize, Line)>(window);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, Done)>(window);
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // The reader owns the sending side: when the input ends, the workers' loop does too.
        let stopping = &stop;
        let reader = scope.spawn(move || read_lines(file, &job_tx, &token_rx, stopping));
        for _ in 0..workers {
            let (done_tx, job_rx, stop) = (done_tx.clone(), &job_rx, &stop);
            let policies = policies.map(Path::to_path_buf);
            scope.spawn(move || decide_lines(policies, job_rx, &done_tx, stop));
        }
        drop(done_tx);
        let written = write_answers(&done_rx, &token_tx, audit);
        if written.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        drop(token_tx);
        drop(done_rx);
        let read = reader.join().unwrap_or_else(|_| Err("the reader stopped".into()));
        match (written, read) {
            (Err(message), _) | (_, Err(message)) => {
                eprintln!("error: {message}");
                Exit::Failure
            }
            (Ok(exit), Ok(())) => exit,
        }
    })
}

/// Reads lines until the input ends, each once a token says there is room for it.
fn read_lines(
    file: &Path,
    jobs: &SyncSender<(usize, Line)>,
    tokens: &Receiver<()>,
    stop: &AtomicBool,
) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot read `{}`: {e}", file.display());
    let mut input: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(file).map_err(cannot)?))
    };
    let mut number = 0;
    while let Some(line) = next_line(&mut input, MAX_REQUEST_BYTES).map_err(cannot)? {
        if tokens.recv().is_err() || stop.load(Ordering::Relaxed) {
            break;
        }
        number += 1;
        if jobs.send((number, line)).is_err() {
            break;
        }
    }
    Ok(())
}

/// The next line without its newline, at most `limit` bytes of it kept: a longer line is
/// read through to its end and discarded. `None` at the end of the input.
fn next_line(input: &mut dyn BufRead, limit: usize) -> std::io::Result<Option<Line>> {
    let (mut line, mut over, mut any) = (Vec::new(), false, false);
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then(|| finish(line, over, limit)));
        }
        any = true;
        let end = buf.iter().position(|b| *b == b'\n');
        let chunk = buf.get(..end.unwrap_or(buf.len())).unwrap_or_default();
        if !over && line.len() + chunk.len() > limit {
            over = true;
            line = Vec::new();
        }
        if !over {
            line.extend_from_slice(chunk);
        }
        let used = chunk.len() + usize::from(end.is_some());
        input.consume(used);
        if end.is_some() {
            return Ok(Some(finish(line, over, limit)));
        }
    }
}

fn finish(line: Vec<u8>, over: bool, limit: usize) -> Line {
    match over {
        true => Err(pubdata_policy::bounded_read::too_large(pubdata_policy::bounded_read::REQUEST, limit)),
        false => Ok(line),
    }
}

fn decide_lines(
    policies: Option<PathBuf>,
    jobs: &Mutex<Receiver<(usize, Line)>>,
    done: &SyncSender<(usize, Done)>,
    stop: &AtomicBool,
) {
    let mut decider = Decider::new(policies);
    loop {
        let job = match jobs.lock() {
            Ok(jobs) => jobs.recv(),
            Err(_) => return,
        };
        let Ok((number, line)) = job else { return };
        if stop.load(Ordering::Relaxed) {
            continue;
        }
        let answer = match &line {
            Ok(bytes) => decider.decide(bytes),
            Err(e) => Answer::Refused(e.clone()),
        };
        let received = line.as_deref().unwrap_or_default();
        if done.send((number, answered(number, answer, received))).is_err() {
            return;
        }
    }
}

fn answered(number: usize, answer: Answer, received: &[u8]) -> Done {
    let error_line = |report: serde_json::Value| serde_json::json!({ "line": number, "error": report }).to_string();
    match answer {
        Answer::Decided(request, verdict) => Done {
            output: serde_json::to_string(&verdict).unwrap_or_default(),
            audit: Audit::Decided(Box::new(AuditRecord::new(&request, &verdict))),
            exit: Exit::Ok,
        },
        Answer::Refused(e) => {
            let exit = crate::check::exit_for(&e);
            Done {
                output: error_line(serde_json::to_value(e.report()).unwrap_or_default()),
                audit: match exit {
                    Exit::BadInput => Audit::Rejected(Box::new(RejectionRecord::new(received, &e))),
                    _ => Audit::None,
                },
                exit,
            }
        }
        Answer::Failed(message) => {
            let report = serde_json::json!({
                "code": "invalid_policies", "field": null, "message": { "zh": message, "en": message }
            });
            Done { output: error_line(report), audit: Audit::None, exit: Exit::Failure }
        }
    }
}

/// Writes each answer when its turn comes, returning a token for each; the exit status:
/// a failure (1) if any line's policies failed, else bad input (2) if any line was bad.
fn write_answers(
    done: &Receiver<(usize, Done)>,
    tokens: &SyncSender<()>,
    audit: Option<&Path>,
) -> Result<Exit, String> {
    let (mut pending, mut next, mut exit) = (BTreeMap::new(), 1, Exit::Ok);
    for (number, answer) in done {
        pending.insert(number, answer);
        while let Some(answer) = pending.remove(&next) {
            let delivered = crate::emit(&format!("{}\n", answer.output));
            let record = match answer.audit {
                Audit::Decided(mut record) => {
                    record.undelivered = delivered.as_ref().err().map(ToString::to_string);
                    Some(record.to_json_line())
                }
                Audit::Rejected(record) => Some(record.to_json_line()),
                Audit::None => None,
            };
            if let (Some(path), Some(record)) = (audit, record) {
                append_line(path, &record)
                    .map_err(|e| format!("cannot append the audit record to `{}`: {e}", path.display()))?;
            }
            delivered.map_err(|e| format!("the verdict of line {next} could not be written: {e}"))?;
            exit = match (exit, answer.exit) {
                (Exit::Failure, _) | (_, Exit::Failure) => Exit::Failure,
                (Exit::BadInput, _) | (_, Exit::BadInput) => Exit::BadInput,
                _ => Exit::Ok,
            };
            next += 1;
            let _ = tokens.send(());
        }
    }
    Ok(exit)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::next_line;

    #[test]
    fn a_line_longer_than_the_limit_is_skipped_to_its_end() {
        let mut input: &[u8] = b"{}\n0123456789abc\n\nlast";
        let mut lines = Vec::new();
        while let Some(line) = next_line(&mut input, 10).unwrap() {
            lines.push(line.map(|l| String::from_utf8(l).unwrap()).map_err(|e| e.to_string()));
        }
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], Ok("{}".into()));
        assert!(lines[1].as_ref().is_err_and(|e| e.contains("more than 10 bytes")));
        assert_eq!(lines[2], Ok(String::new()));
        assert_eq!(lines[3], Ok("last".into()));
    }
}

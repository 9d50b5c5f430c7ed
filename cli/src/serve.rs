//! `pdp serve`: the decision server (the `pdp-server` crate) with the command line's defaults.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use pdp_server::{Config, LogTarget};

use crate::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on; port 0 picks a free one (printed on start).
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The decision log: `sqlite:PATH` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, default_value = "sqlite:pdp-log.db")]
    log: LogTarget,
    /// Decide with the packs of this policies folder (reloaded on SIGHUP and when it
    /// changes) instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// The most requests decided at once; more wait, up to the timeout.
    #[arg(long, default_value_t = 64)]
    max_concurrent: usize,
    /// The longest a request may take, in seconds, its log write included.
    #[arg(long, default_value_t = 10)]
    timeout_secs: u64,
    /// The most requests in one batch.
    #[arg(long, default_value_t = 100)]
    max_batch: usize,
    /// How often the policies folder is looked at for changes, in seconds.
    #[arg(long, default_value_t = 2)]
    watch_secs: u64,
}

pub fn run(args: Args) -> Exit {
    let mut config = Config::new(args.listen, args.log);
    config.policies = args.policies;
    config.max_concurrent = args.max_concurrent;
    config.timeout = Duration::from_secs(args.timeout_secs.max(1));
    config.max_batch = args.max_batch;
    config.watch_interval = Duration::from_secs(args.watch_secs.max(1));
    match pdp_server::serve(config) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Failure
        }
    }
}

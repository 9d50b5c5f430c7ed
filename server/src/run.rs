//! Starting, reloading and draining the server.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::Semaphore;

use crate::config::Config;
use crate::decision_log::{self, Writer, WriterHandle};
use crate::error::ServerError;
use crate::http::{router, Shared};
use crate::metrics::Metrics;
use crate::packs::{fingerprint, Current, Packs};

/// Serves until SIGTERM or SIGINT, then stops taking connections, answers the requests in
/// flight, writes every record they sent and returns. Prints `listening on http://ADDR`
/// on standard output once the port is bound.
pub fn serve(config: Config) -> Result<(), ServerError> {
    let packs = Packs::load(config.policies.as_deref())?;
    let store = decision_log::open(&config.log)?;
    let listen_error =
        |e: std::io::Error| ServerError::Listen { address: config.listen.to_string(), message: e.to_string() };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(listen_error)?;
    let (writer, log) = Writer::start(store)?;
    let served = runtime.block_on(run(&config, packs, log));
    // Ends the reload tasks; the handlers have all answered.
    drop(runtime);
    let written = writer.finish();
    served.and(written)
}

async fn run(config: &Config, packs: Packs, log: WriterHandle) -> Result<(), ServerError> {
    let listen_error =
        |e: std::io::Error| ServerError::Listen { address: config.listen.to_string(), message: e.to_string() };
    let listener = TcpListener::bind(config.listen).await.map_err(listen_error)?;
    let address = listener.local_addr().map_err(listen_error)?;
    let hash = packs.hash().to_owned();
    let count = packs.len();
    let current = Arc::new(Current::new(packs, config.policies.clone()));
    let metrics = Arc::new(Metrics::new());
    let shared = Arc::new(Shared {
        packs: current.clone(),
        log,
        log_name: config.log.to_string(),
        metrics: metrics.clone(),
        permits: Semaphore::new(config.max_concurrent.max(1)),
        timeout: config.timeout,
        max_batch: config.max_batch,
    });
    // Installed before the address is printed: a SIGHUP from then on reloads, never kills.
    let hangup = signal(SignalKind::hangup()).map_err(listen_error)?;
    let terminate = signal(SignalKind::terminate()).map_err(listen_error)?;
    tokio::spawn(reload_on_hangup(hangup, current.clone(), metrics.clone()));
    if config.policies.is_some() {
        tokio::spawn(reload_on_change(current, metrics, config.watch_interval));
    }
    let source = config.policies.as_ref().map_or("built-in".to_owned(), |d| d.display().to_string());
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "pdp serve: listening on http://{address} ({count} packs from {source}, set {}; log {})",
        hash.get(..12).unwrap_or(&hash),
        config.log
    )
    .and_then(|()| out.flush());
    drop(out);
    axum::serve(listener, router(shared)).with_graceful_shutdown(stopped(terminate)).await.map_err(listen_error)?;
    eprintln!("pdp serve: stopped; every answered request is in the log");
    Ok(())
}

async fn stopped(mut terminate: tokio::signal::unix::Signal) {
    tokio::select! {
        _ = terminate.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    eprintln!("pdp serve: draining: answering the requests in flight, then stopping");
}

async fn reload(current: &Arc<Current>, metrics: &Metrics, why: &str) {
    let packs = current.clone();
    let loaded = tokio::task::spawn_blocking(move || packs.reload()).await;
    match loaded {
        Ok(Ok(packs)) => {
            metrics.reloaded(true);
            eprintln!("pdp serve: {why}: policies reloaded, set {}", packs.hash().get(..12).unwrap_or(""));
        }
        Ok(Err(e)) => {
            metrics.reloaded(false);
            eprintln!("pdp serve: {why}: the policies in use stay: {e}");
        }
        Err(e) => {
            metrics.reloaded(false);
            eprintln!("pdp serve: {why}: reload failed: {e}");
        }
    }
}

async fn reload_on_hangup(mut hangup: tokio::signal::unix::Signal, current: Arc<Current>, metrics: Arc<Metrics>) {
    while hangup.recv().await.is_some() {
        reload(&current, &metrics, "SIGHUP").await;
    }
}

async fn reload_on_change(current: Arc<Current>, metrics: Arc<Metrics>, every: Duration) {
    let Some(dir) = current.dir().map(|d| d.to_path_buf()) else { return };
    let look = |dir: std::path::PathBuf| tokio::task::spawn_blocking(move || fingerprint(&dir));
    let Ok(mut seen) = look(dir.clone()).await else { return };
    loop {
        tokio::time::sleep(every).await;
        let Ok(now) = look(dir.clone()).await else { return };
        if now != seen {
            seen = now;
            reload(&current, &metrics, "policies changed").await;
        }
    }
}

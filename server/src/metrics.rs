//! Prometheus metrics: decisions by outcome, latency by endpoint, reloads.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Decision {
    outcome: String,
    jurisdiction: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Endpoint {
    endpoint: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reload {
    result: String,
}

/// The server's metrics and the registry that prints them.
#[derive(Debug)]
pub(crate) struct Metrics {
    registry: Registry,
    decisions: Family<Decision, Counter>,
    latency: Family<Endpoint, Histogram>,
    reloads: Family<Reload, Counter>,
}

impl Metrics {
    pub(crate) fn new() -> Metrics {
        let mut registry = Registry::default();
        let decisions = Family::<Decision, Counter>::default();
        registry.register(
            "pdp_decisions",
            "Decisions logged, by outcome (rejected: no verdict) and jurisdiction",
            decisions.clone(),
        );
        let latency = Family::<Endpoint, Histogram>::new_with_constructor(|| {
            // 0.25 ms … 8 s
            Histogram::new([0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 8.0])
        });
        registry.register(
            "pdp_request_duration_seconds",
            "Time from a request's arrival to its answer, the log write included",
            latency.clone(),
        );
        let reloads = Family::<Reload, Counter>::default();
        registry.register("pdp_reloads", "Reloads of the policies, by result", reloads.clone());
        Metrics { registry, decisions, latency, reloads }
    }

    pub(crate) fn decided(&self, outcome: &str, jurisdiction: Option<&str>) {
        let labels = Decision { outcome: outcome.to_owned(), jurisdiction: jurisdiction.unwrap_or("").to_owned() };
        self.decisions.get_or_create(&labels).inc();
    }

    pub(crate) fn observe(&self, endpoint: &str, seconds: f64) {
        self.latency.get_or_create(&Endpoint { endpoint: endpoint.to_owned() }).observe(seconds);
    }

    pub(crate) fn reloaded(&self, ok: bool) {
        let result = if ok { "ok" } else { "error" };
        self.reloads.get_or_create(&Reload { result: result.to_owned() }).inc();
    }

    /// The Prometheus text format.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        if let Err(e) = encode(&mut out, &self.registry) {
            out = format!("# cannot encode the metrics: {e}\n");
        }
        out
    }
}

// The fixture app's page: decides the requests of /requests.json (a JSON array, which the
// test writes into public/) with the package as a browser gets it, and writes the verdicts
// (or the error) into #verdict. With `?engine=worker`, through "pubdata-policy/worker"
// (the engine in a Web Worker, which Vite bundles from the package's `new Worker(new URL(…))`).
import init, { Engine, bindForm } from "pubdata-policy";

const out = document.getElementById("verdict");
try {
  const requests = await (await fetch("/requests.json")).json();
  if (new URLSearchParams(location.search).get("engine") === "worker") {
    const worker = await import("pubdata-policy/worker");
    const engine = await worker.WorkerEngine.start("ganzi");
    out.textContent = JSON.stringify({
      verdicts: await Promise.all(requests.map((r) => engine.check(r))),
      bindForm: typeof worker.bindForm,
      fromSources: typeof worker.WorkerEngine.fromSources,
    });
  } else {
    await init();
    const engine = new Engine("ganzi");
    out.textContent = JSON.stringify({
      verdicts: requests.map((r) => engine.check(r)),
      bindForm: typeof bindForm,
      fromSources: typeof Engine.fromSources,
    });
  }
} catch (e) {
  out.textContent = `error: ${e?.name ?? e?.code}: ${e?.message?.en ?? e?.message}`;
}
out.dataset.done = "1";

// The fixture app's third page (served by the dev server; `vite build` builds index.html
// only): the forms build without built-in packs, "pubdata-policy/lite", deciding the same
// requests with the package's compiled pack of 甘孜 fetched beside it, as its README says, in
// the page and in the package's worker (handed lite.wasm).
import init, { Engine, bindForm } from "pubdata-policy/lite";
import packUrl from "pubdata-policy/packs/ganzi.json?url";
import liteUrl from "pubdata-policy/lite.wasm?url";
import { WorkerEngine } from "pubdata-policy/worker";

const out = document.getElementById("verdict");
try {
  const pack = fetch(packUrl).then((r) => r.text());
  await init();
  const engine = Engine.fromCompiled(await pack);
  const requests = await (await fetch("/requests.json")).json();
  // The same pack in the package's worker, handed lite.wasm as the README shows.
  const inWorker = await WorkerEngine.fromCompiled(await pack, { module_or_path: liteUrl });
  const verdicts = requests.map((r) => engine.check(r));
  out.textContent = JSON.stringify({
    verdicts,
    workerAgrees: JSON.stringify(await Promise.all(requests.map((r) => inWorker.check(r)))) === JSON.stringify(verdicts),
    bindForm: typeof bindForm,
    fromSources: typeof Engine.fromSources,
    builtin: Engine.jurisdictions,
  });
} catch (e) {
  out.textContent = `error: ${e?.name ?? e?.code}: ${e?.message?.en ?? e?.message}`;
}
out.dataset.done = "1";

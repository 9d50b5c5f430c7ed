// The fixture app's second page (served by the dev server; `vite build` builds index.html
// only): the authors' build, "pubdata-policy/full", decides the same requests and has
// Engine.fromSources.
import init, { Engine } from "pubdata-policy/full";

const out = document.getElementById("verdict");
try {
  await init();
  const engine = new Engine("ganzi");
  const requests = await (await fetch("/requests.json")).json();
  const own = Engine.fromSources(Engine.builtinSources("ganzi"));
  out.textContent = JSON.stringify({
    verdicts: requests.map((r) => engine.check(r)),
    fromSourcesAgrees: requests.every((r) => JSON.stringify(own.check(r).outcome) === JSON.stringify(engine.check(r).outcome)),
    fromSources: typeof Engine.fromSources,
  });
} catch (e) {
  out.textContent = `error: ${e?.name}: ${e?.message}`;
}
out.dataset.done = "1";

// The fixture app's third page (served by the dev server; `vite build` builds index.html
// only): the forms build without built-in packs, "pubdata-policy/lite", deciding the same
// requests with the package's compiled pack of 甘孜 fetched beside it, as its README says.
import init, { Engine, bindForm } from "pubdata-policy/lite";
import packUrl from "pubdata-policy/packs/ganzi.json?url";

const out = document.getElementById("verdict");
try {
  const pack = fetch(packUrl).then((r) => r.text());
  await init();
  const engine = Engine.fromCompiled(await pack);
  const requests = await (await fetch("/requests.json")).json();
  out.textContent = JSON.stringify({
    verdicts: requests.map((r) => engine.check(r)),
    bindForm: typeof bindForm,
    fromSources: typeof Engine.fromSources,
    builtin: Engine.jurisdictions,
  });
} catch (e) {
  out.textContent = `error: ${e?.name ?? e?.code}: ${e?.message?.en ?? e?.message}`;
}
out.dataset.done = "1";

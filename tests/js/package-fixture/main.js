// The fixture app's page: decides the requests of /requests.json (a JSON array, which the
// test writes into public/) with the package as a browser gets it, and writes the verdicts
// (or the error) into #verdict.
import init, { Engine, bindForm } from "pubdata-policy";

const out = document.getElementById("verdict");
try {
  await init();
  const engine = new Engine("ganzi");
  const requests = await (await fetch("/requests.json")).json();
  out.textContent = JSON.stringify({
    verdicts: requests.map((r) => engine.check(r)),
    bindForm: typeof bindForm,
    fromSources: typeof Engine.fromSources,
  });
} catch (e) {
  out.textContent = `error: ${e?.name}: ${e?.message}`;
}
out.dataset.done = "1";

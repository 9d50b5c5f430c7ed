// What both bindForm test pages do around their form, so each page is its markup only (and
// runs under a Content Security Policy without 'unsafe-inline'):
//   bind-form.html       a hand-written form named by the request's JSON Pointers
//   bind-form-site.html  a site's own names and codes, gentle, with inline messages
// The page's form says which (`data-page`). Each records the submits that went through (the
// form data the site's back end would get) and every pdp-verdict, then binds the form with
// its options: to an Engine of the web package in the page, or with `?engine=worker` to a
// WorkerEngine of the npm package's worker entry (worker.test.mjs compares the two).

const OPTIONS = {
  plain: { fields: { data_name: "/resource/name" } },
  site: {
    request: { kind: "share" },
    fields: {
      applyDept: "/requester/name", deptType: "/requester/type", applyDate: "/date", dataName: "/resource/name",
      shareType: "/resource/sharing", inCatalog: "/resource/inCatalog", usePurpose: "/application/purpose",
      useScene: "/application/scenario", needBasis: "/application/needBasis", goal: "/application/businessGoal",
      security: "/application/securityMeasures", promise: "/application/commitment",
    },
    values: {
      "/requester/type": { 1: "department", 2: "public_service_org", 3: "citizen" },
      "/resource/sharing": { 1: "unconditional", 2: "conditional", 3: "none" },
      "/application/purpose": { "01": "duty", "02": "public_service" },
    },
    // The site's Y/N radio is a boolean: a hook for what a code table cannot say.
    transform(request) {
      const c = request.resource?.inCatalog;
      if (c === "Y" || c === "N") request.resource.inCatalog = c === "Y";
      return request;
    },
    gentle: true,
    describe: true,
  },
};

const form = document.getElementById("application");
window.submitted = [];
form.addEventListener("submit", (e) => {
  if (!e.defaultPrevented) window.submitted.push(Object.fromEntries(new FormData(form)));
  e.preventDefault(); // what the page itself does on submit: here, stay on the page
});
window.events = [];
form.addEventListener("pdp-verdict", (e) => {
  window.events.push(e.detail);
  const summary = document.getElementById("summary");
  if (summary) summary.textContent = e.detail.summary?.zh ?? "";
});

try {
  window.options = OPTIONS[form.dataset.page];
  if (new URLSearchParams(location.search).get("engine") === "worker") {
    const pkg = await import("/wasm/npm/forms/worker.js");
    window.pkg = pkg;
    window.binding = pkg.bindForm(form, await pkg.WorkerEngine.start("ganzi"), window.options);
    await window.binding.check(); // the first answer is on the controls
  } else {
    const pkg = await import("/wasm/pkg-web/pubdata_policy_wasm.js");
    await pkg.default();
    window.pkg = pkg;
    window.binding = pkg.bindForm(form, new pkg.Engine("ganzi"), window.options);
  }
  window.pdpReady = "ready";
} catch (e) {
  window.pdpReady = `failed: ${JSON.stringify(e) ?? e}`;
}

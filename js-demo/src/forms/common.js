// What the forms share: `l`, a text in both languages, and the date of application. text.js
// writes the pages' words with `l` too; it lives here so that a form's file, bundled on its
// own, brings nothing else with it.

export const l = (zh, en) => ({ zh, en });

export const date = { name: "/date", label: l("申请日期", "Date of application"), control: "date", today: true };

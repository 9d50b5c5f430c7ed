// What the forms share: a text in both languages, and the date of application.

export const l = (zh, en) => ({ zh, en });

export const date = { name: "/date", label: l("申请日期", "Date of application"), control: "date", today: true };

// The playground's editor (CodeMirror in a shadow root of #editor-host, js-demo/editor/) as
// the Chromium suites use it: its whole text is read through the calls it leaves on its
// host (CodeMirror draws only the lines in view, so the page's text is not the file's);
// it is replaced as an author would: select all (Ctrl+A), then paste. (Typing a long text
// as one keyboard input would have Chromium's own contenteditable editing add style
// attributes, which the page's CSP refuses and CodeMirror then redraws anyway; a paste is
// CodeMirror's to handle.)

/** The text in the editor. */
export function editorText(page) {
  return page.locator("#editor-host").evaluate((host) => host.editor.text());
}

/** Replaces the editor's text: Ctrl+A, then a paste of the new text. */
export async function replaceText(page, text) {
  const content = page.locator("#editor");
  await content.click();
  await page.keyboard.press("Control+A");
  await content.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The id of the focused element, inside the shadow root the focus is in. */
export function focusedId(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id;
  });
}

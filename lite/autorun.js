// Runs a lesson's cells by itself when it opens in the JupyterLite site, also after a reload, so the
// exercises appear without Run All. lite/build.py loads this file from lab/index.html and marks the
// lessons it stages with the notebook metadata {"cursus": {"run_on_open": true}}; other notebooks
// (a student's own) are left alone. A lesson runs once per opened tab, as soon as its kernel exists
// and the lesson is the tab in view (a lesson restored in a background tab runs when it is chosen).
// It needs window.jupyterapp (exposeAppInBrowser in jupyter-lite.json).
(function () {
  "use strict";
  const seen = new WeakSet();
  const waiting = new Set();

  function isLesson(panel) {
    const model = panel.content && panel.content.model;
    const meta = model && model.getMetadata ? model.getMetadata("cursus") : null;
    return !!(meta && meta.run_on_open);
  }

  async function run(app, panel) {
    waiting.delete(panel);
    await panel.sessionContext.ready;
    // The same command as Run All, for this panel, without changing which tab is active.
    await app.commands.execute("notebook:run-all-cells", { widgetId: panel.id, activate: false });
  }

  async function consider(app, panel) {
    if (seen.has(panel) || !panel.context || !panel.sessionContext || !panel.content) return;
    seen.add(panel);
    await panel.context.ready;
    if (panel.isDisposed || !isLesson(panel)) return;
    if (app.shell.currentWidget === panel) await run(app, panel);
    else waiting.add(panel);
  }

  function scan(app) {
    for (const widget of app.shell.widgets("main")) {
      consider(app, widget).catch((err) => console.error("cursus autorun:", err));
    }
    const current = app.shell.currentWidget;
    if (current && waiting.has(current)) run(app, current).catch((err) => console.error("cursus autorun:", err));
  }

  async function start() {
    while (!window.jupyterapp) await new Promise((resolve) => setTimeout(resolve, 50));
    const app = window.jupyterapp;
    await app.restored;
    scan(app);
    app.shell.layoutModified.connect(() => scan(app));
    app.shell.currentChanged.connect(() => scan(app));
  }

  start().catch((err) => console.error("cursus autorun:", err));
})();

"""A native, labelled range input over anchored levels (1 to N) that starts with no level chosen.

The browser side is a plain ``<input type="range">`` with a ``<label for>`` (the accessible name),
``aria-valuetext`` per level, and the browser's own keyboard handling (arrows, Page Up/Down, Home,
End; JupyterLab's cell shortcuts are suppressed on it). It runs through anywidget, whose frontend is
a prebuilt lab extension (JupyterLab, Voila and the JupyterLite site use the same one) and whose
Python side is a pure wheel.

``value`` is ``None`` until the student first moves or clicks the slider: the handle is hidden and
the value text is :attr:`LevelSlider.empty_text`. While untouched, the first arrow key, Home or a
click on the track chooses level 1 (End and Page Up choose the highest level), so a keyboard user
can choose level 1 too even though the hidden handle already stands there.
"""

from __future__ import annotations

from typing import Any

import anywidget
from traitlets import Int, List, TraitError, Unicode, validate

ESM = """
const FIRST = ["ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown", "Home", "PageDown"];
const LAST = ["End", "PageUp"];
let made = 0;

function render({ model, el }) {
  made += 1;
  const id = `cursus-level-slider-${made}-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("cursus-level-slider");
  const label = document.createElement("label");
  label.className = "cursus-level-slider-name";
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.min = "1";
  input.step = "1";
  // JupyterLab binds the arrow keys to moving between cells; on the slider they move the slider
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  const ticks = document.createElement("div");
  ticks.className = "cursus-level-slider-ticks";
  ticks.setAttribute("aria-hidden", "true");
  el.append(label, input, ticks);

  const rated = () => model.get("value") !== null && model.get("value") !== undefined;
  function choose(level) {
    model.set("value", level);
    model.save_changes();
    draw();
  }
  function draw() {
    const top = model.get("top");
    const texts = model.get("value_texts");
    label.textContent = model.get("label");
    input.max = String(top);
    if (ticks.childElementCount !== top) {
      ticks.replaceChildren(...Array.from({ length: top }, (_, i) => {
        const tick = document.createElement("span");
        tick.textContent = String(i + 1);
        return tick;
      }));
    }
    const value = model.get("value");
    input.classList.toggle("cursus-untouched", !rated());
    input.value = String(rated() ? value : 1);
    input.setAttribute("aria-valuetext", rated() ? (texts[value - 1] || String(value)) : model.get("empty_text"));
  }
  input.addEventListener("input", () => choose(Number(input.value)));
  input.addEventListener("click", () => { if (!rated()) choose(Number(input.value)); });
  input.addEventListener("keydown", (event) => {
    if (rated() || event.altKey || event.ctrlKey || event.metaKey) return;
    if (FIRST.includes(event.key)) { event.preventDefault(); choose(1); }
    else if (LAST.includes(event.key)) { event.preventDefault(); choose(model.get("top")); }
  });
  model.on("change:value", draw);
  model.on("change:label", draw);
  model.on("change:value_texts", draw);
  model.on("change:empty_text", draw);
  model.on("change:top", draw);
  draw();
}

export default { render };
"""

#: Colours with at least 3:1 contrast on white for the track and handle, 4.5:1 for the numbers. The handle
#: (22 px + 2 x 3 px border) travels from 16 px to 16 px before the end; each number is centred there.
CSS = """
.cursus-level-slider { display: flex; flex-direction: column; max-width: 34em; margin-top: 0.9em; }
.cursus-level-slider .cursus-level-slider-name { font-weight: bold; line-height: 1.4; margin-bottom: 0.2em; }
.cursus-level-slider input[type=range] { -webkit-appearance: none; appearance: none; width: 100%;
  height: 28px; margin: 0; padding: 0 2px; background: transparent; cursor: pointer; box-sizing: border-box; }
.cursus-level-slider input[type=range]:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
.cursus-level-slider input[type=range]::-webkit-slider-runnable-track { height: 6px; border-radius: 3px;
  background: #767676; }
.cursus-level-slider input[type=range]::-moz-range-track { height: 6px; border-radius: 3px; background: #767676; }
.cursus-level-slider input[type=range]::-webkit-slider-thumb { -webkit-appearance: none; appearance: none;
  width: 22px; height: 22px; margin-top: -8px; border-radius: 50%; background: #1f5fa8; border: 3px solid #ffffff;
  box-shadow: 0 0 0 2px #1f5fa8; }
.cursus-level-slider input[type=range]::-moz-range-thumb { width: 16px; height: 16px; border-radius: 50%;
  background: #1f5fa8; border: 3px solid #ffffff; box-shadow: 0 0 0 2px #1f5fa8; }
.cursus-level-slider input.cursus-untouched::-webkit-slider-thumb { opacity: 0; }
.cursus-level-slider input.cursus-untouched::-moz-range-thumb { opacity: 0; }
.cursus-level-slider .cursus-level-slider-ticks { display: flex; justify-content: space-between;
  padding: 0 6px; color: #4a4a4a; font-size: 0.9em; }
.cursus-level-slider .cursus-level-slider-ticks span { width: 20px; text-align: center; }
"""


class LevelSlider(anywidget.AnyWidget):
    """A labelled slider over levels 1..``top``; ``value`` is None until the student chooses a level."""

    _esm = ESM
    _css = CSS
    value = Int(None, allow_none=True, help="the chosen level (1..top), None while not chosen").tag(sync=True)
    top = Int(4, help="the highest level").tag(sync=True)
    label = Unicode("", help="the visible label and accessible name (plain text)").tag(sync=True)
    value_texts = List(Unicode(), help="what a screen reader says per level (aria-valuetext)").tag(sync=True)
    empty_text = Unicode("", help="what a screen reader says while no level is chosen").tag(sync=True)

    @validate("value")
    def _valid_level(self, proposal: dict[str, Any]) -> int | None:
        level = proposal["value"]
        if level is not None and not 1 <= level <= self.top:
            raise TraitError(f"level must be 1 to {self.top} or None (not {level!r})")
        return level

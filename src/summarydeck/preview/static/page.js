// The preview page: fetch the state, draw it, and fetch it again on every `state` event.
// Everything from the content is set as text (textContent), never as markup.
"use strict";

let shown = -1; // the version on the page

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined && text !== null) made.textContent = text;
  return made;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// "Hint:" as text, not decoration, so it is read out and copied with the hint
function hintLine(text) {
  const line = element("p", "hint");
  line.append(element("strong", "", "Hint:"), ` ${text}`);
  return line;
}

function problemItem(problem) {
  const item = element("li", `problem ${problem.severity}`);
  item.dataset.code = problem.code;
  const head = element("div");
  if (problem.location) head.append(element("span", "where", problem.location), " ");
  head.append(element("span", "code", `${problem.severity} ${problem.code}: `));
  head.append(element("span", "message", problem.message));
  item.append(head);
  if (problem.excerpt) item.append(element("pre", "excerpt", problem.excerpt));
  if (problem.hint) item.append(hintLine(problem.hint));
  return item;
}

function slideItem(slide, failures, stale) {
  const item = element("li", "slide");
  item.id = `slide-${slide.number}`;
  item.dataset.id = slide.id;
  const figure = element("figure");
  const frame = element("div", "frame");
  if (failures.length) {
    item.classList.add("failed");
    const list = element("ol", "slide-problems");
    failures.forEach((p) => list.append(problemItem(p)));
    frame.append(list);
  } else if (slide.picture) {
    const image = element("img");
    image.src = slide.picture;
    image.alt = `Slide ${slide.number}: ${slide.title}${stale ? " (last good build)" : ""}`;
    const link = element("a", "open");
    link.href = slide.picture;
    link.target = "_blank";
    link.rel = "noopener";
    link.append(image);
    frame.append(link);
  } else {
    frame.append(element("p", "pending", `${slide.title}\n(no picture yet)`));
  }
  figure.append(frame);
  const caption = element("figcaption");
  caption.append(element("span", "number", String(slide.number)));
  caption.append(element("span", "title", slide.title));
  caption.append(element("span", "id", slide.id));
  figure.append(caption);
  item.append(figure);
  return item;
}

// the status line is the page's one live region: a screen reader hears each change once
function phaseText(state) {
  if (state.phase === "starting") return "Building the deck…";
  if (state.phase === "rendering") return `Built at ${state.built_at}; drawing the slides…`;
  if (state.phase === "failed") {
    const errors = state.problems.filter((p) => p.severity === "error").length;
    return errors ? `The last build failed: ${plural(errors, "error")}` : "The last build failed";
  }
  return `Built at ${state.built_at}`;
}

function render(state) {
  document.body.dataset.phase = state.phase;
  document.body.dataset.version = String(state.version);
  document.title = `${state.phase === "failed" ? "✗ " : ""}${state.deck || "summarydeck"} · preview`;
  document.getElementById("deck").textContent = state.deck || "summarydeck preview";
  document.getElementById("slide-count").textContent =
    state.slides.length || state.phase === "ready" ? plural(state.slides.length, "slide") : "No slides yet";
  document.getElementById("phase").textContent = phaseText(state);

  const errors = state.problems.filter((p) => p.severity === "error");
  const warnings = state.problems.filter((p) => p.severity !== "error");
  const bySlide = new Map();
  const loose = [];
  for (const p of errors) {
    if (p.slide !== null && state.slides.some((s) => s.number === p.slide)) {
      if (!bySlide.has(p.slide)) bySlide.set(p.slide, []);
      bySlide.get(p.slide).push(p);
    } else {
      loose.push(p);
    }
  }

  const panel = document.getElementById("problems");
  const showPanel = state.phase === "failed" || Boolean(state.message);
  panel.hidden = !showPanel;
  if (showPanel) {
    const placed = [...bySlide.keys()].sort((a, b) => a - b);
    const heading = document.getElementById("problems-heading");
    heading.replaceChildren(errors.length ? plural(errors.length, "error") : "Problem");
    if (placed.length) {
      // each slide a link to its place in the grid, where its errors are shown
      heading.append(`, in place of slide${placed.length === 1 ? "" : "s"} `);
      placed.forEach((number, index) => {
        if (index) heading.append(index === placed.length - 1 ? " and " : ", ");
        const link = element("a", "", String(number));
        link.href = `#slide-${number}`;
        heading.append(link);
      });
    }
    const message = document.getElementById("message");
    message.hidden = !state.message;
    message.textContent = state.message || "";
    const hint = document.getElementById("hint");
    hint.hidden = !state.hint;
    hint.replaceChildren(...(state.hint ? hintLine(state.hint).childNodes : []));
    const list = document.getElementById("problem-list");
    list.replaceChildren(...loose.map(problemItem));
  }

  const warningBox = document.getElementById("warnings");
  warningBox.hidden = warnings.length === 0;
  document.getElementById("warnings-heading").textContent = plural(warnings.length, "warning");
  document.getElementById("warning-list").replaceChildren(...warnings.map(problemItem));

  const stale = state.phase === "failed";
  const note = document.getElementById("stale-note");
  note.hidden = !stale || state.slides.length === 0;
  note.textContent = stale ? `Slides from the last good build, at ${state.built_at}. Fix the errors and save: the page updates by itself.` : "";
  document.getElementById("slides").replaceChildren(
    ...state.slides.map((s) => slideItem(s, bySlide.get(s.number) || [], stale)),
  );
}

async function refresh() {
  const response = await fetch("/state", { cache: "no-store" });
  if (!response.ok) return;
  const state = await response.json();
  if (state.version <= shown) return; // an older answer overtaken by a newer one
  shown = state.version;
  render(state);
}

function listen() {
  const events = new EventSource("/events");
  const lost = document.getElementById("connection");
  events.addEventListener("state", () => refresh());
  events.addEventListener("open", () => {
    lost.hidden = true;
    refresh();
  });
  // the browser reconnects by itself; say so meanwhile
  events.addEventListener("error", () => {
    lost.hidden = false;
  });
}

refresh();
listen();

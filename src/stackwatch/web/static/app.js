// stackwatch dashboard: a little progressive enhancement; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Filters apply as soon as a choice changes (the Apply button stays for typed fields).
  for (const select of document.querySelectorAll("form.filters select, form.filters input[type=checkbox]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // Bring the sentence a link pointed at into the middle of the screen.
  const focus = document.querySelector(".sentence.focus");
  if (focus) {
    focus.scrollIntoView({ block: "center" });
  }
});

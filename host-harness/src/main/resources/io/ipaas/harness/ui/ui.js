// The settings form's small behaviours: profiles as presets, editable lists. No inline scripts (the CSP forbids them).
"use strict";

function listRow(name, value) {
  const row = document.createElement("div");
  row.className = "row";
  const input = document.createElement("input");
  input.type = "text";
  input.name = name;
  input.value = value;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "remove";
  remove.title = "remove";
  remove.textContent = "\u00d7";
  row.append(input, remove);
  return row;
}

function setField(form, key, value) {
  const list = form.querySelector('.list[data-name="' + key + '"]');
  if (list) {
    list.querySelectorAll(".row").forEach((row) => row.remove());
    const add = list.querySelector(".add");
    (Array.isArray(value) ? value : [value]).concat([""]).forEach((item) => list.insertBefore(listRow(key, item), add));
    return;
  }
  form.querySelectorAll('[name="' + key + '"]').forEach((field) => {
    if (field.type === "checkbox") {
      field.checked = value === true;
    } else if (field.type !== "hidden") {
      field.value = value;
    }
  });
  const advanced = form.querySelector('.field[data-key="' + key + '"]');
  if (advanced && advanced.closest("details")) {
    advanced.closest("details").open = true;
  }
}

document.addEventListener("click", (event) => {
  const target = event.target;
  if (target.matches("button.profile")) {
    const form = target.closest("form");
    const values = JSON.parse(target.dataset.profile);
    Object.keys(values).forEach((key) => setField(form, key, values[key]));
    form.querySelectorAll("button.profile").forEach((b) => b.classList.toggle("chosen", b === target));
  } else if (target.matches(".list button.add")) {
    target.parentElement.insertBefore(listRow(target.dataset.add, ""), target);
  } else if (target.matches(".list button.remove")) {
    target.parentElement.remove();
  }
});

// A page that only hands over (to the sign-in page, or back to the dashboard) moves on by itself.
document.addEventListener("DOMContentLoaded", () => {
  const next = document.querySelector("a[data-follow]");
  if (next) {
    window.location.assign(next.href);
  }
});

// Fields shown only while another setting holds one of some values (x-visibleWhen); hidden ones are disabled, so the
// browser does not send them.
function currentValue(form, key) {
  const fields = form.querySelectorAll('[name="' + key + '"]');
  let value;
  fields.forEach((field) => {
    if (field.type === "checkbox") {
      if (field.checked) {
        value = "true";
      }
    } else if (field.type === "hidden") {
      value = value === undefined ? field.value : value;
    } else {
      value = field.value;
    }
  });
  return value === undefined ? "" : value;
}

function applyVisibility(form) {
  form.querySelectorAll(".field[data-visible-when]").forEach((field) => {
    const rule = JSON.parse(field.dataset.visibleWhen);
    const shown = Object.keys(rule).every((key) => rule[key].map(String).includes(currentValue(form, key)));
    field.hidden = !shown;
    field.querySelectorAll("input, select, textarea, button").forEach((input) => { input.disabled = !shown; });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.settings").forEach(applyVisibility);
});
document.addEventListener("change", (event) => {
  const form = event.target.closest("form.settings");
  if (form) {
    applyVisibility(form);
  }
});
document.addEventListener("click", (event) => {
  if (event.target.matches("button.profile")) {
    applyVisibility(event.target.closest("form"));
  }
});

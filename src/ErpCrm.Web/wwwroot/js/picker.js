// Pickers: a searchable choice that shows names and posts ids (the host's partial _Picker, model ErpCrm.Admin.PickerField).
// Markup: div[data-picker][data-picker-url][data-picker-text] around one input[data-picker-input] that holds the id. Without this
// script that input is where the id is typed. With it, the input becomes a WAI-ARIA combobox (the 1.2 pattern: a text input that
// controls a listbox) showing the chosen item's name, and the id moves to a hidden input of the same name. Typing asks the lookup
// URL (?q=text, debounced) for [{id, label, detail}]; up/down move, Enter or a click picks, Escape closes (twice: puts back the
// chosen name), the clear button empties it. Text typed and not picked is posted as typed, so the server checks it as an id as it
// does without JavaScript. Pickers added later (a new line of the entry editor, htmx swaps) are wired as they appear.
(function () {
    "use strict";

    var DELAY = 200;
    var count = 0;

    function wire(root) {
        if (root.dataset.pickerWired) { return; }
        root.dataset.pickerWired = "1";
        var input = root.querySelector("[data-picker-input]");
        if (!input) { return; }
        var n = ++count;
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = input.name;
        hidden.value = input.value;
        input.removeAttribute("name");
        root.appendChild(hidden);
        var chosen = { id: input.value, text: root.dataset.pickerText || input.value };
        input.value = chosen.text;
        input.placeholder = "Search…";
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        var list = document.createElement("ul");
        list.id = "picker-" + n + "-list";
        list.className = "erp-picker-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.getAttribute("aria-label") || "Matches");
        list.hidden = true;
        input.setAttribute("aria-controls", list.id);
        root.appendChild(list);
        var status = document.createElement("span");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        root.appendChild(status);
        var clear = document.createElement("button");
        clear.type = "button";
        clear.className = "erp-picker-clear";
        clear.textContent = "\u00D7";
        clear.setAttribute("aria-label", "Clear " + (input.getAttribute("aria-label") || "choice"));
        root.appendChild(clear);

        var items = [], active = -1, timer = 0, asked = 0, controller = null;

        function showClear() { clear.hidden = hidden.value === "" && input.value === ""; }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function place() {
            var box = input.getBoundingClientRect();
            list.style.left = box.left + "px";
            list.style.top = box.bottom + "px";
            list.style.minWidth = box.width + "px";
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            active = index;
            options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
            if (index >= 0 && options[index]) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(found) {
            items = found;
            list.textContent = "";
            found.forEach(function (item, i) {
                var option = document.createElement("li");
                option.id = list.id + "-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.index = String(i);
                var label = document.createElement("span");
                label.textContent = item.label;
                option.appendChild(label);
                if (item.detail) {
                    var detail = document.createElement("small");
                    detail.textContent = item.detail;
                    option.appendChild(detail);
                }
                list.appendChild(option);
            });
            if (found.length === 0) {
                var none = document.createElement("li");
                none.className = "erp-picker-none";
                none.textContent = "No matches";
                list.appendChild(none);
            }
            status.textContent = found.length === 0 ? "No matches" : found.length + (found.length === 1 ? " match" : " matches");
            place();
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            highlight(found.length > 0 ? 0 : -1);
        }

        function search() {
            var url = root.dataset.pickerUrl;
            var ask = ++asked;
            if (controller) { controller.abort(); }
            controller = new AbortController();
            fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(input.value.trim()),
                { credentials: "same-origin", headers: { Accept: "application/json" }, signal: controller.signal })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (found) {
                    if (ask === asked && document.activeElement === input) { render(Array.isArray(found) ? found : []); }
                })
                .catch(function () { /* aborted by a newer search, or offline: the list stays as it was */ });
        }

        function pick(index) {
            var item = items[index];
            if (!item) { return; }
            chosen = { id: item.id, text: item.label };
            hidden.value = item.id;
            input.value = item.label;
            close();
            showClear();
            hidden.dispatchEvent(new Event("change", { bubbles: true }));
        }

        input.addEventListener("input", function () {
            hidden.value = input.value.trim();
            showClear();
            window.clearTimeout(timer);
            timer = window.setTimeout(search, DELAY);
        });
        input.addEventListener("keydown", function (e) {
            var open = !list.hidden;
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                if (!open) { search(); return; }
                if (items.length === 0) { return; }
                var step = e.key === "ArrowDown" ? 1 : -1;
                highlight((active + step + items.length) % items.length);
            } else if (e.key === "Enter" && open && active >= 0) {
                e.preventDefault();
                pick(active);
            } else if (e.key === "Escape") {
                if (open) {
                    e.preventDefault();
                    close();
                } else if (input.value !== chosen.text) {
                    e.preventDefault();
                    input.value = chosen.text;
                    hidden.value = chosen.id;
                    showClear();
                }
            }
        });
        input.addEventListener("blur", function () { window.clearTimeout(timer); close(); });
        // mousedown, not click: picking before the input's blur closes the list.
        list.addEventListener("mousedown", function (e) {
            var option = e.target.closest("[role=option]");
            e.preventDefault();
            if (option) { pick(parseInt(option.dataset.index, 10)); }
        });
        clear.addEventListener("click", function () {
            chosen = { id: "", text: "" };
            hidden.value = "";
            input.value = "";
            close();
            showClear();
            input.focus();
        });
        window.addEventListener("scroll", function () { if (!list.hidden) { place(); } }, true);
        window.addEventListener("resize", function () { if (!list.hidden) { place(); } });
        showClear();
    }

    function wireAll(node) {
        if (node.nodeType !== 1) { return; }
        if (node.matches("[data-picker]")) { wire(node); }
        node.querySelectorAll("[data-picker]").forEach(wire);
    }

    function start() {
        wireAll(document.body);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) { change.addedNodes.forEach(wireAll); });
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

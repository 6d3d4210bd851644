// The admin shell's small enhancements. Every page works without them.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Charts: each <canvas data-chart="{...}"> holds its widget's data as JSON (encoded by the server).
    function drawCharts(root) {
        if (!window.Chart) { return; }
        root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
            if (canvas.dataset.drawn) { return; }
            canvas.dataset.drawn = "1";
            var model = JSON.parse(canvas.dataset.chart);
            var palette = ["#2459c7", "#e0663d", "#1f9d74", "#a855f7", "#eab308", "#0ea5e9", "#ef4444", "#64748b"];
            var kind = model.kind;
            var datasets = model.series.map(function (s, i) {
                var colors = kind === "doughnut" ? s.values.map(function (_, j) { return palette[j % palette.length]; }) : palette[i % palette.length];
                return { label: s.name, data: s.values, backgroundColor: colors, borderColor: colors, borderWidth: kind === "line" ? 2 : 0, tension: .25, borderRadius: kind === "bar" ? 3 : 0 };
            });
            new window.Chart(canvas, {
                type: kind,
                data: { labels: model.labels, datasets: datasets },
                options: {
                    responsive: true, maintainAspectRatio: false, animation: false,
                    plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
                    scales: kind === "doughnut" ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } }
                }
            });
        });
    }

    // Filters a list as the user types: items carry their searchable text in data-search.
    function wireFilters(root) {
        root.querySelectorAll("input[data-filter]").forEach(function (input) {
            if (input.dataset.wired) { return; }
            input.dataset.wired = "1";
            var scope = document.querySelector(input.dataset.filter);
            var status = document.getElementById(input.getAttribute("aria-controls") + "-status");
            var noun = input.dataset.filterNoun || "feature";
            function apply() {
                var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
                var shown = 0;
                scope.querySelectorAll("[data-search]").forEach(function (item) {
                    var text = item.dataset.search.toLowerCase();
                    var match = words.every(function (w) { return text.indexOf(w) >= 0; });
                    item.hidden = !match;
                    if (match) { shown++; }
                });
                scope.querySelectorAll("[data-filter-group]").forEach(function (group) {
                    group.hidden = group.querySelectorAll("[data-search]:not([hidden])").length === 0;
                });
                if (status) { status.textContent = shown + " " + noun + (shown === 1 ? "" : "s") + " shown"; }
            }
            input.addEventListener("input", apply);
            // Text typed before this script ran (or that the browser restored going back) filters at once.
            if (input.value) { apply(); }
        });
    }

    // Copies the text of the element a button names (data-copy="#id").
    function wireCopy(root) {
        root.querySelectorAll("button[data-copy]").forEach(function (button) {
            button.hidden = false;
            if (button.dataset.wired) { return; }
            button.dataset.wired = "1";
            button.addEventListener("click", function () {
                var text = document.querySelector(button.dataset.copy).textContent.trim();
                navigator.clipboard.writeText(text).then(function () {
                    button.textContent = "Copied";
                    setTimeout(function () { button.textContent = "Copy"; }, 2000);
                });
            });
        });
    }

    // A technical name made from a display name, as the server makes it: the words' letters and digits in PascalCase.
    function suggestName(text) {
        return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map(function (w) { return w[0].toUpperCase() + w.slice(1); })
            .join("").replace(/^[0-9]+/, "").replace(/^[a-z]/, function (c) { return c.toUpperCase(); }).slice(0, 128);
    }

    // Fills a technical name (input[data-name-from="#display"]) from the display name while the user has not typed one of their own.
    function wireNameSuggestions(root) {
        root.querySelectorAll("input[data-name-from]").forEach(function (input) {
            if (input.dataset.wired) { return; }
            input.dataset.wired = "1";
            var source = document.querySelector(input.dataset.nameFrom);
            var suggested = input.value === "" ? "" : null;
            input.addEventListener("input", function () { suggested = input.value === "" ? "" : null; });
            source.addEventListener("input", function () {
                if (suggested === null || input.value !== suggested) { return; }
                suggested = suggestName(source.value);
                input.value = suggested;
            });
        });
    }

    // Moves rows up and down at once: in a [data-reorder] list, each [data-reorder-item] row has buttons [data-move="up"|"down"]
    // and hidden inputs that carry the order; the form saves it. Without JavaScript the same buttons save each move.
    function wireReorder(root) {
        root.querySelectorAll("[data-reorder]").forEach(function (list) {
            if (list.dataset.wired) { return; }
            list.dataset.wired = "1";
            var status = document.getElementById(list.dataset.reorderStatus);
            list.addEventListener("click", function (e) {
                var button = e.target.closest("button[data-move]");
                if (!button || !list.contains(button)) { return; }
                e.preventDefault();
                var row = button.closest("[data-reorder-item]");
                var up = button.dataset.move === "up";
                var other = up ? row.previousElementSibling : row.nextElementSibling;
                if (!other) { return; }
                list.insertBefore(up ? row : other, up ? other : row);
                list.querySelectorAll("[data-position]").forEach(function (cell, i) { cell.textContent = i + 1; });
                button.focus();
                if (status) { status.textContent = row.dataset.reorderItem + " moved " + (up ? "up" : "down") + ". Save to keep the new order."; }
            });
        });
    }

    // Asks before a form does what cannot be undone: form[data-confirm="Reverse on {date}?"] opens a dialog with that question, in
    // which {field} is the value the form's field of that name holds; its button says data-confirm-button. Without JavaScript
    // the form is sent at once, as its page says what it does.
    var confirmDialog = null;
    function askFirst(form, submitter) {
        if (!confirmDialog) {
            confirmDialog = document.createElement("dialog");
            confirmDialog.className = "erp-confirm";
            confirmDialog.setAttribute("aria-labelledby", "erp-confirm-question");
            confirmDialog.innerHTML = '<form method="dialog"><p id="erp-confirm-question"></p><div class="d-flex gap-2 justify-content-end">' +
                '<button type="submit" value="cancel" class="btn btn-link">Cancel</button><button type="submit" value="ok" class="btn btn-danger"></button></div></form>';
            document.body.appendChild(confirmDialog);
        }
        confirmDialog.querySelector("p").textContent = form.dataset.confirm.replace(/\{(\w+)\}/g, function (_, name) {
            var field = form.elements.namedItem(name);
            return field && field.value ? field.value : "…";
        });
        confirmDialog.querySelector("button[value=ok]").textContent = form.dataset.confirmButton || "Confirm";
        confirmDialog.onclose = function () {
            if (confirmDialog.returnValue !== "ok") { return; }
            form.dataset.confirmed = "1";
            form.requestSubmit(submitter || undefined);
        };
        confirmDialog.returnValue = "";
        confirmDialog.showModal();
        confirmDialog.querySelector("button[value=cancel]").focus();
    }
    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (!form.dataset || !form.dataset.confirm || form.dataset.confirmed) { return; }
        e.preventDefault();
        askFirst(form, e.submitter);
    });

    // A form's error summary (the kernel's, data-form-errors): a link to a field focuses the field itself, not only scrolls to it,
    // with its label in view; without JavaScript the link still scrolls there.
    document.addEventListener("click", function (e) {
        var link = e.target.closest && e.target.closest("[data-form-errors] a[href^='#']");
        if (!link) { return; }
        var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
        if (!field || typeof field.focus !== "function") { return; }
        e.preventDefault();
        var label = field.id ? document.querySelector("label[for='" + CSS.escape(field.id) + "']") : null;
        (label || field).scrollIntoView({ block: "center" });
        field.focus({ preventScroll: true });
    });

    // A list's search box refreshes the list as one types (htmx: "input changed delay" from it). Leaving the box also fires change,
    // which the list form's own "change" trigger (for its filters) would answer by asking for the same list again; that swap, landing
    // while a result is being clicked (between the button going down and up), swallows the click. The box's change goes no further.
    document.addEventListener("change", function (e) {
        if (e.target.matches && e.target.matches("form[hx-get] input[type=search]")) { e.stopPropagation(); }
    }, true);

    function enhance(root) { drawCharts(root); wireFilters(root); wireCopy(root); wireNameSuggestions(root); wireReorder(root); }

    // Requests that change something carry the antiforgery token (the layout's meta tag) in its header: the host refuses a
    // cookie-signed POST, PUT, PATCH or DELETE without it, so that no other site can make this browser send one.
    document.addEventListener("htmx:configRequest", function (e) {
        var meta = document.querySelector("meta[name=erp-antiforgery]");
        if (meta && e.detail.verb !== "get") { e.detail.headers[meta.dataset.header] = meta.content; }
    });

    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
    document.addEventListener("htmx:afterSwap", function (e) { enhance(e.target); });
    // A form sent with htmx that is refused answers 400 with itself again, its errors next to its fields (the unit of work rolled
    // back): a form marked data-swap-invalid shows that answer rather than htmx's default of ignoring error answers.
    document.addEventListener("htmx:beforeSwap", function (e) {
        var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
        if (e.detail.xhr.status === 400 && elt && elt.closest && elt.closest("[data-swap-invalid]")) {
            e.detail.shouldSwap = true;
            e.detail.isError = false;
        }
    });
})();

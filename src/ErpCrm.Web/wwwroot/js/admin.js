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
            input.addEventListener("input", function () {
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
                if (status) { status.textContent = shown + (shown === 1 ? " feature" : " features") + " shown"; }
            });
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

    function enhance(root) { drawCharts(root); wireFilters(root); wireCopy(root); }

    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
    document.addEventListener("htmx:afterSwap", function (e) { enhance(e.target); });
})();

// Kanban boards: drag a card to another column to move it. Every card also has its own "Move to" form, which is how a
// keyboard or a browser without JavaScript moves it; dropping a card fills in that form and submits it, so the server
// handles both the same way.
// Markup: a board [data-kanban] holds columns [data-stage="name"], each with a list of cards [data-lead][draggable=true];
// a card's form has a select[name=stage] and posts with htmx, answering the board again. A column [data-lost=true] needs a
// reason: a card dropped on it (or moved to it with its form) opens the board's dialog [data-kanban-lost] instead, whose form
// names the card and asks for the reason; nothing moves until it is sent, and Cancel leaves the card where it was.
// With this script the "Move to" forms are only shown to the keyboard (see .erp-kanban-js in admin.css).
(function () {
    "use strict";
    var dragged = null;
    document.documentElement.classList.add("erp-kanban-js");

    function columnOf(element) { return element && element.closest ? element.closest("[data-kanban] [data-stage]") : null; }

    function isLost(board, stage) {
        var lost = board && board.querySelector("[data-stage][data-lost=true]");
        return !!lost && lost.dataset.stage === stage;
    }

    // Opens the reason dialog for a card; answers whether it did (no dialog: the server refuses the move and says why).
    function askReason(card) {
        var board = card.closest("[data-kanban]");
        var dialog = board && board.querySelector("dialog[data-kanban-lost]");
        var move = card.querySelector("form");
        if (!dialog || !move || typeof dialog.showModal !== "function") { return false; }
        var form = dialog.querySelector("form");
        var reason = form.querySelector("[name=reason]");
        form.querySelector("[name=id]").value = card.dataset.lead;
        form.querySelector("[name=revision]").value = move.querySelector("[name=revision]").value;
        reason.value = "";
        var title = card.querySelector("h3");
        dialog.querySelector("[data-lost-lead]").textContent = title ? title.textContent.trim() : "";
        dialog.showModal();
        reason.focus();
        return true;
    }

    document.addEventListener("click", function (e) {
        var cancel = e.target.closest && e.target.closest("[data-kanban-cancel]");
        if (cancel) { cancel.closest("dialog").close(); }
    });

    // A card's own form moving it to the lost stage asks for the reason too. Captured on the document, so it runs before
    // htmx's listener on the form and stops the move from being sent without one.
    document.addEventListener("submit", function (e) {
        var form = e.target;
        var card = form.closest && form.closest("[data-kanban] [data-lead]");
        var select = card && form.querySelector("select[name=stage]");
        if (!select || !isLost(card.closest("[data-kanban]"), select.value)) { return; }
        if (askReason(card)) {
            e.preventDefault();
            e.stopPropagation();
        }
    }, true);

    document.addEventListener("dragstart", function (e) {
        var card = e.target.closest && e.target.closest("[data-kanban] [data-lead][draggable=true]");
        if (!card) { return; }
        dragged = card;
        card.classList.add("is-dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", card.dataset.lead);
    });

    document.addEventListener("dragend", function () {
        if (dragged) { dragged.classList.remove("is-dragging"); }
        dragged = null;
        document.querySelectorAll("[data-kanban] .is-drop-target").forEach(function (c) { c.classList.remove("is-drop-target"); });
    });

    document.addEventListener("dragover", function (e) {
        var column = columnOf(e.target);
        if (!dragged || !column) { return; }
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        document.querySelectorAll("[data-kanban] .is-drop-target").forEach(function (c) { if (c !== column) { c.classList.remove("is-drop-target"); } });
        column.classList.add("is-drop-target");
    });

    document.addEventListener("drop", function (e) {
        var column = columnOf(e.target);
        var card = dragged;
        if (!card || !column) { return; }
        e.preventDefault();
        // The board the server answers replaces this card, so its dragend may never reach the document: forget it now.
        dragged = null;
        card.classList.remove("is-dragging");
        column.classList.remove("is-drop-target");
        if (columnOf(card) === column) { return; }
        if (column.dataset.lost === "true" && askReason(card)) { return; }
        var form = card.querySelector("form");
        var select = form && form.querySelector("select[name=stage]");
        if (!select) { return; }
        select.value = column.dataset.stage;
        // Show the card where it was dropped at once; the board the server answers replaces it, in its new column or
        // back where it was with the reason.
        var list = column.querySelector("ol, ul");
        if (list) { list.insertBefore(card, list.firstChild); }
        card.setAttribute("aria-busy", "true");
        if (window.htmx) { window.htmx.trigger(form, "submit"); } else { form.requestSubmit(); }
    });

    // The board the server answers keeps the sideways scroll of the one it replaces, so the column a card went to stays in sight.
    var scrolled = 0;
    document.addEventListener("htmx:afterSwap", function () {
        var columns = document.querySelector("[data-kanban] .erp-kanban");
        if (columns && scrolled) { columns.scrollLeft = scrolled; }
        scrolled = 0;
    });

    // A refused move (a stale card, a stage that needs more) answers the board with the reason and a 4xx status: show it.
    document.addEventListener("htmx:beforeSwap", function (e) {
        var target = e.detail.target;
        var columns = target && target.querySelector && target.querySelector(".erp-kanban");
        if (columns && target.hasAttribute("data-kanban")) { scrolled = columns.scrollLeft; }
        if (target && target.hasAttribute && target.hasAttribute("data-kanban") && e.detail.xhr.status >= 400 && e.detail.xhr.status < 500) {
            e.detail.shouldSwap = true;
            e.detail.isError = false;
        }
    });
})();

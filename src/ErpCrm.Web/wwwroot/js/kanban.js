// Kanban boards: drag a card to another column to move it. Every card also has its own "Move to" form, which is how a
// keyboard or a browser without JavaScript moves it; dropping a card fills in that form and submits it, so the server
// handles both the same way.
// Markup: a board [data-kanban] holds columns [data-stage="name"], each with a list of cards [data-lead][draggable=true];
// a card's form has a select[name=stage] and posts with htmx, answering the board again.
(function () {
    "use strict";
    var dragged = null;

    function columnOf(element) { return element && element.closest ? element.closest("[data-kanban] [data-stage]") : null; }

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

    // A refused move (a stale card, a stage that needs more) answers the board with the reason and a 4xx status: show it.
    document.addEventListener("htmx:beforeSwap", function (e) {
        var target = e.detail.target;
        if (target && target.hasAttribute && target.hasAttribute("data-kanban") && e.detail.xhr.status >= 400 && e.detail.xhr.status < 500) {
            e.detail.shouldSwap = true;
            e.detail.isError = false;
        }
    });
})();

// The journal entry editor: the totals of the debits and credits and their difference while the user types, and "Add a line" and
// "Remove" at once. Without it the form still works: those buttons post the form back, and the server shows the totals.
// Markup: form[data-entry-form][data-digits][data-currency] holds tbody[data-lines][data-next-index] of rows tr[data-line-row] with
// inputs [data-amount=debit|credit], a template[data-line-template] row whose names hold "__i__", and outputs [data-total=debit|credit|difference].
// Amounts are read as the server reads them, in the tenant's culture (form[data-decimal][data-group]: digits, thousands grouped by
// three or not at all, an optional decimal separator, at most the currency's decimals), in whole minor units with BigInt, so the sums
// are exact.
(function () {
    "use strict";

    function escape(c) { return c === " " ? "[ \u00A0\u202F]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

    // The amount in minor units, null for an empty input, NaN when it does not read.
    function parse(text, digits, form) {
        text = text.trim();
        if (text === "") { return null; }
        var group = escape(form.dataset.group || ","), point = escape(form.dataset.decimal || ".");
        var match = new RegExp("^\\+?(\\d{1,3}(?:" + group + "\\d{3})+|\\d*)(?:" + point + "(\\d+))?$").exec(text);
        if (!match || (match[1] === "" && !match[2])) { return NaN; }
        var whole = match[1].replace(/\D/g, "") || "0";
        var fraction = (match[2] || "").replace(/0+$/, "");
        if (fraction.length > digits) { return NaN; }
        while (fraction.length < digits) { fraction += "0"; }
        return BigInt(whole + fraction);
    }

    function format(minor, digits, form) {
        var negative = minor < 0n;
        var text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
        var whole = digits > 0 ? text.slice(0, text.length - digits) : text;
        var grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, form.dataset.group || ",");
        return (negative ? "-" : "") + grouped + (digits > 0 ? (form.dataset.decimal || ".") + text.slice(text.length - digits) : "");
    }

    function update(form) {
        var digits = parseInt(form.dataset.digits, 10);
        var currency = form.dataset.currency;
        var totals = { debit: 0n, credit: 0n };
        var unread = false;
        form.querySelectorAll("[data-lines] [data-amount]").forEach(function (input) {
            var value = parse(input.value, digits, form);
            var bad = typeof value === "number" && isNaN(value);
            input.classList.toggle("is-invalid", bad);
            if (bad) { unread = true; } else if (value !== null) { totals[input.dataset.amount] += value; }
        });
        var difference = totals.debit - totals.credit;
        form.querySelector("[data-total=debit]").textContent = format(totals.debit, digits, form);
        form.querySelector("[data-total=credit]").textContent = format(totals.credit, digits, form);
        var output = form.querySelector("[data-total=difference]");
        output.textContent = difference === 0n ? "Balanced"
            : difference > 0n ? format(difference, digits, form) + " " + currency + " more debit than credit"
            : format(-difference, digits, form) + " " + currency + " more credit than debit";
        output.classList.toggle("text-success", difference === 0n);
        output.classList.toggle("text-danger", difference !== 0n);
        var note = form.querySelector("[data-unread]");
        if (note) { note.hidden = !unread; }
    }

    // Numbers the rows and their labels ("Debit of line 2", "Remove line 2") after a row is added or removed.
    function renumber(form) {
        form.querySelectorAll("[data-lines] [data-line-row]").forEach(function (row, i) {
            var number = row.querySelector("[data-line-number]");
            if (number) { number.textContent = i + 1; }
            row.querySelectorAll("[data-label]").forEach(function (el) { el.setAttribute("aria-label", el.dataset.label + " line " + (i + 1)); });
        });
    }

    function addLine(form) {
        var lines = form.querySelector("[data-lines]");
        var template = form.querySelector("template[data-line-template]");
        var index = parseInt(lines.dataset.nextIndex, 10);
        lines.dataset.nextIndex = index + 1;
        var html = template.innerHTML.replace(/__i__/g, String(index));
        var holder = document.createElement("tbody");
        holder.innerHTML = html;
        var row = holder.querySelector("[data-line-row]");
        lines.appendChild(row);
        renumber(form);
        row.querySelector("select, input").focus();
    }

    function wire(form) {
        if (form.dataset.wired) { return; }
        form.dataset.wired = "1";
        form.addEventListener("input", function (e) { if (e.target.matches("[data-amount]")) { update(form); } });
        form.addEventListener("click", function (e) {
            var add = e.target.closest("[data-add-line]");
            if (add) {
                e.preventDefault();
                addLine(form);
                return;
            }
            var remove = e.target.closest("[data-remove-line]");
            if (remove) {
                e.preventDefault();
                var row = remove.closest("[data-line-row]");
                var next = row.nextElementSibling || row.previousElementSibling;
                row.remove();
                renumber(form);
                update(form);
                var focus = next && next.querySelector("[data-remove-line]");
                (focus || form.querySelector("[data-add-line]")).focus();
            }
        });
        update(form);
    }

    document.addEventListener("DOMContentLoaded", function () { document.querySelectorAll("form[data-entry-form]").forEach(wire); });
})();

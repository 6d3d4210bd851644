// The matching page: the chosen lines' debit and credit totals and what a match leaves open, updated as lines are ticked (the
// server's Preview button says the same without JavaScript). Markup: form[data-matching][data-digits] holds checkboxes
// input[data-match-line][data-side=debit|credit][data-open=minor units] and outputs [data-match-total=debit|credit] and
// [data-match-outcome], whose wording is MatchingModel.Outcome's. Sums are of whole minor units with BigInt, so they are exact.
(function () {
    "use strict";

    // Minor units with ',' between thousands, as the ledger's pages write amounts (LedgerPageModel.Amount).
    function format(minor, digits) {
        var text = minor.toString().padStart(digits + 1, "0");
        var whole = digits > 0 ? text.slice(0, text.length - digits) : text;
        return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (digits > 0 ? "." + text.slice(text.length - digits) : "");
    }

    function outcome(debit, credit, digits) {
        if (debit === 0n || credit === 0n) { return "Choose at least one debit and one credit."; }
        if (debit === credit) { return "Fully matched: nothing stays open."; }
        return debit > credit
            ? format(debit - credit, digits) + " of the debits stays open."
            : format(credit - debit, digits) + " of the credits stays open.";
    }

    function update(form) {
        var digits = parseInt(form.dataset.digits, 10);
        var totals = { debit: 0n, credit: 0n };
        form.querySelectorAll("input[data-match-line]").forEach(function (box) {
            if (box.checked) { totals[box.dataset.side] += BigInt(box.dataset.open); }
            var row = box.closest("tr");
            if (row) { row.classList.toggle("table-active", box.checked); }
        });
        form.querySelector("[data-match-total=debit]").textContent = format(totals.debit, digits);
        form.querySelector("[data-match-total=credit]").textContent = format(totals.credit, digits);
        form.querySelector("[data-match-outcome]").textContent = outcome(totals.debit, totals.credit, digits);
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("form[data-matching]").forEach(function (form) {
            if (!form.querySelector("[data-match-outcome]")) { return; }
            form.addEventListener("change", function (e) { if (e.target.matches("input[data-match-line]")) { update(form); } });
            update(form);
        });
    });
})();

// Sorts the tables marked data-sortable by the column whose header button
// is pressed. Progressive enhancement: without this script the tables are
// in rank order and every page works.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table[data-sortable]");
  Array.prototype.forEach.call(tables, function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    var status = document.getElementById(table.getAttribute("data-status"));
    var ths = head.cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      var type = th.getAttribute("data-type");
      if (!type) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        var keys = rows.map(function (row, i) {
          var cell = row.cells[col];
          var v = cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
          if (type === "number") {
            var n = parseFloat(v);
            return { n: isNaN(n) ? null : n, i: i };
          }
          return { s: v.toLowerCase(), i: i };
        });
        keys.sort(function (a, b) {
          var c;
          if (type === "number") {
            if (a.n === null || b.n === null) {
              c = (a.n === null) - (b.n === null);
              return c || a.i - b.i; // empty cells last either way
            }
            c = a.n - b.n;
          } else {
            c = a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
          }
          return (ascending ? c : -c) || a.i - b.i;
        });
        keys.forEach(function (k) { body.appendChild(rows[k.i]); });
        Array.prototype.forEach.call(ths, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        if (status) {
          status.textContent = "Sorted by " + button.textContent.trim() + ", " + (ascending ? "ascending" : "descending") + ".";
        }
      });
    });
  });
})();

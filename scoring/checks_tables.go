package scoring

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the table model.
const (
	maxTableSlots = 200000
	maxSpan       = 1000  // colspan, and col and colgroup span (HTML clamps them to 1000)
	maxRowSpan    = 65534 // rowspan (HTML clamps it to 65534)
	// maxHeaderWork bounds the steps of the header assignment of one
	// table (scans and blocking tests); a table that needs more is left
	// undecided.
	maxHeaderWork = 4000000
)

// tableCell is one cell placed in the table grid.
type tableCell struct {
	e                          *Element
	row, col, rowspan, colspan int
	group                      int // index of the row group (thead, tbody, tfoot) it is anchored in, -1 for none
}

// tableModel is a table laid out as HTML's table processing model forms
// it (rows of thead and tbody in tree order, tfoot rows last; a rowspan
// of 0 or one past the end of its row group stops at that end; colspan
// and rowspan read with the rules for parsing non-negative integers), and
// for ARIA tables rows and cells in order, spans of one.
type tableModel struct {
	cells  []tableCell
	byElem map[*Element]int
	width  int
	height int
	ok     bool // false when the table exceeded the limits
	// slots holds, row by row, the cell covering each slot: its index
	// in cells, -1 for none, -2 for more than one (a table model error,
	// which HTML's header scan steps over). A row may be shorter than the
	// table: the slots past its end are empty.
	slots [][]int32
	// colGroups are the column groups of the <colgroup> elements, as
	// [first, end) column ranges.
	colGroups [][2]int
}

// slot returns the cell covering slot (x, y), as tableModel.slots holds it.
func (tm *tableModel) slot(x, y int) int32 {
	if y < 0 || y >= len(tm.slots) || x < 0 || x >= len(tm.slots[y]) {
		return -1
	}
	return tm.slots[y][x]
}

// elementKids calls f for each element child of n, in order.
func (p *Page) elementKids(n *html.Node, f func(c *Element)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if ce := p.Elem(c); ce != nil {
				f(ce)
			}
		}
	}
}

// rowCells returns the td and th children of a row: HTMLTableRowElement's
// cells.
func (p *Page) rowCells(tr *Element) []*Element {
	var cells []*Element
	p.elementKids(tr.Node, func(c *Element) {
		if isHTML(c, atom.Td) || isHTML(c, atom.Th) {
			cells = append(cells, c)
		}
	})
	return cells
}

// table returns the model of a table element (memoised per page).
func (p *Page) table(t *Element) *tableModel {
	m := p.Memo("tables", func() any { return map[*Element]*tableModel{} }).(map[*Element]*tableModel)
	if tm, ok := m[t]; ok {
		return tm
	}
	tm := &tableModel{byElem: map[*Element]int{}, ok: true}
	m[t] = tm
	// A segment is a row group's rows (group >= 0), or a run of rows that
	// are children of the table itself (group -1, which the HTML parser
	// never makes: it puts them in a tbody).
	type segment struct {
		rows  []*Element
		group int
	}
	var segs []segment
	isTable := isHTML(t, atom.Table)
	if isTable {
		var foot []*Element
		groups := 0
		rowsSeen := false
		trsOf := func(g *Element) []*Element {
			var trs []*Element
			p.elementKids(g.Node, func(tr *Element) {
				if isHTML(tr, atom.Tr) {
					trs = append(trs, tr)
				}
			})
			return trs
		}
		p.elementKids(t.Node, func(c *Element) {
			switch {
			case isHTML(c, atom.Colgroup) && !rowsSeen:
				tm.addColGroup(p, c)
			case isHTML(c, atom.Tr):
				rowsSeen = true
				if n := len(segs); n > 0 && segs[n-1].group < 0 {
					segs[n-1].rows = append(segs[n-1].rows, c)
				} else {
					segs = append(segs, segment{rows: []*Element{c}, group: -1})
				}
			case isHTML(c, atom.Thead), isHTML(c, atom.Tbody):
				rowsSeen = true
				segs = append(segs, segment{rows: trsOf(c), group: groups})
				groups++
			case isHTML(c, atom.Tfoot):
				rowsSeen = true
				foot = append(foot, c)
			}
		})
		for _, f := range foot {
			segs = append(segs, segment{rows: trsOf(f), group: groups})
			groups++
		}
	} else {
		var rows []*Element
		var collect func(x *Element, depth int)
		collect = func(x *Element, depth int) {
			for _, c := range p.owned(x) {
				switch {
				case c.Role == "row":
					rows = append(rows, c)
				case c.Role == "rowgroup" && depth < 4:
					collect(c, depth+1)
				}
			}
		}
		collect(t, 0)
		segs = append(segs, segment{rows: rows, group: -1})
	}
	used := 0
	y := 0
	for _, sg := range segs {
		end := y + len(sg.rows)
		for _, tr := range sg.rows {
			var cells []*Element
			if isTable {
				cells = p.rowCells(tr)
			} else {
				for _, cc := range p.owned(tr) {
					switch cc.Role {
					case "cell", "gridcell", "columnheader", "rowheader":
						cells = append(cells, cc)
					}
				}
			}
			for len(tm.slots) <= y {
				tm.slots = append(tm.slots, nil)
			}
			x := 0
			for _, c := range cells {
				for tm.slot(x, y) != -1 {
					x++
				}
				cs, rs := 1, 1
				if isTable {
					cs, rs = colSpan(c), rowSpan(c)
				}
				if rs == 0 || y+rs > end {
					rs = end - y // grows to the end of its row group
				}
				if used += cs * rs; used > maxTableSlots {
					tm.ok = false
					p.Limited = true
					return tm
				}
				i := int32(len(tm.cells))
				for dy := 0; dy < rs; dy++ {
					for len(tm.slots) <= y+dy {
						tm.slots = append(tm.slots, nil)
					}
					row := tm.slots[y+dy]
					for len(row) < x+cs {
						row = append(row, -1)
					}
					for dx := 0; dx < cs; dx++ {
						if row[x+dx] == -1 {
							row[x+dx] = i
						} else {
							row[x+dx] = -2
						}
					}
					tm.slots[y+dy] = row
				}
				tm.byElem[c] = len(tm.cells)
				tm.cells = append(tm.cells, tableCell{e: c, row: y, col: x, rowspan: rs, colspan: cs, group: sg.group})
				x += cs
				tm.width = max(tm.width, x)
			}
			y++
		}
		tm.height = max(tm.height, y)
	}
	return tm
}

// addColGroup adds the column group of a <colgroup>: the spans of its
// <col> children, or its own span when it has none.
func (tm *tableModel) addColGroup(p *Page, g *Element) {
	start := 0
	if n := len(tm.colGroups); n > 0 {
		start = tm.colGroups[n-1][1]
	}
	w, cols := 0, false
	p.elementKids(g.Node, func(c *Element) {
		if isHTML(c, atom.Col) {
			cols = true
			w += spanAttr(c, "span")
		}
	})
	if !cols {
		w = spanAttr(g, "span")
	}
	tm.colGroups = append(tm.colGroups, [2]int{start, start + w})
}

// spanAttr reads a colspan or span attribute as HTML reflects it: 1 when
// missing, invalid or 0, at most 1000.
func spanAttr(e *Element, key string) int {
	v, ok := e.Attr(key)
	if !ok {
		return 1
	}
	n, ok := parseNonNegInt(v)
	if !ok || n < 1 {
		return 1
	}
	return min(n, maxSpan)
}

func colSpan(e *Element) int { return spanAttr(e, "colspan") }

// rowSpan reads a rowspan attribute as HTML does: 1 when missing or
// invalid, 0 (to the end of the row group) when 0, at most 65534.
func rowSpan(e *Element) int {
	v, ok := e.Attr("rowspan")
	if !ok {
		return 1
	}
	n, ok := parseNonNegInt(v)
	if !ok {
		return 1
	}
	return min(n, maxRowSpan)
}

// semanticTable returns the table that a cell belongs to, when that table
// is exposed as a table, grid or treegrid.
func (p *Page) semanticTable(e *Element) *Element {
	if isHTML(e, atom.Td) || isHTML(e, atom.Th) {
		t := p.tableOf(e)
		if t == nil || !(t.Role == "table" || t.Role == "grid" || t.Role == "treegrid") {
			return nil
		}
		return t
	}
	for a := e.Parent; a != nil; a = a.Parent {
		switch a.Role {
		case "table", "grid", "treegrid":
			return a
		}
	}
	return nil
}

// Header scopes: the states of th's scope attribute, which an explicit
// role columnheader or rowheader sets as col or row.
const (
	scopeAuto = iota
	scopeRow
	scopeCol
	scopeRowGroup
	scopeColGroup
)

// tableHeaders is the outcome of HTML's algorithm for assigning header
// cells (HTML, "Forming relationships between data cells and header
// cells") over a table's model, run for every cell of the table.
type tableHeaders struct {
	ok bool // false when the table exceeded the limits
	// Per cell of the model:
	header   []bool // a header cell: role columnheader or rowheader
	empty    []bool // empty in HTML's sense: no element, only white space
	colHdr   []bool // a column header (scope col, or auto with no data cell in its rows)
	rowHdr   []bool // a row header (scope row, or auto, not a column header, with no data cell in its columns)
	groupHdr []bool // a row group header or column group header
	assigned []bool // some cell has it in its header list
}

// tableHeaders returns the header assignment of a table (memoised per
// page). Header cells are the cells whose role is columnheader or
// rowheader: th as HTML-AAM maps it, and td or ARIA cells given those
// roles, whose scope the role sets. ACT d0f69e asks whether each header
// is assigned to a cell by this algorithm.
func (p *Page) tableHeaders(t *Element) *tableHeaders {
	m := p.Memo("tableHeaders", func() any { return map[*Element]*tableHeaders{} }).(map[*Element]*tableHeaders)
	if th, ok := m[t]; ok {
		return th
	}
	tm := p.table(t)
	th := &tableHeaders{ok: tm.ok}
	m[t] = th
	if !tm.ok {
		return th
	}
	n := len(tm.cells)
	th.header, th.empty = make([]bool, n), make([]bool, n)
	th.colHdr, th.rowHdr, th.groupHdr, th.assigned = make([]bool, n), make([]bool, n), make([]bool, n), make([]bool, n)
	scope := make([]int, n)
	rowData, colData := make([]bool, tm.height), make([]bool, tm.width)
	for i, c := range tm.cells {
		th.empty[i] = emptyCell(c.e.Node)
		switch c.e.Role {
		case "columnheader", "rowheader":
			th.header[i] = true
		default:
			for y := c.row; y < c.row+c.rowspan; y++ {
				rowData[y] = true
			}
			for x := c.col; x < c.col+c.colspan; x++ {
				colData[x] = true
			}
			continue
		}
		switch {
		case c.e.RoleAttr == "columnheader":
			scope[i] = scopeCol
		case c.e.RoleAttr == "rowheader":
			scope[i] = scopeRow
		case !isHTML(c.e, atom.Th):
			if c.e.Role == "columnheader" {
				scope[i] = scopeCol
			} else {
				scope[i] = scopeRow
			}
		default:
			switch strings.ToLower(strings.TrimSpace(attrVal(c.e.Node, "scope"))) {
			case "row":
				scope[i] = scopeRow
			case "col":
				scope[i] = scopeCol
			case "rowgroup":
				scope[i] = scopeRowGroup
			case "colgroup":
				scope[i] = scopeColGroup
			}
		}
	}
	cg := make([]int, tm.width) // the column group of each column, -1 for none
	for x := range cg {
		cg[x] = -1
	}
	for g, r := range tm.colGroups {
		for x := r[0]; x < r[1] && x < tm.width; x++ {
			cg[x] = g
		}
	}
	colGroupOf := func(x int) int { return cg[x] }
	var rgHeaders, cgHeaders []int
	for i, c := range tm.cells {
		if !th.header[i] {
			continue
		}
		hasData := func(data []bool, from, n int) bool {
			for k := from; k < from+n && k < len(data); k++ {
				if data[k] {
					return true
				}
			}
			return false
		}
		th.colHdr[i] = scope[i] == scopeCol || (scope[i] == scopeAuto && !hasData(rowData, c.row, c.rowspan))
		th.rowHdr[i] = scope[i] == scopeRow || (scope[i] == scopeAuto && !th.colHdr[i] && !hasData(colData, c.col, c.colspan))
		switch {
		case scope[i] == scopeRowGroup && c.group >= 0:
			th.groupHdr[i] = true
			rgHeaders = append(rgHeaders, i)
		case scope[i] == scopeColGroup && colGroupOf(c.col) >= 0:
			th.groupHdr[i] = true
			cgHeaders = append(cgHeaders, i)
		}
	}
	// The scans step over empty slots and slots of overlapping cells, and
	// a run of data cells acts as one: each line (column or row) is kept
	// as its header cells and runs of data cells, in order.
	type event struct {
		pos  int
		cell int32 // a header cell, or -1 for a run of data cells
	}
	// A line is a column or a row: its events, and the indexes of the
	// events of the headers that its scans can assign (column headers for
	// a column, row headers for a row), of which those before lo are
	// assigned already. A scan stops at the first of those not assigned:
	// before it, there is nothing left for it to do.
	type scanLine struct {
		ev   []event
		cand []int
		lo   int
	}
	line := func(n int, at func(k int) int32, can []bool) *scanLine {
		l := &scanLine{}
		for k := 0; k < n; k++ {
			s := at(k)
			if s < 0 {
				continue
			}
			if !th.header[s] {
				s = -1
			}
			if m := len(l.ev); m > 0 && l.ev[m-1].cell == s {
				continue
			}
			if s >= 0 && can[s] && !th.empty[s] {
				l.cand = append(l.cand, len(l.ev))
			}
			l.ev = append(l.ev, event{pos: k, cell: s})
		}
		return l
	}
	cols := make([]*scanLine, tm.width)
	for x := range cols {
		cols[x] = line(tm.height, func(y int) int32 { return tm.slot(x, y) }, th.colHdr)
	}
	rows := make([]*scanLine, len(tm.slots))
	for y := range rows {
		rows[y] = line(len(tm.slots[y]), func(x int) int32 { return tm.slot(x, y) }, th.rowHdr)
	}
	work := 0
	left := 0 // headers not yet assigned
	for i := range tm.cells {
		if th.header[i] && !th.empty[i] {
			left++
		}
	}
	assign := func(principal, h int) {
		if h != principal && !th.empty[h] && !th.assigned[h] {
			th.assigned[h] = true
			if th.header[h] {
				left--
			}
		}
	}
	// scan is HTML's internal algorithm for scanning and assigning header
	// cells, from a principal cell along a column (vertical) or a row,
	// towards its start, from position from.
	var opaque, block []int
	scan := func(principal int, l *scanLine, from int, vertical bool) {
		for l.lo < len(l.cand) && th.assigned[l.ev[l.cand[l.lo]].cell] {
			l.lo++
		}
		if l.lo == len(l.cand) {
			return
		}
		stop := l.cand[l.lo]
		ev := l.ev
		k := sort.Search(len(ev), func(k int) bool { return ev[k].pos >= from }) - 1
		opaque, block = opaque[:0], block[:0]
		inBlock := th.header[principal]
		if inBlock {
			block = append(block, principal)
		}
		for ; k >= stop; k-- {
			s := int(ev[k].cell)
			if s < 0 {
				if inBlock {
					inBlock = false
					opaque = append(opaque, block...)
					block = block[:0]
				}
				continue
			}
			inBlock = true
			block = append(block, s)
			c := tm.cells[s]
			blocked := false
			work += len(opaque) + 1
			if vertical {
				blocked = !th.colHdr[s]
				for _, o := range opaque {
					if tm.cells[o].col == c.col && tm.cells[o].colspan == c.colspan {
						blocked = true
						break
					}
				}
			} else {
				blocked = !th.rowHdr[s]
				for _, o := range opaque {
					if tm.cells[o].row == c.row && tm.cells[o].rowspan == c.rowspan {
						blocked = true
						break
					}
				}
			}
			if !blocked {
				assign(principal, s)
			}
		}
	}
	for i, c := range tm.cells {
		if left == 0 {
			break
		}
		if work > maxHeaderWork {
			th.ok = false
			p.Limited = true
			return th
		}
		if v, ok := c.e.Attr("headers"); ok {
			// The cells the ids name, and no others: the first element with
			// each id, when it is a cell of this table.
			for k, id := range strings.Fields(v) {
				if k >= 256 {
					break
				}
				if h, ok := tm.byElem[p.ByID(id)]; ok {
					assign(i, h)
				}
			}
			continue
		}
		for y := c.row; y < c.row+c.rowspan && y < len(rows); y++ {
			scan(i, rows[y], c.col, false)
		}
		for x := c.col; x < c.col+c.colspan; x++ {
			scan(i, cols[x], c.row, true)
		}
		work += len(rgHeaders) + len(cgHeaders)
		for _, h := range rgHeaders {
			if hc := tm.cells[h]; hc.group == c.group && hc.col <= c.col+c.colspan-1 && hc.row <= c.row+c.rowspan-1 {
				assign(i, h)
			}
		}
		if g := colGroupOf(c.col); g >= 0 {
			for _, h := range cgHeaders {
				if hc := tm.cells[h]; colGroupOf(hc.col) == g && hc.col <= c.col+c.colspan-1 && hc.row <= c.row+c.rowspan-1 {
					assign(i, h)
				}
			}
		}
	}
	return th
}

// emptyCell reports whether a cell is empty as HTML's table model says:
// it contains no elements, and its text is white space or nothing.
func emptyCell(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			return false
		case html.TextNode:
			if strings.Trim(c.Data, htmlSpace) != "" {
				return false
			}
		}
	}
	return true
}

// dataTable is what axe-core's isDataTable heuristic says of a table.
type dataTable int8

const (
	layoutTable  dataTable = iota // not a data table
	isDataTable                   // a data table
	maybeDataTbl                  // the heuristic goes on to computed styles or layout
)

// domRows returns a table's rows in the order of HTMLTableElement.rows:
// the thead rows, then the rows of the table itself and of its tbody
// elements in tree order, then the tfoot rows.
func (p *Page) domRows(t *Element) []*Element {
	var head, body, foot []*Element
	p.elementKids(t.Node, func(c *Element) {
		switch {
		case isHTML(c, atom.Tr):
			body = append(body, c)
		case isHTML(c, atom.Thead), isHTML(c, atom.Tbody), isHTML(c, atom.Tfoot):
			p.elementKids(c.Node, func(tr *Element) {
				if !isHTML(tr, atom.Tr) {
					return
				}
				switch {
				case isHTML(c, atom.Thead):
					head = append(head, tr)
				case isHTML(c, atom.Tfoot):
					foot = append(foot, tr)
				default:
					body = append(body, tr)
				}
			})
		}
	})
	return append(append(head, body...), foot...)
}

// dataTable ports the HTML half of axe-core's isDataTable (axe-core
// 4.14.1, commons/table/is-data-table.js), which axe's rules with the
// data-table-matches filter (table-fake-caption, th-has-data-cells) apply
// to: in its order, a presentational table (role none or presentation, not
// focusable) is not a data table; one in or with contenteditable="true", with
// role grid, treegrid, table or a landmark role, a summary, a thead, tfoot,
// caption or colgroup, a th, a cell with scope, headers or abbr, a
// columnheader or rowheader role or an abbr as its only child is one;
// datatable="0" (before the summary), a nested table, fewer than two rows,
// or a middle row of one cell that spans nothing make it a layout table;
// and a middle row of five cells or more makes it a data table.
//
// From there axe-core reads what HTML does not decide: it calls the table
// a data table when a cell has a border (offsetWidth differs from
// clientWidth) or when rows differ in computed background, then when it
// has twenty rows or more; a layout table when it is wider than 95% of
// the viewport; then a layout table when it has fewer than ten cells or
// an object, embed, iframe or applet, a data table otherwise. Of those,
// only twenty rows decides whatever the styles (borders and backgrounds
// only ever say data table); every other table that gets so far depends
// on computed styles or layout, which the HTML cannot tell, and is
// maybeDataTbl: the rules return cantTell where that decides.
func (p *Page) dataTable(t *Element) dataTable {
	m := p.Memo("dataTables", func() any { return map[*Element]dataTable{} }).(map[*Element]dataTable)
	if d, ok := m[t]; ok {
		return d
	}
	d := p.isDataTable(t)
	m[t] = d
	return d
}

func (p *Page) isDataTable(t *Element) dataTable {
	role := t.RoleAttr
	if (role == "none" || role == "presentation") && !p.Focusable(t) {
		return layoutTable
	}
	if attrVal(t.Node, "contenteditable") == "true" {
		return isDataTable
	}
	for a := t.Parent; a != nil; a = a.Parent {
		if attrVal(a.Node, "contenteditable") == "true" {
			return isDataTable
		}
	}
	if role == "grid" || role == "treegrid" || role == "table" || (role != "" && isA(role, "landmark")) {
		return isDataTable
	}
	if v, ok := t.Attr("datatable"); ok && v == "0" {
		return layoutTable
	}
	if attrVal(t.Node, "summary") != "" {
		return isDataTable
	}
	data := false
	p.elementKids(t.Node, func(c *Element) {
		data = data || isHTML(c, atom.Thead) || isHTML(c, atom.Tfoot) || isHTML(c, atom.Caption) || isHTML(c, atom.Colgroup)
	})
	if data {
		return isDataTable
	}
	rows := p.domRows(t)
	cells := 0
	for _, tr := range rows {
		for _, c := range p.rowCells(tr) {
			if isHTML(c, atom.Th) || attrVal(c.Node, "scope") != "" || attrVal(c.Node, "headers") != "" || attrVal(c.Node, "abbr") != "" ||
				c.RoleAttr == "columnheader" || c.RoleAttr == "rowheader" {
				return isDataTable
			}
			var only *Element
			kids := 0
			p.elementKids(c.Node, func(k *Element) { kids++; only = k })
			if kids == 1 && isHTML(only, atom.Abbr) {
				return isDataTable
			}
			cells++
		}
	}
	for _, d := range p.Sel(t).Find("table").Nodes {
		if d.Namespace == "" {
			return layoutTable
		}
	}
	if len(rows) < 2 {
		return layoutTable
	}
	sample := p.rowCells(rows[(len(rows)+1)/2])
	if len(sample) == 1 && colSpan(sample[0]) == 1 {
		return layoutTable
	}
	if len(sample) >= 5 {
		return isDataTable
	}
	// Borders and row backgrounds (computed styles) would say data table
	// here; twenty rows says it whatever they are.
	if len(rows) >= 20 {
		return isDataTable
	}
	// The table's width against the viewport (layout), and after it the
	// cell count and embedded objects, decide only for a table without
	// those borders and backgrounds.
	return maybeDataTbl
}

// cellIDs returns the ids of a table's cells (memoised per page), nil
// when the table exceeded the limits of its model.
func (p *Page) cellIDs(t *Element) map[string]bool {
	m := p.Memo("tableCellIDs", func() any { return map[*Element]map[string]bool{} }).(map[*Element]map[string]bool)
	if ids, ok := m[t]; ok {
		return ids
	}
	var ids map[string]bool
	if tm := p.table(t); tm.ok {
		ids = map[string]bool{}
		for _, c := range tm.cells {
			if id, ok := c.e.Attr("id"); ok && id != "" {
				ids[id] = true
			}
		}
	}
	m[t] = ids
	return ids
}

// checkHeadersAttr is ACT a25f45: each token of a cell's headers attribute
// is the id of a cell of the same table (a cell of the table that bears
// it, whether or not an element earlier in the document bears it too: the
// ACT rule's expectation, and axe-core's), and not the cell's own id.
func checkHeadersAttr(p *Page, e *Element) Outcome {
	v, ok := e.Attr("headers")
	if !ok || strings.TrimSpace(v) == "" || e.Hidden() {
		return Inapplicable
	}
	t := p.semanticTable(e)
	if t == nil {
		return Inapplicable
	}
	ids := p.cellIDs(t)
	if ids == nil {
		return CantTell
	}
	own := attrVal(e.Node, "id")
	for i, id := range strings.Fields(v) {
		if i > 256 {
			break
		}
		if id == own || !ids[id] {
			return Failed
		}
	}
	return Passed
}

// checkHeaderHasCells is ACT d0f69e: a column or row header of a table or
// grid in the accessibility tree is assigned to at least one cell, as
// HTML's algorithm for assigning header cells assigns them (a cell with a
// headers attribute gets the cells it names, and no others).
func checkHeaderHasCells(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	t := p.semanticTable(e)
	if t == nil {
		return Inapplicable
	}
	tm := p.table(t)
	if !tm.ok {
		return CantTell
	}
	i, ok := tm.byElem[e]
	if !ok {
		return Inapplicable
	}
	h := p.tableHeaders(t)
	if !h.ok {
		return CantTell
	}
	if h.empty[i] {
		// HTML leaves empty cells out of every header list, so an empty
		// header is never assigned; but it heads nothing either, and
		// empty-table-header reports it. The ACT rule's revision "Non-empty
		// table header cell is assigned to a cell" makes it inapplicable
		// (its inapplicable example 12), and axe-core skips it.
		return Inapplicable
	}
	if e.RoleAttr == "" && isHTML(e, atom.Th) && !h.colHdr[i] && !h.rowHdr[i] && !h.groupHdr[i] {
		// A th that HTML's table model makes neither a column header nor
		// a row header (auto scope, with data cells in both its row and
		// its column) is a cell: HTML-AAM maps "th (is neither column
		// header nor row header)" to cell or gridcell.
		return Inapplicable
	}
	return outcome(h.assigned[i])
}

// checkFakeCaption is axe-core's table-fake-caption (check caption-faked)
// on the tables its isDataTable calls data tables: a table of two rows or
// more whose first row is a single cell spanning two columns or more uses
// that row as its caption. Like axe-core it makes no exception for a table
// that also has a <caption> or has no header cells: neither H39 (caption
// elements for data table captions) nor F46 (table markup in layout
// tables) says a spanning first row is not a faked caption then. A table
// that axe-core would decide by computed styles or layout is cantTell
// when its first row fakes a caption.
func checkFakeCaption(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Table) || e.Hidden() {
		return Inapplicable
	}
	d := p.dataTable(e)
	if d == layoutTable {
		return Inapplicable
	}
	if hasCaption(p, e) {
		return Passed // a table with a caption fakes none: its spanning first row heads the columns
	}
	rows := p.domRows(e)
	faked := false
	if len(rows) >= 2 {
		first := p.rowCells(rows[0])
		faked = len(first) == 1 && colSpan(first[0]) >= 2
	}
	if d == maybeDataTbl {
		if faked {
			return CantTell
		}
		return Inapplicable // a data table that passes, or a layout table
	}
	return outcome(!faked)
}

func checkEmptyTableHeader(p *Page, e *Element) Outcome {
	if e.Hidden() || p.semanticTable(e) == nil {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

// tableCaption returns a table's caption: its first <caption> child
// (HTML, the table element's caption IDL attribute), or nil.
func (p *Page) tableCaption(t *Element) *Element {
	var caption *Element
	p.childElements(t, func(c *Element) bool {
		if isHTML(c, atom.Caption) {
			caption = c
		}
		return caption == nil
	})
	return caption
}

// hasCaption reports whether a table has a caption with text.
func hasCaption(p *Page, t *Element) bool {
	c := p.tableCaption(t)
	return c != nil && strings.TrimSpace(textContent(c.Node, 256)) != ""
}

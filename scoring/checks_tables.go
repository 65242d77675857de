package scoring

import (
	"strconv"
	"strings"

	"golang.org/x/net/html/atom"
)

// Limits of the table model.
const (
	maxTableSlots = 200000
	maxSpan       = 1000
)

// tableCell is one cell placed in the table grid.
type tableCell struct {
	e                          *Element
	row, col, rowspan, colspan int
}

// tableModel is a table laid out as the HTML table algorithm does (for
// ARIA tables: rows and cells in order, spans of one).
type tableModel struct {
	cells  []tableCell
	byElem map[*Element]int
	width  int
	height int
	ok     bool // false when the table exceeded the limits
}

// table returns the model of a table element (memoised per page).
func (p *Page) table(t *Element) *tableModel {
	m := p.Memo("tables", func() any { return map[*Element]*tableModel{} }).(map[*Element]*tableModel)
	if tm, ok := m[t]; ok {
		return tm
	}
	tm := &tableModel{byElem: map[*Element]int{}, ok: true}
	m[t] = tm
	var rows [][]*Element
	if isHTML(t, atom.Table) {
		addRow := func(tr *Element) {
			var cells []*Element
			p.childElements(tr, func(c *Element) bool {
				if isHTML(c, atom.Td) || isHTML(c, atom.Th) {
					cells = append(cells, c)
				}
				return true
			})
			rows = append(rows, cells)
		}
		p.childElements(t, func(c *Element) bool {
			switch {
			case isHTML(c, atom.Tr):
				addRow(c)
			case isHTML(c, atom.Thead), isHTML(c, atom.Tbody), isHTML(c, atom.Tfoot):
				p.childElements(c, func(tr *Element) bool {
					if isHTML(tr, atom.Tr) {
						addRow(tr)
					}
					return true
				})
			}
			return true
		})
	} else {
		var collect func(x *Element, depth int)
		collect = func(x *Element, depth int) {
			for _, c := range p.owned(x) {
				switch {
				case c.Role == "row":
					var cells []*Element
					for _, cc := range p.owned(c) {
						switch cc.Role {
						case "cell", "gridcell", "columnheader", "rowheader":
							cells = append(cells, cc)
						}
					}
					rows = append(rows, cells)
				case c.Role == "rowgroup" && depth < 4:
					collect(c, depth+1)
				}
			}
		}
		collect(t, 0)
	}
	occupied := map[[2]int]bool{}
	for r, cells := range rows {
		col := 0
		for _, c := range cells {
			for occupied[[2]int{r, col}] {
				col++
			}
			cs, rs := span(c, "colspan"), span(c, "rowspan")
			if !isHTML(t, atom.Table) {
				cs, rs = 1, 1
			}
			if len(occupied)+cs*rs > maxTableSlots {
				tm.ok = false
				p.Limited = true
				return tm
			}
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					occupied[[2]int{r + dr, col + dc}] = true
				}
			}
			tm.byElem[c] = len(tm.cells)
			tm.cells = append(tm.cells, tableCell{e: c, row: r, col: col, rowspan: rs, colspan: cs})
			col += cs
			if col > tm.width {
				tm.width = col
			}
			if r+rs > tm.height {
				tm.height = r + rs
			}
		}
	}
	if len(rows) > tm.height {
		tm.height = len(rows)
	}
	return tm
}

// span reads a colspan or rowspan attribute (1 when missing or invalid).
func span(e *Element, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attrVal(e.Node, key)))
	if err != nil || v < 1 {
		return 1
	}
	if v > maxSpan {
		return maxSpan
	}
	return v
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

func checkHeadersAttr(p *Page, e *Element) Outcome {
	v, ok := e.Attr("headers")
	if !ok || strings.TrimSpace(v) == "" || e.Hidden() {
		return Inapplicable
	}
	t := p.semanticTable(e)
	if t == nil {
		return Inapplicable
	}
	for i, id := range strings.Fields(v) {
		if i > 256 {
			break
		}
		h := p.ByID(id)
		if h == nil || h == e || !(isHTML(h, atom.Td) || isHTML(h, atom.Th)) || p.tableOf(h) != t {
			return Failed
		}
	}
	return Passed
}

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
	h := tm.cells[i]
	id := attrVal(e.Node, "id")
	if id != "" {
		for j, c := range tm.cells {
			if hv, ok := c.e.Attr("headers"); ok && j != i && !c.e.Hidden() && contains(strings.Fields(hv), id) {
				return Passed
			}
		}
	}
	for j, c := range tm.cells {
		if j == i || c.e.Hidden() {
			continue
		}
		var overlaps bool
		if e.Role == "columnheader" {
			overlaps = c.col < h.col+h.colspan && h.col < c.col+c.colspan
		} else {
			overlaps = c.row < h.row+h.rowspan && h.row < c.row+c.rowspan
		}
		if !overlaps {
			continue
		}
		if hv, ok := c.e.Attr("headers"); ok && strings.TrimSpace(hv) != "" {
			continue // its headers attribute names its headers
		}
		return Passed
	}
	return Failed
}

func checkFakeCaption(p *Page, e *Element) Outcome {
	if e.Hidden() || e.Role != "table" {
		return Inapplicable
	}
	tm := p.table(e)
	if !tm.ok || tm.width < 2 || tm.height < 2 || len(tm.cells) == 0 {
		return Inapplicable
	}
	caption := false
	p.childElements(e, func(c *Element) bool {
		caption = caption || isHTML(c, atom.Caption)
		return !caption
	})
	if caption {
		return Inapplicable // a real caption: a spanning first row is a header
	}
	headers := false
	for _, c := range tm.cells {
		if isHTML(c.e, atom.Th) || c.e.Role == "columnheader" || c.e.Role == "rowheader" {
			headers = true
			break
		}
	}
	if !headers {
		return Inapplicable // a layout table, most likely
	}
	first := tm.cells[0]
	return outcome(!(first.row == 0 && first.col == 0 && first.colspan >= tm.width))
}

func checkEmptyTableHeader(p *Page, e *Element) Outcome {
	if e.Hidden() || p.semanticTable(e) == nil {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

package register

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/councilbench/councilbench"
)

// Columns are the columns of a register file, in the order Write writes
// them. A file may have them in any order, and other columns besides;
// parent_county and current may be left out.
var Columns = []string{"code", "gss", "name", "tier", "nation", "region", "website", "parent_county", "current"}

// required are the columns every register file must have.
var required = []string{"code", "gss", "name", "tier", "nation", "region", "website"}

// maxErrors is how many problems Parse reports before it gives up.
const maxErrors = 10

// bom is the UTF-8 byte order mark that spreadsheet programs put at the
// start of CSV files.
var bom = []byte{0xEF, 0xBB, 0xBF}

//go:embed data/uk-councils.csv
var embeddedCSV []byte

// embeddedName is the embedded file's name in error messages.
const embeddedName = "uk-councils.csv"

// embedded parses the embedded register once. The tests check that it
// parses, so a failure here is a bug in the build.
var embedded = sync.OnceValue(func() []councilbench.Council {
	cs, err := Parse(bytes.NewReader(embeddedCSV), embeddedName)
	if err != nil {
		panic("register: embedded register is invalid: " + err.Error())
	}
	return cs
})

// Embedded returns the 382 councils of the embedded register, in register
// order. The register is parsed once; each call returns a new slice, which
// the caller may modify.
func Embedded() []councilbench.Council {
	return slices.Clone(embedded())
}

// Load reads the register CSV file at path, in the format of the embedded
// register (see Parse). Problems with the file's contents are *Error values.
func Load(path string) ([]councilbench.Council, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("loading register: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Error is a problem with one line of a register file.
type Error struct {
	File  string // the file's name, as given to Parse or Load
	Line  int    // 1-based line in the file; the header is line 1
	Field string // the column at fault, such as "tier"; empty when it is the whole line
	Msg   string // what is wrong
}

// Error returns "FILE:LINE: field FIELD: MSG", or "FILE:LINE: MSG" when the
// problem is not with one field.
func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: field %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// Parse reads a register CSV from r; name is the file name used in error
// messages.
//
// The first line names the columns (see Columns): code, gss, name, tier,
// nation, region and website are required, in any order; parent_county and
// current are optional and other columns are ignored. A UTF-8 byte order mark
// is allowed, and spaces around values are trimmed. Every row needs a code
// (unique, ignoring case, without spaces or commas), a name, a tier (see
// councilbench.ParseTier), a nation (see ParseNation; stored in its full
// form) and an absolute http or https website URL. Rows whose current column
// is false (or no, or 0) are skipped unchecked; an empty current counts
// as true.
//
// Each problem is an *Error naming the line and field. Parse reports up to
// ten of them, joined with errors.Join, and then stops. A file with no
// councils is an error too.
func Parse(r io.Reader, name string) ([]councilbench.Council, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
	p := &parser{file: name, cr: csv.NewReader(br), first: make(map[string]int)}
	cs, err := p.parse()
	if err != nil {
		return nil, err
	}
	switch len(p.errs) {
	case 0:
		return cs, nil
	case 1:
		return nil, p.errs[0]
	}
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		errs[i] = e
	}
	return nil, errors.Join(errs...)
}

// parser holds the state of one Parse.
type parser struct {
	file  string
	cr    *csv.Reader
	cols  map[string]int // column name to field index
	width int            // fields in the header
	first map[string]int // upper-cased code to the line that had it first
	errs  []*Error
}

// add records a problem; it reports false when there are too many to go on.
func (p *parser) add(line int, field, format string, args ...any) bool {
	if len(p.errs) > maxErrors {
		return false
	}
	if len(p.errs) == maxErrors {
		p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: "too many errors; stopping"})
		return false
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	return true
}

// parse reads the whole file. It returns an error only for failures to read;
// problems with the contents go to p.errs.
func (p *parser) parse() ([]councilbench.Council, error) {
	header, err := p.cr.Read()
	if err == io.EOF {
		p.add(1, "", "empty file: want a header line naming the columns (%s)", strings.Join(Columns, ","))
		return nil, nil
	}
	if err != nil {
		return nil, p.readError(err)
	}
	p.header(header)
	if len(p.errs) > 0 {
		return nil, nil
	}
	headerLine, _ := p.cr.FieldPos(0)

	var cs []councilbench.Council
	rows, lastLine := 0, headerLine
	for {
		rec, err := p.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				if !p.add(pe.StartLine, "", "%d fields, want %d as in the header", len(rec), p.width) {
					return nil, nil
				}
				continue
			}
			if err := p.readError(err); err != nil {
				return nil, err
			}
			return nil, nil // the reader cannot resync after a quoting error
		}
		rows++
		lastLine, _ = p.cr.FieldPos(0)
		c, ok, stop := p.row(rec)
		if stop {
			return nil, nil
		}
		if ok {
			cs = append(cs, c)
		}
	}
	if len(p.errs) == 0 && len(cs) == 0 {
		if rows == 0 {
			p.add(lastLine, "", "no councils: the file has a header and no rows")
		} else {
			p.add(lastLine, "", "no councils: every row has current=false")
		}
	}
	return cs, nil
}

// readError turns a CSV syntax error into an *Error in p.errs, and returns
// any other error (a failure to read) wrapped.
func (p *parser) readError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.add(pe.Line, "", "character %d: %v", pe.Column, pe.Err)
		return nil
	}
	return fmt.Errorf("reading register %s: %w", p.file, err)
}

// header finds the columns.
func (p *parser) header(header []string) {
	line, _ := p.cr.FieldPos(0)
	p.width = len(header)
	p.cols = make(map[string]int)
	for i, h := range header {
		col := strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(Columns, col) {
			continue // other columns are allowed and ignored
		}
		if j, dup := p.cols[col]; dup {
			p.add(line, col, "column appears twice (fields %d and %d)", j+1, i+1)
			continue
		}
		p.cols[col] = i
	}
	for _, col := range required {
		if _, ok := p.cols[col]; !ok {
			p.add(line, col, "missing column")
		}
	}
}

// row checks one record. It reports whether the record is a current council
// without problems, and whether there are too many errors to go on.
func (p *parser) row(rec []string) (c councilbench.Council, ok, stop bool) {
	get := func(col string) (value string, line int) {
		i, present := p.cols[col]
		if !present {
			return "", 0
		}
		line, _ = p.cr.FieldPos(i)
		// A register value is one line of text: line breaks and runs of
		// spaces inside it become one space.
		return strings.Join(strings.Fields(rec[i]), " "), line
	}
	bad := false
	fail := func(line int, field, format string, args ...any) {
		bad = true
		if !stop && !p.add(line, field, format, args...) {
			stop = true
		}
	}

	if v, line := get("current"); line > 0 {
		cur, err := parseCurrent(v)
		if err != nil {
			fail(line, "current", "%v", err)
			return c, false, stop
		}
		if !cur {
			return c, false, false
		}
	}

	code, line := get("code")
	switch {
	case code == "":
		fail(line, "code", "empty; every council needs a code")
	case strings.ContainsAny(code, ", \t\r\n"):
		fail(line, "code", "%q contains a space or comma", code)
	default:
		key := strings.ToUpper(code)
		if firstLine, dup := p.first[key]; dup {
			fail(line, "code", "duplicate code %q (first on line %d)", code, firstLine)
		} else {
			p.first[key] = line
		}
	}
	c.Code = code

	c.GSS, _ = get("gss")

	name, line := get("name")
	if name == "" {
		fail(line, "name", "empty; every council needs a name")
	}
	c.Name = name

	tier, line := get("tier")
	t, err := councilbench.ParseTier(strings.ToLower(tier))
	if err != nil {
		fail(line, "tier", "%v", err)
	}
	c.Tier = t

	nation, line := get("nation")
	n, err := ParseNation(nation)
	if err != nil {
		fail(line, "nation", "%v", err)
	}
	c.Nation = n

	c.Region, _ = get("region")

	website, line := get("website")
	if website == "" {
		fail(line, "website", "empty; want the council's home page, an absolute http or https URL")
	} else if _, err := councilbench.SiteKey(website); err != nil {
		fail(line, "website", "%q is not an absolute http or https URL: %v", website, err)
	}
	c.Website = website

	c.ParentCounty, _ = get("parent_county")

	return c, !bad, stop
}

// parseCurrent reads the current column: true, yes or 1 (or empty) for a
// current council; false, no or 0 for a former one.
func parseCurrent(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "true", "t", "yes", "y", "1":
		return true, nil
	case "false", "f", "no", "n", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// Write writes councils as a register CSV file, with a header line and the
// columns in the order of Columns, so that Parse can read it back. Every
// council is written as current.
func Write(w io.Writer, cs []councilbench.Council) error {
	cw := csv.NewWriter(w)
	cw.Write(Columns)
	for _, c := range cs {
		cw.Write([]string{c.Code, c.GSS, c.Name, string(c.Tier), c.Nation, c.Region, c.Website, c.ParentCounty, "true"})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing register: %w", err)
	}
	return nil
}

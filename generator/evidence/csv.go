package evidence

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/sitefs"
)

// columns says which header names a CSV file must and may have.
type columns struct {
	required []string
	optional []string
}

func (c columns) all() []string { return slices.Concat(c.required, c.optional) }

// table is a CSV file read the way spreadsheets write them: every field
// trimmed, header names lower case, blank rows dropped, each field with its
// position so that a problem can be reported at its cell.
type table struct {
	// file is the site-relative path, e.g. "data/trust.csv".
	file string
	// header is the position of the header row.
	header generator.Pos
	// index maps a known column name to its field index.
	index map[string]int
	// decimalComma is true for a semicolon-separated file, where numbers
	// are written 61,5.
	decimalComma bool
	rows         []record
	// cells and at are the fields of every row, one after another, and
	// where each was written: one slice each for the whole file rather
	// than two per row (a state's file has hundreds of thousands).
	cells []string
	at    []lineCol
}

// lineCol is where a field starts in its file.
type lineCol struct{ line, col int32 }

// record is one data row of a table: its fields are t.cells[start:] (as
// many as the header has).
type record struct {
	t     *table
	start int
}

// field returns the trimmed value of column name and its position. A column
// the file does not have gives "" and the position of the row's start.
func (r record) field(name string) (string, generator.Pos) {
	i, ok := r.t.index[name]
	if !ok {
		return "", r.t.pos(r.start)
	}
	return r.t.cells[r.start+i], r.t.pos(r.start + i)
}

// pos is the position of cell i.
func (t *table) pos(i int) generator.Pos {
	return generator.Pos{File: t.file, Line: int(t.at[i].line), Col: int(t.at[i].col)}
}

// has reports whether the table has column name.
func (t *table) has(name string) bool {
	_, ok := t.index[name]
	return ok
}

// utf16 reports a file saved as UTF-16, as Excel's "Unicode Text" is: it
// starts with a UTF-16 byte-order mark, or every other byte of its first
// line is a zero.
func utf16(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return true
	}
	head := src[:min(len(src), 64)]
	return len(head) >= 8 && bytes.Count(head, []byte{0}) >= len(head)/2-1
}

// MaxCSVFields bounds the fields of a row, checked before the CSV reader
// runs: it holds a row's fields and their positions at once, and one
// 50 MB line of commas took 5 GB.
const MaxCSVFields = 1000

// widestLine finds the line of src with the most separators (counted in
// quoted text too, which only errs towards refusing) and their number.
func widestLine(src []byte, sep byte) (line, n int) {
	at := 0
	for l := range bytes.Lines(src) {
		at++
		if c := bytes.Count(l, []byte{sep}); c > n {
			line, n = at, c
		}
	}
	return line, n
}

// MaxCSVSize is the largest CSV file folio reads, in bytes: evidence is
// aggregates, and a bigger file is a mistake that would hold the whole
// build in memory.
const MaxCSVSize = 100_000_000

// readTable reads data/name. It reports whether the file exists; the table
// is nil when the file is missing, unreadable, or lacks a required column
// (after every problem of its header has been reported).
func readTable(fsys fs.FS, name string, cols columns, ds *generator.Diagnostics) (*table, bool) {
	p := path.Join(Dir, name)
	src, err := sitefs.ReadFileUpTo(fsys, p, MaxCSVSize)
	if big := (*sitefs.TooLargeError)(nil); errors.As(err, &big) {
		ds.Errorf(generator.Pos{File: p}, "publish aggregates: one row per school, year and group, not per student",
			"CSV file is larger than the limit of %d MB (%s bytes)", MaxCSVSize/1_000_000, generator.Thousands(int(big.Size)))
		return nil, true // not read: it could be any size
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		ds.Errorf(generator.Pos{File: p}, "", "cannot read: %v", err)
		return nil, true
	}
	if utf16(src) {
		ds.Errorf(generator.Pos{File: p, Line: 1}, "save it again as CSV UTF-8 (in Excel: File → Save As → CSV UTF-8 (Comma delimited)); \"Unicode Text\" is UTF-16",
			"the file is saved as UTF-16 text, not as CSV")
		return nil, true
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	t := &table{file: p, index: map[string]int{}}

	r := csv.NewReader(bytes.NewReader(src))
	if sniffSemicolon(src) {
		r.Comma = ';'
		t.decimalComma = true
	}
	if line, n := widestLine(src, byte(r.Comma)); n >= MaxCSVFields {
		ds.Errorf(generator.Pos{File: p, Line: line}, "each row holds one school, year and group: a few columns",
			"row has more than %d fields (%d separators)", MaxCSVFields, n)
		return nil, true
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true // each field is copied (see values below)
	r.TrimLeadingSpace = true
	// A line starting with # is a note to the file's authors, as folio new
	// site writes them above the header: no id or value starts with #.
	r.Comment = '#'

	var header []string
	var headerPos []generator.Pos
	badEncoding := false // reported once per file
	// Each value is kept once, in a string of its own: the reader gives a
	// row's fields as parts of one string, which a row kept after loading
	// (its school id, a note) would otherwise hold whole — 14 MB at 1,000
	// schools — and ids, years and statuses repeat on every row.
	values := map[string]string{}
	var pos []generator.Pos // the current row's, reused like its fields
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				at, msg, hint := quoteProblem(p, pe, src)
				if header == nil {
					ds.Errorf(at, hint, "%s (the header row cannot be read, so the file is skipped)", msg)
					return nil, true
				}
				ds.Errorf(at, hint, "%s", msg)
				continue
			}
			ds.Errorf(generator.Pos{File: p}, "", "cannot read: %v", err)
			return nil, true
		}
		pos = slices.Grow(pos[:0], len(fields))[:len(fields)]
		blank := true
		for i := range fields {
			line, col := r.FieldPos(i)
			pos[i] = generator.Pos{File: p, Line: line, Col: col}
			f := strings.TrimSpace(fields[i])
			if v, ok := values[f]; ok {
				f = v
			} else {
				f = strings.Clone(f)
				values[f] = f
			}
			fields[i] = f
			if !utf8.ValidString(fields[i]) && !badEncoding {
				ds.Errorf(pos[i], "save the file as UTF-8 (in Excel: CSV UTF-8)", "text is not UTF-8")
				badEncoding = true
			}
			blank = blank && fields[i] == ""
		}
		if blank {
			continue // a row of empty cells, as spreadsheets export
		}
		if header == nil {
			header, headerPos = slices.Clone(fields), slices.Clone(pos)
			// About a row a line: room for them all at once.
			lines := bytes.Count(src, []byte{'\n'}) + 1
			t.rows = make([]record, 0, lines)
			t.cells = make([]string, 0, lines*len(header))
			t.at = make([]lineCol, 0, lines*len(header))
			continue
		}
		if len(fields) != len(header) && len(t.rows) < titleLines && hasColumns(fields, cols) {
			// A title (or a few lines of one) above the column names,
			// with no commas to pad it: every row would have another
			// count of fields than the "header".
			at := generator.Pos{File: p, Line: headerPos[0].Line}
			ds.Errorf(at, fmt.Sprintf("remove the line%s above line %d, such as a title, so that the column names come first", plural(pos[0].Line-at.Line), pos[0].Line),
				"the column names are on line %d, not on the first line", pos[0].Line)
			return nil, true
		}
		if len(fields) != len(header) {
			at := pos[0]
			if len(fields) > len(header) {
				at = pos[len(header)]
			}
			ds.Errorf(at, "check for a missing or extra '"+string(r.Comma)+"', and quote text that contains one", "row has %d fields but the header has %d", len(fields), len(header))
			continue
		}
		if strings.EqualFold(strings.TrimPrefix(fields[0], "\ufeff"), header[0]) && slices.EqualFunc(fields[1:], header[1:], strings.EqualFold) {
			// Two exports pasted into one file: the second's column names
			// are not a row of data (each would have been an error). Each
			// export may start with a byte-order mark, which only the
			// file's start is cleared of.
			ds.Warnf(pos[0], "delete the line; folio skips it", "this row repeats the column names of line %d, as files pasted together do", headerPos[0].Line)
			continue
		}
		t.rows = append(t.rows, record{t: t, start: len(t.cells)})
		t.cells = append(t.cells, fields...)
		for _, p := range pos {
			t.at = append(t.at, lineCol{int32(p.Line), int32(p.Col)})
		}
	}
	if header == nil {
		ds.Errorf(generator.Pos{File: p, Line: 1}, "the first line names the columns: "+strings.Join(cols.required, ","), "file has no header row")
		return nil, true
	}
	t.header = generator.Pos{File: p, Line: headerPos[0].Line}
	if line, ok := t.headerBelow(header, cols); ok {
		ds.Errorf(t.header, fmt.Sprintf("remove the line%s above line %d, such as a title, so that the column names come first", plural(line-t.header.Line), line),
			"the column names are on line %d, not on the first line", line)
		return nil, true
	}
	if !t.readHeader(header, headerPos, cols, ds) {
		return nil, true
	}
	return t, true
}

// headerBelow finds, where the first row lacks a required column, the
// line of one of the next few rows that has them all: the column names
// below a title row, as a spreadsheet with a title exports them.
func (t *table) headerBelow(header []string, cols columns) (line int, ok bool) {
	if hasColumns(header, cols) {
		return 0, false
	}
	for i, r := range t.rows[:min(len(t.rows), titleLines)] {
		if hasColumns(t.cells[r.start:r.start+len(header)], cols) {
			return int(t.at[i*len(header)].line), true
		}
	}
	return 0, false
}

// titleLines is how many lines a title above the column names may take.
const titleLines = 5

// hasColumns reports whether fields name every required column (in any
// capitals): a line that is the file's header.
func hasColumns(fields []string, cols columns) bool {
	for _, c := range cols.required {
		if !slices.ContainsFunc(fields, func(f string) bool { return strings.EqualFold(f, c) }) {
			return false
		}
	}
	return true
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// readHeader fills t.index and reports student-level, duplicate, unknown
// and missing columns. It reports whether every required column is there.
func (t *table) readHeader(header []string, pos []generator.Pos, cols columns, ds *generator.Diagnostics) bool {
	known := cols.all()
	var found []string
	for i, h := range header {
		name := strings.ToLower(h)
		if name == "" {
			continue // an unnamed column, such as a trailing separator
		}
		found = append(found, name)
		switch {
		case generator.StudentLevelColumn(name):
			ds.Errorf(pos[i], "folio publishes aggregates only; remove the column", "column '%s' looks like student-level data", h)
		case !slices.Contains(known, name):
			hint := generator.DidYouMean(name, known)
			if hint == "" {
				hint = "folio reads only " + strings.Join(known, ", ")
			}
			ds.Warnf(pos[i], hint, "column '%s' is not used and is ignored", h)
		default:
			if prev, dup := t.index[name]; dup {
				ds.Errorf(pos[i], "the first is at "+pos[prev].String()+"; remove one of the two", "duplicate column '%s'", h)
				continue
			}
			t.index[name] = i
		}
	}
	ok := true
	for _, c := range cols.required {
		if !t.has(c) {
			hint := "columns found: " + strings.Join(found, ", ")
			// A heading spelt almost as c: name it ("proficent_pct").
			var unused []string
			for _, f := range found {
				if !slices.Contains(known, f) {
					unused = append(unused, f)
				}
			}
			if near := generator.Closest(c, unused); near != "" {
				hint = "the header has '" + near + "': rename it to '" + c + "'"
			}
			ds.Errorf(t.header, hint, "missing column '%s'", c)
			ok = false
		}
	}
	return ok
}

// sniffSemicolon reports whether the header line of src separates fields
// with semicolons, as spreadsheets set to a European locale write them:
// more ';' than ',' outside quotes on the first line that is neither blank
// nor a # note.
func sniffSemicolon(src []byte) bool {
	for line := range bytes.Lines(src) {
		if len(line) > 0 && line[0] == '#' {
			continue
		}
		semi, comma := 0, 0
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ';':
				semi++
			case c == ',':
				comma++
			}
		}
		if semi+comma > 0 {
			return semi > comma
		}
	}
	return false
}

// quoteProblem words a row the CSV reader could not read — always a
// quote out of place — in an author's words rather than Go's ("bare \" in
// non-quoted-field"), at the line where the problem starts: a quoted
// value that never ends was reported at the file's last line, having
// taken every row after it.
func quoteProblem(file string, pe *csv.ParseError, src []byte) (at generator.Pos, msg, hint string) {
	const doubled = "put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\""
	at = generator.Pos{File: file, Line: pe.Line, Col: pe.Column}
	last, lastWidth := lastLine(src)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return at, "a quote (\") inside a value that does not start with one", doubled
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line >= last && pe.Column > lastWidth:
		// The reader met the file's end inside the quotes.
		at = generator.Pos{File: file, Line: pe.StartLine}
		msg = "a value in quotes on this row never ends: the file ends inside it"
		if n := last - pe.StartLine + 1; n > 1 {
			msg = fmt.Sprintf("a value in quotes on this row never ends: the file's %d lines from here on were read as part of it", n)
		}
		return at, msg, "end the value with a quote (\"), or, if the quote belongs to the value, " + doubled
	case errors.Is(pe.Err, csv.ErrQuote):
		// A quote inside a quoted value, taken as its end ("a ""b"" c"
		// written "a "b" c"), perhaps lines below where the value starts.
		return at, "a quote (\") that ends a value is followed by more of it", doubled
	}
	return at, pe.Err.Error(), doubled
}

// lastLine is the number of src's last line that is not empty, and its
// width in bytes: the CSV reader reports a quoted value that the file's
// end cut off past that width.
func lastLine(src []byte) (line, width int) {
	body := bytes.TrimRight(src, "\r\n")
	return bytes.Count(body, []byte{'\n'}) + 1, len(body) - bytes.LastIndexByte(body, '\n') - 1
}

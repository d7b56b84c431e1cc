package generator

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printing diagnostics: the same problem on many rows of one file is one
// line, and no file floods the terminal. `folio build`, `folio check` and
// the preview's log and overlay all print through Lines, so they group
// alike.
const (
	// GroupAt is how many diagnostics of one kind in one file are printed
	// as one grouped line; fewer are printed one by one.
	GroupAt = 4
	// MaxPerFile is how many lines are printed for one file; the rest are
	// counted in one last line naming `folio check --all`.
	MaxPerFile = 50
	// AlikeAt is how many different values of one message and hint in one
	// file, on as many different lines, are printed as one line. Fewer
	// keep a line each: five unknown subgroups are five to declare.
	AlikeAt = 10
)

// Format is how diagnostics are printed.
type Format int

const (
	// Text is `file:line:col: message — hint`, one problem a line.
	Text Format = iota
	// GitHub is GitHub Actions' workflow commands, `::error file=…,line=…,
	// col=…::message`, which show as annotations on the file in a pull
	// request.
	GitHub
)

// ParseFormat reads a --format value: "text" or "github".
func ParseFormat(s string) (Format, bool) {
	switch s {
	case "text":
		return Text, true
	case "github":
		return GitHub, true
	}
	return Text, false
}

// PrintOptions says how Lines lays diagnostics out.
type PrintOptions struct {
	Format Format
	// All prints every diagnostic on its own line: nothing grouped, no
	// file capped (`folio check --all`).
	All bool
}

// group is a run of diagnostics printed as one line.
type group struct {
	first Diagnostic
	// lines are the first three lines; lineCount counts the different
	// lines (diagnostics come in line order).
	lines     []int
	lineCount int
	lastLine  int
	n         int
	noLine    int // of n, those at no line
	// alike: the messages differ by their values only (see shapeOf);
	// values counts the different messages.
	alike  bool
	values map[string]bool
}

// groupKey is what makes diagnostics of one file "of one kind": the same
// Group phrase, or else the same text.
type groupKey struct {
	file     string
	severity Severity
	kind     string
	hint     string
}

func keyOf(d Diagnostic) groupKey {
	if d.Group != "" {
		return groupKey{d.Pos.File, d.Severity, "\x00" + d.Group, d.Hint}
	}
	return groupKey{d.Pos.File, d.Severity, d.Message, d.Hint}
}

// alikeKeyOf is what makes diagnostics of one file alike: the same message
// but for its values, and the same hint but for the numbers it writes
// outside quotes, where a hint says what a value would be ("did you mean
// 2023-10-15?" of '10/15/2023', one of 60 different dates a spreadsheet
// wrote in its own way). A hint that names an id ("did you mean
// 'school-105'?") is its own.
func alikeKeyOf(d Diagnostic) groupKey {
	return groupKey{d.Pos.File, d.Severity, "\x01" + shapeOf(d.Message), unquotedDigitsOut(d.Hint)}
}

// unquotedDigitsOut is s with each run of digits outside '…' quotes as
// one '#'.
func unquotedDigitsOut(s string) string {
	if strings.IndexFunc(s, isASCIIDigit) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			if end := closingQuote(s[i+1:]); end >= 0 {
				b.WriteString(s[i : i+end+2])
				i += end + 1
				continue
			}
			b.WriteByte(c)
		case isASCIIDigit(rune(c)):
			if i == 0 || !isASCIIDigit(rune(s[i-1])) {
				b.WriteByte('#')
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// shapeOf is a message with its quoted values taken out: "year: '24' is
// not a school year" and "year: '2023/24' is not a school year" have one
// shape. Numbers outside quotes stay: they name what is compared (the
// gender groups add up to 199), or ids (school-0003). A quote ends at a
// ' that no letter or digit follows, so that the apostrophe of 'O'Brien
// Elementary' stays inside it. A column's value that starts the message
// unquoted, a number as it reads ("mean: 6.5 is outside the scale",
// "proficient_pct: 192 is outside 0–100"), is taken out too.
func shapeOf(msg string) string {
	var b strings.Builder
	if col, rest, ok := strings.Cut(msg, ": "); ok && isColumnName(col) {
		if value, after, ok := strings.Cut(rest, " "); ok && isNumberAsRead(value) {
			b.WriteString(col + ": … ")
			msg = after
		}
	}
	for i := 0; i < len(msg); i++ {
		if msg[i] == '\'' {
			if end := closingQuote(msg[i+1:]); end >= 0 {
				b.WriteString("'…'")
				i += end + 1
				continue
			}
		}
		b.WriteByte(msg[i])
	}
	return b.String()
}

// isColumnName reports whether s is a column's name: lower-case letters,
// digits and '_', starting with a letter.
func isColumnName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isNumberAsRead reports whether s is a number as a message repeats it:
// digits with an optional sign, point, comma or %, or a bound (<5, ≥95%).
func isNumberAsRead(s string) bool {
	s = strings.TrimLeft(s, "<>=≤≥+-−")
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r == '.' || r == ',' || r == '%':
		default:
			return false
		}
	}
	return digits
}

// closingQuote is the index in s of the first ' that ends a quoted value:
// one at the end of s or followed by neither a letter nor a digit; -1 if
// none does.
func closingQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[i+1:]); i+1 == len(s) || !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			return i
		}
	}
	return -1
}

// Lines returns the diagnostics as they are printed, in their order (call
// Sort first for file order). Unless o.All:
//
//   - GroupAt or more diagnostics of one kind in one file (the same Group
//     phrase, or else the same message and hint) are one line at the first
//     of them: "data/installation.csv: warning: 97 observations in place or
//     sustained have no evidence (lines 3, 6, 7 and 94 more) — hint", or,
//     without a Group phrase, "data/achievement.csv: unknown subgroup
//     'nonell' on 2,016,000 rows, first at line 2 — hint";
//   - the same message and hint in GroupAt or more files, fewer than
//     GroupAt times in each (a standard renamed in standards.yaml, which a
//     thousand narratives cite), is one line at the first of them:
//     "content/a.md:7: unknown standard 'ISSL 9z', and the same in 1,036
//     more files (content/b.md:3, content/c.md:9 and 1,034 more) — hint".
//     It is printed whatever the files' caps: it stands for all of them.
//     In the GitHub format too it is one annotation (GitHub shows only
//     the first few of a step's annotations);
//   - but AlikeAt or more different messages of one file, on as many
//     lines, that differ by their values only (quoted, or a column's
//     number that starts the message: a different wrong year, or mean
//     out of the scale, on each row), with the same hint, are one line at the first of
//     them, however many times each is found: "data/achievement.csv: year:
//     '24' is not a school year, and the same for 998 other values on 999
//     more rows (lines 2, 3, 4 and 997 more) — hint"; where a row holds
//     more than one of them, the line counts both: "…, and the same for 29
//     other values: 30 problems on 10 rows (lines 2, 3, 4 and 7 more)",
//     and those at no line apart: "…: 33 problems, 30 of them on 10
//     rows (…)";
//   - at most MaxPerFile lines are printed for one file, then one line
//     counting the problems not shown.
func (ds Diagnostics) Lines(o PrintOptions) []string {
	if o.All {
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = d.format(o.Format)
		}
		return out
	}
	across := acrossFiles(ds)
	byKind := groups{}
	for _, d := range ds {
		if across[crossKeyOf(d)].of(d) {
			continue
		}
		k := keyOf(d)
		g := byKind[k]
		if g == nil {
			g = &group{first: d}
			byKind[k] = g
		}
		g.add(d)
	}
	// Messages that differ by their values only, AlikeAt or more of them
	// on as many lines, with one hint, are one line, whatever each one's
	// count.
	// A problem with a Group phrase, or on a cross-file line, is never
	// alike.
	mayBeAlike := func(d Diagnostic) bool { return d.Group == "" && !across[crossKeyOf(d)].of(d) }
	alike := groups{}
	for _, d := range ds {
		if !mayBeAlike(d) {
			continue
		}
		k := alikeKeyOf(d)
		g := alike[k]
		if g == nil {
			g = &group{first: d, alike: true, values: map[string]bool{}}
			alike[k] = g
		}
		g.add(d)
		g.values[d.Message] = true
	}
	grouped := map[groupKey]bool{} // alike stays so while take empties it
	for k, g := range alike {
		if len(g.values) < AlikeAt || g.lineCount < AlikeAt {
			delete(alike, k)
		} else {
			grouped[k] = true
		}
	}
	alikeOf := func(d Diagnostic) (groupKey, bool) {
		if !mayBeAlike(d) {
			return groupKey{}, false
		}
		k := alikeKeyOf(d)
		return k, grouped[k]
	}
	var out []string
	perFile := map[string]int{}
	hidden := map[string]int{}
	var hiddenOrder []string
	for _, d := range ds {
		if c := across[crossKeyOf(d)]; c.of(d) {
			if !c.printed {
				c.printed = true
				out = append(out, c.format(o.Format))
			}
			continue
		}
		var line string
		var stands int
		if k, ok := alikeOf(d); ok {
			line, stands = alike.take(k, d, o.Format)
		} else {
			line, stands = byKind.take(keyOf(d), d, o.Format)
		}
		if line == "" {
			continue // printed already, as part of its group
		}
		f := d.Pos.File
		if perFile[f] >= MaxPerFile {
			if hidden[f] == 0 {
				hiddenOrder = append(hiddenOrder, f)
			}
			hidden[f] += stands
			continue
		}
		perFile[f]++
		out = append(out, line)
	}
	for _, f := range hiddenOrder {
		msg := fmt.Sprintf("%s more problems in this file are not shown", Thousands(hidden[f]))
		if o.Format == GitHub {
			out = append(out, "::notice file="+escapeProperty(f)+"::"+escapeData(msg+" — folio check --all lists every one"))
		} else {
			out = append(out, f+": "+msg+" — folio check --all lists every one")
		}
	}
	return out
}

// add counts d in g, and its line among the first three.
func (g *group) add(d Diagnostic) {
	g.n++
	if d.Pos.Line <= 0 {
		g.noLine++
	}
	if d.Pos.Line > 0 && d.Pos.Line != g.lastLine {
		g.lastLine = d.Pos.Line
		g.lineCount++
		if len(g.lines) < 3 {
			g.lines = append(g.lines, d.Pos.Line)
		}
	}
}

// groups are the diagnostics of one kind in one file, by kind.
type groups map[groupKey]*group

// take returns the line to print for d, of the group k, and how many
// diagnostics it stands for: its group's line at the first of GroupAt or
// more, d's own line for fewer, and "" for one already printed with its
// group.
func (gs groups) take(k groupKey, d Diagnostic, f Format) (string, int) {
	g := gs[k]
	if g == nil {
		return "", 0
	}
	if g.n >= GroupAt {
		delete(gs, k)
		return g.format(f), g.n
	}
	if g.n > 1 {
		g.n-- // printed one by one; the rest follow
	} else {
		delete(gs, k)
	}
	return d.format(f), 1
}

// crossKey is what makes diagnostics of several files one problem: the
// same message and hint. Diagnostics with a Group phrase, whose messages
// differ, are grouped within their file only.
type crossKey struct {
	severity      Severity
	message, hint string
}

func crossKeyOf(d Diagnostic) crossKey {
	if d.Group != "" {
		return crossKey{}
	}
	return crossKey{d.Severity, d.Message, d.Hint}
}

// crossGroup is one problem found in GroupAt or more files.
type crossGroup struct {
	first Diagnostic
	// at are the first few places after the first, in other files.
	at []Pos
	// inFile counts the problem in each file; files is how many files
	// have it fewer than GroupAt times, which its line stands for.
	inFile  map[string]int
	files   int
	placed  bool // first is set
	printed bool
}

// acrossFiles finds the problems of GroupAt or more files, each fewer
// than GroupAt times: a file where one is found more often has a line of
// its own ("on 500 rows"), which it keeps.
func acrossFiles(ds Diagnostics) map[crossKey]*crossGroup {
	all := map[crossKey]*crossGroup{}
	for _, d := range ds {
		k := crossKeyOf(d)
		if k == (crossKey{}) {
			continue
		}
		c := all[k]
		if c == nil {
			c = &crossGroup{inFile: map[string]int{}}
			all[k] = c
		}
		c.inFile[d.Pos.File]++
	}
	for k, c := range all {
		for _, n := range c.inFile {
			if n < GroupAt {
				c.files++
			}
		}
		if c.files < GroupAt {
			delete(all, k)
		}
	}
	// The line is at the first problem the line stands for; the places
	// named after it are the next ones in other files it stands for (a
	// file that keeps its own line is neither).
	for _, d := range ds {
		c := all[crossKeyOf(d)]
		if !c.of(d) {
			continue
		}
		switch {
		case !c.placed:
			c.first, c.placed = d, true
		case len(c.at) == 2 || d.Pos.File == c.first.Pos.File ||
			slices.ContainsFunc(c.at, func(p Pos) bool { return p.File == d.Pos.File }):
		default:
			c.at = append(c.at, d.Pos)
		}
	}
	return all
}

// of reports whether d is printed on c's line: one of c's problems, in a
// file where it is found fewer than GroupAt times.
func (c *crossGroup) of(d Diagnostic) bool { return c != nil && c.inFile[d.Pos.File] < GroupAt }

// format writes "content/a.md:7: message, and the same in 1,036 more
// files (content/b.md:3, content/c.md:9 and 1,034 more) — hint".
func (c *crossGroup) format(f Format) string {
	d := c.first
	names := make([]string, len(c.at))
	for i, p := range c.at {
		p.Col = 0
		names[i] = Printable(p.String())
	}
	list := strings.Join(names, ", ")
	if rest := c.files - 1 - len(c.at); rest > 0 {
		list += fmt.Sprintf(" and %s more", Thousands(rest))
	}
	d.Message = fmt.Sprintf("%s, and the same in %s more files (%s)", d.Message, Thousands(c.files-1), list)
	return d.format(f)
}

// Print writes Lines(o) to w, one a line.
func (ds Diagnostics) Print(w io.Writer, o PrintOptions) error {
	for _, l := range ds.Lines(o) {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}

// format writes a grouped line.
func (g *group) format(f Format) string {
	d := g.first
	d.Pos.Col = 0
	switch {
	case d.Group != "":
		d.Message = fmt.Sprintf("%s %s (%s)", Thousands(g.n), d.Group, g.lineList())
	case g.alike:
		rows := map[bool]string{true: "rows", false: "lines"}[strings.HasSuffix(d.Pos.File, ".csv")]
		switch onRows := g.n - g.noLine; {
		case g.n == g.lineCount:
			// One problem on each row: the rows count the problems.
			d.Message = fmt.Sprintf("%s, and the same for %s other values on %s more %s (%s)", d.Message,
				Thousands(len(g.values)-1), Thousands(g.n-1), rows, g.lineList())
		case g.noLine == 0:
			d.Message = fmt.Sprintf("%s, and the same for %s other values: %s problems on %s %s (%s)", d.Message,
				Thousands(len(g.values)-1), Thousands(g.n), Thousands(g.lineCount), rows, g.lineList())
		default:
			d.Message = fmt.Sprintf("%s, and the same for %s other values: %s problems, %s of them on %s %s (%s)", d.Message,
				Thousands(len(g.values)-1), Thousands(g.n), Thousands(onRows), Thousands(g.lineCount), rows, g.lineList())
		}
	default:
		where, noun := "in", "places"
		if strings.HasSuffix(d.Pos.File, ".csv") {
			where, noun = "on", "rows"
		}
		d.Message = fmt.Sprintf("%s %s %s %s", d.Message, where, Thousands(g.n), noun)
		if d.Pos.Line > 0 {
			d.Message += fmt.Sprintf(", first at line %d", d.Pos.Line)
		}
	}
	if f == Text {
		// The lines are in the message; the file alone leads.
		line := d.Pos.Line
		d.Pos.Line = 0
		s := d.format(f)
		d.Pos.Line = line
		return s
	}
	return d.format(f)
}

// lineList writes "lines 3, 6, 7 and 94 more".
func (g *group) lineList() string {
	if len(g.lines) == 0 {
		return fmt.Sprintf("%s times", Thousands(g.n))
	}
	nums := make([]string, len(g.lines))
	for i, l := range g.lines {
		nums[i] = strconv.Itoa(l)
	}
	s := "lines " + strings.Join(nums, ", ")
	if len(g.lines) == 1 {
		s = "line " + nums[0]
	}
	if rest := g.lineCount - len(g.lines); rest > 0 {
		s += fmt.Sprintf(" and %s more", Thousands(rest))
	}
	return s
}

func (d Diagnostic) format(f Format) string {
	if f == GitHub {
		return d.GitHub()
	}
	return d.String()
}

// GitHub writes the diagnostic as a GitHub Actions workflow command,
// `::error file=F,line=L,col=C::message — hint` (`::warning` for a
// warning), escaped as the runner requires: %, CR and LF everywhere, and
// also : and , in the properties.
func (d Diagnostic) GitHub() string {
	var b strings.Builder
	if d.Severity == Warning {
		b.WriteString("::warning ")
	} else {
		b.WriteString("::error ")
	}
	b.WriteString("file=")
	b.WriteString(escapeProperty(d.Pos.File))
	if d.Pos.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Pos.Line)
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", d.Pos.Col)
		}
	}
	b.WriteString("::")
	msg := d.Message
	if d.Hint != "" {
		msg += " — " + d.Hint
	}
	b.WriteString(escapeData(msg))
	return b.String()
}

// dataEscaper and propertyEscaper escape a GitHub workflow command's
// message and its properties (file=, title=).
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string { return dataEscaper.Replace(s) }

func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// Thousands writes n with commas between thousands: 2,016,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

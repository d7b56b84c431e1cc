package generator

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a source file. File is slash-separated and relative
// to the site folder (e.g. "content/schools/lincoln-middle/_index.md"). Line
// and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error stops `folio build` and makes `folio check` exit 1.
	Error Severity = iota
	// Warning is printed but does not stop the build (unless --strict).
	Warning
)

// Diagnostic is one problem found in the site's files.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Message says what is wrong, lower case, no trailing period.
	Message string
	// Hint says how to fix it; may be empty.
	Hint string
	// Group, when set, is the plural phrase that sums up many diagnostics
	// of this kind in one file, e.g. "observations in place or sustained
	// have no evidence": printed as "97 observations … (lines 3, 6, 7 and
	// 94 more)" when their messages differ. Without it, only identical
	// messages are grouped (see Lines).
	Group string
}

// String formats the diagnostic as "file:line:col: message — hint", with
// "warning: " before the message of a warning. It is one line, safe to
// print to a terminal or a CI log: the file name, message and hint are
// [Printable], and message and hint are cut at 500 characters.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(Printable(d.Pos.String()))
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(safeText(d.Message))
	if d.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(safeText(d.Hint))
	}
	return b.String()
}

// Diagnostics collects the problems of one or more stages. Loaders append to
// it and keep going, so that one run reports every problem, not only the
// first.
type Diagnostics []Diagnostic

// Errorf records an error at pos. hint may be empty.
//
// Values from the site's files are quoted in format as '%s' (or %q): such
// a value is cut to [MaxQuoted] characters with "…", so that a 20 MB cell
// is not echoed whole. The message and the hint are stored [Printable]:
// a control character in a value cannot act on the terminal.
func (ds *Diagnostics) Errorf(pos Pos, hint, format string, args ...any) {
	*ds = append(*ds, newDiagnostic(pos, Error, hint, format, args))
}

// Warnf records a warning at pos. hint may be empty. Values are quoted as
// for Errorf.
func (ds *Diagnostics) Warnf(pos Pos, hint, format string, args ...any) {
	*ds = append(*ds, newDiagnostic(pos, Warning, hint, format, args))
}

func newDiagnostic(pos Pos, sev Severity, hint, format string, args []any) Diagnostic {
	msg := fmt.Sprintf(format, cutQuoted(format, args)...)
	return Diagnostic{Pos: pos, Severity: sev, Message: safeText(msg), Hint: safeText(hint)}
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and of warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders diagnostics by file, line, column, then message, so output is
// stable whatever order the stages found them in.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Promote returns a copy in which every warning is an error, for
// `folio check --strict`.
func (ds Diagnostics) Promote() Diagnostics {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// Err returns nil when there is no error, and otherwise an error listing
// every diagnostic (warnings included), one per line.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return &DiagnosticsError{List: slices.Clone(ds)}
}

// DiagnosticsError is the error a stage returns when the site's files have
// problems. Callers that want the list use errors.As.
type DiagnosticsError struct {
	List Diagnostics
}

// Error lists every diagnostic, one per line.
func (e *DiagnosticsError) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

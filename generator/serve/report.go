package serve

import (
	"fmt"
	"strings"
	"time"

	"github.com/folio-sites/folio/generator"
)

// report prints one rebuild to the terminal: the problems as `folio
// check` prints them, and one summary line.
func (s *Server) report(u Update, prev *state) {
	took := u.Duration.Round(time.Millisecond)
	if u.Event == EventError {
		s.warned = ""
		u.Problems.Print(s.log, generator.PrintOptions{})
		what := "still serving the last good build"
		if prev.site.model == nil {
			what = "nothing to serve until they are fixed"
		}
		fmt.Fprintf(s.log, "folio: %s; %s\n", counts(u), what)
		return
	}
	lines := u.Problems.Lines(generator.PrintOptions{})
	if w := strings.Join(lines, "\n"); w != s.warned {
		s.warned = w
		for _, l := range lines {
			fmt.Fprintln(s.log, l)
		}
	}
	note := ""
	if len(u.Problems) > 0 {
		note = " (" + counts(u) + ")"
	}
	if u.Changed == nil {
		fmt.Fprintf(s.log, "folio: built %s in %s%s\n", plural(u.Pages, "page"), took, note)
		return
	}
	fmt.Fprintf(s.log, "folio: rebuilt in %s%s%s\n", took, changedNote(u.Changed), note)
}

// changedNote names what changed: " — content/a.md and 2 more".
func changedNote(changed []string) string {
	switch len(changed) {
	case 0:
		return ""
	case 1:
		return " — " + generator.Printable(changed[0])
	default:
		return fmt.Sprintf(" — %s and %s more", generator.Printable(changed[0]), generator.Thousands(len(changed)-1))
	}
}

func counts(u Update) string {
	errs, warns := u.Problems.Count()
	s := plural(errs, "error")
	if errs == 0 {
		s = ""
	}
	if warns > 0 {
		if s != "" {
			s += ", "
		}
		s += plural(warns, "warning")
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%s %ss", generator.Thousands(n), word)
}

package content

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/yuin/goldmark/util"
)

// naiveLinkScan reads the line as goldmark's parseLinkDestination does,
// from each "](" after a "[", and counts what it reads.
func naiveLinkScan(text []byte, opened bool) (scan, links int) {
	first := 0
	if !opened {
		first = strings.IndexByte(string(text), '[')
	}
	if first < 0 {
		return 0, 0
	}
	escaped := make([]bool, len(text))
	for i := 0; i+1 < len(text); i++ {
		if !escaped[i] && text[i] == '\\' && util.IsPunct(text[i+1]) {
			escaped[i+1] = true
		}
	}
	for p := first; p+1 < len(text); p++ {
		if text[p] != ']' || text[p+1] != '(' || escaped[p] {
			continue
		}
		links++
		s := p + 2
		for s < len(text) && (text[s] == ' ' || text[s] == '\t') {
			s++
		}
		line := text[s:]
		if len(line) > 0 && line[0] == '<' {
			i := 1
			for i < len(line) {
				if line[i] == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
					i += 2
					continue
				} else if line[i] == '>' {
					break
				}
				i++
			}
			scan += min(i, len(line))
			continue
		}
		opened, i := 0, 0
		for i < len(line) {
			c := line[i]
			if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
				i += 2
				continue
			} else if c == '(' {
				opened++
			} else if c == ')' {
				opened--
				if opened < 0 {
					break
				}
			} else if util.IsSpace(c) {
				break
			}
			i++
		}
		scan += i
	}
	return scan, links
}

// linkScanOfLine counts, in linear time, what a direct reading from each
// link counts, on lines made of the characters that matter.
func TestLinkScanIsADirectCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "[]()<>a (](](\\\\["
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		opened := r.IntN(2) == 0
		gotScan, gotLinks := linkScanOfLine(b, opened)
		wantScan, wantLinks := naiveLinkScan(b, opened)
		if gotScan != wantScan || gotLinks != wantLinks {
			t.Fatalf("%q (opened %v): %d characters read from %d links, want %d from %d", b, opened, gotScan, gotLinks, wantScan, wantLinks)
		}
	}
}

// A body that would keep goldmark reading for seconds is refused at its
// worst line, quickly; bodies of ordinary links, however many, are not.
func TestLinkScanRefusesWhatWouldTakeMinutes(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
		ok   bool
	}{
		{"unclosed links", "Intro.\n\n" + strings.Repeat("[a](", 25_000) + "\n", false},
		{"unclosed empty links", strings.Repeat("[](", 34_000), false},
		{"unclosed angle links", strings.Repeat("[a](<", 25_000), false},
		{"opened on the line before", strings.Repeat("[", 990) + "\n" + strings.Repeat("](", 60_000), false},
		{"closed links without spaces", strings.Repeat("|[a](https://example.org/x)", 40_000), true},
		{"many ordinary links", strings.Repeat("See [the agenda](agenda.pdf) and [the plan](plan.md).\n", 50_000), true},
		{"brackets alone", strings.Repeat("a](", 40_000), true},
	} {
		var ds generator.Diagnostics
		start := time.Now()
		ok := checkLinkScan([]byte(tt.body), "content/district/a.md", 4, &ds)
		if ok != tt.ok {
			t.Errorf("%s: ok %v, want %v (%v)", tt.name, ok, tt.ok, ds)
		}
		if !ok && (len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "content/district/a.md:") || !strings.Contains(ds[0].String(), "reading them would take minutes")) {
			t.Errorf("%s: %v", tt.name, ds)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Logf("%s: the check itself took %v", tt.name, d) // not a timing assertion: a hint if it ever turns quadratic
		}
	}
}

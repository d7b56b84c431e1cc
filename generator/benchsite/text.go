package benchsite

import (
	"fmt"
	"strings"
)

var words = strings.Fields(`teachers principal partnership learning walks data teams feedback
instruction students families trust evidence practice improvement network central office coaching
cycle classroom observation reading mathematics goals progress equity inquiry protocol meeting
agenda schedule community relationships leadership standards assessment results growth support
collaboration planning reflection conversation visits routines expectations culture achievement
attendance engagement survey responses strategy curriculum alignment professional development`)

var titles = []string{"Partnership Meetings", "Learning Walks", "Data Teams", "Family Engagement",
	"Coaching Cycles", "Equity Inquiry", "Professional Learning", "Student Voice"}

func (g *gen) sentence() string {
	n := 8 + g.r.IntN(12)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[g.r.IntN(len(words))]
	}
	ws[0] = capitalize(ws[0])
	return strings.Join(ws, " ") + "."
}

func (g *gen) paragraph() string {
	n := 3 + g.r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ") + "\n\n"
}

func (g *gen) paragraphs(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(g.paragraph())
	}
	return b.String()
}

// narrative is about 600 words with headings, a table, lists and links.
func (g *gen) narrative(owner string, k int) string {
	var b strings.Builder
	title := titles[(k+g.r.IntN(len(titles)))%len(titles)]
	fmt.Fprintf(&b, "---\ntitle: %s at %s\ndate: 20%02d-%02d-%02d\nweight: %d\nstandards: [ISSL %da, ISSL %db, ITS %da]\npractices: [partnership-%d]\n---\n\n",
		title, owner, 23+g.r.IntN(3), 1+g.r.IntN(12), 1+g.r.IntN(28), k+1, 1+g.r.IntN(6), 1+g.r.IntN(6), 1+g.r.IntN(8), 1+g.r.IntN(5))
	b.WriteString(g.paragraphs(2))
	b.WriteString("## What we did\n\n")
	b.WriteString(g.paragraphs(2))
	b.WriteString("- " + g.sentence() + "\n- " + g.sentence() + "\n- " + g.sentence() + "\n\n")
	b.WriteString("## What we saw\n\n| Measure | Fall | Spring |\n|---|---|---|\n")
	for i := range 4 {
		fmt.Fprintf(&b, "| %s | %d | %d |\n", capitalize(words[(i*7+k)%len(words)]), 20+g.r.IntN(40), 40+g.r.IntN(50))
	}
	b.WriteString("\n" + g.paragraphs(2))
	b.WriteString("### Next steps\n\n1. " + g.sentence() + "\n2. " + g.sentence() + "\n\n")
	b.WriteString("See the [framework](https://example.org/framework) and *our plan* for details.\n\n")
	b.WriteString(g.paragraphs(1))
	return b.String()
}

func capitalize(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

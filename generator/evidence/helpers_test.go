package evidence_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

// The definitions most tests load their CSV against.
const (
	frameworkYAML = `name: Test network
components:
  - id: partnership
    title: Partnership
    practices:
      - id: partnership-1
        text: Principals are paired with a partner
        indicators:
          - {id: partnership-1a, text: An organizational chart shows the pairs}
          - {id: partnership-1b, text: Partnership meetings per month, target: 4, unit: meetings}
`
	trustYAML = `scale: {min: 1, max: 6}
facets:
  - {id: honesty, label: Honesty}
  - {id: openness, label: Openness}
groups:
  - {id: teachers, label: Teachers}
  - {id: parents, label: Parents}
`
	achievementYAML = `subjects:
  - {id: math, label: Mathematics}
  - {id: reading, label: Reading}
subgroups:
  - {id: all, label: All students}
  - {id: female, label: Female}
  - {id: male, label: Male}
  - {id: black, label: Black}
families:
  gender: [female, male]
`
	achievementHeader = "school,year,subject,subgroup,tested,proficient_pct\n"
	trustHeader       = "school,year,group,facet,mean,respondents,invited,favorable_pct\n"
	installHeader     = "school,indicator,date,status,value,evidence,note\n"
)

var known = evidence.Known{
	Schools:   []string{"lincoln-middle", "jefferson-middle", "oak-elementary"},
	Artifacts: []string{"schools/lincoln-middle/agenda.pdf"},
}

// load runs evidence.Load over data files (named relative to data/) and
// returns the evidence with its diagnostics as sorted strings.
func load(t *testing.T, files map[string]string) (*evidence.Data, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["data/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, known, &ds)
	if ev == nil {
		t.Fatal("Load returned nil")
	}
	ds.Sort()
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return ev, out
}

// checkDiagnostics fails unless got and want hold the same lines.
func checkDiagnostics(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// measure writes a measure compactly: 61.5, ≤5%(5), suppressed(small),
// not-reported(*).
func measure(m evidence.Measure) string {
	switch m.Kind() {
	case evidence.Reported:
		v, _ := m.Value()
		return fmt.Sprint(v)
	case evidence.Coded:
		b, _ := m.Bound()
		return fmt.Sprintf("%s(%v)", m.Text(), b)
	case evidence.Suppressed:
		return "suppressed(" + reason(m.Reason()) + ")"
	default:
		return "not-reported(" + m.Text() + ")"
	}
}

// count writes a count: 24, hidden(small), or none (no data).
func count(c evidence.Count) string {
	if c.Hidden() {
		return "hidden(" + reason(c.Reason()) + ")"
	}
	if n, ok := c.N(); ok {
		return fmt.Sprint(n)
	}
	return "none"
}

func reason(r evidence.SuppressReason) string {
	return map[evidence.SuppressReason]string{
		evidence.NotSuppressed: "none", evidence.SmallGroup: "small", evidence.Complementary: "complementary",
		evidence.AtSource: "at source",
	}[r]
}

// achievementRows writes the results one per line:
// "lincoln-middle 2023-24 math all 120 61.5".
func achievementRows(a *evidence.Achievement) []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, r := range a.Results {
		out = append(out, fmt.Sprintf("%s %s %s %s %s %s", r.School, r.Year, r.Subject, r.Subgroup, count(r.Tested), measure(r.Proficient)))
	}
	return out
}

// trustRows writes the results one per line:
// "lincoln-middle 2023-24 teachers honesty mean=4.5 n=20 invited=25 favorable=80".
func trustRows(tr *evidence.Trust) []string {
	if tr == nil {
		return nil
	}
	var out []string
	for _, r := range tr.Results {
		out = append(out, fmt.Sprintf("%s %s %s %s mean=%s n=%s invited=%s favorable=%s", r.School, r.Year, r.Group, r.Facet,
			measure(r.Mean), count(r.Respondents), count(r.Invited), measure(r.FavorablePct)))
	}
	return out
}

// observations writes installation observations one per line:
// "lincoln-middle partnership-1b 2024-05-15 in-place (derived) value=4".
func observations(obs []generator.Observation) []string {
	var out []string
	for _, o := range obs {
		s := fmt.Sprintf("%s %s %s %s", o.School, o.Indicator, o.Date.Format("2006-01-02"), o.Status)
		if o.Derived {
			s += " (derived)"
		}
		if o.Value != nil {
			s += fmt.Sprintf(" value=%v", *o.Value)
		}
		out = append(out, s)
	}
	return out
}

func checkRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package benchsite

import (
	"bufio"
	"fmt"
	"strings"
)

func (g *gen) standards() error {
	var b strings.Builder
	b.WriteString("catalogs:\n")
	for _, c := range []struct {
		id, name string
		n        int
	}{{"ISSL", "Iowa Standards for School Leaders", 6}, {"ITS", "Iowa Teaching Standards", 8}} {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    version: \"2008\"\n    standards:\n", c.id, c.name)
		for s := 1; s <= c.n; s++ {
			fmt.Fprintf(&b, "      - code: \"%d\"\n        title: Standard %d of %s\n        criteria:\n", s, s, c.id)
			for _, l := range "abcd" {
				fmt.Fprintf(&b, "          - {code: %d%c, text: %s}\n", s, l, strings.TrimSuffix(g.sentence(), "."))
			}
		}
	}
	return g.write("data/standards.yaml", b.String())
}

// components × practices × indicators of the synthetic framework.
const (
	components = 3
	practices  = 5
	indicators = 3
)

var componentIDs = []string{"partnership", "central-office", "structures"}

func indicatorID(c, p, i int) string {
	return fmt.Sprintf("%s-%d%c", componentIDs[c], p+1, 'a'+i)
}

func (g *gen) framework() error {
	var b strings.Builder
	b.WriteString("name: Leadership Network\ncomponents:\n")
	for c := range components {
		fmt.Fprintf(&b, "  - id: %s\n    title: Component %d of the network\n    practices:\n", componentIDs[c], c+1)
		for p := range practices {
			fmt.Fprintf(&b, "      - id: %s-%d\n        text: %s\n        stage: installation\n        indicators:\n", componentIDs[c], p+1, g.sentence())
			for i := range indicators {
				if i == 0 {
					fmt.Fprintf(&b, "          - {id: %s, text: Meetings per month, target: 4, unit: meetings}\n", indicatorID(c, p, i))
				} else {
					fmt.Fprintf(&b, "          - {id: %s, text: %s}\n", indicatorID(c, p, i), strings.TrimSuffix(g.sentence(), "."))
				}
			}
		}
	}
	return g.write("data/framework.yaml", b.String())
}

var statuses = []string{"not-yet", "partial", "in-place", "sustained"}

// spring is the last calendar year of the generated data.
const spring = 2025

func (g *gen) installation() error {
	return g.csvFile("data/installation.csv", "school,indicator,date,status,value,evidence,note", func(w *bufio.Writer) {
		for s := range g.o.Schools {
			for y := range g.o.Years {
				date := fmt.Sprintf("%d-05-15", spring-g.o.Years+1+y)
				for c := range components {
					for p := range practices {
						for i := range indicators {
							id := indicatorID(c, p, i)
							if i == 0 {
								fmt.Fprintf(w, "%s,%s,%s,,%d,https://example.org/evidence/%s/%s.pdf,\n", schoolID(s), id, date, g.r.IntN(6), schoolID(s), id)
								continue
							}
							st := statuses[min(3, g.r.IntN(2)+y)]
							ev := ""
							if st == "in-place" || st == "sustained" {
								ev = "https://example.org/evidence/" + schoolID(s) + "/" + id + ".pdf"
							}
							fmt.Fprintf(w, "%s,%s,%s,%s,,%s,\n", schoolID(s), id, date, st, ev)
						}
					}
				}
			}
		}
	})
}

var facets = []string{"benevolence", "honesty", "openness", "reliability", "competence"}
var groups = []string{"teachers", "parents", "students"}

func (g *gen) trust() error {
	var b strings.Builder
	b.WriteString("scale: {min: 1, max: 6}\nmin_respondents: 5\nfacets:\n")
	for _, f := range facets {
		fmt.Fprintf(&b, "  - {id: %s, label: %s}\n", f, strings.ToUpper(f[:1])+f[1:])
	}
	b.WriteString("groups:\n")
	for _, gr := range groups {
		fmt.Fprintf(&b, "  - {id: %s, label: %s}\n", gr, strings.ToUpper(gr[:1])+gr[1:])
	}
	if err := g.write("data/trust.yaml", b.String()); err != nil {
		return err
	}
	return g.csvFile("data/trust.csv", "school,year,group,facet,mean,respondents,invited", func(w *bufio.Writer) {
		for s := range g.o.Schools {
			for y := range g.o.Years {
				year := spring - g.o.Years + 1 + y
				for _, gr := range groups {
					invited := 20 + g.r.IntN(60)
					resp := 3 + g.r.IntN(invited-3) // some groups fall under 5
					for _, f := range facets {
						fmt.Fprintf(w, "%s,%d-%02d,%s,%s,%.2f,%d,%d\n", schoolID(s), year-1, year%100, gr, f, 3+2.5*g.r.Float64(), resp, invited)
					}
				}
			}
		}
	})
}

var subgroups = []string{"all", "female", "male", "black", "hispanic", "white", "ell", "iep", "low-income"}

func (g *gen) achievement() error {
	var b strings.Builder
	b.WriteString("min_n: 10\nsubjects:\n  - {id: math, label: Mathematics}\n  - {id: reading, label: Reading}\nsubgroups:\n")
	for _, sg := range subgroups {
		fmt.Fprintf(&b, "  - {id: %s, label: %s}\n", sg, strings.ToUpper(sg[:1])+sg[1:])
	}
	b.WriteString("families:\n  gender: [female, male]\n")
	if err := g.write("data/achievement.yaml", b.String()); err != nil {
		return err
	}
	return g.csvFile("data/achievement.csv", "school,year,subject,subgroup,tested,proficient_pct", func(w *bufio.Writer) {
		for s := range g.o.Schools {
			for y := range g.o.Years {
				year := spring - g.o.Years + 1 + y
				for _, subj := range []string{"math", "reading"} {
					all := 60 + g.r.IntN(500)
					female := all/2 + g.r.IntN(10) - 5
					for _, sg := range subgroups {
						n := 3 + g.r.IntN(all/3)
						switch sg {
						case "all":
							n = all
						case "female":
							n = female
						case "male":
							n = all - female
						}
						fmt.Fprintf(w, "%s,%d-%02d,%s,%s,%d,%.1f\n", schoolID(s), year-1, year%100, subj, sg, n, 20+70*g.r.Float64())
					}
				}
			}
		}
	})
}

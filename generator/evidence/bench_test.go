package evidence_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
)

// chainedFamilies writes a district of schools whose 48 subgroups form a
// chain of overlapping families, [g0, g1], [g1, g2], …, each adding up to
// all students, with a small g0 at every school and a district row: hiding
// g0 calls for hiding g1, which calls for g2, and so on down the chain and
// across the schools. About 68 KB of CSV.
func chainedFamilies(schools, groups int) (map[string]string, evidence.Known) {
	var y, c strings.Builder
	y.WriteString("subjects: [{id: math}]\nsubgroups:\n  - {id: all}\n")
	for g := range groups {
		fmt.Fprintf(&y, "  - {id: g%d}\n", g)
	}
	y.WriteString("families:\n")
	for g := range groups - 1 {
		fmt.Fprintf(&y, "  f%d: [g%d, g%d]\n", g, g, g+1)
	}
	c.WriteString("school,year,subject,subgroup,tested,proficient_pct\n")
	var known evidence.Known
	sums := make([]int, groups)
	for s := range schools {
		id := fmt.Sprintf("s%03d", s)
		known.Schools = append(known.Schools, id)
		all := 100 + s
		fmt.Fprintf(&c, "%s,2025,math,all,%d,50.0\n", id, all)
		for g := range groups {
			n := 5 + s%4
			if g%2 == 1 {
				n = all - n
			}
			sums[g] += n
			fmt.Fprintf(&c, "%s,2025,math,g%d,%d,%.1f\n", id, g, n, 40+float64(g%7))
		}
	}
	for g := range groups {
		fmt.Fprintf(&c, "district,2025,math,g%d,%d,45.0\n", g, sums[g])
	}
	return map[string]string{"data/achievement.yaml": y.String(), "data/achievement.csv": c.String()}, known
}

// BenchmarkSuppressionChained loads (and suppresses) the chained district.
func BenchmarkSuppressionChained(b *testing.B) {
	files, known := chainedFamilies(50, 48)
	b.SetBytes(int64(len(files["data/achievement.csv"])))
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for b.Loop() {
		var ds generator.Diagnostics
		evidence.Load(fsys, known, &ds)
	}
}

// joinedSchools writes a district whose schools each have two small
// groups of one family, hidden at every school, with the district's rows
// read as its schools' sums: per school, two to five unknowns, all joined
// into one group by the district's rows (at 40 schools, about 200
// unknown proficient counts, linear programs of about 100,000 cells; at
// 200 schools, about 1,000, 0.2 s).
func joinedSchools(schools int) (map[string]string, evidence.Known) {
	var c strings.Builder
	y := "subjects: [{id: math}]\nsubgroups: [{id: all}, {id: g0}, {id: g1}, {id: g2}, {id: g3}]\nfamilies:\n  f: [g0, g1, g2, g3]\n"
	c.WriteString("school,year,subject,subgroup,tested,proficient_pct\n")
	var known evidence.Known
	var sums [5]int
	for s := range schools {
		id := fmt.Sprintf("s%03d", s)
		known.Schools = append(known.Schools, id)
		n := [5]int{0, 5 + s%5, 4 + s%6, 20 + s%7, 30 + s%11}
		n[0] = n[1] + n[2] + n[3] + n[4]
		for g, v := range n {
			sums[g] += v
			name := "all"
			if g > 0 {
				name = fmt.Sprintf("g%d", g-1)
			}
			fmt.Fprintf(&c, "%s,2025,math,%s,%d,%.1f\n", id, name, v, 30+float64((s+g)%40))
		}
	}
	for g, v := range sums {
		name := "all"
		if g > 0 {
			name = fmt.Sprintf("g%d", g-1)
		}
		fmt.Fprintf(&c, "district,2025,math,%s,%d,45.0\n", name, v)
	}
	return map[string]string{"data/achievement.yaml": y, "data/achievement.csv": c.String()}, known
}

// BenchmarkSuppressionJoinedSchools loads (and suppresses) a district of
// 40 schools joined into one group of unknowns, and audits it.
func BenchmarkSuppressionJoinedSchools(b *testing.B) {
	files, known := joinedSchools(40)
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for b.Loop() {
		var ds generator.Diagnostics
		ev := evidence.Load(fsys, known, &ds)
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		if leaks := audit.Check(ev); len(leaks) > 0 {
			b.Fatal(leaks)
		}
	}
}

// BenchmarkUnknownSchoolOnEveryRow loads an achievement file of 20,000 rows
// whose school column holds a name the site does not have, at a district
// of a thousand schools: the hint for it (the closest id or name) is worked
// out once, not once a row (which took a minute for 54,000 rows).
func BenchmarkUnknownSchoolOnEveryRow(b *testing.B) {
	var known evidence.Known
	known.SchoolNames = map[string]string{}
	for s := range 1000 {
		id := fmt.Sprintf("school-%04d", s)
		known.Schools = append(known.Schools, id)
		known.SchoolNames[id] = fmt.Sprintf("School %04d Elementary", s)
	}
	var c strings.Builder
	c.WriteString("school,year,subject,subgroup,tested,proficient_pct\n")
	for i := range 20_000 {
		fmt.Fprintf(&c, "Riverbend Academy Charter,2024-25,math,all,%d,50.0\n", 40+i%50)
	}
	fsys := fstest.MapFS{
		"data/achievement.yaml": {Data: []byte("subjects: [{id: math}]\nsubgroups: [{id: all}]\n")},
		"data/achievement.csv":  {Data: []byte(c.String())},
	}
	for b.Loop() {
		var ds generator.Diagnostics
		evidence.Load(fsys, known, &ds)
		if len(ds) != 20_000 {
			b.Fatalf("%d diagnostics, want one a row", len(ds))
		}
	}
}

// BenchmarkMissingEvidenceOnEveryRow loads an installation file of 20,000
// rows whose evidence column names, on each row, a different file the site
// does not have, beside 3,000 files a thousand schools keep under
// content/: each row looks its path up in an index, and the hint for each
// missing path (the closest file) passes over the files that cannot be
// closest (generator.Closest). It took 156 s measuring every file in full,
// 4.5 s passing over them.
func BenchmarkMissingEvidenceOnEveryRow(b *testing.B) {
	var known evidence.Known
	for s := range 1000 {
		id := fmt.Sprintf("school-%04d", s)
		known.Schools = append(known.Schools, id)
		for _, f := range []string{"agenda.pdf", "walkthrough-log.xlsx", "minutes.docx"} {
			known.Artifacts = append(known.Artifacts, "schools/"+id+"/"+f)
		}
	}
	var c strings.Builder
	c.WriteString("school,indicator,date,status,value,evidence,note\n")
	for i := range 20_000 {
		fmt.Fprintf(&c, "school-%04d,partnership-1a,2024-%02d-15,partial,,schools/school-%04d/walkthrough-log-%d.xlsx,\n", i%1000, 1+i/1000%12, i%1000, i)
	}
	fsys := fstest.MapFS{
		"data/framework.yaml":   {Data: []byte(frameworkYAML)},
		"data/installation.csv": {Data: []byte(c.String())},
	}
	for b.Loop() {
		var ds generator.Diagnostics
		evidence.Load(fsys, known, &ds)
		if len(ds) < 20_000 {
			b.Fatalf("%d diagnostics, want one a row", len(ds))
		}
	}
}

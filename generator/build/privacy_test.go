package build_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/sitefs"
	"go.yaml.in/yaml/v4"
)

// TestBuiltSitesDeriveNothing builds the sample district and a site for
// each case of the privacy rule (generator/evidence/testdata/privacy), then
// reads back only what a reader gets — the CSV downloads of the charts —
// and asks the audit whether anything withheld can be derived from them.
// Nothing here reads folio's model: the published cells are parsed from the
// built files, and the families are what a reader knows (those declared,
// and sets of published counts that add up to all students).
func TestBuiltSitesDeriveNothing(t *testing.T) {
	sites := map[string]func(t *testing.T) (*build.Result, []byte){
		"sample": func(t *testing.T) (*build.Result, []byte) {
			res, err := build.Generate(sitefs.Dir("../.."), build.Options{Source: "../.."})
			if err != nil {
				t.Fatal(err)
			}
			y, _ := os.ReadFile("../../data/achievement.yaml")
			return res, y
		},
	}
	cases, _ := filepath.Glob("../evidence/testdata/privacy/*.txtar")
	for _, file := range cases {
		sites[strings.TrimSuffix(filepath.Base(file), ".txtar")] = func(t *testing.T) (*build.Result, []byte) {
			a := readArchive(t, file)
			res, err := build.Generate(siteFS(t, a), build.Options{})
			if err != nil {
				t.Fatalf("%v: %v", err, res.Diagnostics)
			}
			return res, []byte(archiveFile(a, "data/achievement.yaml"))
		}
	}
	for name, buildSite := range sites {
		t.Run(name, func(t *testing.T) {
			res, yamlSrc := buildSite(t)
			pub, cells := published(t, res.Files, yamlSrc)
			if cells == 0 {
				t.Fatal("no achievement or trust cells found in the CSV downloads")
			}
			for _, l := range pub.Leaks() {
				t.Errorf("derivable from the built site: %s", l)
			}
		})
	}
}

var (
	achievementCSV = regexp.MustCompile(`^(?:schools/([^/]+)|district)/chart_achievement_(.+)_subgroups\.csv$`)
	trustCSV       = regexp.MustCompile(`^(?:schools/([^/]+)|district)/chart_trust_(.+)_facets\.csv$`)
	leadingInt     = regexp.MustCompile(`^\d+`)
)

// published reads the achievement and trust cells out of the built CSV
// downloads into the shape the audit reads.
func published(t *testing.T, files []generator.File, yamlSrc []byte) (*audit.Published, int) {
	t.Helper()
	var def struct {
		MinN     int                 `yaml:"min_n"`
		Families map[string][]string `yaml:"families"`
	}
	if err := yaml.Unmarshal(yamlSrc, &def); err != nil {
		t.Fatal(err)
	}
	if def.MinN == 0 {
		def.MinN = 10
	}
	a := &audit.Achievement{MinN: def.MinN}
	for name, members := range def.Families {
		a.Families = append(a.Families, generator.Family{Name: name, Members: members})
	}
	tr := &audit.Trust{MinRespondents: 5, ScaleMin: 1, ScaleMax: 6}
	seenA, seenT := map[string]bool{}, map[string]bool{}
	cells := 0
	for _, f := range files {
		var school, rest string
		isAch := false
		if m := achievementCSV.FindStringSubmatch(f.Path); m != nil {
			school, rest, isAch = m[1], m[2], true
		} else if m := trustCSV.FindStringSubmatch(f.Path); m != nil {
			school, rest = m[1], m[2]
		} else {
			continue
		}
		if school == "" {
			school = generator.DistrictID
		}
		prefix := strings.ReplaceAll(school, "-", "_") + "_"
		if !strings.HasPrefix(rest, prefix) {
			t.Fatalf("%s: cannot tell the subject or group from the name", f.Path)
		}
		what := strings.TrimPrefix(rest, prefix) // subject, or trust group
		rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for i, row := range rows[1:] {
			pos := generator.Pos{File: f.Path, Line: i + 2}
			y, _ := strconv.Atoi(row[2][:4])
			year := generator.SchoolYear(y + 1)
			if isAch { // Student group id,Student group,Year,Proficient,Tested
				key := school + " " + row[2] + " " + what + " " + row[0]
				if seenA[key] {
					continue
				}
				seenA[key] = true
				tested := readCount(row[4])
				a.Rows = append(a.Rows, audit.AchievementRow{Pos: pos, School: school, Year: year, Subject: what, Subgroup: row[0],
					Tested: tested, Proficient: readMeasure(row[3], tested)})
				cells++
				continue
			}
			// Facet id,Facet,Year,Mean,Favorable,Respondents
			key := school + " " + row[2] + " " + what + " " + row[0]
			if seenT[key] {
				continue
			}
			seenT[key] = true
			n := readCount(row[5])
			mean := readMeasure(row[3], n)
			tr.Rows = append(tr.Rows, audit.TrustRow{Pos: pos, School: school, Year: year, Group: what, Facet: row[0],
				Mean: mean, Respondents: n, Favorable: readMeasure(row[4], n)})
			cells++
		}
	}
	// What a reader can tell adds up: published counts of up to four
	// subgroups equal to all students', and trust slices where the district
	// is the sum of the schools shown (or more, with some hidden).
	inferFromPublished(a)
	sums := map[generator.TrustSlice][2]int{}
	hiddenIn := map[generator.TrustSlice]bool{}
	for _, r := range tr.Rows {
		k := generator.TrustSlice{Year: r.Year, Group: r.Group, Facet: r.Facet}
		s := sums[k]
		switch {
		case r.School == generator.DistrictID:
			s[0] = r.Respondents.N
		case r.Respondents.Hidden:
			hiddenIn[k] = true
		default:
			s[1] += r.Respondents.N
		}
		sums[k] = s
	}
	for k, s := range sums {
		if s[0] > 0 && (s[0] == s[1] || hiddenIn[k] && s[0] > s[1]) {
			tr.DistrictSums = append(tr.DistrictSums, k)
		}
	}
	return &audit.Published{Achievement: a, Trust: tr}, cells
}

// readCount reads a Tested or Respondents cell: a number (perhaps "25 of
// 31 invited (81%)"), or the reason it is hidden.
func readCount(s string) audit.Count {
	switch {
	case leadingInt.MatchString(s):
		n, _ := strconv.Atoi(leadingInt.FindString(s))
		return audit.Count{N: n}
	case strings.HasPrefix(s, "fewer than"):
		return audit.Count{Hidden: true, Reason: evidence.SmallGroup}
	case strings.Contains(s, "protect"):
		return audit.Count{Hidden: true, Reason: evidence.Complementary}
	}
	return audit.Count{Hidden: true, Reason: evidence.AtSource}
}

// readMeasure reads a percentage or mean cell.
func readMeasure(s string, n audit.Count) audit.Value {
	if n.Hidden {
		return audit.Value{Kind: evidence.Suppressed}
	}
	if strings.HasPrefix(s, "≥") || strings.HasPrefix(s, "≤") || strings.HasPrefix(s, "<") || strings.HasPrefix(s, ">") {
		v, _ := strconv.ParseFloat(strings.TrimRight(strings.TrimLeft(s, "≥≤<>"), "%"), 64)
		return audit.Value{Kind: evidence.Coded, Number: v, Text: s}
	}
	if v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64); err == nil {
		return audit.Value{Kind: evidence.Reported, Number: v}
	}
	return audit.Value{Kind: evidence.NotReported, Text: s}
}

// inferFromPublished adds, at each place, the sets of up to four subgroups
// whose published counts add up to all students' published count.
func inferFromPublished(a *audit.Achievement) {
	type place struct {
		school  string
		year    generator.SchoolYear
		subject string
	}
	counts := map[place]map[string]int{}
	for _, r := range a.Rows {
		p := place{r.School, r.Year, r.Subject}
		if counts[p] == nil {
			counts[p] = map[string]int{}
		}
		if !r.Tested.Hidden {
			counts[p][r.Subgroup] = r.Tested.N
		}
	}
	for p, c := range counts {
		all, ok := c["all"]
		if !ok {
			continue
		}
		var ids []string
		for id, n := range c {
			if id != "all" && n > 0 {
				ids = append(ids, id)
			}
		}
		var walk func(from, left int, pick []string)
		walk = func(from, left int, pick []string) {
			if left == 0 && len(pick) >= 2 {
				a.Inferred = append(a.Inferred, generator.InferredFamily{School: p.school, Year: p.year, Subject: p.subject, Members: append([]string(nil), pick...)})
				return
			}
			if len(pick) == 4 {
				return
			}
			for i := from; i < len(ids); i++ {
				if c[ids[i]] <= left {
					walk(i+1, left-c[ids[i]], append(pick, ids[i]))
				}
			}
		}
		walk(0, all, nil)
	}
}

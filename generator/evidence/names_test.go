package evidence_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

// loadWith is load with the site's school names and date order.
func loadWith(t *testing.T, k evidence.Known, files map[string]string) (*evidence.Data, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys["data/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, k, &ds)
	ds.Sort()
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return ev, out
}

func TestDatesAsSpreadsheetsExportThem(t *testing.T) {
	tests := []struct {
		date  string
		order generator.DateOrder
		want  string // the date read, or the diagnostic
	}{
		{"2025-03-14", generator.ISODates, "2025-03-14"},
		{"2025-03-14", generator.MonthFirst, "2025-03-14"},
		{"3/14/2025", generator.MonthFirst, "2025-03-14"},
		{"03/04/2025", generator.MonthFirst, "2025-03-04"},
		{"14/3/2025", generator.DayFirst, "2025-03-14"},
		{"14.03.2025", generator.DayFirst, "2025-03-14"},
		{"2025-3-4", generator.ISODates, "2025-03-04"},
		{"2025-03-14T00:00:00", generator.MonthFirst, "2025-03-14"},
		{"2025-03-14 09:30", generator.DayFirst, "2025-03-14"},
		{"2025-02-30", generator.ISODates, "data/installation.csv:2:31: date: '2025-02-30' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01"},
		{"3/14/2025", generator.ISODates, "data/installation.csv:2:31: date: '3/14/2025' is not a date — did you mean 2025-03-14? (or set dates: us in folio.yaml to read 3/14/2025 as written)"},
		{"14/3/2025", generator.ISODates, "data/installation.csv:2:31: date: '14/3/2025' is not a date — did you mean 2025-03-14? (or set dates: day-first in folio.yaml to read 14/3/2025 as written)"},
		{"3/4/2025", generator.ISODates, "data/installation.csv:2:31: date: '3/4/2025' is not a date — did you mean 2025-03-04 or 2025-04-03? write YYYY-MM-DD, or set dates: us (month first) or dates: day-first in folio.yaml"},
		{"5/5/2025", generator.ISODates, "data/installation.csv:2:31: date: '5/5/2025' is not a date — did you mean 2025-05-05? (or set dates: us in folio.yaml to read 5/5/2025 as written)"},
		{"45730", generator.ISODates, "data/installation.csv:2:31: date: '45730' is not a date — did you mean 2025-03-14? (a spreadsheet's day number: format the column as a date before exporting)"},
		{"45730", generator.MonthFirst, "data/installation.csv:2:31: date: '45730' is not a date — did you mean 2025-03-14? (a spreadsheet's day number: format the column as a date before exporting)"},
		{"14/3/2025", generator.MonthFirst, "data/installation.csv:2:31: date: '14/3/2025' is not a date — did you mean 2025-03-14? (folio.yaml says dates: us, month first)"},
		{"3/14/2025", generator.DayFirst, "data/installation.csv:2:31: date: '3/14/2025' is not a date — did you mean 2025-03-14? (folio.yaml says dates: day-first)"},
		{"2/30/2025", generator.MonthFirst, "data/installation.csv:2:31: date: '2/30/2025' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01"},
		{"13/13/2025", generator.ISODates, "data/installation.csv:2:31: date: '13/13/2025' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01"},
		{"March 14", generator.ISODates, "data/installation.csv:2:31: date: 'March 14' is not a date — write dates as YYYY-MM-DD, e.g. 2025-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.date+" "+string(tt.order), func(t *testing.T) {
			k := known
			k.Dates = tt.order
			ev, got := loadWith(t, k, map[string]string{
				"framework.yaml":   frameworkYAML,
				"installation.csv": installHeader + "lincoln-middle,partnership-1a,\"" + tt.date + "\",partial,,,\n",
			})
			if strings.HasPrefix(tt.want, "data/") {
				if !slices.Equal(got, []string{tt.want}) {
					t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
				}
				return
			}
			if len(got) > 0 || len(ev.Installation) != 1 || ev.Installation[0].Date.Format(time.DateOnly) != tt.want {
				t.Errorf("read %v with %v, want %s", ev.Installation, got, tt.want)
			}
		})
	}
}

func TestNamesAndLabelsAreReadAsIDs(t *testing.T) {
	k := evidence.Known{
		Schools:     []string{"maple-grove", "lincoln-elementary", "lincoln-middle"},
		SchoolNames: map[string]string{"maple-grove": "Maple Grove Middle School", "lincoln-elementary": "Lincoln", "lincoln-middle": "Lincoln"},
	}
	ev, got := loadWith(t, k, map[string]string{
		"achievement.yaml": strings.Replace(achievementYAML, "  - {id: reading, label: Reading}", "  - {id: algebra, label: Math}", 1),
		"achievement.csv": achievementHeader +
			"  maple grove middle school ,2024-25,MATHEMATICS,All Students,40,50\n" +
			"maple-grove,2024-25,math,female,20,50\n" +
			"Lincoln,2024-25,math,all,40,50\n" +
			"maple-grove,2024-25,MATH,male,20,50\n",
		"trust.yaml":     trustYAML,
		"trust.csv":      trustHeader + "Maple Grove Middle School,2024-25,Teachers,honesty,4.1,20,25,70\n",
		"framework.yaml": frameworkYAML,
		"installation.csv": installHeader +
			"maple-grove,partnership-1a,2025-03-14,fully in place,,https://example.org/a.pdf,\n" +
			"maple-grove,partnership-1b,2025-03-14,Not Applicable,,,\n" +
			"maple-grove,partnership-1b,2025-03-15,Partially In Place,,,\n",
	})
	want := []string{
		"data/achievement.csv:4:1: school 'Lincoln' matches both 'lincoln-elementary' and 'lincoln-middle' — write the id of the one you mean",
		"data/achievement.csv:5:21: subject 'MATH' matches both 'math' and 'algebra' — write the id of the one you mean",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r := ev.Achievement.Results; len(r) != 2 || r[0].School != "maple-grove" || r[0].Subject != "math" || r[0].Subgroup != "all" {
		t.Errorf("achievement rows read as %+v", r)
	}
	if r := ev.Trust.Results; len(r) != 1 || r[0].School != "maple-grove" || r[0].Group != "teachers" {
		t.Errorf("trust rows read as %+v", r)
	}
	if o := ev.Installation; len(o) != 3 || o[0].Status != "in-place" || o[1].Status != generator.NotApplicable || o[2].Status != "partial" {
		t.Errorf("observations read as %+v", o)
	}
}

// A target written in words is one error, not also a target of 0 and
// rows that cannot be derived.
func TestTargetInWordsIsOneMessage(t *testing.T) {
	_, got := loadWith(t, known, map[string]string{
		"framework.yaml":   strings.Replace(frameworkYAML, "target: 4,", "target: four,", 1),
		"installation.csv": installHeader + "lincoln-middle,partnership-1b,2025-03-14,,2,,\n",
	})
	want := []string{"data/framework.yaml:10:80: target: 'four' is not a number — write a number such as 4 or 2.5"}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A school's name shortened, lengthened or mistyped in a CSV is no name of
// the site, but the hint names the school it points at; a name that could
// be two schools names both ids it starts; one that is nothing like any
// gets the general hint.
func TestNameNearlyAName(t *testing.T) {
	k := evidence.Known{
		Schools:     []string{"maple-grove", "lincoln-elementary", "lincoln-middle"},
		SchoolNames: map[string]string{"maple-grove": "Maple Grove Middle School", "lincoln-elementary": "Lincoln Elementary", "lincoln-middle": "Lincoln Middle School"},
	}
	_, got := loadWith(t, k, map[string]string{
		"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader +
			"Maple Grove Middle,2024-25,math,all,40,50\n" +
			"Maple Grove Middle School East,2024-25,math,female,20,50\n" +
			"Mapel Grove Middle School,2024-25,math,male,20,50\n" +
			"Lincoln,2024-25,math,all,40,50\n" +
			"Oak Ridge High,2024-25,math,all,40,50\n",
	})
	where := "school ids are the folder names under content/schools/, or district for the central office"
	want := []string{
		"data/achievement.csv:2:1: unknown school 'Maple Grove Middle' — did you mean 'maple-grove'?",
		"data/achievement.csv:3:1: unknown school 'Maple Grove Middle School East' — did you mean 'maple-grove'?",
		"data/achievement.csv:4:1: unknown school 'Mapel Grove Middle School' — did you mean 'maple-grove'?",
		"data/achievement.csv:5:1: unknown school 'Lincoln' — did you mean 'lincoln-elementary' or 'lincoln-middle'?",
		"data/achievement.csv:6:1: unknown school 'Oak Ridge High' — " + where,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package evidence_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestSpreadsheetQuirks feeds achievement.csv as spreadsheets and state
// downloads write it; every variant must read as the same two results.
func TestSpreadsheetQuirks(t *testing.T) {
	want := []string{
		"lincoln-middle 2023-24 math all 120 61.5",
		"lincoln-middle 2023-24 math female 58 60",
	}
	tests := []struct {
		name  string
		csv   string
		diags []string
	}{
		{"plain", achievementHeader +
			"lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,female,58,60\n", nil},
		{"byte order mark", "\ufeff" + achievementHeader +
			"lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,female,58,60\n", nil},
		{"CRLF line ends", "school,year,subject,subgroup,tested,proficient_pct\r\n" +
			"lincoln-middle,2023-24,math,all,120,61.5\r\nlincoln-middle,2023-24,math,female,58,60\r\n", nil},
		{"quoted fields", `"school","year","subject","subgroup","tested","proficient_pct"` + "\n" +
			`"lincoln-middle","2023-24","math","all","120","61.5"` + "\n" + `lincoln-middle,2023-24,math,female,"58","60%"` + "\n", nil},
		{"trailing blank lines and empty rows", achievementHeader +
			"lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,female,58,60\n\n,,,,,\n\n", nil},
		{"no final newline", achievementHeader +
			"lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,female,58,60", nil},
		{"spaces around fields and headers", " school , year,subject ,subgroup,tested , proficient_pct \n" +
			" lincoln-middle , 2023-24,math , all,120 , 61.5 \nlincoln-middle,\t2023-24,math,female, 58,60 %\n", nil},
		{"space before a quoted field", achievementHeader +
			`lincoln-middle, "2023-24",math,all,120,61.5` + "\nlincoln-middle,2023-24,math,female,58,60\n", nil},
		{"columns in another order", "proficient_pct,tested,subgroup,subject,year,school\n" +
			"61.5,120,all,math,2023-24,lincoln-middle\n60,58,female,math,2023-24,lincoln-middle\n", nil},
		{"header case", "School,YEAR,Subject,SubGroup,Tested,Proficient_Pct\n" +
			"lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,female,58,60\n", nil},
		{"semicolons and decimal commas", "school;year;subject;subgroup;tested;proficient_pct\n" +
			"lincoln-middle;2023-24;math;all;120;61,5\nlincoln-middle;2023-24;math;female;58;60,0\n", nil},
		{"semicolons, commas only inside quotes", "school;year;subject;subgroup;tested;proficient_pct;\"a,b,c,d,e,f,g\"\n" +
			"lincoln-middle;2023-24;math;all;120;61.5;x\nlincoln-middle;2023-24;math;female;58;60;\"y,z\"\n", []string{
			"data/achievement.csv:1:52: warning: column 'a,b,c,d,e,f,g' is not used and is ignored — folio reads only school, year, subject, subgroup, tested, proficient_pct",
		}},
		{"counts with a fraction of zeros, as pandas writes them", achievementHeader +
			"lincoln-middle,2023-24,math,all,120.0,61.5\nlincoln-middle,2023-24,math,female,58.00,60.0\n", nil},
		{"counts with a fraction of zeros, semicolons", "school;year;subject;subgroup;tested;proficient_pct\n" +
			"lincoln-middle;2023-24;math;all;120,0;61,5\nlincoln-middle;2023-24;math;female;58;60\n", nil},
		{"thousands separator in a quoted count", achievementHeader +
			"lincoln-middle,2023-24,math,all,\"1,120\",61.5\nlincoln-middle,2023-24,math,female,58,60\n", nil},
		{"extra columns are ignored with a warning", "school,year,subject,subgroup,tested,proficient_pct,Comment,profcient_pct\n" +
			"lincoln-middle,2023-24,math,all,120,61.5,from the state,\nlincoln-middle,2023-24,math,female,58,60,,\n", []string{
			"data/achievement.csv:1:52: warning: column 'Comment' is not used and is ignored — folio reads only school, year, subject, subgroup, tested, proficient_pct",
			"data/achievement.csv:1:60: warning: column 'profcient_pct' is not used and is ignored — did you mean 'proficient_pct'?",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, diags := load(t, map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": tt.csv})
			checkDiagnostics(t, diags, tt.diags)
			w := want
			if tt.name == "thousands separator in a quoted count" {
				w = []string{"lincoln-middle 2023-24 math all 1120 61.5", want[1]}
			}
			checkRows(t, "results", achievementRows(ev.Achievement), w)
		})
	}
}

// TestQuotedTextKeepsLines checks that a note with a comma and a line break
// is one field, and that lines after it are still counted right.
func TestQuotedTextKeepsLines(t *testing.T) {
	ev, diags := load(t, map[string]string{
		"framework.yaml": frameworkYAML,
		"installation.csv": installHeader +
			"lincoln-middle,partnership-1a,2024-05-15,partial,,,\"met twice, then\nagain in May\"\n" +
			"lincoln-middle,partnership-1a,2025-05-15,parital,,,\n",
	})
	checkDiagnostics(t, diags, []string{
		"data/installation.csv:4:42: unknown status 'parital' — did you mean 'partial'?",
	})
	if len(ev.Installation) != 1 || ev.Installation[0].Note != "met twice, then\nagain in May" {
		t.Errorf("observations = %+v", ev.Installation)
	}
}

// TestTableErrors covers problems of the file's shape, reported at their
// line and column.
func TestTableErrors(t *testing.T) {
	tests := []struct {
		name, csv string
		diags     []string
	}{
		{"missing column", "school,year,subject,subgroup,proficient_pct\nlincoln-middle,2023-24,math,all,61.5\n", []string{
			"data/achievement.csv:1: missing column 'tested' — columns found: school, year, subject, subgroup, proficient_pct",
		}},
		{"ragged row, too few fields", achievementHeader + "lincoln-middle,2023-24,math,all,61.5\n", []string{
			"data/achievement.csv:2:1: row has 5 fields but the header has 6 — check for a missing or extra ',', and quote text that contains one",
		}},
		{"ragged row, too many fields", achievementHeader + "lincoln-middle,2023-24,math,all,120,61,5\n", []string{
			"data/achievement.csv:2:40: row has 7 fields but the header has 6 — check for a missing or extra ',', and quote text that contains one",
		}},
		{"stray quote, and reading goes on", achievementHeader + "lincoln-middle,2023-24,math,all,12\"0,61.5\nlincoln-middle,2023-24,math,male,12,abc\n", []string{
			"data/achievement.csv:2:35: a quote (\") inside a value that does not start with one — put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
			"data/achievement.csv:3:37: proficient_pct: 'abc' is not a number — write a number such as 61.5, a bound such as <5, or * for a value not reported",
		}},
		{"duplicate column", "school,year,subject,subgroup,tested,proficient_pct,year\nlincoln-middle,2023-24,math,all,120,61.5,2024\n", []string{
			"data/achievement.csv:1:52: duplicate column 'year' — the first is at data/achievement.csv:1:8; remove one of the two",
		}},
		{"not UTF-8, reported once", achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\xa0\nlincoln-middle,2023-24,math,all\xe9,120,61.5\n", []string{
			"data/achievement.csv:2:37: proficient_pct: '61.5\\xa0' is not a number — write a number such as 61.5, a bound such as <5, or * for a value not reported",
			"data/achievement.csv:2:37: text is not UTF-8 — save the file as UTF-8 (in Excel: CSV UTF-8)",
			"data/achievement.csv:3:29: unknown subgroup 'all\\xe9' — did you mean 'all'?",
		}},
		// Excel's "Unicode Text": UTF-16, little-endian with a mark, and
		// without one.
		{"UTF-16", utf16LE("\ufeff" + achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n"), []string{
			"data/achievement.csv:1: the file is saved as UTF-16 text, not as CSV — save it again as CSV UTF-8 (in Excel: File → Save As → CSV UTF-8 (Comma delimited)); \"Unicode Text\" is UTF-16",
		}},
		{"UTF-16 without a mark", utf16LE(achievementHeader), []string{
			"data/achievement.csv:1: the file is saved as UTF-16 text, not as CSV — save it again as CSV UTF-8 (in Excel: File → Save As → CSV UTF-8 (Comma delimited)); \"Unicode Text\" is UTF-16",
		}},
		{"bad quote in the header", "school,\"year,subject,subgroup,tested,proficient_pct\nlincoln-middle,2023-24,math,all,120,61.5\n", []string{
			"data/achievement.csv:1: a value in quotes on this row never ends: the file's 2 lines from here on were read as part of it (the header row cannot be read, so the file is skipped) — end the value with a quote (\"), or, if the quote belongs to the value, put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
		}},
		// The rows after an open quote are lost: reported at the row
		// where it opens, not at the file's end.
		{"a quote that never ends", achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\nlincoln-middle,2023-24,math,\"male,12,40.0\nlincoln-middle,2023-24,math,female,12,40.0\nlincoln-middle,2024-25,math,all,120,61.5\n", []string{
			"data/achievement.csv:3: a value in quotes on this row never ends: the file's 3 lines from here on were read as part of it — end the value with a quote (\"), or, if the quote belongs to the value, put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
		}},
		// A quote inside a quoted note, not doubled: the value ends at
		// the next quote, lines below, and the rows after it are read.
		{"a quote inside a quoted value over two lines", achievementHeader + "lincoln-middle,2023-24,math,\"all\nstudents\"s,120,61.5\nlincoln-middle,2023-24,math,male,12,abc\n", []string{
			"data/achievement.csv:3:9: a quote (\") that ends a value is followed by more of it — put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
			"data/achievement.csv:4:37: proficient_pct: 'abc' is not a number — write a number such as 61.5, a bound such as <5, or * for a value not reported",
		}},
		{"a quote left open on the last row", achievementHeader + "lincoln-middle,2023-24,math,\"all,120,61.5\n", []string{
			"data/achievement.csv:2: a value in quotes on this row never ends: the file ends inside it — end the value with a quote (\"), or, if the quote belongs to the value, put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
		}},
		{"the header again, each export with a byte-order mark", "\ufeff" + achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n\ufeff" + achievementHeader + "lincoln-middle,2024-25,math,all,120,61.5\n", []string{
			"data/achievement.csv:3:1: warning: this row repeats the column names of line 1, as files pasted together do — delete the line; folio skips it",
		}},
		{"text after a closing quote", achievementHeader + "lincoln-middle,2023-24,math,\"male\"s,12,40.0\n", []string{
			"data/achievement.csv:2:34: a quote (\") that ends a value is followed by more of it — put a value that holds a quote in double quotes, and double the quotes inside it: \"say \"\"hi\"\"\"",
		}},
		// Two exports pasted into one file: the second header is skipped,
		// with a warning, not six errors.
		{"the header again", achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n" + achievementHeader + "lincoln-middle,2024-25,math,all,120,61.5\n", []string{
			"data/achievement.csv:3:1: warning: this row repeats the column names of line 1, as files pasted together do — delete the line; folio skips it",
		}},
		{"empty file", "", []string{
			"data/achievement.csv:1: file has no header row — the first line names the columns: school,year,subject,subgroup,tested,proficient_pct",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": tt.csv})
			checkDiagnostics(t, diags, tt.diags)
		})
	}
}

// TestStudentLevelColumns refuses any file that looks like it holds
// individual students' records.
func TestStudentLevelColumns(t *testing.T) {
	for _, col := range []string{"student_id", "Student ID", "student", "student_name", "first_name", "LAST_NAME", "dob", "birth_date", "birthdate", "date_of_birth", "ssn", "student_number"} {
		t.Run(col, func(t *testing.T) {
			_, diags := load(t, map[string]string{
				"achievement.yaml": achievementYAML,
				"achievement.csv":  col + "," + achievementHeader + "x,lincoln-middle,2023-24,math,all,120,61.5\n",
			})
			checkDiagnostics(t, diags, []string{
				"data/achievement.csv:1:1: column '" + col + "' looks like student-level data — folio publishes aggregates only; remove the column",
			})
		})
	}
}

// A percentage written without a fraction may stand for anything within
// half a point (Rounding 0.5), whatever else the file holds; one written
// with a fraction, in either decimal mark, within its last digit. A code
// made from a whole number keeps it.
func TestWholePercentagesAreReadAsRounded(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"school,year,subject,subgroup,tested,proficient_pct\n" +
			"lincoln-middle,2024-25,math,all,50,44\nlincoln-middle,2024-25,math,female,25,43.7\n" +
			"lincoln-middle,2024-25,math,male,25,44.0\nlincoln-middle,2024-25,math,black,20,45 %\n" +
			"lincoln-middle,2024-25,reading,all,50,3\nlincoln-middle,2024-25,reading,female,25,4.0\n",
			[]string{"math all 0.5", "math female 0", "math male 0", "math black 0.5", "reading all 0.5", "reading female 0"}},
		{"school;year;subject;subgroup;tested;proficient_pct\n" +
			"lincoln-middle;2024-25;math;all;50;43,7\nlincoln-middle;2024-25;math;female;25;61.5\nlincoln-middle;2024-25;math;male;25;44\n",
			[]string{"math all 0", "math female 0", "math male 0.5"}},
	}
	for _, tt := range tests {
		ev, ds := load(t, map[string]string{"achievement.yaml": achievementYAML, "achievement.csv": tt.file})
		var got []string
		for _, r := range ev.Achievement.Results {
			got = append(got, fmt.Sprintf("%s %s %v", r.Subject, r.Subgroup, r.Proficient.Rounding()))
		}
		if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
			t.Errorf("Rounding: %v\nwant %v\n(%v)", got, tt.want, ds)
		}
	}
	trust := trustHeader + "lincoln-middle,2024-25,teachers,honesty,4.2,20,25,80\nlincoln-middle,2024-25,parents,honesty,4.2,20,25,80.0\n"
	ev, _ := load(t, map[string]string{"trust.yaml": trustYAML, "trust.csv": trust})
	if got := []float64{ev.Trust.Results[0].FavorablePct.Rounding(), ev.Trust.Results[1].FavorablePct.Rounding()}; got[0] != 0.5 || got[1] != 0 {
		t.Errorf("trust: Rounding %v, want [0.5 0] (teachers 80, parents 80.0)", got)
	}
}

// utf16LE is s as UTF-16, little-endian, as Windows saves it.
func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

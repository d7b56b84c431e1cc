package evidence_test

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/evidence"
	"golang.org/x/tools/txtar"
)

// readTxtar reads a txtar archive: each file's name and content.
func readTxtar(t testing.TB, file string) map[string]string {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// loadSite loads the data of an archive's site, its schools known from
// content/schools/.
func loadSite(t testing.TB, files map[string]string) (*evidence.Data, generator.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{}
	var known evidence.Known
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
		if dir, base := path.Split(name); base == "_index.md" && strings.HasPrefix(dir, "content/schools/") {
			known.Schools = append(known.Schools, path.Base(dir))
		}
	}
	var ds generator.Diagnostics
	ev := evidence.Load(fsys, known, &ds)
	return ev, ds
}

// TestWhyCases loads each case of testdata/privacy (the ways a careful
// reader could undo suppression, one per archive) and expects the audit to
// derive nothing from what is published.
func TestWhyCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/privacy/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ev, ds := loadSite(t, readTxtar(t, file))
			if ds.HasErrors() {
				t.Fatalf("errors: %v", ds)
			}
			for _, l := range audit.Check(ev) {
				t.Errorf("derivable: %s", l)
			}
		})
	}
}

// TestWhyCaseDetails checks what each case publishes, so that a case
// cannot pass by publishing nothing at all.
func TestWhyCaseDetails(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"two-hidden-schools", []string{
			"a 2024-25 math black hidden(complementary) suppressed(complementary)",
			"b 2024-25 math black 140 55",
			"c 2024-25 math black hidden(small) suppressed(small)",
			"d 2024-25 math black hidden(small) suppressed(small)",
			"district 2024-25 math black 289 51.6",
		}},
		{"two-hidden-family", []string{
			"a 2024-25 math all 100 46.5",
			"a 2024-25 math black hidden(small) suppressed(small)",
			"a 2024-25 math hispanic hidden(small) suppressed(small)",
			"a 2024-25 math white hidden(complementary) suppressed(complementary)",
		}},
		{"coded-family", []string{
			"a 2024-25 math all 100 80",
			"a 2024-25 math female hidden(complementary) suppressed(complementary)",
			"a 2024-25 math male hidden(complementary) suppressed(complementary)",
		}},
		{"coded-schools", []string{
			"a 2024-25 math all hidden(complementary) suppressed(complementary)",
			"b 2024-25 math all hidden(complementary) suppressed(complementary)",
			"district 2024-25 math all 150 86.7",
		}},
		{"missing-row", []string{
			"b 2024-25 math ell hidden(complementary) suppressed(complementary)",
			"district 2024-25 math ell 30 50",
		}},
		{"no-families", []string{
			"a 2024-25 math all 128 50",
			"a 2024-25 math female hidden(small) suppressed(small)",
			"a 2024-25 math male hidden(complementary) suppressed(complementary)",
			"b 2024-25 math all 128 50",
			"b 2024-25 math female 64 50",
			"b 2024-25 math male 64 50",
			"b 2024-25 math ell hidden(small) suppressed(small)",
			"b 2024-25 math nonell hidden(complementary) suppressed(complementary)",
		}},
		{"at-source", []string{
			"a 2024-25 math all 50 40",
			"a 2024-25 math female hidden(at source) not-reported()",
			"a 2024-25 math male hidden(complementary) suppressed(complementary)",
			"b 2024-25 math all 50 40",
			"b 2024-25 math female hidden(at source) not-reported()",
			"b 2024-25 math male hidden(complementary) suppressed(complementary)",
		}},
		// The district's girls and boys add up to its all students:
		// less jefferson's math, they would give lincoln's all students
		// all proficient. Every math row of the schools goes.
		{"district-without-all-row", []string{
			"district 2024-25 math female 13 30.8",
			"district 2024-25 math male 24 66.7",
			"jefferson-middle 2024-25 math all hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 math female hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 math male hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading all 23 65.2",
			"jefferson-middle 2024-25 reading female hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading male hidden(complementary) suppressed(complementary)",
			"lincoln-middle 2024-25 math all hidden(complementary) suppressed(complementary)",
			"lincoln-middle 2024-25 math female hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math male hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading all hidden(at source) not-reported()",
			"lincoln-middle 2024-25 reading female hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading male hidden(small) suppressed(small)",
		}},
		// The district's 18 White students in math are its two schools',
		// each under 10: the district's row goes.
		{"district-sum-two-small-schools", []string{
			"district 2024-25 math all hidden(complementary) suppressed(complementary)",
			"district 2024-25 math female 42 83.3",
			"district 2024-25 math male hidden(at source) not-reported()",
			"district 2024-25 math black 47 78.7",
			"district 2024-25 math hispanic hidden(complementary) suppressed(complementary)",
			"district 2024-25 math white hidden(complementary) suppressed(complementary)",
			"district 2024-25 reading all hidden(at source) not-reported()",
			"district 2024-25 reading female 36 50",
			"district 2024-25 reading male hidden(complementary) suppressed(complementary)",
			"district 2024-25 reading black 43 23.3",
			"district 2024-25 reading hispanic hidden(complementary) suppressed(complementary)",
			"district 2024-25 reading white 15 ≤7%(7)",
			"jefferson-middle 2024-25 math all 65 89.2",
			"jefferson-middle 2024-25 math female hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 math male hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 math black hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 math hispanic hidden(at source) not-reported()",
			"jefferson-middle 2024-25 math white hidden(small) suppressed(small)",
			"jefferson-middle 2024-25 reading all 59 28.8",
			"jefferson-middle 2024-25 reading female hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading male hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading black hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading hispanic hidden(complementary) suppressed(complementary)",
			"jefferson-middle 2024-25 reading white hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math all hidden(complementary) suppressed(complementary)",
			"lincoln-middle 2024-25 math female hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math male hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math black hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math hispanic hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 math white hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading all hidden(complementary) suppressed(complementary)",
			"lincoln-middle 2024-25 reading female hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading male hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading black hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading hispanic hidden(small) suppressed(small)",
			"lincoln-middle 2024-25 reading white hidden(small) suppressed(small)",
		}},
		// Hispanic's 20, hidden in math, is hidden in reading too, and
		// black's 10 beside it there.
		{"counts-across-subjects", []string{
			"a 2024-25 math all 60 50",
			"a 2024-25 math black hidden(small) suppressed(small)",
			"a 2024-25 math hispanic hidden(complementary) suppressed(complementary)",
			"a 2024-25 math white 33 51.5",
			"a 2024-25 reading all 63 50.8",
			"a 2024-25 reading black hidden(complementary) suppressed(complementary)",
			"a 2024-25 reading hispanic hidden(complementary) suppressed(complementary)",
			"a 2024-25 reading white 33 51.5",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ev, _ := loadSite(t, readTxtar(t, "testdata/privacy/"+tt.file+".txtar"))
			checkRows(t, "results", achievementRows(ev.Achievement), tt.want)
		})
	}
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"trust-schools", []string{
			"a 2024-25 teachers honesty mean=suppressed(small) n=hidden(small) invited=hidden(small) favorable=suppressed(small)",
			"b 2024-25 teachers honesty mean=suppressed(complementary) n=hidden(complementary) invited=hidden(complementary) favorable=suppressed(complementary)",
			// 26 points: at least 4 of 5 answers of 4 or more, as the
			// code says (from 2 up it would be 5).
			"c 2024-25 students honesty mean=5.2 n=5 invited=8 favorable=≥80%(80)",
			"d 2024-25 students honesty mean=2 n=5 invited=8 favorable=≤20%(20)",
			"district 2024-25 teachers honesty mean=4 n=30 invited=40 favorable=70",
		}},
		// One-decimal means: the small school stays hidden, and c's,
		// which gives nothing away when read at the precision written,
		// is published. The district's 57 at "1.8" (105 points at most)
		// less c's 48 at "2.0" (94 at least) leave a and b 11 points
		// for 9 respondents: none of them answered 4 or more, so the
		// district's mean is withheld. (That contradicts the favorable
		// shares, 89.5% less c's "≥95%"; withholding costs nothing true.)
		{"trust-one-decimal-means", []string{
			"a 2024-25 teachers honesty mean=suppressed(small) n=hidden(small) invited=hidden(small) favorable=suppressed(small)",
			"b 2024-25 teachers honesty mean=not-reported() n=hidden(at source) invited=hidden(at source) favorable=not-reported()",
			"c 2024-25 teachers honesty mean=2 n=48 invited=53 favorable=≥95%(95)",
			"district 2024-25 teachers honesty mean=suppressed(complementary) n=57 invited=62 favorable=89.5",
		}},
		// Every respondent at the top of the scale: the district's mean
		// goes.
		{"trust-mean-at-scale-end", []string{
			"a 2024-25 teachers honesty mean=suppressed(small) n=hidden(small) invited=hidden(small) favorable=suppressed(small)",
			"b 2024-25 teachers honesty mean=not-reported() n=hidden(at source) invited=hidden(at source) favorable=not-reported()",
			"c 2024-25 teachers honesty mean=6 n=10 invited=12 favorable=not-reported()",
			"district 2024-25 teachers honesty mean=suppressed(complementary) n=19 invited=28 favorable=not-reported()",
		}},
		// Lincoln's invited goes in every facet, and the district's.
		{"trust-invited", []string{
			"district 2024-25 teachers openness mean=3.81 n=26 invited=hidden(complementary) favorable=57.7",
			"jefferson 2024-25 teachers honesty mean=not-reported() n=hidden(at source) invited=hidden(at source) favorable=not-reported()",
			"jefferson 2024-25 teachers openness mean=suppressed(complementary) n=hidden(complementary) invited=hidden(complementary) favorable=suppressed(complementary)",
			"lincoln 2024-25 teachers honesty mean=suppressed(complementary) n=5 invited=hidden(complementary) favorable=≥80%(80)",
			"lincoln 2024-25 teachers openness mean=suppressed(small) n=hidden(small) invited=hidden(small) favorable=suppressed(small)",
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			ev, _ := loadSite(t, readTxtar(t, "testdata/privacy/"+tt.file+".txtar"))
			checkRows(t, "trust", trustRows(ev.Trust), tt.want)
		})
	}
}

// TestInferredFamiliesWarn: without a families: key, subgroups that add up
// to all students are protected as a family, and check says which line to
// add to achievement.yaml.
func TestInferredFamiliesWarn(t *testing.T) {
	_, ds := loadSite(t, readTxtar(t, "testdata/privacy/no-families.txtar"))
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"data/achievement.csv:2: warning: female and male add up to all students (at 2 of 2 school years and subjects); folio treats them as a family — declare it under families: in data/achievement.yaml, e.g. female-male: [female, male]",
		"data/achievement.csv:5: warning: ell and nonell add up to all students (at 1 of 1 school years and subjects); folio treats them as a family — declare it under families: in data/achievement.yaml, e.g. ell-nonell: [ell, nonell]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

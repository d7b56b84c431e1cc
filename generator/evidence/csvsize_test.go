package evidence_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/evidence"
)

// hugeFS reports one file as larger than it is, so that a test can check
// a size limit without writing 100 MB.
type hugeFS struct {
	fstest.MapFS
	name string
	size int64
}

func (h hugeFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := h.MapFS.Stat(name)
	if err == nil && name == h.name {
		return sizedInfo{fi, h.size}, nil
	}
	return fi, err
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }

func TestCSVOverTheSizeLimitIsAnError(t *testing.T) {
	fsys := hugeFS{MapFS: fstest.MapFS{
		"data/installation.csv": {Data: []byte("school,indicator,date,status\n")},
	}, name: "data/installation.csv", size: evidence.MaxCSVSize + 1}
	var ds generator.Diagnostics
	evidence.Load(fsys, evidence.Known{}, &ds)
	want := "data/installation.csv: CSV file is larger than the limit of 100 MB (100,000,001 bytes) — publish aggregates: one row per school, year and group, not per student"
	for _, d := range ds {
		if d.String() == want {
			return
		}
	}
	t.Errorf("diagnostics = %v\nwant the line %s", ds, want)
}

// TestCSVRowWidthIsBounded: a row of more fields than any evidence file
// has is refused before the CSV reader holds them all (one 50 MB line of
// commas took 5 GB); a wide row of notes that is not is read.
func TestCSVRowWidthIsBounded(t *testing.T) {
	_, diags := load(t, map[string]string{"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5\n" + strings.Repeat(",", 5_000_000) + "\n"})
	checkDiagnostics(t, diags, []string{
		"data/achievement.csv:3: row has more than 1000 fields (5000000 separators) — each row holds one school, year and group: a few columns",
	})
	_, diags = load(t, map[string]string{"achievement.yaml": achievementYAML,
		"achievement.csv": achievementHeader + "lincoln-middle,2023-24,math,all,120,61.5," + strings.Repeat(",", 900) + "\n"})
	for _, d := range diags {
		if strings.Contains(d, "more than 1000 fields") {
			t.Errorf("a row of 907 fields is refused: %s", d)
		}
	}
}

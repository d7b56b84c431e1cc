package evidence_test

import (
	"io/fs"
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
	want := "data/installation.csv: CSV file is larger than the limit of 100 MB (100000001 bytes) — publish aggregates: one row per school, year and group, not per student"
	for _, d := range ds {
		if d.String() == want {
			return
		}
	}
	t.Errorf("diagnostics = %v\nwant the line %s", ds, want)
}

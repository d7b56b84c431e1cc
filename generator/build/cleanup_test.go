package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
)

// cleanupSite is a site folder with a previous build in public/, and the
// folder public/ is in.
func cleanupSite(t *testing.T) (opts Options, parent string) {
	t.Helper()
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	opts = Options{Source: src}
	if _, err := buildWith(context.Background(), opts, func(_ fs.FS, _ Options, sink func(generator.File) error) (*Result, error) {
		return &Result{}, sink(generator.File{Path: "index.html", Data: []byte("previous")})
	}); err != nil {
		t.Fatal(err)
	}
	return opts, src
}

// assertUntouched checks that public/ still holds the previous build and
// that no temporary folder is left beside it.
func assertUntouched(t *testing.T, parent string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(parent, "public", "index.html"))
	if err != nil || string(data) != "previous" {
		t.Errorf("previous output changed: %q, %v", data, err)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

func TestAPanickingStageLeavesNoTemporaryFolder(t *testing.T) {
	opts, parent := cleanupSite(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		buildWith(context.Background(), opts, func(_ fs.FS, _ Options, sink func(generator.File) error) (*Result, error) {
			sink(generator.File{Path: "index.html", Data: []byte("half")})
			sink(generator.File{Path: "schools/a/index.html", Data: []byte("half")})
			var charts []int
			_ = charts[3] // index out of range, like the trust chart of issue 11
			return nil, nil
		})
	}()
	assertUntouched(t, parent)
}

func TestAFailingStageLeavesNoTemporaryFolder(t *testing.T) {
	opts, parent := cleanupSite(t)
	boom := errors.New("boom")
	_, err := buildWith(context.Background(), opts, func(_ fs.FS, _ Options, sink func(generator.File) error) (*Result, error) {
		sink(generator.File{Path: "schools/a/index.html", Data: []byte("half")})
		return &Result{}, boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	assertUntouched(t, parent)
}

// Ctrl-C cancels the context: the temporary folder goes at once, while the
// stage is still running, and every later write fails.
func TestAnInterruptedBuildRemovesItsTemporaryFolderAtOnce(t *testing.T) {
	opts, parent := cleanupSite(t)
	ctx, cancel := context.WithCancelCause(context.Background())
	stopped := errors.New("interrupted")
	var lateWrite error
	_, err := buildWith(ctx, opts, func(_ fs.FS, _ Options, sink func(generator.File) error) (*Result, error) {
		if err := sink(generator.File{Path: "schools/a/index.html", Data: []byte("half")}); err != nil {
			t.Fatal(err)
		}
		cancel(stopped)
		deadline := time.Now().Add(10 * time.Second)
		for {
			left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*"))
			if len(left) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("temporary folder still there after the cancel: %v", left)
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		lateWrite = sink(generator.File{Path: "schools/b/index.html", Data: []byte("late")})
		return &Result{}, nil
	})
	if !errors.Is(err, stopped) {
		t.Errorf("err = %v, want the cancel's cause", err)
	}
	if lateWrite == nil {
		t.Error("a write after the cancel succeeded")
	}
	assertUntouched(t, parent)
}
